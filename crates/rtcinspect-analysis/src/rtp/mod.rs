//! RTP streams: RFC 3550 sequence tracking, loss, jitter, Wireshark-compatible
//! deltas; codec and clock rate; media detail; header extensions; RTX.
//!
//! A stream is (SSRC, source, destination, transport). Per packet the work is O(1)
//! and allocation-free once the stream exists (its extension list and RTX ring are
//! allocated with it); the stream table is capped by `Config::max_streams` and the
//! packets of streams that do not fit are counted.

mod media;
mod seq;
mod wireshark;

use std::hash::{Hash, Hasher};
use std::net::SocketAddr;

use rtcinspect_wire::rtp::{Extension, ExtensionKind, RtpError, RtpPacket};

use crate::context::{Flow, Packet, TurnRelayRef, seconds};
use crate::engine::{Config, Shared};
use crate::fasthash::FastMap;
use crate::report::{
    At, AudioReport, ClockRateSource, ExtensionReport, MediaKind, RtxReport, Severity, Stat,
    StreamReport, StreamSeries,
};
use crate::series::{Merge, Series};

use media::{Codec, VideoState};
use seq::{SeqEvent, SeqTracker};
use wireshark::{RATES, WsStats};

/// Findings one stream may add at most (the shared list is capped too).
const MAX_FINDINGS_PER_STREAM: u32 = 20;
/// Header extension IDs tracked per stream.
const MAX_EXTENSIONS: usize = 16;
/// Packets remembered per stream for RTX inference and NACK matching.
const RING: usize = 256;
/// NACKed sequence numbers remembered per stream.
const NACK_RING: usize = 64;
/// Packets of a stream during which it may be recognised as RTX without SDP.
const INFER_RTX_PACKETS: u64 = 256;
/// Packets between two questions to the SDP for a stream SDP did not describe.
const SDP_RECHECK: u64 = 256;
/// Consecutive estimates (one every 16 in-order packets) that must agree before an
/// estimated clock rate is settled: from then on only that rate's jitter is followed.
const SETTLE_ESTIMATES: u32 = 64;
/// A gap of at least this many packets is a loss burst.
const BURST: u32 = 5;
/// Slots of the stream cache of [`RtpTracker`], as a power of two: 4096 slots (16 KiB)
/// keep a few hundred interleaved streams mostly apart (with 256, a capture of 200
/// calls missed the cache on about a packet in four).
const RECENT_BITS: u32 = 12;
const RECENT: usize = 1 << RECENT_BITS;
/// An empty slot of that cache.
const NO_STREAM: u32 = u32::MAX;

/// The stream cache slot of an SSRC (multiplicative hash, top bits).
#[inline]
fn recent_slot(ssrc: u32) -> usize {
    (ssrc.wrapping_mul(0x9e37_79b9) >> (32 - RECENT_BITS)) as usize
}

/// Payload types of RFC 3551 with their encoding name, clock rate and media.
fn static_pt(pt: u8) -> Option<(&'static str, u32, MediaKind)> {
    use MediaKind::{Audio, Video};
    Some(match pt {
        0 => ("PCMU", 8000, Audio),
        3 => ("GSM", 8000, Audio),
        4 => ("G723", 8000, Audio),
        5 => ("DVI4", 8000, Audio),
        6 => ("DVI4", 16000, Audio),
        7 => ("LPC", 8000, Audio),
        8 => ("PCMA", 8000, Audio),
        9 => ("G722", 8000, Audio),
        10 => ("L16", 44100, Audio),
        11 => ("L16", 44100, Audio),
        12 => ("QCELP", 8000, Audio),
        13 => ("CN", 8000, Audio),
        14 => ("MPA", 90000, Audio),
        15 => ("G728", 8000, Audio),
        16 => ("DVI4", 11025, Audio),
        17 => ("DVI4", 22050, Audio),
        18 => ("G729", 8000, Audio),
        25 => ("CelB", 90000, Video),
        26 => ("JPEG", 90000, Video),
        28 => ("nv", 90000, Video),
        31 => ("H261", 90000, Video),
        32 => ("MPV", 90000, Video),
        33 => ("MP2T", 90000, Video),
        34 => ("H263", 90000, Video),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    ssrc: u32,
    flow: Flow,
}

/// Hashed as a few whole words (the derived hash wrote each part of both socket
/// addresses separately, a noticeable share of the per-packet time with many
/// interleaved streams). Equal keys give equal words; the words determine the SSRC
/// and both addresses, so collisions cannot be made without knowing the seed. The
/// transport is left out (it only makes a UDP and a TCP flow share a bucket).
impl Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_addr(&self.flow.src, state);
        hash_addr(&self.flow.dst, state);
        state.write_u32(self.ssrc);
    }
}

#[inline]
fn hash_addr<H: Hasher>(a: &SocketAddr, state: &mut H) {
    match a {
        SocketAddr::V4(v) => {
            state.write_u64((u64::from(v.ip().to_bits()) << 16) | u64::from(v.port()));
        }
        SocketAddr::V6(v) => {
            let bits = v.ip().to_bits();
            state.write_u64((bits >> 64) as u64);
            state.write_u64(bits as u64);
            state.write_u64(u64::from(v.port()) | 1 << 63);
        }
    }
}

/// One header extension ID on a stream.
#[derive(Debug, Clone)]
struct ExtState {
    id: u8,
    packets: u64,
    /// From SDP, resolved once.
    sdp_uri: Option<String>,
    /// Inferred from content.
    inferred: Option<ExtensionKind>,
    /// A guess waiting for confirmation: (kind, first value, its capture time).
    probe: Option<(ExtensionKind, u32, i64)>,
    /// No guess fits.
    rejected: bool,
}

impl ExtState {
    /// Guesses the extension from its value. Timing extensions are confirmed by a
    /// second value at least 20 ms later: abs-send-time must have advanced like the
    /// capture clock (within 5 ms + 10 %), a transport-wide sequence number must have
    /// increased (by less than 2^15). Other guesses are taken at once.
    fn infer(&mut self, data: &[u8], audio_like: bool, t_ns: i64) {
        let Some(kind) = infer_extension(data, audio_like) else {
            return;
        };
        if !matches!(
            kind,
            ExtensionKind::AbsSendTime | ExtensionKind::TransportSequence
        ) {
            self.inferred = Some(kind);
            return;
        }
        let v = data.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
        let Some((k0, v0, t0)) = self.probe else {
            self.probe = Some((kind, v, t_ns));
            return;
        };
        if k0 != kind {
            self.rejected = true;
            return;
        }
        let dt = (t_ns - t0) as f64 / 1e9;
        if dt < 0.02 {
            return;
        }
        let ok = match kind {
            // 6.18 fixed-point seconds, 24 bits.
            ExtensionKind::AbsSendTime => {
                let dv = f64::from(v.wrapping_sub(v0) & 0x00ff_ffff) / f64::from(1u32 << 18);
                (dv - dt).abs() < 0.005 + 0.1 * dt
            }
            _ => {
                let d = (v as u16).wrapping_sub(v0 as u16);
                d > 0 && d < 0x8000
            }
        };
        if ok {
            self.inferred = Some(kind);
        } else {
            self.rejected = true;
        }
    }
}

