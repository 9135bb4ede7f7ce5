//! Every real STUN message under `testdata/packets/stun/` decoded by us and by
//! Wireshark, and checked with the credentials recorded when it was captured.
//!
//! Beside each `NAME.bin` is `NAME.tshark.txt`: `tshark -V` on the frame it was cut
//! from (the command is on its first line). The header (type, class, method, length,
//! cookie, transaction ID) and, attribute by attribute, the type, the length and every
//! value both decode (texts, addresses after unmasking, ports, families, priority,
//! tie-breaker, network info, error class/number/reason, lifetime, transport, channel,
//! EVEN-PORT's R bit, reservation token, HMAC, CRC and tshark's CRC verdict, raw values
//! of the attributes neither decodes) are rendered as the `label: value` lines tshark
//! prints and compared, in order.
//!
//! tshark 4.0 names some types differently: 0x0003 `CHANGE_REQUEST`, 0x0027 (RFC 5780
//! RESPONSE-PORT) `XOR-RESPONSE-TARGET` from a pre-RFC draft, which it then reads as an
//! address, and 0x8032 (coturn's pre-RFC 8656 ADDITIONAL-ADDRESS-FAMILY)
//! `MS-ALTERNATE-HOST-NAME`; the values of those are not compared. Messages tshark reads
//! as classic STUN (RFC 3489) are compared on the header. coturn ends its ERROR-CODE
//! reason phrases with a NUL byte, counted in the attribute length; we keep it in the
//! decoded text, tshark shows the text before it.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rtcinspect_wire::stun::{Attribute, AttributeType, Message, RawAttribute};

/// `testdata/packets`, or the folder `RTCINSPECT_PACKETS_DIR` names.
fn packets_dir() -> PathBuf {
    std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    )
}

/// `(file stem, message bytes, tshark text)` for every `.bin` with a `.tshark.txt`.
fn cases() -> Vec<(String, Vec<u8>, String)> {
    let dir = packets_dir().join("stun");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "bin") {
            let txt = path.with_extension("tshark.txt");
            if let Ok(text) = std::fs::read_to_string(&txt) {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((stem, std::fs::read(&path).unwrap(), text));
            }
        }
    }
    out.sort();
    out
}

type Lines = Vec<(String, String)>;

/// One STUN message as tshark shows it: the header lines, then per attribute its type
/// code and its lines.
#[derive(Debug, Default)]
struct Shown {
    classic: bool,
    header: Lines,
    attributes: Vec<(u16, Lines)>,
}

/// tshark's names that are not ours.
fn tshark_type_code(name: &str) -> Option<u16> {
    // Classic STUN (RFC 3489) prints `MAPPED-ADDRESS (0x0001)`; MS-TURN names an
    // attribute it does not know `MS-TURN UNKNOWN 8006`.
    if let Some(code) = name
        .rsplit_once("(0x")
        .and_then(|(_, h)| h.strip_suffix(')'))
        .or_else(|| name.strip_prefix("MS-TURN UNKNOWN "))
    {
        return u16::from_str_radix(code, 16).ok();
    }
    match name {
        "CHANGE_REQUEST" => Some(0x0003),
        "XOR-RESPONSE-TARGET" => Some(0x0027),
        "MS-ALTERNATE-HOST-NAME" => Some(0x8032),
        // Microsoft's [MS-TURN] and [MS-ICE2] attributes, by tshark's names.
        "MAGIC-COOKIE" => Some(0x000f),
        "BANDWIDTH" => Some(0x0010),
        "MS-VERSION" => Some(0x8008),
        "MS-APP-ID" => Some(0x8037),
        "MS-SEQUENCE-NUMBER" => Some(0x8050),
        "MS-CANDIDATE-IDENTIFIER" => Some(0x8054),
        "MS-SERVICE-QUALITY" => Some(0x8055),
        "MS-IMPLEMENTATION-VERSION" => Some(0x8070),
        _ => (0..=u16::MAX).find(|&c| AttributeType::from_code(c).name() == Some(name)),
    }
}

