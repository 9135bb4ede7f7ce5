//! Codepoints of the IANA TLS registries, as values that name themselves.
//!
//! Each registry is a newtype over its wire integer with an associated constant per
//! known entry: an unknown codepoint is still a value (`CipherSuite(0x1234)`), never
//! an error, and `match` works on the constants. `name()` gives the registry's name
//! for display, `Display` prints `name (0x....)` or the bare number.

use core::fmt;

use crate::bytes;
use crate::entries::FixedEntry;

/// A 16-bit codepoint that a list in a DTLS message carries (cipher suites, groups,
/// signature schemes, SRTP profiles, versions): what the writers need to put it back.
pub trait Codepoint: FixedEntry + Copy {
    /// The value on the wire.
    fn to_u16(self) -> u16;
}

macro_rules! codepoints {
    (
        $(#[$meta:meta])*
        $name:ident($int:ty) {
            $( $konst:ident = $value:literal => $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub $int);

        impl $name {
            $(
                #[doc = concat!("`", $text, "`")]
                pub const $konst: Self = Self($value);
            )*

            /// The name the IANA registry gives this codepoint, if it is one known
            /// here.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some($text), )*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let width = 2 + 2 * core::mem::size_of::<$int>();
                match self.name() {
                    Some(name) => write!(f, "{name} ({:#0width$x})", self.0),
                    None => write!(f, "{:#0width$x}", self.0),
                }
            }
        }

        impl From<$int> for $name {
            fn from(v: $int) -> Self {
                Self(v)
            }
        }

        impl From<$name> for $int {
            fn from(v: $name) -> Self {
                v.0
            }
        }
    };
}

macro_rules! u16_entry {
    ($($name:ident),*) => {$(
        impl FixedEntry for $name {
            const LEN: usize = 2;

            #[inline]
            fn read(bytes: &[u8]) -> Self {
                Self(bytes::u16_at(bytes, 0))
            }
        }

        impl Codepoint for $name {
            #[inline]
            fn to_u16(self) -> u16 {
                self.0
            }
        }
    )*};
}

codepoints! {
    /// The content type of a record
    /// ([IANA "TLS ContentType"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-5),
    /// [RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1),
    /// [RFC 9147 §4](https://www.rfc-editor.org/rfc/rfc9147#section-4)).
    ContentType(u8) {
        CHANGE_CIPHER_SPEC = 20 => "change_cipher_spec",
        ALERT = 21 => "alert",
        HANDSHAKE = 22 => "handshake",
        APPLICATION_DATA = 23 => "application_data",
        HEARTBEAT = 24 => "heartbeat",
        TLS12_CID = 25 => "tls12_cid",
        ACK = 26 => "ack",
    }
}

codepoints! {
    /// A protocol version
    /// ([RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1): DTLS
    /// versions are the one's complement of the TLS ones, so 1.2 is 0xFEFD; DTLS 1.3
    /// keeps 0xFEFD in `legacy_record_version` and `legacy_version`,
    /// [RFC 9147 §5.3](https://www.rfc-editor.org/rfc/rfc9147#section-5.3), and
    /// names 0xFEFC in `supported_versions`).
    ProtocolVersion(u16) {
        DTLS_1_0 = 0xfeff => "DTLS 1.0",
        DTLS_1_2 = 0xfefd => "DTLS 1.2",
        DTLS_1_3 = 0xfefc => "DTLS 1.3",
        TLS_1_0 = 0x0301 => "TLS 1.0",
        TLS_1_1 = 0x0302 => "TLS 1.1",
        TLS_1_2 = 0x0303 => "TLS 1.2",
        TLS_1_3 = 0x0304 => "TLS 1.3",
    }
}

codepoints! {
    /// A handshake message type
    /// ([IANA "TLS HandshakeType"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-7),
    /// [RFC 6347 §4.3.2](https://www.rfc-editor.org/rfc/rfc6347#section-4.3.2)).
    HandshakeType(u8) {
        HELLO_REQUEST = 0 => "hello_request",
        CLIENT_HELLO = 1 => "client_hello",
        SERVER_HELLO = 2 => "server_hello",
        HELLO_VERIFY_REQUEST = 3 => "hello_verify_request",
        NEW_SESSION_TICKET = 4 => "new_session_ticket",
        END_OF_EARLY_DATA = 5 => "end_of_early_data",
        HELLO_RETRY_REQUEST = 6 => "hello_retry_request",
        ENCRYPTED_EXTENSIONS = 8 => "encrypted_extensions",
        REQUEST_CONNECTION_ID = 9 => "request_connection_id",
        NEW_CONNECTION_ID = 10 => "new_connection_id",
        CERTIFICATE = 11 => "certificate",
        SERVER_KEY_EXCHANGE = 12 => "server_key_exchange",
        CERTIFICATE_REQUEST = 13 => "certificate_request",
        SERVER_HELLO_DONE = 14 => "server_hello_done",
        CERTIFICATE_VERIFY = 15 => "certificate_verify",
        CLIENT_KEY_EXCHANGE = 16 => "client_key_exchange",
        FINISHED = 20 => "finished",
        CERTIFICATE_URL = 21 => "certificate_url",
        CERTIFICATE_STATUS = 22 => "certificate_status",
        SUPPLEMENTAL_DATA = 23 => "supplemental_data",
        KEY_UPDATE = 24 => "key_update",
        MESSAGE_HASH = 254 => "message_hash",
    }
}

codepoints! {
    /// A cipher suite
    /// ([IANA "TLS Cipher Suites"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-4)).
    /// The suites DTLS stacks offer are named; others print as their number.
    CipherSuite(u16) {
        TLS_NULL_WITH_NULL_NULL = 0x0000 => "TLS_NULL_WITH_NULL_NULL",
        TLS_RSA_WITH_NULL_MD5 = 0x0001 => "TLS_RSA_WITH_NULL_MD5",
        TLS_RSA_WITH_NULL_SHA = 0x0002 => "TLS_RSA_WITH_NULL_SHA",
        TLS_RSA_WITH_3DES_EDE_CBC_SHA = 0x000a => "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        TLS_RSA_WITH_AES_128_CBC_SHA = 0x002f => "TLS_RSA_WITH_AES_128_CBC_SHA",
        TLS_DHE_RSA_WITH_AES_128_CBC_SHA = 0x0033 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
        TLS_RSA_WITH_AES_256_CBC_SHA = 0x0035 => "TLS_RSA_WITH_AES_256_CBC_SHA",
        TLS_DHE_RSA_WITH_AES_256_CBC_SHA = 0x0039 => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        TLS_RSA_WITH_AES_128_CBC_SHA256 = 0x003c => "TLS_RSA_WITH_AES_128_CBC_SHA256",
        TLS_RSA_WITH_AES_256_CBC_SHA256 = 0x003d => "TLS_RSA_WITH_AES_256_CBC_SHA256",
        TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 = 0x0067 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
        TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 = 0x006b => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        TLS_PSK_WITH_AES_128_CBC_SHA = 0x008c => "TLS_PSK_WITH_AES_128_CBC_SHA",
        TLS_PSK_WITH_AES_256_CBC_SHA = 0x008d => "TLS_PSK_WITH_AES_256_CBC_SHA",
        TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c => "TLS_RSA_WITH_AES_128_GCM_SHA256",
        TLS_RSA_WITH_AES_256_GCM_SHA384 = 0x009d => "TLS_RSA_WITH_AES_256_GCM_SHA384",
        TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 = 0x009e => "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 = 0x009f => "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        TLS_PSK_WITH_AES_128_GCM_SHA256 = 0x00a8 => "TLS_PSK_WITH_AES_128_GCM_SHA256",
        TLS_PSK_WITH_AES_256_GCM_SHA384 = 0x00a9 => "TLS_PSK_WITH_AES_256_GCM_SHA384",
        TLS_PSK_WITH_AES_128_CBC_SHA256 = 0x00ae => "TLS_PSK_WITH_AES_128_CBC_SHA256",
        TLS_PSK_WITH_AES_256_CBC_SHA384 = 0x00af => "TLS_PSK_WITH_AES_256_CBC_SHA384",
        TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff => "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        TLS_AES_128_GCM_SHA256 = 0x1301 => "TLS_AES_128_GCM_SHA256",
        TLS_AES_256_GCM_SHA384 = 0x1302 => "TLS_AES_256_GCM_SHA384",
        TLS_CHACHA20_POLY1305_SHA256 = 0x1303 => "TLS_CHACHA20_POLY1305_SHA256",
        TLS_AES_128_CCM_SHA256 = 0x1304 => "TLS_AES_128_CCM_SHA256",
        TLS_AES_128_CCM_8_SHA256 = 0x1305 => "TLS_AES_128_CCM_8_SHA256",
        TLS_FALLBACK_SCSV = 0x5600 => "TLS_FALLBACK_SCSV",
        TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA = 0xc009 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA = 0xc00a => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA = 0xc013 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA = 0xc014 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 = 0xc023 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 = 0xc024 => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 = 0xc027 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 = 0xc028 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xc02b => "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = 0xc02c => "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f => "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = 0xc030 => "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA = 0xc035 => "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA",
        TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA = 0xc036 => "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA",
        TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256 = 0xc037 => "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
        TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384 = 0xc038 => "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384",
        TLS_RSA_WITH_AES_128_CCM = 0xc09c => "TLS_RSA_WITH_AES_128_CCM",
        TLS_RSA_WITH_AES_256_CCM = 0xc09d => "TLS_RSA_WITH_AES_256_CCM",
        TLS_RSA_WITH_AES_128_CCM_8 = 0xc0a0 => "TLS_RSA_WITH_AES_128_CCM_8",
        TLS_RSA_WITH_AES_256_CCM_8 = 0xc0a1 => "TLS_RSA_WITH_AES_256_CCM_8",
        TLS_PSK_WITH_AES_128_CCM = 0xc0a4 => "TLS_PSK_WITH_AES_128_CCM",
        TLS_PSK_WITH_AES_256_CCM = 0xc0a5 => "TLS_PSK_WITH_AES_256_CCM",
        TLS_PSK_WITH_AES_128_CCM_8 = 0xc0a8 => "TLS_PSK_WITH_AES_128_CCM_8",
        TLS_PSK_WITH_AES_256_CCM_8 = 0xc0a9 => "TLS_PSK_WITH_AES_256_CCM_8",
        TLS_ECDHE_ECDSA_WITH_AES_128_CCM = 0xc0ac => "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
        TLS_ECDHE_ECDSA_WITH_AES_256_CCM = 0xc0ad => "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",
        TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 = 0xc0ae => "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
        TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8 = 0xc0af => "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",
        TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca8 => "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca9 => "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xccaa => "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        TLS_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccab => "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
        TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccac => "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
        TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256 = 0xd001 => "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",
        TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384 = 0xd002 => "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384",
        TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256 = 0xd005 => "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256",
    }
}

codepoints! {
    /// An extension type
    /// ([IANA "TLS ExtensionType Values"](https://www.iana.org/assignments/tls-extensiontype-values/tls-extensiontype-values.xhtml#tls-extensiontype-values-1)).
    ExtensionType(u16) {
        SERVER_NAME = 0 => "server_name",
        MAX_FRAGMENT_LENGTH = 1 => "max_fragment_length",
        STATUS_REQUEST = 5 => "status_request",
        SUPPORTED_GROUPS = 10 => "supported_groups",
        EC_POINT_FORMATS = 11 => "ec_point_formats",
        SIGNATURE_ALGORITHMS = 13 => "signature_algorithms",
        USE_SRTP = 14 => "use_srtp",
        HEARTBEAT = 15 => "heartbeat",
        APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16 => "application_layer_protocol_negotiation",
        SIGNED_CERTIFICATE_TIMESTAMP = 18 => "signed_certificate_timestamp",
        CLIENT_CERTIFICATE_TYPE = 19 => "client_certificate_type",
        SERVER_CERTIFICATE_TYPE = 20 => "server_certificate_type",
        PADDING = 21 => "padding",
        ENCRYPT_THEN_MAC = 22 => "encrypt_then_mac",
        EXTENDED_MASTER_SECRET = 23 => "extended_master_secret",
        COMPRESS_CERTIFICATE = 27 => "compress_certificate",
        RECORD_SIZE_LIMIT = 28 => "record_size_limit",
        SESSION_TICKET = 35 => "session_ticket",
        PRE_SHARED_KEY = 41 => "pre_shared_key",
        EARLY_DATA = 42 => "early_data",
        SUPPORTED_VERSIONS = 43 => "supported_versions",
        COOKIE = 44 => "cookie",
        PSK_KEY_EXCHANGE_MODES = 45 => "psk_key_exchange_modes",
        CERTIFICATE_AUTHORITIES = 47 => "certificate_authorities",
        OID_FILTERS = 48 => "oid_filters",
        POST_HANDSHAKE_AUTH = 49 => "post_handshake_auth",
        SIGNATURE_ALGORITHMS_CERT = 50 => "signature_algorithms_cert",
        KEY_SHARE = 51 => "key_share",
        CONNECTION_ID = 54 => "connection_id",
        RENEGOTIATION_INFO = 0xff01 => "renegotiation_info",
    }
}

codepoints! {
    /// A named group for key exchange: `supported_groups` and `key_share`
    /// ([IANA "TLS Supported Groups"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-8)).
    NamedGroup(u16) {
        SECP256R1 = 23 => "secp256r1",
        SECP384R1 = 24 => "secp384r1",
        SECP521R1 = 25 => "secp521r1",
        X25519 = 29 => "x25519",
        X448 = 30 => "x448",
        BRAINPOOLP256R1TLS13 = 31 => "brainpoolP256r1tls13",
        BRAINPOOLP384R1TLS13 = 32 => "brainpoolP384r1tls13",
        BRAINPOOLP512R1TLS13 = 33 => "brainpoolP512r1tls13",
        FFDHE2048 = 256 => "ffdhe2048",
        FFDHE3072 = 257 => "ffdhe3072",
        FFDHE4096 = 258 => "ffdhe4096",
        FFDHE6144 = 259 => "ffdhe6144",
        FFDHE8192 = 260 => "ffdhe8192",
        SECP256R1_MLKEM768 = 0x11eb => "SecP256r1MLKEM768",
        X25519_MLKEM768 = 0x11ec => "X25519MLKEM768",
        SECP384R1_MLKEM1024 = 0x11ed => "SecP384r1MLKEM1024",
    }
}

codepoints! {
    /// A signature scheme: `signature_algorithms`
    /// ([IANA "TLS SignatureScheme"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-signaturescheme);
    /// in (D)TLS 1.2 the two bytes are a hash and a signature algorithm,
    /// [RFC 5246 §7.4.1.4.1](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.4.1),
    /// see [`hash`](Self::hash) and [`signature`](Self::signature)).
    SignatureScheme(u16) {
        RSA_PKCS1_SHA1 = 0x0201 => "rsa_pkcs1_sha1",
        ECDSA_SHA1 = 0x0203 => "ecdsa_sha1",
        RSA_PKCS1_SHA256 = 0x0401 => "rsa_pkcs1_sha256",
        ECDSA_SECP256R1_SHA256 = 0x0403 => "ecdsa_secp256r1_sha256",
        RSA_PKCS1_SHA384 = 0x0501 => "rsa_pkcs1_sha384",
        ECDSA_SECP384R1_SHA384 = 0x0503 => "ecdsa_secp384r1_sha384",
        RSA_PKCS1_SHA512 = 0x0601 => "rsa_pkcs1_sha512",
        ECDSA_SECP521R1_SHA512 = 0x0603 => "ecdsa_secp521r1_sha512",
        RSA_PSS_RSAE_SHA256 = 0x0804 => "rsa_pss_rsae_sha256",
        RSA_PSS_RSAE_SHA384 = 0x0805 => "rsa_pss_rsae_sha384",
        RSA_PSS_RSAE_SHA512 = 0x0806 => "rsa_pss_rsae_sha512",
        ED25519 = 0x0807 => "ed25519",
        ED448 = 0x0808 => "ed448",
        RSA_PSS_PSS_SHA256 = 0x0809 => "rsa_pss_pss_sha256",
        RSA_PSS_PSS_SHA384 = 0x080a => "rsa_pss_pss_sha384",
        RSA_PSS_PSS_SHA512 = 0x080b => "rsa_pss_pss_sha512",
    }
}

impl SignatureScheme {
    /// The first byte: the (D)TLS 1.2 `HashAlgorithm`.
    pub const fn hash(self) -> u8 {
        (self.0 >> 8) as u8
    }

    /// The second byte: the (D)TLS 1.2 `SignatureAlgorithm`.
    pub const fn signature(self) -> u8 {
        self.0 as u8
    }
}

codepoints! {
    /// An SRTP protection profile offered or chosen in `use_srtp`
    /// ([RFC 5764 §4.1.2](https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2),
    /// [RFC 7714 §14.2](https://www.rfc-editor.org/rfc/rfc7714#section-14.2),
    /// [RFC 8723 §8.2](https://www.rfc-editor.org/rfc/rfc8723#section-8.2);
    /// [IANA "DTLS-SRTP Protection Profiles"](https://www.iana.org/assignments/srtp-protection/srtp-protection.xhtml)).
    SrtpProtectionProfile(u16) {
        SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001 => "SRTP_AES128_CM_HMAC_SHA1_80",
        SRTP_AES128_CM_HMAC_SHA1_32 = 0x0002 => "SRTP_AES128_CM_HMAC_SHA1_32",
        SRTP_NULL_HMAC_SHA1_80 = 0x0005 => "SRTP_NULL_HMAC_SHA1_80",
        SRTP_NULL_HMAC_SHA1_32 = 0x0006 => "SRTP_NULL_HMAC_SHA1_32",
        SRTP_AEAD_AES_128_GCM = 0x0007 => "SRTP_AEAD_AES_128_GCM",
        SRTP_AEAD_AES_256_GCM = 0x0008 => "SRTP_AEAD_AES_256_GCM",
        DOUBLE_AEAD_AES_128_GCM_AEAD_AES_128_GCM = 0x0009 => "DOUBLE_AEAD_AES_128_GCM_AEAD_AES_128_GCM",
        DOUBLE_AEAD_AES_256_GCM_AEAD_AES_256_GCM = 0x000a => "DOUBLE_AEAD_AES_256_GCM_AEAD_AES_256_GCM",
    }
}

codepoints! {
    /// The level of an alert
    /// ([RFC 5246 §7.2](https://www.rfc-editor.org/rfc/rfc5246#section-7.2)).
    AlertLevel(u8) {
        WARNING = 1 => "warning",
        FATAL = 2 => "fatal",
    }
}

codepoints! {
    /// The description of an alert
    /// ([IANA "TLS Alerts"](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-6)).
    AlertDescription(u8) {
        CLOSE_NOTIFY = 0 => "close_notify",
        UNEXPECTED_MESSAGE = 10 => "unexpected_message",
        BAD_RECORD_MAC = 20 => "bad_record_mac",
        DECRYPTION_FAILED = 21 => "decryption_failed",
        RECORD_OVERFLOW = 22 => "record_overflow",
        DECOMPRESSION_FAILURE = 30 => "decompression_failure",
        HANDSHAKE_FAILURE = 40 => "handshake_failure",
        NO_CERTIFICATE = 41 => "no_certificate",
        BAD_CERTIFICATE = 42 => "bad_certificate",
        UNSUPPORTED_CERTIFICATE = 43 => "unsupported_certificate",
        CERTIFICATE_REVOKED = 44 => "certificate_revoked",
        CERTIFICATE_EXPIRED = 45 => "certificate_expired",
        CERTIFICATE_UNKNOWN = 46 => "certificate_unknown",
        ILLEGAL_PARAMETER = 47 => "illegal_parameter",
        UNKNOWN_CA = 48 => "unknown_ca",
        ACCESS_DENIED = 49 => "access_denied",
        DECODE_ERROR = 50 => "decode_error",
        DECRYPT_ERROR = 51 => "decrypt_error",
        EXPORT_RESTRICTION = 60 => "export_restriction",
        PROTOCOL_VERSION = 70 => "protocol_version",
        INSUFFICIENT_SECURITY = 71 => "insufficient_security",
        INTERNAL_ERROR = 80 => "internal_error",
        INAPPROPRIATE_FALLBACK = 86 => "inappropriate_fallback",
        USER_CANCELED = 90 => "user_canceled",
        NO_RENEGOTIATION = 100 => "no_renegotiation",
        MISSING_EXTENSION = 109 => "missing_extension",
        UNSUPPORTED_EXTENSION = 110 => "unsupported_extension",
        CERTIFICATE_UNOBTAINABLE = 111 => "certificate_unobtainable",
        UNRECOGNIZED_NAME = 112 => "unrecognized_name",
        BAD_CERTIFICATE_STATUS_RESPONSE = 113 => "bad_certificate_status_response",
        BAD_CERTIFICATE_HASH_VALUE = 114 => "bad_certificate_hash_value",
        UNKNOWN_PSK_IDENTITY = 115 => "unknown_psk_identity",
        CERTIFICATE_REQUIRED = 116 => "certificate_required",
        NO_APPLICATION_PROTOCOL = 120 => "no_application_protocol",
    }
}

u16_entry!(
    CipherSuite,
    NamedGroup,
    SignatureScheme,
    SrtpProtectionProfile,
    ProtocolVersion
);

impl CipherSuite {
    /// Whether the value is a GREASE value
    /// ([RFC 8701 §2](https://www.rfc-editor.org/rfc/rfc8701#section-2): 0x0A0A,
    /// 0x1A1A, ... 0xFAFA), which clients send to keep servers tolerant of unknown
    /// values. The same values are reserved in the other 16-bit registries.
    pub const fn is_grease(self) -> bool {
        is_grease(self.0)
    }
}

/// Whether a 16-bit codepoint is a GREASE value (RFC 8701 §2).
pub const fn is_grease(v: u16) -> bool {
    v & 0x0f0f == 0x0a0a && (v >> 8) == (v & 0xff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_display() {
        assert_eq!(
            CipherSuite(0xc02b).name(),
            Some("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        );
        assert_eq!(
            CipherSuite(0xc02b),
            CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        );
        assert_eq!(CipherSuite(0x1234).name(), None);
        assert_eq!(CipherSuite(0x1234).to_string(), "0x1234");
        assert_eq!(ContentType(22).to_string(), "handshake (0x16)");
        assert_eq!(ProtocolVersion(0xfefd).to_string(), "DTLS 1.2 (0xfefd)");
        assert_eq!(
            SrtpProtectionProfile(1).to_string(),
            "SRTP_AES128_CM_HMAC_SHA1_80 (0x0001)"
        );
        assert_eq!(SignatureScheme(0x0403).hash(), 4);
        assert_eq!(SignatureScheme(0x0403).signature(), 3);
        // A constant matches as a pattern.
        assert!(matches!(ContentType(21), ContentType::ALERT));
    }

    #[test]
    fn grease() {
        // RFC 8701 §2 lists 0x0A0A, 0x1A1A, ..., 0xFAFA.
        let all: Vec<u16> = (0..=u16::MAX).filter(|&v| is_grease(v)).collect();
        assert_eq!(all.len(), 16);
        assert_eq!(all[0], 0x0a0a);
        assert_eq!(all[15], 0xfafa);
        assert!(CipherSuite(0x3a3a).is_grease());
        assert!(!CipherSuite(0x3a4a).is_grease());
    }
}
