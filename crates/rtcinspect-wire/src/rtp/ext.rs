//! RTP header extensions: the RFC 3550 §5.3.1 block, RFC 8285 one- and two-byte
//! elements, and decoders for the extensions browsers negotiate.

use core::fmt;

use super::RtpError;
use crate::bytes;

/// The header extension block of an RTP packet
/// ([RFC 3550 §5.3.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.3.1)): a 16-bit
/// profile-defined field and a whole number of 32-bit words of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderExtension<'a> {
    profile: u16,
    data: &'a [u8],
    offset: usize,
}

impl<'a> HeaderExtension<'a> {
    pub(crate) fn new(profile: u16, data: &'a [u8], offset: usize) -> Self {
        Self {
            profile,
            data,
            offset,
        }
    }

    /// The profile-defined field (`0xBEDE`, `0x100X` for RFC 8285).
    #[inline]
    pub fn profile(&self) -> u16 {
        self.profile
    }

    /// The extension data after the 4-byte extension header.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// How the data is laid out, from the profile field.
    #[inline]
    pub fn form(&self) -> ExtensionForm {
        ExtensionForm::from_profile(self.profile)
    }

    /// The RFC 8285 elements, in order; nothing for a profile that is not RFC 8285
    /// (including encrypted "cryptex" blocks, RFC 9335).
    #[inline]
    pub fn elements(&self) -> ExtensionElements<'a> {
        let (rest, two_byte) = match self.form() {
            ExtensionForm::OneByte => (self.data, false),
            ExtensionForm::TwoByte { .. } => (self.data, true),
            ExtensionForm::Other(_) => (&[][..], false),
        };
        ExtensionElements {
            rest,
            end: self.offset + rest.len(),
            two_byte,
        }
    }

    /// The data of the first well-formed element with `id`.
    pub fn find(&self, id: u8) -> Option<&'a [u8]> {
        self.elements()
            .map_while(Result::ok)
            .find(|e| e.id == id)
            .map(|e| e.data)
    }
}

/// The layout of a header extension block, told by its profile field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionForm {
    /// RFC 8285 one-byte elements, profile `0xBEDE`
    /// ([§4.2](https://www.rfc-editor.org/rfc/rfc8285#section-4.2)).
    OneByte,
    /// RFC 8285 two-byte elements, profile `0x100` followed by 4 application bits
    /// ([§4.3](https://www.rfc-editor.org/rfc/rfc8285#section-4.3)).
    TwoByte {
        /// The 4 application-dependent bits.
        appbits: u8,
    },
    /// Any other profile: the data is opaque.
    Other(u16),
}

impl ExtensionForm {
    /// The one-byte form's profile field.
    pub const ONE_BYTE_PROFILE: u16 = 0xbede;
    /// The two-byte form's profile field with application bits 0.
    pub const TWO_BYTE_PROFILE: u16 = 0x1000;

    /// The form a profile field announces.
    #[inline]
    pub const fn from_profile(profile: u16) -> Self {
        if profile == Self::ONE_BYTE_PROFILE {
            Self::OneByte
        } else if profile & 0xfff0 == Self::TWO_BYTE_PROFILE {
            Self::TwoByte {
                appbits: (profile & 0x0f) as u8,
            }
        } else {
            Self::Other(profile)
        }
    }

    /// The profile field for this form.
    #[inline]
    pub const fn profile(self) -> u16 {
        match self {
            Self::OneByte => Self::ONE_BYTE_PROFILE,
            Self::TwoByte { appbits } => Self::TWO_BYTE_PROFILE | (appbits as u16 & 0x0f),
            Self::Other(profile) => profile,
        }
    }
}

/// One RFC 8285 header extension element: a local ID and its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtensionElement<'a> {
    /// The local identifier (1–14 in the one-byte form, 1–255 in the two-byte form).
    pub id: u8,
    /// The element data (1–16 bytes in the one-byte form, 0–255 in the two-byte form).
    pub data: &'a [u8],
}

/// Iterator over the elements of an RFC 8285 header extension.
///
/// Padding bytes (0) between elements are skipped. In the one-byte form, ID 15 ends
/// the iteration as RFC 8285 §4.2 prescribes. An element that runs past the end of the
/// block, or (one-byte form) ID 0 with a non-zero length, yields an error and ends the
/// iteration; the elements before it stand.
#[derive(Debug, Clone)]
pub struct ExtensionElements<'a> {
    rest: &'a [u8],
    /// Offset in the packet of the end of the extension data, for errors.
    end: usize,
    two_byte: bool,
}

