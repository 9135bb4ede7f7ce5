//! The packet list of the Packets view: a compact, bounded index of every datagram
//! (about 40 bytes a row, no payload), the payloads of the most recent datagrams, and
//! the [`Dissector`] that turns one payload into a tree of header fields.
//!
//! The index is built on the worker thread while the capture is read and reaches the
//! UI thread in slices with each snapshot; payloads of older packets are read again
//! from the file when one is selected, so memory does not hold the capture.
//!
//! The dissector is a trait ([`App::with_dissector`]); the default,
//! [`DecodeDissector`], is the analysis crate's per-packet decoder
//! (`rtcinspect_analysis::decode`); [`HeaderDissector`] shows only the fixed headers
//! of RTP, RTCP, STUN and TURN ChannelData.
//!
//! [`App::with_dissector`]: crate::App::with_dissector

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;

use rtcinspect_capture::{Datagram, Transport};
use rtcinspect_wire::demux::{PacketKind, classify};

/// Rows the index holds at most by default (about 80 MB); later packets are counted in
/// [`PacketIndex::dropped`].
pub const DEFAULT_MAX_ROWS: usize = 2_000_000;
/// Distinct 5-tuples named in the index at most; further ones share one entry.
pub const MAX_FLOWS: usize = 65_536;
/// Payloads of the most recent datagrams kept for the detail pane.
pub const RECENT_PAYLOADS: usize = 4096;

/// What a packet row says about its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowInfo {
    /// RTP: SSRC, sequence number, payload type, marker.
    Rtp {
        /// SSRC.
        ssrc: u32,
        /// Sequence number.
        seq: u16,
        /// Payload type.
        pt: u8,
        /// Marker bit.
        marker: bool,
    },
    /// RTCP: the first packet's type and sender SSRC.
    Rtcp {
        /// Packet type of the first packet of the compound.
        packet_type: u8,
        /// Its sender SSRC.
        ssrc: u32,
    },
    /// STUN: the message type field.
    Stun {
        /// Message type (class and method).
        message_type: u16,
    },
    /// Anything else: the demultiplexer's verdict.
    Other(PacketKind),
}

/// One datagram in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketRow {
    /// Position among all datagrams of the input (0-based).
    pub index: u64,
    /// Frame number (1-based, as tshark counts).
    pub frame: u64,
    /// Capture time, ns since the Unix epoch.
    pub timestamp_ns: i64,
    /// Index into [`PacketIndex::flows`] (`u32::MAX` when the flow table was full).
    pub flow: u32,
    /// Payload length.
    pub len: u32,
    /// What the payload is.
    pub info: RowInfo,
}

impl PacketRow {
    /// The SSRC the row is about (RTP sender, RTCP sender), if any.
    pub fn ssrc(&self) -> Option<u32> {
        match self.info {
            RowInfo::Rtp { ssrc, .. } => Some(ssrc),
            _ => None,
        }
    }

