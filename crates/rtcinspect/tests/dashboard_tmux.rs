//! `rtcinspect FILE` on a terminal opens the dashboard (driven through tmux, 120×40):
//! the streams table lists the call's SSRCs, Enter shows the stream's charts, `?` the
//! help, and `q` quits with the terminal restored. Skipped, with a message, when tmux
//! is not installed (`.ci/run` installs it). The dashboard itself is tested in
//! `crates/rtcinspect-tui/tests/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::{Duration, Instant};

/// tmux on this test's own server (`-L`).
fn tmux(args: &[&str]) -> String {
    let socket = format!("rtcinspect-bin-e2e-{}", std::process::id());
    let out = Command::new("tmux")
        .args(["-L", &socket])
        .args(args)
        .output()
        .expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Session(String);

impl Session {
    /// Waits until every one of `texts` is on the screen at once (tmux redraws a
    /// pane in pieces, so one read can show half a frame) and returns the screen.
    fn wait_for(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = tmux(&["capture-pane", "-p", "-t", &self.0]);
            let missing: Vec<&&str> = texts.iter().filter(|t| !s.contains(**t)).collect();
            if missing.is_empty() {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {missing:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, k: &str) {
        tmux(&["send-keys", "-t", &self.0, k]);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-server"]);
    }
}

#[test]
fn rtcinspect_file_opens_the_dashboard_on_a_terminal() {
    if !Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("SKIPPED dashboard end-to-end test: tmux is not installed");
        return;
    }
    let exe = env!("CARGO_BIN_EXE_rtcinspect");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let name = format!("rtcinspect-bin-e2e-{}", std::process::id());
    let cmd = format!(
        "'{exe}' testdata/captures/chrome-vp8.pcap; echo \"exited $?\"; \
         stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'; echo end-of-modes; sleep 60"
    );
    let out = Command::new("tmux")
        .args(["-L", &format!("rtcinspect-bin-e2e-{}", std::process::id())])
        .args([
            "new-session",
            "-d",
            "-s",
            &name,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            root,
            &cmd,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = Session(name);
    // The file is read (" done ") and the streams table lists the SSRCs of the call
    // from the browser's getStats() log (testdata/captures/chrome-vp8.page-log.jsonl).
    s.wait_for(&[" done ", "0x1AE81A9F", "0x792AE616", "0xFDCCF706"]);
    s.keys("Enter");
    s.wait_for(&["bitrate kbit/s"]);
    s.keys("?");
    s.wait_for(&["Help — keys"]);
    s.keys("q");
    s.keys("q");
    s.keys("q");
    let screen = s.wait_for(&["exited 0", "end-of-modes"]);
    let lines: Vec<&str> = screen.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"icanon") && lines.contains(&"echo"),
        "{screen}"
    );
}
