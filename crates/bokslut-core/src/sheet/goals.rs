//! A goal table's goals and indicators from a sheet: one row each, its `level` column
//! saying which (a goal of a level, or an indicator of the goal above it), its `label` the
//! name, its `columns` the values (`current`, `forecast`, earlier outcomes), the `target`
//! and the `status`. The tree is built before the report is checked, so every check and the
//! assessment see the goals as if written in the report; a finding about a goal or an
//! indicator from the sheet names its row there.

use rust_decimal::Decimal;

use super::address::{cell_name, column_letters};
use super::extract::{Key, MAX_CELL_ERRORS, Place, Problem, column, span, text_of};
use super::grid::Grid;
use super::open::open;
use super::resolve::SheetOptions;
use super::value::{RowLevel, level_of, status_of, target_of, value_of};
use crate::diag::Severity;
use crate::location::{Finding, Path as DataPath};
use crate::model::SheetSource;
use crate::model::{Block, Goal, GoalTable, Indicator, Report};

/// Where a goal table's goals came from: the table, and the sheet row of each goal and
/// indicator taken from it (by its place under the table: `goals[0].indicators[2]`);
/// `place` is `None` when the sheet had errors.
#[derive(Debug, Clone)]
pub struct GoalOrigin {
    table: DataPath,
    rows: Vec<(DataPath, u32)>,
    place: Option<Place>,
}

/// Gives every goal table with a `sheet` its goals from it (before the goals the report
/// writes itself). Returns the problems, located by path, and where each table's goals
/// came from.
pub fn resolve(report: &mut Report, options: SheetOptions<'_>) -> (Vec<Finding>, Vec<GoalOrigin>) {
    let mut findings = Vec::new();
    let mut origins = Vec::new();
    crate::tree::blocks_mut(report, &mut |block, at| {
        if let Block::Goals(table) = block
            && table.sheet.is_some()
        {
            origins.push(fill(table, at, options, &mut findings));
        }
    });
    (findings, origins)
}

/// Reads one table's sheet into its goals.
fn fill(
    table: &mut GoalTable,
    at: DataPath,
    options: SheetOptions<'_>,
    findings: &mut Vec<Finding>,
) -> GoalOrigin {
    let sheet_path = at.key("sheet");
    let mut origin = GoalOrigin {
        table: at.clone(),
        rows: Vec::new(),
        place: None,
    };
    let Some(source) = table.sheet.clone() else {
        return origin;
    };
    let to_finding = |p: Problem| p.finding(&sheet_path);
    let levels = match (&table.levels, table.council_goals.is_empty()) {
        (Some(levels), true) if !levels.is_empty() => levels.clone(),
        (_, false) => {
            findings.push(to_finding(Problem::error(
                Key::Source,
                "a goal table with a `sheet` writes its own goals in `goals`, not `council_goals`: move them there, under `levels`".into(),
            )));
            return origin;
        }
        _ => {
            // `levels` is missing: validation says so where it belongs.
            findings.push(to_finding(Problem::error(
                Key::Level,
                "the sheet's goals need the table's `levels` (their names, outermost first): its `level` column names them".into(),
            )));
            return origin;
        }
    };
    let opened = open(options.files, &source, options.max_bytes);
    let (grid, place) = match opened {
        Ok(opened) => opened,
        Err(problem) => {
            findings.push(to_finding(problem));
            return origin;
        }
    };
    let ids: Vec<String> = table.columns.as_ref().map_or_else(
        || {
            vec![
                "current".into(),
                "forecast".into(),
                "target".into(),
                "status".into(),
            ]
        },
        |columns| columns.iter().map(|c| c.id.clone()).collect(),
    );
    let (goals, rows, problems) = extract(&grid, &source, &place, &levels, &ids);
    let errors = problems.iter().any(|p| p.severity == Severity::Error);
    findings.extend(problems.into_iter().map(to_finding));
    if errors {
        return origin;
    }
    let written = std::mem::take(&mut table.goals);
    table.goals = goals;
    table.goals.extend(written);
    origin.rows = rows;
    origin.place = Some(place);
    origin
}

