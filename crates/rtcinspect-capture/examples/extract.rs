//! Reads a capture (a path, or `-` for standard input) and prints one line per
//! datagram (`--print`) or a summary: datagram and byte counts, damage, diagnostics.
//!
//! ```sh
//! cargo run --release -p rtcinspect-capture --example extract -- capture.pcapng
//! tcpdump -i lo -w - udp | cargo run --release -p rtcinspect-capture --example extract -- - --print
//! ```
//!
//! `--segments` delivers TCP segments as they are instead of framed messages.
#![allow(clippy::print_stdout)]

use std::io::Write;

use rtcinspect_capture::{DecoderConfig, Event, FileSource, Source, SourceError, TcpMode};

fn main() {
    match run() {
        Ok(()) => {}
        Err(e) => {
            eprintln!("extract: {e}");
            std::process::exit(1);
        }
    }
}

fn run() -> Result<(), SourceError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let print = args.iter().any(|a| a == "--print");
    let segments = args.iter().any(|a| a == "--segments");
    let Some(path) = args.iter().find(|a| !a.starts_with("--") || *a == "-") else {
        eprintln!("usage: extract FILE|- [--print] [--segments]");
        std::process::exit(2);
    };
    let config = DecoderConfig::default().tcp_mode(if segments {
        TcpMode::Segments
    } else {
        TcpMode::Framed
    });
    let mut source = FileSource::open_with(path, config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut n, mut bytes, mut checksum) = (0u64, 0u64, 0u64);
    while let Some(event) = source.next_event()? {
        match event {
            Event::Datagram(d) => {
                n += 1;
                bytes += d.payload.len() as u64;
                checksum = checksum
                    .wrapping_mul(31)
                    .wrapping_add(d.payload.first().copied().unwrap_or(0).into())
                    .wrapping_add(d.source.port().into());
                if print {
                    let _ = writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        d.frame,
                        d.timestamp_ns,
                        d.source,
                        d.destination,
                        d.transport.name(),
                        d.payload.len(),
                        if d.truncated { "truncated" } else { "" }
                    );
                }
            }
            Event::Damage(d) => {
                let _ = writeln!(out, "damage: {d}");
            }
            _ => {}
        }
    }
    let diag = source.diagnostics();
    let _ = writeln!(
        out,
        "{n} datagrams, {bytes} payload bytes, checksum {checksum:x}; {} frames, {} damaged; unsupported link types {:?}",
        diag.frames,
        diag.damage_count,
        diag.unsupported_link_types.iter().collect::<Vec<_>>()
    );
    Ok(())
}
