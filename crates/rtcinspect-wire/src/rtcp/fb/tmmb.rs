//! Temporary maximum media stream bit rate request and notification
//! ([RFC 5104 §4.2](https://www.rfc-editor.org/rfc/rfc5104#section-4.2)).

use super::{FciWrite, rtpfb_fmt};
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, invalid_fci_len, packet_type};

/// One TMMBR/TMMBN entry: a bit rate limit for one media sender
/// ([RFC 5104 §4.2.1.1](https://www.rfc-editor.org/rfc/rfc5104#section-4.2.1.1)).
///
/// ```text
/// |                              SSRC                             |
/// | MxTBR Exp |  MxTBR Mantissa                 |Measured Overhead|
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TmmbEntry {
    /// The media sender the limit applies to.
    pub ssrc: u32,
    /// Exponent of the maximum total media bit rate (6 bits).
    pub exponent: u8,
    /// Mantissa of the maximum total media bit rate (17 bits).
    pub mantissa: u32,
    /// Measured per-packet overhead in bytes (9 bits).
    pub overhead: u16,
}

impl TmmbEntry {
    /// The maximum total media bit rate in bits per second, `mantissa × 2^exponent`
    /// (saturating at `u64::MAX` for exponents the wire allows but no link has).
    pub fn bitrate(&self) -> u64 {
        shifted_bitrate(self.mantissa, self.exponent)
    }

    /// An entry for `bitrate` bits per second, with the smallest exponent whose
    /// mantissa fits 17 bits (the rate is rounded down to what the fields can carry).
    pub fn from_bitrate(ssrc: u32, bitrate: u64, overhead: u16) -> Self {
        let (exponent, mantissa) = split_bitrate(bitrate, 17);
        Self {
            ssrc,
            exponent,
            mantissa,
            overhead,
        }
    }
}

/// `mantissa << exponent`, saturating.
pub(crate) fn shifted_bitrate(mantissa: u32, exponent: u8) -> u64 {
    let m = u64::from(mantissa);
    if m == 0 {
        0
    } else if u32::from(exponent) + (64 - m.leading_zeros()) > 64 {
        u64::MAX
    } else {
        m << exponent
    }
}

/// Splits a bit rate into (exponent, mantissa) with a mantissa of `bits` bits.
pub(crate) fn split_bitrate(bitrate: u64, bits: u32) -> (u8, u32) {
    let used = 64 - bitrate.leading_zeros();
    let exponent = used.saturating_sub(bits);
    (exponent as u8, (bitrate >> exponent) as u32)
}

/// The FCI of a TMMBR or TMMBN: zero or more [`TmmbEntry`] values (a TMMBN may be empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tmmb<'a> {
    fci: &'a [u8],
}

impl<'a> Tmmb<'a> {
    /// Reads a TMMBR/TMMBN FCI: a multiple of 8 bytes.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        if fci.len() % 8 != 0 {
            return Err(invalid_fci_len("TMMBR/TMMBN FCI length", fci.len()));
        }
        Ok(Self { fci })
    }

    /// The entries, in order.
    #[inline]
    pub fn entries(&self) -> TmmbEntries<'a> {
        TmmbEntries::new(self.fci)
    }
}

/// Iterator over TMMBR/TMMBN entries.
pub type TmmbEntries<'a> = crate::entries::Entries<'a, TmmbEntry>;

impl crate::entries::FixedEntry for TmmbEntry {
    const LEN: usize = 8;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        let w = crate::bytes::u32_at(bytes, 4);
        Self {
            ssrc: crate::bytes::u32_at(bytes, 0),
            exponent: (w >> 26) as u8,
            mantissa: (w >> 9) & 0x1_ffff,
            overhead: (w & 0x1ff) as u16,
        }
    }
}

/// Writes a TMMBR or TMMBN FCI (use with [`super::FeedbackRepr`], media SSRC 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TmmbRepr<'a> {
    /// Whether this is a notification (TMMBN, FMT 4) rather than a request (TMMBR, FMT 3).
    pub notification: bool,
    /// The entries.
    pub entries: &'a [TmmbEntry],
}

impl FciWrite for TmmbRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::RTPFB
    }

    fn fmt(&self) -> u8 {
        if self.notification {
            rtpfb_fmt::TMMBN
        } else {
            rtpfb_fmt::TMMBR
        }
    }

    fn fci_len(&self) -> usize {
        self.entries.len() * 8
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        let mut w = Writer::new(out);
        for e in self.entries {
            bytes::check_max("MxTBR Exp", usize::from(e.exponent), 0x3f)?;
            bytes::check_max("MxTBR Mantissa", e.mantissa as usize, 0x1_ffff)?;
            bytes::check_max("Measured Overhead", usize::from(e.overhead), 0x1ff)?;
            w.u32(e.ssrc)?;
            w.u32((u32::from(e.exponent) << 26) | (e.mantissa << 9) | u32::from(e.overhead))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpWrite;
    use crate::rtcp::fb::{FeedbackRepr, RtpFeedback, RtpFeedbackFci};

    #[test]
    fn tmmbr_round_trip() {
        // 256 kbit/s: 2^17 <= 256000 < 2^18 needs 18 bits, one more than the
        // mantissa has, so exponent 1 and mantissa 128000; overhead 40 bytes.
        // Word: 1 << 26 | 128000 << 9 | 40 = 0x0400_0000 | 0x03e8_0000 | 0x28.
        let buf = [
            0x83, 0xcd, 0x00, 0x04, // FMT=3 PT=205 length 4
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x00, // media SSRC 0 (RFC 5104 §4.2.1.2)
            0x00, 0x00, 0xab, 0xcd, // entry SSRC
            0x07, 0xe8, 0x00, 0x28, // exp 1, mantissa 128000, overhead 40
        ];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        let Ok(RtpFeedbackFci::Tmmbr(t)) = fb.fci() else {
            panic!()
        };
        let entries: Vec<_> = t.entries().collect();
        let expected = TmmbEntry {
            ssrc: 0xabcd,
            exponent: 1,
            mantissa: 128_000,
            overhead: 40,
        };
        assert_eq!(entries, [expected]);
        assert_eq!(entries[0].bitrate(), 256_000);
        assert_eq!(TmmbEntry::from_bitrate(0xabcd, 256_000, 40), expected);
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0,
            fci: TmmbRepr {
                notification: false,
                entries: &entries,
            },
            padding: 0,
        };
        let mut out = [0u8; 20];
        assert_eq!(repr.emit(&mut out), Ok(20));
        assert_eq!(out, buf);
    }

    #[test]
    fn empty_tmmbn_and_bad_length() {
        let buf = [0x84, 0xcd, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 0];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        let Ok(RtpFeedbackFci::Tmmbn(t)) = fb.fci() else {
            panic!()
        };
        assert_eq!(t.entries().count(), 0);
        assert!(matches!(
            Tmmb::parse(&[0; 4]),
            Err(RtcpError::InvalidValue { value: 4, .. })
        ));
    }

    #[test]
    fn bitrate_saturates() {
        assert_eq!(shifted_bitrate(0x1_ffff, 63), u64::MAX);
        assert_eq!(shifted_bitrate(1, 63), 1 << 63);
        assert_eq!(shifted_bitrate(0, 63), 0);
        assert_eq!(split_bitrate(u64::MAX, 17), (47, 0x1_ffff));
    }
}
