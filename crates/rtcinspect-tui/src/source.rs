//! The worker thread: reads a capture (files or a live interface), feeds an
//! [`Analyzer`], and sends [`Snapshot`]s to the UI thread a few times a second.
//!
//! The analysis never waits for the UI: a snapshot is offered with `try_send`; when
//! the UI is behind, the snapshot is skipped (and counted), and the packet rows it
//! carried go with the next one, so no packet is lost from the analysis or the
//! packet list. Only the last snapshot, at the end of the input, waits.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rtcinspect_analysis::{Analyzer, Config, Event as CaptureEvent, Report};
use rtcinspect_capture::{FileSource, ReadAhead, Source, SourceError};

use crate::event::Event;
use crate::packets::{IndexBuilder, PacketDelta};

/// How far reading has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the files read so far.
    pub bytes_read: u64,
    /// Total size of the files, when known (not for pipes and live capture).
    pub bytes_total: Option<u64>,
    /// True once the input has ended.
    pub done: bool,
}

impl Progress {
    /// Percentage read, when the total is known.
    pub fn percent(&self) -> Option<f64> {
        match self.bytes_total {
            Some(t) if t > 0 => Some((self.bytes_read as f64 * 100.0 / t as f64).min(100.0)),
            _ => None,
        }
    }
}

/// What the worker sends: the analysis so far and what is new in the packet list.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The report.
    pub report: Report,
    /// Reading progress.
    pub progress: Progress,
    /// Packet rows added since the previous snapshot.
    pub packets: PacketDelta,
    /// Snapshots not delivered so far because the UI was behind (their content is in
    /// this one).
    pub skipped: u64,
}

/// What the worker is given.
#[derive(Debug, Clone)]
pub(crate) struct WorkerConfig {
    /// Time between snapshots.
    pub(crate) interval: Duration,
    /// Packet rows indexed at most.
    pub(crate) max_rows: usize,
    /// Session descriptions given by the user (name, text).
    pub(crate) sdp: Vec<(String, String)>,
}

/// A running worker.
#[derive(Debug)]
pub(crate) struct Worker {
    handles: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    #[cfg(target_os = "linux")]
    live_stop: Option<rtcinspect_capture::StopHandle>,
}

impl Worker {
    /// A worker that does nothing (a fixed report).
    pub(crate) fn idle() -> Self {
        Worker {
            handles: Vec::new(),
            stop: Arc::new(AtomicBool::new(false)),
            #[cfg(target_os = "linux")]
            live_stop: None,
        }
    }

    /// Asks the worker to stop and waits for it.
    pub(crate) fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        #[cfg(target_os = "linux")]
        if let Some(s) = &self.live_stop {
            s.stop();
        }
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

/// Counts the bytes read through it.
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

fn new_analyzer(config: &WorkerConfig) -> Analyzer {
    let mut analyzer = Analyzer::new(Config::default().with_series(true));
    for (name, text) in &config.sdp {
        analyzer.add_sdp(name, text);
    }
    analyzer
}

/// Reads capture files one after the other into one analysis.
pub(crate) fn spawn_file(
    paths: Vec<PathBuf>,
    config: WorkerConfig,
    tx: SyncSender<Event>,
) -> std::io::Result<Worker> {
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let handle = std::thread::Builder::new()
        .name("rtcinspect-file".into())
        .spawn(move || {
            let mut analyzer = new_analyzer(&config);
            let mut pump = Pump::new(&config, tx);
            let total: Option<u64> = paths
                .iter()
                .map(|p| std::fs::metadata(p).ok().map(|m| m.len()))
                .sum();
            pump.progress.bytes_total = total;
            let name = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let mut read_before = 0;
            for path in &paths {
                let count = Arc::new(AtomicU64::new(0));
                let mut source = match open_read_ahead(path, count.clone()) {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = pump.tx.send(Event::Error(e));
                        return;
                    }
                };
                analyzer.set_source(&name, Analyzer::format_name(source.format()));
                let result = pump.run(&mut source, &mut analyzer, false, &stop2, || {
                    read_before + count.load(Ordering::Relaxed)
                });
                read_before += count.load(Ordering::Relaxed);
                match result {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(e) => {
                        let _ = pump
                            .tx
                            .send(Event::Error(format!("{}: {e}", path.display())));
                        return;
                    }
                }
            }
            pump.progress.done = true;
            pump.progress.bytes_read = read_before;
            if pump.send_final(&analyzer) {
                let _ = pump.tx.send(Event::SourceEnded);
            }
        })?;
    Ok(Worker {
        handles: vec![handle],
        stop,
        #[cfg(target_os = "linux")]
        live_stop: None,
    })
}

