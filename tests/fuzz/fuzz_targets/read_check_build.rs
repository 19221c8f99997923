//! Arbitrary bytes through the TOML and JSON readers, the validation, the sums and the
//! document building of the layout: none of them may panic, whatever the input.
#![no_main]

use std::path::Path;

use bokslut_core::{CheckOptions, Format, check_str_with};
use bokslut_layout::{document, labels::Labels};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if selector % 2 == 0 {
        Format::Toml
    } else {
        Format::Json
    };
    let options = CheckOptions {
        figures_in_text: true,
        ..CheckOptions::default()
    };
    let checked = check_str_with(text, format, Path::new("fuzz"), options);
    for d in &checked.diagnostics {
        let _ = d.to_string();
    }
    if let Some(report) = checked.report {
        let lang = if selector % 4 < 2 { "sv" } else { "en" };
        let _ = document::build(&report, &Labels::builtin(lang));
    }
});
