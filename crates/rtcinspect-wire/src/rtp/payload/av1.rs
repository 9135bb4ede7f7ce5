//! AV1 RTP payloads: the aggregation header and the OBU elements after it
//! ([AV1 RTP §4.4–4.5](https://aomediacodec.github.io/av1-rtp-spec/#44-av1-aggregation-header)),
//! with the OBU header of each element
//! ([AV1 §5.3.2](https://aomediacodec.github.io/av1-spec/#obu-header-syntax)).
//!
//! ```text
//!   0 1 2 3 4 5 6 7
//!  +-+-+-+-+-+-+-+-+
//!  |Z|Y| W |N|-|-|-|   then OBU elements:
//!  +-+-+-+-+-+-+-+-+   W = 0:    [LEB128 length][element] ... for every element
//!                      W = 1..3: W elements, all but the last with a LEB128 length
//! ```
//!
//! ```
//! use rtcinspect_wire::rtp::payload::av1::{Av1ObuType, Av1Payload, Av1PayloadRepr};
//!
//! // N=1, W=2: a sequence header OBU (0x08 ...) of 3 bytes with a length, then a frame
//! // OBU (0x30 ...) that takes the rest of the packet.
//! let bytes = [0x28, 0x03, 0x08, 0x00, 0x00, 0x30, 0x10, 0x20];
//! let av1 = Av1Payload::new_checked(&bytes)?;
//! assert!(av1.new_coded_video_sequence() && av1.starts_keyframe());
//! let types: Vec<_> = av1.elements().map(|e| e.obu_header().unwrap().obu_type).collect();
//! assert_eq!(types, [Av1ObuType::SequenceHeader, Av1ObuType::Frame]);
//!
//! let elements: Vec<&[u8]> = av1.elements().map(|e| e.data()).collect();
//! let repr = Av1PayloadRepr { elements: &elements, ..Av1PayloadRepr::parse(&av1) };
//! let mut out = [0u8; 16];
//! let len = repr.emit(&mut out)?;
//! assert_eq!(&out[..len], &bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::{Codec, PayloadError, need, writer};
use crate::bytes::{BufferTooSmall, Writer, u8_at};

/// Bit masks of the aggregation header and the OBU header.
mod field {
    /// Aggregation header: the first element continues an OBU.
    pub(super) const Z: u8 = 0x80;
    /// Aggregation header: the last element continues in the next packet.
    pub(super) const Y: u8 = 0x40;
    /// Aggregation header: shift of the W field.
    pub(super) const W_SHIFT: u8 = 4;
    /// Aggregation header: new coded video sequence.
    pub(super) const N: u8 = 0x08;
    /// OBU header: forbidden bit.
    pub(super) const OBU_FORBIDDEN: u8 = 0x80;
    /// OBU header: extension flag.
    pub(super) const OBU_EXTENSION: u8 = 0x04;
    /// OBU header: has size field.
    pub(super) const OBU_HAS_SIZE: u8 = 0x02;
    /// The longest LEB128 value the AV1 specification allows, in bytes.
    pub(super) const LEB128_MAX_LEN: usize = 8;
}

const CODEC: Codec = Codec::Av1;
const LENGTH_FIELD: &str = "OBU element length";

/// Reads a LEB128 value at `at` ([AV1 §4.10.5](https://aomediacodec.github.io/av1-spec/#leb128)):
/// at most 8 bytes, and a value that fits in 32 bits. Returns the value and its length.
fn read_leb128(buf: &[u8], at: usize) -> Result<(u32, usize), PayloadError> {
    let mut value: u64 = 0;
    for i in 0..field::LEB128_MAX_LEN {
        let available = buf.len().saturating_sub(at);
        if available <= i {
            return Err(PayloadError::Truncated {
                codec: CODEC,
                field: LENGTH_FIELD,
                offset: at,
                needed: i + 1,
                available,
            });
        }
        let b = u8_at(buf, at + i);
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return u32::try_from(value).map(|v| (v, i + 1)).map_err(|_| {
                PayloadError::Leb128Overflow {
                    codec: CODEC,
                    field: LENGTH_FIELD,
                    offset: at,
                }
            });
        }
    }
    Err(PayloadError::Leb128Overflow {
        codec: CODEC,
        field: LENGTH_FIELD,
        offset: at,
    })
}

