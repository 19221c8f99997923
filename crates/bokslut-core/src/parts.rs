//! Assembly (issue 25): a report that includes other reports as its parts (`parts = [...]`:
//! the boards' reports of a municipality's annual report). Each entry names a report file or
//! a directory of them, relative to the including report and read through its files (so by
//! the same confinement as a sheet or a profile). Each part is read, checked and computed as
//! `check` would do it alone; its errors are the including report's error at `parts[i]`,
//! naming the part's file, line and column. An included report includes none itself, and no
//! report is included twice.
//!
//! The parts are opened once: a table's `boards` that names a part's file takes its rows
//! from the part already opened.

use std::sync::Arc;

use crate::files::Files;
use crate::location::{Finding, Path};
use crate::valid::{Included, ValidReport};

/// The bundled layout versions before parts came (2026.3; a later version's are in
/// `LAYOUT_VERSIONS` of the layout crate): a report naming one with parts is refused.
pub const LAYOUTS_WITHOUT_PARTS: &[&str] = &["2026.1", "2026.2"];

/// The findings of a report's parts as a whole: a layout that prints none.
pub(crate) fn check(report: &crate::model::Report) -> Vec<Finding> {
    match report.meta.layout.as_deref() {
        Some(version) if !report.parts.is_empty() && LAYOUTS_WITHOUT_PARTS.contains(&version) => {
            vec![Finding::error(
                Path::default().key("meta").key("layout"),
                format!(
                    "the layout `{version}` assembles no parts (they came with the layout 2026.3): leave `layout` out, or name a later version"
                ),
            )]
        }
        _ => Vec::new(),
    }
}

/// Whether `name` is a report file by its extension.
fn is_report(name: &str) -> bool {
    crate::Format::from_path(std::path::Path::new(name)).is_some()
}

/// The report files an entry of `parts` names: itself when it is a report file, else every
/// report file directly in the directory it names, by name; or why not.
fn expand(entry: &str, files: &dyn Files) -> Result<Vec<String>, String> {
    if is_report(entry) {
        return Ok(vec![entry.to_owned()]);
    }
    let listed = files.list(entry).map_err(|why| {
        format!("the part {entry} is neither a report file (.toml, .json) nor a directory of them that can be read: {why}")
    })?;
    let found: Vec<String> = listed.into_iter().filter(|n| is_report(n)).collect();
    if found.is_empty() {
        return Err(format!(
            "the directory {entry} holds no report file (.toml, .json) to include"
        ));
    }
    Ok(found)
}

/// Opens every part the report names, in order, each by `open` (its name: the report, or
/// why not); the parts opened and the findings at `parts[i]`.
pub(crate) fn open(
    entries: &[String],
    files: &dyn Files,
    open: &dyn Fn(&str) -> Result<ValidReport, String>,
) -> (Vec<Included>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut included: Vec<Included> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let at = Path::default().index("parts", i);
        let names = match expand(entry, files) {
            Ok(names) => names,
            Err(why) => {
                findings.push(Finding::error(at, why));
                continue;
            }
        };
        for name in names {
            if included.iter().any(|p| same(&p.name, &name)) {
                findings.push(Finding::error(
                    at.clone(),
                    format!("the part {name} is included twice: a board's report is printed once"),
                ));
                continue;
            }
            match open(&name) {
                Ok(report) => included.push(Included {
                    name,
                    report: Arc::new(report),
                }),
                Err(why) => findings.push(Finding::error(at.clone(), why)),
            }
        }
    }
    (included, findings)
}

/// Whether two names of the including report's files name the same file (`./a.toml` and
/// `a.toml`).
pub(crate) fn same(a: &str, b: &str) -> bool {
    let clean = |s: &str| {
        std::path::Path::new(s)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect::<std::path::PathBuf>()
    };
    clean(a) == clean(b)
}

