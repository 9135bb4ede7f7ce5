//! Report blocks ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)),
//! shared by sender and receiver reports.

use crate::bytes::{self, EmitError, Writer};
use crate::entries::FixedEntry;

/// One reception report block: what a receiver saw of one source
/// ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)).
///
/// 24 bytes on the wire, decoded eagerly: the value is plain data, also used to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReportBlock {
    /// SSRC of the source this block reports on.
    pub ssrc: u32,
    /// Fraction of packets lost since the previous report, in 1/256.
    pub fraction_lost: u8,
    /// Cumulative number of packets lost: a signed 24-bit value (duplicates can make
    /// it negative), sign-extended here. Writing keeps the low 24 bits.
    pub cumulative_lost: i32,
    /// Extended highest sequence number received: cycles in the high 16 bits.
    pub extended_highest_sequence: u32,
    /// Interarrival jitter, in RTP timestamp units.
    pub jitter: u32,
    /// Middle 32 bits of the NTP timestamp of the last SR received (LSR), 0 if none.
    pub last_sr: u32,
    /// Delay since that SR (DLSR), in units of 1/65536 s.
    pub delay_since_last_sr: u32,
}

impl FixedEntry for ReportBlock {
    const LEN: usize = REPORT_BLOCK_LEN;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self::decode(bytes)
    }
}

/// Length of a report block on the wire.
pub(crate) const REPORT_BLOCK_LEN: usize = 24;

impl ReportBlock {
    /// Decodes a block from the first 24 bytes of `b` (zeros where `b` is shorter;
    /// callers check the length first).
    #[inline]
    fn decode(b: &[u8]) -> Self {
        let lost = bytes::u24_at(b, 5);
        // Sign-extend the 24-bit two's complement value.
        let cumulative_lost = ((lost << 8) as i32) >> 8;
        Self {
            ssrc: bytes::u32_at(b, 0),
            fraction_lost: bytes::u8_at(b, 4),
            cumulative_lost,
            extended_highest_sequence: bytes::u32_at(b, 8),
            jitter: bytes::u32_at(b, 12),
            last_sr: bytes::u32_at(b, 16),
            delay_since_last_sr: bytes::u32_at(b, 20),
        }
    }

    /// The sequence number cycles counted by the receiver (high 16 bits of the
    /// extended highest sequence number).
    #[inline]
    pub fn sequence_cycles(&self) -> u16 {
        (self.extended_highest_sequence >> 16) as u16
    }

    /// The highest sequence number received (low 16 bits).
    #[inline]
    pub fn highest_sequence(&self) -> u16 {
        self.extended_highest_sequence as u16
    }

    /// [`fraction_lost`](Self::fraction_lost) as a fraction in `0.0..1.0`.
    #[inline]
    pub fn fraction_lost_ratio(&self) -> f64 {
        f64::from(self.fraction_lost) / 256.0
    }

    /// Writes the block; fails if the cumulative loss does not fit 24 signed bits.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        if !(-0x80_0000..=0x7f_ffff).contains(&self.cumulative_lost) {
            return Err(EmitError::FieldOverflow {
                field: "cumulative number of packets lost",
                value: i64::from(self.cumulative_lost).unsigned_abs(),
                max: 0x7f_ffff,
            });
        }
        w.u32(self.ssrc)?;
        w.u8(self.fraction_lost)?;
        w.u24(self.cumulative_lost as u32)?;
        w.u32(self.extended_highest_sequence)?;
        w.u32(self.jitter)?;
        w.u32(self.last_sr)?;
        w.u32(self.delay_since_last_sr)?;
        Ok(())
    }
}

/// Iterator over the report blocks of a sender or receiver report.
pub type ReportBlocks<'a> = crate::entries::Entries<'a, ReportBlock>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_lost_is_signed_24_bit() {
        let mut b = [0u8; 24];
        // 0xffffff is -1 in 24-bit two's complement (RFC 3550 §6.4.1: duplicates can
        // make the count negative); 0x800000 is the most negative value.
        b[5..8].copy_from_slice(&[0xff, 0xff, 0xff]);
        assert_eq!(ReportBlock::decode(&b).cumulative_lost, -1);
        b[5..8].copy_from_slice(&[0x80, 0x00, 0x00]);
        assert_eq!(ReportBlock::decode(&b).cumulative_lost, -0x80_0000);
        b[5..8].copy_from_slice(&[0x7f, 0xff, 0xff]);
        assert_eq!(ReportBlock::decode(&b).cumulative_lost, 0x7f_ffff);
    }

    #[test]
    fn write_checks_the_24_bit_range() {
        let mut out = [0u8; 24];
        let mut w = Writer::new(&mut out);
        let block = ReportBlock {
            cumulative_lost: -1,
            ..Default::default()
        };
        block.write(&mut w).unwrap();
        assert_eq!(&out[5..8], &[0xff, 0xff, 0xff]);
        let mut w = Writer::new(&mut out);
        let block = ReportBlock {
            cumulative_lost: 0x80_0000,
            ..Default::default()
        };
        assert!(matches!(
            block.write(&mut w),
            Err(EmitError::FieldOverflow { .. })
        ));
    }
}
