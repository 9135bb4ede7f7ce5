//! Differential tests of [`rtcinspect_wire::rtp::payload`] against the webrtc-rs `rtp`
//! crate (0.17): on fixed packets, on random valid descriptors and on the packets
//! webrtc-rs's own payloaders produce, every field both decode must agree.
//!
//! Where webrtc-rs departs from the RFCs, a `deviation_*` test pins the difference down
//! (what webrtc-rs does, what the RFC says, what we do) instead of hiding it.

// Helpers outside `#[test]` functions are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use bytes::Bytes;
use proptest::prelude::*;
use rtcinspect_wire::rtp::payload::PictureId;
use rtcinspect_wire::rtp::payload::av1::{Av1ObuType, Av1Payload};
use rtcinspect_wire::rtp::payload::h264::{
    H264AggregateKind, H264AggregateRepr, H264AggregationUnit, H264Nal, H264NalType, H264Payload,
};
use rtcinspect_wire::rtp::payload::opus::OpusPacket;
use rtcinspect_wire::rtp::payload::vp8::{Vp8Descriptor, Vp8DescriptorRepr, Vp8TemporalLayer};
use rtcinspect_wire::rtp::payload::vp9::{
    Vp9Descriptor, Vp9DescriptorRepr, Vp9Layer, Vp9Mode, Vp9PDiffs, Vp9PictureGroupEntry,
    Vp9Resolution, Vp9Ss, Vp9SsRepr,
};
use rtp::codecs::av1::Av1Payloader;
use rtp::codecs::h264::{H264Packet, H264Payloader};
use rtp::codecs::opus::OpusPacket as WebrtcOpus;
use rtp::codecs::vp8::{Vp8Packet, Vp8Payloader};
use rtp::codecs::vp9::{Vp9Packet, Vp9Payloader};
use rtp::packetizer::{Depacketizer, Payloader};

// ---------------------------------------------------------------------------------------
// VP8

/// Compares every field both parsers decode; returns webrtc-rs's payload.
fn compare_vp8(bytes: &[u8]) -> Result<(), TestCaseError> {
    let ours = Vp8Descriptor::new_checked(bytes).expect("valid descriptor");
    let mut theirs = Vp8Packet::default();
    let payload = theirs
        .depacketize(&Bytes::copy_from_slice(bytes))
        .expect("webrtc-rs accepts");
    prop_assert_eq!(&payload[..], ours.payload());
    prop_assert_eq!(theirs.x == 1, ours.extended());
    prop_assert_eq!(theirs.n == 1, ours.non_reference());
    prop_assert_eq!(theirs.s == 1, ours.start_of_partition());
    prop_assert_eq!(theirs.pid, ours.partition_index());
    prop_assert_eq!(theirs.i == 1, ours.picture_id().is_some());
    prop_assert_eq!(theirs.l == 1, ours.tl0_pic_idx().is_some());
    prop_assert_eq!(theirs.t == 1, ours.temporal_layer().is_some());
    prop_assert_eq!(theirs.k == 1, ours.key_idx().is_some());
    prop_assert_eq!(
        theirs.picture_id,
        ours.picture_id().map_or(0, PictureId::value)
    );
    prop_assert_eq!(theirs.tl0_pic_idx, ours.tl0_pic_idx().unwrap_or(0));
    let t = ours.temporal_layer().unwrap_or_default();
    prop_assert_eq!(theirs.tid, t.temporal_id);
    prop_assert_eq!(theirs.y == 1, t.layer_sync);
    prop_assert_eq!(theirs.key_idx, ours.key_idx().unwrap_or(0));
    prop_assert_eq!(
        theirs.is_partition_head(&Bytes::copy_from_slice(bytes)),
        ours.start_of_partition()
    );
    Ok(())
}

#[test]
fn vp8_fixed_packets() {
    let packets: &[&[u8]] = &[
        // X=1 S=1 PID=0, I=1, PictureID 17, keyframe payload header (see vp8 unit tests).
        &[
            0x90, 0x80, 0x11, 0x90, 0x0c, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00,
        ],
        // X=0 S=1, interframe payload header.
        &[0x10, 0x51, 0x00, 0x00, 0x77],
        // PID=1, PictureID 4711 (15 bits).
        &[0x91, 0x80, 0x92, 0x67, 0x01, 0x02],
        // I L T K all set: PictureID 4711, TL0PICIDX 5, TID 2 Y 1 KEYIDX 9, one data byte.
        &[0x90, 0xf0, 0x92, 0x67, 0x05, 0xa9, 0xee],
    ];
    for p in packets {
        compare_vp8(p).unwrap();
    }
}

