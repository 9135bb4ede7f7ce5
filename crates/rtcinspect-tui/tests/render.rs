//! Rendering snapshots (ratatui buffer → text, compared with insta) of every view at
//! 80×24 and 160×48, on a made-up report (`rtcinspect_tui::demo`) and on bundled real
//! captures. The real-capture snapshots change as the analysis trackers fill the
//! report: review them with `cargo insta review` (or `INSTA_UPDATE=always`).
//!
//! Besides the pictures, each case checks facts that do not come from our output:
//! the SSRCs and counts the fixture was built with, and the frame count tshark gives
//! for the capture.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use rtcinspect_tui::app::{App, SourceKind, View};
use rtcinspect_tui::source::analyse_files;
use rtcinspect_tui::{Action, buffer_text, demo, render_to_buffer};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn capture(name: &str) -> PathBuf {
    // Relative (tests run in the crate directory) so that snapshots do not depend on
    // where the repository is.
    PathBuf::from("../../testdata/captures").join(name)
}

fn text(app: &App, (w, h): (u16, u16)) -> String {
    let mut app = app.clone();
    app.update(Action::Resize(w, h));
    buffer_text(&render_to_buffer(&app, w, h))
}

/// Every view of `app` as (name, app state) pairs.
fn views(app: &App) -> Vec<(&'static str, App)> {
    let go = |actions: &[Action]| {
        let mut a = app.clone();
        a.colors = false;
        for x in actions {
            a.update(x.clone());
        }
        a
    };
    vec![
        ("overview", go(&[Action::GoTo(0)])),
        ("streams", go(&[Action::GoTo(1)])),
        ("detail", go(&[Action::GoTo(1), Action::Enter])),
        (
            "detail-cursor",
            go(&[Action::GoTo(1), Action::Enter, Action::Left, Action::Left]),
        ),
        (
            "packets",
            go(&[Action::GoTo(2), Action::Down, Action::Down]),
        ),
        ("ice-dtls", go(&[Action::GoTo(3)])),
        ("sdp", go(&[Action::GoTo(4)])),
        ("help", go(&[Action::GoTo(1), Action::ToggleHelp])),
    ]
}

fn snapshot_all(prefix: &str, app: &App) {
    for (name, a) in views(app) {
        for size in SIZES {
            let t = text(&a, size);
            // Every line fits the width and there are as many lines as rows.
            assert_eq!(t.lines().count(), usize::from(size.1), "{prefix}-{name}");
            insta::assert_snapshot!(format!("{prefix}-{name}-{}x{}", size.0, size.1), t);
        }
    }
}

#[test]
fn fixture_views() {
    let report = demo::report(12, 60);
    let ssrcs: Vec<u32> = report.streams.iter().map(|s| s.ssrc).collect();
    let app = App::with_report(report);
    snapshot_all("fixture", &app);
    // The streams table at 160×48 lists all 12 SSRCs the fixture was built with.
    let mut a = app.clone();
    a.update(Action::GoTo(1));
    let t = text(&a, (160, 48));
    for s in ssrcs {
        assert!(t.contains(&format!("0x{s:08X}")), "SSRC {s:08X} in\n{t}");
    }
    // The detail view of the first stream shows all six charts.
    a.update(Action::Enter);
    let t = text(&a, (160, 48));
    for chart in [
        "bitrate kbit/s",
        "packet rate pkt/s",
        "loss pkts",
        "jitter ms",
        "RTT ms",
        "fps frames/s",
    ] {
        assert!(t.contains(chart), "chart {chart} in\n{t}");
    }
}

#[test]
fn fixture_1000_streams_fits_80x24() {
    let app = App::with_report(demo::report(1000, 30));
    let mut a = app.clone();
    a.update(Action::GoTo(1));
    a.update(Action::Bottom);
    let t = text(&a, (80, 24));
    assert!(t.contains("Streams 1000/1000"), "{t}");
    // The last stream of the report is selected and on screen.
    let last = app.report.streams.last().unwrap().ssrc;
    assert!(t.contains(&format!("0x{last:08X}")), "{t}");
}

fn real(name: &str, frames: usize) {
    let path = capture(name);
    let snapshot = analyse_files(std::slice::from_ref(&path), &[], 1_000_000).unwrap();
    let app = App::with_snapshot(SourceKind::Files(vec![path]), snapshot);
    // Frame counts: `tshark -r testdata/captures/NAME | wc -l` (2255 for chrome-vp8 is
    // also in testdata/captures/README.md); every frame of these captures is one UDP
    // datagram, so the packet list has one row per frame.
    assert_eq!(app.packets.rows.len(), frames, "{name}");
    assert_eq!(app.view, View::Streams);
    let stem = name.trim_end_matches(".pcap");
    snapshot_all(stem, &app);
}

#[test]
fn chrome_vp8_views() {
    real("chrome-vp8.pcap", 2255);
}

// `tshark -r FILE | wc -l` and `tshark -r FILE -Y udp | wc -l` (tshark 4.0.17) give
// the same count for each: 728 and 1621.
#[test]
fn chrome_dtls13_views() {
    real("chrome-dtls13.pcap", 728);
}

#[test]
fn baresip_call_views() {
    real("baresip-call.pcap", 1621);
}

#[test]
fn loading_progress_is_shown_while_a_file_is_read() {
    // A snapshot of a file read to 1/4 (numbers written here, not from a run).
    let snapshot = rtcinspect_tui::source::Snapshot {
        report: demo::report(2, 10),
        progress: rtcinspect_tui::source::Progress {
            bytes_read: 250,
            bytes_total: Some(1000),
            done: false,
        },
        ..Default::default()
    };
    let mut app = App::new(SourceKind::Files(vec![capture("big.pcap")]));
    app.update(Action::Snapshot(Box::new(snapshot)));
    app.update(Action::GoTo(0));
    let t = text(&app, (80, 24));
    assert!(t.lines().last().unwrap().contains("loading 25%"), "{t}");
    assert!(t.contains("read 250 of 1,000 bytes"), "{t}");
    // What is known so far is on screen: the two streams.
    app.update(Action::GoTo(1));
    let t = text(&app, (80, 24));
    assert!(t.contains("Streams 2/2"), "{t}");
    app.update(Action::SourceEnded);
    let t = text(&app, (80, 24));
    assert!(t.lines().last().unwrap().contains(" done "), "{t}");
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    let path = capture("chrome-vp8.pcap");
    let snapshot = analyse_files(std::slice::from_ref(&path), &[], 1_000_000).unwrap();
    let real = App::with_snapshot(SourceKind::Files(vec![path]), snapshot);
    let app = App::with_report(demo::report(5, 20));
    for (_, a) in views(&app).into_iter().chain(views(&real)) {
        for size in [
            (1, 1),
            (2, 2),
            (10, 3),
            (20, 5),
            (33, 9),
            (40, 10),
            (300, 100),
        ] {
            let t = text(&a, size);
            assert_eq!(t.lines().count(), usize::from(size.1));
        }
    }
}
