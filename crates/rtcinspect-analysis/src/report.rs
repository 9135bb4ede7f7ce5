//! The [`Report`]: an owned, serde-serialisable snapshot of everything the analysis
//! knows. The JSON written by `rtcinspect summary --format json` is this type; every
//! key, unit and meaning is documented in `docs/report.md`.
//!
//! Conventions: times are Unix seconds as `f64` (capture clock); durations and
//! delays are milliseconds (`_ms`); rates are per second (`_bps` bits, `_pps`
//! packets); addresses serialise as `"ip:port"` (IPv6 as `"[addr]:port"`). A value
//! the capture cannot tell is `null` (`None`), never a made-up zero.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

/// The version of the report layout; bumped when a key changes meaning or goes away.
pub const REPORT_VERSION: u32 = 1;

/// Everything the analysis knows at one moment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The input: file or interface, counts, damage.
    pub capture: CaptureReport,
    /// One entry per RTP stream (SSRC, source, destination, transport).
    pub streams: Vec<StreamReport>,
    /// RTCP that could not be tied to a stream of the capture, and RTCP totals.
    pub rtcp: RtcpSummary,
    /// ICE: candidate pairs and TURN.
    pub ice: IceReport,
    /// DTLS handshakes, one per 5-tuple.
    pub dtls: Vec<DtlsReport>,
    /// Session descriptions seen (signalling or `--sdp`), in time order.
    pub sdp: Vec<SdpReport>,
    /// WebRTC / VoIP sessions: flows grouped by ICE credentials, BUNDLE and SDP.
    pub sessions: Vec<SessionReport>,
    /// Problems found, in time order (capped; see [`Limits`]).
    pub findings: Vec<Finding>,
    /// What the bounded tables had to drop.
    pub limits: Limits,
}

/// Where a time in the report falls, for findings and timelines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct At {
    /// Frame number (1-based, as tshark counts).
    pub frame: u64,
    /// Capture time, Unix seconds.
    pub time: f64,
}

// ---------------------------------------------------------------------------
// Capture

/// The input and what the capture layer counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaptureReport {
    /// File path, `-` for standard input, or the interface name of a live capture.
    pub file: Option<String>,
    /// `pcap`, `pcap-ns`, `pcapng`, or `live`.
    pub format: Option<String>,
    /// Link types seen, by name (`ethernet`, `linux-sll`, ...).
    pub link_types: Vec<String>,
    /// Frames (packet records or blocks) read.
    pub packets: u64,
    /// Bytes of those frames as captured.
    pub bytes: u64,
    /// Datagrams (UDP payloads and framed TCP messages) analysed.
    pub datagrams: u64,
    /// Time of the first frame, Unix seconds.
    pub first_time: Option<f64>,
    /// Time of the last frame, Unix seconds.
    pub last_time: Option<f64>,
    /// Datagrams by what they carry: `rtp`, `rtcp`, `stun`, `turn-channel`, `dtls`,
    /// `zrtp`, `quic`, `sip`, `http`, `websocket`, `other`; `tcp-stream` for TCP
    /// stream chunks that completed no SIP, HTTP or WebSocket message.
    pub protocols: Vec<Count>,
    /// Frames or datagrams that could not be read, by reason (capture damage and
    /// malformed RTP/RTCP/STUN/DTLS).
    pub malformed: Vec<Count>,
    /// Frames skipped because their link type or network protocol is not supported.
    pub unsupported: Vec<Count>,
    /// Live capture: packets the kernel dropped (`None` for files).
    pub kernel_drops: Option<u64>,
}

/// A count under a name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// What is counted.
    pub name: String,
    /// How many.
    pub count: u64,
}

// ---------------------------------------------------------------------------
// RTP streams

/// Where a stream's clock rate (and codec) came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockRateSource {
    /// An SDP `a=rtpmap` (from `--sdp` or signalling in the capture).
    Sdp,
    /// The RFC 3551 static payload type table.
    Static,
    /// Estimated from RTP timestamp progress against arrival time, snapped to a
    /// standard rate.
    Estimated,
    /// Not known.
    #[default]
    Unknown,
}

