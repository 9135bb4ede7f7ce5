//! Property tests for [`rtcinspect_wire::rtp::payload`]: arbitrary bytes never panic any
//! parser, and every writer round-trips (`Repr → emit → parse == Repr`, and for parsed
//! input `parse → Repr → emit → parse` is stable).

use proptest::prelude::*;
use rtcinspect_wire::rtp::payload::PictureId;
use rtcinspect_wire::rtp::payload::av1::{Av1Payload, Av1PayloadRepr};
use rtcinspect_wire::rtp::payload::h264::{
    H264AggregateKind, H264AggregateRepr, H264AggregationUnit, H264FragmentKind, H264FragmentRepr,
    H264Nal, H264NalHeader, H264Payload,
};
use rtcinspect_wire::rtp::payload::opus::{OpusFraming, OpusHeaderRepr, OpusPacket, OpusToc};
use rtcinspect_wire::rtp::payload::vp8::{
    Vp8Descriptor, Vp8DescriptorRepr, Vp8KeyframeSize, Vp8PayloadHeader, Vp8TemporalLayer,
};
use rtcinspect_wire::rtp::payload::vp9::{
    Vp9Descriptor, Vp9DescriptorRepr, Vp9Layer, Vp9Mode, Vp9PDiffs, Vp9PictureGroupEntry,
    Vp9Resolution, Vp9Ss, Vp9SsRepr,
};

// ---------------------------------------------------------------------------------------
// Strategies

fn picture_id() -> impl Strategy<Value = PictureId> {
    prop_oneof![
        (0u8..0x80).prop_map(PictureId::Short),
        (0u16..0x8000).prop_map(PictureId::Long),
    ]
}

fn vp8_repr() -> impl Strategy<Value = Vp8DescriptorRepr> {
    (
        any::<bool>(),
        any::<bool>(),
        0u8..8,
        proptest::option::of(picture_id()),
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

fn vp8_payload_header() -> impl Strategy<Value = Vp8PayloadHeader> {
    let size =
        (0u16..0x4000, 0u8..4, 0u16..0x4000, 0u8..4).prop_map(|(w, hs, h, vs)| Vp8KeyframeSize {
            width: w,
            horizontal_scale: hs,
            height: h,
            vertical_scale: vs,
        });
    (
        any::<bool>(),
        0u8..8,
        0u32..0x8_0000,
        proptest::option::of(size),
    )
        .prop_map(
            |(show_frame, version, first_partition_size, keyframe)| Vp8PayloadHeader {
                show_frame,
                version,
                first_partition_size,
                keyframe,
            },
        )
}

fn p_diffs(max: u8) -> impl Strategy<Value = Vp9PDiffs> {
    proptest::collection::vec(0..=max, 0..=3).prop_map(|d| Vp9PDiffs::new(&d).unwrap_or_default())
}

fn vp9_layer() -> impl Strategy<Value = Vp9Layer> {
    (0u8..8, any::<bool>(), 0u8..8, any::<bool>()).prop_map(|(t, u, s, d)| Vp9Layer {
        temporal_id: t,
        switching_up: u,
        spatial_id: s,
        inter_layer_dependency: d,
    })
}

/// The fields of a scalability structure, owned so that a `Vp9SsRepr` can borrow them.
#[derive(Debug, Clone)]
struct SsFields {
    layers: u8,
    resolutions: Option<Vec<Vp9Resolution>>,
    picture_group: Option<Vec<Vp9PictureGroupEntry>>,
}

impl SsFields {
    fn repr(&self) -> Vp9SsRepr<'_> {
        Vp9SsRepr {
            spatial_layers: self.layers,
            resolutions: self.resolutions.as_deref(),
            picture_group: self.picture_group.as_deref(),
        }
    }
}

fn ss_fields() -> impl Strategy<Value = SsFields> {
    (1u8..=8).prop_flat_map(|layers| {
        let res = (any::<u16>(), any::<u16>())
            .prop_map(|(width, height)| Vp9Resolution { width, height });
        let entry =
            (0u8..8, any::<bool>(), p_diffs(255)).prop_map(|(t, u, d)| Vp9PictureGroupEntry {
                temporal_id: t,
                switching_up: u,
                p_diffs: d,
            });
        (
            Just(layers),
            proptest::option::of(proptest::collection::vec(res, usize::from(layers))),
            proptest::option::of(proptest::collection::vec(entry, 0..12)),
        )
            .prop_map(|(layers, resolutions, picture_group)| SsFields {
                layers,
                resolutions,
                picture_group,
            })
    })
}

/// A VP9 descriptor's fields other than the scalability structure.
fn vp9_base() -> impl Strategy<Value = Vp9DescriptorRepr<'static>> {
    let mode = prop_oneof![
        (any::<bool>(), any::<u8>()).prop_map(|(p, tl0)| Vp9Mode::NonFlexible {
            inter_picture_predicted: p,
            tl0_pic_idx: tl0,
        }),
        p_diffs(127).prop_map(|p_diffs| Vp9Mode::Flexible { p_diffs }),
    ];
    (
        proptest::option::of(picture_id()),
        proptest::option::of(vp9_layer()),
        mode,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(picture_id, layer, mut mode, b, e, z)| {
            // TL0PICIDX only exists with layer indices; without them it reads as 0.
            if let (None, Vp9Mode::NonFlexible { tl0_pic_idx, .. }) = (layer, &mut mode) {
                *tl0_pic_idx = 0;
            }
            Vp9DescriptorRepr {
                picture_id,
                layer,
                mode,
                start_of_frame: b,
                end_of_frame: e,
                not_reference_for_upper_layer: z,
                scalability_structure: None,
            }
        })
}

