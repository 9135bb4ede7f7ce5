//! Differential tests of transport-cc feedback
//! ([draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1))
//! against webrtc-rs `rtcp` 0.17 (`TransportLayerCc`) and GStreamer's `rtcp-types` 0.3
//! (`Twcc`, `TwccBuilder`).
//!
//! Feedback written by our encoder is read by both; feedback written by both is read
//! by us; every field is compared, and per packet the status and the delta.
//!
//! Deviations found, each pinned by a test below:
//!
//! | # | behaviour | ours | webrtc-rs `rtcp` 0.17 | `rtcp-types` 0.3 | draft |
//! |---|---|---|---|---|---|
//! | 1 | excess statuses of the last status vector (past the packet status count) that say "received" | ignored | expects a delta for each (reads padding or the next bytes as deltas, or fails); Wireshark 4.0 too | ignored | §3.1 (count), §3.1.4; real GStreamer feedback has such statuses (`gst-twcc-fb-276pkts-malformed-status-count`) |
//! | 2 | last chunk ends exactly at the packet end (no deltas, no padding) | accepted | `PacketTooShort` (`>=` where `>` is meant) | accepted | §3.1 |
//! | 3 | a two-byte delta of which one byte is left | `Truncated` | read as a one-byte delta | error for that packet | §3.1.5 |
//! | 4 | status symbol 3 | rejected (`InvalidValue`, chunk offset) | "received without delta" | error for that packet | §3.1.1 vs §3.1.3 example 2 |
//! | 5 | status count near 65535 with a vector last | accepted | debug builds panic: `u16` overflow adding 14 or 7 | accepted | §3.1 |
//! | 6 | reference time | signed 24 bits (and raw) | unsigned | unsigned | §3.1 ("signed integer") |
//! | 7 | padding to 32 bits when writing | encoder: RTCP P bit like libwebrtc, or zeros in the FCI; `Repr`: as given | RTCP P bit | zeros in the FCI | §3.1 draws "zero padding" |
//! | 8 | chunk choice when writing | libwebrtc's | (no encoder: chunks given) | its own (a lone status is a 2-bit vector, runs only past 7) | §3.1.2 leaves it open |

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::{TwccCase, arb_results, arb_twcc_case, expected_packets};
use proptest::prelude::*;
use rtcinspect_wire::rtcp::fb::{
    FeedbackRepr, PacketStatus, RtpFeedback, RtpFeedbackFci, TransportCc, TransportCcEncoder,
};
use rtcinspect_wire::rtcp::{RtcpError, RtcpWrite};

use rtcp::transport_feedbacks::transport_layer_cc::{
    PacketStatusChunk, RecvDelta, RunLengthChunk, StatusChunkTypeTcc, StatusVectorChunk,
    SymbolSizeTypeTcc, SymbolTypeTcc, TransportLayerCc,
};
use rtcp_types::prelude::*;

/// One decoded feedback, in the terms all three libraries can give: per packet the
/// sequence number, whether it was received and its delta in 250 µs ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decoded {
    base_sequence: u16,
    reference_time_raw: u32,
    feedback_count: u8,
    packets: Vec<(u16, bool, Option<i16>)>,
}

/// Per packet with the status symbol too, where the library gives it.
type Detailed = Vec<(u16, PacketStatus, Option<i16>)>;

fn ours(packet: &[u8]) -> Result<(Decoded, Detailed), RtcpError> {
    let fb = RtpFeedback::new_checked(packet)?;
    let RtpFeedbackFci::TransportCc(twcc) = fb.fci()? else {
        panic!("not transport-cc")
    };
    let detailed: Detailed = twcc
        .packets()
        .map(|p| (p.sequence_number, p.status, p.delta))
        .collect();
    assert_eq!(detailed.len(), usize::from(twcc.status_count()));
    Ok((
        Decoded {
            base_sequence: twcc.base_sequence(),
            reference_time_raw: twcc.reference_time_raw(),
            feedback_count: twcc.feedback_count(),
            packets: detailed
                .iter()
                .map(|&(s, st, d)| (s, st.is_received(), d))
                .collect(),
        },
        detailed,
    ))
}

