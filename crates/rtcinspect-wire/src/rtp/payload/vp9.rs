//! VP9 payload descriptor with its scalability structure
//! ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
//!
//! ```text
//!         0 1 2 3 4 5 6 7
//!        +-+-+-+-+-+-+-+-+
//!        |I|P|L|F|B|E|V|Z| (REQUIRED)
//!        +-+-+-+-+-+-+-+-+
//!   I:   |M| PICTURE ID  | (RECOMMENDED)
//!        +-+-+-+-+-+-+-+-+
//!   M:   | EXTENDED PID  | (RECOMMENDED)
//!        +-+-+-+-+-+-+-+-+
//!   L:   | TID |U| SID |D| (Conditionally RECOMMENDED)
//!        +-+-+-+-+-+-+-+-+
//!        |   TL0PICIDX   | (non-flexible mode only, F=0)
//!        +-+-+-+-+-+-+-+-+                             -\
//!  P,F:  | P_DIFF      |N| (flexible mode with P=1)    - up to 3 times
//!        +-+-+-+-+-+-+-+-+                             -/
//!   V:   | SS            |
//!        | ..            |
//!        +-+-+-+-+-+-+-+-+
//! ```
//!
//! ```
//! use rtcinspect_wire::rtp::payload::PictureId;
//! use rtcinspect_wire::rtp::payload::vp9::{Vp9Descriptor, Vp9DescriptorRepr, Vp9Layer, Vp9Mode};
//!
//! // I=1 L=1 B=1 (0xa8) | picture ID 0x0102 (M=1) | TID=0 U=0 SID=1 D=1 | TL0PICIDX 9
//! let bytes = [0xa8, 0x81, 0x02, 0x03, 0x09, 0x55];
//! let vp9 = Vp9Descriptor::new_checked(&bytes[..])?;
//! assert_eq!(vp9.picture_id(), Some(PictureId::Long(0x0102)));
//! let layer = vp9.layer().unwrap();
//! assert_eq!((layer.spatial_id, layer.inter_layer_dependency), (1, true));
//! assert_eq!(vp9.tl0_pic_idx(), Some(9));
//! assert!(vp9.start_of_frame() && !vp9.starts_keyframe()); // SID 1 is not the base layer
//! assert_eq!(vp9.payload(), &[0x55]);
//!
//! let repr = Vp9DescriptorRepr::parse(&vp9);
//! assert_eq!(repr.mode, Vp9Mode::NonFlexible { inter_picture_predicted: false, tl0_pic_idx: 9 });
//! let mut out = [0u8; 8];
//! let len = repr.emit(&mut out)?;
//! assert_eq!(&out[..len], &bytes[..5]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::{Codec, PayloadError, PictureId, need, writer};
use crate::bytes::{BufferTooSmall, Writer, u8_at, u16_at};

/// Bit masks of the descriptor octets.
mod field {
    /// Picture ID present.
    pub(super) const I: u8 = 0x80;
    /// Inter-picture predicted frame.
    pub(super) const P: u8 = 0x40;
    /// Layer indices present.
    pub(super) const L: u8 = 0x20;
    /// Flexible mode.
    pub(super) const F: u8 = 0x10;
    /// Start of a frame.
    pub(super) const B: u8 = 0x08;
    /// End of a frame.
    pub(super) const E: u8 = 0x04;
    /// Scalability structure present.
    pub(super) const V: u8 = 0x02;
    /// Not a reference for upper spatial layers.
    pub(super) const Z: u8 = 0x01;
    /// Layer indices: switching up point.
    pub(super) const U: u8 = 0x10;
    /// Layer indices: inter-layer dependency.
    pub(super) const D: u8 = 0x01;
    /// P_DIFF octet: another P_DIFF follows.
    pub(super) const N: u8 = 0x01;
    /// SS octet: resolutions present.
    pub(super) const Y: u8 = 0x10;
    /// SS octet: picture group description present.
    pub(super) const G: u8 = 0x08;
    /// Picture group entry: switching up point.
    pub(super) const PG_U: u8 = 0x10;
    /// The most reference indices a descriptor (or a picture group entry) can carry.
    pub(super) const MAX_P_DIFFS: usize = 3;
}

const CODEC: Codec = Codec::Vp9;

/// A VP9 payload descriptor at the start of an RTP payload, and the VP9 data after it
/// ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
///
/// After [`new_checked`](Self::new_checked) succeeds, every accessor is infallible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vp9Descriptor<'a> {
    buf: &'a [u8],
    /// Offset of the layer indices (meaningful when L=1).
    layer_at: usize,
    /// Offset of the first P_DIFF (meaningful when F=1 and P=1).
    p_diff_at: usize,
    /// Offset of the scalability structure (meaningful when V=1).
    ss_at: usize,
    header_len: usize,
}

