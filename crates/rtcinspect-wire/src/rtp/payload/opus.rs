//! Opus packets ([RFC 6716 §3](https://www.rfc-editor.org/rfc/rfc6716#section-3)), the
//! RTP payload of Opus ([RFC 7587 §4.2](https://www.rfc-editor.org/rfc/rfc7587#section-4.2)):
//! the TOC byte, the frame count byte, frame lengths and padding.
//!
//! ```text
//!    0 1 2 3 4 5 6 7
//!   +-+-+-+-+-+-+-+-+
//!   | config  |s| c |   TOC byte; c = 3 adds a frame count byte:
//!   +-+-+-+-+-+-+-+-+
//!                        0 1 2 3 4 5 6 7
//!                       +-+-+-+-+-+-+-+-+
//!                       |v|p|     M     |   VBR, padding, number of frames
//!                       +-+-+-+-+-+-+-+-+
//! ```
//!
//! ```
//! use rtcinspect_wire::rtp::payload::opus::{
//!     OpusBandwidth, OpusFraming, OpusHeaderRepr, OpusMode, OpusPacket,
//! };
//!
//! // TOC 0xfc: config 31 (CELT fullband 20 ms), mono, code 0; then a 3-byte frame.
//! let bytes = [0xfc, 0x01, 0x02, 0x03];
//! let opus = OpusPacket::new_checked(&bytes)?;
//! let toc = opus.toc();
//! assert_eq!((toc.mode(), toc.bandwidth()), (OpusMode::Celt, OpusBandwidth::Fullband));
//! assert_eq!(toc.frame_duration_us(), 20_000);
//! assert_eq!(opus.frame_count(), 1);
//! assert_eq!(opus.duration_samples_48k(), 960);
//!
//! // Three 20 ms SILK wideband frames, constant bitrate, with the code 3 header written
//! // from field values.
//! let header = OpusHeaderRepr {
//!     config: 9,
//!     stereo: false,
//!     framing: OpusFraming::Arbitrary { vbr: false, padding: false, count: 3 },
//! };
//! let mut out = [0u8; 2];
//! assert_eq!(header.emit(&mut out)?, 2);
//! assert_eq!(out, [0x4b, 0x03]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use super::{Codec, PayloadError, need, writer};
use crate::bytes::{BufferTooSmall, u8_at};

/// Bit masks and limits.
mod field {
    /// TOC: stereo flag.
    pub(super) const S: u8 = 0x04;
    /// TOC: frame count code.
    pub(super) const C: u8 = 0x03;
    /// Frame count byte: VBR flag.
    pub(super) const V: u8 = 0x80;
    /// Frame count byte: padding flag.
    pub(super) const P: u8 = 0x40;
    /// Frame count byte: number of frames.
    pub(super) const M: u8 = 0x3f;
    /// The longest frame (R2).
    pub(super) const MAX_FRAME_LEN: usize = 1275;
    /// The longest packet duration, in 48 kHz samples (120 ms, R5).
    pub(super) const MAX_DURATION_48K: u32 = 5760;
}

const CODEC: Codec = Codec::Opus;

/// The coding mode of a configuration
/// ([RFC 6716 §3.1](https://www.rfc-editor.org/rfc/rfc6716#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OpusMode {
    /// SILK-only (configs 0–11), for speech.
    Silk,
    /// Hybrid SILK and CELT (configs 12–15).
    Hybrid,
    /// CELT-only (configs 16–31), low delay.
    Celt,
}

/// The audio bandwidth of a configuration
/// ([RFC 6716 §2](https://www.rfc-editor.org/rfc/rfc6716#section-2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OpusBandwidth {
    /// NB: 4 kHz audio bandwidth, 8 kHz effective sample rate.
    Narrowband,
    /// MB: 6 kHz, 12 kHz.
    Mediumband,
    /// WB: 8 kHz, 16 kHz.
    Wideband,
    /// SWB: 12 kHz, 24 kHz.
    SuperWideband,
    /// FB: 20 kHz, 48 kHz.
    Fullband,
}

impl OpusBandwidth {
    /// The effective sample rate in Hz.
    pub const fn sample_rate(self) -> u32 {
        match self {
            Self::Narrowband => 8_000,
            Self::Mediumband => 12_000,
            Self::Wideband => 16_000,
            Self::SuperWideband => 24_000,
            Self::Fullband => 48_000,
        }
    }
}

