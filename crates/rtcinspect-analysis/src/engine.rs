//! The [`Analyzer`]: classification, TURN unwrapping, dispatch to the trackers, and
//! the capture-level counts.

use std::collections::{BTreeMap, HashSet};

use rtcinspect_capture::{Clock, Datagram, Diagnostics, Event, FileFormat, Source, SourceError};
use rtcinspect_wire::demux::{PacketKind, classify, is_rtcp_packet_type};
use rtcinspect_wire::turn::ChannelData;

use crate::context::{Flow, Packet, TurnRelayRef, seconds};
use crate::dtls::DtlsTracker;
use crate::findings::Findings;
use crate::ice::IceTracker;
use crate::report::{CaptureReport, Count, REPORT_VERSION, Report};
use crate::rtcp::RtcpTracker;
use crate::rtp::RtpTracker;
use crate::sessions;
use crate::signal::{self, SdpContext, SignalTracker};

/// Bounds and options of an [`Analyzer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// RTP streams tracked at most; packets of further streams are counted as dropped.
    pub max_streams: usize,
    /// ICE transactions in flight and candidate pairs tracked at most.
    pub max_ice_entries: usize,
    /// DTLS 5-tuples tracked at most.
    pub max_dtls_flows: usize,
    /// Findings kept at most.
    pub max_findings: usize,
    /// Session descriptions kept at most.
    pub max_sdp: usize,
    /// Points kept per time series before neighbours are merged.
    pub series_points: usize,
    /// Whether per-stream time series go into the report.
    pub series: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_streams: 4096,
            max_ice_entries: 16_384,
            max_dtls_flows: 1024,
            max_findings: 1000,
            max_sdp: 256,
            series_points: 600,
            series: false,
        }
    }
}

impl Config {
    /// Sets the number of RTP streams tracked at most.
    pub fn with_max_streams(mut self, n: usize) -> Self {
        self.max_streams = n;
        self
    }

    /// Puts per-stream time series in the report.
    pub fn with_series(mut self, on: bool) -> Self {
        self.series = on;
        self
    }
}

/// State the trackers share: findings, the SDP known so far, flows with a DTLS
/// handshake (so RTP on them is SRTP), malformed counts.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) findings: Findings,
    pub(crate) sdp: SdpContext,
    /// Undirected 5-tuples on which a DTLS handshake was seen.
    pub(crate) dtls_flows: HashSet<Flow>,
    /// Malformed datagrams by reason (`rtp: ...`, `stun: ...`).
    pub(crate) malformed: BTreeMap<String, u64>,
}

impl Shared {
    /// Counts a malformed datagram. `reason` is a short stable phrase.
    pub(crate) fn malformed(&mut self, reason: &str) {
        bump(&mut self.malformed, reason);
    }
}

/// The analysis engine. Feed it with [`Analyzer::ingest_event`] (or
/// [`Analyzer::ingest`] for bare datagrams), read it with [`Analyzer::snapshot`].
#[derive(Debug)]
pub struct Analyzer {
    shared: Shared,
    rtp: RtpTracker,
    rtcp: RtcpTracker,
    ice: IceTracker,
    dtls: DtlsTracker,
    signal: SignalTracker,
    capture: CaptureState,
}

#[derive(Debug, Default)]
struct CaptureState {
    file: Option<String>,
    format: Option<String>,
    link_types: Vec<String>,
    frames: u64,
    frame_bytes: u64,
    datagrams: u64,
    first_ns: Option<i64>,
    last_ns: Option<i64>,
    protocols: BTreeMap<&'static str, u64>,
    /// RTP datagrams, counted apart from `protocols` (a map update per packet showed
    /// in profiles); merged into it in the report.
    rtp_datagrams: u64,
    damage: BTreeMap<String, u64>,
    unsupported: BTreeMap<String, u64>,
    kernel_drops: Option<u64>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(Config::default())
    }
}

impl Analyzer {
    /// A new engine.
    pub fn new(config: Config) -> Self {
        Analyzer {
            shared: Shared {
                config,
                findings: Findings::new(config.max_findings),
                sdp: SdpContext::new(config.max_sdp),
                dtls_flows: HashSet::new(),
                malformed: BTreeMap::new(),
            },
            rtp: RtpTracker::new(&config),
            rtcp: RtcpTracker::new(&config),
            ice: IceTracker::new(&config),
            dtls: DtlsTracker::new(&config),
            signal: SignalTracker::new(&config),
            capture: CaptureState::default(),
        }
    }

    /// Names the input (`file` path, `-`, or an interface) and its format (`pcap`,
    /// `pcap-ns`, `pcapng`, `live`).
    pub fn set_source(&mut self, name: &str, format: &str) {
        self.capture.file = Some(name.to_owned());
        self.capture.format = Some(format.to_owned());
    }