fn webrtc_status(symbol: SymbolTypeTcc) -> PacketStatus {
    match symbol {
        SymbolTypeTcc::PacketNotReceived => PacketStatus::NotReceived,
        SymbolTypeTcc::PacketReceivedSmallDelta => PacketStatus::ReceivedSmallDelta,
        SymbolTypeTcc::PacketReceivedLargeDelta => PacketStatus::ReceivedLargeDelta,
        SymbolTypeTcc::PacketReceivedWithoutDelta => PacketStatus::Reserved,
    }
}

/// webrtc-rs's reading: the statuses its chunks give for the reported packets, and its
/// list of receive deltas matched to the received ones in order.
fn webrtc_rs(packet: &[u8]) -> Result<(Decoded, Detailed), String> {
    let mut buf = packet;
    let packets = rtcp::packet::unmarshal(&mut buf).map_err(|e| e.to_string())?;
    let tcc = packets[0]
        .as_any()
        .downcast_ref::<TransportLayerCc>()
        .ok_or("not TransportLayerCc")?;
    let mut statuses = Vec::new();
    let mut remaining = usize::from(tcc.packet_status_count);
    for chunk in &tcc.packet_chunks {
        match chunk {
            PacketStatusChunk::RunLengthChunk(c) => {
                let n = usize::from(c.run_length).min(remaining);
                statuses.extend(std::iter::repeat_n(
                    webrtc_status(c.packet_status_symbol),
                    n,
                ));
                remaining -= n;
            }
            PacketStatusChunk::StatusVectorChunk(c) => {
                let n = c.symbol_list.len().min(remaining);
                statuses.extend(c.symbol_list[..n].iter().map(|&s| webrtc_status(s)));
                remaining -= n;
            }
        }
    }
    let received = statuses.iter().filter(|s| s.is_received()).count();
    if received != tcc.recv_deltas.len() {
        return Err(format!(
            "{} receive deltas for {received} received packets",
            tcc.recv_deltas.len()
        ));
    }
    let mut deltas = tcc.recv_deltas.iter();
    let detailed: Detailed = statuses
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let delta = if s.is_received() {
                deltas.next().map(|d: &RecvDelta| (d.delta / 250) as i16)
            } else {
                None
            };
            (tcc.base_sequence_number.wrapping_add(i as u16), s, delta)
        })
        .collect();
    Ok((
        Decoded {
            base_sequence: tcc.base_sequence_number,
            reference_time_raw: tcc.reference_time,
            feedback_count: tcc.fb_pkt_count,
            packets: detailed
                .iter()
                .map(|&(s, st, d)| (s, st.is_received(), d))
                .collect(),
        },
        detailed,
    ))
}