/// The length of the shortest LEB128 encoding of `v` (1–5 bytes).
fn leb128_len(v: u32) -> usize {
    let bits = 32 - v.leading_zeros() as usize;
    bits.div_ceil(7).max(1)
}

/// Writes `v` in its shortest LEB128 encoding.
fn write_leb128(w: &mut Writer<'_>, mut v: u32) -> Result<(), BufferTooSmall> {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            return w.u8(b);
        }
        w.u8(b | 0x80)?;
    }
}

/// The aggregation header
/// ([AV1 RTP §4.4](https://aomediacodec.github.io/av1-rtp-spec/#44-av1-aggregation-header)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Av1AggregationHeader {
    /// Z: the first OBU element continues an OBU fragment of the previous packet.
    pub first_is_continuation: bool,
    /// Y: the last OBU element is a fragment that continues in the next packet.
    pub last_continues: bool,
    /// W: the number of OBU elements (1–3), or 0 when every element has a length field.
    pub element_count: u8,
    /// N: the packet is the first of a coded video sequence.
    pub new_coded_video_sequence: bool,
}

impl Av1AggregationHeader {
    /// Decodes the header octet (the three reserved bits are ignored).
    pub const fn from_byte(b: u8) -> Self {
        Self {
            first_is_continuation: b & field::Z != 0,
            last_continues: b & field::Y != 0,
            element_count: (b >> field::W_SHIFT) & 0x03,
            new_coded_video_sequence: b & field::N != 0,
        }
    }

    /// Encodes the header octet (reserved bits zero, W masked to 2 bits).
    pub const fn to_byte(self) -> u8 {
        (if self.first_is_continuation {
            field::Z
        } else {
            0
        }) | (if self.last_continues { field::Y } else { 0 })
            | (self.element_count & 0x03) << field::W_SHIFT
            | (if self.new_coded_video_sequence {
                field::N
            } else {
                0
            })
    }
}

/// An AV1 RTP payload: aggregation header and OBU elements
/// ([AV1 RTP §4.4–4.5](https://aomediacodec.github.io/av1-rtp-spec/#45-payload-structure)).
///
/// [`new_checked`](Self::new_checked) walks every length field once; after it succeeds
/// the element iterator cannot fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Av1Payload<'a> {
    buf: &'a [u8],
}

impl<'a> Av1Payload<'a> {
    /// Checks the aggregation header and every OBU element length: with W=0 the elements
    /// must exactly fill the payload; with W=1..3 the first W−1 lengths must fit, and the
    /// last element takes the rest (possibly nothing).
    ///
    /// The rule "if N=1 then Z=0" and the content of the OBUs are not checked.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "aggregation header", buf, 0, 1)?;
        let header = Av1AggregationHeader::from_byte(u8_at(buf, 0));
        let mut at = 1;
        if header.element_count == 0 {
            while at < buf.len() {
                at = Self::skip_element(buf, at)?;
            }
        } else {
            for _ in 1..header.element_count {
                at = Self::skip_element(buf, at)?;
            }
        }
        Ok(Self { buf })
    }

    /// Skips a length-prefixed element at `at`.
    fn skip_element(buf: &[u8], at: usize) -> Result<usize, PayloadError> {
        let (len, leb_len) = read_leb128(buf, at)?;
        let data_at = at + leb_len;
        let len = len as usize;
        need(CODEC, "OBU element", buf, data_at, len)?;
        Ok(data_at + len)
    }

    /// The whole payload.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// The aggregation header.
    pub fn header(&self) -> Av1AggregationHeader {
        Av1AggregationHeader::from_byte(u8_at(self.buf, 0))
    }

    /// Z: the first element continues an OBU from the previous packet.
    pub fn first_is_continuation(&self) -> bool {
        self.header().first_is_continuation
    }

    /// Y: the last element continues in the next packet.
    pub fn last_continues(&self) -> bool {
        self.header().last_continues
    }

    /// N: the packet starts a coded video sequence.
    pub fn new_coded_video_sequence(&self) -> bool {
        self.header().new_coded_video_sequence
    }

    /// The OBU elements, in order.
    pub fn elements(&self) -> Av1Elements<'a> {
        let header = self.header();
        Av1Elements {
            buf: self.buf,
            at: 1,
            index: 0,
            count: header.element_count,
            header,
        }
    }

    /// The number of OBU elements.
    pub fn element_count(&self) -> usize {
        match self.header().element_count {
            0 => self.elements().count(),
            w => usize::from(w),
        }
    }

    /// Whether the packet starts a keyframe: N=1, the first packet of a coded video
    /// sequence, which begins with a sequence header and a key frame
    /// ([AV1 RTP §4.4](https://aomediacodec.github.io/av1-rtp-spec/#44-av1-aggregation-header)).
    pub fn starts_keyframe(&self) -> bool {
        self.new_coded_video_sequence()
    }
}

