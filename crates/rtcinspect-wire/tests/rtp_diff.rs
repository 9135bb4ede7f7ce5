//! Differential tests of the RTP parser and writer against the incumbent crates.
//!
//! | incumbent | version | compared |
//! |---|---|---|
//! | webrtc-rs `rtp` (`Packet`, `Header`) | 0.17.2 | every field of `Header` (version, P, X, M, PT, sequence number, timestamp, SSRC, CSRCs, extension profile, RFC 8285 elements, `extensions_padding`) and the payload; its writer (`Packet::marshal`) read back by ours; its extension decoders (`AudioLevelExtension`, `VideoOrientationExtension`, `AbsSendTimeExtension`, `TransportCcExtension`, `PlayoutDelayExtension`) and their URIs against `ExtensionKind` |
//! | GStreamer `rtp-types` (`RtpPacket`, `RtpPacketBuilder`) | 0.1.2 | every accessor (version, padding bit and count, X, CC, M, PT, sequence number, timestamp, SSRC, CSRCs, extension profile/length/data, payload offset/length/bytes); its builder read back by ours; acceptance of malformed packets |
//!
//! Directions: random structured packets are written by [`RtpRepr`] and read by each
//! incumbent; packets built by each incumbent's writer are read by [`RtpPacket`]; both
//! parsers are run on the real packets under `testdata/packets/rtp/`.
//!
//! Deviations from the RFCs found (each pinned by a test below, so that a change in an
//! incumbent makes a test fail):
//!
//! * webrtc-rs accepts any RTP version (RFC 3550 §5.1: V=2); ours and rtp-types refuse.
//! * webrtc-rs accepts a padding count of 0 (RFC 3550 §5.1: the count includes itself,
//!   so it is at least 1); ours and rtp-types refuse.
//! * webrtc-rs, one-byte form, ID 15 (RFC 8285 §4.2: stop processing the extension):
//!   it stops, but the rest of the extension block becomes the start of its payload.
//! * webrtc-rs, one-byte form, ID 0 with a non-zero length nibble (RFC 8285 §4.2: ID 0 is
//!   reserved for padding bytes): read as an element with ID 0; ours reports
//!   `RtpError::ReservedExtensionId` and stops.
//! * webrtc-rs reads an element that runs past the extension block (RFC 3550 §5.3.1: the
//!   length field bounds the block) out of the payload, shortening the payload; past the
//!   end of the packet it panics. Ours reports `RtpError::Truncated` for the element and
//!   keeps the payload. The real packet `discord-f22-opus-ext.bin` has such an element.
//! * webrtc-rs reads the two-byte form only with profile `0x1000`, not `0x1001`–`0x100F`
//!   (RFC 8285 §4.3: the low 4 bits are "appbits"); it returns the block as one raw
//!   element with ID 0.
//! * webrtc-rs writes a one-byte element of 0 bytes (not representable, RFC 8285 §4.2) by
//!   underflowing `len - 1`: a panic in debug builds.
//! * webrtc-rs's decoders for abs-send-time, transport-wide-cc and playout-delay accept
//!   elements longer than the 3, 2 and 3 bytes those extensions have and read their start;
//!   ours refuse them (`RtpError::ExtensionLength`).
//!
//! Agreements worth knowing: two-byte elements of length 0 and padding bytes (0) between
//! elements read the same in webrtc-rs and ours; rtp-types does not read RFC 8285 elements
//! at all (only the raw block) and agrees with ours on which packets are valid.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed unwrap is a failed test.

use std::path::PathBuf;

use bytes::Bytes;
use proptest::prelude::*;
use rtcinspect_wire::rtp::{
    CsrcList, Extension, ExtensionElement, ExtensionForm, ExtensionKind, ExtensionRepr, RtpError,
    RtpPacket, RtpRepr,
};
use webrtc_util::marshal::{Marshal, Unmarshal};

/// The two-byte profile as webrtc-rs recognises it (only with appbits 0).
const WEBRTC_TWO_BYTE_PROFILE: u16 = 0x1000;

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

/// A header extension to write.
#[derive(Debug, Clone)]
enum ExtCase {
    /// RFC 8285 one-byte elements: ID 1–14, 1–16 bytes.
    OneByte(Vec<(u8, Vec<u8>)>),
    /// RFC 8285 two-byte elements, at least one of which needs the two-byte form.
    TwoByte(Vec<(u8, Vec<u8>)>),
    /// A block of another profile, kept raw.
    Raw { profile: u16, data: Vec<u8> },
}

/// An RTP packet to write.
#[derive(Debug, Clone)]
struct RtpCase {
    marker: bool,
    payload_type: u8,
    sequence_number: u16,
    timestamp: u32,
    ssrc: u32,
    csrcs: Vec<u32>,
    ext: Option<ExtCase>,
    payload: Vec<u8>,
    padding: u8,
}

fn one_byte_element() -> impl Strategy<Value = (u8, Vec<u8>)> {
    (1u8..=14, prop::collection::vec(any::<u8>(), 1..=16))
}

/// An element that the one-byte form cannot carry: ID 15 or more, or 0 or 17+ bytes.
fn two_byte_only_element() -> impl Strategy<Value = (u8, Vec<u8>)> {
    prop_oneof![
        (15u8..=255, prop::collection::vec(any::<u8>(), 0..=20)),
        (1u8..=14, Just(Vec::new())),
        (1u8..=14, prop::collection::vec(any::<u8>(), 17..=40)),
    ]
}

fn ext_case() -> impl Strategy<Value = ExtCase> {
    let two_byte_any = (1u8..=255, prop::collection::vec(any::<u8>(), 0..=24));
    prop_oneof![
        prop::collection::vec(one_byte_element(), 0..=4).prop_map(ExtCase::OneByte),
        (
            prop::collection::vec(two_byte_any, 0..=3),
            two_byte_only_element(),
            any::<prop::sample::Index>(),
        )
            .prop_map(|(mut elements, forced, at)| {
                let at = at.index(elements.len() + 1);
                elements.insert(at, forced);
                ExtCase::TwoByte(elements)
            }),
        (
            any::<u16>().prop_filter("not an RFC 8285 profile", |p| {
                *p != 0xbede && *p & 0xfff0 != 0x1000
            }),
            (0usize..=5).prop_flat_map(|words| prop::collection::vec(any::<u8>(), words * 4)),
        )
            .prop_map(|(profile, data)| ExtCase::Raw { profile, data }),
    ]
}

