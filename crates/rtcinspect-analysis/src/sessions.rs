//! Sessions: groups ICE pairs, DTLS associations, streams and SDP into WebRTC / VoIP
//! sessions and sets their `session` indices.
//!
//! Without SDP: ICE USERNAMEs `a:b` and `b:a` name the same two ufrags, so pairs
//! sharing a ufrag belong together (`ice-ufrag`); a 5-tuple (either direction) shared
//! by pairs, DTLS and RTP is one transport, as under BUNDLE (`5-tuple`). With SDP: a
//! description joins the flows that reach its connection address and port or its
//! candidates, the pairs using its ufrag, and the description it answers (`sdp`);
//! SIP descriptions of one Call-ID belong together (`sip-call-id`). Streams are then
//! mapped to the m-sections of the session's SDP (by MID, by `a=ssrc`, by address and
//! payload type) and their `mid` filled when RTP did not carry one.
//!
//! Every connected group is a session, in order of first activity.

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;

use crate::engine::Shared;
use crate::report::{FlowReport, Report, SessionMediaReport, SessionReport};
use crate::signal::{MediaIndex, SdpEntry};

/// Fills `report.sessions` and the `session` fields.
pub(crate) fn group(report: &mut Report, shared: &Shared) {
    let entries = shared.sdp.entries();
    let (ns, np, nd, nsdp) = (
        report.streams.len(),
        report.ice.pairs.len(),
        report.dtls.len(),
        report.sdp.len().min(entries.len()),
    );
    let (stream0, pair0, dtls0, sdp0) = (0, ns, ns + np, ns + np + nd);
    let items = sdp0 + nsdp;
    let mut uf = UnionFind::new(items);
    let mut keys: HashMap<Key, usize> = HashMap::new();
    let mut reasons: Vec<(usize, &'static str)> = Vec::new();
    let mut join = |uf: &mut UnionFind,
                    reasons: &mut Vec<(usize, &'static str)>,
                    key: Key,
                    node: usize,
                    reason: &'static str| {
        let k = *keys.entry(key).or_insert_with(|| uf.add());
        if uf.find(k) != uf.find(node) && uf.size(k) > 1 {
            reasons.push((node, reason));
        }
        uf.union(k, node);
    };

    // Flows of every item, undirected.
    let mut flows: Vec<Option<FlowKey>> = vec![None; sdp0];
    for (i, s) in report.streams.iter().enumerate() {
        flows[stream0 + i] = flow_key(s.src, s.dst, &s.transport);
    }
    for (i, p) in report.ice.pairs.iter().enumerate() {
        flows[pair0 + i] = flow_key(p.local, p.remote, &p.transport);
        if let Some((a, b)) = p.username.as_deref().and_then(|u| u.split_once(':')) {
            join(
                &mut uf,
                &mut reasons,
                Key::Ufrag(a.to_owned()),
                pair0 + i,
                "ice-ufrag",
            );
            join(
                &mut uf,
                &mut reasons,
                Key::Ufrag(b.to_owned()),
                pair0 + i,
                "ice-ufrag",
            );
        }
    }
    for (i, d) in report.dtls.iter().enumerate() {
        flows[dtls0 + i] = flow_key(d.client, d.server, &d.transport);
    }
    for (node, f) in flows.iter().enumerate() {
        if let Some(f) = f {
            join(&mut uf, &mut reasons, Key::Flow(f.clone()), node, "5-tuple");
        }
    }

    // SDP.
    let mut at_endpoint: HashMap<SocketAddr, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate().take(nsdp) {
        let node = sdp0 + i;
        for u in e.ufrags() {
            join(
                &mut uf,
                &mut reasons,
                Key::Ufrag(u.to_owned()),
                node,
                "ice-ufrag",
            );
        }
        if let Some(c) = &e.report.call_id {
            join(
                &mut uf,
                &mut reasons,
                Key::CallId(c.clone()),
                node,
                "sip-call-id",
            );
        }
        if let Some(o) = e.report.answers.filter(|o| *o < nsdp) {
            if uf.find(node) != uf.find(sdp0 + o) {
                reasons.push((node, "sdp"));
            }
            uf.union(node, sdp0 + o);
        }
        for a in e.endpoints() {
            let v = at_endpoint.entry(a).or_default();
            if !v.contains(&node) {
                v.push(node);
            }
        }
    }
    for (node, f) in flows.iter().enumerate() {
        let Some(f) = f else { continue };
        for end in [f.a, f.b] {
            for &s in at_endpoint.get(&end).map(Vec::as_slice).unwrap_or(&[]) {
                if uf.find(s) != uf.find(node) {
                    reasons.push((node, "sdp"));
                }
                uf.union(s, node);
            }
        }
    }

    // Components, in order of first activity.
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for node in 0..items {
        by_root.entry(uf.find(node)).or_default().push(node);
    }
    let mut groups: Vec<(f64, usize, Vec<usize>)> = by_root
        .into_iter()
        .map(|(root, nodes)| {
            let first = nodes
                .iter()
                .filter_map(|&n| first_time(report, n, pair0, dtls0, sdp0))
                .fold(f64::INFINITY, f64::min);
            let min_node = nodes.iter().copied().min().unwrap_or(root);
            (first, min_node, nodes)
        })
        .collect();
    groups.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));

    let mut sessions = Vec::with_capacity(groups.len());
    for (id, (first, _, nodes)) in groups.into_iter().enumerate() {
        let root = uf.find(nodes[0]);
        let mut s = SessionReport {
            id,
            first: first.is_finite().then_some(first),
            ..SessionReport::default()
        };
        let mut grouped_by = BTreeSet::new();
        for (n, r) in &reasons {
            if uf.find(*n) == root {
                grouped_by.insert(*r);
            }
        }
        s.grouped_by = grouped_by.into_iter().map(str::to_owned).collect();
        let mut flow_set: Vec<FlowKey> = Vec::new();
        let mut last = f64::NEG_INFINITY;
        for &n in &nodes {
            if let Some(f) = &flows.get(n).cloned().flatten() {
                if !flow_set.contains(f) {
                    flow_set.push(f.clone());
                }
            }
            if n < pair0 {
                let st = &mut report.streams[n];
                st.session = Some(id);
                s.streams.push(n);
                last = last.max(st.last_seen);
            } else if n < dtls0 {
                let p = &mut report.ice.pairs[n - pair0];
                p.session = Some(id);
                s.pairs.push(n - pair0);
                if s.ice_username.is_none() {
                    s.ice_username = p.username.clone();
                }
                if let Some(l) = p.last {
                    last = last.max(l.time);
                }
            } else if n < sdp0 {
                let d = &mut report.dtls[n - dtls0];
                d.session = Some(id);
                s.dtls.push(n - dtls0);
                if let Some(e) = d.timeline.last() {
                    last = last.max(e.at.time);
                }
            } else {
                let k = n - sdp0;
                report.sdp[k].session = Some(id);
                s.sdp.push(k);
                if s.call_id.is_none() {
                    s.call_id = report.sdp[k].call_id.clone();
                }
            }
        }
        s.last = last.is_finite().then_some(last).or(s.first);
        flow_set.sort();
        s.flows = flow_set
            .into_iter()
            .map(|f| FlowReport {
                a: Some(f.a),
                b: Some(f.b),
                transport: f.transport,
            })
            .collect();
        s.media = map_media(report, &s, entries);
        sessions.push(s);
    }
    report.sessions = sessions;
}

