//! The dashboard without the `rtcinspect` binary:
//!
//! ```text
//! cargo run -p rtcinspect-tui --example dashboard -- FILE.pcap [FILE...]
//! cargo run -p rtcinspect-tui --example dashboard -- --live IFACE [FILTER]
//! cargo run -p rtcinspect-tui --example dashboard -- --demo [STREAMS]
//! ```
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use rtcinspect_tui::{Options, run_file, run_live};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = Options::default();
    let result = match args.first().map(String::as_str) {
        Some("--live") => {
            let Some(iface) = args.get(1) else {
                eprintln!("usage: dashboard --live IFACE [FILTER]");
                std::process::exit(2);
            };
            run_live(iface, args.get(2).map(String::as_str), &options)
        }
        Some("--demo") => {
            let n = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(12);
            let report = rtcinspect_tui::demo::report(n, 60);
            rtcinspect_tui::run_report(report, &options)
        }
        Some(_) => {
            let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
            run_file(&paths, &options)
        }
        None => {
            eprintln!("usage: dashboard FILE... | --live IFACE [FILTER] | --demo [STREAMS]");
            std::process::exit(2);
        }
    };
    match result {
        Ok(status) => std::process::exit(status.code()),
        Err(e) => {
            eprintln!("rtcinspect: {e}");
            std::process::exit(1);
        }
    }
}
