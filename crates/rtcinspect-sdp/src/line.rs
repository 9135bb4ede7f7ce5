//! One line of a session description, kept as it was read.

use crate::attr::{AttrName, Attribute};

/// How a line ended in the input ([RFC 8866 §5](https://www.rfc-editor.org/rfc/rfc8866#section-5):
/// CRLF, though parsers should accept a bare LF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineEnding {
    /// `\r\n`.
    #[default]
    CrLf,
    /// A bare `\n`.
    Lf,
    /// Nothing: the last line of an input that does not end with a line ending.
    None,
}

impl LineEnding {
    /// The bytes of the ending.
    #[inline]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CrLf => "\r\n",
            Self::Lf => "\n",
            Self::None => "",
        }
    }
}

/// The type of a line: its letter ([RFC 8866 §5](https://www.rfc-editor.org/rfc/rfc8866#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineKind {
    /// `v=` protocol version (§5.1).
    Version,
    /// `o=` origin (§5.2).
    Origin,
    /// `s=` session name (§5.3).
    SessionName,
    /// `i=` session or media title (§5.4).
    Information,
    /// `u=` URI (§5.5).
    Uri,
    /// `e=` email address (§5.6).
    Email,
    /// `p=` phone number (§5.6).
    Phone,
    /// `c=` connection data (§5.7).
    Connection,
    /// `b=` bandwidth (§5.8).
    Bandwidth,
    /// `t=` time active (§5.9).
    Timing,
    /// `r=` repeat times (§5.10).
    Repeat,
    /// `z=` time zone adjustments (§5.11).
    TimeZone,
    /// `k=` encryption key, obsolete (§5.12).
    Key,
    /// `a=` attribute (§5.13).
    Attribute,
    /// `m=` media description (§5.14).
    Media,
    /// A `<letter>=` line with a letter RFC 8866 does not define.
    Unknown(u8),
    /// Not a `<letter>=` line at all (empty, or junk kept for a lossless round trip).
    Malformed,
}

impl LineKind {
    /// The kind of a line whose first byte is `letter` and second is `=`.
    #[inline]
    pub fn from_letter(letter: u8) -> Self {
        match letter {
            b'v' => Self::Version,
            b'o' => Self::Origin,
            b's' => Self::SessionName,
            b'i' => Self::Information,
            b'u' => Self::Uri,
            b'e' => Self::Email,
            b'p' => Self::Phone,
            b'c' => Self::Connection,
            b'b' => Self::Bandwidth,
            b't' => Self::Timing,
            b'r' => Self::Repeat,
            b'z' => Self::TimeZone,
            b'k' => Self::Key,
            b'a' => Self::Attribute,
            b'm' => Self::Media,
            other => Self::Unknown(other),
        }
    }

    /// The type letter, or `None` for [`LineKind::Malformed`].
    #[inline]
    pub fn letter(self) -> Option<u8> {
        Some(match self {
            Self::Version => b'v',
            Self::Origin => b'o',
            Self::SessionName => b's',
            Self::Information => b'i',
            Self::Uri => b'u',
            Self::Email => b'e',
            Self::Phone => b'p',
            Self::Connection => b'c',
            Self::Bandwidth => b'b',
            Self::Timing => b't',
            Self::Repeat => b'r',
            Self::TimeZone => b'z',
            Self::Key => b'k',
            Self::Attribute => b'a',
            Self::Media => b'm',
            Self::Unknown(l) => l,
            Self::Malformed => return None,
        })
    }
}

/// One line of a session description, borrowed from the input: its text (without the
/// line ending), its ending, and what the parser learnt from its first bytes.
///
/// Every line of the input is kept, known or not, in order, so writing the lines back
/// (text then ending) reproduces the input byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Line<'a> {
    text: &'a str,
    /// Where the attribute name ends (`a=name:value`), from the start of the line.
    split: u32,
    kind: LineKind,
    attr: AttrName,
    ending: LineEnding,
}

