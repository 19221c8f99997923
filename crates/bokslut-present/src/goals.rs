//! Goal tables as the template sees them: named fields only, every figure formatted, every
//! status and trend resolved by the core (`bokslut_core::goals::assess`) and put in words.
//!
//! Each string says whether it is a label (translated, in the labels' language) or the
//! report's own text: [`Text::is_label`]. The template dispatches on [`Cell`]'s `kind`.

use serde::Serialize;

use bokslut_core::goals::{
    AssessedGoal, AssessedIndicator, AssessedTable, ColumnKind, ColumnSpec, Trend,
};
use bokslut_core::{Relation, Status, Target, Unit, Value};

use crate::format::NumberFormat;
use crate::labels::Labels;

/// A goal table.
#[derive(Debug, Serialize)]
pub struct GoalsItem {
    /// Caption above the table (report text).
    pub caption: Option<String>,
    /// Heading of the indicator column (a label).
    pub indicator_heading: String,
    /// The columns after the indicator's name, left to right.
    pub columns: Vec<GoalColumn>,
    /// The names of the goal levels, outermost first: labels for the built-in two (council
    /// goal, board goal), else the report's words.
    pub levels: Vec<Text>,
    /// Whether the report declared the table's columns or named its levels: its columns
    /// (up to seven) are narrower than the default ones (at most four), and a goal's header
    /// row is kept on the page of its first row (a Typst sub-header). A table in the
    /// reference's form keeps the reference's layout and structure, byte for byte.
    pub declared: bool,
    /// The goals of the outermost level.
    pub goals: Vec<GoalRow>,
    /// The key to the status symbols, under the first table with a status column.
    pub legend: Option<Legend>,
}

/// A string and whose it is.
#[derive(Debug, Serialize)]
pub struct Text {
    /// The string.
    pub text: String,
    /// A label or a figure formatted by the labels' conventions (in the labels' language),
    /// rather than the report's own text.
    pub is_label: bool,
}

/// A column after the indicator's name.
#[derive(Debug, Serialize)]
pub struct GoalColumn {
    /// The column's id in the report (`current`, `2022`).
    pub id: String,
    /// What it shows: `earlier`, `current`, `forecast`, `target`, `status` or `trend`.
    pub kind: GoalColumnKind,
    /// Its heading.
    pub heading: Text,
}

/// A goal, at any level.
#[derive(Debug, Serialize)]
pub struct GoalRow {
    /// Its level: 0 for the outermost (an index into [`GoalsItem::levels`]).
    pub depth: usize,
    /// The goal (report text).
    pub name: String,
    /// Its assessment.
    pub status: Option<Mark>,
    /// The analysis, printed under the row (report text).
    pub comment: Option<String>,
    /// The goals of the next level.
    pub goals: Vec<GoalRow>,
    /// Its indicators.
    pub indicators: Vec<IndicatorRow>,
}

/// An indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    /// The level of the goal it measures (0 for the outermost).
    pub depth: usize,
    /// What is measured (report text).
    pub name: String,
    /// One cell per column of [`GoalsItem::columns`], in their order.
    pub cells: Vec<Cell>,
    /// The analysis, printed under the row (report text).
    pub comment: Option<String>,
}

/// A cell of an indicator's row.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cell {
    /// A value or a target; empty when the indicator has none.
    Figure {
        /// The column's id.
        column: String,
        /// The value as printed.
        text: Text,
    },
    /// The status: a shape and a word.
    Status {
        /// The column's id.
        column: String,
        /// The status; none when the indicator has none.
        mark: Option<Mark>,
    },
    /// The trend: an arrow and a word.
    Trend {
        /// The column's id.
        column: String,
        /// The trend; none when it cannot be told.
        mark: Option<Mark>,
    },
}

/// A status or a trend as printed: a key the template draws as a shape (an artifact), and
/// the word a reader reads (a label).
#[derive(Debug, Serialize)]
pub struct Mark {
    /// `met`, `partly_met`, `not_met`, `not_assessed`; `better`, `unchanged`, `worse`.
    pub key: MarkKey,
    /// The word, from the labels.
    pub word: String,
}

/// What a goal table's column shows; in the data its name in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalColumnKind {
    /// An earlier period's value.
    Earlier,
    /// The current value.
    Current,
    /// The forecast.
    Forecast,
    /// The target.
    Target,
    /// The status, a mark.
    Status,
    /// The trend, a mark.
    Trend,
}

/// The shape of a mark: a status or a trend; in the data its name in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKey {
    /// The goal or indicator is met: a filled circle.
    Met,
    /// Partly met: a half-filled circle.
    PartlyMet,
    /// Not met: an empty circle.
    NotMet,
    /// Not assessed: a dash.
    NotAssessed,
    /// Moved towards its target: an arrow up.
    Better,
    /// Did not move: a level arrow.
    Unchanged,
    /// Moved away from its target: an arrow down.
    Worse,
}

