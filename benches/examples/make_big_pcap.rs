//! Writes the synthetic RTP capture of the big-file measurement (never committed):
//! `cargo run --release -p rtcinspect-benches --example make_big_pcap -- OUT [PACKETS]`
//! (default 1.5 million packets, about 1.6 GB).

use std::io::BufWriter;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: make_big_pcap OUT [PACKETS]");
        std::process::exit(2);
    };
    let packets = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_500_000);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    rtcinspect_benches::capture::write_rtp_pcap(&mut out, packets)
}
