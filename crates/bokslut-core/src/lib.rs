//! bokslut-core: the report model of bokslut (Swedish municipal reports), read from TOML or
//! JSON, checked, and with every sum and deviation computed from the data.
//!
//! The pipeline starts here:
//! input file ─[`check_file`]─▶ [`Report`] (the model, as written; sheets read into its
//! tables) ─checks─▶ [`ValidReport`] (every figure computed once, goal tables assessed) ─▶ the
//! layout crates, which print it and never add figures up themselves. Every problem found on
//! the way is a [`Diagnostic`] at a line and column of the input file. Nothing in this crate
//! knows about Typst, PDF or HTML.
//!
//! Amounts are [`rust_decimal::Decimal`] from the file's own digits: no binary floating point
//! is used anywhere between the input file and the printed figure.
//!
//! ```
//! use bokslut_core::{Format, Part, check_str};
//!
//! let text = r#"
//! format_version = 1
//! [meta]
//! organisation = "Exempels kommun"
//! board = "Kulturnämnden"
//! kind = "annual"
//! period = { start = 2025-01-01, end = 2025-12-31 }
//!
//! [[chapters]]
//! title = "Ekonomi"
//! [[chapters.blocks]]
//! type = "finance"
//! rows = [
//!   { label = "Intäkter", budget = -1200, outcome = -1250 },
//!   { label = "Kostnader", budget = 1200, outcome = 1180 },
//! ]
//! "#;
//! let checked = check_str(text, Format::Toml, "report.toml".as_ref());
//! for diagnostic in &checked.diagnostics {
//!     eprintln!("{diagnostic}");
//! }
//! let report = checked.report.expect("a report without errors");
//! let table = &report.tables()[0];
//! assert!(table.rows.len() > 2, "the rows and their sum");
//! assert!(matches!(report.parts()[0], Part::Chapter { level: 1, .. }));
//! ```
//!
//! The modules that are public hold what a renderer needs besides the model: [`compute`]
//! (computed tables), [`goals`] (assessed goal tables), [`markup`] (the text's markup),
//! [`sheet`] (importing a spreadsheet's rows), [`chars`], [`lang`], [`input`] and
//! [`confine`] (the rules every file and text a renderer reads obeys).

pub mod bound;
pub mod chars;
pub mod chart;
pub mod compute;
pub mod confine;
mod coverage;
mod diag;
mod earlier;
mod figures;
pub mod files;
pub mod goals;
pub mod input;
pub mod lang;
mod limits;
mod location;
pub mod markup;
mod model;
mod named;
mod parts;
mod read;
pub mod sheet;
pub mod statement;
mod suggest;
mod tree;
mod valid;
mod validate;

#[cfg(test)]
mod module_graph;

/// The sheet readers' internals, for the fuzz targets only (feature `fuzzing`): not an API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::model::{ColumnMap, SheetSource};
    pub use crate::sheet::fuzzing::{
        Mark, Place, Problem, SheetRow, extract, parse_number, read_csv,
    };
}

pub use diag::{Diagnostic, Severity, line_col};
pub use location::{Finding, Path, Seg};
pub use model::{
    Aggregate, Block, BoardGoal, Boards, Chapter, Column, ColumnLabel, ColumnMap, CouncilGoal,
    Date, Decision, DecisionStatus, DecisionTable, Earlier, FORMAT_VERSION, Figures, Goal,
    GoalColumn, GoalTable, Indicator, Meta, MoneyRow, MoneyTable, Period, Preset, Relation, Report,
    ReportKind, RowKind, SheetSource, SignConvention, StatedFigures, Status, Target, Unit, Value,
};
pub use model::{
    Cell, Chart, ChartKind, ChartSeries, ChartValue, Check, ColumnName, Entity, GoalCount, Note,
    NoteRefs, StatementPreset, StatementRow, StatementRowKind, StatementTable,
};
pub use parts::other_reports;
pub use read::{
    CheckOptions, Checked, Format, MAX_FINDINGS, check_file, check_file_with, check_str,
    check_str_in, check_str_with, omitted, read_file, read_str,
};
pub use valid::{Included, Part, ValidReport};

/// The JSON Schema of the input format, for editors (Taplo for TOML, any JSON editor).
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    serde_json::to_value(schema).unwrap_or_default()
}
