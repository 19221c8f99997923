//! bokslut: the command-line tool. It only wires the library crates together: read a report
//! (bokslut-core), render it (bokslut-layout), write the PDF safely; many reports at once
//! on all cores.
//!
//! The modules: [`args`] (the command line), [`inputs`] (which files, which PDFs),
//! [`scheduler`] (the pool of threads), [`guard`] (a panic fails one report, not the run),
//! [`summary`] (the closing summary and the exit code), [`output`] (atomic writes),
//! [`watch`] (render on every save) and [`serve`] (the live preview over HTTP).

mod args;
mod guard;
mod inputs;
mod interrupt;
mod output;
mod scheduler;
mod serve;
mod summary;
mod watch;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser};

use bokslut_core::{CheckOptions, ValidReport};
use bokslut_layout::{Publisher, RenderOptions};

use crate::args::{Cli, Command, Format};
use crate::inputs::{Job, OutputFile, Skipped};
use crate::scheduler::Log;
use crate::summary::{EXIT_INVALID, EXIT_IO, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            inputs,
            output,
            format,
            out_dir,
            jobs,
            locale,
            standard,
            locales,
            deny_warnings,
            max_input_size,
        } => {
            let options = RenderOptions {
                locale,
                locales,
                standard,
            };
            let (mut jobs_list, mut skipped) = inputs::expand(&inputs, out_dir.as_deref());
            let named = output.is_some();
            if let Some(output) = output {
                if inputs.len() != 1 || jobs_list.len() != 1 || !skipped.is_empty() {
                    Cli::command()
                        .error(
                            clap::error::ErrorKind::ArgumentConflict,
                            "--output names the PDF of one report file; for several, use --out-dir",
                        )
                        .exit();
                }
                jobs_list[0].output = output;
            }
            let jobs_list =
                inputs::settle(jobs_list, &args::distinct(&format), named, &mut skipped);
            let checks = CheckOptions {
                max_input_bytes: max_input_size,
                coverage: Some(bokslut_layout::covers),
                ..CheckOptions::default()
            };
            render_all(jobs_list, skipped, options, checks, deny_warnings, jobs)
        }
        Command::Data {
            input,
            locale,
            max_input_size,
        } => {
            let checks = CheckOptions {
                max_input_bytes: max_input_size,
                coverage: Some(bokslut_layout::covers),
                ..CheckOptions::default()
            };
            let report = match validated(&input, false, &mut Log::Direct, checks) {
                Ok(report) => report,
                Err(_) => return ExitCode::from(EXIT_INVALID),
            };
            let options = RenderOptions {
                locale,
                ..RenderOptions::default()
            };
            match Publisher::new().prepare(&report, &options) {
                Ok(prepared) => {
                    let mut stdout = std::io::stdout().lock();
                    match stdout
                        .write_all(prepared.data())
                        .and_then(|()| stdout.flush())
                    {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("error: cannot write the data: {e}");
                            ExitCode::from(EXIT_IO)
                        }
                    }
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", input.display());
                    ExitCode::from(EXIT_INVALID)
                }
            }
        }
        Command::Watch { session, format } => {
            let formats = args::distinct(&format);
            let Some((renderer, job)) = session_job(session, &formats) else {
                return ExitCode::from(EXIT_IO);
            };
            interrupt::install_session();
            match watch::run(&renderer, &job, |_| {}) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
        }
        Command::Serve {
            session,
            port,
            bind,
        } => {
            let Some((renderer, job)) = session_job(session, &[Format::Html, Format::Pdf]) else {
                return ExitCode::from(EXIT_IO);
            };
            let server = match serve::bind(std::net::SocketAddr::new(bind, port)) {
                Ok(server) => server,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_IO);
                }
            };
            interrupt::install_session();
            match serve::run(server, &renderer, &job) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
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
            max_input_size,
        } => {
            let (jobs, skipped) = inputs::expand(&inputs, None);
            for skip in &skipped {
                eprintln!("error: {}: {}", skip.path.display(), skip.reason);
            }
            let invalid = jobs
                .iter()
                .filter(|job| {
                    let checks = CheckOptions {
                        figures_in_text: true,
                        max_input_bytes: max_input_size,
                        coverage: Some(bokslut_layout::covers),
                    };
                    validated(&job.input, deny_warnings, &mut Log::Direct, checks).is_err()
                })
                .count();
            eprintln!(
                "checked {} file(s): {} valid, {invalid} invalid",
                jobs.len(),
                jobs.len() - invalid
            );
            if invalid == 0 && skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_INVALID)
            }
        }
    }
}

/// Reads and checks a report, logging every problem; the report when it may be rendered,
/// else the count of problems.
fn validated(
    input: &Path,
    deny_warnings: bool,
    log: &mut Log,
    checks: CheckOptions,
) -> Result<ValidReport, String> {
    let checked = bokslut_core::check_file_with(input, checks);
    for diagnostic in &checked.diagnostics {
        log.line(format_args!("{diagnostic}\n"));
    }
    if let Some(omitted) = checked.omitted() {
        log.line(format_args!("note: {}: {omitted}\n", input.display()));
    }
    let (errors, warnings) = (checked.errors(), checked.warnings());
    if errors > 0 || (deny_warnings && warnings > 0) {
        let denied = if deny_warnings && warnings > 0 {
            " (warnings denied)"
        } else {
            ""
        };
        let summary = format!("{errors} error(s), {warnings} warning(s){denied}");
        log.line(format_args!("{}: {summary}", input.display()));
        return Err(summary);
    }
    checked
        .report
        .ok_or_else(|| "the report cannot be read".to_owned())
}