impl<'a> Line<'a> {
    /// Classifies `text` (a line without its ending).
    #[inline(always)]
    pub fn new(text: &'a str, ending: LineEnding) -> Self {
        let b = text.as_bytes();
        let (kind, split, attr) = match b {
            [letter @ b'a'..=b'z', b'=', rest @ ..] => {
                let kind = LineKind::from_letter(*letter);
                if kind == LineKind::Attribute {
                    // The name ends at the first ':'; most names are eight bytes or
                    // shorter, so one word compare finds it (and the same word
                    // classifies the name).
                    let word = crate::attr::head_word(rest);
                    let colons = crate::attr::zero_bytes(word ^ 0x3a3a_3a3a_3a3a_3a3a);
                    let name_len = if colons != 0 {
                        (colons.trailing_zeros() / 8) as usize
                    } else {
                        match rest
                            .get(8..)
                            .and_then(|r| r.iter().position(|&c| c == b':'))
                        {
                            Some(at) => 8 + at,
                            // A property attribute: trailing whitespace is not its name.
                            None => trimmed_len(rest),
                        }
                    };
                    let attr = AttrName::classify_word(word, rest, name_len);
                    (kind, (2 + name_len) as u32, attr)
                } else {
                    (kind, b.len() as u32, AttrName::Other)
                }
            }
            _ => (LineKind::Malformed, 0, AttrName::Other),
        };
        Self {
            text,
            split,
            kind,
            attr,
            ending,
        }
    }

    /// The whole line, without its line ending.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How the line ended.
    #[inline]
    pub fn ending(&self) -> LineEnding {
        self.ending
    }

    /// The type of the line.
    #[inline]
    pub fn kind(&self) -> LineKind {
        self.kind
    }

    /// The text after `<type>=`, without trailing spaces or tabs (which real endpoints
    /// leave and [`Sdp::findings`](crate::Sdp::findings) reports); the whole text of a
    /// [`LineKind::Malformed`] line.
    #[inline]
    pub fn value(&self) -> &'a str {
        if self.kind == LineKind::Malformed {
            self.text
        } else {
            trim_end(self.text.get(2..).unwrap_or(""))
        }
    }

    /// The attribute of an `a=` line, split into name and value.
    #[inline]
    pub fn attribute(&self) -> Option<Attribute<'a>> {
        if self.kind != LineKind::Attribute {
            return None;
        }
        let split = self.split as usize;
        let name = self.text.get(2..split).unwrap_or("");
        let value = self.text.get(split + 1..).map(trim_end);
        Some(Attribute::from_parts(name, value, self.attr))
    }

    /// The attribute name known to this crate, without comparing strings again.
    #[inline]
    pub(crate) fn attr_name(&self) -> AttrName {
        if self.kind == LineKind::Attribute {
            self.attr
        } else {
            AttrName::Other
        }
    }

    /// The value of an `a=` line whose name is `name` (a known attribute), or `None`
    /// (also for a flag attribute without a value).
    #[inline]
    pub(crate) fn attr_value(&self, name: AttrName) -> Option<&'a str> {
        if self.kind == LineKind::Attribute && self.attr == name {
            self.text.get(self.split as usize + 1..).map(trim_end)
        } else {
            None
        }
    }

    /// The raw bytes after `a=name:` (untrimmed; empty without a colon).
    #[inline(always)]
    pub(crate) fn after_colon(&self) -> &'a [u8] {
        self.text
            .as_bytes()
            .get(self.split as usize + 1..)
            .unwrap_or(&[])
    }

    /// Bytes the line takes in the output, ending included.
    #[inline]
    pub fn encoded_len(&self) -> usize {
        self.text.len() + self.ending.as_str().len()
    }
}

/// `s` without trailing spaces and tabs.
#[inline]
fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(b' ' | b'\t') => s.trim_end_matches([' ', '\t']),
        _ => s,
    }
}

/// The length of `b` without trailing spaces and tabs.
#[inline]
fn trimmed_len(b: &[u8]) -> usize {
    b.iter()
        .rposition(|&c| c != b' ' && c != b'\t')
        .map_or(0, |p| p + 1)
}
