//! The streams table: one row per RTP stream, columns chosen to fit the width, a
//! bitrate trend per row, colour for streams in trouble.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

use rtcinspect_analysis::report::{MediaKind, Severity, StreamReport};

use super::{Theme, clip, fmt_addr, fmt_bps, fmt_count, fmt_opt, sparkline};
use crate::app::App;

/// A column: header, width, and how to fill it.
#[derive(Clone, Copy)]
struct Column {
    header: &'static str,
    width: u16,
    cell: fn(&StreamReport, u16) -> String,
    right: bool,
}

/// Columns in the order they are dropped last-first when the width is short.
const COLUMNS: &[Column] = &[
    Column {
        header: "SSRC",
        width: 10,
        cell: |s, _| format!("0x{:08X}", s.ssrc),
        right: false,
    },
    Column {
        header: "src → dst",
        width: 0,
        cell: flow,
        right: false,
    },
    Column {
        header: "codec",
        width: 6,
        cell: |s, w| clip(s.codec.as_deref().unwrap_or("-"), w.into()),
        right: false,
    },
    Column {
        header: "pkts",
        width: 8,
        cell: |s, _| fmt_count(s.packets),
        right: true,
    },
    Column {
        header: "bitrate",
        width: 7,
        cell: |s, _| fmt_bps(s.mean_bitrate_bps),
        right: true,
    },
    Column {
        header: "loss%",
        width: 6,
        cell: |s, _| format!("{:.1}", s.lost_percent),
        right: true,
    },
    Column {
        header: "jit ms",
        width: 6,
        cell: |s, _| fmt_opt(s.jitter_ms, 1),
        right: true,
    },
    Column {
        header: "media",
        width: 5,
        cell: |s, _| media(s.media).into(),
        right: false,
    },
    Column {
        header: "RTT ms",
        width: 6,
        cell: |s, _| fmt_opt(s.rtcp.rtt_ms.map(|r| r.mean), 1),
        right: true,
    },
    Column {
        header: "NACK",
        width: 5,
        cell: |s, _| s.rtcp.nacks.to_string(),
        right: true,
    },
    Column {
        header: "PLI",
        width: 4,
        cell: |s, _| s.rtcp.plis.to_string(),
        right: true,
    },
    Column {
        header: "mid/rid",
        width: 7,
        cell: mid_rid,
        right: false,
    },
    Column {
        header: "SRTP",
        width: 4,
        cell: |s, _| if s.srtp { "yes" } else { "no" }.into(),
        right: false,
    },
    Column {
        header: "bitrate trend",
        width: 14,
        cell: trend,
        right: false,
    },
];

const FLOW_MIN: u16 = 20;
const FLOW_MAX: u16 = 50;

pub(crate) fn media(m: MediaKind) -> &'static str {
    match m {
        MediaKind::Audio => "audio",
        MediaKind::Video => "video",
        MediaKind::Rtx => "rtx",
        MediaKind::Fec => "fec",
        _ => "?",
    }
}

fn flow(s: &StreamReport, w: u16) -> String {
    clip(
        &format!("{} → {}", fmt_addr(s.src), fmt_addr(s.dst)),
        usize::from(w),
    )
}

fn mid_rid(s: &StreamReport, w: u16) -> String {
    let t = match (&s.mid, &s.rid) {
        (Some(m), Some(r)) => format!("{m}/{r}"),
        (Some(m), None) => m.clone(),
        (None, Some(r)) => format!("/{r}"),
        (None, None) => "-".into(),
    };
    clip(&t, w.into())
}

fn trend(s: &StreamReport, w: u16) -> String {
    s.series
        .as_ref()
        .map(|x| sparkline(&x.bitrate_bps, usize::from(w)))
        .unwrap_or_default()
}

/// The columns that fit in `width`, with their widths.
fn fit(width: u16) -> Vec<(Column, u16)> {
    let mut used = 0u16;
    let mut out = Vec::new();
    for c in COLUMNS {
        let w = if c.width == 0 { FLOW_MIN } else { c.width };
        let need = w + u16::from(!out.is_empty());
        if used + need > width {
            break;
        }
        used += need;
        out.push((*c, w));
    }
    // The flow column takes what is left, up to a point.
    let spare = width.saturating_sub(used);
    for (c, w) in &mut out {
        if c.width == 0 {
            *w += spare.min(FLOW_MAX - FLOW_MIN);
        }
    }
    out
}

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let order = if app.sort_desc { "↓" } else { "↑" };
    let title = format!(
        " Streams {}/{}  sort: {} {order} ",
        app.order.len(),
        app.report.streams.len(),
        app.sort.name(),
    );
    let block = Block::bordered().title(title).border_style(th.dim());
    let inner = block.inner(area);
    block.render(area, buf);
    if app.report.streams.is_empty() {
        let msg = if app.progress.done || app.ended {
            "No RTP stream in this capture."
        } else {
            "No RTP stream yet…"
        };
        ratatui::text::Line::styled(msg, th.dim()).render(inner, buf);
        return;
    }
    let cols = fit(inner.width);
    let header = Row::new(
        cols.iter()
            .map(|(c, w)| Cell::from(align(c.header, *w, c.right))),
    )
    .style(th.header());
    let rows_shown = usize::from(inner.height.saturating_sub(1));
    let rows = app
        .order
        .iter()
        .enumerate()
        .skip(app.streams.offset)
        .take(rows_shown)
        .filter_map(|(pos, &i)| {
            let s = app.report.streams.get(i)?;
            let style = if pos == app.streams.selected {
                th.selected()
            } else {
                trouble_style(app, s, th)
            };
            Some(
                Row::new(
                    cols.iter()
                        .map(|(c, w)| Cell::from(align(&(c.cell)(s, *w), *w, c.right))),
                )
                .style(style),
            )
        });
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    Table::new(rows, widths).header(header).render(inner, buf);
}

fn align(s: &str, w: u16, right: bool) -> String {
    let w = usize::from(w);
    if right {
        format!("{s:>w$}")
    } else {
        s.to_owned()
    }
}

/// Red for streams with an error finding or heavy loss, yellow for a warning or
/// noticeable loss or jitter. Display thresholds only.
pub(crate) fn trouble_style(app: &App, s: &StreamReport, th: Theme) -> Style {
    let finding = app.severity.get(&s.ssrc).copied();
    if finding == Some(Severity::Error) || s.lost_percent >= 5.0 {
        th.error()
    } else if finding == Some(Severity::Warning)
        || s.lost_percent >= 1.0
        || s.jitter_ms.is_some_and(|j| j >= 30.0)
    {
        th.warn()
    } else {
        Style::default()
    }
}
