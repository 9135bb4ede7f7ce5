//! RTCP packets ([RFC 3550 §6](https://www.rfc-editor.org/rfc/rfc3550#section-6)),
//! compound and reduced-size ([RFC 5506](https://www.rfc-editor.org/rfc/rfc5506)),
//! with feedback ([RFC 4585](https://www.rfc-editor.org/rfc/rfc4585),
//! [RFC 5104](https://www.rfc-editor.org/rfc/rfc5104),
//! [RFC 8888](https://www.rfc-editor.org/rfc/rfc8888), transport-wide congestion
//! control) and extended reports ([RFC 3611](https://www.rfc-editor.org/rfc/rfc3611)).
//!
//! A datagram of RTCP is a *compound*: several packets back to back, each with the
//! common header `V=2 | P | count | PT | length`. [`Compound`] walks them and yields
//! each as a typed [`RtcpPacket`] or an error; one bad or unknown packet never hides
//! the ones after it, as long as its length field can be trusted.
//!
//! Every packet type is a view over borrowed bytes with one checked constructor;
//! after it succeeds no accessor panics. Lists (report blocks, SDES chunks and items,
//! NACK pairs, FIR entries, XR blocks, TWCC packet results) are borrowing iterators.
//! Each type has a `…Repr` that writes it back; emitting the `Repr` of an unmodified
//! parse gives the same bytes.
//!
//! ```
//! use rtcinspect_wire::rtcp::{Compound, RtcpPacket, ReceiverReportRepr, ReportBlock, RtcpWrite};
//!
//! // A receiver report from SSRC 0x1234 about SSRC 0x5678, written and parsed again.
//! let block = ReportBlock {
//!     ssrc: 0x5678,
//!     fraction_lost: 64, // 64/256 = 25 %
//!     cumulative_lost: 10,
//!     extended_highest_sequence: 0x0001_0010,
//!     jitter: 90,
//!     last_sr: 0xaabb_ccdd,
//!     delay_since_last_sr: 0x0001_0000, // one second in 1/65536 s
//! };
//! let repr = ReceiverReportRepr { ssrc: 0x1234, report_blocks: &[block], ..Default::default() };
//! let mut buf = [0u8; 64];
//! let len = repr.emit(&mut buf)?;
//! assert_eq!(len, 32); // 4 header + 4 SSRC + 24 report block
//!
//! let mut compound = Compound::new(&buf[..len]);
//! let Some(Ok(RtcpPacket::ReceiverReport(rr))) = compound.next() else { panic!() };
//! assert_eq!(rr.ssrc(), 0x1234);
//! assert_eq!(rr.report_blocks().next(), Some(block));
//! assert!(compound.next().is_none());
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

use crate::bytes::{self, EmitError, Writer};

mod app;
mod bye;
mod compound;
pub mod fb;
mod report;
mod rr;
mod sdes;
mod sr;
pub mod xr;

pub use app::{App, AppRepr};
pub use bye::{Bye, ByeRepr, ByeSsrcs};
pub use compound::{Compound, CompoundError, Finding, Findings, emit_compound};
pub use fb::{PayloadFeedback, RtpFeedback};
pub use report::{ReportBlock, ReportBlocks};
pub use rr::{ReceiverReport, ReceiverReportRepr};
pub use sdes::{
    Sdes, SdesChunk, SdesChunkRepr, SdesChunks, SdesItem, SdesItemType, SdesItems, SdesRepr,
};
pub use sr::{SenderInfo, SenderReport, SenderReportRepr};
pub use xr::{ExtendedReport, ExtendedReportRepr, XrBlock, XrBlockKind, XrBlockRepr};

/// RTCP packet type codes ([IANA "RTP Control Protocol (RTCP) Packet Types"](https://www.iana.org/assignments/rtp-parameters/rtp-parameters.xhtml#rtp-parameters-4)).
pub mod packet_type {
    /// Sender report ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)).
    pub const SR: u8 = 200;
    /// Receiver report ([RFC 3550 §6.4.2](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2)).
    pub const RR: u8 = 201;
    /// Source description ([RFC 3550 §6.5](https://www.rfc-editor.org/rfc/rfc3550#section-6.5)).
    pub const SDES: u8 = 202;
    /// Goodbye ([RFC 3550 §6.6](https://www.rfc-editor.org/rfc/rfc3550#section-6.6)).
    pub const BYE: u8 = 203;
    /// Application-defined ([RFC 3550 §6.7](https://www.rfc-editor.org/rfc/rfc3550#section-6.7)).
    pub const APP: u8 = 204;
    /// Transport-layer feedback ([RFC 4585 §6.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.2)).
    pub const RTPFB: u8 = 205;
    /// Payload-specific feedback ([RFC 4585 §6.3](https://www.rfc-editor.org/rfc/rfc4585#section-6.3)).
    pub const PSFB: u8 = 206;
    /// Extended report ([RFC 3611 §3](https://www.rfc-editor.org/rfc/rfc3611#section-3)).
    pub const XR: u8 = 207;
}

