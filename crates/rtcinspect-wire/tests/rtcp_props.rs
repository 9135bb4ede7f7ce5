//! Property tests for [`rtcinspect_wire::rtcp`]: arbitrary bytes never panic, and
//! written packets parse back to the same values and the same bytes.

mod common;

use common::{OwnedFci, OwnedRtcp};
use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::rtcp::fb::{
    FirEntry, NackPair, PayloadFeedbackFci, RtpFeedbackFci, SliEntry, TmmbEntry,
};
use rtcinspect_wire::rtcp::{
    Compound, ReportBlock, RtcpPacket, SdesItemType, SenderInfo, packet_type,
};

/// Reads everything every packet of a datagram offers.
fn walk(bytes: &[u8]) {
    let mut compound = Compound::new(bytes);
    for packet in compound.by_ref() {
        let Ok(packet) = packet else { continue };
        let raw = packet.raw();
        assert!(raw.len() <= bytes.len());
        let _ = (raw.count(), raw.padding(), raw.body(), raw.padded_body());
        match packet {
            RtcpPacket::SenderReport(sr) => {
                let _ = (sr.ssrc(), sr.sender_info(), sr.profile_extensions());
                assert_eq!(sr.report_blocks().count(), usize::from(sr.report_count()));
            }
            RtcpPacket::ReceiverReport(rr) => {
                let _ = (rr.ssrc(), rr.profile_extensions());
                assert_eq!(rr.report_blocks().count(), usize::from(rr.report_count()));
            }
            RtcpPacket::Sdes(sdes) => {
                assert_eq!(sdes.chunks().count(), usize::from(sdes.source_count()));
                for chunk in sdes.chunks() {
                    for item in chunk.items() {
                        let _ = (item.as_str(), item.private());
                    }
                }
                let _ = (sdes.cname(), sdes.has_nonzero_chunk_padding());
            }
            RtcpPacket::Bye(bye) => {
                assert_eq!(bye.ssrcs().count(), usize::from(bye.source_count()));
                let _ = bye.reason();
            }
            RtcpPacket::App(app) => {
                let _ = (app.subtype(), app.ssrc(), app.name(), app.data());
            }
            RtcpPacket::RtpFeedback(fb) => match fb.fci() {
                Ok(RtpFeedbackFci::Nack(n)) => {
                    assert!(n.lost_sequence_numbers().count() >= n.pairs().count());
                }
                Ok(RtpFeedbackFci::Tmmbr(t) | RtpFeedbackFci::Tmmbn(t)) => {
                    t.entries()
                        .for_each(|e| assert!(e.bitrate() >= u64::from(e.mantissa)));
                }
                _ => {}
            },
            RtcpPacket::PayloadFeedback(fb) => match fb.fci() {
                Ok(PayloadFeedbackFci::Sli(s)) => s.entries().for_each(drop),
                Ok(PayloadFeedbackFci::Rpsi(r)) => {
                    let _ = (r.bit_len(), r.payload_type(), r.native());
                }
                Ok(PayloadFeedbackFci::Fir(f)) => f.entries().for_each(drop),
                Ok(PayloadFeedbackFci::Remb(r)) => {
                    let _ = r.bitrate();
                    r.ssrcs().for_each(drop);
                }
                _ => {}
            },
            _ => {}
        }
    }
    let findings = compound.findings();
    assert!(findings.trailing_bytes <= bytes.len());
    findings.iter().for_each(drop);
}

/// Datagrams that look like RTCP: version 2 and a packet type near 200.
fn rtcp_like() -> impl Strategy<Value = Vec<u8>> {
    vec(
        (0x80u8..0xc0, 190u8..=210, 0u8..8, vec(any::<u8>(), 0..40)),
        1..4,
    )
    .prop_map(|packets| {
        let mut out = Vec::new();
        for (first, pt, words, body) in packets {
            out.extend([first, pt, 0, words]);
            out.extend(body);
        }
        out
    })
}

fn report_block() -> impl Strategy<Value = ReportBlock> {
    (any::<[u32; 5]>(), any::<u8>(), -0x80_0000i32..=0x7f_ffff).prop_map(|(w, fraction, lost)| {
        ReportBlock {
            ssrc: w[0],
            fraction_lost: fraction,
            cumulative_lost: lost,
            extended_highest_sequence: w[1],
            jitter: w[2],
            last_sr: w[3],
            delay_since_last_sr: w[4],
        }
    })
}

fn words(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<[u8; 4]>(), 0..max).prop_map(|w| w.concat())
}

fn padding() -> impl Strategy<Value = u8> {
    prop_oneof![3 => Just(0u8), 1 => (1u8..=63).prop_map(|w| w * 4)]
}

fn sdes_item_type() -> impl Strategy<Value = SdesItemType> {
    (1u8..=255).prop_map(SdesItemType::from)
}

