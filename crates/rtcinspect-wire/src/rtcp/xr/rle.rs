//! Loss RLE and Duplicate RLE report blocks
//! ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1),
//! [§4.2](https://www.rfc-editor.org/rfc/rfc3611#section-4.2)).

use super::ReportedSequences;
use crate::bytes::{self, EmitError, Writer};
use crate::rtcp::{RtcpError, need};

/// Length of SSRC, begin_seq and end_seq.
const FIXED_LEN: usize = 8;

/// One 16-bit chunk of an RLE block
/// ([RFC 3611 §4.1.1–4.1.3](https://www.rfc-editor.org/rfc/rfc3611#section-4.1.1)).
///
/// ```text
/// run length:  |0|R|        run length         |
/// bit vector:  |1|        bit vector           |
/// null:        |0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0|
/// ```
///
/// Decoding is total ([`From<u16>`]); encoding ([`RleChunk::encode`]) refuses what
/// the RFC forbids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RleChunk {
    /// `length` consecutive values all equal to `ones` (R bit). The RFC allows
    /// lengths 1 to 16,383; a zero length with R = 1 still decodes here.
    RunLength {
        /// The run type R: a run of ones (true) or zeros (false).
        ones: bool,
        /// The run length, 14 bits.
        length: u16,
    },
    /// 15 values, the most significant of the 15 bits first (in order of increasing
    /// sequence number).
    BitVector(u16),
    /// The terminating null chunk: no values; pads the block to a 32-bit boundary.
    Null,
}

impl From<u16> for RleChunk {
    fn from(v: u16) -> Self {
        if v == 0 {
            Self::Null
        } else if v & 0x8000 != 0 {
            Self::BitVector(v & 0x7fff)
        } else {
            Self::RunLength {
                ones: v & 0x4000 != 0,
                length: v & 0x3fff,
            }
        }
    }
}

impl RleChunk {
    /// The chunk on the wire. Fails for a run length of 0 (RFC 3611 §4.1.1: "The value
    /// MUST not be zero") or above 16,383, and for a bit vector above 15 bits.
    pub fn encode(self) -> Result<u16, EmitError> {
        match self {
            Self::RunLength { length: 0, .. } => Err(EmitError::InvalidValue {
                field: "run length",
                value: 0,
            }),
            Self::RunLength { ones, length } => {
                bytes::check_max("run length", usize::from(length), 0x3fff)?;
                Ok(if ones { 0x4000 | length } else { length })
            }
            Self::BitVector(bits) => {
                bytes::check_max("bit vector", usize::from(bits), 0x7fff)?;
                Ok(0x8000 | bits)
            }
            Self::Null => Ok(0),
        }
    }

    /// How many values of the trace the chunk describes: the run length, 15 for a bit
    /// vector, 0 for the null chunk.
    #[inline]
    pub fn value_count(self) -> u16 {
        match self {
            Self::RunLength { length, .. } => length,
            Self::BitVector(_) => 15,
            Self::Null => 0,
        }
    }
}

