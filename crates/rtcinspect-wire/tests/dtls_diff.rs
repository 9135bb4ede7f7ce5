//! Differential tests of [`rtcinspect_wire::dtls`] against `tls-parser` 0.12 (Rusticata)
//! and webrtc-rs `dtls` 0.17, on every real datagram of `testdata/packets/dtls/`, on
//! flights written with our writers, and on random hellos.
//!
//! What each incumbent is compared on:
//!
//! * tls-parser: every record header (`parse_dtls_record_header`); every plaintext
//!   handshake record (`parse_dtls_plaintext_record`): each message's header, and the
//!   bodies it reads (ClientHello, ServerHello, HelloVerifyRequest, Certificate,
//!   fragments); the hello extensions (`parse_tls_client_hello_extensions` /
//!   `parse_tls_server_hello_extensions`): supported_groups, signature_algorithms,
//!   supported_versions, renegotiation_info, extended_master_secret, key_share bytes,
//!   and the raw bytes of the ones it keeps raw (use_srtp among them); alerts.
//! * webrtc-rs: every record header (`RecordLayerHeader::unmarshal`, whose fields are
//!   public); each handshake header (`HandshakeHeader::unmarshal`; its fields are
//!   crate-private, so they are read from its `Debug` output); and the hellos, whose
//!   fields are crate-private too: each is parsed by webrtc-rs
//!   (`HandshakeMessageClientHello::unmarshal`), written back by it (`marshal`) and the
//!   result read by us, which must give what webrtc-rs could have understood of the
//!   original (version, random, cookie, the cipher suites, extension types, SRTP
//!   profiles and groups it knows).
//!
//! Deviations found, each asserted below so a change in an incumbent shows:
//!
//! * tls-parser rejects a whole record as soon as one message in it is of a type it
//!   does not parse (ServerKeyExchange, CertificateRequest, CertificateVerify,
//!   NewSessionTicket, ...): `parse_dtls_record_with_header` uses `many1` over a
//!   parser that fails with `ErrorKind::Switch`. RFC 6347 §4.2.3 lets a record carry
//!   several messages of any type; we read every header and keep unknown bodies raw.
//! * tls-parser treats an extension type as GREASE when `type & 0x0f0f == 0x0a0a`
//!   (0x1a2a too); RFC 8701 §2 reserves only the 16 values whose two bytes are equal
//!   (0x0a0a, 0x1a1a, ..., 0xfafa). Ours: [`rtcinspect_wire::dtls::is_grease`].
//! * tls-parser ignores bytes after a ClientHello's extensions (`opt(complete(..))`);
//!   RFC 5246 §7.4.1.2 ends the message there: we fail with `InvalidValue`
//!   ("extensions length").
//! * webrtc-rs reads the ClientHello session ID length but not the session ID
//!   (`handshake_message_client_hello.rs`: `reader.read_u8()?` and nothing more), so a
//!   ClientHello with a session ID (RFC 6347 §4.2.1 allows one, for resumption) is
//!   misread from the cookie on; it always writes an empty session ID.
//! * webrtc-rs reads the `use_srtp` MKI length but not the MKI, and writes an MKI
//!   length of 0 (RFC 5764 §4.1.1 `srtp_mki<0..255>`).
//! * webrtc-rs maps every SRTP profile and cipher suite it does not implement to an
//!   `Unsupported` variant whose discriminant it then writes back: an unknown profile
//!   comes back as 0x0009 (DOUBLE_AEAD_AES_128_GCM_AEAD_AES_128_GCM, RFC 8723) and an
//!   unknown cipher suite as 0xccaa (TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256). It
//!   drops the extensions it does not know (session_ticket, supported_versions,
//!   key_share, ...).
//! * webrtc-rs `RecordLayer::unmarshal` fails on a handshake fragment ("failed to fill
//!   whole buffer"): it parses the fragment as a whole message (its connection
//!   reassembles before, in `fragment_buffer`); it does not implement
//!   NewSessionTicket; its `ContentType` has no heartbeat (24), tls12_cid (25) or ack
//!   (26) and reads them as `Invalid`; its record header rejects versions other than
//!   DTLS 1.0 and 1.2.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use std::io::Cursor;
use std::path::Path;

