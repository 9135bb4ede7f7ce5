//! End-to-end: the dashboard in a real terminal (tmux, 120×40) on a bundled WebRTC
//! capture, driven with `send-keys` and read with `capture-pane -p`.
//! Skipped, with a message, when tmux is not installed (`.ci/run` installs it).
//!
//! It runs `examples/dashboard.rs` (built by `cargo test`), the same dashboard the
//! `rtcinspect` binary opens. tmux redraws a pane in pieces, so every check waits
//! until *all* the text it expects is on the screen, never reads a screen once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs tmux on the test's own server (`-L`), so tests running at the same time
/// never share (or shut down) a server.
fn tmux_on(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .expect("tmux runs")
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The dashboard program: the example next to this test's executable.
fn dashboard() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("examples").join("dashboard");
    assert!(
        bin.exists(),
        "{} not built: run `cargo build -p rtcinspect-tui --example dashboard`",
        bin.display()
    );
    bin
}

fn capture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/captures")
        .join(name)
}

/// A tmux session running the dashboard; killed when dropped.
struct Session {
    name: String,
}

impl Session {
    fn start(tag: &str, file: &str) -> Session {
        let name = format!("rtcinspect-e2e-{tag}-{}", std::process::id());
        // After the dashboard exits, show its exit code and the terminal modes: a
        // restored terminal is back in canonical mode with echo on.
        let cmd = format!(
            "'{}' '{}'; echo \"dashboard exited $?\"; stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'; echo end-of-modes; sleep 60",
            dashboard().display(),
            capture(file).display()
        );
        let out = tmux_on(
            &name,
            &[
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                "120",
                "-y",
                "40",
                &cmd,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Session { name }
    }

    fn tmux(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&tmux_on(&self.name, args).stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.name])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.name, k]);
        }
    }

    /// Waits until the screen contains `text` (20 s at most) and returns it.
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits until the screen contains every one of `texts` at once (20 s at most)
    /// and returns it; on timeout the failure names what is missing.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
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
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux_on(&self.name, &["kill-server"]);
    }
}

/// SSRCs of the call from the browser's own getStats() log (ground truth written
/// when the capture was made).
fn ssrcs_from_page_log() -> Vec<u32> {
    let log = std::fs::read_to_string(capture("chrome-vp8.page-log.jsonl")).unwrap();
    let mut out = vec![];
    for (i, _) in log.match_indices("\"ssrc\":") {
        let digits: String = log[i + 7..]
            .chars()
            .skip_while(|c| *c == ' ')
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse::<u32>() {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

#[test]
fn opens_help_packets_and_quits_restoring_the_terminal() {
    if !have_tmux() {
        eprintln!("SKIPPED tmux end-to-end test: tmux is not installed");
        return;
    }
    let s = Session::start("basic", "chrome-vp8.pcap");
    // The whole file is read: the status line says done.
    s.wait_for(" done ");
    s.keys(&["?"]);
    s.wait_for_all(&["Help — keys", "drill down"]);
    // `q` closes the help (an Escape followed at once by another key would reach
    // the program as Alt+key).
    s.keys(&["q"]);
    s.keys(&["3"]);
    // 2255 frames in the capture (testdata/captures/README.md, `tshark -r ... | wc -l`),
    // each one UDP datagram; frame 1 is a STUN Binding request.
    s.wait_for_all(&["Packets 2,255", "Binding Request"]);
    // Frame 5 is RTP: `tshark -r chrome-vp8.pcap -d udp.port==37196,rtp -Y frame.number==5
    // -T fields -e rtp.ssrc -e rtp.seq -e rtp.p_type` gives 0xfdccf706, 14859, 111.
    s.keys(&["j", "j", "j", "j"]);
    s.wait_for_all(&[
        "Sequence number: 14859",
        "SSRC: 0xfdccf706",
        "Payload type: 111",
    ]);
    s.keys(&["q", "q"]);
    let screen = s.wait_for_all(&["dashboard exited 0", "end-of-modes"]);
    // Canonical mode and echo are back: raw mode was undone.
    let modes: Vec<&str> = screen.lines().map(str::trim).collect();
    assert!(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        "{screen}"
    );
    assert!(
        !screen.contains("Packets 2,255"),
        "the alternate screen is gone:\n{screen}"
    );
}

#[test]
fn streams_table_lists_the_ssrcs_and_drills_into_charts() {
    if !have_tmux() {
        eprintln!("SKIPPED tmux end-to-end test: tmux is not installed");
        return;
    }
    let ssrcs = ssrcs_from_page_log();
    assert_eq!(ssrcs.len(), 3, "getStats names three SSRCs: {ssrcs:?}");
    let s = Session::start("streams", "chrome-vp8.pcap");
    s.wait_for(" done ");
    s.keys(&["2"]);
    // Every SSRC getStats named is a row of the streams table.
    let rows: Vec<String> = ssrcs.iter().map(|ssrc| format!("0x{ssrc:08X}")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    s.wait_for_all(&rows);
    s.keys(&["Enter"]);
    s.wait_for_all(&[
        "bitrate kbit/s",
        "packet rate pkt/s",
        "loss pkts",
        "jitter ms",
        "RTT ms",
        "fps frames/s",
    ]);
    s.keys(&["q", "q"]);
    s.wait_for("dashboard exited 0");
}
