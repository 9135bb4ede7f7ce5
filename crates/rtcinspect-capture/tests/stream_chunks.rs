//! TCP stream chunks (`Datagram::stream`): for the signalling captures (SIP over TCP,
//! HTTP, HTTP + WebSocket), the chunks of each direction, joined, are the direction's
//! TCP payload bytes as tshark lists them per segment
//! (`testdata/captures/signal/*.tcp-payload.txt`, command on line 1), delivered on
//! the frames that carried them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rtcinspect_capture::{DecoderConfig, Event, FileSource, Source, Transport};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures/signal")
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

type Dir = (u16, u16);
/// Per direction: bytes and frames.
type Streams = BTreeMap<Dir, (Vec<u8>, Vec<u64>)>;

/// Per direction (source port, destination port): the bytes in sequence order
/// (a segment whose sequence number was seen is a retransmission) and the frames.
fn expected(name: &str) -> Streams {
    let text = std::fs::read_to_string(dir().join(format!("{name}.tcp-payload.txt"))).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("# tshark "));
    lines.next(); // column names
    let mut out: Streams = BTreeMap::new();
    let mut seen = Vec::new();
    for l in lines {
        let f: Vec<&str> = l.split('\t').collect();
        let d = (f[1].parse().unwrap(), f[2].parse().unwrap());
        if seen.contains(&(d, f[3].to_owned())) {
            continue;
        }
        seen.push((d, f[3].to_owned()));
        let e = out.entry(d).or_default();
        e.0.extend(hex(f[4]));
        e.1.push(f[0].parse().unwrap());
    }
    out
}

/// The stream chunks, and the frames of TCP datagrams that are not chunks.
fn delivered(name: &str, config: DecoderConfig) -> (Streams, Vec<u64>) {
    let mut src = FileSource::open_with(dir().join(format!("{name}.pcap")), config).unwrap();
    let mut out: Streams = BTreeMap::new();
    let mut framed = Vec::new();
    while let Some(ev) = src.next_event().unwrap() {
        if let Event::Datagram(d) = ev {
            if d.transport != Transport::Tcp {
                assert!(!d.stream);
                continue;
            }
            if !d.stream {
                framed.push(d.frame);
                continue;
            }
            let e = out
                .entry((d.source.port(), d.destination.port()))
                .or_default();
            e.0.extend_from_slice(d.payload);
            e.1.push(d.frame);
        }
    }
    let tcp = src.diagnostics().tcp;
    let total: usize = out.values().map(|(b, _)| b.len()).sum();
    assert_eq!(tcp.stream_bytes, total as u64);
    (out, framed)
}

#[test]
fn chunks_are_the_stream_bytes() {
    for name in ["sipp-tcp", "whip", "websocket"] {
        let want = expected(name);
        let (got, framed) = delivered(name, DecoderConfig::default());
        assert!(
            framed.is_empty(),
            "{name}: framed messages in frames {framed:?}"
        );
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{name}"
        );
        for (d, (bytes, frames)) in &want {
            let (got_bytes, got_frames) = &got[d];
            assert_eq!(got_bytes, bytes, "{name} {d:?}");
            // In order on loopback: one chunk per segment, on its frame.
            assert_eq!(got_frames, frames, "{name} {d:?}");
        }
    }
}

/// Off, such streams are only counted, as before stream chunks existed. Then the
/// framing search may take WebSocket bytes for RFC 4571 or STUN framing: the
/// frames where it did are printed (a reason the chunks are on by default).
#[test]
fn off_means_counted_only() {
    for name in ["sipp-tcp", "whip", "websocket"] {
        let (got, framed) = delivered(name, DecoderConfig::default().tcp_streams(false));
        assert!(got.is_empty(), "{name}");
        println!("{name}: framed by mistake in frames {framed:?}");
    }
}
