//! Unit tests: the RFC 5769 test vectors and the RFC 8489 Appendix B.1 vector (as
//! corrected by erratum 6268), byte literals with the values the RFCs state; header and
//! attribute errors.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use super::*;
use crate::EmitError;

/// RFC 5769 §2.1 "Sample Request" (short-term credentials, password
/// "VOkJxbRl1RmTxUk/WvJxBt"). The padding after USERNAME is three spaces.
pub(super) const RFC5769_REQUEST: [u8; 108] = [
    0x00, 0x01, 0x00, 0x58, // Request type and message length
    0x21, 0x12, 0xa4, 0x42, // Magic cookie
    0xb7, 0xe7, 0xa7, 0x01, // }
    0xbc, 0x34, 0xd6, 0x86, // }  Transaction ID
    0xfa, 0x87, 0xdf, 0xae, // }
    0x80, 0x22, 0x00, 0x10, // SOFTWARE attribute header
    0x53, 0x54, 0x55, 0x4e, // }
    0x20, 0x74, 0x65, 0x73, // }  User-agent...
    0x74, 0x20, 0x63, 0x6c, // }  ...name
    0x69, 0x65, 0x6e, 0x74, // }
    0x00, 0x24, 0x00, 0x04, // PRIORITY attribute header
    0x6e, 0x00, 0x01, 0xff, // ICE priority value
    0x80, 0x29, 0x00, 0x08, // ICE-CONTROLLED attribute header
    0x93, 0x2f, 0xf9, 0xb1, // }  Pseudo-random tie breaker...
    0x51, 0x26, 0x3b, 0x36, // }   ...for ICE control
    0x00, 0x06, 0x00, 0x09, // USERNAME attribute header
    0x65, 0x76, 0x74, 0x6a, // }
    0x3a, 0x68, 0x36, 0x76, // }  Username (9 bytes) and padding (3 bytes)
    0x59, 0x20, 0x20, 0x20, // }
    0x00, 0x08, 0x00, 0x14, // MESSAGE-INTEGRITY attribute header
    0x9a, 0xea, 0xa7, 0x0c, // }
    0xbf, 0xd8, 0xcb, 0x56, // }
    0x78, 0x1e, 0xf2, 0xb5, // }  HMAC-SHA1 fingerprint
    0xb2, 0xd3, 0xf2, 0x49, // }
    0xc1, 0xb5, 0x71, 0xa2, // }
    0x80, 0x28, 0x00, 0x04, // FINGERPRINT attribute header
    0xe5, 0x7a, 0x3b, 0xcf, // CRC32 fingerprint
];

/// RFC 5769 §2.2 "Sample IPv4 Response": 192.0.2.1 port 32853.
pub(super) const RFC5769_IPV4_RESPONSE: [u8; 80] = [
    0x01, 0x01, 0x00, 0x3c, // Response type and message length
    0x21, 0x12, 0xa4, 0x42, // Magic cookie
    0xb7, 0xe7, 0xa7, 0x01, // }
    0xbc, 0x34, 0xd6, 0x86, // }  Transaction ID
    0xfa, 0x87, 0xdf, 0xae, // }
    0x80, 0x22, 0x00, 0x0b, // SOFTWARE attribute header
    0x74, 0x65, 0x73, 0x74, // }
    0x20, 0x76, 0x65, 0x63, // }  UTF-8 server name
    0x74, 0x6f, 0x72, 0x20, // }
    0x00, 0x20, 0x00, 0x08, // XOR-MAPPED-ADDRESS attribute header
    0x00, 0x01, 0xa1, 0x47, // Address family (IPv4) and xor'd mapped port number
    0xe1, 0x12, 0xa6, 0x43, // Xor'd mapped IPv4 address
    0x00, 0x08, 0x00, 0x14, // MESSAGE-INTEGRITY attribute header
    0x2b, 0x91, 0xf5, 0x99, // }
    0xfd, 0x9e, 0x90, 0xc3, // }
    0x8c, 0x74, 0x89, 0xf9, // }  HMAC-SHA1 fingerprint
    0x2a, 0xf9, 0xba, 0x53, // }
    0xf0, 0x6b, 0xe7, 0xd7, // }
    0x80, 0x28, 0x00, 0x04, // FINGERPRINT attribute header
    0xc0, 0x7d, 0x4c, 0x96, // CRC32 fingerprint
];

