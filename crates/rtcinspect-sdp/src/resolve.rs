//! The resolved view of one media section: what an inspector needs to decode its RTP,
//! with session-level defaults applied.
//!
//! [`ResolvedMedia`] makes one pass over the section's lines and keeps, on the stack
//! and without allocating, a table indexed by payload type (128 entries of four line
//! indices: `a=rtpmap`, `a=fmtp`, first and last `a=rtcp-fb`) and the line of each
//! single-valued attribute. Everything else is an iterator over the borrowed lines.
//!
//! Transport attributes (ICE credentials and options, fingerprints, setup) come from
//! the section itself, else from the section that carries its BUNDLE tag (the first
//! mid of its `a=group:BUNDLE`, whose transport every member shares:
//! [RFC 9143 §7.1.3](https://www.rfc-editor.org/rfc/rfc9143#section-7.1.3)), else from
//! the session level.
//!
//! Session-level attributes apply to media sections that do not override them:
//! `a=ice-ufrag`/`a=ice-pwd`/`a=ice-options` ([RFC 8839 §5.4](https://www.rfc-editor.org/rfc/rfc8839#section-5.4)),
//! `a=fingerprint` ([RFC 8122 §5](https://www.rfc-editor.org/rfc/rfc8122#section-5)),
//! `a=setup` ([RFC 4145 §4](https://www.rfc-editor.org/rfc/rfc4145#section-4)),
//! the direction ([RFC 8866 §6.7](https://www.rfc-editor.org/rfc/rfc8866#section-6.7)),
//! `c=` ([RFC 8866 §5.7](https://www.rfc-editor.org/rfc/rfc8866#section-5.7)); session-level
//! `a=extmap` mappings apply in addition to the media's own
//! ([RFC 8285 §8](https://www.rfc-editor.org/rfc/rfc8285#section-8)).
//!
//! ```
//! use rtcinspect_sdp::Sdp;
//!
//! let text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-ufrag:Fr0g\r\n\
//!     m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
//!     a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack pli\r\n\
//!     a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n";
//! let sdp = Sdp::parse(text).unwrap();
//! let video = sdp.resolve(0).unwrap();
//! let vp8 = video.codec(96).unwrap();
//! assert_eq!((vp8.encoding, vp8.clock_rate), ("VP8", 90000));
//! assert_eq!(video.rtcp_fb(96).count(), 1);
//! assert_eq!(video.codec(97).unwrap().apt, Some(96)); // RTX for VP8
//! assert_eq!(video.ice_ufrag(), Some("Fr0g")); // from the session level
//! assert_eq!(video.mid(), Some("0"));
//! ```

use crate::attr::{
    AttrName, Candidate, Direction, Extmap, Fingerprint, Fmtp, Group, GroupSemantics, IceOptions,
    Msid, Rid, RtcpFb, Rtpmap, Setup, Simulcast, Ssrc, SsrcGroup, SsrcGroupSemantics,
};
use crate::fields::{ConnectionData, MediaLine};
use crate::line::{Line, LineKind};
use crate::sdp::Section;
use crate::statics::static_payload;

/// Line indices (plus one, 0 for none) of the attributes of one payload type.
#[derive(Debug, Clone, Copy, Default)]
struct PtSlot {
    rtpmap: u32,
    fmtp: u32,
    fb_first: u32,
    fb_last: u32,
}

/// The first and last line (index plus one, 0 for none) of an attribute that may
/// repeat, so that lookups walk only that range.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    first: u32,
    last: u32,
}

impl Span {
    #[inline]
    fn note(&mut self, i: usize) {
        if self.first == 0 {
            self.first = slot(i);
        }
        self.last = slot(i);
    }
}

/// Line indices (plus one, 0 for none) of single-valued attributes, and the spans of
/// repeated ones.
#[derive(Debug, Clone, Copy, Default)]
struct Singles {
    extmap: Span,
    ssrc: Span,
    ssrc_group: Span,
    rid: Span,
    msid: Span,
    candidate: Span,
    group: Span,
    mid: u32,
    ice_ufrag: u32,
    ice_pwd: u32,
    ice_options: u32,
    setup: u32,
    fingerprint: u32,
    direction: u32,
    simulcast: u32,
}