/// The renderer and the one job of a `watch` or `serve` session; `None` (the reason
/// printed) when its outputs may not be written.
fn session_job(session: args::Session, formats: &[Format]) -> Option<(Renderer, Job)> {
    if session.input.is_dir() {
        eprintln!(
            "error: {}: a directory; watch and serve take one report file",
            session.input.display()
        );
        return None;
    }
    let (mut jobs, mut skipped) = inputs::expand(std::slice::from_ref(&session.input), None);
    let named = session.output.is_some();
    if let (Some(output), Some(job)) = (session.output, jobs.first_mut()) {
        job.output = output;
    }
    let jobs = inputs::settle(jobs, formats, named, &mut skipped);
    for skip in &skipped {
        eprintln!("error: {}: {}", skip.path.display(), skip.reason);
    }
    let job = jobs.into_iter().next()?;
    let renderer = Renderer {
        publisher: Publisher::new(),
        options: RenderOptions {
            locale: session.locale,
            locales: session.locales,
            ..RenderOptions::default()
        },
        checks: CheckOptions {
            max_input_bytes: session.max_input_size,
            coverage: Some(bokslut_layout::covers),
            ..CheckOptions::default()
        },
        deny_warnings: false,
    };
    Some((renderer, job))
}

/// What every report of a run is rendered with.
struct Renderer {
    publisher: Publisher,
    options: RenderOptions,
    checks: CheckOptions,
    deny_warnings: bool,
}

impl Renderer {
    /// Reads, checks, renders and writes one report, logging what happens.
    fn render_one(&self, job: &Job, log: &mut Log) -> Outcome {
        let report = match validated(&job.input, self.deny_warnings, log, self.checks) {
            Ok(report) => report,
            Err(summary) => return Outcome::Invalid(summary),
        };
        let mut files: Vec<(&OutputFile, Vec<u8>)> = Vec::with_capacity(job.files.len());
        let mut pages = 0;
        let mut warnings = Vec::new();
        for file in &job.files {
            let made = match file.format {
                Format::Pdf => self
                    .publisher
                    .render(&report, &self.options)
                    .map(|rendered| {
                        pages = rendered.pages;
                        warnings = rendered.warnings;
                        rendered.pdf
                    }),
                Format::Html => self.publisher.document(&report, &self.options).map(
                    |(document, labels_warnings)| {
                        if warnings.is_empty() {
                            warnings = labels_warnings;
                        }
                        bokslut_html::render(&document).into_bytes()
                    },
                ),
            };
            match made {
                Ok(bytes) => files.push((file, bytes)),
                Err(e) => {
                    log.line(format_args!("error: {}: {e}", job.input.display()));
                    return Outcome::Invalid(e.to_string());
                }
            }
        }
        for warning in &warnings {
            log.line(format_args!("warning: {}: {warning}", job.input.display()));
        }
        for (file, bytes) in files {
            let written = match file.target.parent() {
                Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => {
                    std::fs::create_dir_all(dir)
                }
                _ => Ok(()),
            }
            .and_then(|()| output::write_atomically(&file.target, &bytes));
            match (written, file.format) {
                (Ok(()), Format::Pdf) => log.line(format_args!(
                    "wrote {} ({pages} pages)",
                    file.output.display(),
                )),
                (Ok(()), Format::Html) => log.line(format_args!("wrote {}", file.output.display())),
                (Err(e), _) => {
                    log.line(format_args!(
                        "error: cannot write {}: {e}",
                        file.output.display()
                    ));
                    return Outcome::Unwritable(format!(
                        "cannot write {}: {e}",
                        file.output.display()
                    ));
                }
            }
        }
        Outcome::Written { pages }
    }

    /// [`Renderer::render_one`] under the panic guard.
    fn guarded(&self, job: &Job, log: &mut Log) -> Outcome {
        guard::guarded(&job.input, || self.render_one(job, log))
    }
}

/// Renders every job, in parallel, with one shared publisher; goes on past failures and ends
/// with a summary when there was more than one report.
fn render_all(
    jobs: Vec<Job>,
    skipped: Vec<Skipped>,
    options: RenderOptions,
    checks: CheckOptions,
    deny_warnings: bool,
    threads: Option<u16>,
) -> ExitCode {
    let started = Instant::now();
    for skip in &skipped {
        eprintln!("error: {}: {}", skip.path.display(), skip.reason);
    }
    if jobs.is_empty() && skipped.len() == 1 && skipped[0].output {
        // One report whose output is refused before rendering: its message alone.
        return ExitCode::from(EXIT_IO);
    }
    interrupt::install(jobs.len());
    let renderer = Renderer {
        publisher: Publisher::new(),
        options,
        checks,
        deny_warnings,
    };
    if jobs.len() == 1 && skipped.is_empty() {
        // One report: its messages as they come, no progress bar, no summary.
        return renderer.guarded(&jobs[0], &mut Log::Direct).exit_code();
    }
    let outcomes =
        scheduler::render_parallel(&jobs, threads, |job, log| renderer.guarded(job, log));
    summary::summarise(&jobs, &outcomes, &skipped, started)
}
