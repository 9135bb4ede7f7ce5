//! Writing RTP packets.

use super::{ExtensionElement, ExtensionForm, HeaderExtension, MIN_HEADER_LEN, RtpPacket};
use crate::bytes::{self, EmitError, Writer};

/// Up to 15 CSRCs, held inline (the CC field has 4 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CsrcList {
    len: u8,
    items: [u32; 15],
}

impl CsrcList {
    /// The most CSRCs a packet can carry.
    pub const MAX: usize = 15;

    /// An empty list.
    pub const fn new() -> Self {
        Self {
            len: 0,
            items: [0; 15],
        }
    }

    /// A list holding `csrcs`; fails with more than 15.
    pub fn from_slice(csrcs: &[u32]) -> Result<Self, EmitError> {
        bytes::check_max("CSRC count", csrcs.len(), Self::MAX)?;
        let mut list = Self::new();
        list.items
            .get_mut(..csrcs.len())
            .unwrap_or_default()
            .copy_from_slice(csrcs);
        list.len = csrcs.len() as u8;
        Ok(list)
    }

    /// Appends a CSRC; fails when the list already holds 15.
    pub fn push(&mut self, csrc: u32) -> Result<(), EmitError> {
        bytes::check_max("CSRC count", usize::from(self.len) + 1, Self::MAX)?;
        if let Some(slot) = self.items.get_mut(usize::from(self.len)) {
            *slot = csrc;
            self.len += 1;
        }
        Ok(())
    }

    /// The CSRCs.
    pub fn as_slice(&self) -> &[u32] {
        self.items.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// How many CSRCs there are.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The header extension to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionRepr<'a> {
    /// A block written as it is: the profile field and the data (a multiple of 4
    /// bytes). What [`RtpRepr::parse`] produces, so that an unmodified packet is
    /// written back byte for byte.
    Raw {
        /// The profile-defined field.
        profile: u16,
        /// The extension data.
        data: &'a [u8],
    },
    /// RFC 8285 elements, written in the one-byte form when every element allows it
    /// (ID 1–14, 1–16 bytes) and in the two-byte form otherwise (ID 1–255, 0–255
    /// bytes), then padded with zeros to a 32-bit boundary.
    Elements(&'a [ExtensionElement<'a>]),
}

impl<'a> ExtensionRepr<'a> {
    /// The block of a parsed packet, kept raw.
    pub fn parse(extension: &HeaderExtension<'a>) -> Self {
        Self::Raw {
            profile: extension.profile(),
            data: extension.data(),
        }
    }

    /// The form the elements will be written in (or the raw profile's form).
    pub fn form(&self) -> Result<ExtensionForm, EmitError> {
        match *self {
            Self::Raw { profile, .. } => Ok(ExtensionForm::from_profile(profile)),
            Self::Elements(elements) => {
                let one_byte = elements
                    .iter()
                    .all(|e| (1..=14).contains(&e.id) && (1..=16).contains(&e.data.len()));
                if one_byte {
                    return Ok(ExtensionForm::OneByte);
                }
                for e in elements {
                    if e.id == 0 {
                        return Err(EmitError::InvalidValue {
                            field: "header extension ID",
                            value: 0,
                        });
                    }
                    bytes::check_max("header extension element length", e.data.len(), 0xff)?;
                }
                Ok(ExtensionForm::TwoByte { appbits: 0 })
            }
        }
    }

    /// Bytes of extension data, padding included (without the 4-byte header).
    fn data_len(&self, form: ExtensionForm) -> usize {
        match *self {
            Self::Raw { data, .. } => data.len(),
            Self::Elements(elements) => {
                let per_element = if form == ExtensionForm::OneByte { 1 } else { 2 };
                let len: usize = elements.iter().map(|e| per_element + e.data.len()).sum();
                len.next_multiple_of(4)
            }
        }
    }