fn vp8_repr() -> impl Strategy<Value = Vp8DescriptorRepr> {
    let pid = prop_oneof![
        (0u8..0x80).prop_map(PictureId::Short),
        (0u16..0x8000).prop_map(PictureId::Long),
    ];
    (
        any::<bool>(),
        any::<bool>(),
        0u8..8,
        proptest::option::of(pid),
        proptest::option::of(any::<u8>()),
        proptest::option::of((0u8..4, any::<bool>())),
        proptest::option::of(0u8..32),
    )
        .prop_map(|(n, s, pid, picture_id, tl0, t, k)| Vp8DescriptorRepr {
            non_reference: n,
            start_of_partition: s,
            partition_index: pid,
            picture_id,
            tl0_pic_idx: tl0,
            temporal_layer: t.map(|(temporal_id, layer_sync)| Vp8TemporalLayer {
                temporal_id,
                layer_sync,
            }),
            key_idx: k,
        })
}

proptest! {
    /// Random descriptors written by our writer, followed by enough VP8 data for
    /// webrtc-rs's length rules (see `deviation_vp8_minimum_length`).
    #[test]
    fn vp8_random_descriptors(repr in vp8_repr(), data in proptest::collection::vec(any::<u8>(), 3..10)) {
        let mut bytes = vec![0u8; repr.buffer_len()];
        repr.emit(&mut bytes).unwrap();
        bytes.extend_from_slice(&data);
        compare_vp8(&bytes)?;
    }
}

/// webrtc-rs rejects a VP8 payload shorter than 4 bytes, and one whose descriptor is
/// not followed by at least one byte of VP8 data. RFC 7741 §4.2 sets neither limit: a
/// one-byte descriptor with 2 bytes of data, or a descriptor alone, is well formed. We
/// accept both (the data is then short or empty).
#[test]
fn deviation_vp8_minimum_length() {
    for bytes in [&[0x10, 0x51, 0x00][..], &[0x90, 0xc0, 0x11, 0x05]] {
        let ours = Vp8Descriptor::new_checked(bytes).unwrap();
        let theirs = Vp8Packet::default().depacketize(&Bytes::copy_from_slice(bytes));
        assert_eq!(theirs, Err(rtp::Error::ErrShortPacket), "{bytes:02x?}");
        assert_eq!(ours.header_len() + ours.payload().len(), bytes.len());
    }
}

/// The packets webrtc-rs's VP8 payloader writes parse with us: S=1 only on the first,
/// the same picture ID everywhere, and the data concatenates back to the frame.
#[test]
fn vp8_payloader_output() {
    let frame: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let mut payloader = Vp8Payloader::default();
    payloader.enable_picture_id = true;
    for picture in 0..130u16 {
        let packets = payloader
            .payload(1200, &Bytes::from(frame.clone()))
            .unwrap();
        assert_eq!(packets.len(), 3);
        let mut data = Vec::new();
        for (i, p) in packets.iter().enumerate() {
            compare_vp8(p).unwrap();
            let d = Vp8Descriptor::new_checked(p).unwrap();
            assert_eq!(d.start_of_partition(), i == 0);
            assert_eq!(d.picture_id().map(PictureId::value), Some(picture));
            data.extend_from_slice(d.payload());
        }
        assert_eq!(data, frame);
    }
}

// ---------------------------------------------------------------------------------------
// VP9