/// RTX association of a stream.
#[derive(Debug, Clone, Copy)]
struct RtxLink {
    primary: usize,
    how: &'static str,
}

/// One stream. `repr(C)` keeps the fields in the order written: those every packet
/// touches come first, in a few cache lines (with many interleaved streams each packet
/// finds its stream's state out of the L1 cache).
#[derive(Debug)]
#[repr(C)]
struct Stream {
    key: Key,
    packets: u64,
    first_ns: i64,
    last_ns: i64,
    bytes: u64,
    header_bytes: u64,
    payload_bytes: u64,
    markers: u64,
    /// Last RTP timestamp and its extension.
    last_ts: u32,
    ext_ts: i64,
    /// Packets of `last_pt` since it last changed, not yet in `pts`.
    pt_run: u64,
    /// Per-second windows for the max rates.
    sec_index: i64,
    sec_bytes: u64,
    sec_packets: u64,
    max_sec_bytes: u64,
    max_sec_packets: u64,
    /// First in-order (extended timestamp, arrival) for the clock estimate.
    est_first: Option<(i64, i64)>,
    est_last: (i64, i64),
    est_packets: u64,
    /// The last estimate.
    est_rate: Option<u32>,
    /// Estimates in a row equal to `est_rate`; the estimate is settled (no longer
    /// made) once they reach [`SETTLE_ESTIMATES`].
    est_agree: u32,
    clock_rate: Option<u32>,
    clock_source: ClockRateSource,
    media: MediaKind,
    last_pt: u8,
    srtp: bool,
    rtx: Option<RtxLink>,
    rtx_of: Option<(u32, &'static str)>,
    /// Recent (sequence, timestamp), indexed by sequence modulo [`RING`].
    ring: Vec<(u16, u32, bool)>,
    series: Option<Box<SeriesSet>>,
    seq: SeqTracker,
    ws: WsStats,
    turn: Option<TurnRelayRef>,
    /// (payload type, packets), first appearance order (at most 16; the packets of
    /// further types are not counted). The current run of `last_pt` is counted in
    /// `pt_run` and added when the type changes: see [`Stream::pt_counts`].
    pts: Vec<(u8, u64)>,
    duplicates: u64,
    out_of_order: u64,
    codec: Option<Codec>,
    codec_name: Option<String>,
    mid: Option<String>,
    rid: Option<String>,
    timestamp_jumps: u64,
    extensions: Vec<ExtState>,
    /// SDP `apt` of an RTX payload type: the primary's payload type.
    apt: Option<u8>,
    /// `rid` came from the repaired-rtp-stream-id extension.
    repaired_rid: bool,
    rtx_candidate: Option<(usize, u32)>,
    retransmissions: u64,
    /// NACKed sequence numbers waiting for a retransmission: (seq, time).
    nacks: Vec<(u16, i64)>,
    /// Next ring position of `nacks` once full.
    nack_next: usize,
    nacked_retransmitted: u64,
    retransmit_delay: Stat,
    keyframe_request_ns: Option<i64>,
    keyframe_delay: Stat,
    video: Option<VideoState>,
    audio_level: Stat,
    voice_packets: u64,
    findings: u32,
}

#[derive(Debug)]
struct SeriesSet {
    bits: Series,
    packets: Series,
    lost: Series,
    jitter: Series,
    fps: Series,
    level: Series,
}

impl SeriesSet {
    fn new(cap: usize) -> Self {
        SeriesSet {
            bits: Series::new(Merge::Sum, cap),
            packets: Series::new(Merge::Sum, cap),
            lost: Series::new(Merge::Sum, cap),
            jitter: Series::new(Merge::Last, cap),
            fps: Series::new(Merge::Sum, cap),
            level: Series::new(Merge::Mean, cap),
        }
    }
}

/// All RTP streams.
#[derive(Debug, Default)]
pub(crate) struct RtpTracker {
    streams: Vec<Stream>,
    index: FastMap<Key, usize>,
    /// First stream of each SSRC.
    by_ssrc: FastMap<u32, usize>,
    /// A direct-mapped cache in front of `index`: slot [`recent_slot`] of the SSRC
    /// holds the stream that last used it ([`NO_STREAM`] when none). A hit is
    /// checked against the stream's key, whose cache lines the packet needs anyway;
    /// with many interleaved streams it saves the hash and the table probe.
    recent: Vec<u32>,
    /// Streams by 5-tuple: the group of each 5-tuple...
    flow_groups: FastMap<Flow, usize>,
    /// ... its streams in order of creation ...
    groups: Vec<Vec<usize>>,
    /// ... and the group of each stream (RTX inference looks only at its group).
    group_of: Vec<usize>,
    max_streams: usize,
    series: bool,
    series_points: usize,
    dropped: u64,
}

fn rtp_error_reason(e: RtpError) -> &'static str {
    match e {
        RtpError::Truncated { .. } => "rtp: truncated",
        RtpError::UnsupportedVersion(_) => "rtp: version not 2",
        RtpError::InvalidPadding { .. } => "rtp: bad padding",
        _ => "rtp: bad header extension",
    }
}

impl RtpTracker {
    pub(crate) fn new(config: &Config) -> Self {
        RtpTracker {
            max_streams: config.max_streams,
            series: config.series,
            series_points: config.series_points,
            recent: vec![NO_STREAM; RECENT],
            ..RtpTracker::default()
        }
    }

    /// One RTP packet.
    pub(crate) fn on_rtp(&mut self, p: &Packet<'_>, shared: &mut Shared) {
        let pkt = match RtpPacket::new_checked(p.payload) {
            Ok(pkt) => pkt,
            Err(e) => {
                shared.malformed(rtp_error_reason(e));
                return;
            }
        };
        let ssrc = pkt.ssrc();
        let slot = recent_slot(ssrc);
        let cached = self.recent.get(slot).map(|&i| i as usize).filter(|&i| {
            self.streams
                .get(i)
                .is_some_and(|s| s.key.ssrc == ssrc && s.key.flow == p.flow)
        });
        let i = match cached {
            Some(i) => i,
            None => match self.find_or_add(ssrc, p, &pkt, shared) {
                Some(i) => i,
                None => return,
            },
        };
        if let (Some(r), Ok(i)) = (self.recent.get_mut(slot), u32::try_from(i)) {
            *r = i;
        }
        self.packet(i, p, &pkt, shared);
    }

