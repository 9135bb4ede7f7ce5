//! Handshake messages: the DTLS handshake header
//! ([RFC 6347 §4.2.2](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.2)), the
//! messages of a record, HelloVerifyRequest and Certificate.

use super::{
    ClientHello, ClientHelloRepr, DtlsError, HandshakeType, ProtocolVersion, Reader, ServerHello,
    ServerHelloRepr, invalid,
};
use crate::bytes::{self, EmitError, Writer};

/// Field offsets of the handshake header.
mod field {
    use core::ops::Range;

    pub(crate) const MSG_TYPE: usize = 0;
    pub(crate) const LENGTH: Range<usize> = 1..4;
    pub(crate) const MESSAGE_SEQ: Range<usize> = 4..6;
    pub(crate) const FRAGMENT_OFFSET: Range<usize> = 6..9;
    pub(crate) const FRAGMENT_LENGTH: Range<usize> = 9..12;
}

/// Length of the DTLS handshake header.
pub const HANDSHAKE_HEADER_LEN: usize = field::FRAGMENT_LENGTH.end;

/// A handshake message, or a fragment of one
/// ([RFC 6347 §4.2.2](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.2)).
///
/// ```text
/// struct {
///   HandshakeType msg_type;
///   uint24 length;
///   uint16 message_seq;
///   uint24 fragment_offset;
///   uint24 fragment_length;
///   opaque fragment[fragment_length];
/// } Handshake;
/// ```
///
/// The view covers the header and the fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handshake<'a> {
    message: &'a [u8],
}

impl<'a> Handshake<'a> {
    /// Reads the message at the start of `buf`: the header and `fragment_length` bytes
    /// must be there, and the fragment must lie within the message
    /// (`fragment_offset + fragment_length <= length`). Bytes after the fragment are
    /// not part of the view.
    #[inline]
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, DtlsError> {
        super::need(buf, "handshake header", 0, HANDSHAKE_HEADER_LEN)?;
        let fragment_length = bytes::u24_at(buf, field::FRAGMENT_LENGTH.start) as usize;
        let Some(message) = buf.get(..HANDSHAKE_HEADER_LEN + fragment_length) else {
            return Err(DtlsError::Truncated {
                field: "fragment",
                offset: HANDSHAKE_HEADER_LEN,
                needed: fragment_length,
                available: buf.len() - HANDSHAKE_HEADER_LEN,
            });
        };
        let offset = bytes::u24_at(buf, field::FRAGMENT_OFFSET.start) as usize;
        let length = bytes::u24_at(buf, field::LENGTH.start) as usize;
        if offset + fragment_length > length {
            return Err(invalid(
                "fragment_offset",
                field::FRAGMENT_OFFSET.start,
                offset,
            ));
        }
        Ok(Self { message })
    }

    /// The message type.
    #[inline]
    pub fn msg_type(&self) -> HandshakeType {
        HandshakeType(bytes::u8_at(self.message, field::MSG_TYPE))
    }

    /// The length of the whole message body (all fragments).
    #[inline]
    pub fn length(&self) -> u32 {
        bytes::u24_at(self.message, field::LENGTH.start)
    }

    /// The message sequence number.
    #[inline]
    pub fn message_seq(&self) -> u16 {
        bytes::u16_at(self.message, field::MESSAGE_SEQ.start)
    }

    /// Where this fragment starts in the message body.
    #[inline]
    pub fn fragment_offset(&self) -> u32 {
        bytes::u24_at(self.message, field::FRAGMENT_OFFSET.start)
    }

    /// Bytes of body in this fragment.
    #[inline]
    pub fn fragment_length(&self) -> u32 {
        bytes::u24_at(self.message, field::FRAGMENT_LENGTH.start)
    }

    /// Whether this is only part of the message (an offset, or fewer bytes than the
    /// length).
    #[inline]
    pub fn is_fragment(&self) -> bool {
        self.fragment_offset() != 0 || self.fragment_length() != self.length()
    }

