//! The same work as [`crate::rtp_rtcinspect`] and [`crate::rtcp_rtcinspect`], done with
//! the crates people use today: webrtc-rs `rtp`/`rtcp` 0.17 and GStreamer's
//! `rtp-types` 0.1 / `rtcp-types` 0.3. Each reads the same fields in the same order and
//! folds them into the same checksum, using the crate's own API for every list.

use bytes::Bytes;
use rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
use rtcp::receiver_report::ReceiverReport;
use rtcp::reception_report::ReceptionReport;
use rtcp::sender_report::SenderReport;
use rtcp::source_description::SourceDescription;
use rtcp::transport_feedbacks::transport_layer_cc::{
    PacketStatusChunk, SymbolTypeTcc, TransportLayerCc,
};
use rtcp::transport_feedbacks::transport_layer_nack::TransportLayerNack;
use rtcp_types::Packet as GstPacket;
use webrtc_util::marshal::Unmarshal;

use crate::mix;

/// webrtc-rs `rtp`: unmarshal (which collects CSRCs and extensions into vectors),
/// read every field, walk CSRCs and extensions.
#[inline(never)]
pub fn rtp_webrtc_rs(bytes: &Bytes) -> u64 {
    let mut buf = bytes.clone();
    let Ok(p) = rtp::packet::Packet::unmarshal(&mut buf) else {
        return 0;
    };
    let h = &p.header;
    let mut sum = 0;
    sum = mix(sum, u64::from(h.marker));
    sum = mix(sum, u64::from(h.payload_type));
    sum = mix(sum, u64::from(h.sequence_number));
    sum = mix(sum, u64::from(h.timestamp));
    sum = mix(sum, u64::from(h.ssrc));
    for &csrc in &h.csrc {
        sum = mix(sum, u64::from(csrc));
    }
    for e in &h.extensions {
        sum = mix(sum, u64::from(e.id));
        sum = mix(sum, e.payload.len() as u64);
        sum = mix(sum, u64::from(e.payload.first().copied().unwrap_or(0)));
    }
    mix(sum, p.payload.len() as u64)
}

/// GStreamer's `rtp-types`: parse, read every field, walk CSRCs. The crate has no RFC
/// 8285 element parser (only the raw extension block), so the one-byte elements are
/// walked by the loop below, the same few lines any user of the crate would write.
#[inline(never)]
pub fn rtp_rtp_types(bytes: &[u8]) -> u64 {
    let Ok(p) = rtp_types::RtpPacket::parse(bytes) else {
        return 0;
    };
    let mut sum = 0;
    sum = mix(sum, u64::from(p.marker_bit()));
    sum = mix(sum, u64::from(p.payload_type()));
    sum = mix(sum, u64::from(p.sequence_number()));
    sum = mix(sum, u64::from(p.timestamp()));
    sum = mix(sum, u64::from(p.ssrc()));
    for csrc in p.csrc() {
        sum = mix(sum, u64::from(csrc));
    }
    if let Some((0xbede, mut data)) = p.extension() {
        while let [first, rest @ ..] = data {
            if *first == 0 {
                data = rest;
                continue;
            }
            let (id, len) = (first >> 4, usize::from(first & 0x0f) + 1);
            if id == 15 || rest.len() < len {
                break;
            }
            sum = mix(sum, u64::from(id));
            sum = mix(sum, len as u64);
            sum = mix(sum, u64::from(rest[0]));
            data = &rest[len..];
        }
    }
    mix(sum, p.payload().len() as u64)
}

fn webrtc_block(sum: u64, b: &ReceptionReport) -> u64 {
    let mut sum = mix(sum, u64::from(b.ssrc));
    sum = mix(sum, u64::from(b.fraction_lost));
    sum = mix(sum, u64::from(b.total_lost & 0x00ff_ffff));
    sum = mix(sum, u64::from(b.last_sequence_number));
    sum = mix(sum, u64::from(b.jitter));
    sum = mix(sum, u64::from(b.last_sender_report));
    mix(sum, u64::from(b.delay))
}

