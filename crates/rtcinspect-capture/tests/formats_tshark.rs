//! Differential test against tshark on the capture-layer corpus
//! (`testdata/captures/formats/`): every file format variant, link type, IP
//! fragmentation and extension-header case, TCP impairment and damaged file there was
//! recorded by real tools, and tshark's dissection of each frame is committed beside
//! it as `NAME.fields.txt` (columns and the command in that folder's README.md).
//!
//! For every frame on which tshark shows UDP or TCP data right after the outermost IP
//! header, we must deliver exactly one datagram from that frame with the same
//! addresses, ports, transport, payload length (and captured length when the frame
//! was cut short), timestamp to the nanosecond and pcapng interface; on every other
//! frame (ARP, ICMP errors quoting UDP, fragments that do not complete a datagram,
//! TCP segments without data) we must deliver nothing. The number of frames read must
//! be tshark's, damaged files included.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failure is the test failing.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use rtcinspect_capture::{DecoderConfig, Event, FileSource, Source, TcpMode, Transport};

/// One frame of tshark's reference on which a datagram must come out.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Want {
    transport: Transport,
    src: SocketAddr,
    dst: SocketAddr,
    /// Payload length the headers declare.
    len: usize,
    /// Payload bytes the file holds (< `len` when cut by the snap length).
    caplen: usize,
    /// ns since the epoch; `None` for Simple Packet Blocks (no timestamp).
    time_ns: Option<i64>,
    /// pcapng: (section, interface ID within the section) as tshark numbers them;
    /// ours: (0, interface number across sections).
    interface: (u32, u32),
    /// The frame was cut short: tshark's captured payload is shorter than the
    /// declared one; ours: `Datagram::truncated`.
    truncated: bool,
}

/// Parses `frame.time_epoch` (`1795411687.365949000`) to ns without going through
/// a float.
fn epoch_ns(s: &str) -> Option<i64> {
    let (sec, frac) = s.split_once('.').unwrap_or((s, "0"));
    let mut frac = frac.to_owned();
    while frac.len() < 9 {
        frac.push('0');
    }
    Some(sec.parse::<i64>().ok()? * 1_000_000_000 + frac[..9].parse::<i64>().ok()?)
}

/// The reference: number of frames, and per frame the datagram expected.
fn reference(text: &str) -> (u64, BTreeMap<u64, Want>) {
    let mut frames = 0;
    let mut want = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split(',').collect();
        assert!(f.len() >= 29, "short reference line: {line}");
        let num: u64 = f[0].parse().unwrap();
        frames = frames.max(num);
        let transport = match f[6] {
            "udp" => Transport::Udp,
            "tcp" => Transport::Tcp,
            _ => continue,
        };
        let len: usize = f[7].parse().unwrap();
        let caplen: usize = f[8].parse().unwrap();
        if transport == Transport::Tcp && len == 0 {
            continue; // A segment without data: nothing to deliver.
        }
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        want.insert(
            num,
            Want {
                transport,
                src: SocketAddr::new(ip(f[2]), f[4].parse().unwrap()),
                dst: SocketAddr::new(ip(f[3]), f[5].parse().unwrap()),
                len,
                caplen,
                time_ns: epoch_ns(f[1]),
                interface: (f[26].parse().unwrap_or(1), f[25].parse().unwrap_or(0)),
                truncated: caplen < len,
            },
        );
    }
    (frames, want)
}

/// What we delivered, per frame.
fn delivered(capture: &Path) -> (u64, BTreeMap<u64, Vec<Want>>) {
    let config = DecoderConfig::default().tcp_mode(TcpMode::Segments);
    let mut source = FileSource::open_with(capture, config).unwrap();
    let mut got: BTreeMap<u64, Vec<Want>> = BTreeMap::new();
    while let Some(event) = source.next_event().unwrap() {
        if let Event::Datagram(d) = event {
            got.entry(d.frame).or_default().push(Want {
                transport: d.transport,
                src: d.source,
                dst: d.destination,
                len: d.payload.len(),
                caplen: d.payload.len(),
                time_ns: Some(d.timestamp_ns),
                interface: (0, d.interface),
                truncated: d.truncated,
            });
        }
    }
    (source.diagnostics().frames, got)
}

/// tshark numbers pcapng interfaces per section (IDs restart at 0 in every section);
/// we number them across the file so that they stay distinct. The two agree when
/// each (section, ID) always maps to the same number of ours and no two map to one.
#[derive(Default)]
struct Interfaces {
    map: BTreeMap<(u32, u32), u32>,
}

