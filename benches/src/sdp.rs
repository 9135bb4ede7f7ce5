//! `sdp/parse` and `sdp/resolve`: fixtures and work functions for the SDP benchmarks.
//!
//! Both read the realistic ~5.7 KB Chromium offer (audio with 8 codecs, video with 23
//! payload types, a data channel) from `testdata/sdp/chrome-offer-av-data-5k.sdp`.
//!
//! * **parse**: parse the description and read every line into the model: the origin,
//!   session name and timing, every media line (type, port, protocol, each format),
//!   every connection address, every attribute's name and value.
//! * **resolve**: parse, then resolve every media section the way the inspector does:
//!   for each payload type on the `m=` line its rtpmap (encoding, clock rate,
//!   channels), its fmtp parameter count, its RTX `apt=` and the number of rtcp-fb
//!   lines that apply; the header extensions (session then media); each SSRC once
//!   with its CNAME; rid and simulcast presence; ICE ufrag and pwd, the fingerprint
//!   bytes and the setup role (media level, else session level); mid and BUNDLE
//!   membership.
//!
//! Each implementation folds what it read into the same checksum, checked equal by
//! `tests/same_work_sdp.rs`.

use std::io::Cursor;

use rtcinspect_sdp::Sdp;

use crate::mix;

/// The realistic Chromium offer (5.7 KB): audio, video and a data channel, BUNDLEd.
pub const CHROME_OFFER_5K: &str = include_str!("../../testdata/sdp/chrome-offer-av-data-5k.sdp");

fn len(s: Option<&str>) -> u64 {
    s.map_or(0, |s| s.len() as u64)
}

fn setup_code(s: &str) -> u64 {
    match s {
        "active" => 1,
        "passive" => 2,
        "actpass" => 3,
        "holdconn" => 4,
        _ => 0,
    }
}

/// Folds the fingerprint bytes.
fn fold_bytes(sum: u64, bytes: &[u8]) -> u64 {
    let x = bytes
        .iter()
        .fold(0u64, |a, &b| a.rotate_left(3) ^ u64::from(b));
    mix(mix(sum, bytes.len() as u64), x)
}

// ---------------------------------------------------------------------------------
// rtcinspect

/// rtcinspect: parse, read every line into the model.
#[inline(never)]
pub fn parse_rtcinspect(text: &str) -> u64 {
    let Ok(sdp) = Sdp::parse(text) else {
        return 0;
    };
    let mut sum = 0;
    if let Some(Ok(o)) = sdp.origin() {
        sum = mix(sum, o.username.len() as u64);
        sum = mix(sum, o.session_id_u64().unwrap_or(0));
        sum = mix(sum, o.session_version_u64().unwrap_or(0));
        sum = mix(sum, o.address.len() as u64);
    }
    sum = mix(sum, len(sdp.session_name()));
    for t in sdp.timings().flatten() {
        sum = mix(mix(sum, t.start), t.stop);
    }
    let session = sdp.session();
    for c in session.connections().flatten() {
        sum = mix(sum, c.address.len() as u64);
    }
    for a in session.attributes() {
        sum = mix(mix(sum, a.name.len() as u64), len(a.value));
    }
    for media in sdp.media() {
        if let Some(Ok(m)) = media.media_line() {
            sum = mix(sum, m.media.len() as u64);
            sum = mix(sum, u64::from(m.port));
            sum = mix(sum, m.proto.len() as u64);
            for f in m.formats() {
                sum = mix(sum, f.len() as u64);
            }
        }
        for c in media.connections().flatten() {
            sum = mix(sum, c.address.len() as u64);
        }
        for a in media.attributes() {
            sum = mix(mix(sum, a.name.len() as u64), len(a.value));
        }
    }
    sum
}