fn compare_vp9(bytes: &[u8]) -> Result<(), TestCaseError> {
    let ours = Vp9Descriptor::new_checked(bytes).expect("valid descriptor");
    let mut theirs = Vp9Packet::default();
    let payload = theirs
        .depacketize(&Bytes::copy_from_slice(bytes))
        .expect("webrtc-rs accepts");
    prop_assert_eq!(&payload[..], ours.payload());
    prop_assert_eq!(theirs.i, ours.picture_id().is_some());
    prop_assert_eq!(theirs.p, ours.inter_picture_predicted());
    prop_assert_eq!(theirs.l, ours.has_layer_indices());
    prop_assert_eq!(theirs.f, ours.flexible());
    prop_assert_eq!(theirs.b, ours.start_of_frame());
    prop_assert_eq!(theirs.e, ours.end_of_frame());
    prop_assert_eq!(theirs.v, ours.has_scalability_structure());
    prop_assert_eq!(theirs.z, ours.not_reference_for_upper_layer());
    prop_assert_eq!(
        theirs.picture_id,
        ours.picture_id().map_or(0, PictureId::value)
    );
    let layer = ours.layer().unwrap_or_default();
    prop_assert_eq!(theirs.tid, layer.temporal_id);
    prop_assert_eq!(theirs.u, layer.switching_up);
    prop_assert_eq!(theirs.sid, layer.spatial_id);
    prop_assert_eq!(theirs.d, layer.inter_layer_dependency);
    prop_assert_eq!(theirs.tl0picidx, ours.tl0_pic_idx().unwrap_or(0));
    let p_diffs = ours.p_diffs();
    prop_assert_eq!(&theirs.pdiff[..], p_diffs.as_slice());
    if let Some(ss) = ours.scalability_structure() {
        prop_assert_eq!(theirs.ns + 1, ss.spatial_layers());
        prop_assert_eq!(theirs.y, ss.has_resolutions());
        prop_assert_eq!(theirs.g, ss.has_picture_group());
        let (w, h): (Vec<u16>, Vec<u16>) = ss.resolutions().map(|r| (r.width, r.height)).unzip();
        if ss.has_resolutions() {
            prop_assert_eq!(&theirs.width, &w);
            prop_assert_eq!(&theirs.height, &h);
        }
        prop_assert_eq!(theirs.ng, ss.picture_group_len());
        let pg: Vec<_> = ss.picture_group().collect();
        prop_assert_eq!(
            theirs.pgtid.clone(),
            pg.iter().map(|e| e.temporal_id).collect::<Vec<_>>()
        );
        prop_assert_eq!(
            theirs.pgu.clone(),
            pg.iter().map(|e| e.switching_up).collect::<Vec<_>>()
        );
        prop_assert_eq!(
            theirs.pgpdiff.clone(),
            pg.iter()
                .map(|e| e.p_diffs.as_slice().to_vec())
                .collect::<Vec<_>>()
        );
    }
    prop_assert_eq!(
        theirs.is_partition_head(&Bytes::copy_from_slice(bytes)),
        ours.start_of_frame()
    );
    Ok(())
}

#[test]
fn vp9_fixed_packets() {
    let packets: &[&[u8]] = &[
        // I F B E, picture ID 0x1234 (M=1), as webrtc-rs's payloader writes it.
        &[0x9c, 0x92, 0x34, 0xaa],
        // I P L F B, picture ID 5, TID=2 U=1, P_DIFFs 1 and 2.
        &[0xf8, 0x05, 0x50, 0x03, 0x04, 0xbb],
        // Non-flexible keyframe with SS: two layers 320x180 and 640x360, two pictures in
        // the group (see the vp9 unit tests for the decoding).
        &[
            0xaa, 0x7f, 0x00, 0xc8, 0x38, 0x01, 0x40, 0x00, 0xb4, 0x02, 0x80, 0x01, 0x68, 0x02,
            0x04, 0x04, 0x38, 0x01, 0x02, 0xcc,
        ],
    ];
    for p in packets {
        compare_vp9(p).unwrap();
    }
}

fn vp9_descriptor() -> impl Strategy<Value = (Vp9DescriptorRepr<'static>, Option<SsOwned>)> {
    let pid = prop_oneof![
        (0u8..0x80).prop_map(PictureId::Short),
        (0u16..0x8000).prop_map(PictureId::Long),
    ];
    // webrtc-rs rejects SID >= 5 and three P_DIFFs: see the deviation tests.
    let layer = (0u8..8, any::<bool>(), 0u8..5, any::<bool>()).prop_map(|(t, u, s, d)| Vp9Layer {
        temporal_id: t,
        switching_up: u,
        spatial_id: s,
        inter_layer_dependency: d,
    });
    let mode = prop_oneof![
        (any::<bool>(), any::<u8>()).prop_map(|(p, tl0)| Vp9Mode::NonFlexible {
            inter_picture_predicted: p,
            tl0_pic_idx: tl0,
        }),
        proptest::collection::vec(0u8..128, 0..=2).prop_map(|d| Vp9Mode::Flexible {
            p_diffs: Vp9PDiffs::new(&d).unwrap_or_default()
        }),
    ];
    let ss = (1u8..=8).prop_flat_map(|layers| {
        let res = (any::<u16>(), any::<u16>())
            .prop_map(|(width, height)| Vp9Resolution { width, height });
        let entry = (
            0u8..8,
            any::<bool>(),
            proptest::collection::vec(any::<u8>(), 0..=3),
        )
            .prop_map(|(t, u, d)| Vp9PictureGroupEntry {
                temporal_id: t,
                switching_up: u,
                p_diffs: Vp9PDiffs::new(&d).unwrap_or_default(),
            });
        (
            Just(layers),
            proptest::option::of(proptest::collection::vec(res, usize::from(layers))),
            proptest::option::of(proptest::collection::vec(entry, 0..10)),
        )
    });
    (
        proptest::option::of(pid),
        proptest::option::of(layer),
        mode,
        any::<(bool, bool, bool)>(),
        proptest::option::of(ss),
    )
        .prop_map(|(picture_id, layer, mode, (b, e, z), ss)| {
            let repr = Vp9DescriptorRepr {
                picture_id,
                layer,
                mode,
                start_of_frame: b,
                end_of_frame: e,
                not_reference_for_upper_layer: z,
                scalability_structure: None,
            };
            let ss = ss.map(|(layers, resolutions, picture_group)| {
                let repr = Vp9SsRepr {
                    spatial_layers: layers,
                    resolutions: resolutions.as_deref(),
                    picture_group: picture_group.as_deref(),
                };
                let mut bytes = vec![0u8; repr.buffer_len()];
                repr.emit(&mut bytes).unwrap();
                SsOwned(bytes)
            });
            (repr, ss)
        })
}

