//! Signalling: SDP from `--sdp` files and from cleartext signalling in the capture
//! (SIP over UDP/TCP/WebSocket, HTTP `application/sdp` bodies as WHIP/WHEP use them,
//! WebSocket JSON messages), paired as offer/answer; and [`SdpContext`], what the
//! other trackers ask of the SDP known.
//!
//! ```text
//!  UDP datagram ──────────── text::parse ─ SIP ───────────────┐
//!  TCP stream chunk ─ per-direction buffer (256 KiB) ─┬─ text::parse ─ SIP, HTTP ─┤
//!                                                     └─ websocket (after 101) ───┤
//!                        WebSocket text ─ SIP (RFC 7118) or json::find_sdp ───────┤
//!                                                    add_sdp ─ dedup, pair, index ┘
//! ```
//!
//! Pairing: SIP per Call-ID (offer in INVITE and answer in 18x/2xx, or offer in 2xx
//! and answer in ACK; UPDATE/PRACK alike); HTTP per connection (offer in the request,
//! answer in the response); WebSocket by the message's `type`, an answer taking the
//! latest open offer from another sender. The same description seen again (SIP
//! retransmission, a signalling server relaying it) is counted, not repeated.
//! Candidates trickled in JSON messages join the sender's latest description.
//! Offers rejected by a failure response are marked; offers neither answered nor
//! rejected become `sdp-unanswered` findings at snapshot time.

mod json;
mod sdp_context;
mod text;
mod websocket;

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rtcinspect_sdp::attr::Candidate;
pub(crate) use sdp_context::SdpContext;
#[cfg(test)]
pub(crate) use sdp_context::index;
pub(crate) use sdp_context::{MediaIndex, SdpEntry};
use text::{Message, Parsed, StartLine};
use websocket::{WsEvent, WsReader};

use crate::context::{Flow, Packet};
use crate::engine::{Config, Shared};
use crate::report::{At, Finding, MediaKind, SdpReport, Severity};

/// A codec as SDP describes it for a payload type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SdpCodec {
    /// Encoding name as written (`opus`, `VP8`, `rtx`...).
    pub(crate) name: String,
    /// Clock rate, Hz.
    pub(crate) clock_rate: u32,
    /// The m-section's media.
    pub(crate) media: MediaKind,
    /// For `rtx`: the payload type it retransmits (`apt`).
    pub(crate) apt: Option<u8>,
    /// The m-section's MID.
    pub(crate) mid: Option<String>,
}

/// Bytes one TCP direction may buffer while a message is incomplete.
pub(crate) const MAX_STREAM_BUFFER: usize = 256 * 1024;
/// TCP directions followed at once.
const MAX_CONNECTIONS: usize = 256;
/// SIP dialogs (Call-IDs) and HTTP connections remembered for pairing.
const MAX_DIALOGS: usize = 1024;
/// Open WebSocket offers remembered for pairing.
const MAX_OPEN_OFFERS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// HTTP or SIP messages.
    Text,
    /// WebSocket frames (after an HTTP 101 upgrade).
    WebSocket,
    /// Neither (TLS, a binary protocol): chunks are ignored until one starts with a
    /// request or status line again.
    Other,
}

#[derive(Debug)]
struct Conn {
    buf: Vec<u8>,
    mode: Mode,
    ws: WsReader,
    last_frame: u64,
}

impl Conn {
    fn new(frame: u64) -> Self {
        Conn {
            buf: Vec::new(),
            mode: Mode::Text,
            ws: WsReader::default(),
            last_frame: frame,
        }
    }
}

/// Offer/answer state of a SIP dialog or an HTTP connection.
#[derive(Debug, Clone, Default)]
struct Negotiation {
    /// The offer waiting for its answer.
    open_offer: Option<usize>,
    /// SIP: the offer each CSeq number carried, and whether a request carried it
    /// (else the response: a late offer), at most 16.
    by_cseq: Vec<(u32, usize, bool)>,
    last_frame: u64,
}