impl<'a> Vp9Descriptor<'a> {
    /// Checks that every field the flags announce is present, that flexible mode with
    /// P=1 carries one to three P_DIFFs, and that a scalability structure is complete.
    ///
    /// The VP9 data after the descriptor may be empty. Reserved bits, SID values above
    /// the layer count, and the RFC's MUSTs that do not affect the layout (such as I=1 in
    /// flexible mode) are not checked.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "payload descriptor", buf, 0, 1)?;
        let first = u8_at(buf, 0);
        let mut at = 1;
        if first & field::I != 0 {
            at += PictureId::read(CODEC, buf, at)?.encoded_len();
        }
        let layer_at = at;
        if first & field::L != 0 {
            need(CODEC, "layer indices", buf, at, 1)?;
            at += 1;
            if first & field::F == 0 {
                need(CODEC, "TL0PICIDX", buf, at, 1)?;
                at += 1;
            }
        }
        let p_diff_at = at;
        if first & field::F != 0 && first & field::P != 0 {
            let mut count = 0;
            loop {
                need(CODEC, "P_DIFF", buf, at, 1)?;
                let b = u8_at(buf, at);
                count += 1;
                if b & field::N == 0 {
                    at += 1;
                    break;
                }
                if count == field::MAX_P_DIFFS {
                    return Err(PayloadError::Invalid {
                        codec: CODEC,
                        field: "N bit of the third P_DIFF",
                        offset: at,
                        value: 1,
                        expected: "0 (at most 3 reference indices)",
                    });
                }
                at += 1;
            }
        }
        let ss_at = at;
        if first & field::V != 0 {
            at += ss_len(buf, at)?;
        }
        Ok(Self {
            buf,
            layer_at,
            p_diff_at,
            ss_at,
            header_len: at,
        })
    }

    /// The whole buffer: descriptor and VP9 data.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// The length of the descriptor, scalability structure included.
    pub const fn header_len(&self) -> usize {
        self.header_len
    }

    /// The VP9 data after the descriptor.
    pub fn payload(&self) -> &'a [u8] {
        self.buf.get(self.header_len..).unwrap_or(&[])
    }

    fn first(&self) -> u8 {
        u8_at(self.buf, 0)
    }

    /// P: the frame uses inter-picture prediction. P=0 marks a frame that can be decoded
    /// from this spatial layer's lower layers alone (a keyframe when SID=0).
    pub fn inter_picture_predicted(&self) -> bool {
        self.first() & field::P != 0
    }

    /// L: layer indices are present.
    pub fn has_layer_indices(&self) -> bool {
        self.first() & field::L != 0
    }

    /// F: flexible mode (reference indices in each packet) rather than non-flexible mode
    /// (references from the scalability structure's picture group).
    pub fn flexible(&self) -> bool {
        self.first() & field::F != 0
    }

    /// B: the packet starts a layer frame.
    pub fn start_of_frame(&self) -> bool {
        self.first() & field::B != 0
    }

    /// E: the packet ends a layer frame.
    pub fn end_of_frame(&self) -> bool {
        self.first() & field::E != 0
    }

    /// V: a scalability structure is present.
    pub fn has_scalability_structure(&self) -> bool {
        self.first() & field::V != 0
    }

    /// Z: the frame is not used for inter-layer prediction by upper spatial layers.
    pub fn not_reference_for_upper_layer(&self) -> bool {
        self.first() & field::Z != 0
    }

    /// The picture ID (I=1).
    pub fn picture_id(&self) -> Option<PictureId> {
        if self.first() & field::I == 0 {
            return None;
        }
        PictureId::read(CODEC, self.buf, 1).ok()
    }

    /// TID, U, SID and D (L=1).
    pub fn layer(&self) -> Option<Vp9Layer> {
        self.has_layer_indices()
            .then(|| Vp9Layer::from_octet(u8_at(self.buf, self.layer_at)))
    }

    /// TL0PICIDX (L=1 in non-flexible mode).
    pub fn tl0_pic_idx(&self) -> Option<u8> {
        (self.has_layer_indices() && !self.flexible()).then(|| u8_at(self.buf, self.layer_at + 1))
    }

    /// The reference indices (F=1 and P=1; empty otherwise).
    pub fn p_diffs(&self) -> Vp9PDiffs {
        let mut diffs = Vp9PDiffs::EMPTY;
        if self.flexible() && self.inter_picture_predicted() {
            for i in 0..field::MAX_P_DIFFS {
                let b = u8_at(self.buf, self.p_diff_at + i);
                diffs.push(b >> 1);
                if b & field::N == 0 {
                    break;
                }
            }
        }
        diffs
    }

    /// The scalability structure (V=1).
    pub fn scalability_structure(&self) -> Option<Vp9Ss<'a>> {
        if !self.has_scalability_structure() {
            return None;
        }
        Vp9Ss::read(self.buf, self.ss_at).ok()
    }

    /// Whether the packet starts a keyframe, by the rule: B=1 (start of a layer frame),
    /// P=0 (no inter-picture prediction), and the packet belongs to the base spatial layer
    /// (L=0, or SID=0).
    ///
    /// [RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2) defines P=0
    /// per layer frame; libwebrtc (`VideoRtpDepacketizerVp9`) maps P=0 to a key frame
    /// for every layer. Requiring SID=0 counts one keyframe per superframe: upper spatial
    /// layers of a keyframe also have P=0 (they predict from the layer below, D=1).
    pub fn starts_keyframe(&self) -> bool {
        self.start_of_frame()
            && !self.inter_picture_predicted()
            && self.layer().is_none_or(|l| l.spatial_id == 0)
    }
}

