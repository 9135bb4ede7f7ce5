//! STUN messages ([RFC 8489](https://www.rfc-editor.org/rfc/rfc8489), with
//! [RFC 5389](https://www.rfc-editor.org/rfc/rfc5389) and classic
//! [RFC 3489](https://www.rfc-editor.org/rfc/rfc3489) messages recognised), their
//! attributes, including those of ICE ([RFC 8445](https://www.rfc-editor.org/rfc/rfc8445))
//! and TURN ([RFC 8656](https://www.rfc-editor.org/rfc/rfc8656)), FINGERPRINT and
//! MESSAGE-INTEGRITY(-SHA256) checks, and a writer.
//!
//! [`Message::new_checked`] validates the header and walks every attribute header once;
//! after it succeeds no accessor panics and [`Message::attributes`] cannot fail. Each
//! [`RawAttribute`] is a `(type, value)` pair that decodes on demand into a typed
//! [`Attribute`]; attributes this crate does not know are [`Attribute::Other`] values,
//! not errors.
//!
//! With the default `stun-crypto` feature, [`Message::check_fingerprint`],
//! [`Message::check_message_integrity`] and [`Message::check_message_integrity_sha256`]
//! verify a message without copying it, and [`MessageRepr`] fills in
//! MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT when writing. TURN Send
//! and Data indications are unwrapped by [`RelayedData`].
//!
//! ```
//! use rtcinspect_wire::stun::{
//!     Attribute, AttributeRepr, Class, Message, MessageRepr, Method, TransactionId,
//! };
//!
//! // An ICE connectivity check: a Binding request with USERNAME, PRIORITY and
//! // ICE-CONTROLLING, protected with the remote ICE password, then fingerprinted.
//! let attributes = [
//!     AttributeRepr::from(Attribute::Username("remote:local")),
//!     Attribute::Priority(0x6e00_1eff).into(),
//!     Attribute::IceControlling(0x0123_4567_89ab_cdef).into(),
//! ];
//! let repr = MessageRepr {
//!     class: Class::Request,
//!     method: Method::Binding,
//!     transaction_id: TransactionId([7; 12]),
//!     attributes: &attributes,
//!     message_integrity: Some(b"the-remote-ice-pwd"),
//!     fingerprint: true,
//!     ..MessageRepr::default()
//! };
//! let mut buf = [0u8; 128];
//! let len = repr.emit(&mut buf)?;
//!
//! // Read it back and check it.
//! let message = Message::new_checked(&buf[..len]).unwrap();
//! assert_eq!((message.class(), message.method()), (Class::Request, Method::Binding));
//! assert_eq!(message.check_fingerprint(), Ok(()));
//! assert_eq!(message.check_message_integrity(b"the-remote-ice-pwd"), Ok(()));
//! let decoded: Vec<Attribute<'_>> = message.attributes().map(|a| a.decode().unwrap()).collect();
//! assert_eq!(decoded[0], Attribute::Username("remote:local"));
//! assert_eq!(decoded[1], Attribute::Priority(0x6e00_1eff));
//! assert!(matches!(decoded[3], Attribute::MessageIntegrity(_)));
//! assert!(matches!(decoded[4], Attribute::Fingerprint(_)));
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

use crate::bytes;

mod attr;
#[cfg(feature = "stun-crypto")]
mod integrity;
mod relay;
mod repr;

pub use attr::{
    AddressFamily, Attribute, AttributeType, ErrorCode, GoogNetworkInfo, Icmp, PasswordAlgorithm,
    PasswordAlgorithmId, PasswordAlgorithms, PasswordAlgorithmsIter, UnknownAttributes,
};
#[cfg(feature = "stun-crypto")]
pub use integrity::{
    FINGERPRINT_XOR, VerifyError, fingerprint, long_term_key_md5, long_term_key_sha256, userhash,
};
pub use relay::RelayedData;
pub use repr::{AttributeRepr, MessageRepr};

/// The magic cookie of RFC 5389 and RFC 8489 messages
/// ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)).
pub const MAGIC_COOKIE: u32 = 0x2112_a442;

/// Length of the message header.
pub const HEADER_LEN: usize = 20;

