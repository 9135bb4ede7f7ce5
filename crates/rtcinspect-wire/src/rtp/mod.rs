//! RTP packets ([RFC 3550 §5.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.1))
//! and header extensions ([RFC 8285](https://www.rfc-editor.org/rfc/rfc8285)).
//!
//! [`RtpPacket`] is a view over a buffer. [`RtpPacket::new_checked`] validates the
//! version, the CSRC list, the header extension and the padding once; after it
//! succeeds no accessor can fail or panic. With a mutable buffer the same view edits
//! the marker bit, payload type, sequence number, timestamp, SSRC and CSRCs in place.
//!
//! Header extensions are read by [`RtpPacket::extension`] as RFC 8285 elements
//! `(id, bytes)`; an [`ExtensionMap`] (filled from SDP `a=extmap` lines) says what each
//! ID means and decodes the value into an [`Extension`]. [`RtpRepr`] writes a packet,
//! choosing the one- or two-byte extension form as the elements require.
//!
//! ```
//! use rtcinspect_wire::rtp::{
//!     Extension, ExtensionElement, ExtensionKind, ExtensionMap, ExtensionRepr, RtpPacket, RtpRepr,
//! };
//!
//! // Write an Opus packet with an audio level extension (ID 1): voice, -42 dBov.
//! let elements = [ExtensionElement { id: 1, data: &[0x80 | 42] }];
//! let repr = RtpRepr {
//!     payload_type: 111,
//!     sequence_number: 0xfffe,
//!     timestamp: 960,
//!     ssrc: 0x1234_5678,
//!     extension: Some(ExtensionRepr::Elements(&elements)),
//!     payload: &[0xfc, 0xff, 0xfe],
//!     ..Default::default()
//! };
//! let mut buf = [0u8; 64];
//! let len = repr.emit(&mut buf)?;
//!
//! // Read it back.
//! let packet = RtpPacket::new_checked(&buf[..len]).unwrap();
//! assert_eq!(packet.sequence_number(), 0xfffe);
//! assert_eq!(packet.payload(), &[0xfc, 0xff, 0xfe]);
//! let mut map = ExtensionMap::new();
//! map.insert(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level").unwrap();
//! let element = packet.extension().unwrap().elements().next().unwrap().unwrap();
//! assert_eq!(
//!     map.decode(&element),
//!     Some(Ok(Extension::AudioLevel { voice_activity: true, level: 42 }))
//! );
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

use crate::bytes;

mod ext;
pub mod payload;
mod repr;

pub use ext::{
    ColorSpace, DependencyDescriptorHeader, Extension, ExtensionElement, ExtensionElements,
    ExtensionForm, ExtensionKind, ExtensionMap, ExtensionMapError, HeaderExtension,
    TransportFeedbackRequest, VideoTiming, uri,
};
pub use repr::{CsrcList, ExtensionRepr, RtpRepr};

/// Field offsets of the fixed header.
mod field {
    use core::ops::Range;

    /// V, P, X, CC.
    pub(crate) const FLAGS: usize = 0;
    /// M, PT.
    pub(crate) const MARKER_PT: usize = 1;
    pub(crate) const SEQ: Range<usize> = 2..4;
    pub(crate) const TIMESTAMP: Range<usize> = 4..8;
    pub(crate) const SSRC: Range<usize> = 8..12;
    pub(crate) const CSRC: usize = 12;
}

/// Length of the fixed header, without CSRCs or extension.
pub const MIN_HEADER_LEN: usize = field::CSRC;

