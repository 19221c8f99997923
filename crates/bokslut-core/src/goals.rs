//! The assessment of goals and indicators (måluppfyllelse).
//!
//! A goal or an indicator carries the `status` its author gave it. In a goal table with
//! `assess = true`, an indicator without one is assessed here from its current value and its
//! target, once, by the core: the layout prints what [`status`] returns and never compares
//! figures itself.
//!
//! The rules, for a current value `v` and a target value `t` of the same numeric kind
//! (`percent`, `count` with the same unit, `amount`, `number`), with a band of `b` percent
//! (the table's `partly_band`, none when absent):
//!
//! * `level`: met when `v = t`; partly met when `|v − t| ≤ |t|·b/100`.
//! * `at_least`: met when `v ≥ t`; partly met when `v ≥ t − |t|·b/100`.
//! * `at_most`: met when `v ≤ t`; partly met when `v ≤ t + |t|·b/100`.
//! * `increase_from` (baseline `t`): met when `v > t`; partly met when `v ≥ t − |t|·b/100`
//!   (unchanged, or fallen by at most the band).
//! * `decrease_from` (baseline `t`): met when `v < t`; partly met when `v ≤ t + |t|·b/100`.
//! * `below` (strict: "under 10 %", "< 10"): met when `v < t`; partly met when
//!   `v < t + |t|·b/100`.
//! * `above` (strict: "över 5"): met when `v > t`; partly met when `v > t − |t|·b/100`.
//!
//! Anything else is not met. An indicator with no current value, no target, or values of
//! another kind (`yes_no`, `text`, or kinds that differ) is not assessed.
//!
//! The trend ([`trend`]) compares the current value with the latest earlier outcome the
//! indicator has (the rightmost earlier column with a value): better when it moved towards
//! the target (up for `at_least`, `above` and `increase_from`, down for `at_most`, `below`
//! and `decrease_from`, nearer for `level`), worse when it moved away, unchanged when equal.
//!
//! `assess` resolves a goal table once, for [`crate::ValidReport`]: its columns, the names
//! of its levels, every status (given or computed) and every trend. The layout prints these
//! and never compares figures itself.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::diag::Severity;
use crate::location::{Finding, Path};
use crate::model::{Aggregate, GoalTable, Indicator, Relation, ReportKind, Status, Target, Value};

/// The most columns a goal table has after the indicator's name: more do not fit the page.
pub(crate) const MAX_COLUMNS: usize = 7;

/// The most goal levels of a table.
pub(crate) const MAX_LEVELS: usize = 3;

/// What a goal table's column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// An earlier outcome (the indicators' `earlier` value of the column's id).
    Earlier,
    /// The value of the period.
    Current,
    /// The forecast for the full year (interim reports).
    Forecast,
    /// The target.
    Target,
    /// The status.
    Status,
    /// The trend since the latest earlier outcome.
    Trend,
}

impl ColumnKind {
    /// The kind of a column id: a built-in name, else an earlier outcome.
    pub fn of(id: &str) -> ColumnKind {
        match id {
            "current" => ColumnKind::Current,
            "forecast" => ColumnKind::Forecast,
            "target" => ColumnKind::Target,
            "status" => ColumnKind::Status,
            "trend" => ColumnKind::Trend,
            _ => ColumnKind::Earlier,
        }
    }
}

/// A column of an assessed goal table.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// Its id (`current`, `2022`).
    pub id: String,
    /// What it shows.
    pub kind: ColumnKind,
    /// The heading in the report's words; the built-in one of its kind when `None`.
    pub heading: Option<String>,
}

/// Whether an indicator moved towards its target since its latest earlier outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Towards the target.
    Better,
    /// Neither.
    Unchanged,
    /// Away from the target.
    Worse,
}

impl Trend {
    /// A key for the template: `better`, `unchanged`, `worse`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Better => "better",
            Trend::Unchanged => "unchanged",
            Trend::Worse => "worse",
        }
    }
}