/// Length of an attribute header (type and length).
pub const ATTRIBUTE_HEADER_LEN: usize = 4;

/// Field offsets of the message header.
mod field {
    use core::ops::Range;

    pub(crate) const TYPE: Range<usize> = 0..2;
    pub(crate) const LENGTH: Range<usize> = 2..4;
    pub(crate) const COOKIE: Range<usize> = 4..8;
    pub(crate) const TRANSACTION_ID: Range<usize> = 8..20;
}

/// Why a STUN message or one of its attributes could not be read.
///
/// Offsets count from the first byte of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StunError {
    /// A field runs past the end of the message (or of the buffer, for the header and
    /// the length the header announces).
    Truncated {
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// Bytes the field needs from `offset`.
        needed: usize,
        /// Bytes there are from `offset`.
        available: usize,
    },
    /// A field holds a value the specification does not allow.
    InvalidValue {
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// The value found.
        value: u32,
    },
    /// An attribute's value has a length its definition does not allow.
    AttributeLength {
        /// The attribute.
        attribute: AttributeType,
        /// Offset of the attribute header.
        offset: usize,
        /// Length of its value, in bytes.
        len: usize,
    },
    /// A text attribute (USERNAME, REALM, NONCE, SOFTWARE, ALTERNATE-DOMAIN, an error
    /// reason phrase) is not UTF-8.
    InvalidUtf8 {
        /// The attribute.
        attribute: AttributeType,
        /// Offset of the attribute header.
        offset: usize,
    },
    /// A message lacks an attribute its method requires (DATA or XOR-PEER-ADDRESS in a
    /// TURN Send or Data indication).
    MissingAttribute {
        /// The attribute.
        attribute: AttributeType,
    },
}

impl fmt::Display for StunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "STUN {field} at byte {offset} needs {needed} bytes, {available} remain"
            ),
            Self::InvalidValue {
                field,
                offset,
                value,
            } => write!(f, "STUN {field} at byte {offset} has invalid value {value}"),
            Self::AttributeLength {
                attribute,
                offset,
                len,
            } => write!(
                f,
                "STUN {attribute} attribute at byte {offset}: a value of {len} bytes is malformed"
            ),
            Self::InvalidUtf8 { attribute, offset } => {
                write!(
                    f,
                    "STUN {attribute} attribute at byte {offset} is not UTF-8"
                )
            }
            Self::MissingAttribute { attribute } => {
                write!(f, "STUN message has no {attribute} attribute")
            }
        }
    }
}

impl core::error::Error for StunError {}

/// The class of a message: the two `C` bits of the message type
/// ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)).
///
/// Not `#[non_exhaustive]`: the two bits have exactly these four values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Class {
    /// Request, `0b00`.
    #[default]
    Request,
    /// Indication, `0b01`.
    Indication,
    /// Success response, `0b10`.
    SuccessResponse,
    /// Error response, `0b11`.
    ErrorResponse,
}

impl Class {
    /// The class from its two bits (`C1 C0`; higher bits are ignored).
    #[inline]
    pub const fn from_bits(bits: u8) -> Self {
        match bits & 0b11 {
            0b00 => Self::Request,
            0b01 => Self::Indication,
            0b10 => Self::SuccessResponse,
            _ => Self::ErrorResponse,
        }
    }

    /// The two bits `C1 C0`.
    #[inline]
    pub const fn bits(self) -> u8 {
        match self {
            Self::Request => 0b00,
            Self::Indication => 0b01,
            Self::SuccessResponse => 0b10,
            Self::ErrorResponse => 0b11,
        }
    }

