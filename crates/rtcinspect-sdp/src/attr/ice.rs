//! ICE attributes ([RFC 8839](https://www.rfc-editor.org/rfc/rfc8839)): credentials,
//! options, candidates.

use core::net::IpAddr;

use nom::bytes::complete::take_while1;

use super::{fields, required, typed_attribute};
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::{Fields, token, word};

/// RFC 8839 §5.1 `ice-char`.
fn is_ice_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
}

fn ice_chars(
    v: &str,
    field: &'static str,
    len: core::ops::RangeInclusive<usize>,
) -> Result<(), FieldError> {
    if let Some(bad) = v.bytes().position(|c| !is_ice_char(c)) {
        return Err(FieldError {
            field,
            offset: bad,
            kind: FieldErrorKind::Invalid,
        });
    }
    if !len.contains(&v.len()) {
        return Err(FieldError {
            field,
            offset: 0,
            kind: if v.is_empty() {
                FieldErrorKind::Missing
            } else {
                FieldErrorKind::OutOfRange
            },
        });
    }
    Ok(())
}

/// `a=ice-ufrag:<ufrag>` ([RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)):
/// 4 to 256 `ice-char`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IceUfrag<'a>(pub &'a str);

impl<'a> IceUfrag<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        let v = required(value)?;
        ice_chars(v, "ice-ufrag", 4..=256).map(|()| Self(v))
    }
}
typed_attribute!(IceUfrag, "ice-ufrag");

/// `a=ice-pwd:<password>` ([RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)):
/// 22 to 256 `ice-char`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IcePwd<'a>(pub &'a str);

impl<'a> IcePwd<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        let v = required(value)?;
        ice_chars(v, "ice-pwd", 22..=256).map(|()| Self(v))
    }
}
typed_attribute!(IcePwd, "ice-pwd");

/// `a=ice-options:<option> ...` ([RFC 8839 §5.6](https://www.rfc-editor.org/rfc/rfc8839#section-5.6)):
/// `trickle`, `ice2`, `renomination`...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IceOptions<'a>(pub &'a str);

impl<'a> IceOptions<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "ice-option-tag", |f| {
            let whole = f.rest();
            f.field("ice-option-tag", take_while1(is_ice_char))?;
            while f.eat(' ') {
                f.field("ice-option-tag", take_while1(is_ice_char))?;
            }
            Ok(Self(whole))
        })
    }

    /// The option tags.
    #[inline]
    pub fn options(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.0.split(' ')
    }

    /// Whether `option` is among them.
    #[inline]
    pub fn has(&self, option: &str) -> bool {
        self.options().any(|o| o == option)
    }
}
typed_attribute!(IceOptions, "ice-options");

/// The type of a candidate ([RFC 8839 §5.1](https://www.rfc-editor.org/rfc/rfc8839#section-5.1) `cand-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CandidateType<'a> {
    /// `host`.
    Host,
    /// `srflx`: server reflexive.
    Srflx,
    /// `prflx`: peer reflexive.
    Prflx,
    /// `relay`: relayed (TURN).
    Relay,
    /// An extension type.
    Other(&'a str),
}

impl<'a> CandidateType<'a> {
    /// The type named `s`.
    #[inline]
    pub fn from_name(s: &'a str) -> Self {
        match s {
            "host" => Self::Host,
            "srflx" => Self::Srflx,
            "prflx" => Self::Prflx,
            "relay" => Self::Relay,
            other => Self::Other(other),
        }
    }

    /// The name as written in SDP.
    #[inline]
    pub fn as_str(&self) -> &'a str {
        match self {
            Self::Host => "host",
            Self::Srflx => "srflx",
            Self::Prflx => "prflx",
            Self::Relay => "relay",
            Self::Other(s) => s,
        }
    }
}

/// The TCP candidate type ([RFC 6544 §4.5](https://www.rfc-editor.org/rfc/rfc6544#section-4.5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TcpType {
    /// `active`.
    Active,
    /// `passive`.
    Passive,
    /// `so`: simultaneous open.
    So,
}