fn rtp_case() -> impl Strategy<Value = RtpCase> {
    (
        (
            any::<bool>(),
            0u8..=127,
            any::<u16>(),
            any::<u32>(),
            any::<u32>(),
        ),
        prop::collection::vec(any::<u32>(), 0..=15),
        prop::option::of(ext_case()),
        prop::collection::vec(any::<u8>(), 0..=48),
        prop_oneof![2 => Just(0u8), 1 => 1u8..=255],
    )
        .prop_map(
            |(
                (marker, payload_type, sequence_number, timestamp, ssrc),
                csrcs,
                ext,
                payload,
                padding,
            )| {
                RtpCase {
                    marker,
                    payload_type,
                    sequence_number,
                    timestamp,
                    ssrc,
                    csrcs,
                    ext,
                    payload,
                    padding,
                }
            },
        )
}

impl RtpCase {
    /// Writes the packet with our writer.
    fn emit(&self) -> Vec<u8> {
        let elements: Vec<ExtensionElement<'_>> = match &self.ext {
            Some(ExtCase::OneByte(e) | ExtCase::TwoByte(e)) => e
                .iter()
                .map(|(id, data)| ExtensionElement { id: *id, data })
                .collect(),
            _ => Vec::new(),
        };
        let extension = self.ext.as_ref().map(|e| match e {
            ExtCase::OneByte(_) | ExtCase::TwoByte(_) => ExtensionRepr::Elements(&elements),
            ExtCase::Raw { profile, data } => ExtensionRepr::Raw {
                profile: *profile,
                data,
            },
        });
        let repr = RtpRepr {
            marker: self.marker,
            payload_type: self.payload_type,
            sequence_number: self.sequence_number,
            timestamp: self.timestamp,
            ssrc: self.ssrc,
            csrcs: CsrcList::from_slice(&self.csrcs).unwrap(),
            extension,
            payload: &self.payload,
            padding: self.padding,
        };
        let mut out = Vec::new();
        repr.emit_vec(&mut out).unwrap();
        out
    }

    /// The profile field the writer must have chosen.
    fn profile(&self) -> Option<u16> {
        self.ext.as_ref().map(|e| match e {
            ExtCase::OneByte(_) => 0xbede,
            ExtCase::TwoByte(_) => 0x1000,
            ExtCase::Raw { profile, .. } => *profile,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------

/// Our reading of the RFC 8285 elements, if every element is well-formed and the one-byte
/// form has no ID 15 (the cases where the RFC leaves no room for interpretation).
fn our_clean_elements(packet: &RtpPacket<&[u8]>) -> Option<Vec<(u8, Vec<u8>)>> {
    let ext = packet.extension()?;
    if ext.form() == ExtensionForm::OneByte && has_id_15(ext.data()) {
        return None;
    }
    ext.elements()
        .map(|e| e.ok().map(|e| (e.id, e.data.to_vec())))
        .collect()
}

/// Whether a one-byte block reaches an element header with ID 15 (walking as RFC 8285
/// §4.2 describes, stopping at the first malformed element).
fn has_id_15(block: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&b) = block.get(at) {
        if b == 0 {
            at += 1;
        } else if b >> 4 == 15 {
            return true;
        } else {
            at += 2 + usize::from(b & 0x0f);
        }
    }
    false
}

/// What webrtc-rs `rtp` 0.17.2 reads from a packet, written out from its source as a
/// specification of its behaviour (not of the RFC):
///
/// * one-byte form (profile `0xBEDE`): zero bytes are counted as padding; an element
///   header with ID 15 stops the walk *where it is* (the rest of the block is left for
///   the payload); an element is taken whole even if it runs past the block (the walk
///   ends once past it, and the payload starts where the walk stopped);
/// * two-byte form only with profile exactly `0x1000`, walked the same way;
/// * any other profile: one element with ID 0 holding the whole block;
/// * padding: with the P bit, the last byte is a count of 0 to the payload length
///   (0 accepted), removed from the end of the payload.
///
/// Returns `None` where webrtc-rs panics (an element running past the end of the packet)
/// and `Some(Err(()))` where it returns an error.
fn webrtc_rs_model(bytes: &[u8]) -> Option<Result<WebrtcView, ()>> {
    let (mut view, at) = match webrtc_rs_header_model(bytes)? {
        Ok(header) => header,
        Err(()) => return Some(Err(())),
    };
    let mut payload = &bytes[at..];
    if bytes[0] & 0x20 != 0 {
        let count = usize::from(*payload.last().unwrap_or(&0));
        if payload.is_empty() || count > payload.len() {
            return Some(Err(()));
        }
        payload = &payload[..payload.len() - count];
    }
    view.payload = payload.to_vec();
    Some(Ok(view))
}

/// What webrtc-rs's `Header::unmarshal` reads (see [`webrtc_rs_model`]): the view without
/// payload, and where the payload starts.
fn webrtc_rs_header_model(bytes: &[u8]) -> Option<Result<(WebrtcView, usize), ()>> {
    let Some(&b0) = bytes.first() else {
        return Some(Err(()));
    };
    let cc = usize::from(b0 & 0x0f);
    let mut at = 12 + 4 * cc;
    if bytes.len() < at {
        return Some(Err(()));
    }
    let mut view = WebrtcView::default();
    if b0 & 0x10 != 0 {
        if bytes.len() < at + 4 {
            return Some(Err(()));
        }
        view.profile = u16::from_be_bytes([bytes[at], bytes[at + 1]]);
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]])) * 4;
        at += 4;
        let end = at + len;
        if bytes.len() < end {
            return Some(Err(()));
        }
        match view.profile {
            0xbede | WEBRTC_TWO_BYTE_PROFILE => {
                let two_byte = view.profile == WEBRTC_TWO_BYTE_PROFILE;
                while at < end {
                    let b = *bytes.get(at)?;
                    at += 1;
                    if b == 0 {
                        view.zeros += 1;
                        continue;
                    }
                    let (id, len) = if two_byte {
                        let len = usize::from(*bytes.get(at)?);
                        at += 1;
                        (b, len)
                    } else {
                        if b >> 4 == 15 {
                            break;
                        }
                        (b >> 4, usize::from(b & 0x0f) + 1)
                    };
                    view.elements.push((id, bytes.get(at..at + len)?.to_vec()));
                    at += len;
                }
            }
            _ => {
                view.elements.push((0, bytes[at..end].to_vec()));
                at = end;
            }
        }
    }
    Some(Ok((view, at)))
}

