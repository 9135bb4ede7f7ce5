//! ICE, TURN and DTLS analysis of real captures against tshark.
//!
//! Expected values come from the tshark field dumps committed next to each capture
//! (`testdata/captures/F.stun-fields.txt`, `F.dtls-fields.txt`, made by
//! `testdata/gen/icedtls/make_fields.sh`, the command on line 1 of each), from
//! `openssl x509 -fingerprint -sha256` of the certificates tshark exported
//! (`F.cert-fingerprints.txt`), and from the page logs' SDP and getStats. Nothing is
//! copied from our own output: the tests re-derive every count from those files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use rtcinspect_analysis::report::{CandidatePairReport, DtlsReport, Report};
use rtcinspect_analysis::{Analyzer, Config};
use rtcinspect_capture::FileSource;

fn captures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures")
}

fn analyze(name: &str) -> Report {
    analyze_with(name, Config::default())
}

fn analyze_with(name: &str, config: Config) -> Report {
    let mut path = captures().join(format!("{name}.pcap"));
    if !path.exists() {
        path = captures().join(format!("{name}.pcapng"));
    }
    let file = std::fs::read(path).unwrap();
    let mut src = FileSource::new(&file[..]).unwrap();
    let mut an = Analyzer::new(config);
    an.ingest_all(&mut src).unwrap();
    an.snapshot()
}

/// A tshark `-T fields -E header=y` dump whose first line is the command.
struct Table {
    cols: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn load(file: &str) -> Table {
        let text = std::fs::read_to_string(captures().join(file)).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with("tshark -r "));
        let cols = lines
            .next()
            .unwrap()
            .split('\t')
            .enumerate()
            .map(|(i, c)| (c.to_owned(), i))
            .collect();
        let rows = lines
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect();
        Table { cols, rows }
    }

    fn get<'a>(&self, row: &'a [String], col: &str) -> &'a str {
        let i = self.cols[col];
        row.get(i).map_or("", String::as_str)
    }

    fn list<'a>(&self, row: &'a [String], col: &str) -> Vec<&'a str> {
        let v = self.get(row, col);
        if v.is_empty() {
            Vec::new()
        } else {
            v.split(',').collect()
        }
    }

    /// Source and destination of a row (UDP or TCP, IPv4 or IPv6).
    fn ends(&self, row: &[String]) -> (SocketAddr, SocketAddr, &'static str) {
        let ip = |v4: &str, v6: &str| -> IpAddr {
            let s = if self.get(row, v4).is_empty() {
                self.get(row, v6)
            } else {
                self.get(row, v4)
            };
            // Tunnelled frames list several addresses: the innermost is last.
            s.rsplit(',').next().unwrap().parse().unwrap()
        };
        let (sp, dp, t) =
            if self.cols.contains_key("tcp.srcport") && !self.get(row, "tcp.srcport").is_empty() {
                ("tcp.srcport", "tcp.dstport", "tcp")
            } else {
                ("udp.srcport", "udp.dstport", "udp")
            };
        let port = |c: &str| -> u16 { self.get(row, c).parse().unwrap() };
        (
            SocketAddr::new(ip("ip.src", "ipv6.src"), port(sp)),
            SocketAddr::new(ip("ip.dst", "ipv6.dst"), port(dp)),
            t,
        )
    }
}

/// Epoch seconds as printed by tshark (`1795407965.760401000`) as integer ns.
fn ns(s: &str) -> i64 {
    let (sec, frac) = s.split_once('.').unwrap();
    let frac = format!("{frac:0<9}");
    sec.parse::<i64>().unwrap() * 1_000_000_000 + frac[..9].parse::<i64>().unwrap()
}

fn undirected(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b { (a, b) } else { (b, a) }
}

/// One STUN message as tshark decoded it.
#[derive(Debug, Clone)]
struct Msg {
    frame: u64,
    t_ns: i64,
    src: SocketAddr,
    dst: SocketAddr,
    transport: &'static str,
    mtype: u16,
    id: String,
    attrs: Vec<u16>,
    username: Option<String>,
    error: Option<u16>,
    lifetime: Option<u32>,
}

/// The STUN messages of a dump (several per row over TCP), and the ChannelData
/// messages per (src, dst).
fn stun_messages(t: &Table) -> (Vec<Msg>, BTreeMap<(SocketAddr, SocketAddr), u64>) {
    let mut out = Vec::new();
    let mut channel_data = BTreeMap::new();
    for row in &t.rows {
        let (src, dst, transport) = t.ends(row);
        let types = t.list(row, "stun.type");
        let ids = t.list(row, "stun.id");
        let channels = t.list(row, "stun.channel");
        *channel_data.entry((src, dst)).or_insert(0) += channels.len() as u64;
        if types.len() != 1 {
            // Several messages in one TCP segment: only types and IDs line up.
            for (ty, id) in types.iter().zip(&ids) {
                out.push(Msg {
                    frame: t.get(row, "frame.number").parse().unwrap(),
                    t_ns: ns(t.get(row, "frame.time_epoch")),
                    src,
                    dst,
                    transport,
                    mtype: u16::from_str_radix(&ty[2..], 16).unwrap(),
                    id: (*id).to_owned(),
                    attrs: Vec::new(),
                    username: None,
                    error: None,
                    lifetime: None,
                });
            }
            continue;
        }
        let classes = t.list(row, "stun.att.error.class");
        let numbers = t.list(row, "stun.att.error");
        out.push(Msg {
            frame: t.get(row, "frame.number").parse().unwrap(),
            t_ns: ns(t.get(row, "frame.time_epoch")),
            src,
            dst,
            transport,
            mtype: u16::from_str_radix(&types[0][2..], 16).unwrap(),
            id: ids[0].to_owned(),
            attrs: t
                .list(row, "stun.att.type")
                .iter()
                .map(|a| u16::from_str_radix(&a[2..], 16).unwrap())
                .collect(),
            username: t
                .list(row, "stun.att.username")
                .first()
                .map(|s| (*s).to_owned()),
            error: match (classes.first(), numbers.first()) {
                (Some(c), Some(n)) => {
                    Some(c.parse::<u16>().unwrap() * 100 + n.parse::<u16>().unwrap())
                }
                _ => None,
            },
            lifetime: t
                .list(row, "stun.att.lifetime")
                .first()
                .map(|s| s.parse().unwrap()),
        });
    }
    (out, channel_data)
}

