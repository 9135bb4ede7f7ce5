//! Video frames: frame boundaries from RTP timestamps, sizes, keyframes from the
//! payload descriptors, freezes.

use rtcinspect_wire::rtp::RtpPacket;
use rtcinspect_wire::rtp::payload::av1::Av1Payload;
use rtcinspect_wire::rtp::payload::h264::H264Payload;
use rtcinspect_wire::rtp::payload::vp8::Vp8Descriptor;
use rtcinspect_wire::rtp::payload::vp9::Vp9Descriptor;

use crate::report::{Stat, VideoReport};

/// Codecs whose payload the analysis reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    Vp8,
    Vp9,
    H264,
    Av1,
    Other,
}

impl Codec {
    pub(crate) fn from_name(name: &str) -> Codec {
        match name.to_ascii_uppercase().as_str() {
            "VP8" => Codec::Vp8,
            "VP9" => Codec::Vp9,
            "H264" => Codec::H264,
            "AV1" | "AV1X" => Codec::Av1,
            _ => Codec::Other,
        }
    }

    /// Whether the packet starts a keyframe; `None` when this codec is not read.
    fn keyframe(self, payload: &[u8]) -> Option<bool> {
        Some(match self {
            Codec::Vp8 => Vp8Descriptor::new_checked(payload).is_ok_and(|d| d.starts_keyframe()),
            Codec::Vp9 => Vp9Descriptor::new_checked(payload).is_ok_and(|d| d.starts_keyframe()),
            Codec::H264 => H264Payload::new_checked(payload).is_ok_and(|d| d.starts_keyframe()),
            Codec::Av1 => Av1Payload::new_checked(payload).is_ok_and(|d| d.starts_keyframe()),
            Codec::Other => return None,
        })
    }
}

/// What a packet did to the frame count.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FrameEvent {
    /// It started a new frame.
    pub(crate) frame: bool,
    /// It started a keyframe, at this capture time.
    pub(crate) keyframe_at: Option<i64>,
}

/// Video state of one stream.
#[derive(Debug, Clone, Default)]
pub(crate) struct VideoState {
    frames: u64,
    frame_ts: i64,
    frame_start_ns: i64,
    first_frame_ns: i64,
    frame_bytes_now: u64,
    frame_is_key: bool,
    frame_bytes: Stat,
    keyframes: Option<u64>,
    last_keyframe_ns: Option<i64>,
    keyframe_interval: Stat,
    /// Running (frugal) median of the inter-frame gap, ms.
    median_gap: f64,
    freezes: u64,
    max_gap_ms: Option<f64>,
}

impl VideoState {
    pub(crate) fn packet(
        &mut self,
        t_ns: i64,
        ext_ts: i64,
        pkt: &RtpPacket<&[u8]>,
        codec: Option<Codec>,
    ) -> FrameEvent {
        let mut ev = FrameEvent::default();
        let payload_len = pkt.payload_len() as u64;
        if self.frames == 0 || ext_ts > self.frame_ts {
            if self.frames > 0 {
                self.frame_bytes.add(self.frame_bytes_now as f64);
                let gap = (t_ns - self.frame_start_ns) as f64 / 1e6;
                self.gap(gap);
            } else {
                self.first_frame_ns = t_ns;
            }
            self.frames += 1;
            self.frame_ts = ext_ts;
            self.frame_start_ns = t_ns;
            self.frame_bytes_now = 0;
            self.frame_is_key = false;
            ev.frame = true;
        }
        if ext_ts == self.frame_ts {
            self.frame_bytes_now += payload_len;
        }
        if let Some(key) = codec.and_then(|c| c.keyframe(pkt.payload())) {
            let n = self.keyframes.get_or_insert(0);
            if key && ext_ts == self.frame_ts && !self.frame_is_key {
                self.frame_is_key = true;
                *n += 1;
                if let Some(last) = self.last_keyframe_ns {
                    self.keyframe_interval.add((t_ns - last) as f64 / 1e6);
                }
                self.last_keyframe_ns = Some(t_ns);
                ev.keyframe_at = Some(t_ns);
            }
        }
        ev
    }