    /// The fragment: the whole body when [`is_fragment`](Self::is_fragment) is false.
    #[inline]
    pub fn fragment(&self) -> &'a [u8] {
        self.message.get(HANDSHAKE_HEADER_LEN..).unwrap_or(&[])
    }

    /// The whole message, header included.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.message
    }

    /// Length of the header and fragment.
    #[inline]
    pub fn len(&self) -> usize {
        self.message.len()
    }

    /// Always false: a message has at least its header.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.message.is_empty()
    }

    /// The body, typed when the message is whole and of a type this module reads;
    /// error offsets count from the start of the message.
    #[inline]
    pub fn body(&self) -> Result<HandshakeBody<'a>, DtlsError> {
        let body = self.fragment();
        if self.is_fragment() {
            return Ok(HandshakeBody::Fragment(body));
        }
        let typed = match self.msg_type() {
            HandshakeType::CLIENT_HELLO => {
                ClientHello::new_checked(body).map(HandshakeBody::ClientHello)
            }
            HandshakeType::SERVER_HELLO => {
                ServerHello::new_checked(body).map(HandshakeBody::ServerHello)
            }
            HandshakeType::HELLO_VERIFY_REQUEST => {
                HelloVerifyRequest::new_checked(body).map(HandshakeBody::HelloVerifyRequest)
            }
            HandshakeType::CERTIFICATE => {
                Certificate::new_checked(body).map(HandshakeBody::Certificate)
            }
            _ => Ok(HandshakeBody::Other(body)),
        };
        typed.map_err(|e| e.shifted(HANDSHAKE_HEADER_LEN))
    }
}

/// The body of a handshake message, as far as this module reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HandshakeBody<'a> {
    /// A ClientHello.
    ClientHello(ClientHello<'a>),
    /// A ServerHello (also a DTLS 1.3 HelloRetryRequest, see
    /// [`ServerHello::is_hello_retry_request`]).
    ServerHello(ServerHello<'a>),
    /// A HelloVerifyRequest.
    HelloVerifyRequest(HelloVerifyRequest<'a>),
    /// A Certificate (the DTLS 1.0/1.2 form).
    Certificate(Certificate<'a>),
    /// A fragment of a message: the bytes, for the caller to reassemble.
    Fragment(&'a [u8]),
    /// A whole message of another type (ServerKeyExchange, ServerHelloDone,
    /// ClientKeyExchange, ...), as bytes.
    Other(&'a [u8]),
}

/// Iterator over the handshake messages of a record fragment (several may share a
/// record, [RFC 6347 §4.2.3](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.3)).
///
/// A message whose fragment fits yields it (or, when its offsets do not add up, an
/// error) and iteration goes on; a header or fragment cut short by the end of the
/// record yields an error and ends it. Error offsets count from the start of the
/// record fragment.
#[derive(Debug, Clone)]
pub struct Handshakes<'a> {
    buf: &'a [u8],
    offset: usize,
    done: bool,
}

impl<'a> Handshakes<'a> {
    /// Iterates over the messages of a handshake record's fragment.
    #[inline]
    pub fn new(fragment: &'a [u8]) -> Self {
        Self {
            buf: fragment,
            offset: 0,
            done: false,
        }
    }

    /// Bytes read so far.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl<'a> Iterator for Handshakes<'a> {
    type Item = Result<Handshake<'a>, DtlsError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.buf.get(self.offset..).unwrap_or(&[]);
        if self.done || rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.offset;
        match Handshake::new_checked(rest) {
            Ok(m) => {
                self.offset += m.len();
                Some(Ok(m))
            }
            Err(e @ DtlsError::InvalidValue { .. }) => {
                // The fragment fits: skip it.
                self.offset += HANDSHAKE_HEADER_LEN
                    + bytes::u24_at(rest, field::FRAGMENT_LENGTH.start) as usize;
                Some(Err(e.shifted(at)))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e.shifted(at)))
            }
        }
    }
}

impl core::iter::FusedIterator for Handshakes<'_> {}

/// A HelloVerifyRequest
/// ([RFC 6347 §4.2.1](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.1)).
///
/// ```text
/// struct {
///   ProtocolVersion server_version;
///   opaque cookie<0..2^8-1>;
/// } HelloVerifyRequest;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HelloVerifyRequest<'a> {
    body: &'a [u8],
}

