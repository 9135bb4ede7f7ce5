//! H.264 RTP payloads ([RFC 6184 §5](https://www.rfc-editor.org/rfc/rfc6184#section-5)):
//! single NAL unit packets, aggregation packets (STAP-A, STAP-B, MTAP16, MTAP24) and
//! fragmentation units (FU-A, FU-B).
//!
//! The first byte of every H.264 payload is a NAL unit header; its type says which
//! packetization is used
//! ([RFC 6184 §5.2](https://www.rfc-editor.org/rfc/rfc6184#section-5.2)):
//!
//! ```text
//!   +---------------+
//!   |0|1|2|3|4|5|6|7|       1–23  single NAL unit packet
//!   +-+-+-+-+-+-+-+-+       24    STAP-A    25  STAP-B
//!   |F|NRI|  Type   |       26    MTAP16    27  MTAP24
//!   +---------------+       28    FU-A      29  FU-B
//! ```
//!
//! ```
//! use rtcinspect_wire::rtp::payload::h264::{
//!     H264AggregateKind, H264AggregateRepr, H264AggregationUnit, H264Nal, H264NalType, H264Payload,
//! };
//!
//! // STAP-A (0x78: NRI 3, type 24) holding an SPS (0x67 ...) and a PPS (0x68 ...).
//! let bytes = [0x78, 0x00, 0x03, 0x67, 0x42, 0x00, 0x00, 0x02, 0x68, 0xce];
//! let payload = H264Payload::new_checked(&bytes)?;
//! assert!(payload.contains_sps() && payload.contains_pps() && !payload.contains_idr());
//! let H264Payload::Aggregate(stap) = payload else { unreachable!() };
//! assert_eq!(stap.kind(), H264AggregateKind::StapA);
//! let types: Vec<_> = stap.units().map(|u| u.nal.nal_type()).collect();
//! assert_eq!(types, [H264NalType::Sps, H264NalType::Pps]);
//!
//! // Aggregate the same NAL units again: the writer computes F, NRI and the sizes.
//! let units: Vec<H264AggregationUnit<'_>> = stap.units().collect();
//! let repr = H264AggregateRepr { kind: H264AggregateKind::StapA, don: 0, units: &units };
//! let mut out = [0u8; 16];
//! let len = repr.emit(&mut out)?;
//! assert_eq!(&out[..len], &bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::{Codec, PayloadError, need, writer};
use crate::bytes::{BufferTooSmall, u8_at, u16_at, u24_at};

/// Bit masks and sizes.
mod field {
    /// NAL unit header: forbidden_zero_bit.
    pub(super) const F: u8 = 0x80;
    /// NAL unit header: nal_ref_idc.
    pub(super) const NRI: u8 = 0x60;
    /// NAL unit header: nal_unit_type.
    pub(super) const TYPE: u8 = 0x1f;
    /// FU header: start of the fragmented NAL unit.
    pub(super) const S: u8 = 0x80;
    /// FU header: end of the fragmented NAL unit.
    pub(super) const E: u8 = 0x40;
    /// FU header: reserved bit.
    pub(super) const R: u8 = 0x20;
    /// STAP-A type.
    pub(super) const STAP_A: u8 = 24;
    /// STAP-B type.
    pub(super) const STAP_B: u8 = 25;
    /// MTAP16 type.
    pub(super) const MTAP16: u8 = 26;
    /// MTAP24 type.
    pub(super) const MTAP24: u8 = 27;
    /// FU-A type.
    pub(super) const FU_A: u8 = 28;
    /// FU-B type.
    pub(super) const FU_B: u8 = 29;
}

const CODEC: Codec = Codec::H264;

/// The type of a NAL unit or of an RTP packetization structure
/// ([H.264 Table 7-1](https://www.itu.int/rec/T-REC-H.264),
/// [RFC 6184 §5.2](https://www.rfc-editor.org/rfc/rfc6184#section-5.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum H264NalType {
    /// 1: coded slice of a non-IDR picture.
    NonIdrSlice,
    /// 2: coded slice data partition A.
    PartitionA,
    /// 3: coded slice data partition B.
    PartitionB,
    /// 4: coded slice data partition C.
    PartitionC,
    /// 5: coded slice of an IDR picture (a keyframe).
    IdrSlice,
    /// 6: supplemental enhancement information.
    Sei,
    /// 7: sequence parameter set.
    Sps,
    /// 8: picture parameter set.
    Pps,
    /// 9: access unit delimiter.
    AccessUnitDelimiter,
    /// 10: end of sequence.
    EndOfSequence,
    /// 11: end of stream.
    EndOfStream,
    /// 12: filler data.
    Filler,
    /// 13: sequence parameter set extension.
    SpsExtension,
    /// 14: prefix NAL unit (SVC).
    Prefix,
    /// 15: subset sequence parameter set.
    SubsetSps,
    /// 19: coded slice of an auxiliary coded picture.
    AuxiliarySlice,
    /// 20: coded slice extension (SVC, MVC).
    SliceExtension,
    /// 24: single-time aggregation packet without DON.
    StapA,
    /// 25: single-time aggregation packet with DON.
    StapB,
    /// 26: multi-time aggregation packet, 16-bit timestamp offsets.
    Mtap16,
    /// 27: multi-time aggregation packet, 24-bit timestamp offsets.
    Mtap24,
    /// 28: fragmentation unit without DON.
    FuA,
    /// 29: fragmentation unit with DON.
    FuB,
    /// Any other value (0, 16–18, 21–23, 30, 31): unspecified or reserved.
    Unknown(u8),
}

