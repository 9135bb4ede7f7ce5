//! RTP congestion control feedback
//! ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)), transport-layer
//! feedback (PT 205) with FMT 11.
//!
//! ```text
//! |V=2|P| FMT=11  |   PT = 205    |          length               |
//! |                 SSRC of RTCP packet sender                    |
//! |                   SSRC of 1st RTP Stream                      |
//! |          begin_seq            |          num_reports          |
//! |R|ECN|  Arrival time offset    | ...                           .
//! :                              ...                              :
//! |                   SSRC of nth RTP Stream                      |
//! |          begin_seq            |          num_reports          |
//! |R|ECN|  Arrival time offset    | ...                           |
//! |                 Report Timestamp (32 bits)                    |
//! ```
//!
//! Unlike other feedback there is no "SSRC of media source": report blocks, one per
//! RTP stream, follow the sender SSRC, and the report timestamp closes the packet. A
//! report block covers `num_reports` consecutive sequence numbers from `begin_seq`
//! with one 16-bit [`MetricBlock`] each (received, ECN, arrival time offset), plus 16
//! bits of padding when `num_reports` is odd.
//!
//! [`CongestionControlFeedback::parse`] reads everything after the sender SSRC and
//! checks every report block once; after it succeeds no iterator fails or panics.
//! [`CongestionControlFeedbackRepr`] writes a whole packet (it carries the sender
//! SSRC, so it is not an FCI for [`super::FeedbackRepr`]); writing a parsed packet
//! gives the same bytes.
//!
//! Decisions:
//!
//! * `num_reports` above 16384 is an error ([`RtcpError::InvalidValue`]): §3.1 keeps a
//!   report block to a quarter of the sequence number space so that sequence numbers
//!   stay unambiguous.
//! * `num_reports` 0 is a valid block of 8 bytes that reports no packet (RFC 8888 does
//!   not forbid it; libwebrtc's parser, as we read it, rejects such a block when it is
//!   the last one).
//! * The padding after an odd number of metric blocks should be zero; any value is
//!   accepted and kept ([`CcfbReportBlock::padding`]), so it can be reported and
//!   written back.
//! * For a packet not received (R = 0) §3.1 says the ECN and arrival time offset bits
//!   are zero and are ignored; [`MetricBlock`] keeps them as they are, and
//!   [`MetricBlock::arrival`] gives `None`.
//!
//! No Rust crate this project depends on reads RFC 8888 (webrtc-rs `rtcp` 0.17 and
//! `rtcp-types` 0.3 do not), and Wireshark 4.0 shows FMT 11 undecoded, so the tests
//! here are hand-built packets and round trips.
//!
//! ```
//! use rtcinspect_wire::rtcp::fb::{
//!     ArrivalTimeOffset, CcfbReportBlockRepr, CongestionControlFeedbackRepr, Ecn,
//!     MetricBlock, RtpFeedbackFci,
//! };
//! use rtcinspect_wire::rtcp::{RtcpPacket, RtcpWrite};
//!
//! // Packets 500 and 502 of SSRC 0xabcd arrived 125 ms and 0 ms before the report
//! // (128/1024 s and 0); 501 is missing.
//! let metrics = [
//!     MetricBlock::received(Ecn::Ect0, ArrivalTimeOffset::Offset(128)),
//!     MetricBlock::NOT_RECEIVED,
//!     MetricBlock::received(Ecn::Ce, ArrivalTimeOffset::Offset(0)),
//! ];
//! let blocks = [CcfbReportBlockRepr {
//!     ssrc: 0xabcd,
//!     begin_sequence: 500,
//!     metric_blocks: &metrics,
//!     padding: 0,
//! }];
//! let repr = CongestionControlFeedbackRepr {
//!     sender_ssrc: 1,
//!     report_blocks: &blocks,
//!     report_timestamp: 0x1234_8000, // 0x1234.8 s: compact NTP, 16.16
//!     padding: 0,
//! };
//! let mut buf = [0u8; 32];
//! let len = repr.emit(&mut buf)?;
//! assert_eq!(len, 28); // 4 header + 4 sender + 8 block header + 3 × 2 + 2 pad + 4 RTS
//!
//! let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&buf[..len]) else { panic!() };
//! let Ok(RtpFeedbackFci::CongestionControl(ccfb)) = fb.fci() else { panic!() };
//! assert_eq!(ccfb.report_timestamp(), 0x1234_8000);
//! let block = ccfb.report_blocks().next().unwrap();
//! let arrivals: Vec<_> = block
//!     .packets()
//!     .map(|p| (p.sequence_number, p.metric.arrival().map(|a| a.compact_ntp())))
//!     .collect();
//! // 128/1024 s is 8192/65536 s in compact NTP units.
//! assert_eq!(arrivals, [(500, Some(Some(8192))), (501, None), (502, Some(Some(0)))]);
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use super::rtpfb_fmt;
use crate::bytes::{self, BufferTooSmall, EmitError};
use crate::rtcp::{HEADER_LEN, RtcpError, RtcpWrite, emit_packet, need, packet_type};