/// RFC 5769 §2.3 "Sample IPv6 Response": 2001:db8:1234:5678:11:2233:4455:6677 port
/// 32853.
pub(super) const RFC5769_IPV6_RESPONSE: [u8; 92] = [
    0x01, 0x01, 0x00, 0x48, // Response type and message length
    0x21, 0x12, 0xa4, 0x42, // Magic cookie
    0xb7, 0xe7, 0xa7, 0x01, // }
    0xbc, 0x34, 0xd6, 0x86, // }  Transaction ID
    0xfa, 0x87, 0xdf, 0xae, // }
    0x80, 0x22, 0x00, 0x0b, // SOFTWARE attribute header
    0x74, 0x65, 0x73, 0x74, // }
    0x20, 0x76, 0x65, 0x63, // }  UTF-8 server name
    0x74, 0x6f, 0x72, 0x20, // }
    0x00, 0x20, 0x00, 0x14, // XOR-MAPPED-ADDRESS attribute header
    0x00, 0x02, 0xa1, 0x47, // Address family (IPv6) and xor'd mapped port number
    0x01, 0x13, 0xa9, 0xfa, // }
    0xa5, 0xd3, 0xf1, 0x79, // }  Xor'd mapped IPv6 address
    0xbc, 0x25, 0xf4, 0xb5, // }
    0xbe, 0xd2, 0xb9, 0xd9, // }
    0x00, 0x08, 0x00, 0x14, // MESSAGE-INTEGRITY attribute header
    0xa3, 0x82, 0x95, 0x4e, // }
    0x4b, 0xe6, 0x7b, 0xf1, // }
    0x17, 0x84, 0xc9, 0x7c, // }  HMAC-SHA1 fingerprint
    0x82, 0x92, 0xc2, 0x75, // }
    0xbf, 0xe3, 0xed, 0x41, // }
    0x80, 0x28, 0x00, 0x04, // FINGERPRINT attribute header
    0xc8, 0xfb, 0x0b, 0x4c, // CRC32 fingerprint
];

/// RFC 5769 §2.4 "Sample Request with Long-Term Authentication": USERNAME
/// U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9, password "The<U+00AD>M<U+00AA>tr<U+2168>"
/// ("TheMatrIX" after SASLprep), NONCE "f//499k954d6OL34oL9FSTvy64sA", REALM
/// "example.org".
pub(super) const RFC5769_LONG_TERM_REQUEST: [u8; 116] = [
    0x00, 0x01, 0x00, 0x60, // Request type and message length
    0x21, 0x12, 0xa4, 0x42, // Magic cookie
    0x78, 0xad, 0x34, 0x33, // }
    0xc6, 0xad, 0x72, 0xc0, // }  Transaction ID
    0x29, 0xda, 0x41, 0x2e, // }
    0x00, 0x06, 0x00, 0x12, // USERNAME attribute header
    0xe3, 0x83, 0x9e, 0xe3, // }
    0x83, 0x88, 0xe3, 0x83, // }
    0xaa, 0xe3, 0x83, 0x83, // }  Username value (18 bytes) and padding (2 bytes)
    0xe3, 0x82, 0xaf, 0xe3, // }
    0x82, 0xb9, 0x00, 0x00, // }
    0x00, 0x15, 0x00, 0x1c, // NONCE attribute header
    0x66, 0x2f, 0x2f, 0x34, // }
    0x39, 0x39, 0x6b, 0x39, // }
    0x35, 0x34, 0x64, 0x36, // }
    0x4f, 0x4c, 0x33, 0x34, // }  Nonce value
    0x6f, 0x4c, 0x39, 0x46, // }
    0x53, 0x54, 0x76, 0x79, // }
    0x36, 0x34, 0x73, 0x41, // }
    0x00, 0x14, 0x00, 0x0b, // REALM attribute header
    0x65, 0x78, 0x61, 0x6d, // }
    0x70, 0x6c, 0x65, 0x2e, // }  Realm value (11 bytes) and padding (1 byte)
    0x6f, 0x72, 0x67, 0x00, // }
    0x00, 0x08, 0x00, 0x14, // MESSAGE-INTEGRITY attribute header
    0xf6, 0x70, 0x24, 0x65, // }
    0x6d, 0xd6, 0x4a, 0x3e, // }
    0x02, 0xb8, 0xe0, 0x71, // }  HMAC-SHA1 fingerprint
    0x2e, 0x85, 0xc9, 0xa2, // }
    0x8c, 0xa8, 0x96, 0x66, // }
];

