//! The packet list (only the rows on screen are built, so millions of rows cost
//! nothing), the selected packet's header fields as a tree, and its bytes in hex.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget};

use super::{Theme, clip, fmt_addr, fmt_count, packet_list_height};
use crate::app::{App, PacketFocus};
use crate::packets::TreeNode;

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let list_h = packet_list_height(area);
    let [list, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(area);
    render_list(app, list, buf, th);
    let [tree, hex] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(detail);
    render_detail(app, tree, hex, buf, th);
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer, th: Theme) {
    let scope = match app.packet_scope {
        Some(ssrc) => format!("RTP of SSRC 0x{ssrc:08X} (Esc: all)"),
        None => "all datagrams".into(),
    };
    let mut title = format!(
        " Packets {} — {scope} ",
        fmt_count(app.packet_count() as u64)
    );
    if !app.packet_filter.is_empty() {
        title.push_str(&format!("matching /{} ", app.packet_filter));
    }
    if app.packets.dropped > 0 {
        title.push_str(&format!(
            "(index full: {} not listed) ",
            fmt_count(app.packets.dropped)
        ));
    }
    let focus = if app.packet_focus == PacketFocus::List {
        th.accent()
    } else {
        th.dim()
    };
    let block = Block::bordered().title(title).border_style(focus);
    let inner = block.inner(area);
    block.render(area, buf);
    let fixed = 7 + 10 + 7 + 5 + 5;
    let flow_w = (inner.width.saturating_sub(fixed) * 11 / 20).max(10);
    let info_w = inner.width.saturating_sub(fixed + flow_w);
    let widths = [
        Constraint::Length(7),
        Constraint::Length(10),
        Constraint::Length(flow_w),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(info_w),
    ];
    let header = Row::new([
        "No.",
        "Time",
        "Source → Destination",
        "Proto",
        "  Len",
        "Info",
    ])
    .style(th.header());
    let base_ns = app
        .report
        .capture
        .first_time
        .map(|t| (t * 1e9) as i64)
        .or_else(|| app.packets.rows.first().map(|r| r.timestamp_ns))
        .unwrap_or(0);
    let shown = usize::from(inner.height.saturating_sub(1));
    let rows = (app.packet_list.offset..app.packet_list.offset + shown).filter_map(|n| {
        let row = app.packets.rows.get(app.packet_position(n)?)?;
        let flow = app
            .packets
            .flow(row)
            .map(|f| format!("{} → {}", fmt_addr(Some(f.src)), fmt_addr(Some(f.dst))))
            .unwrap_or_else(|| "(flow table full)".into());
        let t = (row.timestamp_ns - base_ns) as f64 / 1e9;
        let style = if n == app.packet_list.selected {
            th.selected()
        } else {
            ratatui::style::Style::default()
        };
        Some(
            Row::new([
                Cell::from(row.frame.to_string()),
                Cell::from(format!("{t:.6}")),
                Cell::from(clip(&flow, usize::from(flow_w))),
                Cell::from(row.protocol()),
                Cell::from(format!("{:>5}", row.len)),
                Cell::from(row.summary()),
            ])
            .style(style),
        )
    });
    Table::new(rows, widths).header(header).render(inner, buf);
    if app.packet_count() == 0 {
        let msg = if app.packets.rows.is_empty() {
            "No packet yet."
        } else {
            "No RTP packet of this SSRC."
        };
        Line::styled(msg, th.dim()).render(
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

fn render_detail(app: &App, tree_area: Rect, hex_area: Rect, buf: &mut Buffer, th: Theme) {
    let focus = if app.packet_focus == PacketFocus::Detail {
        th.accent()
    } else {
        th.dim()
    };
    let tree_block = Block::bordered().title(" detail ").border_style(focus);
    let hex_block = Block::bordered().title(" bytes ").border_style(th.dim());
    let Some(d) = &app.packet_detail else {
        Paragraph::new("Select a packet.")
            .style(th.dim())
            .block(tree_block)
            .render(tree_area, buf);
        hex_block.render(hex_area, buf);
        return;
    };
    let Some(bytes) = &d.bytes else {
        Paragraph::new("Reading the packet from the file…")
            .style(th.dim())
            .block(tree_block)
            .render(tree_area, buf);
        hex_block.render(hex_area, buf);
        return;
    };
    let mut flat = Vec::new();
    TreeNode::flatten(&d.tree, 0, &mut flat);
    let lines: Vec<Line<'_>> = flat
        .iter()
        .skip(app.tree_scroll)
        .map(|(depth, n)| {
            let marker = if n.children.is_empty() { "  " } else { "▾ " };
            let style = if *depth == 0 {
                th.header()
            } else {
                ratatui::style::Style::default()
            };
            Line::styled(format!("{}{marker}{}", "  ".repeat(*depth), n.label), style)
        })
        .collect();
    Paragraph::new(lines)
        .block(tree_block)
        .render(tree_area, buf);

    let inner_w = hex_area.width.saturating_sub(2);
    let per_line = if inner_w >= 6 + 16 * 3 + 16 { 16 } else { 8 };
    let lines: Vec<Line<'_>> = bytes
        .chunks(per_line)
        .take(usize::from(hex_area.height.saturating_sub(2)))
        .enumerate()
        .map(|(i, chunk)| {
            let hex: String = chunk.iter().map(|b| format!("{b:02x} ")).collect();
            let ascii: String = chunk
                .iter()
                .map(|&b| {
                    if (0x20..0x7f).contains(&b) {
                        b as char
                    } else {
                        '.'
                    }
                })
                .collect();
            Line::from(vec![
                Span::styled(format!("{:04x}  ", i * per_line), th.dim()),
                Span::raw(format!("{hex:<w$}", w = per_line * 3)),
                Span::styled(ascii, th.dim()),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(format!(" bytes ({}) ", bytes.len()))
                .border_style(th.dim()),
        )
        .render(hex_area, buf);
}