impl<'a> ExtensionElements<'a> {
    /// Ends the iteration with an error about the element whose header starts
    /// `remaining` bytes before the end of the data.
    #[cold]
    fn fail(&mut self, remaining: usize, one_byte_id_0: bool) -> Option<<Self as Iterator>::Item> {
        let at = self.end - remaining;
        let rest = self.rest;
        self.rest = &[];
        let header = if self.two_byte { 2 } else { 1 };
        Some(Err(if one_byte_id_0 {
            RtpError::ReservedExtensionId { offset: at }
        } else if rest.len() < header {
            RtpError::Truncated {
                field: "header extension element length",
                offset: at + 1,
                needed: 1,
                available: 0,
            }
        } else {
            let len = if self.two_byte {
                usize::from(rest.get(1).copied().unwrap_or(0))
            } else {
                usize::from(rest.first().copied().unwrap_or(0) & 0x0f) + 1
            };
            RtpError::Truncated {
                field: "header extension element",
                offset: at + header,
                needed: len,
                available: rest.len() - header,
            }
        }))
    }
}

impl<'a> Iterator for ExtensionElements<'a> {
    type Item = Result<ExtensionElement<'a>, RtpError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (&first, tail) = self.rest.split_first()?;
            if first == 0 {
                self.rest = tail;
                continue;
            }
            if self.two_byte {
                if let Some((&len, tail)) = tail.split_first() {
                    if let Some((data, rest)) = tail.split_at_checked(usize::from(len)) {
                        self.rest = rest;
                        return Some(Ok(ExtensionElement { id: first, data }));
                    }
                }
                return self.fail(self.rest.len(), false);
            }
            let id = first >> 4;
            if id == 15 {
                self.rest = &[];
                return None;
            }
            if let Some((data, rest)) = tail.split_at_checked(usize::from(first & 0x0f) + 1) {
                if id == 0 {
                    return self.fail(self.rest.len(), true);
                }
                self.rest = rest;
                return Some(Ok(ExtensionElement { id, data }));
            }
            return self.fail(self.rest.len(), id == 0);
        }
    }
}

impl core::iter::FusedIterator for ExtensionElements<'_> {}

/// Header extension URIs, as SDP `a=extmap` lines name them.
pub mod uri {
    /// Client-to-mixer audio level ([RFC 6464](https://www.rfc-editor.org/rfc/rfc6464)).
    pub const AUDIO_LEVEL: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /// Mixer-to-client audio levels ([RFC 6465](https://www.rfc-editor.org/rfc/rfc6465)).
    pub const CSRC_AUDIO_LEVEL: &str = "urn:ietf:params:rtp-hdrext:csrc-audio-level";
    /// Absolute send time ([webrtc.org](https://webrtc.googlesource.com/src/+/refs/heads/main/docs/native-code/rtp-hdrext/abs-send-time/)).
    pub const ABS_SEND_TIME: &str = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /// Transport-wide sequence number
    /// ([draft-holmer-rmcat-transport-wide-cc-extensions-01 §2](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-2)).
    pub const TRANSPORT_CC: &str =
        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /// Transport-wide sequence number with feedback request (libwebrtc's "-02").
    pub const TRANSPORT_CC_02: &str =
        "http://www.webrtc.org/experiments/rtp-hdrext/transport-wide-cc-02";
    /// Media identification ([RFC 8843 §15](https://www.rfc-editor.org/rfc/rfc8843#section-15)).
    pub const MID: &str = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /// RTP stream identifier ([RFC 8852 §4.3](https://www.rfc-editor.org/rfc/rfc8852#section-4.3)).
    pub const RTP_STREAM_ID: &str = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /// Repaired RTP stream identifier ([RFC 8852 §4.4](https://www.rfc-editor.org/rfc/rfc8852#section-4.4)).
    pub const REPAIRED_RTP_STREAM_ID: &str =
        "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /// Transmission time offset ([RFC 5450](https://www.rfc-editor.org/rfc/rfc5450)).
    pub const TOFFSET: &str = "urn:ietf:params:rtp-hdrext:toffset";
    /// Coordination of video orientation ([3GPP TS 26.114 §7.4.5](https://www.3gpp.org/DynaReport/26114.htm)).
    pub const VIDEO_ORIENTATION: &str = "urn:3gpp:video-orientation";
    /// Playout delay limits (libwebrtc).
    pub const PLAYOUT_DELAY: &str = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";
    /// Absolute capture time (libwebrtc).
    pub const ABS_CAPTURE_TIME: &str =
        "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
    /// Video content type: screenshare or not (libwebrtc).
    pub const VIDEO_CONTENT_TYPE: &str =
        "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type";
    /// Video timing (libwebrtc).
    pub const VIDEO_TIMING: &str = "http://www.webrtc.org/experiments/rtp-hdrext/video-timing";
    /// Color space (libwebrtc).
    pub const COLOR_SPACE: &str = "http://www.webrtc.org/experiments/rtp-hdrext/color-space";
    /// AV1 dependency descriptor ([AV1 RTP specification appendix A](https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension)).
    pub const DEPENDENCY_DESCRIPTOR: &str =
        "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";
    /// Video layers allocation (libwebrtc).
    pub const VIDEO_LAYERS_ALLOCATION: &str =
        "http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00";
    /// Video frame tracking ID (libwebrtc).
    pub const VIDEO_FRAME_TRACKING_ID: &str =
        "http://www.webrtc.org/experiments/rtp-hdrext/video-frame-tracking-id";
    /// In-band comfort noise (libwebrtc).
    pub const INBAND_CN: &str = "http://www.webrtc.org/experiments/rtp-hdrext/inband-cn";
}