/// Audio, video or something else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MediaKind {
    /// Audio.
    Audio,
    /// Video.
    Video,
    /// Retransmission stream (RFC 4588) of another stream.
    Rtx,
    /// Forward error correction (FlexFEC, ULPFEC, RED carrying FEC).
    Fec,
    /// Not known.
    #[default]
    Unknown,
}

/// One RTP stream: (SSRC, source, destination, transport).
///
/// Definitions of `packets`, `expected`, `lost`, the deltas and the jitter follow
/// Wireshark's `-z rtp,streams` so the two can be compared (see `docs/report.md`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamReport {
    /// Synchronisation source.
    pub ssrc: u32,
    /// Source address as the capture saw it (the outer 5-tuple for TURN-relayed
    /// media).
    pub src: Option<SocketAddr>,
    /// Destination address.
    pub dst: Option<SocketAddr>,
    /// `udp` or `tcp`.
    pub transport: String,
    /// The payload type of most packets.
    pub payload_type: u8,
    /// Every payload type seen, in order of first appearance.
    pub payload_types: Vec<u8>,
    /// Codec name (`opus`, `VP8`, `PCMU`...), if known.
    pub codec: Option<String>,
    /// RTP clock rate in Hz, if known.
    pub clock_rate: Option<u32>,
    /// Where the codec and clock rate came from.
    pub clock_rate_source: ClockRateSource,
    /// Audio, video, RTX, FEC.
    pub media: MediaKind,
    /// The MID (SDP or the RTP header extension).
    pub mid: Option<String>,
    /// The RID (RTP header extension).
    pub rid: Option<String>,
    /// True when the stream is SRTP (RTP after a DTLS handshake on the same 5-tuple,
    /// or SDP says so): payloads are not readable.
    pub srtp: bool,
    /// TURN: the channel number or `send-data` when the media was relayed inside
    /// TURN, with the peer address.
    pub turn: Option<TurnRelay>,
    /// RTP packets.
    pub packets: u64,
    /// RTP bytes (header + payload + padding).
    pub bytes: u64,
    /// RTP header bytes (fixed header, CSRCs, extension).
    pub header_bytes: u64,
    /// Payload bytes (padding excluded).
    pub payload_bytes: u64,
    /// First packet, Unix seconds.
    pub first_seen: f64,
    /// Last packet, Unix seconds.
    pub last_seen: f64,
    /// First and last extended sequence numbers (RFC 3550 A.1).
    pub first_seq: u32,
    /// Highest extended sequence number seen.
    pub last_seq: u32,
    /// Sequence number cycles (wraps past 65535).
    pub seq_cycles: u32,
    /// Sequence resets (RFC 3550 A.1 `bad_seq` confirmed, or an SSRC restart).
    pub seq_resets: u32,
    /// Packets expected from the sequence numbers (RFC 3550 A.3).
    pub expected: i64,
    /// Expected minus received; negative with duplicates, like Wireshark's.
    pub lost: i64,
    /// `lost` as a percentage of `expected`.
    pub lost_percent: f64,
    /// Packets whose sequence number was already seen.
    pub duplicates: u64,
    /// Packets that arrived after a higher sequence number.
    pub out_of_order: u64,
    /// Packets with the marker bit.
    pub markers: u64,
    /// Smallest time between consecutive packets, ms.
    pub min_delta_ms: Option<f64>,
    /// Mean time between consecutive packets, ms.
    pub mean_delta_ms: Option<f64>,
    /// Largest time between consecutive packets, ms.
    pub max_delta_ms: Option<f64>,
    /// RFC 3550 A.8 interarrival jitter at the end, ms (needs the clock rate).
    pub jitter_ms: Option<f64>,
    /// The same in RTP timestamp units.
    pub jitter_ts: Option<f64>,
    /// Mean of the jitter over the stream, ms (Wireshark's "Mean Jitter").
    pub mean_jitter_ms: Option<f64>,
    /// Largest jitter over the stream, ms.
    pub max_jitter_ms: Option<f64>,
    /// Wireshark's maximum skew, ms (arrival against RTP timestamp).
    pub max_skew_ms: Option<f64>,
    /// Clock drift, ms over the stream (arrival minus RTP time, last vs first).
    pub clock_drift_ms: Option<f64>,
    /// Clock drift as a rate, ppm (positive: the sender's clock runs slow).
    pub clock_drift_ppm: Option<f64>,
    /// Mean bitrate over the stream's life (RTP bytes), bits/s.
    pub mean_bitrate_bps: f64,
    /// Largest bitrate over a one-second window, bits/s.
    pub max_bitrate_bps: f64,
    /// Mean packet rate, packets/s.
    pub mean_packet_rate_pps: f64,
    /// Largest packet rate over a one-second window.
    pub max_packet_rate_pps: f64,
    /// RTP timestamp jumps that did not match the arrival time.
    pub timestamp_jumps: u64,
    /// Header extensions seen.
    pub extensions: Vec<ExtensionReport>,
    /// RTX: the primary stream this one retransmits, or the RTX stream of this one.
    pub rtx: Option<RtxReport>,
    /// FEC: the protected stream's SSRC for a FEC stream.
    pub fec_protects: Option<u32>,
    /// What RTCP said about this stream, both directions.
    pub rtcp: StreamRtcp,
    /// Video frames and keyframes (video streams).
    pub video: Option<VideoReport>,
    /// Audio levels (audio streams with RFC 6464).
    pub audio: Option<AudioReport>,
    /// Per-second series (bounded), with `--series` in JSON.
    pub series: Option<StreamSeries>,
    /// The session this stream belongs to (index into [`Report::sessions`]).
    pub session: Option<usize>,
}