/// What a candidate's connection address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address.
    Ipv6,
    /// An mDNS name ending in `.local`, hiding a host address
    /// (draft-ietf-mmusic-mdns-ice-candidates).
    Mdns,
    /// Another fully qualified domain name.
    Fqdn,
}

impl AddressKind {
    /// Classifies an address as written.
    #[inline]
    pub fn of(address: &str) -> Self {
        match address.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => Self::Ipv4,
            Ok(IpAddr::V6(_)) => Self::Ipv6,
            Err(_)
                if address
                    .len()
                    .checked_sub(6)
                    .and_then(|at| address.get(at..))
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(".local")) =>
            {
                Self::Mdns
            }
            Err(_) => Self::Fqdn,
        }
    }
}

/// `a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ
/// <type> [raddr <address>] [rport <port>] [<name> <value>]...`
/// ([RFC 8839 §5.1](https://www.rfc-editor.org/rfc/rfc8839#section-5.1)).
///
/// `tcptype` ([RFC 6544 §4.5](https://www.rfc-editor.org/rfc/rfc6544#section-4.5)) is
/// lifted out of the extensions; the others (`generation`, `ufrag`, `network-id`,
/// `network-cost`...) are read through [`Candidate::extension`] and friends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Candidate<'a> {
    /// Foundation: 1 to 32 `ice-char`s.
    pub foundation: &'a str,
    /// Component ID: 1 for RTP, 2 for RTCP.
    pub component: u16,
    /// Transport as written (`udp`, `UDP`, `tcp`); compare case-insensitively.
    pub transport: &'a str,
    /// Priority.
    pub priority: u32,
    /// Connection address: an IP address, or a name (mDNS `.local` or FQDN).
    pub address: &'a str,
    /// Port.
    pub port: u16,
    /// Candidate type.
    pub kind: CandidateType<'a>,
    /// Related address (`raddr`).
    pub raddr: Option<&'a str>,
    /// Related port (`rport`).
    pub rport: Option<u16>,
    /// TCP candidate type (`tcptype`).
    pub tcptype: Option<TcpType>,
    /// The extension name/value pairs after the related address and port, raw.
    pub extensions_raw: &'a str,
}

