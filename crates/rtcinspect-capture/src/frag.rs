//! IPv4 and IPv6 fragment reassembly in a bounded pool with a capture-time timeout.

use std::net::IpAddr;

use crate::{Damage, DamageReason, Diagnostics};

/// The largest reassembled datagram (the IPv4 limit; IPv6 without jumbograms).
const MAX_DATAGRAM: usize = 65535;
/// The most disjoint pieces one datagram may be in while it waits.
const MAX_PIECES: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    src: IpAddr,
    dst: IpAddr,
    id: u32,
    proto: u8,
}

#[derive(Debug)]
struct Entry {
    key: Key,
    first_ts: i64,
    data: Vec<u8>,
    /// Received byte ranges, sorted, merged.
    pieces: Vec<(usize, usize)>,
    /// The end of the datagram, once the last fragment came.
    total: Option<usize>,
}

/// What became of a fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Waiting for more.
    Pending,
    /// The datagram is complete: [`Pool::completed`] holds it.
    Complete,
    /// The fragment was dropped (counted).
    Dropped,
}

/// A fragment to insert.
pub(crate) struct Fragment<'a> {
    pub(crate) src: IpAddr,
    pub(crate) dst: IpAddr,
    pub(crate) id: u32,
    pub(crate) proto: u8,
    pub(crate) offset: usize,
    pub(crate) more: bool,
    pub(crate) data: &'a [u8],
}

/// The reassembly pool.
#[derive(Debug)]
pub(crate) struct Pool {
    entries: Vec<Entry>,
    bytes: usize,
    max_datagrams: usize,
    max_bytes: usize,
    timeout_ns: i64,
    completed: Vec<u8>,
}

impl Pool {
    pub(crate) fn new(max_datagrams: usize, max_bytes: usize, timeout_ns: i64) -> Self {
        Pool {
            entries: Vec::new(),
            bytes: 0,
            max_datagrams,
            max_bytes,
            timeout_ns,
            completed: Vec::new(),
        }
    }

    /// The datagram the last [`Outcome::Complete`] finished.
    pub(crate) fn completed(&self) -> &[u8] {
        &self.completed
    }

    /// Takes the completed datagram out (to decode it while the pool is borrowed
    /// mutably); give it back with [`put_completed`](Self::put_completed).
    pub(crate) fn take_completed(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.completed)
    }

    /// Gives back what [`take_completed`](Self::take_completed) took.
    pub(crate) fn put_completed(&mut self, v: Vec<u8>) {
        self.completed = v;
    }

    /// Drops datagrams older than the timeout at capture time `now`.
    fn expire(&mut self, now: i64, frame: u64, diag: &mut Diagnostics) {
        let timeout = self.timeout_ns;
        let mut i = 0;
        while i < self.entries.len() {
            if now.saturating_sub(self.entries[i].first_ts) > timeout {
                let e = self.entries.swap_remove(i);
                self.bytes -= e.data.len();
                diag.fragments.timed_out += 1;
                diag.damage(Damage {
                    frame,
                    offset: 0,
                    reason: DamageReason::FragmentTimeout {
                        received: e.pieces.iter().map(|(a, b)| b - a).sum(),
                    },
                });
            } else {
                i += 1;
            }
        }
    }

    /// Adds a fragment seen at capture time `now` in `frame`.
    pub(crate) fn insert(
        &mut self,
        f: Fragment<'_>,
        now: i64,
        frame: u64,
        offset_in_file: u64,
        diag: &mut Diagnostics,
    ) -> Outcome {
        diag.fragments.fragments += 1;
        self.expire(now, frame, diag);
        let key = Key {
            src: f.src,
            dst: f.dst,
            id: f.id,
            proto: f.proto,
        };
        let end = f.offset + f.data.len();
        let bad = |diag: &mut Diagnostics| {
            diag.fragments.bad += 1;
            diag.damage(Damage {
                frame,
                offset: offset_in_file,
                reason: DamageReason::BadFragment,
            });
            Outcome::Dropped
        };
        if end > MAX_DATAGRAM || (f.more && f.data.len() % 8 != 0) {
            return bad(diag);
        }
        let index = match self.entries.iter().position(|e| e.key == key) {
            Some(i) => i,
            None => {
                if self.entries.len() >= self.max_datagrams || self.bytes + end > self.max_bytes {
                    diag.fragments.pool_full += 1;
                    diag.damage(Damage {
                        frame,
                        offset: offset_in_file,
                        reason: DamageReason::FragmentPoolFull,
                    });
                    return Outcome::Dropped;
                }
                self.entries.push(Entry {
                    key,
                    first_ts: now,
                    data: Vec::new(),
                    pieces: Vec::new(),
                    total: None,
                });
                self.entries.len() - 1
            }
        };
        let e = &mut self.entries[index];
        // Where the datagram ends: the last fragment says, and nothing may lie beyond.
        if !f.more {
            if e.total.is_some_and(|t| t != end) || e.pieces.last().is_some_and(|p| p.1 > end) {
                return bad(diag);
            }
            e.total = Some(end);
        } else if e.total.is_some_and(|t| end > t) {
            return bad(diag);
        }
        if end > e.data.len() {
            let grow = end - e.data.len();
            if self.bytes + grow > self.max_bytes {
                diag.fragments.pool_full += 1;
                diag.damage(Damage {
                    frame,
                    offset: offset_in_file,
                    reason: DamageReason::FragmentPoolFull,
                });
                return Outcome::Dropped;
            }
            e.data.resize(end, 0);
            self.bytes += grow;
        }
        if e.pieces.iter().any(|&(a, b)| f.offset < b && a < end) {
            diag.fragments.overlaps += 1;
        }
        e.data[f.offset..end].copy_from_slice(f.data);
        if !add_piece(&mut e.pieces, (f.offset, end)) {
            return bad(diag);
        }
        let complete = e.total.is_some_and(|t| e.pieces.as_slice() == [(0, t)]);
        if !complete {
            return Outcome::Pending;
        }
        let e = self.entries.swap_remove(index);
        self.bytes -= e.data.len();
        self.completed = e.data;
        diag.fragments.reassembled += 1;
        Outcome::Complete
    }

    /// Counts datagrams still waiting (at the end of the input).
    pub(crate) fn finish(&mut self, diag: &mut Diagnostics) {
        diag.fragments.incomplete_at_end += self.entries.len() as u64;
        self.entries.clear();
        self.bytes = 0;
    }
}

