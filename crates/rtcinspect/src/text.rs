//! The text summary: capture, streams, RTCP, ICE, DTLS, sessions, findings.

use std::io::{self, Write};
use std::net::SocketAddr;

use rtcinspect_analysis::Report;
use rtcinspect_analysis::report::{Count, Severity, StreamReport};

use crate::table::{Align, Cell, Style, Table};

/// Writes the whole summary.
pub(crate) fn write_summary(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    capture(out, r, style)?;
    streams(out, r, style)?;
    rtcp(out, r, style)?;
    ice(out, r, style)?;
    dtls(out, r, style)?;
    sdp(out, r, style)?;
    sessions(out, r, style)?;
    findings(out, r, style)?;
    limits(out, r, style)?;
    Ok(())
}

/// `ip:port` (IPv6 bracketed), or `?`.
pub(crate) fn addr(a: Option<SocketAddr>) -> String {
    a.map_or_else(|| "?".to_owned(), |a| a.to_string())
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

fn counts(c: &[Count]) -> String {
    c.iter()
        .map(|c| format!("{} {}", c.name, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn heading(out: &mut dyn Write, style: Style, title: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", style.heading(title))
}

/// Unix seconds as UTC `YYYY-MM-DD hh:mm:ss.mmm`.
pub(crate) fn utc(t: f64) -> String {
    if !t.is_finite() {
        return "?".to_owned();
    }
    let ms_total = (t * 1000.0).round() as i64;
    let ms = ms_total.rem_euclid(1000);
    let secs = ms_total.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{ms:03}",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

fn capture(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    let c = &r.capture;
    writeln!(
        out,
        "{} {} ({})",
        style.heading("Capture"),
        c.file.as_deref().unwrap_or("?"),
        c.format.as_deref().unwrap_or("?")
    )?;
    let duration = match (c.first_time, c.last_time) {
        (Some(a), Some(b)) => format!(", {} to {} ({:.3} s)", utc(a), utc(b), b - a),
        _ => String::new(),
    };
    writeln!(
        out,
        "  {} frames, {} bytes, {} datagrams{duration}",
        c.packets, c.bytes, c.datagrams
    )?;
    if !c.link_types.is_empty() {
        writeln!(out, "  link types: {}", c.link_types.join(", "))?;
    }
    if !c.protocols.is_empty() {
        writeln!(out, "  datagrams by kind: {}", counts(&c.protocols))?;
    }
    if !c.malformed.is_empty() {
        writeln!(
            out,
            "  {}: {}",
            style.yellow("malformed"),
            counts(&c.malformed)
        )?;
    }
    if !c.unsupported.is_empty() {
        writeln!(out, "  not analysed: {}", counts(&c.unsupported))?;
    }
    if let Some(d) = c.kernel_drops {
        writeln!(out, "  kernel drops: {d}")?;
    }
    Ok(())
}

fn codec(s: &StreamReport) -> String {
    let mut name = match (&s.codec, s.clock_rate) {
        (Some(c), Some(rate)) => format!("{c}/{rate}"),
        (Some(c), None) => c.clone(),
        (None, _) => format!("PT {}", s.payload_type),
    };
    if s.codec.is_some() {
        name = format!("{} {name}", s.payload_type);
    }
    if s.srtp {
        name.push_str(" (SRTP)");
    }
    name
}

fn streams(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    heading(out, style, &format!("RTP streams ({})", r.streams.len()))?;
    if r.streams.is_empty() {
        return writeln!(out, "  none");
    }
    let mut t = Table::new(&[
        ("SSRC", Align::Left),
        ("Source → Destination", Align::Left),
        ("Media", Align::Left),
        ("Codec", Align::Left),
        ("Packets", Align::Right),
        ("Lost", Align::Right),
        ("kbit/s", Align::Right),
        ("Max Δ ms", Align::Right),
        ("Jitter max/mean ms", Align::Right),
        ("RTT ms", Align::Right),
        ("NACK/PLI", Align::Right),
    ]);
    for s in &r.streams {
        let mut route = format!("{} → {}", addr(s.src), addr(s.dst));
        if s.transport != "udp" && !s.transport.is_empty() {
            route.push_str(&format!(" {}", s.transport));
        }
        if let Some(turn) = &s.turn {
            match turn.channel {
                Some(ch) => route.push_str(&format!(" (TURN 0x{ch:04x})")),
                None => route.push_str(" (TURN)"),
            }
        }
        let lost = format!("{} ({:.1}%)", s.lost, s.lost_percent);
        let lost = if s.lost > 0 && s.lost_percent >= 1.0 {
            Cell::painted(lost, Style::red)
        } else if s.lost > 0 {
            Cell::painted(lost, Style::yellow)
        } else {
            Cell::from(lost)
        };
        let jitter = match (s.max_jitter_ms, s.mean_jitter_ms) {
            (None, None) => "-".to_owned(),
            (a, b) => format!("{}/{}", opt(a, 2), opt(b, 2)),
        };
        let rtt = s.rtcp.rtt_ms.map(|st| st.mean);
        let media = match s.media {
            rtcinspect_analysis::report::MediaKind::Audio => "audio",
            rtcinspect_analysis::report::MediaKind::Video => "video",
            rtcinspect_analysis::report::MediaKind::Rtx => "rtx",
            rtcinspect_analysis::report::MediaKind::Fec => "fec",
            _ => "?",
        };
        t.row(vec![
            format!("0x{:08x}", s.ssrc).into(),
            route.into(),
            media.into(),
            codec(s).into(),
            s.packets.to_string().into(),
            lost,
            format!("{:.1}", s.mean_bitrate_bps / 1000.0).into(),
            opt(s.max_delta_ms, 2).into(),
            jitter.into(),
            opt(rtt, 1).into(),
            format!("{}/{}", s.rtcp.nacks, s.rtcp.plis).into(),
        ]);
    }
    t.write(out, style)
}

fn rtcp(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    let x = &r.rtcp;
    let said_something = r.streams.iter().any(|s| {
        let q = &s.rtcp;
        q.sender_reports
            + q.receiver_reports
            + q.nacks
            + q.plis
            + q.firs
            + q.rembs
            + q.twcc_feedbacks
            > 0
    });
    if x.datagrams == 0 && x.unmatched.is_empty() && !said_something {
        return Ok(());
    }
    heading(out, style, "RTCP")?;
    writeln!(
        out,
        "  {} datagrams{}{}",
        x.datagrams,
        if x.packets.is_empty() {
            String::new()
        } else {
            format!(": {}", counts(&x.packets))
        },
        if x.encrypted > 0 {
            format!("; {} encrypted (SRTCP)", x.encrypted)
        } else {
            String::new()
        }
    )?;
    // Per stream: what RTCP said.
    let mut t = Table::new(&[
        ("SSRC", Align::Left),
        ("SR", Align::Right),
        ("RR blocks", Align::Right),
        ("Max frac lost %", Align::Right),
        ("Max jitter ms", Align::Right),
        ("RTT min/mean/max ms", Align::Right),
        ("NACK (pkts)", Align::Right),
        ("PLI", Align::Right),
        ("FIR", Align::Right),
        ("REMB kbit/s", Align::Right),
        ("TWCC fb (lost)", Align::Right),
    ]);
    let rows = r
        .streams
        .iter()
        .map(|s| (s.ssrc, &s.rtcp, ""))
        .chain(x.unmatched.iter().map(|u| (u.ssrc, &u.rtcp, " (no RTP)")));
    for (ssrc, q, note) in rows {
        let any = q.sender_reports
            + q.receiver_reports
            + q.nacks
            + q.plis
            + q.firs
            + q.rembs
            + q.twcc_feedbacks;
        if any == 0 && !q.bye {
            continue;
        }
        t.row(vec![
            format!("0x{ssrc:08x}{note}").into(),
            q.sender_reports.to_string().into(),
            q.receiver_reports.to_string().into(),
            opt(q.max_fraction_lost_percent, 1).into(),
            opt(q.max_reported_jitter_ms, 2).into(),
            q.rtt_ms
                .map_or_else(
                    || "-".to_owned(),
                    |s| format!("{:.1}/{:.1}/{:.1}", s.min, s.mean, s.max),
                )
                .into(),
            format!("{} ({})", q.nacks, q.nacked_packets).into(),
            q.plis.to_string().into(),
            q.firs.to_string().into(),
            opt(q.last_remb_bps.map(|b| b / 1000.0), 0).into(),
            format!("{} ({})", q.twcc_feedbacks, q.twcc_lost).into(),
        ]);
    }
    if !t.is_empty() {
        t.write(out, style)?;
    }
    Ok(())
}

fn ice(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    let i = &r.ice;
    if !i.pairs.is_empty() {
        heading(
            out,
            style,
            &format!("ICE candidate pairs ({})", i.pairs.len()),
        )?;
        let mut t = Table::new(&[
            ("Local → Remote", Align::Left),
            ("Role", Align::Left),
            ("State", Align::Left),
            ("Nom", Align::Left),
            ("Req", Align::Right),
            ("Retr", Align::Right),
            ("Resp", Align::Right),
            ("Err", Align::Right),
            ("RTT mean/max ms", Align::Right),
            ("Username", Align::Left),
        ]);
        for p in &i.pairs {
            let state = match p.state.as_str() {
                "succeeded" => Cell::painted(p.state.clone(), Style::green),
                "failed" => Cell::painted(p.state.clone(), Style::red),
                _ => Cell::from(p.state.clone()),
            };
            let mut route = format!("{} → {}", addr(p.local), addr(p.remote));
            if p.transport != "udp" && !p.transport.is_empty() {
                route.push_str(&format!(" {}", p.transport));
            }
            if let Some(turn) = &p.turn {
                // Relayed: the outer 5-tuple's TURN server (`b`).
                route.push_str(&format!(" via TURN {}", addr(turn.b)));
            }
            t.row(vec![
                route.into(),
                p.role.clone().unwrap_or_else(|| "-".to_owned()).into(),
                state,
                (if p.nominated { "yes" } else { "" }).into(),
                p.requests.to_string().into(),
                p.retransmissions.to_string().into(),
                p.responses.to_string().into(),
                p.errors.to_string().into(),
                p.rtt_ms
                    .map_or_else(|| "-".to_owned(), |s| format!("{:.1}/{:.1}", s.mean, s.max))
                    .into(),
                p.username.clone().unwrap_or_default().into(),
            ]);
        }
        t.write(out, style)?;
    }
    if !i.turn.is_empty() {
        heading(out, style, &format!("TURN allocations ({})", i.turn.len()))?;
        let mut t = Table::new(&[
            ("Client → Server", Align::Left),
            ("Relayed", Align::Left),
            ("Allocate ok/req", Align::Right),
            ("Errors", Align::Left),
            ("Perms", Align::Right),
            ("Channels", Align::Right),
            ("ChannelData", Align::Right),
            ("Indications", Align::Right),
        ]);
        for a in &i.turn {
            t.row(vec![
                format!("{} → {} {}", addr(a.client), addr(a.server), a.transport).into(),
                addr(a.relayed).into(),
                format!("{}/{}", a.allocate_successes, a.allocate_requests).into(),
                counts(&a.errors).into(),
                a.permissions.len().to_string().into(),
                a.channels.len().to_string().into(),
                a.channel_data.to_string().into(),
                a.indications.to_string().into(),
            ]);
        }
        t.write(out, style)?;
    }
    if i.unmatched_responses > 0 {
        writeln!(
            out,
            "  STUN responses without a request: {}",
            i.unmatched_responses
        )?;
    }
    Ok(())
}

fn dtls(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    if r.dtls.is_empty() {
        return Ok(());
    }
    heading(out, style, &format!("DTLS handshakes ({})", r.dtls.len()))?;
    let mut t = Table::new(&[
        ("Client → Server", Align::Left),
        ("Version", Align::Left),
        ("Cipher suite", Align::Left),
        ("SRTP profile", Align::Left),
        ("Done", Align::Left),
        ("ms", Align::Right),
        ("Retr", Align::Right),
        ("Alerts", Align::Left),
        ("Fingerprint vs SDP", Align::Left),
    ]);
    for d in &r.dtls {
        let done = if d.complete {
            Cell::painted("yes".to_owned(), Style::green)
        } else {
            Cell::painted("no".to_owned(), Style::yellow)
        };
        let alerts: Vec<String> = d
            .alerts
            .iter()
            .map(|a| {
                a.description
                    .clone()
                    .unwrap_or_else(|| "encrypted".to_owned())
            })
            .collect();
        let fp: Vec<&str> = d
            .fingerprints
            .iter()
            .map(|f| match f.sdp_match {
                Some(true) => "match",
                Some(false) => "MISMATCH",
                None => "-",
            })
            .collect();
        let mut route = format!("{} → {}", addr(d.client), addr(d.server));
        if d.transport != "udp" && !d.transport.is_empty() {
            route.push_str(&format!(" {}", d.transport));
        }
        if let Some(peer) = d.peer {
            route.push_str(&format!(" (TURN peer {peer})"));
        }
        t.row(vec![
            route.into(),
            d.version.clone().unwrap_or_else(|| "-".to_owned()).into(),
            d.cipher_suite
                .clone()
                .unwrap_or_else(|| "-".to_owned())
                .into(),
            d.srtp_profile
                .clone()
                .unwrap_or_else(|| "-".to_owned())
                .into(),
            done,
            opt(d.duration_ms, 1).into(),
            d.retransmissions.to_string().into(),
            alerts.join(", ").into(),
            fp.join(", ").into(),
        ]);
    }
    t.write(out, style)
}

fn sdp(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    if r.sdp.is_empty() {
        return Ok(());
    }
    heading(
        out,
        style,
        &format!("Session descriptions ({})", r.sdp.len()),
    )?;
    for (i, s) in r.sdp.iter().enumerate() {
        let media: Vec<String> = s
            .media
            .iter()
            .map(|m| format!("{} {}", m.media, m.codecs.join(" ")))
            .collect();
        writeln!(
            out,
            "  #{i} {} {}{}: {}",
            s.origin,
            s.kind.as_deref().unwrap_or(""),
            s.file
                .as_deref()
                .map(|f| format!(" {f}"))
                .unwrap_or_default(),
            media.join("; ")
        )?;
        for l in &s.lint {
            writeln!(out, "     {}", style.yellow(l))?;
        }
    }
    Ok(())
}

fn sessions(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    if r.sessions.is_empty() {
        return Ok(());
    }
    heading(out, style, &format!("Sessions ({})", r.sessions.len()))?;
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("Grouped by", Align::Left),
        ("ICE username / Call-ID", Align::Left),
        ("Flows", Align::Right),
        ("Streams", Align::Right),
        ("Duration s", Align::Right),
    ]);
    for s in &r.sessions {
        let who = s
            .ice_username
            .clone()
            .or_else(|| s.call_id.clone())
            .unwrap_or_default();
        let duration = match (s.first, s.last) {
            (Some(a), Some(b)) => format!("{:.1}", b - a),
            _ => "-".to_owned(),
        };
        t.row(vec![
            s.id.to_string().into(),
            s.grouped_by.join(", ").into(),
            who.into(),
            s.flows.len().to_string().into(),
            s.streams.len().to_string().into(),
            duration.into(),
        ]);
    }
    t.write(out, style)
}

fn findings(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    if r.findings.is_empty() {
        return Ok(());
    }
    heading(out, style, &format!("Findings ({})", r.findings.len()))?;
    let first = r.capture.first_time.unwrap_or(0.0);
    let mut t = Table::new(&[
        ("Time s", Align::Right),
        ("Frame", Align::Right),
        ("Severity", Align::Left),
        ("Kind", Align::Left),
        ("SSRC", Align::Left),
        ("Message", Align::Left),
    ]);
    for f in &r.findings {
        let sev = match f.severity {
            Severity::Error => Cell::painted("error".to_owned(), Style::red),
            Severity::Warning => Cell::painted("warning".to_owned(), Style::yellow),
            _ => Cell::painted("info".to_owned(), Style::dim),
        };
        t.row(vec![
            format!("{:.3}", f.at.time - first).into(),
            f.at.frame.to_string().into(),
            sev,
            f.kind.clone().into(),
            f.ssrc
                .map(|s| format!("0x{s:08x}"))
                .unwrap_or_default()
                .into(),
            f.message.clone().into(),
        ]);
    }
    t.write(out, style)
}

fn limits(out: &mut dyn Write, r: &Report, style: Style) -> io::Result<()> {
    let l = &r.limits;
    let parts: Vec<String> = [
        ("stream packets", l.streams_dropped),
        ("ICE entries", l.ice_dropped),
        ("DTLS flows", l.dtls_dropped),
        ("findings", l.findings_dropped),
        ("SDP", l.sdp_dropped),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(what, n)| format!("{what} {n}"))
    .collect();
    if !parts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            style.yellow("Dropped (tables full):"),
            parts.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn render(color: bool) -> String {
        let mut out = Vec::new();
        write_summary(&mut out, &crate::fixture::report(), Style { color }).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The character column where `needle` ends in `line`.
    fn end_col(line: &str, needle: &str) -> usize {
        let byte = line.find(needle).unwrap() + needle.len();
        line[..byte].chars().count()
    }

    #[test]
    fn streams_table_from_fixture() {
        let text = render(false);
        let lines: Vec<&str> = text.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.contains("Source → Destination"))
            .unwrap();
        let (h, audio, video) = (lines[header], lines[header + 1], lines[header + 2]);
        assert!(
            audio.starts_with("  0x11223344  [2001:db8::1]:5004 → [2001:db8::2]:6000"),
            "{audio}"
        );
        // Lost 20 of 1000 expected; 40 000 bit/s = 40.0 kbit/s; jitter max/mean.
        assert!(audio.contains("20 (2.0%)"));
        assert!(audio.contains("40.0"));
        assert!(audio.contains("3.25/1.50"));
        // RTT mean of 10 and 14 ms; 3 NACKs, 0 PLIs.
        assert!(audio.contains("12.0"));
        assert!(audio.contains("3/0"));
        assert!(video.contains("10.0.0.1:40000 → 10.0.0.2:3478 (TURN 0x4001)"));
        // 1 234 567 bit/s → 1234.6 kbit/s.
        assert!(video.contains("1234.6"));
        // Right-aligned numbers end under the end of their header.
        let packets = end_col(h, "Packets");
        assert_eq!(end_col(audio, " 980"), packets);
        assert_eq!(end_col(video, " 12345"), packets);
        let kbps = end_col(h, "kbit/s");
        assert_eq!(end_col(audio, " 40.0"), kbps);
        assert_eq!(end_col(video, " 1234.6"), kbps);
    }

    #[test]
    fn other_sections_from_fixture() {
        let text = render(false);
        assert!(text.starts_with("Capture call.pcap (pcap)\n"));
        // 1 700 000 000 = 2023-11-14 22:13:20 UTC; 20 s long.
        assert!(text.contains("2023-11-14 22:13:20.000 to 2023-11-14 22:13:40.000 (20.000 s)"));
        // RTCP per stream: 4 report blocks about the audio, 3 NACKs for 5 packets.
        let rtcp = text
            .lines()
            .find(|l| l.starts_with("  0x11223344   0"))
            .unwrap();
        assert!(rtcp.contains("10.0/12.0/14.0"), "{rtcp}");
        assert!(rtcp.contains("3 (5)"), "{rtcp}");
        assert!(text.lines().all(|l| !l.ends_with(' ')));
        assert!(text.contains("ICE candidate pairs (2)"));
        assert!(text.contains("198.51.100.9:49152 → 192.0.2.7:50000 via TURN 10.0.0.2:3478"));
        assert!(text.contains("succeeded"));
        assert!(text.contains("DTLS 1.2"));
        assert!(text.contains("SRTP_AEAD_AES_128_GCM"));
        assert!(text.contains("abcd:efgh"));
        // The finding 1.5 s after the first frame.
        let f = text.lines().find(|l| l.contains("loss-burst")).unwrap();
        assert!(f.trim_start().starts_with("1.500     42  warning"), "{f}");
        assert!(!text.contains('\x1b'));
    }

    #[test]
    #[ignore = "prints the fixture's summary: cargo test -p rtcinspect -- --ignored show"]
    fn show() {
        eprintln!("{}", render(false));
    }

    #[test]
    fn colours_only_when_asked() {
        let text = render(true);
        assert!(text.starts_with("\x1b[1;36mCapture\x1b[0m"));
        // 2 % loss is painted red, the header bold.
        assert!(text.contains("\x1b[31m20 (2.0%)"));
        assert!(text.contains("\x1b[1m  SSRC") || text.contains("\x1b[1mSSRC"));
    }

    #[test]
    fn utc_dates() {
        // 1795402036.772106 s: tshark shows frame 30 of chrome-vp8.pcap at
        // "Nov 23, 2026 02:47:16.772106000 UTC".
        assert_eq!(utc(1_795_402_036.772_106), "2026-11-23 02:47:16.772");
        assert_eq!(utc(0.0), "1970-01-01 00:00:00.000");
        // 951782400 = 2000-02-29 00:00:00 UTC (leap day).
        assert_eq!(utc(951_782_400.0), "2000-02-29 00:00:00.000");
    }
}
