//! Every figure of a financial table, computed once: deviations and other computed columns,
//! subtotals, results and the total, rounded as printed and checked against the figures the
//! source printed.
//!
//! The layout prints what this module returns ([`ComputedTable`]) and adds nothing itself.
//! All arithmetic is checked and exact: an amount too large to add, or a sum that would need
//! more than the 28 significant digits of a decimal, is an error, not a rounded figure.
//!
//! Stated figures (a figure typed where one is computed: a row's deviation, a subtotal, the
//! total) are compared with the computed ones. In a new report a difference is an error: the
//! computed figure is the right one. In a reproduction of a published report
//! ([`crate::Meta::reproduction`]) the stated figure is printed as the source printed it; a
//! difference within rounding (half a unit of the printed decimals for each figure added) is
//! a note, a larger one an error.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::diag::Severity;
use crate::location::{Finding, Path};
use crate::model::{Column, ColumnLabel, MoneyRow, MoneyTable, Preset, RowKind};
use crate::model::{Date, Meta, SignConvention, Unit};

/// A financial table with every figure computed and rounded as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedTable {
    /// Caption above the table.
    pub caption: Option<String>,
    /// Heading of the label column.
    pub label_heading: Option<String>,
    /// Unit of the figures.
    pub unit: Unit,
    /// Sign of income in the table.
    pub convention: SignConvention,
    /// The date the outcome runs to.
    pub outcome_date: Date,
    /// The preset the columns come from; `None` when the table declares its own.
    pub preset: Option<Preset>,
    /// The columns after the label column.
    pub columns: Vec<ComputedColumn>,
    /// Every row, the total (if any) last.
    pub rows: Vec<ComputedRow>,
    /// Printed on a landscape page of its own.
    pub landscape: bool,
    /// Footnotes under the table.
    pub footnotes: Vec<String>,
    /// An investment account (expenditure only), not an operating account.
    pub investments: bool,
}

/// A column of a [`ComputedTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedColumn {
    /// The id rows use.
    pub id: String,
    /// Its heading.
    pub heading: Heading,
    /// The group heading over it, for a two-level header.
    pub group: Option<String>,
    /// Decimals every figure of the column is printed with.
    pub decimals: u32,
    /// How its figures come about.
    pub formula: Formula,
}

/// A column heading: built in (translated) or the report's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    /// A built-in heading, in the labels' language.
    Label(ColumnLabel),
    /// The report's own words.
    Text(String),
}

/// How a column's figures come about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formula {
    /// Given in the rows.
    Given,
    /// The first column (by index) minus the second.
    Difference(usize, usize),
    /// The sum of the columns.
    Sum(Vec<usize>),
    /// The first column in per cent of the second.
    Share(usize, usize),
}

/// What a computed row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComputedRowKind {
    /// Figures given in the data.
    Figures,
    /// A group heading: no figures.
    Group,
    /// The sum of a group.
    Subtotal,
    /// The sum of every figure row above.
    Result,
    /// The sum of every figure row: the last row.
    Total,
}

/// A row of a [`ComputedTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedRow {
    /// What the row is.
    pub kind: ComputedRowKind,
    /// The label in the report's words; `None` for a total row with the built-in label.
    pub label: Option<String>,
    /// One figure per column, as printed (rounded to the column's decimals, or as the source
    /// printed it in a reproduction); `None` prints an empty cell, or "–" where `dashes` says.
    pub cells: Vec<Option<Decimal>>,
    /// Per column, whether the cell prints "–" (nothing to report): a row's own dash, or a
    /// sum of rows that print "–" and no figure.
    pub dashes: Vec<bool>,
}

impl ComputedRow {
    /// Gives `row` this row's cell of column `index` as printed, as its figure in `column`:
    /// the figure, "–" where this row prints one, nothing where it prints nothing (a table
    /// taking a column from another: `from`, an earlier year's report, a board's report).
    pub(crate) fn copy_cell(&self, index: usize, row: &mut crate::model::MoneyRow, column: &str) {
        if let Some(value) = self.cells.get(index).copied().flatten() {
            row.figures.0.push((column.to_owned(), value));
        } else if self.dashes.get(index) == Some(&true) {
            row.dashes.push(column.to_owned());
        }
    }
}

impl ComputedTable {
    /// Every figure of the table with its row and column, for cross-checks of the text.
    pub fn figures(&self) -> impl Iterator<Item = (&ComputedRow, &ComputedColumn, Decimal)> {
        self.rows.iter().flat_map(move |row| {
            row.cells
                .iter()
                .zip(&self.columns)
                .filter_map(move |(cell, column)| cell.map(|v| (row, column, v)))
        })
    }
}

impl SignConvention {
    /// Deviation of a forecast from its budget, positive when favourable.
    pub fn deviation(self, budget: Decimal, forecast: Decimal) -> Option<Decimal> {
        match self {
            SignConvention::IncomeNegative | SignConvention::Unsigned => {
                budget.checked_sub(forecast)
            }
            SignConvention::IncomePositive => forecast.checked_sub(budget),
        }
    }
}

impl MoneyTable {
    /// A name for the table in messages: its caption, its label heading, or its first row's
    /// label.
    pub fn name(&self) -> String {
        [&self.caption, &self.label_heading]
            .into_iter()
            .flatten()
            .find(|h| !h.trim().is_empty())
            .cloned()
            .or_else(|| self.rows.first().map(|r| r.label.clone()))
            .unwrap_or_default()
    }
}

/// A column declared in the data or by a preset, before its formula is resolved.
struct Declared {
    id: String,
    heading: Option<Heading>,
    group: Option<String>,
    decimals: Option<u32>,
    formula: Option<(&'static str, Vec<String>)>,
}

impl Declared {
    fn given(id: &str, label: ColumnLabel) -> Declared {
        Declared {
            id: id.to_owned(),
            heading: Some(Heading::Label(label)),
            group: None,
            decimals: None,
            formula: None,
        }
    }

