//! Per-packet decoding: what one datagram is, with its header fields, as an owned,
//! serde-serialisable value ([`Decoded`]) and as a tree ([`Decoded::tree`]) for a
//! packet-detail view.
//!
//! Classification is [`rtcinspect_wire::demux::classify`] (RFC 7983 / RFC 9443
//! first-byte rules, RTP vs RTCP by RFC 5761 packet type); TURN ChannelData and
//! STUN Send/Data indications are unwrapped and their inner datagram decoded too
//! (one level). A datagram whose first byte falls in QUIC's range (80–127) but that
//! is exactly one ChannelData message of an RFC 5766 channel number (up to 0x7FFF)
//! is decoded as ChannelData. Nothing here panics on any input, and every list is bounded by the
//! size of the datagram.
//!
//! ```
//! use rtcinspect_analysis::decode::decode;
//!
//! // RTP, PT 111, seq 0x1234, timestamp 0, SSRC 1, marker set.
//! let d = decode(&[0x80, 0xef, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 1, 0xaa]);
//! assert_eq!(d.kind, "rtp");
//! let rtp = d.rtp.as_ref().unwrap();
//! assert_eq!((rtp.ssrc, rtp.seq, rtp.pt, rtp.marker, rtp.payload_len), (1, 0x1234, 111, true, 1));
//! assert_eq!(d.summary(), "PT=111, SSRC=0x00000001, Seq=4660, Time=0, Mark, 1 bytes");
//! ```

use std::fmt::Write as _;

use rtcinspect_wire::demux::{PacketKind, classify};
use rtcinspect_wire::dtls::{AnyRecord, ContentType, ProtocolVersion, Records};
use rtcinspect_wire::rtcp::SdesItemType;
use rtcinspect_wire::rtcp::fb::{PayloadFeedbackFci, RtpFeedbackFci};
use rtcinspect_wire::rtcp::{Compound, RtcpPacket};
use rtcinspect_wire::rtp::RtpPacket;
use rtcinspect_wire::stun::{Attribute, Message};
use rtcinspect_wire::turn::ChannelData;
use serde::{Deserialize, Serialize};

/// At most this many bytes of a value are shown as hex (extension elements, unknown
/// attributes); longer values are cut and marked with `…`.
pub const MAX_HEX_BYTES: usize = 64;

/// One datagram, decoded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Decoded {
    /// What it is: `rtp`, `rtcp`, `stun`, `turn-channel`, `dtls`, `zrtp`, `quic`,
    /// `unknown` (the demultiplexer's names).
    pub kind: String,
    /// Datagram length, bytes.
    pub length: usize,
    /// Why the headers could not be (fully) read, if they could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// RTP header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtp: Option<RtpHeader>,
    /// RTCP packets of the compound, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtcp: Option<Vec<RtcpInfo>>,
    /// STUN message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stun: Option<StunInfo>,
    /// TURN ChannelData.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<ChannelDataInfo>,
    /// DTLS records of the datagram, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dtls: Option<Vec<DtlsRecordInfo>>,
}

/// An RTP header ([RFC 3550 §5.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.1)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RtpHeader {
    /// Synchronisation source.
    pub ssrc: u32,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Payload type.
    pub pt: u8,
    /// Marker bit.
    pub marker: bool,
    /// Contributing sources.
    pub csrcs: Vec<u32>,
    /// The header extension's profile (`0xbede` one-byte, `0x100x` two-byte), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_profile: Option<u16>,
    /// Header extension elements (RFC 8285).
    pub extensions: Vec<ExtensionElement>,
    /// Header length: fixed header, CSRCs, extension, bytes.
    pub header_len: usize,
    /// Payload length (padding excluded), bytes.
    pub payload_len: usize,
    /// Padding length, bytes (0 when the P bit is clear or the padding could not be
    /// read, as with SRTP).
    pub padding_len: usize,
}

/// One header extension element.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionElement {
    /// Extension ID.
    pub id: u8,
    /// Value length, bytes.
    pub len: usize,
    /// Value as lower-case hex (at most [`MAX_HEX_BYTES`] bytes, then `…`).
    pub value: String,
}

