//! Per-stream statistics defined as Wireshark's RTP analysis defines them (its
//! `rtppacket_analyse` and `rtpstream_info_calculate`), so `packets`, the deltas, the
//! jitter and the skew can be compared with `tshark -z rtp,streams`.
//!
//! The rules, restated from reading Wireshark's analysis (no code taken from it):
//!
//! - Times are capture times in ms relative to the stream's first packet.
//! - A packet is *in time sequence* when its RTP timestamp is less than 2^31 after
//!   the stream's first timestamp (tshark 4.0; later versions compare with the last
//!   in-sequence packet's extended timestamp); only those update the reference time
//!   and timestamp used for the next delta and jitter.
//! - Expected packets are `last seq + 65536 × cycles − first seq + 1`, where `last seq`
//!   is the sequence number of the *last packet received* (not the highest), and a
//!   cycle is counted when an in-sequence packet's number drops below the first one.
//! - Jitter is computed only when the clock rate is known: `D = |arrival − (previous
//!   arrival + Δts / (rate / 1000))|` (the rate divided by 1000 in integers),
//!   `J += (D − J) / 16`.
//! - Max/min/mean delta and max/mean jitter take only "regular" packets: not the first,
//!   no marker bit, not comfort noise (PT 13 or 19) nor following it, not behind in
//!   timestamp. Means are divided by the count of packets before this one (all
//!   packets, regular or not).
//! - Skew: accumulated nominal time (Δts in ms) minus accumulated arrival time; the
//!   value furthest from zero is the maximum skew.
//!
//! Because our clock rate may be estimated only after some packets, the jitter and
//! skew are computed in parallel for every standard clock rate (and one slot for a
//! non-standard rate known from the first packet); the stream picks one at report
//! time. That is a handful of floating-point operations per packet.
//!
//! Kept cheap per packet: a mean is kept as a running sum ([`RunningMean`]), divided
//! only when read, and the RTP time of a timestamp step is a multiplication where the
//! rate in kHz is a power of two (8, 16, 32: exact, as the division is).

/// Standard clock rates computed in parallel.
pub(crate) const RATES: [u32; 6] = [8000, 16000, 32000, 44100, 48000, 90000];

const PT_CN: u8 = 13;
const PT_CN_OLD: u8 = 19;

/// Wireshark's mean of a value over the regular packets: at a regular packet with
/// `n` packets before it, `mean = (mean × (n − 1) + v) / n` (irregular packets leave
/// it as it is but still count in `n`).
///
/// Kept as `sum = mean × n_last` (`n_last` the `n` of the last update): the update is
/// `sum × (n − 1) / n_last + v`, which is `sum + v` whenever the previous packet was
/// regular too, so there is no division per packet. The value is the same as the
/// recurrence's but for the last bits of rounding.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunningMean {
    sum: f64,
    n_last: u64,
}

impl RunningMean {
    #[inline]
    fn add(&mut self, v: f64, n: u64) {
        if n == self.n_last + 1 || self.n_last == 0 {
            self.sum += v;
        } else {
            self.sum = self.sum * (n - 1) as f64 / self.n_last as f64 + v;
        }
        self.n_last = n;
    }

    /// The mean (0 before any value).
    pub(crate) fn get(&self) -> f64 {
        if self.n_last == 0 {
            0.0
        } else {
            self.sum / self.n_last as f64
        }
    }
}

/// Jitter and skew for one clock rate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RateStats {
    pub(crate) rate: u32,
    /// `rate / 1000` in integers, as the reference divides (44100 → 44).
    per_ms: f64,
    /// `1 / per_ms` when that is a power of two (exact), else 0.
    inv_per_ms: f64,
    pub(crate) jitter: f64,
    pub(crate) max_jitter: f64,
    pub(crate) mean_jitter: RunningMean,
    pub(crate) last_nominal: f64,
    pub(crate) last_arrival: f64,
    pub(crate) max_skew: f64,
}

impl RateStats {
    fn set_rate(&mut self, rate: u32) {
        self.rate = rate;
        let per_ms = rate / 1000;
        self.per_ms = f64::from(per_ms);
        self.inv_per_ms = if per_ms.is_power_of_two() {
            1.0 / self.per_ms
        } else {
            0.0
        };
    }

    /// RTP time `diff` (in clock ticks) in ms.
    #[inline]
    fn ms(&self, diff: f64) -> f64 {
        if self.inv_per_ms != 0.0 {
            diff * self.inv_per_ms
        } else {
            diff / self.per_ms
        }
    }
}

/// Wireshark-compatible state of one stream. `repr(C)`: the fields every packet
/// touches stay together before the slots.
#[derive(Debug, Clone, Default)]
#[repr(C)]
pub(crate) struct WsStats {
    /// Extended timestamp of the last in-sequence packet.
    seq_ts: i64,
    /// Arrival of the last in-sequence packet, ms from the stream start.
    time_ms: f64,
    pub(crate) total: u64,
    pub(crate) min_delta: Option<f64>,
    pub(crate) max_delta: f64,
    pub(crate) mean_delta: RunningMean,
    pub(crate) regular: u64,
    pub(crate) cycles: u32,
    first_ts: u32,
    pub(crate) start_seq: u16,
    pub(crate) stop_seq: u16,
    started: bool,
    under: bool,
    pt: u8,
    /// Bit `k` set when slot `k` is followed (its rate is at least 1000 Hz): the
    /// per-packet loops touch only those slots.
    active: u8,
    /// Slots for [`RATES`] then one for another rate.
    pub(crate) rates: [RateStats; 7],
}

