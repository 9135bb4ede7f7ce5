//! `dtls/parse` compares like with like: rtcinspect and tls-parser read the same
//! values (same checksum); webrtc-rs, whose parsed fields are crate-private, reads the
//! same record header values, and writing its parse back gives the fixture's bytes, so
//! it read every field.

use std::io::Cursor;

use rtcinspect_benches::dtls::*;

#[test]
fn fixture_is_a_webrtc_client_hello() {
    let bytes = dtls_client_hello();
    // 13 record header + 12 handshake header + 2 version + 32 random + 1 session ID
    // + 1 cookie + 2 + 16 cipher suites + 2 compression + 2 extensions length
    // + 4 EMS + 5 renegotiation_info + 12 supported_groups + 6 ec_point_formats
    // + 20 signature_algorithms + 15 use_srtp (4 profiles, empty MKI) = 145.
    assert_eq!(bytes.len(), 145);
}

#[test]
fn dtls_implementations_read_the_same_values() {
    let bytes = dtls_client_hello();
    let ours = dtls_rtcinspect(&bytes);
    assert_ne!(ours, 0);
    assert_eq!(dtls_tls_parser(&bytes), ours, "tls-parser");
    assert_eq!(
        dtls_webrtc_rs(&bytes),
        dtls_rtcinspect_record_headers(&bytes),
        "webrtc-rs"
    );
    // webrtc-rs parsed the whole record: written back, it is the fixture.
    let record =
        ::dtls::record_layer::RecordLayer::unmarshal(&mut Cursor::new(&bytes[..])).unwrap();
    let mut out = Vec::new();
    record.marshal(&mut out).unwrap();
    assert_eq!(out, bytes);
}
