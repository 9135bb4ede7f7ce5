//! DTLS: per 5-tuple handshake timelines, negotiated parameters, certificate
//! fingerprints (checked against SDP), alerts. Marks the flow in
//! `Shared::dtls_flows` so RTP on it is known to be SRTP.
//!
//! An association is keyed by the undirected outer 5-tuple and, for DTLS relayed
//! through TURN, the peer. The client is the side that sent a ClientHello. Handshake
//! messages in the clear (epoch 0) are read; a message whose `message_seq` was already
//! seen from the same side is a retransmission. In DTLS 1.2 the handshake record of
//! epoch 1 is the (encrypted) Finished; in DTLS 1.3 every record after the ServerHello
//! has the unified header, and its epoch bits say handshake (2) or application (3).
//! Fragmented Certificate messages are reassembled in a buffer of at most
//! [`MAX_CERTIFICATE_LEN`] bytes per side, then the first certificate's SHA-256 is the
//! fingerprint SDP's `a=fingerprint:sha-256` should announce.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;

use rtcinspect_wire::dtls::{
    AlertDescription, AlertLevel, AnyRecord, Certificate, CipherSuite, ClientHello, ContentType,
    Extension, HandshakeBody, HandshakeType, ProtocolVersion, Records, ServerHello,
    SrtpProtectionProfile, SupportedVersions,
};
use sha2::{Digest, Sha256};

use crate::context::{Flow, Packet};
use crate::engine::{Config, Shared};
use crate::report::{
    AlertReport, At, CertificateFingerprint, DtlsReport, Finding, FlowReport, HandshakeEvent,
    Severity,
};

/// Largest handshake message (ClientHello, ServerHello, Certificate) reassembled
/// from fragments, bytes.
pub(crate) const MAX_CERTIFICATE_LEN: usize = 64 * 1024;
/// Bytes all reassembly buffers may hold together (a fragment that would need more
/// is not reassembled).
pub(crate) const MAX_REASSEMBLY_TOTAL: usize = 1024 * 1024;
/// Handshake events kept per association (the rest counted).
const MAX_TIMELINE: usize = 64;
/// Alerts kept per association.
const MAX_ALERTS: usize = 16;
/// Fragment ranges a reassembly tolerates before giving up.
const MAX_RANGES: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    flow: Flow,
    peer: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy)]
struct Event {
    at: At,
    dir: usize,
    message: &'static str,
    message_seq: Option<u16>,
    retransmission: bool,
}

#[derive(Debug, Clone, Copy)]
struct Alert {
    at: At,
    dir: usize,
    level: Option<AlertLevel>,
    description: Option<AlertDescription>,
}

/// A Certificate message being put back together.
#[derive(Debug, Default)]
struct Reassembly {
    message_seq: u16,
    msg_type: HandshakeType,
    buf: Vec<u8>,
    /// Byte ranges received, sorted, merged.
    ranges: Vec<(usize, usize)>,
}

impl Reassembly {
    /// Adds a fragment; returns `Ok(true)` once every byte is there, `Err` when the
    /// fragment does not fit or there are too many holes (the caller abandons it).
    fn add(&mut self, offset: usize, data: &[u8]) -> Result<bool, ()> {
        let end = offset.checked_add(data.len()).ok_or(())?;
        let slot = self.buf.get_mut(offset..end).ok_or(())?;
        slot.copy_from_slice(data);
        if end > offset {
            self.ranges.push((offset, end));
            self.ranges.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.ranges.len());
            for &(s, e) in &self.ranges {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            self.ranges = merged;
            if self.ranges.len() > MAX_RANGES {
                return Err(());
            }
        }
        Ok(self.ranges.as_slice() == [(0, self.buf.len())])
    }
}

#[derive(Debug, Default)]
struct Assoc {
    transport: &'static str,
    /// The two ends: `ends[0]` is `key.flow.src`.
    ends: [Option<SocketAddr>; 2],
    client_dir: Option<usize>,
    version: Option<ProtocolVersion>,
    unified_seen: bool,
    cipher_suite: Option<CipherSuite>,
    srtp_profile: Option<SrtpProtectionProfile>,
    srtp_offered: Vec<SrtpProtectionProfile>,
    timeline: Vec<Event>,
    timeline_dropped: u64,
    /// Handshake message sequence numbers seen (0–255), per side.
    seen: [[u64; 4]; 2],
    ccs_seen: [bool; 2],
    finished_seen: [bool; 2],
    epoch3_seen: [bool; 2],
    retransmissions: u64,
    first_client_hello_ns: Option<i64>,
    complete_ns: Option<i64>,
    complete_at: Option<At>,
    fingerprints: [Option<String>; 2],
    reassembly: [Option<Reassembly>; 2],
    reassembly_failures: u64,
    alerts: Vec<Alert>,
    alerts_dropped: u64,
    application_data: u64,
    encrypted_handshake: u64,
    records: u64,
    first: Option<At>,
    last: Option<At>,
}

