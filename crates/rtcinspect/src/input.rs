//! Reading captures: opening files or standard input, feeding the analysis, the
//! progress bar.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rtcinspect_analysis::report::Count;
use rtcinspect_analysis::{Analyzer, Config, Report};
use rtcinspect_capture::{Event, FileSource, ReadAhead, Source};

/// An input that could not be read: exit status 1.
#[derive(Debug)]
pub(crate) struct InputError(pub(crate) String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// A `Read` that counts the bytes it hands out, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An open capture, read and decoded on a thread of its own ([`ReadAhead`]) while the
/// caller's thread consumes the events (same events, same order), and how far
/// through it the reader is.
pub(crate) struct Capture {
    pub(crate) source: ReadAhead,
    pub(crate) name: String,
    read: Arc<AtomicU64>,
    size: Option<u64>,
}

/// Opens a capture file, `-` being standard input.
pub(crate) fn open(path: &Path) -> Result<Capture> {
    let name = path.display().to_string();
    let read = Arc::new(AtomicU64::new(0));
    let (inner, size): (Box<dyn Read + Send>, Option<u64>) = if path.as_os_str() == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let file = File::open(path).map_err(|e| InputError(format!("{name}: {e}")))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let counting: Box<dyn Read + Send> = Box::new(Counting {
        inner,
        count: Arc::clone(&read),
    });
    let source = FileSource::new(counting).map_err(|e| InputError(format!("{name}: {e}")))?;
    let source = ReadAhead::spawn(source).map_err(|e| InputError(format!("{name}: {e}")))?;
    Ok(Capture {
        source,
        name,
        read,
        size,
    })
}

/// A progress bar on standard error: drawn only when standard error is a terminal,
/// the input's size is known, and reading has taken more than a moment; redrawn at
/// most ten times a second.
pub(crate) struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    /// A progress bar, enabled when standard error is a terminal.
    pub(crate) fn new() -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
            drawn: false,
        }
    }

    /// Redraws if it is time to.
    pub(crate) fn tick(&mut self, capture: &Capture) {
        if !self.enabled {
            return;
        }
        let Some(size) = capture.size.filter(|s| *s > 0) else {
            return;
        };
        let now = Instant::now();
        if now.duration_since(self.start) < Duration::from_millis(300) {
            return;
        }
        if self
            .last
            .is_some_and(|l| now.duration_since(l) < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(now);
        let done = capture.read.load(Ordering::Relaxed).min(size);
        let fraction = done as f64 / size as f64;
        let width = 30usize;
        let filled = ((fraction * width as f64) as usize).min(width);
        let bar = format!("{}{}", "#".repeat(filled), ".".repeat(width - filled));
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} [{bar}] {:>3.0}% {:.1}/{:.1} MB",
            capture.name,
            fraction * 100.0,
            done as f64 / 1e6,
            size as f64 / 1e6
        );
        let _ = err.flush();
        self.drawn = true;
    }

    /// Erases the bar.
    pub(crate) fn finish(&mut self) {
        if self.drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }
}

/// Analyses `files` in order into one report, with the session descriptions in `sdp`.
pub(crate) fn analyse(files: &[&Path], sdp: &[&Path], series: bool) -> Result<Report> {
    let mut analyzer = Analyzer::new(Config::default().with_series(series));
    for path in sdp {
        let text = read_text(path)?;
        analyzer.add_sdp(&path.display().to_string(), &text);
    }
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut formats: Vec<&'static str> = Vec::new();
    let mut progress = Progress::new();
    // Counts of earlier files: the capture layer counts per file.
    let (mut packets, mut bytes) = (0u64, 0u64);
    let mut unsupported: BTreeMap<String, u64> = BTreeMap::new();
    for path in files {
        let mut capture = open(path)?;
        let format = Analyzer::format_name(capture.source.format());
        if !formats.contains(&format) {
            formats.push(format);
        }
        analyzer.set_source(&names.join(", "), &formats.join(", "));
        let mut n = 0u32;
        loop {
            // Matched in place, by reference: moving the event out of the `Result`
            // (through `map_err` and `?`, or into a binding) copied it per packet.
            match &capture.source.next_event() {
                Ok(Some(event)) => analyzer.ingest_event(event),
                Ok(None) => break,
                Err(e) => return Err(InputError(format!("{}: {e}", capture.name)).into()),
            }
            n = n.wrapping_add(1);
            if n % 1024 == 0 {
                progress.tick(&capture);
            }
        }
        analyzer.update_diagnostics(capture.source.diagnostics(), false);
        let r = analyzer.snapshot();
        packets += r.capture.packets;
        bytes += r.capture.bytes;
        for c in r.capture.unsupported {
            *unsupported.entry(c.name).or_insert(0) += c.count;
        }
    }
    progress.finish();
    let mut report = analyzer.snapshot();
    report.capture.packets = packets;
    report.capture.bytes = bytes;
    report.capture.unsupported = unsupported
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    Ok(report)
}

/// Reads a text file (`-`: standard input).
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let r = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    r.map_err(|e| InputError(format!("{name}: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|_| InputError(format!("{name}: not UTF-8 text")))
        .context("reading a session description")
}

/// Calls `each` for every datagram of a capture, in order.
pub(crate) fn for_each_datagram(
    path: &Path,
    mut each: impl FnMut(&rtcinspect_capture::Datagram<'_>) -> Result<()>,
) -> Result<()> {
    let mut capture = open(path)?;
    let mut progress = Progress::new();
    let mut n = 0u32;
    loop {
        let event = capture
            .source
            .next_event()
            .map_err(|e| InputError(format!("{}: {e}", capture.name)))?;
        let Some(event) = event else { break };
        if let Event::Datagram(d) = event {
            each(&d)?;
        }
        n = n.wrapping_add(1);
        if n % 1024 == 0 {
            progress.tick(&capture);
        }
    }
    progress.finish();
    Ok(())
}