/// webrtc-rs `rtcp`: unmarshal the compound into boxed packets, downcast each, read
/// every field, walk every list.
#[inline(never)]
pub fn rtcp_webrtc_rs(bytes: &Bytes) -> u64 {
    let mut buf = bytes.clone();
    let Ok(packets) = rtcp::packet::unmarshal(&mut buf) else {
        return 0;
    };
    let mut sum = 0;
    for p in &packets {
        let any = p.as_any();
        if let Some(sr) = any.downcast_ref::<SenderReport>() {
            sum = mix(sum, u64::from(sr.ssrc));
            sum = mix(sum, sr.ntp_time);
            sum = mix(sum, u64::from(sr.rtp_time));
            sum = mix(sum, u64::from(sr.packet_count));
            sum = mix(sum, u64::from(sr.octet_count));
            sum = sr.reports.iter().fold(sum, webrtc_block);
        } else if let Some(rr) = any.downcast_ref::<ReceiverReport>() {
            sum = mix(sum, u64::from(rr.ssrc));
            sum = rr.reports.iter().fold(sum, webrtc_block);
        } else if let Some(sdes) = any.downcast_ref::<SourceDescription>() {
            for chunk in &sdes.chunks {
                sum = mix(sum, u64::from(chunk.source));
                for item in &chunk.items {
                    sum = mix(sum, item.sdes_type as u64);
                    sum = mix(sum, item.text.len() as u64);
                }
            }
        } else if let Some(nack) = any.downcast_ref::<TransportLayerNack>() {
            sum = mix(sum, u64::from(nack.sender_ssrc));
            sum = mix(sum, u64::from(nack.media_ssrc));
            for pair in &nack.nacks {
                sum = pair.into_iter().fold(sum, |s, seq| mix(s, u64::from(seq)));
            }
        } else if let Some(twcc) = any.downcast_ref::<TransportLayerCc>() {
            sum = mix(sum, u64::from(twcc.sender_ssrc));
            sum = mix(sum, u64::from(twcc.media_ssrc));
            sum = mix(sum, u64::from(twcc.base_sequence_number));
            sum = mix(sum, u64::from(twcc.reference_time));
            sum = mix(sum, u64::from(twcc.fb_pkt_count));
            // webrtc-rs keeps chunks and deltas apart: expand the chunks into one status
            // per packet (up to the status count) and pair received ones with deltas,
            // which it stores in microseconds.
            let mut deltas = twcc.recv_deltas.iter();
            let mut seq = twcc.base_sequence_number;
            let mut left = twcc.packet_status_count;
            let mut visit = |symbol: &SymbolTypeTcc, sum: &mut u64| {
                if left == 0 {
                    return;
                }
                left -= 1;
                *sum = mix(*sum, u64::from(seq));
                seq = seq.wrapping_add(1);
                let delta = match symbol {
                    SymbolTypeTcc::PacketNotReceived => 0x1_0000,
                    _ => deltas
                        .next()
                        .map_or(0, |d| u64::from((d.delta / 250) as i16 as u16)),
                };
                *sum = mix(*sum, delta);
            };
            for chunk in &twcc.packet_chunks {
                match chunk {
                    PacketStatusChunk::RunLengthChunk(run) => {
                        for _ in 0..run.run_length {
                            visit(&run.packet_status_symbol, &mut sum);
                        }
                    }
                    PacketStatusChunk::StatusVectorChunk(vector) => {
                        for symbol in &vector.symbol_list {
                            visit(symbol, &mut sum);
                        }
                    }
                }
            }
            sum = mix(sum, u64::from(twcc.packet_status_count));
        } else if let Some(pli) = any.downcast_ref::<PictureLossIndication>() {
            sum = mix(sum, u64::from(pli.sender_ssrc));
            sum = mix(sum, u64::from(pli.media_ssrc));
            sum = mix(sum, 1);
        } else if let Some(remb) = any.downcast_ref::<ReceiverEstimatedMaximumBitrate>() {
            sum = mix(sum, u64::from(remb.sender_ssrc));
            // webrtc-rs keeps no media SSRC for REMB; RFC-wise it is 0.
            sum = mix(sum, 0);
            sum = mix(sum, remb.bitrate as u64);
            sum = remb
                .ssrcs
                .iter()
                .fold(sum, |s, &ssrc| mix(s, u64::from(ssrc)));
        }
    }
    sum
}

fn gst_block(sum: u64, b: rtcp_types::ReportBlock<'_>) -> u64 {
    let mut sum = mix(sum, u64::from(b.ssrc()));
    sum = mix(sum, u64::from(b.fraction_lost()));
    sum = mix(sum, u64::from(b.cumulative_lost() & 0x00ff_ffff));
    sum = mix(sum, u64::from(b.extended_sequence_number()));
    sum = mix(sum, u64::from(b.interarrival_jitter()));
    sum = mix(sum, u64::from(b.last_sender_report_timestamp()));
    mix(sum, u64::from(b.delay_since_last_sender_report_timestamp()))
}

