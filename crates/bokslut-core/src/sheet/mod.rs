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

/// The sheet files a report's tables name (`sheet.file`, as written: relative to the
/// report's directory), in the order of the report, each once: what a watch of the report
/// must watch too.
pub fn sheet_files(report: &crate::model::Report) -> Vec<&str> {
    use crate::model::Block;
    use crate::tree::Item;
    let mut files = Vec::new();
    crate::tree::each(report, &mut |_, item, _| {
        let source = match item {
            Item::Block(Block::Finance(t) | Block::Investments(t)) => t.sheet.as_ref(),
            Item::Block(Block::Goals(t)) => t.sheet.as_ref(),
            _ => None,
        };
        if let Some(file) = source.map(|s| s.file.as_str())
            && !files.contains(&file)
        {
            files.push(file);
        }
    });
    files
}
