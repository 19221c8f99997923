//! Every figure of the statements and notes, computed once: sums, results and ratios of
//! each [`StatementTable`], note references resolved to note numbers, and the checks that
//! figures of different tables agree.
//!
//! Rows are added as a statement adds them: a `sum` adds the counted figure rows since the
//! heading it closes (or over a named range, or named rows), a `result` every counted figure
//! row above it. A `varav` row, a row `outside` the sums and a computed ratio are not counted.
//! A figure given in a computed cell is the figure the source printed: as in a financial
//! table ([`crate::compute`]) a difference is an error in a new report, and in a reproduction
//! a note within rounding (half a unit of the printed decimals for each figure added), an
//! error beyond it. The checks across tables (declared by a table's `checks`, and by the
//! presets themselves) follow the same rule.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::compute::{add, as_printed, sub};
use crate::diag::Severity;
use crate::location::{Finding, Path};
use crate::model::{
    Block, Cell, Meta, Note, Report, StatementPreset, StatementRowKind, StatementTable, Unit,
};
use crate::tree::{Item, each};

/// The archived layout versions that print no statements or notes (bokslut-layout's
/// `LAYOUT_VERSIONS` before them): a report naming one with a statement is refused.
pub const LAYOUTS_WITHOUT_STATEMENTS: &[&str] = &["2026.1"];

/// The entity id of a table without `entities`.
pub const VALUES: &str = "values";

/// A printed cell of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// Nothing printed.
    Empty,
    /// "–": nothing to report.
    Dash,
    /// A figure, rounded to its row's decimals (or as the source printed it).
    Figure(Decimal),
}

/// A statement with every figure computed, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedStatement {
    /// The table's id, if it has one.
    pub id: Option<String>,
    /// Its preset.
    pub preset: Option<StatementPreset>,
    /// Caption above the table.
    pub caption: Option<String>,
    /// Heading of the label column (report text).
    pub label_heading: Option<String>,
    /// The unit of the figures, when the table has one (a five-year summary may not).
    pub unit: Option<Unit>,
    /// The entities: id and heading (`None` for the one entity of a table without them).
    pub entities: Vec<(String, Option<String>)>,
    /// Whether each entity has a note column (a row refers to a note for it).
    pub note_columns: Vec<bool>,
    /// The column headings under each entity.
    pub columns: Vec<String>,
    /// Whether the table has a unit column (a row gives its own unit).
    pub unit_column: bool,
    /// Whether a cell prints "–".
    pub has_dash: bool,
    /// The rows, in order.
    pub rows: Vec<StatementLine>,
    /// Footnotes under the table.
    pub footnotes: Vec<String>,
}

/// A row of a [`ComputedStatement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// What the row is.
    pub kind: StatementRowKind,
    /// The label as written.
    pub label: String,
    /// The level of a heading (1 the outermost), else of the heading the row stands under.
    pub level: u32,
    /// A "varav" row: printed indented.
    pub varav: bool,
    /// Outside every sum.
    pub outside: bool,
    /// The row's own unit.
    pub unit: Option<String>,
    /// Footnote marker after the label.
    pub marker: Option<String>,
    /// Decimals of the row's figures.
    pub decimals: u32,
    /// The cells, per entity, per column.
    pub cells: Vec<Vec<Printed>>,
    /// The footnote marker of each cell, per entity, per column (`None` for most).
    pub markers: Vec<Vec<Option<String>>>,
    /// The notes referred to, per entity: indexes into [`Statements::notes`].
    pub notes: Vec<Vec<usize>>,
}

/// A note, numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedNote {
    /// The id rows refer to it by.
    pub id: String,
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// Its text (the Markdown subset), if any.
    pub text: Option<String>,
    /// Its tables, computed.
    pub tables: Vec<ComputedStatement>,
    /// Whether some row refers to it.
    pub referenced: bool,
}

/// Every statement and note of a report, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statements {
    /// The statements (blocks `statement`), in document order.
    pub tables: Vec<ComputedStatement>,
    /// The notes (blocks `note`), in document order.
    pub notes: Vec<ComputedNote>,
}

/// An exact figure and how many printed figures went into it.
#[derive(Debug, Clone, Copy)]
struct Exact {
    value: Decimal,
    terms: u32,
}

/// A table while it is computed: its cells' exact values, for checks.
struct Work<'a> {
    table: &'a StatementTable,
    path: Path,
    out: ComputedStatement,
    /// Exact values per row, per entity, per column.
    exact: Vec<Vec<Vec<Option<Exact>>>>,
    /// Row index by id.
    ids: HashMap<String, usize>,
    /// Where the table stands in words, for messages.
    name: String,
}

