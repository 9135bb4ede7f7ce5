//! One buffer over any `Read`: records are borrowed from it. It starts small (so
//! that small inputs cost little) and doubles while reads fill it, up to a fixed
//! maximum it never exceeds.
//!
//! In *lending* mode (batches, see [`crate::Batch`]) the bytes already read are never
//! moved: where the buffer would be compacted or grown in place, it is retired whole
//! (the datagrams of the batch being filled borrow from it) and reading goes on in a
//! spare buffer that receives only the unconsumed tail (less than one record).

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
    /// Lending mode: swap buffers instead of moving bytes.
    lending: bool,
    /// The first buffer retired since [`take_retired`](Self::take_retired).
    retired: Option<Vec<u8>>,
    /// Buffers to swap in (at most [`MAX_SPARES`]).
    spares: Vec<Vec<u8>>,
}

/// Spare buffers a lending reader keeps at most.
const MAX_SPARES: usize = 2;
/// In lending mode the buffer grows only to this size, the usual read size (unless a
/// record needs more), not to the maximum of 2 MiB that leaves room for a huge record:
/// fewer bytes in flight between the threads stay in the caches. (256 KiB was no
/// better on small packets and worse on large ones: four times the hand-offs.)
const LEND_TARGET: usize = crate::file::READ_BUFFER_LEN;

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
            lending: false,
            retired: None,
            spares: Vec::new(),
        }
    }

    /// Switches to lending mode (for good).
    pub(crate) fn lend(&mut self) {
        self.lending = true;
    }

    /// Offers a buffer for a later swap (dropped when enough are kept).
    pub(crate) fn give_spare(&mut self, buf: Vec<u8>) {
        if self.spares.len() < MAX_SPARES && buf.capacity() > 0 {
            self.spares.push(buf);
        }
    }

    /// The buffer retired by the first swap since the last call, if any.
    pub(crate) fn take_retired(&mut self) -> Option<Vec<u8>> {
        self.retired.take()
    }

    /// Takes the current buffer away (at the end of the input: the last batch
    /// borrows from it). Bytes not consumed are dropped.
    pub(crate) fn take_buffer(&mut self) -> Vec<u8> {
        self.offset += (self.end - self.start) as u64;
        self.start = 0;
        self.end = 0;
        std::mem::take(&mut self.buf)
    }

    /// Where the buffer lies in memory, to tell whether a slice borrows from it.
    #[inline]
    pub(crate) fn address_range(&self) -> std::ops::Range<usize> {
        let start = self.buf.as_ptr() as usize;
        start..start + self.buf.len()
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

    /// Makes at least `n` bytes available; false when the input ends first, or when
    /// `n` is more than the buffer's maximum (the bytes that fit are then read).
    #[inline]
    pub(crate) fn fill(&mut self, n: usize) -> io::Result<bool> {
        if self.end - self.start >= n {
            return Ok(true);
        }
        self.fill_slow(n)
    }

    #[cold]
    fn fill_slow(&mut self, wanted: usize) -> io::Result<bool> {
        let n = wanted.min(self.max);
        // Grow while the input keeps filling the buffer, or to fit `n`.
        let target = if self.lending {
            LEND_TARGET.min(self.max)
        } else {
            self.max
        };
        let grow = self.buf.len() < self.max
            && ((self.end == self.buf.len() && self.buf.len() < target) || n > self.buf.len());
        if self.lending {
            if grow || self.start + n > self.buf.len() {
                self.swap(if grow {
                    (self.buf.len() * 2).max(n).min(self.max)
                } else {
                    self.buf.len()
                });
            }
        } else {
            if grow {
                let len = (self.buf.len() * 2).max(n).min(self.max);
                self.buf.resize(len, 0);
            }
            if self.start + n > self.buf.len() {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
        }
        while self.end - self.start < n && !self.eof {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k.min(self.buf.len() - self.end),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(self.end - self.start >= wanted)
    }

    /// Lending mode: retires the current buffer now (see [`swap`](Self::swap)).
    pub(crate) fn retire(&mut self) {
        self.swap(self.buf.len());
    }

    /// Lending mode: goes on in a spare buffer of at least `len` bytes holding the
    /// unconsumed bytes; the current one is retired, untouched.
    fn swap(&mut self, len: usize) {
        let mut fresh = self.spares.pop().unwrap_or_default();
        if fresh.len() < len {
            fresh.resize(len, 0);
        }
        let tail = self.end - self.start;
        fresh[..tail].copy_from_slice(&self.buf[self.start..self.end]);
        let old = std::mem::replace(&mut self.buf, fresh);
        self.start = 0;
        self.end = tail;
        // Only the first retired buffer can hold datagrams of the batch being filled
        // (it ends at the first swap); later ones are spares again.
        if self.retired.is_none() {
            self.retired = Some(old);
        } else {
            self.give_spare(old);
        }
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