/// rtcinspect: parse, resolve every media section.
#[inline(never)]
pub fn resolve_rtcinspect(text: &str) -> u64 {
    let Ok(sdp) = Sdp::parse(text) else {
        return 0;
    };
    let mut sum = 0;
    for i in 0..sdp.media_count() {
        let Some(r) = sdp.resolve(i) else { continue };
        sum = mix(sum, len(r.mid()));
        for pt in r.payload_types() {
            let Some(c) = r.codec(pt) else { continue };
            sum = mix(sum, u64::from(pt));
            sum = mix(sum, c.encoding.len() as u64);
            sum = mix(sum, u64::from(c.clock_rate));
            sum = mix(sum, u64::from(c.channels.unwrap_or(0)));
            sum = mix(sum, c.fmtp.map_or(0, |f| f.params().count() as u64));
            if c.is_rtx() {
                sum = mix(sum, u64::from(c.apt.unwrap_or(0)));
            }
            sum = mix(sum, r.rtcp_fb(pt).count() as u64);
        }
        for e in r.extensions() {
            sum = mix(mix(sum, u64::from(e.id)), e.uri.len() as u64);
        }
        for s in r.ssrcs() {
            sum = mix(mix(sum, u64::from(s.ssrc)), len(s.cname));
        }
        sum = mix(sum, r.rids().count() as u64);
        sum = mix(sum, u64::from(r.simulcast().is_some()));
        sum = mix(sum, len(r.ice_ufrag()));
        sum = mix(sum, len(r.ice_pwd()));
        if let Some(f) = r.fingerprint() {
            sum = fold_bytes(sum, f.bytes().as_slice());
        }
        sum = mix(sum, r.setup().map_or(0, |s| setup_code(s.as_str())));
        sum = mix(sum, u64::from(r.is_bundled()));
    }
    sum
}

/// How many allocations a full parse may make: the vector of lines and the vector of
/// media sections.
pub const RTCINSPECT_PARSE_ALLOCATIONS: usize = 2;

// ---------------------------------------------------------------------------------
// webrtc-rs `sdp`

/// webrtc-rs `sdp`: parse, read every line into the model.
#[inline(never)]
pub fn parse_webrtc_rs(text: &str) -> u64 {
    let Ok(d) = ::sdp::SessionDescription::unmarshal(&mut Cursor::new(text.as_bytes())) else {
        return 0;
    };
    let mut sum = 0;
    sum = mix(sum, d.origin.username.len() as u64);
    sum = mix(sum, d.origin.session_id);
    sum = mix(sum, d.origin.session_version);
    sum = mix(sum, d.origin.unicast_address.len() as u64);
    sum = mix(sum, d.session_name.len() as u64);
    for t in &d.time_descriptions {
        sum = mix(mix(sum, t.timing.start_time), t.timing.stop_time);
    }
    if let Some(c) = &d.connection_information {
        sum = mix(
            sum,
            c.address.as_ref().map_or(0, |a| a.address.len() as u64),
        );
    }
    for a in &d.attributes {
        sum = mix(mix(sum, a.key.len() as u64), len(a.value.as_deref()));
    }
    for m in &d.media_descriptions {
        sum = mix(sum, m.media_name.media.len() as u64);
        sum = mix(sum, m.media_name.port.value as u64);
        let proto_len: usize = m.media_name.protos.iter().map(|p| p.len() + 1).sum();
        sum = mix(sum, proto_len.saturating_sub(1) as u64);
        for f in &m.media_name.formats {
            sum = mix(sum, f.len() as u64);
        }
        if let Some(c) = &m.connection_information {
            sum = mix(
                sum,
                c.address.as_ref().map_or(0, |a| a.address.len() as u64),
            );
        }
        for a in &m.attributes {
            sum = mix(mix(sum, a.key.len() as u64), len(a.value.as_deref()));
        }
    }
    sum
}

