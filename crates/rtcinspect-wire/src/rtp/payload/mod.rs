//! RTP payload formats: the codec-specific headers at the start of an RTP payload that
//! say where frames begin and end, which layer a packet belongs to and whether it
//! starts a keyframe.
//!
//! | module | what is parsed | specification |
//! |---|---|---|
//! | [`vp8`] | payload descriptor, VP8 payload header, keyframe size | [RFC 7741 §4.2–4.3](https://www.rfc-editor.org/rfc/rfc7741#section-4.2) |
//! | [`vp9`] | payload descriptor, reference indices, scalability structure | [RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2) |
//! | [`h264`] | single NAL unit, STAP-A/B, MTAP16/24, FU-A/B | [RFC 6184 §5](https://www.rfc-editor.org/rfc/rfc6184#section-5) |
//! | [`av1`] | aggregation header, OBU elements, OBU headers | [AV1 RTP §4.4](https://aomediacodec.github.io/av1-rtp-spec/#44-av1-aggregation-header) |
//! | [`opus`] | TOC byte, frame count byte, frame lengths and padding | [RFC 6716 §3](https://www.rfc-editor.org/rfc/rfc6716#section-3) |
//!
//! # The contract
//!
//! Each format is read through a *view* over the RTP payload (`&'a [u8]`) built by one
//! checked constructor, `new_checked`. It validates every length once — optional fields
//! announced by flags, length-prefixed units, LEB128 sizes, frame lengths — and after it
//! succeeds no accessor can fail or panic. Nothing in parsing allocates.
//!
//! The constructors are strict about *layout* (anything that would make a later field
//! unreadable is an error) and lenient about *semantics*: a reserved bit that is set, an
//! FU header with both S and E, or an L bit without a T bit in VP8 do not change where
//! the fields are, so they are accepted and visible through the accessors. Codepoints
//! that the specifications leave open (H.264 NAL unit types 0, 30, 31; AV1 OBU types
//! 0, 9–14) are values such as `Unknown(u8)`, not errors.
//!
//! Every format also has a writer — a `Repr` (or a builder for aggregates) with
//! `buffer_len()` and `emit(&mut [u8]) -> Result<usize, BufferTooSmall>` — so that a
//! descriptor parsed and emitted again gives the same bytes, and a descriptor built
//! from field values is valid by construction.
//!
//! # Keyframes
//!
//! Each view has a `starts_keyframe()` helper for keyframe statistics; the rule for each
//! codec is documented on the method:
//!
//! | codec | the packet starts a keyframe when |
//! |---|---|
//! | VP8 | S=1, PID=0, and the VP8 payload header has P=0 and the keyframe start code |
//! | VP9 | B=1, P=0, and the packet is for the base spatial layer (L=0 or SID=0) |
//! | H.264 | it holds an IDR NAL unit (type 5) or the first fragment of one |
//! | AV1 | N=1 (the first packet of a coded video sequence) |
//! | Opus | never (audio) |
//!
//! # Example
//!
//! ```
//! use rtcinspect_wire::rtp::payload::{PayloadError, PictureId};
//! use rtcinspect_wire::rtp::payload::vp8::{Vp8Descriptor, Vp8DescriptorRepr};
//!
//! // X=1 S=1 PID=0 | I=1 | M=1 picture ID 0x1234 | VP8 keyframe payload header...
//! let rtp_payload = [
//!     0x90, 0x80, 0x92, 0x34, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01,
//! ];
//! let vp8 = Vp8Descriptor::new_checked(&rtp_payload)?;
//! assert_eq!(vp8.picture_id(), Some(PictureId::Long(0x1234)));
//! assert!(vp8.starts_keyframe());
//! assert_eq!(vp8.payload().len(), 10);
//!
//! // The descriptor written back is byte for byte the one that was parsed.
//! let repr = Vp8DescriptorRepr::parse(&vp8);
//! let mut out = [0u8; 4];
//! assert_eq!(repr.emit(&mut out), Ok(4));
//! assert_eq!(out, rtp_payload[..4]);
//!
//! // Errors say what is missing, and where.
//! let err = Vp8Descriptor::new_checked(&rtp_payload[..3]).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "VP8 descriptor: picture ID at byte 2 needs 2 bytes, 1 remains"
//! );
//! # Ok::<(), PayloadError>(())
//! ```

use core::fmt;

use crate::bytes::{BufferTooSmall, Writer, u8_at};

pub mod av1;
pub mod h264;
pub mod opus;
pub mod vp8;
pub mod vp9;

/// The payload format an error (or a value) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Codec {
    /// VP8 ([RFC 7741](https://www.rfc-editor.org/rfc/rfc7741)).
    Vp8,
    /// VP9 ([RFC 9628](https://www.rfc-editor.org/rfc/rfc9628)).
    Vp9,
    /// H.264 ([RFC 6184](https://www.rfc-editor.org/rfc/rfc6184)).
    H264,
    /// AV1 ([AV1 RTP payload format](https://aomediacodec.github.io/av1-rtp-spec/)).
    Av1,
    /// Opus ([RFC 7587](https://www.rfc-editor.org/rfc/rfc7587), packets per
    /// [RFC 6716](https://www.rfc-editor.org/rfc/rfc6716)).
    Opus,
}

