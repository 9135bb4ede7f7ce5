//! Session descriptions inside JSON signalling messages: `{"type":"offer","sdp":"v=0..."}`,
//! socket.io events (`42["offer",{...}]`), and any nesting of those.

use serde_json::Value;

/// A description found in a message, with what the message says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The SDP text (JSON escapes resolved).
    pub(crate) sdp: String,
    /// `offer`, `answer`, `pranswer`, when the message says.
    pub(crate) kind: Option<&'static str>,
}

/// Descriptions kept at most per message.
const MAX_PER_MESSAGE: usize = 8;

/// An ICE candidate trickled in a message (`{"candidate":"candidate:...",
/// "sdpMid":"0","sdpMLineIndex":0}`, RFC 8838 / `RTCIceCandidateInit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trickled {
    /// The candidate string, `candidate:` included.
    pub(crate) candidate: String,
    /// `sdpMid`.
    pub(crate) mid: Option<String>,
    /// `sdpMLineIndex`.
    pub(crate) mline: Option<usize>,
}

/// The candidates trickled in a JSON message (same prefixes as
/// [`find_sdp`]); at most 8.
pub(crate) fn find_candidates(text: &str) -> Vec<Trickled> {
    let body = strip_socketio(text.trim_start());
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk_candidates(&value, 0, &mut out);
    out
}

