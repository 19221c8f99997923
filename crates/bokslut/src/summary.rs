//! How a run ends: each report's outcome, the closing summary of a batch, and the exit
//! code: `0` success, `1` invalid input or a failed render, `2` a usage error (clap's),
//! `3` an output that could not be written.

use std::process::ExitCode;
use std::time::Instant;

use crate::inputs::{Job, Skipped};

/// Exit code: the input is invalid, or a render failed.
pub const EXIT_INVALID: u8 = 1;
/// Exit code: the output could not be written.
pub const EXIT_IO: u8 = 3;

/// How one report ended.
pub enum Outcome {
    /// Its files were written.
    Written {
        /// The PDF's number of pages, when a PDF was written.
        pages: Option<usize>,
        /// The HTML file's size in bytes, when one was written.
        html_bytes: Option<usize>,
    },
    /// The input is invalid or the render failed: why.
    Invalid(String),
    /// A file could not be written: why.
    Unwritable(String),
}

impl Outcome {
    /// The exit code of a run of this one report.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Outcome::Written { .. } => ExitCode::SUCCESS,
            Outcome::Invalid(_) => ExitCode::from(EXIT_INVALID),
            Outcome::Unwritable(_) => ExitCode::from(EXIT_IO),
        }
    }
}

/// The closing summary of a batch: counts, time, and every failure with its reason.
pub fn summarise(
    jobs: &[Job],
    outcomes: &[Outcome],
    skipped: &[Skipped],
    started: Instant,
) -> ExitCode {
    let written: Vec<(Option<usize>, Option<usize>)> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Written { pages, html_bytes } => Some((*pages, *html_bytes)),
            _ => None,
        })
        .collect();
    let failed = outcomes.len() - written.len() + skipped.len();
    eprintln!(
        "\n{} rendered{}, {failed} failed, in {:.1} s",
        written.len(),
        what_was_written(&written),
        started.elapsed().as_secs_f64()
    );
    for skip in skipped {
        eprintln!("  failed: {}: {}", skip.path.display(), skip.reason);
    }
    let mut code = if skipped.iter().any(|s| s.output) {
        ExitCode::from(EXIT_IO)
    } else {
        ExitCode::SUCCESS
    };
    let mut invalid = skipped.iter().any(|s| !s.output);
    for (job, outcome) in jobs.iter().zip(outcomes) {
        match outcome {
            Outcome::Written { .. } => {}
            Outcome::Invalid(reason) => {
                invalid = true;
                eprintln!("  failed: {}: {reason}", job.input.display());
            }
            Outcome::Unwritable(reason) => {
                code = ExitCode::from(EXIT_IO);
                eprintln!("  failed: {}: {reason}", job.input.display());
            }
        }
    }
    if invalid {
        ExitCode::from(EXIT_INVALID)
    } else {
        code
    }
}

/// What the reports of a batch wrote, for its summary: ` (1386 pages)` for PDFs,
/// ` (198 HTML files, 4.8 MB)` for the web edition, both for both; nothing when nothing was
/// written.
fn what_was_written(written: &[(Option<usize>, Option<usize>)]) -> String {
    let mut parts = Vec::new();
    let pdfs: Vec<usize> = written.iter().filter_map(|w| w.0).collect();
    if !pdfs.is_empty() {
        parts.push(format!("{} pages", pdfs.iter().sum::<usize>()));
    }
    let htmls: Vec<usize> = written.iter().filter_map(|w| w.1).collect();
    if !htmls.is_empty() {
        let files = if htmls.len() == 1 { "file" } else { "files" };
        parts.push(format!(
            "{} HTML {files}, {}",
            htmls.len(),
            size(htmls.iter().sum())
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// A size in bytes in words: `812 B`, `24 kB`, `4.8 MB` (decimal units).
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..999_500 => format!("{} kB", (bytes + 500) / 1_000),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_words() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(1_000), "1 kB");
        assert_eq!(size(24_499), "24 kB");
        assert_eq!(size(24_500), "25 kB");
        assert_eq!(size(999_499), "999 kB");
        assert_eq!(size(999_500), "1.0 MB");
        assert_eq!(size(4_830_000), "4.8 MB");
    }

    #[test]
    fn a_batch_that_wrote_nothing_says_nothing_of_pages() {
        assert_eq!(what_was_written(&[]), "");
        assert_eq!(what_was_written(&[(Some(7), None)]), " (7 pages)");
        assert_eq!(
            what_was_written(&[(None, Some(24_000))]),
            " (1 HTML file, 24 kB)"
        );
    }
}
