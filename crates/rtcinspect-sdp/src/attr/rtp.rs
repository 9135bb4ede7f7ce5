//! RTP attributes: payload mappings and parameters, feedback, header extensions,
//! sources and groups.

use nom::bytes::complete::take_till1;

use super::{Direction, fields, required, typed_attribute};
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::{Fields, find_or_end, lead_digits, token, token_len, word};

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`
/// ([RFC 8866 §6.6](https://www.rfc-editor.org/rfc/rfc8866#section-6.6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rtpmap<'a> {
    /// RTP payload type, 0 to 127.
    pub payload_type: u8,
    /// Encoding name as written (`"opus"`, `"VP8"`; compare case-insensitively).
    pub encoding: &'a str,
    /// Clock rate in Hz.
    pub clock_rate: u32,
    /// Encoding parameters: the number of channels for audio.
    pub params: Option<&'a str>,
}

impl<'a> Rtpmap<'a> {
    /// Parses the value of `a=rtpmap`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(m) => Ok(m),
            None => Self::parse_fields(value),
        }
    }

    /// The common form, read with byte scans; `None` sends the value to the
    /// field-by-field parse (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let (pt, n) = lead_digits(b, 3)?;
        let payload_type = u8::try_from(pt).ok().filter(|&p| p <= 127)?;
        if b.get(n) != Some(&b' ') {
            return None;
        }
        let enc_start = n + 1;
        let enc_len = b
            .get(enc_start..)?
            .iter()
            .position(|&c| c == b'/' || c == b' ')?;
        let slash = enc_start + enc_len;
        if enc_len == 0 || b.get(slash) != Some(&b'/') {
            return None;
        }
        let (clock, m) = lead_digits(b.get(slash + 1..)?, 10)?;
        let clock_rate = u32::try_from(clock).ok()?;
        let after = slash + 1 + m;
        let params = match b.get(after) {
            None => None,
            Some(b'/') => {
                let p = b.get(after + 1..)?;
                (!p.is_empty() && !p.contains(&b' ')).then_some(())?;
                Some(v.get(after + 1..)?)
            }
            Some(_) => return None,
        };
        Some(Self {
            payload_type,
            encoding: v.get(enc_start..slash)?,
            clock_rate,
            params,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "encoding parameters", |f| {
            let payload_type = payload_type(f, "payload type")?;
            f.space("encoding name")?;
            let encoding = f.field("encoding name", take_till1(|c| c == b'/' || c == b' '))?;
            if !f.eat('/') {
                return Err(f.error("clock rate"));
            }
            let clock_rate = f.number("clock rate")?;
            let params = if f.eat('/') {
                Some(f.field("encoding parameters", take_till1(|c| c == b' '))?)
            } else {
                None
            };
            Ok(Self {
                payload_type,
                encoding,
                clock_rate,
                params,
            })
        })
    }

    /// The number of channels (the encoding parameters read as a number), if given.
    #[inline]
    pub fn channels(&self) -> Option<u16> {
        self.params.and_then(|p| p.parse().ok())
    }
}
typed_attribute!(Rtpmap, "rtpmap");

/// Reads an RTP payload type (0 to 127).
#[inline]
pub(crate) fn payload_type(f: &mut Fields<'_>, field: &'static str) -> Result<u8, FieldError> {
    let at = f.offset();
    let pt: u8 = f.number(field)?;
    if pt > 127 {
        return Err(FieldError {
            field,
            offset: at,
            kind: FieldErrorKind::OutOfRange,
        });
    }
    Ok(pt)
}

/// `a=fmtp:<format> <format specific parameters>`
/// ([RFC 8866 §6.15](https://www.rfc-editor.org/rfc/rfc8866#section-6.15)).
///
/// The parameters are kept raw; [`Fmtp::params`] splits the usual
/// `name=value;name=value` form used by RTP payload formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fmtp<'a> {
    /// The format (a payload type for RTP).
    pub format: &'a str,
    /// The parameters, raw.
    pub raw: &'a str,
}

impl<'a> Fmtp<'a> {
    /// Parses the value of `a=fmtp`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(m) => Ok(m),
            None => Self::parse_fields(value),
        }
    }

    /// The common form, read with byte scans; `None` sends the value to the
    /// field-by-field parse (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let n = token_len(b);
        let raw = match b.get(n) {
            None => "",
            Some(b' ') => v.get(n + 1..)?,
            Some(_) => return None,
        };
        (n > 0).then_some(())?;
        Some(Self {
            format: v.get(..n)?,
            raw,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "format specific parameters", |f| {
            let format = f.field("format", token)?;
            // Some senders write `a=fmtp:101 0-15` with several spaces or none.
            let raw = if f.eat(' ') {
                f.take_rest()
            } else if f.is_empty() {
                ""
            } else {
                return Err(f.error("format specific parameters"));
            };
            Ok(Self { format, raw })
        })
    }

    /// The format as an RTP payload type.
    #[inline]
    pub fn payload_type(&self) -> Option<u8> {
        self.format.parse().ok().filter(|&pt| pt <= 127)
    }

    /// The `name=value` parameters separated by `;` (spaces around them trimmed); a
    /// parameter without `=` has no value (`0-15` for telephone-event).
    #[inline]
    pub fn params(&self) -> FmtpParams<'a> {
        FmtpParams { rest: self.raw }
    }

    /// The value of the first parameter named `name` (names compared
    /// case-insensitively, as media type parameters are).
    #[inline]
    pub fn param(&self, name: &str) -> Option<&'a str> {
        self.params()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v)
    }

    /// `apt=`: the payload type an RTX format retransmits
    /// ([RFC 4588 §8.1](https://www.rfc-editor.org/rfc/rfc4588#section-8.1)).
    #[inline]
    pub fn apt(&self) -> Option<u8> {
        self.param("apt").and_then(|v| v.parse().ok())
    }
}
typed_attribute!(Fmtp, "fmtp");

/// Iterator over the `name[=value]` parameters of an [`Fmtp`].
#[derive(Debug, Clone)]
pub struct FmtpParams<'a> {
    rest: &'a str,
}

impl<'a> Iterator for FmtpParams<'a> {
    type Item = (&'a str, Option<&'a str>);

    fn count(self) -> usize {
        self.count_fast()
    }

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let b = self.rest.as_bytes();
            if b.is_empty() {
                return None;
            }
            // One pass: the end of the parameter and its first '='.
            let mut eq = None;
            let mut end = b.len();
            for (i, &c) in b.iter().enumerate() {
                if c == b';' {
                    end = i;
                    break;
                }
                if c == b'=' && eq.is_none() {
                    eq = Some(i);
                }
            }
            let param = self.rest.get(..end).unwrap_or("");
            self.rest = self.rest.get(end + 1..).unwrap_or("");
            let item = match eq {
                Some(e) => (
                    trim_spaces(param.get(..e).unwrap_or("")),
                    Some(trim_spaces(param.get(e + 1..).unwrap_or(""))),
                ),
                None => (trim_spaces(param), None),
            };
            if item.0.is_empty() && item.1.is_none() {
                continue;
            }
            return Some(item);
        }
    }
}

impl FmtpParams<'_> {
    /// Counts the parameters without splitting them.
    fn count_fast(self) -> usize {
        let mut n = 0;
        let mut in_param = false;
        for &c in self.rest.as_bytes() {
            match c {
                b';' => in_param = false,
                b' ' => {}
                _ if !in_param => {
                    in_param = true;
                    n += 1;
                }
                _ => {}
            }
        }
        n
    }
}

/// `s` without leading and trailing spaces.
#[inline]
fn trim_spaces(s: &str) -> &str {
    match s.as_bytes() {
        [b' ', ..] | [.., b' '] => s.trim_matches(' '),
        _ => s,
    }
}

/// The payload type of an `a=rtcp-fb` line: a number or `*` for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FbPayloadType {
    /// `*`: every payload type of the media section.
    Any,
    /// One payload type.
    Pt(u8),
}

impl FbPayloadType {
    /// Whether feedback for this applies to payload type `pt`.
    #[inline]
    pub fn matches(self, pt: u8) -> bool {
        match self {
            Self::Any => true,
            Self::Pt(p) => p == pt,
        }
    }
}

/// `a=rtcp-fb:<payload type or *> <feedback type> [<parameter>]`
/// ([RFC 4585 §4.2](https://www.rfc-editor.org/rfc/rfc4585#section-4.2)): `nack`,
/// `nack pli`, `ccm fir`, `goog-remb`, `transport-cc`, `trr-int 100`...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RtcpFb<'a> {
    /// The payload type the feedback applies to.
    pub payload_type: FbPayloadType,
    /// The feedback type (`ack`, `nack`, `trr-int`, `ccm`, or an extension token).
    pub kind: &'a str,
    /// The parameter after the type (`pli`, `fir`, the interval of `trr-int`).
    pub param: Option<&'a str>,
}

impl<'a> RtcpFb<'a> {
    /// Parses the value of `a=rtcp-fb`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(fb) => Ok(fb),
            None => Self::parse_fields(value),
        }
    }

    /// The common form, read with byte scans; `None` sends the value to the
    /// field-by-field parse (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let (payload_type, n) = if b.first() == Some(&b'*') {
            (FbPayloadType::Any, 1)
        } else {
            let (pt, n) = lead_digits(b, 3)?;
            (
                FbPayloadType::Pt(u8::try_from(pt).ok().filter(|&p| p <= 127)?),
                n,
            )
        };
        if b.get(n) != Some(&b' ') {
            return None;
        }
        let kind_start = n + 1;
        let kind_len = token_len(b.get(kind_start..)?);
        let kind_end = kind_start + kind_len;
        let param = match b.get(kind_end) {
            None => None,
            Some(b' ') if kind_end + 1 < b.len() => Some(v.get(kind_end + 1..)?),
            Some(_) => return None,
        };
        (kind_len > 0).then_some(())?;
        Some(Self {
            payload_type,
            kind: v.get(kind_start..kind_end)?,
            param,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "rtcp-fb-param", |f| {
            let payload_type = if f.eat('*') {
                FbPayloadType::Any
            } else {
                FbPayloadType::Pt(payload_type(f, "rtcp-fb-pt")?)
            };
            f.space("rtcp-fb-val")?;
            let kind = f.field("rtcp-fb-val", token)?;
            let param = if f.eat(' ') {
                Some(f.field("rtcp-fb-param", take_till1(|_: u8| false))?)
            } else {
                None
            };
            Ok(Self {
                payload_type,
                kind,
                param,
            })
        })
    }
}
typed_attribute!(RtcpFb, "rtcp-fb");

/// `a=extmap:<id>[/<direction>] <URI> [<extension attributes>]`
/// ([RFC 8285 §8](https://www.rfc-editor.org/rfc/rfc8285#section-8)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Extmap<'a> {
    /// The local identifier (1–14 one-byte, 1–255 two-byte header).
    pub id: u16,
    /// The direction, if restricted.
    pub direction: Option<Direction>,
    /// The extension's URI.
    pub uri: &'a str,
    /// The extension attributes after the URI, raw.
    pub attributes: Option<&'a str>,
}

impl<'a> Extmap<'a> {
    /// Parses the value of `a=extmap`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(m) => Ok(m),
            None => Self::parse_fields(value),
        }
    }

    /// The common form (no direction), read with byte scans; `None` sends the value
    /// to the field-by-field parse (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let (id, n) = lead_digits(b, 5)?;
        let id = u16::try_from(id).ok()?;
        if b.get(n) != Some(&b' ') {
            return None;
        }
        let uri_start = n + 1;
        let rest = b.get(uri_start..)?;
        let uri_len = memchr::memchr2(b' ', b'\t', rest).unwrap_or(rest.len());
        let uri_end = uri_start + uri_len;
        let attributes = match b.get(uri_end) {
            None => None,
            Some(b' ') => Some(v.get(uri_end + 1..)?),
            Some(_) => return None,
        };
        (uri_len > 0).then_some(())?;
        Some(Self {
            id,
            direction: None,
            uri: v.get(uri_start..uri_end)?,
            attributes,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "extensionattributes", |f| {
            let id = f.number("value")?;
            let direction = if f.eat('/') {
                let at = f.offset();
                let d = f.field("direction", token)?;
                Some(Direction::from_name(d).ok_or(FieldError {
                    field: "direction",
                    offset: at,
                    kind: FieldErrorKind::Invalid,
                })?)
            } else {
                None
            };
            f.space("URI")?;
            let uri = f.field("URI", word)?;
            let attributes = if f.eat(' ') {
                Some(f.take_rest())
            } else {
                None
            };
            Ok(Self {
                id,
                direction,
                uri,
                attributes,
            })
        })
    }
}
typed_attribute!(Extmap, "extmap");

/// `a=ssrc:<ssrc-id> <attribute>[:<value>]`
/// ([RFC 5576 §4.1](https://www.rfc-editor.org/rfc/rfc5576#section-4.1)): `cname:…`,
/// `msid:…`, and legacy `mslabel:`/`label:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ssrc<'a> {
    /// The synchronization source.
    pub ssrc: u32,
    /// The source attribute's name (`cname`).
    pub attribute: &'a str,
    /// The source attribute's value.
    pub value: Option<&'a str>,
}

