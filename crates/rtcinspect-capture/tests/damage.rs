//! Damaged captures: each kind of damage is counted with its frame number and a
//! readable reason, everything before it is delivered, and, where the framing
//! allows, everything after it too. Plus property tests: no input panics, and a
//! capture cut anywhere delivers a prefix of what the whole one delivers.

mod common;

use common::*;
use proptest::prelude::*;
use rtcinspect_capture::{DamageReason, DecoderConfig, Event, FileSource, Source};

fn frame(i: u32) -> Vec<u8> {
    ethernet(
        &ip_udp(
            addr("10.0.0.1:5000"),
            addr("10.0.0.2:6000"),
            &i.to_be_bytes(),
        ),
        &[],
    )
}

fn records(n: u32) -> Vec<(u32, u32, Vec<u8>, u32)> {
    (0..n)
        .map(|i| {
            let f = frame(i);
            let l = f.len() as u32;
            (1_700_000_000 + i, 0, f, l)
        })
        .collect()
}

fn frames_of(got: &[Owned]) -> Vec<u64> {
    got.iter().map(|d| d.frame).collect()
}

#[test]
fn truncated_last_record() {
    let file = pcap(false, false, 1, 65535, &records(5));
    // Cut inside the body of the last record, then inside its header.
    for cut in [file.len() - 3, file.len() - (frame(4).len() + 10)] {
        let (got, source) = read_all(&file[..cut], DecoderConfig::default());
        assert_eq!(frames_of(&got), [1, 2, 3, 4]);
        let diag = source.diagnostics();
        assert_eq!(diag.damage_count, 1);
        let d = diag.damage[0];
        assert_eq!(d.frame, 5);
        assert!(matches!(d.reason, DamageReason::TruncatedRecord { .. }));
        assert!(
            d.to_string().contains("the file ends inside a record"),
            "{d}"
        );
    }
}

#[test]
fn record_length_past_the_file() {
    let mut recs = records(3);
    recs[2].2.truncate(10); // keep the header's claim but not the bytes
    let mut file = pcap(false, false, 1, 65535, &recs);
    // Make the last record's caplen claim 1000 bytes.
    let at = file.len() - 10 - 16 + 8;
    file[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(frames_of(&got), [1, 2]);
    let d = source.diagnostics().damage[0];
    assert_eq!(d.frame, 3);
    assert_eq!(
        d.reason,
        DamageReason::TruncatedRecord {
            needed: 1016,
            available: 26
        }
    );
}

#[test]
fn impossible_record_length_then_resync() {
    let recs = records(6);
    let mut file = pcap(false, false, 1, 65535, &recs);
    // Third record: caplen 0x7fffffff. Records after it are still read.
    let third = 24 + 2 * (16 + frame(0).len());
    file[third + 8..third + 12].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(
        frames_of(&got),
        [1, 2, 3, 4, 5],
        "frames after the damage are numbered on"
    );
    assert_eq!(
        got[2].payload,
        3u32.to_be_bytes(),
        "the record after the bad one"
    );
    let diag = source.diagnostics();
    assert_eq!(diag.damage_count, 2);
    assert!(matches!(
        diag.damage[0].reason,
        DamageReason::ImpossibleRecordLength {
            caplen: 0x7fff_ffff,
            ..
        }
    ));
    assert_eq!(diag.damage[0].frame, 3);
    assert_eq!(diag.damage[0].offset, third as u64);
    assert!(matches!(
        diag.damage[1].reason,
        DamageReason::Resynchronised { .. }
    ));
    assert!(
        diag.damage[0].to_string().contains("more than the"),
        "{}",
        diag.damage[0]
    );
}

#[test]
fn pcapng_impossible_block_length_then_resync() {
    let ng = Ng { be: false };
    let mut file = ng.shb();
    file.extend(ng.idb(1, 65535, &[]));
    let mut bad_at = 0;
    for i in 0..5u32 {
        if i == 2 {
            bad_at = file.len();
        }
        let f = frame(i);
        file.extend(ng.epb(0, u64::from(i), &f, f.len() as u32));
    }
    // Block 3's length: 13 (not a multiple of 4).
    file[bad_at + 4..bad_at + 8].copy_from_slice(&13u32.to_le_bytes());
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(
        got.iter().map(|d| d.payload.clone()).collect::<Vec<_>>(),
        [0u32, 1, 3, 4].map(|i| i.to_be_bytes().to_vec())
    );
    let diag = source.diagnostics();
    assert!(matches!(
        diag.damage[0].reason,
        DamageReason::ImpossibleBlockLength {
            block_type: 6,
            length: 13
        }
    ));
    assert_eq!(diag.damage[0].frame, 3);
    assert!(matches!(
        diag.damage[1].reason,
        DamageReason::Resynchronised { .. }
    ));
    assert!(
        diag.damage[0]
            .to_string()
            .contains("impossible length of 13 bytes")
    );
}

#[test]
fn pcapng_trailing_length_mismatch_and_bad_interface() {
    let ng = Ng { be: true };
    let mut file = ng.shb();
    file.extend(ng.idb(1, 65535, &[]));
    let f = frame(0);
    let mut b = ng.epb(0, 0, &f, f.len() as u32);
    let n = b.len();
    b[n - 4..].copy_from_slice(&ng.u32(8));
    file.extend(b);
    file.extend(ng.epb(7, 0, &f, f.len() as u32)); // interface 7 was never described
    file.extend(ng.epb(0, 0, &f, f.len() as u32));
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(got.len(), 1);
    let reasons: Vec<_> = source
        .diagnostics()
        .damage
        .iter()
        .map(|d| d.reason)
        .collect();
    assert!(
        matches!(
            reasons[0],
            DamageReason::BlockLengthMismatch { trailing: 8, .. }
        ),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&DamageReason::UnknownInterface { interface: 7 }),
        "{reasons:?}"
    );
}