/// The resolved view of a media section (see the [module documentation](self)).
#[derive(Debug, Clone)]
pub struct ResolvedMedia<'s, 'a> {
    media: Section<'s, 'a>,
    session: Section<'s, 'a>,
    media_line: Option<MediaLine<'a>>,
    audio: bool,
    slots: [PtSlot; 128],
    fb_any: (u32, u32),
    own: Singles,
    session_singles: Singles,
}

/// A codec of a media section: a payload type with its mapping and parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Codec<'a> {
    /// The payload type.
    pub payload_type: u8,
    /// The encoding name, as written.
    pub encoding: &'a str,
    /// The clock rate in Hz.
    pub clock_rate: u32,
    /// The number of channels (audio): from the rtpmap, or the static table.
    pub channels: Option<u16>,
    /// The format parameters.
    pub fmtp: Option<Fmtp<'a>>,
    /// For an RTX format, the payload type it retransmits (`apt=`,
    /// [RFC 4588 §8.1](https://www.rfc-editor.org/rfc/rfc4588#section-8.1)).
    pub apt: Option<u8>,
    /// Whether the mapping comes from the RFC 3551 static table (no `a=rtpmap`).
    pub from_static_table: bool,
}

impl Codec<'_> {
    /// Whether this is a retransmission format (`rtx`).
    #[inline]
    pub fn is_rtx(&self) -> bool {
        self.encoding.eq_ignore_ascii_case("rtx")
    }

    /// Whether this is a forward error correction or redundancy format (`ulpfec`,
    /// `flexfec-03`, `red`).
    #[inline]
    pub fn is_fec(&self) -> bool {
        let e = self.encoding;
        e.eq_ignore_ascii_case("ulpfec")
            || e.eq_ignore_ascii_case("red")
            || e.len() >= 7
                && e.get(..7)
                    .is_some_and(|p| p.eq_ignore_ascii_case("flexfec"))
    }
}

/// What the `a=ssrc` lines say about one SSRC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SsrcInfo<'a> {
    /// The SSRC.
    pub ssrc: u32,
    /// `cname:`.
    pub cname: Option<&'a str>,
    /// `msid:` (legacy source-level msid, as libwebrtc writes it).
    pub msid: Option<Msid<'a>>,
    /// Index of the first `a=ssrc` line about it.
    pub line: usize,
}

#[inline]
fn slot(index: usize) -> u32 {
    index as u32 + 1
}

impl<'s, 'a> ResolvedMedia<'s, 'a> {
    /// Resolves a media section (one pass over its lines and the session's).
    #[inline]
    pub fn new(media: Section<'s, 'a>) -> Self {
        let session = media.sdp().session();
        let mut slots = [PtSlot::default(); 128];
        let mut fb_any = (0, 0);
        let mut own = Singles::default();
        for (i, line) in media.indexed_lines() {
            let name = line.attr_name();
            match name {
                AttrName::Other => {}
                AttrName::Rtpmap | AttrName::Fmtp | AttrName::RtcpFb => {
                    let value = line.after_colon();
                    let pt = leading_pt(value);
                    if name == AttrName::RtcpFb && value.first() == Some(&b'*') {
                        if fb_any.0 == 0 {
                            fb_any.0 = slot(i);
                        }
                        fb_any.1 = slot(i);
                    } else if let Some(s) = pt.and_then(|pt| slots.get_mut(usize::from(pt))) {
                        match name {
                            AttrName::Rtpmap if s.rtpmap == 0 => s.rtpmap = slot(i),
                            AttrName::Fmtp if s.fmtp == 0 => s.fmtp = slot(i),
                            AttrName::RtcpFb => {
                                if s.fb_first == 0 {
                                    s.fb_first = slot(i);
                                }
                                s.fb_last = slot(i);
                            }
                            _ => {}
                        }
                    }
                }
                _ => note_single(&mut own, name, i),
            }
        }
        let mut session_singles = Singles::default();
        for (i, line) in session.indexed_lines() {
            note_single(&mut session_singles, line.attr_name(), i);
        }
        let media_line = media.media_line().and_then(Result::ok);
        let audio = media_line.is_some_and(|m| m.media == "audio");
        Self {
            media,
            session,
            media_line,
            audio,
            slots,
            fb_any,
            own,
            session_singles,
        }
    }