/// What tshark's messages say about the Binding requests of one directed 5-tuple.
#[derive(Debug, Default)]
struct ExpectedPair {
    requests: u64,
    retransmissions: u64,
    responses: u64,
    errors: u64,
    error_codes: BTreeSet<u16>,
    rtts_ns: Vec<i64>,
    use_candidate: bool,
    username: Option<String>,
    controlling: Option<bool>,
}

const BINDING_REQUEST: u16 = 0x0001;
const BINDING_SUCCESS: u16 = 0x0101;
const BINDING_ERROR: u16 = 0x0111;
const USE_CANDIDATE: u16 = 0x0025;
const ICE_CONTROLLED: u16 = 0x8029;
const ICE_CONTROLLING: u16 = 0x802a;

/// An open transaction: its pair, first request time, transmissions, answered.
type Tx = (PairKey, i64, u32, bool);
type PairKey = (SocketAddr, SocketAddr, &'static str);

/// Binding transactions matched by transaction ID within an undirected 5-tuple
/// (RFC 8489 §6.3.1), the pair being the requests' directed 5-tuple.
fn expected_pairs(msgs: &[Msg]) -> BTreeMap<(SocketAddr, SocketAddr, &'static str), ExpectedPair> {
    let mut pairs: BTreeMap<_, ExpectedPair> = BTreeMap::new();
    // (undirected flow, id) -> (pair key, first request time, transmissions)
    let mut tx: HashMap<(SocketAddr, SocketAddr, String), Tx> = HashMap::new();
    for m in msgs {
        let (a, b) = undirected(m.src, m.dst);
        let k = (a, b, m.id.clone());
        match m.mtype {
            BINDING_REQUEST => {
                let key = (m.src, m.dst, m.transport);
                let p = pairs.entry(key).or_default();
                if let Some(t) = tx.get_mut(&k) {
                    t.2 += 1;
                    p.retransmissions += 1;
                    continue;
                }
                p.requests += 1;
                p.use_candidate |= m.attrs.contains(&USE_CANDIDATE);
                if m.username.is_some() {
                    p.username.clone_from(&m.username);
                }
                if m.attrs.contains(&ICE_CONTROLLING) {
                    p.controlling = Some(true);
                } else if m.attrs.contains(&ICE_CONTROLLED) {
                    p.controlling = Some(false);
                }
                tx.insert(k, (key, m.t_ns, 1, false));
            }
            BINDING_SUCCESS | BINDING_ERROR => {
                let Some(t) = tx.get_mut(&k) else { continue };
                if t.3 {
                    // A second response to an answered transaction counts once.
                    continue;
                }
                let p = pairs.get_mut(&t.0).unwrap();
                if m.mtype == BINDING_SUCCESS {
                    p.responses += 1;
                    // Karn's rule: no RTT when the request was retransmitted.
                    if t.2 == 1 && !t.3 {
                        p.rtts_ns.push(m.t_ns - t.1);
                    }
                } else {
                    p.errors += 1;
                    p.error_codes.insert(m.error.unwrap());
                }
                t.3 = true;
            }
            _ => {}
        }
    }
    pairs
}

fn direct_pairs(r: &Report) -> BTreeMap<(SocketAddr, SocketAddr, String), &CandidatePairReport> {
    r.ice
        .pairs
        .iter()
        .filter(|p| p.turn.is_none())
        .map(|p| {
            (
                (p.local.unwrap(), p.remote.unwrap(), p.transport.clone()),
                p,
            )
        })
        .collect()
}

fn check_pairs(name: &str) -> Report {
    let t = Table::load(&format!("{name}.stun-fields.txt"));
    let (msgs, _) = stun_messages(&t);
    let want = expected_pairs(&msgs);
    let r = analyze(name);
    let got = direct_pairs(&r);
    assert_eq!(
        got.keys()
            .map(|(a, b, t)| (*a, *b, t.as_str()))
            .collect::<Vec<_>>(),
        want.keys()
            .map(|(a, b, t)| (*a, *b, *t))
            .collect::<Vec<_>>(),
        "{name}: pairs"
    );
    for ((a, b, tr), w) in &want {
        let g = got[&(*a, *b, (*tr).to_owned())];
        let what = format!("{name}: pair {a} -> {b}");
        assert_eq!(g.requests, w.requests, "{what}: requests");
        assert_eq!(
            g.retransmissions, w.retransmissions,
            "{what}: retransmissions"
        );
        assert_eq!(g.responses, w.responses, "{what}: responses");
        assert_eq!(g.errors, w.errors, "{what}: errors");
        assert_eq!(
            g.error_codes.iter().copied().collect::<BTreeSet<_>>(),
            w.error_codes,
            "{what}: error codes"
        );
        assert_eq!(g.use_candidate, w.use_candidate, "{what}: USE-CANDIDATE");
        assert_eq!(g.username, w.username, "{what}: username");
        assert_eq!(
            g.role.as_deref(),
            w.controlling
                .map(|c| if c { "controlling" } else { "controlled" }),
            "{what}: role"
        );
        assert_eq!(
            g.state,
            if w.responses > 0 {
                "succeeded"
            } else {
                g.state.as_str()
            }
        );
        match &g.rtt_ms {
            None => assert!(w.rtts_ns.is_empty(), "{what}: no RTT"),
            Some(s) => {
                let ms: Vec<f64> = w.rtts_ns.iter().map(|n| *n as f64 / 1e6).collect();
                assert_eq!(s.count, ms.len() as u64, "{what}: RTT count");
                let mean = ms.iter().sum::<f64>() / ms.len() as f64;
                let min = ms.iter().copied().fold(f64::INFINITY, f64::min);
                let max = ms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                // Both from integer nanoseconds: equal up to float rounding.
                assert!(
                    (s.mean - mean).abs() < 1e-9,
                    "{what}: RTT mean {} vs {mean}",
                    s.mean
                );
                assert!(
                    (s.min - min).abs() < 1e-9 && (s.max - max).abs() < 1e-9,
                    "{what}: RTT range"
                );
            }
        }
    }
    assert_eq!(r.ice.unmatched_responses, 0, "{name}: unmatched");
    r
}

#[test]
fn chrome_dtls13_pairs_match_tshark() {
    let r = check_pairs("chrome-dtls13");
    // Hand check against the dump: frames 1-4 are the first checks both ways, frame 3
    // carries USE-CANDIDATE (0x0025) from [fd00::2]:38763 (ICE-CONTROLLING, pc1).
    let nominated: Vec<_> = r.ice.pairs.iter().filter(|p| p.use_candidate).collect();
    assert_eq!(nominated.len(), 1);
    assert_eq!(nominated[0].local.unwrap().to_string(), "[fd00::2]:38763");
    assert_eq!(nominated[0].nominated_at.unwrap().frame, 4);
}

#[test]
fn chrome_dtls13_rsa4096_pairs_match_tshark() {
    check_pairs("chrome-dtls13-rsa4096");
}

#[test]
fn chrome_aiortc_pairs_match_tshark() {
    check_pairs("chrome-aiortc-offer");
    check_pairs("chrome-aiortc-answer");
}

#[test]
fn chrome_ice_dtls_pairs_match_tshark() {
    let r = check_pairs("chrome-ice-dtls");
    // tshark reads 0xC070 (a DTLS packet in STUN) as an unknown attribute: its expert
    // message names it. Count, per pair, the requests of the pair and the responses
    // to them that carry one.
    let t = Table::load("chrome-ice-dtls.stun-fields.txt");
    let (msgs, _) = stun_messages(&t);
    let carries: BTreeSet<u64> = t
        .rows
        .iter()
        .filter(|row| {
            t.get(row, "_ws.expert.message")
                .contains("Unknown attribute 0xc070")
        })
        .map(|row| t.get(row, "frame.number").parse().unwrap())
        .collect();
    assert!(!carries.is_empty());
    let mut want: BTreeMap<(SocketAddr, SocketAddr), u64> = BTreeMap::new();
    for m in msgs.iter().filter(|m| carries.contains(&m.frame)) {
        let key = if m.mtype == BINDING_REQUEST {
            (m.src, m.dst)
        } else {
            (m.dst, m.src)
        };
        *want.entry(key).or_default() += 1;
    }
    let got: BTreeMap<(SocketAddr, SocketAddr), u64> = r
        .ice
        .pairs
        .iter()
        .filter(|p| p.dtls_in_stun > 0)
        .map(|p| ((p.local.unwrap(), p.remote.unwrap()), p.dtls_in_stun))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn role_conflict_is_reported() {
    let r = check_pairs("chrome-role-conflict");
    let t = Table::load("chrome-role-conflict.stun-fields.txt");
    let (msgs, _) = stun_messages(&t);
    let conflicts: Vec<&Msg> = msgs.iter().filter(|m| m.error == Some(487)).collect();
    // The README: frames 2-3 are 487 answers.
    assert_eq!(
        conflicts.iter().map(|m| m.frame).collect::<Vec<_>>(),
        [2, 3]
    );
    let pair = r
        .ice
        .pairs
        .iter()
        .find(|p| p.remote == Some(conflicts[0].src) && p.local == Some(conflicts[0].dst))
        .unwrap();
    // Both 487s answer the same request (frame 1, same transaction ID): one
    // transaction, one conflict, one duplicate response.
    assert_eq!(conflicts[0].id, conflicts[1].id);
    assert_eq!(pair.role_conflicts, 1);
    assert_eq!(r.ice.duplicate_responses, 1);
    // The loser switched to ICE-CONTROLLED afterwards.
    assert_eq!(pair.role_changes, 1);
    assert_eq!(pair.role.as_deref(), Some("controlled"));
    let findings: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind == "ice-role-conflict")
        .collect();
    assert_eq!(findings.len(), 1, "one finding per pair");
    assert_eq!(findings[0].at.frame, 2);
}

/// getStats of the page log: per (local, remote) candidate address, what Chromium
/// counted for the pair.
fn get_stats_pairs(name: &str) -> Vec<(SocketAddr, SocketAddr, serde_json::Value)> {
    let text = std::fs::read_to_string(captures().join(format!("{name}.page-log.jsonl"))).unwrap();
    let mut out: Vec<(SocketAddr, SocketAddr, serde_json::Value)> = Vec::new();
    for line in text.lines() {
        let ev: serde_json::Value = serde_json::from_str(line).unwrap();
        if !ev["ev"].as_str().unwrap().contains("stats-pc") {
            continue;
        }
        let Some(stats) = ev["stats"].as_array() else {
            continue;
        };
        let by_id: HashMap<&str, &serde_json::Value> = stats
            .iter()
            .map(|s| (s["id"].as_str().unwrap(), s))
            .collect();
        let addr = |id: &str| -> SocketAddr {
            let c = by_id[id];
            SocketAddr::new(
                c["address"].as_str().unwrap().parse().unwrap(),
                c["port"].as_u64().unwrap() as u16,
            )
        };
        for s in stats.iter().filter(|s| s["type"] == "candidate-pair") {
            let (l, r) = (
                addr(s["localCandidateId"].as_str().unwrap()),
                addr(s["remoteCandidateId"].as_str().unwrap()),
            );
            // Several stats events may list a pair: keep the last (latest) one.
            out.retain(|(a, b, _)| (*a, *b) != (l, r));
            out.push((l, r, s.clone()));
        }
    }
    out
}

#[test]
fn chrome_pairs_agree_with_get_stats() {
    for name in ["chrome-dtls13", "chrome-role-conflict"] {
        let r = analyze(name);
        let pairs = direct_pairs(&r);
        let stats = get_stats_pairs(name);
        assert!(!stats.is_empty());
        for (local, remote, s) in stats {
            let Some(p) = pairs.get(&(local, remote, "udp".to_owned())) else {
                // A pair Chromium formed but never checked has no requests.
                assert_eq!(s["requestsSent"], 0, "{name}: {local} -> {remote}");
                continue;
            };
            let what = format!("{name}: {local} -> {remote}");
            // getStats was read after the capture's last check (the page logs stats
            // at the end, the capture runs until the page closes): counts are equal.
            assert_eq!(
                p.requests + p.retransmissions,
                s["requestsSent"].as_u64().unwrap(),
                "{what}: requestsSent"
            );
            assert_eq!(
                p.responses,
                s["responsesReceived"].as_u64().unwrap(),
                "{what}"
            );
            assert_eq!(
                p.nominated,
                s["nominated"].as_bool().unwrap(),
                "{what}: nominated"
            );
            // Consent checks: we count the checks after the nomination took effect on
            // the wire; libwebrtc counts pings sent while the connection is its selected
            // one, which on the controlled side can begin one check later (in
            // chrome-role-conflict the re-check after the role switch, frame 6, is the
            // first we count). Equal in chrome-dtls13; allow that one boundary check.
            if let Some(c) = s["consentRequestsSent"].as_u64() {
                assert!(
                    p.consent_checks == c || p.consent_checks == c + 1,
                    "{what}: consent checks {} vs consentRequestsSent {c}",
                    p.consent_checks
                );
            }
            // totalRoundTripTime is a sum of per-response RTTs that libwebrtc measures
            // in whole milliseconds (rtc::TimeMillis) after its own processing, so each
            // can differ from the wire RTT by up to 1 ms: allow 1 ms per response.
            if let Some(rtt) = &p.rtt_ms {
                let total_ms = s["totalRoundTripTime"].as_f64().unwrap() * 1e3;
                let ours = rtt.mean * rtt.count as f64;
                assert!(
                    (ours - total_ms).abs() <= rtt.count as f64 + 1e-6,
                    "{what}: total RTT {ours} ms vs getStats {total_ms} ms"
                );
            }
        }
    }
}

#[test]
fn relayed_pairs_agree_with_get_stats() {
    // Relay-only calls: Chromium's pairs go from its relayed candidate to the other
    // peer's. Our view of a pair from the sending side: the checks in Send
    // indications / ChannelData of the TURN client whose allocation owns the local
    // relayed address.
    for name in ["chrome-turn-udp", "chrome-turn-tcp"] {
        let r = analyze(name);
        let relayed_of: HashMap<SocketAddr, SocketAddr> = r
            .ice
            .turn
            .iter()
            .filter_map(|a| Some((a.client?, a.relayed?)))
            .collect();
        let ours: HashMap<(SocketAddr, SocketAddr), &CandidatePairReport> = r
            .ice
            .pairs
            .iter()
            .filter(|p| {
                p.turn
                    .as_ref()
                    .and_then(|t| relayed_of.get(&t.a?))
                    .is_some_and(|rel| Some(*rel) == p.local)
            })
            .map(|p| ((p.local.unwrap(), p.remote.unwrap()), p))
            .collect();
        let stats = get_stats_pairs(name);
        let mut compared = 0;
        for (local, remote, s) in stats {
            let Some(p) = ours.get(&(local, remote)) else {
                continue;
            };
            compared += 1;
            let what = format!("{name}: {local} -> {remote}");
            // The trimmed captures (README: chrome-turn-udp keeps frames 1-400,
            // 5790-5850, 9400-9440; chrome-turn-tcp the first 600) miss checks
            // getStats counted: ours can only be fewer.
            let sent = s["requestsSent"].as_u64().unwrap();
            assert!(
                p.requests + p.retransmissions <= sent,
                "{what}: {} > {sent}",
                p.requests
            );
            assert!(
                p.responses <= s["responsesReceived"].as_u64().unwrap(),
                "{what}"
            );
            assert!(p.responses > 0, "{what}");
            assert_eq!(
                p.nominated,
                s["nominated"].as_bool().unwrap(),
                "{what}: nominated"
            );
        }
        assert!(compared > 0, "{name}: no relayed pair compared");
    }
}

// ---------------------------------------------------------------------------
// TURN

#[derive(Debug, Default, PartialEq)]
struct ExpectedAllocation {
    allocate_requests: u64,
    allocate_successes: u64,
    errors: BTreeMap<u16, u64>,
    refreshes: u64,
    permission_requests: u64,
    channel_binds: u64,
    send: u64,
    data: u64,
    channel_data: u64,
    lifetime: Option<u32>,
}

fn check_turn(name: &str) -> Report {
    let t = Table::load(&format!("{name}.stun-fields.txt"));
    let (msgs, channel_data) = stun_messages(&t);
    // Requests of TURN methods name the client 5-tuple; responses go back on it.
    let mut want: BTreeMap<(SocketAddr, SocketAddr), ExpectedAllocation> = BTreeMap::new();
    let mut seen_ids = BTreeSet::new();
    let mut request_method: HashMap<String, u16> = HashMap::new();
    for m in &msgs {
        let method = m.mtype & 0x3eef;
        let class = m.mtype & 0x0110;
        let turn_method = matches!(method, 0x003 | 0x004 | 0x008 | 0x009);
        if class == 0x0000 && turn_method {
            let a = want.entry((m.src, m.dst)).or_default();
            if !seen_ids.insert((m.src, m.dst, m.id.clone())) {
                continue; // retransmission
            }
            request_method.insert(m.id.clone(), method);
            match method {
                0x003 => a.allocate_requests += 1,
                0x004 => a.refreshes += 1,
                0x008 => a.permission_requests += 1,
                _ => a.channel_binds += 1,
            }
        } else if (class == 0x0100 || class == 0x0110) && turn_method {
            let Some(a) = want.get_mut(&(m.dst, m.src)) else {
                continue;
            };
            if class == 0x0110 {
                *a.errors.entry(m.error.unwrap()).or_default() += 1;
            } else if method == 0x003 {
                a.allocate_successes += 1;
                a.lifetime = m.lifetime.or(a.lifetime);
            } else if method == 0x004 {
                if let Some(l) = m.lifetime.filter(|l| *l > 0) {
                    a.lifetime = Some(l);
                }
            }
        } else if m.mtype == 0x0016 {
            if let Some(a) = want.get_mut(&(m.src, m.dst)) {
                a.send += 1;
            }
        } else if m.mtype == 0x0017 {
            if let Some(a) = want.get_mut(&(m.dst, m.src)) {
                a.data += 1;
            }
        }
    }
    for ((src, dst), n) in channel_data {
        if let Some(a) = want.get_mut(&(src, dst)) {
            a.channel_data += n;
        } else if let Some(a) = want.get_mut(&(dst, src)) {
            a.channel_data += n;
        }
    }
    let r = analyze(name);
    let got: BTreeMap<(SocketAddr, SocketAddr), ExpectedAllocation> = r
        .ice
        .turn
        .iter()
        .map(|a| {
            (
                (a.client.unwrap(), a.server.unwrap()),
                ExpectedAllocation {
                    allocate_requests: a.allocate_requests,
                    allocate_successes: a.allocate_successes,
                    errors: a
                        .errors
                        .iter()
                        .map(|c| (c.name.parse().unwrap(), c.count))
                        .collect(),
                    refreshes: a.refreshes,
                    permission_requests: a.permission_requests,
                    channel_binds: a.channel_binds,
                    send: a.send_indications,
                    data: a.data_indications,
                    channel_data: a.channel_data,
                    lifetime: a.lifetime_s,
                },
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: allocations");
    r
}

#[test]
fn chrome_turn_udp_allocations_match_tshark() {
    let r = check_turn("chrome-turn-udp");
    // README: 401 then authenticated Allocate, a 438 Stale Nonce on a Refresh, and
    // deallocation (Refresh LIFETIME 0) at the end; lifetime 30 s (-max-allocate-lifetime).
    assert_eq!(r.ice.turn.len(), 2);
    for a in &r.ice.turn {
        let codes: Vec<&str> = a.errors.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(codes, ["401", "438"]);
        // The Allocate granted 30 s (README: --max-allocate-lifetime=30); the
        // check_turn comparison above covers the later Refresh grants.
        assert!(a.lifetime_s.is_some());
        assert!(a.deallocated.is_some());
        assert_eq!(a.realm.as_deref(), Some("realm"));
        assert_eq!(a.username.as_deref(), Some("user"));
        assert_eq!(a.channels.len(), 1);
        // The channel's peer is the other allocation's relayed address.
        let other = r.ice.turn.iter().find(|o| o.client != a.client).unwrap();
        assert_eq!(a.channels[0].peer, other.relayed);
        assert_eq!(a.permissions, [other.relayed.unwrap()]);
    }
    // Relayed ICE checks: found inside Send/Data indications and ChannelData, with the
    // peer, as pairs of their own.
    assert!(
        r.ice
            .pairs
            .iter()
            .any(|p| p.turn.is_some() && p.responses > 0)
    );
    // The relayed DTLS is analysed (the DTLS dump lists only the direct relay-to-relay
    // flow, which tshark sees; the relayed copies are inside TURN).
    let relayed_dtls: Vec<&DtlsReport> = r.dtls.iter().filter(|d| d.peer.is_some()).collect();
    assert_eq!(relayed_dtls.len(), 2);
    // No finding for the 401/438 of the normal credential exchange.
    assert!(r.findings.iter().all(|f| f.kind != "turn-error"));
}

#[test]
fn chrome_turn_tcp_allocations_match_tshark() {
    check_turn("chrome-turn-tcp");
}

#[test]
fn coturn_allocations_match_tshark() {
    for name in [
        "coturn-udp",
        "coturn-send",
        "coturn-tcp",
        "coturn-ipv6",
        "coturn-dual",
        "coturn-mobility",
    ] {
        let r = check_turn(name);
        assert!(!r.ice.turn.is_empty(), "{name}");
    }
}

#[test]
fn chrome_turn_udp_relayed_address_matches_tshark() {
    // XOR-RELAYED-ADDRESS (0x0016) is the first address attribute of the Allocate
    // success responses: tshark's stun.att.ipv4 / stun.att.port list it first.
    let t = Table::load("chrome-turn-udp.stun-fields.txt");
    let mut want = BTreeMap::new();
    for row in &t.rows {
        if t.get(row, "stun.type") == "0x0103" {
            let (src, dst, _) = t.ends(row);
            assert_eq!(t.list(row, "stun.att.type")[0], "0x0016");
            let ip: IpAddr = t.list(row, "stun.att.ipv4")[0].parse().unwrap();
            let port: u16 = t.list(row, "stun.att.port")[0].parse().unwrap();
            want.insert((dst, src), SocketAddr::new(ip, port));
        }
    }
    let r = analyze("chrome-turn-udp");
    let got: BTreeMap<_, _> = r
        .ice
        .turn
        .iter()
        .map(|a| ((a.client.unwrap(), a.server.unwrap()), a.relayed.unwrap()))
        .collect();
    assert_eq!(got, want);
}

// ---------------------------------------------------------------------------
// DTLS

/// IANA names of the codepoints these captures negotiate, written out from the
/// "TLS Cipher Suites" and "DTLS-SRTP Protection Profiles" registries.
fn iana_name(code: &str) -> &'static str {
    match code {
        "0x1301" => "TLS_AES_128_GCM_SHA256",
        "0xc02b" => "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "0xc02c" => "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "0xc030" => "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "0xc009" => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "0xcca8" => "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "0x0001" => "SRTP_AES128_CM_HMAC_SHA1_80",
        "0x0002" => "SRTP_AES128_CM_HMAC_SHA1_32",
        "0x0007" => "SRTP_AEAD_AES_128_GCM",
        "0x0008" => "SRTP_AEAD_AES_256_GCM",
        "0xfefd" => "DTLS 1.2",
        "0xfeff" => "DTLS 1.0",
        "0xfefc" => "DTLS 1.3",
        other => panic!("add {other} to the table"),
    }
}

#[derive(Debug, Default, PartialEq)]
struct ExpectedDtls {
    client: Option<SocketAddr>,
    version: Option<&'static str>,
    cipher_suite: Option<&'static str>,
    srtp_profile: Option<&'static str>,
    /// (from client?, handshake type, retransmission) of each message's first fragment.
    messages: Vec<(bool, u8, bool)>,
    retransmissions: u64,
    alerts: Vec<(Option<String>, Option<String>)>,
    application_data: u64,
}

fn alert_level(v: &str) -> String {
    match v {
        "1" => "warning".into(),
        "2" => "fatal".into(),
        _ => panic!("{v}"),
    }
}

fn alert_desc(v: &str) -> String {
    match v {
        "0" => "close_notify".into(),
        "40" => "handshake_failure".into(),
        _ => panic!("add alert {v}"),
    }
}

/// Per undirected 5-tuple, what the DTLS dump of a DTLS 1.0/1.2 capture says.
fn expected_dtls(name: &str) -> BTreeMap<(SocketAddr, SocketAddr), ExpectedDtls> {
    let t = Table::load(&format!("{name}.dtls-fields.txt"));
    let mut out: BTreeMap<(SocketAddr, SocketAddr), ExpectedDtls> = BTreeMap::new();
    let mut seen: BTreeSet<(SocketAddr, u16)> = BTreeSet::new();
    for row in &t.rows {
        let (src, dst, _) = t.ends(row);
        let e = out.entry(undirected(src, dst)).or_default();
        let types = t.list(row, "dtls.handshake.type");
        let seqs = t.list(row, "dtls.handshake.message_seq");
        let offsets = t.list(row, "dtls.handshake.fragment_offset");
        if types.first() == Some(&"1") && e.client.is_none() {
            e.client = Some(src);
        }
        let from_client = e.client == Some(src);
        for ((ty, seq), off) in types.iter().zip(&seqs).zip(&offsets) {
            if *off != "0" {
                continue;
            }
            let again = !seen.insert((src, seq.parse().unwrap()));
            e.retransmissions += u64::from(again);
            e.messages.push((from_client, ty.parse().unwrap(), again));
            if *ty == "2" {
                e.cipher_suite = Some(iana_name(t.get(row, "dtls.handshake.ciphersuite")));
                e.srtp_profile = t
                    .list(row, "dtls.use_srtp.protection_profile")
                    .first()
                    .map(|p| iana_name(p));
                e.version = Some(iana_name(
                    t.list(row, "dtls.handshake.extensions.supported_version")
                        .first()
                        .copied()
                        .unwrap_or(t.get(row, "dtls.handshake.version")),
                ));
            }
        }
        let cts = t.list(row, "dtls.record.content_type");
        let epochs = t.list(row, "dtls.record.epoch");
        let levels = t.list(row, "dtls.alert_message.level");
        let descs = t.list(row, "dtls.alert_message.desc");
        let mut clear_alert = 0;
        for (ct, epoch) in cts.iter().zip(&epochs) {
            match *ct {
                "23" => e.application_data += 1,
                "21" if *epoch == "0" => {
                    e.alerts.push((
                        Some(alert_level(levels[clear_alert])),
                        Some(alert_desc(descs[clear_alert])),
                    ));
                    clear_alert += 1;
                }
                "21" => e.alerts.push((None, None)),
                _ => {}
            }
        }
    }
    out
}

/// The handshake type number of a timeline message name (epoch-0 messages only).
fn type_number(message: &str) -> Option<u8> {
    Some(match message {
        "ClientHello" => 1,
        "ServerHello" => 2,
        "HelloVerifyRequest" => 3,
        "NewSessionTicket" => 4,
        "Certificate" => 11,
        "ServerKeyExchange" => 12,
        "CertificateRequest" => 13,
        "ServerHelloDone" => 14,
        "CertificateVerify" => 15,
        "ClientKeyExchange" => 16,
        _ => return None,
    })
}

fn check_dtls(name: &str) -> Report {
    let want = expected_dtls(name);
    let r = analyze(name);
    let got: BTreeMap<(SocketAddr, SocketAddr), ExpectedDtls> = r
        .dtls
        .iter()
        .map(|d| {
            let (c, s) = (d.flow.a.unwrap(), d.flow.b.unwrap());
            let e = ExpectedDtls {
                client: d.client,
                version: d.version.as_deref().map(|v| iana_name_rev(v)),
                cipher_suite: d.cipher_suite.as_deref().map(|v| iana_name_rev(v)),
                srtp_profile: d.srtp_profile.as_deref().map(|v| iana_name_rev(v)),
                messages: d
                    .timeline
                    .iter()
                    .filter_map(|e| {
                        type_number(&e.message).map(|t| (e.from == "client", t, e.retransmission))
                    })
                    .collect(),
                retransmissions: d
                    .timeline
                    .iter()
                    .filter(|e| e.retransmission && type_number(&e.message).is_some())
                    .count() as u64,
                alerts: d
                    .alerts
                    .iter()
                    .map(|a| (a.level.clone(), a.description.clone()))
                    .collect(),
                application_data: d.application_data,
            };
            (undirected(c, s), e)
        })
        .collect();
    assert_eq!(got, want, "{name}");
    r
}

/// Our names back to `&'static str` for comparison (the strings are checked by the
/// comparison itself: an unknown name fails it).
fn iana_name_rev(v: &str) -> &'static str {
    for code in [
        "0x1301", "0xc02b", "0xc02c", "0xc030", "0xc009", "0xcca8", "0x0001", "0x0002", "0x0007",
        "0x0008", "0xfefd", "0xfeff", "0xfefc",
    ] {
        if iana_name(code) == v {
            return iana_name(code);
        }
    }
    panic!("unexpected name {v}")
}

fn fingerprints_file(name: &str) -> Vec<(u64, String)> {
    let text =
        std::fs::read_to_string(captures().join(format!("{name}.cert-fingerprints.txt"))).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let (f, v) = l.split_once('\t').unwrap();
            (f.parse().unwrap(), v.to_owned())
        })
        .collect()
}

