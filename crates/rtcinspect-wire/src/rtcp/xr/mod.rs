//! Extended reports ([RFC 3611](https://www.rfc-editor.org/rfc/rfc3611)): the XR packet,
//! PT 207, and the seven report block types RFC 3611 defines.
//!
//! An XR packet is the common header, the SSRC of its sender, then report blocks, each
//! `BT | type-specific | block length` followed by `block length` 32-bit words
//! ([§3](https://www.rfc-editor.org/rfc/rfc3611#section-3)). [`ExtendedReport`] checks
//! every block header against the packet once, so [`ExtendedReport::blocks`] cannot
//! fail; each [`XrBlock`] reads its contents on demand with [`XrBlock::parse`], which
//! returns a typed [`XrBlockKind`] or an [`RtcpError`] whose offset counts from the
//! first byte of the packet. Block types this crate does not decode (those of later
//! RFCs such as RFC 6776 or RFC 7005) are [`XrBlockKind::Unknown`] values, not errors.
//!
//! | BT | block | view | writer |
//! |---|---|---|---|
//! | 1 | Loss RLE ([§4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)) | [`Rle`] | [`RleRepr`] |
//! | 2 | Duplicate RLE ([§4.2](https://www.rfc-editor.org/rfc/rfc3611#section-4.2)) | [`Rle`] | [`RleRepr`] |
//! | 3 | Packet Receipt Times ([§4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3)) | [`PacketReceiptTimes`] | [`PacketReceiptTimesRepr`] |
//! | 4 | Receiver Reference Time ([§4.4](https://www.rfc-editor.org/rfc/rfc3611#section-4.4)) | [`ReceiverReferenceTime`] | the same |
//! | 5 | DLRR ([§4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)) | [`Dlrr`] | [`DlrrRepr`] |
//! | 6 | Statistics Summary ([§4.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.6)) | [`StatisticsSummary`] | the same |
//! | 7 | VoIP Metrics ([§4.7](https://www.rfc-editor.org/rfc/rfc3611#section-4.7)) | [`VoipMetrics`] | the same |
//! | other | — | [`XrBlockKind::Unknown`] | [`RawXrBlockRepr`] |
//!
//! Fixed-size blocks decode eagerly into plain `Copy` structs that also serve as their
//! writers; variable-length blocks are views with borrowing iterators.
//!
//! ```
//! use rtcinspect_wire::rtcp::xr::{
//!     DlrrEntry, DlrrRepr, ExtendedReportRepr, ReceiverReferenceTime, XrBlockKind, XrBlockRepr,
//! };
//! use rtcinspect_wire::rtcp::{RtcpPacket, RtcpWrite};
//!
//! // A receiver that sends no media asks for its round trip time (RRTR) and answers
//! // another receiver's RRTR (DLRR), RFC 3611 §4.4 and §4.5.
//! let entries = [DlrrEntry { ssrc: 0x2222, last_rr: 0x0001_8000, delay_since_last_rr: 0x8000 }];
//! let blocks = [
//!     XrBlockRepr::ReceiverReferenceTime(ReceiverReferenceTime { ntp_timestamp: 0x0000_0002_0000_0000 }),
//!     XrBlockRepr::Dlrr(DlrrRepr { entries: &entries }),
//! ];
//! let xr = ExtendedReportRepr { ssrc: 0x1111, blocks: &blocks, padding: 0 };
//! let mut buf = [0u8; 64];
//! let len = xr.emit(&mut buf)?;
//! assert_eq!(len, 8 + 12 + 16); // header and SSRC, RRTR, DLRR with one sub-block
//!
//! let Ok(RtcpPacket::ExtendedReport(parsed)) = RtcpPacket::parse(&buf[..len]) else { panic!() };
//! assert_eq!(parsed.ssrc(), 0x1111);
//! let mut kinds = parsed.blocks().map(|block| block.parse());
//! let Some(Ok(XrBlockKind::ReceiverReferenceTime(rrtr))) = kinds.next() else { panic!() };
//! assert_eq!(rrtr.compact_ntp(), 0x0002_0000); // what the peer echoes as LRR
//! let Some(Ok(XrBlockKind::Dlrr(dlrr))) = kinds.next() else { panic!() };
//! assert!(dlrr.entries().eq(entries));
//! // Arrival at 2.0 s (compact NTP), LRR 1.5 s, DLRR 0.5 s: no time on the wire.
//! assert_eq!(entries[0].round_trip(0x0002_0000), Some(0));
//! assert!(kinds.next().is_none());
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