/// RFC 8489 Appendix B.1 "Sample Request with Long-Term Authentication with
/// MESSAGE-INTEGRITY-SHA256 and USERHASH", as corrected by erratum 6268 (the NONCE of
/// the published text lacked its security-feature prefix and the length was off):
/// same user, realm and password as [`RFC5769_LONG_TERM_REQUEST`], PASSWORD-ALGORITHM
/// SHA-256, NONCE "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA".
pub(super) const RFC8489_SHA256_REQUEST: [u8; 164] = [
    0x00, 0x01, 0x00, 0x90, // Request type and message length
    0x21, 0x12, 0xa4, 0x42, // Magic cookie
    0x78, 0xad, 0x34, 0x33, // }
    0xc6, 0xad, 0x72, 0xc0, // }  Transaction ID
    0x29, 0xda, 0x41, 0x2e, // }
    0x00, 0x1e, 0x00, 0x20, // USERHASH attribute header
    0x4a, 0x3c, 0xf3, 0x8f, // }
    0xef, 0x69, 0x92, 0xbd, // }
    0xa9, 0x52, 0xc6, 0x78, // }
    0x04, 0x17, 0xda, 0x0f, // }  Userhash value (32 bytes)
    0x24, 0x81, 0x94, 0x15, // }
    0x56, 0x9e, 0x60, 0xb2, // }
    0x05, 0xc4, 0x6e, 0x41, // }
    0x40, 0x7f, 0x17, 0x04, // }
    0x00, 0x15, 0x00, 0x29, // NONCE attribute header
    0x6f, 0x62, 0x4d, 0x61, // }
    0x74, 0x4a, 0x6f, 0x73, // }
    0x32, 0x41, 0x41, 0x41, // }
    0x43, 0x66, 0x2f, 0x2f, // }
    0x34, 0x39, 0x39, 0x6b, // }  Nonce value and padding (3 bytes)
    0x39, 0x35, 0x34, 0x64, // }
    0x36, 0x4f, 0x4c, 0x33, // }
    0x34, 0x6f, 0x4c, 0x39, // }
    0x46, 0x53, 0x54, 0x76, // }
    0x79, 0x36, 0x34, 0x73, // }
    0x41, 0x00, 0x00, 0x00, // }
    0x00, 0x14, 0x00, 0x0b, // REALM attribute header
    0x65, 0x78, 0x61, 0x6d, // }
    0x70, 0x6c, 0x65, 0x2e, // }  Realm value (11 bytes) and padding (1 byte)
    0x6f, 0x72, 0x67, 0x00, // }
    0x00, 0x1d, 0x00, 0x04, // PASSWORD-ALGORITHM attribute header
    0x00, 0x02, 0x00, 0x00, // PASSWORD-ALGORITHM value (4 bytes)
    0x00, 0x1c, 0x00, 0x20, // MESSAGE-INTEGRITY-SHA256 attribute header
    0xb5, 0xc7, 0xbf, 0x00, // }
    0x5b, 0x6c, 0x52, 0xa2, // }
    0x1c, 0x51, 0xc5, 0xe8, // }
    0x92, 0xf8, 0x19, 0x24, // }  HMAC-SHA256 value
    0x13, 0x62, 0x96, 0xcb, // }
    0x92, 0x7c, 0x43, 0x14, // }
    0x93, 0x09, 0x27, 0x8c, // }
    0xc6, 0x51, 0x8e, 0x65, // }
];

const SAMPLE_TID: TransactionId = TransactionId([
    0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae,
]);
const SHORT_TERM_PASSWORD: &[u8] = b"VOkJxbRl1RmTxUk/WvJxBt";
const LONG_TERM_USERNAME: &str = "\u{30de}\u{30c8}\u{30ea}\u{30c3}\u{30af}\u{30b9}";
/// "The<U+00AD>M<U+00AA>tr<U+2168>" after SASLprep / OpaqueString (RFC 5769 §2.4).
const LONG_TERM_PASSWORD: &[u8] = b"TheMatrIX";

fn decoded<'a>(message: &Message<'a>) -> Vec<Attribute<'a>> {
    message.attributes().map(|a| a.decode().unwrap()).collect()
}

/// Writes the message back from raw attributes; must give the same bytes.
fn reemit(bytes: &[u8]) -> Vec<u8> {
    let message = Message::new_checked(bytes).unwrap();
    let attributes: Vec<_> = message
        .attributes()
        .map(|a| AttributeRepr::parse(&a))
        .collect();
    let mut out = Vec::new();
    MessageRepr::parse(&message, &attributes)
        .emit_vec(&mut out)
        .unwrap();
    out
}