impl<'a> HelloVerifyRequest<'a> {
    /// Reads a HelloVerifyRequest body: the version, then the cookie, which must end
    /// the body.
    #[inline]
    pub fn new_checked(body: &'a [u8]) -> Result<Self, DtlsError> {
        let mut r = Reader::new(body);
        r.take("server_version", 2)?;
        r.vector::<1>("cookie", 1)?;
        r.finish("HelloVerifyRequest")?;
        Ok(Self { body })
    }

    /// The version.
    #[inline]
    pub fn server_version(&self) -> ProtocolVersion {
        ProtocolVersion(bytes::u16_at(self.body, 0))
    }

    /// The cookie the client is to send back.
    #[inline]
    pub fn cookie(&self) -> &'a [u8] {
        self.body.get(3..).unwrap_or(&[])
    }
}

/// Writes a HelloVerifyRequest body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HelloVerifyRequestRepr<'a> {
    /// The version.
    pub server_version: ProtocolVersion,
    /// The cookie, at most 255 bytes.
    pub cookie: &'a [u8],
}

impl<'a> HelloVerifyRequestRepr<'a> {
    /// The fields of a parsed HelloVerifyRequest.
    pub fn parse(hvr: &HelloVerifyRequest<'a>) -> Self {
        Self {
            server_version: hvr.server_version(),
            cookie: hvr.cookie(),
        }
    }

    /// Length of the body.
    pub fn buffer_len(&self) -> usize {
        3 + self.cookie.len()
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        w.u16(self.server_version.0)?;
        put_vector::<1>(w, "cookie", self.cookie)
    }
}

/// A Certificate message in the form of
/// [RFC 5246 §7.4.2](https://www.rfc-editor.org/rfc/rfc5246#section-7.4.2) (DTLS 1.0
/// and 1.2; DTLS 1.3 sends it encrypted).
///
/// ```text
/// opaque ASN.1Cert<1..2^24-1>;
/// struct {
///     ASN.1Cert certificate_list<0..2^24-1>;
/// } Certificate;
/// ```
///
/// Each certificate is handed out as its DER bytes, borrowed: the SHA-256 of the
/// first is what SDP's `a=fingerprint:sha-256` announces
/// ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Certificate<'a> {
    list: &'a [u8],
}

impl<'a> Certificate<'a> {
    /// Reads a Certificate body: the list length must cover the rest of the body, and
    /// each certificate's length must fit in the list.
    #[inline]
    pub fn new_checked(body: &'a [u8]) -> Result<Self, DtlsError> {
        let mut r = Reader::new(body);
        let list = r.vector::<3>("certificate_list", 1)?;
        r.finish("Certificate")?;
        let mut entries = Reader::new(list);
        while entries.remaining() > 0 {
            entries
                .vector::<3>("ASN.1Cert", 1)
                .map_err(|e| e.shifted(3))?;
        }
        Ok(Self { list })
    }

    /// The certificates, each as its DER bytes, the sender's own first.
    #[inline]
    pub fn certificates(&self) -> Certificates<'a> {
        Certificates { rest: self.list }
    }

    /// The certificate list, without its length.
    #[inline]
    pub fn list(&self) -> &'a [u8] {
        self.list
    }
}

