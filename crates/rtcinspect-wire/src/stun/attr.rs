//! Attribute types and typed attribute values.

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::{RawAttribute, StunError};
use crate::bytes::{self, EmitError, Writer};
use crate::entries::{Entries, FixedEntry};

/// Longest USERNAME accepted, in bytes: "less than 513 bytes"
/// ([RFC 5389 §15.3](https://www.rfc-editor.org/rfc/rfc5389#section-15.3); RFC 8489
/// §14.3 asks senders for fewer than 509).
pub(crate) const MAX_USERNAME: usize = 512;
/// Longest REALM, NONCE, SOFTWARE or reason phrase accepted, in bytes: 127 characters
/// "can be as long as 763 bytes" (RFC 8489 §14.8, §14.9, §14.10, §14.14).
pub(crate) const MAX_TEXT: usize = 763;
/// Longest ALTERNATE-DOMAIN accepted, in bytes (RFC 8489 §14.16: "255 or fewer ASCII
/// characters").
pub(crate) const MAX_DOMAIN: usize = 255;

macro_rules! attribute_types {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal; )*) => {
        /// An attribute type ([IANA "STUN Attributes"](https://www.iana.org/assignments/stun-parameters/stun-parameters.xhtml#stun-parameters-4)).
        ///
        /// Types 0x0000–0x7FFF are comprehension-required, 0x8000–0xFFFF
        /// comprehension-optional ([RFC 8489 §14](https://www.rfc-editor.org/rfc/rfc8489#section-14)).
        /// [`AttributeType::from_code`] never yields `Other` for a type that has a
        /// variant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum AttributeType {
            $( $(#[$doc])* $variant, )*
            /// Any other type.
            Other(u16),
        }

        /// The code of each type, for matching on the number without building the enum.
        #[allow(non_upper_case_globals, dead_code)]
        pub(crate) mod codes {
            $( pub(crate) const $variant: u16 = $code; )*
        }

        impl AttributeType {
            /// The type with code `code`.
            #[inline]
            pub const fn from_code(code: u16) -> Self {
                match code {
                    $( $code => Self::$variant, )*
                    other => Self::Other(other),
                }
            }

            /// The 16-bit code.
            #[inline]
            pub const fn code(self) -> u16 {
                match self {
                    $( Self::$variant => $code, )*
                    Self::Other(code) => code,
                }
            }

            /// The name the registry (or, for unregistered types, the sender) gives
            /// the type, such as `"XOR-MAPPED-ADDRESS"`.
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $( Self::$variant => Some($name), )*
                    Self::Other(_) => None,
                }
            }
        }
    };
}

