//! Transport-wide congestion control feedback, "transport-cc" or TWCC
//! ([draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1)),
//! transport-layer feedback (PT 205) with FMT 15.
//!
//! ```text
//! |      base sequence number     |      packet status count      |
//! |                 reference time                | fb pkt. count |
//! |          packet chunk         |         packet chunk          |
//! :                              ...                              :
//! |         packet chunk          |  recv delta   |  recv delta   |
//! :                              ...                              :
//! |           recv delta          |  recv delta   | zero padding  |
//! ```
//!
//! The FCI reports, for `packet status count` consecutive transport-wide sequence
//! numbers from `base sequence number`, whether each packet arrived and, for those that
//! did, the arrival time as a delta from the previous arrival (the first from the
//! reference time), in 250 µs ticks. Statuses come in 16-bit [`PacketChunk`]s; the
//! receive deltas follow the chunks, one or two bytes each as the status says.
//!
//! * [`TransportCc`] reads the FCI. [`TransportCc::parse`] checks the chunks, the
//!   statuses and the receive deltas once; after it succeeds the iterators
//!   ([`chunks`](TransportCc::chunks), [`packets`](TransportCc::packets),
//!   [`deltas`](TransportCc::deltas)) cannot fail and nothing panics.
//! * [`TransportCcRepr`] writes an FCI chunk by chunk, exactly as given: parsing,
//!   then writing the `Repr`, gives the same bytes, padding included.
//! * [`TransportCcEncoder`] writes a whole feedback packet from packet results
//!   (sequence number, receive delta or none), choosing chunks the way libwebrtc does,
//!   straight into a caller's buffer without allocating.
//!
//! # Decisions where the draft is unclear
//!
//! * **Symbol 3** is "\[Reserved\]" in §3.1.1, but the second run-length example of
//!   §3.1.3 and the second status vector example of §3.1.4 use it as "packet received,
//!   w/o recv delta". That meaning was dropped before the draft shipped in libwebrtc,
//!   which rejects the symbol. [`PacketChunk`] decodes it as
//!   [`PacketStatus::Reserved`]; [`TransportCc::parse`] rejects a packet that uses it
//!   for a reported packet ([`RtcpError::InvalidValue`] with the chunk's offset).
//! * **One-bit vectors**: §3.1.4 says the 1-bit symbols are "packet received" (0) and
//!   "packet not received" (1), but its own example and every implementation use the
//!   opposite: 0 is not received, 1 is received with a small delta. We follow the
//!   example.
//! * **Excess statuses**: the last chunk may describe more packets than
//!   `packet status count` (a vector always holds 7 or 14); the excess statuses are
//!   ignored whatever they are, as libwebrtc does, and need no receive deltas.
//! * **Chunks of run length 0** are accepted and cover nothing.
//! * **A packet status count of 0** is accepted (no chunks follow); libwebrtc rejects
//!   such "empty feedback", so [`TransportCcEncoder`] never writes one.
//! * **Padding**: §3.1 draws "zero padding" after the deltas, up to a 32-bit boundary.
//!   libwebrtc instead sets the RTCP P bit and puts the padding after the FCI, so the
//!   FCI has no padding at all. The parser accepts any bytes after the last receive
//!   delta (lenient, like libwebrtc, webrtc-rs and GStreamer's `rtcp-types`); they are
//!   kept in [`TransportCc::padding`] so a dissector can report non-zero padding
//!   ([`TransportCc::has_nonzero_padding`]) and a `Repr` can write them back.
//! * **Reference time** is "signed" in §3.1. libwebrtc once read it signed and now
//!   reads it unsigned, unwrapping it across feedback packets; we give both
//!   ([`TransportCc::reference_time`], [`TransportCc::reference_time_raw`]).
//!
//! # Example
//!
//! ```
//! use rtcinspect_wire::rtcp::fb::{RtpFeedbackFci, TransportCcEncoder, TransportCcHeader};
//! use rtcinspect_wire::rtcp::RtcpPacket;
//!
//! // A receiver saw packets 1000, 1001 and 1003 (1002 is missing); receive deltas in
//! // 250 µs ticks from the previous arrival: 1000 arrived 1 ms after the reference
//! // time, 1001 0.25 ms later, 1003 arrived 2 ms *before* 1001 (reordering).
//! let mut buf = [0u8; 64];
//! let header = TransportCcHeader {
//!     sender_ssrc: 1,
//!     media_ssrc: 2,
//!     base_sequence: 1000,
//!     reference_time: 10, // 10 × 64 ms
//!     feedback_count: 0,
//! };
//! let mut encoder = TransportCcEncoder::new(&mut buf, header)?;
//! encoder.push(1000, Some(4))?;
//! encoder.push(1001, Some(1))?;
//! encoder.push(1003, Some(-8))?;
//! let len = encoder.finish()?;
//! assert_eq!(len, 28); // 20 bytes of headers, 1 chunk, 4 bytes of deltas, 2 of padding
//!
//! let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&buf[..len]) else { panic!() };
//! let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else { panic!() };
//! assert_eq!(twcc.reference_time_us(), 640_000);
//! let packets: Vec<_> = twcc.packets().map(|p| (p.sequence_number, p.delta_us())).collect();
//! assert_eq!(
//!     packets,
//!     [(1000, Some(1000)), (1001, Some(250)), (1002, None), (1003, Some(-2000))]
//! );
//! assert_eq!((twcc.received_count(), twcc.lost_count()), (3, 1));
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```
//!
//! The same FCI written chunk by chunk with [`TransportCcRepr`]:
//!
//! ```
//! use rtcinspect_wire::rtcp::fb::{
//!     FeedbackRepr, PacketChunk, PacketStatus, TransportCc, TransportCcRepr,
//! };
//! use rtcinspect_wire::rtcp::RtcpWrite;
//!
//! use PacketStatus::{NotReceived as N, ReceivedLargeDelta as L, ReceivedSmallDelta as S};
//! let chunks = [PacketChunk::two_bit(&[S, S, N, L]).unwrap()];
//! let repr = TransportCcRepr {
//!     base_sequence: 1000,
//!     status_count: 4,
//!     reference_time: 10,
//!     feedback_count: 0,
//!     chunks: &chunks,
//!     deltas: &[4, 1, -8],
//!     padding: None, // zeros up to a 32-bit boundary
//! };
//! let packet = FeedbackRepr { sender_ssrc: 1, media_ssrc: 2, fci: repr, padding: 0 };
//! let mut buf = [0u8; 32];
//! let len = packet.emit(&mut buf)?;
//!
//! let twcc = TransportCc::parse(&buf[12..len]).unwrap();
//! assert!(twcc.deltas().eq([4, 1, -8]));
//! assert_eq!(twcc.padding(), &[0, 0]); // 8 + 2 + 4 bytes, then 2 to reach 16
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use super::{FciWrite, rtpfb_fmt};
use crate::bytes::{self, BufferTooSmall, EmitError, Writer};
use crate::rtcp::{HEADER_LEN, RtcpError, need, packet_type};

/// Offsets of the fixed fields, from the start of the FCI.
mod field {
    pub(super) const BASE_SEQUENCE: usize = 0;
    pub(super) const STATUS_COUNT: usize = 2;
    pub(super) const REFERENCE_TIME: usize = 4;
    pub(super) const FEEDBACK_COUNT: usize = 7;
    pub(super) const CHUNKS: usize = 8;
}

/// Length of the fixed part of the FCI: base sequence number, packet status count,
/// reference time and feedback packet count.
pub const TRANSPORT_CC_HEADER_LEN: usize = field::CHUNKS;

/// The unit of a receive delta, in microseconds (§3.1.5).
pub const DELTA_TICK_US: i32 = 250;

/// The unit of the reference time, in microseconds (64 ms, §3.1).
pub const REFERENCE_TIME_TICK_US: i64 = 64_000;

/// Bytes before the FCI in a transport-cc packet: the common header and two SSRCs.
const FCI_OFFSET: usize = HEADER_LEN + 8;
/// The largest RTCP packet the 16-bit length field allows.
const MAX_PACKET_LEN: usize = 0x1_0000 * 4;
/// Smallest and largest 24-bit signed reference time.
const REFERENCE_TIME_MIN: i32 = -0x80_0000;
const REFERENCE_TIME_MAX: i32 = 0x7f_ffff;

/// The status of one packet: a 2-bit symbol
/// ([§3.1.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1.1)).
///
/// The four variants are every value the 2-bit field can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PacketStatus {
    /// `00`: not received (yet; §3.1.1: "should not necessarily be interpreted as
    /// lost").
    #[default]
    NotReceived = 0,
    /// `01`: received, with a one-byte unsigned receive delta (0 to 63.75 ms).
    ReceivedSmallDelta = 1,
    /// `10`: received, with a two-byte signed receive delta (-8192 to 8191.75 ms).
    ReceivedLargeDelta = 2,
    /// `11`: reserved. See the module documentation for why the draft's examples
    /// call it "received, w/o recv delta".
    Reserved = 3,
}

impl PacketStatus {
    /// The status for the low two bits of `bits`.
    #[inline]
    pub const fn from_bits(bits: u8) -> Self {
        match bits & 0x03 {
            0 => Self::NotReceived,
            1 => Self::ReceivedSmallDelta,
            2 => Self::ReceivedLargeDelta,
            _ => Self::Reserved,
        }
    }

    /// The 2-bit symbol.
    #[inline]
    pub const fn bits(self) -> u8 {
        self as u8
    }

    /// Whether the packet was received (small or large delta).
    #[inline]
    pub const fn is_received(self) -> bool {
        matches!(self, Self::ReceivedSmallDelta | Self::ReceivedLargeDelta)
    }

