//! Receiver Reference Time report block ([RFC 3611 §4.4](https://www.rfc-editor.org/rfc/rfc3611#section-4.4)).

use crate::bytes::{self, EmitError, Writer};

/// Contents length: the constant block length 2, in bytes.
pub(crate) const BODY_LEN: usize = 8;

/// A Receiver Reference Time (RRTR) block, BT 4
/// ([RFC 3611 §4.4](https://www.rfc-editor.org/rfc/rfc3611#section-4.4)): the wallclock
/// time a receiver sent the block, so that peers can answer with a [`super::Dlrr`]
/// block and the receiver can measure its round trip time without sending media.
///
/// ```text
/// |     BT=4      |   reserved    |       block length = 2        |
/// |              NTP timestamp, most significant word             |
/// |             NTP timestamp, least significant word             |
/// ```
///
/// Decoded eagerly; also the writer of the block (the reserved byte is written as
/// zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReceiverReferenceTime {
    /// NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32
    /// (or elapsed time since joining, or zero for a sender without a clock).
    pub ntp_timestamp: u64,
}

impl ReceiverReferenceTime {
    /// Reads the contents of an RRTR block: exactly 8 bytes.
    pub(crate) fn parse(body: &[u8]) -> Option<Self> {
        (body.len() == BODY_LEN).then(|| Self {
            ntp_timestamp: bytes::u64_at(body, 0),
        })
    }

    /// The middle 32 bits of the timestamp: what a DLRR sub-block echoes as LRR.
    #[inline]
    pub fn compact_ntp(&self) -> u32 {
        (self.ntp_timestamp >> 16) as u32
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        Ok(w.u64(self.ntp_timestamp)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    const RRTR: [u8; 12] = [
        0x04, 0x00, 0x00, 0x02, // BT=4, reserved 0, block length 2
        0xe8, 0x7e, 0x2d, 0x00, // NTP seconds
        0x12, 0x34, 0x80, 0x00, // NTP fraction
    ];

    #[test]
    fn deconstruct_and_emit() {
        let rrtr = ReceiverReferenceTime::parse(&RRTR[4..]).unwrap();
        assert_eq!(rrtr.ntp_timestamp, 0xe87e_2d00_1234_8000);
        // Middle 32 bits: low half of the seconds, high half of the fraction.
        assert_eq!(rrtr.compact_ntp(), 0x2d00_1234);
        let mut out = [0u8; 12];
        assert_eq!(
            XrBlockRepr::ReceiverReferenceTime(rrtr).emit(&mut out),
            Ok(12)
        );
        assert_eq!(out, RRTR);
    }

    #[test]
    fn reserved_byte_is_ignored() {
        // RFC 3611 §4.4: the reserved byte MUST be ignored by the receiver.
        let buf = [
            0x80, 0xcf, 0x00, 0x04, // XR, length 4 (20 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x04, 0xff, 0x00, 0x02, // BT=4, reserved 0xff, length 2
            0x00, 0x00, 0x00, 0x01, // 1 second
            0x00, 0x00, 0x00, 0x00, //
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let block = xr.blocks().next().unwrap();
        assert_eq!(block.type_specific(), 0xff);
        assert_eq!(
            block.parse(),
            Ok(XrBlockKind::ReceiverReferenceTime(ReceiverReferenceTime {
                ntp_timestamp: 1 << 32
            }))
        );
    }

    #[test]
    fn wrong_lengths() {
        assert_eq!(ReceiverReferenceTime::parse(&[0; 4]), None);
        assert_eq!(ReceiverReferenceTime::parse(&[0; 12]), None);
    }
}