use dtls::cipher_suite::CipherSuiteId;
use dtls::curve::named_curve::NamedCurve;
use dtls::extension::ExtensionValue;
use dtls::extension::extension_use_srtp::SrtpProtectionProfile as WebrtcProfile;
use dtls::handshake::handshake_header::HandshakeHeader;
use dtls::handshake::handshake_message_client_hello::HandshakeMessageClientHello;
use dtls::handshake::handshake_message_server_hello::HandshakeMessageServerHello;
use dtls::record_layer::record_layer_header::RecordLayerHeader;
use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::dtls::{
    Alert, AlertDescription, AlertLevel, AnyRecord, CipherSuite, ClientHello, ClientHelloRepr,
    ContentType, Extension, ExtensionRepr, ExtensionType, ExtensionsRepr, FragmentRepr, Handshake,
    HandshakeBody, HandshakeBodyRepr, HandshakeRepr, HandshakeType, HelloVerifyRequestRepr,
    KeyShare, NamedGroup, ProtocolVersion, RawExtension, Record, RecordRepr, Records, ServerHello,
    ServerHelloRepr, SignatureScheme, SrtpProtectionProfile, SupportedVersions,
};
use tls_parser::{
    DTLSMessage, DTLSMessageHandshakeBody, TlsExtension, parse_dtls_plaintext_record,
    parse_dtls_record_header, parse_tls_client_hello_extensions, parse_tls_server_hello_extensions,
};

/// Every real datagram, and flights written with our writers.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets/dtls");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out.extend(written_flights());
    out
}

fn record(fragment: FragmentRepr<'_>, content_type: ContentType, seq: u64) -> Vec<u8> {
    let mut out = Vec::new();
    RecordRepr {
        content_type,
        version: ProtocolVersion::DTLS_1_2,
        epoch: 0,
        sequence_number: seq,
        connection_id: &[],
        fragment,
    }
    .emit_vec(&mut out)
    .unwrap();
    out
}

/// A WebRTC-like first flight of each side, a HelloVerifyRequest and an alert,
/// written with our writers (values webrtc-rs knows, so it can be compared whole).
fn written_flights() -> Vec<(String, Vec<u8>)> {
    let suites = [
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ];
    let profiles = [
        SrtpProtectionProfile::SRTP_AEAD_AES_128_GCM,
        SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80,
    ];
    let groups = [
        NamedGroup::X25519,
        NamedGroup::SECP256R1,
        NamedGroup::SECP384R1,
    ];
    let schemes = [
        SignatureScheme::ECDSA_SECP256R1_SHA256,
        SignatureScheme::RSA_PKCS1_SHA256,
    ];
    let ext = [
        ExtensionRepr::ExtendedMasterSecret,
        ExtensionRepr::RenegotiationInfo(&[]),
        ExtensionRepr::SupportedGroups(groups[..].into()),
        ExtensionRepr::UseSrtp {
            profiles: profiles[..].into(),
            mki: &[],
        },
        ExtensionRepr::SignatureAlgorithms(schemes[..].into()),
    ];
    let hello = ClientHelloRepr {
        cookie: &[0xc0; 20],
        cipher_suites: suites[..].into(),
        extensions: Some(ExtensionsRepr::List(&ext)),
        ..ClientHelloRepr::new([0x5a; 32])
    };
    let client = [HandshakeRepr::whole(
        1,
        HandshakeBodyRepr::ClientHello(hello),
    )];
    let server_ext = [ExtensionRepr::UseSrtp {
        profiles: profiles[..1].into(),
        mki: &[],
    }];
    let cert = [&[0x30, 0x03, 0x02, 0x01, 0x01][..]];
    let server = [
        HandshakeRepr::whole(
            1,
            HandshakeBodyRepr::ServerHello(ServerHelloRepr {
                server_version: ProtocolVersion::DTLS_1_2,
                random: [0xa5; 32],
                session_id: &[],
                cipher_suite: suites[0],
                compression_method: 0,
                extensions: Some(ExtensionsRepr::List(&server_ext)),
            }),
        ),
        HandshakeRepr::whole(2, HandshakeBodyRepr::Certificate(&cert)),
    ];
    let hvr = [HandshakeRepr::whole(
        0,
        HandshakeBodyRepr::HelloVerifyRequest(HelloVerifyRequestRepr {
            server_version: ProtocolVersion::DTLS_1_0,
            cookie: &[1, 2, 3, 4, 5, 6, 7, 8],
        }),
    )];
    let alert = Alert {
        level: AlertLevel::FATAL,
        description: AlertDescription::HANDSHAKE_FAILURE,
    };
    vec![
        (
            "written-client-hello".into(),
            record(FragmentRepr::Handshakes(&client), ContentType::HANDSHAKE, 1),
        ),
        (
            "written-server-hello-certificate".into(),
            record(FragmentRepr::Handshakes(&server), ContentType::HANDSHAKE, 1),
        ),
        (
            "written-hello-verify-request".into(),
            record(FragmentRepr::Handshakes(&hvr), ContentType::HANDSHAKE, 0),
        ),
        (
            "written-alert".into(),
            record(FragmentRepr::Alert(alert), ContentType::ALERT, 7),
        ),
    ]
}

