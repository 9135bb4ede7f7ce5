//! Property tests for [`rtcinspect_wire::stun`]: arbitrary bytes never panic (every
//! accessor, the attribute iterator, every typed decoder, the checks), a parsed message
//! is written back byte for byte, and `MessageRepr -> emit -> parse` gives back the
//! same values, with MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT
//! filled in by the writer and verifying.

#![allow(clippy::unwrap_used)] // Test helpers outside `#[test]` functions.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::stun::{
    AddressFamily, Attribute, AttributeRepr, AttributeType, Class, ErrorCode, GoogNetworkInfo,
    Icmp, MAGIC_COOKIE, Message, MessageRepr, Method, PasswordAlgorithm, PasswordAlgorithmId,
    TransactionId,
};

/// A STUN header (magic cookie or not) followed by arbitrary attribute bytes, with a
/// length field that matches most of the time: reaches the attribute decoders far more
/// often than plain arbitrary bytes.
fn message_like() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<u16>(),
        any::<bool>(),
        any::<[u8; 12]>(),
        vec(any::<(u16, u8, Vec<u8>)>(), 0..6),
        any::<u8>(),
    )
        .prop_map(|(t, cookie, tid, attrs, tweak)| {
            let mut m = Vec::new();
            m.extend_from_slice(&(t & 0x3fff).to_be_bytes());
            m.extend_from_slice(&[0, 0]);
            let c = if cookie { MAGIC_COOKIE } else { 0x0102_0304 };
            m.extend_from_slice(&c.to_be_bytes());
            m.extend_from_slice(&tid);
            for (ty, len, value) in attrs {
                // Mostly known types (low byte of a registered code), sometimes any.
                let ty = if ty & 0x100 == 0 {
                    KNOWN[usize::from(ty) % KNOWN.len()]
                } else {
                    ty
                };
                let len = if len & 1 == 0 {
                    value.len()
                } else {
                    usize::from(len)
                };
                m.extend_from_slice(&ty.to_be_bytes());
                m.extend_from_slice(&(len as u16).to_be_bytes());
                m.extend_from_slice(&value);
                m.resize(m.len().next_multiple_of(4), 0);
            }
            let mut length = (m.len() - 20) as u16;
            if tweak < 16 {
                length = length.wrapping_add(u16::from(tweak) * 4);
            }
            m[2..4].copy_from_slice(&length.to_be_bytes());
            m
        })
}

/// Registered attribute codes, to make the decoders run.
const KNOWN: [u16; 40] = [
    0x0001, 0x0004, 0x0005, 0x0006, 0x0008, 0x0009, 0x000a, 0x000c, 0x000d, 0x0012, 0x0013, 0x0014,
    0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001a, 0x001c, 0x001d, 0x001e, 0x0020, 0x0022, 0x0024,
    0x0025, 0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0x8022, 0x8023, 0x8028, 0x8029, 0x802a, 0x802b,
    0x802c, 0xc057, 0xc059, 0x7fff,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..200)) {
        if let Some(identical) = common::stun_reemit(&bytes) {
            prop_assert!(identical);
        }
    }

    #[test]
    fn message_like_bytes_never_panic_and_write_back(bytes in message_like()) {
        if let Some(identical) = common::stun_reemit(&bytes) {
            prop_assert!(identical);
        }
    }
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(".{{0,{max}}}"))
        .unwrap()
        .prop_map(move |s| {
            // At most `max` bytes, cut on a character boundary.
            let mut end = s.len().min(max);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s[..end].to_owned()
        })
}

fn socket_addr() -> impl Strategy<Value = SocketAddr> {
    prop_oneof![
        (any::<[u8; 4]>(), any::<u16>())
            .prop_map(|(ip, port)| SocketAddr::new(IpAddr::V4(Ipv4Addr::from(ip)), port)),
        (any::<[u8; 16]>(), any::<u16>())
            .prop_map(|(ip, port)| SocketAddr::new(IpAddr::V6(Ipv6Addr::from(ip)), port)),
    ]
}

