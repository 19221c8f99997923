//! bokslut-core: the report model of bokslut, read from TOML or JSON, with every sum and
//! deviation computed from the data.
//!
//! The data flow of the whole product starts here:
//! input file → [`read`] → [`Report`] (the model, as written) → [`validate`] (semantic checks,
//! located in the file by [`read`]) → [`compute`] (sums, deviations) → layout. Nothing in this crate knows about Typst or PDF; the layout crate
//! consumes the computed values and never adds figures up itself.
//!
//! Amounts are [`rust_decimal::Decimal`] from the file's own digits: no binary floating point
//! is used anywhere between the input file and the printed figure.

pub mod chars;
pub mod compute;
pub mod confine;
pub mod coverage;
pub mod diag;
pub mod figures;
pub mod goals;
pub mod input;
pub mod lang;
pub mod limits;
pub mod location;
pub mod markup;
pub mod model;

pub mod read;
pub mod sheet;
mod tree;
pub mod valid;
pub mod validate;

pub use diag::{Diagnostic, Severity};

/// The JSON Schema of the input format, for editors (Taplo for TOML, any JSON editor).
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    serde_json::to_value(schema).unwrap_or_default()
}
pub use model::*;

pub use read::{
    CheckOptions, Checked, Format, MAX_FINDINGS, check_file, check_file_with, check_str,
    check_str_with, read_file, read_str,
};
pub use valid::{Part, ValidReport};

#[cfg(test)]
mod module_graph;
