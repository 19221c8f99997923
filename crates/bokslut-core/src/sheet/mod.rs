//! Figures from spreadsheets: a financial table may take its rows, a goal table its goals
//! and indicators, from an xlsx or ods workbook (read with calamine) or a CSV file (read
//! with the csv crate), named by the table's `sheet` ([`SheetSource`]).
//!
//! Figures stay exact: a CSV cell is its text, read the Swedish way (`−1 234,5`) or the
//! English way; a workbook's number is a binary float, taken as the shortest decimal that
//! reads back as the same float (what the spreadsheet shows at full precision), never
//! through arithmetic. A figure with more decimals than its column prints is taken as
//! printed, with a note once per column; text where a figure belongs is an error. Every
//! problem names the file, the sheet and the cell.
//!
//! The modules: [`address`] (cell names and ranges), [`number`] (exact figures from text
//! and floats), [`grid`] (a sheet's cells), [`csv`] and [`workbook`] (reading), `open`
//! (finding and reading the file), `extract` (cells into rows), `place` (the sheet's rows
//! among the rows the report writes), `value` and `goals` (cells into a goal table's values
//! and goals), `resolve` (sheets in the read pipeline) and `import` (rows as TOML or JSON).

pub mod address;
pub mod csv;
mod extract;
mod goals;
pub mod grid;
mod import;
pub mod number;
mod open;
mod place;
mod resolve;

mod value;
pub mod workbook;

pub use crate::model::{ColumnMap, SheetSource};
pub use extract::{Key, Place, Problem, SheetRow, extract};
pub(crate) use goals::{relocate as relocate_goals, resolve as resolve_goals};
pub use import::{ImportFormat, ImportOptions, Imported, import, import_goals};
pub use open::{locate, open};
pub(crate) use resolve::{SheetOptions, relocate, resolve};

/// Calls `visit` with every block of the report, in the order of the report, and where it
/// is (`chapters[1].sections[0].blocks[2]`): the one walk of the sheet steps.
pub(crate) fn blocks_mut(
    report: &mut crate::model::Report,
    visit: &mut dyn FnMut(&mut crate::model::Block, crate::location::Path),
) {
    fn walk(
        chapter: &mut crate::model::Chapter,
        path: crate::location::Path,
        visit: &mut dyn FnMut(&mut crate::model::Block, crate::location::Path),
    ) {
        for (i, block) in chapter.blocks.iter_mut().enumerate() {
            visit(block, path.index("blocks", i));
        }
        for (i, section) in chapter.sections.iter_mut().enumerate() {
            walk(section, path.index("sections", i), visit);
        }
    }
    for (i, chapter) in report.chapters.iter_mut().enumerate() {
        walk(
            chapter,
            crate::location::Path::default().index("chapters", i),
            visit,
        );
    }
}

/// The sheet files a report's tables name (`sheet.file`, as written: relative to the
/// report's directory), in the order of the report, each once: what a watch of the report
/// must watch too.
pub fn sheet_files(report: &crate::model::Report) -> Vec<&str> {
    fn walk<'a>(chapter: &'a crate::model::Chapter, files: &mut Vec<&'a str>) {
        use crate::model::Block;
        for block in &chapter.blocks {
            let source = match block {
                Block::Finance(t) | Block::Investments(t) => t.sheet.as_ref(),
                Block::Goals(t) => t.sheet.as_ref(),
                _ => None,
            };
            if let Some(file) = source.map(|s| s.file.as_str())
                && !files.contains(&file)
            {
                files.push(file);
            }
        }
        for section in &chapter.sections {
            walk(section, files);
        }
    }
    let mut files = Vec::new();
    for chapter in &report.chapters {
        walk(chapter, &mut files);
    }
    files
}