/// The parts of a webrtc-rs reading that depend on the extension walk.
#[derive(Debug, Default, PartialEq, Eq)]
struct WebrtcView {
    profile: u16,
    elements: Vec<(u8, Vec<u8>)>,
    zeros: usize,
    payload: Vec<u8>,
}

fn webrtc_view(p: &rtp::packet::Packet) -> WebrtcView {
    WebrtcView {
        profile: p.header.extension_profile,
        elements: p
            .header
            .extensions
            .iter()
            .map(|e| (e.id, e.payload.to_vec()))
            .collect(),
        zeros: p.header.extensions_padding,
        payload: p.payload.to_vec(),
    }
}

/// Compares the fixed header webrtc-rs read with ours.
fn compare_webrtc_header(
    theirs: &rtp::header::Header,
    ours: &RtpPacket<&[u8]>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(theirs.version, ours.version(), "version");
    prop_assert_eq!(theirs.padding, ours.has_padding(), "P bit");
    prop_assert_eq!(theirs.extension, ours.has_extension(), "X bit");
    prop_assert_eq!(theirs.marker, ours.marker(), "marker");
    prop_assert_eq!(theirs.payload_type, ours.payload_type(), "payload type");
    prop_assert_eq!(
        theirs.sequence_number,
        ours.sequence_number(),
        "sequence number"
    );
    prop_assert_eq!(theirs.timestamp, ours.timestamp(), "timestamp");
    prop_assert_eq!(theirs.ssrc, ours.ssrc(), "SSRC");
    prop_assert_eq!(&theirs.csrc, &ours.csrcs().collect::<Vec<_>>(), "CSRC list");
    prop_assert_eq!(
        theirs.extension_profile,
        ours.extension_profile().unwrap_or(0),
        "extension profile"
    );
    Ok(())
}

/// Reads `bytes` with webrtc-rs and compares every field with ours. Where our reading of
/// the extension is clean (RFC-conformant elements), the elements and payload must equal
/// ours; otherwise they must be what [`webrtc_rs_model`] says.
fn compare_webrtc(bytes: &[u8], ours: &RtpPacket<&[u8]>) -> Result<(), TestCaseError> {
    let model = webrtc_rs_model(bytes);
    let Some(model) = model else {
        // webrtc-rs would panic: pinned by `webrtc_rs_panics_on_element_past_packet_end`.
        return Ok(());
    };
    let theirs = rtp::packet::Packet::unmarshal(&mut Bytes::copy_from_slice(bytes));
    let (theirs, model) = match (theirs, model) {
        (Ok(t), Ok(m)) => (t, m),
        (Err(_), Err(())) => return Ok(()),
        (t, m) => {
            return Err(TestCaseError::fail(format!(
                "webrtc-rs returned {t:?}, its model says {m:?}"
            )));
        }
    };
    compare_webrtc_header(&theirs.header, ours)?;
    let view = webrtc_view(&theirs);
    prop_assert_eq!(&view, &model, "webrtc-rs against its model");
    let clean = ours.extension().is_none_or(|e| {
        matches!(
            e.form(),
            ExtensionForm::OneByte | ExtensionForm::TwoByte { appbits: 0 }
        )
    });
    if let (true, Some(elements)) = (clean, our_clean_elements(ours)) {
        let ext = ours.extension().unwrap();
        prop_assert_eq!(&view.elements, &elements, "RFC 8285 elements");
        let per_element = if ext.form() == ExtensionForm::OneByte {
            1
        } else {
            2
        };
        let used: usize = elements.iter().map(|(_, d)| per_element + d.len()).sum();
        prop_assert_eq!(
            view.zeros,
            ext.data().len() - used,
            "extension padding bytes"
        );
        prop_assert_eq!(&view.payload[..], ours.payload(), "payload");
    } else if ours.extension().is_none() {
        prop_assert!(view.elements.is_empty());
        prop_assert_eq!(&view.payload[..], ours.payload(), "payload");
    } else if let Some(ext) = ours
        .extension()
        .filter(|e| matches!(e.form(), ExtensionForm::Other(_)))
    {
        prop_assert_eq!(
            &view.elements,
            &vec![(0, ext.data().to_vec())],
            "raw block as element 0"
        );
        prop_assert_eq!(&view.payload[..], ours.payload(), "payload");
    }
    Ok(())
}

