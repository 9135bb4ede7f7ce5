//! The static RTP payload types of [RFC 3551 §6](https://www.rfc-editor.org/rfc/rfc3551#section-6)
//! (Tables 4 and 5), used when a media section gives no `a=rtpmap` for them.
//!
//! ```
//! use rtcinspect_sdp::statics::{static_payload, StaticMedia};
//!
//! let g722 = static_payload(9).unwrap();
//! assert_eq!((g722.encoding, g722.clock_rate, g722.media), ("G722", 8000, StaticMedia::Audio));
//! assert!(static_payload(96).is_none()); // dynamic: needs an a=rtpmap
//! ```

/// The media a static payload type carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaticMedia {
    /// Audio.
    Audio,
    /// Video.
    Video,
    /// Audio and video (MP2T).
    AudioVideo,
}

/// An entry of the RFC 3551 static payload type table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StaticPayload {
    /// Payload type.
    pub payload_type: u8,
    /// Encoding name.
    pub encoding: &'static str,
    /// Clock rate in Hz (8000 for G722, although it samples at 16 kHz: RFC 3551 §4.5.2).
    pub clock_rate: u32,
    /// Channels, for audio.
    pub channels: Option<u16>,
    /// The media.
    pub media: StaticMedia,
}

const fn audio(
    payload_type: u8,
    encoding: &'static str,
    clock_rate: u32,
    channels: u16,
) -> StaticPayload {
    StaticPayload {
        payload_type,
        encoding,
        clock_rate,
        channels: Some(channels),
        media: StaticMedia::Audio,
    }
}

const fn video(payload_type: u8, encoding: &'static str) -> StaticPayload {
    StaticPayload {
        payload_type,
        encoding,
        clock_rate: 90_000,
        channels: None,
        media: StaticMedia::Video,
    }
}

/// RFC 3551 Tables 4 and 5 (plus CN, payload type 13, from RFC 3389).
pub const STATIC_PAYLOAD_TYPES: &[StaticPayload] = &[
    audio(0, "PCMU", 8_000, 1),
    audio(3, "GSM", 8_000, 1),
    audio(4, "G723", 8_000, 1),
    audio(5, "DVI4", 8_000, 1),
    audio(6, "DVI4", 16_000, 1),
    audio(7, "LPC", 8_000, 1),
    audio(8, "PCMA", 8_000, 1),
    audio(9, "G722", 8_000, 1),
    audio(10, "L16", 44_100, 2),
    audio(11, "L16", 44_100, 1),
    audio(12, "QCELP", 8_000, 1),
    audio(13, "CN", 8_000, 1),
    StaticPayload {
        payload_type: 14,
        encoding: "MPA",
        clock_rate: 90_000,
        channels: None,
        media: StaticMedia::Audio,
    },
    audio(15, "G728", 8_000, 1),
    audio(16, "DVI4", 11_025, 1),
    audio(17, "DVI4", 22_050, 1),
    audio(18, "G729", 8_000, 1),
    video(25, "CelB"),
    video(26, "JPEG"),
    video(28, "nv"),
    video(31, "H261"),
    video(32, "MPV"),
    StaticPayload {
        payload_type: 33,
        encoding: "MP2T",
        clock_rate: 90_000,
        channels: None,
        media: StaticMedia::AudioVideo,
    },
    video(34, "H263"),
];

/// The static assignment of payload type `pt`, if it has one.
pub fn static_payload(pt: u8) -> Option<StaticPayload> {
    STATIC_PAYLOAD_TYPES
        .iter()
        .find(|s| s.payload_type == pt)
        .copied()
}
