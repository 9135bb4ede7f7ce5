//! Full intra request ([RFC 5104 §4.3.1](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1)).

use super::{FciWrite, psfb_fmt};
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, invalid_fci_len, packet_type};

/// One FIR entry: a media sender asked for a decoder refresh point
/// ([RFC 5104 §4.3.1.1](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1.1)).
///
/// ```text
/// |                              SSRC                             |
/// | Seq nr.       |    Reserved                                   |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FirEntry {
    /// The media sender asked for an intra picture.
    pub ssrc: u32,
    /// Command sequence number: the same for a repetition, incremented for a new
    /// request.
    pub sequence: u8,
}

/// The FCI of a FIR: one or more [`FirEntry`] values (the media source SSRC of the
/// packet is 0; the entries name the senders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fir<'a> {
    fci: &'a [u8],
}

impl<'a> Fir<'a> {
    /// Reads a FIR FCI: a non-empty multiple of 8 bytes.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        if fci.is_empty() || fci.len() % 8 != 0 {
            return Err(invalid_fci_len("FIR FCI length", fci.len()));
        }
        Ok(Self { fci })
    }

    /// The entries, in order.
    #[inline]
    pub fn entries(&self) -> FirEntries<'a> {
        FirEntries::new(self.fci)
    }
}

/// Iterator over FIR entries.
pub type FirEntries<'a> = crate::entries::Entries<'a, FirEntry>;

impl crate::entries::FixedEntry for FirEntry {
    const LEN: usize = 8;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self {
            ssrc: bytes::u32_at(bytes, 0),
            sequence: bytes::u8_at(bytes, 4),
        }
    }
}

/// Writes a FIR FCI (use with [`super::FeedbackRepr`], media SSRC 0); reserved bits
/// are written as zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FirRepr<'a> {
    /// The entries; at least one.
    pub entries: &'a [FirEntry],
}

impl FciWrite for FirRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::PSFB
    }

    fn fmt(&self) -> u8 {
        psfb_fmt::FIR
    }

    fn fci_len(&self) -> usize {
        self.entries.len() * 8
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        let mut w = Writer::new(out);
        for e in self.entries {
            w.u32(e.ssrc)?;
            w.u8(e.sequence)?;
            w.zeros(3)?;
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
        let buf = [
            0x84, 0xce, 0x00, 0x06, // FMT=4 PT=206 length 6
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x00, // media SSRC 0 (RFC 5104 §4.3.1.2)
            0x11, 0x11, 0x11, 0x11, // entry 1: SSRC
            0x07, 0x00, 0x00, 0x00, //   seq 7
            0x22, 0x22, 0x22, 0x22, // entry 2
            0xff, 0x00, 0x00, 0x00, //   seq 255
        ];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        let Ok(PayloadFeedbackFci::Fir(fir)) = fb.fci() else {
            panic!()
        };
        let entries: Vec<_> = fir.entries().collect();
        assert_eq!(
            entries,
            [
                FirEntry {
                    ssrc: 0x1111_1111,
                    sequence: 7
                },
                FirEntry {
                    ssrc: 0x2222_2222,
                    sequence: 255
                }
            ]
        );
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0,
            fci: FirRepr { entries: &entries },
            padding: 0,
        };
        let mut out = [0u8; 28];
        assert_eq!(repr.emit(&mut out), Ok(28));
        assert_eq!(out, buf);
        assert_eq!(
            Fir::parse(&buf[12..16]),
            Err(RtcpError::InvalidValue {
                field: "FIR FCI length",
                offset: 0,
                value: 4
            })
        );
    }
}
