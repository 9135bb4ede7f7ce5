//! A hand-built [`Report`] for renderer tests: every section filled, the numbers
//! chosen so that what the renderers print can be worked out by hand.

use std::net::SocketAddr;

use rtcinspect_analysis::Report;
use rtcinspect_analysis::report::{
    At, CandidatePairReport, ClockRateSource, DtlsReport, Finding, FlowReport, MediaKind,
    SessionReport, Severity, Stat, StreamReport, TurnRelay, VideoReport,
};

fn a(s: &str) -> Option<SocketAddr> {
    s.parse().ok()
}

/// Two streams (IPv6 audio with 2 % loss; TURN-relayed IPv4 video with an awkward
/// RID), an ICE pair, a DTLS handshake, a session and a finding.
pub(crate) fn report() -> Report {
    let mut r = Report::default();
    r.version = 1;
    r.capture.file = Some("call.pcap".to_owned());
    r.capture.format = Some("pcap".to_owned());
    r.capture.packets = 1500;
    r.capture.bytes = 600_000;
    r.capture.datagrams = 1500;
    r.capture.first_time = Some(1_700_000_000.0);
    r.capture.last_time = Some(1_700_000_020.0);

    let mut audio = StreamReport::default();
    audio.ssrc = 0x1122_3344;
    audio.src = a("[2001:db8::1]:5004");
    audio.dst = a("[2001:db8::2]:6000");
    audio.transport = "udp".to_owned();
    audio.payload_type = 111;
    audio.payload_types = vec![111];
    audio.codec = Some("opus".to_owned());
    audio.clock_rate = Some(48_000);
    audio.clock_rate_source = ClockRateSource::Sdp;
    audio.media = MediaKind::Audio;
    // 1000 expected, 980 received: 20 lost = 2.0 %.
    audio.packets = 980;
    audio.expected = 1000;
    audio.lost = 20;
    audio.lost_percent = 2.0;
    audio.mean_bitrate_bps = 40_000.0;
    audio.max_delta_ms = Some(45.5);
    audio.max_jitter_ms = Some(3.25);
    audio.mean_jitter_ms = Some(1.5);
    let mut rtt = Stat::default();
    rtt.add(10.0);
    rtt.add(14.0); // mean 12
    audio.rtcp.rtt_ms = Some(rtt);
    audio.rtcp.nacks = 3;
    audio.rtcp.nacked_packets = 5;
    audio.rtcp.receiver_reports = 4;

    let mut video = StreamReport::default();
    video.ssrc = 0xdead_beef;
    video.src = a("10.0.0.1:40000");
    video.dst = a("10.0.0.2:3478");
    video.transport = "udp".to_owned();
    video.payload_type = 96;
    video.payload_types = vec![96];
    video.media = MediaKind::Video;
    video.rid = Some("x,\"y\"".to_owned());
    video.turn = Some(TurnRelay {
        channel: Some(0x4001),
        peer: a("192.0.2.7:50000"),
    });
    video.packets = 12_345;
    video.expected = 12_345;
    video.mean_bitrate_bps = 1_234_567.0;
    video.rtcp.plis = 2;
    let mut v = VideoReport::default();
    v.frames = 600;
    v.fps = Some(30.0);
    video.video = Some(v);
    r.streams = vec![audio, video];

    let mut pair = CandidatePairReport::default();
    pair.local = a("[2001:db8::1]:5004");
    pair.remote = a("[2001:db8::2]:6000");
    pair.transport = "udp".to_owned();
    pair.state = "succeeded".to_owned();
    pair.nominated = true;
    pair.requests = 7;
    pair.responses = 7;
    let mut relayed = CandidatePairReport::default();
    relayed.local = a("198.51.100.9:49152");
    relayed.remote = a("192.0.2.7:50000");
    relayed.transport = "udp".to_owned();
    relayed.state = "in-progress".to_owned();
    relayed.requests = 1;
    relayed.turn = Some(FlowReport {
        a: a("10.0.0.1:40000"),
        b: a("10.0.0.2:3478"),
        transport: "udp".to_owned(),
    });
    r.ice.pairs = vec![pair, relayed];

    let mut d = DtlsReport::default();
    d.client = a("[2001:db8::1]:5004");
    d.server = a("[2001:db8::2]:6000");
    d.transport = "udp".to_owned();
    d.version = Some("DTLS 1.2".to_owned());
    d.srtp_profile = Some("SRTP_AEAD_AES_128_GCM".to_owned());
    d.complete = true;
    d.duration_ms = Some(12.5);
    r.dtls = vec![d];

    let mut s = SessionReport::default();
    s.id = 0;
    s.grouped_by = vec!["ice-ufrag".to_owned()];
    s.ice_username = Some("abcd:efgh".to_owned());
    s.streams = vec![0, 1];
    r.sessions = vec![s];

    r.findings = vec![Finding {
        at: At {
            frame: 42,
            time: 1_700_000_001.5,
        },
        severity: Severity::Warning,
        kind: "loss-burst".to_owned(),
        ssrc: Some(0x1122_3344),
        message: "12 packets lost in a row".to_owned(),
    }];
    r
}
