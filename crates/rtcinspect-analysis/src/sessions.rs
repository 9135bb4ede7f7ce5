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
        // Evidence: another item already has this key.
        if uf.size(k) > 1 {
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
            reasons.push((node, "sdp"));
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
                reasons.push((node, "sdp"));
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

    let mut reasons_by_root: HashMap<usize, BTreeSet<&'static str>> = HashMap::new();
    for (n, r) in &reasons {
        reasons_by_root.entry(uf.find(*n)).or_default().insert(r);
    }
    let mut sessions = Vec::with_capacity(groups.len());
    for (id, (first, _, nodes)) in groups.into_iter().enumerate() {
        let root = uf.find(nodes[0]);
        let mut s = SessionReport {
            id,
            first: first.is_finite().then_some(first),
            ..SessionReport::default()
        };
        s.grouped_by = reasons_by_root
            .remove(&root)
            .unwrap_or_default()
            .into_iter()
            .map(str::to_owned)
            .collect();
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::collections::{BTreeMap, HashSet};

    use super::*;
    use crate::engine::Config;
    use crate::findings::Findings;
    use crate::report::{
        At, CandidatePairReport, DtlsReport, HandshakeEvent, SdpReport, StreamReport,
    };
    use crate::signal::{SdpContext, index};

    fn shared() -> Shared {
        Shared {
            config: Config::default(),
            findings: Findings::new(10),
            sdp: SdpContext::new(16),
            dtls_flows: HashSet::new(),
            malformed: BTreeMap::new(),
        }
    }

    fn a(s: &str) -> Option<SocketAddr> {
        Some(s.parse().unwrap())
    }

    fn at(t: f64) -> Option<At> {
        Some(At { frame: 1, time: t })
    }

    fn stream(ssrc: u32, src: &str, dst: &str, pt: u8, first: f64) -> StreamReport {
        StreamReport {
            ssrc,
            src: a(src),
            dst: a(dst),
            transport: "udp".into(),
            payload_type: pt,
            first_seen: first,
            last_seen: first + 10.0,
            ..StreamReport::default()
        }
    }

    fn pair(local: &str, remote: &str, user: &str, t: f64) -> CandidatePairReport {
        CandidatePairReport {
            local: a(local),
            remote: a(remote),
            transport: "udp".into(),
            username: Some(user.into()),
            first: at(t),
            last: at(t + 20.0),
            ..CandidatePairReport::default()
        }
    }

    fn add_sdp(shared: &mut Shared, report: &mut Report, text: &str, r: SdpReport) {
        let ix = index(text).unwrap();
        let r = SdpReport {
            text: text.into(),
            ..r
        };
        shared.sdp.insert(SdpEntry {
            report: r.clone(),
            sections: ix.sections,
            key: report.sdp.len() as u64,
        });
        report.sdp.push(r);
    }

    const OFFER: &str = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
        a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n\
        a=candidate:1 1 udp 1 192.168.1.10 50000 typ host\r\na=rtpmap:111 opus/48000/2\r\n\
        a=ssrc:3333 cname:x\r\n\
        m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n";
    const ANSWER: &str = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
        a=ice-ufrag:wxyz\r\na=ice-pwd:0123456789012345678901\r\n\
        a=candidate:1 1 udp 1 192.168.1.20 40000 typ host\r\na=rtpmap:111 opus/48000/2\r\n\
        m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n\
        a=ssrc:1111 cname:y\r\n";
    const SIP_OFFER: &str = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    const SIP_ANSWER: &str = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";

    /// Four sessions: a WebRTC call with SDP (offer/answer, ICE both ways, DTLS,
    /// audio and video under BUNDLE), a SIP call (Call-ID, c=/m= ports), a WebRTC
    /// call without SDP on two candidate pairs (ufrags `p`/`q`), and a lone stream.
    #[test]
    fn groups_with_and_without_sdp() {
        let mut sh = shared();
        let mut r = Report::default();
        let (x, y) = ("192.168.1.10:50000", "192.168.1.20:40000");
        // 0 audio x->y, 1 video y->x, 2 SIP RTP, 3 SIP RTP back, 4 no-SDP call, 5 lone.
        r.streams = vec![
            stream(3333, x, y, 111, 1.0),
            stream(1111, y, x, 96, 1.1),
            stream(7, "10.0.0.1:4000", "10.0.0.2:5000", 0, 3.0),
            stream(8, "10.0.0.2:5000", "10.0.0.1:4000", 0, 3.0),
            stream(9, "172.16.0.1:6000", "172.16.0.9:3478", 111, 6.0),
            stream(10, "203.0.113.1:7000", "203.0.113.2:7002", 8, 9.0),
        ];
        // Checks both ways (USERNAME is `remote:local`, RFC 8445 §7.2.2); the no-SDP
        // call: host pair p->q, relayed pair q->p on another 5-tuple.
        r.ice.pairs = vec![
            pair(y, x, "abcd:wxyz", 0.9),
            pair(x, y, "wxyz:abcd", 0.95),
            pair("172.16.0.1:6001", "172.16.0.2:6002", "q:p", 5.0),
            pair("172.16.0.1:6000", "172.16.0.9:3478", "p:q", 5.5),
        ];
        r.dtls = vec![
            DtlsReport {
                client: a(y),
                server: a(x),
                transport: "udp".into(),
                timeline: vec![HandshakeEvent {
                    at: at(0.97).unwrap(),
                    ..HandshakeEvent::default()
                }],
                ..DtlsReport::default()
            },
            DtlsReport {
                client: a("172.16.0.9:3478"),
                server: a("172.16.0.1:6000"),
                transport: "udp".into(),
                ..DtlsReport::default()
            },
        ];
        add_sdp(
            &mut sh,
            &mut r,
            OFFER,
            SdpReport {
                kind: Some("offer".into()),
                at: at(0.5),
                ..SdpReport::default()
            },
        );
        add_sdp(
            &mut sh,
            &mut r,
            ANSWER,
            SdpReport {
                kind: Some("answer".into()),
                answers: Some(0),
                at: at(0.6),
                ..SdpReport::default()
            },
        );
        let sip = |kind: &str| SdpReport {
            kind: Some(kind.into()),
            call_id: Some("call-1".into()),
            at: at(2.0),
            ..SdpReport::default()
        };
        add_sdp(&mut sh, &mut r, SIP_OFFER, sip("offer"));
        add_sdp(&mut sh, &mut r, SIP_ANSWER, sip("answer"));

        group(&mut r, &sh);

        assert_eq!(r.sessions.len(), 4);
        let webrtc = &r.sessions[0];
        assert_eq!(webrtc.sdp, vec![0, 1]);
        assert_eq!(webrtc.streams, vec![0, 1]);
        assert_eq!(webrtc.pairs, vec![0, 1]);
        assert_eq!(webrtc.dtls, vec![0]);
        assert_eq!(webrtc.flows.len(), 1, "BUNDLE: one 5-tuple");
        assert_eq!(webrtc.first, Some(0.5));
        assert_eq!(webrtc.last, Some(20.95));
        assert_eq!(webrtc.grouped_by, vec!["5-tuple", "ice-ufrag", "sdp"]);
        assert_eq!(webrtc.ice_username.as_deref(), Some("abcd:wxyz"));
        // m-sections listed once (the offer's), streams mapped by a=ssrc and by
        // address + payload type; their mid filled in.
        assert_eq!(webrtc.media.len(), 2);
        assert_eq!(
            (
                webrtc.media[0].mid.as_deref(),
                webrtc.media[0].streams.clone()
            ),
            (Some("0"), vec![0])
        );
        assert_eq!(
            (
                webrtc.media[1].mid.as_deref(),
                webrtc.media[1].streams.clone()
            ),
            (Some("1"), vec![1])
        );
        assert_eq!(r.streams[0].mid.as_deref(), Some("0"));
        assert_eq!(r.streams[1].mid.as_deref(), Some("1"));

        let sip_s = &r.sessions[1];
        assert_eq!(sip_s.sdp, vec![2, 3]);
        assert_eq!(sip_s.streams, vec![2, 3]);
        assert_eq!(sip_s.call_id.as_deref(), Some("call-1"));
        assert_eq!(sip_s.grouped_by, vec!["5-tuple", "sdp", "sip-call-id"]);
        assert_eq!(sip_s.media[0].streams, vec![2, 3]);

        let nosdp = &r.sessions[2];
        assert!(nosdp.sdp.is_empty());
        assert_eq!(nosdp.pairs, vec![2, 3]);
        assert_eq!(nosdp.streams, vec![4]);
        assert_eq!(nosdp.dtls, vec![1]);
        assert_eq!(nosdp.flows.len(), 2);
        assert_eq!(nosdp.grouped_by, vec!["5-tuple", "ice-ufrag"]);

        let lone = &r.sessions[3];
        assert_eq!(lone.streams, vec![5]);
        assert!(lone.grouped_by.is_empty());

        // Every item points back at its session.
        let ids: Vec<Option<usize>> = r.streams.iter().map(|s| s.session).collect();
        assert_eq!(
            ids,
            vec![Some(0), Some(0), Some(1), Some(1), Some(2), Some(3)]
        );
        assert_eq!(
            r.ice.pairs.iter().map(|p| p.session).collect::<Vec<_>>(),
            vec![Some(0), Some(0), Some(2), Some(2)]
        );
        assert_eq!(
            r.dtls.iter().map(|d| d.session).collect::<Vec<_>>(),
            vec![Some(0), Some(2)]
        );
        assert_eq!(
            r.sdp.iter().map(|d| d.session).collect::<Vec<_>>(),
            vec![Some(0), Some(0), Some(1), Some(1)]
        );
    }

    #[test]
    fn empty_report() {
        let mut r = Report::default();
        group(&mut r, &shared());
        assert!(r.sessions.is_empty());
    }
}
