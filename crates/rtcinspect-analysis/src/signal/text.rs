//! HTTP/1.x and SIP messages: a start line, header fields, a body sized by
//! `Content-Length` (or, for HTTP, `Transfer-Encoding: chunked`).
//!
//! SIP (RFC 3261 §7) borrows HTTP/1.1's message syntax (RFC 9112 §2), so one reader
//! serves both; the SIP compact header forms (`i`, `l`, `c`) are understood.

use std::borrow::Cow;

/// Header bytes read at most before a message is given up on.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// Body bytes accepted at most.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// The first line of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartLine<'a> {
    /// `METHOD target VERSION`.
    Request {
        method: &'a str,
        target: &'a str,
        version: &'a str,
    },
    /// `VERSION code reason`.
    Status {
        version: &'a str,
        code: u16,
        reason: &'a str,
    },
}

impl StartLine<'_> {
    /// Whether the protocol is SIP (`SIP/2.0`).
    pub(crate) fn is_sip(&self) -> bool {
        let v = match self {
            StartLine::Request { version, .. } | StartLine::Status { version, .. } => version,
        };
        v.starts_with("SIP/")
    }
}

/// A complete message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message<'a> {
    pub(crate) start: StartLine<'a>,
    headers: Vec<(&'a str, &'a str)>,
    pub(crate) body: Cow<'a, [u8]>,
}

impl<'a> Message<'a> {
    /// The first header called `name` (case-insensitive; SIP compact forms too).
    pub(crate) fn header(&self, name: &str) -> Option<&'a str> {
        let compact = compact_form(name);
        self.headers
            .iter()
            .find(|(n, _)| {
                n.eq_ignore_ascii_case(name) || compact.is_some_and(|c| n.eq_ignore_ascii_case(c))
            })
            .map(|(_, v)| *v)
    }

    /// The media type of the body, lower case, without parameters.
    pub(crate) fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// What reading a message from a buffer gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed<'a> {
    /// A message and the bytes it took.
    Complete(Message<'a>, usize),
    /// More bytes are needed.
    Incomplete,
    /// Not a message (reason).
    Invalid(&'static str),
}

/// Whether `b` starts like a message of a text protocol we read: a request line
/// (`TOKEN SP target SP HTTP/x` or `SIP/2.0`) or a status line.
pub(crate) fn looks_like_start(b: &[u8]) -> bool {
    let line = &b[..b.len().min(512)];
    let line = match line.iter().position(|&c| c == b'\n') {
        Some(n) => &line[..n],
        None => line,
    };
    if line.starts_with(b"HTTP/1.") || line.starts_with(b"SIP/2.0 ") {
        return true;
    }
    let Some(sp) = line.iter().position(|&c| c == b' ') else {
        return false;
    };
    if sp < 2
        || !line[..sp]
            .iter()
            .all(|c| c.is_ascii_uppercase() || *c == b'-' || *c == b'_')
    {
        return false;
    }
    // The version at the end of the request line.
    let rest = line.strip_suffix(b"\r").unwrap_or(line);
    rest.ends_with(b" SIP/2.0")
        || rest.ends_with(b" HTTP/1.1")
        || rest.ends_with(b" HTTP/1.0")
        || rest.ends_with(b" RTSP/1.0")
        || rest.ends_with(b" RTSP/2.0")
}

/// Reads one message from the start of `b`. `datagram`: the buffer is one whole
/// datagram (SIP over UDP), so a missing `Content-Length` means "the rest".
pub(crate) fn parse(b: &[u8], datagram: bool) -> Parsed<'_> {
    let Some(head_end) = find(b, b"\r\n\r\n")
        .map(|n| (n, n + 4))
        .or_else(|| find(b, b"\n\n").map(|n| (n, n + 2)))
    else {
        return if b.len() > MAX_HEAD || datagram {
            Parsed::Invalid("no end of header")
        } else {
            Parsed::Incomplete
        };
    };
    let (head_len, body_start) = head_end;
    let Ok(head) = std::str::from_utf8(&b[..head_len]) else {
        return Parsed::Invalid("header is not UTF-8");
    };
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let Some(first) = lines.next() else {
        return Parsed::Invalid("empty");
    };
    let Some(start) = start_line(first) else {
        return Parsed::Invalid("bad start line");
    };
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Folded continuation (obsolete): joined to the previous value by ignoring.
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Parsed::Invalid("header line without colon");
        };
        if headers.len() >= 256 {
            return Parsed::Invalid("too many header lines");
        }
        headers.push((name.trim(), value.trim()));
    }
    let msg = Message {
        start,
        headers,
        body: Cow::Borrowed(&[]),
    };
    let rest = &b[body_start..];
    let chunked = !start.is_sip()
        && msg
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return match dechunk(rest) {
            Chunked::Done(body, used) => Parsed::Complete(
                Message {
                    body: Cow::Owned(body),
                    ..msg
                },
                body_start + used,
            ),
            Chunked::More => Parsed::Incomplete,
            Chunked::Bad(r) => Parsed::Invalid(r),
        };
    }
    let len = match msg.header("content-length") {
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= MAX_BODY => n,
            Ok(_) => return Parsed::Invalid("body too large"),
            Err(_) => return Parsed::Invalid("bad Content-Length"),
        },
        None if datagram => rest.len(),
        None => 0,
    };
    if rest.len() < len {
        return if datagram {
            Parsed::Invalid("body shorter than Content-Length")
        } else {
            Parsed::Incomplete
        };
    }
    Parsed::Complete(
        Message {
            body: Cow::Borrowed(&rest[..len]),
            ..msg
        },
        body_start + len,
    )
}

