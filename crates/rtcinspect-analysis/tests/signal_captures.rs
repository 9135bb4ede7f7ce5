//! Signalling in real captures: every expected value comes from tshark references
//! committed next to the captures (`testdata/captures/signal/*.txt`, command on line
//! 1), from what the aiortc peers logged they sent (`*.sdp.jsonl`), or from the SDP
//! corpus extracted byte for byte by `testdata/gen/sdp/extract_sdp.py`
//! (`testdata/sdp/MANIFEST-captures.tsv`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use rtcinspect_analysis::report::Report;
use rtcinspect_analysis::{Analyzer, Config};
use rtcinspect_capture::FileSource;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn analyze(path: &Path) -> Report {
    let mut src = FileSource::open(path).expect("capture opens");
    let mut a = Analyzer::new(Config::default());
    a.ingest_all(&mut src).expect("capture reads");
    a.snapshot()
}

/// A tshark `-T fields -E header=y` reference after its command line: rows as maps.
fn rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("# tshark "));
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(str::to_owned)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(
                    l.split('\t')
                        .map(str::to_owned)
                        .chain(std::iter::repeat(String::new())),
                )
                .collect()
        })
        .collect()
}

fn protocol(r: &Report, name: &str) -> u64 {
    r.capture
        .protocols
        .iter()
        .find(|c| c.name == name)
        .map_or(0, |c| c.count)
}

/// SIPp calls over UDP and TCP: the SIP messages tshark dissected, the SDP bodies
/// with their frames, Call-ID and m= lines, paired as RFC 3264 says (offer in the
/// INVITE, answer in the 200 to it).
#[test]
fn sipp_calls_match_tshark() {
    for (name, transport) in [("sipp-udp", "udp"), ("sipp-tcp", "tcp")] {
        let dir = testdata().join("captures/signal");
        let r = analyze(&dir.join(format!("{name}.pcap")));
        let refs = rows(&dir.join(format!("{name}.sip.txt")));
        assert_eq!(
            protocol(&r, "sip"),
            refs.len() as u64,
            "{name}: SIP messages"
        );
        let with_sdp: Vec<_> = refs
            .iter()
            .filter(|row| !row["sdp.owner"].is_empty())
            .collect();
        assert_eq!(r.sdp.len(), with_sdp.len(), "{name}: SDP bodies");
        let mut offer = None;
        for (i, (row, sdp)) in with_sdp.iter().zip(&r.sdp).enumerate() {
            assert_eq!(sdp.origin, "sip");
            assert_eq!(
                sdp.at.unwrap().frame,
                row["frame.number"].parse::<u64>().unwrap()
            );
            assert_eq!(sdp.call_id.as_deref(), Some(row["sip.Call-ID"].as_str()));
            assert_eq!(sdp.transport.as_deref(), Some(transport));
            let port = row[if transport == "udp" {
                "udp.srcport"
            } else {
                "tcp.srcport"
            }]
            .as_str();
            assert_eq!(sdp.from.unwrap().port().to_string(), port);
            // "audio 16000 RTP/AVP 8 101": media and port of the only m= line.
            let m: Vec<&str> = row["sdp.media"].split(' ').collect();
            assert_eq!(sdp.media.len(), 1);
            assert_eq!(sdp.media[0].media, m[0]);
            assert_eq!(sdp.media[0].port.to_string(), m[1]);
            let pts: Vec<String> = sdp.media[0]
                .codecs
                .iter()
                .map(|c| c.split(' ').next().unwrap().to_owned())
                .collect();
            assert_eq!(pts, m[3..].to_vec());
            if row["sip.Method"] == "INVITE" {
                assert_eq!(sdp.kind.as_deref(), Some("offer"));
                offer = Some(i);
            } else {
                assert_eq!(row["sip.Status-Code"], "200");
                assert_eq!(row["sip.CSeq.method"], "INVITE");
                assert_eq!(sdp.kind.as_deref(), Some("answer"));
                assert_eq!(sdp.answers, offer);
            }
        }
        // One session, grouped by the Call-ID, holding both descriptions.
        let s: Vec<_> = r.sessions.iter().filter(|s| !s.sdp.is_empty()).collect();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].sdp, vec![0, 1]);
        assert_eq!(
            s[0].call_id.as_deref(),
            Some(with_sdp[0]["sip.Call-ID"].as_str())
        );
        assert!(r.findings.iter().all(|f| f.kind != "sdp-unanswered"));
    }
}