/// Media relayed inside TURN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRelay {
    /// The ChannelData channel number, `None` for Send/Data indications.
    pub channel: Option<u16>,
    /// The peer address (XOR-PEER-ADDRESS or the channel binding's peer).
    pub peer: Option<SocketAddr>,
}

/// One RTP header extension as seen on a stream.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionReport {
    /// The extension ID (1–14 one-byte, 1–255 two-byte).
    pub id: u8,
    /// The URI: from SDP `a=extmap`, or inferred from content.
    pub uri: Option<String>,
    /// True when the URI was inferred from content, not read from SDP.
    pub inferred: bool,
    /// Packets that carried it.
    pub packets: u64,
}

/// An RTX association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RtxReport {
    /// `retransmits` on the RTX stream, `retransmitted-by` on the primary.
    pub role: String,
    /// The other stream's SSRC.
    pub ssrc: u32,
    /// How the association was found: `sdp-ssrc-group`, `sdp-apt`, `repaired-rid`,
    /// `inferred`.
    pub how: String,
    /// Retransmissions (packets on the RTX stream for this primary).
    pub retransmissions: u64,
}

/// RTCP about one stream.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamRtcp {
    /// Sender reports sent by this stream's SSRC.
    pub sender_reports: u64,
    /// The last sender report.
    pub last_sr: Option<SenderReportInfo>,
    /// Report blocks received about this stream (from the other side).
    pub receiver_reports: u64,
    /// The last report block about this stream.
    pub last_rr: Option<ReportBlockInfo>,
    /// Largest fraction lost reported, percent.
    pub max_fraction_lost_percent: Option<f64>,
    /// Largest reported jitter, ms.
    pub max_reported_jitter_ms: Option<f64>,
    /// Round-trip times from LSR/DLSR against capture times, ms.
    pub rtt_ms: Option<Stat>,
    /// XR RRTR/DLRR round-trip times, ms.
    pub xr_rtt_ms: Option<Stat>,
    /// NACK messages about this stream.
    pub nacks: u64,
    /// Sequence numbers NACKed (counted with repeats).
    pub nacked_packets: u64,
    /// NACKed packets later seen retransmitted (RTX or same SSRC).
    pub nacked_retransmitted: u64,
    /// Mean time from NACK to retransmission, ms.
    pub mean_retransmit_delay_ms: Option<f64>,
    /// Picture Loss Indications.
    pub plis: u64,
    /// Full Intra Requests.
    pub firs: u64,
    /// Mean time from PLI/FIR to the next keyframe, ms.
    pub mean_keyframe_delay_ms: Option<f64>,
    /// REMB messages naming this SSRC.
    pub rembs: u64,
    /// The last REMB bitrate, bits/s.
    pub last_remb_bps: Option<f64>,
    /// Transport-wide CC feedback messages for this media SSRC.
    pub twcc_feedbacks: u64,
    /// Packets those feedbacks reported received.
    pub twcc_received: u64,
    /// Packets those feedbacks reported not received.
    pub twcc_lost: u64,
    /// BYE seen.
    pub bye: bool,
    /// SRTCP encrypted: only header fields were counted, these numbers need keys.
    pub encrypted: bool,
}

