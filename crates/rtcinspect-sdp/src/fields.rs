//! The fields of the session and media lines other than `a=`
//! ([RFC 8866 §5](https://www.rfc-editor.org/rfc/rfc8866#section-5)), parsed on demand.
//!
//! ```
//! use rtcinspect_sdp::Sdp;
//!
//! let text = "v=0\r\no=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\ns=Call\r\n\
//!     c=IN IP4 233.252.0.1/127\r\nt=0 0\r\nm=audio 49170/2 RTP/AVP 0 8\r\n";
//! let sdp = Sdp::parse_strict(text)?;
//! let o = sdp.origin().unwrap()?;
//! assert_eq!((o.username, o.session_version_u64()), ("jdoe", Some(3724394405)));
//! let c = sdp.session().connections().next().unwrap()?;
//! assert_eq!((c.address, c.ttl), ("233.252.0.1", Some(127)));
//! let m = sdp.media_at(0).unwrap().media_line().unwrap()?;
//! assert_eq!((m.port, m.port_count, m.payload_types().collect::<Vec<_>>()), (49170, Some(2), vec![0, 8]));
//! assert_eq!(sdp.to_string(), text);
//! # Ok::<(), rtcinspect_sdp::SdpError>(())
//! ```

use nom::bytes::complete::{take_till1, take_while1};

use crate::attr::Words;
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::{Fields, find_or_end, lead_digits, token, token_len, word};

fn whole<'a, T>(
    value: &'a str,
    last: &'static str,
    f: impl FnOnce(&mut Fields<'a>) -> Result<T, FieldError>,
) -> Result<T, FieldError> {
    let mut fields = Fields::new(value);
    let out = f(&mut fields)?;
    fields.end(last)?;
    Ok(out)
}

/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`
/// ([RFC 8866 §5.2](https://www.rfc-editor.org/rfc/rfc8866#section-5.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin<'a> {
    /// The user's login, `-` for none.
    pub username: &'a str,
    /// Session ID: digits, kept as written (libwebrtc writes 19 digits).
    pub session_id: &'a str,
    /// Session version: digits, kept as written.
    pub session_version: &'a str,
    /// Network type (`IN`).
    pub net_type: &'a str,
    /// Address type (`IP4`, `IP6`).
    pub addr_type: &'a str,
    /// Address of the originating host.
    pub address: &'a str,
}

impl<'a> Origin<'a> {
    /// Parses the value of an `o=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "unicast-address", |f| {
            let username = f.field("username", word)?;
            f.space("sess-id")?;
            let session_id = f.field("sess-id", take_while1(|c: u8| c.is_ascii_digit()))?;
            f.space("sess-version")?;
            let session_version =
                f.field("sess-version", take_while1(|c: u8| c.is_ascii_digit()))?;
            f.space("nettype")?;
            let net_type = f.field("nettype", token)?;
            f.space("addrtype")?;
            let addr_type = f.field("addrtype", token)?;
            f.space("unicast-address")?;
            let address = f.field("unicast-address", word)?;
            Ok(Self {
                username,
                session_id,
                session_version,
                net_type,
                addr_type,
                address,
            })
        })
    }

    /// The session ID as a number, if it fits 64 bits.
    #[inline]
    pub fn session_id_u64(&self) -> Option<u64> {
        self.session_id.parse().ok()
    }

    /// The session version as a number, if it fits 64 bits.
    #[inline]
    pub fn session_version_u64(&self) -> Option<u64> {
        self.session_version.parse().ok()
    }
}

/// `c=<nettype> <addrtype> <connection-address>`
/// ([RFC 8866 §5.7](https://www.rfc-editor.org/rfc/rfc8866#section-5.7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnectionData<'a> {
    /// Network type (`IN`).
    pub net_type: &'a str,
    /// Address type (`IP4`, `IP6`).
    pub addr_type: &'a str,
    /// The connection address as written, suffixes included (`224.2.1.1/127/3`).
    pub raw_address: &'a str,
    /// The address without its suffixes.
    pub address: &'a str,
    /// The IPv4 multicast time to live (`/127`).
    pub ttl: Option<u8>,
    /// The number of addresses (`/3`).
    pub count: Option<u32>,
}

impl<'a> ConnectionData<'a> {
    /// Parses the value of a `c=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "connection-address", |f| {
            let net_type = f.field("nettype", token)?;
            f.space("addrtype")?;
            let addr_type = f.field("addrtype", token)?;
            f.space("connection-address")?;
            let at = f.offset();
            let address = f.field("connection-address", take_till1(|c| c == b'/' || c == b' '))?;
            let mut first = None;
            let mut second = None;
            if f.eat('/') {
                first = Some(f.number::<u32>("ttl")?);
                if f.eat('/') {
                    second = Some(f.number::<u32>("numaddr")?);
                }
            }
            let raw_address = value.get(at..f.offset()).unwrap_or("");
            let (ttl, count) = match (addr_type, first, second) {
                ("IP6", Some(n), None) => (None, Some(n)),
                (_, Some(t), n) => {
                    let ttl = u8::try_from(t).map_err(|_| FieldError {
                        field: "ttl",
                        offset: at + address.len() + 1,
                        kind: FieldErrorKind::OutOfRange,
                    })?;
                    (Some(ttl), n)
                }
                _ => (None, None),
            };
            Ok(Self {
                net_type,
                addr_type,
                raw_address,
                address,
                ttl,
                count,
            })
        })
    }
}

