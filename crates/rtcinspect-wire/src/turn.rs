//! TURN ChannelData messages
//! ([RFC 8656 §12.4](https://www.rfc-editor.org/rfc/rfc8656#section-12.4)), over UDP
//! and framed in a TCP or TLS byte stream
//! ([RFC 8656 §12.5](https://www.rfc-editor.org/rfc/rfc8656#section-12.5)).
//!
//! A ChannelData message is a 4-byte header, the channel number and the length of the
//! application data, then the data, which is what a peer sent or is to receive: often
//! STUN, DTLS, RTP or RTCP, which [`crate::demux::classify`] tells apart.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |         Channel Number        |            Length             |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                                                               |
//! /                       Application Data                        /
//! /                                                               /
//! |                                                               |
//! |                               +-------------------------------+
//! |                               |
//! +-------------------------------+
//! ```
//!
//! Over TCP the message is padded to a multiple of four bytes, and the padding is not
//! counted in the length; over UDP the padding may or may not be there, and
//! [`ChannelData::new_checked`] accepts both. [`ChannelDataStream`] cuts a TCP byte
//! stream into ChannelData messages (and the STUN messages that may come between
//! them). After [`ChannelData::new_checked`] succeeds no accessor panics.
//!
//! ```
//! use rtcinspect_wire::demux::{classify, PacketKind};
//! use rtcinspect_wire::turn::{ChannelData, ChannelDataRepr};
//!
//! // An RTCP receiver report relayed on channel 0x4001, padded to 4 bytes.
//! let rr = [0x80, 0xc9, 0x00, 0x01, 0, 0, 0, 1];
//! let repr = ChannelDataRepr::padded(0x4001, &rr[..7]);
//! let mut buf = [0u8; 16];
//! let len = repr.emit(&mut buf)?;
//! assert_eq!(&buf[..len], &[0x40, 0x01, 0x00, 0x07, 0x80, 0xc9, 0, 1, 0, 0, 0, 0]);
//!
//! let message = ChannelData::new_checked(&buf[..len]).unwrap();
//! assert_eq!(message.channel_number().value(), 0x4001);
//! assert_eq!(message.data(), &rr[..7]);
//! assert_eq!(message.padding(), &[0]);
//! assert_eq!(classify(message.data()), PacketKind::Rtcp);
//! assert_eq!(ChannelDataRepr::parse(&message), repr);
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

use crate::bytes::{self, EmitError, Writer};

/// Field offsets of the header.
mod field {
    use core::ops::Range;

    pub(crate) const CHANNEL_NUMBER: Range<usize> = 0..2;
    pub(crate) const LENGTH: Range<usize> = 2..4;
    pub(crate) const DATA: usize = 4;
}

/// Length of the ChannelData header: channel number and length.
pub const HEADER_LEN: usize = field::DATA;

/// Length of a STUN message header (for [`ChannelDataStream`], which frames the STUN
/// messages of a stream too): type, length, magic cookie, transaction ID.
pub const STUN_HEADER_LEN: usize = 20;

/// Why a ChannelData message could not be read.
///
/// Offsets count from the first byte of the message (for [`ChannelDataStream`], of
/// the stream buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TurnError {
    /// A field runs past the end of the buffer.
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
    /// The first two bits are not `01`: not a ChannelData message (RFC 8656 §12:
    /// 0x0000–0x3FFF can never be channel numbers; the RFC 7983 demultiplexing gives
    /// 0x8000–0xFFFF to RTP, RTCP and QUIC).
    NotChannelData(u16),
    /// Bytes follow the application data that are not the padding to a multiple of
    /// four bytes.
    TrailingBytes {
        /// The length field.
        length: u16,
        /// Bytes after the application data.
        trailing: usize,
    },
}

impl fmt::Display for TurnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "ChannelData {field} at byte {offset} needs {needed} bytes, {available} remain"
            ),
            Self::NotChannelData(n) => {
                write!(f, "{n:#06x} is not a ChannelData channel number")
            }
            Self::TrailingBytes { length, trailing } => write!(
                f,
                "ChannelData of {length} bytes is followed by {trailing} bytes that are not its padding"
            ),
        }
    }
}

