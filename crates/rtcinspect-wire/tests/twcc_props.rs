//! Property tests for transport-cc feedback ([`TransportCc`]) and RFC 8888 congestion
//! control feedback ([`CongestionControlFeedback`]): arbitrary bytes never panic and
//! every iterator can be walked; what parses writes back to the same bytes; `Repr`s
//! survive emit and parse.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use common::{arb_results, arb_twcc_case, expected_packets};
use proptest::prelude::*;
use rtcinspect_wire::rtcp::fb::{
    CcfbReportBlockRepr, CongestionControlFeedback, CongestionControlFeedbackRepr, Ecn,
    FciWrite as _, FeedbackRepr, MetricBlock, PacketChunk, RtpFeedback, RtpFeedbackFci,
    TransportCc, TransportCcEncoder, TransportCcRepr,
};
use rtcinspect_wire::rtcp::{RtcpPacket, RtcpWrite};

/// Walks everything a parsed transport-cc FCI offers and checks it hangs together.
fn walk_twcc(twcc: &TransportCc<'_>) {
    let packets: Vec<_> = twcc.packets().collect();
    assert_eq!(packets.len(), usize::from(twcc.status_count()));
    assert_eq!(twcc.packets().len(), packets.len());
    let received = packets.iter().filter(|p| p.is_received()).count();
    assert_eq!(usize::from(twcc.received_count()), received);
    assert_eq!(usize::from(twcc.lost_count()), packets.len() - received);
    assert_eq!(twcc.deltas().count(), received);
    for (i, p) in packets.iter().enumerate() {
        assert_eq!(
            p.sequence_number,
            twcc.base_sequence().wrapping_add(i as u16)
        );
        assert_eq!(p.delta.is_some(), p.status.is_received());
    }
    let delta_bytes: usize = packets.iter().map(|p| p.status.delta_len()).sum();
    assert_eq!(twcc.delta_bytes().len(), delta_bytes);
    assert_eq!(twcc.chunks().count(), twcc.chunk_count());
    assert_eq!(
        8 + 2 * twcc.chunk_count() + delta_bytes + twcc.padding().len(),
        twcc.as_bytes().len()
    );
    let _ = (twcc.reference_time_us(), twcc.has_nonzero_padding());
}

