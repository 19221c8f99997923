//! A sheet's cells made into a table's rows, as the report's `sheet` says: which rows, which
//! column gives the labels, which the kinds, which feeds each table column. Every problem
//! names the file, the sheet and the cell, and which key of the `sheet` asked for it.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use super::address::{CellRange, cell_name, column_index, column_letters, parse_range};
use super::grid::{CellValue, Grid};
use super::number::{exact_float, parse_number};
use crate::diag::Severity;
use crate::location::Path as DataPath;
use crate::model::SheetSource;
use crate::model::{MoneyRow, RowKind};

/// The key of the report's `sheet` that a problem comes from (where it is pointed at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The `sheet` table itself.
    Source,
    /// `file`.
    File,
    /// `sheet`.
    Sheet,
    /// `range`.
    Range,
    /// `header_row`.
    HeaderRow,
    /// `label`.
    Label,
    /// `kind`.
    Kind,
    /// `level`.
    Level,
    /// `unit`.
    Unit,
    /// `comment`.
    Comment,
    /// `separator`.
    Separator,
    /// The entry of `columns` for this table column id.
    Column(String),
}

impl Key {
    /// Where this key is in the report's data, given where the `sheet` is.
    pub(crate) fn at(&self, sheet: &DataPath) -> DataPath {
        match self {
            Key::Source => sheet.clone(),
            Key::File => sheet.key("file"),
            Key::Sheet => sheet.key("sheet"),
            Key::Range => sheet.key("range"),
            Key::HeaderRow => sheet.key("header_row"),
            Key::Label => sheet.key("label"),
            Key::Kind => sheet.key("kind"),
            Key::Level => sheet.key("level"),
            Key::Unit => sheet.key("unit"),
            Key::Comment => sheet.key("comment"),
            Key::Separator => sheet.key("separator"),
            Key::Column(id) => sheet.key("columns").key(id.clone()),
        }
    }
}

/// A problem with a sheet: how bad, which key asked for it, and what it is (naming the file,
/// the sheet and the cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or note.
    pub severity: Severity,
    /// The key of the report's `sheet` it comes from.
    pub key: Key,
    /// What is wrong, and what was expected.
    pub message: String,
    /// Hints after the message ("did you mean \"Drift\"?").
    pub hints: Vec<String>,
}

impl Problem {
    /// The problem as a finding of the report, at its key under the table's `sheet`.
    pub(crate) fn finding(self, sheet: &DataPath) -> crate::location::Finding {
        let mut finding =
            crate::location::Finding::new(self.severity, self.key.at(sheet), self.message);
        finding.hints = self.hints;
        finding
    }

    /// An error.
    pub fn error(key: Key, message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            key,
            message,
            hints: Vec::new(),
        }
    }

    /// The same problem with a hint more (when there is one).
    pub(crate) fn with_hint(mut self, hint: Option<String>) -> Problem {
        self.hints.extend(hint);
        self
    }

    /// The message and its hints, as one text.
    pub(crate) fn text(&self) -> String {
        let mut text = self.message.clone();
        for hint in &self.hints {
            text.push_str("; ");
            text.push_str(hint);
        }
        text
    }
}

/// A file and sheet, as messages name them: `drift.xlsx, sheet "Drift"` (a CSV file has no
/// sheet name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the report names it.
    pub file: String,
    /// The sheet's name.
    pub sheet: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{}, sheet \"{sheet}\"", self.file),
            None => write!(f, "{}", self.file),
        }
    }
}

/// A row made from a sheet, with the sheet row it came from (1 for the first).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row of the sheet, 1 for the first.
    pub sheet_row: u32,
    /// The row of the table.
    pub row: MoneyRow,
}

/// The most errors about cells reported for one sheet; the file holds something else than
/// what the report says when there are more.
pub(super) const MAX_CELL_ERRORS: usize = 20;