impl MarkKey {
    /// The name, as in the data (`partly_met`, `better`).
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKey::Met => "met",
            MarkKey::PartlyMet => "partly_met",
            MarkKey::NotMet => "not_met",
            MarkKey::NotAssessed => "not_assessed",
            MarkKey::Better => "better",
            MarkKey::Unchanged => "unchanged",
            MarkKey::Worse => "worse",
        }
    }
}

/// The key to the status symbols.
#[derive(Debug, Serialize)]
pub struct Legend {
    /// Its title (a label).
    pub title: String,
    /// Every status, in order.
    pub marks: Vec<Mark>,
}

/// Builds the goal tables of one document, in order: the legend goes under the first table
/// with a status column.
pub struct GoalTables<'a> {
    labels: &'a Labels,
    numbers: &'a NumberFormat,
    unit: Unit,
    legend_given: bool,
    /// Whether the table being built prints targets' bounds as symbols.
    target_symbols: bool,
}

impl<'a> GoalTables<'a> {
    /// A builder for a document with these labels, number format and report unit.
    pub fn new(labels: &'a Labels, numbers: &'a NumberFormat, unit: Unit) -> GoalTables<'a> {
        GoalTables {
            labels,
            numbers,
            unit,
            legend_given: false,
            target_symbols: false,
        }
    }

    /// The item of the next goal table.
    pub fn item(&mut self, table: &AssessedTable) -> GoalsItem {
        self.target_symbols = table.target_symbols;
        let l = |id: &str| self.labels.get(id);
        let label = |text: String| Text {
            text,
            is_label: true,
        };
        let own = |text: &String| Text {
            text: text.clone(),
            is_label: false,
        };
        let levels = match &table.levels {
            Some(names) => names.iter().map(own).collect(),
            None => vec![label(l("col-council-goal")), label(l("col-board-goal"))],
        };
        let columns: Vec<GoalColumn> = table
            .columns
            .iter()
            .map(|c| GoalColumn {
                id: c.id.clone(),
                kind: column_kind(c.kind),
                heading: match &c.heading {
                    Some(h) => own(h),
                    None => label(l(match c.kind {
                        ColumnKind::Current => "col-current",
                        ColumnKind::Forecast => "col-forecast",
                        ColumnKind::Target => "col-target",
                        ColumnKind::Status => "col-assessment",
                        // An earlier outcome always has its heading (checked by the core).
                        ColumnKind::Trend | ColumnKind::Earlier => "col-trend",
                    })),
                },
            })
            .collect();
        let has_status = table.columns.iter().any(|c| c.kind == ColumnKind::Status);
        let legend = (has_status && !self.legend_given).then(|| Legend {
            title: l("goal-legend"),
            marks: [
                Status::Met,
                Status::PartlyMet,
                Status::NotMet,
                Status::NotAssessed,
            ]
            .into_iter()
            .map(|s| self.status(s))
            .collect(),
        });
        self.legend_given |= has_status;
        GoalsItem {
            caption: table.caption.clone(),
            indicator_heading: table
                .indicator_heading
                .clone()
                .unwrap_or_else(|| l("col-indicator")),
            columns,
            levels,
            declared: table.declared || table.levels.is_some(),
            goals: table
                .goals
                .iter()
                .map(|g| self.goal(g, 0, &table.columns))
                .collect(),
            legend,
        }
    }

    fn goal(&self, goal: &AssessedGoal, depth: usize, columns: &[ColumnSpec]) -> GoalRow {
        GoalRow {
            depth,
            name: goal.name.clone(),
            status: goal.status.map(|s| self.status(s)),
            comment: goal.comment.clone(),
            goals: goal
                .goals
                .iter()
                .map(|g| self.goal(g, depth + 1, columns))
                .collect(),
            indicators: goal
                .indicators
                .iter()
                .map(|i| self.indicator(i, depth, columns))
                .collect(),
        }
    }

    fn indicator(
        &self,
        i: &AssessedIndicator,
        depth: usize,
        columns: &[ColumnSpec],
    ) -> IndicatorRow {
        let cells = columns
            .iter()
            .map(|c| {
                let column = c.id.clone();
                match c.kind {
                    ColumnKind::Status => Cell::Status {
                        column,
                        mark: i.status.map(|s| self.status(s)),
                    },
                    ColumnKind::Trend => Cell::Trend {
                        column,
                        mark: i.trend.map(|t| self.trend(t)),
                    },
                    ColumnKind::Target => Cell::Figure {
                        column,
                        text: Text {
                            text: i
                                .indicator
                                .target
                                .as_ref()
                                .map(|t| self.target(t, self.target_symbols))
                                .unwrap_or_default(),
                            is_label: !matches!(
                                i.indicator.target,
                                Some(Target {
                                    value: Some(Value::Text(_)),
                                    relation: Relation::Level
                                })
                            ),
                        },
                    },
                    ColumnKind::Earlier | ColumnKind::Current | ColumnKind::Forecast => {
                        let value = i.value(c);
                        Cell::Figure {
                            column,
                            text: Text {
                                text: value.map(|v| self.value(v)).unwrap_or_default(),
                                is_label: !matches!(value, Some(Value::Text(_))),
                            },
                        }
                    }
                }
            })
            .collect();
        IndicatorRow {
            depth,
            name: i.indicator.name.clone(),
            cells,
            comment: i.indicator.comment.clone(),
        }
    }

    /// An amount with its unit, as the locale writes it: "1 579 tkr", "SEK 1,579k".
    fn amount(&self, value: rust_decimal::Decimal) -> String {
        let id = match self.unit {
            Unit::Tkr => "amount-tkr",
            Unit::Mnkr => "amount-mnkr",
            Unit::Kr => "amount-kr",
        };
        self.labels
            .format(id, &[("value", &self.numbers.number(value))])
    }

    fn value(&self, value: &Value) -> String {
        let n = self.numbers;
        match value {
            Value::Percent(p) => n.percent(*p),
            // The unit is the report's own word; the locale places it (and English drops the
            // Swedish "st", pieces, as English writes a count without a unit).
            Value::Count {
                value,
                unit: Some(unit),
            } => self.labels.format(
                "value-count",
                &[("value", &n.number(*value)), ("unit", unit)],
            ),
            Value::Count { value, unit: None } | Value::Number(value) => n.number(*value),
            Value::Amount(a) => self.amount(*a),
            Value::YesNo(yes) => self.labels.get(if *yes { "value-yes" } else { "value-no" }),
            Value::Text(t) => t.clone(),
        }
    }

    fn target(&self, target: &Target, symbols: bool) -> String {
        let Some(value) = &target.value else {
            // A direction with no baseline, in words either way.
            let id = match target.relation {
                Relation::Decrease => "target-decrease",
                _ => "target-increase",
            };
            return self.labels.get(id);
        };
        let value = self.value(value);
        let symbol = match target.relation {
            Relation::AtMost => Some('≤'),
            Relation::AtLeast => Some('≥'),
            Relation::Below => Some('<'),
            Relation::Above => Some('>'),
            Relation::Level
            | Relation::IncreaseFrom
            | Relation::DecreaseFrom
            | Relation::Increase
            | Relation::Decrease => None,
        };
        if let (true, Some(symbol)) = (symbols, symbol) {
            // A no-break space: the symbol never ends a line without its value.
            return format!("{symbol}\u{a0}{value}");
        }
        let id = match target.relation {
            Relation::Level => return value,
            Relation::AtMost => "target-at-most",
            Relation::AtLeast => "target-at-least",
            Relation::IncreaseFrom | Relation::Increase => "target-increase-from",
            Relation::DecreaseFrom | Relation::Decrease => "target-decrease-from",
            Relation::Below => "target-below",
            Relation::Above => "target-above",
        };
        self.labels.format(id, &[("value", &value)])
    }

    fn status(&self, status: Status) -> Mark {
        let id = match status {
            Status::Met => "goal-met",
            Status::PartlyMet => "goal-partly-met",
            Status::NotMet => "goal-not-met",
            Status::NotAssessed => "goal-not-assessed",
        };
        let key = match status {
            Status::Met => MarkKey::Met,
            Status::PartlyMet => MarkKey::PartlyMet,
            Status::NotMet => MarkKey::NotMet,
            Status::NotAssessed => MarkKey::NotAssessed,
        };
        Mark {
            key,
            word: self.labels.get(id),
        }
    }

    fn trend(&self, trend: Trend) -> Mark {
        let id = match trend {
            Trend::Better => "trend-better",
            Trend::Unchanged => "trend-unchanged",
            Trend::Worse => "trend-worse",
        };
        let key = match trend {
            Trend::Better => MarkKey::Better,
            Trend::Unchanged => MarkKey::Unchanged,
            Trend::Worse => MarkKey::Worse,
        };
        Mark {
            key,
            word: self.labels.get(id),
        }
    }
}

