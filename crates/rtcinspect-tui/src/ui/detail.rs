//! One stream: charts over time (bitrate, packet rate, loss, jitter, RTT, fps) with a
//! time cursor, and beside them what the report says about the stream: SDP facts,
//! RTCP feedback, video and audio, findings.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};

use rtcinspect_analysis::report::{ClockRateSource, MediaKind, StreamReport, StreamSeries};

use super::streams::media;
use super::{Theme, fmt_addr, fmt_bps, fmt_count, fmt_opt};
use crate::app::App;

/// One chart: title, unit, and the values (per series point).
struct ChartSpec {
    title: &'static str,
    unit: &'static str,
    values: Vec<Option<f64>>,
}

fn specs(s: &StreamSeries) -> Vec<ChartSpec> {
    vec![
        ChartSpec {
            title: "bitrate",
            unit: "kbit/s",
            values: s.bitrate_bps.iter().map(|v| Some(v / 1000.0)).collect(),
        },
        ChartSpec {
            title: "packet rate",
            unit: "pkt/s",
            values: s.packet_rate_pps.iter().map(|v| Some(*v)).collect(),
        },
        ChartSpec {
            title: "loss",
            unit: "pkts",
            values: s.lost.iter().map(|v| Some(*v)).collect(),
        },
        ChartSpec {
            title: "jitter",
            unit: "ms",
            values: s.jitter_ms.clone(),
        },
        ChartSpec {
            title: "RTT",
            unit: "ms",
            values: s.rtt_ms.clone(),
        },
        ChartSpec {
            title: "fps",
            unit: "frames/s",
            values: s.fps.clone(),
        },
    ]
}

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let Some(s) = app.detail_stream() else {
        Line::styled(
            "The stream is no longer in the report. Esc: back.",
            th.dim(),
        )
        .render(area, buf);
        return;
    };
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let info_w = (area.width * 2 / 5).clamp(34, 56).min(area.width / 2);
    let [charts, info] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(info_w)]).areas(rest);
    head_line(app, s, th).render(head, buf);
    render_charts(app, s, charts, buf, th);
    let block = Block::bordered().title(" stream ").border_style(th.dim());
    Paragraph::new(info_lines(app, s, th))
        .block(block)
        .render(info, buf);
}

fn head_line(app: &App, s: &StreamReport, th: Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled(format!("SSRC 0x{:08X} ", s.ssrc), th.header()),
        Span::raw(format!("{} → {} ", fmt_addr(s.src), fmt_addr(s.dst))),
        Span::styled(
            format!("{} {} ", s.codec.as_deref().unwrap_or("?"), media(s.media)),
            th.accent(),
        ),
    ];
    match (app.cursor, &s.series) {
        (Some(i), Some(series)) => {
            let v = |x: Option<&f64>| x.copied();
            let o = |x: Option<&Option<f64>>| x.copied().flatten();
            spans.push(Span::styled(
                format!(
                    "│ t=+{:.0}s: {} bit/s, {} pkt/s, lost {}, jitter {} ms, RTT {} ms, fps {}",
                    i as f64 * series.step_s,
                    v(series.bitrate_bps.get(i)).map_or("-".into(), fmt_bps),
                    fmt_opt(v(series.packet_rate_pps.get(i)), 0),
                    fmt_opt(v(series.lost.get(i)), 0),
                    fmt_opt(o(series.jitter_ms.get(i)), 1),
                    fmt_opt(o(series.rtt_ms.get(i)), 1),
                    fmt_opt(o(series.fps.get(i)), 0),
                ),
                th.warn(),
            ));
        }
        _ => spans.push(Span::styled("│ ←/→ time cursor, Enter packets", th.dim())),
    }
    Line::from(spans)
}

fn render_charts(app: &App, s: &StreamReport, area: Rect, buf: &mut Buffer, th: Theme) {
    let Some(series) = &s.series else {
        Paragraph::new("No time series for this stream (the analysis ran without series).")
            .style(th.dim())
            .render(area, buf);
        return;
    };
    let rows = Layout::vertical([Constraint::Ratio(1, 3); 3]).split(area);
    let specs = specs(series);
    for (i, spec) in specs.iter().enumerate() {
        let row = rows[i / 2];
        let cells = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(row);
        render_chart(app, series, spec, i, cells[i % 2], buf, th);
    }
}

