//! RTP congestion control feedback ([RFC 8888 §3.1](https://www.rfc-editor.org/rfc/rfc8888#section-3.1)).

use crate::rtcp::{RtcpError, need};

/// The body of an RFC 8888 congestion control feedback message (RTPFB FMT 11) after
/// the sender SSRC: per-SSRC report blocks and the report timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CongestionControlFeedback<'a> {
    reports: &'a [u8],
}

impl<'a> CongestionControlFeedback<'a> {
    /// Reads the reports that follow the sender SSRC. Error offsets count from the
    /// start of `reports`.
    pub fn parse(reports: &'a [u8]) -> Result<Self, RtcpError> {
        need(reports, "report timestamp", 0, 4)?;
        Ok(Self { reports })
    }

    /// The bytes after the sender SSRC.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.reports
    }
}
