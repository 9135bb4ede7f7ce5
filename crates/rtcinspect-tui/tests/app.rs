//! `App::update(Action)`: navigation, sorting, filtering, pause, drill-down, mouse.
//! Expected values come from how the fixture report is built (`demo::report`: stream
//! `i` is VP8 video for `i % 3 == 0`, Opus audio for `i % 3 == 1`, RTX otherwise) or
//! from the inputs written in the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use rtcinspect_analysis::report::MediaKind;
use rtcinspect_tui::app::{App, PacketFocus, SortKey, StreamKey, View, WINDOWS};
use rtcinspect_tui::packets::{FlowKey, PacketDelta, PacketRow, RowInfo};
use rtcinspect_tui::source::Snapshot;
use rtcinspect_tui::{Action, demo};

fn app(streams: usize) -> App {
    let mut a = App::with_report(demo::report(streams, 30));
    a.update(Action::Resize(80, 24));
    a
}

fn shown_ssrcs(a: &App) -> Vec<u32> {
    a.order.iter().map(|&i| a.report.streams[i].ssrc).collect()
}

#[test]
fn tabs_cycle_both_ways_and_number_keys_jump() {
    let mut a = app(3);
    assert_eq!(a.view, View::Streams);
    let mut seen = vec![];
    for _ in 0..5 {
        a.update(Action::NextView);
        seen.push(a.view);
    }
    assert_eq!(
        seen,
        [
            View::Packets,
            View::IceDtls,
            View::Sdp,
            View::Overview,
            View::Streams
        ]
    );
    a.update(Action::PrevView);
    assert_eq!(a.view, View::Overview);
    a.update(Action::GoTo(4));
    assert_eq!(a.view, View::Sdp);
    a.update(Action::GoTo(9));
    assert_eq!(a.view, View::Sdp, "no such view: nothing changes");
}

#[test]
fn selection_moves_and_clamps_with_pages() {
    // 80×24: 22 body lines, table border 2 and header 1: 19 stream rows a page.
    let mut a = app(100);
    a.update(Action::Up);
    assert_eq!(a.streams.selected, 0);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.streams.selected, 2);
    a.update(Action::PageDown);
    assert_eq!(a.streams.selected, 21);
    assert_eq!(a.streams.offset, 3, "selected row is the last one shown");
    a.update(Action::Bottom);
    assert_eq!(a.streams.selected, 99);
    assert_eq!(a.streams.offset, 100 - 19);
    a.update(Action::PageUp);
    assert_eq!(a.streams.selected, 80);
    a.update(Action::Top);
    assert_eq!((a.streams.selected, a.streams.offset), (0, 0));
    // A taller terminal shows more rows: the offset follows.
    a.update(Action::Bottom);
    a.update(Action::Resize(80, 60));
    assert_eq!(a.streams.offset, 100 - 55);
}

