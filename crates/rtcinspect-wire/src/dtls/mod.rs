//! DTLS record and handshake headers, headers only: nothing here decrypts
//! ([RFC 6347](https://www.rfc-editor.org/rfc/rfc6347) for DTLS 1.0 and 1.2,
//! [RFC 9147](https://www.rfc-editor.org/rfc/rfc9147) for DTLS 1.3,
//! [RFC 5764](https://www.rfc-editor.org/rfc/rfc5764) for DTLS-SRTP).
//!
//! A datagram holds one or more records. [`Records`] walks them and yields each as an
//! [`AnyRecord`]: a [`Record`] with the 13-byte header every DTLS version uses for
//! plaintext (and DTLS 1.0/1.2 for ciphertext too), or a DTLS 1.3 [`UnifiedRecord`].
//! A record whose length can be trusted never hides the ones after it.
//!
//! The handshake records of epoch 0 are in the clear: [`Record::handshakes`] walks
//! their [`Handshake`] messages, and [`Handshake::body`] reads the whole messages
//! this module knows: [`ClientHello`] and [`ServerHello`] (with their [`Extensions`]:
//! `use_srtp`, `supported_groups`, `signature_algorithms`, `supported_versions`,
//! `key_share`, ...), [`HelloVerifyRequest`] and [`Certificate`] (the DER bytes of each
//! certificate, for the SHA-256 fingerprint SDP's `a=fingerprint` announces). A
//! fragment of a larger message is handed out as bytes: reassembly is the caller's.
//! [`Alert`]s in the clear read from [`Record::alert`].
//!
//! Every view is validated by its checked constructor (or the iterator that yields
//! it); afterwards no accessor panics. Codepoints are values that name themselves
//! ([`CipherSuite`], [`ExtensionType`], [`NamedGroup`], [`SignatureScheme`],
//! [`SrtpProtectionProfile`], ...): an unknown one is never an error. Each message has
//! a `…Repr` that writes it; writing the `Repr` of an unmodified parse gives the same
//! bytes.
//!
//! ```
//! use rtcinspect_wire::dtls::{
//!     AnyRecord, CipherSuite, ClientHelloRepr, ContentType, Extension, ExtensionRepr,
//!     ExtensionsRepr, FragmentRepr, HandshakeBody, HandshakeBodyRepr, HandshakeRepr,
//!     ProtocolVersion, RecordRepr, Records, SrtpProtectionProfile,
//! };
//!
//! // A ClientHello offering one cipher suite and DTLS-SRTP with two profiles.
//! let profiles = [
//!     SrtpProtectionProfile::SRTP_AEAD_AES_128_GCM,
//!     SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80,
//! ];
//! let extensions = [
//!     ExtensionRepr::UseSrtp { profiles: profiles[..].into(), mki: &[] },
//!     ExtensionRepr::ExtendedMasterSecret,
//! ];
//! let hello = ClientHelloRepr {
//!     cipher_suites: [CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256][..].into(),
//!     extensions: Some(ExtensionsRepr::List(&extensions)),
//!     ..ClientHelloRepr::new([7; 32])
//! };
//! let message = HandshakeRepr::whole(0, HandshakeBodyRepr::ClientHello(hello));
//! let record = RecordRepr {
//!     content_type: ContentType::HANDSHAKE,
//!     version: ProtocolVersion::DTLS_1_0,
//!     epoch: 0,
//!     sequence_number: 0,
//!     connection_id: &[],
//!     fragment: FragmentRepr::Handshakes(&[message]),
//! };
//! let mut datagram = [0u8; 256];
//! let len = record.emit(&mut datagram)?;
//!
//! // Read it back.
//! let mut records = Records::new(&datagram[..len]);
//! let Some(Ok(AnyRecord::Record(record))) = records.next() else { panic!() };
//! assert_eq!(record.content_type(), ContentType::HANDSHAKE);
//! let handshake = record.handshakes().next().unwrap().unwrap();
//! let Ok(HandshakeBody::ClientHello(hello)) = handshake.body() else { panic!() };
//! assert_eq!(hello.random(), &[7; 32]);
//! for extension in hello.extensions() {
//!     if let Ok(Extension::UseSrtp(srtp)) = extension {
//!         assert!(srtp.profiles().eq(profiles));
//!     }
//! }
//! assert!(records.next().is_none());
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use core::fmt;

mod alert;
mod codes;
mod ext;
mod handshake;
mod hello;
mod record;

pub use alert::Alert;
pub use codes::{
    AlertDescription, AlertLevel, CipherSuite, Codepoint, ContentType, ExtensionType,
    HandshakeType, NamedGroup, ProtocolVersion, SignatureScheme, SrtpProtectionProfile, is_grease,
};
pub use ext::{
    Extension, ExtensionRepr, Extensions, ExtensionsRepr, KeyShare, KeyShareEntries, KeyShareEntry,
    ListRepr, RawExtension, RawExtensions, SupportedVersions, UseSrtp,
};
pub use handshake::{
    Certificate, Certificates, HANDSHAKE_HEADER_LEN, Handshake, HandshakeBody, HandshakeBodyRepr,
    HandshakeRepr, Handshakes, HelloVerifyRequest, HelloVerifyRequestRepr,
};
pub use hello::{
    CipherSuites, ClientHello, ClientHelloRepr, HELLO_RETRY_REQUEST_RANDOM, ServerHello,
    ServerHelloRepr,
};
pub use record::{
    AnyRecord, FragmentRepr, MAX_CIPHERTEXT_LEN, RECORD_HEADER_LEN, Record, RecordRepr, Records,
    RecordsError, UnifiedRecord,
};

