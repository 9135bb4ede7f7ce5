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

/// Parses `datagram` as DTLS and writes back every record, every plaintext handshake
/// message and every typed body this crate reads, each with its `…Repr`: the raw
/// round trip (fields + bytes as encoded) and the typed one (every list collected into
/// values, every extension rebuilt from its typed reading) must both give the input
/// bytes. Returns how many records and messages were compared.
pub fn dtls_reemit(datagram: &[u8]) -> (usize, usize) {
    use rtcinspect_wire::dtls::{AnyRecord, ContentType, RecordRepr, Records};
    let mut records = 0;
    let mut messages = 0;
    for record in Records::new(datagram).flatten() {
        let AnyRecord::Record(record) = record else {
            continue;
        };
        records += 1;
        let mut out = Vec::new();
        RecordRepr::parse(&record)
            .emit_vec(&mut out)
            .unwrap_or_else(|e| panic!("emitting failed: {e}"));
        assert_eq!(out, record.as_bytes(), "record re-emit differs");
        if record.content_type() == ContentType::ALERT && record.epoch() == 0 {
            if let Ok(alert) = record.alert() {
                let repr = RecordRepr {
                    fragment: rtcinspect_wire::dtls::FragmentRepr::Alert(alert),
                    ..RecordRepr::parse(&record)
                };
                let mut out = Vec::new();
                repr.emit_vec(&mut out)
                    .unwrap_or_else(|e| panic!("emitting failed: {e}"));
                assert_eq!(out, record.as_bytes(), "alert re-emit differs");
            }
        }
        if record.content_type() != ContentType::HANDSHAKE || record.epoch() != 0 {
            continue;
        }
        for message in record.handshakes().flatten() {
            messages += 1;
            handshake_reemit(&message);
        }
    }
    (records, messages)
}

/// Writes one handshake message back, raw and typed; see [`dtls_reemit`].
pub fn handshake_reemit(message: &rtcinspect_wire::dtls::Handshake<'_>) {
    use rtcinspect_wire::dtls::{
        ClientHelloRepr, HandshakeBody, HandshakeBodyRepr, HandshakeRepr, HelloVerifyRequestRepr,
        ServerHelloRepr,
    };
    let mut out = Vec::new();
    HandshakeRepr::parse(message)
        .emit_vec(&mut out)
        .unwrap_or_else(|e| panic!("emitting failed: {e}"));
    assert_eq!(out, message.as_bytes(), "handshake re-emit differs");
    let Ok(body) = message.body() else {
        return;
    };
    let header = HandshakeRepr::parse(message);
    let typed = |body: HandshakeBodyRepr<'_>| {
        let mut out = Vec::new();
        HandshakeRepr { body, ..header }
            .emit_vec(&mut out)
            .unwrap_or_else(|e| panic!("emitting failed: {e}"));
        assert_eq!(out, message.as_bytes(), "typed re-emit differs: {body:?}");
    };
    match body {
        HandshakeBody::ClientHello(hello) => {
            typed(HandshakeBodyRepr::ClientHello(ClientHelloRepr::parse(
                &hello,
            )));
            let suites: Vec<_> = hello.cipher_suites().collect();
            let owned = OwnedExtensions::new(hello.extensions());
            let reprs = owned.reprs();
            typed(HandshakeBodyRepr::ClientHello(ClientHelloRepr {
                cipher_suites: suites[..].into(),
                extensions: hello
                    .has_extensions()
                    .then_some(rtcinspect_wire::dtls::ExtensionsRepr::List(&reprs)),
                ..ClientHelloRepr::parse(&hello)
            }));
        }
        HandshakeBody::ServerHello(hello) => {
            typed(HandshakeBodyRepr::ServerHello(ServerHelloRepr::parse(
                &hello,
            )));
            let owned = OwnedExtensions::new(hello.extensions());
            let reprs = owned.reprs();
            typed(HandshakeBodyRepr::ServerHello(ServerHelloRepr {
                extensions: hello
                    .has_extensions()
                    .then_some(rtcinspect_wire::dtls::ExtensionsRepr::List(&reprs)),
                ..ServerHelloRepr::parse(&hello)
            }));
        }
        HandshakeBody::HelloVerifyRequest(hvr) => {
            typed(HandshakeBodyRepr::HelloVerifyRequest(
                HelloVerifyRequestRepr::parse(&hvr),
            ));
        }
        HandshakeBody::Certificate(cert) => {
            let certs: Vec<&[u8]> = cert.certificates().collect();
            typed(HandshakeBodyRepr::Certificate(&certs));
        }
        _ => {}
    }
}