use super::{HEADER_LEN, RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError, Writer};

mod dlrr;
mod prt;
mod rle;
mod rrt;
mod ssr;
mod voip;

pub use dlrr::{Dlrr, DlrrEntries, DlrrEntry, DlrrRepr};
pub use prt::{PacketReceiptTimes, PacketReceiptTimesRepr, ReceiptTimes};
pub use rle::{Rle, RleChunk, RleChunks, RleCounts, RleRepr, RleTrace};
pub use rrt::ReceiverReferenceTime;
pub use ssr::{StatisticsSummary, TtlOrHopLimit};
pub use voip::{JitterBufferAdaptive, PacketLossConcealment, RxConfig, VoipMetrics};

/// Report block types of RFC 3611 ([IANA "RTCP XR Block Type"](https://www.iana.org/assignments/rtcp-xr-block-types/rtcp-xr-block-types.xhtml)).
pub mod block_type {
    /// Loss RLE ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)).
    pub const LOSS_RLE: u8 = 1;
    /// Duplicate RLE ([RFC 3611 §4.2](https://www.rfc-editor.org/rfc/rfc3611#section-4.2)).
    pub const DUPLICATE_RLE: u8 = 2;
    /// Packet Receipt Times ([RFC 3611 §4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3)).
    pub const PACKET_RECEIPT_TIMES: u8 = 3;
    /// Receiver Reference Time ([RFC 3611 §4.4](https://www.rfc-editor.org/rfc/rfc3611#section-4.4)).
    pub const RECEIVER_REFERENCE_TIME: u8 = 4;
    /// DLRR ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)).
    pub const DLRR: u8 = 5;
    /// Statistics Summary ([RFC 3611 §4.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.6)).
    pub const STATISTICS_SUMMARY: u8 = 6;
    /// VoIP Metrics ([RFC 3611 §4.7](https://www.rfc-editor.org/rfc/rfc3611#section-4.7)).
    pub const VOIP_METRICS: u8 = 7;
}

/// Length of a report block header: `BT | type-specific | block length`.
pub const BLOCK_HEADER_LEN: usize = 4;

/// Offset of the SSRC of the packet sender within the body.
const SSRC_LEN: usize = 4;

/// An extended report, PT 207 ([RFC 3611 §2](https://www.rfc-editor.org/rfc/rfc3611#section-2)):
/// the sender's SSRC and a list of report blocks.
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|reserved |   PT=XR=207   |             length            |
/// |                              SSRC                             |
/// :                         report blocks                         :
/// ```
///
/// The checked constructor walks every block header
/// ([§3](https://www.rfc-editor.org/rfc/rfc3611#section-3)): each block's length must
/// fit in what is left of the packet (padding excluded), and the blocks must fill the
/// packet exactly. After it succeeds [`blocks`](Self::blocks) cannot fail and no
/// accessor panics. The contents of each block are read on demand by
/// [`XrBlock::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedReport<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> ExtendedReport<'a> {
    /// Reads the XR packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as XR: the body must hold the SSRC and whole report
    /// blocks up to its end. Error offsets count from the start of the packet.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::XR)?;
        let body = raw.body();
        need_body(body, "SSRC of packet sender", 0, SSRC_LEN)?;
        let mut at = SSRC_LEN;
        while at < body.len() {
            at = block_end(body, at)?;
        }
        Ok(Self { raw })
    }

    /// SSRC of the sender.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.raw.body(), 0)
    }

    /// The report blocks, in order.
    #[inline]
    pub fn blocks(&self) -> XrBlocks<'a> {
        XrBlocks {
            rest: self.raw.body().get(SSRC_LEN..).unwrap_or(&[]),
            offset: HEADER_LEN + SSRC_LEN,
        }
    }

    /// The 5 bits after the P bit, reserved by RFC 3611 §2 (zero from a conforming
    /// sender; ignored here).
    #[inline]
    pub fn reserved(&self) -> u8 {
        self.raw.count()
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Returns where the block starting at `at` in the body ends, checking its header.
fn block_end(body: &[u8], at: usize) -> Result<usize, RtcpError> {
    need_body(body, "XR report block header", at, BLOCK_HEADER_LEN)?;
    let len = usize::from(bytes::u16_at(body, at + 2)) * 4;
    need_body(body, "XR report block contents", at + BLOCK_HEADER_LEN, len)?;
    Ok(at + BLOCK_HEADER_LEN + len)
}

/// Iterator over the report blocks of an [`ExtendedReport`]
/// ([RFC 3611 §3](https://www.rfc-editor.org/rfc/rfc3611#section-3)).
#[derive(Debug, Clone)]
pub struct XrBlocks<'a> {
    rest: &'a [u8],
    /// Offset of `rest` from the start of the packet.
    offset: usize,
}

