//! Parses arbitrary bytes as an RTCP datagram; every packet that parses is written
//! back with the crate's writers and must parse to the same values, and every typed
//! sub-structure (feedback FCIs, transport-cc packets, RFC 8888 reports, XR blocks) is
//! read to its end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::rtcp::fb::{PayloadFeedbackFci, RtpFeedbackFci};
use rtcinspect_wire::rtcp::{Compound, RtcpPacket};

#[path = "../../crates/rtcinspect-wire/tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::rtcp_reemit(data);
    let mut compound = Compound::new(data);
    for packet in compound.by_ref() {
        match packet {
            // Errors must say where they are, inside the datagram.
            Err(e) => assert!(e.offset < data.len()),
            Ok(RtcpPacket::RtpFeedback(fb)) => match fb.fci() {
                Ok(RtpFeedbackFci::TransportCc(twcc)) => {
                    let n = twcc.packets().count();
                    assert!(n == usize::from(twcc.status_count()));
                    assert!(twcc.deltas().count() == usize::from(twcc.received_count()));
                }
                Ok(RtpFeedbackFci::CongestionControl(ccfb)) => {
                    for block in ccfb.report_blocks() {
                        assert!(block.packets().count() == usize::from(block.num_reports()));
                    }
                }
                Ok(RtpFeedbackFci::Nack(nack)) => {
                    assert!(nack.lost_sequence_numbers().count() <= 17 * nack.pairs().count());
                }
                _ => {}
            },
            Ok(RtcpPacket::PayloadFeedback(fb)) => {
                if let Ok(PayloadFeedbackFci::Remb(remb)) = fb.fci() {
                    let _ = (remb.bitrate(), remb.ssrcs().count());
                }
            }
            Ok(RtcpPacket::ExtendedReport(xr)) => {
                for block in xr.blocks() {
                    assert!(block.body().len() == usize::from(block.block_length()) * 4);
                    let _ = block.parse();
                }
            }
            Ok(_) => {}
        }
    }
    assert!(compound.findings().trailing_bytes <= data.len());
});
