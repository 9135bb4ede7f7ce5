//! VP8 payload descriptor and VP8 payload header
//! ([RFC 7741 §4.2–4.3](https://www.rfc-editor.org/rfc/rfc7741#section-4.2)), with the
//! keyframe start code and frame size of the VP8 bitstream
//! ([RFC 6386 §9.1](https://www.rfc-editor.org/rfc/rfc6386#section-9.1)).
//!
//! ```text
//!         0 1 2 3 4 5 6 7
//!        +-+-+-+-+-+-+-+-+
//!        |X|R|N|S|R| PID | (REQUIRED)
//!        +-+-+-+-+-+-+-+-+
//!   X:   |I|L|T|K| RSV   | (OPTIONAL)
//!        +-+-+-+-+-+-+-+-+
//!   I:   |M| PictureID   | (OPTIONAL)
//!        +-+-+-+-+-+-+-+-+
//!        |   PictureID   | (when M = 1)
//!        +-+-+-+-+-+-+-+-+
//!   L:   |   TL0PICIDX   | (OPTIONAL)
//!        +-+-+-+-+-+-+-+-+
//!   T/K: |TID|Y| KEYIDX  | (OPTIONAL)
//!        +-+-+-+-+-+-+-+-+
//! ```
//!
//! The first packet of a frame (S=1, PID=0) continues with the 3-byte VP8 payload
//! header (the frame tag), and a keyframe with the start code `9d 01 2a` and its size.
//!
//! ```
//! use rtcinspect_wire::rtp::payload::PictureId;
//! use rtcinspect_wire::rtp::payload::vp8::{Vp8Descriptor, Vp8DescriptorRepr, Vp8TemporalLayer};
//!
//! // X=1 S=1 | I=1 L=1 T=1 | picture ID 17 | TL0PICIDX 3 | TID=1 Y=1 | frame data...
//! let bytes = [0x90, 0xe0, 0x11, 0x03, 0x60, 0x31, 0x02, 0x00, 0xaa];
//! let vp8 = Vp8Descriptor::new_checked(&bytes[..])?;
//! assert_eq!(vp8.picture_id(), Some(PictureId::Short(17)));
//! assert_eq!(vp8.tl0_pic_idx(), Some(3));
//! assert_eq!(vp8.temporal_layer(), Some(Vp8TemporalLayer { temporal_id: 1, layer_sync: true }));
//! assert_eq!(vp8.header_len(), 5);
//! assert!(!vp8.starts_keyframe()); // 0x31: P bit set, an interframe
//!
//! // Build the next packet's descriptor from field values.
//! let next = Vp8DescriptorRepr {
//!     start_of_partition: false,
//!     ..Vp8DescriptorRepr::parse(&vp8)
//! };
//! let mut out = [0u8; 8];
//! let len = next.emit(&mut out)?;
//! assert_eq!(&out[..len], &[0x80, 0xe0, 0x11, 0x03, 0x60]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::{Codec, PayloadError, PictureId, need, writer};
use crate::bytes::{BufferTooSmall, u8_at, u16_at, u24_at};

/// Bit masks of the descriptor octets.
mod field {
    /// First octet: extended control bits present.
    pub(super) const X: u8 = 0x80;
    /// First octet: non-reference frame.
    pub(super) const N: u8 = 0x20;
    /// First octet: start of VP8 partition.
    pub(super) const S: u8 = 0x10;
    /// First octet: partition index.
    pub(super) const PID: u8 = 0x07;
    /// Extension octet: picture ID present.
    pub(super) const I: u8 = 0x80;
    /// Extension octet: TL0PICIDX present.
    pub(super) const L: u8 = 0x40;
    /// Extension octet: TID and Y present.
    pub(super) const T: u8 = 0x20;
    /// Extension octet: KEYIDX present.
    pub(super) const K: u8 = 0x10;
    /// T/K octet: layer sync bit.
    pub(super) const Y: u8 = 0x20;
    /// T/K octet: temporal key frame index.
    pub(super) const KEYIDX: u8 = 0x1f;
    /// Payload header: inverse key frame flag (0 = keyframe).
    pub(super) const P: u8 = 0x01;
    /// Payload header: show_frame flag.
    pub(super) const H: u8 = 0x10;
    /// Length of the payload header (frame tag).
    pub(super) const PAYLOAD_HEADER_LEN: usize = 3;
    /// Length of the payload header plus start code and dimensions of a keyframe.
    pub(super) const KEYFRAME_HEADER_LEN: usize = 10;
    /// The keyframe start code.
    pub(super) const START_CODE: u32 = 0x9d_012a;
}