    /// The stream of a packet the cache did not know: from the table, or new. None when
    /// the table is full (the packet is counted as dropped).
    #[inline(never)]
    fn find_or_add(
        &mut self,
        ssrc: u32,
        p: &Packet<'_>,
        pkt: &RtpPacket<&[u8]>,
        shared: &mut Shared,
    ) -> Option<usize> {
        let key = Key { ssrc, flow: p.flow };
        Some(match self.index.get(&key).copied() {
            Some(i) => i,
            None => {
                if self.streams.len() >= self.max_streams {
                    self.dropped += 1;
                    return None;
                }
                let i = self.streams.len();
                self.streams.push(Stream::new(key, p, pkt, shared, self));
                self.index.insert(key, i);
                let groups = &mut self.groups;
                let g = *self.flow_groups.entry(key.flow).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                self.groups[g].push(i);
                self.group_of.push(g);
                if let Some(&other) = self.by_ssrc.get(&key.ssrc) {
                    let o = &self.streams[other].key.flow;
                    // Two sources sending the same SSRC to one destination. (The same
                    // SSRC on other 5-tuples is usual: TURN legs, ICE path changes.)
                    if o.dst == p.flow.dst && o.src != p.flow.src {
                        shared.findings.push(
                            p.at(),
                            Severity::Warning,
                            "ssrc-collision",
                            Some(key.ssrc),
                            format!(
                                "SSRC {:#010x} is sent to {} by {} and by {} (collision or \
                                 path change)",
                                key.ssrc, p.flow.dst, o.src, p.flow.src
                            ),
                        );
                    }
                } else {
                    self.by_ssrc.insert(key.ssrc, i);
                }
                i
            }
        })
    }

    fn packet(&mut self, i: usize, p: &Packet<'_>, pkt: &RtpPacket<&[u8]>, shared: &mut Shared) {
        let s = &mut self.streams[i];
        s.packet(p, pkt, shared);
        // RTX: the original sequence number is the first two payload bytes.
        if s.media == MediaKind::Rtx || s.rtx_of.is_some() || s.rtx.is_some() {
            self.rtx_packet(i, p, pkt);
        } else if !s.srtp && pkt.payload().len() >= 2 && s.packets <= INFER_RTX_PACKETS {
            self.infer_rtx(i, pkt);
        }
    }

    /// An RTX packet: credit the primary and the NACK it answers.
    fn rtx_packet(&mut self, i: usize, p: &Packet<'_>, pkt: &RtpPacket<&[u8]>) {
        let payload = pkt.payload();
        if payload.len() < 2 {
            return; // Padding-only probe.
        }
        let osn = u16::from_be_bytes([payload[0], payload[1]]);
        let primary = match self.streams[i].rtx {
            Some(link) => Some(link.primary),
            None => {
                let s = &self.streams[i];
                let flow = s.key.flow;
                let found = if let Some((ssrc, how)) = s.rtx_of {
                    self.index
                        .get(&Key { ssrc, flow })
                        .or_else(|| self.by_ssrc.get(&ssrc))
                        .map(|&j| (j, how))
                } else if let Some(apt) = s.apt {
                    self.streams
                        .iter()
                        .position(|o| o.key.flow == flow && o.pts.iter().any(|(p, _)| *p == apt))
                        .map(|j| (j, "sdp-apt"))
                } else if let Some(rid) = s.rid.as_deref().filter(|_| s.repaired_rid) {
                    // RFC 8852: the RTX stream carries the RID of the stream it repairs.
                    self.streams
                        .iter()
                        .position(|o| {
                            o.key.flow == flow && !o.repaired_rid && o.rid.as_deref() == Some(rid)
                        })
                        .map(|j| (j, "repaired-rid"))
                } else {
                    None
                };
                found.map(|(j, how)| {
                    self.streams[i].rtx = Some(RtxLink { primary: j, how });
                    j
                })
            }
        };
        if let Some(j) = primary {
            self.streams[i].retransmissions += 1;
            self.streams[j].retransmissions += 1;
            self.streams[j].retransmitted(osn, p.timestamp_ns);
        }
    }

    /// Without SDP: a stream whose payload starts with the sequence number of a packet
    /// recently seen on another stream of the same 5-tuple with the same RTP
    /// timestamp is that stream's RTX (RFC 4588 keeps the timestamp).
    fn infer_rtx(&mut self, i: usize, pkt: &RtpPacket<&[u8]>) {
        let payload = pkt.payload();
        let osn = u16::from_be_bytes([payload[0], payload[1]]);
        let ts = pkt.timestamp();
        let flow = self.streams[i].key.flow;
        let ssrc = self.streams[i].key.ssrc;
        let mut found = None;
        // The other streams of the same 5-tuple, in order of creation.
        let group = self.group_of.get(i).and_then(|&g| self.groups.get(g));
        for &j in group.map_or(&[][..], Vec::as_slice) {
            let other = &self.streams[j];
            if j == i || other.key.flow != flow || other.key.ssrc == ssrc || other.srtp {
                continue;
            }
            if other.media == MediaKind::Rtx || other.rtx.is_some() {
                continue;
            }
            let (s, t, used) = other.ring[usize::from(osn) % RING];
            // A packet seen with that number and timestamp, or a number NACKed.
            if (used && s == osn && t == ts)
                || other
                    .nacks
                    .iter()
                    .any(|&(q, at)| q == osn && at != i64::MIN)
            {
                found = Some(j);
                break;
            }
        }
        let Some(j) = found else { return };
        let s = &mut self.streams[i];
        let hits = match s.rtx_candidate {
            Some((c, n)) if c == j => n + 1,
            _ => 1,
        };
        s.rtx_candidate = Some((j, hits));
        if hits >= 2 {
            s.rtx = Some(RtxLink {
                primary: j,
                how: "inferred",
            });
            s.media = MediaKind::Rtx;
            s.retransmissions += u64::from(hits);
            self.streams[j].retransmissions += u64::from(hits);
            let t = self.streams[i].last_ns;
            self.streams[j].retransmitted(osn, t);
        }
    }