    /// A short name (`"request"`, `"success response"`...).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Indication => "indication",
            Self::SuccessResponse => "success response",
            Self::ErrorResponse => "error response",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The method of a message: the twelve `M` bits of the message type
/// ([IANA "STUN Methods"](https://www.iana.org/assignments/stun-parameters/stun-parameters.xhtml#stun-parameters-2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Method {
    /// Binding, 0x001 ([RFC 8489 §18.2](https://www.rfc-editor.org/rfc/rfc8489#section-18.2)).
    #[default]
    Binding,
    /// SharedSecret, 0x002 (RFC 3489; reserved since RFC 5389).
    SharedSecret,
    /// Allocate, 0x003 ([RFC 8656 §7](https://www.rfc-editor.org/rfc/rfc8656#section-7)).
    Allocate,
    /// Refresh, 0x004 ([RFC 8656 §8](https://www.rfc-editor.org/rfc/rfc8656#section-8)).
    Refresh,
    /// Send, 0x006 ([RFC 8656 §11](https://www.rfc-editor.org/rfc/rfc8656#section-11)).
    Send,
    /// Data, 0x007 ([RFC 8656 §11](https://www.rfc-editor.org/rfc/rfc8656#section-11)).
    Data,
    /// CreatePermission, 0x008 ([RFC 8656 §10](https://www.rfc-editor.org/rfc/rfc8656#section-10)).
    CreatePermission,
    /// ChannelBind, 0x009 ([RFC 8656 §12](https://www.rfc-editor.org/rfc/rfc8656#section-12)).
    ChannelBind,
    /// Connect, 0x00A ([RFC 6062 §4.3](https://www.rfc-editor.org/rfc/rfc6062#section-4.3)).
    Connect,
    /// ConnectionBind, 0x00B ([RFC 6062 §4.4](https://www.rfc-editor.org/rfc/rfc6062#section-4.4)).
    ConnectionBind,
    /// ConnectionAttempt, 0x00C ([RFC 6062 §4.4](https://www.rfc-editor.org/rfc/rfc6062#section-4.4)).
    ConnectionAttempt,
    /// GOOG-PING, 0x080: Chromium's short form of a Binding request repeating the
    /// previous one (not registered with IANA).
    GoogPing,
    /// Any other method (12 bits).
    Other(u16),
}

impl Method {
    /// The method from its 12-bit code (higher bits are ignored).
    #[inline]
    pub const fn from_code(code: u16) -> Self {
        match code & 0x0fff {
            0x001 => Self::Binding,
            0x002 => Self::SharedSecret,
            0x003 => Self::Allocate,
            0x004 => Self::Refresh,
            0x006 => Self::Send,
            0x007 => Self::Data,
            0x008 => Self::CreatePermission,
            0x009 => Self::ChannelBind,
            0x00a => Self::Connect,
            0x00b => Self::ConnectionBind,
            0x00c => Self::ConnectionAttempt,
            0x080 => Self::GoogPing,
            other => Self::Other(other),
        }
    }

    /// The 12-bit code (an `Other` value is cut to 12 bits).
    #[inline]
    pub const fn code(self) -> u16 {
        match self {
            Self::Binding => 0x001,
            Self::SharedSecret => 0x002,
            Self::Allocate => 0x003,
            Self::Refresh => 0x004,
            Self::Send => 0x006,
            Self::Data => 0x007,
            Self::CreatePermission => 0x008,
            Self::ChannelBind => 0x009,
            Self::Connect => 0x00a,
            Self::ConnectionBind => 0x00b,
            Self::ConnectionAttempt => 0x00c,
            Self::GoogPing => 0x080,
            Self::Other(code) => code & 0x0fff,
        }
    }

    /// The name the IANA registry gives the method, if it has one.
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::Binding => "Binding",
            Self::SharedSecret => "SharedSecret",
            Self::Allocate => "Allocate",
            Self::Refresh => "Refresh",
            Self::Send => "Send",
            Self::Data => "Data",
            Self::CreatePermission => "CreatePermission",
            Self::ChannelBind => "ChannelBind",
            Self::Connect => "Connect",
            Self::ConnectionBind => "ConnectionBind",
            Self::ConnectionAttempt => "ConnectionAttempt",
            Self::GoogPing => "GOOG-PING",
            Self::Other(_) => return None,
        })
    }
}

impl From<u16> for Method {
    fn from(code: u16) -> Self {
        Self::from_code(code)
    }
}

impl From<Method> for u16 {
    fn from(method: Method) -> Self {
        method.code()
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{:#05x}", self.code()),
        }
    }
}