impl H264NalType {
    /// The type for a 5-bit value (higher bits are ignored).
    pub const fn from_value(v: u8) -> Self {
        match v & field::TYPE {
            1 => Self::NonIdrSlice,
            2 => Self::PartitionA,
            3 => Self::PartitionB,
            4 => Self::PartitionC,
            5 => Self::IdrSlice,
            6 => Self::Sei,
            7 => Self::Sps,
            8 => Self::Pps,
            9 => Self::AccessUnitDelimiter,
            10 => Self::EndOfSequence,
            11 => Self::EndOfStream,
            12 => Self::Filler,
            13 => Self::SpsExtension,
            14 => Self::Prefix,
            15 => Self::SubsetSps,
            19 => Self::AuxiliarySlice,
            20 => Self::SliceExtension,
            24 => Self::StapA,
            25 => Self::StapB,
            26 => Self::Mtap16,
            27 => Self::Mtap24,
            28 => Self::FuA,
            29 => Self::FuB,
            other => Self::Unknown(other),
        }
    }

    /// The 5-bit value.
    pub const fn value(self) -> u8 {
        match self {
            Self::NonIdrSlice => 1,
            Self::PartitionA => 2,
            Self::PartitionB => 3,
            Self::PartitionC => 4,
            Self::IdrSlice => 5,
            Self::Sei => 6,
            Self::Sps => 7,
            Self::Pps => 8,
            Self::AccessUnitDelimiter => 9,
            Self::EndOfSequence => 10,
            Self::EndOfStream => 11,
            Self::Filler => 12,
            Self::SpsExtension => 13,
            Self::Prefix => 14,
            Self::SubsetSps => 15,
            Self::AuxiliarySlice => 19,
            Self::SliceExtension => 20,
            Self::StapA => 24,
            Self::StapB => 25,
            Self::Mtap16 => 26,
            Self::Mtap24 => 27,
            Self::FuA => 28,
            Self::FuB => 29,
            Self::Unknown(v) => v & field::TYPE,
        }
    }

    /// Whether this is an IDR slice (type 5).
    pub const fn is_idr(self) -> bool {
        matches!(self, Self::IdrSlice)
    }
}

impl fmt::Display for H264NalType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::NonIdrSlice => "non-IDR slice",
            Self::PartitionA => "slice partition A",
            Self::PartitionB => "slice partition B",
            Self::PartitionC => "slice partition C",
            Self::IdrSlice => "IDR slice",
            Self::Sei => "SEI",
            Self::Sps => "SPS",
            Self::Pps => "PPS",
            Self::AccessUnitDelimiter => "access unit delimiter",
            Self::EndOfSequence => "end of sequence",
            Self::EndOfStream => "end of stream",
            Self::Filler => "filler data",
            Self::SpsExtension => "SPS extension",
            Self::Prefix => "prefix NAL unit",
            Self::SubsetSps => "subset SPS",
            Self::AuxiliarySlice => "auxiliary slice",
            Self::SliceExtension => "slice extension",
            Self::StapA => "STAP-A",
            Self::StapB => "STAP-B",
            Self::Mtap16 => "MTAP16",
            Self::Mtap24 => "MTAP24",
            Self::FuA => "FU-A",
            Self::FuB => "FU-B",
            Self::Unknown(v) => return write!(f, "NAL unit type {v}"),
        };
        f.write_str(name)
    }
}

/// A NAL unit header octet: F, NRI and type
/// ([RFC 6184 §5.3](https://www.rfc-editor.org/rfc/rfc6184#section-5.3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264NalHeader {
    /// F (forbidden_zero_bit): 1 signals a NAL unit that may contain bit errors.
    pub forbidden: bool,
    /// NRI (nal_ref_idc), 0–3: 0 means the NAL unit is not used for reference. Writers
    /// keep the low 2 bits.
    pub nri: u8,
    /// The type.
    pub nal_type: H264NalType,
}

impl H264NalHeader {
    /// Decodes a header octet.
    pub const fn from_byte(b: u8) -> Self {
        Self {
            forbidden: b & field::F != 0,
            nri: (b & field::NRI) >> 5,
            nal_type: H264NalType::from_value(b),
        }
    }

    /// Encodes the header octet.
    pub const fn to_byte(self) -> u8 {
        (if self.forbidden { field::F } else { 0 }) | (self.nri & 0x03) << 5 | self.nal_type.value()
    }
}

/// A complete NAL unit (header octet and body), at least one byte long
/// ([RFC 6184 §1.3](https://www.rfc-editor.org/rfc/rfc6184#section-1.3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264Nal<'a> {
    bytes: &'a [u8],
}