/// REMB, which `rtcp-types` does not know, read through its own FCI parser trait.
struct Remb<'a>(&'a [u8]);

impl<'a> rtcp_types::FciParser<'a> for Remb<'a> {
    const PACKET_TYPE: rtcp_types::FciFeedbackPacketType =
        rtcp_types::FciFeedbackPacketType::PAYLOAD;
    const FCI_FORMAT: u8 = 15;

    fn parse(data: &'a [u8]) -> Result<Self, rtcp_types::RtcpParseError> {
        let n = usize::from(*data.get(4).ok_or(rtcp_types::RtcpParseError::Truncated {
            expected: 8,
            actual: data.len(),
        })?);
        if data.len() < 8 + 4 * n || &data[..4] != b"REMB" {
            return Err(rtcp_types::RtcpParseError::Truncated {
                expected: 8 + 4 * n,
                actual: data.len(),
            });
        }
        Ok(Self(data))
    }
}

/// GStreamer's `rtcp-types`: parse the compound, read every field of every packet,
/// walk every list, with the crate's FCI parsers (NACK, PLI) and a REMB parser
/// written against its `FciParser` trait.
#[inline(never)]
pub fn rtcp_rtcp_types(bytes: &[u8]) -> u64 {
    let Ok(compound) = rtcp_types::Compound::parse(bytes) else {
        return 0;
    };
    let mut sum = 0;
    for packet in compound.flatten() {
        match packet {
            GstPacket::Sr(sr) => {
                sum = mix(sum, u64::from(sr.ssrc()));
                sum = mix(sum, sr.ntp_timestamp());
                sum = mix(sum, u64::from(sr.rtp_timestamp()));
                sum = mix(sum, u64::from(sr.packet_count()));
                sum = mix(sum, u64::from(sr.octet_count()));
                sum = sr.report_blocks().fold(sum, gst_block);
            }
            GstPacket::Rr(rr) => {
                sum = mix(sum, u64::from(rr.ssrc()));
                sum = rr.report_blocks().fold(sum, gst_block);
            }
            GstPacket::Sdes(sdes) => {
                for chunk in sdes.chunks() {
                    sum = mix(sum, u64::from(chunk.ssrc()));
                    for item in chunk.items() {
                        sum = mix(sum, u64::from(item.type_()));
                        sum = mix(sum, item.value().len() as u64);
                    }
                }
            }
            GstPacket::TransportFeedback(fb) => {
                sum = mix(sum, u64::from(fb.sender_ssrc()));
                sum = mix(sum, u64::from(fb.media_ssrc()));
                if let Ok(nack) = fb.parse_fci::<rtcp_types::Nack<'_>>() {
                    sum = nack.entries().fold(sum, |s, seq| mix(s, u64::from(seq)));
                } else if let Ok(twcc) = fb.parse_fci::<rtcp_types::Twcc<'_>>() {
                    sum = mix(sum, u64::from(twcc.base_sequence_number()));
                    sum = mix(sum, u64::from(twcc.reference_time()));
                    sum = mix(sum, u64::from(twcc.feedback_packet_count()));
                    // The status count is private in rtcp-types: count what it yields.
                    let mut count = 0u64;
                    for packet in twcc.packets().flatten() {
                        count += 1;
                        sum = mix(sum, u64::from(packet.0));
                        sum = mix(
                            sum,
                            match packet.1 {
                                rtcp_types::TwccPacketStatus::NotReceived => 0x1_0000,
                                rtcp_types::TwccPacketStatus::Received { delta } => {
                                    u64::from(delta as u16)
                                }
                            },
                        );
                    }
                    sum = mix(sum, count);
                }
            }
            GstPacket::PayloadFeedback(fb) => {
                sum = mix(sum, u64::from(fb.sender_ssrc()));
                sum = mix(sum, u64::from(fb.media_ssrc()));
                if fb.parse_fci::<rtcp_types::Pli<'_>>().is_ok() {
                    sum = mix(sum, 1);
                } else if let Ok(Remb(fci)) = fb.parse_fci::<Remb<'_>>() {
                    let exp = fci[5] >> 2;
                    let mantissa = u32::from_be_bytes([0, fci[5] & 0x03, fci[6], fci[7]]);
                    sum = mix(sum, u64::from(mantissa) << exp);
                    for ssrc in fci[8..8 + 4 * usize::from(fci[4])].chunks_exact(4) {
                        sum = mix(
                            sum,
                            u64::from(u32::from_be_bytes([ssrc[0], ssrc[1], ssrc[2], ssrc[3]])),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    sum
}