const CODEC: Codec = Codec::Vp8;

/// A VP8 payload descriptor at the start of an RTP payload, and the VP8 data after it
/// ([RFC 7741 §4.2](https://www.rfc-editor.org/rfc/rfc7741#section-4.2)).
///
/// After [`new_checked`](Self::new_checked) succeeds, every accessor is infallible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vp8Descriptor<'a> {
    buf: &'a [u8],
    header_len: usize,
}

impl<'a> Vp8Descriptor<'a> {
    /// Checks that every field the flags announce is present.
    ///
    /// The VP8 data after the descriptor may be empty. Reserved bits are not checked.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "payload descriptor", buf, 0, 1)?;
        let mut at = 1;
        let first = u8_at(buf, 0);
        if first & field::X != 0 {
            need(CODEC, "extension octet", buf, at, 1)?;
            let ext = u8_at(buf, at);
            at += 1;
            if ext & field::I != 0 {
                at += PictureId::read(CODEC, buf, at)?.encoded_len();
            }
            if ext & field::L != 0 {
                need(CODEC, "TL0PICIDX", buf, at, 1)?;
                at += 1;
            }
            if ext & (field::T | field::K) != 0 {
                need(CODEC, "TID/Y/KEYIDX", buf, at, 1)?;
                at += 1;
            }
        }
        Ok(Self {
            buf,
            header_len: at,
        })
    }

    /// The whole buffer: descriptor and VP8 data.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// The length of the descriptor (1 to 6 bytes).
    pub const fn header_len(&self) -> usize {
        self.header_len
    }

    /// The VP8 data after the descriptor.
    pub fn payload(&self) -> &'a [u8] {
        self.buf.get(self.header_len..).unwrap_or(&[])
    }

    fn first(&self) -> u8 {
        u8_at(self.buf, 0)
    }

    /// The extension octet, or zero when X=0.
    fn ext(&self) -> u8 {
        if self.extended() {
            u8_at(self.buf, 1)
        } else {
            0
        }
    }

    /// X: the extension octet is present.
    pub fn extended(&self) -> bool {
        self.first() & field::X != 0
    }

    /// N: the frame is not used as a reference and can be discarded.
    pub fn non_reference(&self) -> bool {
        self.first() & field::N != 0
    }

    /// S: the first VP8 data byte starts a VP8 partition.
    pub fn start_of_partition(&self) -> bool {
        self.first() & field::S != 0
    }

    /// PID: the index of the partition the data belongs to (0–7).
    pub fn partition_index(&self) -> u8 {
        self.first() & field::PID
    }

    /// The first two reserved bits of the first octet and the four of the extension
    /// octet, in place (`0x48` and `0x0f` masks); zero in a conforming descriptor.
    pub fn reserved_bits(&self) -> (u8, u8) {
        (self.first() & 0x48, self.ext() & 0x0f)
    }

    /// The picture ID (I=1).
    pub fn picture_id(&self) -> Option<PictureId> {
        if self.ext() & field::I == 0 {
            return None;
        }
        PictureId::read(CODEC, self.buf, 2).ok()
    }

    fn picture_id_len(&self) -> usize {
        self.picture_id().map_or(0, PictureId::encoded_len)
    }

    /// TL0PICIDX, the running index of the base temporal layer frames (L=1).
    pub fn tl0_pic_idx(&self) -> Option<u8> {
        (self.ext() & field::L != 0).then(|| u8_at(self.buf, 2 + self.picture_id_len()))
    }

    fn tk_octet(&self) -> u8 {
        let at = 2 + self.picture_id_len() + usize::from(self.ext() & field::L != 0);
        u8_at(self.buf, at)
    }

    /// TID and Y (T=1).
    pub fn temporal_layer(&self) -> Option<Vp8TemporalLayer> {
        (self.ext() & field::T != 0).then(|| {
            let tk = self.tk_octet();
            Vp8TemporalLayer {
                temporal_id: tk >> 6,
                layer_sync: tk & field::Y != 0,
            }
        })
    }

    /// KEYIDX, the temporal key frame index (K=1).
    pub fn key_idx(&self) -> Option<u8> {
        (self.ext() & field::K != 0).then(|| self.tk_octet() & field::KEYIDX)
    }

    /// Whether the packet starts a VP8 frame: S=1 and PID=0
    /// ([RFC 7741 §4.2](https://www.rfc-editor.org/rfc/rfc7741#section-4.2): "the beginning
    /// of an encoded VP8 frame ... MUST have S=1 and PID=0").
    pub fn starts_frame(&self) -> bool {
        self.start_of_partition() && self.partition_index() == 0
    }

    /// The VP8 payload header that follows the descriptor in the first packet of a frame.
    ///
    /// `Ok(None)` when the packet does not start a frame ([`starts_frame`](Self::starts_frame)
    /// is false). Error offsets count from the start of the RTP payload.
    pub fn payload_header(&self) -> Result<Option<Vp8PayloadHeader>, PayloadError> {
        if !self.starts_frame() {
            return Ok(None);
        }
        Vp8PayloadHeader::parse(self.payload())
            .map(Some)
            .map_err(|e| e.shifted(self.header_len))
    }

    /// Whether the packet starts a keyframe: S=1 and PID=0, and the VP8 payload header
    /// has P=0 followed by the start code `9d 01 2a`
    /// ([RFC 7741 §4.3](https://www.rfc-editor.org/rfc/rfc7741#section-4.3)).
    pub fn starts_keyframe(&self) -> bool {
        matches!(self.payload_header(), Ok(Some(h)) if h.is_keyframe())
    }
}