/// Iterator over the certificates of a [`Certificate`] message: DER bytes.
#[derive(Debug, Clone)]
pub struct Certificates<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Certificates<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let len = bytes::u24_at(self.rest, 0) as usize;
        let (entry, rest) = self.rest.get(3..)?.split_at_checked(len)?;
        self.rest = rest;
        Some(entry)
    }
}

impl core::iter::FusedIterator for Certificates<'_> {}

/// What a [`HandshakeRepr`] carries: its fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HandshakeBodyRepr<'a> {
    /// Bytes written as they are (another message type, a fragment, a parsed body).
    Raw(&'a [u8]),
    /// A ClientHello.
    ClientHello(ClientHelloRepr<'a>),
    /// A ServerHello.
    ServerHello(ServerHelloRepr<'a>),
    /// A HelloVerifyRequest.
    HelloVerifyRequest(HelloVerifyRequestRepr<'a>),
    /// A Certificate: each certificate's DER bytes.
    Certificate(&'a [&'a [u8]]),
}

impl HandshakeBodyRepr<'_> {
    /// The message type of a typed body (`None` for raw bytes).
    pub fn msg_type(&self) -> Option<HandshakeType> {
        match self {
            Self::Raw(_) => None,
            Self::ClientHello(_) => Some(HandshakeType::CLIENT_HELLO),
            Self::ServerHello(_) => Some(HandshakeType::SERVER_HELLO),
            Self::HelloVerifyRequest(_) => Some(HandshakeType::HELLO_VERIFY_REQUEST),
            Self::Certificate(_) => Some(HandshakeType::CERTIFICATE),
        }
    }

    /// Length of the body.
    pub fn buffer_len(&self) -> usize {
        match self {
            Self::Raw(b) => b.len(),
            Self::ClientHello(h) => h.buffer_len(),
            Self::ServerHello(h) => h.buffer_len(),
            Self::HelloVerifyRequest(h) => h.buffer_len(),
            Self::Certificate(certs) => 3 + certs.iter().map(|c| 3 + c.len()).sum::<usize>(),
        }
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        match self {
            Self::Raw(b) => Ok(w.put(b)?),
            Self::ClientHello(h) => h.write(w),
            Self::ServerHello(h) => h.write(w),
            Self::HelloVerifyRequest(h) => h.write(w),
            Self::Certificate(certs) => {
                let len = self.buffer_len() - 3;
                bytes::check_max("certificate_list", len, 0xff_ffff)?;
                w.u24(len as u32)?;
                for c in *certs {
                    put_vector::<3>(w, "ASN.1Cert", c)?;
                }
                Ok(())
            }
        }
    }
}

/// Writes a handshake message or fragment
/// ([RFC 6347 §4.2.2](https://www.rfc-editor.org/rfc/rfc6347#section-4.2.2));
/// `fragment_length` is the length of the body written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandshakeRepr<'a> {
    /// The message type.
    pub msg_type: HandshakeType,
    /// The length of the whole message body.
    pub length: u32,
    /// The message sequence number.
    pub message_seq: u16,
    /// Where this fragment starts in the body.
    pub fragment_offset: u32,
    /// The fragment.
    pub body: HandshakeBodyRepr<'a>,
}

impl<'a> HandshakeRepr<'a> {
    /// A whole message (offset 0, length that of the body); the type is the typed
    /// body's ([`HandshakeType::HELLO_REQUEST`] for raw bytes: set `msg_type`).
    pub fn whole(message_seq: u16, body: HandshakeBodyRepr<'a>) -> Self {
        Self {
            msg_type: body.msg_type().unwrap_or(HandshakeType::HELLO_REQUEST),
            length: u32::try_from(body.buffer_len()).unwrap_or(u32::MAX),
            message_seq,
            fragment_offset: 0,
            body,
        }
    }