    /// The media section.
    #[inline]
    pub fn section(&self) -> Section<'s, 'a> {
        self.media
    }

    /// The `m=` line, if it parses.
    #[inline]
    pub fn media_line(&self) -> Option<MediaLine<'a>> {
        self.media_line
    }

    /// The values of attribute `name` on the lines of `span`.
    fn span_values(&self, span: Span, name: AttrName) -> impl Iterator<Item = &'a str> + 's {
        let lines: &'s [Line<'a>] = match span.first.checked_sub(1) {
            Some(f) => self
                .media
                .sdp()
                .lines()
                .get(f as usize..span.last as usize)
                .unwrap_or(&[]),
            None => &[],
        };
        lines.iter().filter_map(move |l| l.attr_value(name))
    }

    fn line(&self, index_plus_one: u32) -> Option<&'s Line<'a>> {
        let i = index_plus_one.checked_sub(1)?;
        self.media.sdp().lines().get(i as usize)
    }

    fn value(&self, index_plus_one: u32, name: AttrName) -> Option<&'a str> {
        self.line(index_plus_one)?.attr_value(name)
    }

    /// The media's own value of a transport attribute, else its BUNDLE tag section's,
    /// else the session's.
    fn single(&self, pick: fn(&Singles) -> u32, name: AttrName) -> Option<&'a str> {
        let own = pick(&self.own);
        if own != 0 {
            return self.value(own, name);
        }
        // The BUNDLE tag section is looked up only when the section lacks the
        // attribute (answers leave transport attributes out of bundled sections).
        if let Some(v) = self.tag().and_then(|t| t.known_value(name)) {
            return Some(v);
        }
        self.value(pick(&self.session_singles), name)
    }

    /// The codec of payload type `pt`: from its `a=rtpmap`, else from the RFC 3551
    /// static table; with its `a=fmtp`.
    #[inline]
    pub fn codec(&self, pt: u8) -> Option<Codec<'a>> {
        let s = self.slots.get(usize::from(pt))?;
        let fmtp = self
            .value(s.fmtp, AttrName::Fmtp)
            .and_then(|v| Fmtp::parse(Some(v)).ok());
        let (encoding, clock_rate, channels, from_static_table) = match self
            .value(s.rtpmap, AttrName::Rtpmap)
            .map(|v| Rtpmap::parse(Some(v)))
        {
            Some(Ok(m)) => (m.encoding, m.clock_rate, m.channels(), false),
            _ => {
                let st = static_payload(pt)?;
                (st.encoding, st.clock_rate, st.channels, true)
            }
        };
        let mut codec = Codec {
            payload_type: pt,
            encoding,
            clock_rate,
            channels,
            fmtp,
            apt: None,
            from_static_table,
        };
        if codec.is_rtx() {
            codec.apt = fmtp.and_then(|f| f.apt());
        }
        if codec.channels.is_none() && !from_static_table && self.is_audio() {
            // RFC 8866 §6.6: audio without encoding parameters has one channel.
            codec.channels = Some(1);
        }
        Some(codec)
    }

    fn is_audio(&self) -> bool {
        self.audio
    }

    /// The codecs of the `m=` line's payload types, in its order (payload types with
    /// neither an `a=rtpmap` nor a static assignment are skipped; see
    /// [`Sdp::lint`](crate::Sdp::lint)).
    #[inline]
    pub fn codecs(&self) -> impl Iterator<Item = Codec<'a>> + '_ {
        self.payload_types().filter_map(|pt| self.codec(pt))
    }

    /// The payload types of the `m=` line.
    #[inline]
    pub fn payload_types(&self) -> impl Iterator<Item = u8> + 'a {
        self.media_line.into_iter().flat_map(|m| m.payload_types())
    }

    /// The `a=rtcp-fb` lines that apply to `pt` (its own and the `*` ones, in that
    /// order).
    #[inline]
    pub fn rtcp_fb(&self, pt: u8) -> RtcpFbs<'s, 'a> {
        let s = self.slots.get(usize::from(pt)).copied().unwrap_or_default();
        RtcpFbs {
            own: self.span_lines(s.fb_first, s.fb_last).iter(),
            any: self.span_lines(self.fb_any.0, self.fb_any.1).iter(),
            pt,
        }
    }

    /// The lines with indices `first - 1 .. last` (none when `first` is 0).
    #[inline]
    fn span_lines(&self, first: u32, last: u32) -> &'s [Line<'a>] {
        match first.checked_sub(1) {
            Some(f) => self
                .media
                .sdp()
                .lines()
                .get(f as usize..last as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// RTX associations: `(rtx payload type, the payload type it repairs)`.
    #[inline]
    pub fn rtx_payload_types(&self) -> impl Iterator<Item = (u8, u8)> + '_ {
        self.codecs()
            .filter_map(|c| c.apt.map(|apt| (c.payload_type, apt)))
    }

    /// The RTX payload type that repairs `pt`.
    #[inline]
    pub fn rtx_for(&self, pt: u8) -> Option<u8> {
        self.rtx_payload_types()
            .find(|&(_, apt)| apt == pt)
            .map(|(rtx, _)| rtx)
    }

    /// The FEC and redundancy codecs (`ulpfec`, `flexfec-03`, `red`).
    #[inline]
    pub fn fec_codecs(&self) -> impl Iterator<Item = Codec<'a>> + '_ {
        self.codecs().filter(Codec::is_fec)
    }

    /// The header extensions: the session-level `a=extmap` lines, then the media's.
    #[inline]
    pub fn extensions(&self) -> impl Iterator<Item = Extmap<'a>> + 's {
        self.span_values(self.session_singles.extmap, AttrName::Extmap)
            .chain(self.span_values(self.own.extmap, AttrName::Extmap))
            .filter_map(|v| Extmap::parse(Some(v)).ok())
    }

    /// The URI mapped to extension ID `id`.
    #[inline]
    pub fn extension_uri(&self, id: u16) -> Option<&'a str> {
        self.extensions().find(|e| e.id == id).map(|e| e.uri)
    }

    /// The ID mapped to the extension `uri`.
    #[inline]
    pub fn extension_id(&self, uri: &str) -> Option<u16> {
        self.extensions().find(|e| e.uri == uri).map(|e| e.id)
    }

    /// Whether one- and two-byte header extensions may be mixed
    /// (`a=extmap-allow-mixed` in the section or the session, RFC 8285 §6).
    #[inline]
    pub fn extmap_allow_mixed(&self) -> bool {
        self.media.has_known(AttrName::ExtmapAllowMixed)
            || self.session.has_known(AttrName::ExtmapAllowMixed)
    }

    /// The SSRCs of the `a=ssrc` lines, each once, in order of first appearance, with
    /// their `cname` and `msid`.
    #[inline]
    pub fn ssrcs(&self) -> impl Iterator<Item = SsrcInfo<'a>> + '_ {
        let span = self.own.ssrc;
        let start = span.first.saturating_sub(1) as usize;
        let lines: &'s [Line<'a>] = if span.first == 0 {
            &[]
        } else {
            self.media
                .sdp()
                .lines()
                .get(start..span.last as usize)
                .unwrap_or(&[])
        };
        let ssrc_values = move |from: usize, to: usize| {
            lines
                .get(from..to)
                .unwrap_or(&[])
                .iter()
                .filter_map(|l| l.attr_value(AttrName::Ssrc))
        };
        lines.iter().enumerate().filter_map(move |(k, l)| {
            let ssrc = leading_u32(l.attr_value(AttrName::Ssrc)?)?;
            // Only the first line about an SSRC starts an entry.
            if ssrc_values(0, k).any(|v| leading_u32(v) == Some(ssrc)) {
                return None;
            }
            let mut info = SsrcInfo {
                ssrc,
                cname: None,
                msid: None,
                line: start + k,
            };
            for v in ssrc_values(k, lines.len()).filter(|v| leading_u32(v) == Some(ssrc)) {
                let Ok(s) = Ssrc::parse(Some(v)) else {
                    continue;
                };
                match s.attribute {
                    "cname" if info.cname.is_none() => info.cname = s.value,
                    "msid" if info.msid.is_none() => info.msid = Msid::parse(s.value).ok(),
                    _ => {}
                }
            }
            Some(info)
        })
    }

    /// The `a=ssrc-group` lines.
    #[inline]
    pub fn ssrc_groups(&self) -> impl Iterator<Item = SsrcGroup<'a>> + 's {
        self.span_values(self.own.ssrc_group, AttrName::SsrcGroup)
            .filter_map(|v| SsrcGroup::parse(Some(v)).ok())
    }

    fn paired(&self, semantics: SsrcGroupSemantics<'_>, primary: u32) -> Option<u32> {
        self.ssrc_groups()
            .filter(|g| g.semantics == semantics)
            .find_map(|g| {
                let mut it = g.ssrcs();
                (it.next() == Some(primary)).then(|| it.next()).flatten()
            })
    }

    /// The RTX SSRC paired with `primary` by `a=ssrc-group:FID`.
    #[inline]
    pub fn rtx_ssrc(&self, primary: u32) -> Option<u32> {
        self.paired(SsrcGroupSemantics::Fid, primary)
    }

    /// The FEC SSRC paired with `primary` by `a=ssrc-group:FEC-FR`.
    #[inline]
    pub fn fec_ssrc(&self, primary: u32) -> Option<u32> {
        self.paired(SsrcGroupSemantics::FecFr, primary)
    }

    /// `a=mid`.
    #[inline]
    pub fn mid(&self) -> Option<&'a str> {
        self.value(self.own.mid, AttrName::Mid)
    }

    /// `a=msid` lines.
    #[inline]
    pub fn msids(&self) -> impl Iterator<Item = Msid<'a>> + 's {
        self.span_values(self.own.msid, AttrName::Msid)
            .filter_map(|v| Msid::parse(Some(v)).ok())
    }

    /// `a=rid` lines.
    #[inline]
    pub fn rids(&self) -> impl Iterator<Item = Rid<'a>> + 's {
        self.span_values(self.own.rid, AttrName::Rid)
            .filter_map(|v| Rid::parse(Some(v)).ok())
    }

    /// `a=simulcast`.
    #[inline]
    pub fn simulcast(&self) -> Option<Simulcast<'a>> {
        self.value(self.own.simulcast, AttrName::Simulcast)
            .and_then(|v| Simulcast::parse(Some(v)).ok())
    }

    /// `a=ice-ufrag` (the media's, else the session's).
    #[inline]
    pub fn ice_ufrag(&self) -> Option<&'a str> {
        self.single(|s| s.ice_ufrag, AttrName::IceUfrag)
    }

    /// `a=ice-pwd` (the media's, else the session's).
    #[inline]
    pub fn ice_pwd(&self) -> Option<&'a str> {
        self.single(|s| s.ice_pwd, AttrName::IcePwd)
    }

    /// `a=ice-options` (the media's, else the session's).
    #[inline]
    pub fn ice_options(&self) -> Option<IceOptions<'a>> {
        self.single(|s| s.ice_options, AttrName::IceOptions)
            .and_then(|v| IceOptions::parse(Some(v)).ok())
    }

    /// `a=ice-lite` (session level).
    #[inline]
    pub fn ice_lite(&self) -> bool {
        self.session.has_known(AttrName::IceLite)
    }

    /// `a=candidate` lines.
    #[inline]
    pub fn candidates(&self) -> impl Iterator<Item = Candidate<'a>> + 's {
        self.span_values(self.own.candidate, AttrName::Candidate)
            .filter_map(|v| Candidate::parse(Some(v)).ok())
    }

    /// `a=fingerprint` lines: the media's if it has any, else its BUNDLE tag section's,
    /// else the session's.
    #[inline]
    pub fn fingerprints(&self) -> impl Iterator<Item = Fingerprint<'a>> + 's {
        let from = if self.own.fingerprint != 0 {
            self.media
        } else {
            match self.tag() {
                Some(t) if t.has_known(AttrName::Fingerprint) => t,
                _ => self.session,
            }
        };
        from.lines()
            .iter()
            .filter_map(|l| l.attr_value(AttrName::Fingerprint))
            .filter_map(|v| Fingerprint::parse(Some(v)).ok())
    }

    /// The first fingerprint.
    #[inline]
    pub fn fingerprint(&self) -> Option<Fingerprint<'a>> {
        self.fingerprints().next()
    }

    /// `a=setup` (the media's, else the session's).
    #[inline]
    pub fn setup(&self) -> Option<Setup> {
        self.single(|s| s.setup, AttrName::Setup)
            .and_then(|v| Setup::parse(Some(v)).ok())
    }

    /// The direction: the media's attribute, else the session's, else `sendrecv`
    /// (RFC 8866 §6.7).
    #[inline]
    pub fn direction(&self) -> Direction {
        let at = if self.own.direction != 0 {
            self.own.direction
        } else {
            self.session_singles.direction
        };
        self.line(at)
            .and_then(|l| l.attr_name().direction())
            .unwrap_or_default()
    }

    /// `c=`: the media's first, else the session's.
    #[inline]
    pub fn connection(&self) -> Option<ConnectionData<'a>> {
        let find = |s: Section<'s, 'a>| {
            s.lines()
                .iter()
                .find(|l| l.kind() == LineKind::Connection)
                .and_then(|l| ConnectionData::parse(l.value()).ok())
        };
        find(self.media).or_else(|| find(self.session))
    }

    /// `a=rtcp-mux`.
    #[inline]
    pub fn rtcp_mux(&self) -> bool {
        self.media.has_known(AttrName::RtcpMux)
    }

    /// `a=rtcp-rsize`.
    #[inline]
    pub fn rtcp_rsize(&self) -> bool {
        self.media.has_known(AttrName::RtcpRsize)
    }

    /// The session's `a=group:BUNDLE` that names this section's mid.
    #[inline]
    pub fn bundle_group(&self) -> Option<Group<'a>> {
        let mid = self.mid()?;
        self.span_values(self.session_singles.group, AttrName::Group)
            .filter_map(|v| Group::parse(Some(v)).ok())
            .find(|g| g.semantics == GroupSemantics::Bundle && g.contains(mid))
    }

    /// Whether the section is in a BUNDLE group.
    #[inline]
    pub fn is_bundled(&self) -> bool {
        self.bundle_group().is_some()
    }

    /// The media section carrying this section's BUNDLE tag, when that is another
    /// section.
    fn tag(&self) -> Option<Section<'s, 'a>> {
        tag_section(self.media, self.own.mid)
    }

    /// The BUNDLE tag: the first mid of this section's BUNDLE group (RFC 9143 §7.2.1).
    #[inline]
    pub fn bundle_tag(&self) -> Option<&'a str> {
        self.bundle_group().and_then(|g| g.mids().next())
    }
}