impl<'a> Iterator for XrBlocks<'a> {
    type Item = XrBlock<'a>;

    #[inline]
    fn next(&mut self) -> Option<XrBlock<'a>> {
        // Checked by `ExtendedReport::from_raw`; a failure here only ends the walk.
        let end = block_end(self.rest, 0).ok()?;
        let buf = self.rest.get(..end)?;
        let block = XrBlock {
            buf,
            offset: self.offset,
        };
        self.rest = self.rest.get(end..).unwrap_or(&[]);
        self.offset += end;
        Some(block)
    }
}

/// One report block of an XR packet: its header and undecoded contents
/// ([RFC 3611 §3](https://www.rfc-editor.org/rfc/rfc3611#section-3)).
///
/// ```text
/// |      BT       | type-specific |         block length          |
/// :             type-specific block contents                      :
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct XrBlock<'a> {
    /// The whole block, header included.
    buf: &'a [u8],
    /// Where the block starts in its packet.
    offset: usize,
}

impl<'a> XrBlock<'a> {
    /// The block type (BT, see [`block_type`]).
    #[inline]
    pub fn block_type(&self) -> u8 {
        bytes::u8_at(self.buf, 0)
    }

    /// The type-specific byte of the header (flags or thinning, depending on BT).
    #[inline]
    pub fn type_specific(&self) -> u8 {
        bytes::u8_at(self.buf, 1)
    }

    /// The block length field: 32-bit words after the 4-byte header.
    #[inline]
    pub fn block_length(&self) -> u16 {
        bytes::u16_at(self.buf, 2)
    }

    /// The contents after the header: `4 × block_length` bytes.
    #[inline]
    pub fn body(&self) -> &'a [u8] {
        self.buf.get(BLOCK_HEADER_LEN..).unwrap_or(&[])
    }

    /// The whole block, header included.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// Where the block starts, counted from the first byte of its packet.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Reads the contents as the block type says.
    ///
    /// Fails when the contents do not fit the format: a fixed-size block (RRTR,
    /// Statistics Summary, VoIP Metrics) whose block length is not the constant of its
    /// section, a DLRR block that is not one or more 12-byte sub-blocks, an RLE or
    /// Packet Receipt Times block too short for its SSRC and sequence range. Error
    /// offsets count from the start of the packet.
    pub fn parse(&self) -> Result<XrBlockKind<'a>, RtcpError> {
        let body = self.body();
        let type_specific = self.type_specific();
        let shift = |e: RtcpError| e.shifted(self.offset + BLOCK_HEADER_LEN);
        let bad_length = |field: &'static str| RtcpError::InvalidValue {
            field,
            offset: self.offset + 2,
            value: u32::from(self.block_length()),
        };
        Ok(match self.block_type() {
            block_type::LOSS_RLE => {
                XrBlockKind::LossRle(Rle::parse(type_specific, body).map_err(shift)?)
            }
            block_type::DUPLICATE_RLE => {
                XrBlockKind::DuplicateRle(Rle::parse(type_specific, body).map_err(shift)?)
            }
            block_type::PACKET_RECEIPT_TIMES => XrBlockKind::PacketReceiptTimes(
                PacketReceiptTimes::parse(type_specific, body).map_err(shift)?,
            ),
            block_type::RECEIVER_REFERENCE_TIME => XrBlockKind::ReceiverReferenceTime(
                ReceiverReferenceTime::parse(body)
                    .ok_or_else(|| bad_length("RRTR block length"))?,
            ),
            block_type::DLRR => {
                XrBlockKind::Dlrr(Dlrr::parse(body).ok_or_else(|| bad_length("DLRR block length"))?)
            }
            block_type::STATISTICS_SUMMARY => XrBlockKind::StatisticsSummary(
                StatisticsSummary::parse(type_specific, body)
                    .ok_or_else(|| bad_length("Statistics Summary block length"))?,
            ),
            block_type::VOIP_METRICS => XrBlockKind::VoipMetrics(
                VoipMetrics::parse(body).ok_or_else(|| bad_length("VoIP Metrics block length"))?,
            ),
            block_type => XrBlockKind::Unknown {
                block_type,
                type_specific,
                body,
            },
        })
    }
}

