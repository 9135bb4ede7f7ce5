//! Differential tests of [`rtcinspect_wire::rtcp::xr`] against the two incumbent RTCP
//! crates:
//!
//! * webrtc-rs `rtcp` 0.17 (`rtcp::extended_report`): Loss/Duplicate RLE, Packet
//!   Receipt Times, RRTR, DLRR, Statistics Summary, VoIP Metrics; parser and writer.
//! * GStreamer's `rtcp-types` 0.3 (`rtcp_types::Xr`): Loss/Duplicate RLE, Packet
//!   Receipt Times, RRTR, DLRR; parser and builders.
//!
//! For every block type both sides support, packets with random field values are
//! written by one side and read by the other, and every field is compared. Where an
//! incumbent departs from RFC 3611 the property is restricted to the inputs where it
//! still agrees, and a separate test below pins the deviation with the RFC section
//! (`deviation_*`), so a fix upstream shows up as a failing test here.

// Test helpers outside `#[test]` functions panic on purpose, like the tests.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::any::Any;

use bytes::Bytes;
use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::rtcp::xr::{
    DlrrEntry, DlrrRepr, ExtendedReport, ExtendedReportRepr, PacketReceiptTimesRepr,
    ReceiverReferenceTime, Rle, RleChunk, RleRepr, RxConfig, StatisticsSummary, TtlOrHopLimit,
    VoipMetrics, XrBlockKind, XrBlockRepr,
};
use rtcinspect_wire::rtcp::{RtcpError, RtcpWrite};
use rtcp::extended_report as webrtc;
use rtcp_types::prelude::*;

// ---------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------