#[test]
fn sorting_by_packets_then_reversed_keeps_the_selection() {
    let mut a = app(12);
    a.update(Action::Down); // second stream selected
    let picked = a.selected_stream().unwrap().ssrc;
    while a.sort != SortKey::Packets {
        a.update(Action::NextSort);
    }
    assert!(a.sort_desc, "counts sort largest first");
    let mut expected: Vec<(u64, u32)> = a
        .report
        .streams
        .iter()
        .map(|s| (s.packets, s.ssrc))
        .collect();
    expected.sort_by_key(|e| std::cmp::Reverse(e.0));
    let shown: Vec<u64> = a
        .order
        .iter()
        .map(|&i| a.report.streams[i].packets)
        .collect();
    assert_eq!(shown, expected.iter().map(|e| e.0).collect::<Vec<_>>());
    assert_eq!(
        a.selected_stream().unwrap().ssrc,
        picked,
        "selection follows the stream"
    );
    a.update(Action::ReverseSort);
    let shown: Vec<u64> = a
        .order
        .iter()
        .map(|&i| a.report.streams[i].packets)
        .collect();
    assert!(shown.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(a.selected_stream().unwrap().ssrc, picked);
    // Back to report order after a full cycle.
    for _ in 0..SortKey::CYCLE.len() - 4 {
        a.update(Action::NextSort);
    }
    assert_eq!(a.sort, SortKey::Report);
    assert_eq!(a.order, (0..12).collect::<Vec<_>>());
}

#[test]
fn filter_by_codec_text_and_clear() {
    let mut a = app(12);
    a.update(Action::StartFilter);
    for c in "opus".chars() {
        a.update(Action::FilterChar(c));
    }
    // Streams 1, 4, 7, 10 are Opus.
    let expected: Vec<u32> = [1, 4, 7, 10]
        .iter()
        .map(|&i| a.report.streams[i].ssrc)
        .collect();
    assert_eq!(shown_ssrcs(&a), expected);
    assert!(
        a.order
            .iter()
            .all(|&i| a.report.streams[i].media == MediaKind::Audio)
    );
    // While typing, `q` is text, not quit.
    a.update(Action::FilterChar('q'));
    assert!(!a.quit);
    assert!(a.order.is_empty());
    a.update(Action::FilterBackspace);
    a.update(Action::FilterCommit);
    assert_eq!(a.order.len(), 4);
    // By SSRC in hex.
    a.update(Action::FilterCancel);
    assert_eq!(a.order.len(), 12);
    let ssrc = a.report.streams[5].ssrc;
    a.update(Action::StartFilter);
    for c in format!("{ssrc:08x}").chars() {
        a.update(Action::FilterChar(c));
    }
    a.update(Action::FilterCommit);
    assert_eq!(shown_ssrcs(&a), vec![ssrc]);
    // Esc clears a kept filter before it quits.
    a.update(Action::Back);
    assert_eq!(a.order.len(), 12);
    assert!(!a.quit);
}

fn rtp_row(index: u64, ssrc: u32) -> PacketRow {
    PacketRow {
        index,
        frame: index + 1,
        timestamp_ns: 1_000_000_000 + index as i64 * 20_000_000,
        flow: 0,
        len: 172,
        info: RowInfo::Rtp {
            ssrc,
            seq: index as u16,
            pt: 111,
            marker: false,
        },
    }
}

fn delta(rows: Vec<PacketRow>) -> PacketDelta {
    let a: SocketAddr = "127.0.0.1:5000".parse().unwrap();
    let b: SocketAddr = "127.0.0.1:5002".parse().unwrap();
    let mut d = PacketDelta {
        rows,
        ..PacketDelta::default()
    };
    d.flows.push(FlowKey {
        src: a,
        dst: b,
        transport: rtcinspect_analysis::Transport::Udp,
    });
    d
}

#[test]
fn pause_freezes_the_display_and_loses_nothing() {
    let mut a = app(3);
    a.update(Action::TogglePause);
    assert!(a.paused);
    let before = a.report.clone();
    let mut s1 = Snapshot {
        report: demo::report(5, 30),
        ..Snapshot::default()
    };
    s1.packets = delta((0..10).map(|i| rtp_row(i, 7)).collect());
    let mut s2 = Snapshot {
        report: demo::report(6, 30),
        ..Snapshot::default()
    };
    s2.packets = delta((10..25).map(|i| rtp_row(i, 7)).collect());
    s2.packets.flows.clear();
    a.update(Action::Snapshot(Box::new(s1)));
    a.update(Action::Snapshot(Box::new(s2)));
    assert_eq!(a.report, before, "paused: the report shown does not change");
    assert!(a.packets.rows.is_empty());
    a.update(Action::TogglePause);
    assert_eq!(a.report.streams.len(), 6, "the latest snapshot is shown");
    assert_eq!(a.packets.rows.len(), 25, "rows of every snapshot are kept");
    assert!(
        a.packets
            .rows
            .iter()
            .enumerate()
            .all(|(i, r)| r.index == i as u64)
    );
}

#[test]
fn drill_down_and_back_out() {
    let mut a = app(6);
    let mut s = Snapshot {
        report: a.report.clone(),
        ..Snapshot::default()
    };
    let first = a.report.streams[0].ssrc;
    let second = a.report.streams[1].ssrc;
    // 30 rows: even ones of the first stream, odd ones of the second.
    s.packets = delta(
        (0..30)
            .map(|i| rtp_row(i, if i % 2 == 0 { first } else { second }))
            .collect(),
    );
    a.update(Action::Snapshot(Box::new(s)));
    a.update(Action::Enter);
    assert_eq!(a.detail, Some(StreamKey::of(&a.report.streams[0])));
    // Down in the detail shows the next stream.
    a.update(Action::Down);
    assert_eq!(a.detail.unwrap().ssrc, second);
    a.update(Action::Up);
    // Enter again: the packets of that stream.
    a.update(Action::Enter);
    assert_eq!(a.view, View::Packets);
    assert_eq!(a.packet_scope, Some(first));
    assert_eq!(a.packet_count(), 15);
    assert_eq!(a.scoped_rows, (0..30).step_by(2).collect::<Vec<_>>());
    // The detail pane shows the selected packet (payload not kept here: it is asked
    // for only for files, so nothing is requested).
    assert_eq!(a.packet_detail.as_ref().unwrap().index, 0);
    a.update(Action::Down);
    assert_eq!(a.packet_detail.as_ref().unwrap().index, 2);
    a.update(Action::Right);
    assert_eq!(a.packet_focus, PacketFocus::Detail);
    a.update(Action::Back);
    assert_eq!(a.packet_focus, PacketFocus::List);
    a.update(Action::Back);
    assert_eq!((a.view, a.packet_scope), (View::Streams, None));
    assert!(a.detail.is_some());
    a.update(Action::Quit);
    assert!(a.detail.is_none() && !a.quit, "q leaves the detail first");
    a.update(Action::Quit);
    assert!(a.quit);
}

#[test]
fn time_cursor_stays_in_the_series() {
    let mut a = app(3);
    a.update(Action::Enter);
    assert_eq!(a.cursor, None);
    a.update(Action::Left);
    assert_eq!(
        a.cursor,
        Some(28),
        "30 points: starts on the last, then one back"
    );
    a.update(Action::Right);
    a.update(Action::Right);
    assert_eq!(a.cursor, Some(29));
    for _ in 0..40 {
        a.update(Action::Left);
    }
    assert_eq!(a.cursor, Some(0));
}

#[test]
fn window_steps_and_stops_at_the_ends() {
    let mut a = app(1);
    assert_eq!(a.window_secs(), None, "files show everything");
    a.update(Action::WiderWindow);
    assert_eq!(a.window_secs(), None);
    a.update(Action::NarrowerWindow);
    assert_eq!(a.window_secs(), Some(300));
    for _ in 0..10 {
        a.update(Action::NarrowerWindow);
    }
    assert_eq!(a.window_secs(), WINDOWS[0]);
    let live = App::new(rtcinspect_tui::app::SourceKind::Live {
        interface: "lo".into(),
        filter: None,
    });
    assert_eq!(live.window_secs(), Some(60), "live starts on the last 60 s");
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut a = app(3);
    a.update(Action::ToggleHelp);
    assert!(a.help);
    a.update(Action::Down);
    assert!(!a.help);
    assert_eq!(a.streams.selected, 0, "the key only closed the help");
    a.update(Action::ToggleHelp);
    a.update(Action::Quit);
    assert!(!a.help && !a.quit);
}

#[test]
fn mouse_selects_tabs_and_rows() {
    let mut a = app(12);
    // Tab bar: " rtcinspect " is 12 columns, then " 1 Overview " (12) and a divider.
    a.update(Action::Click(13, 0));
    assert_eq!(a.view, View::Overview);
    a.update(Action::Click(12 + 12 + 1 + 2, 0));
    assert_eq!(a.view, View::Streams);
    // Rows: tab bar (0), border (1), header (2), first stream (3).
    a.update(Action::Click(5, 3 + 4));
    assert_eq!(a.streams.selected, 4);
    a.update(Action::Click(5, 3 + 4));
    assert_eq!(
        a.detail.unwrap().ssrc,
        a.report.streams[4].ssrc,
        "second click opens it"
    );
    a.update(Action::Back);
    a.update(Action::ScrollDown);
    assert_eq!(a.streams.selected, 7);
}

#[test]
fn packet_filter_applies_on_enter_and_esc_clears_it() {
    let mut a = app(2);
    let mut rows: Vec<PacketRow> = (0..10).map(|i| rtp_row(i, 7)).collect();
    // Rows 10..15: RTCP sender reports of SSRC 9.
    for i in 10..15 {
        let mut r = rtp_row(i, 9);
        r.info = RowInfo::Rtcp {
            packet_type: 200,
            ssrc: 9,
        };
        rows.push(r);
    }
    let mut s = Snapshot {
        report: a.report.clone(),
        ..Snapshot::default()
    };
    s.packets = delta(rows);
    a.update(Action::Snapshot(Box::new(s)));
    a.update(Action::GoTo(2));
    assert_eq!(a.packet_count(), 15);
    a.update(Action::StartFilter);
    for c in "RTCP".chars() {
        a.update(Action::FilterChar(c));
    }
    assert_eq!(a.packet_count(), 15, "applied on Enter only");
    a.update(Action::FilterCommit);
    assert_eq!(a.packet_count(), 5);
    assert_eq!(a.packet_position(0), Some(10));
    // Rows arriving later are filtered too.
    let mut s = Snapshot {
        report: a.report.clone(),
        ..Snapshot::default()
    };
    let mut late = rtp_row(15, 9);
    late.info = RowInfo::Rtcp {
        packet_type: 201,
        ssrc: 9,
    };
    s.packets = delta(vec![late, rtp_row(16, 7)]);
    s.packets.flows.clear();
    a.update(Action::Snapshot(Box::new(s)));
    assert_eq!(a.packet_count(), 6);
    // Esc clears the filter before anything else.
    a.update(Action::Back);
    assert_eq!(a.packet_count(), 17);
    assert!(!a.quit);
    // By summary text: "Sender Report" is packet type 200 only.
    a.update(Action::StartFilter);
    for c in "sender report".chars() {
        a.update(Action::FilterChar(c));
    }
    a.update(Action::FilterCommit);
    assert_eq!(a.packet_count(), 5);
    // The streams filter is untouched.
    assert!(a.filter.is_empty());
}
