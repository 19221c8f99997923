//! The panic guard: a panic while rendering one report (a bug in bokslut or Typst, never the
//! report's fault) becomes a failure of that report, so that the other reports of a batch go
//! on.

use std::path::Path;

use crate::summary::Outcome;

/// Runs `render` for the report `input`, a panic turned into [`Outcome::Invalid`] with the
/// panic's message, printed at once.
pub fn guarded(input: &Path, render: impl FnOnce() -> Outcome) -> Outcome {
    let run = std::panic::AssertUnwindSafe(render);
    match std::panic::catch_unwind(run) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let reason = format!("internal error (a bug, please report it): {what}");
            eprintln!("error: {}: {reason}", input.display());
            Outcome::Invalid(reason)
        }
    }
}
