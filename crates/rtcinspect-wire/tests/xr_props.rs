//! Property tests for [`rtcinspect_wire::rtcp::xr`]: every block type written by its
//! `Repr` parses back to the same fields, parsed packets write back to the same bytes,
//! and arbitrary bytes never make a view or iterator panic.

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::rtcp::xr::{
    DlrrEntry, DlrrRepr, ExtendedReport, ExtendedReportRepr, JitterBufferAdaptive,
    PacketLossConcealment, PacketReceiptTimesRepr, RawXrBlockRepr, ReceiverReferenceTime, RleChunk,
    RleRepr, RxConfig, StatisticsSummary, TtlOrHopLimit, VoipMetrics, XrBlock, XrBlockKind,
    XrBlockRepr,
};
use rtcinspect_wire::rtcp::{Compound, RtcpPacket, RtcpWrite};

/// An owned report block, to generate and to compare (the `Repr`s borrow their lists).
#[derive(Debug, Clone, PartialEq)]
enum Block {
    LossRle(Rle),
    DuplicateRle(Rle),
    Prt {
        thinning: u8,
        ssrc: u32,
        begin_seq: u16,
        end_seq: u16,
        times: Vec<u32>,
    },
    Rrt(ReceiverReferenceTime),
    Dlrr(Vec<DlrrEntry>),
    Ssr(StatisticsSummary),
    Vm(VoipMetrics),
    Raw {
        block_type: u8,
        type_specific: u8,
        body: Vec<u8>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Rle {
    thinning: u8,
    ssrc: u32,
    begin_seq: u16,
    end_seq: u16,
    chunks: Vec<RleChunk>,
}

impl Rle {
    fn repr(&self) -> RleRepr<'_> {
        RleRepr {
            thinning: self.thinning,
            ssrc: self.ssrc,
            begin_seq: self.begin_seq,
            end_seq: self.end_seq,
            chunks: &self.chunks,
        }
    }
}

impl Block {
    fn repr(&self) -> XrBlockRepr<'_> {
        match self {
            Block::LossRle(r) => XrBlockRepr::LossRle(r.repr()),
            Block::DuplicateRle(r) => XrBlockRepr::DuplicateRle(r.repr()),
            Block::Prt {
                thinning,
                ssrc,
                begin_seq,
                end_seq,
                times,
            } => XrBlockRepr::PacketReceiptTimes(PacketReceiptTimesRepr {
                thinning: *thinning,
                ssrc: *ssrc,
                begin_seq: *begin_seq,
                end_seq: *end_seq,
                receipt_times: times,
            }),
            Block::Rrt(r) => XrBlockRepr::ReceiverReferenceTime(*r),
            Block::Dlrr(entries) => XrBlockRepr::Dlrr(DlrrRepr { entries }),
            Block::Ssr(s) => XrBlockRepr::StatisticsSummary(*s),
            Block::Vm(v) => XrBlockRepr::VoipMetrics(*v),
            Block::Raw {
                block_type,
                type_specific,
                body,
            } => XrBlockRepr::Raw(RawXrBlockRepr {
                block_type: *block_type,
                type_specific: *type_specific,
                body,
            }),
        }
    }

    /// What parsing the written block gives back: the writer pads an odd chunk list
    /// with the null chunk RFC 3611 §4.1 requires; everything else is unchanged.
    fn as_parsed(&self) -> Block {
        let pad = |r: &Rle| {
            let mut r = r.clone();
            if r.chunks.len() % 2 == 1 {
                r.chunks.push(RleChunk::Null);
            }
            r
        };
        match self {
            Block::LossRle(r) => Block::LossRle(pad(r)),
            Block::DuplicateRle(r) => Block::DuplicateRle(pad(r)),
            other => other.clone(),
        }
    }

