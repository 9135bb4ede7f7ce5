//! Decodes UDP payloads stored one per file (as in `testdata/packets/`) and prints what
//! each one is: RTP header, CSRCs and header extension elements; every packet of an
//! RTCP compound with its main fields, and what the compound deviates from; a STUN
//! message's type, transaction ID, every attribute decoded, its FINGERPRINT verdict,
//! and for a TURN Send/Data indication what it relays.
//!
//! ```text
//! cargo run -p rtcinspect-wire --example decode -- testdata/packets/rtp/*.bin
//! ```
#![allow(clippy::print_stdout)]

use std::{env, fs, process::ExitCode};

use rtcinspect_wire::demux::{PacketKind, classify};
use rtcinspect_wire::rtcp::fb::{PayloadFeedbackFci, RtpFeedbackFci};
use rtcinspect_wire::rtcp::{Compound, RtcpPacket};
use rtcinspect_wire::rtp::RtpPacket;
use rtcinspect_wire::stun::{Attribute, AttributeType, Message};

fn main() -> ExitCode {
    let paths: Vec<String> = env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: decode FILE...   (each FILE holds one UDP payload)");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for path in paths {
        match fs::read(&path) {
            Ok(bytes) => {
                let kind = classify(&bytes);
                println!("{path}: {} bytes, {kind}", bytes.len());
                match kind {
                    PacketKind::Rtp => rtp(&bytes),
                    PacketKind::Rtcp => rtcp(&bytes),
                    PacketKind::Stun => stun(&bytes),
                    PacketKind::Dtls => dtls(&bytes),
                    PacketKind::TurnChannel => turn_channel(&bytes),
                    _ => {}
                }
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::from(1);
            }
        }
    }
    status
}

fn rtp(bytes: &[u8]) {
    // The padding of SRTP is encrypted: fall back to a header-only check.
    let packet = match RtpPacket::new_checked(bytes) {
        Ok(p) => p,
        Err(e) => match RtpPacket::new_checked_header(bytes) {
            Ok(p) => {
                println!("  ({e}; header read without the padding: SRTP?)");
                p
            }
            Err(e) => return println!("  malformed: {e}"),
        },
    };
    println!(
        "  PT {} seq {} ts {} SSRC {:#010x} marker {} payload {} bytes, padding {}",
        packet.payload_type(),
        packet.sequence_number(),
        packet.timestamp(),
        packet.ssrc(),
        packet.marker(),
        packet.payload_len(),
        packet.padding_len()
    );
    for csrc in packet.csrcs() {
        println!("  CSRC {csrc:#010x}");
    }
    if let Some(ext) = packet.extension() {
        println!(
            "  header extension, profile {:#06x} ({:?}), {} bytes",
            ext.profile(),
            ext.form(),
            ext.data().len()
        );
        for element in ext.elements() {
            match element {
                Ok(e) => println!("    ID {:>3}: {:02x?}", e.id, e.data),
                Err(e) => println!("    {e}"),
            }
        }
    }
}

fn rtcp(bytes: &[u8]) {
    let compound = Compound::new(bytes);
    for (index, packet) in compound.clone().enumerate() {
        match packet {
            Ok(p) => println!("  [{index}] {}", describe(&p)),
            Err(e) => println!("  {e}"),
        }
    }
    let findings = compound.findings();
    if findings.reduced_size() {
        println!("  reduced-size RTCP (RFC 5506)");
    }
    for finding in findings.iter() {
        println!("  finding: {finding}");
    }
    if findings.trailing_bytes > 0 {
        println!(
            "  {} bytes after the last readable packet (SRTCP encrypted part and trailer?)",
            findings.trailing_bytes
        );
    }
}

