//! Packet Receipt Times report block ([RFC 3611 §4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3)).

use core::iter::Zip;

use super::ReportedSequences;
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, need};

/// Length of SSRC, begin_seq and end_seq.
const FIXED_LEN: usize = 8;

/// A Packet Receipt Times block, BT 3
/// ([RFC 3611 §4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3)): when each
/// reported packet arrived, in the RTP timestamp units of the stream.
///
/// ```text
/// |     BT=3      | rsvd. |   T   |         block length          |
/// |                        SSRC of source                         |
/// |          begin_seq            |             end_seq           |
/// |       Receipt time of packet begin_seq                        |
/// |       Receipt time of packet (begin_seq + 1) mod 65536        |
/// :                              ...                              :
/// |       Receipt time of packet (end_seq - 1) mod 65536          |
/// ```
///
/// The times stand, in order, for the sequence numbers of
/// [`reported_sequences`](Self::reported_sequences) (every one from `begin_seq` to
/// `end_seq` without thinning; the multiples of 2^T with thinning T, as for Loss RLE).
/// [`entries`](Self::entries) pairs them; it stops at whichever list ends first, so
/// a block with fewer or more times than its range still reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketReceiptTimes<'a> {
    type_specific: u8,
    body: &'a [u8],
}

impl<'a> PacketReceiptTimes<'a> {
    /// Reads the contents of a Packet Receipt Times block. Offsets in errors count from
    /// the start of `body`.
    pub(crate) fn parse(type_specific: u8, body: &'a [u8]) -> Result<Self, RtcpError> {
        need(
            body,
            "Packet Receipt Times SSRC, begin_seq and end_seq",
            0,
            FIXED_LEN,
        )?;
        Ok(Self {
            type_specific,
            body,
        })
    }

    /// The thinning T (low 4 bits of the type-specific byte).
    #[inline]
    pub fn thinning(&self) -> u8 {
        self.type_specific & 0x0f
    }

    /// SSRC of the source reported on.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.body, 0)
    }

    /// The first sequence number of the range.
    #[inline]
    pub fn begin_seq(&self) -> u16 {
        bytes::u16_at(self.body, 4)
    }

    /// The last sequence number of the range plus one.
    #[inline]
    pub fn end_seq(&self) -> u16 {
        bytes::u16_at(self.body, 6)
    }

    /// The receipt times, in order.
    #[inline]
    pub fn receipt_times(&self) -> ReceiptTimes<'a> {
        ReceiptTimes::new(self.body.get(FIXED_LEN..).unwrap_or(&[]))
    }

    /// The sequence numbers the block reports on.
    #[inline]
    pub fn reported_sequences(&self) -> ReportedSequences {
        ReportedSequences::new(self.begin_seq(), self.end_seq(), self.thinning())
    }

    /// `(sequence number, receipt time)` pairs, in order.
    #[inline]
    pub fn entries(&self) -> Zip<ReportedSequences, ReceiptTimes<'a>> {
        self.reported_sequences().zip(self.receipt_times())
    }
}

/// Iterator over the receipt times of a Packet Receipt Times block
/// ([RFC 3611 §4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3)).
pub type ReceiptTimes<'a> = crate::entries::Entries<'a, u32>;

/// Writes a Packet Receipt Times block ([RFC 3611 §4.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.3); use with
/// [`super::XrBlockRepr::PacketReceiptTimes`]); the reserved bits are written as zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PacketReceiptTimesRepr<'a> {
    /// The thinning T, 0 to 15.
    pub thinning: u8,
    /// SSRC of the source reported on.
    pub ssrc: u32,
    /// The first sequence number of the range.
    pub begin_seq: u16,
    /// The last sequence number of the range plus one.
    pub end_seq: u16,
    /// One receipt time per reported sequence number.
    pub receipt_times: &'a [u32],
}

impl<'a> PacketReceiptTimesRepr<'a> {
    /// The fields of a parsed block, with its times collected by the caller (for
    /// instance `prt.receipt_times().collect::<Vec<_>>()`).
    pub fn parse(prt: &PacketReceiptTimes<'_>, receipt_times: &'a [u32]) -> Self {
        Self {
            thinning: prt.thinning(),
            ssrc: prt.ssrc(),
            begin_seq: prt.begin_seq(),
            end_seq: prt.end_seq(),
            receipt_times,
        }
    }