impl core::error::Error for TurnError {}

/// A channel number
/// ([RFC 8656 §12](https://www.rfc-editor.org/rfc/rfc8656#section-12)): 0x4000–0x4FFF
/// can be bound to a peer; 0x5000–0x7FFF are reserved, and read as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChannelNumber(pub u16);

impl ChannelNumber {
    /// The lowest channel number a client may bind.
    pub const MIN: u16 = 0x4000;
    /// The highest channel number a client may bind.
    pub const MAX: u16 = 0x4fff;

    /// The number.
    #[inline]
    pub const fn value(self) -> u16 {
        self.0
    }

    /// Whether the number is one a client may bind (0x4000–0x4FFF).
    #[inline]
    pub const fn is_valid(self) -> bool {
        self.0 >= Self::MIN && self.0 <= Self::MAX
    }

    /// Whether the number is reserved (0x5000–0xFFFF; a ChannelData message can only
    /// carry 0x5000–0x7FFF).
    #[inline]
    pub const fn is_reserved(self) -> bool {
        self.0 > Self::MAX
    }
}

impl fmt::Display for ChannelNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#06x}", self.0)
    }
}

/// A ChannelData message
/// ([RFC 8656 §12.4](https://www.rfc-editor.org/rfc/rfc8656#section-12.4)): a view
/// over a buffer holding exactly one message, with or without its padding.
///
/// Read accessors work for any `T: AsRef<[u8]>`; [`data`](ChannelData::data) and
/// [`padding`](ChannelData::padding) borrow the buffer on `ChannelData<&'a T>`;
/// [`set_channel_number`](ChannelData::set_channel_number) (what a TURN server does
/// when it relays) needs `T: AsMut<[u8]>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChannelData<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> ChannelData<T> {
    /// Wraps a buffer without checking it: for writing into a fresh buffer. Accessors
    /// on an unchecked view return zeros or empty slices where the buffer is short.
    #[inline]
    pub fn new_unchecked(buffer: T) -> Self {
        Self { buffer }
    }

    /// Wraps a buffer holding one ChannelData message: the first two bits must be
    /// `01`, the length must fit, and any bytes after the data must be exactly the
    /// padding to a multiple of four bytes (as over TCP) or absent (as is allowed over
    /// UDP).
    #[inline]
    pub fn new_checked(buffer: T) -> Result<Self, TurnError> {
        let b = buffer.as_ref();
        let length = check_header(b, 0)?;
        let end = HEADER_LEN + usize::from(length);
        if b.len() < end {
            return Err(TurnError::Truncated {
                field: "Application Data",
                offset: HEADER_LEN,
                needed: usize::from(length),
                available: b.len() - HEADER_LEN,
            });
        }
        let trailing = b.len() - end;
        if trailing != 0 && trailing != padding_len(length) {
            return Err(TurnError::TrailingBytes { length, trailing });
        }
        Ok(Self { buffer })
    }

    /// The underlying buffer.
    #[inline]
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The channel number.
    #[inline]
    pub fn channel_number(&self) -> ChannelNumber {
        ChannelNumber(bytes::u16_at(
            self.buffer.as_ref(),
            field::CHANNEL_NUMBER.start,
        ))
    }

    /// The length field: bytes of application data, padding excluded.
    #[inline]
    pub fn length(&self) -> u16 {
        bytes::u16_at(self.buffer.as_ref(), field::LENGTH.start)
    }

    /// Bytes of padding after the data (0 to 3).
    #[inline]
    pub fn padding_len(&self) -> usize {
        self.buffer
            .as_ref()
            .len()
            .saturating_sub(HEADER_LEN + usize::from(self.length()))
    }

    /// Whether the message carries its padding.
    #[inline]
    pub fn is_padded(&self) -> bool {
        self.padding_len() != 0 || padding_len(self.length()) == 0
    }

    /// Length of the message, header and padding included.
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

