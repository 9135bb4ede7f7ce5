//! The one place that says what each key and mouse event means.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;

/// Whether keys go to the filter being typed or are commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    /// Keys are commands.
    Normal,
    /// Keys edit the filter.
    Filter,
}

/// Every command key with its meaning, for the help overlay.
pub const KEYS: &[(&str, &str)] = &[
    ("q", "back; quit at the top"),
    ("Esc", "close help/filter, back; quit at the top"),
    ("?", "this help"),
    ("Tab / Shift-Tab", "next / previous view"),
    ("1-5", "Overview, Streams, Packets, ICE/DTLS, SDP"),
    ("↑↓ j k", "move selection / scroll"),
    (
        "← → h l",
        "time cursor (charts), focus list/detail (packets)",
    ),
    ("PgUp PgDn", "one page up / down"),
    ("g G Home End", "first / last row"),
    ("Enter", "drill down: stream → charts → packets"),
    ("/", "filter streams or packets (Enter applies, Esc clears)"),
    ("s / S", "sort by next column / reverse order"),
    ("p", "pause / resume the display (analysis goes on)"),
    ("+ / -", "wider / narrower time window of charts"),
    ("mouse", "click selects rows and tabs, wheel scrolls"),
];

/// The action of a key, if it has one.
pub fn key_action(key: KeyEvent, mode: InputMode) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if mode == InputMode::Filter {
        return match key.code {
            KeyCode::Enter => Some(Action::FilterCommit),
            KeyCode::Esc => Some(Action::FilterCancel),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Char(c) => Some(Action::FilterChar(c)),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') => Action::Right,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Tab => Action::NextView,
        KeyCode::BackTab => Action::PrevView,
        KeyCode::Enter => Action::Enter,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Char('s') => Action::NextSort,
        KeyCode::Char('S') => Action::ReverseSort,
        KeyCode::Char('p') => Action::TogglePause,
        KeyCode::Char('+') | KeyCode::Char('=') => Action::WiderWindow,
        KeyCode::Char('-') => Action::NarrowerWindow,
        KeyCode::Char(c @ '1'..='5') => Action::GoTo(usize::from(c as u8 - b'1')),
        _ => return None,
    })
}

/// The action of a mouse event, if it has one.
pub fn mouse_action(m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}