/// Parses an FCI into a `Repr` (with vectors for storage) and writes it back.
fn rewrite_twcc(twcc: &TransportCc<'_>) -> Vec<u8> {
    let mut chunks = vec![PacketChunk::from_u16(0); twcc.chunk_count()];
    let mut deltas = vec![0i16; usize::from(twcc.received_count())];
    let repr = TransportCcRepr::parse(twcc, &mut chunks, &mut deltas).unwrap();
    let mut out = vec![0u8; repr.fci_len()];
    repr.write_fci(&mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Any bytes as a transport-cc FCI: no panic; if they parse, everything walks and
    /// the chunk-level `Repr` writes exactly the same bytes back, padding included.
    #[test]
    fn twcc_arbitrary_fci(fci in prop::collection::vec(any::<u8>(), 0..96)) {
        if let Ok(twcc) = TransportCc::parse(&fci) {
            walk_twcc(&twcc);
            prop_assert_eq!(rewrite_twcc(&twcc), fci);
        }
    }

    /// Structured bytes that often get past the header: a small status count, chunks
    /// made of any bits.
    #[test]
    fn twcc_arbitrary_chunks(
        count in 0u16..40,
        rest in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut fci = vec![0x12, 0x34];
        fci.extend_from_slice(&count.to_be_bytes());
        fci.extend_from_slice(&[0x80, 0x00, 0x01, 0x09]);
        fci.extend_from_slice(&rest);
        if let Ok(twcc) = TransportCc::parse(&fci) {
            walk_twcc(&twcc);
            prop_assert_eq!(rewrite_twcc(&twcc), fci);
        }
    }

    /// Any bytes behind an RTPFB header with FMT 15 or 11: parsing the packet and its
    /// FCI never panics.
    #[test]
    fn feedback_arbitrary_body(
        fmt in prop_oneof![Just(15u8), Just(11u8)],
        body in prop::collection::vec(any::<u8>(), 8..128),
    ) {
        let words = body.len().div_ceil(4);
        let mut packet = vec![0x80 | fmt, 205, 0, words as u8];
        packet.extend_from_slice(&body);
        packet.resize(4 + words * 4, 0);
        if let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&packet) {
            match fb.fci() {
                Ok(RtpFeedbackFci::TransportCc(twcc)) => walk_twcc(&twcc),
                Ok(RtpFeedbackFci::CongestionControl(ccfb)) => walk_ccfb(&ccfb),
                _ => {}
            }
        }
    }

    /// Chunk-level `Repr` → emit → parse → `Repr` is the identity, and writes the
    /// same bytes again.
    #[test]
    fn twcc_repr_round_trip(case in arb_twcc_case()) {
        let repr = case.repr();
        let packet = FeedbackRepr { sender_ssrc: 1, media_ssrc: 2, fci: repr, padding: 0 };
        let mut buf = vec![0u8; packet.buffer_len()];
        prop_assert_eq!(packet.emit(&mut buf), Ok(buf.len()));

        let fb = RtpFeedback::new_checked(&buf).unwrap();
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else { panic!("{:?}", fb.fci()) };
        walk_twcc(&twcc);
        let packets: Vec<_> = twcc.packets().map(|p| (p.sequence_number, p.status, p.delta)).collect();
        prop_assert_eq!(&packets, &case.packets());

        let mut chunks = vec![PacketChunk::from_u16(0); twcc.chunk_count()];
        let mut deltas = vec![0i16; usize::from(twcc.received_count())];
        let parsed = TransportCcRepr::parse(&twcc, &mut chunks, &mut deltas).unwrap();
        // A given padding equal to the zeros the writer would add reads back as `None`.
        let zeros = vec![0u8; (4 - case.unpadded_len() % 4) % 4];
        let expected_padding = case.padding.as_deref().filter(|p| *p != zeros.as_slice());
        prop_assert_eq!(parsed, TransportCcRepr { padding: expected_padding, ..repr });

        let again = FeedbackRepr { sender_ssrc: 1, media_ssrc: 2, fci: parsed, padding: 0 };
        let mut buf2 = vec![0u8; again.buffer_len()];
        again.emit(&mut buf2).unwrap();
        prop_assert_eq!(buf2, buf);
    }

    /// Encoder output decodes to what was pushed and survives the `Repr` round trip.
    #[test]
    fn twcc_encoder_round_trip((header, results) in arb_results(), cap in 24usize..600) {
        let mut buf = vec![0u8; cap];
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        let added = enc.push_all(&results);
        let expected_len = enc.buffer_len();
        let Ok(len) = enc.finish() else {
            prop_assert_eq!(added, 0);
            return Ok(());
        };
        prop_assert_eq!(len, expected_len);
        prop_assert!(len <= cap);
        let fb = RtpFeedback::new_checked(&buf[..len]).unwrap();
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else { panic!() };
        walk_twcc(&twcc);
        let packets: Vec<_> = twcc.packets().map(|p| (p.sequence_number, p.status, p.delta)).collect();
        prop_assert_eq!(packets, expected_packets(header.base_sequence, &results[..added]));
        prop_assert_eq!(twcc.reference_time(), header.reference_time);
        prop_assert_eq!(rewrite_twcc(&twcc), twcc.as_bytes());
        // The packet that did not fit would not have fitted.
        if let Some(&(seq, delta)) = results.get(added) {
            let mut again = vec![0u8; cap];
            let mut enc = TransportCcEncoder::new(&mut again, header).unwrap();
            enc.push_all(&results[..added]);
            prop_assert!(enc.push(seq, delta).is_err());
        }
    }
}

/// Walks everything a parsed RFC 8888 body offers and checks it hangs together.
fn walk_ccfb(ccfb: &CongestionControlFeedback<'_>) {
    let _ = ccfb.report_timestamp();
    let mut len = 4;
    for block in ccfb.report_blocks() {
        let n = usize::from(block.num_reports());
        let packets: Vec<_> = block.packets().collect();
        assert_eq!(packets.len(), n);
        assert_eq!(block.metric_blocks().len(), n);
        for (i, p) in packets.iter().enumerate() {
            assert_eq!(
                p.sequence_number,
                block.begin_sequence().wrapping_add(i as u16)
            );
            let _ = p.metric.arrival();
        }
        assert_eq!(block.padding().is_some(), n % 2 == 1);
        len += block.as_bytes().len();
        let _ = (block.ssrc(), block.end_sequence());
    }
    assert_eq!(len, ccfb.as_bytes().len());
}

/// Parses RFC 8888 reports into a `Repr` (vectors for storage) and writes the packet.
fn rewrite_ccfb(sender_ssrc: u32, ccfb: &CongestionControlFeedback<'_>) -> Vec<u8> {
    let count = ccfb.report_blocks().count();
    let total: usize = ccfb
        .report_blocks()
        .map(|b| usize::from(b.num_reports()))
        .sum();
    let mut blocks = vec![CcfbReportBlockRepr::default(); count];
    let mut metrics = vec![MetricBlock::default(); total];
    let repr =
        CongestionControlFeedbackRepr::parse(sender_ssrc, ccfb, 0, &mut blocks, &mut metrics)
            .unwrap();
    let mut out = vec![0u8; repr.buffer_len()];
    assert_eq!(repr.emit(&mut out), Ok(out.len()));
    out
}

