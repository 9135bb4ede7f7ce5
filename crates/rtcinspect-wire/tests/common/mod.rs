//! Helpers shared by the integration tests and the fuzz targets (which include this
//! file with `#[path]`): owned copies of parsed packets, to write them back and compare.
#![allow(dead_code, unreachable_pub, missing_docs)]

use rtcinspect_wire::EmitError;
// Proptest strategies for transport-cc and RFC 8888 (the fuzz targets, which include
// this file too, have no proptest).
#[cfg(test)]
mod twcc;
#[cfg(test)]
#[allow(unused_imports)]
pub use twcc::*;

use rtcinspect_wire::rtcp::fb::{
    FeedbackRepr, FirRepr, NackRepr, PayloadFeedbackFci, RawFciRepr, RembRepr, RpsiRepr,
    RtpFeedbackFci, SliRepr, TmmbRepr,
};
use rtcinspect_wire::rtcp::{
    self, AppRepr, ByeRepr, RawRtcpRepr, ReceiverReportRepr, RtcpPacket, RtcpWrite, SdesChunkRepr,
    SdesItem, SdesRepr, SenderReportRepr,
};
use rtcinspect_wire::rtp::{RtpPacket, RtpRepr};

/// Everything a parsed RTCP packet says, owned, comparable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnedRtcp {
    Sr {
        ssrc: u32,
        info: rtcp::SenderInfo,
        blocks: Vec<rtcp::ReportBlock>,
        ext: Vec<u8>,
        padding: u8,
    },
    Rr {
        ssrc: u32,
        blocks: Vec<rtcp::ReportBlock>,
        ext: Vec<u8>,
        padding: u8,
    },
    Sdes {
        chunks: Vec<OwnedChunk>,
        padding: u8,
    },
    Bye {
        ssrcs: Vec<u32>,
        reason: Option<Vec<u8>>,
        padding: u8,
    },
    App {
        subtype: u8,
        ssrc: u32,
        name: [u8; 4],
        data: Vec<u8>,
        padding: u8,
    },
    Feedback {
        packet_type: u8,
        fmt: u8,
        sender_ssrc: u32,
        media_ssrc: u32,
        fci: OwnedFci,
        padding: u8,
    },
    Raw {
        count: u8,
        packet_type: u8,
        body: Vec<u8>,
        padding: u8,
    },
}

/// An SDES chunk: the source and its items.
pub type OwnedChunk = (u32, Vec<(rtcp::SdesItemType, Vec<u8>)>);

/// A decoded FCI, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnedFci {
    Nack(Vec<rtcp::fb::NackPair>),
    Tmmb(Vec<rtcp::fb::TmmbEntry>),
    Sli(Vec<rtcp::fb::SliEntry>),
    Rpsi {
        pb: u8,
        pt: u8,
        native: Vec<u8>,
    },
    Fir(Vec<rtcp::fb::FirEntry>),
    Remb {
        exp: u8,
        mantissa: u32,
        ssrcs: Vec<u32>,
    },
    /// PLI, other FMTs, and FCIs this helper keeps raw.
    Raw(Vec<u8>),
}

fn padding_of(raw: &rtcp::RawRtcp<'_>) -> u8 {
    raw.padding_len() as u8
}

