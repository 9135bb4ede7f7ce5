//! The bare pcap-parser record walk over a file, for the big-file measurement:
//! `pcap_walk FILE` prints records and captured bytes.
#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pcap_walk FILE");
        std::process::exit(2);
    };
    let w = rtcinspect_benches::capture::walk_pcap_parser(std::fs::File::open(path)?);
    println!("{} records, {} bytes", w.records, w.bytes);
    Ok(())
}
