//! Writing STUN messages.

use super::attr::{password_algorithms_len, write_password_algorithms};
use super::{
    ATTRIBUTE_HEADER_LEN, Attribute, AttributeType, Class, HEADER_LEN, MAGIC_COOKIE, Message,
    MessageType, Method, PasswordAlgorithm, RawAttribute, TransactionId,
};
use crate::bytes::{self, EmitError, Writer};

/// An attribute to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttributeRepr<'a> {
    /// A typed value, written with zeros as padding (XOR-…-ADDRESS attributes are
    /// masked with the message's transaction ID).
    Value(Attribute<'a>),
    /// UNKNOWN-ATTRIBUTES from a list of types.
    UnknownAttributes(&'a [AttributeType]),
    /// PASSWORD-ALGORITHMS from a list of algorithms, each entry padded with zeros.
    PasswordAlgorithms(&'a [PasswordAlgorithm<'a>]),
    /// An attribute written as it is: what [`AttributeRepr::parse`] produces, so that
    /// an unmodified message is written back byte for byte, padding included.
    Raw {
        /// The attribute type.
        attr_type: AttributeType,
        /// The value, without padding.
        value: &'a [u8],
        /// The padding bytes to write after the value: empty for zeros, else exactly
        /// as many as the value needs to reach a multiple of 4.
        padding: &'a [u8],
    },
}

impl<'a> AttributeRepr<'a> {
    /// The attribute of a parsed message, kept raw (type, value and padding bytes).
    #[inline]
    pub fn parse(raw: &RawAttribute<'a>) -> Self {
        Self::Raw {
            attr_type: raw.attr_type(),
            value: raw.value(),
            padding: raw.padding(),
        }
    }

    /// The attribute type.
    pub fn attr_type(&self) -> AttributeType {
        match self {
            Self::Value(a) => a.attr_type(),
            Self::UnknownAttributes(_) => AttributeType::UnknownAttributes,
            Self::PasswordAlgorithms(_) => AttributeType::PasswordAlgorithms,
            Self::Raw { attr_type, .. } => *attr_type,
        }
    }

    /// Bytes of value, without padding.
    pub fn value_len(&self) -> usize {
        match self {
            Self::Value(a) => a.value_len(),
            Self::UnknownAttributes(list) => list.len() * 2,
            Self::PasswordAlgorithms(list) => password_algorithms_len(list),
            Self::Raw { value, .. } => value.len(),
        }
    }

    /// Bytes the attribute takes in a message: header, value and padding.
    pub fn buffer_len(&self) -> usize {
        ATTRIBUTE_HEADER_LEN + self.value_len().next_multiple_of(4)
    }

    /// Writes header, value and padding; `xor_key` is the magic cookie and transaction
    /// ID.
    fn write(&self, w: &mut Writer<'_>, xor_key: &[u8; 16]) -> Result<(), EmitError> {
        let len = self.value_len();
        bytes::check_max("attribute length", len, 0xffff)?;
        let pad = len.next_multiple_of(4) - len;
        w.u16(self.attr_type().code())?;
        w.u16(len as u16)?;
        let start = w.position();
        match self {
            Self::Value(a) => a.write_value(w, xor_key)?,
            Self::UnknownAttributes(list) => list.iter().try_for_each(|t| w.u16(t.code()))?,
            Self::PasswordAlgorithms(list) => write_password_algorithms(w, list)?,
            Self::Raw { value, .. } => w.put(value)?,
        }
        if w.position() - start != len {
            return Err(EmitError::InvalidValue {
                field: "attribute value length",
                value: (w.position() - start) as u64,
            });
        }
        match self {
            Self::Raw { padding, .. } if !padding.is_empty() => {
                if padding.len() != pad {
                    return Err(EmitError::InvalidValue {
                        field: "attribute padding length",
                        value: padding.len() as u64,
                    });
                }
                w.put(padding)?;
            }
            _ => w.zeros(pad)?,
        }
        Ok(())
    }
}

impl<'a> From<Attribute<'a>> for AttributeRepr<'a> {
    fn from(a: Attribute<'a>) -> Self {
        Self::Value(a)
    }
}

/// The fields of a STUN message, to write one
/// ([RFC 8489 §5](https://www.rfc-editor.org/rfc/rfc8489#section-5)).
///
/// The writer computes the message length and, with the `stun-crypto` feature, appends
/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT after `attributes`, in
/// that order ([RFC 8489 §14.5–14.7](https://www.rfc-editor.org/rfc/rfc8489#section-14.5)).
///
/// A key is the short-term password as it is (for ICE, the ice-pwd of the agent that
/// will check the message), or a long-term key from
/// [`long_term_key_md5`](super::long_term_key_md5) /
/// [`long_term_key_sha256`](super::long_term_key_sha256). Passwords are used as given:
/// the OpaqueString preparation of RFC 8265 is the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageRepr<'a> {
    /// The class.
    pub class: Class,
    /// The method.
    pub method: Method,
    /// The magic cookie field: [`MAGIC_COOKIE`], or for an RFC 3489 message the first
    /// 32 bits of its transaction ID.
    pub magic_cookie: u32,
    /// The transaction ID.
    pub transaction_id: TransactionId,
    /// The attributes, in order.
    pub attributes: &'a [AttributeRepr<'a>],
    /// Appends MESSAGE-INTEGRITY (HMAC-SHA1) computed with this key.
    #[cfg(feature = "stun-crypto")]
    pub message_integrity: Option<&'a [u8]>,
    /// Appends MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, 32 bytes) computed with this key.
    #[cfg(feature = "stun-crypto")]
    pub message_integrity_sha256: Option<&'a [u8]>,
    /// Appends FINGERPRINT.
    #[cfg(feature = "stun-crypto")]
    pub fingerprint: bool,
}

