//! A financial table as the template sees it: headings looked up, every figure formatted as
//! the core computed and rounded it, the note under the table made from its declared columns.
//!
//! Nothing here computes a figure: the cells of [`bokslut_core::compute::ComputedTable`] are
//! already the printed ones, and this module only writes them in the labels' conventions.

use serde::Serialize;

use bokslut_core::compute::{ComputedRowKind, ComputedTable, Formula, Heading};
use bokslut_core::{ColumnLabel, Preset, SignConvention, Unit};
use chrono::Datelike;

use crate::format::NumberFormat;
use crate::labels::Labels;

/// A financial or investment table: the template data of `money` items.
#[derive(Debug, Serialize)]
pub struct MoneyItem {
    /// Caption above the table (report text), if any.
    pub caption: Option<String>,
    /// Heading of the label column (report text; empty when none).
    pub label_heading: String,
    /// The columns after the label column, left to right.
    pub columns: Vec<MoneyColumn>,
    /// The header's column runs: a run is one ungrouped column, or neighbouring columns under
    /// one group heading. Empty when no column has a group (a one-row header).
    pub header_groups: Vec<HeaderGroup>,
    /// Every row, the total (if any) last.
    pub rows: Vec<MoneyRowItem>,
    /// The note under the table (labels' language): unit, sign convention, formulas.
    pub note: String,
    /// Footnotes under the note (report text).
    pub footnotes: Vec<String>,
    /// Printed on a landscape page of its own.
    pub landscape: bool,
    /// Not the reference shape (more than four figure columns, a two-level header, or columns
    /// of its own): the template sizes the figure columns to their figures and wraps headings
    /// between words, instead of the plain layout of the reference shape.
    pub wide: bool,
}

/// A column heading.
#[derive(Debug, Serialize)]
pub struct MoneyColumn {
    /// The heading.
    pub heading: String,
    /// Whether the heading is a built-in label (in the labels' language) or the report's text.
    pub heading_is_label: bool,
}

/// A run of columns in a two-level header.
#[derive(Debug, Serialize)]
pub struct HeaderGroup {
    /// The group heading over the run (report text); `None` for a single ungrouped column,
    /// whose heading then spans both header rows.
    pub heading: Option<String>,
    /// Index of the first column of the run.
    pub first: usize,
    /// Number of columns in the run.
    pub span: usize,
}

/// A row of a financial table.
#[derive(Debug, Serialize)]
pub struct MoneyRowItem {
    /// `figures`, `group`, `subtotal`, `result` or `total`.
    pub kind: RowKind,
    /// The label.
    pub label: String,
    /// Whether the label is a built-in one (the total's "Summa") or the report's text.
    pub label_is_label: bool,
    /// One formatted figure per column; empty for an empty cell (and every cell of a group
    /// heading).
    pub cells: Vec<String>,
}

/// What a row of a financial table is; in the data its name in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A row of figures.
    Figures,
    /// A group's heading, without figures.
    Group,
    /// A sum of the rows above it, to the group's heading.
    Subtotal,
    /// A result: a sum of sums, or of rows and sums.
    Result,
    /// The table's total.
    Total,
}

impl RowKind {
    /// The name, as in the data (`figures`, `subtotal`).
    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Figures => "figures",
            RowKind::Group => "group",
            RowKind::Subtotal => "subtotal",
            RowKind::Result => "result",
            RowKind::Total => "total",
        }
    }

    /// A sum (subtotal, result or total): printed bold, under a rule.
    pub fn is_sum(self) -> bool {
        matches!(self, RowKind::Subtotal | RowKind::Result | RowKind::Total)
    }
}