impl fmt::Debug for XrBlock<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XrBlock")
            .field("block_type", &self.block_type())
            .field("type_specific", &self.type_specific())
            .field("block_length", &self.block_length())
            .field("offset", &self.offset)
            .finish()
    }
}

/// The contents of a report block, by block type
/// ([RFC 3611 §4](https://www.rfc-editor.org/rfc/rfc3611#section-4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum XrBlockKind<'a> {
    /// Loss RLE, BT 1: a one is a packet received, a zero a packet lost.
    LossRle(Rle<'a>),
    /// Duplicate RLE, BT 2: the same format; see [`Rle`] for what the bits mean.
    DuplicateRle(Rle<'a>),
    /// Packet Receipt Times, BT 3.
    PacketReceiptTimes(PacketReceiptTimes<'a>),
    /// Receiver Reference Time (RRTR), BT 4.
    ReceiverReferenceTime(ReceiverReferenceTime),
    /// Delay since the last RRTR (DLRR), BT 5.
    Dlrr(Dlrr<'a>),
    /// Statistics Summary, BT 6.
    StatisticsSummary(StatisticsSummary),
    /// VoIP Metrics, BT 7.
    VoipMetrics(VoipMetrics),
    /// Any other block type, undecoded.
    Unknown {
        /// The block type.
        block_type: u8,
        /// The type-specific byte.
        type_specific: u8,
        /// The contents after the header.
        body: &'a [u8],
    },
}

/// The sequence numbers an RLE or Packet Receipt Times block reports on, in order
/// ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)): those from
/// `begin_seq` up to but not including `end_seq`, wrapping past 65535, that are
/// multiples of 2^T for the thinning value T.
///
/// With thinning the first one is the first multiple of 2^T at or after `begin_seq`:
/// RFC 3611's example trace from 13,821 to 13,865 with T = 2 reports 13,824, 13,828, …,
/// 13,864. `begin_seq == end_seq` is an empty range (RFC 3611 forbids reporting on
/// 65,534 or more sequence numbers in one block). The range is walked by offset from
/// `begin_seq`, never by comparing wrapped sequence numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedSequences {
    begin: u16,
    /// Offset from `begin` of the next sequence number.
    offset: u32,
    /// Sequence numbers in `[begin, end)`.
    span: u32,
    /// 2^T.
    step: u32,
}

impl ReportedSequences {
    /// The sequence numbers reported on by a block with this range and thinning (only
    /// the low 4 bits of `thinning` count, as on the wire).
    pub fn new(begin_seq: u16, end_seq: u16, thinning: u8) -> Self {
        let step = 1u32 << (thinning & 0x0f);
        Self {
            begin: begin_seq,
            offset: (step - u32::from(begin_seq) % step) % step,
            span: u32::from(end_seq.wrapping_sub(begin_seq)),
            step,
        }
    }
}

impl Iterator for ReportedSequences {
    type Item = u16;

    #[inline]
    fn next(&mut self) -> Option<u16> {
        if self.offset >= self.span {
            return None;
        }
        let seq = self.begin.wrapping_add(self.offset as u16);
        self.offset += self.step;
        Some(seq)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = if self.offset < self.span {
            ((self.span - self.offset - 1) / self.step + 1) as usize
        } else {
            0
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for ReportedSequences {}

/// Writes an [`ExtendedReport`]: the SSRC, then each block
/// ([RFC 3611 §2](https://www.rfc-editor.org/rfc/rfc3611#section-2)).
///
/// The reserved bits after the P bit are written as zero. To write a parsed packet
/// back byte for byte, reserved bits and all, give each block as
/// [`XrBlockRepr::Raw`] from [`RawXrBlockRepr::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExtendedReportRepr<'a> {
    /// SSRC of the sender.
    pub ssrc: u32,
    /// The report blocks, in order.
    pub blocks: &'a [XrBlockRepr<'a>],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> ExtendedReportRepr<'a> {
    /// The fields of a parsed report, with its blocks given by the caller (for
    /// instance `xr.blocks().map(|b| XrBlockRepr::Raw(RawXrBlockRepr::parse(&b)))`
    /// collected into a `Vec`).
    pub fn parse(xr: &ExtendedReport<'a>, blocks: &'a [XrBlockRepr<'a>]) -> Self {
        Self {
            ssrc: xr.ssrc(),
            blocks,
            padding: super::padding_count(&xr.raw),
        }
    }

    fn body_len(&self) -> usize {
        SSRC_LEN
            + self
                .blocks
                .iter()
                .map(XrBlockRepr::buffer_len)
                .sum::<usize>()
    }
}

impl RtcpWrite for ExtendedReportRepr<'_> {
    fn buffer_len(&self) -> usize {
        HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        emit_packet(
            buf,
            0,
            packet_type::XR,
            self.body_len(),
            self.padding,
            |w| {
                w.u32(self.ssrc)?;
                self.blocks.iter().try_for_each(|b| b.write(w))
            },
        )
    }
}

/// Writes one report block, by type: the header of
/// [RFC 3611 §3](https://www.rfc-editor.org/rfc/rfc3611#section-3), then the contents of its section.
///
/// Reserved bits are written as zero, as RFC 3611 requires of senders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum XrBlockRepr<'a> {
    /// Loss RLE, BT 1.
    LossRle(RleRepr<'a>),
    /// Duplicate RLE, BT 2.
    DuplicateRle(RleRepr<'a>),
    /// Packet Receipt Times, BT 3.
    PacketReceiptTimes(PacketReceiptTimesRepr<'a>),
    /// Receiver Reference Time, BT 4.
    ReceiverReferenceTime(ReceiverReferenceTime),
    /// DLRR, BT 5.
    Dlrr(DlrrRepr<'a>),
    /// Statistics Summary, BT 6.
    StatisticsSummary(StatisticsSummary),
    /// VoIP Metrics, BT 7.
    VoipMetrics(VoipMetrics),
    /// Any block, header fields and contents as given.
    Raw(RawXrBlockRepr<'a>),
}

impl XrBlockRepr<'_> {
    /// The block type written.
    pub fn block_type(&self) -> u8 {
        match self {
            Self::LossRle(_) => block_type::LOSS_RLE,
            Self::DuplicateRle(_) => block_type::DUPLICATE_RLE,
            Self::PacketReceiptTimes(_) => block_type::PACKET_RECEIPT_TIMES,
            Self::ReceiverReferenceTime(_) => block_type::RECEIVER_REFERENCE_TIME,
            Self::Dlrr(_) => block_type::DLRR,
            Self::StatisticsSummary(_) => block_type::STATISTICS_SUMMARY,
            Self::VoipMetrics(_) => block_type::VOIP_METRICS,
            Self::Raw(r) => r.block_type,
        }
    }

    /// Bytes [`emit`](Self::emit) writes: the header and the contents.
    pub fn buffer_len(&self) -> usize {
        BLOCK_HEADER_LEN + self.body_len()
    }

    /// Writes the block at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let mut w = Writer::new(buf);
        self.write(&mut w)?;
        Ok(w.position())
    }

    fn body_len(&self) -> usize {
        match self {
            Self::LossRle(r) | Self::DuplicateRle(r) => r.body_len(),
            Self::PacketReceiptTimes(r) => r.body_len(),
            Self::ReceiverReferenceTime(_) => rrt::BODY_LEN,
            Self::Dlrr(r) => r.body_len(),
            Self::StatisticsSummary(_) => ssr::BODY_LEN,
            Self::VoipMetrics(_) => voip::BODY_LEN,
            Self::Raw(r) => r.body.len(),
        }
    }

    fn type_specific(&self) -> Result<u8, EmitError> {
        Ok(match self {
            Self::LossRle(r) | Self::DuplicateRle(r) => r.type_specific()?,
            Self::PacketReceiptTimes(r) => r.type_specific()?,
            Self::StatisticsSummary(s) => s.type_specific(),
            Self::Raw(r) => r.type_specific,
            Self::ReceiverReferenceTime(_) | Self::Dlrr(_) | Self::VoipMetrics(_) => 0,
        })
    }

    /// Writes header and contents, checking the block length first.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        let body_len = self.body_len();
        if body_len % 4 != 0 {
            return Err(EmitError::InvalidValue {
                field: "XR report block contents length (not a multiple of 4 bytes)",
                value: body_len as u64,
            });
        }
        bytes::check_max("block length", body_len / 4, 0xffff)?;
        let type_specific = self.type_specific()?;
        w.reserve(BLOCK_HEADER_LEN + body_len)?;
        let start = w.position();
        w.u8(self.block_type())?;
        w.u8(type_specific)?;
        w.u16((body_len / 4) as u16)?;
        match self {
            Self::LossRle(r) | Self::DuplicateRle(r) => r.write_body(w)?,
            Self::PacketReceiptTimes(r) => r.write_body(w)?,
            Self::ReceiverReferenceTime(r) => r.write_body(w)?,
            Self::Dlrr(r) => r.write_body(w)?,
            Self::StatisticsSummary(s) => s.write_body(w)?,
            Self::VoipMetrics(v) => v.write_body(w)?,
            Self::Raw(r) => w.put(r.body)?,
        }
        let written = w.position() - start;
        if written != BLOCK_HEADER_LEN + body_len {
            return Err(EmitError::InvalidValue {
                field: "XR report block length (contents written)",
                value: written as u64,
            });
        }
        Ok(())
    }
}

/// A report block written as given ([RFC 3611 §3](https://www.rfc-editor.org/rfc/rfc3611#section-3)):
/// the way to write a block type this crate does not decode, or to copy a parsed block byte for byte (reserved bits included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawXrBlockRepr<'a> {
    /// The block type.
    pub block_type: u8,
    /// The type-specific byte.
    pub type_specific: u8,
    /// The contents after the header; a multiple of 4 bytes, at most 4 × 65535.
    pub body: &'a [u8],
}

impl<'a> RawXrBlockRepr<'a> {
    /// The header fields and contents of a parsed block.
    pub fn parse(block: &XrBlock<'a>) -> Self {
        Self {
            block_type: block.block_type(),
            type_specific: block.type_specific(),
            body: block.body(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpPacket;

    /// An XR with two blocks: an RRTR and a block type this crate does not decode.
    const XR_TWO_BLOCKS: [u8; 28] = [
        0x80, 0xcf, 0x00, 0x06, // V=2 P=0 reserved=0, PT=207, length 6 (28 bytes)
        0x12, 0x34, 0x56, 0x78, // SSRC of sender
        0x04, 0x00, 0x00, 0x02, // BT=4 (RRTR), reserved, block length 2 (8 bytes follow)
        0xe8, 0x7e, 0x2d, 0x00, // NTP seconds 0xe87e2d00
        0x80, 0x00, 0x00, 0x00, // NTP fraction 0x80000000 (half a second)
        0x2a, 0x55, 0x00, 0x01, // BT=42 (not decoded here), type-specific 0x55, length 1
        0xde, 0xad, 0xbe, 0xef, // its contents
    ];

    #[test]
    fn deconstruct() {
        let xr = ExtendedReport::new_checked(&XR_TWO_BLOCKS).unwrap();
        assert_eq!(xr.ssrc(), 0x1234_5678);
        assert_eq!(xr.reserved(), 0);
        let blocks: Vec<_> = xr.blocks().collect();
        assert_eq!(blocks.len(), 2);
        // The first block starts after the 4-byte header and the 4-byte SSRC.
        assert_eq!(blocks[0].offset(), 8);
        assert_eq!(blocks[0].block_type(), block_type::RECEIVER_REFERENCE_TIME);
        assert_eq!(blocks[0].block_length(), 2);
        assert_eq!(blocks[0].body().len(), 8);
        assert_eq!(
            blocks[0].parse(),
            Ok(XrBlockKind::ReceiverReferenceTime(ReceiverReferenceTime {
                ntp_timestamp: 0xe87e_2d00_8000_0000
            }))
        );
        // 8 + 4 header + 8 contents = 20.
        assert_eq!(blocks[1].offset(), 20);
        assert_eq!(
            blocks[1].parse(),
            Ok(XrBlockKind::Unknown {
                block_type: 42,
                type_specific: 0x55,
                body: &[0xde, 0xad, 0xbe, 0xef]
            })
        );
        // Dispatch from the generic packet parser.
        assert!(matches!(
            RtcpPacket::parse(&XR_TWO_BLOCKS),
            Ok(RtcpPacket::ExtendedReport(p)) if p == xr
        ));
    }

    #[test]
    fn round_trip_typed_and_raw() {
        let xr = ExtendedReport::new_checked(&XR_TWO_BLOCKS).unwrap();
        let blocks: Vec<_> = xr
            .blocks()
            .map(|b| match b.parse().unwrap() {
                XrBlockKind::ReceiverReferenceTime(r) => XrBlockRepr::ReceiverReferenceTime(r),
                _ => XrBlockRepr::Raw(RawXrBlockRepr::parse(&b)),
            })
            .collect();
        let repr = ExtendedReportRepr::parse(&xr, &blocks);
        assert_eq!(repr.buffer_len(), 28);
        let mut out = [0u8; 28];
        assert_eq!(repr.emit(&mut out), Ok(28));
        assert_eq!(out, XR_TWO_BLOCKS);
    }

    #[test]
    fn empty_report_and_padding() {
        // An XR with no blocks is allowed: header and SSRC only. With 4 bytes of
        // padding the body excludes them, so they are not read as a block.
        let buf = [
            0xa0, 0xcf, 0x00, 0x02, // P=1, PT=207, length 2 (12 bytes)
            0x00, 0x00, 0x00, 0x09, // SSRC 9
            0x00, 0x00, 0x00, 0x04, // padding, count 4
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(xr.blocks().count(), 0);
        let repr = ExtendedReportRepr::parse(&xr, &[]);
        assert_eq!(repr.padding, 4);
        let mut out = [0u8; 12];
        assert_eq!(repr.emit(&mut out), Ok(12));
        assert_eq!(out, buf);
    }

    #[test]
    fn block_header_errors() {
        // First block length 4 words: 16 bytes from byte 12, and exactly 16 remain, so
        // it swallows the second block and the packet is still well formed.
        let mut buf = XR_TWO_BLOCKS;
        buf[11] = 0x04;
        assert_eq!(
            ExtendedReport::new_checked(&buf).unwrap().blocks().count(),
            1
        );
        // Length 5 words: 20 bytes from byte 12, 16 remain.
        buf[11] = 0x05;
        assert_eq!(
            ExtendedReport::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "XR report block contents",
                offset: 12,
                needed: 20,
                available: 16,
            })
        );
        // Second block's length 2 (8 bytes) with 4 left: offset 24 counts from the
        // packet start (block at 20 + 4 header).
        let mut buf = XR_TWO_BLOCKS;
        buf[23] = 0x02;
        assert_eq!(
            ExtendedReport::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "XR report block contents",
                offset: 24,
                needed: 8,
                available: 4,
            })
        );
        // Two bytes after the last block (the P bit with a padding count of 2 leaves a
        // 2-byte tail in the body).
        let buf = [
            0xa0, 0xcf, 0x00, 0x02, // P=1, length 2 (12 bytes)
            0x00, 0x00, 0x00, 0x09, // SSRC
            0x07, 0x00, 0x00, 0x02, // 2 bytes of a block header, then padding count 2
        ];
        assert_eq!(
            ExtendedReport::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "XR report block header",
                offset: 8,
                needed: 4,
                available: 2,
            })
        );
        // No SSRC.
        assert_eq!(
            ExtendedReport::new_checked(&[0x80, 0xcf, 0x00, 0x00]),
            Err(RtcpError::Truncated {
                field: "SSRC of packet sender",
                offset: 4,
                needed: 4,
                available: 0,
            })
        );
        // Another packet type.
        assert_eq!(
            ExtendedReport::new_checked(&[0x80, 0xc9, 0x00, 0x01, 0, 0, 0, 1]),
            Err(RtcpError::WrongPacketType {
                expected: 207,
                found: 201
            })
        );
    }

    #[test]
    fn fixed_size_block_length_errors() {
        // An RRTR block with block length 1 instead of RFC 3611 §4.4's constant 2. The
        // error names the block length field at byte 10 (block at 8, field at +2).
        let buf = [
            0x80, 0xcf, 0x00, 0x03, // length 3 (16 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x04, 0x00, 0x00, 0x01, // RRTR, block length 1
            0x00, 0x00, 0x00, 0x00, // 4 bytes of NTP timestamp
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let block = xr.blocks().next().unwrap();
        assert_eq!(
            block.parse(),
            Err(RtcpError::InvalidValue {
                field: "RRTR block length",
                offset: 10,
                value: 1
            })
        );
        // The raw view still gives the block.
        assert_eq!(block.body(), &[0, 0, 0, 0]);
    }

    #[test]
    fn reported_sequences() {
        // RFC 3611 §4.1: the trace from 13,821 to 13,865 (end_seq 13,866) with T=2
        // reports 13,824, 13,828, ..., 13,864: 11 sequence numbers.
        let seqs = ReportedSequences::new(13_821, 13_866, 2);
        assert_eq!(seqs.len(), 11);
        assert!(seqs.eq((0..11).map(|i| 13_824 + 4 * i)));
        // Without thinning every sequence number, wrapping: 65534, 65535, 0, 1.
        assert!(ReportedSequences::new(65_534, 2, 0).eq([65_534, 65_535, 0, 1]));
        // T=1 from 65533 to 2: the multiples of 2 in the range are 65534 and 0.
        let seqs = ReportedSequences::new(65_533, 2, 1);
        assert_eq!(seqs.len(), 2);
        assert!(seqs.eq([65_534, 0]));
        // begin == end is empty.
        assert_eq!(ReportedSequences::new(7, 7, 0).len(), 0);
        // T=15: one in every 32,768, so 0 and 32768 across the whole space.
        assert!(ReportedSequences::new(1, 0, 15).eq([32_768]));
        assert!(ReportedSequences::new(0, 65_535, 15).eq([0, 32_768]));
    }

    #[test]
    fn writer_errors() {
        let mut out = [0u8; 64];
        // Raw block contents not a multiple of 4.
        let blocks = [XrBlockRepr::Raw(RawXrBlockRepr {
            block_type: 9,
            type_specific: 0,
            body: &[1, 2],
        })];
        let repr = ExtendedReportRepr {
            ssrc: 1,
            blocks: &blocks,
            padding: 0,
        };
        // The packet is checked first: 4 header + 4 SSRC + 4 block header + 2 = 14.
        assert_eq!(
            repr.emit(&mut out),
            Err(EmitError::InvalidValue {
                field: "packet length (not a multiple of 4 bytes)",
                value: 14
            })
        );
        // The block on its own names its contents.
        assert_eq!(
            blocks[0].emit(&mut out),
            Err(EmitError::InvalidValue {
                field: "XR report block contents length (not a multiple of 4 bytes)",
                value: 2
            })
        );
        // Too small a buffer: 8 + 4 needed.
        let blocks = [XrBlockRepr::Raw(RawXrBlockRepr::default())];
        let repr = ExtendedReportRepr {
            ssrc: 1,
            blocks: &blocks,
            padding: 0,
        };
        assert_eq!(
            repr.emit(&mut out[..10]),
            Err(EmitError::BufferTooSmall {
                needed: 12,
                available: 10
            })
        );
        // A block on its own: a 4-byte header with no contents does not fit 3 bytes.
        assert_eq!(
            blocks[0].emit(&mut out[..3]),
            Err(EmitError::BufferTooSmall {
                needed: 4,
                available: 3
            })
        );
    }
}