/// Every `a=fingerprint:sha-256` value in a page log (both peers' SDP).
fn sdp_fingerprints(name: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(captures().join(format!("{name}.page-log.jsonl"))).unwrap();
    let mut out = BTreeSet::new();
    for piece in text.split("a=fingerprint:sha-256 ").skip(1) {
        let v: String = piece
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || *c == ':')
            .collect();
        out.insert(v);
    }
    out
}

#[test]
fn dtls12_captures_match_tshark() {
    for name in [
        "openssl-dtls12",
        "openssl-dtls12-mtu300",
        "openssl-dtls12-alert",
        "openssl-dtls10",
        "gnutls-dtls12",
        "chrome-aiortc-offer",
        "chrome-aiortc-answer",
        "public/ndpi/stun_zoom-first40",
    ] {
        let r = check_dtls(name);
        for d in &r.dtls {
            // Every Finished of a completed DTLS 1.0/1.2 handshake is encrypted.
            assert_eq!(d.complete, d.encrypted_handshake >= 2, "{name}");
        }
    }
}

#[test]
fn zoom_retransmissions_and_fragmented_certificate() {
    // From the dump, for 192.168.43.169:48854: ClientHello (message_seq 0) at frames
    // 5, 9, 13 → 2 retransmissions; the flight ClientKeyExchange (seq 1) +
    // ChangeCipherSpec + Finished (epoch 1) at 20, 24, 27, 35 → 3 × 3; the server's
    // ChangeCipherSpec at 36 and 40 → 1. Total 2 + 9 + 1 = 12. The server Certificate (seq 1) spans frames 15-18 (fragment
    // offsets 0, 913, 1940, 2967); its first certificate is BF:2A:F5:0B:... per
    // openssl.
    let r = analyze("public/ndpi/stun_zoom-first40");
    let d = r
        .dtls
        .iter()
        .find(|d| d.client == Some("192.168.43.169:48854".parse().unwrap()))
        .unwrap();
    assert_eq!(d.retransmissions, 12);
    assert_eq!(d.fingerprints.len(), 1);
    assert_eq!(d.fingerprints[0].from, "server");
    assert!(d.fingerprints[0].value.starts_with("BF:2A:F5:0B"));
    assert_eq!(
        d.timeline
            .iter()
            .filter(|e| e.message == "Certificate")
            .count(),
        1
    );
}

