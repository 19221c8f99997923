//! Figures from spreadsheets: a financial table may take its rows from an xlsx or ods
//! workbook (read with calamine) or a CSV file (read with the csv crate), named by the
//! table's `sheet` ([`SheetSource`]).
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
//! among the rows the report writes), `resolve` (sheets in the read pipeline) and `import`
//! (rows as TOML or JSON).

pub mod address;
pub mod csv;
mod extract;
pub mod grid;
mod import;
pub mod number;
mod open;
mod place;
mod resolve;
mod source;
pub mod workbook;

pub use extract::{Key, Place, Problem, SheetRow, extract};
pub use import::{ImportFormat, ImportOptions, Imported, import};
pub use open::{locate, open};
pub(crate) use resolve::{SheetOptions, relocate, resolve};
pub use source::{ColumnMap, SheetSource};