/// The most metric blocks a report block may carry (§3.1: a quarter of the 16-bit
/// sequence number space).
pub const MAX_REPORTS_PER_BLOCK: u16 = 16384;

/// Length of a report block's header: SSRC, `begin_seq`, `num_reports`.
const BLOCK_HEADER_LEN: usize = 8;
/// Length of the report timestamp.
const TIMESTAMP_LEN: usize = 4;

/// The ECN field of a metric block: the ECN codepoint the packet arrived with
/// ([RFC 3168 §5](https://www.rfc-editor.org/rfc/rfc3168#section-5)); 00 too when ECN
/// is not used or the packet was not received.
///
/// The four variants are every value the 2-bit field can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ecn {
    /// `00`: not ECN-capable transport.
    #[default]
    NotEct = 0,
    /// `01`: ECN-capable transport, ECT(1).
    Ect1 = 1,
    /// `10`: ECN-capable transport, ECT(0).
    Ect0 = 2,
    /// `11`: congestion experienced.
    Ce = 3,
}

impl Ecn {
    /// The codepoint for the low two bits of `bits`.
    #[inline]
    pub const fn from_bits(bits: u8) -> Self {
        match bits & 0x03 {
            0 => Self::NotEct,
            1 => Self::Ect1,
            2 => Self::Ect0,
            _ => Self::Ce,
        }
    }

    /// The 2-bit codepoint.
    #[inline]
    pub const fn bits(self) -> u8 {
        self as u8
    }
}

/// An arrival time offset: how long before the report timestamp a packet arrived, in
/// 1/1024 s ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrivalTimeOffset {
    /// 0 to 0x1FFD (8189/1024 s), in 1/1024 s.
    Offset(u16),
    /// 0x1FFE: more than 8189/1024 s before the report timestamp.
    OverRange,
    /// 0x1FFF: the arrival time is unknown, or after the report timestamp.
    Unavailable,
}

impl ArrivalTimeOffset {
    /// The largest offset that is a value.
    pub const MAX_OFFSET: u16 = 0x1ffd;

    /// Reads the low 13 bits of `raw`.
    #[inline]
    pub const fn from_raw(raw: u16) -> Self {
        match raw & 0x1fff {
            0x1ffe => Self::OverRange,
            0x1fff => Self::Unavailable,
            v => Self::Offset(v),
        }
    }

    /// The 13-bit field (an `Offset` above 0x1FFD is written as it is; the writer
    /// rejects values past 13 bits).
    #[inline]
    pub const fn raw(self) -> u16 {
        match self {
            Self::Offset(v) => v,
            Self::OverRange => 0x1ffe,
            Self::Unavailable => 0x1fff,
        }
    }

    /// The offset for a packet that arrived `micros` µs before the report timestamp,
    /// rounded down to 1/1024 s; over range past 8189/1024 s.
    pub fn from_micros(micros: u64) -> Self {
        let v = micros.saturating_mul(1024) / 1_000_000;
        if v > u64::from(Self::MAX_OFFSET) {
            Self::OverRange
        } else {
            Self::Offset(v as u16)
        }
    }

    /// The offset in compact NTP units (1/65536 s: 64 per 1/1024 s, exact), to
    /// subtract from the report timestamp; `None` unless a value.
    #[inline]
    pub const fn compact_ntp(self) -> Option<u32> {
        match self {
            Self::Offset(v) => Some(v as u32 * 64),
            _ => None,
        }
    }

    /// The offset in whole microseconds (rounded down); `None` unless a value.
    #[inline]
    pub const fn micros(self) -> Option<u32> {
        match self {
            // 1/1024 s = 15625/16 µs.
            Self::Offset(v) => Some(v as u32 * 15_625 / 16),
            _ => None,
        }
    }
}

