//! Source descriptions ([RFC 3550 §6.5](https://www.rfc-editor.org/rfc/rfc3550#section-6.5)).

use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError, Writer};

/// The type of an SDES item ([IANA "RTP SDES Item Types"](https://www.iana.org/assignments/rtp-parameters/rtp-parameters.xhtml#rtp-parameters-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SdesItemType {
    /// Canonical end-point identifier, 1 ([RFC 3550 §6.5.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.5.1)).
    Cname,
    /// User name, 2.
    Name,
    /// Electronic mail address, 3.
    Email,
    /// Phone number, 4.
    Phone,
    /// Geographic location, 5.
    Loc,
    /// Application or tool name, 6.
    Tool,
    /// Notice or status, 7.
    Note,
    /// Private extension, 8 ([RFC 3550 §6.5.8](https://www.rfc-editor.org/rfc/rfc3550#section-6.5.8)).
    Priv,
    /// H.323 callable address, 9.
    H323CallableAddress,
    /// Application-specific identifier, 10 ([RFC 6776](https://www.rfc-editor.org/rfc/rfc6776)).
    Apsi,
    /// Reporting group, 11 ([RFC 8861](https://www.rfc-editor.org/rfc/rfc8861)).
    Rgrp,
    /// RTP stream identifier (rid), 12 ([RFC 8852](https://www.rfc-editor.org/rfc/rfc8852)).
    RtpStreamId,
    /// Repaired RTP stream identifier, 13 ([RFC 8852](https://www.rfc-editor.org/rfc/rfc8852)).
    RepairedRtpStreamId,
    /// Congestion control identifier, 14 ([RFC 8888](https://www.rfc-editor.org/rfc/rfc8888)).
    Ccid,
    /// Media identification (mid), 15 ([RFC 8843](https://www.rfc-editor.org/rfc/rfc8843)).
    Mid,
    /// Any other type (0, the end of list marker, never appears as an item).
    Other(u8),
}

impl From<u8> for SdesItemType {
    fn from(v: u8) -> Self {
        match v {
            1 => Self::Cname,
            2 => Self::Name,
            3 => Self::Email,
            4 => Self::Phone,
            5 => Self::Loc,
            6 => Self::Tool,
            7 => Self::Note,
            8 => Self::Priv,
            9 => Self::H323CallableAddress,
            10 => Self::Apsi,
            11 => Self::Rgrp,
            12 => Self::RtpStreamId,
            13 => Self::RepairedRtpStreamId,
            14 => Self::Ccid,
            15 => Self::Mid,
            other => Self::Other(other),
        }
    }
}

impl From<SdesItemType> for u8 {
    fn from(t: SdesItemType) -> u8 {
        match t {
            SdesItemType::Cname => 1,
            SdesItemType::Name => 2,
            SdesItemType::Email => 3,
            SdesItemType::Phone => 4,
            SdesItemType::Loc => 5,
            SdesItemType::Tool => 6,
            SdesItemType::Note => 7,
            SdesItemType::Priv => 8,
            SdesItemType::H323CallableAddress => 9,
            SdesItemType::Apsi => 10,
            SdesItemType::Rgrp => 11,
            SdesItemType::RtpStreamId => 12,
            SdesItemType::RepairedRtpStreamId => 13,
            SdesItemType::Ccid => 14,
            SdesItemType::Mid => 15,
            SdesItemType::Other(v) => v,
        }
    }
}

/// One SDES item: a type and up to 255 bytes of value (UTF-8 text for the standard
/// types, though nothing on the wire guarantees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SdesItem<'a> {
    /// The item type.
    pub item_type: SdesItemType,
    /// The value bytes. For [`SdesItemType::Priv`] this is the whole value: prefix
    /// length, prefix, then the private value.
    pub value: &'a [u8],
}

impl<'a> SdesItem<'a> {
    /// The value as text, if it is valid UTF-8.
    pub fn as_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.value).ok()
    }

    /// For a PRIV item, the prefix and the value after it; `None` for other types or a
    /// prefix length that runs past the value.
    pub fn private(&self) -> Option<(&'a [u8], &'a [u8])> {
        if self.item_type != SdesItemType::Priv {
            return None;
        }
        let (&len, rest) = self.value.split_first()?;
        let len = usize::from(len);
        Some((rest.get(..len)?, rest.get(len..)?))
    }
}

