//! The capture at a glance: input, duration, packets by protocol, damage, sessions,
//! findings, live drop counters.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Widget};

use rtcinspect_analysis::report::Severity;

use super::{Theme, clip, fmt_count, fmt_duration};
use crate::app::{App, SourceKind};

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let c = &app.report.capture;
    let loading = !app.progress.done && !app.ended && app.progress.percent().is_some();
    let [gauge, top, bottom] = Layout::vertical([
        Constraint::Length(if loading { 1 } else { 0 }),
        Constraint::Length(11.min(area.height)),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(p) = app.progress.percent().filter(|_| loading) {
        Gauge::default()
            .ratio((p / 100.0).clamp(0.0, 1.0))
            .label(format!(
                "read {} of {} bytes",
                fmt_count(app.progress.bytes_read),
                fmt_count(app.progress.bytes_total.unwrap_or(0))
            ))
            .gauge_style(th.accent())
            .render(gauge, buf);
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
    let kv = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:<12}"), th.dim()),
            Span::raw(v),
        ])
    };
    let input = match &app.source {
        SourceKind::Live { interface, filter } => format!(
            "live on {interface}{}",
            filter
                .as_ref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default()
        ),
        _ => c.file.clone().unwrap_or_else(|| "-".into()),
    };
    let duration = match (c.first_time, c.last_time) {
        (Some(a), Some(b)) => fmt_duration(b - a),
        _ => "-".into(),
    };
    let mut lines = vec![
        kv(
            "input",
            clip(&input, usize::from(left.width.saturating_sub(14))),
        ),
        kv(
            "format",
            format!(
                "{} {}",
                c.format.as_deref().unwrap_or("-"),
                c.link_types.join(", ")
            ),
        ),
        kv("duration", duration),
        kv(
            "frames",
            format!("{} ({} bytes)", fmt_count(c.packets), fmt_count(c.bytes)),
        ),
        kv("datagrams", fmt_count(c.datagrams)),
        kv(
            "streams",
            format!(
                "{} RTP, {} sessions, {} SDP",
                app.report.streams.len(),
                app.report.sessions.len(),
                app.report.sdp.len()
            ),
        ),
        kv(
            "ICE / DTLS",
            format!(
                "{} pairs, {} TURN, {} DTLS",
                app.report.ice.pairs.len(),
                app.report.ice.turn.len(),
                app.report.dtls.len()
            ),
        ),
    ];
    let count = |s: Severity| {
        app.report
            .findings
            .iter()
            .filter(|f| f.severity == s)
            .count()
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{:<12}", "findings"), th.dim()),
        Span::styled(format!("{} errors ", count(Severity::Error)), th.error()),
        Span::styled(format!("{} warnings ", count(Severity::Warning)), th.warn()),
        Span::styled(format!("{} info", count(Severity::Info)), th.accent()),
    ]));
    if app.is_live() || c.kernel_drops.is_some() {
        lines.push(kv(
            "drops",
            format!(
                "kernel {}, UI snapshots skipped {} (no packet lost)",
                fmt_count(c.kernel_drops.unwrap_or(0)),
                app.skipped
            ),
        ));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(" capture ").border_style(th.dim()))
        .render(left, buf);

    // Reasons are long: as much of them as fits beside a 9-digit count.
    let name_w = usize::from(right.width.saturating_sub(2 + 1 + 11)).max(8);
    let named_count = |name: &str, n: u64, w: usize| {
        Line::raw(format!("{:<w$} {:>11}", clip(name, w), fmt_count(n)))
    };
    let mut counts = vec![Line::styled("packets by protocol", th.header())];
    for p in &c.protocols {
        counts.push(kv(&p.name, fmt_count(p.count)));
    }
    if !c.malformed.is_empty() {
        counts.push(Line::styled("malformed", th.warn()));
        for m in &c.malformed {
            counts.push(named_count(&m.name, m.count, name_w));
        }
    }
    if !c.unsupported.is_empty() {
        counts.push(Line::styled("unsupported", th.dim()));
        for m in &c.unsupported {
            counts.push(named_count(&m.name, m.count, name_w));
        }
    }
    Paragraph::new(counts)
        .block(
            Block::bordered()
                .title(" protocols ")
                .border_style(th.dim()),
        )
        .render(right, buf);

    let mut f_lines = Vec::new();
    for f in &app.report.findings {
        f_lines.push(Line::from(vec![
            Span::styled(format!("#{:<6} ", f.at.frame), th.dim()),
            Span::styled(format!("{:<22} ", f.kind), th.severity(f.severity)),
            Span::raw(f.message.clone()),
        ]));
    }
    if f_lines.is_empty() {
        f_lines.push(Line::styled("no findings", th.dim()));
    }
    let l = &app.report.limits;
    let dropped =
        l.streams_dropped + l.ice_dropped + l.dtls_dropped + l.findings_dropped + l.sdp_dropped;
    let title = if dropped > 0 {
        format!(
            " findings ({} kept, tables dropped {dropped}) ",
            app.report.findings.len()
        )
    } else {
        format!(" findings ({}) ", app.report.findings.len())
    };
    Paragraph::new(f_lines)
        .block(Block::bordered().title(title).border_style(th.dim()))
        .render(bottom, buf);
}
