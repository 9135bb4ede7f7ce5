//! Smoke.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use rtcinspect_analysis::{Analyzer, Event};
use rtcinspect_capture::{FileSource, Source};

#[test]
fn smoke() {
    for f in ["sipp-udp", "sipp-tcp", "whip", "websocket"] {
        let path = format!(
            "{}/../../testdata/captures/signal/{f}.pcap",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut src = FileSource::open(&path).unwrap();
        let mut a = Analyzer::default();
        while let Some(ev) = src.next_event().unwrap() {
            a.ingest_event(&ev);
            if let Event::Datagram(_) = ev {}
        }
        let r = a.snapshot();
        println!("== {f}: protocols {:?}", r.capture.protocols);
        println!("malformed {:?}", r.capture.malformed);
        for (i, s) in r.sdp.iter().enumerate() {
            println!(
                "sdp {i}: {} {:?} {:?} kind={:?} answers={:?} msg={:?} call={:?} dup={} media={:?} err={:?} lint={:?}",
                s.origin,
                s.at.map(|a| a.frame),
                s.from,
                s.kind,
                s.answers,
                s.message,
                s.call_id,
                s.duplicates,
                s.media
                    .iter()
                    .map(|m| (&m.media, m.port, &m.mid))
                    .collect::<Vec<_>>(),
                s.error,
                s.lint
            );
        }
        for s in &r.sessions {
            println!("session {:?}", s);
        }
        for x in &r.findings {
            println!("finding {:?}", x);
        }
    }
}