/// Writes one XR packet with our writer.
fn ours_emit(ssrc: u32, blocks: &[XrBlockRepr<'_>], padding: u8) -> Vec<u8> {
    let repr = ExtendedReportRepr {
        ssrc,
        blocks,
        padding,
    };
    let mut buf = vec![0u8; repr.buffer_len()];
    let len = repr.emit(&mut buf).expect("our writer");
    assert_eq!(len, buf.len());
    buf
}

/// Parses `buf` with ours and returns the kind of its only block.
fn ours_single(buf: &[u8]) -> (u32, XrBlockKind<'_>) {
    let xr = ExtendedReport::new_checked(buf).expect("our parser");
    let mut blocks = xr.blocks();
    let block = blocks.next().expect("one block");
    assert!(blocks.next().is_none());
    (xr.ssrc(), block.parse().expect("our block parser"))
}

/// Parses one RTCP packet with webrtc-rs, as an XR.
fn webrtc_parse(buf: &[u8]) -> Result<webrtc::ExtendedReport, String> {
    let mut bytes = Bytes::copy_from_slice(buf);
    let packets = rtcp::packet::unmarshal(&mut bytes).map_err(|e| e.to_string())?;
    let [packet] = packets.as_slice() else {
        return Err(format!("{} packets", packets.len()));
    };
    packet
        .as_any()
        .downcast_ref::<webrtc::ExtendedReport>()
        .cloned()
        .ok_or_else(|| "not an XR".to_string())
}

/// The only block of a webrtc-rs XR, downcast.
fn webrtc_single<T: Any + Clone>(xr: &webrtc::ExtendedReport) -> T {
    assert_eq!(xr.reports.len(), 1, "{xr:?}");
    xr.reports[0]
        .as_any()
        .downcast_ref::<T>()
        .cloned()
        .expect("block type")
}

/// Writes an XR with webrtc-rs.
fn webrtc_emit(xr: webrtc::ExtendedReport) -> Vec<u8> {
    let packets: Vec<Box<dyn rtcp::packet::Packet + Send + Sync>> = vec![Box::new(xr)];
    rtcp::packet::marshal(&packets)
        .expect("webrtc-rs writer")
        .to_vec()
}

/// Writes an XR with rtcp-types.
fn gst_emit(builder: rtcp_types::XrBuilder) -> Vec<u8> {
    let mut buf = vec![0u8; builder.calculate_size().expect("rtcp-types size")];
    let len = builder.write_into(&mut buf).expect("rtcp-types writer");
    buf.truncate(len);
    buf
}

fn our_chunk_to_webrtc(c: RleChunk) -> webrtc::Chunk {
    webrtc::Chunk(c.encode().expect("valid chunk"))
}

fn our_chunk_to_gst(c: RleChunk) -> rtcp_types::RleChunk {
    match c {
        RleChunk::RunLength { ones: true, length } => rtcp_types::RleChunk::RunLength(length),
        RleChunk::RunLength {
            ones: false,
            length,
        } => rtcp_types::RleChunk::SkipLength(length),
        RleChunk::BitVector(bits) => rtcp_types::RleChunk::BitVector(bits),
        RleChunk::Null => rtcp_types::RleChunk::Null,
    }
}

/// Our chunks as written: a null chunk appended to an odd count (RFC 3611 §4.1).
fn padded(chunks: &[RleChunk]) -> Vec<RleChunk> {
    let mut chunks = chunks.to_vec();
    if chunks.len() % 2 == 1 {
        chunks.push(RleChunk::Null);
    }
    chunks
}

/// The sequence numbers our trace marks with a one, in order.
fn ones(rle: &Rle<'_>) -> Vec<u16> {
    rle.trace().filter(|&(_, v)| v).map(|(s, _)| s).collect()
}

// ---------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------

fn chunk() -> impl Strategy<Value = RleChunk> {
    prop_oneof![
        (any::<bool>(), 1u16..=0x3fff)
            .prop_map(|(ones, length)| RleChunk::RunLength { ones, length }),
        (0u16..=0x7fff).prop_map(RleChunk::BitVector),
    ]
}

/// Run lengths short enough that a trace stays within a few hundred values.
fn short_chunk() -> impl Strategy<Value = RleChunk> {
    prop_oneof![
        (any::<bool>(), 1u16..=40).prop_map(|(ones, length)| RleChunk::RunLength { ones, length }),
        (0u16..=0x7fff).prop_map(RleChunk::BitVector),
    ]
}

fn dlrr_entry() -> impl Strategy<Value = DlrrEntry> {
    any::<[u32; 3]>().prop_map(|[ssrc, last_rr, delay_since_last_rr]| DlrrEntry {
        ssrc,
        last_rr,
        delay_since_last_rr,
    })
}

fn ssr(toh: impl Strategy<Value = u8>) -> impl Strategy<Value = StatisticsSummary> {
    (
        (any::<u32>(), any::<u16>(), any::<u16>()),
        (any::<bool>(), any::<bool>(), any::<bool>(), toh),
        any::<[u32; 6]>(),
        any::<[u8; 4]>(),
    )
        .prop_map(
            |((ssrc, begin_seq, end_seq), (l, d, j, toh), n, t)| StatisticsSummary {
                ssrc,
                begin_seq,
                end_seq,
                loss_reported: l,
                duplicates_reported: d,
                jitter_reported: j,
                ttl_or_hop_limit: TtlOrHopLimit::from_bits(toh),
                lost_packets: n[0],
                dup_packets: n[1],
                min_jitter: n[2],
                max_jitter: n[3],
                mean_jitter: n[4],
                dev_jitter: n[5],
                min_ttl_or_hl: t[0],
                max_ttl_or_hl: t[1],
                mean_ttl_or_hl: t[2],
                dev_ttl_or_hl: t[3],
            },
        )
}

fn voip() -> impl Strategy<Value = VoipMetrics> {
    (
        any::<u32>(),
        any::<[u8; 4]>(),
        any::<[u16; 4]>(),
        any::<[u8; 8]>(),
        any::<u8>(),
        any::<[u16; 3]>(),
    )
        .prop_map(|(ssrc, r, d, l, rx, jb)| VoipMetrics {
            ssrc,
            loss_rate: r[0],
            discard_rate: r[1],
            burst_density: r[2],
            gap_density: r[3],
            burst_duration: d[0],
            gap_duration: d[1],
            round_trip_delay: d[2],
            end_system_delay: d[3],
            signal_level: l[0] as i8,
            noise_level: l[1] as i8,
            rerl: l[2],
            gmin: l[3],
            r_factor: l[4],
            ext_r_factor: l[5],
            mos_lq: l[6],
            mos_cq: l[7],
            rx_config: RxConfig::from(rx),
            jb_nominal: jb[0],
            jb_maximum: jb[1],
            jb_abs_max: jb[2],
        })
}

fn webrtc_ttl(toh: TtlOrHopLimit) -> webrtc::TTLorHopLimitType {
    match toh {
        TtlOrHopLimit::Ipv4Ttl => webrtc::TTLorHopLimitType::IPv4,
        TtlOrHopLimit::Ipv6HopLimit => webrtc::TTLorHopLimitType::IPv6,
        // 0, and 3 (see `deviation_webrtc_ssr_toh_3`).
        _ => webrtc::TTLorHopLimitType::Missing,
    }
}

fn assert_ssr_eq(ours: &StatisticsSummary, theirs: &webrtc::StatisticsSummaryReportBlock) {
    assert_eq!(theirs.loss_reports, ours.loss_reported);
    assert_eq!(theirs.duplicate_reports, ours.duplicates_reported);
    assert_eq!(theirs.jitter_reports, ours.jitter_reported);
    assert_eq!(theirs.ttl_or_hop_limit, webrtc_ttl(ours.ttl_or_hop_limit));
    assert_eq!(theirs.ssrc, ours.ssrc);
    assert_eq!(theirs.begin_seq, ours.begin_seq);
    assert_eq!(theirs.end_seq, ours.end_seq);
    assert_eq!(theirs.lost_packets, ours.lost_packets);
    assert_eq!(theirs.dup_packets, ours.dup_packets);
    assert_eq!(theirs.min_jitter, ours.min_jitter);
    assert_eq!(theirs.max_jitter, ours.max_jitter);
    assert_eq!(theirs.mean_jitter, ours.mean_jitter);
    assert_eq!(theirs.dev_jitter, ours.dev_jitter);
    assert_eq!(theirs.min_ttl_or_hl, ours.min_ttl_or_hl);
    assert_eq!(theirs.max_ttl_or_hl, ours.max_ttl_or_hl);
    assert_eq!(theirs.mean_ttl_or_hl, ours.mean_ttl_or_hl);
    assert_eq!(theirs.dev_ttl_or_hl, ours.dev_ttl_or_hl);
}

fn assert_vm_eq(ours: &VoipMetrics, theirs: &webrtc::VoIPMetricsReportBlock) {
    assert_eq!(theirs.ssrc, ours.ssrc);
    assert_eq!(theirs.loss_rate, ours.loss_rate);
    assert_eq!(theirs.discard_rate, ours.discard_rate);
    assert_eq!(theirs.burst_density, ours.burst_density);
    assert_eq!(theirs.gap_density, ours.gap_density);
    assert_eq!(theirs.burst_duration, ours.burst_duration);
    assert_eq!(theirs.gap_duration, ours.gap_duration);
    assert_eq!(theirs.round_trip_delay, ours.round_trip_delay);
    assert_eq!(theirs.end_system_delay, ours.end_system_delay);
    // webrtc-rs keeps the signed levels as u8 (see `deviation_webrtc_voip_levels`).
    assert_eq!(theirs.signal_level as i8, ours.signal_level);
    assert_eq!(theirs.noise_level as i8, ours.noise_level);
    assert_eq!(theirs.rerl, ours.rerl);
    assert_eq!(theirs.gmin, ours.gmin);
    assert_eq!(theirs.rfactor, ours.r_factor);
    assert_eq!(theirs.ext_rfactor, ours.ext_r_factor);
    assert_eq!(theirs.mos_lq, ours.mos_lq);
    assert_eq!(theirs.mos_cq, ours.mos_cq);
    assert_eq!(RxConfig::from(theirs.rx_config), ours.rx_config);
    assert_eq!(theirs.jb_nominal, ours.jb_nominal);
    assert_eq!(theirs.jb_maximum, ours.jb_maximum);
    assert_eq!(theirs.jb_abs_max, ours.jb_abs_max);
}

// ---------------------------------------------------------------------------------
// Ours -> webrtc-rs, and webrtc-rs -> ours
// ---------------------------------------------------------------------------------

proptest! {
    /// Loss and Duplicate RLE written by us, read by webrtc-rs: any chunk count (our
    /// writer pads odd counts, so webrtc-rs sees the null chunk).
    #[test]
    fn rle_ours_to_webrtc(
        loss: bool, ssrc: u32, media: u32, t in 0u8..=15, begin: u16, end: u16,
        chunks in vec(chunk(), 0..10),
    ) {
        let repr = RleRepr { thinning: t, ssrc: media, begin_seq: begin, end_seq: end, chunks: &chunks };
        let block = if loss { XrBlockRepr::LossRle(repr) } else { XrBlockRepr::DuplicateRle(repr) };
        let buf = ours_emit(ssrc, &[block], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        prop_assert_eq!(xr.sender_ssrc, ssrc);
        let theirs: webrtc::RLEReportBlock = webrtc_single(&xr);
        prop_assert_eq!(theirs.is_loss_rle, loss);
        prop_assert_eq!(theirs.t, t);
        prop_assert_eq!(theirs.ssrc, media);
        prop_assert_eq!(theirs.begin_seq, begin);
        prop_assert_eq!(theirs.end_seq, end);
        let expected: Vec<_> = padded(&chunks).into_iter().map(our_chunk_to_webrtc).collect();
        prop_assert_eq!(theirs.chunks, expected);
    }

    /// Loss and Duplicate RLE written by webrtc-rs, read by us. Even chunk counts only:
    /// webrtc-rs does not add the null chunk (`deviation_webrtc_rle_odd_chunks`).
    #[test]
    fn rle_webrtc_to_ours(
        loss: bool, ssrc: u32, media: u32, t in 0u8..=15, begin: u16, end: u16,
        pairs in vec((chunk(), chunk()), 0..6),
    ) {
        let chunks: Vec<_> = pairs.into_iter().flat_map(|(a, b)| [a, b]).collect();
        let block = webrtc::RLEReportBlock {
            is_loss_rle: loss,
            t,
            ssrc: media,
            begin_seq: begin,
            end_seq: end,
            chunks: chunks.iter().copied().map(our_chunk_to_webrtc).collect(),
        };
        let buf = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(block)] });
        let (sender, kind) = ours_single(&buf);
        prop_assert_eq!(sender, ssrc);
        let rle = match (loss, kind) {
            (true, XrBlockKind::LossRle(r)) | (false, XrBlockKind::DuplicateRle(r)) => r,
            (_, other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert_eq!(rle.thinning(), t);
        prop_assert_eq!(rle.ssrc(), media);
        prop_assert_eq!(rle.begin_seq(), begin);
        prop_assert_eq!(rle.end_seq(), end);
        prop_assert_eq!(rle.chunks().collect::<Vec<_>>(), chunks);
    }

    /// Packet Receipt Times, both directions.
    #[test]
    fn prt_both_ways_webrtc(
        ssrc: u32, media: u32, t in 0u8..=15, begin: u16, end: u16, times in vec(any::<u32>(), 0..10),
    ) {
        let block = XrBlockRepr::PacketReceiptTimes(PacketReceiptTimesRepr {
            thinning: t, ssrc: media, begin_seq: begin, end_seq: end, receipt_times: &times,
        });
        let buf = ours_emit(ssrc, &[block], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        let theirs: webrtc::PacketReceiptTimesReportBlock = webrtc_single(&xr);
        prop_assert_eq!(
            (theirs.t, theirs.ssrc, theirs.begin_seq, theirs.end_seq, &theirs.receipt_time),
            (t, media, begin, end, &times)
        );

        let back = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(theirs)] });
        prop_assert_eq!(&back, &buf);
        let (_, XrBlockKind::PacketReceiptTimes(prt)) = ours_single(&back) else {
            return Err(TestCaseError::fail("not PRT"));
        };
        prop_assert_eq!((prt.thinning(), prt.ssrc(), prt.begin_seq(), prt.end_seq()), (t, media, begin, end));
        prop_assert_eq!(prt.receipt_times().collect::<Vec<_>>(), times);
    }

    /// Receiver Reference Time, both directions.
    #[test]
    fn rrt_both_ways_webrtc(ssrc: u32, ntp: u64) {
        let ours = ReceiverReferenceTime { ntp_timestamp: ntp };
        let buf = ours_emit(ssrc, &[XrBlockRepr::ReceiverReferenceTime(ours)], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        let theirs: webrtc::ReceiverReferenceTimeReportBlock = webrtc_single(&xr);
        prop_assert_eq!(theirs.ntp_timestamp, ntp);
        let back = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(theirs)] });
        prop_assert_eq!(&back, &buf);
        prop_assert_eq!(ours_single(&back).1, XrBlockKind::ReceiverReferenceTime(ours));
    }

    /// DLRR, both directions (one or more sub-blocks, as RFC 3611 §4.5 requires).
    #[test]
    fn dlrr_both_ways_webrtc(ssrc: u32, entries in vec(dlrr_entry(), 1..8)) {
        let buf = ours_emit(ssrc, &[XrBlockRepr::Dlrr(DlrrRepr { entries: &entries })], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        let theirs: webrtc::DLRRReportBlock = webrtc_single(&xr);
        let got: Vec<_> = theirs.reports.iter().map(|r| DlrrEntry {
            ssrc: r.ssrc, last_rr: r.last_rr, delay_since_last_rr: r.dlrr,
        }).collect();
        prop_assert_eq!(&got, &entries);
        let back = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(theirs)] });
        prop_assert_eq!(&back, &buf);
        let (_, XrBlockKind::Dlrr(dlrr)) = ours_single(&back) else {
            return Err(TestCaseError::fail("not DLRR"));
        };
        prop_assert_eq!(dlrr.entries().collect::<Vec<_>>(), entries);
    }

    /// Statistics Summary written by us, read by webrtc-rs: every flag combination and
    /// every ToH value (3 reads back as `Missing` there, `deviation_webrtc_ssr_toh_3`).
    #[test]
    fn ssr_ours_to_webrtc(ssrc: u32, s in ssr(0u8..4)) {
        let buf = ours_emit(ssrc, &[XrBlockRepr::StatisticsSummary(s)], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        assert_ssr_eq(&s, &webrtc_single(&xr));
    }

    /// Statistics Summary written by webrtc-rs, read by us: the same bytes as ours for
    /// ToH 0 to 2, the values webrtc-rs can express.
    #[test]
    fn ssr_webrtc_to_ours(ssrc: u32, s in ssr(0u8..3)) {
        let theirs = webrtc::StatisticsSummaryReportBlock {
            loss_reports: s.loss_reported,
            duplicate_reports: s.duplicates_reported,
            jitter_reports: s.jitter_reported,
            ttl_or_hop_limit: webrtc_ttl(s.ttl_or_hop_limit),
            ssrc: s.ssrc,
            begin_seq: s.begin_seq,
            end_seq: s.end_seq,
            lost_packets: s.lost_packets,
            dup_packets: s.dup_packets,
            min_jitter: s.min_jitter,
            max_jitter: s.max_jitter,
            mean_jitter: s.mean_jitter,
            dev_jitter: s.dev_jitter,
            min_ttl_or_hl: s.min_ttl_or_hl,
            max_ttl_or_hl: s.max_ttl_or_hl,
            mean_ttl_or_hl: s.mean_ttl_or_hl,
            dev_ttl_or_hl: s.dev_ttl_or_hl,
        };
        let buf = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(theirs)] });
        prop_assert_eq!(ours_single(&buf).1, XrBlockKind::StatisticsSummary(s));
        prop_assert_eq!(&buf, &ours_emit(ssrc, &[XrBlockRepr::StatisticsSummary(s)], 0));
    }

    /// VoIP Metrics, both directions, every field.
    #[test]
    fn voip_both_ways_webrtc(ssrc: u32, v in voip()) {
        let buf = ours_emit(ssrc, &[XrBlockRepr::VoipMetrics(v)], 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        let theirs: webrtc::VoIPMetricsReportBlock = webrtc_single(&xr);
        assert_vm_eq(&v, &theirs);
        prop_assert_eq!(theirs.reserved, 0);
        let back = webrtc_emit(webrtc::ExtendedReport { sender_ssrc: ssrc, reports: vec![Box::new(theirs)] });
        prop_assert_eq!(&back, &buf);
        prop_assert_eq!(ours_single(&back).1, XrBlockKind::VoipMetrics(v));
    }

    /// Several blocks in one packet, written by us, read by webrtc-rs in order.
    #[test]
    fn mixed_ours_to_webrtc(ssrc: u32, ntp: u64, entries in vec(dlrr_entry(), 1..4), v in voip(), s in ssr(0u8..3)) {
        let blocks = [
            XrBlockRepr::ReceiverReferenceTime(ReceiverReferenceTime { ntp_timestamp: ntp }),
            XrBlockRepr::Dlrr(DlrrRepr { entries: &entries }),
            XrBlockRepr::StatisticsSummary(s),
            XrBlockRepr::VoipMetrics(v),
        ];
        let buf = ours_emit(ssrc, &blocks, 0);
        let xr = webrtc_parse(&buf).map_err(TestCaseError::fail)?;
        prop_assert_eq!(xr.reports.len(), 4);
        let rrt = xr.reports[0].as_any().downcast_ref::<webrtc::ReceiverReferenceTimeReportBlock>().unwrap();
        prop_assert_eq!(rrt.ntp_timestamp, ntp);
        let dlrr = xr.reports[1].as_any().downcast_ref::<webrtc::DLRRReportBlock>().unwrap();
        prop_assert_eq!(dlrr.reports.len(), entries.len());
        assert_ssr_eq(&s, xr.reports[2].as_any().downcast_ref().unwrap());
        assert_vm_eq(&v, xr.reports[3].as_any().downcast_ref().unwrap());
    }
}

