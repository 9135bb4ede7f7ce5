//! Agreement with Wireshark: for each capture `F` with a committed `F.rtp-streams.txt`
//! (the output of `tshark -r F -q -o rtp.heuristic_rtp:TRUE -z rtp,streams`, the
//! command on its first line), every stream tshark lists is found in our report with
//! the same packet count and the same lost count, and the same max delta, mean and max
//! jitter within 1 % or 0.01 ms (jitter only where tshark knows the clock rate and so
//! shows a minimum jitter other than -1).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rtcinspect_analysis::Analyzer;
use rtcinspect_analysis::report::{Report, StreamReport};
use rtcinspect_capture::FileSource;

/// One row of `-z rtp,streams`.
#[derive(Debug, Clone)]
struct TsharkStream {
    src: (IpAddr, u16),
    dst: (IpAddr, u16),
    ssrc: u32,
    payload: String,
    packets: u64,
    lost: i64,
    min_delta: f64,
    mean_delta: f64,
    max_delta: f64,
    min_jitter: f64,
    mean_jitter: f64,
    max_jitter: f64,
}

/// Parses the table: rows are whitespace-separated; the payload name may in principle
/// hold spaces, so the row is read from both ends around it; the lost column is
/// `N (P%)`.
fn parse_streams(text: &str) -> Vec<TsharkStream> {
    let mut out = Vec::new();
    for line in text.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() < 17 || !t[6].starts_with("0x") {
            continue;
        }
        let Some(pct) = t
            .iter()
            .position(|x| x.starts_with('(') && x.ends_with("%)"))
        else {
            continue;
        };
        let f = |i: usize| t[i].parse::<f64>().unwrap();
        out.push(TsharkStream {
            src: (t[2].parse().unwrap(), t[3].parse().unwrap()),
            dst: (t[4].parse().unwrap(), t[5].parse().unwrap()),
            ssrc: u32::from_str_radix(&t[6][2..], 16).unwrap(),
            payload: t[7..pct - 2].join(" "),
            packets: t[pct - 2].parse().unwrap(),
            lost: t[pct - 1].parse().unwrap(),
            min_delta: f(pct + 1),
            mean_delta: f(pct + 2),
            max_delta: f(pct + 3),
            min_jitter: f(pct + 4),
            mean_jitter: f(pct + 5),
            max_jitter: f(pct + 6),
        });
    }
    out
}

fn captures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures")
}

/// Our report for a capture.
fn analyse(path: &Path) -> Report {
    let mut source = FileSource::open(path).expect("capture opens");
    let mut analyzer = Analyzer::default();
    analyzer.ingest_all(&mut source).expect("capture reads");
    analyzer.snapshot()
}

fn find<'a>(report: &'a Report, t: &TsharkStream) -> Option<&'a StreamReport> {
    report.streams.iter().find(|s| {
        s.ssrc == t.ssrc
            && s.src.map(|a| (a.ip(), a.port())) == Some(t.src)
            && s.dst.map(|a| (a.ip(), a.port())) == Some(t.dst)
    })
}

fn close(ours: f64, theirs: f64) -> bool {
    // tshark prints three decimals: 0.0005 of rounding, plus 1 % or 0.01 ms.
    (ours - theirs).abs() <= (theirs.abs() * 0.01).max(0.01) + 0.0005
}

/// Compares one capture; returns the disagreements and prints a table row per stream.
fn compare(name: &str) -> Vec<String> {
    compare_in(&captures_dir(), name)
}

