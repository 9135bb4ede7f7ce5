//! Live capture on the loopback interface: a bounded, known number of UDP datagrams
//! sent to 127.0.0.1 are all received, once each, with their ports and payloads.
//! Skipped (with a message) without root or CAP_NET_RAW.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failure is the test failing.
#![cfg(target_os = "linux")]

use std::net::UdpSocket;
use std::time::Duration;

use rtcinspect_capture::{Clock, Event, LiveConfig, LiveSource, Source, SourceError, Transport};

const COUNT: u32 = 200;

fn capture(interface: &str) {
    let receiver = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = receiver.local_addr().unwrap().port();
    let filter = format!("udp and dst port {port}").parse().unwrap();
    let config = LiveConfig::new(interface)
        .filter(filter)
        .duration(Some(Duration::from_secs(20)));
    let mut source = match LiveSource::open(config) {
        Ok(s) => s,
        Err(e @ SourceError::PermissionDenied { .. }) => {
            eprintln!("SKIPPED live capture test on {interface}: {e}");
            return;
        }
        Err(e) => panic!("opening live capture on {interface}: {e}"),
    };
    assert_eq!(source.clock(), Clock::Live);
    let stop = source.stop_handle();
    let sender = std::thread::spawn(move || {
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        for i in 0..COUNT {
            let payload = format!("rtcinspect live test datagram {i:04}");
            s.send_to(payload.as_bytes(), ("127.0.0.1", port)).unwrap();
            if i % 20 == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        s.local_addr().unwrap().port()
    });
    let mut seen = vec![0u32; COUNT as usize];
    let mut received = 0;
    let mut last_ts = 0;
    while let Some(event) = source.next_event().unwrap() {
        if let Event::Datagram(d) = event {
            assert_eq!(d.transport, Transport::Udp);
            assert_eq!(d.destination.port(), port);
            assert!(!d.truncated);
            assert!(d.timestamp_ns >= last_ts, "kernel timestamps go forward");
            last_ts = d.timestamp_ns;
            let text = std::str::from_utf8(d.payload).unwrap();
            let i: usize = text
                .strip_prefix("rtcinspect live test datagram ")
                .unwrap()
                .parse()
                .unwrap();
            seen[i] += 1;
            received += 1;
            if received == COUNT {
                stop.stop();
            }
        }
    }
    let sport = sender.join().unwrap();
    assert!(sport != 0);
    assert!(
        seen.iter().all(|&n| n == 1),
        "each datagram exactly once: {seen:?}"
    );
    let diag = source.diagnostics();
    assert_eq!(diag.udp_datagrams, u64::from(COUNT));
    assert_eq!(diag.kernel_drops, 0);
    drop(receiver);
}

#[test]
fn loopback_receives_every_datagram() {
    capture("lo");
}

#[test]
fn any_interface_receives_every_datagram_once() {
    capture("any");
}

#[test]
fn unknown_interface_is_named() {
    match LiveSource::open(LiveConfig::new("no-such-if0")) {
        Err(SourceError::NoSuchInterface(name)) => assert_eq!(name, "no-such-if0"),
        Err(SourceError::PermissionDenied { .. }) => eprintln!("SKIPPED: not root"),
        other => panic!("{other:?}"),
    }
}