/// A Loss RLE (BT 1) or Duplicate RLE (BT 2) block
/// ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1),
/// [§4.2](https://www.rfc-editor.org/rfc/rfc3611#section-4.2)): a run-length encoded
/// trace of one Boolean value per reported sequence number.
///
/// ```text
/// |  BT = 1 or 2  | rsvd. |   T   |         block length          |
/// |                        SSRC of source                         |
/// |          begin_seq            |             end_seq           |
/// |          chunk 1              |             chunk 2           |
/// :                              ...                              :
/// ```
///
/// What the values mean depends on the block type:
/// * Loss RLE (§4.1): one is a packet received, zero a packet lost.
/// * Duplicate RLE (§4.2, as published): zero is a sequence number for which
///   duplicates were received, one a sequence number without duplicates (a lost packet
///   has no duplicate and is a one).
///
/// The values cover the sequence numbers of [`reported_sequences`](Self::reported_sequences):
/// the multiples of 2^T from `begin_seq` up to `end_seq`. [`trace`](Self::trace)
/// pairs each with its value and [`counts`](Self::counts) totals them; values the
/// chunks describe past `end_seq` are ignored, as the RFC requires. Reading is lenient:
/// a null chunk before the end or a zero-length run is read as it is.
///
/// ```
/// use rtcinspect_wire::rtcp::xr::{ExtendedReport, XrBlockKind};
///
/// // RFC 3611 §4.1's example: packets 13,821 to 13,865 with the 22nd and 24th lost,
/// // as "run of 21 receipts, bit vector 0101 1111 1111 111, run of 9 receipts, null".
/// let packet = [
///     0x80, 0xcf, 0x00, 0x06, 0x00, 0x00, 0x00, 0x01, // XR from SSRC 1
///     0x01, 0x00, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34, // Loss RLE about SSRC 0x1234
///     0x35, 0xfd, 0x36, 0x2a, 0x40, 0x15, 0xaf, 0xff, // 13821..13866; chunks
///     0x40, 0x09, 0x00, 0x00,
/// ];
/// let xr = ExtendedReport::new_checked(&packet).unwrap();
/// let Ok(XrBlockKind::LossRle(rle)) = xr.blocks().next().unwrap().parse() else { panic!() };
/// let lost: Vec<u16> = rle.trace().filter(|&(_, received)| !received).map(|(seq, _)| seq).collect();
/// assert_eq!(lost, [13_842, 13_844]);
/// let counts = rle.counts();
/// assert_eq!((counts.ones, counts.zeros), (43, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rle<'a> {
    type_specific: u8,
    body: &'a [u8],
}

impl<'a> Rle<'a> {
    /// Reads the contents of an RLE block: SSRC, begin_seq, end_seq, then chunks.
    /// Offsets in errors count from the start of `body`.
    pub(crate) fn parse(type_specific: u8, body: &'a [u8]) -> Result<Self, RtcpError> {
        need(body, "RLE SSRC, begin_seq and end_seq", 0, FIXED_LEN)?;
        Ok(Self {
            type_specific,
            body,
        })
    }

    /// The thinning T (low 4 bits of the type-specific byte): only sequence numbers
    /// that are multiples of 2^T are reported on.
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

    /// The chunks, in order, a trailing null chunk included.
    #[inline]
    pub fn chunks(&self) -> RleChunks<'a> {
        RleChunks::new(self.body.get(FIXED_LEN..).unwrap_or(&[]))
    }

    /// The sequence numbers the block reports on.
    #[inline]
    pub fn reported_sequences(&self) -> ReportedSequences {
        ReportedSequences::new(self.begin_seq(), self.end_seq(), self.thinning())
    }

    /// Each reported sequence number with its value, in order. Ends at `end_seq`, or
    /// earlier if the chunks describe fewer values than the range holds.
    #[inline]
    pub fn trace(&self) -> RleTrace<'a> {
        RleTrace {
            sequences: self.reported_sequences(),
            chunks: self.chunks(),
            pending: Pending::None,
        }
    }

    /// How many reported sequence numbers have each value (without walking them one by
    /// one).
    pub fn counts(&self) -> RleCounts {
        let mut remaining = self.reported_sequences().len();
        let mut counts = RleCounts { ones: 0, zeros: 0 };
        for chunk in self.chunks() {
            if remaining == 0 {
                break;
            }
            let n = usize::from(chunk.value_count()).min(remaining);
            let ones = match chunk {
                RleChunk::RunLength { ones: true, .. } => n,
                RleChunk::RunLength { ones: false, .. } | RleChunk::Null => 0,
                // The first n of the 15 bits, most significant first.
                RleChunk::BitVector(bits) => ((bits & 0x7fff) >> (15 - n)).count_ones() as usize,
            };
            counts.ones += ones as u32;
            counts.zeros += (n - ones) as u32;
            remaining -= n;
        }
        counts
    }
}

