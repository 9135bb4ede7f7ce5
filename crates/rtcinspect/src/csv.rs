//! CSV: one row per RTP stream, the nested RTCP, video and audio objects flattened
//! into prefixed columns (`rtcp_`, `video_`, `audio_`). Quoting follows RFC 4180.

use std::io::{self, Write};

use rtcinspect_analysis::Report;
use rtcinspect_analysis::report::{ClockRateSource, MediaKind, Stat, StreamReport};

/// The columns, in order.
pub(crate) const COLUMNS: &[&str] = &[
    "ssrc",
    "ssrc_hex",
    "src",
    "dst",
    "transport",
    "payload_type",
    "payload_types",
    "codec",
    "clock_rate",
    "clock_rate_source",
    "media",
    "mid",
    "rid",
    "srtp",
    "turn_channel",
    "turn_peer",
    "packets",
    "bytes",
    "header_bytes",
    "payload_bytes",
    "first_seen",
    "last_seen",
    "first_seq",
    "last_seq",
    "seq_cycles",
    "seq_resets",
    "expected",
    "lost",
    "lost_percent",
    "duplicates",
    "out_of_order",
    "markers",
    "min_delta_ms",
    "mean_delta_ms",
    "max_delta_ms",
    "jitter_ms",
    "jitter_ts",
    "mean_jitter_ms",
    "max_jitter_ms",
    "max_skew_ms",
    "clock_drift_ms",
    "clock_drift_ppm",
    "mean_bitrate_bps",
    "max_bitrate_bps",
    "mean_packet_rate_pps",
    "max_packet_rate_pps",
    "timestamp_jumps",
    "extensions",
    "rtx_role",
    "rtx_ssrc",
    "rtx_how",
    "rtx_retransmissions",
    "fec_protects",
    "rtcp_sender_reports",
    "rtcp_receiver_reports",
    "rtcp_last_rr_fraction_lost_percent",
    "rtcp_last_rr_cumulative_lost",
    "rtcp_last_rr_jitter_ms",
    "rtcp_max_fraction_lost_percent",
    "rtcp_max_reported_jitter_ms",
    "rtcp_rtt_ms_count",
    "rtcp_rtt_ms_min",
    "rtcp_rtt_ms_mean",
    "rtcp_rtt_ms_max",
    "rtcp_xr_rtt_ms_mean",
    "rtcp_nacks",
    "rtcp_nacked_packets",
    "rtcp_nacked_retransmitted",
    "rtcp_mean_retransmit_delay_ms",
    "rtcp_plis",
    "rtcp_firs",
    "rtcp_mean_keyframe_delay_ms",
    "rtcp_rembs",
    "rtcp_last_remb_bps",
    "rtcp_twcc_feedbacks",
    "rtcp_twcc_received",
    "rtcp_twcc_lost",
    "rtcp_bye",
    "rtcp_encrypted",
    "video_frames",
    "video_fps",
    "video_frame_bytes_mean",
    "video_keyframes",
    "video_keyframe_interval_ms_mean",
    "video_freezes",
    "video_max_frame_gap_ms",
    "video_width",
    "video_height",
    "audio_level_mean",
    "audio_level_min",
    "audio_level_max",
    "audio_voice_packets",
    "audio_level_packets",
    "session",
];

