//! Security attributes: DTLS fingerprints and roles, SDES keys.

use nom::bytes::complete::take_till1;

use super::{fields, required, typed_attribute};
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::token;

/// A hash function of `a=fingerprint` ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5),
/// IANA "Hash Function Textual Names").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashFunction<'a> {
    /// `sha-1` (20 bytes).
    Sha1,
    /// `sha-224` (28 bytes).
    Sha224,
    /// `sha-256` (32 bytes).
    Sha256,
    /// `sha-384` (48 bytes).
    Sha384,
    /// `sha-512` (64 bytes).
    Sha512,
    /// `md5` (16 bytes, must not be used).
    Md5,
    /// `md2` (16 bytes, must not be used).
    Md2,
    /// Any other name.
    Other(&'a str),
}

impl<'a> HashFunction<'a> {
    /// The function named `s` (case-insensitive, as RFC 8122 §5 says).
    #[inline]
    pub fn from_name(s: &'a str) -> Self {
        let eq = |n: &str| s.eq_ignore_ascii_case(n);
        if eq("sha-256") {
            Self::Sha256
        } else if eq("sha-1") {
            Self::Sha1
        } else if eq("sha-384") {
            Self::Sha384
        } else if eq("sha-512") {
            Self::Sha512
        } else if eq("sha-224") {
            Self::Sha224
        } else if eq("md5") {
            Self::Md5
        } else if eq("md2") {
            Self::Md2
        } else {
            Self::Other(s)
        }
    }

    /// The digest length in bytes, for the known functions.
    #[inline]
    pub fn digest_len(&self) -> Option<usize> {
        Some(match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
            Self::Md5 | Self::Md2 => 16,
            Self::Other(_) => return None,
        })
    }
}

/// `a=fingerprint:<hash function> <hex bytes separated by colons>`
/// ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint<'a> {
    /// The hash function, as written (`sha-256`).
    pub hash: &'a str,
    /// The fingerprint, as written (`AB:CD:...`).
    pub value: &'a str,
}

impl<'a> Fingerprint<'a> {
    /// Parses the value; the fingerprint must be hex pairs separated by colons
    /// (lower-case hex is accepted although RFC 8122 asks for upper case), at most 64
    /// bytes.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        if let Some((hash, fp)) = value.and_then(|v| v.split_once(' ')) {
            let n = (fp.len() + 1) / 3;
            if crate::grammar::is_token(hash)
                && fp.len() % 3 == 2
                && n <= 64
                && hex_pairs(fp.as_bytes())
            {
                return Ok(Self { hash, value: fp });
            }
        }
        Self::parse_fields(value)
    }

    /// The field-by-field parse that names what is wrong.
    #[inline]
    pub(crate) fn parse_fields(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "fingerprint", |f| {
            let hash = f.field("hash-func", token)?;
            f.space("fingerprint")?;
            let at = f.offset();
            let value = f.take_rest();
            let n = (value.len() + 1) / 3;
            let ok = value.len() % 3 == 2 && n <= 64 && hex_pairs(value.as_bytes());
            if !ok {
                return Err(FieldError {
                    field: "fingerprint",
                    offset: at,
                    kind: FieldErrorKind::Invalid,
                });
            }
            Ok(Self { hash, value })
        })
    }

    /// The hash function.
    #[inline]
    pub fn hash_function(&self) -> HashFunction<'a> {
        HashFunction::from_name(self.hash)
    }

    /// The fingerprint bytes.
    #[inline]
    pub fn bytes(&self) -> FingerprintBytes {
        let mut out = FingerprintBytes {
            bytes: [0; 64],
            len: 0,
        };
        let mut n = 0;
        for (slot, pair) in out.bytes.iter_mut().zip(self.value.as_bytes().chunks(3)) {
            if let [h, l, ..] = *pair {
                *slot = (hex(h) << 4) | hex(l);
                n += 1;
            }
        }
        out.len = n;
        out
    }
}
typed_attribute!(Fingerprint, "fingerprint");

/// Whether `b` is hex pairs separated by colons (`AB:CD:…`), its length checked by
/// the caller.
fn hex_pairs(b: &[u8]) -> bool {
    let mut pairs = b.chunks(3);
    pairs.all(|p| match p {
        [h, l, b':'] | [h, l] => h.is_ascii_hexdigit() && l.is_ascii_hexdigit(),
        _ => false,
    })
}

fn hex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// The bytes of a fingerprint (up to 64, the size of a SHA-512 digest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FingerprintBytes {
    bytes: [u8; 64],
    len: u8,
}

impl FingerprintBytes {
    /// The bytes.
    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

/// `a=setup` ([RFC 4145 §4](https://www.rfc-editor.org/rfc/rfc4145#section-4),
/// [RFC 8842 §5](https://www.rfc-editor.org/rfc/rfc8842#section-5)): which side opens
/// the connection (the DTLS client is `active`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setup {
    /// `active`: this endpoint initiates.
    Active,
    /// `passive`: this endpoint accepts.
    Passive,
    /// `actpass`: either (offers only).
    Actpass,
    /// `holdconn`: no connection yet.
    Holdconn,
}

impl Setup {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&str>) -> Result<Self, FieldError> {
        Ok(match required(value)? {
            "active" => Self::Active,
            "passive" => Self::Passive,
            "actpass" => Self::Actpass,
            "holdconn" => Self::Holdconn,
            _ => {
                return Err(FieldError {
                    field: "role",
                    offset: 0,
                    kind: FieldErrorKind::Invalid,
                });
            }
        })
    }

    /// The value as written.
    #[inline]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Passive => "passive",
            Self::Actpass => "actpass",
            Self::Holdconn => "holdconn",
        }
    }
}
typed_attribute!(Setup, "setup", owned);