impl<'a> Ssrc<'a> {
    /// Parses the value of `a=ssrc`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(m) => Ok(m),
            None => Self::parse_fields(value),
        }
    }

    /// Read with byte scans; `None` sends the value to the field-by-field parse
    /// (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let (ssrc, n) = lead_digits(b, 10)?;
        let ssrc = u32::try_from(ssrc).ok()?;
        if b.get(n) != Some(&b' ') {
            return None;
        }
        let a_start = n + 1;
        let a_end = a_start + find_or_end(b.get(a_start..)?, b':');
        (a_end > a_start).then_some(())?;
        let value = if a_end < b.len() {
            Some(v.get(a_end + 1..)?)
        } else {
            None
        };
        Some(Self {
            ssrc,
            attribute: v.get(a_start..a_end)?,
            value,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "att-value", |f| {
            let ssrc = f.number("ssrc-id")?;
            f.space("attribute")?;
            let attribute = f.field("attribute", take_till1(|c| c == b':'))?;
            let value = if f.eat(':') {
                Some(f.take_rest())
            } else {
                None
            };
            Ok(Self {
                ssrc,
                attribute,
                value,
            })
        })
    }
}
typed_attribute!(Ssrc, "ssrc");

/// The semantics of an `a=ssrc-group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SsrcGroupSemantics<'a> {
    /// `FID`: flow identification, RTX pairs ([RFC 5576 §4.2](https://www.rfc-editor.org/rfc/rfc5576#section-4.2), RFC 4588).
    Fid,
    /// `FEC-FR`: FEC repair flows ([RFC 5956 §4.3](https://www.rfc-editor.org/rfc/rfc5956#section-4.3)).
    FecFr,
    /// `FEC`: the older FEC grouping ([RFC 5576 §7.2](https://www.rfc-editor.org/rfc/rfc5576#section-7.2)).
    Fec,
    /// `SIM`: simulcast layers (libwebrtc, before RFC 8853).
    Sim,
    /// Any other semantics.
    Other(&'a str),
}