impl OwnedRtcp {
    /// Copies what `packet` says. Feedback whose FCI does not decode is kept raw.
    pub fn from_packet(packet: &RtcpPacket<'_>) -> Self {
        let raw = packet.raw();
        let padding = padding_of(&raw);
        match packet {
            RtcpPacket::SenderReport(sr) => Self::Sr {
                ssrc: sr.ssrc(),
                info: sr.sender_info(),
                blocks: sr.report_blocks().collect(),
                ext: sr.profile_extensions().to_vec(),
                padding,
            },
            RtcpPacket::ReceiverReport(rr) => Self::Rr {
                ssrc: rr.ssrc(),
                blocks: rr.report_blocks().collect(),
                ext: rr.profile_extensions().to_vec(),
                padding,
            },
            RtcpPacket::Sdes(sdes) => Self::Sdes {
                chunks: sdes
                    .chunks()
                    .map(|c| {
                        let items = c.items().map(|i| (i.item_type, i.value.to_vec())).collect();
                        (c.ssrc(), items)
                    })
                    .collect(),
                padding,
            },
            RtcpPacket::Bye(bye) => Self::Bye {
                ssrcs: bye.ssrcs().collect(),
                reason: bye.reason().map(<[u8]>::to_vec),
                padding,
            },
            RtcpPacket::App(app) => Self::App {
                subtype: app.subtype(),
                ssrc: app.ssrc(),
                name: app.name(),
                data: app.data().to_vec(),
                padding,
            },
            RtcpPacket::RtpFeedback(fb) => {
                let fci = match fb.fci() {
                    Ok(RtpFeedbackFci::Nack(n)) => OwnedFci::Nack(n.pairs().collect()),
                    Ok(RtpFeedbackFci::Tmmbr(t) | RtpFeedbackFci::Tmmbn(t)) => {
                        OwnedFci::Tmmb(t.entries().collect())
                    }
                    _ => OwnedFci::Raw(fb.fci_bytes().to_vec()),
                };
                Self::Feedback {
                    packet_type: rtcp::packet_type::RTPFB,
                    fmt: fb.fmt(),
                    sender_ssrc: fb.sender_ssrc(),
                    media_ssrc: fb.media_ssrc(),
                    fci,
                    padding,
                }
            }
            RtcpPacket::PayloadFeedback(fb) => {
                let fci = match fb.fci() {
                    Ok(PayloadFeedbackFci::Sli(s)) => OwnedFci::Sli(s.entries().collect()),
                    Ok(PayloadFeedbackFci::Rpsi(r)) => OwnedFci::Rpsi {
                        pb: r.padding_bits(),
                        pt: r.payload_type(),
                        native: r.native().to_vec(),
                    },
                    Ok(PayloadFeedbackFci::Fir(f)) => OwnedFci::Fir(f.entries().collect()),
                    Ok(PayloadFeedbackFci::Remb(r)) => OwnedFci::Remb {
                        exp: r.exponent(),
                        mantissa: r.mantissa(),
                        ssrcs: r.ssrcs().collect(),
                    },
                    _ => OwnedFci::Raw(fb.fci_bytes().to_vec()),
                };
                Self::Feedback {
                    packet_type: rtcp::packet_type::PSFB,
                    fmt: fb.fmt(),
                    sender_ssrc: fb.sender_ssrc(),
                    media_ssrc: fb.media_ssrc(),
                    fci,
                    padding,
                }
            }
            _ => Self::Raw {
                count: raw.count(),
                packet_type: raw.packet_type(),
                body: raw.body().to_vec(),
                padding,
            },
        }
    }

