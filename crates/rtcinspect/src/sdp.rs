//! `sdp`: parse, resolve and lint a session description.

use std::io::Write;

use anyhow::Result;
use rtcinspect_sdp::Sdp;
use serde::Serialize;

use crate::cli::{SdpArgs, SdpFormat};
use crate::input::{InputError, read_text};
use crate::table::Style;

/// What `sdp --format json` prints.
#[derive(Debug, Serialize)]
struct SdpInspection {
    file: String,
    media: Vec<MediaInfo>,
    /// Deviations the lenient parser accepted (line, column, field).
    findings: Vec<String>,
    /// Cross-line checks.
    lints: Vec<LintInfo>,
}

#[derive(Debug, Serialize)]
struct MediaInfo {
    media: String,
    port: u16,
    proto: String,
    mid: Option<String>,
    direction: String,
    codecs: Vec<CodecInfo>,
    extensions: Vec<ExtInfo>,
    ssrcs: Vec<SsrcOut>,
    rids: Vec<String>,
    ice_ufrag: Option<String>,
    ice_lite: bool,
    candidates: usize,
    fingerprint: Option<String>,
    setup: Option<String>,
    rtcp_mux: bool,
    rtcp_rsize: bool,
    bundle: Option<String>,
}

#[derive(Debug, Serialize)]
struct CodecInfo {
    pt: u8,
    name: String,
    clock_rate: u32,
    channels: Option<u16>,
    /// RTX: the payload type it repairs.
    apt: Option<u8>,
    /// From the RFC 3551 static table rather than an `a=rtpmap`.
    static_table: bool,
    rtcp_fb: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ExtInfo {
    id: u16,
    uri: String,
}

#[derive(Debug, Serialize)]
struct SsrcOut {
    ssrc: u32,
    cname: Option<String>,
    rtx: Option<u32>,
}

#[derive(Debug, Serialize)]
struct LintInfo {
    line: u32,
    message: String,
}

fn inspect(name: &str, sdp: &Sdp<'_>) -> SdpInspection {
    let mut media = Vec::new();
    for i in 0..sdp.media_count() {
        let Some(m) = sdp.resolve(i) else { continue };
        let line = m.media_line();
        let codecs = m
            .codecs()
            .map(|c| CodecInfo {
                pt: c.payload_type,
                name: c.encoding.to_owned(),
                clock_rate: c.clock_rate,
                channels: c.channels,
                apt: c.apt,
                static_table: c.from_static_table,
                rtcp_fb: m
                    .rtcp_fb(c.payload_type)
                    .map(|fb| {
                        let mut s = fb.kind.to_owned();
                        if let Some(p) = fb.param {
                            s.push(' ');
                            s.push_str(p);
                        }
                        s
                    })
                    .collect(),
            })
            .collect();
        let ssrcs: Vec<SsrcOut> = m
            .ssrcs()
            .map(|s| SsrcOut {
                ssrc: s.ssrc,
                cname: s.cname.map(str::to_owned),
                rtx: m.rtx_ssrc(s.ssrc),
            })
            .collect();
        media.push(MediaInfo {
            media: line.map(|l| l.media.to_owned()).unwrap_or_default(),
            port: line.map_or(0, |l| l.port),
            proto: line.map(|l| l.proto.to_owned()).unwrap_or_default(),
            mid: m.mid().map(str::to_owned),
            direction: m.direction().as_str().to_owned(),
            codecs,
            extensions: m
                .extensions()
                .map(|e| ExtInfo {
                    id: e.id,
                    uri: e.uri.to_owned(),
                })
                .collect(),
            ssrcs,
            rids: m.rids().map(|r| r.id.to_owned()).collect(),
            ice_ufrag: m.ice_ufrag().map(str::to_owned),
            ice_lite: m.ice_lite(),
            candidates: m.candidates().count(),
            fingerprint: m.fingerprint().map(|f| format!("{} {}", f.hash, f.value)),
            setup: m.setup().map(|s| s.as_str().to_owned()),
            rtcp_mux: m.rtcp_mux(),
            rtcp_rsize: m.rtcp_rsize(),
            bundle: m.bundle_tag().map(str::to_owned),
        });
    }
    SdpInspection {
        file: name.to_owned(),
        media,
        findings: sdp.findings().iter().map(ToString::to_string).collect(),
        lints: sdp
            .lint()
            .iter()
            .map(|l| LintInfo {
                line: l.line,
                message: l.to_string(),
            })
            .collect(),
    }
}

/// Runs `sdp`.
pub(crate) fn run(args: &SdpArgs, out: &mut dyn Write, style: Style) -> Result<()> {
    let name = args.file.display().to_string();
    let text = read_text(&args.file)?;
    let sdp = Sdp::parse(&text).map_err(|e| InputError(format!("{name}: {e}")))?;
    let x = inspect(&name, &sdp);
    match args.format {
        SdpFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &x)?;
            writeln!(out)?;
        }
        SdpFormat::Text => write_text(out, &x, style)?,
    }
    Ok(())
}

