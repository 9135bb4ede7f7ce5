//! `rtcinspect packets --format jsonl` against tshark, frame by frame, on five captures
//! (Chromium loopback with loss, GStreamer with TWCC and RTX, coturn over UDP, Chromium
//! ICE + DTLS 1.3, Chromium through TURN over UDP).
//!
//! The reference is `testdata/captures/NAME.packet-fields.txt`: line 1 is the tshark
//! 4.0.17 command (`testdata/gen/packets/make_packet_fields.sh`), then one line per
//! frame with RTP ssrc/seq/timestamp/PT/marker, RTCP packet types and sender SSRCs,
//! STUN type and transaction ID, DTLS record content types/epochs/sequence numbers
//! and handshake types (several occurrences joined by `,`).
//!
//! Every field tshark gives must be what we decode, in the same order. Frames tshark
//! leaves undecoded are listed with our kind and must be among the cases named for
//! each capture (reduced-size RTCP that tshark's RTCP heuristic refuses, DTLS 1.3
//! unified headers tshark 4.0 does not know, ChannelData, whose fields tshark puts
//! under other names).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Our datagrams by frame (UDP captures: one datagram per frame).
fn ours(capture: &str) -> BTreeMap<u64, Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_rtcinspect"))
        .args(["packets", "--format", "jsonl"])
        .arg(root().join("testdata/captures").join(capture))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut map = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let frame = v["frame"].as_u64().unwrap();
        assert!(map.insert(frame, v).is_none(), "frame {frame} twice");
    }
    map
}

fn hex32(v: &Value) -> String {
    format!("0x{:08x}", v.as_u64().unwrap())
}

/// The decoded layers of a datagram as tshark shows them: itself, then what a
/// ChannelData message carries. (tshark 4.0 leaves the DATA of a Send or Data
/// indication undissected, so `stun.relayed` has no reference here.)
fn layers(v: &Value) -> Vec<&Value> {
    let mut l = vec![v];
    if let Some(inner) = v.get("turn").map(|t| &t["inner"]) {
        l.push(inner);
    }
    l
}

/// Our values of the tshark columns, joined like tshark joins occurrences.
fn columns(v: &Value) -> [String; 13] {
    let mut c: [Vec<String>; 13] = Default::default();
    for layer in layers(v) {
        if let Some(r) = layer.get("rtp") {
            c[0].push(hex32(&r["ssrc"]));
            c[1].push(r["seq"].to_string());
            c[2].push(r["timestamp"].to_string());
            c[3].push(r["pt"].to_string());
            c[4].push(
                if r["marker"].as_bool().unwrap() {
                    "1"
                } else {
                    "0"
                }
                .to_owned(),
            );
        }
        if let Some(packets) = layer.get("rtcp").and_then(Value::as_array) {
            for p in packets {
                c[5].push(p["pt"].to_string());
                // tshark names the first SSRC of every packet but SDES and BYE
                // `rtcp.senderssrc`.
                if let (Some(s), false) = (
                    p.get("sender_ssrc"),
                    matches!(p["pt"].as_u64(), Some(202 | 203)),
                ) {
                    c[6].push(hex32(s));
                }
            }
        }
        if let Some(s) = layer.get("stun") {
            c[7].push(format!("0x{:04x}", s["message_type"].as_u64().unwrap()));
            c[8].push(s["transaction_id"].as_str().unwrap().to_owned());
        }
        if let Some(records) = layer.get("dtls").and_then(Value::as_array) {
            for r in records {
                // tshark 4.0 does not dissect DTLS 1.3 unified headers.
                let Some(ct) = r.get("content_type").and_then(Value::as_u64) else {
                    continue;
                };
                c[9].push(ct.to_string());
                c[10].push(r["epoch"].to_string());
                c[11].push(r["sequence"].to_string());
                if let Some(types) = r.get("handshake_types").and_then(Value::as_array) {
                    c[12].extend(types.iter().map(ToString::to_string));
                }
            }
        }
    }
    c.map(|v| v.join(","))
}

const NAMES: [&str; 13] = [
    "rtp.ssrc",
    "rtp.seq",
    "rtp.timestamp",
    "rtp.p_type",
    "rtp.marker",
    "rtcp.pt",
    "rtcp.senderssrc",
    "stun.type",
    "stun.id",
    "dtls.record.content_type",
    "dtls.record.epoch",
    "dtls.record.sequence_number",
    "dtls.handshake.type",
];

