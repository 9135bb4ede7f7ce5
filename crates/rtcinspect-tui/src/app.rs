//! The dashboard's state and the one function that changes it, [`App::update`].
//!
//! `update` is pure: no terminal, no clock, no I/O. What it needs from outside (a
//! packet payload to read again from the file) it asks for through
//! [`App::take_payload_request`]. The renderer only reads an `App`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use rtcinspect_analysis::report::{Report, Severity, StreamReport};

use crate::action::Action;
use crate::keymap::InputMode;
use crate::packets::{DecodeDissector, Dissector, PacketDelta, PacketIndex, TreeNode};
use crate::source::{Progress, Snapshot};
use crate::ui;

/// The views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Capture, protocols, counts, findings.
    Overview,
    /// The streams table (and, drilled down, one stream's charts).
    Streams,
    /// Packet list, detail tree and hex.
    Packets,
    /// ICE candidate pairs, TURN, DTLS handshakes.
    IceDtls,
    /// Session descriptions with lint findings.
    Sdp,
}

impl View {
    /// All views in tab order.
    pub const ALL: [View; 5] = [
        View::Overview,
        View::Streams,
        View::Packets,
        View::IceDtls,
        View::Sdp,
    ];

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Streams => "Streams",
            View::Packets => "Packets",
            View::IceDtls => "ICE/DTLS",
            View::Sdp => "SDP",
        }
    }

    fn position(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// What is being looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// Capture files.
    Files(Vec<PathBuf>),
    /// A live capture.
    Live {
        /// Interface name.
        interface: String,
        /// Capture filter, as given.
        filter: Option<String>,
    },
    /// A report given directly (tests, demos).
    Fixed,
}

/// The columns the streams table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Order of appearance in the report.
    Report,
    /// SSRC.
    Ssrc,
    /// Source then destination address.
    Flow,
    /// Codec name.
    Codec,
    /// Packets.
    Packets,
    /// Mean bitrate.
    Bitrate,
    /// Loss percentage.
    Loss,
    /// Jitter.
    Jitter,
    /// RTCP round-trip time.
    Rtt,
    /// NACKs.
    Nack,
    /// PLIs.
    Pli,
}

impl SortKey {
    /// Sort keys in the order `s` cycles through them.
    pub const CYCLE: [SortKey; 11] = [
        SortKey::Report,
        SortKey::Ssrc,
        SortKey::Flow,
        SortKey::Codec,
        SortKey::Packets,
        SortKey::Bitrate,
        SortKey::Loss,
        SortKey::Jitter,
        SortKey::Rtt,
        SortKey::Nack,
        SortKey::Pli,
    ];

    /// Column name.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Report => "order seen",
            SortKey::Ssrc => "SSRC",
            SortKey::Flow => "src → dst",
            SortKey::Codec => "codec",
            SortKey::Packets => "packets",
            SortKey::Bitrate => "bitrate",
            SortKey::Loss => "loss",
            SortKey::Jitter => "jitter",
            SortKey::Rtt => "RTT",
            SortKey::Nack => "NACK",
            SortKey::Pli => "PLI",
        }
    }
}

/// The time windows `+`/`-` step through, in seconds (`None`: everything).
pub const WINDOWS: [Option<u32>; 5] = [Some(10), Some(30), Some(60), Some(300), None];

/// Identifies a stream across snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StreamKey {
    /// SSRC.
    pub ssrc: u32,
    /// Source address.
    pub src: Option<SocketAddr>,
    /// Destination address.
    pub dst: Option<SocketAddr>,
}

impl StreamKey {
    /// The key of a stream.
    pub fn of(s: &StreamReport) -> Self {
        StreamKey {
            ssrc: s.ssrc,
            src: s.src,
            dst: s.dst,
        }
    }
}

/// A scrolled list: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    /// Selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl ListState {
    fn clamp(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        if len == 0 {
            *self = ListState::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }

    fn step(&mut self, delta: isize, len: usize, rows: usize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp(len, rows);
    }
}

/// Which pane of the Packets view has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PacketFocus {
    /// The list.
    List,
    /// The detail tree.
    Detail,
}

/// The decoded packet shown in the detail pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketDetail {
    /// Row index.
    pub index: u64,
    /// The tree (empty while the payload is read again from the file).
    pub tree: Vec<TreeNode>,
    /// The payload (`None` while it is read, or when it could not be).
    pub bytes: Option<Vec<u8>>,
}

