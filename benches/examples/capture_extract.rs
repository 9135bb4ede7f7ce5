//! rtcinspect-capture over a file, for the big-file measurement:
//! `capture_extract FILE [--in-memory]` prints records and payload bytes. With
//! `--in-memory` the whole file is read into memory first and parsed from the slice
//! (no I/O in the loop: the upper bound an mmap reader could reach, at the cost of
//! memory proportional to the file). With `--read-ahead` the file is read on a
//! thread of its own (`ReadAhead`) and the datagrams consumed on the main thread.
#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: capture_extract FILE [--in-memory]");
        std::process::exit(2);
    };
    let w = if args.iter().any(|a| a == "--batches") {
        rtcinspect_benches::capture::extract_batches(std::fs::File::open(path)?)
    } else if args.iter().any(|a| a == "--read-ahead") {
        rtcinspect_benches::capture::extract_read_ahead(std::fs::File::open(path)?)
    } else if args.iter().any(|a| a == "--in-memory") {
        let bytes = std::fs::read(path)?;
        rtcinspect_benches::capture::extract_rtcinspect(&bytes[..])
    } else {
        rtcinspect_benches::capture::extract_rtcinspect(std::fs::File::open(path)?)
    };
    println!("{} records, {} payload bytes", w.records, w.bytes);
    Ok(())
}
