//! ClientHello and ServerHello
//! ([RFC 6347 §4.2.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.1),
//! [RFC 5246 §7.4.1](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1),
//! [RFC 9147 §5.3](https://www.rfc-editor.org/rfc/rfc9147#section-5.3)).

use super::handshake::put_vector;
use super::{
    CipherSuite, DtlsError, Extensions, ExtensionsRepr, HandshakeType, ListRepr, ProtocolVersion,
    RawExtensions, Reader, invalid,
};
use crate::bytes::{self, EmitError, Writer};
use crate::entries::Entries;

/// Iterator over a list of cipher suites.
pub type CipherSuites<'a> = Entries<'a, CipherSuite>;

/// The `random` of a ServerHello that makes it a HelloRetryRequest: the SHA-256 of
/// "HelloRetryRequest"
/// ([RFC 8446 §4.1.3](https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3), used by
/// DTLS 1.3, [RFC 9147 §5.3](https://www.rfc-editor.org/rfc/rfc9147#section-5.3)).
pub const HELLO_RETRY_REQUEST_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// Offset of `random`, after the version.
const RANDOM: usize = 2;
/// Offset of the session ID length, after the random.
const SESSION_ID: usize = 34;

/// A ClientHello body
/// ([RFC 6347 §4.2.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.1)).
///
/// ```text
/// struct {
///   ProtocolVersion client_version;
///   Random random;
///   SessionID session_id;                     // <0..32>
///   opaque cookie<0..2^8-1>;
///   CipherSuite cipher_suites<2..2^16-1>;
///   CompressionMethod compression_methods<1..2^8-1>;
///   select (extensions_present) {
///     case false: struct {};
///     case true: Extension extensions<0..2^16-1>;
///   };
/// } ClientHello;
/// ```
///
/// Every length is checked once by [`new_checked`](Self::new_checked), extension
/// headers included; typed extensions are read on demand by
/// [`extensions`](Self::extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientHello<'a> {
    body: &'a [u8],
    cookie_at: u32,
    suites_at: u32,
    compression_at: u32,
    extensions_at: u32,
}

impl<'a> ClientHello<'a> {
    /// Reads a ClientHello body: every vector must fit, the cipher suite list must be
    /// whole suites, the session ID at most 32 bytes, and the extensions, when
    /// present, must fill the rest of the body exactly.
    #[inline]
    pub fn new_checked(body: &'a [u8]) -> Result<Self, DtlsError> {
        let mut r = Reader::new(body);
        r.take("client_version and random", SESSION_ID)?;
        session_id(&mut r)?;
        let cookie_at = r.position();
        r.vector::<1>("cookie", 1)?;
        let suites_at = r.position();
        r.vector::<2>("cipher_suites", 2)?;
        let compression_at = r.position();
        r.vector::<1>("compression_methods", 1)?;
        let extensions_at = r.position();
        check_extensions(&mut r)?;
        Ok(Self {
            body,
            cookie_at: cookie_at as u32,
            suites_at: suites_at as u32,
            compression_at: compression_at as u32,
            extensions_at: extensions_at as u32,
        })
    }

    /// The version the client offers (DTLS 1.3 clients send 1.2 here and the real
    /// versions in `supported_versions`).
    #[inline]
    pub fn client_version(&self) -> ProtocolVersion {
        ProtocolVersion(bytes::u16_at(self.body, 0))
    }

    /// The 32 random bytes.
    #[inline]
    pub fn random(&self) -> &'a [u8; 32] {
        random(self.body)
    }

    /// The session ID (empty when none).
    #[inline]
    pub fn session_id(&self) -> &'a [u8] {
        self.body
            .get(SESSION_ID + 1..self.cookie_at as usize)
            .unwrap_or(&[])
    }

    /// The cookie (empty in a first ClientHello; the HelloVerifyRequest's cookie in
    /// the second).
    #[inline]
    pub fn cookie(&self) -> &'a [u8] {
        self.body
            .get(self.cookie_at as usize + 1..self.suites_at as usize)
            .unwrap_or(&[])
    }

    /// The cipher suites offered, in the client's order of preference.
    #[inline]
    pub fn cipher_suites(&self) -> CipherSuites<'a> {
        CipherSuites::new(
            self.body
                .get(self.suites_at as usize + 2..self.compression_at as usize)
                .unwrap_or(&[]),
        )
    }

    /// The compression methods offered (0 is null).
    #[inline]
    pub fn compression_methods(&self) -> &'a [u8] {
        self.body
            .get(self.compression_at as usize + 1..self.extensions_at as usize)
            .unwrap_or(&[])
    }

    /// Whether the extensions field is present (an empty list is present).
    #[inline]
    pub fn has_extensions(&self) -> bool {
        (self.extensions_at as usize) < self.body.len()
    }

    /// The extensions, typed where this module knows them.
    #[inline]
    pub fn extensions(&self) -> Extensions<'a> {
        Extensions::new(
            extensions_block(self.body, self.extensions_at),
            HandshakeType::CLIENT_HELLO,
            self.extensions_at as usize + 2 + super::HANDSHAKE_HEADER_LEN,
        )
    }

    /// The extensions as type and bytes, in order.
    #[inline]
    pub fn raw_extensions(&self) -> RawExtensions<'a> {
        RawExtensions::new(extensions_block(self.body, self.extensions_at))
    }

    /// The whole body.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.body
    }
}

