//! TCP: per-direction reassembly, and framing of the byte stream into messages by
//! the RFC 4571 length prefix (ICE-TCP, RFC 6544) or by the STUN / TURN ChannelData
//! length (RFC 8489 §6.2.2, RFC 8656 §12.5).
//!
//! Streams that are neither — text protocols such as SIP, HTTP and WebSocket after an
//! HTTP upgrade — are delivered as *stream chunks* when enabled: a direction whose
//! first bytes are a request or status line (`INVITE sip:`, `POST /`, `HTTP/1.1 `,
//! `SIP/2.0 `...), or that was given up on as not framed, hands out its in-order
//! bytes as they arrive (reordering and retransmissions resolved, bounded as the
//! framed buffers are); the reader of the chunks finds its own message boundaries.
//!
//! Tolerates retransmissions (bytes already seen are dropped), reordering (segments
//! ahead of a gap wait, bounded) and a capture that starts mid-stream (the stream is
//! searched for a message boundary: a STUN magic cookie, or a chain of consistent
//! lengths). A gap that is never filled, or a buffer over its bound, is given up on:
//! framing starts again at the next boundary found.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::ops::Range;

use rtcinspect_wire::{stun, turn};

use crate::{Damage, DamageReason, Diagnostics};

/// The largest framed message: a 16-bit length plus the largest header.
const MAX_MESSAGE: usize = 65535 + 20 + 3;
/// Out-of-order segments one direction may hold.
const MAX_OOO_SEGMENTS: usize = 32;
/// Out-of-order bytes one direction may hold.
const MAX_OOO_BYTES: usize = 128 * 1024;
/// Bytes searched for a boundary before a direction is given up on as not framed.
const GIVE_UP_AFTER: u64 = 1 << 20;
/// How far ahead of the expected sequence number a segment may be and still be
/// taken for reordering rather than a lost stretch.
const MAX_AHEAD: u32 = 1 << 20;
const STUN_MAGIC: [u8; 4] = [0x21, 0x12, 0xa4, 0x42];

/// A direction of a TCP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FlowKey {
    pub(crate) src: SocketAddr,
    pub(crate) dst: SocketAddr,
}

/// How a direction is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// Not decided yet.
    Unknown,
    /// RFC 4571: 16-bit length, then the message.
    Rfc4571,
    /// STUN and ChannelData, each framed by its own length.
    Stun,
    /// Neither (HTTP, SIP...) with stream chunks off: bytes are counted and dropped.
    None,
    /// Not framed, delivered as in-order stream chunks (text protocols).
    Stream,
}

#[derive(Debug)]
struct Flow {
    key: FlowKey,
    last_frame: u64,
    next_seq: Option<u32>,
    buf: Vec<u8>,
    start: usize,
    ooo: Vec<(u32, Vec<u8>)>,
    framing: Framing,
    synced: bool,
    searched: u64,
}

impl Flow {
    fn held(&self) -> usize {
        self.buf.len() + self.ooo.iter().map(|(_, d)| d.len()).sum::<usize>()
    }
}

/// TCP segment flags the reassembly looks at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags {
    pub(crate) syn: bool,
    pub(crate) rst: bool,
}

/// All TCP directions.
#[derive(Debug)]
pub(crate) struct Reassembler {
    flows: Vec<Flow>,
    index: HashMap<FlowKey, usize>,
    bytes: usize,
    max_flows: usize,
    max_bytes: usize,
    /// The direction that may have more messages to frame.
    pending: Option<usize>,
    /// Whether unframed streams are delivered as chunks.
    streams: bool,
}

/// A framed message: which direction, where in its buffer, and its framing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub(crate) flow: usize,
    pub(crate) range: Range<usize>,
    pub(crate) key: FlowKey,
    /// A chunk of an unframed stream, not a framed message.
    pub(crate) stream: bool,
}