/// A goal table resolved once: its columns, level names, statuses and trends.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessedTable {
    /// The caption.
    pub caption: Option<String>,
    /// The names of the levels in the report's words, outermost first; `None` for the
    /// built-in two (council goal, board goal).
    pub levels: Option<Vec<String>>,
    /// The columns after the indicator's name.
    pub columns: Vec<ColumnSpec>,
    /// Whether the report declared the columns (`columns`), or they are the default ones.
    pub declared: bool,
    /// The heading of the indicators' column in the report's words, when it gives one.
    pub indicator_heading: Option<String>,
    /// Whether targets' bounds print as symbols (`≥ 90 %`) rather than words.
    pub target_symbols: bool,
    /// The goals of the outermost level.
    pub goals: Vec<AssessedGoal>,
}

/// A goal with its status.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessedGoal {
    /// The goal as worded.
    pub name: String,
    /// Its status: as given, else by the table's `aggregate` rule, else none.
    pub status: Option<Status>,
    /// The status the table's `aggregate` rule gives, when it has one.
    pub aggregated: Option<Status>,
    /// The analysis.
    pub comment: Option<String>,
    /// The goals of the next level.
    pub goals: Vec<AssessedGoal>,
    /// Its indicators.
    pub indicators: Vec<AssessedIndicator>,
}

/// An indicator with its status and trend.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessedIndicator {
    /// The indicator as written.
    pub indicator: Indicator,
    /// The status printed: given, else computed when the table assesses, else none.
    pub status: Option<Status>,
    /// The status computed from the figures, when the table assesses and they compare.
    pub computed: Option<Status>,
    /// The trend since the latest earlier outcome, when there is one and it compares.
    pub trend: Option<Trend>,
}

impl AssessedIndicator {
    /// Whether a given status differs from the one its figures give (`check` warns).
    pub fn disagrees(&self) -> bool {
        matches!((self.indicator.status, self.computed), (Some(g), Some(c)) if g != c)
    }

    /// The value the indicator has in a column: its earlier outcome, current value or
    /// forecast; `None` for other columns (the target is [`Indicator::target`]).
    pub fn value(&self, column: &ColumnSpec) -> Option<&Value> {
        let i = &self.indicator;
        match column.kind {
            ColumnKind::Earlier => i.earlier.get(&column.id),
            ColumnKind::Current => i.current.as_ref(),
            ColumnKind::Forecast => i.forecast.as_ref(),
            _ => None,
        }
    }
}

impl AssessedTable {
    /// Whether a goal or an indicator of the table has a status.
    pub fn has_status(&self) -> bool {
        fn any(goals: &[AssessedGoal]) -> bool {
            goals.iter().any(|g| {
                g.status.is_some()
                    || g.indicators.iter().any(|i| i.status.is_some())
                    || any(&g.goals)
            })
        }
        any(&self.goals)
    }
}

/// The status printed for an indicator of `table`: the one its author gave, else the computed
/// one when the table assesses, else none.
pub fn status(table: &GoalTable, indicator: &Indicator) -> Option<Status> {
    indicator.status.or_else(|| {
        table
            .assess
            .then(|| computed(indicator, table.partly_band).unwrap_or(Status::NotAssessed))
    })
}

/// The status computed from an indicator's current value and target, with a partly-met band
/// in percent; `None` when the two cannot be compared (see the module's rules).
pub fn computed(indicator: &Indicator, band: Option<Decimal>) -> Option<Status> {
    let target = indicator.target.as_ref()?;
    // A direction with no baseline ("ska öka") is judged by the report (`status`), or by the
    // trend column, not from one value.
    let level = target.value.as_ref()?;
    let v = number(indicator.current.as_ref()?, level)?;
    let t = number(level, indicator.current.as_ref()?)?;
    let slack = band.map(|b| t.abs() * b / Decimal::ONE_HUNDRED);
    let partly = |ok: &dyn Fn(Decimal) -> bool| slack.is_some_and(ok);
    let (met, partly) = match target.relation {
        Relation::Level => (v == t, partly(&|s| (v - t).abs() <= s)),
        Relation::AtLeast => (v >= t, partly(&|s| v >= t - s)),
        Relation::IncreaseFrom => (v > t, partly(&|s| v >= t - s)),
        Relation::AtMost => (v <= t, partly(&|s| v <= t + s)),
        Relation::DecreaseFrom => (v < t, partly(&|s| v <= t + s)),
        Relation::Below => (v < t, partly(&|s| v < t + s)),
        Relation::Above => (v > t, partly(&|s| v > t - s)),
        Relation::Increase | Relation::Decrease => return None,
    };
    Some(if met {
        Status::Met
    } else if partly {
        Status::PartlyMet
    } else {
        Status::NotMet
    })
}