attribute_types! {
    /// MAPPED-ADDRESS, 0x0001 ([RFC 8489 §14.1](https://www.rfc-editor.org/rfc/rfc8489#section-14.1)).
    MappedAddress = 0x0001, "MAPPED-ADDRESS";
    /// RESPONSE-ADDRESS, 0x0002 (RFC 3489 §11.2.2; reserved since RFC 5389).
    ResponseAddress = 0x0002, "RESPONSE-ADDRESS";
    /// CHANGE-REQUEST, 0x0003 ([RFC 5780 §7.2](https://www.rfc-editor.org/rfc/rfc5780#section-7.2)).
    ChangeRequest = 0x0003, "CHANGE-REQUEST";
    /// SOURCE-ADDRESS, 0x0004 (RFC 3489 §11.2.5; reserved since RFC 5389).
    SourceAddress = 0x0004, "SOURCE-ADDRESS";
    /// CHANGED-ADDRESS, 0x0005 (RFC 3489 §11.2.3; reserved since RFC 5389).
    ChangedAddress = 0x0005, "CHANGED-ADDRESS";
    /// USERNAME, 0x0006 ([RFC 8489 §14.3](https://www.rfc-editor.org/rfc/rfc8489#section-14.3)).
    Username = 0x0006, "USERNAME";
    /// PASSWORD, 0x0007 (RFC 3489 §11.2.7; reserved since RFC 5389).
    Password = 0x0007, "PASSWORD";
    /// MESSAGE-INTEGRITY, 0x0008 ([RFC 8489 §14.5](https://www.rfc-editor.org/rfc/rfc8489#section-14.5)).
    MessageIntegrity = 0x0008, "MESSAGE-INTEGRITY";
    /// ERROR-CODE, 0x0009 ([RFC 8489 §14.8](https://www.rfc-editor.org/rfc/rfc8489#section-14.8)).
    ErrorCode = 0x0009, "ERROR-CODE";
    /// UNKNOWN-ATTRIBUTES, 0x000A ([RFC 8489 §14.13](https://www.rfc-editor.org/rfc/rfc8489#section-14.13)).
    UnknownAttributes = 0x000a, "UNKNOWN-ATTRIBUTES";
    /// REFLECTED-FROM, 0x000B (RFC 3489 §11.2.11; reserved since RFC 5389).
    ReflectedFrom = 0x000b, "REFLECTED-FROM";
    /// CHANNEL-NUMBER, 0x000C ([RFC 8656 §18.1](https://www.rfc-editor.org/rfc/rfc8656#section-18.1)).
    ChannelNumber = 0x000c, "CHANNEL-NUMBER";
    /// LIFETIME, 0x000D ([RFC 8656 §18.2](https://www.rfc-editor.org/rfc/rfc8656#section-18.2)).
    Lifetime = 0x000d, "LIFETIME";
    /// BANDWIDTH, 0x0010 (TURN drafts; reserved).
    Bandwidth = 0x0010, "BANDWIDTH";
    /// XOR-PEER-ADDRESS, 0x0012 ([RFC 8656 §18.3](https://www.rfc-editor.org/rfc/rfc8656#section-18.3)).
    XorPeerAddress = 0x0012, "XOR-PEER-ADDRESS";
    /// DATA, 0x0013 ([RFC 8656 §18.4](https://www.rfc-editor.org/rfc/rfc8656#section-18.4)).
    Data = 0x0013, "DATA";
    /// REALM, 0x0014 ([RFC 8489 §14.9](https://www.rfc-editor.org/rfc/rfc8489#section-14.9)).
    Realm = 0x0014, "REALM";
    /// NONCE, 0x0015 ([RFC 8489 §14.10](https://www.rfc-editor.org/rfc/rfc8489#section-14.10)).
    Nonce = 0x0015, "NONCE";
    /// XOR-RELAYED-ADDRESS, 0x0016 ([RFC 8656 §18.5](https://www.rfc-editor.org/rfc/rfc8656#section-18.5)).
    XorRelayedAddress = 0x0016, "XOR-RELAYED-ADDRESS";
    /// REQUESTED-ADDRESS-FAMILY, 0x0017 ([RFC 8656 §18.6](https://www.rfc-editor.org/rfc/rfc8656#section-18.6)).
    RequestedAddressFamily = 0x0017, "REQUESTED-ADDRESS-FAMILY";
    /// EVEN-PORT, 0x0018 ([RFC 8656 §18.7](https://www.rfc-editor.org/rfc/rfc8656#section-18.7)).
    EvenPort = 0x0018, "EVEN-PORT";
    /// REQUESTED-TRANSPORT, 0x0019 ([RFC 8656 §18.8](https://www.rfc-editor.org/rfc/rfc8656#section-18.8)).
    RequestedTransport = 0x0019, "REQUESTED-TRANSPORT";
    /// DONT-FRAGMENT, 0x001A ([RFC 8656 §18.9](https://www.rfc-editor.org/rfc/rfc8656#section-18.9)).
    DontFragment = 0x001a, "DONT-FRAGMENT";
    /// ACCESS-TOKEN, 0x001B ([RFC 7635 §6.2](https://www.rfc-editor.org/rfc/rfc7635#section-6.2)).
    AccessToken = 0x001b, "ACCESS-TOKEN";
    /// MESSAGE-INTEGRITY-SHA256, 0x001C ([RFC 8489 §14.6](https://www.rfc-editor.org/rfc/rfc8489#section-14.6)).
    MessageIntegritySha256 = 0x001c, "MESSAGE-INTEGRITY-SHA256";
    /// PASSWORD-ALGORITHM, 0x001D ([RFC 8489 §14.12](https://www.rfc-editor.org/rfc/rfc8489#section-14.12)).
    PasswordAlgorithm = 0x001d, "PASSWORD-ALGORITHM";
    /// USERHASH, 0x001E ([RFC 8489 §14.4](https://www.rfc-editor.org/rfc/rfc8489#section-14.4)).
    Userhash = 0x001e, "USERHASH";
    /// XOR-MAPPED-ADDRESS, 0x0020 ([RFC 8489 §14.2](https://www.rfc-editor.org/rfc/rfc8489#section-14.2)).
    XorMappedAddress = 0x0020, "XOR-MAPPED-ADDRESS";
    /// RESERVATION-TOKEN, 0x0022 ([RFC 8656 §18.10](https://www.rfc-editor.org/rfc/rfc8656#section-18.10)).
    ReservationToken = 0x0022, "RESERVATION-TOKEN";
    /// PRIORITY, 0x0024 ([RFC 8445 §16.1](https://www.rfc-editor.org/rfc/rfc8445#section-16.1)).
    Priority = 0x0024, "PRIORITY";
    /// USE-CANDIDATE, 0x0025 ([RFC 8445 §16.1](https://www.rfc-editor.org/rfc/rfc8445#section-16.1)).
    UseCandidate = 0x0025, "USE-CANDIDATE";
    /// PADDING, 0x0026 ([RFC 5780 §7.6](https://www.rfc-editor.org/rfc/rfc5780#section-7.6)).
    Padding = 0x0026, "PADDING";
    /// RESPONSE-PORT, 0x0027 ([RFC 5780 §7.5](https://www.rfc-editor.org/rfc/rfc5780#section-7.5)).
    ResponsePort = 0x0027, "RESPONSE-PORT";
    /// CONNECTION-ID, 0x002A ([RFC 6062 §6.2.1](https://www.rfc-editor.org/rfc/rfc6062#section-6.2.1)).
    ConnectionId = 0x002a, "CONNECTION-ID";
    /// ADDITIONAL-ADDRESS-FAMILY, 0x8000 ([RFC 8656 §18.11](https://www.rfc-editor.org/rfc/rfc8656#section-18.11)).
    AdditionalAddressFamily = 0x8000, "ADDITIONAL-ADDRESS-FAMILY";
    /// ADDRESS-ERROR-CODE, 0x8001 ([RFC 8656 §18.12](https://www.rfc-editor.org/rfc/rfc8656#section-18.12)).
    AddressErrorCode = 0x8001, "ADDRESS-ERROR-CODE";
    /// PASSWORD-ALGORITHMS, 0x8002 ([RFC 8489 §14.11](https://www.rfc-editor.org/rfc/rfc8489#section-14.11)).
    PasswordAlgorithms = 0x8002, "PASSWORD-ALGORITHMS";
    /// ALTERNATE-DOMAIN, 0x8003 ([RFC 8489 §14.16](https://www.rfc-editor.org/rfc/rfc8489#section-14.16)).
    AlternateDomain = 0x8003, "ALTERNATE-DOMAIN";
    /// ICMP, 0x8004 ([RFC 8656 §18.13](https://www.rfc-editor.org/rfc/rfc8656#section-18.13)).
    Icmp = 0x8004, "ICMP";
    /// SOFTWARE, 0x8022 ([RFC 8489 §14.14](https://www.rfc-editor.org/rfc/rfc8489#section-14.14)).
    Software = 0x8022, "SOFTWARE";
    /// ALTERNATE-SERVER, 0x8023 ([RFC 8489 §14.15](https://www.rfc-editor.org/rfc/rfc8489#section-14.15)).
    AlternateServer = 0x8023, "ALTERNATE-SERVER";
    /// TRANSACTION_TRANSMIT_COUNTER, 0x8025 ([RFC 7982 §3.1](https://www.rfc-editor.org/rfc/rfc7982#section-3.1)).
    TransactionTransmitCounter = 0x8025, "TRANSACTION_TRANSMIT_COUNTER";
    /// CACHE-TIMEOUT, 0x8027 ([RFC 5780 §7.7](https://www.rfc-editor.org/rfc/rfc5780#section-7.7)).
    CacheTimeout = 0x8027, "CACHE-TIMEOUT";
    /// FINGERPRINT, 0x8028 ([RFC 8489 §14.7](https://www.rfc-editor.org/rfc/rfc8489#section-14.7)).
    Fingerprint = 0x8028, "FINGERPRINT";
    /// ICE-CONTROLLED, 0x8029 ([RFC 8445 §16.1](https://www.rfc-editor.org/rfc/rfc8445#section-16.1)).
    IceControlled = 0x8029, "ICE-CONTROLLED";
    /// ICE-CONTROLLING, 0x802A ([RFC 8445 §16.1](https://www.rfc-editor.org/rfc/rfc8445#section-16.1)).
    IceControlling = 0x802a, "ICE-CONTROLLING";
    /// RESPONSE-ORIGIN, 0x802B ([RFC 5780 §7.3](https://www.rfc-editor.org/rfc/rfc5780#section-7.3)).
    ResponseOrigin = 0x802b, "RESPONSE-ORIGIN";
    /// OTHER-ADDRESS, 0x802C ([RFC 5780 §7.4](https://www.rfc-editor.org/rfc/rfc5780#section-7.4)).
    OtherAddress = 0x802c, "OTHER-ADDRESS";
    /// ECN-CHECK STUN, 0x802D ([RFC 6679 §7.2.2](https://www.rfc-editor.org/rfc/rfc6679#section-7.2.2)).
    EcnCheck = 0x802d, "ECN-CHECK STUN";
    /// THIRD-PARTY-AUTHORIZATION, 0x802E ([RFC 7635 §6.1](https://www.rfc-editor.org/rfc/rfc7635#section-6.1)).
    ThirdPartyAuthorization = 0x802e, "THIRD-PARTY-AUTHORIZATION";
    /// MOBILITY-TICKET, 0x8030 ([RFC 8016 §3.1](https://www.rfc-editor.org/rfc/rfc8016#section-3.1)).
    MobilityTicket = 0x8030, "MOBILITY-TICKET";
    /// CISCO-STUN-FLOWDATA, 0xC000 (IANA).
    CiscoStunFlowdata = 0xc000, "CISCO-STUN-FLOWDATA";
    /// ENF-FLOW-DESCRIPTION, 0xC001 (IANA). Chromium sends its NOMINATION attribute
    /// (a 32-bit value, for ICE renomination) with this type.
    EnfFlowDescription = 0xc001, "ENF-FLOW-DESCRIPTION";
    /// ENF-NETWORK-STATUS, 0xC002 (IANA).
    EnfNetworkStatus = 0xc002, "ENF-NETWORK-STATUS";
    /// GOOG-NETWORK-INFO, 0xC057: network ID and cost of the sending interface, in
    /// Chromium's ICE checks (registered with IANA).
    GoogNetworkInfo = 0xc057, "GOOG-NETWORK-INFO";
    /// GOOG-LAST-ICE-CHECK-RECEIVED, 0xC058 (Chromium).
    GoogLastIceCheckReceived = 0xc058, "GOOG-LAST-ICE-CHECK-RECEIVED";
    /// GOOG-MISC-INFO, 0xC059: a list of 16-bit values (Chromium; the first says
    /// which GOOG-PING version is supported).
    GoogMiscInfo = 0xc059, "GOOG-MISC-INFO";
    /// GOOG-OBSOLETE-1, 0xC05A (Chromium).
    GoogObsolete1 = 0xc05a, "GOOG-OBSOLETE-1";
    /// GOOG-CONNECTION-ID, 0xC05B (Chromium).
    GoogConnectionId = 0xc05b, "GOOG-CONNECTION-ID";
    /// GOOG-DELTA, 0xC05C (Chromium).
    GoogDelta = 0xc05c, "GOOG-DELTA";
    /// GOOG-DELTA-ACK, 0xC05D (Chromium).
    GoogDeltaAck = 0xc05d, "GOOG-DELTA-ACK";
    /// GOOG-DELTA-SYNC-REQ, 0xC05E (Chromium).
    GoogDeltaSyncReq = 0xc05e, "GOOG-DELTA-SYNC-REQ";
    /// GOOG-MESSAGE-INTEGRITY-32, 0xC060: MESSAGE-INTEGRITY cut to 32 bits, in
    /// Chromium's GOOG-PING messages.
    GoogMessageIntegrity32 = 0xc060, "GOOG-MESSAGE-INTEGRITY-32";
    /// META-DTLS-IN-STUN, 0xC070 (Chromium: DTLS handshake carried in STUN).
    MetaDtlsInStun = 0xc070, "META-DTLS-IN-STUN";
    /// META-DTLS-IN-STUN-ACK, 0xC071 (Chromium).
    MetaDtlsInStunAck = 0xc071, "META-DTLS-IN-STUN-ACK";
}