fn compact_form(name: &str) -> Option<&'static str> {
    // RFC 3261 §7.3.3.
    const FORMS: [(&str, &str); 4] = [
        ("call-id", "i"),
        ("content-length", "l"),
        ("content-type", "c"),
        ("from", "f"),
    ];
    FORMS
        .iter()
        .find(|(long, _)| long.eq_ignore_ascii_case(name))
        .map(|(_, c)| *c)
}

fn start_line(line: &str) -> Option<StartLine<'_>> {
    let mut parts = line.splitn(3, ' ');
    let a = parts.next()?;
    let b = parts.next()?;
    let c = parts.next().unwrap_or("");
    if a.starts_with("HTTP/") || a.starts_with("SIP/") || a.starts_with("RTSP/") {
        let code = b.parse().ok().filter(|c| (100..1000).contains(c))?;
        return Some(StartLine::Status {
            version: a,
            code,
            reason: c,
        });
    }
    if a.is_empty()
        || !a
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || c == b'-' || c == b'_')
    {
        return None;
    }
    if !(c.starts_with("HTTP/") || c.starts_with("SIP/") || c.starts_with("RTSP/")) {
        return None;
    }
    Some(StartLine::Request {
        method: a,
        target: b,
        version: c,
    })
}

enum Chunked {
    Done(Vec<u8>, usize),
    More,
    Bad(&'static str),
}

/// RFC 9112 §7.1 chunked transfer coding (extensions and trailers skipped).
fn dechunk(b: &[u8]) -> Chunked {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let Some(eol) = find(&b[at..], b"\r\n") else {
            return if b.len() - at > 1024 {
                Chunked::Bad("bad chunk size line")
            } else {
                Chunked::More
            };
        };
        let line = &b[at..at + eol];
        let size_txt = line.split(|&c| c == b';').next().unwrap_or(&[]);
        let Some(size) = std::str::from_utf8(size_txt)
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
        else {
            return Chunked::Bad("bad chunk size");
        };
        at += eol + 2;
        if size == 0 {
            // Trailers until an empty line.
            loop {
                let Some(eol) = find(&b[at..], b"\r\n") else {
                    return Chunked::More;
                };
                at += eol + 2;
                if eol == 0 {
                    return Chunked::Done(body, at);
                }
            }
        }
        if size > MAX_BODY - body.len() {
            return Chunked::Bad("body too large");
        }
        if b.len() - at < size + 2 {
            return Chunked::More;
        }
        body.extend_from_slice(&b[at..at + size]);
        at += size + 2;
    }
}

/// The position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn sip_compact_headers_and_datagram_body() {
        // RFC 3261 §7.3.3 compact forms; no Content-Length over UDP: the rest.
        let m = b"INVITE sip:b@x SIP/2.0\r\ni: abc@h\r\nc: application/sdp\r\n\r\nv=0\r\n";
        let Parsed::Complete(msg, used) = parse(m, true) else {
            panic!()
        };
        assert_eq!(used, m.len());
        assert_eq!(msg.header("Call-ID"), Some("abc@h"));
        assert_eq!(msg.content_type().as_deref(), Some("application/sdp"));
        assert_eq!(&msg.body[..], b"v=0\r\n");
    }

    #[test]
    fn http_chunked_and_pipelined() {
        let m = b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nv=0\r\r\n2\r\n\nx\r\n0\r\n\r\nHTTP/1.1";
        let Parsed::Complete(msg, used) = parse(m, false) else {
            panic!()
        };
        assert_eq!(&msg.body[..], b"v=0\r\nx");
        assert_eq!(&m[used..], b"HTTP/1.1");
        assert_eq!(parse(&m[..20], false), Parsed::Incomplete);
        let cl = b"POST /whip HTTP/1.1\r\nContent-Length: 5\r\n\r\nab";
        assert_eq!(parse(cl, false), Parsed::Incomplete);
        assert!(matches!(
            parse(b"POST /x HTTP/1.1\r\nContent-Length: zz\r\n\r\n", false),
            Parsed::Invalid(_)
        ));
    }

    #[test]
    fn start_lines() {
        assert!(looks_like_start(b"INVITE sip:a@b SIP/2.0\r\n"));
        assert!(looks_like_start(b"SIP/2.0 200 OK\r\n"));
        assert!(looks_like_start(b"GET /ws HTTP/1.1\r\n"));
        assert!(!looks_like_start(b"OPTIO"));
        assert!(!looks_like_start(b"hello world\r\n"));
        assert!(!looks_like_start(b"GET me a coffee\r\n"));
    }
}