/// Min, mean, max of a set of values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    /// How many values.
    pub count: u64,
    /// Smallest.
    pub min: f64,
    /// Mean.
    pub mean: f64,
    /// Largest.
    pub max: f64,
    /// The last value.
    pub last: f64,
}

impl Stat {
    /// Adds a value.
    pub fn add(&mut self, v: f64) {
        if self.count == 0 {
            self.min = v;
            self.max = v;
            self.mean = v;
        } else {
            self.min = self.min.min(v);
            self.max = self.max.max(v);
            self.mean += (v - self.mean) / (self.count + 1) as f64;
        }
        self.count += 1;
        self.last = v;
    }
}

/// A sender report's sender info.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SenderReportInfo {
    /// When it was captured.
    pub at: At,
    /// NTP timestamp as Unix seconds.
    pub ntp_time: f64,
    /// The RTP timestamp matching it.
    pub rtp_timestamp: u32,
    /// Sender's packet count.
    pub packet_count: u32,
    /// Sender's octet count.
    pub octet_count: u32,
    /// Packets the capture saw from this SSRC up to the SR.
    pub captured_packets: u64,
}

/// A report block (RR or SR) about a stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportBlockInfo {
    /// When it was captured.
    pub at: At,
    /// The reporter's SSRC.
    pub reporter_ssrc: u32,
    /// Fraction lost since the previous report, percent.
    pub fraction_lost_percent: f64,
    /// Cumulative packets lost (signed, 24 bits).
    pub cumulative_lost: i32,
    /// Extended highest sequence number received.
    pub highest_seq: u32,
    /// Interarrival jitter, timestamp units.
    pub jitter_ts: u32,
    /// The same in ms, when the clock rate is known.
    pub jitter_ms: Option<f64>,
    /// Round-trip time from LSR/DLSR, ms (when the SR it refers to was captured).
    pub rtt_ms: Option<f64>,
}

/// Video frames.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoReport {
    /// Frames (distinct RTP timestamps).
    pub frames: u64,
    /// Mean frames per second.
    pub fps: Option<f64>,
    /// Frame sizes, bytes of payload.
    pub frame_bytes: Option<Stat>,
    /// Keyframes, from the payload descriptor (`None` when not readable: SRTP or an
    /// unknown codec).
    pub keyframes: Option<u64>,
    /// Time between keyframes, ms.
    pub keyframe_interval_ms: Option<Stat>,
    /// Freezes: inter-frame gaps well above the median.
    pub freezes: u64,
    /// Longest inter-frame gap, ms.
    pub max_frame_gap_ms: Option<f64>,
    /// Largest width × height seen in the payload (keyframe headers), if any.
    pub resolution: Option<(u32, u32)>,
}

/// Audio levels (RFC 6464), dBov as positive numbers (0 loudest, 127 silence).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioReport {
    /// Level statistics over the stream, -dBov.
    pub level: Option<Stat>,
    /// Packets flagged as voice activity.
    pub voice_packets: u64,
    /// Packets with a level.
    pub level_packets: u64,
}

/// Per-second values of one stream, bounded: past a fixed number of points,
/// neighbours are merged and `step_s` doubles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamSeries {
    /// Start of the first point, Unix seconds.
    pub start: f64,
    /// Width of one point, seconds.
    pub step_s: f64,
    /// Bits per second.
    pub bitrate_bps: Vec<f64>,
    /// Packets per second.
    pub packet_rate_pps: Vec<f64>,
    /// Packets lost (sequence gaps) per point.
    pub lost: Vec<f64>,
    /// Jitter at the end of each point, ms (`None` before the first packet or
    /// without a clock rate).
    pub jitter_ms: Vec<Option<f64>>,
    /// RTT reported in the point, ms.
    pub rtt_ms: Vec<Option<f64>>,
    /// Video frames per second.
    pub fps: Vec<Option<f64>>,
    /// Mean audio level, -dBov.
    pub audio_level: Vec<Option<f64>>,
}