fn nal_unit() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 1..40)
}

fn aggregate_kind() -> impl Strategy<Value = H264AggregateKind> {
    prop_oneof![
        Just(H264AggregateKind::StapA),
        Just(H264AggregateKind::StapB),
        Just(H264AggregateKind::Mtap16),
        Just(H264AggregateKind::Mtap24),
    ]
}

/// Encodes a frame length as RFC 6716 §3.2.1 describes: one byte below 252, else
/// `first = 252 + (len mod 4)` and `second = (len - first) / 4`.
fn opus_frame_len(len: usize, out: &mut Vec<u8>) {
    if len < 252 {
        out.push(len as u8);
    } else {
        let first = 252 + (len & 3);
        out.push(first as u8);
        out.push(((len - first) / 4) as u8);
    }
}

/// A valid Opus packet built independently of the crate's writer, with its header
/// fields and its frames.
fn opus_packet() -> impl Strategy<Value = (OpusHeaderRepr, Vec<Vec<u8>>, usize, Vec<u8>)> {
    (0u8..32, any::<bool>(), 0u8..4).prop_flat_map(|(config, stereo, code)| {
        let toc = OpusToc::from_byte(config << 3);
        let max_count = (5760 / toc.frame_samples_48k()) as usize;
        let count = match code {
            0 => Just(1usize).boxed(),
            1 | 2 => Just(2usize).boxed(),
            _ => (1..=max_count).boxed(),
        };
        (
            Just((config, stereo, code)),
            count,
            any::<bool>(),
            0usize..300,
            0usize..400,
        )
            .prop_flat_map(|((config, stereo, code), count, vbr, padding, cbr_len)| {
                let vbr = vbr && code == 3;
                let frames = if code == 1 || (code == 3 && !vbr) {
                    // Equal sizes.
                    Just(cbr_len.min(1275))
                        .prop_flat_map(move |len| {
                            proptest::collection::vec(
                                proptest::collection::vec(any::<u8>(), len),
                                count,
                            )
                        })
                        .boxed()
                } else {
                    proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), count)
                        .boxed()
                };
                (Just((config, stereo, code, vbr, padding)), frames)
            })
            .prop_map(|((config, stereo, code, vbr, padding), frames)| {
                let padding = if code == 3 { padding } else { 0 };
                let framing = match code {
                    0 => OpusFraming::One,
                    1 => OpusFraming::TwoEqual,
                    2 => OpusFraming::TwoDifferent,
                    _ => OpusFraming::Arbitrary {
                        vbr,
                        padding: padding > 0,
                        count: frames.len() as u8,
                    },
                };
                let header = OpusHeaderRepr {
                    config,
                    stereo,
                    framing,
                };
                let mut bytes = vec![(config << 3) | if stereo { 4 } else { 0 } | code];
                if code == 3 {
                    let mut fc = frames.len() as u8;
                    if vbr {
                        fc |= 0x80;
                    }
                    if padding > 0 {
                        fc |= 0x40;
                    }
                    bytes.push(fc);
                    if padding > 0 {
                        // RFC 6716 §3.2.5: 255 means 254 bytes and another length byte.
                        let mut left = padding;
                        while left >= 255 {
                            bytes.push(255);
                            left -= 254;
                        }
                        bytes.push(left as u8);
                    }
                }
                if code == 2 || vbr {
                    for f in &frames[..frames.len() - 1] {
                        opus_frame_len(f.len(), &mut bytes);
                    }
                }
                for f in &frames {
                    bytes.extend_from_slice(f);
                }
                bytes.resize(bytes.len() + padding, 0);
                (header, frames, padding, bytes)
            })
    })
}