    /// The format name [`Analyzer::set_source`] expects for a capture file format.
    pub fn format_name(format: FileFormat) -> &'static str {
        match format {
            FileFormat::Pcap {
                nanosecond: true, ..
            } => "pcap-ns",
            FileFormat::Pcap { .. } => "pcap",
            FileFormat::PcapNg => "pcapng",
            _ => "capture",
        }
    }

    /// Adds a session description given by the user (`--sdp FILE`). Returns false
    /// when it does not parse as SDP (it is then reported as a finding).
    pub fn add_sdp(&mut self, name: &str, text: &str) -> bool {
        self.signal.add_sdp_file(name, text, &mut self.shared)
    }

    /// Feeds one event of a capture source.
    pub fn ingest_event(&mut self, event: &Event<'_>) {
        match event {
            Event::Datagram(d) => self.ingest(d),
            Event::Interface(info) => {
                let name = info.link_type.to_string();
                if !self.capture.link_types.contains(&name) && self.capture.link_types.len() < 64 {
                    self.capture.link_types.push(name);
                }
            }
            Event::Damage(d) => {
                let reason = format!("{:?}", d.reason);
                let key = reason.split(['(', ' ', '{']).next().unwrap_or("damage");
                bump(&mut self.capture.damage, key);
            }
            _ => {}
        }
    }

    /// Feeds every event of `source` until its end, then copies its counters
    /// ([`Analyzer::update_diagnostics`]). The source is the caller's: the engine
    /// still opens nothing itself.
    pub fn ingest_all(&mut self, source: &mut impl Source) -> Result<(), SourceError> {
        while let Some(event) = source.next_event()? {
            self.ingest_event(&event);
        }
        self.update_diagnostics(source.diagnostics(), source.clock() == Clock::Live);
        Ok(())
    }

    /// Copies the capture layer's counters (frames, bytes, unsupported link types and
    /// protocols, kernel drops) into the report. Call it before [`Analyzer::snapshot`]
    /// (cheap; any number of times).
    pub fn update_diagnostics(&mut self, diag: &Diagnostics, live: bool) {
        self.capture.frames = diag.frames;
        self.capture.frame_bytes = diag.frame_bytes;
        self.capture.unsupported.clear();
        for (lt, n) in diag.unsupported_link_types.iter() {
            self.capture
                .unsupported
                .insert(format!("link type {lt}"), n);
        }
        for (et, n) in diag.non_ip_frames.iter() {
            self.capture
                .unsupported
                .insert(format!("ethertype 0x{et:04x}"), n);
        }
        for (p, n) in diag.other_transports.iter() {
            self.capture
                .unsupported
                .insert(format!("ip protocol {p}"), n);
        }
        if live {
            self.capture.kernel_drops = Some(diag.kernel_drops);
        }
    }

    /// Feeds one datagram.
    pub fn ingest(&mut self, d: &Datagram<'_>) {
        self.capture.datagrams += 1;
        self.capture.first_ns.get_or_insert(d.timestamp_ns);
        self.capture.last_ns = Some(d.timestamp_ns);
        let packet = Packet {
            frame: d.frame,
            timestamp_ns: d.timestamp_ns,
            flow: Flow {
                src: d.source,
                dst: d.destination,
                transport: d.transport,
            },
            turn: None,
            payload: d.payload,
            truncated: d.truncated,
        };
        if d.stream {
            // A chunk of an unframed TCP stream: text signalling, never RTP.
            let name = self
                .signal
                .on_stream(&packet, &mut self.shared)
                .unwrap_or("tcp-stream");
            *self.capture.protocols.entry(name).or_insert(0) += 1;
            return;
        }
        self.dispatch(&packet, 0);
    }

    fn dispatch(&mut self, p: &Packet<'_>, depth: u8) {
        // RTP first, the datagram of nearly every capture: a first byte of 128-191
        // (version 2) is neither a text start line nor anything but RTP or RTCP.
        if let [first, second, ..] = *p.payload {
            if first >> 6 == 2 && !is_rtcp_packet_type(second) {
                self.rtp.on_rtp(p, &mut self.shared);
                if depth == 0 {
                    self.capture.rtp_datagrams += 1;
                }
                return;
            }
        }
        // SIP over UDP starts with upper-case letters, which RFC 7983 reads as TURN
        // ChannelData or QUIC: a text start line is checked first.
        if depth == 0 && signal::is_text_start(p.payload) {
            let name = self.signal.on_other(p, &mut self.shared).unwrap_or("other");
            *self.capture.protocols.entry(name).or_insert(0) += 1;
            return;
        }
        let mut kind = classify(p.payload);
        // ChannelData with a channel of 0x5000-0x7FFF (RFC 5766 allowed them) on a
        // TURN client's 5-tuple.
        if kind == PacketKind::Quic
            && matches!(p.payload.first(), Some(0x50..=0x7f))
            && self.ice.is_turn_flow(p.flow)
        {
            kind = PacketKind::TurnChannel;
        }
        let name = match kind {
            PacketKind::Rtp => {
                self.rtp.on_rtp(p, &mut self.shared);
                if depth == 0 {
                    self.capture.rtp_datagrams += 1;
                }
                return;
            }
            PacketKind::Rtcp => {
                self.rtcp.on_rtcp(p, &mut self.shared, &mut self.rtp);
                "rtcp"
            }
            PacketKind::Stun => {
                // A Data or Send indication carries a datagram for a peer: analyse it.
                if let Some((inner, relay)) = self.ice.on_stun(p, &mut self.shared) {
                    if depth == 0 {
                        let inner_packet = Packet {
                            payload: inner,
                            turn: Some(relay),
                            ..*p
                        };
                        self.dispatch(&inner_packet, 1);
                    }
                }
                "stun"
            }
            PacketKind::TurnChannel => {
                if let Ok(cd) = ChannelData::new_checked(p.payload) {
                    let channel = cd.channel_number().0;
                    self.ice.on_channel_data(p, channel, cd.data().len());
                    if depth == 0 {
                        let relay = TurnRelayRef {
                            channel: Some(channel),
                            peer: self.ice.channel_peer(p.flow, channel),
                        };
                        let inner = Packet {
                            payload: cd.data(),
                            turn: Some(relay),
                            ..*p
                        };
                        self.dispatch(&inner, 1);
                    }
                } else {
                    self.shared.malformed("turn: bad ChannelData length");
                }
                "turn-channel"
            }
            PacketKind::Dtls => {
                self.dtls.on_dtls(p, &mut self.shared);
                "dtls"
            }
            PacketKind::Zrtp => "zrtp",
            PacketKind::Quic => "quic",
            _ => self.signal.on_other(p, &mut self.shared).unwrap_or("other"),
        };
        if depth == 0 {
            *self.capture.protocols.entry(name).or_insert(0) += 1;
        }
    }

    /// Everything known so far, as an owned report.
    pub fn snapshot(&self) -> Report {
        let c = &self.capture;
        let mut protocols = c.protocols.clone();
        if c.rtp_datagrams > 0 {
            *protocols.entry("rtp").or_insert(0) += c.rtp_datagrams;
        }
        let mut malformed: BTreeMap<String, u64> = c.damage.clone();
        for (k, v) in &self.shared.malformed {
            *malformed.entry(k.clone()).or_insert(0) += v;
        }
        let mut report = Report {
            version: REPORT_VERSION,
            capture: CaptureReport {
                file: c.file.clone(),
                format: c.format.clone(),
                link_types: c.link_types.clone(),
                packets: c.frames,
                bytes: c.frame_bytes,
                datagrams: c.datagrams,
                first_time: c.first_ns.map(seconds),
                last_time: c.last_ns.map(seconds),
                protocols: counts(protocols.iter().map(|(k, v)| ((*k).to_owned(), *v))),
                malformed: counts(malformed.into_iter()),
                unsupported: counts(c.unsupported.iter().map(|(k, v)| (k.clone(), *v))),
                kernel_drops: c.kernel_drops,
            },
            ..Report::default()
        };
        report.streams = self.rtp.snapshot(&self.shared);
        self.rtcp.fill(
            &mut report.streams,
            &mut report.rtcp,
            &self.shared,
            &self.rtp,
        );
        report.ice = self.ice.snapshot(&self.shared);
        report.dtls = self.dtls.snapshot(&self.shared);
        report.sdp = self.signal.snapshot(&self.shared);
        sessions::group(&mut report, &self.shared);
        report.findings = self.shared.findings.list().to_vec();
        // Findings that depend on the whole state (pairs never answered, handshakes
        // never completed), within the same cap.
        let mut late_dropped = 0;
        for f in self
            .ice
            .end_findings()
            .into_iter()
            .chain(self.dtls.end_findings())
        {
            if report.findings.len() < self.shared.config.max_findings {
                report.findings.push(f);
            } else {
                late_dropped += 1;
            }
        }
        report
            .findings
            .extend(self.signal.snapshot_findings(&self.shared));
        report
            .findings
            .sort_by(|a, b| a.at.time.total_cmp(&b.at.time));
        report.limits.findings_dropped = self.shared.findings.dropped() + late_dropped;
        report.limits.streams_dropped = self.rtp.dropped();
        report.limits.ice_dropped = self.ice.dropped();
        report.limits.dtls_dropped = self.dtls.dropped();
        report.limits.sdp_dropped = self.shared.sdp.dropped();
        report
    }
}

/// Counts `key` in a map of at most 256 keys (further keys are not counted: the keys
/// are reasons, a handful in practice).
fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    if let Some(n) = map.get_mut(key) {
        *n += 1;
    } else if map.len() < 256 {
        map.insert(key.to_owned(), 1);
    }
}

fn counts(it: impl Iterator<Item = (String, u64)>) -> Vec<Count> {
    it.map(|(name, count)| Count { name, count }).collect()
}