/// Why an RTP packet or one of its header extensions could not be read.
///
/// Offsets count from the first byte of the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RtpError {
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
    /// The P bit is set but the last byte is not a usable padding count.
    InvalidPadding {
        /// The padding count read from the last byte.
        count: u8,
        /// Bytes after the header: the most padding there is room for.
        room: usize,
    },
    /// An RFC 8285 element uses ID 0 with a non-zero length in the one-byte form,
    /// which is reserved for padding bytes (RFC 8285 §4.2).
    ReservedExtensionId {
        /// Offset of the element header.
        offset: usize,
    },
    /// A known header extension has a length its definition does not allow.
    ExtensionLength {
        /// The extension.
        kind: ExtensionKind,
        /// Its length in bytes.
        len: usize,
    },
    /// A header extension holds a value its definition does not allow.
    ExtensionValue {
        /// The extension.
        kind: ExtensionKind,
        /// The field, as the specification names it.
        field: &'static str,
        /// The value.
        value: u32,
    },
}

impl fmt::Display for RtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "RTP {field} at byte {offset} needs {needed} bytes, {available} remain"
            ),
            Self::UnsupportedVersion(v) => write!(f, "RTP version {v} is not 2"),
            Self::InvalidPadding { count, room } => write!(
                f,
                "RTP padding count {count} is invalid: must be 1 to {room}"
            ),
            Self::ReservedExtensionId { offset } => write!(
                f,
                "RTP header extension element at byte {offset} uses reserved ID 0 with a length"
            ),
            Self::ExtensionLength { kind, len } => {
                write!(
                    f,
                    "{} header extension of {len} bytes is malformed",
                    kind.name()
                )
            }
            Self::ExtensionValue { kind, field, value } => write!(
                f,
                "{} header extension: {field} {value} is not allowed",
                kind.name()
            ),
        }
    }
}

impl core::error::Error for RtpError {}

/// An RTP packet ([RFC 3550 §5.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.1)):
/// a view over a buffer holding exactly one packet (a UDP payload).
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// |                           timestamp                           |
/// |           synchronization source (SSRC) identifier            |
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// |      defined by profile       |           length              |
/// |                        header extension                       |
/// |                            payload  ...                       |
/// |                               |  padding      | padding count |
/// ```
///
/// Read accessors work for any `T: AsRef<[u8]>`; those that hand out slices
/// borrowing the buffer ([`payload`](RtpPacket::payload), [`csrcs`](RtpPacket::csrcs),
/// [`extension`](RtpPacket::extension)) are on `RtpPacket<&'a T>` (use
/// [`view`](RtpPacket::view) on an owned buffer); setters need
/// `T: AsMut<[u8]>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RtpPacket<T: AsRef<[u8]>> {
    buffer: T,
    /// Length of the fixed header, CSRCs and extension, worked out once when the view
    /// is made (nothing the view can edit changes it): the payload, padding and
    /// extension accessors all start from it.
    header_len: usize,
}

impl<T: AsRef<[u8]>> RtpPacket<T> {
    /// Wraps a buffer without checking it: for writing into a fresh buffer. Accessors
    /// on an unchecked view return zeros or empty slices where the buffer is short,
    /// never panic.
    #[inline]
    pub fn new_unchecked(buffer: T) -> Self {
        let header_len = unchecked_header_len(buffer.as_ref());
        Self { buffer, header_len }
    }

    /// Wraps a buffer holding one RTP packet, checking it fully: version 2, the CSRC
    /// list and header extension within the buffer, and with the P bit a padding
    /// count from 1 to the bytes after the header.
    #[inline]
    pub fn new_checked(buffer: T) -> Result<Self, RtpError> {
        let header_len = check_header_len(buffer.as_ref())?;
        let packet = Self { buffer, header_len };
        packet.check_padding()?;
        Ok(packet)
    }

    /// Like [`new_checked`](Self::new_checked), but without checking the padding
    /// count: for SRTP, where the padding is encrypted and the last byte of the
    /// datagram is the authentication tag. On such a view
    /// [`padding_len`](Self::padding_len) is clamped to the room after the header.
    #[inline]
    pub fn new_checked_header(buffer: T) -> Result<Self, RtpError> {
        let header_len = check_header_len(buffer.as_ref())?;
        Ok(Self { buffer, header_len })
    }

    /// Checks the header lengths and the padding (see [`new_checked`](Self::new_checked)).
    #[inline]
    pub fn check_len(&self) -> Result<(), RtpError> {
        check_header_len(self.buffer.as_ref())?;
        self.check_padding()
    }