/// The first STUN section of a `tshark -V` text.
fn shown(text: &str) -> Option<Shown> {
    let mut out: Option<Shown> = None;
    let mut in_attributes = false;
    for line in text.lines() {
        // Comments, blank lines, and the hex dump tshark prints of DATA's bytes.
        let hex_dump = line.len() > 6
            && line.as_bytes()[..4].iter().all(u8::is_ascii_hexdigit)
            && line[4..].starts_with("  ");
        if line.starts_with('#') || line.trim().is_empty() || hex_dump {
            continue;
        }
        if !line.starts_with(' ') {
            if out.is_some() {
                break;
            }
            if line.starts_with("Session Traversal Utilities for NAT")
                || line.starts_with("Simple Traversal of UDP Through NAT")
            {
                out = Some(Shown {
                    classic: line.starts_with("Simple"),
                    ..Shown::default()
                });
            }
            continue;
        }
        let Some(s) = out.as_mut() else { continue };
        let indent = line.len() - line.trim_start().len();
        let mut l = line.trim();
        if indent == 4 && l == "Attributes" {
            in_attributes = true;
            continue;
        }
        if in_attributes && indent == 8 {
            // An attribute's title: `USERNAME: x` or `Unknown attribute 0xc071`.
            if let Some(hex) = l.strip_prefix("Unknown attribute 0x") {
                s.attributes
                    .push((u16::from_str_radix(hex, 16).unwrap(), Vec::new()));
            } else {
                s.attributes.push((u16::MAX, Vec::new()));
            }
            continue;
        }
        // Computed values print as `[IP: 192.0.2.1]`; expert info as `[Expert ...]`.
        if let Some(inner) = l.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            l = inner;
        }
        if let Some((bits, rest)) = l.split_once(" = ") {
            if bits.chars().all(|c| matches!(c, '0' | '1' | '.' | ' ')) {
                l = rest;
            }
        }
        let Some((label, value)) = l.split_once(": ") else {
            continue;
        };
        let entry = (label.to_owned(), normalise(label, value.trim()));
        match s.attributes.last_mut() {
            Some((code, lines)) if in_attributes => {
                if label == "Attribute Type" && *code == u16::MAX {
                    *code = tshark_type_code(value.trim()).unwrap_or(u16::MAX - 1);
                }
                lines.push(entry);
            }
            _ => s.header.push(entry),
        }
    }
    out
}

