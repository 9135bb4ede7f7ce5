//! Media-level attributes with simple values: direction, identification, packet
//! times, SCTP, labels.

use nom::bytes::complete::take_till1;

use super::{fields, required, typed_attribute};
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::{Fields, is_token, word};

/// The media direction ([RFC 8866 §6.7](https://www.rfc-editor.org/rfc/rfc8866#section-6.7));
/// also the direction of an `a=extmap` (RFC 8285 §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// `sendrecv` (the default when none is given).
    #[default]
    SendRecv,
    /// `sendonly`.
    SendOnly,
    /// `recvonly`.
    RecvOnly,
    /// `inactive`.
    Inactive,
}

impl Direction {
    /// The direction named `s`.
    #[inline]
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "sendrecv" => Self::SendRecv,
            "sendonly" => Self::SendOnly,
            "recvonly" => Self::RecvOnly,
            "inactive" => Self::Inactive,
            _ => return None,
        })
    }

    /// The attribute name.
    #[inline]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SendRecv => "sendrecv",
            Self::SendOnly => "sendonly",
            Self::RecvOnly => "recvonly",
            Self::Inactive => "inactive",
        }
    }
}

/// Defines a newtype over a borrowed value whose grammar is checked by `$check`.
macro_rules! text_attribute {
    ($(#[$doc:meta])* $ty:ident, $name:literal, $field:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $ty<'a>(pub &'a str);

        impl<'a> $ty<'a> {
            /// Parses the value.
            #[inline]
            pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
                let v = required(value)?;
                let check: fn(&str) -> bool = $check;
                if check(v) {
                    Ok(Self(v))
                } else {
                    Err(FieldError {
                        field: $field,
                        offset: 0,
                        kind: FieldErrorKind::Invalid,
                    })
                }
            }
        }
        typed_attribute!($ty, $name);
    };
}

text_attribute!(
    /// `a=mid:<identification-tag>` ([RFC 5888 §4](https://www.rfc-editor.org/rfc/rfc5888#section-4),
    /// [RFC 9143](https://www.rfc-editor.org/rfc/rfc9143)).
    Mid, "mid", "identification-tag", is_token
);
text_attribute!(
    /// `a=tls-id:<id>` ([RFC 8842 §4](https://www.rfc-editor.org/rfc/rfc8842#section-4)):
    /// 20 to 255 characters of `ALPHA / DIGIT / "+" / "/" / "-" / "_"`.
    TlsId, "tls-id", "tls-id-value", |v| (20..=255).contains(&v.len())
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
);
text_attribute!(
    /// `a=label:<text>` ([RFC 4574 §4](https://www.rfc-editor.org/rfc/rfc4574#section-4));
    /// also what RTCDataChannel-era endpoints use for a channel label.
    Label, "label", "pointer", |v| !v.is_empty()
);

/// `a=content:<tag>[,<tag>...]` ([RFC 4796 §5](https://www.rfc-editor.org/rfc/rfc4796#section-5)):
/// `slides`, `speaker`, `sl`, `main`, `alt`, or extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Content<'a>(pub &'a str);

impl<'a> Content<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        let v = required(value)?;
        let mut offset = 0;
        for tag in v.split(',') {
            if !is_token(tag) {
                return Err(FieldError {
                    field: "mediacnt-tag",
                    offset,
                    kind: FieldErrorKind::Invalid,
                });
            }
            offset += tag.len() + 1;
        }
        Ok(Self(v))
    }

    /// The content tags.
    #[inline]
    pub fn tags(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.0.split(',')
    }
}
typed_attribute!(Content, "content");

/// `a=identity:<assertion> [<extensions>]`
/// ([RFC 8827 §5](https://www.rfc-editor.org/rfc/rfc8827#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Identity<'a> {
    /// The base64 identity assertion.
    pub assertion: &'a str,
    /// The extensions after it, raw.
    pub extensions: Option<&'a str>,
}