/// The extensions of a hello read typed, with their lists collected, so that they
/// can be written back from values.
pub struct OwnedExtensions<'a> {
    items: Vec<OwnedExtension<'a>>,
}

enum OwnedExtension<'a> {
    UseSrtp(Vec<rtcinspect_wire::dtls::SrtpProtectionProfile>, &'a [u8]),
    Groups(Vec<rtcinspect_wire::dtls::NamedGroup>),
    Signatures(Vec<rtcinspect_wire::dtls::SignatureScheme>),
    Ems,
    Renegotiation(&'a [u8]),
    Versions(Vec<rtcinspect_wire::dtls::ProtocolVersion>),
    Selected(rtcinspect_wire::dtls::ProtocolVersion),
    Raw(rtcinspect_wire::dtls::RawExtension<'a>),
}

impl<'a> OwnedExtensions<'a> {
    /// Reads every extension; one that does not read typed is kept raw.
    pub fn new(extensions: rtcinspect_wire::dtls::Extensions<'a>) -> Self {
        use rtcinspect_wire::dtls::{Extension, SupportedVersions};
        let raw: Vec<_> = extensions.raw().collect();
        let items = extensions
            .zip(raw)
            .map(|(e, raw)| match e {
                Ok(Extension::UseSrtp(s)) => {
                    OwnedExtension::UseSrtp(s.profiles().collect(), s.mki())
                }
                Ok(Extension::SupportedGroups(g)) => OwnedExtension::Groups(g.collect()),
                Ok(Extension::SignatureAlgorithms(s)) => OwnedExtension::Signatures(s.collect()),
                Ok(Extension::ExtendedMasterSecret) => OwnedExtension::Ems,
                Ok(Extension::RenegotiationInfo(r)) => OwnedExtension::Renegotiation(r),
                Ok(Extension::SupportedVersions(SupportedVersions::Offered(v))) => {
                    OwnedExtension::Versions(v.collect())
                }
                Ok(Extension::SupportedVersions(SupportedVersions::Selected(v))) => {
                    OwnedExtension::Selected(v)
                }
                _ => OwnedExtension::Raw(raw),
            })
            .collect();
        Self { items }
    }

    /// The extensions as writers.
    pub fn reprs(&self) -> Vec<rtcinspect_wire::dtls::ExtensionRepr<'_>> {
        use rtcinspect_wire::dtls::ExtensionRepr;
        self.items
            .iter()
            .map(|e| match e {
                OwnedExtension::UseSrtp(p, mki) => ExtensionRepr::UseSrtp {
                    profiles: p[..].into(),
                    mki,
                },
                OwnedExtension::Groups(g) => ExtensionRepr::SupportedGroups(g[..].into()),
                OwnedExtension::Signatures(s) => ExtensionRepr::SignatureAlgorithms(s[..].into()),
                OwnedExtension::Ems => ExtensionRepr::ExtendedMasterSecret,
                OwnedExtension::Renegotiation(r) => ExtensionRepr::RenegotiationInfo(r),
                OwnedExtension::Versions(v) => ExtensionRepr::SupportedVersions(v[..].into()),
                OwnedExtension::Selected(v) => ExtensionRepr::SelectedVersion(*v),
                OwnedExtension::Raw(raw) => ExtensionRepr::Raw(*raw),
            })
            .collect()
    }
}

/// Reads everything the DTLS views offer on `datagram`, with a connection ID length of
/// `cid_len`, checking what must hold whatever the bytes; returns a checksum of what
/// was read (so the reads cannot be skipped).
pub fn dtls_walk(datagram: &[u8], cid_len: u8) -> u64 {
    use rtcinspect_wire::dtls::{
        AnyRecord, Extension, HandshakeBody, KeyShare, Records, SupportedVersions,
    };
    let mut sum = 0u64;
    let mut mix = |v: u64| sum = sum.rotate_left(5) ^ v;
    let mut records = Records::with_cid_len(datagram, cid_len);
    for record in records.by_ref() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                assert!(e.offset < datagram.len());
                mix(e.offset as u64);
                continue;
            }
        };
        assert!(record.as_bytes().len() <= datagram.len());
        let record = match record {
            AnyRecord::Unified(u) => {
                mix(u64::from(u.flags()));
                mix(u64::from(u.sequence_number()));
                mix(u.connection_id().len() as u64);
                mix(u64::from(u.length().unwrap_or(0)));
                assert_eq!(u.header_len() + u.encrypted_record().len(), u.len());
                continue;
            }
            AnyRecord::Record(r) => r,
            _ => continue,
        };
        mix(u64::from(record.content_type().0));
        mix(u64::from(record.version().0));
        mix(u64::from(record.epoch()));
        mix(record.sequence_number());
        assert!(record.sequence_number() < 1 << 48);
        assert_eq!(record.fragment().len(), usize::from(record.length()));
        mix(record.alert().map_or(0, |a| u64::from(a.description.0)));
        for m in record.handshakes() {
            let Ok(m) = m else { continue };
            mix(u64::from(m.msg_type().0));
            mix(u64::from(m.length()));
            mix(u64::from(m.message_seq()));
            assert!(m.fragment_offset() + m.fragment_length() <= m.length());
            assert_eq!(m.fragment().len(), m.fragment_length() as usize);
            let Ok(body) = m.body() else { continue };
            let extensions = match body {
                HandshakeBody::ClientHello(h) => {
                    mix(u64::from(h.client_version().0));
                    mix(u64::from(h.random()[0]));
                    mix(h.session_id().len() as u64);
                    assert!(h.session_id().len() <= 32);
                    mix(h.cookie().len() as u64);
                    for s in h.cipher_suites() {
                        mix(u64::from(s.0));
                    }
                    mix(h.compression_methods().len() as u64);
                    Some(h.extensions())
                }
                HandshakeBody::ServerHello(h) => {
                    mix(u64::from(h.server_version().0));
                    mix(u64::from(h.cipher_suite().0));
                    mix(u64::from(h.compression_method()));
                    mix(u64::from(h.is_hello_retry_request()));
                    Some(h.extensions())
                }
                HandshakeBody::HelloVerifyRequest(h) => {
                    mix(h.cookie().len() as u64);
                    None
                }
                HandshakeBody::Certificate(c) => {
                    let total: usize = c.certificates().map(|d| d.len() + 3).sum();
                    assert_eq!(total, c.list().len());
                    None
                }
                _ => None,
            };
            for e in extensions.into_iter().flatten() {
                let Ok(e) = e else { continue };
                mix(u64::from(e.extension_type().0));
                match e {
                    Extension::UseSrtp(s) => {
                        s.profiles().for_each(|p| mix(u64::from(p.0)));
                        mix(s.mki().len() as u64);
                    }
                    Extension::SupportedGroups(g) => g.for_each(|g| mix(u64::from(g.0))),
                    Extension::SignatureAlgorithms(s) => s.for_each(|s| mix(u64::from(s.0))),
                    Extension::SupportedVersions(SupportedVersions::Offered(v)) => {
                        v.for_each(|v| mix(u64::from(v.0)));
                    }
                    Extension::KeyShare(KeyShare::ClientShares(shares)) => {
                        shares
                            .for_each(|s| mix(u64::from(s.group.0) + s.key_exchange.len() as u64));
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(records.offset() <= datagram.len());
    sum
}

/// Reads everything the TURN views offer on `bytes`: as one UDP datagram and as a TCP
/// stream; every message that parses is written back and must give the same bytes.
pub fn turn_walk(bytes: &[u8]) {
    use rtcinspect_wire::turn::{ChannelData, ChannelDataRepr, ChannelDataStream, StreamFrame};
    let reemit = |m: &ChannelData<&[u8]>| {
        let mut out = Vec::new();
        ChannelDataRepr::parse(m)
            .emit_vec(&mut out)
            .unwrap_or_else(|e| panic!("emitting failed: {e}"));
        assert_eq!(out, m.as_bytes());
        assert!(m.padding().len() < 4);
        assert_eq!(m.data().len(), usize::from(m.length()));
    };
    if let Ok(m) = ChannelData::new_checked(bytes) {
        reemit(&m);
    }
    let mut stream = ChannelDataStream::new(bytes);
    let mut framed = 0;
    for frame in stream.by_ref() {
        match frame {
            Ok(StreamFrame::ChannelData(m)) => {
                assert!(m.is_padded());
                reemit(&m);
                framed += m.len();
            }
            Ok(StreamFrame::Stun(s)) => framed += s.len(),
            Ok(_) => {}
            Err(_) => {}
        }
    }
    assert!(framed <= stream.offset());
    assert_eq!(stream.offset() + stream.remainder().len(), bytes.len());
}
