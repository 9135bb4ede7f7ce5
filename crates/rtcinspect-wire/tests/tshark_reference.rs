//! Every real packet under `testdata/packets/` decoded by us and by Wireshark.
//!
//! Beside each `NAME.bin` is `NAME.tshark.txt`: `tshark -V` on the frame it was cut
//! from (the command is on its first line). This test renders our decoding of the
//! packet as the `label: value` lines tshark prints, for every field both decode, and
//! compares them with tshark's lines, in order. Labels are tshark's; values are
//! normalised (the number of `Sender Report (200)`, the bytes of `6 (28 bytes)`, the
//! hex of `0x1ae81a9f (451418783)`).
//!
//! Left out, and why: transport-cc and RFC 8888 feedback bodies (compared field by
//! field in `twcc_real.rs`), payload descriptors (in `payload_diff.rs`), the XR RRTR
//! timestamp (tshark prints it as a date), APP data and RPSI bit strings beyond the
//! bytes. In SRTP/SRTCP files (named `…srtcp…`, or RTP whose padding is encrypted) only
//! what is in the clear is compared.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rtcinspect_wire::rtcp::fb::{PayloadFeedbackFci, RtpFeedbackFci};
use rtcinspect_wire::rtcp::xr::XrBlockKind;
use rtcinspect_wire::rtcp::{Compound, ReportBlock, RtcpPacket, SdesItemType};
use rtcinspect_wire::rtp::RtpPacket;

/// `testdata/packets`, or the folder `RTCINSPECT_PACKETS_DIR` names.
fn packets_dir() -> PathBuf {
    std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    )
}

/// `(file stem, packet bytes, tshark text)` for every `.bin` with a `.tshark.txt`.
fn cases(kind: &str) -> Vec<(String, Vec<u8>, String)> {
    let dir = packets_dir().join(kind);
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

/// One protocol section of tshark's output: its title and its `label: value` lines.
#[derive(Debug)]
struct Section {
    title: String,
    fields: Vec<(String, String)>,
}

/// The RTP or RTCP sections of a `tshark -V` text.
fn sections(text: &str, prefix: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            inside = line.starts_with(prefix);
            if inside {
                out.push(Section {
                    title: line.to_owned(),
                    fields: Vec::new(),
                });
            }
            continue;
        }
        let Some(section) = out.last_mut().filter(|_| inside) else {
            continue;
        };
        let mut line = line.trim();
        if line.starts_with('[') {
            continue;
        }
        // Bit fields print as `..0. .... = Padding: False`.
        if let Some((bits, rest)) = line.split_once(" = ") {
            if bits.chars().all(|c| matches!(c, '0' | '1' | '.' | ' ')) {
                line = rest;
            }
        }
        if let Some((label, value)) = line.split_once(": ") {
            section
                .fields
                .push((label.to_owned(), normalise(label, value.trim())));
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
        "Packet type"
        | "Type"
        | "Payload type"
        | "RTCP Feedback message type (FMT)"
        | "Defined by profile" => last_paren(value),
        "Length" if value.ends_with("bytes)") => last_paren(value),
        "Text"
        | "Name (ASCII)"
        | "Extension Data"
        | "Unique Identifier"
        | "Feedback Control Information (FCI)" => value.to_owned(),
        _ => value.split(' ').next().unwrap_or("").to_lowercase(),
    }
}

/// What we render: `label: value` lines with tshark's labels.
#[derive(Default)]
struct Lines(Vec<(String, String)>);

impl Lines {
    fn push(&mut self, label: &str, value: impl ToString) {
        self.0
            .push((label.to_owned(), value.to_string().to_lowercase()));
    }

    fn text(&mut self, label: &str, value: &[u8]) {
        self.0.push((
            label.to_owned(),
            String::from_utf8_lossy(value).into_owned(),
        ));
    }

    fn hex(value: u32) -> String {
        format!("{value:#010x}")
    }

    fn bytes(len: usize) -> String {
        format!("{len} bytes")
    }

