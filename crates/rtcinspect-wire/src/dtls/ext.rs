//! Hello extensions
//! ([RFC 5246 §7.4.1.4](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.4),
//! [RFC 8446 §4.2](https://www.rfc-editor.org/rfc/rfc8446#section-4.2)).

use core::marker::PhantomData;

use super::handshake::put_vector;
use super::{
    Codepoint, DtlsError, ExtensionType, HandshakeType, NamedGroup, ProtocolVersion, Reader,
    SignatureScheme, SrtpProtectionProfile, invalid,
};
use crate::bytes::{self, EmitError, Writer};
use crate::entries::Entries;

/// One extension as its type and bytes
/// ([RFC 5246 §7.4.1.4](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.4)).
///
/// ```text
/// struct {
///     ExtensionType extension_type;
///     opaque extension_data<0..2^16-1>;
/// } Extension;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawExtension<'a> {
    /// The extension type.
    pub extension_type: ExtensionType,
    /// The extension data.
    pub data: &'a [u8],
}

/// Iterator over the extensions of a checked hello as [`RawExtension`]s.
#[derive(Debug, Clone)]
pub struct RawExtensions<'a> {
    rest: &'a [u8],
}

impl<'a> RawExtensions<'a> {
    /// Iterates over an extension list (without its length) whose lengths were
    /// checked; stops at the first extension that does not fit.
    #[inline]
    pub(crate) fn new(block: &'a [u8]) -> Self {
        Self { rest: block }
    }

    /// The extensions not read yet, as encoded.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.rest
    }
}

impl<'a> Iterator for RawExtensions<'a> {
    type Item = RawExtension<'a>;

    #[inline]
    fn next(&mut self) -> Option<RawExtension<'a>> {
        let (&[t0, t1, l0, l1], rest) = self.rest.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_be_bytes([l0, l1]));
        let (data, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        Some(RawExtension {
            extension_type: ExtensionType(u16::from_be_bytes([t0, t1])),
            data,
        })
    }
}

impl core::iter::FusedIterator for RawExtensions<'_> {}