impl Reassembler {
    /// `streams`: deliver unframed streams as in-order chunks.
    pub(crate) fn new(max_flows: usize, max_bytes: usize, streams: bool) -> Self {
        Reassembler {
            flows: Vec::new(),
            index: HashMap::new(),
            bytes: 0,
            max_flows: max_flows.max(1),
            max_bytes,
            pending: None,
            streams,
        }
    }

    /// The bytes of a message returned by [`next_message`](Self::next_message).
    pub(crate) fn bytes(&self, m: &Message) -> &[u8] {
        self.flows
            .get(m.flow)
            .and_then(|f| f.buf.get(m.range.clone()))
            .unwrap_or(&[])
    }

    /// Takes in one segment.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn segment(
        &mut self,
        key: FlowKey,
        seq: u32,
        flags: Flags,
        payload: &[u8],
        frame: u64,
        diag: &mut Diagnostics,
    ) {
        self.pending = None;
        if flags.rst {
            self.remove(key);
            return;
        }
        if payload.is_empty() && !flags.syn {
            return;
        }
        let i = self.flow(key, frame, diag);
        let flow = &mut self.flows[i];
        flow.last_frame = frame;
        if flags.syn {
            self.bytes -= flow.held();
            flow.buf.clear();
            flow.start = 0;
            flow.ooo.clear();
            flow.next_seq = Some(seq.wrapping_add(1));
            flow.synced = true;
            flow.searched = 0;
            if matches!(flow.framing, Framing::None | Framing::Stream) {
                flow.framing = Framing::Unknown;
            }
            if payload.is_empty() {
                return;
            }
        }
        diag.tcp.segments += 1;
        let seq = if flags.syn { seq.wrapping_add(1) } else { seq };
        if flow.framing == Framing::None {
            diag.tcp.unframed_bytes += payload.len() as u64;
            flow.next_seq = Some(seq.wrapping_add(payload.len() as u32));
            return;
        }
        let next = *flow.next_seq.get_or_insert(seq);
        let rel = seq.wrapping_sub(next) as i32;
        if rel > 0 {
            if rel as u32 > MAX_AHEAD {
                // Far ahead: a stretch was lost (or the capture skipped): start over.
                diag.tcp.gaps += 1;
                self.reset(i, seq, diag);
                self.append(i, payload, frame, diag);
            } else {
                self.hold(i, seq, payload, frame, diag);
            }
        } else {
            let skip = rel.unsigned_abs() as usize;
            if skip >= payload.len() {
                diag.tcp.retransmissions += 1;
                return;
            }
            if skip > 0 {
                diag.tcp.retransmissions += 1;
            }
            self.append(i, &payload[skip..], frame, diag);
            self.drain_held(i, frame, diag);
        }
        self.pending = Some(i);
    }

    /// The next complete message of the direction the last segment went to.
    pub(crate) fn next_message(&mut self, diag: &mut Diagnostics) -> Option<Message> {
        let i = self.pending?;
        let streams = self.streams;
        let flow = &mut self.flows[i];
        loop {
            if streams && flow.framing == Framing::Unknown && flow.searched == 0 {
                match text_start(&flow.buf[flow.start..]) {
                    Some(true) => {
                        flow.framing = Framing::Stream;
                        flow.synced = true;
                    }
                    // Too short to tell: wait for more bytes.
                    None => {
                        self.pending = None;
                        return None;
                    }
                    Some(false) => {}
                }
            }
            if (!flow.synced || flow.framing == Framing::Unknown) && !find_boundary(flow, diag) {
                self.compact_unsynced(i, diag);
                self.pending = None;
                return None;
            }
            let data = &flow.buf[flow.start..];
            let (skip, len) = match flow.framing {
                Framing::Rfc4571 => {
                    let Some(&[hi, lo]) = data.first_chunk::<2>() else {
                        break;
                    };
                    (2, usize::from(u16::from_be_bytes([hi, lo])))
                }
                Framing::Stun => {
                    if data.len() < 4 {
                        break;
                    }
                    match turn::frame_len(data) {
                        Ok(n) => (0, n),
                        Err(_) => {
                            flow.synced = false;
                            continue;
                        }
                    }
                }
                Framing::Stream => {
                    if data.is_empty() {
                        break;
                    }
                    let range = flow.start..flow.buf.len();
                    flow.start = flow.buf.len();
                    diag.tcp.stream_chunks += 1;
                    diag.tcp.stream_bytes += range.len() as u64;
                    return Some(Message {
                        flow: i,
                        range,
                        key: flow.key,
                        stream: true,
                    });
                }
                Framing::Unknown | Framing::None => break,
            };
            if data.len() < skip + len {
                break;
            }
            let range = flow.start + skip..flow.start + skip + len;
            flow.start += skip + len;
            if len == 0 {
                continue;
            }
            match flow.framing {
                Framing::Rfc4571 => diag.tcp.rfc4571_messages += 1,
                _ => diag.tcp.stun_messages += 1,
            }
            return Some(Message {
                flow: i,
                range,
                key: flow.key,
                stream: false,
            });
        }
        // Everything framed: free the buffer (the last message was used by now).
        let flow = &mut self.flows[i];
        if flow.start == flow.buf.len() {
            self.bytes -= flow.buf.len();
            flow.buf.clear();
            flow.start = 0;
        }
        self.pending = None;
        None
    }

    /// Forgets everything (end of input).
    pub(crate) fn finish(&mut self) {
        self.flows.clear();
        self.index.clear();
        self.bytes = 0;
        self.pending = None;
    }

    fn flow(&mut self, key: FlowKey, frame: u64, diag: &mut Diagnostics) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        if self.flows.len() >= self.max_flows {
            let oldest = self
                .flows
                .iter()
                .enumerate()
                .min_by_key(|(_, f)| f.last_frame)
                .map(|(i, f)| (i, f.key));
            if let Some((_, k)) = oldest {
                self.remove(k);
                diag.tcp.flows_evicted += 1;
            }
        }
        self.flows.push(Flow {
            key,
            last_frame: frame,
            next_seq: None,
            buf: Vec::new(),
            start: 0,
            ooo: Vec::new(),
            framing: Framing::Unknown,
            synced: false,
            searched: 0,
        });
        let i = self.flows.len() - 1;
        self.index.insert(key, i);
        i
    }

    fn remove(&mut self, key: FlowKey) {
        let Some(i) = self.index.remove(&key) else {
            return;
        };
        let flow = self.flows.swap_remove(i);
        self.bytes -= flow.held();
        if let Some(moved) = self.flows.get(i) {
            self.index.insert(moved.key, i);
        }
        self.pending = None;
    }

    fn reset(&mut self, i: usize, seq: u32, diag: &mut Diagnostics) {
        let flow = &mut self.flows[i];
        self.bytes -= flow.held();
        diag.tcp.unframed_bytes += (flow.buf.len() - flow.start) as u64;
        flow.buf.clear();
        flow.start = 0;
        flow.ooo.clear();
        flow.next_seq = Some(seq);
        flow.synced = false;
    }

    fn overflow(&mut self, i: usize, frame: u64, diag: &mut Diagnostics) {
        diag.tcp.overflows += 1;
        diag.damage(Damage {
            frame,
            offset: 0,
            reason: DamageReason::TcpBufferOverflow,
        });
        let next = self.flows[i].next_seq.unwrap_or(0);
        self.reset(i, next, diag);
        self.flows[i].ooo.clear();
    }

    fn append(&mut self, i: usize, data: &[u8], frame: u64, diag: &mut Diagnostics) {
        let flow = &mut self.flows[i];
        if flow.start > 0 {
            flow.buf.drain(..flow.start);
            self.bytes -= flow.start;
            flow.start = 0;
        }
        if flow.buf.len() + data.len() > 2 * MAX_MESSAGE || self.bytes + data.len() > self.max_bytes
        {
            self.overflow(i, frame, diag);
        }
        let flow = &mut self.flows[i];
        flow.buf.extend_from_slice(data);
        self.bytes += data.len();
        flow.next_seq = Some(flow.next_seq.unwrap_or(0).wrapping_add(data.len() as u32));
        if flow.buf.capacity() > 4 * MAX_MESSAGE {
            flow.buf.shrink_to(2 * MAX_MESSAGE);
        }
    }

    fn hold(&mut self, i: usize, seq: u32, payload: &[u8], frame: u64, diag: &mut Diagnostics) {
        diag.tcp.out_of_order += 1;
        let flow = &mut self.flows[i];
        if flow
            .ooo
            .iter()
            .any(|(s, d)| *s == seq && d.len() >= payload.len())
        {
            diag.tcp.retransmissions += 1;
            return;
        }
        let held: usize = flow.ooo.iter().map(|(_, d)| d.len()).sum();
        if flow.ooo.len() >= MAX_OOO_SEGMENTS
            || held + payload.len() > MAX_OOO_BYTES
            || self.bytes + payload.len() > self.max_bytes
        {
            // Give up on the gap: restart at the earliest held segment.
            diag.tcp.gaps += 1;
            let earliest = flow
                .ooo
                .iter()
                .map(|(s, _)| *s)
                .chain([seq])
                .min_by_key(|s| s.wrapping_sub(flow.next_seq.unwrap_or(*s)))
                .unwrap_or(seq);
            let mut held = std::mem::take(&mut flow.ooo);
            self.bytes -= held.iter().map(|(_, d)| d.len()).sum::<usize>();
            self.reset(i, earliest, diag);
            held.push((seq, payload.to_vec()));
            self.bytes += held.iter().map(|(_, d)| d.len()).sum::<usize>();
            self.flows[i].ooo = held;
            self.drain_held(i, frame, diag);
            return;
        }
        flow.ooo.push((seq, payload.to_vec()));
        self.bytes += payload.len();
    }

    fn drain_held(&mut self, i: usize, frame: u64, diag: &mut Diagnostics) {
        loop {
            let flow = &mut self.flows[i];
            let Some(next) = flow.next_seq else { return };
            let Some(k) = flow
                .ooo
                .iter()
                .position(|(s, _)| (s.wrapping_sub(next) as i32) <= 0)
            else {
                return;
            };
            let (s, data) = flow.ooo.swap_remove(k);
            self.bytes -= data.len();
            let skip = next.wrapping_sub(s) as usize;
            if skip < data.len() {
                self.append(i, &data[skip..], frame, diag);
            } else {
                diag.tcp.retransmissions += 1;
            }
        }
    }

    /// Without a boundary, keep only the tail where one may still start.
    fn compact_unsynced(&mut self, i: usize, diag: &mut Diagnostics) {
        let streams = self.streams;
        let flow = &mut self.flows[i];
        let len = flow.buf.len() - flow.start;
        if flow.searched > GIVE_UP_AFTER && flow.framing == Framing::Unknown && streams {
            // Not framed: from here on, the stream is delivered as chunks.
            flow.framing = Framing::Stream;
            flow.synced = true;
            self.pending = Some(i);
            return;
        }
        if flow.searched > GIVE_UP_AFTER && flow.framing == Framing::Unknown {
            flow.framing = Framing::None;
            diag.tcp.unframed_bytes += len as u64;
            self.bytes -= flow.held();
            flow.buf = Vec::new();
            flow.ooo = Vec::new();
            flow.start = 0;
            return;
        }
        if len > MAX_MESSAGE {
            let drop = len - MAX_MESSAGE;
            flow.start += drop;
            diag.tcp.unframed_bytes += drop as u64;
        }
    }
}

