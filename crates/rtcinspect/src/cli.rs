//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  rtcinspect call.pcapng                       the interactive dashboard (on a terminal)
  rtcinspect --no-tui call.pcapng              streams, RTCP, ICE, DTLS, sessions, findings as text
  rtcinspect live -i eth0 -f 'udp port 5004'   the dashboard on a live capture (root)
  rtcinspect summary call.pcap --format json   the report as JSON (docs/report.md)
  rtcinspect summary a.pcap b.pcap --format csv > streams.csv
  rtcinspect summary call.pcap --sdp offer.sdp --sdp answer.sdp
  tcpdump -i eth0 -w - udp | rtcinspect summary -
  rtcinspect packets call.pcap --kind rtcp     one line per RTCP datagram
  rtcinspect packets call.pcap --kind dtls -V  every DTLS record field
  rtcinspect packets call.pcap --stream 0x1ae81a9f --format jsonl | jq .rtp.seq
  rtcinspect sdp offer.sdp                     parse, resolve and lint an SDP
  rtcinspect completions bash > /etc/bash_completion.d/rtcinspect

Exit status: 0 success, 1 an input could not be read, 2 usage error.
Colours: on when standard output is a terminal; NO_COLOR or --no-color turns them off.";

/// Inspect RTP, RTCP, STUN/TURN, DTLS and SDP in packet captures.
///
/// With only FILEs, prints the text summary of all of them analysed together, in
/// order (`-` reads standard input).
#[derive(Debug, Parser)]
#[command(
    name = "rtcinspect",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    /// Capture files (pcap, pcapng); `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    /// Never colour the output (as does a non-empty NO_COLOR variable).
    #[arg(long, global = true)]
    pub(crate) no_color: bool,

    /// Print the text summary even when standard output is a terminal (which
    /// otherwise opens the interactive dashboard).
    #[arg(long)]
    pub(crate) no_tui: bool,

    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Analyse captures into one report: text, JSON or CSV.
    Summary(SummaryArgs),
    /// One line (or JSON object) per datagram with its decoded headers.
    Packets(PacketsArgs),
    /// Parse, resolve and lint a session description.
    Sdp(SdpArgs),
    /// The interactive dashboard on a live capture (needs root or CAP_NET_RAW).
    Live(LiveArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `summary`.
#[derive(Debug, Args)]
pub(crate) struct SummaryArgs {
    /// Capture files, analysed together in order; `-` for standard input.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::Text)]
    pub(crate) format: SummaryFormat,
    /// A session description for codecs, clock rates, extensions and fingerprints
    /// (repeatable).
    #[arg(long, value_name = "SDP")]
    pub(crate) sdp: Vec<PathBuf>,
    /// Include per-second series of each stream (JSON).
    #[arg(long)]
    pub(crate) series: bool,
}

/// Formats of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SummaryFormat {
    /// Tables for people.
    Text,
    /// The report as pretty JSON (docs/report.md).
    Json,
    /// One row per RTP stream.
    Csv,
}

/// `packets`.
#[derive(Debug, Args)]
pub(crate) struct PacketsArgs {
    /// Capture file; `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = PacketsFormat::Text)]
    pub(crate) format: PacketsFormat,
    /// Only RTP of this SSRC and RTCP about it (decimal or 0x hex).
    #[arg(long, value_name = "SSRC", value_parser = parse_ssrc)]
    pub(crate) stream: Option<u32>,
    /// Only datagrams of this kind (also matches what TURN relays).
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindFilter>,
    /// Text: every header field under each line, as a tree (like `tshark -V`).
    #[arg(long, short = 'V')]
    pub(crate) detail: bool,
}

/// Formats of `packets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PacketsFormat {
    /// One line per datagram.
    Text,
    /// One JSON object per line (docs/report.md, "packets (JSONL)").
    Jsonl,
}

/// What `packets --kind` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum KindFilter {
    /// RTP.
    Rtp,
    /// RTCP.
    Rtcp,
    /// STUN (all methods).
    Stun,
    /// TURN: ChannelData and STUN messages of TURN methods.
    Turn,
    /// DTLS.
    Dtls,
    /// ZRTP.
    Zrtp,
    /// QUIC.
    Quic,
    /// Anything else.
    Unknown,
}

/// `live`.
#[derive(Debug, clap::Args)]
pub(crate) struct LiveArgs {
    /// The interface to capture on (`any` for all).
    #[arg(long, short, value_name = "IFACE")]
    pub(crate) interface: String,
    /// Capture filter (`udp and port 5004`, `host 192.0.2.1`...).
    #[arg(long, short, value_name = "FILTER")]
    pub(crate) filter: Option<String>,
    /// A session description for codecs, clock rates, extensions and fingerprints
    /// (repeatable).
    #[arg(long, value_name = "SDP")]
    pub(crate) sdp: Vec<PathBuf>,
}

/// `sdp`.
#[derive(Debug, Args)]
pub(crate) struct SdpArgs {
    /// The SDP file; `-` for standard input.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SdpFormat::Text)]
    pub(crate) format: SdpFormat,
}

/// Formats of `sdp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SdpFormat {
    /// For people.
    Text,
    /// JSON.
    Json,
}

fn parse_ssrc(s: &str) -> Result<u32, String> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    };
    r.map_err(|_| format!("`{s}` is not an SSRC (decimal or 0x hex, 32 bits)"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn ssrc_forms() {
        assert_eq!(parse_ssrc("0x1ae81a9f").unwrap(), 0x1ae8_1a9f);
        assert_eq!(parse_ssrc("451418783").unwrap(), 451_418_783);
        assert!(parse_ssrc("0x1_0000_0000").is_err());
        assert!(parse_ssrc("abc").is_err());
    }
}
