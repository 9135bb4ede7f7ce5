//! Parses arbitrary bytes as an RTCP datagram; every packet that parses is written
//! back with the crate's writers and must parse to the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::rtcp::Compound;

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::rtcp_reemit(data);
    let mut compound = Compound::new(data);
    for packet in compound.by_ref() {
        if let Err(e) = packet {
            // Errors must say where they are, inside the datagram.
            assert!(e.offset < data.len());
        }
    }
    assert!(compound.findings().trailing_bytes <= data.len());
});