    /// A NACK from RTCP for `ssrc`'s packets.
    pub(crate) fn on_nack(&mut self, ssrc: u32, seqs: impl Iterator<Item = u16>, t_ns: i64) {
        let Some(&i) = self.by_ssrc.get(&ssrc) else {
            return;
        };
        let s = &mut self.streams[i];
        for seq in seqs {
            if s.nacks.len() < NACK_RING {
                s.nacks.push((seq, t_ns));
            } else {
                // Full: the oldest entry (at the ring position) is overwritten.
                let at = s.nack_next % NACK_RING;
                s.nacks[at] = (seq, t_ns);
            }
            s.nack_next = s.nack_next.wrapping_add(1);
        }
    }

    /// A PLI or FIR from RTCP for `ssrc`.
    pub(crate) fn on_keyframe_request(&mut self, ssrc: u32, t_ns: i64) {
        if let Some(&i) = self.by_ssrc.get(&ssrc) {
            let s = &mut self.streams[i];
            s.keyframe_request_ns.get_or_insert(t_ns);
        }
    }

    /// Packets seen so far from `ssrc` sent from `host` (the RTCP sender's address;
    /// other hosts relay the same SSRC), or from anywhere when none is.
    pub(crate) fn packets_of(&self, ssrc: u32, host: std::net::IpAddr) -> u64 {
        let of = |same_host: bool| -> u64 {
            self.streams
                .iter()
                .filter(|s| s.key.ssrc == ssrc && (!same_host || s.key.flow.src.ip() == host))
                .map(|s| s.packets)
                .sum()
        };
        match of(true) {
            0 => of(false),
            n => n,
        }
    }

    /// Whether a stream with `ssrc` exists.
    pub(crate) fn has_ssrc(&self, ssrc: u32) -> bool {
        self.by_ssrc.contains_key(&ssrc)
    }

    /// The streams, in order of first packet.
    pub(crate) fn snapshot(&self, shared: &Shared) -> Vec<StreamReport> {
        self.streams
            .iter()
            .map(|s| s.report(shared, &self.streams))
            .collect()
    }

    /// Packets of streams not tracked because the table was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}

impl Stream {
    fn new(
        key: Key,
        p: &Packet<'_>,
        pkt: &RtpPacket<&[u8]>,
        shared: &Shared,
        tracker: &RtpTracker,
    ) -> Self {
        let pt = pkt.payload_type();
        let mut s = Stream {
            key,
            turn: p.turn,
            first_ns: p.timestamp_ns,
            last_ns: p.timestamp_ns,
            packets: 0,
            bytes: 0,
            header_bytes: 0,
            payload_bytes: 0,
            markers: 0,
            pts: Vec::with_capacity(2),
            last_pt: pt,
            pt_run: 0,
            seq: SeqTracker::default(),
            duplicates: 0,
            out_of_order: 0,
            ws: WsStats::new(0),
            last_ts: pkt.timestamp(),
            ext_ts: i64::from(pkt.timestamp()),
            est_first: None,
            est_last: (0, 0),
            est_packets: 0,
            est_rate: None,
            est_agree: 0,
            codec: None,
            codec_name: None,
            clock_rate: None,
            clock_source: ClockRateSource::Unknown,
            media: MediaKind::Unknown,
            mid: shared.sdp.mid_of_ssrc(key.ssrc).map(str::to_owned),
            rid: None,
            srtp: shared.dtls_flows.contains(&key.flow.undirected()),
            timestamp_jumps: 0,
            sec_index: 0,
            sec_bytes: 0,
            sec_packets: 0,
            max_sec_bytes: 0,
            max_sec_packets: 0,
            extensions: Vec::new(),
            ring: vec![(0, 0, false); RING],
            rtx: None,
            rtx_of: shared
                .sdp
                .rtx_primary(key.ssrc)
                .map(|p| (p, "sdp-ssrc-group")),
            apt: None,
            repaired_rid: false,
            rtx_candidate: None,
            retransmissions: 0,
            nacks: Vec::new(),
            nack_next: 0,
            nacked_retransmitted: 0,
            retransmit_delay: Stat::default(),
            keyframe_request_ns: None,
            keyframe_delay: Stat::default(),
            video: None,
            audio_level: Stat::default(),
            voice_packets: 0,
            findings: 0,
            series: tracker
                .series
                .then(|| Box::new(SeriesSet::new(tracker.series_points))),
        };
        s.resolve_codec(pt, shared);
        s.ws = WsStats::new(s.clock_rate.unwrap_or(0));
        // A static payload type's rate is fixed (RFC 3551): the other rates need not
        // be followed in parallel.
        if let (ClockRateSource::Static, Some(rate)) = (s.clock_source, s.clock_rate) {
            s.ws.only(rate);
        }
        if s.rtx_of.is_some() || s.apt.is_some() {
            s.media = MediaKind::Rtx;
        }
        s
    }

    /// Codec, clock rate and media from SDP, else the static table.
    fn resolve_codec(&mut self, pt: u8, shared: &Shared) {
        if let Some(c) = shared.sdp.codec(self.key.flow, self.key.ssrc, pt) {
            let name = c.name.to_ascii_lowercase();
            self.media = match name.as_str() {
                "rtx" => MediaKind::Rtx,
                "ulpfec" | "flexfec" | "flexfec-03" | "red" if c.media == MediaKind::Video => {
                    MediaKind::Fec
                }
                "ulpfec" | "flexfec" | "flexfec-03" => MediaKind::Fec,
                _ => c.media,
            };
            if self.media == MediaKind::Rtx {
                if let Some(apt) = c.apt {
                    // The primary is the stream of this flow with payload type `apt`,
                    // found when RTX packets arrive.
                    self.apt = Some(apt);
                }
            }
            self.codec = Some(Codec::from_name(&c.name));
            self.codec_name = Some(c.name.clone());
            self.clock_rate = Some(c.clock_rate);
            self.clock_source = ClockRateSource::Sdp;
            if self.mid.is_none() {
                self.mid = c.mid.clone();
            }
        } else if let Some((name, rate, media)) = static_pt(pt) {
            self.codec = Some(Codec::from_name(name));
            self.codec_name = Some(name.to_owned());
            self.clock_rate = Some(rate);
            self.clock_source = ClockRateSource::Static;
            self.media = media;
        }
    }

