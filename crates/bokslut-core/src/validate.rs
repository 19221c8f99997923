//! Semantic checks of a report that was read successfully: what the types alone cannot say.
//!
//! Each check has its own message and names the place in the report's structure (a
//! [`Path`]); [`crate::read`] turns that into a line and column of the input file.

use rust_decimal::Decimal;

use crate::diag::Severity;
use crate::location::{Finding, Path};
use crate::model::MoneyTable;
use crate::model::{Block, Chart, ChartKind, Indicator, Report, Value};

/// The most series a chart draws: each needs a colour and a pattern of its own.
pub(crate) const MAX_CHART_SERIES: usize = 4;
use crate::tree::{Item, each};

/// Runs every semantic check.
pub fn validate(report: &Report) -> Vec<Finding> {
    let mut v = Validator::default();
    v.report(report);
    v.findings
}

#[derive(Default)]
struct Validator {
    findings: Vec<Finding>,
}

impl Validator {
    fn error(&mut self, path: Path, message: String) {
        self.findings.push(Finding::error(path, message));
    }

    fn warning(&mut self, path: Path, message: String) {
        self.findings
            .push(Finding::new(Severity::Warning, path, message));
    }

    fn required(&mut self, path: Path, what: &str, text: &str) {
        if text.trim().is_empty() {
            self.error(path, format!("{what} is empty: expected some text"));
        }
    }

    fn report(&mut self, report: &Report) {
        let root = Path::default();
        let meta = root.key("meta");
        let m = &report.meta;
        self.required(
            meta.key("organisation"),
            "the organisation",
            &m.organisation,
        );
        if let Some(board) = &m.board {
            self.required(meta.key("board"), "the board", board);
        }
        if let Some(title) = &m.title {
            self.required(meta.key("title"), "the title", title);
        }
        if m.period.end < m.period.start {
            self.error(
                meta.key("period"),
                format!(
                    "the period ends ({}) before it starts ({})",
                    m.period.end, m.period.start
                ),
            );
        }
        if let Some(date) = m.date
            && date < m.period.start
        {
            self.error(
                meta.key("date"),
                format!(
                    "the document date {date} is before the period starts ({})",
                    m.period.start
                ),
            );
        }
        each(report, &mut |_, item, path| match item {
            Item::Chapter(chapter) => {
                self.required(path.key("title"), "the chapter title", &chapter.title);
            }
            Item::Block(block) => self.block(report, block, path.clone()),
        });
    }

    fn block(&mut self, report: &Report, block: &Block, path: Path) {
        match block {
            Block::Text { .. } => {}
            Block::Heading { text } => self.required(path.key("text"), "the heading", text),
            Block::Decisions(t) => {
                for (i, d) in t.rows.iter().enumerate() {
                    self.required(
                        path.index("rows", i).key("decision"),
                        "the decision",
                        &d.decision,
                    );
                }
            }
            Block::Goals(t) => {
                if let Some(band) = t.partly_band {
                    if band < Decimal::ZERO || band > Decimal::ONE_HUNDRED {
                        self.error(
                            path.key("partly_band"),
                            format!("the band {band} % is not between 0 and 100 %"),
                        );
                    } else if !t.assess {
                        self.warning(
                            path.key("partly_band"),
                            "`partly_band` is used only with `assess = true`".into(),
                        );
                    }
                }
                crate::goals::visit(t, &path, &mut |node| match node {
                    crate::goals::Node::Goal {
                        what,
                        name,
                        comment,
                        path,
                    } => {
                        self.required(path.key("name"), what, name);
                        self.comment(&path, comment);
                    }
                    crate::goals::Node::Indicator { indicator, path } => {
                        self.comment(&path, indicator.comment.as_deref());
                        self.indicator(indicator, path);
                    }
                });
            }
            Block::Finance(t) | Block::Investments(t) => self.money(report, t, path),
            // Checked where they are computed: crate::statement.
            Block::Statement(_) | Block::Note(_) => {}
            Block::Chart(c) => self.chart(c, path),
        }
    }

