//! FINGERPRINT ([RFC 8489 §14.7](https://www.rfc-editor.org/rfc/rfc8489#section-14.7)),
//! MESSAGE-INTEGRITY ([§14.5](https://www.rfc-editor.org/rfc/rfc8489#section-14.5)) and
//! MESSAGE-INTEGRITY-SHA256 ([§14.6](https://www.rfc-editor.org/rfc/rfc8489#section-14.6))
//! checks, and the long-term credential keys of
//! [§9.2.2](https://www.rfc-editor.org/rfc/rfc8489#section-9.2.2).
//!
//! Nothing here allocates or copies the message: the HMAC is fed the first two header
//! bytes, the length field as it would read if the protected attribute were the last
//! one, then the rest of the message up to that attribute.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::{ATTRIBUTE_HEADER_LEN, AttributeType, HEADER_LEN, Message, RawAttribute};

/// The value FINGERPRINT's CRC-32 is XOR-ed with (`"STUN"` in ASCII).
pub const FINGERPRINT_XOR: u32 = 0x5354_554e;

/// Why a FINGERPRINT or MESSAGE-INTEGRITY(-SHA256) check failed.
///
/// Offsets count from the first byte of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VerifyError {
    /// The message has no such attribute.
    Missing(AttributeType),
    /// The attribute's value has a length its definition does not allow (FINGERPRINT
    /// 4 bytes, MESSAGE-INTEGRITY 20, MESSAGE-INTEGRITY-SHA256 16 to 32 in steps of 4).
    InvalidLength {
        /// The attribute.
        attribute: AttributeType,
        /// Offset of the attribute header.
        offset: usize,
        /// Length of its value.
        len: usize,
    },
    /// FINGERPRINT is not the last attribute (RFC 8489 §14.7).
    NotLast {
        /// Offset of the attribute header.
        offset: usize,
    },
    /// The value does not match the one computed over the message.
    Mismatch {
        /// The attribute.
        attribute: AttributeType,
        /// Offset of the attribute header.
        offset: usize,
    },
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Missing(attribute) => write!(f, "STUN message has no {attribute}"),
            Self::InvalidLength {
                attribute,
                offset,
                len,
            } => write!(
                f,
                "STUN {attribute} at byte {offset} has a value of {len} bytes"
            ),
            Self::NotLast { offset } => {
                write!(
                    f,
                    "STUN FINGERPRINT at byte {offset} is not the last attribute"
                )
            }
            Self::Mismatch { attribute, offset } => {
                write!(
                    f,
                    "STUN {attribute} at byte {offset} does not match the message"
                )
            }
        }
    }
}

impl core::error::Error for VerifyError {}

/// The FINGERPRINT value of a message whose bytes up to the FINGERPRINT attribute are
/// `prefix` (its length field already counting the FINGERPRINT): CRC-32 XOR
/// [`FINGERPRINT_XOR`].
#[inline]
pub fn fingerprint(prefix: &[u8]) -> u32 {
    crc32fast::hash(prefix) ^ FINGERPRINT_XOR
}

/// The long-term key for the MD5 password algorithm, `MD5(username ":" realm ":"
/// password)` ([RFC 8489 §9.2.2](https://www.rfc-editor.org/rfc/rfc8489#section-9.2.2),
/// the only one of RFC 5389 §15.4).
pub fn long_term_key_md5(username: &[u8], realm: &[u8], password: &[u8]) -> [u8; 16] {
    Md5::new()
        .chain_update(username)
        .chain_update(b":")
        .chain_update(realm)
        .chain_update(b":")
        .chain_update(password)
        .finalize()
        .into()
}

/// The long-term key for the SHA-256 password algorithm, `SHA-256(username ":" realm
/// ":" password)` ([RFC 8489 §9.2.2](https://www.rfc-editor.org/rfc/rfc8489#section-9.2.2)).
pub fn long_term_key_sha256(username: &[u8], realm: &[u8], password: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(username)
        .chain_update(b":")
        .chain_update(realm)
        .chain_update(b":")
        .chain_update(password)
        .finalize()
        .into()
}

/// The USERHASH value, `SHA-256(username ":" realm)`
/// ([RFC 8489 §14.4](https://www.rfc-editor.org/rfc/rfc8489#section-14.4)).
pub fn userhash(username: &[u8], realm: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(username)
        .chain_update(b":")
        .chain_update(realm)
        .finalize()
        .into()
}

/// Feeds `mac` the message prefix `prefix` with its length field replaced by `length`.
#[inline]
fn feed<M: Mac>(mac: &mut M, prefix: &[u8], length: usize) {
    let (head, rest) = prefix.split_at(prefix.len().min(2));
    mac.update(head);
    mac.update(&(length as u16).to_be_bytes());
    mac.update(rest.get(2..).unwrap_or(&[]));
}