/// An extension, typed where this module knows it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Extension<'a> {
    /// `use_srtp` (14): protection profiles and MKI.
    UseSrtp(UseSrtp<'a>),
    /// `supported_groups` (10), called elliptic_curves before RFC 8422
    /// ([RFC 8446 §4.2.7](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.7)).
    SupportedGroups(Entries<'a, NamedGroup>),
    /// `signature_algorithms` (13)
    /// ([RFC 8446 §4.2.3](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.3),
    /// [RFC 5246 §7.4.1.4.1](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.4.1)).
    SignatureAlgorithms(Entries<'a, SignatureScheme>),
    /// `extended_master_secret` (23), empty
    /// ([RFC 7627 §5.1](https://www.rfc-editor.org/rfc/rfc7627#section-5.1)).
    ExtendedMasterSecret,
    /// `renegotiation_info` (0xFF01): the `renegotiated_connection` bytes, empty on
    /// an initial handshake
    /// ([RFC 5746 §3.2](https://www.rfc-editor.org/rfc/rfc5746#section-3.2)).
    RenegotiationInfo(&'a [u8]),
    /// `supported_versions` (43)
    /// ([RFC 8446 §4.2.1](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.1)).
    SupportedVersions(SupportedVersions<'a>),
    /// `key_share` (51)
    /// ([RFC 8446 §4.2.8](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8)).
    KeyShare(KeyShare<'a>),
    /// Any other extension, raw.
    Other(RawExtension<'a>),
}

impl<'a> Extension<'a> {
    /// Reads the extension `raw` of a message of type `msg_type` (which tells the
    /// ClientHello and ServerHello forms of `supported_versions` and `key_share`
    /// apart). Error offsets count from the start of the extension data.
    #[inline]
    pub fn parse(raw: RawExtension<'a>, msg_type: HandshakeType) -> Result<Self, DtlsError> {
        let data = raw.data;
        let client = msg_type == HandshakeType::CLIENT_HELLO;
        Ok(match raw.extension_type {
            ExtensionType::USE_SRTP => Self::UseSrtp(UseSrtp::new_checked(data)?),
            ExtensionType::SUPPORTED_GROUPS => {
                Self::SupportedGroups(Entries::new(whole_list::<2>(data, "named_group_list")?))
            }
            ExtensionType::SIGNATURE_ALGORITHMS => Self::SignatureAlgorithms(Entries::new(
                whole_list::<2>(data, "supported_signature_algorithms")?,
            )),
            ExtensionType::EXTENDED_MASTER_SECRET => {
                if !data.is_empty() {
                    return Err(invalid("extended_master_secret length", 0, data.len()));
                }
                Self::ExtendedMasterSecret
            }
            ExtensionType::RENEGOTIATION_INFO => {
                let mut r = Reader::new(data);
                let renegotiated = r.vector::<1>("renegotiated_connection", 1)?;
                r.finish("renegotiation_info")?;
                Self::RenegotiationInfo(renegotiated)
            }
            ExtensionType::SUPPORTED_VERSIONS if client => Self::SupportedVersions(
                SupportedVersions::Offered(Entries::new(whole_list::<1>(data, "versions")?)),
            ),
            ExtensionType::SUPPORTED_VERSIONS => match *data {
                [a, b] => Self::SupportedVersions(SupportedVersions::Selected(ProtocolVersion(
                    u16::from_be_bytes([a, b]),
                ))),
                _ => return Err(invalid("selected_version length", 0, data.len())),
            },
            ExtensionType::KEY_SHARE if client => {
                let mut r = Reader::new(data);
                let list = r.vector::<2>("client_shares", 1)?;
                r.finish("client_shares")?;
                let mut r = Reader::new(list);
                while r.remaining() > 0 {
                    key_share_entry(&mut r).map_err(|e| e.shifted(2))?;
                }
                Self::KeyShare(KeyShare::ClientShares(KeyShareEntries { rest: list }))
            }
            ExtensionType::KEY_SHARE => match *data {
                [a, b] => {
                    Self::KeyShare(KeyShare::SelectedGroup(NamedGroup(u16::from_be_bytes([
                        a, b,
                    ]))))
                }
                _ => {
                    let mut r = Reader::new(data);
                    let entry = key_share_entry(&mut r)?;
                    r.finish("server_share")?;
                    Self::KeyShare(KeyShare::ServerShare(entry))
                }
            },
            _ => Self::Other(raw),
        })
    }

    /// The extension type.
    pub fn extension_type(&self) -> ExtensionType {
        match self {
            Self::UseSrtp(_) => ExtensionType::USE_SRTP,
            Self::SupportedGroups(_) => ExtensionType::SUPPORTED_GROUPS,
            Self::SignatureAlgorithms(_) => ExtensionType::SIGNATURE_ALGORITHMS,
            Self::ExtendedMasterSecret => ExtensionType::EXTENDED_MASTER_SECRET,
            Self::RenegotiationInfo(_) => ExtensionType::RENEGOTIATION_INFO,
            Self::SupportedVersions(_) => ExtensionType::SUPPORTED_VERSIONS,
            Self::KeyShare(_) => ExtensionType::KEY_SHARE,
            Self::Other(raw) => raw.extension_type,
        }
    }
}

/// Iterator over the extensions of a hello, each typed where this module knows it
/// or an error; an extension that does not read yields its error and iteration goes
/// on with the next (every extension's length was checked with the hello). Error
/// offsets count from the start of the handshake message, header included.
#[derive(Debug, Clone)]
pub struct Extensions<'a> {
    raw: RawExtensions<'a>,
    msg_type: HandshakeType,
    offset: usize,
}

impl<'a> Extensions<'a> {
    /// Iterates over an extension list whose lengths were checked; `offset` is where
    /// it starts in the handshake message.
    #[inline]
    pub(crate) fn new(block: &'a [u8], msg_type: HandshakeType, offset: usize) -> Self {
        Self {
            raw: RawExtensions::new(block),
            msg_type,
            offset,
        }
    }

    /// The extensions not read yet, as type and bytes.
    #[inline]
    pub fn raw(&self) -> RawExtensions<'a> {
        self.raw.clone()
    }
}

impl<'a> Iterator for Extensions<'a> {
    type Item = Result<Extension<'a>, DtlsError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw.next()?;
        let at = self.offset + 4;
        self.offset = at + raw.data.len();
        Some(Extension::parse(raw, self.msg_type).map_err(|e| e.shifted(at)))
    }
}

impl core::iter::FusedIterator for Extensions<'_> {}

/// The `use_srtp` extension
/// ([RFC 5764 §4.1.1](https://www.rfc-editor.org/rfc/rfc5764#section-4.1.1)): the
/// protection profiles a client offers (the one a server chose) and the MKI.
///
/// ```text
/// uint8 SRTPProtectionProfile[2];
/// struct {
///    SRTPProtectionProfiles SRTPProtectionProfiles;   // <2..2^16-1>
///    opaque srtp_mki<0..255>;
/// } UseSRTPData;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UseSrtp<'a> {
    profiles: &'a [u8],
    mki: &'a [u8],
}

impl<'a> UseSrtp<'a> {
    /// Reads `UseSRTPData`: whole profiles, then the MKI, which ends the data.
    #[inline]
    pub fn new_checked(data: &'a [u8]) -> Result<Self, DtlsError> {
        let mut r = Reader::new(data);
        let profiles = r.vector::<2>("SRTPProtectionProfiles", 2)?;
        let mki = r.vector::<1>("srtp_mki", 1)?;
        r.finish("UseSRTPData")?;
        Ok(Self { profiles, mki })
    }

    /// The protection profiles, in order of preference.
    #[inline]
    pub fn profiles(&self) -> Entries<'a, SrtpProtectionProfile> {
        Entries::new(self.profiles)
    }

    /// The MKI (empty when not used).
    #[inline]
    pub fn mki(&self) -> &'a [u8] {
        self.mki
    }
}

