//! `capture/extract`: rtcinspect-capture and the bare pcap-parser walk read the same
//! records of the same bytes.

use rtcinspect_benches::capture::{
    extract_batches, extract_read_ahead, extract_rtcinspect, rtp_pcap, walk_pcap_parser,
};

#[test]
fn same_records() {
    let bytes = rtp_pcap(10_000);
    let ours = extract_rtcinspect(&bytes[..]);
    let walk = walk_pcap_parser(&bytes[..]);
    assert_eq!(ours.records, 10_000);
    assert_eq!(walk.records, 10_000);
    // Every frame is Ethernet + IPv4 + UDP: payload + 42 is the captured length.
    assert_eq!(ours.lengths, walk.lengths);
}

#[test]
fn same_records_real_capture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/captures/chrome-vp8.pcap"
    );
    let bytes = std::fs::read(path).unwrap();
    let ours = extract_rtcinspect(&bytes[..]);
    let walk = walk_pcap_parser(&bytes[..]);
    assert_eq!(ours.records, walk.records);
    assert_eq!(ours.records, 2255);
}

/// The batch and read-ahead variants of the extraction benchmark do the same work as
/// the direct one (same records, same payload bytes and lengths).
#[test]
fn batches_and_read_ahead_same_work() {
    let bytes = rtp_pcap(30_000);
    let direct = extract_rtcinspect(&bytes[..]);
    let batches = extract_batches(&bytes[..]);
    let ahead = extract_read_ahead(std::io::Cursor::new(bytes));
    assert_eq!(direct.records, 30_000);
    for other in [&batches, &ahead] {
        assert_eq!(
            (other.records, other.bytes, other.lengths),
            (direct.records, direct.bytes, direct.lengths)
        );
    }
}
