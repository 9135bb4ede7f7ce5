//! Property tests for [`rtcinspect_wire::dtls`]: arbitrary bytes never panic (and
//! whatever parses writes back byte for byte), and `Repr -> emit -> parse` gives back
//! the same fields for records, handshake messages, hellos, certificates and alerts.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::dtls::{
    Alert, AlertDescription, AlertLevel, AnyRecord, CipherSuite, ClientHelloRepr, ContentType,
    Extension, ExtensionRepr, ExtensionType, ExtensionsRepr, FragmentRepr, HandshakeBody,
    HandshakeBodyRepr, HandshakeRepr, HandshakeType, NamedGroup, ProtocolVersion, RawExtension,
    RecordRepr, Records, ServerHelloRepr, SignatureScheme, SrtpProtectionProfile,
    SupportedVersions,
};

/// A record header with `content_type` and room for `body`, for arbitrary bodies.
fn record(content_type: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![content_type, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 1];
    out.extend_from_slice(&(body.len() as u16).to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// A whole handshake message of `msg_type` with `body`.
fn message(msg_type: u8, body: &[u8]) -> Vec<u8> {
    let len = (body.len() as u32).to_be_bytes();
    let mut out = vec![
        msg_type, len[1], len[2], len[3], 0, 0, 0, 0, 0, len[1], len[2], len[3],
    ];
    out.extend_from_slice(body);
    out
}

/// Values to build extensions from, owned by the test case.
#[derive(Debug, Clone)]
struct Exts {
    profiles: Vec<SrtpProtectionProfile>,
    mki: Vec<u8>,
    groups: Vec<NamedGroup>,
    schemes: Vec<SignatureScheme>,
    versions: Vec<ProtocolVersion>,
    renegotiation: Vec<u8>,
    other: (u16, Vec<u8>),
    /// Which of the above to write, in this order.
    pick: Vec<u8>,
}

fn exts() -> impl Strategy<Value = Exts> {
    (
        vec(any::<u16>().prop_map(SrtpProtectionProfile), 1..5),
        vec(any::<u8>(), 0..8),
        vec(any::<u16>().prop_map(NamedGroup), 0..6),
        vec(any::<u16>().prop_map(SignatureScheme), 0..6),
        vec(any::<u16>().prop_map(ProtocolVersion), 1..4),
        vec(any::<u8>(), 0..12),
        // An extension type this module does not read typed.
        (0x3000u16..0x4000, vec(any::<u8>(), 0..20)),
        vec(0u8..7, 0..8),
    )
        .prop_map(
            |(profiles, mki, groups, schemes, versions, renegotiation, other, pick)| Exts {
                profiles,
                mki,
                groups,
                schemes,
                versions,
                renegotiation,
                other,
                pick,
            },
        )
}

impl Exts {
    fn reprs(&self, client: bool) -> Vec<ExtensionRepr<'_>> {
        self.pick
            .iter()
            .map(|p| match p {
                0 => ExtensionRepr::UseSrtp {
                    profiles: self.profiles[..].into(),
                    mki: &self.mki,
                },
                1 => ExtensionRepr::SupportedGroups(self.groups[..].into()),
                2 => ExtensionRepr::SignatureAlgorithms(self.schemes[..].into()),
                3 => ExtensionRepr::ExtendedMasterSecret,
                4 => ExtensionRepr::RenegotiationInfo(&self.renegotiation),
                5 if client => ExtensionRepr::SupportedVersions(self.versions[..].into()),
                5 => ExtensionRepr::SelectedVersion(self.versions[0]),
                _ => ExtensionRepr::Raw(RawExtension {
                    extension_type: ExtensionType(self.other.0),
                    data: &self.other.1,
                }),
            })
            .collect()
    }

    /// Checks that `extensions` read back what [`reprs`](Self::reprs) wrote.
    fn check(&self, extensions: rtcinspect_wire::dtls::Extensions<'_>, client: bool) {
        let read: Vec<_> = extensions.map(Result::unwrap).collect();
        assert_eq!(read.len(), self.pick.len());
        for (e, p) in read.into_iter().zip(&self.pick) {
            match (p, e) {
                (0, Extension::UseSrtp(s)) => {
                    assert!(s.profiles().eq(self.profiles.iter().copied()));
                    assert_eq!(s.mki(), &self.mki[..]);
                }
                (1, Extension::SupportedGroups(g)) => assert!(g.eq(self.groups.iter().copied())),
                (2, Extension::SignatureAlgorithms(s)) => {
                    assert!(s.eq(self.schemes.iter().copied()));
                }
                (3, Extension::ExtendedMasterSecret) => {}
                (4, Extension::RenegotiationInfo(r)) => assert_eq!(r, &self.renegotiation[..]),
                (5, Extension::SupportedVersions(SupportedVersions::Offered(v))) if client => {
                    assert!(v.eq(self.versions.iter().copied()));
                }
                (5, Extension::SupportedVersions(SupportedVersions::Selected(v))) => {
                    assert_eq!(v, self.versions[0]);
                }
                (6, Extension::Other(raw)) => {
                    assert_eq!(raw.extension_type.0, self.other.0);
                    assert_eq!(raw.data, &self.other.1[..]);
                }
                (p, e) => panic!("wrote {p}, read {e:?}"),
            }
        }
    }
}

/// Emits `message` in a record and returns the datagram.
fn in_record(message: HandshakeRepr<'_>, sequence_number: u64) -> Vec<u8> {
    let messages = [message];
    let repr = RecordRepr {
        content_type: ContentType::HANDSHAKE,
        version: ProtocolVersion::DTLS_1_2,
        epoch: 0,
        sequence_number,
        connection_id: &[],
        fragment: FragmentRepr::Handshakes(&messages),
    };
    let mut out = Vec::new();
    let len = repr.emit_vec(&mut out).unwrap();
    assert_eq!(len, repr.buffer_len());
    out
}

/// The only message of the only record of `datagram`.
fn only_message(datagram: &[u8]) -> rtcinspect_wire::dtls::Handshake<'_> {
    let records: Vec<_> = Records::new(datagram).collect();
    assert_eq!(records.len(), 1);
    let Ok(AnyRecord::Record(record)) = records[0] else {
        panic!("{records:?}")
    };
    let messages: Vec<_> = record.handshakes().collect();
    assert_eq!(messages.len(), 1);
    messages[0].unwrap()
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..160), cid in 0u8..6) {
        common::dtls_walk(&bytes, cid);
        common::dtls_reemit(&bytes);
    }

    /// Arbitrary bodies behind valid record and handshake headers, to reach the hello,
    /// certificate and extension readers.
    #[test]
    fn arbitrary_bodies_never_panic(
        msg_type in prop_oneof![Just(1u8), Just(2), Just(3), Just(11), any::<u8>()],
        body in vec(any::<u8>(), 0..200),
        mut hello in vec(any::<u8>(), 35..36),
    ) {
        for body in [body.clone(), { hello.extend_from_slice(&body); hello }] {
            let datagram = record(22, &message(msg_type, &body));
            common::dtls_walk(&datagram, 0);
            common::dtls_reemit(&datagram);
        }
    }

    #[test]
    fn client_hello_round_trip(
        version in any::<u16>(),
        random in any::<[u8; 32]>(),
        session_id in vec(any::<u8>(), 0..=32),
        cookie in vec(any::<u8>(), 0..=255),
        suites in vec(any::<u16>().prop_map(CipherSuite), 0..40),
        compression in vec(any::<u8>(), 1..4),
        exts in exts(),
        with_extensions in any::<bool>(),
        message_seq in any::<u16>(),
        sequence_number in 0u64..1 << 48,
    ) {
        let reprs = exts.reprs(true);
        let hello = ClientHelloRepr {
            client_version: ProtocolVersion(version),
            random,
            session_id: &session_id,
            cookie: &cookie,
            cipher_suites: suites[..].into(),
            compression_methods: &compression,
            extensions: with_extensions.then_some(ExtensionsRepr::List(&reprs)),
        };
        let datagram = in_record(
            HandshakeRepr::whole(message_seq, HandshakeBodyRepr::ClientHello(hello)),
            sequence_number,
        );
        let m = only_message(&datagram);
        prop_assert_eq!(m.msg_type(), HandshakeType::CLIENT_HELLO);
        prop_assert_eq!(m.message_seq(), message_seq);
        let Ok(HandshakeBody::ClientHello(h)) = m.body() else { panic!("{:?}", m.body()) };
        prop_assert_eq!(h.client_version().0, version);
        prop_assert_eq!(h.random(), &random);
        prop_assert_eq!(h.session_id(), &session_id[..]);
        prop_assert_eq!(h.cookie(), &cookie[..]);
        prop_assert!(h.cipher_suites().eq(suites.iter().copied()));
        prop_assert_eq!(h.compression_methods(), &compression[..]);
        prop_assert_eq!(h.has_extensions(), with_extensions);
        if with_extensions {
            exts.check(h.extensions(), true);
        }
        common::dtls_reemit(&datagram);
    }

    #[test]
    fn server_hello_round_trip(
        random in any::<[u8; 32]>(),
        session_id in vec(any::<u8>(), 0..=32),
        suite in any::<u16>(),
        compression in any::<u8>(),
        exts in exts(),
        with_extensions in any::<bool>(),
    ) {
        let reprs = exts.reprs(false);
        let hello = ServerHelloRepr {
            server_version: ProtocolVersion::DTLS_1_2,
            random,
            session_id: &session_id,
            cipher_suite: CipherSuite(suite),
            compression_method: compression,
            extensions: with_extensions.then_some(ExtensionsRepr::List(&reprs)),
        };
        let datagram = in_record(
            HandshakeRepr::whole(1, HandshakeBodyRepr::ServerHello(hello)),
            0,
        );
        let Ok(HandshakeBody::ServerHello(h)) = only_message(&datagram).body() else { panic!() };
        prop_assert_eq!(h.random(), &random);
        prop_assert_eq!(h.session_id(), &session_id[..]);
        prop_assert_eq!(h.cipher_suite().0, suite);
        prop_assert_eq!(h.compression_method(), compression);
        prop_assert_eq!(h.has_extensions(), with_extensions);
        if with_extensions {
            exts.check(h.extensions(), false);
        }
        common::dtls_reemit(&datagram);
    }

    #[test]
    fn certificate_round_trip(certs in vec(vec(any::<u8>(), 1..300), 0..4)) {
        let slices: Vec<&[u8]> = certs.iter().map(Vec::as_slice).collect();
        let datagram = in_record(
            HandshakeRepr::whole(2, HandshakeBodyRepr::Certificate(&slices)),
            2,
        );
        let Ok(HandshakeBody::Certificate(c)) = only_message(&datagram).body() else { panic!() };
        prop_assert!(c.certificates().eq(slices.iter().copied()));
        common::dtls_reemit(&datagram);
    }

    /// Fragments of a message: typed reading only for the whole message, and the
    /// fragments' bytes put back together give the body.
    #[test]
    fn fragments_cover_the_body(body in vec(any::<u8>(), 1..400), cut in 1usize..400) {
        let cut = cut.min(body.len());
        let total = body.len() as u32;
        let parts = [(0, &body[..cut]), (cut, &body[cut..])];
        let mut rebuilt = vec![0u8; body.len()];
        for (at, part) in parts {
            let repr = HandshakeRepr {
                msg_type: HandshakeType::CERTIFICATE,
                length: total,
                message_seq: 1,
                fragment_offset: at as u32,
                body: HandshakeBodyRepr::Raw(part),
            };
            let datagram = in_record(repr, 0);
            let m = only_message(&datagram);
            prop_assert_eq!(m.is_fragment(), part.len() != body.len());
            if m.is_fragment() {
                prop_assert_eq!(m.body(), Ok(HandshakeBody::Fragment(part)));
            }
            rebuilt[at..at + part.len()].copy_from_slice(m.fragment());
        }
        prop_assert_eq!(rebuilt, body);
    }

    #[test]
    fn alert_and_raw_records_round_trip(
        level in any::<u8>(),
        description in any::<u8>(),
        content_type in 20u8..32,
        epoch in any::<u16>(),
        sequence_number in 0u64..1 << 48,
        fragment in vec(any::<u8>(), 0..64),
    ) {
        let alert = Alert { level: AlertLevel(level), description: AlertDescription(description) };
        let repr = RecordRepr {
            content_type: ContentType::ALERT,
            version: ProtocolVersion::DTLS_1_0,
            epoch,
            sequence_number,
            connection_id: &[],
            fragment: FragmentRepr::Alert(alert),
        };
        let mut datagram = Vec::new();
        repr.emit_vec(&mut datagram).unwrap();
        let raw = RecordRepr {
            content_type: ContentType(content_type),
            fragment: FragmentRepr::Raw(&fragment),
            ..repr
        };
        raw.emit_vec(&mut datagram).unwrap();
        let records: Vec<_> = Records::new(&datagram).collect();
        prop_assert_eq!(records.len(), 2);
        let Ok(AnyRecord::Record(a)) = records[0] else { panic!() };
        prop_assert_eq!(a.alert(), Ok(alert));
        prop_assert_eq!(a.epoch(), epoch);
        prop_assert_eq!(a.sequence_number(), sequence_number);
        let Ok(AnyRecord::Record(r)) = records[1] else { panic!() };
        prop_assert_eq!(RecordRepr::parse(&r), raw);
    }
}
