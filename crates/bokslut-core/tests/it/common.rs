//! Helpers of the integration tests of bokslut-core.

use std::path::{Path, PathBuf};

use bokslut_core::{Checked, Severity};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The messages of `checked`'s diagnostics of `severity`, as printed.
pub fn messages(checked: &Checked, severity: Severity) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(ToString::to_string)
        .collect()
}
