//! Synthetic RTP fed straight into the engine, each expected number derived by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use rtcinspect_analysis::report::{ClockRateSource, MediaKind, Report, StreamReport};
use rtcinspect_analysis::{Analyzer, Datagram, Transport};
use rtcinspect_wire::rtp::RtpRepr;

const A: &str = "192.0.2.1:5000";
const B: &str = "192.0.2.2:6000";

/// One RTP packet to send.
#[derive(Clone, Copy)]
struct P {
    seq: u16,
    ts: u32,
    t_ms: f64,
    ssrc: u32,
    pt: u8,
}

struct Feed {
    analyzer: Analyzer,
    frame: u64,
}

impl Feed {
    fn new() -> Self {
        Feed {
            analyzer: Analyzer::default(),
            frame: 0,
        }
    }

    fn raw(&mut self, t_ms: f64, bytes: &[u8]) {
        self.frame += 1;
        let d = Datagram {
            frame: self.frame,
            timestamp_ns: 1_700_000_000_000_000_000 + (t_ms * 1e6).round() as i64,
            interface: 0,
            source: A.parse::<SocketAddr>().unwrap(),
            destination: B.parse::<SocketAddr>().unwrap(),
            transport: Transport::Udp,
            payload: bytes,
            truncated: false,
            stream: false,
        };
        self.analyzer.ingest(&d);
    }