    /// Writes the packet with the crate's writers.
    pub fn emit(&self) -> Result<Vec<u8>, EmitError> {
        let mut out = Vec::new();
        let result = match self {
            Self::Sr {
                ssrc,
                info,
                blocks,
                ext,
                padding,
            } => SenderReportRepr {
                ssrc: *ssrc,
                sender_info: *info,
                report_blocks: blocks,
                profile_extensions: ext,
                padding: *padding,
            }
            .emit_vec(&mut out),
            Self::Rr {
                ssrc,
                blocks,
                ext,
                padding,
            } => ReceiverReportRepr {
                ssrc: *ssrc,
                report_blocks: blocks,
                profile_extensions: ext,
                padding: *padding,
            }
            .emit_vec(&mut out),
            Self::Sdes { chunks, padding } => {
                let items: Vec<Vec<SdesItem<'_>>> = chunks
                    .iter()
                    .map(|(_, items)| {
                        items
                            .iter()
                            .map(|(t, v)| SdesItem {
                                item_type: *t,
                                value: v,
                            })
                            .collect()
                    })
                    .collect();
                let reprs: Vec<SdesChunkRepr<'_>> = chunks
                    .iter()
                    .zip(&items)
                    .map(|((ssrc, _), items)| SdesChunkRepr { ssrc: *ssrc, items })
                    .collect();
                SdesRepr {
                    chunks: &reprs,
                    padding: *padding,
                }
                .emit_vec(&mut out)
            }
            Self::Bye {
                ssrcs,
                reason,
                padding,
            } => ByeRepr {
                ssrcs,
                reason: reason.as_deref(),
                padding: *padding,
            }
            .emit_vec(&mut out),
            Self::App {
                subtype,
                ssrc,
                name,
                data,
                padding,
            } => AppRepr {
                subtype: *subtype,
                ssrc: *ssrc,
                name: *name,
                data,
                padding: *padding,
            }
            .emit_vec(&mut out),
            Self::Feedback {
                packet_type,
                fmt,
                sender_ssrc,
                media_ssrc,
                fci,
                padding,
            } => {
                let mut out2 = Vec::new();
                macro_rules! fb {
                    ($fci:expr) => {
                        FeedbackRepr {
                            sender_ssrc: *sender_ssrc,
                            media_ssrc: *media_ssrc,
                            fci: $fci,
                            padding: *padding,
                        }
                    };
                }
                let r = match fci {
                    OwnedFci::Nack(pairs) => fb!(NackRepr { pairs }).emit_vec(&mut out2),
                    OwnedFci::Tmmb(entries) => fb!(TmmbRepr {
                        notification: *fmt == rtcp::fb::rtpfb_fmt::TMMBN,
                        entries,
                    })
                    .emit_vec(&mut out2),
                    OwnedFci::Sli(entries) => fb!(SliRepr { entries }).emit_vec(&mut out2),
                    OwnedFci::Rpsi { pb, pt, native } => fb!(RpsiRepr {
                        padding_bits: *pb,
                        payload_type: *pt,
                        native,
                    })
                    .emit_vec(&mut out2),
                    OwnedFci::Fir(entries) => fb!(FirRepr { entries }).emit_vec(&mut out2),
                    OwnedFci::Remb {
                        exp,
                        mantissa,
                        ssrcs,
                    } => fb!(RembRepr {
                        exponent: *exp,
                        mantissa: *mantissa,
                        ssrcs,
                    })
                    .emit_vec(&mut out2),
                    OwnedFci::Raw(bytes) => fb!(RawFciRepr {
                        packet_type: *packet_type,
                        fmt: *fmt,
                        fci: bytes,
                    })
                    .emit_vec(&mut out2),
                };
                out = out2;
                r
            }
            Self::Raw {
                count,
                packet_type,
                body,
                padding,
            } => RawRtcpRepr {
                count: *count,
                packet_type: *packet_type,
                body,
                padding: *padding,
            }
            .emit_vec(&mut out),
        };
        result.map(|_| out)
    }
}

/// Parses `datagram` as RTCP, writes every well-formed packet back and checks that the
/// result parses to the same values. Returns the re-written packets and whether each
/// was byte-identical to its input.
pub fn rtcp_reemit(datagram: &[u8]) -> Vec<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    for packet in rtcp::Compound::new(datagram).flatten() {
        let owned = OwnedRtcp::from_packet(&packet);
        let bytes = match owned.emit() {
            Ok(bytes) => bytes,
            // A padding count that is not a multiple of 4 (allowed: Chrome pads
            // transport-cc that way) with a body the writer rounds up to whole words
            // cannot be written back; anything else is a bug.
            Err(EmitError::InvalidValue { field, .. }) if field.starts_with("packet length") => {
                continue;
            }
            Err(e) => panic!("emitting {owned:?} failed: {e}"),
        };
        let again = RtcpPacket::parse(&bytes)
            .unwrap_or_else(|e| panic!("re-emitted {owned:?} does not parse: {e}"));
        assert_eq!(OwnedRtcp::from_packet(&again), owned, "values changed");
        let identical = bytes == packet.raw().as_bytes();
        out.push((bytes, identical));
    }
    out
}

