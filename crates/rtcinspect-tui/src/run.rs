//! The entry points for the binary: [`run_file`] and [`run_live`] take over the
//! terminal, run the dashboard until the user quits, and give the terminal back
//! as it was (also after a panic).

use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::action::Action;
use crate::app::{App, SourceKind};
use crate::event::{Event, spawn_input};
use crate::keymap::{key_action, mouse_action};
use crate::packets::{self, DEFAULT_MAX_ROWS};
use crate::source::{self, Worker, WorkerConfig};
use crate::ui;

/// How the dashboard runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Session descriptions to analyse with the capture (`--sdp FILE`).
    pub sdp: Vec<PathBuf>,
    /// Colours: `Some(false)` never, `Some(true)` always, `None`: on unless the
    /// `NO_COLOR` environment variable is set and not empty.
    pub color: Option<bool>,
    /// Time between snapshots from the analysis (default 250 ms).
    pub refresh: Duration,
    /// Packet rows the Packets view indexes at most.
    pub max_packets: usize,
    /// Capture the mouse (clicks and wheel); default on.
    pub mouse: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sdp: Vec::new(),
            color: None,
            refresh: Duration::from_millis(250),
            max_packets: DEFAULT_MAX_ROWS,
            mouse: true,
        }
    }
}

impl Options {
    /// Adds `--sdp` files.
    pub fn sdp(mut self, files: Vec<PathBuf>) -> Self {
        self.sdp = files;
        self
    }

    /// Forces colours on or off.
    pub fn color(mut self, on: Option<bool>) -> Self {
        self.color = on;
        self
    }

    /// Sets the snapshot interval.
    pub fn refresh(mut self, every: Duration) -> Self {
        self.refresh = every;
        self
    }

    fn colors(&self) -> bool {
        self.color
            .unwrap_or_else(|| std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }
}

/// How the dashboard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExitStatus {
    /// The user quit.
    Quit,
    /// The user quit after the source had failed (the error was shown).
    SourceFailed,
}

impl ExitStatus {
    /// The process exit code: 0, or 1 after a source failure.
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Quit => 0,
            ExitStatus::SourceFailed => 1,
        }
    }
}

/// Why the dashboard could not run.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The terminal could not be set up or drawn on.
    Terminal(std::io::Error),
    /// Standard output is not a terminal.
    NotATerminal,
    /// The capture could not be opened (live: missing permission, no such interface).
    Source(rtcinspect_capture::SourceError),
    /// The capture filter does not parse.
    Filter(String),
    /// An `--sdp` file could not be read.
    Sdp(PathBuf, std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Terminal(e) => write!(f, "terminal: {e}"),
            Error::NotATerminal => write!(f, "the dashboard needs a terminal (use --no-tui)"),
            Error::Source(e) => write!(f, "{e}"),
            Error::Filter(e) => write!(f, "capture filter: {e}"),
            Error::Sdp(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Terminal(e) | Error::Sdp(_, e) => Some(e),
            Error::Source(e) => Some(e),
            _ => None,
        }
    }
}

/// True when standard output is a terminal: the binary opens the dashboard only then.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

fn worker_config(options: &Options) -> Result<WorkerConfig, Error> {
    let mut sdp = Vec::new();
    for p in &options.sdp {
        let text = std::fs::read_to_string(p).map_err(|e| Error::Sdp(p.clone(), e))?;
        sdp.push((p.display().to_string(), text));
    }
    Ok(WorkerConfig {
        interval: options.refresh,
        max_rows: options.max_packets,
        sdp,
    })
}

/// Opens the dashboard on capture files (read one after the other into one
/// analysis, on a worker thread; the dashboard shows what is read so far).
///
/// Returns when the user quits. The binary uses it as
/// `std::process::exit(run_file(&paths, &Options::default())?.code())`.
pub fn run_file(paths: &[PathBuf], options: &Options) -> Result<ExitStatus, Error> {
    let config = worker_config(options)?;
    let app = App::new(SourceKind::Files(paths.to_vec()));
    let owned = paths.to_vec();
    run(app, options, move |tx| {
        source::spawn_file(owned, config, tx)
    })
}