/// Iterator over the chunks of an RLE block ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)).
pub type RleChunks<'a> = crate::entries::Entries<'a, RleChunk>;

impl crate::entries::FixedEntry for RleChunk {
    const LEN: usize = 2;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self::from(bytes::u16_at(bytes, 0))
    }
}

/// Values still to hand out from the current chunk.
#[derive(Debug, Clone, Copy)]
enum Pending {
    None,
    Run { ones: bool, left: u16 },
    Vector { bits: u16, left: u8 },
}

/// Iterator over `(sequence number, value)` for each sequence number an RLE block
/// reports on ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)); see [`Rle::trace`].
#[derive(Debug, Clone)]
pub struct RleTrace<'a> {
    sequences: ReportedSequences,
    chunks: RleChunks<'a>,
    pending: Pending,
}

impl Iterator for RleTrace<'_> {
    type Item = (u16, bool);

    fn next(&mut self) -> Option<(u16, bool)> {
        if self.sequences.len() == 0 {
            return None;
        }
        let value = loop {
            match &mut self.pending {
                Pending::Run { ones, left } if *left > 0 => {
                    *left -= 1;
                    break *ones;
                }
                Pending::Vector { bits, left } if *left > 0 => {
                    *left -= 1;
                    break (*bits >> *left) & 1 == 1;
                }
                _ => {
                    self.pending = match self.chunks.next()? {
                        RleChunk::RunLength { ones, length } => Pending::Run { ones, left: length },
                        RleChunk::BitVector(bits) => Pending::Vector { bits, left: 15 },
                        RleChunk::Null => Pending::None,
                    }
                }
            }
        };
        Some((self.sequences.next()?, value))
    }
}

/// Totals of an RLE trace ([`Rle::counts`], [RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1)): for Loss RLE, ones are packets received
/// and zeros packets lost; for Duplicate RLE (RFC 3611 §4.2 as published), zeros are
/// sequence numbers with duplicates.
///
/// `ones + zeros` is the number of reported sequence numbers the chunks describe: less
/// than [`Rle::reported_sequences`] holds if the chunks stop early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct RleCounts {
    /// Reported sequence numbers whose value is one.
    pub ones: u32,
    /// Reported sequence numbers whose value is zero.
    pub zeros: u32,
}

impl RleCounts {
    /// Sequence numbers described.
    #[inline]
    pub fn total(&self) -> u32 {
        self.ones + self.zeros
    }
}

/// Writes a Loss RLE or Duplicate RLE block ([RFC 3611 §4.1](https://www.rfc-editor.org/rfc/rfc3611#section-4.1); use with
/// [`super::XrBlockRepr::LossRle`] or [`super::XrBlockRepr::DuplicateRle`]); the
/// reserved bits are written as zero.
///
/// A null chunk is appended when the number of chunks is odd, as RFC 3611 §4.1
/// requires; chunks are otherwise written as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RleRepr<'a> {
    /// The thinning T, 0 to 15.
    pub thinning: u8,
    /// SSRC of the source reported on.
    pub ssrc: u32,
    /// The first sequence number of the range.
    pub begin_seq: u16,
    /// The last sequence number of the range plus one.
    pub end_seq: u16,
    /// The chunks.
    pub chunks: &'a [RleChunk],
}

impl<'a> RleRepr<'a> {
    /// The fields of a parsed block, with its chunks collected by the caller (for
    /// instance `rle.chunks().collect::<Vec<_>>()`).
    pub fn parse(rle: &Rle<'_>, chunks: &'a [RleChunk]) -> Self {
        Self {
            thinning: rle.thinning(),
            ssrc: rle.ssrc(),
            begin_seq: rle.begin_seq(),
            end_seq: rle.end_seq(),
            chunks,
        }
    }

    pub(crate) fn body_len(&self) -> usize {
        FIXED_LEN + self.chunks.len().next_multiple_of(2) * 2
    }

