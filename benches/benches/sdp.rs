//! `sdp/parse` and `sdp/resolve` on the realistic 5.7 KB Chromium offer: rtcinspect
//! beside webrtc-rs `sdp` and `sdp-types`, doing the same work (see
//! `rtcinspect_benches::sdp`).
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::sdp::*;

fn sdp_benches(c: &mut Criterion) {
    let name = "chrome-offer-5k";
    let text = CHROME_OFFER_5K;
    type Work = fn(&str) -> u64;
    let groups: [(&str, [(&str, Work); 3]); 2] = [
        (
            "sdp/parse",
            [
                ("rtcinspect", parse_rtcinspect),
                ("webrtc-rs", parse_webrtc_rs),
                ("sdp-types", parse_sdp_types),
            ],
        ),
        (
            "sdp/resolve",
            [
                ("rtcinspect", resolve_rtcinspect),
                ("webrtc-rs", resolve_webrtc_rs),
                ("sdp-types", resolve_sdp_types),
            ],
        ),
    ];
    for (group_name, impls) in groups {
        let mut group = c.benchmark_group(group_name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        for (implementation, work) in impls {
            group.bench_with_input(BenchmarkId::new(implementation, name), text, |b, t| {
                b.iter(|| work(black_box(t)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, sdp_benches);
criterion_main!(benches);
