//! ICE, TURN and DTLS analysis on hand-made datagrams: transaction matching with
//! retransmissions, responses without requests, table caps and timeouts, TURN
//! Send/Data unwrapping, fragmented Certificate reassembly. Expected values are worked
//! out by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use rtcinspect_analysis::report::Report;
use rtcinspect_analysis::{Analyzer, Config, Datagram, Transport};
use rtcinspect_wire::stun::{
    Attribute, AttributeRepr, Class, MessageRepr, Method, RelayedData, TransactionId,
};

const MS: i64 = 1_000_000;

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

struct Feed {
    an: Analyzer,
    frame: u64,
}

impl Feed {
    fn new(config: Config) -> Self {
        Feed {
            an: Analyzer::new(config),
            frame: 0,
        }
    }

    fn send(&mut self, t_ms: i64, src: &str, dst: &str, payload: &[u8]) {
        self.frame += 1;
        self.an.ingest(&Datagram {
            frame: self.frame,
            timestamp_ns: 1_700_000_000_000 * MS + t_ms * MS,
            interface: 0,
            source: addr(src),
            destination: addr(dst),
            transport: Transport::Udp,
            payload,
            truncated: false,
            stream: false,
        });
    }

    fn report(&self) -> Report {
        self.an.snapshot()
    }
}

fn stun(class: Class, method: Method, id: u8, attributes: &[AttributeRepr<'_>]) -> Vec<u8> {
    let mut buf = vec![0u8; 512];
    let len = MessageRepr {
        class,
        method,
        transaction_id: TransactionId([id; 12]),
        attributes,
        ..MessageRepr::default()
    }
    .emit(&mut buf)
    .unwrap();
    buf.truncate(len);
    buf
}

fn check(id: u8, controlling: bool, use_candidate: bool) -> Vec<u8> {
    let mut attrs = vec![AttributeRepr::from(Attribute::Username("R:L"))];
    attrs.push(if controlling {
        Attribute::IceControlling(7).into()
    } else {
        Attribute::IceControlled(7).into()
    });
    if use_candidate {
        attrs.push(Attribute::UseCandidate.into());
    }
    stun(Class::Request, Method::Binding, id, &attrs)
}

fn success(id: u8) -> Vec<u8> {
    stun(
        Class::SuccessResponse,
        Method::Binding,
        id,
        &[Attribute::XorMappedAddress(addr("10.0.0.1:1000")).into()],
    )
}

const A: &str = "10.0.0.1:1000";
const B: &str = "10.0.0.2:2000";

#[test]
fn retransmissions_rtt_and_unmatched_responses() {
    let mut f = Feed::new(Config::default());
    // Transaction 1: sent at 0 ms, answered at 3 ms → RTT 3 ms.
    f.send(0, A, B, &check(1, true, false));
    f.send(3, B, A, &success(1));
    // Transaction 2: sent at 100, retransmitted at 150 and 250, answered at 260:
    // Karn's rule, no RTT from it. One request, two retransmissions.
    f.send(100, A, B, &check(2, true, false));
    f.send(150, A, B, &check(2, true, false));
    f.send(250, A, B, &check(2, true, false));
    f.send(260, B, A, &success(2));
    // Transaction 3 with USE-CANDIDATE: sent at 300, answered at 305 → RTT 5 ms;
    // nominated at that response.
    f.send(300, A, B, &check(3, true, true));
    f.send(305, B, A, &success(3));
    // A second copy of the response: no second count, no RTT.
    f.send(306, B, A, &success(3));
    // A response nobody asked for.
    f.send(400, B, A, &success(99));
    // A consent check 1 s after the nomination's request, answered.
    f.send(1300, A, B, &check(4, true, false));
    f.send(1302, B, A, &success(4));
    let r = f.report();
    assert_eq!(r.ice.pairs.len(), 1);
    let p = &r.ice.pairs[0];
    assert_eq!((p.local, p.remote), (Some(addr(A)), Some(addr(B))));
    assert_eq!(p.requests, 4);
    assert_eq!(p.retransmissions, 2);
    // 1, 2, 3 and 4 answered once each (the duplicate of 3 is not a new response).
    assert_eq!(p.responses, 4);
    let rtt = p.rtt_ms.unwrap();
    // RTTs 3, 5 and 2 ms (transaction 2 excluded): mean 10/3.
    assert_eq!(rtt.count, 3);
    assert_eq!((rtt.min, rtt.max), (2.0, 5.0));
    assert!((rtt.mean - 10.0 / 3.0).abs() < 1e-12);
    assert!(p.use_candidate && p.nominated);
    assert_eq!(p.nominated_at.unwrap().frame, 8);
    assert_eq!(p.consent_checks, 1);
    // The consent interval counts from the nominating request (300 ms) to 1300 ms.
    assert_eq!(p.consent_interval_ms.unwrap().mean, 1000.0);
    assert_eq!(p.role.as_deref(), Some("controlling"));
    assert_eq!(p.username.as_deref(), Some("R:L"));
    assert_eq!(p.state, "succeeded");
    assert_eq!(r.ice.unmatched_responses, 1);
    assert_eq!(r.ice.duplicate_responses, 1);
    assert_eq!(r.ice.transactions_in_flight, 0);
}

#[test]
fn unanswered_checks_fail_after_the_timeout() {
    let mut f = Feed::new(Config::default());
    for i in 0..5u8 {
        f.send(i64::from(i) * 500, A, B, &check(i, true, false));
    }
    // Still waiting 1 s after the last check: in progress, no finding.
    f.send(3000, "10.9.9.9:9", "10.9.9.8:9", &success(200));
    let r = f.report();
    assert_eq!(r.ice.pairs[0].state, "in-progress");
    assert!(r.findings.iter().all(|x| x.kind != "ice-failure"));
    // 10 s after the last check (2000 ms) the transactions time out: failed.
    f.send(12_500, "10.9.9.9:9", "10.9.9.8:9", &success(201));
    let r = f.report();
    let p = &r.ice.pairs[0];
    assert_eq!(p.state, "failed");
    assert_eq!(p.timeouts, 5);
    let failures: Vec<_> = r
        .findings
        .iter()
        .filter(|x| x.kind == "ice-failure")
        .collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].at.frame, 1);
}