    fn computed(id: &str, label: ColumnLabel, kind: &'static str, of: [&str; 2]) -> Declared {
        Declared {
            formula: Some((kind, of.iter().map(|s| (*s).to_owned()).collect())),
            ..Declared::given(id, label)
        }
    }
}

/// The columns of a preset.
fn preset_columns(preset: Preset, convention: SignConvention) -> Vec<Declared> {
    use ColumnLabel as L;
    let deviation = |a: &str, b: &str| {
        let of = match convention {
            SignConvention::IncomePositive => [b, a],
            _ => [a, b],
        };
        Declared::computed("deviation", L::Deviation, "difference", of)
    };
    match preset {
        Preset::Interim => vec![
            Declared::given("budget", L::Budget),
            Declared::given("outcome", L::Outcome),
            Declared::given("forecast", L::ForecastYear),
            deviation("budget", "forecast"),
        ],
        Preset::Investments => vec![
            Declared::given("budget", L::Budget),
            Declared::given("outcome", L::Outcome),
            Declared::given("forecast", L::Forecast),
            deviation("budget", "forecast"),
        ],
        Preset::Annual => vec![
            Declared::given("budget", L::BudgetYear),
            Declared::given("outcome", L::OutcomeYear),
            deviation("budget", "outcome"),
        ],
        Preset::AnnualPrior => vec![
            Declared::given("prior_outcome", L::PriorOutcome),
            Declared::given("budget", L::BudgetYear),
            Declared::given("outcome", L::OutcomeYear),
            deviation("budget", "outcome"),
        ],
        Preset::NetCost => vec![
            Declared::given("income", L::Income),
            Declared::given("costs", L::Costs),
            Declared::computed("net_cost", L::NetCost, "difference", ["costs", "income"]),
            Declared::given("allocation", L::Allocation),
            Declared::computed(
                "deviation",
                L::Deviation,
                "difference",
                ["allocation", "net_cost"],
            ),
        ],
        Preset::InvestmentsCarried => vec![
            Declared::given("original_budget", L::OriginalBudget),
            Declared::given("carried_over", L::CarriedOver),
            Declared::computed(
                "total_budget",
                L::TotalBudget,
                "sum",
                ["original_budget", "carried_over"],
            ),
            Declared::given("outcome", L::Outcome),
            Declared::given("forecast", L::Forecast),
            Declared::computed(
                "deviation",
                L::Deviation,
                "difference",
                ["total_budget", "forecast"],
            ),
        ],
    }
}

/// The findings of computing one table, and the table when every figure could be computed.
pub(crate) struct Outcome {
    /// The table, unless an error kept a figure from being computed.
    pub table: Option<ComputedTable>,
    /// Errors, warnings and notes, located by path.
    pub findings: Vec<Finding>,
}

/// Computes a table of a report. `investments` says which kind of block it is (its default
/// preset); `path` is the block's place, for the findings.
pub(crate) fn compute(table: &MoneyTable, meta: &Meta, investments: bool, path: &Path) -> Outcome {
    let mut c = Computer {
        table,
        path,
        reproduction: meta.reproduction,
        findings: Vec::new(),
    };
    let result = c.run(meta, investments);
    Outcome {
        table: result,
        findings: c.findings,
    }
}

/// The decimals each column of a table prints, by id, as [`compute`] resolves them; `None`
/// when its columns have an error (which [`compute`] reports).
pub(crate) fn column_decimals(table: &MoneyTable, investments: bool) -> Option<Vec<(String, u32)>> {
    let path = Path::default();
    let mut c = Computer {
        table,
        path: &path,
        reproduction: false,
        findings: Vec::new(),
    };
    c.columns(investments)
        .map(|columns| columns.into_iter().map(|c| (c.id, c.decimals)).collect())
}

struct Computer<'a> {
    table: &'a MoneyTable,
    path: &'a Path,
    reproduction: bool,
    findings: Vec<Finding>,
}

/// A computed figure: its exact value and how many figures were added to make it (for the
/// rounding a printed figure may carry).
#[derive(Debug, Clone, Copy)]
struct Exact {
    value: Decimal,
    terms: u32,
}

/// A sum of two decimals only when it is exact (no digit lost past the 28 a decimal holds):
/// both operands must come back from it.
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    (sum.checked_sub(b)? == a && sum.checked_sub(a)? == b).then_some(sum)
}

pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let diff = a.checked_sub(b)?;
    (diff.checked_add(b)? == a && a.checked_sub(diff)? == b).then_some(diff)
}

/// The figure as printed in a column of `decimals`: rounded half away from zero, written
/// with exactly that many decimals ("0,0" in a one-decimal column).
pub(crate) fn as_printed(value: Decimal, decimals: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(decimals);
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v
}