impl<'a> Identity<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "identity-extension", |f| {
            let assertion = f.field("identity-assertion", word)?;
            let extensions = if f.eat(' ') {
                Some(f.take_rest())
            } else {
                None
            };
            Ok(Self {
                assertion,
                extensions,
            })
        })
    }
}
typed_attribute!(Identity, "identity");

/// A decimal number as SDP writes packet times and frame rates: digits with an
/// optional fraction (`20`, `0.5`, `29.97`), kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal<'a>(pub &'a str);

impl<'a> Decimal<'a> {
    /// Checks the syntax: `1*DIGIT ["." 1*DIGIT]`.
    #[inline]
    pub fn parse_str(s: &'a str, field: &'static str) -> Result<Self, FieldError> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && frac.is_none_or(digits) {
            Ok(Self(s))
        } else {
            Err(FieldError {
                field,
                offset: 0,
                kind: FieldErrorKind::Invalid,
            })
        }
    }

    /// The value, as a floating-point number.
    #[inline]
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(0.0)
    }

    /// The value, if it is a whole number that fits a `u32`.
    #[inline]
    pub fn as_u32(&self) -> Option<u32> {
        self.0.parse().ok()
    }
}

macro_rules! decimal_attribute {
    ($(#[$doc:meta])* $ty:ident, $name:literal, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $ty<'a>(pub Decimal<'a>);

        impl<'a> $ty<'a> {
            /// Parses the value.
            #[inline]
            pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
                Decimal::parse_str(required(value)?, $field).map(Self)
            }
        }
        typed_attribute!($ty, $name);
    };
}

decimal_attribute!(
    /// `a=ptime:<milliseconds>` ([RFC 8866 §6.4](https://www.rfc-editor.org/rfc/rfc8866#section-6.4)).
    Ptime, "ptime", "packet time"
);
decimal_attribute!(
    /// `a=maxptime:<milliseconds>` ([RFC 8866 §6.5](https://www.rfc-editor.org/rfc/rfc8866#section-6.5)).
    Maxptime, "maxptime", "maximum packet time"
);
decimal_attribute!(
    /// `a=framerate:<frames per second>` ([RFC 8866 §6.8](https://www.rfc-editor.org/rfc/rfc8866#section-6.8)).
    Framerate, "framerate", "frame rate"
);

/// `a=sctp-port:<port>` ([RFC 8841 §5](https://www.rfc-editor.org/rfc/rfc8841#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SctpPort(pub u16);

impl SctpPort {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&str>) -> Result<Self, FieldError> {
        fields(value, "sctp-port", |f| f.number("sctp-port").map(Self))
    }
}
typed_attribute!(SctpPort, "sctp-port", owned);

/// `a=max-message-size:<bytes>` ([RFC 8841 §6](https://www.rfc-editor.org/rfc/rfc8841#section-6));
/// 0 means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MaxMessageSize(pub u64);

impl MaxMessageSize {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&str>) -> Result<Self, FieldError> {
        fields(value, "max-message-size", |f| {
            f.number("max-message-size").map(Self)
        })
    }
}
typed_attribute!(MaxMessageSize, "max-message-size", owned);

/// `a=sctpmap:<port> <protocol> [<streams>]` (legacy, draft-ietf-mmusic-sctp-sdp-05
/// §4.1, replaced by `a=sctp-port` in RFC 8841).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sctpmap<'a> {
    /// The SCTP port.
    pub port: u16,
    /// The application protocol (`webrtc-datachannel`).
    pub protocol: &'a str,
    /// The number of streams, if given.
    pub streams: Option<u32>,
}

impl<'a> Sctpmap<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "streams", |f: &mut Fields<'a>| {
            let port = f.number("sctpmap-number")?;
            f.space("app")?;
            let protocol = f.field("app", take_till1(|c| c == b' '))?;
            let streams = if f.eat(' ') {
                Some(f.number("streams")?)
            } else {
                None
            };
            Ok(Self {
                port,
                protocol,
                streams,
            })
        })
    }
}
typed_attribute!(Sctpmap, "sctpmap");
