//! The archive as a source (issue 25): a financial table's columns filled from an earlier
//! year's report, so that last year's outcome is never typed again as this year's "Utfall
//! 2021". `earlier = { report = "arkiv/2021.toml", columns = { prior_outcome = "outcome" } }`
//! reads the earlier report (by the rule of every file a report names: inside its directory
//! unless allowed), checks and computes it as `check` would, and gives each figure row of
//! this table the figure that the earlier table (this table's id, or `table`) prints in the
//! row of the same label. Labels are matched both ways: a row of this year that the earlier
//! table lacks is an error (unless the row gives the figure itself, or "–"), and a row of the
//! earlier table that this year lacks is a warning naming it, so that no figure is silently
//! dropped or added as zero.
//!
//! An earlier report's own `earlier` is not followed (one year back is what a table shows);
//! its errors are this report's error at `earlier.report`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::compute::{ComputedRowKind, ComputedTable};
use crate::confine::Refusal;
use crate::files::Files;
use crate::location::{Finding, Path};
use crate::model::{Block, Report, RowKind};

/// The files of an earlier report: named from its own directory, read through this report's
/// [`Files`] (so by the same confinement).
pub(crate) struct Beside<'a> {
    /// The including report's files.
    pub(crate) files: &'a dyn Files,
    /// The earlier report's directory, as a name of those files (`arkiv`).
    pub(crate) dir: String,
}

impl Beside<'_> {
    fn name(&self, name: &str) -> String {
        if self.dir.is_empty() || std::path::Path::new(name).is_absolute() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.dir)
        }
    }
}

impl Files for Beside<'_> {
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        self.files.read(&self.name(name), max_bytes)
    }

    fn locate(&self, name: &str) -> Option<Result<PathBuf, Refusal>> {
        self.files.locate(&self.name(name))
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        self.files.list(&self.name(dir))
    }
}

/// Another report read, checked and computed (an earlier year's, or a board's).
pub(crate) struct Opened {
    /// Its financial tables with an id, computed.
    pub(crate) tables: HashMap<String, ComputedTable>,
    /// Its board (`meta.board`).
    pub(crate) board: Option<String>,
}

/// Another report read and computed, or why not.
pub(crate) type Read = Result<Opened, String>;

/// Fills every column of the report's tables that an `earlier` names, each earlier report
/// read once by `open` (its name: its tables, or why not); the findings.
pub(crate) fn resolve(report: &mut Report, open: &dyn Fn(&str) -> Read) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut opened: HashMap<String, Read> = HashMap::new();
    crate::tree::blocks_mut(report, &mut |block, at| {
        let (Block::Finance(table) | Block::Investments(table)) = block else {
            return;
        };
        let table_at = at;
        if let Some(boards) = table.boards.clone() {
            let rows = board_rows(
                &boards,
                table.id.as_deref(),
                &table_at,
                &mut opened,
                open,
                &mut findings,
            );
            table.rows.extend(rows);
        }
        let Some(earlier) = table.earlier.clone() else {
            return;
        };
        let at = table_at.key("earlier");
        let read = opened
            .entry(earlier.report.clone())
            .or_insert_with(|| open(&earlier.report));
        let tables = match read {
            Ok(opened) => &opened.tables,
            Err(why) => {
                findings.push(Finding::error(at.key("report"), why.clone()));
                return;
            }
        };
        let Some(id) = earlier.table.clone().or_else(|| table.id.clone()) else {
            findings.push(Finding::error(
                at.clone(),
                "the table takes columns from an earlier report, but names no table of it: give the table an `id` (the earlier table's), or `table` in `earlier`".into(),
            ));
            return;
        };
        let Some(source) = tables.get(&id) else {
            let mut known: Vec<&str> = tables.keys().map(String::as_str).collect();
            known.sort();
            findings.push(
                Finding::error(
                    at.key(if earlier.table.is_some() { "table" } else { "report" }),
                    format!(
                        "the earlier report {} has no table with the id `{id}` (its tables' ids: {})",
                        earlier.report,
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    ),
                )
                .with_hint(crate::suggest::code_hint(&id, known.iter().copied())),
            );
            return;
        };
        for (column, from) in &earlier.columns {
            let Some(index) = source.columns.iter().position(|c| c.id == *from) else {
                let known: Vec<&str> = source.columns.iter().map(|c| c.id.as_str()).collect();
                findings.push(
                    Finding::error(
                        at.key("columns").key(column.clone()),
                        format!(
                            "the earlier table `{id}` ({}) has no column `{from}` (its columns: {})",
                            earlier.report,
                            known.join(", ")
                        ),
                    )
                    .with_hint(crate::suggest::code_hint(from, known.iter().copied())),
                );
                continue;
            };
            fill(
                table,
                column,
                source,
                index,
                &earlier.report,
                &id,
                &table_at,
                &mut findings,
            );
        }
    });
    findings
}

