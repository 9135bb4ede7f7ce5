//! Strategies and helpers shared by the transport-cc and RFC 8888 property and
//! differential tests.

use proptest::prelude::*;
use rtcinspect_wire::rtcp::fb::{PacketChunk, PacketStatus, TransportCcHeader, TransportCcRepr};

/// A transport-cc FCI at chunk level, owning what a [`TransportCcRepr`] borrows.
#[derive(Debug, Clone)]
pub struct TwccCase {
    pub base_sequence: u16,
    pub status_count: u16,
    pub reference_time: i32,
    pub feedback_count: u8,
    pub chunks: Vec<PacketChunk>,
    pub deltas: Vec<i16>,
    pub padding: Option<Vec<u8>>,
}

impl TwccCase {
    pub fn repr(&self) -> TransportCcRepr<'_> {
        TransportCcRepr {
            base_sequence: self.base_sequence,
            status_count: self.status_count,
            reference_time: self.reference_time,
            feedback_count: self.feedback_count,
            chunks: &self.chunks,
            deltas: &self.deltas,
            padding: self.padding.as_deref(),
        }
    }

    /// The statuses of the reported packets, excess of the last chunk dropped.
    pub fn statuses(&self) -> Vec<PacketStatus> {
        let mut out = Vec::new();
        let mut remaining = usize::from(self.status_count);
        for chunk in &self.chunks {
            let n = usize::from(chunk.capacity()).min(remaining);
            out.extend(chunk.statuses().take(n));
            remaining -= n;
        }
        out
    }

    /// (sequence number, status, delta) of every reported packet.
    pub fn packets(&self) -> Vec<(u16, PacketStatus, Option<i16>)> {
        let mut deltas = self.deltas.iter();
        self.statuses()
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let delta = if s.is_received() {
                    deltas.next().copied()
                } else {
                    None
                };
                (self.base_sequence.wrapping_add(i as u16), s, delta)
            })
            .collect()
    }

    /// Header, chunks and deltas, before padding.
    pub fn unpadded_len(&self) -> usize {
        8 + 2 * self.chunks.len() + self.statuses().iter().map(|s| s.delta_len()).sum::<usize>()
    }
}

fn no_reserved(status: PacketStatus) -> PacketStatus {
    if status == PacketStatus::Reserved {
        PacketStatus::ReceivedLargeDelta
    } else {
        status
    }
}

/// Replaces reserved symbols among the first `n` statuses of a 2-bit vector.
fn clean_two_bit(symbols: u16, n: u16) -> u16 {
    let mut out = symbols;
    for i in 0..n.min(7) {
        let shift = 12 - 2 * i;
        if (out >> shift) & 3 == 3 {
            out &= !(1 << shift); // 11 -> 10
        }
    }
    out
}

fn arb_chunk() -> impl Strategy<Value = PacketChunk> {
    prop_oneof![
        (0u8..4, prop_oneof![0u16..=20, 0u16..=0x1fff]).prop_map(|(s, length)| {
            PacketChunk::RunLength {
                status: PacketStatus::from_bits(s),
                length,
            }
        }),
        (0u16..0x4000).prop_map(|symbols| PacketChunk::OneBit { symbols }),
        (0u16..0x4000).prop_map(|symbols| PacketChunk::TwoBit { symbols }),
    ]
}

