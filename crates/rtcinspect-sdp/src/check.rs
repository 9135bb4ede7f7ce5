//! The RFC checks behind strict parsing and [`Sdp::findings`]: one walk over the
//! lines that reports each deviation to a callback (which returns `false` to stop).

use crate::attr::{AttrName, Attribute, Ssrc};
use crate::error::{ErrorKind, SdpError};
use crate::fields::{Bandwidth, ConnectionData, Key, MediaLine, Origin, Repeat, TimeZones, Timing};
use crate::line::{Line, LineEnding, LineKind};
use crate::sdp::{Sdp, error, field_error};

/// Where a line may appear in the session section (RFC 8866 §5: `v o s i u e p c b t r
/// z k a`) and whether it may repeat.
fn session_rank(kind: LineKind) -> Option<(u8, bool)> {
    Some(match kind {
        LineKind::Version => (0, false),
        LineKind::Origin => (1, false),
        LineKind::SessionName => (2, false),
        LineKind::Information => (3, false),
        LineKind::Uri => (4, false),
        LineKind::Email => (5, true),
        LineKind::Phone => (6, true),
        LineKind::Connection => (7, false),
        LineKind::Bandwidth => (8, true),
        LineKind::Timing => (9, true),
        LineKind::Repeat => (10, true),
        LineKind::TimeZone => (11, false),
        LineKind::Key => (12, false),
        LineKind::Attribute => (13, true),
        _ => return None,
    })
}

/// Where a line may appear in a media section (`m i c b k a`).
fn media_rank(kind: LineKind) -> Option<(u8, bool)> {
    Some(match kind {
        LineKind::Media => (0, false),
        LineKind::Information => (1, false),
        LineKind::Connection => (2, true),
        LineKind::Bandwidth => (3, true),
        LineKind::Key => (4, false),
        LineKind::Attribute => (5, true),
        _ => return None,
    })
}

/// Attributes defined for media sections only.
fn media_only(name: AttrName) -> bool {
    matches!(
        name,
        AttrName::Rtpmap
            | AttrName::Fmtp
            | AttrName::Mid
            | AttrName::Ssrc
            | AttrName::SsrcGroup
            | AttrName::Rid
            | AttrName::Simulcast
            | AttrName::Candidate
            | AttrName::Msid
            | AttrName::Ptime
            | AttrName::Maxptime
            | AttrName::RtcpMux
            | AttrName::RtcpMuxOnly
            | AttrName::SctpPort
            | AttrName::Sctpmap
    )
}

/// Attributes defined for the session section only.
fn session_only(name: AttrName) -> bool {
    matches!(
        name,
        AttrName::Group | AttrName::IceLite | AttrName::MsidSemantic
    )
}

/// Walks every line; `report` returns `false` to stop.
pub(crate) fn check(sdp: &Sdp<'_>, report: &mut dyn FnMut(SdpError) -> bool) {
    let _ = walk(sdp, report);
}