    /// A short protocol name.
    pub fn protocol(&self) -> &'static str {
        match self.info {
            RowInfo::Rtp { .. } => "RTP",
            RowInfo::Rtcp { .. } => "RTCP",
            RowInfo::Stun { .. } => "STUN",
            RowInfo::Other(PacketKind::Dtls) => "DTLS",
            RowInfo::Other(PacketKind::TurnChannel) => "TURN-CD",
            RowInfo::Other(PacketKind::Quic) => "QUIC",
            RowInfo::Other(PacketKind::Zrtp) => "ZRTP",
            RowInfo::Other(_) => "UDP/TCP",
        }
    }

    /// A one-line summary, like Wireshark's Info column.
    pub fn summary(&self) -> String {
        match self.info {
            RowInfo::Rtp {
                ssrc,
                seq,
                pt,
                marker,
            } => format!(
                "PT={pt} SSRC=0x{ssrc:08X} Seq={seq}{}",
                if marker { " Mark" } else { "" }
            ),
            RowInfo::Rtcp { packet_type, ssrc } => {
                format!("{} SSRC=0x{ssrc:08X}", rtcp_type_name(packet_type))
            }
            RowInfo::Stun { message_type } => stun_type_name(message_type),
            RowInfo::Other(kind) => kind.name().to_owned(),
        }
    }

    /// Summarises one datagram.
    pub fn new(index: u64, d: &Datagram<'_>, flow: u32) -> Self {
        let p = d.payload;
        let kind = classify(p);
        let info = match kind {
            PacketKind::Rtp if p.len() >= 12 => RowInfo::Rtp {
                ssrc: be32(&p[8..12]),
                seq: u16::from_be_bytes([p[2], p[3]]),
                pt: p[1] & 0x7f,
                marker: p[1] & 0x80 != 0,
            },
            PacketKind::Rtcp if p.len() >= 8 => RowInfo::Rtcp {
                packet_type: p[1],
                ssrc: be32(&p[4..8]),
            },
            PacketKind::Stun if p.len() >= 2 => RowInfo::Stun {
                message_type: u16::from_be_bytes([p[0], p[1]]),
            },
            k => RowInfo::Other(k),
        };
        PacketRow {
            index,
            frame: d.frame,
            timestamp_ns: d.timestamp_ns,
            flow,
            len: p.len().min(u32::MAX as usize) as u32,
            info,
        }
    }
}

fn be32(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u32::from_be_bytes(a)
}

/// A directed 5-tuple of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowKey {
    /// Source.
    pub src: SocketAddr,
    /// Destination.
    pub dst: SocketAddr,
    /// UDP or TCP.
    pub transport: Transport,
}

/// What the worker sends with a snapshot: the rows and flows added since the previous
/// one, and recent payloads.
#[derive(Debug, Clone, Default)]
pub struct PacketDelta {
    /// New rows, in order.
    pub rows: Vec<PacketRow>,
    /// New flows, in order of their ids.
    pub flows: Vec<FlowKey>,
    /// Payloads of recent rows (row index, bytes), at most [`RECENT_PAYLOADS`].
    pub payloads: VecDeque<(u64, Vec<u8>)>,
    /// Rows not indexed because the index was full.
    pub dropped: u64,
}

/// Builds [`PacketDelta`]s on the worker thread.
#[derive(Debug)]
pub struct IndexBuilder {
    flows: HashMap<FlowKey, u32>,
    next_index: u64,
    max_rows: usize,
    rows_sent: usize,
    delta: PacketDelta,
}

impl IndexBuilder {
    /// A builder that indexes at most `max_rows` rows.
    pub fn new(max_rows: usize) -> Self {
        IndexBuilder {
            flows: HashMap::new(),
            next_index: 0,
            max_rows,
            rows_sent: 0,
            delta: PacketDelta::default(),
        }
    }

    /// Adds one datagram.
    pub fn push(&mut self, d: &Datagram<'_>) {
        let index = self.next_index;
        self.next_index += 1;
        if self.rows_sent + self.delta.rows.len() >= self.max_rows {
            self.delta.dropped += 1;
            return;
        }
        let key = FlowKey {
            src: d.source,
            dst: d.destination,
            transport: d.transport,
        };
        let flow = match self.flows.get(&key) {
            Some(&id) => id,
            None if self.flows.len() < MAX_FLOWS => {
                let id = self.flows.len() as u32;
                self.flows.insert(key, id);
                self.delta.flows.push(key);
                id
            }
            None => u32::MAX,
        };
        self.delta.rows.push(PacketRow::new(index, d, flow));
        if self.delta.payloads.len() >= RECENT_PAYLOADS {
            // Reuse the oldest buffer.
            if let Some((_, mut buf)) = self.delta.payloads.pop_front() {
                buf.clear();
                buf.extend_from_slice(d.payload);
                self.delta.payloads.push_back((index, buf));
                return;
            }
        }
        self.delta.payloads.push_back((index, d.payload.to_vec()));
    }