    /// The fields of a parsed message, the fragment raw; writing the result gives
    /// back the same bytes.
    pub fn parse(message: &Handshake<'a>) -> Self {
        Self {
            msg_type: message.msg_type(),
            length: message.length(),
            message_seq: message.message_seq(),
            fragment_offset: message.fragment_offset(),
            body: HandshakeBodyRepr::Raw(message.fragment()),
        }
    }

    /// Length of the header and fragment.
    pub fn buffer_len(&self) -> usize {
        HANDSHAKE_HEADER_LEN + self.body.buffer_len()
    }

    /// Writes the message at the start of `buf`; returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let fragment_length = self.body.buffer_len();
        bytes::check_max("length", self.length as usize, 0xff_ffff)?;
        bytes::check_max("fragment_offset", self.fragment_offset as usize, 0xff_ffff)?;
        bytes::check_max("fragment_length", fragment_length, 0xff_ffff)?;
        let mut w = Writer::new(buf);
        w.reserve(self.buffer_len())?;
        w.u8(self.msg_type.0)?;
        w.u24(self.length)?;
        w.u16(self.message_seq)?;
        w.u24(self.fragment_offset)?;
        w.u24(fragment_length as u32)?;
        self.body.write(&mut w)?;
        Ok(w.position())
    }

    /// Appends the message to `out`; returns its length.
    #[cfg(feature = "alloc")]
    pub fn emit_vec(&self, out: &mut alloc::vec::Vec<u8>) -> Result<usize, EmitError> {
        super::emit_vec(out, self.buffer_len(), |b| self.emit(b))
    }
}