/// Where a description was found.
#[derive(Debug, Clone)]
struct Meta<'a> {
    origin: &'static str,
    p: &'a Packet<'a>,
    kind: Option<&'static str>,
    call_id: Option<String>,
    message: Option<String>,
    /// Extra identity for duplicate detection (SIP: Call-ID, CSeq, start line).
    dedup: String,
}

/// What adding a description gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Added {
    New(usize),
    Duplicate,
    Dropped,
}

/// Finds SDP in signalling.
#[derive(Debug, Default)]
pub(crate) struct SignalTracker {
    conns: HashMap<Flow, Conn>,
    /// SIP dialogs by Call-ID.
    dialogs: HashMap<String, Negotiation>,
    /// HTTP connections (undirected 5-tuple).
    http: HashMap<Flow, Negotiation>,
    /// WebSocket offers not answered yet.
    open_ws_offers: Vec<usize>,
}

impl SignalTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        SignalTracker::default()
    }

    /// A `--sdp` file.
    pub(crate) fn add_sdp_file(&mut self, name: &str, text: &str, shared: &mut Shared) -> bool {
        let mut report = SdpReport {
            origin: "file".into(),
            file: Some(name.to_owned()),
            text: text.to_owned(),
            ..SdpReport::default()
        };
        let (entry, ok) = build(&mut report, shared, hash_of(&("file", name, text)));
        let at = At::default();
        if !ok {
            shared.findings.push(
                at,
                Severity::Warning,
                "sdp-invalid",
                None,
                format!(
                    "{name} is not SDP: {}",
                    entry.report.error.as_deref().unwrap_or("")
                ),
            );
        }
        // RFC 8842 §5.2: only an offer says `a=setup:actpass`; a description with
        // active/passive after a file offer not yet answered answers it.
        let setups: Vec<String> = entry
            .sections
            .iter()
            .filter_map(|s| s.setup.clone())
            .collect();
        let mut entry = entry;
        if setups.iter().any(|s| s == "actpass") {
            entry.report.kind = Some("offer".into());
        } else if !setups.is_empty() {
            let answered: Vec<usize> = shared
                .sdp
                .entries()
                .iter()
                .filter_map(|e| e.report.answers)
                .collect();
            let open = shared.sdp.entries().iter().rposition(|e| {
                e.report.origin == "file" && e.report.kind.as_deref() == Some("offer")
            });
            if let Some(o) = open.filter(|o| !answered.contains(o)) {
                entry.report.kind = Some("answer".into());
                entry.report.answers = Some(o);
            }
        }
        shared.sdp.insert(entry);
        ok
    }

    /// A datagram the demultiplexer did not recognise: SIP, HTTP, WebSocket, or
    /// nothing. Returns the protocol name when it was signalling.
    pub(crate) fn on_other(&mut self, p: &Packet<'_>, shared: &mut Shared) -> Option<&'static str> {
        let data = trim_crlf(p.payload);
        if data.is_empty() {
            // SIP keep-alive (RFC 5626 §3.5.1 CRLF) or nothing.
            return None;
        }
        if !text::looks_like_start(data) {
            return None;
        }
        match text::parse(data, true) {
            Parsed::Complete(msg, _) if msg.start.is_sip() => {
                self.on_sip(&msg, p, shared);
                Some("sip")
            }
            Parsed::Complete(..) => Some("http"),
            Parsed::Incomplete | Parsed::Invalid(_) => {
                shared.malformed("sip: unreadable message");
                None
            }
        }
    }

    /// A chunk of a TCP stream that is not message-framed (the capture layer's
    /// stream chunks): HTTP, SIP or WebSocket, buffered per direction.
    pub(crate) fn on_stream(
        &mut self,
        p: &Packet<'_>,
        shared: &mut Shared,
    ) -> Option<&'static str> {
        let mut conn = match self.conns.remove(&p.flow) {
            Some(c) => c,
            None => {
                if self.conns.len() >= MAX_CONNECTIONS {
                    let oldest = self
                        .conns
                        .iter()
                        .min_by_key(|(_, c)| c.last_frame)
                        .map(|(f, _)| *f);
                    if let Some(f) = oldest {
                        self.conns.remove(&f);
                        shared.malformed("signal: tcp connection evicted");
                    }
                }
                Conn::new(p.frame)
            }
        };
        conn.last_frame = p.frame;
        if conn.buf.len() + p.payload.len() > MAX_STREAM_BUFFER {
            shared.malformed("signal: tcp buffer over 256 KiB");
            conn.buf.clear();
            conn.ws = WsReader::default();
            self.conns.insert(p.flow, conn);
            return None;
        }
        conn.buf.extend_from_slice(p.payload);
        let mut proto = None;
        loop {
            match conn.mode {
                Mode::Text => {
                    let skip = conn.buf.len() - trim_crlf(&conn.buf).len();
                    conn.buf.drain(..skip);
                    if conn.buf.is_empty() {
                        break;
                    }
                    let line_known = conn.buf.len() >= 512 || conn.buf.contains(&b'\n');
                    if !conn.buf[0].is_ascii_uppercase()
                        || line_known && !text::looks_like_start(&conn.buf)
                    {
                        shared.malformed("signal: tcp stream is not HTTP, SIP or WebSocket");
                        conn.mode = Mode::Other;
                        conn.buf.clear();
                        break;
                    }
                    match text::parse(&conn.buf, false) {
                        Parsed::Complete(msg, used) => {
                            let upgrade = self.on_text(&msg, p, shared);
                            proto = Some(if msg.start.is_sip() { "sip" } else { "http" });
                            conn.buf.drain(..used);
                            if upgrade {
                                conn.mode = Mode::WebSocket;
                                if let Some(other) = self.conns.get_mut(&p.flow.reversed()) {
                                    other.mode = Mode::WebSocket;
                                    other.buf.clear();
                                } else {
                                    let mut other = Conn::new(p.frame);
                                    other.mode = Mode::WebSocket;
                                    self.conns.insert(p.flow.reversed(), other);
                                }
                            }
                        }
                        Parsed::Incomplete => break,
                        Parsed::Invalid(reason) => {
                            if text::looks_like_start(&conn.buf) {
                                shared.malformed(reason_key(reason));
                            } else {
                                shared
                                    .malformed("signal: tcp stream is not HTTP, SIP or WebSocket");
                                conn.mode = Mode::Other;
                            }
                            conn.buf.clear();
                            break;
                        }
                    }
                }
                Mode::Other => {
                    if text::looks_like_start(&conn.buf) {
                        conn.mode = Mode::Text;
                        continue;
                    }
                    conn.buf.clear();
                    break;
                }
                Mode::WebSocket => {
                    let mut events = Vec::new();
                    let used = conn.ws.read(&conn.buf, &mut events);
                    conn.buf.drain(..used);
                    proto = Some("websocket");
                    for e in events {
                        match e {
                            WsEvent::Text(t) => self.on_ws_text(&t, p, shared),
                            WsEvent::Skipped(r) => shared.malformed(if r == "compressed message" {
                                "websocket: compressed message (permessage-deflate) not read"
                            } else {
                                "websocket: message over 256 KiB skipped"
                            }),
                            WsEvent::Close => {}
                        }
                    }
                    break;
                }
            }
        }
        self.conns.insert(p.flow, conn);
        proto
    }

    /// The descriptions, in the order seen.
    pub(crate) fn snapshot(&self, shared: &Shared) -> Vec<SdpReport> {
        shared
            .sdp
            .entries()
            .iter()
            .map(|e| e.report.clone())
            .collect()
    }

    /// Findings computed at snapshot time: offers without an answer.
    pub(crate) fn snapshot_findings(&self, shared: &Shared) -> Vec<Finding> {
        let entries = shared.sdp.entries();
        let answered: Vec<usize> = entries.iter().filter_map(|e| e.report.answers).collect();
        entries
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                e.report.kind.as_deref() == Some("offer")
                    && e.report.rejected.is_none()
                    && !answered.contains(i)
            })
            .map(|(i, e)| Finding {
                at: e.report.at.unwrap_or_default(),
                severity: Severity::Warning,
                kind: "sdp-unanswered".into(),
                ssrc: None,
                message: format!(
                    "SDP offer #{i} ({}{}) has no answer in the capture",
                    e.report.origin,
                    e.report
                        .message
                        .as_deref()
                        .map(|m| format!(" {m}"))
                        .unwrap_or_default()
                ),
            })
            .collect()
    }

    /// An HTTP or SIP message from a TCP stream. Returns true when it switches the
    /// connection to WebSocket (101 with `Upgrade: websocket`).
    fn on_text(&mut self, msg: &Message<'_>, p: &Packet<'_>, shared: &mut Shared) -> bool {
        if msg.start.is_sip() {
            self.on_sip(msg, p, shared);
            return false;
        }
        self.on_http(msg, p, shared)
    }

    fn on_http(&mut self, msg: &Message<'_>, p: &Packet<'_>, shared: &mut Shared) -> bool {
        let key = p.flow.undirected();
        let upgrade = matches!(msg.start, StartLine::Status { code: 101, .. })
            && msg
                .header("upgrade")
                .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
        let ct = msg.content_type().unwrap_or_default();
        let (is_request, message) = match msg.start {
            StartLine::Request { method, target, .. } => (true, format!("{method} {target}")),
            StartLine::Status { code, reason, .. } => (false, format!("{code} {reason}")),
        };
        if let StartLine::Status { code, reason, .. } = msg.start {
            if code >= 400 {
                let neg = bounded_entry(&mut self.http, key, p.frame);
                if let Some(o) = neg.open_offer.take() {
                    if let Some(e) = shared.sdp.entry_mut(o) {
                        e.report.rejected = Some(format!("{code} {reason}"));
                    }
                }
            }
        }
        let Ok(body) = std::str::from_utf8(&msg.body) else {
            return upgrade;
        };
        let found: Vec<(String, Option<&'static str>)> =
            if ct == "application/sdp" || json::is_sdp(body) {
                vec![(body.to_owned(), None)]
            } else if ct.contains("json") {
                self.on_trickle(body, p, shared);
                json::find_sdp(body)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| (f.sdp, f.kind))
                    .collect()
            } else {
                Vec::new()
            };
        for (sdp, said) in found {
            let neg = bounded_entry(&mut self.http, key, p.frame);
            let open = neg.open_offer;
            // A request carries the offer (WHIP/WHEP POST); a response answers it, or
            // offers when the request had none.
            let kind = said.or(Some(if !is_request && open.is_some() {
                "answer"
            } else {
                "offer"
            }));
            let meta = Meta {
                origin: "http",
                p,
                kind,
                call_id: None,
                message: Some(message.clone()),
                dedup: format!("{:?}", key),
            };
            if let Added::New(i) = self.add(&sdp, meta, shared) {
                self.link(i, kind, open, shared);
                let neg = bounded_entry(&mut self.http, key, p.frame);
                match kind {
                    Some("offer") => neg.open_offer = Some(i),
                    Some("answer") => neg.open_offer = None,
                    _ => {}
                }
            }
        }
        upgrade
    }

    fn on_sip(&mut self, msg: &Message<'_>, p: &Packet<'_>, shared: &mut Shared) {
        let call_id = msg.header("call-id").unwrap_or("").to_owned();
        let cseq = msg.header("cseq").unwrap_or("");
        let mut cs = cseq.split_whitespace();
        let cseq_num: u32 = cs.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let cseq_method = cs.next().unwrap_or("");
        // The offer this transaction carried (RFC 3264 §4: at most one per
        // transaction), and whether a request (not a response) carried it.
        // Only INVITE, UPDATE and PRACK transactions negotiate (ACK shares the
        // INVITE's number; CANCEL and BYE do not).
        let negotiating = matches!(cseq_method, "INVITE" | "UPDATE" | "PRACK" | "ACK");
        let prior = self
            .dialogs
            .get(&call_id)
            .and_then(|d| d.by_cseq.iter().find(|c| c.0 == cseq_num).copied())
            .filter(|_| negotiating);
        if let StartLine::Status { code, reason, .. } = msg.start {
            if code >= 300 {
                // A final failure response rejects the request's offer.
                if let Some((_, offer, true)) = prior {
                    if let Some(e) = shared.sdp.entry_mut(offer) {
                        e.report
                            .rejected
                            .get_or_insert_with(|| format!("{code} {reason}"));
                    }
                }
                return;
            }
        }
        let ct = msg.content_type().unwrap_or_default();
        let Ok(body) = std::str::from_utf8(&msg.body) else {
            return;
        };
        let sdp = if ct == "application/sdp" || json::is_sdp(body) {
            body
        } else if ct.starts_with("multipart/") {
            // The application/sdp part of a multipart body (RFC 5621): from its
            // `v=0` to the next boundary.
            match body.find("\nv=0") {
                Some(n) => {
                    let part = &body[n + 1..];
                    let end = part.find("\r\n--").or_else(|| part.find("\n--"));
                    &part[..end.unwrap_or(part.len())]
                }
                None => return,
            }
        } else {
            return;
        };
        let open = self.dialogs.get(&call_id).and_then(|d| d.open_offer);
        // (kind, the offer answered, whether this is an offer from a request)
        let (kind, answered, message) = match msg.start {
            StartLine::Request { method, .. } => match (method, prior) {
                // Offer in the 2xx, answer in the ACK (RFC 3261 §13.2.1).
                ("ACK", Some((_, o, false))) => ("answer", Some(o), method.to_owned()),
                ("ACK" | "PRACK", _) if open.is_some() => ("answer", open, method.to_owned()),
                _ => ("offer", None, method.to_owned()),
            },
            StartLine::Status { code, reason, .. } => {
                let message = format!("{code} {reason} ({cseq_method})");
                match prior {
                    Some((_, o, true)) if code < 200 => ("pranswer", Some(o), message),
                    Some((_, o, true)) => ("answer", Some(o), message),
                    _ => ("offer", None, message),
                }
            }
        };
        let meta = Meta {
            origin: "sip",
            p,
            kind: Some(kind),
            call_id: (!call_id.is_empty()).then(|| call_id.clone()),
            message: Some(message),
            // A proxy relaying the message is the same description; a B2BUA that
            // rewrites it makes a new one.
            dedup: format!(
                "{call_id}\n{cseq}\n{}",
                match msg.start {
                    StartLine::Request { method, .. } => method.to_owned(),
                    StartLine::Status { code, .. } => code.to_string(),
                }
            ),
        };
        if let Added::New(i) = self.add(sdp, meta, shared) {
            self.link(i, Some(kind), answered, shared);
            let d = bounded_entry(&mut self.dialogs, call_id, p.frame);
            if kind == "offer" && prior.is_none() {
                if d.by_cseq.len() >= 16 {
                    d.by_cseq.remove(0);
                }
                d.by_cseq
                    .push((cseq_num, i, matches!(msg.start, StartLine::Request { .. })));
            }
            match kind {
                "offer" => d.open_offer = Some(i),
                "answer" if d.open_offer == answered => d.open_offer = None,
                _ => {}
            }
        }
    }

    fn on_ws_text(&mut self, bytes: &[u8], p: &Packet<'_>, shared: &mut Shared) {
        // SIP over WebSocket (RFC 7118): one SIP message per WebSocket message.
        if text::looks_like_start(bytes) {
            if let Parsed::Complete(msg, _) = text::parse(bytes, true) {
                if msg.start.is_sip() {
                    self.on_sip(&msg, p, shared);
                }
            }
            return;
        }
        let Ok(t) = std::str::from_utf8(bytes) else {
            return;
        };
        let found: Vec<(String, Option<&'static str>)> = if json::is_sdp(t) {
            vec![(t.to_owned(), None)]
        } else {
            json::find_sdp(t)
                .unwrap_or_default()
                .into_iter()
                .map(|f| (f.sdp, f.kind))
                .collect()
        };
        self.on_trickle(t, p, shared);
        for (sdp, kind) in found {
            // The latest open offer sent by someone else.
            let open = self
                .open_ws_offers
                .iter()
                .rev()
                .copied()
                .find(|&i| {
                    shared
                        .sdp
                        .entries()
                        .get(i)
                        .is_some_and(|e| e.report.from != Some(p.flow.src))
                })
                .or_else(|| self.open_ws_offers.last().copied());
            let meta = Meta {
                origin: "websocket",
                p,
                kind,
                call_id: None,
                message: None,
                dedup: kind.unwrap_or("").to_owned(),
            };
            if let Added::New(i) = self.add(&sdp, meta, shared) {
                match kind {
                    Some("offer") => {
                        if self.open_ws_offers.len() >= MAX_OPEN_OFFERS {
                            self.open_ws_offers.remove(0);
                        }
                        self.open_ws_offers.push(i);
                    }
                    Some("answer") => {
                        self.link(i, kind, open, shared);
                        self.open_ws_offers.retain(|&o| Some(o) != open);
                    }
                    Some(_) => self.link(i, kind, open, shared),
                    None => {}
                }
            }
        }
    }

    /// Candidates trickled after a description (RFC 8838): their addresses join the
    /// latest description sent from the same address, so flows to them are tied to
    /// it (codec lookups by address, sessions).
    fn on_trickle(&mut self, text: &str, p: &Packet<'_>, shared: &mut Shared) {
        for t in json::find_candidates(text) {
            let Ok(c) = Candidate::parse(Some(&t.candidate)) else {
                continue;
            };
            let Ok(ip) = c.address.parse::<std::net::IpAddr>() else {
                continue;
            };
            let addr = std::net::SocketAddr::new(ip, c.port);
            let Some(i) = shared
                .sdp
                .entries()
                .iter()
                .rposition(|e| e.report.from == Some(p.flow.src))
            else {
                continue;
            };
            shared.sdp.add_endpoint(i, t.mid.as_deref(), t.mline, addr);
            if let Some(e) = shared.sdp.entry_mut(i) {
                if e.report.trickled.len() < 32 && !e.report.trickled.contains(&t.candidate) {
                    e.report.trickled.push(t.candidate);
                }
            }
        }
    }

    /// Records that description `i` (an answer or provisional answer) answers `open`.
    fn link(&self, i: usize, kind: Option<&str>, open: Option<usize>, shared: &mut Shared) {
        if !matches!(kind, Some("answer" | "pranswer")) {
            return;
        }
        if let (Some(o), Some(e)) = (open, shared.sdp.entry_mut(i)) {
            e.report.answers = Some(o);
        }
    }

    /// Adds a description found in the capture.
    fn add(&mut self, text: &str, meta: Meta<'_>, shared: &mut Shared) -> Added {
        let key = hash_of(&(meta.origin, text, &meta.dedup));
        if let Some(i) = shared.sdp.find_key(key) {
            // The hash covers origin, text and the message identity; the text is
            // compared too, so a hash collision cannot hide a description.
            if let Some(e) = shared.sdp.entry_mut(i).filter(|e| e.report.text == text) {
                e.report.duplicates += 1;
                return Added::Duplicate;
            }
        }
        let p = meta.p;
        let mut report = SdpReport {
            origin: meta.origin.into(),
            at: Some(p.at()),
            from: Some(p.flow.src),
            to: Some(p.flow.dst),
            transport: Some(p.flow.transport.name().into()),
            kind: meta.kind.map(Into::into),
            call_id: meta.call_id,
            message: meta.message,
            text: text.to_owned(),
            ..SdpReport::default()
        };
        let (entry, ok) = build(&mut report, shared, key);
        let where_ = format!(
            "{}{} in frame {}",
            meta.origin,
            entry
                .report
                .message
                .as_deref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default(),
            p.frame
        );
        if !ok {
            shared.findings.push(
                p.at(),
                Severity::Warning,
                "sdp-invalid",
                None,
                format!(
                    "SDP in {where_} does not parse: {}",
                    entry.report.error.as_deref().unwrap_or("")
                ),
            );
        }
        match shared.sdp.insert(entry) {
            Some(i) => Added::New(i),
            None => Added::Dropped,
        }
    }
}

