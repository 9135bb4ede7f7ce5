//! RTCP-derived numbers against what Chrome's getStats() reported at the end of the
//! run (`testdata/captures/chrome-*.page-log.jsonl`, the `stats-pc1` / `stats-pc2`
//! lines; captures made with `--disable-webrtc-encryption`, so RTCP is readable).
//!
//! - `remote-inbound-rtp` is built by the sender from the last RTCP report block about
//!   its SSRC: cumulative lost, fraction lost and jitter must be the values of our last
//!   report block about that SSRC (jitter within 0.002 ms: the browser rounds to the
//!   microsecond and we convert with the clock rate we estimated, the same 48/90 kHz).
//!   The RTT is the browser's LSR/DLSR computation at the endpoint, ours at the
//!   capture point on the same host (loopback): ours must not exceed the browser's by
//!   more than 0.2 ms (rounding and clock granularity), and not be more than 5 ms
//!   below (the endpoint adds only local stack and scheduling delay).
//! - `inbound-rtp` is the receiver's view: packets lost (RFC 3550 A.3, which our `lost`
//!   follows), NACK / PLI / FIR it sent, and its RTX SSRC.
//!
//! Only captures of a whole run qualify: the other `chrome-*` captures were trimmed to
//! their first frames (testdata/captures/README.md), so the browser's final counters
//! describe packets the capture does not hold. `chrome-vp8.pcap` is the whole run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use rtcinspect_analysis::Analyzer;
use rtcinspect_analysis::report::Report;
use rtcinspect_capture::FileSource;
use serde_json::Value;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures")
}

fn analyse(path: &Path) -> Report {
    let mut source = FileSource::open(path).expect("capture opens");
    let mut analyzer = Analyzer::default();
    analyzer.ingest_all(&mut source).expect("capture reads");
    analyzer.snapshot()
}

fn stats(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.page-log.jsonl"))).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if let Some(list) = v.get("stats").and_then(Value::as_array) {
            out.extend(list.iter().cloned());
        }
    }
    out
}

fn check(name: &str) -> usize {
    let report = analyse(&dir().join(format!("{name}.pcap")));
    let mut checked = 0;
    let mut bad = Vec::new();
    for s in stats(name) {
        let kind = s["type"].as_str().unwrap_or("");
        let Some(ssrc) = s["ssrc"].as_u64().map(|v| v as u32) else {
            continue;
        };
        let Some(ours) = report.streams.iter().find(|x| x.ssrc == ssrc) else {
            continue;
        };
        match kind {
            "remote-inbound-rtp" => {
                let rr = ours.rtcp.last_rr.expect("a report block about the stream");
                let lost = s["packetsLost"].as_i64().unwrap();
                if i64::from(rr.cumulative_lost) != lost {
                    bad.push(format!(
                        "{ssrc:#x} cumulative lost {} vs {lost}",
                        rr.cumulative_lost
                    ));
                }
                let fl = s["fractionLost"].as_f64().unwrap();
                if (rr.fraction_lost_percent / 100.0 - fl).abs() > 1.0 / 256.0 {
                    bad.push(format!(
                        "{ssrc:#x} fraction lost {} vs {fl}",
                        rr.fraction_lost_percent
                    ));
                }
                let j = s["jitter"].as_f64().unwrap() * 1000.0;
                let ours_j = rr.jitter_ms.unwrap();
                if (ours_j - j).abs() > 0.002 {
                    bad.push(format!("{ssrc:#x} jitter {ours_j} ms vs {j} ms"));
                }
                if let (Some(rtt), Some(b)) = (rr.rtt_ms, s["roundTripTime"].as_f64()) {
                    let b = b * 1000.0;
                    if rtt > b + 0.2 || rtt < b - 5.0 {
                        bad.push(format!("{ssrc:#x} rtt {rtt} ms vs {b} ms"));
                    }
                }
                checked += 1;
            }
            "inbound-rtp" => {
                let lost = s["packetsLost"].as_i64().unwrap();
                if ours.lost != lost {
                    bad.push(format!("{ssrc:#x} lost {} vs {lost}", ours.lost));
                }
                for (key, got) in [
                    ("nackCount", ours.rtcp.nacks),
                    ("pliCount", ours.rtcp.plis),
                    ("firCount", ours.rtcp.firs),
                ] {
                    if let Some(v) = s[key].as_u64() {
                        if v != got {
                            bad.push(format!("{ssrc:#x} {key} {got} vs {v}"));
                        }
                    }
                }
                if let Some(rtx) = s["rtxSsrc"].as_u64() {
                    let link = ours.rtx.as_ref().map(|r| u64::from(r.ssrc));
                    if link != Some(rtx) {
                        bad.push(format!("{ssrc:#x} rtx {link:?} vs {rtx:#x}"));
                    }
                }
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(bad.is_empty(), "{name}:\n{}", bad.join("\n"));
    checked
}

#[test]
fn chrome_vp8() {
    assert!(check("chrome-vp8") >= 6);
}
