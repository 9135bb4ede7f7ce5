//! Snapshots of `rtcinspect summary --format json` on bundled captures.
//!
//! They pin the JSON layout (docs/report.md) and what the engine reports. Accepted
//! after the ICE/DTLS trackers merged (the pairs' request counts match tshark's
//! `stun.type==0x0001` per source: 5, 5, 1, 1 on chrome-ice-dtls); the RTP/RTCP and
//! signalling trackers are still stubs, so `streams` and `sdp` are empty: review and
//! re-accept (`cargo insta review`) when they merge. Frame counts are checked
//! independently against tshark in `tests/cli.rs`, per-datagram decoding in
//! `tests/packet_fields.rs`.
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
    serde_json::from_slice(&out.stdout).unwrap()
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