/// The dashboard state.
#[derive(Debug, Clone)]
pub struct App {
    /// The latest analysis shown.
    pub report: Report,
    /// Reading progress.
    pub progress: Progress,
    /// The packet list.
    pub packets: PacketIndex,
    /// What is being looked at.
    pub source: SourceKind,
    /// The current view.
    pub view: View,
    /// The stream whose detail is open (within the Streams view).
    pub detail: Option<StreamKey>,
    /// Help overlay shown.
    pub help: bool,
    /// Keys go to the filter or are commands.
    pub mode: InputMode,
    /// Streams filter text.
    pub filter: String,
    /// Streams sort column.
    pub sort: SortKey,
    /// Descending order.
    pub sort_desc: bool,
    /// Streams table selection.
    pub streams: ListState,
    /// Report indices of the streams shown, in display order.
    pub order: Vec<usize>,
    /// Worst finding per SSRC.
    pub severity: HashMap<u32, Severity>,
    /// Time cursor of the charts: a point index of the series (`None`: off).
    pub cursor: Option<usize>,
    /// Index into [`WINDOWS`].
    pub window: usize,
    /// Display paused (analysis goes on).
    pub paused: bool,
    /// Snapshot received while paused (the latest).
    pub pending: Option<Box<Snapshot>>,
    /// Packet rows received while paused.
    pub pending_packets: Vec<PacketDelta>,
    /// Packets view: only this SSRC's RTP packets.
    pub packet_scope: Option<u32>,
    /// Packets view: only rows whose protocol or summary contains this text (kept
    /// with `/`, applied on Enter).
    pub packet_filter: String,
    /// The packet filter being typed.
    pub packet_filter_edit: String,
    /// Row positions of the scope, when scoped.
    pub scoped_rows: Vec<usize>,
    /// Packet list selection.
    pub packet_list: ListState,
    /// Which pane has the keys.
    pub packet_focus: PacketFocus,
    /// Scroll of the detail tree.
    pub tree_scroll: usize,
    /// The packet shown in the detail pane.
    pub packet_detail: Option<PacketDetail>,
    /// Scroll of the ICE/DTLS view.
    pub ice_scroll: usize,
    /// Selected SDP.
    pub sdp_selected: usize,
    /// Scroll of the SDP text.
    pub sdp_scroll: usize,
    /// Snapshots the worker skipped because the UI was behind.
    pub skipped: u64,
    /// The source ended.
    pub ended: bool,
    /// The source failed.
    pub error: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Colours on (off with `NO_COLOR`).
    pub colors: bool,
    /// The user asked to quit.
    pub quit: bool,
    payload_request: Option<u64>,
    came_from_detail: bool,
    dissector: Arc<dyn Dissector>,
}

impl App {
    /// A dashboard for `source`, before any snapshot.
    pub fn new(source: SourceKind) -> Self {
        let live = matches!(source, SourceKind::Live { .. });
        App {
            report: Report::default(),
            progress: Progress::default(),
            packets: PacketIndex::default(),
            source,
            view: View::Streams,
            detail: None,
            help: false,
            mode: InputMode::Normal,
            filter: String::new(),
            sort: SortKey::Report,
            sort_desc: false,
            streams: ListState::default(),
            order: Vec::new(),
            severity: HashMap::new(),
            cursor: None,
            window: if live { 2 } else { WINDOWS.len() - 1 },
            paused: false,
            pending: None,
            pending_packets: Vec::new(),
            packet_scope: None,
            packet_filter: String::new(),
            packet_filter_edit: String::new(),
            scoped_rows: Vec::new(),
            packet_list: ListState::default(),
            packet_focus: PacketFocus::List,
            tree_scroll: 0,
            packet_detail: None,
            ice_scroll: 0,
            sdp_selected: 0,
            sdp_scroll: 0,
            skipped: 0,
            ended: false,
            error: None,
            size: (80, 24),
            colors: true,
            quit: false,
            payload_request: None,
            came_from_detail: false,
            dissector: Arc::new(DecodeDissector),
        }
    }

    /// A dashboard showing a fixed report (tests, demos).
    pub fn with_report(report: Report) -> Self {
        let mut app = App::new(SourceKind::Fixed);
        app.update(Action::Snapshot(Box::new(Snapshot {
            report,
            progress: Progress {
                done: true,
                ..Progress::default()
            },
            ..Snapshot::default()
        })));
        app.ended = true;
        app
    }

