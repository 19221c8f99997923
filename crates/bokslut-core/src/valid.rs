//! The validated report: a [`Report`] that passed every check, with every figure of its
//! tables computed once ([`crate::compute`]). The layout takes only this type, so it cannot
//! be handed a report whose figures were not checked, and it never computes a figure itself.
//! Its goal tables are resolved once too (`goals::assess`): columns, level names,
//! every status and trend.

use std::collections::BTreeMap;

use crate::bound::BoundFigure;
use crate::chart::ChartFigures;
use crate::compute::{self, ComputedTable};
use crate::goals::AssessedTable;
use crate::location::{Finding, Path};
use crate::model::{Block, Chapter, Chart, Report};
use crate::statement::{ComputedNote, ComputedStatement, Statements};
use crate::tree::{Item, each};

/// A report included as a part of another (`parts`, see [`ValidReport::included`]): its name
/// (as the including report's files name it, `namnder/ks.toml`) and the report, checked and
/// computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Included {
    /// The part's file, as named from the including report's directory.
    pub name: String,
    /// The part, valid.
    pub report: std::sync::Arc<ValidReport>,
}

/// A report with no errors and every figure of its tables computed.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidReport {
    report: Report,
    /// The computed financial tables, in document order (see [`ValidReport::parts`]).
    tables: Vec<ComputedTable>,
    /// The resolved goal tables, in document order.
    goals: Vec<AssessedTable>,
    /// The statements and notes, computed and numbered.
    statements: Statements,
    /// Every chart's figures, in document order.
    charts: Vec<ChartFigures>,
    /// The figures its texts bind (`{=table/row/column}`), by the words between the braces.
    bound: BTreeMap<String, BoundFigure>,
    /// The profile the report names (`meta.profile`), resolved inside the report's
    /// directory ([`crate::confine`]).
    profile: Option<std::path::PathBuf>,
    /// The reports it includes as its parts (`parts`), in order.
    included: Vec<Included>,
}

/// One step of the report in reading order: a chapter's heading, or one of its blocks.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// A chapter (at depth `level`, 1 for the top), before its blocks and sections.
    Chapter {
        /// 1 for a chapter, 2 for a section, ...
        level: usize,
        /// The chapter.
        chapter: &'a Chapter,
    },
    /// A goal table of the chapter last given, resolved: statuses and trends computed.
    Goals {
        /// The level of the chapter it is in.
        level: usize,
        /// The table.
        table: &'a AssessedTable,
    },
    /// A block of the chapter last given, other than a financial or goal table.
    Block {
        /// The level of the chapter it is in.
        level: usize,
        /// The block as written.
        block: &'a Block,
    },
    /// A statement of the chapter last given (`type = "statement"`), computed.
    Statement {
        /// The level of the chapter it is in.
        level: usize,
        /// The statement, every figure computed and every note reference numbered.
        table: &'a ComputedStatement,
    },
    /// A note of the chapter last given (`type = "note"`), numbered, its tables computed.
    Note {
        /// The level of the chapter it is in.
        level: usize,
        /// The note.
        note: &'a ComputedNote,
    },
    /// A chart of the chapter last given, with its figures resolved (its own, or a table's).
    Chart {
        /// The level of the chapter it is in.
        level: usize,
        /// The chart as written.
        chart: &'a Chart,
        /// Its figures.
        figures: &'a ChartFigures,
    },
    /// A financial or investment table of the chapter last given, with its figures computed.
    Table {
        /// The level of the chapter it is in.
        level: usize,
        /// The table, every figure computed.
        table: &'a ComputedTable,
    },
}

impl ValidReport {
    /// The report as written.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The reports it includes as its parts (`parts`), in order, each valid: printed after
    /// its own chapters, each under its board's name.
    pub fn included(&self) -> &[Included] {
        &self.included
    }

