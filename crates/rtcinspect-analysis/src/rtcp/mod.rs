//! RTCP (to be built).

use crate::context::Packet;
use crate::engine::{Config, Shared};
use crate::report::{RtcpSummary, StreamReport};
use crate::rtp::RtpTracker;

/// All RTCP state.
#[derive(Debug, Default)]
pub(crate) struct RtcpTracker {}

impl RtcpTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        RtcpTracker::default()
    }

    /// One RTCP datagram (compound or reduced-size).
    pub(crate) fn on_rtcp(&mut self, _p: &Packet<'_>, _shared: &mut Shared, _rtp: &mut RtpTracker) {
    }

    /// Fills each stream's `rtcp` and the summary of RTCP matching no stream.
    pub(crate) fn fill(
        &self,
        _streams: &mut [StreamReport],
        _summary: &mut RtcpSummary,
        _shared: &Shared,
        _rtp: &RtpTracker,
    ) {
    }
}
