//! `capture/extract`: datagrams out of a pcap (rtcinspect-capture: record walk, link
//! layer, IPv4, UDP, payload slice) beside a bare `pcap-parser` record walk over the
//! same bytes; and the generator of the synthetic RTP capture the big-file
//! measurement reads (`examples/make_big_pcap.rs`): the plain one
//! ([`write_rtp_pcap`]) and the session one with loss, reordering and exact
//! ground truth ([`write_session_pcap`]).

use std::io::{self, Read, Write};

use pcap_parser::{LegacyPcapReader, PcapBlockOwned, PcapError, traits::PcapReaderIterator};
use rtcinspect_capture::{Event, FileSource, ReadAhead, Source};

use crate::mix;

/// Writes a pcap (little-endian, microseconds, Ethernet) of `packets` RTP packets
/// over UDP/IPv4: per 10 packets, 2 audio (172-byte RTP) and 8 video (1200-byte
/// RTP), 20 ms apart per stream; about 1.05 KB a record on average.
pub fn write_rtp_pcap(out: &mut impl Write, packets: u64) -> io::Result<()> {
    let mut header = Vec::with_capacity(24);
    header.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    header.extend_from_slice(&262_144u32.to_le_bytes());
    header.extend_from_slice(&1u32.to_le_bytes());
    out.write_all(&header)?;
    let mut frame = Vec::with_capacity(1400);
    for i in 0..packets {
        let audio = i % 10 < 2;
        let rtp_len = if audio { 172 } else { 1200 };
        frame.clear();
        frame.extend_from_slice(&[0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00]);
        let ip_len = 20 + 8 + rtp_len;
        frame.extend_from_slice(&[0x45, 0]);
        frame.extend_from_slice(&(ip_len as u16).to_be_bytes());
        frame.extend_from_slice(&(i as u16).to_be_bytes());
        frame.extend_from_slice(&[0x40, 0, 64, 17, 0, 0, 192, 168, 1, 10, 192, 168, 1, 20]);
        let (sport, dport) = if audio {
            (50000u16, 40000u16)
        } else {
            (50002, 40002)
        };
        frame.extend_from_slice(&sport.to_be_bytes());
        frame.extend_from_slice(&dport.to_be_bytes());
        frame.extend_from_slice(&((8 + rtp_len) as u16).to_be_bytes());
        frame.extend_from_slice(&[0, 0]);
        frame.extend_from_slice(&[0x80, if audio { 111 } else { 96 }]);
        frame.extend_from_slice(&(i as u16).to_be_bytes());
        frame.extend_from_slice(&((i * 960) as u32).to_be_bytes());
        frame.extend_from_slice(&(if audio { 0x1111_1111u32 } else { 0x2222_2222 }).to_be_bytes());
        frame.resize(14 + ip_len, (i & 0xff) as u8);
        let ts_us = i * 2_000;
        let mut rec = [0u8; 16];
        rec[0..4].copy_from_slice(&((1_700_000_000 + ts_us / 1_000_000) as u32).to_le_bytes());
        rec[4..8].copy_from_slice(&((ts_us % 1_000_000) as u32).to_le_bytes());
        rec[8..12].copy_from_slice(&(frame.len() as u32).to_le_bytes());
        rec[12..16].copy_from_slice(&(frame.len() as u32).to_le_bytes());
        out.write_all(&rec)?;
        out.write_all(&frame)?;
    }
    Ok(())
}

/// The synthetic capture in memory.
pub fn rtp_pcap(packets: u64) -> Vec<u8> {
    let mut v = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_rtp_pcap(&mut v, packets);
    v
}

/// What one pass over a capture saw: records, payload bytes, a checksum of the
/// records' lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walked {
    /// Records (frames) read.
    pub records: u64,
    /// rtcinspect: UDP payload bytes; pcap-parser: captured bytes.
    pub bytes: u64,
    /// Checksum over the frame lengths (captured length for pcap-parser, payload
    /// length + 42 for rtcinspect on Ethernet/IPv4/UDP frames): equal when both
    /// walked the same records.
    pub lengths: u64,
}

