//! `rtcinspect`: RTP, RTCP, STUN/TURN, DTLS and SDP in packet captures.
//!
//! `rtcinspect FILE…` opens the interactive dashboard (`rtcinspect-tui`) when standard
//! output is a terminal and prints the text summary otherwise or with `--no-tui`;
//! `rtcinspect live -i IFACE [-f FILTER]` is the dashboard on a live capture; the
//! subcommands `summary`, `packets`, `sdp` and `completions` are for scripts (see
//! `rtcinspect --help`). The binary
//! owns all I/O; every statistic comes from `rtcinspect_analysis::Report`.
//!
//! Exit status: 0 success (a closed output pipe counts as success), 1 an input
//! could not be read, 2 usage error.
#![forbid(unsafe_code)]

mod cli;
mod csv;
#[cfg(test)]
mod fixture;
mod input;
mod packets;
mod sdp;
mod table;
mod text;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, SummaryArgs, SummaryFormat};
use crate::table::Style;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = io::stdout();
    let is_tty = stdout.is_terminal();
    // The dashboard owns the terminal: it runs before standard output is locked.
    if let Some(code) = dashboard(&cli, is_tty) {
        return code;
    }
    let style = Style {
        color: is_tty && !cli.no_color && !no_color_env(),
    };
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = run(cli, &mut out, style, is_tty).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Drop what is buffered quietly: the pipe may be gone too.
            let _ = out.flush();
            eprintln!("rtcinspect: {e:#}");
            // Unreadable input (`InputError`) and failing output alike.
            ExitCode::from(1)
        }
    }
}

/// `rtcinspect FILE…` on a terminal (unless `--no-tui`, or a file is standard input)
/// and `rtcinspect live`: the interactive dashboard. `None` when the command is not
/// for the dashboard.
fn dashboard(cli: &Cli, is_tty: bool) -> Option<ExitCode> {
    let options = rtcinspect_tui::Options::default().color(cli.no_color.then_some(false));
    let result = match &cli.command {
        None if is_tty
            && !cli.no_tui
            && !cli.files.is_empty()
            && cli.files.iter().all(|f| f.as_os_str() != "-") =>
        {
            rtcinspect_tui::run_file(&cli.files, &options)
        }
        Some(Command::Live(args)) => {
            if !is_tty {
                eprintln!("rtcinspect: `live` is the interactive dashboard: it needs a terminal");
                return Some(ExitCode::from(2));
            }
            let options = options.sdp(args.sdp.clone());
            rtcinspect_tui::run_live(&args.interface, args.filter.as_deref(), &options)
        }
        _ => return None,
    };
    Some(match result {
        Ok(status) => ExitCode::from(u8::try_from(status.code()).unwrap_or(1)),
        Err(e) => {
            eprintln!("rtcinspect: {e}");
            ExitCode::from(1)
        }
    })
}

/// NO_COLOR (<https://no-color.org>): set and not empty.
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli, out: &mut dyn Write, style: Style, is_tty: bool) -> Result<()> {
    match cli.command {
        None if cli.files.is_empty() => {
            Cli::command().print_help()?;
            Ok(())
        }
        None => default_command(&cli.files, is_tty, out, style),
        Some(Command::Summary(args)) => summary(&args, out, style),
        Some(Command::Packets(args)) => packets::run(&args, out, style),
        Some(Command::Sdp(args)) => sdp::run(&args, out, style),
        // Handled by `dashboard` before standard output is locked.
        Some(Command::Live(_)) => Ok(()),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "rtcinspect", out);
            Ok(())
        }
    }
}

/// `rtcinspect FILE…` when the dashboard does not take it (not a terminal,
/// `--no-tui`, standard input): the text summary.
fn default_command(
    files: &[PathBuf],
    _is_tty: bool,
    out: &mut dyn Write,
    style: Style,
) -> Result<()> {
    let args = SummaryArgs {
        files: files.to_vec(),
        format: SummaryFormat::Text,
        sdp: Vec::new(),
        series: false,
    };
    summary(&args, out, style)
}

fn summary(args: &SummaryArgs, out: &mut dyn Write, style: Style) -> Result<()> {
    let files: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let sdp: Vec<&Path> = args.sdp.iter().map(PathBuf::as_path).collect();
    let report = input::analyse(&files, &sdp, args.series)?;
    match args.format {
        SummaryFormat::Text => text::write_summary(out, &report, style)?,
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        SummaryFormat::Csv => csv::write_csv(out, &report)?,
    }
    Ok(())
}