#[test]
fn error_responses_and_role_conflict() {
    let mut f = Feed::new(Config::default());
    f.send(0, A, B, &check(1, true, false));
    let err = stun(
        Class::ErrorResponse,
        Method::Binding,
        1,
        &[Attribute::ErrorCode(rtcinspect_wire::stun::ErrorCode {
            code: 487,
            reason: "Role Conflict",
        })
        .into()],
    );
    f.send(1, B, A, &err);
    f.send(50, A, B, &check(2, false, false));
    f.send(51, B, A, &success(2));
    let r = f.report();
    let p = &r.ice.pairs[0];
    assert_eq!((p.errors, p.responses), (1, 1));
    assert_eq!(p.error_codes, [487]);
    assert_eq!((p.role_conflicts, p.role_changes), (1, 1));
    assert_eq!(p.role.as_deref(), Some("controlled"));
    assert_eq!(
        r.findings
            .iter()
            .filter(|x| x.kind == "ice-role-conflict")
            .count(),
        1
    );
}

#[test]
fn tables_are_capped_and_drops_counted() {
    let mut config = Config::default();
    config.max_ice_entries = 2;
    let mut f = Feed::new(config);
    // Three pairs (three source ports), one check each: the third pair is dropped.
    f.send(0, "10.0.0.1:1", B, &check(1, true, false));
    f.send(1, "10.0.0.1:2", B, &check(2, true, false));
    f.send(2, "10.0.0.1:3", B, &check(3, true, false));
    let r = f.report();
    assert_eq!(r.ice.pairs.len(), 2);
    assert_eq!(r.limits.ice_dropped, 1);
    // The in-flight table holds 2 transactions: a third on a known pair is dropped
    // too (nothing has timed out yet) ...
    f.send(3, "10.0.0.1:1", B, &check(4, true, false));
    let r = f.report();
    assert_eq!(r.ice.transactions_dropped, 1);
    assert_eq!(r.limits.ice_dropped, 2);
    assert_eq!(r.ice.pairs[0].requests, 2);
    // ... and its response is unmatched.
    f.send(4, B, "10.0.0.1:1", &success(4));
    assert_eq!(f.report().ice.unmatched_responses, 1);
    // Answered transactions make room: answer the two in flight, then a new check
    // fits without waiting for the timeout.
    f.send(5, B, "10.0.0.1:1", &success(1));
    f.send(6, B, "10.0.0.1:2", &success(2));
    f.send(7, "10.0.0.1:2", B, &check(6, true, false));
    let r = f.report();
    assert_eq!(r.ice.transactions_dropped, 1);
    assert_eq!(r.ice.transactions_in_flight, 1);
    // After the timeout the old ones are swept and a new one fits.
    f.send(20_000, "10.0.0.1:1", B, &check(5, true, false));
    f.send(20_001, B, "10.0.0.1:1", &success(5));
    let r = f.report();
    assert_eq!(r.ice.transactions_dropped, 1);
    // Pair 10.0.0.1:1: transactions 1 (answered at 5 ms) and 5.
    assert_eq!(r.ice.pairs[0].responses, 2);
    // Transaction 6 timed out unanswered.
    assert_eq!(r.ice.pairs[1].timeouts, 1);
}

