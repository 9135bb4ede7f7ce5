//! Bounds-checked big-endian field access shared by every view and writer.
//!
//! Views validate their lengths once in `new_checked`; the readers here still never
//! panic (an out-of-range read yields zero), so a validation bug can at worst produce a
//! wrong value, never a crash.

use core::fmt;

/// Reads `N` bytes at `at`, or `None` when the slice is too short.
#[inline(always)]
pub(crate) fn array<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..)?.first_chunk::<N>().copied()
}

/// Reads the byte at `at` (zero when out of range).
#[inline(always)]
pub(crate) fn u8_at(b: &[u8], at: usize) -> u8 {
    b.get(at).copied().unwrap_or(0)
}

/// Reads a big-endian `u16` at `at` (zero when out of range).
#[inline(always)]
pub(crate) fn u16_at(b: &[u8], at: usize) -> u16 {
    array::<2>(b, at).map_or(0, u16::from_be_bytes)
}

/// Reads a big-endian 24-bit value at `at` (zero when out of range).
#[inline(always)]
pub(crate) fn u24_at(b: &[u8], at: usize) -> u32 {
    array::<3>(b, at).map_or(0, |[x, y, z]| u32::from_be_bytes([0, x, y, z]))
}

/// Reads a big-endian `u32` at `at` (zero when out of range).
#[inline(always)]
pub(crate) fn u32_at(b: &[u8], at: usize) -> u32 {
    array::<4>(b, at).map_or(0, u32::from_be_bytes)
}

/// Reads a big-endian `u64` at `at` (zero when out of range).
#[inline(always)]
pub(crate) fn u64_at(b: &[u8], at: usize) -> u64 {
    array::<8>(b, at).map_or(0, u64::from_be_bytes)
}

/// Returns `b[at..at + len]`, or an empty slice when out of range.
#[inline(always)]
pub(crate) fn slice(b: &[u8], at: usize, len: usize) -> &[u8] {
    at.checked_add(len)
        .and_then(|end| b.get(at..end))
        .unwrap_or(&[])
}

/// Writes `bytes` at `at`; does nothing when out of range (setters on validated views).
#[inline(always)]
pub(crate) fn put(b: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(dst) = at
        .checked_add(bytes.len())
        .and_then(|end| b.get_mut(at..end))
    {
        dst.copy_from_slice(bytes);
    }
}

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

/// Why a writer could not emit a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmitError {
    /// The output buffer was too small; nothing useful was written.
    BufferTooSmall {
        /// Bytes the writer needed in total.
        needed: usize,
        /// Bytes the buffer had.
        available: usize,
    },
    /// A value does not fit the field that carries it (a 33rd report block for the
    /// 5-bit count, an RTP header extension element longer than 255 bytes, ...).
    FieldOverflow {
        /// The field, as the specification names it.
        field: &'static str,
        /// The value that was asked for.
        value: u64,
        /// The largest value the field can carry.
        max: u64,
    },
    /// A value is outside what the field allows (an RTP extension ID of 0, a padding
    /// count of zero, ...).
    InvalidValue {
        /// The field, as the specification names it.
        field: &'static str,
        /// The value that was asked for.
        value: u64,
    },
}

impl From<BufferTooSmall> for EmitError {
    fn from(e: BufferTooSmall) -> Self {
        Self::BufferTooSmall {
            needed: e.needed,
            available: e.available,
        }
    }
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BufferTooSmall { needed, available } => write!(
                f,
                "output buffer too small: {needed} bytes needed, {available} available"
            ),
            Self::FieldOverflow { field, value, max } => {
                write!(f, "{field} {value} does not fit: at most {max}")
            }
            Self::InvalidValue { field, value } => write!(f, "{field} {value} is not allowed"),
        }
    }
}

impl core::error::Error for EmitError {}

/// Appends what `emit` writes to `out`, given room for `len` bytes (the writer's
/// `buffer_len`), and returns the writer's result; on an error `out` is left as it
/// was. The `emit_vec` conveniences of every writer go through here.
#[cfg(feature = "alloc")]
pub(crate) fn emit_vec<E>(
    out: &mut alloc::vec::Vec<u8>,
    len: usize,
    emit: impl FnOnce(&mut [u8]) -> Result<usize, E>,
) -> Result<usize, E> {
    let start = out.len();
    out.resize(start + len, 0);
    let result = emit(out.get_mut(start..).unwrap_or_default());
    out.truncate(start + *result.as_ref().unwrap_or(&0));
    result
}