impl Default for MessageRepr<'_> {
    /// A Binding request with the magic cookie, a zero transaction ID and no
    /// attributes.
    fn default() -> Self {
        Self {
            class: Class::Request,
            method: Method::Binding,
            magic_cookie: MAGIC_COOKIE,
            transaction_id: TransactionId::default(),
            attributes: &[],
            #[cfg(feature = "stun-crypto")]
            message_integrity: None,
            #[cfg(feature = "stun-crypto")]
            message_integrity_sha256: None,
            #[cfg(feature = "stun-crypto")]
            fingerprint: false,
        }
    }
}

impl<'a> MessageRepr<'a> {
    /// The header of a parsed message with `attributes` (typically its attributes
    /// through [`AttributeRepr::parse`], collected by the caller). Writing the result
    /// gives back the message byte for byte: MESSAGE-INTEGRITY and FINGERPRINT are
    /// among the raw attributes, not recomputed.
    #[cfg_attr(not(feature = "stun-crypto"), allow(clippy::needless_update))]
    pub fn parse(message: &Message<'a>, attributes: &'a [AttributeRepr<'a>]) -> Self {
        let MessageType { class, method } = message.message_type();
        Self {
            class,
            method,
            magic_cookie: message.magic_cookie(),
            transaction_id: message.transaction_id(),
            attributes,
            ..Self::default()
        }
    }

    /// The message type.
    #[inline]
    pub fn message_type(&self) -> MessageType {
        MessageType::new(self.class, self.method)
    }

    /// Bytes of the attributes the writer appends itself.
    fn trailer_len(&self) -> usize {
        #[cfg(feature = "stun-crypto")]
        {
            usize::from(self.message_integrity.is_some()) * 24
                + usize::from(self.message_integrity_sha256.is_some()) * 36
                + usize::from(self.fingerprint) * 8
        }
        #[cfg(not(feature = "stun-crypto"))]
        {
            0
        }
    }

    /// Bytes [`emit`](Self::emit) writes: header, attributes and what the writer
    /// appends.
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN
            + self
                .attributes
                .iter()
                .map(AttributeRepr::buffer_len)
                .sum::<usize>()
            + self.trailer_len()
    }

    /// Writes the message at the start of `buf` and returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let total = self.buffer_len();
        bytes::check_max("Message Length", total - HEADER_LEN, 0xfffc)?;
        let mut w = Writer::new(buf);
        w.reserve(total)?;
        w.u16(self.message_type().to_u16())?;
        w.u16((total - HEADER_LEN) as u16)?;
        w.u32(self.magic_cookie)?;
        w.put(&self.transaction_id.0)?;
        let mut xor_key = [0u8; 16];
        xor_key[..4].copy_from_slice(&self.magic_cookie.to_be_bytes());
        xor_key[4..].copy_from_slice(&self.transaction_id.0);
        for attribute in self.attributes {
            attribute.write(&mut w, &xor_key)?;
        }
        #[cfg(feature = "stun-crypto")]
        self.write_trailer(&mut w)?;
        if w.position() != total {
            return Err(EmitError::InvalidValue {
                field: "message length",
                value: w.position() as u64,
            });
        }
        Ok(total)
    }

    /// Appends MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT as asked.
    #[cfg(feature = "stun-crypto")]
    fn write_trailer(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        use super::integrity;
        if let Some(key) = self.message_integrity {
            let end = w.position() + 24;
            let mac =
                integrity::hmac_sha1(key, w.written_mut(), end - HEADER_LEN).ok_or(bad_key(key))?;
            w.u16(AttributeType::MessageIntegrity.code())?;
            w.u16(20)?;
            w.put(&mac)?;
        }
        if let Some(key) = self.message_integrity_sha256 {
            let end = w.position() + 36;
            let mac = integrity::hmac_sha256(key, w.written_mut(), end - HEADER_LEN)
                .ok_or(bad_key(key))?;
            w.u16(AttributeType::MessageIntegritySha256.code())?;
            w.u16(32)?;
            w.put(&mac)?;
        }
        if self.fingerprint {
            let crc = super::fingerprint(w.written_mut());
            w.u16(AttributeType::Fingerprint.code())?;
            w.u16(4)?;
            w.u32(crc)?;
        }
        Ok(())
    }

    /// Appends the message to `out` and returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        let start = out.len();
        out.resize(start + self.buffer_len(), 0);
        let result = self.emit(out.get_mut(start..).unwrap_or_default());
        out.truncate(start + *result.as_ref().unwrap_or(&0));
        result
    }
}

/// The error for a key HMAC refused (it takes keys of any length, so never).
#[cfg(feature = "stun-crypto")]
fn bad_key(key: &[u8]) -> EmitError {
    EmitError::InvalidValue {
        field: "MESSAGE-INTEGRITY key length",
        value: key.len() as u64,
    }
}