/// The template data of a computed table.
pub fn item(table: &ComputedTable, labels: &Labels, numbers: &NumberFormat) -> MoneyItem {
    let headings: Vec<(String, bool)> = table
        .columns
        .iter()
        .map(|c| match &c.heading {
            Heading::Label(label) => (column_label(*label, table, labels), true),
            Heading::Text(text) => (text.clone(), false),
        })
        .collect();
    let grouped = table.columns.iter().any(|c| c.group.is_some());
    let mut header_groups: Vec<HeaderGroup> = Vec::new();
    if grouped {
        for (i, column) in table.columns.iter().enumerate() {
            match header_groups.last_mut() {
                Some(run) if run.heading.is_some() && run.heading == column.group => run.span += 1,
                _ => header_groups.push(HeaderGroup {
                    heading: column.group.clone(),
                    first: i,
                    span: 1,
                }),
            }
        }
    }
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let (label, label_is_label) = match &row.label {
                Some(label) => (label.clone(), false),
                None => (labels.get("row-total"), true),
            };
            MoneyRowItem {
                kind: match row.kind {
                    ComputedRowKind::Figures => RowKind::Figures,
                    ComputedRowKind::Group => RowKind::Group,
                    ComputedRowKind::Subtotal => RowKind::Subtotal,
                    ComputedRowKind::Result => RowKind::Result,
                    ComputedRowKind::Total => RowKind::Total,
                },
                label,
                label_is_label,
                cells: row
                    .cells
                    .iter()
                    .zip(&table.columns)
                    .enumerate()
                    .map(|(c, (cell, column))| match (cell, &column.formula) {
                        (None, _) if row.dashes.get(c) == Some(&true) => DASH.to_owned(),
                        (None, _) => String::new(),
                        (Some(v), Formula::Share(..)) => numbers.percent(*v),
                        // "−0": a reproduction's figure printed with the source's sign.
                        (Some(v), _) if v.is_zero() && v.is_sign_negative() => {
                            format!("{}{}", crate::format::MINUS, numbers.number(v.abs()))
                        }
                        (Some(v), _) => numbers.number(*v),
                    })
                    .collect(),
            }
        })
        .collect();
    MoneyItem {
        caption: table.caption.clone(),
        label_heading: table.label_heading.clone().unwrap_or_default(),
        note: note(table, &headings, labels),
        columns: headings
            .into_iter()
            .map(|(heading, heading_is_label)| MoneyColumn {
                heading,
                heading_is_label,
            })
            .collect(),
        // The reference shapes keep their plain layout (their headings are short built-in
        // words); any other table is sized to its figures so its labels keep their width.
        wide: grouped
            || table.columns.len() > 4
            || !matches!(table.preset, Some(Preset::Interim | Preset::Investments)),
        header_groups,
        rows,
        footnotes: table.footnotes.clone(),
        landscape: table.landscape,
    }
}

/// A built-in column heading in the labels' language.
pub(crate) fn column_label(label: ColumnLabel, table: &ComputedTable, labels: &Labels) -> String {
    let year = table.outcome_date.0.year();
    let with_year = |id: &str, year: i32| labels.format(id, &[("year", &year.to_string())]);
    match label {
        ColumnLabel::Budget => labels.get("col-budget"),
        ColumnLabel::BudgetYear => with_year("col-budget-year", year),
        ColumnLabel::Outcome => {
            let date = table.outcome_date;
            // Both forms of the date: the locale chooses (ISO in Swedish tables).
            labels.format(
                "col-outcome",
                &[
                    ("date", &date.to_string()),
                    ("date-long", &labels.long_date(date)),
                ],
            )
        }
        ColumnLabel::OutcomeYear => with_year("col-outcome-year", year),
        ColumnLabel::PriorOutcome => with_year("col-prior-outcome", year - 1),
        ColumnLabel::PriorDeviation => with_year("col-prior-deviation", year - 1),
        ColumnLabel::Forecast => labels.get("col-forecast"),
        ColumnLabel::ForecastYear => labels.get("col-forecast-year"),
        ColumnLabel::Deviation => labels.get("col-deviation"),
        ColumnLabel::Income => labels.get("col-income"),
        ColumnLabel::Costs => labels.get("col-costs"),
        ColumnLabel::NetCost => labels.get("col-net-cost"),
        ColumnLabel::Allocation => labels.get("col-allocation"),
        ColumnLabel::OriginalBudget => labels.get("col-original-budget"),
        ColumnLabel::CarriedOver => labels.get("col-carried-over"),
        ColumnLabel::TotalBudget => labels.get("col-total-budget"),
        ColumnLabel::Share => labels.get("col-share"),
    }
}

