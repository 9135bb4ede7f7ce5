//! Every real TURN ChannelData message under `testdata/packets/turn/` decoded by us and
//! by Wireshark, and written back byte for byte.
//!
//! Beside each `NAME.bin` (a UDP payload, or for the `…-tcp-…` files a TCP segment's
//! payload, or its first bytes) is `NAME.tshark.txt`: `tshark -V` on its frame. For each
//! `TURN ChannelData Message` section we compare the channel number and the message
//! length, in order, and check that [`classify`] on the data names the protocol
//! tshark dissected inside (DTLS, STUN, RTP; tshark shows SRTCP and DTLS 1.3 ciphertext
//! as `Data`, not compared). Over UDP the padding is optional: the
//! files with and without it must both read; over TCP every message must be padded to
//! four bytes (RFC 8656 §12.5), which the stream framing checks.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use std::path::Path;

use rtcinspect_wire::demux::{PacketKind, classify};
use rtcinspect_wire::turn::{
    ChannelData, ChannelDataRepr, ChannelDataStream, ChannelNumber, StreamFrame,
};

/// `(file stem, bytes, tshark text)` for every `.bin` of `turn/`.
fn cases() -> Vec<(String, Vec<u8>, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets/turn");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "bin") {
            let text = std::fs::read_to_string(path.with_extension("tshark.txt")).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((stem, std::fs::read(&path).unwrap(), text));
        }
    }
    out.sort();
    out
}

/// tshark's ChannelData sections: `(channel number, length, protocol dissected next)`.
fn tshark_messages(text: &str) -> Vec<(u16, u16, String)> {
    let mut out: Vec<(u16, u16, String)> = Vec::new();
    let mut lines = text.lines().filter(|l| !l.starts_with('#')).peekable();
    while let Some(line) = lines.next() {
        if !line.ends_with("TURN ChannelData Message") {
            continue;
        }
        let mut number = None;
        let mut length = None;
        while let Some(l) = lines.next_if(|l| l.starts_with(' ')) {
            let l = l.trim();
            if let Some(v) = l.strip_prefix("Channel Number: 0x") {
                number = u16::from_str_radix(v, 16).ok();
            } else if let Some(v) = l.strip_prefix("Message Length: ") {
                length = v.parse().ok();
            }
        }
        let next = lines.peek().map_or("", |l| *l).to_owned();
        out.push((number.unwrap(), length.unwrap(), next));
    }
    out
}

/// The kind [`classify`] must give for what tshark dissected inside, if it dissected it.
fn expected_kind(tshark_next: &str) -> Option<PacketKind> {
    if tshark_next.starts_with("Datagram Transport Layer Security") {
        Some(PacketKind::Dtls)
    } else if tshark_next.starts_with("Real-Time Transport Protocol") {
        Some(PacketKind::Rtp)
    } else if tshark_next.starts_with("Real-time Transport Control Protocol") {
        Some(PacketKind::Rtcp)
    } else if tshark_next.starts_with("Session Traversal Utilities for NAT") {
        Some(PacketKind::Stun)
    } else {
        None
    }
}

#[test]
fn channel_data_matches_tshark() {
    let cases = cases();
    assert!(cases.len() >= 10, "{} TURN packets", cases.len());
    let mut compared = 0;
    let mut classified = 0;
    for (name, bytes, text) in &cases {
        let tshark = tshark_messages(text);
        let ours: Vec<ChannelData<&[u8]>> = if name.contains("-tcp-") {
            ChannelDataStream::new(bytes)
                .map(|f| match f {
                    Ok(StreamFrame::ChannelData(m)) => m,
                    other => panic!("{name}: {other:?}"),
                })
                .collect()
        } else {
            vec![ChannelData::new_checked(&bytes[..]).unwrap()]
        };
        // A file cut from a segment holds the first messages tshark shows.
        assert!(!ours.is_empty() && ours.len() <= tshark.len(), "{name}");
        for (m, (number, length, next)) in ours.iter().zip(&tshark) {
            assert_eq!(m.channel_number(), ChannelNumber(*number), "{name}");
            assert_eq!(m.length(), *length, "{name}");
            assert_eq!(m.data().len(), usize::from(*length), "{name}");
            if let Some(kind) = expected_kind(next) {
                assert_eq!(classify(m.data()), kind, "{name}: {next}");
                classified += 1;
            }
            // Written back: the same bytes, padding included.
            let mut out = Vec::new();
            ChannelDataRepr::parse(m).emit_vec(&mut out).unwrap();
            assert_eq!(out, m.as_bytes(), "{name}");
            compared += 1;
        }
    }
    assert!(
        compared >= 15 && classified >= 5,
        "{compared} messages, {classified} classified"
    );
}

#[test]
fn padding_as_sent() {
    let get = |stem: &str| {
        let (_, bytes, _) = cases().into_iter().find(|(n, _, _)| n == stem).unwrap();
        bytes
    };
    // turnutils_uclient -D pads over UDP (3 bytes after 101), coturn does not.
    let padded = get("uclient-channeldata-udp-padded");
    let m = ChannelData::new_checked(&padded[..]).unwrap();
    assert_eq!((m.length(), m.padding_len()), (101, 3));
    let unpadded = get("coturn-channeldata-udp-unpadded-101");
    let m = ChannelData::new_checked(&unpadded[..]).unwrap();
    assert_eq!(
        (m.length(), m.padding_len(), m.is_padded()),
        (101, 0, false)
    );
    // Over TCP, Chromium pads 457 bytes of DTLS with 3.
    let tcp = get("chrome-channeldata-tcp-dtls-pad3");
    let Some(Ok(StreamFrame::ChannelData(m))) = ChannelDataStream::new(&tcp).next() else {
        panic!()
    };
    assert_eq!((m.length(), m.padding_len()), (457, 3));
    // A channel number RFC 5766 allowed and RFC 8656 reserves reads as a value.
    let reserved = get("uclient-channeldata-udp-channel-0x6303");
    let m = ChannelData::new_checked(&reserved[..]).unwrap();
    assert!(m.channel_number().is_reserved());
}