    /// Takes what was added since the last call.
    pub fn take(&mut self) -> PacketDelta {
        let delta = std::mem::take(&mut self.delta);
        self.rows_sent += delta.rows.len();
        delta
    }

    /// Puts back a delta that could not be sent, in front of what came since.
    pub fn put_back(&mut self, mut earlier: PacketDelta) {
        self.rows_sent -= earlier.rows.len();
        earlier.rows.append(&mut self.delta.rows);
        earlier.flows.append(&mut self.delta.flows);
        earlier.payloads.append(&mut self.delta.payloads);
        let excess = earlier.payloads.len().saturating_sub(RECENT_PAYLOADS);
        earlier.payloads.drain(..excess);
        earlier.dropped += self.delta.dropped;
        self.delta = earlier;
    }
}

/// The packet index as the UI thread holds it.
#[derive(Debug, Clone, Default)]
pub struct PacketIndex {
    /// Every indexed row, in capture order.
    pub rows: Vec<PacketRow>,
    /// 5-tuples by id.
    pub flows: Vec<FlowKey>,
    /// Rows not indexed (index full).
    pub dropped: u64,
    /// Payloads of the most recent rows, oldest first.
    pub recent: VecDeque<(u64, Vec<u8>)>,
}

impl PacketIndex {
    /// Appends a delta.
    pub fn apply(&mut self, delta: PacketDelta) {
        self.rows.extend_from_slice(&delta.rows);
        self.flows.extend(delta.flows);
        self.dropped += delta.dropped;
        for p in delta.payloads {
            if self.recent.len() >= RECENT_PAYLOADS {
                self.recent.pop_front();
            }
            self.recent.push_back(p);
        }
    }

    /// The payload of a row if it is among the recent ones.
    pub fn recent_payload(&self, index: u64) -> Option<&[u8]> {
        self.recent
            .iter()
            .rev()
            .find(|(i, _)| *i == index)
            .map(|(_, p)| p.as_slice())
    }

    /// The flow of a row.
    pub fn flow(&self, row: &PacketRow) -> Option<&FlowKey> {
        self.flows.get(row.flow as usize)
    }
}

/// One line of the detail tree: a field or a group of fields, with the bytes it
/// covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeNode {
    /// `Name: value`.
    pub label: String,
    /// Byte range in the payload, `start..end`.
    pub range: Option<(usize, usize)>,
    /// Sub-fields.
    pub children: Vec<TreeNode>,
}

impl TreeNode {
    /// A leaf.
    pub fn leaf(label: impl Into<String>, start: usize, end: usize) -> Self {
        TreeNode {
            label: label.into(),
            range: Some((start, end)),
            children: Vec::new(),
        }
    }

    /// The tree as (depth, node) lines, depth first.
    pub fn flatten<'a>(nodes: &'a [TreeNode], depth: usize, out: &mut Vec<(usize, &'a TreeNode)>) {
        for n in nodes {
            out.push((depth, n));
            TreeNode::flatten(&n.children, depth + 1, out);
        }
    }
}

/// Turns a payload into a tree of header fields for the detail pane.
pub trait Dissector: Send + Sync + std::fmt::Debug {
    /// The tree of one payload. Never panics, whatever the bytes.
    fn dissect(&self, payload: &[u8]) -> Vec<TreeNode>;
}

/// The full per-packet decoder of the analysis crate
/// ([`rtcinspect_analysis::decode`]): RTP with extension elements, every RTCP packet
/// with report blocks and feedback, STUN attributes by name, TURN, DTLS records. The
/// dashboard's default.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeDissector;