impl Walked {
    /// Counts one event: a datagram's payload length, and what a consumer reads (its
    /// ports and first payload byte).
    #[inline]
    fn add(&mut self, event: &Event<'_>) {
        if let Event::Datagram(d) = event {
            self.bytes += d.payload.len() as u64;
            self.lengths = mix(self.lengths, d.payload.len() as u64 + 42);
            self.bytes +=
                u64::from(d.source.port() == 0) + u64::from(d.payload.first() == Some(&0));
        }
    }

    /// Every event of `source`, then its frame count.
    fn drain(source: &mut impl Source) -> Walked {
        let mut w = Walked::default();
        while let Ok(Some(event)) = source.next_event() {
            w.add(&event);
        }
        w.records = source.diagnostics().frames;
        w
    }
}

/// rtcinspect-capture: every datagram with its addresses and payload.
pub fn extract_rtcinspect(input: impl Read) -> Walked {
    match FileSource::new(input) {
        Ok(mut source) => Walked::drain(&mut source),
        Err(_) => Walked::default(),
    }
}

/// [`extract_rtcinspect`] with the file read on its own thread ([`ReadAhead`]): what
/// the consumer pays to receive the datagrams from the reading thread.
pub fn extract_read_ahead(input: impl Read + Send + 'static) -> Walked {
    let Ok(source) = FileSource::new(input) else {
        return Walked::default();
    };
    match ReadAhead::spawn(source) {
        Ok(mut source) => Walked::drain(&mut source),
        Err(_) => Walked::default(),
    }
}

/// [`extract_rtcinspect`] through [`FileSource::read_batch`] on one thread: the cost
/// of batching itself, without a second thread.
pub fn extract_batches(input: impl Read) -> Walked {
    let mut w = Walked::default();
    let Ok(mut source) = FileSource::new(input) else {
        return w;
    };
    let mut batch = rtcinspect_capture::Batch::new();
    loop {
        let more = source.read_batch(&mut batch);
        for event in batch.events() {
            w.add(&event);
        }
        if !matches!(more, Ok(true)) {
            break;
        }
    }
    w.records = source.diagnostics().frames;
    w
}

