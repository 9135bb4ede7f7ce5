//! Attributes (`a=` lines, [RFC 8866 §5.13](https://www.rfc-editor.org/rfc/rfc8866#section-5.13)
//! and §6), parsed on demand from the borrowed line.
//!
//! [`Attribute`] is the name and the raw value. [`Attribute::typed`] parses the value
//! of every attribute this crate knows into an [`Attr`]; a section's
//! [`typed`](crate::Section::typed) iterator yields one kind only, through the
//! [`TypedAttribute`] trait.
//!
//! ```
//! use rtcinspect_sdp::attr::{Attr, Attribute, Rtpmap, TypedAttribute};
//!
//! let a = Attribute::new("rtpmap", Some("111 opus/48000/2"));
//! let Ok(Attr::Rtpmap(map)) = a.typed() else { panic!() };
//! assert_eq!((map.payload_type, map.encoding, map.clock_rate), (111, "opus", 48000));
//! assert_eq!(map.channels(), Some(2));
//! // The same, by type:
//! assert_eq!(Rtpmap::parse_value(Some("111 opus/48000/2")), Ok(map));
//! ```

use core::fmt;

use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::{Fields, is_token};

mod ice;
mod media;
mod rtp;
mod security;
mod simulcast;

pub use ice::{
    AddressKind, Candidate, CandidateExtensions, CandidateType, IceOptions, IcePwd, IceUfrag,
    RemoteCandidate, RemoteCandidates, TcpType,
};
pub use media::{
    Content, Decimal, Direction, Framerate, Identity, Label, MaxMessageSize, Maxptime, Mid, Ptime,
    SctpPort, Sctpmap, TlsId,
};
pub use rtp::{
    Extmap, FbPayloadType, Fmtp, FmtpParams, Group, GroupSemantics, Msid, MsidSemantic, RtcpAttr,
    RtcpFb, Rtpmap, Ssrc, SsrcGroup, SsrcGroupSemantics, Words,
};
pub use security::{
    ConnectionRole, Crypto, Fingerprint, FingerprintBytes, HashFunction, InlineKey, KeyParam,
    KeyParams, Lifetime, Mki, Setup,
};
pub use simulcast::{
    Rid, RidDirection, RidParams, Simulcast, SimulcastAlternative, SimulcastList, SimulcastStream,
};

/// An attribute: `a=<name>` or `a=<name>:<value>`, borrowed from its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Attribute<'a> {
    /// The name, before the first `:`.
    pub name: &'a str,
    /// The value after the first `:`, or `None` for a property attribute (`a=rtcp-mux`).
    pub value: Option<&'a str>,
    known: AttrName,
}

impl<'a> Attribute<'a> {
    /// An attribute from its name and value.
    pub fn new(name: &'a str, value: Option<&'a str>) -> Self {
        Self {
            name,
            value,
            known: AttrName::from_name(name),
        }
    }

    pub(crate) fn from_parts(name: &'a str, value: Option<&'a str>, known: AttrName) -> Self {
        Self { name, value, known }
    }