/// The records of a datagram with the 13-byte header.
fn records(datagram: &[u8]) -> Vec<Record<'_>> {
    Records::new(datagram)
        .map(Result::unwrap)
        .filter_map(|r| match r {
            AnyRecord::Record(r) => Some(r),
            _ => None,
        })
        .collect()
}

#[test]
fn record_headers_match_tls_parser_and_webrtc_rs() {
    let mut compared = 0;
    for (name, datagram) in corpus() {
        for r in records(&datagram) {
            let (rest, h) = parse_dtls_record_header(r.as_bytes()).unwrap();
            assert_eq!(rest.len(), r.fragment().len(), "{name}");
            assert_eq!(h.content_type.0, r.content_type().0, "{name}");
            assert_eq!(h.version.0, r.version().0, "{name}");
            assert_eq!(h.epoch, r.epoch(), "{name}");
            assert_eq!(h.sequence_number, r.sequence_number(), "{name}");
            assert_eq!(h.length, r.length(), "{name}");
            let w = RecordLayerHeader::unmarshal(&mut Cursor::new(r.as_bytes())).unwrap();
            let content_type = match r.content_type().0 {
                20..=23 => r.content_type().0,
                _ => w.content_type as u8, // webrtc-rs: `Invalid`
            };
            assert_eq!(w.content_type as u8, content_type, "{name}");
            let version = u16::from_be_bytes([w.protocol_version.major, w.protocol_version.minor]);
            assert_eq!(version, r.version().0, "{name}");
            assert_eq!(w.epoch, r.epoch(), "{name}");
            assert_eq!(w.sequence_number, r.sequence_number(), "{name}");
            assert_eq!(w.content_len, r.length(), "{name}");
            compared += 1;
        }
    }
    assert!(compared >= 45, "{compared} records");
}