/// The layer indices octet: TID, U, SID, D
/// ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp9Layer {
    /// TID: temporal layer ID (0–7; writers keep the low 3 bits).
    pub temporal_id: u8,
    /// U: switching up point.
    pub switching_up: bool,
    /// SID: spatial layer ID (0–7; writers keep the low 3 bits).
    pub spatial_id: u8,
    /// D: the frame depends on the spatial layer below (inter-layer dependency).
    pub inter_layer_dependency: bool,
}

impl Vp9Layer {
    fn from_octet(b: u8) -> Self {
        Self {
            temporal_id: b >> 5,
            switching_up: b & field::U != 0,
            spatial_id: (b >> 1) & 0x07,
            inter_layer_dependency: b & field::D != 0,
        }
    }

    fn octet(self) -> u8 {
        let mut b = (self.temporal_id & 0x07) << 5 | (self.spatial_id & 0x07) << 1;
        if self.switching_up {
            b |= field::U;
        }
        if self.inter_layer_dependency {
            b |= field::D;
        }
        b
    }
}

/// Up to three reference indices (P_DIFF), in a descriptor or a picture group entry
/// ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp9PDiffs {
    len: u8,
    diffs: [u8; 3],
}

impl Vp9PDiffs {
    /// No reference indices.
    pub const EMPTY: Self = Self {
        len: 0,
        diffs: [0; 3],
    };

    /// The given indices, or `None` if there are more than three.
    ///
    /// In a descriptor a P_DIFF has 7 bits (writers keep the low 7); in a picture group
    /// entry it has 8.
    pub fn new(diffs: &[u8]) -> Option<Self> {
        let mut out = Self::EMPTY;
        if diffs.len() > field::MAX_P_DIFFS {
            return None;
        }
        for &d in diffs {
            out.push(d);
        }
        Some(out)
    }

    fn push(&mut self, d: u8) {
        if let Some(slot) = self.diffs.get_mut(usize::from(self.len)) {
            *slot = d;
            self.len += 1;
        }
    }