const CLIENT: &str = "192.168.1.10:40000";
const SERVER: &str = "203.0.113.1:3478";
const PEER: &str = "198.51.100.7:50000";
const RELAYED: &str = "203.0.113.1:49152";

fn allocate(f: &mut Feed) {
    f.send(
        0,
        CLIENT,
        SERVER,
        &stun(
            Class::Request,
            Method::Allocate,
            50,
            &[Attribute::RequestedTransport(17).into()],
        ),
    );
    f.send(
        1,
        SERVER,
        CLIENT,
        &stun(
            Class::ErrorResponse,
            Method::Allocate,
            50,
            &[Attribute::ErrorCode(rtcinspect_wire::stun::ErrorCode {
                code: 401,
                reason: "Unauthorized",
            })
            .into()],
        ),
    );
    f.send(
        2,
        CLIENT,
        SERVER,
        &stun(
            Class::Request,
            Method::Allocate,
            51,
            &[
                Attribute::RequestedTransport(17).into(),
                Attribute::Username("user").into(),
                Attribute::Realm("realm").into(),
            ],
        ),
    );
    f.send(
        3,
        SERVER,
        CLIENT,
        &stun(
            Class::SuccessResponse,
            Method::Allocate,
            51,
            &[
                Attribute::XorRelayedAddress(addr(RELAYED)).into(),
                Attribute::XorMappedAddress(addr(CLIENT)).into(),
                Attribute::Lifetime(600).into(),
            ],
        ),
    );
}

fn relayed(method: Method, id: u8, data: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; 1024];
    let len = RelayedData {
        method,
        peer: addr(PEER),
        data,
    }
    .emit(TransactionId([id; 12]), &mut buf)
    .unwrap();
    buf.truncate(len);
    buf
}