/// `b=<bwtype>:<bandwidth>` ([RFC 8866 §5.8](https://www.rfc-editor.org/rfc/rfc8866#section-5.8)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bandwidth<'a> {
    /// The bandwidth type (`AS`, `CT`, `TIAS` (RFC 3890), `RS`, `RR` (RFC 3556)).
    pub kind: &'a str,
    /// The value (kbit/s for `AS` and `CT`, bit/s for `TIAS`).
    pub value: u64,
}

impl<'a> Bandwidth<'a> {
    /// Parses the value of a `b=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "bandwidth", |f| {
            let kind = f.field("bwtype", token)?;
            if !f.eat(':') {
                return Err(f.error("bandwidth"));
            }
            let value = f.number("bandwidth")?;
            Ok(Self { kind, value })
        })
    }
}

/// `t=<start-time> <stop-time>` ([RFC 8866 §5.9](https://www.rfc-editor.org/rfc/rfc8866#section-5.9)):
/// NTP seconds, 0 for unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timing {
    /// Start time.
    pub start: u64,
    /// Stop time.
    pub stop: u64,
}

impl Timing {
    /// Parses the value of a `t=` line.
    #[inline]
    pub fn parse(value: &str) -> Result<Self, FieldError> {
        whole(value, "stop-time", |f| {
            let start = f.number("start-time")?;
            f.space("stop-time")?;
            let stop = f.number("stop-time")?;
            Ok(Self { start, stop })
        })
    }
}

/// Reads an RFC 8866 `typed-time` (`7d`, `1h`, `3600`) into seconds.
fn typed_time(f: &mut Fields<'_>, field: &'static str) -> Result<u64, FieldError> {
    let at = f.offset();
    let n: u64 = f.number(field)?;
    let unit = match f.rest().as_bytes().first() {
        Some(b'd') => 86_400,
        Some(b'h') => 3_600,
        Some(b'm') => 60,
        Some(b's') => 1,
        _ => 0,
    };
    if unit != 0 {
        f.eat(f.rest().chars().next().unwrap_or(' '));
    }
    n.checked_mul(unit.max(1)).ok_or(FieldError {
        field,
        offset: at,
        kind: FieldErrorKind::OutOfRange,
    })
}

/// `r=<repeat interval> <active duration> <offsets from start-time>`
/// ([RFC 8866 §5.10](https://www.rfc-editor.org/rfc/rfc8866#section-5.10)), times in
/// seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Repeat<'a> {
    /// The repeat interval.
    pub interval: u64,
    /// The active duration.
    pub duration: u64,
    offsets: &'a str,
}

impl<'a> Repeat<'a> {
    /// Parses the value of an `r=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "offset", |f| {
            let interval = typed_time(f, "repeat-interval")?;
            f.space("active-duration")?;
            let duration = typed_time(f, "active-duration")?;
            f.space("offset")?;
            let offsets = f.rest();
            typed_time(f, "offset")?;
            while f.eat(' ') {
                typed_time(f, "offset")?;
            }
            Ok(Self {
                interval,
                duration,
                offsets,
            })
        })
    }

    /// The offsets from the start time, in seconds.
    #[inline]
    pub fn offsets(&self) -> impl Iterator<Item = u64> + use<'a> {
        Words::new(self.offsets).filter_map(|w| typed_time(&mut Fields::new(w), "offset").ok())
    }
}

/// `z=<adjustment time> <offset> ...` ([RFC 8866 §5.11](https://www.rfc-editor.org/rfc/rfc8866#section-5.11)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeZones<'a>(&'a str);

impl<'a> TimeZones<'a> {
    /// Parses the value of a `z=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "offset", |f| {
            loop {
                let _: u64 = f.number("time")?;
                f.space("offset")?;
                f.eat('-');
                typed_time(f, "offset")?;
                if !f.eat(' ') {
                    break;
                }
            }
            Ok(Self(value))
        })
    }

    /// The adjustments: NTP time and offset in seconds.
    #[inline]
    pub fn adjustments(&self) -> impl Iterator<Item = (u64, i64)> + use<'a> {
        let mut words = Words::new(self.0);
        core::iter::from_fn(move || {
            let time = words.next()?.parse().ok()?;
            let offset = words.next()?;
            let (neg, t) = match offset.strip_prefix('-') {
                Some(t) => (true, t),
                None => (false, offset),
            };
            let secs = i64::try_from(typed_time(&mut Fields::new(t), "offset").ok()?).ok()?;
            Some((time, if neg { -secs } else { secs }))
        })
    }
}