fn rtcp_types(packet: &[u8]) -> Result<Decoded, String> {
    let fb = rtcp_types::TransportFeedback::parse(packet).map_err(|e| format!("{e:?}"))?;
    let twcc: rtcp_types::Twcc<'_> = fb.parse_fci().map_err(|e| format!("{e:?}"))?;
    let packets = twcc
        .packets()
        .map(|r| {
            r.map(|(seq, status)| match status {
                rtcp_types::TwccPacketStatus::NotReceived => (seq, false, None),
                rtcp_types::TwccPacketStatus::Received { delta } => (seq, true, Some(delta)),
            })
            .map_err(|e| format!("{e:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Decoded {
        base_sequence: twcc.base_sequence_number(),
        reference_time_raw: twcc.reference_time(),
        feedback_count: twcc.feedback_packet_count(),
        packets,
    })
}

/// How webrtc-rs displays its `Error::PacketTooShort`.
const WEBRTC_RS_TOO_SHORT: &str = "Packet status chunk must be 2 bytes";

/// webrtc-rs with its debug-build overflow panic turned into an error.
fn webrtc_rs_caught(packet: &[u8]) -> Result<(Decoded, Detailed), String> {
    catch_unwind(AssertUnwindSafe(|| webrtc_rs(packet)))
        .unwrap_or_else(|_| Err("panicked".to_string()))
}

/// Builds webrtc-rs's struct for a chunk-level case.
fn webrtc_rs_struct(case: &TwccCase, sender: u32, media: u32) -> TransportLayerCc {
    use rtcinspect_wire::rtcp::fb::PacketChunk;
    let symbol = |s: PacketStatus| SymbolTypeTcc::from(u16::from(s.bits()));
    let packet_chunks = case
        .chunks
        .iter()
        .map(|&c| match c {
            PacketChunk::RunLength { status, length } => {
                PacketStatusChunk::RunLengthChunk(RunLengthChunk {
                    type_tcc: StatusChunkTypeTcc::RunLengthChunk,
                    packet_status_symbol: symbol(status),
                    run_length: length,
                })
            }
            PacketChunk::OneBit { .. } | PacketChunk::TwoBit { .. } => {
                PacketStatusChunk::StatusVectorChunk(StatusVectorChunk {
                    type_tcc: StatusChunkTypeTcc::StatusVectorChunk,
                    symbol_size: if matches!(c, PacketChunk::OneBit { .. }) {
                        SymbolSizeTypeTcc::OneBit
                    } else {
                        SymbolSizeTypeTcc::TwoBit
                    },
                    symbol_list: c.statuses().map(symbol).collect(),
                })
            }
        })
        .collect();
    let recv_deltas = case
        .packets()
        .into_iter()
        .filter_map(|(_, status, delta)| {
            Some(RecvDelta {
                type_tcc_packet: symbol(status),
                delta: i64::from(delta?) * 250,
            })
        })
        .collect();
    TransportLayerCc {
        sender_ssrc: sender,
        media_ssrc: media,
        base_sequence_number: case.base_sequence,
        packet_status_count: case.status_count,
        reference_time: (case.reference_time as u32) & 0xff_ffff,
        fb_pkt_count: case.feedback_count,
        packet_chunks,
        recv_deltas,
    }
}

/// Whether an FCI has its last chunk end exactly at the end of the packet (deviation 2).
fn chunks_end_the_packet(packet: &[u8]) -> bool {
    let fb = RtpFeedback::new_checked(packet).unwrap();
    let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else {
        return false;
    };
    twcc.delta_bytes().is_empty() && twcc.padding().is_empty() && !fb.raw().has_padding()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Feedback from our encoder: we decode what was pushed; both incumbents decode the
    /// same, except where a documented deviation applies.
    #[test]
    fn encoder_output_reads_the_same_everywhere((header, results) in arb_results()) {
        let mut buf = vec![0u8; 4096];
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        let added = enc.push_all(&results);
        prop_assume!(added > 0);
        let len = enc.finish().unwrap();
        let packet = &buf[..len];

        let (decoded, detailed) = ours(packet).unwrap();
        prop_assert_eq!(&detailed, &expected_packets(header.base_sequence, &results[..added]));
        prop_assert_eq!(decoded.reference_time_raw, (header.reference_time as u32) & 0xff_ffff);

        prop_assert_eq!(&rtcp_types(packet).unwrap(), &decoded);

        match webrtc_rs_caught(packet) {
            Ok((theirs, their_detail)) => {
                prop_assert_eq!(&theirs, &decoded);
                prop_assert_eq!(&their_detail, &detailed);
            }
            Err(e) if e == WEBRTC_RS_TOO_SHORT => {
                prop_assert!(chunks_end_the_packet(packet), "unexpected: {}", e);
            }
            Err(e) if e == "panicked" => prop_assert!(detailed.len() > 0xffff - 14),
            Err(e) => prop_assert!(false, "webrtc-rs: {}", e),
        }
    }

    /// Feedback from `rtcp-types`'s builder reads the same with us.
    #[test]
    fn rtcp_types_builder_output_reads_the_same(
        base in any::<u16>(),
        reference_time in 0u32..0x100_0000,
        feedback_count in any::<u8>(),
        statuses in prop::collection::vec(
            prop_oneof![
                2 => Just(rtcp_types::TwccPacketStatus::NotReceived),
                5 => (0i16..=255).prop_map(|delta| rtcp_types::TwccPacketStatus::Received { delta }),
                2 => any::<i16>().prop_map(|delta| rtcp_types::TwccPacketStatus::Received { delta }),
            ],
            1..300,
        ),
    ) {
        let twcc = rtcp_types::TwccBuilder::new(base, reference_time, feedback_count, &statuses, None);
        let builder = rtcp_types::TransportFeedback::builder(&twcc).sender_ssrc(1).media_ssrc(2);
        let mut packet = vec![0u8; builder.calculate_size().unwrap()];
        builder.write_into(&mut packet).unwrap();
        // Deviation 7: zero padding inside the FCI, no P bit.
        prop_assert_eq!(packet[0] & 0x20, 0);

        let (decoded, _) = ours(&packet).unwrap();
        let expected: Vec<_> = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let seq = base.wrapping_add(i as u16);
                match *s {
                    rtcp_types::TwccPacketStatus::NotReceived => (seq, false, None),
                    rtcp_types::TwccPacketStatus::Received { delta } => (seq, true, Some(delta)),
                }
            })
            .collect();
        prop_assert_eq!(&decoded.packets, &expected);
        prop_assert_eq!(decoded.reference_time_raw, reference_time);
        prop_assert_eq!(decoded.feedback_count, feedback_count);
        prop_assert_eq!(&rtcp_types(&packet).unwrap(), &decoded);
    }

    /// Chunk-level feedback: webrtc-rs's writer and our `Repr` write the same bytes when
    /// both pad with the RTCP P bit, and we read back every chunk, status and delta.
    #[test]
    fn webrtc_rs_writer_matches_repr(case in arb_twcc_case(), sender in any::<u32>(), media in any::<u32>()) {
        prop_assume!(case.status_count > 0);
        let theirs = webrtc_rs_struct(&case, sender, media);
        let their_bytes = rtcp::packet::marshal(&[Box::new(theirs)]).unwrap();

        let unpadded = case.unpadded_len();
        let repr = rtcinspect_wire::rtcp::fb::TransportCcRepr { padding: Some(&[]), ..case.repr() };
        let ours_packet = FeedbackRepr {
            sender_ssrc: sender,
            media_ssrc: media,
            fci: repr,
            padding: ((4 - unpadded % 4) % 4) as u8,
        };
        let mut buf = vec![0u8; ours_packet.buffer_len()];
        ours_packet.emit(&mut buf).unwrap();
        prop_assert_eq!(&buf[..], &their_bytes[..]);

        let (_, detailed) = ours(&their_bytes).unwrap();
        prop_assert_eq!(&detailed, &case.packets());
        let fb = RtpFeedback::new_checked(&their_bytes).unwrap();
        let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else { panic!() };
        prop_assert!(twcc.chunks().eq(case.chunks.iter().copied()));
        prop_assert_eq!(twcc.reference_time(), case.reference_time);
    }
}