fn write_text(out: &mut dyn Write, x: &SdpInspection, style: Style) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {}: {} media sections",
        style.heading("SDP"),
        x.file,
        x.media.len()
    )?;
    for (i, m) in x.media.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} port {} {}{}{}",
            style.bold(&format!("m[{i}]")),
            m.media,
            m.port,
            m.proto,
            m.mid
                .as_deref()
                .map(|v| format!(" mid {v}"))
                .unwrap_or_default(),
            format_args!(" {}", m.direction),
        )?;
        for c in &m.codecs {
            let mut s = format!("  {:>3} {}/{}", c.pt, c.name, c.clock_rate);
            if let Some(ch) = c.channels.filter(|ch| *ch != 1) {
                s.push_str(&format!("/{ch}"));
            }
            if let Some(apt) = c.apt {
                s.push_str(&format!(" (repairs {apt})"));
            }
            if c.static_table {
                s.push_str(" (static)");
            }
            if !c.rtcp_fb.is_empty() {
                s.push_str(&format!("  fb: {}", c.rtcp_fb.join(", ")));
            }
            writeln!(out, "{s}")?;
        }
        for e in &m.extensions {
            writeln!(out, "  ext {:>2} {}", e.id, e.uri)?;
        }
        for s in &m.ssrcs {
            writeln!(
                out,
                "  ssrc 0x{:08x} cname {}{}",
                s.ssrc,
                s.cname.as_deref().unwrap_or("-"),
                s.rtx.map(|r| format!(" rtx 0x{r:08x}")).unwrap_or_default()
            )?;
        }
        if !m.rids.is_empty() {
            writeln!(out, "  rids {}", m.rids.join(", "))?;
        }
        let mut transport = Vec::new();
        if let Some(u) = &m.ice_ufrag {
            transport.push(format!("ice-ufrag {u}"));
        }
        if m.ice_lite {
            transport.push("ice-lite".to_owned());
        }
        if m.candidates > 0 {
            transport.push(format!("{} candidates", m.candidates));
        }
        if let Some(s) = &m.setup {
            transport.push(format!("setup {s}"));
        }
        if m.rtcp_mux {
            transport.push("rtcp-mux".to_owned());
        }
        if let Some(b) = &m.bundle {
            transport.push(format!("BUNDLE tag {b}"));
        }
        if !transport.is_empty() {
            writeln!(out, "  {}", transport.join(", "))?;
        }
        if let Some(f) = &m.fingerprint {
            writeln!(out, "  fingerprint {f}")?;
        }
    }
    if !x.findings.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.heading("Parser findings"))?;
        for f in &x.findings {
            writeln!(out, "  {}", style.yellow(f))?;
        }
    }
    writeln!(out)?;
    if x.lints.is_empty() {
        writeln!(out, "{} none", style.heading("Lints:"))?;
    } else {
        writeln!(out, "{}", style.heading("Lints"))?;
        for l in &x.lints {
            writeln!(out, "  {}", style.yellow(&l.message))?;
        }
    }
    Ok(())
}