impl Interfaces {
    fn same(&mut self, theirs: (u32, u32), ours: u32) -> bool {
        if let Some(&o) = self.map.get(&theirs) {
            return o == ours;
        }
        if self.map.values().any(|&o| o == ours) {
            return false;
        }
        // Sections come in file order: a later section's interfaces number higher.
        if theirs.0 == 1 && theirs.1 != ours {
            return false;
        }
        self.map.insert(theirs, ours);
        true
    }
}

/// A damaged copy and the undamaged capture it was made from (damage.tsv, README):
/// where tshark stops at the damage, the frames we recover after it are checked
/// against the original's reference.
const DAMAGED_FROM: &[(&str, &str)] = &[(
    "damaged-pcapng-block-length.pcapng",
    "pcapng-dumpcap-multi-if.fields.txt",
)];

fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures/formats");
    let mut out = vec![];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let Some(stem) = name.strip_suffix(".fields.txt") else {
            continue;
        };
        let capture = ["pcap", "pcapng"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{name} has no capture beside it"));
        out.push((capture, path));
    }
    out.sort();
    out
}

#[test]
fn formats_corpus_matches_tshark() {
    let corpus = corpus();
    assert!(corpus.len() >= 40, "only {} references", corpus.len());
    let mut failures = vec![];
    let mut compared = 0;
    for (capture, fields) in &corpus {
        let (mut frames, mut want) = reference(&std::fs::read_to_string(fields).unwrap());
        let (our_frames, got) = delivered(capture);
        let name = capture.file_name().unwrap().to_str().unwrap();
        if let Some((_, original)) = DAMAGED_FROM.iter().find(|(d, _)| *d == name) {
            // tshark gives up at the damaged block; we resynchronise. The damaged
            // block itself is lost; everything after it must be the original's.
            let dir = capture.parent().unwrap();
            let (all, original) = reference(&std::fs::read_to_string(dir.join(original)).unwrap());
            let damaged_frame = frames + 1;
            for (n, w) in original {
                if n > damaged_frame {
                    want.insert(n, w);
                }
            }
            frames = all;
        }
        let mut bad = vec![];
        let mut interfaces = Interfaces::default();
        if frames != our_frames {
            bad.push(format!("tshark reads {frames} frames, we {our_frames}"));
        }
        for (n, w) in &want {
            match got.get(n).map(Vec::as_slice) {
                Some([g]) => {
                    let time_ok = w.time_ns.is_none() || w.time_ns == g.time_ns;
                    let same = g.transport == w.transport
                        && g.src == w.src
                        && g.dst == w.dst
                        && g.len == w.caplen
                        && interfaces.same(w.interface, g.interface.1);
                    if !same || !time_ok {
                        bad.push(format!("frame {n}: tshark {w:?}, we {g:?}"));
                    }
                }
                other => bad.push(format!("frame {n}: tshark {w:?}, we {other:?}")),
            }
            compared += 1;
        }
        for (n, g) in &got {
            if !want.contains_key(n) {
                bad.push(format!("frame {n}: tshark nothing, we {g:?}"));
            }
        }
        if !bad.is_empty() {
            failures.push(format!(
                "{}: {} differences: {}",
                capture.file_name().unwrap().to_string_lossy(),
                bad.len(),
                bad[..bad.len().min(4)].join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} captures differ:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
    assert!(compared > 1000, "only {compared} datagrams compared");
}

/// Truncation: on frames tshark shows cut short (captured payload shorter than the
/// declared one), the datagram is flagged truncated and holds exactly the captured
/// bytes; everywhere else it is not flagged.
#[test]
fn truncated_flag_matches_tshark() {
    let mut cut_frames = 0;
    for (capture, fields) in corpus() {
        let (_, want) = reference(&std::fs::read_to_string(&fields).unwrap());
        for (frame, got) in delivered(&capture).1 {
            let Some(w) = want.get(&frame) else {
                continue;
            };
            cut_frames += u64::from(w.truncated);
            for g in got {
                assert_eq!(
                    g.truncated,
                    w.truncated,
                    "{} frame {frame}: tshark declared {} captured {}",
                    capture.display(),
                    w.len,
                    w.caplen
                );
            }
        }
    }
    assert!(cut_frames > 0, "the corpus has snap-length cut frames");
}
