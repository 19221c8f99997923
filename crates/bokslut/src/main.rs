//! bokslut: the command-line tool. It only wires the library crates together: read a report
//! (bokslut-core), render it (bokslut-layout), write the PDF safely; many reports at once
//! on all cores.
//!
//! The modules: [`args`] (the command line), [`inputs`] (which files, which PDFs),
//! [`scheduler`] (the pool of threads), [`guard`] (a panic fails one report, not the run),
//! [`summary`] (the closing summary and the exit code), [`output`] (atomic writes),
//! [`import`] (a sheet's rows printed as a report's), [`watch`] (render on every save) and
//! [`serve`] (the live preview over HTTP).

mod args;
mod guard;
mod import;
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
use bokslut_layout::{Publisher, RenderError, RenderOptions};

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
            profile,
            layouts,
            deny_warnings,
            max_input_size,
            allow_outside_paths,
        } => {
            let options = RenderOptions {
                locale,
                locales,
                standard,
                layouts,
                profile,
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
                allow_outside_paths,
                ..CheckOptions::default()
            };
            render_all(jobs_list, skipped, options, checks, deny_warnings, jobs)
        }
        Command::Data {
            input,
            locale,
            profile,
            max_input_size,
            allow_outside_paths,
        } => {
            let checks = CheckOptions {
                max_input_bytes: max_input_size,
                coverage: Some(bokslut_layout::covers),
                allow_outside_paths,
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
            let publisher = Publisher::new();
            let profile = match load_profile(
                &publisher,
                &input,
                &report,
                profile.as_deref(),
                &mut Log::Direct,
            ) {
                Ok(profile) => profile,
                Err(_) => return ExitCode::from(EXIT_INVALID),
            };
            match publisher.prepare_with(&report, &options, profile.as_deref()) {
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
                    failed(&input, &e, &mut Log::Direct);
                    ExitCode::from(EXIT_INVALID)
                }
            }
        }
        Command::Import {
            file,
            sheet,
            range,
            header_row,
            columns,
            label,
            kind,
            separator,
            decimals,
            format,
            max_input_size,
        } => import::run(import::Request {
            file,
            sheet,
            range,
            header_row,
            columns,
            label,
            kind,
            separator,
            decimals,
            json: format == "json",
            max_input_size,
        }),
        Command::Init { dir, profile } => match bokslut_layout::scaffold::init(&dir, profile) {
            Ok(files) => {
                for file in &files {
                    eprintln!("wrote {}", file.display());
                }
                let report = dir.join(bokslut_layout::scaffold::REPORT_FILE);
                eprintln!("next: bokslut render {}", report.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_IO)
            }
        },
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
        Command::Schema { profile } => {
            let schema = if profile {
                bokslut_layout::profile::json_schema()
            } else {
                bokslut_core::json_schema()
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Check {
            inputs,
            deny_warnings,
            profile,
            max_input_size,
            allow_outside_paths,
        } => {
            let publisher = Publisher::new();
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
                        allow_outside_paths,
                    };
                    let log = &mut Log::Direct;
                    validated(&job.input, deny_warnings, log, checks)
                        .and_then(|report| {
                            let profile = load_profile(
                                &publisher,
                                &job.input,
                                &report,
                                profile.as_deref(),
                                log,
                            )?;
                            // The profile's font against every character the report prints.
                            match publisher.prepare_with(
                                &report,
                                &RenderOptions::default(),
                                profile.as_deref(),
                            ) {
                                Ok(_) => Ok(()),
                                Err(e) => Err(failed(&job.input, &e, log)),
                            }
                        })
                        .is_err()
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

/// The profile a report is rendered with (`--profile`, else its `meta.profile`), loaded and
/// checked; its problems logged.
fn load_profile(
    publisher: &Publisher,
    input: &Path,
    report: &ValidReport,
    given: Option<&Path>,
    log: &mut Log,
) -> Result<Option<std::sync::Arc<bokslut_layout::Profile>>, String> {
    let Some(path) = bokslut_layout::profile::path_for(input, report.report(), given) else {
        return Ok(None);
    };
    match publisher.profile(&path) {
        Ok(profile) => Ok(Some(profile)),
        Err(problems) => {
            for problem in &problems {
                log.line(format_args!("{problem}\n"));
            }
            let summary = format!("{} error(s) in the profile", problems.len());
            log.line(format_args!("{}: {summary}", input.display()));
            Err(summary)
        }
    }
}

/// Logs why a report could not be rendered; the reason, for the summary.
fn failed(input: &Path, error: &RenderError, log: &mut Log) -> String {
    match error {
        RenderError::Profile(problems) => {
            for problem in problems {
                log.line(format_args!("{problem}\n"));
            }
            let summary = format!("{} error(s) in the profile", problems.len());
            log.line(format_args!("{}: {summary}", input.display()));
            summary
        }
        other => {
            log.line(format_args!("error: {}: {other}", input.display()));
            other.to_string()
        }
    }
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
        let profile = match load_profile(
            &self.publisher,
            &job.input,
            &report,
            self.options.profile.as_deref(),
            log,
        ) {
            Ok(profile) => profile,
            Err(summary) => return Outcome::Invalid(summary),
        };
        let mut files: Vec<(&OutputFile, Vec<u8>)> = Vec::with_capacity(job.files.len());
        let mut pages = 0;
        let mut warnings = Vec::new();
        for file in &job.files {
            let made = match file.format {
                Format::Pdf => self
                    .publisher
                    .render_with(&report, &self.options, profile.as_deref())
                    .map(|rendered| {
                        pages = rendered.pages;
                        warnings = rendered.warnings;
                        rendered.pdf
                    }),
                Format::Html => self
                    .publisher
                    .document(&report, &self.options, profile.as_deref())
                    .map(|(document, labels_warnings)| {
                        if warnings.is_empty() {
                            warnings = labels_warnings;
                        }
                        let image = |path: &str| {
                            profile
                                .as_deref()
                                .and_then(|p| p.image(path))
                                .map(<[u8]>::to_vec)
                        };
                        bokslut_html::render_with(&document, &image).into_bytes()
                    }),
            };
            match made {
                Ok(bytes) => files.push((file, bytes)),
                Err(e) => return Outcome::Invalid(failed(&job.input, &e, log)),
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