/// Looks for a message boundary in the unframed bytes of `flow`; on success moves
/// `start` there, decides the framing if it was unknown, and returns true.
fn find_boundary(flow: &mut Flow, diag: &mut Diagnostics) -> bool {
    let data = &flow.buf[flow.start..];
    if flow.synced && flow.framing != Framing::Unknown {
        return true;
    }
    if flow.framing == Framing::Stream {
        // A stream has no boundaries to find: go on after the gap.
        flow.synced = true;
        return true;
    }
    // At a known boundary (stream start) only the framing is to be decided.
    for p in 0..data.len().saturating_sub(3) {
        let rest = &data[p..];
        let found = match flow.framing {
            Framing::Rfc4571 => rfc4571_at(rest),
            Framing::Stun => stun_at(rest),
            _ => {
                if rfc4571_at(rest) {
                    flow.framing = Framing::Rfc4571;
                    true
                } else if stun_at(rest) {
                    flow.framing = Framing::Stun;
                    true
                } else {
                    false
                }
            }
        };
        if found {
            flow.start += p;
            flow.searched += p as u64;
            diag.tcp.unframed_bytes += p as u64;
            flow.synced = true;
            return true;
        }
    }
    flow.searched += data.len().saturating_sub(3) as u64;
    false
}

/// Whether `b` starts with the request or status line of a text protocol: `HTTP/`,
/// `SIP/`, `RTSP/`, or a method (2–24 upper-case letters, `-` or `_`) followed by a
/// space. `None` when `b` is a prefix of such a start, too short to tell.
fn text_start(b: &[u8]) -> Option<bool> {
    const VERSIONS: [&[u8]; 3] = [b"HTTP/", b"SIP/", b"RTSP/"];
    for v in VERSIONS {
        let n = b.len().min(v.len());
        if b[..n] == v[..n] {
            return if n == v.len() { Some(true) } else { None };
        }
    }
    for (k, &c) in b.iter().enumerate().take(25) {
        match c {
            b'A'..=b'Z' | b'-' | b'_' => {}
            b' ' => return Some(k >= 2),
            _ => return Some(false),
        }
    }
    if b.len() >= 25 { Some(false) } else { None }
}