#[test]
fn rfc5769_sample_request() {
    let m = Message::new_checked(&RFC5769_REQUEST).unwrap();
    assert_eq!(m.message_type(), MessageType::BINDING_REQUEST);
    assert_eq!(m.message_type_field(), 0x0001);
    assert_eq!(m.length_field(), 0x58);
    assert!(m.has_magic_cookie());
    assert_eq!(m.transaction_id(), SAMPLE_TID);
    assert_eq!(
        decoded(&m)[..4],
        [
            Attribute::Software("STUN test client"),
            Attribute::Priority(0x6e00_01ff),
            Attribute::IceControlled(0x932f_f9b1_5126_3b36),
            Attribute::Username("evtj:h6vY"),
        ]
    );
    assert_eq!(decoded(&m)[5], Attribute::Fingerprint(0xe57a_3bcf));
    let username = m.attribute(AttributeType::Username).unwrap();
    assert_eq!(username.padding(), b"   ");
    assert_eq!(username.offset(), 60);
    assert_eq!(m.check_message_integrity(SHORT_TERM_PASSWORD), Ok(()));
    assert_eq!(m.check_fingerprint(), Ok(()));
    assert_eq!(
        m.check_message_integrity(b"wrong"),
        Err(VerifyError::Mismatch {
            attribute: AttributeType::MessageIntegrity,
            offset: 76
        })
    );
    assert_eq!(
        m.check_message_integrity_sha256(SHORT_TERM_PASSWORD),
        Err(VerifyError::Missing(AttributeType::MessageIntegritySha256))
    );
    assert_eq!(reemit(&RFC5769_REQUEST), RFC5769_REQUEST);
}

#[test]
fn rfc5769_sample_request_built_by_the_writer() {
    // The same request written from typed values, integrity and fingerprint computed:
    // only the padding after USERNAME differs (zeros instead of spaces), so the
    // integrity and fingerprint differ from the RFC's; both verify.
    let attributes = [
        Attribute::Software("STUN test client").into(),
        Attribute::Priority(0x6e00_01ff).into(),
        Attribute::IceControlled(0x932f_f9b1_5126_3b36).into(),
        Attribute::Username("evtj:h6vY").into(),
    ];
    let repr = MessageRepr {
        transaction_id: SAMPLE_TID,
        attributes: &attributes,
        message_integrity: Some(SHORT_TERM_PASSWORD),
        fingerprint: true,
        ..MessageRepr::default()
    };
    let mut out = [0u8; 108];
    assert_eq!(repr.buffer_len(), 108);
    assert_eq!(repr.emit(&mut out), Ok(108));
    assert_eq!(out[..73], RFC5769_REQUEST[..73]);
    assert_eq!(out[73..76], [0, 0, 0]);
    assert_eq!(out[76..80], RFC5769_REQUEST[76..80]);
    assert_ne!(out[80..], RFC5769_REQUEST[80..]);
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(m.check_message_integrity(SHORT_TERM_PASSWORD), Ok(()));
    assert_eq!(m.check_fingerprint(), Ok(()));
    // With the RFC's padding as a raw attribute, the output is the RFC's, byte for
    // byte: integrity and fingerprint included.
    let attributes = [
        attributes[0],
        attributes[1],
        attributes[2],
        AttributeRepr::Raw {
            attr_type: AttributeType::Username,
            value: b"evtj:h6vY",
            padding: b"   ",
        },
    ];
    let repr = MessageRepr {
        attributes: &attributes,
        ..repr
    };
    assert_eq!(repr.emit(&mut out), Ok(108));
    assert_eq!(out, RFC5769_REQUEST);
}

#[test]
fn rfc5769_ipv4_response() {
    let m = Message::new_checked(&RFC5769_IPV4_RESPONSE).unwrap();
    assert_eq!(m.message_type(), MessageType::BINDING_RESPONSE);
    assert_eq!(m.transaction_id(), SAMPLE_TID);
    let address = SocketAddr::new(Ipv4Addr::new(192, 0, 2, 1).into(), 32853);
    assert_eq!(
        decoded(&m)[..2],
        [
            Attribute::Software("test vector"),
            Attribute::XorMappedAddress(address)
        ]
    );
    assert_eq!(m.check_message_integrity(SHORT_TERM_PASSWORD), Ok(()));
    assert_eq!(m.check_fingerprint(), Ok(()));
    assert_eq!(reemit(&RFC5769_IPV4_RESPONSE), RFC5769_IPV4_RESPONSE);
}

#[test]
fn rfc5769_ipv6_response() {
    let m = Message::new_checked(&RFC5769_IPV6_RESPONSE).unwrap();
    let ip = Ipv6Addr::new(0x2001, 0xdb8, 0x1234, 0x5678, 0x11, 0x2233, 0x4455, 0x6677);
    assert_eq!(
        decoded(&m)[1],
        Attribute::XorMappedAddress(SocketAddr::new(ip.into(), 32853))
    );
    assert_eq!(m.check_message_integrity(SHORT_TERM_PASSWORD), Ok(()));
    assert_eq!(m.check_fingerprint(), Ok(()));
    assert_eq!(reemit(&RFC5769_IPV6_RESPONSE), RFC5769_IPV6_RESPONSE);
    // Written from the typed address: the masked bytes are the RFC's.
    let attributes = [Attribute::XorMappedAddress(SocketAddr::new(ip.into(), 32853)).into()];
    let repr = MessageRepr {
        class: Class::SuccessResponse,
        transaction_id: SAMPLE_TID,
        attributes: &attributes,
        ..MessageRepr::default()
    };
    let mut out = [0u8; 44];
    assert_eq!(repr.emit(&mut out), Ok(44));
    assert_eq!(out[20..], RFC5769_IPV6_RESPONSE[36..60]);
}