/// The `supported_versions` extension
/// ([RFC 8446 §4.2.1](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.1)).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SupportedVersions<'a> {
    /// In a ClientHello: the versions offered, preferred first.
    Offered(Entries<'a, ProtocolVersion>),
    /// In a ServerHello or HelloRetryRequest: the version chosen.
    Selected(ProtocolVersion),
}

/// The `key_share` extension
/// ([RFC 8446 §4.2.8](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8)).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum KeyShare<'a> {
    /// In a ClientHello: one share per group offered.
    ClientShares(KeyShareEntries<'a>),
    /// In a ServerHello: the server's share.
    ServerShare(KeyShareEntry<'a>),
    /// In a HelloRetryRequest: the group the server wants a share for.
    SelectedGroup(NamedGroup),
}

/// One key share: the group and the public key
/// ([RFC 8446 §4.2.8](https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8)).
///
/// ```text
/// struct {
///     NamedGroup group;
///     opaque key_exchange<1..2^16-1>;
/// } KeyShareEntry;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyShareEntry<'a> {
    /// The group.
    pub group: NamedGroup,
    /// The public key, encoded as the group defines.
    pub key_exchange: &'a [u8],
}

/// Iterator over the key shares of a ClientHello (checked when the extension was
/// read).
#[derive(Debug, Clone)]
pub struct KeyShareEntries<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for KeyShareEntries<'a> {
    type Item = KeyShareEntry<'a>;

    #[inline]
    fn next(&mut self) -> Option<KeyShareEntry<'a>> {
        let mut r = Reader::new(self.rest);
        let entry = key_share_entry(&mut r).ok()?;
        self.rest = self.rest.get(r.position()..).unwrap_or(&[]);
        Some(entry)
    }
}

impl core::iter::FusedIterator for KeyShareEntries<'_> {}

