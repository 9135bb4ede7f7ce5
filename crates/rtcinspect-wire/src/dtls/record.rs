//! Records: the 13-byte header of RFC 6347 §4.1, the DTLS 1.3 unified header of
//! RFC 9147 §4, and the iterator over the records of a datagram.

use core::fmt;

use super::{Alert, ContentType, DtlsError, HandshakeRepr, Handshakes, ProtocolVersion, invalid};
use crate::bytes::{self, EmitError, Writer};

/// Field offsets of the 13-byte record header.
mod field {
    use core::ops::Range;

    pub(crate) const TYPE: usize = 0;
    pub(crate) const VERSION: Range<usize> = 1..3;
    pub(crate) const EPOCH: Range<usize> = 3..5;
    /// The length, or for `tls12_cid` the connection ID, which the length follows.
    pub(crate) const LENGTH: Range<usize> = 11..13;
}

/// Length of the record header of RFC 6347 §4.1 (without a connection ID).
pub const RECORD_HEADER_LEN: usize = field::LENGTH.end;

/// The largest record fragment: 2^14 bytes of plaintext plus 2048 of expansion
/// ([RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1) by way of
/// [RFC 5246 §6.2.3](https://www.rfc-editor.org/rfc/rfc5246#section-6.2.3)).
pub const MAX_CIPHERTEXT_LEN: usize = (1 << 14) + 2048;

/// A record with the header of
/// [RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1): every record of
/// DTLS 1.0 and 1.2, and the plaintext records of DTLS 1.3
/// ([RFC 9147 §4](https://www.rfc-editor.org/rfc/rfc9147#section-4), `DTLSPlaintext`).
///
/// ```text
/// struct {
///     ContentType type;
///     ProtocolVersion version;
///     uint16 epoch;
///     uint48 sequence_number;
///     opaque cid[cid_length];     // tls12_cid (25) only, RFC 9146 §4
///     uint16 length;
///     opaque fragment[DTLSPlaintext.length];
/// } DTLSPlaintext;
/// ```
///
/// The view covers the header and the fragment the length announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Record<'a> {
    record: &'a [u8],
    header_len: u8,
}

impl<'a> Record<'a> {
    /// Reads the record at the start of `buf`: the header and `length` bytes of
    /// fragment must be there, and the length must not exceed
    /// [`MAX_CIPHERTEXT_LEN`]. Bytes after the record are not part of the view.
    ///
    /// A `tls12_cid` record ([RFC 9146](https://www.rfc-editor.org/rfc/rfc9146)) has a
    /// connection ID whose length only the handshake knows: use
    /// [`new_checked_with_cid`](Self::new_checked_with_cid).
    #[inline]
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, DtlsError> {
        Self::new_checked_with_cid(buf, 0)
    }

    /// Like [`new_checked`](Self::new_checked), with the length of the connection ID
    /// that `tls12_cid` records carry (ignored for other content types).
    #[inline]
    pub fn new_checked_with_cid(buf: &'a [u8], cid_len: u8) -> Result<Self, DtlsError> {
        let cid = if bytes::u8_at(buf, field::TYPE) == ContentType::TLS12_CID.0 {
            usize::from(cid_len)
        } else {
            0
        };
        let header_len = RECORD_HEADER_LEN + cid;
        super::need(buf, "record header", 0, header_len)?;
        let length = usize::from(bytes::u16_at(buf, header_len - 2));
        let Some(record) = buf.get(..header_len + length) else {
            return Err(DtlsError::Truncated {
                field: "fragment",
                offset: header_len,
                needed: length,
                available: buf.len() - header_len,
            });
        };
        if length > MAX_CIPHERTEXT_LEN {
            return Err(invalid("length", header_len - 2, length));
        }
        Ok(Self {
            record,
            header_len: header_len as u8,
        })
    }

    /// The content type.
    #[inline]
    pub fn content_type(&self) -> ContentType {
        ContentType(bytes::u8_at(self.record, field::TYPE))
    }

    /// The version (`legacy_record_version` in DTLS 1.3, always DTLS 1.2 there).
    #[inline]
    pub fn version(&self) -> ProtocolVersion {
        ProtocolVersion(bytes::u16_at(self.record, field::VERSION.start))
    }

    /// The epoch: 0 until the first ChangeCipherSpec (DTLS 1.2) or key change.
    #[inline]
    pub fn epoch(&self) -> u16 {
        bytes::u16_at(self.record, field::EPOCH.start)
    }