/// One packet's 16 bits in a report block
/// ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)):
///
/// ```text
/// |R|ECN|  Arrival time offset    |
/// ```
///
/// The fields are kept as they are on the wire, also for a packet not received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct MetricBlock {
    /// R: whether the packet was received.
    pub received: bool,
    /// The ECN codepoint it arrived with.
    pub ecn: Ecn,
    /// The 13-bit arrival time offset field (see [`ArrivalTimeOffset`]).
    pub ato: u16,
}

impl MetricBlock {
    /// A packet not received: all 16 bits zero.
    pub const NOT_RECEIVED: Self = Self {
        received: false,
        ecn: Ecn::NotEct,
        ato: 0,
    };

    /// A received packet.
    #[inline]
    pub const fn received(ecn: Ecn, offset: ArrivalTimeOffset) -> Self {
        Self {
            received: true,
            ecn,
            ato: offset.raw(),
        }
    }

    /// Decodes the 16 bits.
    #[inline]
    pub const fn from_u16(raw: u16) -> Self {
        Self {
            received: raw & 0x8000 != 0,
            ecn: Ecn::from_bits((raw >> 13) as u8),
            ato: raw & 0x1fff,
        }
    }

    /// Encodes the 16 bits; fails when `ato` does not fit 13 bits.
    pub fn to_u16(self) -> Result<u16, EmitError> {
        bytes::check_max("arrival time offset", usize::from(self.ato), 0x1fff)?;
        let r = if self.received { 0x8000 } else { 0 };
        Ok(r | (u16::from(self.ecn.bits()) << 13) | self.ato)
    }

    /// The arrival time offset of a received packet.
    #[inline]
    pub const fn arrival(self) -> Option<ArrivalTimeOffset> {
        if self.received {
            Some(ArrivalTimeOffset::from_raw(self.ato))
        } else {
            None
        }
    }
}

/// The body of an RFC 8888 congestion control feedback message (RTPFB FMT 11) after
/// the sender SSRC: report blocks, then the report timestamp
/// ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CongestionControlFeedback<'a> {
    reports: &'a [u8],
}

impl<'a> CongestionControlFeedback<'a> {
    /// Reads the reports that follow the sender SSRC: the last 4 bytes are the report
    /// timestamp, and the bytes before them must be whole report blocks, each with at
    /// most 16384 metric blocks.
    ///
    /// Error offsets count from the start of `reports` (the feedback view moves them):
    /// [`RtcpError::Truncated`] names the report timestamp, a report block header or
    /// its packet metric blocks (`available` counts up to the report timestamp);
    /// [`RtcpError::InvalidValue`] names a `num_reports` above 16384.
    pub fn parse(reports: &'a [u8]) -> Result<Self, RtcpError> {
        need(reports, "report timestamp", 0, TIMESTAMP_LEN)?;
        let blocks = reports
            .get(..reports.len() - TIMESTAMP_LEN)
            .unwrap_or_default();
        let mut offset = 0;
        while offset < blocks.len() {
            need(blocks, "report block header", offset, BLOCK_HEADER_LEN)?;
            let num_reports = bytes::u16_at(blocks, offset + 6);
            if num_reports > MAX_REPORTS_PER_BLOCK {
                return Err(RtcpError::InvalidValue {
                    field: "num_reports",
                    offset: offset + 6,
                    value: u32::from(num_reports),
                });
            }
            let metrics = metrics_len(num_reports);
            need(
                blocks,
                "packet metric blocks",
                offset + BLOCK_HEADER_LEN,
                metrics,
            )?;
            offset += BLOCK_HEADER_LEN + metrics;
        }
        Ok(Self { reports })
    }

    /// The report timestamp: the middle 32 bits of an NTP timestamp (16.16 seconds,
    /// "compact NTP") at which the report was made.
    #[inline]
    pub fn report_timestamp(&self) -> u32 {
        bytes::u32_at(
            self.reports,
            self.reports.len().saturating_sub(TIMESTAMP_LEN),
        )
    }

    /// The report blocks, one per RTP stream, in order.
    #[inline]
    pub fn report_blocks(&self) -> CcfbReportBlocks<'a> {
        let end = self.reports.len().saturating_sub(TIMESTAMP_LEN);
        CcfbReportBlocks {
            rest: self.reports.get(..end).unwrap_or_default(),
        }
    }

    /// The bytes after the sender SSRC.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.reports
    }
}

/// Bytes of metric blocks and padding for `num_reports` packets.
#[inline]
fn metrics_len(num_reports: u16) -> usize {
    let n = usize::from(num_reports);
    2 * n + if n % 2 == 1 { 2 } else { 0 }
}