fn family() -> impl Strategy<Value = AddressFamily> {
    any::<u8>().prop_map(AddressFamily::from_code)
}

fn error_code(reason: &str) -> impl Strategy<Value = ErrorCode<'_>> {
    (0u16..800)
        .prop_filter("number 0-99", |c| c % 100 < 100)
        .prop_map(move |code| ErrorCode { code, reason })
}

/// Owned inputs the typed attributes borrow from.
#[derive(Debug, Clone)]
struct Owned {
    username: String,
    realm: String,
    software: String,
    domain: String,
    reason: String,
    data: Vec<u8>,
    hash: [u8; 32],
    mac: [u8; 20],
    parameters: Vec<u8>,
    other: (u16, Vec<u8>),
}

fn owned() -> impl Strategy<Value = Owned> {
    (
        (text(512), text(763), text(763), text(255), text(763)),
        (
            vec(any::<u8>(), 0..300),
            any::<[u8; 32]>(),
            any::<[u8; 20]>(),
            vec(any::<u8>(), 0..9),
            (0xc100u16..0xffff, vec(any::<u8>(), 0..40)),
        ),
    )
        .prop_map(
            |(
                (username, realm, software, domain, reason),
                (data, hash, mac, parameters, other),
            )| {
                Owned {
                    username,
                    realm,
                    software,
                    domain,
                    reason,
                    data,
                    hash,
                    mac,
                    parameters,
                    other,
                }
            },
        )
}

/// Every typed attribute, picked by `kind`, from `o` and the numbers given.
fn attribute<'a>(
    o: &'a Owned,
    kind: u8,
    addr: SocketAddr,
    n: u64,
    family: AddressFamily,
    code: ErrorCode<'a>,
) -> Attribute<'a> {
    let n32 = n as u32;
    match kind % 38 {
        0 => Attribute::MappedAddress(addr),
        1 => Attribute::XorMappedAddress(addr),
        2 => Attribute::Username(&o.username),
        3 => Attribute::Userhash(&o.hash),
        4 => Attribute::MessageIntegrity(&o.mac),
        5 => Attribute::MessageIntegritySha256(&o.hash[..16 + (n as usize % 5) * 4]),
        6 => Attribute::Fingerprint(n32),
        7 => Attribute::ErrorCode(code),
        8 => Attribute::Realm(&o.realm),
        9 => Attribute::Nonce(&o.realm),
        10 => Attribute::PasswordAlgorithm(PasswordAlgorithm {
            algorithm: PasswordAlgorithmId::from_code(n as u16),
            parameters: &o.parameters,
        }),
        11 => Attribute::Software(&o.software),
        12 => Attribute::AlternateServer(addr),
        13 => Attribute::AlternateDomain(&o.domain),
        14 => Attribute::Priority(n32),
        15 => Attribute::UseCandidate,
        16 => Attribute::IceControlled(n),
        17 => Attribute::IceControlling(n),
        18 => Attribute::ChannelNumber(n as u16),
        19 => Attribute::Lifetime(n32),
        20 => Attribute::XorPeerAddress(addr),
        21 => Attribute::Data(&o.data),
        22 => Attribute::XorRelayedAddress(addr),
        23 => Attribute::RequestedAddressFamily(family),
        24 => Attribute::EvenPort(n & 1 == 1),
        25 => Attribute::RequestedTransport(n as u8),
        26 => Attribute::DontFragment,
        27 => Attribute::ReservationToken(n),
        28 => Attribute::AdditionalAddressFamily(family),
        29 => Attribute::AddressErrorCode(family, code),
        30 => Attribute::Icmp(Icmp {
            icmp_type: n as u8,
            code: (n >> 8) as u8,
            error_data: (n >> 32) as u32,
        }),
        31 => Attribute::ResponseOrigin(addr),
        32 => Attribute::OtherAddress(addr),
        33 => Attribute::SourceAddress(addr),
        34 => Attribute::ChangedAddress(addr),
        35 => Attribute::GoogNetworkInfo(GoogNetworkInfo {
            network_id: n as u16,
            network_cost: (n >> 16) as u16,
        }),
        36 => Attribute::Other {
            attr_type: AttributeType::from_code(o.other.0),
            value: &o.other.1,
        },
        _ => Attribute::Other {
            attr_type: AttributeType::GoogMiscInfo,
            value: &o.data[..o.data.len() & !1],
        },
    }
}

