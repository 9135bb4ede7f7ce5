//! rtcinspect's parse + read + walk allocates nothing: checked with a counting global
//! allocator around the same work the benchmarks measure.

#[path = "common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations_during;
use rtcinspect_benches::*;

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
