//! rtcinspect's parse + read + walk allocates nothing: checked with a counting global
//! allocator around the same work the benchmarks measure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use rtcinspect_benches::*;

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
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce() -> u64) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    std::hint::black_box(f());
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn parsing_allocates_nothing() {
    let rtp = [rtp_audio_172(), rtp_video_1200()];
    let rtcp = [rtcp_sr_sdes(), rtcp_rr_nack_pli_remb(), rtcp_twcc_100()];
    for p in &rtp {
        assert_eq!(allocations_during(|| rtp_rtcinspect(p)), 0);
    }
    for p in &rtcp {
        assert_eq!(allocations_during(|| rtcp_rtcinspect(p)), 0);
    }
    // The counter works: the incumbents allocate on the same input.
    let shared = bytes::Bytes::from(rtcp[0].clone());
    assert!(allocations_during(|| incumbents::rtcp_webrtc_rs(&shared)) > 0);
}