#[test]
fn bad_ip_and_udp_lengths() {
    let good = frame(0);
    let mut ihl = good.clone();
    ihl[14] = 0x43; // IHL 3
    let mut total = good.clone();
    total[16..18].copy_from_slice(&2000u16.to_be_bytes());
    let mut udp_len = good.clone();
    udp_len[14 + 20 + 4..14 + 20 + 6].copy_from_slice(&3u16.to_be_bytes());
    let mut v6 = ethernet(&ip_udp(addr("[::1]:1"), addr("[::1]:2"), b"x"), &[]);
    v6[14 + 4..14 + 6].copy_from_slice(&500u16.to_be_bytes());
    let frames = [good.clone(), ihl, total, udp_len, v6, good];
    let recs: Vec<_> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| (i as u32, 0, f.clone(), f.len() as u32))
        .collect();
    let file = pcap(false, false, 1, 65535, &recs);
    let (got, source) = read_all(&file, DecoderConfig::default());
    // Frames 3 and 5 declare more IP bytes (2000, 40 + 500) than the uncut frame
    // holds: like tshark, their UDP datagram (whose own length fits) is still read,
    // and the damage is counted. Frame 2's header length and frame 4's UDP length
    // are impossible: nothing is delivered.
    assert_eq!(frames_of(&got), [1, 3, 5, 6]);
    let damage: Vec<_> = source
        .diagnostics()
        .damage
        .iter()
        .map(|d| (d.frame, d.reason))
        .collect();
    assert_eq!(
        damage,
        vec![
            (
                2,
                DamageReason::BadIpv4HeaderLength {
                    header_len: 12,
                    available: 32
                }
            ),
            (
                3,
                DamageReason::BadIpv4TotalLength {
                    total_len: 2000,
                    available: 32
                }
            ),
            (
                4,
                DamageReason::BadUdpLength {
                    udp_len: 3,
                    available: 12
                }
            ),
            (
                5,
                DamageReason::BadIpv6Length {
                    needed: 540,
                    available: 49
                }
            ),
        ]
    );
    for d in &source.diagnostics().damage {
        assert!(!d.to_string().is_empty());
    }
}