// ---------------------------------------------------------------------------
// RTCP not tied to a stream

/// RTCP totals and RTCP about SSRCs with no stream in the capture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RtcpSummary {
    /// Compound (or reduced-size) RTCP datagrams.
    pub datagrams: u64,
    /// RTCP packets by type (`sr`, `rr`, `sdes`, `bye`, `app`, `nack`, `pli`,
    /// `fir`, `remb`, `twcc`, `xr`, ...).
    pub packets: Vec<Count>,
    /// Datagrams that looked encrypted (SRTCP).
    pub encrypted: u64,
    /// Per (reporter, media SSRC) RTCP whose media SSRC has no stream here.
    pub unmatched: Vec<UnmatchedRtcp>,
}

/// RTCP about an SSRC the capture has no RTP stream for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedRtcp {
    /// The media SSRC reported on.
    pub ssrc: u32,
    /// Where the RTCP went from.
    pub src: Option<SocketAddr>,
    /// Where to.
    pub dst: Option<SocketAddr>,
    /// What it was.
    pub rtcp: StreamRtcp,
}

// ---------------------------------------------------------------------------
// ICE

/// ICE connectivity and TURN.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IceReport {
    /// Candidate pairs (5-tuples on which binding requests were seen).
    pub pairs: Vec<CandidatePairReport>,
    /// TURN allocations.
    pub turn: Vec<TurnAllocationReport>,
    /// STUN messages not matched to a transaction (responses without request...).
    pub unmatched_responses: u64,
    /// Responses to transactions already answered (not counted again on the pair or
    /// allocation).
    pub duplicate_responses: u64,
    /// Requests still waiting for a response when the report was made.
    pub transactions_in_flight: u64,
    /// Requests not tracked because the in-flight table was full (also in
    /// [`Limits::ice_dropped`]).
    pub transactions_dropped: u64,
}

/// One ICE candidate pair, seen from the side sending the checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CandidatePairReport {
    /// The checking side.
    pub local: Option<SocketAddr>,
    /// The checked side.
    pub remote: Option<SocketAddr>,
    /// `udp` or `tcp`.
    pub transport: String,
    /// USERNAME of the requests (`remote-ufrag:local-ufrag`).
    pub username: Option<String>,
    /// `controlling` or `controlled`.
    pub role: Option<String>,
    /// ICE-CONTROLLING / ICE-CONTROLLED tie-breaker.
    pub tie_breaker: Option<u64>,
    /// Binding requests sent.
    pub requests: u64,
    /// Retransmitted requests (same transaction ID).
    pub retransmissions: u64,
    /// Success responses.
    pub responses: u64,
    /// Error responses.
    pub errors: u64,
    /// Error codes seen.
    pub error_codes: Vec<u16>,
    /// Round-trip times, ms.
    pub rtt_ms: Option<Stat>,
    /// USE-CANDIDATE seen (nominated).
    pub nominated: bool,
    /// `succeeded`, `failed`, `in-progress`.
    pub state: String,
    /// First check.
    pub first: Option<At>,
    /// First success.
    pub first_success: Option<At>,
    /// Last check.
    pub last: Option<At>,
    /// Checks after nomination (consent freshness), with their times.
    pub consent_checks: u64,
    /// The session this pair belongs to.
    pub session: Option<usize>,
    /// True when this side's requests carried USE-CANDIDATE (it nominated the pair);
    /// `nominated` is also true on the controlled side's pair of the same 5-tuple.
    pub use_candidate: bool,
    /// When the nomination took effect: the success response to the first
    /// USE-CANDIDATE request on this 5-tuple.
    pub nominated_at: Option<At>,
    /// Last success response.
    pub last_success: Option<At>,
    /// Requests never answered within 10 s of capture time.
    pub timeouts: u64,
    /// Times the role (ICE-CONTROLLING / ICE-CONTROLLED) in the requests changed.
    pub role_changes: u64,
    /// 487 (Role Conflict) error responses received.
    pub role_conflicts: u64,
    /// Time between consecutive checks after nomination (consent freshness), ms.
    pub consent_interval_ms: Option<Stat>,
    /// Requests and responses of this pair carrying a DTLS packet in a STUN attribute
    /// (0xC070, Chromium's experimental "DTLS in STUN"; the DTLS inside is not
    /// analysed).
    pub dtls_in_stun: u64,
    /// For checks relayed through TURN: the outer 5-tuple (`a` the TURN client,
    /// `b` the TURN server).
    pub turn: Option<FlowReport>,
    /// For checks relayed through TURN: the peer (XOR-PEER-ADDRESS or the channel's
    /// peer).
    pub peer: Option<SocketAddr>,
}