    /// The 48-bit sequence number.
    #[inline]
    pub fn sequence_number(&self) -> u64 {
        bytes::array::<8>(self.record, field::EPOCH.start)
            .map_or(0, |b| u64::from_be_bytes(b) & 0xffff_ffff_ffff)
    }

    /// The connection ID of a `tls12_cid` record (empty otherwise).
    #[inline]
    pub fn connection_id(&self) -> &'a [u8] {
        self.record
            .get(field::LENGTH.start..usize::from(self.header_len) - 2)
            .unwrap_or(&[])
    }

    /// The length field: bytes of fragment.
    #[inline]
    pub fn length(&self) -> u16 {
        bytes::u16_at(self.record, usize::from(self.header_len) - 2)
    }

    /// Length of the header, connection ID included.
    #[inline]
    pub fn header_len(&self) -> usize {
        usize::from(self.header_len)
    }

    /// The fragment: handshake messages, an alert, a change_cipher_spec byte, or
    /// ciphertext from epoch 1 on.
    #[inline]
    pub fn fragment(&self) -> &'a [u8] {
        self.record
            .get(usize::from(self.header_len)..)
            .unwrap_or(&[])
    }

    /// The whole record.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.record
    }

    /// Length of the whole record.
    #[inline]
    pub fn len(&self) -> usize {
        self.record.len()
    }

    /// Always false: a record has at least its header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// The handshake messages of the fragment: meaningful for a handshake record of
    /// epoch 0 (later epochs are encrypted).
    #[inline]
    pub fn handshakes(&self) -> Handshakes<'a> {
        Handshakes::new(self.fragment())
    }

    /// The alert of an alert record in the clear (a fragment of exactly 2 bytes).
    #[inline]
    pub fn alert(&self) -> Result<Alert, DtlsError> {
        Alert::parse(self.fragment()).map_err(|e| e.shifted(self.header_len()))
    }
}

/// A DTLS 1.3 record with the unified header
/// ([RFC 9147 §4](https://www.rfc-editor.org/rfc/rfc9147#section-4), `DTLSCiphertext`).
///
/// ```text
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |0|0|1|C|S|L|E E|
/// +-+-+-+-+-+-+-+-+
/// | Connection ID |   Legend:
/// | (if any,      |
/// /  length as    /   C   - Connection ID (CID) present
/// |  negotiated)  |   S   - Sequence number length
/// +-+-+-+-+-+-+-+-+   L   - Length present
/// |  8 or 16 bit  |   E   - Epoch
/// |Sequence Number|
/// +-+-+-+-+-+-+-+-+
/// | 16 bit Length |
/// | (if present)  |
/// +-+-+-+-+-+-+-+-+
/// ```
///
/// Without a length the record runs to the end of the datagram. The sequence number
/// bytes are as on the wire, that is encrypted (RFC 9147 §4.2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnifiedRecord<'a> {
    record: &'a [u8],
    cid_len: u8,
}

impl<'a> UnifiedRecord<'a> {
    /// The C bit: a connection ID follows the first byte.
    pub const FLAG_CID: u8 = 0x10;
    /// The S bit: the sequence number is 16 bits (else 8).
    pub const FLAG_SEQ16: u8 = 0x08;
    /// The L bit: a length field is present.
    pub const FLAG_LENGTH: u8 = 0x04;

    /// Reads the record at the start of `buf`, whose first byte must be `001xxxxx`;
    /// `cid_len` is the length of the connection ID the peers negotiated (0 for none),
    /// which the header does not carry. Without the L bit the record is the whole of
    /// `buf`.
    #[inline]
    pub fn new_checked(buf: &'a [u8], cid_len: u8) -> Result<Self, DtlsError> {
        let first = bytes::u8_at(buf, 0);
        if buf.is_empty() || first >> 5 != 1 {
            super::need(buf, "unified header", 0, 1)?;
            return Err(invalid("unified header first byte", 0, usize::from(first)));
        }
        let cid = if first & Self::FLAG_CID != 0 {
            if cid_len == 0 {
                return Err(DtlsError::UnknownConnectionIdLength { offset: 0 });
            }
            usize::from(cid_len)
        } else {
            0
        };
        let seq = if first & Self::FLAG_SEQ16 != 0 { 2 } else { 1 };
        let has_length = first & Self::FLAG_LENGTH != 0;
        let header_len = 1 + cid + seq + if has_length { 2 } else { 0 };
        super::need(buf, "unified header", 0, header_len)?;
        let record = if has_length {
            let length = usize::from(bytes::u16_at(buf, header_len - 2));
            let Some(record) = buf.get(..header_len + length) else {
                return Err(DtlsError::Truncated {
                    field: "encrypted_record",
                    offset: header_len,
                    needed: length,
                    available: buf.len() - header_len,
                });
            };
            if length > MAX_CIPHERTEXT_LEN {
                return Err(invalid("length", header_len - 2, length));
            }
            record
        } else {
            buf
        };
        Ok(Self {
            record,
            cid_len: cid as u8,
        })
    }

