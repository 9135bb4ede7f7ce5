//! `packets`: one line or JSON object per datagram.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use rtcinspect_analysis::decode::{Decoded, decode};
use serde::Serialize;

use crate::cli::{KindFilter, PacketsArgs, PacketsFormat};
use crate::table::Style;

/// One JSONL line.
#[derive(Serialize)]
struct PacketLine<'a> {
    frame: u64,
    time: f64,
    src: SocketAddr,
    dst: SocketAddr,
    transport: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    #[serde(flatten)]
    decoded: &'a Decoded,
}

/// Runs `packets`.
pub(crate) fn run(args: &PacketsArgs, out: &mut dyn Write, style: Style) -> Result<()> {
    let mut first: Option<i64> = None;
    crate::input::for_each_datagram(Path::new(&args.file), |d| {
        let decoded = decode(d.payload);
        if !selected(&decoded, args) {
            return Ok(());
        }
        match args.format {
            PacketsFormat::Jsonl => {
                let line = PacketLine {
                    frame: d.frame,
                    time: d.timestamp_ns as f64 / 1e9,
                    src: d.source,
                    dst: d.destination,
                    transport: d.transport.name(),
                    truncated: d.truncated,
                    decoded: &decoded,
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
            PacketsFormat::Text => {
                let t0 = *first.get_or_insert(d.timestamp_ns);
                let rel = (d.timestamp_ns - t0) as f64 / 1e9;
                let kind = format!("{:<12}", decoded.kind);
                let kind = match decoded.kind.as_str() {
                    "rtp" => style.green(&kind),
                    "rtcp" => style.yellow(&kind),
                    "stun" | "turn-channel" => style.heading(&kind),
                    "dtls" => style.bold(&kind),
                    _ => style.dim(&kind),
                };
                writeln!(
                    out,
                    "{:>6} {:>11.6} {} → {} {} {kind} {}{}",
                    d.frame,
                    rel,
                    d.source,
                    d.destination,
                    d.transport.name(),
                    decoded.summary(),
                    if d.truncated { " [truncated]" } else { "" }
                )?;
                if args.detail {
                    for node in decoded.tree() {
                        write_node(out, &node, 1)?;
                    }
                }
            }
        }
        Ok(())
    })
}

fn write_node(
    out: &mut dyn Write,
    node: &rtcinspect_analysis::decode::Node,
    depth: usize,
) -> std::io::Result<()> {
    writeln!(out, "{}{}", "    ".repeat(depth), node.label)?;
    for child in &node.children {
        write_node(out, child, depth + 1)?;
    }
    Ok(())
}

/// The kinds a datagram counts as: its own and, for TURN, what it relays.
fn kinds(d: &Decoded) -> Vec<&str> {
    let mut k = vec![d.kind.as_str()];
    if let Some(t) = &d.turn {
        k.push("turn");
        k.push(t.inner.kind.as_str());
    }
    if let Some(s) = &d.stun {
        // The method bits of the message type (RFC 8489 §5).
        let t = s.message_type;
        let method = (t & 0x000f) | ((t & 0x00e0) >> 1) | ((t & 0x3e00) >> 2);
        if (0x003..=0x00a).contains(&method) {
            k.push("turn");
        }
        if let Some(inner) = &s.relayed {
            k.push(inner.kind.as_str());
        }
    }
    k
}

fn mentions(d: &Decoded, ssrc: u32) -> bool {
    if d.rtp.as_ref().is_some_and(|r| r.ssrc == ssrc) {
        return true;
    }
    if let Some(packets) = &d.rtcp {
        for p in packets {
            if p.sender_ssrc == Some(ssrc)
                || p.media_ssrc == Some(ssrc)
                || p.report_blocks.iter().any(|b| b.ssrc == ssrc)
                || p.fir.iter().any(|f| f.0 == ssrc)
                || p.remb.as_ref().is_some_and(|r| r.ssrcs.contains(&ssrc))
                || p.bye_ssrcs.contains(&ssrc)
            {
                return true;
            }
        }
    }
    if let Some(t) = &d.turn {
        return mentions(&t.inner, ssrc);
    }
    if let Some(inner) = d.stun.as_ref().and_then(|s| s.relayed.as_ref()) {
        return mentions(inner, ssrc);
    }
    false
}

fn selected(d: &Decoded, args: &PacketsArgs) -> bool {
    if let Some(k) = args.kind {
        let want = match k {
            KindFilter::Rtp => "rtp",
            KindFilter::Rtcp => "rtcp",
            KindFilter::Stun => "stun",
            KindFilter::Turn => "turn",
            KindFilter::Dtls => "dtls",
            KindFilter::Zrtp => "zrtp",
            KindFilter::Quic => "quic",
            KindFilter::Unknown => "unknown",
        };
        if !kinds(d).contains(&want) {
            return false;
        }
    }
    if let Some(ssrc) = args.stream {
        if !mentions(d, ssrc) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_methods_count_as_turn() {
        // Allocate request: type 0x0003; Binding request 0x0001 is not TURN.
        let allocate = decode(&[
            0, 3, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        ]);
        assert!(kinds(&allocate).contains(&"turn"));
        let binding = decode(&[
            0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        ]);
        assert!(!kinds(&binding).contains(&"turn"));
        assert!(kinds(&binding).contains(&"stun"));
    }
}
