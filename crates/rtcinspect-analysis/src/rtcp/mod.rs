//! RTCP: sender reports, report blocks matched to streams with RTT, feedback (NACK,
//! PLI, FIR, REMB, transport-cc), XR, BYE; encrypted SRTCP counted by header.
//!
//! State is kept per media SSRC (the SSRC a report block or feedback message is
//! about, or the sender of an SR) in a capped table, and copied into every stream of
//! that SSRC at snapshot time. RTT from LSR/DLSR is the time between the capture of
//! the SR and the capture of the report block answering it, minus DLSR: the RTT seen
//! from the capture point (the true RTT when capturing at the SR's sender).

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use rtcinspect_wire::rtcp::fb::{PayloadFeedbackFci, RtpFeedbackFci};
use rtcinspect_wire::rtcp::xr::XrBlockKind;
use rtcinspect_wire::rtcp::{Compound, ReportBlock, RtcpPacket, packet_type};

use crate::context::Packet;
use crate::engine::{Config, Shared};
use crate::report::{
    Count, ReportBlockInfo, RtcpSummary, SenderReportInfo, Severity, Stat, StreamReport,
    StreamRtcp, UnmatchedRtcp,
};
use crate::rtp::RtpTracker;

/// SR (or RRTR) times remembered per SSRC for RTT.
const TIMES: usize = 16;
/// RTT samples kept per SSRC for the series.
const RTT_SAMPLES: usize = 4096;
/// Seconds after which RTCP about an SSRC with no RTP stream is a finding.
const UNMATCHED_AFTER_NS: i64 = 5_000_000_000;

/// RTCP state about one SSRC.
#[derive(Debug, Clone, Default)]
struct SsrcState {
    rtcp: StreamRtcp,
    /// Largest reported jitter, timestamp units (converted with the stream's rate).
    max_jitter_ts: Option<u32>,
    src: Option<SocketAddr>,
    dst: Option<SocketAddr>,
    first_ns: i64,
    /// (compact NTP, capture time) of the last SRs sent by this SSRC.
    srs: Vec<(u32, i64)>,
    /// (compact NTP, capture time) of the last XR RRTR blocks sent by this SSRC.
    rrtrs: Vec<(u32, i64)>,
    /// (capture time, RTT ms) of report blocks, for the series (with `series` on;
    /// the oldest dropped past [`RTT_SAMPLES`]).
    rtts: Vec<(i64, f64)>,
    reported_unmatched: bool,
}

fn remember(ring: &mut Vec<(u32, i64)>, v: (u32, i64)) {
    if ring.len() >= TIMES {
        ring.remove(0);
    }
    ring.push(v);
}

/// All RTCP state.
#[derive(Debug, Default)]
pub(crate) struct RtcpTracker {
    datagrams: u64,
    encrypted: u64,
    types: BTreeMap<&'static str, u64>,
    ssrcs: HashMap<u32, SsrcState>,
    /// SSRCs waiting for the unmatched check.
    pending: Vec<u32>,
    max: usize,
    series: bool,
    dropped: u64,
}

/// NTP timestamp (seconds since 1900, 32.32 fixed point) as Unix seconds.
fn ntp_to_unix(ntp: u64) -> f64 {
    (ntp >> 32) as f64 - 2_208_988_800.0 + (ntp & 0xffff_ffff) as f64 / 4_294_967_296.0
}

impl RtcpTracker {
    pub(crate) fn new(config: &Config) -> Self {
        RtcpTracker {
            max: config.max_streams.saturating_mul(2).max(16),
            series: config.series,
            ..RtcpTracker::default()
        }
    }

    fn count(&mut self, name: &'static str) {
        *self.types.entry(name).or_insert(0) += 1;
    }

    /// The state of an SSRC, created if there is room.
    fn state(&mut self, ssrc: u32, p: &Packet<'_>) -> Option<&mut SsrcState> {
        if !self.ssrcs.contains_key(&ssrc) {
            if self.ssrcs.len() >= self.max {
                self.dropped += 1;
                return None;
            }
            self.ssrcs.insert(
                ssrc,
                SsrcState {
                    src: Some(p.flow.src),
                    dst: Some(p.flow.dst),
                    first_ns: p.timestamp_ns,
                    ..SsrcState::default()
                },
            );
            if self.pending.len() < 256 {
                self.pending.push(ssrc);
            }
        }
        self.ssrcs.get_mut(&ssrc)
    }

