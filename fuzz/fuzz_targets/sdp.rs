//! Parses arbitrary bytes (as lossy UTF-8) as a session description, leniently and
//! strictly; whatever parses is written back and must give the same bytes, and every
//! typed attribute, field line, resolved media view, finding and lint is read (the
//! same walk as the crate's property tests, `tests/common/mod.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/rtcinspect-sdp/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    common::check_text(&text);
    // Trickled candidates arrive without their `a=` line.
    for line in text.lines() {
        if let Ok(c) = rtcinspect_sdp::attr::Candidate::parse(Some(line)) {
            let _ = (c.address_kind(), c.extensions().count(), c.generation());
        }
    }
});