/// Iterator over the report blocks of a [`CongestionControlFeedback`].
#[derive(Debug, Clone)]
pub struct CcfbReportBlocks<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for CcfbReportBlocks<'a> {
    type Item = CcfbReportBlock<'a>;

    #[inline]
    fn next(&mut self) -> Option<CcfbReportBlock<'a>> {
        if self.rest.len() < BLOCK_HEADER_LEN {
            return None;
        }
        let len = BLOCK_HEADER_LEN + metrics_len(bytes::u16_at(self.rest, 6));
        let (block, rest) = self.rest.split_at_checked(len)?;
        self.rest = rest;
        Some(CcfbReportBlock { buf: block })
    }
}

/// One report block: the packets of one RTP stream
/// ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CcfbReportBlock<'a> {
    /// The whole block: header, metric blocks, padding.
    buf: &'a [u8],
}

impl<'a> CcfbReportBlock<'a> {
    /// SSRC of the RTP stream reported on.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.buf, 0)
    }

    /// `begin_seq`: the first sequence number reported.
    #[inline]
    pub fn begin_sequence(&self) -> u16 {
        bytes::u16_at(self.buf, 4)
    }

    /// `num_reports`: how many sequence numbers are reported, one metric block each.
    #[inline]
    pub fn num_reports(&self) -> u16 {
        bytes::u16_at(self.buf, 6)
    }

    /// The last sequence number reported (wrapping), or `None` for an empty block.
    #[inline]
    pub fn end_sequence(&self) -> Option<u16> {
        let n = self.num_reports();
        (n > 0).then(|| self.begin_sequence().wrapping_add(n - 1))
    }

    /// The metric blocks, in sequence number order.
    #[inline]
    pub fn metric_blocks(&self) -> MetricBlocks<'a> {
        let len = 2 * usize::from(self.num_reports());
        MetricBlocks::new(bytes::slice(self.buf, BLOCK_HEADER_LEN, len))
    }

    /// Every reported packet with its sequence number.
    #[inline]
    pub fn packets(&self) -> CcfbPackets<'a> {
        CcfbPackets {
            metrics: self.metric_blocks(),
            sequence_number: self.begin_sequence(),
        }
    }

    /// The 16 bits of padding after an odd number of metric blocks (zero from a
    /// well-behaved sender), or `None` when the number is even.
    #[inline]
    pub fn padding(&self) -> Option<u16> {
        let n = usize::from(self.num_reports());
        (n % 2 == 1).then(|| bytes::u16_at(self.buf, BLOCK_HEADER_LEN + 2 * n))
    }

    /// The block's bytes.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }
}

/// Iterator over the metric blocks of a [`CcfbReportBlock`].
pub type MetricBlocks<'a> = crate::entries::Entries<'a, MetricBlock>;

impl crate::entries::FixedEntry for MetricBlock {
    const LEN: usize = 2;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self::from_u16(bytes::u16_at(bytes, 0))
    }
}

/// One reported packet of a [`CcfbReportBlock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CcfbPacket {
    /// Its RTP sequence number: `begin_seq` plus its index, wrapping.
    pub sequence_number: u16,
    /// What the receiver reported.
    pub metric: MetricBlock,
}

/// Iterator over the reported packets of a [`CcfbReportBlock`].
#[derive(Debug, Clone)]
pub struct CcfbPackets<'a> {
    metrics: MetricBlocks<'a>,
    sequence_number: u16,
}

impl Iterator for CcfbPackets<'_> {
    type Item = CcfbPacket;

    #[inline]
    fn next(&mut self) -> Option<CcfbPacket> {
        let metric = self.metrics.next()?;
        let sequence_number = self.sequence_number;
        self.sequence_number = sequence_number.wrapping_add(1);
        Some(CcfbPacket {
            sequence_number,
            metric,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.metrics.size_hint()
    }
}

impl ExactSizeIterator for CcfbPackets<'_> {}

/// Writes one report block of a [`CongestionControlFeedbackRepr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CcfbReportBlockRepr<'a> {
    /// SSRC of the RTP stream reported on.
    pub ssrc: u32,
    /// The first sequence number reported.
    pub begin_sequence: u16,
    /// One per sequence number, at most 16384.
    pub metric_blocks: &'a [MetricBlock],
    /// The 16 bits written after an odd number of metric blocks (0 as RFC 8888 means
    /// it; anything else only to write back what was read). Must be 0 when the number
    /// is even.
    pub padding: u16,
}

