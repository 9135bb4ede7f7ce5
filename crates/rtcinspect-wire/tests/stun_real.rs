//! Every real STUN message under `testdata/packets/stun/` checked with the credentials
//! recorded when it was captured: FINGERPRINT wherever it is present, and
//! MESSAGE-INTEGRITY with the ICE password of one of the two Chromium peers (from the
//! SDP in the capture's `page-log.jsonl`) or with coturn's long-term credentials (user
//! "user", password "pass", realm "realm", `testdata/gen/turn/turnserver.sh`). TURN
//! Send and Data indications are unwrapped and the STUN they relay is checked the same
//! way. Public captures come without credentials: only their FINGERPRINT is checked.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use std::path::{Path, PathBuf};

use rtcinspect_wire::demux::PacketKind;
use rtcinspect_wire::stun::{AttributeType, Message, long_term_key_md5};

fn packets_dir() -> PathBuf {
    std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    )
}

/// The ice-pwd of each peer, by capture (`a=ice-pwd` in the capture's page log).
const ICE_PASSWORDS: &[(&str, [&str; 2])] = &[
    (
        "captures/chrome-dtls13.pcap",
        ["ShDuryQyJxwbOR5ap+u3MK02", "UF23LuWtkjHK6YUxHRsnnOPB"],
    ),
    (
        "captures/chrome-ice-dtls.pcap",
        ["VLTKJFtKr4yKSaFqRSl46jte", "WwFO2vYmg+65HGabVEmyfva4"],
    ),
    (
        "captures/chrome-role-conflict.pcap",
        ["emlZWCficI0+xGQp4yS6WWq8", "sASmkqanzcmExcBj/quVzfpM"],
    ),
    (
        "captures/chrome-turn-tcp.pcap",
        ["5uQB5PkbsFk6XvgFLKpfrEku", "lE99266PoEhPAS2Hh6njEyaz"],
    ),
    (
        "captures/chrome-turn-udp.pcap",
        ["A8arj2RUSxGEEAt/Sty7q+H5", "R1zw8ytKKCVUMBwlcJcrheo7"],
    ),
];

/// `(file name, capture)` from the manifest, for the STUN files.
fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(packets_dir().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .filter(|l| l.starts_with("stun/"))
        .map(|l| {
            let mut cols = l.split('\t');
            let file = cols.next().unwrap().trim_start_matches("stun/").to_owned();
            (file, cols.next().unwrap().to_owned())
        })
        .collect()
}

/// The keys a message from `capture` may be protected with.
fn keys(capture: &str) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = ICE_PASSWORDS
        .iter()
        .filter(|(c, _)| *c == capture)
        .flat_map(|(_, pwds)| pwds.iter().map(|p| p.as_bytes().to_vec()))
        .collect();
    let turn = capture.contains("turn") || capture.contains("coturn");
    if turn {
        keys.push(long_term_key_md5(b"user", b"realm", b"pass").to_vec());
    }
    keys
}

#[derive(Default, Debug)]
struct Counts {
    fingerprints: usize,
    integrity: usize,
    relayed: usize,
}

/// Checks one message; `keys` empty means no credentials are known.
fn check(
    name: &str,
    m: &Message<'_>,
    keys: &[Vec<u8>],
    counts: &mut Counts,
    errors: &mut Vec<String>,
) {
    if m.attribute(AttributeType::Fingerprint).is_some() {
        match m.check_fingerprint() {
            Ok(()) => counts.fingerprints += 1,
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    if m.attribute(AttributeType::MessageIntegrity).is_some() && !keys.is_empty() {
        let good = keys
            .iter()
            .filter(|k| m.check_message_integrity(k).is_ok())
            .count();
        if good == 1 {
            counts.integrity += 1;
        } else {
            errors.push(format!(
                "{name}: MESSAGE-INTEGRITY verifies with {good} keys"
            ));
        }
    }
    if let Some(relayed) = m.relayed_data() {
        match relayed {
            Ok(r) if r.kind() == PacketKind::Stun => match Message::new_checked(r.data) {
                Ok(inner) => {
                    counts.relayed += 1;
                    check(&format!("{name} (relayed)"), &inner, keys, counts, errors);
                }
                Err(e) => errors.push(format!("{name}: relayed STUN: {e}")),
            },
            Ok(r) => assert!(
                matches!(
                    r.kind(),
                    PacketKind::Dtls | PacketKind::Unknown | PacketKind::Rtp
                ),
                "{name}: {:?}",
                r.kind()
            ),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
}

#[test]
fn real_messages_verify_with_recorded_credentials() {
    let mut counts = Counts::default();
    let mut errors = Vec::new();
    let manifest = manifest();
    assert!(!manifest.is_empty());
    let mut files: Vec<String> = std::fs::read_dir(packets_dir().join("stun"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Deliberately malformed samples (MS-TURN's unpadded attributes) are refused
        // by the parser; `real_round_trip.rs` checks that.
        .filter(|f| f.ends_with(".bin") && !f.contains("malformed"))
        .collect();
    files.sort();
    for file in &files {
        let Some((_, capture)) = manifest.iter().find(|(f, _)| f == file) else {
            errors.push(format!("{file}: not in the manifest"));
            continue;
        };
        let bytes = std::fs::read(packets_dir().join("stun").join(file)).unwrap();
        let m = Message::new_checked(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        check(file, &m, &keys(capture), &mut counts, &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    eprintln!("{counts:?}");
    // Chromium's ICE checks and responses, coturn's and Chromium's TURN messages.
    assert!(counts.integrity >= 20, "{counts:?}");
    assert!(counts.fingerprints >= 30, "{counts:?}");
    assert!(counts.relayed >= 2, "{counts:?}");
}