    /// A dashboard on capture files already analysed into `snapshot` (tests).
    pub fn with_snapshot(source: SourceKind, snapshot: Snapshot) -> Self {
        let mut app = App::new(source);
        app.update(Action::Snapshot(Box::new(snapshot)));
        app.update(Action::SourceEnded);
        app
    }

    /// Uses another dissector for the packet detail pane (the full decoder).
    pub fn with_dissector(mut self, dissector: Arc<dyn Dissector>) -> Self {
        self.dissector = dissector;
        self
    }

    /// True for a live capture.
    pub fn is_live(&self) -> bool {
        matches!(self.source, SourceKind::Live { .. })
    }

    /// The time window of the charts, seconds (`None`: all).
    pub fn window_secs(&self) -> Option<u32> {
        WINDOWS.get(self.window).copied().flatten()
    }

    /// Which input mode keys are read in.
    pub fn input_mode(&self) -> InputMode {
        self.mode
    }

    /// The stream whose detail is open.
    pub fn detail_stream(&self) -> Option<&StreamReport> {
        let key = self.detail?;
        self.report.streams.iter().find(|s| StreamKey::of(s) == key)
    }

    /// The stream selected in the table.
    pub fn selected_stream(&self) -> Option<&StreamReport> {
        self.order
            .get(self.streams.selected)
            .and_then(|&i| self.report.streams.get(i))
    }

    /// Rows of the packet list in the current scope.
    pub fn packet_count(&self) -> usize {
        match self.packet_filtered() {
            true => self.scoped_rows.len(),
            false => self.packets.rows.len(),
        }
    }

    /// Position in [`PacketIndex::rows`] of the n-th row of the current scope.
    pub fn packet_position(&self, n: usize) -> Option<usize> {
        match self.packet_filtered() {
            true => self.scoped_rows.get(n).copied(),
            false => (n < self.packets.rows.len()).then_some(n),
        }
    }

    /// A payload the event loop should read again from the file, if any (the answer
    /// comes back as [`Action::Payload`]).
    pub fn take_payload_request(&mut self) -> Option<u64> {
        self.payload_request.take()
    }