/// A ServerHello body
/// ([RFC 5246 §7.4.1.3](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3);
/// DTLS 1.3 keeps the layout with legacy fields,
/// [RFC 9147 §5.3](https://www.rfc-editor.org/rfc/rfc9147#section-5.3)).
///
/// ```text
/// struct {
///   ProtocolVersion server_version;
///   Random random;
///   SessionID session_id;
///   CipherSuite cipher_suite;
///   CompressionMethod compression_method;
///   select (extensions_present) {
///     case false: struct {};
///     case true: Extension extensions<0..2^16-1>;
///   };
/// } ServerHello;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServerHello<'a> {
    body: &'a [u8],
    extensions_at: u32,
}

impl<'a> ServerHello<'a> {
    /// Reads a ServerHello body: the fixed fields must be there, the session ID at
    /// most 32 bytes, and the extensions, when present, must fill the rest exactly.
    #[inline]
    pub fn new_checked(body: &'a [u8]) -> Result<Self, DtlsError> {
        let mut r = Reader::new(body);
        r.take("server_version and random", SESSION_ID)?;
        session_id(&mut r)?;
        r.take("cipher_suite and compression_method", 3)?;
        let extensions_at = r.position();
        check_extensions(&mut r)?;
        Ok(Self {
            body,
            extensions_at: extensions_at as u32,
        })
    }

    /// The version the server chose (DTLS 1.3: 1.2 here, the real one in
    /// `supported_versions`).
    #[inline]
    pub fn server_version(&self) -> ProtocolVersion {
        ProtocolVersion(bytes::u16_at(self.body, 0))
    }

    /// The 32 random bytes.
    #[inline]
    pub fn random(&self) -> &'a [u8; 32] {
        random(self.body)
    }

    /// Whether this is a DTLS 1.3 HelloRetryRequest (its random is
    /// [`HELLO_RETRY_REQUEST_RANDOM`]).
    #[inline]
    pub fn is_hello_retry_request(&self) -> bool {
        *self.random() == HELLO_RETRY_REQUEST_RANDOM
    }

    /// The session ID.
    #[inline]
    pub fn session_id(&self) -> &'a [u8] {
        let len = usize::from(bytes::u8_at(self.body, SESSION_ID));
        bytes::slice(self.body, SESSION_ID + 1, len)
    }

    /// The cipher suite the server chose.
    #[inline]
    pub fn cipher_suite(&self) -> CipherSuite {
        CipherSuite(bytes::u16_at(self.body, self.extensions_at as usize - 3))
    }

    /// The compression method the server chose (0 is null).
    #[inline]
    pub fn compression_method(&self) -> u8 {
        bytes::u8_at(self.body, self.extensions_at as usize - 1)
    }

    /// Whether the extensions field is present.
    #[inline]
    pub fn has_extensions(&self) -> bool {
        (self.extensions_at as usize) < self.body.len()
    }

    /// The extensions, typed where this module knows them.
    #[inline]
    pub fn extensions(&self) -> Extensions<'a> {
        Extensions::new(
            extensions_block(self.body, self.extensions_at),
            HandshakeType::SERVER_HELLO,
            self.extensions_at as usize + 2 + super::HANDSHAKE_HEADER_LEN,
        )
    }

    /// The extensions as type and bytes, in order.
    #[inline]
    pub fn raw_extensions(&self) -> RawExtensions<'a> {
        RawExtensions::new(extensions_block(self.body, self.extensions_at))
    }

    /// The whole body.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.body
    }
}