fn render_chart(
    app: &App,
    series: &StreamSeries,
    spec: &ChartSpec,
    n: usize,
    area: Rect,
    buf: &mut Buffer,
    th: Theme,
) {
    let step = if series.step_s > 0.0 {
        series.step_s
    } else {
        1.0
    };
    // Every chart of a stream spans the same time (a series with no value yet, such
    // as RTT before the first report, is shorter).
    let len = series.bitrate_bps.len().max(spec.values.len());
    let x_end = len as f64 * step;
    let x_start = match app.window_secs() {
        Some(w) => (x_end - f64::from(w)).max(0.0),
        None => 0.0,
    };
    let points: Vec<(f64, f64)> = spec
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64 * step, v)))
        .filter(|(x, v)| *x >= x_start && v.is_finite())
        .collect();
    let y_max = points.iter().map(|p| p.1).fold(0.0f64, f64::max);
    let y_top = if y_max > 0.0 { y_max * 1.1 } else { 1.0 };
    let cursor: Vec<(f64, f64)> = match app.cursor {
        Some(i) if (i as f64 * step) >= x_start => {
            let x = i as f64 * step;
            vec![(x, 0.0), (x, y_top)]
        }
        _ => Vec::new(),
    };
    let last = spec.values.iter().rev().find_map(|v| *v);
    let title = format!(
        " {} {} (last {}) ",
        spec.title,
        spec.unit,
        fmt_opt(last, if y_max >= 100.0 { 0 } else { 1 })
    );
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(th.series(n))
            .data(&points),
    ];
    if !cursor.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(th.warn())
                .data(&cursor),
        );
    }
    let x_labels = vec![
        Span::raw(format!("{x_start:.0}")),
        Span::raw(format!("{x_end:.0}s")),
    ];
    let y_labels = vec![Span::raw("0"), Span::raw(fmt_num(y_max))];
    Chart::new(datasets)
        .block(Block::bordered().title(title).border_style(th.dim()))
        .x_axis(
            Axis::default()
                .bounds([x_start, x_end.max(x_start + step)])
                .labels(x_labels)
                .style(th.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, y_top])
                .labels(y_labels)
                .style(th.dim()),
        )
        .render(area, buf);
}

fn fmt_num(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn kv(th: Theme, k: &str, v: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k:<11}"), th.dim()),
        Span::raw(v),
    ])
}