/// The unit in words: "tkr", "SEK thousand".
pub fn unit_name(unit: Unit, labels: &Labels) -> String {
    labels.get(match unit {
        Unit::Tkr => "unit-tkr",
        Unit::Mnkr => "unit-mnkr",
        Unit::Kr => "unit-kr",
    })
}

/// The note under a table, made from what the table declares so that it is never wrong: the
/// reference shapes keep their sentences; any other table says its unit, its sign convention
/// (not for investments, which hold expenditure only) and the formula of every computed
/// column in the columns' own headings.
/// A cell with nothing to report.
/// "–": a cell with nothing to report.
pub(crate) const DASH: &str = "–";

/// The note under the table: its unit, its sign convention where it has income and costs,
/// each formula once, and what "–" means when a cell prints it.
fn note(table: &ComputedTable, headings: &[(String, bool)], labels: &Labels) -> String {
    let unit = unit_name(table.unit, labels);
    let fixed = match (table.preset, table.convention) {
        (Some(Preset::Investments), _) => Some("money-note-investments"),
        (Some(Preset::Interim), SignConvention::IncomeNegative) => {
            Some("money-note-income-negative")
        }
        (Some(Preset::Interim), SignConvention::IncomePositive) => {
            Some("money-note-income-positive")
        }
        _ => None,
    };
    let dash = table.rows.iter().any(|row| row.dashes.contains(&true));
    if let Some(id) = fixed {
        let note = labels.format(id, &[("unit", &unit)]);
        return match dash {
            true => format!("{note} {}", labels.get("statement-note-dash")),
            false => note,
        };
    }
    let mut sentences = vec![labels.format("money-note-unit", &[("unit", &unit)])];
    // An unsigned table's sentence speaks of income and costs: only where it has them.
    let speaks_of = |words: &[&str]| {
        table
            .columns
            .iter()
            .zip(headings)
            .any(|(column, (heading, _))| {
                matches!(
                    column.heading,
                    Heading::Label(ColumnLabel::Income | ColumnLabel::Costs)
                ) || words.iter().any(|w| {
                    column.id.to_lowercase().contains(w) || heading.to_lowercase().contains(w)
                })
            })
    };
    let income_and_costs =
        speaks_of(&["income", "intäkt", "intakt"]) && speaks_of(&["cost", "kostnad"]);
    if !table.investments
        && table.preset != Some(Preset::InvestmentsCarried)
        && (table.convention != SignConvention::Unsigned || income_and_costs)
    {
        sentences.push(labels.get(match table.convention {
            SignConvention::IncomeNegative => "money-note-sign-income-negative",
            SignConvention::IncomePositive => "money-note-sign-income-positive",
            SignConvention::Unsigned => "money-note-sign-unsigned",
        }));
    }
    let name = |i: usize| headings[i].0.clone();
    for (i, column) in table.columns.iter().enumerate() {
        let column_name = name(i);
        match &column.formula {
            Formula::Given => {}
            Formula::Difference(a, b) => sentences.push(labels.format(
                "money-note-difference",
                &[
                    ("column", &column_name),
                    ("first", &name(*a)),
                    ("second", &name(*b)),
                ],
            )),
            Formula::Sum(of) => {
                let terms: Vec<String> = of.iter().map(|j| name(*j)).collect();
                sentences.push(labels.format(
                    "money-note-sum",
                    &[("column", &column_name), ("terms", &terms.join(" + "))],
                ));
            }
            Formula::Share(a, b) => sentences.push(labels.format(
                "money-note-share",
                &[
                    ("column", &column_name),
                    ("first", &name(*a)),
                    ("second", &name(*b)),
                ],
            )),
        }
    }
    if dash {
        sentences.push(labels.get("statement-note-dash"));
    }
    // A two-level header repeats a column's heading under each group: its formula once.
    let mut seen = std::collections::HashSet::new();
    sentences.retain(|sentence| seen.insert(sentence.clone()));
    sentences.join(" ")
}

#[cfg(test)]
mod kind_tests {
    use super::RowKind;

    #[test]
    fn a_row_kind_is_written_as_its_name() {
        for kind in [
            RowKind::Figures,
            RowKind::Group,
            RowKind::Subtotal,
            RowKind::Result,
            RowKind::Total,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