/// Iterator over the `a=rtcp-fb` lines that apply to one payload type
/// ([`ResolvedMedia::rtcp_fb`]).
#[derive(Debug, Clone)]
pub struct RtcpFbs<'s, 'a> {
    own: core::slice::Iter<'s, Line<'a>>,
    any: core::slice::Iter<'s, Line<'a>>,
    pt: u8,
}

impl<'a> Iterator for RtcpFbs<'_, 'a> {
    type Item = RtcpFb<'a>;

    #[inline]
    fn next(&mut self) -> Option<RtcpFb<'a>> {
        for line in self.own.by_ref() {
            if line.attr_name() == AttrName::RtcpFb
                && leading_pt(line.after_colon()) == Some(self.pt)
            {
                if let Ok(fb) = RtcpFb::parse(line.attr_value(AttrName::RtcpFb)) {
                    return Some(fb);
                }
            }
        }
        for line in self.any.by_ref() {
            if line.attr_name() == AttrName::RtcpFb && line.after_colon().first() == Some(&b'*') {
                if let Ok(fb) = RtcpFb::parse(line.attr_value(AttrName::RtcpFb)) {
                    return Some(fb);
                }
            }
        }
        None
    }
}

/// The section carrying the BUNDLE tag of the section whose mid is on line `mid_at`
/// (plus one), when that is another section.
fn tag_section<'s, 'a>(media: Section<'s, 'a>, mid_at: u32) -> Option<Section<'s, 'a>> {
    let sdp = media.sdp();
    let mid = sdp
        .lines()
        .get(mid_at.checked_sub(1)? as usize)?
        .attr_value(AttrName::Mid)?;
    let tag = sdp
        .session()
        .lines()
        .iter()
        .filter_map(|l| l.attr_value(AttrName::Group))
        .filter_map(|v| Group::parse(Some(v)).ok())
        .find(|g| g.semantics == GroupSemantics::Bundle && g.contains(mid))?
        .mids()
        .next()?;
    if tag == mid {
        return None;
    }
    sdp.media()
        .find(|m| m.known_value(AttrName::Mid) == Some(tag))
}