/// A sheet column for each field a goal row may have.
struct Columns {
    label: u32,
    level: u32,
    unit: Option<u32>,
    comment: Option<u32>,
    current: Option<u32>,
    forecast: Option<u32>,
    target: Option<u32>,
    status: Option<u32>,
    earlier: Vec<(String, u32)>,
}

/// The goals of a sheet, the sheet row of each goal and indicator (by its path under the
/// table), and the problems. `ids` are the table's column ids.
pub(super) fn extract(
    grid: &Grid,
    source: &SheetSource,
    place: &Place,
    levels: &[String],
    ids: &[String],
) -> (Vec<Goal>, Vec<(DataPath, u32)>, Vec<Problem>) {
    let mut problems = Vec::new();
    if source.kind.is_some() {
        problems.push(Problem::error(
            Key::Kind,
            "`kind` belongs to a financial table's sheet: a goal table's sheet says what each row is in `level`".into(),
        ));
    }
    let Some(level_column) = &source.level else {
        problems.push(Problem::error(
            Key::Source,
            "a goal table's sheet needs `level`: the column that says whether a row is a goal (by its level's name or number) or an indicator".into(),
        ));
        return (Vec::new(), Vec::new(), problems);
    };
    let Some((rows, bounds)) = span(grid, source, place, &mut problems) else {
        return (Vec::new(), Vec::new(), problems);
    };
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return (Vec::new(), Vec::new(), problems);
    }
    let header = source.header_row.map(|h| h.saturating_sub(1));
    let col = |problems: &mut Vec<Problem>, key: Key, text: &str| -> Option<u32> {
        column(grid, text, header, bounds)
            .map_err(|message| problems.push(Problem::error(key, format!("{place}: {message}"))))
            .ok()
    };
    let label = col(&mut problems, Key::Label, &source.label);
    let level = col(&mut problems, Key::Level, level_column);
    let unit = source
        .unit
        .as_ref()
        .map(|u| col(&mut problems, Key::Unit, u));
    let comment = source
        .comment
        .as_ref()
        .map(|c| col(&mut problems, Key::Comment, c));
    let mut mapped = Vec::new();
    for (id, text) in &source.columns.0 {
        let key = Key::Column(id.clone());
        if id == "trend" {
            problems.push(Problem::error(
                key,
                "`trend` is computed from the earlier outcomes and the target: it takes no sheet column".into(),
            ));
        } else if !ids.contains(id) {
            problems.push(Problem::error(
                key,
                format!(
                    "`{id}` is no column of this table (its columns: {})",
                    ids.join(", ")
                ),
            ));
        } else if let Some(c) = col(&mut problems, key, text) {
            mapped.push((id.clone(), c));
        }
    }
    let (Some(label), Some(level), Some(unit), Some(comment)) = (
        label,
        level,
        unit.map_or(Some(None), |u| u.map(Some)),
        comment.map_or(Some(None), |c| c.map(Some)),
    ) else {
        return (Vec::new(), Vec::new(), problems);
    };
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return (Vec::new(), Vec::new(), problems);
    }
    let take = |id: &str| mapped.iter().find(|(k, _)| k == id).map(|(_, c)| *c);
    let columns = Columns {
        label,
        level,
        unit,
        comment,
        current: take("current"),
        forecast: take("forecast"),
        target: take("target"),
        status: take("status"),
        earlier: mapped
            .iter()
            .filter(|(id, _)| !matches!(id.as_str(), "current" | "forecast" | "target" | "status"))
            .cloned()
            .collect(),
    };
    let mut builder = Builder {
        grid,
        place,
        columns: &columns,
        levels,
        goals: Vec::new(),
        rows: Vec::new(),
        problems,
        errors: 0,
        orphaned: false,
        rounded: Vec::new(),
        goal_values: None,
    };
    for r in rows.0..=rows.1 {
        if builder.errors >= MAX_CELL_ERRORS {
            builder.problems.push(Problem::error(
                Key::Source,
                format!(
                    "{place}: more than {MAX_CELL_ERRORS} cells are wrong; the rest is not read"
                ),
            ));
            break;
        }
        builder.row(r);
    }
    builder.notes();
    (builder.goals, builder.rows, builder.problems)
}

