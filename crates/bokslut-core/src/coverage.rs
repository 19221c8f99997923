//! Characters that cannot be printed: every text of a report checked against a predicate
//! that says which characters the renderer's fonts have.
//!
//! This crate knows nothing of fonts: the layout crate gives the predicate
//! (`bokslut_layout::covers`, passed in [`crate::CheckOptions::coverage`]). The check walks the report as
//! it is serialized (the shape of the input file), so every text field, present and future,
//! is covered, and each finding names the field's place and the character.

use std::collections::HashSet;

use serde_json::Value;

use crate::chars::{advice, describe, forbidden_in_pdf};
use crate::diag::Severity;
use crate::location::{Finding, Path, Seg};
use crate::model::Report;

/// How many further characters of one text a finding lists by name.
const LISTED: usize = 5;

/// One error for each text of the report that holds characters `coverage` does not cover,
/// pointing at the first of them and naming up to `LISTED` (5) more.
pub fn check(report: &Report, coverage: fn(char) -> bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    // The report always serializes (its maps have string keys); were it not to, nothing
    // could be checked, and the render would still refuse the character, without a place.
    if let Ok(value) = serde_json::to_value(report) {
        walk(&value, &mut Path::default(), coverage, &mut findings);
    }
    findings
}

fn walk(value: &Value, path: &mut Path, coverage: fn(char) -> bool, findings: &mut Vec<Finding>) {
    match value {
        Value::String(text) => {
            if let Some(finding) = text_finding(text, path, coverage) {
                findings.push(finding);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.0.push(Seg::Index(i));
                walk(item, path, coverage, findings);
                path.0.pop();
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                path.0.push(Seg::Key(key.clone().into()));
                walk(field, path, coverage, findings);
                path.0.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn text_finding(text: &str, path: &Path, coverage: fn(char) -> bool) -> Option<Finding> {
    // The characters not covered, each once, in the order they first appear; those no PDF/A
    // file may hold are [`crate::limits`]' to report, whatever the fonts.
    let mut seen = HashSet::new();
    let missing: Vec<char> = text
        .chars()
        .filter(|&c| !coverage(c) && !forbidden_in_pdf(c) && seen.insert(c))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let first = missing[0];
    let mut message = format!("{} is in no bundled font", describe(first));
    let others = &missing[1..];
    if !others.is_empty() {
        let named: Vec<String> = others.iter().take(LISTED).map(|&c| describe(c)).collect();
        let more = others.len().saturating_sub(LISTED);
        message.push_str(&format!(
            ", nor {} of this text: {}{}",
            if others.len() == 1 {
                "is 1 other character".to_owned()
            } else {
                format!("are {} other characters", others.len())
            },
            named.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    message.push_str(&advice(first));
    Some(Finding {
        hints: Vec::new(),
        severity: Severity::Error,
        path: path.clone(),
        message,
        needle: Some(first.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(c: char) -> bool {
        c.is_ascii() && !c.is_ascii_control() || c == '\n'
    }

    #[test]
    fn one_finding_per_text_names_the_first_character_and_the_others() {
        let finding = text_finding("ok ب x ج ب", &Path::default(), ascii).unwrap();
        assert_eq!(finding.needle.as_deref(), Some("ب"));
        assert!(
            finding.message.starts_with(
                "the character \"ب\" (U+0628) is in no bundled font, nor is 1 other character \
                 of this text: the character \"ج\" (U+062C);"
            ),
            "{}",
            finding.message
        );
        assert!(text_finding("all fine\n", &Path::default(), ascii).is_none());
    }

    #[test]
    fn word_bullets_and_control_characters_are_named_by_code_point() {
        // A Word bullet is one of the characters no PDF/A file may hold: `limits` names it
        // (with this module's advice), not this check, so that it is reported once.
        assert!(text_finding("\u{f0b7} a", &Path::default(), ascii).is_none());
        let finding = text_finding("a\u{7}", &Path::default(), ascii).unwrap();
        assert!(
            finding
                .message
                .starts_with("the control character U+0007 is in no bundled font; remove it"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn many_characters_are_counted_past_the_named_ones() {
        let text: String = ('\u{4e00}'..'\u{4e10}').collect();
        let finding = text_finding(&text, &Path::default(), ascii).unwrap();
        assert!(
            finding
                .message
                .contains("nor are 15 other characters of this text")
                && finding.message.contains(" and 10 more;"),
            "{}",
            finding.message
        );
    }
}