fn column_kind(kind: ColumnKind) -> GoalColumnKind {
    match kind {
        ColumnKind::Earlier => GoalColumnKind::Earlier,
        ColumnKind::Current => GoalColumnKind::Current,
        ColumnKind::Forecast => GoalColumnKind::Forecast,
        ColumnKind::Target => GoalColumnKind::Target,
        ColumnKind::Status => GoalColumnKind::Status,
        ColumnKind::Trend => GoalColumnKind::Trend,
    }
}

#[cfg(test)]
mod kind_tests {
    use super::{GoalColumnKind, MarkKey};

    #[test]
    fn kinds_and_keys_are_written_as_the_template_matches_them() {
        let marks = [
            (MarkKey::Met, "met"),
            (MarkKey::PartlyMet, "partly_met"),
            (MarkKey::NotMet, "not_met"),
            (MarkKey::NotAssessed, "not_assessed"),
            (MarkKey::Better, "better"),
            (MarkKey::Unchanged, "unchanged"),
            (MarkKey::Worse, "worse"),
        ];
        for (key, name) in marks {
            assert_eq!(serde_json::to_value(key).unwrap(), name);
            assert_eq!(key.as_str(), name);
        }
        assert_eq!(
            serde_json::to_value(GoalColumnKind::Forecast).unwrap(),
            "forecast"
        );
    }
}
