//! Every real DTLS datagram under `testdata/packets/dtls/` decoded by us and by
//! Wireshark, written back byte for byte, and its certificates' SHA-256 fingerprints
//! compared with the `a=fingerprint` lines of the recorded SDP (Chromium and aiortc)
//! or, for the public captures that come without SDP, with OpenSSL's.
//!
//! Beside each `NAME.bin` is `NAME.tshark.txt`: `tshark -V -O dtls` on the frame it was
//! cut from (the command is on its first line). This test renders our decoding as the
//! `label: value` lines tshark prints and compares them, in order, record by record
//! and handshake message by handshake message: every record header (content type,
//! version, epoch, sequence number, length); every handshake header of epoch 0
//! (type, length, message sequence, fragment offset and length); for ClientHello,
//! ServerHello (HelloRetryRequest included), HelloVerifyRequest and Certificate their
//! fields (version, random, session ID length, cookie length, each cipher suite,
//! compression methods, extensions length, each extension's type and length, and for
//! use_srtp, supported_groups, signature_algorithms, renegotiation_info,
//! supported_versions and key_share their contents; each certificate's length); and
//! alerts in the clear (level, description). Values are normalised to the number
//! tshark prints in parentheses (`Handshake (22)`, `DTLS 1.2 (0xfefd)`).
//!
//! Left out, and why: the bodies of other handshake messages (ServerKeyExchange,
//! CertificateRequest, ... this crate reads only their headers), and the ASN.1 inside
//! the certificates; encrypted records beyond their header (tshark decrypts some with
//! the key logs beside the captures). tshark 4.0 does not dissect DTLS 1.3 unified
//! headers (it shows them as data, or not at all): those records must cover the rest
//! of the datagram and the data length tshark gives, if it gives one.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rtcinspect_wire::dtls::{
    AnyRecord, ContentType, Extension, Handshake, HandshakeBody, HandshakeType, KeyShare, Record,
    Records, SupportedVersions,
};
use sha2::{Digest, Sha256};

/// `testdata/packets`, or the folder `RTCINSPECT_PACKETS_DIR` names.
fn packets_dir() -> PathBuf {
    std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    )
}