// ---------------------------------------------------------------------------------------
// Exercising every accessor of a parsed view: any panic fails the test.

fn touch_vp8(d: &Vp8Descriptor<'_>) {
    let _ = (d.extended(), d.non_reference(), d.reserved_bits());
    let _ = (
        d.picture_id(),
        d.tl0_pic_idx(),
        d.temporal_layer(),
        d.key_idx(),
    );
    assert_eq!(d.header_len() + d.payload().len(), d.as_bytes().len());
    let _ = (d.payload_header(), d.starts_keyframe());
}

fn touch_vp9(d: &Vp9Descriptor<'_>) {
    let _ = (d.picture_id(), d.layer(), d.tl0_pic_idx(), d.p_diffs());
    let _ = (
        d.end_of_frame(),
        d.not_reference_for_upper_layer(),
        d.starts_keyframe(),
    );
    assert_eq!(d.header_len() + d.payload().len(), d.as_bytes().len());
    assert_eq!(
        d.scalability_structure().is_some(),
        d.has_scalability_structure()
    );
    if let Some(ss) = d.scalability_structure() {
        let res = ss.resolutions().count();
        assert_eq!(
            res,
            if ss.has_resolutions() {
                usize::from(ss.spatial_layers())
            } else {
                0
            }
        );
        assert_eq!(
            ss.picture_group().count(),
            usize::from(ss.picture_group_len())
        );
    }
}

fn touch_h264(p: &H264Payload<'_>) {
    let _ = (
        p.header(),
        p.contains_sps(),
        p.contains_pps(),
        p.contains_idr(),
    );
    let _ = (p.starts_keyframe(), p.starts_nal_unit());
    match p {
        H264Payload::Single(n) => assert_eq!(n.body().len() + 1, n.len()),
        H264Payload::Aggregate(a) => {
            let mut covered = 1 + if a.don().is_some() { 2 } else { 0 };
            let extra = match a.kind() {
                H264AggregateKind::Mtap16 => 3,
                H264AggregateKind::Mtap24 => 4,
                _ => 0,
            };
            let mut n = 0;
            for u in a.units() {
                assert!(!u.nal.is_empty());
                covered += 2 + extra + u.nal.len();
                n += 1;
            }
            assert!(n >= 1);
            assert_eq!(covered, a.as_bytes().len(), "units cover the payload");
        }
        H264Payload::Fragment(f) => {
            let _ = (f.start(), f.end(), f.reserved(), f.nal_header(), f.don());
            assert!(f.fragment().len() < f.as_bytes().len());
        }
        _ => {}
    }
}

fn touch_av1(p: &Av1Payload<'_>) {
    let elements: Vec<_> = p.elements().collect();
    assert_eq!(elements.len(), p.element_count());
    let w = usize::from(p.header().element_count);
    if w != 0 {
        assert_eq!(elements.len(), w);
    }
    for e in &elements {
        let _ = (e.obu_header(), e.continues(), e.is_continuation());
    }
    let _ = p.starts_keyframe();
}