/// Reads `bytes` with rtp-types and compares every accessor with ours.
fn compare_rtp_types(bytes: &[u8], ours: &RtpPacket<&[u8]>) -> Result<(), TestCaseError> {
    let theirs = rtp_types::RtpPacket::parse(bytes)
        .map_err(|e| TestCaseError::fail(format!("rtp-types refused a valid packet: {e}")))?;
    prop_assert_eq!(theirs.version(), ours.version(), "version");
    prop_assert_eq!(theirs.padding_bit(), ours.has_padding(), "P bit");
    prop_assert_eq!(
        theirs.padding().map(usize::from),
        ours.has_padding().then(|| ours.padding_len()),
        "padding count"
    );
    prop_assert_eq!(theirs.extension_bit(), ours.has_extension(), "X bit");
    prop_assert_eq!(theirs.n_csrcs(), ours.csrc_count(), "CC");
    prop_assert_eq!(theirs.marker_bit(), ours.marker(), "marker");
    prop_assert_eq!(theirs.payload_type(), ours.payload_type(), "payload type");
    prop_assert_eq!(
        theirs.sequence_number(),
        ours.sequence_number(),
        "sequence number"
    );
    prop_assert_eq!(theirs.timestamp(), ours.timestamp(), "timestamp");
    prop_assert_eq!(theirs.ssrc(), ours.ssrc(), "SSRC");
    prop_assert_eq!(
        theirs.csrc().collect::<Vec<_>>(),
        ours.csrcs().collect::<Vec<_>>(),
        "CSRCs"
    );
    let ext = ours.extension();
    prop_assert_eq!(
        theirs.extension_len(),
        ext.map_or(0, |e| e.data().len()),
        "extension length"
    );
    prop_assert_eq!(
        theirs.extension(),
        ext.map(|e| (e.profile(), e.data())),
        "extension block"
    );
    prop_assert_eq!(theirs.payload_offset(), ours.header_len(), "payload offset");
    prop_assert_eq!(theirs.payload_len(), ours.payload_len(), "payload length");
    prop_assert_eq!(theirs.payload(), ours.payload(), "payload");
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Packets written by `RtpRepr` read the same in webrtc-rs and rtp-types as in ours,
    /// and ours reads back what was written.
    #[test]
    fn ours_written_incumbents_read(case in rtp_case()) {
        let bytes = case.emit();
        let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
        // The generator produced the packet it meant to (ours against the inputs).
        prop_assert_eq!(ours.extension_profile(), case.profile());
        prop_assert_eq!(ours.payload(), &case.payload[..]);
        prop_assert_eq!(ours.padding_len(), usize::from(case.padding));
        if let Some(ExtCase::OneByte(e) | ExtCase::TwoByte(e)) = &case.ext {
            prop_assert_eq!(our_clean_elements(&ours), Some(e.clone()));
        }
        compare_webrtc(&bytes, &ours)?;
        compare_rtp_types(&bytes, &ours)?;
    }

    /// Packets written by webrtc-rs's marshaller read as it meant them in ours.
    #[test]
    fn webrtc_rs_written_ours_read(
        (marker, payload_type, sequence_number, timestamp, ssrc) in
            (any::<bool>(), 0u8..=127, any::<u16>(), any::<u32>(), any::<u32>()),
        csrc in prop::collection::vec(any::<u32>(), 0..=15),
        ext in prop::option::of(ext_case()),
        payload in prop::collection::vec(any::<u8>(), 0..=48),
        padding in any::<bool>(),
    ) {
        let (extension_profile, extensions) = match &ext {
            None => (0, Vec::new()),
            Some(ExtCase::OneByte(e)) => (0xbede, e.clone()),
            Some(ExtCase::TwoByte(e)) => (WEBRTC_TWO_BYTE_PROFILE, e.clone()),
            Some(ExtCase::Raw { profile, data }) => (*profile, vec![(0, data.clone())]),
        };
        let packet = rtp::packet::Packet {
            header: rtp::header::Header {
                version: 2,
                padding,
                extension: ext.is_some(),
                marker,
                payload_type,
                sequence_number,
                timestamp,
                ssrc,
                csrc: csrc.clone(),
                extension_profile,
                extensions: extensions
                    .iter()
                    .map(|(id, data)| rtp::header::Extension {
                        id: *id,
                        payload: Bytes::copy_from_slice(data),
                    })
                    .collect(),
                extensions_padding: 0,
            },
            payload: Bytes::copy_from_slice(&payload),
        };
        let bytes = packet.marshal().unwrap();
        let ours = RtpPacket::new_checked(&bytes[..])
            .map_err(|e| TestCaseError::fail(format!("ours refused webrtc-rs output: {e}")))?;
        prop_assert_eq!(ours.version(), 2);
        prop_assert_eq!(ours.marker(), marker);
        prop_assert_eq!(ours.payload_type(), payload_type);
        prop_assert_eq!(ours.sequence_number(), sequence_number);
        prop_assert_eq!(ours.timestamp(), timestamp);
        prop_assert_eq!(ours.ssrc(), ssrc);
        prop_assert_eq!(ours.csrcs().collect::<Vec<_>>(), csrc);
        prop_assert_eq!(ours.has_extension(), ext.is_some());
        if let Some(e) = &ext {
            prop_assert_eq!(ours.extension_profile(), Some(extension_profile));
            match e {
                ExtCase::Raw { data, .. } => {
                    prop_assert_eq!(ours.extension().unwrap().data(), &data[..]);
                }
                _ => prop_assert_eq!(our_clean_elements(&ours), Some(extensions)),
            }
        }
        prop_assert_eq!(ours.payload(), &payload[..]);
        // webrtc-rs pads the payload to a multiple of 4 bytes, with 4 bytes when it is
        // one already: it cannot write any other amount.
        let expected_padding = if padding { 4 - payload.len() % 4 } else { 0 };
        prop_assert_eq!(ours.has_padding(), padding);
        prop_assert_eq!(ours.padding_len(), expected_padding);
    }

    /// Packets written by rtp-types's builder read as it meant them in ours (its
    /// extension data is opaque to it, so any profile and bytes go).
    #[test]
    fn rtp_types_written_ours_read(
        (marker, payload_type, sequence_number, timestamp, ssrc) in
            (any::<bool>(), 0u8..=127, any::<u16>(), any::<u32>(), any::<u32>()),
        csrc in prop::collection::vec(any::<u32>(), 0..=15),
        ext in prop::option::of((
            any::<u16>(),
            (0usize..=6).prop_flat_map(|w| prop::collection::vec(any::<u8>(), w * 4)),
        )),
        payloads in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..=20), 0..=3),
        padding in prop::option::of(1u8..=255),
    ) {
        let mut builder = rtp_types::RtpPacketBuilder::<&[u8], &[u8]>::new()
            .marker_bit(marker)
            .payload_type(payload_type)
            .sequence_number(sequence_number)
            .timestamp(timestamp)
            .ssrc(ssrc)
            .maybe_padding(padding);
        for c in &csrc {
            builder = builder.add_csrc(*c);
        }
        if let Some((profile, data)) = &ext {
            builder = builder.extension(*profile, data.as_slice());
        }
        for p in &payloads {
            builder = builder.payload(p.as_slice());
        }
        let bytes = builder.write_vec().unwrap();
        let ours = RtpPacket::new_checked(&bytes[..])
            .map_err(|e| TestCaseError::fail(format!("ours refused rtp-types output: {e}")))?;
        prop_assert_eq!(ours.marker(), marker);
        prop_assert_eq!(ours.payload_type(), payload_type);
        prop_assert_eq!(ours.sequence_number(), sequence_number);
        prop_assert_eq!(ours.timestamp(), timestamp);
        prop_assert_eq!(ours.ssrc(), ssrc);
        prop_assert_eq!(ours.csrcs().collect::<Vec<_>>(), csrc);
        prop_assert_eq!(
            ours.extension().map(|e| (e.profile(), e.data().to_vec())),
            ext
        );
        prop_assert_eq!(ours.payload(), &payloads.concat()[..]);
        prop_assert_eq!(ours.padding_len(), usize::from(padding.unwrap_or(0)));
    }

    /// Valid packets, then damaged: truncated, another version, the P bit forced, the
    /// last byte replaced. rtp-types and ours must accept exactly the same packets (both
    /// implement the length and padding rules of RFC 3550 §5.1); webrtc-rs accepts the
    /// same ones once its two leniencies are accounted for (any version, a padding count
    /// of 0).
    #[test]
    fn acceptance_agrees(
        case in rtp_case(),
        cut in prop::option::of(any::<prop::sample::Index>()),
        version in prop::option::of(0u8..=3),
        force_p in any::<bool>(),
        last in prop::option::of(any::<u8>()),
    ) {
        let mut bytes = case.emit();
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        if let Some(v) = version {
            if let Some(b) = bytes.first_mut() {
                *b = (*b & 0x3f) | (v << 6);
            }
        }
        if force_p {
            if let Some(b) = bytes.first_mut() {
                *b |= 0x20;
            }
        }
        if let (Some(v), Some(b)) = (last, bytes.last_mut()) {
            *b = v;
        }
        let ours = RtpPacket::new_checked(&bytes[..]);
        let theirs = rtp_types::RtpPacket::parse(&bytes);
        prop_assert_eq!(theirs.is_ok(), ours.is_ok(), "rtp-types {:?}, ours {:?}", theirs, ours);
        if let Ok(p) = &ours {
            compare_rtp_types(&bytes, p)?;
        }

        // webrtc-rs: it must do what its model says (skipped where the model says it
        // panics; pinned by `webrtc_rs_panics_on_element_past_packet_end`).
        let Some(model) = webrtc_rs_model(&bytes) else {
            return Ok(());
        };
        let webrtc = rtp::packet::Packet::unmarshal(&mut Bytes::copy_from_slice(&bytes));
        prop_assert_eq!(webrtc.is_ok(), model.is_ok(), "webrtc-rs {:?}", webrtc);
        // Where the extension walk cannot go wrong, its acceptance is ours on the same
        // bytes as version 2 (it does not check the version), plus a padding count of 0.
        let mut v2 = bytes.clone();
        if let Some(b) = v2.first_mut() {
            *b = (*b & 0x3f) | 0x80;
        }
        let clean_walk = RtpPacket::new_checked_header(&v2[..]).is_ok_and(|p| {
            p.extension().is_none_or(|e| {
                matches!(e.form(), ExtensionForm::Other(_) | ExtensionForm::TwoByte { appbits: 1.. })
            }) || our_clean_elements(&p).is_some()
        });
        if clean_walk {
            let expected = match RtpPacket::new_checked(&v2[..]) {
                Ok(_) => true,
                Err(RtpError::InvalidPadding { count: 0, room }) => room > 0,
                Err(_) => false,
            };
            prop_assert_eq!(webrtc.is_ok(), expected, "webrtc-rs {:?}", webrtc);
        }
        if let (Ok(t), Ok(p)) = (&webrtc, RtpPacket::new_checked_header(&v2[..])) {
            prop_assert_eq!(t.header.version, bytes[0] >> 6);
            compare_webrtc_header(
                &rtp::header::Header { version: 2, ..t.header.clone() },
                &p,
            )?;
        }
    }

    /// Arbitrary extension blocks (any bytes, RFC 8285 profiles): webrtc-rs reads what
    /// its model says, and our reading equals it wherever the block is well-formed.
    #[test]
    fn arbitrary_extension_blocks(
        profile in prop_oneof![Just(0xbedeu16), Just(0x1000u16), 0x1001u16..=0x100f],
        block in (0usize..=5).prop_flat_map(|w| prop::collection::vec(
            prop_oneof![3 => any::<u8>(), 1 => Just(0u8), 1 => 0xf0u8..=0xff], w * 4)),
        payload in prop::collection::vec(any::<u8>(), 0..=24),
    ) {
        let repr = RtpRepr {
            payload_type: 96,
            extension: Some(ExtensionRepr::Raw { profile, data: &block }),
            payload: &payload,
            ..Default::default()
        };
        let mut bytes = Vec::new();
        repr.emit_vec(&mut bytes).unwrap();
        let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
        compare_webrtc(&bytes, &ours)?;
        compare_rtp_types(&bytes, &ours)?;
    }

    /// The extension decoders webrtc-rs has, on arbitrary element data.
    #[test]
    fn extension_decoders(data in prop::collection::vec(any::<u8>(), 0..=6)) {
        use rtp::extension::{
            abs_send_time_extension::AbsSendTimeExtension,
            audio_level_extension::AudioLevelExtension,
            playout_delay_extension::PlayoutDelayExtension,
            transport_cc_extension::TransportCcExtension,
            video_orientation_extension::{CameraDirection, VideoOrientationExtension},
        };
        let len = data.len();
        let buf = || Bytes::copy_from_slice(&data);

        let ours = ExtensionKind::AudioLevel.decode(&data);
        match AudioLevelExtension::unmarshal(&mut buf()) {
            Ok(t) => prop_assert_eq!(
                ours,
                Ok(Extension::AudioLevel { voice_activity: t.voice, level: t.level })
            ),
            Err(_) => prop_assert!(len == 0 && ours.is_err()),
        }

        let ours = ExtensionKind::VideoOrientation.decode(&data);
        match VideoOrientationExtension::unmarshal(&mut buf()) {
            Ok(t) => prop_assert_eq!(
                ours,
                Ok(Extension::VideoOrientation {
                    back_camera: t.direction == CameraDirection::Back,
                    flip: t.flip,
                    rotation: t.rotation as u16 * 90,
                })
            ),
            Err(_) => prop_assert!(len == 0 && ours.is_err()),
        }

        // Fixed-size extensions: equal at the defined size; webrtc-rs also reads the start
        // of longer elements, which ours refuses (see the module comment).
        let fixed = |kind: ExtensionKind, size: usize, theirs: Option<Extension<'static>>|
            -> Result<(), TestCaseError> {
            let ours = kind.decode(&data);
            if len < size {
                prop_assert!(theirs.is_none() && ours.is_err(), "{:?} of {} bytes", kind, len);
            } else if len == size {
                prop_assert_eq!(ours, Ok(theirs.unwrap()), "{:?}", kind);
            } else {
                prop_assert!(theirs.is_some(), "webrtc-rs reads a longer {:?}", kind);
                prop_assert_eq!(ours, Err(RtpError::ExtensionLength { kind, len }));
            }
            Ok(())
        };
        fixed(
            ExtensionKind::AbsSendTime,
            3,
            AbsSendTimeExtension::unmarshal(&mut buf())
                .ok()
                .map(|t| Extension::AbsSendTime(u32::try_from(t.timestamp).unwrap())),
        )?;
        fixed(
            ExtensionKind::TransportSequence,
            2,
            TransportCcExtension::unmarshal(&mut buf())
                .ok()
                .map(|t| Extension::TransportSequence(t.transport_sequence)),
        )?;
        fixed(
            ExtensionKind::PlayoutDelay,
            3,
            PlayoutDelayExtension::unmarshal(&mut buf())
                .ok()
                .map(|t| Extension::PlayoutDelay { min: t.min_delay, max: t.max_delay }),
        )?;
    }
}