impl Dissector for DecodeDissector {
    fn dissect(&self, payload: &[u8]) -> Vec<TreeNode> {
        fn convert(n: rtcinspect_analysis::decode::Node) -> TreeNode {
            TreeNode {
                label: n.label,
                range: None,
                children: n.children.into_iter().map(convert).collect(),
            }
        }
        let decoded = rtcinspect_analysis::decode::decode(payload);
        let mut nodes: Vec<TreeNode> = decoded.tree().into_iter().map(convert).collect();
        if nodes.is_empty() {
            nodes.push(TreeNode {
                label: format!("{} ({} bytes)", decoded.kind, decoded.length),
                range: None,
                children: Vec::new(),
            });
        }
        if let Some(e) = &decoded.error {
            nodes.push(TreeNode {
                label: format!("[{e}]"),
                range: None,
                children: Vec::new(),
            });
        }
        nodes
    }
}

/// A smaller dissector: fixed headers of RTP, RTCP (every packet of a compound),
/// STUN (attributes by type and length) and TURN ChannelData.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeaderDissector;

impl Dissector for HeaderDissector {
    fn dissect(&self, p: &[u8]) -> Vec<TreeNode> {
        let kind = classify(p);
        match kind {
            PacketKind::Rtp if p.len() >= 12 => vec![rtp_tree(p)],
            PacketKind::Rtcp if p.len() >= 4 => vec![rtcp_tree(p)],
            PacketKind::Stun if p.len() >= 20 => vec![stun_tree(p)],
            PacketKind::TurnChannel if p.len() >= 4 => {
                let ch = u16::from_be_bytes([p[0], p[1]]);
                let len = u16::from_be_bytes([p[2], p[3]]);
                let mut node = TreeNode {
                    label: "TURN ChannelData".into(),
                    range: Some((0, p.len())),
                    children: vec![
                        TreeNode::leaf(format!("Channel Number: 0x{ch:04X}"), 0, 2),
                        TreeNode::leaf(format!("Length: {len}"), 2, 4),
                    ],
                };
                let end = (4 + usize::from(len)).min(p.len());
                let mut inner = HeaderDissector.dissect(&p[4..end]);
                shift(&mut inner, 4);
                node.children.extend(inner);
                vec![node]
            }
            _ => vec![TreeNode::leaf(
                format!("{} ({} bytes)", kind.name(), p.len()),
                0,
                p.len(),
            )],
        }
    }
}

fn shift(nodes: &mut [TreeNode], by: usize) {
    for n in nodes {
        if let Some((a, b)) = n.range.as_mut().map(|r| (&mut r.0, &mut r.1)) {
            *a += by;
            *b += by;
        }
        shift(&mut n.children, by);
    }
}

fn rtp_tree(p: &[u8]) -> TreeNode {
    let cc = usize::from(p[0] & 0x0f);
    let mut c = vec![
        TreeNode::leaf(format!("Version: {}", p[0] >> 6), 0, 1),
        TreeNode::leaf(format!("Padding: {}", p[0] & 0x20 != 0), 0, 1),
        TreeNode::leaf(format!("Extension: {}", p[0] & 0x10 != 0), 0, 1),
        TreeNode::leaf(format!("Contributing source identifiers count: {cc}"), 0, 1),
        TreeNode::leaf(format!("Marker: {}", p[1] & 0x80 != 0), 1, 2),
        TreeNode::leaf(format!("Payload type: {}", p[1] & 0x7f), 1, 2),
        TreeNode::leaf(
            format!("Sequence number: {}", u16::from_be_bytes([p[2], p[3]])),
            2,
            4,
        ),
        TreeNode::leaf(format!("Timestamp: {}", be32(&p[4..8])), 4, 8),
        TreeNode::leaf(
            format!(
                "Synchronization Source identifier: 0x{:08X}",
                be32(&p[8..12])
            ),
            8,
            12,
        ),
    ];
    let mut off = 12;
    for i in 0..cc {
        if off + 4 > p.len() {
            c.push(TreeNode::leaf("[truncated CSRC list]", off, p.len()));
            return rtp_node(p, c);
        }
        c.push(TreeNode::leaf(
            format!("CSRC {i}: 0x{:08X}", be32(&p[off..off + 4])),
            off,
            off + 4,
        ));
        off += 4;
    }
    if p[0] & 0x10 != 0 {
        if off + 4 > p.len() {
            c.push(TreeNode::leaf("[truncated header extension]", off, p.len()));
            return rtp_node(p, c);
        }
        let profile = u16::from_be_bytes([p[off], p[off + 1]]);
        let words = usize::from(u16::from_be_bytes([p[off + 2], p[off + 3]]));
        let end = (off + 4 + words * 4).min(p.len());
        c.push(TreeNode {
            label: format!("Header extension: profile 0x{profile:04X}, {words} words"),
            range: Some((off, end)),
            children: vec![
                TreeNode::leaf(format!("Defined by profile: 0x{profile:04X}"), off, off + 2),
                TreeNode::leaf(format!("Length: {words}"), off + 2, off + 4),
            ],
        });
        off = end;
    }
    let pad = if p[0] & 0x20 != 0 {
        usize::from(p[p.len() - 1]).min(p.len() - off)
    } else {
        0
    };
    c.push(TreeNode::leaf(
        format!("Payload: {} bytes", p.len() - off - pad),
        off,
        p.len() - pad,
    ));
    if pad > 0 {
        c.push(TreeNode::leaf(
            format!("Padding: {pad} bytes"),
            p.len() - pad,
            p.len(),
        ));
    }
    rtp_node(p, c)
}

