//! Capture files: pcap (both byte orders, micro- and nanosecond) and pcapng (via
//! `pcap-parser`), read from any `Read` in constant memory, with damage counted and
//! reading resumed at the next plausible record or block.

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use pcap_parser::pcapng::{Block, parse_block_be, parse_block_le};

use crate::decode::{self, Decoder, DecoderConfig, FastUdp, Frame};
use crate::diag::{InterfaceInfo, InterfaceStatistics, MAX_INTERFACES};
use crate::reader::Reader;
use crate::{
    Clock, Damage, DamageReason, Datagram, Diagnostics, Event, LinkType, Source, SourceError,
    Transport,
};

/// Bytes read from the input at a time (the buffer also holds one record of up to
/// [`MAX_RECORD_LEN`]).
pub const READ_BUFFER_LEN: usize = 1 << 20;
/// The largest pcap record or pcapng block accepted; longer ones are damage.
pub const MAX_RECORD_LEN: usize = 1 << 20;
/// The largest captured length of a pcap record (libpcap's own limit), unless the
/// file's snap length is larger.
const PCAP_MAX_SNAPLEN: u32 = 262_144;
/// How far the reader searches for the next plausible record after damage.
const MAX_RESYNC: u64 = 64 << 20;

const SHB: u32 = 0x0a0d_0d0a;
const IDB: u32 = 0x0000_0001;
const OLD_PB: u32 = 0x0000_0002;
const SPB: u32 = 0x0000_0003;
/// `Step::Frame::timestamp_ns` of a frame that has none (Simple Packet Block).
const NO_TIMESTAMP: i64 = i64::MIN;
const NRB: u32 = 0x0000_0004;
const ISB: u32 = 0x0000_0005;
const EPB: u32 = 0x0000_0006;
const DSB: u32 = 0x0000_000a;

/// The format of a capture file, sniffed from its magic number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileFormat {
    /// Classic pcap.
    Pcap {
        /// Nanosecond timestamps (magic `a1b23c4d`) rather than microseconds.
        nanosecond: bool,
        /// Written big-endian.
        big_endian: bool,
    },
    /// pcapng (byte order per section).
    PcapNg,
}

#[derive(Debug, Clone, Copy)]
struct Iface {
    link_type: LinkType,
    snap_len: u32,
    units_per_sec: u64,
    offset_sec: i64,
    /// Global interface number (across sections).
    id: u32,
    /// Index in `Diagnostics::interfaces`, when it fits.
    diag: Option<usize>,
}

/// What one step of the file reader produced.
enum Step {
    Frame {
        range: Range<usize>,
        number: u64,
        timestamp_ns: i64,
        iface: usize,
        original_len: u32,
        offset: u64,
    },
    Interface(InterfaceInfo),
    Statistics(InterfaceStatistics),
    Secrets(u32, Range<usize>),
    Nothing,
    End,
}

/// A pcap record the fast path read (see [`decode::fast_udp`]).
pub(crate) struct FastRecord {
    pub(crate) udp: FastUdp,
    /// Where the frame starts in the reader's buffer.
    pub(crate) at: usize,
    pub(crate) number: u64,
    pub(crate) timestamp_ns: i64,
    pub(crate) interface: u32,
}

/// A capture file read from any [`Read`]: a path, standard input, a pipe, bytes in
/// memory.
///
/// The format is sniffed from the magic number, never from a name. Memory is one
/// buffer of at most [`READ_BUFFER_LEN`] + [`MAX_RECORD_LEN`] bytes (64 KiB for small
/// inputs) plus the decoder's bounded pools, whatever the size of the input.
#[derive(Debug)]
pub struct FileSource<R> {
    pub(crate) reader: Reader<R>,
    format: FileFormat,
    decoder: Decoder,
    diag: Diagnostics,
    ifaces: Vec<Iface>,
    /// pcap, or the current pcapng section, is big-endian.
    big_endian: bool,
    /// pcap: nanosecond timestamps.
    nanos: bool,
    /// pcap: largest plausible captured length.
    caplen_limit: u32,
    /// pcapng: interfaces of earlier sections.
    iface_base: u32,
    frames: u64,
    /// The last frame's timestamp (for Simple Packet Blocks, which have none).
    last_timestamp_ns: i64,
    last_ts_sec: Option<u32>,
    tcp_pending: bool,
    damage_reported: u64,
    done: bool,
    /// pcap records and pcapng Enhanced Packet Blocks take the fast path when they
    /// can (tests turn it off to compare).
    fast: bool,
    /// Records the fast path delivered (tests check it is taken).
    #[cfg(test)]
    fast_taken: u64,
}

impl FileSource<Box<dyn Read + Send>> {
    /// Opens a capture file, or standard input when `path` is `-`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, SourceError> {
        Self::open_with(path, DecoderConfig::default())
    }

    /// [`open`](Self::open) with a decoder configuration.
    pub fn open_with(path: impl AsRef<Path>, config: DecoderConfig) -> Result<Self, SourceError> {
        let path = path.as_ref();
        let input: Box<dyn Read + Send> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(File::open(path)?)
        };
        FileSource::with_config(input, config)
    }
}

impl<R: Read> FileSource<R> {
    /// Reads a capture from `input` with the default [`DecoderConfig`].
    pub fn new(input: R) -> Result<Self, SourceError> {
        Self::with_config(input, DecoderConfig::default())
    }

    /// Reads a capture from `input`; fails only when the input cannot be read or
    /// does not start like a pcap or pcapng file.
    pub fn with_config(input: R, config: DecoderConfig) -> Result<Self, SourceError> {
        Self::with_buffer(input, config, 64 * 1024, READ_BUFFER_LEN + MAX_RECORD_LEN)
    }