impl<'a> H264Nal<'a> {
    /// Wraps the bytes of a NAL unit; fails only when `bytes` is empty.
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "NAL unit header", bytes, 0, 1)?;
        Ok(Self { bytes })
    }

    /// The NAL unit, header included.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Its length in bytes (at least 1).
    pub const fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a NAL unit has at least its header.
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The header octet.
    pub fn header(&self) -> H264NalHeader {
        H264NalHeader::from_byte(u8_at(self.bytes, 0))
    }

    /// The NAL unit type.
    pub fn nal_type(&self) -> H264NalType {
        self.header().nal_type
    }

    /// The bytes after the header octet.
    pub fn body(&self) -> &'a [u8] {
        self.bytes.get(1..).unwrap_or(&[])
    }
}

/// An H.264 RTP payload, by packetization structure
/// ([RFC 6184 §5.2](https://www.rfc-editor.org/rfc/rfc6184#section-5.2)).
///
/// [`new_checked`](Self::new_checked) validates every aggregation unit and fragment
/// header; after it succeeds no accessor can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum H264Payload<'a> {
    /// A single NAL unit packet: the payload is one NAL unit
    /// ([§5.6](https://www.rfc-editor.org/rfc/rfc6184#section-5.6)). NAL unit types 0,
    /// 30 and 31, which RFC 6184 reserves and receivers ignore, also land here.
    Single(H264Nal<'a>),
    /// STAP-A, STAP-B, MTAP16 or MTAP24
    /// ([§5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
    Aggregate(H264Aggregate<'a>),
    /// FU-A or FU-B ([§5.8](https://www.rfc-editor.org/rfc/rfc6184#section-5.8)).
    Fragment(H264Fragment<'a>),
}

impl<'a> H264Payload<'a> {
    /// Parses an RTP payload, checking every length in it.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "NAL unit header", buf, 0, 1)?;
        match u8_at(buf, 0) & field::TYPE {
            field::STAP_A => {
                H264Aggregate::read(buf, H264AggregateKind::StapA).map(Self::Aggregate)
            }
            field::STAP_B => {
                H264Aggregate::read(buf, H264AggregateKind::StapB).map(Self::Aggregate)
            }
            field::MTAP16 => {
                H264Aggregate::read(buf, H264AggregateKind::Mtap16).map(Self::Aggregate)
            }
            field::MTAP24 => {
                H264Aggregate::read(buf, H264AggregateKind::Mtap24).map(Self::Aggregate)
            }
            field::FU_A => H264Fragment::read(buf, H264FragmentKind::FuA).map(Self::Fragment),
            field::FU_B => H264Fragment::read(buf, H264FragmentKind::FuB).map(Self::Fragment),
            _ => Ok(Self::Single(H264Nal { bytes: buf })),
        }
    }

    /// The whole payload.
    pub const fn as_bytes(&self) -> &'a [u8] {
        match self {
            Self::Single(n) => n.bytes,
            Self::Aggregate(a) => a.bytes,
            Self::Fragment(f) => f.bytes,
        }
    }

    /// The payload header: the NAL unit header of a single NAL unit packet, the
    /// aggregation header, or the FU indicator.
    pub fn header(&self) -> H264NalHeader {
        H264NalHeader::from_byte(u8_at(self.as_bytes(), 0))
    }

    /// Whether the payload carries a NAL unit of type `t`, or a fragment of one.
    pub fn contains(&self, t: H264NalType) -> bool {
        match self {
            Self::Single(n) => n.nal_type() == t,
            Self::Aggregate(a) => a.units().any(|u| u.nal.nal_type() == t),
            Self::Fragment(f) => f.nal_header().nal_type == t,
        }
    }

    /// Whether the payload carries a sequence parameter set (type 7).
    pub fn contains_sps(&self) -> bool {
        self.contains(H264NalType::Sps)
    }

    /// Whether the payload carries a picture parameter set (type 8).
    pub fn contains_pps(&self) -> bool {
        self.contains(H264NalType::Pps)
    }

    /// Whether the payload carries an IDR slice (type 5), or any fragment of one.
    pub fn contains_idr(&self) -> bool {
        self.contains(H264NalType::IdrSlice)
    }

    /// Whether the payload begins at least one NAL unit: true unless it is an FU
    /// without the S bit. (`is_partition_head` in webrtc-rs.)
    pub fn starts_nal_unit(&self) -> bool {
        match self {
            Self::Fragment(f) => f.start(),
            _ => true,
        }
    }

    /// Whether the packet starts a keyframe: it carries a whole IDR slice (type 5), alone
    /// or aggregated, or the first fragment (S=1) of one.
    ///
    /// libwebrtc's H.264 depacketizer likewise keys frames on IDR NAL units (it marks
    /// every packet that carries IDR data, where this counts only the one that starts
    /// the slice). SPS and PPS, which normally precede the IDR slice in the same access
    /// unit, are reported by [`contains_sps`](Self::contains_sps) and
    /// [`contains_pps`](Self::contains_pps) but do not by themselves start a keyframe.
    pub fn starts_keyframe(&self) -> bool {
        match self {
            Self::Fragment(f) => f.start() && f.nal_header().nal_type.is_idr(),
            _ => self.contains_idr(),
        }
    }
}

/// The kinds of aggregation packet
/// ([RFC 6184 §5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum H264AggregateKind {
    /// Type 24: single-time aggregation packet, NAL units in transmission order.
    StapA,
    /// Type 25: single-time aggregation packet with a 16-bit decoding order number.
    StapB,
    /// Type 26: multi-time aggregation packet, each unit with DOND and a 16-bit timestamp
    /// offset.
    Mtap16,
    /// Type 27: multi-time aggregation packet, each unit with DOND and a 24-bit timestamp
    /// offset.
    Mtap24,
}