/// Writes a ClientHello body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientHelloRepr<'a> {
    /// The version offered.
    pub client_version: ProtocolVersion,
    /// The random.
    pub random: [u8; 32],
    /// The session ID, at most 32 bytes.
    pub session_id: &'a [u8],
    /// The cookie, at most 255 bytes.
    pub cookie: &'a [u8],
    /// The cipher suites.
    pub cipher_suites: ListRepr<'a, CipherSuite>,
    /// The compression methods.
    pub compression_methods: &'a [u8],
    /// The extensions; `None` leaves the field out (not the same as an empty list).
    pub extensions: Option<ExtensionsRepr<'a>>,
}

impl<'a> ClientHelloRepr<'a> {
    /// A DTLS 1.2 ClientHello with `random`, no session ID, no cookie, no cipher
    /// suite, the null compression method and no extensions field.
    pub const fn new(random: [u8; 32]) -> Self {
        Self {
            client_version: ProtocolVersion::DTLS_1_2,
            random,
            session_id: &[],
            cookie: &[],
            cipher_suites: ListRepr::Values(&[]),
            compression_methods: &[0],
            extensions: None,
        }
    }

    /// The fields of a parsed ClientHello, lists and extensions as they were
    /// encoded; writing the result gives back the same bytes.
    pub fn parse(hello: &ClientHello<'a>) -> Self {
        Self {
            client_version: hello.client_version(),
            random: *hello.random(),
            session_id: hello.session_id(),
            cookie: hello.cookie(),
            cipher_suites: hello.cipher_suites().into(),
            compression_methods: hello.compression_methods(),
            extensions: hello
                .has_extensions()
                .then(|| ExtensionsRepr::Encoded(hello.raw_extensions().as_bytes())),
        }
    }

    /// Length of the body.
    pub fn buffer_len(&self) -> usize {
        SESSION_ID
            + 1
            + self.session_id.len()
            + 1
            + self.cookie.len()
            + 2
            + self.cipher_suites.buffer_len()
            + 1
            + self.compression_methods.len()
            + self.extensions.map_or(0, |e| 2 + e.buffer_len())
    }

    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        bytes::check_max("session_id", self.session_id.len(), 32)?;
        w.u16(self.client_version.0)?;
        w.put(&self.random)?;
        put_vector::<1>(w, "session_id", self.session_id)?;
        put_vector::<1>(w, "cookie", self.cookie)?;
        self.cipher_suites.write(w, "cipher_suites")?;
        put_vector::<1>(w, "compression_methods", self.compression_methods)?;
        if let Some(extensions) = self.extensions {
            extensions.write(w)?;
        }
        Ok(())
    }
}

/// Writes a ServerHello body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerHelloRepr<'a> {
    /// The version chosen.
    pub server_version: ProtocolVersion,
    /// The random.
    pub random: [u8; 32],
    /// The session ID, at most 32 bytes.
    pub session_id: &'a [u8],
    /// The cipher suite chosen.
    pub cipher_suite: CipherSuite,
    /// The compression method chosen.
    pub compression_method: u8,
    /// The extensions; `None` leaves the field out.
    pub extensions: Option<ExtensionsRepr<'a>>,
}

impl<'a> ServerHelloRepr<'a> {
    /// The fields of a parsed ServerHello, extensions as they were encoded; writing
    /// the result gives back the same bytes.
    pub fn parse(hello: &ServerHello<'a>) -> Self {
        Self {
            server_version: hello.server_version(),
            random: *hello.random(),
            session_id: hello.session_id(),
            cipher_suite: hello.cipher_suite(),
            compression_method: hello.compression_method(),
            extensions: hello
                .has_extensions()
                .then(|| ExtensionsRepr::Encoded(hello.raw_extensions().as_bytes())),
        }
    }

    /// Length of the body.
    pub fn buffer_len(&self) -> usize {
        SESSION_ID
            + 1
            + self.session_id.len()
            + 3
            + self.extensions.map_or(0, |e| 2 + e.buffer_len())
    }

    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        bytes::check_max("session_id", self.session_id.len(), 32)?;
        w.u16(self.server_version.0)?;
        w.put(&self.random)?;
        put_vector::<1>(w, "session_id", self.session_id)?;
        w.u16(self.cipher_suite.0)?;
        w.u8(self.compression_method)?;
        if let Some(extensions) = self.extensions {
            extensions.write(w)?;
        }
        Ok(())
    }
}

/// The random of a hello body whose length was checked.
#[inline]
fn random(body: &[u8]) -> &[u8; 32] {
    const ZERO: [u8; 32] = [0; 32];
    body.get(RANDOM..)
        .and_then(|b| b.first_chunk::<32>())
        .unwrap_or(&ZERO)
}

