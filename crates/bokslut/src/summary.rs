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
    /// The PDF was written.
    Written {
        /// Its number of pages.
        pages: usize,
    },
    /// The input is invalid or the render failed: why.
    Invalid(String),
    /// The PDF could not be written: why.
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
    let written: Vec<usize> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Written { pages } => Some(*pages),
            _ => None,
        })
        .collect();
    let failed = outcomes.len() - written.len() + skipped.len();
    eprintln!(
        "\n{} rendered ({} pages), {failed} failed, in {:.1} s",
        written.len(),
        written.iter().sum::<usize>(),
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
