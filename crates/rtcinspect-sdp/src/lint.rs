//! Lints: descriptions that parse but will not work as intended (a codec without a
//! mapping, a BUNDLE group naming a section that does not exist, ICE without
//! credentials...). Unlike [`Sdp::findings`](crate::Sdp::findings), these cross
//! lines and sections.

use alloc::vec::Vec;
use core::fmt;

use crate::attr::{AttrName, Extmap, FbPayloadType, Fmtp, Group, RtcpFb, Rtpmap, Simulcast};
use crate::sdp::{Sdp, Section};

/// A lint: what, on which line (from 1; the `m=` line for section-wide lints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lint<'a> {
    /// Line number, from 1.
    pub line: u32,
    /// What is wrong.
    pub kind: LintKind<'a>,
}

/// What a [`Lint`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LintKind<'a> {
    /// A dynamic payload type (96–127) of an RTP `m=` line without `a=rtpmap`
    /// ([RFC 8866 §6.6](https://www.rfc-editor.org/rfc/rfc8866#section-6.6)).
    DynamicPtWithoutRtpmap(u8),
    /// An `a=rtpmap` or `a=fmtp` for a payload type not on the `m=` line.
    MappingForUnlistedPt(u8),
    /// Two `a=rtpmap` lines for one payload type.
    DuplicateRtpmap(u8),
    /// An `a=rtcp-fb` for a payload type not on the `m=` line
    /// ([RFC 4585 §4.2](https://www.rfc-editor.org/rfc/rfc4585#section-4.2)).
    RtcpFbUnknownPt(u8),
    /// An RTX format without `apt=`, or whose `apt=` names a payload type not on the
    /// `m=` line ([RFC 4588 §8.1](https://www.rfc-editor.org/rfc/rfc4588#section-8.1)).
    RtxBadApt(u8),
    /// The same mid in two media sections ([RFC 5888 §4](https://www.rfc-editor.org/rfc/rfc5888#section-4)).
    DuplicateMid(&'a str),
    /// A group names a mid no media section has ([RFC 5888 §5](https://www.rfc-editor.org/rfc/rfc5888#section-5)).
    GroupUnknownMid(&'a str),
    /// A media section without mid while the description uses groups (RFC 9143 §7.2).
    MissingMid,
    /// ICE is used but this media section has no `a=ice-ufrag` (its own, its BUNDLE
    /// tag section's or the session's;
    /// [RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)).
    MissingIceUfrag,
    /// ICE is used but this media section has no `a=ice-pwd`.
    MissingIcePwd,
    /// A DTLS transport without `a=fingerprint`
    /// ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5), RFC 8842).
    MissingFingerprint,
    /// An `a=extmap` ID outside 1–255 (0, 256–4095 and above 4351 are invalid;
    /// [RFC 8285 §5](https://www.rfc-editor.org/rfc/rfc8285#section-5)).
    ExtmapIdOutOfRange(u16),
    /// An `a=extmap` ID used twice in a section (with the session's mappings).
    ExtmapIdReused(u16),
    /// An `a=extmap` ID above 14 without `a=extmap-allow-mixed`: needs two-byte
    /// headers only ([RFC 8285 §4.3](https://www.rfc-editor.org/rfc/rfc8285#section-4.3)).
    ExtmapNeedsTwoByte(u16),
    /// `a=rid` without `a=simulcast` in the section (RFC 8853 §5.1 uses rids).
    RidWithoutSimulcast(&'a str),
    /// `a=simulcast` names a rid without an `a=rid` line
    /// ([RFC 8853 §5.1](https://www.rfc-editor.org/rfc/rfc8853#section-5.1)).
    SimulcastUnknownRid(&'a str),
    /// An `a=ssrc-group` names an SSRC without `a=ssrc` lines
    /// ([RFC 5576 §4.2](https://www.rfc-editor.org/rfc/rfc5576#section-4.2)).
    SsrcGroupUnknownSsrc(u32),
    /// `a=rtcp-mux-only` without `a=rtcp-mux` ([RFC 8858 §4](https://www.rfc-editor.org/rfc/rfc8858#section-4)).
    RtcpMuxOnlyWithoutRtcpMux,
}

impl fmt::Display for Lint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match self.kind {
            LintKind::DynamicPtWithoutRtpmap(pt) => {
                write!(f, "dynamic payload type {pt} has no rtpmap")
            }
            LintKind::MappingForUnlistedPt(pt) => {
                write!(f, "payload type {pt} is mapped but not on the m= line")
            }
            LintKind::DuplicateRtpmap(pt) => write!(f, "payload type {pt} is mapped twice"),
            LintKind::RtcpFbUnknownPt(pt) => {
                write!(f, "rtcp-fb for payload type {pt}, not on the m= line")
            }
            LintKind::RtxBadApt(pt) => write!(f, "RTX payload type {pt} has no usable apt="),
            LintKind::DuplicateMid(m) => write!(f, "mid {m:?} is used twice"),
            LintKind::GroupUnknownMid(m) => write!(f, "group names unknown mid {m:?}"),
            LintKind::MissingMid => f.write_str("media section without mid"),
            LintKind::MissingIceUfrag => f.write_str("ICE is used but there is no ice-ufrag"),
            LintKind::MissingIcePwd => f.write_str("ICE is used but there is no ice-pwd"),
            LintKind::MissingFingerprint => f.write_str("DTLS is used but there is no fingerprint"),
            LintKind::ExtmapIdOutOfRange(id) => write!(f, "extmap ID {id} is out of range"),
            LintKind::ExtmapIdReused(id) => write!(f, "extmap ID {id} is used twice"),
            LintKind::ExtmapNeedsTwoByte(id) => {
                write!(
                    f,
                    "extmap ID {id} needs two-byte headers but extmap-allow-mixed is absent"
                )
            }
            LintKind::RidWithoutSimulcast(r) => write!(f, "rid {r:?} without simulcast"),
            LintKind::SimulcastUnknownRid(r) => write!(f, "simulcast names unknown rid {r:?}"),
            LintKind::SsrcGroupUnknownSsrc(s) => {
                write!(f, "ssrc-group names SSRC {s} without a=ssrc lines")
            }
            LintKind::RtcpMuxOnlyWithoutRtcpMux => f.write_str("rtcp-mux-only without rtcp-mux"),
        }
    }
}

fn line_no(i: usize) -> u32 {
    i as u32 + 1
}

impl<'a> Sdp<'a> {
    /// Runs every lint, in line order within each check.
    pub fn lint(&self) -> Vec<Lint<'a>> {
        let mut out = Vec::new();
        let session = self.session();
        let ice_used = core::iter::once(session).chain(self.media()).any(|s| {
            s.has_known(AttrName::IceUfrag)
                || s.has_known(AttrName::IcePwd)
                || s.has_known(AttrName::Candidate)
        });
        let uses_groups = session.has_known(AttrName::Group);
        let mut mids: Vec<(&'a str, usize)> = Vec::new();
        for media in self.media() {
            let m_line = media.first_line_index();
            if let Some(mid) = media.known_value(AttrName::Mid) {
                if mids.iter().any(|(m, _)| *m == mid) {
                    out.push(Lint {
                        line: line_no(media.lines_mid_index().unwrap_or(m_line)),
                        kind: LintKind::DuplicateMid(mid),
                    });
                }
                mids.push((mid, m_line));
            } else if uses_groups {
                out.push(Lint {
                    line: line_no(m_line),
                    kind: LintKind::MissingMid,
                });
            }
            lint_media(self, media, ice_used, &mut out);
        }
        for (i, line) in session.indexed_lines() {
            let Some(Ok(group)) = line
                .attr_value(AttrName::Group)
                .map(|v| Group::parse(Some(v)))
            else {
                continue;
            };
            for mid in group.mids() {
                if !mids.iter().any(|(m, _)| *m == mid) {
                    out.push(Lint {
                        line: line_no(i),
                        kind: LintKind::GroupUnknownMid(mid),
                    });
                }
            }
        }
        out
    }
}

impl Section<'_, '_> {
    fn lines_mid_index(&self) -> Option<usize> {
        self.indexed_lines()
            .find(|(_, l)| l.attr_name() == AttrName::Mid)
            .map(|(i, _)| i)
    }
}

fn lint_media<'a>(sdp: &Sdp<'a>, media: Section<'_, 'a>, ice_used: bool, out: &mut Vec<Lint<'a>>) {
    let m_line = line_no(media.first_line_index());
    let Some(Ok(m)) = media.media_line() else {
        return;
    };
    let session = sdp.session();
    let listed = |pt: u8| m.payload_types().any(|p| p == pt);
    let mut push = |line: u32, kind| out.push(Lint { line, kind });
    if m.is_rtp() {
        for pt in m.payload_types().filter(|&pt| pt >= 96) {
            // Any rtpmap line for the payload type counts, even one whose value does
            // not parse (that is a finding of its own).
            let mapped = media.lines().iter().any(|l| {
                l.attr_value(AttrName::Rtpmap).is_some_and(|v| {
                    crate::grammar::lead_digits(v.as_bytes(), 3).map(|(n, _)| n)
                        == Some(u64::from(pt))
                })
            });
            if !mapped {
                push(m_line, LintKind::DynamicPtWithoutRtpmap(pt));
            }
        }
    }
    let mut mapped: [bool; 128] = [false; 128];
    for (i, line) in media.indexed_lines() {
        match line.attr_name() {
            AttrName::Rtpmap => {
                if let Ok(r) = Rtpmap::parse(line.attr_value(AttrName::Rtpmap)) {
                    let seen = &mut mapped[usize::from(r.payload_type & 0x7f)];
                    if *seen {
                        push(line_no(i), LintKind::DuplicateRtpmap(r.payload_type));
                    }
                    *seen = true;
                    if !listed(r.payload_type) {
                        push(line_no(i), LintKind::MappingForUnlistedPt(r.payload_type));
                    }
                    if r.encoding.eq_ignore_ascii_case("rtx") {
                        let apt = media
                            .typed::<Fmtp<'_>>()
                            .flatten()
                            .find(|f| f.payload_type() == Some(r.payload_type))
                            .and_then(|f| f.apt());
                        if !apt.is_some_and(listed) {
                            push(line_no(i), LintKind::RtxBadApt(r.payload_type));
                        }
                    }
                }
            }
            AttrName::Fmtp => {
                if let Some(pt) = Fmtp::parse(line.attr_value(AttrName::Fmtp))
                    .ok()
                    .and_then(|f| f.payload_type())
                {
                    if m.is_rtp() && !listed(pt) {
                        push(line_no(i), LintKind::MappingForUnlistedPt(pt));
                    }
                }
            }
            AttrName::RtcpFb => {
                if let Ok(RtcpFb {
                    payload_type: FbPayloadType::Pt(pt),
                    ..
                }) = RtcpFb::parse(line.attr_value(AttrName::RtcpFb))
                {
                    if !listed(pt) {
                        push(line_no(i), LintKind::RtcpFbUnknownPt(pt));
                    }
                }
            }
            _ => {}
        }
    }

    // Header extension IDs, with the session's mappings.
    let allow_mixed = media.has_known(AttrName::ExtmapAllowMixed)
        || session.has_known(AttrName::ExtmapAllowMixed);
    let mut used: Vec<u16> = Vec::new();
    for (i, line) in session.indexed_lines().chain(media.indexed_lines()) {
        let Some(Ok(e)) = line
            .attr_value(AttrName::Extmap)
            .map(|v| Extmap::parse(Some(v)))
        else {
            continue;
        };
        if !(1..=255).contains(&e.id) && !(4096..=4351).contains(&e.id) {
            push(line_no(i), LintKind::ExtmapIdOutOfRange(e.id));
        } else if e.id > 14 && e.id <= 255 && !allow_mixed {
            push(line_no(i), LintKind::ExtmapNeedsTwoByte(e.id));
        }
        if used.contains(&e.id) {
            push(line_no(i), LintKind::ExtmapIdReused(e.id));
        }
        used.push(e.id);
    }

    // Simulcast and rids.
    let simulcast = media.first::<Simulcast<'_>>().and_then(Result::ok);
    let rids = || {
        media.indexed_lines().filter_map(|(i, l)| {
            let v = l.attr_value(AttrName::Rid)?;
            crate::attr::Rid::parse(Some(v)).ok().map(|r| (i, r))
        })
    };
    match simulcast {
        None => {
            for (i, rid) in rids() {
                push(line_no(i), LintKind::RidWithoutSimulcast(rid.id));
            }
        }
        Some(sc) => {
            let line = media
                .indexed_lines()
                .find(|(_, l)| l.attr_name() == AttrName::Simulcast)
                .map_or(m_line, |(i, _)| line_no(i));
            for list in [sc.send, sc.recv].into_iter().flatten() {
                for stream in list.streams() {
                    for alt in stream.alternatives() {
                        if !rids().any(|(_, r)| r.id == alt.rid) {
                            push(line, LintKind::SimulcastUnknownRid(alt.rid));
                        }
                    }
                }
            }
        }
    }

    // SSRC groups.
    for (i, line) in media.indexed_lines() {
        let Some(Ok(g)) = line
            .attr_value(AttrName::SsrcGroup)
            .map(|v| crate::attr::SsrcGroup::parse(Some(v)))
        else {
            continue;
        };
        for ssrc in g.ssrcs() {
            let known = media
                .typed::<crate::attr::Ssrc<'_>>()
                .flatten()
                .any(|s| s.ssrc == ssrc);
            if !known {
                push(line_no(i), LintKind::SsrcGroupUnknownSsrc(ssrc));
            }
        }
    }

    if media.has_known(AttrName::RtcpMuxOnly) && !media.has_known(AttrName::RtcpMux) {
        push(m_line, LintKind::RtcpMuxOnlyWithoutRtcpMux);
    }

    // Transport parameters, for sections that are not rejected.
    if m.port == 0 {
        return;
    }
    // With the BUNDLE tag section's and the session's, as the resolved view has them.
    let Some(resolved) = media.media_index().and_then(|i| sdp.resolve(i)) else {
        return;
    };
    if ice_used {
        if resolved.ice_ufrag().is_none() {
            push(m_line, LintKind::MissingIceUfrag);
        }
        if resolved.ice_pwd().is_none() {
            push(m_line, LintKind::MissingIcePwd);
        }
    }
    if m.uses_dtls() && resolved.fingerprint().is_none() {
        push(m_line, LintKind::MissingFingerprint);
    }
}