    /// SDP learnt after the stream started: codec, rate and media from it (the jitter
    /// of standard rates was computed from the start), extension URIs, MID.
    fn resolve_sdp_late(&mut self, pt: u8, flow: Flow, shared: &Shared) {
        if shared.sdp.codec(flow, self.key.ssrc, pt).is_some() {
            self.resolve_codec(pt, shared);
        }
        for e in self.extensions.iter_mut().filter(|e| e.sdp_uri.is_none()) {
            e.sdp_uri = shared.sdp.extmap(flow, e.id).map(str::to_owned);
        }
        if self.mid.is_none() {
            self.mid = shared.sdp.mid_of_ssrc(self.key.ssrc).map(str::to_owned);
        }
        if self.rtx_of.is_none() {
            self.rtx_of = shared
                .sdp
                .rtx_primary(self.key.ssrc)
                .map(|p| (p, "sdp-ssrc-group"));
            if self.rtx_of.is_some() {
                self.media = MediaKind::Rtx;
            }
        }
    }

    /// The clock rate: known, or estimated so far.
    fn rate(&self) -> Option<u32> {
        self.clock_rate.or(self.est_rate)
    }

    /// Estimates the clock rate again. Once [`SETTLE_ESTIMATES`] estimates in a row
    /// agree, the rate is settled: the Wireshark statistics follow only that rate from
    /// then on (they were computed for every standard rate from the start, so they
    /// cover the whole stream), which saves most of their per-packet work on streams
    /// without SDP.
    #[cold]
    fn re_estimate(&mut self) {
        let e = self.estimate();
        if e.is_some() && e == self.est_rate {
            self.est_agree += 1;
            if self.est_agree == SETTLE_ESTIMATES {
                if let Some(rate) = e {
                    self.ws.only(rate);
                }
            }
        } else {
            self.est_agree = 0;
        }
        self.est_rate = e;
    }

    /// The estimated rate at report time: the settled one, or estimated now.
    fn final_estimate(&self) -> Option<u32> {
        if self.est_agree >= SETTLE_ESTIMATES {
            self.est_rate
        } else {
            self.estimate()
        }
    }

    /// RTP timestamp progress against arrival time, snapped to a standard rate.
    fn estimate(&self) -> Option<u32> {
        let (ts0, t0) = self.est_first?;
        let (ts1, t1) = self.est_last;
        let dt = (t1 - t0) as f64 / 1e9;
        if dt < 0.5 || self.est_packets < 10 || ts1 <= ts0 {
            return None;
        }
        let raw = (ts1 - ts0) as f64 / dt;
        // The nearest standard rate, if within 4 % (44100 and 48000 are 8.5 % apart).
        let err = |r: u32| (raw - f64::from(r)).abs() / f64::from(r);
        RATES
            .iter()
            .copied()
            .min_by(|&a, &b| err(a).total_cmp(&err(b)))
            .filter(|&r| err(r) <= 0.04)
    }

    /// A finding of this stream; `msg` is made only if the stream may still add one.
    #[cold]
    fn finding(
        &mut self,
        shared: &mut Shared,
        at: At,
        severity: Severity,
        kind: &str,
        msg: impl FnOnce() -> String,
    ) {
        if self.findings < MAX_FINDINGS_PER_STREAM {
            self.findings += 1;
            shared
                .findings
                .push(at, severity, kind, Some(self.key.ssrc), msg());
        }
    }

    /// One packet of this stream. The common case (same payload type, next sequence
    /// number, no extension, not video, no series) is straight-line code; the rest is
    /// in functions of its own, out of the way of the hot path.
    #[inline]
    fn packet(&mut self, p: &Packet<'_>, pkt: &RtpPacket<&[u8]>, shared: &mut Shared) {
        let t = p.timestamp_ns;
        let pt = pkt.payload_type();
        let seq = pkt.sequence_number();
        let ts = pkt.timestamp();
        let first = self.packets == 0;
        self.packets += 1;
        self.last_ns = t;
        // SDP may be learnt after the stream started (signalling later in the
        // capture): ask again now and then, not on every packet.
        if self.clock_source != ClockRateSource::Sdp && self.packets % SDP_RECHECK == 0 {
            self.resolve_sdp_late(pt, p.flow, shared);
        }
        let len = pkt.len() as u64;
        self.bytes += len;
        self.header_bytes += pkt.header_len() as u64;
        self.payload_bytes += pkt.payload_len() as u64;
        self.markers += u64::from(pkt.marker());
        if !first && pt == self.last_pt {
            self.pt_run += 1;
        } else {
            self.pt_changed(p, pt, seq, first, shared);
        }
        self.last_pt = pt;

        // Extended RTP timestamp: signed difference from the previous one.
        if !first {
            self.ext_ts += i64::from(ts.wrapping_sub(self.last_ts) as i32);
        }
        self.last_ts = ts;
        let ext_ts = self.ext_ts;
        let t_ms = (t - self.first_ns) as f64 / 1e6;
        self.ws.packet(seq, ts, ext_ts, pt, pkt.marker(), t_ms);

        let lost_here = if self.seq.next_in_order(seq) {
            self.in_order(p, ext_ts, shared);
            0
        } else {
            self.out_of_order_seq(p, seq, ext_ts, shared)
        };
        self.ring[usize::from(seq) % RING] = (seq, ts, true);

        // Per-second windows.
        let sec = (t - self.first_ns).max(0) / 1_000_000_000;
        if sec != self.sec_index {
            self.sec_index = sec;
            self.sec_bytes = 0;
            self.sec_packets = 0;
        }
        self.sec_bytes += len;
        self.sec_packets += 1;
        self.max_sec_bytes = self.max_sec_bytes.max(self.sec_bytes);
        self.max_sec_packets = self.max_sec_packets.max(self.sec_packets);

        if pkt.has_extension() {
            self.extensions(p, pkt, shared);
        }
        // Unknown media is tracked too: it may turn out to be video once the clock
        // rate is estimated (it is reported only then).
        if matches!(self.media, MediaKind::Video | MediaKind::Unknown)
            && self.clock_rate.is_none_or(|r| r == 90000)
        {
            self.media_detail(p, pkt, ext_ts);
        }
        if self.series.is_some() {
            self.series_packet(t, len, lost_here);
        }
    }

    /// The first packet, or a payload type other than the last one: the run of the
    /// previous type ends (counted now), and this type gets its entry (first
    /// appearance order) if it has none and there is room.
    #[inline(never)]
    fn pt_changed(&mut self, p: &Packet<'_>, pt: u8, seq: u16, first: bool, shared: &mut Shared) {
        self.flush_pt_run();
        self.pt_run = 1;
        if !self.pts.iter().any(|(p, _)| *p == pt) && self.pts.len() < 16 {
            self.pts.push((pt, 0));
        }
        if !first && pt != self.last_pt {
            let last = self.last_pt;
            let msg = || format!("payload type changed from {last} to {pt} at sequence {seq}");
            self.finding(shared, p.at(), Severity::Info, "pt-change", msg);
        }
    }

