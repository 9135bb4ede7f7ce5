//! Decodes UDP payloads stored one per file (as in `testdata/packets/`) and prints what
//! each one is.
//!
//! ```text
//! cargo run -p rtcinspect-wire --example decode -- testdata/packets/rtp/*.bin
//! ```
#![allow(clippy::print_stdout)]

use std::{env, fs, process::ExitCode};

use rtcinspect_wire::demux::classify;

fn main() -> ExitCode {
    let paths: Vec<String> = env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: decode FILE...   (each FILE holds one UDP payload)");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for path in paths {
        match fs::read(&path) {
            Ok(bytes) => println!("{path}: {} bytes, {}", bytes.len(), classify(&bytes)),
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::from(1);
            }
        }
    }
    status
}