/// Quotes a field when it holds a comma, a quote or a line break (RFC 4180 §2).
pub(crate) fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn o<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn f(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

fn of(v: Option<f64>) -> String {
    v.map(f).unwrap_or_default()
}

fn stat(s: Option<Stat>, pick: fn(&Stat) -> f64) -> String {
    s.map(|s| f(pick(&s))).unwrap_or_default()
}

fn row(s: &StreamReport) -> Vec<String> {
    let q = &s.rtcp;
    let video = s.video.as_ref();
    let audio = s.audio.as_ref();
    let media = match s.media {
        MediaKind::Audio => "audio",
        MediaKind::Video => "video",
        MediaKind::Rtx => "rtx",
        MediaKind::Fec => "fec",
        MediaKind::Unknown => "unknown",
    };
    let source = match s.clock_rate_source {
        ClockRateSource::Sdp => "sdp",
        ClockRateSource::Static => "static",
        ClockRateSource::Estimated => "estimated",
        ClockRateSource::Unknown => "unknown",
    };
    let extensions: Vec<String> = s
        .extensions
        .iter()
        .map(|e| format!("{}={}", e.id, e.uri.as_deref().unwrap_or("?")))
        .collect();
    vec![
        s.ssrc.to_string(),
        format!("0x{:08x}", s.ssrc),
        o(s.src),
        o(s.dst),
        s.transport.clone(),
        s.payload_type.to_string(),
        s.payload_types
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        o(s.codec.clone()),
        o(s.clock_rate),
        source.to_owned(),
        media.to_owned(),
        o(s.mid.clone()),
        o(s.rid.clone()),
        s.srtp.to_string(),
        o(s.turn.as_ref().and_then(|t| t.channel)),
        o(s.turn.as_ref().and_then(|t| t.peer)),
        s.packets.to_string(),
        s.bytes.to_string(),
        s.header_bytes.to_string(),
        s.payload_bytes.to_string(),
        f(s.first_seen),
        f(s.last_seen),
        s.first_seq.to_string(),
        s.last_seq.to_string(),
        s.seq_cycles.to_string(),
        s.seq_resets.to_string(),
        s.expected.to_string(),
        s.lost.to_string(),
        f(s.lost_percent),
        s.duplicates.to_string(),
        s.out_of_order.to_string(),
        s.markers.to_string(),
        of(s.min_delta_ms),
        of(s.mean_delta_ms),
        of(s.max_delta_ms),
        of(s.jitter_ms),
        of(s.jitter_ts),
        of(s.mean_jitter_ms),
        of(s.max_jitter_ms),
        of(s.max_skew_ms),
        of(s.clock_drift_ms),
        of(s.clock_drift_ppm),
        f(s.mean_bitrate_bps),
        f(s.max_bitrate_bps),
        f(s.mean_packet_rate_pps),
        f(s.max_packet_rate_pps),
        s.timestamp_jumps.to_string(),
        extensions.join(" "),
        o(s.rtx.as_ref().map(|r| r.role.clone())),
        o(s.rtx.as_ref().map(|r| r.ssrc)),
        o(s.rtx.as_ref().map(|r| r.how.clone())),
        o(s.rtx.as_ref().map(|r| r.retransmissions)),
        o(s.fec_protects),
        q.sender_reports.to_string(),
        q.receiver_reports.to_string(),
        of(q.last_rr.map(|b| b.fraction_lost_percent)),
        o(q.last_rr.map(|b| b.cumulative_lost)),
        of(q.last_rr.and_then(|b| b.jitter_ms)),
        of(q.max_fraction_lost_percent),
        of(q.max_reported_jitter_ms),
        o(q.rtt_ms.map(|s| s.count)),
        stat(q.rtt_ms, |s| s.min),
        stat(q.rtt_ms, |s| s.mean),
        stat(q.rtt_ms, |s| s.max),
        stat(q.xr_rtt_ms, |s| s.mean),
        q.nacks.to_string(),
        q.nacked_packets.to_string(),
        q.nacked_retransmitted.to_string(),
        of(q.mean_retransmit_delay_ms),
        q.plis.to_string(),
        q.firs.to_string(),
        of(q.mean_keyframe_delay_ms),
        q.rembs.to_string(),
        of(q.last_remb_bps),
        q.twcc_feedbacks.to_string(),
        q.twcc_received.to_string(),
        q.twcc_lost.to_string(),
        q.bye.to_string(),
        q.encrypted.to_string(),
        o(video.map(|v| v.frames)),
        of(video.and_then(|v| v.fps)),
        stat(video.and_then(|v| v.frame_bytes), |s| s.mean),
        o(video.and_then(|v| v.keyframes)),
        stat(video.and_then(|v| v.keyframe_interval_ms), |s| s.mean),
        o(video.map(|v| v.freezes)),
        of(video.and_then(|v| v.max_frame_gap_ms)),
        o(video.and_then(|v| v.resolution).map(|r| r.0)),
        o(video.and_then(|v| v.resolution).map(|r| r.1)),
        stat(audio.and_then(|a| a.level), |s| s.mean),
        stat(audio.and_then(|a| a.level), |s| s.min),
        stat(audio.and_then(|a| a.level), |s| s.max),
        o(audio.map(|a| a.voice_packets)),
        o(audio.map(|a| a.level_packets)),
        o(s.session),
    ]
}

/// Writes the header and one row per stream.
pub(crate) fn write_csv(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(out, "{}", COLUMNS.join(","))?;
    for s in &r.streams {
        let fields: Vec<String> = row(s).iter().map(|v| quote(v)).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quoting_rfc4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    /// A small RFC 4180 reader for the test.
    fn parse(line: &str) -> Vec<String> {
        let (mut fields, mut cur, mut quoted, mut chars) =
            (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        fields.push(cur);
        fields
    }

    #[test]
    fn fixture_rows() {
        let mut out = Vec::new();
        write_csv(&mut out, &crate::fixture::report()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        let header = parse(lines[0]);
        assert_eq!(header, COLUMNS);
        let col = |row: &[String], name: &str| {
            row[COLUMNS.iter().position(|c| *c == name).unwrap()].clone()
        };
        let audio = parse(lines[1]);
        let video = parse(lines[2]);
        assert_eq!(audio.len(), COLUMNS.len());
        assert_eq!(col(&audio, "ssrc"), "287454020"); // 0x11223344
        assert_eq!(col(&audio, "src"), "[2001:db8::1]:5004");
        assert_eq!(col(&audio, "lost"), "20");
        assert_eq!(col(&audio, "lost_percent"), "2");
        assert_eq!(col(&audio, "rtcp_rtt_ms_mean"), "12"); // (10 + 14) / 2
        assert_eq!(col(&audio, "rtcp_rtt_ms_count"), "2");
        assert_eq!(col(&audio, "video_frames"), "");
        assert_eq!(col(&audio, "clock_rate_source"), "sdp");
        // The RID with a comma and quotes survives the round trip.
        assert_eq!(col(&video, "rid"), "x,\"y\"");
        assert_eq!(col(&video, "turn_channel"), "16385"); // 0x4001
        assert_eq!(col(&video, "turn_peer"), "192.0.2.7:50000");
        assert_eq!(col(&video, "video_frames"), "600");
        assert_eq!(col(&video, "video_fps"), "30");
        assert_eq!(col(&video, "rtcp_plis"), "2");
        assert!(lines[2].contains(",\"x,\"\"y\"\"\","));
    }

    #[test]
    fn row_has_one_field_per_column() {
        let s = StreamReport::default();
        assert_eq!(row(&s).len(), COLUMNS.len());
    }
}