    /// With the P bit set, checks the padding count against the room after the header.
    #[inline]
    fn check_padding(&self) -> Result<(), RtpError> {
        if self.has_padding() {
            let b = self.buffer.as_ref();
            let count = b.last().copied().unwrap_or(0);
            let room = b.len().saturating_sub(self.header_len);
            if count == 0 || usize::from(count) > room {
                return Err(RtpError::InvalidPadding { count, room });
            }
        }
        Ok(())
    }

    /// The underlying buffer.
    #[inline]
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// A view borrowing this one's buffer, for the slice accessors.
    #[inline]
    pub fn view(&self) -> RtpPacket<&[u8]> {
        RtpPacket {
            buffer: self.buffer.as_ref(),
            header_len: self.header_len,
        }
    }

    /// The version field (2 on a checked view).
    #[inline]
    pub fn version(&self) -> u8 {
        bytes::u8_at(self.buffer.as_ref(), field::FLAGS) >> 6
    }

    /// Whether the P bit is set.
    #[inline]
    pub fn has_padding(&self) -> bool {
        bytes::u8_at(self.buffer.as_ref(), field::FLAGS) & 0x20 != 0
    }

    /// Whether the X bit is set: a header extension follows the CSRCs.
    #[inline]
    pub fn has_extension(&self) -> bool {
        bytes::u8_at(self.buffer.as_ref(), field::FLAGS) & 0x10 != 0
    }

    /// The CSRC count (CC), 0–15.
    #[inline]
    pub fn csrc_count(&self) -> u8 {
        bytes::u8_at(self.buffer.as_ref(), field::FLAGS) & 0x0f
    }

    /// The marker bit.
    #[inline]
    pub fn marker(&self) -> bool {
        bytes::u8_at(self.buffer.as_ref(), field::MARKER_PT) & 0x80 != 0
    }

    /// The payload type, 0–127.
    #[inline]
    pub fn payload_type(&self) -> u8 {
        bytes::u8_at(self.buffer.as_ref(), field::MARKER_PT) & 0x7f
    }

    /// The sequence number.
    #[inline]
    pub fn sequence_number(&self) -> u16 {
        bytes::u16_at(self.buffer.as_ref(), field::SEQ.start)
    }

    /// The RTP timestamp.
    #[inline]
    pub fn timestamp(&self) -> u32 {
        bytes::u32_at(self.buffer.as_ref(), field::TIMESTAMP.start)
    }

    /// The synchronization source.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.buffer.as_ref(), field::SSRC.start)
    }

    /// The CSRC at `index` (0-based), if the CSRC count covers it.
    #[inline]
    pub fn csrc(&self, index: usize) -> Option<u32> {
        if index < usize::from(self.csrc_count()) {
            Some(bytes::u32_at(self.buffer.as_ref(), field::CSRC + index * 4))
        } else {
            None
        }
    }

    /// The profile field of the header extension (`0xBEDE` for RFC 8285 one-byte
    /// elements, `0x1000`–`0x100F` for two-byte elements), if there is one.
    #[inline]
    pub fn extension_profile(&self) -> Option<u16> {
        self.has_extension()
            .then(|| bytes::u16_at(self.buffer.as_ref(), self.extension_offset()))
    }

    /// Offset of the header extension (right after the CSRCs).
    #[inline]
    fn extension_offset(&self) -> usize {
        field::CSRC + usize::from(self.csrc_count()) * 4
    }

    /// Length of the header: fixed part, CSRCs and header extension.
    #[inline]
    pub fn header_len(&self) -> usize {
        self.header_len
    }

    /// Bytes of padding at the end, the count byte included (0 without the P bit).
    #[inline]
    pub fn padding_len(&self) -> usize {
        self.padding_after(self.header_len())
    }

    /// The padding length given the header length (clamped to the room after it).
    #[inline]
    fn padding_after(&self, header_len: usize) -> usize {
        if !self.has_padding() {
            return 0;
        }
        let b = self.buffer.as_ref();
        let count = usize::from(b.last().copied().unwrap_or(0));
        count.min(b.len().saturating_sub(header_len))
    }

    /// Length of the payload: what is left between the header and the padding.
    #[inline]
    pub fn payload_len(&self) -> usize {
        let header_len = self.header_len();
        self.buffer
            .as_ref()
            .len()
            .saturating_sub(header_len + self.padding_after(header_len))
    }

    /// Length of the whole packet.
    #[inline]
    pub fn len(&self) -> usize {
        self.buffer.as_ref().len()
    }

    /// Whether the buffer is empty (never, on a checked view).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buffer.as_ref().is_empty()
    }
}

