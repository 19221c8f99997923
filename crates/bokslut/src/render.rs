//! Rendering reports with the library ([`bokslut::Publisher::publish`]): one at a time, many
//! under the scheduler, or one again and again for `watch` and `serve`. This module only
//! prints what the library returns and writes the files atomically.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bokslut::{Edition, Failure, Options, Published, Publisher, Source};

use crate::args::{self, Format};
use crate::inputs::{self, Job, OutputFile, Skipped};
use crate::isolate::{self, Isolation, Made};
use crate::scheduler::{self, Log};
use crate::show::show;
use crate::summary::{self, EXIT_IO, Outcome};
use crate::{guard, interrupt, output};

/// Prints what publishing `input` found, as the tool prints it: each diagnostic, a note of
/// those not shown, and why it failed; the reason, for the summary, when it failed.
pub(crate) fn print(input: &Path, published: &Published, log: &mut Log) -> Result<(), String> {
    for diagnostic in &published.diagnostics {
        log.line(format_args!("{}\n", show(diagnostic)));
    }
    if let Some(omitted) = published.omitted() {
        log.line(format_args!("note: {}: {omitted}\n", input.display()));
    }
    let reason = match &published.failure {
        None => return Ok(()),
        Some(Failure::Invalid {
            errors,
            warnings,
            denied,
        }) => {
            if *errors == 0 && !denied {
                return Err("the report cannot be read".to_owned());
            }
            let denied = if *denied { " (warnings denied)" } else { "" };
            let summary = format!("{errors} error(s), {warnings} warning(s){denied}");
            log.line(format_args!("{}: {summary}", input.display()));
            summary
        }
        Some(Failure::Profile(problems)) => {
            for problem in problems {
                log.line(format_args!("{}\n", show(problem)));
            }
            let summary = format!("{} error(s) in the profile", problems.len());
            log.line(format_args!("{}: {summary}", input.display()));
            summary
        }
        Some(Failure::Render(error)) => {
            log.line(format_args!("error: {}: {error}", input.display()));
            error.to_string()
        }
        Some(other) => {
            log.line(format_args!("error: {}: {other:?}", input.display()));
            format!("{other:?}")
        }
    };
    Err(reason)
}

/// The renderer and the one job of a `watch` or `serve` session; `None` (the reason
/// printed) when its outputs may not be written.
pub(crate) fn session_job(session: args::Session, formats: &[Format]) -> Option<(Renderer, Job)> {
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
    let renderer = Renderer::new(session.rendering);
    Some((renderer, job))
}

/// What every report of a run is rendered with.
pub(crate) struct Renderer {
    publisher: Publisher,
    options: Options,
    /// With a municipality's own layouts: each report in a process of its own, within limits.
    isolation: Option<Isolation>,
}

impl Renderer {
    /// A renderer with a new publisher for the flags of the command line.
    pub(crate) fn new(flags: args::Rendering) -> Renderer {
        Renderer {
            publisher: Publisher::new(),
            isolation: Isolation::for_flags(&flags),
            options: options(flags),
        }
    }

    /// Forgets the profiles, layouts and labels read so far, so that the next render reads
    /// them again (they may have changed on disk).
    pub(crate) fn forget_files(&self) {
        self.publisher.forget_files();
    }

    /// The directories a render of `job` reads besides the report's own, each with whether
    /// its subdirectories count too ([`bokslut::read_directories`]).
    pub(crate) fn read_dirs(&self, job: &Job) -> Vec<(PathBuf, bool)> {
        bokslut::read_directories(&job.input, &self.options)
            .into_iter()
            .map(|dir| (dir.path, dir.recursive))
            .collect()
    }