// ---------------------------------------------------------------------------------
// Ours -> rtcp-types, and rtcp-types -> ours
// ---------------------------------------------------------------------------------

proptest! {
    /// Loss and Duplicate RLE written by us, read by rtcp-types. rtcp-types never
    /// yields the last chunk of a block (`deviation_gst_rle_last_chunk`) and counts
    /// thinned sequence numbers from begin_seq rather than from the first multiple of
    /// 2^T (`deviation_gst_thinning_offset`), so chunk counts are odd here (the last
    /// chunk is our null pad) and the sequence comparison uses T = 0.
    #[test]
    fn rle_ours_to_gst(
        loss: bool, ssrc: u32, media: u32, t in 0u8..=15, begin: u16, len in 0u16..600,
        pairs in vec((short_chunk(), short_chunk()), 0..5), last in short_chunk(),
    ) {
        let end = begin.wrapping_add(len);
        let mut chunks: Vec<_> = pairs.into_iter().flat_map(|(a, b)| [a, b]).collect();
        chunks.push(last);
        let repr = RleRepr { thinning: t, ssrc: media, begin_seq: begin, end_seq: end, chunks: &chunks };
        let block = if loss { XrBlockRepr::LossRle(repr) } else { XrBlockRepr::DuplicateRle(repr) };
        let buf = ours_emit(ssrc, &[block], 0);
        let xr = rtcp_types::Xr::parse(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(xr.sender_ssrc(), ssrc);
        let mut it = xr.block_iter();
        let gst_block = it.next().ok_or_else(|| TestCaseError::fail("no block"))?;
        prop_assert!(it.next().is_none());
        let expected_chunks: Vec<_> = chunks.iter().copied().map(our_chunk_to_gst).collect();
        let (_, XrBlockKind::LossRle(ours) | XrBlockKind::DuplicateRle(ours)) = ours_single(&buf) else {
            return Err(TestCaseError::fail("not RLE"));
        };
        let (fields, got_chunks, seqs): ((u8, u32, u16, u16), Vec<_>, Vec<u16>) = if loss {
            let b = gst_block.parse_into::<rtcp_types::LossRle<'_>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
            ((b.thinning(), b.media_ssrc(), b.begin(), b.end()), b.chunk_iter().collect(), b.sequence_iter().collect())
        } else {
            let b = gst_block.parse_into::<rtcp_types::DuplicateRle<'_>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
            ((b.thinning(), b.media_ssrc(), b.begin(), b.end()), b.chunk_iter().collect(), b.sequence_iter().collect())
        };
        prop_assert_eq!(fields, (t, media, begin, end));
        prop_assert_eq!(got_chunks, expected_chunks);
        // rtcp-types hands out values past end_seq when a chunk starts exactly there
        // (`deviation_gst_rle_values_past_end`): compare when the last chunk starts
        // inside the range.
        let prefix: u32 = chunks[..chunks.len() - 1].iter().map(|c| u32::from(c.value_count())).sum();
        if t == 0 && prefix < u32::from(len) {
            prop_assert_eq!(seqs, ones(&ours));
        }
    }

    /// Loss and Duplicate RLE built by rtcp-types, read by us: any chunk count (its
    /// builder adds the null chunk).
    #[test]
    fn rle_gst_to_ours(
        loss: bool, ssrc: u32, media: u32, t in 0u8..=15, begin: u16, end: u16,
        chunks in vec(chunk(), 0..10),
    ) {
        let builder = rtcp_types::Xr::builder().sender_ssrc(ssrc);
        let builder = if loss {
            let mut b = rtcp_types::LossRle::builder().ssrc(media).begin(begin).end(end).thinning(t);
            for c in &chunks { b = b.add_chunk(our_chunk_to_gst(*c)); }
            builder.add_block(b)
        } else {
            let mut b = rtcp_types::DuplicateRle::builder().ssrc(media).begin(begin).end(end).thinning(t);
            for c in &chunks { b = b.add_chunk(our_chunk_to_gst(*c)); }
            builder.add_block(b)
        };
        let buf = gst_emit(builder);
        prop_assert_eq!(&buf, &{
            let repr = RleRepr { thinning: t, ssrc: media, begin_seq: begin, end_seq: end, chunks: &chunks };
            ours_emit(ssrc, &[if loss { XrBlockRepr::LossRle(repr) } else { XrBlockRepr::DuplicateRle(repr) }], 0)
        });
        let (sender, kind) = ours_single(&buf);
        prop_assert_eq!(sender, ssrc);
        let ((true, XrBlockKind::LossRle(rle)) | (false, XrBlockKind::DuplicateRle(rle))) = (loss, kind) else {
            return Err(TestCaseError::fail("wrong kind"));
        };
        prop_assert_eq!((rle.thinning(), rle.ssrc(), rle.begin_seq(), rle.end_seq()), (t, media, begin, end));
        prop_assert_eq!(rle.chunks().collect::<Vec<_>>(), padded(&chunks));
    }

    /// Packet Receipt Times, both directions. Sequence numbers are compared where
    /// begin_seq is a multiple of 2^T (`deviation_gst_thinning_offset`).
    #[test]
    fn prt_both_ways_gst(
        ssrc: u32, media: u32, t in 0u8..=15, begin: u16, times in vec(any::<u32>(), 0..10),
    ) {
        // A range of 65,536 or more would wrap to nothing (RFC 3611 forbids it).
        prop_assume!((times.len() as u32) << t <= 0xffff);
        let begin = begin & !((1u16 << t) - 1);
        let end = begin.wrapping_add(((times.len() as u32) << t) as u16);
        let buf = ours_emit(ssrc, &[XrBlockRepr::PacketReceiptTimes(PacketReceiptTimesRepr {
            thinning: t, ssrc: media, begin_seq: begin, end_seq: end, receipt_times: &times,
        })], 0);
        let xr = rtcp_types::Xr::parse(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let block = xr.block_iter().next().ok_or_else(|| TestCaseError::fail("no block"))?;
        let prt = block.parse_into::<rtcp_types::PacketReceiptTimes<'_>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!((prt.thinning(), prt.media_ssrc(), prt.begin(), prt.end()), (t, media, begin, end));
        let (_, XrBlockKind::PacketReceiptTimes(ours)) = ours_single(&buf) else {
            return Err(TestCaseError::fail("not PRT"));
        };
        // Every time pairs with the same sequence number.
        prop_assert_eq!(prt.sequence_iter().collect::<Vec<_>>(), ours.entries().collect::<Vec<_>>());

        let mut b = rtcp_types::PacketReceiptTimes::builder().ssrc(media).begin(begin).end(end).thinning(t);
        for time in &times { b = b.add_time(*time); }
        let back = gst_emit(rtcp_types::Xr::builder().sender_ssrc(ssrc).add_block(b));
        prop_assert_eq!(back, buf);
    }

    /// Receiver Reference Time, both directions.
    #[test]
    fn rrt_both_ways_gst(ssrc: u32, ntp: u64) {
        let buf = ours_emit(ssrc, &[XrBlockRepr::ReceiverReferenceTime(ReceiverReferenceTime { ntp_timestamp: ntp })], 0);
        let xr = rtcp_types::Xr::parse(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let block = xr.block_iter().next().ok_or_else(|| TestCaseError::fail("no block"))?;
        let rrt = block.parse_into::<rtcp_types::ReceiverReferenceTime<'_>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(rrt.ntp_timestamp(), ntp);
        let back = gst_emit(rtcp_types::Xr::builder().sender_ssrc(ssrc)
            .add_block(rtcp_types::ReceiverReferenceTime::builder().ntp_timestamp(ntp)));
        prop_assert_eq!(back, buf);
    }

    /// DLRR written by us, read by rtcp-types: only 1, 5, 9... sub-blocks parse there
    /// (`deviation_gst_dlrr_length`).
    #[test]
    fn dlrr_ours_to_gst(ssrc: u32, quads in 0usize..3, entries in vec(dlrr_entry(), 9)) {
        let entries = &entries[..1 + 4 * quads];
        let buf = ours_emit(ssrc, &[XrBlockRepr::Dlrr(DlrrRepr { entries })], 0);
        let xr = rtcp_types::Xr::parse(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let block = xr.block_iter().next().ok_or_else(|| TestCaseError::fail("no block"))?;
        let dlrr = block.parse_into::<rtcp_types::DelaySinceLastReceiverReport<'_>>().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<_> = dlrr.block_iter().map(|b| DlrrEntry {
            ssrc: b.ssrc(),
            last_rr: b.last_receiver_report(),
            delay_since_last_rr: b.delay_since_last_receiver_report_timestamp(),
        }).collect();
        prop_assert_eq!(got, entries);
    }

    /// DLRR built by rtcp-types, read by us: any number of sub-blocks.
    #[test]
    fn dlrr_gst_to_ours(ssrc: u32, entries in vec(dlrr_entry(), 1..8)) {
        let mut b = rtcp_types::DelaySinceLastReceiverReport::builder();
        for e in &entries {
            b = b.add_block(rtcp_types::DelaySinceLastReceiverReportBlock::builder()
                .ssrc(e.ssrc)
                .last_receiver_report(e.last_rr)
                .delay_since_last_receiver_report_timestamp(e.delay_since_last_rr));
        }
        let buf = gst_emit(rtcp_types::Xr::builder().sender_ssrc(ssrc).add_block(b));
        let (_, XrBlockKind::Dlrr(dlrr)) = ours_single(&buf) else {
            return Err(TestCaseError::fail("not DLRR"));
        };
        prop_assert_eq!(dlrr.entries().collect::<Vec<_>>(), entries.clone());
        prop_assert_eq!(buf, ours_emit(ssrc, &[XrBlockRepr::Dlrr(DlrrRepr { entries: &entries })], 0));
    }
}

// ---------------------------------------------------------------------------------
// Deviations from RFC 3611, pinned
// ---------------------------------------------------------------------------------

/// webrtc-rs reads the padding of an XR packet as report blocks. RFC 3550 §6.4.1 (and
/// RFC 3611 §2, which keeps the P bit): padding octets are not part of the packet's
/// contents. Its XR unmarshal walks blocks until the buffer is empty, so the 4 bytes
/// `00 00 00 04` of padding become a block header announcing 4 more words, and the
/// whole packet is rejected.
#[test]
fn deviation_webrtc_reads_padding_as_blocks() {
    let blocks = [XrBlockRepr::ReceiverReferenceTime(ReceiverReferenceTime {
        ntp_timestamp: 1,
    })];
    let buf = ours_emit(7, &blocks, 4);
    assert_eq!(buf[0] & 0x20, 0x20, "P bit set");
    assert_eq!(&buf[buf.len() - 4..], &[0, 0, 0, 4]);
    // Ours reads the one block; webrtc-rs fails.
    assert!(ExtendedReport::new_checked(&buf).unwrap().blocks().count() == 1);
    assert!(webrtc_parse(&buf).is_err());
    // Without padding both agree (covered by the properties above).
    assert!(webrtc_parse(&ours_emit(7, &blocks, 0)).is_ok());
}

/// webrtc-rs writes an RLE block with an odd number of chunks without the null chunk
/// RFC 3611 §4.1 requires ("A null packet MUST appear at the end of a Loss RLE Report
/// Block if the number of run length plus bit vector chunks is odd"). Its block length
/// is rounded down, so the block claims 2 bytes fewer than it writes, and the XR
/// packet gets padded with the P bit: the next reader is out of step.
#[test]
fn deviation_webrtc_rle_odd_chunks() {
    let block = webrtc::RLEReportBlock {
        is_loss_rle: true,
        t: 0,
        ssrc: 0x1234,
        begin_seq: 10,
        end_seq: 15,
        chunks: vec![webrtc::Chunk(0x4005)], // one chunk: a run of 5 ones
    };
    let buf = webrtc_emit(webrtc::ExtendedReport {
        sender_ssrc: 1,
        reports: vec![Box::new(block)],
    });
    // 8 header+SSRC, 4 block header, 8 SSRC+range, 2 chunk = 22 bytes, padded to 24.
    assert_eq!(buf.len(), 24);
    assert_eq!(buf[0] & 0x20, 0x20, "padded with the P bit");
    // The block is 14 bytes; its length field says 14 / 4 - 1 = 2 words, so 8 bytes of
    // contents are announced while 10 are written.
    assert_eq!(u16::from_be_bytes([buf[10], buf[11]]), 2);
    // We follow the length: the block ends before its chunk, and the chunk's 2 bytes
    // (at byte 20, before 2 bytes of padding) are left over where a block header
    // should start.
    let xr = ExtendedReport::new_checked(&buf);
    assert_eq!(
        xr,
        Err(RtcpError::Truncated {
            field: "XR report block header",
            offset: 20,
            needed: 4,
            available: 2
        })
    );
}

/// webrtc-rs maps the Statistics Summary ToH value 3 ("undefined and MUST NOT be
/// used", RFC 3611 §4.6) to `Missing`, the name it gives 0: a block that flags TTL
/// values with the undefined code reads the same as one that reports none. We keep 3
/// as [`TtlOrHopLimit::Undefined`].
#[test]
fn deviation_webrtc_ssr_toh_3() {
    let s = StatisticsSummary {
        ttl_or_hop_limit: TtlOrHopLimit::Undefined,
        min_ttl_or_hl: 64,
        ..StatisticsSummary::default()
    };
    let buf = ours_emit(1, &[XrBlockRepr::StatisticsSummary(s)], 0);
    assert_eq!(buf[9], 0x18, "ToH bits 11");
    let theirs: webrtc::StatisticsSummaryReportBlock = webrtc_single(&webrtc_parse(&buf).unwrap());
    assert_eq!(theirs.ttl_or_hop_limit, webrtc::TTLorHopLimitType::Missing);
    // Written back by webrtc-rs the code becomes 0.
    let back = webrtc_emit(webrtc::ExtendedReport {
        sender_ssrc: 1,
        reports: vec![Box::new(theirs)],
    });
    assert_eq!(back[9], 0x00);
    let (_, XrBlockKind::StatisticsSummary(read)) = ours_single(&back) else {
        panic!()
    };
    assert_eq!(read.ttl_or_hop_limit, TtlOrHopLimit::NotReported);
    // ...which our consistency check then flags: TTL 64 reported with ToH = 0.
    assert!(!read.is_consistent());
}

/// webrtc-rs types the VoIP Metrics signal and noise levels as `u8`; RFC 3611 §4.7.4
/// defines them as "a signed integer in two's complement form" (dB relative to
/// 0 dBm0, typically -15 to -20). A level of -20 dB reads there as 236. The bits are
/// the same (the properties above compare through a cast); the value is not. It also
/// leaves the receiver configuration byte (§4.7.6) undecoded and exposes the reserved
/// byte, which its writer copies to the wire instead of zeroing.
#[test]
fn deviation_webrtc_voip_levels() {
    let v = VoipMetrics {
        signal_level: -20,
        noise_level: -60,
        ..VoipMetrics::default()
    };
    let buf = ours_emit(1, &[XrBlockRepr::VoipMetrics(v)], 0);
    let theirs: webrtc::VoIPMetricsReportBlock = webrtc_single(&webrtc_parse(&buf).unwrap());
    assert_eq!((theirs.signal_level, theirs.noise_level), (236, 196));
    // A non-zero reserved byte goes onto the wire (RFC 3611 §4.7: "MUST be set to
    // zero"); we ignore it on reading.
    let nonzero = webrtc::VoIPMetricsReportBlock {
        reserved: 0xff,
        ..theirs
    };
    let back = webrtc_emit(webrtc::ExtendedReport {
        sender_ssrc: 1,
        reports: vec![Box::new(nonzero)],
    });
    // Header and SSRC 8, block header 4, then the block's SSRC 4, 20 bytes of metrics
    // and RX config: the reserved byte is at 8 + 4 + 25 = 37.
    assert_eq!(back[37], 0xff);
    assert_eq!(ours_single(&back).1, XrBlockKind::VoipMetrics(v));
}

/// rtcp-types never yields the last chunk of an RLE block: its chunk iterator stops
/// when `offset + 2 >= block length` instead of `>`. RFC 3611 §4.1: the chunks fill
/// the block. With an even chunk count the last real chunk is lost, and with it the
/// values it describes.
#[test]
fn deviation_gst_rle_last_chunk() {
    // RFC 3611 §4.1's example (packets 13,821 to 13,865, the 22nd and 24th lost)
    // encoded the RFC's first way, with three bit vectors and a null chunk. Ours reads
    // 45 values; rtcp-types stops before the null chunk and yields all three vectors.
    let chunks = [
        RleChunk::BitVector(0x7fff),
        RleChunk::BitVector(0b111_1110_1011_1111),
        RleChunk::BitVector(0x7fff),
    ];
    let repr = RleRepr {
        thinning: 0,
        ssrc: 0x1234,
        begin_seq: 13_821,
        end_seq: 13_866,
        chunks: &chunks,
    };
    let buf = ours_emit(1, &[XrBlockRepr::LossRle(repr)], 0);
    let (_, XrBlockKind::LossRle(ours)) = ours_single(&buf) else {
        panic!()
    };
    assert_eq!(ours.trace().count(), 45);
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    let gst = gst.parse_into::<rtcp_types::LossRle<'_>>().unwrap();
    assert_eq!(gst.chunk_iter().count(), 3);
    // Now the RFC's second encoding with its null chunk replaced by a fourth real
    // chunk, a run of 5 zeros, ending a 50-packet trace at end_seq 13,871: the run is
    // dropped, so rtcp-types knows nothing of the last 5 packets.
    let chunks = [
        RleChunk::RunLength {
            ones: true,
            length: 21,
        },
        RleChunk::BitVector(0b010_1111_1111_1111),
        RleChunk::RunLength {
            ones: true,
            length: 9,
        },
        RleChunk::RunLength {
            ones: false,
            length: 5,
        },
    ];
    let repr = RleRepr {
        end_seq: 13_871,
        chunks: &chunks,
        ..repr
    };
    let buf = ours_emit(1, &[XrBlockRepr::LossRle(repr)], 0);
    let (_, XrBlockKind::LossRle(ours)) = ours_single(&buf) else {
        panic!()
    };
    let counts = ours.counts();
    assert_eq!((counts.ones, counts.zeros), (43, 7));
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    let gst = gst.parse_into::<rtcp_types::LossRle<'_>>().unwrap();
    assert_eq!(gst.chunk_iter().count(), 3);
}

/// rtcp-types reports sequence number `begin_seq + i·2^T` for the i-th value of a
/// thinned RLE or Packet Receipt Times block. RFC 3611 §4.1: thinning "selects a
/// subset of packets within the sequence number space: those with sequence numbers
/// that are multiples of 2^T"; its example trace from 13,821 with T = 2 reports
/// 13,824, 13,828, ... When begin_seq is not a multiple of 2^T every value lands on the
/// wrong packet.
#[test]
fn deviation_gst_thinning_offset() {
    // The RFC's thinned example: "bit vector 1111 1011 1100 000, null chunk" for
    // 13,824 ... 13,864, zeros at 13,844 and 13,864.
    let chunks = [RleChunk::BitVector(0b111_1101_1110_0000)];
    let repr = RleRepr {
        thinning: 2,
        ssrc: 0x1234,
        begin_seq: 13_821,
        end_seq: 13_866,
        chunks: &chunks,
    };
    let buf = ours_emit(1, &[XrBlockRepr::LossRle(repr)], 0);
    let (_, XrBlockKind::LossRle(ours)) = ours_single(&buf) else {
        panic!()
    };
    let expected: Vec<u16> = (0..11)
        .map(|i| 13_824 + 4 * i)
        .filter(|s| *s != 13_844 && *s != 13_864)
        .collect();
    assert_eq!(ones(&ours), expected);
    // rtcp-types (the vector is its last-but-one chunk, so it is read) counts from
    // 13,821: 13,821, 13,825, ..., so every value lands 3 sequence numbers early.
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    let gst = gst.parse_into::<rtcp_types::LossRle<'_>>().unwrap();
    let theirs: Vec<u16> = gst.sequence_iter().collect();
    let shifted: Vec<u16> = expected.iter().map(|s| s - 3).collect();
    assert_eq!(theirs, shifted);

    // The same for Packet Receipt Times: T = 3 over 100 to 130 reports 104, 112, 120,
    // 128; rtcp-types pairs the times with 100, 108, 116, 124.
    let times = [10, 20, 30, 40];
    let buf = ours_emit(
        1,
        &[XrBlockRepr::PacketReceiptTimes(PacketReceiptTimesRepr {
            thinning: 3,
            ssrc: 1,
            begin_seq: 100,
            end_seq: 131,
            receipt_times: &times,
        })],
        0,
    );
    let (_, XrBlockKind::PacketReceiptTimes(ours)) = ours_single(&buf) else {
        panic!()
    };
    assert!(
        ours.entries()
            .eq([(104, 10), (112, 20), (120, 30), (128, 40)])
    );
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    let gst = gst
        .parse_into::<rtcp_types::PacketReceiptTimes<'_>>()
        .unwrap();
    assert!(
        gst.sequence_iter()
            .eq([(100, 10), (108, 20), (116, 30), (124, 40)])
    );
}

/// rtcp-types accepts a DLRR block only if its total length, header included, is a
/// multiple of 16 bytes. RFC 3611 §4.5: "one or more 3 word sub-blocks", so 4 + 12n
/// bytes; a multiple of 16 only for n = 1, 5, 9, ... A DLRR answering two receivers
/// fails to parse.
#[test]
fn deviation_gst_dlrr_length() {
    let entries = [DlrrEntry::default(), DlrrEntry::default()];
    let buf = ours_emit(1, &[XrBlockRepr::Dlrr(DlrrRepr { entries: &entries })], 0);
    let (_, XrBlockKind::Dlrr(ours)) = ours_single(&buf) else {
        panic!()
    };
    assert_eq!(ours.entries().len(), 2);
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    assert!(
        gst.parse_into::<rtcp_types::DelaySinceLastReceiverReport<'_>>()
            .is_err()
    );
    // Its own builder writes such a block, which its own parser then rejects.
    let mut b = rtcp_types::DelaySinceLastReceiverReport::builder();
    for _ in 0..2 {
        b = b.add_block(rtcp_types::DelaySinceLastReceiverReportBlock::builder());
    }
    let own = gst_emit(rtcp_types::Xr::builder().sender_ssrc(1).add_block(b));
    assert_eq!(own, buf);
    let xr = rtcp_types::Xr::parse(&own).unwrap();
    assert!(
        xr.block_iter()
            .next()
            .unwrap()
            .parse_into::<rtcp_types::DelaySinceLastReceiverReport<'_>>()
            .is_err()
    );
}

/// rtcp-types mishandles XR padding both ways. Its builder sets the P bit but writes
/// no padding octets (its size calculation leaves them out), so the last byte of the
/// last block is taken as the padding count (RFC 3550 §6.4.1: "The last octet of the
/// padding is a count of how many padding octets should be ignored, including
/// itself"). Its parser walks blocks into the padding of a correctly padded packet.
#[test]
fn deviation_gst_padding() {
    let gst = gst_emit(
        rtcp_types::Xr::builder()
            .sender_ssrc(1)
            .padding(4)
            .add_block(rtcp_types::ReceiverReferenceTime::builder().ntp_timestamp(0x0102_0304)),
    );
    // 8 + 12 bytes, no padding octets, yet P = 1.
    assert_eq!(gst.len(), 20);
    assert_eq!(gst[0] & 0x20, 0x20);
    // The last byte, 0x04 (low byte of the timestamp), is read as 4 bytes of padding:
    // the RRTR block loses its last word.
    assert_eq!(
        ExtendedReport::new_checked(&gst),
        Err(RtcpError::Truncated {
            field: "XR report block contents",
            offset: 12,
            needed: 8,
            available: 4
        })
    );
    // A correctly padded packet written by us: rtcp-types fails on the padding.
    let ours = ours_emit(
        1,
        &[XrBlockRepr::ReceiverReferenceTime(ReceiverReferenceTime {
            ntp_timestamp: 0x0102_0304,
        })],
        4,
    );
    assert_eq!(ours.len(), 24);
    assert!(rtcp_types::Xr::parse(&ours).is_err());
}

/// rtcp-types yields values past end_seq when a chunk starts exactly at end_seq: its
/// range check compares against the start of the current chunk, not begin_seq, and
/// takes `end <= start` for a wrapped range. RFC 3611 §4.1: begin_seq to end_seq is the
/// trace; bits beyond the last sequence number "MUST be ignored by the receiver".
#[test]
fn deviation_gst_rle_values_past_end() {
    // 100 to 109 (end_seq 110): a run of 10 receipts, then runs of 5 and 1 past the
    // end, then the null chunk our writer adds (the chunk rtcp-types drops, see
    // `deviation_gst_rle_last_chunk`). The second run starts exactly at end_seq.
    let one_run = |length| RleChunk::RunLength { ones: true, length };
    let chunks = [one_run(10), one_run(5), one_run(1)];
    let repr = RleRepr {
        thinning: 0,
        ssrc: 1,
        begin_seq: 100,
        end_seq: 110,
        chunks: &chunks,
    };
    let buf = ours_emit(1, &[XrBlockRepr::LossRle(repr)], 0);
    let (_, XrBlockKind::LossRle(ours)) = ours_single(&buf) else {
        panic!()
    };
    assert_eq!(ones(&ours), (100..110).collect::<Vec<u16>>());
    let xr = rtcp_types::Xr::parse(&buf).unwrap();
    let gst = xr.block_iter().next().unwrap();
    let gst = gst.parse_into::<rtcp_types::LossRle<'_>>().unwrap();
    assert_eq!(
        gst.sequence_iter().collect::<Vec<_>>(),
        (100..116).collect::<Vec<u16>>()
    );
}

// ---------------------------------------------------------------------------------
// Real packets
// ---------------------------------------------------------------------------------

/// Real XR packets: the only ones in the public captures we have
/// (`testdata/packets/README.md`) are SRTCP-protected, from a Google Meet call and a
/// WebRTC session in nDPI's test captures. SRTCP (RFC 3711 §3.4) leaves the first 8
/// bytes in clear (header and sender SSRC) and encrypts the rest, so the 12-byte report
/// block (an RRTR by its size) is ciphertext, and its "block length" announces far more
/// than the packet holds. All three parsers must refuse it; ours says where and why,
/// matching what tshark 4.0.17 reports for the same frame.
#[test]
fn real_srtcp_protected_xr() {
    // Google Meet, nDPI stun_google_meet.pcapng frame 52: 20 bytes of XR, a 16-byte
    // AEAD tag, then the SRTCP E flag and index 0x80000001 (AES-GCM puts the index
    // after the tag, RFC 7714 §9.1).
    let meet: &[u8] =
        include_bytes!("../../../testdata/packets/rtcp/meet-f52-xr-srtcp-malformed.bin");
    assert_eq!(meet.len(), 40);
    assert_eq!(&meet[36..], &[0x80, 0x00, 0x00, 0x01]);
    let raw = rtcinspect_wire::rtcp::RawRtcp::new_checked(meet).unwrap();
    assert_eq!(raw.packet_type(), 207);
    assert_eq!(raw.len(), 20);
    assert_eq!(&raw.body()[..4], &[0xd2, 0xb3, 0xec, 0x9f]);
    // Block header ce 65 be 7c: BT 206, length 0xbe7c = 48764 words = 195056 bytes
    // from byte 12, where 8 remain.
    assert_eq!(
        ExtendedReport::new_checked(meet),
        Err(RtcpError::Truncated {
            field: "XR report block contents",
            offset: 12,
            needed: 195_056,
            available: 8
        })
    );
    assert!(webrtc_parse(&meet[..20]).is_err());
    assert!(rtcp_types::Xr::parse(&meet[..20]).is_err());

    // nDPI stun.pcap frame 181: 20 bytes of XR, E flag and index 0x80000001, then a
    // 10-byte HMAC-SHA1-80 tag (RFC 3711 §3.4 order). Block header 3c 26 e2 62: length
    // 0xe262 = 57954 words = 231816 bytes.
    let stun: &[u8] =
        include_bytes!("../../../testdata/packets/rtcp/stun-f181-xr-srtcp-malformed.bin");
    assert_eq!(stun.len(), 34);
    assert_eq!(&stun[20..24], &[0x80, 0x00, 0x00, 0x01]);
    assert_eq!(
        ExtendedReport::new_checked(stun),
        Err(RtcpError::Truncated {
            field: "XR report block contents",
            offset: 12,
            needed: 231_816,
            available: 8
        })
    );
    assert!(webrtc_parse(&stun[..20]).is_err());
    assert!(rtcp_types::Xr::parse(&stun[..20]).is_err());
}
