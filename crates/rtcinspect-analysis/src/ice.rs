//! ICE and TURN: STUN transactions, candidate pairs, TURN allocations, permissions,
//! channel bindings; unwraps Send/Data indications.
//!
//! (To be built: see the owner's task. This stub compiles and reports nothing.)

use std::net::SocketAddr;

use crate::context::{Flow, Packet, TurnRelayRef};
use crate::engine::{Config, Shared};
use crate::report::IceReport;

/// All ICE and TURN state.
#[derive(Debug, Default)]
pub(crate) struct IceTracker {
    dropped: u64,
}

impl IceTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        IceTracker::default()
    }

    /// One STUN message. For a TURN Send or Data indication, returns the DATA
    /// attribute's bytes and the relay information so the engine analyses them.
    pub(crate) fn on_stun<'a>(
        &mut self,
        _p: &Packet<'a>,
        _shared: &mut Shared,
    ) -> Option<(&'a [u8], TurnRelayRef)> {
        None
    }

    /// One ChannelData message (counted against its allocation).
    pub(crate) fn on_channel_data(&mut self, _p: &Packet<'_>, _channel: u16, _len: usize) {}

    /// The peer bound to `channel` on this 5-tuple (either direction), if a
    /// ChannelBind was seen.
    pub(crate) fn channel_peer(&self, _flow: Flow, _channel: u16) -> Option<SocketAddr> {
        None
    }

    pub(crate) fn snapshot(&self, _shared: &Shared) -> IceReport {
        IceReport::default()
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}