    /// Bytes of receive delta this status calls for: 0, 1 or 2.
    #[inline]
    pub const fn delta_len(self) -> usize {
        match self {
            Self::ReceivedSmallDelta => 1,
            Self::ReceivedLargeDelta => 2,
            Self::NotReceived | Self::Reserved => 0,
        }
    }

    /// The status a writer gives a packet with receive delta `delta` (250 µs ticks):
    /// not received for `None`, a small delta for 0 to 255, a large one otherwise
    /// (§3.1.5; libwebrtc makes the same choice).
    #[inline]
    pub const fn for_delta(delta: Option<i16>) -> Self {
        match delta {
            None => Self::NotReceived,
            Some(0..=0xff) => Self::ReceivedSmallDelta,
            Some(_) => Self::ReceivedLargeDelta,
        }
    }
}

/// One packet status chunk: 16 bits that give the status of a run of packets
/// ([§3.1.2–3.1.4](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1.2)).
///
/// ```text
/// run length chunk:     |0| S |       run length        |
/// status vector chunk:  |1|S|       symbol list         |
/// ```
///
/// Vectors keep their 14 bits as they are, statuses past the packet status count
/// included, so writing a parsed chunk gives the same bits. The first status is in
/// the most significant bits of `symbols`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PacketChunk {
    /// `T=0`: `length` packets (13 bits, 0 to 8191) with the same status.
    RunLength {
        /// The status of every packet in the run.
        status: PacketStatus,
        /// How many packets the run covers.
        length: u16,
    },
    /// `T=1, S=0`: fourteen 1-bit symbols, `0` not received and `1` received with a
    /// small delta (the draft's example, not its text: see the module
    /// documentation).
    OneBit {
        /// The 14 symbols, the first in bit 13.
        symbols: u16,
    },
    /// `T=1, S=1`: seven 2-bit [`PacketStatus`] symbols.
    TwoBit {
        /// The 7 symbols, the first in bits 13 and 12.
        symbols: u16,
    },
}

impl PacketChunk {
    /// The longest run a run length chunk can carry (13 bits).
    pub const MAX_RUN_LENGTH: u16 = 0x1fff;
    /// Statuses in a 1-bit status vector.
    pub const ONE_BIT_CAPACITY: u16 = 14;
    /// Statuses in a 2-bit status vector.
    pub const TWO_BIT_CAPACITY: u16 = 7;

    /// Decodes the 16 bits of a chunk. Every value is a valid chunk.
    #[inline]
    pub const fn from_u16(raw: u16) -> Self {
        if raw & 0x8000 == 0 {
            Self::RunLength {
                status: PacketStatus::from_bits((raw >> 13) as u8),
                length: raw & 0x1fff,
            }
        } else if raw & 0x4000 == 0 {
            Self::OneBit {
                symbols: raw & 0x3fff,
            }
        } else {
            Self::TwoBit {
                symbols: raw & 0x3fff,
            }
        }
    }

    /// Encodes the chunk; fails when the run length or the symbols do not fit their
    /// 13 or 14 bits.
    pub fn to_u16(self) -> Result<u16, EmitError> {
        match self {
            Self::RunLength { status, length } => {
                bytes::check_max("run length", usize::from(length), 0x1fff)?;
                Ok((u16::from(status.bits()) << 13) | length)
            }
            Self::OneBit { symbols } => {
                bytes::check_max("status vector symbol list", usize::from(symbols), 0x3fff)?;
                Ok(0x8000 | symbols)
            }
            Self::TwoBit { symbols } => {
                bytes::check_max("status vector symbol list", usize::from(symbols), 0x3fff)?;
                Ok(0xc000 | symbols)
            }
        }
    }

    /// How many packets the chunk describes: the run length, 14 or 7.
    #[inline]
    pub const fn capacity(self) -> u16 {
        match self {
            Self::RunLength { length, .. } => length,
            Self::OneBit { .. } => Self::ONE_BIT_CAPACITY,
            Self::TwoBit { .. } => Self::TWO_BIT_CAPACITY,
        }
    }

    /// The status of the `index`th packet of the chunk, or `None` past its capacity.
    #[inline]
    pub const fn status(self, index: u16) -> Option<PacketStatus> {
        if index >= self.capacity() {
            return None;
        }
        Some(match self {
            Self::RunLength { status, .. } => status,
            Self::OneBit { symbols } => {
                PacketStatus::from_bits(((symbols >> (13 - index)) & 1) as u8)
            }
            Self::TwoBit { symbols } => {
                PacketStatus::from_bits((symbols >> (12 - 2 * index)) as u8)
            }
        })
    }

    /// Every status the chunk describes, in order ([`capacity`](Self::capacity) of
    /// them).
    #[inline]
    pub fn statuses(self) -> ChunkStatuses {
        ChunkStatuses {
            chunk: self,
            index: 0,
        }
    }

    /// A 1-bit vector of up to 14 statuses, the rest not received; `None` when there
    /// are more than 14 or one is neither not received nor received with a small
    /// delta.
    pub fn one_bit(statuses: &[PacketStatus]) -> Option<Self> {
        if statuses.len() > usize::from(Self::ONE_BIT_CAPACITY) {
            return None;
        }
        let mut symbols = 0u16;
        for (i, &status) in statuses.iter().enumerate() {
            let bit = match status {
                PacketStatus::NotReceived => 0,
                PacketStatus::ReceivedSmallDelta => 1,
                _ => return None,
            };
            symbols |= bit << (13 - i);
        }
        Some(Self::OneBit { symbols })
    }

    /// A 2-bit vector of up to 7 statuses, the rest not received; `None` when there
    /// are more than 7.
    pub fn two_bit(statuses: &[PacketStatus]) -> Option<Self> {
        if statuses.len() > usize::from(Self::TWO_BIT_CAPACITY) {
            return None;
        }
        let mut symbols = 0u16;
        for (i, &status) in statuses.iter().enumerate() {
            symbols |= u16::from(status.bits()) << (12 - 2 * i);
        }
        Some(Self::TwoBit { symbols })
    }
}

/// Iterator over the statuses of one [`PacketChunk`].
#[derive(Debug, Clone)]
pub struct ChunkStatuses {
    chunk: PacketChunk,
    index: u16,
}

impl Iterator for ChunkStatuses {
    type Item = PacketStatus;

    #[inline]
    fn next(&mut self) -> Option<PacketStatus> {
        let status = self.chunk.status(self.index)?;
        self.index += 1;
        Some(status)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.chunk.capacity().saturating_sub(self.index));
        (n, Some(n))
    }
}

impl ExactSizeIterator for ChunkStatuses {}

/// How the first `n` statuses of a chunk divide up.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    small: u32,
    large: u32,
    reserved: bool,
}

/// Counts the first `n` statuses of `chunk` (`n` at most its capacity), in constant
/// time: bit masks rather than a walk over the symbols.
#[inline]
fn tally(chunk: PacketChunk, n: u16) -> Tally {
    let mut t = Tally::default();
    match chunk {
        PacketChunk::RunLength { status, .. } => {
            let n = u32::from(n);
            match status {
                PacketStatus::ReceivedSmallDelta => t.small = n,
                PacketStatus::ReceivedLargeDelta => t.large = n,
                PacketStatus::Reserved => t.reserved = n > 0,
                PacketStatus::NotReceived => {}
            }
        }
        PacketChunk::OneBit { symbols } => {
            // The first n of 14 bits, MSB first.
            let mask = (0x3fffu16 << (14 - n.min(14))) & 0x3fff;
            t.small = (symbols & mask).count_ones();
        }
        PacketChunk::TwoBit { symbols } => {
            // Symbol i sits in bits 13-2i..12-2i. `high` and `low` hold each symbol's
            // two bits at the low position of its pair; `first` keeps the first n.
            let first = 0x1555u16 & (0x3fff << (14 - 2 * n.min(7)));
            let high = (symbols >> 1) & first;
            let low = symbols & first;
            t.small = (!high & low).count_ones();
            t.large = (high & !low).count_ones();
            t.reserved = high & low != 0;
        }
    }
    t
}

/// The error for a packet chunk cut short at `offset`.
#[cold]
fn truncated_chunk(fci: &[u8], offset: usize) -> RtcpError {
    RtcpError::Truncated {
        field: "packet chunk",
        offset,
        needed: 2,
        available: fci.len().saturating_sub(offset),
    }
}

/// What the first statuses of a chunk (at most `left`, the packets still to report)
/// mean for validation: how many packets it covers, how many bytes of receive deltas
/// they call for, and whether one of them is reserved (then the length means
/// nothing). Works on the chunk's 16 bits with masks, not symbol by symbol.
#[inline]
fn chunk_extent(raw: u16, left: u16) -> (u16, usize, bool) {
    if raw & 0x8000 == 0 {
        // Run length: the symbol's value is its delta's length (3 is reserved).
        let symbol = raw >> 13;
        let n = (raw & 0x1fff).min(left);
        (
            n,
            usize::from(n) * usize::from(symbol),
            symbol == 3 && n > 0,
        )
    } else if raw & 0x4000 == 0 {
        // 1-bit vector: the first n of 14 bits, most significant first.
        let n = left.min(PacketChunk::ONE_BIT_CAPACITY);
        let first = (0x3fffu16 << (14 - n)) & 0x3fff;
        (n, bit_count(raw & first), false)
    } else {
        // 2-bit vector: the first n of 7 symbols. Without a reserved symbol (3), each
        // symbol's value is its delta's length: 0, 1 or 2 bytes.
        let n = left.min(PacketChunk::TWO_BIT_CAPACITY);
        let s = raw & (0x3fff << (14 - 2 * n)) & 0x3fff;
        let reserved = (s >> 1) & s & 0x1555 != 0;
        // Sum the seven 2-bit fields: pairs into nibbles, nibbles into bytes.
        let pairs = (s & 0x3333) + ((s >> 2) & 0x3333);
        let nibbles = (pairs & 0x0f0f) + ((pairs >> 4) & 0x0f0f);
        (n, usize::from((nibbles & 0xff) + (nibbles >> 8)), reserved)
    }
}

