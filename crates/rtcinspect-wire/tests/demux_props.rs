//! Property tests for [`rtcinspect_wire::demux`].

use proptest::prelude::*;
use rtcinspect_wire::demux::{PacketKind, classify};

proptest! {
    /// Classification is total, looks only at the first two bytes, and agrees with the
    /// RFC 9443 table written out independently here.
    #[test]
    fn classify_matches_rfc_table(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let kind = classify(&bytes);
        let expected = match (bytes.first(), bytes.get(1)) {
            (None, _) => PacketKind::Unknown,
            (Some(b), _) if *b <= 3 => PacketKind::Stun,
            (Some(b), _) if (16..=19).contains(b) => PacketKind::Zrtp,
            (Some(b), _) if (20..=63).contains(b) => PacketKind::Dtls,
            (Some(b), _) if (64..=79).contains(b) => PacketKind::TurnChannel,
            (Some(b), _) if (80..=127).contains(b) || *b >= 192 => PacketKind::Quic,
            (Some(b), Some(s)) if (128..=191).contains(b) => {
                if (64..=95).contains(&(s & 0x7f)) { PacketKind::Rtcp } else { PacketKind::Rtp }
            }
            _ => PacketKind::Unknown,
        };
        prop_assert_eq!(kind, expected);
        if bytes.len() > 2 {
            prop_assert_eq!(classify(&bytes[..2]), kind);
        }
    }
}