/// Length of the common header: `V P count | PT | length`.
pub const HEADER_LEN: usize = 4;

/// Why an RTCP packet could not be read.
///
/// Offsets are counted from the first byte of the packet; [`CompoundError`] adds the
/// packet's index and offset within its datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RtcpError {
    /// A field runs past the end of the packet.
    Truncated {
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// Bytes the field needs from `offset`.
        needed: usize,
        /// Bytes there are from `offset`.
        available: usize,
    },
    /// The version field is not 2.
    UnsupportedVersion(u8),
    /// The length field covers more bytes than the datagram holds.
    LengthOverrun {
        /// Bytes the length field announces, header included.
        length: usize,
        /// Bytes there are.
        available: usize,
    },
    /// The P bit is set but the last byte is not a usable padding count.
    InvalidPadding {
        /// The padding count read from the last byte.
        count: u8,
        /// The most padding the packet has room for (its length less the header).
        room: usize,
    },
    /// The packet type is not the one the view was asked to read.
    WrongPacketType {
        /// The type the view reads.
        expected: u8,
        /// The type in the header.
        found: u8,
    },
    /// A field holds a value the specification does not allow.
    InvalidValue {
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// The value found.
        value: u32,
    },
}

impl fmt::Display for RtcpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "{field} at byte {offset} needs {needed} bytes, {available} remain"
            ),
            Self::UnsupportedVersion(v) => write!(f, "version {v} is not RTCP version 2"),
            Self::LengthOverrun { length, available } => write!(
                f,
                "length field announces {length} bytes, {available} remain"
            ),
            Self::InvalidPadding { count, room } => {
                write!(f, "padding count {count} is invalid: must be 1 to {room}")
            }
            Self::WrongPacketType { expected, found } => {
                write!(f, "packet type {found} is not the expected {expected}")
            }
            Self::InvalidValue {
                field,
                offset,
                value,
            } => write!(f, "{field} at byte {offset} has invalid value {value}"),
        }
    }
}

impl core::error::Error for RtcpError {}

/// Fails with [`RtcpError::Truncated`] unless `buf` has `needed` bytes from `offset`.
#[inline]
pub(crate) fn need(
    buf: &[u8],
    field: &'static str,
    offset: usize,
    needed: usize,
) -> Result<(), RtcpError> {
    let available = buf.len().saturating_sub(offset);
    if needed > available {
        Err(RtcpError::Truncated {
            field,
            offset,
            needed,
            available,
        })
    } else {
        Ok(())
    }
}

/// Like [`need`] for a field at `offset` within the body of a packet (after the common
/// header); the error counts its offset from the start of the packet.
#[inline]
pub(crate) fn need_body(
    body: &[u8],
    field: &'static str,
    offset: usize,
    needed: usize,
) -> Result<(), RtcpError> {
    need(body, field, offset, needed).map_err(|e| e.shifted(HEADER_LEN))
}

/// An [`RtcpError::InvalidValue`] for an FCI (or other region) of a length its format
/// does not allow; the offset is that of the region, moved later by the caller.
#[inline]
pub(crate) fn invalid_fci_len(field: &'static str, len: usize) -> RtcpError {
    RtcpError::InvalidValue {
        field,
        offset: 0,
        value: u32::try_from(len).unwrap_or(u32::MAX),
    }
}

impl RtcpError {
    /// The same error with its offset moved `by` bytes later (for an error found in a
    /// sub-slice).
    pub(crate) fn shifted(self, by: usize) -> Self {
        match self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => Self::Truncated {
                field,
                offset: offset + by,
                needed,
                available,
            },
            Self::InvalidValue {
                field,
                offset,
                value,
            } => Self::InvalidValue {
                field,
                offset: offset + by,
                value,
            },
            other => other,
        }
    }
}

/// One RTCP packet of any type: the common header and its body
/// ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1), the first
/// word of every packet).
///
/// The view covers exactly the bytes the length field announces. After
/// [`RawRtcp::new_checked`] succeeds no accessor panics.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawRtcp<'a> {
    /// The whole packet.
    packet: &'a [u8],
    /// The packet after the header, padding excluded: every typed view reads it, so it
    /// is cut once.
    body: &'a [u8],
}