/// A message type: class and method, whose bits interleave in the 14-bit field
/// `M11..M7 C1 M6..M4 C0 M3..M0`
/// ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct MessageType {
    /// The class.
    pub class: Class,
    /// The method.
    pub method: Method,
}

impl MessageType {
    /// A Binding request, 0x0001.
    pub const BINDING_REQUEST: Self = Self::new(Class::Request, Method::Binding);
    /// A Binding success response, 0x0101.
    pub const BINDING_RESPONSE: Self = Self::new(Class::SuccessResponse, Method::Binding);
    /// A Binding error response, 0x0111.
    pub const BINDING_ERROR_RESPONSE: Self = Self::new(Class::ErrorResponse, Method::Binding);
    /// A Binding indication (ICE consent keep-alive), 0x0011.
    pub const BINDING_INDICATION: Self = Self::new(Class::Indication, Method::Binding);

    /// The type of `class` and `method`.
    #[inline]
    pub const fn new(class: Class, method: Method) -> Self {
        Self { class, method }
    }

    /// Splits the 14 low bits of a message type field (the two leading bits are
    /// ignored).
    #[inline]
    pub const fn from_u16(field: u16) -> Self {
        let class = ((field >> 4) & 0b01) | ((field >> 7) & 0b10);
        let method = (field & 0x000f) | ((field >> 1) & 0x0070) | ((field >> 2) & 0x0f80);
        Self {
            class: Class::from_bits(class as u8),
            method: Method::from_code(method),
        }
    }

    /// The 16-bit message type field (its two leading bits zero).
    #[inline]
    pub const fn to_u16(self) -> u16 {
        let m = self.method.code();
        let c = self.class.bits() as u16;
        (m & 0x000f)
            | ((m & 0x0070) << 1)
            | ((m & 0x0f80) << 2)
            | ((c & 0b01) << 4)
            | ((c & 0b10) << 7)
    }
}

impl From<u16> for MessageType {
    fn from(field: u16) -> Self {
        Self::from_u16(field)
    }
}

impl From<MessageType> for u16 {
    fn from(t: MessageType) -> Self {
        t.to_u16()
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.class)
    }
}

/// The 96-bit transaction ID of a message
/// ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)).
///
/// An RFC 3489 message has a 128-bit ID whose first 32 bits stand where the magic
/// cookie is; see [`Message::classic_transaction_id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TransactionId(pub [u8; 12]);

impl TransactionId {
    /// The 12 bytes.
    #[inline]
    pub const fn as_bytes(&self) -> &[u8; 12] {
        &self.0
    }
}

impl fmt::Display for TransactionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// Whether `datagram` looks like one STUN message of RFC 5389 or RFC 8489: the two
/// leading bits are zero, the magic cookie is in place, and the length field is a
/// multiple of 4 that accounts for exactly the bytes after the header.
///
/// This is the quick test a demultiplexer needs
/// ([RFC 7983 §7](https://www.rfc-editor.org/rfc/rfc7983#section-7) sends first bytes
/// 0–3 to STUN); it does not walk the attributes. RFC 3489 messages, which have no
/// magic cookie, are not recognised by it (use [`Message::new_checked`]).
///
/// ```
/// use rtcinspect_wire::stun::is_stun;
///
/// let mut binding = [0u8; 20];
/// binding[..8].copy_from_slice(&[0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]);
/// assert!(is_stun(&binding));
/// assert!(!is_stun(&binding[..19]));
/// ```
#[inline]
pub fn is_stun(datagram: &[u8]) -> bool {
    let Some(&[t0, _, l0, l1, c0, c1, c2, c3]) = datagram.first_chunk::<8>() else {
        return false;
    };
    let length = usize::from(u16::from_be_bytes([l0, l1]));
    t0 & 0xc0 == 0
        && u32::from_be_bytes([c0, c1, c2, c3]) == MAGIC_COOKIE
        && length % 4 == 0
        && datagram.len() == HEADER_LEN + length
}