impl H264AggregateKind {
    const fn nal_type(self) -> u8 {
        match self {
            Self::StapA => field::STAP_A,
            Self::StapB => field::STAP_B,
            Self::Mtap16 => field::MTAP16,
            Self::Mtap24 => field::MTAP24,
        }
    }

    /// Bytes between the aggregation header and the first unit: 0 for STAP-A, 2 (DON or
    /// DONB) otherwise.
    const fn prefix_len(self) -> usize {
        match self {
            Self::StapA => 0,
            _ => 2,
        }
    }

    /// Bytes of DOND and timestamp offset in front of each NAL unit.
    const fn unit_extra_len(self) -> usize {
        match self {
            Self::StapA | Self::StapB => 0,
            Self::Mtap16 => 3,
            Self::Mtap24 => 4,
        }
    }
}

/// An aggregation packet: STAP-A, STAP-B, MTAP16 or MTAP24
/// ([RFC 6184 §5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
///
/// ```text
///   STAP-A:  [header 24] ([size 16] [NAL unit])+
///   STAP-B:  [header 25] [DON 16] ([size 16] [NAL unit])+
///   MTAP16:  [header 26] [DONB 16] ([size 16] [DOND 8] [TS offset 16] [NAL unit])+
///   MTAP24:  [header 27] [DONB 16] ([size 16] [DOND 8] [TS offset 24] [NAL unit])+
/// ```
///
/// The size counts the NAL unit only (not DOND or the timestamp offset), as in Wireshark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264Aggregate<'a> {
    bytes: &'a [u8],
    kind: H264AggregateKind,
}

impl<'a> H264Aggregate<'a> {
    fn read(buf: &'a [u8], kind: H264AggregateKind) -> Result<Self, PayloadError> {
        let mut at = 1;
        if kind.prefix_len() > 0 {
            let name = if kind == H264AggregateKind::StapB {
                "DON"
            } else {
                "DONB"
            };
            need(CODEC, name, buf, at, 2)?;
            at += 2;
        }
        // At least one unit; then units until the end.
        loop {
            need(CODEC, "NAL unit size", buf, at, 2)?;
            let size = usize::from(u16_at(buf, at));
            if size == 0 {
                return Err(PayloadError::Invalid {
                    codec: CODEC,
                    field: "NAL unit size",
                    offset: at,
                    value: 0,
                    expected: "at least 1 (the NAL unit header)",
                });
            }
            at += 2;
            match kind {
                H264AggregateKind::Mtap16 => need(CODEC, "DOND and TS offset", buf, at, 3)?,
                H264AggregateKind::Mtap24 => need(CODEC, "DOND and TS offset", buf, at, 4)?,
                _ => {}
            }
            at += kind.unit_extra_len();
            need(CODEC, "aggregated NAL unit", buf, at, size)?;
            at += size;
            if at == buf.len() {
                return Ok(Self { bytes: buf, kind });
            }
        }
    }

    /// Which aggregation packet this is.
    pub const fn kind(&self) -> H264AggregateKind {
        self.kind
    }

    /// The whole payload.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The aggregation header. Its F bit is the OR of the units' F bits and its NRI the
    /// largest of theirs (RFC 6184 §5.7).
    pub fn header(&self) -> H264NalHeader {
        H264NalHeader::from_byte(u8_at(self.bytes, 0))
    }

    /// STAP-B: the decoding order number; MTAP: the decoding order number base (DONB).
    pub fn don(&self) -> Option<u16> {
        (self.kind.prefix_len() > 0).then(|| u16_at(self.bytes, 1))
    }

    /// The aggregated NAL units, in order.
    pub fn units(&self) -> H264AggregationUnits<'a> {
        H264AggregationUnits {
            rest: self.bytes.get(1 + self.kind.prefix_len()..).unwrap_or(&[]),
            kind: self.kind,
        }
    }
}

/// One NAL unit of an aggregation packet, with its MTAP fields
/// ([RFC 6184 §5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264AggregationUnit<'a> {
    /// The NAL unit.
    pub nal: H264Nal<'a>,
    /// MTAP only: DOND, the decoding order number difference from DONB.
    pub dond: Option<u8>,
    /// MTAP only: the timestamp offset from the RTP timestamp (16 or 24 bits).
    pub ts_offset: Option<u32>,
}

impl<'a> H264AggregationUnit<'a> {
    /// A unit for a STAP (no DOND or timestamp offset).
    pub const fn new(nal: H264Nal<'a>) -> Self {
        Self {
            nal,
            dond: None,
            ts_offset: None,
        }
    }
}

/// Iterator over the NAL units of an [`H264Aggregate`]
/// ([RFC 6184 §5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
#[derive(Debug, Clone)]
pub struct H264AggregationUnits<'a> {
    rest: &'a [u8],
    kind: H264AggregateKind,
}

impl<'a> Iterator for H264AggregationUnits<'a> {
    type Item = H264AggregationUnit<'a>;