impl Codec {
    /// The codec's usual name: `"VP8"`, `"VP9"`, `"H.264"`, `"AV1"`, `"Opus"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Vp8 => "VP8",
            Self::Vp9 => "VP9",
            Self::H264 => "H.264",
            Self::Av1 => "AV1",
            Self::Opus => "Opus",
        }
    }

    /// What the parsed structure is called in error messages.
    const fn structure(self) -> &'static str {
        match self {
            Self::Vp8 => "VP8 descriptor",
            Self::Vp9 => "VP9 descriptor",
            Self::H264 => "H.264 payload",
            Self::Av1 => "AV1 payload",
            Self::Opus => "Opus packet",
        }
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an RTP payload could not be parsed. Offsets count bytes from the start of the
/// buffer given to the checked constructor (normally the RTP payload).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PayloadError {
    /// A field runs past the end of the buffer.
    Truncated {
        /// The payload format.
        codec: Codec,
        /// The field that does not fit, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// Bytes the field needs.
        needed: usize,
        /// Bytes left from `offset` to the end of the buffer.
        available: usize,
    },
    /// A field holds a value that makes the rest of the payload unreadable or that the
    /// specification forbids.
    Invalid {
        /// The payload format.
        codec: Codec,
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// The value found.
        value: u32,
        /// What the specification allows, in words.
        expected: &'static str,
    },
    /// A LEB128 length does not fit in 32 bits, or takes more than 8 bytes
    /// ([AV1 §4.10.5](https://aomediacodec.github.io/av1-spec/#leb128)).
    Leb128Overflow {
        /// The payload format.
        codec: Codec,
        /// The length field.
        field: &'static str,
        /// Where the LEB128 value starts.
        offset: usize,
    },
}

impl PayloadError {
    /// The payload format the error is about.
    pub const fn codec(&self) -> Codec {
        match *self {
            Self::Truncated { codec, .. }
            | Self::Invalid { codec, .. }
            | Self::Leb128Overflow { codec, .. } => codec,
        }
    }

    /// Where the faulty field starts.
    pub const fn offset(&self) -> usize {
        match *self {
            Self::Truncated { offset, .. }
            | Self::Invalid { offset, .. }
            | Self::Leb128Overflow { offset, .. } => offset,
        }
    }

    /// The same error with its offset moved by `by` bytes (for a structure parsed from a
    /// sub-slice).
    pub(crate) const fn shifted(self, by: usize) -> Self {
        match self {
            Self::Truncated {
                codec,
                field,
                offset,
                needed,
                available,
            } => Self::Truncated {
                codec,
                field,
                offset: offset.saturating_add(by),
                needed,
                available,
            },
            Self::Invalid {
                codec,
                field,
                offset,
                value,
                expected,
            } => Self::Invalid {
                codec,
                field,
                offset: offset.saturating_add(by),
                value,
                expected,
            },
            Self::Leb128Overflow {
                codec,
                field,
                offset,
            } => Self::Leb128Overflow {
                codec,
                field,
                offset: offset.saturating_add(by),
            },
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                codec,
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "{}: {field} at byte {offset} needs {needed} byte{}, {available} remain{}",
                codec.structure(),
                if needed == 1 { "" } else { "s" },
                if available == 1 { "s" } else { "" },
            ),
            Self::Invalid {
                codec,
                field,
                offset,
                value,
                expected,
            } => write!(
                f,
                "{}: {field} at byte {offset} is {value}, expected {expected}",
                codec.structure()
            ),
            Self::Leb128Overflow {
                codec,
                field,
                offset,
            } => write!(
                f,
                "{}: {field} at byte {offset} is a LEB128 value that does not fit in 32 bits \
                 within 8 bytes",
                codec.structure()
            ),
        }
    }
}

impl core::error::Error for PayloadError {}

/// A VP8 or VP9 picture ID: 7 bits when the M bit is 0, 15 bits when it is 1
/// ([RFC 7741 §4.2](https://www.rfc-editor.org/rfc/rfc7741#section-4.2),
/// [RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
///
/// The width is kept so that a parsed descriptor is written back with the same length.
///
/// ```text
///      +-+-+-+-+-+-+-+-+
///      |M| PictureID   |
///      +-+-+-+-+-+-+-+-+
///      |   PictureID   |   (only when M = 1)
///      +-+-+-+-+-+-+-+-+
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PictureId {
    /// M=0: a 7-bit picture ID (0–127) in one byte. Writers keep the low 7 bits.
    Short(u8),
    /// M=1: a 15-bit picture ID (0–32767) in two bytes. Writers keep the low 15 bits.
    Long(u16),
}

impl PictureId {
    /// The shortest form that holds `value` (its low 15 bits).
    pub const fn from_value(value: u16) -> Self {
        if value < 0x80 {
            Self::Short(value as u8)
        } else {
            Self::Long(value & 0x7fff)
        }
    }

