//! `stun/parse`: parse an ICE connectivity check (Binding request with USERNAME,
//! PRIORITY, ICE-CONTROLLING, MESSAGE-INTEGRITY, FINGERPRINT), check its FINGERPRINT and
//! read its fields; rtcinspect beside webrtc-rs `stun` and `stun-types`, on the same
//! bytes.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::stun::{
    stun_binding_request, stun_rtcinspect, stun_stun_types, stun_webrtc_rs,
};

fn stun_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("stun/parse");
    let name = "binding-request-ice";
    let bytes = stun_binding_request();
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_with_input(BenchmarkId::new("rtcinspect", name), &bytes[..], |b, p| {
        b.iter(|| stun_rtcinspect(black_box(p)))
    });
    let shared = Bytes::from(bytes.clone());
    group.bench_with_input(BenchmarkId::new("webrtc-rs", name), &shared, |b, p| {
        b.iter(|| stun_webrtc_rs(black_box(p)))
    });
    group.bench_with_input(BenchmarkId::new("stun-types", name), &bytes[..], |b, p| {
        b.iter(|| stun_stun_types(black_box(p)))
    });
    group.finish();
}

criterion_group!(benches, stun_parse);
criterion_main!(benches);
