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
    #[inline]
    pub fn new(name: &'a str, value: Option<&'a str>) -> Self {
        Self {
            name,
            value,
            known: AttrName::from_name(name),
        }
    }

    #[inline]
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
    #[inline]
    pub fn has_valid_name(&self) -> bool {
        is_token(self.name)
    }

    #[inline]
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
#[inline]
pub(crate) fn required(value: Option<&str>) -> Result<&str, FieldError> {
    value.ok_or(FieldError {
        field: "value",
        offset: 0,
        kind: FieldErrorKind::Missing,
    })
}

/// Runs `f` over the required value and checks it consumed everything.
#[inline]
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
    /// Classifies a name: its length and first eight bytes (one integer compare),
    /// then the rest for longer names. Faster than a `match` on strings, which
    /// calls `memcmp` for each candidate of the right length.
    #[inline]
    pub(crate) fn from_name(name: &str) -> Self {
        Self::classify(name.as_bytes(), name.len())
    }

    /// Classifies the name that is the first `len` bytes of `b` (`b` may go on).
    #[inline]
    pub(crate) fn classify(b: &[u8], len: usize) -> Self {
        Self::classify_word(head_word(b), b, len)
    }

    /// Classifies the name that is the first `len` bytes of `b`, whose first eight
    /// bytes are `word` ([`head_word`]): the length and two words compared as integers.
    #[inline(always)]
    pub(crate) fn classify_word(word: u64, b: &[u8], len: usize) -> Self {
        let mask = |n: usize| {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        };
        let first = word & mask(len);
        let second = if len > 8 {
            head_word(b.get(8..).unwrap_or(&[])) & mask(len - 8)
        } else {
            0
        };
        const K_RTPMAP: (u64, u64) = (head("rtpmap"), second_word("rtpmap"));
        const K_FMTP: (u64, u64) = (head("fmtp"), second_word("fmtp"));
        const K_RTCP_FB: (u64, u64) = (head("rtcp-fb"), second_word("rtcp-fb"));
        const K_EXTMAP: (u64, u64) = (head("extmap"), second_word("extmap"));
        const K_EXTMAP_ALLOW_MIXED: (u64, u64) = (
            head("extmap-allow-mixed"),
            second_word("extmap-allow-mixed"),
        );
        const K_SSRC: (u64, u64) = (head("ssrc"), second_word("ssrc"));
        const K_SSRC_GROUP: (u64, u64) = (head("ssrc-group"), second_word("ssrc-group"));
        const K_MID: (u64, u64) = (head("mid"), second_word("mid"));
        const K_GROUP: (u64, u64) = (head("group"), second_word("group"));
        const K_MSID: (u64, u64) = (head("msid"), second_word("msid"));
        const K_MSID_SEMANTIC: (u64, u64) = (head("msid-semantic"), second_word("msid-semantic"));
        const K_RID: (u64, u64) = (head("rid"), second_word("rid"));
        const K_SIMULCAST: (u64, u64) = (head("simulcast"), second_word("simulcast"));
        const K_ICE_UFRAG: (u64, u64) = (head("ice-ufrag"), second_word("ice-ufrag"));
        const K_ICE_PWD: (u64, u64) = (head("ice-pwd"), second_word("ice-pwd"));
        const K_ICE_OPTIONS: (u64, u64) = (head("ice-options"), second_word("ice-options"));
        const K_ICE_LITE: (u64, u64) = (head("ice-lite"), second_word("ice-lite"));
        const K_CANDIDATE: (u64, u64) = (head("candidate"), second_word("candidate"));
        const K_END_OF_CANDIDATES: (u64, u64) =
            (head("end-of-candidates"), second_word("end-of-candidates"));
        const K_REMOTE_CANDIDATES: (u64, u64) =
            (head("remote-candidates"), second_word("remote-candidates"));
        const K_FINGERPRINT: (u64, u64) = (head("fingerprint"), second_word("fingerprint"));
        const K_SETUP: (u64, u64) = (head("setup"), second_word("setup"));
        const K_CONNECTION: (u64, u64) = (head("connection"), second_word("connection"));
        const K_TLS_ID: (u64, u64) = (head("tls-id"), second_word("tls-id"));
        const K_RTCP: (u64, u64) = (head("rtcp"), second_word("rtcp"));
        const K_RTCP_MUX: (u64, u64) = (head("rtcp-mux"), second_word("rtcp-mux"));
        const K_RTCP_MUX_ONLY: (u64, u64) = (head("rtcp-mux-only"), second_word("rtcp-mux-only"));
        const K_RTCP_RSIZE: (u64, u64) = (head("rtcp-rsize"), second_word("rtcp-rsize"));
        const K_SENDRECV: (u64, u64) = (head("sendrecv"), second_word("sendrecv"));
        const K_SENDONLY: (u64, u64) = (head("sendonly"), second_word("sendonly"));
        const K_RECVONLY: (u64, u64) = (head("recvonly"), second_word("recvonly"));
        const K_INACTIVE: (u64, u64) = (head("inactive"), second_word("inactive"));
        const K_SCTP_PORT: (u64, u64) = (head("sctp-port"), second_word("sctp-port"));
        const K_MAX_MESSAGE_SIZE: (u64, u64) =
            (head("max-message-size"), second_word("max-message-size"));
        const K_SCTPMAP: (u64, u64) = (head("sctpmap"), second_word("sctpmap"));
        const K_CRYPTO: (u64, u64) = (head("crypto"), second_word("crypto"));
        const K_PTIME: (u64, u64) = (head("ptime"), second_word("ptime"));
        const K_MAXPTIME: (u64, u64) = (head("maxptime"), second_word("maxptime"));
        const K_FRAMERATE: (u64, u64) = (head("framerate"), second_word("framerate"));
        const K_BUNDLE_ONLY: (u64, u64) = (head("bundle-only"), second_word("bundle-only"));
        const K_IDENTITY: (u64, u64) = (head("identity"), second_word("identity"));
        const K_LABEL: (u64, u64) = (head("label"), second_word("label"));
        const K_CONTENT: (u64, u64) = (head("content"), second_word("content"));
        let found = match len {
            3 => match (first, second) {
                K_MID => Self::Mid,
                K_RID => Self::Rid,
                _ => Self::Other,
            },
            4 => match (first, second) {
                K_FMTP => Self::Fmtp,
                K_SSRC => Self::Ssrc,
                K_MSID => Self::Msid,
                K_RTCP => Self::Rtcp,
                _ => Self::Other,
            },
            5 => match (first, second) {
                K_GROUP => Self::Group,
                K_SETUP => Self::Setup,
                K_PTIME => Self::Ptime,
                K_LABEL => Self::Label,
                _ => Self::Other,
            },
            6 => match (first, second) {
                K_RTPMAP => Self::Rtpmap,
                K_EXTMAP => Self::Extmap,
                K_TLS_ID => Self::TlsId,
                K_CRYPTO => Self::Crypto,
                _ => Self::Other,
            },
            7 => match (first, second) {
                K_RTCP_FB => Self::RtcpFb,
                K_ICE_PWD => Self::IcePwd,
                K_SCTPMAP => Self::Sctpmap,
                K_CONTENT => Self::Content,
                _ => Self::Other,
            },
            8 => match (first, second) {
                K_ICE_LITE => Self::IceLite,
                K_RTCP_MUX => Self::RtcpMux,
                K_SENDRECV => Self::SendRecv,
                K_SENDONLY => Self::SendOnly,
                K_RECVONLY => Self::RecvOnly,
                K_INACTIVE => Self::Inactive,
                K_MAXPTIME => Self::Maxptime,
                K_IDENTITY => Self::Identity,
                _ => Self::Other,
            },
            9 => match (first, second) {
                K_SIMULCAST => Self::Simulcast,
                K_ICE_UFRAG => Self::IceUfrag,
                K_CANDIDATE => Self::Candidate,
                K_SCTP_PORT => Self::SctpPort,
                K_FRAMERATE => Self::Framerate,
                _ => Self::Other,
            },
            10 => match (first, second) {
                K_SSRC_GROUP => Self::SsrcGroup,
                K_CONNECTION => Self::Connection,
                K_RTCP_RSIZE => Self::RtcpRsize,
                _ => Self::Other,
            },
            11 => match (first, second) {
                K_ICE_OPTIONS => Self::IceOptions,
                K_FINGERPRINT => Self::Fingerprint,
                K_BUNDLE_ONLY => Self::BundleOnly,
                _ => Self::Other,
            },
            13 => match (first, second) {
                K_MSID_SEMANTIC => Self::MsidSemantic,
                K_RTCP_MUX_ONLY => Self::RtcpMuxOnly,
                _ => Self::Other,
            },
            16 => match (first, second) {
                K_MAX_MESSAGE_SIZE => Self::MaxMessageSize,
                _ => Self::Other,
            },
            17 => match (first, second) {
                K_END_OF_CANDIDATES => Self::EndOfCandidates,
                K_REMOTE_CANDIDATES => Self::RemoteCandidates,
                _ => Self::Other,
            },
            18 => match (first, second) {
                K_EXTMAP_ALLOW_MIXED => Self::ExtmapAllowMixed,
                _ => Self::Other,
            },
            _ => Self::Other,
        };
        // Names longer than sixteen bytes: check the rest.
        if len > 16 && found != Self::Other && b.get(16..len) != Some(found.long_tail()) {
            return Self::Other;
        }
        found
    }

    /// Bytes 16 and on of the names longer than sixteen bytes.
    fn long_tail(self) -> &'static [u8] {
        match self {
            Self::ExtmapAllowMixed => b"ed",
            Self::EndOfCandidates | Self::RemoteCandidates => b"s",
            _ => b"",
        }
    }

    /// The direction a direction attribute gives.
    #[inline]
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

