//! TURN Send and Data indications
//! ([RFC 8656 §11](https://www.rfc-editor.org/rfc/rfc8656#section-11)): the datagram a
//! client sends to a peer through the relay, or receives from one.

use core::net::SocketAddr;

use super::{
    Attribute, AttributeRepr, AttributeType, Class, Message, MessageRepr, Method, StunError,
    TransactionId,
};
use crate::bytes::EmitError;
use crate::demux::{self, PacketKind};

/// The peer and the datagram of a TURN Send or Data indication
/// ([RFC 8656 §11.1–11.6](https://www.rfc-editor.org/rfc/rfc8656#section-11)): what
/// an analysis unwraps to see the RTP, RTCP, STUN or DTLS relayed inside.
///
/// ```
/// use rtcinspect_wire::demux::PacketKind;
/// use rtcinspect_wire::stun::{Message, Method, RelayedData, TransactionId};
///
/// // A Send indication carrying an ICE check to 192.0.2.1:3478 through the relay.
/// let inner = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/// let send = RelayedData {
///     method: Method::Send,
///     peer: "192.0.2.1:3478".parse().unwrap(),
///     data: &inner,
/// };
/// let mut buf = [0u8; 64];
/// let len = send.emit(TransactionId([9; 12]), &mut buf)?;
///
/// let message = Message::new_checked(&buf[..len]).unwrap();
/// let relayed = RelayedData::from_message(&message).unwrap().unwrap();
/// assert_eq!(relayed, send);
/// assert_eq!(relayed.kind(), PacketKind::Stun);
/// # Ok::<(), rtcinspect_wire::EmitError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelayedData<'a> {
    /// [`Method::Send`] (client to relay, for the peer) or [`Method::Data`] (relay to
    /// client, from the peer).
    pub method: Method,
    /// The peer: XOR-PEER-ADDRESS, unmasked.
    pub peer: SocketAddr,
    /// The relayed datagram: the value of DATA.
    pub data: &'a [u8],
}

impl<'a> RelayedData<'a> {
    /// The peer and data of `message` if it is a Send or Data indication (`None` for
    /// any other message), or an error if it lacks XOR-PEER-ADDRESS or DATA or they
    /// do not decode. Only the first of each counts.
    pub fn from_message(message: &Message<'a>) -> Option<Result<Self, StunError>> {
        let method = message.method();
        if message.class() != Class::Indication || !matches!(method, Method::Send | Method::Data) {
            return None;
        }
        let mut peer = None;
        let mut data = None;
        for attribute in message.attributes() {
            match attribute.attr_type() {
                AttributeType::XorPeerAddress if peer.is_none() => peer = Some(attribute),
                AttributeType::Data if data.is_none() => data = Some(attribute.value()),
                _ => {}
            }
            if peer.is_some() && data.is_some() {
                break;
            }
        }
        let missing = |attribute| StunError::MissingAttribute { attribute };
        Some((|| {
            let peer = peer.ok_or(missing(AttributeType::XorPeerAddress))?;
            let Attribute::XorPeerAddress(peer) = peer.decode()? else {
                return Err(missing(AttributeType::XorPeerAddress));
            };
            let data = data.ok_or(missing(AttributeType::Data))?;
            Ok(Self { method, peer, data })
        })())
    }

    /// What the relayed datagram is, by its first byte
    /// ([`demux::classify`]).
    #[inline]
    pub fn kind(&self) -> PacketKind {
        demux::classify(self.data)
    }

    /// Writes the indication (XOR-PEER-ADDRESS then DATA) at the start of `buf` and
    /// returns its length.
    pub fn emit(&self, transaction_id: TransactionId, buf: &mut [u8]) -> Result<usize, EmitError> {
        let attributes = [
            AttributeRepr::Value(Attribute::XorPeerAddress(self.peer)),
            AttributeRepr::Value(Attribute::Data(self.data)),
        ];
        MessageRepr {
            class: Class::Indication,
            method: self.method,
            transaction_id,
            attributes: &attributes,
            ..MessageRepr::default()
        }
        .emit(buf)
    }
}

impl<'a> Message<'a> {
    /// The peer and data of a TURN Send or Data indication; see
    /// [`RelayedData::from_message`].
    #[inline]
    pub fn relayed_data(&self) -> Option<Result<RelayedData<'a>, StunError>> {
        RelayedData::from_message(self)
    }
}
