//! Every chart's figures, resolved once (issue 24): a chart's own `categories` and `series`,
//! or the figures of a table of the report it names by id (`table = "drift"`), as that table
//! prints them, computed columns included. The layout draws only what this module returns,
//! so a chart drawn from a table can never disagree with it.
//!
//! A financial table (`finance`, `investments`) gives its rows as the categories (by label,
//! since its rows have no ids; every figure row when `rows` is absent) and its columns as the
//! series (by column id; the columns given in the rows when `columns` is absent). A statement
//! gives its rows as the series (by id, or by label) and its columns, such as years, as the
//! categories (by heading; all when `columns` is absent), from its first entity: a line over
//! the years of a five-year summary. Charts are resolved after every table is computed, so
//! the table may stand above or below the chart.
//!
//! A cell printed "–" (nothing to report) or empty is no figure: the chart leaves a gap.

use rust_decimal::Decimal;

use crate::compute::{ComputedTable, Formula};
use crate::goals::{AssessedGoal, AssessedTable};
use crate::location::{Finding, Path};
use crate::model::{Block, Chart, ChartKind, GoalCount, Report, Status, Unit};
use crate::named::Named;
use crate::statement::{ComputedStatement, Printed, Statements};
use crate::tree::{Item, each};
use crate::validate::MAX_CHART_SERIES;

/// A chart's figures: its categories and series, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartFigures {
    /// The categories along the category axis, in order.
    pub categories: Vec<Category>,
    /// The series, in order.
    pub series: Vec<FigureSeries>,
    /// The unit of the table the figures come from (printed when the chart names none).
    pub unit: Option<Unit>,
}

/// One series of a chart, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSeries {
    /// Its name in the legend.
    pub label: SeriesLabel,
    /// One figure per category; `None` where the table prints "–" or nothing: a gap.
    pub values: Vec<Option<Decimal>>,
    /// The figures are a share in per cent (a financial table's `share` column).
    pub percent: bool,
}

/// A category of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Category {
    /// Report text: a category of its own, a table's row label, a statement's column.
    Text(String),
    /// A goal status (of a goal status chart), printed in the labels' language.
    Status(Status),
    /// A financial table's total row with its built-in label ("Summa"), printed in the
    /// labels' language.
    Total,
}

/// The name of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesLabel {
    /// Report text: a series' own label, or a statement row's label.
    Text(String),
    /// The heading of a financial table's column, printed as the table prints it (a built-in
    /// heading in the labels' language).
    Column {
        /// The table: an index into [`crate::ValidReport::tables`].
        table: usize,
        /// The column: an index into its columns.
        column: usize,
    },
    /// What a goal status chart counts ("Antal mål"), in the labels' language.
    Count(GoalCount),
}

/// The bundled layout versions that print no charts (they came with 2026.2): a report naming
/// one with a chart is refused.
pub const LAYOUTS_WITHOUT_CHARTS: &[&str] = &["2026.1"];

/// The bundled layout versions that draw no stacked bars (`stacked_bars` came with 2026.3).
pub const LAYOUTS_WITHOUT_STACKED_BARS: &[&str] = &["2026.1", "2026.2"];

/// Resolves every chart of a report, in document order: the figures (all of them, or `None`
/// when one could not be resolved) and the findings. `None` too when the tables could not be
/// computed (their errors are reported already).
pub(crate) fn resolve(
    report: &Report,
    tables: Option<&[ComputedTable]>,
    statements: Option<&Statements>,
    goals: Option<&[AssessedTable]>,
) -> (Option<Vec<ChartFigures>>, Vec<Finding>) {
    let mut findings = Vec::new();
    let (Some(tables), Some(statements), Some(goals)) = (tables, statements, goals) else {
        return (None, findings);
    };
    let named = crate::named::index(report, tables, statements);
    let mut charts = Some(Vec::new());
    each(report, &mut |_, item, path| {
        let Item::Block(Block::Chart(chart)) = item else {
            return;
        };
        if let Some(version) = report.meta.layout.as_deref() {
            let refused = if LAYOUTS_WITHOUT_CHARTS.contains(&version) {
                Some("prints no charts (they came with the layout 2026.2)")
            } else if chart.kind == ChartKind::StackedBars
                && LAYOUTS_WITHOUT_STACKED_BARS.contains(&version)
            {
                Some(
                    "draws no stacked bars (they came with the layout 2026.3; `stacked` draws stacked columns)",
                )
            } else {
                None
            };
            if let Some(why) = refused {
                findings.push(Finding::error(
                    path.key("kind"),
                    format!("the report names the layout `{version}`, which {why}: leave `layout` out, or name a later version"),
                ));
                charts = None;
                return;
            }
        }
        let figures = match &chart.table {
            _ if chart.kind == ChartKind::GoalStatus => {
                goal_status(chart, goals, path, &mut findings)
            }
            None => Some(own(chart)),
            Some(id) => from_table(chart, id, &named, path, &mut findings),
        };
        match (figures, &mut charts) {
            (Some(f), Some(all)) => {
                if check(chart, &f, path, &mut findings) {
                    all.push(f);
                } else {
                    charts = None;
                }
            }
            _ => charts = None,
        }
    });
    (charts, findings)
}