    /// Reads, checks, renders and writes one report, logging what happens: here, or with a
    /// municipality's own layouts in a process of its own ([`crate::isolate`]).
    pub(crate) fn render_one(&self, job: &Job, log: &mut Log) -> Outcome {
        let made = match &self.isolation {
            Some(isolation) => {
                let formats: Vec<Format> = job.files.iter().map(|file| file.format).collect();
                isolate::publish_in_child(job, &formats, isolation, log)
            }
            None => self.publish_here(job, log),
        };
        match made {
            Ok((pdf, html, pages)) => write(job, pdf, html, pages, log),
            Err(outcome) => outcome,
        }
    }

    /// Publishes one report in this process, its messages logged.
    fn publish_here(&self, job: &Job, log: &mut Log) -> Result<Made, Outcome> {
        let mut options = self.options.clone();
        options.editions = job.files.iter().map(|file| edition(file.format)).collect();
        let published = self.publisher.publish(&Source::File(&job.input), &options);
        if let Err(reason) = print(&job.input, &published, log) {
            return Err(Outcome::Invalid(reason));
        }
        for warning in &published.warnings {
            log.line(format_args!("warning: {}: {warning}", job.input.display()));
        }
        Ok((
            published.pdf,
            published.html.map(String::into_bytes),
            published.pages,
        ))
    }

    /// [`Renderer::render_one`] under the panic guard.
    pub(crate) fn guarded(&self, job: &Job, log: &mut Log) -> Outcome {
        guard::guarded(&job.input, || self.render_one(job, log))
    }
}

/// Writes the editions a report's render made, each to its file, atomically.
fn write(
    job: &Job,
    mut pdf: Option<Vec<u8>>,
    mut html: Option<Vec<u8>>,
    pages: Option<usize>,
    log: &mut Log,
) -> Outcome {
    let mut html_bytes = None;
    let files: Vec<(&OutputFile, Vec<u8>)> = job
        .files
        .iter()
        .filter_map(|file| {
            let bytes = match file.format {
                Format::Pdf => pdf.take(),
                Format::Html => html.take(),
            };
            bytes.map(|bytes| (file, bytes))
        })
        .collect();
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
                "wrote {} ({} pages)",
                file.output.display(),
                pages.unwrap_or_default(),
            )),
            (Ok(()), Format::Html) => {
                html_bytes = Some(bytes.len());
                log.line(format_args!(
                    "wrote {} ({})",
                    file.output.display(),
                    summary::size(bytes.len())
                ));
            }
            (Err(e), _) => {
                log.line(format_args!(
                    "error: cannot write {}: {e}",
                    file.output.display()
                ));
                return Outcome::Unwritable(format!("cannot write {}: {e}", file.output.display()));
            }
        }
    }
    Outcome::Written { pages, html_bytes }
}

/// The library's edition of a format `render` writes.
pub(crate) fn edition(format: Format) -> Edition {
    match format {
        Format::Pdf => Edition::Pdf,
        Format::Html => Edition::Html,
    }
}

/// The library's options for the flags of the command line (editions set per report).
pub(crate) fn options(flags: args::Rendering) -> Options {
    let mut options = Options::default();
    options.locale = flags.locale;
    options.locales = flags.locales;
    options.standard = flags.standard;
    options.layouts = flags.layouts;
    options.profile = flags.profile;
    options.deny_warnings = flags.deny_warnings;
    options.max_input_bytes = flags.max_input_size;
    options.allow_outside_paths = flags.allow_outside_paths;
    options
}

/// Renders every job, in parallel, with one shared publisher; goes on past failures and ends
/// with a summary when there was more than one report.
pub(crate) fn render_all(
    jobs: Vec<Job>,
    skipped: Vec<Skipped>,
    renderer: Renderer,
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
    if jobs.len() == 1 && skipped.is_empty() {
        // One report: its messages as they come, no progress bar, no summary.
        return renderer.guarded(&jobs[0], &mut Log::Direct).exit_code();
    }
    let outcomes =
        scheduler::render_parallel(&jobs, threads, |job, log| renderer.guarded(job, log));
    summary::summarise(&jobs, &outcomes, &skipped, started)
}
