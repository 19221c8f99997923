//! `bokslut import`: the arguments handed to [`bokslut_core::sheet::import`], its rows
//! printed on standard output, its notes and errors on standard error.

use std::io::Write;
use std::process::ExitCode;

use bokslut_core::sheet::{ImportFormat, ImportOptions, import, import_goals};
use bokslut_core::{ColumnMap, SheetSource};

use crate::args::ImportArgs;
use crate::summary::{EXIT_INVALID, EXIT_IO};

/// Runs an import: 0 when the rows were printed, 1 when the sheet has errors, 2 for a
/// `--columns` entry without `=`, 3 when standard output cannot be written.
pub fn run(request: ImportArgs) -> ExitCode {
    let mut columns = Vec::new();
    for entry in &request.columns {
        match entry.split_once('=') {
            Some((id, column)) if !id.trim().is_empty() && !column.trim().is_empty() => {
                columns.push((id.trim().to_owned(), column.trim().to_owned()));
            }
            _ => {
                eprintln!(
                    "error: --columns: \"{entry}\" is not ID=COLUMN: expected e.g. budget=C,outcome=D"
                );
                return ExitCode::from(2);
            }
        }
    }
    let source = SheetSource {
        file: request.file.display().to_string(),
        sheet: request.sheet,
        range: request.range,
        header_row: request.header_row,
        label: request.label,
        columns: ColumnMap(columns),
        kind: request.kind,
        level: request.level,
        unit: request.unit,
        comment: request.comment,
        separator: request.separator,
    };
    let options = ImportOptions {
        format: if request.format == "json" {
            ImportFormat::Json
        } else {
            ImportFormat::Toml
        },
        decimals: request.decimals,
        max_input_bytes: request.max_input_size,
    };
    let imported = match &source.level {
        Some(_) => import_goals(&request.file, &source, &request.levels, &options),
        None => import(&request.file, &source, &options),
    };
    match imported {
        Ok(imported) => {
            for note in &imported.notes {
                eprintln!("note: {note}");
            }
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(imported.text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the rows: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            ExitCode::from(EXIT_INVALID)
        }
    }
}