/// A source description, PT 202 ([RFC 3550 §6.5](https://www.rfc-editor.org/rfc/rfc3550#section-6.5)):
/// SC chunks, each an SSRC or CSRC with a list of items ended by a null octet and
/// padded with null octets to a 32-bit boundary.
///
/// The checked constructor walks every chunk and item, so the iterators cannot fail.
/// Padding after the end-of-list octet is skipped whatever its value: some senders
/// (webrtc-rs among them) write a padding count there instead of zeros; see
/// [`Sdes::has_nonzero_chunk_padding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sdes<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> Sdes<'a> {
    /// Reads the SDES packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as SDES: every one of the SC chunks must be complete, and
    /// nothing but the packet's padding may follow the last one (SC is "the number of
    /// SSRC/CSRC chunks contained in this SDES packet", RFC 3550 §6.5; a chunk beyond
    /// the count would go unseen).
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::SDES)?;
        let body = raw.body();
        let mut at = 0;
        for _ in 0..raw.count() {
            at = chunk_end(body, at)?;
        }
        if at != body.len() {
            return Err(RtcpError::InvalidValue {
                field: "SDES source count (bytes follow the last chunk)",
                offset: 0,
                value: u32::from(raw.count()),
            });
        }
        Ok(Self { raw })
    }

    /// The source count (SC).
    #[inline]
    pub fn source_count(&self) -> u8 {
        self.raw.count()
    }

    /// The chunks.
    #[inline]
    pub fn chunks(&self) -> SdesChunks<'a> {
        SdesChunks {
            rest: self.raw.body(),
            remaining: self.raw.count(),
        }
    }

    /// The CNAME of the first chunk that has one.
    pub fn cname(&self) -> Option<&'a [u8]> {
        self.chunks().find_map(|c| {
            c.items()
                .find(|i| i.item_type == SdesItemType::Cname)
                .map(|i| i.value)
        })
    }

    /// Whether any chunk pads with something other than null octets after its
    /// end-of-list octet, against RFC 3550 §6.5 (webrtc-rs writes the padding length
    /// in the last padding byte).
    pub fn has_nonzero_chunk_padding(&self) -> bool {
        self.chunks().any(|c| c.padding.iter().any(|&b| b != 0))
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Returns where the chunk at `at` ends (after its padding), checking every item.
fn chunk_end(body: &[u8], at: usize) -> Result<usize, RtcpError> {
    need_body(body, "SDES chunk SSRC/CSRC", at, 4)?;
    let mut i = at + 4;
    loop {
        need_body(body, "SDES item type", i, 1)?;
        if bytes::u8_at(body, i) == 0 {
            // End of list; null octets up to the next 32-bit boundary of the chunk.
            let end = (i + 1).next_multiple_of(4);
            need_body(body, "SDES chunk padding", i + 1, end - (i + 1))?;
            return Ok(end);
        }
        need_body(body, "SDES item length", i + 1, 1)?;
        let len = usize::from(bytes::u8_at(body, i + 1));
        need_body(body, "SDES item value", i + 2, len)?;
        i += 2 + len;
    }
}

/// One SDES chunk: the source it describes and its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SdesChunk<'a> {
    ssrc: u32,
    items: &'a [u8],
    padding: &'a [u8],
}

impl<'a> SdesChunk<'a> {
    /// The SSRC or CSRC described.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        self.ssrc
    }

    /// The items, in order.
    #[inline]
    pub fn items(&self) -> SdesItems<'a> {
        SdesItems { rest: self.items }
    }

    /// The bytes after the end-of-list octet up to the 32-bit boundary (null octets in
    /// a conforming packet).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        self.padding
    }
}

/// Iterator over the chunks of an SDES packet.
#[derive(Debug, Clone)]
pub struct SdesChunks<'a> {
    rest: &'a [u8],
    remaining: u8,
}

impl<'a> Iterator for SdesChunks<'a> {
    type Item = SdesChunk<'a>;