    /// Parses the value of an attribute this crate knows; any other is
    /// [`Attr::Other`]. Names are compared exactly, as RFC 8866 §9 `att-field` is
    /// case-sensitive in practice (every registered name is lower case).
    pub fn typed(&self) -> Result<Attr<'a>, FieldError> {
        let v = self.value;
        Ok(match self.known {
            AttrName::Rtpmap => Attr::Rtpmap(Rtpmap::parse_value(v)?),
            AttrName::Fmtp => Attr::Fmtp(Fmtp::parse_value(v)?),
            AttrName::RtcpFb => Attr::RtcpFb(RtcpFb::parse_value(v)?),
            AttrName::Extmap => Attr::Extmap(Extmap::parse_value(v)?),
            AttrName::ExtmapAllowMixed => flag(v, Attr::ExtmapAllowMixed)?,
            AttrName::Ssrc => Attr::Ssrc(Ssrc::parse_value(v)?),
            AttrName::SsrcGroup => Attr::SsrcGroup(SsrcGroup::parse_value(v)?),
            AttrName::Mid => Attr::Mid(Mid::parse_value(v)?),
            AttrName::Group => Attr::Group(Group::parse_value(v)?),
            AttrName::Msid => Attr::Msid(Msid::parse_value(v)?),
            AttrName::MsidSemantic => Attr::MsidSemantic(MsidSemantic::parse_value(v)?),
            AttrName::Rid => Attr::Rid(Rid::parse_value(v)?),
            AttrName::Simulcast => Attr::Simulcast(Simulcast::parse_value(v)?),
            AttrName::IceUfrag => Attr::IceUfrag(IceUfrag::parse_value(v)?),
            AttrName::IcePwd => Attr::IcePwd(IcePwd::parse_value(v)?),
            AttrName::IceOptions => Attr::IceOptions(IceOptions::parse_value(v)?),
            AttrName::IceLite => flag(v, Attr::IceLite)?,
            AttrName::Candidate => Attr::Candidate(Candidate::parse_value(v)?),
            AttrName::EndOfCandidates => flag(v, Attr::EndOfCandidates)?,
            AttrName::RemoteCandidates => Attr::RemoteCandidates(RemoteCandidates::parse_value(v)?),
            AttrName::Fingerprint => Attr::Fingerprint(Fingerprint::parse_value(v)?),
            AttrName::Setup => Attr::Setup(Setup::parse_value(v)?),
            AttrName::Connection => Attr::Connection(ConnectionRole::parse_value(v)?),
            AttrName::TlsId => Attr::TlsId(TlsId::parse_value(v)?),
            AttrName::Rtcp => Attr::Rtcp(RtcpAttr::parse_value(v)?),
            AttrName::RtcpMux => flag(v, Attr::RtcpMux)?,
            AttrName::RtcpMuxOnly => flag(v, Attr::RtcpMuxOnly)?,
            AttrName::RtcpRsize => flag(v, Attr::RtcpRsize)?,
            AttrName::SendRecv => flag(v, Attr::Direction(Direction::SendRecv))?,
            AttrName::SendOnly => flag(v, Attr::Direction(Direction::SendOnly))?,
            AttrName::RecvOnly => flag(v, Attr::Direction(Direction::RecvOnly))?,
            AttrName::Inactive => flag(v, Attr::Direction(Direction::Inactive))?,
            AttrName::SctpPort => Attr::SctpPort(SctpPort::parse_value(v)?),
            AttrName::MaxMessageSize => Attr::MaxMessageSize(MaxMessageSize::parse_value(v)?),
            AttrName::Sctpmap => Attr::Sctpmap(Sctpmap::parse_value(v)?),
            AttrName::Crypto => Attr::Crypto(Crypto::parse_value(v)?),
            AttrName::Ptime => Attr::Ptime(Ptime::parse_value(v)?),
            AttrName::Maxptime => Attr::Maxptime(Maxptime::parse_value(v)?),
            AttrName::Framerate => Attr::Framerate(Framerate::parse_value(v)?),
            AttrName::BundleOnly => flag(v, Attr::BundleOnly)?,
            AttrName::Identity => Attr::Identity(Identity::parse_value(v)?),
            AttrName::Label => Attr::Label(Label::parse_value(v)?),
            AttrName::Content => Attr::Content(Content::parse_value(v)?),
            AttrName::Other => Attr::Other(*self),
        })
    }

    /// Whether the name is an RFC 8866 `token` (§9 `att-field`).
    pub fn has_valid_name(&self) -> bool {
        is_token(self.name)
    }

    pub(crate) fn known(&self) -> AttrName {
        self.known
    }
}

impl fmt::Display for Attribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Some(v) => write!(f, "a={}:{v}", self.name),
            None => write!(f, "a={}", self.name),
        }
    }
}

/// A property attribute: no value allowed.
fn flag<'a>(value: Option<&str>, attr: Attr<'a>) -> Result<Attr<'a>, FieldError> {
    match value {
        None => Ok(attr),
        Some(_) => Err(FieldError {
            field: "value",
            offset: 0,
            kind: FieldErrorKind::TrailingData,
        }),
    }
}

