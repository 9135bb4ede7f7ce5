//! Rendering: one function of `(&App, Rect, &mut Buffer)` per panel. Nothing here
//! changes state or computes a statistic; numbers come from the [`Report`] as they are.
//!
//! [`Report`]: rtcinspect_analysis::Report

mod detail;
mod help;
mod ice;
mod overview;
mod packets;
mod sdp;
mod streams;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{App, View};

/// Draws the whole dashboard.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (tabs, body, status) = areas(area);
    render_tabs(app, tabs, buf);
    match app.view {
        View::Overview => overview::render(app, body, buf),
        View::Streams if app.detail.is_some() => detail::render(app, body, buf),
        View::Streams => streams::render(app, body, buf),
        View::Packets => packets::render(app, body, buf),
        View::IceDtls => ice::render(app, body, buf),
        View::Sdp => sdp::render(app, body, buf),
    }
    render_status(app, status, buf);
    if app.help {
        help::render(app, body, buf);
    }
}

/// Tab bar, body, status line.
fn areas(area: Rect) -> (Rect, Rect, Rect) {
    let tabs = Rect {
        height: area.height.min(1),
        ..area
    };
    let status = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    (tabs, body, status)
}

fn body_of(size: (u16, u16)) -> Rect {
    areas(Rect::new(0, 0, size.0, size.1)).1
}

/// Lines of the body.
pub(crate) fn body_rows(size: (u16, u16)) -> usize {
    usize::from(body_of(size).height)
}

/// Rows of the streams table that show streams.
pub(crate) fn streams_rows(size: (u16, u16)) -> usize {
    usize::from(body_of(size).height.saturating_sub(3))
}

/// Which streams row (0 = first shown) a terminal row is.
pub(crate) fn streams_row_at(size: (u16, u16), row: u16) -> Option<usize> {
    let body = body_of(size);
    let first = body.y + 2;
    (row >= first && usize::from(row - first) < streams_rows(size))
        .then(|| usize::from(row - first))
}

/// Height of the packet list (with its border and header).
fn packet_list_height(body: Rect) -> u16 {
    (body.height * 2 / 5).max(6).min(body.height)
}

/// Rows of the packet list that show packets.
pub(crate) fn packet_rows(size: (u16, u16)) -> usize {
    usize::from(packet_list_height(body_of(size)).saturating_sub(3))
}

/// Which packet row (0 = first shown) a terminal row is.
pub(crate) fn packet_row_at(size: (u16, u16), row: u16) -> Option<usize> {
    let body = body_of(size);
    let first = body.y + 2;
    (row >= first && usize::from(row - first) < packet_rows(size)).then(|| usize::from(row - first))
}

fn tab_labels(app: &App) -> Vec<String> {
    View::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            View::Streams => format!(" {} {} ({}) ", i + 1, v.title(), app.report.streams.len()),
            _ => format!(" {} {} ", i + 1, v.title()),
        })
        .collect()
}

const BRAND: &str = " rtcinspect ";

/// The view index of the tab at a cell of the tab bar.
pub(crate) fn tab_at(app: &App, col: u16, row: u16) -> Option<usize> {
    if row != 0 {
        return None;
    }
    let mut x = BRAND.chars().count() as u16;
    for (i, label) in tab_labels(app).iter().enumerate() {
        let w = label.chars().count() as u16;
        if col >= x && col < x + w {
            return Some(i);
        }
        x += w + 1;
    }
    None
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let mut spans = vec![Span::styled(BRAND, th.brand())];
    for (i, label) in tab_labels(app).into_iter().enumerate() {
        let style = if View::ALL[i] == app.view {
            th.selected()
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::styled("│", th.dim()));
    }
    Line::from(spans).render(area, buf);
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let mut spans = Vec::new();
    let state = if let Some(e) = &app.error {
        Span::styled(format!(" ERROR: {e} "), th.error())
    } else if app.paused {
        Span::styled(" PAUSED ", th.warn().add_modifier(Modifier::REVERSED))
    } else if app.is_live() && !app.ended {
        Span::styled(" LIVE ", th.good().add_modifier(Modifier::REVERSED))
    } else if !app.progress.done && !app.ended {
        match app.progress.percent() {
            Some(p) => Span::styled(format!(" loading {p:.0}% "), th.warn()),
            None => Span::styled(" loading ", th.warn()),
        }
    } else {
        Span::styled(" done ", th.dim())
    };
    spans.push(state);
    let window = match app.window_secs() {
        Some(s) => format!(" window {s}s "),
        None => " window all ".to_owned(),
    };
    spans.push(Span::raw(window));
    if app.is_live() {
        let kd = app.report.capture.kernel_drops.unwrap_or(0);
        spans.push(Span::styled(
            format!(" drops: kernel {kd} ui {} ", app.skipped),
            if kd > 0 { th.warn() } else { th.dim() },
        ));
    }
    let filter = if app.view == View::Packets && app.mode == crate::keymap::InputMode::Filter {
        &app.packet_filter_edit
    } else if app.view == View::Packets {
        &app.packet_filter
    } else {
        &app.filter
    };
    if app.mode == crate::keymap::InputMode::Filter || !filter.is_empty() {
        spans.push(Span::styled(format!(" /{filter} "), th.accent()));
    }
    spans.push(Span::styled(" ? help  q quit ", th.dim()));
    Line::from(spans).render(area, buf);
}