    /// An inter-frame gap: freeze when above max(3 × median, median + 150 ms), the
    /// definition of WebRTC's `freezeCount` with the median for the mean.
    fn gap(&mut self, gap: f64) {
        if self.max_gap_ms.is_none_or(|m| gap > m) {
            self.max_gap_ms = Some(gap);
        }
        if self.frames < 2 {
            self.median_gap = gap;
            return;
        }
        if self.frames > 10 && gap > (3.0 * self.median_gap).max(self.median_gap + 150.0) {
            self.freezes += 1;
        }
        let step = (self.median_gap * 0.05).max(0.5);
        if gap > self.median_gap {
            self.median_gap += step.min(gap - self.median_gap);
        } else {
            self.median_gap -= step.min(self.median_gap - gap);
        }
    }

    pub(crate) fn report(&self, _first_ns: i64, _last_ns: i64) -> VideoReport {
        let span = (self.frame_start_ns - self.first_frame_ns) as f64 / 1e9;
        let mut frame_bytes = self.frame_bytes;
        if self.frames > 0 {
            frame_bytes.add(self.frame_bytes_now as f64);
        }
        VideoReport {
            frames: self.frames,
            fps: (self.frames > 1 && span > 0.0).then(|| (self.frames - 1) as f64 / span),
            frame_bytes: (frame_bytes.count > 0).then_some(frame_bytes),
            keyframes: self.keyframes,
            keyframe_interval_ms: (self.keyframe_interval.count > 0)
                .then_some(self.keyframe_interval),
            freezes: self.freezes,
            max_frame_gap_ms: self.max_gap_ms,
            resolution: None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use rtcinspect_wire::rtp::RtpRepr;

    /// VP8 descriptor X=1 S=1 PID=0, I=1 M=1 picture ID 0x1234, then a VP8 payload
    /// header with P=0 and the keyframe start code 9d 01 2a (RFC 7741, RFC 6386).
    const KEY: [u8; 14] = [
        0x90, 0x80, 0x92, 0x34, 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01,
    ];
    /// The same with P=1 (an inter frame).
    const DELTA: [u8; 8] = [0x90, 0x80, 0x92, 0x35, 0x11, 0x02, 0x00, 0x00];

    #[test]
    fn frames_keyframes_and_freezes() {
        // 40 frames, one packet each, 33.333 ms apart except a 500 ms gap before
        // frame 21; keyframes are frames 0 and 30.
        let mut v = VideoState::default();
        let mut t = 0.0f64;
        let mut keyframe_times = Vec::new();
        for k in 0..40u32 {
            if k > 0 {
                t += if k == 21 { 500.0 } else { 100.0 / 3.0 };
            }
            let payload: &[u8] = if k == 0 || k == 30 { &KEY } else { &DELTA };
            let repr = RtpRepr {
                payload_type: 96,
                sequence_number: k as u16,
                timestamp: 3000 * k,
                payload,
                ..Default::default()
            };
            let buf = repr.emit_vec_owned();
            let pkt = RtpPacket::new_checked(&buf[..]).unwrap();
            let ev = v.packet(
                (t * 1e6) as i64,
                i64::from(3000 * k),
                &pkt,
                Some(Codec::Vp8),
            );
            assert!(ev.frame);
            if let Some(at) = ev.keyframe_at {
                keyframe_times.push(at);
            }
        }
        let r = v.report(0, 0);
        assert_eq!(r.frames, 40);
        assert_eq!(r.keyframes, Some(2));
        assert_eq!(keyframe_times.len(), 2);
        // Frame 30 is at 29 × 33.333 + 500 = 1466.667 ms after frame 0.
        let interval = r.keyframe_interval_ms.unwrap();
        assert_eq!(interval.count, 1);
        assert!((interval.mean - (29.0 * 100.0 / 3.0 + 500.0)).abs() < 1e-3);
        // The median gap is 33.3 ms, so the threshold is max(100, 183.3) ms: only the
        // 500 ms gap is a freeze.
        assert_eq!(r.freezes, 1);
        assert!((r.max_frame_gap_ms.unwrap() - 500.0).abs() < 1e-3);
        // Frame sizes: payload bytes, 14 twice and 8 otherwise.
        let sizes = r.frame_bytes.unwrap();
        assert_eq!((sizes.count, sizes.min, sizes.max), (40, 8.0, 14.0));
    }

    trait EmitOwned {
        fn emit_vec_owned(&self) -> Vec<u8>;
    }

    impl EmitOwned for RtpRepr<'_> {
        fn emit_vec_owned(&self) -> Vec<u8> {
            let mut buf = vec![0u8; self.buffer_len()];
            self.emit(&mut buf).unwrap();
            buf
        }
    }
}