/// One TURN allocation (client 5-tuple to server).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnAllocationReport {
    /// The TURN client.
    pub client: Option<SocketAddr>,
    /// The TURN server.
    pub server: Option<SocketAddr>,
    /// `udp` or `tcp`.
    pub transport: String,
    /// The relayed address (XOR-RELAYED-ADDRESS).
    pub relayed: Option<SocketAddr>,
    /// The mapped address (XOR-MAPPED-ADDRESS).
    pub mapped: Option<SocketAddr>,
    /// Allocate requests and their outcome.
    pub allocate_requests: u64,
    /// Allocate successes.
    pub allocate_successes: u64,
    /// Error codes (401 unauthenticated, 438 stale nonce...), with counts.
    pub errors: Vec<Count>,
    /// Lifetime granted, seconds.
    pub lifetime_s: Option<u32>,
    /// Refreshes.
    pub refreshes: u64,
    /// Peer addresses permitted.
    pub permissions: Vec<SocketAddr>,
    /// Channel bindings.
    pub channels: Vec<ChannelBindingReport>,
    /// ChannelData messages.
    pub channel_data: u64,
    /// Send and Data indications.
    pub indications: u64,
    /// Realm.
    pub realm: Option<String>,
    /// Username.
    pub username: Option<String>,
    /// Every XOR-RELAYED-ADDRESS granted (two for a dual-stack allocation).
    pub relayed_addresses: Vec<SocketAddr>,
    /// Refresh success responses.
    pub refresh_successes: u64,
    /// CreatePermission requests.
    pub permission_requests: u64,
    /// ChannelBind requests.
    pub channel_binds: u64,
    /// Bytes of application data in ChannelData messages.
    pub channel_data_bytes: u64,
    /// Send indications (client to peer).
    pub send_indications: u64,
    /// Data indications (peer to client).
    pub data_indications: u64,
    /// First TURN request.
    pub first: Option<At>,
    /// Last TURN message.
    pub last: Option<At>,
    /// Refresh with LIFETIME 0 (deallocation).
    pub deallocated: Option<At>,
    /// Permissions or channel bindings not kept (table full).
    pub dropped: u64,
}

/// A TURN channel binding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelBindingReport {
    /// Channel number.
    pub channel: u16,
    /// Peer address.
    pub peer: Option<SocketAddr>,
}

// ---------------------------------------------------------------------------
// DTLS