/// `(file stem, datagram, tshark text)` for every `.bin` of `dtls/` with a `.tshark.txt`.
fn cases() -> Vec<(String, Vec<u8>, String)> {
    let dir = packets_dir().join("dtls");
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

/// One line of tshark's DTLS tree: depth (4 spaces a level), label, normalised value.
#[derive(Debug, Clone)]
struct Line {
    depth: usize,
    label: String,
    value: String,
}

/// A record in tshark's tree: its header lines and its messages' subtrees.
#[derive(Debug, Default)]
struct TsharkRecord {
    title: String,
    header: Vec<Line>,
    /// Each message: the lines under its `Handshake Protocol` or `Alert Message` line.
    messages: Vec<Vec<Line>>,
}

/// The records of the `Datagram Transport Layer Security` section(s).
fn tshark_records(text: &str) -> Vec<TsharkRecord> {
    let mut out: Vec<TsharkRecord> = Vec::new();
    let mut inside = false;
    for raw in text.lines() {
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        if !raw.starts_with(' ') {
            inside = raw.starts_with("Datagram Transport Layer Security");
            continue;
        }
        if !inside {
            continue;
        }
        let depth = (raw.len() - raw.trim_start().len()) / 4;
        let line = raw.trim();
        if line.starts_with('[') {
            continue;
        }
        if depth == 1 {
            out.push(TsharkRecord {
                title: line.to_owned(),
                ..Default::default()
            });
            continue;
        }
        let Some(record) = out.last_mut() else {
            continue;
        };
        if depth == 2 && (line.starts_with("Handshake Protocol") || line == "Alert Message") {
            record.messages.push(Vec::new());
            continue;
        }
        let (label, value) = line.split_once(": ").unwrap_or((line, ""));
        let parsed = Line {
            depth,
            label: label.to_owned(),
            value: normalise(value.trim()),
        };
        if depth == 2 {
            record.header.push(parsed);
        } else if let Some(m) = record.messages.last_mut() {
            m.push(parsed);
        }
    }
    out
}

/// tshark's value reduced to what we render: the number in the last parentheses, or
/// the first word.
fn normalise(value: &str) -> String {
    if let Some(inner) = value
        .strip_suffix(')')
        .and_then(|v| v.rsplit_once('('))
        .map(|(_, n)| n)
        .filter(|n| n.starts_with("0x") || n.chars().all(|c| c.is_ascii_digit()))
    {
        return inner.to_lowercase();
    }
    value.split(' ').next().unwrap_or("").to_lowercase()
}

/// What we render: `label: value` lines with tshark's labels.
#[derive(Default, Debug)]
struct Lines(Vec<(String, String)>);

impl Lines {
    fn push(&mut self, label: &str, value: impl ToString) {
        self.0
            .push((label.to_owned(), value.to_string().to_lowercase()));
    }

    fn hex16(&mut self, label: &str, value: u16) {
        self.push(label, format!("{value:#06x}"));
    }

    /// Compares with tshark's `lines` restricted to the labels we render (and, when
    /// `max_depth` is given, to lines no deeper); returns how many lines were compared.
    fn compare(
        &self,
        name: &str,
        what: &str,
        lines: &[Line],
        max_depth: Option<usize>,
        errors: &mut Vec<String>,
    ) -> usize {
        let labels: Vec<&str> = self.0.iter().map(|(l, _)| l.as_str()).collect();
        let theirs: Vec<(String, String)> = lines
            .iter()
            .filter(|l| max_depth.is_none_or(|d| l.depth <= d))
            .filter(|l| labels.contains(&l.label.as_str()))
            .map(|l| (l.label.clone(), l.value.clone()))
            .collect();
        // tshark cuts long values short with an ellipsis: compare what it shows.
        let same = |(a, b): (&(String, String), &(String, String))| {
            a.0 == b.0
                && (a.1 == b.1
                    || b.1
                        .strip_suffix('…')
                        .is_some_and(|shown| a.1.starts_with(shown)))
        };
        if self.0.len() != theirs.len() || !self.0.iter().zip(&theirs).all(same) {
            let mut msg = format!("{name}: {what}\n");
            for i in 0..self.0.len().max(theirs.len()) {
                let a = self.0.get(i).map(|(l, v)| format!("{l}: {v}"));
                let b = theirs.get(i).map(|(l, v)| format!("{l}: {v}"));
                let mark = if a == b { " " } else { "≠" };
                let _ = writeln!(msg, "  {mark} ours {a:?}  tshark {b:?}");
            }
            errors.push(msg);
        }
        self.0.len()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn record_lines(r: &Record<'_>) -> Lines {
    let mut l = Lines::default();
    l.push("Content Type", r.content_type().0);
    l.hex16("Version", r.version().0);
    l.push("Epoch", r.epoch());
    l.push("Sequence Number", r.sequence_number());
    l.push("Length", r.length());
    l
}

fn handshake_header(l: &mut Lines, m: &Handshake<'_>) {
    l.push("Handshake Type", m.msg_type().0);
    l.push("Length", m.length());
    l.push("Message Sequence", m.message_seq());
    l.push("Fragment Offset", m.fragment_offset());
    l.push("Fragment Length", m.fragment_length());
}

fn extension_lines(
    l: &mut Lines,
    extensions: rtcinspect_wire::dtls::Extensions<'_>,
    errors: &mut Vec<String>,
) {
    for (typed, raw) in extensions.clone().zip(extensions.raw()) {
        l.push("Type", raw.extension_type.0);
        l.push("Length", raw.data.len());
        match typed {
            Ok(Extension::UseSrtp(srtp)) => {
                l.push("SRTP Protection Profiles Length", srtp.profiles().len() * 2);
                for p in srtp.profiles() {
                    l.hex16("SRTP Protection Profile", p.0);
                }
                l.push("MKI Length", srtp.mki().len());
            }
            Ok(Extension::SupportedGroups(groups)) => {
                l.push("Supported Groups List Length", groups.len() * 2);
                for g in groups {
                    l.hex16("Supported Group", g.0);
                }
            }
            Ok(Extension::SignatureAlgorithms(schemes)) => {
                l.push("Signature Hash Algorithms Length", schemes.len() * 2);
                for s in schemes {
                    l.hex16("Signature Algorithm", s.0);
                }
            }
            Ok(Extension::RenegotiationInfo(r)) => {
                l.push("Renegotiation info extension length", r.len());
            }
            Ok(Extension::SupportedVersions(SupportedVersions::Offered(v))) => {
                l.push("Supported Versions length", v.len() * 2);
                for version in v {
                    l.hex16("Supported Version", version.0);
                }
            }
            Ok(Extension::SupportedVersions(SupportedVersions::Selected(v))) => {
                l.hex16("Supported Version", v.0);
            }
            Ok(Extension::KeyShare(KeyShare::ClientShares(shares))) => {
                l.push("Client Key Share Length", raw.data.len() - 2);
                for s in shares {
                    l.push("Group", s.group.0);
                    l.push("Key Exchange Length", s.key_exchange.len());
                }
            }
            Ok(Extension::KeyShare(KeyShare::ServerShare(s))) => {
                l.push("Group", s.group.0);
                l.push("Key Exchange Length", s.key_exchange.len());
            }
            Ok(_) => {}
            Err(e) => errors.push(format!("extension {}: {e}", raw.extension_type)),
        }
    }
}

/// Our lines for one handshake message; `full` says whether the body is compared
/// (else only the header, the lines right under the message).
fn handshake_lines(m: &Handshake<'_>, errors: &mut Vec<String>) -> (Lines, bool) {
    let mut l = Lines::default();
    handshake_header(&mut l, m);
    let body = match m.body() {
        Ok(body) => body,
        Err(e) => {
            errors.push(format!("{}: {e}", m.msg_type()));
            return (l, false);
        }
    };
    match body {
        HandshakeBody::ClientHello(h) => {
            l.hex16("Version", h.client_version().0);
            l.push("Random", hex(h.random()));
            l.push("Session ID Length", h.session_id().len());
            l.push("Cookie Length", h.cookie().len());
            l.push("Cipher Suites Length", h.cipher_suites().len() * 2);
            for s in h.cipher_suites() {
                l.hex16("Cipher Suite", s.0);
            }
            l.push("Compression Methods Length", h.compression_methods().len());
            for &c in h.compression_methods() {
                l.push("Compression Method", c);
            }
            if h.has_extensions() {
                l.push("Extensions Length", h.raw_extensions().as_bytes().len());
                extension_lines(&mut l, h.extensions(), errors);
            }
        }
        HandshakeBody::ServerHello(h) => {
            l.hex16("Version", h.server_version().0);
            l.push("Random", hex(h.random()));
            l.push("Session ID Length", h.session_id().len());
            l.hex16("Cipher Suite", h.cipher_suite().0);
            l.push("Compression Method", h.compression_method());
            if h.has_extensions() {
                l.push("Extensions Length", h.raw_extensions().as_bytes().len());
                extension_lines(&mut l, h.extensions(), errors);
            }
        }
        HandshakeBody::HelloVerifyRequest(h) => {
            l.hex16("Version", h.server_version().0);
            l.push("Cookie Length", h.cookie().len());
        }
        HandshakeBody::Certificate(c) => {
            l.push("Certificates Length", c.list().len());
            for cert in c.certificates() {
                l.push("Certificate Length", cert.len());
            }
        }
        _ => return (l, false),
    }
    (l, true)
}

#[test]
fn dtls_matches_tshark() {
    let cases = cases();
    assert!(cases.len() >= 20, "{} DTLS packets", cases.len());
    let mut errors = Vec::new();
    let mut compared = 0;
    let mut messages = 0;
    for (name, bytes, text) in &cases {
        let ours: Vec<_> = Records::new(bytes).collect();
        if let Some(e) = ours.iter().find_map(|r| r.as_ref().err()) {
            errors.push(format!("{name}: {e}"));
            continue;
        }
        let tshark = tshark_records(text);
        // tshark 4.0 does not show DTLS 1.3 unified-header records at all (an empty
        // DTLS section, or the bytes as data): they must cover the rest of the
        // datagram, and match the data length tshark gives, if it gives one.
        let unified: usize = ours
            .iter()
            .flatten()
            .filter(|r| matches!(r, AnyRecord::Unified(_)))
            .map(|r| r.as_bytes().len())
            .sum();
        if unified > 0 {
            let plain: usize = ours
                .iter()
                .flatten()
                .filter(|r| matches!(r, AnyRecord::Record(_)))
                .map(|r| r.as_bytes().len())
                .sum();
            assert_eq!(plain + unified, bytes.len(), "{name}");
            let data_len = text
                .lines()
                .find_map(|l| l.strip_prefix("Data ("))
                .and_then(|l| l.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(n) = data_len {
                assert_eq!(n, unified, "{name}");
            }
            compared += 1;
        }
        let plain: Vec<_> = ours
            .iter()
            .flatten()
            .filter(|r| matches!(r, AnyRecord::Record(_)))
            .collect();
        if plain.len() != tshark.len() {
            errors.push(format!(
                "{name}: we read {} records, tshark {}",
                plain.len(),
                tshark.len()
            ));
            continue;
        }
        for (record, t) in plain.into_iter().zip(&tshark) {
            let AnyRecord::Record(record) = record else {
                errors.push(format!("{name}: {} is no unified header", t.title));
                continue;
            };
            compared += record_lines(record).compare(name, &t.title, &t.header, None, &mut errors);
            if record.epoch() != 0 {
                continue;
            }
            match record.content_type() {
                ContentType::HANDSHAKE => {
                    let ours: Vec<_> = record.handshakes().collect();
                    if ours.len() != t.messages.len() {
                        errors.push(format!(
                            "{name}: {}: we read {} messages, tshark {}",
                            t.title,
                            ours.len(),
                            t.messages.len()
                        ));
                        continue;
                    }
                    for (m, lines) in ours.iter().zip(&t.messages) {
                        let Ok(m) = m else {
                            errors.push(format!("{name}: {m:?}"));
                            continue;
                        };
                        let (l, full) = handshake_lines(m, &mut errors);
                        // The header lines are right under the message (depth 3).
                        let depth = if full { None } else { Some(3) };
                        let what = format!("{} message {}", t.title, m.msg_type());
                        compared += l.compare(name, &what, lines, depth, &mut errors);
                        messages += 1;
                    }
                }
                ContentType::ALERT => {
                    let alert = record.alert().unwrap();
                    let mut l = Lines::default();
                    l.push("Level", alert.level.0);
                    l.push("Description", alert.description.0);
                    compared += l.compare(name, &t.title, &t.messages[0], None, &mut errors);
                }
                _ => {}
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(messages >= 25, "{messages} handshake messages compared");
    assert!(compared >= 500, "{compared} lines compared");
    eprintln!("{compared} DTLS lines ({messages} handshake messages) compared with tshark");
}

#[test]
fn real_datagrams_reemit_byte_for_byte() {
    let mut records = 0;
    let mut messages = 0;
    for (name, bytes, _) in cases() {
        let (r, m) = common::dtls_reemit(&bytes);
        assert!(Records::new(&bytes).count() > 0, "{name}: no record");
        records += r;
        messages += m;
    }
    assert!(
        records >= 40 && messages >= 30,
        "{records} records, {messages} messages"
    );
}

/// `sha-256` fingerprint as SDP writes it (RFC 8122 §5): upper-case hex pairs and
/// colons.
fn fingerprint(der: &[u8]) -> String {
    let digest = Sha256::digest(der);
    let pairs: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
    pairs.join(":")
}

/// The certificates of the first Certificate message of a datagram, reassembled from
/// its fragments when it came in several (what the analysis crate will do; here the
/// simplest form: fragments of one message, all in this datagram).
fn certificates(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut body: Vec<Option<u8>> = Vec::new();
    for record in Records::new(bytes).flatten() {
        let AnyRecord::Record(record) = record else {
            continue;
        };
        if record.epoch() != 0 || record.content_type() != ContentType::HANDSHAKE {
            continue;
        }
        for m in record.handshakes().flatten() {
            if m.msg_type() != HandshakeType::CERTIFICATE {
                continue;
            }
            if let Ok(HandshakeBody::Certificate(c)) = m.body() {
                return c.certificates().map(<[u8]>::to_vec).collect();
            }
            body.resize(m.length() as usize, None);
            let at = m.fragment_offset() as usize;
            for (i, &b) in m.fragment().iter().enumerate() {
                body[at + i] = Some(b);
            }
        }
    }
    let whole: Option<Vec<u8>> = body.into_iter().collect();
    let Some(whole) = whole else {
        return Vec::new();
    };
    let c = rtcinspect_wire::dtls::Certificate::new_checked(&whole).unwrap();
    c.certificates().map(<[u8]>::to_vec).collect()
}

/// Every `a=fingerprint:sha-256` value recorded in a capture's page log.
fn sdp_fingerprints(log: &str) -> Vec<String> {
    let path = packets_dir().join("../captures").join(log);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out: Vec<String> = text
        .split("a=fingerprint:sha-256 ")
        .skip(1)
        .map(|s| {
            s.chars()
                .take_while(|c| c.is_ascii_hexdigit() || *c == ':')
                .collect()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn certificate_fingerprints_match_recorded_sdp() {
    // Chromium 156 and aiortc 1.16 in DTLS 1.2 (`captures/chrome-aiortc-*.pcap`): each
    // side's certificate, from its datagram (whole, or in 2 or 3 fragments), hashes to
    // the `a=fingerprint` its SDP announced, as recorded in the page log (the offer and
    // the answer: one fingerprint each).
    let cases = [
        // Chromium's certificate, whole; aiortc's, in 2 fragments.
        (
            "chrome-dtls12-server-flight.bin",
            "chrome-aiortc-offer.page-log.jsonl",
        ),
        (
            "aiortc-dtls12-client-flight.bin",
            "chrome-aiortc-offer.page-log.jsonl",
        ),
        // aiortc's certificate in 3 fragments; Chromium's, whole.
        (
            "aiortc-dtls12-server-flight.bin",
            "chrome-aiortc-answer.page-log.jsonl",
        ),
        (
            "chrome-dtls12-client-flight.bin",
            "chrome-aiortc-answer.page-log.jsonl",
        ),
    ];
    let mut matched = Vec::new();
    for (name, log) in cases {
        let recorded = sdp_fingerprints(log);
        assert_eq!(recorded.len(), 2, "{log}: {recorded:?}");
        let certs = certificates(&packet(name));
        assert_eq!(certs.len(), 1, "{name}");
        let ours = fingerprint(&certs[0]);
        assert!(
            recorded.contains(&ours),
            "{name}: {ours} not in {recorded:?}"
        );
        matched.push(ours);
    }
    // Four certificates, four different fingerprints: each side of each call.
    matched.sort();
    matched.dedup();
    assert_eq!(matched.len(), 4);
}

fn packet(name: &str) -> Vec<u8> {
    std::fs::read(packets_dir().join("dtls").join(name)).unwrap()
}

#[test]
fn certificate_fingerprints() {
    // Expected values from OpenSSL on the certificate bytes tshark exports:
    //   tshark -r CAPTURE -Y frame.number==N -T fields -e dtls.handshake.certificate \
    //     | xxd -r -p | openssl x509 -inform DER -noout -fingerprint -sha256
    // (the nDPI captures come without their SDP, so these stand in for the
    // `a=fingerprint` lines).
    let cases = [
        (
            "ndpi-stun-f166-server-flight.bin",
            678,
            "C9:34:71:05:81:67:D8:44:D5:40:D2:68:6D:E4:94:94:A8:8F:3A:8A:23:A5:F2:B0:47:8F:D8:98:C1:A3:37:62",
        ),
        (
            "ndpi-stun-f167-client-flight-ccs-finished.bin",
            282,
            "64:48:A4:4D:49:9F:9B:BB:A4:5C:CD:DA:B0:A9:14:C5:9E:3D:CE:B1:A3:EE:77:74:A1:67:36:A5:CC:D5:05:73",
        ),
        (
            "ndpi-meet-f12-server-flight.bin",
            683,
            "B6:9C:04:01:FF:88:3F:06:E6:82:30:FC:FC:66:F5:E2:A2:D6:8E:42:EB:97:A4:F2:AD:F7:72:41:DB:5B:BE:F9",
        ),
        (
            "ndpi-meet-f13-client-flight-ccs-finished.bin",
            281,
            "40:7D:E3:5E:54:5C:6C:46:A4:CC:C6:EF:06:F3:9C:36:1E:8B:A9:B0:FA:5F:B3:40:4E:A8:43:7C:E8:64:2A:3C",
        ),
    ];
    for (name, len, expected) in cases {
        let certs = certificates(&packet(name));
        assert_eq!(certs.len(), 1, "{name}");
        assert_eq!(certs[0].len(), len, "{name}");
        assert_eq!(fingerprint(&certs[0]), expected, "{name}");
    }
}

#[test]
fn fragmented_certificate_reassembled_by_the_caller() {
    // Zoom's server sends its 3961-byte Certificate (message_seq 1) in four
    // fragments, in frames 15, 16, 17 (not kept: the middle) and 18; frame 17 is the
    // one fragment not in the corpus, so this test fills the gap from the capture's
    // neighbours only when they are there, and checks the first certificate, which
    // lies in the fragments of frames 15 and 16. OpenSSL gives its fingerprint (see
    // `certificate_fingerprints`), on the certificate tshark reassembles.
    let mut body = vec![None; 3961];
    let mut seen = 0;
    for name in [
        "ndpi-zoom-f15-server-hello-certificate-fragment.bin",
        "ndpi-zoom-f16-certificate-fragment.bin",
        "ndpi-zoom-f18-certificate-last-fragment-ske-fragment.bin",
    ] {
        for record in Records::new(&packet(name)).flatten() {
            let AnyRecord::Record(record) = record else {
                continue;
            };
            for m in record.handshakes().flatten() {
                if m.msg_type() != HandshakeType::CERTIFICATE {
                    continue;
                }
                assert!(m.is_fragment());
                assert!(matches!(m.body(), Ok(HandshakeBody::Fragment(_))));
                assert_eq!(m.length(), 3961);
                let at = m.fragment_offset() as usize;
                for (i, &b) in m.fragment().iter().enumerate() {
                    body[at + i] = Some(b);
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 3);
    // The certificate_list length (3 bytes) then the first certificate's (3 bytes).
    let byte = |i: usize| body[i].unwrap() as usize;
    assert_eq!((byte(0) << 16) | (byte(1) << 8) | byte(2), 3958);
    let first = (byte(3) << 16) | (byte(4) << 8) | byte(5);
    assert_eq!(first, 1740);
    let der: Vec<u8> = body[6..6 + first].iter().map(|b| b.unwrap()).collect();
    assert_eq!(
        fingerprint(&der),
        "BF:2A:F5:0B:CC:99:45:EC:55:2E:E2:75:27:18:BD:FA:33:E4:7F:C8:4B:C2:D4:7A:A9:BA:5A:93:8A:FD:19:30"
    );
}
