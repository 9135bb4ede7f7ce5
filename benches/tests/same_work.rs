//! The benchmarks compare like with like: on every fixture, every implementation
//! reads the same values (same checksum), and the checksum is not trivially zero.

use bytes::Bytes;
use rtcinspect_benches::*;

#[test]
fn rtp_implementations_read_the_same_values() {
    for bytes in [rtp_audio_172(), rtp_video_1200()] {
        let ours = rtp_rtcinspect(&bytes);
        assert_ne!(ours, 0);
        assert_eq!(
            incumbents::rtp_webrtc_rs(&Bytes::from(bytes.clone())),
            ours,
            "webrtc-rs"
        );
        assert_eq!(incumbents::rtp_rtp_types(&bytes), ours, "rtp-types");
    }
}

#[test]
fn rtcp_implementations_read_the_same_values() {
    for bytes in [rtcp_sr_sdes(), rtcp_rr_nack_pli_remb(), rtcp_twcc_100()] {
        let ours = rtcp_rtcinspect(&bytes);
        assert_ne!(ours, 0);
        assert_eq!(
            incumbents::rtcp_webrtc_rs(&Bytes::from(bytes.clone())),
            ours,
            "webrtc-rs"
        );
        assert_eq!(incumbents::rtcp_rtcp_types(&bytes), ours, "rtcp-types");
    }
}

#[test]
fn fixtures_have_the_announced_sizes() {
    assert_eq!(rtp_audio_172().len(), 172);
    assert_eq!(rtp_video_1200().len(), 1200);
    assert_eq!(rtcp_sr_sdes().len(), 80);
    assert_eq!(rtcp_rr_nack_pli_remb().len(), 88);
    // 12 bytes of RTCP header and SSRCs, 8 of transport-cc header, 10 chunks of 2 bytes,
    // 90 deltas (85 small of 1 byte, 5 large of 2: packets 0, 25, 50, 75 and the
    // negative one, 42) and 1 byte of zero padding: 12 + 8 + 20 + 95 + 1 = 136.
    assert_eq!(rtcp_twcc_100().len(), 136);
}