fn touch_opus(p: &OpusPacket<'_>) {
    let toc = p.toc();
    let _ = (
        toc.mode(),
        toc.bandwidth(),
        toc.stereo(),
        p.frame_count_byte(),
    );
    let frames: Vec<_> = p.frames().collect();
    assert_eq!(frames.len(), usize::from(p.frame_count()));
    assert!(frames.iter().all(|f| f.len() <= 1275));
    assert!(p.duration_samples_48k() <= 5760);
    assert!(p.padding_len() <= p.as_bytes().len());
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    /// Every parser accepts or rejects arbitrary bytes without panicking, and what it
    /// accepts can be read through every accessor.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(d) = Vp8Descriptor::new_checked(&bytes) {
            touch_vp8(&d);
            // Re-emitting is stable: parse(emit(repr)) == repr.
            let repr = Vp8DescriptorRepr::parse(&d);
            let mut out = [0u8; 8];
            let n = repr.emit(&mut out).unwrap();
            let again = Vp8Descriptor::new_checked(&out[..n]).unwrap();
            prop_assert_eq!(Vp8DescriptorRepr::parse(&again), repr);
        }
        let _ = Vp8PayloadHeader::parse(&bytes);
        if let Ok(d) = Vp9Descriptor::new_checked(&bytes) {
            touch_vp9(&d);
            let repr = Vp9DescriptorRepr::parse(&d);
            let mut out = vec![0u8; repr.buffer_len()];
            let n = repr.emit(&mut out).unwrap();
            let again = Vp9Descriptor::new_checked(&out[..n]).unwrap();
            prop_assert_eq!(Vp9DescriptorRepr::parse(&again), repr);
        }
        let _ = Vp9Ss::new_checked(&bytes);
        if let Ok(p) = H264Payload::new_checked(&bytes) {
            touch_h264(&p);
        }
        if let Ok(p) = Av1Payload::new_checked(&bytes) {
            touch_av1(&p);
        }
        if let Ok(p) = OpusPacket::new_checked(&bytes) {
            touch_opus(&p);
        }
    }

    /// Same, with a first byte chosen to reach the aggregation and fragmentation paths.
    #[test]
    fn h264_structured_bytes_never_panic(
        t in 24u8..30,
        nri in 0u8..4,
        rest in proptest::collection::vec(any::<u8>(), 0..80),
    ) {
        let mut bytes = vec![nri << 5 | t];
        bytes.extend_from_slice(&rest);
        if let Ok(p) = H264Payload::new_checked(&bytes) {
            touch_h264(&p);
        }
    }

    #[test]
    fn vp8_repr_round_trip(repr in vp8_repr(), data in proptest::collection::vec(any::<u8>(), 0..8)) {
        let mut bytes = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut bytes), Ok(bytes.len()));
        bytes.extend_from_slice(&data);
        let d = Vp8Descriptor::new_checked(&bytes).unwrap();
        prop_assert_eq!(d.header_len(), repr.buffer_len());
        prop_assert_eq!(d.payload(), &data[..]);
        let parsed = Vp8DescriptorRepr::parse(&d);
        prop_assert_eq!(parsed, repr);
        // And the bytes are a fixed point.
        let mut again = vec![0u8; parsed.buffer_len()];
        parsed.emit(&mut again).unwrap();
        prop_assert_eq!(&again[..], &bytes[..repr.buffer_len()]);
    }

    #[test]
    fn vp8_payload_header_round_trip(h in vp8_payload_header()) {
        let mut bytes = [0u8; 10];
        let n = h.emit(&mut bytes).unwrap();
        prop_assert_eq!(n, h.buffer_len());
        prop_assert_eq!(Vp8PayloadHeader::parse(&bytes[..n]), Ok(h));
    }

    #[test]
    fn vp9_repr_round_trip(
        base in vp9_base(),
        ss in proptest::option::of(ss_fields()),
        data in proptest::collection::vec(any::<u8>(), 0..8),
    ) {
        let ss_bytes = match &ss {
            Some(fields) => {
                let ss_repr = fields.repr();
                let mut b = vec![0u8; ss_repr.buffer_len()];
                prop_assert_eq!(ss_repr.emit(&mut b), Ok(b.len()));
                b
            }
            None => Vec::new(),
        };
        let mut repr = base;
        if let Some(fields) = &ss {
            let view = Vp9Ss::new_checked(&ss_bytes).unwrap();
            prop_assert_eq!(view.len(), ss_bytes.len());
            prop_assert_eq!(view.spatial_layers(), fields.layers);
            let res: Vec<_> = view.resolutions().collect();
            prop_assert_eq!(res, fields.resolutions.clone().unwrap_or_default());
            let pg: Vec<_> = view.picture_group().collect();
            prop_assert_eq!(view.has_picture_group(), fields.picture_group.is_some());
            prop_assert_eq!(pg, fields.picture_group.clone().unwrap_or_default());
            repr.scalability_structure = Some(view);
        }
        let mut bytes = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut bytes), Ok(bytes.len()));
        bytes.extend_from_slice(&data);
        let d = Vp9Descriptor::new_checked(&bytes).unwrap();
        prop_assert_eq!(d.header_len(), repr.buffer_len());
        prop_assert_eq!(d.payload(), &data[..]);
        prop_assert_eq!(Vp9DescriptorRepr::parse(&d), repr);
    }

    #[test]
    fn h264_aggregate_round_trip(
        kind in aggregate_kind(),
        don in any::<u16>(),
        nals in proptest::collection::vec((nal_unit(), any::<u8>(), any::<u32>()), 1..6),
    ) {
        let ts_mask = if kind == H264AggregateKind::Mtap16 { 0xffff } else { 0xff_ffff };
        let mtap = matches!(kind, H264AggregateKind::Mtap16 | H264AggregateKind::Mtap24);
        let units: Vec<_> = nals
            .iter()
            .map(|(nal, dond, ts)| H264AggregationUnit {
                nal: H264Nal::new_checked(nal).unwrap(),
                dond: mtap.then_some(*dond),
                ts_offset: mtap.then_some(ts & ts_mask),
            })
            .collect();
        let repr = H264AggregateRepr { kind, don, units: &units };
        let mut bytes = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut bytes), Ok(bytes.len()));
        let p = H264Payload::new_checked(&bytes).unwrap();
        let H264Payload::Aggregate(a) = p else {
            return Err(TestCaseError::fail("not an aggregate"));
        };
        prop_assert_eq!(a.kind(), kind);
        prop_assert_eq!(a.header(), repr.header());
        prop_assert_eq!(a.don(), (kind != H264AggregateKind::StapA).then_some(don));
        let parsed: Vec<_> = a.units().collect();
        prop_assert_eq!(&parsed, &units);
        // The header is the RFC 6184 §5.7 rule, computed here independently.
        let f = nals.iter().any(|(n, _, _)| n[0] & 0x80 != 0);
        let nri = nals.iter().map(|(n, _, _)| (n[0] >> 5) & 3).max().unwrap();
        prop_assert_eq!(a.header().forbidden, f);
        prop_assert_eq!(a.header().nri, nri);
    }

    #[test]
    fn h264_fragment_round_trip(
        fu_b in any::<bool>(),
        nal_header in any::<u8>(),
        start in any::<bool>(),
        end in any::<bool>(),
        don in any::<u16>(),
        fragment in proptest::collection::vec(any::<u8>(), 0..20),
    ) {
        let kind = if fu_b { H264FragmentKind::FuB } else { H264FragmentKind::FuA };
        let repr = H264FragmentRepr {
            kind,
            nal_header: H264NalHeader::from_byte(nal_header),
            start,
            end,
            don: if fu_b { don } else { 0 },
        };
        let mut bytes = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut bytes), Ok(bytes.len()));
        bytes.extend_from_slice(&fragment);
        let H264Payload::Fragment(f) = H264Payload::new_checked(&bytes).unwrap() else {
            return Err(TestCaseError::fail("not a fragment"));
        };
        prop_assert_eq!(H264FragmentRepr::parse(&f), repr);
        prop_assert_eq!(f.nal_header().to_byte(), nal_header);
        prop_assert_eq!(f.fragment(), &fragment[..]);
    }

    #[test]
    fn av1_repr_round_trip(
        z in any::<bool>(),
        y in any::<bool>(),
        n in any::<bool>(),
        omit in any::<bool>(),
        elements in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..6),
    ) {
        let slices: Vec<&[u8]> = elements.iter().map(Vec::as_slice).collect();
        let repr = Av1PayloadRepr {
            first_is_continuation: z,
            last_continues: y,
            new_coded_video_sequence: n,
            omit_last_length: omit,
            elements: &slices,
        };
        let mut bytes = vec![0u8; repr.buffer_len()];
        prop_assert_eq!(repr.emit(&mut bytes), Ok(bytes.len()));
        let p = Av1Payload::new_checked(&bytes).unwrap();
        let parsed: Vec<&[u8]> = p.elements().map(|e| e.data()).collect();
        prop_assert_eq!(&parsed, &slices);
        let expected = Av1PayloadRepr {
            omit_last_length: repr.element_count_field() != 0,
            ..repr
        };
        prop_assert_eq!(Av1PayloadRepr { elements: &parsed, ..Av1PayloadRepr::parse(&p) }, expected);
        prop_assert_eq!(p.starts_keyframe(), n);
    }

    #[test]
    fn opus_round_trip((header, frames, padding, bytes) in opus_packet()) {
        let p = OpusPacket::new_checked(&bytes).unwrap();
        prop_assert_eq!(OpusHeaderRepr::parse(&p), header);
        let parsed: Vec<&[u8]> = p.frames().collect();
        let expected: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(parsed, expected);
        prop_assert_eq!(p.padding_len(), padding);
        prop_assert_eq!(
            p.duration_samples_48k(),
            frames.len() as u32 * p.toc().frame_samples_48k()
        );
        let mut out = [0u8; 2];
        let n = header.emit(&mut out).unwrap();
        prop_assert_eq!(&out[..n], &bytes[..n]);
    }
}