    /// The indices as a slice.
    pub fn as_slice(&self) -> &[u8] {
        self.diffs.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// How many indices there are (0–3).
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Debug for Vp9PDiffs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

/// Length of the scalability structure at `at`, checking every field it announces.
fn ss_len(buf: &[u8], at: usize) -> Result<usize, PayloadError> {
    need(CODEC, "scalability structure", buf, at, 1)?;
    let b = u8_at(buf, at);
    let mut p = at + 1;
    if b & field::Y != 0 {
        let layers = usize::from(b >> 5) + 1;
        need(CODEC, "spatial layer resolutions", buf, p, 4 * layers)?;
        p += 4 * layers;
    }
    if b & field::G != 0 {
        need(CODEC, "N_G", buf, p, 1)?;
        let n_g = u8_at(buf, p);
        p += 1;
        for _ in 0..n_g {
            need(CODEC, "picture group entry", buf, p, 1)?;
            let r = usize::from((u8_at(buf, p) >> 2) & 0x03);
            p += 1;
            need(CODEC, "picture group P_DIFF", buf, p, r)?;
            p += r;
        }
    }
    Ok(p - at)
}

/// A VP9 scalability structure (SS), sent with V=1, typically on keyframes
/// ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
///
/// ```text
///        +-+-+-+-+-+-+-+-+
///   V:   | N_S |Y|G|-|-|-|
///        +-+-+-+-+-+-+-+-+              -\
///   Y:   |     WIDTH     | (OPTIONAL)    .
///        +               +               .
///        |               | (OPTIONAL)    .
///        +-+-+-+-+-+-+-+-+               . - N_S + 1 times
///        |     HEIGHT    | (OPTIONAL)    .
///        +               +               .
///        |               | (OPTIONAL)    .
///        +-+-+-+-+-+-+-+-+              -/
///   G:   |      N_G      | (OPTIONAL)
///        +-+-+-+-+-+-+-+-+                            -\
///  N_G:  | TID |U| R |-|-| (OPTIONAL)                 .
///        +-+-+-+-+-+-+-+-+              -\            . - N_G times
///        |    P_DIFF     | (OPTIONAL)    . - R times  .
///        +-+-+-+-+-+-+-+-+              -/            -/
/// ```
///
/// A view over exactly the structure's bytes; lists are borrowing iterators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vp9Ss<'a> {
    bytes: &'a [u8],
}

impl<'a> Vp9Ss<'a> {
    /// Checks the scalability structure at the start of `bytes`; the view covers exactly
    /// its length, and anything after it is ignored.
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, PayloadError> {
        Self::read(bytes, 0)
    }

    fn read(buf: &'a [u8], at: usize) -> Result<Self, PayloadError> {
        let len = ss_len(buf, at)?;
        Ok(Self {
            bytes: buf.get(at..at + len).unwrap_or(&[]),
        })
    }

    /// The structure's bytes.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a structure has at least its first octet.
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn first(&self) -> u8 {
        u8_at(self.bytes, 0)
    }

    /// N_S + 1: the number of spatial layers in the stream (1–8).
    pub fn spatial_layers(&self) -> u8 {
        (self.first() >> 5) + 1
    }

    /// Y: each spatial layer's resolution is present.
    pub fn has_resolutions(&self) -> bool {
        self.first() & field::Y != 0
    }

    /// G: a picture group description is present.
    pub fn has_picture_group(&self) -> bool {
        self.first() & field::G != 0
    }

    fn resolutions_len(&self) -> usize {
        if self.has_resolutions() {
            4 * usize::from(self.spatial_layers())
        } else {
            0
        }
    }

    /// The resolution of each spatial layer, lowest first (empty when Y=0).
    pub fn resolutions(&self) -> Vp9Resolutions<'a> {
        let len = self.resolutions_len();
        Vp9Resolutions {
            bytes: self.bytes.get(1..1 + len).unwrap_or(&[]),
        }
    }

    /// N_G: the number of pictures in the picture group (0 when G=0).
    pub fn picture_group_len(&self) -> u8 {
        if self.has_picture_group() {
            u8_at(self.bytes, 1 + self.resolutions_len())
        } else {
            0
        }
    }

    /// The pictures of the picture group (empty when G=0).
    pub fn picture_group(&self) -> Vp9PictureGroup<'a> {
        let at = 2 + self.resolutions_len();
        Vp9PictureGroup {
            bytes: if self.has_picture_group() {
                self.bytes.get(at..).unwrap_or(&[])
            } else {
                &[]
            },
            left: self.picture_group_len(),
        }
    }
}

/// The resolution of one spatial layer in a scalability structure
/// ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp9Resolution {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
}

/// Iterator over the spatial layer resolutions of a [`Vp9Ss`]
/// ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
#[derive(Debug, Clone)]
pub struct Vp9Resolutions<'a> {
    bytes: &'a [u8],
}