/// tshark's value reduced to what we render.
fn normalise(label: &str, value: &str) -> String {
    let last_paren = |v: &str| {
        v.rsplit_once('(')
            .and_then(|(_, n)| n.strip_suffix(')'))
            .unwrap_or(v)
            .to_owned()
    };
    match label {
        // Classic STUN: `Binding Request (0x0001)` and a hex length.
        "Message Type" if !value.starts_with("0x") && value.ends_with(')') => last_paren(value),
        "Message Length" if value.starts_with("0x") => u16::from_str_radix(&value[2..], 16)
            .map_or_else(|_| value.to_owned(), |n| n.to_string()),
        "Message Class"
        | "Google Network Cost"
        | "Protocol Family"
        | "Transport"
        | "Reserve next" => last_paren(value),
        "Username" | "Realm" | "Nonce" | "Software" | "Error Reason Phrase" | "IP" | "Value" => {
            value.to_owned()
        }
        _ => value.split(' ').next().unwrap_or("").to_lowercase(),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

fn push(l: &mut Lines, label: &str, value: impl ToString) {
    l.push((label.to_owned(), value.to_string()));
}

fn header_lines(m: &Message<'_>, classic: bool) -> Lines {
    let mut l = Lines::new();
    push(
        &mut l,
        "Message Type",
        format!("{:#06x}", m.message_type_field()),
    );
    if !classic {
        push(&mut l, "Message Class", m.class().bits());
        push(
            &mut l,
            "Message Method",
            format!("{:#06x}", m.method().code()),
        );
    }
    push(&mut l, "Message Length", m.length_field());
    if classic {
        push(
            &mut l,
            "Message Transaction ID",
            hex(&m.classic_transaction_id()),
        );
    } else {
        push(
            &mut l,
            "Message Cookie",
            format!("{:08x}", m.magic_cookie()),
        );
        push(&mut l, "Message Transaction ID", hex(&m.transaction_id().0));
    }
    l
}

fn address_lines(l: &mut Lines, addr: std::net::SocketAddr) {
    push(
        l,
        "Protocol Family",
        if addr.is_ipv4() { "0x01" } else { "0x02" },
    );
    push(l, "Port", addr.port());
    push(l, "IP", addr.ip());
}

/// What we render for one attribute; `fingerprint_ok` is our FINGERPRINT verdict.
fn attribute_lines(a: &RawAttribute<'_>, fingerprint_ok: bool) -> Lines {
    let mut l = Lines::new();
    push(&mut l, "Attribute Length", a.value().len());
    if matches!(a.type_code(), 0x0027 | 0x8032) {
        return l; // tshark reads these as other attributes.
    }
    if matches!(
        a.type_code(),
        0x000f | 0x0010 | 0x8006 | 0x8008 | 0x8037 | 0x8050 | 0x8054 | 0x8055 | 0x8070
    ) {
        return l; // Microsoft's [MS-TURN]/[MS-ICE2] fields: tshark decodes, we keep raw.
    }
    let pad = a.padding().len();
    match a.decode() {
        Ok(
            Attribute::XorMappedAddress(addr)
            | Attribute::XorPeerAddress(addr)
            | Attribute::XorRelayedAddress(addr)
            | Attribute::MappedAddress(addr)
            | Attribute::ResponseOrigin(addr)
            | Attribute::OtherAddress(addr)
            | Attribute::AlternateServer(addr),
        ) => address_lines(&mut l, addr),
        Ok(Attribute::Username(s)) => {
            push(&mut l, "Username", s);
            if pad > 0 {
                push(&mut l, "Padding", pad);
            }
        }
        Ok(Attribute::Realm(s)) => {
            push(&mut l, "Realm", s);
            if pad > 0 {
                push(&mut l, "Padding", pad);
            }
        }
        Ok(Attribute::Nonce(s)) => {
            push(&mut l, "Nonce", s);
            if pad > 0 {
                push(&mut l, "Padding", pad);
            }
        }
        Ok(Attribute::Software(s)) => {
            push(&mut l, "Software", s);
            if pad > 0 {
                push(&mut l, "Padding", pad);
            }
        }
        Ok(Attribute::Priority(p)) => push(&mut l, "Priority", p),
        Ok(Attribute::IceControlled(t) | Attribute::IceControlling(t)) => {
            push(&mut l, "Tie breaker", format!("{t:016x}"));
        }
        Ok(Attribute::GoogNetworkInfo(n)) => {
            push(&mut l, "Google Network ID", n.network_id);
            push(&mut l, "Google Network Cost", n.network_cost);
        }
        Ok(Attribute::MessageIntegrity(mac)) => push(&mut l, "HMAC-SHA1", hex(mac)),
        Ok(Attribute::Fingerprint(crc)) => {
            push(&mut l, "CRC-32", format!("{crc:#010x}"));
            let verdict = if fingerprint_ok { "good" } else { "bad" };
            push(&mut l, "CRC-32 Status", verdict);
        }
        Ok(Attribute::ErrorCode(e)) => {
            push(&mut l, "Error Class", e.class());
            push(&mut l, "Error Code", e.number());
            // coturn ends its reason phrases with a NUL byte (counted in the length);
            // tshark shows the text up to it.
            push(
                &mut l,
                "Error Reason Phrase",
                e.reason.trim_end_matches('\0'),
            );
            if pad > 0 {
                push(&mut l, "Padding", pad);
            }
        }
        Ok(Attribute::Lifetime(t)) => push(&mut l, "Lifetime", t),
        Ok(Attribute::RequestedTransport(p)) => push(&mut l, "Transport", format!("{p:#04x}")),
        Ok(Attribute::ChannelNumber(c)) => push(&mut l, "Channel-Number", format!("{c:#06x}")),
        Ok(Attribute::EvenPort(r)) => {
            push(&mut l, "Reserve next", u8::from(r));
            push(&mut l, "Padding", pad);
        }
        Ok(Attribute::ReservationToken(t)) => push(&mut l, "Token", format!("{t:016x}")),
        Ok(Attribute::Data(d)) => push(&mut l, "Value", hex(d)),
        Ok(Attribute::Other {
            attr_type: AttributeType::ChangeRequest,
            value,
        }) => {
            let flags = value.last().copied().unwrap_or(0);
            let set = |bit| if flags & bit != 0 { "set" } else { "not" };
            push(&mut l, "Change IP", set(0x04));
            push(&mut l, "Change Port", set(0x02));
        }
        Ok(Attribute::Other {
            attr_type: AttributeType::Padding,
            ..
        }) => {}
        Ok(Attribute::Other { value, .. }) if !value.is_empty() => {
            push(&mut l, "Value", hex(value));
        }
        _ => {}
    }
    l
}

/// tshark's lines restricted to the labels in `ours`, compared in order; tshark cuts
/// long values short with an ellipsis, so a shown prefix matches.
fn compare(
    name: &str,
    what: &str,
    ours: &Lines,
    theirs: &Lines,
    errors: &mut Vec<String>,
) -> usize {
    let labels: Vec<&str> = ours.iter().map(|(l, _)| l.as_str()).collect();
    let theirs: Lines = theirs
        .iter()
        .filter(|(l, _)| labels.contains(&l.as_str()))
        .cloned()
        .collect();
    let same = |(a, b): (&(String, String), &(String, String))| {
        a.0 == b.0
            && (a.1.to_lowercase() == b.1.to_lowercase()
                || b.1
                    .strip_suffix('…')
                    .is_some_and(|shown| a.1.starts_with(shown)))
    };
    if ours.len() != theirs.len() || !ours.iter().zip(&theirs).all(same) {
        let mut msg = format!("{name}: {what}\n");
        for i in 0..ours.len().max(theirs.len()) {
            let a = ours.get(i).map(|(l, v)| format!("{l}: {v}"));
            let b = theirs.get(i).map(|(l, v)| format!("{l}: {v}"));
            let mark = if a == b { " " } else { "≠" };
            let _ = writeln!(msg, "  {mark} ours {a:?}  tshark {b:?}");
        }
        errors.push(msg);
    }
    ours.len()
}

#[test]
fn stun_matches_tshark() {
    let cases = cases();
    assert!(!cases.is_empty());
    let mut errors = Vec::new();
    let mut compared = 0;
    for (name, bytes, text) in &cases {
        let Some(shown) = shown(text) else {
            errors.push(format!("{name}: tshark shows no STUN"));
            continue;
        };
        let m = match Message::new_checked(&bytes[..]) {
            Ok(m) => m,
            // MS-TURN's unpadded attributes (files named so): tshark flags them
            // malformed too; we refuse them (`real_round_trip.rs`).
            Err(_) if name.contains("malformed") => continue,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        compared += compare(
            name,
            "header",
            &header_lines(&m, shown.classic),
            &shown.header,
            &mut errors,
        );
        if shown.classic {
            continue;
        }
        let ours: Vec<RawAttribute<'_>> = m.attributes().collect();
        if ours.len() != shown.attributes.len() {
            errors.push(format!(
                "{name}: we read {} attributes, tshark {}",
                ours.len(),
                shown.attributes.len()
            ));
            continue;
        }
        let fingerprint_ok = m.check_fingerprint().is_ok();
        for (i, (a, (code, lines))) in ours.iter().zip(&shown.attributes).enumerate() {
            if a.type_code() != *code {
                errors.push(format!(
                    "{name}: attribute {i} is {:#06x} for us, {code:#06x} for tshark",
                    a.type_code()
                ));
                continue;
            }
            let what = format!("attribute {i} ({})", a.attr_type());
            compared += 1 + compare(
                name,
                &what,
                &attribute_lines(a, fingerprint_ok),
                lines,
                &mut errors,
            );
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // At least the header and the attribute types of every message.
    assert!(compared >= 6 * cases.len(), "{compared} lines compared");
    eprintln!("{compared} STUN lines compared with tshark");
}