/// One OBU element: a whole OBU, or a fragment of one
/// ([AV1 RTP §4.5](https://aomediacodec.github.io/av1-rtp-spec/#45-payload-structure)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Av1Element<'a> {
    data: &'a [u8],
    index: usize,
    continuation: bool,
    continues: bool,
}

impl<'a> Av1Element<'a> {
    /// The element's bytes (without its length field).
    pub const fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Its position in the packet, from 0.
    pub const fn index(&self) -> usize {
        self.index
    }

    /// Whether the element continues an OBU started in an earlier packet (first element,
    /// Z=1); it then has no OBU header.
    pub const fn is_continuation(&self) -> bool {
        self.continuation
    }

    /// Whether the element is cut and continues in the next packet (last element, Y=1).
    pub const fn continues(&self) -> bool {
        self.continues
    }

    /// The OBU header at the start of the element; `None` for a continuation, or for an
    /// element too short to hold the header (an empty element, or a fragment cut inside
    /// the header).
    pub fn obu_header(&self) -> Option<Av1ObuHeader> {
        if self.continuation {
            return None;
        }
        Av1ObuHeader::parse(self.data)
    }
}

/// Iterator over the OBU elements of an [`Av1Payload`]
/// ([AV1 RTP §4.5](https://aomediacodec.github.io/av1-rtp-spec/#45-payload-structure)).
#[derive(Debug, Clone)]
pub struct Av1Elements<'a> {
    buf: &'a [u8],
    at: usize,
    index: usize,
    count: u8,
    header: Av1AggregationHeader,
}

impl<'a> Iterator for Av1Elements<'a> {
    type Item = Av1Element<'a>;

    fn next(&mut self) -> Option<Av1Element<'a>> {
        let last_by_count = self.count != 0 && self.index + 1 == usize::from(self.count);
        let data = if self.count != 0 && self.index >= usize::from(self.count) {
            return None;
        } else if last_by_count {
            let data = self.buf.get(self.at..)?;
            self.at = self.buf.len();
            data
        } else {
            if self.at >= self.buf.len() {
                return None;
            }
            let (len, leb_len) = read_leb128(self.buf, self.at).ok()?;
            let start = self.at + leb_len;
            let data = self.buf.get(start..start.checked_add(len as usize)?)?;
            self.at = start + data.len();
            data
        };
        let index = self.index;
        self.index += 1;
        let is_last = last_by_count || (self.count == 0 && self.at >= self.buf.len());
        Some(Av1Element {
            data,
            index,
            continuation: index == 0 && self.header.first_is_continuation,
            continues: is_last && self.header.last_continues,
        })
    }
}