    /// Every chapter and block in reading order (a chapter, its blocks, then its sections),
    /// each table with its computed figures.
    pub fn parts(&self) -> Vec<Part<'_>> {
        let mut parts = Vec::new();
        let mut tables = self.tables.iter();
        let mut goals = self.goals.iter();
        let mut statements = self.statements.tables.iter();
        let mut notes = self.statements.notes.iter();
        let mut charts = self.charts.iter();
        each(&self.report, &mut |level, item, _| match item {
            Item::Chapter(chapter) => parts.push(Part::Chapter { level, chapter }),
            Item::Block(Block::Finance(_) | Block::Investments(_)) => {
                // `new` pairs every table with its computed figures, in this order.
                if let Some(table) = tables.next() {
                    parts.push(Part::Table { level, table });
                }
            }
            Item::Block(Block::Goals(_)) => {
                // `new` pairs every goal table with its resolution, in this order.
                if let Some(table) = goals.next() {
                    parts.push(Part::Goals { level, table });
                }
            }
            Item::Block(Block::Statement(_)) => {
                if let Some(table) = statements.next() {
                    parts.push(Part::Statement { level, table });
                }
            }
            Item::Block(Block::Note(_)) => {
                if let Some(note) = notes.next() {
                    parts.push(Part::Note { level, note });
                }
            }
            Item::Block(Block::Chart(chart)) => {
                // `new` pairs every chart with its figures, in this order.
                if let Some(figures) = charts.next() {
                    parts.push(Part::Chart {
                        level,
                        chart,
                        figures,
                    });
                }
            }
            Item::Block(block) => parts.push(Part::Block { level, block }),
        });
        parts
    }

    /// The profile file the report names (`meta.profile`), resolved inside the report's
    /// directory (or where `--allow-outside-paths` allowed): the path to read, when it names
    /// one. A program's own profile (`--profile`) replaces it.
    pub fn profile_file(&self) -> Option<&std::path::Path> {
        self.profile.as_deref()
    }

    /// Every computed table, in document order.
    pub fn tables(&self) -> &[ComputedTable] {
        &self.tables
    }

    /// Every resolved goal table, in document order.
    pub fn goal_tables(&self) -> &[AssessedTable] {
        &self.goals
    }

    /// Every statement and note, computed and numbered, in document order.
    pub fn statements(&self) -> &Statements {
        &self.statements
    }

    /// The financial tables that have an id, computed, by id (an earlier year's report read
    /// as a source: [`crate::earlier`]).
    pub(crate) fn tables_by_id(&self) -> std::collections::HashMap<String, ComputedTable> {
        let mut by_id = std::collections::HashMap::new();
        let mut computed = self.tables.iter();
        each(&self.report, &mut |_, item, _| {
            if let Item::Block(Block::Finance(t) | Block::Investments(t)) = item
                && let Some(c) = computed.next()
                && let Some(id) = &t.id
            {
                by_id.insert(id.clone(), c.clone());
            }
        });
        by_id
    }

    /// The figures the report's texts bind, by the words between `{=` and `}`.
    pub fn bound(&self) -> &BTreeMap<String, BoundFigure> {
        &self.bound
    }

    /// `text` with every figure it binds (`{=table/row/column}`) replaced by `print`'s words
    /// for it ([`crate::bound`]).
    pub fn bind<'t>(
        &self,
        text: &'t str,
        print: impl Fn(&BoundFigure) -> String,
    ) -> std::borrow::Cow<'t, str> {
        crate::bound::substitute(text, &self.bound, print)
    }

    /// Every chart's figures, in document order.
    pub fn charts(&self) -> &[ChartFigures] {
        &self.charts
    }
}

/// Computes every table of a report: the tables (all of them, or `None` when one could not
/// be computed) and the findings of computing.
pub(crate) fn compute_tables(report: &Report) -> (Option<Vec<ComputedTable>>, Vec<Finding>) {
    let mut tables = Some(Vec::new());
    let mut findings = Vec::new();
    // The tables computed so far that have an id, for the columns below taken `from` them.
    let mut by_id: std::collections::HashMap<String, ComputedTable> = Default::default();
    each(report, &mut |_, item, path| {
        let (table, investments) = match item {
            Item::Block(Block::Finance(t)) => (t, false),
            Item::Block(Block::Investments(t)) => (t, true),
            _ => return,
        };
        let filled;
        let table = if table.columns.iter().flatten().any(|c| c.from.is_some()) {
            match fill_from(table, &by_id, path, &mut findings) {
                Some(t) => {
                    filled = t;
                    &filled
                }
                None => {
                    tables = None;
                    return;
                }
            }
        } else {
            table
        };
        let outcome = compute::compute(table, &report.meta, investments, path);
        findings.extend(outcome.findings);
        if let (Some(id), Some(t)) = (&table.id, &outcome.table) {
            if by_id.contains_key(id) {
                findings.push(Finding::error(
                    path.key("id"),
                    format!("the table id `{id}` is given to two tables"),
                ));
                tables = None;
            }
            by_id.insert(id.clone(), t.clone());
        }
        match (outcome.table, &mut tables) {
            (Some(t), Some(all)) => all.push(t),
            _ => tables = None,
        }
    });
    (tables, findings)
}