/// The bytes of a scalability structure written by `Vp9SsRepr`.
#[derive(Debug, Clone)]
struct SsOwned(Vec<u8>);

proptest! {
    #[test]
    fn vp9_random_descriptors(
        (repr, ss) in vp9_descriptor(),
        data in proptest::collection::vec(any::<u8>(), 0..6),
    ) {
        let mut repr = repr;
        if let Some(ss) = &ss {
            repr.scalability_structure = Some(Vp9Ss::new_checked(&ss.0).unwrap());
        }
        let mut bytes = vec![0u8; repr.buffer_len()];
        repr.emit(&mut bytes).unwrap();
        bytes.extend_from_slice(&data);
        compare_vp9(&bytes)?;
    }
}

/// RFC 9628 §4.2 allows up to three P_DIFFs ("up to 3 times"); webrtc-rs returns
/// `ErrTooManyPDiff` as soon as it has read the third. libwebrtc accepts three.
#[test]
fn deviation_vp9_three_p_diffs() {
    // I P F B, picture ID 9, P_DIFFs 1, 2, 3 (N=1, N=1, N=0).
    let bytes = [0xd8, 0x09, 0x03, 0x05, 0x06, 0x00];
    let ours = Vp9Descriptor::new_checked(&bytes).unwrap();
    assert_eq!(ours.p_diffs().as_slice(), &[1, 2, 3]);
    let theirs = Vp9Packet::default().depacketize(&Bytes::copy_from_slice(&bytes));
    assert_eq!(theirs, Err(rtp::Error::ErrTooManyPDiff));
}

/// SID is a 3-bit field (RFC 9628 §4.2); webrtc-rs (like libwebrtc, which caps spatial
/// layers at 5) rejects SID 5–7 with `ErrTooManySpatialLayers`. We report the value.
#[test]
fn deviation_vp9_spatial_id_above_4() {
    // L B, TID=0 U=0 SID=5 D=0 (0b000_0_101_0 = 0x0a), TL0PICIDX 0.
    let bytes = [0x28, 0x0a, 0x00, 0xaa];
    let ours = Vp9Descriptor::new_checked(&bytes).unwrap();
    assert_eq!(ours.layer().map(|l| l.spatial_id), Some(5));
    let theirs = Vp9Packet::default().depacketize(&Bytes::copy_from_slice(&bytes));
    assert_eq!(theirs, Err(rtp::Error::ErrTooManySpatialLayers));
}

/// In the SS octet `| N_S |Y|G|-|-|-|`, G is the bit 0x08 and the low three bits are
/// reserved (RFC 9628 §4.2.1: "MUST be set to zero and MUST be ignored by the receiver").
/// webrtc-rs reads G as `(b >> 1) & 7 != 0`, so a reserved bit makes it expect a
/// picture group that is not there.
#[test]
fn deviation_vp9_ss_reserved_bits() {
    // V=1 B=1; SS octet 0x02: N_S=0, Y=0, G=0, one reserved bit set; then VP9 data 0x77.
    let bytes = [0x0a, 0x02, 0x77];
    let ours = Vp9Descriptor::new_checked(&bytes).unwrap();
    let ss = ours.scalability_structure().unwrap();
    assert!(!ss.has_picture_group());
    assert_eq!(ours.payload(), &[0x77]);
    let mut theirs = Vp9Packet::default();
    let result = theirs.depacketize(&Bytes::copy_from_slice(&bytes));
    // webrtc-rs took G=1, read the data byte 0x77 as N_G = 119, and ran out of bytes
    // for the picture group entries.
    assert!(theirs.g);
    assert_eq!(theirs.ng, 0x77);
    assert_eq!(result, Err(rtp::Error::ErrShortPacket));
}