/// Writes `data` preceded by its length in `N` bytes (1, 2 or 3).
pub(crate) fn put_vector<const N: usize>(
    w: &mut Writer<'_>,
    field: &'static str,
    data: &[u8],
) -> Result<(), EmitError> {
    let max = (1usize << (8 * N)) - 1;
    bytes::check_max(field, data.len(), max)?;
    let len = (data.len() as u32).to_be_bytes();
    w.put(len.get(4 - N..).unwrap_or(&[]))?;
    w.put(data)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A HelloVerifyRequest (RFC 6347 §4.2.1) with a 4-byte cookie, whole: message_seq
    /// 0, fragment 0..7 of a 7-byte body.
    const HVR: [u8; 19] = [
        0x03, // msg_type hello_verify_request
        0x00, 0x00, 0x07, // length 7
        0x00, 0x00, // message_seq 0
        0x00, 0x00, 0x00, // fragment_offset 0
        0x00, 0x00, 0x07, // fragment_length 7
        0xfe, 0xff, // server_version DTLS 1.0 (RFC 6347 §4.2.1 recommends it here)
        0x04, 0xde, 0xad, 0xbe, 0xef, // cookie
    ];

    #[test]
    fn deconstruct_hello_verify_request() {
        let m = Handshake::new_checked(&HVR).unwrap();
        assert_eq!(m.msg_type(), HandshakeType::HELLO_VERIFY_REQUEST);
        assert_eq!((m.length(), m.message_seq()), (7, 0));
        assert_eq!((m.fragment_offset(), m.fragment_length()), (0, 7));
        assert!(!m.is_fragment());
        let Ok(HandshakeBody::HelloVerifyRequest(hvr)) = m.body() else {
            panic!()
        };
        assert_eq!(hvr.server_version(), ProtocolVersion::DTLS_1_0);
        assert_eq!(hvr.cookie(), &[0xde, 0xad, 0xbe, 0xef]);
    }

    #[test]
    fn construct_hello_verify_request() {
        let repr = HandshakeRepr::whole(
            0,
            HandshakeBodyRepr::HelloVerifyRequest(HelloVerifyRequestRepr {
                server_version: ProtocolVersion::DTLS_1_0,
                cookie: &[0xde, 0xad, 0xbe, 0xef],
            }),
        );
        let mut buf = [0u8; 19];
        assert_eq!(repr.emit(&mut buf), Ok(19));
        assert_eq!(buf, HVR);
        let parsed = HandshakeRepr::parse(&Handshake::new_checked(&HVR).unwrap());
        let mut again = [0u8; 19];
        assert_eq!(parsed.emit(&mut again), Ok(19));
        assert_eq!(again, HVR);
    }

    #[test]
    fn fragments_are_bytes() {
        // The last 3 bytes of the same 7-byte body, on their own.
        let frag = [3, 0, 0, 7, 0, 0, 0, 0, 4, 0, 0, 3, 0xad, 0xbe, 0xef];
        let m = Handshake::new_checked(&frag).unwrap();
        assert!(m.is_fragment());
        assert_eq!(m.body(), Ok(HandshakeBody::Fragment(&[0xad, 0xbe, 0xef])));
        // A fragment that ends past the message length.
        let mut bad = frag;
        bad[8] = 5;
        assert_eq!(
            Handshake::new_checked(&bad),
            Err(DtlsError::InvalidValue {
                field: "fragment_offset",
                offset: 6,
                value: 5
            })
        );
    }

    #[test]
    fn several_messages_in_a_record() {
        // ServerHelloDone (type 14, empty body) after the HelloVerifyRequest, then
        // a message whose offsets do not add up, then one cut short.
        let mut fragment = HVR.to_vec();
        fragment.extend_from_slice(&[14, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
        fragment.extend_from_slice(&[14, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0]);
        fragment.extend_from_slice(&[14, 0, 0, 0, 0, 3]);
        let messages: Vec<_> = Handshakes::new(&fragment).collect();
        assert_eq!(messages.len(), 4);
        assert!(messages[0].is_ok());
        let done = messages[1].unwrap();
        assert_eq!(done.msg_type(), HandshakeType::SERVER_HELLO_DONE);
        assert_eq!(done.body(), Ok(HandshakeBody::Other(&[])));
        assert_eq!(
            messages[2],
            Err(DtlsError::InvalidValue {
                field: "fragment_offset",
                offset: 19 + 12 + 6,
                value: 1
            })
        );
        assert_eq!(
            messages[3],
            Err(DtlsError::Truncated {
                field: "handshake header",
                offset: 43,
                needed: 12,
                available: 6
            })
        );
    }

    #[test]
    fn certificate_list() {
        // Two "certificates" of 2 and 1 bytes: list length 3+2+3+1 = 9.
        let body = [0, 0, 9, 0, 0, 2, 0x30, 0x00, 0, 0, 1, 0x05];
        let cert = Certificate::new_checked(&body).unwrap();
        let all: Vec<_> = cert.certificates().collect();
        assert_eq!(all, [&[0x30, 0x00][..], &[0x05][..]]);
        let certs = [&[0x30, 0x00][..], &[0x05][..]];
        let repr = HandshakeBodyRepr::Certificate(&certs);
        assert_eq!(repr.buffer_len(), 12);
        let mut buf = [0u8; 24];
        let len = HandshakeRepr::whole(2, repr).emit(&mut buf).unwrap();
        assert_eq!(&buf[12..len], &body);
        // An entry longer than the list.
        let bad = [0, 0, 4, 0, 0, 2, 0x30];
        assert_eq!(
            Certificate::new_checked(&bad),
            Err(DtlsError::Truncated {
                field: "ASN.1Cert",
                offset: 3,
                needed: 5,
                available: 4
            })
        );
        let bad = [0, 0, 4, 0, 0, 2, 0x30, 0];
        assert_eq!(
            Certificate::new_checked(&bad),
            Err(DtlsError::InvalidValue {
                field: "Certificate",
                offset: 7,
                value: 1
            })
        );
        let bad = [0, 0, 5, 0, 0, 3, 0x30, 0];
        assert_eq!(
            Certificate::new_checked(&bad),
            Err(DtlsError::Truncated {
                field: "ASN.1Cert",
                offset: 3,
                needed: 6,
                available: 5
            })
        );
    }
}