/// The TOC byte ([RFC 6716 §3.1](https://www.rfc-editor.org/rfc/rfc6716#section-3.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpusToc(u8);

impl OpusToc {
    /// Wraps a TOC byte.
    pub const fn from_byte(b: u8) -> Self {
        Self(b)
    }

    /// The byte.
    pub const fn byte(self) -> u8 {
        self.0
    }

    /// The configuration number (0–31): mode, bandwidth and frame size.
    pub const fn config(self) -> u8 {
        self.0 >> 3
    }

    /// s: stereo.
    pub const fn stereo(self) -> bool {
        self.0 & field::S != 0
    }

    /// c: the frame count code (0–3).
    pub const fn code(self) -> u8 {
        self.0 & field::C
    }

    /// The coding mode.
    pub const fn mode(self) -> OpusMode {
        match self.config() {
            0..=11 => OpusMode::Silk,
            12..=15 => OpusMode::Hybrid,
            _ => OpusMode::Celt,
        }
    }

    /// The audio bandwidth.
    pub const fn bandwidth(self) -> OpusBandwidth {
        match self.config() {
            0..=3 | 16..=19 => OpusBandwidth::Narrowband,
            4..=7 => OpusBandwidth::Mediumband,
            8..=11 | 20..=23 => OpusBandwidth::Wideband,
            12..=13 | 24..=27 => OpusBandwidth::SuperWideband,
            _ => OpusBandwidth::Fullband,
        }
    }

    /// The duration of each frame in 48 kHz samples: 120 (2.5 ms), 240, 480, 960,
    /// 1920 or 2880 (60 ms).
    pub const fn frame_samples_48k(self) -> u32 {
        let config = self.config();
        match config {
            // SILK: 10, 20, 40, 60 ms.
            0..=11 => [480, 960, 1920, 2880][(config % 4) as usize],
            // Hybrid: 10, 20 ms.
            12..=15 => [480, 960][(config % 2) as usize],
            // CELT: 2.5, 5, 10, 20 ms.
            _ => [120, 240, 480, 960][(config % 4) as usize],
        }
    }

    /// The duration of each frame in microseconds (2500 to 60000).
    pub const fn frame_duration_us(self) -> u32 {
        // 48 samples per millisecond: samples × 1000 / 48.
        self.frame_samples_48k() * 125 / 6
    }
}

impl fmt::Display for OpusToc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match self.mode() {
            OpusMode::Silk => "SILK",
            OpusMode::Hybrid => "Hybrid",
            OpusMode::Celt => "CELT",
        };
        let bw = match self.bandwidth() {
            OpusBandwidth::Narrowband => "NB",
            OpusBandwidth::Mediumband => "MB",
            OpusBandwidth::Wideband => "WB",
            OpusBandwidth::SuperWideband => "SWB",
            OpusBandwidth::Fullband => "FB",
        };
        let us = self.frame_duration_us();
        write!(
            f,
            "config {} ({mode} {bw} {}.{} ms){}, code {}",
            self.config(),
            us / 1000,
            us % 1000 / 100,
            if self.stereo() { " stereo" } else { "" },
            self.code()
        )
    }
}

/// How frames are packed in a packet: the frame count code c and, for c=3, the frame
/// count byte ([RFC 6716 §3.2](https://www.rfc-editor.org/rfc/rfc6716#section-3.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OpusFraming {
    /// c=0: one frame.
    One,
    /// c=1: two frames of equal size.
    TwoEqual,
    /// c=2: two frames, the first with a length.
    TwoDifferent,
    /// c=3: an arbitrary number of frames, with a frame count byte.
    Arbitrary {
        /// v: variable bitrate (every frame but the last has a length).
        vbr: bool,
        /// p: padding follows the frames.
        padding: bool,
        /// M: the number of frames (1–48; writers keep the low 6 bits).
        count: u8,
    },
}

/// An Opus packet, with its frame lengths and padding checked
/// ([RFC 6716 §3.2–3.4](https://www.rfc-editor.org/rfc/rfc6716#section-3.2)).
///
/// After [`new_checked`](Self::new_checked) succeeds, every accessor is infallible and
/// [`frames`](Self::frames) yields exactly [`frame_count`](Self::frame_count) frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpusPacket<'a> {
    buf: &'a [u8],
    /// Where the frame lengths (code 2, code 3 VBR) or the frame data start.
    lengths_at: usize,
    /// Where the padding starts (the end of the frame data).
    padding_at: usize,
}