/// A list of 16-bit codepoints for a writer: values, or the bytes of a parsed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRepr<'a, E> {
    /// The entries.
    Values(&'a [E]),
    /// The entries as encoded (without the list length), from a parse.
    Encoded(&'a [u8], PhantomData<E>),
}

impl<'a, E: Codepoint> ListRepr<'a, E> {
    /// The entries as encoded (big-endian, without the list length).
    pub const fn encoded(bytes: &'a [u8]) -> Self {
        Self::Encoded(bytes, PhantomData)
    }

    /// Length of the entries, without the list length.
    pub fn buffer_len(&self) -> usize {
        match self {
            Self::Values(v) => v.len() * 2,
            Self::Encoded(b, _) => b.len(),
        }
    }

    /// Writes the list with a length of `N` bytes.
    fn write_prefixed<const N: usize>(
        &self,
        w: &mut Writer<'_>,
        field: &'static str,
    ) -> Result<(), EmitError> {
        let len = self.buffer_len();
        bytes::check_max(field, len, (1 << (8 * N)) - 1)?;
        w.put((len as u32).to_be_bytes().get(4 - N..).unwrap_or(&[]))?;
        match self {
            Self::Values(values) => {
                for v in *values {
                    w.u16(v.to_u16())?;
                }
            }
            Self::Encoded(b, _) => w.put(b)?,
        }
        Ok(())
    }

    /// Writes the list with a 2-byte length.
    pub(crate) fn write(&self, w: &mut Writer<'_>, field: &'static str) -> Result<(), EmitError> {
        self.write_prefixed::<2>(w, field)
    }
}

impl<'a, E> From<&'a [E]> for ListRepr<'a, E> {
    fn from(values: &'a [E]) -> Self {
        Self::Values(values)
    }
}

impl<'a, E: Codepoint> From<Entries<'a, E>> for ListRepr<'a, E> {
    fn from(entries: Entries<'a, E>) -> Self {
        Self::encoded(entries.as_bytes())
    }
}

/// Writes one extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtensionRepr<'a> {
    /// `use_srtp`.
    UseSrtp {
        /// The protection profiles.
        profiles: ListRepr<'a, SrtpProtectionProfile>,
        /// The MKI, at most 255 bytes.
        mki: &'a [u8],
    },
    /// `supported_groups`.
    SupportedGroups(ListRepr<'a, NamedGroup>),
    /// `signature_algorithms`.
    SignatureAlgorithms(ListRepr<'a, SignatureScheme>),
    /// `extended_master_secret`.
    ExtendedMasterSecret,
    /// `renegotiation_info` with these `renegotiated_connection` bytes.
    RenegotiationInfo(&'a [u8]),
    /// `supported_versions` as a client offers it.
    SupportedVersions(ListRepr<'a, ProtocolVersion>),
    /// `supported_versions` as a server answers it.
    SelectedVersion(ProtocolVersion),
    /// Any extension, its data as given.
    Raw(RawExtension<'a>),
}

impl ExtensionRepr<'_> {
    /// The extension type.
    pub fn extension_type(&self) -> ExtensionType {
        match self {
            Self::UseSrtp { .. } => ExtensionType::USE_SRTP,
            Self::SupportedGroups(_) => ExtensionType::SUPPORTED_GROUPS,
            Self::SignatureAlgorithms(_) => ExtensionType::SIGNATURE_ALGORITHMS,
            Self::ExtendedMasterSecret => ExtensionType::EXTENDED_MASTER_SECRET,
            Self::RenegotiationInfo(_) => ExtensionType::RENEGOTIATION_INFO,
            Self::SupportedVersions(_) | Self::SelectedVersion(_) => {
                ExtensionType::SUPPORTED_VERSIONS
            }
            Self::Raw(raw) => raw.extension_type,
        }
    }

    /// Length of the extension data.
    pub fn data_len(&self) -> usize {
        match self {
            Self::UseSrtp { profiles, mki } => 2 + profiles.buffer_len() + 1 + mki.len(),
            Self::SupportedGroups(l) => 2 + l.buffer_len(),
            Self::SignatureAlgorithms(l) => 2 + l.buffer_len(),
            Self::ExtendedMasterSecret => 0,
            Self::RenegotiationInfo(b) => 1 + b.len(),
            Self::SupportedVersions(l) => 1 + l.buffer_len(),
            Self::SelectedVersion(_) => 2,
            Self::Raw(raw) => raw.data.len(),
        }
    }

    /// Length of the extension, type and length included.
    pub fn buffer_len(&self) -> usize {
        4 + self.data_len()
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        let len = self.data_len();
        bytes::check_max("extension_data", len, usize::from(u16::MAX))?;
        w.u16(self.extension_type().0)?;
        w.u16(len as u16)?;
        match self {
            Self::UseSrtp { profiles, mki } => {
                profiles.write(w, "SRTPProtectionProfiles")?;
                put_vector::<1>(w, "srtp_mki", mki)
            }
            Self::SupportedGroups(l) => l.write(w, "named_group_list"),
            Self::SignatureAlgorithms(l) => l.write(w, "supported_signature_algorithms"),
            Self::ExtendedMasterSecret => Ok(()),
            Self::RenegotiationInfo(b) => put_vector::<1>(w, "renegotiated_connection", b),
            Self::SupportedVersions(l) => l.write_prefixed::<1>(w, "versions"),
            Self::SelectedVersion(v) => Ok(w.u16(v.0)?),
            Self::Raw(raw) => Ok(w.put(raw.data)?),
        }
    }
}

/// The extensions field of a hello, for a writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionsRepr<'a> {
    /// The extension list as encoded (without its length), from a parse.
    Encoded(&'a [u8]),
    /// Extensions to write, in order.
    List(&'a [ExtensionRepr<'a>]),
}

impl ExtensionsRepr<'_> {
    /// Length of the extension list, without its length.
    pub fn buffer_len(&self) -> usize {
        match self {
            Self::Encoded(b) => b.len(),
            Self::List(l) => l.iter().map(ExtensionRepr::buffer_len).sum(),
        }
    }

    /// Writes the length and the list.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        let len = self.buffer_len();
        bytes::check_max("extensions", len, usize::from(u16::MAX))?;
        w.u16(len as u16)?;
        match self {
            Self::Encoded(b) => w.put(b)?,
            Self::List(l) => {
                for e in *l {
                    e.write(w)?;
                }
            }
        }
        Ok(())
    }
}