/// The total length of the message whose header starts `bytes` (20 plus its length
/// field), for framing STUN over a stream
/// ([RFC 8489 §6.2.2](https://www.rfc-editor.org/rfc/rfc8489#section-6.2.2)), or `None`
/// when fewer than 4 bytes are there or the two leading bits are not zero.
///
/// ```
/// use rtcinspect_wire::stun::message_len;
///
/// // A header announcing 8 bytes of attributes: the message is 28 bytes long.
/// assert_eq!(message_len(&[0x01, 0x01, 0x00, 0x08]), Some(28));
/// assert_eq!(message_len(&[0x01, 0x01, 0x00]), None);
/// ```
#[inline]
pub fn message_len(bytes: &[u8]) -> Option<usize> {
    let &[t0, _, l0, l1] = bytes.first_chunk::<4>()?;
    (t0 & 0xc0 == 0).then(|| HEADER_LEN + usize::from(u16::from_be_bytes([l0, l1])))
}

/// A STUN message ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)):
/// a view over the header and the attributes its length field covers.
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |  attributes,
/// |                         Value (variable)                ....  |  each padded
/// ```                                                                to 4 bytes
///
/// A message without the magic cookie is read as an RFC 3489 message
/// ([`has_magic_cookie`](Message::has_magic_cookie) is false): its transaction ID is
/// 128 bits, and XOR-MAPPED-ADDRESS means nothing to it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Message<'a> {
    /// The whole message, header and attributes, exactly as long as the length field
    /// says.
    buf: &'a [u8],
    /// Offset of the last attribute (0 without attributes), found while checking: the
    /// FINGERPRINT check, which runs on every datagram a demultiplexer sees, starts
    /// from it without walking the attributes again.
    last: usize,
}

impl<'a> Message<'a> {
    /// Reads the message at the start of `buf`: the two leading bits must be zero, the
    /// length field a multiple of 4 that fits in `buf`, and every attribute (header,
    /// value and padding) must fit in the length. The magic cookie is not required
    /// (RFC 3489 messages have none). Bytes after the message are not part of the
    /// view: compare [`len`](Message::len) with the datagram to spot them, or use
    /// [`message_len`] to cut a message out of a stream.
    #[inline]
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, StunError> {
        let Some(&[t0, _, l0, l1]) = buf.first_chunk::<4>() else {
            return Err(truncated("message header", 0, HEADER_LEN, buf.len()));
        };
        if buf.len() < HEADER_LEN {
            return Err(truncated("message header", 0, HEADER_LEN, buf.len()));
        }
        if t0 & 0xc0 != 0 {
            return Err(StunError::InvalidValue {
                field: "most significant 2 bits",
                offset: 0,
                value: u32::from(t0 >> 6),
            });
        }
        let length = u16::from_be_bytes([l0, l1]);
        if length % 4 != 0 {
            return Err(StunError::InvalidValue {
                field: "Message Length",
                offset: field::LENGTH.start,
                value: u32::from(length),
            });
        }
        let end = HEADER_LEN + usize::from(length);
        let Some(buf) = buf.get(..end) else {
            return Err(truncated(
                "attributes",
                HEADER_LEN,
                usize::from(length),
                buf.len(),
            ));
        };
        let last = check_attributes(buf)?;
        Ok(Self { buf, last })
    }

    /// The message type field (its two leading bits are zero).
    #[inline]
    pub fn message_type_field(&self) -> u16 {
        bytes::u16_at(self.buf, field::TYPE.start)
    }

    /// The message type: class and method.
    #[inline]
    pub fn message_type(&self) -> MessageType {
        MessageType::from_u16(self.message_type_field())
    }

    /// The class (request, indication, success or error response).
    #[inline]
    pub fn class(&self) -> Class {
        self.message_type().class
    }

    /// The method.
    #[inline]
    pub fn method(&self) -> Method {
        self.message_type().method
    }

    /// The message length field: bytes of attributes after the header.
    #[inline]
    pub fn length_field(&self) -> u16 {
        bytes::u16_at(self.buf, field::LENGTH.start)
    }

    /// The magic cookie field (for an RFC 3489 message, the first 32 bits of its
    /// transaction ID).
    #[inline]
    pub fn magic_cookie(&self) -> u32 {
        bytes::u32_at(self.buf, field::COOKIE.start)
    }

