//! RTCP against Wireshark's dissection: for each capture `F` with a committed
//! `F.rtcp-fields.txt` (tshark `-T fields` output, the command on its first line), the
//! test aggregates what tshark decoded per SSRC — report blocks (count, last fraction
//! lost, cumulative lost, jitter), sender reports (count, last packet count), NACK,
//! PLI, FIR and REMB messages — and checks our report says the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use rtcinspect_analysis::Analyzer;
use rtcinspect_analysis::report::{Report, StreamRtcp};
use rtcinspect_capture::FileSource;

#[derive(Debug, Default, Clone, PartialEq)]
struct Expect {
    blocks: u64,
    last_block: Option<(u8, i32, u32)>,
    srs: u64,
    last_sr_packets: Option<u32>,
    nacks: u64,
    plis: u64,
    firs: u64,
    rembs: u64,
    last_remb: Option<f64>,
}

fn hex(s: &str) -> u32 {
    u32::from_str_radix(s.trim_start_matches("0x"), 16).unwrap()
}

fn list(s: Option<&&str>) -> Vec<String> {
    match s {
        Some(s) if !s.is_empty() => s.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// Aggregates tshark's fields per SSRC. Columns: frame, pt list, sender SSRC list,
/// SR packet counts, SSRC identifiers (report blocks first, then SDES chunks),
/// fractions, cumulative lost, jitter, RTPFB fmts, PSFB fmts, media SSRCs (one per
/// feedback packet, in order), FIR SSRCs, REMB SSRCs, REMB exponent, REMB mantissa.
fn expected(text: &str) -> BTreeMap<u32, Expect> {
    let mut out: BTreeMap<u32, Expect> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let c: Vec<&str> = line.split('\t').collect();
        let pts = list(c.get(1));
        let senders = list(c.get(2));
        let sr_counts = list(c.get(3));
        let ids = list(c.get(4));
        let fractions = list(c.get(5));
        let cums = list(c.get(6));
        let jitters = list(c.get(7));
        let rtpfb = list(c.get(8));
        let psfb = list(c.get(9));
        let media = list(c.get(10));
        let firs = list(c.get(11));
        let remb_ssrcs = list(c.get(12));
        let remb_exp = list(c.get(13));
        let remb_mantissa = list(c.get(14));
        // Sender reports: the SR packets' sender SSRCs are the sender SSRCs listed
        // for packets of type 200 (every packet type listed here carries one, except
        // SDES and BYE).
        let mut sender_iter = senders.iter();
        let mut sr_iter = sr_counts.iter();
        for pt in &pts {
            match pt.as_str() {
                "200" => {
                    let ssrc = hex(sender_iter.next().unwrap());
                    let e = out.entry(ssrc).or_default();
                    e.srs += 1;
                    e.last_sr_packets = Some(sr_iter.next().unwrap().parse().unwrap());
                }
                "202" | "203" => {}
                _ => {
                    sender_iter.next();
                }
            }
        }
        for (i, f) in fractions.iter().enumerate() {
            let ssrc = hex(&ids[i]);
            let e = out.entry(ssrc).or_default();
            e.blocks += 1;
            e.last_block = Some((
                f.parse().unwrap(),
                cums[i].parse().unwrap(),
                jitters[i].parse().unwrap(),
            ));
        }
        let (mut r, mut p, mut m) = (rtpfb.iter(), psfb.iter(), media.iter());
        for pt in &pts {
            let fmt = match pt.as_str() {
                "205" => r.next().map(|s| ("rtpfb", s.as_str())),
                "206" => p.next().map(|s| ("psfb", s.as_str())),
                _ => None,
            };
            let Some((kind, fmt)) = fmt else { continue };
            let ssrc = hex(m.next().unwrap());
            match (kind, fmt) {
                ("rtpfb", "1") => out.entry(ssrc).or_default().nacks += 1,
                ("psfb", "1") => out.entry(ssrc).or_default().plis += 1,
                _ => {}
            }
        }
        for f in &firs {
            out.entry(hex(f)).or_default().firs += 1;
        }
        // REMB bitrate = mantissa × 2^exp (one REMB per frame in these captures).
        assert!(
            remb_exp.len() <= 1,
            "several REMB in one frame: extend the parser"
        );
        if let (Some(x), Some(m)) = (remb_exp.first(), remb_mantissa.first()) {
            let bps = (m.parse::<u64>().unwrap() << x.parse::<u32>().unwrap()) as f64;
            for s in &remb_ssrcs {
                let e = out.entry(hex(s)).or_default();
                e.rembs += 1;
                e.last_remb = Some(bps);
            }
        }
    }
    out
}

fn analyse(path: &Path) -> Report {
    let mut source = FileSource::open(path).expect("capture opens");
    let mut analyzer = Analyzer::default();
    analyzer.ingest_all(&mut source).expect("capture reads");
    analyzer.snapshot()
}

fn ours(report: &Report, ssrc: u32) -> Option<&StreamRtcp> {
    report
        .streams
        .iter()
        .find(|s| s.ssrc == ssrc)
        .map(|s| &s.rtcp)
        .or_else(|| {
            report
                .rtcp
                .unmatched
                .iter()
                .find(|u| u.ssrc == ssrc)
                .map(|u| &u.rtcp)
        })
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures");
    let text = std::fs::read_to_string(dir.join(format!("{name}.rtcp-fields.txt"))).unwrap();
    assert!(text.starts_with("# tshark -r "));
    let want = expected(&text);
    assert!(!want.is_empty());
    let report = analyse(&dir.join(name));
    let mut bad = Vec::new();
    for (ssrc, e) in &want {
        let Some(r) = ours(&report, *ssrc) else {
            bad.push(format!("{ssrc:#010x}: no RTCP state"));
            continue;
        };
        let got = Expect {
            blocks: r.receiver_reports,
            last_block: r.last_rr.map(|b| {
                (
                    (b.fraction_lost_percent * 256.0 / 100.0).round() as u8,
                    b.cumulative_lost,
                    b.jitter_ts,
                )
            }),
            srs: r.sender_reports,
            last_sr_packets: r.last_sr.map(|s| s.packet_count),
            nacks: r.nacks,
            plis: r.plis,
            firs: r.firs,
            rembs: r.rembs,
            last_remb: r.last_remb_bps,
        };
        if &got != e {
            bad.push(format!("{ssrc:#010x}:\n  tshark {e:?}\n  ours   {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{name}:\n{}", bad.join("\n"));
}

#[test]
fn gst_multi_sr() {
    check("gst-multi-sr.pcap");
}

#[test]
fn gst_multi_opus() {
    check("gst-multi-opus.pcap");
}

#[test]
fn baresip_call() {
    check("baresip-call.pcap");
}

#[test]
fn chrome_vp8() {
    check("chrome-vp8.pcap");
}

#[test]
fn gst_vp8_fir() {
    check("gst-vp8-fir.pcap");
}

#[test]
fn gst_vp8_twcc_rtx() {
    check("gst-vp8-twcc-rtx.pcap");
}

#[test]
fn chrome_remb_fir() {
    check("chrome-remb-fir.pcap");
}

#[test]
fn ffmpeg_opus_h264() {
    check("ffmpeg-opus-h264.pcap");
}

#[test]
fn linphone_call() {
    check("linphone-call.pcap");
}