impl<'a> CcfbReportBlockRepr<'a> {
    /// The fields of a parsed block, its metric blocks copied into `storage` (which
    /// needs [`CcfbReportBlock::num_reports`] places).
    pub fn parse(
        block: &CcfbReportBlock<'_>,
        storage: &'a mut [MetricBlock],
    ) -> Result<Self, BufferTooSmall> {
        let n = usize::from(block.num_reports());
        if storage.len() < n {
            return Err(BufferTooSmall {
                needed: n,
                available: storage.len(),
            });
        }
        for (slot, metric) in storage.iter_mut().zip(block.metric_blocks()) {
            *slot = metric;
        }
        let storage: &'a [MetricBlock] = storage;
        Ok(Self {
            ssrc: block.ssrc(),
            begin_sequence: block.begin_sequence(),
            metric_blocks: storage.get(..n).unwrap_or_default(),
            padding: block.padding().unwrap_or(0),
        })
    }

    fn len(&self) -> usize {
        BLOCK_HEADER_LEN + metrics_len(u16::try_from(self.metric_blocks.len()).unwrap_or(0))
    }
}

/// Writes an RFC 8888 congestion control feedback packet: the common header, the
/// sender SSRC, the report blocks and the report timestamp
/// ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CongestionControlFeedbackRepr<'a> {
    /// SSRC of the RTCP packet sender.
    pub sender_ssrc: u32,
    /// The report blocks, one per RTP stream.
    pub report_blocks: &'a [CcfbReportBlockRepr<'a>],
    /// The report timestamp, compact NTP (16.16 seconds).
    pub report_timestamp: u32,
    /// RTCP padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> CongestionControlFeedbackRepr<'a> {
    /// The fields of a parsed message; the report blocks go to `blocks`, each taking
    /// its metric blocks from the front of what is left of `metrics`.
    pub fn parse(
        sender_ssrc: u32,
        ccfb: &CongestionControlFeedback<'_>,
        padding: u8,
        blocks: &'a mut [CcfbReportBlockRepr<'a>],
        metrics: &'a mut [MetricBlock],
    ) -> Result<Self, BufferTooSmall> {
        let count = ccfb.report_blocks().count();
        if blocks.len() < count {
            return Err(BufferTooSmall {
                needed: count,
                available: blocks.len(),
            });
        }
        let total: usize = ccfb
            .report_blocks()
            .map(|b| usize::from(b.num_reports()))
            .sum();
        if metrics.len() < total {
            return Err(BufferTooSmall {
                needed: total,
                available: metrics.len(),
            });
        }
        let mut metrics = metrics;
        for (slot, block) in blocks.iter_mut().zip(ccfb.report_blocks()) {
            let n = usize::from(block.num_reports());
            let all = core::mem::take(&mut metrics);
            let (mine, rest) = all.split_at_mut(n.min(all.len()));
            metrics = rest;
            *slot = CcfbReportBlockRepr::parse(&block, mine)?;
        }
        let blocks: &'a [CcfbReportBlockRepr<'a>] = blocks;
        Ok(Self {
            sender_ssrc,
            report_blocks: blocks.get(..count).unwrap_or_default(),
            report_timestamp: ccfb.report_timestamp(),
            padding,
        })
    }

    fn body_len(&self) -> usize {
        4 + self
            .report_blocks
            .iter()
            .map(CcfbReportBlockRepr::len)
            .sum::<usize>()
            + TIMESTAMP_LEN
    }
}