/// Wraps an FCI in a transport-cc packet (no RTCP padding).
fn packet(fci: &[u8]) -> Vec<u8> {
    assert_eq!(fci.len() % 4, 0);
    let words = (12 + fci.len()) / 4 - 1;
    let mut p = vec![0x8f, 205, 0, words as u8, 0, 0, 0, 1, 0, 0, 0, 2];
    p.extend_from_slice(fci);
    p
}

#[test]
fn deviation_1_excess_vector_statuses() {
    // 1 packet reported by a 2-bit vector whose six excess symbols say "received, small
    // delta": 11|01 01 01 01 01 01 01 = 0xd555.
    let fci = [
        0, 10, 0, 1, 0, 0, 0, 0, // base 10, 1 packet
        0xd5, 0x55, // 2-bit vector, all small
        0x07, // the one delta
        0x00, // zero padding
    ];
    let p = packet(&fci);
    let expected = vec![(10, true, Some(7))];
    assert_eq!(ours(&p).unwrap().0.packets, expected);
    assert_eq!(rtcp_types(&p).unwrap().packets, expected);
    // webrtc-rs wants 7 deltas: it runs out of packet.
    assert!(webrtc_rs(&p).is_err());
}

#[test]
fn deviation_2_chunk_at_packet_end() {
    // 28 packets not received: two runs of 14; FCI 12 bytes, packet 24, nothing after
    // the last chunk.
    let fci = [0, 0, 0, 28, 0, 0, 0, 0, 0x00, 0x0e, 0x00, 0x0e];
    let p = packet(&fci);
    assert_eq!(ours(&p).unwrap().0.packets.len(), 28);
    assert_eq!(rtcp_types(&p).unwrap().packets.len(), 28);
    assert_eq!(webrtc_rs(&p).unwrap_err(), WEBRTC_RS_TOO_SHORT);
}