/// One RTCP packet of a compound.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RtcpInfo {
    /// Packet type (200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, 205 RTPFB, 206
    /// PSFB, 207 XR).
    pub pt: u8,
    /// Short name: `sr`, `rr`, `sdes`, `bye`, `app`, `nack`, `tmmbr`, `tmmbn`,
    /// `twcc`, `ccfb` (RFC 8888), `rtpfb`, `pli`, `sli`, `rpsi`, `fir`, `remb`,
    /// `afb`, `psfb`, `xr`, `unknown`.
    pub name: String,
    /// The 5-bit count / feedback message type field.
    pub fmt: u8,
    /// Packet length in bytes (header included).
    pub length: usize,
    /// The sender's SSRC (SR, RR, feedback, XR, APP), or the first SSRC of SDES/BYE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_ssrc: Option<u32>,
    /// Feedback: the media source SSRC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_ssrc: Option<u32>,
    /// SR sender info.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_info: Option<SenderInfo>,
    /// SR/RR report blocks.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub report_blocks: Vec<ReportBlock>,
    /// NACK: `(pid, blp)` pairs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub nack_pairs: Vec<(u16, u16)>,
    /// NACK: the sequence numbers reported lost.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub nack_lost: Vec<u16>,
    /// FIR entries: `(ssrc, command sequence number)`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub fir: Vec<(u32, u8)>,
    /// REMB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remb: Option<Remb>,
    /// Transport-wide CC feedback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub twcc: Option<Twcc>,
    /// BYE: the SSRCs leaving.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub bye_ssrcs: Vec<u32>,
    /// BYE: the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bye_reason: Option<String>,
    /// SDES chunks.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sdes: Vec<SdesChunk>,
    /// APP: name (4 characters) and subtype.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<(String, u8)>,
    /// XR: block types.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub xr_blocks: Vec<u8>,
    /// Why the body could not be read, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// SR sender info ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderInfo {
    /// NTP timestamp, 64-bit fixed point.
    pub ntp: u64,
    /// RTP timestamp.
    pub rtp_timestamp: u32,
    /// Sender's packet count.
    pub packet_count: u32,
    /// Sender's octet count.
    pub octet_count: u32,
}

/// A report block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportBlock {
    /// The source reported on.
    pub ssrc: u32,
    /// Fraction lost, /256.
    pub fraction_lost: u8,
    /// Cumulative lost (signed 24 bits).
    pub cumulative_lost: i32,
    /// Extended highest sequence number received.
    pub highest_seq: u32,
    /// Interarrival jitter, timestamp units.
    pub jitter: u32,
    /// Last SR (middle 32 bits of its NTP timestamp).
    pub lsr: u32,
    /// Delay since last SR, 1/65536 s.
    pub dlsr: u32,
}

/// REMB ([draft-alvestrand-rmcat-remb](https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remb {
    /// Estimated bitrate, bits/s.
    pub bitrate: u64,
    /// SSRCs it applies to.
    pub ssrcs: Vec<u32>,
}

/// Transport-wide congestion control feedback
/// ([draft-holmer-rmcat-transport-wide-cc-extensions-01](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Twcc {
    /// Base sequence number.
    pub base_seq: u16,
    /// Packet status count.
    pub status_count: u16,
    /// Reference time, multiples of 64 ms (signed 24 bits).
    pub reference_time: i32,
    /// Feedback packet count.
    pub fb_count: u8,
    /// Packets reported received.
    pub received: u16,
    /// Packets reported not received.
    pub lost: u16,
}

/// An SDES chunk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdesChunk {
    /// Its SSRC.
    pub ssrc: u32,
    /// Items as `(type name, value)` (`cname`, `name`, `tool`, `mid`, ... or the
    /// number).
    pub items: Vec<(String, String)>,
}

/// A STUN message ([RFC 8489](https://www.rfc-editor.org/rfc/rfc8489)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StunInfo {
    /// The 16-bit message type field.
    pub message_type: u16,
    /// Class: `request`, `indication`, `success response`, `error response`.
    pub class: String,
    /// Method name (`Binding`, `Allocate`, ...).
    pub method: String,
    /// Transaction ID, lower-case hex (12 bytes, or 16 for RFC 3489 messages).
    pub transaction_id: String,
    /// The message length field.
    pub length: u16,
    /// Attributes in order.
    pub attributes: Vec<StunAttribute>,
    /// The datagram a Send or Data indication carries, decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relayed: Option<Box<Decoded>>,
}

/// One STUN attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StunAttribute {
    /// Type code.
    pub code: u16,
    /// Name (`USERNAME`, `XOR-MAPPED-ADDRESS`, ...) or the hex code.
    pub name: String,
    /// Value length, bytes.
    pub len: usize,
    /// The value for people: addresses, strings, numbers; hex for the rest.
    pub value: String,
}

/// TURN ChannelData ([RFC 8656 §12.4](https://www.rfc-editor.org/rfc/rfc8656#section-12.4)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelDataInfo {
    /// Channel number.
    pub channel: u16,
    /// The length field.
    pub length: usize,
    /// True when padded to a multiple of 4.
    pub padded: bool,
    /// The application data, decoded.
    pub inner: Box<Decoded>,
}