#[test]
fn fingerprints_match_openssl_and_sdp() {
    for name in [
        "openssl-dtls12",
        "openssl-dtls12-mtu300",
        "gnutls-dtls12",
        "chrome-aiortc-offer",
        "chrome-aiortc-answer",
        "public/ndpi/stun_zoom-first40",
    ] {
        let r = analyze(name);
        // The first certificate of each Certificate message (the sender's own).
        let mut want: Vec<String> = Vec::new();
        let mut last_frame = 0;
        for (frame, fp) in fingerprints_file(name) {
            if frame != last_frame {
                want.push(fp);
            }
            last_frame = frame;
        }
        let mut got: Vec<String> = r
            .dtls
            .iter()
            .flat_map(|d| d.fingerprints.iter().map(|f| f.value.clone()))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
        if name.starts_with("chrome-aiortc") {
            // Both peers' certificates are announced in the SDP of the page log.
            let sdp = sdp_fingerprints(name);
            assert_eq!(got.len(), 2);
            for fp in &got {
                assert!(sdp.contains(fp), "{name}: {fp} not in SDP {sdp:?}");
            }
        }
    }
}

#[test]
fn aiortc_roles_follow_setup() {
    // README: in chrome-aiortc-offer aiortc answers a=setup:active (DTLS client) and
    // Chromium is the server; its certificate is the offer's fingerprint BC:88...
    let r = analyze("chrome-aiortc-offer");
    let d = &r.dtls[0];
    let server = d.fingerprints.iter().find(|f| f.from == "server").unwrap();
    assert!(server.value.starts_with("BC:88:2F:5E"));
    let client = d.fingerprints.iter().find(|f| f.from == "client").unwrap();
    assert!(client.value.starts_with("7A:BE:2F:D5"));
    // No SDP known to the analysis (no --sdp, no signalling in the capture).
    assert_eq!(server.sdp_match, None);
    assert!(r.capture.protocols.iter().any(|c| c.name == "dtls"));
}