/// Set bits of a 16-bit value (SWAR: the baseline x86-64 target has no popcount
/// instruction).
#[inline]
fn bit_count(v: u16) -> usize {
    let v = v - ((v >> 1) & 0x5555);
    let v = (v & 0x3333) + ((v >> 2) & 0x3333);
    let v = (v + (v >> 4)) & 0x0f0f;
    usize::from((v + (v >> 8)) & 0x1f)
}

/// Walks the statuses of the reported packets, chunk after chunk, stopping at the
/// status count (the last chunk may describe more).
///
/// Each chunk is loaded once into `codes`, its symbols from the top bit down: a
/// 2-bit vector as its 2-bit symbols, a 1-bit vector as its 1-bit symbols (a set bit
/// reads as "received, small delta"), a run as its symbol, not shifted. Reading a
/// status is then a shift and a mask whatever the chunk type.
#[derive(Debug, Clone)]
struct StatusWalk<I> {
    chunks: I,
    /// The current chunk's symbols, the next one in the top two bits.
    codes: u64,
    /// Bits of `codes` a symbol takes: 2, 1, or 0 for a run.
    shift: u32,
    /// The mask of a symbol once shifted down: 3 for 2-bit symbols and runs, 1 else.
    mask: u8,
    /// Statuses left in the current chunk (within the status count).
    in_chunk: u16,
    /// Statuses left to report after the current chunk's.
    remaining: u16,
}

impl<I: Iterator<Item = PacketChunk>> StatusWalk<I> {
    fn new(chunks: I, count: u16) -> Self {
        Self {
            chunks,
            codes: 0,
            shift: 0,
            mask: 0,
            in_chunk: 0,
            remaining: count,
        }
    }
}

impl<I: Iterator<Item = PacketChunk>> Iterator for StatusWalk<I> {
    type Item = PacketStatus;

    #[inline]
    fn next(&mut self) -> Option<PacketStatus> {
        self.next_code().map(PacketStatus::from_bits)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (
            0,
            Some(usize::from(self.remaining) + usize::from(self.in_chunk)),
        )
    }
}

impl<I: Iterator<Item = PacketChunk>> StatusWalk<I> {
    /// The next status as its 2-bit code.
    #[inline]
    fn next_code(&mut self) -> Option<u8> {
        while self.in_chunk == 0 {
            if self.remaining == 0 {
                return None;
            }
            let chunk = self.chunks.next()?;
            (self.codes, self.shift, self.mask) = match chunk {
                PacketChunk::RunLength { status, .. } => (u64::from(status.bits()) << 62, 0, 3),
                // 14 symbols in bits 13..0, moved so bit 13 lands on bit 62.
                PacketChunk::OneBit { symbols } => (u64::from(symbols) << 49, 1, 1),
                // 7 symbols in bits 13..0, moved so bits 13..12 land on bits 63..62.
                PacketChunk::TwoBit { symbols } => (u64::from(symbols) << 50, 2, 3),
            };
            self.in_chunk = chunk.capacity().min(self.remaining);
            self.remaining -= self.in_chunk;
        }
        let code = (self.codes >> 62) as u8 & self.mask;
        self.codes <<= self.shift;
        self.in_chunk -= 1;
        Some(code)
    }
}

/// The FCI of a transport-wide congestion control feedback message (RTPFB FMT 15,
/// [§3.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1)).
///
/// After [`parse`](Self::parse) succeeds, no accessor or iterator fails or panics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportCc<'a> {
    fci: &'a [u8],
    /// The packet chunks the status count needs.
    chunks: &'a [u8],
    /// The receive deltas the statuses call for.
    deltas: &'a [u8],
}

impl<'a> TransportCc<'a> {
    /// Reads a transport-cc FCI: the 8-byte header, then packet chunks until they
    /// cover the packet status count, then exactly the receive deltas those statuses
    /// call for; any bytes after that are [padding](Self::padding).
    ///
    /// Error offsets count from the start of the FCI (the feedback view moves them):
    /// [`RtcpError::Truncated`] names the header, a packet chunk or the receive
    /// deltas; [`RtcpError::InvalidValue`] names a reserved packet status symbol and
    /// the offset of its chunk.
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        need(fci, "transport-cc header", 0, TRANSPORT_CC_HEADER_LEN)?;
        let count = bytes::u16_at(fci, field::STATUS_COUNT);
        let mut offset = field::CHUNKS;
        let mut covered = 0u16;
        let mut delta_bytes = 0usize;
        while covered < count {
            let Some(&[hi, lo]) = fci.get(offset..offset + 2) else {
                return Err(truncated_chunk(fci, offset));
            };
            let (n, len, reserved) = chunk_extent(u16::from_be_bytes([hi, lo]), count - covered);
            if reserved {
                return Err(RtcpError::InvalidValue {
                    field: "packet status symbol",
                    offset,
                    value: u32::from(PacketStatus::Reserved.bits()),
                });
            }
            delta_bytes += len;
            covered += n;
            offset += 2;
        }
        need(fci, "receive deltas", offset, delta_bytes)?;
        Ok(Self {
            fci,
            chunks: bytes::slice(fci, field::CHUNKS, offset - field::CHUNKS),
            deltas: bytes::slice(fci, offset, delta_bytes),
        })
    }

    /// The transport-wide sequence number of the first packet reported.
    #[inline]
    pub fn base_sequence(&self) -> u16 {
        bytes::u16_at(self.fci, field::BASE_SEQUENCE)
    }

    /// How many packets are reported, from [`base_sequence`](Self::base_sequence) on.
    #[inline]
    pub fn status_count(&self) -> u16 {
        bytes::u16_at(self.fci, field::STATUS_COUNT)
    }

    /// The reference time as the 24-bit signed integer §3.1 defines, in 64 ms units.
    #[inline]
    pub fn reference_time(&self) -> i32 {
        // Sign-extend the 24 bits.
        ((self.reference_time_raw() << 8) as i32) >> 8
    }

    /// The 24 bits of the reference time as they are, unsigned: the reading of
    /// libwebrtc, webrtc-rs and `rtcp-types`, for a counter that wraps.
    #[inline]
    pub fn reference_time_raw(&self) -> u32 {
        bytes::u24_at(self.fci, field::REFERENCE_TIME)
    }

    /// The (signed) reference time in microseconds.
    #[inline]
    pub fn reference_time_us(&self) -> i64 {
        i64::from(self.reference_time()) * REFERENCE_TIME_TICK_US
    }

    /// The feedback packet count: one more for every feedback sent, to detect lost
    /// feedback.
    #[inline]
    pub fn feedback_count(&self) -> u8 {
        bytes::u8_at(self.fci, field::FEEDBACK_COUNT)
    }

    /// The packet chunks, in order: exactly those the status count needs.
    #[inline]
    pub fn chunks(&self) -> PacketChunks<'a> {
        PacketChunks::new(self.chunks)
    }

    /// How many packet chunks there are.
    #[inline]
    pub fn chunk_count(&self) -> usize {
        self.chunks.len() / 2
    }

    /// Every reported packet, in sequence number order:
    /// [`status_count`](Self::status_count) items.
    #[inline]
    pub fn packets(&self) -> TransportCcPackets<'a> {
        TransportCcPackets {
            statuses: StatusWalk::new(self.chunks(), self.status_count()),
            deltas: self.deltas,
            sequence_number: self.base_sequence(),
        }
    }

    /// The receive deltas in 250 µs ticks, one per received packet, in order.
    #[inline]
    pub fn deltas(&self) -> ReceiveDeltas<'a> {
        ReceiveDeltas {
            packets: self.packets(),
        }
    }

    /// The receive delta bytes.
    #[inline]
    pub fn delta_bytes(&self) -> &'a [u8] {
        self.deltas
    }

    /// How many reported packets were received.
    pub fn received_count(&self) -> u16 {
        self.received()
    }

    /// How many reported packets were not received. The draft (§3.1.1) warns that
    /// these are not necessarily lost: they may still arrive.
    pub fn lost_count(&self) -> u16 {
        self.status_count().saturating_sub(self.received())
    }

    /// Received packets among the reported ones.
    fn received(&self) -> u16 {
        let mut remaining = self.status_count();
        let mut received = 0u32;
        for chunk in self.chunks() {
            let n = chunk.capacity().min(remaining);
            let t = tally(chunk, n);
            received += t.small + t.large;
            remaining -= n;
        }
        u16::try_from(received).unwrap_or(u16::MAX)
    }

    /// The bytes after the last receive delta ("zero padding" in §3.1; possibly
    /// empty, possibly not zero).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        let end = field::CHUNKS + self.chunks.len() + self.deltas.len();
        self.fci.get(end..).unwrap_or(&[])
    }

    /// Whether a padding byte is not zero (§3.1 calls for zeros; we accept anything).
    #[inline]
    pub fn has_nonzero_padding(&self) -> bool {
        self.padding().iter().any(|&b| b != 0)
    }

    /// The FCI bytes.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.fci
    }
}

/// Iterator over the packet chunks of a [`TransportCc`].
pub type PacketChunks<'a> = crate::entries::Entries<'a, PacketChunk>;

impl crate::entries::FixedEntry for PacketChunk {
    const LEN: usize = 2;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self::from_u16(bytes::u16_at(bytes, 0))
    }
}