/// webrtc-rs `sdp`: parse, resolve every media section (by hand over its attribute
/// lists: it has no per-section codec resolution).
#[inline(never)]
pub fn resolve_webrtc_rs(text: &str) -> u64 {
    let Ok(d) = ::sdp::SessionDescription::unmarshal(&mut Cursor::new(text.as_bytes())) else {
        return 0;
    };
    let session_value = |key: &str| {
        d.attributes
            .iter()
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_deref())
    };
    let bundle: Vec<&str> = d
        .attributes
        .iter()
        .filter(|a| a.key == "group")
        .filter_map(|a| a.value.as_deref())
        .filter_map(|v| v.strip_prefix("BUNDLE "))
        .flat_map(|v| v.split(' '))
        .collect();
    let mut sum = 0;
    for m in &d.media_descriptions {
        let value = |key: &str| m.attribute(key).flatten();
        let values = |key: &'static str| {
            m.attributes
                .iter()
                .filter(move |a| a.key == key)
                .filter_map(|a| a.value.as_deref())
        };
        let mid = value("mid");
        sum = mix(sum, len(mid));
        let audio = m.media_name.media == "audio";
        for pt in m
            .media_name
            .formats
            .iter()
            .filter_map(|f| f.parse::<u8>().ok())
        {
            let prefix = |v| pt_prefix(v, pt);
            let Some(map) = values("rtpmap").find_map(prefix) else {
                continue;
            };
            let mut parts = map.split('/');
            let encoding = parts.next().unwrap_or("");
            let clock: u32 = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let channels: u16 = parts
                .next()
                .and_then(|c| c.parse().ok())
                .unwrap_or(if audio { 1 } else { 0 });
            sum = mix(sum, u64::from(pt));
            sum = mix(sum, encoding.len() as u64);
            sum = mix(sum, u64::from(clock));
            sum = mix(sum, u64::from(channels));
            let fmtp = values("fmtp").find_map(prefix);
            sum = mix(
                sum,
                fmtp.map_or(0, |f| {
                    f.split(';').filter(|p| !p.trim().is_empty()).count() as u64
                }),
            );
            if encoding.eq_ignore_ascii_case("rtx") {
                let apt = fmtp
                    .and_then(|f| f.split(';').find_map(|p| p.trim().strip_prefix("apt=")))
                    .and_then(|a| a.parse::<u8>().ok());
                sum = mix(sum, u64::from(apt.unwrap_or(0)));
            }
            let fb = values("rtcp-fb")
                .filter(|v| v.starts_with("* ") || prefix(v).is_some())
                .count();
            sum = mix(sum, fb as u64);
        }
        let extmaps = d
            .attributes
            .iter()
            .chain(&m.attributes)
            .filter(|a| a.key == "extmap");
        for a in extmaps {
            if let Some(Ok(e)) = a.value.as_deref().map(|v| {
                ::sdp::extmap::ExtMap::unmarshal(&mut Cursor::new(format!("extmap:{v}").as_bytes()))
            }) {
                let uri = e.uri.as_ref().map_or(0, |u| u.as_str().len() as u64);
                sum = mix(mix(sum, e.value as u64), uri);
            }
        }
        let mut seen: Vec<u32> = Vec::new();
        for v in values("ssrc") {
            let Some((id, _)) = v.split_once(' ') else {
                continue;
            };
            let Ok(ssrc) = id.parse::<u32>() else {
                continue;
            };
            if seen.contains(&ssrc) {
                continue;
            }
            seen.push(ssrc);
            let cname = values("ssrc").find_map(|v| {
                let (id, attr) = v.split_once(' ')?;
                (id.parse::<u32>().ok() == Some(ssrc)).then_some(())?;
                attr.strip_prefix("cname:")
            });
            sum = mix(mix(sum, u64::from(ssrc)), len(cname));
        }
        sum = mix(sum, values("rid").count() as u64);
        sum = mix(sum, u64::from(m.has_attribute("simulcast")));
        sum = mix(
            sum,
            len(value("ice-ufrag").or_else(|| session_value("ice-ufrag"))),
        );
        sum = mix(
            sum,
            len(value("ice-pwd").or_else(|| session_value("ice-pwd"))),
        );
        if let Some(fp) = value("fingerprint").or_else(|| session_value("fingerprint")) {
            let bytes: Vec<u8> = fp
                .split_once(' ')
                .map(|(_, hex)| hex)
                .unwrap_or("")
                .split(':')
                .filter_map(|h| u8::from_str_radix(h, 16).ok())
                .collect();
            sum = fold_bytes(sum, &bytes);
        }
        sum = mix(
            sum,
            value("setup")
                .or_else(|| session_value("setup"))
                .map_or(0, setup_code),
        );
        sum = mix(sum, u64::from(mid.is_some_and(|mid| bundle.contains(&mid))));
    }
    sum
}