impl<'a, T: AsRef<[u8]> + ?Sized> ChannelData<&'a T> {
    /// The application data: what the peer sent or is to receive, for
    /// [`crate::demux::classify`] and the parser it names.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        bytes::slice(self.buffer.as_ref(), HEADER_LEN, usize::from(self.length()))
    }

    /// The padding bytes after the data (empty without padding).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        self.buffer
            .as_ref()
            .get(HEADER_LEN + usize::from(self.length())..)
            .unwrap_or(&[])
    }

    /// The whole message.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buffer.as_ref()
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> ChannelData<T> {
    /// Sets the channel number.
    #[inline]
    pub fn set_channel_number(&mut self, number: ChannelNumber) {
        bytes::put(
            self.buffer.as_mut(),
            field::CHANNEL_NUMBER.start,
            &number.0.to_be_bytes(),
        );
    }
}

/// The length of the ChannelData message or STUN message at the start of a TCP
/// stream buffer, padding included: what to read before handing the bytes to
/// [`ChannelData::new_checked`] or a STUN parser
/// ([RFC 8656 §12.5](https://www.rfc-editor.org/rfc/rfc8656#section-12.5)).
///
/// Needs the first 4 bytes; fails when the first two bits are `1x` (neither STUN nor
/// ChannelData).
#[inline]
pub fn frame_len(stream: &[u8]) -> Result<usize, TurnError> {
    let Some(&[first, _, hi, lo]) = stream.first_chunk::<4>() else {
        return Err(TurnError::Truncated {
            field: "Channel Number and Length",
            offset: 0,
            needed: HEADER_LEN,
            available: stream.len(),
        });
    };
    let length = usize::from(u16::from_be_bytes([hi, lo]));
    match first >> 6 {
        // STUN: the length counts the attributes, which are 4-byte aligned.
        0 => Ok(STUN_HEADER_LEN + length),
        1 => Ok(HEADER_LEN + length + padding_len(length as u16)),
        _ => Err(TurnError::NotChannelData(u16::from_be_bytes([
            first,
            bytes::u8_at(stream, 1),
        ]))),
    }
}

/// One message of a TURN TCP stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StreamFrame<'a> {
    /// A ChannelData message, padding included.
    ChannelData(ChannelData<&'a [u8]>),
    /// A STUN message (first two bits `00`), header and attributes, for the STUN
    /// parser.
    Stun(&'a [u8]),
}

/// Iterator over the messages of a TURN TCP (or TLS) byte stream
/// ([RFC 8656 §12.5](https://www.rfc-editor.org/rfc/rfc8656#section-12.5)):
/// ChannelData messages, each padded to a multiple of four bytes, and STUN messages.
///
/// Ends at the end of the buffer. A message cut short by the end of the buffer yields
/// [`TurnError::Truncated`] and ends the iteration; [`remainder`](Self::remainder) is
/// then that message's beginning, to keep until more bytes arrive. A first byte
/// that is neither STUN nor ChannelData also ends it: the stream cannot be framed any
/// further.
///
/// ```
/// use rtcinspect_wire::turn::{ChannelDataStream, StreamFrame};
///
/// // Two ChannelData messages (3 bytes of data padded to 4, then 4 bytes) and the
/// // first two bytes of a third.
/// let stream = [0x40, 0x00, 0, 3, 1, 2, 3, 0, 0x40, 0x01, 0, 4, 4, 5, 6, 7, 0x40, 0x00];
/// let mut frames = ChannelDataStream::new(&stream);
/// let Some(Ok(StreamFrame::ChannelData(a))) = frames.next() else { panic!() };
/// assert_eq!(a.data(), &[1, 2, 3]);
/// let Some(Ok(StreamFrame::ChannelData(b))) = frames.next() else { panic!() };
/// assert_eq!((b.channel_number().value(), b.data()), (0x4001, &[4, 5, 6, 7][..]));
/// assert!(frames.next().unwrap().is_err());
/// assert_eq!(frames.remainder(), &[0x40, 0x00]);
/// ```
#[derive(Debug, Clone)]
pub struct ChannelDataStream<'a> {
    buf: &'a [u8],
    offset: usize,
    done: bool,
}