#[test]
fn fragment_pool_overflow_and_timeout() {
    // Pool of 2 datagrams: a third concurrent one is dropped and counted; a
    // datagram left waiting is dropped after the timeout.
    let payload = vec![1u8; 2000];
    let mut recs = vec![];
    for id in 0..3u16 {
        let frags = ipv4_fragments(addr("10.0.0.1:1"), addr("10.0.0.2:2"), &payload, 1480, id);
        let f = ethernet(&frags[0], &[]);
        recs.push((id as u32, 0, f.clone(), f.len() as u32));
    }
    // 100 s later: the first two have timed out; a new datagram completes.
    for f in ipv4_fragments(addr("10.0.0.1:1"), addr("10.0.0.2:2"), &payload, 1480, 9) {
        let f = ethernet(&f, &[]);
        recs.push((100, 0, f.clone(), f.len() as u32));
    }
    let config = DecoderConfig::default()
        .fragment_pool(2, 1 << 20)
        .fragment_timeout_ns(30_000_000_000);
    let file = pcap(false, false, 1, 65535, &recs);
    let (got, source) = read_all(&file, config);
    assert_eq!(frames_of(&got), [5]);
    let diag = source.diagnostics();
    assert_eq!(diag.fragments.pool_full, 1);
    assert_eq!(diag.fragments.timed_out, 2);
    assert_eq!(diag.fragments.reassembled, 1);
    assert_eq!(diag.damage[0].frame, 3);
    assert_eq!(diag.damage[0].reason, DamageReason::FragmentPoolFull);
    assert!(
        diag.damage
            .iter()
            .any(|d| d.frame == 4 && matches!(d.reason, DamageReason::FragmentTimeout { .. }))
    );
}

#[test]
fn damage_events_come_in_order() {
    let file = pcap(false, false, 1, 65535, &records(3));
    let cut = &file[..file.len() - 2];
    let mut source = FileSource::new(cut).unwrap();
    let mut kinds = vec![];
    while let Some(e) = source.next_event().unwrap() {
        kinds.push(match e {
            Event::Datagram(d) => format!("d{}", d.frame),
            Event::Damage(d) => format!("x{}", d.frame),
            _ => "other".into(),
        });
    }
    assert_eq!(kinds, ["d1", "d2", "x3"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary bytes after a valid header never panic.
    #[test]
    fn arbitrary_records_never_panic(body in proptest::collection::vec(any::<u8>(), 0..4096), ng in any::<bool>()) {
        let mut file = if ng {
            let n = Ng { be: false };
            let mut f = n.shb();
            f.extend(n.idb(1, 65535, &[]));
            f
        } else {
            pcap(false, false, 1, 65535, &[])
        };
        file.extend_from_slice(&body);
        let _ = read_all(&file, DecoderConfig::default());
    }

    /// A capture cut anywhere delivers a prefix of what the whole one delivers.
    #[test]
    fn cut_capture_delivers_a_prefix(cut in 0usize..2000, ng in any::<bool>()) {
        let file = if ng {
            let n = Ng { be: true };
            let mut f = n.shb();
            f.extend(n.idb(1, 65535, &[]));
            for i in 0..20u32 {
                let fr = frame(i);
                f.extend(n.epb(0, u64::from(i), &fr, fr.len() as u32));
            }
            f
        } else {
            pcap(true, true, 1, 65535, &records(20))
        };
        let (whole, _) = read_all(&file, DecoderConfig::default());
        let cut = cut.min(file.len());
        if cut < 24 {
            return Ok(());
        }
        let (part, source) = read_all(&file[..cut], DecoderConfig::default());
        prop_assert!(part.len() <= whole.len());
        prop_assert_eq!(&part[..], &whole[..part.len()]);
        prop_assert!(source.diagnostics().damage_count <= 1);
    }

    /// Flipping bytes of a valid capture never panics, and frames before the first
    /// changed record are delivered unchanged.
    #[test]
    fn corrupted_capture_keeps_what_came_before(flips in proptest::collection::vec((0usize..2000, any::<u8>()), 1..8)) {
        let file = pcap(false, false, 1, 65535, &records(20));
        let (whole, _) = read_all(&file, DecoderConfig::default());
        let mut bad = file.clone();
        let mut first = usize::MAX;
        for (at, v) in flips {
            let at = 24 + at % (file.len() - 24);
            bad[at] ^= v | 1;
            first = first.min(at);
        }
        let (got, _) = read_all(&bad, DecoderConfig::default());
        let record_len = 16 + frame(0).len();
        let intact = (first - 24) / record_len;
        prop_assert!(got.len() >= intact);
        prop_assert_eq!(&got[..intact], &whole[..intact]);
    }
}
