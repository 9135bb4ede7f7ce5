//! rtcinspect's STUN parse + FINGERPRINT check + field reads allocate nothing, and
//! neither does a MESSAGE-INTEGRITY check: checked with a counting global allocator
//! around the same work the `stun/parse` benchmark measures.

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations_during;
use rtcinspect_benches::stun::*;
use rtcinspect_wire::stun::Message;

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