    fn write(&self, form: ExtensionForm, w: &mut Writer<'_>) -> Result<(), EmitError> {
        let data_len = self.data_len(form);
        if data_len % 4 != 0 {
            return Err(EmitError::InvalidValue {
                field: "header extension length (not a multiple of 4 bytes)",
                value: data_len as u64,
            });
        }
        bytes::check_max("header extension length", data_len / 4, 0xffff)?;
        w.u16(form.profile())?;
        w.u16((data_len / 4) as u16)?;
        match *self {
            Self::Raw { data, .. } => w.put(data)?,
            Self::Elements(elements) => {
                let start = w.position();
                for e in elements {
                    if form == ExtensionForm::OneByte {
                        w.u8((e.id << 4) | (e.data.len() as u8 - 1))?;
                    } else {
                        w.u8(e.id)?;
                        w.u8(e.data.len() as u8)?;
                    }
                    w.put(e.data)?;
                }
                w.zeros(data_len - (w.position() - start))?;
            }
        }
        Ok(())
    }
}

/// The fields of an RTP packet, to write one
/// ([RFC 3550 §5.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.1)).
///
/// The version is always 2; the P, X and CC fields follow from `padding`,
/// `extension` and `csrcs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RtpRepr<'a> {
    /// The marker bit.
    pub marker: bool,
    /// The payload type, 0–127.
    pub payload_type: u8,
    /// The sequence number.
    pub sequence_number: u16,
    /// The RTP timestamp.
    pub timestamp: u32,
    /// The synchronization source.
    pub ssrc: u32,
    /// The contributing sources.
    pub csrcs: CsrcList,
    /// The header extension, if any.
    pub extension: Option<ExtensionRepr<'a>>,
    /// The payload.
    pub payload: &'a [u8],
    /// Bytes of padding to append (0 for none, which clears the P bit); zeros, the
    /// last byte the count.
    pub padding: u8,
}

impl<'a> RtpRepr<'a> {
    /// The fields of a parsed packet; the extension block is kept raw, so writing the
    /// result gives back the same bytes (padding bytes other than the count are
    /// written as zeros).
    pub fn parse<T: AsRef<[u8]> + ?Sized>(packet: &RtpPacket<&'a T>) -> Self {
        let mut csrcs = CsrcList::new();
        for csrc in packet.csrcs() {
            // At most 15: the CC field has 4 bits.
            let _ = csrcs.push(csrc);
        }
        Self {
            marker: packet.marker(),
            payload_type: packet.payload_type(),
            sequence_number: packet.sequence_number(),
            timestamp: packet.timestamp(),
            ssrc: packet.ssrc(),
            csrcs,
            extension: packet.extension().map(|e| ExtensionRepr::parse(&e)),
            payload: packet.payload(),
            padding: u8::try_from(packet.padding_len()).unwrap_or(0),
        }
    }

    /// Length of the header: fixed part, CSRCs and extension.
    pub fn header_len(&self) -> usize {
        let extension = self
            .extension
            .map_or(0, |e| e.form().map_or(0, |form| 4 + e.data_len(form)));
        MIN_HEADER_LEN + self.csrcs.len() * 4 + extension
    }

    /// Length of the whole packet.
    pub fn buffer_len(&self) -> usize {
        self.header_len() + self.payload.len() + usize::from(self.padding)
    }