#[test]
fn rfc5769_long_term_request() {
    let m = Message::new_checked(&RFC5769_LONG_TERM_REQUEST).unwrap();
    assert_eq!(
        decoded(&m)[..3],
        [
            Attribute::Username(LONG_TERM_USERNAME),
            Attribute::Nonce("f//499k954d6OL34oL9FSTvy64sA"),
            Attribute::Realm("example.org"),
        ]
    );
    let key = long_term_key_md5(
        LONG_TERM_USERNAME.as_bytes(),
        b"example.org",
        LONG_TERM_PASSWORD,
    );
    assert_eq!(m.check_message_integrity(&key), Ok(()));
    assert_eq!(
        m.check_fingerprint(),
        Err(VerifyError::Missing(AttributeType::Fingerprint))
    );
    assert_eq!(
        reemit(&RFC5769_LONG_TERM_REQUEST),
        RFC5769_LONG_TERM_REQUEST
    );
}

#[test]
fn rfc8489_sha256_request() {
    let m = Message::new_checked(&RFC8489_SHA256_REQUEST).unwrap();
    let attrs = decoded(&m);
    let hash = userhash(LONG_TERM_USERNAME.as_bytes(), b"example.org");
    assert_eq!(attrs[0], Attribute::Userhash(&hash));
    assert_eq!(
        attrs[1],
        Attribute::Nonce("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA")
    );
    assert_eq!(
        attrs[3],
        Attribute::PasswordAlgorithm(PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::Sha256,
            parameters: &[]
        })
    );
    let key = long_term_key_sha256(
        LONG_TERM_USERNAME.as_bytes(),
        b"example.org",
        LONG_TERM_PASSWORD,
    );
    assert_eq!(m.check_message_integrity_sha256(&key), Ok(()));
    // The MD5 key of the same credentials does not verify it.
    let md5 = long_term_key_md5(
        LONG_TERM_USERNAME.as_bytes(),
        b"example.org",
        LONG_TERM_PASSWORD,
    );
    assert!(m.check_message_integrity_sha256(&md5).is_err());
    assert_eq!(reemit(&RFC8489_SHA256_REQUEST), RFC8489_SHA256_REQUEST);
    // A value cut to 16 bytes (RFC 8489 §14.6 allows 16 to 32) is the start of the
    // HMAC computed with the length field ending at the shorter attribute.
    let mut cut = RFC8489_SHA256_REQUEST[..148].to_vec();
    cut[3] = 0x80;
    cut[130..132].copy_from_slice(&[0, 16]);
    let mac = integrity::hmac_sha256(&key, &cut[..128], 0x80).unwrap();
    cut[132..].copy_from_slice(&mac[..16]);
    let m = Message::new_checked(&cut).unwrap();
    assert_eq!(m.check_message_integrity_sha256(&key), Ok(()));
    cut[147] ^= 1;
    let m = Message::new_checked(&cut).unwrap();
    assert!(m.check_message_integrity_sha256(&key).is_err());
}

#[test]
fn message_type_bits() {
    // RFC 8489 §5: Binding request 0x0001, success 0x0101, error 0x0111,
    // indication 0x0011; TURN Allocate request 0x0003, Data indication 0x0017.
    for (field, class, method) in [
        (0x0001, Class::Request, Method::Binding),
        (0x0101, Class::SuccessResponse, Method::Binding),
        (0x0111, Class::ErrorResponse, Method::Binding),
        (0x0011, Class::Indication, Method::Binding),
        (0x0003, Class::Request, Method::Allocate),
        (0x0113, Class::ErrorResponse, Method::Allocate),
        (0x0016, Class::Indication, Method::Send),
        (0x0017, Class::Indication, Method::Data),
        (0x0200, Class::Request, Method::GoogPing),
        (0x0300, Class::SuccessResponse, Method::GoogPing),
        (0x3eef, Class::Request, Method::Other(0xfff)),
    ] {
        let t = MessageType::from_u16(field);
        assert_eq!((t.class, t.method), (class, method), "{field:#06x}");
        assert_eq!(t.to_u16(), field);
    }
}