/// One DTLS record ([RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1),
/// [RFC 9147 §4](https://www.rfc-editor.org/rfc/rfc9147#section-4) unified header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DtlsRecordInfo {
    /// Content type (20 change_cipher_spec, 21 alert, 22 handshake, 23
    /// application_data, 25 tls12_cid); `None` for a DTLS 1.3 unified header.
    pub content_type: Option<u8>,
    /// Content type name, or `ciphertext` for a unified header.
    pub content: String,
    /// Record version (`0xfefd` DTLS 1.2, `0xfeff` DTLS 1.0); `None` for a unified
    /// header.
    pub version: Option<u16>,
    /// Epoch (for a unified header: its low two bits).
    pub epoch: u16,
    /// Record sequence number (for a unified header: its low 8 or 16 bits).
    pub sequence: u64,
    /// Record payload length, bytes.
    pub length: usize,
    /// Handshake message types in the record when readable (epoch 0): 1 ClientHello,
    /// 2 ServerHello, 3 HelloVerifyRequest, 11 Certificate, ...
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub handshake_types: Vec<u8>,
    /// Their names.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub handshake_names: Vec<String>,
}

/// One node of the tree form: a label and its children (a packet-detail view).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// What is shown.
    pub label: String,
    /// Details under it.
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(label: impl Into<String>) -> Node {
        Node {
            label: label.into(),
            children: Vec::new(),
        }
    }

    fn branch(label: impl Into<String>, children: Vec<Node>) -> Node {
        Node {
            label: label.into(),
            children,
        }
    }
}

/// Decodes one datagram (a UDP payload or a framed TCP message).
pub fn decode(payload: &[u8]) -> Decoded {
    decode_depth(payload, 0)
}

fn decode_depth(payload: &[u8], depth: u8) -> Decoded {
    let mut kind = classify(payload);
    // RFC 5766 allowed channel numbers up to 0x7FFF (coturn still hands them out);
    // RFC 9443 gives first bytes 80–127 to QUIC. A datagram there that is exactly
    // one ChannelData message (length field matching, padding at most) is taken
    // as ChannelData, as Wireshark does.
    if kind == PacketKind::Quic && ChannelData::new_checked(payload).is_ok() {
        kind = PacketKind::TurnChannel;
    }
    let mut d = Decoded {
        kind: kind.name().to_owned(),
        length: payload.len(),
        ..Decoded::default()
    };
    match kind {
        PacketKind::Rtp => match rtp(payload) {
            Ok(h) => d.rtp = Some(h),
            Err(e) => d.error = Some(e),
        },
        PacketKind::Rtcp => {
            let (packets, error) = rtcp(payload);
            d.rtcp = Some(packets);
            d.error = error;
        }
        PacketKind::Stun => match stun(payload, depth) {
            Ok(s) => d.stun = Some(s),
            Err(e) => d.error = Some(e),
        },
        PacketKind::TurnChannel => match ChannelData::new_checked(payload) {
            Ok(cd) => {
                let inner = if depth == 0 {
                    decode_depth(cd.data(), depth + 1)
                } else {
                    Decoded {
                        kind: "nested".to_owned(),
                        length: cd.data().len(),
                        ..Decoded::default()
                    }
                };
                d.turn = Some(ChannelDataInfo {
                    channel: cd.channel_number().0,
                    length: cd.data().len(),
                    padded: cd.is_padded(),
                    inner: Box::new(inner),
                });
            }
            Err(e) => d.error = Some(e.to_string()),
        },
        PacketKind::Dtls => {
            let (records, error) = dtls(payload);
            d.dtls = Some(records);
            d.error = error;
        }
        _ => {}
    }
    d
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 * bytes.len().min(MAX_HEX_BYTES) + 3);
    for b in bytes.iter().take(MAX_HEX_BYTES) {
        let _ = write!(s, "{b:02x}");
    }
    if bytes.len() > MAX_HEX_BYTES {
        s.push('…');
    }
    s
}

fn rtp(payload: &[u8]) -> Result<RtpHeader, String> {
    // SRTP encrypts the padding count: fall back to the header alone.
    let (p, padding_ok) = match RtpPacket::new_checked(payload) {
        Ok(p) => (p, true),
        Err(_) => match RtpPacket::new_checked_header(payload) {
            Ok(p) => (p, false),
            Err(e) => return Err(e.to_string()),
        },
    };
    let mut extensions = Vec::new();
    let ext = p.extension();
    if let Some(ext) = &ext {
        for e in ext.elements().flatten() {
            extensions.push(ExtensionElement {
                id: e.id,
                len: e.data.len(),
                value: hex(e.data),
            });
        }
    }
    let header_len = p.header_len();
    let padding_len = if padding_ok { p.padding_len() } else { 0 };
    Ok(RtpHeader {
        ssrc: p.ssrc(),
        seq: p.sequence_number(),
        timestamp: p.timestamp(),
        pt: p.payload_type(),
        marker: p.marker(),
        csrcs: p.csrcs().collect(),
        extension_profile: ext.as_ref().map(|e| e.profile()),
        extensions,
        header_len,
        payload_len: payload.len().saturating_sub(header_len + padding_len),
        padding_len,
    })
}

