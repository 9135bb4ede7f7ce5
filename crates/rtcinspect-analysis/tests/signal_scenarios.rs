//! Signalling scenarios built by hand, each message written out here: SIP split
//! across TCP segments, late offers, re-INVITEs, HTTP chunked bodies, WebSocket
//! upgrades with masked and fragmented frames, socket.io framing, SIP over
//! WebSocket, bounds. Expected values follow from the RFCs cited at each test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use rtcinspect_analysis::report::{Report, Severity};
use rtcinspect_analysis::{Analyzer, Config, Datagram, Transport};

const A: &str = "10.0.0.1:5060";
const B: &str = "10.0.0.2:5060";

fn offer_sdp(port: u16) -> String {
    format!(
        "v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n\
         m=audio {port} RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2\r\n"
    )
}

fn answer_sdp(port: u16) -> String {
    format!(
        "v=0\r\no=bob 2 2 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n\
         m=audio {port} RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n"
    )
}

fn sip(start: &str, call: &str, cseq: &str, body: &str) -> String {
    let ct = if body.is_empty() {
        ""
    } else {
        "Content-Type: application/sdp\r\n"
    };
    format!(
        "{start}\r\nVia: SIP/2.0/TCP 10.0.0.1\r\nCall-ID: {call}\r\nCSeq: {cseq}\r\n{ct}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

struct Feed {
    a: Analyzer,
    frame: u64,
}

impl Feed {
    fn new(config: Config) -> Self {
        Feed {
            a: Analyzer::new(config),
            frame: 0,
        }
    }

    fn send(&mut self, from: &str, to: &str, transport: Transport, stream: bool, payload: &[u8]) {
        self.frame += 1;
        let d = Datagram {
            frame: self.frame,
            timestamp_ns: self.frame as i64 * 1_000_000,
            interface: 0,
            source: from.parse::<SocketAddr>().unwrap(),
            destination: to.parse::<SocketAddr>().unwrap(),
            transport,
            payload,
            truncated: false,
            stream,
        };
        self.a.ingest(&d);
    }

    fn tcp(&mut self, from: &str, to: &str, payload: &[u8]) {
        self.send(from, to, Transport::Tcp, true, payload);
    }

    fn udp(&mut self, from: &str, to: &str, payload: &[u8]) {
        self.send(from, to, Transport::Udp, false, payload);
    }

    fn report(&self) -> Report {
        self.a.snapshot()
    }
}

fn kinds(r: &Report) -> Vec<(Option<&str>, Option<usize>, u64)> {
    r.sdp
        .iter()
        .map(|s| (s.kind.as_deref(), s.answers, s.at.unwrap().frame))
        .collect()
}

/// RFC 3261 §18.3: over TCP, Content-Length frames the body. The INVITE arrives in
/// three segments cut inside the header and inside the body; the 100 Trying and the
/// 200 OK arrive in one segment; a CRLF keep-alive (RFC 5626 §3.5.1) precedes the ACK.
#[test]
fn sip_over_tcp_split_and_joined() {
    let mut f = Feed::new(Config::default());
    let invite = sip(
        "INVITE sip:bob@10.0.0.2 SIP/2.0",
        "c1@a",
        "1 INVITE",
        &offer_sdp(4000),
    );
    let (x, y) = (40, invite.len() - 30);
    f.tcp(A, B, &invite.as_bytes()[..x]);
    f.tcp(A, B, &invite.as_bytes()[x..y]);
    assert!(f.report().sdp.is_empty());
    f.tcp(A, B, &invite.as_bytes()[y..]); // frame 3 completes it
    let both = sip("SIP/2.0 100 Trying", "c1@a", "1 INVITE", "")
        + &sip("SIP/2.0 200 OK", "c1@a", "1 INVITE", &answer_sdp(5000));
    f.tcp(B, A, both.as_bytes()); // frame 4
    f.tcp(A, B, b"\r\n\r\n");
    f.tcp(
        A,
        B,
        sip("ACK sip:bob@10.0.0.2 SIP/2.0", "c1@a", "1 ACK", "").as_bytes(),
    );
    let r = f.report();
    assert_eq!(
        kinds(&r),
        vec![(Some("offer"), None, 3), (Some("answer"), Some(0), 4)]
    );
    assert_eq!(r.sdp[1].message.as_deref(), Some("200 OK (INVITE)"));
    assert_eq!(r.sdp[0].text, offer_sdp(4000));
    assert_eq!(
        r.sdp[0].media[0].codecs,
        vec!["0 PCMU/8000", "96 opus/48000"]
    );
    // Four SIP messages: INVITE, 100, 200, ACK.
    let sip_count = r
        .capture
        .protocols
        .iter()
        .find(|c| c.name == "sip")
        .unwrap()
        .count;
    assert_eq!(
        sip_count, 3,
        "datagrams that completed SIP messages: frames 3, 4, 6"
    );
    assert_eq!(r.sessions.len(), 1);
    // Same Call-ID, and the answer answers the offer.
    assert_eq!(r.sessions[0].grouped_by, vec!["sdp", "sip-call-id"]);
}

/// RFC 3261 §13.2.1: an INVITE without a body leaves the offer to the 2xx; the ACK
/// carries the answer. A re-INVITE (new CSeq) makes a new offer/answer exchange
/// (RFC 3261 §14); its retransmission over UDP (same CSeq) is counted, not repeated.
#[test]
fn late_offer_and_reinvite_over_udp() {
    let mut f = Feed::new(Config::default());
    f.udp(
        A,
        B,
        sip("INVITE sip:bob@10.0.0.2 SIP/2.0", "c2@a", "1 INVITE", "").as_bytes(),
    );
    f.udp(
        B,
        A,
        sip("SIP/2.0 200 OK", "c2@a", "1 INVITE", &answer_sdp(5000)).as_bytes(),
    );
    f.udp(
        A,
        B,
        sip(
            "ACK sip:bob@10.0.0.2 SIP/2.0",
            "c2@a",
            "1 ACK",
            &offer_sdp(4000),
        )
        .as_bytes(),
    );
    let reinvite = sip(
        "INVITE sip:bob@10.0.0.2 SIP/2.0",
        "c2@a",
        "2 INVITE",
        &offer_sdp(4002),
    );
    f.udp(A, B, reinvite.as_bytes());
    f.udp(A, B, reinvite.as_bytes()); // retransmission
    f.udp(
        B,
        A,
        sip("SIP/2.0 200 OK", "c2@a", "2 INVITE", &answer_sdp(5002)).as_bytes(),
    );
    let r = f.report();
    assert_eq!(
        kinds(&r),
        vec![
            (Some("offer"), None, 2),
            (Some("answer"), Some(0), 3),
            (Some("offer"), None, 4),
            (Some("answer"), Some(2), 6),
        ]
    );
    assert_eq!(r.sdp[2].duplicates, 1);
    assert!(r.findings.iter().all(|x| x.kind != "sdp-unanswered"));
}

/// RFC 9112 §7.1: a chunked response body; WHIP (RFC 9725 §4.2): POST with the
/// offer, 201 Created with the answer. A second POST answered 400 is rejected, and a
/// third never answered is reported.
#[test]
fn http_whip_chunked_rejected_unanswered() {
    let mut f = Feed::new(Config::default());
    let (c, s) = ("10.0.0.1:40000", "10.0.0.9:8080");
    let offer = offer_sdp(4000);
    let post = format!(
        "POST /whip HTTP/1.1\r\nHost: x\r\nContent-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{offer}",
        offer.len()
    );
    f.tcp(c, s, post.as_bytes());
    let answer = answer_sdp(5000);
    let (h1, h2) = answer.split_at(20);
    let resp = format!(
        "HTTP/1.1 201 Created\r\nContent-Type: application/sdp; charset=utf-8\r\nLocation: /whip/1\r\n\
         Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{h1}\r\n{:x}\r\n{h2}\r\n0\r\n\r\n",
        h1.len(),
        h2.len()
    );
    let (r1, r2) = resp.split_at(resp.len() - 9);
    f.tcp(s, c, r1.as_bytes());
    f.tcp(s, c, r2.as_bytes()); // frame 3
    let offer2 = offer_sdp(4002);
    let post2 = post.replace(&offer, &offer2);
    f.tcp(c, s, post2.as_bytes());
    f.tcp(
        s,
        c,
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
    );
    f.tcp(c, s, post.replace(&offer, &offer_sdp(4004)).as_bytes());
    let r = f.report();
    assert_eq!(
        kinds(&r),
        vec![
            (Some("offer"), None, 1),
            (Some("answer"), Some(0), 3),
            (Some("offer"), None, 4),
            (Some("offer"), None, 6)
        ]
    );
    assert_eq!(r.sdp[1].text, answer);
    assert_eq!(r.sdp[1].message.as_deref(), Some("201 Created"));
    assert_eq!(r.sdp[2].rejected.as_deref(), Some("400 Bad Request"));
    let unanswered: Vec<_> = r
        .findings
        .iter()
        .filter(|x| x.kind == "sdp-unanswered")
        .collect();
    assert_eq!(unanswered.len(), 1);
    assert_eq!(unanswered[0].at.frame, 6);
    assert_eq!(unanswered[0].severity, Severity::Warning);
}

/// RFC 6455 §5.2/§5.3 frame: FIN/opcode, 7/16-bit length, masking key, masked data.
fn ws_frame(fin: bool, opcode: u8, mask: Option<[u8; 4]>, payload: &[u8]) -> Vec<u8> {
    let mut v = vec![(if fin { 0x80 } else { 0 }) | opcode];
    let m = if mask.is_some() { 0x80 } else { 0 };
    if payload.len() < 126 {
        v.push(m | payload.len() as u8);
    } else {
        v.push(m | 126);
        v.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    }
    match mask {
        Some(k) => {
            v.extend_from_slice(&k);
            v.extend(payload.iter().enumerate().map(|(i, b)| b ^ k[i % 4]));
        }
        None => v.extend_from_slice(payload),
    }
    v
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A WebSocket upgrade (RFC 6455 §4), then: the client's socket.io offer
/// (`42["offer",{...}]`, masked, JSON `\r\n` escapes) in three fragments with a ping
/// between them (§5.4), the frame bytes cut across TCP segments; the server's
/// relayed copy (unmasked); the answer as nested JSON from another client; SIP over
/// WebSocket (RFC 7118) on a third connection.
#[test]
fn websocket_socketio_fragmented() {
    let mut f = Feed::new(Config::default());
    let (c1, srv, c2) = ("10.0.0.1:50000", "10.0.0.9:443", "10.0.0.2:50001");
    let upgrade = |f: &mut Feed, c: &str| {
        f.tcp(c, srv, b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        f.tcp(srv, c, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
    };
    upgrade(&mut f, c1);
    upgrade(&mut f, c2);
    let offer = offer_sdp(4000);
    let msg = format!(
        "42[\"offer\",{{\"type\":\"offer\",\"sdp\":{}}}]",
        json_string(&offer)
    );
    assert!(msg.contains("\\r\\n"));
    let k = [0x37, 0xfa, 0x21, 0x3d];
    let third = msg.len() / 3;
    let mut bytes = ws_frame(false, 0x1, Some(k), &msg.as_bytes()[..third]);
    bytes.extend(ws_frame(true, 0x9, Some(k), b"ping"));
    bytes.extend(ws_frame(
        false,
        0x0,
        Some(k),
        &msg.as_bytes()[third..2 * third],
    ));
    bytes.extend(ws_frame(true, 0x0, Some(k), &msg.as_bytes()[2 * third..]));
    let cut = bytes.len() / 2 + 1;
    f.tcp(c1, srv, &bytes[..cut]);
    f.tcp(c1, srv, &bytes[cut..]); // frame 6
    f.tcp(srv, c2, &ws_frame(true, 0x1, None, msg.as_bytes()));
    let answer = answer_sdp(5000);
    let reply = format!(
        "{{\"event\":\"signal\",\"data\":{{\"description\":{{\"type\":\"answer\",\"sdp\":{}}}}}}}",
        json_string(&answer)
    );
    f.tcp(
        c2,
        srv,
        &ws_frame(true, 0x1, Some([1, 2, 3, 4]), reply.as_bytes()),
    ); // frame 8
    f.tcp(srv, c1, &ws_frame(true, 0x1, None, reply.as_bytes()));
    // SIP over WebSocket on a third connection.
    let c3 = "10.0.0.3:50002";
    f.tcp(
        c3,
        srv,
        b"GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n",
    );
    f.tcp(srv, c3, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n");
    let invite = sip(
        "INVITE sip:bob@x SIP/2.0",
        "ws1",
        "1 INVITE",
        &offer_sdp(4010),
    );
    f.tcp(c3, srv, &ws_frame(true, 0x1, Some(k), invite.as_bytes())); // frame 12
    let r = f.report();
    assert_eq!(
        kinds(&r),
        vec![
            (Some("offer"), None, 6),
            (Some("answer"), Some(0), 8),
            (Some("offer"), None, 12)
        ]
    );
    assert_eq!(r.sdp[0].text, offer);
    assert_eq!(r.sdp[0].origin, "websocket");
    assert_eq!(r.sdp[0].duplicates, 1);
    assert_eq!(r.sdp[1].text, answer);
    assert_eq!(r.sdp[1].duplicates, 1);
    assert_eq!(r.sdp[2].origin, "sip");
    assert_eq!(r.sdp[2].call_id.as_deref(), Some("ws1"));
}

/// Bounds: `max_sdp` descriptions kept, the rest counted in `limits.sdp_dropped`; a
/// header that never ends is dropped at 64 KiB; a body over 256 KiB is refused.
#[test]
fn bounds_are_counted() {
    let mut config = Config::default();
    config.max_sdp = 2;
    let mut f = Feed::new(config);
    for cseq in 1..=3 {
        let invite = sip(
            "INVITE sip:bob@x SIP/2.0",
            "cap",
            &format!("{cseq} INVITE"),
            &offer_sdp(4000 + cseq),
        );
        f.udp(A, B, invite.as_bytes());
    }
    let (c, s) = ("10.0.0.1:40000", "10.0.0.9:8080");
    f.tcp(c, s, b"POST /x HTTP/1.1\r\n");
    let filler = format!("X-Filler: {}\r\n", "a".repeat(1000));
    for _ in 0..70 {
        f.tcp(c, s, filler.as_bytes());
    }
    let (c2, s2) = ("10.0.0.1:40001", "10.0.0.9:8080");
    f.tcp(
        c2,
        s2,
        b"POST /x HTTP/1.1\r\nContent-Length: 300000\r\n\r\n",
    );
    let r = f.report();
    assert_eq!(r.sdp.len(), 2);
    assert_eq!(r.limits.sdp_dropped, 1);
    let malformed = |name: &str| {
        r.capture
            .malformed
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.count)
    };
    assert_eq!(malformed("signal: header over 64 KiB"), Some(1));
    assert_eq!(malformed("signal: body over 256 KiB"), Some(1));
}

/// An `application/sdp` body that is not SDP is kept with its error and reported;
/// a DTLS profile without `a=fingerprint` (RFC 8122 §5) is a lint worth a finding.
#[test]
fn invalid_and_lint_findings() {
    let mut f = Feed::new(Config::default());
    f.udp(
        A,
        B,
        sip(
            "INVITE sip:bob@x SIP/2.0",
            "bad",
            "1 INVITE",
            "hello, not SDP\r\n",
        )
        .as_bytes(),
    );
    let dtls = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";
    f.udp(
        A,
        B,
        sip("INVITE sip:bob@x SIP/2.0", "lint", "1 INVITE", dtls).as_bytes(),
    );
    let r = f.report();
    assert!(r.sdp[0].error.is_some());
    assert!(r.sdp[0].media.is_empty());
    assert!(
        r.findings
            .iter()
            .any(|x| x.kind == "sdp-invalid" && x.at.frame == 1)
    );
    assert!(r.sdp[1].lint.iter().any(|l| l.contains("fingerprint")));
    assert!(
        r.findings
            .iter()
            .any(|x| x.kind == "sdp-lint" && x.at.frame == 2)
    );
}

/// `--sdp FILE`: kept with origin `file`; text that is not SDP returns false.
#[test]
fn sdp_files() {
    let mut a = Analyzer::default();
    assert!(a.add_sdp("offer.sdp", &offer_sdp(4000)));
    assert!(!a.add_sdp("notes.txt", "just text"));
    let r = a.snapshot();
    assert_eq!(r.sdp.len(), 2);
    assert_eq!(r.sdp[0].origin, "file");
    assert_eq!(r.sdp[0].file.as_deref(), Some("offer.sdp"));
    assert!(r.sdp[0].at.is_none());
    assert!(r.sdp[1].error.is_some());
}

/// A stream that is not text (TLS records) is counted once and then ignored, until
/// a chunk starts with a request line again.
#[test]
fn binary_stream_ignored_until_text() {
    let mut f = Feed::new(Config::default());
    let (c, s) = ("10.0.0.1:40000", "10.0.0.9:443");
    for _ in 0..50 {
        f.tcp(
            c,
            s,
            &[
                0x17, 0x03, 0x03, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            ],
        );
    }
    let offer = offer_sdp(4000);
    let post = format!(
        "POST /whep HTTP/1.1\r\nContent-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{offer}",
        offer.len()
    );
    f.tcp(c, s, post.as_bytes());
    let r = f.report();
    let not_text = r
        .capture
        .malformed
        .iter()
        .find(|m| m.name == "signal: tcp stream is not HTTP, SIP or WebSocket")
        .map(|m| m.count);
    assert_eq!(not_text, Some(1));
    assert_eq!(kinds(&r), vec![(Some("offer"), None, 51)]);
}

mod arbitrary {
    use proptest::prelude::*;

    use super::*;

    /// Pieces that steer the parsers into their deeper states, and raw bytes.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"INVITE sip:b@x SIP/2.0\r\nCall-ID: p\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n".to_vec()),
            Just(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".to_vec()),
            Just(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n".to_vec()),
            Just(b"Content-Length: 18446744073709551615\r\n\r\n".to_vec()),
            Just(vec![0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]),
            Just(vec![0x01, 0x82, 1, 2, 3, 4, 0x41, 0x41]),
            Just(b"42[\"offer\",{\"sdp\":\"v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\n\"}]".to_vec()),
            Just(b"\r\n\r\nv=0\r\nm=audio 1 RTP/AVP 0\r\n".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..64),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Arbitrary pieces as TCP stream chunks (both directions) and UDP datagrams:
        /// no panic, bounded output.
        #[test]
        fn never_panics(pieces in proptest::collection::vec((piece(), 0u8..4), 0..40)) {
            let mut config = Config::default();
            config.max_sdp = 8;
            let mut f = Feed::new(config);
            for (p, how) in &pieces {
                match how {
                    0 => f.tcp(A, B, p),
                    1 => f.tcp(B, A, p),
                    2 => f.udp(A, B, p),
                    _ => f.send(B, A, Transport::Tcp, false, p),
                }
            }
            let r = f.report();
            prop_assert!(r.sdp.len() <= 8);
            prop_assert!(serde_json::to_string(&r).is_ok());
        }
    }
}

/// `--sdp` files: `a=setup:actpass` makes an offer (RFC 8842 §5.2: answers never
/// use it); `a=setup:active` after it answers it.
#[test]
fn sdp_files_offer_answer_by_setup() {
    let sdp = |setup: &str, ufrag: &str| {
        format!(
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n\
             c=IN IP4 0.0.0.0\r\na=ice-ufrag:{ufrag}\r\na=ice-pwd:0123456789012345678901\r\n\
             a=fingerprint:sha-256 AB:CD\r\na=setup:{setup}\r\na=rtpmap:111 opus/48000/2\r\n"
        )
    };
    let mut a = Analyzer::default();
    assert!(a.add_sdp("offer.sdp", &sdp("actpass", "aaaa")));
    assert!(a.add_sdp("answer.sdp", &sdp("active", "bbbb")));
    let r = a.snapshot();
    assert_eq!(r.sdp[0].kind.as_deref(), Some("offer"));
    assert_eq!(r.sdp[1].kind.as_deref(), Some("answer"));
    assert_eq!(r.sdp[1].answers, Some(0));
    assert_eq!(r.sdp[0].session, r.sdp[1].session);
    assert_eq!(r.sdp[0].ice_ufrag.as_deref(), Some("aaaa"));
    assert_eq!(r.sdp[0].fingerprints, vec!["sha-256 AB:CD"]);
}

/// Trickled candidates (RFC 8838) in socket.io messages join the latest description
/// from the same sender; an end-of-candidates (empty) is ignored.
#[test]
fn websocket_trickle() {
    let mut f = Feed::new(Config::default());
    let (c1, srv) = ("10.0.0.1:50000", "10.0.0.9:443");
    f.tcp(c1, srv, b"GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n");
    f.tcp(
        srv,
        c1,
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
    );
    let offer = offer_sdp(4000);
    let msg = format!(
        "42[\"offer\",{{\"type\":\"offer\",\"sdp\":{}}}]",
        json_string(&offer)
    );
    let k = Some([9, 8, 7, 6]);
    f.tcp(c1, srv, &ws_frame(true, 0x1, k, msg.as_bytes()));
    let cand = "candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host";
    let ice =
        format!("42[\"ice\",{{\"candidate\":\"{cand}\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}]");
    f.tcp(c1, srv, &ws_frame(true, 0x1, k, ice.as_bytes()));
    f.tcp(
        c1,
        srv,
        &ws_frame(true, 0x1, k, br#"42["ice",{"candidate":"","sdpMid":"0"}]"#),
    );
    let r = f.report();
    assert_eq!(r.sdp.len(), 1);
    assert_eq!(r.sdp[0].trickled, vec![cand.to_owned()]);
}