impl<'a> ChannelDataStream<'a> {
    /// Iterates over the messages at the start of `buf`, which begins on a message
    /// boundary.
    #[inline]
    pub fn new(buf: &'a [u8]) -> Self {
        Self {
            buf,
            offset: 0,
            done: false,
        }
    }

    /// Bytes framed so far.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The bytes not framed yet.
    #[inline]
    pub fn remainder(&self) -> &'a [u8] {
        self.buf.get(self.offset..).unwrap_or(&[])
    }
}

impl<'a> Iterator for ChannelDataStream<'a> {
    type Item = Result<StreamFrame<'a>, TurnError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.remainder();
        if self.done || rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.offset;
        let shifted = |e: TurnError| match e {
            TurnError::Truncated {
                field,
                offset,
                needed,
                available,
            } => TurnError::Truncated {
                field,
                offset: offset + at,
                needed,
                available,
            },
            other => other,
        };
        let len = match frame_len(rest) {
            Ok(len) => len,
            Err(e) => {
                self.done = true;
                return Some(Err(shifted(e)));
            }
        };
        let Some(frame) = rest.get(..len) else {
            self.done = true;
            let is_stun = rest.first().is_some_and(|b| b >> 6 == 0);
            return Some(Err(TurnError::Truncated {
                field: if is_stun {
                    "STUN message"
                } else {
                    "Application Data and padding"
                },
                offset: at,
                needed: len,
                available: rest.len(),
            }));
        };
        self.offset += len;
        if frame.first().is_some_and(|b| b >> 6 == 0) {
            return Some(Ok(StreamFrame::Stun(frame)));
        }
        Some(
            ChannelData::new_checked(frame)
                .map(StreamFrame::ChannelData)
                .map_err(shifted),
        )
    }
}

impl core::iter::FusedIterator for ChannelDataStream<'_> {}

/// Writes a ChannelData message
/// ([RFC 8656 §12.4](https://www.rfc-editor.org/rfc/rfc8656#section-12.4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChannelDataRepr<'a> {
    /// The channel number: 0x4000–0x7FFF (0x5000–0x7FFF are reserved, and written as
    /// asked, so that a parsed message can be written back).
    pub channel_number: ChannelNumber,
    /// The application data, at most 65535 bytes.
    pub data: &'a [u8],
    /// The padding after the data: empty, or exactly the bytes that bring the message
    /// to a multiple of four (required over TCP, optional over UDP; RFC 8656 leaves
    /// their value open, and [`padded`](Self::padded) writes zeros).
    pub padding: &'a [u8],
}

impl<'a> ChannelDataRepr<'a> {
    /// A message without padding (as most UDP implementations send it).
    pub const fn unpadded(channel_number: u16, data: &'a [u8]) -> Self {
        Self {
            channel_number: ChannelNumber(channel_number),
            data,
            padding: &[],
        }
    }

    /// A message padded with zeros to a multiple of four bytes (as over TCP).
    pub fn padded(channel_number: u16, data: &'a [u8]) -> Self {
        const ZEROS: [u8; 3] = [0; 3];
        let pad = padding_len(u16::try_from(data.len()).unwrap_or(0));
        Self {
            channel_number: ChannelNumber(channel_number),
            data,
            padding: ZEROS.get(..pad).unwrap_or(&[]),
        }
    }

    /// The fields of a parsed message; writing the result gives back the same bytes.
    pub fn parse<T: AsRef<[u8]> + ?Sized>(message: &ChannelData<&'a T>) -> Self {
        Self {
            channel_number: message.channel_number(),
            data: message.data(),
            padding: message.padding(),
        }
    }

    /// Length of the message, padding included.
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.data.len() + self.padding.len()
    }

    /// Writes the message at the start of `buf`; returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let number = self.channel_number.0;
        if number >> 14 != 1 {
            return Err(EmitError::InvalidValue {
                field: "Channel Number",
                value: u64::from(number),
            });
        }
        bytes::check_max("Length", self.data.len(), usize::from(u16::MAX))?;
        let pad = padding_len(self.data.len() as u16);
        if !self.padding.is_empty() && self.padding.len() != pad {
            return Err(EmitError::InvalidValue {
                field: "padding length",
                value: self.padding.len() as u64,
            });
        }
        let mut w = Writer::new(buf);
        w.reserve(self.buffer_len())?;
        w.u16(number)?;
        w.u16(self.data.len() as u16)?;
        w.put(self.data)?;
        w.put(self.padding)?;
        Ok(w.position())
    }

    /// Appends the message to `out`; returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        let start = out.len();
        out.resize(start + self.buffer_len(), 0);
        let result = self.emit(out.get_mut(start..).unwrap_or_default());
        if result.is_err() {
            out.truncate(start);
        }
        result
    }
}