/// Reads a frame length (RFC 6716 §3.2.1): one byte 0–251, or two bytes
/// `first + 4 × second` when the first is 252–255. Returns the length and its size.
fn read_frame_len(
    buf: &[u8],
    at: usize,
    field: &'static str,
) -> Result<(usize, usize), PayloadError> {
    need(CODEC, field, buf, at, 1)?;
    let first = usize::from(u8_at(buf, at));
    if first < 252 {
        Ok((first, 1))
    } else {
        need(CODEC, field, buf, at, 2)?;
        Ok((first + 4 * usize::from(u8_at(buf, at + 1)), 2))
    }
}

impl<'a> OpusPacket<'a> {
    /// Checks the packet against the rules R1–R7 of
    /// [RFC 6716 §3.4](https://www.rfc-editor.org/rfc/rfc6716#section-3.4): a TOC byte
    /// (R1); no frame longer than 1275 bytes (R2); for code 1, frame data that splits
    /// into two equal halves (R3); code 2 and code 3 lengths and padding within the
    /// packet (R4, R6, R7); 1 to 120 ms of audio for code 3 (R5); and code 3 constant
    /// bitrate data that divides into M equal frames (R6).
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, PayloadError> {
        need(CODEC, "TOC byte", buf, 0, 1)?;
        let toc = OpusToc(u8_at(buf, 0));
        let n = buf.len();
        let packet = |lengths_at, padding_at| Self {
            buf,
            lengths_at,
            padding_at,
        };
        match toc.code() {
            0 => {
                if n - 1 > field::MAX_FRAME_LEN {
                    return Err(too_long_at(1, n - 1));
                }
                Ok(packet(1, n))
            }
            1 => {
                if (n - 1) % 2 != 0 {
                    return Err(PayloadError::Invalid {
                        codec: CODEC,
                        field: "frame data length (code 1)",
                        offset: 1,
                        value: (n - 1) as u32,
                        expected: "an even number of bytes",
                    });
                }
                if (n - 1) / 2 > field::MAX_FRAME_LEN {
                    return Err(too_long_at(1, (n - 1) / 2));
                }
                Ok(packet(1, n))
            }
            2 => {
                let (first, size) = read_frame_len(buf, 1, "first frame length")?;
                let data_at = 1 + size;
                need(CODEC, "first frame", buf, data_at, first)?;
                let second = n - data_at - first;
                if second > field::MAX_FRAME_LEN {
                    return Err(too_long_at(data_at + first, second));
                }
                Ok(packet(1, n))
            }
            _ => Self::check_code3(buf, toc),
        }
    }

    fn check_code3(buf: &'a [u8], toc: OpusToc) -> Result<Self, PayloadError> {
        let n = buf.len();
        need(CODEC, "frame count byte", buf, 1, 1)?;
        let fc = u8_at(buf, 1);
        let count = fc & field::M;
        if count == 0 {
            return Err(PayloadError::Invalid {
                codec: CODEC,
                field: "frame count M",
                offset: 1,
                value: 0,
                expected: "1 to 48",
            });
        }
        if u32::from(count) * toc.frame_samples_48k() > field::MAX_DURATION_48K {
            return Err(PayloadError::Invalid {
                codec: CODEC,
                field: "frame count M",
                offset: 1,
                value: u32::from(count),
                expected: "at most 120 ms of audio (M x frame duration)",
            });
        }
        let mut at = 2;
        let mut padding = 0usize;
        if fc & field::P != 0 {
            loop {
                need(CODEC, "padding length", buf, at, 1)?;
                let b = u8_at(buf, at);
                at += 1;
                if b == 255 {
                    padding += 254;
                } else {
                    padding += usize::from(b);
                    break;
                }
            }
        }
        let lengths_at = at;
        need(CODEC, "padding", buf, at, padding)?;
        let padding_at = n - padding;
        let body = buf.get(..padding_at).unwrap_or(&[]);
        let count = usize::from(count);
        if fc & field::V != 0 {
            let mut total = 0;
            for _ in 1..count {
                let (len, size) = read_frame_len(body, at, "frame length")?;
                at += size;
                total += len;
            }
            need(CODEC, "frame data", body, at, total)?;
            let last = padding_at - at - total;
            if last > field::MAX_FRAME_LEN {
                return Err(too_long_at(padding_at - last, last));
            }
        } else {
            let data = padding_at.saturating_sub(at);
            if data % count != 0 {
                return Err(PayloadError::Invalid {
                    codec: CODEC,
                    field: "frame data length (code 3 CBR)",
                    offset: at,
                    value: data as u32,
                    expected: "a multiple of the frame count",
                });
            }
            if data / count > field::MAX_FRAME_LEN {
                return Err(too_long_at(at, data / count));
            }
        }
        Ok(Self {
            buf,
            lengths_at,
            padding_at,
        })
    }

