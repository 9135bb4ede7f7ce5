//! Borrowing iterators over lists of fixed-size entries: SSRC and CSRC lists, report
//! blocks, NACK pairs, FIR/SLI/TMMBR entries, XR sub-blocks, transport-cc chunks...
//!
//! Every such list is one type, [`Entries`], over a type that knows its size on the
//! wire ([`FixedEntry`]); the protocol modules name them (`rtp::Csrcs`,
//! `rtcp::ReportBlocks`, `rtcp::fb::NackPairs`, ...).
//!
//! ```
//! use rtcinspect_wire::rtcp::Bye;
//!
//! // A BYE from two sources.
//! let bye = Bye::new_checked(&[0x82, 0xcb, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]).unwrap();
//! assert!(bye.ssrcs().eq([1, 2]));
//! assert_eq!(bye.ssrcs().len(), 2);
//! ```

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;

use crate::bytes;

/// A value that stands in a list as a fixed number of bytes.
pub trait FixedEntry: Sized {
    /// Bytes one entry takes on the wire.
    const LEN: usize;

    /// Decodes an entry from exactly [`LEN`](FixedEntry::LEN) bytes.
    fn read(bytes: &[u8]) -> Self;
}

/// A 32-bit identifier: SSRCs and CSRCs, receipt times.
impl FixedEntry for u32 {
    const LEN: usize = 4;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        bytes::u32_at(bytes, 0)
    }
}

/// Iterator over a list of fixed-size entries, in order.
///
/// Bytes after the last whole entry are not read.
pub struct Entries<'a, E> {
    rest: &'a [u8],
    entry: PhantomData<fn() -> E>,
}

impl<'a, E: FixedEntry> Entries<'a, E> {
    /// Iterates over the entries at the start of `bytes`.
    #[inline]
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self {
            rest: bytes,
            entry: PhantomData,
        }
    }

    /// Iterates over the first `count` entries of `bytes` (fewer if it is shorter).
    #[inline]
    pub(crate) fn first(bytes: &'a [u8], count: usize) -> Self {
        let len = count.saturating_mul(E::LEN).min(bytes.len());
        Self::new(bytes.get(..len).unwrap_or(&[]))
    }

    /// The bytes of the entries not read yet.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.rest
    }
}

impl<E: FixedEntry> Iterator for Entries<'_, E> {
    type Item = E;

    #[inline]
    fn next(&mut self) -> Option<E> {
        let (entry, rest) = self.rest.split_at_checked(E::LEN)?;
        self.rest = rest;
        Some(E::read(entry))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len() / E::LEN;
        (n, Some(n))
    }
}

impl<E: FixedEntry> ExactSizeIterator for Entries<'_, E> {}

impl<E: FixedEntry> FusedIterator for Entries<'_, E> {}

impl<E> Clone for Entries<'_, E> {
    fn clone(&self) -> Self {
        Self {
            rest: self.rest,
            entry: PhantomData,
        }
    }
}

impl<E> fmt::Debug for Entries<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entries").field("rest", &self.rest).finish()
    }
}