/// Styles, with or without colour (`NO_COLOR`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Theme {
    colors: bool,
}

impl Theme {
    pub(crate) fn of(app: &App) -> Self {
        Theme { colors: app.colors }
    }

    fn pick(self, color: Style, plain: Style) -> Style {
        if self.colors { color } else { plain }
    }

    pub(crate) fn brand(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    pub(crate) fn selected(self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::LightCyan),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub(crate) fn header(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub(crate) fn dim(self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub(crate) fn accent(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub(crate) fn good(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub(crate) fn warn(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub(crate) fn error(self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub(crate) fn severity(self, s: rtcinspect_analysis::report::Severity) -> Style {
        use rtcinspect_analysis::report::Severity;
        match s {
            Severity::Info => self.accent(),
            Severity::Warning => self.warn(),
            Severity::Error => self.error(),
        }
    }

    pub(crate) fn series(self, i: usize) -> Style {
        const C: [Color; 6] = [
            Color::Cyan,
            Color::Green,
            Color::Red,
            Color::Yellow,
            Color::Magenta,
            Color::Blue,
        ];
        self.pick(Style::new().fg(C[i % C.len()]), Style::new())
    }
}

// ---------------------------------------------------------------------------
// Formatting (display only: units and rounding, no statistics)

/// Bits per second as `512k`, `1.20M`.
pub(crate) fn fmt_bps(bps: f64) -> String {
    if !bps.is_finite() {
        return "-".into();
    }
    if bps >= 1e6 {
        format!("{:.2}M", bps / 1e6)
    } else if bps >= 1e3 {
        format!("{:.0}k", bps / 1e3)
    } else {
        format!("{bps:.0}")
    }
}

/// An optional number with a fixed number of decimals, `-` when unknown.
pub(crate) fn fmt_opt(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.decimals$}"),
        _ => "-".into(),
    }
}

/// An address or `?`.
pub(crate) fn fmt_addr(a: Option<std::net::SocketAddr>) -> String {
    a.map_or_else(|| "?".into(), |a| a.to_string())
}

/// A count with thousands separators.
pub(crate) fn fmt_count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Seconds as `1m23.4s`.
pub(crate) fn fmt_duration(s: f64) -> String {
    if !s.is_finite() || s < 0.0 {
        return "-".into();
    }
    if s >= 60.0 {
        format!("{}m{:04.1}s", (s / 60.0).floor() as u64, s % 60.0)
    } else {
        format!("{s:.3}s")
    }
}

/// A string cut to `w` characters, with `…` when cut.
pub(crate) fn clip(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_owned()
    } else if w == 0 {
        String::new()
    } else {
        let mut out: String = s.chars().take(w - 1).collect();
        out.push('…');
        out
    }
}

/// Values as a row of block characters (scaled to their own maximum), the last
/// `width` of them.
pub(crate) fn sparkline(values: &[f64], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let tail = &values[values.len().saturating_sub(width)..];
    let max = tail.iter().copied().fold(0.0f64, f64::max);
    tail.iter()
        .map(|&v| {
            if max <= 0.0 || !v.is_finite() || v <= 0.0 {
                ' '
            } else {
                BARS[((v / max) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_bps(512_300.0), "512k");
        assert_eq!(fmt_bps(1_204_000.0), "1.20M");
        assert_eq!(fmt_count(1_234_567), "1,234,567");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_duration(83.4), "1m23.4s");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(sparkline(&[0.0, 1.0, 2.0], 3), " ▅█");
    }
}
