//! The session description model: every line, in order, and where each media section
//! starts.

use alloc::vec::Vec;

use crate::attr::{AttrName, Attribute, TypedAttribute};
use crate::error::{ErrorKind, SdpError};
use crate::fields::{Bandwidth, ConnectionData, Key, MediaLine, Origin, Repeat, TimeZones, Timing};
use crate::line::{Line, LineEnding, LineKind};
use crate::resolve::ResolvedMedia;

/// How strictly to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Accept what real endpoints send; deviations are listed by
    /// [`Sdp::findings`]. Only an input that is not a session description at all
    /// (empty, or whose first line is not a `<type>=` line RFC 8866 defines) is
    /// refused; a missing `v=` (RFC 8853 §5.6.3's example has none) is a finding.
    #[default]
    Lenient,
    /// Refuse the first RFC violation, with its line, column and field.
    Strict,
}

/// Lines `start..end` of the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Span {
    start: u32,
    end: u32,
}

/// A session description ([RFC 8866](https://www.rfc-editor.org/rfc/rfc8866)),
/// borrowed from its text.
///
/// The model is two vectors, each allocated once at its exact size: every line
/// ([`Line`]: text, ending, type, attribute name) and the span of lines of each media
/// section. Everything else — origin, media lines, typed attributes, the resolved view
/// of a media section — is parsed on demand from the borrowed lines.
///
/// Writing the model back ([`Sdp::write_to`], [`Display`](core::fmt::Display))
/// reproduces the input byte for byte: unknown, repeated and malformed lines are kept,
/// and each line keeps its own ending.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sdp<'a> {
    lines: Vec<Line<'a>>,
    media: Vec<Span>,
}

impl<'a> Sdp<'a> {
    /// Parses leniently ([`Mode::Lenient`], the default for captures).
    #[inline]
    pub fn parse(input: &'a str) -> Result<Self, SdpError> {
        Self::parse_with(input, Mode::Lenient)
    }

    /// Parses strictly ([`Mode::Strict`]): the first RFC violation is an error.
    #[inline]
    pub fn parse_strict(input: &'a str) -> Result<Self, SdpError> {
        Self::parse_with(input, Mode::Strict)
    }

    /// Parses with the given mode.
    pub fn parse_with(input: &'a str, mode: Mode) -> Result<Self, SdpError> {
        if u32::try_from(input.len()).is_err() {
            return Err(error(1, 1, "description", ErrorKind::TooLarge));
        }
        let lines = split_lines(input);
        match lines.first() {
            None => return Err(error(1, 1, "description", ErrorKind::Empty)),
            Some(first) if matches!(first.kind(), LineKind::Malformed | LineKind::Unknown(_)) => {
                return Err(error(1, 1, "v=", ErrorKind::NotSdp));
            }
            Some(_) => {}
        }
        let sdp = Self::from_lines(lines);
        if mode == Mode::Strict {
            let mut first = None;
            crate::check::check(&sdp, &mut |e| {
                if e.kind.tolerated_by_rfc() {
                    true
                } else {
                    first = Some(e);
                    false
                }
            });
            if let Some(e) = first {
                return Err(e);
            }
        }
        Ok(sdp)
    }

    /// A model from lines (for editing: the lines may borrow from anywhere).
    #[inline]
    pub fn from_lines(lines: Vec<Line<'a>>) -> Self {
        let count = lines
            .iter()
            .map(|l| usize::from(l.kind() == LineKind::Media))
            .sum();
        let mut media = Vec::with_capacity(count);
        let mut start = None;
        for (i, line) in lines.iter().enumerate() {
            if line.kind() == LineKind::Media {
                if let Some(s) = start {
                    media.push(Span {
                        start: s,
                        end: i as u32,
                    });
                }
                start = Some(i as u32);
            }
        }
        if let Some(s) = start {
            media.push(Span {
                start: s,
                end: lines.len() as u32,
            });
        }
        Self { lines, media }
    }

    /// Every line, in order.
    #[inline]
    pub fn lines(&self) -> &[Line<'a>] {
        &self.lines
    }