    fn from_parsed(block: &XrBlock<'_>) -> Block {
        let rle = |r: &rtcinspect_wire::rtcp::xr::Rle<'_>| Rle {
            thinning: r.thinning(),
            ssrc: r.ssrc(),
            begin_seq: r.begin_seq(),
            end_seq: r.end_seq(),
            chunks: r.chunks().collect(),
        };
        match block.parse() {
            Ok(XrBlockKind::LossRle(r)) => Block::LossRle(rle(&r)),
            Ok(XrBlockKind::DuplicateRle(r)) => Block::DuplicateRle(rle(&r)),
            Ok(XrBlockKind::PacketReceiptTimes(p)) => Block::Prt {
                thinning: p.thinning(),
                ssrc: p.ssrc(),
                begin_seq: p.begin_seq(),
                end_seq: p.end_seq(),
                times: p.receipt_times().collect(),
            },
            Ok(XrBlockKind::ReceiverReferenceTime(r)) => Block::Rrt(r),
            Ok(XrBlockKind::Dlrr(d)) => Block::Dlrr(d.entries().collect()),
            Ok(XrBlockKind::StatisticsSummary(s)) => Block::Ssr(s),
            Ok(XrBlockKind::VoipMetrics(v)) => Block::Vm(v),
            Ok(XrBlockKind::Unknown {
                block_type,
                type_specific,
                body,
            }) => Block::Raw {
                block_type,
                type_specific,
                body: body.to_vec(),
            },
            Ok(other) => panic!("unexpected kind {other:?}"),
            Err(e) => panic!("block at {} does not parse: {e}", block.offset()),
        }
    }
}

fn chunk() -> impl Strategy<Value = RleChunk> {
    prop_oneof![
        (any::<bool>(), 1u16..=0x3fff)
            .prop_map(|(ones, length)| RleChunk::RunLength { ones, length }),
        (0u16..=0x7fff).prop_map(RleChunk::BitVector),
    ]
}

fn rle() -> impl Strategy<Value = Rle> {
    (
        0u8..=15,
        any::<u32>(),
        any::<u16>(),
        any::<u16>(),
        vec(chunk(), 0..12),
    )
        .prop_map(|(thinning, ssrc, begin_seq, end_seq, chunks)| Rle {
            thinning,
            ssrc,
            begin_seq,
            end_seq,
            chunks,
        })
}

fn prt() -> impl Strategy<Value = Block> {
    (
        0u8..=15,
        any::<u32>(),
        any::<u16>(),
        any::<u16>(),
        vec(any::<u32>(), 0..12),
    )
        .prop_map(|(thinning, ssrc, begin_seq, end_seq, times)| Block::Prt {
            thinning,
            ssrc,
            begin_seq,
            end_seq,
            times,
        })
}

fn dlrr_entry() -> impl Strategy<Value = DlrrEntry> {
    (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(ssrc, last_rr, delay_since_last_rr)| {
        DlrrEntry {
            ssrc,
            last_rr,
            delay_since_last_rr,
        }
    })
}