/// Gives each figure row of `table` (at `at`) its figure in `column` from the row of the
/// same label of `source` (its column `index`); the rows that do not match, named.
#[allow(clippy::too_many_arguments)]
fn fill(
    table: &mut crate::model::MoneyTable,
    column: &str,
    source: &ComputedTable,
    index: usize,
    file: &str,
    id: &str,
    at: &Path,
    findings: &mut Vec<Finding>,
) {
    let label =
        |r: &crate::compute::ComputedRow| r.label.as_deref().unwrap_or_default().trim().to_owned();
    let earlier_rows: Vec<&crate::compute::ComputedRow> = source
        .rows
        .iter()
        .filter(|r| r.kind == ComputedRowKind::Figures)
        .collect();
    let mut matched = vec![false; earlier_rows.len()];
    for (r, row) in table.rows.iter_mut().enumerate() {
        if row.kind != RowKind::Figures {
            continue;
        }
        let wanted = row.label.trim().to_owned();
        let found = earlier_rows.iter().position(|s| label(s) == wanted);
        if let Some(i) = found {
            matched[i] = true;
        }
        // A row that gives the figure itself keeps it (a figure restated since, or "–").
        if row.figures.get(column).is_some() || row.dashes.iter().any(|d| d == column) {
            continue;
        }
        match found {
            Some(i) => earlier_rows[i].copy_cell(index, row, column),
            None => {
                let labels: Vec<String> = earlier_rows.iter().map(|s| label(s)).collect();
                findings.push(
                    Finding::error(
                        at.index("rows", r).key("label"),
                        format!(
                            "the column `{column}` is taken from the earlier report {file}, but its table `{id}` has no row \"{wanted}\": give the row's `{column}` itself (a figure, or \"–\" when it had none)"
                        ),
                    )
                    .with_hint(crate::suggest::text_hint(&wanted, labels.iter().map(String::as_str))),
                );
            }
        }
    }
    for (s, _) in earlier_rows.iter().zip(&matched).filter(|(_, m)| !**m) {
        findings.push(Finding::new(
            crate::diag::Severity::Warning,
            at.key("earlier").key("columns").key(column.to_owned()),
            format!(
                "the earlier report {file}'s table `{id}` has the row \"{}\", which this table does not have: its `{column}` figure is not shown (a row renamed, or left out this year?)",
                label(s)
            ),
        ));
    }
}

/// One figure row per board's report of `boards`, labelled with its board, its figures the
/// row (`total` by default) of its table; the reports that do not give one, named.
fn board_rows(
    boards: &crate::model::Boards,
    own_id: Option<&str>,
    at: &Path,
    opened: &mut HashMap<String, Read>,
    open: &dyn Fn(&str) -> Read,
    findings: &mut Vec<Finding>,
) -> Vec<crate::model::MoneyRow> {
    let at = at.key("boards");
    let mut rows = Vec::new();
    let Some(id) = boards.table.as_deref().or(own_id) else {
        findings.push(Finding::error(
            at,
            "the table takes rows from the boards' reports, but names no table of them: give the table an `id` (theirs), or `table` in `boards`".into(),
        ));
        return rows;
    };
    let wanted = boards.row.as_deref().unwrap_or("total");
    for (i, name) in boards.reports.iter().enumerate() {
        let here = at.index("reports", i);
        let read = opened.entry(name.clone()).or_insert_with(|| open(name));
        let report = match read {
            Ok(report) => report,
            Err(why) => {
                findings.push(Finding::error(
                    here,
                    why.replace("the earlier report", "the board's report"),
                ));
                continue;
            }
        };
        let Some(board) = report.board.clone() else {
            findings.push(Finding::error(
                here,
                format!("the board's report {name} names no board (`meta.board`): its row would have no label"),
            ));
            continue;
        };
        let Some(source) = report.tables.get(id) else {
            let mut known: Vec<&str> = report.tables.keys().map(String::as_str).collect();
            known.sort();
            findings.push(
                Finding::error(
                    here,
                    format!(
                        "the board's report {name} has no table with the id `{id}` (its tables' ids: {})",
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    ),
                )
                .with_hint(crate::suggest::code_hint(id, known.iter().copied())),
            );
            continue;
        };
        let found = if wanted == "total" {
            source
                .rows
                .iter()
                .find(|r| r.kind == ComputedRowKind::Total)
        } else {
            source
                .rows
                .iter()
                .find(|r| r.label.as_deref().map(str::trim) == Some(wanted))
        };
        let Some(found) = found else {
            let labels: Vec<&str> = source
                .rows
                .iter()
                .filter_map(|r| r.label.as_deref())
                .collect();
            findings.push(
                Finding::error(
                    at.key("row"),
                    format!(
                        "the table `{id}` of the board's report {name} has no row \"{wanted}\" (`total` is its total row; it has none when it sets total = false)"
                    ),
                )
                .with_hint(crate::suggest::text_hint(wanted, labels.iter().copied())),
            );
            continue;
        };
        let mut row = crate::model::MoneyRow::new(RowKind::Figures, board);
        for (column, from) in &boards.columns {
            let Some(index) = source.columns.iter().position(|c| c.id == *from) else {
                let known: Vec<&str> = source.columns.iter().map(|c| c.id.as_str()).collect();
                findings.push(
                    Finding::error(
                        at.key("columns").key(column.clone()),
                        format!(
                            "the table `{id}` of the board's report {name} has no column `{from}` (its columns: {})",
                            known.join(", ")
                        ),
                    )
                    .with_hint(crate::suggest::code_hint(from, known.iter().copied())),
                );
                continue;
            };
            found.copy_cell(index, &mut row, column);
        }
        rows.push(row);
    }
    rows
}