    /// The first byte, `001CSLEE`.
    #[inline]
    pub fn flags(&self) -> u8 {
        bytes::u8_at(self.record, 0)
    }

    /// The low two bits of the epoch (EE).
    #[inline]
    pub fn epoch_bits(&self) -> u8 {
        self.flags() & 0x03
    }

    /// The connection ID (empty without the C bit).
    #[inline]
    pub fn connection_id(&self) -> &'a [u8] {
        bytes::slice(self.record, 1, usize::from(self.cid_len))
    }

    /// Whether the sequence number is 16 bits (the S bit) rather than 8.
    #[inline]
    pub fn has_long_sequence_number(&self) -> bool {
        self.flags() & Self::FLAG_SEQ16 != 0
    }

    /// The low 8 or 16 bits of the sequence number, as on the wire (encrypted by
    /// record number encryption, RFC 9147 §4.2.3).
    #[inline]
    pub fn sequence_number(&self) -> u16 {
        let at = 1 + usize::from(self.cid_len);
        if self.has_long_sequence_number() {
            bytes::u16_at(self.record, at)
        } else {
            u16::from(bytes::u8_at(self.record, at))
        }
    }

    /// The length field, if the L bit is set.
    #[inline]
    pub fn length(&self) -> Option<u16> {
        (self.flags() & Self::FLAG_LENGTH != 0)
            .then(|| bytes::u16_at(self.record, self.header_len() - 2))
    }

    /// Length of the header.
    #[inline]
    pub fn header_len(&self) -> usize {
        let flags = self.flags();
        1 + usize::from(self.cid_len)
            + if flags & Self::FLAG_SEQ16 != 0 { 2 } else { 1 }
            + if flags & Self::FLAG_LENGTH != 0 { 2 } else { 0 }
    }

    /// The encrypted record (`encrypted_record`).
    #[inline]
    pub fn encrypted_record(&self) -> &'a [u8] {
        self.record.get(self.header_len()..).unwrap_or(&[])
    }

    /// The whole record.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.record
    }

    /// Length of the whole record.
    #[inline]
    pub fn len(&self) -> usize {
        self.record.len()
    }

    /// Always false: a record has at least its header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }
}

/// A record of a datagram, with either header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnyRecord<'a> {
    /// A record with the 13-byte header of RFC 6347 §4.1.
    Record(Record<'a>),
    /// A DTLS 1.3 record with the unified header of RFC 9147 §4.
    Unified(UnifiedRecord<'a>),
}

impl<'a> AnyRecord<'a> {
    /// The whole record.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        match self {
            Self::Record(r) => r.as_bytes(),
            Self::Unified(r) => r.as_bytes(),
        }
    }
}