fn rtcp(payload: &[u8]) -> (Vec<RtcpInfo>, Option<String>) {
    let compound = Compound::new(payload);
    let mut out = Vec::new();
    let mut error = None;
    for packet in compound.clone() {
        match packet {
            Ok(p) => out.push(rtcp_packet(&p)),
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    let trailing = compound.findings().trailing_bytes;
    if error.is_none() && trailing > 0 {
        error = Some(format!(
            "{trailing} bytes after the last readable packet (SRTCP?)"
        ));
    }
    (out, error)
}

fn rtcp_packet(packet: &RtcpPacket<'_>) -> RtcpInfo {
    let raw = packet.raw();
    let mut info = RtcpInfo {
        pt: raw.packet_type(),
        fmt: raw.count(),
        length: raw.len(),
        ..RtcpInfo::default()
    };
    let block = |b: rtcinspect_wire::rtcp::ReportBlock| ReportBlock {
        ssrc: b.ssrc,
        fraction_lost: b.fraction_lost,
        cumulative_lost: b.cumulative_lost,
        highest_seq: b.extended_highest_sequence,
        jitter: b.jitter,
        lsr: b.last_sr,
        dlsr: b.delay_since_last_sr,
    };
    let name = match packet {
        RtcpPacket::SenderReport(sr) => {
            let si = sr.sender_info();
            info.sender_ssrc = Some(sr.ssrc());
            info.sender_info = Some(SenderInfo {
                ntp: si.ntp_timestamp,
                rtp_timestamp: si.rtp_timestamp,
                packet_count: si.packet_count,
                octet_count: si.octet_count,
            });
            info.report_blocks = sr.report_blocks().map(block).collect();
            "sr"
        }
        RtcpPacket::ReceiverReport(rr) => {
            info.sender_ssrc = Some(rr.ssrc());
            info.report_blocks = rr.report_blocks().map(block).collect();
            "rr"
        }
        RtcpPacket::Sdes(sdes) => {
            for chunk in sdes.chunks() {
                let items = chunk
                    .items()
                    .map(|item| {
                        (
                            sdes_name(item.item_type),
                            String::from_utf8_lossy(item.value).into_owned(),
                        )
                    })
                    .collect();
                info.sdes.push(SdesChunk {
                    ssrc: chunk.ssrc(),
                    items,
                });
            }
            info.sender_ssrc = info.sdes.first().map(|c| c.ssrc);
            "sdes"
        }
        RtcpPacket::Bye(bye) => {
            info.bye_ssrcs = bye.ssrcs().collect();
            info.bye_reason = bye
                .reason()
                .map(|r| String::from_utf8_lossy(r).into_owned());
            info.sender_ssrc = info.bye_ssrcs.first().copied();
            "bye"
        }
        RtcpPacket::App(app) => {
            info.sender_ssrc = Some(app.ssrc());
            info.app = Some((
                String::from_utf8_lossy(&app.name()).into_owned(),
                app.subtype(),
            ));
            "app"
        }
        RtcpPacket::RtpFeedback(fb) => {
            info.sender_ssrc = Some(fb.sender_ssrc());
            info.media_ssrc = Some(fb.media_ssrc());
            match fb.fci() {
                Ok(RtpFeedbackFci::Nack(n)) => {
                    info.nack_pairs = n.pairs().map(|p| (p.pid, p.blp)).collect();
                    info.nack_lost = n.lost_sequence_numbers().collect();
                    "nack"
                }
                Ok(RtpFeedbackFci::Tmmbr(_)) => "tmmbr",
                Ok(RtpFeedbackFci::Tmmbn(_)) => "tmmbn",
                Ok(RtpFeedbackFci::TransportCc(t)) => {
                    info.twcc = Some(Twcc {
                        base_seq: t.base_sequence(),
                        status_count: t.status_count(),
                        reference_time: t.reference_time(),
                        fb_count: t.feedback_count(),
                        received: t.received_count(),
                        lost: t.lost_count(),
                    });
                    "twcc"
                }
                Ok(RtpFeedbackFci::CongestionControl(_)) => "ccfb",
                Ok(_) => "rtpfb",
                Err(e) => {
                    info.error = Some(e.to_string());
                    "rtpfb"
                }
            }
        }
        RtcpPacket::PayloadFeedback(fb) => {
            info.sender_ssrc = Some(fb.sender_ssrc());
            info.media_ssrc = Some(fb.media_ssrc());
            match fb.fci() {
                Ok(PayloadFeedbackFci::Pli) => "pli",
                Ok(PayloadFeedbackFci::Sli(_)) => "sli",
                Ok(PayloadFeedbackFci::Rpsi(_)) => "rpsi",
                Ok(PayloadFeedbackFci::Fir(f)) => {
                    info.fir = f.entries().map(|e| (e.ssrc, e.sequence)).collect();
                    "fir"
                }
                Ok(PayloadFeedbackFci::Remb(r)) => {
                    info.remb = Some(Remb {
                        bitrate: r.bitrate(),
                        ssrcs: r.ssrcs().collect(),
                    });
                    "remb"
                }
                Ok(PayloadFeedbackFci::Afb(_)) => "afb",
                Ok(_) => "psfb",
                Err(e) => {
                    info.error = Some(e.to_string());
                    "psfb"
                }
            }
        }
        RtcpPacket::ExtendedReport(xr) => {
            info.sender_ssrc = Some(xr.ssrc());
            info.xr_blocks = xr.blocks().map(|b| b.block_type()).collect();
            "xr"
        }
        _ => "unknown",
    };
    info.name = name.to_owned();
    info
}

fn sdes_name(t: SdesItemType) -> String {
    match t {
        SdesItemType::Cname => "cname".to_owned(),
        SdesItemType::Name => "name".to_owned(),
        SdesItemType::Email => "email".to_owned(),
        SdesItemType::Phone => "phone".to_owned(),
        SdesItemType::Loc => "loc".to_owned(),
        SdesItemType::Tool => "tool".to_owned(),
        SdesItemType::Note => "note".to_owned(),
        SdesItemType::Priv => "priv".to_owned(),
        SdesItemType::Mid => "mid".to_owned(),
        SdesItemType::RtpStreamId => "rtp-stream-id".to_owned(),
        SdesItemType::RepairedRtpStreamId => "repaired-rtp-stream-id".to_owned(),
        other => u8::from(other).to_string(),
    }
}

fn stun(payload: &[u8], depth: u8) -> Result<StunInfo, String> {
    let m = Message::new_checked(payload).map_err(|e| e.to_string())?;
    // Without the magic cookie only RFC 3489's Binding (1) and Shared Secret (2)
    // exist; anything else in that shape is data that happens to start with 0–3.
    let method = m.message_type_field() & 0x3eef;
    if !m.has_magic_cookie() && !matches!(method, 0x0001 | 0x0002) {
        return Err(format!(
            "no magic cookie and message type 0x{:04x}: not an RFC 3489 message",
            m.message_type_field()
        ));
    }
    let transaction_id = if m.has_magic_cookie() {
        m.transaction_id().to_string()
    } else {
        hex(&m.classic_transaction_id())
    };
    let mut attributes = Vec::new();
    for a in m.attributes() {
        let value = match a.decode() {
            Ok(v) => attribute_value(&v, a.value()),
            Err(e) => format!("malformed: {e}"),
        };
        attributes.push(StunAttribute {
            code: a.type_code(),
            name: a.attr_type().to_string(),
            len: a.value().len(),
            value,
        });
    }
    let relayed = match (depth, m.relayed_data()) {
        (0, Some(Ok(r))) => Some(Box::new(decode_depth(r.data, depth + 1))),
        _ => None,
    };
    Ok(StunInfo {
        message_type: m.message_type_field(),
        class: m.class().to_string(),
        method: m.method().to_string(),
        transaction_id,
        length: m.length_field(),
        attributes,
        relayed,
    })
}

fn attribute_value(a: &Attribute<'_>, raw: &[u8]) -> String {
    match a {
        Attribute::MappedAddress(s)
        | Attribute::XorMappedAddress(s)
        | Attribute::AlternateServer(s)
        | Attribute::XorPeerAddress(s)
        | Attribute::XorRelayedAddress(s)
        | Attribute::ResponseOrigin(s)
        | Attribute::OtherAddress(s)
        | Attribute::SourceAddress(s)
        | Attribute::ChangedAddress(s) => bracketed(s),
        Attribute::Username(s)
        | Attribute::Realm(s)
        | Attribute::Nonce(s)
        | Attribute::Software(s)
        | Attribute::AlternateDomain(s) => (*s).to_owned(),
        Attribute::Fingerprint(v) => format!("0x{v:08x}"),
        Attribute::ErrorCode(e) => format!("{} {}", e.code, e.reason),
        Attribute::Priority(v) | Attribute::Lifetime(v) => v.to_string(),
        Attribute::IceControlled(v) | Attribute::IceControlling(v) => format!("0x{v:016x}"),
        Attribute::ChannelNumber(v) => format!("0x{v:04x}"),
        Attribute::RequestedTransport(v) => match v {
            17 => "udp".to_owned(),
            6 => "tcp".to_owned(),
            v => v.to_string(),
        },
        Attribute::UseCandidate | Attribute::DontFragment => String::new(),
        Attribute::Data(d) => format!("{} bytes", d.len()),
        _ => hex(raw),
    }
}

/// `ip:port`, IPv6 bracketed (what `SocketAddr`'s `Display` does).
fn bracketed(s: &std::net::SocketAddr) -> String {
    s.to_string()
}

fn dtls(payload: &[u8]) -> (Vec<DtlsRecordInfo>, Option<String>) {
    let mut out = Vec::new();
    let mut error = None;
    for record in Records::new(payload) {
        match record {
            Ok(AnyRecord::Record(r)) => {
                let ct = r.content_type();
                let mut info = DtlsRecordInfo {
                    content_type: Some(ct.0),
                    content: ct.name().map_or_else(|| ct.0.to_string(), str::to_owned),
                    version: Some(r.version().0),
                    epoch: r.epoch(),
                    sequence: r.sequence_number(),
                    length: r.fragment().len(),
                    ..DtlsRecordInfo::default()
                };
                if ct == ContentType::HANDSHAKE && r.epoch() == 0 {
                    for m in r.handshakes() {
                        let Ok(m) = m else { break };
                        let t = m.msg_type();
                        info.handshake_types.push(t.0);
                        info.handshake_names
                            .push(t.name().map_or_else(|| t.0.to_string(), str::to_owned));
                    }
                }
                out.push(info);
            }
            Ok(AnyRecord::Unified(u)) => out.push(DtlsRecordInfo {
                content_type: None,
                content: "ciphertext".to_owned(),
                version: None,
                epoch: u16::from(u.epoch_bits()),
                sequence: u64::from(u.sequence_number()),
                length: u.encrypted_record().len(),
                ..DtlsRecordInfo::default()
            }),
            Ok(_) => {}
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    (out, error)
}

impl Decoded {
    /// A one-line summary, in the spirit of tshark's Info column.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        if let Some(r) = &self.rtp {
            let _ = write!(
                s,
                "PT={}, SSRC=0x{:08x}, Seq={}, Time={}",
                r.pt, r.ssrc, r.seq, r.timestamp
            );
            if r.marker {
                s.push_str(", Mark");
            }
            if !r.csrcs.is_empty() {
                let _ = write!(s, ", {} CSRCs", r.csrcs.len());
            }
            let _ = write!(s, ", {} bytes", r.payload_len);
        } else if let Some(packets) = &self.rtcp {
            let parts: Vec<String> = packets.iter().map(RtcpInfo::summary).collect();
            s.push_str(&parts.join(" | "));
        } else if let Some(m) = &self.stun {
            let _ = write!(s, "{} {} id={}", m.method, m.class, m.transaction_id);
            for a in &m.attributes {
                match a.name.as_str() {
                    "USERNAME"
                    | "XOR-MAPPED-ADDRESS"
                    | "XOR-PEER-ADDRESS"
                    | "XOR-RELAYED-ADDRESS"
                    | "ERROR-CODE"
                    | "CHANNEL-NUMBER" => {
                        let _ = write!(s, " {}={}", a.name, a.value);
                    }
                    "USE-CANDIDATE" => s.push_str(" USE-CANDIDATE"),
                    _ => {}
                }
            }
            if let Some(inner) = &m.relayed {
                let _ = write!(s, " [{}: {}]", inner.kind, inner.summary());
            }
        } else if let Some(t) = &self.turn {
            let _ = write!(
                s,
                "ChannelData 0x{:04x}, {} bytes [{}: {}]",
                t.channel,
                t.length,
                t.inner.kind,
                t.inner.summary()
            );
        } else if let Some(records) = &self.dtls {
            let parts: Vec<String> = records
                .iter()
                .map(|r| {
                    if r.handshake_names.is_empty() {
                        format!("{} e{} #{}", r.content, r.epoch, r.sequence)
                    } else {
                        format!(
                            "{} e{} #{}",
                            r.handshake_names.join("+"),
                            r.epoch,
                            r.sequence
                        )
                    }
                })
                .collect();
            s.push_str(&parts.join(", "));
        } else {
            let _ = write!(s, "{} bytes", self.length);
        }
        if let Some(e) = &self.error {
            if !s.is_empty() {
                s.push_str("; ");
            }
            let _ = write!(s, "error: {e}");
        }
        s
    }

    /// The tree form for a packet-detail view: one root node per protocol layer.
    pub fn tree(&self) -> Vec<Node> {
        let mut nodes = Vec::new();
        if let Some(r) = &self.rtp {
            nodes.push(r.node());
        }
        if let Some(packets) = &self.rtcp {
            for p in packets {
                nodes.push(p.node());
            }
        }
        if let Some(m) = &self.stun {
            let mut children = vec![
                Node::leaf(format!("Message type: 0x{:04x}", m.message_type)),
                Node::leaf(format!("Message length: {}", m.length)),
                Node::leaf(format!("Transaction ID: {}", m.transaction_id)),
            ];
            for a in &m.attributes {
                children.push(Node::leaf(if a.value.is_empty() {
                    a.name.clone()
                } else {
                    format!("{}: {}", a.name, a.value)
                }));
            }
            nodes.push(Node::branch(
                format!("STUN {} {}", m.method, m.class),
                children,
            ));
            if let Some(inner) = &m.relayed {
                nodes.extend(inner.tree());
            }
        }
        if let Some(t) = &self.turn {
            nodes.push(Node::branch(
                format!("TURN ChannelData, channel 0x{:04x}", t.channel),
                vec![
                    Node::leaf(format!("Channel number: 0x{:04x}", t.channel)),
                    Node::leaf(format!("Length: {}", t.length)),
                    Node::leaf(format!("Padded: {}", t.padded)),
                ],
            ));
            nodes.extend(t.inner.tree());
        }
        if let Some(records) = &self.dtls {
            for r in records {
                let mut children = Vec::new();
                if let Some(ct) = r.content_type {
                    children.push(Node::leaf(format!("Content type: {} ({ct})", r.content)));
                }
                if let Some(v) = r.version {
                    children.push(Node::leaf(format!("Version: {}", ProtocolVersion(v))));
                }
                children.push(Node::leaf(format!("Epoch: {}", r.epoch)));
                children.push(Node::leaf(format!("Sequence number: {}", r.sequence)));
                children.push(Node::leaf(format!("Length: {}", r.length)));
                for (t, n) in r.handshake_types.iter().zip(&r.handshake_names) {
                    children.push(Node::leaf(format!("Handshake: {n} ({t})")));
                }
                nodes.push(Node::branch(
                    format!("DTLS record: {}", r.content),
                    children,
                ));
            }
        }
        if let Some(e) = &self.error {
            nodes.push(Node::leaf(format!("Error: {e}")));
        }
        if nodes.is_empty() {
            nodes.push(Node::leaf(format!("{} ({} bytes)", self.kind, self.length)));
        }
        nodes
    }
}

impl RtpHeader {
    fn node(&self) -> Node {
        let mut children = vec![
            Node::leaf(format!("Payload type: {}", self.pt)),
            Node::leaf(format!("Marker: {}", self.marker)),
            Node::leaf(format!("Sequence number: {}", self.seq)),
            Node::leaf(format!("Timestamp: {}", self.timestamp)),
            Node::leaf(format!("SSRC: 0x{:08x}", self.ssrc)),
        ];
        if !self.csrcs.is_empty() {
            children.push(Node::branch(
                format!("CSRCs: {}", self.csrcs.len()),
                self.csrcs
                    .iter()
                    .map(|c| Node::leaf(format!("0x{c:08x}")))
                    .collect(),
            ));
        }
        if let Some(profile) = self.extension_profile {
            children.push(Node::branch(
                format!("Header extension: profile 0x{profile:04x}"),
                self.extensions
                    .iter()
                    .map(|e| Node::leaf(format!("ID {} ({} bytes): {}", e.id, e.len, e.value)))
                    .collect(),
            ));
        }
        children.push(Node::leaf(format!("Header length: {}", self.header_len)));
        children.push(Node::leaf(format!("Payload length: {}", self.payload_len)));
        if self.padding_len > 0 {
            children.push(Node::leaf(format!("Padding: {}", self.padding_len)));
        }
        Node::branch(
            format!(
                "RTP, PT {}, SSRC 0x{:08x}, seq {}",
                self.pt, self.ssrc, self.seq
            ),
            children,
        )
    }
}

impl RtcpInfo {
    /// One-line summary of this packet.
    pub fn summary(&self) -> String {
        let mut s = self.name.to_uppercase();
        if let Some(ssrc) = self.sender_ssrc {
            let _ = write!(s, " 0x{ssrc:08x}");
        }
        if let Some(m) = self.media_ssrc {
            let _ = write!(s, " -> 0x{m:08x}");
        }
        if !self.report_blocks.is_empty() {
            let _ = write!(s, " ({} blocks)", self.report_blocks.len());
        }
        if !self.nack_lost.is_empty() {
            let lost: Vec<String> = self.nack_lost.iter().map(u16::to_string).collect();
            let _ = write!(s, " lost {}", lost.join(","));
        }
        if let Some(r) = &self.remb {
            let _ = write!(s, " {} bit/s", r.bitrate);
        }
        if let Some(t) = &self.twcc {
            let _ = write!(
                s,
                " base {} count {} fb #{}",
                t.base_seq, t.status_count, t.fb_count
            );
        }
        s
    }

    fn node(&self) -> Node {
        let mut c = vec![
            Node::leaf(format!("Packet type: {}", self.pt)),
            Node::leaf(format!("Count/FMT: {}", self.fmt)),
            Node::leaf(format!("Length: {}", self.length)),
        ];
        if let Some(v) = self.sender_ssrc {
            c.push(Node::leaf(format!("Sender SSRC: 0x{v:08x}")));
        }
        if let Some(v) = self.media_ssrc {
            c.push(Node::leaf(format!("Media SSRC: 0x{v:08x}")));
        }
        if let Some(si) = &self.sender_info {
            c.push(Node::branch(
                "Sender info",
                vec![
                    Node::leaf(format!("NTP timestamp: 0x{:016x}", si.ntp)),
                    Node::leaf(format!("RTP timestamp: {}", si.rtp_timestamp)),
                    Node::leaf(format!("Packet count: {}", si.packet_count)),
                    Node::leaf(format!("Octet count: {}", si.octet_count)),
                ],
            ));
        }
        for b in &self.report_blocks {
            c.push(Node::branch(
                format!("Report block 0x{:08x}", b.ssrc),
                vec![
                    Node::leaf(format!("Fraction lost: {}/256", b.fraction_lost)),
                    Node::leaf(format!("Cumulative lost: {}", b.cumulative_lost)),
                    Node::leaf(format!("Highest sequence: {}", b.highest_seq)),
                    Node::leaf(format!("Jitter: {}", b.jitter)),
                    Node::leaf(format!("LSR: 0x{:08x}", b.lsr)),
                    Node::leaf(format!("DLSR: {}", b.dlsr)),
                ],
            ));
        }
        for (pid, blp) in &self.nack_pairs {
            c.push(Node::leaf(format!("NACK PID {pid} BLP 0x{blp:04x}")));
        }
        for (ssrc, seq) in &self.fir {
            c.push(Node::leaf(format!("FIR 0x{ssrc:08x} seq {seq}")));
        }
        if let Some(r) = &self.remb {
            let ssrcs: Vec<String> = r.ssrcs.iter().map(|s| format!("0x{s:08x}")).collect();
            c.push(Node::leaf(format!(
                "REMB {} bit/s for {}",
                r.bitrate,
                ssrcs.join(", ")
            )));
        }
        if let Some(t) = &self.twcc {
            c.push(Node::branch(
                "Transport-wide CC",
                vec![
                    Node::leaf(format!("Base sequence: {}", t.base_seq)),
                    Node::leaf(format!("Status count: {}", t.status_count)),
                    Node::leaf(format!("Reference time: {}", t.reference_time)),
                    Node::leaf(format!("Feedback count: {}", t.fb_count)),
                    Node::leaf(format!("Received: {}, lost: {}", t.received, t.lost)),
                ],
            ));
        }
        if !self.bye_ssrcs.is_empty() {
            let ssrcs: Vec<String> = self
                .bye_ssrcs
                .iter()
                .map(|s| format!("0x{s:08x}"))
                .collect();
            c.push(Node::leaf(format!("BYE {}", ssrcs.join(", "))));
        }
        if let Some(r) = &self.bye_reason {
            c.push(Node::leaf(format!("Reason: {r}")));
        }
        for chunk in &self.sdes {
            c.push(Node::branch(
                format!("Chunk 0x{:08x}", chunk.ssrc),
                chunk
                    .items
                    .iter()
                    .map(|(k, v)| Node::leaf(format!("{k}: {v}")))
                    .collect(),
            ));
        }
        if let Some((name, sub)) = &self.app {
            c.push(Node::leaf(format!("APP {name} subtype {sub}")));
        }
        if !self.xr_blocks.is_empty() {
            let bt: Vec<String> = self.xr_blocks.iter().map(u8::to_string).collect();
            c.push(Node::leaf(format!("XR block types: {}", bt.join(", "))));
        }
        if let Some(e) = &self.error {
            c.push(Node::leaf(format!("Error: {e}")));
        }
        Node::branch(format!("RTCP {}", self.summary()), c)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn rtcp_nack_by_hand() {
        // RTPFB FMT 1 (generic NACK), length 3: sender 1, media 2, PID 100, BLP 0b101
        // → lost 100, 101 (bit 0), 103 (bit 2).
        let d = decode(&[0x81, 205, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 100, 0, 0b101]);
        assert_eq!(d.kind, "rtcp");
        let p = &d.rtcp.as_ref().unwrap()[0];
        assert_eq!(p.name, "nack");
        assert_eq!((p.sender_ssrc, p.media_ssrc), (Some(1), Some(2)));
        assert_eq!(p.nack_lost, vec![100, 101, 103]);
        assert_eq!(
            d.tree()[0].label,
            "RTCP NACK 0x00000001 -> 0x00000002 lost 100,101,103"
        );
    }

    #[test]
    fn channel_data_unwraps_rtp() {
        // Channel 0x4000, length 12, inner RTP PT 0 seq 1 SSRC 0xdeadbeef.
        let mut b = vec![0x40, 0x00, 0, 12];
        b.extend_from_slice(&[0x80, 0, 0, 1, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef]);
        let d = decode(&b);
        let t = d.turn.unwrap();
        assert_eq!(t.channel, 0x4000);
        assert_eq!(t.inner.rtp.as_ref().unwrap().ssrc, 0xdead_beef);
    }

    #[test]
    fn garbage_never_panics() {
        for len in 0..40usize {
            for first in [0u8, 0x01, 0x16, 0x17, 0x40, 0x80, 0x81, 0xbf, 0xff] {
                let mut b = vec![0xffu8; len];
                if let Some(x) = b.first_mut() {
                    *x = first;
                }
                let d = decode(&b);
                let _ = d.summary();
                let _ = d.tree();
            }
        }
    }
}