/// One reported packet of a [`TransportCc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransportCcPacket {
    /// Its transport-wide sequence number (the base plus its index, wrapping).
    pub sequence_number: u16,
    /// Its status: never [`PacketStatus::Reserved`] in a parsed packet.
    pub status: PacketStatus,
    /// Its receive delta in 250 µs ticks, for a received packet: from the previous
    /// received packet, or from the reference time for the first.
    pub delta: Option<i16>,
}

impl TransportCcPacket {
    /// The receive delta in microseconds.
    #[inline]
    pub fn delta_us(&self) -> Option<i32> {
        self.delta.map(|d| i32::from(d) * DELTA_TICK_US)
    }

    /// Whether the packet was received.
    #[inline]
    pub fn is_received(&self) -> bool {
        self.status.is_received()
    }
}

/// Iterator over the reported packets of a [`TransportCc`], in sequence number order.
#[derive(Debug, Clone)]
pub struct TransportCcPackets<'a> {
    statuses: StatusWalk<PacketChunks<'a>>,
    deltas: &'a [u8],
    sequence_number: u16,
}

impl Iterator for TransportCcPackets<'_> {
    type Item = TransportCcPacket;

    #[inline]
    fn next(&mut self) -> Option<TransportCcPacket> {
        let code = self.statuses.next_code()?;
        // The status code is the delta's length in bytes (0, 1 or 2; a reserved 3
        // never reaches here once `parse` checked the chunks).
        let delta = match code {
            1 => {
                let (&d, rest) = self.deltas.split_first()?;
                self.deltas = rest;
                Some(i16::from(d))
            }
            2 => {
                let (d, rest) = self.deltas.split_first_chunk::<2>()?;
                self.deltas = rest;
                Some(i16::from_be_bytes(*d))
            }
            _ => None,
        };
        let status = PacketStatus::from_bits(code);
        let sequence_number = self.sequence_number;
        self.sequence_number = sequence_number.wrapping_add(1);
        Some(TransportCcPacket {
            sequence_number,
            status,
            delta,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Exact on a parsed FCI: the chunks cover every reported packet.
        let n = usize::from(self.statuses.remaining) + usize::from(self.statuses.in_chunk);
        (n, Some(n))
    }
}

impl ExactSizeIterator for TransportCcPackets<'_> {}

/// Iterator over the receive deltas of a [`TransportCc`], in 250 µs ticks.
#[derive(Debug, Clone)]
pub struct ReceiveDeltas<'a> {
    packets: TransportCcPackets<'a>,
}

impl Iterator for ReceiveDeltas<'_> {
    type Item = i16;

    #[inline]
    fn next(&mut self) -> Option<i16> {
        self.packets.by_ref().find_map(|p| p.delta)
    }
}

/// Writes a transport-cc FCI exactly as given, chunk by chunk (use with
/// [`super::FeedbackRepr`]).
///
/// The writer checks what [`TransportCc::parse`] checks: the chunks cover the status
/// count (the last may cover more, and a chunk after the count is covered is an
/// error), no reported packet has the reserved status, there is one delta per
/// received packet and small deltas are 0 to 255.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TransportCcRepr<'a> {
    /// The transport-wide sequence number of the first packet reported.
    pub base_sequence: u16,
    /// How many packets are reported.
    pub status_count: u16,
    /// The reference time in 64 ms units: 24-bit signed, -8388608 to 8388607.
    pub reference_time: i32,
    /// The feedback packet count.
    pub feedback_count: u8,
    /// The packet chunks.
    pub chunks: &'a [PacketChunk],
    /// The receive deltas in 250 µs ticks, one per received packet.
    pub deltas: &'a [i16],
    /// The bytes after the deltas: `None` for the zeros that bring the FCI to a 32-bit
    /// boundary, `Some` for exactly these bytes (what [`parse`](Self::parse) gives
    /// unless the padding is exactly those zeros).
    pub padding: Option<&'a [u8]>,
}

impl<'a> TransportCcRepr<'a> {
    /// The fields of a parsed FCI, with its chunks and deltas copied into the given
    /// storage ([`TransportCc::chunk_count`] and [`TransportCc::received_count`] say
    /// how much is needed).
    pub fn parse(
        twcc: &TransportCc<'a>,
        chunk_storage: &'a mut [PacketChunk],
        delta_storage: &'a mut [i16],
    ) -> Result<Self, BufferTooSmall> {
        let chunk_count = twcc.chunk_count();
        let delta_count = usize::from(twcc.received_count());
        if chunk_storage.len() < chunk_count {
            return Err(BufferTooSmall {
                needed: chunk_count,
                available: chunk_storage.len(),
            });
        }
        if delta_storage.len() < delta_count {
            return Err(BufferTooSmall {
                needed: delta_count,
                available: delta_storage.len(),
            });
        }
        for (slot, chunk) in chunk_storage.iter_mut().zip(twcc.chunks()) {
            *slot = chunk;
        }
        for (slot, delta) in delta_storage.iter_mut().zip(twcc.deltas()) {
            *slot = delta;
        }
        let chunk_storage: &'a [PacketChunk] = chunk_storage;
        let delta_storage: &'a [i16] = delta_storage;
        let mut repr = Self {
            base_sequence: twcc.base_sequence(),
            status_count: twcc.status_count(),
            reference_time: twcc.reference_time(),
            feedback_count: twcc.feedback_count(),
            chunks: chunk_storage.get(..chunk_count).unwrap_or(&[]),
            deltas: delta_storage.get(..delta_count).unwrap_or(&[]),
            padding: None,
        };
        let padding = twcc.padding();
        let zeros = zero_padding_len(repr.unpadded_len());
        if padding.len() != zeros || padding.iter().any(|&b| b != 0) {
            repr.padding = Some(padding);
        }
        Ok(repr)
    }

    /// Bytes before the padding: the header, the chunks and the deltas the statuses
    /// call for.
    fn unpadded_len(&self) -> usize {
        let deltas: usize = StatusWalk::new(self.chunks.iter().copied(), self.status_count)
            .map(PacketStatus::delta_len)
            .sum();
        TRANSPORT_CC_HEADER_LEN + 2 * self.chunks.len() + deltas
    }

    /// Checks everything [`TransportCc::parse`] would.
    fn check(&self) -> Result<(), EmitError> {
        if !(REFERENCE_TIME_MIN..=REFERENCE_TIME_MAX).contains(&self.reference_time) {
            return Err(EmitError::FieldOverflow {
                field: "reference time (24-bit signed)",
                value: u64::from(self.reference_time.unsigned_abs()),
                max: REFERENCE_TIME_MAX as u64,
            });
        }
        let count = self.status_count;
        let mut covered = 0u16;
        for (i, chunk) in self.chunks.iter().enumerate() {
            if covered >= count {
                return Err(EmitError::InvalidValue {
                    field: "packet chunk after the packet status count is covered",
                    value: i as u64,
                });
            }
            chunk.to_u16()?;
            let n = chunk.capacity().min(count - covered);
            if tally(*chunk, n).reserved {
                return Err(EmitError::InvalidValue {
                    field: "packet status symbol",
                    value: u64::from(PacketStatus::Reserved.bits()),
                });
            }
            covered += n;
        }
        if covered < count {
            return Err(EmitError::InvalidValue {
                field: "packet chunks (cover fewer packets than the packet status count)",
                value: u64::from(covered),
            });
        }
        let mut deltas = self.deltas.iter();
        for status in StatusWalk::new(self.chunks.iter().copied(), count) {
            if !status.is_received() {
                continue;
            }
            let Some(&delta) = deltas.next() else {
                return Err(EmitError::InvalidValue {
                    field: "receive deltas (fewer than the received packets)",
                    value: self.deltas.len() as u64,
                });
            };
            if status == PacketStatus::ReceivedSmallDelta && !(0..=0xff).contains(&delta) {
                return Err(EmitError::InvalidValue {
                    field: "small receive delta (0 to 255)",
                    value: i64::from(delta) as u64,
                });
            }
        }
        if deltas.next().is_some() {
            return Err(EmitError::InvalidValue {
                field: "receive deltas (more than the received packets)",
                value: self.deltas.len() as u64,
            });
        }
        Ok(())
    }
}

/// Zero bytes that bring `len` to a multiple of 4.
#[inline]
fn zero_padding_len(len: usize) -> usize {
    (4 - len % 4) % 4
}

impl FciWrite for TransportCcRepr<'_> {
    fn packet_type(&self) -> u8 {
        packet_type::RTPFB
    }

    fn fmt(&self) -> u8 {
        rtpfb_fmt::TRANSPORT_CC
    }

    fn fci_len(&self) -> usize {
        let len = self.unpadded_len();
        len + self
            .padding
            .map_or_else(|| zero_padding_len(len), <[u8]>::len)
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        self.check()?;
        let mut w = Writer::new(out);
        w.u16(self.base_sequence)?;
        w.u16(self.status_count)?;
        w.u24(self.reference_time as u32)?;
        w.u8(self.feedback_count)?;
        for chunk in self.chunks {
            w.u16(chunk.to_u16()?)?;
        }
        let mut deltas = self.deltas.iter();
        for status in StatusWalk::new(self.chunks.iter().copied(), self.status_count) {
            if !status.is_received() {
                continue;
            }
            match (status, deltas.next()) {
                (PacketStatus::ReceivedSmallDelta, Some(&d)) => w.u8(d as u8)?,
                (PacketStatus::ReceivedLargeDelta, Some(&d)) => w.u16(d as u16)?,
                _ => {}
            }
        }
        match self.padding {
            Some(padding) => w.put(padding)?,
            None => w.zeros(zero_padding_len(w.position()))?,
        }
        Ok(())
    }
}

