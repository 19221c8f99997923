//! JSON text into the model: numbers read exactly (serde_json's `arbitrary_precision`), a
//! byte-order mark blanked out, serde_json's line and column turned into an offset.

use std::path::Path;

use super::{check_version, error};
use crate::diag::Diagnostic;
use crate::model::Report;

pub(super) fn read_json(text: &str, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    let text = &*unmarked(text);
    let report = serde_json::from_str::<Report>(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        let offset = (e.line() > 0).then(|| offset_of(text, e.line(), e.column()));
        vec![error(origin, text, offset, message)]
    })?;
    check_version(&report, text, origin)?;
    Ok(report)
}

/// JSON text without its byte-order mark (as Windows tools write one), which is no part of
/// the JSON: blanked out, not removed, so that every position stays where it is in the file.
pub(super) fn unmarked(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => format!("{:1$}{rest}", "", '\u{FEFF}'.len_utf8()).into(),
        None => text.into(),
    }
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}
