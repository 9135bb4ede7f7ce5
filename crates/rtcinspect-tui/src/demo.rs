//! A made-up but realistic [`Report`] (streams with time series, RTCP, ICE, TURN,
//! DTLS, SDP with lint findings, findings) for rendering tests, the render-time
//! measurement and `examples/dashboard.rs --demo`. Deterministic: the same
//! arguments give the same report.

// Struct literals end with `..Default::default()` even where every field is set today,
// so that fields the analysis adds later do not break the demo.
#![allow(clippy::needless_update)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use rtcinspect_analysis::report::{
    At, AudioReport, CandidatePairReport, CertificateFingerprint, ChannelBindingReport,
    ClockRateSource, Count, DtlsReport, ExtensionReport, Finding, HandshakeEvent, MediaKind,
    Report, RtxReport, SdpMediaReport, SdpReport, SessionReport, Severity, Stat, StreamReport,
    StreamSeries, TurnAllocationReport, VideoReport,
};

/// Start of the made-up capture, Unix seconds (2026-01-01T00:00:00Z).
pub const START: f64 = 1_767_225_600.0;

/// A small deterministic generator (64-bit LCG), so no dependency is needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn v4(a: u8, port: u16) -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, a)), port)
}

fn v6(port: u16) -> SocketAddr {
    SocketAddr::new(IpAddr::V6(Ipv6Addr::new(0xfd00, 0, 0, 0, 0, 0, 0, 2)), port)
}

fn stat(min: f64, mean: f64, max: f64, count: u64) -> Stat {
    Stat {
        count,
        min,
        mean,
        max,
        last: mean,
    }
}