    /// The whole packet.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// The TOC byte.
    pub fn toc(&self) -> OpusToc {
        OpusToc(u8_at(self.buf, 0))
    }

    /// The frame count byte (code 3 only).
    pub fn frame_count_byte(&self) -> Option<u8> {
        (self.toc().code() == 3).then(|| u8_at(self.buf, 1))
    }

    /// The framing: code and, for code 3, the frame count byte's fields.
    pub fn framing(&self) -> OpusFraming {
        match self.toc().code() {
            0 => OpusFraming::One,
            1 => OpusFraming::TwoEqual,
            2 => OpusFraming::TwoDifferent,
            _ => {
                let fc = u8_at(self.buf, 1);
                OpusFraming::Arbitrary {
                    vbr: fc & field::V != 0,
                    padding: fc & field::P != 0,
                    count: fc & field::M,
                }
            }
        }
    }

    /// The number of frames (1–48).
    pub fn frame_count(&self) -> u8 {
        match self.framing() {
            OpusFraming::One => 1,
            OpusFraming::Arbitrary { count, .. } => count,
            _ => 2,
        }
    }

    /// Bytes of padding at the end of the packet (code 3), not counting the padding
    /// length bytes.
    pub fn padding_len(&self) -> usize {
        self.buf.len() - self.padding_at
    }

    /// The packet's duration in 48 kHz samples (RTP timestamp units for Opus):
    /// frames × frame duration, at most 5760 (120 ms).
    pub fn duration_samples_48k(&self) -> u32 {
        u32::from(self.frame_count()) * self.toc().frame_samples_48k()
    }

    /// The packet's duration in microseconds.
    pub fn duration_us(&self) -> u32 {
        u32::from(self.frame_count()) * self.toc().frame_duration_us()
    }

    /// The compressed frames, in order. A frame of length 0 is a DTX or lost frame.
    pub fn frames(&self) -> OpusFrames<'a> {
        let code = self.toc().code();
        let vbr = matches!(self.framing(), OpusFraming::Arbitrary { vbr: true, .. });
        let count = self.frame_count();
        let body = self.buf.get(..self.padding_at).unwrap_or(&[]);
        // Where the frame data starts, after any frame lengths.
        let mut data_at = self.lengths_at;
        if code == 2 {
            data_at += read_frame_len(body, self.lengths_at, "").map_or(0, |(_, s)| s);
        } else if vbr {
            for _ in 1..count {
                data_at += read_frame_len(body, data_at, "").map_or(0, |(_, s)| s);
            }
        }
        let data_len = body.len().saturating_sub(data_at);
        let cbr_len = match code {
            0 => data_len,
            1 => data_len / 2,
            3 if !vbr => data_len / usize::from(count.max(1)),
            _ => 0,
        };
        OpusFrames {
            body,
            lengths_at: self.lengths_at,
            data_at,
            left: count,
            sized: code == 2 || vbr,
            cbr_len,
        }
    }
}

fn too_long_at(offset: usize, len: usize) -> PayloadError {
    PayloadError::Invalid {
        codec: CODEC,
        field: "frame length",
        offset,
        value: len as u32,
        expected: "at most 1275 bytes",
    }
}

/// Iterator over the frames of an [`OpusPacket`]
/// ([RFC 6716 §3.2](https://www.rfc-editor.org/rfc/rfc6716#section-3.2)).
#[derive(Debug, Clone)]
pub struct OpusFrames<'a> {
    /// The packet without its padding.
    body: &'a [u8],
    /// The next frame length (when `sized`).
    lengths_at: usize,
    /// The next frame's data.
    data_at: usize,
    left: u8,
    /// Frames other than the last have explicit lengths.
    sized: bool,
    /// The length of every frame when not `sized`.
    cbr_len: usize,
}

