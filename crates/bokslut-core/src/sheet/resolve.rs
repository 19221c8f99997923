//! Sheets in the read pipeline: every financial table that names a `sheet` gets its rows
//! from it before the report is checked, so that `check` and `render` read the sheet alike
//! and every problem is located twice: in the sheet (file, sheet, cell) and in the report
//! (the key of `sheet` that asked for it).

use std::path::Path;

use super::extract::{Key, Place, extract};
use super::open::{locate, open};
use crate::diag::Severity;
use crate::model::{Block, Chapter, Report};
use crate::validate::{Finding, Path as DataPath};

/// How sheets are read.
#[derive(Debug, Clone, Copy)]
pub struct SheetOptions<'a> {
    /// The report's directory: sheet paths are relative to it.
    pub base: &'a Path,
    /// Whether a sheet may lie outside that directory.
    pub allow_outside: bool,
    /// The largest sheet file read, in bytes.
    pub max_bytes: u64,
}

/// The rows a table took from a sheet: where the table is, which sheet row each of its
/// first rows is, and the sheet (`None` when the sheet had errors).
#[derive(Debug, Clone)]
pub struct Origin {
    block: DataPath,
    sheet_rows: Vec<u32>,
    place: Option<Place>,
}

/// Gives every table with a `sheet` its rows from it (before the rows the report writes
/// itself). Returns the problems, located by path, and where each table's rows came from.
pub fn resolve(report: &mut Report, options: SheetOptions<'_>) -> (Vec<Finding>, Vec<Origin>) {
    let mut findings = Vec::new();
    let mut origins = Vec::new();
    for (i, chapter) in report.chapters.iter_mut().enumerate() {
        walk(
            chapter,
            DataPath::default().index("chapters", i),
            options,
            &mut findings,
            &mut origins,
        );
    }
    (findings, origins)
}

fn walk(
    chapter: &mut Chapter,
    path: DataPath,
    options: SheetOptions<'_>,
    findings: &mut Vec<Finding>,
    origins: &mut Vec<Origin>,
) {
    for (i, block) in chapter.blocks.iter_mut().enumerate() {
        let (table, investments) = match block {
            Block::Finance(t) => (t, false),
            Block::Investments(t) => (t, true),
            _ => continue,
        };
        let Some(source) = &table.sheet else {
            continue;
        };
        let at = path.index("blocks", i);
        let sheet_path = at.key("sheet");
        let to_finding = |p: super::extract::Problem| Finding {
            severity: p.severity,
            path: p.key.at(&sheet_path),
            message: p.message,
            needle: None,
        };
        let opened = locate(options.base, &source.file, options.allow_outside)
            .and_then(|file| open(&file, source, options.max_bytes));
        let (grid, place) = match opened {
            Ok(opened) => opened,
            Err(problem) => {
                findings.push(to_finding(problem));
                origins.push(Origin {
                    block: at,
                    sheet_rows: Vec::new(),
                    place: None,
                });
                continue;
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
            origins.push(Origin {
                block: at,
                sheet_rows: Vec::new(),
                place: None,
            });
            continue;
        }
        let lookup = |id: &str| {
            decimals
                .as_ref()
                .and_then(|d| d.iter().find(|(k, _)| k == id).map(|(_, n)| *n))
        };
        let (rows, problems) = extract(&grid, source, &place, &lookup);
        let failed = problems.iter().any(|p| p.severity == Severity::Error);
        findings.extend(problems.into_iter().map(to_finding));
        origins.push(Origin {
            block: at,
            sheet_rows: rows.iter().map(|r| r.sheet_row).collect(),
            place: (!failed).then_some(place),
        });
        let written = std::mem::take(&mut table.rows);
        table.rows = rows.into_iter().map(|r| r.row).collect();
        table.rows.extend(written);
    }
    for (i, section) in chapter.sections.iter_mut().enumerate() {
        walk(
            section,
            path.index("sections", i),
            options,
            findings,
            origins,
        );
    }
}

/// Findings about rows that came from a sheet point at the table's `sheet` and name the
/// sheet's row (their place in the report's `rows` is in no file). A table whose sheet had
/// errors has only those: what its rows lack follows from them.
pub fn relocate(findings: &mut Vec<Finding>, origins: &[Origin]) {
    for origin in origins.iter().filter(|o| o.place.is_none()) {
        let rows = format!("{}.rows", origin.block);
        findings.retain(|f| {
            let text = f.path.to_string();
            !(text == rows || text.starts_with(&format!("{rows}[")))
        });
    }
    for origin in origins {
        let Some(place) = &origin.place else {
            continue;
        };
        let prefix = format!("{}.rows[", origin.block);
        for finding in findings.iter_mut() {
            let text = finding.path.to_string();
            let Some(rest) = text.strip_prefix(&prefix) else {
                continue;
            };
            let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else {
                continue;
            };
            if let Some(row) = origin.sheet_rows.get(index) {
                finding.path = origin.block.key("sheet");
                finding.message = format!("{} ({place}, row {row})", finding.message);
            }
        }
    }
}
