//! The help overlay: every key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Theme;
use crate::app::App;
use crate::keymap::KEYS;

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let w = 72.min(area.width);
    let h = (KEYS.len() as u16 + 4).min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(r, buf);
    let mut lines: Vec<Line<'_>> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<16}"), th.header()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::styled(" any key closes this help", th.dim()));
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" Help — keys ")
                .border_style(th.accent()),
        )
        .render(r, buf);
}