/// One made-up stream: `i` picks its kind (video, audio, RTX) and values.
fn stream(i: usize, seconds: usize, rng: &mut Lcg) -> StreamReport {
    let kind = i % 3;
    let mut s = StreamReport::default();
    s.ssrc = 0x1000_0000u32.wrapping_add((i as u32).wrapping_mul(0x0101_0457));
    s.src = Some(if i % 2 == 0 {
        v6(50_000 + i as u16)
    } else {
        v4(10, 40_000 + i as u16)
    });
    s.dst = Some(if i % 2 == 0 { v6(51_000) } else { v4(20, 5004) });
    s.transport = "udp".into();
    s.session = Some(0);
    let (codec, pt, clock, media, rate) = match kind {
        0 => ("VP8", 96u8, 90_000u32, MediaKind::Video, 480_000.0),
        1 => ("opus", 111, 48_000, MediaKind::Audio, 40_000.0),
        _ => ("rtx", 97, 90_000, MediaKind::Rtx, 12_000.0),
    };
    s.codec = Some(codec.into());
    s.payload_type = pt;
    s.payload_types = vec![pt];
    s.clock_rate = Some(clock);
    s.clock_rate_source = ClockRateSource::Sdp;
    s.media = media;
    s.mid = Some(if kind == 1 { "0" } else { "1" }.into());
    let pps = match kind {
        0 => 60.0,
        1 => 50.0,
        _ => 3.0,
    };
    let mut series = StreamSeries::default();
    series.start = START;
    series.step_s = 1.0;
    let mut packets = 0.0;
    let mut lost_total = 0.0;
    for t in 0..seconds {
        let outage = kind == 0 && i % 6 == 0 && (20..24).contains(&t);
        let wobble = 0.8 + 0.4 * rng.next();
        let (br, pr) = if outage {
            (0.0, 0.0)
        } else {
            (rate * wobble, pps * wobble)
        };
        let lost = if outage {
            pps
        } else if rng.next() < 0.1 {
            (rng.next() * 4.0).floor()
        } else {
            0.0
        };
        packets += pr;
        lost_total += lost;
        series.bitrate_bps.push(br);
        series.packet_rate_pps.push(pr);
        series.lost.push(lost);
        series.jitter_ms.push(Some(2.0 + 6.0 * rng.next()));
        series
            .rtt_ms
            .push((t % 5 == 0).then(|| 20.0 + 10.0 * rng.next()));
        series
            .fps
            .push((kind == 0).then(|| if outage { 0.0 } else { 28.0 + 4.0 * rng.next() }));
        series
            .audio_level
            .push((kind == 1).then(|| 30.0 + 20.0 * rng.next()));
    }
    s.packets = packets as u64;
    s.expected = (packets + lost_total) as i64;
    s.lost = lost_total as i64;
    s.lost_percent = if s.expected > 0 {
        lost_total * 100.0 / s.expected as f64
    } else {
        0.0
    };
    s.bytes = (rate / 8.0 * seconds as f64) as u64;
    s.first_seen = START;
    s.last_seen = START + seconds as f64;
    s.first_seq = 1000;
    s.last_seq = 1000 + s.expected as u32;
    s.jitter_ms = series.jitter_ms.last().copied().flatten();
    s.mean_jitter_ms = Some(5.0);
    s.max_jitter_ms = Some(8.0);
    s.mean_bitrate_bps = rate;
    s.max_bitrate_bps = rate * 1.2;
    s.mean_packet_rate_pps = pps;
    s.max_packet_rate_pps = pps * 1.2;
    s.markers = if kind == 0 { (30 * seconds) as u64 } else { 1 };
    s.extensions = vec![
        ExtensionReport {
            id: 1,
            uri: Some("urn:ietf:params:rtp-hdrext:sdes:mid".into()),
            inferred: false,
            packets: s.packets,
            ..Default::default()
        },
        ExtensionReport {
            id: 3,
            uri: Some(
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01".into(),
            ),
            inferred: false,
            packets: s.packets,
            ..Default::default()
        },
    ];
    let rtt: Vec<f64> = series.rtt_ms.iter().flatten().copied().collect();
    if !rtt.is_empty() {
        let mut st = Stat::default();
        for v in &rtt {
            st.add(*v);
        }
        s.rtcp.rtt_ms = Some(st);
    }
    s.rtcp.sender_reports = seconds as u64;
    s.rtcp.receiver_reports = seconds as u64;
    s.rtcp.nacks = if kind == 0 { lost_total as u64 } else { 0 };
    s.rtcp.nacked_packets = s.rtcp.nacks;
    s.rtcp.nacked_retransmitted = s.rtcp.nacks * 9 / 10;
    s.rtcp.plis = if kind == 0 && i % 6 == 0 { 2 } else { 0 };
    s.rtcp.mean_keyframe_delay_ms = (s.rtcp.plis > 0).then_some(84.0);
    s.rtcp.twcc_feedbacks = (seconds * 10) as u64;
    s.rtcp.twcc_lost = lost_total as u64;
    match kind {
        0 => {
            let mut v = VideoReport::default();
            v.frames = (30 * seconds) as u64;
            v.fps = Some(29.6);
            v.frame_bytes = Some(stat(400.0, 2000.0, 14_000.0, v.frames));
            v.keyframes = Some(3 + s.rtcp.plis);
            v.keyframe_interval_ms = Some(stat(3000.0, 12_000.0, 30_000.0, 3));
            v.freezes = u64::from(i % 6 == 0);
            v.max_frame_gap_ms = Some(if i % 6 == 0 { 4120.0 } else { 66.0 });
            v.resolution = Some((640, 480));
            s.video = Some(v);
            s.rtx = Some(RtxReport {
                role: "retransmitted-by".into(),
                ssrc: s.ssrc.wrapping_add(2),
                how: "sdp-ssrc-group".into(),
                retransmissions: s.rtcp.nacked_retransmitted,
                ..Default::default()
            });
        }
        1 => {
            let mut a = AudioReport::default();
            a.level = Some(stat(25.0, 38.0, 127.0, s.packets));
            a.voice_packets = s.packets * 3 / 5;
            a.level_packets = s.packets;
            s.audio = Some(a);
        }
        _ => {
            s.rtx = Some(RtxReport {
                role: "retransmits".into(),
                ssrc: s.ssrc.wrapping_sub(2),
                how: "sdp-ssrc-group".into(),
                retransmissions: s.packets,
                ..Default::default()
            });
        }
    }
    s.series = Some(series);
    s
}

const OFFER: &str = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=msid-semantic: WMS\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:aB3d\r\na=ice-pwd:0123456789abcdefghijklmn\r\na=fingerprint:sha-256 4F:2B:8A:11:90:C3:5E:77:02:AD:19:6E:FF:31:C8:0B:94:D6:3A:E5:72:10:BC:48:9D:06:E1:5F:2A:83:C7:64\r\na=setup:actpass\r\na=mid:0\r\na=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 transport-cc\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\na=ssrc-group:FID 268435456 268435458\r\n";

