//! The events the UI thread waits for, from the terminal (keys, mouse, resize) and
//! from the worker (snapshots, end, errors), all through one channel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::crossterm::event::{self as term, KeyEvent, KeyEventKind, MouseEvent};

use crate::source::Snapshot;

/// One event for the UI thread.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Event {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse did something.
    Mouse(MouseEvent),
    /// The terminal was resized (columns, rows).
    Resize(u16, u16),
    /// Time passed (redraw).
    Tick,
    /// New analysis results.
    Snapshot(Box<Snapshot>),
    /// A packet's payload, read again from the file (row index, bytes).
    Payload(u64, Option<Vec<u8>>),
    /// The input ended.
    SourceEnded,
    /// The input failed.
    Error(String),
}

/// Reads terminal events on their own thread until `stop` is set.
pub(crate) fn spawn_input(
    tx: SyncSender<Event>,
    stop: Arc<AtomicBool>,
    tick: Duration,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("rtcinspect-input".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let event = match term::poll(tick) {
                    Ok(true) => match term::read() {
                        Ok(term::Event::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
                        Ok(term::Event::Mouse(m)) => Event::Mouse(m),
                        Ok(term::Event::Resize(w, h)) => Event::Resize(w, h),
                        Ok(_) => continue,
                        Err(e) => {
                            let _ = tx.send(Event::Error(format!("terminal: {e}")));
                            return;
                        }
                    },
                    Ok(false) => Event::Tick,
                    Err(e) => {
                        let _ = tx.send(Event::Error(format!("terminal: {e}")));
                        return;
                    }
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
        })
}