impl Assoc {
    fn push_event(&mut self, e: Event) {
        if e.retransmission {
            self.retransmissions += 1;
        }
        if self.timeline.len() < MAX_TIMELINE {
            self.timeline.push(e);
        } else {
            self.timeline_dropped += 1;
        }
    }

    fn role(&self, dir: usize) -> &'static str {
        match self.client_dir {
            Some(c) if c == dir => "client",
            Some(_) => "server",
            None => "unknown",
        }
    }

    fn is_dtls13(&self) -> bool {
        self.version == Some(ProtocolVersion::DTLS_1_3) || self.unified_seen
    }

    fn check_complete(&mut self, at: At, ns: i64) {
        if self.complete_ns.is_some() {
            return;
        }
        let done = if self.is_dtls13() {
            match self.client_dir {
                Some(c) => self.epoch3_seen[c],
                None => self.epoch3_seen[0] && self.epoch3_seen[1],
            }
        } else {
            self.finished_seen[0] && self.finished_seen[1]
        };
        if done {
            self.complete_ns = Some(ns);
            self.complete_at = Some(at);
        }
    }
}

/// All DTLS state.
#[derive(Debug, Default)]
pub(crate) struct DtlsTracker {
    max: usize,
    assocs: HashMap<Key, Assoc>,
    /// Bytes held in reassembly buffers, all associations together.
    reassembly_bytes: usize,
    dropped: u64,
}

impl DtlsTracker {
    pub(crate) fn new(config: &Config) -> Self {
        DtlsTracker {
            max: config.max_dtls_flows.max(1),
            ..DtlsTracker::default()
        }
    }

