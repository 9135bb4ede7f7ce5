//! ICE candidate pairs, TURN allocations, and the DTLS handshake of each flow with
//! its timeline and fingerprint check.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{Theme, clip, fmt_addr, fmt_opt};
use crate::app::App;

pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = Theme::of(app);
    let r = &app.report;
    let w = usize::from(area.width.saturating_sub(2));
    let mut l: Vec<Line<'_>> = Vec::new();
    l.push(Line::styled(
        format!("ICE candidate pairs ({})", r.ice.pairs.len()),
        th.header(),
    ));
    if r.ice.pairs.is_empty() {
        l.push(Line::styled("  no STUN connectivity checks", th.dim()));
    } else {
        l.push(Line::styled(
            clip(
                "  local → remote                               state       nom  req/resp/err  RTT ms  consent",
                w,
            ),
            th.dim(),
        ));
    }
    for p in &r.ice.pairs {
        let state_style = match p.state.as_str() {
            "succeeded" => th.good(),
            "failed" => th.error(),
            _ => th.warn(),
        };
        let flow = format!(
            "{} → {} {}",
            fmt_addr(p.local),
            fmt_addr(p.remote),
            p.transport
        );
        l.push(Line::from(vec![
            Span::raw(format!("  {:<45}", clip(&flow, 45))),
            Span::styled(format!("{:<12}", p.state), state_style),
            Span::raw(format!(
                "{:<5}{:>4}/{:>4}/{:<4}  {:>6}  {}",
                if p.nominated { "yes" } else { "-" },
                p.requests,
                p.responses,
                p.errors,
                fmt_opt(p.rtt_ms.map(|s| s.mean), 1),
                p.consent_checks,
            )),
        ]));
        let mut extra = Vec::new();
        if let Some(role) = &p.role {
            extra.push(role.clone());
        }
        if let Some(u) = &p.username {
            extra.push(format!("user {u}"));
        }
        if !p.error_codes.is_empty() {
            extra.push(format!("errors {:?}", p.error_codes));
        }
        if p.retransmissions > 0 {
            extra.push(format!("{} retransmitted", p.retransmissions));
        }
        if !extra.is_empty() {
            l.push(Line::styled(
                clip(&format!("      {}", extra.join(", ")), w),
                th.dim(),
            ));
        }
    }
    l.push(Line::raw(""));
    l.push(Line::styled(
        format!("TURN allocations ({})", r.ice.turn.len()),
        th.header(),
    ));
    for t in &r.ice.turn {
        l.push(Line::raw(clip(
            &format!(
                "  {} → {} {}  relayed {}  allocate {}/{}  refreshes {}  lifetime {}s",
                fmt_addr(t.client),
                fmt_addr(t.server),
                t.transport,
                fmt_addr(t.relayed),
                t.allocate_successes,
                t.allocate_requests,
                t.refreshes,
                t.lifetime_s.map_or("-".into(), |s| s.to_string()),
            ),
            w,
        )));
        let errors: Vec<String> = t
            .errors
            .iter()
            .map(|e| format!("{}×{}", e.name, e.count))
            .collect();
        l.push(Line::styled(
            clip(
                &format!(
                    "      permissions {}  channels {}  ChannelData {}  indications {}{}",
                    t.permissions.len(),
                    t.channels.len(),
                    t.channel_data,
                    t.indications,
                    if errors.is_empty() {
                        String::new()
                    } else {
                        format!("  errors {}", errors.join(" "))
                    }
                ),
                w,
            ),
            if errors.is_empty() {
                th.dim()
            } else {
                th.warn()
            },
        ));
    }
    if r.ice.turn.is_empty() {
        l.push(Line::styled("  no TURN", th.dim()));
    }
    l.push(Line::raw(""));
    l.push(Line::styled(
        format!("DTLS handshakes ({})", r.dtls.len()),
        th.header(),
    ));
    if r.dtls.is_empty() {
        l.push(Line::styled("  no DTLS", th.dim()));
    }
    for d in &r.dtls {
        let status = if d.complete {
            Span::styled("complete", th.good())
        } else if d.alerts.iter().any(|a| a.level.as_deref() == Some("fatal")) {
            Span::styled("failed", th.error())
        } else {
            Span::styled("incomplete", th.warn())
        };
        l.push(Line::from(vec![
            Span::raw(clip(
                &format!(
                    "  {} (client) → {} (server) {}  ",
                    fmt_addr(d.client),
                    fmt_addr(d.server),
                    d.transport
                ),
                w,
            )),
            status,
            Span::raw(format!(" in {} ms", fmt_opt(d.duration_ms, 1))),
        ]));
        l.push(Line::styled(
            clip(
                &format!(
                    "      {}  {}  SRTP {}  retransmissions {}  app data {}",
                    d.version.as_deref().unwrap_or("?"),
                    d.cipher_suite.as_deref().unwrap_or("?"),
                    d.srtp_profile.as_deref().unwrap_or("-"),
                    d.retransmissions,
                    d.application_data
                ),
                w,
            ),
            th.dim(),
        ));
        let t0 = d.timeline.first().map_or(0.0, |e| e.at.time);
        let mut spans = vec![Span::raw("      ")];
        for (i, e) in d.timeline.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" → ", th.dim()));
            }
            let style = if e.retransmission {
                th.warn()
            } else {
                Style::default()
            };
            spans.push(Span::styled(
                format!(
                    "{}{} +{:.0}ms",
                    if e.from == "client" { "C:" } else { "S:" },
                    e.message,
                    (e.at.time - t0) * 1000.0
                ),
                style,
            ));
        }
        if d.timeline.is_empty() {
            spans.push(Span::styled("no handshake message", th.dim()));
        }
        l.push(Line::from(spans));
        for f in &d.fingerprints {
            let (text, style) = match f.sdp_match {
                Some(true) => ("matches SDP", th.good()),
                Some(false) => ("DOES NOT MATCH SDP", th.error()),
                None => ("no SDP to check", th.dim()),
            };
            l.push(Line::from(vec![
                Span::raw(clip(
                    &format!("      {} {} {} ", f.from, f.algorithm, f.value),
                    w.saturating_sub(20),
                )),
                Span::styled(text, style),
            ]));
        }
        for a in &d.alerts {
            l.push(Line::styled(
                format!(
                    "      alert from {}: {} {}",
                    a.from,
                    a.level.as_deref().unwrap_or("(encrypted)"),
                    a.description.as_deref().unwrap_or("")
                ),
                if a.level.as_deref() == Some("fatal") {
                    th.error()
                } else {
                    th.warn()
                },
            ));
        }
    }
    let scroll = app.ice_scroll.min(l.len().saturating_sub(1));
    Paragraph::new(l)
        .scroll((scroll.min(u16::MAX as usize) as u16, 0))
        .block(
            Block::bordered()
                .title(" ICE / TURN / DTLS ")
                .border_style(th.dim()),
        )
        .render(area, buf);
}