/// `k=<method>[:<encryption key>]` ([RFC 8866 §5.12](https://www.rfc-editor.org/rfc/rfc8866#section-5.12), obsolete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key<'a> {
    /// The method (`clear`, `base64`, `uri`, `prompt`).
    pub method: &'a str,
    /// The key.
    pub key: Option<&'a str>,
}

impl<'a> Key<'a> {
    /// Parses the value of a `k=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        let (method, key) = match value.split_once(':') {
            Some((m, k)) => (m, Some(k)),
            None => (value, None),
        };
        if crate::grammar::is_token(method) {
            Ok(Self { method, key })
        } else {
            Err(FieldError {
                field: "method",
                offset: 0,
                kind: FieldErrorKind::Invalid,
            })
        }
    }
}

/// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`
/// ([RFC 8866 §5.14](https://www.rfc-editor.org/rfc/rfc8866#section-5.14)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MediaLine<'a> {
    /// Media type (`audio`, `video`, `application`, `text`, `message`).
    pub media: &'a str,
    /// Transport port; 0 rejects the section (RFC 8866 §5.14, RFC 3264 §6).
    pub port: u16,
    /// Number of ports, if given.
    pub port_count: Option<u16>,
    /// Transport protocol (`UDP/TLS/RTP/SAVPF`, `RTP/AVP`, `UDP/DTLS/SCTP`).
    pub proto: &'a str,
    /// The formats, raw and space separated.
    pub formats_raw: &'a str,
}

impl<'a> MediaLine<'a> {
    /// Parses the value of an `m=` line.
    #[inline]
    pub fn parse(value: &'a str) -> Result<Self, FieldError> {
        match Self::fast(value) {
            Some(m) => Ok(m),
            None => Self::parse_fields(value),
        }
    }

    /// Read with byte scans; `None` sends the value to the field-by-field parse
    /// (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let media_end = token_len(b);
        if media_end == 0 || b.get(media_end) != Some(&b' ') {
            return None;
        }
        let (port, n) = lead_digits(b.get(media_end + 1..)?, 5)?;
        let port = u16::try_from(port).ok()?;
        let mut at = media_end + 1 + n;
        let port_count = if b.get(at) == Some(&b'/') {
            let (c, n) = lead_digits(b.get(at + 1..)?, 5)?;
            at += 1 + n;
            Some(u16::try_from(c).ok()?)
        } else {
            None
        };
        if b.get(at) != Some(&b' ') {
            return None;
        }
        let proto_start = at + 1;
        let proto_end = proto_start + find_or_end(b.get(proto_start..)?, b' ');
        if proto_end == proto_start || b.get(proto_end) != Some(&b' ') {
            return None;
        }
        let formats_start = proto_end + 1;
        // `fmt *(SP fmt)`: tokens separated by single spaces.
        let mut i = formats_start;
        loop {
            let n = token_len(b.get(i..)?);
            if n == 0 {
                return None;
            }
            i += n;
            match b.get(i) {
                None => break,
                Some(b' ') => i += 1,
                Some(_) => return None,
            }
        }
        Some(Self {
            media: v.get(..media_end)?,
            port,
            port_count,
            proto: v.get(proto_start..proto_end)?,
            formats_raw: v.get(formats_start..)?,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: &'a str) -> Result<Self, FieldError> {
        whole(value, "fmt", |f| {
            let media = f.field("media", token)?;
            f.space("port")?;
            let port = f.number("port")?;
            let port_count = if f.eat('/') {
                Some(f.number("integer")?)
            } else {
                None
            };
            f.space("proto")?;
            let proto = f.field("proto", take_till1(|c| c == b' '))?;
            f.space("fmt")?;
            let formats_raw = f.rest();
            f.field("fmt", token)?;
            while f.eat(' ') {
                f.field("fmt", token)?;
            }
            Ok(Self {
                media,
                port,
                port_count,
                proto,
                formats_raw,
            })
        })
    }

    /// The formats (payload types for RTP), in order of preference.
    #[inline]
    pub fn formats(&self) -> Words<'a> {
        Words::new(self.formats_raw)
    }

    /// The formats that are RTP payload types (0 to 127).
    #[inline]
    pub fn payload_types(&self) -> impl Iterator<Item = u8> + use<'a> {
        self.formats().filter_map(|f| {
            let (pt, n) = lead_digits(f.as_bytes(), 3)?;
            (n == f.len() && pt <= 127).then_some(pt as u8)
        })
    }

    /// Whether the protocol carries RTP (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`...).
    #[inline]
    pub fn is_rtp(&self) -> bool {
        self.proto.split('/').any(|p| p == "RTP")
    }

    /// Whether the protocol is secured with DTLS (`UDP/TLS/RTP/SAVPF`,
    /// `UDP/DTLS/SCTP`, `TCP/DTLS/SCTP`...).
    #[inline]
    pub fn uses_dtls(&self) -> bool {
        self.proto.split('/').any(|p| p == "TLS" || p == "DTLS")
    }
}