macro_rules! extension_kinds {
    ($($(#[$doc:meta])* $variant:ident => $uri:ident, $name:literal;)*) => {
        /// A header extension this crate knows by URI.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ExtensionKind {
            $($(#[$doc])* $variant,)*
            /// A URI this crate does not know; the value stays raw.
            Unknown,
        }

        impl ExtensionKind {
            /// The kind a URI names ([`ExtensionKind::Unknown`] if none). URIs compare
            /// exactly, as RFC 8285 §5 asks.
            pub fn from_uri(uri: &str) -> Self {
                match uri {
                    $(uri::$uri => Self::$variant,)*
                    _ => Self::Unknown,
                }
            }

            /// The URI of this kind (`None` for [`ExtensionKind::Unknown`]).
            pub const fn uri(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some(uri::$uri),)*
                    Self::Unknown => None,
                }
            }

            /// A short name, as reports use it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Unknown => "unknown",
                }
            }
        }
    };
}

extension_kinds! {
    /// Audio level of the packet's audio (RFC 6464).
    AudioLevel => AUDIO_LEVEL, "ssrc-audio-level";
    /// Audio levels of the contributing sources (RFC 6465).
    CsrcAudioLevel => CSRC_AUDIO_LEVEL, "csrc-audio-level";
    /// Absolute send time, 6.18 fixed-point seconds.
    AbsSendTime => ABS_SEND_TIME, "abs-send-time";
    /// Transport-wide sequence number.
    TransportSequence => TRANSPORT_CC, "transport-wide-cc";
    /// Transport-wide sequence number with optional feedback request.
    TransportSequence02 => TRANSPORT_CC_02, "transport-wide-cc-02";
    /// Media identification (mid).
    Mid => MID, "mid";
    /// RTP stream identifier (rid).
    RtpStreamId => RTP_STREAM_ID, "rtp-stream-id";
    /// Repaired RTP stream identifier.
    RepairedRtpStreamId => REPAIRED_RTP_STREAM_ID, "repaired-rtp-stream-id";
    /// Transmission time offset (RFC 5450).
    TransmissionOffset => TOFFSET, "toffset";
    /// Video orientation (3GPP).
    VideoOrientation => VIDEO_ORIENTATION, "video-orientation";
    /// Playout delay limits.
    PlayoutDelay => PLAYOUT_DELAY, "playout-delay";
    /// Absolute capture time.
    AbsCaptureTime => ABS_CAPTURE_TIME, "abs-capture-time";
    /// Video content type.
    VideoContentType => VIDEO_CONTENT_TYPE, "video-content-type";
    /// Video timing.
    VideoTiming => VIDEO_TIMING, "video-timing";
    /// Color space.
    ColorSpace => COLOR_SPACE, "color-space";
    /// AV1 dependency descriptor.
    DependencyDescriptor => DEPENDENCY_DESCRIPTOR, "dependency-descriptor";
    /// Video layers allocation.
    VideoLayersAllocation => VIDEO_LAYERS_ALLOCATION, "video-layers-allocation";
    /// Video frame tracking ID.
    VideoFrameTrackingId => VIDEO_FRAME_TRACKING_ID, "video-frame-tracking-id";
    /// In-band comfort noise.
    InbandComfortNoise => INBAND_CN, "inband-cn";
}