fn walk(sdp: &Sdp<'_>, report: &mut dyn FnMut(SdpError) -> bool) -> Option<()> {
    let mut emit = |e: SdpError| if report(e) { Some(()) } else { None };
    let lines = sdp.lines();
    let mut bare_lf_seen = false;
    let session_end = sdp.session().span().1;
    let session_has_c = sdp.session().has(LineKind::Connection);
    // Order state: rank of the previous line and its kind.
    let mut prev: Option<(u8, LineKind)> = None;
    let mut seen_o = false;
    let mut seen_s = false;
    let mut seen_t = false;
    let mut section_has_c = false;
    let mut media_start: Option<u32> = None;
    if lines.first().is_some_and(|l| l.kind() != LineKind::Version) {
        emit(error(1, 1, "v=", ErrorKind::MissingLine))?;
    }

    for (i, line) in lines.iter().enumerate() {
        let n = i as u32 + 1;
        let in_session = (i as u32) < session_end;
        if line.kind() == LineKind::Media {
            // The end of the previous section.
            if let Some(start) = media_start {
                end_media(sdp, start, section_has_c || session_has_c, &mut emit)?;
            } else {
                end_session(n, seen_o, seen_s, seen_t, &mut emit)?;
            }
            media_start = Some(i as u32);
            section_has_c = false;
            prev = None;
        }
        check_text(line, n, &mut bare_lf_seen, i + 1 == lines.len(), &mut emit)?;

        let kind = line.kind();
        let rank = if in_session {
            session_rank(kind)
        } else {
            media_rank(kind)
        };
        match kind {
            LineKind::Malformed => continue,
            LineKind::Unknown(t) => {
                emit(error(n, 1, "type", ErrorKind::UnknownType(t)))?;
                continue;
            }
            _ => {}
        }
        match (rank, prev) {
            (None, _) => emit(error(n, 1, letter_field(kind), ErrorKind::OutOfOrder))?,
            (Some((r, repeatable)), Some((p, pk))) => {
                let t_after_r = kind == LineKind::Timing && pk == LineKind::Repeat;
                if kind == LineKind::Repeat && !matches!(pk, LineKind::Timing | LineKind::Repeat) {
                    emit(error(n, 1, "r=", ErrorKind::OutOfOrder))?;
                } else if r < p && !t_after_r {
                    emit(error(n, 1, letter_field(kind), ErrorKind::OutOfOrder))?;
                } else if r == p && !repeatable {
                    emit(error(n, 1, letter_field(kind), ErrorKind::Repeated))?;
                }
            }
            (Some(_), None) => {}
        }
        if let Some((r, _)) = rank {
            prev = Some((r, kind));
        }
        match kind {
            LineKind::Origin => seen_o = true,
            LineKind::SessionName => seen_s = true,
            LineKind::Timing => seen_t = true,
            LineKind::Connection => section_has_c = true,
            _ => {}
        }
        check_value(line, i as u32, in_session, &mut emit)?;
    }
    match media_start {
        Some(start) => end_media(sdp, start, section_has_c || session_has_c, &mut emit)?,
        None => end_session(lines.len() as u32, seen_o, seen_s, seen_t, &mut emit)?,
    }
    Some(())
}

fn letter_field(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Version => "v=",
        LineKind::Origin => "o=",
        LineKind::SessionName => "s=",
        LineKind::Information => "i=",
        LineKind::Uri => "u=",
        LineKind::Email => "e=",
        LineKind::Phone => "p=",
        LineKind::Connection => "c=",
        LineKind::Bandwidth => "b=",
        LineKind::Timing => "t=",
        LineKind::Repeat => "r=",
        LineKind::TimeZone => "z=",
        LineKind::Key => "k=",
        LineKind::Attribute => "a=",
        LineKind::Media => "m=",
        _ => "line",
    }
}

fn end_session(
    n: u32,
    seen_o: bool,
    seen_s: bool,
    seen_t: bool,
    emit: &mut impl FnMut(SdpError) -> Option<()>,
) -> Option<()> {
    let n = n.max(1);
    if !seen_o {
        emit(error(n, 1, "o=", ErrorKind::MissingLine))?;
    }
    if !seen_s {
        emit(error(n, 1, "s=", ErrorKind::MissingLine))?;
    }
    if !seen_t {
        emit(error(n, 1, "t=", ErrorKind::MissingLine))?;
    }
    Some(())
}