    /// Gives the lines back, to edit them; rebuild with [`Sdp::from_lines`].
    #[inline]
    pub fn into_lines(self) -> Vec<Line<'a>> {
        self.lines
    }

    /// The session section: the lines before the first `m=`.
    #[inline]
    pub fn session(&self) -> Section<'_, 'a> {
        let end = self
            .media
            .first()
            .map_or(self.lines.len() as u32, |m| m.start);
        Section {
            sdp: self,
            span: Span { start: 0, end },
            media_index: None,
        }
    }

    /// The number of media sections.
    #[inline]
    pub fn media_count(&self) -> usize {
        self.media.len()
    }

    /// The media sections, in order.
    #[inline]
    pub fn media(&self) -> impl ExactSizeIterator<Item = Section<'_, 'a>> + '_ {
        self.media.iter().enumerate().map(|(i, &span)| Section {
            sdp: self,
            span,
            media_index: Some(i),
        })
    }

    /// Media section `index` (from 0).
    #[inline]
    pub fn media_at(&self, index: usize) -> Option<Section<'_, 'a>> {
        self.media.get(index).map(|&span| Section {
            sdp: self,
            span,
            media_index: Some(index),
        })
    }

    /// The resolved view of media section `index`: codecs, extensions, sources, ICE
    /// and DTLS parameters with session-level defaults applied.
    #[inline]
    pub fn resolve(&self, index: usize) -> Option<ResolvedMedia<'_, 'a>> {
        self.media_at(index).map(ResolvedMedia::new)
    }

    /// `v=`: the protocol version.
    #[inline]
    pub fn version(&self) -> Option<&'a str> {
        self.session().value_of(LineKind::Version)
    }

    /// `o=`: the origin.
    #[inline]
    pub fn origin(&self) -> Option<Result<Origin<'a>, SdpError>> {
        self.session()
            .parse_first(LineKind::Origin, "o=", Origin::parse)
    }

    /// `s=`: the session name.
    #[inline]
    pub fn session_name(&self) -> Option<&'a str> {
        self.session().value_of(LineKind::SessionName)
    }

    /// `u=`: the URI.
    #[inline]
    pub fn uri(&self) -> Option<&'a str> {
        self.session().value_of(LineKind::Uri)
    }

    /// `e=`: the email addresses.
    #[inline]
    pub fn emails(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.session().values_of(LineKind::Email)
    }

    /// `p=`: the phone numbers.
    #[inline]
    pub fn phones(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.session().values_of(LineKind::Phone)
    }

    /// `t=`: the time descriptions.
    #[inline]
    pub fn timings(&self) -> impl Iterator<Item = Result<Timing, SdpError>> + '_ {
        self.session()
            .parse_all(LineKind::Timing, "t=", Timing::parse)
    }

    /// `r=`: the repeat times (each belongs to the `t=` before it).
    #[inline]
    pub fn repeats(&self) -> impl Iterator<Item = Result<Repeat<'a>, SdpError>> + '_ {
        self.session()
            .parse_all(LineKind::Repeat, "r=", Repeat::parse)
    }

    /// `z=`: the time zone adjustments.
    #[inline]
    pub fn time_zones(&self) -> Option<Result<TimeZones<'a>, SdpError>> {
        self.session()
            .parse_first(LineKind::TimeZone, "z=", TimeZones::parse)
    }

    /// Every RFC violation that lenient parsing accepted, in line order (one pass of
    /// its own: parsing does no bookkeeping for it).
    pub fn findings(&self) -> Vec<SdpError> {
        let mut out = Vec::new();
        crate::check::check(self, &mut |e| {
            out.push(e);
            true
        });
        out
    }

    /// Bytes the description takes when written.
    #[inline]
    pub fn encoded_len(&self) -> usize {
        self.lines.iter().map(Line::encoded_len).sum()
    }
}

