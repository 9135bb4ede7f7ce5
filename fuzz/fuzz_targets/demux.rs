//! Classifies arbitrary bytes as a UDP payload; classification must be total.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::demux::{PacketKind, classify};

fuzz_target!(|data: &[u8]| {
    let kind = classify(data);
    // Classification depends on the first two bytes only.
    if data.len() > 2 {
        assert_eq!(classify(&data[..2]), kind);
    }
    if data.is_empty() {
        assert_eq!(kind, PacketKind::Unknown);
    }
});