/// The fields of a transport-cc packet other than the packet results, for
/// [`TransportCcEncoder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TransportCcHeader {
    /// SSRC of the packet sender.
    pub sender_ssrc: u32,
    /// SSRC of the media source (§3.1 leaves open which; libwebrtc writes the SSRC of
    /// a media stream it receives, some writers 0).
    pub media_ssrc: u32,
    /// The transport-wide sequence number of the first packet to report.
    pub base_sequence: u16,
    /// The reference time in 64 ms units: 24-bit signed, -8388608 to 8388607.
    pub reference_time: i32,
    /// The feedback packet count.
    pub feedback_count: u8,
}

/// Writes a whole transport-cc feedback packet from packet results, straight into a
/// caller's buffer, choosing chunks the way libwebrtc's `TransportFeedback` does.
///
/// Packets are [`push`](Self::push)ed in sequence number order, each with its receive
/// delta (250 µs ticks from the previous received packet, the first from the
/// reference time) or `None` when it was not received; sequence numbers skipped over
/// are reported not received. [`finish`](Self::finish) writes the last chunk, moves
/// the deltas behind the chunks and fills in the header.
///
/// Chunks are chosen as libwebrtc chooses them: statuses collect in a pending chunk;
/// when the next status does not fit, the pending chunk is written as a run length
/// chunk if all its statuses are equal, as a 1-bit vector if it holds 14 statuses,
/// and otherwise as a 2-bit vector of its first 7. A pending chunk takes a status
/// while it holds fewer than 7, or fewer than 14 and neither it nor the new status has
/// a large delta, or while all are equal and the run is shorter than 8191. The last
/// chunk is a run length chunk if its statuses are equal, a 2-bit vector if it holds
/// at most 7 and a 1-bit vector otherwise. Like libwebrtc, padding to a 32-bit
/// boundary goes after the FCI with the RTCP P bit set;
/// [`zero_padding`](Self::zero_padding) writes the draft's zero padding inside the
/// FCI instead.
///
/// Given the packet results of real feedback, it writes Chromium's feedback byte for
/// byte (all 702 transport-cc packets of our Chromium captures), and GStreamer's too
/// where GStreamer chunks the same way.
///
/// Chunks grow from the front of the buffer and deltas from its back, so nothing is
/// allocated and the packet is as large as the buffer allows (at most 262144 bytes, the
/// RTCP length limit). A `push` that does not fit changes nothing: finish the packet
/// and start the next feedback with that packet.
#[derive(Debug)]
pub struct TransportCcEncoder<'b> {
    buf: &'b mut [u8],
    /// The usable end of `buf`: its length, at most [`MAX_PACKET_LEN`].
    cap: usize,
    header: TransportCcHeader,
    zero_padding: bool,
    state: EncoderState,
}

/// Everything a failed `push` restores.
#[derive(Debug, Clone, Copy)]
struct EncoderState {
    /// End of the chunks written so far (the FCI's chunks start at 20).
    chunks_end: usize,
    /// Bytes of deltas, stored reversed at the end of the buffer.
    deltas_len: usize,
    /// Packets reported so far.
    status_count: u16,
    /// The statuses not yet written as a chunk.
    pending: PendingChunk,
}

/// libwebrtc's "last chunk": statuses waiting to become a chunk.
#[derive(Debug, Clone, Copy)]
struct PendingChunk {
    /// The first 14 statuses (all that a vector can hold; a longer run repeats the
    /// first).
    statuses: [PacketStatus; 14],
    size: u16,
    all_same: bool,
    has_large: bool,
}

impl PendingChunk {
    const EMPTY: Self = Self {
        statuses: [PacketStatus::NotReceived; 14],
        size: 0,
        all_same: true,
        has_large: false,
    };

    fn first(&self) -> PacketStatus {
        self.statuses[0]
    }

    fn can_add(&self, status: PacketStatus) -> bool {
        let large = status == PacketStatus::ReceivedLargeDelta;
        self.size < PacketChunk::TWO_BIT_CAPACITY
            || (self.size < PacketChunk::ONE_BIT_CAPACITY && !self.has_large && !large)
            || (self.size < PacketChunk::MAX_RUN_LENGTH && self.all_same && self.first() == status)
    }

    fn add(&mut self, status: PacketStatus) {
        if let Some(slot) = self.statuses.get_mut(usize::from(self.size)) {
            *slot = status;
        }
        self.size += 1;
        self.all_same = self.all_same && status == self.first();
        self.has_large = self.has_large || status == PacketStatus::ReceivedLargeDelta;
    }

    fn held(&self, n: u16) -> &[PacketStatus] {
        self.statuses
            .get(..usize::from(n))
            .unwrap_or(&self.statuses)
    }

    /// Takes a full chunk out (called when the next status does not fit).
    fn emit(&mut self) -> PacketChunk {
        if self.all_same {
            let chunk = PacketChunk::RunLength {
                status: self.first(),
                length: self.size,
            };
            *self = Self::EMPTY;
            return chunk;
        }
        if self.size == PacketChunk::ONE_BIT_CAPACITY {
            let chunk = vector(self.held(self.size), false);
            *self = Self::EMPTY;
            return chunk;
        }
        // 7 to 13 statuses, mixed: the first 7 become a 2-bit vector.
        let chunk = vector(self.held(PacketChunk::TWO_BIT_CAPACITY), true);
        let rest = self.statuses;
        let kept = self.size - PacketChunk::TWO_BIT_CAPACITY;
        *self = Self::EMPTY;
        for &status in rest.iter().skip(7).take(usize::from(kept)) {
            self.add(status);
        }
        chunk
    }

    /// The chunk for the statuses left at the end.
    fn encode_last(&self) -> PacketChunk {
        if self.all_same {
            PacketChunk::RunLength {
                status: self.first(),
                length: self.size,
            }
        } else {
            vector(
                self.held(self.size),
                self.size <= PacketChunk::TWO_BIT_CAPACITY,
            )
        }
    }
}

/// A status vector of the given statuses (that fit it).
fn vector(statuses: &[PacketStatus], two_bit: bool) -> PacketChunk {
    let built = if two_bit {
        PacketChunk::two_bit(statuses)
    } else {
        PacketChunk::one_bit(statuses)
    };
    built.unwrap_or(PacketChunk::TwoBit { symbols: 0 })
}

impl<'b> TransportCcEncoder<'b> {
    /// Starts a feedback packet in `buf`; fails when the reference time does not fit
    /// its 24 bits.
    pub fn new(buf: &'b mut [u8], header: TransportCcHeader) -> Result<Self, EmitError> {
        if !(REFERENCE_TIME_MIN..=REFERENCE_TIME_MAX).contains(&header.reference_time) {
            return Err(EmitError::FieldOverflow {
                field: "reference time (24-bit signed)",
                value: u64::from(header.reference_time.unsigned_abs()),
                max: REFERENCE_TIME_MAX as u64,
            });
        }
        let cap = buf.len().min(MAX_PACKET_LEN);
        Ok(Self {
            buf,
            cap,
            header,
            zero_padding: false,
            state: EncoderState {
                chunks_end: FCI_OFFSET + TRANSPORT_CC_HEADER_LEN,
                deltas_len: 0,
                status_count: 0,
                pending: PendingChunk::EMPTY,
            },
        })
    }

    /// Pads the FCI with zeros as §3.1 draws it, instead of libwebrtc's RTCP padding.
    pub fn zero_padding(mut self) -> Self {
        self.zero_padding = true;
        self
    }

    /// Packets reported so far.
    pub fn status_count(&self) -> u16 {
        self.state.status_count
    }

    /// The transport-wide sequence number the next packet would have without a gap.
    pub fn next_sequence(&self) -> u16 {
        self.header
            .base_sequence
            .wrapping_add(self.state.status_count)
    }

    /// Bytes [`finish`](Self::finish) would write now.
    pub fn buffer_len(&self) -> usize {
        let s = &self.state;
        let pending = if s.pending.size > 0 { 2 } else { 0 };
        let len = s.chunks_end + pending + s.deltas_len;
        len + zero_padding_len(len)
    }

    /// Reports packet `sequence_number` with receive delta `delta` (250 µs ticks), or
    /// not received for `None`; the packets between the previous one and this one are
    /// reported not received.
    ///
    /// Fails, and changes nothing, when the sequence number is not after the previous
    /// one (within 32767), when the packet status count would pass 65535, or when the
    /// packet would not fit the buffer ([`EmitError::BufferTooSmall`]) or the RTCP
    /// length field.
    pub fn push(&mut self, sequence_number: u16, delta: Option<i16>) -> Result<(), EmitError> {
        let saved = self.state;
        let result = self.try_push(sequence_number, delta);
        if result.is_err() {
            self.state = saved;
        }
        result
    }

    /// Pushes `packets` in order until one cannot be added; returns how many were
    /// added ([`push`](Self::push) the next one to learn why it was not).
    pub fn push_all(&mut self, packets: &[(u16, Option<i16>)]) -> usize {
        packets
            .iter()
            .take_while(|&&(seq, delta)| self.push(seq, delta).is_ok())
            .count()
    }

    fn try_push(&mut self, sequence_number: u16, delta: Option<i16>) -> Result<(), EmitError> {
        let gap = sequence_number.wrapping_sub(self.next_sequence());
        if gap >= 0x8000 {
            return Err(EmitError::InvalidValue {
                field: "transport-wide sequence number (not after the previous one)",
                value: u64::from(sequence_number),
            });
        }
        let count = u32::from(self.state.status_count) + u32::from(gap) + 1;
        bytes::check_max("packet status count", count as usize, 0xffff)?;
        for _ in 0..gap {
            self.add_status(PacketStatus::NotReceived)?;
        }
        let status = PacketStatus::for_delta(delta);
        self.add_status(status)?;
        if let Some(delta) = delta {
            let len = status.delta_len();
            self.check_room(self.state.chunks_end + 2 + self.state.deltas_len + len)?;
            // Stored reversed from the end of the buffer: `finish` reverses the whole
            // region, so a two-byte delta goes in low byte first.
            let [hi, lo] = delta.to_be_bytes();
            let end = self.cap - self.state.deltas_len;
            if len == 1 {
                bytes::put(self.buf, end - 1, &[lo]);
            } else {
                bytes::put(self.buf, end - 2, &[lo, hi]);
            }
            self.state.deltas_len += len;
        }
        self.state.status_count += gap + 1;
        Ok(())
    }

