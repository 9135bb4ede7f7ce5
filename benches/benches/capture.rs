//! `capture/extract`: datagrams out of an in-memory pcap with rtcinspect-capture
//! (record walk, Ethernet, IPv4, UDP, payload slice) beside the bare `pcap-parser`
//! record walk over the same bytes (`tests/same_work_capture.rs` checks both saw the
//! same records). The big-file measurement (`cat`, read and in-memory variants, cold
//! cache, peak RSS) is in the README's "Capture: datagram extraction".
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rtcinspect_benches::capture::{extract_rtcinspect, rtp_pcap, walk_pcap_parser};

fn capture_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("capture/extract");
    let real = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/captures/chrome-vp8.pcap"
    ))
    .unwrap_or_default();
    for (name, bytes) in [("rtp-10k", rtp_pcap(10_000)), ("chrome-vp8", real)] {
        if bytes.is_empty() {
            continue;
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("rtcinspect", name), &bytes[..], |b, p| {
            b.iter(|| extract_rtcinspect(black_box(p)))
        });
        group.bench_with_input(
            BenchmarkId::new("pcap-parser-walk", name),
            &bytes[..],
            |b, p| b.iter(|| walk_pcap_parser(black_box(p))),
        );
    }
    group.finish();
}

criterion_group!(benches, capture_extract);
criterion_main!(benches);
