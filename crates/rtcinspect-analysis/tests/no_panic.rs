//! Arbitrary bytes never make the engine panic, and its tables stay bounded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use proptest::prelude::*;
use rtcinspect_analysis::{Analyzer, Config, Datagram, Transport};

fn datagram(payload: &[u8], frame: u64, t: i64, port: u16) -> Datagram<'_> {
    Datagram {
        frame,
        timestamp_ns: t,
        interface: 0,
        source: SocketAddr::from(([10, 0, 0, 1], port)),
        destination: SocketAddr::from(([10, 0, 0, 2], 5000)),
        transport: Transport::Udp,
        payload,
        truncated: false,
        stream: false,
    }
}

/// Bytes that start like RTP or RTCP (version 2) half of the time, so the parsers
/// behind the demultiplexer are reached.
fn packet() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        (
            0x80u8..=0xbf,
            any::<u8>(),
            proptest::collection::vec(any::<u8>(), 0..200)
        )
            .prop_map(|(b0, b1, rest)| {
                let mut v = vec![b0, b1];
                v.extend(rest);
                v
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_datagrams_never_panic(
        packets in proptest::collection::vec((packet(), 0i64..5_000_000_000, 1u16..4), 1..40)
    ) {
        let mut a = Analyzer::new(Config::default().with_max_streams(8).with_series(true));
        for (i, (p, t, port)) in packets.iter().enumerate() {
            a.ingest(&datagram(p, i as u64 + 1, *t, *port));
        }
        let r = a.snapshot();
        prop_assert!(r.streams.len() <= 8);
        for s in &r.streams {
            prop_assert!(s.packets >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Well-formed RTP with arbitrary sequence numbers, timestamps and payload types
    /// (jumps, restarts, wraps, reordering, duplicates): every packet is counted once,
    /// so `expected - lost == packets` holds for every stream whatever the sequence
    /// tracker decided.
    #[test]
    fn every_packet_counted_once(
        packets in proptest::collection::vec(
            (0u32..3, any::<u16>(), any::<u32>(), 0u8..128, 0i64..100_000_000), 1..200)
    ) {
        let mut a = Analyzer::new(Config::default().with_series(true));
        let mut t = 0i64;
        for (i, (ssrc, seq, ts, pt, dt)) in packets.iter().enumerate() {
            t += dt;
            let repr = rtcinspect_wire::rtp::RtpRepr {
                payload_type: *pt,
                sequence_number: *seq,
                timestamp: *ts,
                ssrc: *ssrc,
                payload: &[1, 2, 3, 4],
                ..Default::default()
            };
            let mut buf = vec![0u8; repr.buffer_len()];
            repr.emit(&mut buf).unwrap();
            a.ingest(&datagram(&buf, i as u64 + 1, t, 1));
        }
        let r = a.snapshot();
        let total: u64 = r.streams.iter().map(|s| s.packets).sum();
        // Payload types 64-95 look like RTCP (RFC 5761 §4: the demultiplexer reads
        // the low seven bits of the second byte) and go to the RTCP side.
        let rtp = packets.iter().filter(|p| !(64..=95).contains(&p.3)).count() as u64;
        prop_assert_eq!(total, rtp);
        for s in &r.streams {
            prop_assert_eq!(s.expected - s.lost, s.packets as i64);
            prop_assert!(s.duplicates + s.out_of_order <= s.packets);
        }
    }
}