/// pcap-parser: the bare record walk (`LegacyPcapReader`, 1 MiB buffer).
pub fn walk_pcap_parser(input: impl Read) -> Walked {
    let mut w = Walked::default();
    let Ok(mut reader) = LegacyPcapReader::new(1 << 20, input) else {
        return w;
    };
    loop {
        match reader.next() {
            Ok((offset, block)) => {
                if let PcapBlockOwned::Legacy(b) = block {
                    w.records += 1;
                    w.bytes += u64::from(b.caplen);
                    w.lengths = mix(w.lengths, u64::from(b.caplen));
                    w.bytes += u64::from(b.data.first() == Some(&0));
                }
                reader.consume(offset);
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => {
                if reader.refill().is_err() {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    w
}

/// The shape of a synthetic session capture written by [`write_session_pcap`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Profile {
    /// Calls of one Opus audio (172-byte RTP every 20 ms) and one VP8 video
    /// (1200-byte RTP every 5 ms, 8 packets per frame) stream each, both on the
    /// call's one 5-tuple (BUNDLE): about 1 KB a record on average.
    AudioVideo,
    /// Calls of two PCMU audio streams (one each way, 172-byte RTP every 20 ms,
    /// 214-byte Ethernet frames).
    SmallAudio,
}

/// What [`write_session_pcap`] writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionConfig {
    /// Stream mix.
    pub profile: Profile,
    /// Records to write (the generator stops after this many).
    pub packets: u64,
    /// Number of calls (each call has its own addresses and 5-tuple).
    pub calls: u32,
    /// Probability that a packet is dropped (its sequence number is used up).
    pub loss: f64,
    /// Probability that a packet is held back and written right after the next
    /// packet of its stream (reordering by one).
    pub reorder: f64,
    /// Seed of the generator's random numbers (xorshift64*).
    pub seed: u64,
}

/// Exact ground truth of one stream of a synthetic session capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StreamTruth {
    /// SSRC.
    pub ssrc: u32,
    /// Payload type.
    pub payload_type: u8,
    /// Sequence numbers used (written + dropped; a held packet still unwritten
    /// at the end counts as dropped).
    pub sent: u64,
    /// Records written.
    pub written: u64,
    /// Packets dropped.
    pub dropped: u64,
    /// Packets written after a packet with a higher sequence number.
    pub reordered: u64,
    /// First sequence number.
    pub first_seq: u16,
    /// RFC 3550 expected count at the receiver: highest extended sequence
    /// number written - first written + 1.
    pub expected: u64,
}

impl StreamTruth {
    /// RFC 3550 cumulative loss at the receiver: expected - written.
    pub fn lost(&self) -> i64 {
        self.expected as i64 - self.written as i64
    }
}

struct GenStream {
    truth: StreamTruth,
    src: [u8; 4],
    dst: [u8; 4],
    sport: u16,
    dport: u16,
    rtp_len: usize,
    interval_us: u64,
    next_us: u64,
    ts_step: u32,
    per_frame: u32,
    seq: u16,
    ext_seq: u64,
    first_ext: Option<u64>,
    max_ext: u64,
    ts: u32,
    index: u32,
    held: Option<(u64, u16, u32, bool)>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

fn pcap_header(out: &mut impl Write) -> io::Result<()> {
    let mut header = Vec::with_capacity(24);
    header.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    header.extend_from_slice(&262_144u32.to_le_bytes());
    header.extend_from_slice(&1u32.to_le_bytes());
    out.write_all(&header)
}

#[allow(clippy::too_many_arguments)]
fn write_record(
    out: &mut impl Write,
    frame: &mut Vec<u8>,
    s: &GenStream,
    time_us: u64,
    seq: u16,
    ts: u32,
    marker: bool,
    ip_id: u16,
) -> io::Result<()> {
    frame.clear();
    frame.extend_from_slice(&[0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00]);
    let ip_len = 20 + 8 + s.rtp_len;
    frame.extend_from_slice(&[0x45, 0]);
    frame.extend_from_slice(&(ip_len as u16).to_be_bytes());
    frame.extend_from_slice(&ip_id.to_be_bytes());
    frame.extend_from_slice(&[0x40, 0, 64, 17, 0, 0]);
    frame.extend_from_slice(&s.src);
    frame.extend_from_slice(&s.dst);
    frame.extend_from_slice(&s.sport.to_be_bytes());
    frame.extend_from_slice(&s.dport.to_be_bytes());
    frame.extend_from_slice(&((8 + s.rtp_len) as u16).to_be_bytes());
    frame.extend_from_slice(&[0, 0]);
    frame.extend_from_slice(&[0x80, s.truth.payload_type | if marker { 0x80 } else { 0 }]);
    frame.extend_from_slice(&seq.to_be_bytes());
    frame.extend_from_slice(&ts.to_be_bytes());
    frame.extend_from_slice(&s.truth.ssrc.to_be_bytes());
    frame.resize(14 + ip_len, (seq & 0xff) as u8);
    let t = 1_700_000_000_000_000 + time_us;
    let mut rec = [0u8; 16];
    rec[0..4].copy_from_slice(&((t / 1_000_000) as u32).to_le_bytes());
    rec[4..8].copy_from_slice(&((t % 1_000_000) as u32).to_le_bytes());
    rec[8..12].copy_from_slice(&(frame.len() as u32).to_le_bytes());
    rec[12..16].copy_from_slice(&(frame.len() as u32).to_le_bytes());
    out.write_all(&rec)?;
    out.write_all(frame)
}

/// Writes a pcap (little-endian, microseconds, Ethernet, UDP/IPv4) of several
/// calls' RTP streams with seeded loss and reordering, and returns each stream's
/// exact ground truth (per call: its first stream, then its second). Sequence numbers start
/// near 65535 for every other stream, so long captures wrap them.
pub fn write_session_pcap(
    out: &mut impl Write,
    cfg: &SessionConfig,
) -> io::Result<Vec<StreamTruth>> {
    pcap_header(out)?;
    let mut rng = Rng(cfg.seed.max(1));
    let mut streams = Vec::new();
    for call in 0..cfg.calls.max(1) {
        let a = [10, 1, (call >> 8) as u8, call as u8];
        let b = [10, 2, (call >> 8) as u8, call as u8];
        let port = 20_000 + (call % 20_000) as u16 * 2;
        let kinds: [(bool, bool); 2] = match cfg.profile {
            // (audio?, reverse direction?)
            Profile::AudioVideo => [(true, false), (false, false)],
            Profile::SmallAudio => [(true, false), (true, true)],
        };
        for (k, (audio, reverse)) in kinds.into_iter().enumerate() {
            let ssrc = (rng.next() >> 32) as u32;
            let first_seq = if (call + k as u32) % 2 == 0 {
                65_000u16.wrapping_add((rng.next() % 500) as u16)
            } else {
                (rng.next() % 30_000) as u16
            };
            let (src, dst) = if reverse { (b, a) } else { (a, b) };
            let (pt, rtp_len, interval_us, ts_step, per_frame) = match (cfg.profile, audio) {
                (Profile::AudioVideo, true) => (111, 172, 20_000, 960, 1),
                // 25 frames/s of 8 packets on a 90 kHz clock (a step of 3000 at this
                // pace was a 75 kHz clock, which no rate estimate accepts).
                (Profile::AudioVideo, false) => (96, 1200, 5_000, 3600, 8),
                (Profile::SmallAudio, _) => (0, 172, 20_000, 160, 1),
            };
            streams.push(GenStream {
                truth: StreamTruth {
                    ssrc,
                    payload_type: pt,
                    first_seq,
                    ..StreamTruth::default()
                },
                src,
                dst,
                sport: port,
                dport: port,
                rtp_len,
                interval_us,
                // spread the calls' start over the first 20 ms
                next_us: (u64::from(call) * 20_000 / u64::from(cfg.calls.max(1)))
                    + k as u64 * 1_000,
                ts_step,
                per_frame,
                seq: first_seq,
                ext_seq: 65_536 + u64::from(first_seq),
                first_ext: None,
                max_ext: 0,
                ts: (rng.next() >> 32) as u32,
                index: 0,
                held: None,
            });
        }
    }
    let mut frame = Vec::with_capacity(1400);
    let mut written = 0u64;
    let mut order: std::collections::BinaryHeap<std::cmp::Reverse<(u64, usize)>> = streams
        .iter()
        .enumerate()
        .map(|(i, s)| std::cmp::Reverse((s.next_us, i)))
        .collect();
    while written < cfg.packets {
        let Some(std::cmp::Reverse((now, i))) = order.pop() else {
            break;
        };
        let s = &mut streams[i];
        let (seq, ext, ts) = (s.seq, s.ext_seq, s.ts);
        let marker = (s.index + 1) % s.per_frame == 0;
        s.index += 1;
        if s.index % s.per_frame == 0 {
            s.ts = s.ts.wrapping_add(s.ts_step);
        }
        s.seq = s.seq.wrapping_add(1);
        s.ext_seq += 1;
        s.next_us += s.interval_us;
        order.push(std::cmp::Reverse((s.next_us, i)));
        s.truth.sent += 1;
        if rng.chance(cfg.loss) {
            s.truth.dropped += 1;
            continue;
        }
        if s.held.is_none() && rng.chance(cfg.reorder) {
            s.held = Some((ext, seq, ts, marker));
            continue;
        }
        let mut emit = vec![(ext, seq, ts, marker)];
        emit.extend(s.held.take());
        for (ext, seq, ts, marker) in emit {
            if written == cfg.packets {
                break;
            }
            let s = &mut streams[i];
            if ext < s.max_ext {
                s.truth.reordered += 1;
            }
            s.max_ext = s.max_ext.max(ext);
            let first = *s.first_ext.get_or_insert(ext);
            s.truth.expected = s.max_ext - first + 1;
            s.truth.written += 1;
            write_record(out, &mut frame, s, now, seq, ts, marker, written as u16)?;
            written += 1;
        }
    }
    for s in &mut streams {
        if s.held.take().is_some() {
            s.truth.dropped += 1;
        }
        if s.first_ext.is_some() {
            s.truth.first_seq = (s.first_ext.unwrap_or(0) & 0xffff) as u16;
        }
    }
    Ok(streams.into_iter().map(|s| s.truth).collect())
}