/// Opens a capture file read and decoded on a thread of its own, ahead of the
/// analysis, counting the bytes read into `count`; the error says which file.
fn open_read_ahead(path: &Path, count: Arc<AtomicU64>) -> Result<ReadAhead, String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    let reader = Counting {
        inner: std::io::BufReader::with_capacity(1 << 16, file),
        count,
    };
    let source = FileSource::new(reader).map_err(|e| fail(&e))?;
    ReadAhead::spawn(source).map_err(|e| fail(&e))
}

/// What the capture thread and the snapshot thread of a live capture share.
#[cfg(target_os = "linux")]
struct LiveState {
    analyzer: Analyzer,
    index: IndexBuilder,
}

/// Reads a live capture until stopped. Packets arrive when they like, so snapshots
/// are taken by a second thread on a timer (the capture thread blocks in the socket):
/// the two share the analysis behind a mutex, held by the capture thread for one
/// datagram at a time and by the snapshot thread for one snapshot.
#[cfg(target_os = "linux")]
pub(crate) fn spawn_live(
    mut source: rtcinspect_capture::LiveSource,
    interface: String,
    config: WorkerConfig,
    tx: SyncSender<Event>,
) -> std::io::Result<Worker> {
    use std::sync::Mutex;
    let stop = Arc::new(AtomicBool::new(false));
    let live_stop = source.stop_handle();
    let mut analyzer = new_analyzer(&config);
    analyzer.set_source(&interface, "live");
    let state = Arc::new(Mutex::new(LiveState {
        analyzer,
        index: IndexBuilder::new(config.max_rows),
    }));
    let ended = Arc::new(AtomicBool::new(false));
    let capture = {
        let state = state.clone();
        let ended = ended.clone();
        let tx = tx.clone();
        std::thread::Builder::new()
            .name("rtcinspect-live".into())
            .spawn(move || {
                loop {
                    let event = match source.next_event() {
                        Ok(Some(e)) => e,
                        Ok(None) => break,
                        Err(e) => {
                            let _ = tx.send(Event::Error(format!("{interface}: {e}")));
                            break;
                        }
                    };
                    let Ok(mut st) = state.lock() else { break };
                    if let CaptureEvent::Datagram(d) = &event {
                        st.index.push(d);
                    }
                    st.analyzer.ingest_event(&event);
                    // Every time: the snapshot thread cannot read the source, and a
                    // burst's last frames must show once traffic stops.
                    st.analyzer.update_diagnostics(source.diagnostics(), true);
                }
                if let Ok(mut st) = state.lock() {
                    st.analyzer.update_diagnostics(source.diagnostics(), true);
                }
                ended.store(true, Ordering::Relaxed);
            })?
    };
    let snapshots = {
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("rtcinspect-snapshot".into())
            .spawn(move || {
                let mut skipped = 0;
                loop {
                    std::thread::sleep(config.interval);
                    let done = ended.load(Ordering::Relaxed);
                    if stop.load(Ordering::Relaxed) && !done {
                        return;
                    }
                    let Ok(mut st) = state.lock() else { return };
                    let snapshot = Snapshot {
                        report: st.analyzer.snapshot(),
                        progress: Progress {
                            done,
                            ..Progress::default()
                        },
                        packets: st.index.take(),
                        skipped,
                    };
                    if done {
                        drop(st);
                        if tx.send(Event::Snapshot(Box::new(snapshot))).is_ok() {
                            let _ = tx.send(Event::SourceEnded);
                        }
                        return;
                    }
                    match tx.try_send(Event::Snapshot(Box::new(snapshot))) {
                        Ok(()) => {}
                        Err(TrySendError::Full(Event::Snapshot(s))) => {
                            skipped += 1;
                            st.index.put_back(s.packets);
                        }
                        Err(_) => return,
                    }
                }
            })?
    };
    Ok(Worker {
        handles: vec![capture, snapshots],
        stop,
        live_stop: Some(live_stop),
    })
}