impl<'a> SsrcGroupSemantics<'a> {
    /// The semantics of a token.
    #[inline]
    pub fn from_token(s: &'a str) -> Self {
        match s {
            "FID" => Self::Fid,
            "FEC-FR" => Self::FecFr,
            "FEC" => Self::Fec,
            "SIM" => Self::Sim,
            other => Self::Other(other),
        }
    }
}

/// `a=ssrc-group:<semantics> <ssrc-id> ...`
/// ([RFC 5576 §4.2](https://www.rfc-editor.org/rfc/rfc5576#section-4.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SsrcGroup<'a> {
    /// The semantics.
    pub semantics: SsrcGroupSemantics<'a>,
    /// The SSRCs, raw (space separated; checked to be numbers when parsed).
    pub raw_ssrcs: &'a str,
}

impl<'a> SsrcGroup<'a> {
    /// Parses the value of `a=ssrc-group`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "ssrc-id", |f| {
            let semantics = SsrcGroupSemantics::from_token(f.field("semantics", token)?);
            let raw_ssrcs = f.rest();
            while f.eat(' ') {
                let _: u32 = f.number("ssrc-id")?;
            }
            Ok(Self {
                semantics,
                raw_ssrcs: raw_ssrcs.get(1.min(raw_ssrcs.len())..).unwrap_or(""),
            })
        })
    }

    /// The SSRCs, in order.
    #[inline]
    pub fn ssrcs(&self) -> impl Iterator<Item = u32> + use<'a> {
        self.raw_ssrcs.split(' ').filter_map(|s| s.parse().ok())
    }
}
typed_attribute!(SsrcGroup, "ssrc-group");

