//! rtcinspect's SDP parse allocates exactly its two vectors (lines, media sections),
//! and resolving every media section allocates nothing more: checked with a counting
//! global allocator around the same work the benchmarks measure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use rtcinspect_benches::sdp::*;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers to the system allocator; only counts calls.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce() -> u64) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    std::hint::black_box(f());
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

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