impl fmt::Display for ExtensionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A decoded header extension value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Extension<'a> {
    /// Audio level ([RFC 6464 §3](https://www.rfc-editor.org/rfc/rfc6464#section-3)).
    AudioLevel {
        /// The V flag: the sender believes the packet holds voice.
        voice_activity: bool,
        /// The level in -dBov, 0 (loudest) to 127 (silence).
        level: u8,
    },
    /// Audio levels of the CSRCs, in CSRC order, each in -dBov
    /// ([RFC 6465 §3](https://www.rfc-editor.org/rfc/rfc6465#section-3)).
    CsrcAudioLevels(&'a [u8]),
    /// Absolute send time: 24 bits, 6.18 fixed-point seconds (wraps every 64 s).
    AbsSendTime(u32),
    /// Transport-wide sequence number.
    TransportSequence(u16),
    /// Transport-wide sequence number with an optional feedback request.
    TransportSequence02 {
        /// The sequence number.
        sequence: u16,
        /// The feedback request, if the element carries one.
        request: Option<TransportFeedbackRequest>,
    },
    /// Media identification (the SDP `a=mid` value), not always UTF-8.
    Mid(&'a [u8]),
    /// RTP stream identifier (the SDP `a=rid` value).
    RtpStreamId(&'a [u8]),
    /// Repaired RTP stream identifier.
    RepairedRtpStreamId(&'a [u8]),
    /// Transmission time offset in RTP timestamp units, signed 24 bits
    /// ([RFC 5450 §2](https://www.rfc-editor.org/rfc/rfc5450#section-2)).
    TransmissionOffset(i32),
    /// Video orientation ([3GPP TS 26.114 §7.4.5](https://www.3gpp.org/DynaReport/26114.htm)).
    VideoOrientation {
        /// C: the back-facing camera.
        back_camera: bool,
        /// F: horizontally flipped.
        flip: bool,
        /// Clockwise rotation in degrees: 0, 90, 180 or 270.
        rotation: u16,
    },
    /// Playout delay limits, in units of 10 ms.
    PlayoutDelay {
        /// Minimum delay (12 bits).
        min: u16,
        /// Maximum delay (12 bits).
        max: u16,
    },
    /// Absolute capture time.
    AbsCaptureTime {
        /// The capture time, NTP UQ32.32.
        capture_time: u64,
        /// The estimated offset of the capturer's clock from the sender's, Q32.32.
        clock_offset: Option<i64>,
    },
    /// Video content type (0 unspecified, 1 screenshare).
    VideoContentType(u8),
    /// Video timing.
    VideoTiming(VideoTiming),
    /// Color space.
    ColorSpace(ColorSpace<'a>),
    /// AV1 dependency descriptor: the mandatory fields decoded, the rest raw.
    DependencyDescriptor(DependencyDescriptorHeader<'a>),
    /// Video frame tracking ID.
    VideoFrameTrackingId(u16),
    /// An extension kept raw: video layers allocation, in-band CN, or an unknown URI.
    Raw {
        /// What the map says the extension is.
        kind: ExtensionKind,
        /// The element data.
        data: &'a [u8],
    },
}

/// The feedback request of the transport-wide-cc-02 extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransportFeedbackRequest {
    /// T: the feedback should include timestamps.
    pub include_timestamps: bool,
    /// How many packets, ending with this one, the feedback should cover (15 bits).
    pub sequence_count: u16,
}

/// Video timing: delays since capture, in milliseconds, of the frame's milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VideoTiming {
    /// Flags (absent in the 12-byte legacy layout).
    pub flags: Option<u8>,
    /// Encode start.
    pub encode_start: u16,
    /// Encode finish.
    pub encode_finish: u16,
    /// Packetization finish.
    pub packetization_finish: u16,
    /// Pacer exit.
    pub pacer_exit: u16,
    /// Reserved for the network (first timestamp).
    pub network: u16,
    /// Reserved for the network (second timestamp).
    pub network2: u16,
}

/// The color space extension: the four H.273 code points, and HDR metadata raw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColorSpace<'a> {
    /// Colour primaries (ITU-T H.273 table 2).
    pub primaries: u8,
    /// Transfer characteristics (ITU-T H.273 table 3).
    pub transfer: u8,
    /// Matrix coefficients (ITU-T H.273 table 4).
    pub matrix: u8,
    /// Range (bits 5–4), horizontal (3–2) and vertical (1–0) chroma siting.
    pub range_and_chroma_siting: u8,
    /// HDR metadata (24 bytes when present), undecoded.
    pub hdr_metadata: &'a [u8],
}

impl ColorSpace<'_> {
    /// The range: 0 invalid, 1 limited, 2 full, 3 derived.
    pub fn range(&self) -> u8 {
        (self.range_and_chroma_siting >> 4) & 0x03
    }
}

/// The mandatory fields of an AV1 dependency descriptor
/// ([AV1 RTP specification A.8.1](https://aomediacodec.github.io/av1-rtp-spec/#a81-syntax)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DependencyDescriptorHeader<'a> {
    /// The packet starts a frame.
    pub start_of_frame: bool,
    /// The packet ends a frame.
    pub end_of_frame: bool,
    /// Frame dependency template ID (6 bits).
    pub template_id: u8,
    /// Frame number (16 bits, wraps).
    pub frame_number: u16,
    /// The whole element, for the extended fields.
    pub raw: &'a [u8],
}

