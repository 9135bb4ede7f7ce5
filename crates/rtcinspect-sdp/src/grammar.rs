//! nom building blocks for the field grammars of RFC 8866 §9 and the attribute RFCs,
//! and [`Fields`], a cursor that runs them one field at a time so that an error names
//! the field and its offset.

use nom::Parser;
use nom::bytes::complete::{take_till1, take_while1};

use crate::error::{FieldError, FieldErrorKind};

/// nom's unit error: the field name and offset come from [`Fields`].
pub(crate) type E = ();

/// RFC 8866 §9 `token-char`, as a table.
static TOKEN_CHARS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(c as u8, 0x21 | 0x23..=0x27 | 0x2a | 0x2b | 0x2d | 0x2e | b'0'..=b'9' | b'A'..=b'Z' | 0x5e..=0x7e);
        c += 1;
    }
    t
};

/// RFC 8866 §9 `token-char`.
#[inline(always)]
pub(crate) fn is_token_char(c: u8) -> bool {
    TOKEN_CHARS[usize::from(c)]
}

/// Whether the whole string is an RFC 8866 `token`.
#[inline]
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_char)
}

/// One RFC 8866 `token`.
pub(crate) fn token(i: &[u8]) -> nom::IResult<&[u8], &[u8], E> {
    take_while1(is_token_char)(i)
}

/// One or more bytes up to a space or tab (a whitespace-separated word).
pub(crate) fn word(i: &[u8]) -> nom::IResult<&[u8], &[u8], E> {
    take_till1(|c| c == b' ' || c == b'\t')(i)
}

/// Runs field parsers one after the other over a value, remembering where it is.
///
/// The nom parsers run on the value's bytes (every delimiter of these grammars is
/// ASCII, so a field always ends on a character boundary); the consumed bytes are
/// handed back as a `&str` borrowed from the value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    input: &'a str,
    rest: &'a str,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Self { input, rest: input }
    }

    /// Bytes consumed so far.
    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.input.len() - self.rest.len()
    }

    /// What is left.
    #[inline]
    pub(crate) fn rest(&self) -> &'a str {
        self.rest
    }

    /// Whether everything has been consumed.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// An error about `field` at the current position.
    pub(crate) fn error(&self, field: &'static str) -> FieldError {
        FieldError {
            field,
            offset: self.offset(),
            kind: if self.rest.is_empty() {
                FieldErrorKind::Missing
            } else {
                FieldErrorKind::Invalid
            },
        }
    }

    /// Runs `p` for `field` and returns what it consumed; on failure nothing is
    /// consumed.
    #[inline]
    pub(crate) fn field<P>(&mut self, field: &'static str, p: P) -> Result<&'a str, FieldError>
    where
        P: Parser<&'a [u8], Output = &'a [u8], Error = E>,
    {
        self.opt(p).ok_or_else(|| self.error(field))
    }

    /// A decimal number for `field`, telling a number too large for `T` from a
    /// non-number.
    #[inline]
    pub(crate) fn number<T: TryFrom<u64>>(&mut self, field: &'static str) -> Result<T, FieldError> {
        let bytes = self.rest.as_bytes();
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return Err(self.error(field));
        }
        let mut n: u64 = 0;
        let mut overflow = false;
        for &b in bytes.iter().take(digits) {
            match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(b - b'0')))
            {
                Some(v) => n = v,
                None => overflow = true,
            }
        }
        match T::try_from(n) {
            Ok(v) if !overflow => {
                self.rest = self.rest.get(digits..).unwrap_or("");
                Ok(v)
            }
            _ => Err(FieldError {
                field,
                offset: self.offset(),
                kind: FieldErrorKind::OutOfRange,
            }),
        }
    }

    /// Runs `p` if it matches and returns what it consumed; otherwise consumes
    /// nothing and returns `None`.
    #[inline]
    pub(crate) fn opt<P>(&mut self, mut p: P) -> Option<&'a str>
    where
        P: Parser<&'a [u8], Output = &'a [u8], Error = E>,
    {
        let (rest, _) = p.parse_complete(self.rest.as_bytes()).ok()?;
        let consumed = self.rest.len() - rest.len();
        let (taken, rest) = self.rest.split_at_checked(consumed)?;
        self.rest = rest;
        Some(taken)
    }

    /// Consumes `c` if it comes next.
    #[inline]
    pub(crate) fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Consumes one space (the separator of RFC 8866 fields) before `field`.
    #[inline]
    pub(crate) fn space(&mut self, field: &'static str) -> Result<(), FieldError> {
        if self.eat(' ') {
            Ok(())
        } else {
            Err(self.error(field))
        }
    }

    /// Takes everything that is left (possibly nothing).
    #[inline]
    pub(crate) fn take_rest(&mut self) -> &'a str {
        core::mem::take(&mut self.rest)
    }

    /// Fails with [`FieldErrorKind::TrailingData`] unless everything was consumed.
    pub(crate) fn end(&self, field: &'static str) -> Result<(), FieldError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(FieldError {
                field,
                offset: self.offset(),
                kind: FieldErrorKind::TrailingData,
            })
        }
    }
}

/// The leading decimal digits of `b`: their value and count; `None` when there are
/// none or more than `max` (so the value fits a `u64` when `max` is at most 19).
#[inline(always)]
pub(crate) fn lead_digits(b: &[u8], max: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    let mut n = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            break;
        }
        if n == max {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
        n += 1;
    }
    (n > 0).then_some((v, n))
}

/// How many leading bytes of `b` are token characters.
#[inline(always)]
pub(crate) fn token_len(b: &[u8]) -> usize {
    b.iter().take_while(|&&c| is_token_char(c)).count()
}

/// The position of the first `c` in `b`, or its length.
#[inline(always)]
pub(crate) fn find_or_end(b: &[u8], c: u8) -> usize {
    b.iter().position(|&x| x == c).unwrap_or(b.len())
}