/// How many goals (or indicators) of the report's goal tables have each status: met, partly
/// met and not met always, not assessed (or without a status) when any is.
fn goal_status(
    chart: &Chart,
    goals: &[AssessedTable],
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<ChartFigures> {
    let what = chart.count.unwrap_or_default();
    fn walk(goal: &AssessedGoal, what: GoalCount, counts: &mut [u64; 4]) {
        let mut add = |status: Option<Status>| {
            let i = match status {
                Some(Status::Met) => 0,
                Some(Status::PartlyMet) => 1,
                Some(Status::NotMet) => 2,
                Some(Status::NotAssessed) | None => 3,
            };
            counts[i] += 1;
        };
        match what {
            GoalCount::Goals if goal.goals.is_empty() => add(goal.status),
            GoalCount::Goals => {}
            GoalCount::Indicators => goal.indicators.iter().for_each(|i| add(i.status)),
        }
        for g in &goal.goals {
            walk(g, what, counts);
        }
    }
    let mut counts = [0u64; 4];
    for table in goals {
        for goal in &table.goals {
            walk(goal, what, &mut counts);
        }
    }
    if counts.iter().sum::<u64>() == 0 {
        let what = match what {
            GoalCount::Goals => "goals",
            GoalCount::Indicators => "indicators",
        };
        findings.push(Finding::error(
            path.key("kind"),
            format!(
                "a goal status chart counts the {what} of the report's goal tables, and the report has none"
            ),
        ));
        return None;
    }
    let statuses = [
        Status::Met,
        Status::PartlyMet,
        Status::NotMet,
        Status::NotAssessed,
    ];
    let shown: Vec<usize> = (0..4).filter(|&i| i < 3 || counts[i] > 0).collect();
    Some(ChartFigures {
        categories: shown
            .iter()
            .map(|&i| Category::Status(statuses[i]))
            .collect(),
        series: vec![FigureSeries {
            label: SeriesLabel::Count(what),
            values: shown
                .iter()
                .map(|&i| Some(Decimal::from(counts[i])))
                .collect(),
            percent: false,
        }],
        unit: None,
    })
}

/// A chart's own figures.
fn own(chart: &Chart) -> ChartFigures {
    ChartFigures {
        categories: chart
            .categories
            .iter()
            .cloned()
            .map(Category::Text)
            .collect(),
        series: chart
            .series
            .iter()
            .map(|s| FigureSeries {
                label: SeriesLabel::Text(s.label.clone()),
                values: s.values.iter().map(|v| Some(v.0)).collect(),
                percent: false,
            })
            .collect(),
        unit: None,
    }
}

/// The checks of a chart's figures once taken from a table (its own are checked with the
/// report's blocks): something to draw, not too many series, two points for a line.
fn check(chart: &Chart, f: &ChartFigures, path: &Path, findings: &mut Vec<Finding>) -> bool {
    if chart.table.is_none() {
        return true;
    }
    let mut ok = true;
    let mut error = |key: &'static str, message: String| {
        findings.push(Finding::error(path.key(key), message));
        ok = false;
    };
    if f.categories.is_empty() {
        error(
            "table",
            "the chart takes no category from its table: expected at least one row with figures"
                .into(),
        );
    }
    if f.series.is_empty() {
        error(
            "table",
            "the chart takes no series from its table: expected at least one column".into(),
        );
    }
    if f.series.len() > MAX_CHART_SERIES {
        error(
            "columns",
            format!(
                "the chart takes {} series from its table: at most {MAX_CHART_SERIES} can be told apart, so name them in `columns` (or `rows`)",
                f.series.len()
            ),
        );
    }
    if chart.kind == ChartKind::Lines && f.categories.len() == 1 {
        error(
            "table",
            "a line chart has one category: expected two or more (years), or kind = \"columns\""
                .into(),
        );
    }
    if chart.kind.is_stacked() {
        let negative = f.series.iter().find_map(|s| {
            s.values
                .iter()
                .zip(&f.categories)
                .find(|(v, _)| v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()))
        });
        if let Some((Some(v), category)) = negative {
            let category = match category {
                Category::Text(t) => t.as_str(),
                Category::Status(s) => s.as_str(),
                Category::Total => "total",
            };
            error(
                "kind",
                format!(
                    "a stacked chart cannot show the negative figure {v} (\"{category}\") its table gives: it stacks parts of a whole; give kind = \"columns\" or \"bars\""
                ),
            );
        }
    }
    if f.series
        .iter()
        .all(|s| s.values.iter().all(Option::is_none))
        && !f.series.is_empty()
    {
        error(
            "table",
            "every figure the chart takes from its table is \"–\" or empty: nothing to draw".into(),
        );
    }
    ok
}