/// The semantics of an `a=group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GroupSemantics<'a> {
    /// `BUNDLE` ([RFC 9143](https://www.rfc-editor.org/rfc/rfc9143)).
    Bundle,
    /// `LS`: lip synchronization ([RFC 5888 §7](https://www.rfc-editor.org/rfc/rfc5888#section-7)).
    Ls,
    /// `FID`: flow identification ([RFC 5888 §8](https://www.rfc-editor.org/rfc/rfc5888#section-8)).
    Fid,
    /// Any other semantics.
    Other(&'a str),
}

/// `a=group:<semantics> <identification-tag> ...`
/// ([RFC 5888 §5](https://www.rfc-editor.org/rfc/rfc5888#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Group<'a> {
    /// The semantics.
    pub semantics: GroupSemantics<'a>,
    /// The identification tags (mids), raw, space separated.
    pub raw_mids: &'a str,
}

impl<'a> Group<'a> {
    /// Parses the value of `a=group`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        match value.and_then(Self::fast) {
            Some(g) => Ok(g),
            None => Self::parse_fields(value),
        }
    }

    /// Read with byte scans; `None` sends the value to the field-by-field parse
    /// (same grammar, with errors).
    #[inline]
    pub(crate) fn fast(v: &'a str) -> Option<Self> {
        let b = v.as_bytes();
        let sem = token_len(b);
        (sem > 0).then_some(())?;
        let mut i = sem;
        while i < b.len() {
            if b.get(i) != Some(&b' ') {
                return None;
            }
            let n = token_len(b.get(i + 1..)?);
            (n > 0).then_some(())?;
            i += 1 + n;
        }
        let semantics = match v.get(..sem)? {
            "BUNDLE" => GroupSemantics::Bundle,
            "LS" => GroupSemantics::Ls,
            "FID" => GroupSemantics::Fid,
            other => GroupSemantics::Other(other),
        };
        Some(Self {
            semantics,
            raw_mids: v.get(sem + usize::from(sem < b.len())..)?,
        })
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "identification-tag", |f| {
            let semantics = match f.field("semantics", token)? {
                "BUNDLE" => GroupSemantics::Bundle,
                "LS" => GroupSemantics::Ls,
                "FID" => GroupSemantics::Fid,
                other => GroupSemantics::Other(other),
            };
            let raw = f.rest();
            while f.eat(' ') {
                f.field("identification-tag", token)?;
            }
            Ok(Self {
                semantics,
                raw_mids: raw.get(1.min(raw.len())..).unwrap_or(""),
            })
        })
    }

    /// The identification tags (mids), in order.
    #[inline]
    pub fn mids(&self) -> Words<'a> {
        Words::new(self.raw_mids)
    }

    /// Whether `mid` is in the group.
    #[inline]
    pub fn contains(&self, mid: &str) -> bool {
        self.mids().any(|m| m == mid)
    }
}
typed_attribute!(Group, "group");

