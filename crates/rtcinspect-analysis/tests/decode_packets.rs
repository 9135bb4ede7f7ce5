//! `decode()` on real packets of `testdata/packets/`, expected values read from the
//! tshark 4.0.17 decoding stored next to each (`*.tshark.txt`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rtcinspect_analysis::decode::decode;

fn packet(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/packets/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn sender_report_and_sdes() {
    // baresip-sr-1block-sdes.tshark.txt (frame 809 of baresip-call.pcap).
    let d = decode(&packet("rtcp/baresip-sr-1block-sdes.bin"));
    assert_eq!(d.kind, "rtcp");
    assert_eq!(d.error, None);
    let p = d.rtcp.as_ref().unwrap();
    assert_eq!(p.len(), 2);
    let sr = &p[0];
    assert_eq!((sr.pt, sr.name.as_str()), (200, "sr"));
    assert_eq!(sr.sender_ssrc, Some(0xfaaf_e569));
    let si = sr.sender_info.unwrap();
    // Timestamp MSW 4004392167, LSW 601377025.
    assert_eq!(si.ntp, (4_004_392_167u64 << 32) | 601_377_025);
    assert_eq!(
        (si.rtp_timestamp, si.packet_count, si.octet_count),
        (277_415, 250, 62_372)
    );
    let b = sr.report_blocks[0];
    assert_eq!(b.ssrc, 0xaffc_5422);
    assert_eq!(
        (b.fraction_lost, b.cumulative_lost, b.highest_seq, b.jitter),
        (0, 0, 25_519, 80)
    );
    assert_eq!((b.lsr, b.dlsr), (0, 0));
    let sdes = &p[1];
    assert_eq!(sdes.pt, 202);
    assert_eq!(sdes.sdes[0].ssrc, 0xfaaf_e569);
    assert_eq!(
        sdes.sdes[0].items,
        [("cname".to_owned(), "sip:bob@127.0.0.1:5080".to_owned())]
    );
}

#[test]
fn nack_pairs() {
    // chrome-nack-3fci-blp.tshark.txt: PID 3413 BLP 0xffff, PID 3430 BLP 0xffff,
    // PID 3447 BLP 0x00ff → 17 + 17 + 9 = 43 packets, 3413 to 3455.
    let d = decode(&packet("rtcp/chrome-nack-3fci-blp.bin"));
    let nack = d
        .rtcp
        .as_ref()
        .unwrap()
        .iter()
        .find(|p| p.name == "nack")
        .unwrap();
    assert_eq!(nack.sender_ssrc, Some(0x792a_e616));
    assert_eq!(nack.media_ssrc, Some(0x1ae8_1a9f));
    assert_eq!(
        nack.nack_pairs,
        [(3413, 0xffff), (3430, 0xffff), (3447, 0x00ff)]
    );
    assert_eq!(nack.nack_lost.len(), 43);
    assert_eq!(nack.nack_lost.first(), Some(&3413));
    assert_eq!(nack.nack_lost.last(), Some(&3455));
    let tree = d.tree();
    let node = tree
        .iter()
        .find(|n| n.label.starts_with("RTCP NACK"))
        .unwrap();
    assert!(
        node.label
            .starts_with("RTCP NACK 0x792ae616 -> 0x1ae81a9f lost 3413,3414"),
        "{}",
        node.label
    );
    assert!(
        node.children
            .iter()
            .any(|c| c.label == "NACK PID 3447 BLP 0x00ff")
    );
}

#[test]
fn remb_bitrate() {
    // chrome-nack-remb-rsize.tshark.txt: "REMB: max bitrate=1513440".
    let d = decode(&packet("rtcp/chrome-nack-remb-rsize.bin"));
    let remb = d
        .rtcp
        .as_ref()
        .unwrap()
        .iter()
        .find_map(|p| p.remb.clone())
        .unwrap();
    assert_eq!(remb.bitrate, 1_513_440);
}

#[test]
fn stun_error_response() {
    // chrome-binding-error-487-role-conflict.tshark.txt: Message Type 0x0111 (Binding
    // Error Response), transaction 4444514e70702b626e477771, ERROR-CODE 487 Role
    // Conflict, then MESSAGE-INTEGRITY and FINGERPRINT.
    let d = decode(&packet("stun/chrome-binding-error-487-role-conflict.bin"));
    let s = d.stun.unwrap();
    assert_eq!(s.message_type, 0x0111);
    assert_eq!(s.transaction_id, "4444514e70702b626e477771");
    let names: Vec<&str> = s.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["ERROR-CODE", "MESSAGE-INTEGRITY", "FINGERPRINT"]);
    assert_eq!(s.attributes[0].value, "487 Role Conflict");
}

#[test]
fn dtls_server_flight() {
    // aiortc-dtls12-server-flight.tshark.txt: 7 handshake records, epoch 0, sequence
    // numbers 0–6: Server Hello (2), Certificate (11) in three fragments, Server Key
    // Exchange (12), Certificate Request (13), Server Hello Done (14).
    let d = decode(&packet("dtls/aiortc-dtls12-server-flight.bin"));
    let r = d.dtls.unwrap();
    assert_eq!(r.len(), 7);
    assert!(
        r.iter()
            .all(|r| r.content_type == Some(22) && r.epoch == 0 && r.version == Some(0xfefd))
    );
    assert_eq!(
        r.iter().map(|r| r.sequence).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5, 6]
    );
    let types: Vec<u8> = r.iter().flat_map(|r| r.handshake_types.clone()).collect();
    assert_eq!(types, [2, 11, 11, 11, 12, 13, 14]);
}