fn end_media(
    sdp: &Sdp<'_>,
    start: u32,
    has_c: bool,
    emit: &mut impl FnMut(SdpError) -> Option<()>,
) -> Option<()> {
    if !has_c {
        emit(error(start + 1, 1, "c=", ErrorKind::MissingLine))?;
    }
    let Some(section) = sdp.media().find(|m| m.first_line_index() == start as usize) else {
        return Some(());
    };
    let Some(Ok(m)) = section.media_line() else {
        return Some(());
    };
    let secured = m.proto.contains("SAVP") || m.uses_dtls();
    if !secured && m.is_rtp() {
        for (i, line) in section.indexed_lines() {
            let name = line.attr_name();
            if matches!(name, AttrName::Fingerprint | AttrName::Crypto) {
                emit(error(
                    i as u32 + 1,
                    3,
                    attr_field(name),
                    ErrorKind::ProfileMismatch,
                ))?;
            }
        }
    }
    Some(())
}

fn attr_field(name: AttrName) -> &'static str {
    match name {
        AttrName::Fingerprint => "fingerprint",
        AttrName::Crypto => "crypto",
        _ => "a=",
    }
}

/// Checks that do not depend on the line type: ending, control characters,
/// whitespace.
fn check_text(
    line: &Line<'_>,
    n: u32,
    bare_lf_seen: &mut bool,
    last: bool,
    emit: &mut impl FnMut(SdpError) -> Option<()>,
) -> Option<()> {
    let text = line.text();
    if line.kind() == LineKind::Malformed {
        let kind = if text.is_empty() {
            ErrorKind::EmptyLine
        } else {
            ErrorKind::MalformedLine
        };
        emit(error(n, 1, "line", kind))?;
    }
    match line.ending() {
        LineEnding::Lf if !*bare_lf_seen => {
            *bare_lf_seen = true;
            emit(error(
                n,
                text.len() as u32 + 1,
                "line ending",
                ErrorKind::BareLineFeed,
            ))?;
        }
        LineEnding::None if last => {
            emit(error(
                n,
                text.len() as u32 + 1,
                "line ending",
                ErrorKind::MissingFinalLineEnding,
            ))?;
        }
        _ => {}
    }
    if let Some(at) = text.bytes().position(|b| b == b'\r' || b == 0) {
        emit(error(n, at as u32 + 1, "line", ErrorKind::ControlCharacter))?;
    }
    if line.kind() != LineKind::Malformed {
        let value = line.value();
        if value.starts_with([' ', '\t']) && !value.trim().is_empty() {
            emit(error(n, 3, "=", ErrorKind::WhitespaceAfterEquals))?;
        }
    }
    let trimmed = text.trim_end_matches([' ', '\t']);
    if trimmed.len() != text.len() {
        emit(error(
            n,
            trimmed.len() as u32 + 1,
            "line",
            ErrorKind::TrailingWhitespace,
        ))?;
    }
    Some(())
}

/// Parses the value of a line by its type.
fn check_value(
    line: &Line<'_>,
    index: u32,
    in_session: bool,
    emit: &mut impl FnMut(SdpError) -> Option<()>,
) -> Option<()> {
    let n = index + 1;
    let v = line.value();
    let field = |f, r: Result<(), crate::FieldError>| r.err().map(|e| field_error(index, 2, f, e));
    let found = match line.kind() {
        LineKind::Version if v != "0" => Some(error(n, 3, "v=", ErrorKind::UnsupportedVersion)),
        LineKind::Origin => field("o=", Origin::parse(v).map(drop)),
        LineKind::SessionName if v.is_empty() => {
            Some(error(n, 3, "s=", ErrorKind::EmptySessionName))
        }
        LineKind::Connection => field("c=", ConnectionData::parse(v).map(drop)),
        LineKind::Bandwidth => field("b=", Bandwidth::parse(v).map(drop)),
        LineKind::Timing => field("t=", Timing::parse(v).map(drop)),
        LineKind::Repeat => field("r=", Repeat::parse(v).map(drop)),
        LineKind::TimeZone => field("z=", TimeZones::parse(v).map(drop)),
        LineKind::Key => match Key::parse(v) {
            Err(e) => Some(field_error(index, 2, "k=", e)),
            Ok(_) => Some(error(n, 1, "k=", ErrorKind::Legacy)),
        },
        LineKind::Media => field("m=", MediaLine::parse(v).map(drop)),
        LineKind::Attribute => {
            if let Some(a) = line.attribute() {
                return check_attribute(&a, index, in_session, emit);
            }
            None
        }
        _ => None,
    };
    if let Some(e) = found {
        emit(e)?;
    }
    Some(())
}

