//! `bokslut import`: a sheet's rows written as a report's rows (TOML or JSON, exact
//! decimals), for a report that keeps its figures in the report file.

use std::fmt::Write;
use std::path::Path;

use super::address::{column_index, column_letters, parse_range};
use super::extract::{Problem, extract};
use super::open::open_path;
use crate::diag::Severity;
use crate::model::MoneyRow;
use crate::model::{ColumnMap, SheetSource};
use crate::model::{Goal, Relation, Target, Value};

/// The syntax of the rows printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportFormat {
    /// `rows = [ { label = "…", budget = 1200 }, … ]`.
    #[default]
    Toml,
    /// `{ "rows": [ { "label": "…", "budget": 1200 }, … ] }`.
    Json,
}

/// How a sheet is imported.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// TOML or JSON.
    pub format: ImportFormat,
    /// Write every figure with this many decimals, rounded half away from zero (with a note
    /// per column where that changes a figure); the figures as the sheet holds them when
    /// absent.
    pub decimals: Option<u32>,
    /// The largest file read, in bytes.
    pub max_input_bytes: u64,
}

/// What an import gives: the rows as text, and notes (rounded figures); or the errors.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The rows, in the format asked for.
    pub text: String,
    /// Notes about the figures (each names the file, sheet and cell).
    pub notes: Vec<String>,
}

/// Why an import gave no rows: every error, each naming the file, the sheet and the cell
/// (one a line, as text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .messages.join("\n"))]
pub struct ImportError {
    /// The errors' messages, in the order found.
    pub messages: Vec<String>,
}

impl From<Vec<String>> for ImportError {
    fn from(messages: Vec<String>) -> Self {
        ImportError { messages }
    }
}

impl<'a> IntoIterator for &'a ImportError {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.messages.iter()
    }
}

/// Reads the rows of the sheet `source` names (its `file` is `path`) and writes them as a
/// report's rows. Without `columns`, every column of the range (or of the data) other than
/// the label and kind columns is imported, its id the column's letter in small letters.
/// Errors name the file, the sheet and the cell.
pub fn import(
    path: &Path,
    source: &SheetSource,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    import_rows(path, source, options).map_err(ImportError::from)
}

/// Reads the goals and indicators of the sheet `source` names (its `file` is `path`; its
/// `level` column says what each row is, by the names in `levels`) and writes them as a goal
/// table's `goals`: TOML tables to follow a `[[chapters.blocks]]` of type `goals`, or JSON.
/// Values are written as the sheet shows them (with notes where that rounds one).
pub fn import_goals(
    path: &Path,
    source: &SheetSource,
    levels: &[String],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    import_goal_rows(path, source, levels, options).map_err(ImportError::from)
}

/// [`import`], its errors as they are found.
fn import_rows(
    path: &Path,
    source: &SheetSource,
    options: &ImportOptions,
) -> Result<Imported, Vec<String>> {
    let (grid, place) =
        open_path(path, source, options.max_input_bytes).map_err(|p| vec![p.text()])?;
    let mut source = source.clone();
    if source.columns.0.is_empty() {
        let (first, last) = match source.range.as_deref().map(parse_range) {
            Some(Ok(r)) => (r.first_col, r.last_col),
            Some(Err(m)) => return Err(vec![m]),
            None => (0, grid.extent().map_or(0, |(_, c)| c)),
        };
        let taken: Vec<Option<u32>> = [Some(source.label.as_str()), source.kind.as_deref()]
            .into_iter()
            .map(|c| c.and_then(|c| column_index(c.trim())))
            .collect();
        source.columns = ColumnMap(
            (first..=last)
                .filter(|c| !taken.contains(&Some(*c)))
                .map(|c| (column_letters(c).to_lowercase(), column_letters(c)))
                .collect(),
        );
    }
    let decimals = |_: &str| options.decimals;
    let (rows, problems) = extract(&grid, &source, &place, &decimals);
    let (notes, errors): (Vec<Problem>, Vec<Problem>) = problems
        .into_iter()
        .partition(|p| p.severity != Severity::Error);
    if !errors.is_empty() {
        return Err(errors.iter().map(Problem::text).collect());
    }
    let mut rows: Vec<MoneyRow> = rows.into_iter().map(|r| r.row).collect();
    // With `decimals`, every figure is written as printed: 110.0 in a one-decimal column.
    if let Some(d) = options.decimals {
        for row in &mut rows {
            for (_, value) in &mut row.figures.0 {
                *value = crate::compute::as_printed(*value, d);
            }
        }
    }
    let text = match options.format {
        ImportFormat::Toml => toml_rows(&rows),
        ImportFormat::Json => json_rows(&rows),
    };
    Ok(Imported {
        text,
        notes: notes.iter().map(Problem::text).collect(),
    })
}