    /// A packet one after the highest sequence number so far (after the first).
    #[inline]
    fn in_order(&mut self, p: &Packet<'_>, ext_ts: i64, shared: &mut Shared) {
        let t = p.timestamp_ns;
        // Timestamp jump: RTP time moved much more than arrival time. More than a
        // second of RTP time (`dts` over 1000 ms) is `|Δts| > rate` in integers, the
        // cheap test every packet makes.
        let (last_ts, last_t) = self.est_last;
        if let Some(rate) = self.rate() {
            if (ext_ts - last_ts).unsigned_abs() > u64::from(rate) {
                self.timestamp_jump(p, ext_ts - last_ts, t - last_t, rate, shared);
            }
        }
        if ext_ts >= self.est_first.map_or(ext_ts, |f| f.0) {
            self.est_last = (ext_ts, t);
            self.est_packets += 1;
            // Estimated again every 16 packets (cheap, but not per packet) until
            // settled.
            if self.clock_rate.is_none()
                && self.est_packets % 16 == 0
                && self.est_agree < SETTLE_ESTIMATES
            {
                self.re_estimate();
            }
        }
    }

    #[cold]
    fn timestamp_jump(
        &mut self,
        p: &Packet<'_>,
        d_ext_ts: i64,
        d_ns: i64,
        rate: u32,
        shared: &mut Shared,
    ) {
        let dts = d_ext_ts as f64 * 1000.0 / f64::from(rate);
        let dt = d_ns as f64 / 1e6;
        if (dts - dt).abs() > 1000.0 {
            self.timestamp_jumps += 1;
            let msg = || format!("RTP timestamp moved {dts:.0} ms while {dt:.0} ms passed");
            self.finding(shared, p.at(), Severity::Warning, "timestamp-jump", msg);
        }
    }

    /// Any packet but the next in order: the first, gaps, late and duplicate
    /// packets, restarts. Returns the packets found missing.
    #[inline(never)]
    fn out_of_order_seq(
        &mut self,
        p: &Packet<'_>,
        seq: u16,
        ext_ts: i64,
        shared: &mut Shared,
    ) -> u32 {
        let t = p.timestamp_ns;
        let prev_max = self.seq.highest();
        let mut lost_here = 0u32;
        match self.seq.update(seq) {
            SeqEvent::First => {
                self.est_first = Some((ext_ts, t));
                self.est_last = (ext_ts, t);
                self.est_packets = 1;
            }
            SeqEvent::Ahead { gap } => {
                if gap > 0 {
                    lost_here = gap;
                    let (sev, kind) = if gap >= BURST {
                        (Severity::Warning, "loss-burst")
                    } else {
                        (Severity::Info, "sequence-gap")
                    };
                    let msg = || {
                        format!(
                            "{gap} packet(s) missing after sequence {}",
                            prev_max & 0xffff
                        )
                    };
                    self.finding(shared, p.at(), sev, kind, msg);
                }
                self.in_order(p, ext_ts, shared);
            }
            SeqEvent::Late => {
                self.out_of_order += 1;
                self.retransmitted(seq, t);
            }
            SeqEvent::Duplicate => self.duplicates += 1,
            SeqEvent::Suspect => {}
            SeqEvent::Reset => {
                let msg = || format!("sequence restarted at {seq}");
                self.finding(shared, p.at(), Severity::Info, "sequence-reset", msg);
            }
        }
        lost_here
    }

    #[inline(never)]
    fn series_packet(&mut self, t: i64, len: u64, lost_here: u32) {
        let jitter = self.rate().and_then(|r| self.ws.rate(r)).map(|r| r.jitter);
        if let Some(series) = self.series.as_mut() {
            series.bits.add(t, len as f64 * 8.0);
            series.packets.add(t, 1.0);
            series.lost.add(t, f64::from(lost_here));
            if let Some(j) = jitter {
                series.jitter.add(t, j);
            }
        }
    }

    /// Adds the current run of `last_pt` to its entry.
    fn flush_pt_run(&mut self) {
        let (last, run) = (self.last_pt, self.pt_run);
        if let Some(e) = self.pts.iter_mut().find(|(p, _)| *p == last) {
            e.1 += run;
        }
        self.pt_run = 0;
    }

    /// (payload type, packets) with the current run counted.
    fn pt_counts(&self) -> impl Iterator<Item = (u8, u64)> + '_ {
        self.pts.iter().map(|&(p, n)| {
            if p == self.last_pt {
                (p, n + self.pt_run)
            } else {
                (p, n)
            }
        })
    }

    /// A packet answering a NACK (late on this SSRC, or via RTX).
    fn retransmitted(&mut self, seq: u16, t_ns: i64) {
        // The first (oldest) pending NACK of this number gives the delay; repeated
        // NACKs of the same number are answered by the same packet. Answered entries
        // stay in place (the ring order is kept) but no longer match.
        let mut first = None;
        for e in self
            .nacks
            .iter_mut()
            .filter(|e| e.0 == seq && e.1 != i64::MIN)
        {
            first.get_or_insert(e.1);
            e.1 = i64::MIN;
        }
        if let Some(at) = first {
            self.nacked_retransmitted += 1;
            self.retransmit_delay.add((t_ns - at) as f64 / 1e6);
        }
    }

    fn extensions(&mut self, p: &Packet<'_>, pkt: &RtpPacket<&[u8]>, shared: &mut Shared) {
        let Some(ext) = pkt.extension() else { return };
        for el in ext.elements() {
            let Ok(el) = el else {
                shared.malformed("rtp: bad header extension element");
                break;
            };
            let k = match self.extensions.iter().position(|e| e.id == el.id) {
                Some(k) => k,
                None if self.extensions.len() < MAX_EXTENSIONS => {
                    self.extensions.push(ExtState {
                        id: el.id,
                        packets: 0,
                        sdp_uri: shared.sdp.extmap(p.flow, el.id).map(str::to_owned),
                        inferred: None,
                        probe: None,
                        rejected: false,
                    });
                    self.extensions.len() - 1
                }
                None => continue,
            };
            // Audio, or not known yet but with a clock rate other than video's.
            let audio_like = self.media == MediaKind::Audio
                || (self.media == MediaKind::Unknown
                    && self.clock_rate.is_none()
                    && self.est_rate.is_some_and(|r| r != 90000));
            let e = &mut self.extensions[k];
            e.packets += 1;
            let kind = match &e.sdp_uri {
                Some(uri) => ExtensionKind::from_uri(uri),
                None => {
                    if e.inferred.is_none() && !e.rejected {
                        e.infer(el.data, audio_like, p.timestamp_ns);
                    }
                    e.inferred.unwrap_or(ExtensionKind::Unknown)
                }
            };
            match kind.decode(el.data) {
                Ok(Extension::AudioLevel {
                    voice_activity,
                    level,
                }) => {
                    self.audio_level.add(f64::from(level));
                    if voice_activity {
                        self.voice_packets += 1;
                    }
                    if let Some(series) = self.series.as_mut() {
                        series.level.add(p.timestamp_ns, f64::from(level));
                    }
                }
                Ok(Extension::Mid(v)) if self.mid.is_none() => {
                    self.mid = ascii(v);
                }
                Ok(Extension::RtpStreamId(v)) if self.rid.is_none() => {
                    self.rid = ascii(v);
                }
                Ok(Extension::RepairedRtpStreamId(v)) if self.rid.is_none() => {
                    self.rid = ascii(v);
                    self.repaired_rid = true;
                    self.media = MediaKind::Rtx;
                }
                _ => {}
            }
        }
    }