impl<'a, T: AsRef<[u8]> + ?Sized> RtpPacket<&'a T> {
    /// The CSRCs.
    #[inline]
    pub fn csrcs(&self) -> Csrcs<'a> {
        let len = usize::from(self.csrc_count()) * 4;
        Csrcs::new(bytes::slice(self.buffer.as_ref(), field::CSRC, len))
    }

    /// The header extension, if the X bit is set.
    #[inline]
    pub fn extension(&self) -> Option<HeaderExtension<'a>> {
        if !self.has_extension() {
            return None;
        }
        let b = self.buffer.as_ref();
        let at = self.extension_offset();
        // The data runs from after the extension header to the end of the header.
        Some(HeaderExtension::new(
            bytes::u16_at(b, at),
            b.get(at + 4..self.header_len).unwrap_or(&[]),
            at + 4,
        ))
    }

    /// The payload, without header or padding.
    #[inline]
    pub fn payload(&self) -> &'a [u8] {
        let b = self.buffer.as_ref();
        let start = self.header_len();
        let end = b.len().saturating_sub(self.padding_after(start));
        b.get(start..end).unwrap_or(&[])
    }

    /// The padding, count byte included (empty without the P bit).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        let b = self.buffer.as_ref();
        let len = self.padding_len();
        bytes::slice(b, b.len() - len, len)
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> RtpPacket<T> {
    /// Sets the marker bit.
    #[inline]
    pub fn set_marker(&mut self, marker: bool) {
        let b = self.buffer.as_mut();
        if let Some(byte) = b.get_mut(field::MARKER_PT) {
            *byte = (*byte & 0x7f) | if marker { 0x80 } else { 0 };
        }
    }

    /// Sets the payload type (its low 7 bits).
    #[inline]
    pub fn set_payload_type(&mut self, payload_type: u8) {
        let b = self.buffer.as_mut();
        if let Some(byte) = b.get_mut(field::MARKER_PT) {
            *byte = (*byte & 0x80) | (payload_type & 0x7f);
        }
    }

    /// Sets the sequence number.
    #[inline]
    pub fn set_sequence_number(&mut self, sequence_number: u16) {
        bytes::put(
            self.buffer.as_mut(),
            field::SEQ.start,
            &sequence_number.to_be_bytes(),
        );
    }

    /// Sets the timestamp.
    #[inline]
    pub fn set_timestamp(&mut self, timestamp: u32) {
        bytes::put(
            self.buffer.as_mut(),
            field::TIMESTAMP.start,
            &timestamp.to_be_bytes(),
        );
    }

    /// Sets the SSRC.
    #[inline]
    pub fn set_ssrc(&mut self, ssrc: u32) {
        bytes::put(self.buffer.as_mut(), field::SSRC.start, &ssrc.to_be_bytes());
    }

    /// Sets the CSRC at `index`; does nothing if the CSRC count does not cover it.
    #[inline]
    pub fn set_csrc(&mut self, index: usize, csrc: u32) {
        if index < usize::from(self.csrc_count()) {
            bytes::put(
                self.buffer.as_mut(),
                field::CSRC + index * 4,
                &csrc.to_be_bytes(),
            );
        }
    }

    /// The payload, to edit in place.
    #[inline]
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let start = self.header_len();
        let len = self.payload_len();
        self.buffer
            .as_mut()
            .get_mut(start..start + len)
            .unwrap_or_default()
    }
}

