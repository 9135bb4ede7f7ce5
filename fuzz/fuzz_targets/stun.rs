//! Parses arbitrary bytes as a STUN message: every accessor, the attribute iterator and
//! every typed attribute decoder run; a message that parses is written back from its
//! raw attributes and must give the same bytes, and each decoded attribute is written
//! back and must decode to the same value. FINGERPRINT and MESSAGE-INTEGRITY checks
//! run for not panicking only (random bytes never carry a valid one). TURN Send and
//! Data indications are unwrapped.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(identical) = common::stun_reemit(data) {
        assert!(identical, "raw re-emit differs");
    }
});