    /// One datagram of DTLS records.
    pub(crate) fn on_dtls(&mut self, p: &Packet<'_>, shared: &mut Shared) {
        let flow = p.flow.undirected();
        let key = Key {
            flow,
            peer: p.turn.and_then(|t| t.peer),
        };
        if !self.assocs.contains_key(&key) {
            // A new association starts with a record with the 13-byte header and a
            // DTLS version (0xFExx): the demultiplexer's first-byte test alone lets
            // through any payload starting with 20-63.
            let plausible = matches!(
                Records::new(p.payload).next(),
                Some(Ok(AnyRecord::Record(r))) if r.version().0 >> 8 == 0xfe
            );
            if !plausible {
                shared.malformed("dtls: not DTLS (no record with a DTLS version)");
                return;
            }
            if self.assocs.len() >= self.max {
                self.dropped += 1;
                return;
            }
            self.assocs.insert(
                key,
                Assoc {
                    transport: p.flow.transport.name(),
                    ends: [Some(flow.src), Some(flow.dst)],
                    ..Assoc::default()
                },
            );
        }
        let Some(a) = self.assocs.get_mut(&key) else {
            return;
        };
        let dir = usize::from(p.flow.src != flow.src);
        let at = p.at();
        a.first.get_or_insert(at);
        a.last = Some(at);
        let mut handshake_seen = false;
        for record in Records::new(p.payload) {
            let record = match record {
                Ok(r) => r,
                Err(_) => {
                    shared.malformed("dtls: bad record");
                    break;
                }
            };
            a.records += 1;
            match record {
                AnyRecord::Unified(r) => {
                    a.unified_seen = true;
                    if r.epoch_bits() == 2 {
                        a.encrypted_handshake += 1;
                        let retransmission = false;
                        a.push_event(Event {
                            at,
                            dir,
                            message: "encrypted",
                            message_seq: None,
                            retransmission,
                        });
                        handshake_seen = true;
                    } else {
                        a.application_data += 1;
                        if r.epoch_bits() == 3 {
                            a.epoch3_seen[dir] = true;
                        }
                    }
                }
                AnyRecord::Record(r) => {
                    let ct = r.content_type();
                    if ct == ContentType::HANDSHAKE {
                        handshake_seen = true;
                        if r.epoch() == 0 {
                            for hs in r.handshakes() {
                                match hs {
                                    Ok(hs) => on_handshake(
                                        a,
                                        &mut self.reassembly_bytes,
                                        dir,
                                        at,
                                        p.timestamp_ns,
                                        &hs,
                                        shared,
                                    ),
                                    Err(_) => {
                                        shared.malformed("dtls: bad handshake message");
                                        break;
                                    }
                                }
                            }
                        } else {
                            // DTLS 1.2: the only handshake message after
                            // ChangeCipherSpec is Finished, encrypted.
                            let again = a.finished_seen[dir];
                            a.finished_seen[dir] = true;
                            a.encrypted_handshake += 1;
                            a.push_event(Event {
                                at,
                                dir,
                                message: "Finished",
                                message_seq: None,
                                retransmission: again,
                            });
                        }
                    } else if ct == ContentType::CHANGE_CIPHER_SPEC {
                        let again = a.ccs_seen[dir];
                        a.ccs_seen[dir] = true;
                        a.push_event(Event {
                            at,
                            dir,
                            message: "ChangeCipherSpec",
                            message_seq: None,
                            retransmission: again,
                        });
                    } else if ct == ContentType::APPLICATION_DATA {
                        a.application_data += 1;
                        if r.epoch() >= 3 && a.is_dtls13() {
                            a.epoch3_seen[dir] = true;
                        }
                    } else if ct == ContentType::ALERT {
                        let clear = if r.epoch() == 0 { r.alert().ok() } else { None };
                        let alert = Alert {
                            at,
                            dir,
                            level: clear.map(|c| c.level),
                            description: clear.map(|c| c.description),
                        };
                        alert_finding(a, &alert, p, shared);
                        if a.alerts.len() < MAX_ALERTS {
                            a.alerts.push(alert);
                        } else {
                            a.alerts_dropped += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        a.check_complete(at, p.timestamp_ns);
        if handshake_seen && !shared.dtls_flows.contains(&flow) {
            shared.dtls_flows.insert(flow);
        }
    }

    pub(crate) fn snapshot(&self, shared: &Shared) -> Vec<DtlsReport> {
        let sdp = shared.sdp.fingerprints();
        let mut keys: Vec<(&Key, &Assoc)> = self.assocs.iter().collect();
        keys.sort_by_key(|(k, a)| (a.first.map(|f| f.frame), **k));
        keys.into_iter()
            .map(|(k, a)| {
                let (client, server) = match a.client_dir {
                    Some(c) => (a.ends[c], a.ends[1 - c]),
                    None => (None, None),
                };
                let mut fingerprints = Vec::new();
                let order = match a.client_dir {
                    Some(1) => [1, 0],
                    _ => [0, 1],
                };
                for dir in order {
                    if let Some(v) = &a.fingerprints[dir] {
                        fingerprints.push(CertificateFingerprint {
                            from: a.role(dir).to_owned(),
                            algorithm: "sha-256".to_owned(),
                            value: v.clone(),
                            sdp_match: sdp_match(&sdp, v),
                        });
                    }
                }
                let version = if a.unified_seen {
                    Some(ProtocolVersion::DTLS_1_3)
                } else {
                    a.version
                };
                DtlsReport {
                    client,
                    server,
                    transport: a.transport.to_owned(),
                    version: version.map(|v| name_or_hex(v.name(), v.0)),
                    cipher_suite: a.cipher_suite.map(|c| name_or_hex(c.name(), c.0)),
                    srtp_profile: a.srtp_profile.map(|s| name_or_hex(s.name(), s.0)),
                    flow: FlowReport {
                        a: a.ends[0],
                        b: a.ends[1],
                        transport: a.transport.to_owned(),
                    },
                    srtp_profiles_offered: a
                        .srtp_offered
                        .iter()
                        .map(|s| name_or_hex(s.name(), s.0))
                        .collect(),
                    timeline: a
                        .timeline
                        .iter()
                        .map(|e| HandshakeEvent {
                            at: e.at,
                            from: a.role(e.dir).to_owned(),
                            message: e.message.to_owned(),
                            retransmission: e.retransmission,
                            message_seq: e.message_seq,
                        })
                        .collect(),
                    retransmissions: a.retransmissions,
                    complete: a.complete_ns.is_some(),
                    duration_ms: match (a.first_client_hello_ns, a.complete_ns) {
                        (Some(s), Some(e)) => Some(e.saturating_sub(s) as f64 / 1e6),
                        _ => None,
                    },
                    fingerprints,
                    alerts: a
                        .alerts
                        .iter()
                        .map(|al| AlertReport {
                            at: al.at,
                            from: a.role(al.dir).to_owned(),
                            level: al.level.map(|l| name_or_hex(l.name(), l.0.into())),
                            description: al.description.map(|d| name_or_hex(d.name(), d.0.into())),
                        })
                        .collect(),
                    application_data: a.application_data,
                    session: None,
                    peer: k.peer,
                    first: a.first,
                    last: a.last,
                    completed_at: a.complete_at,
                    records: a.records,
                    encrypted_handshake: a.encrypted_handshake,
                    timeline_dropped: a.timeline_dropped,
                    alerts_dropped: a.alerts_dropped,
                }
            })
            .collect()
    }

    /// Findings only known from the whole state: handshakes that never completed.
    pub(crate) fn end_findings(&self) -> Vec<Finding> {
        let mut keys: Vec<(&Key, &Assoc)> = self.assocs.iter().collect();
        keys.sort_by_key(|(k, a)| (a.first.map(|f| f.frame), **k));
        let mut out = Vec::new();
        for (k, a) in keys {
            if a.first_client_hello_ns.is_some() && a.complete_ns.is_none() {
                let last = a.timeline.last().map_or("nothing", |e| e.message);
                out.push(Finding {
                    at: a.first.unwrap_or_default(),
                    severity: Severity::Warning,
                    kind: "dtls-incomplete".to_owned(),
                    ssrc: None,
                    message: format!(
                        "DTLS handshake between {} and {} never completed (last message: {last})",
                        k.flow.src, k.flow.dst
                    ),
                });
            }
        }
        out
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}

/// One handshake message (or fragment) of an epoch-0 record.
fn on_handshake(
    a: &mut Assoc,
    held: &mut usize,
    dir: usize,
    at: At,
    ns: i64,
    hs: &rtcinspect_wire::dtls::Handshake<'_>,
    shared: &mut Shared,
) {
    let msg_type = hs.msg_type();
    let seq = hs.message_seq();
    if msg_type == HandshakeType::CLIENT_HELLO {
        if a.client_dir.is_none() {
            a.client_dir = Some(dir);
        }
        a.first_client_hello_ns.get_or_insert(ns);
    }
    if msg_type == HandshakeType::SERVER_HELLO && a.client_dir.is_none() {
        a.client_dir = Some(1 - dir);
    }
    let mut name = message_name(msg_type);
    match hs.body() {
        Ok(HandshakeBody::Fragment(data)) => {
            if wanted(a, dir, msg_type) {
                reassemble(a, held, dir, hs, data, at, shared);
            }
        }
        Ok(body) => {
            if let HandshakeBody::ServerHello(sh) = &body {
                if sh.is_hello_retry_request() {
                    name = "HelloRetryRequest";
                }
            }
            if wanted(a, dir, msg_type) {
                on_body(a, dir, body, at, shared);
            }
        }
        Err(_) => shared.malformed("dtls: bad handshake body"),
    }
    // Timeline: one event per message (its first fragment), retransmissions marked.
    if hs.fragment_offset() == 0 {
        let bit = usize::from(seq & 0xff);
        let word = &mut a.seen[dir][bit / 64];
        let mask = 1u64 << (bit % 64);
        let again = *word & mask != 0;
        *word |= mask;
        a.push_event(Event {
            at,
            dir,
            message: name,
            message_seq: Some(seq),
            retransmission: again,
        });
    }
}

/// Whether the body of a message of this type from this side is still of interest.
fn wanted(a: &Assoc, dir: usize, t: HandshakeType) -> bool {
    match t {
        HandshakeType::CLIENT_HELLO => a.srtp_offered.is_empty(),
        HandshakeType::SERVER_HELLO => a.cipher_suite.is_none(),
        HandshakeType::CERTIFICATE => a.fingerprints[dir].is_none(),
        _ => false,
    }
}

/// Puts a fragmented ClientHello, ServerHello or Certificate back together in a
/// bounded buffer (one per side); reads the body once it is whole.
fn reassemble(
    a: &mut Assoc,
    held: &mut usize,
    dir: usize,
    hs: &rtcinspect_wire::dtls::Handshake<'_>,
    data: &[u8],
    at: At,
    shared: &mut Shared,
) {
    let total = hs.length() as usize;
    let seq = hs.message_seq();
    if total > MAX_CERTIFICATE_LEN {
        a.reassembly_failures += 1;
        return;
    }
    let same = matches!(
        &a.reassembly[dir],
        Some(r) if r.message_seq == seq && r.msg_type == hs.msg_type() && r.buf.len() == total
    );
    if !same {
        if let Some(old) = a.reassembly[dir].take() {
            *held = held.saturating_sub(old.buf.len());
        }
        if held.saturating_add(total) > MAX_REASSEMBLY_TOTAL {
            a.reassembly_failures += 1;
            return;
        }
        *held += total;
        a.reassembly[dir] = Some(Reassembly {
            message_seq: seq,
            msg_type: hs.msg_type(),
            buf: vec![0; total],
            ranges: Vec::new(),
        });
    }
    let Some(r) = a.reassembly[dir].as_mut() else {
        return;
    };
    match r.add(hs.fragment_offset() as usize, data) {
        Ok(true) => {
            let msg_type = r.msg_type;
            let buf = std::mem::take(&mut r.buf);
            a.reassembly[dir] = None;
            *held = held.saturating_sub(total);
            let body = match msg_type {
                HandshakeType::CLIENT_HELLO => {
                    ClientHello::new_checked(&buf).map(HandshakeBody::ClientHello)
                }
                HandshakeType::SERVER_HELLO => {
                    ServerHello::new_checked(&buf).map(HandshakeBody::ServerHello)
                }
                _ => Certificate::new_checked(&buf).map(HandshakeBody::Certificate),
            };
            match body {
                Ok(body) => on_body(a, dir, body, at, shared),
                Err(_) => shared.malformed("dtls: bad handshake body"),
            }
        }
        Ok(false) => {}
        Err(()) => {
            a.reassembly[dir] = None;
            *held = held.saturating_sub(total);
            a.reassembly_failures += 1;
        }
    }
}

/// A whole ClientHello, ServerHello or Certificate body.
fn on_body(a: &mut Assoc, dir: usize, body: HandshakeBody<'_>, at: At, shared: &mut Shared) {
    match body {
        HandshakeBody::ClientHello(ch) => {
            for ext in ch.extensions() {
                if let Ok(Extension::UseSrtp(srtp)) = ext {
                    a.srtp_offered.extend(srtp.profiles().take(16));
                }
            }
        }
        HandshakeBody::ServerHello(sh) if !sh.is_hello_retry_request() => {
            a.cipher_suite = Some(sh.cipher_suite());
            let mut version = sh.server_version();
            for ext in sh.extensions() {
                match ext {
                    Ok(Extension::UseSrtp(srtp)) => a.srtp_profile = srtp.profiles().next(),
                    Ok(Extension::SupportedVersions(SupportedVersions::Selected(v))) => {
                        version = v;
                    }
                    _ => {}
                }
            }
            a.version = Some(version);
        }
        HandshakeBody::Certificate(c) => set_fingerprint(a, dir, c, at, shared),
        _ => {}
    }
}

fn set_fingerprint(a: &mut Assoc, dir: usize, c: Certificate<'_>, at: At, shared: &mut Shared) {
    let Some(der) = c.certificates().next() else {
        return;
    };
    let fp = fingerprint(der);
    let sdp = shared.sdp.fingerprints();
    if sdp_match(&sdp, &fp) == Some(false) {
        shared.findings.push(
            at,
            Severity::Error,
            "fingerprint-mismatch",
            None,
            format!(
                "the {} certificate of {} has SHA-256 fingerprint {fp}, which no SDP a=fingerprint announces",
                a.role(dir),
                a.ends[dir].map_or_else(|| "?".to_owned(), |e| e.to_string()),
            ),
        );
    }
    a.fingerprints[dir] = Some(fp);
}

/// SHA-256 of DER bytes as upper-case hex joined by `:`.
pub(crate) fn fingerprint(der: &[u8]) -> String {
    let digest = Sha256::digest(der);
    let mut s = String::with_capacity(digest.len() * 3);
    for (i, b) in digest.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        let _ = write!(s, "{b:02X}");
    }
    s
}

/// Whether an SDP `a=fingerprint` announces `value`: `None` when no SDP fingerprint
/// is known.
fn sdp_match(sdp: &[(String, String)], value: &str) -> Option<bool> {
    if sdp.is_empty() {
        return None;
    }
    Some(
        sdp.iter()
            .any(|(alg, v)| alg.eq_ignore_ascii_case("sha-256") && v.eq_ignore_ascii_case(value)),
    )
}

fn alert_finding(a: &Assoc, al: &Alert, p: &Packet<'_>, shared: &mut Shared) {
    let who = format!(
        "{} ({})",
        p.flow.src,
        a.role(usize::from(p.flow.src != p.flow.undirected().src))
    );
    match (al.level, al.description) {
        (Some(level), Some(desc)) => {
            if desc == AlertDescription::CLOSE_NOTIFY {
                return;
            }
            let severity = if level == AlertLevel::FATAL {
                Severity::Error
            } else {
                Severity::Warning
            };
            shared.findings.push(
                al.at,
                severity,
                "dtls-alert",
                None,
                format!(
                    "DTLS {} alert {} from {who}",
                    name_or_hex(level.name(), level.0.into()),
                    name_or_hex(desc.name(), desc.0.into())
                ),
            );
        }
        _ => {
            // An encrypted alert once the handshake is done is most likely
            // close_notify; before, it is a failure we cannot read.
            if a.complete_ns.is_none() {
                shared.findings.push(
                    al.at,
                    Severity::Warning,
                    "dtls-alert",
                    None,
                    format!("encrypted DTLS alert from {who} before the handshake completed"),
                );
            }
        }
    }
}

fn name_or_hex(name: Option<&'static str>, v: u16) -> String {
    match name {
        Some(n) => n.to_owned(),
        None => format!("0x{v:04x}"),
    }
}

fn message_name(t: HandshakeType) -> &'static str {
    match t {
        HandshakeType::HELLO_REQUEST => "HelloRequest",
        HandshakeType::CLIENT_HELLO => "ClientHello",
        HandshakeType::SERVER_HELLO => "ServerHello",
        HandshakeType::HELLO_VERIFY_REQUEST => "HelloVerifyRequest",
        HandshakeType::NEW_SESSION_TICKET => "NewSessionTicket",
        HandshakeType::HELLO_RETRY_REQUEST => "HelloRetryRequest",
        HandshakeType::ENCRYPTED_EXTENSIONS => "EncryptedExtensions",
        HandshakeType::CERTIFICATE => "Certificate",
        HandshakeType::SERVER_KEY_EXCHANGE => "ServerKeyExchange",
        HandshakeType::CERTIFICATE_REQUEST => "CertificateRequest",
        HandshakeType::SERVER_HELLO_DONE => "ServerHelloDone",
        HandshakeType::CERTIFICATE_VERIFY => "CertificateVerify",
        HandshakeType::CLIENT_KEY_EXCHANGE => "ClientKeyExchange",
        HandshakeType::FINISHED => "Finished",
        HandshakeType::CERTIFICATE_STATUS => "CertificateStatus",
        HandshakeType::KEY_UPDATE => "KeyUpdate",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn reassembly_out_of_order_with_overlap() {
        let body: Vec<u8> = (0..100u8).collect();
        let mut r = Reassembly {
            message_seq: 3,
            msg_type: HandshakeType::CERTIFICATE,
            buf: vec![0; 100],
            ranges: Vec::new(),
        };
        assert_eq!(r.add(60, &body[60..]), Ok(false));
        assert_eq!(r.add(0, &body[..30]), Ok(false));
        assert_eq!(r.add(20, &body[20..61]), Ok(true));
        assert_eq!(r.buf, body);
        // A fragment past the announced length is refused.
        assert_eq!(r.add(90, &[0; 20]), Err(()));
    }

    #[test]
    fn sdp_match_needs_a_sha256_line_with_the_value() {
        let fp = "AB:CD";
        assert_eq!(sdp_match(&[], fp), None);
        let sdp = |alg: &str, v: &str| vec![(alg.to_owned(), v.to_owned())];
        // RFC 8122 §5: hex is case-insensitive, and so is the hash name.
        assert_eq!(sdp_match(&sdp("SHA-256", "ab:cd"), fp), Some(true));
        assert_eq!(sdp_match(&sdp("sha-256", "AB:CE"), fp), Some(false));
        // The same hex under another hash function is not a match.
        assert_eq!(sdp_match(&sdp("sha-1", "AB:CD"), fp), Some(false));
    }

    #[test]
    fn fingerprint_of_empty_input() {
        // SHA-256("") = e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855
        assert_eq!(
            fingerprint(b""),
            "E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8:55"
        );
    }
}
