//! Temporary.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use rtcinspect_analysis::Analyzer;
use rtcinspect_capture::{FileSource, Source};
fn main() {
    for path in std::env::args().skip(1) {
        let mut src = FileSource::open(&path).unwrap();
        let mut a = Analyzer::default();
        while let Some(ev) = src.next_event().unwrap() {
            a.ingest_event(&ev);
        }
        let r = a.snapshot();
        println!(
            "== {path}: protocols {:?}",
            r.capture
                .protocols
                .iter()
                .map(|c| (&c.name, c.count))
                .collect::<Vec<_>>()
        );
        println!(
            "malformed {:?}",
            r.capture
                .malformed
                .iter()
                .map(|c| (&c.name, c.count))
                .collect::<Vec<_>>()
        );
        for (i, s) in r.sdp.iter().enumerate() {
            println!(
                "sdp {i}: {} fr={:?} {:?} kind={:?} answers={:?} msg={:?} call={:?} dup={} sess={:?} media={:?} err={:?} rej={:?} lint={}",
                s.origin,
                s.at.map(|a| a.frame),
                s.from,
                s.kind,
                s.answers,
                s.message,
                s.call_id,
                s.duplicates,
                s.session,
                s.media
                    .iter()
                    .map(|m| (&m.media, m.port, &m.mid))
                    .collect::<Vec<_>>(),
                s.error,
                s.rejected,
                s.lint.len()
            );
        }
        for s in &r.sessions {
            println!(
                "session {} by {:?} sdp {:?} call {:?} streams {} pairs {} flows {}",
                s.id,
                s.grouped_by,
                s.sdp,
                s.call_id,
                s.streams.len(),
                s.pairs.len(),
                s.flows.len()
            );
        }
        for x in r.findings.iter().filter(|f| f.kind.starts_with("sdp")) {
            println!("finding {} {}", x.kind, x.message);
        }
    }
}