/// The TID and Y fields of a VP8 descriptor
/// ([RFC 7741 §4.2](https://www.rfc-editor.org/rfc/rfc7741#section-4.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp8TemporalLayer {
    /// TID: the temporal layer index (0–3; writers keep the low 2 bits).
    pub temporal_id: u8,
    /// Y: the frame depends only on the base layer (layer sync).
    pub layer_sync: bool,
}

/// The fields of a VP8 payload descriptor, to write one
/// ([RFC 7741 §4.2](https://www.rfc-editor.org/rfc/rfc7741#section-4.2)).
///
/// The X bit and the I/L/T/K flags follow from which optional fields are `Some`; reserved
/// bits are written as zero. Values wider than their fields keep their low bits. When only
/// `key_idx` is present, TID and Y are written as zero (receivers ignore them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp8DescriptorRepr {
    /// N: non-reference frame.
    pub non_reference: bool,
    /// S: start of a VP8 partition.
    pub start_of_partition: bool,
    /// PID: partition index (0–7).
    pub partition_index: u8,
    /// I and the picture ID.
    pub picture_id: Option<PictureId>,
    /// L and TL0PICIDX.
    pub tl0_pic_idx: Option<u8>,
    /// T with TID and Y.
    pub temporal_layer: Option<Vp8TemporalLayer>,
    /// K and KEYIDX (0–31).
    pub key_idx: Option<u8>,
}

impl Vp8DescriptorRepr {
    /// Reads the fields of a checked descriptor.
    pub fn parse(d: &Vp8Descriptor<'_>) -> Self {
        Self {
            non_reference: d.non_reference(),
            start_of_partition: d.start_of_partition(),
            partition_index: d.partition_index(),
            picture_id: d.picture_id(),
            tl0_pic_idx: d.tl0_pic_idx(),
            temporal_layer: d.temporal_layer(),
            key_idx: d.key_idx(),
        }
    }

    fn ext(&self) -> u8 {
        let mut ext = 0;
        if self.picture_id.is_some() {
            ext |= field::I;
        }
        if self.tl0_pic_idx.is_some() {
            ext |= field::L;
        }
        if self.temporal_layer.is_some() {
            ext |= field::T;
        }
        if self.key_idx.is_some() {
            ext |= field::K;
        }
        ext
    }

    /// The length of the descriptor.
    pub fn buffer_len(&self) -> usize {
        let ext = self.ext();
        if ext == 0 {
            return 1;
        }
        2 + self.picture_id.map_or(0, PictureId::encoded_len)
            + usize::from(self.tl0_pic_idx.is_some())
            + usize::from(ext & (field::T | field::K) != 0)
    }