/// HMAC-SHA1 over `prefix` with the length field read as `length` (`None` if the key
/// were refused, which HMAC never does).
pub(crate) fn hmac_sha1(key: &[u8], prefix: &[u8], length: usize) -> Option<[u8; 20]> {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).ok()?;
    feed(&mut mac, prefix, length);
    Some(mac.finalize().into_bytes().into())
}

/// HMAC-SHA256 over `prefix` with the length field read as `length`.
pub(crate) fn hmac_sha256(key: &[u8], prefix: &[u8], length: usize) -> Option<[u8; 32]> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()?;
    feed(&mut mac, prefix, length);
    Some(mac.finalize().into_bytes().into())
}

impl<'a> Message<'a> {
    /// Checks FINGERPRINT: it must be the last attribute, and its value the CRC-32 of
    /// the message before it XOR 0x5354554e
    /// ([RFC 8489 §14.7](https://www.rfc-editor.org/rfc/rfc8489#section-14.7)).
    #[inline]
    pub fn check_fingerprint(&self) -> Result<(), VerifyError> {
        let attribute = AttributeType::Fingerprint;
        let Some(last) = self
            .last_attribute()
            .filter(|a| a.type_code() == attribute.code())
        else {
            return Err(match self.attribute(attribute) {
                Some(fp) => VerifyError::NotLast {
                    offset: fp.offset(),
                },
                None => VerifyError::Missing(attribute),
            });
        };
        let offset = last.offset();
        let Some(&value) = last
            .value()
            .first_chunk::<4>()
            .filter(|_| last.value().len() == 4)
        else {
            return Err(VerifyError::InvalidLength {
                attribute,
                offset,
                len: last.value().len(),
            });
        };
        let prefix = self.as_bytes().get(..offset).unwrap_or(&[]);
        if fingerprint(prefix) == u32::from_be_bytes(value) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch { attribute, offset })
        }
    }

    /// Checks MESSAGE-INTEGRITY with `key`: the HMAC-SHA1 of the message up to the
    /// first MESSAGE-INTEGRITY attribute, the length field counting up to the end of
    /// that attribute (attributes after it are not covered)
    /// ([RFC 8489 §14.5](https://www.rfc-editor.org/rfc/rfc8489#section-14.5)).
    ///
    /// `key` is the short-term password as is (for ICE, the ice-pwd of the agent
    /// checking), or a long-term key from [`long_term_key_md5`].
    pub fn check_message_integrity(&self, key: &[u8]) -> Result<(), VerifyError> {
        let (attribute, prefix, length) =
            self.protected(AttributeType::MessageIntegrity, |len| len == 20)?;
        let mismatch = VerifyError::Mismatch {
            attribute: AttributeType::MessageIntegrity,
            offset: attribute.offset(),
        };
        // HMAC takes keys of any length: `new_from_slice` does not fail.
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).map_err(|_| mismatch)?;
        feed(&mut mac, prefix, length);
        mac.verify_slice(attribute.value()).map_err(|_| mismatch)
    }

    /// Checks MESSAGE-INTEGRITY-SHA256 with `key`, as
    /// [`check_message_integrity`](Self::check_message_integrity) does with HMAC-SHA256;
    /// a value cut to 16–28 bytes is compared with the start of the HMAC
    /// ([RFC 8489 §14.6](https://www.rfc-editor.org/rfc/rfc8489#section-14.6)).
    ///
    /// `key` is the short-term password, or a long-term key from
    /// [`long_term_key_sha256`] or [`long_term_key_md5`] (as PASSWORD-ALGORITHM says).
    pub fn check_message_integrity_sha256(&self, key: &[u8]) -> Result<(), VerifyError> {
        let (attribute, prefix, length) = self
            .protected(AttributeType::MessageIntegritySha256, |len| {
                (16..=32).contains(&len) && len % 4 == 0
            })?;
        let mismatch = VerifyError::Mismatch {
            attribute: AttributeType::MessageIntegritySha256,
            offset: attribute.offset(),
        };
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).map_err(|_| mismatch)?;
        feed(&mut mac, prefix, length);
        mac.verify_truncated_left(attribute.value())
            .map_err(|_| mismatch)
    }

    /// The first attribute of type `kind`, the message before it, and the length field
    /// the HMAC reads (up to the end of the attribute).
    fn protected(
        &self,
        kind: AttributeType,
        valid_len: impl Fn(usize) -> bool,
    ) -> Result<(RawAttribute<'a>, &'a [u8], usize), VerifyError> {
        let attribute = self.attribute(kind).ok_or(VerifyError::Missing(kind))?;
        let len = attribute.value().len();
        if !valid_len(len) {
            return Err(VerifyError::InvalidLength {
                attribute: kind,
                offset: attribute.offset(),
                len,
            });
        }
        let offset = attribute.offset();
        let prefix = self.as_bytes().get(..offset).unwrap_or(&[]);
        // The value length is a multiple of 4: no padding.
        Ok((
            attribute,
            prefix,
            offset + ATTRIBUTE_HEADER_LEN + len - HEADER_LEN,
        ))
    }
}