fn compare_in(dir: &Path, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.rtp-streams.txt"))).unwrap();
    assert!(
        text.starts_with("# tshark -r "),
        "{name}: first line is the command"
    );
    let theirs = parse_streams(&text);
    assert!(!theirs.is_empty(), "{name}: tshark lists streams");
    let report = analyse(&dir.join(name));
    let mut bad = Vec::new();
    for t in &theirs {
        let Some(s) = find(&report, t) else {
            bad.push(format!(
                "{name}: stream {:#010x} {:?}->{:?} missing",
                t.ssrc, t.src, t.dst
            ));
            continue;
        };
        println!(
            "| {name} | {:#010x} {} | {} / {} | {} / {} | {:?} / {:.3} | {:?} / {:.3} |",
            t.ssrc,
            t.payload,
            s.packets,
            t.packets,
            s.wireshark_lost,
            t.lost,
            s.max_delta_ms,
            t.max_delta,
            s.max_jitter_ms,
            t.max_jitter
        );
        let mut check = |what: &str, ok: bool, ours: String, theirs: String| {
            if !ok {
                bad.push(format!(
                    "{name} {:#010x} {what}: ours {ours}, tshark {theirs}",
                    t.ssrc
                ));
            }
        };
        check(
            "packets",
            s.packets == t.packets,
            s.packets.to_string(),
            t.packets.to_string(),
        );
        check(
            "lost",
            s.wireshark_lost == t.lost,
            s.wireshark_lost.to_string(),
            t.lost.to_string(),
        );
        // tshark prints -1 / 0 when no packet was "regular" (all had the marker bit...).
        let ours_max = s.max_delta_ms.unwrap_or(0.0);
        check(
            "max delta",
            close(ours_max, t.max_delta),
            format!("{ours_max}"),
            t.max_delta.to_string(),
        );
        let ours_min = s.min_delta_ms.unwrap_or(-1.0);
        check(
            "min delta",
            close(ours_min, t.min_delta),
            format!("{ours_min}"),
            t.min_delta.to_string(),
        );
        let ours_mean = s.mean_delta_ms.unwrap_or(0.0);
        check(
            "mean delta",
            close(ours_mean, t.mean_delta),
            format!("{ours_mean}"),
            t.mean_delta.to_string(),
        );
        if t.min_jitter != -1.0 {
            let mj = s.max_jitter_ms.unwrap_or(f64::NAN);
            check(
                "max jitter",
                close(mj, t.max_jitter),
                format!("{mj}"),
                t.max_jitter.to_string(),
            );
            let mj = s.mean_jitter_ms.unwrap_or(f64::NAN);
            check(
                "mean jitter",
                close(mj, t.mean_jitter),
                format!("{mj}"),
                t.mean_jitter.to_string(),
            );
        }
    }
    bad
}

macro_rules! agree {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            let bad = compare($file);
            assert!(bad.is_empty(), "{}", bad.join("\n"));
        }
    )*};
}

agree! {
    chrome_vp8 => "chrome-vp8.pcap",
    chrome_vp9 => "chrome-vp9.pcap",
    chrome_h264 => "chrome-h264.pcap",
    chrome_av1 => "chrome-av1.pcap",
    chrome_simulcast => "chrome-simulcast.pcap",
    chrome_turn_udp => "chrome-turn-udp.pcap",
    chrome_turn_tcp => "chrome-turn-tcp.pcap",
    chrome_remb_fir => "chrome-remb-fir.pcap",
    chrome_aiortc_offer => "chrome-aiortc-offer.pcap",
    chrome_dtls13 => "chrome-dtls13.pcap",
    chrome_ice_dtls => "chrome-ice-dtls.pcap",
    gst_vp8_twcc_rtx => "gst-vp8-twcc-rtx.pcap",
    gst_vp8_fir => "gst-vp8-fir.pcap",
    gst_h264 => "gst-h264.pcap",
    gst_vp9 => "gst-vp9.pcap",
    gst_multi_opus => "gst-multi-opus.pcap",
    gst_multi_sr => "gst-multi-sr.pcap",
    gst_csrc_relay => "gst-csrc-relay.pcap",
    gst_twcc_big => "gst-twcc-big-frames2300-2790.pcap",
    ffmpeg_opus_h264 => "ffmpeg-opus-h264.pcap",
    baresip_call => "baresip-call.pcap",
    linphone_call => "linphone-call.pcap",
}

/// A synthetic capture (`tests/data/make_wrap_reorder.py`) where tshark is wrong:
/// 65533 65534 65535 0 1 sent, 65534 arriving last. tshark says 65533 lost; we agree
/// on `wireshark_lost` but `lost` is the truth, 0.
#[test]
fn wrap_with_reordering() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let bad = compare_in(&dir, "wrap-reorder.pcap");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let report = analyse(&dir.join("wrap-reorder.pcap"));
    let s = &report.streams[0];
    assert_eq!((s.packets, s.lost, s.wireshark_lost), (5, 0, 65533));
}