/// An attribute whose value this crate parses: the name and the value's grammar.
pub trait TypedAttribute<'a>: Sized {
    /// The attribute name (`"rtpmap"`).
    const NAME: &'static str;

    /// Parses the value (the text after `a=<name>:`; `None` when there is no `:`).
    fn parse_value(value: Option<&'a str>) -> Result<Self, FieldError>;
}

/// Fails with a missing `value` field unless there is a value.
pub(crate) fn required(value: Option<&str>) -> Result<&str, FieldError> {
    value.ok_or(FieldError {
        field: "value",
        offset: 0,
        kind: FieldErrorKind::Missing,
    })
}

/// Runs `f` over the required value and checks it consumed everything.
pub(crate) fn fields<'a, T>(
    value: Option<&'a str>,
    last: &'static str,
    f: impl FnOnce(&mut Fields<'a>) -> Result<T, FieldError>,
) -> Result<T, FieldError> {
    let mut fields = Fields::new(required(value)?);
    let out = f(&mut fields)?;
    fields.end(last)?;
    Ok(out)
}

/// Every attribute this crate parses, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Attr<'a> {
    /// `a=rtpmap` ([RFC 8866 §6.6](https://www.rfc-editor.org/rfc/rfc8866#section-6.6)).
    Rtpmap(Rtpmap<'a>),
    /// `a=fmtp` ([RFC 8866 §6.15](https://www.rfc-editor.org/rfc/rfc8866#section-6.15)).
    Fmtp(Fmtp<'a>),
    /// `a=rtcp-fb` ([RFC 4585 §4.2](https://www.rfc-editor.org/rfc/rfc4585#section-4.2)).
    RtcpFb(RtcpFb<'a>),
    /// `a=extmap` ([RFC 8285 §8](https://www.rfc-editor.org/rfc/rfc8285#section-8)).
    Extmap(Extmap<'a>),
    /// `a=extmap-allow-mixed` ([RFC 8285 §6](https://www.rfc-editor.org/rfc/rfc8285#section-6)).
    ExtmapAllowMixed,
    /// `a=ssrc` ([RFC 5576 §4.1](https://www.rfc-editor.org/rfc/rfc5576#section-4.1)).
    Ssrc(Ssrc<'a>),
    /// `a=ssrc-group` ([RFC 5576 §4.2](https://www.rfc-editor.org/rfc/rfc5576#section-4.2)).
    SsrcGroup(SsrcGroup<'a>),
    /// `a=mid` ([RFC 5888 §4](https://www.rfc-editor.org/rfc/rfc5888#section-4)).
    Mid(Mid<'a>),
    /// `a=group` ([RFC 5888 §5](https://www.rfc-editor.org/rfc/rfc5888#section-5)).
    Group(Group<'a>),
    /// `a=msid` ([RFC 8830 §2](https://www.rfc-editor.org/rfc/rfc8830#section-2)).
    Msid(Msid<'a>),
    /// `a=msid-semantic` (legacy, draft-ietf-mmusic-msid before RFC 8830).
    MsidSemantic(MsidSemantic<'a>),
    /// `a=rid` ([RFC 8851 §10](https://www.rfc-editor.org/rfc/rfc8851#section-10)).
    Rid(Rid<'a>),
    /// `a=simulcast` ([RFC 8853 §5.1](https://www.rfc-editor.org/rfc/rfc8853#section-5.1)).
    Simulcast(Simulcast<'a>),
    /// `a=ice-ufrag` ([RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)).
    IceUfrag(IceUfrag<'a>),
    /// `a=ice-pwd` ([RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)).
    IcePwd(IcePwd<'a>),
    /// `a=ice-options` ([RFC 8839 §5.6](https://www.rfc-editor.org/rfc/rfc8839#section-5.6)).
    IceOptions(IceOptions<'a>),
    /// `a=ice-lite` ([RFC 8839 §5.3](https://www.rfc-editor.org/rfc/rfc8839#section-5.3)).
    IceLite,
    /// `a=candidate` ([RFC 8839 §5.1](https://www.rfc-editor.org/rfc/rfc8839#section-5.1)).
    Candidate(Candidate<'a>),
    /// `a=end-of-candidates` ([RFC 8840 §8.2](https://www.rfc-editor.org/rfc/rfc8840#section-8.2)).
    EndOfCandidates,
    /// `a=remote-candidates` ([RFC 8839 §5.2](https://www.rfc-editor.org/rfc/rfc8839#section-5.2)).
    RemoteCandidates(RemoteCandidates<'a>),
    /// `a=fingerprint` ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5)).
    Fingerprint(Fingerprint<'a>),
    /// `a=setup` ([RFC 4145 §4](https://www.rfc-editor.org/rfc/rfc4145#section-4)).
    Setup(Setup),
    /// `a=connection` ([RFC 4145 §5](https://www.rfc-editor.org/rfc/rfc4145#section-5)).
    Connection(ConnectionRole),
    /// `a=tls-id` ([RFC 8842 §4](https://www.rfc-editor.org/rfc/rfc8842#section-4)).
    TlsId(TlsId<'a>),
    /// `a=rtcp` ([RFC 3605 §2.1](https://www.rfc-editor.org/rfc/rfc3605#section-2.1)).
    Rtcp(RtcpAttr<'a>),
    /// `a=rtcp-mux` ([RFC 5761 §5.1.1](https://www.rfc-editor.org/rfc/rfc5761#section-5.1.1)).
    RtcpMux,
    /// `a=rtcp-mux-only` ([RFC 8858 §3](https://www.rfc-editor.org/rfc/rfc8858#section-3)).
    RtcpMuxOnly,
    /// `a=rtcp-rsize` ([RFC 5506 §5](https://www.rfc-editor.org/rfc/rfc5506#section-5)).
    RtcpRsize,
    /// `a=sendrecv`, `a=sendonly`, `a=recvonly`, `a=inactive`
    /// ([RFC 8866 §6.7](https://www.rfc-editor.org/rfc/rfc8866#section-6.7)).
    Direction(Direction),
    /// `a=sctp-port` ([RFC 8841 §5](https://www.rfc-editor.org/rfc/rfc8841#section-5)).
    SctpPort(SctpPort),
    /// `a=max-message-size` ([RFC 8841 §6](https://www.rfc-editor.org/rfc/rfc8841#section-6)).
    MaxMessageSize(MaxMessageSize),
    /// `a=sctpmap` (legacy, draft-ietf-mmusic-sctp-sdp-05 §4.1).
    Sctpmap(Sctpmap<'a>),
    /// `a=crypto` ([RFC 4568 §9.1](https://www.rfc-editor.org/rfc/rfc4568#section-9.1)).
    Crypto(Crypto<'a>),
    /// `a=ptime` ([RFC 8866 §6.4](https://www.rfc-editor.org/rfc/rfc8866#section-6.4)).
    Ptime(Ptime<'a>),
    /// `a=maxptime` ([RFC 8866 §6.5](https://www.rfc-editor.org/rfc/rfc8866#section-6.5)).
    Maxptime(Maxptime<'a>),
    /// `a=framerate` ([RFC 8866 §6.8](https://www.rfc-editor.org/rfc/rfc8866#section-6.8)).
    Framerate(Framerate<'a>),
    /// `a=bundle-only` ([RFC 9143 §6](https://www.rfc-editor.org/rfc/rfc9143#section-6)).
    BundleOnly,
    /// `a=identity` ([RFC 8827 §5](https://www.rfc-editor.org/rfc/rfc8827#section-5)).
    Identity(Identity<'a>),
    /// `a=label` ([RFC 4574 §4](https://www.rfc-editor.org/rfc/rfc4574#section-4)).
    Label(Label<'a>),
    /// `a=content` ([RFC 4796 §5](https://www.rfc-editor.org/rfc/rfc4796#section-5)).
    Content(Content<'a>),
    /// Any other attribute, unparsed.
    Other(Attribute<'a>),
}

/// The attribute names this crate knows, classified once when a line is read so that
/// lookups compare a byte instead of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum AttrName {
    Rtpmap,
    Fmtp,
    RtcpFb,
    Extmap,
    ExtmapAllowMixed,
    Ssrc,
    SsrcGroup,
    Mid,
    Group,
    Msid,
    MsidSemantic,
    Rid,
    Simulcast,
    IceUfrag,
    IcePwd,
    IceOptions,
    IceLite,
    Candidate,
    EndOfCandidates,
    RemoteCandidates,
    Fingerprint,
    Setup,
    Connection,
    TlsId,
    Rtcp,
    RtcpMux,
    RtcpMuxOnly,
    RtcpRsize,
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
    SctpPort,
    MaxMessageSize,
    Sctpmap,
    Crypto,
    Ptime,
    Maxptime,
    Framerate,
    BundleOnly,
    Identity,
    Label,
    Content,
    Other,
}

impl AttrName {
    #[inline]
    pub(crate) fn from_name(name: &str) -> Self {
        match name {
            "rtpmap" => Self::Rtpmap,
            "fmtp" => Self::Fmtp,
            "rtcp-fb" => Self::RtcpFb,
            "extmap" => Self::Extmap,
            "extmap-allow-mixed" => Self::ExtmapAllowMixed,
            "ssrc" => Self::Ssrc,
            "ssrc-group" => Self::SsrcGroup,
            "mid" => Self::Mid,
            "group" => Self::Group,
            "msid" => Self::Msid,
            "msid-semantic" => Self::MsidSemantic,
            "rid" => Self::Rid,
            "simulcast" => Self::Simulcast,
            "ice-ufrag" => Self::IceUfrag,
            "ice-pwd" => Self::IcePwd,
            "ice-options" => Self::IceOptions,
            "ice-lite" => Self::IceLite,
            "candidate" => Self::Candidate,
            "end-of-candidates" => Self::EndOfCandidates,
            "remote-candidates" => Self::RemoteCandidates,
            "fingerprint" => Self::Fingerprint,
            "setup" => Self::Setup,
            "connection" => Self::Connection,
            "tls-id" => Self::TlsId,
            "rtcp" => Self::Rtcp,
            "rtcp-mux" => Self::RtcpMux,
            "rtcp-mux-only" => Self::RtcpMuxOnly,
            "rtcp-rsize" => Self::RtcpRsize,
            "sendrecv" => Self::SendRecv,
            "sendonly" => Self::SendOnly,
            "recvonly" => Self::RecvOnly,
            "inactive" => Self::Inactive,
            "sctp-port" => Self::SctpPort,
            "max-message-size" => Self::MaxMessageSize,
            "sctpmap" => Self::Sctpmap,
            "crypto" => Self::Crypto,
            "ptime" => Self::Ptime,
            "maxptime" => Self::Maxptime,
            "framerate" => Self::Framerate,
            "bundle-only" => Self::BundleOnly,
            "identity" => Self::Identity,
            "label" => Self::Label,
            "content" => Self::Content,
            _ => Self::Other,
        }
    }

    /// The direction a direction attribute gives.
    pub(crate) fn direction(self) -> Option<Direction> {
        Some(match self {
            Self::SendRecv => Direction::SendRecv,
            Self::SendOnly => Direction::SendOnly,
            Self::RecvOnly => Direction::RecvOnly,
            Self::Inactive => Direction::Inactive,
            _ => return None,
        })
    }
}

/// Implements [`TypedAttribute`] for a type with a `parse(value)` function.
macro_rules! typed_attribute {
    ($ty:ident, $name:literal) => {
        impl<'a> $crate::attr::TypedAttribute<'a> for $ty<'a> {
            const NAME: &'static str = $name;
            fn parse_value(value: Option<&'a str>) -> Result<Self, $crate::FieldError> {
                Self::parse(value)
            }
        }
    };
    ($ty:ident, $name:literal, owned) => {
        impl<'a> $crate::attr::TypedAttribute<'a> for $ty {
            const NAME: &'static str = $name;
            fn parse_value(value: Option<&'a str>) -> Result<Self, $crate::FieldError> {
                Self::parse(value)
            }
        }
    };
}
pub(crate) use typed_attribute;