fn note_single(s: &mut Singles, name: AttrName, i: usize) {
    let span = match name {
        AttrName::Extmap => &mut s.extmap,
        AttrName::Ssrc => &mut s.ssrc,
        AttrName::SsrcGroup => &mut s.ssrc_group,
        AttrName::Rid => &mut s.rid,
        AttrName::Msid => &mut s.msid,
        AttrName::Candidate => &mut s.candidate,
        AttrName::Group => &mut s.group,
        _ => return note_first(s, name, i),
    };
    span.note(i);
}

fn note_first(s: &mut Singles, name: AttrName, i: usize) {
    let field = match name {
        AttrName::Mid => &mut s.mid,
        AttrName::IceUfrag => &mut s.ice_ufrag,
        AttrName::IcePwd => &mut s.ice_pwd,
        AttrName::IceOptions => &mut s.ice_options,
        AttrName::Setup => &mut s.setup,
        AttrName::Fingerprint => &mut s.fingerprint,
        AttrName::Simulcast => &mut s.simulcast,
        AttrName::SendRecv | AttrName::SendOnly | AttrName::RecvOnly | AttrName::Inactive => {
            &mut s.direction
        }
        _ => return,
    };
    if *field == 0 {
        *field = slot(i);
    }
}

/// The payload type an rtpmap/fmtp/rtcp-fb value starts with (one to three digits,
/// at most 127, followed by a non-digit or the end).
#[inline]
fn leading_pt(b: &[u8]) -> Option<u8> {
    let digit = |i: usize| {
        b.get(i)
            .and_then(|c| c.checked_sub(b'0'))
            .filter(|&d| d <= 9)
    };
    let mut n = u32::from(digit(0)?);
    for i in 1..3 {
        match digit(i) {
            Some(d) => n = n * 10 + u32::from(d),
            None => return u8::try_from(n).ok().filter(|&p| p <= 127),
        }
    }
    if digit(3).is_some() {
        return None;
    }
    u8::try_from(n).ok().filter(|&p| p <= 127)
}

/// The number a value starts with.
#[inline]
fn leading_u32(v: &str) -> Option<u32> {
    crate::grammar::lead_digits(v.as_bytes(), 10).and_then(|(n, _)| u32::try_from(n).ok())
}
