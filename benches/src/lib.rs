//! Fixtures and measured work for the criterion benchmarks in `benches/benches/`.
//!
//! Each benchmark group (`rtp/parse`, `rtcp/parse`, ...) measures rtcinspect and the
//! incumbent crates on the same input and the same work: parse, read every field, walk
//! every list. The work functions return a checksum of what they read, so the
//! compiler cannot skip the reads and a test (`tests/same_work.rs`) can check that
//! every implementation read the same values.

use rtcinspect_wire::rtcp::fb::{FeedbackRepr, NackPair, NackRepr, RembRepr, RtpFeedbackFci};
use rtcinspect_wire::rtcp::fb::{
    PayloadFeedbackFci, RawFciRepr, TransportCcEncoder, TransportCcHeader,
};
use rtcinspect_wire::rtcp::{
    self, Compound, ReceiverReportRepr, ReportBlock, RtcpPacket, SdesChunkRepr, SdesItem,
    SdesItemType, SdesRepr, SenderInfo, SenderReportRepr, emit_compound,
};
use rtcinspect_wire::rtp::{ExtensionElement, ExtensionRepr, RtpPacket, RtpRepr};

pub mod capture;
pub mod dtls;
pub mod incumbents;
pub mod sdp;
pub mod stun;

/// Folds a value into a checksum.
#[inline(always)]
pub fn mix(sum: u64, v: u64) -> u64 {
    sum.rotate_left(5) ^ v
}

