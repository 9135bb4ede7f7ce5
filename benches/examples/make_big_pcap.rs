//! Writes the synthetic RTP captures of the big-file measurements (never committed):
//!
//! ```text
//! cargo run --release -p rtcinspect-benches --example make_big_pcap -- OUT [PACKETS] [OPTIONS]
//!   PACKETS          records to write (default 1.5 million)
//!   --profile P      plain (default: two streams, no loss, about 1.6 GB for 1.5 M),
//!                    av (calls of Opus + VP8 on one 5-tuple, about 1.05 KB a record:
//!                    1.5 M records = about 1.6 GB), or
//!                    audio (calls of two PCMU streams, 214-byte frames: 1.5 M
//!                    records = about 345 MB)
//!   --calls N        calls (default 4 for av, 100 for audio)
//!   --loss P         drop probability per packet (default 0.01)
//!   --reorder P      probability a packet is written after its successor (0.005)
//!   --seed S         random seed (default 1)
//! ```
//!
//! With `av` / `audio`, the exact ground truth of every stream (sequence numbers
//! used, records written, dropped, reordered, RFC 3550 expected and lost at the
//! receiver) goes to `OUT.truth.tsv`.

use std::io::{BufWriter, Write};

use rtcinspect_benches::capture::{Profile, SessionConfig, write_rtp_pcap, write_session_pcap};

fn usage() -> ! {
    eprintln!(
        "usage: make_big_pcap OUT [PACKETS] [--profile plain|av|audio] [--calls N] [--loss P] [--reorder P] [--seed S]"
    );
    std::process::exit(2);
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else { usage() };
    let mut packets = 1_500_000u64;
    let (mut profile, mut calls, mut loss, mut reorder, mut seed) =
        ("plain".to_owned(), None, 0.01, 0.005, 1u64);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--profile" => profile = value(),
            "--calls" => calls = Some(value().parse().unwrap_or_else(|_| usage())),
            "--loss" => loss = value().parse().unwrap_or_else(|_| usage()),
            "--reorder" => reorder = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            n => packets = n.parse().unwrap_or_else(|_| usage()),
        }
    }
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    let profile = match profile.as_str() {
        "plain" => return write_rtp_pcap(&mut out, packets),
        "av" => Profile::AudioVideo,
        "audio" => Profile::SmallAudio,
        _ => usage(),
    };
    let cfg = SessionConfig {
        profile,
        packets,
        calls: calls.unwrap_or(if profile == Profile::AudioVideo {
            4
        } else {
            100
        }),
        loss,
        reorder,
        seed,
    };
    let truth = write_session_pcap(&mut out, &cfg)?;
    out.flush()?;
    let mut t = BufWriter::new(std::fs::File::create(format!("{path}.truth.tsv"))?);
    writeln!(
        t,
        "ssrc\tpt\tfirst_seq\tsent\twritten\tdropped\treordered\texpected\tlost"
    )?;
    for s in &truth {
        writeln!(
            t,
            "0x{:08X}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.ssrc,
            s.payload_type,
            s.first_seq,
            s.sent,
            s.written,
            s.dropped,
            s.reordered,
            s.expected,
            s.lost()
        )?;
    }
    t.flush()
}