    /// [`with_config`](Self::with_config) with a read buffer of `initial` bytes that
    /// grows to `max` (tests use small ones to exercise the buffer's edges).
    pub(crate) fn with_buffer(
        input: R,
        config: DecoderConfig,
        initial: usize,
        max: usize,
    ) -> Result<Self, SourceError> {
        let mut reader = Reader::new(input, initial, max);
        reader.fill(24)?;
        let head = reader.available();
        let mut magic = [0u8; 4];
        let len = head.len().min(4);
        magic[..len].copy_from_slice(&head[..len]);
        let format = match magic {
            [0xd4, 0xc3, 0xb2, 0xa1] => FileFormat::Pcap {
                nanosecond: false,
                big_endian: false,
            },
            [0xa1, 0xb2, 0xc3, 0xd4] => FileFormat::Pcap {
                nanosecond: false,
                big_endian: true,
            },
            [0x4d, 0x3c, 0xb2, 0xa1] => FileFormat::Pcap {
                nanosecond: true,
                big_endian: false,
            },
            [0xa1, 0xb2, 0x3c, 0x4d] => FileFormat::Pcap {
                nanosecond: true,
                big_endian: true,
            },
            [0x0a, 0x0d, 0x0d, 0x0a] => FileFormat::PcapNg,
            _ => return Err(SourceError::NotACapture { magic, len }),
        };
        let mut source = FileSource {
            reader,
            format,
            decoder: Decoder::new(config),
            diag: Diagnostics::default(),
            ifaces: Vec::new(),
            big_endian: false,
            nanos: false,
            caplen_limit: PCAP_MAX_SNAPLEN,
            iface_base: 0,
            frames: 0,
            last_timestamp_ns: 0,
            last_ts_sec: None,
            tcp_pending: false,
            damage_reported: 0,
            done: false,
            fast: true,
            #[cfg(test)]
            fast_taken: 0,
        };
        if let FileFormat::Pcap {
            nanosecond,
            big_endian,
        } = format
        {
            source.big_endian = big_endian;
            source.nanos = nanosecond;
            let head = source.reader.available();
            if head.len() < 24 {
                let available = head.len() as u64;
                source.damage(DamageReason::TruncatedRecord {
                    needed: 24,
                    available,
                });
                source.done = true;
            } else {
                let snap_len = source.u32_at(head, 16);
                let link_type = LinkType((source.u32_at(head, 20) & 0xffff) as u16);
                source.caplen_limit = snap_len.clamp(PCAP_MAX_SNAPLEN, MAX_RECORD_LEN as u32 - 16);
                let units = if nanosecond { 1_000_000_000 } else { 1_000_000 };
                source.add_iface(link_type, snap_len, units, 0);
                source.reader.consume(24);
            }
        }
        Ok(source)
    }

    /// The format the magic number gave.
    pub fn format(&self) -> FileFormat {
        self.format
    }

    /// The decoder's configuration.
    pub fn config(&self) -> &DecoderConfig {
        self.decoder.config()
    }