fn ssr() -> impl Strategy<Value = StatisticsSummary> {
    (
        (any::<u32>(), any::<u16>(), any::<u16>()),
        (any::<bool>(), any::<bool>(), any::<bool>(), 0u8..4),
        any::<[u32; 6]>(),
        any::<[u8; 4]>(),
    )
        .prop_map(
            |((ssrc, begin_seq, end_seq), (l, d, j, toh), n, ttl)| StatisticsSummary {
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
                min_ttl_or_hl: ttl[0],
                max_ttl_or_hl: ttl[1],
                mean_ttl_or_hl: ttl[2],
                dev_ttl_or_hl: ttl[3],
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
        .prop_map(|(ssrc, rates, durations, levels, rx, jb)| VoipMetrics {
            ssrc,
            loss_rate: rates[0],
            discard_rate: rates[1],
            burst_density: rates[2],
            gap_density: rates[3],
            burst_duration: durations[0],
            gap_duration: durations[1],
            round_trip_delay: durations[2],
            end_system_delay: durations[3],
            signal_level: levels[0] as i8,
            noise_level: levels[1] as i8,
            rerl: levels[2],
            gmin: levels[3],
            r_factor: levels[4],
            ext_r_factor: levels[5],
            mos_lq: levels[6],
            mos_cq: levels[7],
            rx_config: RxConfig::from(rx),
            jb_nominal: jb[0],
            jb_maximum: jb[1],
            jb_abs_max: jb[2],
        })
}

fn raw() -> impl Strategy<Value = Block> {
    // Block types 1 to 7 are decoded, so a raw block of those types would not come
    // back as raw; 0 and 8 to 255 do.
    (
        prop_oneof![Just(0u8), 8u8..=255],
        any::<u8>(),
        vec(any::<[u8; 4]>(), 0..8),
    )
        .prop_map(|(block_type, type_specific, words)| Block::Raw {
            block_type,
            type_specific,
            body: words.concat(),
        })
}

fn any_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        rle().prop_map(Block::LossRle),
        rle().prop_map(Block::DuplicateRle),
        prt(),
        any::<u64>().prop_map(|ntp_timestamp| Block::Rrt(ReceiverReferenceTime { ntp_timestamp })),
        vec(dlrr_entry(), 1..6).prop_map(Block::Dlrr),
        ssr().prop_map(Block::Ssr),
        voip().prop_map(Block::Vm),
        raw(),
    ]
}

/// Writes `blocks` in an XR packet, parses it, and checks every block and the bytes
/// written back from the parse.
fn round_trip(ssrc: u32, blocks: &[Block], padding: u8) -> Result<(), TestCaseError> {
    let reprs: Vec<_> = blocks.iter().map(Block::repr).collect();
    let repr = ExtendedReportRepr {
        ssrc,
        blocks: &reprs,
        padding,
    };
    let mut buf = vec![0u8; repr.buffer_len()];
    prop_assert_eq!(repr.emit(&mut buf), Ok(buf.len()));

    let Ok(RtcpPacket::ExtendedReport(xr)) = RtcpPacket::parse(&buf) else {
        return Err(TestCaseError::fail(format!("not an XR: {buf:02x?}")));
    };
    prop_assert_eq!(xr.ssrc(), ssrc);
    let parsed: Vec<_> = xr.blocks().map(|b| Block::from_parsed(&b)).collect();
    let expected: Vec<_> = blocks.iter().map(Block::as_parsed).collect();
    prop_assert_eq!(&parsed, &expected);

    // Parse -> Repr -> emit gives the same bytes, typed and raw.
    let typed: Vec<_> = parsed.iter().map(Block::repr).collect();
    let again = ExtendedReportRepr::parse(&xr, &typed);
    let mut out = vec![0u8; again.buffer_len()];
    prop_assert_eq!(again.emit(&mut out), Ok(buf.len()));
    prop_assert_eq!(&out, &buf);
    let raws: Vec<_> = xr
        .blocks()
        .map(|b| XrBlockRepr::Raw(RawXrBlockRepr::parse(&b)))
        .collect();
    let raw = ExtendedReportRepr::parse(&xr, &raws);
    let mut out = vec![0u8; raw.buffer_len()];
    prop_assert_eq!(raw.emit(&mut out), Ok(buf.len()));
    prop_assert_eq!(&out, &buf);
    Ok(())
}