fn logged(name: &str) -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(testdata().join(format!("captures/signal/{name}.sdp.jsonl")))
            .unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["role"].as_str().unwrap().to_owned(),
                v["type"].as_str().unwrap().to_owned(),
                v["sdp"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// WHIP: POST application/sdp (offer) answered by 201 Created (answer); the texts
/// are those the aiortc peers logged they sent.
#[test]
fn whip_matches_tshark_and_peers() {
    let dir = testdata().join("captures/signal");
    let r = analyze(&dir.join("whip.pcap"));
    let refs = rows(&dir.join("whip.http.txt"));
    assert_eq!(protocol(&r, "http"), refs.len() as u64);
    let sdp_rows: Vec<_> = refs
        .iter()
        .filter(|row| row["http.content_type"] == "application/sdp")
        .collect();
    assert_eq!(r.sdp.len(), sdp_rows.len());
    let sent = logged("whip");
    for ((row, sdp), (_, kind, text)) in sdp_rows.iter().zip(&r.sdp).zip(&sent) {
        assert_eq!(sdp.origin, "http");
        assert_eq!(sdp.at.unwrap().frame.to_string(), row["frame.number"]);
        assert_eq!(sdp.from.unwrap().port().to_string(), row["tcp.srcport"]);
        assert_eq!(&sdp.kind.as_deref().unwrap(), kind);
        assert_eq!(&sdp.text, text);
        let message = if row["http.request.method"].is_empty() {
            format!("{} Created", row["http.response.code"])
        } else {
            format!("{} {}", row["http.request.method"], row["http.request.uri"])
        };
        assert_eq!(sdp.message.as_deref(), Some(message.as_str()));
    }
    assert_eq!(r.sdp[1].answers, Some(0));
    assert_eq!(r.sdp[0].answers, None);
    // Offer and answer name each other's ICE ufrags: one session.
    assert_eq!(r.sdp[0].session, r.sdp[1].session);
    assert!(r.sdp[0].session.is_some());
}

/// WebSocket: a socket.io offer from the caller (masked, frame 15), relayed by the
/// server (unmasked, frame 16: a duplicate), and a nested-JSON answer from the
/// callee in three masked fragments (completed in frame 27), relayed too.
#[test]
fn websocket_matches_tshark_and_peers() {
    let dir = testdata().join("captures/signal");
    let r = analyze(&dir.join("websocket.pcap"));
    let refs = rows(&dir.join("websocket.ws.txt"));
    // Messages carrying a description, as tshark reassembled them: the frame that
    // completes each (text present), client-to-server (masked) first.
    let carrying: Vec<_> = refs
        .iter()
        .filter(|row| row["websocket.payload.text"].contains("v=0"))
        .collect();
    let first_copies: Vec<_> = carrying
        .iter()
        .filter(|row| row["websocket.mask"] == "1")
        .collect();
    let relayed: Vec<_> = carrying
        .iter()
        .filter(|row| row["websocket.mask"] == "0")
        .collect();
    assert_eq!(r.sdp.len(), first_copies.len());
    let sent = logged("websocket");
    for (((row, sdp), (_, kind, text)), copy) in
        first_copies.iter().zip(&r.sdp).zip(&sent).zip(&relayed)
    {
        assert_eq!(sdp.origin, "websocket");
        assert_eq!(sdp.at.unwrap().frame.to_string(), row["frame.number"]);
        assert_eq!(sdp.from.unwrap().port().to_string(), row["tcp.srcport"]);
        assert_eq!(sdp.kind.as_deref(), Some(kind.as_str()));
        assert_eq!(&sdp.text, text);
        // The relayed copy carries the same text.
        assert_eq!(
            copy["websocket.payload.text"],
            row["websocket.payload.text"]
        );
        assert_eq!(sdp.duplicates, 1);
    }
    // The answer was fragmented: tshark reassembled it from more than one frame.
    assert!(!first_copies[1]["websocket.reassembled.length"].is_empty());
    assert_eq!(r.sdp[1].answers, Some(0));
    assert_eq!(r.sdp[0].session, r.sdp[1].session);
}

/// Every SIP body of the SDP corpus that was cut out of a capture is found at its
/// frame, byte for byte (MEGACO bodies are not read: not listed here).
#[test]
fn sdp_corpus_bodies_are_found() {
    let manifest = std::fs::read_to_string(testdata().join("sdp/MANIFEST-captures.tsv")).unwrap();
    let mut checked = 0;
    let mut last: Option<(String, Report)> = None;
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, capture, frame, first_line) = (f[0], f[1], f[2], f[4]);
        if !(first_line.starts_with("SIP/2.0") || first_line.ends_with("SIP/2.0")) {
            continue;
        }
        if last.as_ref().map(|(c, _)| c.as_str()) != Some(capture) {
            last = Some((capture.to_owned(), analyze(&testdata().join(capture))));
        }
        let r = &last.as_ref().unwrap().1;
        let want = std::fs::read_to_string(testdata().join("sdp").join(file)).unwrap();
        let got: Vec<_> = r
            .sdp
            .iter()
            .filter(|s| s.at.unwrap().frame.to_string() == frame)
            .collect();
        assert_eq!(got.len(), 1, "{file}: frame {frame} of {capture}");
        assert_eq!(got[0].text, want, "{file}");
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

/// A public capture of failed calls (nDPI's `sip.pcap`): every INVITE offer is
/// rejected by the first final response of 300 or more to its INVITE transaction
/// (RFC 3261 §17.1.1), so none is reported unanswered; the 183 with SDP is a
/// provisional answer to its INVITE (RFC 3261 §13.2.1, RFC 3264).
#[test]
fn rejected_offers_match_tshark() {
    let r = analyze(&testdata().join("captures/public/ndpi/sip.pcap"));
    let refs = rows(&testdata().join("captures/signal/ndpi-sip.sip.txt"));
    assert_eq!(protocol(&r, "sip"), refs.len() as u64);
    // SDP bodies: one report per Call-ID/CSeq/method-or-code (retransmissions merged).
    let mut distinct: Vec<(String, String, String)> = Vec::new();
    for row in refs.iter().filter(|row| !row["sdp.owner"].is_empty()) {
        let k = (
            row["sip.Call-ID"].clone(),
            row["sip.CSeq.seq"].clone(),
            format!("{}{}", row["sip.Method"], row["sip.Status-Code"]),
        );
        if !distinct.contains(&k) {
            distinct.push(k);
        }
    }
    assert_eq!(r.sdp.len(), distinct.len());
    for sdp in &r.sdp {
        let frame = sdp.at.unwrap().frame.to_string();
        let row = refs
            .iter()
            .find(|row| row["frame.number"] == frame)
            .unwrap();
        let (call, seq) = (&row["sip.Call-ID"], &row["sip.CSeq.seq"]);
        assert_eq!(sdp.call_id.as_ref(), Some(call));
        if row["sip.Method"] == "INVITE" {
            assert_eq!(sdp.kind.as_deref(), Some("offer"));
            let failure = refs.iter().find(|x| {
                &x["sip.Call-ID"] == call
                    && &x["sip.CSeq.seq"] == seq
                    && x["sip.CSeq.method"] == "INVITE"
                    && x["sip.Status-Code"].parse::<u16>().is_ok_and(|c| c >= 300)
            });
            let want = failure.map(|x| {
                // "SIP/2.0 407 authentication required" -> "407 authentication required"
                x["sip.Status-Line"]
                    .trim_start_matches("SIP/2.0 ")
                    .to_owned()
            });
            assert_eq!(sdp.rejected, want, "frame {frame}");
        } else {
            assert_eq!(row["sip.Status-Code"], "183");
            assert_eq!(sdp.kind.as_deref(), Some("pranswer"));
            let offer = &r.sdp[sdp.answers.unwrap()];
            let offer_row = refs
                .iter()
                .find(|x| x["frame.number"] == offer.at.unwrap().frame.to_string())
                .unwrap();
            assert_eq!(
                (&offer_row["sip.Call-ID"], &offer_row["sip.CSeq.seq"]),
                (call, seq)
            );
        }
    }
    assert!(r.sdp.iter().filter(|s| s.rejected.is_some()).count() >= 5);
    assert!(r.findings.iter().all(|f| f.kind != "sdp-unanswered"));
}

/// Without the capture layer's stream chunks, SIP over TCP is not seen: the
/// signalling found in `sipp-tcp.pcap` comes from them.
#[test]
fn tcp_signalling_needs_stream_chunks() {
    use rtcinspect_capture::DecoderConfig;
    let path = testdata().join("captures/signal/sipp-tcp.pcap");
    let mut src =
        FileSource::open_with(&path, DecoderConfig::default().tcp_streams(false)).unwrap();
    let mut a = Analyzer::new(Config::default());
    a.ingest_all(&mut src).unwrap();
    assert!(a.snapshot().sdp.is_empty());
    assert_eq!(analyze(&path).sdp.len(), 2);
}