fn info_lines(app: &App, s: &StreamReport, th: Theme) -> Vec<Line<'static>> {
    let mut l = Vec::new();
    let src = match s.clock_rate_source {
        ClockRateSource::Sdp => "sdp",
        ClockRateSource::Static => "static",
        ClockRateSource::Estimated => "estimated",
        ClockRateSource::Unknown => "unknown",
    };
    l.push(Line::styled("SDP / RTP", th.header()));
    l.push(kv(
        th,
        "codec",
        format!(
            "{} PT {} {} Hz ({src})",
            s.codec.as_deref().unwrap_or("?"),
            s.payload_type,
            s.clock_rate.map_or("?".into(), |r| r.to_string())
        ),
    ));
    if s.mid.is_some() || s.rid.is_some() {
        l.push(kv(
            th,
            "mid / rid",
            format!(
                "{} / {}",
                s.mid.as_deref().unwrap_or("-"),
                s.rid.as_deref().unwrap_or("-")
            ),
        ));
    }
    if let Some(rtx) = &s.rtx {
        l.push(kv(
            th,
            "rtx",
            format!(
                "{} 0x{:08X} ({}, {} rtx)",
                rtx.role, rtx.ssrc, rtx.how, rtx.retransmissions
            ),
        ));
    }
    for e in s.extensions.iter().take(6) {
        let uri = e.uri.as_deref().unwrap_or("?");
        let short = uri.rsplit(['/', ':']).next().unwrap_or(uri);
        l.push(kv(
            th,
            &format!("extmap {}", e.id),
            format!("{short}{}", if e.inferred { " (inferred)" } else { "" }),
        ));
    }
    if s.srtp {
        l.push(kv(th, "SRTP", "payload encrypted".into()));
    }
    l.push(kv(
        th,
        "packets",
        format!("{} of {} expected", fmt_count(s.packets), s.expected),
    ));
    l.push(kv(
        th,
        "lost",
        format!(
            "{} ({:.2}%) dup {} ooo {}",
            s.lost, s.lost_percent, s.duplicates, s.out_of_order
        ),
    ));
    l.push(kv(
        th,
        "jitter ms",
        format!(
            "{} mean {} max {}",
            fmt_opt(s.jitter_ms, 2),
            fmt_opt(s.mean_jitter_ms, 2),
            fmt_opt(s.max_jitter_ms, 2)
        ),
    ));
    l.push(kv(
        th,
        "bitrate",
        format!(
            "{} mean, {} max",
            fmt_bps(s.mean_bitrate_bps),
            fmt_bps(s.max_bitrate_bps)
        ),
    ));
    let r = &s.rtcp;
    l.push(Line::styled("RTCP", th.header()));
    l.push(kv(
        th,
        "SR / RR",
        format!("{} / {}", r.sender_reports, r.receiver_reports),
    ));
    if let Some(rtt) = r.rtt_ms {
        l.push(kv(
            th,
            "RTT ms",
            format!("{:.1} min {:.1} max {:.1}", rtt.mean, rtt.min, rtt.max),
        ));
    }
    l.push(kv(
        th,
        "NACK",
        format!(
            "{} ({} pkts, {} resent)",
            r.nacks, r.nacked_packets, r.nacked_retransmitted
        ),
    ));
    l.push(kv(
        th,
        "PLI / FIR",
        format!(
            "{} / {} keyframe after {} ms",
            r.plis,
            r.firs,
            fmt_opt(r.mean_keyframe_delay_ms, 0)
        ),
    ));
    if r.rembs > 0 || r.twcc_feedbacks > 0 {
        l.push(kv(
            th,
            "REMB/TWCC",
            format!(
                "{} ({}) / {} fb, {} lost",
                r.rembs,
                r.last_remb_bps.map_or("-".into(), fmt_bps),
                r.twcc_feedbacks,
                r.twcc_lost
            ),
        ));
    }
    if let Some(v) = s.video.as_ref().filter(|_| s.media != MediaKind::Audio) {
        l.push(Line::styled("video", th.header()));
        l.push(kv(
            th,
            "frames",
            format!("{} at {} fps", v.frames, fmt_opt(v.fps, 1)),
        ));
        l.push(kv(
            th,
            "keyframes",
            format!(
                "{} every {} ms",
                v.keyframes.map_or("?".into(), |k| k.to_string()),
                fmt_opt(v.keyframe_interval_ms.map(|k| k.mean), 0)
            ),
        ));
        l.push(kv(
            th,
            "freezes",
            format!(
                "{} (longest gap {} ms)",
                v.freezes,
                fmt_opt(v.max_frame_gap_ms, 0)
            ),
        ));
        if let Some((w, h)) = v.resolution {
            l.push(kv(th, "resolution", format!("{w}×{h}")));
        }
    }
    if let Some(a) = &s.audio {
        l.push(Line::styled("audio", th.header()));
        l.push(kv(
            th,
            "level",
            format!(
                "-{} dBov mean, voice {} of {}",
                fmt_opt(a.level.map(|x| x.mean), 0),
                a.voice_packets,
                a.level_packets
            ),
        ));
    }
    let findings: Vec<_> = app
        .report
        .findings
        .iter()
        .filter(|f| f.ssrc == Some(s.ssrc))
        .collect();
    if !findings.is_empty() {
        l.push(Line::styled(
            format!("findings ({})", findings.len()),
            th.header(),
        ));
        for f in findings {
            l.push(Line::styled(
                format!("#{} {}: {}", f.at.frame, f.kind, f.message),
                th.severity(f.severity),
            ));
        }
    }
    l
}