impl<'a> RawRtcp<'a> {
    /// Reads the packet at the start of `buf`: the version must be 2, the length field
    /// must fit in `buf` and, with the P bit set, the last byte must be a padding
    /// count from 1 to the packet length less the header. Bytes after the packet are
    /// not part of the view.
    #[inline]
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        let Some(&[first, _, len_hi, len_lo]) = buf.first_chunk::<HEADER_LEN>() else {
            return Err(RtcpError::Truncated {
                field: "common header",
                offset: 0,
                needed: HEADER_LEN,
                available: buf.len(),
            });
        };
        let version = first >> 6;
        if version != 2 {
            return Err(RtcpError::UnsupportedVersion(version));
        }
        let length = (usize::from(u16::from_be_bytes([len_hi, len_lo])) + 1) * 4;
        let Some(packet) = buf.get(..length) else {
            return Err(RtcpError::LengthOverrun {
                length,
                available: buf.len(),
            });
        };
        // `length` is at least 4.
        let rest = packet.get(HEADER_LEN..).unwrap_or(&[]);
        let mut body = rest;
        if first & 0x20 != 0 {
            let count = rest.last().copied().unwrap_or(0);
            body = match rest.len().checked_sub(usize::from(count)) {
                Some(end) if count > 0 => rest.get(..end).unwrap_or(&[]),
                _ => {
                    return Err(RtcpError::InvalidPadding {
                        count,
                        room: rest.len(),
                    });
                }
            };
        }
        Ok(Self { packet, body })
    }

    /// The version field (always 2 on a checked view).
    #[inline]
    pub fn version(&self) -> u8 {
        bytes::u8_at(self.packet, 0) >> 6
    }

    /// Whether the P bit is set.
    #[inline]
    pub fn has_padding(&self) -> bool {
        bytes::u8_at(self.packet, 0) & 0x20 != 0
    }

    /// The 5-bit field after the P bit: a report or source count, the feedback
    /// message type (FMT) or the APP subtype, depending on the packet type.
    #[inline]
    pub fn count(&self) -> u8 {
        bytes::u8_at(self.packet, 0) & 0x1f
    }

    /// The packet type (see [`packet_type`]).
    #[inline]
    pub fn packet_type(&self) -> u8 {
        bytes::u8_at(self.packet, 1)
    }

    /// The length field: the packet length in 32-bit words, minus one.
    #[inline]
    pub fn length_field(&self) -> u16 {
        bytes::u16_at(self.packet, 2)
    }

    /// The packet length in bytes, header and padding included.
    #[inline]
    pub fn len(&self) -> usize {
        self.packet.len()
    }

    /// Always false: a packet has at least its header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.packet.is_empty()
    }

    /// Bytes of padding at the end of the packet, the count byte included (0 without
    /// the P bit).
    #[inline]
    pub fn padding_len(&self) -> usize {
        self.packet.len() - HEADER_LEN - self.body.len()
    }

    /// The packet after the common header, padding excluded.
    #[inline]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The packet after the common header up to its end, padding included.
    #[inline]
    pub fn padded_body(&self) -> &'a [u8] {
        self.packet.get(HEADER_LEN..).unwrap_or(&[])
    }

    /// The padding bytes, count byte included (empty without the P bit).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        self.packet
            .get(HEADER_LEN + self.body.len()..)
            .unwrap_or(&[])
    }

    /// The whole packet.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.packet
    }

    /// Fails unless the packet type is `expected`.
    #[inline]
    pub(crate) fn expect_type(self, expected: u8) -> Result<Self, RtcpError> {
        let found = self.packet_type();
        if found == expected {
            Ok(self)
        } else {
            Err(RtcpError::WrongPacketType { expected, found })
        }
    }
}

impl fmt::Debug for RawRtcp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRtcp")
            .field("padding", &self.has_padding())
            .field("count", &self.count())
            .field("packet_type", &self.packet_type())
            .field("length_field", &self.length_field())
            .field("body_len", &self.body().len())
            .finish()
    }
}

/// A packet of unknown type, written back as it came: header fields and body.
///
/// Also the way to write a packet type this crate has no `Repr` for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RawRtcpRepr<'a> {
    /// The 5-bit count/FMT/subtype field.
    pub count: u8,
    /// The packet type.
    pub packet_type: u8,
    /// The body after the common header; its length must be a multiple of 4.
    pub body: &'a [u8],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> RawRtcpRepr<'a> {
    /// The fields of a parsed packet.
    pub fn parse(raw: &RawRtcp<'a>) -> Self {
        Self {
            count: raw.count(),
            packet_type: raw.packet_type(),
            body: raw.body(),
            padding: padding_count(raw),
        }
    }
}

