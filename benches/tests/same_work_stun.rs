//! `stun/parse` compares like with like: rtcinspect, webrtc-rs `stun` and `stun-types`
//! read the same values from the fixture (same checksum), and the checksum is not
//! trivially zero.

use bytes::Bytes;
use rtcinspect_benches::stun::*;
use rtcinspect_wire::stun::Message;

#[test]
fn stun_implementations_read_the_same_values() {
    let bytes = stun_binding_request();
    let ours = stun_rtcinspect(&bytes);
    assert_ne!(ours, 0);
    assert_eq!(
        stun_webrtc_rs(&Bytes::from(bytes.clone())),
        ours,
        "webrtc-rs"
    );
    assert_eq!(stun_stun_types(&bytes), ours, "stun-types");
}

#[test]
fn fixture_is_a_checked_ice_binding_request() {
    let bytes = stun_binding_request();
    // 20 header + 16 USERNAME (9 bytes padded) + 8 PRIORITY + 12 ICE-CONTROLLING
    // + 24 MESSAGE-INTEGRITY + 8 FINGERPRINT.
    assert_eq!(bytes.len(), 88);
    let m = Message::new_checked(&bytes).unwrap();
    assert_eq!(m.check_fingerprint(), Ok(()));
    assert_eq!(m.check_message_integrity(STUN_ICE_PWD), Ok(()));
}

#[test]
fn a_broken_fingerprint_changes_every_checksum() {
    let mut bytes = stun_binding_request();
    let good = stun_rtcinspect(&bytes);
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    // stun-types refuses the message outright (0); the others read it and say the
    // fingerprint is wrong.
    assert_ne!(stun_rtcinspect(&bytes), good);
    assert_ne!(stun_webrtc_rs(&Bytes::from(bytes.clone())), good);
    assert_eq!(stun_stun_types(&bytes), 0);
}