    fn page(&self) -> usize {
        match self.view {
            View::Streams => ui::streams_rows(self.size),
            View::Packets => ui::packet_rows(self.size),
            _ => ui::body_rows(self.size),
        }
        .max(1)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Snapshot(s) => self.on_snapshot(s),
            Action::Payload(index, bytes) => {
                if let Some(d) = &mut self.packet_detail {
                    if d.index == index {
                        d.tree = bytes
                            .as_deref()
                            .map(|b| self.dissector.dissect(b))
                            .unwrap_or_default();
                        d.bytes = bytes;
                    }
                }
            }
            Action::SourceEnded => self.ended = true,
            Action::Error(e) => self.error = Some(e),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.reclamp();
            }
            Action::Quit => self.back(true),
            Action::Back => self.back(false),
            Action::ToggleHelp => self.help = !self.help,
            _ if self.help => {
                // Any other key closes the help overlay.
                self.help = false;
            }
            Action::NextView => self.go_to((self.view.position() + 1) % View::ALL.len()),
            Action::PrevView => {
                self.go_to((self.view.position() + View::ALL.len() - 1) % View::ALL.len())
            }
            Action::GoTo(i) => self.go_to(i),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::ScrollUp => self.step(-3),
            Action::ScrollDown => self.step(3),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::PageDown => self.step(self.page() as isize),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Left => self.horizontal(-1),
            Action::Right => self.horizontal(1),
            Action::Enter => self.enter(),
            Action::StartFilter => {
                if (self.view == View::Streams && self.detail.is_none())
                    || self.view == View::Packets
                {
                    self.mode = InputMode::Filter;
                    self.packet_filter_edit = self.packet_filter.clone();
                }
            }
            // The packet list is filtered on Enter (one pass over every row); the
            // streams table as the text is typed.
            Action::FilterChar(c) if self.view == View::Packets => {
                if self.packet_filter_edit.len() < 64 {
                    self.packet_filter_edit.push(c);
                }
            }
            Action::FilterBackspace if self.view == View::Packets => {
                self.packet_filter_edit.pop();
            }
            Action::FilterCommit if self.view == View::Packets => {
                self.mode = InputMode::Normal;
                self.packet_filter = self.packet_filter_edit.clone();
                self.rebuild_packet_rows();
            }
            Action::FilterCancel if self.view == View::Packets => {
                self.mode = InputMode::Normal;
                self.packet_filter.clear();
                self.packet_filter_edit.clear();
                self.rebuild_packet_rows();
            }
            Action::FilterChar(c) => {
                if self.filter.len() < 64 {
                    self.filter.push(c);
                    self.reorder();
                }
            }
            Action::FilterBackspace => {
                self.filter.pop();
                self.reorder();
            }
            Action::FilterCommit => self.mode = InputMode::Normal,
            Action::FilterCancel => {
                self.mode = InputMode::Normal;
                self.filter.clear();
                self.reorder();
            }
            Action::NextSort => {
                let i = SortKey::CYCLE
                    .iter()
                    .position(|k| *k == self.sort)
                    .unwrap_or(0);
                self.sort = SortKey::CYCLE[(i + 1) % SortKey::CYCLE.len()];
                // Numbers read best largest first; names in alphabetical order.
                self.sort_desc = !matches!(
                    self.sort,
                    SortKey::Report | SortKey::Ssrc | SortKey::Flow | SortKey::Codec
                );
                self.reorder();
            }
            Action::ReverseSort => {
                self.sort_desc = !self.sort_desc;
                self.reorder();
            }
            Action::TogglePause => {
                self.paused = !self.paused;
                if !self.paused {
                    for delta in std::mem::take(&mut self.pending_packets) {
                        self.apply_packets(delta);
                    }
                    if let Some(s) = self.pending.take() {
                        self.on_snapshot(s);
                    }
                }
            }
            Action::WiderWindow => self.window = (self.window + 1).min(WINDOWS.len() - 1),
            Action::NarrowerWindow => self.window = self.window.saturating_sub(1),
            Action::Click(col, row) => self.click(col, row),
        }
    }

    fn on_snapshot(&mut self, mut s: Box<Snapshot>) {
        let delta = std::mem::take(&mut s.packets);
        if self.paused {
            self.pending_packets.push(delta);
            self.pending = Some(s);
            return;
        }
        self.apply_packets(delta);
        self.report = s.report;
        self.progress = s.progress;
        self.skipped = s.skipped;
        self.severity.clear();
        for f in &self.report.findings {
            if let Some(ssrc) = f.ssrc {
                let e = self.severity.entry(ssrc).or_insert(f.severity);
                *e = (*e).max(f.severity);
            }
        }
        self.reorder();
        if self.sdp_selected >= self.report.sdp.len() {
            self.sdp_selected = self.report.sdp.len().saturating_sub(1);
        }
        self.refresh_packet_detail();
    }

    fn apply_packets(&mut self, delta: PacketDelta) {
        let start = self.packets.rows.len();
        self.packets.apply(delta);
        if self.packet_filtered() {
            let needle = self.packet_filter.to_lowercase();
            for (i, r) in self.packets.rows.iter().enumerate().skip(start) {
                if row_matches(r, self.packet_scope, &needle) {
                    self.scoped_rows.push(i);
                }
            }
        }
    }

    /// Recomputes the streams shown and their order, keeping the selected stream.
    fn reorder(&mut self) {
        let keep = self.selected_stream().map(StreamKey::of);
        let needle = self.filter.to_lowercase();
        let streams = &self.report.streams;
        let mut order: Vec<usize> = (0..streams.len())
            .filter(|&i| needle.is_empty() || stream_matches(&streams[i], &needle))
            .collect();
        let sort = self.sort;
        order.sort_by(|&a, &b| {
            let (x, y) = (&streams[a], &streams[b]);
            let o = match sort {
                SortKey::Report => a.cmp(&b),
                SortKey::Ssrc => x.ssrc.cmp(&y.ssrc),
                SortKey::Flow => (x.src, x.dst).cmp(&(y.src, y.dst)),
                SortKey::Codec => x.codec.cmp(&y.codec),
                SortKey::Packets => x.packets.cmp(&y.packets),
                SortKey::Bitrate => x.mean_bitrate_bps.total_cmp(&y.mean_bitrate_bps),
                SortKey::Loss => x.lost_percent.total_cmp(&y.lost_percent),
                SortKey::Jitter => opt(x.jitter_ms).total_cmp(&opt(y.jitter_ms)),
                SortKey::Rtt => opt(x.rtcp.rtt_ms.map(|r| r.mean))
                    .total_cmp(&opt(y.rtcp.rtt_ms.map(|r| r.mean))),
                SortKey::Nack => x.rtcp.nacks.cmp(&y.rtcp.nacks),
                SortKey::Pli => x.rtcp.plis.cmp(&y.rtcp.plis),
            };
            // Ties keep the report order.
            o.then(a.cmp(&b))
        });
        if self.sort_desc {
            order.reverse();
        }
        self.order = order;
        if let Some(key) = keep {
            if let Some(pos) = self
                .order
                .iter()
                .position(|&i| StreamKey::of(&self.report.streams[i]) == key)
            {
                self.streams.selected = pos;
            }
        }
        self.reclamp();
    }

    fn reclamp(&mut self) {
        let rows = ui::streams_rows(self.size);
        self.streams.clamp(self.order.len(), rows);
        let n = self.packet_count();
        self.packet_list.clamp(n, ui::packet_rows(self.size));
    }

    fn go_to(&mut self, i: usize) {
        if let Some(v) = View::ALL.get(i) {
            self.view = *v;
            self.mode = InputMode::Normal;
            if self.view == View::Packets {
                self.refresh_packet_detail();
            }
        }
    }

    fn back(&mut self, quit_key: bool) {
        if self.help {
            self.help = false;
        } else if self.mode == InputMode::Filter {
            self.mode = InputMode::Normal;
        } else if self.view == View::Packets && self.packet_focus == PacketFocus::Detail {
            self.packet_focus = PacketFocus::List;
        } else if self.view == View::Packets && self.came_from_detail {
            self.came_from_detail = false;
            self.set_scope(None);
            self.view = View::Streams;
        } else if self.view == View::Streams && self.detail.is_some() {
            self.detail = None;
            self.cursor = None;
        } else if !quit_key && self.view == View::Streams && !self.filter.is_empty() {
            self.filter.clear();
            self.reorder();
        } else if !quit_key && self.view == View::Packets && !self.packet_filter.is_empty() {
            self.packet_filter.clear();
            self.packet_filter_edit.clear();
            self.rebuild_packet_rows();
        } else if self.view == View::Packets && self.packet_scope.is_some() {
            self.set_scope(None);
        } else {
            self.quit = true;
        }
    }

    /// True when the packet list shows a subset (SSRC scope or text filter).
    pub fn packet_filtered(&self) -> bool {
        self.packet_scope.is_some() || !self.packet_filter.is_empty()
    }

    fn set_scope(&mut self, ssrc: Option<u32>) {
        self.packet_scope = ssrc;
        self.rebuild_packet_rows();
    }

    fn rebuild_packet_rows(&mut self) {
        self.scoped_rows.clear();
        if self.packet_filtered() {
            let needle = self.packet_filter.to_lowercase();
            self.scoped_rows = self
                .packets
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| row_matches(r, self.packet_scope, &needle))
                .map(|(i, _)| i)
                .collect();
        }
        self.packet_list = ListState::default();
        self.tree_scroll = 0;
        self.packet_detail = None;
        self.refresh_packet_detail();
    }

    fn enter(&mut self) {
        match self.view {
            View::Streams => {
                if self.detail.is_none() {
                    self.detail = self.selected_stream().map(StreamKey::of);
                    self.cursor = None;
                } else if let Some(key) = self.detail {
                    self.view = View::Packets;
                    self.came_from_detail = true;
                    self.set_scope(Some(key.ssrc));
                }
            }
            View::Packets => self.packet_focus = PacketFocus::Detail,
            View::Overview => self.view = View::Streams,
            View::IceDtls | View::Sdp => {}
        }
    }

    fn step(&mut self, delta: isize) {
        match self.view {
            View::Streams if self.detail.is_some() => {
                // Previous / next stream, in table order.
                let rows = ui::streams_rows(self.size);
                self.streams.step(delta, self.order.len(), rows);
                self.detail = self.selected_stream().map(StreamKey::of);
            }
            View::Streams => {
                let rows = ui::streams_rows(self.size);
                self.streams.step(delta, self.order.len(), rows);
            }
            View::Packets if self.packet_focus == PacketFocus::Detail => {
                self.tree_scroll = self.tree_scroll.saturating_add_signed(delta).min(10_000);
            }
            View::Packets => {
                let n = self.packet_count();
                self.packet_list.step(delta, n, ui::packet_rows(self.size));
                self.tree_scroll = 0;
                self.refresh_packet_detail();
            }
            View::IceDtls => {
                self.ice_scroll = self.ice_scroll.saturating_add_signed(delta).min(100_000);
            }
            View::Sdp => {
                self.sdp_scroll = self.sdp_scroll.saturating_add_signed(delta).min(100_000);
            }
            View::Overview => {}
        }
    }

    fn horizontal(&mut self, delta: isize) {
        match self.view {
            View::Streams if self.detail.is_some() => {
                let points = self
                    .detail_stream()
                    .and_then(|s| s.series.as_ref())
                    .map_or(0, |s| s.bitrate_bps.len());
                if points == 0 {
                    self.cursor = None;
                    return;
                }
                let cur = self.cursor.unwrap_or(points - 1);
                self.cursor = Some(cur.saturating_add_signed(delta).min(points - 1));
            }
            View::Packets => {
                self.packet_focus = if delta < 0 {
                    PacketFocus::List
                } else {
                    PacketFocus::Detail
                };
            }
            View::Sdp => {
                let n = self.report.sdp.len();
                if n > 0 {
                    self.sdp_selected = self.sdp_selected.saturating_add_signed(delta).min(n - 1);
                    self.sdp_scroll = 0;
                }
            }
            _ => {}
        }
    }

    fn click(&mut self, col: u16, row: u16) {
        if let Some(i) = ui::tab_at(self, col, row) {
            self.go_to(i);
            return;
        }
        match self.view {
            View::Streams if self.detail.is_none() => {
                if let Some(r) = ui::streams_row_at(self.size, row) {
                    let i = self.streams.offset + r;
                    if i < self.order.len() {
                        if self.streams.selected == i {
                            self.enter();
                        } else {
                            self.streams.selected = i;
                        }
                    }
                }
            }
            View::Packets => {
                if let Some(r) = ui::packet_row_at(self.size, row) {
                    let i = self.packet_list.offset + r;
                    if i < self.packet_count() {
                        self.packet_list.selected = i;
                        self.packet_focus = PacketFocus::List;
                        self.refresh_packet_detail();
                    }
                }
            }
            _ => {}
        }
    }

    fn refresh_packet_detail(&mut self) {
        if self.view != View::Packets {
            return;
        }
        let Some(pos) = self.packet_position(self.packet_list.selected) else {
            self.packet_detail = None;
            return;
        };
        let Some(row) = self.packets.rows.get(pos) else {
            return;
        };
        let index = row.index;
        if self
            .packet_detail
            .as_ref()
            .is_some_and(|d| d.index == index && d.bytes.is_some())
        {
            return;
        }
        if let Some(bytes) = self.packets.recent_payload(index) {
            self.packet_detail = Some(PacketDetail {
                index,
                tree: self.dissector.dissect(bytes),
                bytes: Some(bytes.to_vec()),
            });
        } else {
            self.packet_detail = Some(PacketDetail {
                index,
                tree: Vec::new(),
                bytes: None,
            });
            if matches!(self.source, SourceKind::Files(_)) {
                self.payload_request = Some(index);
            }
        }
    }
}

/// A packet row in the scope (`ssrc`) whose protocol or summary contains `needle`
/// (lower case; empty matches all).
fn row_matches(r: &crate::packets::PacketRow, ssrc: Option<u32>, needle: &str) -> bool {
    if ssrc.is_some() && r.ssrc() != ssrc {
        return false;
    }
    needle.is_empty()
        || r.protocol().to_lowercase().contains(needle)
        || r.summary().to_lowercase().contains(needle)
}

fn opt(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NEG_INFINITY)
}

fn stream_matches(s: &StreamReport, needle: &str) -> bool {
    let mut text = format!("{:08x} {} {:?} {:?}", s.ssrc, s.ssrc, s.media, s.transport);
    for part in [&s.codec, &s.mid, &s.rid].into_iter().flatten() {
        text.push(' ');
        text.push_str(part);
    }
    for a in [s.src, s.dst].into_iter().flatten() {
        text.push(' ');
        text.push_str(&a.to_string());
    }
    text.to_lowercase().contains(needle)
}