    fn next(&mut self) -> Option<H264AggregationUnit<'a>> {
        let (size, rest) = self.rest.split_first_chunk::<2>()?;
        let size = usize::from(u16::from_be_bytes(*size));
        let (dond, ts_offset) = match self.kind {
            H264AggregateKind::Mtap16 => (Some(u8_at(rest, 0)), Some(u32::from(u16_at(rest, 1)))),
            H264AggregateKind::Mtap24 => (Some(u8_at(rest, 0)), Some(u24_at(rest, 1))),
            _ => (None, None),
        };
        let rest = rest.get(self.kind.unit_extra_len()..)?;
        let nal = rest.get(..size).filter(|n| !n.is_empty())?;
        self.rest = rest.get(size..)?;
        Some(H264AggregationUnit {
            nal: H264Nal { bytes: nal },
            dond,
            ts_offset,
        })
    }
}

/// The fields of an aggregation packet, to write one: the header's F and NRI and every
/// size are computed ([RFC 6184 §5.7](https://www.rfc-editor.org/rfc/rfc6184#section-5.7)).
///
/// Give at least one unit: an aggregation packet without units is not valid (and does
/// not parse). Units longer than 65 535 bytes do not fit a size field; only their first
/// 65 535 bytes are written. DOND and the timestamp offset (masked to 16 or 24 bits) are
/// written for MTAPs only, as zero when `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264AggregateRepr<'b> {
    /// The kind of aggregation packet.
    pub kind: H264AggregateKind,
    /// DON (STAP-B) or DONB (MTAP); not written for STAP-A.
    pub don: u16,
    /// The NAL units, in order.
    pub units: &'b [H264AggregationUnit<'b>],
}

impl H264AggregateRepr<'_> {
    fn unit_len(nal: &H264Nal<'_>) -> usize {
        nal.len().min(usize::from(u16::MAX))
    }

    /// The aggregation header: type from `kind`, F the OR of the units' F bits, NRI the
    /// largest of their NRIs.
    pub fn header(&self) -> H264NalHeader {
        let mut forbidden = false;
        let mut nri = 0;
        for u in self.units {
            let h = u.nal.header();
            forbidden |= h.forbidden;
            nri = nri.max(h.nri);
        }
        H264NalHeader {
            forbidden,
            nri,
            nal_type: H264NalType::from_value(self.kind.nal_type()),
        }
    }

    /// The length of the packet.
    pub fn buffer_len(&self) -> usize {
        let per_unit = 2 + self.kind.unit_extra_len();
        1 + self.kind.prefix_len()
            + self
                .units
                .iter()
                .map(|u| per_unit + Self::unit_len(&u.nal))
                .sum::<usize>()
    }

    /// Writes the aggregation packet and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        w.u8(self.header().to_byte())?;
        if self.kind.prefix_len() > 0 {
            w.u16(self.don)?;
        }
        for u in self.units {
            let len = Self::unit_len(&u.nal);
            w.u16(len as u16)?;
            match self.kind {
                H264AggregateKind::Mtap16 => {
                    w.u8(u.dond.unwrap_or(0))?;
                    w.u16(u.ts_offset.unwrap_or(0) as u16)?;
                }
                H264AggregateKind::Mtap24 => {
                    w.u8(u.dond.unwrap_or(0))?;
                    w.u24(u.ts_offset.unwrap_or(0))?;
                }
                _ => {}
            }
            w.put(u.nal.as_bytes().get(..len).unwrap_or(&[]))?;
        }
        Ok(w.position())
    }

    /// Appends the packet to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

/// The kinds of fragmentation unit
/// ([RFC 6184 §5.8](https://www.rfc-editor.org/rfc/rfc6184#section-5.8)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum H264FragmentKind {
    /// Type 28: FU indicator and FU header.
    FuA,
    /// Type 29: as FU-A, followed by a 16-bit decoding order number.
    FuB,
}

impl H264FragmentKind {
    const fn header_len(self) -> usize {
        match self {
            Self::FuA => 2,
            Self::FuB => 4,
        }
    }
}

/// A fragmentation unit, FU-A or FU-B
/// ([RFC 6184 §5.8](https://www.rfc-editor.org/rfc/rfc6184#section-5.8)).
///
/// ```text
///   +---------------+---------------+
///   |F|NRI|  Type   |S|E|R|  Type   |   FU indicator (28 or 29), FU header
///   +---------------+---------------+
///   |  DON (FU-B only, 16 bits)     |
///   +-------------------------------+
///   |  FU payload ...               |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264Fragment<'a> {
    bytes: &'a [u8],
    kind: H264FragmentKind,
}

impl<'a> H264Fragment<'a> {
    fn read(buf: &'a [u8], kind: H264FragmentKind) -> Result<Self, PayloadError> {
        need(CODEC, "FU header", buf, 1, 1)?;
        if kind == H264FragmentKind::FuB {
            need(CODEC, "DON", buf, 2, 2)?;
        }
        Ok(Self { bytes: buf, kind })
    }

    /// FU-A or FU-B.
    pub const fn kind(&self) -> H264FragmentKind {
        self.kind
    }

    /// The whole payload.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The FU indicator: F and NRI of the fragmented NAL unit, type 28 or 29.
    pub fn indicator(&self) -> H264NalHeader {
        H264NalHeader::from_byte(u8_at(self.bytes, 0))
    }

    fn fu_header(&self) -> u8 {
        u8_at(self.bytes, 1)
    }

