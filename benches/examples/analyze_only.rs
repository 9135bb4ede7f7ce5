//! The analysis engine alone, for profiling its per-packet cost:
//! `analyze_only FILE [PACKETS] [ROUNDS]` reads the first PACKETS datagrams of FILE
//! (default 300,000) into memory, then feeds them to a fresh `Analyzer` ROUNDS times
//! (default 7) and prints the median time per datagram. No I/O and no second thread
//! are measured: what the reading thread hides, this shows. Under
//! `valgrind --tool=cachegrind`, the difference between 2 rounds and 1 is the
//! instruction count of one round, repeatable where times are not.
#![allow(clippy::print_stdout)]

use std::net::SocketAddr;
use std::time::Instant;

use rtcinspect_analysis::{Analyzer, Config};
use rtcinspect_capture::{Datagram, Event, FileSource, Source, Transport};

struct Held {
    frame: u64,
    timestamp_ns: i64,
    source: SocketAddr,
    destination: SocketAddr,
    transport: Transport,
    range: std::ops::Range<usize>,
    truncated: bool,
    stream: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: analyze_only FILE [PACKETS] [ROUNDS]");
        std::process::exit(2);
    };
    let limit: usize = args.get(1).map_or(Ok(300_000), |a| a.parse())?;
    let rounds: usize = args.get(2).map_or(Ok(7), |a| a.parse())?;
    let mut source = FileSource::new(std::io::BufReader::new(std::fs::File::open(path)?))?;
    let mut bytes = Vec::new();
    let mut held = Vec::new();
    while held.len() < limit {
        let Some(event) = source.next_event()? else {
            break;
        };
        if let Event::Datagram(d) = event {
            let start = bytes.len();
            bytes.extend_from_slice(d.payload);
            held.push(Held {
                frame: d.frame,
                timestamp_ns: d.timestamp_ns,
                source: d.source,
                destination: d.destination,
                transport: d.transport,
                range: start..bytes.len(),
                truncated: d.truncated,
                stream: d.stream,
            });
        }
    }
    let mut times = Vec::new();
    let mut streams = 0;
    for _ in 0..rounds {
        let mut analyzer = Analyzer::new(Config::default());
        let start = Instant::now();
        for h in &held {
            analyzer.ingest(&Datagram {
                frame: h.frame,
                timestamp_ns: h.timestamp_ns,
                interface: 0,
                source: h.source,
                destination: h.destination,
                transport: h.transport,
                payload: &bytes[h.range.clone()],
                truncated: h.truncated,
                stream: h.stream,
            });
        }
        times.push(start.elapsed().as_secs_f64());
        streams = std::hint::black_box(analyzer.snapshot()).streams.len();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{} datagrams, {} streams: median {:.1} ms, {:.1} ns/datagram (min {:.1})",
        held.len(),
        streams,
        median * 1e3,
        median * 1e9 / held.len() as f64,
        times[0] * 1e9 / held.len() as f64
    );
    Ok(())
}