#[test]
fn header_errors() {
    assert_eq!(
        Message::new_checked(&RFC5769_REQUEST[..19]),
        Err(StunError::Truncated {
            field: "message header",
            offset: 0,
            needed: 20,
            available: 19
        })
    );
    let mut bad = RFC5769_REQUEST;
    bad[0] = 0x80;
    assert_eq!(
        Message::new_checked(&bad),
        Err(StunError::InvalidValue {
            field: "most significant 2 bits",
            offset: 0,
            value: 2
        })
    );
    let mut bad = RFC5769_REQUEST;
    bad[3] = 0x57;
    assert_eq!(
        Message::new_checked(&bad),
        Err(StunError::InvalidValue {
            field: "Message Length",
            offset: 2,
            value: 0x57
        })
    );
    assert_eq!(
        Message::new_checked(&RFC5769_REQUEST[..100]),
        Err(StunError::Truncated {
            field: "attributes",
            offset: 20,
            needed: 88,
            available: 80
        })
    );
    // The message length cuts FINGERPRINT's value off (length 0x54).
    let mut bad = RFC5769_REQUEST;
    bad[3] = 0x54;
    assert_eq!(
        Message::new_checked(&bad),
        Err(StunError::Truncated {
            field: "attribute value",
            offset: 104,
            needed: 4,
            available: 0
        })
    );
    // Bytes after the message are not part of it.
    let mut longer = RFC5769_REQUEST.to_vec();
    longer.extend_from_slice(&[1, 2, 3, 4]);
    let m = Message::new_checked(&longer).unwrap();
    assert_eq!(m.len(), 108);
    assert!(!is_stun(&longer));
    assert!(is_stun(&RFC5769_REQUEST));
    assert_eq!(message_len(&longer), Some(108));
}

#[test]
fn attribute_errors() {
    // Each case: an attribute in an otherwise empty Binding request.
    let message = |attr: &[u8]| {
        let mut m = vec![0x00, 0x01, 0, 0, 0x21, 0x12, 0xa4, 0x42];
        m.extend_from_slice(&[1; 12]);
        m.extend_from_slice(attr);
        let len = (m.len() - 20) as u16;
        m[2..4].copy_from_slice(&len.to_be_bytes());
        m
    };
    let decode = |attr: &[u8]| {
        let m = message(attr);
        let m = Message::new_checked(&m).unwrap();
        let a = m.attributes().next().unwrap();
        a.decode().map(|_| ())
    };
    // PRIORITY of 8 bytes.
    assert_eq!(
        decode(&[0x00, 0x24, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0, 2]),
        Err(StunError::AttributeLength {
            attribute: AttributeType::Priority,
            offset: 20,
            len: 8
        })
    );
    // MAPPED-ADDRESS with family 3.
    assert_eq!(
        decode(&[0x00, 0x01, 0x00, 0x08, 0, 3, 0, 1, 1, 2, 3, 4]),
        Err(StunError::InvalidValue {
            field: "Family",
            offset: 25,
            value: 3
        })
    );
    // IPv6 family with an IPv4-sized value.
    assert!(matches!(
        decode(&[0x00, 0x20, 0x00, 0x08, 0, 2, 0, 1, 1, 2, 3, 4]),
        Err(StunError::AttributeLength { len: 8, .. })
    ));
    // USERNAME that is not UTF-8.
    assert_eq!(
        decode(&[0x00, 0x06, 0x00, 0x02, 0xc3, 0x28, 0, 0]),
        Err(StunError::InvalidUtf8 {
            attribute: AttributeType::Username,
            offset: 20
        })
    );
    // ERROR-CODE number 100.
    assert_eq!(
        decode(&[0x00, 0x09, 0x00, 0x04, 0, 0, 4, 100]),
        Err(StunError::InvalidValue {
            field: "Number",
            offset: 27,
            value: 100
        })
    );
    // PASSWORD-ALGORITHMS whose second entry's parameters run past the value.
    assert!(matches!(
        decode(&[0x80, 0x02, 0x00, 0x08, 0, 1, 0, 0, 0, 2, 0, 4]),
        Err(StunError::Truncated {
            field: "Algorithm Parameters",
            ..
        })
    ));
    // Unknown attributes are values.
    let m = message(&[0x7f, 0xff, 0x00, 0x01, 0xaa, 0, 0, 0]);
    let m = Message::new_checked(&m).unwrap();
    let a = m.attributes().next().unwrap();
    assert!(a.is_comprehension_required());
    assert_eq!(
        a.decode(),
        Ok(Attribute::Other {
            attr_type: AttributeType::Other(0x7fff),
            value: &[0xaa]
        })
    );
    assert_eq!(m.unknown_comprehension_required(), Some(a));
}