/// Iterator over space-separated words.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    #[inline]
    pub(crate) fn new(s: &'a str) -> Self {
        Self { rest: s }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.rest.as_bytes();
        let start = b.iter().position(|&c| c != b' ' && c != b'\t')?;
        let len = b
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .position(|&c| c == b' ' || c == b'\t')
            .unwrap_or(b.len() - start);
        let word = self.rest.get(start..start + len);
        self.rest = self.rest.get(start + len..).unwrap_or("");
        word
    }
}

/// `a=msid:<stream id> [<track id>]`
/// ([RFC 8830 §2](https://www.rfc-editor.org/rfc/rfc8830#section-2)); also the value
/// of the legacy `a=ssrc:<ssrc> msid:…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Msid<'a> {
    /// The MediaStream id (`-` for none).
    pub stream: &'a str,
    /// The MediaStreamTrack id (`msid-appdata`).
    pub track: Option<&'a str>,
}

impl<'a> Msid<'a> {
    /// Parses the value of `a=msid`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "msid-appdata", |f| {
            let stream = f.field("msid-id", token)?;
            let track = if f.eat(' ') {
                Some(f.field("msid-appdata", token)?)
            } else {
                None
            };
            Ok(Self { stream, track })
        })
    }
}
typed_attribute!(Msid, "msid");

