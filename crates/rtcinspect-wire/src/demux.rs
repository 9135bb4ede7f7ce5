//! Demultiplexing of a UDP payload by its first byte
//! ([RFC 7983 §7](https://www.rfc-editor.org/rfc/rfc7983#section-7) as updated by
//! [RFC 9443 §3](https://www.rfc-editor.org/rfc/rfc9443#section-3)), and RTP vs RTCP
//! on a multiplexed port ([RFC 5761 §4](https://www.rfc-editor.org/rfc/rfc5761#section-4)).
//!
//! WebRTC sends STUN, DTLS, SRTP and SRTCP (and possibly TURN ChannelData, ZRTP or
//! QUIC) over one 5-tuple. The first byte tells them apart:
//!
//! | first byte | protocol |
//! |---|---|
//! | 0–3 | STUN |
//! | 16–19 | ZRTP |
//! | 20–63 | DTLS |
//! | 64–79 | TURN ChannelData |
//! | 80–127, 192–255 | QUIC |
//! | 128–191 | RTP or RTCP, told apart by the second byte |
//!
//! ```
//! use rtcinspect_wire::demux::{classify, PacketKind};
//!
//! // An RTCP receiver report (second byte 201) and an RTP packet with PT 111.
//! assert_eq!(classify(&[0x81, 201, 0x00, 0x07]), PacketKind::Rtcp);
//! assert_eq!(classify(&[0x80, 111, 0x12, 0x34]), PacketKind::Rtp);
//! // A STUN binding request and a DTLS handshake record.
//! assert_eq!(classify(&[0x00, 0x01, 0x00, 0x00]), PacketKind::Stun);
//! assert_eq!(classify(&[22, 0xfe, 0xfd]), PacketKind::Dtls);
//! ```

use core::fmt;

/// The protocol a UDP payload belongs to, judged by its first bytes only.
///
/// Classification does not validate the packet: the matching parser does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PacketKind {
    /// STUN, first byte 0–3 ([RFC 8489](https://www.rfc-editor.org/rfc/rfc8489)).
    Stun,
    /// ZRTP, first byte 16–19 ([RFC 6189](https://www.rfc-editor.org/rfc/rfc6189)).
    Zrtp,
    /// DTLS, first byte 20–63 ([RFC 6347](https://www.rfc-editor.org/rfc/rfc6347),
    /// [RFC 9147](https://www.rfc-editor.org/rfc/rfc9147)).
    Dtls,
    /// TURN ChannelData, first byte 64–79
    /// ([RFC 8656 §12](https://www.rfc-editor.org/rfc/rfc8656#section-12)).
    TurnChannel,
    /// QUIC, first byte 80–127 or 192–255 ([RFC 9443](https://www.rfc-editor.org/rfc/rfc9443)).
    Quic,
    /// RTP, first byte 128–191 and a payload type outside 64–95.
    Rtp,
    /// RTCP, first byte 128–191 and a second byte whose low seven bits are 64–95
    /// (packet types 192–223, [RFC 5761 §4](https://www.rfc-editor.org/rfc/rfc5761#section-4)).
    Rtcp,
    /// Anything else, including an empty payload, first bytes 4–15, and an RTP/RTCP
    /// first byte with no second byte.
    Unknown,
}

impl PacketKind {
    /// A short lower-case name (`"rtp"`, `"stun"`, ...), as used in reports.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Stun => "stun",
            Self::Zrtp => "zrtp",
            Self::Dtls => "dtls",
            Self::TurnChannel => "turn-channel",
            Self::Quic => "quic",
            Self::Rtp => "rtp",
            Self::Rtcp => "rtcp",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for PacketKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Classifies a UDP payload by its first byte (and, for RTP/RTCP, its second).
#[inline]
pub fn classify(payload: &[u8]) -> PacketKind {
    match payload {
        [] => PacketKind::Unknown,
        [0..=3, ..] => PacketKind::Stun,
        [16..=19, ..] => PacketKind::Zrtp,
        [20..=63, ..] => PacketKind::Dtls,
        [64..=79, ..] => PacketKind::TurnChannel,
        [80..=127 | 192..=255, ..] => PacketKind::Quic,
        [128..=191, second, ..] => {
            if is_rtcp_packet_type(*second) {
                PacketKind::Rtcp
            } else {
                PacketKind::Rtp
            }
        }
        _ => PacketKind::Unknown,
    }
}

/// Whether the second byte of an RTP/RTCP packet marks RTCP on a multiplexed port:
/// its low seven bits (the RTP payload type, with the marker bit masked off) are in
/// 64–95, which covers RTCP packet types 192–223
/// ([RFC 5761 §4](https://www.rfc-editor.org/rfc/rfc5761#section-4)).
#[inline]
pub const fn is_rtcp_packet_type(second_byte: u8) -> bool {
    matches!(second_byte & 0x7f, 64..=95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9443_first_byte_ranges() {
        // Each boundary of the RFC 9443 §3 figure, checked on both sides.
        let cases: &[(u8, PacketKind)] = &[
            (0, PacketKind::Stun),
            (3, PacketKind::Stun),
            (4, PacketKind::Unknown),
            (15, PacketKind::Unknown),
            (16, PacketKind::Zrtp),
            (19, PacketKind::Zrtp),
            (20, PacketKind::Dtls),
            (63, PacketKind::Dtls),
            (64, PacketKind::TurnChannel),
            (79, PacketKind::TurnChannel),
            (80, PacketKind::Quic),
            (127, PacketKind::Quic),
            (128, PacketKind::Rtp),
            (191, PacketKind::Rtp),
            (192, PacketKind::Quic),
            (255, PacketKind::Quic),
        ];
        for &(first, kind) in cases {
            assert_eq!(classify(&[first, 0x00]), kind, "first byte {first}");
        }
    }

    #[test]
    fn rfc_5761_rtp_rtcp_split() {
        // RTCP packet types 192..=223 (SR 200, RR 201, SDES 202, BYE 203, APP 204,
        // RTPFB 205, PSFB 206, XR 207) land in the masked range 64..=95.
        for pt in 192..=223u8 {
            assert_eq!(classify(&[0x80, pt]), PacketKind::Rtcp, "type {pt}");
        }
        // The same range with the marker bit clear, i.e. RTP payload types 64..=95,
        // is reserved by RFC 5761 and also goes to RTCP.
        assert_eq!(classify(&[0x80, 64]), PacketKind::Rtcp);
        assert_eq!(classify(&[0x80, 95]), PacketKind::Rtcp);
        // Ordinary RTP, with and without marker.
        for second in [0u8, 63, 96, 111, 127, 0x80, 0x80 | 63, 0x80 | 96, 0xff] {
            assert_eq!(classify(&[0x80, second]), PacketKind::Rtp, "{second:#x}");
        }
    }

    #[test]
    fn short_payloads() {
        assert_eq!(classify(&[]), PacketKind::Unknown);
        assert_eq!(classify(&[0x80]), PacketKind::Unknown);
        assert_eq!(classify(&[0x00]), PacketKind::Stun);
    }
}
