//! Slice loss indication ([RFC 4585 §6.3.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.2)).

use super::{FciWrite, psfb_fmt};
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, invalid_fci_len, packet_type};

/// One SLI entry: a run of lost macroblocks
/// ([RFC 4585 §6.3.2.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.2.2)).
///
/// ```text
/// |            First        |        Number           | PictureID |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SliEntry {
    /// Address of the first lost macroblock (13 bits).
    pub first: u16,
    /// Number of lost macroblocks (13 bits).
    pub number: u16,
    /// The six least significant bits of the codec's picture identifier.
    pub picture_id: u8,
}

/// The FCI of an SLI: one or more [`SliEntry`] values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sli<'a> {
    fci: &'a [u8],
}

impl<'a> Sli<'a> {
    /// Reads an SLI FCI: a non-empty multiple of 4 bytes.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        if fci.is_empty() || fci.len() % 4 != 0 {
            return Err(invalid_fci_len("SLI FCI length", fci.len()));
        }
        Ok(Self { fci })
    }

    /// The entries, in order.
    #[inline]
    pub fn entries(&self) -> SliEntries<'a> {
        SliEntries::new(self.fci)
    }
}

/// Iterator over SLI entries.
pub type SliEntries<'a> = crate::entries::Entries<'a, SliEntry>;

impl crate::entries::FixedEntry for SliEntry {
    const LEN: usize = 4;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        let w = crate::bytes::u32_at(bytes, 0);
        Self {
            first: (w >> 19) as u16,
            number: ((w >> 6) & 0x1fff) as u16,
            picture_id: (w & 0x3f) as u8,
        }
    }
}

/// Writes an SLI FCI (use with [`super::FeedbackRepr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SliRepr<'a> {
    /// The entries; at least one.
    pub entries: &'a [SliEntry],
}

impl FciWrite for SliRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::PSFB
    }

    fn fmt(&self) -> u8 {
        psfb_fmt::SLI
    }

    fn fci_len(&self) -> usize {
        self.entries.len() * 4
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        let mut w = Writer::new(out);
        for e in self.entries {
            bytes::check_max("SLI First", usize::from(e.first), 0x1fff)?;
            bytes::check_max("SLI Number", usize::from(e.number), 0x1fff)?;
            bytes::check_max("SLI PictureID", usize::from(e.picture_id), 0x3f)?;
            w.u32(
                (u32::from(e.first) << 19) | (u32::from(e.number) << 6) | u32::from(e.picture_id),
            )?;
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
        // First 100 (0x64), Number 25 (0x19), PictureID 33 (0x21):
        // 100 << 19 | 25 << 6 | 33 = 0x0320_0000 | 0x0640 | 0x21 = 0x0320_0661.
        let buf = [
            0x82, 0xce, 0x00, 0x03, // FMT=2 PT=206 length 3
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x02, // media SSRC
            0x03, 0x20, 0x06, 0x61, // entry
        ];
        let fb = PayloadFeedback::new_checked(&buf).unwrap();
        let Ok(PayloadFeedbackFci::Sli(sli)) = fb.fci() else {
            panic!()
        };
        let entries: Vec<_> = sli.entries().collect();
        assert_eq!(
            entries,
            [SliEntry {
                first: 100,
                number: 25,
                picture_id: 33
            }]
        );
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 2,
            fci: SliRepr { entries: &entries },
            padding: 0,
        };
        let mut out = [0u8; 16];
        assert_eq!(repr.emit(&mut out), Ok(16));
        assert_eq!(out, buf);
    }
}