/// The rows of a table from a sheet's cells. `decimals` gives the decimals a table column
/// prints (by id), if known: a figure with more is rounded as printed, with a note once per
/// column. Returns the rows (none when the columns or rows cannot be found) and the problems.
pub fn extract(
    grid: &Grid,
    source: &SheetSource,
    place: &Place,
    decimals: &dyn Fn(&str) -> Option<u32>,
) -> (Vec<SheetRow>, Vec<Problem>) {
    let mut problems = Vec::new();
    for (key, name, given) in [
        (Key::Level, "level", source.level.is_some()),
        (Key::Unit, "unit", source.unit.is_some()),
        (Key::Comment, "comment", source.comment.is_some()),
    ] {
        if given {
            problems.push(Problem::error(
                key,
                format!("`{name}` belongs to a goal table's sheet: a financial table's sheet names `label`, `columns` and `kind`"),
            ));
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let Some((rows, bounds)) = span(grid, source, place, &mut problems) else {
        return (Vec::new(), problems);
    };
    let header = source.header_row.map(|h| h.saturating_sub(1));
    let mut col = |key: Key, text: &str| -> Option<u32> {
        match column(grid, text, header, bounds) {
            Ok(c) => Some(c),
            Err(message) => {
                problems.push(Problem::error(key, format!("{place}: {message}")));
                None
            }
        }
    };
    let label = col(Key::Label, &source.label);
    let kind = source.kind.as_ref().map(|k| col(Key::Kind, k));
    let figures: Vec<Option<(String, u32)>> = source
        .columns
        .0
        .iter()
        .map(|(id, text)| col(Key::Column(id.clone()), text).map(|c| (id.clone(), c)))
        .collect();
    let (Some(label), Some(kind), Some(figures)) = (
        label,
        kind.map_or(Some(None), |k| k.map(Some)),
        figures.into_iter().collect::<Option<Vec<_>>>(),
    ) else {
        return (Vec::new(), problems);
    };
    let mut out = Vec::new();
    let mut errors = 0usize;
    // Per table column: the first figure rounded (cell, value, rounded) and how many were.
    let mut rounded: Vec<Option<(String, Decimal, Decimal, usize)>> = vec![None; figures.len()];
    for r in rows.0..=rows.1 {
        if errors >= MAX_CELL_ERRORS {
            problems.push(Problem::error(
                Key::Source,
                format!(
                    "{place}: more than {MAX_CELL_ERRORS} cells are wrong; the rest is not read"
                ),
            ));
            break;
        }
        let mut error = |key: Key, c: u32, message: String| {
            errors += 1;
            problems.push(Problem::error(
                key,
                format!("{place}, cell {}: {message}", cell_name(r, c)),
            ));
        };
        let label_text = match grid.get(r, label) {
            Some(value) => match text_of(value) {
                Ok(t) => t,
                Err(m) => {
                    error(Key::Label, label, m);
                    continue;
                }
            },
            None => String::new(),
        };
        let row_kind = match kind.map(|k| (k, grid.get(r, k))) {
            Some((k, Some(value))) => match text_of(value).map(|t| kind_of(&t)) {
                Ok(Ok(kind)) => kind,
                Ok(Err(m)) | Err(m) => {
                    error(Key::Kind, k, m);
                    continue;
                }
            },
            _ => RowKind::Figures,
        };
        let any_figure = figures.iter().any(|(_, c)| grid.get(r, *c).is_some());
        if label_text.is_empty() {
            if row_kind == RowKind::Figures && !any_figure {
                continue; // a blank row
            }
            error(
                Key::Label,
                label,
                format!(
                    "the label is empty, but the row {}: expected its label in column {}",
                    if any_figure {
                        "has figures"
                    } else {
                        "has a kind"
                    },
                    column_letters(label)
                ),
            );
            continue;
        }
        let mut row = MoneyRow::new(row_kind, label_text);
        // A group heading, subtotal or result gets its figures from bokslut, not the sheet.
        if row_kind == RowKind::Figures {
            for (i, (id, c)) in figures.iter().enumerate() {
                let Some(value) = grid.get(r, *c) else {
                    continue;
                };
                let figure = match figure_of(value, grid) {
                    Ok(v) => v,
                    Err(m) => {
                        error(
                            Key::Column(id.clone()),
                            *c,
                            format!("{m} (expected the figure for `{id}`)"),
                        );
                        continue;
                    }
                };
                let figure = match decimals(id.as_str()) {
                    Some(d) if figure.scale() > d => {
                        let to = figure
                            .round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero);
                        if to != figure {
                            match &mut rounded[i] {
                                Some((_, _, _, n)) => *n += 1,
                                slot => *slot = Some((cell_name(r, *c), figure, to, 1)),
                            }
                        }
                        to
                    }
                    _ => figure,
                };
                row.figures.0.push((id.clone(), figure));
            }
        }
        out.push(SheetRow {
            sheet_row: r + 1,
            row,
        });
    }
    for ((id, c), first) in figures.iter().zip(rounded) {
        if let Some((cell, value, to, n)) = first {
            let more = match n - 1 {
                0 => String::new(),
                1 => " (and 1 more cell of the column)".into(),
                k => format!(" (and {k} more cells of the column)"),
            };
            problems.push(Problem {
            hints: Vec::new(),
                severity: Severity::Note,
                key: Key::Column(id.clone()),
                message: format!(
                    "{place}, cell {cell}: {value} has more decimals than the table prints for `{id}` ({}): it is taken as printed, {to}{more}; column {} is rounded half away from zero",
                    decimals(id.as_str()).unwrap_or(0),
                    column_letters(*c)
                ),
            });
        }
    }
    (out, problems)
}

/// The rows a `sheet` selects, as the spreadsheet numbers them (1 for the first): the first
/// and the last, blank ones included; `None` when it selects none (an error of [`extract`]).
pub(crate) fn selected_rows(
    grid: &Grid,
    source: &SheetSource,
    place: &Place,
) -> Option<(u32, u32)> {
    span(grid, source, place, &mut Vec::new()).map(|((first, last), _)| (first + 1, last + 1))
}

/// The rows to read (first and last, 0-based) and the range's columns, if a range bounds
/// them.
pub(super) fn span(
    grid: &Grid,
    source: &SheetSource,
    place: &Place,
    problems: &mut Vec<Problem>,
) -> Option<((u32, u32), Option<CellRange>)> {
    let Some((last_row, last_col)) = grid.extent() else {
        problems.push(Problem::error(
            Key::Source,
            format!("{place} is empty: expected the table's rows"),
        ));
        return None;
    };
    let ends = format!(
        "the data ends at row {} and column {}",
        last_row + 1,
        column_letters(last_col)
    );
    match (&source.range, source.header_row) {
        (Some(_), Some(_)) => {
            problems.push(Problem::error(
                Key::HeaderRow,
                "the sheet has both a `range` and a `header_row`: give one".into(),
            ));
            None
        }
        (None, None) => {
            problems.push(Problem::error(
                Key::Source,
                "the sheet says neither which rows to read: expected `range` (e.g. \"A3:F20\") or `header_row` (the row of the headings, the rows under it to the end of the data)".into(),
            ));
            None
        }
        (Some(text), None) => {
            let range = match parse_range(text) {
                Ok(r) => r,
                Err(m) => {
                    problems.push(Problem::error(Key::Range, m));
                    return None;
                }
            };
            if range.last_row > last_row || range.first_col > last_col {
                problems.push(Problem::error(
                    Key::Range,
                    format!(
                        "{place}: the range {range} is outside the data: {ends} (cell {})",
                        cell_name(last_row, last_col)
                    ),
                ));
                return None;
            }
            Some(((range.first_row, range.last_row), Some(range)))
        }
        (None, Some(header)) => {
            let h = header.saturating_sub(1);
            if header == 0 || h >= last_row {
                problems.push(Problem::error(
                    Key::HeaderRow,
                    format!("{place}: header row {header} has no rows of data under it: {ends}"),
                ));
                return None;
            }
            Some(((h + 1, last_row), None))
        }
    }
}

/// The column a report names: a letter (`D`), or a heading of the header row.
pub(super) fn column(
    grid: &Grid,
    text: &str,
    header: Option<u32>,
    range: Option<CellRange>,
) -> Result<u32, String> {
    let wanted = text.trim();
    let found = match column_index(wanted) {
        Some(c) => c,
        None => {
            let Some(h) = header else {
                return Err(format!(
                    "\"{text}\" is not a column: expected a column letter such as \"C\" (or `header_row`, to name columns by their headings)"
                ));
            };
            let last = grid.extent().map_or(0, |(_, c)| c);
            let headings: Vec<(u32, String)> = (0..=last)
                .filter_map(|c| match grid.get(h, c) {
                    Some(CellValue::Text(t)) => Some((c, t.trim().to_owned())),
                    _ => None,
                })
                .collect();
            match headings
                .iter()
                .find(|(_, t)| t.to_lowercase() == wanted.to_lowercase())
            {
                Some((c, _)) => *c,
                None => {
                    let near = crate::suggest::as_text(wanted, headings.iter().map(|(_, t)| t));
                    return Err(format!(
                        "no column is headed \"{text}\" in row {}, and it is no column letter{near}",
                        h + 1
                    ));
                }
            }
        }
    };
    if let Some(r) = range
        && !(r.first_col..=r.last_col).contains(&found)
    {
        return Err(format!(
            "column {} is outside the range {r}",
            column_letters(found)
        ));
    }
    Ok(found)
}

/// A label's text.
pub(super) fn text_of(value: &CellValue) -> Result<String, String> {
    Ok(match value {
        CellValue::Text(t) => t.trim().to_owned(),
        CellValue::Float(f) => f.to_string(),
        CellValue::Int(i) => i.to_string(),
        CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        CellValue::Date(d) => d.clone(),
        CellValue::Error(e) => return Err(format!("the cell holds the error {e}, not text")),
    })
}

/// What a kind cell says a row is.
fn kind_of(text: &str) -> Result<RowKind, String> {
    Ok(match text.trim().to_lowercase().as_str() {
        "" | "label" | "rad" => RowKind::Figures,
        "group" | "grupp" | "rubrik" => RowKind::Group,
        "subtotal" | "delsumma" => RowKind::Subtotal,
        "result" | "resultat" => RowKind::Result,
        _ => {
            return Err(format!(
                "\"{text}\" is no kind of row: expected it empty (a figure row), \"group\", \"subtotal\" or \"result\" (or \"grupp\", \"delsumma\", \"resultat\")"
            ));
        }
    })
}

/// A figure's exact value.
pub(super) fn figure_of(value: &CellValue, grid: &Grid) -> Result<Decimal, String> {
    match value {
        CellValue::Float(f) => exact_float(*f).ok_or_else(|| {
            format!("{f} is too large for an exact figure (at most 28 significant digits)")
        }),
        CellValue::Int(i) => Ok(Decimal::from(*i)),
        CellValue::Text(t) => parse_number(t, grid.text_mark())
            .ok_or_else(|| format!("\"{}\" is not a number", t.trim())),
        CellValue::Bool(b) => Err(format!(
            "{} is a truth value, not a number",
            if *b { "TRUE" } else { "FALSE" }
        )),
        CellValue::Date(d) => Err(format!("the cell holds a date ({d}), not a number")),
        CellValue::Error(e) => Err(format!("the cell holds the error {e}, not a number")),
    }
}
