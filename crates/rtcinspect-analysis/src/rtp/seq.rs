//! RFC 3550 A.1 sequence tracking with A.3 expected/lost, plus duplicate and
//! reordering detection over a bounded window.

/// A jump ahead larger than this is a possible restart (RFC 3550 A.1 `MAX_DROPOUT`).
const MAX_DROPOUT: u16 = 3000;
/// A jump back larger than this is a possible restart (`MAX_MISORDER`).
const MAX_MISORDER: u16 = 100;
/// Sequence numbers remembered for duplicate detection.
const WINDOW: u64 = 1024;

/// What one packet was, for the sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeqEvent {
    /// The first packet.
    First,
    /// Ahead of the highest: `gap` numbers were skipped (0 when consecutive).
    Ahead { gap: u32 },
    /// Behind the highest, not seen before (reordered or late retransmission).
    Late,
    /// Seen before.
    Duplicate,
    /// A large jump not yet confirmed (RFC 3550 `bad_seq`).
    Suspect,
    /// A large jump confirmed by the next packet: the sequence restarted.
    Reset,
}

/// RFC 3550 A.1 state (`repr(C)`: the counters first, then the window).
#[derive(Debug, Clone, Default)]
#[repr(C)]
pub(crate) struct SeqTracker {
    started: bool,
    max_seq: u16,
    /// Shifted count of wraps (`cycles` in A.1).
    cycles: u32,
    base_seq: u32,
    bad_seq: u32,
    /// Packets counted in the current epoch (since the last reset).
    received: u64,
    /// Expected and received of epochs before the last reset.
    prior_expected: i64,
    prior_received: i64,
    pub(crate) resets: u32,
    pub(crate) first_ext: u32,
    seen: [u64; (WINDOW / 64) as usize],
}

impl SeqTracker {
    fn ext_max(&self) -> u64 {
        u64::from(self.cycles) + u64::from(self.max_seq)
    }

    /// Highest extended sequence number.
    pub(crate) fn highest(&self) -> u32 {
        self.cycles.wrapping_add(u32::from(self.max_seq))
    }

    /// Wraps past 65535.
    pub(crate) fn wraps(&self) -> u32 {
        self.cycles >> 16
    }

    /// Extended sequence number of a packet near the highest.
    pub(crate) fn extend(&self, seq: u16) -> i64 {
        self.ext_max() as i64 + i64::from(seq.wrapping_sub(self.max_seq) as i16)
    }

    /// Expected packets (A.3), over every epoch.
    pub(crate) fn expected(&self) -> i64 {
        if !self.started {
            return 0;
        }
        self.prior_expected + (self.ext_max() as i64 - i64::from(self.base_seq) + 1)
    }

    /// Packets counted.
    pub(crate) fn received(&self) -> i64 {
        self.prior_received + self.received as i64
    }

    fn init(&mut self, seq: u16) {
        self.base_seq = u32::from(seq);
        self.max_seq = seq;
        self.bad_seq = u32::MAX;
        self.cycles = 0;
        self.received = 0;
        self.seen = [0; (WINDOW / 64) as usize];
        self.mark(u64::from(seq));
    }

    fn bit(ext: u64) -> (usize, u64) {
        let i = ext % WINDOW;
        ((i / 64) as usize, 1u64 << (i % 64))
    }

    fn mark(&mut self, ext: u64) -> bool {
        let (w, b) = Self::bit(ext);
        let was = self.seen[w] & b != 0;
        self.seen[w] |= b;
        was
    }

    fn clear_range(&mut self, from: u64, to: u64) {
        if to - from >= WINDOW {
            self.seen = [0; (WINDOW / 64) as usize];
            return;
        }
        for e in from..to {
            let (w, b) = Self::bit(e);
            self.seen[w] &= !b;
        }
    }