impl<'a> Iterator for OpusFrames<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let len = if !self.sized {
            self.cbr_len
        } else if self.left == 0 {
            self.body.len().saturating_sub(self.data_at)
        } else {
            let (len, size) = read_frame_len(self.body, self.lengths_at, "").ok()?;
            self.lengths_at += size;
            len
        };
        let frame = self
            .body
            .get(self.data_at..self.data_at.checked_add(len)?)?;
        self.data_at += len;
        Some(frame)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(usize::from(self.left)))
    }
}

/// The TOC byte and frame count byte, to write the start of an Opus packet
/// ([RFC 6716 §3.1–3.2](https://www.rfc-editor.org/rfc/rfc6716#section-3.1)).
///
/// Frame lengths, frames and padding go after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpusHeaderRepr {
    /// The configuration number (0–31; writers keep the low 5 bits).
    pub config: u8,
    /// s: stereo.
    pub stereo: bool,
    /// The frame count code and, for code 3, the frame count byte.
    pub framing: OpusFraming,
}

impl OpusHeaderRepr {
    /// Reads the header fields of a checked packet.
    pub fn parse(p: &OpusPacket<'_>) -> Self {
        let toc = p.toc();
        Self {
            config: toc.config(),
            stereo: toc.stereo(),
            framing: p.framing(),
        }
    }

    /// The TOC byte that will be written.
    pub fn toc(&self) -> OpusToc {
        let code = match self.framing {
            OpusFraming::One => 0,
            OpusFraming::TwoEqual => 1,
            OpusFraming::TwoDifferent => 2,
            OpusFraming::Arbitrary { .. } => 3,
        };
        let s = if self.stereo { field::S } else { 0 };
        OpusToc((self.config & 0x1f) << 3 | s | code)
    }

    /// 2 bytes for code 3, else 1.
    pub const fn buffer_len(&self) -> usize {
        match self.framing {
            OpusFraming::Arbitrary { .. } => 2,
            _ => 1,
        }
    }

