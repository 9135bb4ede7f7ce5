//! Snapshots of `rtcinspect summary --format json` on bundled captures.
//!
//! They pin the JSON layout (docs/report.md) and what the engine reports. The values
//! themselves are checked independently elsewhere (stream statistics against tshark
//! and ground truth in the analysis crate's tests, frame counts in `tests/cli.rs`,
//! per-datagram decoding in `tests/packet_fields.rs`); review a change with
//! `cargo insta review`. Floating-point values are kept to 10 significant digits, so
//! that a change in the order of operations (the last bits of a mean) is not a change
//! of the report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

fn report(capture: &str) -> serde_json::Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_rtcinspect"))
        .current_dir(&root)
        .args(["summary", "--format", "json"])
        .arg(format!("testdata/captures/{capture}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    rounded(serde_json::from_slice(&out.stdout).unwrap())
}

/// `v` with every non-integer number kept to 10 significant digits.
fn rounded(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap();
            let r: f64 = format!("{x:.9e}").parse().unwrap();
            serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, rounded(v))).collect()),
        other => other,
    }
}

#[test]
fn chrome_vp8() {
    insta::assert_json_snapshot!(report("chrome-vp8.pcap"));
}

#[test]
fn coturn_udp() {
    insta::assert_json_snapshot!(report("coturn-udp.pcap"));
}

#[test]
fn chrome_ice_dtls() {
    insta::assert_json_snapshot!(report("chrome-ice-dtls.pcap"));
}