    /// The numeric picture ID, masked to the field width.
    pub const fn value(self) -> u16 {
        match self {
            Self::Short(v) => (v & 0x7f) as u16,
            Self::Long(v) => v & 0x7fff,
        }
    }

    /// How many values the field can hold before it wraps: 128 or 32768.
    pub const fn modulus(self) -> u32 {
        match self {
            Self::Short(_) => 0x80,
            Self::Long(_) => 0x8000,
        }
    }

    /// Bytes on the wire: 1 or 2.
    pub const fn encoded_len(self) -> usize {
        match self {
            Self::Short(_) => 1,
            Self::Long(_) => 2,
        }
    }

    /// Reads a picture ID at `at`.
    fn read(codec: Codec, buf: &[u8], at: usize) -> Result<Self, PayloadError> {
        need(codec, "picture ID", buf, at, 1)?;
        let first = u8_at(buf, at);
        if first & 0x80 == 0 {
            Ok(Self::Short(first))
        } else {
            need(codec, "picture ID", buf, at, 2)?;
            Ok(Self::Long(
                (u16::from(first & 0x7f) << 8) | u16::from(u8_at(buf, at + 1)),
            ))
        }
    }

    /// Writes the picture ID with its M bit.
    fn write(self, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        match self {
            Self::Short(v) => w.u8(v & 0x7f),
            Self::Long(v) => w.u16(0x8000 | (v & 0x7fff)),
        }
    }
}

impl fmt::Display for PictureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

/// Fails with [`PayloadError::Truncated`] unless `len` bytes are available at `at`.
fn need(
    codec: Codec,
    field: &'static str,
    buf: &[u8],
    at: usize,
    len: usize,
) -> Result<(), PayloadError> {
    let available = buf.len().saturating_sub(at);
    if available < len {
        Err(PayloadError::Truncated {
            codec,
            field,
            offset: at,
            needed: len,
            available,
        })
    } else {
        Ok(())
    }
}

/// Starts a writer after checking that the whole of `len` bytes fits, so that a too
/// small buffer reports the total length needed.
fn writer(buf: &mut [u8], len: usize) -> Result<Writer<'_>, BufferTooSmall> {
    if buf.len() < len {
        return Err(BufferTooSmall {
            needed: len,
            available: buf.len(),
        });
    }
    Ok(Writer::new(buf))
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::string::ToString;

    #[test]
    fn picture_id_forms() {
        assert_eq!(PictureId::from_value(0x7f), PictureId::Short(0x7f));
        assert_eq!(PictureId::from_value(0x80), PictureId::Long(0x80));
        // Bit 15 does not fit and is dropped.
        assert_eq!(PictureId::from_value(0xffff), PictureId::Long(0x7fff));
        assert_eq!(PictureId::Long(0x0005).value(), 5);
        assert_eq!(PictureId::Short(0xff).value(), 0x7f);
        assert_eq!(PictureId::Short(1).modulus(), 128);
        assert_eq!(PictureId::Long(1).modulus(), 32768);
    }

    #[test]
    fn picture_id_read() {
        // 0x05: M=0, value 5. 0x81 0x02: M=1, value (0x01 << 8) | 0x02 = 258.
        assert_eq!(
            PictureId::read(Codec::Vp8, &[0x05], 0),
            Ok(PictureId::Short(5))
        );
        assert_eq!(
            PictureId::read(Codec::Vp9, &[0x00, 0x81, 0x02], 1),
            Ok(PictureId::Long(258))
        );
        assert!(matches!(
            PictureId::read(Codec::Vp9, &[0x81], 0),
            Err(PayloadError::Truncated {
                codec: Codec::Vp9,
                field: "picture ID",
                offset: 0,
                needed: 2,
                available: 1
            })
        ));
    }

    #[test]
    fn error_messages_read_like_sentences() {
        let e = PayloadError::Truncated {
            codec: Codec::H264,
            field: "NAL unit size",
            offset: 7,
            needed: 2,
            available: 0,
        };
        assert_eq!(
            e.to_string(),
            "H.264 payload: NAL unit size at byte 7 needs 2 bytes, 0 remain"
        );
        let e = PayloadError::Invalid {
            codec: Codec::Opus,
            field: "frame count M",
            offset: 1,
            value: 0,
            expected: "1 to 48",
        };
        assert_eq!(
            e.to_string(),
            "Opus packet: frame count M at byte 1 is 0, expected 1 to 48"
        );
        let e = PayloadError::Leb128Overflow {
            codec: Codec::Av1,
            field: "OBU element length",
            offset: 1,
        };
        assert_eq!(
            e.to_string(),
            "AV1 payload: OBU element length at byte 1 is a LEB128 value that does not fit \
             in 32 bits within 8 bytes"
        );
        assert_eq!(e.shifted(3).offset(), 4);
        assert_eq!(e.codec(), Codec::Av1);
    }
}