/// Reads the session ID, at most 32 bytes.
#[inline]
fn session_id(r: &mut Reader<'_>) -> Result<(), DtlsError> {
    let at = r.position();
    let id = r.vector::<1>("session_id", 1)?;
    if id.len() > 32 {
        return Err(invalid("session_id length", at, id.len()));
    }
    Ok(())
}

/// Checks the optional extensions field at the reader's position: absent, or a
/// 2-byte length that ends the body, over whole extensions.
#[inline]
fn check_extensions(r: &mut Reader<'_>) -> Result<(), DtlsError> {
    if r.remaining() == 0 {
        return Ok(());
    }
    let at = r.position();
    let block = r.vector::<2>("extensions", 1)?;
    r.finish("extensions length")?;
    // Every extension header and its data must fit the block exactly.
    let base = at + 2;
    let mut rest = block;
    while !rest.is_empty() {
        let offset = base + block.len() - rest.len();
        let Some(&[_, _, hi, lo]) = rest.first_chunk::<4>() else {
            let field = if rest.len() < 2 {
                "extension_type"
            } else {
                "extension_data"
            };
            let (at, needed) = if rest.len() < 2 { (0, 2) } else { (2, 2) };
            return Err(DtlsError::Truncated {
                field,
                offset: offset + at,
                needed,
                available: rest.len() - at,
            });
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        match rest.get(4 + len..) {
            Some(next) => rest = next,
            None => {
                return Err(DtlsError::Truncated {
                    field: "extension_data",
                    offset: offset + 2,
                    needed: len + 2,
                    available: rest.len() - 2,
                });
            }
        }
    }
    Ok(())
}

/// The extension list (without its length) of a checked hello, empty when absent.
#[inline]
fn extensions_block(body: &[u8], at: u32) -> &[u8] {
    body.get(at as usize + 2..).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtls::{Extension, ExtensionRepr, NamedGroup, SrtpProtectionProfile};

    /// A DTLS 1.2 ClientHello as WebRTC sends it, built by hand from RFC 6347 §4.2.1
    /// and RFC 5764 §4.1.1: no session ID, an 8-byte cookie (the second ClientHello),
    /// two cipher suites, null compression, and two extensions: use_srtp offering
    /// SRTP_AES128_CM_HMAC_SHA1_80 with no MKI, and supported_groups x25519.
    const CLIENT_HELLO: [u8; 71] = [
        0xfe, 0xfd, // client_version DTLS 1.2
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e,
        0x1f, 0x20, // random
        0x00, // session_id: empty
        0x08, 0xc0, 0x0c, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x01, // cookie, 8 bytes
        0x00, 0x04, 0xc0, 0x2b, 0xc0, 0x2f, // cipher_suites: ECDHE-ECDSA/RSA AES128-GCM
        0x01, 0x00, // compression_methods: null
        0x00, 0x11, // extensions, 17 bytes
        0x00, 0x0e, 0x00, 0x05, // use_srtp, 5 bytes
        0x00, 0x02, 0x00, 0x01, // SRTPProtectionProfiles: SRTP_AES128_CM_HMAC_SHA1_80
        0x00, // srtp_mki: empty
        0x00, 0x0a, 0x00, 0x04, // supported_groups, 4 bytes
        0x00, 0x02, 0x00, 0x1d, // x25519
    ];

    #[test]
    fn deconstruct_client_hello() {
        let h = ClientHello::new_checked(&CLIENT_HELLO).unwrap();
        assert_eq!(h.client_version(), ProtocolVersion::DTLS_1_2);
        assert_eq!(h.random()[0], 1);
        assert_eq!(h.random()[31], 0x20);
        assert_eq!(h.session_id(), &[] as &[u8]);
        assert_eq!(h.cookie().len(), 8);
        assert!(h.cipher_suites().eq([
            CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        ]));
        assert_eq!(h.compression_methods(), &[0]);
        let ext: Vec<_> = h.extensions().collect();
        assert_eq!(ext.len(), 2);
        let Ok(Extension::UseSrtp(srtp)) = &ext[0] else {
            panic!("{ext:?}")
        };
        assert!(
            srtp.profiles()
                .eq([SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80])
        );
        assert_eq!(srtp.mki(), &[] as &[u8]);
        let Ok(Extension::SupportedGroups(groups)) = &ext[1] else {
            panic!()
        };
        assert!(groups.clone().eq([NamedGroup::X25519]));
    }

    #[test]
    fn construct_client_hello() {
        let mut random = [0u8; 32];
        for (i, b) in random.iter_mut().enumerate() {
            *b = i as u8 + 1;
        }
        let profiles = [SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80];
        let groups = [NamedGroup::X25519];
        let extensions = [
            ExtensionRepr::UseSrtp {
                profiles: profiles[..].into(),
                mki: &[],
            },
            ExtensionRepr::SupportedGroups(groups[..].into()),
        ];
        let suites = [
            CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ];
        let repr = ClientHelloRepr {
            cookie: &CLIENT_HELLO[36..44],
            cipher_suites: suites[..].into(),
            extensions: Some(ExtensionsRepr::List(&extensions)),
            ..ClientHelloRepr::new(random)
        };
        assert_eq!(repr.buffer_len(), CLIENT_HELLO.len());
        let mut buf = [0u8; 71];
        let mut w = Writer::new(&mut buf);
        repr.write(&mut w).unwrap();
        assert_eq!(buf, CLIENT_HELLO);
        // Parse then write: the same bytes.
        let parsed = ClientHelloRepr::parse(&ClientHello::new_checked(&CLIENT_HELLO).unwrap());
        let mut again = [0u8; 71];
        parsed.write(&mut Writer::new(&mut again)).unwrap();
        assert_eq!(again, CLIENT_HELLO);
    }

    #[test]
    fn client_hello_errors() {
        // Odd cipher suite length.
        let mut bad = CLIENT_HELLO;
        bad[45] = 3;
        assert_eq!(
            ClientHello::new_checked(&bad),
            Err(DtlsError::InvalidValue {
                field: "cipher_suites",
                offset: 44,
                value: 3
            })
        );
        // A session ID of 33 bytes.
        let mut bad = CLIENT_HELLO.to_vec();
        bad[34] = 33;
        bad.splice(35..35, [0u8; 33]);
        assert_eq!(
            ClientHello::new_checked(&bad),
            Err(DtlsError::InvalidValue {
                field: "session_id length",
                offset: 34,
                value: 33
            })
        );
        // The extension block one byte short of what it announces.
        assert_eq!(
            ClientHello::new_checked(&CLIENT_HELLO[..70]),
            Err(DtlsError::Truncated {
                field: "extensions",
                offset: 52,
                needed: 19,
                available: 18
            })
        );
        // Extension data running past the block: supported_groups says 5.
        let mut bad = CLIENT_HELLO;
        bad[66] = 5;
        assert_eq!(
            ClientHello::new_checked(&bad),
            Err(DtlsError::Truncated {
                field: "extension_data",
                offset: 65,
                needed: 7,
                available: 6
            })
        );
        // No extensions field at all is fine.
        let h = ClientHello::new_checked(&CLIENT_HELLO[..52]).unwrap();
        assert!(!h.has_extensions());
        assert_eq!(h.extensions().count(), 0);
    }

    /// A ServerHello choosing TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and
    /// SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.1: the server answers with one
    /// profile), with extended_master_secret.
    const SERVER_HELLO: [u8; 53] = [
        0xfe, 0xfd, // server_version DTLS 1.2
        0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
        0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
        0xaa, 0xaa, // random
        0x00, // session_id: empty
        0xc0, 0x2b, // cipher_suite
        0x00, // compression_method null
        0x00, 0x0d, // extensions, 13 bytes
        0x00, 0x0e, 0x00, 0x05, 0x00, 0x02, 0x00, 0x01, 0x00, // use_srtp
        0x00, 0x17, 0x00, 0x00, // extended_master_secret
    ];

    #[test]
    fn server_hello() {
        let h = ServerHello::new_checked(&SERVER_HELLO).unwrap();
        assert_eq!(h.server_version(), ProtocolVersion::DTLS_1_2);
        assert_eq!(
            h.cipher_suite(),
            CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        );
        assert_eq!(h.compression_method(), 0);
        assert!(!h.is_hello_retry_request());
        let ext: Vec<_> = h.extensions().collect::<Result<_, _>>().unwrap();
        assert!(matches!(ext[1], Extension::ExtendedMasterSecret));
        let mut again = [0u8; 53];
        ServerHelloRepr::parse(&h)
            .write(&mut Writer::new(&mut again))
            .unwrap();
        assert_eq!(again, SERVER_HELLO);
        // A ServerHello with no extensions field.
        let h = ServerHello::new_checked(&SERVER_HELLO[..38]).unwrap();
        assert!(!h.has_extensions());
        assert_eq!(h.compression_method(), 0);
    }
}