#[test]
fn dtls13_hello_parameters_match_tshark() {
    // tshark 4.0 does not read DTLS 1.3 unified headers: its dump holds the plaintext
    // ClientHello (fragmented over two datagrams in chrome-dtls13) and ServerHello.
    for name in ["chrome-dtls13", "chrome-dtls13-rsa4096"] {
        let t = Table::load(&format!("{name}.dtls-fields.txt"));
        let r = analyze(name);
        for row in &t.rows {
            let types = t.list(row, "dtls.handshake.type");
            let (src, dst, _) = t.ends(row);
            let d = r
                .dtls
                .iter()
                .find(|d| {
                    d.client.zip(d.server).map(|(c, s)| undirected(c, s))
                        == Some(undirected(src, dst))
                })
                .unwrap();
            if types.contains(&"1") && t.list(row, "dtls.handshake.fragment_offset")[0] == "0" {
                assert_eq!(d.client, Some(src), "{name}: client");
                let offered: Vec<&str> = t
                    .list(row, "dtls.use_srtp.protection_profile")
                    .iter()
                    .map(|p| iana_name(p))
                    .collect();
                if !offered.is_empty() {
                    assert_eq!(d.srtp_profiles_offered, offered, "{name}: offered profiles");
                }
            }
            if types.contains(&"2") {
                assert_eq!(d.server, Some(src), "{name}: server");
                assert_eq!(d.version.as_deref(), Some("DTLS 1.3"));
                assert_eq!(
                    d.cipher_suite.as_deref(),
                    Some(iana_name(t.get(row, "dtls.handshake.ciphersuite")))
                );
            }
        }
    }
    // getStats of chrome-dtls13 (README): DTLS 1.3, TLS_AES_128_GCM_SHA256.
    let r = analyze("chrome-dtls13");
    assert_eq!(r.dtls.len(), 1);
    assert_eq!(
        r.dtls[0].cipher_suite.as_deref(),
        Some("TLS_AES_128_GCM_SHA256")
    );
    assert!(r.dtls[0].complete);
}

#[test]
fn alert_capture_reports_failure() {
    let r = analyze("openssl-dtls12-alert");
    let kinds: Vec<&str> = r.findings.iter().map(|f| f.kind.as_str()).collect();
    assert!(kinds.contains(&"dtls-alert"), "{kinds:?}");
    assert!(kinds.contains(&"dtls-incomplete"), "{kinds:?}");
    assert!(!r.dtls[0].complete);
}

#[test]
fn tiny_tables_drop_and_count() {
    // One pair, one transaction: chrome-dtls13 has 4 directed pairs.
    let mut config = Config::default();
    config.max_ice_entries = 1;
    config.max_dtls_flows = 1;
    let r = analyze_with("chrome-dtls13", config);
    assert_eq!(r.ice.pairs.len(), 1);
    assert!(r.limits.ice_dropped > 0);
}