impl RtcpWrite for CongestionControlFeedbackRepr<'_> {
    fn buffer_len(&self) -> usize {
        HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        for block in self.report_blocks {
            let n = block.metric_blocks.len();
            bytes::check_max("num_reports", n, usize::from(MAX_REPORTS_PER_BLOCK))?;
            if n % 2 == 0 && block.padding != 0 {
                return Err(EmitError::InvalidValue {
                    field: "report block padding (there is none after an even num_reports)",
                    value: u64::from(block.padding),
                });
            }
        }
        emit_packet(
            buf,
            rtpfb_fmt::CCFB,
            packet_type::RTPFB,
            self.body_len(),
            self.padding,
            |w| {
                w.u32(self.sender_ssrc)?;
                for block in self.report_blocks {
                    w.u32(block.ssrc)?;
                    w.u16(block.begin_sequence)?;
                    w.u16(block.metric_blocks.len() as u16)?;
                    for metric in block.metric_blocks {
                        w.u16(metric.to_u16()?)?;
                    }
                    if block.metric_blocks.len() % 2 == 1 {
                        w.u16(block.padding)?;
                    }
                }
                w.u32(self.report_timestamp)?;
                Ok(())
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpPacket;
    use crate::rtcp::fb::{RtpFeedback, RtpFeedbackFci};

    /// Two streams, every byte explained.
    const FEEDBACK: [u8; 48] = [
        0x8b, 0xcd, 0x00, 0x0b, // V=2 FMT=11, PT=205, length 11 (48 bytes)
        0x00, 0x00, 0x00, 0x01, // SSRC of RTCP packet sender
        // Report block 1
        0x11, 0x11, 0x11, 0x11, // SSRC of 1st RTP stream
        0xff, 0xfe, 0x00, 0x03, // begin_seq 65534, num_reports 3: 65534, 65535, 0
        0xa0, 0x80, // R=1 ECN=01 (ECT(1)) ATO 0x080 = 128/1024 s = 125 ms
        0x00, 0x00, // R=0: not received
        0xdf, 0xfe, // R=1 ECN=10 (ECT(0)) ATO 0x1FFE: over range
        0x00, 0x00, // padding: num_reports is odd
        // Report block 2
        0x22, 0x22, 0x22, 0x22, // SSRC of 2nd RTP stream
        0x00, 0x0a, 0x00, 0x02, // begin_seq 10, num_reports 2
        0xff, 0xff, // R=1 ECN=11 (CE) ATO 0x1FFF: unavailable
        0x80, 0x00, // R=1 ECN=00 ATO 0: at the report timestamp
        // Report block 3: an SSRC with nothing to report
        0x33, 0x33, 0x33, 0x33, // SSRC of 3rd RTP stream
        0x00, 0x07, 0x00, 0x00, // begin_seq 7, num_reports 0
        0x00, 0x05, 0x40, 0x00, // report timestamp 5.25 s (compact NTP)
    ];

    #[test]
    fn deconstruct() {
        let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&FEEDBACK) else {
            panic!()
        };
        assert_eq!(fb.sender_ssrc(), 1);
        let Ok(RtpFeedbackFci::CongestionControl(ccfb)) = fb.fci() else {
            panic!("{:?}", fb.fci())
        };
        assert_eq!(ccfb.report_timestamp(), 0x0005_4000);
        let blocks: Vec<_> = ccfb.report_blocks().collect();
        assert_eq!(blocks.len(), 3);

        let b = blocks[0];
        assert_eq!(
            (b.ssrc(), b.begin_sequence(), b.num_reports()),
            (0x1111_1111, 65534, 3)
        );
        assert_eq!(b.end_sequence(), Some(0));
        assert_eq!(b.padding(), Some(0));
        let packets: Vec<_> = b
            .packets()
            .map(|p| (p.sequence_number, p.metric.ecn, p.metric.arrival()))
            .collect();
        assert_eq!(
            packets,
            [
                (65534, Ecn::Ect1, Some(ArrivalTimeOffset::Offset(128))),
                (65535, Ecn::NotEct, None),
                (0, Ecn::Ect0, Some(ArrivalTimeOffset::OverRange)),
            ]
        );
        assert_eq!(ArrivalTimeOffset::Offset(128).micros(), Some(125_000));
        assert_eq!(ArrivalTimeOffset::Offset(128).compact_ntp(), Some(8192));

        let b = blocks[1];
        assert_eq!(
            (b.ssrc(), b.begin_sequence(), b.num_reports()),
            (0x2222_2222, 10, 2)
        );
        assert_eq!(b.padding(), None);
        assert!(b.metric_blocks().eq([
            MetricBlock::received(Ecn::Ce, ArrivalTimeOffset::Unavailable),
            MetricBlock::received(Ecn::NotEct, ArrivalTimeOffset::Offset(0)),
        ]));

        let b = blocks[2];
        assert_eq!(
            (b.ssrc(), b.begin_sequence(), b.num_reports()),
            (0x3333_3333, 7, 0)
        );
        assert_eq!(b.end_sequence(), None);
        assert_eq!(b.packets().count(), 0);
    }

    #[test]
    fn construct_and_round_trip() {
        let fb = RtpFeedback::new_checked(&FEEDBACK).unwrap();
        let Ok(RtpFeedbackFci::CongestionControl(ccfb)) = fb.fci() else {
            panic!()
        };
        let mut blocks = [CcfbReportBlockRepr::default(); 3];
        let mut metrics = [MetricBlock::default(); 5];
        let repr = CongestionControlFeedbackRepr::parse(
            fb.sender_ssrc(),
            &ccfb,
            0,
            &mut blocks,
            &mut metrics,
        )
        .unwrap();
        assert_eq!(repr.buffer_len(), 48);
        let mut out = [0u8; 48];
        assert_eq!(repr.emit(&mut out), Ok(48));
        assert_eq!(out, FEEDBACK);

        // Built by hand.
        let m1 = [
            MetricBlock::received(Ecn::Ect1, ArrivalTimeOffset::from_micros(125_000)),
            MetricBlock::NOT_RECEIVED,
            MetricBlock::received(Ecn::Ect0, ArrivalTimeOffset::from_micros(9_000_000)),
        ];
        let m2 = [
            MetricBlock::received(Ecn::Ce, ArrivalTimeOffset::Unavailable),
            MetricBlock::received(Ecn::NotEct, ArrivalTimeOffset::Offset(0)),
        ];
        let blocks = [
            CcfbReportBlockRepr {
                ssrc: 0x1111_1111,
                begin_sequence: 65534,
                metric_blocks: &m1,
                padding: 0,
            },
            CcfbReportBlockRepr {
                ssrc: 0x2222_2222,
                begin_sequence: 10,
                metric_blocks: &m2,
                padding: 0,
            },
            CcfbReportBlockRepr {
                ssrc: 0x3333_3333,
                begin_sequence: 7,
                metric_blocks: &[],
                padding: 0,
            },
        ];
        let repr = CongestionControlFeedbackRepr {
            sender_ssrc: 1,
            report_blocks: &blocks,
            report_timestamp: 0x0005_4000,
            padding: 0,
        };
        let mut out = [0u8; 48];
        assert_eq!(repr.emit(&mut out), Ok(48));
        assert_eq!(out, FEEDBACK);
    }

    #[test]
    fn timestamp_only() {
        // No report blocks at all: the sender SSRC and the report timestamp.
        let buf = [0x8b, 0xcd, 0x00, 0x02, 0, 0, 0, 9, 0x12, 0x34, 0x56, 0x78];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        let Ok(RtpFeedbackFci::CongestionControl(ccfb)) = fb.fci() else {
            panic!()
        };
        assert_eq!(ccfb.report_blocks().count(), 0);
        assert_eq!(ccfb.report_timestamp(), 0x1234_5678);
    }

    #[test]
    fn errors() {
        // Less than a report timestamp after the sender SSRC.
        assert_eq!(
            CongestionControlFeedback::parse(&[0, 0, 0]),
            Err(RtcpError::Truncated {
                field: "report timestamp",
                offset: 0,
                needed: 4,
                available: 3
            })
        );
        // A block announcing 3 metric blocks (8 bytes with padding) with 4 given. In a
        // packet the offset counts from its start: sender SSRC ends at 8, the block's
        // metric blocks start at 16.
        let buf = [
            0x8b, 0xcd, 0x00, 0x05, 0, 0, 0, 1, // header, sender SSRC
            0, 0, 0, 2, 0, 1, 0, 3, // SSRC 2, begin 1, num_reports 3
            0x80, 0x01, 0x80, 0x02, // two metric blocks
            0, 0, 0, 0, // report timestamp
        ];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        assert_eq!(
            fb.fci(),
            Err(RtcpError::Truncated {
                field: "packet metric blocks",
                offset: 16,
                needed: 8,
                available: 4
            })
        );
        // Stray bytes that are not a whole report block header.
        assert!(matches!(
            CongestionControlFeedback::parse(&[0, 0, 0, 1, 0, 0, 0, 0]),
            Err(RtcpError::Truncated {
                field: "report block header",
                offset: 0,
                needed: 8,
                available: 4
            })
        ));
        // num_reports above 16384.
        let mut reports = vec![0, 0, 0, 2, 0, 0, 0x40, 0x01];
        reports.resize(8 + 2 * 16386 + 4, 0);
        assert_eq!(
            CongestionControlFeedback::parse(&reports),
            Err(RtcpError::InvalidValue {
                field: "num_reports",
                offset: 6,
                value: 16385
            })
        );
        // Exactly 16384 is fine.
        let mut reports = vec![0, 0, 0, 2, 0, 0, 0x40, 0x00];
        reports.resize(8 + 2 * 16384 + 4, 0);
        let ccfb = CongestionControlFeedback::parse(&reports).unwrap();
        let block = ccfb.report_blocks().next().unwrap();
        assert_eq!(block.end_sequence(), Some(16383));
    }

    #[test]
    fn nonzero_padding_is_kept() {
        let reports = [0, 0, 0, 2, 0, 0, 0, 1, 0x80, 0x00, 0xbe, 0xef, 0, 0, 0, 0];
        let ccfb = CongestionControlFeedback::parse(&reports).unwrap();
        let block = ccfb.report_blocks().next().unwrap();
        assert_eq!(block.padding(), Some(0xbeef));
        let mut storage = [MetricBlock::default(); 1];
        let repr = CcfbReportBlockRepr::parse(&block, &mut storage).unwrap();
        assert_eq!(repr.padding, 0xbeef);
        let blocks = [repr];
        let packet = CongestionControlFeedbackRepr {
            sender_ssrc: 5,
            report_blocks: &blocks,
            report_timestamp: 0,
            padding: 0,
        };
        let mut out = [0u8; 24];
        assert_eq!(packet.emit(&mut out), Ok(24));
        assert_eq!(&out[8..], &reports);
    }

    #[test]
    fn writer_checks() {
        let mut out = [0u8; 64];
        let even_pad = [CcfbReportBlockRepr {
            metric_blocks: &[MetricBlock::NOT_RECEIVED; 2],
            padding: 1,
            ..Default::default()
        }];
        let repr = CongestionControlFeedbackRepr {
            report_blocks: &even_pad,
            ..Default::default()
        };
        assert!(matches!(
            repr.emit(&mut out),
            Err(EmitError::InvalidValue { value: 1, .. })
        ));
        let wide = [MetricBlock {
            received: true,
            ecn: Ecn::NotEct,
            ato: 0x2000,
        }];
        let blocks = [CcfbReportBlockRepr {
            metric_blocks: &wide,
            ..Default::default()
        }];
        let repr = CongestionControlFeedbackRepr {
            report_blocks: &blocks,
            ..Default::default()
        };
        assert!(matches!(
            repr.emit(&mut out),
            Err(EmitError::FieldOverflow { max: 0x1fff, .. })
        ));
        let many = vec![MetricBlock::NOT_RECEIVED; 16385];
        let blocks = [CcfbReportBlockRepr {
            metric_blocks: &many,
            ..Default::default()
        }];
        let repr = CongestionControlFeedbackRepr {
            report_blocks: &blocks,
            ..Default::default()
        };
        let mut big = vec![0u8; repr.buffer_len()];
        assert!(matches!(
            repr.emit(&mut big),
            Err(EmitError::FieldOverflow { max: 16384, .. })
        ));
    }

    #[test]
    fn arrival_time_offsets() {
        assert_eq!(
            ArrivalTimeOffset::from_micros(0),
            ArrivalTimeOffset::Offset(0)
        );
        // 976 µs is less than 1/1024 s (976.5625 µs).
        assert_eq!(
            ArrivalTimeOffset::from_micros(976),
            ArrivalTimeOffset::Offset(0)
        );
        assert_eq!(
            ArrivalTimeOffset::from_micros(977),
            ArrivalTimeOffset::Offset(1)
        );
        // 0x1FFD = 8189 covers up to just below 8190/1024 s = 7_998_046.875 µs; from
        // there on the offset is over range.
        assert_eq!(
            ArrivalTimeOffset::from_micros(7_998_046),
            ArrivalTimeOffset::Offset(0x1ffd)
        );
        assert_eq!(
            ArrivalTimeOffset::from_micros(7_998_047),
            ArrivalTimeOffset::OverRange
        );
        assert_eq!(
            ArrivalTimeOffset::from_raw(0x1ffe),
            ArrivalTimeOffset::OverRange
        );
        assert_eq!(
            ArrivalTimeOffset::from_raw(0xffff),
            ArrivalTimeOffset::Unavailable
        );
        assert_eq!(ArrivalTimeOffset::Unavailable.micros(), None);
        assert_eq!(ArrivalTimeOffset::Offset(1024).micros(), Some(1_000_000));
        // Not received: fields kept, no arrival.
        let m = MetricBlock::from_u16(0x7fff);
        assert!(!m.received);
        assert_eq!((m.ecn, m.ato), (Ecn::Ce, 0x1fff));
        assert_eq!(m.arrival(), None);
        assert_eq!(m.to_u16(), Ok(0x7fff));
    }
}
