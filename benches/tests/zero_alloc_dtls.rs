//! rtcinspect's `dtls/parse` work allocates nothing: checked with a counting global
//! allocator around the same work the benchmark measures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use rtcinspect_benches::dtls::*;

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
fn dtls_parsing_allocates_nothing() {
    let bytes = dtls_client_hello();
    assert_eq!(allocations_during(|| dtls_rtcinspect(&bytes)), 0);
    // The counter works: the incumbents allocate on the same input.
    assert!(allocations_during(|| dtls_tls_parser(&bytes)) > 0);
    assert!(allocations_during(|| dtls_webrtc_rs(&bytes)) > 0);
}