impl Iterator for Vp9Resolutions<'_> {
    type Item = Vp9Resolution;

    fn next(&mut self) -> Option<Vp9Resolution> {
        let (entry, rest) = self.bytes.split_first_chunk::<4>()?;
        self.bytes = rest;
        Some(Vp9Resolution {
            width: u16_at(entry, 0),
            height: u16_at(entry, 2),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bytes.len() / 4;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Vp9Resolutions<'_> {}

/// One picture of a picture group: its temporal layer, switching up point and
/// references ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp9PictureGroupEntry {
    /// TID: temporal layer ID (0–7; writers keep the low 3 bits).
    pub temporal_id: u8,
    /// U: switching up point.
    pub switching_up: bool,
    /// The reference indices, R of them (8 bits each).
    pub p_diffs: Vp9PDiffs,
}

/// Iterator over the entries of a [`Vp9Ss`] picture group
/// ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
#[derive(Debug, Clone)]
pub struct Vp9PictureGroup<'a> {
    bytes: &'a [u8],
    left: u8,
}

impl Iterator for Vp9PictureGroup<'_> {
    type Item = Vp9PictureGroupEntry;

    fn next(&mut self) -> Option<Vp9PictureGroupEntry> {
        if self.left == 0 {
            return None;
        }
        let (&b, rest) = self.bytes.split_first()?;
        let r = usize::from((b >> 2) & 0x03);
        let diffs = rest.get(..r)?;
        self.bytes = rest.get(r..)?;
        self.left -= 1;
        Some(Vp9PictureGroupEntry {
            temporal_id: b >> 5,
            switching_up: b & field::PG_U != 0,
            p_diffs: Vp9PDiffs::new(diffs).unwrap_or_default(),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(usize::from(self.left)))
    }
}

/// The fields of a scalability structure, to write one
/// ([RFC 9628 §4.2.1](https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1)).
///
/// Emit it into a buffer and check it with [`Vp9Ss::new_checked`] to put it in a
/// [`Vp9DescriptorRepr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vp9SsRepr<'b> {
    /// N_S + 1, the number of spatial layers (1–8; other values are clamped).
    pub spatial_layers: u8,
    /// Y and one resolution per spatial layer. Exactly `spatial_layers` are written:
    /// extra entries are ignored, missing ones are written as 0×0.
    pub resolutions: Option<&'b [Vp9Resolution]>,
    /// G and the picture group (at most 255 entries are written).
    pub picture_group: Option<&'b [Vp9PictureGroupEntry]>,
}

impl Vp9SsRepr<'_> {
    fn layers(&self) -> u8 {
        self.spatial_layers.clamp(1, 8)
    }

    fn group(&self) -> Option<&[Vp9PictureGroupEntry]> {
        self.picture_group.map(|g| g.get(..255).unwrap_or(g))
    }

    /// The length of the structure.
    pub fn buffer_len(&self) -> usize {
        let mut len = 1;
        if self.resolutions.is_some() {
            len += 4 * usize::from(self.layers());
        }
        if let Some(g) = self.group() {
            len += 1 + g.iter().map(|e| 1 + e.p_diffs.len()).sum::<usize>();
        }
        len
    }

    /// Writes the structure at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        self.write(&mut w)?;
        Ok(w.position())
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        let layers = self.layers();
        let mut b = (layers - 1) << 5;
        if self.resolutions.is_some() {
            b |= field::Y;
        }
        if self.picture_group.is_some() {
            b |= field::G;
        }
        w.u8(b)?;
        if let Some(res) = self.resolutions {
            for i in 0..usize::from(layers) {
                let r = res.get(i).copied().unwrap_or_default();
                w.u16(r.width)?;
                w.u16(r.height)?;
            }
        }
        if let Some(g) = self.group() {
            w.u8(g.len() as u8)?;
            for e in g {
                let mut b = (e.temporal_id & 0x07) << 5 | (e.p_diffs.len() as u8) << 2;
                if e.switching_up {
                    b |= field::PG_U;
                }
                w.u8(b)?;
                w.put(e.p_diffs.as_slice())?;
            }
        }
        Ok(())
    }
}

/// Flexible or non-flexible mode, with the fields that only one of them has
/// ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2), F bit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vp9Mode {
    /// F=0: references come from the picture group of the scalability structure.
    NonFlexible {
        /// P: inter-picture predicted.
        inter_picture_predicted: bool,
        /// TL0PICIDX, written only with layer indices (and read as 0 without them).
        tl0_pic_idx: u8,
    },
    /// F=1: each packet lists its references. P is 1 exactly when there are P_DIFFs.
    Flexible {
        /// The reference indices (7 bits each, at most 3).
        p_diffs: Vp9PDiffs,
    },
}

impl Default for Vp9Mode {
    fn default() -> Self {
        Self::NonFlexible {
            inter_picture_predicted: false,
            tl0_pic_idx: 0,
        }
    }
}

/// The fields of a VP9 payload descriptor, to write one
/// ([RFC 9628 §4.2](https://www.rfc-editor.org/rfc/rfc9628#section-4.2)).
///
/// The I, L, F, P and V bits follow from the fields; the scalability structure is copied
/// from a checked [`Vp9Ss`] (build one with [`Vp9SsRepr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Vp9DescriptorRepr<'a> {
    /// I and the picture ID.
    pub picture_id: Option<PictureId>,
    /// L and the layer indices.
    pub layer: Option<Vp9Layer>,
    /// F, with P and TL0PICIDX or the P_DIFFs.
    pub mode: Vp9Mode,
    /// B: start of a layer frame.
    pub start_of_frame: bool,
    /// E: end of a layer frame.
    pub end_of_frame: bool,
    /// Z: not a reference for upper spatial layers.
    pub not_reference_for_upper_layer: bool,
    /// V and the scalability structure.
    pub scalability_structure: Option<Vp9Ss<'a>>,
}