    #[inline]
    fn next(&mut self) -> Option<SdesChunk<'a>> {
        if self.remaining == 0 {
            return None;
        }
        // `Sdes::from_raw` checked every chunk, so this scan only follows lengths; on
        // malformed bytes it ends the iteration rather than reading out of bounds.
        let (ssrc, rest) = self.rest.split_first_chunk::<4>()?;
        let mut i = 0;
        loop {
            match rest.get(i) {
                Some(0) => break,
                Some(_) => i += 2 + usize::from(*rest.get(i + 1)?),
                None => return None,
            }
        }
        let end = (4 + i + 1).next_multiple_of(4) - 4;
        let chunk = SdesChunk {
            ssrc: u32::from_be_bytes(*ssrc),
            items: rest.get(..i)?,
            padding: rest.get(i + 1..end)?,
        };
        self.rest = rest.get(end..)?;
        self.remaining -= 1;
        Some(chunk)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(usize::from(self.remaining)))
    }
}

/// Iterator over the items of an SDES chunk.
#[derive(Debug, Clone)]
pub struct SdesItems<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for SdesItems<'a> {
    type Item = SdesItem<'a>;

    #[inline]
    fn next(&mut self) -> Option<SdesItem<'a>> {
        let [t, len, rest @ ..] = self.rest else {
            return None;
        };
        let len = usize::from(*len);
        let value = rest.get(..len)?;
        self.rest = rest.get(len..).unwrap_or(&[]);
        Some(SdesItem {
            item_type: SdesItemType::from(*t),
            value,
        })
    }
}

/// Writes one SDES chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SdesChunkRepr<'a> {
    /// The SSRC or CSRC described.
    pub ssrc: u32,
    /// The items; each value at most 255 bytes.
    pub items: &'a [SdesItem<'a>],
}

impl SdesChunkRepr<'_> {
    /// Bytes on the wire: SSRC, items, the end-of-list octet and null padding.
    pub fn buffer_len(&self) -> usize {
        let items: usize = self.items.iter().map(|i| 2 + i.value.len()).sum();
        (4 + items + 1).next_multiple_of(4)
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        w.u32(self.ssrc)?;
        for item in self.items {
            let t = u8::from(item.item_type);
            if t == 0 {
                return Err(EmitError::InvalidValue {
                    field: "SDES item type",
                    value: 0,
                });
            }
            bytes::check_max("SDES item length", item.value.len(), 0xff)?;
            w.u8(t)?;
            w.u8(item.value.len() as u8)?;
            w.put(item.value)?;
        }
        let items_end = 4 + self.items.iter().map(|i| 2 + i.value.len()).sum::<usize>();
        Ok(w.zeros(self.buffer_len() - items_end)?)
    }
}

/// Writes an [`Sdes`] packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SdesRepr<'a> {
    /// Up to 31 chunks.
    pub chunks: &'a [SdesChunkRepr<'a>],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl SdesRepr<'_> {
    fn body_len(&self) -> usize {
        self.chunks.iter().map(SdesChunkRepr::buffer_len).sum()
    }
}