/// Every other report a report names, as written (relative to its directory): its parts
/// (files or directories), and the reports its tables take columns (`earlier`) or rows
/// (`boards`) from; each once, in the order named. For a watcher (these files change the
/// render) and a batch (a part is rendered within the report that includes it).
pub fn other_reports(report: &crate::model::Report) -> Vec<&str> {
    use crate::model::Block;
    let mut names: Vec<&str> = report.parts.iter().map(String::as_str).collect();
    crate::tree::each(report, &mut |_, item, _| {
        if let crate::tree::Item::Block(Block::Finance(t) | Block::Investments(t)) = item {
            names.extend(t.earlier.iter().map(|e| e.report.as_str()));
            names.extend(
                t.boards
                    .iter()
                    .flat_map(|b| b.reports.iter().map(String::as_str)),
            );
        }
    });
    let mut seen = Vec::new();
    names.retain(|n| {
        let new = !seen.contains(n);
        seen.push(*n);
        new
    });
    names
}

/// Checks across parts: a row of the report's financial table that bears an included
/// board's name (`meta.board`) must print that board's figures, those of the total row of the
/// part's table with the same id, column by column (the columns both tables have). A new
/// report errs at any difference; a reproduction (`meta.reproduction`) notes one within the
/// rounding of the coarser table (one unit of its last decimal) and errs beyond it. Tables of
/// different units are not compared, nor computed columns (they follow from the given). `tables` are the report's computed tables in document
/// order; `lines` gives the line where a part's table stands (its name and the table's id).
pub(crate) fn agree(
    report: &crate::model::Report,
    tables: &[crate::compute::ComputedTable],
    included: &[Included],
    lines: &dyn Fn(&str, &str) -> Option<usize>,
) -> Vec<Finding> {
    use crate::compute::ComputedRowKind;
    use crate::model::Block;
    let mut findings = Vec::new();
    if included.is_empty() {
        return findings;
    }
    let mut computed = tables.iter();
    crate::tree::each(report, &mut |_, item, path| {
        let crate::tree::Item::Block(Block::Finance(t) | Block::Investments(t)) = item else {
            return;
        };
        let Some(own) = computed.next() else {
            return;
        };
        let Some(id) = t.id.as_deref() else {
            return;
        };
        for part in included {
            let meta = &part.report.report().meta;
            let Some(board) = meta.board.as_deref() else {
                continue;
            };
            let Some((k, _)) = t
                .rows
                .iter()
                .enumerate()
                .find(|(_, r)| r.label.trim() == board.trim())
            else {
                continue;
            };
            let Some(row) = own.rows.iter().find(|r| {
                r.kind != ComputedRowKind::Group
                    && r.label.as_deref().map(str::trim) == Some(board.trim())
            }) else {
                continue;
            };
            let theirs = part.report.tables_by_id();
            let Some(source) = theirs.get(id) else {
                continue;
            };
            if source.unit != own.unit {
                continue;
            }
            let Some(total) = source
                .rows
                .iter()
                .find(|r| r.kind == ComputedRowKind::Total)
            else {
                continue;
            };
            let at_line = lines(&part.name, id)
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            // The columns the report gives (a computed one follows from them).
            for (c, column) in own.columns.iter().enumerate() {
                if column.formula != crate::compute::Formula::Given {
                    continue;
                }
                let Some(s) = source.columns.iter().position(|x| x.id == column.id) else {
                    continue;
                };
                let (Some(ours), Some(their)) = (
                    row.cells.get(c).copied().flatten(),
                    total.cells.get(s).copied().flatten(),
                ) else {
                    continue;
                };
                if ours == their {
                    continue;
                }
                let decimals = column.decimals.min(source.columns[s].decimals);
                let unit = rust_decimal::Decimal::new(1, decimals);
                let within = (ours - their).abs() <= unit;
                let message = format!(
                    "the row \"{board}\" prints {ours} in `{}`, but the board's own report {}{at_line} prints {their} in the total row of its table `{id}`{}",
                    column.id,
                    part.name,
                    if report.meta.reproduction && within {
                        ": within the rounding of one unit, as the source printed it"
                    } else {
                        ": the same board's figure must agree in both (take the row from the board's report with `boards`)"
                    }
                );
                let at = path.index("rows", k).key(column.id.clone());
                findings.push(if report.meta.reproduction && within {
                    Finding::new(crate::diag::Severity::Note, at, message)
                } else {
                    Finding::error(at, message)
                });
            }
        }
    });
    findings
}
