//! bokslut: the command-line tool. It only wires the library crates together: read a report
//! (bokslut-core), render it (bokslut-layout), write the PDF safely.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bokslut_layout::{Publisher, RenderOptions};

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
        /// Language of the labels (sv, en); the report's own locale when absent.
        #[arg(long)]
        locale: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            input,
            output,
            locale,
        } => {
            let output = output.unwrap_or_else(|| input.with_extension("pdf"));
            render(&input, &output, RenderOptions { locale })
        }
    }
}

fn render(input: &Path, output: &Path, options: RenderOptions) -> ExitCode {
    let report = match bokslut_core::read_file(input) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let problems = bokslut_core::compute::check(&report);
    if !problems.errors.is_empty() {
        for message in &problems.errors {
            eprintln!("error: {}: {message}", input.display());
        }
        return ExitCode::from(EXIT_INVALID);
    }
    let rendered = match Publisher::new().render(&report, &options) {
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
