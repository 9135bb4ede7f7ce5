//! Receiver estimated maximum bitrate
//! ([draft-alvestrand-rmcat-remb-03 §2.2](https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2.2)).

use super::tmmb::{shifted_bitrate, split_bitrate};
use super::{FciWrite, psfb_fmt};
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, need, packet_type};

/// The unique identifier that starts a REMB FCI.
pub(crate) const REMB_ID: &[u8] = b"REMB";

/// The FCI of a REMB: application layer feedback (PSFB FMT 15) with a bit rate
/// estimate for a set of media senders
/// ([draft-alvestrand-rmcat-remb-03 §2.2](https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2.2)).
///
/// ```text
/// |  Unique identifier 'R' 'E' 'M' 'B'                            |
/// |  Num SSRC     | BR Exp    |  BR Mantissa                      |
/// |   SSRC feedback                                               |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remb<'a> {
    fci: &'a [u8],
}

impl<'a> Remb<'a> {
    /// Reads a REMB FCI: the identifier, the bit rate word and Num SSRC SSRCs.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        need(fci, "REMB identifier and bitrate", 0, 8)?;
        if !fci.starts_with(REMB_ID) {
            return Err(RtcpError::InvalidValue {
                field: "REMB identifier",
                offset: 0,
                value: bytes::u32_at(fci, 0),
            });
        }
        need(
            fci,
            "REMB SSRC feedback",
            8,
            usize::from(bytes::u8_at(fci, 4)) * 4,
        )?;
        Ok(Self { fci })
    }

    /// The bit rate exponent (6 bits).
    #[inline]
    pub fn exponent(&self) -> u8 {
        bytes::u8_at(self.fci, 5) >> 2
    }

    /// The bit rate mantissa (18 bits).
    #[inline]
    pub fn mantissa(&self) -> u32 {
        bytes::u24_at(self.fci, 5) & 0x3_ffff
    }

    /// The estimated maximum bit rate in bits per second, `mantissa × 2^exponent`
    /// (saturating at `u64::MAX`).
    #[inline]
    pub fn bitrate(&self) -> u64 {
        shifted_bitrate(self.mantissa(), self.exponent())
    }

    /// The media senders the estimate applies to.
    #[inline]
    pub fn ssrcs(&self) -> RembSsrcs<'a> {
        let n = usize::from(bytes::u8_at(self.fci, 4));
        RembSsrcs::new(self.fci.get(8..8 + n * 4).unwrap_or(&[]))
    }
}

/// Iterator over the SSRCs of a REMB.
pub type RembSsrcs<'a> = crate::entries::Entries<'a, u32>;

/// Writes a REMB FCI (use with [`super::FeedbackRepr`], media SSRC 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RembRepr<'a> {
    /// The bit rate exponent, 0–63.
    pub exponent: u8,
    /// The bit rate mantissa, 18 bits.
    pub mantissa: u32,
    /// The media senders, at most 255.
    pub ssrcs: &'a [u32],
}

impl<'a> RembRepr<'a> {
    /// A REMB for `bitrate` bits per second, with the smallest exponent whose mantissa
    /// fits 18 bits (the rate is rounded down to what the fields can carry).
    pub fn from_bitrate(bitrate: u64, ssrcs: &'a [u32]) -> Self {
        let (exponent, mantissa) = split_bitrate(bitrate, 18);
        Self {
            exponent,
            mantissa,
            ssrcs,
        }
    }
}

impl FciWrite for RembRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::PSFB
    }

    fn fmt(&self) -> u8 {
        psfb_fmt::AFB
    }

    fn fci_len(&self) -> usize {
        8 + self.ssrcs.len() * 4
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        bytes::check_max("REMB Num SSRC", self.ssrcs.len(), 0xff)?;
        bytes::check_max("REMB BR Exp", usize::from(self.exponent), 0x3f)?;
        bytes::check_max("REMB BR Mantissa", self.mantissa as usize, 0x3_ffff)?;
        let mut w = Writer::new(out);
        w.put(REMB_ID)?;
        w.u8(self.ssrcs.len() as u8)?;
        w.u24((u32::from(self.exponent) << 18) | self.mantissa)?;
        for &ssrc in self.ssrcs {
            w.u32(ssrc)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpWrite;
    use crate::rtcp::fb::{FeedbackRepr, PayloadFeedback, PayloadFeedbackFci};

    #[test]
    fn round_trip() {
        // 1.5 Mbit/s: 2^20 <= 1_500_000 < 2^21 takes 21 bits, so exponent 3 and
        // mantissa 1_500_000 >> 3 = 187_500 (0x2dc6c); 187_500 << 3 = 1_500_000.
        // Byte 5-7: 3 << 18 | 0x2dc6c = 0x0c_0000 | 0x02_dc6c = 0x0e_dc6c.
        let buf = [
            0x8f, 0xce, 0x00, 0x06, // FMT=15 PT=206 length 6
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x00, // media SSRC 0
            b'R', b'E', b'M', b'B', // identifier
            0x02, 0x0e, 0xdc, 0x6c, // 2 SSRCs, exp 3, mantissa 187500
            0x11, 0x11, 0x11, 0x11, //
            0x22, 0x22, 0x22, 0x22, //
        ];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        let Ok(PayloadFeedbackFci::Remb(remb)) = fb.fci() else {
            panic!()
        };
        assert_eq!(remb.exponent(), 3);
        assert_eq!(remb.mantissa(), 187_500);
        assert_eq!(remb.bitrate(), 1_500_000);
        let ssrcs: Vec<u32> = remb.ssrcs().collect();
        assert_eq!(ssrcs, [0x1111_1111, 0x2222_2222]);
        let fci = RembRepr::from_bitrate(1_500_000, &ssrcs);
        assert_eq!((fci.exponent, fci.mantissa), (3, 187_500));
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0,
            fci,
            padding: 0,
        };
        let mut out = [0u8; 28];
        assert_eq!(repr.emit(&mut out), Ok(28));
        assert_eq!(out, buf);
    }

    #[test]
    fn too_few_ssrcs_and_other_afb() {
        // Num SSRC 3 with two present.
        let fci = [b'R', b'E', b'M', b'B', 3, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2];
        assert_eq!(
            Remb::parse(&fci),
            Err(RtcpError::Truncated {
                field: "REMB SSRC feedback",
                offset: 8,
                needed: 12,
                available: 8
            })
        );
        // AFB that is not REMB stays raw.
        let buf = [
            0x8f, 0xce, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 0, b'G', b'O', b'O', b'G',
        ];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        assert_eq!(fb.fci(), Ok(PayloadFeedbackFci::Afb(b"GOOG")));
    }
}
