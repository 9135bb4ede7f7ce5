//! The SDP benchmarks compare like with like: every implementation reads the same
//! values from the Chromium offer (same checksum), and the checksum is not trivially
//! zero.

use rtcinspect_benches::sdp::*;

#[test]
fn fixture_is_the_5k_chromium_offer() {
    assert!(CHROME_OFFER_5K.len() > 5000, "{}", CHROME_OFFER_5K.len());
    assert!(CHROME_OFFER_5K.starts_with("v=0\r\n"));
}

#[test]
fn parse_reads_the_same_values() {
    let ours = parse_rtcinspect(CHROME_OFFER_5K);
    assert_ne!(ours, 0);
    assert_eq!(parse_webrtc_rs(CHROME_OFFER_5K), ours, "webrtc-rs");
    assert_eq!(parse_sdp_types(CHROME_OFFER_5K), ours, "sdp-types");
}

#[test]
fn resolve_reads_the_same_values() {
    let ours = resolve_rtcinspect(CHROME_OFFER_5K);
    assert_ne!(ours, 0);
    assert_eq!(resolve_webrtc_rs(CHROME_OFFER_5K), ours, "webrtc-rs");
    assert_eq!(resolve_sdp_types(CHROME_OFFER_5K), ours, "sdp-types");
}