fn well_formed(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Computes every statement and note of a report: all of them, or `None` when one has an
/// error; and the findings.
pub(crate) fn compute(report: &Report) -> (Option<Statements>, Vec<Finding>) {
    let mut c = Computer {
        meta: &report.meta,
        findings: Vec::new(),
        ok: true,
    };
    // Tables and notes in document order.
    let mut tables: Vec<Work> = Vec::new();
    let mut notes: Vec<(&Note, Path, Vec<Work>)> = Vec::new();
    each(report, &mut |_, item, path| match item {
        Item::Block(Block::Statement(t)) => {
            if let Some(w) = c.table(t, path.clone(), None) {
                tables.push(w);
            }
        }
        Item::Block(Block::Note(n)) => {
            let mut works = Vec::new();
            for (i, t) in n.tables.iter().enumerate() {
                if let Some(w) = c.table(t, path.index("tables", i), Some(n)) {
                    works.push(w);
                }
            }
            notes.push((n, path.clone(), works));
        }
        _ => {}
    });
    let numbers = c.number_notes(&tables, &notes);
    let index: HashMap<&str, usize> = notes
        .iter()
        .enumerate()
        .map(|(i, (n, _, _))| (n.id.as_str(), i))
        .collect();
    for w in &mut tables {
        c.link_notes(w, &index);
    }
    // A note's tables refer to no note: the statements do.
    for (note, _, works) in &notes {
        for w in works {
            for (r, row) in w.table.rows.iter().enumerate() {
                if row.notes != crate::model::NoteRefs::None {
                    c.error(
                        w.path.index("rows", r).key("note"),
                        format!(
                            "the row \"{}\" of a table of the note `{}` refers to a note: notes are referred to from the statements",
                            row.label, note.id
                        ),
                    );
                }
            }
        }
    }
    c.checks(&tables);
    c.note_totals(&tables, &notes);
    if let Some(version) = report.meta.layout.as_deref()
        && LAYOUTS_WITHOUT_STATEMENTS.contains(&version)
        && !(tables.is_empty() && notes.is_empty())
    {
        c.error(
            Path::default().key("meta").key("layout"),
            format!(
                "the layout `{version}` prints no statements or notes (they came with the layout 2026.2): leave `layout` out, or name a later version"
            ),
        );
    }
    let referenced: HashSet<usize> = tables
        .iter()
        .flat_map(|w| w.out.rows.iter())
        .flat_map(|r| r.notes.iter().flatten().copied())
        .collect();
    for (i, (note, path, _)) in notes.iter().enumerate() {
        if !referenced.contains(&i) {
            c.findings.push(Finding::new(
                Severity::Warning,
                path.key("id"),
                format!(
                    "no row refers to the note `{}` (\"{}\"): refer to it from a statement row (`note = \"{}\"`), or leave it out",
                    note.id, note.title, note.id
                ),
            ));
        }
    }
    let result = c.ok.then(|| Statements {
        tables: tables.into_iter().map(|w| w.out).collect(),
        notes: notes
            .into_iter()
            .enumerate()
            .map(|(i, (n, _, works))| ComputedNote {
                id: n.id.clone(),
                number: numbers.get(i).copied().unwrap_or(0),
                title: n.title.clone(),
                text: n.text.clone(),
                tables: works.into_iter().map(|w| w.out).collect(),
                referenced: referenced.contains(&i),
            })
            .collect(),
    });
    (result, c.findings)
}

struct Computer<'m> {
    meta: &'m Meta,
    findings: Vec<Finding>,
    ok: bool,
}

/// The running sum of a column's counted rows: exact while it can be (`None` past a sum that
/// would lose digits), how many figures went into it, how many figures it holds and how many
/// cells print "–".
#[derive(Debug, Clone, Copy)]
struct Running {
    value: Option<Decimal>,
    terms: u32,
    figures: u32,
    dashes: u32,
}

impl Default for Running {
    fn default() -> Self {
        Running {
            value: Some(Decimal::ZERO),
            terms: 0,
            figures: 0,
            dashes: 0,
        }
    }
}

/// How a sum row finds its rows.
enum Span {
    /// These rows' counted figure rows.
    Counted(usize, usize),
    /// These rows, whatever they are.
    Named(Vec<usize>),
}

