//! Header extension URIs inferred without SDP, against the SDP the browser actually
//! used (`a=extmap` lines in `testdata/captures/chrome-*.page-log.jsonl`): every URI we
//! infer must be the one SDP gives for that ID (an ID we cannot tell stays `null`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use rtcinspect_analysis::Analyzer;
use rtcinspect_capture::FileSource;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures")
}

/// `a=extmap:ID URI` in the page log (JSON-escaped SDP: the URI ends at `\`). IDs
/// mapped to two URIs are left out.
fn extmaps(name: &str) -> BTreeMap<u8, Option<String>> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.page-log.jsonl"))).unwrap();
    let mut out: BTreeMap<u8, Option<String>> = BTreeMap::new();
    for part in text.split("a=extmap:").skip(1) {
        let (id, rest) = part.split_once(' ').unwrap();
        let Ok(id) = id.split('/').next().unwrap().parse::<u8>() else {
            continue;
        };
        let uri = rest.split(['\\', ' ', '"']).next().unwrap().to_owned();
        let e = out.entry(id).or_insert_with(|| Some(uri.clone()));
        if e.as_deref() != Some(uri.as_str()) {
            *e = None;
        }
    }
    out
}

fn check(name: &str) -> usize {
    let sdp = extmaps(name);
    let mut source = FileSource::open(dir().join(format!("{name}.pcap"))).unwrap();
    let mut analyzer = Analyzer::default();
    analyzer.ingest_all(&mut source).unwrap();
    let r = analyzer.snapshot();
    let mut inferred = 0;
    for s in &r.streams {
        for e in &s.extensions {
            let Some(uri) = &e.uri else { continue };
            assert!(e.inferred, "no SDP was given: every URI is inferred");
            let want = sdp.get(&e.id).cloned().flatten();
            assert_eq!(Some(uri), want.as_ref(), "{name} {:#x} id {}", s.ssrc, e.id);
            inferred += 1;
        }
    }
    inferred
}

#[test]
fn chrome_vp8() {
    // abs-send-time, transport-cc, mid, audio level on the streams.
    assert!(check("chrome-vp8") >= 10);
}

#[test]
fn chrome_simulcast() {
    // The same plus rtp-stream-id and repaired-rtp-stream-id.
    assert!(check("chrome-simulcast") >= 16);
}

#[test]
fn chrome_vp9() {
    assert!(check("chrome-vp9") >= 8);
}
