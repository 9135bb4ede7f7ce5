//! Differential test against tshark: for every frame of every test capture, the
//! 5-tuple, transport and payload length delivered equal what tshark dissected, as
//! recorded in the committed `.fields.txt` references (no tshark at run time).
//!
//! References: `tests/reference/*.fields.txt` (made by `tests/reference/make_fields.sh`
//! from `testdata/captures/`). The capture-layer corpus `testdata/captures/formats/`
//! has its own, richer reference format and test (`tests/formats_tshark.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test code: a failure is the test failing.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use rtcinspect_capture::{DecoderConfig, Event, FileSource, Source, TcpMode, Transport};

/// What tshark says a frame carries.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    transport: Transport,
    src: SocketAddr,
    dst: SocketAddr,
    payload_len: usize,
    truncated: bool,
}

/// What we delivered for a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Got {
    transport: Transport,
    src: SocketAddr,
    dst: SocketAddr,
    payload_len: usize,
    truncated: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Parses a `-T fields -E header=y` reference into the frames count and, per frame
/// that carries UDP or TCP data as its first transport, what it carries.
fn expected(fields: &str) -> (u64, BTreeMap<u64, Expected>) {
    let mut lines = fields.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let c_num = col("frame.number").expect("frame.number column");
    let c_proto = col("frame.protocols").expect("frame.protocols column");
    let (c_cap, c_len) = (col("frame.cap_len"), col("frame.len"));
    let (c_ip4s, c_ip4d, c_ip6s, c_ip6d) = (
        col("ip.src"),
        col("ip.dst"),
        col("ipv6.src"),
        col("ipv6.dst"),
    );
    let (c_us, c_ud, c_ul) = (col("udp.srcport"), col("udp.dstport"), col("udp.length"));
    let (c_ts, c_td, c_tl) = (col("tcp.srcport"), col("tcp.dstport"), col("tcp.len"));
    let mut frames = 0;
    let mut out = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |c: Option<usize>| c.and_then(|c| f.get(c)).copied().unwrap_or("");
        let num: u64 = get(Some(c_num)).parse().expect("frame number");
        frames = frames.max(num);
        // The first transport in the protocol chain: an ICMP error quoting a UDP
        // header, or a tunnel, has tshark fill udp.* from the inner packet.
        let first = get(Some(c_proto)).split(':').find(|p| {
            matches!(
                *p,
                "udp"
                    | "tcp"
                    | "icmp"
                    | "icmpv6"
                    | "sctp"
                    | "igmp"
                    | "gre"
                    | "esp"
                    | "ah"
                    | "ipencap"
            )
        });
        let cut = get(c_cap) != get(c_len);
        let (src_ip, dst_ip) = match (get(c_ip4s), get(c_ip6s)) {
            (s, _)
                if !s.is_empty()
                    && get(Some(c_proto)).find(":ip:").unwrap_or(usize::MAX)
                        < get(Some(c_proto)).find(":ipv6").unwrap_or(usize::MAX) =>
            {
                (s, get(c_ip4d))
            }
            (_, s) if !s.is_empty() => (s, get(c_ip6d)),
            (s, _) => (s, get(c_ip4d)),
        };
        let addr = |ip: &str, port: &str| -> Option<SocketAddr> {
            Some(SocketAddr::new(
                ip.parse::<IpAddr>().ok()?,
                port.parse().ok()?,
            ))
        };
        let e = match first {
            Some("udp") => {
                let Ok(udp_len) = get(c_ul).parse::<usize>() else {
                    continue;
                };
                let (Some(src), Some(dst)) = (addr(src_ip, get(c_us)), addr(dst_ip, get(c_ud)))
                else {
                    continue;
                };
                Expected {
                    transport: Transport::Udp,
                    src,
                    dst,
                    payload_len: udp_len.saturating_sub(8),
                    truncated: cut,
                }
            }
            Some("tcp") => {
                let len: usize = get(c_tl).parse().unwrap_or(0);
                if len == 0 {
                    continue;
                }
                let (Some(src), Some(dst)) = (addr(src_ip, get(c_ts)), addr(dst_ip, get(c_td)))
                else {
                    continue;
                };
                Expected {
                    transport: Transport::Tcp,
                    src,
                    dst,
                    payload_len: len,
                    truncated: cut,
                }
            }
            _ => continue,
        };
        out.insert(num, e);
    }
    (frames, out)
}

fn delivered(capture: &Path) -> (u64, BTreeMap<u64, Vec<Got>>) {
    let config = DecoderConfig::default().tcp_mode(TcpMode::Segments);
    let mut source = FileSource::open_with(capture, config).expect("capture opens");
    let mut out: BTreeMap<u64, Vec<Got>> = BTreeMap::new();
    while let Some(event) = source.next_event().expect("capture reads") {
        if let Event::Datagram(d) = event {
            out.entry(d.frame).or_default().push(Got {
                transport: d.transport,
                src: d.source,
                dst: d.destination,
                payload_len: d.payload.len(),
                truncated: d.truncated,
            });
        }
    }
    (source.diagnostics().frames, out)
}

/// Compares one capture with its reference; returns the mismatches.
fn compare(capture: &Path, fields: &Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(fields).expect("reference readable");
    let (frames, want) = expected(&text);
    let (our_frames, got) = delivered(capture);
    let mut bad = vec![];
    if frames != our_frames {
        bad.push(format!("tshark has {frames} frames, we read {our_frames}"));
    }
    for (n, e) in &want {
        match got.get(n).map(Vec::as_slice) {
            Some([g]) => {
                let len_ok = if e.truncated {
                    g.payload_len <= e.payload_len
                } else {
                    g.payload_len == e.payload_len
                };
                if g.transport != e.transport
                    || g.src != e.src
                    || g.dst != e.dst
                    || !len_ok
                    || g.truncated != (e.truncated && g.payload_len < e.payload_len)
                {
                    bad.push(format!("frame {n}: tshark {e:?}, we {g:?}"));
                }
            }
            other => bad.push(format!("frame {n}: tshark {e:?}, we {other:?}")),
        }
    }
    for (n, g) in &got {
        if !want.contains_key(n) {
            bad.push(format!("frame {n}: tshark nothing, we {g:?}"));
        }
    }
    (want.len(), bad)
}

/// Every reference with its capture.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut v = vec![];
    let refs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    for entry in std::fs::read_dir(&refs).expect("tests/reference") {
        let path = entry.expect("dir entry").path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".fields.txt"))
        else {
            continue;
        };
        let capture = root()
            .join("testdata/captures")
            .join(name.replace("__", "/"));
        v.push((capture, path));
    }
    v.sort();
    v
}

#[test]
fn every_capture_matches_tshark() {
    let pairs = pairs();
    assert!(pairs.len() >= 60, "references found: {}", pairs.len());
    let mut failures = vec![];
    let mut checked = 0;
    for (capture, fields) in &pairs {
        assert!(
            capture.exists(),
            "{} has no capture {}",
            fields.display(),
            capture.display()
        );
        let (n, bad) = compare(capture, fields);
        checked += n;
        if !bad.is_empty() {
            failures.push(format!(
                "{}: {} mismatches, first: {}",
                capture.display(),
                bad.len(),
                bad[..bad.len().min(5)].join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} captures differ from tshark:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
    assert!(checked > 10_000, "only {checked} frames compared");
}