/// Iterator over the CSRCs of an RTP packet.
pub type Csrcs<'a> = crate::entries::Entries<'a, u32>;

/// Checks the fixed header, CSRC list and extension of `b`; returns the header length.
#[inline]
fn check_header_len(b: &[u8]) -> Result<usize, RtpError> {
    let Some(&[first, ..]) = b.first_chunk::<MIN_HEADER_LEN>() else {
        return Err(truncated("fixed header", 0, MIN_HEADER_LEN, b.len()));
    };
    let version = first >> 6;
    if version != 2 {
        return Err(RtpError::UnsupportedVersion(version));
    }
    let csrc_len = usize::from(first & 0x0f) * 4;
    let mut len = MIN_HEADER_LEN + csrc_len;
    if b.len() < len {
        return Err(truncated("CSRC list", MIN_HEADER_LEN, csrc_len, b.len()));
    }
    if first & 0x10 != 0 {
        if b.len() < len + 4 {
            return Err(truncated("header extension header", len, 4, b.len()));
        }
        let ext_len = usize::from(bytes::u16_at(b, len + 2)) * 4;
        len += 4;
        if b.len() < len + ext_len {
            return Err(truncated("header extension", len, ext_len, b.len()));
        }
        len += ext_len;
    }
    Ok(len)
}

/// The header length `b` announces, clamped to its length (for unchecked views).
fn unchecked_header_len(b: &[u8]) -> usize {
    let first = bytes::u8_at(b, field::FLAGS);
    let mut len = field::CSRC + usize::from(first & 0x0f) * 4;
    if first & 0x10 != 0 {
        len += 4 + usize::from(bytes::u16_at(b, len + 2)) * 4;
    }
    len.min(b.len())
}

