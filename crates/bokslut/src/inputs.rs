//! Which files a command works on, and where each one's PDF goes.
//!
//! Inputs are files and directories; a directory stands for every report file (`.toml`,
//! `.json`) under it, recursively, in name order, hidden entries skipped. Each PDF goes next
//! to its input, or, with `--out-dir`, to the same relative place under that directory (a file
//! named directly goes to the top of it). Symbolic links are followed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One report to work on.
#[derive(Debug, Clone)]
pub struct Job {
    /// The report file.
    pub input: PathBuf,
    /// Where its PDF goes.
    pub output: PathBuf,
}

/// An input that yields no job: a directory that cannot be read, or holds no report.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The file or directory.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

/// Whether a file is a report by its extension.
fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("json"))
}

/// The report files named by `inputs`, each with the PDF path next to it or under `out_dir`.
/// Two reports that would write the same PDF (`a.toml` and `a.json`) are an error for the
/// second, so that no render silently replaces another's output.
pub fn expand(inputs: &[PathBuf], out_dir: Option<&Path>) -> (Vec<Job>, Vec<Skipped>) {
    let mut jobs = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            // A file (or a missing path: reading it will say so, naming it).
            let output = pdf_path(input, input.file_name().map(Path::new), out_dir);
            jobs.push(Job {
                input: input.clone(),
                output,
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
                    skipped.push(Skipped {
                        path: e.path().unwrap_or(input).to_path_buf(),
                        reason: format!("cannot read: {e}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_report(entry.path()) {
                continue;
            }
            let path = entry.path().to_path_buf();
            let output = pdf_path(&path, path.strip_prefix(input).ok(), out_dir);
            jobs.push(Job {
                input: path,
                output,
            });
        }
        if jobs.len() == before {
            skipped.push(Skipped {
                path: input.clone(),
                reason: "no report file (.toml, .json) in this directory".to_owned(),
            });
        }
    }
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    jobs.retain(|job| {
        let key = normalise(&job.output);
        match seen.get(&key) {
            Some(first) => {
                skipped.push(Skipped {
                    path: job.input.clone(),
                    reason: format!(
                        "its PDF {} would replace that of {}",
                        job.output.display(),
                        first.display()
                    ),
                });
                false
            }
            None => {
                seen.insert(key, job.input.clone());
                true
            }
        }
    });
    (jobs, skipped)
}

/// The PDF of `input`: beside it, or at `relative` (else the input's path) under `out_dir`.
fn pdf_path(input: &Path, relative: Option<&Path>, out_dir: Option<&Path>) -> PathBuf {
    match out_dir {
        Some(dir) => dir.join(relative.unwrap_or(input)),
        None => input.to_path_buf(),
    }
    .with_extension("pdf")
}

/// A path without `.` components, for comparing outputs (`./a.pdf` is `a.pdf`).
fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}
