//! `dtls/parse`: a WebRTC ClientHello flight, parsed by rtcinspect, `tls-parser` 0.12
//! and webrtc-rs `dtls` 0.17.
//!
//! The work: read the record header, the handshake header, every ClientHello field,
//! walk the cipher suites and every extension, and read the contents of use_srtp (the
//! SRTP protection profiles and MKI), supported_groups and signature_algorithms. The
//! checksum covers the record header (content type, version, epoch, sequence number,
//! length), the handshake header (type, length, message_seq, fragment offset and
//! length), the hello (version, the first 8 bytes of random, session ID and cookie
//! lengths, each cipher suite, the number of compression methods, each extension type)
//! and those three extensions' entries.
//!
//! webrtc-rs parses the same record into its types (`RecordLayer::unmarshal`: record
//! header, handshake header, ClientHello, every extension it knows, use_srtp profiles
//! included), but only the record header's fields are public: the checksum of its work
//! covers those, and `tests/same_work_dtls.rs` shows it read everything else by
//! writing its parse back and getting the fixture's bytes.

use std::io::Cursor;

use rtcinspect_wire::dtls::{
    AnyRecord, CipherSuite, ClientHelloRepr, ContentType, Extension, ExtensionRepr, ExtensionType,
    ExtensionsRepr, FragmentRepr, HandshakeBody, HandshakeBodyRepr, HandshakeRepr, NamedGroup,
    ProtocolVersion, RawExtension, RecordRepr, Records, SignatureScheme, SrtpProtectionProfile,
};
use tls_parser::{DTLSMessage, DTLSMessageHandshakeBody, TlsExtension, TlsExtensionType};

use crate::mix;

/// The ClientHello a WebRTC endpoint sends first (modelled on Chromium's, with the
/// suites and schemes webrtc-rs implements so that it can read every field): a DTLS
/// 1.0 record, DTLS 1.2 offered, 8 cipher suites, null compression, and the
/// extensions extended_master_secret, renegotiation_info, supported_groups (3),
/// ec_point_formats, signature_algorithms (7) and use_srtp (4 profiles): 145 bytes.
pub fn dtls_client_hello() -> Vec<u8> {
    let suites = [
        0xc02b, 0xc02f, 0xcca9, 0xcca8, 0xc00a, 0xc014, 0xc0ac, 0xc0ae,
    ]
    .map(CipherSuite);
    let groups = [
        NamedGroup::X25519,
        NamedGroup::SECP256R1,
        NamedGroup::SECP384R1,
    ];
    let schemes = [0x0403, 0x0503, 0x0603, 0x0401, 0x0501, 0x0601, 0x0807].map(SignatureScheme);
    let profiles = [
        SrtpProtectionProfile::SRTP_AEAD_AES_128_GCM,
        SrtpProtectionProfile::SRTP_AEAD_AES_256_GCM,
        SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80,
        SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_32,
    ];
    let extensions = [
        ExtensionRepr::ExtendedMasterSecret,
        ExtensionRepr::RenegotiationInfo(&[]),
        ExtensionRepr::SupportedGroups(groups[..].into()),
        ExtensionRepr::Raw(RawExtension {
            extension_type: ExtensionType::EC_POINT_FORMATS,
            data: &[1, 0],
        }),
        ExtensionRepr::SignatureAlgorithms(schemes[..].into()),
        ExtensionRepr::UseSrtp {
            profiles: profiles[..].into(),
            mki: &[],
        },
    ];
    let mut random = [0u8; 32];
    for (i, b) in random.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    let hello = ClientHelloRepr {
        cipher_suites: suites[..].into(),
        extensions: Some(ExtensionsRepr::List(&extensions)),
        ..ClientHelloRepr::new(random)
    };
    let messages = [HandshakeRepr::whole(
        0,
        HandshakeBodyRepr::ClientHello(hello),
    )];
    let record = RecordRepr {
        content_type: ContentType::HANDSHAKE,
        version: ProtocolVersion::DTLS_1_0,
        epoch: 0,
        sequence_number: 0,
        connection_id: &[],
        fragment: FragmentRepr::Handshakes(&messages),
    };
    let mut out = Vec::new();
    if let Err(e) = record.emit_vec(&mut out) {
        panic!("fixture: {e}");
    }
    out
}

/// Folds the record header fields into a checksum.
#[inline(always)]
pub fn record_header(sum: u64, fields: [u64; 5]) -> u64 {
    fields.into_iter().fold(sum, mix)
}