/// Checks the header of the message at `offset` of `b`; returns the length field.
fn check_header(b: &[u8], offset: usize) -> Result<u16, TurnError> {
    let Some(&[hi, lo, len_hi, len_lo]) = b.first_chunk::<HEADER_LEN>() else {
        return Err(TurnError::Truncated {
            field: "Channel Number and Length",
            offset,
            needed: HEADER_LEN,
            available: b.len(),
        });
    };
    let number = u16::from_be_bytes([hi, lo]);
    if number >> 14 != 1 {
        return Err(TurnError::NotChannelData(number));
    }
    Ok(u16::from_be_bytes([len_hi, len_lo]))
}

/// Bytes of padding that bring `length` bytes of data (after the 4-byte header) to a
/// multiple of four.
#[inline]
const fn padding_len(length: u16) -> usize {
    (4 - (length as usize % 4)) % 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demux::{PacketKind, classify};

    /// RFC 8656 §12.4: channel 0x4000, a 5-byte STUN-less payload (the first bytes of
    /// an RTP header: V=2, PT 0, sequence 1, and one timestamp byte), padded with 3
    /// zero bytes to 12 bytes in all.
    const PADDED: [u8; 12] = [
        0x40, 0x00, // channel number 0x4000, the first allowed
        0x00, 0x05, // length 5: padding not counted
        0x80, 0x00, 0x00, 0x01, 0x00, // application data
        0x00, 0x00, 0x00, // padding to 4-byte boundary
    ];

    #[test]
    fn deconstruct_padded_and_unpadded() {
        let m = ChannelData::new_checked(&PADDED[..]).unwrap();
        assert_eq!(m.channel_number(), ChannelNumber(0x4000));
        assert!(m.channel_number().is_valid());
        assert_eq!(m.length(), 5);
        assert_eq!(m.data(), &[0x80, 0x00, 0x00, 0x01, 0x00]);
        assert_eq!(m.padding(), &[0, 0, 0]);
        assert_eq!(m.padding_len(), 3);
        assert!(m.is_padded());
        assert_eq!(classify(m.data()), PacketKind::Rtp);
        // Over UDP the same message may come without its padding.
        let m = ChannelData::new_checked(&PADDED[..9]).unwrap();
        assert_eq!(m.data().len(), 5);
        assert_eq!(m.padding(), &[] as &[u8]);
        assert!(!m.is_padded());
    }

    #[test]
    fn construct() {
        let data = [0x80, 0x00, 0x00, 0x01, 0x00];
        let mut buf = [0xffu8; 12];
        assert_eq!(
            ChannelDataRepr::padded(0x4000, &data).emit(&mut buf),
            Ok(12)
        );
        assert_eq!(buf, PADDED);
        let mut buf = [0u8; 9];
        assert_eq!(
            ChannelDataRepr::unpadded(0x4000, &data).emit(&mut buf),
            Ok(9)
        );
        assert_eq!(buf, PADDED[..9]);
        // A data length that is a multiple of 4 has no padding either way.
        assert_eq!(ChannelDataRepr::padded(0x4fff, &[1; 8]).buffer_len(), 12);
    }

    #[test]
    fn reserved_numbers_are_values() {
        // 0x5000-0x7FFF are reserved but still ChannelData by their first bits.
        let m = ChannelData::new_checked(&[0x7f, 0xff, 0, 0][..]).unwrap();
        assert!(m.channel_number().is_reserved());
        assert!(!m.channel_number().is_valid());
        assert_eq!(m.channel_number().to_string(), "0x7fff");
        let repr = ChannelDataRepr::parse(&m);
        let mut out = [0u8; 4];
        assert_eq!(repr.emit(&mut out), Ok(4));
        assert_eq!(out, [0x7f, 0xff, 0, 0]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            ChannelData::new_checked(&PADDED[..3]),
            Err(TurnError::Truncated {
                field: "Channel Number and Length",
                offset: 0,
                needed: 4,
                available: 3
            })
        );
        assert_eq!(
            ChannelData::new_checked(&PADDED[..8]),
            Err(TurnError::Truncated {
                field: "Application Data",
                offset: 4,
                needed: 5,
                available: 4
            })
        );
        // One byte of padding where three are due.
        assert_eq!(
            ChannelData::new_checked(&PADDED[..10]),
            Err(TurnError::TrailingBytes {
                length: 5,
                trailing: 1
            })
        );
        // A STUN binding request and an RTP header are not ChannelData.
        assert_eq!(
            ChannelData::new_checked(&[0x00, 0x01, 0, 0][..]),
            Err(TurnError::NotChannelData(0x0001))
        );
        assert_eq!(
            ChannelData::new_checked(&[0x80, 0x00, 0, 0][..]),
            Err(TurnError::NotChannelData(0x8000))
        );
        assert!(matches!(
            ChannelDataRepr::unpadded(0x3fff, &[]).emit(&mut [0; 4]),
            Err(EmitError::InvalidValue {
                field: "Channel Number",
                value: 0x3fff
            })
        ));
        assert!(matches!(
            ChannelDataRepr {
                padding: &[0],
                ..ChannelDataRepr::unpadded(0x4000, &[1, 2])
            }
            .emit(&mut [0; 8]),
            Err(EmitError::InvalidValue {
                field: "padding length",
                value: 1
            })
        ));
        assert_eq!(
            ChannelDataRepr::padded(0x4000, &[1, 2]).emit(&mut [0; 7]),
            Err(EmitError::BufferTooSmall {
                needed: 8,
                available: 7
            })
        );
    }

    #[test]
    fn set_channel_number() {
        let mut buf = PADDED;
        let mut m = ChannelData::new_checked(&mut buf[..]).unwrap();
        m.set_channel_number(ChannelNumber(0x4abc));
        assert_eq!(&buf[..4], &[0x4a, 0xbc, 0x00, 0x05]);
    }

    #[test]
    fn tcp_stream_with_stun_between() {
        let mut stream = PADDED.to_vec();
        // A STUN binding success response with no attributes (20 bytes).
        let stun = [
            0x01, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        ];
        stream.extend_from_slice(&stun);
        stream.extend_from_slice(&[0x40, 0x01, 0x00, 0x00]); // empty ChannelData
        let frames: Vec<_> = ChannelDataStream::new(&stream).collect();
        assert_eq!(frames.len(), 3);
        assert!(matches!(frames[0], Ok(StreamFrame::ChannelData(m)) if m.len() == 12));
        assert_eq!(frames[1], Ok(StreamFrame::Stun(&stun[..])));
        assert!(matches!(frames[2], Ok(StreamFrame::ChannelData(m)) if m.data().is_empty()));
        assert_eq!(frame_len(&stream[12..]), Ok(20));
        assert_eq!(frame_len(&PADDED), Ok(12));
    }

    #[test]
    fn tcp_stream_stops_on_partial_and_garbage() {
        let mut stream = PADDED.to_vec();
        stream.extend_from_slice(&PADDED[..10]);
        let mut frames = ChannelDataStream::new(&stream);
        assert!(frames.next().unwrap().is_ok());
        assert_eq!(
            frames.next(),
            Some(Err(TurnError::Truncated {
                field: "Application Data and padding",
                offset: 12,
                needed: 12,
                available: 10
            }))
        );
        assert_eq!(frames.next(), None);
        assert_eq!(frames.remainder(), &PADDED[..10]);
        let mut frames = ChannelDataStream::new(&[0x80, 0x00, 0x00, 0x00]);
        assert_eq!(frames.next(), Some(Err(TurnError::NotChannelData(0x8000))));
        assert_eq!(frames.next(), None);
    }
}
