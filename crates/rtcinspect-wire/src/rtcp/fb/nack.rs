//! Generic NACK ([RFC 4585 §6.2.1](https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1)).

use super::{FciWrite, rtpfb_fmt};
use crate::bytes::{EmitError, Writer};
use crate::rtcp::{RtcpError, invalid_fci_len, packet_type};

/// One NACK entry: a lost packet (PID) and a bitmask of the 16 packets after it (BLP,
/// bit `i` set means PID + i + 1 is lost too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NackPair {
    /// Packet ID: the sequence number of a lost packet.
    pub pid: u16,
    /// Bitmask of following lost packets.
    pub blp: u16,
}

impl NackPair {
    /// The sequence numbers this pair reports lost, in order (wrapping past 65535).
    #[inline]
    pub fn lost(self) -> impl Iterator<Item = u16> + Clone {
        let mut mask = (u32::from(self.blp) << 1) | 1;
        core::iter::from_fn(move || {
            if mask == 0 {
                return None;
            }
            let bit = mask.trailing_zeros();
            mask &= mask - 1;
            Some(self.pid.wrapping_add(bit as u16))
        })
    }

    /// How many packets this pair reports lost (1 to 17).
    #[inline]
    pub fn lost_count(self) -> u32 {
        1 + self.blp.count_ones()
    }
}

/// Packs lost sequence numbers into NACK pairs, the way RFC 4585 §6.2.1 lays them out:
/// each pair starts at the first number not yet covered, and covers the 16 after it.
///
/// The numbers must come in increasing order (wrapping allowed: 65535 then 0);
/// a number not after the previous one starts a new pair.
pub fn pack_nack<I: IntoIterator<Item = u16>>(lost: I) -> impl Iterator<Item = NackPair> {
    let mut lost = lost.into_iter().peekable();
    core::iter::from_fn(move || {
        let pid = lost.next()?;
        let mut blp = 0u16;
        while let Some(&seq) = lost.peek() {
            let distance = seq.wrapping_sub(pid);
            if !(1..=16).contains(&distance) {
                break;
            }
            blp |= 1 << (distance - 1);
            lost.next();
        }
        Some(NackPair { pid, blp })
    })
}

/// The FCI of a generic NACK: one or more [`NackPair`]s
/// ([RFC 4585 §6.2.1](https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nack<'a> {
    fci: &'a [u8],
}

impl<'a> Nack<'a> {
    /// Reads a NACK FCI: a non-empty multiple of 4 bytes.
    #[inline]
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        if fci.is_empty() || fci.len() % 4 != 0 {
            return Err(invalid_fci_len("generic NACK FCI length", fci.len()));
        }
        Ok(Self { fci })
    }

    /// The pairs, in order.
    #[inline]
    pub fn pairs(&self) -> NackPairs<'a> {
        NackPairs::new(self.fci)
    }

    /// Every sequence number reported lost, pair by pair.
    #[inline]
    pub fn lost_sequence_numbers(&self) -> LostSequenceNumbers<'a> {
        LostSequenceNumbers {
            pairs: self.pairs(),
            pid: 0,
            mask: 0,
        }
    }
}

/// Iterator over the pairs of a NACK.
pub type NackPairs<'a> = crate::entries::Entries<'a, NackPair>;

impl crate::entries::FixedEntry for NackPair {
    const LEN: usize = 4;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self {
            pid: crate::bytes::u16_at(bytes, 0),
            blp: crate::bytes::u16_at(bytes, 2),
        }
    }
}

/// Iterator over every sequence number a NACK reports lost.
#[derive(Debug, Clone)]
pub struct LostSequenceNumbers<'a> {
    pairs: NackPairs<'a>,
    pid: u16,
    /// Bit `i` set: `pid + i` still to yield.
    mask: u32,
}

