//! Extended reports ([RFC 3611](https://www.rfc-editor.org/rfc/rfc3611)).

use super::{RawRtcp, RtcpError, need_body, packet_type};
use crate::bytes;

/// An extended report, PT 207 ([RFC 3611 §2](https://www.rfc-editor.org/rfc/rfc3611#section-2)):
/// the sender's SSRC and a list of report blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedReport<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> ExtendedReport<'a> {
    /// Reads the XR packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as XR.
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::XR)?;
        need_body(raw.body(), "SSRC of packet sender", 0, 4)?;
        Ok(Self { raw })
    }

    /// SSRC of the sender.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.raw.body(), 0)
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}