    /// The common packet, one after the highest: counted (as [`update`](Self::update)
    /// would, with `Ahead { gap: 0 }`) and true; any other packet is left to `update`.
    #[inline]
    pub(crate) fn next_in_order(&mut self, seq: u16) -> bool {
        if !self.started || seq != self.max_seq.wrapping_add(1) {
            return false;
        }
        if seq == 0 {
            self.cycles = self.cycles.wrapping_add(1 << 16);
        }
        self.max_seq = seq;
        self.mark(self.ext_max());
        self.received += 1;
        self.bad_seq = u32::MAX;
        true
    }

    /// One packet.
    pub(crate) fn update(&mut self, seq: u16) -> SeqEvent {
        if !self.started {
            self.started = true;
            self.init(seq);
            self.first_ext = u32::from(seq);
            self.received = 1;
            return SeqEvent::First;
        }
        let udelta = seq.wrapping_sub(self.max_seq);
        if udelta == 0 {
            self.received += 1;
            return SeqEvent::Duplicate;
        }
        if udelta < MAX_DROPOUT {
            let old = self.ext_max();
            if seq < self.max_seq {
                self.cycles = self.cycles.wrapping_add(1 << 16);
            }
            self.max_seq = seq;
            let new = self.ext_max();
            self.clear_range(old + 1, new + 1);
            self.mark(new);
            self.received += 1;
            self.bad_seq = u32::MAX;
            return SeqEvent::Ahead {
                gap: u32::from(udelta) - 1,
            };
        }
        if udelta <= u16::MAX - MAX_MISORDER {
            // A very large jump.
            if u32::from(seq) == self.bad_seq {
                // Two sequential packets: the source restarted. Close the epoch; the
                // suspect packet (seq - 1) opens the new one with this one.
                self.prior_expected += self.ext_max() as i64 - i64::from(self.base_seq) + 1;
                // The suspect packet was counted as stray: it moves to the new epoch.
                self.prior_received += self.received as i64 - 1;
                self.init(seq.wrapping_sub(1));
                self.max_seq = seq;
                self.mark(self.ext_max());
                self.received = 2;
                self.resets += 1;
                return SeqEvent::Reset;
            }
            self.bad_seq = u32::from(seq.wrapping_add(1));
            // The A.1 algorithm does not count it yet; it is counted when the reset
            // is confirmed, else it counts as a stray packet.
            self.prior_received += 1;
            return SeqEvent::Suspect;
        }
        // Behind: duplicate or reordered.
        self.received += 1;
        let ext = self.extend(seq);
        if ext < 0 || (ext as u64) + WINDOW <= self.ext_max() {
            return SeqEvent::Late;
        }
        if self.mark(ext as u64) {
            SeqEvent::Duplicate
        } else {
            SeqEvent::Late
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Everything the tracker reports, to compare two trackers.
    fn state(t: &SeqTracker) -> (i64, i64, u32, u32, u32, [u64; 16]) {
        (
            t.expected(),
            t.received(),
            t.highest(),
            t.resets,
            t.bad_seq,
            t.seen,
        )
    }

    proptest! {
        /// The in-order shortcut changes nothing: a tracker fed through
        /// `next_in_order` first ends in the state of one fed through `update` only,
        /// on runs with wraps, gaps, reordering, duplicates and restarts.
        #[test]
        fn next_in_order_is_update(
            start in any::<u16>(),
            steps in proptest::collection::vec(
                prop_oneof![
                    8 => Just(1i32),
                    1 => 2i32..6,
                    1 => -5i32..1,
                    1 => 3000i32..40000,
                ],
                1..600,
            ),
        ) {
            let (mut plain, mut fast) = (SeqTracker::default(), SeqTracker::default());
            let mut seq = start;
            for step in steps {
                seq = seq.wrapping_add(step as u16);
                let expected = plain.update(seq);
                if fast.next_in_order(seq) {
                    prop_assert_eq!(expected, SeqEvent::Ahead { gap: 0 });
                } else {
                    prop_assert_eq!(fast.update(seq), expected);
                }
                prop_assert_eq!(state(&fast), state(&plain));
            }
        }
    }
}
