//! Application-defined packets ([RFC 3550 §6.7](https://www.rfc-editor.org/rfc/rfc3550#section-6.7)).

use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError};

/// An application-defined packet, PT 204 ([RFC 3550 §6.7](https://www.rfc-editor.org/rfc/rfc3550#section-6.7)):
/// a 5-bit subtype, the sender's SSRC, a four-character name and opaque data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct App<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> App<'a> {
    /// Reads the APP packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as APP: the body must hold the SSRC and the name.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::APP)?;
        need_body(raw.body(), "SSRC and name", 0, 8)?;
        Ok(Self { raw })
    }

    /// The subtype (the 5-bit count field).
    #[inline]
    pub fn subtype(&self) -> u8 {
        self.raw.count()
    }

    /// SSRC of the sender.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.raw.body(), 0)
    }

    /// The four-byte name (ASCII by convention).
    #[inline]
    pub fn name(&self) -> [u8; 4] {
        bytes::array::<4>(self.raw.body(), 4).unwrap_or_default()
    }

    /// The application-dependent data.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.raw.body().get(8..).unwrap_or(&[])
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Writes an [`App`] packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppRepr<'a> {
    /// The subtype, 0–31.
    pub subtype: u8,
    /// SSRC of the sender.
    pub ssrc: u32,
    /// The four-byte name.
    pub name: [u8; 4],
    /// Application-dependent data; a multiple of 4 bytes.
    pub data: &'a [u8],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> AppRepr<'a> {
    /// The fields of a parsed APP packet.
    pub fn parse(app: &App<'a>) -> Self {
        Self {
            subtype: app.subtype(),
            ssrc: app.ssrc(),
            name: app.name(),
            data: app.data(),
            padding: super::padding_count(&app.raw),
        }
    }
}

impl RtcpWrite for AppRepr<'_> {
    fn buffer_len(&self) -> usize {
        super::HEADER_LEN + 8 + self.data.len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        emit_packet(
            buf,
            self.subtype,
            packet_type::APP,
            8 + self.data.len(),
            self.padding,
            |w| {
                w.u32(self.ssrc)?;
                w.put(&self.name)?;
                Ok(w.put(self.data)?)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deconstruct_and_round_trip() {
        let buf = [
            0x83, 0xcc, 0x00, 0x03, // subtype 3, PT 204, length 3 (16 bytes)
            0x00, 0x00, 0x12, 0x34, // SSRC
            b'q', b'a', b'k', b'1', // name
            0xde, 0xad, 0xbe, 0xef, // data
        ];
        let app = App::new_checked(&buf).unwrap();
        assert_eq!(app.subtype(), 3);
        assert_eq!(app.ssrc(), 0x1234);
        assert_eq!(&app.name(), b"qak1");
        assert_eq!(app.data(), &[0xde, 0xad, 0xbe, 0xef]);
        let mut out = [0u8; 16];
        assert_eq!(AppRepr::parse(&app).emit(&mut out), Ok(16));
        assert_eq!(out, buf);
        // Length 1: the body holds the SSRC but no name.
        assert_eq!(
            App::new_checked(&[0x80, 0xcc, 0x00, 0x01, 0, 0, 0, 1]),
            Err(RtcpError::Truncated {
                field: "SSRC and name",
                offset: 4,
                needed: 8,
                available: 4
            })
        );
    }
}