/// Iterator over the records of a datagram
/// ([RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1): a datagram
/// may hold several records; [RFC 9147 §4.1](https://www.rfc-editor.org/rfc/rfc9147#section-4.1)
/// for telling the headers apart by the first byte).
///
/// A first byte of 20–31 starts a [`Record`] (content types 27–31 are unassigned and
/// read as values); `001xxxxx` (32–63) starts a [`UnifiedRecord`]. A record whose
/// length can be trusted (it fits the datagram) but is wrong in another way (longer
/// than [`MAX_CIPHERTEXT_LEN`]) yields an error and iteration goes on after it; a
/// header that cannot be read, a length past the end of the datagram or any other
/// first byte yields an error and ends the iteration.
///
/// ```
/// use rtcinspect_wire::dtls::{AnyRecord, ContentType, Records};
///
/// // A ChangeCipherSpec record (epoch 0) and a DTLS 1.3 record with the unified
/// // header: no CID, 8-bit sequence number 5, no length, epoch bits 3.
/// let datagram = [
///     20, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 7, 0, 1, 1, // change_cipher_spec
///     0b0010_0011, 5, 0xaa, 0xbb, // unified header, then 2 bytes of ciphertext
/// ];
/// let records: Vec<_> = Records::new(&datagram).collect();
/// let Ok(AnyRecord::Record(ccs)) = records[0] else { panic!() };
/// assert_eq!(ccs.content_type(), ContentType::CHANGE_CIPHER_SPEC);
/// assert_eq!(ccs.sequence_number(), 7);
/// let Ok(AnyRecord::Unified(r)) = records[1] else { panic!() };
/// assert_eq!((r.epoch_bits(), r.sequence_number(), r.length()), (3, 5, None));
/// assert_eq!(r.encrypted_record(), &[0xaa, 0xbb]);
/// ```
#[derive(Debug, Clone)]
pub struct Records<'a> {
    buf: &'a [u8],
    offset: usize,
    index: usize,
    cid_len: u8,
    done: bool,
}

impl<'a> Records<'a> {
    /// Iterates over the records of `buf`, a whole UDP payload, with no connection ID.
    #[inline]
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_cid_len(buf, 0)
    }

    /// Iterates over the records of `buf`, whose `tls12_cid` and unified headers carry
    /// a connection ID of `cid_len` bytes (what the handshake negotiated).
    #[inline]
    pub fn with_cid_len(buf: &'a [u8], cid_len: u8) -> Self {
        Self {
            buf,
            offset: 0,
            index: 0,
            cid_len,
            done: false,
        }
    }

    /// Bytes read so far.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<AnyRecord<'a>, RecordsError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.buf.get(self.offset..).unwrap_or(&[]);
        if self.done || rest.is_empty() {
            self.done = true;
            return None;
        }
        let wrap = |error| RecordsError {
            index: self.index,
            offset: self.offset,
            error,
        };
        let first = bytes::u8_at(rest, 0);
        let result = match first {
            20..=31 => Record::new_checked_with_cid(rest, self.cid_len).map(AnyRecord::Record),
            32..=63 => UnifiedRecord::new_checked(rest, self.cid_len).map(AnyRecord::Unified),
            _ => Err(invalid("content type", 0, usize::from(first))),
        };
        let item = match result {
            Ok(record) => {
                self.offset += record.as_bytes().len();
                Ok(record)
            }
            // Too long, but within the datagram: skip it.
            Err(
                error @ DtlsError::InvalidValue {
                    field: "length", ..
                },
            ) => {
                let at = match error {
                    DtlsError::InvalidValue { offset, .. } => offset,
                    _ => 0,
                };
                let err = wrap(error);
                self.offset += at + 2 + usize::from(bytes::u16_at(rest, at));
                self.index += 1;
                return Some(Err(err));
            }
            Err(error) => {
                self.done = true;
                Err(wrap(error))
            }
        };
        self.index += 1;
        Some(item)
    }
}

impl core::iter::FusedIterator for Records<'_> {}

/// A record that could not be read, with where it is in its datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordsError {
    /// Index of the record in the datagram, from 0.
    pub index: usize,
    /// Offset of the record's first byte in the datagram.
    pub offset: usize,
    /// What was wrong; its offsets count from the record's first byte.
    pub error: DtlsError,
}

impl fmt::Display for RecordsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DTLS record {} at byte {}: {}",
            self.index, self.offset, self.error
        )
    }
}

impl core::error::Error for RecordsError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// What a [`RecordRepr`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FragmentRepr<'a> {
    /// Bytes written as they are (ciphertext, change_cipher_spec `[1]`, a parsed
    /// fragment).
    Raw(&'a [u8]),
    /// Handshake messages, one after the other.
    Handshakes(&'a [HandshakeRepr<'a>]),
    /// An alert.
    Alert(Alert),
}

impl FragmentRepr<'_> {
    /// Length of the fragment.
    pub fn buffer_len(&self) -> usize {
        match self {
            Self::Raw(b) => b.len(),
            Self::Handshakes(h) => h.iter().map(HandshakeRepr::buffer_len).sum(),
            Self::Alert(_) => Alert::LEN,
        }
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        match self {
            Self::Raw(b) => {
                let mut w = Writer::new(buf);
                w.put(b)?;
                Ok(w.position())
            }
            Self::Handshakes(messages) => {
                let mut at = 0;
                for m in *messages {
                    at += m.emit(buf.get_mut(at..).unwrap_or_default())?;
                }
                Ok(at)
            }
            Self::Alert(a) => a.emit(buf),
        }
    }
}

