//! Property tests for [`rtcinspect_wire::rtp`]: arbitrary bytes never panic, and
//! `RtpRepr -> emit -> parse` gives back the same fields.

mod common;

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::rtp::{
    CsrcList, ExtensionElement, ExtensionKind, ExtensionRepr, RtpPacket, RtpRepr, uri,
};

/// Every extension kind, to decode each element as each of them.
const KINDS: [&str; 19] = [
    uri::AUDIO_LEVEL,
    uri::CSRC_AUDIO_LEVEL,
    uri::ABS_SEND_TIME,
    uri::TRANSPORT_CC,
    uri::TRANSPORT_CC_02,
    uri::MID,
    uri::RTP_STREAM_ID,
    uri::REPAIRED_RTP_STREAM_ID,
    uri::TOFFSET,
    uri::VIDEO_ORIENTATION,
    uri::PLAYOUT_DELAY,
    uri::ABS_CAPTURE_TIME,
    uri::VIDEO_CONTENT_TYPE,
    uri::VIDEO_TIMING,
    uri::COLOR_SPACE,
    uri::DEPENDENCY_DESCRIPTOR,
    uri::VIDEO_LAYERS_ALLOCATION,
    uri::VIDEO_FRAME_TRACKING_ID,
    uri::INBAND_CN,
];

/// Reads everything a view offers.
fn walk(bytes: &[u8]) {
    for p in [
        RtpPacket::new_checked(bytes),
        RtpPacket::new_checked_header(bytes),
        Ok(RtpPacket::new_unchecked(bytes)),
    ]
    .into_iter()
    .flatten()
    {
        let _ = (
            p.version(),
            p.marker(),
            p.payload_type(),
            p.sequence_number(),
        );
        let _ = (
            p.timestamp(),
            p.ssrc(),
            p.csrc_count(),
            p.extension_profile(),
        );
        assert!(p.csrcs().count() <= 15);
        let _ = (p.csrc(0), p.csrc(14));
        let _ = (
            p.header_len(),
            p.padding_len(),
            p.payload_len(),
            p.padding(),
        );
        assert!(p.payload().len() + p.padding().len() <= bytes.len());
        if let Some(ext) = p.extension() {
            let _ = (ext.profile(), ext.form(), ext.find(1));
            for element in ext.elements().flatten() {
                for uri in KINDS {
                    let _ = ExtensionKind::from_uri(uri).decode(element.data);
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..128)) {
        walk(&bytes);
        common::rtp_reemit(&bytes);
    }

    /// Bytes that start like RTP (version 2), so most get past the first check.
    #[test]
    fn rtp_like_bytes_never_panic(first in 0x80u8..0xc0, rest in vec(any::<u8>(), 0..200)) {
        let mut bytes = vec![first];
        bytes.extend(rest);
        walk(&bytes);
        common::rtp_reemit(&bytes);
    }

    #[test]
    fn repr_emit_parse(
        marker in any::<bool>(),
        payload_type in 0u8..128,
        sequence_number in any::<u16>(),
        timestamp in any::<u32>(),
        ssrc in any::<u32>(),
        csrcs in vec(any::<u32>(), 0..=15),
        extension in prop_oneof![
            Just(None),
            vec((1u8..=255, vec(any::<u8>(), 0..24)), 0..6).prop_map(|e| Some(Ok(e))),
            vec((1u8..=14, vec(any::<u8>(), 1..=16)), 0..6).prop_map(|e| Some(Ok(e))),
            (any::<u16>(), vec(any::<u8>(), 0..6)).prop_map(|(p, w)| Some(Err((p, w)))),
        ],
        payload in vec(any::<u8>(), 0..64),
        padding in any::<u8>(),
    ) {
        let elements: Vec<ExtensionElement<'_>> = match &extension {
            Some(Ok(list)) => list.iter().map(|(id, data)| ExtensionElement { id: *id, data }).collect(),
            _ => Vec::new(),
        };
        let raw_data: Vec<u8> = match &extension {
            Some(Err((_, words))) => words.iter().flat_map(|w| [*w, 0, 0, *w]).collect(),
            _ => Vec::new(),
        };
        let ext = match &extension {
            None => None,
            Some(Ok(_)) => Some(ExtensionRepr::Elements(&elements)),
            Some(Err((profile, _))) => Some(ExtensionRepr::Raw { profile: *profile, data: &raw_data }),
        };
        let repr = RtpRepr {
            marker, payload_type, sequence_number, timestamp, ssrc,
            csrcs: CsrcList::from_slice(&csrcs).unwrap(),
            extension: ext,
            payload: &payload,
            padding,
        };
        let mut buf = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut buf), Ok(buf.len()));
        let p = RtpPacket::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(p.marker(), marker);
        prop_assert_eq!(p.payload_type(), payload_type);
        prop_assert_eq!(p.sequence_number(), sequence_number);
        prop_assert_eq!(p.timestamp(), timestamp);
        prop_assert_eq!(p.ssrc(), ssrc);
        prop_assert_eq!(p.csrcs().collect::<Vec<_>>(), csrcs);
        prop_assert_eq!(p.payload(), &payload[..]);
        prop_assert_eq!(p.padding_len(), usize::from(padding));
        match (&extension, p.extension()) {
            (None, None) => {}
            (Some(Ok(_)), Some(e)) => {
                let parsed: Vec<_> = e.elements().collect::<Result<_, _>>().unwrap();
                prop_assert_eq!(parsed, elements);
            }
            (Some(Err((profile, _))), Some(e)) => {
                prop_assert_eq!(e.profile(), *profile);
                prop_assert_eq!(e.data(), &raw_data[..]);
            }
            (want, got) => prop_assert!(false, "extension {want:?} came back as {got:?}"),
        }
        // And the parse writes back to the same bytes.
        prop_assert!(common::rtp_reemit(&buf));
    }
}
