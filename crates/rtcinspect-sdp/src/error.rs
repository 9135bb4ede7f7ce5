//! Errors and findings: what was wrong, on which line, at which column, in which field.

use core::fmt;

/// Why a field (of a line or of an attribute value) could not be read.
///
/// `offset` counts bytes from the start of the value that was being parsed: the text
/// after `x=` for a line, the text after `a=name:` for an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldError {
    /// The field, as the specification's grammar names it (`"clock-rate"`, `"port"`).
    pub field: &'static str,
    /// Byte offset of the field in the value.
    pub offset: usize,
    /// What was wrong with it.
    pub kind: FieldErrorKind,
}

/// What was wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldErrorKind {
    /// The value ends before the field.
    Missing,
    /// The field does not match its grammar.
    Invalid,
    /// A number does not fit the field's range.
    OutOfRange,
    /// The value goes on after its last field.
    TrailingData,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            FieldErrorKind::Missing => "is missing",
            FieldErrorKind::Invalid => "is invalid",
            FieldErrorKind::OutOfRange => "is out of range",
            FieldErrorKind::TrailingData => "is followed by unexpected data",
        };
        write!(f, "{} at byte {} {what}", self.field, self.offset)
    }
}

impl core::error::Error for FieldError {}

/// An RFC violation in a session description: strict parsing returns the first one as
/// its error, [`Sdp::findings`](crate::Sdp::findings) lists every one that lenient
/// parsing accepted.
///
/// Lines and columns count from 1; the column is a byte column within the line, so
/// `column - 1` indexes [`Line::text`](crate::Line::text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SdpError {
    /// Line number, from 1.
    pub line: u32,
    /// Byte column within the line, from 1.
    pub column: u32,
    /// The line type or attribute concerned (`"o="`, `"m="`, `"rtpmap"`); for a
    /// field inside it see [`ErrorKind::Field`].
    pub field: &'static str,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// What is wrong in a session description
/// ([RFC 8866 §5](https://www.rfc-editor.org/rfc/rfc8866#section-5), §9 for the grammar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input holds no line at all.
    Empty,
    /// The first line is not a `<type>=` line of RFC 8866: this is not a session
    /// description.
    NotSdp,
    /// The input is larger than 4 GiB (line numbers are 32 bits).
    TooLarge,
    /// A line that is not `<type>=<value>` with a lower-case letter as type.
    MalformedLine,
    /// An empty line.
    EmptyLine,
    /// A line ends with a bare LF instead of CRLF; RFC 8866 §5 asks parsers to accept
    /// it, so strict parsing does too and only [`Sdp::findings`](crate::Sdp::findings)
    /// reports it (once, on the first such line).
    BareLineFeed,
    /// The last line has no line ending.
    MissingFinalLineEnding,
    /// A space or tab right after `=` (RFC 8866 §5: none on either side).
    WhitespaceAfterEquals,
    /// A line ends with spaces or tabs.
    TrailingWhitespace,
    /// A carriage return, NUL or line feed inside a line (RFC 8866 §9 `byte-string`).
    ControlCharacter,
    /// A type letter RFC 8866 does not define (§5: parsers must reject or ignore it).
    UnknownType(u8),
    /// A line appears where RFC 8866 §5's order does not allow it (e.g. `c=` before `s=`).
    OutOfOrder,
    /// A line that may appear once per section appears again.
    Repeated,
    /// A required line is missing (`v=`, `o=`, `s=`, `t=`; `c=` for a media section
    /// when the session has none).
    MissingLine,
    /// `v=` is not `0`.
    UnsupportedVersion,
    /// `s=` is empty (RFC 8866 §5.3: use a single space when there is no name).
    EmptySessionName,
    /// A field does not match the grammar of its line or attribute; the
    /// [`FieldError`] names the part of the value (offset from the value's start).
    Field(FieldError),
    /// An attribute name that is not a `token`.
    InvalidAttributeName,
    /// An attribute that a later specification replaced (`a=sctpmap`, `a=msid-semantic`,
    /// `a=ssrc:… mslabel`/`label`) or a field declared obsolete (`k=`).
    Legacy,
    /// A transport protocol that does not fit the attributes of its media section
    /// (DTLS-SRTP or SDES keys with an unsecured `RTP/AVP` profile, RFC 5764 §8,
    /// RFC 4568 §4).
    ProfileMismatch,
    /// A session-level use of an attribute that RFC defines for media sections only.
    WrongLevel,
}

impl ErrorKind {
    /// Whether RFC 8866 asks parsers to accept this deviation, so that strict parsing
    /// accepts it too (only [`ErrorKind::BareLineFeed`]).
    pub fn tolerated_by_rfc(self) -> bool {
        matches!(self, Self::BareLineFeed)
    }
}

impl fmt::Display for SdpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}: ",
            self.line, self.column, self.field
        )?;
        match self.kind {
            ErrorKind::Empty => f.write_str("empty description"),
            ErrorKind::NotSdp => f.write_str("not a session description (no v= first)"),
            ErrorKind::TooLarge => f.write_str("description larger than 4 GiB"),
            ErrorKind::MalformedLine => f.write_str("not a <type>=<value> line"),
            ErrorKind::EmptyLine => f.write_str("empty line"),
            ErrorKind::BareLineFeed => f.write_str("line ends with LF, not CRLF"),
            ErrorKind::MissingFinalLineEnding => f.write_str("last line has no line ending"),
            ErrorKind::WhitespaceAfterEquals => f.write_str("whitespace after '='"),
            ErrorKind::TrailingWhitespace => f.write_str("trailing whitespace"),
            ErrorKind::ControlCharacter => f.write_str("control character inside a line"),
            ErrorKind::UnknownType(t) => write!(f, "unknown type letter {:?}", char::from(t)),
            ErrorKind::OutOfOrder => f.write_str("line out of order"),
            ErrorKind::Repeated => f.write_str("line repeated"),
            ErrorKind::MissingLine => f.write_str("required line missing"),
            ErrorKind::UnsupportedVersion => f.write_str("version is not 0"),
            ErrorKind::EmptySessionName => f.write_str("empty session name"),
            ErrorKind::Field(e) => write!(f, "{e}"),
            ErrorKind::InvalidAttributeName => f.write_str("attribute name is not a token"),
            ErrorKind::Legacy => f.write_str("legacy or obsolete syntax"),
            ErrorKind::ProfileMismatch => f.write_str("transport protocol does not fit"),
            ErrorKind::WrongLevel => f.write_str("attribute at the wrong level"),
        }
    }
}

impl core::error::Error for SdpError {}

/// The output buffer given to a writer was too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BufferTooSmall {
    /// Bytes the writer needed in total.
    pub needed: usize,
    /// Bytes the buffer had.
    pub available: usize,
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "output buffer too small: {} bytes needed, {} available",
            self.needed, self.available
        )
    }
}

impl core::error::Error for BufferTooSmall {}

/// A builder value that cannot be written as SDP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BuildError {
    /// The line or attribute whose value is wrong.
    pub field: &'static str,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: value contains a line break or NUL, or is empty where a value is required",
            self.field
        )
    }
}

impl core::error::Error for BuildError {}