/// The numbers `name: N` in a `Debug` rendering.
fn debug_number(debug: &str, name: &str) -> u64 {
    let at = debug.find(&format!("{name}: ")).unwrap() + name.len() + 2;
    debug[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// webrtc-rs names handshake types in CamelCase.
fn camel(msg_type: HandshakeType) -> String {
    let name = match msg_type {
        HandshakeType::SERVER_HELLO_DONE => "server_hello_done",
        t => t.name().unwrap_or("invalid"),
    };
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn handshake_headers_match_webrtc_rs() {
    let mut compared = 0;
    for (name, datagram) in corpus() {
        for r in records(&datagram) {
            if r.content_type() != ContentType::HANDSHAKE || r.epoch() != 0 {
                continue;
            }
            for m in r.handshakes() {
                let m = m.unwrap();
                let h = HandshakeHeader::unmarshal(&mut Cursor::new(m.as_bytes())).unwrap();
                let d = format!("{h:?}");
                if m.msg_type() == HandshakeType::NEW_SESSION_TICKET {
                    // The deviation: webrtc-rs has no NewSessionTicket.
                    assert!(d.contains("handshake_type: Invalid"), "{name}: {d}");
                } else {
                    assert!(
                        d.contains(&format!("handshake_type: {}", camel(m.msg_type()))),
                        "{name}: {d}"
                    );
                }
                assert_eq!(debug_number(&d, "length"), u64::from(m.length()), "{name}");
                assert_eq!(
                    debug_number(&d, "message_sequence"),
                    u64::from(m.message_seq())
                );
                assert_eq!(
                    debug_number(&d, "fragment_offset"),
                    u64::from(m.fragment_offset())
                );
                assert_eq!(
                    debug_number(&d, "fragment_length"),
                    u64::from(m.fragment_length())
                );
                compared += 1;
            }
        }
    }
    assert!(compared >= 30, "{compared} messages");
}

/// Compares one of our messages with tls-parser's.
fn compare_message(name: &str, ours: &Handshake<'_>, theirs: &DTLSMessage<'_>) {
    let DTLSMessage::Handshake(t) = theirs else {
        panic!("{name}: tls-parser read {theirs:?}")
    };
    assert_eq!(t.msg_type.0, ours.msg_type().0, "{name}");
    assert_eq!(t.length, ours.length(), "{name}");
    assert_eq!(t.message_seq, ours.message_seq(), "{name}");
    assert_eq!(t.fragment_offset, ours.fragment_offset(), "{name}");
    assert_eq!(t.fragment_length, ours.fragment_length(), "{name}");
    match (&t.body, ours.body().unwrap()) {
        (DTLSMessageHandshakeBody::ClientHello(t), HandshakeBody::ClientHello(h)) => {
            assert_eq!(t.version.0, h.client_version().0, "{name}");
            assert_eq!(t.random, h.random(), "{name}");
            assert_eq!(t.session_id.unwrap_or(&[]), h.session_id(), "{name}");
            assert_eq!(t.cookie, h.cookie(), "{name}");
            assert!(
                t.ciphers
                    .iter()
                    .map(|c| c.0)
                    .eq(h.cipher_suites().map(|c| c.0))
            );
            assert!(
                t.comp
                    .iter()
                    .map(|c| c.0)
                    .eq(h.compression_methods().iter().copied())
            );
            assert_eq!(t.ext.is_some(), h.has_extensions(), "{name}");
            let (rest, ext) = parse_tls_client_hello_extensions(t.ext.unwrap_or(&[])).unwrap();
            assert!(rest.is_empty());
            compare_extensions(name, &ext, h.extensions(), h.raw_extensions());
        }
        (DTLSMessageHandshakeBody::ServerHello(t), HandshakeBody::ServerHello(h)) => {
            assert_eq!(t.version.0, h.server_version().0, "{name}");
            assert_eq!(t.random, h.random(), "{name}");
            assert_eq!(t.session_id.unwrap_or(&[]), h.session_id(), "{name}");
            assert_eq!(t.cipher.0, h.cipher_suite().0, "{name}");
            assert_eq!(t.compression.0, h.compression_method(), "{name}");
            let (rest, ext) = parse_tls_server_hello_extensions(t.ext.unwrap_or(&[])).unwrap();
            assert!(rest.is_empty());
            compare_extensions(name, &ext, h.extensions(), h.raw_extensions());
        }
        (DTLSMessageHandshakeBody::HelloVerifyRequest(t), HandshakeBody::HelloVerifyRequest(h)) => {
            assert_eq!(t.server_version.0, h.server_version().0);
            assert_eq!(t.cookie, h.cookie());
        }
        (DTLSMessageHandshakeBody::Certificate(t), HandshakeBody::Certificate(c)) => {
            assert!(
                t.cert_chain.iter().map(|c| c.data).eq(c.certificates()),
                "{name}"
            );
        }
        (DTLSMessageHandshakeBody::Fragment(t), HandshakeBody::Fragment(f)) => {
            assert_eq!(*t, f, "{name}");
        }
        (DTLSMessageHandshakeBody::ServerDone(t), HandshakeBody::Other(b))
        | (DTLSMessageHandshakeBody::Finished(t), HandshakeBody::Other(b)) => {
            assert_eq!(*t, b, "{name}");
        }
        (DTLSMessageHandshakeBody::ClientKeyExchange(_), HandshakeBody::Other(_)) => {}
        (t, o) => panic!("{name}: tls-parser {t:?}, ours {o:?}"),
    }
}

fn compare_extensions(
    name: &str,
    theirs: &[TlsExtension<'_>],
    ours: rtcinspect_wire::dtls::Extensions<'_>,
    raw: rtcinspect_wire::dtls::RawExtensions<'_>,
) {
    let ours: Vec<_> = ours.map(Result::unwrap).zip(raw).collect();
    assert_eq!(theirs.len(), ours.len(), "{name}");
    for (t, (o, raw)) in theirs.iter().zip(ours) {
        match (t, o) {
            (TlsExtension::EllipticCurves(t), Extension::SupportedGroups(o)) => {
                assert!(t.iter().map(|g| g.0).eq(o.map(|g| g.0)), "{name}");
            }
            (TlsExtension::SignatureAlgorithms(t), Extension::SignatureAlgorithms(o)) => {
                assert!(t.iter().copied().eq(o.map(|s| s.0)), "{name}");
            }
            (TlsExtension::SupportedVersions(t), Extension::SupportedVersions(o)) => {
                let ours: Vec<u16> = match o {
                    SupportedVersions::Offered(v) => v.map(|v| v.0).collect(),
                    SupportedVersions::Selected(v) => vec![v.0],
                    _ => unreachable!(),
                };
                assert!(t.iter().map(|v| v.0).eq(ours), "{name}");
            }
            (TlsExtension::RenegotiationInfo(t), Extension::RenegotiationInfo(o)) => {
                assert_eq!(*t, o, "{name}");
            }
            (TlsExtension::ExtendedMasterSecret, Extension::ExtendedMasterSecret) => {}
            (TlsExtension::KeyShare(t), Extension::KeyShare(o)) => {
                // tls-parser keeps the bytes; we read the entries.
                assert_eq!(*t, raw.data, "{name}");
                let groups: Vec<u16> = match o {
                    KeyShare::ClientShares(s) => s.map(|e| e.group.0).collect(),
                    KeyShare::ServerShare(e) => vec![e.group.0],
                    KeyShare::SelectedGroup(g) => vec![g.0],
                    _ => unreachable!(),
                };
                assert!(!groups.is_empty());
            }
            (TlsExtension::Unknown(ty, data), Extension::UseSrtp(srtp)) => {
                assert_eq!(ty.0, ExtensionType::USE_SRTP.0);
                assert_eq!(*data, raw.data);
                assert!(srtp.profiles().len() >= 1);
            }
            (TlsExtension::Unknown(ty, data), Extension::Other(o)) => {
                assert_eq!(ty.0, o.extension_type.0, "{name}");
                assert_eq!(*data, o.data, "{name}");
            }
            // tls-parser's GREASE test is looser than RFC 8701 (see the deviations).
            (TlsExtension::Grease(ty, data), Extension::Other(o)) => {
                assert_eq!(*ty, o.extension_type.0, "{name}");
                assert_eq!(*data, o.data, "{name}");
            }
            // Read by tls-parser, kept raw by us.
            (_, Extension::Other(o)) => {
                assert_eq!(
                    rtcinspect_wire::dtls::ExtensionType(tls_parser::TlsExtensionType::from(t).0),
                    o.extension_type,
                    "{name}"
                );
            }
            (t, o) => panic!("{name}: tls-parser {t:?}, ours {o:?}"),
        }
    }
}

/// Messages tls-parser 0.12 does not read, and for which it rejects their record.
const TLS_PARSER_UNREAD: [HandshakeType; 5] = [
    HandshakeType::SERVER_KEY_EXCHANGE,
    HandshakeType::CERTIFICATE_REQUEST,
    HandshakeType::CERTIFICATE_VERIFY,
    HandshakeType::NEW_SESSION_TICKET,
    HandshakeType::HELLO_RETRY_REQUEST,
];

#[test]
fn handshakes_match_tls_parser() {
    let mut compared = 0;
    let mut rejected = 0;
    for (name, datagram) in corpus() {
        for r in records(&datagram) {
            if r.epoch() != 0 {
                continue;
            }
            let ours: Vec<_> = if r.content_type() == ContentType::HANDSHAKE {
                r.handshakes().map(Result::unwrap).collect()
            } else {
                Vec::new()
            };
            match (r.content_type(), parse_dtls_plaintext_record(r.as_bytes())) {
                (ContentType::HANDSHAKE, Ok((rest, t))) => {
                    assert!(rest.is_empty());
                    assert_eq!(t.messages.len(), ours.len(), "{name}");
                    for (o, t) in ours.iter().zip(&t.messages) {
                        compare_message(&name, o, t);
                        compared += 1;
                    }
                }
                (ContentType::HANDSHAKE, Err(_)) => {
                    // The deviation: one message tls-parser does not read, and the
                    // record is lost.
                    assert!(
                        ours.iter()
                            .any(|m| !m.is_fragment() && TLS_PARSER_UNREAD.contains(&m.msg_type())),
                        "{name}: tls-parser rejects {:?}",
                        ours.iter().map(|m| m.msg_type()).collect::<Vec<_>>()
                    );
                    rejected += 1;
                }
                (ContentType::ALERT, Ok((_, t))) => {
                    let [DTLSMessage::Alert(a)] = &t.messages[..] else {
                        panic!()
                    };
                    let ours = r.alert().unwrap();
                    assert_eq!(a.severity.0, ours.level.0);
                    assert_eq!(a.code.0, ours.description.0);
                    compared += 1;
                }
                (ContentType::CHANGE_CIPHER_SPEC, Ok((_, t))) => {
                    assert!(matches!(t.messages[..], [DTLSMessage::ChangeCipherSpec]));
                    assert_eq!(r.fragment(), &[1]);
                }
                (ct, other) => panic!("{name}: {ct}: {other:?}"),
            }
        }
    }
    assert!(compared >= 20, "{compared} messages compared");
    assert!(rejected >= 5, "{rejected} records rejected by tls-parser");
}

/// What we read of a ClientHello and what webrtc-rs can understand of it.
#[derive(Debug, PartialEq)]
struct Understood {
    version: u16,
    random: [u8; 32],
    cookie: Vec<u8>,
    suites: Vec<u16>,
    extensions: Vec<u16>,
    profiles: Vec<u16>,
    groups: Vec<u16>,
}

impl Understood {
    /// What webrtc-rs understood of extensions read by us: only what it knows.
    fn from_hello(
        version: ProtocolVersion,
        random: &[u8; 32],
        cookie: &[u8],
        suites: impl Iterator<Item = CipherSuite>,
        extensions: rtcinspect_wire::dtls::Extensions<'_>,
    ) -> Self {
        let mut u = Self {
            version: version.0,
            random: *random,
            cookie: cookie.to_vec(),
            suites: suites
                .map(|s| s.0)
                .filter(|&s| CipherSuiteId::from(s) != CipherSuiteId::Unsupported)
                .collect(),
            extensions: Vec::new(),
            profiles: Vec::new(),
            groups: Vec::new(),
        };
        for e in extensions.map(Result::unwrap) {
            let t = e.extension_type().0;
            if ExtensionValue::from(t) == ExtensionValue::Unsupported {
                continue;
            }
            u.extensions.push(t);
            match e {
                Extension::UseSrtp(s) => u.profiles.extend(
                    s.profiles()
                        .map(|p| p.0)
                        .filter(|&p| WebrtcProfile::from(p) != WebrtcProfile::Unsupported),
                ),
                Extension::SupportedGroups(g) => u.groups.extend(
                    g.map(|g| g.0)
                        .filter(|&g| NamedCurve::from(g) != NamedCurve::Unsupported),
                ),
                _ => {}
            }
        }
        u
    }
}

/// Our reading of the ClientHello webrtc-rs writes after reading `body`, restricted to
/// what it knows; `None` when webrtc-rs cannot read `body`.
fn webrtc_client_hello(body: &[u8]) -> Option<Understood> {
    let hello = HandshakeMessageClientHello::unmarshal(&mut Cursor::new(body)).ok()?;
    let mut out = Vec::new();
    hello.marshal(&mut out).unwrap();
    let h = ClientHello::new_checked(&out).unwrap();
    Some(Understood::from_hello(
        h.client_version(),
        h.random(),
        h.cookie(),
        h.cipher_suites(),
        h.extensions(),
    ))
}

fn webrtc_server_hello(body: &[u8]) -> Option<Understood> {
    let hello = HandshakeMessageServerHello::unmarshal(&mut Cursor::new(body)).ok()?;
    let mut out = Vec::new();
    hello.marshal(&mut out).unwrap();
    let h = ServerHello::new_checked(&out).unwrap();
    Some(Understood::from_hello(
        h.server_version(),
        h.random(),
        &[],
        std::iter::once(h.cipher_suite()),
        h.extensions(),
    ))
}

#[test]
fn hellos_match_webrtc_rs() {
    let mut compared = 0;
    for (name, datagram) in corpus() {
        for r in records(&datagram) {
            if r.content_type() != ContentType::HANDSHAKE || r.epoch() != 0 {
                continue;
            }
            for m in r.handshakes().map(Result::unwrap) {
                match m.body().unwrap() {
                    HandshakeBody::ClientHello(h) => {
                        let ours = Understood::from_hello(
                            h.client_version(),
                            h.random(),
                            h.cookie(),
                            h.cipher_suites(),
                            h.extensions(),
                        );
                        if h.session_id().is_empty() {
                            assert_eq!(webrtc_client_hello(m.fragment()), Some(ours), "{name}");
                        } else {
                            // The deviation: webrtc-rs skips the session ID's length
                            // byte only, and reads the rest from the wrong place.
                            assert_ne!(webrtc_client_hello(m.fragment()), Some(ours), "{name}");
                        }
                        compared += 1;
                    }
                    HandshakeBody::ServerHello(h) => {
                        let ours = Understood::from_hello(
                            h.server_version(),
                            h.random(),
                            &[],
                            std::iter::once(h.cipher_suite()),
                            h.extensions(),
                        );
                        // An unknown suite (TLS_AES_128_GCM_SHA256 of the DTLS 1.3
                        // hellos) is written back as 0xccaa, which webrtc-rs does not
                        // implement either: neither side keeps a suite then.
                        assert_eq!(webrtc_server_hello(m.fragment()), Some(ours), "{name}");
                        compared += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(compared >= 12, "{compared} hellos");
}

#[test]
fn webrtc_rs_deviations() {
    // A session ID: webrtc-rs reads the cookie length from the session ID's first
    // byte.
    let ext = [ExtensionRepr::ExtendedMasterSecret];
    let suites = [CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];
    let hello = ClientHelloRepr {
        session_id: &[4, 9, 9, 9, 9],
        cookie: &[7; 3],
        cipher_suites: suites[..].into(),
        extensions: Some(ExtensionsRepr::List(&ext)),
        ..ClientHelloRepr::new([1; 32])
    };
    let mut body = Vec::new();
    HandshakeRepr::whole(0, HandshakeBodyRepr::ClientHello(hello))
        .emit_vec(&mut body)
        .unwrap();
    let body = &body[12..];
    let ours = ClientHello::new_checked(body).unwrap();
    assert_eq!(ours.cookie(), &[7; 3]);
    let theirs = webrtc_client_hello(body);
    assert_ne!(theirs.map(|u| u.cookie), Some(vec![7; 3]));

    // An MKI and an unknown profile in use_srtp.
    let profiles = [SrtpProtectionProfile(0x0101), SrtpProtectionProfile(1)];
    let ext = [ExtensionRepr::UseSrtp {
        profiles: profiles[..].into(),
        mki: &[0xaa, 0xbb],
    }];
    let hello = ClientHelloRepr {
        cipher_suites: [CipherSuite(0x1234)][..].into(),
        extensions: Some(ExtensionsRepr::List(&ext)),
        ..ClientHelloRepr::new([1; 32])
    };
    let mut body = Vec::new();
    HandshakeRepr::whole(0, HandshakeBodyRepr::ClientHello(hello))
        .emit_vec(&mut body)
        .unwrap();
    let w = HandshakeMessageClientHello::unmarshal(&mut Cursor::new(&body[12..])).unwrap();
    let mut out = Vec::new();
    w.marshal(&mut out).unwrap();
    let back = ClientHello::new_checked(&out).unwrap();
    // The unknown suite comes back as 0xccaa.
    assert!(back.cipher_suites().eq([CipherSuite(0xccaa)]));
    let Some(Ok(Extension::UseSrtp(srtp))) = back.extensions().next() else {
        panic!()
    };
    // The unknown profile comes back as 0x0009 and the MKI is gone.
    assert!(
        srtp.profiles()
            .eq([SrtpProtectionProfile(9), SrtpProtectionProfile(1)])
    );
    assert!(srtp.mki().is_empty());
}

#[test]
fn tls_parser_deviations() {
    // GREASE: tls-parser takes 0x1a2a for GREASE; RFC 8701 does not.
    let ext = [0x1a, 0x2a, 0x00, 0x00];
    let (_, t) = parse_tls_client_hello_extensions(&ext).unwrap();
    assert!(matches!(t[..], [TlsExtension::Grease(0x1a2a, _)]));
    assert!(!rtcinspect_wire::dtls::is_grease(0x1a2a));
    assert!(rtcinspect_wire::dtls::is_grease(0x2a2a));

    // Bytes after the extensions.
    let hello = ClientHelloRepr {
        cipher_suites: [CipherSuite(0xc02b)][..].into(),
        extensions: Some(ExtensionsRepr::List(&[])),
        ..ClientHelloRepr::new([1; 32])
    };
    let mut msg = Vec::new();
    HandshakeRepr::whole(0, HandshakeBodyRepr::ClientHello(hello))
        .emit_vec(&mut msg)
        .unwrap();
    msg.push(0xee);
    let len = (msg.len() - 12) as u8;
    msg[3] = len;
    msg[11] = len;
    let datagram = record(FragmentRepr::Raw(&msg), ContentType::HANDSHAKE, 0);
    let (_, t) = parse_dtls_plaintext_record(&datagram).unwrap();
    assert!(matches!(
        &t.messages[..],
        [DTLSMessage::Handshake(h)] if matches!(h.body, DTLSMessageHandshakeBody::ClientHello(_))
    ));
    let r = records(&datagram)[0];
    let m = r.handshakes().next().unwrap().unwrap();
    assert!(matches!(
        m.body(),
        Err(rtcinspect_wire::dtls::DtlsError::InvalidValue {
            field: "extensions length",
            ..
        })
    ));
}

#[test]
fn names_match_tls_parser() {
    // Our IANA names are written out independently; tls-parser generates its cipher
    // suite table from the IANA registry.
    for v in 0..=u16::MAX {
        if let Some(name) = CipherSuite(v).name() {
            let theirs = tls_parser::TlsCipherSuite::from_id(v)
                .map(|s| s.name)
                .unwrap_or_else(|| panic!("{v:#06x} {name} unknown to tls-parser"));
            assert_eq!(name, theirs, "{v:#06x}");
        }
    }
}

proptest! {
    /// Random ClientHellos written by us read the same in tls-parser.
    #[test]
    fn random_client_hellos_match_tls_parser(
        random in any::<[u8; 32]>(),
        session_id in vec(any::<u8>(), 0..=32),
        cookie in vec(any::<u8>(), 0..=64),
        suites in vec(any::<u16>().prop_map(CipherSuite), 1..20),
        groups in vec(any::<u16>().prop_map(NamedGroup), 1..6),
        schemes in vec(any::<u16>().prop_map(SignatureScheme), 1..6),
        profiles in vec(any::<u16>().prop_map(SrtpProtectionProfile), 1..4),
        // Unassigned extension types, without 13172 (0x3374, next_protocol_negotiation,
        // which tls-parser decodes).
        unknown in (0x3000u16..0x4000, vec(any::<u8>(), 0..8)).prop_filter("NPN", |u| u.0 != 0x3374),
    ) {
        let ext = [
            ExtensionRepr::SupportedGroups(groups[..].into()),
            ExtensionRepr::SignatureAlgorithms(schemes[..].into()),
            ExtensionRepr::UseSrtp { profiles: profiles[..].into(), mki: &[] },
            ExtensionRepr::Raw(RawExtension { extension_type: ExtensionType(unknown.0), data: &unknown.1 }),
            ExtensionRepr::ExtendedMasterSecret,
        ];
        let hello = ClientHelloRepr {
            session_id: &session_id,
            cookie: &cookie,
            cipher_suites: suites[..].into(),
            extensions: Some(ExtensionsRepr::List(&ext)),
            ..ClientHelloRepr::new(random)
        };
        let flight = [HandshakeRepr::whole(0, HandshakeBodyRepr::ClientHello(hello))];
        let datagram = record(FragmentRepr::Handshakes(&flight), ContentType::HANDSHAKE, 0);
        let (_, t) = parse_dtls_plaintext_record(&datagram).unwrap();
        let r = records(&datagram)[0];
        let m = r.handshakes().next().unwrap().unwrap();
        compare_message("random", &m, &t.messages[0]);
    }
}