    /// Writes the packet at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max("payload type", usize::from(self.payload_type), 0x7f)?;
        let form = self.extension.map(|e| e.form()).transpose()?;
        let mut w = Writer::new(buf);
        w.reserve(self.buffer_len())?;
        let p = if self.padding > 0 { 0x20 } else { 0 };
        let x = if self.extension.is_some() { 0x10 } else { 0 };
        w.u8(0x80 | p | x | self.csrcs.len() as u8)?;
        w.u8(if self.marker { 0x80 } else { 0 } | self.payload_type)?;
        w.u16(self.sequence_number)?;
        w.u32(self.timestamp)?;
        w.u32(self.ssrc)?;
        for &csrc in self.csrcs.as_slice() {
            w.u32(csrc)?;
        }
        if let (Some(extension), Some(form)) = (self.extension, form) {
            extension.write(form, &mut w)?;
        }
        w.put(self.payload)?;
        if self.padding > 0 {
            w.zeros(usize::from(self.padding) - 1)?;
            w.u8(self.padding)?;
        }
        Ok(w.position())
    }

    /// Appends the packet to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        bytes::emit_vec(out, self.buffer_len(), |buf| self.emit(buf))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_one_byte_form() {
        // ID 1 one byte, ID 3 three bytes: 2 + 4 = 6 bytes, padded to 8.
        let elements = [
            ExtensionElement {
                id: 1,
                data: &[0xaa],
            },
            ExtensionElement {
                id: 3,
                data: &[1, 2, 3],
            },
        ];
        let repr = RtpRepr {
            payload_type: 96,
            sequence_number: 1,
            extension: Some(ExtensionRepr::Elements(&elements)),
            payload: &[0x42],
            ..Default::default()
        };
        let mut buf = [0u8; 32];
        let len = repr.emit(&mut buf).unwrap();
        assert_eq!(len, 12 + 4 + 8 + 1);
        assert_eq!(
            &buf[..len],
            &[
                0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, // X=1
                0xbe, 0xde, 0x00, 0x02, // one-byte form, 2 words
                0x10, 0xaa, 0x32, 1, 2, 3, 0, 0, // elements + 2 bytes of padding
                0x42,
            ]
        );
    }

    #[test]
    fn falls_back_to_two_byte_form() {
        // A 17-byte element and ID 15 both need the two-byte form.
        let long = [7u8; 17];
        let elements = [
            ExtensionElement { id: 15, data: &[1] },
            ExtensionElement { id: 2, data: &long },
        ];
        let ext = ExtensionRepr::Elements(&elements);
        assert_eq!(ext.form(), Ok(ExtensionForm::TwoByte { appbits: 0 }));
        let repr = RtpRepr {
            extension: Some(ext),
            ..Default::default()
        };
        let mut buf = [0u8; 64];
        let len = repr.emit(&mut buf).unwrap();
        // 3 + 19 = 22 bytes of elements, padded to 24.
        assert_eq!(len, 12 + 4 + 24);
        assert_eq!(&buf[12..19], &[0x10, 0x00, 0x00, 0x06, 15, 1, 1]);
        let p = RtpPacket::new_checked(&buf[..len]).unwrap();
        let parsed: Vec<_> = p.extension().unwrap().elements().collect();
        assert_eq!(parsed, [Ok(elements[0]), Ok(elements[1])]);
    }

    #[test]
    fn emit_errors() {
        let mut buf = [0u8; 16];
        let repr = RtpRepr {
            payload_type: 128,
            ..Default::default()
        };
        assert!(matches!(
            repr.emit(&mut buf),
            Err(EmitError::FieldOverflow { max: 127, .. })
        ));
        let elements = [ExtensionElement { id: 0, data: &[] }];
        let repr = RtpRepr {
            extension: Some(ExtensionRepr::Elements(&elements)),
            ..Default::default()
        };
        assert_eq!(
            repr.emit(&mut buf),
            Err(EmitError::InvalidValue {
                field: "header extension ID",
                value: 0
            })
        );
        let repr = RtpRepr {
            payload: &[0; 8],
            ..Default::default()
        };
        assert_eq!(
            repr.emit(&mut buf),
            Err(EmitError::BufferTooSmall {
                needed: 20,
                available: 16
            })
        );
        assert!(CsrcList::from_slice(&[0; 16]).is_err());
    }

    #[test]
    fn parse_emit_round_trip() {
        let packet: [u8; 40] = [
            0xb2, 0xe0, 0x12, 0x34, 0x00, 0x01, 0xe2, 0x40, 0xca, 0xfe, 0xba, 0xbe, //
            0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x0b, // CSRCs
            0xbe, 0xde, 0x00, 0x01, 0x10, 0xff, 0x00, 0x00, // extension
            0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07,
        ];
        let p = RtpPacket::new_checked(&packet[..]).unwrap();
        let repr = RtpRepr::parse(&p);
        assert_eq!(repr.csrcs.as_slice(), &[10, 11]);
        assert_eq!(repr.padding, 7);
        assert_eq!(repr.buffer_len(), 40);
        let mut out = [0u8; 40];
        assert_eq!(repr.emit(&mut out), Ok(40));
        assert_eq!(out, packet);
        let mut v = vec![0xff];
        assert_eq!(repr.emit_vec(&mut v), Ok(40));
        assert_eq!(&v[1..], &packet[..]);
    }
}