impl Computer<'_> {
    fn error(&mut self, path: Path, message: String) {
        self.ok = false;
        self.findings.push(Finding::error(path, message));
    }

    fn error_hint(&mut self, path: Path, message: String, hint: Option<String>) {
        self.ok = false;
        self.findings
            .push(Finding::error(path, message).with_hint(hint));
    }

    /// One table: its shape checked, its figures computed; `None` when its shape is wrong.
    fn table<'t>(
        &mut self,
        t: &'t StatementTable,
        path: Path,
        note: Option<&Note>,
    ) -> Option<Work<'t>> {
        let name = match (&t.caption, note, &t.id) {
            (Some(c), Some(n), _) => format!("\"{c}\" of the note `{}`", n.id),
            (Some(c), None, _) => format!("\"{c}\""),
            (None, Some(n), _) => format!("the note `{}` (\"{}\")", n.id, n.title),
            (None, None, Some(id)) => format!("the statement `{id}`"),
            (None, None, None) => "the statement".to_owned(),
        };
        if let Some(id) = &t.id
            && !well_formed(id)
        {
            self.error(
                path.key("id"),
                format!("`{id}` is not a table id: expected letters, digits and `_`, starting with a letter (e.g. `rr`, `br`)"),
            );
        }
        if t.columns.is_empty() {
            self.error(
                path.key("columns"),
                "the statement has no columns: expected their headings, e.g. columns = [2023, 2022]".into(),
            );
            return None;
        }
        for (i, c) in t.columns.iter().enumerate() {
            if c.0.trim().is_empty() {
                self.error(
                    path.index("columns", i),
                    "the column heading is empty".into(),
                );
            }
        }
        let mut entities: Vec<(String, Option<String>)> = Vec::new();
        for (i, e) in t.entities.iter().enumerate() {
            let at = path.index("entities", i);
            if !well_formed(&e.id) || e.id.contains('-') {
                self.error(
                    at.key("id"),
                    format!("`{}` is not an entity id: expected letters, digits and `_`, starting with a letter (e.g. `kommunen`)", e.id),
                );
            } else if crate::model::STATEMENT_ROW_KEYS.contains(&e.id.as_str()) {
                self.error(
                    at.key("id"),
                    format!("`{}` cannot be an entity id: a row uses `{}` itself; call the entity something else", e.id, e.id),
                );
            } else if entities.iter().any(|(id, _)| *id == e.id) {
                self.error(
                    at.key("id"),
                    format!("the entity id `{}` is declared twice", e.id),
                );
            }
            if e.heading.trim().is_empty() {
                self.error(at.key("heading"), "the entity's heading is empty".into());
            }
            entities.push((e.id.clone(), Some(e.heading.clone())));
        }
        if entities.is_empty() {
            entities.push((VALUES.to_owned(), None));
        }
        if t.rows.is_empty() {
            self.error(path.key("rows"), "the statement has no rows".into());
            return None;
        }
        let ncol = t.columns.len();
        let table_decimals = t.decimals.unwrap_or(0);
        let mut w = Work {
            table: t,
            path: path.clone(),
            out: ComputedStatement {
                id: t.id.clone(),
                preset: t.preset,
                caption: t.caption.clone().filter(|c| !c.trim().is_empty()),
                label_heading: t.label_heading.clone().filter(|c| !c.trim().is_empty()),
                unit: match (t.unit, t.preset) {
                    (Some(u), _) => Some(u),
                    (None, Some(StatementPreset::FiveYear)) => None,
                    (None, _) => Some(self.meta.unit),
                },
                note_columns: vec![false; entities.len()],
                entities,
                columns: t.columns.iter().map(|c| c.0.clone()).collect(),
                unit_column: t.rows.iter().any(|r| r.unit.is_some()),
                has_dash: false,
                rows: Vec::new(),
                footnotes: t.footnotes.clone(),
            },
            exact: Vec::new(),
            ids: HashMap::new(),
            name,
        };
        let entity_ids: Vec<String> = w.out.entities.iter().map(|(id, _)| id.clone()).collect();
        // Ids, figures' entities and lengths.
        let mut shape_ok = true;
        for (i, row) in t.rows.iter().enumerate() {
            let at = path.index("rows", i);
            let kind = row.kind.unwrap_or(StatementRowKind::Figures);
            if let Some(id) = &row.id {
                if !well_formed(id) {
                    self.error(
                        at.key("id"),
                        format!("`{id}` is not a row id: expected letters, digits and `_`, starting with a letter (e.g. `total_assets`)"),
                    );
                    shape_ok = false;
                } else if w.ids.insert(id.clone(), i).is_some() {
                    self.error(
                        at.key("id"),
                        format!("the row id `{id}` is given twice in this table"),
                    );
                    shape_ok = false;
                }
            }
            if kind != StatementRowKind::Spacer && row.label.trim().is_empty() {
                self.error(
                    at.key(kind.key()),
                    format!("the row's `{}` is empty: expected its label", kind.key()),
                );
            }
            for (key, cells) in &row.values {
                if !entity_ids.contains(key) {
                    let hint = crate::suggest::code_hint(key, entity_ids.iter());
                    let message = if t.entities.is_empty() {
                        format!(
                            "the row \"{}\" has figures for `{key}`, but the table declares no entities: give them as `values = [...]`, or declare `entities`",
                            row.label
                        )
                    } else {
                        format!(
                            "the row \"{}\" has figures for `{key}`, which is no entity of this table (its entities: {})",
                            row.label,
                            entity_ids.join(", ")
                        )
                    };
                    self.error_hint(at.key(key.clone()), message, hint);
                    shape_ok = false;
                } else if cells.len() != ncol {
                    self.error(
                        at.key(key.clone()),
                        format!(
                            "the row \"{}\" has {} figures for `{key}`, but the table has {ncol} columns ({}): give one per column, \"\" for an empty cell",
                            row.label,
                            cells.len(),
                            w.out.columns.join(", ")
                        ),
                    );
                    shape_ok = false;
                }
                if matches!(kind, StatementRowKind::Heading | StatementRowKind::Spacer)
                    && cells.iter().any(|c| *c != Cell::Empty)
                {
                    self.error(
                        at.key(key.clone()),
                        format!(
                            "a {} has no figures, but this one has figures for `{key}`",
                            if kind == StatementRowKind::Heading {
                                "heading"
                            } else {
                                "spacer"
                            }
                        ),
                    );
                    shape_ok = false;
                }
            }
            if kind == StatementRowKind::Heading && row.level == Some(0) {
                self.error(
                    at.key("level"),
                    "a heading's level is 1 (the outermost) or more".into(),
                );
                shape_ok = false;
            }
            let sum_only = [
                ("from", row.from.is_some()),
                ("to", row.to.is_some()),
                ("of", !row.of.is_empty()),
            ];
            for (key, given) in sum_only {
                if given && kind != StatementRowKind::Sum {
                    self.error(at.key(key), format!("`{key}` belongs to a `sum` row"));
                    shape_ok = false;
                }
            }
            if (!row.ratio.is_empty() || row.scale.is_some()) && kind != StatementRowKind::Figures {
                self.error(
                    at.key("ratio"),
                    "`ratio` and `scale` belong to a figure row (`label`)".into(),
                );
                shape_ok = false;
            }
            if !row.ratio.is_empty() && row.ratio.len() != 2 {
                self.error(
                    at.key("ratio"),
                    "`ratio` needs two row ids, the part and the whole, e.g. [\"equity\", \"total_assets\"]".into(),
                );
                shape_ok = false;
            }
            if row.varav && kind != StatementRowKind::Figures {
                self.error(
                    at.key("varav"),
                    "`varav` belongs to a figure row (`label`)".into(),
                );
                shape_ok = false;
            }
            if row.varav && i == 0 {
                self.error(
                    at.key("varav"),
                    "a \"varav\" row is part of the row above it, but it is the first row".into(),
                );
                shape_ok = false;
            }
        }
        if !shape_ok {
            return None;
        }
        // Figures, in row order.
        let mut heading_level = 0u32;
        let entity_count = w.out.entities.len();
        let mut prefix: Vec<Vec<Vec<Running>>> =
            vec![vec![vec![Running::default(); ncol]; entity_count]];
        let mut headings: Vec<(usize, u32)> = Vec::new();
        for (i, row) in t.rows.iter().enumerate() {
            let at = path.index("rows", i);
            let kind = row.kind.unwrap_or(StatementRowKind::Figures);
            let decimals = row.decimals.unwrap_or(table_decimals);
            if kind == StatementRowKind::Heading {
                heading_level = row.level.unwrap_or(2);
                // A stack of at most one heading per level: a heading ends every open one of
                // its level or deeper, so a sum finds the heading it closes at once.
                while headings.last().is_some_and(|(_, l)| *l >= heading_level) {
                    headings.pop();
                }
                headings.push((i, heading_level));
            }
            let given = |e: &str, col: usize| -> Cell {
                row.values
                    .iter()
                    .find(|(k, _)| k == e)
                    .and_then(|(_, cells)| cells.get(col).copied())
                    .unwrap_or(Cell::Empty)
            };
            let span = match kind {
                StatementRowKind::Sum => Some(self.span(&w, row, i, &headings, &at)?),
                StatementRowKind::Result => Some(Span::Counted(0, i)),
                _ => None,
            };
            let ratio: Option<(usize, usize)> = match row.ratio.as_slice() {
                [a, b] => Some((
                    self.named(&w, a, i, &at.key("ratio"))?,
                    self.named(&w, b, i, &at.key("ratio"))?,
                )),
                _ => None,
            };
            let mut exact_row = Vec::new();
            let mut printed_row = Vec::new();
            for (e, (entity, heading)) in w.out.entities.clone().iter().enumerate() {
                let mut exact_cells = Vec::new();
                let mut printed_cells = Vec::new();
                #[allow(
                    clippy::needless_range_loop,
                    reason = "the column indexes the running sums, the rows' cells and the headings alike"
                )]
                for col in 0..ncol {
                    let stated = given(entity, col);
                    let place = || Place {
                        row: row.label.clone(),
                        entity: heading.clone(),
                        column: w.out.columns[col].clone(),
                        table: w.name.clone(),
                    };
                    let (exact, printed) = match (kind, &span, ratio) {
                        (StatementRowKind::Heading | StatementRowKind::Spacer, _, _) => {
                            (None, Printed::Empty)
                        }
                        (StatementRowKind::Figures, _, None) => match stated {
                            Cell::Figure(v) => (Some(Exact { value: v, terms: 1 }), {
                                let mut shown = v;
                                if shown.scale() < decimals {
                                    shown.rescale(decimals);
                                }
                                Printed::Figure(shown)
                            }),
                            Cell::Dash => (None, Printed::Dash),
                            Cell::Empty => (None, Printed::Empty),
                        },
                        (StatementRowKind::Figures, _, Some((a, b))) => {
                            let scale = row.scale.unwrap_or(Decimal::ONE);
                            let computed = match (w.exact[a][e][col], w.exact[b][e][col]) {
                                (Some(x), Some(y)) if !y.value.is_zero() => x
                                    .value
                                    .checked_mul(scale)
                                    .and_then(|n| n.checked_div(y.value))
                                    .map(|value| Exact { value, terms: 2 }),
                                _ => None,
                            };
                            let tolerance = computed
                                .map(|_| ratio_tolerance(&w, a, b, e, col, scale, decimals));
                            self.printed(
                                computed,
                                stated,
                                decimals,
                                &at.index(entity.clone(), col),
                                &place(),
                                tolerance,
                            )
                        }
                        (_, Some(span), _) => {
                            // The counted rows of a span from the running sums (each sum
                            // in constant time, however many rows: a table of 40 000 rows
                            // and sums took 47 s when each sum added its rows again).
                            let quick = match span {
                                Span::Counted(from, to) => {
                                    let (p, q) = (prefix[*to][e][col], prefix[*from][e][col]);
                                    match (p.value, q.value) {
                                        _ if p.figures == q.figures => {
                                            Some((None, p.dashes > q.dashes))
                                        }
                                        (Some(a), Some(b)) => sub(a, b).map(|value| {
                                            (
                                                Some(Exact {
                                                    value,
                                                    terms: p.terms.saturating_sub(q.terms),
                                                }),
                                                false,
                                            )
                                        }),
                                        _ => None,
                                    }
                                }
                                Span::Named(_) => None,
                            };
                            let rows: Vec<usize> = match (span, quick) {
                                (_, Some(_)) => Vec::new(),
                                (Span::Counted(from, to), None) => {
                                    (*from..*to).filter(|&r| counted(&t.rows[r])).collect()
                                }
                                (Span::Named(rows), None) => rows.clone(),
                            };
                            let named = matches!(span, Span::Named(_));
                            let (mut acc, mut dashes) = quick.unwrap_or((None, false));
                            for r in rows {
                                // Named rows (sums among them) are added as printed.
                                let value = if named {
                                    match w.out.rows[r].cells[e][col] {
                                        Printed::Figure(v) => Some(Exact { value: v, terms: 1 }),
                                        _ => None,
                                    }
                                } else {
                                    w.exact[r][e][col]
                                };
                                match value {
                                    Some(v) => {
                                        let Some(value) =
                                            acc.map_or(Some(v.value), |a| add(a.value, v.value))
                                        else {
                                            self.error(
                                                at.clone(),
                                                format!(
                                                    "the sum \"{}\" is too large to add up exactly",
                                                    row.label
                                                ),
                                            );
                                            return None;
                                        };
                                        acc = Some(Exact {
                                            value,
                                            terms: acc.map_or(0, |a| a.terms) + v.terms,
                                        });
                                    }
                                    None => dashes |= w.out.rows[r].cells[e][col] == Printed::Dash,
                                }
                            }
                            let (exact, printed) = self.printed(
                                acc,
                                stated,
                                decimals,
                                &at.index(entity.clone(), col),
                                &place(),
                                None,
                            );
                            let printed = match (printed, dashes) {
                                (Printed::Empty, true) if stated == Cell::Empty => Printed::Dash,
                                (p, _) => p,
                            };
                            (exact, printed)
                        }
                        (_, None, _) => (None, Printed::Empty),
                    };
                    exact_cells.push(exact);
                    printed_cells.push(printed);
                }
                exact_row.push(exact_cells);
                printed_row.push(printed_cells);
            }
            w.out.has_dash |= printed_row.iter().flatten().any(|p| *p == Printed::Dash);
            // The running sums of the counted rows, for the sums below.
            let mut next = prefix[i].clone();
            if counted(row) {
                for (e, cells) in exact_row.iter().enumerate() {
                    for (c, x) in cells.iter().enumerate() {
                        let acc = &mut next[e][c];
                        match x {
                            Some(x) => {
                                acc.value = acc.value.and_then(|v| add(v, x.value));
                                acc.terms = acc.terms.saturating_add(x.terms);
                                acc.figures += 1;
                            }
                            None if printed_row[e][c] == Printed::Dash => acc.dashes += 1,
                            None => {}
                        }
                    }
                }
            }
            prefix.push(next);
            w.exact.push(exact_row);
            w.out.rows.push(StatementLine {
                kind,
                label: row.label.clone(),
                level: match kind {
                    StatementRowKind::Heading => heading_level,
                    _ => row.level.unwrap_or(heading_level),
                },
                varav: row.varav,
                outside: row.outside,
                unit: row.unit.clone(),
                marker: row.marker.clone().filter(|m| !m.trim().is_empty()),
                decimals,
                markers: {
                    let mut markers = vec![vec![None; ncol]; w.out.entities.len()];
                    for (entity, col, marker) in &row.cell_markers {
                        let e = w.out.entities.iter().position(|(id, _)| id == entity);
                        if let Some(cell) = e.and_then(|e| markers[e].get_mut(*col))
                            && !marker.trim().is_empty()
                        {
                            *cell = Some(marker.clone());
                        }
                    }
                    markers
                },
                cells: printed_row,
                notes: vec![Vec::new(); w.out.entities.len()],
            });
        }
        self.varav(&w);
        Some(w)
    }

    /// The rows a `sum` row adds.
    fn span(
        &mut self,
        w: &Work,
        row: &crate::model::StatementRow,
        i: usize,
        headings: &[(usize, u32)],
        at: &Path,
    ) -> Option<Span> {
        if !row.of.is_empty() {
            let mut rows = Vec::new();
            for id in &row.of {
                rows.push(self.named(w, id, i, &at.key("of"))?);
            }
            return Some(Span::Named(rows));
        }
        match (&row.from, &row.to) {
            (Some(from), Some(to)) => {
                let a = self.named(w, from, i, &at.key("from"))?;
                let b = self.named(w, to, i, &at.key("to"))?;
                if b < a {
                    self.error(
                        at.key("to"),
                        format!(
                            "the range of the sum \"{}\" ends (`{to}`) before it starts (`{from}`)",
                            row.label
                        ),
                    );
                    return None;
                }
                Some(Span::Counted(a, b + 1))
            }
            (Some(_), None) | (None, Some(_)) => {
                let key = if row.from.is_some() { "to" } else { "from" };
                self.error(
                    at.clone(),
                    format!(
                        "the sum \"{}\" names one end of its range: give both `from` and `to`",
                        row.label
                    ),
                );
                let _ = key;
                None
            }
            (None, None) => {
                let level = row.level.or(headings.last().map(|(_, l)| *l));
                let start = match level {
                    Some(level) => headings
                        .iter()
                        .rev()
                        .find(|(_, l)| *l <= level)
                        .map_or(0, |(h, _)| *h),
                    None => 0,
                };
                Some(Span::Counted(start, i))
            }
        }
    }

    /// The index of a row named by id, above row `i`.
    fn named(&mut self, w: &Work, id: &str, i: usize, at: &Path) -> Option<usize> {
        match w.ids.get(id) {
            Some(&r) if r < i => Some(r),
            Some(_) => {
                self.error(
                    at.clone(),
                    format!("the row `{id}` comes after the row that uses it: a row is computed from the rows above it"),
                );
                None
            }
            None => {
                let known: Vec<&String> = w.ids.keys().collect();
                let mut known: Vec<&str> = known.into_iter().map(String::as_str).collect();
                known.sort();
                let hint = crate::suggest::code_hint(id, known.iter().copied());
                self.error_hint(
                    at.clone(),
                    format!("no row of this table has the id `{id}`"),
                    hint,
                );
                None
            }
        }
    }

    /// The printed cell of a computed figure, checked against the stated one.
    fn printed(
        &mut self,
        computed: Option<Exact>,
        stated: Cell,
        decimals: u32,
        path: &Path,
        place: &Place,
        tolerance: Option<Decimal>,
    ) -> (Option<Exact>, Printed) {
        let shown = computed.map(|c| as_printed(c.value, decimals));
        let stated_value = match stated {
            Cell::Empty => return (computed, shown.map_or(Printed::Empty, Printed::Figure)),
            Cell::Dash => Decimal::ZERO,
            Cell::Figure(v) => v,
        };
        let Some(c) = computed else {
            // Nothing to compute it from: what the source printed.
            return (
                match stated {
                    Cell::Figure(v) => Some(Exact { value: v, terms: 1 }),
                    _ => None,
                },
                match stated {
                    Cell::Figure(v) => Printed::Figure(v),
                    _ => Printed::Dash,
                },
            );
        };
        let printed = as_printed(c.value, decimals);
        let as_stated = match stated {
            Cell::Dash => Printed::Dash,
            _ => {
                let mut v = stated_value;
                if v.scale() < decimals {
                    v.rescale(decimals);
                }
                Printed::Figure(v)
            }
        };
        if stated_value == printed || stated_value == c.value {
            return (Some(c), as_stated);
        }
        let message = format!(
            "{} is printed {}, but its rows give {}",
            place.describe(),
            shown_text(stated),
            {
                let mut v = c.value;
                if v.scale() < decimals {
                    v.rescale(decimals);
                }
                v
            }
        );
        let tolerance = tolerance.unwrap_or_else(|| half(decimals, c.terms.max(1)));
        self.slip(
            path.clone(),
            message,
            diff(stated_value, c.value),
            tolerance,
            c.terms,
        );
        (
            Some(c),
            if self.meta.reproduction {
                as_stated
            } else {
                Printed::Figure(printed)
            },
        )
    }

    /// A difference: an error in a new report; in a reproduction a note within rounding.
    fn slip(&mut self, path: Path, message: String, off: Decimal, tolerance: Decimal, terms: u32) {
        if !self.meta.reproduction {
            self.error(path, message);
        } else if off <= tolerance {
            self.findings.push(Finding::new(
                Severity::Note,
                path,
                format!("{message}: within rounding (at most {} for {terms} figures), printed as the source printed it", tolerance.normalize()),
            ));
        } else {
            self.error(
                path,
                format!(
                    "{message}: more than rounding explains (at most {} for {terms} figures)",
                    tolerance.normalize()
                ),
            );
        }
    }

    /// Every "varav" row is at most its whole, and so are the varav rows together.
    fn varav(&mut self, w: &Work) {
        let rows = &w.out.rows;
        let mut parent: Option<usize> = None;
        let mut parts: Vec<usize> = Vec::new();
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if row.varav {
                if parent.is_some() {
                    parts.push(i);
                }
                continue;
            }
            if let Some(p) = parent.take()
                && !parts.is_empty()
            {
                groups.push((p, std::mem::take(&mut parts)));
            }
            parts.clear();
            if matches!(
                row.kind,
                StatementRowKind::Figures | StatementRowKind::Sum | StatementRowKind::Result
            ) {
                parent = Some(i);
            }
        }
        if let Some(p) = parent
            && !parts.is_empty()
        {
            groups.push((p, parts));
        }
        for (p, parts) in groups {
            for e in 0..w.out.entities.len() {
                for col in 0..w.out.columns.len() {
                    let Printed::Figure(whole) = rows[p].cells[e][col] else {
                        continue;
                    };
                    let mut total = Decimal::ZERO;
                    for &v in &parts {
                        if let Printed::Figure(part) = rows[v].cells[e][col] {
                            total = total.checked_add(part.abs()).unwrap_or(Decimal::MAX);
                            if part.abs() > whole.abs() {
                                self.error(
                                    w.path.index("rows", v).index(w.out.entities[e].0.clone(), col),
                                    format!(
                                        "the \"varav\" row \"{}\" is {} ({}), more than its whole, \"{}\", {}",
                                        rows[v].label, part, column_words(w, e, col), rows[p].label, whole
                                    ),
                                );
                            }
                        }
                    }
                    if parts.len() > 1 && total > whole.abs() {
                        self.error(
                            w.path.index("rows", parts[0]).index(w.out.entities[e].0.clone(), col),
                            format!(
                                "the \"varav\" rows under \"{}\" add up to {} ({}), more than their whole, {}",
                                rows[p].label, total, column_words(w, e, col), whole
                            ),
                        );
                    }
                }
            }
        }
    }

    /// The notes' numbers: as printed, else in order of first reference (numbers as printed
    /// are skipped), then the notes no one refers to, in document order.
    fn number_notes(&mut self, tables: &[Work], notes: &[(&Note, Path, Vec<Work>)]) -> Vec<u32> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, (note, path, _)) in notes.iter().enumerate() {
            if !well_formed(&note.id) {
                self.error(
                    path.key("id"),
                    format!("`{}` is not a note id: expected letters, digits, `_` and `-`, starting with a letter (e.g. `pensions`)", note.id),
                );
            } else if index.insert(note.id.as_str(), i).is_some() {
                self.error(
                    path.key("id"),
                    format!("the note id `{}` is given twice", note.id),
                );
            }
            if note.title.trim().is_empty() {
                self.error(path.key("title"), "the note's title is empty".into());
            }
        }
        let mut numbers: Vec<Option<u32>> = notes.iter().map(|(n, _, _)| n.number).collect();
        let mut taken: HashMap<u32, usize> = HashMap::new();
        for (i, (note, path, _)) in notes.iter().enumerate() {
            if let Some(n) = note.number
                && let Some(&other) = taken.get(&n)
            {
                self.error(
                    path.key("number"),
                    format!(
                        "the note `{}` has the number {n}, which the note `{}` has too",
                        note.id, notes[other].0.id
                    ),
                );
            } else if let Some(n) = note.number {
                taken.insert(n, i);
            }
        }
        let mut next = 1u32;
        let mut give = |i: usize, numbers: &mut Vec<Option<u32>>| {
            if numbers[i].is_none() {
                while taken.contains_key(&next) {
                    next += 1;
                }
                numbers[i] = Some(next);
                taken.insert(next, i);
            }
        };
        let all_ids: Vec<&str> = notes.iter().map(|(n, _, _)| n.id.as_str()).collect();
        for w in tables {
            for (r, row) in w.table.rows.iter().enumerate() {
                for (entity, k, id) in row.notes.all() {
                    let at = match entity {
                        Some(e) => w.path.index("rows", r).key("note").key(e.to_owned()),
                        None => w.path.index("rows", r).key("note"),
                    };
                    let at = if row.notes.for_entity(entity.unwrap_or(VALUES)).len() > 1
                        || matches!(&row.notes, crate::model::NoteRefs::All(ids) if ids.len() > 1)
                    {
                        let mut p = at;
                        p.0.push(crate::location::Seg::Index(k));
                        p
                    } else {
                        at
                    };
                    if let Some(e) = entity
                        && !w.out.entities.iter().any(|(id, _)| id == e)
                    {
                        let known: Vec<&str> =
                            w.out.entities.iter().map(|(id, _)| id.as_str()).collect();
                        self.error_hint(
                            at.clone(),
                            format!("the row \"{}\" refers to a note for `{e}`, which is no entity of this table (its entities: {})", row.label, known.join(", ")),
                            crate::suggest::code_hint(e, known.iter().copied()),
                        );
                        continue;
                    }
                    match index.get(id) {
                        Some(&i) => give(i, &mut numbers),
                        None => {
                            let message = if notes.is_empty() {
                                format!(
                                    "the row \"{}\" refers to the note `{id}`, but the report has no notes: add a block `type = \"note\"` with `id = \"{id}\"`",
                                    row.label
                                )
                            } else {
                                format!(
                                    "the row \"{}\" refers to the note `{id}`, which no note of the report has as its id",
                                    row.label
                                )
                            };
                            self.error_hint(
                                at,
                                message,
                                crate::suggest::code_hint(id, all_ids.iter().copied()),
                            );
                        }
                    }
                }
            }
        }
        for i in 0..notes.len() {
            give(i, &mut numbers);
        }
        numbers.into_iter().map(|n| n.unwrap_or(0)).collect()
    }

    /// The note references of a table's rows, as indexes of the notes.
    fn link_notes(&mut self, w: &mut Work, index: &HashMap<&str, usize>) {
        for (r, row) in w.table.rows.iter().enumerate() {
            for (e, (entity, _)) in w.out.entities.iter().enumerate() {
                let ids = row.notes.for_entity(entity);
                let linked: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| index.get(id.as_str()).copied())
                    .collect();
                if !linked.is_empty() {
                    w.out.note_columns[e] = true;
                }
                w.out.rows[r].notes[e] = linked;
            }
        }
    }

    /// The checks the tables declare, and those their presets declare.
    fn checks(&mut self, tables: &[Work]) {
        struct Declared {
            table: usize,
            left: (usize, String),
            right: (usize, String),
            path: Path,
            by_preset: bool,
        }
        let mut declared: Vec<Declared> = Vec::new();
        let by_id: HashMap<&str, usize> = tables
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.table.id.as_deref().map(|id| (id, i)))
            .collect();
        for (t, w) in tables.iter().enumerate() {
            for (k, check) in w.table.checks.iter().enumerate() {
                let at = w.path.index("checks", k);
                let resolve = |c: &mut Self,
                               name: &str,
                               key: &'static str|
                 -> Option<(usize, String)> {
                    let (table, row) = match name.split_once('.') {
                        Some((table, row)) => {
                            match by_id.get(table) {
                                Some(&i) => (i, row),
                                None => {
                                    let known: Vec<&str> = by_id.keys().copied().collect();
                                    c.error_hint(
                                    at.key(key),
                                    format!("no statement has the id `{table}` (the table of `{name}`)"),
                                    crate::suggest::code_hint(table, known.iter().copied()),
                                );
                                    return None;
                                }
                            }
                        }
                        None => (t, name),
                    };
                    if !tables[table].ids.contains_key(row) {
                        let mut known: Vec<&str> =
                            tables[table].ids.keys().map(String::as_str).collect();
                        known.sort();
                        c.error_hint(
                            at.key(key),
                            format!("no row of {} has the id `{row}`", tables[table].name),
                            crate::suggest::code_hint(row, known.iter().copied()),
                        );
                        return None;
                    }
                    Some((table, row.to_owned()))
                };
                let left = resolve(self, &check.left, "left");
                let right = resolve(self, &check.right, "right");
                if let (Some(left), Some(right)) = (left, right) {
                    declared.push(Declared {
                        table: t,
                        left,
                        right,
                        path: at,
                        by_preset: false,
                    });
                }
            }
        }
        // The presets' own checks.
        let first = |p: StatementPreset| tables.iter().position(|w| w.table.preset == Some(p));
        let has = |t: usize, row: &str| tables[t].ids.contains_key(row);
        if let Some(bs) = first(StatementPreset::BalanceSheet) {
            if has(bs, "total_assets") && has(bs, "total_equity_liabilities") {
                declared.push(Declared {
                    table: bs,
                    left: (bs, "total_assets".into()),
                    right: (bs, "total_equity_liabilities".into()),
                    path: tables[bs].path.clone(),
                    by_preset: true,
                });
            } else {
                self.findings.push(Finding::new(
                    Severity::Warning,
                    tables[bs].path.key("preset"),
                    "a balance sheet checks that its assets equal its equity, provisions and liabilities: give the rows `id = \"total_assets\"` and `id = \"total_equity_liabilities\"`".into(),
                ));
            }
        }
        let pairs = [
            (
                StatementPreset::IncomeStatement,
                "result",
                StatementPreset::BalanceSheet,
                "result",
            ),
            (
                StatementPreset::IncomeStatement,
                "result",
                StatementPreset::CashFlow,
                "result",
            ),
            (
                StatementPreset::CashFlow,
                "cash_end",
                StatementPreset::BalanceSheet,
                "cash",
            ),
            (
                StatementPreset::BalanceRequirement,
                "result",
                StatementPreset::IncomeStatement,
                "result",
            ),
        ];
        for (pa, ra, pb, rb) in pairs {
            if let (Some(a), Some(b)) = (first(pa), first(pb))
                && has(a, ra)
                && has(b, rb)
            {
                declared.push(Declared {
                    table: a,
                    left: (a, ra.into()),
                    right: (b, rb.into()),
                    path: tables[a].path.clone(),
                    by_preset: true,
                });
            }
        }
        for d in declared {
            let _ = d.table;
            let (lt, lr) = (&tables[d.left.0], tables[d.left.0].ids[&d.left.1]);
            let (rt, rr) = (&tables[d.right.0], tables[d.right.0].ids[&d.right.1]);
            let mut compared = 0;
            for (le, (lentity, lheading)) in lt.out.entities.iter().enumerate() {
                // A table without entities stands for the other's first.
                let re = if rt.out.entities.len() == 1 && rt.out.entities[0].0 == VALUES {
                    (le == 0).then_some(0)
                } else if lentity == VALUES {
                    Some(0)
                } else {
                    rt.out.entities.iter().position(|(id, _)| id == lentity)
                };
                let Some(re) = re else { continue };
                for (lc, column) in lt.out.columns.iter().enumerate() {
                    let Some(rc) = rt.out.columns.iter().position(|c| c == column) else {
                        continue;
                    };
                    let (Printed::Figure(a), Printed::Figure(b)) =
                        (lt.out.rows[lr].cells[le][lc], rt.out.rows[rr].cells[re][rc])
                    else {
                        continue;
                    };
                    compared += 1;
                    if a == b {
                        continue;
                    }
                    let terms = lt.exact[lr][le][lc].map_or(1, |x| x.terms)
                        + rt.exact[rr][re][rc].map_or(1, |x| x.terms);
                    let decimals = lt.out.rows[lr].decimals.min(rt.out.rows[rr].decimals);
                    let tolerance = half(decimals, terms);
                    let lplace = Place {
                        row: lt.out.rows[lr].label.clone(),
                        entity: lheading.clone(),
                        column: column.clone(),
                        table: lt.name.clone(),
                    };
                    let rplace = Place {
                        row: rt.out.rows[rr].label.clone(),
                        entity: rt.out.entities[re].1.clone(),
                        column: column.clone(),
                        table: rt.name.clone(),
                    };
                    let message = format!(
                        "{} is {a}, but {} is {b}: the two must agree{}",
                        lplace.describe(),
                        rplace.describe(),
                        if d.by_preset {
                            " (a check of the statements' presets)"
                        } else {
                            ""
                        }
                    );
                    let path = lt.path.index("rows", lr).index(lentity.clone(), lc);
                    let _ = &d.path;
                    self.slip(path, message, diff(a, b), tolerance, terms);
                }
            }
            if compared == 0 && !d.by_preset {
                self.findings.push(Finding::new(
                    Severity::Warning,
                    d.path.clone(),
                    format!("the check of `{}` against `{}` compares nothing: the two rows have no figures in columns of the same entity and heading", d.left.1, d.right.1),
                ));
            }
        }
    }

    /// A row that refers to one note with a `total` row has the note's total (the sign
    /// aside: a note prints costs positive that a statement prints negative).
    fn note_totals(&mut self, tables: &[Work], notes: &[(&Note, Path, Vec<Work>)]) {
        for w in tables {
            for (r, row) in w.out.rows.iter().enumerate() {
                for (e, linked) in row.notes.iter().enumerate() {
                    let [n] = linked.as_slice() else { continue };
                    let (note, _, works) = &notes[*n];
                    let Some((nt, total)) = works
                        .iter()
                        .find_map(|nw| nw.ids.get("total").map(|&t| (nw, t)))
                    else {
                        continue;
                    };
                    let entity = &w.out.entities[e].0;
                    let ne = if nt.out.entities.len() == 1 && nt.out.entities[0].0 == VALUES {
                        0
                    } else {
                        match nt.out.entities.iter().position(|(id, _)| id == entity) {
                            Some(ne) => ne,
                            None => continue,
                        }
                    };
                    for (c, column) in w.out.columns.iter().enumerate() {
                        let Some(nc) = nt.out.columns.iter().position(|x| x == column) else {
                            continue;
                        };
                        let (Printed::Figure(a), Printed::Figure(b)) =
                            (row.cells[e][c], nt.out.rows[total].cells[ne][nc])
                        else {
                            continue;
                        };
                        if a.abs() == b.abs() {
                            continue;
                        }
                        let terms = w.exact[r][e][c].map_or(1, |x| x.terms)
                            + nt.exact[total][ne][nc].map_or(1, |x| x.terms);
                        let decimals = row.decimals.min(nt.out.rows[total].decimals);
                        let tolerance = half(decimals, terms);
                        let place = Place {
                            row: row.label.clone(),
                            entity: w.out.entities[e].1.clone(),
                            column: column.clone(),
                            table: w.name.clone(),
                        };
                        let message = format!(
                            "{} is {a}, but the total of the note `{}` (\"{}\", row \"{}\") it refers to is {b}",
                            place.describe(),
                            note.id,
                            note.title,
                            nt.out.rows[total].label
                        );
                        self.slip(
                            w.path.index("rows", r).index(entity.clone(), c),
                            message,
                            diff(a.abs(), b.abs()),
                            tolerance,
                            terms,
                        );
                    }
                }
            }
        }
    }
}