fn rtp_node(p: &[u8], children: Vec<TreeNode>) -> TreeNode {
    TreeNode {
        label: "Real-Time Transport Protocol".into(),
        range: Some((0, p.len())),
        children,
    }
}

fn rtcp_type_name(pt: u8) -> &'static str {
    match pt {
        200 => "Sender Report",
        201 => "Receiver Report",
        202 => "Source description",
        203 => "Goodbye",
        204 => "Application specific",
        205 => "Generic RTP Feedback",
        206 => "Payload-specific Feedback",
        207 => "Extended report",
        _ => "RTCP",
    }
}

fn rtcp_tree(p: &[u8]) -> TreeNode {
    let mut children = Vec::new();
    let mut off = 0;
    while off + 4 <= p.len() && children.len() < 64 {
        let words = usize::from(u16::from_be_bytes([p[off + 2], p[off + 3]]));
        let end = (off + 4 + words * 4).min(p.len());
        let pt = p[off + 1];
        let mut c = vec![
            TreeNode::leaf(format!("Version: {}", p[off] >> 6), off, off + 1),
            TreeNode::leaf(format!("Padding: {}", p[off] & 0x20 != 0), off, off + 1),
            TreeNode::leaf(format!("Count / format: {}", p[off] & 0x1f), off, off + 1),
            TreeNode::leaf(
                format!("Packet type: {} ({pt})", rtcp_type_name(pt)),
                off + 1,
                off + 2,
            ),
            TreeNode::leaf(
                format!("Length: {words} ({} bytes)", (words + 1) * 4),
                off + 2,
                off + 4,
            ),
        ];
        if off + 8 <= end {
            c.push(TreeNode::leaf(
                format!("Sender SSRC: 0x{:08X}", be32(&p[off + 4..off + 8])),
                off + 4,
                off + 8,
            ));
        }
        children.push(TreeNode {
            label: rtcp_type_name(pt).to_owned(),
            range: Some((off, end)),
            children: c,
        });
        if end == off {
            break;
        }
        off = off + 4 + words * 4;
    }
    TreeNode {
        label: "Real-time Transport Control Protocol".into(),
        range: Some((0, p.len())),
        children,
    }
}

fn stun_type_name(t: u16) -> String {
    let method = (t & 0x000f) | ((t & 0x00e0) >> 1) | ((t & 0x3e00) >> 2);
    let class = ((t & 0x0010) >> 4) | ((t & 0x0100) >> 7);
    let m = match method {
        0x001 => "Binding",
        0x003 => "Allocate",
        0x004 => "Refresh",
        0x006 => "Send",
        0x007 => "Data",
        0x008 => "CreatePermission",
        0x009 => "ChannelBind",
        _ => "Method",
    };
    let c = match class {
        0 => "Request",
        1 => "Indication",
        2 => "Success Response",
        _ => "Error Response",
    };
    format!("{m} {c}")
}

