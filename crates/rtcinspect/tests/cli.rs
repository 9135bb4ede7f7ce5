//! The built binary: exit codes, standard input, output formats, broken pipes,
//! colours, `sdp`, `completions`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rtcinspect"));
    c.env_remove("NO_COLOR");
    c
}

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn vp8() -> String {
    data("captures/chrome-vp8.pcap").display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn missing_file_exits_1() {
    let o = run(&["summary", "/nonexistent/capture.pcap"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/nonexistent/capture.pcap"), "{err}");
    // The bare form too.
    assert_eq!(run(&["/nonexistent/capture.pcap"]).status.code(), Some(1));
}

#[test]
fn not_a_capture_exits_1() {
    // An SDP file is not a pcap: the capture layer refuses the magic number.
    let sdp = data("sdp/chrome-offer-audio-only.sdp")
        .display()
        .to_string();
    assert_eq!(run(&["summary", &sdp]).status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--bogus"]).status.code(), Some(2));
    assert_eq!(
        run(&["summary", &vp8(), "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["summary"]).status.code(), Some(2));
    // Nothing at all: the help, as a usage error.
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(
        run(&["packets", &vp8(), "--stream", "zz"]).status.code(),
        Some(2)
    );
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Examples:"));
}

#[test]
fn json_has_version_capture_streams() {
    let o = run(&["summary", "--format", "json", &vp8()]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert!(v["streams"].is_array());
    let c = &v["capture"];
    // tshark -r chrome-vp8.pcap | wc -l → 2255 frames (captures/README.md says so too).
    assert_eq!(c["packets"], 2255);
    assert_eq!(c["format"], "pcap");
    assert_eq!(c["file"], vp8());
}

#[test]
fn stdin_dash() {
    let bytes = std::fs::read(vp8()).unwrap();
    let mut child = bin()
        .args(["summary", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["capture"]["file"], "-");
    assert_eq!(v["capture"]["packets"], 2255);
}

#[test]
fn several_files_are_one_report() {
    let o = run(&["summary", "--format", "json", &vp8(), &vp8()]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    // 2 × 2255 frames.
    assert_eq!(v["capture"]["packets"], 4510);
    assert_eq!(v["capture"]["datagrams"], 4510);
}

#[test]
fn csv_header_and_rows() {
    let o = run(&["summary", "--format", "csv", &vp8()]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("ssrc,ssrc_hex,src,dst,transport,payload_type,"));
    assert!(header.contains(",rtcp_nacks,") && header.contains(",video_fps,"));
    let columns = header.split(',').count();
    for line in lines {
        // No field of these captures needs quoting, so commas separate fields.
        assert_eq!(line.split(',').count(), columns, "{line}");
    }
}

#[test]
fn text_summary_sections() {
    let o = run(&[&vp8()]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("Capture "), "{text}");
    assert!(text.contains("2255 frames"));
    assert!(text.contains("RTP streams ("));
    // Not a terminal: no colours.
    assert!(!text.contains('\x1b'));
}

#[test]
fn broken_pipe_is_quiet_success() {
    // About 250 kB of lines, far more than a pipe holds: the writer meets a closed
    // pipe after we stop reading.
    let mut child = bin()
        .args(["packets", &vp8()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}

#[test]
fn packets_filters() {
    // 0x1ae81a9f is the VP8 stream (tshark: rtp.p_type 96 on frame 28).
    let o = run(&[
        "packets",
        &vp8(),
        "--format",
        "jsonl",
        "--stream",
        "0x1ae81a9f",
        "--kind",
        "rtp",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut n = 0;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["kind"], "rtp");
        assert_eq!(v["rtp"]["ssrc"], 0x1ae8_1a9f);
        assert_eq!(v["rtp"]["pt"], 96);
        n += 1;
    }
    // The reference: frames whose rtp.ssrc is 0x1ae81a9f.
    let reference = std::fs::read_to_string(data("captures/chrome-vp8.packet-fields.txt")).unwrap();
    let expected = reference
        .lines()
        .skip(1)
        .filter(|l| l.split('\t').nth(1) == Some("0x1ae81a9f"))
        .count();
    assert_eq!(n, expected);
    assert!(n > 100);

    let rtcp = run(&["packets", &vp8(), "--kind", "rtcp"]);
    let text = stdout(&rtcp);
    assert!(!text.is_empty());
    assert!(text.lines().all(|l| l.contains(" rtcp ")), "{text}");
}

#[test]
fn packets_text_brackets_ipv6() {
    let o = run(&["packets", &vp8()]);
    let text = stdout(&o);
    let first = text.lines().next().unwrap();
    // Frame 1: tshark shows fd00::2 port 60453 → fd00::2 port 37196, a Binding request.
    assert!(
        first.contains("[fd00::2]:60453 → [fd00::2]:37196 udp stun"),
        "{first}"
    );
    assert!(first.contains("Binding request id=31626d38706855514c343232"));
}

#[test]
fn no_color_in_a_terminal() {
    // `script` gives the binary a terminal; without it this test cannot say much.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("script(1) not found: colour test skipped");
        return;
    }
    let exe = env!("CARGO_BIN_EXE_rtcinspect");
    let tty = |env_no_color: Option<&str>, flag: &str| {
        let mut c = Command::new("script");
        // `summary`: on a terminal, `rtcinspect FILE` alone opens the dashboard.
        c.args([
            "-qec",
            &format!("{exe} summary {flag} {}", vp8()),
            "/dev/null",
        ]);
        c.env_remove("NO_COLOR");
        if let Some(v) = env_no_color {
            c.env("NO_COLOR", v);
        }
        let o = c.output().unwrap();
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(tty(None, "").contains("\x1b[1;36mCapture"));
    assert!(!tty(Some("1"), "").contains('\x1b'));
    assert!(!tty(None, "--no-color").contains('\x1b'));
    // NO_COLOR set but empty does not count (no-color.org).
    assert!(tty(Some(""), "").contains('\x1b'));
    // `--no-tui` keeps the text summary on a terminal.
    let mut c = Command::new("script");
    c.args(["-qec", &format!("{exe} --no-tui {}", vp8()), "/dev/null"]);
    let o = c.output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Capture"));
}

#[test]
fn sdp_text_and_json() {
    let f = data("sdp/chrome-offer-audio-only.sdp");
    let text = std::fs::read_to_string(&f).unwrap();
    let o = run(&["sdp", f.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    // The offer's own rtpmap line for Opus.
    assert!(text.contains("a=rtpmap:111 opus/48000/2"));
    assert!(out.contains("111 opus/48000/2"), "{out}");

    let o = run(&["sdp", "--format", "json", f.to_str().unwrap()]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["media"][0]["media"], "audio");
    let opus = v["media"][0]["codecs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pt"] == 111)
        .unwrap();
    assert_eq!(opus["name"], "opus");
    assert_eq!(opus["clock_rate"], 48000);
    assert_eq!(opus["channels"], 2);
    let mid = text
        .lines()
        .find_map(|l| l.trim_end().strip_prefix("a=mid:"))
        .unwrap();
    assert_eq!(v["media"][0]["mid"], mid);
}

#[test]
fn sdp_lints_a_missing_fingerprint() {
    // A DTLS profile without a fingerprint: the lint the SDP crate documents.
    let dir = std::env::temp_dir().join(format!("rtcinspect-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("nofp.sdp");
    std::fs::write(
        &f,
        "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n",
    )
    .unwrap();
    let o = run(&["sdp", "--format", "json", f.to_str().unwrap()]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let lints = v["lints"].as_array().unwrap();
    assert_eq!(lints.len(), 1, "{lints:?}");
    // Line 5 is the m= line.
    assert_eq!(lints[0]["line"], 5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sdp_missing_file_exits_1() {
    assert_eq!(run(&["sdp", "/nonexistent.sdp"]).status.code(), Some(1));
}

#[test]
fn completions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let s = stdout(&o);
        assert!(s.contains("rtcinspect"), "{shell}");
        assert!(s.contains("packets") && s.contains("summary"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn sdp_option_missing_file_exits_1() {
    let o = run(&["summary", &vp8(), "--sdp", "/nonexistent/offer.sdp"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/offer.sdp"));
}

#[test]
fn sdp_from_stdin() {
    let text = std::fs::read(data("sdp/chrome-offer-audio-only.sdp")).unwrap();
    let mut child = bin()
        .args(["sdp", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(v["media"][0]["media"], "audio");
}

#[test]
fn packets_detail_tree() {
    // Frame 16: reduced-size transport-cc from 0x1ae81a9f about 0x792ae616, base
    // sequence 1, 3 packets (tshark -V on frame 16 with -d udp.port==37196,rtcp).
    let o = run(&["packets", &vp8(), "--kind", "rtcp", "-V"]);
    let text = stdout(&o);
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("16 "))
        .take(12)
        .collect();
    assert!(
        block[1].starts_with("    RTCP TWCC 0x1ae81a9f -> 0x792ae616"),
        "{block:?}"
    );
    assert!(block.contains(&"            Base sequence: 1"), "{block:?}");
    assert!(block.contains(&"            Status count: 3"), "{block:?}");
}
