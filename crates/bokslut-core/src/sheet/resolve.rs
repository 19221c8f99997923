//! Sheets in the read pipeline: every financial table that names a `sheet` gets its rows
//! from it before the report is checked, so that `check` and `render` read the sheet alike
//! and every problem is located twice: in the sheet (file, sheet, cell) and in the report
//! (the key of `sheet` that asked for it).

use super::extract::{Key, Place, extract, selected_rows};
use super::open::open;
use super::place::{Read, RowOrigin, Selection, place as place_rows};
use crate::diag::Severity;
use crate::location::{Finding, Path as DataPath, Seg};
use crate::model::{Block, Report};
use crate::model::{MoneyTable, RowKind};

/// How sheets are read.
#[derive(Clone, Copy)]
pub struct SheetOptions<'a> {
    /// Where the sheet files come from (the report's directory, or memory).
    pub files: &'a dyn crate::files::Files,
    /// The largest sheet file read, in bytes.
    pub max_bytes: u64,
}

/// The rows a table took from a sheet: where the table is, where each of its rows came from
/// (a sheet row, or the report's `rows`), and the sheet (`None` when the sheet or the places
/// of its rows had errors).
#[derive(Debug, Clone)]
pub struct Origin {
    block: DataPath,
    rows: Vec<RowOrigin>,
    place: Option<Place>,
}

/// Gives every table with a `sheet` its rows from it (before the rows the report writes
/// itself, or where its `sheet_rows` place them). Returns the problems, located by path (in
/// the report as written: they are not to be [`relocate`]d), and where each table's rows
/// came from.
pub fn resolve(report: &mut Report, options: SheetOptions<'_>) -> (Vec<Finding>, Vec<Origin>) {
    let mut findings = Vec::new();
    let mut origins = Vec::new();
    let mut opened = Opened::default();
    crate::tree::blocks_mut(report, &mut |block, at| {
        fill(block, at, options, &mut opened, &mut findings, &mut origins)
    });
    (findings, origins)
}

/// The sheets read so far in one report, by what they are read from (file, sheet,
/// separator, and whether number formats are read): a report whose 200 tables each take rows of one sheet reads and parses it
/// once, not 200 times.
type Opened = std::collections::HashMap<
    (String, Option<String>, Option<String>, bool),
    Result<(super::grid::Grid, Place), super::extract::Problem>,
>;

/// Gives one block its rows from its sheet, if it is a financial table with one.
fn fill(
    block: &mut Block,
    at: DataPath,
    options: SheetOptions<'_>,
    opened: &mut Opened,
    findings: &mut Vec<Finding>,
    origins: &mut Vec<Origin>,
) {
    let (table, investments) = match block {
        Block::Finance(t) => (t, false),
        Block::Investments(t) => (t, true),
        _ => return,
    };
    let Some(source) = &table.sheet else {
        if table.rows.iter().any(|r| r.kind == RowKind::SheetRows) {
            settle(table, Read::NoSheet, at, None, findings, origins);
        }
        return;
    };
    let sheet_path = at.key("sheet");
    let to_finding = |p: super::extract::Problem| p.finding(&sheet_path);
    let key = (
        source.file.clone(),
        source.sheet.clone(),
        source.separator.clone(),
        source.level.is_some(),
    );
    let (grid, place) = match opened
        .entry(key)
        .or_insert_with(|| open(options.files, source, options.max_bytes))
    {
        Ok((grid, place)) => (&*grid, &*place),
        Err(problem) => {
            findings.push(to_finding(problem.clone()));
            settle(table, Read::Unread, at, None, findings, origins);
            return;
        }
    };
    let decimals = crate::compute::column_decimals(table, investments);
    // A sheet column for an id the table lacks is an error here, where it is written.
    let mut unknown = false;
    if let Some(known) = &decimals {
        for (id, _) in &source.columns.0 {
            if !known.iter().any(|(k, _)| k == id) {
                let ids: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).collect();
                findings.push(to_finding(super::extract::Problem::error(
                    Key::Column(id.clone()),
                    format!(
                        "`{id}` is no column of this table (its columns: {})",
                        ids.join(", ")
                    ),
                )));
                unknown = true;
            }
        }
    }
    if unknown {
        settle(table, Read::Unread, at, None, findings, origins);
        return;
    }
    let lookup = |id: &str| {
        decimals
            .as_ref()
            .and_then(|d| d.iter().find(|(k, _)| k == id).map(|(_, n)| *n))
    };
    let (rows, problems) = extract(grid, source, place, &lookup);
    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    findings.extend(problems.into_iter().map(to_finding));
    let read = match selected_rows(grid, source, place) {
        Some((first, last)) => Read::Rows {
            rows,
            selection: Selection {
                first,
                last,
                range: source.range.clone(),
            },
            place,
            complete: !failed,
        },
        None => Read::Unread,
    };
    let ok = (!failed).then(|| place.clone());
    settle(table, read, at, ok, findings, origins);
}

/// Puts the sheet's rows (if read) among the table's written rows, where its `sheet_rows`
/// say ([`super::place`]), and records where each row came from. `place` is the sheet when
/// its rows were read without an error.
fn settle(
    table: &mut MoneyTable,
    read: Read<'_>,
    at: DataPath,
    place: Option<Place>,
    findings: &mut Vec<Finding>,
    origins: &mut Vec<Origin>,
) {
    let placed = place_rows(std::mem::take(&mut table.rows), read, &at);
    table.rows = placed.rows;
    findings.extend(placed.findings);
    origins.push(Origin {
        block: at,
        rows: placed.origins,
        place: place.filter(|_| !placed.failed),
    });
}

/// Findings about the rows of a table with a sheet, found in the rows as resolved: one about
/// a row that came from a sheet points at the table's `sheet` and names the sheet's row (its
/// place in the report's `rows` is in no file); one about a row the report wrote points at
/// that row where it is written. A table whose sheet (or the places of its rows) had errors
/// has only those: what its rows lack follows from them.
pub fn relocate(findings: &mut Vec<Finding>, origins: &[Origin]) {
    for origin in origins {
        let rows = origin.block.key("rows").0;
        let Some(place) = &origin.place else {
            findings.retain(|f| !f.path.0.starts_with(&rows));
            continue;
        };
        for finding in findings.iter_mut() {
            if !finding.path.0.starts_with(&rows) {
                continue;
            }
            let Some(Seg::Index(index)) = finding.path.0.get(rows.len()) else {
                continue;
            };
            match origin.rows.get(*index) {
                Some(RowOrigin::Sheet(row)) => {
                    finding.path = origin.block.key("sheet");
                    finding.message = format!("{} ({place}, row {row})", finding.message);
                }
                Some(RowOrigin::Written(written)) => {
                    finding.path.0[rows.len()] = Seg::Index(*written);
                }
                None => {}
            }
        }
    }
}
