//! Everything that can change the dashboard's state: what keys and the mouse mean
//! ([`crate::keymap`]) and what the worker thread sends. [`crate::App::update`] takes
//! one [`Action`] at a time.

use crate::source::Snapshot;

/// One change to the [`App`](crate::App).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Action {
    /// `q`: back one level, quit at the top.
    Quit,
    /// `Esc`: close help or the filter, back one level, quit at the top.
    Back,
    /// `?`: show or hide the help overlay.
    ToggleHelp,
    /// Up one row (`k`, `↑`).
    Up,
    /// Down one row (`j`, `↓`).
    Down,
    /// Left (`h`, `←`): time cursor earlier, or focus the packet list.
    Left,
    /// Right (`l`, `→`): time cursor later, or focus the packet detail.
    Right,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row (`g`, `Home`).
    Top,
    /// Last row (`G`, `End`).
    Bottom,
    /// Next view (`Tab`).
    NextView,
    /// Previous view (`Shift-Tab`).
    PrevView,
    /// Go to a view by its number (`1`–`5`).
    GoTo(usize),
    /// Drill down (`Enter`): a stream's detail, then its packets.
    Enter,
    /// Start editing the filter (`/`).
    StartFilter,
    /// A character typed into the filter.
    FilterChar(char),
    /// Backspace in the filter.
    FilterBackspace,
    /// `Enter` in the filter: keep it.
    FilterCommit,
    /// `Esc` in the filter: clear it.
    FilterCancel,
    /// Sort by the next column (`s`).
    NextSort,
    /// Reverse the sort order (`S`).
    ReverseSort,
    /// Pause or resume the display (`p`); analysis goes on.
    TogglePause,
    /// Wider time window (`+`).
    WiderWindow,
    /// Narrower time window (`-`).
    NarrowerWindow,
    /// A left click at a cell (column, row).
    Click(u16, u16),
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// New analysis results.
    Snapshot(Box<Snapshot>),
    /// The payload of a packet, read again from the file (row index, bytes).
    Payload(u64, Option<Vec<u8>>),
    /// The source ended (end of file, or live capture stopped).
    SourceEnded,
    /// The source failed.
    Error(String),
}