/// A DTLS association on one 5-tuple.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DtlsReport {
    /// The DTLS client (sent ClientHello).
    pub client: Option<SocketAddr>,
    /// The DTLS server.
    pub server: Option<SocketAddr>,
    /// `udp` or `tcp`.
    pub transport: String,
    /// Negotiated version (`DTLS 1.2`, `DTLS 1.3`).
    pub version: Option<String>,
    /// Chosen cipher suite, IANA name.
    pub cipher_suite: Option<String>,
    /// Chosen SRTP protection profile (use_srtp), IANA name.
    pub srtp_profile: Option<String>,
    /// The handshake messages in capture order.
    pub timeline: Vec<HandshakeEvent>,
    /// Flights retransmitted.
    pub retransmissions: u64,
    /// True when both Finished (or, for DTLS 1.3, application data) were seen.
    pub complete: bool,
    /// Handshake duration (first ClientHello to completion), ms.
    pub duration_ms: Option<f64>,
    /// Certificates' SHA-256 fingerprints (`AB:CD:...`), client's then server's.
    pub fingerprints: Vec<CertificateFingerprint>,
    /// Alerts.
    pub alerts: Vec<AlertReport>,
    /// Application data records (SRTP keys are derived from the handshake). For
    /// DTLS 1.3, every unified-header record not of the handshake epoch (2), which
    /// includes encrypted ACKs and alerts.
    pub application_data: u64,
    /// The session this association belongs to.
    pub session: Option<usize>,
    /// The 5-tuple (both ends, also when the roles are not known because the
    /// capture missed the hellos).
    pub flow: FlowReport,
    /// The SRTP protection profiles the ClientHello offered, in its order (DTLS 1.3
    /// sends the chosen one encrypted, so `srtp_profile` is then `None`).
    pub srtp_profiles_offered: Vec<String>,
    /// For DTLS relayed through TURN: the peer. `client` and `server` are then the
    /// ends of the outer 5-tuple (TURN client and server).
    pub peer: Option<SocketAddr>,
    /// First DTLS record.
    pub first: Option<At>,
    /// Last DTLS record.
    pub last: Option<At>,
    /// When the handshake completed (see `complete`).
    pub completed_at: Option<At>,
    /// DTLS records, all kinds.
    pub records: u64,
    /// Encrypted handshake records (DTLS 1.2 Finished, DTLS 1.3 epoch 2).
    pub encrypted_handshake: u64,
    /// Handshake events not kept in `timeline` (at most 64 are).
    pub timeline_dropped: u64,
    /// Alerts not kept in `alerts` (at most 16 are).
    pub alerts_dropped: u64,
}

/// One handshake message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HandshakeEvent {
    /// When.
    pub at: At,
    /// `client` or `server`.
    pub from: String,
    /// Message name (`ClientHello`, `HelloVerifyRequest`, `ServerHello`,
    /// `Certificate`, ..., `Finished`, `ChangeCipherSpec`, `encrypted`).
    pub message: String,
    /// True for a retransmission (message sequence seen before).
    pub retransmission: bool,
    /// The handshake `message_seq` (`None` for records whose content is
    /// encrypted and for ChangeCipherSpec).
    pub message_seq: Option<u16>,
}

/// A certificate fingerprint and whether SDP agrees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFingerprint {
    /// `client` or `server`.
    pub from: String,
    /// `sha-256`.
    pub algorithm: String,
    /// Upper-case hex bytes joined by `:`.
    pub value: String,
    /// `Some(true)` when an SDP `a=fingerprint` of the session matches, `Some(false)`
    /// when SDP is known and none matches, `None` without SDP.
    pub sdp_match: Option<bool>,
}

/// A DTLS alert.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertReport {
    /// When.
    pub at: At,
    /// `client` or `server`.
    pub from: String,
    /// `warning` or `fatal` (`None` when encrypted).
    pub level: Option<String>,
    /// Description name (`close_notify`, `bad_certificate`...), `None` when encrypted.
    pub description: Option<String>,
}

// ---------------------------------------------------------------------------
// SDP and sessions

/// A session description seen in signalling or given with `--sdp`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SdpReport {
    /// Where it was found: `file`, `sip`, `http`, `websocket`.
    pub origin: String,
    /// The file name, or where in the capture (frame and time).
    pub file: Option<String>,
    /// Frame and time, for SDP in the capture.
    pub at: Option<At>,
    /// Who sent it (signalling source address).
    pub from: Option<SocketAddr>,
    /// Where it went (signalling destination address).
    pub to: Option<SocketAddr>,
    /// `udp` or `tcp`: the transport of the signalling.
    pub transport: Option<String>,
    /// The message that carried it: SIP `INVITE`, `200 OK (INVITE)`, `ACK`; HTTP
    /// `POST /whip`, `201 Created`; `None` for WebSocket and files.
    pub message: Option<String>,
    /// SIP Call-ID.
    pub call_id: Option<String>,
    /// `offer`, `answer`, `pranswer`, or `None` when the signalling does not say.
    pub kind: Option<String>,
    /// Index of the SDP this one answers.
    pub answers: Option<usize>,
    /// For an offer: the failure response that rejected it (SIP `488 Not Acceptable
    /// Here`, HTTP `400 Bad Request`...).
    pub rejected: Option<String>,
    /// The session this description belongs to.
    pub session: Option<usize>,
    /// m-sections: media, port, mid, codecs.
    pub media: Vec<SdpMediaReport>,
    /// ICE ufrag.
    pub ice_ufrag: Option<String>,
    /// DTLS fingerprints (`sha-256 AB:...`).
    pub fingerprints: Vec<String>,
    /// ICE candidates trickled after it by its sender (WebSocket/HTTP JSON
    /// `{"candidate":"candidate:..."}`), at most 32.
    pub trickled: Vec<String>,
    /// Lint findings.
    pub lint: Vec<String>,
    /// Why the text is not SDP, when it does not parse.
    pub error: Option<String>,
    /// Times the same description was seen again (a SIP retransmission, a signalling
    /// server relaying it to the other peer).
    pub duplicates: u64,
    /// The description itself.
    pub text: String,
}

