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
