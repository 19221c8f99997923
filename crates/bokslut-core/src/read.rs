//! Reading a report file (TOML or JSON) into the [`Report`] model.
//!
//! Errors name the file, the line and the column, and say what was expected. Numbers stay
//! exact: a TOML float such as `6.06` is handed to the model as its source text, never as an
//! `f64`; TOML dates are handed over as `YYYY-MM-DD` text, so that TOML and JSON files of the
//! same shape read the same.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::model::{FORMAT_VERSION, Report};

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

/// A report that could not be read: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file (or the name given for in-memory text).
    pub origin: PathBuf,
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    /// What went wrong and what was expected.
    pub message: String,
    /// The offending source line, when known.
    pub source_line: Option<String>,
}

impl ReadError {
    fn new(origin: &Path, source: &str, span: Option<Range<usize>>, message: String) -> Self {
        let position = span.map(|s| line_col(source, s.start));
        let source_line =
            position.and_then(|(line, _)| source.lines().nth(line - 1).map(str::to_owned));
        ReadError {
            origin: origin.to_owned(),
            position,
            message,
            source_line,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some(text), Some((line, col))) = (&self.source_line, self.position) {
            let gutter = line.to_string().len();
            let marker_pad: String = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {marker_pad}^",
                "", ""
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Reads a report file; the format comes from the extension (`.toml` or `.json`).
pub fn read_file(path: &Path) -> Result<Report, ReadError> {
    let fail = |message: String| ReadError {
        origin: path.to_owned(),
        position: None,
        message,
        source_line: None,
    };
    let format = Format::from_path(path)
        .ok_or_else(|| fail("unknown file type: expected a .toml or .json report file".into()))?;
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        ReadError::new(
            path,
            &text,
            Some(offset..offset),
            "the file is not valid UTF-8 text".into(),
        )
    })?;
    read_str(&text, format, path)
}

/// Reads a report from text. `origin` names it in errors.
pub fn read_str(text: &str, format: Format, origin: &Path) -> Result<Report, ReadError> {
    let report = match format {
        Format::Toml => read_toml(text, origin)?,
        Format::Json => serde_json::from_str::<Report>(text).map_err(|e| {
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            let offset = offset_of(text, e.line(), e.column());
            ReadError::new(
                origin,
                text,
                (e.line() > 0).then_some(offset..offset),
                message,
            )
        })?,
    };
    if report.format_version == 0 || report.format_version > FORMAT_VERSION {
        let needle = "format_version";
        let span = text.find(needle).map(|i| i..i);
        return Err(ReadError::new(
            origin,
            text,
            span,
            format!(
                "unsupported format_version {}: this build of bokslut reads versions 1 to {FORMAT_VERSION}",
                report.format_version
            ),
        ));
    }
    Ok(report)
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

fn read_toml(text: &str, origin: &Path) -> Result<Report, ReadError> {
    let mut table = DeTable::parse(text)
        .map_err(|e| ReadError::new(origin, text, e.span(), e.message().to_owned()))?;
    exact_table(table.get_mut());
    Report::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| ReadError::new(origin, text, e.span(), e.message().to_owned()))
}

/// Replaces floats by their source text and dates by `YYYY-MM-DD` text, in place.
fn exact_table(table: &mut DeTable<'_>) {
    for (_, value) in table.iter_mut() {
        exact_value(value.get_mut());
    }
}

fn exact_value(value: &mut DeValue<'_>) {
    match value {
        DeValue::Float(f) => *value = DeValue::String(f.as_str().to_owned().into()),
        DeValue::Datetime(d) => *value = DeValue::String(d.to_string().into()),
        DeValue::Array(items) => items.iter_mut().for_each(|v| exact_value(v.get_mut())),
        DeValue::Table(t) => exact_table(t),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<Report, ReadError> {
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
            crate::Value::Number("71.130".parse().unwrap())
        );
        assert_eq!(report.meta.period.end.to_string(), "2020-07-31");
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = format!("{HEAD}[[chapters]]\ntitel = \"A\"\n");
        let err = toml(&text).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(8), "{err}");
        assert!(err.message.contains("titel"), "{err}");
    }

    #[test]
    fn json_fraction_is_refused_with_a_hint() {
        let text = r#"{"format_version": 1, "meta": {"organisation": "K", "board": "N", "kind": "interim",
            "period": {"start": "2020-01-01", "end": "2020-07-31"}},
            "chapters": [{"title": "A", "blocks": [{"type": "finance", "rows": [
              {"label": "x", "budget": 1.5, "outcome": 1, "forecast": 1}]}]}]}"#;
        let err = read_str(text, Format::Json, Path::new("t.json")).unwrap_err();
        assert!(err.message.contains("\"1.5\""), "{err}");
        assert_eq!(err.position.map(|p| p.0), Some(4), "{err}");
    }

    #[test]
    fn unsupported_version() {
        let err = toml(&HEAD.replace("format_version = 1", "format_version = 9")).unwrap_err();
        assert!(
            err.message.contains("unsupported format_version 9"),
            "{err}"
        );
    }
}