impl<'a> Vp9DescriptorRepr<'a> {
    /// Reads the fields of a checked descriptor.
    pub fn parse(d: &Vp9Descriptor<'a>) -> Self {
        let mode = if d.flexible() {
            Vp9Mode::Flexible {
                p_diffs: d.p_diffs(),
            }
        } else {
            Vp9Mode::NonFlexible {
                inter_picture_predicted: d.inter_picture_predicted(),
                tl0_pic_idx: d.tl0_pic_idx().unwrap_or(0),
            }
        };
        Self {
            picture_id: d.picture_id(),
            layer: d.layer(),
            mode,
            start_of_frame: d.start_of_frame(),
            end_of_frame: d.end_of_frame(),
            not_reference_for_upper_layer: d.not_reference_for_upper_layer(),
            scalability_structure: d.scalability_structure(),
        }
    }

    /// The length of the descriptor.
    pub fn buffer_len(&self) -> usize {
        let mut len = 1 + self.picture_id.map_or(0, PictureId::encoded_len);
        if self.layer.is_some() {
            len += 1 + usize::from(matches!(self.mode, Vp9Mode::NonFlexible { .. }));
        }
        if let Vp9Mode::Flexible { p_diffs } = self.mode {
            len += p_diffs.len();
        }
        len + self.scalability_structure.map_or(0, |ss| ss.len())
    }

