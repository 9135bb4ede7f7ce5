//! Agreement with exact ground truth on the impaired session captures of
//! `testdata/sessions/` (aiortc BUNDLE / no BUNDLE / IPv6 / sequence wrap / TURN,
//! GStreamer rtpbin, SIPp): for every RTP stream of `NAME.truth.json`, our packets,
//! expected, lost, duplicates and out-of-order counts equal the truth, which was
//! derived from the impairer's per-packet fate log and the sender-side capture and
//! verified against the receiver-side capture (`testdata/sessions/README.md`).
//!
//! Where tshark's `-z rtp,streams` (committed beside each capture as
//! `NAME.rtp-streams.txt`) is right, our packets and lost equal its Pkts and Lost too;
//! where it is known to be wrong (a sequence wrap meeting reordering: Lost 65536 too
//! high; the stream's last packet arriving late: Lost counted to the last arrival),
//! the truth decides and the difference is asserted to be exactly that one
//! (`docs/report.md`, "Where we differ from Wireshark").
//!
//! Jitter: the truth's final RFC 3550 A.8 jitter (recomputed over every packet from
//! capture times, with the clock rate from SDP or the static payload type) agrees
//! with ours within 1 % or 0.01 ms wherever we know the clock rate. (The maximum is
//! not compared here: ours is Wireshark's, taken over "regular" packets only — no
//! marker bit, no comfort noise — and aiortc sets the marker on every Opus packet;
//! it is compared with tshark's, below and in `tshark_streams.rs`.) Where tshark shows
//! jitter (it knows the clock rate: PCMU, PCMA), Wireshark's mean and max jitter agree
//! with ours within 1 % or 0.01 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failure is the test failing.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use rtcinspect_analysis::Analyzer;
use rtcinspect_analysis::report::{Report, StreamReport};
use rtcinspect_capture::FileSource;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/sessions")
}

/// The report of `NAME.pcap`, with the SDP the endpoints logged when there is one
/// (aiortc's offer/answer are not in the capture: signalling went out of band).
fn analyse(name: &str) -> Report {
    let mut analyzer = Analyzer::default();
    for role in ["offer", "answer"] {
        let log = dir().join(format!("{name}.{role}.json"));
        if let Ok(text) = std::fs::read_to_string(&log) {
            let v: Value = serde_json::from_str(&text).unwrap();
            for kind in ["offer", "answer"] {
                if let Some(sdp) = v["sdp"][kind].as_str() {
                    analyzer.add_sdp(&format!("{name}.{role}.json:{kind}"), sdp);
                }
            }
        }
    }
    let mut source = FileSource::open(dir().join(format!("{name}.pcap"))).unwrap();
    analyzer.ingest_all(&mut source).unwrap();
    analyzer.snapshot()
}

fn addr(ip: &Value, port: &Value) -> SocketAddr {
    SocketAddr::new(
        ip.as_str().unwrap().parse().unwrap(),
        u16::try_from(port.as_u64().unwrap()).unwrap(),
    )
}

fn find(report: &Report, ssrc: u32, src: SocketAddr, dst: SocketAddr) -> &StreamReport {
    report
        .streams
        .iter()
        .find(|s| s.ssrc == ssrc && s.src == Some(src) && s.dst == Some(dst))
        .unwrap_or_else(|| panic!("no stream {ssrc:#010x} {src} -> {dst}"))
}

/// tshark's Pkts, Lost, Mean Jitter and Max Jitter (ms) for a stream, from
/// `NAME.rtp-streams.txt`.
fn tshark(name: &str, ssrc: u32, src: SocketAddr, dst: SocketAddr) -> Option<(u64, i64, f64, f64)> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.rtp-streams.txt"))).ok()?;
    let want_ssrc = format!("0x{ssrc:08X}");
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        // Start End SrcIP SrcPort DstIP DstPort SSRC Payload Pkts Lost (pct) MinDelta
        // MeanDelta MaxDelta MinJitter MeanJitter MaxJitter [X]
        if f.len() < 17 || f[6] != want_ssrc {
            continue;
        }
        let s = SocketAddr::new(f[2].parse().ok()?, f[3].parse().ok()?);
        let d = SocketAddr::new(f[4].parse().ok()?, f[5].parse().ok()?);
        if s == src && d == dst {
            return Some((
                f[8].parse().ok()?,
                f[9].parse().ok()?,
                f[15].parse().ok()?,
                f[16].parse().ok()?,
            ));
        }
    }
    None
}