impl AttributeType {
    /// Whether an agent that does not know the type must reject the message: types
    /// 0x0000–0x7FFF ([RFC 8489 §14](https://www.rfc-editor.org/rfc/rfc8489#section-14)).
    #[inline]
    pub const fn is_comprehension_required(self) -> bool {
        self.code() < 0x8000
    }
}

impl From<u16> for AttributeType {
    fn from(code: u16) -> Self {
        Self::from_code(code)
    }
}

impl From<AttributeType> for u16 {
    fn from(t: AttributeType) -> Self {
        t.code()
    }
}

impl fmt::Display for AttributeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{:#06x}", self.code()),
        }
    }
}

/// A 16-bit attribute type in an UNKNOWN-ATTRIBUTES list.
impl FixedEntry for AttributeType {
    const LEN: usize = 2;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self::from_code(bytes::u16_at(bytes, 0))
    }
}

/// An address family, as the address attributes and REQUESTED-ADDRESS-FAMILY code it
/// ([RFC 8489 §14.1](https://www.rfc-editor.org/rfc/rfc8489#section-14.1),
/// [RFC 8656 §18.6](https://www.rfc-editor.org/rfc/rfc8656#section-18.6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AddressFamily {
    /// IPv4, 0x01.
    Ipv4,
    /// IPv6, 0x02.
    Ipv6,
    /// Any other value.
    Other(u8),
}

impl AddressFamily {
    /// The family with code `code`.
    #[inline]
    pub const fn from_code(code: u8) -> Self {
        match code {
            0x01 => Self::Ipv4,
            0x02 => Self::Ipv6,
            other => Self::Other(other),
        }
    }

    /// The 8-bit code.
    #[inline]
    pub const fn code(self) -> u8 {
        match self {
            Self::Ipv4 => 0x01,
            Self::Ipv6 => 0x02,
            Self::Other(code) => code,
        }
    }
}