    pub(crate) fn body_len(&self) -> usize {
        FIXED_LEN + self.receipt_times.len() * 4
    }

    pub(crate) fn type_specific(&self) -> Result<u8, EmitError> {
        bytes::check_max("thinning", usize::from(self.thinning), 0x0f)?;
        Ok(self.thinning)
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        w.u32(self.ssrc)?;
        w.u16(self.begin_seq)?;
        w.u16(self.end_seq)?;
        self.receipt_times.iter().try_for_each(|&t| w.u32(t))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    /// Receipt times of packets 65534, 65535 and 0 (wrapping), 8 kHz audio 20 ms
    /// apart (160 timestamp units), the third 2 units late.
    const PRT: [u8; 24] = [
        0x03, 0x00, 0x00, 0x05, // BT=3, rsvd 0, T=0, block length 5
        0x00, 0x00, 0xbe, 0xef, // SSRC of source
        0xff, 0xfe, 0x00, 0x01, // begin_seq 65534, end_seq 1: 65534, 65535, 0
        0x00, 0x01, 0x00, 0x00, // receipt time of 65534: 65536
        0x00, 0x01, 0x00, 0xa0, // of 65535: 65536 + 160
        0x00, 0x01, 0x01, 0x42, // of 0: 65536 + 320 + 2
    ];

    #[test]
    fn deconstruct_and_emit() {
        let prt = PacketReceiptTimes::parse(PRT[1], &PRT[4..]).unwrap();
        assert_eq!(prt.thinning(), 0);
        assert_eq!(prt.ssrc(), 0xbeef);
        assert_eq!((prt.begin_seq(), prt.end_seq()), (65_534, 1));
        assert_eq!(prt.reported_sequences().len(), 3);
        let entries: Vec<_> = prt.entries().collect();
        assert_eq!(
            entries,
            [(65_534, 0x1_0000), (65_535, 0x1_00a0), (0, 0x1_0142)]
        );
        let times: Vec<_> = prt.receipt_times().collect();
        let repr = XrBlockRepr::PacketReceiptTimes(PacketReceiptTimesRepr::parse(&prt, &times));
        let mut out = [0u8; 24];
        assert_eq!(repr.emit(&mut out), Ok(24));
        assert_eq!(out, PRT);
    }

    #[test]
    fn thinning_aligns_times_with_multiples() {
        // T=3 over 100..=130 (end 131): the multiples of 8 are 104, 112, 120, 128.
        let block = [
            0x03, 0x03, 0x00, 0x06, // BT=3, T=3, block length 6
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x00, 0x64, 0x00, 0x83, // begin 100, end 131
            0x00, 0x00, 0x00, 0x0a, // 104 at 10
            0x00, 0x00, 0x00, 0x14, // 112 at 20
            0x00, 0x00, 0x00, 0x1e, // 120 at 30
            0x00, 0x00, 0x00, 0x28, // 128 at 40
        ];
        let mut buf = vec![0x80, 0xcf, 0x00, 0x08, 0, 0, 0, 9];
        buf.extend_from_slice(&block);
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let Ok(XrBlockKind::PacketReceiptTimes(prt)) = xr.blocks().next().unwrap().parse() else {
            panic!()
        };
        assert!(
            prt.entries()
                .eq([(104, 10), (112, 20), (120, 30), (128, 40)])
        );
    }

    #[test]
    fn errors() {
        let buf = [
            0x80, 0xcf, 0x00, 0x03, // XR, length 3
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x03, 0x00, 0x00, 0x01, // PRT, block length 1
            0x00, 0x00, 0x00, 0x01, // SSRC of source only
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::Truncated {
                field: "Packet Receipt Times SSRC, begin_seq and end_seq",
                offset: 12,
                needed: 8,
                available: 4
            })
        );
        let repr = PacketReceiptTimesRepr {
            thinning: 0x10,
            ..Default::default()
        };
        let mut out = [0u8; 12];
        assert!(matches!(
            XrBlockRepr::PacketReceiptTimes(repr).emit(&mut out),
            Err(EmitError::FieldOverflow { max: 15, .. })
        ));
    }
}
