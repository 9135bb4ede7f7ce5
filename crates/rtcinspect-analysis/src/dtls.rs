//! DTLS: per 5-tuple handshake timelines, negotiated parameters, certificate
//! fingerprints (checked against SDP), alerts. Marks the flow in
//! `Shared::dtls_flows` so RTP on it is known to be SRTP.
//!
//! (To be built: see the owner's task. This stub compiles and reports nothing.)

use crate::context::Packet;
use crate::engine::{Config, Shared};
use crate::report::DtlsReport;

/// All DTLS state.
#[derive(Debug, Default)]
pub(crate) struct DtlsTracker {
    dropped: u64,
}

impl DtlsTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        DtlsTracker::default()
    }

    /// One datagram of DTLS records.
    pub(crate) fn on_dtls(&mut self, _p: &Packet<'_>, _shared: &mut Shared) {}

    pub(crate) fn snapshot(&self, _shared: &Shared) -> Vec<DtlsReport> {
        Vec::new()
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}