/// The figures of the table `id` a chart names; `None` (with the findings) when the table,
/// a row or a column cannot be found.
fn from_table(
    chart: &Chart,
    id: &str,
    named: &[(String, Named)],
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<ChartFigures> {
    let table = match crate::named::find(named, id, "the chart takes its figures from") {
        Ok(table) => table,
        Err((message, hint)) => {
            findings.push(Finding::error(path.key("table"), message).with_hint(hint));
            return None;
        }
    };
    match table {
        Named::Money(index, t) => from_money(chart, id, *index, t, path, findings),
        Named::Statement(t, model) => from_statement(chart, id, t, model, path, findings),
        Named::Goals(_) => {
            findings.push(Finding::error(
                path.key("table"),
                format!(
                    "the chart takes its figures from the goal table `{id}`: a chart draws a financial table or a statement; for how many goals are met, give kind = \"goal_status\""
                ),
            ));
            None
        }
    }
}

/// A financial table's rows as categories, its columns as series.
fn from_money(
    chart: &Chart,
    id: &str,
    index: usize,
    table: &ComputedTable,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<ChartFigures> {
    let mut ok = true;
    let columns: Vec<usize> = if chart.columns.is_empty() {
        (0..table.columns.len())
            .filter(|&c| table.columns[c].formula == Formula::Given)
            .collect()
    } else {
        let known: Vec<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
        chart
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, wanted)| {
                let found = known.iter().position(|k| k == wanted);
                if found.is_none() {
                    findings.push(
                        Finding::error(
                            path.index("columns", i),
                            format!(
                                "the table `{id}` has no column `{wanted}` (its columns: {})",
                                known.join(", ")
                            ),
                        )
                        .with_hint(crate::suggest::code_hint(wanted, known.iter().copied())),
                    );
                    ok = false;
                }
                found
            })
            .collect()
    };
    let figure_rows: Vec<usize> = (0..table.rows.len())
        .filter(|&r| table.rows[r].kind == crate::compute::ComputedRowKind::Figures)
        .collect();
    let label = |r: usize| table.rows[r].label.as_deref().unwrap_or_default().trim();
    let rows: Vec<usize> = if chart.rows.is_empty() {
        figure_rows
    } else {
        // Any row of the table by its label: a subtotal or result too, when named.
        let labels: Vec<&str> = (0..table.rows.len())
            .filter(|&r| table.rows[r].kind != crate::compute::ComputedRowKind::Group)
            .map(label)
            .filter(|l| !l.is_empty())
            .collect();
        chart
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, wanted)| {
                let found = crate::named::money_row(table, wanted);
                if found.is_none() {
                    findings.push(
                        Finding::error(
                            path.index("rows", i),
                            format!(
                                "the table `{id}` has no row \"{wanted}\" (a financial table's rows are named by their labels, its total row `total`)"
                            ),
                        )
                        .with_hint(crate::suggest::text_hint(wanted, labels.iter().copied())),
                    );
                    ok = false;
                }
                found
            })
            .collect()
    };
    if !ok {
        return None;
    }
    Some(ChartFigures {
        categories: rows
            .iter()
            .map(|&r| match &table.rows[r].label {
                None if table.rows[r].kind == crate::compute::ComputedRowKind::Total => {
                    Category::Total
                }
                _ => Category::Text(label(r).to_owned()),
            })
            .collect(),
        series: columns
            .iter()
            .map(|&c| FigureSeries {
                label: SeriesLabel::Column {
                    table: index,
                    column: c,
                },
                values: rows
                    .iter()
                    .map(|&r| table.rows[r].cells.get(c).copied().flatten())
                    .collect(),
                percent: matches!(table.columns[c].formula, Formula::Share(..)),
            })
            .collect(),
        unit: Some(table.unit),
    })
}