#[test]
fn typed_attributes_round_trip() {
    let v4: SocketAddr = "198.51.100.7:49152".parse().unwrap();
    let v6: SocketAddr = "[2001:db8::1]:3478".parse().unwrap();
    let unknown = [AttributeType::Other(0x7000), AttributeType::Lifetime];
    let algorithms = [
        PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::Sha256,
            parameters: &[],
        },
        PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::Other(9),
            parameters: &[1, 2, 3],
        },
        PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::Md5,
            parameters: &[],
        },
    ];
    let values = [
        Attribute::MappedAddress(v4),
        Attribute::XorMappedAddress(v6),
        Attribute::Username("a:b"),
        Attribute::Userhash(&[7; 32]),
        Attribute::ErrorCode(ErrorCode {
            code: 438,
            reason: "Stale Nonce",
        }),
        Attribute::Realm("example.org"),
        Attribute::Nonce("n"),
        Attribute::PasswordAlgorithm(algorithms[1]),
        Attribute::Software("rtcinspect"),
        Attribute::AlternateServer(v6),
        Attribute::AlternateDomain("turn.example.org"),
        Attribute::Priority(0x6e7f_1eff),
        Attribute::UseCandidate,
        Attribute::IceControlled(1),
        Attribute::IceControlling(u64::MAX),
        Attribute::ChannelNumber(0x4001),
        Attribute::Lifetime(600),
        Attribute::XorPeerAddress(v4),
        Attribute::Data(&[0x80, 0x6f, 1, 2, 3]),
        Attribute::XorRelayedAddress(v6),
        Attribute::RequestedAddressFamily(AddressFamily::Ipv6),
        Attribute::EvenPort(true),
        Attribute::RequestedTransport(17),
        Attribute::DontFragment,
        Attribute::ReservationToken(0x0102_0304_0506_0708),
        Attribute::AdditionalAddressFamily(AddressFamily::Ipv6),
        Attribute::AddressErrorCode(
            AddressFamily::Ipv4,
            ErrorCode {
                code: 440,
                reason: "Address Family not Supported",
            },
        ),
        Attribute::Icmp(Icmp {
            icmp_type: 3,
            code: 4,
            error_data: 1400,
        }),
        Attribute::ResponseOrigin(v4),
        Attribute::OtherAddress(v4),
        Attribute::SourceAddress(v4),
        Attribute::ChangedAddress(v4),
        Attribute::GoogNetworkInfo(GoogNetworkInfo {
            network_id: 1,
            network_cost: 10,
        }),
        Attribute::Other {
            attr_type: AttributeType::GoogMiscInfo,
            value: &[0, 1],
        },
    ];
    let mut attributes: Vec<AttributeRepr<'_>> =
        values.iter().copied().map(AttributeRepr::from).collect();
    attributes.push(AttributeRepr::UnknownAttributes(&unknown));
    attributes.push(AttributeRepr::PasswordAlgorithms(&algorithms));
    let repr = MessageRepr {
        class: Class::ErrorResponse,
        method: Method::Allocate,
        transaction_id: TransactionId([0x5a; 12]),
        attributes: &attributes,
        message_integrity: Some(b"key"),
        message_integrity_sha256: Some(b"key"),
        fingerprint: true,
        ..MessageRepr::default()
    };
    let mut out = Vec::new();
    let len = repr.emit_vec(&mut out).unwrap();
    assert_eq!(len, repr.buffer_len());
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(m.len(), len);
    let back = decoded(&m);
    assert_eq!(back[..values.len()], values);
    let Attribute::UnknownAttributes(list) = back[values.len()] else {
        panic!()
    };
    assert!(list.iter().eq(unknown));
    let Attribute::PasswordAlgorithms(list) = back[values.len() + 1] else {
        panic!()
    };
    assert!(list.iter().eq(algorithms));
    assert_eq!(m.check_message_integrity(b"key"), Ok(()));
    assert_eq!(m.check_message_integrity_sha256(b"key"), Ok(()));
    assert_eq!(m.check_fingerprint(), Ok(()));
    // Every typed attribute's bytes are what its decoded value writes.
    for a in m.attributes() {
        let repr = AttributeRepr::from(a.decode().unwrap());
        assert_eq!(repr.buffer_len(), a.wire_len(), "{:?}", a.attr_type());
    }
}

