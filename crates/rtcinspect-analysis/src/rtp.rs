//! RTP streams: RFC 3550 sequence tracking, loss, jitter, Wireshark-compatible
//! deltas; codec and clock rate; media detail; header extensions; RTX/FEC.
//!
//! (To be built: see the owner's task. This stub compiles and reports nothing.)

use crate::context::Packet;
use crate::engine::{Config, Shared};
use crate::report::StreamReport;

/// All RTP streams.
#[derive(Debug, Default)]
pub(crate) struct RtpTracker {
    dropped: u64,
}

impl RtpTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        RtpTracker::default()
    }

    /// One RTP packet.
    pub(crate) fn on_rtp(&mut self, _p: &Packet<'_>, _shared: &mut Shared) {}

    /// The streams, in order of first packet.
    pub(crate) fn snapshot(&self, _shared: &Shared) -> Vec<StreamReport> {
        Vec::new()
    }

    /// Packets of streams not tracked because the table was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}