/// Opens the dashboard on a live capture of `interface` (`any` for all), with an
/// optional capture filter (`udp and port 5004`...).
///
/// Fails before touching the terminal with [`Error::Source`] when capture permission
/// is missing (root or `CAP_NET_RAW` is needed) or the interface does not exist: the
/// binary prints the message and exits non-zero.
#[cfg(target_os = "linux")]
pub fn run_live(
    interface: &str,
    filter: Option<&str>,
    options: &Options,
) -> Result<ExitStatus, Error> {
    use rtcinspect_capture::{Filter, LiveConfig, LiveSource};
    let config = worker_config(options)?;
    let mut live = LiveConfig::new(interface);
    if let Some(f) = filter {
        let f: Filter = f.parse().map_err(|e| Error::Filter(format!("{e}")))?;
        live = live.filter(f);
    }
    let source = LiveSource::open(live).map_err(Error::Source)?;
    let app = App::new(SourceKind::Live {
        interface: interface.to_owned(),
        filter: filter.map(str::to_owned),
    });
    let name = interface.to_owned();
    run(app, options, move |tx| {
        source::spawn_live(source, name, config, tx)
    })
}

/// Live capture is Linux only.
#[cfg(not(target_os = "linux"))]
pub fn run_live(
    _interface: &str,
    _filter: Option<&str>,
    _options: &Options,
) -> Result<ExitStatus, Error> {
    Err(Error::Source(rtcinspect_capture::SourceError::Unsupported(
        "live capture",
    )))
}

/// Opens the dashboard on a report that is already made (a saved JSON report, or a
/// demo), with no capture behind it.
pub fn run_report(
    report: rtcinspect_analysis::Report,
    options: &Options,
) -> Result<ExitStatus, Error> {
    let app = App::with_report(report);
    run(app, options, |_| Ok(Worker::idle()))
}

fn run(
    mut app: App,
    options: &Options,
    spawn: impl FnOnce(SyncSender<Event>) -> std::io::Result<Worker>,
) -> Result<ExitStatus, Error> {
    app.colors = options.colors();
    let (tx, rx) = sync_channel::<Event>(16);
    let worker = spawn(tx.clone()).map_err(Error::Terminal)?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            drop(rx);
            worker.stop();
            return Err(Error::Terminal(e));
        }
    };
    if options.mouse {
        // ratatui's panic hook restores the screen; this one also gives the mouse back.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            previous(info);
        }));
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let stop_input = Arc::new(AtomicBool::new(false));
    let input = spawn_input(tx.clone(), stop_input.clone(), Duration::from_millis(100));
    let result = match input {
        Ok(input) => {
            let r = event_loop(&mut terminal, &mut app, &rx, &tx);
            stop_input.store(true, Ordering::Relaxed);
            drop(rx);
            let _ = input.join();
            r
        }
        Err(e) => {
            drop(rx);
            Err(e)
        }
    };
    worker.stop();
    if options.mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result.map_err(Error::Terminal)?;
    Ok(if app.error.is_some() {
        ExitStatus::SourceFailed
    } else {
        ExitStatus::Quit
    })
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Event>,
    tx: &SyncSender<Event>,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|f| ui::render(app, f.area(), f.buffer_mut()))?;
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        handle(app, first);
        // Take what else is waiting before drawing again (at most a bounded batch, so
        // keys stay responsive under a flood of snapshots).
        for _ in 0..64 {
            match rx.try_recv() {
                Ok(e) => handle(app, e),
                Err(_) => break,
            }
        }
        if let Some(index) = app.take_payload_request() {
            if let SourceKind::Files(paths) = &app.source {
                let paths = paths.clone();
                let tx = tx.clone();
                let _ = std::thread::Builder::new()
                    .name("rtcinspect-payload".into())
                    .spawn(move || {
                        let bytes = packets::read_payload(&paths, index);
                        let _ = tx.send(Event::Payload(index, bytes));
                    });
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Turns one event into actions on the app.
pub(crate) fn handle(app: &mut App, event: Event) {
    let action = match event {
        Event::Key(k) => key_action(k, app.input_mode()),
        Event::Mouse(m) => mouse_action(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Tick => None,
        Event::Snapshot(s) => Some(Action::Snapshot(s)),
        Event::Payload(i, b) => Some(Action::Payload(i, b)),
        Event::SourceEnded => Some(Action::SourceEnded),
        Event::Error(e) => Some(Action::Error(e)),
    };
    if let Some(a) = action {
        app.update(a);
    }
}