impl RtcpWrite for SdesRepr<'_> {
    fn buffer_len(&self) -> usize {
        super::HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max("source count", self.chunks.len(), 0x1f)?;
        emit_packet(
            buf,
            self.chunks.len() as u8,
            packet_type::SDES,
            self.body_len(),
            self.padding,
            |w| self.chunks.iter().try_for_each(|c| c.write(w)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SDES with one chunk: CNAME "{d0e1…}" is 38 bytes long in Chrome; here a short
    /// CNAME "abcd1234" (8 bytes) so the padding is visible.
    const SDES_CNAME: [u8; 20] = [
        0x81, 0xca, 0x00, 0x04, // V=2 SC=1 PT=202 length 4 (20 bytes)
        0x11, 0x22, 0x33, 0x44, // SSRC
        0x01, 0x08, b'a', b'b', // CNAME, 8 bytes
        b'c', b'd', b'1', b'2', //
        b'3', b'4', 0x00, 0x00, // end of list + 1 null octet of padding
    ];

    #[test]
    fn deconstruct() {
        let sdes = Sdes::new_checked(&SDES_CNAME).unwrap();
        assert_eq!(sdes.source_count(), 1);
        let chunk = sdes.chunks().next().unwrap();
        assert_eq!(chunk.ssrc(), 0x1122_3344);
        let items: Vec<_> = chunk.items().collect();
        assert_eq!(
            items,
            [SdesItem {
                item_type: SdesItemType::Cname,
                value: b"abcd1234"
            }]
        );
        assert_eq!(items[0].as_str(), Some("abcd1234"));
        assert_eq!(chunk.padding(), &[0]);
        assert_eq!(sdes.cname(), Some(&b"abcd1234"[..]));
        assert!(!sdes.has_nonzero_chunk_padding());
    }

    #[test]
    fn round_trip() {
        let sdes = Sdes::new_checked(&SDES_CNAME).unwrap();
        let chunk = sdes.chunks().next().unwrap();
        let items: Vec<_> = chunk.items().collect();
        let chunks = [SdesChunkRepr {
            ssrc: chunk.ssrc(),
            items: &items,
        }];
        let repr = SdesRepr {
            chunks: &chunks,
            padding: 0,
        };
        let mut out = [0u8; 20];
        assert_eq!(repr.emit(&mut out), Ok(20));
        assert_eq!(out, SDES_CNAME);
    }

    #[test]
    fn two_chunks_priv_and_webrtc_rs_padding() {
        // Chunk 1: CNAME "ab" = 4 + 4 bytes, end + 3 pad -> 12 bytes, padding written
        // the webrtc-rs way (last byte = 3). Chunk 2: PRIV prefix "x" value "yz".
        let buf = [
            0x82, 0xca, 0x00, 0x06, // SC=2 length 6 (28 bytes)
            0, 0, 0, 1, //
            0x01, 0x02, b'a', b'b', //
            0x00, 0x00, 0x00, 0x03, // end, padding 0 0 3 (non-null)
            0, 0, 0, 2, //
            0x08, 0x04, 0x01, b'x', // PRIV, length 4: prefix len 1, "x"
            b'y', b'z', 0x00, 0x00, // "yz", end, 1 null octet
        ];
        let sdes = Sdes::new_checked(&buf).unwrap();
        let chunks: Vec<_> = sdes.chunks().collect();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].padding(), &[0, 0, 3]);
        assert!(sdes.has_nonzero_chunk_padding());
        let item = chunks[1].items().next().unwrap();
        assert_eq!(item.private(), Some((&b"x"[..], &b"yz"[..])));
    }

    #[test]
    fn errors() {
        // SC=1 but the item runs past the end: CNAME length 9 with 8 bytes left.
        let mut buf = SDES_CNAME;
        buf[9] = 0x0b;
        assert_eq!(
            Sdes::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "SDES item value",
                offset: 10,
                needed: 11,
                available: 10
            })
        );
        // SC=2 with one chunk.
        let mut buf = SDES_CNAME;
        buf[0] = 0x82;
        assert!(matches!(
            Sdes::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "SDES chunk SSRC/CSRC",
                ..
            })
        ));
        // Regression: a source count lower than the chunks present (RFC 3550 §6.5) was
        // accepted and the chunks beyond it were never seen (here, SC=0 hides a CNAME).
        let mut buf = SDES_CNAME;
        buf[0] = 0x80;
        assert_eq!(
            Sdes::new_checked(&buf),
            Err(RtcpError::InvalidValue {
                field: "SDES source count (bytes follow the last chunk)",
                offset: 0,
                value: 0
            })
        );
        let mut two = SDES_CNAME.to_vec();
        two.extend_from_slice(&SDES_CNAME[4..]);
        two[3] = 0x08;
        assert!(Sdes::new_checked(&two).is_err());
        two[0] = 0x82;
        assert_eq!(Sdes::new_checked(&two).unwrap().chunks().count(), 2);
        // Padding after the last chunk is not part of the body.
        let padded = [0xa1, 0xca, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4];
        assert!(Sdes::new_checked(&padded).is_ok());
        // Items that fill the chunk with no end-of-list octet.
        let buf = [0x81, 0xca, 0x00, 0x02, 0, 0, 0, 1, 0x01, 0x02, b'a', b'b'];
        assert!(matches!(
            Sdes::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "SDES item type",
                offset: 12,
                ..
            })
        ));
    }
}