/// Reads everything a checked XR packet offers; nothing here may panic.
fn walk(xr: &ExtendedReport<'_>) {
    use std::hint::black_box as keep;
    keep((xr.ssrc(), xr.reserved(), xr.raw()));
    for block in xr.blocks() {
        keep((
            block.block_type(),
            block.type_specific(),
            block.block_length(),
            block.body(),
            block.as_bytes(),
            block.offset(),
            format!("{block:?}"),
        ));
        match block.parse() {
            Ok(XrBlockKind::LossRle(r) | XrBlockKind::DuplicateRle(r)) => {
                keep((r.ssrc(), r.begin_seq(), r.end_seq(), r.thinning()));
                r.chunks().for_each(|c| {
                    keep((c.value_count(), c.encode().is_ok()));
                });
                keep((
                    r.trace().count(),
                    r.reported_sequences().count(),
                    r.counts().total(),
                ));
            }
            Ok(XrBlockKind::PacketReceiptTimes(p)) => {
                keep((p.ssrc(), p.begin_seq(), p.end_seq(), p.thinning()));
                keep((
                    p.receipt_times().count(),
                    p.entries().count(),
                    p.reported_sequences().len(),
                ));
            }
            Ok(XrBlockKind::ReceiverReferenceTime(r)) => {
                keep(r.compact_ntp());
            }
            Ok(XrBlockKind::Dlrr(d)) => {
                keep(
                    d.entries()
                        .filter_map(|e| e.round_trip(0x1234_5678))
                        .count(),
                );
            }
            Ok(XrBlockKind::StatisticsSummary(s)) => {
                keep((
                    s.is_consistent(),
                    s.lost(),
                    s.duplicates(),
                    s.type_specific(),
                ));
            }
            Ok(XrBlockKind::VoipMetrics(v)) => {
                keep((v.loss_fraction(), v.discard_fraction(), v.signal_level_db()));
                keep((
                    v.noise_level_db(),
                    v.rerl_db(),
                    v.r_factor_value(),
                    v.ext_r_factor_value(),
                ));
                keep((
                    v.mos_lq_value(),
                    v.mos_cq_value(),
                    v.rx_config.encode().is_ok(),
                ));
            }
            Ok(other) => {
                keep(other);
            }
            Err(e) => {
                keep(e.to_string());
            }
        }
    }
}

/// An XR-shaped packet around arbitrary contents: a correct common header so the
/// block walk and block parsers, not the header checks, see the bytes. `words` of
/// contents; `bt` and `len` bytes bias the first block header towards the RFC 3611
/// types and plausible lengths.
fn xr_shaped() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<u32>(),
        vec(
            (0u8..=9, any::<u8>(), 0u16..12, vec(any::<u8>(), 0..48)),
            0..4,
        ),
        any::<bool>(),
    )
        .prop_map(|(ssrc, blocks, truncate)| {
            let mut body = ssrc.to_be_bytes().to_vec();
            for (bt, ts, len, contents) in blocks {
                body.extend_from_slice(&[bt, ts]);
                body.extend_from_slice(&len.to_be_bytes());
                let mut contents = contents;
                contents.resize(usize::from(len) * 4, 0xa5);
                body.extend_from_slice(&contents);
            }
            if truncate && body.len() > 8 {
                body.truncate(body.len() - 4);
            }
            let words = body.len().div_ceil(4);
            body.resize(words * 4, 0);
            let mut packet = vec![0x80, 207];
            packet.extend_from_slice(&(words as u16).to_be_bytes());
            packet.extend_from_slice(&body);
            packet
        })
}

fn padding() -> impl Strategy<Value = u8> {
    prop_oneof![Just(0u8), (1u8..=63).prop_map(|w| w * 4)]
}

