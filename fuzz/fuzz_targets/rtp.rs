//! Parses arbitrary bytes as RTP; a valid packet is written back with `RtpRepr` and
//! must give the same bytes (padding zeroed), and every header extension element is
//! decoded as every known extension.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::rtp::{ExtensionKind, RtpPacket, uri};

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::rtp_reemit(data);
    if let Ok(p) = RtpPacket::new_checked_header(data) {
        let _ = (p.payload(), p.padding(), p.csrcs().count());
        if let Some(ext) = p.extension() {
            for element in ext.elements().flatten() {
                for uri in [
                    uri::AUDIO_LEVEL,
                    uri::TRANSPORT_CC_02,
                    uri::TOFFSET,
                    uri::VIDEO_TIMING,
                    uri::ABS_CAPTURE_TIME,
                    uri::COLOR_SPACE,
                    uri::DEPENDENCY_DESCRIPTOR,
                    uri::PLAYOUT_DELAY,
                ] {
                    let _ = ExtensionKind::from_uri(uri).decode(element.data);
                }
            }
        }
    }
});