fn describe(packet: &RtcpPacket<'_>) -> String {
    match packet {
        RtcpPacket::SenderReport(sr) => {
            let info = sr.sender_info();
            format!(
                "SR from {:#010x}: NTP {:#018x} RTP {} packets {} octets {}, {} report blocks",
                sr.ssrc(),
                info.ntp_timestamp,
                info.rtp_timestamp,
                info.packet_count,
                info.octet_count,
                sr.report_count()
            )
        }
        RtcpPacket::ReceiverReport(rr) => {
            let blocks: Vec<String> = rr
                .report_blocks()
                .map(|b| {
                    format!(
                        "{:#010x} lost {}/256 cumulative {} jitter {}",
                        b.ssrc, b.fraction_lost, b.cumulative_lost, b.jitter
                    )
                })
                .collect();
            format!("RR from {:#010x}: [{}]", rr.ssrc(), blocks.join("; "))
        }
        RtcpPacket::Sdes(sdes) => {
            let cname = sdes.cname().map(String::from_utf8_lossy);
            format!("SDES, {} chunks, CNAME {cname:?}", sdes.source_count())
        }
        RtcpPacket::Bye(bye) => format!(
            "BYE {:x?} reason {:?}",
            bye.ssrcs().collect::<Vec<_>>(),
            bye.reason().map(String::from_utf8_lossy)
        ),
        RtcpPacket::App(app) => format!(
            "APP {:?} subtype {} from {:#010x}, {} bytes",
            String::from_utf8_lossy(&app.name()),
            app.subtype(),
            app.ssrc(),
            app.data().len()
        ),
        RtcpPacket::RtpFeedback(fb) => {
            let what = match fb.fci() {
                Ok(RtpFeedbackFci::Nack(n)) => {
                    format!("NACK {:?}", n.lost_sequence_numbers().collect::<Vec<_>>())
                }
                Ok(RtpFeedbackFci::TransportCc(t)) => format!(
                    "transport-cc: base {} count {} received {} fb #{}",
                    t.base_sequence(),
                    t.status_count(),
                    t.received_count(),
                    t.feedback_count()
                ),
                Ok(RtpFeedbackFci::CongestionControl(c)) => {
                    format!(
                        "RFC 8888 feedback, {} report blocks",
                        c.report_blocks().count()
                    )
                }
                Ok(other) => format!("{other:?}"),
                Err(e) => format!("FMT {}: {e}", fb.fmt()),
            };
            format!(
                "RTPFB {:#010x} -> {:#010x}: {what}",
                fb.sender_ssrc(),
                fb.media_ssrc()
            )
        }
        RtcpPacket::PayloadFeedback(fb) => {
            let what = match fb.fci() {
                Ok(PayloadFeedbackFci::Pli) => "PLI".to_owned(),
                Ok(PayloadFeedbackFci::Remb(r)) => format!(
                    "REMB {} bit/s for {:x?}",
                    r.bitrate(),
                    r.ssrcs().collect::<Vec<_>>()
                ),
                Ok(PayloadFeedbackFci::Fir(f)) => {
                    format!("FIR {:?}", f.entries().collect::<Vec<_>>())
                }
                Ok(other) => format!("{other:?}"),
                Err(e) => format!("FMT {}: {e}", fb.fmt()),
            };
            format!(
                "PSFB {:#010x} -> {:#010x}: {what}",
                fb.sender_ssrc(),
                fb.media_ssrc()
            )
        }
        RtcpPacket::ExtendedReport(xr) => {
            let blocks: Vec<String> = xr
                .blocks()
                .map(|b| format!("BT {} ({} bytes)", b.block_type(), b.body().len()))
                .collect();
            format!("XR from {:#010x}: {}", xr.ssrc(), blocks.join(", "))
        }
        other => format!("packet type {}", other.raw().packet_type()),
    }
}

fn stun(bytes: &[u8]) {
    let m = match Message::new_checked(bytes) {
        Ok(m) => m,
        Err(e) => return println!("  malformed: {e}"),
    };
    let cookie = if m.has_magic_cookie() {
        ""
    } else {
        " (RFC 3489)"
    };
    println!(
        "  {} {}, transaction {}{cookie}, {} bytes of attributes",
        m.method(),
        m.class(),
        m.transaction_id(),
        m.length_field()
    );
    for a in m.attributes() {
        match a.decode() {
            Ok(Attribute::Data(d)) => println!("    DATA: {} bytes", d.len()),
            Ok(value) => println!("    {}: {value:?}", a.attr_type()),
            Err(e) => println!("    {e}"),
        }
    }
    if m.attribute(AttributeType::Fingerprint).is_some() {
        match m.check_fingerprint() {
            Ok(()) => println!("  FINGERPRINT good"),
            Err(e) => println!("  {e}"),
        }
    }
    if let Some(Ok(relayed)) = m.relayed_data() {
        println!(
            "  relays {} bytes of {} to/from {}",
            relayed.data.len(),
            relayed.kind(),
            relayed.peer
        );
    }
}

fn dtls(bytes: &[u8]) {
    use rtcinspect_wire::dtls::{AnyRecord, ContentType, HandshakeBody, Records};
    for record in Records::new(bytes) {
        match record {
            Ok(AnyRecord::Record(r)) => {
                println!(
                    "  {} {} epoch {} seq {} length {}",
                    r.version(),
                    r.content_type(),
                    r.epoch(),
                    r.sequence_number(),
                    r.length()
                );
                if r.content_type() != ContentType::HANDSHAKE || r.epoch() != 0 {
                    continue;
                }
                for message in r.handshakes() {
                    let Ok(m) = message else { break };
                    let detail = match m.body() {
                        Ok(HandshakeBody::ClientHello(h)) => {
                            format!(", {} cipher suites", h.cipher_suites().len())
                        }
                        Ok(HandshakeBody::ServerHello(h)) => format!(", {}", h.cipher_suite()),
                        Ok(HandshakeBody::Certificate(c)) => {
                            format!(", {} certificates", c.certificates().count())
                        }
                        _ if m.is_fragment() => format!(
                            ", fragment {}+{} of {}",
                            m.fragment_offset(),
                            m.fragment_length(),
                            m.length()
                        ),
                        _ => String::new(),
                    };
                    println!("    {} seq {}{detail}", m.msg_type(), m.message_seq());
                }
            }
            Ok(AnyRecord::Unified(u)) => println!(
                "  DTLS 1.3 ciphertext, epoch bits {} seq {} {} bytes",
                u.epoch_bits(),
                u.sequence_number(),
                u.encrypted_record().len()
            ),
            Ok(other) => println!("  {other:?}"),
            Err(e) => println!("  {e}"),
        }
    }
}

fn turn_channel(bytes: &[u8]) {
    use rtcinspect_wire::turn::ChannelData;
    match ChannelData::new_checked(bytes) {
        Ok(c) => println!(
            "  TURN ChannelData on channel {}, {} bytes of {}{}",
            c.channel_number(),
            c.data().len(),
            classify(c.data()),
            if c.is_padded() { ", padded" } else { "" }
        ),
        Err(e) => println!("  malformed: {e}"),
    }
}