impl ExtensionKind {
    /// Decodes an element's data as this kind of extension.
    pub fn decode(self, data: &[u8]) -> Result<Extension<'_>, RtpError> {
        let len = data.len();
        let bad_len = || RtpError::ExtensionLength { kind: self, len };
        let exactly = |n: usize| if len == n { Ok(()) } else { Err(bad_len()) };
        Ok(match self {
            Self::AudioLevel => {
                let &b = data.first().ok_or_else(bad_len)?;
                Extension::AudioLevel {
                    voice_activity: b & 0x80 != 0,
                    level: b & 0x7f,
                }
            }
            Self::CsrcAudioLevel => Extension::CsrcAudioLevels(data),
            Self::AbsSendTime => {
                exactly(3)?;
                Extension::AbsSendTime(bytes::u24_at(data, 0))
            }
            Self::TransportSequence => {
                exactly(2)?;
                Extension::TransportSequence(bytes::u16_at(data, 0))
            }
            Self::TransportSequence02 => {
                let request = match len {
                    2 => None,
                    4 => {
                        let w = bytes::u16_at(data, 2);
                        Some(TransportFeedbackRequest {
                            include_timestamps: w & 0x8000 != 0,
                            sequence_count: w & 0x7fff,
                        })
                    }
                    _ => return Err(bad_len()),
                };
                Extension::TransportSequence02 {
                    sequence: bytes::u16_at(data, 0),
                    request,
                }
            }
            Self::Mid | Self::RtpStreamId | Self::RepairedRtpStreamId if data.is_empty() => {
                return Err(bad_len());
            }
            Self::Mid => Extension::Mid(data),
            Self::RtpStreamId => Extension::RtpStreamId(data),
            Self::RepairedRtpStreamId => Extension::RepairedRtpStreamId(data),
            Self::TransmissionOffset => {
                exactly(3)?;
                // Sign-extend the 24-bit two's complement value.
                Extension::TransmissionOffset(((bytes::u24_at(data, 0) << 8) as i32) >> 8)
            }
            Self::VideoOrientation => {
                let &b = data.first().ok_or_else(bad_len)?;
                Extension::VideoOrientation {
                    back_camera: b & 0x08 != 0,
                    flip: b & 0x04 != 0,
                    rotation: u16::from(b & 0x03) * 90,
                }
            }
            Self::PlayoutDelay => {
                exactly(3)?;
                let v = bytes::u24_at(data, 0);
                Extension::PlayoutDelay {
                    min: (v >> 12) as u16,
                    max: (v & 0xfff) as u16,
                }
            }
            Self::AbsCaptureTime => {
                let clock_offset = match len {
                    8 => None,
                    16 => Some(bytes::u64_at(data, 8) as i64),
                    _ => return Err(bad_len()),
                };
                Extension::AbsCaptureTime {
                    capture_time: bytes::u64_at(data, 0),
                    clock_offset,
                }
            }
            Self::VideoContentType => {
                exactly(1)?;
                Extension::VideoContentType(bytes::u8_at(data, 0))
            }
            Self::VideoTiming => {
                let (flags, at) = match len {
                    13 => (Some(bytes::u8_at(data, 0)), 1),
                    12 => (None, 0),
                    _ => return Err(bad_len()),
                };
                let u = |i: usize| bytes::u16_at(data, at + 2 * i);
                Extension::VideoTiming(VideoTiming {
                    flags,
                    encode_start: u(0),
                    encode_finish: u(1),
                    packetization_finish: u(2),
                    pacer_exit: u(3),
                    network: u(4),
                    network2: u(5),
                })
            }
            Self::ColorSpace => {
                if len != 4 && len != 28 {
                    return Err(bad_len());
                }
                Extension::ColorSpace(ColorSpace {
                    primaries: bytes::u8_at(data, 0),
                    transfer: bytes::u8_at(data, 1),
                    matrix: bytes::u8_at(data, 2),
                    range_and_chroma_siting: bytes::u8_at(data, 3),
                    hdr_metadata: data.get(4..).unwrap_or(&[]),
                })
            }
            Self::DependencyDescriptor => {
                if len < 3 {
                    return Err(bad_len());
                }
                let b = bytes::u8_at(data, 0);
                Extension::DependencyDescriptor(DependencyDescriptorHeader {
                    start_of_frame: b & 0x80 != 0,
                    end_of_frame: b & 0x40 != 0,
                    template_id: b & 0x3f,
                    frame_number: bytes::u16_at(data, 1),
                    raw: data,
                })
            }
            Self::VideoFrameTrackingId => {
                exactly(2)?;
                Extension::VideoFrameTrackingId(bytes::u16_at(data, 0))
            }
            Self::VideoLayersAllocation | Self::InbandComfortNoise | Self::Unknown => {
                Extension::Raw { kind: self, data }
            }
        })
    }
}