struct Pump {
    tx: SyncSender<Event>,
    index: IndexBuilder,
    interval: Duration,
    last: Instant,
    skipped: u64,
    progress: Progress,
}

impl Pump {
    fn new(config: &WorkerConfig, tx: SyncSender<Event>) -> Self {
        Pump {
            tx,
            index: IndexBuilder::new(config.max_rows),
            interval: config.interval,
            last: Instant::now(),
            skipped: 0,
            progress: Progress::default(),
        }
    }

    /// Reads `source` to its end. `Ok(false)` when told to stop or the UI is gone.
    fn run<S: Source>(
        &mut self,
        source: &mut S,
        analyzer: &mut Analyzer,
        live: bool,
        stop: &AtomicBool,
        bytes_read: impl Fn() -> u64,
    ) -> Result<bool, SourceError> {
        let mut n = 0u32;
        loop {
            let event = source.next_event()?;
            let Some(event) = event else { break };
            if let CaptureEvent::Datagram(d) = &event {
                self.index.push(d);
            }
            analyzer.ingest_event(&event);
            n = n.wrapping_add(1);
            if n % 256 == 0 || live {
                if stop.load(Ordering::Relaxed) {
                    return Ok(false);
                }
                if self.last.elapsed() >= self.interval {
                    self.last = Instant::now();
                    analyzer.update_diagnostics(source.diagnostics(), live);
                    self.progress.bytes_read = bytes_read();
                    if !self.offer(analyzer) {
                        return Ok(false);
                    }
                }
            }
        }
        analyzer.update_diagnostics(source.diagnostics(), live);
        Ok(!stop.load(Ordering::Relaxed))
    }

    /// Offers a snapshot without waiting; false when the UI is gone.
    fn offer(&mut self, analyzer: &Analyzer) -> bool {
        let snapshot = Snapshot {
            report: analyzer.snapshot(),
            progress: self.progress,
            packets: self.index.take(),
            skipped: self.skipped,
        };
        match self.tx.try_send(Event::Snapshot(Box::new(snapshot))) {
            Ok(()) => true,
            Err(TrySendError::Full(Event::Snapshot(s))) => {
                self.skipped += 1;
                self.index.put_back(s.packets);
                true
            }
            Err(_) => false,
        }
    }

    /// Sends the last snapshot, waiting for room; false when the UI is gone.
    fn send_final(&mut self, analyzer: &Analyzer) -> bool {
        let snapshot = Snapshot {
            report: analyzer.snapshot(),
            progress: self.progress,
            packets: self.index.take(),
            skipped: self.skipped,
        };
        self.tx.send(Event::Snapshot(Box::new(snapshot))).is_ok()
    }
}

/// Reads capture files to the end on the calling thread and returns the one
/// snapshot a dashboard would show at the end (tests, and text output of the same
/// data). `sdp` are session descriptions given by the user (name, text).
pub fn analyse_files(
    paths: &[PathBuf],
    sdp: &[(String, String)],
    max_rows: usize,
) -> Result<Snapshot, SourceError> {
    let config = WorkerConfig {
        interval: Duration::from_secs(3600),
        max_rows,
        sdp: sdp.to_vec(),
    };
    let mut analyzer = new_analyzer(&config);
    let mut index = IndexBuilder::new(max_rows);
    let name = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut bytes = 0;
    for path in paths {
        let mut source = FileSource::open(path)?;
        analyzer.set_source(&name, Analyzer::format_name(source.format()));
        while let Some(event) = source.next_event()? {
            if let CaptureEvent::Datagram(d) = &event {
                index.push(d);
            }
            analyzer.ingest_event(&event);
        }
        analyzer.update_diagnostics(source.diagnostics(), false);
        bytes += std::fs::metadata(path).map_or(0, |m| m.len());
    }
    Ok(Snapshot {
        report: analyzer.snapshot(),
        progress: Progress {
            bytes_read: bytes,
            bytes_total: Some(bytes),
            done: true,
        },
        packets: index.take(),
        skipped: 0,
    })
}