/// Why a DTLS record or message could not be read.
///
/// Offsets count from the first byte of what the view was made from: the record for
/// [`Record`] and [`UnifiedRecord`], the record's fragment for [`Handshakes`], the
/// handshake message (header included) for [`Handshake::body`] and the extensions of
/// its hellos. [`RecordsError`] adds the record's index and offset in its datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DtlsError {
    /// A field runs past the end of what holds it.
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
    /// A field holds a value the specification does not allow (a length that is not
    /// a multiple of the entry size, or does not add up with the lengths around it).
    InvalidValue {
        /// The field, as the specification names it.
        field: &'static str,
        /// Where the field starts.
        offset: usize,
        /// The value found.
        value: u32,
    },
    /// A DTLS 1.3 unified header has its C bit set but the connection ID length (known
    /// only from the handshake that negotiated it) was given as 0
    /// ([RFC 9147 §4](https://www.rfc-editor.org/rfc/rfc9147#section-4)).
    UnknownConnectionIdLength {
        /// Offset of the header's first byte.
        offset: usize,
    },
}

impl fmt::Display for DtlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => write!(
                f,
                "DTLS {field} at byte {offset} needs {needed} bytes, {available} remain"
            ),
            Self::InvalidValue {
                field,
                offset,
                value,
            } => write!(f, "DTLS {field} at byte {offset} has invalid value {value}"),
            Self::UnknownConnectionIdLength { offset } => write!(
                f,
                "DTLS 1.3 record at byte {offset} carries a connection ID of unknown length"
            ),
        }
    }
}

impl core::error::Error for DtlsError {}

impl DtlsError {
    /// The same error with its offset moved `by` bytes later (for an error found in a
    /// sub-slice).
    pub(crate) fn shifted(self, by: usize) -> Self {
        match self {
            Self::Truncated {
                field,
                offset,
                needed,
                available,
            } => Self::Truncated {
                field,
                offset: offset + by,
                needed,
                available,
            },
            Self::InvalidValue {
                field,
                offset,
                value,
            } => Self::InvalidValue {
                field,
                offset: offset + by,
                value,
            },
            Self::UnknownConnectionIdLength { offset } => Self::UnknownConnectionIdLength {
                offset: offset + by,
            },
        }
    }
}

/// Fails with [`DtlsError::Truncated`] unless `buf` has `needed` bytes from `offset`.
#[inline]
pub(crate) fn need(
    buf: &[u8],
    field: &'static str,
    offset: usize,
    needed: usize,
) -> Result<(), DtlsError> {
    let available = buf.len().saturating_sub(offset);
    if needed > available {
        Err(DtlsError::Truncated {
            field,
            offset,
            needed,
            available,
        })
    } else {
        Ok(())
    }
}

/// A [`DtlsError::InvalidValue`].
#[inline]
pub(crate) fn invalid(field: &'static str, offset: usize, value: usize) -> DtlsError {
    DtlsError::InvalidValue {
        field,
        offset,
        value: u32::try_from(value).unwrap_or(u32::MAX),
    }
}

/// A cursor over a message body for the checked constructors: reads length-prefixed
/// vectors (`opaque x<0..2^8-1>` and the like) and reports where they went wrong.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    /// Takes `len` bytes.
    #[inline]
    pub(crate) fn take(&mut self, field: &'static str, len: usize) -> Result<&'a [u8], DtlsError> {
        // `pos <= buf.len()` always, and lengths come from at most 3 bytes: no overflow.
        let end = self.pos + len;
        match self.buf.get(self.pos..end) {
            Some(out) => {
                self.pos = end;
                Ok(out)
            }
            None => Err(DtlsError::Truncated {
                field,
                offset: self.pos,
                needed: len,
                available: self.buf.len() - self.pos,
            }),
        }
    }

    /// Takes a vector whose length is the next `N` bytes (1, 2 or 3), big-endian; the
    /// length must be a multiple of `unit` (1 or 2).
    #[inline]
    pub(crate) fn vector<const N: usize>(
        &mut self,
        field: &'static str,
        unit: usize,
    ) -> Result<&'a [u8], DtlsError> {
        let at = self.pos;
        let start = at + N;
        let len = match N {
            1 => usize::from(crate::bytes::u8_at(self.buf, at)),
            2 => usize::from(crate::bytes::u16_at(self.buf, at)),
            _ => crate::bytes::u24_at(self.buf, at) as usize,
        };
        let available = self.buf.len() - at;
        if available < N {
            return Err(DtlsError::Truncated {
                field,
                offset: at,
                needed: N,
                available,
            });
        }
        if unit == 2 && len % 2 != 0 {
            return Err(invalid(field, at, len));
        }
        match self.buf.get(start..start + len) {
            Some(out) => {
                self.pos = start + len;
                Ok(out)
            }
            None => Err(DtlsError::Truncated {
                field,
                offset: at,
                needed: len + N,
                available,
            }),
        }
    }

    /// Fails unless every byte was read.
    #[inline]
    pub(crate) fn finish(&self, field: &'static str) -> Result<(), DtlsError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(invalid(field, self.pos, self.remaining()))
        }
    }
}

/// Appends what `emit` writes (`len` bytes) to `out`; leaves `out` as it was on error.
#[cfg(feature = "alloc")]
pub(crate) fn emit_vec(
    out: &mut alloc::vec::Vec<u8>,
    len: usize,
    emit: impl FnOnce(&mut [u8]) -> Result<usize, crate::EmitError>,
) -> Result<usize, crate::EmitError> {
    let start = out.len();
    out.resize(start + len, 0);
    let result = emit(out.get_mut(start..).unwrap_or_default());
    match result {
        Ok(n) => out.truncate(start + n),
        Err(_) => out.truncate(start),
    }
    result
}