/// The number of `value` when it can be compared with `other`: both of the same numeric kind
/// (counts with the same unit).
fn number(value: &Value, other: &Value) -> Option<Decimal> {
    match (value, other) {
        (Value::Percent(a), Value::Percent(_))
        | (Value::Amount(a), Value::Amount(_))
        | (Value::Number(a), Value::Number(_)) => Some(*a),
        (Value::Count { value, unit }, Value::Count { unit: u, .. }) if unit == u => Some(*value),
        _ => None,
    }
}

/// The trend from `previous` to `current` against `target`; `None` when the values do not
/// compare (see the module's rules).
pub fn trend(previous: &Value, current: &Value, target: &Target) -> Option<Trend> {
    let p = number(previous, current)?;
    let v = number(current, previous)?;
    let closer = match target.relation {
        Relation::AtLeast | Relation::IncreaseFrom | Relation::Above | Relation::Increase => {
            v.cmp(&p)
        }
        Relation::AtMost | Relation::DecreaseFrom | Relation::Below | Relation::Decrease => {
            p.cmp(&v)
        }
        Relation::Level => {
            let t = number(target.value.as_ref()?, current)?;
            (p - t).abs().cmp(&(v - t).abs())
        }
    };
    Some(match closer {
        std::cmp::Ordering::Greater => Trend::Better,
        std::cmp::Ordering::Equal => Trend::Unchanged,
        std::cmp::Ordering::Less => Trend::Worse,
    })
}

/// One goal or indicator of a table, in reading order, with its place.
pub(crate) enum Node<'a> {
    /// A goal at `level` (0 for the outermost).
    Goal {
        /// What the level is called in messages: "the council goal", "the goal".
        what: &'static str,
        name: &'a str,
        comment: Option<&'a str>,
        path: Path,
    },
    /// An indicator.
    Indicator {
        indicator: &'a Indicator,
        path: Path,
    },
}

/// Visits every goal and indicator of a table, in either form, in reading order.
pub(crate) fn visit<'a>(table: &'a GoalTable, path: &Path, f: &mut dyn FnMut(Node<'a>)) {
    fn indicators<'a>(list: &'a [Indicator], path: &Path, f: &mut dyn FnMut(Node<'a>)) {
        for (k, indicator) in list.iter().enumerate() {
            let path = path.index("indicators", k);
            f(Node::Indicator { indicator, path });
        }
    }
    fn goals<'a>(list: &'a [crate::model::Goal], path: &Path, f: &mut dyn FnMut(Node<'a>)) {
        for (i, g) in list.iter().enumerate() {
            let path = path.index("goals", i);
            f(Node::Goal {
                what: "the goal",
                name: &g.name,
                comment: g.comment.as_deref(),
                path: path.clone(),
            });
            goals(&g.goals, &path, f);
            indicators(&g.indicators, &path, f);
        }
    }
    for (i, g) in table.council_goals.iter().enumerate() {
        let gp = path.index("council_goals", i);
        f(Node::Goal {
            what: "the council goal",
            name: &g.name,
            comment: g.comment.as_deref(),
            path: gp.clone(),
        });
        for (j, b) in g.board_goals.iter().enumerate() {
            let bp = gp.index("board_goals", j);
            f(Node::Goal {
                what: "the board goal",
                name: &b.name,
                comment: b.comment.as_deref(),
                path: bp.clone(),
            });
            indicators(&b.indicators, &bp, f);
        }
    }
    goals(&table.goals, path, f);
}

/// The outcome of [`assess`]: the table (none when it has an error) and the findings.
pub(crate) struct Assessed {
    pub table: Option<AssessedTable>,
    pub findings: Vec<Finding>,
}