/// Adds `[a, b)` to sorted, merged `pieces`; false when there would be too many.
fn add_piece(pieces: &mut Vec<(usize, usize)>, (mut a, mut b): (usize, usize)) -> bool {
    let mut i = 0;
    while i < pieces.len() {
        let (pa, pb) = pieces[i];
        if pb < a {
            i += 1;
        } else if b < pa {
            break;
        } else {
            a = a.min(pa);
            b = b.max(pb);
            pieces.remove(i);
        }
    }
    if pieces.len() >= MAX_PIECES {
        return false;
    }
    pieces.insert(i, (a, b));
    true
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    fn frag(offset: usize, more: bool, data: &[u8]) -> Fragment<'_> {
        Fragment {
            src: IpAddr::V4(Ipv4Addr::LOCALHOST),
            dst: IpAddr::V4(Ipv4Addr::LOCALHOST),
            id: 7,
            proto: 17,
            offset,
            more,
            data,
        }
    }

    #[test]
    fn out_of_order_and_overlap() {
        let mut pool = Pool::new(4, 1 << 16, 1_000);
        let mut d = Diagnostics::default();
        assert_eq!(
            pool.insert(frag(16, false, &[3; 4]), 0, 1, 0, &mut d),
            Outcome::Pending
        );
        assert_eq!(
            pool.insert(frag(0, true, &[1; 8]), 1, 2, 0, &mut d),
            Outcome::Pending
        );
        assert_eq!(
            pool.insert(frag(8, true, &[2; 8]), 2, 3, 0, &mut d),
            Outcome::Complete
        );
        assert_eq!(
            pool.completed(),
            [[1u8; 8], [2; 8]]
                .concat()
                .into_iter()
                .chain([3; 4])
                .collect::<Vec<_>>()
        );
        assert_eq!(d.fragments.reassembled, 1);
        assert_eq!(pool.bytes, 0);
        // Overlap counted, datagram still completes.
        assert_eq!(
            pool.insert(frag(0, true, &[1; 16]), 3, 4, 0, &mut d),
            Outcome::Pending
        );
        assert_eq!(
            pool.insert(frag(8, false, &[2; 8]), 3, 5, 0, &mut d),
            Outcome::Complete
        );
        assert_eq!(d.fragments.overlaps, 1);
    }

    #[test]
    fn bounds_and_timeout() {
        let mut pool = Pool::new(1, 64, 1_000);
        let mut d = Diagnostics::default();
        assert_eq!(
            pool.insert(frag(0, true, &[0; 8]), 0, 1, 0, &mut d),
            Outcome::Pending
        );
        let mut other = frag(0, true, &[0; 8]);
        other.id = 8;
        assert_eq!(pool.insert(other, 10, 2, 0, &mut d), Outcome::Dropped);
        assert_eq!(d.fragments.pool_full, 1);
        // Beyond the byte bound.
        assert_eq!(
            pool.insert(frag(64, true, &[0; 8]), 20, 3, 0, &mut d),
            Outcome::Dropped
        );
        // Over 65535 bytes.
        assert_eq!(
            pool.insert(frag(65528, false, &[0; 16]), 30, 4, 0, &mut d),
            Outcome::Dropped
        );
        assert_eq!(d.fragments.bad, 1);
        // The timeout frees the slot.
        let mut late = frag(0, true, &[0; 8]);
        late.id = 9;
        assert_eq!(pool.insert(late, 5_000, 5, 0, &mut d), Outcome::Pending);
        assert_eq!(d.fragments.timed_out, 1);
        assert!(
            d.damage
                .iter()
                .any(|x| matches!(x.reason, DamageReason::FragmentTimeout { received: 8 }))
        );
    }
}