/// One m-section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdpMediaReport {
    /// `audio`, `video`, `application`.
    pub media: String,
    /// Port.
    pub port: u16,
    /// MID.
    pub mid: Option<String>,
    /// Direction (`sendrecv`...).
    pub direction: Option<String>,
    /// Codecs as `PT name/rate`.
    pub codecs: Vec<String>,
    /// SSRCs announced.
    pub ssrcs: Vec<u32>,
}

/// A WebRTC or VoIP session: ICE, DTLS and media flows that belong together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionReport {
    /// Index in [`Report::sessions`].
    pub id: usize,
    /// How it was grouped: `ice-ufrag`, `5-tuple`, `sdp`, `sip-call-id`.
    pub grouped_by: Vec<String>,
    /// The ICE ufrag pair, when known (`local:remote` as seen in USERNAME).
    pub ice_username: Option<String>,
    /// SIP Call-ID, when the session came from SIP.
    pub call_id: Option<String>,
    /// The 5-tuples carrying it.
    pub flows: Vec<FlowReport>,
    /// Stream indices (into [`Report::streams`]).
    pub streams: Vec<usize>,
    /// SDP indices (into [`Report::sdp`]).
    pub sdp: Vec<usize>,
    /// ICE candidate pair indices (into [`IceReport::pairs`]).
    pub pairs: Vec<usize>,
    /// DTLS association indices (into [`Report::dtls`]).
    pub dtls: Vec<usize>,
    /// The SDP m-sections and the streams mapped to them.
    pub media: Vec<SessionMediaReport>,
    /// First packet or description, Unix seconds.
    pub first: Option<f64>,
    /// Last packet, Unix seconds.
    pub last: Option<f64>,
}

/// An SDP m-section of a session and the streams that carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionMediaReport {
    /// The SDP it comes from (index into [`Report::sdp`]).
    pub sdp: usize,
    /// The m-section's index in that SDP.
    pub index: usize,
    /// `audio`, `video`, `application`.
    pub media: String,
    /// MID.
    pub mid: Option<String>,
    /// Streams mapped to it (indices into [`Report::streams`]).
    pub streams: Vec<usize>,
}

/// A 5-tuple (either direction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowReport {
    /// One side.
    pub a: Option<SocketAddr>,
    /// The other.
    pub b: Option<SocketAddr>,
    /// `udp` or `tcp`.
    pub transport: String,
}

// ---------------------------------------------------------------------------
// Findings and limits

/// How bad a finding is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing.
    #[default]
    Info,
    /// Probably hurts quality.
    Warning,
    /// Something failed.
    Error,
}

/// A problem found, with where.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// When (first occurrence).
    pub at: At,
    /// How bad.
    pub severity: Severity,
    /// A stable kind for scripts (`sequence-gap`, `loss-burst`, `pt-change`,
    /// `timestamp-jump`, `ssrc-collision`, `ice-failure`, `dtls-alert`,
    /// `fingerprint-mismatch`, `rtcp-unmatched`, `malformed`...).
    pub kind: String,
    /// The stream concerned, by SSRC.
    pub ssrc: Option<u32>,
    /// A sentence for people.
    pub message: String,
}

/// What the bounded tables dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// RTP streams not tracked because the stream table was full (packets).
    pub streams_dropped: u64,
    /// STUN transactions or pairs not tracked.
    pub ice_dropped: u64,
    /// DTLS flows not tracked.
    pub dtls_dropped: u64,
    /// Findings not kept.
    pub findings_dropped: u64,
    /// SDP not kept.
    pub sdp_dropped: u64,
}