impl RtcpWrite for RawRtcpRepr<'_> {
    fn buffer_len(&self) -> usize {
        HEADER_LEN + self.body.len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        emit_packet(
            buf,
            self.count,
            self.packet_type,
            self.body.len(),
            self.padding,
            |w| Ok(w.put(self.body)?),
        )
    }
}

/// Any RTCP packet, by type ([RFC 3550 §6](https://www.rfc-editor.org/rfc/rfc3550#section-6)).
///
/// Packet types this crate does not know are [`RtcpPacket::Unknown`], a value like
/// any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RtcpPacket<'a> {
    /// Sender report, PT 200.
    SenderReport(SenderReport<'a>),
    /// Receiver report, PT 201.
    ReceiverReport(ReceiverReport<'a>),
    /// Source description, PT 202.
    Sdes(Sdes<'a>),
    /// Goodbye, PT 203.
    Bye(Bye<'a>),
    /// Application-defined, PT 204.
    App(App<'a>),
    /// Transport-layer feedback (NACK, TMMBR, transport-cc, RFC 8888...), PT 205.
    RtpFeedback(RtpFeedback<'a>),
    /// Payload-specific feedback (PLI, SLI, RPSI, FIR, REMB...), PT 206.
    PayloadFeedback(PayloadFeedback<'a>),
    /// Extended report, PT 207.
    ExtendedReport(ExtendedReport<'a>),
    /// Any other packet type.
    Unknown(RawRtcp<'a>),
}

impl<'a> RtcpPacket<'a> {
    /// Reads the packet at the start of `buf` (bytes after it are ignored) as the type
    /// its header names.
    #[inline]
    pub fn parse(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as the type its header names.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        Ok(match raw.packet_type() {
            packet_type::SR => Self::SenderReport(SenderReport::from_raw(raw)?),
            packet_type::RR => Self::ReceiverReport(ReceiverReport::from_raw(raw)?),
            packet_type::SDES => Self::Sdes(Sdes::from_raw(raw)?),
            packet_type::BYE => Self::Bye(Bye::from_raw(raw)?),
            packet_type::APP => Self::App(App::from_raw(raw)?),
            packet_type::RTPFB => Self::RtpFeedback(RtpFeedback::from_raw(raw)?),
            packet_type::PSFB => Self::PayloadFeedback(PayloadFeedback::from_raw(raw)?),
            packet_type::XR => Self::ExtendedReport(ExtendedReport::from_raw(raw)?),
            _ => Self::Unknown(raw),
        })
    }

    /// The packet as raw header and body.
    pub fn raw(&self) -> RawRtcp<'a> {
        match self {
            Self::SenderReport(p) => p.raw(),
            Self::ReceiverReport(p) => p.raw(),
            Self::Sdes(p) => p.raw(),
            Self::Bye(p) => p.raw(),
            Self::App(p) => p.raw(),
            Self::RtpFeedback(p) => p.raw(),
            Self::PayloadFeedback(p) => p.raw(),
            Self::ExtendedReport(p) => p.raw(),
            Self::Unknown(p) => *p,
        }
    }
}

/// A packet that can be written: the `…Repr` types of this module.
///
/// Writers compute the length field, the count field and padding themselves.
pub trait RtcpWrite {
    /// Bytes [`emit`](RtcpWrite::emit) writes: the whole packet, header and padding
    /// included (a multiple of 4 when the `Repr` is valid).
    fn buffer_len(&self) -> usize;

    /// Writes the packet at the start of `buf` and returns its length.
    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError>;

    /// Appends the packet to `out` and returns its length.
    #[cfg(feature = "alloc")]
    fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        bytes::emit_vec(out, self.buffer_len(), |buf| self.emit(buf))
    }
}

/// The padding count of a parsed packet (0 without the P bit).
pub(crate) fn padding_count(raw: &RawRtcp<'_>) -> u8 {
    u8::try_from(raw.padding_len()).unwrap_or(0)
}

/// Writes one packet: the common header with the length computed, `body_len` bytes
/// from `body`, then `padding` bytes of padding (zeros, the last one the count).
///
/// `body_len + padding` must be a multiple of 4 and `count` must fit 5 bits.
pub(crate) fn emit_packet(
    buf: &mut [u8],
    count: u8,
    packet_type: u8,
    body_len: usize,
    padding: u8,
    body: impl FnOnce(&mut Writer<'_>) -> Result<(), EmitError>,
) -> Result<usize, EmitError> {
    bytes::check_max("count", usize::from(count), 0x1f)?;
    let total = HEADER_LEN + body_len + usize::from(padding);
    if total % 4 != 0 {
        return Err(EmitError::InvalidValue {
            field: "packet length (not a multiple of 4 bytes)",
            value: total as u64,
        });
    }
    bytes::check_max("length", total / 4 - 1, 0xffff)?;
    let mut w = Writer::new(buf);
    w.reserve(total)?;
    let p_bit = if padding > 0 { 0x20 } else { 0 };
    w.u8(0x80 | p_bit | count)?;
    w.u8(packet_type)?;
    w.u16((total / 4 - 1) as u16)?;
    body(&mut w)?;
    if w.position() != HEADER_LEN + body_len {
        return Err(EmitError::InvalidValue {
            field: "body length",
            value: (w.position() - HEADER_LEN) as u64,
        });
    }
    if padding > 0 {
        w.zeros(usize::from(padding) - 1)?;
        w.u8(padding)?;
    }
    Ok(w.position())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_header_fields() {
        // RR, RC=1, length 7 words + 1 = 32 bytes; the 4 trailing bytes are not ours.
        let mut buf = [0u8; 36];
        buf[..4].copy_from_slice(&[0x81, 201, 0x00, 0x07]);
        let raw = RawRtcp::new_checked(&buf).unwrap();
        assert_eq!(raw.version(), 2);
        assert!(!raw.has_padding());
        assert_eq!(raw.count(), 1);
        assert_eq!(raw.packet_type(), packet_type::RR);
        assert_eq!(raw.len(), 32);
        assert_eq!(raw.body().len(), 28);
    }

    #[test]
    fn header_errors() {
        assert!(matches!(
            RawRtcp::new_checked(&[0x80, 200, 0]),
            Err(RtcpError::Truncated {
                needed: 4,
                available: 3,
                ..
            })
        ));
        assert_eq!(
            RawRtcp::new_checked(&[0x40, 200, 0, 0]),
            Err(RtcpError::UnsupportedVersion(1))
        );
        // Length 1 announces 8 bytes; 6 given.
        assert_eq!(
            RawRtcp::new_checked(&[0x80, 200, 0, 1, 0, 0]),
            Err(RtcpError::LengthOverrun {
                length: 8,
                available: 6
            })
        );
        // P bit with a count of 0, and with a count larger than the body (8 - 4 = 4).
        assert_eq!(
            RawRtcp::new_checked(&[0xa0, 204, 0, 1, 0, 0, 0, 0]),
            Err(RtcpError::InvalidPadding { count: 0, room: 4 })
        );
        assert_eq!(
            RawRtcp::new_checked(&[0xa0, 204, 0, 1, 0, 0, 0, 5]),
            Err(RtcpError::InvalidPadding { count: 5, room: 4 })
        );
    }

    #[test]
    fn padding_is_excluded_from_body() {
        // APP-typed packet: 4 header + 4 body + 4 padding (count 4).
        let buf = [0xa0, 250, 0, 2, 1, 2, 3, 4, 0, 0, 0, 4];
        let raw = RawRtcp::new_checked(&buf).unwrap();
        assert_eq!(raw.padding_len(), 4);
        assert_eq!(raw.body(), &[1, 2, 3, 4]);
        let p = RtcpPacket::parse(&buf).unwrap();
        assert!(matches!(p, RtcpPacket::Unknown(_)));
        let repr = RawRtcpRepr::parse(&raw);
        let mut out = [0u8; 12];
        assert_eq!(repr.emit(&mut out), Ok(12));
        assert_eq!(out, buf);
    }

    #[test]
    fn emit_rejects_bad_lengths() {
        let mut out = [0u8; 16];
        let repr = RawRtcpRepr {
            count: 0,
            packet_type: 250,
            body: &[1, 2, 3],
            padding: 0,
        };
        assert!(matches!(
            repr.emit(&mut out),
            Err(EmitError::InvalidValue { .. })
        ));
        let repr = RawRtcpRepr {
            count: 32,
            packet_type: 250,
            body: &[],
            padding: 0,
        };
        assert!(matches!(
            repr.emit(&mut out),
            Err(EmitError::FieldOverflow { max: 31, .. })
        ));
        let repr = RawRtcpRepr {
            count: 0,
            packet_type: 250,
            body: &[0; 16],
            padding: 0,
        };
        assert_eq!(
            repr.emit(&mut out),
            Err(EmitError::BufferTooSmall {
                needed: 20,
                available: 16
            })
        );
    }
}