/// OBU types ([AV1 §6.2.2](https://aomediacodec.github.io/av1-spec/#obu-header-semantics)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Av1ObuType {
    /// 1: sequence header.
    SequenceHeader,
    /// 2: temporal delimiter.
    TemporalDelimiter,
    /// 3: frame header.
    FrameHeader,
    /// 4: tile group.
    TileGroup,
    /// 5: metadata.
    Metadata,
    /// 6: frame (frame header and tile group).
    Frame,
    /// 7: redundant frame header.
    RedundantFrameHeader,
    /// 8: tile list.
    TileList,
    /// 15: padding.
    Padding,
    /// 0 and 9–14: reserved.
    Reserved(u8),
}

impl Av1ObuType {
    /// The type for a 4-bit value (higher bits are ignored).
    pub const fn from_value(v: u8) -> Self {
        match v & 0x0f {
            1 => Self::SequenceHeader,
            2 => Self::TemporalDelimiter,
            3 => Self::FrameHeader,
            4 => Self::TileGroup,
            5 => Self::Metadata,
            6 => Self::Frame,
            7 => Self::RedundantFrameHeader,
            8 => Self::TileList,
            15 => Self::Padding,
            other => Self::Reserved(other),
        }
    }

    /// The 4-bit value.
    pub const fn value(self) -> u8 {
        match self {
            Self::SequenceHeader => 1,
            Self::TemporalDelimiter => 2,
            Self::FrameHeader => 3,
            Self::TileGroup => 4,
            Self::Metadata => 5,
            Self::Frame => 6,
            Self::RedundantFrameHeader => 7,
            Self::TileList => 8,
            Self::Padding => 15,
            Self::Reserved(v) => v & 0x0f,
        }
    }
}

impl fmt::Display for Av1ObuType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::SequenceHeader => "sequence header",
            Self::TemporalDelimiter => "temporal delimiter",
            Self::FrameHeader => "frame header",
            Self::TileGroup => "tile group",
            Self::Metadata => "metadata",
            Self::Frame => "frame",
            Self::RedundantFrameHeader => "redundant frame header",
            Self::TileList => "tile list",
            Self::Padding => "padding",
            Self::Reserved(v) => return write!(f, "reserved OBU type {v}"),
        };
        f.write_str(name)
    }
}

/// An OBU header, and its extension when present
/// ([AV1 §5.3.2–5.3.3](https://aomediacodec.github.io/av1-spec/#obu-header-syntax)).
///
/// ```text
///   |F| type  |X|S|r|   F forbidden, X extension flag, S has_size_field, r reserved
///   | tid |sid| rsv |   extension (when X = 1)
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Av1ObuHeader {
    /// The forbidden bit (must be 0).
    pub forbidden: bool,
    /// The OBU type.
    pub obu_type: Av1ObuType,
    /// The extension's temporal and spatial IDs (`obu_extension_flag` = 1).
    pub extension: Option<Av1ObuExtension>,
    /// `obu_has_size_field`: the OBU carries its own size (the RTP format recommends 0).
    pub has_size_field: bool,
}

/// The OBU extension header: the layer the OBU belongs to
/// ([AV1 §5.3.3](https://aomediacodec.github.io/av1-spec/#obu-extension-syntax)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Av1ObuExtension {
    /// temporal_id (0–7).
    pub temporal_id: u8,
    /// spatial_id (0–3).
    pub spatial_id: u8,
}

impl Av1ObuHeader {
    /// Decodes the OBU header at the start of `bytes`; `None` when it is cut short (no
    /// byte, or the extension flag set with no extension byte).
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let (&b, rest) = bytes.split_first()?;
        let extension = if b & field::OBU_EXTENSION != 0 {
            let &e = rest.first()?;
            Some(Av1ObuExtension {
                temporal_id: e >> 5,
                spatial_id: (e >> 3) & 0x03,
            })
        } else {
            None
        };
        Some(Self {
            forbidden: b & field::OBU_FORBIDDEN != 0,
            obu_type: Av1ObuType::from_value(b >> 3),
            extension,
            has_size_field: b & field::OBU_HAS_SIZE != 0,
        })
    }

    /// The header's length: 1, or 2 with an extension.
    pub const fn len(&self) -> usize {
        if self.extension.is_some() { 2 } else { 1 }
    }

    /// Always false.
    pub const fn is_empty(&self) -> bool {
        false
    }
}

