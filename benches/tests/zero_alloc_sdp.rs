//! rtcinspect's SDP parse allocates exactly its two vectors (lines, media sections),
//! and resolving every media section allocates nothing more: checked with a counting
//! global allocator around the same work the benchmarks measure.

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations_during;
use rtcinspect_benches::sdp::*;

#[test]
fn sdp_parse_allocates_two_vectors() {
    let text = CHROME_OFFER_5K;
    let parse = allocations_during(|| parse_rtcinspect(text));
    assert_eq!(parse, RTCINSPECT_PARSE_ALLOCATIONS);
    assert!(parse <= 4, "the budget is 4 allocations");
    // Resolving every media section adds nothing.
    assert_eq!(allocations_during(|| resolve_rtcinspect(text)), parse);
    // The counter works: the incumbents allocate on the same input (printed for the
    // README table).
    let webrtc_rs = allocations_during(|| parse_webrtc_rs(text));
    let sdp_types = allocations_during(|| parse_sdp_types(text));
    let webrtc_rs_resolve = allocations_during(|| resolve_webrtc_rs(text));
    let sdp_types_resolve = allocations_during(|| resolve_sdp_types(text));
    eprintln!(
        "allocations: parse rtcinspect {parse}, webrtc-rs {webrtc_rs}, sdp-types {sdp_types}; \
         resolve webrtc-rs {webrtc_rs_resolve}, sdp-types {sdp_types_resolve}"
    );
    assert!(webrtc_rs > 100 && sdp_types > 100);
}