fn stun_tree(p: &[u8]) -> TreeNode {
    let t = u16::from_be_bytes([p[0], p[1]]);
    let len = usize::from(u16::from_be_bytes([p[2], p[3]]));
    let mut c = vec![
        TreeNode::leaf(
            format!("Message Type: 0x{t:04X} ({})", stun_type_name(t)),
            0,
            2,
        ),
        TreeNode::leaf(format!("Message Length: {len}"), 2, 4),
        TreeNode::leaf(format!("Message Cookie: 0x{:08X}", be32(&p[4..8])), 4, 8),
        TreeNode::leaf(
            format!(
                "Message Transaction ID: {}",
                p[8..20]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            ),
            8,
            20,
        ),
    ];
    let end = (20 + len).min(p.len());
    let mut off = 20;
    while off + 4 <= end && c.len() < 64 {
        let at = u16::from_be_bytes([p[off], p[off + 1]]);
        let alen = usize::from(u16::from_be_bytes([p[off + 2], p[off + 3]]));
        let aend = (off + 4 + alen).min(end);
        c.push(TreeNode::leaf(
            format!("Attribute 0x{at:04X}: {alen} bytes"),
            off,
            aend,
        ));
        off += 4 + alen.div_ceil(4) * 4;
    }
    TreeNode {
        label: "Session Traversal Utilities for NAT".into(),
        range: Some((0, p.len())),
        children: c,
    }
}

/// Reads the payload of the datagram at `index` (counting datagrams across `paths`
/// in order) again from the files.
pub fn read_payload(paths: &[std::path::PathBuf], index: u64) -> Option<Vec<u8>> {
    use rtcinspect_capture::{Event, FileSource, Source};
    let mut n = 0u64;
    for path in paths {
        let mut source = FileSource::open(path).ok()?;
        while let Ok(Some(event)) = source.next_event() {
            if let Event::Datagram(d) = event {
                if n == index {
                    return Some(d.payload.to_vec());
                }
                n += 1;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rtp_header_fields() {
        // RFC 3550 5.1 layout, written by hand: V=2, M=1, PT=111, seq 0x1234,
        // timestamp 0x00010203, SSRC 0xDEADBEEF, 3 bytes of payload.
        let p = [
            0x80, 0xef, 0x12, 0x34, 0, 1, 2, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3,
        ];
        let tree = HeaderDissector.dissect(&p);
        let mut lines = Vec::new();
        TreeNode::flatten(&tree, 0, &mut lines);
        let labels: Vec<&str> = lines.iter().map(|(_, n)| n.label.as_str()).collect();
        assert!(labels.contains(&"Marker: true"));
        assert!(labels.contains(&"Payload type: 111"));
        assert!(labels.contains(&"Sequence number: 4660"));
        assert!(labels.contains(&"Timestamp: 66051"));
        assert!(labels.contains(&"Synchronization Source identifier: 0xDEADBEEF"));
        assert!(labels.contains(&"Payload: 3 bytes"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for len in 0..64 {
            for first in [0u8, 0x40, 0x80, 0xbf, 0x14, 0xff] {
                let mut p = vec![0xffu8; len];
                if let Some(b) = p.first_mut() {
                    *b = first;
                }
                let _ = HeaderDissector.dissect(&p);
            }
        }
    }

    #[test]
    fn stun_binding_request_name() {
        // RFC 5769 2.1: type 0x0001 is a Binding request; 0x0101 a success response.
        assert_eq!(stun_type_name(0x0001), "Binding Request");
        assert_eq!(stun_type_name(0x0101), "Binding Success Response");
        assert_eq!(stun_type_name(0x0113), "Allocate Error Response");
    }
}
