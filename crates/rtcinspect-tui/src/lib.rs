//! The interactive terminal dashboard of rtcinspect: webrtc-internals in a terminal,
//! for capture files and live captures.
//!
//! It renders [`Report`](rtcinspect_analysis::Report) snapshots of the analysis
//! engine and computes no statistic itself.
//!
//! ```text
//!  worker thread: Source → Analyzer ─ Snapshot (report + new packet rows) ─┐
//!  input thread:  crossterm keys, mouse, resize ───────────────────────────┤ one channel
//!                                                                          ▼ of Event
//!  UI thread:     Event ─ keymap ─ Action ─ App::update (pure) ─ ui::render(&App, Rect, Buffer)
//! ```
//!
//! The binary calls [`run_file`] (a capture file, when standard output is a terminal:
//! [`stdout_is_terminal`]) or [`run_live`] (`rtcinspect live -i IFACE [-f FILTER]`):
//!
//! ```no_run
//! # fn main() -> Result<(), rtcinspect_tui::Error> {
//! use rtcinspect_tui::{Options, run_file};
//! let status = run_file(&["call.pcap".into()], &Options::default())?;
//! std::process::exit(status.code());
//! # }
//! ```
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod demo;
pub mod event;
pub mod keymap;
pub mod packets;
mod run;
pub mod source;
pub mod ui;

pub use action::Action;
pub use app::App;
pub use run::{Error, ExitStatus, Options, run_file, run_live, run_report, stdout_is_terminal};

/// Draws the dashboard for `app` into a buffer of the given size (tests, benchmarks,
/// and anything that wants a text picture of the dashboard).
pub fn render_to_buffer(app: &App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    ui::render(app, area, &mut buf);
    buf
}

/// The text of a buffer, one line per row, trailing spaces removed.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell((x, y)) {
                line.push_str(cell.symbol());
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