/// Parses `packet` as RTP and, if it is valid, writes it back with [`RtpRepr`]: the
/// result must equal the input with the padding bytes (all but the count) zeroed.
/// Returns whether the packet was valid.
pub fn rtp_reemit(packet: &[u8]) -> bool {
    let Ok(p) = RtpPacket::new_checked(packet) else {
        return false;
    };
    let repr = RtpRepr::parse(&p);
    let mut out = Vec::new();
    repr.emit_vec(&mut out)
        .unwrap_or_else(|e| panic!("emitting {repr:?} failed: {e}"));
    let mut expected = packet.to_vec();
    let pad = p.padding_len();
    let len = expected.len();
    if pad > 1 {
        expected[len - pad..len - 1].fill(0);
    }
    assert_eq!(out, expected, "RTP re-emit differs");
    true
}

/// Reads everything a STUN message view offers, decodes every attribute, and (when the
/// message parses) writes it back twice: from raw attributes, which must give the same
/// bytes, and from each attribute's decoded value, which must decode to the same value.
/// Returns `None` when `data` is not a STUN message, else whether the raw re-emit gave
/// the same bytes. Integrity and fingerprint are checked (with an arbitrary key) only
/// for not panicking.
pub fn stun_reemit(data: &[u8]) -> Option<bool> {
    use rtcinspect_wire::stun::{
        self, Attribute, AttributeRepr, Message, MessageRepr, RelayedData,
    };
    let _ = (stun::is_stun(data), stun::message_len(data));
    let m = Message::new_checked(data).ok()?;
    assert!(m.len() <= data.len() && m.len() >= stun::HEADER_LEN);
    assert_eq!(m.len(), stun::HEADER_LEN + usize::from(m.length_field()));
    let _ = (m.message_type(), m.magic_cookie(), m.has_magic_cookie());
    let _ = (m.transaction_id(), m.classic_transaction_id(), m.header());
    let _ = (m.unknown_comprehension_required(), m.last_attribute());
    let mut end = stun::HEADER_LEN;
    let mut raws = Vec::new();
    for a in m.attributes() {
        assert_eq!(a.offset(), end, "attributes are contiguous");
        end += a.wire_len();
        assert!(a.padding().len() < 4 && (a.value().len() + a.padding().len()) % 4 == 0);
        let _ = (a.attr_type().name(), a.is_comprehension_required());
        if let Ok(value) = a.decode() {
            typed_round_trip(&m, value);
            match value {
                Attribute::UnknownAttributes(list) => {
                    assert_eq!(list.iter().count(), list.len());
                }
                Attribute::PasswordAlgorithms(list) => {
                    let _ = list.iter().count();
                }
                _ => {}
            }
        }
        raws.push(AttributeRepr::parse(&a));
    }
    assert_eq!(end, m.len(), "the attributes cover the message");
    let _ = m.check_fingerprint();
    let _ = m.check_message_integrity(b"key");
    let _ = m.check_message_integrity_sha256(b"key");
    if let Some(Ok(relayed)) = RelayedData::from_message(&m) {
        let _ = relayed.kind();
    }
    let mut out = Vec::new();
    MessageRepr::parse(&m, &raws).emit_vec(&mut out).ok()?;
    Some(out == m.as_bytes())
}

/// Writes `value` in a message with `m`'s header and checks it decodes to `value`.
fn typed_round_trip(
    m: &rtcinspect_wire::stun::Message<'_>,
    value: rtcinspect_wire::stun::Attribute<'_>,
) {
    use rtcinspect_wire::stun::{AttributeRepr, Message, MessageRepr};
    let attributes = [AttributeRepr::Value(value)];
    let repr = MessageRepr {
        attributes: &attributes,
        ..MessageRepr::parse(m, &[])
    };
    let mut out = Vec::new();
    repr.emit_vec(&mut out)
        .unwrap_or_else(|e| panic!("{value:?} does not write: {e}"));
    let back = Message::new_checked(&out).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    let decoded = back.attributes().next().map(|a| a.decode());
    assert_eq!(decoded, Some(Ok(value)));
}