proptest! {
    #[test]
    fn loss_rle_round_trip(ssrc: u32, r in rle(), padding in padding()) {
        round_trip(ssrc, &[Block::LossRle(r)], padding)?;
    }

    #[test]
    fn duplicate_rle_round_trip(ssrc: u32, r in rle(), padding in padding()) {
        round_trip(ssrc, &[Block::DuplicateRle(r)], padding)?;
    }

    #[test]
    fn packet_receipt_times_round_trip(ssrc: u32, b in prt(), padding in padding()) {
        round_trip(ssrc, &[b], padding)?;
    }

    #[test]
    fn receiver_reference_time_round_trip(ssrc: u32, ntp_timestamp: u64, padding in padding()) {
        round_trip(ssrc, &[Block::Rrt(ReceiverReferenceTime { ntp_timestamp })], padding)?;
    }

    #[test]
    fn dlrr_round_trip(ssrc: u32, entries in vec(dlrr_entry(), 1..8), padding in padding()) {
        round_trip(ssrc, &[Block::Dlrr(entries)], padding)?;
    }

    #[test]
    fn statistics_summary_round_trip(ssrc: u32, s in ssr(), padding in padding()) {
        round_trip(ssrc, &[Block::Ssr(s)], padding)?;
    }

    #[test]
    fn voip_metrics_round_trip(ssrc: u32, v in voip(), padding in padding()) {
        round_trip(ssrc, &[Block::Vm(v)], padding)?;
    }

    #[test]
    fn raw_block_round_trip(ssrc: u32, b in raw(), padding in padding()) {
        round_trip(ssrc, &[b], padding)?;
    }

    #[test]
    fn mixed_blocks_round_trip(ssrc: u32, blocks in vec(any_block(), 0..6), padding in padding()) {
        round_trip(ssrc, &blocks, padding)?;
    }

    /// RLE counts agree with walking the trace, for any chunks and range.
    #[test]
    fn rle_counts_match_trace(r in rle()) {
        let repr = XrBlockRepr::LossRle(r.repr());
        let blocks = [repr];
        let xr = ExtendedReportRepr { ssrc: 1, blocks: &blocks, padding: 0 };
        let mut buf = vec![0u8; xr.buffer_len()];
        xr.emit(&mut buf).unwrap();
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let Ok(XrBlockKind::LossRle(rle)) = xr.blocks().next().unwrap().parse() else {
            return Err(TestCaseError::fail("not Loss RLE"));
        };
        let counts = rle.counts();
        let ones = rle.trace().filter(|&(_, v)| v).count() as u32;
        let zeros = rle.trace().filter(|&(_, v)| !v).count() as u32;
        prop_assert_eq!((counts.ones, counts.zeros), (ones, zeros));
        // The trace's sequence numbers are a prefix of the reported ones.
        prop_assert!(rle.trace().map(|(s, _)| s).zip(rle.reported_sequences()).all(|(a, b)| a == b));
        let described: usize = r.chunks.iter().map(|c| usize::from(c.value_count())).sum();
        prop_assert_eq!(rle.trace().count(), described.min(rle.reported_sequences().len()));
    }

    /// Arbitrary bytes: no view, accessor or iterator panics.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..96)) {
        if let Ok(xr) = ExtendedReport::new_checked(&bytes) {
            walk(&xr);
        }
        for p in Compound::new(&bytes).flatten() {
            if let RtcpPacket::ExtendedReport(xr) = p {
                walk(&xr);
            }
        }
    }

    /// XR-shaped packets with arbitrary block headers and contents: the walk never
    /// panics, and whatever checks writes back to the same bytes raw.
    #[test]
    fn xr_shaped_never_panics(packet in xr_shaped()) {
        if let Ok(xr) = ExtendedReport::new_checked(&packet) {
            walk(&xr);
            let raws: Vec<_> = xr.blocks().map(|b| XrBlockRepr::Raw(RawXrBlockRepr::parse(&b))).collect();
            let repr = ExtendedReportRepr::parse(&xr, &raws);
            let mut out = vec![0u8; repr.buffer_len()];
            prop_assert_eq!(repr.emit(&mut out), Ok(packet.len()));
            prop_assert_eq!(out, packet);
        }
    }
}

#[test]
fn rx_config_enums_cover_every_value() {
    // From<u8> is total and encode inverts it for all 256 bytes.
    for v in 0..=255u8 {
        assert_eq!(RxConfig::from(v).encode(), Ok(v));
    }
    assert_eq!(RxConfig::from(0xff).plc, PacketLossConcealment::Standard);
    assert_eq!(RxConfig::from(0xff).jba, JitterBufferAdaptive::Adaptive);
}
