//! Rendering reports: read and check each one, load its profile, render each format it
//! asks for (PDF with Typst, HTML from the same document), and write the files atomically;
//! one report at a time, many under the scheduler, or one again and again for `watch` and
//! `serve`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bokslut_core::{CheckOptions, ValidReport};
use bokslut_layout::{Publisher, RenderError, RenderOptions};

use crate::args::{self, Format};
use crate::inputs::{self, Job, OutputFile, Skipped};
use crate::scheduler::{self, Log};
use crate::summary::{self, EXIT_IO, Outcome};
use crate::{guard, interrupt, output};

/// Reads and checks a report, logging every problem; the report when it may be rendered,
/// else the count of problems.
pub(crate) fn validated(
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
pub(crate) fn load_profile(
    publisher: &Publisher,
    input: &Path,
    report: &ValidReport,
    given: Option<&Path>,
    log: &mut Log,
) -> Result<Option<std::sync::Arc<bokslut_layout::Profile>>, String> {
    let Some(path) = bokslut_layout::profile::path_for(report, given) else {
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
pub(crate) fn failed(input: &Path, error: &RenderError, log: &mut Log) -> String {
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
    options: RenderOptions,
    checks: CheckOptions,
    deny_warnings: bool,
}

impl Renderer {
    /// A renderer with a new publisher for the flags of the command line.
    pub(crate) fn new(flags: args::Rendering) -> Renderer {
        Renderer {
            publisher: Publisher::new(),
            options: RenderOptions {
                locale: flags.locale,
                locales: flags.locales,
                standard: flags.standard,
                layouts: flags.layouts,
                profile: flags.profile,
            },
            checks: CheckOptions {
                max_input_bytes: flags.max_input_size,
                coverage: Some(bokslut_layout::covers),
                allow_outside_paths: flags.allow_outside_paths,
                ..CheckOptions::default()
            },
            deny_warnings: flags.deny_warnings,
        }
    }

    /// Forgets the profiles, layouts and labels read so far, so that the next render reads
    /// them again (they may have changed on disk).
    pub(crate) fn forget_files(&self) {
        self.publisher.forget_files();
    }

    /// The directories a render of `job` reads besides the report's own, each with whether
    /// its subdirectories count too: those of the profile (the one given, else the one the
    /// report names) and of its logo, photo and fonts, each alone; the layouts and the locales
    /// directories, with their subdirectories; the directory of each sheet its tables name,
    /// alone. The report is read again for its `meta.profile` and sheets (not checked: a
    /// report that cannot be read names none).
    pub(crate) fn read_dirs(&self, job: &Job) -> Vec<(PathBuf, bool)> {
        let report = bokslut_core::read_file(&job.input).ok();
        // Only what a render may read: the report's profile and sheets inside its directory
        // (or outside with `--allow-outside-paths`), by the check's own rule.
        let base = job.input.parent().unwrap_or(std::path::Path::new(""));
        let allowed = |name: &str| {
            bokslut_core::confine::confine(base, name, self.checks.allow_outside_paths).ok()
        };
        let named = match &self.options.profile {
            Some(given) => Some(given.clone()),
            None => report
                .as_ref()
                .and_then(|report| report.meta.profile.as_deref())
                .and_then(allowed),
        };
        let sheets: Vec<(PathBuf, bool)> = report
            .iter()
            .flat_map(bokslut_core::sheet::sheet_files)
            .filter_map(allowed)
            .filter_map(|file| file.parent().map(|dir| (dir.to_path_buf(), false)))
            .collect();
        let profile = named
            .iter()
            .flat_map(|path| bokslut_layout::profile::directories(path))
            .map(|dir| (dir, false));
        let deep = [&self.options.layouts, &self.options.locales]
            .into_iter()
            .flatten()
            .map(|dir| (dir.clone(), true));
        profile.chain(deep).chain(sheets).collect()
    }

    /// Reads, checks, renders and writes one report, logging what happens.
    pub(crate) fn render_one(&self, job: &Job, log: &mut Log) -> Outcome {
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
        let mut pages = None;
        let mut html_bytes = None;
        let mut warnings = Vec::new();
        for file in &job.files {
            let made = match file.format {
                Format::Pdf => self
                    .publisher
                    .render_with(&report, &self.options, profile.as_deref())
                    .map(|rendered| {
                        pages = Some(rendered.pages);
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
                        bokslut_html::render(&document).into_bytes()
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
                    return Outcome::Unwritable(format!(
                        "cannot write {}: {e}",
                        file.output.display()
                    ));
                }
            }
        }
        Outcome::Written { pages, html_bytes }
    }

    /// [`Renderer::render_one`] under the panic guard.
    pub(crate) fn guarded(&self, job: &Job, log: &mut Log) -> Outcome {
        guard::guarded(&job.input, || self.render_one(job, log))
    }
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