fn walk_candidates(v: &Value, depth: usize, out: &mut Vec<Trickled>) {
    if depth > 32 || out.len() >= MAX_PER_MESSAGE {
        return;
    }
    match v {
        Value::Object(map) => {
            if let Some(c) = map.get("candidate").and_then(Value::as_str) {
                let c = c.trim().trim_start_matches("a=");
                if c.starts_with("candidate:") {
                    out.push(Trickled {
                        candidate: c.to_owned(),
                        mid: map.get("sdpMid").and_then(Value::as_str).map(str::to_owned),
                        mline: map
                            .get("sdpMLineIndex")
                            .and_then(Value::as_u64)
                            .and_then(|n| usize::try_from(n).ok()),
                    });
                }
            }
            for child in map.values() {
                walk_candidates(child, depth + 1, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk_candidates(item, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Finds the SDP in a text message: JSON, optionally behind a socket.io / Engine.IO
/// packet prefix (`42`, `42/room,17`). `None` when the text is not JSON.
pub(crate) fn find_sdp(text: &str) -> Option<Vec<Found>> {
    let body = strip_socketio(text.trim_start());
    let value: Value = serde_json::from_str(body).ok()?;
    let mut out = Vec::new();
    walk(&value, None, 0, &mut out);
    Some(out)
}

/// Whether a string is a session description.
pub(crate) fn is_sdp(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("v=0") && (t.contains("\no=") || t.contains("\nm="))
}

/// The JSON after a socket.io packet prefix: the Engine.IO type digit, the socket.io
/// type digit, an optional `/namespace,`, an optional acknowledgement id.
fn strip_socketio(t: &str) -> &str {
    let b = t.as_bytes();
    if b.first().is_some_and(|c| *c == b'{' || *c == b'[') {
        return t;
    }
    let mut at = 0;
    while at < b.len() && at < 2 && b[at].is_ascii_digit() {
        at += 1;
    }
    if at == 0 {
        return t;
    }
    if b.get(at) == Some(&b'/') {
        match t[at..].find(',') {
            Some(n) if n < 128 => at += n + 1,
            _ => return t,
        }
    }
    while at < b.len() && b[at].is_ascii_digit() && at < 32 {
        at += 1;
    }
    &t[at..]
}

fn kind_of(s: &str) -> Option<&'static str> {
    let l = s.to_ascii_lowercase();
    if l.contains("pranswer") {
        Some("pranswer")
    } else if l.contains("offer") {
        Some("offer")
    } else if l.contains("answer") {
        Some("answer")
    } else {
        None
    }
}

/// Keys whose string value says what a message is.
const TYPE_KEYS: [&str; 7] = ["type", "event", "action", "kind", "method", "cmd", "op"];

fn walk(v: &Value, hint: Option<&'static str>, depth: usize, out: &mut Vec<Found>) {
    if depth > 32 || out.len() >= MAX_PER_MESSAGE {
        return;
    }
    match v {
        Value::Object(map) => {
            let own = TYPE_KEYS
                .iter()
                .filter_map(|k| map.get(*k).and_then(Value::as_str))
                .find_map(kind_of);
            let hint = own.or(hint);
            for (k, child) in map {
                let key_hint = kind_of(k).or(hint);
                match child {
                    Value::String(s) if is_sdp(s) => out.push(Found {
                        sdp: s.clone(),
                        kind: own.or(kind_of(k)).or(hint),
                    }),
                    _ => walk(child, key_hint, depth + 1, out),
                }
            }
        }
        Value::Array(items) => {
            // A socket.io event: ["name", payload...].
            let hint = items
                .first()
                .and_then(Value::as_str)
                .and_then(kind_of)
                .or(hint);
            for item in items {
                match item {
                    Value::String(s) if is_sdp(s) => out.push(Found {
                        sdp: s.clone(),
                        kind: hint,
                    }),
                    _ => walk(item, hint, depth + 1, out),
                }
            }
        }
        Value::String(s) if is_sdp(s) => out.push(Found {
            sdp: s.clone(),
            kind: hint,
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const SDP: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    #[test]
    fn plain_and_escaped() {
        // The JSON text has `\r\n` escapes; the SDP found has real CR LF.
        let msg = r#"{"type":"offer","sdp":"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}"#;
        let f = find_sdp(msg).unwrap();
        assert_eq!(
            f,
            vec![Found {
                sdp: SDP.into(),
                kind: Some("offer")
            }]
        );
        // \u escapes too.
        let msg = r#"{"type":"answer","sdp":"v=0\u000d\u000ao=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}"#;
        assert_eq!(find_sdp(msg).unwrap()[0].sdp, SDP);
        assert_eq!(find_sdp(msg).unwrap()[0].kind, Some("answer"));
    }

    #[test]
    fn trickled_candidates() {
        let msg = r#"42["candidate",{"candidate":{"candidate":"candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host","sdpMid":"0","sdpMLineIndex":0}}]"#;
        let c = find_candidates(msg);
        assert_eq!(
            c,
            vec![Trickled {
                candidate: "candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host".into(),
                mid: Some("0".into()),
                mline: Some(0),
            }]
        );
        // End-of-candidates (empty string) and SDP messages: none.
        assert!(find_candidates(r#"{"candidate":"","sdpMid":"0"}"#).is_empty());
        assert!(find_candidates("not json").is_empty());
    }

    #[test]
    fn socketio_and_nesting() {
        let desc = serde_json::json!({"type": "offer", "sdp": SDP}).to_string();
        let f = find_sdp(&format!("42[\"offer\",{desc}]")).unwrap();
        assert_eq!(f[0].kind, Some("offer"));
        // Namespace and ack id; the event name says answer, the payload has no type.
        let payload = serde_json::json!({"sdp": SDP}).to_string();
        let f = find_sdp(&format!("42/call,7[\"answer\",{payload}]")).unwrap();
        assert_eq!(f[0].kind, Some("answer"));
        // Nested: {"event":"signal","data":{"description":{"type":"answer","sdp":...}}}
        let nested = serde_json::json!({"event":"signal","data":{"description":{"type":"answer","sdp":SDP}}});
        let f = find_sdp(&nested.to_string()).unwrap();
        assert_eq!(
            f,
            vec![Found {
                sdp: SDP.into(),
                kind: Some("answer")
            }]
        );
        // The key names the kind: {"offer": "v=0..."}
        let keyed = serde_json::json!({"offer": SDP}).to_string();
        assert_eq!(find_sdp(&keyed).unwrap()[0].kind, Some("offer"));
        // Candidates only: nothing.
        assert!(
            find_sdp(
                r#"{"type":"candidate","candidate":"candidate:1 1 udp 1 1.2.3.4 5 typ host"}"#
            )
            .unwrap()
            .is_empty()
        );
        assert!(find_sdp("hello").is_none());
    }
}