/// A report with `streams` RTP streams (cycling video, audio and RTX) over
/// `seconds` seconds, plus ICE, TURN, DTLS, SDP and findings.
pub fn report(streams: usize, seconds: usize) -> Report {
    let mut rng = Lcg(0x5eed_1234_abcd_0042);
    let mut r = Report::default();
    r.version = rtcinspect_analysis::report::REPORT_VERSION;
    r.streams = (0..streams).map(|i| stream(i, seconds, &mut rng)).collect();
    let packets: u64 = r.streams.iter().map(|s| s.packets).sum();
    let c = &mut r.capture;
    c.file = Some("demo/call.pcapng".into());
    c.format = Some("pcapng".into());
    c.link_types = vec!["ethernet".into()];
    c.packets = packets + 900;
    c.bytes = r.streams.iter().map(|s| s.bytes).sum::<u64>() + 90_000;
    c.datagrams = packets + 880;
    c.first_time = Some(START);
    c.last_time = Some(START + seconds as f64);
    c.protocols = vec![
        Count {
            name: "rtp".into(),
            count: packets,
            ..Default::default()
        },
        Count {
            name: "rtcp".into(),
            count: 640,
            ..Default::default()
        },
        Count {
            name: "stun".into(),
            count: 220,
            ..Default::default()
        },
        Count {
            name: "dtls".into(),
            count: 12,
            ..Default::default()
        },
        Count {
            name: "other".into(),
            count: 8,
            ..Default::default()
        },
    ];
    c.malformed = vec![Count {
        name: "rtp: bad version".into(),
        count: 3,
        ..Default::default()
    }];
    c.unsupported = vec![Count {
        name: "ethertype 0x0806".into(),
        count: 20,
        ..Default::default()
    }];
    r.rtcp.datagrams = 640;

    let mut pair = CandidatePairReport::default();
    pair.local = Some(v6(50_000));
    pair.remote = Some(v6(51_000));
    pair.transport = "udp".into();
    pair.username = Some("Xy9z:aB3d".into());
    pair.role = Some("controlling".into());
    pair.requests = 14;
    pair.responses = 14;
    pair.rtt_ms = Some(stat(0.3, 0.6, 1.4, 14));
    pair.nominated = true;
    pair.state = "succeeded".into();
    pair.first = Some(At {
        frame: 1,
        time: START,
    });
    pair.first_success = Some(At {
        frame: 2,
        time: START + 0.001,
    });
    pair.consent_checks = 12;
    pair.session = Some(0);
    let mut failed = CandidatePairReport::default();
    failed.local = Some(v4(10, 40_000));
    failed.remote = Some(v4(99, 3478));
    failed.transport = "udp".into();
    failed.requests = 7;
    failed.retransmissions = 6;
    failed.state = "failed".into();
    failed.error_codes = vec![];
    r.ice.pairs = vec![pair, failed];
    let mut turn = TurnAllocationReport::default();
    turn.client = Some(v4(10, 40_001));
    turn.server = Some(v4(1, 3478));
    turn.transport = "udp".into();
    turn.relayed = Some(v4(1, 49_152));
    turn.mapped = Some(v4(10, 40_001));
    turn.allocate_requests = 2;
    turn.allocate_successes = 1;
    turn.errors = vec![Count {
        name: "401".into(),
        count: 1,
        ..Default::default()
    }];
    turn.lifetime_s = Some(600);
    turn.refreshes = 1;
    turn.permissions = vec![v4(20, 5004)];
    turn.channels = vec![ChannelBindingReport {
        channel: 0x4000,
        peer: Some(v4(20, 5004)),
        ..Default::default()
    }];
    turn.channel_data = 1200;
    turn.realm = Some("realm".into());
    turn.username = Some("user".into());
    r.ice.turn = vec![turn];

    let mut d = DtlsReport::default();
    d.client = Some(v6(51_000));
    d.server = Some(v6(50_000));
    d.transport = "udp".into();
    d.version = Some("DTLS 1.2".into());
    d.cipher_suite = Some("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256".into());
    d.srtp_profile = Some("SRTP_AES128_CM_HMAC_SHA1_80".into());
    let ev = |frame: u64, ms: f64, from: &str, msg: &str| HandshakeEvent {
        at: At {
            frame,
            time: START + 0.1 + ms / 1000.0,
        },
        from: from.into(),
        message: msg.into(),
        retransmission: false,
        ..Default::default()
    };
    d.timeline = vec![
        ev(5, 0.0, "client", "ClientHello"),
        ev(6, 1.2, "server", "ServerHello"),
        ev(6, 1.2, "server", "Certificate"),
        ev(7, 3.5, "client", "Certificate"),
        ev(7, 3.5, "client", "Finished"),
        ev(8, 4.1, "server", "Finished"),
    ];
    d.complete = true;
    d.duration_ms = Some(4.1);
    d.fingerprints = vec![
        CertificateFingerprint {
            from: "client".into(),
            algorithm: "sha-256".into(),
            value: "4F:2B:8A:11:90:C3:5E:77:02:AD:19:6E:FF:31:C8:0B".into(),
            sdp_match: Some(true),
            ..Default::default()
        },
        CertificateFingerprint {
            from: "server".into(),
            algorithm: "sha-256".into(),
            value: "A0:17:5C:E2:3B:9F:40:D1:66:08:7E:C5:2A:B3:91:FD".into(),
            sdp_match: Some(false),
            ..Default::default()
        },
    ];
    d.application_data = 40;
    d.session = Some(0);
    r.dtls = vec![d];

    let mut offer = SdpReport::default();
    offer.origin = "websocket".into();
    offer.at = Some(At {
        frame: 3,
        time: START + 0.05,
    });
    offer.from = Some(v4(10, 8443));
    offer.kind = Some("offer".into());
    offer.session = Some(0);
    offer.media = vec![
        SdpMediaReport {
            media: "audio".into(),
            port: 9,
            mid: Some("0".into()),
            direction: Some("sendrecv".into()),
            codecs: vec!["111 opus/48000/2".into()],
            ssrcs: vec![],
            ..Default::default()
        },
        SdpMediaReport {
            media: "video".into(),
            port: 9,
            mid: Some("1".into()),
            direction: Some("sendrecv".into()),
            codecs: vec!["96 VP8/90000".into(), "97 rtx/90000".into()],
            ssrcs: vec![268_435_456, 268_435_458],
            ..Default::default()
        },
    ];
    offer.ice_ufrag = Some("aB3d".into());
    offer.fingerprints = vec!["sha-256 4F:2B:8A:11".into()];
    offer.lint = vec!["a=msid-semantic is obsolete (RFC 8830 uses a=msid)".into()];
    offer.text = OFFER.replace("\r\n", "\n");
    let mut answer = offer.clone();
    answer.kind = Some("answer".into());
    answer.answers = Some(0);
    answer.at = Some(At {
        frame: 4,
        time: START + 0.08,
    });
    answer.lint = vec![];
    answer.text = answer.text.replace("a=setup:actpass", "a=setup:active");
    r.sdp = vec![offer, answer];
    let mut session = SessionReport::default();
    session.grouped_by = vec!["ice-ufrag".into(), "sdp".into()];
    session.ice_username = Some("Xy9z:aB3d".into());
    session.streams = (0..r.streams.len()).collect();
    session.sdp = vec![0, 1];
    session.first = Some(START);
    session.last = Some(START + seconds as f64);
    r.sessions = vec![session];

    for s in r
        .streams
        .iter()
        .filter(|s| s.media == MediaKind::Video)
        .take(8)
    {
        if s.rtcp.plis > 0 {
            r.findings.push(Finding {
                at: At {
                    frame: 1800,
                    time: START + 20.0,
                },
                severity: Severity::Error,
                kind: "loss-burst".into(),
                ssrc: Some(s.ssrc),
                message: format!(
                    "{} packets lost in 4.0 s (no packet from 20.0 s to 24.0 s)",
                    s.lost
                ),
                ..Default::default()
            });
        } else {
            r.findings.push(Finding {
                at: At {
                    frame: 420,
                    time: START + 6.0,
                },
                severity: Severity::Warning,
                kind: "sequence-gap".into(),
                ssrc: Some(s.ssrc),
                message: "3 packets missing after seq 1337".into(),
                ..Default::default()
            });
        }
    }
    r.findings.push(Finding {
        at: At {
            frame: 7,
            time: START + 0.104,
        },
        severity: Severity::Error,
        kind: "fingerprint-mismatch".into(),
        ssrc: None,
        message: "the server certificate does not match the SDP a=fingerprint".into(),
        ..Default::default()
    });
    r.findings.push(Finding {
        at: At {
            frame: 12,
            time: START + 0.3,
        },
        severity: Severity::Info,
        kind: "ice-failure".into(),
        ssrc: None,
        message: "pair 192.0.2.10:40000 → 192.0.2.99:3478: no response to 7 checks".into(),
        ..Default::default()
    });
    r
}