    /// Whether the magic cookie is [`MAGIC_COOKIE`]: an RFC 5389 or RFC 8489 message
    /// rather than an RFC 3489 one.
    #[inline]
    pub fn has_magic_cookie(&self) -> bool {
        self.magic_cookie() == MAGIC_COOKIE
    }

    /// The 96-bit transaction ID.
    #[inline]
    pub fn transaction_id(&self) -> TransactionId {
        TransactionId(bytes::array(self.buf, field::TRANSACTION_ID.start).unwrap_or_default())
    }

    /// The 128-bit transaction ID of an RFC 3489 message: the magic cookie field and
    /// the 96 bits after it.
    #[inline]
    pub fn classic_transaction_id(&self) -> [u8; 16] {
        bytes::array(self.buf, field::COOKIE.start).unwrap_or_default()
    }

    /// The attributes, in order.
    #[inline]
    pub fn attributes(&self) -> Attributes<'a> {
        Attributes::new(self.buf)
    }

    /// The first attribute of type `attr_type`, if there is one (RFC 8489 §14: when an
    /// attribute appears twice only the first is significant).
    #[inline]
    pub fn attribute(&self, attr_type: AttributeType) -> Option<RawAttribute<'a>> {
        let code = attr_type.code();
        self.attributes().find(|a| a.type_code() == code)
    }

    /// The first comprehension-required attribute (type 0x0000–0x7FFF) whose type this
    /// crate does not know: what an agent would list in UNKNOWN-ATTRIBUTES
    /// ([RFC 8489 §6.3.1](https://www.rfc-editor.org/rfc/rfc8489#section-6.3.1)).
    pub fn unknown_comprehension_required(&self) -> Option<RawAttribute<'a>> {
        self.attributes().find(|a| {
            let t = a.attr_type();
            t.is_comprehension_required() && t.name().is_none()
        })
    }

    /// Length of the message, header included.
    #[inline]
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Always false: a message has at least its header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The 20-byte header.
    #[inline]
    pub fn header(&self) -> &'a [u8] {
        self.buf.get(..HEADER_LEN).unwrap_or(&[])
    }

    /// The whole message.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// The last attribute, if there is one.
    #[inline]
    pub fn last_attribute(&self) -> Option<RawAttribute<'a>> {
        if self.last == 0 {
            return None;
        }
        Attributes {
            msg: self.buf,
            offset: self.last,
            xor_key: xor_key(self.buf),
        }
        .next()
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("class", &self.class())
            .field("method", &self.method())
            .field("length", &self.length_field())
            .field("magic_cookie", &self.has_magic_cookie())
            .field("transaction_id", &self.transaction_id())
            .finish()
    }
}

/// Checks that every attribute header, value and padding fits in `msg` (a message whose
/// length is a multiple of 4 and matches the slice); returns the offset of the last
/// attribute (0 when there is none).
#[inline]
fn check_attributes(msg: &[u8]) -> Result<usize, StunError> {
    let mut last = 0;
    let mut at = HEADER_LEN;
    while let Some(rest) = msg.get(at..).filter(|r| !r.is_empty()) {
        // The remaining length is a multiple of 4, so a header always fits.
        let len = usize::from(bytes::u16_at(rest, 2));
        let padded = (len + 3) & !3;
        let available = rest.len() - ATTRIBUTE_HEADER_LEN.min(rest.len());
        if padded > available {
            return Err(StunError::Truncated {
                field: if len > available {
                    "attribute value"
                } else {
                    "attribute padding"
                },
                offset: at + ATTRIBUTE_HEADER_LEN,
                needed: padded,
                available,
            });
        }
        last = at;
        at += ATTRIBUTE_HEADER_LEN + padded;
    }
    Ok(last)
}

#[inline]
fn truncated(field: &'static str, offset: usize, needed: usize, len: usize) -> StunError {
    StunError::Truncated {
        field,
        offset,
        needed,
        available: len.saturating_sub(offset),
    }
}

/// The magic cookie and transaction ID of a message, which XOR-…-ADDRESS attributes
/// are masked with; zeros when the message is shorter than its header.
#[inline]
fn xor_key(msg: &[u8]) -> &[u8; 16] {
    msg.get(field::COOKIE.start..)
        .and_then(|r| r.first_chunk::<16>())
        .unwrap_or(&[0; 16])
}