    fn rtp(&mut self, p: P, payload: &[u8]) {
        let repr = RtpRepr {
            payload_type: p.pt,
            sequence_number: p.seq,
            timestamp: p.ts,
            ssrc: p.ssrc,
            payload,
            ..Default::default()
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        repr.emit(&mut buf).unwrap();
        self.raw(p.t_ms, &buf);
    }

    fn report(&self) -> Report {
        self.analyzer.snapshot()
    }
}

fn stream(r: &Report, ssrc: u32) -> &StreamReport {
    r.streams.iter().find(|s| s.ssrc == ssrc).expect("stream")
}

/// Opus-like packets: 20 ms apart, timestamp +960, PT 111.
fn audio(seqs: impl IntoIterator<Item = u16>, first_seq: u16) -> Vec<P> {
    seqs.into_iter()
        .map(|seq| {
            let k = seq.wrapping_sub(first_seq) as u32;
            P {
                seq,
                ts: 10_000 + 960 * k,
                t_ms: 20.0 * f64::from(k),
                ssrc: 0x1111,
                pt: 111,
            }
        })
        .collect()
}

#[test]
fn sequence_wrap_at_65535() {
    // 65530..=65535 then 0..=9: 6 + 10 = 16 packets in a row.
    let mut f = Feed::new();
    let seqs: Vec<u16> = (65530..=65535).chain(0..=9).collect();
    for p in audio(seqs, 65530) {
        f.rtp(p, &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(s.packets, 16);
    assert_eq!(s.seq_cycles, 1);
    assert_eq!(s.first_seq, 65530);
    // Highest extended sequence: one cycle (65536) + 9.
    assert_eq!(s.last_seq, 65536 + 9);
    // Expected 65545 - 65530 + 1 = 16, lost 0; Wireshark agrees (its cycle is counted
    // when a number drops below the first one).
    assert_eq!(s.expected, 16);
    assert_eq!(s.lost, 0);
    assert_eq!(s.wireshark_lost, 0);
    assert_eq!((s.duplicates, s.out_of_order), (0, 0));
}

#[test]
fn ssrc_change_mid_flow_is_a_new_stream() {
    let mut f = Feed::new();
    for p in audio(100..110, 100) {
        f.rtp(p, &[0; 20]);
    }
    // Same 5-tuple, new SSRC, new sequence space from 5000, 200 ms later.
    for mut p in audio(5000..5010, 5000) {
        p.ssrc = 0x2222;
        p.t_ms += 200.0;
        f.rtp(p, &[0; 20]);
    }
    let r = f.report();
    assert_eq!(r.streams.len(), 2);
    for ssrc in [0x1111, 0x2222] {
        let s = stream(&r, ssrc);
        // 10 packets each, consecutive: expected 10, lost 0.
        assert_eq!((s.packets, s.expected, s.lost), (10, 10, 0), "{ssrc:#x}");
    }
}

#[test]
fn reordering() {
    // 1 2 3 5 4 6 7 8: 4 arrives after 5 (one out of order); all 8 arrive.
    let mut f = Feed::new();
    let order = [1u16, 2, 3, 5, 4, 6, 7, 8];
    let base = audio(1..=8, 1);
    for seq in order {
        let mut p = base[usize::from(seq) - 1];
        p.t_ms = 20.0 * f64::from(order.iter().position(|&s| s == seq).unwrap() as u32);
        f.rtp(p, &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(s.packets, 8);
    assert_eq!(s.out_of_order, 1);
    assert_eq!(s.duplicates, 0);
    // Expected 8 - 1 + 1 = 8, received 8.
    assert_eq!((s.expected, s.lost), (8, 0));
    assert_eq!(s.wireshark_lost, 0);
}

#[test]
fn reordered_last_packet_differs_from_wireshark() {
    // 1 2 3 5 4: ours expected = highest 5 - 1 + 1 = 5, lost 0. Wireshark counts to
    // the *last* packet's number: 4 - 1 + 1 = 4 expected, 5 received, lost -1.
    let mut f = Feed::new();
    let base = audio(1..=5, 1);
    for (i, seq) in [1u16, 2, 3, 5, 4].into_iter().enumerate() {
        let mut p = base[usize::from(seq) - 1];
        p.t_ms = 20.0 * i as f64;
        f.rtp(p, &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!((s.expected, s.lost), (5, 0));
    assert_eq!((s.wireshark_expected, s.wireshark_lost), (4, -1));
}

#[test]
fn duplicates() {
    // 1 2 3 3 4 5: six packets, five numbers; lost = 5 - 6 = -1 (RFC 3550 and
    // Wireshark alike count the duplicate as received).
    let mut f = Feed::new();
    let base = audio(1..=5, 1);
    for seq in [1u16, 2, 3, 3, 4, 5] {
        f.rtp(base[usize::from(seq) - 1], &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(s.packets, 6);
    assert_eq!(s.duplicates, 1);
    assert_eq!(s.out_of_order, 0);
    assert_eq!((s.expected, s.lost), (5, -1));
    assert_eq!(s.wireshark_lost, -1);
}

#[test]
fn loss_bursts_and_gaps() {
    // 1..=10, then 13..=20 (gap of 2), then 31..=40 (burst of 10).
    let mut f = Feed::new();
    let seqs: Vec<u16> = (1..=10).chain(13..=20).chain(31..=40).collect();
    let base = audio(1..=40, 1);
    for seq in &seqs {
        f.rtp(base[usize::from(*seq) - 1], &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    // 10 + 8 + 10 = 28 received, expected 40, lost 12 = 2 + 10.
    assert_eq!((s.packets, s.expected, s.lost), (28, 40, 12));
    assert!((s.lost_percent - 30.0).abs() < 1e-9);
    let kinds: Vec<&str> = r.findings.iter().map(|f| f.kind.as_str()).collect();
    assert!(kinds.contains(&"sequence-gap"), "{kinds:?}");
    assert!(kinds.contains(&"loss-burst"), "{kinds:?}");
}

#[test]
fn jitter_and_deltas_by_hand() {
    // PCMU (PT 0, static 8000 Hz): 160 samples = 20 ms a packet. Arrivals 0, 24,
    // 40, 60 ms.
    //   p2: D = |24 - (0 + 20)| = 4,  J = 4/16 = 0.25
    //   p3: D = |40 - (24 + 20)| = 4, J = (15 × 0.25 + 4)/16 = 0.484375
    //   p4: D = |60 - (40 + 20)| = 0, J = 15 × 0.484375 / 16 = 7.265625 / 16
    //       = 0.4541015625
    // Max jitter 0.484375. Mean (Wireshark: divided by the packets before):
    //   (0.25)/1 = 0.25; (0.25 + 0.484375)/2 = 0.3671875;
    //   (0.3671875 × 2 + 0.4541015625)/3 = 1.1884765625 / 3 = 0.39615885416...
    // Deltas 24, 16, 20: min 16, max 24, mean 20.
    let mut f = Feed::new();
    for (i, t) in [0.0, 24.0, 40.0, 60.0].into_iter().enumerate() {
        let p = P {
            seq: 7 + i as u16,
            ts: 160 * i as u32,
            t_ms: t,
            ssrc: 0x3333,
            pt: 0,
        };
        f.rtp(p, &[0xff; 160]);
    }
    let r = f.report();
    let s = stream(&r, 0x3333);
    assert_eq!(s.codec.as_deref(), Some("PCMU"));
    assert_eq!(s.clock_rate, Some(8000));
    assert_eq!(s.clock_rate_source, ClockRateSource::Static);
    assert_eq!(s.media, MediaKind::Audio);
    let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-9;
    assert!(close(s.jitter_ms, 0.4541015625), "{:?}", s.jitter_ms);
    // In timestamp units: 0.4541015625 ms × 8 = 3.6328125.
    assert!(close(s.jitter_ts, 3.6328125));
    assert!(close(s.max_jitter_ms, 0.484375));
    assert!(close(s.mean_jitter_ms, 1.1884765625 / 3.0));
    assert!(close(s.min_delta_ms, 16.0));
    assert!(close(s.max_delta_ms, 24.0));
    assert!(close(s.mean_delta_ms, 20.0));
}

#[test]
fn rtp_timestamp_wrap() {
    // 60 packets, timestamps from 2^32 - 5 × 960 up by 960 (wrapping after the 5th),
    // exactly 20 ms apart: 48 kHz estimated, no jitter, no timestamp jump.
    let mut f = Feed::new();
    for k in 0..60u32 {
        let p = P {
            seq: k as u16,
            ts: (u32::MAX - 5 * 960 + 1).wrapping_add(960 * k),
            t_ms: 20.0 * f64::from(k),
            ssrc: 0x4444,
            pt: 111,
        };
        f.rtp(p, &[0; 30]);
    }
    let r = f.report();
    let s = stream(&r, 0x4444);
    assert_eq!(s.clock_rate, Some(48000));
    assert_eq!(s.clock_rate_source, ClockRateSource::Estimated);
    assert_eq!(s.media, MediaKind::Audio);
    assert_eq!(s.max_jitter_ms, Some(0.0));
    assert_eq!(s.timestamp_jumps, 0);
    // 59 deltas of 20 ms.
    assert_eq!(s.max_delta_ms, Some(20.0));
    assert_eq!(s.lost, 0);
}

#[test]
fn clock_rate_estimation() {
    // Video: +3000 every 33.333 ms → 3000 / 0.0333333 = 90000 Hz.
    // Audio: +320 every 20 ms → 16000 Hz.
    let mut f = Feed::new();
    for k in 0..30u32 {
        f.rtp(
            P {
                seq: k as u16,
                ts: 3000 * k,
                t_ms: 100.0 * f64::from(k) / 3.0,
                ssrc: 0x5555,
                pt: 96,
            },
            &[0; 100],
        );
        f.rtp(
            P {
                seq: 1000 + k as u16,
                ts: 320 * k,
                t_ms: 20.0 * f64::from(k),
                ssrc: 0x6666,
                pt: 100,
            },
            &[0; 40],
        );
    }
    let r = f.report();
    let v = stream(&r, 0x5555);
    assert_eq!(
        (v.clock_rate, v.clock_rate_source),
        (Some(90000), ClockRateSource::Estimated)
    );
    assert_eq!(v.media, MediaKind::Video);
    assert_eq!(v.codec, None);
    // Every packet has a new timestamp: 30 frames over 29 × 33.333 ms → 30 fps.
    let video = v.video.as_ref().unwrap();
    assert_eq!(video.frames, 30);
    assert!((video.fps.unwrap() - 30.0).abs() < 1e-6);
    let a = stream(&r, 0x6666);
    assert_eq!(
        (a.clock_rate, a.clock_rate_source),
        (Some(16000), ClockRateSource::Estimated)
    );
    assert_eq!(a.media, MediaKind::Audio);
}

#[test]
fn rtx_inferred_and_nack_answered() {
    // Primary 0x7777 (PT 96) seqs 1..=20, timestamps 1000 × seq, 10 ms apart.
    // A NACK for 7 comes back; RTX 0x8888 (PT 97) then carries OSN 5 and 7 with the
    // primary's timestamps (RFC 4588). Two matches associate the streams; the second
    // answers the NACK.
    let mut f = Feed::new();
    for seq in 1..=20u16 {
        let p = P {
            seq,
            ts: 1000 * u32::from(seq),
            t_ms: 10.0 * f64::from(seq),
            ssrc: 0x7777,
            pt: 96,
        };
        f.rtp(p, &[0x10, 0, 0, 0]);
    }
    // RTPFB generic NACK (FMT 1, PT 205, length 3), sender 0x9999, media 0x7777,
    // PID 7, BLP 0.
    let nack = [
        0x81, 205, 0, 3, 0, 0, 0x99, 0x99, 0, 0, 0x77, 0x77, 0, 7, 0, 0,
    ];
    f.raw(205.0, &nack);
    for (i, osn) in [5u16, 7].into_iter().enumerate() {
        let p = P {
            seq: 300 + i as u16,
            ts: 1000 * u32::from(osn),
            t_ms: 230.0 + 10.0 * i as f64,
            ssrc: 0x8888,
            pt: 97,
        };
        let [hi, lo] = osn.to_be_bytes();
        f.rtp(p, &[hi, lo, 0x10, 0, 0, 0]);
    }
    let r = f.report();
    let rtx = stream(&r, 0x8888);
    assert_eq!(rtx.media, MediaKind::Rtx);
    let link = rtx.rtx.as_ref().unwrap();
    assert_eq!(
        (link.role.as_str(), link.ssrc, link.how.as_str()),
        ("retransmits", 0x7777, "inferred")
    );
    assert_eq!(link.retransmissions, 2);
    let primary = stream(&r, 0x7777);
    let back = primary.rtx.as_ref().unwrap();
    assert_eq!(
        (back.role.as_str(), back.ssrc),
        ("retransmitted-by", 0x8888)
    );
    // Retransmissions are not duplicates on the primary.
    assert_eq!((primary.duplicates, primary.lost), (0, 0));
    assert_eq!(primary.rtcp.nacks, 1);
    assert_eq!(primary.rtcp.nacked_packets, 1);
    assert_eq!(primary.rtcp.nacked_retransmitted, 1);
    // NACK at 205 ms, the RTX of 7 at 240 ms: 35 ms.
    assert!((primary.rtcp.mean_retransmit_delay_ms.unwrap() - 35.0).abs() < 1e-6);
}

#[test]
fn stream_table_is_capped() {
    let mut f = Feed {
        analyzer: Analyzer::new(rtcinspect_analysis::Config::default().with_max_streams(3)),
        frame: 0,
    };
    for ssrc in 1..=5u32 {
        for seq in 0..4u16 {
            f.rtp(
                P {
                    seq,
                    ts: 0,
                    t_ms: f64::from(seq),
                    ssrc,
                    pt: 0,
                },
                &[0; 4],
            );
        }
    }
    let r = f.report();
    assert_eq!(r.streams.len(), 3);
    // Two streams of 4 packets did not fit.
    assert_eq!(r.limits.streams_dropped, 8);
}

#[test]
fn rtcp_about_an_unknown_ssrc() {
    // An RR from 0x9999 with one block about 0xabcd, which sends no RTP; a second RR
    // 6 s later (past the 5 s grace) makes it a finding.
    let mut f = Feed::new();
    let rr = |f: &mut Feed, t: f64| {
        let mut b = vec![0x81, 201, 0, 7, 0, 0, 0x99, 0x99];
        // Block: SSRC, fraction 64 (25 %), cumulative 10, highest 0x0001_0010,
        // jitter 90, LSR 0, DLSR 0.
        b.extend_from_slice(&[0, 0, 0xab, 0xcd, 64, 0, 0, 10, 0, 1, 0, 0x10, 0, 0, 0, 90]);
        b.extend_from_slice(&[0; 8]);
        f.raw(t, &b);
    };
    rr(&mut f, 0.0);
    rr(&mut f, 6000.0);
    let r = f.report();
    assert_eq!(r.rtcp.datagrams, 2);
    assert_eq!(r.rtcp.unmatched.len(), 1);
    let u = &r.rtcp.unmatched[0];
    assert_eq!(u.ssrc, 0xabcd);
    assert_eq!(u.rtcp.receiver_reports, 2);
    let block = u.rtcp.last_rr.unwrap();
    // 64 / 256 = 25 %.
    assert_eq!(block.fraction_lost_percent, 25.0);
    assert_eq!(
        (block.cumulative_lost, block.highest_seq, block.jitter_ts),
        (10, 0x0001_0010, 90)
    );
    assert_eq!(block.reporter_ssrc, 0x9999);
    assert!(
        r.findings
            .iter()
            .any(|f| f.kind == "rtcp-unmatched" && f.ssrc == Some(0xabcd))
    );
}

#[test]
fn rtt_from_lsr_and_dlsr() {
    // An SR from 0x1111 at t = 100 ms with NTP 0x0000_1234_5678_0000 (compact NTP
    // 0x1234_5678); the RR about 0x1111 arrives at t = 160 ms with LSR 0x1234_5678 and
    // DLSR 0x0000_0800 = 2048 / 65536 s = 31.25 ms: RTT = 160 - 100 - 31.25 = 28.75 ms.
    // With series on, the RTT also lands in the stream's first one-second point.
    let mut f = Feed {
        analyzer: Analyzer::new(rtcinspect_analysis::Config::default().with_series(true)),
        frame: 0,
    };
    for p in audio(0..5, 0) {
        f.rtp(p, &[0; 10]);
    }
    let mut sr = vec![0x80, 200, 0, 6, 0, 0, 0x11, 0x11];
    sr.extend_from_slice(&[0, 0, 0x12, 0x34, 0x56, 0x78, 0, 0]); // NTP
    sr.extend_from_slice(&[0, 0, 0x10, 0]); // RTP timestamp
    sr.extend_from_slice(&[0, 0, 0, 5, 0, 0, 0, 50]); // 5 packets, 50 octets
    f.raw(100.0, &sr);
    let mut rr = vec![0x81, 201, 0, 7, 0, 0, 0x22, 0x22];
    rr.extend_from_slice(&[0, 0, 0x11, 0x11, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
    rr.extend_from_slice(&[0x12, 0x34, 0x56, 0x78, 0, 0, 0x08, 0]);
    f.raw(160.0, &rr);
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(s.rtcp.sender_reports, 1);
    let last_sr = s.rtcp.last_sr.unwrap();
    assert_eq!(
        (
            last_sr.packet_count,
            last_sr.octet_count,
            last_sr.captured_packets
        ),
        (5, 50, 5)
    );
    let rtt = s.rtcp.last_rr.unwrap().rtt_ms.unwrap();
    assert!((rtt - 28.75).abs() < 1e-6, "{rtt}");
    assert_eq!(s.rtcp.rtt_ms.unwrap().count, 1);
    let series = s.series.as_ref().unwrap();
    assert_eq!(series.rtt_ms.len(), series.bitrate_bps.len());
    assert!((series.rtt_ms[0].unwrap() - 28.75).abs() < 1e-6);
    // 5 packets of 12 + 10 bytes in the first second: 5 × 22 × 8 = 880 bit/s.
    assert_eq!(series.bitrate_bps[0], 880.0);
}

#[test]
fn rfc8888_feedback() {
    // RTPFB FMT 11 (0x80 | 11), PT 205, length 6 (28 bytes), sender 0x9999; one report
    // block about 0x1111 from sequence 0 with 3 metric blocks: received (R=1), lost
    // (all zero), received; 2 bytes of padding; the report timestamp.
    let mut f = Feed::new();
    for p in audio(0..3, 0) {
        f.rtp(p, &[0; 10]);
    }
    let ccfb = [
        0x8b, 205, 0, 6, 0, 0, 0x99, 0x99, // header, sender SSRC
        0, 0, 0x11, 0x11, 0, 0, 0, 3, // SSRC, begin_seq 0, num_reports 3
        0x80, 0x10, 0, 0, 0x80, 0x20, 0, 0, // metric blocks + padding
        0, 0, 0x04, 0, // report timestamp
    ];
    f.raw(100.0, &ccfb);
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(
        (s.rtcp.ccfb_reports, s.rtcp.ccfb_received, s.rtcp.ccfb_lost),
        (1, 2, 1)
    );
    assert!(
        r.rtcp
            .packets
            .iter()
            .any(|c| c.name == "ccfb" && c.count == 1)
    );
}

#[test]
fn wrap_with_reordering_where_wireshark_is_wrong() {
    // Sent 65533 65534 65535 0 1; 65534 is delayed and arrives last:
    // arrival order 65533 65535 0 1 65534, all five received, none lost.
    // RFC 3550: highest extended number 65536 + 1 = 65537, expected
    // 65537 - 65533 + 1 = 5, lost 0; 65534 is out of order.
    // Wireshark: a cycle is counted at 0 (below the first number 65533), then the
    // last packet 65534 is above the first number again, and expected runs to the
    // last packet's number in that cycle: 65534 + 65536 - 65533 + 1 = 65538, so
    // "lost" = 65538 - 5 = 65533.
    let mut f = Feed::new();
    let base = audio([65533u16, 65534, 65535, 0, 1], 65533);
    for (i, k) in [0usize, 2, 3, 4, 1].into_iter().enumerate() {
        let mut p = base[k];
        p.t_ms = 20.0 * i as f64;
        f.rtp(p, &[0; 20]);
    }
    let r = f.report();
    let s = stream(&r, 0x1111);
    assert_eq!(
        (s.packets, s.expected, s.lost, s.out_of_order),
        (5, 5, 0, 1)
    );
    assert_eq!(s.seq_cycles, 1);
    assert_eq!((s.wireshark_expected, s.wireshark_lost), (65538, 65533));
}

#[test]
fn timestamp_jump_pt_change_and_ssrc_collision() {
    // PCMU (8000 Hz, 160 per 20 ms) seqs 0..10; before seq 5 the timestamp jumps
    // 5 s ahead (40000) while 20 ms pass: one timestamp jump (|5000 - 20| > 1000 ms).
    // Seq 8 uses PT 8 (PCMA): one payload type change, and another back at seq 9.
    let mut f = Feed::new();
    for seq in 0..10u16 {
        let jump = if seq >= 5 { 40_000 } else { 0 };
        let p = P {
            seq,
            ts: 160 * u32::from(seq) + jump,
            t_ms: 20.0 * f64::from(seq),
            ssrc: 0xaaaa,
            pt: if seq == 8 { 8 } else { 0 },
        };
        f.rtp(p, &[0; 160]);
    }
    // Another source sends SSRC 0xaaaa to the same destination.
    let repr = RtpRepr {
        payload_type: 0,
        sequence_number: 100,
        ssrc: 0xaaaa,
        payload: &[0; 160],
        ..Default::default()
    };
    let mut buf = vec![0u8; repr.buffer_len()];
    repr.emit(&mut buf).unwrap();
    let d = Datagram {
        frame: 99,
        timestamp_ns: 1_700_000_000_300_000_000,
        interface: 0,
        source: "192.0.2.9:7000".parse().unwrap(),
        destination: B.parse().unwrap(),
        transport: Transport::Udp,
        payload: &buf,
        truncated: false,
        stream: false,
    };
    f.analyzer.ingest(&d);
    let r = f.report();
    let s = r
        .streams
        .iter()
        .find(|s| s.ssrc == 0xaaaa && s.src == Some(A.parse().unwrap()))
        .unwrap();
    assert_eq!(s.timestamp_jumps, 1);
    assert_eq!(s.payload_types, vec![0, 8]);
    assert_eq!(s.payload_type, 0);
    let count = |kind: &str| r.findings.iter().filter(|f| f.kind == kind).count();
    assert_eq!(count("timestamp-jump"), 1);
    assert_eq!(count("pt-change"), 2);
    assert_eq!(count("ssrc-collision"), 1);
}
