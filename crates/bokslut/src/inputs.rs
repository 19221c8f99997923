//! Which files a command works on, and where each one's PDF goes.
//!
//! Inputs are files and directories; a directory stands for every report file (`.toml`,
//! `.json`) under it, recursively, in name order, hidden entries skipped. Each PDF goes next
//! to its input, or, with `--out-dir`, to the same relative place under that directory (a file
//! named directly goes to the top of it). Symbolic links are followed, but for one found
//! where a file goes under `--out-dir`: it is replaced by the file, unless
//! `--follow-output-links` asks to write through it (see [`Job::replace_links`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::args::Format;

/// One report to work on.
#[derive(Debug, Clone)]
pub struct Job {
    /// The report file.
    pub input: PathBuf,
    /// Where its PDF goes, as named (in messages).
    pub output: PathBuf,
    /// The file the PDF is written to: `output` with links followed and `..` resolved (see
    /// [`crate::output::target`]); set by [`settle`].
    pub target: PathBuf,
    /// The files it writes, one per format asked for; set by [`settle`].
    pub files: Vec<OutputFile>,
    /// The directory under which a symbolic link where a file goes is replaced by it rather
    /// than written through, and a linked directory refused
    /// ([`crate::output::target_replacing_link`]): `--out-dir`, set by [`expand`] (a
    /// directory others may write in, where a link may be planted); `--follow-output-links`
    /// clears it. A file named by `-o` is written through.
    pub replace_links: Option<PathBuf>,
}

/// A file a job writes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// PDF or HTML.
    pub format: Format,
    /// The path as named (in messages).
    pub output: PathBuf,
    /// The file written: `output` with links followed and `..` resolved.
    pub target: PathBuf,
}

/// An input that yields no job: a directory that cannot be read or holds no report, a file
/// that is not a regular file, or a report whose PDF cannot or must not be written.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The file or directory.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
    /// Whether it is the output that is refused (exit code 3) rather than the input (1).
    pub output: bool,
}

impl Skipped {
    fn input(path: PathBuf, reason: String) -> Skipped {
        Skipped {
            path,
            reason,
            output: false,
        }
    }
}

/// Whether a file is a report by its extension.
fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("json"))
}

/// The report files named by `inputs`, each with the PDF path next to it or under `out_dir`
/// (not yet resolved: see [`settle`]).
pub fn expand(inputs: &[PathBuf], out_dir: Option<&Path>) -> (Vec<Job>, Vec<Skipped>) {
    let mut jobs = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            // A file (or a missing path: reading it will say so, naming it).
            let output = pdf_path(input, input.file_name().map(Path::new), out_dir);
            jobs.push(Job {
                input: input.clone(),
                target: output.clone(),
                output,
                files: Vec::new(),
                replace_links: out_dir.map(Path::to_path_buf),
            });
            continue;
        }
        let before = jobs.len();
        // Links are followed (an archive may link reports in from elsewhere); a link that
        // loops back is reported, not followed forever.
        let walk = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    skipped.push(Skipped::input(
                        e.path().unwrap_or(input).to_path_buf(),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if !is_report(entry.path()) || entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                // A FIFO would hang the read, a device never end: said, not read.
                skipped.push(Skipped::input(
                    entry.path().to_path_buf(),
                    format!(
                        "skipped: it is {}, not a regular file",
                        crate::output::kind(&entry.file_type())
                    ),
                ));
                continue;
            }
            let path = entry.path().to_path_buf();
            let output = pdf_path(&path, path.strip_prefix(input).ok(), out_dir);
            jobs.push(Job {
                input: path,
                target: output.clone(),
                output,
                files: Vec::new(),
                replace_links: out_dir.map(Path::to_path_buf),
            });
        }
        if jobs.len() == before {
            skipped.push(Skipped::input(
                input.clone(),
                "no report file (.toml, .json) in this directory".to_owned(),
            ));
        }
        drop_parts(&mut jobs, before);
    }
    (jobs, skipped)
}