    fn add_status(&mut self, status: PacketStatus) -> Result<(), EmitError> {
        let s = self.state;
        if s.pending.can_add(status) {
            self.check_room(s.chunks_end + 2 + s.deltas_len)?;
        } else {
            // Room for the chunk written now and for the new pending one.
            self.check_room(s.chunks_end + 4 + s.deltas_len)?;
            let chunk = self.state.pending.emit();
            bytes::put(self.buf, s.chunks_end, &chunk.to_u16()?.to_be_bytes());
            self.state.chunks_end += 2;
        }
        self.state.pending.add(status);
        Ok(())
    }

    /// Fails unless a packet of `len` bytes before padding fits.
    fn check_room(&self, len: usize) -> Result<(), EmitError> {
        let needed = len + zero_padding_len(len);
        if needed > MAX_PACKET_LEN {
            return Err(EmitError::FieldOverflow {
                field: "length",
                value: (needed / 4 - 1) as u64,
                max: 0xffff,
            });
        }
        if needed > self.cap {
            return Err(BufferTooSmall {
                needed,
                available: self.buf.len(),
            }
            .into());
        }
        Ok(())
    }

    /// Writes the last chunk, the deltas, the padding and the headers, and returns the
    /// packet length. Fails without any packet reported (libwebrtc does not send empty
    /// feedback).
    pub fn finish(self) -> Result<usize, EmitError> {
        let s = self.state;
        if s.status_count == 0 {
            return Err(EmitError::InvalidValue {
                field: "packet status count",
                value: 0,
            });
        }
        let buf = self.buf;
        let mut end = s.chunks_end;
        if s.pending.size > 0 {
            bytes::put(buf, end, &s.pending.encode_last().to_u16()?.to_be_bytes());
            end += 2;
        }
        let deltas = self.cap - s.deltas_len..self.cap;
        if let Some(region) = buf.get_mut(deltas.clone()) {
            region.reverse();
        }
        if end + s.deltas_len <= self.cap {
            buf.copy_within(deltas, end);
        }
        end += s.deltas_len;
        let pad = zero_padding_len(end);
        let mut p_bit = 0;
        if let Some(padding) = buf.get_mut(end..end + pad) {
            padding.fill(0);
            if !self.zero_padding {
                if let Some(last) = padding.last_mut() {
                    *last = pad as u8;
                    p_bit = 0x20;
                }
            }
        }
        end += pad;
        let h = self.header;
        let mut w = Writer::new(buf);
        w.u8(0x80 | p_bit | rtpfb_fmt::TRANSPORT_CC)?;
        w.u8(packet_type::RTPFB)?;
        w.u16((end / 4 - 1) as u16)?;
        w.u32(h.sender_ssrc)?;
        w.u32(h.media_ssrc)?;
        w.u16(h.base_sequence)?;
        w.u16(s.status_count)?;
        w.u24(h.reference_time as u32)?;
        w.u8(h.feedback_count)?;
        Ok(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpWrite;
    use crate::rtcp::fb::{FeedbackRepr, RtpFeedback, RtpFeedbackFci};
    use PacketStatus::{
        NotReceived as N, ReceivedLargeDelta as L, ReceivedSmallDelta as S, Reserved as R,
    };

    fn statuses(chunk: PacketChunk) -> Vec<PacketStatus> {
        chunk.statuses().collect()
    }

    #[test]
    fn draft_run_length_examples() {
        // §3.1.3 example 1: |0|0 0|0 0 0 0 0 1 1 0 1 1 1 0 1| = 0x00dd, a run of 221
        // "packet not received".
        let chunk = PacketChunk::from_u16(0x00dd);
        assert_eq!(
            chunk,
            PacketChunk::RunLength {
                status: N,
                length: 221
            }
        );
        assert_eq!(chunk.to_u16(), Ok(0x00dd));
        assert_eq!(chunk.statuses().len(), 221);
        // §3.1.3 example 2: |0|1 1|0 0 0 0 0 0 0 0 1 1 0 0 0| = 0x6018, a run of 24 of
        // symbol 3, which the example calls "received, w/o recv delta" and §3.1.1
        // "[Reserved]".
        let chunk = PacketChunk::from_u16(0x6018);
        assert_eq!(
            chunk,
            PacketChunk::RunLength {
                status: R,
                length: 24
            }
        );
        assert_eq!(chunk.to_u16(), Ok(0x6018));
    }

    #[test]
    fn draft_status_vector_examples() {
        // §3.1.4 example 1: |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0| = 0x9f1c: 1 not received,
        // 5 received, 3 not received, 3 received, 2 not received.
        let chunk = PacketChunk::from_u16(0x9f1c);
        assert_eq!(chunk, PacketChunk::OneBit { symbols: 0x1f1c });
        assert_eq!(statuses(chunk), [N, S, S, S, S, S, N, N, N, S, S, S, N, N]);
        assert_eq!(chunk.to_u16(), Ok(0x9f1c));
        assert_eq!(PacketChunk::one_bit(&statuses(chunk)), Some(chunk));
        // §3.1.4 example 2: |1|1|00 11 01 01 01 00 00| = 0xcd50: not received, symbol 3
        // ("received, w/o timestamp" in the example), 3 received, 2 not received.
        let chunk = PacketChunk::from_u16(0xcd50);
        assert_eq!(chunk, PacketChunk::TwoBit { symbols: 0x0d50 });
        assert_eq!(statuses(chunk), [N, R, S, S, S, N, N]);
        assert_eq!(chunk.to_u16(), Ok(0xcd50));
        assert_eq!(PacketChunk::two_bit(&statuses(chunk)), Some(chunk));
    }

    #[test]
    fn draft_examples_in_a_packet() {
        // The draft's examples used as the chunks of real feedback: example 1 of
        // §3.1.3 then example 1 of §3.1.4 parse; any chunk with symbol 3 does not.
        let fci = [
            0x00, 0x0a, // base sequence number 10
            0x00, 0xeb, // packet status count 235 = 221 + 14
            0x00, 0x00, 0x01, // reference time 1 (64 ms)
            0x07, // feedback packet count 7
            0x00, 0xdd, // run of 221 not received: 10..=230
            0x9f, 0x1c, // 1-bit vector: 8 received (small deltas) among 231..=244
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // 8 one-byte deltas
        ];
        let twcc = TransportCc::parse(&fci).unwrap();
        assert_eq!(twcc.received_count(), 8);
        assert_eq!(twcc.lost_count(), 227);
        let received: Vec<_> = twcc
            .packets()
            .filter(|p| p.is_received())
            .map(|p| (p.sequence_number, p.delta))
            .collect();
        // Vector index 1..=5 and 9..=11 from 231.
        assert_eq!(
            received,
            [
                (232, Some(1)),
                (233, Some(2)),
                (234, Some(3)),
                (235, Some(4)),
                (236, Some(5)),
                (240, Some(6)),
                (241, Some(7)),
                (242, Some(8)),
            ]
        );
        assert!(twcc.padding().is_empty());

        // §3.1.3 example 2 as the only chunk: a run of 24 reserved symbols.
        let fci = [0, 0, 0, 24, 0, 0, 0, 0, 0x60, 0x18, 0, 0];
        assert_eq!(
            TransportCc::parse(&fci),
            Err(RtcpError::InvalidValue {
                field: "packet status symbol",
                offset: 8,
                value: 3
            })
        );
        // §3.1.4 example 2 after a run of 3: its second symbol is reserved.
        let fci = [0, 0, 0, 10, 0, 0, 0, 0, 0x00, 0x03, 0xcd, 0x50];
        assert_eq!(
            TransportCc::parse(&fci),
            Err(RtcpError::InvalidValue {
                field: "packet status symbol",
                offset: 10,
                value: 3
            })
        );
        // ...but only a reported packet counts: with a status count of 4 the vector
        // reports only its first symbol (not received), and the reserved one is excess.
        let fci = [0, 0, 0, 4, 0, 0, 0, 0, 0x00, 0x03, 0xcd, 0x50];
        let twcc = TransportCc::parse(&fci).unwrap();
        assert_eq!(twcc.lost_count(), 4);
    }

    /// Chrome-style feedback, every byte explained: 10 packets from 0xfffc (wrapping
    /// through 0), one lost, one negative delta, RTCP padding.
    const FEEDBACK: [u8; 36] = [
        0xaf, 0xcd, 0x00, 0x08, // V=2 P=1 FMT=15, PT=205, length 8 (36 bytes)
        0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
        0x12, 0x34, 0x56, 0x78, // SSRC of media source
        0xff, 0xfc, // base sequence number 65532
        0x00, 0x0a, // packet status count 10: 65532..=65535, 0..=5
        0xff, 0xff, 0xfe, // reference time -2 (× 64 ms = -128 ms)
        0x2a, // feedback packet count 42
        0xd6, 0x64, // 2-bit vector 11|01 01 10 01 10 01 00: S S L S L S N
        0x20, 0x03, // run length 0|01|0 0000 0000 0011: 3 × small
        0x04, // 65532: +1 ms
        0x00, // 65533: +0
        0xff, 0xf8, // 65534: large, -2 ms (reordered)
        0x08, // 65535: +2 ms
        0x01, 0x90, // 0: large, +100 ms
        0x02, // 1: +0.5 ms; 2 not received
        0x03, 0x04, 0x05, // 3, 4, 5
        0x01, // RTCP padding: 1 byte, the count
    ];

    #[test]
    fn deconstruct() {
        let fb = RtpFeedback::new_checked(&FEEDBACK).unwrap();
        assert_eq!(fb.raw().padding_len(), 1);
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else {
            panic!("{:?}", fb.fci())
        };
        assert_eq!(twcc.base_sequence(), 0xfffc);
        assert_eq!(twcc.status_count(), 10);
        assert_eq!(twcc.reference_time(), -2);
        assert_eq!(twcc.reference_time_raw(), 0xff_fffe);
        assert_eq!(twcc.reference_time_us(), -128_000);
        assert_eq!(twcc.feedback_count(), 42);
        assert_eq!(twcc.chunk_count(), 2);
        assert!(twcc.chunks().eq([
            PacketChunk::TwoBit { symbols: 0x1664 },
            PacketChunk::RunLength {
                status: S,
                length: 3
            }
        ]));
        let packets: Vec<_> = twcc
            .packets()
            .map(|p| (p.sequence_number, p.status, p.delta_us()))
            .collect();
        assert_eq!(
            packets,
            [
                (65532, S, Some(1000)),
                (65533, S, Some(0)),
                (65534, L, Some(-2000)),
                (65535, S, Some(2000)),
                (0, L, Some(100_000)),
                (1, S, Some(500)),
                (2, N, None),
                (3, S, Some(750)),
                (4, S, Some(1000)),
                (5, S, Some(1250)),
            ]
        );
        assert_eq!(twcc.packets().len(), 10);
        assert!(twcc.deltas().eq([4, 0, -8, 8, 400, 2, 3, 4, 5]));
        assert_eq!((twcc.received_count(), twcc.lost_count()), (9, 1));
        assert!(twcc.padding().is_empty());
    }

    #[test]
    fn construct_with_encoder() {
        // The same packet from packet results: the encoder picks the same chunks (7
        // mixed statuses with a large delta -> 2-bit vector; then a run of 3 equal).
        let results: [(u16, Option<i16>); 9] = [
            (65532, Some(4)),
            (65533, Some(0)),
            (65534, Some(-8)),
            (65535, Some(8)),
            (0, Some(400)),
            (1, Some(2)),
            // 2 missing
            (3, Some(3)),
            (4, Some(4)),
            (5, Some(5)),
        ];
        let mut buf = [0xeeu8; 64];
        let header = TransportCcHeader {
            sender_ssrc: 1,
            media_ssrc: 0x1234_5678,
            base_sequence: 0xfffc,
            reference_time: -2,
            feedback_count: 42,
        };
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        assert_eq!(enc.push_all(&results), 9);
        assert_eq!(enc.status_count(), 10);
        assert_eq!(enc.buffer_len(), 36);
        assert_eq!(enc.finish(), Ok(36));
        assert_eq!(buf[..36], FEEDBACK);
    }

    #[test]
    fn parse_and_emit_repr() {
        let fb = RtpFeedback::new_checked(&FEEDBACK).unwrap();
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else {
            panic!()
        };
        let mut chunks = [PacketChunk::from_u16(0); 2];
        let mut deltas = [0i16; 9];
        let repr = TransportCcRepr::parse(&twcc, &mut chunks, &mut deltas).unwrap();
        // The FCI is 8 + 4 + 11 = 23 bytes with no padding of its own: not what the
        // writer would add (1 zero), so it is kept as given.
        assert_eq!(repr.padding, Some(&[][..]));
        let packet = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0x1234_5678,
            fci: repr,
            padding: 1,
        };
        let mut out = [0u8; 36];
        assert_eq!(packet.emit(&mut out), Ok(36));
        assert_eq!(out, FEEDBACK);
        // Too little storage.
        let mut small = [0i16; 8];
        assert_eq!(
            TransportCcRepr::parse(&twcc, &mut chunks, &mut small),
            Err(BufferTooSmall {
                needed: 9,
                available: 8
            })
        );
    }

    #[test]
    fn zero_padding_round_trip() {
        // Draft-style: zero padding inside the FCI, P bit clear.
        let buf = [
            0x8f, 0xcd, 0x00, 0x05, // FMT=15 PT=205 length 5 (24 bytes)
            0x00, 0x00, 0x00, 0x01, // sender SSRC
            0x00, 0x00, 0x00, 0x00, // media SSRC 0
            0x00, 0x64, 0x00, 0x01, // base 100, 1 packet
            0x00, 0x00, 0x00, 0x00, // reference time 0, feedback count 0
            0x20, 0x01, // run of 1 small delta
            0x10, // delta 16 ticks = 4 ms
            0x00, // zero padding
        ];
        let twcc = TransportCc::parse(&buf[12..]).unwrap();
        assert_eq!(twcc.padding(), &[0]);
        assert!(!twcc.has_nonzero_padding());
        let mut chunks = [PacketChunk::from_u16(0); 1];
        let mut deltas = [0i16; 1];
        let repr = TransportCcRepr::parse(&twcc, &mut chunks, &mut deltas).unwrap();
        assert_eq!(repr.padding, None);
        let mut out = [0u8; 24];
        let packet = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0,
            fci: repr,
            padding: 0,
        };
        assert_eq!(packet.emit(&mut out), Ok(24));
        assert_eq!(out, buf);
        // The encoder writes the same with `zero_padding`.
        let mut out = [0u8; 24];
        let header = TransportCcHeader {
            sender_ssrc: 1,
            base_sequence: 100,
            ..Default::default()
        };
        let mut enc = TransportCcEncoder::new(&mut out, header)
            .unwrap()
            .zero_padding();
        enc.push(100, Some(16)).unwrap();
        assert_eq!(enc.finish(), Ok(24));
        assert_eq!(out, buf);
    }