    /// Writes the descriptor at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        let ext = self.ext();
        let mut first = self.partition_index & field::PID;
        if ext != 0 {
            first |= field::X;
        }
        if self.non_reference {
            first |= field::N;
        }
        if self.start_of_partition {
            first |= field::S;
        }
        w.u8(first)?;
        if ext == 0 {
            return Ok(w.position());
        }
        w.u8(ext)?;
        if let Some(pid) = self.picture_id {
            pid.write(&mut w)?;
        }
        if let Some(tl0) = self.tl0_pic_idx {
            w.u8(tl0)?;
        }
        if ext & (field::T | field::K) != 0 {
            let mut tk = self.key_idx.unwrap_or(0) & field::KEYIDX;
            if let Some(t) = self.temporal_layer {
                tk |= (t.temporal_id & 0x03) << 6;
                if t.layer_sync {
                    tk |= field::Y;
                }
            }
            w.u8(tk)?;
        }
        Ok(w.position())
    }

    /// Appends the descriptor to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

/// The VP8 payload header (the frame tag) at the start of the first packet of a frame
/// ([RFC 7741 §4.3](https://www.rfc-editor.org/rfc/rfc7741#section-4.3)), and for a keyframe
/// the start code and frame size that follow it
/// ([RFC 6386 §9.1](https://www.rfc-editor.org/rfc/rfc6386#section-9.1)).
///
/// ```text
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |Size0|H| VER |P|
///      +-+-+-+-+-+-+-+-+
///      |     Size1     |
///      +-+-+-+-+-+-+-+-+
///      |     Size2     |
///      +-+-+-+-+-+-+-+-+
///      | 9d | 01 | 2a  |  start code (keyframes only)
///      | width (LE16)  |  low 14 bits width, high 2 bits horizontal scale
///      | height (LE16) |  low 14 bits height, high 2 bits vertical scale
/// ```
///
/// Decoded values; this is its own writer (parse → emit gives the same bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp8PayloadHeader {
    /// H: the frame is to be displayed.
    pub show_frame: bool,
    /// VER: the bitstream version (0–3 defined; writers keep the low 3 bits).
    pub version: u8,
    /// The size of the first partition in bytes, `Size0 + 8 × Size1 + 2048 × Size2`
    /// (19 bits; writers keep the low 19 bits).
    pub first_partition_size: u32,
    /// For a keyframe (P=0): its dimensions; `None` for an interframe (P=1).
    pub keyframe: Option<Vp8KeyframeSize>,
}

/// The dimensions in a VP8 keyframe header
/// ([RFC 6386 §9.1](https://www.rfc-editor.org/rfc/rfc6386#section-9.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp8KeyframeSize {
    /// Width in pixels (14 bits).
    pub width: u16,
    /// Horizontal upscaling code (2 bits: 0 none, 1 ×5/4, 2 ×5/3, 3 ×2).
    pub horizontal_scale: u8,
    /// Height in pixels (14 bits).
    pub height: u16,
    /// Vertical upscaling code (2 bits).
    pub vertical_scale: u8,
}

impl Vp8PayloadHeader {
    /// Parses the header at the start of `bytes` (the VP8 data after the descriptor).
    ///
    /// A keyframe needs 10 bytes and the start code `9d 01 2a`; an interframe 3 bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, PayloadError> {
        need(
            CODEC,
            "VP8 payload header",
            bytes,
            0,
            field::PAYLOAD_HEADER_LEN,
        )?;
        let [b0, b1, b2] = [u8_at(bytes, 0), u8_at(bytes, 1), u8_at(bytes, 2)];
        let keyframe = if b0 & field::P == 0 {
            need(
                CODEC,
                "keyframe start code and size",
                bytes,
                field::PAYLOAD_HEADER_LEN,
                field::KEYFRAME_HEADER_LEN - field::PAYLOAD_HEADER_LEN,
            )?;
            let start_code = u24_at(bytes, 3);
            if start_code != field::START_CODE {
                return Err(PayloadError::Invalid {
                    codec: CODEC,
                    field: "keyframe start code",
                    offset: 3,
                    value: start_code,
                    expected: "0x9d012a",
                });
            }
            // Little-endian 16-bit fields.
            let w = u16_at(bytes, 6).swap_bytes();
            let h = u16_at(bytes, 8).swap_bytes();
            Some(Vp8KeyframeSize {
                width: w & 0x3fff,
                horizontal_scale: (w >> 14) as u8,
                height: h & 0x3fff,
                vertical_scale: (h >> 14) as u8,
            })
        } else {
            None
        };
        Ok(Self {
            show_frame: b0 & field::H != 0,
            version: (b0 >> 1) & 0x07,
            first_partition_size: u32::from(b0 >> 5) | (u32::from(b1) << 3) | (u32::from(b2) << 11),
            keyframe,
        })
    }

    /// Whether the frame is a keyframe (P=0).
    pub const fn is_keyframe(&self) -> bool {
        self.keyframe.is_some()
    }

    /// 10 bytes for a keyframe, 3 for an interframe.
    pub const fn buffer_len(&self) -> usize {
        if self.keyframe.is_some() {
            field::KEYFRAME_HEADER_LEN
        } else {
            field::PAYLOAD_HEADER_LEN
        }
    }

    /// Writes the header (and for a keyframe the start code and size) and returns its
    /// length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        let size = self.first_partition_size & 0x7_ffff;
        let mut b0 = ((size & 0x07) as u8) << 5 | (self.version & 0x07) << 1;
        if self.show_frame {
            b0 |= field::H;
        }
        if self.keyframe.is_none() {
            b0 |= field::P;
        }
        w.put(&[b0, (size >> 3) as u8, (size >> 11) as u8])?;
        if let Some(k) = self.keyframe {
            w.u24(field::START_CODE)?;
            let width = (k.width & 0x3fff) | u16::from(k.horizontal_scale & 0x03) << 14;
            let height = (k.height & 0x3fff) | u16::from(k.vertical_scale & 0x03) << 14;
            w.put(&width.to_le_bytes())?;
            w.put(&height.to_le_bytes())?;
        }
        Ok(w.position())
    }
}

