//! nom building blocks for the field grammars of RFC 8866 §9 and the attribute RFCs,
//! and [`Fields`], a cursor that runs them one field at a time so that an error names
//! the field and its offset.

use nom::Parser;
use nom::bytes::complete::{take_till1, take_while1};

use crate::error::{FieldError, FieldErrorKind};

/// nom's unit error: the field name and offset come from [`Fields`].
pub(crate) type E = ();

/// RFC 8866 §9 `token-char`.
#[inline]
pub(crate) fn is_token_char(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x27' | '\x2a' | '\x2b' | '\x2d' | '\x2e' | '0'..='9' | 'A'..='Z' | '\x5e'..='\x7e')
}

/// Whether the whole string is an RFC 8866 `token`.
#[inline]
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_token_char)
}

/// One RFC 8866 `token`.
pub(crate) fn token(i: &str) -> nom::IResult<&str, &str, E> {
    take_while1(is_token_char)(i)
}

/// One or more characters up to a space or tab (a whitespace-separated word).
pub(crate) fn word(i: &str) -> nom::IResult<&str, &str, E> {
    take_till1(|c| c == ' ' || c == '\t')(i)
}

/// Runs field parsers one after the other over a value, remembering where it is.
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

    /// Runs `p` for `field`; on failure nothing is consumed.
    #[inline]
    pub(crate) fn field<O, P>(&mut self, field: &'static str, mut p: P) -> Result<O, FieldError>
    where
        P: Parser<&'a str, Output = O, Error = E>,
    {
        match p.parse_complete(self.rest) {
            Ok((rest, o)) => {
                self.rest = rest;
                Ok(o)
            }
            Err(_) => Err(self.error(field)),
        }
    }

    /// A number for `field`, telling a number too large for `T` from a non-number.
    pub(crate) fn number<T: core::str::FromStr>(
        &mut self,
        field: &'static str,
    ) -> Result<T, FieldError> {
        let digits = self.rest.len()
            - self
                .rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits == 0 {
            return Err(self.error(field));
        }
        let (n, rest) = self.rest.split_at(digits);
        match n.parse::<T>() {
            Ok(v) => {
                self.rest = rest;
                Ok(v)
            }
            Err(_) => Err(FieldError {
                field,
                offset: self.offset(),
                kind: FieldErrorKind::OutOfRange,
            }),
        }
    }

    /// Runs `p` if it matches; otherwise consumes nothing and returns `None`.
    #[inline]
    pub(crate) fn opt<O, P>(&mut self, mut p: P) -> Option<O>
    where
        P: Parser<&'a str, Output = O, Error = E>,
    {
        match p.parse_complete(self.rest) {
            Ok((rest, o)) => {
                self.rest = rest;
                Some(o)
            }
            Err(_) => None,
        }
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

/// Splits at the first `sep`: `("a", Some("b"))` for `"a<sep>b"`, `("a", None)` without.
#[inline]
pub(crate) fn split_once_opt(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}