    #[test]
    fn nonzero_padding_is_kept() {
        let fci = [0, 1, 0, 1, 0, 0, 0, 0, 0x20, 0x01, 0x05, 0xaa];
        let twcc = TransportCc::parse(&fci).unwrap();
        assert_eq!(twcc.padding(), &[0xaa]);
        assert!(twcc.has_nonzero_padding());
        let mut chunks = [PacketChunk::from_u16(0); 1];
        let mut deltas = [0i16; 1];
        let repr = TransportCcRepr::parse(&twcc, &mut chunks, &mut deltas).unwrap();
        assert_eq!(repr.padding, Some(&[0xaa][..]));
        let mut out = [0u8; 12];
        repr.write_fci(&mut out).unwrap();
        assert_eq!(out, fci);
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            TransportCc::parse(&[0; 7]),
            Err(RtcpError::Truncated {
                field: "transport-cc header",
                offset: 0,
                needed: 8,
                available: 7
            })
        );
        // 20 packets; one run of 14 covers only 14 and no second chunk follows.
        let fci = [0, 0, 0, 20, 0, 0, 0, 0, 0x00, 0x0e];
        assert_eq!(
            TransportCc::parse(&fci),
            Err(RtcpError::Truncated {
                field: "packet chunk",
                offset: 10,
                needed: 2,
                available: 0
            })
        );
        // Run length chunks of length 0 cover nothing: still missing.
        let fci = [0, 0, 0, 1, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x00];
        assert!(matches!(
            TransportCc::parse(&fci),
            Err(RtcpError::Truncated { offset: 12, .. })
        ));
        // Two large deltas called for, three bytes given.
        let fci = [0, 0, 0, 2, 0, 0, 0, 0, 0x40, 0x02, 0, 1, 0];
        assert_eq!(
            TransportCc::parse(&fci),
            Err(RtcpError::Truncated {
                field: "receive deltas",
                offset: 10,
                needed: 4,
                available: 3
            })
        );
        // Through the feedback view the offset counts from the packet start.
        let buf = [
            0x8f, 0xcd, 0x00, 0x05, 0, 0, 0, 1, 0, 0, 0, 0, // header, SSRCs
            0, 0, 0, 1, 0, 0, 0, 0, // base 0, 1 packet
            0x60, 0x01, 0, 0, // run of 1 reserved, padding
        ];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        assert_eq!(
            fb.fci(),
            Err(RtcpError::InvalidValue {
                field: "packet status symbol",
                offset: 20,
                value: 3
            })
        );
    }

    #[test]
    fn zero_status_count_and_zero_runs() {
        // No packets: no chunks, everything after the header is padding.
        let fci = [0, 5, 0, 0, 0, 0, 0, 0, 0xde, 0xad];
        let twcc = TransportCc::parse(&fci).unwrap();
        assert_eq!(twcc.chunk_count(), 0);
        assert_eq!(twcc.packets().count(), 0);
        assert_eq!(twcc.padding(), &[0xde, 0xad]);
        // A zero-length run before a real one.
        let fci = [0, 5, 0, 2, 0, 0, 0, 0, 0x20, 0x00, 0x00, 0x02];
        let twcc = TransportCc::parse(&fci).unwrap();
        assert_eq!(twcc.chunk_count(), 2);
        assert!(twcc.packets().map(|p| p.sequence_number).eq([5, 6]));
        assert_eq!(twcc.received_count(), 0);
    }

    #[test]
    fn repr_checks() {
        let mut out = [0u8; 64];
        let base = TransportCcRepr {
            status_count: 2,
            chunks: &[PacketChunk::RunLength {
                status: S,
                length: 2,
            }],
            deltas: &[1, 2],
            ..Default::default()
        };
        assert_eq!(base.fci_len(), 12);
        assert_eq!(base.write_fci(&mut out[..12]), Ok(()));
        let too_few = TransportCcRepr {
            deltas: &[1],
            ..base
        };
        assert!(matches!(
            too_few.write_fci(&mut out[..12]),
            Err(EmitError::InvalidValue { .. })
        ));
        let negative_small = TransportCcRepr {
            deltas: &[1, -1],
            ..base
        };
        assert!(matches!(
            negative_small.write_fci(&mut out[..12]),
            Err(EmitError::InvalidValue {
                field: "small receive delta (0 to 255)",
                ..
            })
        ));
        let extra_chunk = TransportCcRepr {
            chunks: &[
                PacketChunk::RunLength {
                    status: S,
                    length: 2,
                },
                PacketChunk::RunLength {
                    status: N,
                    length: 0,
                },
            ],
            ..base
        };
        assert!(matches!(
            extra_chunk.write_fci(&mut out[..14]),
            Err(EmitError::InvalidValue { value: 1, .. })
        ));
        let short = TransportCcRepr {
            status_count: 3,
            ..base
        };
        assert!(matches!(
            short.write_fci(&mut out[..12]),
            Err(EmitError::InvalidValue { value: 2, .. })
        ));
        let long_run = TransportCcRepr {
            status_count: 2,
            chunks: &[PacketChunk::RunLength {
                status: N,
                length: 0x2000,
            }],
            deltas: &[],
            ..base
        };
        assert!(matches!(
            long_run.write_fci(&mut out[..12]),
            Err(EmitError::FieldOverflow { max: 0x1fff, .. })
        ));
        let far_time = TransportCcRepr {
            reference_time: 0x80_0000,
            ..base
        };
        assert!(matches!(
            far_time.write_fci(&mut out[..12]),
            Err(EmitError::FieldOverflow { .. })
        ));
        // Excess statuses of the last chunk may be anything, reserved included.
        let excess = TransportCcRepr {
            status_count: 1,
            chunks: &[PacketChunk::TwoBit { symbols: 0x1fff }],
            deltas: &[7],
            ..base
        };
        assert_eq!(excess.fci_len(), 12);
        excess.write_fci(&mut out[..12]).unwrap();
        let twcc = TransportCc::parse(&out[..12]).unwrap();
        assert!(twcc.packets().map(|p| p.status).eq([S]));
    }

    /// Encodes `results` and returns the chunks chosen.
    fn encode(base: u16, results: &[(u16, Option<i16>)]) -> Vec<PacketChunk> {
        let mut buf = vec![0u8; 4096];
        let header = TransportCcHeader {
            base_sequence: base,
            ..Default::default()
        };
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        assert_eq!(enc.push_all(results), results.len());
        let len = enc.finish().unwrap();
        let fb = RtpFeedback::new_checked(&buf[..len]).unwrap();
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else {
            panic!()
        };
        twcc.chunks().collect()
    }

    #[test]
    fn encoder_chooses_chunks_like_libwebrtc() {
        // One packet: a run of 1 (libwebrtc's last chunk is a run when all equal).
        assert_eq!(
            encode(0, &[(0, Some(1))]),
            [PacketChunk::RunLength {
                status: S,
                length: 1
            }]
        );
        // 3 mixed: a 2-bit vector of 3.
        assert_eq!(
            encode(0, &[(0, Some(1)), (2, Some(1))]),
            [PacketChunk::two_bit(&[S, N, S]).unwrap()]
        );
        // 10 mixed small/missing: a 1-bit vector holding all 10.
        let r: Vec<_> = (0..10u16)
            .filter(|i| i % 3 != 1)
            .map(|i| (i, Some(1)))
            .collect();
        assert_eq!(
            encode(0, &r),
            [PacketChunk::one_bit(&[S, N, S, S, N, S, S, N, S, S]).unwrap()]
        );
        // 16 mixed small/missing: a full 1-bit vector of 14, then a run of 2 (the
        // last two packets 14 and 15 are both received).
        let r: Vec<_> = (0..16u16)
            .filter(|i| *i != 1)
            .map(|i| (i, Some(1)))
            .collect();
        let mut expected = vec![S; 14];
        expected[1] = N;
        assert_eq!(
            encode(0, &r),
            [
                PacketChunk::one_bit(&expected).unwrap(),
                PacketChunk::RunLength {
                    status: S,
                    length: 2
                }
            ]
        );
        // A large delta among 9: the first 7 as a 2-bit vector, the remaining 2 as the
        // last chunk (equal, so a run).
        let r: Vec<_> = (0..9u16)
            .map(|i| (i, Some(if i == 3 { 1000 } else { 1 })))
            .collect();
        assert_eq!(
            encode(0, &r),
            [
                PacketChunk::two_bit(&[S, S, S, L, S, S, S]).unwrap(),
                PacketChunk::RunLength {
                    status: S,
                    length: 2
                }
            ]
        );
        // A long gap: 7 received, 20000 missing, 1 received. The first 7 missing still
        // fit the pending chunk as a 1-bit vector (no large delta); the 14 become one.
        // The other 19993 missing make runs of 8191, 8191 and 3611; then a run of 1.
        let mut r: Vec<_> = (0..7u16).map(|i| (i, Some(1))).collect();
        r.push((20_007, Some(1)));
        assert_eq!(
            encode(0, &r),
            [
                PacketChunk::one_bit(&[S, S, S, S, S, S, S, N, N, N, N, N, N, N]).unwrap(),
                PacketChunk::RunLength {
                    status: N,
                    length: 8191
                },
                PacketChunk::RunLength {
                    status: N,
                    length: 8191
                },
                PacketChunk::RunLength {
                    status: N,
                    length: 3611
                },
                PacketChunk::RunLength {
                    status: S,
                    length: 1
                },
            ]
        );
        // Two received then a gap of 3 then mixed: 2-bit vectors split at 7 when a
        // large delta arrives after more than 7 pending.
        let r = [
            (0, Some(1)),
            (1, Some(1)),
            (5, Some(1)),
            (6, Some(1)),
            (7, Some(1)),
            (8, Some(-1)),
        ];
        assert_eq!(
            encode(0, &r),
            [
                PacketChunk::two_bit(&[S, S, N, N, N, S, S]).unwrap(),
                PacketChunk::two_bit(&[S, L]).unwrap(),
            ]
        );
    }

    #[test]
    fn encoder_limits() {
        // Sequence numbers must move forward.
        let mut buf = [0u8; 64];
        let header = TransportCcHeader {
            base_sequence: 10,
            ..Default::default()
        };
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        assert!(matches!(
            enc.push(9, Some(1)),
            Err(EmitError::InvalidValue { value: 9, .. })
        ));
        enc.push(10, Some(1)).unwrap();
        assert!(matches!(
            enc.push(10, Some(1)),
            Err(EmitError::InvalidValue { value: 10, .. })
        ));
        // 24 bytes hold the header, one chunk and two one-byte deltas.
        let mut buf = [0u8; 24];
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        enc.push(10, Some(1)).unwrap();
        enc.push(11, Some(1)).unwrap();
        assert_eq!(
            enc.push(12, Some(1000)),
            Err(EmitError::BufferTooSmall {
                needed: 28,
                available: 24
            })
        );
        // The failed push changed nothing.
        assert_eq!(enc.status_count(), 2);
        assert_eq!(enc.finish(), Ok(24));
        let twcc = TransportCc::parse(&buf[12..]).unwrap();
        assert!(twcc.deltas().eq([1, 1]));
        // Empty feedback is refused.
        let mut buf = [0u8; 24];
        let enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        assert!(matches!(
            enc.finish(),
            Err(EmitError::InvalidValue {
                field: "packet status count",
                ..
            })
        ));
        // Reference time range.
        let mut buf = [0u8; 24];
        assert!(
            TransportCcEncoder::new(
                &mut buf,
                TransportCcHeader {
                    reference_time: -0x80_0001,
                    ..header
                }
            )
            .is_err()
        );
    }

    #[test]
    fn encoder_status_count_limit() {
        let mut buf = vec![0u8; 1024];
        let header = TransportCcHeader::default();
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        // 0x7fff ahead of 0, then 0x7fff more: 65535 statuses in all.
        enc.push(0x7ffe, None).unwrap();
        enc.push(0xfffd, Some(1)).unwrap();
        assert_eq!(enc.status_count(), 0xfffe);
        enc.push(0xfffe, None).unwrap();
        assert!(matches!(
            enc.push(0xffff, None),
            Err(EmitError::FieldOverflow { max: 0xffff, .. })
        ));
        let len = enc.finish().unwrap();
        let twcc = TransportCc::parse(&buf[12..len]).unwrap();
        assert_eq!(twcc.status_count(), 0xffff);
        assert_eq!(twcc.received_count(), 1);
        assert_eq!(
            twcc.packets()
                .find(|p| p.is_received())
                .map(|p| p.sequence_number),
            Some(0xfffd)
        );
    }

    #[test]
    fn chunk_extent_agrees_with_a_walk() {
        // Every chunk and every number of packets left: the bit tricks of
        // `chunk_extent` against a symbol-by-symbol walk.
        for raw in 0..=u16::MAX {
            let chunk = PacketChunk::from_u16(raw);
            let capacity = chunk.capacity();
            for left in [0, 1, 2, 3, 5, 6, 7, 8, 13, 14, 15, 100, 8191, u16::MAX] {
                let n = capacity.min(left);
                let (mut len, mut reserved) = (0, false);
                for status in chunk.statuses().take(usize::from(n)) {
                    len += status.delta_len();
                    reserved |= status == PacketStatus::Reserved;
                }
                let (fast_n, fast_len, fast_reserved) = chunk_extent(raw, left);
                assert_eq!(
                    (fast_n, fast_reserved),
                    (n, reserved),
                    "{chunk:?} left={left}"
                );
                // With a reserved symbol the packet is refused: the length is moot.
                if !reserved {
                    assert_eq!(fast_len, len, "{chunk:?} left={left}");
                }
            }
        }
    }
}