/// Which extension each local ID means, as SDP `a=extmap` lines say
/// ([RFC 8285 §5](https://www.rfc-editor.org/rfc/rfc8285#section-5)).
///
/// A fixed table of 256 entries: no allocation, `Clone`, cheap to look up.
#[derive(Clone, PartialEq, Eq)]
pub struct ExtensionMap {
    kinds: [Option<ExtensionKind>; 256],
}

impl Default for ExtensionMap {
    fn default() -> Self {
        Self::new()
    }
}

impl ExtensionMap {
    /// An empty map.
    pub const fn new() -> Self {
        Self { kinds: [None; 256] }
    }

    /// Maps `id` to the extension `uri` names, replacing any previous mapping, and
    /// returns the kind (possibly [`ExtensionKind::Unknown`]). ID 0 is never valid.
    pub fn insert(&mut self, id: u8, uri: &str) -> Result<ExtensionKind, ExtensionMapError> {
        let kind = ExtensionKind::from_uri(uri);
        self.insert_kind(id, kind)?;
        Ok(kind)
    }

    /// Maps `id` to `kind`. ID 0 is never valid.
    pub fn insert_kind(&mut self, id: u8, kind: ExtensionKind) -> Result<(), ExtensionMapError> {
        if id == 0 {
            return Err(ExtensionMapError::InvalidId(id));
        }
        if let Some(slot) = self.kinds.get_mut(usize::from(id)) {
            *slot = Some(kind);
        }
        Ok(())
    }

    /// Removes the mapping of `id`.
    pub fn remove(&mut self, id: u8) {
        if let Some(slot) = self.kinds.get_mut(usize::from(id)) {
            *slot = None;
        }
    }

    /// What `id` is mapped to.
    #[inline]
    pub fn kind(&self, id: u8) -> Option<ExtensionKind> {
        self.kinds.get(usize::from(id)).copied().flatten()
    }

    /// The lowest ID mapped to `kind`.
    pub fn id(&self, kind: ExtensionKind) -> Option<u8> {
        self.iter().find(|&(_, k)| k == kind).map(|(id, _)| id)
    }

    /// Every mapping, by increasing ID.
    pub fn iter(&self) -> impl Iterator<Item = (u8, ExtensionKind)> + '_ {
        (0..=u8::MAX).filter_map(|id| self.kind(id).map(|k| (id, k)))
    }

    /// Decodes an element by what its ID is mapped to; `None` for an unmapped ID.
    #[inline]
    pub fn decode<'a>(
        &self,
        element: &ExtensionElement<'a>,
    ) -> Option<Result<Extension<'a>, RtpError>> {
        self.kind(element.id).map(|k| k.decode(element.data))
    }
}