/// [`import_goals`], its errors as they are found.
fn import_goal_rows(
    path: &Path,
    source: &SheetSource,
    levels: &[String],
    options: &ImportOptions,
) -> Result<Imported, Vec<String>> {
    if source.columns.0.is_empty() {
        return Err(vec![
            "name the sheet's columns: e.g. current=E,target=F,status=G (and earlier outcomes, 2023=D)".into(),
        ]);
    }
    if levels.is_empty() {
        return Err(vec![
            "name the goal levels, outermost first, as the level column writes them: e.g. Inriktningsmål,Nämndmål".into(),
        ]);
    }
    let (grid, place) =
        open_path(path, source, options.max_input_bytes).map_err(|p| vec![p.text()])?;
    let ids: Vec<String> = source.columns.0.iter().map(|(id, _)| id.clone()).collect();
    let (goals, _, problems) = super::goals::extract(&grid, source, &place, levels, &ids);
    let (notes, errors): (Vec<Problem>, Vec<Problem>) = problems
        .into_iter()
        .partition(|p| p.severity != Severity::Error);
    if !errors.is_empty() {
        return Err(errors.iter().map(Problem::text).collect());
    }
    #[derive(serde::Serialize)]
    struct Goals<'a> {
        goals: &'a [Goal],
    }
    let text = match options.format {
        ImportFormat::Toml => {
            let mut out = String::new();
            for goal in &goals {
                toml_goal(&mut out, goal, "chapters.blocks.goals");
            }
            out
        }
        ImportFormat::Json => {
            serde_json::to_string_pretty(&Goals { goals: &goals })
                .map_err(|e| vec![e.to_string()])?
                + "\n"
        }
    };
    Ok(Imported {
        text,
        notes: notes.iter().map(Problem::text).collect(),
    })
}

/// A goal as TOML tables under `header` (`chapters.blocks.goals`), its indicators' values as
/// inline tables with their exact digits, then its sub-goals.
fn toml_goal(out: &mut String, goal: &Goal, header: &str) {
    let _ = writeln!(out, "[[{header}]]\nname = {}", toml_string(&goal.name));
    if let Some(status) = goal.status {
        let _ = writeln!(out, "status = \"{}\"", status.as_str());
    }
    if let Some(comment) = &goal.comment {
        let _ = writeln!(out, "comment = {}", toml_string(comment));
    }
    out.push('\n');
    for indicator in &goal.indicators {
        let _ = writeln!(
            out,
            "[[{header}.indicators]]\nname = {}",
            toml_string(&indicator.name)
        );
        if !indicator.earlier.is_empty() {
            let earlier: Vec<String> = indicator
                .earlier
                .iter()
                .map(|(id, v)| format!("{} = {}", toml_key(id), toml_value(v, None)))
                .collect();
            let _ = writeln!(out, "earlier = {{ {} }}", earlier.join(", "));
        }
        for (key, value) in [
            ("current", &indicator.current),
            ("forecast", &indicator.forecast),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{key} = {}", toml_value(v, None));
            }
        }
        if let Some(t) = &indicator.target {
            let _ = writeln!(out, "target = {}", toml_target(t));
        }
        if let Some(status) = indicator.status {
            let _ = writeln!(out, "status = \"{}\"", status.as_str());
        }
        if let Some(comment) = &indicator.comment {
            let _ = writeln!(out, "comment = {}", toml_string(comment));
        }
        out.push('\n');
    }
    for sub in &goal.goals {
        toml_goal(out, sub, &format!("{header}.goals"));
    }
}

/// A target as an inline table: `{ relation = "at_least", percent = 85 }`, `{ relation =
/// "increase" }`.
fn toml_target(target: &Target) -> String {
    match &target.value {
        Some(value) => toml_value(value, Some(target.relation)),
        None => format!("{{ relation = \"{}\" }}", relation_word(target.relation)),
    }
}

/// The word of the input format for a relation.
fn relation_word(relation: Relation) -> &'static str {
    match relation {
        Relation::AtMost => "at_most",
        Relation::AtLeast => "at_least",
        Relation::IncreaseFrom => "increase_from",
        Relation::DecreaseFrom => "decrease_from",
        Relation::Below => "below",
        Relation::Above => "above",
        Relation::Increase => "increase",
        Relation::Decrease => "decrease",
        Relation::Level => "level",
    }
}

/// A value as an inline table: `{ relation = "at_least", percent = 85 }`.
fn toml_value(value: &Value, relation: Option<Relation>) -> String {
    let mut parts = Vec::new();
    if let Some(relation) = relation.filter(|r| *r != Relation::Level) {
        parts.push(format!("relation = \"{}\"", relation_word(relation)));
    }
    parts.push(match value {
        Value::Percent(v) => format!("percent = {v}"),
        Value::Count { value, unit } => match unit {
            Some(unit) => format!("count = {value}, unit = {}", toml_string(unit)),
            None => format!("count = {value}"),
        },
        Value::Amount(v) => format!("amount = {v}"),
        Value::Number(v) => format!("number = {v}"),
        Value::YesNo(b) => format!("yes_no = {b}"),
        Value::Text(t) => format!("text = {}", toml_string(t)),
    });
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML key: bare when it can be.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    // A JSON string is a TOML basic string, but for the escapes TOML lacks (none that
    // serde_json writes: it writes \", \\, \n, \t, \r, \b, \f and \uXXXX).
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

fn toml_rows(rows: &[MoneyRow]) -> String {
    let mut out = String::from("rows = [\n");
    for row in rows {
        let _ = write!(out, "  {{ {} = {}", row.kind.key(), toml_string(&row.label));
        for (id, value) in &row.figures.0 {
            let _ = write!(out, ", {} = {value}", toml_key(id));
        }
        out.push_str(" },\n");
    }
    out.push_str("]\n");
    out
}

fn json_rows(rows: &[MoneyRow]) -> String {
    let mut out = String::from("{\n  \"rows\": [");
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let _ = write!(
            out,
            "    {{\"{}\": {}",
            row.kind.key(),
            toml_string(&row.label)
        );
        for (id, value) in &row.figures.0 {
            let _ = write!(out, ", {}: {value}", toml_string(id));
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}\n");
    out
}