/// Counted in sums: a figure row that is not "varav", not outside, not a ratio.
fn counted(row: &crate::model::StatementRow) -> bool {
    row.kind == Some(StatementRowKind::Figures)
        && !row.varav
        && !row.outside
        && row.ratio.is_empty()
}

/// How far a ratio of two printed figures may be from the ratio printed: what half a unit of
/// each operand's decimals moves it by, plus half a unit of the ratio's own.
fn ratio_tolerance(
    w: &Work,
    a: usize,
    b: usize,
    e: usize,
    col: usize,
    scale: Decimal,
    decimals: u32,
) -> Decimal {
    let (Some(x), Some(y)) = (w.exact[a][e][col], w.exact[b][e][col]) else {
        return Decimal::ZERO;
    };
    let ea = Decimal::new(5, w.out.rows[a].decimals + 1);
    let eb = Decimal::new(5, w.out.rows[b].decimals + 1);
    let y_abs = y.value.abs();
    let moved = (|| {
        let first = ea.checked_mul(scale)?.checked_div(y_abs)?;
        let second = x
            .value
            .abs()
            .checked_mul(eb)?
            .checked_mul(scale)?
            .checked_div(y_abs.checked_mul(y_abs)?)?;
        first.checked_add(second)
    })()
    .unwrap_or(Decimal::ZERO);
    moved
        .checked_add(Decimal::new(5, decimals + 1))
        .unwrap_or(Decimal::MAX)
}

