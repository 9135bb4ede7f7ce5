//! `capture/extract`: datagrams out of a pcap (rtcinspect-capture: record walk, link
//! layer, IPv4, UDP, payload slice) beside a bare `pcap-parser` record walk over the
//! same bytes; and the generator of the synthetic RTP capture the big-file
//! measurement reads (`examples/make_big_pcap.rs`).

use std::io::{self, Read, Write};

use pcap_parser::{LegacyPcapReader, PcapBlockOwned, PcapError, traits::PcapReaderIterator};
use rtcinspect_capture::{Event, FileSource, Source};

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

/// rtcinspect-capture: every datagram with its addresses and payload.
pub fn extract_rtcinspect(input: impl Read) -> Walked {
    let mut w = Walked::default();
    let Ok(mut source) = FileSource::new(input) else {
        return w;
    };
    while let Ok(Some(event)) = source.next_event() {
        if let Event::Datagram(d) = event {
            w.bytes += d.payload.len() as u64;
            w.lengths = mix(w.lengths, d.payload.len() as u64 + 42);
            // Read what a consumer reads: ports and the first payload byte.
            w.bytes += u64::from(d.source.port() == 0) + u64::from(d.payload.first() == Some(&0));
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