fn rtp_packet(
    len: usize,
    marker: bool,
    payload_type: u8,
    elements: &[ExtensionElement<'_>],
) -> Vec<u8> {
    let header = RtpRepr {
        marker,
        payload_type,
        sequence_number: 0x1234,
        timestamp: 0x0102_0304,
        ssrc: 0xcafe_babe,
        extension: Some(ExtensionRepr::Elements(elements)),
        ..Default::default()
    }
    .header_len();
    let payload: Vec<u8> = (0..len - header).map(|i| i as u8).collect();
    let repr = RtpRepr {
        marker,
        payload_type,
        sequence_number: 0x1234,
        timestamp: 0x0102_0304,
        ssrc: 0xcafe_babe,
        extension: Some(ExtensionRepr::Elements(elements)),
        payload: &payload,
        ..Default::default()
    };
    let mut out = Vec::new();
    if let Err(e) = repr.emit_vec(&mut out) {
        panic!("fixture: {e}");
    }
    assert_eq!(out.len(), len);
    out
}

/// A 172-byte Opus packet as Chrome sends it: three one-byte extensions (audio level
/// ID 1, abs-send-time ID 2, transport-wide sequence ID 3) and 144 bytes of payload.
pub fn rtp_audio_172() -> Vec<u8> {
    let elements = [
        ExtensionElement {
            id: 1,
            data: &[0x80 | 30],
        },
        ExtensionElement {
            id: 2,
            data: &[0x12, 0x34, 0x56],
        },
        ExtensionElement {
            id: 3,
            data: &[0x00, 0x2a],
        },
    ];
    rtp_packet(172, false, 111, &elements)
}

/// A 1200-byte video packet: three one-byte extensions (abs-send-time ID 2,
/// transport-wide sequence ID 3, mid ID 4) and 1172 bytes of payload.
pub fn rtp_video_1200() -> Vec<u8> {
    let elements = [
        ExtensionElement {
            id: 2,
            data: &[0x12, 0x34, 0x56],
        },
        ExtensionElement {
            id: 3,
            data: &[0x00, 0x2b],
        },
        ExtensionElement { id: 4, data: b"1" },
    ];
    rtp_packet(1200, true, 96, &elements)
}

fn block(ssrc: u32) -> ReportBlock {
    ReportBlock {
        ssrc,
        fraction_lost: 3,
        cumulative_lost: 17,
        extended_highest_sequence: 0x0001_1234,
        jitter: 270,
        last_sr: 0xd1fc_dddd,
        delay_since_last_sr: 0x0001_8000,
    }
}

/// SR with one report block, then SDES with a 16-character CNAME: 80 bytes.
pub fn rtcp_sr_sdes() -> Vec<u8> {
    let blocks = [block(0x1111_2222)];
    let sr = SenderReportRepr {
        ssrc: 0xcafe_babe,
        sender_info: SenderInfo {
            ntp_timestamp: 0xda8b_d1fc_dddd_a05a,
            rtp_timestamp: 0x0102_0304,
            packet_count: 1234,
            octet_count: 567_890,
        },
        report_blocks: &blocks,
        ..Default::default()
    };
    let items = [SdesItem {
        item_type: SdesItemType::Cname,
        value: b"4TOk42mSjXCkVIa6",
    }];
    let chunks = [SdesChunkRepr {
        ssrc: 0xcafe_babe,
        items: &items,
    }];
    let sdes = SdesRepr {
        chunks: &chunks,
        padding: 0,
    };
    compound(&[&sr, &sdes])
}

/// RR with one report block, a generic NACK with two pairs (5 lost packets), a PLI
/// and a REMB for one SSRC: 88 bytes.
pub fn rtcp_rr_nack_pli_remb() -> Vec<u8> {
    let blocks = [block(0xcafe_babe)];
    let rr = ReceiverReportRepr {
        ssrc: 1,
        report_blocks: &blocks,
        ..Default::default()
    };
    let pairs = [
        NackPair {
            pid: 1000,
            blp: 0x0005,
        },
        NackPair {
            pid: 1030,
            blp: 0x8000,
        },
    ];
    let nack = FeedbackRepr {
        sender_ssrc: 1,
        media_ssrc: 0xcafe_babe,
        fci: NackRepr { pairs: &pairs },
        padding: 0,
    };
    let pli = FeedbackRepr {
        sender_ssrc: 1,
        media_ssrc: 0xcafe_babe,
        fci: RawFciRepr::PLI,
        padding: 0,
    };
    let ssrcs = [0xcafe_babe];
    let remb = FeedbackRepr {
        sender_ssrc: 1,
        media_ssrc: 0,
        fci: RembRepr::from_bitrate(2_500_000, &ssrcs),
        padding: 0,
    };
    compound(&[&rr, &nack, &pli, &remb])
}

/// Transport-wide congestion control feedback on 100 packets, as libwebrtc chunks it:
/// sequence numbers 65500 to 63 (wrapping), every tenth lost, mostly small deltas, a
/// large delta every 25th packet and one negative delta.
pub fn rtcp_twcc_100() -> Vec<u8> {
    let mut buf = vec![0u8; 1500];
    let header = TransportCcHeader {
        sender_ssrc: 1,
        media_ssrc: 0xcafe_babe,
        base_sequence: 65_500,
        reference_time: 0x12_3456,
        feedback_count: 7,
    };
    let result = TransportCcEncoder::new(&mut buf, header).and_then(|encoder| {
        let mut encoder = encoder.zero_padding();
        for i in 0..100u16 {
            let delta = match i {
                _ if i % 10 == 9 => None,
                _ if i % 25 == 0 => Some(300),
                42 => Some(-5),
                _ => Some(i16::try_from(i % 20).unwrap_or(0) + 1),
            };
            encoder.push(65_500u16.wrapping_add(i), delta)?;
        }
        encoder.finish()
    });
    match result {
        Ok(len) => buf.truncate(len),
        Err(e) => panic!("fixture: {e}"),
    }
    buf
}

fn compound(packets: &[&dyn rtcp::RtcpWrite]) -> Vec<u8> {
    let mut buf = vec![0u8; 1500];
    match emit_compound(packets, &mut buf) {
        Ok(len) => buf.truncate(len),
        Err(e) => panic!("fixture: {e}"),
    }
    buf
}

/// rtcinspect: parse an RTP packet, read every header field, walk the CSRCs and the
/// extension elements, take the payload.
#[inline(never)]
pub fn rtp_rtcinspect(bytes: &[u8]) -> u64 {
    let Ok(p) = RtpPacket::new_checked(bytes) else {
        return 0;
    };
    let mut sum = 0;
    sum = mix(sum, u64::from(p.marker()));
    sum = mix(sum, u64::from(p.payload_type()));
    sum = mix(sum, u64::from(p.sequence_number()));
    sum = mix(sum, u64::from(p.timestamp()));
    sum = mix(sum, u64::from(p.ssrc()));
    for csrc in p.csrcs() {
        sum = mix(sum, u64::from(csrc));
    }
    if let Some(ext) = p.extension() {
        for e in ext.elements().flatten() {
            sum = mix(sum, u64::from(e.id));
            sum = mix(sum, e.data.len() as u64);
            sum = mix(sum, u64::from(e.data.first().copied().unwrap_or(0)));
        }
    }
    mix(sum, p.payload().len() as u64)
}

/// rtcinspect: parse an RTCP compound, read every field of every packet, walk every
/// list (report blocks, SDES chunks and items, NACKed sequence numbers, REMB SSRCs).
#[inline(never)]
pub fn rtcp_rtcinspect(bytes: &[u8]) -> u64 {
    let mut sum = 0;
    for packet in Compound::new(bytes).flatten() {
        match packet {
            RtcpPacket::SenderReport(sr) => {
                sum = mix(sum, u64::from(sr.ssrc()));
                let info = sr.sender_info();
                sum = mix(sum, info.ntp_timestamp);
                sum = mix(sum, u64::from(info.rtp_timestamp));
                sum = mix(sum, u64::from(info.packet_count));
                sum = mix(sum, u64::from(info.octet_count));
                sum = sr.report_blocks().fold(sum, report_block);
            }
            RtcpPacket::ReceiverReport(rr) => {
                sum = mix(sum, u64::from(rr.ssrc()));
                sum = rr.report_blocks().fold(sum, report_block);
            }
            RtcpPacket::Sdes(sdes) => {
                for chunk in sdes.chunks() {
                    sum = mix(sum, u64::from(chunk.ssrc()));
                    for item in chunk.items() {
                        sum = mix(sum, u64::from(u8::from(item.item_type)));
                        sum = mix(sum, item.value.len() as u64);
                    }
                }
            }
            RtcpPacket::RtpFeedback(fb) => {
                sum = mix(sum, u64::from(fb.sender_ssrc()));
                sum = mix(sum, u64::from(fb.media_ssrc()));
                match fb.fci() {
                    Ok(RtpFeedbackFci::Nack(nack)) => {
                        sum = nack
                            .lost_sequence_numbers()
                            .fold(sum, |s, seq| mix(s, u64::from(seq)));
                    }
                    Ok(RtpFeedbackFci::TransportCc(twcc)) => {
                        sum = mix(sum, u64::from(twcc.base_sequence()));
                        sum = mix(sum, u64::from(twcc.reference_time_raw()));
                        sum = mix(sum, u64::from(twcc.feedback_count()));
                        for p in twcc.packets() {
                            sum = mix(sum, u64::from(p.sequence_number));
                            sum = mix(sum, p.delta.map_or(0x1_0000, |d| u64::from(d as u16)));
                        }
                        sum = mix(sum, u64::from(twcc.status_count()));
                    }
                    _ => {}
                }
            }
            RtcpPacket::PayloadFeedback(fb) => {
                sum = mix(sum, u64::from(fb.sender_ssrc()));
                sum = mix(sum, u64::from(fb.media_ssrc()));
                match fb.fci() {
                    Ok(PayloadFeedbackFci::Pli) => sum = mix(sum, 1),
                    Ok(PayloadFeedbackFci::Remb(remb)) => {
                        sum = mix(sum, remb.bitrate());
                        sum = remb.ssrcs().fold(sum, |s, ssrc| mix(s, u64::from(ssrc)));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    sum
}

/// Folds a report block's fields into a checksum.
#[inline]
pub fn report_block(sum: u64, b: ReportBlock) -> u64 {
    let mut sum = mix(sum, u64::from(b.ssrc));
    sum = mix(sum, u64::from(b.fraction_lost));
    sum = mix(sum, u64::from(b.cumulative_lost as u32 & 0x00ff_ffff));
    sum = mix(sum, u64::from(b.extended_highest_sequence));
    sum = mix(sum, u64::from(b.jitter));
    sum = mix(sum, u64::from(b.last_sr));
    mix(sum, u64::from(b.delay_since_last_sr))
}