/// The rest of an `rtpmap`/`fmtp`/`rtcp-fb` value that starts with payload type `pt`.
fn pt_prefix(v: &str, pt: u8) -> Option<&str> {
    v.split_once(' ')
        .and_then(|(p, rest)| (p.parse::<u8>().ok() == Some(pt)).then_some(rest))
}

// ---------------------------------------------------------------------------------
// sdp-types

/// `sdp-types`: parse, read every line into the model.
#[inline(never)]
pub fn parse_sdp_types(text: &str) -> u64 {
    let Ok(s) = sdp_types::Session::parse(text.as_bytes()) else {
        return 0;
    };
    let mut sum = 0;
    sum = mix(
        sum,
        s.origin.username.as_ref().map_or(1, |u| u.len() as u64),
    );
    sum = mix(sum, s.origin.sess_id.parse().unwrap_or(0));
    sum = mix(sum, s.origin.sess_version);
    sum = mix(sum, s.origin.unicast_address.len() as u64);
    sum = mix(sum, s.session_name.len() as u64);
    for t in &s.times {
        sum = mix(mix(sum, t.start_time), t.stop_time);
    }
    if let Some(c) = &s.connection {
        sum = mix(sum, connection_address_len(&c.connection_address));
    }
    for a in &s.attributes {
        sum = mix(mix(sum, a.attribute.len() as u64), len(a.value.as_deref()));
    }
    for m in &s.medias {
        sum = mix(sum, m.media.len() as u64);
        sum = mix(sum, u64::from(m.port));
        sum = mix(sum, m.proto.len() as u64);
        for f in m.fmt.split(' ') {
            sum = mix(sum, f.len() as u64);
        }
        for c in &m.connections {
            sum = mix(sum, connection_address_len(&c.connection_address));
        }
        for a in &m.attributes {
            sum = mix(mix(sum, a.attribute.len() as u64), len(a.value.as_deref()));
        }
    }
    sum
}

/// The address part of `addr[/ttl[/count]]`.
fn connection_address_len(a: &str) -> u64 {
    a.split('/').next().map_or(0, |a| a.len() as u64)
}