/// Valid chunk-level transport-cc FCIs: the chunks cover the status count exactly as
/// the parser reads them, no reported packet is reserved (the excess of the last
/// chunk may be anything), deltas fit their status, padding is `None` or any bytes
/// that keep the FCI 32-bit aligned.
pub fn arb_twcc_case() -> impl Strategy<Value = TwccCase> {
    (
        any::<u16>(),
        -0x80_0000i32..0x80_0000,
        any::<u8>(),
        prop::collection::vec(arb_chunk(), 0..8),
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u16>(), 16),
        prop::option::of((prop::collection::vec(any::<u8>(), 8), any::<bool>())),
    )
        .prop_map(
            |(base_sequence, reference_time, feedback_count, mut chunks, last, seeds, padding)| {
                let mut status_count = 0u16;
                if let Some((last_chunk, rest)) = chunks.split_last_mut() {
                    let before: u16 = rest.iter().map(|c| c.capacity()).sum();
                    if last_chunk.capacity() == 0 {
                        *last_chunk = PacketChunk::RunLength {
                            status: PacketStatus::NotReceived,
                            length: 1,
                        };
                    }
                    let k = 1 + last.index(usize::from(last_chunk.capacity())) as u16;
                    status_count = before + k;
                    let n = chunks.len();
                    for (i, chunk) in chunks.iter_mut().enumerate() {
                        let reported = if i + 1 == n { k } else { chunk.capacity() };
                        *chunk = match *chunk {
                            PacketChunk::RunLength { status, length } => PacketChunk::RunLength {
                                status: no_reserved(status),
                                length,
                            },
                            PacketChunk::TwoBit { symbols } => PacketChunk::TwoBit {
                                symbols: clean_two_bit(symbols, reported),
                            },
                            one_bit => one_bit,
                        };
                    }
                }
                let mut case = TwccCase {
                    base_sequence,
                    status_count,
                    reference_time,
                    feedback_count,
                    chunks,
                    deltas: Vec::new(),
                    padding: None,
                };
                case.deltas = case
                    .statuses()
                    .iter()
                    .filter(|s| s.is_received())
                    .enumerate()
                    .map(|(i, s)| {
                        let raw = seeds[i % 16].wrapping_add((i as u16).wrapping_mul(0x9e37));
                        if *s == PacketStatus::ReceivedSmallDelta {
                            i16::from(raw as u8)
                        } else {
                            raw as i16
                        }
                    })
                    .collect();
                if let Some((bytes, extra_word)) = padding {
                    let len = (4 - case.unpadded_len() % 4) % 4 + if extra_word { 4 } else { 0 };
                    case.padding = Some(bytes[..len].to_vec());
                }
                case
            },
        )
}

/// Packet results for the encoder: a header and (sequence number, delta) in order,
/// with gaps of every size.
pub fn arb_results() -> impl Strategy<Value = (TransportCcHeader, Vec<(u16, Option<i16>)>)> {
    let gap = prop_oneof![8 => Just(0u16), 3 => 1u16..=3, 1 => 0u16..=9000];
    let delta = prop_oneof![
        1 => Just(None),
        6 => (0i16..=255).prop_map(Some),
        2 => any::<i16>().prop_map(Some),
    ];
    (
        any::<u32>(),
        any::<u32>(),
        any::<u16>(),
        -0x80_0000i32..0x80_0000,
        any::<u8>(),
        prop::collection::vec((gap, delta), 1..120),
    )
        .prop_map(
            |(sender, media, base, reference_time, feedback_count, events)| {
                let header = TransportCcHeader {
                    sender_ssrc: sender,
                    media_ssrc: media,
                    base_sequence: base,
                    reference_time,
                    feedback_count,
                };
                let mut seq = base;
                let mut results = Vec::new();
                for (i, (gap, delta)) in events.into_iter().enumerate() {
                    if i > 0 {
                        seq = seq.wrapping_add(1);
                    }
                    seq = seq.wrapping_add(gap);
                    results.push((seq, delta));
                }
                (header, results)
            },
        )
}

/// What the first `added` results should decode to: every sequence number from the
/// base, those skipped not received.
pub fn expected_packets(
    base: u16,
    results: &[(u16, Option<i16>)],
) -> Vec<(u16, PacketStatus, Option<i16>)> {
    let mut out = Vec::new();
    let mut next = base;
    for &(seq, delta) in results {
        while next != seq {
            out.push((next, PacketStatus::NotReceived, None));
            next = next.wrapping_add(1);
        }
        out.push((seq, PacketStatus::for_delta(delta), delta));
        next = next.wrapping_add(1);
    }
    out
}
