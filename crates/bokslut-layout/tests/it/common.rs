//! Helpers of the integration tests of bokslut-layout.

use bokslut_core::{Format, ValidReport};

/// The example report's text.
pub const EXAMPLE: &str = include_str!("../../../../examples/delarsbokslut-2020-syd-it.toml");

/// `text` (TOML) checked: a valid report.
pub fn read(text: &str) -> ValidReport {
    bokslut_core::check_str(text, Format::Toml, "report.toml".as_ref())
        .report
        .expect("a valid report")
}