/// Resolves a goal table at `path` of a report of `kind`: checks its columns and levels,
/// computes every status and trend, and warns where a given status differs from the figures.
pub(crate) fn assess(table: &GoalTable, kind: ReportKind, path: &Path) -> Assessed {
    let mut a = Assessor {
        table,
        findings: Vec::new(),
        earlier: Vec::new(),
    };
    let columns = a.columns(kind, path);
    let levels = a.levels(path);
    let goals = if table.goals.is_empty() {
        table
            .council_goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let gp = path.index("council_goals", i);
                AssessedGoal {
                    name: g.name.clone(),
                    status: g.status,
                    aggregated: None,
                    comment: g.comment.clone(),
                    goals: g
                        .board_goals
                        .iter()
                        .enumerate()
                        .map(|(j, b)| {
                            let bp = gp.index("board_goals", j);
                            AssessedGoal {
                                name: b.name.clone(),
                                status: b.status,
                                aggregated: None,
                                comment: b.comment.clone(),
                                goals: Vec::new(),
                                indicators: a.indicators(&b.indicators, &bp),
                            }
                        })
                        .collect(),
                    indicators: Vec::new(),
                }
            })
            .collect()
    } else {
        a.goals(&table.goals, path, 1, levels.as_ref().map_or(2, Vec::len))
    };
    let mut goals = goals;
    if let Some(rule) = table.aggregate {
        let council = table.goals.is_empty();
        for (i, g) in goals.iter_mut().enumerate() {
            let key = if council { "council_goals" } else { "goals" };
            a.aggregate(g, rule, &path.index(key, i), council);
        }
    }
    let mut assessed = AssessedTable {
        caption: table.caption.clone(),
        levels,
        declared: table.columns.is_some(),
        indicator_heading: table.indicator_heading.clone(),
        target_symbols: table.target_symbols,
        columns,
        goals,
    };
    if !assessed.declared {
        // The default shape: a status column only when something has a status.
        if !assessed.has_status() {
            assessed.columns.retain(|c| c.kind != ColumnKind::Status);
        }
        let forecast = |i: &AssessedIndicator| i.indicator.forecast.is_some();
        fn any(goals: &[AssessedGoal], f: &dyn Fn(&AssessedIndicator) -> bool) -> bool {
            goals
                .iter()
                .any(|g| g.indicators.iter().any(f) || any(&g.goals, f))
        }
        if kind != ReportKind::Interim && !any(&assessed.goals, &forecast) {
            assessed.columns.retain(|c| c.kind != ColumnKind::Forecast);
        }
    }
    let failed = a.findings.iter().any(|f| f.severity == Severity::Error);
    Assessed {
        table: (!failed).then_some(assessed),
        findings: a.findings,
    }
}

struct Assessor<'a> {
    table: &'a GoalTable,
    findings: Vec<Finding>,
    /// The ids of the earlier-outcome columns, left to right.
    earlier: Vec<String>,
}

