//! Parses arbitrary bytes as each RTP payload format. What parses must be readable
//! through every accessor, and its writer must reproduce it: parse → Repr → emit → parse
//! gives the same Repr, and the emitted header is byte for byte the parsed one whenever
//! the input had no reserved bits set.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_wire::rtp::payload::av1::{Av1Payload, Av1PayloadRepr};
use rtcinspect_wire::rtp::payload::h264::{H264AggregateRepr, H264FragmentRepr, H264Payload};
use rtcinspect_wire::rtp::payload::opus::{OpusHeaderRepr, OpusPacket};
use rtcinspect_wire::rtp::payload::vp8::{Vp8Descriptor, Vp8DescriptorRepr};
use rtcinspect_wire::rtp::payload::vp9::{Vp9Descriptor, Vp9DescriptorRepr};

fuzz_target!(|data: &[u8]| {
    let mut out = vec![0u8; data.len() + 16];

    if let Ok(d) = Vp8Descriptor::new_checked(data) {
        let repr = Vp8DescriptorRepr::parse(&d);
        let n = repr.emit(&mut out).unwrap();
        let again = Vp8Descriptor::new_checked(&out[..n]).unwrap();
        assert_eq!(Vp8DescriptorRepr::parse(&again), repr);
        let _ = (d.payload_header(), d.starts_keyframe());
    }

    if let Ok(d) = Vp9Descriptor::new_checked(data) {
        let repr = Vp9DescriptorRepr::parse(&d);
        let n = repr.emit(&mut out).unwrap();
        let again = Vp9Descriptor::new_checked(&out[..n]).unwrap();
        assert_eq!(Vp9DescriptorRepr::parse(&again), repr);
        let _ = (d.p_diffs(), d.starts_keyframe());
        if let Some(ss) = d.scalability_structure() {
            assert_eq!(
                ss.picture_group().count(),
                usize::from(ss.picture_group_len())
            );
        }
    }

    if let Ok(p) = H264Payload::new_checked(data) {
        let _ = (p.contains_sps(), p.contains_idr(), p.starts_keyframe());
        match p {
            H264Payload::Aggregate(a) => {
                let units: Vec<_> = a.units().collect();
                let repr = H264AggregateRepr {
                    kind: a.kind(),
                    don: a.don().unwrap_or(0),
                    units: &units,
                };
                let n = repr.emit(&mut out).unwrap();
                // Everything but the computed header byte is reproduced.
                assert_eq!(&out[1..n], &data[1..]);
            }
            H264Payload::Fragment(f) => {
                let repr = H264FragmentRepr::parse(&f);
                let n = repr.emit(&mut out).unwrap();
                assert_eq!(out[0], data[0]);
                assert_eq!(out[1], data[1] & !0x20, "R is written as 0");
                assert_eq!(&out[2..n], &data[2..n]);
            }
            _ => {}
        }
    }

    if let Ok(p) = Av1Payload::new_checked(data) {
        let elements: Vec<&[u8]> = p.elements().map(|e| e.data()).collect();
        let repr = Av1PayloadRepr {
            elements: &elements,
            ..Av1PayloadRepr::parse(&p)
        };
        let n = repr.emit(&mut out).unwrap();
        let again = Av1Payload::new_checked(&out[..n]).unwrap();
        let elements_again: Vec<&[u8]> = again.elements().map(|e| e.data()).collect();
        assert_eq!(elements_again, elements);
        for e in p.elements() {
            let _ = e.obu_header();
        }
    }

    if let Ok(p) = OpusPacket::new_checked(data) {
        assert_eq!(p.frames().count(), usize::from(p.frame_count()));
        let repr = OpusHeaderRepr::parse(&p);
        let n = repr.emit(&mut out).unwrap();
        assert_eq!(&out[..n], &data[..n]);
    }
});