    /// S: this fragment starts the NAL unit.
    pub fn start(&self) -> bool {
        self.fu_header() & field::S != 0
    }

    /// E: this fragment ends the NAL unit.
    pub fn end(&self) -> bool {
        self.fu_header() & field::E != 0
    }

    /// R: the reserved bit (0 in a conforming packet).
    pub fn reserved(&self) -> bool {
        self.fu_header() & field::R != 0
    }

    /// The header of the fragmented NAL unit, rebuilt from the FU indicator's F and NRI
    /// and the FU header's type.
    pub fn nal_header(&self) -> H264NalHeader {
        H264NalHeader {
            nal_type: H264NalType::from_value(self.fu_header()),
            ..self.indicator()
        }
    }

    /// FU-B: the decoding order number.
    pub fn don(&self) -> Option<u16> {
        (self.kind == H264FragmentKind::FuB).then(|| u16_at(self.bytes, 2))
    }

    /// The FU payload, a piece of the NAL unit after its header octet (may be empty).
    pub fn fragment(&self) -> &'a [u8] {
        self.bytes.get(self.kind.header_len()..).unwrap_or(&[])
    }
}

/// The header fields of a fragmentation unit, to write one: FU indicator, FU header
/// (R written as 0) and for FU-B the DON
/// ([RFC 6184 §5.8](https://www.rfc-editor.org/rfc/rfc6184#section-5.8)).
///
/// The FU payload (the next piece of the NAL unit body) goes after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct H264FragmentRepr {
    /// FU-A or FU-B.
    pub kind: H264FragmentKind,
    /// The header of the fragmented NAL unit (F, NRI, type).
    pub nal_header: H264NalHeader,
    /// S: first fragment.
    pub start: bool,
    /// E: last fragment.
    pub end: bool,
    /// DON, written for FU-B only.
    pub don: u16,
}

impl H264FragmentRepr {
    /// Reads the header fields of a fragmentation unit.
    pub fn parse(f: &H264Fragment<'_>) -> Self {
        Self {
            kind: f.kind(),
            nal_header: f.nal_header(),
            start: f.start(),
            end: f.end(),
            don: f.don().unwrap_or(0),
        }
    }

    /// 2 bytes for FU-A, 4 for FU-B.
    pub const fn buffer_len(&self) -> usize {
        self.kind.header_len()
    }