fn close(ours: f64, truth: f64) -> bool {
    (ours - truth).abs() <= 0.01_f64.max(truth.abs() * 0.01)
}

#[test]
fn session_captures_agree_with_ground_truth() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".truth.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8, "session captures: {names:?}");
    let mut failures = vec![];
    let (mut streams, mut jitters, mut tshark_wrong, mut tshark_jitters) = (0, 0, 0, 0);
    for name in &names {
        let report = analyse(name);
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{name}.truth.json"))).unwrap(),
        )
        .unwrap();
        for t in truth["streams"].as_array().unwrap() {
            let ssrc =
                u32::from_str_radix(t["ssrc"].as_str().unwrap().trim_start_matches("0x"), 16)
                    .unwrap();
            let (src, dst) = (addr(&t["src"], &t["sport"]), addr(&t["dst"], &t["dport"]));
            let s = find(&report, ssrc, src, dst);
            let tr = &t["truth"];
            let want = (
                tr["packets"].as_u64().unwrap(),
                tr["expected"].as_i64().unwrap(),
                tr["lost"].as_i64().unwrap(),
                tr["duplicates"].as_u64().unwrap(),
                tr["reordered"].as_u64().unwrap(),
            );
            let got = (s.packets, s.expected, s.lost, s.duplicates, s.out_of_order);
            streams += 1;
            if got != want {
                failures.push(format!(
                    "{name} {ssrc:#010x} {src} -> {dst}: (packets, expected, lost, duplicates, out of order) ours {got:?}, truth {want:?}"
                ));
            }
            if let Some((pkts, lost, mean_jitter, max_jitter)) = tshark(name, ssrc, src, dst) {
                // Where tshark knows the clock rate (static payload type, or SDP in
                // the capture) it shows jitter: Wireshark's mean and max must agree.
                if max_jitter > 0.0 {
                    tshark_jitters += 1;
                    let ours = (s.mean_jitter_ms, s.max_jitter_ms);
                    let agree = ours.0.is_some_and(|m| close(m, mean_jitter))
                        && ours.1.is_some_and(|m| close(m, max_jitter));
                    if !agree {
                        failures.push(format!(
                            "{name} {ssrc:#010x}: mean/max jitter ours {ours:?}, tshark {mean_jitter}/{max_jitter}"
                        ));
                    }
                }
                if pkts != want.0 {
                    failures.push(format!(
                        "{name} {ssrc:#010x}: tshark Pkts {pkts}, truth {}",
                        want.0
                    ));
                }
                if lost != want.2 {
                    // The two known tshark 4.0 errors, and nothing else.
                    let wrap = lost - want.2 == 65536;
                    let late_last = lost == want.2 - late_tail(t);
                    tshark_wrong += 1;
                    if !wrap && !late_last {
                        failures.push(format!(
                            "{name} {ssrc:#010x}: tshark Lost {lost}, truth {}: not a known tshark error",
                            want.2
                        ));
                    }
                }
            }
            let j = &t["received"]["jitter_rfc3550"];
            if let (Some(ours), Some(truth_ms)) = (s.jitter_ms, j["final_ms"].as_f64()) {
                jitters += 1;
                if !close(ours, truth_ms) {
                    failures.push(format!(
                        "{name} {ssrc:#010x}: jitter ours {ours:.3} ms, truth {truth_ms:.3} ms"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(streams >= 30, "only {streams} streams compared");
    assert!(jitters >= 10, "only {jitters} jitters compared");
    assert!(
        tshark_jitters >= 3,
        "only {tshark_jitters} streams with tshark's jitter"
    );
    assert!(
        tshark_wrong >= 4,
        "the wrap captures show tshark's known error ({tshark_wrong})"
    );
}

/// How far the last packet to arrive is behind the highest sequence number received:
/// tshark 4.0 counts expected packets up to the last arrival, so its Lost is this much
/// lower than the truth when a stream's final packets come late.
fn late_tail(t: &Value) -> i64 {
    let r = &t["received"];
    let highest = r["highest_ext_seq"].as_i64().unwrap() & 0xffff;
    let last = r["last_seq"].as_i64().unwrap();
    (highest - last).rem_euclid(65536)
}
