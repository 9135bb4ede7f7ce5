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
