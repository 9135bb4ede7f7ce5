//! Sends RTP packets to 127.0.0.1 at a given rate, for measuring the live dashboard:
//!
//! ```text
//! cargo run --release -p rtcinspect-tui --example rtp_blast -- PORT PACKETS RATE_PPS [STREAMS]
//! ```
//!
//! Packets: V=2, PT 96, 160-byte payload, SSRCs 0x10000000 + stream number, sent round
//! robin from one socket; prints how many were sent and the rate achieved.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::net::UdpSocket;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap_or(0))
        .collect();
    let (port, total, rate) = match args.as_slice() {
        [p, n, r, ..] => (*p as u16, *n, (*r).max(1)),
        _ => {
            eprintln!("usage: rtp_blast PORT PACKETS RATE_PPS [STREAMS]");
            std::process::exit(2);
        }
    };
    let streams = args.get(3).copied().unwrap_or(10).max(1);
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    let start = Instant::now();
    let mut packet = vec![0u8; 12 + 160];
    packet[0] = 0x80;
    packet[1] = 96;
    for i in 0..total {
        let stream = i % streams;
        let n = i / streams;
        packet[2..4].copy_from_slice(&(n as u16).to_be_bytes());
        packet[4..8].copy_from_slice(&((n as u32).wrapping_mul(960)).to_be_bytes());
        packet[8..12].copy_from_slice(&(0x1000_0000u32 + stream as u32).to_be_bytes());
        while s.send_to(&packet, ("127.0.0.1", port)).is_err() {}
        // Pace in batches of 100 against the clock.
        if i % 100 == 99 {
            let due = Duration::from_secs_f64((i + 1) as f64 / rate as f64);
            if let Some(wait) = due.checked_sub(start.elapsed()) {
                std::thread::sleep(wait);
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "sent {total} packets in {secs:.2} s: {:.0} packets/s",
        total as f64 / secs
    );
}
