//! Transport-wide congestion control feedback
//! ([draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1)).

use crate::rtcp::{RtcpError, need};

/// The FCI of a transport-wide congestion control feedback message (RTPFB FMT 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportCc<'a> {
    fci: &'a [u8],
}

impl<'a> TransportCc<'a> {
    /// Reads a transport-cc FCI. Error offsets count from the start of the FCI.
    pub fn parse(fci: &'a [u8]) -> Result<Self, RtcpError> {
        need(fci, "transport-cc header", 0, 8)?;
        Ok(Self { fci })
    }

    /// The FCI bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.fci
    }
}