/// webrtc-rs's VP9 payloader: flexible mode, 15-bit picture IDs, B on the first packet
/// and E on the last.
#[test]
fn vp9_payloader_output() {
    let frame: Vec<u8> = (0..=255u8).cycle().take(2500).collect();
    let mut payloader = Vp9Payloader::default();
    payloader.initial_picture_id_fn = Some(Arc::new(|| 0x7ffe));
    for picture in [0x7ffe_u16, 0x7fff, 0x0000, 0x0001] {
        let packets = payloader
            .payload(1000, &Bytes::from(frame.clone()))
            .unwrap();
        let mut data = Vec::new();
        for (i, p) in packets.iter().enumerate() {
            compare_vp9(p).unwrap();
            let d = Vp9Descriptor::new_checked(p).unwrap();
            assert_eq!(d.picture_id(), Some(PictureId::Long(picture)));
            assert_eq!(d.start_of_frame(), i == 0);
            assert_eq!(d.end_of_frame(), i + 1 == packets.len());
            data.extend_from_slice(d.payload());
        }
        assert_eq!(data, frame);
    }
}

// ---------------------------------------------------------------------------------------
// H.264

/// webrtc-rs's H.264 depacketizer, writing AVC (length-prefixed) NAL units.
fn avc_depacketizer() -> H264Packet {
    let mut d = H264Packet::default();
    d.is_avc = true;
    d
}

/// Splits webrtc-rs's AVC output (4-byte big-endian length, NAL unit, ...) into NAL units.
fn avc_units(mut b: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while let Some((len, rest)) = b.split_first_chunk::<4>() {
        let len = u32::from_be_bytes(*len) as usize;
        out.push(&rest[..len]);
        b = &rest[len..];
    }
    out
}

/// Single NAL units and STAP-As: the NAL units webrtc-rs extracts are ours.
fn compare_h264_complete(bytes: &[u8]) {
    let ours = H264Payload::new_checked(bytes).unwrap();
    let expected: Vec<&[u8]> = match ours {
        H264Payload::Single(n) => vec![n.as_bytes()],
        H264Payload::Aggregate(a) => a.units().map(|u| u.nal.as_bytes()).collect(),
        other => panic!("{other:?}"),
    };
    let mut theirs = avc_depacketizer();
    let out = theirs.depacketize(&Bytes::copy_from_slice(bytes)).unwrap();
    assert_eq!(avc_units(&out), expected);
    assert_eq!(
        theirs.is_partition_head(&Bytes::copy_from_slice(bytes)),
        ours.starts_nal_unit()
    );
}

#[test]
fn h264_fixed_packets() {
    // Single IDR slice; STAP-A with SPS, PPS, IDR (see the h264 unit tests).
    compare_h264_complete(&[0x65, 0x88, 0x84, 0x00]);
    compare_h264_complete(&[
        0x78, 0x00, 0x04, 0x67, 0x42, 0xc0, 0x1f, 0x00, 0x02, 0x68, 0xce, 0x00, 0x03, 0x65, 0xb8,
        0x00,
    ]);
}

proptest! {
    /// Random STAP-As from our writer.
    #[test]
    fn h264_random_stap_a(nals in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..50), 1..6)) {
        let units: Vec<_> = nals
            .iter()
            .map(|n| H264AggregationUnit::new(H264Nal::new_checked(n).unwrap()))
            .collect();
        let repr = H264AggregateRepr { kind: H264AggregateKind::StapA, don: 0, units: &units };
        let mut bytes = vec![0u8; repr.buffer_len()];
        repr.emit(&mut bytes).unwrap();
        compare_h264_complete(&bytes);
    }

    /// webrtc-rs's payloader on a random access unit: every packet parses, SPS and PPS
    /// travel in a STAP-A, large NAL units in FU-As, and the NAL units we reassemble from
    /// the FU-As are the ones webrtc-rs's depacketizer returns.
    #[test]
    fn h264_payloader_output(
        slice_len in 2usize..4000,
        idr in any::<bool>(),
        mtu in 100usize..1500,
    ) {
        let slice_header = if idr { 0x65 } else { 0x41 };
        let sps = [0x67, 0x42, 0xc0, 0x1f, 0xda];
        let pps = [0x68, 0xce, 0x3c, 0x80];
        let mut slice = vec![slice_header];
        slice.extend((0..slice_len).map(|i| (i % 251) as u8 | 0x01));
        let mut annexb = Vec::new();
        for nal in [&sps[..], &pps, &slice] {
            annexb.extend_from_slice(&[0, 0, 0, 1]);
            annexb.extend_from_slice(nal);
        }
        let packets = H264Payloader::default().payload(mtu, &Bytes::from(annexb)).unwrap();
        let mut theirs = avc_depacketizer();
        let mut fu: Option<Vec<u8>> = None;
        let mut ours_nals: Vec<Vec<u8>> = Vec::new();
        let mut their_nals: Vec<Vec<u8>> = Vec::new();
        for (i, p) in packets.iter().enumerate() {
            let parsed = H264Payload::new_checked(p).unwrap();
            prop_assert_eq!(
                theirs.is_partition_head(p),
                parsed.starts_nal_unit()
            );
            if i == 0 {
                prop_assert!(parsed.contains_sps() && parsed.contains_pps());
            }
            match parsed {
                H264Payload::Single(n) => ours_nals.push(n.as_bytes().to_vec()),
                H264Payload::Aggregate(a) => {
                    ours_nals.extend(a.units().map(|u| u.nal.as_bytes().to_vec()));
                }
                H264Payload::Fragment(f) => {
                    if f.start() {
                        prop_assert_eq!(parsed.starts_keyframe(), idr);
                        fu = Some(vec![f.nal_header().to_byte()]);
                    }
                    let buf = fu.as_mut().unwrap();
                    buf.extend_from_slice(f.fragment());
                    if f.end() {
                        ours_nals.push(fu.take().unwrap());
                    }
                }
                other => panic!("{other:?}"),
            }
            let out = theirs.depacketize(p).unwrap();
            their_nals.extend(avc_units(&out).into_iter().map(<[u8]>::to_vec));
        }
        prop_assert_eq!(&ours_nals, &their_nals);
        prop_assert_eq!(ours_nals.last().unwrap(), &slice);
    }
}