/// Splits the input into classified lines, in one vector allocated at its exact size.
///
fn split_lines(input: &str) -> Vec<Line<'_>> {
    let bytes = input.as_bytes();
    let newlines = memchr::memchr_iter(b'\n', bytes).count();
    let last_unterminated = !bytes.is_empty() && bytes.last() != Some(&b'\n');
    let mut lines = Vec::with_capacity(newlines + usize::from(last_unterminated));
    let mut start = 0;
    let mut push = |nl: usize, start: &mut usize| {
        let (end, ending) = if nl > *start && bytes.get(nl - 1) == Some(&b'\r') {
            (nl - 1, LineEnding::CrLf)
        } else {
            (nl, LineEnding::Lf)
        };
        lines.push(Line::new(input.get(*start..end).unwrap_or(""), ending));
        *start = nl + 1;
    };
    for nl in memchr::memchr_iter(b'\n', bytes) {
        push(nl, &mut start);
    }
    if last_unterminated {
        lines.push(Line::new(
            input.get(start..).unwrap_or(""),
            LineEnding::None,
        ));
    }
    lines
}

#[inline]
pub(crate) fn error(line: u32, column: u32, field: &'static str, kind: ErrorKind) -> SdpError {
    SdpError {
        line,
        column,
        field,
        kind,
    }
}

/// A section of a description: the session section, or one media section (from its
/// `m=` line to the next).
#[derive(Debug, Clone, Copy)]
pub struct Section<'s, 'a> {
    sdp: &'s Sdp<'a>,
    span: Span,
    media_index: Option<usize>,
}

impl<'s, 'a> Section<'s, 'a> {
    /// The description this section belongs to.
    #[inline]
    pub fn sdp(self) -> &'s Sdp<'a> {
        self.sdp
    }

