//! `stun/parse`: an ICE connectivity check as a WebRTC agent receives one, thousands of
//! times a second on a busy server: parse, check FINGERPRINT (the STUN demultiplexing
//! test of RFC 7983 §7 and RFC 8445 §7.2.2), read the type, transaction ID, USERNAME,
//! PRIORITY, ICE-CONTROLLING tie-breaker and the MESSAGE-INTEGRITY value. The same work
//! for rtcinspect, webrtc-rs `stun` 0.17 and `stun-types` 2, with the same checksum
//! (checked by `tests/same_work_stun.rs`).

use bytes::Bytes;
use rtcinspect_wire::stun::{
    Attribute, AttributeRepr, Class, Message, MessageRepr, Method, TransactionId,
};

use crate::mix;

/// The ICE password the fixture's MESSAGE-INTEGRITY is computed with (24 characters,
/// as Chromium generates them).
pub const STUN_ICE_PWD: &[u8] = b"asd88fgpdd777uzjYhagZg2a";

/// An 88-byte Binding request as Chromium sends for an ICE check: USERNAME
/// `remote:local` (two 4-character ufrags), PRIORITY, ICE-CONTROLLING,
/// MESSAGE-INTEGRITY and FINGERPRINT.
pub fn stun_binding_request() -> Vec<u8> {
    let attributes = [
        AttributeRepr::from(Attribute::Username("9Kcs:7X3n")),
        Attribute::Priority(0x6e7f_1eff).into(),
        Attribute::IceControlling(0x8a1c_3e5f_7b2d_9046).into(),
    ];
    let repr = MessageRepr {
        class: Class::Request,
        method: Method::Binding,
        transaction_id: TransactionId(*b"rtcinspect!!"),
        attributes: &attributes,
        message_integrity: Some(STUN_ICE_PWD),
        fingerprint: true,
        ..MessageRepr::default()
    };
    let mut out = Vec::new();
    if let Err(e) = repr.emit_vec(&mut out) {
        panic!("fixture: {e}");
    }
    out
}

/// The transaction ID as two numbers for the checksum.
#[inline(always)]
fn tid_parts(tid: &[u8; 12]) -> (u64, u64) {
    let [a, b, c, d, e, f, g, h, i, j, k, l] = *tid;
    (
        u64::from_be_bytes([a, b, c, d, e, f, g, h]),
        u64::from(u32::from_be_bytes([i, j, k, l])),
    )
}

/// rtcinspect: checked view, FINGERPRINT check, then one walk over the attributes
/// decoding each.
#[inline(never)]
pub fn stun_rtcinspect(bytes: &[u8]) -> u64 {
    let Ok(m) = Message::new_checked(bytes) else {
        return 0;
    };
    let mut sum = mix(0, u64::from(m.check_fingerprint().is_ok()));
    sum = mix(sum, u64::from(m.message_type_field()));
    let (hi, lo) = tid_parts(&m.transaction_id().0);
    sum = mix(mix(sum, hi), lo);
    for attribute in m.attributes() {
        match attribute.decode() {
            Ok(Attribute::Username(u)) => {
                sum = mix(sum, u.len() as u64);
                sum = mix(sum, u64::from(u.as_bytes().first().copied().unwrap_or(0)));
            }
            Ok(Attribute::Priority(p)) => sum = mix(sum, u64::from(p)),
            Ok(Attribute::IceControlling(t)) => sum = mix(sum, t),
            Ok(Attribute::MessageIntegrity(mac)) => sum = mix(sum, u64::from(mac[0])),
            _ => {}
        }
    }
    sum
}

/// webrtc-rs `stun`: unmarshal (copying the message and every attribute value into
/// vectors), check FINGERPRINT, read USERNAME with its text getter; the crate has no
/// ICE attributes (they are in webrtc-rs `ice`), so PRIORITY and ICE-CONTROLLING are
/// read from the raw values with the lines any user would write.
#[inline(never)]
pub fn stun_webrtc_rs(bytes: &Bytes) -> u64 {
    use stun::attributes::{
        ATTR_ICE_CONTROLLING, ATTR_MESSAGE_INTEGRITY, ATTR_PRIORITY, ATTR_USERNAME,
    };
    use stun::fingerprint::FINGERPRINT;
    use stun::textattrs::TextAttribute;

    let mut m = stun::message::Message::new();
    if m.unmarshal_binary(bytes).is_err() {
        return 0;
    }
    let mut sum = mix(0, u64::from(FINGERPRINT.check(&m).is_ok()));
    sum = mix(sum, u64::from(m.typ.value()));
    let (hi, lo) = tid_parts(&m.transaction_id.0);
    sum = mix(mix(sum, hi), lo);
    if let Ok(u) = TextAttribute::get_from_as(&m, ATTR_USERNAME) {
        sum = mix(sum, u.text.len() as u64);
        sum = mix(
            sum,
            u64::from(u.text.as_bytes().first().copied().unwrap_or(0)),
        );
    }
    if let Ok(p) = m.get(ATTR_PRIORITY) {
        if let Ok(p) = <[u8; 4]>::try_from(&p[..]) {
            sum = mix(sum, u64::from(u32::from_be_bytes(p)));
        }
    }
    if let Ok(t) = m.get(ATTR_ICE_CONTROLLING) {
        if let Ok(t) = <[u8; 8]>::try_from(&t[..]) {
            sum = mix(sum, u64::from_be_bytes(t));
        }
    }
    if let Ok(mac) = m.get(ATTR_MESSAGE_INTEGRITY) {
        sum = mix(sum, u64::from(mac.first().copied().unwrap_or(0)));
    }
    sum
}

/// `stun-types`: `Message::from_bytes` (which checks FINGERPRINT itself and fails on a
/// mismatch), USERNAME and MESSAGE-INTEGRITY with the crate's typed attributes; it has
/// no ICE attributes (they are in `stun-proto`'s users), so PRIORITY and
/// ICE-CONTROLLING are read from the raw attributes.
#[inline(never)]
pub fn stun_stun_types(bytes: &[u8]) -> u64 {
    use stun_types::attribute::AttributeStaticType;
    use stun_types::attribute::{AttributeType, Fingerprint, MessageIntegrity, Username};
    use stun_types::message::Message as StMessage;

    let Ok(m) = StMessage::from_bytes(bytes) else {
        return 0;
    };
    let mut sum = mix(0, u64::from(m.has_attribute(Fingerprint::TYPE)));
    let mut message_type = [0u8; 2];
    m.get_type().write_into(&mut message_type);
    sum = mix(sum, u64::from(u16::from_be_bytes(message_type)));
    let tid: u128 = m.transaction_id().into();
    sum = mix(mix(sum, (tid >> 32) as u64), tid as u64 & 0xffff_ffff);
    if let Ok(u) = m.attribute::<Username>() {
        let u = u.username();
        sum = mix(sum, u.len() as u64);
        sum = mix(sum, u64::from(u.as_bytes().first().copied().unwrap_or(0)));
    }
    if let Some(p) = m.raw_attribute(AttributeType::new(0x0024)) {
        if let Ok(p) = <[u8; 4]>::try_from(&p.value[..]) {
            sum = mix(sum, u64::from(u32::from_be_bytes(p)));
        }
    }
    if let Some(t) = m.raw_attribute(AttributeType::new(0x802a)) {
        if let Ok(t) = <[u8; 8]>::try_from(&t.value[..]) {
            sum = mix(sum, u64::from_be_bytes(t));
        }
    }
    if let Ok(mac) = m.attribute::<MessageIntegrity>() {
        sum = mix(sum, u64::from(mac.hmac()[0]));
    }
    sum
}
