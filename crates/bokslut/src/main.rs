//! bokslut: the command-line tool. It only wires the library crates together: read a report
//! (bokslut-core), render it (bokslut-layout), write the PDF safely.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};

use bokslut_core::Report;
use bokslut_layout::{Publisher, RenderOptions, Standard};

/// Exit code: the input is invalid, or a render failed.
const EXIT_INVALID: u8 = 1;
/// Exit code: the output could not be written.
const EXIT_IO: u8 = 3;

/// Publishes Swedish municipal reports (delårsbokslut, årsbokslut, verksamhetsberättelse)
/// as print-ready PDF.
#[derive(Parser)]
#[command(name = "bokslut", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a report file (TOML or JSON) to PDF.
    Render {
        /// The report file.
        input: PathBuf,
        /// Where to write the PDF; the input with `.pdf` when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Language of the labels (sv, en, or one in --locales); the report's own locale
        /// when absent.
        #[arg(long)]
        locale: Option<String>,
        /// The PDF/A part of the PDF, or none; it is PDF/UA-1 (tagged, accessible) in any case.
        #[arg(
            long,
            default_value = "a-2a",
            value_parser = clap::builder::PossibleValuesParser::new(Standard::NAMES)
                .map(|s| s.parse::<Standard>().expect("a possible value"))
        )]
        standard: Standard,
        /// A directory of more locales: DIR/<lang>/*.ftl (e.g. DIR/fi/report.ftl). Messages a
        /// locale lacks are printed in Swedish, with a warning naming them.
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
        /// Treat warnings about the input as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the JSON Schema of the input format (for Taplo and JSON editors).
    Schema,
    /// Read and validate report files without rendering; exit 0 when all are valid.
    Check {
        /// The report files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            input,
            output,
            locale,
            standard,
            locales,
            deny_warnings,
        } => {
            let output = output.unwrap_or_else(|| input.with_extension("pdf"));
            let Some(report) = validated(&input, deny_warnings) else {
                return ExitCode::from(EXIT_INVALID);
            };
            render(
                &report,
                &input,
                &output,
                RenderOptions {
                    locale,
                    locales,
                    standard,
                },
            )
        }
        Command::Schema => {
            let schema = bokslut_core::json_schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Check {
            inputs,
            deny_warnings,
        } => {
            let invalid = inputs
                .iter()
                .filter(|input| validated(input, deny_warnings).is_none())
                .count();
            eprintln!(
                "checked {} file(s): {} valid, {invalid} invalid",
                inputs.len(),
                inputs.len() - invalid
            );
            if invalid == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_INVALID)
            }
        }
    }
}

/// Reads and checks a report, printing every problem; the report when it may be rendered.
fn validated(input: &Path, deny_warnings: bool) -> Option<Report> {
    let checked = bokslut_core::check_file(input);
    for diagnostic in &checked.diagnostics {
        eprintln!("{diagnostic}\n");
    }
    let (errors, warnings) = (checked.errors(), checked.warnings());
    if errors > 0 || (deny_warnings && warnings > 0) {
        let denied = if deny_warnings && warnings > 0 {
            " (warnings denied)"
        } else {
            ""
        };
        eprintln!(
            "{}: {errors} error(s), {warnings} warning(s){denied}",
            input.display()
        );
        return None;
    }
    checked.report
}

fn render(report: &Report, input: &Path, output: &Path, options: RenderOptions) -> ExitCode {
    let rendered = match Publisher::new().render(report, &options) {
        Ok(rendered) => rendered,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            return ExitCode::from(EXIT_INVALID);
        }
    };
    for warning in &rendered.warnings {
        eprintln!("warning: {}: {warning}", input.display());
    }
    match write_atomically(output, &rendered.pdf) {
        Ok(()) => {
            eprintln!("wrote {} ({} pages)", output.display(), rendered.pages);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", output.display());
            ExitCode::from(EXIT_IO)
        }
    }
}

/// Writes to a temporary file beside the target and renames it into place only when
/// complete, so a failed write never leaves a partial PDF or spoils an existing one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".bokslut-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