#[test]
fn turn_send_and_data_indications_are_unwrapped() {
    let mut f = Feed::new(Config::default());
    allocate(&mut f);
    // An ICE check to the peer inside a Send indication, its answer in a Data
    // indication 4 ms later.
    f.send(
        10,
        CLIENT,
        SERVER,
        &relayed(Method::Send, 60, &check(7, true, false)),
    );
    f.send(14, SERVER, CLIENT, &relayed(Method::Data, 61, &success(7)));
    // A check from the peer in a Data indication, answered in a Send indication.
    f.send(
        20,
        SERVER,
        CLIENT,
        &relayed(Method::Data, 62, &check(8, false, false)),
    );
    f.send(21, CLIENT, SERVER, &relayed(Method::Send, 63, &success(8)));
    let r = f.report();
    let a = &r.ice.turn[0];
    assert_eq!(
        (a.client, a.server),
        (Some(addr(CLIENT)), Some(addr(SERVER)))
    );
    assert_eq!((a.allocate_requests, a.allocate_successes), (2, 1));
    assert_eq!(a.errors.len(), 1);
    assert_eq!((a.errors[0].name.as_str(), a.errors[0].count), ("401", 1));
    assert_eq!(a.relayed, Some(addr(RELAYED)));
    assert_eq!(a.mapped, Some(addr(CLIENT)));
    assert_eq!(a.lifetime_s, Some(600));
    assert_eq!((a.send_indications, a.data_indications), (2, 2));
    assert_eq!(a.indications, 4);
    assert_eq!(a.username.as_deref(), Some("user"));
    assert_eq!(a.realm.as_deref(), Some("realm"));
    // Our check: from the relayed address to the peer, via the allocation.
    let ours = r
        .ice
        .pairs
        .iter()
        .find(|p| p.role.as_deref() == Some("controlling"))
        .unwrap();
    assert_eq!(
        (ours.local, ours.remote),
        (Some(addr(RELAYED)), Some(addr(PEER)))
    );
    assert_eq!(ours.peer, Some(addr(PEER)));
    assert_eq!(ours.turn.as_ref().unwrap().a, Some(addr(CLIENT)));
    assert_eq!((ours.requests, ours.responses), (1, 1));
    assert_eq!(ours.rtt_ms.unwrap().mean, 4.0);
    // The peer's check: from the peer to our relayed address.
    let theirs = r
        .ice
        .pairs
        .iter()
        .find(|p| p.role.as_deref() == Some("controlled"))
        .unwrap();
    assert_eq!(
        (theirs.local, theirs.remote),
        (Some(addr(PEER)), Some(addr(RELAYED)))
    );
    assert_eq!(theirs.responses, 1);
    // The Binding requests inside are also counted as STUN datagrams only once each
    // at the outer level.
    let stun = r
        .capture
        .protocols
        .iter()
        .find(|c| c.name == "stun")
        .unwrap();
    assert_eq!(stun.count, 8);
}

#[test]
fn channel_bind_names_the_peer_of_channel_data() {
    let mut f = Feed::new(Config::default());
    allocate(&mut f);
    f.send(
        10,
        CLIENT,
        SERVER,
        &stun(
            Class::Request,
            Method::ChannelBind,
            70,
            &[
                Attribute::ChannelNumber(0x4001).into(),
                Attribute::XorPeerAddress(addr(PEER)).into(),
            ],
        ),
    );
    f.send(
        11,
        SERVER,
        CLIENT,
        &stun(Class::SuccessResponse, Method::ChannelBind, 70, &[]),
    );
    // ChannelData 0x4001 carrying a check, and one on channel 0x5001 (coturn's
    // range, classified QUIC by RFC 7983) carrying 4 bytes.
    let inner = check(9, true, false);
    let mut cd = vec![0x40, 0x01];
    cd.extend_from_slice(&(inner.len() as u16).to_be_bytes());
    cd.extend_from_slice(&inner);
    f.send(20, CLIENT, SERVER, &cd);
    f.send(21, SERVER, CLIENT, &[0x50, 0x01, 0, 4, 1, 2, 3, 4]);
    let r = f.report();
    let a = &r.ice.turn[0];
    assert_eq!(a.channels.len(), 1);
    assert_eq!(
        (a.channels[0].channel, a.channels[0].peer),
        (0x4001, Some(addr(PEER)))
    );
    assert_eq!(a.permissions, [addr(PEER)]);
    assert_eq!(a.channel_data, 2);
    assert_eq!(a.channel_data_bytes, inner.len() as u64 + 4);
    let p = r.ice.pairs.iter().find(|p| p.peer.is_some()).unwrap();
    assert_eq!(p.peer, Some(addr(PEER)));
    assert_eq!(p.requests, 1);
}

// ---------------------------------------------------------------------------
// DTLS