fn is_stun_header(b: &[u8]) -> bool {
    b.len() >= 8 && b[0] & 0xc0 == 0 && b[4..8] == STUN_MAGIC && b[3] % 4 == 0
}

/// A plausible RFC 4571 frame starts at `b`: a STUN message of exactly the prefixed
/// length, or consistent frames of RTP/RTCP/DTLS, three of them or two that end the
/// buffer.
fn rfc4571_at(b: &[u8]) -> bool {
    let mut at = 0;
    for n in 0..3 {
        let Some(&[hi, lo]) = b.get(at..).and_then(|s| s.first_chunk::<2>()) else {
            return false;
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        let body = &b[at + 2..];
        if n == 0 && is_stun_header(body) {
            return stun::message_len(body) == Some(len);
        }
        let Some(&first) = body.first() else {
            return false;
        };
        // RTP/RTCP (version 2), DTLS (content types 20-63), STUN.
        let plausible = (len >= 12 && first & 0xc0 == 0x80)
            || (len >= 13 && (20..=63).contains(&first))
            || (len >= 20 && is_stun_header(body) && stun::message_len(body) == Some(len));
        if !plausible {
            return false;
        }
        at += 2 + len;
        if at == b.len() && n >= 1 {
            return true;
        }
    }
    at <= b.len()
}

/// A plausible STUN or ChannelData frame starts at `b`: a STUN header with the magic
/// cookie, or consistent ChannelData frames (three, or two that end the buffer, or
/// followed by STUN).
fn stun_at(b: &[u8]) -> bool {
    if is_stun_header(b) {
        return true;
    }
    let mut at = 0;
    for n in 0..3 {
        let rest = b.get(at..).unwrap_or(&[]);
        if n > 0 && is_stun_header(rest) {
            return true;
        }
        if rest.is_empty() && n > 1 {
            return true;
        }
        if rest.len() < 4 || !(0x40..=0x4f).contains(&rest[0]) {
            return false;
        }
        match turn::frame_len(rest) {
            Ok(len) => at += len,
            Err(_) => return false,
        }
    }
    at <= b.len()
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use super::*;

    fn key() -> FlowKey {
        FlowKey {
            src: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 1000),
            dst: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 2000),
        }
    }

    fn stun_msg(attr_len: u16) -> Vec<u8> {
        let mut m = vec![0x00, 0x01];
        m.extend_from_slice(&attr_len.to_be_bytes());
        m.extend_from_slice(&STUN_MAGIC);
        m.extend_from_slice(&[7; 12]);
        m.extend(std::iter::repeat_n(0xab, usize::from(attr_len)));
        m
    }

    fn framed(m: &[u8]) -> Vec<u8> {
        let mut v = (m.len() as u16).to_be_bytes().to_vec();
        v.extend_from_slice(m);
        v
    }

    fn rtp(len: usize) -> Vec<u8> {
        let mut m = vec![0x80, 0x60];
        m.resize(len, 0x11);
        m
    }

    fn collect(r: &mut Reassembler, d: &mut Diagnostics) -> Vec<Vec<u8>> {
        let mut out = vec![];
        while let Some(m) = r.next_message(d) {
            out.push(r.bytes(&m).to_vec());
        }
        out
    }

    #[test]
    fn rfc4571_split_reordered_retransmitted() {
        let mut r = Reassembler::new(8, 1 << 20, true);
        let mut d = Diagnostics::default();
        let stream = [framed(&stun_msg(8)), framed(&rtp(100)), framed(&rtp(40))].concat();
        let syn = Flags {
            syn: true,
            rst: false,
        };
        r.segment(key(), 999, syn, &[], 1, &mut d);
        // Second half first (held), then first half, then a retransmission.
        r.segment(key(), 1000 + 50, Flags::default(), &stream[50..], 2, &mut d);
        assert!(collect(&mut r, &mut d).is_empty());
        r.segment(key(), 1000, Flags::default(), &stream[..50], 3, &mut d);
        let got = collect(&mut r, &mut d);
        assert_eq!(got, vec![stun_msg(8), rtp(100), rtp(40)]);
        r.segment(key(), 1000, Flags::default(), &stream[..30], 4, &mut d);
        assert!(collect(&mut r, &mut d).is_empty());
        assert_eq!(d.tcp.retransmissions, 1);
        assert_eq!(d.tcp.out_of_order, 1);
        assert_eq!(d.tcp.rfc4571_messages, 3);
        assert_eq!(r.bytes, 0);
    }

    #[test]
    fn stun_mid_stream() {
        let mut r = Reassembler::new(8, 1 << 20, true);
        let mut d = Diagnostics::default();
        // Starts in the middle of a message: the tail of one, then STUN, then
        // ChannelData (padded to 4 over TCP).
        let mut cd = vec![0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0];
        let stream = [vec![0x55; 17], stun_msg(4), cd.clone()].concat();
        r.segment(key(), 77, Flags::default(), &stream, 1, &mut d);
        assert_eq!(collect(&mut r, &mut d), vec![stun_msg(4), cd.clone()]);
        assert_eq!(d.tcp.unframed_bytes, 17);
        cd[3] = 4;
        assert_eq!(d.tcp.stun_messages, 2);
    }

    #[test]
    fn not_framed_is_given_up() {
        let mut r = Reassembler::new(8, 1 << 22, false);
        let mut d = Diagnostics::default();
        let junk = vec![b'x'; 1400];
        for k in 0..1000u32 {
            r.segment(
                key(),
                k * 1400,
                Flags::default(),
                &junk,
                u64::from(k),
                &mut d,
            );
            assert!(collect(&mut r, &mut d).is_empty());
        }
        assert!(r.bytes <= MAX_MESSAGE + 1400);
        assert_eq!(r.flows[0].framing, Framing::None);
    }

    #[test]
    fn flow_bound() {
        let mut r = Reassembler::new(2, 1 << 20, true);
        let mut d = Diagnostics::default();
        for port in 0..5u16 {
            let mut k = key();
            k.src.set_port(port);
            r.segment(
                k,
                0,
                Flags::default(),
                &framed(&rtp(20)),
                u64::from(port),
                &mut d,
            );
        }
        assert_eq!(r.flows.len(), 2);
        assert_eq!(d.tcp.flows_evicted, 3);
    }

    #[test]
    fn text_stream_chunks_in_order() {
        let mut r = Reassembler::new(8, 1 << 20, true);
        let mut d = Diagnostics::default();
        let msg = b"INVITE sip:bob@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        let syn = Flags {
            syn: true,
            rst: false,
        };
        r.segment(key(), 99, syn, &[], 1, &mut d);
        // "INV" alone cannot be told from other bytes yet: nothing delivered.
        r.segment(key(), 100, Flags::default(), &msg[..3], 2, &mut d);
        assert!(collect(&mut r, &mut d).is_empty());
        // The tail arrives before the middle: held, then both in order.
        r.segment(key(), 100 + 20, Flags::default(), &msg[20..], 3, &mut d);
        assert!(collect(&mut r, &mut d).is_empty());
        r.segment(key(), 100 + 3, Flags::default(), &msg[3..20], 4, &mut d);
        let got = collect(&mut r, &mut d);
        assert_eq!(got.concat(), msg.to_vec());
        // A retransmission delivers nothing new.
        r.segment(key(), 100, Flags::default(), &msg[..10], 5, &mut d);
        assert!(collect(&mut r, &mut d).is_empty());
        assert_eq!(d.tcp.stream_chunks, 1);
        assert_eq!(d.tcp.stream_bytes, msg.len() as u64);
        assert_eq!(r.bytes, 0);
        // Binary WebSocket frames after the upgrade stay in the stream.
        r.segment(
            key(),
            100 + msg.len() as u32,
            Flags::default(),
            &[0x82, 0x01, 0xff],
            6,
            &mut d,
        );
        assert_eq!(collect(&mut r, &mut d), vec![vec![0x82, 0x01, 0xff]]);
    }

    #[test]
    fn text_start_rule() {
        assert_eq!(text_start(b"HTTP/1.1 200 OK"), Some(true));
        assert_eq!(text_start(b"SIP/2.0 180 Ringing"), Some(true));
        assert_eq!(text_start(b"POST /whip HTTP/1.1"), Some(true));
        assert_eq!(text_start(b"HTT"), None);
        assert_eq!(text_start(b"REGIS"), None);
        assert_eq!(text_start(b"A /"), Some(false));
        assert_eq!(text_start(&[0x00, 0x01, 0x00, 0x08]), Some(false));
        assert_eq!(text_start(&[0x16, 0xfe, 0xfd]), Some(false));
    }

    #[test]
    fn unframed_binary_becomes_stream_after_give_up() {
        let mut r = Reassembler::new(8, 1 << 22, true);
        let mut d = Diagnostics::default();
        let junk = vec![b'x'; 1400];
        let mut delivered = 0;
        for k in 0..1000u32 {
            r.segment(
                key(),
                k * 1400,
                Flags::default(),
                &junk,
                u64::from(k),
                &mut d,
            );
            delivered += collect(&mut r, &mut d).iter().map(Vec::len).sum::<usize>();
        }
        assert_eq!(r.flows[0].framing, Framing::Stream);
        assert!(delivered > 0);
        assert!(r.bytes <= MAX_MESSAGE + 1400);
        // Every byte is either skipped while searching or delivered.
        assert_eq!(d.tcp.unframed_bytes + delivered as u64, 1000 * 1400);
    }
}