/// Fails with [`EmitError::FieldOverflow`] when `value > max`.
#[inline]
pub(crate) fn check_max(field: &'static str, value: usize, max: usize) -> Result<(), EmitError> {
    if value > max {
        Err(EmitError::FieldOverflow {
            field,
            value: value as u64,
            max: max as u64,
        })
    } else {
        Ok(())
    }
}

/// A forward-only cursor over an output buffer for writers.
///
/// Every `put_*` checks room first, so a writer either writes completely or reports
/// [`BufferTooSmall`] with the total it needed.
#[derive(Debug)]
pub(crate) struct Writer<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Writer<'a> {
    /// Starts writing at the beginning of `buf`.
    pub(crate) fn new(buf: &'a mut [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// Bytes written so far.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Fails unless `len` more bytes fit.
    pub(crate) fn reserve(&self, len: usize) -> Result<(), BufferTooSmall> {
        let needed = self.pos.saturating_add(len);
        if needed > self.buf.len() {
            Err(BufferTooSmall {
                needed,
                available: self.buf.len(),
            })
        } else {
            Ok(())
        }
    }

    /// Appends raw bytes.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> Result<(), BufferTooSmall> {
        self.reserve(bytes.len())?;
        put(self.buf, self.pos, bytes);
        self.pos += bytes.len();
        Ok(())
    }

    /// Appends `len` zero bytes.
    pub(crate) fn zeros(&mut self, len: usize) -> Result<(), BufferTooSmall> {
        self.reserve(len)?;
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + len) {
            dst.fill(0);
        }
        self.pos += len;
        Ok(())
    }

    /// Appends one byte.
    pub(crate) fn u8(&mut self, v: u8) -> Result<(), BufferTooSmall> {
        self.put(&[v])
    }

    /// Appends a big-endian `u16`.
    pub(crate) fn u16(&mut self, v: u16) -> Result<(), BufferTooSmall> {
        self.put(&v.to_be_bytes())
    }

    /// Appends the low 24 bits of `v`, big-endian.
    pub(crate) fn u24(&mut self, v: u32) -> Result<(), BufferTooSmall> {
        let [_, a, b, c] = v.to_be_bytes();
        self.put(&[a, b, c])
    }

    /// Appends a big-endian `u32`.
    pub(crate) fn u32(&mut self, v: u32) -> Result<(), BufferTooSmall> {
        self.put(&v.to_be_bytes())
    }

    /// Appends a big-endian `u64`.
    pub(crate) fn u64(&mut self, v: u64) -> Result<(), BufferTooSmall> {
        self.put(&v.to_be_bytes())
    }

    /// The bytes written so far, to fill in place.
    pub(crate) fn written_mut(&mut self) -> &mut [u8] {
        self.buf.get_mut(..self.pos).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_are_big_endian_and_total() {
        let b = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        assert_eq!(u8_at(&b, 7), 0x08);
        assert_eq!(u16_at(&b, 0), 0x0102);
        assert_eq!(u24_at(&b, 1), 0x02_0304);
        assert_eq!(u32_at(&b, 4), 0x0506_0708);
        assert_eq!(u64_at(&b, 0), 0x0102_0304_0506_0708);
        // Out of range reads are zero, never a panic.
        assert_eq!(u8_at(&b, 8), 0);
        assert_eq!(u16_at(&b, 7), 0);
        assert_eq!(u32_at(&b, usize::MAX), 0);
        assert_eq!(slice(&b, usize::MAX, 2), &[] as &[u8]);
        assert_eq!(slice(&b, 6, 2), &[0x07, 0x08]);
    }

    #[test]
    fn writer_reports_total_needed() {
        let mut buf = [0u8; 5];
        let mut w = Writer::new(&mut buf);
        w.u32(0xdead_beef).unwrap();
        assert_eq!(
            w.u16(1),
            Err(BufferTooSmall {
                needed: 6,
                available: 5
            })
        );
        w.u8(0x7f).unwrap();
        assert_eq!(w.written_mut(), &[0xde, 0xad, 0xbe, 0xef, 0x7f]);
    }
}
