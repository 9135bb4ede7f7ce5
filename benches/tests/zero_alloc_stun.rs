//! rtcinspect's STUN parse + FINGERPRINT check + field reads allocate nothing, and
//! neither does a MESSAGE-INTEGRITY check: checked with a counting global allocator
//! around the same work the `stun/parse` benchmark measures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use rtcinspect_benches::stun::*;
use rtcinspect_wire::stun::Message;

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
fn stun_parsing_and_checks_allocate_nothing() {
    let bytes = stun_binding_request();
    assert_eq!(allocations_during(|| stun_rtcinspect(&bytes)), 0);
    assert_eq!(
        allocations_during(|| {
            let m = Message::new_checked(&bytes).unwrap();
            u64::from(m.check_message_integrity(STUN_ICE_PWD).is_ok())
        }),
        0
    );
    // The counter works: the incumbents allocate on the same input.
    let shared = bytes::Bytes::from(bytes.clone());
    assert!(allocations_during(|| stun_webrtc_rs(&shared)) > 0);
}
