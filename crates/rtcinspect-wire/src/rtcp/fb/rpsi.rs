//! Reference picture selection indication ([RFC 4585 §6.3.3](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.3)).

use super::{FciWrite, psfb_fmt};
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, invalid_fci_len, packet_type};

/// The FCI of an RPSI: a codec-defined ("native") bit string naming a reference
/// picture ([RFC 4585 §6.3.3.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.3.2)).
///
/// ```text
/// |      PB       |0| Payload Type|    Native RPSI bit string     |
/// |   defined per codec          ...                | Padding (0) |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rpsi<'a> {
    fci: &'a [u8],
}

impl<'a> Rpsi<'a> {
    /// Reads an RPSI FCI: at least the two header bytes, and no more padding bits
    /// than the bit string has.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        if fci.len() < 2 {
            return Err(invalid_fci_len("RPSI FCI length", fci.len()));
        }
        let pb = bytes::u8_at(fci, 0);
        if usize::from(pb) > (fci.len() - 2) * 8 {
            return Err(RtcpError::InvalidValue {
                field: "RPSI PB (padding bits)",
                offset: 0,
                value: u32::from(pb),
            });
        }
        Ok(Self { fci })
    }

    /// Number of padding bits at the end of the FCI (PB).
    #[inline]
    pub fn padding_bits(&self) -> u8 {
        bytes::u8_at(self.fci, 0)
    }

    /// The RTP payload type the bit string is to be read with.
    #[inline]
    pub fn payload_type(&self) -> u8 {
        bytes::u8_at(self.fci, 1) & 0x7f
    }

    /// The bytes after the two header bytes: the native bit string followed by
    /// [`padding_bits`](Self::padding_bits) bits of padding.
    #[inline]
    pub fn native(&self) -> &'a [u8] {
        self.fci.get(2..).unwrap_or(&[])
    }

    /// Length of the native bit string in bits.
    #[inline]
    pub fn bit_len(&self) -> usize {
        self.native().len() * 8 - usize::from(self.padding_bits())
    }
}

/// Writes an RPSI FCI (use with [`super::FeedbackRepr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RpsiRepr<'a> {
    /// Number of padding bits at the end of `native`.
    pub padding_bits: u8,
    /// The payload type, 0–127.
    pub payload_type: u8,
    /// The native bit string and its padding; with the two header bytes and the
    /// SSRCs, a multiple of 4 bytes.
    pub native: &'a [u8],
}

impl FciWrite for RpsiRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::PSFB
    }

    fn fmt(&self) -> u8 {
        psfb_fmt::RPSI
    }

    fn fci_len(&self) -> usize {
        2 + self.native.len()
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        bytes::check_max("RPSI payload type", usize::from(self.payload_type), 0x7f)?;
        bytes::check_max(
            "RPSI PB (padding bits)",
            usize::from(self.padding_bits),
            self.native.len() * 8,
        )?;
        let mut w = Writer::new(out);
        w.u8(self.padding_bits)?;
        w.u8(self.payload_type)?;
        Ok(w.put(self.native)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpWrite;
    use crate::rtcp::fb::{FeedbackRepr, PayloadFeedback, PayloadFeedbackFci};

    #[test]
    fn round_trip() {
        // A 14-bit picture ID 0x1234 for payload type 96: the native string is the 14
        // bits, then PB = 2 padding bits fill the second byte:
        // 0x1234 << 2 = 0x48d0.
        let buf = [
            0x83, 0xce, 0x00, 0x03, // FMT=3 PT=206 length 3
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x02, // media SSRC
            0x02, 0x60, 0x48, 0xd0, // PB=2, PT=96, native string + padding
        ];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        let Ok(PayloadFeedbackFci::Rpsi(rpsi)) = fb.fci() else {
            panic!()
        };
        assert_eq!(rpsi.padding_bits(), 2);
        assert_eq!(rpsi.payload_type(), 96);
        assert_eq!(rpsi.native(), &[0x48, 0xd0]);
        assert_eq!(rpsi.bit_len(), 14);
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 2,
            fci: RpsiRepr {
                padding_bits: 2,
                payload_type: 96,
                native: rpsi.native(),
            },
            padding: 0,
        };
        let mut out = [0u8; 16];
        assert_eq!(repr.emit(&mut out), Ok(16));
        assert_eq!(out, buf);
    }

    #[test]
    fn more_padding_than_bits() {
        // PB = 17 with a 16-bit native string.
        let mut buf = [0x83, 0xce, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 2, 17, 96, 0, 0];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        assert_eq!(
            fb.fci(),
            Err(RtcpError::InvalidValue {
                field: "RPSI PB (padding bits)",
                offset: 12,
                value: 17
            })
        );
        buf[12] = 16;
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        assert!(matches!(fb.fci(), Ok(PayloadFeedbackFci::Rpsi(r)) if r.bit_len() == 0));
    }
}