/// Where a figure stands, in words.
struct Place {
    row: String,
    entity: Option<String>,
    column: String,
    table: String,
}

impl Place {
    fn describe(&self) -> String {
        match &self.entity {
            Some(e) => format!(
                "\"{}\" ({}, {}) in {}",
                self.row, e, self.column, self.table
            ),
            None => format!("\"{}\" ({}) in {}", self.row, self.column, self.table),
        }
    }
}

fn column_words(w: &Work, e: usize, col: usize) -> String {
    match &w.out.entities[e].1 {
        Some(h) => format!("{h}, {}", w.out.columns[col]),
        None => w.out.columns[col].clone(),
    }
}

fn shown_text(cell: Cell) -> String {
    match cell {
        Cell::Figure(v) => v.to_string(),
        Cell::Dash => "–".into(),
        Cell::Empty => String::new(),
    }
}

/// How far apart two figures are; the largest decimal when that cannot be said.
fn diff(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).map_or(Decimal::MAX, |d| d.abs())
}

/// Half a unit of the last printed decimal for each of `terms` figures.
fn half(decimals: u32, terms: u32) -> Decimal {
    Decimal::new(5, decimals.min(27) + 1)
        .checked_mul(Decimal::from(terms))
        .unwrap_or(Decimal::MAX)
}