#[test]
fn fingerprint_rules() {
    // FINGERPRINT followed by another attribute is not valid.
    let attributes = [Attribute::Software("x").into()];
    let repr = MessageRepr {
        attributes: &attributes,
        fingerprint: true,
        ..MessageRepr::default()
    };
    let mut out = repr_bytes(&repr);
    out.extend_from_slice(&[0x80, 0x22, 0x00, 0x00]);
    out[3] += 4;
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(
        m.check_fingerprint(),
        Err(VerifyError::NotLast { offset: 28 })
    );
    // A flipped bit anywhere before it is caught.
    let mut out = repr_bytes(&repr);
    out[24] ^= 1;
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(
        m.check_fingerprint(),
        Err(VerifyError::Mismatch {
            attribute: AttributeType::Fingerprint,
            offset: 28
        })
    );
}

#[test]
fn integrity_ignores_attributes_after_it() {
    // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY (other than
    // MESSAGE-INTEGRITY-SHA256 and FINGERPRINT) are not covered: adding one after the
    // fact keeps the HMAC valid, because the length field is read as ending at it.
    let attributes = [Attribute::Username("u:v").into()];
    let repr = MessageRepr {
        attributes: &attributes,
        message_integrity: Some(b"pwd"),
        ..MessageRepr::default()
    };
    let mut out = repr_bytes(&repr);
    out.extend_from_slice(&[0x80, 0x22, 0x00, 0x02, b'h', b'i', 0, 0]);
    out[3] += 8;
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(m.check_message_integrity(b"pwd"), Ok(()));
}

fn repr_bytes(repr: &MessageRepr<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    repr.emit_vec(&mut out).unwrap();
    out
}

#[test]
fn emit_errors() {
    let mut small = [0u8; 10];
    assert_eq!(
        MessageRepr::default().emit(&mut small),
        Err(EmitError::BufferTooSmall {
            needed: 20,
            available: 10
        })
    );
    let attributes = [AttributeRepr::Raw {
        attr_type: AttributeType::Software,
        value: b"abc",
        padding: b"  ",
    }];
    let repr = MessageRepr {
        attributes: &attributes,
        ..MessageRepr::default()
    };
    assert!(matches!(
        repr.emit(&mut [0u8; 64]),
        Err(EmitError::InvalidValue {
            field: "attribute padding length",
            ..
        })
    ));
    let long = "x".repeat(600);
    let attributes = [Attribute::Username(&long).into()];
    let repr = MessageRepr {
        attributes: &attributes,
        ..MessageRepr::default()
    };
    assert!(matches!(
        repr.emit(&mut [0u8; 1024]),
        Err(EmitError::FieldOverflow { max: 512, .. })
    ));
}

#[test]
fn relayed_data() {
    // A Data indication from 203.0.113.5:5000 carrying an RTP packet.
    let rtp = [0x80, 0x6f, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xaa];
    let peer: SocketAddr = "203.0.113.5:5000".parse().unwrap();
    let data = RelayedData {
        method: Method::Data,
        peer,
        data: &rtp,
    };
    let mut buf = [0u8; 64];
    let len = data.emit(TransactionId([3; 12]), &mut buf).unwrap();
    let m = Message::new_checked(&buf[..len]).unwrap();
    assert_eq!(m.message_type_field(), 0x0017);
    assert_eq!(m.relayed_data(), Some(Ok(data)));
    assert_eq!(data.kind(), crate::demux::PacketKind::Rtp);
    // A Binding request is not relayed data.
    let m = Message::new_checked(&RFC5769_REQUEST).unwrap();
    assert_eq!(m.relayed_data(), None);
    // A Send indication without DATA.
    let attributes = [Attribute::XorPeerAddress(peer).into()];
    let repr = MessageRepr {
        class: Class::Indication,
        method: Method::Send,
        attributes: &attributes,
        ..MessageRepr::default()
    };
    let out = repr_bytes(&repr);
    let m = Message::new_checked(&out).unwrap();
    assert_eq!(
        m.relayed_data(),
        Some(Err(StunError::MissingAttribute {
            attribute: AttributeType::Data
        }))
    );
}

#[test]
fn classic_rfc3489_message() {
    // An RFC 3489 Binding response: no magic cookie, a 128-bit transaction ID, and
    // MAPPED-ADDRESS 192.0.2.33:3478.
    let bytes = [
        0x01, 0x01, 0x00, 0x0c, //
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, //
        0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, //
        0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x0d, 0x96, 192, 0, 2, 33,
    ];
    let m = Message::new_checked(&bytes).unwrap();
    assert!(!m.has_magic_cookie());
    assert_eq!(m.classic_transaction_id()[0], 1);
    assert_eq!(m.classic_transaction_id()[15], 0x10);
    assert_eq!(
        decoded(&m),
        [Attribute::MappedAddress("192.0.2.33:3478".parse().unwrap())]
    );
    assert!(!is_stun(&bytes));
    assert_eq!(reemit(&bytes), bytes);
}