fn check_attribute(
    a: &Attribute<'_>,
    index: u32,
    in_session: bool,
    emit: &mut impl FnMut(SdpError) -> Option<()>,
) -> Option<()> {
    let n = index + 1;
    if !a.has_valid_name() {
        return emit(error(n, 3, "a=", ErrorKind::InvalidAttributeName));
    }
    let name = a.known();
    let field = attr_static_name(name);
    if let Err(e) = a.typed() {
        emit(field_error(index, value_start(a), field, e))?;
    }
    if (in_session && media_only(name)) || (!in_session && session_only(name)) {
        emit(error(n, 3, field, ErrorKind::WrongLevel))?;
    }
    let legacy = match name {
        AttrName::Sctpmap | AttrName::MsidSemantic => true,
        AttrName::Ssrc => {
            Ssrc::parse(a.value).is_ok_and(|s| matches!(s.attribute, "mslabel" | "label"))
        }
        _ => false,
    };
    if legacy {
        emit(error(n, 3, field, ErrorKind::Legacy))?;
    }
    Some(())
}

/// Where an attribute's value starts in its line: after `a=name:`, or at the end of
/// `a=name` when there is no value.
pub(crate) fn value_start(a: &Attribute<'_>) -> usize {
    2 + a.name.len() + usize::from(a.value.is_some())
}

/// The attribute's name as a static string, for error fields.
pub(crate) fn attr_static_name(name: AttrName) -> &'static str {
    match name {
        AttrName::Rtpmap => "rtpmap",
        AttrName::Fmtp => "fmtp",
        AttrName::RtcpFb => "rtcp-fb",
        AttrName::Extmap => "extmap",
        AttrName::ExtmapAllowMixed => "extmap-allow-mixed",
        AttrName::Ssrc => "ssrc",
        AttrName::SsrcGroup => "ssrc-group",
        AttrName::Mid => "mid",
        AttrName::Group => "group",
        AttrName::Msid => "msid",
        AttrName::MsidSemantic => "msid-semantic",
        AttrName::Rid => "rid",
        AttrName::Simulcast => "simulcast",
        AttrName::IceUfrag => "ice-ufrag",
        AttrName::IcePwd => "ice-pwd",
        AttrName::IceOptions => "ice-options",
        AttrName::IceLite => "ice-lite",
        AttrName::Candidate => "candidate",
        AttrName::EndOfCandidates => "end-of-candidates",
        AttrName::RemoteCandidates => "remote-candidates",
        AttrName::Fingerprint => "fingerprint",
        AttrName::Setup => "setup",
        AttrName::Connection => "connection",
        AttrName::TlsId => "tls-id",
        AttrName::Rtcp => "rtcp",
        AttrName::RtcpMux => "rtcp-mux",
        AttrName::RtcpMuxOnly => "rtcp-mux-only",
        AttrName::RtcpRsize => "rtcp-rsize",
        AttrName::SendRecv => "sendrecv",
        AttrName::SendOnly => "sendonly",
        AttrName::RecvOnly => "recvonly",
        AttrName::Inactive => "inactive",
        AttrName::SctpPort => "sctp-port",
        AttrName::MaxMessageSize => "max-message-size",
        AttrName::Sctpmap => "sctpmap",
        AttrName::Crypto => "crypto",
        AttrName::Ptime => "ptime",
        AttrName::Maxptime => "maxptime",
        AttrName::Framerate => "framerate",
        AttrName::BundleOnly => "bundle-only",
        AttrName::Identity => "identity",
        AttrName::Label => "label",
        AttrName::Content => "content",
        AttrName::Other => "a=",
    }
}
