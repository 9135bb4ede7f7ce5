//! One buffer over any `Read`: records are borrowed from it. It starts small (so
//! that small inputs cost little) and doubles while reads fill it, up to a fixed
//! maximum it never exceeds.

use std::io::{self, Read};

/// A fixed-size read buffer.
#[derive(Debug)]
pub(crate) struct Reader<R> {
    inner: R,
    buf: Vec<u8>,
    max: usize,
    start: usize,
    end: usize,
    eof: bool,
    /// File offset of `buf[start]`.
    offset: u64,
}

impl<R: Read> Reader<R> {
    pub(crate) fn new(inner: R, initial: usize, max: usize) -> Self {
        Reader {
            inner,
            buf: vec![0; initial.min(max)],
            max,
            start: 0,
            end: 0,
            eof: false,
            offset: 0,
        }
    }

    /// The bytes read and not consumed.
    #[inline]
    pub(crate) fn available(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// The whole buffer, for ranges handed out by [`range`](Self::range).
    #[inline]
    pub(crate) fn buffer(&self) -> &[u8] {
        &self.buf
    }

    /// Where `len` bytes from `at` (relative to the unconsumed start) are in
    /// [`buffer`](Self::buffer).
    #[inline]
    pub(crate) fn range(&self, at: usize, len: usize) -> std::ops::Range<usize> {
        self.start + at..self.start + at + len
    }

    /// File offset of the first unconsumed byte.
    #[inline]
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Makes at least `n` bytes available (`n` at most the maximum); false when the
    /// input ends first.
    #[inline]
    pub(crate) fn fill(&mut self, n: usize) -> io::Result<bool> {
        if self.end - self.start >= n {
            return Ok(true);
        }
        self.fill_slow(n)
    }

    #[cold]
    fn fill_slow(&mut self, n: usize) -> io::Result<bool> {
        let n = n.min(self.max);
        // Grow while the input keeps filling the buffer, or to fit `n`.
        if self.buf.len() < self.max && (self.end == self.buf.len() || n > self.buf.len()) {
            let len = (self.buf.len() * 2).max(n).min(self.max);
            self.buf.resize(len, 0);
        }
        if self.start + n > self.buf.len() {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while self.end - self.start < n && !self.eof {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k.min(self.buf.len() - self.end),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(self.end - self.start >= n)
    }

    /// Consumes `n` bytes (at most what is available).
    #[inline]
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.offset += n as u64;
    }

    /// Whether the input is exhausted and every byte consumed.
    #[cfg(test)]
    pub(crate) fn at_end(&mut self) -> io::Result<bool> {
        Ok(!self.fill(1)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte at a time.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(out)) => {
                    *out = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn compacts_and_ends() {
        let data: Vec<u8> = (0..100).collect();
        let mut r = Reader::new(Trickle(&data), 4, 16);
        let mut seen = vec![];
        while r.fill(10).unwrap() {
            seen.extend_from_slice(&r.available()[..10]);
            r.consume(10);
        }
        assert_eq!(seen, data);
        assert!(r.at_end().unwrap());
        assert_eq!(r.offset(), 100);
        assert!(!r.fill(100).unwrap());
    }
}
