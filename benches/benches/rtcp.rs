//! `rtcp/parse`: parse an RTCP compound, read every field of every packet and walk
//! every list; rtcinspect beside webrtc-rs `rtcp` and GStreamer's `rtcp-types`, on the
//! same bytes.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::{
    incumbents, rtcp_rr_nack_pli_remb, rtcp_rtcinspect, rtcp_sr_sdes, rtcp_twcc_100,
};

fn rtcp_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("rtcp/parse");
    for (name, bytes) in [
        ("sr-sdes", rtcp_sr_sdes()),
        ("rr-nack-pli-remb", rtcp_rr_nack_pli_remb()),
        ("twcc-100", rtcp_twcc_100()),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("rtcinspect", name), &bytes[..], |b, p| {
            b.iter(|| rtcp_rtcinspect(black_box(p)))
        });
        let shared = Bytes::from(bytes.clone());
        group.bench_with_input(BenchmarkId::new("webrtc-rs", name), &shared, |b, p| {
            b.iter(|| incumbents::rtcp_webrtc_rs(black_box(p)))
        });
        group.bench_with_input(BenchmarkId::new("rtcp-types", name), &bytes[..], |b, p| {
            b.iter(|| incumbents::rtcp_rtcp_types(black_box(p)))
        });
    }
    group.finish();
}

criterion_group!(benches, rtcp_parse);
criterion_main!(benches);
