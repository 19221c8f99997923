//! Reading a report file (TOML or JSON) into the [`Report`] model, and locating every
//! problem in it.
//!
//! Errors name the file, the line and the column, and say what was expected. Numbers stay
//! exact: a TOML float such as `6.06` is handed to the model as its source text, never as an
//! `f64`; TOML dates are handed over as `YYYY-MM-DD` text, so that TOML and JSON files of the
//! same shape read the same. Several unknown fields in one TOML file are all reported in one
//! run; other type errors stop reading at the first one, as serde does.
//!
//! The steps, a module each: `from_toml` and `from_json` read the text into the model (with
//! recovery, and positions, where the syntax allows), `check` runs every check of a report
//! read and turns its findings into located diagnostics, `locate` finds the place of a
//! finding's path in the text.

mod check;
mod from_json;
mod from_toml;
mod locate;

use std::path::Path;

use crate::diag::{Diagnostic, Severity, suggest};
use crate::model::{FORMAT_VERSION, Report};

pub use check::{
    CheckOptions, Checked, MAX_FINDINGS, check_file, check_file_with, check_str, check_str_in,
    check_str_with, omitted,
};

/// The syntax of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
}

impl Format {
    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Reads a report file; the format comes from the extension (`.toml` or `.json`). Only
/// reading: see [`check_file`] for the semantic checks too.
pub fn read_file(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let (text, format) = load(path, crate::input::DEFAULT_MAX_INPUT_BYTES)?;
    read_str(&text, format, path)
}

/// Reads a report from text. `origin` names it in errors.
pub fn read_str(text: &str, format: Format, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    match format {
        Format::Toml => from_toml::read_toml(text, origin),
        Format::Json => from_json::read_json(text, origin),
    }
}

fn load(path: &Path, max_bytes: u64) -> Result<(String, Format), Vec<Diagnostic>> {
    let fail = |message: String| vec![Diagnostic::at(Severity::Error, path, "", None, message)];
    let format = Format::from_path(path)
        .ok_or_else(|| fail("unknown file type: expected a .toml or .json report file".into()))?;
    let bytes = crate::input::read_bounded(path, max_bytes).map_err(|e| fail(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        vec![Diagnostic::at(
            Severity::Error,
            path,
            &text,
            Some(offset),
            "the file is not valid UTF-8 text: save it as UTF-8".into(),
        )]
    })?;
    Ok((text, format))
}

fn error(origin: &Path, text: &str, offset: Option<usize>, message: &str) -> Diagnostic {
    let message = plain(message);
    let hint = suggest(&message);
    Diagnostic::at(Severity::Error, origin, text, offset, message).with_hint(hint)
}

/// Serde's message for an array where a struct belongs ("invalid length 0, expected struct
/// Meta with 7 elements") speaks of Rust; say what the file should hold instead.
fn plain(message: &str) -> String {
    if message.starts_with("invalid length ")
        && let Some((_, rest)) = message.split_once(", expected struct ")
        && let Some((name, _)) = rest.split_once(" with ")
    {
        return format!(
            "expected a table of named fields (an object in JSON) for `{}`, found an array",
            name.to_lowercase()
        );
    }
    message.to_owned()
}

fn check_version(report: &Report, text: &str, origin: &Path) -> Result<(), Vec<Diagnostic>> {
    if report.format_version == 0 || report.format_version > FORMAT_VERSION {
        let offset = text.find("format_version");
        return Err(vec![error(
            origin,
            text,
            offset,
            &format!(
                "unsupported format_version {}: this build of bokslut reads versions 1 to {FORMAT_VERSION}",
                report.format_version
            ),
        )]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<Report, Vec<Diagnostic>> {
        read_str(text, Format::Toml, Path::new("t.toml"))
    }

    const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"interim\"\nperiod = { start = 2020-01-01, end = 2020-07-31 }\n";

    #[test]
    fn toml_floats_stay_exact() {
        let text = format!(
            "{HEAD}[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"goals\"\n[[chapters.blocks.council_goals]]\nname = \"G\"\n[[chapters.blocks.council_goals.board_goals]]\nname = \"B\"\n[[chapters.blocks.council_goals.board_goals.indicators]]\nname = \"I\"\ncurrent = {{ percent = 6.06 }}\ntarget = {{ relation = \"increase_from\", number = 71.130 }}\n"
        );
        let report = toml(&text).unwrap();
        let crate::Block::Goals(g) = &report.chapters[0].blocks[0] else {
            panic!()
        };
        let ind = &g.council_goals[0].board_goals[0].indicators[0];
        assert_eq!(
            ind.current,
            Some(crate::Value::Percent("6.06".parse().unwrap()))
        );
        let target = ind.target.as_ref().unwrap();
        assert_eq!(target.relation, crate::Relation::IncreaseFrom);
        assert_eq!(
            target.value,
            Some(crate::Value::Number("71.130".parse().unwrap()))
        );
        assert_eq!(report.meta.period.end.to_string(), "2020-07-31");
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = format!("{HEAD}[[chapters]]\ntitel = \"A\"\n");
        let err = &toml(&text).unwrap_err()[0];
        assert_eq!(err.position.map(|p| p.0), Some(8), "{err}");
        assert!(err.message.contains("titel"), "{err}");
        assert_eq!(err.hints, ["did you mean `title`?"], "{err}");
    }

    fn json_row(row: &str) -> String {
        format!(
            r#"{{"format_version": 1, "meta": {{"organisation": "K", "board": "N", "kind": "interim",
            "period": {{"start": "2020-01-01", "end": "2020-07-31"}}}},
            "chapters": [{{"title": "A", "blocks": [{{"type": "finance", "decimals": 2, "rows": [
              {row}]}}]}}]}}"#
        )
    }

    #[test]
    fn json_numbers_are_read_exactly() {
        // Ordinary JSON numbers, as any program writes them: decimals, and integers past 2^64.
        let text = json_row(
            r#"{"label": "x", "budget": 71.13, "outcome": 18446744073709551616, "forecast": -0.10}"#,
        );
        let report = read_str(&text, Format::Json, Path::new("t.json")).unwrap();
        let crate::Block::Finance(t) = &report.chapters[0].blocks[0] else {
            panic!()
        };
        let f = &t.rows[0].figures;
        assert_eq!(f.get("budget").unwrap().to_string(), "71.13");
        assert_eq!(
            f.get("outcome").unwrap().to_string(),
            "18446744073709551616"
        );
        assert_eq!(f.get("forecast").unwrap().to_string(), "-0.10");
        assert_eq!(t.decimals, Some(2));
    }

    #[test]
    fn json_exponents_are_refused_where_they_stand() {
        let text = json_row(r#"{"label": "x", "budget": 1e3}"#);
        let err = &read_str(&text, Format::Json, Path::new("t.json")).unwrap_err()[0];
        assert!(err.message.contains("is not a plain decimal"), "{err}");
        assert_eq!(err.position.map(|p| p.0), Some(4), "{err}");
    }

    #[test]
    fn a_json_file_may_start_with_a_byte_order_mark() {
        let text = format!("\u{FEFF}{}", json_row(r#"{"label": "x", "budget": 1}"#));
        assert!(read_str(&text, Format::Json, Path::new("t.json")).is_ok());
    }

    #[test]
    fn several_unknown_fields_in_one_run() {
        let text = format!(
            "{HEAD}[[chapters]]\ntitel = \"A\"\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"x\"\ntxet = 1\n"
        );
        let errs = toml(&text).unwrap_err();
        // Both typos, then what the first one leaves missing.
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].position, Some((8, 1)));
        assert_eq!(errs[1].position, Some((12, 1)));
        assert_eq!(errs[2].message, "missing field `title`");
    }

    #[test]
    fn semantic_errors_are_located() {
        let text = format!("{HEAD}[[chapters]]\ntitle = \"   \"\n");
        let checked = check_str(&text, Format::Toml, Path::new("t.toml"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        assert_eq!(checked.diagnostics[0].position, Some((8, 1)));
        assert_eq!(
            checked.diagnostics[0].path.as_deref(),
            Some("chapters[0].title")
        );
    }

    #[test]
    fn semantic_errors_in_json_are_located() {
        let text = "{\"format_version\": 1,\n \"meta\": {\"organisation\": \"K\", \"board\": \"N\", \"kind\": \"interim\",\n  \"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-07-31\"}},\n \"chapters\": [{\"title\": \" \"}]}";
        let checked = check_str(text, Format::Json, Path::new("t.json"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        assert_eq!(checked.diagnostics[0].position, Some((4, 16)));
    }

    #[test]
    fn json_findings_follow_array_indexes() {
        // Two chapters with a table each: the duplicate row label is in the second one's
        // table, its third row on line 10, and the first chapter's rows (and a string holding brackets and
        // an escaped quote) must be stepped over, not searched.
        let text = "{\"format_version\": 1,\n \"meta\": {\"organisation\": \"K\", \"board\": \"N\", \"kind\": \"interim\",\n  \"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-07-31\"}},\n \"chapters\": [\n  {\"title\": \"A [x] \\\"y\\\" {z}\", \"blocks\": [{\"type\": \"finance\", \"rows\": [\n   {\"label\": \"L\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1}]}]},\n  {\"title\": \"B\", \"blocks\": [{\"type\": \"finance\", \"rows\": [\n   {\"label\": \"L\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1},\n   {\"label\": \"M\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1},\n   {\"label\": \"M\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1}]}]}]}";
        let checked = check_str(text, Format::Json, Path::new("t.json"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        let d = &checked.diagnostics[0];
        assert!(d.message.contains("\"M\""), "{d}");
        assert_eq!(d.position, Some((10, 5)), "{d}");
    }

    #[test]
    fn unsupported_version() {
        let err = &toml(&HEAD.replace("format_version = 1", "format_version = 9")).unwrap_err()[0];
        assert!(
            err.message.contains("unsupported format_version 9"),
            "{err}"
        );
    }
}