    /// Writes the header and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        let fu_type = match self.kind {
            H264FragmentKind::FuA => field::FU_A,
            H264FragmentKind::FuB => field::FU_B,
        };
        let indicator = H264NalHeader {
            nal_type: H264NalType::from_value(fu_type),
            ..self.nal_header
        };
        let mut fu = self.nal_header.nal_type.value();
        if self.start {
            fu |= field::S;
        }
        if self.end {
            fu |= field::E;
        }
        w.put(&[indicator.to_byte(), fu])?;
        if self.kind == H264FragmentKind::FuB {
            w.u16(self.don)?;
        }
        Ok(w.position())
    }

    /// Appends the header to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::vec::Vec;

    // Single NAL unit packet: 0x65 = 0b0_11_00101: F=0, NRI=3, type 5 (IDR).
    const SINGLE_IDR: [u8; 4] = [0x65, 0x88, 0x84, 0x00];

    // STAP-A (RFC 6184 §5.7.1, Figure 7 layout): header 0x78 = NRI 3, type 24;
    // unit 1: size 4, SPS 0x67 (NRI 3, type 7) 42 c0 1f; unit 2: size 2, PPS 0x68
    // (NRI 3, type 8) ce; unit 3: size 3, IDR 0x65 b8 00.
    const STAP_A: [u8; 16] = [
        0x78, 0x00, 0x04, 0x67, 0x42, 0xc0, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0xb8,
        0x00,
    ];

    // STAP-B (Figure 8): header 0x59 = NRI 2, type 25; DON 0x0102; one unit of size 2:
    // 0x41 (NRI 2, type 1) 0x9a.
    const STAP_B: [u8; 7] = [0x59, 0x01, 0x02, 0x00, 0x02, 0x41, 0x9a];

    // MTAP16 (Figure 12): header 0x5a (NRI 2, type 26); DONB 0x0010; unit: size 2,
    // DOND 3, TS offset 0x0bb8 (3000), NAL 0x41 0x9b.
    const MTAP16: [u8; 10] = [0x5a, 0x00, 0x10, 0x00, 0x02, 0x03, 0x0b, 0xb8, 0x41, 0x9b];

    // MTAP24 (Figure 13): header 0x1b (NRI 0, type 27); DONB 0x0000; unit: size 1,
    // DOND 0, TS offset 0x010000 (65536), NAL 0x09 (access unit delimiter, NRI 0).
    const MTAP24: [u8; 10] = [0x1b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x09];

    // FU-A (Figure 14): indicator 0x7c = NRI 3, type 28; FU header 0x85 = S=1 E=0 R=0,
    // type 5: the first fragment of an IDR slice.
    const FU_A_START: [u8; 5] = [0x7c, 0x85, 0x88, 0x84, 0x21];

    // FU-A end: indicator 0x5c (NRI 2, type 28); FU header 0x41 = E=1, type 1.
    const FU_A_END: [u8; 3] = [0x5c, 0x41, 0xff];

    // FU-B (Figure 15): indicator 0x7d (NRI 3, type 29); FU header 0x85; DON 0x00ff;
    // empty FU payload (allowed by §5.8).
    const FU_B: [u8; 4] = [0x7d, 0x85, 0x00, 0xff];

    #[test]
    fn single_nal_unit() {
        let p = H264Payload::new_checked(&SINGLE_IDR).unwrap();
        let H264Payload::Single(nal) = p else {
            panic!("{p:?}")
        };
        assert_eq!(
            nal.header(),
            H264NalHeader {
                forbidden: false,
                nri: 3,
                nal_type: H264NalType::IdrSlice
            }
        );
        assert_eq!(nal.body(), &SINGLE_IDR[1..]);
        assert!(p.contains_idr() && !p.contains_sps());
        assert!(p.starts_keyframe());
        assert!(p.starts_nal_unit());
        assert_eq!(p.as_bytes(), &SINGLE_IDR);
    }

    #[test]
    fn stap_a() {
        let p = H264Payload::new_checked(&STAP_A).unwrap();
        assert!(p.contains_sps() && p.contains_pps() && p.contains_idr());
        assert!(p.starts_keyframe());
        let H264Payload::Aggregate(a) = p else {
            panic!("{p:?}")
        };
        assert_eq!(a.kind(), H264AggregateKind::StapA);
        assert_eq!(a.don(), None);
        assert_eq!(a.header().nri, 3);
        let units: Vec<_> = a.units().collect();
        assert_eq!(units.len(), 3);
        assert_eq!(units[0].nal.as_bytes(), &[0x67, 0x42, 0xc0, 0x1f]);
        assert_eq!(units[1].nal.nal_type(), H264NalType::Pps);
        assert_eq!(units[2].nal.as_bytes(), &[0x65, 0xb8, 0x00]);
        assert!(
            units
                .iter()
                .all(|u| u.dond.is_none() && u.ts_offset.is_none())
        );
    }

    #[test]
    fn stap_b_and_mtaps() {
        let p = H264Payload::new_checked(&STAP_B).unwrap();
        let H264Payload::Aggregate(a) = p else {
            panic!("{p:?}")
        };
        assert_eq!(a.kind(), H264AggregateKind::StapB);
        assert_eq!(a.don(), Some(0x0102));
        let units: Vec<_> = a.units().collect();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].nal.as_bytes(), &[0x41, 0x9a]);
        assert!(!p.starts_keyframe());

        let H264Payload::Aggregate(a) = H264Payload::new_checked(&MTAP16).unwrap() else {
            panic!()
        };
        assert_eq!(a.kind(), H264AggregateKind::Mtap16);
        assert_eq!(a.don(), Some(0x0010));
        let u: Vec<_> = a.units().collect();
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].dond, Some(3));
        assert_eq!(u[0].ts_offset, Some(3000));
        assert_eq!(u[0].nal.as_bytes(), &[0x41, 0x9b]);

        let H264Payload::Aggregate(a) = H264Payload::new_checked(&MTAP24).unwrap() else {
            panic!()
        };
        assert_eq!(a.kind(), H264AggregateKind::Mtap24);
        let u: Vec<_> = a.units().collect();
        assert_eq!(u[0].ts_offset, Some(65536));
        assert_eq!(u[0].nal.nal_type(), H264NalType::AccessUnitDelimiter);
    }

    #[test]
    fn fragmentation_units() {
        let p = H264Payload::new_checked(&FU_A_START).unwrap();
        let H264Payload::Fragment(f) = p else {
            panic!("{p:?}")
        };
        assert_eq!(f.kind(), H264FragmentKind::FuA);
        assert!(f.start() && !f.end() && !f.reserved());
        assert_eq!(f.indicator().nal_type, H264NalType::FuA);
        // Reconstructed NAL header: F=0, NRI=3 from 0x7c, type 5 from 0x85 -> 0x65.
        assert_eq!(f.nal_header().to_byte(), 0x65);
        assert_eq!(f.fragment(), &[0x88, 0x84, 0x21]);
        assert_eq!(f.don(), None);
        assert!(p.starts_keyframe() && p.contains_idr() && p.starts_nal_unit());

        let p = H264Payload::new_checked(&FU_A_END).unwrap();
        let H264Payload::Fragment(f) = p else {
            panic!()
        };
        assert!(!f.start() && f.end());
        // F=0 NRI=2 type 1 -> 0x41.
        assert_eq!(f.nal_header().to_byte(), 0x41);
        assert!(!p.starts_nal_unit() && !p.starts_keyframe());

        let p = H264Payload::new_checked(&FU_B).unwrap();
        let H264Payload::Fragment(f) = p else {
            panic!()
        };
        assert_eq!(f.kind(), H264FragmentKind::FuB);
        assert_eq!(f.don(), Some(0x00ff));
        assert!(f.fragment().is_empty());
    }

    #[test]
    fn reserved_types_are_single_units() {
        // Type 0 and 30 are reserved by RFC 6184; they parse as single NAL units with an
        // unknown type.
        for b in [0x00u8, 0x1e, 0x1f] {
            let bytes = [b, 0x01];
            let p = H264Payload::new_checked(&bytes).unwrap();
            let H264Payload::Single(n) = p else { panic!() };
            assert_eq!(n.nal_type(), H264NalType::Unknown(b));
            assert_eq!(n.nal_type().value(), b);
        }
        for v in 0..32u8 {
            assert_eq!(H264NalType::from_value(v).value(), v);
        }
    }

    #[test]
    fn round_trip_literals() {
        for bytes in [&STAP_A[..], &STAP_B, &MTAP16, &MTAP24] {
            let H264Payload::Aggregate(a) = H264Payload::new_checked(bytes).unwrap() else {
                panic!()
            };
            let units: Vec<_> = a.units().collect();
            let repr = H264AggregateRepr {
                kind: a.kind(),
                don: a.don().unwrap_or(0),
                units: &units,
            };
            assert_eq!(repr.header(), a.header());
            let mut out = [0u8; 32];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], bytes);
        }
        for bytes in [&FU_A_START[..], &FU_A_END, &FU_B] {
            let H264Payload::Fragment(f) = H264Payload::new_checked(bytes).unwrap() else {
                panic!()
            };
            let repr = H264FragmentRepr::parse(&f);
            let mut out = [0u8; 4];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], &bytes[..n]);
            assert_eq!(n + f.fragment().len(), bytes.len());
        }
    }

    #[test]
    fn aggregation_header_is_computed() {
        // An SPS with NRI 1 and a non-IDR slice with F=1, NRI 2: the STAP-A header gets
        // F=1 and NRI=max(1, 2)=2: 0b1_10_11000 = 0xd8.
        let sps = H264Nal::new_checked(&[0x27, 0x42]).unwrap();
        let slice = H264Nal::new_checked(&[0xc1, 0x9a, 0x00]).unwrap();
        let units = [
            H264AggregationUnit::new(sps),
            H264AggregationUnit::new(slice),
        ];
        let repr = H264AggregateRepr {
            kind: H264AggregateKind::StapA,
            don: 0,
            units: &units,
        };
        let mut out = [0u8; 16];
        let n = repr.emit(&mut out).unwrap();
        assert_eq!(
            &out[..n],
            &[0xd8, 0x00, 0x02, 0x27, 0x42, 0x00, 0x03, 0xc1, 0x9a, 0x00]
        );
        assert!(matches!(
            repr.emit(&mut out[..9]),
            Err(BufferTooSmall {
                needed: 10,
                available: 9
            })
        ));
    }

    #[test]
    fn build_fu_a() {
        // First fragment of an IDR slice 0x65: indicator F=0 NRI=3 type 28 = 0x7c,
        // FU header S=1 type 5 = 0x85.
        let repr = H264FragmentRepr {
            kind: H264FragmentKind::FuA,
            nal_header: H264NalHeader::from_byte(0x65),
            start: true,
            end: false,
            don: 0,
        };
        let mut out = [0u8; 2];
        assert_eq!(repr.emit(&mut out), Ok(2));
        assert_eq!(out, [0x7c, 0x85]);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            H264Payload::new_checked(&[]),
            Err(PayloadError::Truncated {
                codec: Codec::H264,
                field: "NAL unit header",
                offset: 0,
                needed: 1,
                available: 0
            })
        ));
        // A STAP-A with no unit at all.
        assert!(matches!(
            H264Payload::new_checked(&[0x78]),
            Err(PayloadError::Truncated {
                field: "NAL unit size",
                offset: 1,
                needed: 2,
                available: 0,
                ..
            })
        ));
        // Size 5 but only 2 bytes follow.
        assert!(matches!(
            H264Payload::new_checked(&[0x78, 0x00, 0x05, 0x67, 0x42]),
            Err(PayloadError::Truncated {
                field: "aggregated NAL unit",
                offset: 3,
                needed: 5,
                available: 2,
                ..
            })
        ));
        // One trailing byte after a complete unit: a size field cut in half.
        assert!(matches!(
            H264Payload::new_checked(&[0x78, 0x00, 0x01, 0x67, 0x00]),
            Err(PayloadError::Truncated {
                field: "NAL unit size",
                offset: 4,
                needed: 2,
                available: 1,
                ..
            })
        ));
        assert!(matches!(
            H264Payload::new_checked(&[0x78, 0x00, 0x00]),
            Err(PayloadError::Invalid {
                field: "NAL unit size",
                offset: 1,
                value: 0,
                ..
            })
        ));
        assert!(matches!(
            H264Payload::new_checked(&[0x59, 0x00]),
            Err(PayloadError::Truncated {
                field: "DON",
                offset: 1,
                needed: 2,
                available: 1,
                ..
            })
        ));
        assert!(matches!(
            H264Payload::new_checked(&[0x5a, 0x00, 0x00, 0x00, 0x01, 0x00]),
            Err(PayloadError::Truncated {
                field: "DOND and TS offset",
                offset: 5,
                needed: 3,
                available: 1,
                ..
            })
        ));
        assert!(matches!(
            H264Payload::new_checked(&[0x7c]),
            Err(PayloadError::Truncated {
                field: "FU header",
                offset: 1,
                ..
            })
        ));
        assert!(matches!(
            H264Payload::new_checked(&[0x7d, 0x85, 0x00]),
            Err(PayloadError::Truncated {
                field: "DON",
                offset: 2,
                needed: 2,
                available: 1,
                ..
            })
        ));
        assert!(H264Nal::new_checked(&[]).is_err());
    }
}