impl fmt::Display for Vp8PayloadHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.keyframe {
            Some(k) => write!(f, "VP8 keyframe {}x{}", k.width, k.height)?,
            None => f.write_str("VP8 interframe")?,
        }
        write!(
            f,
            ", version {}, first partition {} bytes{}",
            self.version,
            self.first_partition_size,
            if self.show_frame { "" } else { ", hidden" }
        )
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::string::ToString;

    // Modelled on the RFC 7741 §4.6 example of a key frame in a single RTP packet, bytes
    // computed by hand: X=1 S=1 PID=0 (0x90); I=1 (0x80); PictureID 17 with M=0
    // (0b0_0010001 = 0x11); then the payload header with P=0.
    // Payload header: first partition size 100 = 0b1100100, so
    // Size0 = 100 & 7 = 4, Size1 = 100 >> 3 = 12, Size2 = 0; H=1, VER=0, P=0:
    // b0 = 4 << 5 | 1 << 4 = 0x90. Start code 9d 01 2a, then 320 x 240 little-endian:
    // 320 = 0x0140 -> 40 01, 240 = 0x00f0 -> f0 00.
    const KEYFRAME_SINGLE: [u8; 15] = [
        0x90, 0x80, 0x11, // descriptor
        0x90, 0x0c, 0x00, // payload header
        0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00, // start code, width, height
        0xde, 0xad, // bytes of the first partition
    ];

    // A non-discardable interframe without picture ID (as in RFC 7741 §4.6): X=0, N=0,
    // S=1, PID=0 (0x10), then Size0|H|VER|P with P=1.
    // Size 2 -> Size0 = 2, b0 = 2 << 5 | H 0x10 | P 1 = 0x51.
    const INTERFRAME_NO_PID: [u8; 5] = [0x10, 0x51, 0x00, 0x00, 0x77];

    // The second partition of a frame sent one partition per packet (as in RFC 7741
    // §4.6): X=1 S=1 PID=1 (0x91); I=1 (0x80); PictureID 4711 with M=1:
    // 4711 = 0x1267 -> 0x80 | 0x12 = 0x92, 0x67.
    const SECOND_PARTITION: [u8; 6] = [0x91, 0x80, 0x92, 0x67, 0x01, 0x02];

    // Temporal scalability with every optional field: X=1 S=1 PID=0 (0x90);
    // I=1 L=1 T=1 K=1 (0xf0); PictureID=4711 (0x92 0x67); TL0PICIDX=5;
    // TID=2 Y=1 KEYIDX=9: 0b10_1_01001 = 0xa9.
    const ALL_FIELDS: [u8; 6] = [0x90, 0xf0, 0x92, 0x67, 0x05, 0xa9];

    #[test]
    fn rfc_keyframe_single_packet() {
        let d = Vp8Descriptor::new_checked(&KEYFRAME_SINGLE).unwrap();
        assert!(d.extended());
        assert!(d.start_of_partition());
        assert_eq!(d.partition_index(), 0);
        assert!(!d.non_reference());
        assert_eq!(d.picture_id(), Some(PictureId::Short(17)));
        assert_eq!(d.tl0_pic_idx(), None);
        assert_eq!(d.temporal_layer(), None);
        assert_eq!(d.key_idx(), None);
        assert_eq!(d.header_len(), 3);
        assert_eq!(d.payload(), &KEYFRAME_SINGLE[3..]);
        assert!(d.starts_frame());
        assert!(d.starts_keyframe());
        let h = d.payload_header().unwrap().unwrap();
        assert_eq!(
            h,
            Vp8PayloadHeader {
                show_frame: true,
                version: 0,
                first_partition_size: 100,
                keyframe: Some(Vp8KeyframeSize {
                    width: 320,
                    horizontal_scale: 0,
                    height: 240,
                    vertical_scale: 0,
                }),
            }
        );
        assert_eq!(
            h.to_string(),
            "VP8 keyframe 320x240, version 0, first partition 100 bytes"
        );
    }

    #[test]
    fn rfc_interframe_without_picture_id() {
        let d = Vp8Descriptor::new_checked(&INTERFRAME_NO_PID).unwrap();
        assert!(!d.extended());
        assert_eq!(d.header_len(), 1);
        assert_eq!(d.picture_id(), None);
        let h = d.payload_header().unwrap().unwrap();
        assert!(!h.is_keyframe());
        assert!(h.show_frame);
        assert_eq!(h.first_partition_size, 2);
        assert!(!d.starts_keyframe());
    }

    #[test]
    fn rfc_second_partition_has_no_payload_header() {
        let d = Vp8Descriptor::new_checked(&SECOND_PARTITION).unwrap();
        assert_eq!(d.picture_id(), Some(PictureId::Long(4711)));
        assert_eq!(d.partition_index(), 1);
        assert!(!d.starts_frame());
        assert_eq!(d.payload_header(), Ok(None));
        assert_eq!(d.payload(), &[0x01, 0x02]);
    }

    #[test]
    fn all_optional_fields() {
        let d = Vp8Descriptor::new_checked(&ALL_FIELDS).unwrap();
        assert_eq!(d.picture_id(), Some(PictureId::Long(4711)));
        assert_eq!(d.tl0_pic_idx(), Some(5));
        assert_eq!(
            d.temporal_layer(),
            Some(Vp8TemporalLayer {
                temporal_id: 2,
                layer_sync: true
            })
        );
        assert_eq!(d.key_idx(), Some(9));
        assert_eq!(d.header_len(), 6);
        assert!(d.payload().is_empty());
        // S=1 PID=0 but no payload header bytes: the descriptor is fine, the header is not.
        assert!(matches!(
            d.payload_header(),
            Err(PayloadError::Truncated {
                codec: Codec::Vp8,
                field: "VP8 payload header",
                offset: 6,
                needed: 3,
                available: 0
            })
        ));
        assert!(!d.starts_keyframe());
    }

    #[test]
    fn key_idx_without_tid() {
        // X=1 (0x80); K=1 only (0x10); T/K octet 0b11_1_00011: TID/Y bits set but to
        // be ignored (T=0), KEYIDX=3.
        let d = Vp8Descriptor::new_checked(&[0x80, 0x10, 0xe3]).unwrap();
        assert_eq!(d.temporal_layer(), None);
        assert_eq!(d.key_idx(), Some(3));
        assert_eq!(d.header_len(), 3);
    }

    #[test]
    fn round_trip_literals() {
        for bytes in [
            &KEYFRAME_SINGLE[..],
            &INTERFRAME_NO_PID,
            &SECOND_PARTITION,
            &ALL_FIELDS,
        ] {
            let d = Vp8Descriptor::new_checked(bytes).unwrap();
            let repr = Vp8DescriptorRepr::parse(&d);
            assert_eq!(repr.buffer_len(), d.header_len());
            let mut out = [0u8; 6];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], &bytes[..d.header_len()]);
        }
        let h = Vp8PayloadHeader::parse(&KEYFRAME_SINGLE[3..]).unwrap();
        let mut out = [0u8; 10];
        assert_eq!(h.emit(&mut out), Ok(10));
        assert_eq!(out, KEYFRAME_SINGLE[3..13]);
    }

    #[test]
    fn build_from_fields() {
        // S=1, PID=0, picture ID 300 (needs 15 bits: 0x812c), TL0PICIDX 7.
        let repr = Vp8DescriptorRepr {
            start_of_partition: true,
            picture_id: Some(PictureId::from_value(300)),
            tl0_pic_idx: Some(7),
            ..Default::default()
        };
        let mut out = [0u8; 8];
        let n = repr.emit(&mut out).unwrap();
        // 0x90: X S; 0xc0: I L; 0x81 0x2c: M=1, 300 = 0x012c; 0x07.
        assert_eq!(&out[..n], &[0x90, 0xc0, 0x81, 0x2c, 0x07]);
        assert_eq!(
            repr.emit(&mut out[..4]),
            Err(BufferTooSmall {
                needed: 5,
                available: 4
            })
        );
        assert_eq!(
            Vp8DescriptorRepr::default().emit(&mut out[..1]),
            Ok(1),
            "minimal descriptor"
        );
        assert_eq!(out[0], 0x00);
        #[cfg(feature = "alloc")]
        {
            let mut v = std::vec![0xff];
            repr.emit_vec(&mut v).unwrap();
            assert_eq!(v, [0xff, 0x90, 0xc0, 0x81, 0x2c, 0x07]);
        }
    }

    #[test]
    fn truncated_fields() {
        assert!(matches!(
            Vp8Descriptor::new_checked(&[]),
            Err(PayloadError::Truncated {
                field: "payload descriptor",
                offset: 0,
                needed: 1,
                available: 0,
                ..
            })
        ));
        assert!(matches!(
            Vp8Descriptor::new_checked(&[0x80]),
            Err(PayloadError::Truncated {
                field: "extension octet",
                offset: 1,
                needed: 1,
                available: 0,
                ..
            })
        ));
        // I=1, M=1 but only one picture ID byte.
        let e = Vp8Descriptor::new_checked(&[0x90, 0x80, 0x92]).unwrap_err();
        assert!(matches!(
            e,
            PayloadError::Truncated {
                codec: Codec::Vp8,
                field: "picture ID",
                offset: 2,
                needed: 2,
                available: 1
            }
        ));
        assert_eq!(
            e.to_string(),
            "VP8 descriptor: picture ID at byte 2 needs 2 bytes, 1 remains"
        );
        assert!(matches!(
            Vp8Descriptor::new_checked(&[0x80, 0x40]),
            Err(PayloadError::Truncated {
                field: "TL0PICIDX",
                offset: 2,
                ..
            })
        ));
        assert!(matches!(
            Vp8Descriptor::new_checked(&[0x80, 0xa0, 0x01]),
            Err(PayloadError::Truncated {
                field: "TID/Y/KEYIDX",
                offset: 3,
                ..
            })
        ));
    }

    #[test]
    fn bad_keyframe_start_code() {
        // P=0 but 9d 01 2b instead of 9d 01 2a.
        let bytes = [0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2b, 0, 0, 0, 0];
        let d = Vp8Descriptor::new_checked(&bytes).unwrap();
        assert!(matches!(
            d.payload_header(),
            Err(PayloadError::Invalid {
                codec: Codec::Vp8,
                field: "keyframe start code",
                offset: 4,
                value: 0x9d_012b,
                ..
            })
        ));
        assert!(!d.starts_keyframe());
        // P=0 with only the 3-byte frame tag.
        assert!(matches!(
            Vp8PayloadHeader::parse(&[0x00, 0x00, 0x00, 0x9d]),
            Err(PayloadError::Truncated {
                field: "keyframe start code and size",
                offset: 3,
                needed: 7,
                available: 1,
                ..
            })
        ));
    }

    #[test]
    fn scaled_keyframe_size() {
        // Width 0x4280: scale 1, width 0x0280 = 640; height 0xc1e0: scale 3, 0x01e0 = 480.
        let bytes = [0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x42, 0xe0, 0xc1];
        let h = Vp8PayloadHeader::parse(&bytes).unwrap();
        assert_eq!(
            h.keyframe,
            Some(Vp8KeyframeSize {
                width: 640,
                horizontal_scale: 1,
                height: 480,
                vertical_scale: 3
            })
        );
        assert!(!h.show_frame);
        let mut out = [0u8; 10];
        h.emit(&mut out).unwrap();
        assert_eq!(out, bytes);
    }
}
