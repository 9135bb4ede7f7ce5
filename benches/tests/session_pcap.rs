//! The synthetic session capture of `make_big_pcap --profile av|audio`: the truth the
//! generator returns matches an independent count over the written bytes (read
//! back with rtcinspect-capture; sequence numbers extended here with a plain
//! nearest-cycle rule).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use rtcinspect_benches::capture::{Profile, SessionConfig, StreamTruth, write_session_pcap};
use rtcinspect_capture::{Event, FileSource, Source};

#[derive(Default)]
struct Seen {
    packets: u64,
    first: Option<i64>,
    highest: i64,
    reordered: u64,
    distinct: std::collections::HashSet<i64>,
}

fn count(bytes: &[u8]) -> HashMap<u32, Seen> {
    let mut source = FileSource::new(bytes).unwrap();
    let mut streams: HashMap<u32, Seen> = HashMap::new();
    while let Some(event) = source.next_event().unwrap() {
        let Event::Datagram(d) = event else { continue };
        let p = &d.payload;
        let seq = i64::from(u16::from_be_bytes([p[2], p[3]]));
        let ssrc = u32::from_be_bytes([p[8], p[9], p[10], p[11]]);
        let s = streams.entry(ssrc).or_default();
        // extend: the candidate of seq + k * 65536 nearest to the highest so far
        let ext = match s.first {
            None => seq,
            Some(_) => {
                let base = s.highest - s.highest.rem_euclid(65_536);
                [base - 65_536 + seq, base + seq, base + 65_536 + seq]
                    .into_iter()
                    .min_by_key(|c| (c - s.highest).abs())
                    .unwrap()
            }
        };
        if s.first.is_some() && ext < s.highest {
            s.reordered += 1;
        }
        s.first.get_or_insert(ext);
        s.highest = if s.packets == 0 {
            ext
        } else {
            s.highest.max(ext)
        };
        s.packets += 1;
        s.distinct.insert(ext);
    }
    streams
}

fn check(cfg: SessionConfig) -> Vec<StreamTruth> {
    let mut bytes = Vec::new();
    let truth = write_session_pcap(&mut bytes, &cfg).unwrap();
    let seen = count(&bytes);
    assert_eq!(seen.values().map(|s| s.packets).sum::<u64>(), cfg.packets);
    assert_eq!(truth.iter().map(|t| t.written).sum::<u64>(), cfg.packets);
    for t in &truth {
        let s = &seen[&t.ssrc];
        assert_eq!(s.packets, t.written, "ssrc {:08x}", t.ssrc);
        assert_eq!(s.reordered, t.reordered, "ssrc {:08x}", t.ssrc);
        let expected = (s.highest - s.first.unwrap() + 1) as u64;
        assert_eq!(expected, t.expected, "ssrc {:08x}", t.ssrc);
        // no duplicates are generated: every written packet has its own number
        assert_eq!(s.distinct.len() as u64, t.written);
        assert_eq!(t.sent, t.written + t.dropped);
    }
    truth
}

#[test]
fn audio_video_truth_matches_the_bytes() {
    let truth = check(SessionConfig {
        profile: Profile::AudioVideo,
        packets: 120_000,
        calls: 4,
        loss: 0.02,
        reorder: 0.01,
        seed: 7,
    });
    assert_eq!(truth.len(), 8);
    // 120k packets over 8 streams: losses, reorderings and wraps all happen
    assert!(truth.iter().all(|t| t.dropped > 0 && t.reordered > 0));
    assert!(
        truth
            .iter()
            .any(|t| u64::from(t.first_seq) + t.expected > 65_536)
    );
}

#[test]
fn small_audio_truth_matches_the_bytes() {
    let truth = check(SessionConfig {
        profile: Profile::SmallAudio,
        packets: 50_000,
        calls: 10,
        loss: 0.01,
        reorder: 0.005,
        seed: 3,
    });
    assert_eq!(truth.len(), 20);
    assert!(truth.iter().all(|t| t.payload_type == 0));
}

#[test]
fn no_impairment_means_no_loss() {
    let truth = check(SessionConfig {
        profile: Profile::SmallAudio,
        packets: 10_000,
        calls: 3,
        loss: 0.0,
        reorder: 0.0,
        seed: 1,
    });
    assert!(
        truth
            .iter()
            .all(|t| t.lost() == 0 && t.reordered == 0 && t.dropped == 0)
    );
}

#[test]
fn audio_video_clocks_are_realistic() {
    // The streams' RTP clocks advance as real ones do, so that an analyser estimates
    // them (no SDP in the file): audio 960 per 20 ms = 48 kHz, video 3600 per frame of
    // 8 packets 5 ms apart (40 ms) = 90 kHz. A video step of 3000 at that pace was a
    // 75 kHz clock, and every analyser left the video streams' rate unknown.
    let cfg = SessionConfig {
        profile: Profile::AudioVideo,
        packets: 20_000,
        calls: 1,
        loss: 0.0,
        reorder: 0.0,
        seed: 5,
    };
    let mut bytes = Vec::new();
    write_session_pcap(&mut bytes, &cfg).unwrap();
    let mut source = FileSource::new(&bytes[..]).unwrap();
    let mut analyzer = rtcinspect_analysis::Analyzer::default();
    analyzer.ingest_all(&mut source).unwrap();
    let report = analyzer.snapshot();
    let mut rates: Vec<(u8, Option<u32>)> = report
        .streams
        .iter()
        .map(|s| (s.payload_type, s.clock_rate))
        .collect();
    rates.sort();
    assert_eq!(rates, vec![(96, Some(90_000)), (111, Some(48_000))]);
}