/// `a=msid-semantic: WMS [<stream id> ...]` (legacy draft-ietf-mmusic-msid syntax,
/// still sent by libwebrtc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MsidSemantic<'a> {
    /// The semantic (`WMS`).
    pub semantic: &'a str,
    /// The identifiers after it, raw.
    pub raw_ids: &'a str,
}

impl<'a> MsidSemantic<'a> {
    /// Parses the value of `a=msid-semantic` (a space after the colon is accepted, as
    /// libwebrtc writes one).
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        let v = required(value)?;
        let trimmed = v.trim_start_matches(' ');
        let mut f = Fields::new(trimmed);
        let semantic = f.field("semantic", token).map_err(|e| FieldError {
            offset: e.offset + (v.len() - trimmed.len()),
            ..e
        })?;
        Ok(Self {
            semantic,
            raw_ids: f.rest().trim_start_matches(' '),
        })
    }

    /// The identifiers.
    #[inline]
    pub fn ids(&self) -> Words<'a> {
        Words::new(self.raw_ids)
    }
}
typed_attribute!(MsidSemantic, "msid-semantic");

/// `a=rtcp:<port> [<nettype> <addrtype> <connection-address>]`
/// ([RFC 3605 §2.1](https://www.rfc-editor.org/rfc/rfc3605#section-2.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RtcpAttr<'a> {
    /// The RTCP port.
    pub port: u16,
    /// Network type, address type and address, if given.
    pub address: Option<(&'a str, &'a str, &'a str)>,
}

impl<'a> RtcpAttr<'a> {
    /// Parses the value of `a=rtcp`.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "connection-address", |f| {
            let port = f.number("port")?;
            let address = if f.eat(' ') {
                let net = f.field("nettype", token)?;
                f.space("addrtype")?;
                let addr = f.field("addrtype", token)?;
                f.space("connection-address")?;
                let a = f.field("connection-address", word)?;
                Some((net, addr, a))
            } else {
                None
            };
            Ok(Self { port, address })
        })
    }
}
typed_attribute!(RtcpAttr, "rtcp");