    /// One RTCP datagram (compound or reduced-size).
    pub(crate) fn on_rtcp(&mut self, p: &Packet<'_>, shared: &mut Shared, rtp: &mut RtpTracker) {
        self.datagrams += 1;
        self.check_unmatched(p, shared, rtp);
        let srtcp_flow = shared.dtls_flows.contains(&p.flow.undirected());
        let clean = !srtcp_flow && Compound::new(p.payload).all(|r| r.is_ok());
        if !clean {
            // SRTCP: the first packet's header and sender SSRC are in clear, the
            // rest is encrypted (RFC 3711 §3.4).
            // Only the clear header is checked: the padding count, when the P bit is
            // set, is encrypted.
            match clear_header(p.payload) {
                Some((pt, ssrc)) => {
                    self.encrypted += 1;
                    self.count(match pt {
                        packet_type::SR => "sr",
                        packet_type::RR => "rr",
                        _ => "encrypted",
                    });
                    if let Some(s) = self.state(ssrc, p) {
                        s.rtcp.encrypted = true;
                        if pt == packet_type::SR {
                            s.rtcp.sender_reports += 1;
                        }
                    }
                }
                None => shared.malformed("rtcp: bad header"),
            }
            return;
        }
        let t = p.timestamp_ns;
        for packet in Compound::new(p.payload).flatten() {
            match packet {
                RtcpPacket::SenderReport(sr) => {
                    self.count("sr");
                    let info = sr.sender_info();
                    let ssrc = sr.ssrc();
                    let captured = rtp.packets_of(ssrc, p.flow.src.ip());
                    if let Some(s) = self.state(ssrc, p) {
                        s.rtcp.sender_reports += 1;
                        s.rtcp.last_sr = Some(SenderReportInfo {
                            at: p.at(),
                            ntp_time: ntp_to_unix(info.ntp_timestamp),
                            rtp_timestamp: info.rtp_timestamp,
                            packet_count: info.packet_count,
                            octet_count: info.octet_count,
                            captured_packets: captured,
                        });
                        remember(&mut s.srs, (info.compact_ntp(), t));
                    }
                    for block in sr.report_blocks() {
                        self.report_block(ssrc, &block, p);
                    }
                }
                RtcpPacket::ReceiverReport(rr) => {
                    self.count("rr");
                    for block in rr.report_blocks() {
                        self.report_block(rr.ssrc(), &block, p);
                    }
                }
                RtcpPacket::Sdes(_) => self.count("sdes"),
                RtcpPacket::Bye(bye) => {
                    self.count("bye");
                    for ssrc in bye.ssrcs() {
                        if let Some(s) = self.state(ssrc, p) {
                            s.rtcp.bye = true;
                        }
                    }
                }
                RtcpPacket::App(_) => self.count("app"),
                RtcpPacket::RtpFeedback(fb) => {
                    let media = fb.media_ssrc();
                    match fb.fci() {
                        Ok(RtpFeedbackFci::Nack(nack)) => {
                            self.count("nack");
                            let n: u64 =
                                nack.pairs().map(|pair| u64::from(pair.lost_count())).sum();
                            if let Some(s) = self.state(media, p) {
                                s.rtcp.nacks += 1;
                                s.rtcp.nacked_packets += n;
                            }
                            rtp.on_nack(media, nack.lost_sequence_numbers(), t);
                        }
                        Ok(RtpFeedbackFci::TransportCc(cc)) => {
                            self.count("twcc");
                            if let Some(s) = self.state(media, p) {
                                s.rtcp.twcc_feedbacks += 1;
                                s.rtcp.twcc_received += u64::from(cc.received_count());
                                s.rtcp.twcc_lost += u64::from(cc.lost_count());
                            }
                        }
                        Ok(RtpFeedbackFci::CongestionControl(cc)) => {
                            self.count("ccfb");
                            for block in cc.report_blocks() {
                                let (mut received, mut lost) = (0, 0);
                                for m in block.metric_blocks() {
                                    if m.received {
                                        received += 1;
                                    } else {
                                        lost += 1;
                                    }
                                }
                                if let Some(s) = self.state(block.ssrc(), p) {
                                    s.rtcp.ccfb_reports += 1;
                                    s.rtcp.ccfb_received += received;
                                    s.rtcp.ccfb_lost += lost;
                                }
                            }
                        }
                        Ok(RtpFeedbackFci::Tmmbr(_)) => self.count("tmmbr"),
                        Ok(RtpFeedbackFci::Tmmbn(_)) => self.count("tmmbn"),
                        Ok(_) => self.count("rtpfb"),
                        Err(_) => shared.malformed("rtcp: bad transport feedback"),
                    }
                }
                RtcpPacket::PayloadFeedback(fb) => {
                    let media = fb.media_ssrc();
                    match fb.fci() {
                        Ok(PayloadFeedbackFci::Pli) => {
                            self.count("pli");
                            if let Some(s) = self.state(media, p) {
                                s.rtcp.plis += 1;
                            }
                            rtp.on_keyframe_request(media, t);
                        }
                        Ok(PayloadFeedbackFci::Fir(fir)) => {
                            self.count("fir");
                            for e in fir.entries() {
                                if let Some(s) = self.state(e.ssrc, p) {
                                    s.rtcp.firs += 1;
                                }
                                rtp.on_keyframe_request(e.ssrc, t);
                            }
                        }
                        Ok(PayloadFeedbackFci::Remb(remb)) => {
                            self.count("remb");
                            let bps = remb.bitrate() as f64;
                            for ssrc in remb.ssrcs() {
                                if let Some(s) = self.state(ssrc, p) {
                                    s.rtcp.rembs += 1;
                                    s.rtcp.last_remb_bps = Some(bps);
                                }
                            }
                        }
                        Ok(PayloadFeedbackFci::Sli(_)) => self.count("sli"),
                        Ok(PayloadFeedbackFci::Rpsi(_)) => self.count("rpsi"),
                        Ok(PayloadFeedbackFci::Afb(_)) => self.count("afb"),
                        Ok(_) => self.count("psfb"),
                        Err(_) => shared.malformed("rtcp: bad payload feedback"),
                    }
                }
                RtcpPacket::ExtendedReport(xr) => {
                    self.count("xr");
                    let sender = xr.ssrc();
                    for block in xr.blocks() {
                        match block.parse() {
                            Ok(XrBlockKind::ReceiverReferenceTime(rrt)) => {
                                if let Some(s) = self.state(sender, p) {
                                    remember(&mut s.rrtrs, (rrt.compact_ntp(), t));
                                }
                            }
                            Ok(XrBlockKind::Dlrr(dlrr)) => {
                                for e in dlrr.entries() {
                                    let Some(s) = self.ssrcs.get_mut(&e.ssrc) else {
                                        continue;
                                    };
                                    let Some(&(_, at)) =
                                        s.rrtrs.iter().rev().find(|(c, _)| *c == e.last_rr)
                                    else {
                                        continue;
                                    };
                                    if e.last_rr == 0 {
                                        continue;
                                    }
                                    let rtt = (t - at) as f64 / 1e6
                                        - f64::from(e.delay_since_last_rr) * 1000.0 / 65536.0;
                                    s.rtcp.xr_rtt_ms.get_or_insert_with(Stat::default).add(rtt);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => self.count("unknown"),
            }
        }
    }

    fn report_block(&mut self, reporter: u32, b: &ReportBlock, p: &Packet<'_>) {
        let t = p.timestamp_ns;
        let series = self.series;
        let Some(s) = self.state(b.ssrc, p) else {
            return;
        };
        s.rtcp.receiver_reports += 1;
        let rtt_ms = if b.last_sr != 0 {
            s.srs
                .iter()
                .rev()
                .find(|(c, _)| *c == b.last_sr)
                .map(|&(_, at)| {
                    (t - at) as f64 / 1e6 - f64::from(b.delay_since_last_sr) * 1000.0 / 65536.0
                })
        } else {
            None
        };
        if let Some(rtt) = rtt_ms {
            s.rtcp.rtt_ms.get_or_insert_with(Stat::default).add(rtt);
            if series {
                if s.rtts.len() >= RTT_SAMPLES {
                    s.rtts.remove(0);
                }
                s.rtts.push((t, rtt));
            }
        }
        let fl = f64::from(b.fraction_lost) * 100.0 / 256.0;
        s.rtcp.max_fraction_lost_percent =
            Some(s.rtcp.max_fraction_lost_percent.map_or(fl, |m| m.max(fl)));
        s.max_jitter_ts = Some(s.max_jitter_ts.map_or(b.jitter, |m| m.max(b.jitter)));
        s.rtcp.last_rr = Some(ReportBlockInfo {
            at: p.at(),
            reporter_ssrc: reporter,
            fraction_lost_percent: fl,
            cumulative_lost: b.cumulative_lost,
            highest_seq: b.extended_highest_sequence,
            jitter_ts: b.jitter,
            jitter_ms: None,
            rtt_ms,
        });
    }

    /// RTCP about an SSRC that has had no RTP for a while is a finding.
    fn check_unmatched(&mut self, p: &Packet<'_>, shared: &mut Shared, rtp: &RtpTracker) {
        let now = p.timestamp_ns;
        let ssrcs = &mut self.ssrcs;
        self.pending.retain(|&ssrc| {
            if rtp.has_ssrc(ssrc) {
                return false;
            }
            let Some(s) = ssrcs.get_mut(&ssrc) else {
                return false;
            };
            if now - s.first_ns < UNMATCHED_AFTER_NS {
                return true;
            }
            s.reported_unmatched = true;
            shared.findings.push(
                p.at(),
                Severity::Info,
                "rtcp-unmatched",
                Some(ssrc),
                format!("RTCP about SSRC {ssrc:#010x} but no RTP stream with it in the capture"),
            );
            false
        });
    }

    /// Fills each stream's `rtcp` and the summary of RTCP matching no stream.
    pub(crate) fn fill(
        &self,
        streams: &mut [StreamReport],
        summary: &mut RtcpSummary,
        _shared: &Shared,
        rtp: &RtpTracker,
    ) {
        summary.datagrams = self.datagrams;
        summary.encrypted = self.encrypted;
        summary.packets = self
            .types
            .iter()
            .map(|(k, v)| Count {
                name: (*k).to_owned(),
                count: *v,
            })
            .collect();
        for stream in streams.iter_mut() {
            let Some(s) = self.ssrcs.get(&stream.ssrc) else {
                continue;
            };
            let mut r = s.rtcp.clone();
            // Filled by the RTP side (it sees the retransmissions and keyframes).
            r.nacked_retransmitted = stream.rtcp.nacked_retransmitted;
            r.mean_retransmit_delay_ms = stream.rtcp.mean_retransmit_delay_ms;
            r.mean_keyframe_delay_ms = stream.rtcp.mean_keyframe_delay_ms;
            if let Some(rate) = stream.clock_rate.filter(|&r| r > 0) {
                let ms = |ts: u32| f64::from(ts) * 1000.0 / f64::from(rate);
                r.max_reported_jitter_ms = s.max_jitter_ts.map(ms);
                if let Some(rr) = r.last_rr.as_mut() {
                    rr.jitter_ms = Some(ms(rr.jitter_ts));
                }
            }
            stream.rtcp = r;
            // RTT per point of the stream's series: mean of the samples in the point.
            if let Some(series) = stream.series.as_mut() {
                let n = series.bitrate_bps.len();
                let mut sums = vec![(0.0f64, 0u32); n];
                for &(t, v) in &s.rtts {
                    let at = t as f64 / 1e9 - series.start;
                    if at < 0.0 || series.step_s <= 0.0 {
                        continue;
                    }
                    if let Some(b) = sums.get_mut((at / series.step_s) as usize) {
                        b.0 += v;
                        b.1 += 1;
                    }
                }
                series.rtt_ms = sums
                    .into_iter()
                    .map(|(sum, k)| (k > 0).then(|| sum / f64::from(k)))
                    .collect();
            }
        }
        let mut unmatched: Vec<UnmatchedRtcp> = self
            .ssrcs
            .iter()
            .filter(|(ssrc, _)| !rtp.has_ssrc(**ssrc))
            .map(|(ssrc, s)| UnmatchedRtcp {
                ssrc: *ssrc,
                src: s.src,
                dst: s.dst,
                rtcp: s.rtcp.clone(),
            })
            .collect();
        unmatched.sort_by_key(|u| u.ssrc);
        summary.unmatched = unmatched;
    }
}

/// The packet type and sender SSRC of the first packet of a compound whose header is
/// sound (version 2, length within the datagram); the rest may be encrypted.
fn clear_header(buf: &[u8]) -> Option<(u8, u32)> {
    let h: &[u8; 8] = buf.first_chunk()?;
    let len = (usize::from(u16::from_be_bytes([h[2], h[3]])) + 1) * 4;
    (h[0] >> 6 == 2 && len >= 8 && len <= buf.len())
        .then(|| (h[1], u32::from_be_bytes([h[4], h[5], h[6], h[7]])))
}