impl fmt::Debug for ExtensionMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Why an extension map entry was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionMapError {
    /// The ID is not usable (0).
    InvalidId(u8),
}

impl fmt::Display for ExtensionMapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidId(id) => write!(f, "header extension ID {id} is not valid"),
        }
    }
}

impl core::error::Error for ExtensionMapError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(profile: u16, data: &[u8]) -> Vec<Result<ExtensionElement<'_>, RtpError>> {
        HeaderExtension::new(profile, data, 16).elements().collect()
    }

    #[test]
    fn one_byte_form_rfc_8285_4_2() {
        // ID 1 L=0 (1 byte), a padding byte, ID 2 L=1 (2 bytes), ID 3 L=3 (4 bytes),
        // then padding to the word boundary: 2 + 1 + 3 + 5 = 11 bytes, 1 of padding.
        let data = [0x10, 0xaa, 0x00, 0x21, 0xbb, 0xcc, 0x33, 1, 2, 3, 4, 0x00];
        assert_eq!(
            elements(0xbede, &data),
            [
                Ok(ExtensionElement {
                    id: 1,
                    data: &[0xaa]
                }),
                Ok(ExtensionElement {
                    id: 2,
                    data: &[0xbb, 0xcc]
                }),
                Ok(ExtensionElement {
                    id: 3,
                    data: &[1, 2, 3, 4]
                }),
            ]
        );
    }

    #[test]
    fn one_byte_id_15_stops_and_id_0_is_reserved() {
        // ID 15 ends processing; the element after it is not read.
        let data = [0x10, 0xaa, 0xf0, 0x20, 0xbb, 0, 0, 0];
        assert_eq!(
            elements(0xbede, &data),
            [Ok(ExtensionElement {
                id: 1,
                data: &[0xaa]
            })]
        );
        // ID 0 with L=2 at data offset 2 (packet offset 16 + 2).
        let data = [0x10, 0xaa, 0x02, 0, 0, 0, 0, 0];
        assert_eq!(
            elements(0xbede, &data)[1],
            Err(RtpError::ReservedExtensionId { offset: 18 })
        );
    }

    #[test]
    fn two_byte_form_rfc_8285_4_3() {
        // Profile 0x1002 (appbits 2). ID 1 len 0, ID 20 len 3, padding, ID 255 len 1.
        let data = [1, 0, 20, 3, 7, 8, 9, 0, 255, 1, 0xee, 0];
        let ext = HeaderExtension::new(0x1002, &data, 16);
        assert_eq!(ext.form(), ExtensionForm::TwoByte { appbits: 2 });
        assert_eq!(
            elements(0x1002, &data),
            [
                Ok(ExtensionElement { id: 1, data: &[] }),
                Ok(ExtensionElement {
                    id: 20,
                    data: &[7, 8, 9]
                }),
                Ok(ExtensionElement {
                    id: 255,
                    data: &[0xee]
                }),
            ]
        );
        assert_eq!(ext.find(20), Some(&[7u8, 8, 9][..]));
    }

    #[test]
    fn truncated_elements_keep_what_came_before() {
        // One-byte: ID 2 L=3 wants 4 bytes, 2 remain after its header at offset 17.
        let data = [0x10, 0xaa, 0x23, 1, 2];
        assert_eq!(
            elements(0xbede, &data),
            [
                Ok(ExtensionElement {
                    id: 1,
                    data: &[0xaa]
                }),
                Err(RtpError::Truncated {
                    field: "header extension element",
                    offset: 19,
                    needed: 4,
                    available: 2
                })
            ]
        );
        // Two-byte: a lone ID with no length byte.
        assert_eq!(
            elements(0x1000, &[5]),
            [Err(RtpError::Truncated {
                field: "header extension element length",
                offset: 17,
                needed: 1,
                available: 0
            })]
        );
        // Another profile: opaque, no elements.
        assert!(elements(0xc0de, &[0x10, 0xaa, 0, 0]).is_empty());
    }

    #[test]
    fn decoders() {
        use ExtensionKind as K;
        // RFC 6464: V=1, level 42 -dBov.
        assert_eq!(
            K::AudioLevel.decode(&[0xaa]),
            Ok(Extension::AudioLevel {
                voice_activity: true,
                level: 42
            })
        );
        // abs-send-time 0x123456 = 0x12 + 0x3456 / 2^18 s.
        assert_eq!(
            K::AbsSendTime.decode(&[0x12, 0x34, 0x56]),
            Ok(Extension::AbsSendTime(0x12_3456))
        );
        assert_eq!(
            K::AbsSendTime.decode(&[0x12, 0x34]),
            Err(RtpError::ExtensionLength {
                kind: K::AbsSendTime,
                len: 2
            })
        );
        assert_eq!(
            K::TransportSequence.decode(&[0xff, 0xfe]),
            Ok(Extension::TransportSequence(0xfffe))
        );
        // -02 with a request: T=1, count 0x0123.
        assert_eq!(
            K::TransportSequence02.decode(&[0, 5, 0x81, 0x23]),
            Ok(Extension::TransportSequence02 {
                sequence: 5,
                request: Some(TransportFeedbackRequest {
                    include_timestamps: true,
                    sequence_count: 0x0123
                })
            })
        );
        assert_eq!(K::Mid.decode(b"0"), Ok(Extension::Mid(b"0")));
        assert!(K::Mid.decode(b"").is_err());
        // toffset 0xfffffe = -2 (RFC 5450 §2: signed 24-bit).
        assert_eq!(
            K::TransmissionOffset.decode(&[0xff, 0xff, 0xfe]),
            Ok(Extension::TransmissionOffset(-2))
        );
        // Video orientation 0b0000_1001: C=1 back camera, F=0 no flip, R=01 -> 90 degrees.
        assert_eq!(
            K::VideoOrientation.decode(&[0x09]),
            Ok(Extension::VideoOrientation {
                back_camera: true,
                flip: false,
                rotation: 90
            })
        );
        // Playout delay min 0x064 = 100 (1 s), max 0x0c8 = 200 (2 s).
        assert_eq!(
            K::PlayoutDelay.decode(&[0x06, 0x40, 0xc8]),
            Ok(Extension::PlayoutDelay { min: 100, max: 200 })
        );
        // Dependency descriptor: start and end of frame, template 5, frame 0x0102.
        let dd = [0xc5, 0x01, 0x02, 0xff];
        assert_eq!(
            K::DependencyDescriptor.decode(&dd),
            Ok(Extension::DependencyDescriptor(
                DependencyDescriptorHeader {
                    start_of_frame: true,
                    end_of_frame: true,
                    template_id: 5,
                    frame_number: 0x0102,
                    raw: &dd
                }
            ))
        );
        let timing = [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7];
        let Ok(Extension::VideoTiming(t)) = K::VideoTiming.decode(&timing) else {
            panic!()
        };
        assert_eq!(t.flags, Some(1));
        assert_eq!((t.encode_start, t.network2), (0x0002, 0x0007));
        let Ok(Extension::AbsCaptureTime { clock_offset, .. }) =
            K::AbsCaptureTime.decode(&[0, 0, 0, 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])
        else {
            panic!()
        };
        // Q32.32 -1.0 = 0xffffffff_00000000.
        assert_eq!(clock_offset, Some(-(1i64 << 32)));
    }

    #[test]
    fn map() {
        let mut map = ExtensionMap::new();
        assert_eq!(map.insert(3, uri::TRANSPORT_CC), Ok(K::TransportSequence));
        assert_eq!(map.insert(9, "urn:example:x"), Ok(K::Unknown));
        assert_eq!(
            map.insert(0, uri::MID),
            Err(ExtensionMapError::InvalidId(0))
        );
        assert_eq!(map.kind(3), Some(K::TransportSequence));
        assert_eq!(map.id(K::TransportSequence), Some(3));
        assert_eq!(map.kind(4), None);
        let element = ExtensionElement { id: 9, data: &[1] };
        assert_eq!(
            map.decode(&element),
            Some(Ok(Extension::Raw {
                kind: K::Unknown,
                data: &[1]
            }))
        );
        map.remove(3);
        assert_eq!(map.iter().collect::<Vec<_>>(), [(9, K::Unknown)]);
        for kind in [
            K::AudioLevel,
            K::DependencyDescriptor,
            K::InbandComfortNoise,
        ] {
            assert_eq!(ExtensionKind::from_uri(kind.uri().unwrap()), kind);
        }
    }

    use ExtensionKind as K;
}