/// Whether a datagram starts with the start line of a text protocol (SIP, HTTP),
/// which the RFC 7983 demultiplexer would take for TURN ChannelData or QUIC. Cheap:
/// the first byte is checked before anything else.
pub(crate) fn is_text_start(payload: &[u8]) -> bool {
    let b = trim_crlf(payload);
    b.first().is_some_and(u8::is_ascii_uppercase) && text::looks_like_start(b)
}

/// Fills `report` from its text and makes the index entry; the bool is false when
/// the text is not SDP. Lints worth it become a finding.
fn build(report: &mut SdpReport, shared: &mut Shared, key: u64) -> (SdpEntry, bool) {
    let (sections, ok) = match sdp_context::index(&report.text) {
        Ok(ix) => {
            report.media = ix.media;
            report.ice_ufrag = ix.sections.iter().find_map(|s| s.ice_ufrag.clone());
            for s in &ix.sections {
                for (h, v) in &s.fingerprints {
                    let f = format!("{h} {v}");
                    if !report.fingerprints.contains(&f) {
                        report.fingerprints.push(f);
                    }
                }
            }
            let serious: Vec<&str> = ix
                .lint
                .iter()
                .filter(|(_, w)| *w)
                .map(|(l, _)| l.as_str())
                .collect();
            if !serious.is_empty() {
                let what = match (&report.file, report.at) {
                    (Some(f), _) => f.clone(),
                    (None, Some(at)) => format!("{} SDP in frame {}", report.origin, at.frame),
                    (None, None) => report.origin.clone(),
                };
                shared.findings.push(
                    report.at.unwrap_or_default(),
                    Severity::Warning,
                    "sdp-lint",
                    None,
                    format!("{what}: {}", serious.join("; ")),
                );
            }
            report.lint = ix.lint.into_iter().map(|(l, _)| l).collect();
            (ix.sections, true)
        }
        Err(e) => {
            report.error = Some(e);
            (Vec::new(), false)
        }
    };
    (
        SdpEntry {
            report: report.clone(),
            sections,
            key,
        },
        ok,
    )
}

fn hash_of<T: Hash>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn trim_crlf(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .take_while(|c| **c == b'\r' || **c == b'\n')
        .count();
    &b[n..]
}

fn reason_key(reason: &'static str) -> &'static str {
    match reason {
        "no end of header" => "signal: header over 64 KiB",
        "body too large" => "signal: body over 256 KiB",
        "bad Content-Length" => "signal: bad Content-Length",
        "bad chunk size" | "bad chunk size line" => "signal: bad chunked encoding",
        _ => "signal: unreadable HTTP/SIP message",
    }
}

/// The entry for `key`, evicting the least recently used when the map is full.
fn bounded_entry<K: Hash + Eq + Clone>(
    map: &mut HashMap<K, Negotiation>,
    key: K,
    frame: u64,
) -> &mut Negotiation {
    if !map.contains_key(&key) && map.len() >= MAX_DIALOGS {
        let oldest = map
            .iter()
            .min_by_key(|(_, n)| n.last_frame)
            .map(|(k, _)| k.clone());
        if let Some(k) = oldest {
            map.remove(&k);
        }
    }
    let n = map.entry(key).or_default();
    n.last_frame = frame;
    n
}