impl<'a> Candidate<'a> {
    /// Parses the value of `a=candidate`, or a candidate string as trickled by
    /// `RTCIceCandidate` (with a leading `candidate:`).
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        let v = required(value)?;
        let skip = if v.starts_with("candidate:") { 10 } else { 0 };
        let mut f = Fields::new(v.get(skip..).unwrap_or(""));
        Self::parse_fields(&mut f).map_err(|e| FieldError {
            offset: e.offset + skip,
            ..e
        })
    }

    fn parse_fields(f: &mut Fields<'a>) -> Result<Self, FieldError> {
        let foundation = f.field("foundation", take_while1(is_ice_char))?;
        if foundation.len() > 32 {
            return Err(FieldError {
                field: "foundation",
                offset: 0,
                kind: FieldErrorKind::OutOfRange,
            });
        }
        f.space("component-id")?;
        let component = f.number("component-id")?;
        f.space("transport")?;
        let transport = f.field("transport", token)?;
        f.space("priority")?;
        let priority = f.number("priority")?;
        f.space("connection-address")?;
        let address = f.field("connection-address", word)?;
        f.space("port")?;
        let port = f.number("port")?;
        f.space("cand-type")?;
        let typ_at = f.offset();
        if f.field("cand-type", word)? != "typ" {
            return Err(FieldError {
                field: "cand-type",
                offset: typ_at,
                kind: FieldErrorKind::Invalid,
            });
        }
        f.space("candidate-types")?;
        let kind = CandidateType::from_name(f.field("candidate-types", token)?);
        let mut raddr = None;
        let mut rport = None;
        let mut tcptype = None;
        let mut extensions_raw = "";
        let mut first_ext = true;
        while f.eat(' ') {
            let before = f.rest();
            let name = f.field("extension-att-name", token)?;
            f.space("extension-att-value")?;
            let value_at = f.offset();
            let value = f.field("extension-att-value", word)?;
            let bad = |field| FieldError {
                field,
                offset: value_at,
                kind: FieldErrorKind::Invalid,
            };
            match name {
                "raddr" if first_ext && raddr.is_none() => raddr = Some(value),
                "rport" if first_ext => {
                    rport = Some(value.parse().map_err(|_| bad("rel-port"))?);
                }
                _ => {
                    if first_ext {
                        first_ext = false;
                        extensions_raw = before;
                    }
                    if name == "tcptype" {
                        tcptype = Some(match value {
                            "active" => TcpType::Active,
                            "passive" => TcpType::Passive,
                            "so" => TcpType::So,
                            _ => return Err(bad("tcp-type")),
                        });
                    }
                }
            }
        }
        f.end("extension-att-value")?;
        Ok(Self {
            foundation,
            component,
            transport,
            priority,
            address,
            port,
            kind,
            raddr,
            rport,
            tcptype,
            extensions_raw,
        })
    }

    /// What the connection address is.
    #[inline]
    pub fn address_kind(&self) -> AddressKind {
        AddressKind::of(self.address)
    }

    /// The extension name/value pairs (including `tcptype`), in order.
    #[inline]
    pub fn extensions(&self) -> CandidateExtensions<'a> {
        CandidateExtensions {
            words: self.extensions_raw.split(' '),
        }
    }

    /// The value of extension `name`.
    #[inline]
    pub fn extension(&self, name: &str) -> Option<&'a str> {
        self.extensions().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// `generation` (libwebrtc): which ICE restart the candidate belongs to.
    #[inline]
    pub fn generation(&self) -> Option<u32> {
        self.extension("generation").and_then(|v| v.parse().ok())
    }

    /// `ufrag` (libwebrtc): the username fragment the candidate was gathered for.
    #[inline]
    pub fn ufrag(&self) -> Option<&'a str> {
        self.extension("ufrag")
    }

    /// `network-id` (libwebrtc).
    #[inline]
    pub fn network_id(&self) -> Option<u32> {
        self.extension("network-id").and_then(|v| v.parse().ok())
    }

    /// `network-cost` (libwebrtc): 10 for Ethernet, 50 for Wi-Fi, 900 for cellular...
    #[inline]
    pub fn network_cost(&self) -> Option<u32> {
        self.extension("network-cost").and_then(|v| v.parse().ok())
    }
}
typed_attribute!(Candidate, "candidate");

/// Iterator over the extension pairs of a [`Candidate`].
#[derive(Debug, Clone)]
pub struct CandidateExtensions<'a> {
    words: core::str::Split<'a, char>,
}

impl<'a> Iterator for CandidateExtensions<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let name = self.words.next().filter(|n| !n.is_empty())?;
        let value = self.words.next()?;
        Some((name, value))
    }
}

/// One entry of `a=remote-candidates`: component, address, port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RemoteCandidate<'a> {
    /// Component ID.
    pub component: u16,
    /// Connection address.
    pub address: &'a str,
    /// Port.
    pub port: u16,
}

/// `a=remote-candidates:<component> <address> <port> ...`
/// ([RFC 8839 §5.2](https://www.rfc-editor.org/rfc/rfc8839#section-5.2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RemoteCandidates<'a>(pub &'a str);

impl<'a> RemoteCandidates<'a> {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "rem-port", |f| {
            let whole = f.rest();
            loop {
                let _: u16 = f.number("component-id")?;
                f.space("connection-address")?;
                f.field("connection-address", word)?;
                f.space("port")?;
                let _: u16 = f.number("port")?;
                if !f.eat(' ') {
                    break;
                }
            }
            Ok(Self(whole))
        })
    }

    /// The remote candidates.
    #[inline]
    pub fn candidates(&self) -> impl Iterator<Item = RemoteCandidate<'a>> + use<'a> {
        let mut words = self.0.split(' ');
        core::iter::from_fn(move || {
            let component = words.next()?.parse().ok()?;
            let address = words.next()?;
            let port = words.next()?.parse().ok()?;
            Some(RemoteCandidate {
                component,
                address,
                port,
            })
        })
    }
}
typed_attribute!(RemoteCandidates, "remote-candidates");