#[inline]
fn truncated(field: &'static str, offset: usize, needed: usize, len: usize) -> RtpError {
    RtpError::Truncated {
        field,
        offset,
        needed,
        available: len.saturating_sub(offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RTP with CC=2, a one-byte extension and 4 bytes of padding.
    const PACKET: [u8; 40] = [
        0xb2, 0xe0, 0x12, 0x34, // V=2 P=1 X=1 CC=2, M=1 PT=96, seq 0x1234
        0x00, 0x01, 0xe2, 0x40, // timestamp 123456
        0xca, 0xfe, 0xba, 0xbe, // SSRC
        0x00, 0x00, 0x00, 0x0a, // CSRC 10
        0x00, 0x00, 0x00, 0x0b, // CSRC 11
        0xbe, 0xde, 0x00, 0x01, // one-byte extension, 1 word
        0x10, 0xff, 0x00, 0x00, // ID 1 L=0 (1 byte 0xff), 2 padding bytes
        0xaa, 0xbb, 0xcc, 0xdd, // payload
        0xee, 0x00, 0x00, 0x00, // payload, padding...
        0x00, 0x00, 0x00, 0x07, // ... 7 bytes of padding, count included
    ];

    #[test]
    fn deconstruct() {
        let p = RtpPacket::new_checked(&PACKET[..]).unwrap();
        assert_eq!(p.version(), 2);
        assert!(p.has_padding());
        assert!(p.has_extension());
        assert_eq!(p.csrc_count(), 2);
        assert!(p.marker());
        assert_eq!(p.payload_type(), 96);
        assert_eq!(p.sequence_number(), 0x1234);
        assert_eq!(p.timestamp(), 123_456);
        assert_eq!(p.ssrc(), 0xcafe_babe);
        assert_eq!(p.csrcs().collect::<Vec<_>>(), [10, 11]);
        assert_eq!(p.csrc(1), Some(11));
        assert_eq!(p.csrc(2), None);
        assert_eq!(p.extension_profile(), Some(0xbede));
        assert_eq!(p.header_len(), 28);
        assert_eq!(p.padding_len(), 7);
        assert_eq!(p.payload(), &[0xaa, 0xbb, 0xcc, 0xdd, 0xee]);
        assert_eq!(p.padding(), &[0, 0, 0, 0, 0, 0, 7]);
        let ext = p.extension().unwrap();
        let elements: Vec<_> = ext.elements().collect();
        assert_eq!(
            elements,
            [Ok(ExtensionElement {
                id: 1,
                data: &[0xff]
            })]
        );
    }

    #[test]
    fn setters_edit_in_place() {
        let mut buf = PACKET;
        let mut p = RtpPacket::new_checked(&mut buf[..]).unwrap();
        p.set_marker(false);
        p.set_payload_type(111);
        p.set_sequence_number(0xfffe);
        p.set_timestamp(0xdead_beef);
        p.set_ssrc(0x0102_0304);
        p.set_csrc(0, 99);
        p.set_csrc(5, 1); // beyond CC: ignored
        p.payload_mut()[0] = 0x55;
        let p = RtpPacket::new_checked(&buf[..]).unwrap();
        assert!(!p.marker());
        assert_eq!(p.payload_type(), 111);
        assert_eq!(p.sequence_number(), 0xfffe);
        assert_eq!(p.timestamp(), 0xdead_beef);
        assert_eq!(p.ssrc(), 0x0102_0304);
        assert!(p.csrcs().eq([99, 11]));
        assert_eq!(p.payload()[0], 0x55);
        // Only the edited bytes changed.
        assert_eq!(buf[1], 111);
        assert_eq!(&buf[24..28], &PACKET[24..28]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            RtpPacket::new_checked(&PACKET[..11]),
            Err(RtpError::Truncated {
                field: "fixed header",
                offset: 0,
                needed: 12,
                available: 11
            })
        );
        let mut v1 = PACKET;
        v1[0] = 0x72;
        assert_eq!(
            RtpPacket::new_checked(&v1[..]),
            Err(RtpError::UnsupportedVersion(1))
        );
        // CC=2 needs 8 bytes after the fixed header.
        assert_eq!(
            RtpPacket::new_checked(&PACKET[..16]),
            Err(RtpError::Truncated {
                field: "CSRC list",
                offset: 12,
                needed: 8,
                available: 4
            })
        );
        assert_eq!(
            RtpPacket::new_checked(&PACKET[..22]),
            Err(RtpError::Truncated {
                field: "header extension header",
                offset: 20,
                needed: 4,
                available: 2
            })
        );
        assert_eq!(
            RtpPacket::new_checked(&PACKET[..26]),
            Err(RtpError::Truncated {
                field: "header extension",
                offset: 24,
                needed: 4,
                available: 2
            })
        );
        // Padding count 13 with 12 bytes after the header; and a count of 0.
        let mut bad = PACKET;
        bad[39] = 13;
        assert_eq!(
            RtpPacket::new_checked(&bad[..]),
            Err(RtpError::InvalidPadding {
                count: 13,
                room: 12
            })
        );
        bad[39] = 0;
        assert_eq!(
            RtpPacket::new_checked(&bad[..]),
            Err(RtpError::InvalidPadding { count: 0, room: 12 })
        );
        // The same packet is acceptable when the padding is not checked (SRTP).
        let p = RtpPacket::new_checked_header(&bad[..]).unwrap();
        assert_eq!(p.padding_len(), 0);
        // A padding count equal to the whole room is valid: a padding-only packet.
        bad[39] = 12;
        let p = RtpPacket::new_checked(&bad[..]).unwrap();
        assert_eq!(p.payload_len(), 0);
    }

    #[test]
    fn unchecked_view_never_panics() {
        let p = RtpPacket::new_unchecked(&[0xbf, 0xff][..]);
        assert_eq!(p.csrc_count(), 15);
        assert_eq!(p.csrcs().count(), 0);
        assert_eq!(p.payload(), &[] as &[u8]);
        assert_eq!(p.ssrc(), 0);
        let _ = p.extension().map(|e| e.elements().count());
    }
}