/// The goals built so far from a sheet's rows.
struct Builder<'a> {
    grid: &'a Grid,
    place: &'a Place,
    columns: &'a Columns,
    levels: &'a [String],
    goals: Vec<Goal>,
    /// Each goal's and indicator's path under the table and its sheet row.
    rows: Vec<(DataPath, u32)>,
    problems: Vec<Problem>,
    errors: usize,
    /// Whether the last goal row was wrong: the indicators under it are then not read (their
    /// goal is the problem, already reported).
    orphaned: bool,
    /// Per sheet column: the first value taken as shown (cell, value, as shown) and how many.
    rounded: Vec<(u32, String, Decimal, Decimal, usize)>,
    /// The first cell of a goal's row that holds a value (a goal has none: its indicators
    /// do), and how many such cells there are.
    goal_values: Option<(String, usize)>,
}

impl Builder<'_> {
    fn error(&mut self, key: Key, r: u32, c: u32, message: String) {
        self.errors += 1;
        self.problems.push(Problem::error(
            key,
            format!("{}, cell {}: {message}", self.place, cell_name(r, c)),
        ));
    }

    /// Reads sheet row `r` (0-based) into the tree.
    fn row(&mut self, r: u32) {
        let (grid, columns) = (self.grid, self.columns);
        let name = match grid.get(r, columns.label).map(text_of) {
            Some(Ok(t)) => t,
            Some(Err(m)) => return self.error(Key::Label, r, columns.label, m),
            None => String::new(),
        };
        let level = match level_of(grid.get(r, columns.level), self.levels) {
            Ok(level) => level,
            Err(m) => {
                self.orphaned = true;
                return self.error(Key::Level, r, columns.level, m);
            }
        };
        match level {
            RowLevel::Indicator if self.orphaned => return,
            // Until it is read without a problem.
            RowLevel::Goal(_) => self.orphaned = true,
            RowLevel::Indicator => {}
        }
        if name.is_empty() {
            let any = (0..=grid.extent().map_or(0, |(_, c)| c))
                .any(|c| c != columns.label && grid.get(r, c).is_some() && self.is_read(c));
            if any {
                self.error(
                    Key::Label,
                    r,
                    columns.label,
                    format!(
                        "the name is empty, but the row has values: expected the goal's or indicator's name in column {}",
                        column_letters(columns.label)
                    ),
                );
            }
            return; // a blank row
        }
        let comment = match columns.comment.map(|c| (c, grid.get(r, c).map(text_of))) {
            Some((c, Some(Err(m)))) => return self.error(Key::Comment, r, c, m),
            Some((_, Some(Ok(t)))) if !t.is_empty() => Some(t),
            _ => None,
        };
        let status = match columns.status.map(|c| (c, status_of(grid.get(r, c)))) {
            Some((c, Err(m))) => return self.error(Key::Column("status".into()), r, c, m),
            Some((_, Ok(s))) => s,
            None => None,
        };
        match level {
            RowLevel::Goal(depth) => {
                self.values_of_goal(r);
                self.goal(r, depth, name, status, comment);
            }
            RowLevel::Indicator => self.indicator(r, name, status, comment),
        }
    }

    /// Whether column `c` is one the sheet names.
    fn is_read(&self, c: u32) -> bool {
        let k = self.columns;
        [k.level]
            .into_iter()
            .chain(k.unit)
            .chain(k.comment)
            .chain(k.current)
            .chain(k.forecast)
            .chain(k.target)
            .chain(k.status)
            .chain(k.earlier.iter().map(|(_, c)| *c))
            .any(|x| x == c)
    }

    /// The goals from the outermost to the one at `depth` (1-based) along the last ones,
    /// and their path.
    fn last_at(&mut self, depth: usize) -> Option<(&mut Goal, DataPath)> {
        let mut path = DataPath::default().index("goals", self.goals.len().checked_sub(1)?);
        let mut goal = self.goals.last_mut()?;
        for _ in 1..depth {
            let i = goal.goals.len().checked_sub(1)?;
            path = path.index("goals", i);
            goal = goal.goals.last_mut()?;
        }
        Some((goal, path))
    }

    /// The depth of the innermost goal so far along the last ones (0 with none).
    fn depth(&self) -> usize {
        let mut depth = 0;
        let mut goals = &self.goals;
        while let Some(goal) = goals.last() {
            depth += 1;
            goals = &goal.goals;
        }
        depth
    }

    fn goal(
        &mut self,
        r: u32,
        depth: usize,
        name: String,
        status: Option<crate::model::Status>,
        comment: Option<String>,
    ) {
        let goal = Goal {
            name,
            goals: Vec::new(),
            indicators: Vec::new(),
            status,
            comment,
        };
        let path = if depth == 1 {
            self.goals.push(goal);
            DataPath::default().index("goals", self.goals.len() - 1)
        } else {
            let have = self.depth();
            match self.last_at(depth - 1) {
                Some((parent, path)) if have >= depth - 1 => {
                    parent.goals.push(goal);
                    path.index("goals", parent.goals.len() - 1)
                }
                _ => {
                    let level = self.columns.level;
                    return self.error(
                        Key::Level,
                        r,
                        level,
                        format!(
                            "a goal of level {depth} (\"{}\") comes before any goal of level {} (\"{}\") it could belong to: expected that goal on a row above it",
                            self.levels[depth - 1],
                            depth - 1,
                            self.levels[depth - 2]
                        ),
                    );
                }
            }
        };
        self.orphaned = false;
        self.rows.push((path, r + 1));
    }

    fn indicator(
        &mut self,
        r: u32,
        name: String,
        status: Option<crate::model::Status>,
        comment: Option<String>,
    ) {
        let (grid, columns) = (self.grid, self.columns);
        let unit = match columns.unit.map(|c| (c, grid.get(r, c).map(text_of))) {
            Some((c, Some(Err(m)))) => return self.error(Key::Unit, r, c, m),
            Some((_, Some(Ok(t)))) => Some(t),
            _ => None,
        };
        let unit = unit.as_deref();
        let mut indicator = Indicator {
            name,
            current: None,
            forecast: None,
            earlier: Default::default(),
            target: None,
            status,
            comment,
        };
        let mut values: Vec<(String, u32)> = Vec::new();
        for (id, c) in [("current", columns.current), ("forecast", columns.forecast)]
            .into_iter()
            .filter_map(|(id, c)| c.map(|c| (id.to_owned(), c)))
            .chain(columns.earlier.iter().cloned())
        {
            values.push((id, c));
        }
        for (id, c) in values {
            match value_of(grid.get(r, c), grid, (r, c), unit) {
                Ok(Some(read)) => {
                    if let Some(from) = read.rounded_from {
                        self.note_rounded(c, r, from, &read.value);
                    }
                    match id.as_str() {
                        "current" => indicator.current = Some(read.value),
                        "forecast" => indicator.forecast = Some(read.value),
                        _ => {
                            indicator.earlier.insert(id, read.value);
                        }
                    }
                }
                Ok(None) => {}
                Err(m) => {
                    return self.error(
                        Key::Column(id.clone()),
                        r,
                        c,
                        format!("{m} (expected the value for `{id}`)"),
                    );
                }
            }
        }
        if let Some(c) = columns.target {
            match target_of(grid.get(r, c), grid, (r, c), unit) {
                Ok(Some(read)) => {
                    if let (Some(from), Some(value)) = (read.rounded_from, &read.value.value) {
                        self.note_rounded(c, r, from, value);
                    }
                    indicator.target = Some(read.value);
                }
                Ok(None) => {}
                Err(m) => {
                    return self.error(
                        Key::Column("target".into()),
                        r,
                        c,
                        format!("{m} (expected the target)"),
                    );
                }
            }
        }
        let depth = self.depth();
        let level = self.columns.level;
        match self.last_at(depth) {
            Some((goal, path)) if depth > 0 => {
                goal.indicators.push(indicator);
                let path = path.index("indicators", goal.indicators.len() - 1);
                self.rows.push((path, r + 1));
            }
            _ => self.error(
                Key::Level,
                r,
                level,
                format!(
                    "an indicator (\"{}\") comes before any goal: expected a goal on a row above it, its level in column {}",
                    indicator.name,
                    column_letters(level)
                ),
            ),
        }
    }

    fn note_rounded(&mut self, c: u32, r: u32, from: Decimal, value: &crate::model::Value) {
        let shown = match value {
            crate::model::Value::Percent(v)
            | crate::model::Value::Number(v)
            | crate::model::Value::Amount(v)
            | crate::model::Value::Count { value: v, .. } => *v,
            _ => return,
        };
        match self.rounded.iter_mut().find(|(col, ..)| *col == c) {
            Some((.., n)) => *n += 1,
            None => self.rounded.push((c, cell_name(r, c), from, shown, 1)),
        }
    }

    /// One note per column whose numbers were taken as the sheet shows them.
    /// Counts the cells of a goal's row in the value and target columns: not printed.
    fn values_of_goal(&mut self, r: u32) {
        let k = self.columns;
        let cells = [k.current, k.forecast, k.target]
            .into_iter()
            .flatten()
            .chain(k.earlier.iter().map(|(_, c)| *c))
            .filter(|c| self.grid.get(r, *c).is_some());
        for c in cells {
            match &mut self.goal_values {
                Some((_, n)) => *n += 1,
                None => self.goal_values = Some((cell_name(r, c), 1)),
            }
        }
    }

    fn notes(&mut self) {
        if let Some((cell, n)) = self.goal_values.take() {
            let more = match n - 1 {
                0 => String::new(),
                1 => " (and 1 more cell)".into(),
                k => format!(" (and {k} more cells)"),
            };
            self.problems.push(Problem {
            hints: Vec::new(),
                severity: Severity::Warning,
                key: Key::Level,
                message: format!(
                    "{}, cell {cell}: a goal's row holds a value{more}, which is not printed: a goal table prints values on its indicators' rows (make the row an indicator, or leave the cell empty)",
                    self.place
                ),
            });
        }
        for (c, cell, from, shown, n) in std::mem::take(&mut self.rounded) {
            let more = match n - 1 {
                0 => String::new(),
                1 => " (and 1 more cell of the column)".into(),
                k => format!(" (and {k} more cells of the column)"),
            };
            let id = self.column_id(c);
            self.problems.push(Problem {
            hints: Vec::new(),
                severity: Severity::Note,
                key: Key::Column(id),
                message: format!(
                    "{}, cell {cell}: {from} has more decimals than the cell shows: it is taken as shown, {shown}{more}; column {} is rounded half away from zero",
                    self.place,
                    column_letters(c)
                ),
            });
        }
    }

    fn column_id(&self, c: u32) -> String {
        let k = self.columns;
        [
            ("current", k.current),
            ("forecast", k.forecast),
            ("target", k.target),
        ]
        .into_iter()
        .filter_map(|(id, col)| col.map(|col| (id.to_owned(), col)))
        .chain(k.earlier.iter().cloned())
        .find(|(_, col)| *col == c)
        .map_or_else(String::new, |(id, _)| id)
    }
}

/// Findings about goals and indicators that came from a sheet point at the table's `sheet`
/// and name the sheet's row. A table whose sheet had errors has only those.
pub fn relocate(findings: &mut Vec<Finding>, origins: &[GoalOrigin]) {
    for origin in origins.iter().filter(|o| o.place.is_none()) {
        let goals = origin.table.key("goals");
        findings.retain(|f| !f.path.0.starts_with(&goals.0));
    }
    for origin in origins {
        let Some(place) = &origin.place else {
            continue;
        };
        for finding in findings.iter_mut() {
            let Some(rest) = finding.path.0.strip_prefix(origin.table.0.as_slice()) else {
                continue;
            };
            // The deepest goal or indicator the finding is about.
            let row = origin
                .rows
                .iter()
                .filter(|(path, _)| rest.starts_with(&path.0))
                .max_by_key(|(path, _)| path.0.len())
                .map(|(_, row)| *row);
            if let Some(row) = row {
                finding.path = origin.table.key("sheet");
                finding.message = format!("{} ({place}, row {row})", finding.message);
            }
        }
    }
}