/// rtcinspect: every record, every handshake message, the ClientHello and its
/// extensions (see the module documentation).
#[inline(never)]
pub fn dtls_rtcinspect(bytes: &[u8]) -> u64 {
    let mut sum = 0;
    for record in Records::new(bytes).flatten() {
        let AnyRecord::Record(r) = record else {
            continue;
        };
        sum = record_header(
            sum,
            [
                u64::from(r.content_type().0),
                u64::from(r.version().0),
                u64::from(r.epoch()),
                r.sequence_number(),
                u64::from(r.length()),
            ],
        );
        for m in r.handshakes().flatten() {
            sum = mix(sum, u64::from(m.msg_type().0));
            sum = mix(sum, u64::from(m.length()));
            sum = mix(sum, u64::from(m.message_seq()));
            sum = mix(sum, u64::from(m.fragment_offset()));
            sum = mix(sum, u64::from(m.fragment_length()));
            let Ok(HandshakeBody::ClientHello(h)) = m.body() else {
                continue;
            };
            sum = mix(sum, u64::from(h.client_version().0));
            sum = mix(
                sum,
                u64::from_be_bytes(h.random()[..8].try_into().unwrap_or([0; 8])),
            );
            sum = mix(sum, h.session_id().len() as u64);
            sum = mix(sum, h.cookie().len() as u64);
            for s in h.cipher_suites() {
                sum = mix(sum, u64::from(s.0));
            }
            sum = mix(sum, h.compression_methods().len() as u64);
            for e in h.extensions().flatten() {
                sum = mix(sum, u64::from(e.extension_type().0));
                match e {
                    Extension::UseSrtp(srtp) => {
                        for p in srtp.profiles() {
                            sum = mix(sum, u64::from(p.0));
                        }
                        sum = mix(sum, srtp.mki().len() as u64);
                    }
                    Extension::SupportedGroups(groups) => {
                        for g in groups {
                            sum = mix(sum, u64::from(g.0));
                        }
                    }
                    Extension::SignatureAlgorithms(schemes) => {
                        for s in schemes {
                            sum = mix(sum, u64::from(s.0));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    sum
}

/// tls-parser: `parse_dtls_plaintext_records` (records, handshake headers, hello),
/// then `parse_tls_client_hello_extensions`. tls-parser keeps use_srtp raw
/// (`TlsExtension::Unknown`), so its profiles are read from those bytes here, as a
/// user of the crate would.
#[inline(never)]
pub fn dtls_tls_parser(bytes: &[u8]) -> u64 {
    let Ok((_, records)) = tls_parser::parse_dtls_plaintext_records(bytes) else {
        return 0;
    };
    let mut sum = 0;
    for r in &records {
        let h = &r.header;
        sum = record_header(
            sum,
            [
                u64::from(h.content_type.0),
                u64::from(h.version.0),
                u64::from(h.epoch),
                h.sequence_number,
                u64::from(h.length),
            ],
        );
        for m in &r.messages {
            let DTLSMessage::Handshake(m) = m else {
                continue;
            };
            sum = mix(sum, u64::from(m.msg_type.0));
            sum = mix(sum, u64::from(m.length));
            sum = mix(sum, u64::from(m.message_seq));
            sum = mix(sum, u64::from(m.fragment_offset));
            sum = mix(sum, u64::from(m.fragment_length));
            let DTLSMessageHandshakeBody::ClientHello(h) = &m.body else {
                continue;
            };
            sum = mix(sum, u64::from(h.version.0));
            let random: [u8; 8] = h
                .random
                .get(..8)
                .and_then(|r| r.try_into().ok())
                .unwrap_or([0; 8]);
            sum = mix(sum, u64::from_be_bytes(random));
            sum = mix(sum, h.session_id.map_or(0, <[u8]>::len) as u64);
            sum = mix(sum, h.cookie.len() as u64);
            for s in &h.ciphers {
                sum = mix(sum, u64::from(s.0));
            }
            sum = mix(sum, h.comp.len() as u64);
            let Ok((_, extensions)) =
                tls_parser::parse_tls_client_hello_extensions(h.ext.unwrap_or(&[]))
            else {
                continue;
            };
            for e in &extensions {
                sum = mix(sum, u64::from(TlsExtensionType::from(e).0));
                match e {
                    TlsExtension::Unknown(t, data) if t.0 == 14 => {
                        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
                        for p in data[2..2 + len].chunks_exact(2) {
                            sum = mix(sum, u64::from(u16::from_be_bytes([p[0], p[1]])));
                        }
                        sum = mix(sum, u64::from(data[2 + len]));
                    }
                    TlsExtension::EllipticCurves(groups) => {
                        for g in groups {
                            sum = mix(sum, u64::from(g.0));
                        }
                    }
                    TlsExtension::SignatureAlgorithms(schemes) => {
                        for &s in schemes {
                            sum = mix(sum, u64::from(s));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    sum
}

/// webrtc-rs `dtls`: `RecordLayer::unmarshal` of every record (record header,
/// handshake header, ClientHello and its extensions into vectors); only the record
/// header can be read back (the rest is crate-private), see the module documentation.
#[inline(never)]
pub fn dtls_webrtc_rs(bytes: &[u8]) -> u64 {
    let mut sum = 0;
    let mut cursor = Cursor::new(bytes);
    while (cursor.position() as usize) < bytes.len() {
        let Ok(r) = ::dtls::record_layer::RecordLayer::unmarshal(&mut cursor) else {
            return sum;
        };
        let h = &r.record_layer_header;
        sum = record_header(
            sum,
            [
                h.content_type as u64,
                u64::from(u16::from_be_bytes([
                    h.protocol_version.major,
                    h.protocol_version.minor,
                ])),
                u64::from(h.epoch),
                h.sequence_number,
                u64::from(h.content_len),
            ],
        );
        sum = mix(sum, std::hint::black_box(&r.content).size() as u64);
    }
    sum
}

/// The record-header part of [`dtls_rtcinspect`]'s checksum plus the content size, the
/// same as [`dtls_webrtc_rs`] computes, for `tests/same_work_dtls.rs`.
pub fn dtls_rtcinspect_record_headers(bytes: &[u8]) -> u64 {
    let mut sum = 0;
    for record in Records::new(bytes).flatten() {
        let AnyRecord::Record(r) = record else {
            continue;
        };
        sum = record_header(
            sum,
            [
                u64::from(r.content_type().0),
                u64::from(r.version().0),
                u64::from(r.epoch()),
                r.sequence_number(),
                u64::from(r.length()),
            ],
        );
        sum = mix(sum, r.fragment().len() as u64);
    }
    sum
}