/// The fields of an AV1 RTP payload, to write one: the aggregation header and the OBU
/// element framing
/// ([AV1 RTP §4.4–4.5](https://aomediacodec.github.io/av1-rtp-spec/#45-payload-structure)).
///
/// Lengths are written in their shortest LEB128 form (an element longer than
/// 4 294 967 295 bytes is cut to that length).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Av1PayloadRepr<'b> {
    /// Z: the first element continues an OBU of the previous packet.
    pub first_is_continuation: bool,
    /// Y: the last element continues in the next packet.
    pub last_continues: bool,
    /// N: the first packet of a coded video sequence.
    pub new_coded_video_sequence: bool,
    /// With 1–3 elements: set W to their number and leave out the last length field.
    /// Otherwise (or when false) W=0 and every element gets a length field.
    pub omit_last_length: bool,
    /// The OBU elements (whole OBUs or fragments), in order.
    pub elements: &'b [&'b [u8]],
}

impl<'b> Av1PayloadRepr<'b> {
    /// Reads the aggregation header of a checked payload. The elements are left empty:
    /// collect [`Av1Payload::elements`] and set them.
    pub fn parse(p: &Av1Payload<'_>) -> Self {
        let h = p.header();
        Self {
            first_is_continuation: h.first_is_continuation,
            last_continues: h.last_continues,
            new_coded_video_sequence: h.new_coded_video_sequence,
            omit_last_length: h.element_count != 0,
            elements: &[],
        }
    }

    /// The value of W that will be written.
    pub fn element_count_field(&self) -> u8 {
        match self.elements.len() {
            n @ 1..=3 if self.omit_last_length => n as u8,
            _ => 0,
        }
    }

    /// The aggregation header that will be written.
    pub fn header(&self) -> Av1AggregationHeader {
        Av1AggregationHeader {
            first_is_continuation: self.first_is_continuation,
            last_continues: self.last_continues,
            element_count: self.element_count_field(),
            new_coded_video_sequence: self.new_coded_video_sequence,
        }
    }

    fn element(e: &'b [u8]) -> (&'b [u8], u32) {
        let len = u32::try_from(e.len()).unwrap_or(u32::MAX);
        (e.get(..len as usize).unwrap_or(e), len)
    }