type Picks = Vec<(u8, SocketAddr, u64, AddressFamily)>;

fn picks() -> impl Strategy<Value = Picks> {
    vec((any::<u8>(), socket_addr(), any::<u64>(), family()), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn repr_emit_parse_round_trip(
        class in 0u8..4,
        method in 0u16..0x1000,
        tid in any::<[u8; 12]>(),
        o in owned(),
        picks in picks(),
        code in error_code(""),
        key in vec(any::<u8>(), 0..80),
        integrity in 0u8..4,
        fingerprint in any::<bool>(),
    ) {
        let code = ErrorCode { reason: &o.reason, ..code };
        let values: Vec<Attribute<'_>> = picks
            .iter()
            .map(|&(kind, addr, n, family)| attribute(&o, kind, addr, n, family, code))
            .collect();
        let attributes: Vec<AttributeRepr<'_>> =
            values.iter().copied().map(AttributeRepr::Value).collect();
        let repr = MessageRepr {
            class: Class::from_bits(class),
            method: Method::from_code(method),
            transaction_id: TransactionId(tid),
            attributes: &attributes,
            message_integrity: (integrity & 1 == 1).then_some(&key[..]),
            message_integrity_sha256: (integrity & 2 == 2).then_some(&key[..]),
            fingerprint,
            ..MessageRepr::default()
        };
        let mut out = Vec::new();
        let len = repr.emit_vec(&mut out).unwrap();
        prop_assert_eq!(len, repr.buffer_len());
        prop_assert!(rtcinspect_wire::stun::is_stun(&out));
        let m = Message::new_checked(&out).unwrap();
        prop_assert_eq!(m.class(), repr.class);
        prop_assert_eq!(m.method(), repr.method);
        prop_assert_eq!(m.transaction_id(), repr.transaction_id);
        let decoded: Vec<Attribute<'_>> = m
            .attributes()
            .take(values.len())
            .map(|a| a.decode().unwrap())
            .collect();
        prop_assert_eq!(&decoded, &values);
        // The checks read the first MESSAGE-INTEGRITY(-SHA256): one among the typed
        // attributes comes first.
        let typed = |t: AttributeType| values.iter().any(|v| v.attr_type() == t);
        let mi = integrity & 1 == 1 && !typed(AttributeType::MessageIntegrity);
        let mi256 = integrity & 2 == 2 && !typed(AttributeType::MessageIntegritySha256);
        if mi {
            prop_assert_eq!(m.check_message_integrity(&key), Ok(()));
        }
        if mi256 {
            prop_assert_eq!(m.check_message_integrity_sha256(&key), Ok(()));
        }
        if fingerprint {
            prop_assert_eq!(m.check_fingerprint(), Ok(()));
        }
        // A flipped bit in the header is caught by every check present.
        let mut bad = out.clone();
        bad[9] ^= 0x40;
        let m = Message::new_checked(&bad).unwrap();
        if mi {
            prop_assert!(m.check_message_integrity(&key).is_err());
        }
        if fingerprint {
            prop_assert!(m.check_fingerprint().is_err());
        }
        // The message written back from raw attributes is the same bytes.
        prop_assert_eq!(common::stun_reemit(&out), Some(true));
    }
}
