//! The whole pipeline on arbitrary bytes: as a capture file (reader, decoder, every
//! tracker of the analysis engine, the report and its JSON), and as the payload of
//! UDP and TCP datagrams fed to the engine directly (so every tracker sees arbitrary
//! payloads even when the bytes are not a capture). Nothing panics; the report
//! serialises.
#![no_main]

use std::net::SocketAddr;

use libfuzzer_sys::fuzz_target;
use rtcinspect_analysis::{Analyzer, Config, Datagram, Transport};
use rtcinspect_capture::FileSource;

fuzz_target!(|data: &[u8]| {
    let config = Config::default().with_series(true);
    if let Ok(mut source) = FileSource::new(data) {
        let mut analyzer = Analyzer::new(config);
        // Reading from memory has no I/O error; damage is an event, not an error.
        let _ = analyzer.ingest_all(&mut source);
        let report = analyzer.snapshot();
        assert!(serde_json::to_string(&report).is_ok());
    }

    // The bytes split into datagrams at 0xff bytes, alternating direction and
    // transport (some TCP ones as stream chunks), 20 ms apart.
    let mut analyzer = Analyzer::new(config);
    let a: SocketAddr = "10.0.0.1:5000"
        .parse()
        .unwrap_or(SocketAddr::from(([0; 4], 0)));
    let b: SocketAddr = "[fd00::2]:6000"
        .parse()
        .unwrap_or(SocketAddr::from(([0; 4], 0)));
    for (i, payload) in data.split(|&x| x == 0xff).enumerate() {
        let i = i as u64;
        let (source, destination) = if i % 2 == 0 { (a, b) } else { (b, a) };
        let transport = if i % 3 == 2 {
            Transport::Tcp
        } else {
            Transport::Udp
        };
        // Every fifth TCP datagram is a stream chunk (signalling over TCP).
        let stream = transport == Transport::Tcp && i % 5 == 0;
        analyzer.ingest(&Datagram {
            frame: i + 1,
            timestamp_ns: 1_700_000_000_000_000_000 + i as i64 * 20_000_000,
            interface: 0,
            source,
            destination,
            transport,
            payload,
            truncated: false,
            stream,
        });
    }
    let report = analyzer.snapshot();
    assert!(serde_json::to_string(&report).is_ok());
});