    /// The length of the payload.
    pub fn buffer_len(&self) -> usize {
        let w = self.element_count_field();
        let n = self.elements.len();
        1 + self
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (data, len) = Self::element(e);
                let framing = if w != 0 && i + 1 == n {
                    0
                } else {
                    leb128_len(len)
                };
                framing + data.len()
            })
            .sum::<usize>()
    }

    /// Writes the payload and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        let header = self.header();
        w.u8(header.to_byte())?;
        let n = self.elements.len();
        for (i, e) in self.elements.iter().enumerate() {
            let (data, len) = Self::element(e);
            if header.element_count == 0 || i + 1 < n {
                write_leb128(&mut w, len)?;
            }
            w.put(data)?;
        }
        Ok(w.position())
    }

    /// Appends the payload to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::vec::Vec;

    // W=0 (every element length-prefixed), N=0, Z=0, Y=0: header 0x00.
    // Element 1: length 1, temporal delimiter OBU header 0x12 = 0b0_0010_0_1_0
    // (type 2, has_size_field=1) — as a sender would that keeps sizes.
    // Element 2: length 3, frame OBU with extension: 0x34 = 0b0_0110_1_0_0 (type 6, X=1),
    // extension 0x48 = 0b010_01_000 (temporal_id 2, spatial_id 1), one data byte 0xaa.
    const W0: [u8; 7] = [0x00, 0x01, 0x12, 0x03, 0x34, 0x48, 0xaa];

    // Z=1 Y=1 W=1 (0xd0 = 0b1_1_01_0_000): a single element, a middle fragment of an OBU,
    // with no length field.
    const MIDDLE_FRAGMENT: [u8; 4] = [0xd0, 0x01, 0x02, 0x03];

    // N=1 W=3 (0x38 = 0b0_0_11_1_000): sequence header (0x08 = type 1) of 2 bytes,
    // temporal delimiter (0x10 = type 2) of 1 byte, frame (0x30 = type 6) taking the rest.
    const W3_KEY: [u8; 8] = [0x38, 0x02, 0x08, 0x0c, 0x01, 0x10, 0x30, 0xff];

    #[test]
    fn leb128() {
        // 0x7f = 127 in one byte; 0x80 0x01 = 0 + 1 << 7 = 128; 0xe5 0x8e 0x26 =
        // 0x65 + (0x0e << 7) + (0x26 << 14) = 101 + 1792 + 622592 = 624485.
        assert_eq!(read_leb128(&[0x7f], 0), Ok((127, 1)));
        assert_eq!(read_leb128(&[0x80, 0x01], 0), Ok((128, 2)));
        assert_eq!(read_leb128(&[0xe5, 0x8e, 0x26], 0), Ok((624_485, 3)));
        // Non-minimal encodings are accepted: 0x80 0x00 is 0 in 2 bytes.
        assert_eq!(read_leb128(&[0x80, 0x00], 0), Ok((0, 2)));
        // u32::MAX = 0xffffffff: 4 × 7 bits of ones, then 0x0f.
        assert_eq!(
            read_leb128(&[0xff, 0xff, 0xff, 0xff, 0x0f], 0),
            Ok((u32::MAX, 5))
        );
        // 2^32 = 0x80 0x80 0x80 0x80 0x10 does not fit.
        assert!(matches!(
            read_leb128(&[0x80, 0x80, 0x80, 0x80, 0x10], 0),
            Err(PayloadError::Leb128Overflow { offset: 0, .. })
        ));
        // Eight bytes that all continue: too long even though the value is 0.
        assert!(matches!(
            read_leb128(&[0x80; 9], 1),
            Err(PayloadError::Leb128Overflow { offset: 1, .. })
        ));
        assert!(matches!(
            read_leb128(&[0x80, 0x80], 0),
            Err(PayloadError::Truncated {
                needed: 3,
                available: 2,
                ..
            })
        ));
        for v in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            let mut buf = [0u8; 5];
            let mut w = Writer::new(&mut buf);
            write_leb128(&mut w, v).unwrap();
            let n = w.position();
            assert_eq!(n, leb128_len(v));
            assert_eq!(read_leb128(&buf[..n], 0), Ok((v, n)));
        }
    }

    #[test]
    fn every_element_with_length() {
        let p = Av1Payload::new_checked(&W0).unwrap();
        assert_eq!(p.header(), Av1AggregationHeader::default());
        assert_eq!(p.element_count(), 2);
        let e: Vec<_> = p.elements().collect();
        assert_eq!(e[0].data(), &[0x12]);
        assert_eq!(
            e[0].obu_header(),
            Some(Av1ObuHeader {
                forbidden: false,
                obu_type: Av1ObuType::TemporalDelimiter,
                extension: None,
                has_size_field: true
            })
        );
        assert_eq!(e[1].index(), 1);
        assert_eq!(
            e[1].obu_header(),
            Some(Av1ObuHeader {
                forbidden: false,
                obu_type: Av1ObuType::Frame,
                extension: Some(Av1ObuExtension {
                    temporal_id: 2,
                    spatial_id: 1
                }),
                has_size_field: false
            })
        );
        assert!(!p.starts_keyframe());
    }

    #[test]
    fn middle_fragment() {
        let p = Av1Payload::new_checked(&MIDDLE_FRAGMENT).unwrap();
        assert!(p.first_is_continuation() && p.last_continues());
        let e: Vec<_> = p.elements().collect();
        assert_eq!(e.len(), 1);
        assert!(e[0].is_continuation() && e[0].continues());
        assert_eq!(e[0].data(), &[0x01, 0x02, 0x03]);
        assert_eq!(e[0].obu_header(), None);
    }

    #[test]
    fn counted_elements() {
        let p = Av1Payload::new_checked(&W3_KEY).unwrap();
        assert!(p.starts_keyframe());
        assert_eq!(p.element_count(), 3);
        let e: Vec<_> = p.elements().collect();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].data(), &[0x08, 0x0c]);
        assert_eq!(e[1].data(), &[0x10]);
        assert_eq!(e[2].data(), &[0x30, 0xff]);
        let types: Vec<_> = e.iter().map(|e| e.obu_header().unwrap().obu_type).collect();
        assert_eq!(
            types,
            [
                Av1ObuType::SequenceHeader,
                Av1ObuType::TemporalDelimiter,
                Av1ObuType::Frame
            ]
        );
        assert!(e.iter().all(|e| !e.is_continuation() && !e.continues()));
    }

    #[test]
    fn empty_elements() {
        // Header only, W=0: no elements.
        let p = Av1Payload::new_checked(&[0x00]).unwrap();
        assert_eq!(p.elements().count(), 0);
        // W=2 with an empty first element (length 0) and an empty last element.
        let p = Av1Payload::new_checked(&[0x20, 0x00]).unwrap();
        let e: Vec<_> = p.elements().collect();
        assert_eq!(e.len(), 2);
        assert!(
            e.iter()
                .all(|e| e.data().is_empty() && e.obu_header().is_none())
        );
    }

    #[test]
    fn round_trip_literals() {
        for bytes in [&W0[..], &MIDDLE_FRAGMENT, &W3_KEY] {
            let p = Av1Payload::new_checked(bytes).unwrap();
            let elements: Vec<&[u8]> = p.elements().map(|e| e.data()).collect();
            let repr = Av1PayloadRepr {
                elements: &elements,
                ..Av1PayloadRepr::parse(&p)
            };
            assert_eq!(repr.header(), p.header());
            assert_eq!(repr.buffer_len(), bytes.len());
            let mut out = [0u8; 16];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], bytes);
        }
    }

    #[test]
    fn four_elements_fall_back_to_w0() {
        let elements: [&[u8]; 4] = [&[0x10], &[0x30], &[0x30], &[0x30, 0x01]];
        let repr = Av1PayloadRepr {
            omit_last_length: true,
            elements: &elements,
            ..Default::default()
        };
        assert_eq!(repr.element_count_field(), 0);
        let mut out = [0u8; 16];
        let n = repr.emit(&mut out).unwrap();
        assert_eq!(
            &out[..n],
            &[0x00, 0x01, 0x10, 0x01, 0x30, 0x01, 0x30, 0x02, 0x30, 0x01]
        );
    }

    #[test]
    fn errors() {
        assert!(matches!(
            Av1Payload::new_checked(&[]),
            Err(PayloadError::Truncated {
                codec: Codec::Av1,
                field: "aggregation header",
                offset: 0,
                needed: 1,
                available: 0
            })
        ));
        // W=0, element of length 5 with 2 bytes left.
        assert!(matches!(
            Av1Payload::new_checked(&[0x00, 0x05, 0x30, 0x00]),
            Err(PayloadError::Truncated {
                field: "OBU element",
                offset: 2,
                needed: 5,
                available: 2,
                ..
            })
        ));
        // W=2 but the packet ends before the first length.
        assert!(matches!(
            Av1Payload::new_checked(&[0x20]),
            Err(PayloadError::Truncated {
                field: "OBU element length",
                offset: 1,
                needed: 1,
                available: 0,
                ..
            })
        ));
        // A length that overflows 32 bits.
        let e = Av1Payload::new_checked(&[0x00, 0xff, 0xff, 0xff, 0xff, 0x7f]).unwrap_err();
        assert!(matches!(
            e,
            PayloadError::Leb128Overflow {
                codec: Codec::Av1,
                field: "OBU element length",
                offset: 1
            }
        ));
    }
}