/// The first eight bytes of `b` (zero-padded), little-endian.
#[inline(always)]
const fn head_bytes(b: &[u8]) -> u64 {
    let mut h = 0u64;
    let mut i = 0;
    while i < b.len() && i < 8 {
        h |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    h
}

/// The first eight bytes of `b` (zero-padded), little-endian, with one load when
/// there are eight.
#[inline(always)]
pub(crate) fn head_word(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => head_bytes(b),
    }
}

/// The high bit of each byte of `x` that is zero, and nothing else.
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Bytes 8 to 15 of a name (zero-padded), little-endian, at compile time.
const fn second_word(name: &str) -> u64 {
    let b = name.as_bytes();
    let mut h = 0u64;
    let mut i = 8;
    while i < b.len() && i < 16 {
        h |= (b[i] as u64) << (8 * (i - 8));
        i += 1;
    }
    h
}

/// [`head_bytes`] of a name, at compile time.
const fn head(name: &str) -> u64 {
    head_bytes(name.as_bytes())
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn typed(name: &str, value: Option<&'static str>) -> Result<Attr<'static>, FieldError> {
        // Leak the name: the test strings are static anyway.
        let name: &'static str = alloc::boxed::Box::leak(name.into());
        Attribute::new(name, value).typed()
    }

    fn err(field: &'static str, offset: usize, kind: FieldErrorKind) -> FieldError {
        FieldError {
            field,
            offset,
            kind,
        }
    }

    #[test]
    fn rtpmap() {
        // RFC 8866 §6.6.
        let Ok(Attr::Rtpmap(m)) = typed("rtpmap", Some("98 L16/16000/2")) else {
            panic!()
        };
        assert_eq!(
            (m.payload_type, m.encoding, m.clock_rate, m.channels()),
            (98, "L16", 16000, Some(2))
        );
        assert_eq!(Rtpmap::parse(Some("96 VP8/90000")).unwrap().params, None);
        assert_eq!(
            Rtpmap::parse(Some("128 VP8/90000")),
            Err(err("payload type", 0, FieldErrorKind::OutOfRange))
        );
        assert_eq!(
            Rtpmap::parse(Some("96 VP8")),
            Err(err("clock rate", 6, FieldErrorKind::Missing))
        );
        assert_eq!(
            Rtpmap::parse(Some("96 VP8/x")),
            Err(err("clock rate", 7, FieldErrorKind::Invalid))
        );
        assert_eq!(
            Rtpmap::parse(None),
            Err(err("value", 0, FieldErrorKind::Missing))
        );
    }

    #[test]
    fn fmtp() {
        let f = Fmtp::parse(Some("97 apt=96;rtx-time=3000")).unwrap();
        assert_eq!(
            (f.format, f.payload_type(), f.apt()),
            ("97", Some(97), Some(96))
        );
        assert_eq!(
            f.params().collect::<alloc::vec::Vec<_>>(),
            [("apt", Some("96")), ("rtx-time", Some("3000"))]
        );
        let te = Fmtp::parse(Some("101 0-15")).unwrap();
        assert_eq!(te.params().next(), Some(("0-15", None)));
        let spaced = Fmtp::parse(Some("96 max-fs=3600; max-fr=30")).unwrap();
        assert_eq!(spaced.param("MAX-FR"), Some("30"));
    }

    #[test]
    fn rtcp_fb() {
        // RFC 4585 §4.2.
        let fb = RtcpFb::parse(Some("96 nack pli")).unwrap();
        assert_eq!(
            (fb.payload_type, fb.kind, fb.param),
            (FbPayloadType::Pt(96), "nack", Some("pli"))
        );
        let any = RtcpFb::parse(Some("* trr-int 100")).unwrap();
        assert!(any.payload_type.matches(3));
        assert_eq!(
            RtcpFb::parse(Some("96")),
            Err(err("rtcp-fb-val", 2, FieldErrorKind::Missing))
        );
    }

    #[test]
    fn extmap() {
        // RFC 8285 §8.
        let e = Extmap::parse(Some(
            "2/sendrecv http://example.com/082005/ext.htm#xmeta short",
        ))
        .unwrap();
        assert_eq!(
            (e.id, e.direction, e.uri, e.attributes),
            (
                2,
                Some(Direction::SendRecv),
                "http://example.com/082005/ext.htm#xmeta",
                Some("short")
            )
        );
        assert_eq!(
            Extmap::parse(Some("2/sideways urn:x")),
            Err(err("direction", 2, FieldErrorKind::Invalid))
        );
    }

    #[test]
    fn ssrc_and_groups() {
        // RFC 5576 §4.1, §4.2, §8.
        let s = Ssrc::parse(Some("314159 cname:user@example.com")).unwrap();
        assert_eq!(
            (s.ssrc, s.attribute, s.value),
            (314159, "cname", Some("user@example.com"))
        );
        let s = Ssrc::parse(Some("1 msid:stream track")).unwrap();
        assert_eq!(
            Msid::parse(s.value).unwrap(),
            Msid {
                stream: "stream",
                track: Some("track")
            }
        );
        let g = SsrcGroup::parse(Some("FID 314159 271828")).unwrap();
        assert_eq!(g.semantics, SsrcGroupSemantics::Fid);
        assert_eq!(g.ssrcs().collect::<alloc::vec::Vec<_>>(), [314159, 271828]);
        assert_eq!(
            SsrcGroup::parse(Some("FEC-FR 1 2")).unwrap().semantics,
            SsrcGroupSemantics::FecFr
        );
        assert_eq!(
            SsrcGroup::parse(Some("SIM 1 2 3")).unwrap().semantics,
            SsrcGroupSemantics::Sim
        );
        assert_eq!(
            SsrcGroup::parse(Some("X 1")).unwrap().semantics,
            SsrcGroupSemantics::Other("X")
        );
        assert_eq!(
            SsrcGroup::parse(Some("FID 1 x")),
            Err(err("ssrc-id", 6, FieldErrorKind::Invalid))
        );
        let b = Group::parse(Some("BUNDLE 0 1 data")).unwrap();
        assert_eq!(b.semantics, GroupSemantics::Bundle);
        assert!(b.contains("data") && !b.contains("2"));
        assert_eq!(
            Group::parse(Some("LS a v")).unwrap().semantics,
            GroupSemantics::Ls
        );
        let ms = MsidSemantic::parse(Some(" WMS stream1")).unwrap();
        assert_eq!((ms.semantic, ms.ids().next()), ("WMS", Some("stream1")));
    }

    #[test]
    fn rid_and_simulcast() {
        // RFC 8851 §10, RFC 8853 §5.1.
        let r = Rid::parse(Some(
            "5 send pt=99,102;max-br=64000;max-width=1280;max-height=720;max-fps=30",
        ))
        .unwrap();
        assert_eq!((r.id, r.direction), ("5", RidDirection::Send));
        assert_eq!(
            r.payload_types().collect::<alloc::vec::Vec<_>>(),
            ["99", "102"]
        );
        assert_eq!(r.restriction("max-width"), Some("1280"));
        assert_eq!(r.restrictions().count(), 4);
        assert_eq!(Rid::parse(Some("q recv")).unwrap().params_raw, None);
        assert_eq!(
            Rid::parse(Some("q both")),
            Err(err("rid-dir", 2, FieldErrorKind::Invalid))
        );
        let s = Simulcast::parse(Some("send 1;~4,2 recv c")).unwrap();
        let send: alloc::vec::Vec<alloc::vec::Vec<SimulcastAlternative<'_>>> = s
            .send
            .unwrap()
            .streams()
            .map(|st| st.alternatives().collect())
            .collect();
        assert_eq!(send.len(), 2);
        assert_eq!(
            send[1][0],
            SimulcastAlternative {
                rid: "4",
                paused: true
            }
        );
        assert_eq!(
            send[1][1],
            SimulcastAlternative {
                rid: "2",
                paused: false
            }
        );
        assert_eq!(s.recv.unwrap().streams().next().unwrap().first().rid, "c");
        let r = Simulcast::parse(Some("recv 1 send 2")).unwrap();
        assert!(r.send.is_some() && r.recv.is_some());
        assert_eq!(
            Simulcast::parse(Some("send 1 send 2")),
            Err(err("sc-dir", 7, FieldErrorKind::Invalid))
        );
    }

    #[test]
    fn candidates() {
        // RFC 8839 §5.1 and Appendix A.
        let c = Candidate::parse(Some(
            "2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998 generation 0 ufrag 8hhY network-id 1 network-cost 10",
        ))
        .unwrap();
        assert_eq!(
            (c.foundation, c.component, c.transport, c.priority),
            ("2", 1, "UDP", 1694498815)
        );
        assert_eq!(
            (c.address, c.port, c.kind),
            ("192.0.2.3", 45664, CandidateType::Srflx)
        );
        assert_eq!((c.raddr, c.rport), (Some("10.0.1.1"), Some(8998)));
        assert_eq!(
            (c.generation(), c.ufrag(), c.network_id(), c.network_cost()),
            (Some(0), Some("8hhY"), Some(1), Some(10))
        );
        let t = Candidate::parse(Some(
            "candidate:1 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active",
        ))
        .unwrap();
        assert_eq!(t.tcptype, Some(TcpType::Active));
        assert_eq!(t.extensions().next(), Some(("tcptype", "active")));
        let m = Candidate::parse(Some("1 1 udp 1 4b2c.local 5000 typ host")).unwrap();
        assert_eq!(m.address_kind(), AddressKind::Mdns);
        assert_eq!(AddressKind::of("example.com"), AddressKind::Fqdn);
        assert_eq!(
            Candidate::parse(Some("1 1 udp 1 192.0.2.1 5000 type host")),
            Err(err("cand-type", 25, FieldErrorKind::Invalid))
        );
        assert_eq!(
            Candidate::parse(Some("candidate:1 1 udp 1 192.0.2.1 99999 typ host")),
            Err(err("port", 30, FieldErrorKind::OutOfRange))
        );
        let rc = RemoteCandidates::parse(Some("1 192.0.2.3 45664 2 192.0.2.3 45665")).unwrap();
        assert_eq!(rc.candidates().count(), 2);
        assert_eq!(rc.candidates().nth(1).unwrap().port, 45665);
    }

    #[test]
    fn ice_credentials() {
        assert_eq!(IceUfrag::parse(Some("8hhY")).unwrap().0, "8hhY");
        assert_eq!(
            IceUfrag::parse(Some("8hh")),
            Err(err("ice-ufrag", 0, FieldErrorKind::OutOfRange))
        );
        assert_eq!(
            IcePwd::parse(Some("asd88fgpdd777uzjYhagZg"))
                .unwrap()
                .0
                .len(),
            22
        );
        assert_eq!(
            IcePwd::parse(Some("asd88fgpdd777uzjYhag-g")),
            Err(err("ice-pwd", 20, FieldErrorKind::Invalid))
        );
        assert!(IceOptions::parse(Some("trickle ice2")).unwrap().has("ice2"));
        assert!(matches!(typed("ice-lite", None), Ok(Attr::IceLite)));
        assert!(matches!(
            typed("end-of-candidates", None),
            Ok(Attr::EndOfCandidates)
        ));
    }

    #[test]
    fn dtls() {
        // RFC 8122 §5, RFC 4145.
        let f = Fingerprint::parse(Some(
            "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
        ))
        .unwrap();
        assert_eq!(f.hash_function(), HashFunction::Sha1);
        assert_eq!(f.bytes().as_slice().len(), 20);
        assert_eq!(f.bytes().as_slice()[0], 0x4a);
        assert_eq!(
            Fingerprint::parse(Some("sha-256 4A:AD:B")),
            Err(err("fingerprint", 8, FieldErrorKind::Invalid))
        );
        assert_eq!(Setup::parse(Some("actpass")), Ok(Setup::Actpass));
        assert_eq!(
            Setup::parse(Some("both")),
            Err(err("role", 0, FieldErrorKind::Invalid))
        );
        assert_eq!(ConnectionRole::parse(Some("new")), Ok(ConnectionRole::New));
        assert!(TlsId::parse(Some("abc")).is_err());
        assert!(TlsId::parse(Some("dGVzdCB0bHMtaWQgdmFsdWUK")).is_ok());
    }

    #[test]
    fn crypto() {
        // RFC 4568 §9.1 and §6.10's example.
        let c = Crypto::parse(Some(
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4",
        ))
        .unwrap();
        assert_eq!(
            (c.tag, c.suite, c.session_params),
            (1, "AES_CM_128_HMAC_SHA1_80", None)
        );
        let k = c.key_params().next().unwrap().inline().unwrap();
        assert_eq!(k.key_salt, "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assert_eq!(
            (k.lifetime, k.mki),
            (
                Some(Lifetime::PowerOfTwo(20)),
                Some(Mki {
                    value: "1",
                    length: 4
                })
            )
        );
        let plain = Crypto::parse(Some(
            "2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|1048576",
        ))
        .unwrap();
        let k = plain.key_params().next().unwrap().inline().unwrap();
        assert_eq!(
            (k.lifetime, k.mki),
            (Some(Lifetime::Packets(1_048_576)), None)
        );
        assert_eq!(
            Crypto::parse(Some("1 AES_CM_128_HMAC_SHA1_80 inline:|2^20")),
            Err(err("key-info", 26, FieldErrorKind::Invalid))
        );
        assert_eq!(
            Crypto::parse(Some("1234567890 X inline:abc")),
            Err(err("tag", 0, FieldErrorKind::OutOfRange))
        );
    }

    #[test]
    fn media_attributes() {
        assert!(matches!(
            typed("sendonly", None),
            Ok(Attr::Direction(Direction::SendOnly))
        ));
        assert!(matches!(
            typed("rtcp-mux", Some("x")),
            Err(FieldError {
                kind: FieldErrorKind::TrailingData,
                ..
            })
        ));
        assert_eq!(SctpPort::parse(Some("5000")), Ok(SctpPort(5000)));
        assert_eq!(
            MaxMessageSize::parse(Some("262144")),
            Ok(MaxMessageSize(262_144))
        );
        let m = Sctpmap::parse(Some("5000 webrtc-datachannel 1024")).unwrap();
        assert_eq!(
            (m.port, m.protocol, m.streams),
            (5000, "webrtc-datachannel", Some(1024))
        );
        let r =
            RtcpAttr::parse(Some("53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD")).unwrap();
        assert_eq!((r.port, r.address.unwrap().1), (53020, "IP6"));
        assert_eq!(Ptime::parse(Some("20")).unwrap().0.as_u32(), Some(20));
        assert_eq!(Framerate::parse(Some("29.97")).unwrap().0.as_f64(), 29.97);
        assert!(Maxptime::parse(Some("1.")).is_err());
        assert_eq!(Content::parse(Some("slides,sl")).unwrap().tags().count(), 2);
        assert_eq!(
            Content::parse(Some("main,")),
            Err(err("mediacnt-tag", 5, FieldErrorKind::Invalid))
        );
        let id = Identity::parse(Some("eyJpZHAiOnsiZG9tYWluIjoiZXhhbXBsZS5vcmcifX0= ext")).unwrap();
        assert_eq!(id.extensions, Some("ext"));
        assert!(matches!(typed("bundle-only", None), Ok(Attr::BundleOnly)));
        assert!(matches!(
            typed("label", Some("1")),
            Ok(Attr::Label(Label("1")))
        ));
        assert!(matches!(
            typed("x-google-flag", Some("conference")),
            Ok(Attr::Other(_))
        ));
        assert_eq!(
            Mid::parse(Some("a b")),
            Err(err("identification-tag", 0, FieldErrorKind::Invalid))
        );
    }
}

#[cfg(test)]
mod fast_path_props {
    //! The byte-scan fast paths accept exactly what the nom field parsers accept, with
    //! the same values, on every input they accept.
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;

    use super::*;
    use crate::fields::MediaLine;

    fn sdpish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[0-9]{1,4}",
                "[a-zA-Z*:/;=.~-]{1,3}",
                Just(" ".to_owned()),
                Just("\t".to_owned()),
                Just("é".to_owned()),
                prop::sample::select(vec![
                    "96",
                    "127",
                    "128",
                    "opus/48000/2",
                    "VP8/90000",
                    "nack pli",
                    "*",
                    "apt=96",
                    "urn:x",
                    "cname:a",
                    "audio 9 RTP/AVP 0 8",
                    "/"
                ])
                .prop_map(str::to_owned),
            ],
            0..8,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn fast_paths_agree(v in sdpish()) {
            if let Some(f) = Rtpmap::fast(&v) {
                prop_assert_eq!(Ok(f), Rtpmap::parse_fields(Some(&v)));
            }
            if let Some(f) = Fmtp::fast(&v) {
                prop_assert_eq!(Ok(f), Fmtp::parse_fields(Some(&v)));
            }
            if let Some(f) = RtcpFb::fast(&v) {
                prop_assert_eq!(Ok(f), RtcpFb::parse_fields(Some(&v)));
            }
            if let Some(f) = Extmap::fast(&v) {
                prop_assert_eq!(Ok(f), Extmap::parse_fields(Some(&v)));
            }
            if let Some(f) = Ssrc::fast(&v) {
                prop_assert_eq!(Ok(f), Ssrc::parse_fields(Some(&v)));
            }
            if let Some(f) = Group::fast(&v) {
                prop_assert_eq!(Ok(f), Group::parse_fields(Some(&v)));
            }
            if let Ok(f) = Fingerprint::parse(Some(&v)) {
                prop_assert_eq!(Ok(f), Fingerprint::parse_fields(Some(&v)));
            }
            let fmtp = Fmtp { format: "1", raw: &v };
            prop_assert_eq!(fmtp.params().count(), fmtp.params().fold(0, |n, _| n + 1));
            if let Some(f) = MediaLine::fast(&v) {
                prop_assert_eq!(Ok(f), MediaLine::parse_fields(&v));
            }
            // And the public parsers are the fast path when it applies.
            prop_assert_eq!(Rtpmap::parse(Some(&v)).ok(), Rtpmap::parse_fields(Some(&v)).ok());
            prop_assert_eq!(RtcpFb::parse(Some(&v)).ok(), RtcpFb::parse_fields(Some(&v)).ok());
            prop_assert_eq!(Fmtp::parse(Some(&v)).ok(), Fmtp::parse_fields(Some(&v)).ok());
            prop_assert_eq!(Extmap::parse(Some(&v)).ok(), Extmap::parse_fields(Some(&v)).ok());
            prop_assert_eq!(Ssrc::parse(Some(&v)).ok(), Ssrc::parse_fields(Some(&v)).ok());
            prop_assert_eq!(MediaLine::parse(&v).ok(), MediaLine::parse_fields(&v).ok());
        }
    }

    #[test]
    fn fast_paths_take_the_common_forms() {
        assert!(Rtpmap::fast("111 opus/48000/2").is_some());
        assert!(RtcpFb::fast("96 nack pli").is_some());
        assert!(RtcpFb::fast("* ccm fir").is_some());
        assert!(Fmtp::fast("97 apt=96").is_some());
        assert!(
            Extmap::fast(
                "3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
            )
            .is_some()
        );
        assert!(Ssrc::fast("1 cname:x").is_some());
        assert!(MediaLine::fast("video 9 UDP/TLS/RTP/SAVPF 96 97").is_some());
    }
}