    /// The lines of the section.
    #[inline]
    pub fn lines(self) -> &'s [Line<'a>] {
        self.sdp
            .lines
            .get(self.span.start as usize..self.span.end as usize)
            .unwrap_or(&[])
    }

    /// Index of the first line in [`Sdp::lines`].
    #[inline]
    pub fn first_line_index(self) -> usize {
        self.span.start as usize
    }

    /// Lines with their index in [`Sdp::lines`].
    #[inline]
    pub fn indexed_lines(self) -> impl Iterator<Item = (usize, &'s Line<'a>)> + 's {
        let start = self.span.start as usize;
        self.lines()
            .iter()
            .enumerate()
            .map(move |(i, l)| (start + i, l))
    }

    /// The media section's index, or `None` for the session section.
    #[inline]
    pub fn media_index(self) -> Option<usize> {
        self.media_index
    }

    /// The `m=` line, parsed (`None` for the session section).
    #[inline]
    pub fn media_line(self) -> Option<Result<MediaLine<'a>, SdpError>> {
        self.media_index?;
        let line = self.lines().first()?;
        Some(MediaLine::parse(line.value()).map_err(|e| field_error(self.span.start, 2, "m=", e)))
    }

    /// `i=`: the title.
    #[inline]
    pub fn information(self) -> Option<&'a str> {
        self.value_of(LineKind::Information)
    }

    /// `c=` lines, parsed.
    #[inline]
    pub fn connections(self) -> impl Iterator<Item = Result<ConnectionData<'a>, SdpError>> + 's {
        self.parse_all(LineKind::Connection, "c=", ConnectionData::parse)
    }

    /// `b=` lines, parsed.
    #[inline]
    pub fn bandwidths(self) -> impl Iterator<Item = Result<Bandwidth<'a>, SdpError>> + 's {
        self.parse_all(LineKind::Bandwidth, "b=", Bandwidth::parse)
    }

    /// `k=`, parsed (obsolete).
    #[inline]
    pub fn key(self) -> Option<Result<Key<'a>, SdpError>> {
        self.parse_first(LineKind::Key, "k=", Key::parse)
    }

    /// Every attribute, in order.
    #[inline]
    pub fn attributes(self) -> impl Iterator<Item = Attribute<'a>> + 's {
        self.lines().iter().filter_map(Line::attribute)
    }

    /// The first attribute named `name`.
    #[inline]
    pub fn attribute(self, name: &str) -> Option<Attribute<'a>> {
        self.attributes().find(|a| a.name == name)
    }

    /// Whether an attribute named `name` is present.
    #[inline]
    pub fn has_attribute(self, name: &str) -> bool {
        self.attribute(name).is_some()
    }

    /// Every attribute of type `T`, parsed, in order.
    #[inline]
    pub fn typed<T: TypedAttribute<'a>>(
        self,
    ) -> impl Iterator<Item = Result<T, SdpError>> + use<'s, 'a, T> {
        let known = AttrName::from_name(T::NAME);
        let start = self.span.start;
        self.lines()
            .iter()
            .enumerate()
            .filter(move |(_, l)| {
                l.attr_name() == known
                    && (known != AttrName::Other
                        || l.attribute().is_some_and(|a| a.name == T::NAME))
            })
            .map(move |(i, l)| {
                let a = l.attribute().unwrap_or(Attribute::new("", None));
                T::parse_value(a.value).map_err(|e| {
                    field_error(start + i as u32, crate::check::value_start(&a), T::NAME, e)
                })
            })
    }

    /// The first attribute of type `T`, parsed.
    #[inline]
    pub fn first<T: TypedAttribute<'a>>(self) -> Option<Result<T, SdpError>> {
        self.typed::<T>().next()
    }

    /// Whether the section has a line of this kind.
    #[inline]
    pub fn has(self, kind: LineKind) -> bool {
        self.lines().iter().any(|l| l.kind() == kind)
    }

    /// The lines of a kind, with their index in [`Sdp::lines`].
    #[inline]
    pub fn lines_of(self, kind: LineKind) -> impl Iterator<Item = (usize, &'s Line<'a>)> + 's {
        self.indexed_lines().filter(move |(_, l)| l.kind() == kind)
    }

    #[inline]
    pub(crate) fn span(self) -> (u32, u32) {
        (self.span.start, self.span.end)
    }

    /// The first value of a known attribute, without parsing it.
    #[inline]
    pub(crate) fn known_value(self, name: AttrName) -> Option<&'a str> {
        self.lines().iter().find_map(|l| l.attr_value(name))
    }

    /// Whether a known attribute is present.
    #[inline]
    pub(crate) fn has_known(self, name: AttrName) -> bool {
        self.lines().iter().any(|l| l.attr_name() == name)
    }

    fn value_of(self, kind: LineKind) -> Option<&'a str> {
        self.lines()
            .iter()
            .find(|l| l.kind() == kind)
            .map(Line::value)
    }

    fn values_of(self, kind: LineKind) -> impl Iterator<Item = &'a str> + 's {
        self.lines()
            .iter()
            .filter(move |l| l.kind() == kind)
            .map(Line::value)
    }

    fn parse_first<T>(
        &self,
        kind: LineKind,
        field: &'static str,
        parse: fn(&'a str) -> Result<T, crate::FieldError>,
    ) -> Option<Result<T, SdpError>> {
        self.parse_all(kind, field, parse).next()
    }

    fn parse_all<T>(
        &self,
        kind: LineKind,
        field: &'static str,
        parse: fn(&'a str) -> Result<T, crate::FieldError>,
    ) -> impl Iterator<Item = Result<T, SdpError>> + use<'s, 'a, T> {
        self.lines_of(kind)
            .map(move |(i, l)| parse(l.value()).map_err(|e| field_error(i as u32, 2, field, e)))
    }
}

/// An [`SdpError`] for a field error in the value starting after `prefix` bytes of
/// line `index` (from 0).
#[inline]
pub(crate) fn field_error(
    index: u32,
    prefix: usize,
    field: &'static str,
    e: crate::FieldError,
) -> SdpError {
    SdpError {
        line: index + 1,
        column: (prefix + e.offset + 1) as u32,
        field,
        kind: ErrorKind::Field(e),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::error::{FieldError, FieldErrorKind};

    const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    fn strict_error(text: &str) -> (u32, u32, &'static str, ErrorKind) {
        let e = Sdp::parse_strict(text).unwrap_err();
        (e.line, e.column, e.field, e.kind)
    }

    #[test]
    fn not_sdp() {
        assert_eq!(Sdp::parse("").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(Sdp::parse("hello\r\n").unwrap_err().kind, ErrorKind::NotSdp);
        assert_eq!(Sdp::parse("x=1\r\n").unwrap_err().kind, ErrorKind::NotSdp);
    }

    #[test]
    fn strict_errors_name_line_column_and_field() {
        let text = alloc::format!("{HEAD}m=audio x RTP/AVP 0\r\n");
        assert_eq!(
            strict_error(&text),
            (
                6,
                9,
                "m=",
                ErrorKind::Field(FieldError {
                    field: "port",
                    offset: 6,
                    kind: FieldErrorKind::Invalid
                })
            )
        );
        let text = alloc::format!("{HEAD}m=audio 9 RTP/AVP 96\r\na=rtpmap:96 opus/x\r\n");
        // Column 18 is the `x` after `a=rtpmap:96 opus/`.
        let (line, column, field, _) = strict_error(&text);
        assert_eq!((line, column, field), (7, 18, "rtpmap"));
        let text = "v=0\r\ns=-\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n";
        assert_eq!(strict_error(text), (3, 1, "o=", ErrorKind::OutOfOrder));
        let text = alloc::format!("{HEAD}a=mid:0\r\n");
        assert_eq!(strict_error(&text), (6, 3, "mid", ErrorKind::WrongLevel));
        let text = alloc::format!("{HEAD}m=audio 9 RTP/AVP 0\r\ny=1\r\n");
        assert_eq!(
            strict_error(&text),
            (7, 1, "type", ErrorKind::UnknownType(b'y'))
        );
        let text = alloc::format!("{HEAD}m=audio 9 RTP/AVP 0\r\n\r\n");
        assert_eq!(strict_error(&text), (7, 1, "line", ErrorKind::EmptyLine));
        let text = alloc::format!("{HEAD}m=audio 9 RTP/AVP 0");
        assert_eq!(
            strict_error(&text),
            (6, 20, "line ending", ErrorKind::MissingFinalLineEnding)
        );
        assert_eq!(
            strict_error("v=1\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n").3,
            ErrorKind::UnsupportedVersion
        );
    }

    #[test]
    fn attribute_without_value_error_points_at_the_line_end() {
        // Found by the `sdp` fuzz target: the column was one past the line end.
        let text = alloc::format!("{HEAD}m=audio 9 RTP/AVP 0\r\na=extmap\r\n");
        let (line, column, field, kind) = strict_error(&text);
        assert_eq!((line, column, field), (7, 9, "extmap"));
        assert!(matches!(
            kind,
            ErrorKind::Field(FieldError {
                kind: FieldErrorKind::Missing,
                ..
            })
        ));
        let sdp = Sdp::parse(&text).unwrap();
        let e = sdp
            .media_at(0)
            .unwrap()
            .first::<crate::attr::Extmap<'_>>()
            .unwrap()
            .unwrap_err();
        assert_eq!((e.line, e.column), (7, 9));
    }

    #[test]
    fn bare_lf_is_accepted_even_strictly_and_reported_once() {
        let text = HEAD.replace("\r\n", "\n");
        let sdp = Sdp::parse_strict(&text).unwrap();
        assert_eq!(sdp.to_string(), text);
        let findings = sdp.findings();
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].line, findings[0].kind),
            (1, ErrorKind::BareLineFeed)
        );
    }

    #[test]
    fn sections() {
        let text = alloc::format!(
            "{HEAD}a=group:BUNDLE 0\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\nm=video 9 RTP/AVP 96\r\n"
        );
        let sdp = Sdp::parse_strict(&text).unwrap();
        assert_eq!(sdp.session().lines().len(), 6);
        assert_eq!(sdp.media_count(), 2);
        let m: alloc::vec::Vec<usize> = sdp.media().map(|s| s.lines().len()).collect();
        assert_eq!(m, [2, 1]);
        assert_eq!(sdp.media_at(1).unwrap().first_line_index(), 8);
        assert!(sdp.media_at(2).is_none());
        assert!(sdp.session().media_line().is_none());
        assert_eq!(sdp.encoded_len(), text.len());
    }
}
