//! `rtp/parse`: parse an RTP packet, read every header field, walk the CSRCs and the
//! header extension elements, take the payload; rtcinspect beside webrtc-rs `rtp` and
//! GStreamer's `rtp-types`, on the same bytes.
#![allow(missing_docs)]

use std::hint::black_box;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::{incumbents, rtp_audio_172, rtp_rtcinspect, rtp_video_1200};

fn rtp_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("rtp/parse");
    for (name, bytes) in [
        ("audio-172", rtp_audio_172()),
        ("video-1200", rtp_video_1200()),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("rtcinspect", name), &bytes[..], |b, p| {
            b.iter(|| rtp_rtcinspect(black_box(p)))
        });
        let shared = Bytes::from(bytes.clone());
        group.bench_with_input(BenchmarkId::new("webrtc-rs", name), &shared, |b, p| {
            b.iter(|| incumbents::rtp_webrtc_rs(black_box(p)))
        });
        group.bench_with_input(BenchmarkId::new("rtp-types", name), &bytes[..], |b, p| {
            b.iter(|| incumbents::rtp_rtp_types(black_box(p)))
        });
    }
    group.finish();
}

criterion_group!(benches, rtp_parse);
criterion_main!(benches);
