//! Every description under `testdata/sdp/` (and `fragments/`): parsed leniently,
//! written back byte for byte, every typed attribute, resolved view, finding and lint
//! read. Then hand-verified expectations for a selection of files.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    std::env::var_os("RTCINSPECT_SDP_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/sdp"),
        PathBuf::from,
    )
}

fn files() -> Vec<PathBuf> {
    let root = corpus_dir();
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("fragments")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "sdp") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Inputs the fuzzer found, kept as regression tests (`tests/regressions/`).
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        common::check_text(&String::from_utf8_lossy(&bytes));
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn every_file_parses_and_writes_back_identically() {
    let files = files();
    assert!(
        files.len() > 50,
        "corpus not found: {}",
        corpus_dir().display()
    );
    let mut failed = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if !common::check_text(&text) {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failed.is_empty(), "not parsed: {failed:?}");
}
