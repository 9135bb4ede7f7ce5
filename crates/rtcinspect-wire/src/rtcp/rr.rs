//! Receiver reports ([RFC 3550 §6.4.2](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2)).

use super::report::{REPORT_BLOCK_LEN, ReportBlock, ReportBlocks};
use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError, Writer};

/// A receiver report, PT 201 ([RFC 3550 §6.4.2](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2)):
/// the reporter's SSRC, RC report blocks and optional profile-specific extensions.
///
/// An RR with no report blocks is what a participant that receives nothing sends to
/// start a compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiverReport<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> ReceiverReport<'a> {
    /// Reads the receiver report at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as a receiver report: the body must hold the SSRC and
    /// RC report blocks.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::RR)?;
        let body = raw.body();
        need_body(body, "SSRC of packet sender", 0, 4)?;
        need_body(
            body,
            "report blocks",
            4,
            usize::from(raw.count()) * REPORT_BLOCK_LEN,
        )?;
        Ok(Self { raw })
    }

    /// SSRC of the reporter.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.raw.body(), 0)
    }

    /// The report count (RC).
    #[inline]
    pub fn report_count(&self) -> u8 {
        self.raw.count()
    }

    /// The report blocks.
    #[inline]
    pub fn report_blocks(&self) -> ReportBlocks<'a> {
        ReportBlocks::first(
            self.raw.body().get(4..).unwrap_or(&[]),
            usize::from(self.raw.count()),
        )
    }

    /// Profile-specific extension bytes after the report blocks (usually empty).
    #[inline]
    pub fn profile_extensions(&self) -> &'a [u8] {
        let start = 4 + usize::from(self.raw.count()) * REPORT_BLOCK_LEN;
        self.raw.body().get(start..).unwrap_or(&[])
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Writes a [`ReceiverReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReceiverReportRepr<'a> {
    /// SSRC of the reporter.
    pub ssrc: u32,
    /// Up to 31 report blocks.
    pub report_blocks: &'a [ReportBlock],
    /// Profile-specific extensions; a multiple of 4 bytes.
    pub profile_extensions: &'a [u8],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> ReceiverReportRepr<'a> {
    /// The fields of a parsed report, with its report blocks collected by the caller
    /// (for instance `rr.report_blocks().collect::<Vec<_>>()`).
    pub fn parse(rr: &ReceiverReport<'a>, report_blocks: &'a [ReportBlock]) -> Self {
        Self {
            ssrc: rr.ssrc(),
            report_blocks,
            profile_extensions: rr.profile_extensions(),
            padding: super::padding_count(&rr.raw),
        }
    }

    fn body_len(&self) -> usize {
        4 + self.report_blocks.len() * REPORT_BLOCK_LEN + self.profile_extensions.len()
    }
}

impl RtcpWrite for ReceiverReportRepr<'_> {
    fn buffer_len(&self) -> usize {
        super::HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max("report count", self.report_blocks.len(), 0x1f)?;
        emit_packet(
            buf,
            self.report_blocks.len() as u8,
            packet_type::RR,
            self.body_len(),
            self.padding,
            |w: &mut Writer<'_>| {
                w.u32(self.ssrc)?;
                for block in self.report_blocks {
                    block.write(w)?;
                }
                Ok(w.put(self.profile_extensions)?)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RR from SSRC 0x902f9e2e with two report blocks, the second with loss.
    const RR_TWO_BLOCKS: [u8; 56] = [
        0x82, 0xc9, 0x00, 0x0d, // V=2 P=0 RC=2, PT=201, length 13 (56 bytes)
        0x90, 0x2f, 0x9e, 0x2e, // SSRC of reporter
        0xbc, 0x5e, 0x9a, 0x40, // block 1: SSRC
        0x00, 0x00, 0x00, 0x00, // fraction 0, cumulative 0
        0x00, 0x00, 0x46, 0xe1, // ext. highest seq 18145
        0x00, 0x00, 0x01, 0x11, // jitter 273
        0x09, 0xf3, 0x64, 0x32, // LSR
        0x00, 0x02, 0x4a, 0x79, // DLSR
        0x12, 0x34, 0x56, 0x78, // block 2: SSRC
        0x19, 0xff, 0xff, 0xfe, // fraction 0x19 = 25/256, cumulative -2
        0x00, 0x03, 0xff, 0xf0, // 3 cycles, highest seq 0xfff0
        0x00, 0x00, 0x00, 0x00, // jitter 0
        0x00, 0x00, 0x00, 0x00, // no SR received
        0x00, 0x00, 0x00, 0x00, // DLSR 0
    ];

    #[test]
    fn deconstruct() {
        let rr = ReceiverReport::new_checked(&RR_TWO_BLOCKS).unwrap();
        assert_eq!(rr.ssrc(), 0x902f_9e2e);
        assert_eq!(rr.report_count(), 2);
        let blocks: Vec<_> = rr.report_blocks().collect();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].extended_highest_sequence, 18145);
        assert_eq!(blocks[1].ssrc, 0x1234_5678);
        assert_eq!(blocks[1].fraction_lost, 25);
        assert_eq!(blocks[1].cumulative_lost, -2);
        assert_eq!(blocks[1].sequence_cycles(), 3);
        assert_eq!(blocks[1].highest_sequence(), 0xfff0);
        assert_eq!(blocks[1].last_sr, 0);
    }

    #[test]
    fn round_trip() {
        let rr = ReceiverReport::new_checked(&RR_TWO_BLOCKS).unwrap();
        let blocks: Vec<_> = rr.report_blocks().collect();
        let repr = ReceiverReportRepr::parse(&rr, &blocks);
        let mut out = [0u8; 56];
        assert_eq!(repr.emit(&mut out), Ok(56));
        assert_eq!(out, RR_TWO_BLOCKS);
    }

    #[test]
    fn empty_rr_with_profile_extension() {
        // RC=0 and one word of profile-specific extension.
        let buf = [0x80, 0xc9, 0x00, 0x02, 0, 0, 0, 7, 0xde, 0xad, 0xbe, 0xef];
        let rr = ReceiverReport::new_checked(&buf).unwrap();
        assert_eq!(rr.report_blocks().count(), 0);
        assert_eq!(rr.profile_extensions(), &[0xde, 0xad, 0xbe, 0xef]);
        let repr = ReceiverReportRepr::parse(&rr, &[]);
        let mut out = [0u8; 12];
        assert_eq!(repr.emit(&mut out), Ok(12));
        assert_eq!(out, buf);
    }

    #[test]
    fn missing_ssrc() {
        assert_eq!(
            ReceiverReport::new_checked(&[0x80, 0xc9, 0x00, 0x00]),
            Err(RtcpError::Truncated {
                field: "SSRC of packet sender",
                offset: 4,
                needed: 4,
                available: 0
            })
        );
    }
}