/// The value of ERROR-CODE: a code from 300 to 699 and a reason phrase
/// ([RFC 8489 §14.8](https://www.rfc-editor.org/rfc/rfc8489#section-14.8)).
///
/// ```text
/// |           Reserved, should be 0         |Class|     Number    |
/// |      Reason Phrase (variable)                                ..
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode<'a> {
    /// The code: hundreds from the Class field, the rest from Number (0–99).
    pub code: u16,
    /// The reason phrase.
    pub reason: &'a str,
}

impl ErrorCode<'_> {
    /// The Class field: the hundreds digit of the code.
    #[inline]
    pub const fn class(&self) -> u8 {
        (self.code / 100) as u8
    }

    /// The Number field: the code modulo 100.
    #[inline]
    pub const fn number(&self) -> u8 {
        (self.code % 100) as u8
    }

    /// Reads the 4-byte head and reason of an (ADDRESS-)ERROR-CODE value.
    fn decode(value: &[u8], code: u16, offset: usize) -> Result<ErrorCode<'_>, StunError> {
        let (head, reason) =
            value
                .split_first_chunk::<4>()
                .ok_or_else(|| StunError::AttributeLength {
                    attribute: AttributeType::from_code(code),
                    offset,
                    len: value.len(),
                })?;
        let (class, number) = (head[2] & 0x07, head[3]);
        if number > 99 {
            return Err(StunError::InvalidValue {
                field: "Number",
                offset: offset + 7,
                value: u32::from(number),
            });
        }
        Ok(ErrorCode {
            code: u16::from(class) * 100 + u16::from(number),
            reason: text(reason, code, offset, MAX_TEXT)?,
        })
    }

    fn write(&self, head: u8, w: &mut Writer<'_>) -> Result<(), EmitError> {
        bytes::check_max("ERROR-CODE code", usize::from(self.code), 799)?;
        bytes::check_max("reason phrase length", self.reason.len(), MAX_TEXT)?;
        w.u8(head)?;
        w.u8(0)?;
        w.u8(self.class())?;
        w.u8(self.number())?;
        Ok(w.put(self.reason.as_bytes())?)
    }
}

/// The list of an UNKNOWN-ATTRIBUTES attribute
/// ([RFC 8489 §14.13](https://www.rfc-editor.org/rfc/rfc8489#section-14.13)): the
/// comprehension-required types a server did not understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownAttributes<'a> {
    value: &'a [u8],
}

impl<'a> UnknownAttributes<'a> {
    /// The attribute types.
    #[inline]
    pub fn iter(&self) -> Entries<'a, AttributeType> {
        Entries::new(self.value)
    }

    /// How many types there are.
    #[inline]
    pub fn len(&self) -> usize {
        self.value.len() / 2
    }

    /// Whether the list is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// The value bytes.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.value
    }
}

impl<'a> IntoIterator for UnknownAttributes<'a> {
    type Item = AttributeType;
    type IntoIter = Entries<'a, AttributeType>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A password algorithm ([RFC 8489 §18.5](https://www.rfc-editor.org/rfc/rfc8489#section-18.5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PasswordAlgorithmId {
    /// MD5, 0x0001: the RFC 5389 long-term key.
    Md5,
    /// SHA-256, 0x0002.
    Sha256,
    /// Any other algorithm.
    Other(u16),
}

impl PasswordAlgorithmId {
    /// The algorithm with code `code`.
    #[inline]
    pub const fn from_code(code: u16) -> Self {
        match code {
            0x0001 => Self::Md5,
            0x0002 => Self::Sha256,
            other => Self::Other(other),
        }
    }

    /// The 16-bit code.
    #[inline]
    pub const fn code(self) -> u16 {
        match self {
            Self::Md5 => 0x0001,
            Self::Sha256 => 0x0002,
            Self::Other(code) => code,
        }
    }
}

/// A password algorithm and its parameters: the value of PASSWORD-ALGORITHM and the
/// entries of PASSWORD-ALGORITHMS
/// ([RFC 8489 §14.11](https://www.rfc-editor.org/rfc/rfc8489#section-14.11)).
///
/// ```text
/// |          Algorithm           |  Algorithm Parameters Length   |
/// |                    Algorithm Parameters (variable)
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PasswordAlgorithm<'a> {
    /// The algorithm.
    pub algorithm: PasswordAlgorithmId,
    /// Its parameters (none for MD5 and SHA-256).
    pub parameters: &'a [u8],
}

impl PasswordAlgorithm<'_> {
    /// Bytes as an entry of PASSWORD-ALGORITHMS: header and parameters padded to 4.
    fn padded_len(&self) -> usize {
        4 + self.parameters.len().next_multiple_of(4)
    }

    fn write(&self, w: &mut Writer<'_>, pad: bool) -> Result<(), EmitError> {
        bytes::check_max(
            "Algorithm Parameters Length",
            self.parameters.len(),
            0xffff - 4,
        )?;
        w.u16(self.algorithm.code())?;
        w.u16(self.parameters.len() as u16)?;
        w.put(self.parameters)?;
        if pad {
            w.zeros(self.padded_len() - 4 - self.parameters.len())?;
        }
        Ok(())
    }
}

/// The list of a PASSWORD-ALGORITHMS attribute
/// ([RFC 8489 §14.11](https://www.rfc-editor.org/rfc/rfc8489#section-14.11)), each
/// entry's parameters padded to 4 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PasswordAlgorithms<'a> {
    value: &'a [u8],
}

impl<'a> PasswordAlgorithms<'a> {
    /// The algorithms, in the server's order of preference.
    #[inline]
    pub fn iter(&self) -> PasswordAlgorithmsIter<'a> {
        PasswordAlgorithmsIter { rest: self.value }
    }

    /// The value bytes.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.value
    }

    /// Checks that every entry's parameters fit in `value`.
    fn check(value: &'a [u8], offset: usize) -> Result<Self, StunError> {
        let mut rest = value;
        while !rest.is_empty() {
            let needed = 4 + rest
                .get(2..4)
                .map_or(0, |l| usize::from(bytes::u16_at(l, 0)));
            if rest.len() < needed {
                return Err(StunError::Truncated {
                    field: "Algorithm Parameters",
                    offset: offset + 4 + (value.len() - rest.len()),
                    needed,
                    available: rest.len(),
                });
            }
            rest = rest.get(needed.next_multiple_of(4)..).unwrap_or(&[]);
        }
        Ok(Self { value })
    }
}

