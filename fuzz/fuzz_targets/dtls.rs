//! Parses arbitrary bytes as a DTLS datagram (without and with a 4-byte connection ID
//! length): every record, handshake message, hello, extension, certificate list and
//! alert is read to its end, and every record and plaintext handshake message that
//! parses is written back, raw and from its typed reading, and must give the same
//! bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::dtls_walk(data, 0);
    common::dtls_walk(data, 4);
    common::dtls_reemit(data);
});