impl Iterator for LostSequenceNumbers<'_> {
    type Item = u16;

    #[inline]
    fn next(&mut self) -> Option<u16> {
        while self.mask == 0 {
            let pair = self.pairs.next()?;
            self.pid = pair.pid;
            self.mask = (u32::from(pair.blp) << 1) | 1;
        }
        let bit = self.mask.trailing_zeros();
        self.mask &= self.mask - 1;
        Some(self.pid.wrapping_add(bit as u16))
    }
}

/// Writes a generic NACK FCI (use with [`super::FeedbackRepr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NackRepr<'a> {
    /// The pairs; at least one.
    pub pairs: &'a [NackPair],
}

impl FciWrite for NackRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::RTPFB
    }

    fn fmt(&self) -> u8 {
        rtpfb_fmt::NACK
    }

    fn fci_len(&self) -> usize {
        self.pairs.len() * 4
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        let mut w = Writer::new(out);
        for pair in self.pairs {
            w.u16(pair.pid)?;
            w.u16(pair.blp)?;
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
    fn expands_blp_bits() {
        // RFC 4585 §6.2.1: bit i of BLP reports PID + i + 1. 0x0005 = bits 0 and 2.
        let pair = NackPair {
            pid: 1000,
            blp: 0x0005,
        };
        assert!(pair.lost().eq([1000, 1001, 1003]));
        assert_eq!(pair.lost_count(), 3);
        // Wrapping: PID 65534 with bits 0, 1 and 15 -> 65535, 0 and 14.
        let pair = NackPair {
            pid: 65534,
            blp: 0x8003,
        };
        assert!(pair.lost().eq([65534, 65535, 0, 14]));
    }

    #[test]
    fn packs_and_unpacks() {
        let lost = [65530u16, 65531, 65535, 3, 30, 46, 47];
        let pairs: Vec<_> = pack_nack(lost).collect();
        // 65530 covers up to 65530 + 16 = 10 (wrapping): 65531 is bit 0, 65535 bit 4,
        // 3 is 9 after 65530 -> bit 8. 30 starts a pair: 46 is 16 after -> bit 15;
        // 47 is 17 after -> a new pair.
        assert_eq!(
            pairs,
            [
                NackPair {
                    pid: 65530,
                    blp: 0x0111
                },
                NackPair {
                    pid: 30,
                    blp: 0x8000
                },
                NackPair { pid: 47, blp: 0 },
            ]
        );
        let mut fci = Vec::new();
        for p in &pairs {
            fci.extend_from_slice(&p.pid.to_be_bytes());
            fci.extend_from_slice(&p.blp.to_be_bytes());
        }
        let nack = Nack::parse(&fci).unwrap();
        assert!(nack.lost_sequence_numbers().eq(lost));
    }

    #[test]
    fn round_trip_and_errors() {
        let buf = [
            0x81, 0xcd, 0x00, 0x04, // FMT=1 PT=205 length 4
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x02, // media SSRC
            0x03, 0xe8, 0x00, 0x05, // PID 1000, BLP 0x0005
            0x04, 0x00, 0x00, 0x00, // PID 1024, BLP 0
        ];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        let Ok(RtpFeedbackFci::Nack(nack)) = fb.fci() else {
            panic!("{:?}", fb.fci())
        };
        assert!(nack.lost_sequence_numbers().eq([1000, 1001, 1003, 1024]));
        let pairs: Vec<_> = nack.pairs().collect();
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 2,
            fci: NackRepr { pairs: &pairs },
            padding: 0,
        };
        let mut out = [0u8; 20];
        assert_eq!(repr.emit(&mut out), Ok(20));
        assert_eq!(out, buf);

        // A NACK without pairs.
        let empty = [0x81, 0xcd, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2];
        let fb = RtpFeedback::new_checked(&empty).unwrap();
        assert_eq!(
            fb.fci(),
            Err(RtcpError::InvalidValue {
                field: "generic NACK FCI length",
                offset: 12,
                value: 0
            })
        );
    }
}