/// Maps the session's streams to the m-sections of its SDP. An answer's m-sections
/// are its offer's (RFC 3264 §6: same order), so they are listed once, under the
/// offer; a stream matches section k when it matches section k of the offer or of
/// an answer.
fn map_media(
    report: &mut Report,
    s: &SessionReport,
    entries: &[SdpEntry],
) -> Vec<SessionMediaReport> {
    let mut out = Vec::new();
    for &k in &s.sdp {
        let Some(e) = entries.get(k) else { continue };
        let is_answer = e.report.answers.is_some()
            && matches!(e.report.kind.as_deref(), Some("answer" | "pranswer"));
        if is_answer {
            continue;
        }
        // This description and the answers to it.
        let family: Vec<&SdpEntry> = std::iter::once(e)
            .chain(
                s.sdp
                    .iter()
                    .filter_map(|&j| entries.get(j))
                    .filter(|a| a.report.answers == Some(k)),
            )
            .collect();
        for (index, sec) in e.sections.iter().enumerate() {
            let secs: Vec<&MediaIndex> = family
                .iter()
                .filter_map(|f| f.sections.get(index))
                .collect();
            let mut m = SessionMediaReport {
                sdp: k,
                index,
                media: sec.media.clone(),
                mid: sec.mid.clone(),
                streams: Vec::new(),
            };
            for &si in &s.streams {
                let st = &report.streams[si];
                let ends: Vec<SocketAddr> = st.src.into_iter().chain(st.dst).collect();
                let matched = secs.iter().any(|x| {
                    st.mid.is_some() && st.mid == x.mid
                        || x.ssrcs.contains(&st.ssrc)
                        || ends.iter().any(|a| x.endpoints.contains(a))
                            && x.codecs.iter().any(|(pt, _)| *pt == st.payload_type)
                });
                if matched {
                    m.streams.push(si);
                    if report.streams[si].mid.is_none() {
                        report.streams[si].mid = sec.mid.clone();
                    }
                }
            }
            out.push(m);
        }
    }
    out
}

fn first_time(report: &Report, n: usize, pair0: usize, dtls0: usize, sdp0: usize) -> Option<f64> {
    if n < pair0 {
        report.streams.get(n).map(|s| s.first_seen)
    } else if n < dtls0 {
        report
            .ice
            .pairs
            .get(n - pair0)
            .and_then(|p| p.first)
            .map(|a| a.time)
    } else if n < sdp0 {
        report
            .dtls
            .get(n - dtls0)
            .and_then(|d| d.timeline.first())
            .map(|e| e.at.time)
    } else {
        report.sdp.get(n - sdp0).and_then(|s| s.at).map(|a| a.time)
    }
}

/// An undirected 5-tuple.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct FlowKey {
    a: SocketAddr,
    b: SocketAddr,
    transport: String,
}

fn flow_key(x: Option<SocketAddr>, y: Option<SocketAddr>, transport: &str) -> Option<FlowKey> {
    let (x, y) = (x?, y?);
    let (a, b) = if x <= y { (x, y) } else { (y, x) };
    Some(FlowKey {
        a,
        b,
        transport: transport.to_owned(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Flow(FlowKey),
    Ufrag(String),
    CallId(String),
}

/// Disjoint sets with union by size and path halving.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.size.push(1);
        self.parent.len() - 1
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn size(&mut self, x: usize) -> usize {
        let r = self.find(x);
        self.size[r]
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}