/// A DTLS 1.2 handshake record (epoch 0) holding one handshake fragment.
fn handshake_record(
    seq: u64,
    msg_type: u8,
    message_seq: u16,
    total: usize,
    offset: usize,
    fragment: &[u8],
) -> Vec<u8> {
    let mut hs = vec![msg_type];
    hs.extend_from_slice(&(total as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(&message_seq.to_be_bytes());
    hs.extend_from_slice(&(offset as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(&(fragment.len() as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(fragment);
    let mut rec = vec![22, 0xfe, 0xfd, 0, 0];
    rec.extend_from_slice(&seq.to_be_bytes()[2..]);
    rec.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    rec.extend_from_slice(&hs);
    rec
}

#[test]
fn fragmented_certificate_is_reassembled() {
    // A Certificate body with one "certificate" of the three bytes "abc":
    // certificate_list length 6, then length 3 and the bytes.
    let body = [0, 0, 6, 0, 0, 3, b'a', b'b', b'c'];
    let mut f = Feed::new(Config::default());
    // Server (B) sends it in three fragments, out of order, the middle one twice.
    f.send(
        0,
        B,
        A,
        &handshake_record(1, 11, 1, body.len(), 4, &body[4..7]),
    );
    f.send(
        1,
        B,
        A,
        &handshake_record(2, 11, 1, body.len(), 7, &body[7..]),
    );
    f.send(
        2,
        B,
        A,
        &handshake_record(3, 11, 1, body.len(), 4, &body[4..7]),
    );
    let r = f.report();
    assert!(r.dtls[0].fingerprints.is_empty(), "not whole yet");
    f.send(
        3,
        B,
        A,
        &handshake_record(4, 11, 1, body.len(), 0, &body[..4]),
    );
    let r = f.report();
    let fps = &r.dtls[0].fingerprints;
    assert_eq!(fps.len(), 1);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    assert_eq!(
        fps[0].value,
        "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD"
    );
    assert_eq!(fps[0].algorithm, "sha-256");
    assert_eq!(fps[0].sdp_match, None);
    // One timeline event: the first fragment (offset 0) makes the message.
    assert_eq!(r.dtls[0].timeline.len(), 1);
    assert_eq!(r.dtls[0].timeline[0].message, "Certificate");
    // The flow is known to carry DTLS (so RTP on it is SRTP).
    assert!(
        r.capture
            .protocols
            .iter()
            .any(|c| c.name == "dtls" && c.count == 4)
    );
}

#[test]
fn oversized_certificate_is_not_buffered() {
    let mut f = Feed::new(Config::default());
    // A fragment announcing a 1 MiB Certificate: not reassembled, no fingerprint,
    // nothing allocated for it.
    f.send(0, B, A, &handshake_record(1, 11, 1, 1 << 20, 0, &[0; 100]));
    let r = f.report();
    assert!(r.dtls[0].fingerprints.is_empty());
    assert_eq!(r.dtls[0].timeline.len(), 1);
}

#[test]
fn reassembly_memory_is_bounded_across_associations() {
    let body = [0, 0, 6, 0, 0, 3, b'a', b'b', b'c'];
    let send_split = |f: &mut Feed, src: &str| {
        f.send(
            100,
            src,
            A,
            &handshake_record(1, 11, 1, body.len(), 0, &body[..4]),
        );
        f.send(
            101,
            src,
            A,
            &handshake_record(2, 11, 1, body.len(), 4, &body[4..]),
        );
    };
    // Alone, the split certificate is reassembled.
    let mut f = Feed::new(Config::default());
    send_split(&mut f, "10.1.0.1:1");
    assert_eq!(f.report().dtls[0].fingerprints.len(), 1);
    // 16 associations each start a 64 KiB Certificate (first 100 bytes only):
    // 16 x 65536 bytes = the 1 MiB budget. A 17th association's fragments are then
    // not buffered, so its certificate stays unknown.
    let mut f = Feed::new(Config::default());
    for i in 0..16 {
        let src = format!("10.2.0.{}:1", i + 1);
        f.send(0, &src, A, &handshake_record(1, 11, 1, 65536, 0, &[0; 100]));
    }
    send_split(&mut f, "10.1.0.1:1");
    let r = f.report();
    assert_eq!(r.dtls.len(), 17);
    assert!(r.dtls.iter().all(|d| d.fingerprints.is_empty()));
}

#[test]
fn retransmitted_handshake_messages_are_marked() {
    let mut f = Feed::new(Config::default());
    // ServerHelloDone (14, empty body) with message_seq 4, twice.
    f.send(0, B, A, &handshake_record(1, 14, 4, 0, 0, &[]));
    f.send(1000, B, A, &handshake_record(2, 14, 4, 0, 0, &[]));
    let r = f.report();
    let d = &r.dtls[0];
    assert_eq!(d.retransmissions, 1);
    let flags: Vec<bool> = d.timeline.iter().map(|e| e.retransmission).collect();
    assert_eq!(flags, [false, true]);
    // No ClientHello: roles unknown, but the 5-tuple is reported.
    assert_eq!(d.client, None);
    assert_eq!(d.flow.a, Some(addr(A)));
}

#[test]
fn truncated_stun_and_dtls_are_counted_malformed() {
    let mut f = Feed::new(Config::default());
    let mut c = check(1, true, false);
    c.truncate(c.len() - 3);
    f.send(0, A, B, &c);
    // A DTLS association (a ServerHelloDone), then a record cut after 5 bytes.
    f.send(1, B, A, &handshake_record(1, 14, 4, 0, 0, &[]));
    f.send(2, A, B, &[22, 0xfe, 0xfd, 0, 0]);
    // Bytes the demultiplexer calls DTLS (first byte 20-63) on another 5-tuple, but
    // not a DTLS record: a unified header cannot start an association, nor can a
    // record without a 0xFExx version.
    f.send(3, "10.0.0.5:5", B, &[0x2c, 1, 2, 3, 4, 5]);
    f.send(
        4,
        "10.0.0.5:5",
        B,
        &[23, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xaa],
    );
    let r = f.report();
    let names: Vec<&str> = r
        .capture
        .malformed
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert!(names.contains(&"stun: truncated"), "{names:?}");
    assert!(names.contains(&"dtls: bad record"), "{names:?}");
    let not_dtls = r
        .capture
        .malformed
        .iter()
        .find(|c| c.name == "dtls: not DTLS (no record with a DTLS version)")
        .unwrap();
    assert_eq!(not_dtls.count, 2);
    assert_eq!(r.dtls.len(), 1);
    assert!(r.ice.pairs.is_empty());
}

#[test]
fn consent_expires_after_30_s_without_answers() {
    let mut f = Feed::new(Config::default());
    f.send(0, A, B, &check(1, true, true));
    f.send(1, B, A, &success(1));
    // Consent checks every 5 s from 5 s to 35 s (ids 2..=8), none answered: the last
    // (35 s) is 34.999 s after the last response (1 ms) ≥ 30 s.
    for i in 1..=7u8 {
        f.send(i64::from(i) * 5000, A, B, &check(i + 1, true, false));
    }
    let r = f.report();
    let p = &r.ice.pairs[0];
    assert_eq!(p.consent_checks, 7);
    assert_eq!(p.state, "succeeded");
    let expired: Vec<_> = r
        .findings
        .iter()
        .filter(|x| x.kind == "ice-consent-expired")
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].at.frame, 2);
    // With only 25 s of silence (checks to 25 s) there is no such finding.
    let mut f = Feed::new(Config::default());
    f.send(0, A, B, &check(1, true, true));
    f.send(1, B, A, &success(1));
    for i in 1..=5u8 {
        f.send(i64::from(i) * 5000, A, B, &check(i + 1, true, false));
    }
    assert!(
        f.report()
            .findings
            .iter()
            .all(|x| x.kind != "ice-consent-expired")
    );
}

#[test]
fn dtls_in_stun_attributes_are_counted() {
    use rtcinspect_wire::stun::AttributeType;
    let dtls = [22u8, 0xfe, 0xfd, 0, 0];
    let attr = AttributeRepr::Raw {
        attr_type: AttributeType::from_code(0xc070),
        value: &dtls,
        padding: &[],
    };
    let mut f = Feed::new(Config::default());
    f.send(
        0,
        A,
        B,
        &stun(
            Class::Request,
            Method::Binding,
            1,
            &[Attribute::Username("R:L").into(), attr],
        ),
    );
    f.send(
        1,
        B,
        A,
        &stun(Class::SuccessResponse, Method::Binding, 1, &[attr]),
    );
    // One request and its response carry it.
    assert_eq!(f.report().ice.pairs[0].dtls_in_stun, 2);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    /// Valid messages to mutate: checks, responses, TURN requests and indications,
    /// ChannelData, DTLS handshake fragments.
    fn seeds() -> Vec<Vec<u8>> {
        let mut cd = vec![0x40, 0x01, 0, 4];
        cd.extend_from_slice(&[22, 0xfe, 0xfd, 0]);
        vec![
            check(1, true, true),
            success(1),
            relayed(Method::Send, 2, &check(3, true, false)),
            relayed(
                Method::Data,
                4,
                &handshake_record(0, 11, 1, 9, 0, &[0, 0, 6, 0]),
            ),
            stun(
                Class::Request,
                Method::ChannelBind,
                5,
                &[
                    Attribute::ChannelNumber(0x4001).into(),
                    Attribute::XorPeerAddress(addr(PEER)).into(),
                ],
            ),
            cd,
            handshake_record(1, 11, 1, 30, 10, &[1; 10]),
            handshake_record(2, 1, 0, 5, 0, &[0xfe, 0xfd, 0, 0, 0]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn mutated_messages_never_panic(
            picks in proptest::collection::vec((0usize..8, any::<u16>(), any::<u8>(), 0usize..64, any::<bool>()), 1..40)
        ) {
            let seeds = seeds();
            let mut config = Config::default();
            config.max_ice_entries = 4;
            config.max_dtls_flows = 2;
            let mut f = Feed::new(config);
            for (i, (seed, pos, byte, cut, reverse)) in picks.into_iter().enumerate() {
                let mut m = seeds[seed].clone();
                let at = usize::from(pos) % m.len();
                m[at] = byte;
                m.truncate(m.len().saturating_sub(cut).max(1));
                let (src, dst) = if reverse { (SERVER, CLIENT) } else { (CLIENT, SERVER) };
                f.send(i as i64 * 700, src, dst, &m);
            }
            let r = f.report();
            prop_assert!(r.ice.pairs.len() <= 4);
            prop_assert!(r.ice.turn.len() <= 4);
            prop_assert!(r.dtls.len() <= 2);
        }
    }
}

#[test]
fn permissions_are_capped() {
    // max_ice_entries also bounds the permissions and channels of all allocations
    // together: with 3, the fourth peer permitted is dropped and counted.
    let mut config = Config::default();
    config.max_ice_entries = 3;
    let mut f = Feed::new(config);
    for (i, peer) in [
        "198.51.100.1:1",
        "198.51.100.2:1",
        "198.51.100.3:1",
        "198.51.100.4:1",
    ]
    .iter()
    .enumerate()
    {
        let id = 80 + i as u8;
        let t = i as i64 * 10;
        f.send(
            t,
            CLIENT,
            SERVER,
            &stun(
                Class::Request,
                Method::CreatePermission,
                id,
                &[Attribute::XorPeerAddress(addr(peer)).into()],
            ),
        );
        f.send(
            t + 1,
            SERVER,
            CLIENT,
            &stun(Class::SuccessResponse, Method::CreatePermission, id, &[]),
        );
    }
    let r = f.report();
    let a = &r.ice.turn[0];
    assert_eq!(a.permission_requests, 4);
    assert_eq!(a.permissions.len(), 3);
    assert_eq!(a.dropped, 1);
}