    /// Video detail of a packet of a stream that is or may be video.
    fn media_detail(&mut self, p: &Packet<'_>, pkt: &RtpPacket<&[u8]>, ext_ts: i64) {
        let codec = if self.srtp { None } else { self.codec };
        let v = self.video.get_or_insert_with(VideoState::default);
        let new_frame = v.packet(p.timestamp_ns, ext_ts, pkt, codec);
        if let Some(kf_ns) = new_frame.keyframe_at {
            if let Some(req) = self.keyframe_request_ns.take() {
                if kf_ns >= req {
                    self.keyframe_delay.add((kf_ns - req) as f64 / 1e6);
                } else {
                    self.keyframe_request_ns = Some(req);
                }
            }
        }
        if new_frame.frame {
            if let Some(series) = self.series.as_mut() {
                series.fps.add(p.timestamp_ns, 1.0);
            }
        }
    }

    fn report(&self, shared: &Shared, all: &[Stream]) -> StreamReport {
        // SDP learnt since the last packet wins over the static table and estimates.
        let late = (self.clock_source != ClockRateSource::Sdp)
            .then(|| shared.sdp.codec(self.key.flow, self.key.ssrc, self.last_pt))
            .flatten();
        let rate = late
            .as_ref()
            .map(|c| c.clock_rate)
            .or(self.clock_rate)
            .or_else(|| self.final_estimate());
        let (clock_source, codec) = match (&late, self.clock_rate, rate) {
            (Some(c), _, _) => (ClockRateSource::Sdp, Some(c.name.clone())),
            (None, Some(_), _) => (self.clock_source, self.codec_name.clone()),
            (None, None, Some(_)) => (ClockRateSource::Estimated, None),
            _ => (ClockRateSource::Unknown, None),
        };
        let media = match (&late, self.media, rate) {
            (Some(c), _, _) if c.name.eq_ignore_ascii_case("rtx") => MediaKind::Rtx,
            (Some(c), _, _) => c.media,
            (None, MediaKind::Unknown, Some(90000)) if self.clock_rate.is_none() => {
                MediaKind::Video
            }
            (None, MediaKind::Unknown, Some(_)) if self.clock_rate.is_none() => MediaKind::Audio,
            (None, m, _) => m,
        };
        let slot = rate.and_then(|r| self.ws.rate(r));
        let duration = (self.last_ns - self.first_ns) as f64 / 1e9;
        let expected = self.seq.expected();
        let lost = expected - self.seq.received();
        let payload_type = self
            .pt_counts()
            .max_by_key(|(_, n)| *n)
            .map_or(self.last_pt, |(p, _)| p);
        let srtp = self.srtp || shared.dtls_flows.contains(&self.key.flow.undirected());
        let rtx = if let Some(link) = self.rtx {
            all.get(link.primary).map(|p| RtxReport {
                role: "retransmits".to_owned(),
                ssrc: p.key.ssrc,
                how: link.how.to_owned(),
                retransmissions: self.retransmissions,
            })
        } else {
            all.iter().find_map(|o| {
                let link = o.rtx?;
                let prim = all.get(link.primary)?;
                (prim.key == self.key).then(|| RtxReport {
                    role: "retransmitted-by".to_owned(),
                    ssrc: o.key.ssrc,
                    how: link.how.to_owned(),
                    retransmissions: self.retransmissions,
                })
            })
        };
        let mut r = StreamReport {
            ssrc: self.key.ssrc,
            src: Some(self.key.flow.src),
            dst: Some(self.key.flow.dst),
            transport: self.key.flow.transport.name().to_owned(),
            payload_type,
            payload_types: self.pts.iter().map(|(p, _)| *p).collect(),
            codec,
            clock_rate: rate,
            clock_rate_source: clock_source,
            media,
            mid: self.mid.clone(),
            rid: self.rid.clone(),
            srtp,
            turn: self.turn.map(TurnRelayRef::to_report),
            packets: self.packets,
            bytes: self.bytes,
            header_bytes: self.header_bytes,
            payload_bytes: self.payload_bytes,
            first_seen: seconds(self.first_ns),
            last_seen: seconds(self.last_ns),
            first_seq: self.seq.first_ext,
            last_seq: self.seq.highest(),
            seq_cycles: self.seq.wraps(),
            seq_resets: self.seq.resets,
            expected,
            lost,
            lost_percent: if expected > 0 {
                lost as f64 * 100.0 / expected as f64
            } else {
                0.0
            },
            duplicates: self.duplicates,
            out_of_order: self.out_of_order,
            markers: self.markers,
            min_delta_ms: self.ws.min_delta,
            mean_delta_ms: self.ws.min_delta.map(|_| self.ws.mean_delta.get()),
            max_delta_ms: self.ws.min_delta.map(|_| self.ws.max_delta),
            jitter_ms: slot.map(|s| s.jitter),
            jitter_ts: slot
                .zip(rate)
                .map(|(s, r)| s.jitter * f64::from(r) / 1000.0),
            mean_jitter_ms: slot.map(|s| s.mean_jitter.get()),
            max_jitter_ms: slot.map(|s| s.max_jitter),
            max_skew_ms: slot.map(|s| s.max_skew),
            clock_drift_ms: slot.map(|s| s.last_arrival - s.last_nominal),
            clock_drift_ppm: slot
                .filter(|s| s.last_arrival > 0.0)
                .map(|s| (s.last_arrival - s.last_nominal) / s.last_arrival * 1e6),
            mean_bitrate_bps: if duration > 0.0 {
                self.bytes as f64 * 8.0 / duration
            } else {
                0.0
            },
            max_bitrate_bps: self.max_sec_bytes as f64 * 8.0,
            mean_packet_rate_pps: if duration > 0.0 {
                self.packets.saturating_sub(1) as f64 / duration
            } else {
                0.0
            },
            max_packet_rate_pps: self.max_sec_packets as f64,
            timestamp_jumps: self.timestamp_jumps,
            extensions: self
                .extensions
                .iter()
                .map(|e| ExtensionReport {
                    id: e.id,
                    uri: e.sdp_uri.clone().or_else(|| {
                        // A RID on an RTX stream is the RID of the stream it repairs.
                        let kind = match e.inferred {
                            Some(ExtensionKind::RtpStreamId) if media == MediaKind::Rtx => {
                                Some(ExtensionKind::RepairedRtpStreamId)
                            }
                            k => k,
                        };
                        kind.and_then(|k| k.uri()).map(str::to_owned)
                    }),
                    inferred: e.sdp_uri.is_none() && e.inferred.is_some(),
                    packets: e.packets,
                })
                .collect(),
            rtx,
            fec_protects: None,
            video: self
                .video
                .as_ref()
                .filter(|_| media == MediaKind::Video)
                .map(|v| v.report(self.first_ns, self.last_ns)),
            audio: (self.audio_level.count > 0).then_some(AudioReport {
                level: Some(self.audio_level),
                voice_packets: self.voice_packets,
                level_packets: self.audio_level.count,
            }),
            series: self.series.as_ref().map(|s| {
                let (start, step_s) = s.bits.frame();
                let sum = |x: &Series| x.values().into_iter().map(|v| v.unwrap_or(0.0)).collect();
                StreamSeries {
                    start: start.map_or(0.0, seconds),
                    step_s,
                    bitrate_bps: sum(&s.bits),
                    packet_rate_pps: sum(&s.packets),
                    lost: sum(&s.lost).into_iter().map(|v: f64| v * step_s).collect(),
                    jitter_ms: s.jitter.values(),
                    rtt_ms: Vec::new(),
                    fps: s.fps.values(),
                    audio_level: s.level.values(),
                }
            }),
            ..StreamReport::default()
        };
        r.wireshark_expected = self.ws.expected();
        r.wireshark_lost = self.ws.expected() - self.ws.total as i64;
        r.rtcp.nacked_retransmitted = self.nacked_retransmitted;
        r.rtcp.mean_retransmit_delay_ms =
            (self.retransmit_delay.count > 0).then_some(self.retransmit_delay.mean);
        r.rtcp.mean_keyframe_delay_ms =
            (self.keyframe_delay.count > 0).then_some(self.keyframe_delay.mean);
        r
    }
}

