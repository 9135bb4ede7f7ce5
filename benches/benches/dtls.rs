//! `dtls/parse`: a WebRTC ClientHello flight (record header, handshake header, every
//! ClientHello field, every extension walked, use_srtp profiles read); rtcinspect
//! beside `tls-parser` and webrtc-rs `dtls`, on the same bytes.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::dtls::{
    dtls_client_hello, dtls_rtcinspect, dtls_tls_parser, dtls_webrtc_rs,
};

fn dtls_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("dtls/parse");
    let name = "client-hello";
    let bytes = dtls_client_hello();
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_with_input(BenchmarkId::new("rtcinspect", name), &bytes[..], |b, p| {
        b.iter(|| dtls_rtcinspect(black_box(p)))
    });
    group.bench_with_input(BenchmarkId::new("tls-parser", name), &bytes[..], |b, p| {
        b.iter(|| dtls_tls_parser(black_box(p)))
    });
    group.bench_with_input(BenchmarkId::new("webrtc-rs", name), &bytes[..], |b, p| {
        b.iter(|| dtls_webrtc_rs(black_box(p)))
    });
    group.finish();
}

criterion_group!(benches, dtls_parse);
criterion_main!(benches);
