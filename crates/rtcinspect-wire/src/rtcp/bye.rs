//! Goodbye packets ([RFC 3550 §6.6](https://www.rfc-editor.org/rfc/rfc3550#section-6.6)).

use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError};

/// A goodbye, PT 203 ([RFC 3550 §6.6](https://www.rfc-editor.org/rfc/rfc3550#section-6.6)):
/// SC sources leaving, and optionally a reason.
///
/// ```text
/// |V=2|P|    SC   |   PT=BYE=203  |             length            |
/// |                           SSRC/CSRC                           |
/// :                              ...                              :
/// |     length    |               reason for leaving            ...
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bye<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> Bye<'a> {
    /// Reads the BYE packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as BYE: the body must hold SC sources and, if anything
    /// follows them, a complete reason.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::BYE)?;
        let body = raw.body();
        let ssrcs_len = usize::from(raw.count()) * 4;
        need_body(body, "SSRC/CSRC list", 0, ssrcs_len)?;
        if body.len() > ssrcs_len {
            let len = usize::from(bytes::u8_at(body, ssrcs_len));
            need_body(body, "reason for leaving", ssrcs_len + 1, len)?;
        }
        Ok(Self { raw })
    }

    /// The source count (SC).
    #[inline]
    pub fn source_count(&self) -> u8 {
        self.raw.count()
    }

    /// The sources leaving.
    #[inline]
    pub fn ssrcs(&self) -> ByeSsrcs<'a> {
        let len = usize::from(self.raw.count()) * 4;
        ByeSsrcs::new(self.raw.body().get(..len).unwrap_or(&[]))
    }

    /// The reason for leaving, if the packet has one (not always UTF-8).
    pub fn reason(&self) -> Option<&'a [u8]> {
        let at = usize::from(self.raw.count()) * 4;
        let body = self.raw.body();
        let len = usize::from(*body.get(at)?);
        body.get(at + 1..at + 1 + len)
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Iterator over the SSRCs/CSRCs of a BYE packet.
pub type ByeSsrcs<'a> = crate::entries::Entries<'a, u32>;

/// Writes a [`Bye`] packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByeRepr<'a> {
    /// Up to 31 sources leaving.
    pub ssrcs: &'a [u32],
    /// The reason for leaving, at most 255 bytes.
    pub reason: Option<&'a [u8]>,
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> ByeRepr<'a> {
    /// The fields of a parsed BYE, with its SSRCs collected by the caller.
    pub fn parse(bye: &Bye<'a>, ssrcs: &'a [u32]) -> Self {
        Self {
            ssrcs,
            reason: bye.reason(),
            padding: super::padding_count(&bye.raw),
        }
    }

    fn body_len(&self) -> usize {
        let reason = self.reason.map_or(0, |r| (1 + r.len()).next_multiple_of(4));
        self.ssrcs.len() * 4 + reason
    }
}

impl RtcpWrite for ByeRepr<'_> {
    fn buffer_len(&self) -> usize {
        super::HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max("source count", self.ssrcs.len(), 0x1f)?;
        if let Some(reason) = self.reason {
            bytes::check_max("reason length", reason.len(), 0xff)?;
        }
        emit_packet(
            buf,
            self.ssrcs.len() as u8,
            packet_type::BYE,
            self.body_len(),
            self.padding,
            |w| {
                for &ssrc in self.ssrcs {
                    w.u32(ssrc)?;
                }
                if let Some(reason) = self.reason {
                    w.u8(reason.len() as u8)?;
                    w.put(reason)?;
                    w.zeros((1 + reason.len()).next_multiple_of(4) - 1 - reason.len())?;
                }
                Ok(())
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BYE_REASON: [u8; 20] = [
        0x82, 0xcb, 0x00, 0x04, // SC=2 PT=203 length 4 (20 bytes)
        0x90, 0x2f, 0x9e, 0x2e, // SSRC 1
        0x12, 0x34, 0x56, 0x78, // SSRC 2
        0x05, b'c', b'l', b'o', // reason length 5
        b's', b'e', 0x00, 0x00, // "close" + 2 bytes of null padding
    ];

    #[test]
    fn deconstruct_and_round_trip() {
        let bye = Bye::new_checked(&BYE_REASON).unwrap();
        let ssrcs: Vec<u32> = bye.ssrcs().collect();
        assert_eq!(ssrcs, [0x902f_9e2e, 0x1234_5678]);
        assert_eq!(bye.reason(), Some(&b"close"[..]));
        let repr = ByeRepr::parse(&bye, &ssrcs);
        let mut out = [0u8; 20];
        assert_eq!(repr.emit(&mut out), Ok(20));
        assert_eq!(out, BYE_REASON);
    }

    #[test]
    fn without_reason() {
        let buf = [0x81, 0xcb, 0x00, 0x01, 0, 0, 0, 9];
        let bye = Bye::new_checked(&buf).unwrap();
        assert_eq!(bye.ssrcs().collect::<Vec<_>>(), [9]);
        assert_eq!(bye.reason(), None);
        let mut out = [0u8; 8];
        assert_eq!(ByeRepr::parse(&bye, &[9]).emit(&mut out), Ok(8));
        assert_eq!(out, buf);
    }

    #[test]
    fn reason_overrun() {
        // Reason length 8 with 3 bytes after it.
        let buf = [0x81, 0xcb, 0x00, 0x02, 0, 0, 0, 9, 8, b'a', b'b', b'c'];
        assert_eq!(
            Bye::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "reason for leaving",
                offset: 9,
                needed: 8,
                available: 3
            })
        );
    }
}