impl WsStats {
    /// A new state; `other_rate` is a non-standard clock rate known from the start
    /// (static payload type table or SDP), or 0.
    pub(crate) fn new(other_rate: u32) -> Self {
        let mut s = WsStats::default();
        for (slot, r) in s.rates.iter_mut().zip(RATES) {
            slot.set_rate(r);
        }
        s.rates[6].set_rate(if RATES.contains(&other_rate) {
            0
        } else {
            other_rate
        });
        s.set_active();
        s
    }

    fn set_active(&mut self) {
        self.active = 0;
        for (k, slot) in self.rates.iter().enumerate() {
            // Integer division, as the reference does (44100 → 44); a rate below
            // 1000 Hz gives no jitter.
            if slot.rate / 1000 != 0 {
                self.active |= 1 << k;
            }
        }
    }

    /// Follows only `rate` from now on (a rate known for certain from the start).
    pub(crate) fn only(&mut self, rate: u32) {
        let keep = self
            .rates
            .iter()
            .position(|r| r.rate == rate)
            .unwrap_or(self.rates.len() - 1);
        for (i, slot) in self.rates.iter_mut().enumerate() {
            if i != keep {
                slot.set_rate(0);
            }
        }
        self.rates[keep].set_rate(rate);
        self.set_active();
    }

    /// The slot for a clock rate.
    pub(crate) fn rate(&self, rate: u32) -> Option<&RateStats> {
        self.rates.iter().find(|r| r.rate == rate && rate != 0)
    }

    /// Wireshark's expected packet count.
    pub(crate) fn expected(&self) -> i64 {
        i64::from(self.stop_seq) + i64::from(self.cycles) * 65536 - i64::from(self.start_seq) + 1
    }

    /// One packet: `t_ms` from the stream start, `ext_ts` the extended RTP timestamp.
    pub(crate) fn packet(
        &mut self,
        seq: u16,
        ts: u32,
        ext_ts: i64,
        pt: u8,
        marker: bool,
        t_ms: f64,
    ) {
        if !self.started {
            self.first_ts = ts;
            self.started = true;
            self.start_seq = seq;
            self.stop_seq = seq;
            self.seq_ts = ext_ts;
            self.time_ms = t_ms;
            self.pt = pt;
            self.total = 1;
            return;
        }
        // As tshark 4.0: in time when less than half the timestamp range after the
        // stream's first timestamp (modulo 2^32, where tshark 4.0 does not wrap).
        let in_time = ts.wrapping_sub(self.first_ts) < 0x8000_0000;
        if in_time {
            // A number below the first one starts a cycle; so does 0 after 65535
            // (for a stream that started at 0).
            let wrapped = seq < self.start_seq || (seq == 0 && self.stop_seq == 65535);
            if wrapped && !self.under {
                self.cycles += 1;
                self.under = true;
            } else if seq > self.start_seq && self.under {
                self.under = false;
            }
        }
        let cn = pt == PT_CN || pt == PT_CN_OLD;
        let follow_cn = self.pt == PT_CN || self.pt == PT_CN_OLD;
        self.pt = pt;

        let delta = t_ms - self.time_ms;
        let nominal_diff = (ext_ts - self.seq_ts) as f64;
        let regular = !marker && !cn && !follow_cn && in_time;
        // Packets before this one, the divisor of the means.
        let n = self.total;
        for (k, slot) in self.rates.iter_mut().enumerate() {
            if self.active & (1 << k) == 0 {
                continue;
            }
            let nd = slot.ms(nominal_diff);
            let diff = (t_ms - (self.time_ms + nd)).abs();
            slot.jitter = (15.0 * slot.jitter + diff) / 16.0;
            let nominal = slot.last_nominal + nd;
            let arrival = slot.last_arrival + delta;
            let skew = nominal - arrival;
            if skew.abs() > slot.max_skew.abs() {
                slot.max_skew = skew;
            }
            slot.last_nominal = nominal;
            slot.last_arrival = arrival;
            if regular {
                if slot.jitter > slot.max_jitter {
                    slot.max_jitter = slot.jitter;
                }
                slot.mean_jitter.add(slot.jitter, n);
            }
        }
        if regular {
            self.regular += 1;
            if delta > self.max_delta {
                self.max_delta = delta;
            }
            self.min_delta = Some(self.min_delta.map_or(delta, |m| m.min(delta)));
            self.mean_delta.add(delta, n);
        }
        if in_time {
            self.time_ms = t_ms;
            self.seq_ts = ext_ts;
        }
        self.stop_seq = seq;
        self.total += 1;
    }
}