/// A table whose columns `from` tables above are filled in: each row's figure is the figure
/// of the source table's row with the same label, as printed there. `None` (with the
/// findings) when a source, a column or a row cannot be found.
fn fill_from(
    table: &crate::model::MoneyTable,
    by_id: &std::collections::HashMap<String, ComputedTable>,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<crate::model::MoneyTable> {
    let mut filled = table.clone();
    let mut ok = true;
    for (c, column) in table.columns.iter().flatten().enumerate() {
        let Some(from) = &column.from else { continue };
        let at = path.index("columns", c).key("from");
        let Some((source_id, source_column)) = from.split_once('.') else {
            findings.push(Finding::error(
                at,
                format!("`from = \"{from}\"`: expected a table id and a column id, e.g. \"drift.outcome\""),
            ));
            ok = false;
            continue;
        };
        let Some(source) = by_id.get(source_id) else {
            let mut known: Vec<&str> = by_id.keys().map(String::as_str).collect();
            known.sort();
            findings.push(
                Finding::error(
                    at,
                    format!(
                        "no table above this one has the id `{source_id}` (the table of `{from}`)"
                    ),
                )
                .with_hint(crate::suggest::code_hint(source_id, known.iter().copied())),
            );
            ok = false;
            continue;
        };
        let Some(index) = source.columns.iter().position(|x| x.id == source_column) else {
            let known: Vec<&str> = source.columns.iter().map(|x| x.id.as_str()).collect();
            findings.push(
                Finding::error(
                    at,
                    format!(
                        "the table `{source_id}` has no column `{source_column}` (its columns: {})",
                        known.join(", ")
                    ),
                )
                .with_hint(crate::suggest::code_hint(
                    source_column,
                    known.iter().copied(),
                )),
            );
            ok = false;
            continue;
        };
        for (r, row) in filled.rows.iter_mut().enumerate() {
            if row.kind != crate::model::RowKind::Figures {
                continue;
            }
            if row.figures.get(&column.id).is_some() {
                findings.push(Finding::error(
                    path.index("rows", r).key(column.id.clone()),
                    format!(
                        "the row \"{}\" gives a figure for `{}`, which is taken from `{from}`: give none",
                        row.label, column.id
                    ),
                ));
                ok = false;
                continue;
            }
            let wanted = row.label.trim();
            let found = source
                .rows
                .iter()
                .find(|s| s.label.as_deref().map(str::trim) == Some(wanted));
            match found {
                Some(s) => s.copy_cell(index, row, &column.id),
                None => {
                    let labels: Vec<&str> = source
                        .rows
                        .iter()
                        .filter_map(|s| s.label.as_deref())
                        .collect();
                    findings.push(
                        Finding::error(
                            path.index("rows", r).key("label"),
                            format!(
                                "the column `{}` is taken from `{from}`, but the table `{source_id}` has no row \"{}\"",
                                column.id, row.label
                            ),
                        )
                        .with_hint(crate::suggest::text_hint(wanted, labels.iter().copied())),
                    );
                    ok = false;
                }
            }
        }
    }
    ok.then_some(filled)
}

/// Resolves every goal table of a report: the tables (all of them, or `None` when one has an
/// error) and the findings.
pub(crate) fn assess_goals(report: &Report) -> (Option<Vec<AssessedTable>>, Vec<Finding>) {
    let mut tables = Some(Vec::new());
    let mut findings = Vec::new();
    each(report, &mut |_, item, path| {
        let Item::Block(Block::Goals(table)) = item else {
            return;
        };
        let outcome = crate::goals::assess(table, report.meta.kind, path);
        findings.extend(outcome.findings);
        match (outcome.table, &mut tables) {
            (Some(t), Some(all)) => all.push(t),
            _ => tables = None,
        }
    });
    (tables, findings)
}

impl ValidReport {
    /// Pairs a report with its computed tables, resolved goal tables and charts; only
    /// [`crate::read`] makes one, after every check passed.
    pub(crate) fn new(
        report: Report,
        tables: Vec<ComputedTable>,
        goals: Vec<AssessedTable>,
        statements: Statements,
        charts: Vec<ChartFigures>,
        bound: BTreeMap<String, BoundFigure>,
        profile: Option<std::path::PathBuf>,
    ) -> ValidReport {
        ValidReport {
            report,
            tables,
            goals,
            statements,
            charts,
            bound,
            profile,
            included: Vec::new(),
        }
    }

    /// The report with its parts (`parts`), opened and valid.
    pub(crate) fn with_included(mut self, included: Vec<Included>) -> ValidReport {
        self.included = included;
        self
    }
}

/// The profile file a report names, where `files` put it (relative to the report's directory
/// and confined to it unless allowed: the rule of [`crate::confine`], checked before the file
/// is opened); a refusal is an error at `meta.profile`. `None` too for files not on disk.
pub(crate) fn profile_file(
    report: &Report,
    files: &dyn crate::files::Files,
    findings: &mut Vec<Finding>,
) -> Option<std::path::PathBuf> {
    let name = report.meta.profile.as_ref()?;
    match files.locate(name)? {
        Ok(path) => Some(path),
        Err(refusal) => {
            let message = match refusal {
                crate::confine::Refusal::Empty => {
                    "`profile` is empty: expected the profile file, such as \"profil/profil.toml\""
                        .to_owned()
                }
                other => format!("{name}: {other}"),
            };
            findings.push(Finding::error(
                Path::default().key("meta").key("profile"),
                message,
            ));
            None
        }
    }
}