    fn chart(&mut self, chart: &Chart, path: Path) {
        self.required(path.key("title"), "the chart's title", &chart.title);
        if chart.kind == ChartKind::GoalStatus {
            // Counted from the goal tables in crate::chart: nothing of its own to check.
            for (key, given) in [
                ("table", chart.table.is_some()),
                ("categories", !chart.categories.is_empty()),
                ("series", !chart.series.is_empty()),
                ("columns", !chart.columns.is_empty()),
                ("rows", !chart.rows.is_empty()),
            ] {
                if given {
                    self.error(
                        path.key(key),
                        format!(
                            "a goal status chart counts the statuses of the report's goal tables and takes no `{key}`: leave it out (`count = \"indicators\"` counts the indicators instead of the goals)"
                        ),
                    );
                }
            }
            return;
        }
        if chart.count.is_some() {
            self.error(
                path.key("count"),
                "`count` says what a goal status chart counts: leave it out, or give kind = \"goal_status\"".into(),
            );
        }
        if let Some(table) = &chart.table {
            // The figures come from the table: resolved, and checked, in crate::chart.
            for (key, given) in [
                ("categories", !chart.categories.is_empty()),
                ("series", !chart.series.is_empty()),
            ] {
                if given {
                    self.error(
                        path.key(key),
                        format!(
                            "the chart takes its figures from the table `{table}` and gives `{key}` of its own: a chart has one source of figures, so leave out `{key}` (or `table`)"
                        ),
                    );
                }
            }
            return;
        }
        for (key, given) in [
            ("columns", !chart.columns.is_empty()),
            ("rows", !chart.rows.is_empty()),
        ] {
            if given {
                self.error(
                    path.key(key),
                    format!(
                        "the chart names `{key}` but no `table` to take them from: add `table = \"<the table's id>\"`, or give `categories` and `series`"
                    ),
                );
            }
        }
        if chart.categories.is_empty() {
            self.error(
                path.key("categories"),
                "a chart has no categories: expected at least one (an activity, a year), or `table` to take its figures from".into(),
            );
        }
        if chart.kind == ChartKind::Lines && chart.categories.len() == 1 {
            self.error(
                path.key("categories"),
                "a line chart has one category: expected two or more (years), or kind = \"columns\""
                    .into(),
            );
        }
        for (i, c) in chart.categories.iter().enumerate() {
            self.required(path.index("categories", i), "the category", c);
        }
        if chart.series.is_empty() {
            self.error(
                path.key("series"),
                "a chart has no series: expected at least one, with a label and values".into(),
            );
        }
        if chart.series.len() > MAX_CHART_SERIES {
            self.error(
                path.index("series", MAX_CHART_SERIES),
                format!(
                    "a chart has {} series: at most {MAX_CHART_SERIES} can be told apart",
                    chart.series.len()
                ),
            );
        }
        for (i, s) in chart.series.iter().enumerate() {
            let at = path.index("series", i);
            self.required(at.key("label"), "the series' label", &s.label);
            if chart.kind.is_stacked() {
                for (j, v) in s.values.iter().enumerate() {
                    if v.0.is_sign_negative() && !v.0.is_zero() {
                        self.error(
                            at.index("values", j),
                            format!(
                                "a stacked chart cannot show the negative figure {} (the series \"{}\"): it stacks parts of a whole; give kind = \"columns\" or \"bars\"",
                                v.0, s.label
                            ),
                        );
                    }
                }
            }
            if s.values.len() != chart.categories.len() {
                self.error(
                    at.key("values"),
                    format!(
                        "the series \"{}\" has {} values for {} categories: expected one value per category",
                        s.label,
                        s.values.len(),
                        chart.categories.len()
                    ),
                );
            }
        }
    }

    fn indicator(&mut self, ind: &Indicator, path: Path) {
        self.required(path.key("name"), "the indicator name", &ind.name);
        for (key, value) in [("current", &ind.current), ("forecast", &ind.forecast)] {
            if let Some(v) = value {
                self.value(v, path.key(key));
            }
        }
        for (key, v) in &ind.earlier {
            self.value(v, path.key("earlier").key(key.clone()));
        }
        if let Some(t) = &ind.target {
            if let Some(value) = &t.value {
                self.value(value, path.key("target"));
            }
        } else {
            self.warning(
                path.key("name"),
                format!(
                    "the indicator \"{}\" has no target: its outcome cannot be judged",
                    ind.name
                ),
            );
        }
    }

    fn comment(&mut self, path: &Path, comment: Option<&str>) {
        if let Some(c) = comment {
            self.required(path.key("comment"), "the comment", c);
        }
    }

    fn value(&mut self, value: &Value, path: Path) {
        match value {
            Value::Percent(p) if *p < Decimal::ZERO || *p > Decimal::ONE_HUNDRED => self.error(
                path,
                format!("{p} % is not a share between 0 and 100 %: write a change or a ratio as `number`"),
            ),
            Value::Text(t) if t.trim().is_empty() => self.error(path, "the value's text is empty".into()),
            _ => {}
        }
    }

    fn money(&mut self, report: &Report, table: &MoneyTable, path: Path) {
        let period = report.meta.period;
        if let Some(date) = table.outcome_date
            && !(period.start..=period.end).contains(&date)
        {
            self.error(
                path.key("outcome_date"),
                format!(
                    "the outcome date {date} is outside the report's period {}–{}",
                    period.start, period.end
                ),
            );
        }
        // Rows, columns and figures are checked where they are computed: crate::compute.
    }
}