/// The entries of a list with an `N`-byte length that must fill `data` exactly,
/// made of 2-byte entries.
#[inline]
fn whole_list<'a, const N: usize>(
    data: &'a [u8],
    field: &'static str,
) -> Result<&'a [u8], DtlsError> {
    let mut r = Reader::new(data);
    let list = r.vector::<N>(field, 2)?;
    r.finish(field)?;
    Ok(list)
}

/// Reads one `KeyShareEntry`.
#[inline]
fn key_share_entry<'a>(r: &mut Reader<'a>) -> Result<KeyShareEntry<'a>, DtlsError> {
    let group = r.take("group", 2)?;
    let key_exchange = r.vector::<2>("key_exchange", 1)?;
    Ok(KeyShareEntry {
        group: NamedGroup(bytes::u16_at(group, 0)),
        key_exchange,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(t: u16, data: &[u8]) -> RawExtension<'_> {
        RawExtension {
            extension_type: ExtensionType(t),
            data,
        }
    }

    #[test]
    fn use_srtp_rfc_5764_examples() {
        // RFC 5764 §4.1.1: a client offering SRTP_AES128_CM_HMAC_SHA1_80 and
        // SRTP_AES128_CM_HMAC_SHA1_32 with no MKI ("00 04 00 01 00 02 00").
        let data = [0x00, 0x04, 0x00, 0x01, 0x00, 0x02, 0x00];
        let Ok(Extension::UseSrtp(srtp)) =
            Extension::parse(ext(14, &data), HandshakeType::CLIENT_HELLO)
        else {
            panic!()
        };
        assert!(srtp.profiles().eq([
            SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_80,
            SrtpProtectionProfile::SRTP_AES128_CM_HMAC_SHA1_32
        ]));
        assert!(srtp.mki().is_empty());
        // With a 2-byte MKI.
        let data = [0x00, 0x02, 0x00, 0x07, 0x02, 0xab, 0xcd];
        let srtp = UseSrtp::new_checked(&data).unwrap();
        assert!(
            srtp.profiles()
                .eq([SrtpProtectionProfile::SRTP_AEAD_AES_128_GCM])
        );
        assert_eq!(srtp.mki(), &[0xab, 0xcd]);
        let repr = ExtensionRepr::UseSrtp {
            profiles: srtp.profiles().into(),
            mki: srtp.mki(),
        };
        let mut buf = [0u8; 11];
        repr.write(&mut Writer::new(&mut buf)).unwrap();
        assert_eq!(buf[..4], [0, 14, 0, 7]);
        assert_eq!(buf[4..], data);
        // An odd profile list, and a missing MKI length.
        assert_eq!(
            UseSrtp::new_checked(&[0, 3, 0, 1, 0, 0]),
            Err(DtlsError::InvalidValue {
                field: "SRTPProtectionProfiles",
                offset: 0,
                value: 3
            })
        );
        assert_eq!(
            UseSrtp::new_checked(&[0, 2, 0, 1]),
            Err(DtlsError::Truncated {
                field: "srtp_mki",
                offset: 4,
                needed: 1,
                available: 0
            })
        );
    }

    #[test]
    fn supported_versions_and_key_share_by_message() {
        let client = HandshakeType::CLIENT_HELLO;
        let server = HandshakeType::SERVER_HELLO;
        // RFC 8446 §4.2.1, DTLS 1.3 and 1.2 offered.
        let Ok(Extension::SupportedVersions(SupportedVersions::Offered(v))) =
            Extension::parse(ext(43, &[4, 0xfe, 0xfc, 0xfe, 0xfd]), client)
        else {
            panic!()
        };
        assert!(v.eq([ProtocolVersion::DTLS_1_3, ProtocolVersion::DTLS_1_2]));
        assert!(matches!(
            Extension::parse(ext(43, &[0xfe, 0xfc]), server),
            Ok(Extension::SupportedVersions(SupportedVersions::Selected(
                ProtocolVersion::DTLS_1_3
            )))
        ));
        // Client shares: x25519 with a 2-byte key, secp256r1 with 1 byte.
        let data = [0, 11, 0, 29, 0, 2, 0xaa, 0xbb, 0, 23, 0, 1, 0xcc];
        let Ok(Extension::KeyShare(KeyShare::ClientShares(shares))) =
            Extension::parse(ext(51, &data), client)
        else {
            panic!()
        };
        let groups: Vec<_> = shares.map(|s| s.group).collect();
        assert_eq!(groups, [NamedGroup::X25519, NamedGroup::SECP256R1]);
        assert!(matches!(
            Extension::parse(ext(51, &data[2..8]), server),
            Ok(Extension::KeyShare(KeyShare::ServerShare(KeyShareEntry {
                group: NamedGroup::X25519,
                key_exchange: &[0xaa, 0xbb]
            })))
        ));
        assert!(matches!(
            Extension::parse(ext(51, &[0, 23]), server),
            Ok(Extension::KeyShare(KeyShare::SelectedGroup(
                NamedGroup::SECP256R1
            )))
        ));
        // A share cut short.
        assert_eq!(
            Extension::parse(ext(51, &[0, 5, 0, 29, 0, 2, 0xaa]), client).err(),
            Some(DtlsError::Truncated {
                field: "key_exchange",
                offset: 4,
                needed: 4,
                available: 3
            })
        );
    }

    #[test]
    fn others_and_errors() {
        let client = HandshakeType::CLIENT_HELLO;
        assert!(matches!(
            Extension::parse(ext(0xff01, &[0]), client),
            Ok(Extension::RenegotiationInfo(&[]))
        ));
        assert_eq!(
            Extension::parse(ext(23, &[0]), client).err(),
            Some(DtlsError::InvalidValue {
                field: "extended_master_secret length",
                offset: 0,
                value: 1
            })
        );
        let Ok(Extension::Other(raw)) = Extension::parse(ext(0x1a1a, &[1]), client) else {
            panic!()
        };
        assert_eq!(raw.data, &[1]);
        let Ok(Extension::SignatureAlgorithms(s)) =
            Extension::parse(ext(13, &[0, 4, 4, 3, 8, 4]), client)
        else {
            panic!()
        };
        assert!(s.eq([
            SignatureScheme::ECDSA_SECP256R1_SHA256,
            SignatureScheme::RSA_PSS_RSAE_SHA256
        ]));
        // The list must fill the extension.
        assert_eq!(
            Extension::parse(ext(10, &[0, 2, 0, 29, 0]), client).err(),
            Some(DtlsError::InvalidValue {
                field: "named_group_list",
                offset: 4,
                value: 1
            })
        );
    }
}
