//! rtcinspect's `dtls/parse` work allocates nothing: checked with a counting global
//! allocator around the same work the benchmark measures.

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations_during;
use rtcinspect_benches::dtls::*;

#[test]
fn dtls_parsing_allocates_nothing() {
    let bytes = dtls_client_hello();
    assert_eq!(allocations_during(|| dtls_rtcinspect(&bytes)), 0);
    // The counter works: the incumbents allocate on the same input.
    assert!(allocations_during(|| dtls_tls_parser(&bytes)) > 0);
    assert!(allocations_during(|| dtls_webrtc_rs(&bytes)) > 0);
}
