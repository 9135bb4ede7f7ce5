//! Encrypted RTCP (SRTCP after a DTLS-SRTP handshake): counted by its clear header.
//! `chrome-dtls13.pcap` is a call with encryption on; the expected counts are taken
//! from the capture's datagrams with the RFC 5761 rule (first byte 128–191, second
//! 192–223), independently of the engine, and the packet type of the first header.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use rtcinspect_analysis::Analyzer;
use rtcinspect_capture::{Event, FileSource, Source};

#[test]
fn srtcp_counted_by_header() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures/chrome-dtls13.pcap");
    let mut source = FileSource::open(&path).unwrap();
    let mut analyzer = Analyzer::default();
    let (mut rtcp, mut sr) = (0u64, 0u64);
    while let Some(event) = source.next_event().unwrap() {
        if let Event::Datagram(d) = &event {
            let p = d.payload;
            if p.len() >= 8 && (128..=191).contains(&p[0]) && (192..=223).contains(&p[1]) {
                rtcp += 1;
                sr += u64::from(p[1] == 200);
            }
        }
        analyzer.ingest_event(&event);
    }
    let r = analyzer.snapshot();
    assert!(rtcp > 100, "the call has RTCP");
    assert_eq!(r.rtcp.datagrams, rtcp);
    // None of it parses as clear RTCP: all counted as encrypted, none malformed.
    assert_eq!(r.rtcp.encrypted, rtcp);
    assert!(
        r.capture
            .malformed
            .iter()
            .all(|c| !c.name.starts_with("rtcp"))
    );
    let srs: u64 = r.streams.iter().map(|s| s.rtcp.sender_reports).sum();
    assert_eq!(srs, sr);
    assert!(r.streams.iter().all(|s| s.rtcp.encrypted));
    // RTP on the 5-tuple of the DTLS handshake is SRTP.
    assert!(!r.dtls.is_empty());
    assert!(r.streams.iter().all(|s| s.srtp));
}