impl Assessor<'_> {
    fn push(&mut self, severity: Severity, path: Path, message: String) {
        self.findings.push(Finding::new(severity, path, message));
    }

    fn error(&mut self, path: Path, message: String) {
        self.findings.push(Finding::error(path, message));
    }

    fn columns(&mut self, kind: ReportKind, path: &Path) -> Vec<ColumnSpec> {
        let Some(declared) = &self.table.columns else {
            return ["current", "forecast", "target", "status"]
                .map(|id| ColumnSpec {
                    id: id.to_owned(),
                    kind: ColumnKind::of(id),
                    heading: None,
                })
                .into();
        };
        if declared.len() > MAX_COLUMNS {
            self.error(
                path.key("columns"),
                format!(
                    "{} columns do not fit the page: a goal table has at most {MAX_COLUMNS} \
                     after the indicator's name",
                    declared.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        let mut columns = Vec::new();
        for (i, c) in declared.iter().enumerate() {
            let cp = path.index("columns", i);
            let kind_of = ColumnKind::of(&c.id);
            let valid_id = c.id.chars().next().is_some()
                && c.id
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
            if !valid_id {
                self.error(
                    cp.key("id"),
                    format!(
                        "the column id {:?} is not a name: expected letters, digits and `_`",
                        c.id
                    ),
                );
                continue;
            }
            if !seen.insert(c.id.as_str()) {
                self.error(
                    cp.key("id"),
                    format!("the column `{}` is declared twice", c.id),
                );
                continue;
            }
            match (&c.heading, kind_of) {
                (Some(h), _) if h.trim().is_empty() => {
                    self.error(
                        cp.key("heading"),
                        "the heading is empty: expected some text".into(),
                    );
                }
                (None, ColumnKind::Earlier) => self.error(
                    cp.key("id"),
                    format!(
                        "the column `{}` is an earlier outcome and needs a `heading` (e.g. \
                         \"Utfall 2022\"); the built-in columns are `current`, `forecast`, \
                         `target`, `status` and `trend`",
                        c.id
                    ),
                ),
                _ => {}
            }
            if kind_of == ColumnKind::Forecast && kind != ReportKind::Interim {
                self.error(
                    cp.key("id"),
                    "a forecast belongs only in an interim report (`kind = \"interim\"`): \
                     remove the `forecast` column"
                        .into(),
                );
            }
            if kind_of == ColumnKind::Earlier {
                self.earlier.push(c.id.clone());
            }
            columns.push(ColumnSpec {
                id: c.id.clone(),
                kind: kind_of,
                heading: c.heading.clone(),
            });
        }
        columns
    }

    fn levels(&mut self, path: &Path) -> Option<Vec<String>> {
        let t = self.table;
        if !t.goals.is_empty() && !t.council_goals.is_empty() {
            self.error(
                path.key("goals"),
                "a goal table has either `goals` (with `levels`) or `council_goals`, not both"
                    .into(),
            );
        }
        let levels = t.levels.as_ref()?;
        if levels.is_empty() || levels.len() > MAX_LEVELS {
            self.error(
                path.key("levels"),
                format!(
                    "{} level names: a goal table has one to three levels",
                    levels.len()
                ),
            );
        } else if t.goals.is_empty() && !t.council_goals.is_empty() && levels.len() != 2 {
            self.error(
                path.key("levels"),
                format!(
                    "{} level names for `council_goals`, which has two levels (council goal, \
                     board goal): write the table with `goals` for another number",
                    levels.len()
                ),
            );
        }
        for (i, name) in levels.iter().enumerate() {
            if name.trim().is_empty() {
                self.error(
                    path.index("levels", i),
                    "the level name is empty: expected some text".into(),
                );
            }
        }
        Some(levels.clone())
    }

    fn goals(
        &mut self,
        list: &[crate::model::Goal],
        path: &Path,
        level: usize,
        levels: usize,
    ) -> Vec<AssessedGoal> {
        if self.table.levels.is_none() && level == 1 && !list.is_empty() {
            self.error(
                path.key("goals"),
                "a table written with `goals` names its levels: add e.g. \
                 `levels = [\"Inriktningsmål\", \"Nämndmål\"]`"
                    .into(),
            );
        }
        list.iter()
            .enumerate()
            .map(|(i, g)| {
                let gp = path.index("goals", i);
                if level > levels {
                    self.error(
                        gp.key("name"),
                        format!(
                            "this goal is on level {level}, but the table names {levels} \
                             level(s) in `levels`"
                        ),
                    );
                }
                AssessedGoal {
                    name: g.name.clone(),
                    status: g.status,
                    aggregated: None,
                    comment: g.comment.clone(),
                    // Below the levels named, nothing more is checked (the error says so).
                    goals: if level > levels {
                        Vec::new()
                    } else {
                        self.goals(&g.goals, &gp, level + 1, levels)
                    },
                    indicators: self.indicators(&g.indicators, &gp),
                }
            })
            .collect()
    }

    fn indicators(&mut self, list: &[Indicator], path: &Path) -> Vec<AssessedIndicator> {
        list.iter()
            .enumerate()
            .map(|(k, i)| self.indicator(i, path.index("indicators", k)))
            .collect()
    }

    fn indicator(&mut self, i: &Indicator, path: Path) -> AssessedIndicator {
        for key in i.earlier.keys() {
            if !self.earlier.contains(key) {
                let expected = if self.earlier.is_empty() {
                    "the table declares no earlier-outcome column in `columns`".to_owned()
                } else {
                    format!("expected one of `{}`", self.earlier.join("`, `"))
                };
                self.error(
                    path.key("earlier").key(key.clone()),
                    format!("`{key}` names no earlier-outcome column of the table: {expected}"),
                );
            }
        }
        let computed = self
            .table
            .assess
            .then(|| computed(i, self.table.partly_band))
            .flatten();
        let assessed = AssessedIndicator {
            indicator: i.clone(),
            status: status(self.table, i),
            computed,
            trend: self.trend(i),
        };
        if assessed.disagrees()
            && let (Some(given), Some(computed)) = (i.status, computed)
        {
            self.push(
                Severity::Warning,
                path.key("status"),
                format!(
                    "the status `{}` differs from `{}`, computed from the current value and \
                     the target: `{}` is printed",
                    given.as_str(),
                    computed.as_str(),
                    given.as_str()
                ),
            );
        }
        assessed
    }

    /// Gives `goal` (at `path`; `council` for the `council_goals` form) and the goals under
    /// it the status of `rule`, where none is given; warns where a given one differs.
    fn aggregate(&mut self, goal: &mut AssessedGoal, rule: Aggregate, path: &Path, council: bool) {
        for (j, g) in goal.goals.iter_mut().enumerate() {
            let key = if council { "board_goals" } else { "goals" };
            self.aggregate(g, rule, &path.index(key, j), council);
        }
        let under: Vec<Status> = goal
            .indicators
            .iter()
            .map(|i| i.status)
            .chain(goal.goals.iter().map(|g| g.status))
            .flatten()
            .filter(|s| *s != Status::NotAssessed)
            .collect();
        let count = |s: Status| under.iter().filter(|u| **u == s).count();
        let (met, partly, n) = (count(Status::Met), count(Status::PartlyMet), under.len());
        let aggregated = if n == 0 {
            Status::NotAssessed
        } else {
            match rule {
                Aggregate::AllMet if met == n => Status::Met,
                Aggregate::AllMet if met + partly > 0 => Status::PartlyMet,
                Aggregate::Majority if met * 2 > n => Status::Met,
                Aggregate::Majority if (met + partly) * 2 >= n => Status::PartlyMet,
                _ => Status::NotMet,
            }
        };
        goal.aggregated = Some(aggregated);
        match goal.status {
            None => goal.status = Some(aggregated),
            Some(given) if given != aggregated => self.push(
                Severity::Warning,
                path.key("status"),
                format!(
                    "the status `{}` differs from `{}`, which the table's rule `aggregate` \
                     gives from the statuses under the goal: `{}` is printed",
                    given.as_str(),
                    aggregated.as_str(),
                    given.as_str()
                ),
            ),
            Some(_) => {}
        }
    }

    /// The trend of an indicator from its latest earlier outcome, in column order.
    fn trend(&self, i: &Indicator) -> Option<Trend> {
        let previous = self.earlier.iter().rev().find_map(|id| i.earlier.get(id))?;
        trend(previous, i.current.as_ref()?, i.target.as_ref()?)
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;

    fn ind(current: Value, relation: Relation, target: Value) -> Indicator {
        Indicator {
            name: "x".into(),
            current: Some(current),
            forecast: None,
            earlier: Default::default(),
            target: Some(Target {
                relation,
                value: Some(target),
            }),
            status: None,
            comment: None,
        }
    }

    fn pct(n: i64) -> Value {
        Value::Percent(Decimal::from(n))
    }

    fn check(relation: Relation, target: i64, cases: &[(i64, Option<i64>, Status)]) {
        for &(current, band, expected) in cases {
            let i = ind(pct(current), relation, pct(target));
            assert_eq!(
                computed(&i, band.map(Decimal::from)),
                Some(expected),
                "{relation:?} {target}, current {current}, band {band:?}"
            );
        }
    }

    use Status::*;

    #[test]
    fn level() {
        check(
            Relation::Level,
            80,
            &[
                (80, None, Met),
                (79, None, NotMet),
                (81, None, NotMet),
                (72, Some(10), PartlyMet),
                (88, Some(10), PartlyMet),
                (71, Some(10), NotMet),
                (89, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn at_least() {
        check(
            Relation::AtLeast,
            90,
            &[
                (90, None, Met),
                (95, None, Met),
                (89, None, NotMet),
                (81, Some(10), PartlyMet),
                (80, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn at_most() {
        check(
            Relation::AtMost,
            10,
            &[
                (10, None, Met),
                (5, None, Met),
                (11, None, NotMet),
                (11, Some(10), PartlyMet),
                (12, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn below_is_strict() {
        check(
            Relation::Below,
            10,
            &[
                (9, None, Met),
                (10, None, NotMet),
                (10, Some(10), PartlyMet),
                (11, Some(20), PartlyMet),
                (11, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn above_is_strict() {
        check(
            Relation::Above,
            50,
            &[
                (51, None, Met),
                (50, None, NotMet),
                (50, Some(10), PartlyMet),
                (45, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn increase_from() {
        check(
            Relation::IncreaseFrom,
            50,
            &[
                (51, None, Met),
                (50, None, NotMet),
                (50, Some(10), PartlyMet),
                (45, Some(10), PartlyMet),
                (44, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn decrease_from() {
        check(
            Relation::DecreaseFrom,
            50,
            &[
                (49, None, Met),
                (50, None, NotMet),
                (50, Some(10), PartlyMet),
                (55, Some(10), PartlyMet),
                (56, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn other_kinds_and_missing_values_are_not_computed() {
        let text = ind(Value::Text("bra".into()), Relation::Level, pct(1));
        assert_eq!(computed(&text, None), None);
        let mixed = ind(Value::Amount(Decimal::ONE), Relation::Level, pct(1));
        assert_eq!(computed(&mixed, None), None);
        let count = |unit: &str| Value::Count {
            value: Decimal::TEN,
            unit: Some(unit.into()),
        };
        let units = ind(count("st"), Relation::Level, count("dagar"));
        assert_eq!(computed(&units, None), None);
        assert_eq!(
            computed(&ind(count("st"), Relation::Level, count("st")), None),
            Some(Met)
        );
        let mut none = ind(pct(1), Relation::Level, pct(1));
        none.current = None;
        assert_eq!(computed(&none, None), None);
        let mut table = GoalTable {
            id: None,
            caption: None,
            levels: None,
            indicator_heading: None,
            target_symbols: false,
            columns: None,
            council_goals: vec![],
            goals: vec![],
            aggregate: None,
            assess: false,
            partly_band: None,
            sheet: None,
        };
        assert_eq!(status(&table, &none), None);
        table.assess = true;
        assert_eq!(status(&table, &none), Some(NotAssessed));
        none.status = Some(Met);
        assert_eq!(status(&table, &none), Some(Met));
    }

    #[test]
    fn trend_is_towards_or_away_from_the_target() {
        let target = |relation, n: i64| Target {
            relation,
            value: Some(pct(n)),
        };
        use Trend::*;
        let cases = [
            (Relation::AtLeast, 90, 80, 85, Better),
            (Relation::AtLeast, 90, 85, 80, Worse),
            (Relation::IncreaseFrom, 50, 60, 60, Unchanged),
            (Relation::AtMost, 10, 12, 11, Better),
            (Relation::DecreaseFrom, 10, 11, 12, Worse),
            // A level: nearer is better, from either side.
            (Relation::Level, 80, 70, 85, Better),
            (Relation::Level, 80, 78, 90, Worse),
            (Relation::Level, 80, 75, 85, Unchanged),
        ];
        for (relation, t, before, now, expected) in cases {
            assert_eq!(
                trend(&pct(before), &pct(now), &target(relation, t)),
                Some(expected),
                "{relation:?} {t}: {before} → {now}"
            );
        }
        // Values of different kinds do not compare.
        let amount = Value::Amount(Decimal::ONE);
        assert_eq!(trend(&amount, &pct(1), &target(Relation::AtLeast, 1)), None);
    }
}