impl Computer<'_> {
    fn finding(&mut self, severity: Severity, path: Path, message: String) {
        self.findings.push(Finding::new(severity, path, message));
    }

    fn error(&mut self, path: Path, message: String) {
        self.findings.push(Finding::error(path, message));
    }

    fn error_with_hint(&mut self, path: Path, message: String, hint: Option<String>) {
        self.findings
            .push(Finding::error(path, message).with_hint(hint));
    }

    fn run(&mut self, meta: &Meta, investments: bool) -> Option<ComputedTable> {
        let t = self.table;
        let columns = self.columns(investments)?;
        let rows = self.rows(&columns)?;
        Some(ComputedTable {
            caption: t.caption.clone().filter(|c| !c.trim().is_empty()),
            label_heading: t.label_heading.clone(),
            unit: t.unit.unwrap_or(meta.unit),
            convention: t.convention,
            outcome_date: t.outcome_date.unwrap_or(meta.period.end),
            preset: match (&t.columns, t.preset) {
                (Some(_), _) => None,
                (None, Some(p)) => Some(p),
                (None, None) if investments => Some(Preset::Investments),
                (None, None) => Some(Preset::Interim),
            },
            columns,
            rows,
            landscape: t.landscape,
            footnotes: t.footnotes.clone(),
            investments,
        })
    }

    /// The declared columns with their formulas resolved to earlier columns.
    fn columns(&mut self, investments: bool) -> Option<Vec<ComputedColumn>> {
        let t = self.table;
        let declared: Vec<Declared> = match (&t.columns, t.preset) {
            (Some(_), Some(_)) => {
                self.error(
                    self.path.key("preset"),
                    "the table has both a `preset` and its own `columns`: keep one".into(),
                );
                return None;
            }
            (Some(columns), None) => {
                if columns.is_empty() {
                    self.error(
                        self.path.key("columns"),
                        "the table declares no columns: expected at least one".into(),
                    );
                    return None;
                }
                let mut out = Vec::new();
                for (i, column) in columns.iter().enumerate() {
                    out.push(self.declared(column, self.path.index("columns", i))?);
                }
                out
            }
            (None, preset) => preset_columns(
                preset.unwrap_or(if investments {
                    Preset::Investments
                } else {
                    Preset::Interim
                }),
                t.convention,
            ),
        };
        let mut columns: Vec<ComputedColumn> = Vec::new();
        let mut ok = true;
        for (i, d) in declared.into_iter().enumerate() {
            let at = self.path.index("columns", i);
            if columns.iter().any(|c| c.id == d.id) {
                self.error(
                    at.key("id"),
                    format!("the column id `{}` is declared twice", d.id),
                );
                ok = false;
                continue;
            }
            let formula = match &d.formula {
                None => Formula::Given,
                Some((kind, of)) => match self.resolve(kind, of, &d.id, &columns, &at) {
                    Some(f) => f,
                    None => {
                        ok = false;
                        Formula::Given
                    }
                },
            };
            let share = matches!(formula, Formula::Share(..));
            let decimals = d
                .decimals
                .or(t.decimals.filter(|_| !share))
                .unwrap_or(if share { 1 } else { 0 });
            columns.push(ComputedColumn {
                heading: d.heading.unwrap_or_else(|| Heading::Text(d.id.clone())),
                id: d.id,
                group: d.group,
                decimals,
                formula,
            });
        }
        ok.then_some(columns)
    }

    /// A column as the report declares it: its heading and formula checked.
    fn declared(&mut self, column: &Column, at: Path) -> Option<Declared> {
        let id = column.id.trim();
        let well_formed = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_formed || id != column.id {
            self.error(
                at.key("id"),
                format!(
                    "`{}` is not a column id: expected letters, digits and `_`, starting with a letter (e.g. `budget`, `outcome_2022`)",
                    column.id
                ),
            );
            return None;
        }
        if crate::model::ROW_KEYS.contains(&id) {
            self.error(
                at.key("id"),
                format!(
                    "`{id}` cannot be a column id: a row uses `{id}` for its label; call the column something else (e.g. `{id}_year`)"
                ),
            );
            return None;
        }
        let heading = match (&column.heading, column.label) {
            (Some(text), _) if !text.trim().is_empty() => Heading::Text(text.clone()),
            (Some(_), _) => {
                self.error(at.key("heading"), "the column heading is empty".into());
                return None;
            }
            (None, Some(label)) => Heading::Label(label),
            (None, None) => match ColumnLabel::named(id) {
                Some(label) => Heading::Label(label),
                None => {
                    let names: Vec<&str> = ColumnLabel::ALL.iter().map(|(_, n)| *n).collect();
                    self.error(
                        at.key("id"),
                        format!(
                            "the column `{id}` has no heading: give `heading = \"...\"` in the report's words, or a built-in `label` (one of {})",
                            names.join(", ")
                        ),
                    );
                    return None;
                }
            },
        };
        if column.from.is_some()
            && (column.difference.is_some() || column.sum.is_some() || column.share.is_some())
        {
            self.error(
                at.key("from"),
                format!(
                    "the column `{id}` is taken `from` another table and computed too: a column has one source"
                ),
            );
            return None;
        }
        let formulas: Vec<(&'static str, &Vec<String>)> = [
            ("difference", &column.difference),
            ("sum", &column.sum),
            ("share", &column.share),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
        let formula = match formulas.as_slice() {
            [] => None,
            [(kind, of)] => Some((*kind, (*of).clone())),
            [(first, _), (second, _), ..] => {
                self.error(
                    at.key(*second),
                    format!(
                        "the column `{id}` has both `{first}` and `{second}`: a column has one formula"
                    ),
                );
                return None;
            }
        };
        Some(Declared {
            id: id.to_owned(),
            heading: Some(heading),
            group: column.group.clone().filter(|g| !g.trim().is_empty()),
            decimals: column.decimals,
            formula,
        })
    }

    /// A formula's operands as indexes of earlier columns.
    fn resolve(
        &mut self,
        kind: &'static str,
        of: &[String],
        id: &str,
        earlier: &[ComputedColumn],
        at: &Path,
    ) -> Option<Formula> {
        let at = at.key(kind);
        let arity_ok = match kind {
            "sum" => of.len() >= 2,
            _ => of.len() == 2,
        };
        if !arity_ok {
            let expected = match kind {
                "sum" => "two or more column ids, e.g. [\"original_budget\", \"carried_over\"]",
                "share" => "two column ids, the part and the whole, e.g. [\"outcome\", \"budget\"]",
                _ => "two column ids, e.g. [\"budget\", \"outcome\"] for budget − outcome",
            };
            self.error(at, format!("`{kind}` of `{id}` needs {expected}"));
            return None;
        }
        let all: Vec<&str> = self
            .table
            .columns
            .iter()
            .flatten()
            .map(|c| c.id.as_str())
            .collect();
        let mut indexes = Vec::new();
        for name in of {
            if let Some(i) = earlier.iter().position(|c| c.id == *name) {
                indexes.push(i);
                continue;
            }
            let mut hint = None;
            let message = if name == id {
                format!(
                    "the column `{id}` is computed from itself: a cycle; compute it from the columns before it"
                )
            } else if all.contains(&name.as_str()) {
                format!(
                    "the column `{id}` is computed from `{name}`, which comes after it: a column is computed from the columns before it, so move `{name}` before `{id}`"
                )
            } else {
                let known: Vec<&str> = earlier.iter().map(|c| c.id.as_str()).collect();
                hint = did_you_mean(name, &known);
                format!(
                    "the column `{id}` is computed from `{name}`, which is no column of this table"
                )
            };
            self.error_with_hint(at.clone(), message, hint);
            return None;
        }
        Some(match kind {
            "difference" => Formula::Difference(indexes[0], indexes[1]),
            "share" => Formula::Share(indexes[0], indexes[1]),
            _ => Formula::Sum(indexes),
        })
    }

    /// Every row computed, and the total.
    fn rows(&mut self, columns: &[ComputedColumn]) -> Option<Vec<ComputedRow>> {
        let t = self.table;
        if t.rows.is_empty() {
            self.error(self.path.key("rows"), "the table has no rows".into());
            return None;
        }
        let mut ok = true;
        let mut out = Vec::with_capacity(t.rows.len() + 1);
        // Exact values of every figure row so far, and of the current group's.
        let mut above: Vec<Vec<Option<Exact>>> = Vec::new();
        let mut group: Option<Vec<Vec<Option<Exact>>>> = None;
        // Per column, whether a figure row above (or in the current group) prints "–".
        let mut above_dashes = vec![false; columns.len()];
        let mut group_dashes = vec![false; columns.len()];
        // The figure rows since the last subtotal, result or group heading: what a subtotal
        // with no group heading adds (the source prints no heading above its rows).
        let mut since: Vec<Vec<Option<Exact>>> = Vec::new();
        // The label and dashes of each row of `above`, for a result that leaves rows out.
        let mut above_rows: Vec<(String, Vec<bool>)> = Vec::new();
        let mut result_dashes = vec![false; columns.len()];
        let mut since_dashes = vec![false; columns.len()];
        // A set: a table of 80 000 sheet rows looked each label up in a list (23 s).
        let mut labels_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        // Per column, the decimals of the first row whose figure has more (the column's, or
        // the row's own `decimals`).
        let mut more_decimals: Vec<Option<u32>> = vec![None; columns.len()];
        for (i, row) in t.rows.iter().enumerate() {
            let at = self.path.index("rows", i);
            if row.kind == RowKind::SheetRows {
                // Reading the report puts the sheet's rows in its place; a table computed
                // without reading its sheet has none to put there.
                self.error(
                    at.key("sheet_rows"),
                    "`sheet_rows` stands where the rows of the table's sheet go, but no sheet was read for this table".into(),
                );
                ok = false;
                continue;
            }
            if row.label.trim().is_empty() {
                let what = match row.kind {
                    RowKind::Figures => "the row label is empty: expected what the row counts",
                    RowKind::Group => "the group heading is empty",
                    RowKind::Subtotal => "the subtotal's label is empty",
                    RowKind::Result => "the result's label is empty",
                    RowKind::SheetRows => "`sheet_rows` is empty",
                };
                self.error(at.key(row.kind.key()), what.into());
                ok = false;
            }
            ok &= self.known_figures(row, columns, &at);
            let exact = match row.kind {
                RowKind::Figures => {
                    let key = row.label.trim().to_lowercase();
                    if !key.is_empty() && !labels_seen.insert(key) {
                        self.error(
                            at.key("label"),
                            format!(
                                "the row label \"{}\" appears twice in this table",
                                row.label
                            ),
                        );
                        ok = false;
                    }
                    let given: Vec<Option<Exact>> = columns
                        .iter()
                        .enumerate()
                        .map(|(c, column)| {
                            let decimals = row.decimals.unwrap_or(column.decimals);
                            (column.formula == Formula::Given)
                                .then(|| row.figures.get(&column.id))
                                .flatten()
                                .map(|value| {
                                    if value.scale() > decimals
                                        && as_printed(value, decimals) != value
                                    {
                                        more_decimals[c].get_or_insert(decimals);
                                    }
                                    Exact { value, terms: 1 }
                                })
                        })
                        .collect();
                    let Some(values) = self.formulas(given, columns) else {
                        self.overflow(&at);
                        return None;
                    };
                    // A row outside the sums is printed and checked in itself, added by none.
                    if !row.outside {
                        above.push(values.clone());
                        above_rows.push((
                            row.label.trim().to_owned(),
                            columns
                                .iter()
                                .map(|c| c.formula == Formula::Given && row.dashes.contains(&c.id))
                                .collect(),
                        ));
                        since.push(values.clone());
                        if let Some(g) = &mut group {
                            g.push(values.clone());
                        }
                        for (c, column) in columns.iter().enumerate() {
                            if column.formula == Formula::Given && row.dashes.contains(&column.id) {
                                above_dashes[c] = true;
                                group_dashes[c] = true;
                                since_dashes[c] = true;
                            }
                        }
                    }
                    Some(values)
                }
                RowKind::Group => {
                    if let Some((key, _)) = row.figures.0.first() {
                        self.error(
                            at.key(key.clone()),
                            format!(
                                "the group heading \"{}\" has a figure for `{key}`: a group heading has none (its sum is a `subtotal` row after its rows)",
                                row.label
                            ),
                        );
                        ok = false;
                    }
                    group = Some(Vec::new());
                    group_dashes = vec![false; columns.len()];
                    since.clear();
                    since_dashes = vec![false; columns.len()];
                    labels_seen.clear();
                    None
                }
                RowKind::Subtotal => match group.take() {
                    Some(rows) => {
                        since.clear();
                        since_dashes = vec![false; columns.len()];
                        Some(self.summed(&rows, columns, &at)?)
                    }
                    // No group heading: the rows since the last subtotal or result.
                    None if !since.is_empty() => {
                        group_dashes =
                            std::mem::replace(&mut since_dashes, vec![false; columns.len()]);
                        Some(self.summed(&std::mem::take(&mut since), columns, &at)?)
                    }
                    None => {
                        self.error(
                            at.key("subtotal"),
                            format!(
                                "the subtotal \"{}\" adds no rows: no figure row stands between it and the last subtotal, result or group heading",
                                row.label
                            ),
                        );
                        ok = false;
                        None
                    }
                },
                RowKind::Result => {
                    since.clear();
                    since_dashes = vec![false; columns.len()];
                    if row.except.is_empty() {
                        result_dashes.clone_from(&above_dashes);
                        Some(self.summed(&above, columns, &at)?)
                    } else {
                        let known: Vec<&str> = above_rows.iter().map(|(l, _)| l.as_str()).collect();
                        let mut unknown = false;
                        for (k, name) in row.except.iter().enumerate() {
                            if !known.contains(&name.trim()) {
                                self.error_with_hint(
                                    at.index("except", k),
                                    format!(
                                        "the result \"{}\" leaves out \"{name}\", which is no figure row above it",
                                        row.label
                                    ),
                                    did_you_mean(name, &known),
                                );
                                unknown = true;
                            }
                        }
                        if unknown {
                            ok = false;
                            None
                        } else {
                            let kept = |(l, _): &&(String, Vec<bool>)| {
                                !row.except.iter().any(|e| e.trim() == l)
                            };
                            let rows: Vec<Vec<Option<Exact>>> = above
                                .iter()
                                .zip(&above_rows)
                                .filter(|(_, r)| kept(r))
                                .map(|(v, _)| v.clone())
                                .collect();
                            result_dashes = vec![false; columns.len()];
                            for (_, dashes) in above_rows.iter().filter(kept) {
                                for (c, dash) in dashes.iter().enumerate() {
                                    result_dashes[c] |= dash;
                                }
                            }
                            Some(self.summed(&rows, columns, &at)?)
                        }
                    }
                }
                RowKind::SheetRows => continue,
            };
            let kind = match row.kind {
                RowKind::Figures => ComputedRowKind::Figures,
                RowKind::Group => ComputedRowKind::Group,
                RowKind::Subtotal => ComputedRowKind::Subtotal,
                RowKind::Result => ComputedRowKind::Result,
                RowKind::SheetRows => continue,
            };
            let no_dashes = vec![false; columns.len()];
            let sum_dashes = match row.kind {
                RowKind::Subtotal => &group_dashes,
                RowKind::Result => &result_dashes,
                _ => &no_dashes,
            };
            let (cells, dashes) = match exact {
                Some(values) => {
                    self.printed(row, &values, sum_dashes, columns, &at, &StatedIn::Row)
                }
                None => (vec![None; columns.len()], vec![false; columns.len()]),
            };
            out.push(ComputedRow {
                kind,
                label: Some(row.label.clone()),
                cells,
                dashes,
            });
        }
        for (c, more) in more_decimals.into_iter().enumerate() {
            let Some(decimals) = more else { continue };
            let column = &columns[c];
            let message = if decimals == column.decimals {
                format!(
                    "the column `{}` prints {} decimals, but some of its figures have more: they print rounded",
                    column.id, column.decimals
                )
            } else {
                // A row's own decimals, not the column's, were exceeded.
                format!(
                    "figures of the column `{}` have more decimals than their rows print ({decimals} in the first such row): they print rounded",
                    column.id
                )
            };
            self.finding(Severity::Warning, self.path.key("rows"), message);
        }
        if t.total != Some(false) {
            let at = self.path.clone();
            let values = self.summed(&above, columns, &at)?;
            let given = t.stated_total.clone().unwrap_or_default();
            let stated = MoneyRow {
                figures: given.figures,
                dashes: given.dashes,
                decimals: t.total_decimals,
                slips: t.total_slips.clone(),
                ..MoneyRow::new(RowKind::Subtotal, String::new())
            };
            let mut unknown = false;
            for key in stated
                .figures
                .0
                .iter()
                .map(|(k, _)| k)
                .chain(&stated.dashes)
            {
                if !columns.iter().any(|c| c.id == *key) {
                    let known: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                    self.error_with_hint(
                        at.key("stated_total"),
                        format!(
                            "the stated total has a figure for `{key}`, which is no column of this table (its columns: {})",
                            known.join(", "),
                        ),
                        did_you_mean(key, &known),
                    );
                    unknown = true;
                }
            }
            for key in &t.total_slips {
                if !columns.iter().any(|c| c.id == *key) {
                    let known: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                    self.error_with_hint(
                        at.key("total_slips"),
                        format!(
                            "`total_slips` names `{key}`, which is no column of this table (its columns: {})",
                            known.join(", "),
                        ),
                        did_you_mean(key, &known),
                    );
                    unknown = true;
                }
            }
            if !t.total_slips.is_empty() && !self.reproduction {
                self.error(
                    at.key("total_slips"),
                    "the table marks figures of its total as the source's slips, but the report is not a reproduction: a new report prints the computed figures (`meta.reproduction = true` for a published report)".into(),
                );
                unknown = true;
            }
            ok &= !unknown;
            let (cells, dashes) = self.printed(
                &stated,
                &values,
                &above_dashes,
                columns,
                &at,
                &StatedIn::Total,
            );
            out.push(ComputedRow {
                kind: ComputedRowKind::Total,
                label: t.total_label.clone().filter(|l| !l.trim().is_empty()),
                cells,
                dashes,
            });
        } else if t.stated_total.is_some() {
            self.error(
                self.path.key("stated_total"),
                "the table has a stated total but no total row (`total = false`)".into(),
            );
            ok = false;
        }
        ok.then_some(out)
    }

    fn overflow(&mut self, at: &Path) {
        let _ = at;
        self.error(
            self.path.key("rows"),
            format!(
                "the amounts in the table \"{}\" cannot be added up exactly: a sum would be too large, or need more than the 28 significant digits of an exact number",
                self.table.name()
            ),
        );
    }

    /// Whether every figure of the row names a column of the table.
    fn known_figures(&mut self, row: &MoneyRow, columns: &[ComputedColumn], at: &Path) -> bool {
        let mut ok = true;
        let keys = row.figures.0.iter().map(|(key, _)| key).chain(&row.dashes);
        for key in keys.chain(&row.slips) {
            if !columns.iter().any(|c| c.id == *key) {
                let known: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                self.error_with_hint(
                    at.key(key.clone()),
                    format!(
                        "the row \"{}\" has a figure for `{key}`, which is no column of this table (its columns: {})",
                        row.label,
                        known.join(", "),
                    ),
                    did_you_mean(key, &known),
                );
                ok = false;
            }
        }
        if !row.slips.is_empty() && !self.reproduction {
            self.error(
                at.key("slips"),
                format!(
                    "the row \"{}\" marks figures as the source's slips, but the report is not a reproduction: a new report prints the computed figures (`meta.reproduction = true` for a published report)",
                    row.label
                ),
            );
            ok = false;
        }
        ok
    }

    /// The computed columns of a row from its given ones; `None` on overflow.
    fn formulas(
        &self,
        mut values: Vec<Option<Exact>>,
        columns: &[ComputedColumn],
    ) -> Option<Vec<Option<Exact>>> {
        for (i, column) in columns.iter().enumerate() {
            let computed = match &column.formula {
                Formula::Given => continue,
                Formula::Difference(a, b) => match (values[*a], values[*b]) {
                    (Some(a), Some(b)) => Some(Exact {
                        value: sub(a.value, b.value)?,
                        terms: a.terms + b.terms,
                    }),
                    _ => None,
                },
                Formula::Sum(of) => {
                    let mut acc: Option<Exact> = None;
                    for j in of {
                        if let Some(v) = values[*j] {
                            acc = Some(match acc {
                                None => v,
                                Some(a) => Exact {
                                    value: add(a.value, v.value)?,
                                    terms: a.terms + v.terms,
                                },
                            });
                        }
                    }
                    acc
                }
                Formula::Share(a, b) => match (values[*a], values[*b]) {
                    (Some(a), Some(b)) if !b.value.is_zero() => Some(Exact {
                        value: a
                            .value
                            .checked_mul(Decimal::ONE_HUNDRED)?
                            .checked_div(b.value)?,
                        terms: 2,
                    }),
                    _ => None,
                },
            };
            values[i] = computed;
        }
        Some(values)
    }

    /// The sums of some figure rows, and the computed columns of those sums.
    fn summed(
        &mut self,
        rows: &[Vec<Option<Exact>>],
        columns: &[ComputedColumn],
        at: &Path,
    ) -> Option<Vec<Option<Exact>>> {
        let mut sums: Vec<Option<Exact>> = vec![None; columns.len()];
        for (c, column) in columns.iter().enumerate() {
            if column.formula != Formula::Given {
                continue;
            }
            for row in rows {
                if let Some(v) = row[c] {
                    sums[c] = match sums[c] {
                        None => Some(v),
                        Some(s) => match add(s.value, v.value) {
                            Some(value) => Some(Exact {
                                value,
                                terms: s.terms + v.terms,
                            }),
                            None => {
                                self.overflow(at);
                                return None;
                            }
                        },
                    };
                }
            }
        }
        match self.formulas(sums, columns) {
            Some(values) => Some(values),
            None => {
                self.overflow(at);
                None
            }
        }
    }

    /// The printed cells of a row: the computed figures, rounded, or the stated ones where
    /// the row states them (checked).
    /// `sum_dashes` says, per column, whether a row the sum adds up prints "–"; with no
    /// figure to add, the sum prints "–" too.
    fn printed(
        &mut self,
        row: &MoneyRow,
        values: &[Option<Exact>],
        sum_dashes: &[bool],
        columns: &[ComputedColumn],
        at: &Path,
        place: &StatedIn,
    ) -> (Vec<Option<Decimal>>, Vec<bool>) {
        let mut dashes = vec![false; columns.len()];
        let cells = columns
            .iter()
            .zip(values)
            .enumerate()
            .map(|(c, (column, value))| {
                let decimals = row.decimals.unwrap_or(column.decimals);
                let printed = value.map(|v| match v.value {
                    // "−0" as the source printed it (a reproduction's own figure).
                    zero if self.reproduction && zero.is_zero() && zero.is_sign_negative() => {
                        let mut zero = zero;
                        zero.rescale(decimals);
                        zero
                    }
                    v => as_printed(v, decimals),
                });
                let computed_cell =
                    column.formula != Formula::Given || row.kind != RowKind::Figures;
                if row.dashes.contains(&column.id) {
                    if computed_cell && let Some(v) = value {
                        self.dash_over_figure(row, column, v.value, at, place);
                    }
                    dashes[c] = true;
                    return None;
                }
                let Some(stated) = row.figures.get(&column.id).filter(|_| computed_cell) else {
                    dashes[c] = printed.is_none()
                        && row.kind != RowKind::Figures
                        && column.formula == Formula::Given
                        && sum_dashes[c];
                    return printed;
                };
                self.stated(row, column, decimals, value.as_ref(), stated, at, place)
            })
            .collect();
        (cells, dashes)
    }

    /// A row prints "–" where a figure is computed: refused in a new report, a warning in a
    /// reproduction (printed as the source printed it).
    fn dash_over_figure(
        &mut self,
        row: &MoneyRow,
        column: &ComputedColumn,
        value: Decimal,
        at: &Path,
        place: &StatedIn,
    ) {
        let (message, at) = match place {
            StatedIn::Total => (
                format!(
                    "the stated total prints \"–\" (nothing to report) for `{}`, but the rows add up to {value}",
                    column.id
                ),
                at.key("stated_total"),
            ),
            _ => (
                format!(
                    "the row \"{}\" prints \"–\" (nothing to report) for `{}`, but it computes to {value}",
                    row.label, column.id
                ),
                at.clone(),
            ),
        };
        if self.reproduction {
            self.finding(
                Severity::Warning,
                at.key(column.id.clone()),
                format!("{message}: printed as the source printed it"),
            );
        } else {
            self.error(at.key(column.id.clone()), message);
        }
    }

    /// Checks a stated figure against the computed one; the figure to print.
    #[allow(clippy::too_many_arguments)]
    fn stated(
        &mut self,
        row: &MoneyRow,
        column: &ComputedColumn,
        decimals: u32,
        computed: Option<&Exact>,
        stated: Decimal,
        at: &Path,
        place: &StatedIn,
    ) -> Option<Decimal> {
        let path = match place {
            StatedIn::Total => at.key("stated_total"),
            StatedIn::Row => at.key(column.id.clone()),
        };
        let what = match (place, row.kind) {
            (StatedIn::Total, _) => format!(
                "the stated {} total of \"{}\"",
                column.id,
                self.table.name()
            ),
            (_, RowKind::Figures) => format!("the stated {} of \"{}\"", column.id, row.label),
            (_, RowKind::Subtotal) => {
                format!("the stated {} of the subtotal \"{}\"", column.id, row.label)
            }
            (_, _) => format!("the stated {} of the result \"{}\"", column.id, row.label),
        };
        let slip = row.slips.contains(&column.id);
        let shown = || {
            let mut shown = stated;
            if shown.scale() < decimals {
                shown.rescale(decimals);
            }
            shown
        };
        let Some(computed) = computed else {
            // Nothing to compute it from (a figure missing): print what the source printed.
            return Some(stated);
        };
        let printed = as_printed(computed.value, decimals);
        if stated == printed || stated == computed.value {
            if slip {
                let key = match place {
                    StatedIn::Total => "total_slips",
                    StatedIn::Row => "slips",
                };
                self.finding(
                    Severity::Warning,
                    at.key(key),
                    format!("{what} is marked as a slip of the source, but it agrees with the computed {printed}"),
                );
            }
            // "−0" where the source printed the sign.
            if self.reproduction && stated.is_zero() && stated.is_sign_negative() {
                return Some(shown());
            }
            return Some(printed);
        }
        let source = match (place, row.kind) {
            (StatedIn::Row, RowKind::Figures) => "its formula gives",
            _ => "its rows add up to",
        };
        let message = format!("{what} is {stated}, but {source} {}", computed.value);
        if !self.reproduction {
            self.error(path, message);
            return Some(printed);
        }
        // Half a unit of the printed decimals for each figure that went into it.
        let half = Decimal::new(5, decimals + 1);
        let tolerance = half * Decimal::from(computed.terms.max(1));
        let off = (stated - computed.value).abs();
        if off <= tolerance {
            self.finding(
                Severity::Note,
                path,
                format!(
                    "{message}: within rounding (at most {tolerance} for {} figures), printed as the source printed it",
                    computed.terms
                ),
            );
        } else if slip {
            self.finding(
                Severity::Warning,
                path,
                format!(
                    "{message}: more than rounding explains (at most {tolerance} for {} figures); printed as the source printed it, marked as the source's slip",
                    computed.terms
                ),
            );
        } else {
            self.error_with_hint(
                path,
                format!(
                    "{message}: more than rounding explains (at most {tolerance} for {} figures)",
                    computed.terms
                ),
                Some(format!(
                    "if the source printed it so, mark it as the source's slip: `{} = [\"{}\"]`, and it is printed with a warning",
                    match place {
                        StatedIn::Total => "total_slips",
                        StatedIn::Row => "slips",
                    },
                    column.id
                )),
            );
        }
        Some(shown())
    }
}