/// The RTP payload of a whole RTP packet: after the 12-byte fixed header, the CSRCs
/// and the header extension (RFC 3550 §5.1, §5.3.1). Test helper; the packet view lives
/// in `rtp`.
fn rtp_payload(packet: &[u8]) -> &[u8] {
    let mut at = 12 + 4 * usize::from(packet[0] & 0x0f);
    if packet[0] & 0x10 != 0 {
        let words = usize::from(u16::from_be_bytes([packet[at + 2], packet[at + 3]]));
        at += 4 + 4 * words;
    }
    &packet[at..]
}

macro_rules! testdata {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/packets/rtp/",
            $name
        ))
    };
}

/// Real H.264 packets from `membrane_rtp_plugin/demo_rtp.pcap` (an x264 stream). The
/// expected values are tshark's (the `.tshark.txt` beside each file):
/// payload header type, NRI, and for FU-A the S and E bits and the NAL unit type.
#[test]
fn h264_real_packets() {
    // (file, type, NRI, Some((S, E, FU type)) for FU-A)
    type Expected = (&'static [u8], u8, u8, Option<(bool, bool, u8)>);
    let cases: [Expected; 6] = [
        (testdata!("demo_rtp-f7-h264-aud.bin"), 9, 0, None),
        (testdata!("demo_rtp-f8-h264-sps.bin"), 7, 3, None),
        (testdata!("demo_rtp-f9-h264-pps.bin"), 8, 3, None),
        (
            testdata!("demo_rtp-f11-h264-fu-a-idr-start.bin"),
            28,
            3,
            Some((true, false, 5)),
        ),
        (
            testdata!("demo_rtp-f15-h264-fu-a-idr-end.bin"),
            28,
            3,
            Some((false, true, 5)),
        ),
        (
            testdata!("demo_rtp-f17-h264-fu-a-slice-start.bin"),
            28,
            2,
            Some((true, false, 1)),
        ),
    ];
    for (packet, nal_type, nri, fu) in cases {
        let payload = rtp_payload(packet);
        let ours = H264Payload::new_checked(payload).unwrap();
        assert_eq!(ours.header().nal_type.value(), nal_type);
        assert_eq!(ours.header().nri, nri);
        let theirs = avc_depacketizer();
        assert_eq!(
            theirs.is_partition_head(&Bytes::copy_from_slice(payload)),
            ours.starts_nal_unit()
        );
        match (ours, fu) {
            (H264Payload::Fragment(f), Some((start, end, t))) => {
                assert_eq!((f.start(), f.end()), (start, end));
                assert_eq!(f.nal_header().nal_type.value(), t);
                assert_eq!(f.nal_header().nri, nri);
                // An IDR slice's first fragment starts a keyframe; its last one does not.
                assert_eq!(ours.starts_keyframe(), start && t == 5);
                assert_eq!(f.fragment().len(), payload.len() - 2);
            }
            (H264Payload::Single(_), None) => {
                compare_h264_complete(payload);
                assert!(!ours.starts_keyframe());
            }
            other => panic!("{other:?}"),
        }
    }
}

/// STAP-B, MTAP16, MTAP24 and FU-B are defined by RFC 6184 (§5.7, §5.8) for the
/// interleaved mode; webrtc-rs answers `NaluTypeIsNotHandled`. We parse them.
#[test]
fn deviation_h264_interleaved_mode_types() {
    let packets: [(&[u8], u8); 4] = [
        (&[0x59, 0x01, 0x02, 0x00, 0x02, 0x41, 0x9a], 25),
        (
            &[0x5a, 0x00, 0x10, 0x00, 0x02, 0x03, 0x0b, 0xb8, 0x41, 0x9b],
            26,
        ),
        (
            &[0x1b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x09],
            27,
        ),
        (&[0x7d, 0x85, 0x00, 0xff, 0x88], 29),
    ];
    for (bytes, t) in packets {
        assert!(H264Payload::new_checked(bytes).is_ok());
        let theirs = H264Packet::default().depacketize(&Bytes::copy_from_slice(bytes));
        assert_eq!(theirs, Err(rtp::Error::NaluTypeIsNotHandled(t)));
    }
}

/// A STAP-A whose last aggregation unit is cut inside its 2-byte size field makes
/// webrtc-rs index past the end of the packet and panic; we return a typed error.
#[test]
fn deviation_h264_stap_a_cut_size_field_panics() {
    let bytes = [0x78, 0x00, 0x01, 0x67, 0x00];
    assert!(matches!(
        H264Payload::new_checked(&bytes),
        Err(rtcinspect_wire::rtp::payload::PayloadError::Truncated {
            field: "NAL unit size",
            offset: 4,
            needed: 2,
            available: 1,
            ..
        })
    ));
    let result = catch_unwind(AssertUnwindSafe(|| {
        H264Packet::default().depacketize(&Bytes::copy_from_slice(&bytes))
    }));
    assert!(result.is_err(), "webrtc-rs 0.17 panics on this input");
}

/// A zero-size aggregation unit carries no NAL unit header, so RFC 6184 §5.7.1's
/// "NAL unit size ... followed by a NAL unit" cannot hold; webrtc-rs emits an empty NAL
/// unit, we reject the packet.
#[test]
fn deviation_h264_zero_size_unit() {
    let bytes = [0x78, 0x00, 0x00, 0x00, 0x01, 0x09];
    assert!(H264Payload::new_checked(&bytes).is_err());
    let mut theirs = avc_depacketizer();
    let out = theirs.depacketize(&Bytes::copy_from_slice(&bytes)).unwrap();
    assert_eq!(avc_units(&out), [&[][..], &[0x09]]);
}

/// webrtc-rs rejects payloads of one byte, and of two unless the NAL unit is an access
/// unit delimiter; `is_partition_head` is false below two bytes. RFC 6184 §5.6 allows a
/// single NAL unit of any length (end of sequence and end of stream are one byte).
#[test]
fn deviation_h264_short_single_nal_units() {
    // End of sequence (type 10) and end of stream (type 11), one byte each.
    for bytes in [[0x0a], [0x0b]] {
        let ours = H264Payload::new_checked(&bytes).unwrap();
        assert!(ours.starts_nal_unit());
        let theirs = H264Packet::default();
        assert!(!theirs.is_partition_head(&Bytes::copy_from_slice(&bytes)));
        assert_eq!(
            H264Packet::default().depacketize(&Bytes::copy_from_slice(&bytes)),
            Err(rtp::Error::ErrShortPacket)
        );
    }
    // A two-byte SEI.
    let bytes = [0x06, 0x80];
    assert!(H264Payload::new_checked(&bytes).is_ok());
    assert_eq!(
        H264Packet::default().depacketize(&Bytes::copy_from_slice(&bytes)),
        Err(rtp::Error::ErrShortPacket)
    );
}

/// RFC 6184 §5.7: the NRI of an aggregation packet "MUST be the maximum of all the NAL
/// units carried". webrtc-rs's payloader always writes 0x78 (NRI 3) for its SPS+PPS
/// STAP-A; with NRI 1 parameter sets the header we compute is 0x38.
#[test]
fn deviation_h264_stap_a_header_nri() {
    let annexb = [
        0, 0, 0, 1, 0x27, 0x42, 0xc0, 0x1f, // SPS with NRI 1
        0, 0, 0, 1, 0x28, 0xce, // PPS with NRI 1
        0, 0, 0, 1, 0x21, 0x9a, // non-IDR slice with NRI 1
    ];
    let packets = H264Payloader::default()
        .payload(1200, &Bytes::copy_from_slice(&annexb))
        .unwrap();
    let H264Payload::Aggregate(stap) = H264Payload::new_checked(&packets[0]).unwrap() else {
        panic!("expected a STAP-A first");
    };
    assert_eq!(stap.header().to_byte(), 0x78);
    let units: Vec<_> = stap.units().collect();
    let ours = H264AggregateRepr {
        kind: H264AggregateKind::StapA,
        don: 0,
        units: &units,
    };
    assert_eq!(ours.header().to_byte(), 0x38);
    assert_eq!(units[0].nal.nal_type(), H264NalType::Sps);
}

// ---------------------------------------------------------------------------------------
// Opus

/// webrtc-rs's Opus depacketizer passes any non-empty payload through and calls every
/// packet a partition head; it does not read the TOC byte. Both reject an empty payload.
#[test]
fn opus_pass_through() {
    let valid: &[&[u8]] = &[
        &[0x78, 0x01, 0x02],
        &[0x79, 1, 2],
        &[0xfb, 0x83, 0x01, 0x02, 0xa, 0xb, 0xb, 0xc],
    ];
    for bytes in valid {
        assert!(OpusPacket::new_checked(bytes).is_ok());
        let out = WebrtcOpus
            .depacketize(&Bytes::copy_from_slice(bytes))
            .unwrap();
        assert_eq!(&out[..], *bytes);
        assert!(WebrtcOpus.is_partition_head(&Bytes::copy_from_slice(bytes)));
    }
    assert!(OpusPacket::new_checked(&[]).is_err());
    assert!(WebrtcOpus.depacketize(&Bytes::new()).is_err());
}

/// Packets RFC 6716 §3.4 declares malformed (R3: code 1 with an odd length; R5: code 3
/// with M=0) pass webrtc-rs unchecked; we reject them.
#[test]
fn deviation_opus_malformed_packets_pass() {
    for bytes in [&[0x79u8, 1, 2, 3][..], &[0x03, 0x00]] {
        assert!(OpusPacket::new_checked(bytes).is_err());
        assert!(
            WebrtcOpus
                .depacketize(&Bytes::copy_from_slice(bytes))
                .is_ok()
        );
    }
}

// ---------------------------------------------------------------------------------------
// AV1 (webrtc-rs 0.17 has a payloader but no depacketizer)

/// Writes an OBU with `obu_has_size_field` = 1 (the low-overhead format webrtc-rs's
/// payloader takes): header, optional extension, LEB128 size, payload.
fn obu(obu_type: u8, extension: Option<u8>, payload: &[u8], out: &mut Vec<u8>) {
    out.push(obu_type << 3 | u8::from(extension.is_some()) << 2 | 0x02);
    out.extend(extension);
    let mut len = payload.len();
    loop {
        let b = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(payload);
}

proptest! {
    /// Packets from webrtc-rs's AV1 payloader: Z and Y chain across packets, N is set on
    /// the first packet of a temporal unit that starts with a sequence header, and the
    /// OBUs we reassemble from the elements are the input OBUs without their size fields
    /// (temporal delimiters dropped, as the RTP format requires).
    #[test]
    fn av1_payloader_output(
        frame_len in 1usize..5000,
        ext in proptest::option::of(0u8..0xff),
        mtu in 40usize..1200,
    ) {
        let seq_header = [0x00, 0x00, 0x00, 0x0a, 0x0b];
        let frame: Vec<u8> = (0..frame_len).map(|i| (i % 253) as u8).collect();
        let mut tu = Vec::new();
        obu(2, None, &[], &mut tu); // temporal delimiter
        obu(1, None, &seq_header, &mut tu);
        obu(6, ext, &frame, &mut tu);
        let packets = Av1Payloader::default().payload(mtu, &Bytes::from(tu)).unwrap();
        prop_assert!(!packets.is_empty());
        let mut obus: Vec<Vec<u8>> = Vec::new();
        let mut open = false;
        for (i, p) in packets.iter().enumerate() {
            let av1 = Av1Payload::new_checked(p).unwrap();
            prop_assert!(p.len() <= mtu);
            prop_assert_eq!(av1.new_coded_video_sequence(), i == 0);
            prop_assert_eq!(av1.first_is_continuation(), open);
            for e in av1.elements() {
                if e.is_continuation() {
                    obus.last_mut().unwrap().extend_from_slice(e.data());
                } else {
                    obus.push(e.data().to_vec());
                }
            }
            open = av1.last_continues();
        }
        prop_assert!(!open);
        // The expected OBUs: header with obu_has_size_field cleared, no size field.
        let mut seq = vec![0x08];
        seq.extend_from_slice(&seq_header);
        let mut frm = vec![0x30 | u8::from(ext.is_some()) << 2];
        frm.extend(ext);
        frm.extend_from_slice(&frame);
        prop_assert_eq!(&obus, &vec![seq, frm]);
        let first = Av1Payload::new_checked(&packets[0]).unwrap();
        let header = first.elements().next().unwrap().obu_header().unwrap();
        prop_assert_eq!(header.obu_type, Av1ObuType::SequenceHeader);
        prop_assert!(!header.has_size_field);
    }
}
