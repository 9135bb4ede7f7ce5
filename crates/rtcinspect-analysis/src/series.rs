//! Bounded time series: one bucket per second until `cap` buckets, then neighbours
//! are merged pairwise and the bucket width doubles, so any capture length keeps at
//! most `cap` points.

/// How a bucket combines values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merge {
    /// Values add up (bytes, packets, losses); a merged bucket is shown as a rate.
    Sum,
    /// The last value wins (jitter at the end of the bucket).
    Last,
    /// Mean of the values (RTT, audio level).
    Mean,
}

/// One series.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    merge: Merge,
    cap: usize,
    start_ns: Option<i64>,
    step_ns: i64,
    /// (sum, count) per bucket.
    buckets: Vec<(f64, u32)>,
}

impl Series {
    pub(crate) fn new(merge: Merge, cap: usize) -> Self {
        Series {
            merge,
            cap: cap.max(2),
            start_ns: None,
            step_ns: 1_000_000_000,
            buckets: Vec::new(),
        }
    }

    /// Adds a value at a capture time. Times before the first are put in the first
    /// bucket.
    pub(crate) fn add(&mut self, t_ns: i64, v: f64) {
        let start = *self.start_ns.get_or_insert(t_ns);
        let mut i = (t_ns.saturating_sub(start).max(0) / self.step_ns) as usize;
        while i >= self.cap {
            self.halve();
            i = (t_ns.saturating_sub(start).max(0) / self.step_ns) as usize;
        }
        if self.buckets.len() <= i {
            self.buckets.resize(i + 1, (0.0, 0));
        }
        let b = &mut self.buckets[i];
        match self.merge {
            Merge::Last => *b = (v, 1),
            Merge::Sum | Merge::Mean => {
                b.0 += v;
                b.1 += 1;
            }
        }
    }

    fn halve(&mut self) {
        let merged: Vec<(f64, u32)> = self
            .buckets
            .chunks(2)
            .map(|c| match (self.merge, c) {
                (Merge::Last, [a, b]) => {
                    if b.1 > 0 {
                        *b
                    } else {
                        *a
                    }
                }
                (_, [a, b]) => (a.0 + b.0, a.1 + b.1),
                (_, [a]) => *a,
                _ => (0.0, 0),
            })
            .collect();
        self.buckets = merged;
        self.step_ns *= 2;
    }

    /// Start time (ns) and bucket width (s).
    pub(crate) fn frame(&self) -> (Option<i64>, f64) {
        (self.start_ns, self.step_ns as f64 / 1e9)
    }

    /// Values: per-second rates for `Sum`, the value for `Last`, means for `Mean`;
    /// `None` for empty buckets of `Last`/`Mean`.
    pub(crate) fn values(&self) -> Vec<Option<f64>> {
        let secs = self.step_ns as f64 / 1e9;
        self.buckets
            .iter()
            .map(|&(sum, n)| match self.merge {
                Merge::Sum => Some(sum / secs),
                Merge::Last | Merge::Mean if n == 0 => None,
                Merge::Last => Some(sum),
                Merge::Mean => Some(sum / f64::from(n)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_per_second_then_halves() {
        let mut s = Series::new(Merge::Sum, 4);
        // 10 packets of 100 bytes a second for 4 s: 1000 B/s in each of 4 buckets.
        for i in 0..40 {
            s.add(i * 100_000_000, 100.0);
        }
        assert_eq!(s.values(), vec![Some(1000.0); 4]);
        // A fifth second does not fit in 4 buckets: pairs merge, width 2 s, still
        // 1000 B/s; the fifth second is half a bucket: 1000 B over 2 s.
        for i in 40..50 {
            s.add(i * 100_000_000, 100.0);
        }
        assert_eq!(s.frame().1, 2.0);
        assert_eq!(s.values(), vec![Some(1000.0), Some(1000.0), Some(500.0)]);
    }

    #[test]
    fn last_and_mean() {
        let mut last = Series::new(Merge::Last, 10);
        let mut mean = Series::new(Merge::Mean, 10);
        for (t, v) in [(0, 1.0), (500_000_000, 3.0), (2_100_000_000, 5.0)] {
            last.add(t, v);
            mean.add(t, v);
        }
        assert_eq!(last.values(), vec![Some(3.0), None, Some(5.0)]);
        assert_eq!(mean.values(), vec![Some(2.0), None, Some(5.0)]);
    }
}