/// Writes a record with the header of
/// [RFC 6347 §4.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.1); the length is
/// filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRepr<'a> {
    /// The content type.
    pub content_type: ContentType,
    /// The version.
    pub version: ProtocolVersion,
    /// The epoch.
    pub epoch: u16,
    /// The sequence number, 48 bits.
    pub sequence_number: u64,
    /// The connection ID: written for content type `tls12_cid` only, where it must be
    /// the length the receiver expects.
    pub connection_id: &'a [u8],
    /// The fragment.
    pub fragment: FragmentRepr<'a>,
}

impl<'a> RecordRepr<'a> {
    /// The fields of a parsed record, the fragment raw; writing the result gives
    /// back the same bytes.
    pub fn parse(record: &Record<'a>) -> Self {
        Self {
            content_type: record.content_type(),
            version: record.version(),
            epoch: record.epoch(),
            sequence_number: record.sequence_number(),
            connection_id: record.connection_id(),
            fragment: FragmentRepr::Raw(record.fragment()),
        }
    }

    fn cid_len(&self) -> usize {
        if self.content_type == ContentType::TLS12_CID {
            self.connection_id.len()
        } else {
            0
        }
    }

    /// Length of the record.
    pub fn buffer_len(&self) -> usize {
        RECORD_HEADER_LEN + self.cid_len() + self.fragment.buffer_len()
    }

