//! Parses arbitrary bytes as a TURN ChannelData message (a UDP datagram) and as a TCP
//! stream of ChannelData and STUN messages; every message that parses is written back
//! and must give the same bytes, and the stream framing must account for every byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::demux::classify;
use rtcinspect_wire::turn::ChannelData;

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::turn_walk(data);
    if let Ok(m) = ChannelData::new_checked(data) {
        // What an analyser does next: classify the relayed datagram.
        let _ = classify(m.data());
    }
});