impl<'a> IntoIterator for PasswordAlgorithms<'a> {
    type Item = PasswordAlgorithm<'a>;
    type IntoIter = PasswordAlgorithmsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Iterator over the entries of PASSWORD-ALGORITHMS.
#[derive(Debug, Clone)]
pub struct PasswordAlgorithmsIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for PasswordAlgorithmsIter<'a> {
    type Item = PasswordAlgorithm<'a>;

    #[inline]
    fn next(&mut self) -> Option<PasswordAlgorithm<'a>> {
        let (&[a0, a1, l0, l1], after) = self.rest.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_be_bytes([l0, l1]));
        let parameters = after.get(..len)?;
        self.rest = after.get(len.next_multiple_of(4)..).unwrap_or(&[]);
        Some(PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::from_code(u16::from_be_bytes([a0, a1])),
            parameters,
        })
    }
}

impl core::iter::FusedIterator for PasswordAlgorithmsIter<'_> {}

/// The value of the ICMP attribute: what the relay heard back when it forwarded a
/// datagram ([RFC 8656 §18.13](https://www.rfc-editor.org/rfc/rfc8656#section-18.13)).
///
/// ```text
/// |  Reserved                     |  ICMP Type    |  ICMP Code    |
/// |                          Error Data                           |
/// ```
///
/// The figure in RFC 8656 draws the type across bits 16–22 and the code across 23–31,
/// but ICMP types and codes are bytes (RFC 792, RFC 4443) and the text gives each "the
/// value of the ICMP type/code": this reads them as the two bytes after the reserved
/// field. (tshark 4.0 reads them from the first two bytes, the reserved field.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Icmp {
    /// The ICMP (or ICMPv6) type.
    pub icmp_type: u8,
    /// The ICMP code.
    pub code: u8,
    /// The error data: the MTU for "fragmentation needed" / "packet too big", else 0.
    pub error_data: u32,
}

/// The value of GOOG-NETWORK-INFO: Chromium's identifier and cost of the network the
/// check was sent on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoogNetworkInfo {
    /// The network identifier (the high 16 bits).
    pub network_id: u16,
    /// The network cost (the low 16 bits: 0 for wired, 10 for Wi-Fi, 900 for cellular
    /// in Chromium).
    pub network_cost: u16,
}