/// Drops from `jobs[from..]` (the reports found in one directory) each report another of them
/// includes as a part (`parts`): it is rendered within that report, not twice. A report named
/// as a file stays (it was asked for by name).
fn drop_parts(jobs: &mut Vec<Job>, from: usize) {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let mut included: Vec<(PathBuf, PathBuf)> = Vec::new();
    for job in &jobs[from..] {
        let Ok(report) = bokslut_core::read_file(&job.input) else {
            continue;
        };
        let dir = job.input.parent().unwrap_or(Path::new(""));
        for entry in &report.parts {
            let named = dir.join(entry);
            let files: Vec<PathBuf> = if named.is_dir() {
                std::fs::read_dir(&named)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| is_report(p))
                    .collect()
            } else {
                vec![named]
            };
            included.extend(
                files
                    .iter()
                    .filter_map(|f| canonical(f))
                    .map(|f| (f, job.input.clone())),
            );
        }
    }
    if included.is_empty() {
        return;
    }
    let mut index = from;
    jobs.retain(|job| {
        let at = index;
        index += 1;
        if at < from {
            return true;
        }
        let Some(by) = canonical(&job.input)
            .and_then(|me| included.iter().find(|(part, _)| *part == me))
            .map(|(_, by)| by)
        else {
            return true;
        };
        eprintln!(
            "note: {} is rendered as a part of {}, not on its own",
            job.input.display(),
            by.display()
        );
        false
    });
}

/// The PDF of `input`: beside it, or at `relative` (else the input's path) under `out_dir`.
fn pdf_path(input: &Path, relative: Option<&Path>, out_dir: Option<&Path>) -> PathBuf {
    match out_dir {
        Some(dir) => dir.join(relative.unwrap_or(input)),
        None => input.to_path_buf(),
    }
    .with_extension("pdf")
}

/// Resolves the files each job writes, one per format ([`crate::output::target`]), and
/// refuses, before anything is rendered: an output that cannot hold a file (a directory, a
/// device, a FIFO), one that is an input of this run (`render r.toml -o r.toml`, or a link to
/// it), and a second report that would write a file of an earlier one (`a.toml` and
/// `a.json`, or `a/../a/r.toml` and `a/r.toml`), so that no render silently replaces a report
/// or another's output.
///
/// A job's `output` names the file of the first format when `named` (`-o`), as given; every
/// other file is that path with its format's extension.
pub fn settle(
    jobs: Vec<Job>,
    formats: &[Format],
    named: bool,
    skipped: &mut Vec<Skipped>,
) -> Vec<Job> {
    let inputs: HashMap<PathBuf, &Path> = jobs
        .iter()
        .filter_map(|job| Some((std::fs::canonicalize(&job.input).ok()?, job.input.as_path())))
        .collect();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut settled = Vec::with_capacity(jobs.len());
    'jobs: for mut job in jobs.iter().cloned() {
        let mut files = Vec::with_capacity(formats.len());
        for (k, &format) in formats.iter().enumerate() {
            let output = if k == 0 && named {
                job.output.clone()
            } else {
                job.output.with_extension(format.extension())
            };
            let what = match format {
                Format::Pdf => "PDF",
                Format::Html => "HTML",
            };
            let refuse = |reason: String| Skipped {
                path: job.input.clone(),
                reason: format!("cannot write its {what} to {}: {reason}", output.display()),
                output: true,
            };
            let target = match &job.replace_links {
                Some(root) => crate::output::target_replacing_link(&output, root),
                None => crate::output::target(&output),
            };
            let target = match target {
                Ok(target) => target,
                Err(reason) => {
                    skipped.push(refuse(reason));
                    continue 'jobs;
                }
            };
            if let Some(input) = inputs.get(&target) {
                skipped.push(refuse(format!(
                    "that is the report {}, an input of this run: it would be replaced by its {what}",
                    input.display()
                )));
                continue 'jobs;
            }
            if let Some(first) = seen.get(&target) {
                skipped.push(Skipped {
                    path: job.input.clone(),
                    reason: format!(
                        "its {what} {} would replace that of {}",
                        output.display(),
                        first.display()
                    ),
                    output: false,
                });
                continue 'jobs;
            }
            files.push(OutputFile {
                format,
                output,
                target,
            });
        }
        for file in &files {
            seen.insert(file.target.clone(), job.input.clone());
        }
        if let Some(first) = files.first() {
            job.output = first.output.clone();
            job.target = first.target.clone();
        }
        job.files = files;
        settled.push(job);
    }
    settled
}
