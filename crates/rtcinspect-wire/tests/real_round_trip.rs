//! Every real packet under `testdata/packets/` written back with the crate's writers:
//! RTP through `RtpRepr`, every RTCP packet through its `…Repr`, STUN through
//! `MessageRepr`. The result must be the input byte for byte (SRTP/SRTCP files are
//! checked on what is in the clear).

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use std::path::{Path, PathBuf};

use rtcinspect_wire::rtp::RtpPacket;

/// `testdata/packets/KIND`, or `RTCINSPECT_PACKETS_DIR/KIND`.
fn files(kind: &str) -> Vec<PathBuf> {
    let root = std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    );
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    out.sort();
    out
}

#[test]
fn rtp_packets_write_back_identically() {
    let mut checked = 0;
    for path in files("rtp") {
        let bytes = std::fs::read(&path).unwrap();
        if RtpPacket::new_checked(&bytes[..]).is_err() {
            // SRTP with padding: the count byte is encrypted; the header must still read.
            assert!(
                RtpPacket::new_checked_header(&bytes[..]).is_ok(),
                "{}",
                path.display()
            );
            continue;
        }
        // `rtp_reemit` compares with the input, padding bytes zeroed; real senders pad
        // with zeros, so the input must already be that.
        let p = RtpPacket::new_checked(&bytes[..]).unwrap();
        let pad = p.padding();
        assert!(
            pad[..pad.len().saturating_sub(1)].iter().all(|&b| b == 0),
            "{}: non-zero padding",
            path.display()
        );
        assert!(common::rtp_reemit(&bytes), "{}", path.display());
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn rtcp_packets_write_back_identically() {
    let mut checked = 0;
    let mut differing = Vec::new();
    for path in files("rtcp") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        for (i, (_, identical)) in common::rtcp_reemit(&bytes).into_iter().enumerate() {
            // In SRTCP only the first packet is in the clear.
            if name.contains("srtcp") && i > 0 {
                break;
            }
            if !identical {
                differing.push(format!("{name} packet {i}"));
            }
            checked += 1;
        }
    }
    assert!(differing.is_empty(), "not byte-identical: {differing:?}");
    assert!(checked > 0);
}

#[test]
fn stun_messages_write_back_identically() {
    let mut checked = 0;
    for path in files("stun") {
        let bytes = std::fs::read(&path).unwrap();
        if path.to_string_lossy().contains("malformed") {
            // MS-TURN leaves attributes unpadded (the message length is not a multiple
            // of 4, against RFC 8489 §5): refused with the field named, not read.
            assert!(
                rtcinspect_wire::stun::Message::new_checked(&bytes[..]).is_err(),
                "{}",
                path.display()
            );
            continue;
        }
        // Every file is exactly one message, written back from its raw attributes
        // (padding bytes included) byte for byte, and every attribute's decoded value
        // written back decodes to itself.
        let m = rtcinspect_wire::stun::Message::new_checked(&bytes[..]).unwrap();
        assert_eq!(m.len(), bytes.len(), "{}", path.display());
        assert_eq!(
            common::stun_reemit(&bytes),
            Some(true),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 0);
}