/// A decoded attribute ([RFC 8489 §14](https://www.rfc-editor.org/rfc/rfc8489#section-14),
/// [RFC 8445 §16.1](https://www.rfc-editor.org/rfc/rfc8445#section-16.1),
/// [RFC 8656 §18](https://www.rfc-editor.org/rfc/rfc8656#section-18)).
///
/// Addresses of the XOR-…-ADDRESS attributes are unmasked. Attributes with a known
/// type but no decoder here (CHANGE-REQUEST, ACCESS-TOKEN, GOOG-MISC-INFO...) and
/// unknown attributes are [`Attribute::Other`]. Written with
/// [`AttributeRepr`](super::AttributeRepr), each value gives back the attribute it was
/// decoded from, padding as zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Attribute<'a> {
    /// MAPPED-ADDRESS.
    MappedAddress(SocketAddr),
    /// XOR-MAPPED-ADDRESS, unmasked.
    XorMappedAddress(SocketAddr),
    /// USERNAME (for ICE, `remote-ufrag:local-ufrag` from the receiver's side).
    Username(&'a str),
    /// USERHASH: SHA-256 of `username:realm`.
    Userhash(&'a [u8; 32]),
    /// MESSAGE-INTEGRITY: the HMAC-SHA1 as it stands.
    MessageIntegrity(&'a [u8; 20]),
    /// MESSAGE-INTEGRITY-SHA256: the HMAC-SHA256, possibly cut to 16–28 bytes.
    MessageIntegritySha256(&'a [u8]),
    /// FINGERPRINT: the CRC-32 XOR 0x5354554e as it stands.
    Fingerprint(u32),
    /// ERROR-CODE.
    ErrorCode(ErrorCode<'a>),
    /// UNKNOWN-ATTRIBUTES.
    UnknownAttributes(UnknownAttributes<'a>),
    /// REALM.
    Realm(&'a str),
    /// NONCE.
    Nonce(&'a str),
    /// PASSWORD-ALGORITHM.
    PasswordAlgorithm(PasswordAlgorithm<'a>),
    /// PASSWORD-ALGORITHMS.
    PasswordAlgorithms(PasswordAlgorithms<'a>),
    /// SOFTWARE.
    Software(&'a str),
    /// ALTERNATE-SERVER.
    AlternateServer(SocketAddr),
    /// ALTERNATE-DOMAIN.
    AlternateDomain(&'a str),
    /// PRIORITY (ICE).
    Priority(u32),
    /// USE-CANDIDATE (ICE).
    UseCandidate,
    /// ICE-CONTROLLED and its tie-breaker.
    IceControlled(u64),
    /// ICE-CONTROLLING and its tie-breaker.
    IceControlling(u64),
    /// CHANNEL-NUMBER (TURN): the channel, 0x4000–0x4FFF.
    ChannelNumber(u16),
    /// LIFETIME (TURN), in seconds.
    Lifetime(u32),
    /// XOR-PEER-ADDRESS (TURN), unmasked.
    XorPeerAddress(SocketAddr),
    /// DATA (TURN): the relayed datagram.
    Data(&'a [u8]),
    /// XOR-RELAYED-ADDRESS (TURN), unmasked.
    XorRelayedAddress(SocketAddr),
    /// REQUESTED-ADDRESS-FAMILY (TURN).
    RequestedAddressFamily(AddressFamily),
    /// EVEN-PORT (TURN): whether the R bit asks to reserve the next port too.
    EvenPort(bool),
    /// REQUESTED-TRANSPORT (TURN): an IP protocol number (17 for UDP).
    RequestedTransport(u8),
    /// DONT-FRAGMENT (TURN).
    DontFragment,
    /// RESERVATION-TOKEN (TURN).
    ReservationToken(u64),
    /// ADDITIONAL-ADDRESS-FAMILY (TURN).
    AdditionalAddressFamily(AddressFamily),
    /// ADDRESS-ERROR-CODE (TURN): the family the error is about, and the error.
    AddressErrorCode(AddressFamily, ErrorCode<'a>),
    /// ICMP (TURN).
    Icmp(Icmp),
    /// RESPONSE-ORIGIN (RFC 5780).
    ResponseOrigin(SocketAddr),
    /// OTHER-ADDRESS (RFC 5780).
    OtherAddress(SocketAddr),
    /// SOURCE-ADDRESS (RFC 3489).
    SourceAddress(SocketAddr),
    /// CHANGED-ADDRESS (RFC 3489).
    ChangedAddress(SocketAddr),
    /// GOOG-NETWORK-INFO (Chromium).
    GoogNetworkInfo(GoogNetworkInfo),
    /// Any other attribute, known by name or not: its type and value.
    Other {
        /// The attribute type.
        attr_type: AttributeType,
        /// The value, without padding.
        value: &'a [u8],
    },
}

impl<'a> Attribute<'a> {
    /// Decodes `raw` as its type defines it.
    #[inline]
    pub fn decode(raw: &RawAttribute<'a>) -> Result<Self, StunError> {
        let v = raw.value();
        let code = raw.type_code();
        let at = raw.offset();
        let fixed4 = || fixed::<4>(v, code, at);
        let fixed8 = || fixed::<8>(v, code, at).map(|b| u64::from_be_bytes(*b));
        let family = || fixed4().map(|b| AddressFamily::from_code(b[0]));
        let empty = |a: Self| {
            if v.is_empty() {
                Ok(a)
            } else {
                Err(length_error(code, at, v))
            }
        };
        let addr = |xor: bool| address(v, xor.then(|| raw.xor_key()), code, at);
        // Three dense ranges, each a jump table: comprehension-required, optional, and
        // vendor types; the enum of the type is built only for errors and `Other`.
        Ok(if code < 0x8000 {
            match code {
                codes::MappedAddress => Self::MappedAddress(addr(false)?),
                codes::SourceAddress => Self::SourceAddress(addr(false)?),
                codes::ChangedAddress => Self::ChangedAddress(addr(false)?),
                codes::Username => Self::Username(text(v, code, at, MAX_USERNAME)?),
                codes::MessageIntegrity => Self::MessageIntegrity(fixed::<20>(v, code, at)?),
                codes::ErrorCode => Self::ErrorCode(ErrorCode::decode(v, code, at)?),
                codes::UnknownAttributes => {
                    if v.len() % 2 != 0 {
                        return Err(length_error(code, at, v));
                    }
                    Self::UnknownAttributes(UnknownAttributes { value: v })
                }
                codes::ChannelNumber => {
                    Self::ChannelNumber(fixed4().map(|b| u16::from_be_bytes([b[0], b[1]]))?)
                }
                codes::Lifetime => Self::Lifetime(u32::from_be_bytes(*fixed4()?)),
                codes::XorPeerAddress => Self::XorPeerAddress(addr(true)?),
                codes::Data => Self::Data(v),
                codes::Realm => Self::Realm(text(v, code, at, MAX_TEXT)?),
                codes::Nonce => Self::Nonce(text(v, code, at, MAX_TEXT)?),
                codes::XorRelayedAddress => Self::XorRelayedAddress(addr(true)?),
                codes::RequestedAddressFamily => Self::RequestedAddressFamily(family()?),
                codes::EvenPort => Self::EvenPort(fixed::<1>(v, code, at)?[0] & 0x80 != 0),
                codes::RequestedTransport => Self::RequestedTransport(fixed4()?[0]),
                codes::DontFragment => empty(Self::DontFragment)?,
                codes::MessageIntegritySha256 => {
                    if !(16..=32).contains(&v.len()) || v.len() % 4 != 0 {
                        return Err(length_error(code, at, v));
                    }
                    Self::MessageIntegritySha256(v)
                }
                codes::PasswordAlgorithm => {
                    let parameters = v.get(4..).unwrap_or(&[]);
                    if v.len() < 4 || parameters.len() != usize::from(bytes::u16_at(v, 2)) {
                        return Err(length_error(code, at, v));
                    }
                    Self::PasswordAlgorithm(PasswordAlgorithm {
                        algorithm: PasswordAlgorithmId::from_code(bytes::u16_at(v, 0)),
                        parameters,
                    })
                }
                codes::Userhash => Self::Userhash(fixed::<32>(v, code, at)?),
                codes::XorMappedAddress => Self::XorMappedAddress(addr(true)?),
                codes::ReservationToken => Self::ReservationToken(fixed8()?),
                codes::Priority => Self::Priority(u32::from_be_bytes(*fixed4()?)),
                codes::UseCandidate => empty(Self::UseCandidate)?,
                _ => Self::other(code, v),
            }
        } else if code < 0xc000 {
            match code {
                codes::AdditionalAddressFamily => Self::AdditionalAddressFamily(family()?),
                codes::AddressErrorCode => Self::AddressErrorCode(
                    AddressFamily::from_code(bytes::u8_at(v, 0)),
                    ErrorCode::decode(v, code, at)?,
                ),
                codes::PasswordAlgorithms => {
                    Self::PasswordAlgorithms(PasswordAlgorithms::check(v, at)?)
                }
                codes::AlternateDomain => Self::AlternateDomain(text(v, code, at, MAX_DOMAIN)?),
                codes::Icmp => {
                    let b = fixed::<8>(v, code, at)?;
                    Self::Icmp(Icmp {
                        icmp_type: b[2],
                        code: b[3],
                        error_data: u32::from_be_bytes([b[4], b[5], b[6], b[7]]),
                    })
                }
                codes::Software => Self::Software(text(v, code, at, MAX_TEXT)?),
                codes::AlternateServer => Self::AlternateServer(addr(false)?),
                codes::Fingerprint => Self::Fingerprint(u32::from_be_bytes(*fixed4()?)),
                codes::IceControlled => Self::IceControlled(fixed8()?),
                codes::IceControlling => Self::IceControlling(fixed8()?),
                codes::ResponseOrigin => Self::ResponseOrigin(addr(false)?),
                codes::OtherAddress => Self::OtherAddress(addr(false)?),
                _ => Self::other(code, v),
            }
        } else {
            match code {
                codes::GoogNetworkInfo => {
                    let b = fixed4()?;
                    Self::GoogNetworkInfo(GoogNetworkInfo {
                        network_id: u16::from_be_bytes([b[0], b[1]]),
                        network_cost: u16::from_be_bytes([b[2], b[3]]),
                    })
                }
                _ => Self::other(code, v),
            }
        })
    }

    /// An attribute without a decoder here.
    #[inline]
    fn other(code: u16, value: &'a [u8]) -> Self {
        Self::Other {
            attr_type: AttributeType::from_code(code),
            value,
        }
    }

    /// The attribute type.
    pub fn attr_type(&self) -> AttributeType {
        match self {
            Self::MappedAddress(_) => AttributeType::MappedAddress,
            Self::XorMappedAddress(_) => AttributeType::XorMappedAddress,
            Self::Username(_) => AttributeType::Username,
            Self::Userhash(_) => AttributeType::Userhash,
            Self::MessageIntegrity(_) => AttributeType::MessageIntegrity,
            Self::MessageIntegritySha256(_) => AttributeType::MessageIntegritySha256,
            Self::Fingerprint(_) => AttributeType::Fingerprint,
            Self::ErrorCode(_) => AttributeType::ErrorCode,
            Self::UnknownAttributes(_) => AttributeType::UnknownAttributes,
            Self::Realm(_) => AttributeType::Realm,
            Self::Nonce(_) => AttributeType::Nonce,
            Self::PasswordAlgorithm(_) => AttributeType::PasswordAlgorithm,
            Self::PasswordAlgorithms(_) => AttributeType::PasswordAlgorithms,
            Self::Software(_) => AttributeType::Software,
            Self::AlternateServer(_) => AttributeType::AlternateServer,
            Self::AlternateDomain(_) => AttributeType::AlternateDomain,
            Self::Priority(_) => AttributeType::Priority,
            Self::UseCandidate => AttributeType::UseCandidate,
            Self::IceControlled(_) => AttributeType::IceControlled,
            Self::IceControlling(_) => AttributeType::IceControlling,
            Self::ChannelNumber(_) => AttributeType::ChannelNumber,
            Self::Lifetime(_) => AttributeType::Lifetime,
            Self::XorPeerAddress(_) => AttributeType::XorPeerAddress,
            Self::Data(_) => AttributeType::Data,
            Self::XorRelayedAddress(_) => AttributeType::XorRelayedAddress,
            Self::RequestedAddressFamily(_) => AttributeType::RequestedAddressFamily,
            Self::EvenPort(_) => AttributeType::EvenPort,
            Self::RequestedTransport(_) => AttributeType::RequestedTransport,
            Self::DontFragment => AttributeType::DontFragment,
            Self::ReservationToken(_) => AttributeType::ReservationToken,
            Self::AdditionalAddressFamily(_) => AttributeType::AdditionalAddressFamily,
            Self::AddressErrorCode(..) => AttributeType::AddressErrorCode,
            Self::Icmp(_) => AttributeType::Icmp,
            Self::ResponseOrigin(_) => AttributeType::ResponseOrigin,
            Self::OtherAddress(_) => AttributeType::OtherAddress,
            Self::SourceAddress(_) => AttributeType::SourceAddress,
            Self::ChangedAddress(_) => AttributeType::ChangedAddress,
            Self::GoogNetworkInfo(_) => AttributeType::GoogNetworkInfo,
            Self::Other { attr_type, .. } => *attr_type,
        }
    }

    /// Bytes of value (without padding) [`write_value`](Self::write_value) writes.
    pub(crate) fn value_len(&self) -> usize {
        let addr_len = |a: &SocketAddr| if a.is_ipv4() { 8 } else { 20 };
        match self {
            Self::MappedAddress(a)
            | Self::XorMappedAddress(a)
            | Self::AlternateServer(a)
            | Self::XorPeerAddress(a)
            | Self::XorRelayedAddress(a)
            | Self::ResponseOrigin(a)
            | Self::OtherAddress(a)
            | Self::SourceAddress(a)
            | Self::ChangedAddress(a) => addr_len(a),
            Self::Username(s)
            | Self::Realm(s)
            | Self::Nonce(s)
            | Self::Software(s)
            | Self::AlternateDomain(s) => s.len(),
            Self::Userhash(_) => 32,
            Self::MessageIntegrity(_) => 20,
            Self::MessageIntegritySha256(v) | Self::Data(v) | Self::Other { value: v, .. } => {
                v.len()
            }
            Self::ErrorCode(e) | Self::AddressErrorCode(_, e) => 4 + e.reason.len(),
            Self::UnknownAttributes(u) => u.as_bytes().len(),
            Self::PasswordAlgorithm(p) => 4 + p.parameters.len(),
            Self::PasswordAlgorithms(p) => p.as_bytes().len(),
            Self::UseCandidate | Self::DontFragment => 0,
            Self::EvenPort(_) => 1,
            Self::Fingerprint(_)
            | Self::Priority(_)
            | Self::ChannelNumber(_)
            | Self::Lifetime(_)
            | Self::RequestedAddressFamily(_)
            | Self::RequestedTransport(_)
            | Self::AdditionalAddressFamily(_)
            | Self::GoogNetworkInfo(_) => 4,
            Self::IceControlled(_)
            | Self::IceControlling(_)
            | Self::ReservationToken(_)
            | Self::Icmp(_) => 8,
        }
    }

    /// Writes the value (without header or padding); `xor_key` is the magic cookie and
    /// transaction ID of the message, for the XOR-…-ADDRESS attributes.
    pub(crate) fn write_value(
        &self,
        w: &mut Writer<'_>,
        xor_key: &[u8; 16],
    ) -> Result<(), EmitError> {
        let limit = |field, s: &str, max| bytes::check_max(field, s.len(), max);
        match self {
            Self::MappedAddress(a)
            | Self::AlternateServer(a)
            | Self::ResponseOrigin(a)
            | Self::OtherAddress(a)
            | Self::SourceAddress(a)
            | Self::ChangedAddress(a) => write_address(w, a, None)?,
            Self::XorMappedAddress(a) | Self::XorPeerAddress(a) | Self::XorRelayedAddress(a) => {
                write_address(w, a, Some(xor_key))?
            }
            Self::Username(s) => {
                limit("USERNAME length", s, MAX_USERNAME)?;
                w.put(s.as_bytes())?
            }
            Self::Realm(s) | Self::Nonce(s) | Self::Software(s) => {
                limit("text attribute length", s, MAX_TEXT)?;
                w.put(s.as_bytes())?
            }
            Self::AlternateDomain(s) => {
                limit("ALTERNATE-DOMAIN length", s, MAX_DOMAIN)?;
                w.put(s.as_bytes())?
            }
            Self::Userhash(h) => w.put(&h[..])?,
            Self::MessageIntegrity(h) => w.put(&h[..])?,
            Self::MessageIntegritySha256(v) | Self::Data(v) | Self::Other { value: v, .. } => {
                w.put(v)?
            }
            Self::Fingerprint(v) | Self::Priority(v) | Self::Lifetime(v) => w.u32(*v)?,
            Self::ErrorCode(e) => e.write(0, w)?,
            Self::AddressErrorCode(family, e) => e.write(family.code(), w)?,
            Self::UnknownAttributes(u) => w.put(u.as_bytes())?,
            Self::PasswordAlgorithm(p) => p.write(w, false)?,
            Self::PasswordAlgorithms(p) => w.put(p.as_bytes())?,
            Self::UseCandidate | Self::DontFragment => {}
            Self::IceControlled(v) | Self::IceControlling(v) | Self::ReservationToken(v) => {
                w.u64(*v)?
            }
            Self::ChannelNumber(n) => {
                w.u16(*n)?;
                w.u16(0)?
            }
            Self::RequestedAddressFamily(f) | Self::AdditionalAddressFamily(f) => {
                w.u8(f.code())?;
                w.u24(0)?
            }
            Self::EvenPort(r) => w.u8(if *r { 0x80 } else { 0 })?,
            Self::RequestedTransport(p) => {
                w.u8(*p)?;
                w.u24(0)?
            }
            Self::Icmp(i) => {
                w.u16(0)?;
                w.u8(i.icmp_type)?;
                w.u8(i.code)?;
                w.u32(i.error_data)?
            }
            Self::GoogNetworkInfo(n) => {
                w.u16(n.network_id)?;
                w.u16(n.network_cost)?
            }
        }
        Ok(())
    }
}

/// The value as exactly `N` bytes.
#[inline(always)]
fn fixed<const N: usize>(v: &[u8], code: u16, offset: usize) -> Result<&[u8; N], StunError> {
    v.try_into().map_err(|_| length_error(code, offset, v))
}

/// The error for a value of a length its attribute does not allow.
#[cold]
#[inline(never)]
fn length_error(code: u16, offset: usize, v: &[u8]) -> StunError {
    StunError::AttributeLength {
        attribute: AttributeType::from_code(code),
        offset,
        len: v.len(),
    }
}

/// Bytes of value of the entries of PASSWORD-ALGORITHMS, padded.
pub(crate) fn password_algorithms_len(list: &[PasswordAlgorithm<'_>]) -> usize {
    list.iter().map(PasswordAlgorithm::padded_len).sum()
}

/// Writes the entries of PASSWORD-ALGORITHMS, each padded to 4 bytes.
pub(crate) fn write_password_algorithms(
    w: &mut Writer<'_>,
    list: &[PasswordAlgorithm<'_>],
) -> Result<(), EmitError> {
    list.iter().try_for_each(|p| p.write(w, true))
}

/// Reads a (XOR-)address value; `xor_key` is the magic cookie and transaction ID for
/// the XOR forms ([RFC 8489 §14.1](https://www.rfc-editor.org/rfc/rfc8489#section-14.1),
/// [§14.2](https://www.rfc-editor.org/rfc/rfc8489#section-14.2)).
fn address(
    v: &[u8],
    xor_key: Option<&[u8; 16]>,
    code: u16,
    offset: usize,
) -> Result<SocketAddr, StunError> {
    let key = xor_key.copied().unwrap_or([0; 16]);
    let port = bytes::u16_at(v, 2) ^ u16::from_be_bytes([key[0], key[1]]);
    let family = bytes::u8_at(v, 1);
    let ip = match (family, v.len()) {
        (0x01, 8) => {
            let mut a: [u8; 4] = bytes::array(v, 4).unwrap_or_default();
            a.iter_mut().zip(&key).for_each(|(b, k)| *b ^= k);
            IpAddr::V4(Ipv4Addr::from(a))
        }
        (0x02, 20) => {
            let mut a: [u8; 16] = bytes::array(v, 4).unwrap_or_default();
            a.iter_mut().zip(&key).for_each(|(b, k)| *b ^= k);
            IpAddr::V6(Ipv6Addr::from(a))
        }
        (0x01 | 0x02, len) | (_, len @ 0..4) => {
            return Err(StunError::AttributeLength {
                attribute: AttributeType::from_code(code),
                offset,
                len,
            });
        }
        (other, _) => {
            return Err(StunError::InvalidValue {
                field: "Family",
                offset: offset + 5,
                value: u32::from(other),
            });
        }
    };
    Ok(SocketAddr::new(ip, port))
}

fn write_address(
    w: &mut Writer<'_>,
    a: &SocketAddr,
    xor_key: Option<&[u8; 16]>,
) -> Result<(), EmitError> {
    let key = xor_key.copied().unwrap_or([0; 16]);
    w.u8(0)?;
    match a {
        SocketAddr::V4(v4) => {
            w.u8(0x01)?;
            w.u16(v4.port() ^ u16::from_be_bytes([key[0], key[1]]))?;
            let mut ip = v4.ip().octets();
            ip.iter_mut().zip(&key).for_each(|(b, k)| *b ^= k);
            w.put(&ip)?;
        }
        SocketAddr::V6(v6) => {
            w.u8(0x02)?;
            w.u16(v6.port() ^ u16::from_be_bytes([key[0], key[1]]))?;
            let mut ip = v6.ip().octets();
            ip.iter_mut().zip(&key).for_each(|(b, k)| *b ^= k);
            w.put(&ip)?;
        }
    }
    Ok(())
}

/// A text value: UTF-8, at most `max` bytes.
fn text(v: &[u8], code: u16, offset: usize, max: usize) -> Result<&str, StunError> {
    let attribute = || AttributeType::from_code(code);
    if v.len() > max {
        return Err(StunError::AttributeLength {
            attribute: attribute(),
            offset,
            len: v.len(),
        });
    }
    core::str::from_utf8(v).map_err(|_| StunError::InvalidUtf8 {
        attribute: attribute(),
        offset,
    })
}