/// One attribute as it stands in a message: type, value and padding
/// ([RFC 8489 §14](https://www.rfc-editor.org/rfc/rfc8489#section-14)).
///
/// ```text
/// |         Type                  |            Length             |
/// |                         Value (variable)                ....  |
/// ```
///
/// [`decode`](RawAttribute::decode) reads the value as the type defines it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawAttribute<'a> {
    attr_type: u16,
    value: &'a [u8],
    padding: &'a [u8],
    offset: usize,
    /// Magic cookie and transaction ID, for the XOR-…-ADDRESS attributes.
    xor_key: &'a [u8; 16],
}

impl<'a> RawAttribute<'a> {
    /// The attribute type.
    #[inline]
    pub fn attr_type(&self) -> AttributeType {
        AttributeType::from_code(self.attr_type)
    }

    /// The attribute type as a number.
    #[inline]
    pub fn type_code(&self) -> u16 {
        self.attr_type
    }

    /// The value, without padding.
    #[inline]
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// The padding after the value (0–3 bytes, which RFC 8489 §14 says to ignore; RFC
    /// 5769's vectors fill it with spaces).
    #[inline]
    pub fn padding(&self) -> &'a [u8] {
        self.padding
    }

    /// Offset of the attribute header from the start of the message.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Bytes the attribute takes in the message: header, value and padding.
    #[inline]
    pub fn wire_len(&self) -> usize {
        ATTRIBUTE_HEADER_LEN + self.value.len() + self.padding.len()
    }

    /// Decodes the value as the type defines it ([`Attribute::decode`]).
    #[inline]
    pub fn decode(&self) -> Result<Attribute<'a>, StunError> {
        Attribute::decode(self)
    }

    /// Whether an agent that does not know this attribute must reject the message
    /// (type 0x0000–0x7FFF, [RFC 8489 §14](https://www.rfc-editor.org/rfc/rfc8489#section-14)).
    #[inline]
    pub fn is_comprehension_required(&self) -> bool {
        self.attr_type < 0x8000
    }

    /// The magic cookie and transaction ID of the message, which the XOR-…-ADDRESS
    /// attributes are masked with.
    #[inline]
    pub(crate) fn xor_key(&self) -> &'a [u8; 16] {
        self.xor_key
    }
}

impl fmt::Debug for RawAttribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawAttribute")
            .field("attr_type", &self.attr_type())
            .field("value", &self.value)
            .field("padding", &self.padding)
            .field("offset", &self.offset)
            .finish()
    }
}

/// Iterator over the attributes of a message, in order.
#[derive(Clone)]
pub struct Attributes<'a> {
    msg: &'a [u8],
    offset: usize,
    xor_key: &'a [u8; 16],
}

impl<'a> Attributes<'a> {
    #[inline]
    fn new(msg: &'a [u8]) -> Self {
        Self {
            msg,
            offset: HEADER_LEN,
            xor_key: xor_key(msg),
        }
    }

    /// Offset of the next attribute from the start of the message (the message length
    /// once all are read).
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = RawAttribute<'a>;

    #[inline]
    fn next(&mut self) -> Option<RawAttribute<'a>> {
        let rest = self.msg.get(self.offset..)?;
        let (&[t0, t1, l0, l1], after) = rest.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_be_bytes([l0, l1]));
        let (value, after) = after.split_at_checked(len)?;
        let pad = (4 - len % 4) % 4;
        let padding = after.get(..pad).unwrap_or(after);
        let attribute = RawAttribute {
            attr_type: u16::from_be_bytes([t0, t1]),
            value,
            padding,
            offset: self.offset,
            xor_key: self.xor_key,
        };
        self.offset += ATTRIBUTE_HEADER_LEN + len + padding.len();
        Some(attribute)
    }
}

impl core::iter::FusedIterator for Attributes<'_> {}

impl fmt::Debug for Attributes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attributes")
            .field("offset", &self.offset)
            .finish()
    }
}

#[cfg(all(test, feature = "stun-crypto"))]
mod tests;