    fn bool(b: bool) -> &'static str {
        if b { "true" } else { "false" }
    }

    /// tshark's lines restricted to the labels we render, in order; returns how many
    /// lines were compared.
    fn compare(&self, name: &str, tshark: &Section, errors: &mut Vec<String>) -> usize {
        let labels: Vec<&str> = self.0.iter().map(|(l, _)| l.as_str()).collect();
        let theirs: Vec<(String, String)> = tshark
            .fields
            .iter()
            .filter(|(l, _)| labels.contains(&l.as_str()))
            .map(|(l, v)| (l.clone(), v.to_lowercase()))
            .collect();
        let ours: Vec<(String, String)> = self
            .0
            .iter()
            .map(|(l, v)| (l.clone(), v.to_lowercase()))
            .collect();
        // tshark cuts long values short with an ellipsis: compare what it shows.
        let same = |(a, b): (&(String, String), &(String, String))| {
            a.0 == b.0
                && (a.1 == b.1
                    || b.1
                        .strip_suffix('…')
                        .is_some_and(|shown| a.1.starts_with(shown)))
        };
        if ours.len() != theirs.len() || !ours.iter().zip(&theirs).all(same) {
            let mut msg = format!("{name}: {}\n", tshark.title);
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
}

fn rtp_lines(packet: &RtpPacket<&[u8]>, padding_in_clear: bool) -> Lines {
    let mut l = Lines::default();
    l.push("Padding", Lines::bool(packet.has_padding()));
    l.push("Extension", Lines::bool(packet.has_extension()));
    l.push("Contributing source identifiers count", packet.csrc_count());
    l.push("Marker", Lines::bool(packet.marker()));
    l.push("Payload type", packet.payload_type());
    l.push("Sequence number", packet.sequence_number());
    l.push("Timestamp", packet.timestamp());
    l.push(
        "Synchronization Source identifier",
        Lines::hex(packet.ssrc()),
    );
    for (i, csrc) in packet.csrcs().enumerate() {
        l.push(&format!("CSRC item {i}"), Lines::hex(csrc));
    }
    if let Some(ext) = packet.extension() {
        l.push("Defined by profile", format!("{:#06x}", ext.profile()));
        l.push("Extension length", ext.data().len() / 4);
        for element in ext.elements().map_while(Result::ok) {
            l.push("Identifier", element.id);
            l.push("Length", element.data.len());
            let hex: String = element.data.iter().map(|b| format!("{b:02x}")).collect();
            l.push("Extension Data", hex);
        }
    }
    if padding_in_clear && packet.has_padding() {
        l.push("Padding count", packet.padding_len());
    }
    l
}

#[test]
fn rtp_matches_tshark() {
    let cases = cases("rtp");
    assert!(!cases.is_empty());
    let mut errors = Vec::new();
    let mut compared = 0;
    for (name, bytes, text) in &cases {
        let tshark = sections(text, "Real-Time Transport Protocol");
        let Some(section) = tshark.first() else {
            errors.push(format!("{name}: tshark shows no RTP"));
            continue;
        };
        let (packet, clear) = match RtpPacket::new_checked(&bytes[..]) {
            Ok(p) => (p, true),
            Err(_) => (RtpPacket::new_checked_header(&bytes[..]).unwrap(), false),
        };
        compared += rtp_lines(&packet, clear).compare(name, section, &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // At least the fixed header of every packet.
    assert!(compared >= 8 * cases.len(), "{compared} lines compared");
    eprintln!("{compared} RTP lines compared with tshark");
}

fn report_block(l: &mut Lines, b: &ReportBlock) {
    l.push("Identifier", Lines::hex(b.ssrc));
    l.push("Fraction lost", b.fraction_lost);
    l.push("Cumulative number of packets lost", b.cumulative_lost);
    l.push(
        "Extended highest sequence number received",
        b.extended_highest_sequence,
    );
    l.push("Sequence number cycles count", b.sequence_cycles());
    l.push("Highest sequence number received", b.highest_sequence());
    l.push("Interarrival jitter", b.jitter);
    l.push("Last SR timestamp", b.last_sr);
    l.push("Delay since last SR timestamp", b.delay_since_last_sr);
}

fn rtcp_lines(packet: &RtcpPacket<'_>) -> Lines {
    let raw = packet.raw();
    let mut l = Lines::default();
    l.push("Padding", Lines::bool(raw.has_padding()));
    let count_label = match packet {
        RtcpPacket::SenderReport(_) | RtcpPacket::ReceiverReport(_) => {
            Some("Reception report count")
        }
        RtcpPacket::Sdes(_) | RtcpPacket::Bye(_) => Some("Source count"),
        RtcpPacket::App(_) => Some("Subtype"),
        RtcpPacket::RtpFeedback(_) | RtcpPacket::PayloadFeedback(_) => {
            Some("RTCP Feedback message type (FMT)")
        }
        _ => None,
    };
    if let Some(label) = count_label {
        l.push(label, raw.count());
    }
    l.push("Packet type", raw.packet_type());
    l.push("Length", Lines::bytes(raw.len()));
    match packet {
        RtcpPacket::SenderReport(sr) => {
            let info = sr.sender_info();
            l.push("Sender SSRC", Lines::hex(sr.ssrc()));
            l.push("Timestamp, MSW", info.ntp_timestamp >> 32);
            l.push("Timestamp, LSW", info.ntp_timestamp & 0xffff_ffff);
            l.push("RTP timestamp", info.rtp_timestamp);
            l.push("Sender's packet count", info.packet_count);
            l.push("Sender's octet count", info.octet_count);
            sr.report_blocks().for_each(|b| report_block(&mut l, &b));
        }
        RtcpPacket::ReceiverReport(rr) => {
            l.push("Sender SSRC", Lines::hex(rr.ssrc()));
            rr.report_blocks().for_each(|b| report_block(&mut l, &b));
        }
        RtcpPacket::Sdes(sdes) => {
            for chunk in sdes.chunks() {
                l.push("Identifier", Lines::hex(chunk.ssrc()));
                for item in chunk.items() {
                    l.push("Type", u8::from(item.item_type));
                    l.push("Length", item.value.len());
                    if item.item_type != SdesItemType::Priv {
                        l.text("Text", item.value);
                    }
                }
                l.push("Type", 0);
            }
        }
        RtcpPacket::Bye(bye) => {
            bye.ssrcs()
                .for_each(|s| l.push("Identifier", Lines::hex(s)));
            if let Some(reason) = bye.reason() {
                l.push("Length", reason.len());
                l.text("Text", reason);
            }
        }
        RtcpPacket::App(app) => {
            l.push("Identifier", Lines::hex(app.ssrc()));
            l.text("Name (ASCII)", &app.name());
        }
        RtcpPacket::RtpFeedback(fb) => {
            l.push("Sender SSRC", Lines::hex(fb.sender_ssrc()));
            l.push("Media source SSRC", Lines::hex(fb.media_ssrc()));
            if let Ok(RtpFeedbackFci::Nack(nack)) = fb.fci() {
                for pair in nack.pairs() {
                    l.push("RTCP Transport Feedback NACK PID", pair.pid);
                    l.push(
                        "RTCP Transport Feedback NACK BLP",
                        format!("{:#06x}", pair.blp),
                    );
                }
            }
        }
        RtcpPacket::PayloadFeedback(fb) => {
            l.push("Sender SSRC", Lines::hex(fb.sender_ssrc()));
            l.push("Media source SSRC", Lines::hex(fb.media_ssrc()));
            match fb.fci() {
                Ok(PayloadFeedbackFci::Remb(remb)) => {
                    l.text("Unique Identifier", b"REMB");
                    l.push("Number of Ssrcs", remb.ssrcs().len());
                    l.push("BR Exp", remb.exponent());
                    l.push("Br Mantissa", remb.mantissa());
                    l.push("Maximum bit rate", remb.bitrate());
                    remb.ssrcs().for_each(|s| l.push("SSRC", Lines::hex(s)));
                }
                Ok(PayloadFeedbackFci::Fir(fir)) => {
                    for entry in fir.entries() {
                        l.push("SSRC", Lines::hex(entry.ssrc));
                        l.push("Command Sequence Number", entry.sequence);
                    }
                }
                Ok(PayloadFeedbackFci::Rpsi(_)) => {
                    let hex: String = fb.fci_bytes().iter().map(|b| format!("{b:02x}")).collect();
                    l.push("Feedback Control Information (FCI)", hex);
                }
                _ => {}
            }
        }
        RtcpPacket::ExtendedReport(xr) => {
            l.push("Sender SSRC", Lines::hex(xr.ssrc()));
            for block in xr.blocks() {
                l.push("Type", block.block_type());
                l.push("Type Specific", block.type_specific());
                l.push("Length", Lines::bytes(block.body().len()));
                if let Ok(XrBlockKind::Dlrr(dlrr)) = block.parse() {
                    for entry in dlrr.entries() {
                        l.push("Identifier", Lines::hex(entry.ssrc));
                        l.push("Last RR timestamp", entry.last_rr);
                        l.push("Delay since last RR timestamp", entry.delay_since_last_rr);
                    }
                }
            }
        }
        _ => {}
    }
    l
}

#[test]
fn rtcp_matches_tshark() {
    let cases = cases("rtcp");
    assert!(!cases.is_empty());
    let mut errors = Vec::new();
    let mut compared = 0;
    for (name, bytes, text) in &cases {
        let tshark = sections(text, "Real-time Transport Control Protocol");
        let ours: Vec<_> = Compound::new(bytes).map_while(Result::ok).collect();
        let encrypted = name.contains("srtcp");
        if !encrypted && ours.len() != tshark.len() {
            errors.push(format!(
                "{name}: we read {} packets, tshark {}",
                ours.len(),
                tshark.len()
            ));
            continue;
        }
        // SRTCP: only the first packet is in the clear.
        let n = if encrypted {
            ours.len().min(1)
        } else {
            ours.len()
        };
        for (packet, section) in ours.iter().zip(&tshark).take(n) {
            compared += rtcp_lines(packet).compare(name, section, &mut errors);
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // At least the common header of every packet.
    assert!(compared >= 3 * cases.len(), "{compared} lines compared");
    eprintln!("{compared} RTCP lines compared with tshark");
}