/// Our kind of a datagram, with what ChannelData carries and whether it failed.
fn describe(v: &Value) -> String {
    let mut kind = v["kind"].as_str().unwrap().to_owned();
    if let Some(inner) = v.get("turn").map(|t| &t["inner"]) {
        kind = format!("{kind}/{}", describe(inner));
    } else if v.get("error").is_some() {
        kind.push_str(" (error)");
    } else if kind == "rtcp" && !matches!(v["rtcp"][0]["pt"].as_u64(), Some(200 | 201)) {
        // RFC 3550 compounds start with SR or RR; RFC 5506 ones need not.
        kind.push_str(" (reduced-size)");
    }
    kind
}

/// Compares a capture; returns our kinds of the frames tshark left undecoded.
fn compare(name: &str) -> BTreeMap<String, u64> {
    let reference =
        std::fs::read_to_string(root().join(format!("testdata/captures/{name}.packet-fields.txt")))
            .unwrap();
    let mut lines = reference.lines();
    assert!(lines.next().unwrap().starts_with("tshark -r $F"));
    let ours = ours(&format!("{name}.pcap"));
    let mut undecoded = BTreeMap::new();
    let mut compared = 0;
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 14, "{line}");
        let frame: u64 = fields[0].parse().unwrap();
        let theirs = &fields[1..];
        let Some(v) = ours.get(&frame) else {
            assert!(
                theirs.iter().all(|f| f.is_empty()),
                "{name} frame {frame}: not ours"
            );
            continue;
        };
        if theirs.iter().all(|f| f.is_empty()) {
            *undecoded.entry(describe(v)).or_insert(0) += 1;
            continue;
        }
        let mine = columns(v);
        for (i, (t, m)) in theirs.iter().zip(&mine).enumerate() {
            // A column tshark left empty while decoding others (SRTCP trailers,
            // undecoded DTLS 1.3 records...) is not compared.
            if t.is_empty() {
                continue;
            }
            assert_eq!(t, m, "{name} frame {frame} {}", NAMES[i]);
        }
        compared += 1;
    }
    assert!(compared > 0);
    eprintln!("{name}: {compared} frames compared, undecoded by tshark: {undecoded:?}");
    undecoded
}

#[test]
fn chrome_vp8() {
    let undecoded = compare("chrome-vp8");
    // Reduced-size RTCP (a lone transport-cc, PLI or NACK packet) that tshark's
    // RTCP heuristic does not take.
    assert_eq!(
        undecoded.keys().collect::<Vec<_>>(),
        ["rtcp (reduced-size)"]
    );
}

#[test]
fn gst_vp8_twcc_rtx() {
    let undecoded = compare("gst-vp8-twcc-rtx");
    // Reduced-size transport-cc feedback, as above.
    assert_eq!(
        undecoded.keys().collect::<Vec<_>>(),
        ["rtcp (reduced-size)"]
    );
}

#[test]
fn coturn_udp() {
    let undecoded = compare("coturn-udp");
    // ChannelData: tshark shows it as "ChannelData TURN Message" but fills none of
    // the columns. turnutils_uclient's test payloads (100 bytes starting 00 00 or
    // 07 07, tshark: "UDP Len=100"), between the peers or in ChannelData, are not
    // STUN though the first byte is in STUN's range: an error, or `unknown`.
    assert_eq!(
        undecoded.keys().collect::<Vec<_>>(),
        [
            "stun (error)",
            "turn-channel/stun (error)",
            "turn-channel/unknown",
            "unknown"
        ]
    );
}

#[test]
fn chrome_ice_dtls() {
    let undecoded = compare("chrome-ice-dtls");
    // DTLS 1.3 records with unified headers (tshark 4.0 leaves the datagram as UDP
    // data), and SRTCP, whose encrypted part and trailer we flag as bytes after the
    // last readable packet, and which tshark's RTCP heuristic refuses.
    assert_eq!(
        undecoded.keys().collect::<Vec<_>>(),
        ["dtls", "rtcp (error)"]
    );
}

#[test]
fn chrome_turn_udp() {
    // Media relayed in ChannelData: tshark's columns hold the inner RTP/RTCP/DTLS,
    // compared with our `turn.inner`.
    let undecoded = compare("chrome-turn-udp");
    // What tshark leaves: DTLS 1.3 (unified headers) and SRTCP, bare or in
    // ChannelData, and the ICE checks in ChannelData (tshark names the message
    // "ChannelData TURN Message" and does not dissect the STUN inside).
    assert_eq!(
        undecoded.keys().collect::<Vec<_>>(),
        [
            "dtls",
            "rtcp (error)",
            "turn-channel/dtls",
            "turn-channel/rtcp (error)",
            "turn-channel/stun"
        ]
    );
}