#[test]
fn deviation_3_truncated_large_delta() {
    // A small then a large delta, but the packet ends one byte into the large one.
    let fci = [
        0, 0, 0, 2, 0, 0, 0, 0, // base 0, 2 packets
        0xd8, 0x00, // 2-bit vector 11|01 10 00 00 00 00 00: small, large
        0x05, // small delta 5
        0x7f, // first byte of the large delta; the packet ends
    ];
    let p = packet(&fci);
    assert_eq!(
        ours(&p).unwrap_err(),
        RtcpError::Truncated {
            field: "receive deltas",
            offset: 22,
            needed: 3,
            available: 2
        }
    );
    assert!(rtcp_types(&p).unwrap_err().contains("TwccDeltaTruncated"));
    // webrtc-rs reads the lone byte as a one-byte delta.
    let (_, detail) = webrtc_rs(&p).unwrap();
    assert_eq!(
        detail,
        [
            (0, PacketStatus::ReceivedSmallDelta, Some(5)),
            (1, PacketStatus::ReceivedLargeDelta, Some(0x7f))
        ]
    );
}

#[test]
fn deviation_4_reserved_symbol() {
    // §3.1.3 example 2 (0x6018, a run of 24 of symbol 3) as the only chunk.
    let fci = [0, 0, 0, 24, 0, 0, 0, 0, 0x60, 0x18, 0, 0];
    let p = packet(&fci);
    assert_eq!(
        ours(&p).unwrap_err(),
        RtcpError::InvalidValue {
            field: "packet status symbol",
            offset: 20,
            value: 3
        }
    );
    assert!(
        rtcp_types(&p)
            .unwrap_err()
            .contains("TwccReservedPacketStatus")
    );
    let (_, detail) = webrtc_rs(&p).unwrap();
    assert_eq!(detail.len(), 24);
    assert!(
        detail
            .iter()
            .all(|&(_, s, d)| s == PacketStatus::Reserved && d.is_none())
    );
}

#[test]
fn deviation_5_status_count_overflow() {
    // 65535 packets: eight runs of 8191 not received (65528), then a 1-bit vector for
    // the last 7 (all not received).
    let mut fci = vec![0, 0, 0xff, 0xff, 0, 0, 0, 0];
    for _ in 0..8 {
        fci.extend_from_slice(&[0x1f, 0xff]);
    }
    fci.extend_from_slice(&[0x80, 0x00, 0, 0]); // vector, zero padding
    let p = packet(&fci);
    assert_eq!(ours(&p).unwrap().0.packets.len(), 65535);
    assert_eq!(rtcp_types(&p).unwrap().packets.len(), 65535);
    // Debug builds of webrtc-rs overflow `processed_packet_num += 14`.
    let result = catch_unwind(|| webrtc_rs(&p));
    if cfg!(debug_assertions) {
        assert!(result.is_err());
    }
}