    /// Writes the TOC byte (and the frame count byte) and returns the length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let mut w = writer(buf, self.buffer_len())?;
        w.u8(self.toc().byte())?;
        if let OpusFraming::Arbitrary {
            vbr,
            padding,
            count,
        } = self.framing
        {
            let mut fc = count & field::M;
            if vbr {
                fc |= field::V;
            }
            if padding {
                fc |= field::P;
            }
            w.u8(fc)?;
        }
        Ok(w.position())
    }

    /// Appends the header to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, BufferTooSmall> {
        crate::bytes::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::string::ToString;
    use std::vec::Vec;

    #[test]
    fn rfc_6716_config_table() {
        // RFC 6716 §3.1, Table 2, row by row: (configs, mode, bandwidth, frame sizes).
        let rows: &[(
            core::ops::RangeInclusive<u8>,
            OpusMode,
            OpusBandwidth,
            &[u32],
        )] = &[
            (
                0..=3,
                OpusMode::Silk,
                OpusBandwidth::Narrowband,
                &[10_000, 20_000, 40_000, 60_000],
            ),
            (
                4..=7,
                OpusMode::Silk,
                OpusBandwidth::Mediumband,
                &[10_000, 20_000, 40_000, 60_000],
            ),
            (
                8..=11,
                OpusMode::Silk,
                OpusBandwidth::Wideband,
                &[10_000, 20_000, 40_000, 60_000],
            ),
            (
                12..=13,
                OpusMode::Hybrid,
                OpusBandwidth::SuperWideband,
                &[10_000, 20_000],
            ),
            (
                14..=15,
                OpusMode::Hybrid,
                OpusBandwidth::Fullband,
                &[10_000, 20_000],
            ),
            (
                16..=19,
                OpusMode::Celt,
                OpusBandwidth::Narrowband,
                &[2_500, 5_000, 10_000, 20_000],
            ),
            (
                20..=23,
                OpusMode::Celt,
                OpusBandwidth::Wideband,
                &[2_500, 5_000, 10_000, 20_000],
            ),
            (
                24..=27,
                OpusMode::Celt,
                OpusBandwidth::SuperWideband,
                &[2_500, 5_000, 10_000, 20_000],
            ),
            (
                28..=31,
                OpusMode::Celt,
                OpusBandwidth::Fullband,
                &[2_500, 5_000, 10_000, 20_000],
            ),
        ];
        for (configs, mode, bw, sizes) in rows {
            for (config, &us) in configs.clone().zip(sizes.iter()) {
                let toc = OpusToc::from_byte(config << 3);
                assert_eq!(toc.config(), config);
                assert_eq!(toc.mode(), *mode, "config {config}");
                assert_eq!(toc.bandwidth(), *bw, "config {config}");
                assert_eq!(toc.frame_duration_us(), us, "config {config}");
                // 48 samples per ms.
                assert_eq!(toc.frame_samples_48k() * 1000, us * 48, "config {config}");
            }
        }
    }

    #[test]
    fn code_0_and_display() {
        // 0x78 = config 15 (Hybrid FB 20 ms), s=0, c=0 — libopus's usual VoIP packet.
        let p = OpusPacket::new_checked(&[0x78, 0x0a, 0x0b]).unwrap();
        assert_eq!(p.framing(), OpusFraming::One);
        let frames: Vec<_> = p.frames().collect();
        assert_eq!(frames, [&[0x0a, 0x0b][..]]);
        assert_eq!(p.duration_samples_48k(), 960);
        assert_eq!(p.duration_us(), 20_000);
        assert_eq!(p.toc().to_string(), "config 15 (Hybrid FB 20.0 ms), code 0");
        // 0x85 = config 16 (CELT NB 2.5 ms), stereo, code 1.
        assert_eq!(
            OpusToc::from_byte(0x85).to_string(),
            "config 16 (CELT NB 2.5 ms) stereo, code 1"
        );
        // A TOC byte alone: one empty (DTX) frame.
        let p = OpusPacket::new_checked(&[0x78]).unwrap();
        assert_eq!(p.frames().collect::<Vec<_>>(), [&[][..]]);
    }

    #[test]
    fn code_1_two_equal_frames() {
        // 0x79: config 15, c=1; 4 bytes -> two frames of 2.
        let p = OpusPacket::new_checked(&[0x79, 1, 2, 3, 4]).unwrap();
        assert_eq!(p.frame_count(), 2);
        assert_eq!(p.frames().collect::<Vec<_>>(), [&[1, 2][..], &[3, 4]]);
        assert_eq!(p.duration_samples_48k(), 1920);
        assert!(matches!(
            OpusPacket::new_checked(&[0x79, 1, 2, 3]),
            Err(PayloadError::Invalid {
                codec: Codec::Opus,
                field: "frame data length (code 1)",
                offset: 1,
                value: 3,
                ..
            })
        ));
    }

    #[test]
    fn code_2_two_frames() {
        // 0x7a: c=2; first frame length 1, then [9], then second frame [7, 8].
        let p = OpusPacket::new_checked(&[0x7a, 0x01, 0x09, 0x07, 0x08]).unwrap();
        assert_eq!(p.frames().collect::<Vec<_>>(), [&[9][..], &[7, 8]]);
        // Two-byte length: 252 + 4 × 1 = 256, but only 3 bytes follow.
        assert!(matches!(
            OpusPacket::new_checked(&[0x7a, 0xfc, 0x01, 0, 0, 0]),
            Err(PayloadError::Truncated {
                field: "first frame",
                offset: 3,
                needed: 256,
                available: 3,
                ..
            })
        ));
        assert!(matches!(
            OpusPacket::new_checked(&[0x7a, 0xfd]),
            Err(PayloadError::Truncated {
                field: "first frame length",
                offset: 1,
                needed: 2,
                available: 1,
                ..
            })
        ));
    }

    #[test]
    fn code_3_cbr_with_padding() {
        // 0x4b: config 9 (SILK WB 20 ms), c=3. Frame count byte 0x43: v=0 p=1 M=3.
        // Padding length bytes 0xff 0x01: 254 + 1 = 255 bytes of padding (RFC 6716
        // §3.2.5). Then 3 frames of 2 bytes and 255 zero bytes.
        let mut bytes = std::vec![0x4b, 0x43, 0xff, 0x01, 1, 1, 2, 2, 3, 3];
        bytes.resize(bytes.len() + 255, 0);
        let p = OpusPacket::new_checked(&bytes).unwrap();
        assert_eq!(
            p.framing(),
            OpusFraming::Arbitrary {
                vbr: false,
                padding: true,
                count: 3
            }
        );
        assert_eq!(p.padding_len(), 255);
        assert_eq!(
            p.frames().collect::<Vec<_>>(),
            [&[1, 1][..], &[2, 2], &[3, 3]]
        );
        // 3 × 20 ms = 60 ms = 2880 samples.
        assert_eq!(p.duration_samples_48k(), 2880);
        // 5 data bytes cannot be split in 3 equal frames.
        assert!(matches!(
            OpusPacket::new_checked(&[0x4b, 0x03, 1, 2, 3, 4, 5]),
            Err(PayloadError::Invalid {
                field: "frame data length (code 3 CBR)",
                offset: 2,
                value: 5,
                ..
            })
        ));
    }

    #[test]
    fn code_3_vbr() {
        // 0xfb: config 31 (CELT FB 20 ms), c=3; 0x83: v=1 p=0 M=3; lengths 1 and 2; then
        // frames [a], [b b], and the last takes the rest [c c c].
        let bytes = [0xfb, 0x83, 0x01, 0x02, 0xa, 0xb, 0xb, 0xc, 0xc, 0xc];
        let p = OpusPacket::new_checked(&bytes).unwrap();
        assert_eq!(
            p.frames().collect::<Vec<_>>(),
            [&[0xa][..], &[0xb, 0xb], &[0xc, 0xc, 0xc]]
        );
        // Lengths 5 and 5 announce 10 bytes, 6 remain.
        assert!(matches!(
            OpusPacket::new_checked(&[0xfb, 0x83, 0x05, 0x05, 1, 2, 3, 4, 5, 6]),
            Err(PayloadError::Truncated {
                field: "frame data",
                offset: 4,
                needed: 10,
                available: 6,
                ..
            })
        ));
    }

    #[test]
    fn code_3_frame_count_limits() {
        assert!(matches!(
            OpusPacket::new_checked(&[0x03, 0x00]),
            Err(PayloadError::Invalid {
                field: "frame count M",
                offset: 1,
                value: 0,
                ..
            })
        ));
        // Config 3 (SILK NB 60 ms) × 3 = 180 ms > 120 ms.
        assert!(matches!(
            OpusPacket::new_checked(&[0x1b, 0x03]),
            Err(PayloadError::Invalid {
                field: "frame count M",
                value: 3,
                ..
            })
        ));
        // Config 16 (CELT 2.5 ms) × 48 = 120 ms: allowed; 48 empty CBR frames.
        let p = OpusPacket::new_checked(&[0x83, 0x30]).unwrap();
        assert_eq!(p.frame_count(), 48);
        assert_eq!(p.duration_samples_48k(), 5760);
        assert_eq!(p.frames().count(), 48);
        assert!(matches!(
            OpusPacket::new_checked(&[0x03]),
            Err(PayloadError::Truncated {
                field: "frame count byte",
                offset: 1,
                ..
            })
        ));
        // Padding of 10 announced, 1 byte left.
        assert!(matches!(
            OpusPacket::new_checked(&[0x03, 0x41, 0x0a, 0x00]),
            Err(PayloadError::Truncated {
                field: "padding",
                offset: 3,
                needed: 10,
                available: 1,
                ..
            })
        ));
    }

    #[test]
    fn frame_too_long() {
        let mut bytes = std::vec![0x78];
        bytes.resize(1 + 1276, 0);
        assert!(matches!(
            OpusPacket::new_checked(&bytes),
            Err(PayloadError::Invalid {
                field: "frame length",
                offset: 1,
                value: 1276,
                ..
            })
        ));
        bytes.pop();
        assert!(OpusPacket::new_checked(&bytes).is_ok());
        assert!(matches!(
            OpusPacket::new_checked(&[]),
            Err(PayloadError::Truncated {
                field: "TOC byte",
                ..
            })
        ));
    }

    #[test]
    fn header_round_trip() {
        for bytes in [
            &[0x78u8, 0x0a][..],
            &[0x79, 1, 2],
            &[0x7a, 0x00],
            &[0xfb, 0x83, 0x01, 0x02, 0xa, 0xb, 0xb, 0xc],
            &[0x4f, 0x42, 0x00, 1, 2],
        ] {
            let p = OpusPacket::new_checked(bytes).unwrap();
            let repr = OpusHeaderRepr::parse(&p);
            let mut out = [0u8; 2];
            let n = repr.emit(&mut out).unwrap();
            assert_eq!(&out[..n], &bytes[..n]);
            assert_eq!(repr.toc(), p.toc());
        }
    }
}