    /// Writes the record at the start of `buf`; returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max(
            "sequence_number",
            usize::try_from(self.sequence_number).unwrap_or(usize::MAX),
            (1 << 48) - 1,
        )?;
        let fragment_len = self.fragment.buffer_len();
        bytes::check_max("length", fragment_len, usize::from(u16::MAX))?;
        let mut w = Writer::new(buf);
        w.reserve(self.buffer_len())?;
        w.u8(self.content_type.0)?;
        w.u16(self.version.0)?;
        w.u16(self.epoch)?;
        w.put(&self.sequence_number.to_be_bytes()[2..])?;
        if self.cid_len() > 0 {
            w.put(self.connection_id)?;
        }
        w.u16(fragment_len as u16)?;
        let at = w.position();
        let written = self.fragment.emit(buf.get_mut(at..).unwrap_or_default())?;
        Ok(at + written)
    }

    /// Appends the record to `out`; returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        super::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DTLS 1.2 ChangeCipherSpec record (RFC 6347 §4.1 layout): epoch 0,
    /// sequence number 0x0000_0102_0304, length 1, the byte 1.
    const CCS: [u8; 14] = [
        0x14, // type change_cipher_spec (20)
        0xfe, 0xfd, // version DTLS 1.2
        0x00, 0x00, // epoch 0
        0x00, 0x00, 0x01, 0x02, 0x03, 0x04, // sequence_number (48 bits)
        0x00, 0x01, // length 1
        0x01, // change_cipher_spec
    ];

    #[test]
    fn deconstruct() {
        let r = Record::new_checked(&CCS).unwrap();
        assert_eq!(r.content_type(), ContentType::CHANGE_CIPHER_SPEC);
        assert_eq!(r.version(), ProtocolVersion::DTLS_1_2);
        assert_eq!(r.epoch(), 0);
        assert_eq!(r.sequence_number(), 0x0102_0304);
        assert_eq!(r.length(), 1);
        assert_eq!(r.fragment(), &[1]);
        assert_eq!(r.connection_id(), &[] as &[u8]);
        assert_eq!(r.header_len(), 13);
    }

    #[test]
    fn construct() {
        let repr = RecordRepr {
            content_type: ContentType::CHANGE_CIPHER_SPEC,
            version: ProtocolVersion::DTLS_1_2,
            epoch: 0,
            sequence_number: 0x0102_0304,
            connection_id: &[],
            fragment: FragmentRepr::Raw(&[1]),
        };
        let mut buf = [0u8; 14];
        assert_eq!(repr.emit(&mut buf), Ok(14));
        assert_eq!(buf, CCS);
        assert_eq!(RecordRepr::parse(&Record::new_checked(&CCS).unwrap()), repr);
        assert!(matches!(
            RecordRepr {
                sequence_number: 1 << 48,
                ..repr
            }
            .emit(&mut buf),
            Err(EmitError::FieldOverflow {
                field: "sequence_number",
                ..
            })
        ));
    }

    #[test]
    fn tls12_cid() {
        // RFC 9146 §4: a tls12_cid record has the CID before the length; 4-byte CID.
        let rec = [
            25, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, // type, version, epoch 1, seq 9
            0xc1, 0xc2, 0xc3, 0xc4, // cid
            0, 2, 0xee, 0xff, // length 2, ciphertext
        ];
        let r = Record::new_checked_with_cid(&rec, 4).unwrap();
        assert_eq!(r.connection_id(), &[0xc1, 0xc2, 0xc3, 0xc4]);
        assert_eq!(r.length(), 2);
        assert_eq!(r.fragment(), &[0xee, 0xff]);
        let mut out = [0u8; 19];
        assert_eq!(RecordRepr::parse(&r).emit(&mut out), Ok(19));
        assert_eq!(out, rec);
        // Without the CID length the length field is read from the CID bytes.
        assert!(Record::new_checked(&rec).is_err());
    }

    #[test]
    fn unified_header() {
        // RFC 9147 §4 Figure 3 with C=1 (2-byte CID), S=1, L=1, epoch bits 2.
        let rec = [
            0b0011_1110,
            0xaa,
            0xbb,
            0x12,
            0x34,
            0x00,
            0x03,
            1,
            2,
            3,
            0x99,
        ];
        assert!(matches!(
            UnifiedRecord::new_checked(&rec, 0),
            Err(DtlsError::UnknownConnectionIdLength { offset: 0 })
        ));
        let r = UnifiedRecord::new_checked(&rec, 2).unwrap();
        assert_eq!(r.connection_id(), &[0xaa, 0xbb]);
        assert!(r.has_long_sequence_number());
        assert_eq!(r.sequence_number(), 0x1234);
        assert_eq!(r.length(), Some(3));
        assert_eq!(r.epoch_bits(), 2);
        assert_eq!(r.header_len(), 7);
        assert_eq!(r.encrypted_record(), &[1, 2, 3]);
        assert_eq!(r.len(), 10);
        // The minimal form, Figure 4 of RFC 9147 §4: 8-bit sequence, no length.
        let r = UnifiedRecord::new_checked(&[0x20, 0x07, 0xde, 0xad], 0).unwrap();
        assert_eq!((r.sequence_number(), r.length()), (7, None));
        assert_eq!(r.encrypted_record(), &[0xde, 0xad]);
    }

    #[test]
    fn records_iterate_and_keep_going() {
        let mut datagram = CCS.to_vec();
        datagram.extend_from_slice(&CCS);
        let records: Vec<_> = Records::new(&datagram).collect();
        assert_eq!(records.len(), 2);
        assert!(records.iter().all(Result::is_ok));
        // A record longer than 2^14 + 2048 within the datagram is skipped.
        let mut long = vec![23, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 0x48, 0x01];
        long.resize(13 + 0x4801, 0);
        long.extend_from_slice(&CCS);
        let records: Vec<_> = Records::new(&long).collect();
        assert_eq!(
            records[0],
            Err(RecordsError {
                index: 0,
                offset: 0,
                error: DtlsError::InvalidValue {
                    field: "length",
                    offset: 11,
                    value: 0x4801
                }
            })
        );
        assert!(matches!(records[1], Ok(AnyRecord::Record(_))));
        assert_eq!(records.len(), 2);
        // A truncated record ends the iteration.
        let mut cut = CCS.to_vec();
        cut.extend_from_slice(&CCS[..13]);
        let records: Vec<_> = Records::new(&cut).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[1],
            Err(RecordsError {
                index: 1,
                offset: 14,
                error: DtlsError::Truncated {
                    field: "fragment",
                    offset: 13,
                    needed: 1,
                    available: 0
                }
            })
        );
        assert_eq!(
            records[1].unwrap_err().to_string(),
            "DTLS record 1 at byte 14: DTLS fragment at byte 13 needs 1 bytes, 0 remain"
        );
        // A first byte that is no DTLS ends it too.
        let records: Vec<_> = Records::new(&[0x80, 0, 0]).collect();
        assert!(matches!(
            records[..],
            [Err(RecordsError {
                error: DtlsError::InvalidValue {
                    field: "content type",
                    value: 0x80,
                    ..
                },
                ..
            })]
        ));
    }
}