    pub(crate) fn type_specific(&self) -> Result<u8, EmitError> {
        bytes::check_max("thinning", usize::from(self.thinning), 0x0f)?;
        Ok(self.thinning)
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        w.u32(self.ssrc)?;
        w.u16(self.begin_seq)?;
        w.u16(self.end_seq)?;
        for chunk in self.chunks {
            w.u16(chunk.encode()?)?;
        }
        if self.chunks.len() % 2 == 1 {
            w.u16(0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    /// RFC 3611 §4.1's example: a trace of 45 packets from sequence number 13,821 to
    /// 13,865 (end_seq 13,866) in which the 22nd (13,842) and 24th (13,844) are lost,
    /// encoded the RFC's second way: "run of 21 receipts, bit vector 0101 1111 1111
    /// 111, run of 9 receipts, null chunk".
    const LOSS_RLE_RFC: [u8; 20] = [
        0x01, 0x00, 0x00, 0x04, // BT=1, rsvd 0, T=0, block length 4
        0x00, 0x00, 0x12, 0x34, // SSRC of source
        0x35, 0xfd, 0x36, 0x2a, // begin_seq 13821 (0x35fd), end_seq 13866 (0x362a)
        0x40, 0x15, 0xaf,
        0xff, // run of 21 ones (0100 0000 0001 0101); bit vector 1|010 1111 1111 1111
        0x40, 0x09, 0x00, 0x00, // run of 9 ones; null chunk
    ];

    fn rle(block: &[u8]) -> Rle<'_> {
        Rle::parse(block[1], &block[4..]).unwrap()
    }

    /// The RFC's trace: 45 values from 13,821, zeros at 13,842 and 13,844.
    fn rfc_trace() -> Vec<(u16, bool)> {
        (13_821..13_866)
            .map(|s| (s, s != 13_842 && s != 13_844))
            .collect()
    }

    #[test]
    fn deconstruct_rfc_example() {
        let r = rle(&LOSS_RLE_RFC);
        assert_eq!(r.thinning(), 0);
        assert_eq!(r.ssrc(), 0x1234);
        assert_eq!(r.begin_seq(), 13_821);
        assert_eq!(r.end_seq(), 13_866);
        let chunks: Vec<_> = r.chunks().collect();
        assert_eq!(
            chunks,
            [
                RleChunk::RunLength {
                    ones: true,
                    length: 21
                },
                RleChunk::BitVector(0b010_1111_1111_1111),
                RleChunk::RunLength {
                    ones: true,
                    length: 9
                },
                RleChunk::Null,
            ]
        );
        assert_eq!(r.trace().collect::<Vec<_>>(), rfc_trace());
        // 45 packets, 2 lost.
        let counts = r.counts();
        assert_eq!((counts.ones, counts.zeros, counts.total()), (43, 2, 45));
    }

    #[test]
    fn rfc_first_encoding_gives_the_same_trace() {
        // The RFC's first encoding of the same trace: "bit vector 1111 1111 1111 111,
        // bit vector 1111 1101 0111 111, bit vector 1111 1111 1111 111, null chunk".
        // The second vector covers packets 16 to 30; its 7th and 9th bits (packets 22
        // and 24) are the zeros.
        let block = [
            0x01, 0x00, 0x00, 0x04, // BT=1, T=0, block length 4
            0x00, 0x00, 0x12, 0x34, // SSRC
            0x35, 0xfd, 0x36, 0x2a, // 13821, 13866
            0xff, 0xff, 0xfe, 0xbf, // 1|111 1111 1111 1111; 1|111 1110 1011 1111
            0xff, 0xff, 0x00, 0x00, // 1|111 1111 1111 1111; null
        ];
        assert_eq!(rle(&block).trace().collect::<Vec<_>>(), rfc_trace());
        assert_eq!(rle(&block).counts().zeros, 2);
    }

    #[test]
    fn rfc_vector_past_the_end_and_thinning() {
        // RFC 3611 §4.1: with the 44th packet (13,864) lost too, "run of 21 receipts,
        // bit vector 0101 1111 1111 111, bit vector 1111 1110 1000 000, null chunk".
        // The last vector covers packets 37 to 51; its bits past the 45th (end of the
        // trace) are zero and MUST be ignored.
        let block = [
            0x01, 0x00, 0x00, 0x04, // BT=1, T=0, block length 4
            0x00, 0x00, 0x12, 0x34, // SSRC
            0x35, 0xfd, 0x36, 0x2a, // 13821, 13866
            0x40, 0x15, 0xaf, 0xff, // run of 21 ones; 1|010 1111 1111 1111
            0xff, 0x40, 0x00, 0x00, // 1|111 1111 0100 0000; null
        ];
        let r = rle(&block);
        let expected: Vec<_> = (13_821..13_866)
            .map(|s| (s, ![13_842, 13_844, 13_864].contains(&s)))
            .collect();
        assert_eq!(r.trace().collect::<Vec<_>>(), expected);
        // 45 reported, 3 lost: the 6 trailing zero bits are not counted.
        let counts = r.counts();
        assert_eq!((counts.ones, counts.zeros), (42, 3));

        // The same trace thinned with T=2 reports 13,824, 13,828, ..., 13,864 (11
        // values: 1 1 1 1 1 0 1 1 1 1 0), "bit vector 1111 1011 1100 000, null chunk";
        // the last four bits stand for 13,868 to 13,880, past the end.
        let thinned = [
            0x01, 0x02, 0x00, 0x03, // BT=1, T=2, block length 3
            0x00, 0x00, 0x12, 0x34, // SSRC
            0x35, 0xfd, 0x36, 0x2a, // 13821, 13866
            0xfd, 0xe0, 0x00, 0x00, // 1|111 1101 1110 0000; null
        ];
        let r = rle(&thinned);
        assert_eq!(r.thinning(), 2);
        let values = [
            true, true, true, true, true, false, true, true, true, true, false,
        ];
        let expected: Vec<_> = (0..11)
            .map(|i| (13_824 + 4 * i, values[usize::from(i)]))
            .collect();
        assert_eq!(r.trace().collect::<Vec<_>>(), expected);
        let counts = r.counts();
        assert_eq!((counts.ones, counts.zeros), (9, 2));
    }

    #[test]
    fn emit_appends_the_null_chunk() {
        // Three chunks given: the writer adds the null chunk the RFC requires.
        let chunks = [
            RleChunk::RunLength {
                ones: true,
                length: 21,
            },
            RleChunk::BitVector(0b010_1111_1111_1111),
            RleChunk::RunLength {
                ones: true,
                length: 9,
            },
        ];
        let repr = RleRepr {
            thinning: 0,
            ssrc: 0x1234,
            begin_seq: 13_821,
            end_seq: 13_866,
            chunks: &chunks,
        };
        let block = XrBlockRepr::LossRle(repr);
        assert_eq!(block.buffer_len(), 20);
        let mut out = [0u8; 20];
        assert_eq!(block.emit(&mut out), Ok(20));
        assert_eq!(out, LOSS_RLE_RFC);
        // Parsed back with the null chunk, written again: the same bytes.
        let parsed: Vec<_> = rle(&out).chunks().collect();
        let again = XrBlockRepr::LossRle(RleRepr::parse(&rle(&out), &parsed));
        let mut out2 = [0u8; 20];
        assert_eq!(again.emit(&mut out2), Ok(20));
        assert_eq!(out2, LOSS_RLE_RFC);
        // As a Duplicate RLE block only the BT differs.
        let mut dup = [0u8; 20];
        assert_eq!(XrBlockRepr::DuplicateRle(repr).emit(&mut dup), Ok(20));
        assert_eq!(dup[0], 2);
        assert_eq!(dup[1..], LOSS_RLE_RFC[1..]);
    }

    #[test]
    fn chunk_encoding() {
        // Every chunk kind decodes and encodes back.
        for v in [
            0x0000u16, 0x0001, 0x3fff, 0x4001, 0x7fff, 0x8000, 0xffff, 0xaaaa,
        ] {
            assert_eq!(RleChunk::from(v).encode(), Ok(v), "{v:#06x}");
        }
        // 0x4000 is a run of ones of length 0: decodable, but the RFC forbids it.
        assert_eq!(
            RleChunk::from(0x4000),
            RleChunk::RunLength {
                ones: true,
                length: 0
            }
        );
        assert_eq!(
            RleChunk::from(0x4000).encode(),
            Err(EmitError::InvalidValue {
                field: "run length",
                value: 0
            })
        );
        assert_eq!(
            RleChunk::RunLength {
                ones: false,
                length: 0x4000
            }
            .encode(),
            Err(EmitError::FieldOverflow {
                field: "run length",
                value: 0x4000,
                max: 0x3fff
            })
        );
        assert_eq!(
            RleChunk::BitVector(0x8000).encode(),
            Err(EmitError::FieldOverflow {
                field: "bit vector",
                value: 0x8000,
                max: 0x7fff
            })
        );
        let repr = RleRepr {
            thinning: 16,
            ..Default::default()
        };
        let mut out = [0u8; 16];
        assert_eq!(
            XrBlockRepr::LossRle(repr).emit(&mut out),
            Err(EmitError::FieldOverflow {
                field: "thinning",
                value: 16,
                max: 15
            })
        );
    }

    #[test]
    fn short_chunks_and_wrap() {
        // A range of 40 sequence numbers (65530 to 5, wrapping) described by one run of
        // 10 zeros: the trace stops after the 10 values the chunks give.
        let block = [
            0x02, 0x00, 0x00, 0x03, // BT=2 (Duplicate RLE), block length 3
            0x00, 0x00, 0x00, 0x07, // SSRC
            0xff, 0xfa, 0x00, 0x22, // begin_seq 65530, end_seq 34
            0x00, 0x0a, 0x00, 0x00, // run of 10 zeros; null
        ];
        let r = rle(&block);
        assert_eq!(r.reported_sequences().len(), 40);
        let trace: Vec<_> = r.trace().collect();
        assert_eq!(trace.len(), 10);
        assert_eq!(trace[0], (65_530, false));
        assert_eq!(trace[5], (65_535, false));
        assert_eq!(trace[6], (0, false));
        assert_eq!(trace[9], (3, false));
        let counts = r.counts();
        assert_eq!((counts.ones, counts.zeros), (0, 10));
    }

    #[test]
    fn too_short_for_the_sequence_range() {
        let buf = [
            0x80, 0xcf, 0x00, 0x03, // XR, length 3 (16 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC of sender
            0x01, 0x00, 0x00, 0x01, // Loss RLE, block length 1: 4 bytes
            0x00, 0x00, 0x00, 0x07, // SSRC of source, then nothing
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        // The fixed part starts at byte 12 (block at 8 + header), needs 8, has 4.
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::Truncated {
                field: "RLE SSRC, begin_seq and end_seq",
                offset: 12,
                needed: 8,
                available: 4
            })
        );
        // With the range and no chunks the block is valid and its trace empty.
        let buf = [
            0x80, 0xcf, 0x00, 0x04, // XR, length 4 (20 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC of sender
            0x02, 0x00, 0x00, 0x02, // Duplicate RLE, block length 2
            0x00, 0x00, 0x00, 0x07, // SSRC of source
            0x00, 0x01, 0x00, 0x05, // begin 1, end 5
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let Ok(XrBlockKind::DuplicateRle(r)) = xr.blocks().next().unwrap().parse() else {
            panic!()
        };
        assert_eq!(r.trace().count(), 0);
        assert_eq!(r.counts(), RleCounts::default());
    }
}