    #[inline]
    fn u32_at(&self, b: &[u8], at: usize) -> u32 {
        let w = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if self.big_endian {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    }

    fn damage(&mut self, reason: DamageReason) {
        let d = Damage {
            frame: self.frames + 1,
            offset: self.reader.offset(),
            reason,
        };
        self.diag.damage(d);
    }

    fn add_iface(
        &mut self,
        link_type: LinkType,
        snap_len: u32,
        units_per_sec: u64,
        offset_sec: i64,
    ) -> Iface {
        let id = self.iface_base + self.ifaces.len() as u32;
        let info = InterfaceInfo {
            id,
            link_type,
            snap_len,
            ts_units_per_sec: units_per_sec,
            ts_offset_sec: offset_sec,
            frames: 0,
            statistics: None,
        };
        let diag = (self.diag.interfaces.len() < MAX_INTERFACES).then(|| {
            self.diag.interfaces.push(info);
            self.diag.interfaces.len() - 1
        });
        let iface = Iface {
            link_type,
            snap_len,
            units_per_sec,
            offset_sec,
            id,
            diag,
        };
        // Interfaces beyond the bound are not kept: their packets are damage.
        if self.ifaces.len() < MAX_INTERFACES {
            self.ifaces.push(iface);
        }
        iface
    }

    fn step(&mut self) -> Result<Step, SourceError> {
        match self.format {
            FileFormat::Pcap { .. } => self.step_pcap(),
            FileFormat::PcapNg => self.step_pcapng(),
        }
    }

    // ---- pcap ----

    fn plausible_pcap(&self, h: &[u8]) -> bool {
        let ts_sec = self.u32_at(h, 0);
        let frac = self.u32_at(h, 4);
        let caplen = self.u32_at(h, 8);
        let origlen = self.u32_at(h, 12);
        let frac_ok = frac < if self.nanos { 1_000_000_000 } else { 1_000_000 };
        let ts_ok = self
            .last_ts_sec
            .is_none_or(|last| ts_sec.abs_diff(last) <= 86_400);
        frac_ok
            && ts_ok
            && caplen <= self.caplen_limit
            && caplen <= origlen
            && origlen <= 0x0100_0000
    }

    /// Makes `n` bytes available; at the end of the input with fewer, the bytes left
    /// are a truncated record (counted as damage, consumed) and false is returned.
    fn fill_record(&mut self, n: usize) -> Result<bool, SourceError> {
        if self.reader.fill(n)? {
            return Ok(true);
        }
        let available = self.reader.available().len() as u64;
        if available > 0 {
            self.damage(DamageReason::TruncatedRecord {
                needed: n as u64,
                available,
            });
            self.reader.consume(available as usize);
        }
        Ok(false)
    }

    fn step_pcap(&mut self) -> Result<Step, SourceError> {
        if !self.fill_record(16)? {
            return Ok(Step::End);
        }
        let h = self.reader.available();
        let ts_sec = self.u32_at(h, 0);
        let frac = self.u32_at(h, 4);
        let caplen = self.u32_at(h, 8);
        let origlen = self.u32_at(h, 12);
        if caplen > self.caplen_limit {
            self.damage(DamageReason::ImpossibleRecordLength {
                caplen,
                limit: self.caplen_limit,
            });
            return self.resync_pcap();
        }
        let total = 16 + caplen as usize;
        if !self.fill_record(total)? {
            return Ok(Step::End);
        }
        self.last_ts_sec = Some(ts_sec);
        self.frames += 1;
        let timestamp_ns =
            i64::from(ts_sec) * 1_000_000_000 + i64::from(frac) * if self.nanos { 1 } else { 1000 };
        let range = self.reader.range(16, caplen as usize);
        let offset = self.reader.offset();
        self.reader.consume(total);
        // caplen > origlen happens (some writers); the frame is then simply not cut.
        Ok(Step::Frame {
            range,
            number: self.frames,
            timestamp_ns,
            iface: 0,
            original_len: origlen.max(caplen),
            offset,
        })
    }

    /// The pcap fast path: a whole record already in the buffer, whose frame
    /// [`decode::fast_udp`] reads, is delivered with the counts the general path
    /// ([`step_pcap`](Self::step_pcap), then [`Decoder::decode_frame`]) would make;
    /// anything else returns `None` with nothing consumed or counted.
    #[inline]
    fn fast_pcap(&mut self) -> Option<FastRecord> {
        let avail = self.reader.available();
        let h = avail.first_chunk::<16>()?;
        let word = |i: usize| {
            let w = [h[i], h[i + 1], h[i + 2], h[i + 3]];
            if self.big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        let (ts_sec, frac, caplen, origlen) = (word(0), word(4), word(8), word(12));
        if caplen > self.caplen_limit {
            return None;
        }
        let total = 16 + caplen as usize;
        let data = avail.get(16..total)?;
        let iface = *self.ifaces.first()?;
        let udp = decode::fast_udp(iface.link_type, data)?;
        // From here on, what step_pcap, next_event and the decoder count.
        let at = self.reader.range(16, 0).start;
        self.reader.consume(total);
        self.last_ts_sec = Some(ts_sec);
        self.frames += 1;
        let timestamp_ns =
            i64::from(ts_sec) * 1_000_000_000 + i64::from(frac) * if self.nanos { 1 } else { 1000 };
        self.last_timestamp_ns = timestamp_ns;
        self.count_fast(&iface, caplen, origlen);
        Some(FastRecord {
            udp,
            at,
            number: self.frames,
            timestamp_ns,
            interface: iface.id,
        })
    }

    /// After a bad record header: the next offset where a plausible header is
    /// followed by another (or by the end of the input).
    fn resync_pcap(&mut self) -> Result<Step, SourceError> {
        let mut skipped: u64 = 0;
        loop {
            self.reader.consume(1);
            skipped += 1;
            if skipped > MAX_RESYNC || !self.reader.fill(16)? {
                self.diag_lost_sync();
                return Ok(Step::End);
            }
            if !self.plausible_pcap(self.reader.available()) {
                continue;
            }
            let caplen = self.u32_at(self.reader.available(), 8) as usize;
            let next = 16 + caplen;
            let have_next = self.reader.fill(next + 16)?;
            let confirmed = if have_next {
                self.plausible_pcap(&self.reader.available()[next..])
            } else {
                self.reader.available().len() == next
            };
            if confirmed {
                self.damage(DamageReason::Resynchronised { skipped });
                return Ok(Step::Nothing);
            }
        }
    }

    fn diag_lost_sync(&mut self) {
        self.damage(DamageReason::LostSync);
        let rest = self.reader.available().len();
        self.reader.consume(rest);
    }

    // ---- pcapng ----

    fn step_pcapng(&mut self) -> Result<Step, SourceError> {
        if !self.fill_record(12)? {
            return Ok(Step::End);
        }
        let mut h = [0u8; 12];
        h.copy_from_slice(&self.reader.available()[..12]);
        if h[..4] == SHB.to_le_bytes() {
            match [h[8], h[9], h[10], h[11]] {
                [0x4d, 0x3c, 0x2b, 0x1a] => self.big_endian = false,
                [0x1a, 0x2b, 0x3c, 0x4d] => self.big_endian = true,
                _ => {
                    self.damage(DamageReason::BadBlock { block_type: SHB });
                    return self.resync_pcapng();
                }
            }
        }
        let block_type = self.u32_at(&h, 0);
        let len = self.u32_at(&h, 4);
        if len < 12 || len % 4 != 0 || len as usize > MAX_RECORD_LEN {
            self.damage(DamageReason::ImpossibleBlockLength {
                block_type,
                length: len,
            });
            self.count_lost_packet_block(block_type);
            return self.resync_pcapng();
        }
        let len = len as usize;
        if !self.fill_record(len)? {
            return Ok(Step::End);
        }
        let b = &self.reader.available()[..len];
        let trailing = self.u32_at(b, len - 4);
        if trailing as usize != len {
            self.damage(DamageReason::BlockLengthMismatch {
                block_type,
                length: len as u32,
                trailing,
            });
            self.count_lost_packet_block(block_type);
            return self.resync_pcapng();
        }
        let offset = self.reader.offset();
        let step = self.block(block_type, len, offset);
        self.reader.consume(len);
        Ok(step)
    }

    /// A packet block whose length cannot be trusted still was a frame: counting it
    /// keeps the frames after the resynchronisation numbered as in the undamaged file.
    fn count_lost_packet_block(&mut self, block_type: u32) {
        if matches!(block_type, EPB | SPB | OLD_PB) {
            self.frames += 1;
            self.diag.frames += 1;
        }
    }

    fn plausible_block(&self, b: &[u8]) -> Option<usize> {
        let t = self.u32_at(b, 0);
        let is_shb = b[..4] == SHB.to_le_bytes();
        if !is_shb && !matches!(t, IDB | OLD_PB | SPB | NRB | ISB | EPB | DSB) {
            return None;
        }
        let len = self.u32_at(b, 4) as usize;
        (len >= 12 && len % 4 == 0 && len <= MAX_RECORD_LEN).then_some(len)
    }

    /// The pcapng fast path: an Enhanced Packet Block without options, whole in the
    /// buffer, on a known interface, whose frame [`decode::fast_udp`] reads, is
    /// delivered with the counts the general path ([`step_pcapng`](Self::step_pcapng),
    /// `pcap-parser`, [`block`](Self::block), then [`Decoder::decode_frame`]) would
    /// make; anything else returns `None` with nothing consumed or counted.
    #[inline]
    fn fast_epb(&mut self) -> Option<FastRecord> {
        let avail = self.reader.available();
        let h = avail.first_chunk::<28>()?;
        let word = |b: &[u8; 28], i: usize| {
            let w = [b[i], b[i + 1], b[i + 2], b[i + 3]];
            if self.big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        if word(h, 0) != EPB {
            return None;
        }
        let len = word(h, 4) as usize;
        let caplen = word(h, 20);
        let origlen = word(h, 24);
        // No options: the block is its header, the padded data and the trailing length.
        if len > MAX_RECORD_LEN || len != 32 + ((caplen as usize + 3) & !3) {
            return None;
        }
        let block = avail.get(..len)?;
        let trailing = *block.get(len - 4..)?.first_chunk::<4>()?;
        let trailing = if self.big_endian {
            u32::from_be_bytes(trailing)
        } else {
            u32::from_le_bytes(trailing)
        };
        if trailing as usize != len {
            return None;
        }
        let iface = *self.ifaces.get(word(h, 8) as usize)?;
        let timestamp_ns = self.iface_ts(&iface, word(h, 12), word(h, 16));
        if timestamp_ns == NO_TIMESTAMP {
            return None;
        }
        let data = block.get(28..28 + caplen as usize)?;
        let udp = decode::fast_udp(iface.link_type, data)?;
        // From here on, what step_pcapng, block, next_event and the decoder count.
        let at = self.reader.range(28, 0).start;
        self.reader.consume(len);
        self.frames += 1;
        self.last_timestamp_ns = timestamp_ns;
        self.count_fast(&iface, caplen, origlen);
        Some(FastRecord {
            udp,
            at,
            number: self.frames,
            timestamp_ns,
            interface: iface.id,
        })
    }

    /// The counts of a frame delivered by a fast path as one UDP datagram.
    #[inline]
    fn count_fast(&mut self, iface: &Iface, caplen: u32, origlen: u32) {
        if let Some(info) = iface.diag.and_then(|i| self.diag.interfaces.get_mut(i)) {
            info.frames += 1;
        }
        let diag = &mut self.diag;
        diag.frames += 1;
        diag.frame_bytes += u64::from(caplen);
        diag.truncated_frames += u64::from(caplen < origlen);
        diag.datagrams += 1;
        diag.udp_datagrams += 1;
        #[cfg(test)]
        {
            self.fast_taken += 1;
        }
    }

    /// After a bad block: the next 4-byte aligned offset holding a known block type
    /// whose two lengths agree.
    fn resync_pcapng(&mut self) -> Result<Step, SourceError> {
        let mut skipped: u64 = 0;
        loop {
            self.reader.consume(4);
            skipped += 4;
            if skipped > MAX_RESYNC || !self.reader.fill(12)? {
                self.diag_lost_sync();
                return Ok(Step::End);
            }
            let Some(len) = self.plausible_block(self.reader.available()) else {
                continue;
            };
            if !self.reader.fill(len)? {
                continue;
            }
            let b = self.reader.available();
            if self.u32_at(b, len - 4) as usize == len {
                self.damage(DamageReason::Resynchronised { skipped });
                return Ok(Step::Nothing);
            }
        }
    }

    fn iface_ts(&self, iface: &Iface, high: u32, low: u32) -> i64 {
        let ts = (u64::from(high) << 32) | u64::from(low);
        let ns: i128 = match iface.units_per_sec {
            1_000_000 => i128::from(ts) * 1000,
            1_000_000_000 => i128::from(ts),
            0 => 0,
            units => i128::from(ts) * 1_000_000_000 / i128::from(units),
        };
        let ns = ns + i128::from(iface.offset_sec) * 1_000_000_000;
        ns.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    fn option_u64(&self, v: &[u8]) -> Option<u64> {
        let w: [u8; 8] = v.get(..8)?.try_into().ok()?;
        Some(if self.big_endian {
            u64::from_be_bytes(w)
        } else {
            u64::from_le_bytes(w)
        })
    }

    fn block(&mut self, block_type: u32, len: usize, offset: u64) -> Step {
        let bytes = &self.reader.available()[..len];
        // The legacy Packet Block (pcap-parser leaves it unknown): a frame tshark shows.
        if block_type == OLD_PB && bytes[..4] != SHB.to_le_bytes() {
            return self.old_packet_block(len, offset);
        }
        let parsed = if self.big_endian {
            parse_block_be(bytes)
        } else {
            parse_block_le(bytes)
        };
        let block = match parsed {
            Ok((_, block)) => block,
            Err(_) => {
                if matches!(block_type, EPB | SPB) {
                    self.frames += 1;
                    self.diag.frames += 1;
                }
                self.diag.damage(Damage {
                    frame: self.frames.max(1),
                    offset,
                    reason: DamageReason::BadBlock { block_type },
                });
                return Step::Nothing;
            }
        };
        match block {
            Block::SectionHeader(_) => {
                self.diag.sections += 1;
                self.iface_base += self.ifaces.len() as u32;
                self.ifaces.clear();
                Step::Nothing
            }
            Block::InterfaceDescription(idb) => {
                let mut tsresol = 6u8;
                let mut offset_sec = 0i64;
                for opt in &idb.options {
                    match opt.code.0 {
                        9 => tsresol = opt.value().first().copied().unwrap_or(6),
                        14 => offset_sec = self.option_u64(opt.value()).map_or(0, |v| v as i64),
                        _ => {}
                    }
                }
                let units = if tsresol & 0x80 != 0 {
                    1u64.checked_shl(u32::from(tsresol & 0x7f)).unwrap_or(0)
                } else {
                    10u64.checked_pow(u32::from(tsresol)).unwrap_or(0)
                };
                let units = if units == 0 { 1_000_000 } else { units };
                let link_type = LinkType(idb.linktype.0 as u16);
                let snap_len = idb.snaplen;
                let iface = self.add_iface(link_type, snap_len, units, offset_sec);
                let info = iface
                    .diag
                    .and_then(|i| self.diag.interfaces.get(i).copied())
                    .unwrap_or(InterfaceInfo {
                        id: iface.id,
                        link_type,
                        snap_len,
                        ts_units_per_sec: units,
                        ts_offset_sec: offset_sec,
                        frames: 0,
                        statistics: None,
                    });
                Step::Interface(info)
            }
            Block::EnhancedPacket(epb) => {
                self.frames += 1;
                let Some(iface) = self.ifaces.get(epb.if_id as usize).copied() else {
                    self.diag.frames += 1;
                    self.diag.damage(Damage {
                        frame: self.frames,
                        offset,
                        reason: DamageReason::UnknownInterface {
                            interface: epb.if_id,
                        },
                    });
                    return Step::Nothing;
                };
                let caplen = epb.data.len().min(epb.caplen as usize);
                // `data` is a sub-slice of the block: 28 bytes of header precede it.
                let range = self.reader.range(28, caplen);
                Step::Frame {
                    range,
                    number: self.frames,
                    timestamp_ns: self.iface_ts(&iface, epb.ts_high, epb.ts_low),
                    iface: epb.if_id as usize,
                    original_len: epb.origlen.max(caplen as u32),
                    offset,
                }
            }
            Block::SimplePacket(spb) => {
                self.frames += 1;
                let Some(iface) = self.ifaces.first().copied() else {
                    self.diag.frames += 1;
                    self.diag.damage(Damage {
                        frame: self.frames,
                        offset,
                        reason: DamageReason::UnknownInterface { interface: 0 },
                    });
                    return Step::Nothing;
                };
                let mut caplen = spb.data.len().min(spb.origlen as usize);
                if iface.snap_len != 0 {
                    caplen = caplen.min(iface.snap_len as usize);
                }
                let range = self.reader.range(12, caplen);
                Step::Frame {
                    range,
                    number: self.frames,
                    timestamp_ns: NO_TIMESTAMP,
                    iface: 0,
                    original_len: spb.origlen.max(caplen as u32),
                    offset,
                }
            }
            Block::NameResolution(_) => {
                self.diag.name_resolution_blocks += 1;
                Step::Nothing
            }
            Block::InterfaceStatistics(isb) => {
                let Some(iface) = self.ifaces.get(isb.if_id as usize).copied() else {
                    self.diag.damage(Damage {
                        frame: self.frames + 1,
                        offset,
                        reason: DamageReason::UnknownInterface {
                            interface: isb.if_id,
                        },
                    });
                    return Step::Nothing;
                };
                let mut stats = InterfaceStatistics {
                    interface: iface.id,
                    timestamp_ns: self.iface_ts(&iface, isb.ts_high, isb.ts_low),
                    received: None,
                    interface_dropped: None,
                    os_dropped: None,
                    filter_accepted: None,
                    delivered: None,
                };
                for opt in &isb.options {
                    let v = self.option_u64(opt.value());
                    match opt.code.0 {
                        4 => stats.received = v,
                        5 => stats.interface_dropped = v,
                        6 => stats.filter_accepted = v,
                        7 => stats.os_dropped = v,
                        8 => stats.delivered = v,
                        _ => {}
                    }
                }
                if let Some(info) = iface.diag.and_then(|i| self.diag.interfaces.get_mut(i)) {
                    info.statistics = Some(stats);
                }
                Step::Statistics(stats)
            }
            Block::DecryptionSecrets(dsb) => {
                let kind = dsb.secrets_type.0;
                let n = dsb.data.len();
                self.diag.add_secrets(kind, dsb.data);
                Step::Secrets(kind, self.reader.range(16, n))
            }
            _ => {
                self.diag.skipped_blocks += 1;
                Step::Nothing
            }
        }
    }

    /// The obsolete Packet Block (type 2): interface (16 bits), drops (16 bits),
    /// timestamp, captured and original length, data.
    fn old_packet_block(&mut self, len: usize, offset: u64) -> Step {
        self.frames += 1;
        let b = &self.reader.available()[..len];
        if len < 32 {
            self.diag.frames += 1;
            self.diag.damage(Damage {
                frame: self.frames,
                offset,
                reason: DamageReason::BadBlock { block_type: OLD_PB },
            });
            return Step::Nothing;
        }
        let if_id = if self.big_endian {
            u16::from_be_bytes([b[8], b[9]])
        } else {
            u16::from_le_bytes([b[8], b[9]])
        };
        let high = self.u32_at(b, 12);
        let low = self.u32_at(b, 16);
        let caplen = (self.u32_at(b, 20) as usize).min(len - 32);
        let origlen = self.u32_at(b, 24);
        let Some(iface) = self.ifaces.get(usize::from(if_id)).copied() else {
            self.diag.frames += 1;
            self.diag.damage(Damage {
                frame: self.frames,
                offset,
                reason: DamageReason::UnknownInterface {
                    interface: u32::from(if_id),
                },
            });
            return Step::Nothing;
        };
        Step::Frame {
            range: self.reader.range(28, caplen),
            number: self.frames,
            timestamp_ns: self.iface_ts(&iface, high, low),
            iface: usize::from(if_id),
            original_len: origlen.max(caplen as u32),
            offset,
        }
    }
}

impl<R: Read> FileSource<R> {
    /// The next record, when the fast path can take it (nothing is consumed or
    /// counted otherwise).
    #[inline]
    pub(crate) fn next_fast(&mut self) -> Option<FastRecord> {
        if self.fast
            && !self.done
            && !self.tcp_pending
            && self.diag.damage_count <= self.damage_reported
        {
            match self.format {
                FileFormat::Pcap { .. } => self.fast_pcap(),
                FileFormat::PcapNg => self.fast_epb(),
            }
        } else {
            None
        }
    }
}

impl<R: Read> Source for FileSource<R> {
    #[inline]
    fn next_event(&mut self) -> Result<Option<Event<'_>>, SourceError> {
        {
            if let Some(r) = self.next_fast() {
                let payload = self
                    .reader
                    .buffer()
                    .get(r.at + r.udp.start..r.at + r.udp.end)
                    .unwrap_or(&[]);
                return Ok(Some(Event::Datagram(Datagram {
                    frame: r.number,
                    timestamp_ns: r.timestamp_ns,
                    interface: r.interface,
                    source: r.udp.source,
                    destination: r.udp.destination,
                    transport: Transport::Udp,
                    payload,
                    truncated: false,
                    stream: false,
                })));
            }
        }
        self.next_event_general()
    }

    fn diagnostics(&self) -> &Diagnostics {
        &self.diag
    }

    fn clock(&self) -> Clock {
        Clock::Recorded
    }
}

impl<R: Read> FileSource<R> {
    /// Everything but the fast path.
    #[inline(never)]
    fn next_event_general(&mut self) -> Result<Option<Event<'_>>, SourceError> {
        loop {
            if let Some(d) = self.diag.next_unreported(&mut self.damage_reported) {
                return Ok(Some(Event::Damage(d)));
            }
            if self.tcp_pending {
                if let Some(d) = self.decoder.pending(&mut self.diag) {
                    return Ok(Some(Event::Datagram(self.decoder.datagram(
                        d,
                        &[],
                        &mut self.diag,
                    ))));
                }
                self.tcp_pending = false;
            }
            if self.done {
                return Ok(None);
            }
            match self.step()? {
                Step::Frame {
                    range,
                    number,
                    timestamp_ns,
                    iface,
                    original_len,
                    offset,
                } => {
                    let Some(ifc) = self.ifaces.get(iface).copied() else {
                        continue;
                    };
                    // A Simple Packet Block has no timestamp: it gets the previous
                    // frame's, so that time never jumps back to 1970.
                    let timestamp_ns = if timestamp_ns == NO_TIMESTAMP {
                        self.last_timestamp_ns
                    } else {
                        self.last_timestamp_ns = timestamp_ns;
                        timestamp_ns
                    };
                    if let Some(info) = ifc.diag.and_then(|i| self.diag.interfaces.get_mut(i)) {
                        info.frames += 1;
                    }
                    let frame = Frame {
                        number,
                        timestamp_ns,
                        interface: ifc.id,
                        link_type: ifc.link_type,
                        data: &self.reader.buffer()[range.clone()],
                        original_len,
                        offset,
                    };
                    if let Some(d) = self.decoder.decode_frame(&frame, &mut self.diag) {
                        self.tcp_pending = matches!(d.loc, crate::decode::Loc::Tcp(_));
                        let data = &self.reader.buffer()[range];
                        return Ok(Some(Event::Datagram(self.decoder.datagram(
                            d,
                            data,
                            &mut self.diag,
                        ))));
                    }
                }
                Step::Interface(info) => return Ok(Some(Event::Interface(info))),
                Step::Statistics(s) => return Ok(Some(Event::InterfaceStatistics(s))),
                Step::Secrets(kind, range) => {
                    return Ok(Some(Event::DecryptionSecrets {
                        kind,
                        data: &self.reader.buffer()[range],
                    }));
                }
                Step::Nothing => {}
                Step::End => {
                    self.done = true;
                    self.decoder.finish(&mut self.diag);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use proptest::prelude::*;

    use super::*;

    /// Every event (as its `Debug` text, payload included), the result that ended
    /// the reading, and the diagnostics, with the fast path on or off.
    fn read_all(file: &[u8], fast: bool) -> (Vec<String>, String, Diagnostics) {
        read_counting(file, fast).0
    }

    /// [`read_all`] through [`FileSource::read_batch`], with a read buffer of
    /// `initial` bytes growing to `max`, next to the same reading event by event.
    fn read_both_ways(
        file: &[u8],
        initial: usize,
        max: usize,
    ) -> [(Vec<String>, String, Diagnostics); 2] {
        let config = DecoderConfig::default();
        let mut source = FileSource::with_buffer(file, config, initial, max).unwrap();
        let mut events = vec![];
        let end = loop {
            match source.next_event() {
                Ok(Some(e)) => events.push(format!("{e:?}")),
                other => break format!("{other:?}"),
            }
        };
        let plain = (events, end, source.diagnostics().clone());
        let mut source = FileSource::with_buffer(file, config, initial, max).unwrap();
        let mut batch = crate::Batch::new();
        let mut events = vec![];
        let end = loop {
            let r = source.read_batch(&mut batch);
            events.extend(batch.events().map(|e| format!("{e:?}")));
            match r {
                Ok(true) => {}
                Ok(false) => break "Ok(None)".to_owned(),
                Err(e) => break format!("{:?}", Err::<(), _>(e)),
            }
        };
        [plain, (events, end, source.diagnostics().clone())]
    }

    fn read_counting(file: &[u8], fast: bool) -> ((Vec<String>, String, Diagnostics), u64) {
        let mut source = FileSource::new(file).unwrap();
        source.fast = fast && source.fast;
        let mut events = vec![];
        let end = loop {
            match source.next_event() {
                Ok(Some(e)) => events.push(format!("{e:?}")),
                other => break format!("{other:?}"),
            }
        };
        (
            (events, end, source.diagnostics().clone()),
            source.fast_taken,
        )
    }

    /// A frame of `link` around an IPv4 or IPv6 UDP (or TCP) packet, before mutation.
    fn frame(link: u16, v6: bool, tcp: bool, payload_len: usize, seed: u8) -> Vec<u8> {
        let payload: Vec<u8> = (0..payload_len).map(|i| seed ^ i as u8).collect();
        let mut l4 = vec![0x13, 0x88, 0x13, 0x89];
        if tcp {
            l4.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0]);
        } else {
            l4.extend_from_slice(&((payload_len + 8) as u16).to_be_bytes());
            l4.extend_from_slice(&[0, 0]);
        }
        l4.extend_from_slice(&payload);
        let proto = if tcp { 6 } else { 17 };
        let mut ip = if v6 {
            let mut p = vec![0x60, 0, 0, 0];
            p.extend_from_slice(&(l4.len() as u16).to_be_bytes());
            p.extend_from_slice(&[proto, 64]);
            p.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
            p.extend_from_slice(&[seed; 12]);
            p.extend_from_slice(&[0xfe, 0x80, 0, 0]);
            p.extend_from_slice(&[!seed; 12]);
            p
        } else {
            let mut p = vec![0x45, 0];
            p.extend_from_slice(&((20 + l4.len()) as u16).to_be_bytes());
            p.extend_from_slice(&[0, 7, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, seed, 10, 0, 1, 2]);
            p
        };
        ip.extend_from_slice(&l4);
        let ethertype: [u8; 2] = if v6 { [0x86, 0xdd] } else { [0x08, 0x00] };
        let mut f = match LinkType(link) {
            LinkType::ETHERNET => [&[2u8; 12][..], &ethertype].concat(),
            LinkType::LINUX_SLL => [&[0u8; 14][..], &ethertype].concat(),
            LinkType::LINUX_SLL2 => [&ethertype[..], &[0u8; 18]].concat(),
            LinkType::NULL => vec![if v6 { 10 } else { 2 }, 0, 0, 0],
            _ => vec![],
        };
        f.extend_from_slice(&ip);
        f
    }

    /// One record: the frame's shape, byte mutations (offset, value) applied to it,
    /// how much of it the capture keeps, its original length, and a damaged record
    /// header now and then.
    type Rec = (
        bool,
        bool,
        usize,
        u8,
        Vec<(usize, u8)>,
        Option<usize>,
        u8,
        bool,
    );

    fn record() -> impl Strategy<Value = Rec> {
        (
            any::<bool>(),
            prop::bool::weighted(0.1),
            0usize..80,
            any::<u8>(),
            prop::collection::vec((0usize..80, any::<u8>()), 0..3),
            prop::option::weighted(0.2, 0usize..120),
            0u8..8,
            prop::bool::weighted(0.03),
        )
    }

    fn pcap(link: u16, big_endian: bool, nanos: bool, records: &[Rec]) -> Vec<u8> {
        let w = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let magic = if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 };
        let mut file = w(magic).to_vec();
        file.extend_from_slice(&if big_endian {
            [0, 2, 0, 4]
        } else {
            [2, 0, 4, 0]
        });
        file.extend_from_slice(&[0; 8]);
        file.extend_from_slice(&w(65535));
        file.extend_from_slice(&w(u32::from(link)));
        for (i, (v6, tcp, len, seed, muts, keep, extra, bad)) in records.iter().enumerate() {
            let mut f = frame(link, *v6, *tcp, *len, *seed);
            for &(at, v) in muts {
                if let Some(b) = f.get_mut(at) {
                    *b = v;
                }
            }
            let orig = f.len() as u32 + u32::from(*extra & 1) * 4;
            if let Some(keep) = keep {
                f.truncate(*keep);
            }
            let caplen = if *bad { 0x7fff_0000 } else { f.len() as u32 };
            file.extend_from_slice(&w(1_700_000_000 + i as u32));
            file.extend_from_slice(&w(u32::from(*extra) * 1000 + i as u32));
            file.extend_from_slice(&w(caplen));
            file.extend_from_slice(&w(orig));
            file.extend_from_slice(&f);
        }
        file
    }

    /// The same records as Enhanced Packet Blocks in one section (one interface, with
    /// nanosecond resolution when `nanos`); `extra & 2` adds a comment option and
    /// `extra & 4` an option running past the block (the general path's cases), a
    /// damaged record gets a wrong trailing length.
    fn pcapng(link: u16, big_endian: bool, nanos: bool, records: &[Rec]) -> Vec<u8> {
        let w = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let w16 = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut file = SHB.to_le_bytes().to_vec();
        file.extend_from_slice(&w(28));
        file.extend_from_slice(&w(0x1a2b_3c4d));
        file.extend_from_slice(&w16(1));
        file.extend_from_slice(&w16(0));
        file.extend_from_slice(&[0xff; 8]);
        file.extend_from_slice(&w(28));
        let mut idb = w16(link).to_vec();
        idb.extend_from_slice(&[0, 0]);
        idb.extend_from_slice(&w(65535));
        if nanos {
            idb.extend_from_slice(&w16(9));
            idb.extend_from_slice(&w16(1));
            idb.extend_from_slice(&[9, 0, 0, 0, 0, 0, 0, 0]);
        }
        file.extend_from_slice(&w(IDB));
        file.extend_from_slice(&w(12 + idb.len() as u32));
        file.extend_from_slice(&idb);
        file.extend_from_slice(&w(12 + idb.len() as u32));
        for (i, (v6, tcp, len, seed, muts, keep, extra, bad)) in records.iter().enumerate() {
            let mut f = frame(link, *v6, *tcp, *len, *seed);
            for &(at, v) in muts {
                if let Some(b) = f.get_mut(at) {
                    *b = v;
                }
            }
            let orig = f.len() as u32 + u32::from(*extra & 1) * 4;
            if let Some(keep) = keep {
                f.truncate(*keep);
            }
            let mut body = w(0).to_vec();
            let ts = 1_700_000_000_000_000u64 + i as u64 * 1_000 + u64::from(*extra);
            body.extend_from_slice(&w((ts >> 32) as u32));
            body.extend_from_slice(&w(ts as u32));
            body.extend_from_slice(&w(f.len() as u32));
            body.extend_from_slice(&w(orig));
            body.extend_from_slice(&f);
            body.resize(body.len().next_multiple_of(4), 0);
            if *extra & 2 != 0 {
                body.extend_from_slice(&w16(1));
                body.extend_from_slice(&w16(3));
                body.extend_from_slice(b"abc\0");
                body.extend_from_slice(&[0; 4]);
            }
            if *extra & 4 != 0 {
                // An option running past the block.
                body.extend_from_slice(&w16(1));
                body.extend_from_slice(&w16(200));
                body.extend_from_slice(b"abcd");
            }
            let len = 12 + body.len() as u32;
            file.extend_from_slice(&w(EPB));
            file.extend_from_slice(&w(len));
            file.extend_from_slice(&body);
            file.extend_from_slice(&w(if *bad { len + 4 } else { len }));
        }
        file
    }

    /// A pcap or pcapng file of up to `max_records` records ([`record`]) on one of the
    /// link types the fast path knows and some it does not, either byte order, micro-
    /// or nanoseconds.
    fn capture_file(max_records: usize) -> impl Strategy<Value = Vec<u8>> {
        (
            prop::sample::select(vec![1u16, 113, 276, 101, 12, 228, 229, 0]),
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec(record(), 1..max_records),
            any::<bool>(),
        )
            .prop_map(|(link, big_endian, nanos, records, ng)| {
                if ng {
                    pcapng(link, big_endian, nanos, &records)
                } else {
                    pcap(link, big_endian, nanos, &records)
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The fast paths change nothing: the same events, the same end and the same
        /// diagnostics as the general path, for pcap records and pcapng blocks around
        /// and beyond what they accept (other link types, TCP, mutated headers,
        /// fragments, cut frames, options, damaged record headers and blocks).
        #[test]
        fn fast_path_is_the_general_path(file in capture_file(12)) {
            let fast = read_all(&file, true);
            let general = read_all(&file, false);
            prop_assert_eq!(fast, general);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Batches give the events, end and diagnostics of event-by-event reading,
        /// with read buffers small enough that almost every record meets a swap.
        #[test]
        fn batches_are_the_events(
            file in capture_file(24),
            initial in 16usize..300,
            max in 300usize..2000,
        ) {
            let [plain, batched] = read_both_ways(&file, initial, max);
            prop_assert_eq!(batched, plain);
        }
    }

    /// Every capture of `testdata/` (real ones, damaged ones, every format and link
    /// type of the corpus) reads the same in batches, with the default buffer and
    /// with a small one.
    #[test]
    fn batches_are_the_events_on_the_test_captures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        let mut dirs = vec![root];
        let mut files = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = path.to_string_lossy();
                if !(name.ends_with(".pcap") || name.ends_with(".pcapng")) {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                for (initial, max) in [(64 * 1024, READ_BUFFER_LEN + MAX_RECORD_LEN), (512, 70_000)]
                {
                    let [plain, batched] = read_both_ways(&bytes, initial, max);
                    assert!(!plain.0.is_empty(), "{name}: no events");
                    assert_eq!(batched, plain, "{name} with a {max}-byte buffer");
                }
                files += 1;
            }
        }
        assert!(files > 50, "{files} captures found");
    }

    #[test]
    fn fast_path_taken_and_counted() {
        // Ethernet/IPv4/UDP, SLL/IPv6/UDP: datagrams equal to the general path's.
        for (link, v6) in [(1, false), (113, true), (276, false), (101, true)] {
            let recs: Vec<Rec> = (0..5)
                .map(|i| (v6, false, 10 * i, i as u8, vec![], None, 0, false))
                .collect();
            for file in [
                pcap(link, false, false, &recs),
                pcapng(link, true, true, &recs),
            ] {
                let ((events, end, diag), taken) = read_counting(&file, true);
                assert_eq!(taken, 5);
                assert_eq!(end, "Ok(None)");
                assert_eq!(diag.udp_datagrams, 5);
                assert_eq!(diag.frames, 5);
                assert_eq!((events, diag), {
                    let (e, _, d) = read_all(&file, false);
                    (e, d)
                });
            }
        }
    }
}
