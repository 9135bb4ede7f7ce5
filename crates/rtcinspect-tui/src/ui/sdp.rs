//! Session descriptions: which ones were seen, and the selected one's text with
//! the lines its lint findings mention highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use rtcinspect_analysis::report::SdpReport;

use super::{Theme, clip, fmt_addr};
use crate::app::App;

fn describe(s: &SdpReport) -> String {
    let at =
        s.at.map(|a| format!(" frame {}", a.frame))
            .unwrap_or_default();
    format!(
        "{} {}{at} from {}{}",
        s.origin,
        s.kind.as_deref().unwrap_or("sdp"),
        fmt_addr(s.from),
        s.file
            .as_ref()
            .map(|f| format!(" ({f})"))
            .unwrap_or_default(),
    )
}

/// True when a lint message names this line's attribute (`a=name` or `m=`...).
fn flagged(line: &str, lint: &[String]) -> bool {
    let key = line.split([':', ' ']).next().unwrap_or(line);
    key.len() > 2 && lint.iter().any(|m| m.contains(key))
}

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let list = &app.report.sdp;
    if list.is_empty() {
        Paragraph::new(
            "No session description: none in the capture's signalling, none given with --sdp.",
        )
        .style(th.dim())
        .block(Block::bordered().title(" SDP ").border_style(th.dim()))
        .render(area, buf);
        return;
    }
    let list_h = (list.len() as u16 + 2).min(area.height / 3).max(3);
    let Some(sel) = list.get(app.sdp_selected) else {
        return;
    };
    let lint_h = if sel.lint.is_empty() {
        0
    } else {
        (sel.lint.len() as u16 + 2).min(area.height / 4)
    };
    let [top, lint, text] = Layout::vertical([
        Constraint::Length(list_h),
        Constraint::Length(lint_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let w = usize::from(area.width.saturating_sub(4));
    let items: Vec<Line<'_>> = list
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let style = if i == app.sdp_selected {
                th.selected()
            } else {
                Style::default()
            };
            let warn = if s.lint.is_empty() {
                String::new()
            } else {
                format!("  [{} lint]", s.lint.len())
            };
            Line::styled(clip(&format!("{i:>2}. {}{warn}", describe(s)), w), style)
        })
        .collect();
    let first = app
        .sdp_selected
        .saturating_sub(usize::from(list_h.saturating_sub(3)));
    Paragraph::new(items)
        .scroll((first as u16, 0))
        .block(
            Block::bordered()
                .title(format!(" SDP ({}) ←/→ choose ", list.len()))
                .border_style(th.dim()),
        )
        .render(top, buf);
    if lint_h > 0 {
        let lines: Vec<Line<'_>> = sel
            .lint
            .iter()
            .map(|m| Line::styled(format!("⚠ {m}"), th.warn()))
            .collect();
        Paragraph::new(lines)
            .block(Block::bordered().title(" lint ").border_style(th.warn()))
            .render(lint, buf);
    }
    let lines: Vec<Line<'_>> = sel
        .text
        .lines()
        .map(|line| {
            if flagged(line, &sel.lint) {
                Line::from(vec![
                    Span::styled(line.to_owned(), th.warn()),
                    Span::styled("  ◀ lint", th.warn()),
                ])
            } else if line.starts_with("m=") {
                Line::styled(line.to_owned(), th.header())
            } else {
                Line::raw(line.to_owned())
            }
        })
        .collect();
    let scroll = app.sdp_scroll.min(lines.len().saturating_sub(1));
    Paragraph::new(lines)
        .scroll((scroll.min(u16::MAX as usize) as u16, 0))
        .block(Block::bordered().title(" text ").border_style(th.dim()))
        .render(text, buf);
}