fn fci() -> impl Strategy<Value = (u8, u8, OwnedFci)> {
    use packet_type::{PSFB, RTPFB};
    prop_oneof![
        vec(any::<(u16, u16)>(), 1..8).prop_map(|p| (
            RTPFB,
            1,
            OwnedFci::Nack(
                p.into_iter()
                    .map(|(pid, blp)| NackPair { pid, blp })
                    .collect()
            )
        )),
        (
            any::<bool>(),
            vec((any::<u32>(), 0u8..64, 0u32..0x2_0000, 0u16..0x200), 0..4)
        )
            .prop_map(|(n, e)| (
                RTPFB,
                if n { 4 } else { 3 },
                OwnedFci::Tmmb(
                    e.into_iter()
                        .map(|(ssrc, exponent, mantissa, overhead)| TmmbEntry {
                            ssrc,
                            exponent,
                            mantissa,
                            overhead
                        })
                        .collect()
                )
            )),
        vec((0u16..0x2000, 0u16..0x2000, 0u8..64), 1..4).prop_map(|e| (
            PSFB,
            2,
            OwnedFci::Sli(
                e.into_iter()
                    .map(|(first, number, picture_id)| SliEntry {
                        first,
                        number,
                        picture_id
                    })
                    .collect()
            )
        )),
        (0usize..3, 0u8..128, any::<u8>()).prop_flat_map(|(words, pt, pb)| {
            vec(any::<u8>(), 2 + words * 4).prop_map(move |native| {
                let pb = pb % (native.len() as u8 * 8 + 1);
                (PSFB, 3, OwnedFci::Rpsi { pb, pt, native })
            })
        }),
        vec(any::<(u32, u8)>(), 1..4).prop_map(|e| (
            PSFB,
            4,
            OwnedFci::Fir(
                e.into_iter()
                    .map(|(ssrc, sequence)| FirEntry { ssrc, sequence })
                    .collect()
            )
        )),
        (0u8..64, 0u32..0x4_0000, vec(any::<u32>(), 0..6)).prop_map(|(exp, mantissa, ssrcs)| (
            PSFB,
            15,
            OwnedFci::Remb {
                exp,
                mantissa,
                ssrcs
            }
        )),
        // PLI, and FMTs this crate leaves raw.
        Just((PSFB, 1, OwnedFci::Raw(Vec::new()))),
        (prop_oneof![Just(5u8), Just(9), Just(20)], words(4)).prop_map(|(f, w)| (
            RTPFB,
            f,
            OwnedFci::Raw(w)
        )),
        (prop_oneof![Just(5u8), Just(7), Just(10)], words(4)).prop_map(|(f, w)| (
            PSFB,
            f,
            OwnedFci::Raw(w)
        )),
    ]
}

fn packet() -> impl Strategy<Value = OwnedRtcp> {
    prop_oneof![
        (
            any::<u32>(),
            any::<(u64, u32, u32, u32)>(),
            vec(report_block(), 0..=31),
            words(3),
            padding()
        )
            .prop_map(
                |(ssrc, (ntp, rtp, packets, octets), blocks, ext, padding)| OwnedRtcp::Sr {
                    ssrc,
                    info: SenderInfo {
                        ntp_timestamp: ntp,
                        rtp_timestamp: rtp,
                        packet_count: packets,
                        octet_count: octets
                    },
                    blocks,
                    ext,
                    padding
                }
            ),
        (
            any::<u32>(),
            vec(report_block(), 0..=31),
            words(3),
            padding()
        )
            .prop_map(|(ssrc, blocks, ext, padding)| OwnedRtcp::Rr {
                ssrc,
                blocks,
                ext,
                padding
            }),
        (
            vec(
                (
                    any::<u32>(),
                    vec((sdes_item_type(), vec(any::<u8>(), 0..40)), 0..4)
                ),
                0..=31
            ),
            padding()
        )
            .prop_map(|(chunks, padding)| OwnedRtcp::Sdes { chunks, padding }),
        (
            vec(any::<u32>(), 0..=31),
            proptest::option::of(vec(any::<u8>(), 0..=255)),
            padding()
        )
            .prop_map(|(ssrcs, reason, padding)| OwnedRtcp::Bye {
                ssrcs,
                reason,
                padding
            }),
        (0u8..32, any::<u32>(), any::<[u8; 4]>(), words(4), padding()).prop_map(
            |(subtype, ssrc, name, data, padding)| OwnedRtcp::App {
                subtype,
                ssrc,
                name,
                data,
                padding
            }
        ),
        (fci(), any::<(u32, u32)>(), padding()).prop_map(
            |((packet_type, fmt, fci), (s, m), padding)| {
                OwnedRtcp::Feedback {
                    packet_type,
                    fmt,
                    sender_ssrc: s,
                    media_ssrc: m,
                    fci,
                    padding,
                }
            }
        ),
        // Packet types this crate does not decode.
        (
            0u8..32,
            prop_oneof![Just(192u8), Just(195), Just(208), Just(223)],
            words(5),
            padding()
        )
            .prop_map(|(count, packet_type, body, padding)| OwnedRtcp::Raw {
                count,
                packet_type,
                body,
                padding
            }),
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..128)) {
        walk(&bytes);
        common::rtcp_reemit(&bytes);
    }

    #[test]
    fn rtcp_like_bytes_never_panic(bytes in rtcp_like()) {
        walk(&bytes);
        common::rtcp_reemit(&bytes);
    }

    /// `Repr -> emit -> parse` gives the same values, and writing the parse again
    /// gives the same bytes; a compound of several packets parses packet by packet.
    #[test]
    fn emit_parse_emit(packets in vec(packet(), 1..4)) {
        let mut datagram = Vec::new();
        for p in &packets {
            let bytes = p.emit().unwrap();
            let parsed = RtcpPacket::parse(&bytes).unwrap();
            prop_assert_eq!(&OwnedRtcp::from_packet(&parsed), p);
            datagram.extend(bytes);
        }
        let parsed: Vec<_> = Compound::new(&datagram)
            .map(|p| OwnedRtcp::from_packet(&p.unwrap()))
            .collect();
        prop_assert_eq!(&parsed, &packets);
        for (bytes, identical) in common::rtcp_reemit(&datagram) {
            prop_assert!(identical, "not byte-identical: {bytes:02x?}");
        }
    }
}