/// `a=connection` ([RFC 4145 §5](https://www.rfc-editor.org/rfc/rfc4145#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectionRole {
    /// `new`.
    New,
    /// `existing`.
    Existing,
}

impl ConnectionRole {
    /// Parses the value.
    #[inline]
    pub fn parse(value: Option<&str>) -> Result<Self, FieldError> {
        match required(value)? {
            "new" => Ok(Self::New),
            "existing" => Ok(Self::Existing),
            _ => Err(FieldError {
                field: "conn-value",
                offset: 0,
                kind: FieldErrorKind::Invalid,
            }),
        }
    }
}
typed_attribute!(ConnectionRole, "connection", owned);

/// `a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]`
/// ([RFC 4568 §9.1](https://www.rfc-editor.org/rfc/rfc4568#section-9.1)): SDES keys
/// for SRTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Crypto<'a> {
    /// The tag (1 to 9 digits).
    pub tag: u32,
    /// The crypto suite (`AES_CM_128_HMAC_SHA1_80`).
    pub suite: &'a str,
    /// The key parameters, raw (`inline:…;inline:…`).
    pub key_params_raw: &'a str,
    /// The session parameters, raw (`KDR=1 UNENCRYPTED_SRTCP`...).
    pub session_params: Option<&'a str>,
}

impl<'a> Crypto<'a> {
    /// Parses the value; every key parameter is checked.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "session-param", |f| {
            let tag_at = f.offset();
            let tag: u32 = f.number("tag")?;
            if tag_at + 9 < f.offset() {
                return Err(FieldError {
                    field: "tag",
                    offset: tag_at,
                    kind: FieldErrorKind::OutOfRange,
                });
            }
            f.space("crypto-suite")?;
            let suite = f.field("crypto-suite", take_till1(|c| c == b' '))?;
            f.space("key-params")?;
            let key_at = f.offset();
            let key_params_raw = f.field("key-params", take_till1(|c| c == b' '))?;
            for (i, p) in (KeyParams {
                rest: key_params_raw,
            })
            .enumerate()
            {
                if p.method.is_empty() || (p.method == "inline" && p.inline().is_none()) {
                    return Err(FieldError {
                        field: "key-info",
                        offset: key_at + i,
                        kind: FieldErrorKind::Invalid,
                    });
                }
            }
            let session_params = if f.eat(' ') {
                Some(f.take_rest())
            } else {
                None
            };
            Ok(Self {
                tag,
                suite,
                key_params_raw,
                session_params,
            })
        })
    }

    /// The key parameters (RFC 4568 §9.1 `key-param`), in order.
    #[inline]
    pub fn key_params(&self) -> KeyParams<'a> {
        KeyParams {
            rest: self.key_params_raw,
        }
    }
}
typed_attribute!(Crypto, "crypto");

/// Iterator over the `;`-separated key parameters of a [`Crypto`].
#[derive(Debug, Clone)]
pub struct KeyParams<'a> {
    rest: &'a str,
}

impl<'a> Iterator for KeyParams<'a> {
    type Item = KeyParam<'a>;

    fn next(&mut self) -> Option<KeyParam<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        let (param, rest) = self.rest.split_once(';').unwrap_or((self.rest, ""));
        self.rest = rest;
        let (method, info) = param.split_once(':').unwrap_or(("", param));
        Some(KeyParam { method, info })
    }
}

/// One key parameter: `<key-method>:<key-info>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyParam<'a> {
    /// The key method (`inline`).
    pub method: &'a str,
    /// The key info, raw.
    pub info: &'a str,
}

impl<'a> KeyParam<'a> {
    /// The key info of the `inline` method: `<key||salt>[|<lifetime>][|<MKI>:<length>]`
    /// ([RFC 4568 §6.1](https://www.rfc-editor.org/rfc/rfc4568#section-6.1)).
    #[inline]
    pub fn inline(&self) -> Option<InlineKey<'a>> {
        if self.method != "inline" {
            return None;
        }
        let mut parts = self.info.split('|');
        let key_salt = parts.next().filter(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        })?;
        let mut lifetime = None;
        let mut mki = None;
        for part in parts {
            if let Some((value, length)) = part.split_once(':') {
                if mki.is_some() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let length = length.parse().ok().filter(|l| (1..=128).contains(l))?;
                mki = Some(Mki { value, length });
            } else {
                if lifetime.is_some() || mki.is_some() {
                    return None;
                }
                let (power, digits) = match part.strip_prefix("2^") {
                    Some(d) => (true, d),
                    None => (false, part),
                };
                let n: u64 = digits.parse().ok().filter(|_| !digits.starts_with('+'))?;
                lifetime = Some(if power {
                    Lifetime::PowerOfTwo(n)
                } else {
                    Lifetime::Packets(n)
                });
            }
        }
        Some(InlineKey {
            key_salt,
            lifetime,
            mki,
        })
    }
}

/// An `inline` key ([RFC 4568 §6.1](https://www.rfc-editor.org/rfc/rfc4568#section-6.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InlineKey<'a> {
    /// The base64 concatenated master key and salt.
    pub key_salt: &'a str,
    /// The master key lifetime, in packets.
    pub lifetime: Option<Lifetime>,
    /// The master key identifier and its length in bytes.
    pub mki: Option<Mki<'a>>,
}

/// A master key lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lifetime {
    /// `2^n` packets.
    PowerOfTwo(u64),
    /// `n` packets.
    Packets(u64),
}

/// A master key identifier: its value (decimal) and its length in bytes (1 to 128).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mki<'a> {
    /// The MKI value, decimal digits.
    pub value: &'a str,
    /// The MKI field length in the SRTP packet, bytes.
    pub length: u8,
}