/// An owned RFC 8888 report block.
#[derive(Debug, Clone)]
struct BlockCase {
    ssrc: u32,
    begin_sequence: u16,
    metrics: Vec<MetricBlock>,
    padding: u16,
}

fn arb_metric() -> impl Strategy<Value = MetricBlock> {
    (any::<bool>(), 0u8..4, 0u16..0x2000).prop_map(|(received, ecn, ato)| MetricBlock {
        received,
        ecn: Ecn::from_bits(ecn),
        ato,
    })
}

fn arb_block() -> impl Strategy<Value = BlockCase> {
    (
        any::<u32>(),
        any::<u16>(),
        prop_oneof![
            8 => prop::collection::vec(arb_metric(), 0..40),
            1 => prop::collection::vec(arb_metric(), 16380..=16384),
        ],
        any::<u16>(),
    )
        .prop_map(|(ssrc, begin_sequence, metrics, padding)| BlockCase {
            ssrc,
            begin_sequence,
            padding: if metrics.len() % 2 == 1 { padding } else { 0 },
            metrics,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Any bytes after the sender SSRC: no panic; if they parse, everything walks and
    /// the `Repr` writes the same bytes back.
    #[test]
    fn ccfb_arbitrary_reports(reports in prop::collection::vec(any::<u8>(), 0..96)) {
        if let Ok(ccfb) = CongestionControlFeedback::parse(&reports) {
            walk_ccfb(&ccfb);
            prop_assert_eq!(&rewrite_ccfb(7, &ccfb)[8..], &reports[..]);
        }
    }

    /// Structured bytes: report block headers with small `num_reports`.
    #[test]
    fn ccfb_arbitrary_blocks(
        blocks in prop::collection::vec(
            (any::<u32>(), any::<u16>(), 0u16..6, prop::collection::vec(any::<u8>(), 0..16)),
            0..4,
        ),
        tail in prop::collection::vec(any::<u8>(), 0..8),
    ) {
        let mut reports = Vec::new();
        for (ssrc, begin, n, metrics) in blocks {
            reports.extend_from_slice(&ssrc.to_be_bytes());
            reports.extend_from_slice(&begin.to_be_bytes());
            reports.extend_from_slice(&n.to_be_bytes());
            reports.extend_from_slice(&metrics);
        }
        reports.extend_from_slice(&tail);
        if let Ok(ccfb) = CongestionControlFeedback::parse(&reports) {
            walk_ccfb(&ccfb);
            prop_assert_eq!(&rewrite_ccfb(7, &ccfb)[8..], &reports[..]);
        }
    }

    /// `Repr` → emit → parse → `Repr` is the identity.
    #[test]
    fn ccfb_repr_round_trip(
        sender_ssrc in any::<u32>(),
        cases in prop::collection::vec(arb_block(), 0..5),
        report_timestamp in any::<u32>(),
        padding in prop_oneof![Just(0u8), Just(4u8), Just(8u8)],
    ) {
        let blocks: Vec<_> = cases
            .iter()
            .map(|c| CcfbReportBlockRepr {
                ssrc: c.ssrc,
                begin_sequence: c.begin_sequence,
                metric_blocks: &c.metrics,
                padding: c.padding,
            })
            .collect();
        let repr = CongestionControlFeedbackRepr {
            sender_ssrc,
            report_blocks: &blocks,
            report_timestamp,
            padding,
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut buf), Ok(buf.len()));

        let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&buf) else { panic!() };
        let Ok(RtpFeedbackFci::CongestionControl(ccfb)) = fb.fci() else { panic!("{:?}", fb.fci()) };
        walk_ccfb(&ccfb);
        prop_assert_eq!(fb.sender_ssrc(), sender_ssrc);
        prop_assert_eq!(ccfb.report_timestamp(), report_timestamp);
        for (block, case) in ccfb.report_blocks().zip(&cases) {
            prop_assert_eq!(block.ssrc(), case.ssrc);
            prop_assert!(block.metric_blocks().eq(case.metrics.iter().copied()));
            prop_assert!(block
                .packets()
                .map(|p| p.sequence_number)
                .eq((0..case.metrics.len()).map(|i| case.begin_sequence.wrapping_add(i as u16))));
        }
        let total: usize = cases.iter().map(|c| c.metrics.len()).sum();
        let mut block_storage = vec![CcfbReportBlockRepr::default(); cases.len()];
        let mut metric_storage = vec![MetricBlock::default(); total];
        let parsed = CongestionControlFeedbackRepr::parse(
            fb.sender_ssrc(),
            &ccfb,
            fb.raw().padding_len() as u8,
            &mut block_storage,
            &mut metric_storage,
        )
        .unwrap();
        prop_assert_eq!(parsed, repr);
    }
}