/// A statement's rows as series, its columns (years) as categories, of its first entity.
fn from_statement(
    chart: &Chart,
    id: &str,
    table: &ComputedStatement,
    model: &crate::model::StatementTable,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<ChartFigures> {
    let mut ok = true;
    let columns: Vec<usize> = if chart.columns.is_empty() {
        (0..table.columns.len()).collect()
    } else {
        chart
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, wanted)| {
                let found = table.columns.iter().position(|k| k.trim() == wanted.trim());
                if found.is_none() {
                    findings.push(
                        Finding::error(
                            path.index("columns", i),
                            format!(
                                "the statement `{id}` has no column \"{wanted}\" (its columns: {})",
                                table.columns.join(", ")
                            ),
                        )
                        .with_hint(crate::suggest::text_hint(wanted, table.columns.iter())),
                    );
                    ok = false;
                }
                found
            })
            .collect()
    };
    if chart.rows.is_empty() {
        findings.push(Finding::error(
            path.key("table"),
            format!(
                "the chart takes its figures from the statement `{id}` but names no `rows`: a statement's rows are the series, so name them, e.g. rows = [\"<a row's id>\"]"
            ),
        ));
        return None;
    }
    let ids: Vec<&str> = model.rows.iter().filter_map(|r| r.id.as_deref()).collect();
    let rows: Vec<usize> = chart
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, wanted)| {
            let found = crate::named::statement_row(model, wanted).filter(|&r| table.rows.get(r).is_some_and(|l| !l.cells.is_empty()));
            if found.is_none() {
                findings.push(
                    Finding::error(
                        path.index("rows", i),
                        format!("the statement `{id}` has no row with figures `{wanted}` (by id or label)"),
                    )
                    .with_hint(crate::suggest::code_hint(wanted, ids.iter().copied())),
                );
                ok = false;
            }
            found
        })
        .collect();
    if !ok {
        return None;
    }
    Some(ChartFigures {
        categories: columns
            .iter()
            .map(|&c| Category::Text(table.columns[c].clone()))
            .collect(),
        series: rows
            .iter()
            .map(|&r| {
                let line = &table.rows[r];
                FigureSeries {
                    label: SeriesLabel::Text(line.label.clone()),
                    values: columns
                        .iter()
                        .map(|&c| match line.cells.first().and_then(|e| e.get(c)) {
                            Some(Printed::Figure(v)) => Some(*v),
                            _ => None,
                        })
                        .collect(),
                    percent: false,
                }
            })
            .collect(),
        unit: table.unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Part, check_str};

    const REPORT: &str = r#"
format_version = 1
[meta]
organisation = "K"
board = "KS"
kind = "annual"
period = { start = 2021-01-01, end = 2021-12-31 }
unit = "mnkr"
[[chapters]]
title = "Drift"
[[chapters.blocks]]
type = "chart"
kind = "bars"
title = "Avvikelse"
table = "drift"
CHART
[[chapters.blocks]]
type = "finance"
id = "drift"
preset = "annual"
convention = "income_positive"
decimals = 1
rows = [
  { label = "A", budget = -10, outcome = -8.5 },
  { label = "B", budget = -20, outcome = "–" },
  { group = "G" },
  { label = "C", budget = -5, outcome = -6 },
]
"#;

    fn figures(chart: &str) -> Result<ChartFigures, Vec<String>> {
        let text = REPORT.replace("CHART", chart);
        let checked = check_str(&text, Format::Toml, "t.toml".as_ref());
        let Some(report) = checked.report else {
            return Err(checked
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.message, d.hints.join(" ")))
                .collect());
        };
        let found = report.parts().into_iter().find_map(|p| match p {
            Part::Chart { figures, .. } => Some(figures.clone()),
            _ => None,
        });
        Ok(found.expect("a chart"))
    }

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_chart_takes_the_computed_figures_of_a_table_below_it_and_a_dash_is_a_gap() {
        let f = figures("columns = [\"outcome\", \"deviation\"]").unwrap();
        let text = |c: &Category| match c {
            Category::Text(t) => t.clone(),
            Category::Status(_) | Category::Total => String::new(),
        };
        let categories: Vec<String> = f.categories.iter().map(text).collect();
        // Every figure row, no group heading and no total.
        assert_eq!(categories, ["A", "B", "C"]);
        assert_eq!(f.series[0].values, [d("-8.5"), None, d("-6.0")]);
        assert_eq!(f.series[1].values, [d("1.5"), None, d("-1.0")]);
        assert_eq!(
            f.series[1].label,
            SeriesLabel::Column {
                table: 0,
                column: 2
            }
        );
        assert_eq!(f.unit, Some(Unit::Mnkr));
        // The given columns by default; rows in the order named, the total by its label.
        let f = figures("rows = [\"C\", \"A\"]").unwrap();
        assert_eq!(f.series.len(), 2);
        assert_eq!(f.series[0].values, [d("-5.0"), d("-10.0")]);
    }

    #[test]
    fn unknown_columns_rows_and_tables_are_refused_with_the_nearest_name() {
        let errors = figures("columns = [\"deviaton\"]").unwrap_err();
        assert!(
            errors[0].contains("no column `deviaton`")
                && errors[0].contains("did you mean `deviation`?"),
            "{errors:?}"
        );
        let errors = figures("rows = [\"G\"]").unwrap_err();
        assert!(errors[0].contains("has no row \"G\""), "{errors:?}");
        assert!(figures("").is_ok(), "a chart with only `table` is fine");
    }
}