/// `sdp-types`: parse, resolve every media section with its typed attributes.
#[inline(never)]
pub fn resolve_sdp_types(text: &str) -> u64 {
    use sdp_types::{
        ExtMap, Fingerprint, Fmtp, IcePwd, IceUfrag, Mid, RtcpFb, RtcpFbPt, RtpMap, Ssrc,
    };
    let Ok(s) = sdp_types::Session::parse(text.as_bytes()) else {
        return 0;
    };
    let bundle: Vec<String> = s
        .attributes_typed::<sdp_types::Group>()
        .flatten()
        .filter(|g| matches!(&g.semantics, sdp_types::GroupSemantics::Other(s) if s == "BUNDLE"))
        .flat_map(|g| g.mid_tags)
        .collect();
    let mut sum = 0;
    for m in &s.medias {
        let mid = m.get_first_attribute_typed::<Mid>().and_then(Result::ok);
        sum = mix(sum, mid.as_ref().map_or(0, |m| m.0.len() as u64));
        let maps: Vec<RtpMap> = m.attributes_typed::<RtpMap>().flatten().collect();
        let fmtps: Vec<Fmtp> = m.attributes_typed::<Fmtp>().flatten().collect();
        let fbs: Vec<RtcpFb> = m.attributes_typed::<RtcpFb>().flatten().collect();
        let audio = m.media == "audio";
        for pt in m.fmt.split(' ').filter_map(|f| f.parse::<u8>().ok()) {
            let Some(map) = maps.iter().find(|r| r.payload_type == pt) else {
                continue;
            };
            sum = mix(sum, u64::from(pt));
            sum = mix(sum, map.encoding_name.len() as u64);
            sum = mix(sum, u64::from(map.clock_rate));
            let channels: u16 = map
                .encoding_params
                .as_deref()
                .and_then(|c| c.parse().ok())
                .unwrap_or(if audio { 1 } else { 0 });
            sum = mix(sum, u64::from(channels));
            let fmtp = fmtps.iter().find(|f| f.fmt == pt);
            sum = mix(
                sum,
                fmtp.map_or(0, |f| {
                    f.format_specific_params
                        .iter()
                        .filter(|p| !p.param.trim().is_empty())
                        .count() as u64
                }),
            );
            if map.encoding_name.eq_ignore_ascii_case("rtx") {
                let apt = fmtp
                    .and_then(|f| f.format_specific_params.iter().find(|p| p.param == "apt"))
                    .and_then(|p| p.val.as_deref())
                    .and_then(|v| v.parse::<u8>().ok());
                sum = mix(sum, u64::from(apt.unwrap_or(0)));
            }
            let fb = fbs
                .iter()
                .filter(|f| matches!(f.pt, RtcpFbPt::Wildcard) || f.pt == RtcpFbPt::Fmt(pt))
                .count();
            sum = mix(sum, fb as u64);
        }
        for e in s
            .attributes_typed::<ExtMap>()
            .chain(m.attributes_typed::<ExtMap>())
            .flatten()
        {
            sum = mix(mix(sum, u64::from(e.id)), e.uri.len() as u64);
        }
        let ssrcs: Vec<Ssrc> = m.attributes_typed::<Ssrc>().flatten().collect();
        let mut seen: Vec<u32> = Vec::new();
        for s in &ssrcs {
            if seen.contains(&s.ssrc_id) {
                continue;
            }
            seen.push(s.ssrc_id);
            let cname = ssrcs
                .iter()
                .find(|c| c.ssrc_id == s.ssrc_id && c.attribute == sdp_types::SsrcAttribute::Cname)
                .and_then(|c| c.value.as_deref());
            sum = mix(mix(sum, u64::from(s.ssrc_id)), len(cname));
        }
        sum = mix(sum, m.attributes_typed::<sdp_types::Rid>().count() as u64);
        sum = mix(
            sum,
            u64::from(m.get_first_attribute_value("simulcast").is_some()),
        );
        let ufrag = m
            .get_first_attribute_typed::<IceUfrag>()
            .or_else(|| s.get_first_attribute_typed::<IceUfrag>())
            .and_then(Result::ok);
        sum = mix(sum, ufrag.map_or(0, |u| u.0.len() as u64));
        let pwd = m
            .get_first_attribute_typed::<IcePwd>()
            .or_else(|| s.get_first_attribute_typed::<IcePwd>())
            .and_then(Result::ok);
        sum = mix(sum, pwd.map_or(0, |p| p.0.len() as u64));
        let fp = m
            .get_first_attribute_typed::<Fingerprint>()
            .or_else(|| s.get_first_attribute_typed::<Fingerprint>())
            .and_then(Result::ok);
        if let Some(fp) = fp {
            sum = fold_bytes(sum, &fp.fingerprint);
        }
        let setup = m
            .get_first_attribute_typed::<sdp_types::Setup>()
            .or_else(|| s.get_first_attribute_typed::<sdp_types::Setup>())
            .and_then(Result::ok);
        sum = mix(
            sum,
            match setup {
                Some(sdp_types::Setup::Active) => 1,
                Some(sdp_types::Setup::Passive) => 2,
                Some(sdp_types::Setup::ActPass) => 3,
                Some(sdp_types::Setup::HoldConn) => 4,
                None => 0,
            },
        );
        sum = mix(
            sum,
            u64::from(mid.is_some_and(|mid| bundle.contains(&mid.0))),
        );
    }
    sum
}