    /// Writes the descriptor at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        let mut first = 0;
        let flags = [
            (self.picture_id.is_some(), field::I),
            (self.layer.is_some(), field::L),
            (self.start_of_frame, field::B),
            (self.end_of_frame, field::E),
            (self.scalability_structure.is_some(), field::V),
            (self.not_reference_for_upper_layer, field::Z),
        ];
        for (set, bit) in flags {
            if set {
                first |= bit;
            }
        }
        match self.mode {
            Vp9Mode::NonFlexible {
                inter_picture_predicted: true,
                ..
            } => first |= field::P,
            Vp9Mode::NonFlexible { .. } => {}
            Vp9Mode::Flexible { p_diffs } => {
                first |= field::F;
                if !p_diffs.is_empty() {
                    first |= field::P;
                }
            }
        }
        w.u8(first)?;
        if let Some(pid) = self.picture_id {
            pid.write(&mut w)?;
        }
        if let Some(layer) = self.layer {
            w.u8(layer.octet())?;
            if let Vp9Mode::NonFlexible { tl0_pic_idx, .. } = self.mode {
                w.u8(tl0_pic_idx)?;
            }
        }
        if let Vp9Mode::Flexible { p_diffs } = self.mode {
            let diffs = p_diffs.as_slice();
            for (i, d) in diffs.iter().enumerate() {
                let n = u8::from(i + 1 < diffs.len());
                w.u8((d & 0x7f) << 1 | n)?;
            }
        }
        if let Some(ss) = self.scalability_structure {
            w.put(ss.as_bytes())?;
        }
        Ok(w.position())
    }

    /// Appends the descriptor to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::vec::Vec;

    // Flexible mode, as libwebrtc and webrtc-rs send it: I=1 F=1 B=1 E=1 (0x9c);
    // picture ID 0x1234 with M=1 (0x92 0x34); no layer indices; P=0.
    const FLEXIBLE_KEY: [u8; 4] = [0x9c, 0x92, 0x34, 0xaa];

    // Flexible mode with references: I=1 P=1 L=1 F=1 B=1 (0xf8); picture ID 5 (0x05);
    // TID=2 U=1 SID=0 D=0: 0b010_1_000_0 = 0x50; P_DIFF 1 with N=1: 0b0000001_1 = 0x03;
    // P_DIFF 2 with N=0: 0b0000010_0 = 0x04.
    const FLEXIBLE_REFS: [u8; 6] = [0xf8, 0x05, 0x50, 0x03, 0x04, 0xbb];

    // Non-flexible keyframe with a scalability structure, RFC 9628 §4.2.1 layout:
    // I=1 L=1 B=1 V=1 (0xaa); picture ID 127 (0x7f); TID=0 U=0 SID=0 D=0 (0x00);
    // TL0PICIDX 200 (0xc8). SS: N_S=1 (two layers) Y=1 G=1: 0b001_1_1_000 = 0x38;
    // 320x180 (01 40 00 b4), 640x360 (02 80 01 68); N_G=2; entry 1: TID=0 U=0 R=1
    // (0b000_0_01_00 = 0x04) P_DIFF 4; entry 2: TID=1 U=1 R=2 (0b001_1_10_00 = 0x38)
    // P_DIFFs 1, 2.
    const SS_KEYFRAME: [u8; 20] = [
        0xaa, 0x7f, 0x00, 0xc8, // descriptor
        0x38, 0x01, 0x40, 0x00, 0xb4, 0x02, 0x80, 0x01, 0x68, // N_S/Y/G, resolutions
        0x02, 0x04, 0x04, 0x38, 0x01, 0x02, // N_G and the picture group
        0xcc, // VP9 data
    ];

    #[test]
    fn flexible_keyframe() {
        let d = Vp9Descriptor::new_checked(&FLEXIBLE_KEY).unwrap();
        assert!(d.flexible());
        assert!(d.start_of_frame() && d.end_of_frame());
        assert!(!d.inter_picture_predicted());
        assert_eq!(d.picture_id(), Some(PictureId::Long(0x1234)));
        assert_eq!(d.layer(), None);
        assert_eq!(d.tl0_pic_idx(), None);
        assert!(d.p_diffs().is_empty());
        assert_eq!(d.header_len(), 3);
        assert_eq!(d.payload(), &[0xaa]);
        assert!(d.starts_keyframe());
    }

    #[test]
    fn flexible_with_references() {
        let d = Vp9Descriptor::new_checked(&FLEXIBLE_REFS).unwrap();
        assert_eq!(d.picture_id(), Some(PictureId::Short(5)));
        assert_eq!(
            d.layer(),
            Some(Vp9Layer {
                temporal_id: 2,
                switching_up: true,
                spatial_id: 0,
                inter_layer_dependency: false
            })
        );
        assert_eq!(d.tl0_pic_idx(), None, "no TL0PICIDX in flexible mode");
        assert_eq!(d.p_diffs().as_slice(), &[1, 2]);
        assert_eq!(d.header_len(), 5);
        assert!(!d.starts_keyframe());
    }

    #[test]
    fn scalability_structure() {
        let d = Vp9Descriptor::new_checked(&SS_KEYFRAME).unwrap();
        assert_eq!(d.picture_id(), Some(PictureId::Short(127)));
        assert_eq!(d.tl0_pic_idx(), Some(200));
        assert_eq!(d.header_len(), 19);
        assert_eq!(d.payload(), &[0xcc]);
        assert!(d.starts_keyframe());
        let ss = d.scalability_structure().unwrap();
        assert_eq!(ss.len(), 15);
        assert_eq!(ss.spatial_layers(), 2);
        assert!(ss.has_resolutions() && ss.has_picture_group());
        let res: Vec<_> = ss.resolutions().collect();
        assert_eq!(
            res,
            [
                Vp9Resolution {
                    width: 320,
                    height: 180
                },
                Vp9Resolution {
                    width: 640,
                    height: 360
                }
            ]
        );
        assert_eq!(ss.picture_group_len(), 2);
        let pg: Vec<_> = ss.picture_group().collect();
        assert_eq!(
            pg,
            [
                Vp9PictureGroupEntry {
                    temporal_id: 0,
                    switching_up: false,
                    p_diffs: Vp9PDiffs::new(&[4]).unwrap()
                },
                Vp9PictureGroupEntry {
                    temporal_id: 1,
                    switching_up: true,
                    p_diffs: Vp9PDiffs::new(&[1, 2]).unwrap()
                }
            ]
        );
        // Rebuild the structure from its fields: identical bytes.
        let repr = Vp9SsRepr {
            spatial_layers: 2,
            resolutions: Some(&res),
            picture_group: Some(&pg),
        };
        let mut out = [0u8; 15];
        assert_eq!(repr.buffer_len(), 15);
        assert_eq!(repr.emit(&mut out), Ok(15));
        assert_eq!(out, SS_KEYFRAME[4..19]);
    }

    #[test]
    fn keyframe_rule() {
        // B=1 P=0 L=1 with SID=1: an upper spatial layer, not counted.
        let upper = [0x28, 0x02, 0x00, 0x01];
        let d = Vp9Descriptor::new_checked(&upper).unwrap();
        assert_eq!(d.layer().map(|l| l.spatial_id), Some(1));
        assert!(!d.starts_keyframe());
        // B=0: a continuation packet of a keyframe is not its start.
        let d = Vp9Descriptor::new_checked(&[0x04, 0x00]).unwrap();
        assert!(!d.starts_keyframe());
        // B=1 P=0, no layer indices: a keyframe of a single-layer stream.
        let d = Vp9Descriptor::new_checked(&[0x08, 0x00]).unwrap();
        assert!(d.starts_keyframe());
    }

    #[test]
    fn round_trip_literals() {
        for bytes in [&FLEXIBLE_KEY[..], &FLEXIBLE_REFS, &SS_KEYFRAME] {
            let d = Vp9Descriptor::new_checked(bytes).unwrap();
            let repr = Vp9DescriptorRepr::parse(&d);
            assert_eq!(repr.buffer_len(), d.header_len());
            let mut out = [0u8; 32];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], &bytes[..d.header_len()]);
        }
    }

    #[test]
    fn build_from_fields() {
        // Flexible, picture ID 300 (M=1, 0x812c), TID=1 SID=2 D=1, P_DIFFs 1 and 3.
        let repr = Vp9DescriptorRepr {
            picture_id: Some(PictureId::from_value(300)),
            layer: Some(Vp9Layer {
                temporal_id: 1,
                switching_up: false,
                spatial_id: 2,
                inter_layer_dependency: true,
            }),
            mode: Vp9Mode::Flexible {
                p_diffs: Vp9PDiffs::new(&[1, 3]).unwrap(),
            },
            start_of_frame: true,
            ..Default::default()
        };
        let mut out = [0u8; 8];
        let n = repr.emit(&mut out).unwrap();
        // 0xf8: I P L F B; 0x81 0x2c; 0b001_0_010_1 = 0x25; 1 << 1 | N = 0x03;
        // 3 << 1 = 0x06.
        assert_eq!(&out[..n], &[0xf8, 0x81, 0x2c, 0x25, 0x03, 0x06]);
        let d = Vp9Descriptor::new_checked(&out[..n]).unwrap();
        assert_eq!(Vp9DescriptorRepr::parse(&d), repr);
        assert_eq!(
            repr.emit(&mut out[..5]),
            Err(BufferTooSmall {
                needed: 6,
                available: 5
            })
        );
    }

    #[test]
    fn errors() {
        assert!(matches!(
            Vp9Descriptor::new_checked(&[]),
            Err(PayloadError::Truncated {
                codec: Codec::Vp9,
                field: "payload descriptor",
                offset: 0,
                needed: 1,
                available: 0
            })
        ));
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x80, 0x80]),
            Err(PayloadError::Truncated {
                field: "picture ID",
                offset: 1,
                needed: 2,
                available: 1,
                ..
            })
        ));
        // Non-flexible L=1: layer indices present, TL0PICIDX missing.
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x20, 0x00]),
            Err(PayloadError::Truncated {
                field: "TL0PICIDX",
                offset: 2,
                ..
            })
        ));
        // F=1 P=1 needs at least one P_DIFF.
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x50]),
            Err(PayloadError::Truncated {
                field: "P_DIFF",
                offset: 1,
                needed: 1,
                available: 0,
                ..
            })
        ));
        // Three P_DIFFs, the third still with N=1.
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x50, 0x03, 0x05, 0x07, 0x09]),
            Err(PayloadError::Invalid {
                codec: Codec::Vp9,
                field: "N bit of the third P_DIFF",
                offset: 3,
                value: 1,
                ..
            })
        ));
        // V=1, SS says Y=1 with two layers (8 bytes) but only 4 follow.
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x02, 0x30, 1, 2, 3, 4]),
            Err(PayloadError::Truncated {
                field: "spatial layer resolutions",
                offset: 2,
                needed: 8,
                available: 4,
                ..
            })
        ));
        // SS G=1, N_G=1, entry with R=2 but one P_DIFF.
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x02, 0x08, 0x01, 0x08, 0x01]),
            Err(PayloadError::Truncated {
                field: "picture group P_DIFF",
                offset: 4,
                needed: 2,
                available: 1,
                ..
            })
        ));
        assert!(matches!(
            Vp9Descriptor::new_checked(&[0x02, 0x08]),
            Err(PayloadError::Truncated {
                field: "N_G",
                offset: 2,
                ..
            })
        ));
    }

    #[test]
    fn p_diffs_type() {
        assert_eq!(Vp9PDiffs::new(&[1, 2, 3, 4]), None);
        assert_eq!(Vp9PDiffs::new(&[]), Some(Vp9PDiffs::EMPTY));
        assert_eq!(
            std::format!("{:?}", Vp9PDiffs::new(&[7, 9]).unwrap()),
            "[7, 9]"
        );
    }
}