/// Where a stated figure stands.
enum StatedIn {
    /// In the row it belongs to.
    Row,
    /// In the table's `stated_total`.
    Total,
}

/// The hint "did you mean `x`?" for a near miss among `known`.
fn did_you_mean(given: &str, known: &[&str]) -> Option<String> {
    crate::suggest::code_hint(given, known.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Format, check_str};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn printed_figures_round_half_away_from_zero_with_the_columns_decimals() {
        assert_eq!(as_printed(d("5.35"), 1).to_string(), "5.4");
        assert_eq!(as_printed(d("-5.35"), 1).to_string(), "-5.4");
        assert_eq!(as_printed(d("0"), 1).to_string(), "0.0");
        assert_eq!(as_printed(d("-0.04"), 1).to_string(), "0.0");
        assert_eq!(as_printed(d("12"), 2).to_string(), "12.00");
        assert_eq!(as_printed(d("1579.5"), 0).to_string(), "1580");
    }

    #[test]
    fn a_sum_that_would_lose_digits_is_refused() {
        let fine = d("0.0000000000000000000000000001");
        assert_eq!(add(fine, Decimal::ZERO), Some(fine));
        assert_eq!(add(fine, d("100")), None);
        assert_eq!(sub(d("100"), fine), None);
        assert_eq!(add(Decimal::MAX, Decimal::ONE), None);
    }

    const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n";

    fn table(meta: &str, block: &str) -> (Option<ComputedTable>, Vec<String>) {
        let text = format!(
            "{HEAD}{meta}[[chapters]]\ntitle = \"E\"\n[[chapters.blocks]]\ntype = \"finance\"\n{block}"
        );
        let checked = check_str(&text, Format::Toml, "t.toml".as_ref());
        let messages = checked
            .diagnostics
            .iter()
            .map(|d| format!("{:?}: {}", d.severity, d.message))
            .collect();
        let table = checked.report.map(|r| r.tables()[0].clone());
        (table, messages)
    }

    #[test]
    fn the_deviation_of_a_preset_follows_the_convention() {
        let rows = "rows = [{ label = \"A\", budget = 100, outcome = 90 }]\n";
        let (t, _) = table("", &format!("preset = \"annual\"\n{rows}"));
        assert_eq!(t.unwrap().rows[0].cells[2], Some(d("10")));
        let (t, _) = table(
            "",
            &format!("preset = \"annual\"\nconvention = \"income_positive\"\n{rows}"),
        );
        assert_eq!(t.unwrap().rows[0].cells[2], Some(d("-10")));
    }

    #[test]
    fn a_slip_of_the_source_prints_with_a_warning_and_a_dash_is_no_figure() {
        let reproduction = "reproduction = true\n";
        let block = |extra: &str| {
            format!(
                "preset = \"annual\"\nrows = [{{ label = \"A\", budget = 4, outcome = 3, deviation = 3{extra} }}, {{ label = \"B\", budget = \"–\", outcome = 2 }}]\n"
            )
        };
        // Beyond rounding, unmarked: refused, with the hint to mark it.
        let (t, messages) = table(reproduction, &block(""));
        assert!(t.is_none(), "{messages:?}");
        assert!(
            messages[0].contains("more than rounding explains"),
            "{messages:?}"
        );
        // Marked: printed as the source printed it, with a warning naming both figures.
        let (t, messages) = table(reproduction, &block(", slips = [\"deviation\"]"));
        let t = t.unwrap_or_else(|| panic!("{messages:?}"));
        assert_eq!(t.rows[0].cells[2], Some(d("3")));
        assert!(
            messages.iter().any(|m| m.starts_with(
                "Warning: the stated deviation of \"A\" is 3, but its formula gives 1"
            )),
            "{messages:?}"
        );
        // "–" is no figure: the row's deviation is empty, the budget's sum leaves it out, and
        // the cell is a dash.
        assert_eq!(t.rows[1].cells, [None, Some(d("2")), None]);
        assert_eq!(t.rows[1].dashes, [true, false, false]);
        assert_eq!(t.rows[2].cells[0], Some(d("4")));
        // A new report may not mark slips.
        let (t, messages) = table("", &block(", slips = [\"deviation\"]"));
        assert!(t.is_none());
        assert!(
            messages.iter().any(|m| m.contains("not a reproduction")),
            "{messages:?}"
        );
    }

    /// The printed cells of the row labelled `label`.
    fn cells_of(t: &ComputedTable, label: &str) -> Vec<Option<Decimal>> {
        t.rows
            .iter()
            .find(|r| r.label.as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no row {label:?}"))
            .cells
            .clone()
    }

    #[test]
    fn a_subtotal_without_a_group_heading_adds_the_rows_since_the_last_one() {
        let block = "preset = \"annual\"\nrows = [{ label = \"A\", budget = 4, outcome = 3 }, { label = \"B\", budget = 1, outcome = \"–\" }, { subtotal = \"S1\" }, { label = \"C\", budget = 2, outcome = 2 }, { subtotal = \"S2\", budget = 2 }, { result = \"R\" }, { label = \"D\", budget = 1, outcome = 1 }, { subtotal = \"S3\" }]\n";
        let (t, messages) = table("", block);
        let t = t.unwrap_or_else(|| panic!("{messages:?}"));
        let row = |label: &str| cells_of(&t, label);
        assert_eq!(row("S1"), [Some(d("5")), Some(d("3")), Some(d("2"))]);
        // The stated budget of S2 is checked against the one row it adds.
        assert_eq!(row("S2"), [Some(d("2")), Some(d("2")), Some(d("0"))]);
        assert_eq!(row("R"), [Some(d("7")), Some(d("5")), Some(d("2"))]);
        // After a result, the rows since it.
        assert_eq!(row("S3"), [Some(d("1")), Some(d("1")), Some(d("0"))]);
        assert!(messages.is_empty(), "{messages:?}");
        // A subtotal right after another adds nothing: refused at its place.
        let (t, messages) = table(
            "",
            "preset = \"annual\"\nrows = [{ label = \"A\", budget = 1, outcome = 1 }, { subtotal = \"S\" }, { subtotal = \"T\" }]\n",
        );
        assert!(t.is_none());
        assert!(
            messages
                .iter()
                .any(|m| m.contains("the subtotal \"T\" adds no rows")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_result_may_leave_named_rows_out() {
        let block = "preset = \"annual\"\nrows = [{ label = \"Intäkter\", budget = -10, outcome = -12 }, { label = \"Kostnader\", budget = 30, outcome = 31 }, { label = \"Jämförelsestörande poster\", budget = 5, outcome = \"–\" }, { result = \"Verksamhetens nettokostnader\", except = [\"Jämförelsestörande poster\"] }]\n";
        let (t, messages) = table("", block);
        let t = t.unwrap_or_else(|| panic!("{messages:?}"));
        let result = t
            .rows
            .iter()
            .find(|r| r.label.as_deref() == Some("Verksamhetens nettokostnader"))
            .unwrap();
        assert_eq!(result.cells, [Some(d("20")), Some(d("19")), Some(d("1"))]);
        // The dash of the row left out is not the result's.
        assert_eq!(result.dashes, [false, false, false]);
        // The total adds every row.
        assert_eq!(t.rows.last().unwrap().cells[0], Some(d("25")));
        // A row it leaves out must be a figure row above it: else refused, with a suggestion.
        let (t, messages) = table(
            "",
            &block.replace(
                "except = [\"Jämförelsestörande poster\"]",
                "except = [\"Jämförelsestörande post\"]",
            ),
        );
        assert!(t.is_none());
        assert!(
            messages.iter().any(|m| m.contains(
                "leaves out \"Jämförelsestörande post\", which is no figure row above it"
            )),
            "{messages:?}"
        );
    }

    #[test]
    fn the_rounding_warning_names_the_decimals_a_row_prints_with() {
        let (_, messages) = table(
            "",
            "preset = \"annual\"\ndecimals = 2\nrows = [{ label = \"A\", budget = \"1.5\", outcome = 1, decimals = 0 }]\n",
        );
        assert!(
            messages.iter().any(|m| m.contains(
                "figures of the column `budget` have more decimals than their rows print (0 in the first such row)"
            )),
            "{messages:?}"
        );
        let (_, messages) = table(
            "",
            "preset = \"annual\"\nrows = [{ label = \"A\", budget = \"1.5\", outcome = 1 }]\n",
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("the column `budget` prints 0 decimals")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_row_outside_the_sums_is_printed_and_added_by_none() {
        let block = "preset = \"annual\"\nrows = [{ group = \"G\" }, { label = \"A\", budget = 4, outcome = 3 }, { label = \"Interna poster\", budget = 10, outcome = 12, outside = true }, { subtotal = \"Summa G\" }, { label = \"B\", budget = 1, outcome = 2 }, { result = \"R\" }]\n";
        let (t, messages) = table("", block);
        let t = t.unwrap_or_else(|| panic!("{messages:?}"));
        let row = |label: &str| cells_of(&t, label);
        // Its own deviation is computed; no sum adds it.
        assert_eq!(
            row("Interna poster"),
            [Some(d("10")), Some(d("12")), Some(d("-2"))]
        );
        assert_eq!(row("Summa G"), [Some(d("4")), Some(d("3")), Some(d("1"))]);
        assert_eq!(row("R"), [Some(d("5")), Some(d("5")), Some(d("0"))]);
        assert_eq!(t.rows.last().unwrap().cells[0], Some(d("5")));
        // Only a figure row can stand outside.
        let (t, messages) = table(
            "",
            "preset = \"annual\"\nrows = [{ label = \"A\", budget = 1, outcome = 1 }, { result = \"R\", outside = true }]\n",
        );
        assert!(t.is_none());
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`outside = true` is for a figure row")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_reproduction_prints_its_stated_figure_within_rounding_and_refuses_more() {
        let block = "preset = \"annual\"\ndecimals = 1\nrows = [{ label = \"A\", budget = 1.1, outcome = 1.0 }, { label = \"B\", budget = 2.2, outcome = 2.0 }]\nstated_total = { budget = 3.4 }\n";
        let (t, messages) = table("", block);
        assert!(t.is_none());
        assert_eq!(
            messages,
            ["Error: the stated budget total of \"A\" is 3.4, but its rows add up to 3.3"]
        );
        let (t, messages) = table("", &block.replace("[meta]", ""));
        assert!(t.is_none(), "{messages:?}");
        let text = HEAD.replace(
            "kind = \"annual\"",
            "kind = \"annual\"\nreproduction = true",
        );
        let checked = check_str(
            &format!(
                "{text}[[chapters]]\ntitle = \"E\"\n[[chapters.blocks]]\ntype = \"finance\"\n{block}"
            ),
            Format::Toml,
            "t.toml".as_ref(),
        );
        let report = checked
            .report
            .expect("a reproduction within rounding is valid");
        let total = report.tables()[0].rows.last().unwrap();
        assert_eq!(total.kind, ComputedRowKind::Total);
        assert_eq!(
            total.cells[0],
            Some(d("3.4")),
            "printed as the source printed it"
        );
        assert_eq!(checked.diagnostics[0].severity, Severity::Note);
        let off = check_str(
            &format!(
                "{text}[[chapters]]\ntitle = \"E\"\n[[chapters.blocks]]\ntype = \"finance\"\n{}",
                block.replace("3.4", "3.5")
            ),
            Format::Toml,
            "t.toml".as_ref(),
        );
        assert!(off.report.is_none());
        assert!(
            off.diagnostics[0]
                .message
                .contains("more than rounding explains")
        );
    }
}