#[test]
fn deviation_6_reference_time_sign() {
    let fci = [0, 0, 0, 1, 0xff, 0xff, 0xfe, 9, 0x00, 0x01, 0, 0];
    let p = packet(&fci);
    let fb = RtpFeedback::new_checked(&p).unwrap();
    let Ok(RtpFeedbackFci::TransportCc(twcc)) = fb.fci() else {
        panic!()
    };
    assert_eq!(twcc.reference_time(), -2);
    assert_eq!(twcc.reference_time_us(), -128_000);
    assert_eq!(twcc.reference_time_raw(), 0xff_fffe);
    assert_eq!(webrtc_rs(&p).unwrap().0.reference_time_raw, 0xff_fffe);
    assert_eq!(rtcp_types(&p).unwrap().reference_time_raw, 0xff_fffe);
}

#[test]
fn deviation_7_padding_styles() {
    // Our encoder (libwebrtc style, P bit) and with zero padding: both incumbents read
    // both.
    let header = rtcinspect_wire::rtcp::fb::TransportCcHeader {
        base_sequence: 7,
        ..Default::default()
    };
    for zero in [false, true] {
        let mut buf = [0u8; 64];
        let mut enc = TransportCcEncoder::new(&mut buf, header).unwrap();
        if zero {
            enc = enc.zero_padding();
        }
        enc.push(7, Some(1)).unwrap();
        let len = enc.finish().unwrap();
        let p = &buf[..len];
        assert_eq!(p[0] & 0x20 != 0, !zero);
        let (decoded, _) = ours(p).unwrap();
        assert_eq!(decoded.packets, [(7, true, Some(1))]);
        assert_eq!(rtcp_types(p).unwrap(), decoded);
        assert_eq!(webrtc_rs(p).unwrap().0, decoded);
    }
}

#[test]
fn deviation_8_chunk_choice() {
    // One received packet: libwebrtc (and our encoder) write a run of 1; rtcp-types a
    // 2-bit vector.
    let statuses = [rtcp_types::TwccPacketStatus::Received { delta: 1 }];
    let twcc = rtcp_types::TwccBuilder::new(0, 0, 0, &statuses, None);
    let builder = rtcp_types::TransportFeedback::builder(&twcc);
    let mut theirs = vec![0u8; builder.calculate_size().unwrap()];
    builder.write_into(&mut theirs).unwrap();
    let their_chunk = TransportCc::parse(&theirs[12..]).unwrap().chunks().next();

    let mut buf = [0u8; 64];
    let mut enc = TransportCcEncoder::new(
        &mut buf,
        rtcinspect_wire::rtcp::fb::TransportCcHeader::default(),
    )
    .unwrap();
    enc.push(0, Some(1)).unwrap();
    let len = enc.finish().unwrap();
    let our_chunk = TransportCc::parse(&buf[12..len]).unwrap().chunks().next();
    use rtcinspect_wire::rtcp::fb::PacketChunk;
    assert_eq!(
        their_chunk,
        PacketChunk::two_bit(&[PacketStatus::ReceivedSmallDelta])
    );
    assert_eq!(
        our_chunk,
        Some(PacketChunk::RunLength {
            status: PacketStatus::ReceivedSmallDelta,
            length: 1
        })
    );
}

/// The real transport-cc packets of `testdata/packets/rtcp/` (Chromium and GStreamer)
/// read the same in all three, except GStreamer's excess vector statuses (deviation 1)
/// in `gst-twcc-fb-276pkts-malformed-status-count`.
#[test]
fn real_packets() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets/rtcp");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !(name.contains("twcc") && name.ends_with(".bin")) {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        let (decoded, detailed) = ours(&bytes).unwrap();
        assert_eq!(rtcp_types(&bytes).unwrap(), decoded, "{name}");
        if name == "gst-twcc-fb-276pkts-malformed-status-count.bin" {
            // webrtc-rs wants a delta for the excess "received" status: it takes a
            // byte of what follows the deltas, one delta more than packets received.
            let received = detailed.iter().filter(|p| p.1.is_received()).count();
            assert_eq!(
                webrtc_rs(&bytes).unwrap_err(),
                format!(
                    "{} receive deltas for {received} received packets",
                    received + 1
                )
            );
        } else {
            assert_eq!(webrtc_rs(&bytes).unwrap(), (decoded, detailed), "{name}");
        }
    }
    assert!(seen >= 6);
}