/// A short printable ASCII value.
fn ascii(v: &[u8]) -> Option<String> {
    (!v.is_empty() && v.len() <= 16 && v.iter().all(|b| b.is_ascii_graphic()))
        .then(|| String::from_utf8_lossy(v).into_owned())
}

/// Guesses an extension from one value (no SDP): 2 bytes a transport-wide sequence
/// number, 3 bytes abs-send-time, 1 byte on audio an audio level, ASCII digits a MID,
/// 1–3 ASCII letters and digits a RID, longer ASCII tokens a MID. Until a guess is made, every packet's
/// value is tried (the media may become known on the way).
fn infer_extension(data: &[u8], audio_like: bool) -> Option<ExtensionKind> {
    match data.len() {
        1 if audio_like => Some(ExtensionKind::AudioLevel),
        2 => Some(ExtensionKind::TransportSequence),
        3 => Some(ExtensionKind::AbsSendTime),
        1..=16 if data.iter().all(u8::is_ascii_digit) => Some(ExtensionKind::Mid),
        // RIDs are short in practice (`h`, `m`, `l`, `q`, `f`, `hi`, `lo`).
        1..=3 if data.iter().all(u8::is_ascii_alphanumeric) => Some(ExtensionKind::RtpStreamId),
        4..=16
            if data
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_') =>
        {
            Some(ExtensionKind::Mid)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::engine::Analyzer;
    use rtcinspect_capture::{Datagram, Transport};

    /// A 12-byte RTP header (version 2, PT 0) and 4 payload bytes.
    fn rtp(ssrc: u32, seq: u16) -> Vec<u8> {
        let mut b = vec![0x80, 0];
        b.extend_from_slice(&seq.to_be_bytes());
        b.extend_from_slice(&(u32::from(seq) * 160).to_be_bytes());
        b.extend_from_slice(&ssrc.to_be_bytes());
        b.extend_from_slice(&[0xff; 4]);
        b
    }

    #[test]
    fn stream_cache_collisions_keep_streams_apart() {
        // Two SSRCs sharing a slot of the stream cache, and one of them on two
        // 5-tuples (as on two TURN legs): every packet must still go to its stream.
        let a = 0x1234_5678u32;
        let b = (1..u32::MAX)
            .map(|k| a.wrapping_add(k))
            .find(|&b| recent_slot(b) == recent_slot(a))
            .unwrap();
        let x: SocketAddr = "192.0.2.1:5000".parse().unwrap();
        let y: SocketAddr = "192.0.2.9:5002".parse().unwrap();
        let to: SocketAddr = "192.0.2.2:6000".parse().unwrap();
        let mut an = Analyzer::default();
        let mut frame = 0;
        // 10 rounds of: a from x, b from x, a from y, a from x.
        for round in 0..10u16 {
            for (k, (ssrc, src)) in [(a, x), (b, x), (a, y), (a, x)].into_iter().enumerate() {
                frame += 1;
                // Sequence numbers go up by one per packet of each stream.
                let seq = if k == 3 {
                    2 * round + 1
                } else if ssrc == a && src == x {
                    2 * round
                } else {
                    round
                };
                let payload = rtp(ssrc, seq);
                an.ingest(&Datagram {
                    frame,
                    timestamp_ns: 1_000_000_000 + frame as i64 * 5_000_000,
                    interface: 0,
                    source: src,
                    destination: to,
                    transport: Transport::Udp,
                    payload: &payload,
                    truncated: false,
                    stream: false,
                });
            }
        }
        let r = an.snapshot();
        let got: Vec<(u32, Option<SocketAddr>, u64, i64)> = r
            .streams
            .iter()
            .map(|s| (s.ssrc, s.src, s.packets, s.lost))
            .collect();
        // In order of first packet: a@x 20 packets (seq 0..=19), b@x 10, a@y 10; none
        // lost (a mix-up would show as gaps or duplicates).
        assert_eq!(
            got,
            vec![
                (a, Some(x), 20, 0),
                (b, Some(x), 10, 0),
                (a, Some(y), 10, 0)
            ]
        );
    }
}