// ---------------------------------------------------------------------------------------
// Pinned behaviours
// ---------------------------------------------------------------------------------------

/// A 12-byte header: V=2, M=0, PT 96, sequence 1, timestamp 2, SSRC 3.
const FIXED: [u8; 12] = [0x80, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3];

/// `FIXED` with X=1 and the given block and payload.
fn with_extension(profile: u16, block: &[u8], payload: &[u8]) -> Vec<u8> {
    assert_eq!(block.len() % 4, 0);
    let mut out = FIXED.to_vec();
    out[0] |= 0x10;
    out.extend_from_slice(&profile.to_be_bytes());
    out.extend_from_slice(&u16::try_from(block.len() / 4).unwrap().to_be_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(payload);
    out
}

fn webrtc_unmarshal(bytes: &[u8]) -> Result<rtp::packet::Packet, webrtc_util::Error> {
    rtp::packet::Packet::unmarshal(&mut Bytes::copy_from_slice(bytes))
}

fn elements(p: &RtpPacket<&[u8]>) -> Vec<Result<(u8, Vec<u8>), RtpError>> {
    p.extension()
        .unwrap()
        .elements()
        .map(|e| e.map(|e| (e.id, e.data.to_vec())))
        .collect()
}

/// RFC 3550 §5.1: "Version (V): 2 bits. This field identifies the version of RTP. The
/// version defined by this specification is two (2)." webrtc-rs reads any version.
#[test]
fn webrtc_rs_accepts_any_version() {
    for version in [0u8, 1, 3] {
        let mut bytes = FIXED.to_vec();
        bytes[0] = (version << 6) | (bytes[0] & 0x3f);
        bytes.push(0xaa);
        assert_eq!(
            RtpPacket::new_checked(&bytes[..]),
            Err(RtpError::UnsupportedVersion(version))
        );
        assert!(matches!(
            rtp_types::RtpPacket::parse(&bytes),
            Err(rtp_types::RtpParseError::UnsupportedVersion(v)) if v == version
        ));
        let theirs = webrtc_unmarshal(&bytes).unwrap();
        assert_eq!(theirs.header.version, version, "webrtc-rs reports it");
        assert_eq!(&theirs.payload[..], &[0xaa]);
    }
}

/// RFC 3550 §5.1: the last padding octet "contains a count of how many padding octets
/// should be ignored, including itself", so it is at least 1. webrtc-rs takes a count of
/// 0 as no padding (the zero byte stays in the payload).
#[test]
fn zero_padding_count() {
    let mut bytes = FIXED.to_vec();
    bytes[0] |= 0x20;
    bytes.extend_from_slice(&[0xaa, 0xbb, 0x00]);
    assert_eq!(
        RtpPacket::new_checked(&bytes[..]),
        Err(RtpError::InvalidPadding { count: 0, room: 3 })
    );
    assert!(matches!(
        rtp_types::RtpPacket::parse(&bytes),
        Err(rtp_types::RtpParseError::PaddingInvalid(0))
    ));
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert!(theirs.header.padding);
    assert_eq!(&theirs.payload[..], &[0xaa, 0xbb, 0x00]);

    // Everyone agrees on a count larger than what follows the header, on a P bit with
    // nothing after the header, and on a packet that is all padding.
    bytes[14] = 4;
    assert!(RtpPacket::new_checked(&bytes[..]).is_err());
    assert!(rtp_types::RtpPacket::parse(&bytes).is_err());
    assert!(webrtc_unmarshal(&bytes).is_err());
    let mut bare = FIXED.to_vec();
    bare[0] |= 0x20;
    assert!(RtpPacket::new_checked(&bare[..]).is_err());
    assert!(rtp_types::RtpPacket::parse(&bare).is_err());
    assert!(webrtc_unmarshal(&bare).is_err());
    bytes[14] = 3;
    assert_eq!(RtpPacket::new_checked(&bytes[..]).unwrap().payload_len(), 0);
    assert_eq!(
        rtp_types::RtpPacket::parse(&bytes).unwrap().payload_len(),
        0
    );
    assert!(webrtc_unmarshal(&bytes).unwrap().payload.is_empty());
}

/// RFC 8285 §4.2: "If the ID value 15 is encountered, its length field should be
/// ignored, processing of the entire extension should terminate at that point, and only
/// the extension elements present prior to the element with ID 15 should be considered."
/// The extension's length still delimits the block (RFC 3550 §5.3.1). webrtc-rs stops,
/// but leaves the rest of the block to the payload.
#[test]
fn one_byte_id_15_leaks_the_block_into_the_webrtc_rs_payload() {
    let block = [0x10, 0xaa, 0xf0, 0x11, 0x22, 0x33, 0x44, 0x55];
    let bytes = with_extension(0xbede, &block, &[0xde, 0xad]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert_eq!(elements(&ours), [Ok((1, vec![0xaa]))]);
    assert_eq!(ours.payload(), &[0xde, 0xad]);
    assert_eq!(
        rtp_types::RtpPacket::parse(&bytes).unwrap().payload(),
        &[0xde, 0xad]
    );

    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert_eq!(webrtc_view(&theirs).elements, [(1, vec![0xaa])]);
    assert_eq!(
        &theirs.payload[..],
        &[0x11, 0x22, 0x33, 0x44, 0x55, 0xde, 0xad],
        "webrtc-rs: the block after the ID 15 byte is taken as payload"
    );
}

/// RFC 8285 §4.2: in the one-byte form the byte 0 is padding and the ID 0 is reserved
/// for it (IDs are 1–14). A header byte `0x05` (ID 0, 6 bytes) is malformed: ours
/// reports it and stops; webrtc-rs reads an element with ID 0.
#[test]
fn one_byte_id_0_with_a_length() {
    let block = [0x05, 1, 2, 3, 4, 5, 6, 0x10, 0x77, 0, 0, 0];
    let bytes = with_extension(0xbede, &block, &[0x42]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert_eq!(
        elements(&ours),
        [Err(RtpError::ReservedExtensionId { offset: 16 })]
    );
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert_eq!(
        webrtc_view(&theirs),
        WebrtcView {
            profile: 0xbede,
            elements: vec![(0, vec![1, 2, 3, 4, 5, 6]), (1, vec![0x77])],
            zeros: 3,
            payload: vec![0x42],
        }
    );
    assert_eq!(ours.payload(), &[0x42]);
}

/// RFC 8285 §4.3: two-byte elements may have length 0, and padding bytes may sit between
/// elements (§4.1). Agreement, spelled out.
#[test]
fn two_byte_zero_length_elements_and_padding_agree() {
    let block = [5, 0, 0, 0, 7, 2, 0xab, 0xcd, 0, 200, 0, 0];
    let bytes = with_extension(0x1000, &block, &[0x42]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    let expected = vec![(5, vec![]), (7, vec![0xab, 0xcd]), (200, vec![])];
    assert_eq!(our_clean_elements(&ours), Some(expected.clone()));
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert_eq!(
        webrtc_view(&theirs),
        WebrtcView {
            profile: 0x1000,
            elements: expected,
            zeros: 4,
            payload: vec![0x42],
        }
    );
    // One-byte form: padding bytes between elements, agreement too.
    let block = [0x10, 0xaa, 0, 0, 0x21, 1, 2, 0];
    let bytes = with_extension(0xbede, &block, &[]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    let expected = vec![(1, vec![0xaa]), (2, vec![1, 2])];
    assert_eq!(our_clean_elements(&ours), Some(expected.clone()));
    assert_eq!(
        webrtc_view(&webrtc_unmarshal(&bytes).unwrap()).elements,
        expected
    );
}

/// RFC 8285 §4.3: the two-byte form's profile is `0x100` followed by 4 "appbits" that
/// are application dependent. webrtc-rs only reads elements under `0x1000` and returns a
/// block under `0x1001`–`0x100F` as one element with ID 0.
#[test]
fn two_byte_appbits() {
    let block = [5, 1, 0x99, 0];
    let bytes = with_extension(0x1003, &block, &[]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert_eq!(
        ours.extension().unwrap().form(),
        ExtensionForm::TwoByte { appbits: 3 }
    );
    assert_eq!(our_clean_elements(&ours), Some(vec![(5, vec![0x99])]));
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert_eq!(webrtc_view(&theirs).elements, [(0, block.to_vec())]);
}

/// RFC 3550 §5.3.1: the extension length counts the 32-bit words of the block; an RFC
/// 8285 element cannot run past it. webrtc-rs takes the element's bytes out of the
/// payload (the payload gets shorter); ours reports the element truncated and keeps the
/// payload whole.
#[test]
fn one_byte_element_past_the_block() {
    // ID 3, L=12: 13 bytes, but the block has 3 after the header byte.
    let block = [0x3c, 1, 2, 3];
    let payload: Vec<u8> = (10..22).collect();
    let bytes = with_extension(0xbede, &block, &payload);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert_eq!(
        elements(&ours),
        [Err(RtpError::Truncated {
            field: "header extension element",
            offset: 17,
            needed: 13,
            available: 3,
        })]
    );
    assert_eq!(ours.payload(), &payload[..]);
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    let mut element = vec![1, 2, 3];
    element.extend_from_slice(&payload[..10]);
    assert_eq!(webrtc_view(&theirs).elements, [(3, element)]);
    assert_eq!(&theirs.payload[..], &payload[10..]);
}

/// Same as above, but the element also runs past the end of the packet: webrtc-rs
/// panics (`Buf::copy_to_bytes` out of range).
#[test]
fn webrtc_rs_panics_on_element_past_packet_end() {
    let block = [0x3f, 1, 2, 3];
    let bytes = with_extension(0xbede, &block, &[0xaa]);
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert!(matches!(
        elements(&ours)[..],
        [Err(RtpError::Truncated { .. })]
    ));
    assert_eq!(webrtc_rs_model(&bytes), None);
    let outcome = std::panic::catch_unwind(|| webrtc_unmarshal(&bytes));
    assert!(outcome.is_err(), "webrtc-rs no longer panics: {outcome:?}");
}

/// RFC 8285 §4.2: one-byte elements carry 1 to 16 bytes. webrtc-rs's writer computes the
/// length nibble as `len - 1` without a check: a 0-byte element underflows (a panic with
/// overflow checks, as in this debug build; our writer falls back to the two-byte form).
#[cfg(debug_assertions)]
#[test]
fn webrtc_rs_writer_underflows_on_empty_one_byte_element() {
    let packet = rtp::packet::Packet {
        header: rtp::header::Header {
            version: 2,
            extension: true,
            extension_profile: 0xbede,
            extensions: vec![rtp::header::Extension {
                id: 1,
                payload: Bytes::new(),
            }],
            ..Default::default()
        },
        payload: Bytes::new(),
    };
    let outcome = std::panic::catch_unwind(|| packet.marshal());
    assert!(outcome.is_err(), "webrtc-rs no longer panics: {outcome:?}");
    let elements = [ExtensionElement { id: 1, data: &[] }];
    let ext = ExtensionRepr::Elements(&elements);
    assert_eq!(ext.form(), Ok(ExtensionForm::TwoByte { appbits: 0 }));
}

/// The URIs webrtc-rs gives its extensions are the ones `ExtensionKind` knows.
#[test]
fn extension_uris_agree() {
    use rtp::extension::{
        HeaderExtension as H, abs_send_time_extension::AbsSendTimeExtension,
        audio_level_extension::AudioLevelExtension, playout_delay_extension::PlayoutDelayExtension,
        transport_cc_extension::TransportCcExtension,
        video_orientation_extension::VideoOrientationExtension,
    };
    let pairs = [
        (
            H::AbsSendTime(AbsSendTimeExtension::default()),
            ExtensionKind::AbsSendTime,
        ),
        (
            H::AudioLevel(AudioLevelExtension::default()),
            ExtensionKind::AudioLevel,
        ),
        (
            H::PlayoutDelay(PlayoutDelayExtension::default()),
            ExtensionKind::PlayoutDelay,
        ),
        (
            H::TransportCc(TransportCcExtension::default()),
            ExtensionKind::TransportSequence,
        ),
        (
            H::VideoOrientation(VideoOrientationExtension::default()),
            ExtensionKind::VideoOrientation,
        ),
    ];
    for (theirs, ours) in pairs {
        assert_eq!(ExtensionKind::from_uri(&theirs.uri()), ours);
        assert_eq!(ours.uri(), Some(&*theirs.uri()));
    }
}

/// abs-send-time is 3 bytes, transport-wide-cc 2 and playout-delay 3; webrtc-rs reads the
/// start of a longer element, ours refuses it.
#[test]
fn webrtc_rs_decoders_read_longer_elements() {
    use rtp::extension::abs_send_time_extension::AbsSendTimeExtension;
    let data = [0x12, 0x34, 0x56, 0x78];
    let theirs = AbsSendTimeExtension::unmarshal(&mut Bytes::copy_from_slice(&data)).unwrap();
    assert_eq!(theirs.timestamp, 0x12_3456);
    assert_eq!(
        ExtensionKind::AbsSendTime.decode(&data),
        Err(RtpError::ExtensionLength {
            kind: ExtensionKind::AbsSendTime,
            len: 4
        })
    );
}

// ---------------------------------------------------------------------------------------
// Real packets
// ---------------------------------------------------------------------------------------

/// The folder of single-packet test files: `testdata/packets`, or the folder the
/// environment variable `RTCINSPECT_PACKETS_DIR` names (with `rtp/` and `rtcp/` in it), to
/// run the comparisons on packets cut from other captures.
fn packets_root() -> PathBuf {
    std::env::var_os("RTCINSPECT_PACKETS_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets"),
        PathBuf::from,
    )
}

/// Every `.bin` under `<packets_root>/<dir>`, sorted.
fn packet_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(packets_root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    files
}

/// Every RTP packet under `testdata/packets/rtp/` (or `RTCINSPECT_PACKETS_DIR`), read by
/// the three parsers.
///
/// rtp-types and ours must accept the same packets. webrtc-rs must read every packet as
/// [`webrtc_rs_model`] says (panics included). SRTP packets (RFC 3711) are encrypted after
/// the header: their padding count is encrypted too and an authentication tag ends the
/// packet, so the padding cannot be checked. A packet whose file name says `srtp`, or
/// whose padding ours refuses (`RtpPacket::new_checked_header` still reads it), is
/// compared on its header (fixed part, CSRCs, extension) only; others are compared whole.
/// Encrypted payloads are still compared as bytes: every parser must hand out the same
/// ones.
#[test]
fn real_packets() {
    let files = packet_files("rtp");
    assert!(!files.is_empty(), "no RTP test packets found");
    let mut failures = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let check = |bytes: &[u8]| -> Result<(), TestCaseError> {
            // rtp-types and ours apply the same rules (RFC 3550 §5.1): same verdicts.
            let full = RtpPacket::new_checked(bytes);
            prop_assert_eq!(
                rtp_types::RtpPacket::parse(bytes).is_ok(),
                full.is_ok(),
                "rtp-types and ours disagree"
            );
            // webrtc-rs reads any version and walks extensions its own way: it must do
            // what its model says, panics included.
            let webrtc_header = std::panic::catch_unwind(|| {
                rtp::header::Header::unmarshal(&mut Bytes::copy_from_slice(bytes))
            });
            match (webrtc_rs_header_model(bytes), &webrtc_header) {
                (None, Err(_)) | (Some(Err(())), Ok(Err(_))) => return Ok(()),
                (Some(Ok((view, _))), Ok(Ok(h))) => {
                    let elements: Vec<(u8, Vec<u8>)> = h
                        .extensions
                        .iter()
                        .map(|e| (e.id, e.payload.to_vec()))
                        .collect();
                    prop_assert_eq!(&elements, &view.elements, "webrtc-rs against its model");
                }
                (m, t) => {
                    return Err(TestCaseError::fail(format!(
                        "webrtc-rs header {t:?}, its model {m:?}"
                    )));
                }
            }
            let Ok(Ok(theirs)) = webrtc_header else {
                unreachable!()
            };
            let Ok(ours) = RtpPacket::new_checked_header(bytes) else {
                // webrtc-rs read a header ours refuses: only for another version.
                prop_assert_ne!(theirs.version, 2);
                return Ok(());
            };
            if name.contains("srtp") || full.is_err() {
                // SRTP, or a padding count ours refuses: the header only.
                compare_webrtc_header(&theirs, &ours)?;
            } else {
                compare_webrtc(bytes, &ours)?;
                compare_rtp_types(bytes, &ours)?;
            }
            Ok(())
        };
        if let Err(e) = check(&bytes) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The real Discord packet: its one-byte extension has an element running past the block
/// (the extension values are encrypted). Spelled out so a change of the file shows.
#[test]
fn real_discord_packet() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/packets/rtp");
    let bytes = std::fs::read(root.join("discord-f22-opus-ext.bin")).unwrap();
    let ours = RtpPacket::new_checked(&bytes[..]).unwrap();
    assert_eq!(ours.ssrc(), 0xa1f9);
    assert_eq!(ours.payload_type(), 120);
    assert_eq!(ours.header_len(), 20);
    assert!(matches!(
        elements(&ours)[..],
        [Err(RtpError::Truncated {
            needed: 13,
            available: 3,
            ..
        })]
    ));
    let theirs = webrtc_unmarshal(&bytes).unwrap();
    assert_eq!(theirs.header.extensions.len(), 1);
    assert_eq!(theirs.header.extensions[0].id, 3);
    assert_eq!(&theirs.payload[..], &ours.payload()[10..]);
    assert_eq!(
        rtp_types::RtpPacket::parse(&bytes).unwrap().payload(),
        ours.payload()
    );
}
