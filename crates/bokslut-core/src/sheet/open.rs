//! Opening a sheet file: where it is (relative to the report, not outside its directory
//! unless allowed), what kind it is (by its extension), read within the size limit.

use std::path::Path;

use super::csv::read_csv;
use super::extract::{Key, Place, Problem};
use super::grid::Grid;
use super::workbook::{
    BookError, BookKind, MAX_CELLS, UNPACK_FACTOR, check_unpacked, read_workbook,
};
use crate::confine::Refusal;
use crate::files::Files;
use crate::model::SheetSource;

/// The kinds of file a sheet may be.
enum FileKind {
    Book(BookKind),
    Csv,
}

/// Reads the sheet a report names from `files` (by its `file`, within `max_bytes`): the
/// rule of where it may lie is the files' ([`crate::files::Disk`] confines it to the
/// report's directory, as [`crate::confine`] says).
pub fn open(
    files: &dyn Files,
    source: &SheetSource,
    max_bytes: u64,
) -> Result<(Grid, Place), Problem> {
    let file = &source.file;
    let bytes = files
        .read(file, max_bytes)
        .map_err(|refusal| match refusal {
            Refusal::Empty => Problem::error(
                Key::File,
                "the sheet's `file` is empty: expected a file name such as \"drift.xlsx\"".into(),
            ),
            Refusal::Unreadable { reason, suggestion } => Problem::error(
                Key::File,
                format!(
                    "{file}: {}",
                    Refusal::Unreadable {
                        reason,
                        suggestion: None
                    }
                ),
            )
            .with_hint(suggestion.map(|near| format!("did you mean \"{near}\"?"))),
            other => Problem::error(Key::File, format!("{file}: {other}")),
        })?;
    parse(bytes, source, max_bytes)
}

/// Reads the sheet `source` names from the file at `path` (a path the user gave, as to
/// `bokslut import`), within `max_bytes`.
pub fn open_path(
    path: &Path,
    source: &SheetSource,
    max_bytes: u64,
) -> Result<(Grid, Place), Problem> {
    let file = &source.file;
    let bytes = crate::input::read_bounded(path, max_bytes)
        .map_err(|m| Problem::error(Key::File, format!("{file}: {m}")))?;
    parse(bytes, source, max_bytes)
}

/// The sheet a report names from the bytes of its file (with the number formats of an xlsx
/// sheet when it is a goal table's: it names a `level` column); a workbook may unpack to at
/// most [`UNPACK_FACTOR`] × `max_bytes`.
fn parse(bytes: Vec<u8>, source: &SheetSource, max_bytes: u64) -> Result<(Grid, Place), Problem> {
    let file = &source.file;
    let extension = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match extension.as_deref() {
        Some("xlsx" | "xlsm") => FileKind::Book(BookKind::Xlsx),
        Some("ods") => FileKind::Book(BookKind::Ods),
        Some("csv" | "txt") => FileKind::Csv,
        _ => {
            return Err(Problem::error(
                Key::File,
                format!(
                    "{file}: not a kind of sheet bokslut reads: expected an .xlsx, .ods or .csv file"
                ),
            ));
        }
    };
    let separator = match (&kind, source.separator.as_deref()) {
        (_, None) => None,
        (FileKind::Csv, Some(";")) => Some(b';'),
        (FileKind::Csv, Some(",")) => Some(b','),
        (FileKind::Csv, Some("\t" | "tab")) => Some(b'\t'),
        (FileKind::Csv, Some(other)) => {
            return Err(Problem::error(
                Key::Separator,
                format!(
                    "the separator \"{other}\" is not one bokslut reads: expected \";\", \",\" or \"\\t\""
                ),
            ));
        }
        (FileKind::Book(_), Some(_)) => {
            return Err(Problem::error(
                Key::Separator,
                format!("{file} is a workbook: only a CSV file has a `separator`"),
            ));
        }
    };
    match kind {
        FileKind::Csv => {
            if source.sheet.is_some() {
                return Err(Problem::error(
                    Key::Sheet,
                    format!(
                        "{file} is a CSV file, which has one sheet without a name: leave out `sheet`"
                    ),
                ));
            }
            let grid = read_csv(&bytes, separator)
                .map_err(|m| Problem::error(Key::File, format!("{file}: {m}")))?;
            Ok((
                grid,
                Place {
                    file: file.clone(),
                    sheet: None,
                },
            ))
        }
        FileKind::Book(book) => {
            let what = match book {
                BookKind::Xlsx => "an xlsx workbook",
                BookKind::Ods => "an OpenDocument spreadsheet",
            };
            let quoted = |names: &[String]| {
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            // A goal table's sheet (the one with a `level` column) needs the number formats:
            // its values are taken as the sheet shows them (0.85 formatted `0%` is 85 %).
            let formats = source.level.is_some();
            let read = check_unpacked(&bytes, book, max_bytes.saturating_mul(UNPACK_FACTOR))
                .and_then(|()| read_workbook(bytes, book, source.sheet.as_deref(), formats));
            match read {
                Ok((grid, sheet)) => Ok((
                    grid,
                    Place {
                        file: file.clone(),
                        sheet: Some(sheet),
                    },
                )),
                Err(BookError::Unreadable(e)) => Err(Problem::error(
                    Key::File,
                    format!("{file}: cannot be read as {what}: {e}"),
                )),
                Err(BookError::NoSuchSheet(names)) => {
                    let wanted = source.sheet.as_deref().unwrap_or_default();
                    let hint = crate::suggest::text_hint(wanted, &names);
                    Err(Problem::error(
                        Key::Sheet,
                        format!(
                            "{file} has no sheet \"{wanted}\" (its sheets: {})",
                            quoted(&names)
                        ),
                    )
                    .with_hint(hint))
                }
                Err(BookError::WhichSheet(names)) => Err(Problem::error(
                    Key::Source,
                    format!(
                        "{file} has {} sheets ({}): name the one to read with `sheet`",
                        names.len(),
                        quoted(&names)
                    ),
                )),
                Err(BookError::Unpacks(limit)) => Err(Problem::error(
                    Key::File,
                    format!(
                        "{file}: the workbook unpacks to more than {limit} bytes ({UNPACK_FACTOR} times the largest input, `--max-input-size`): a damaged file, or not a report's sheet"
                    ),
                )),
                Err(BookError::TooManyCells) => Err(Problem::error(
                    Key::File,
                    format!(
                        "{file}: the sheet has more than {MAX_CELLS} cells that hold something: more than a report's table"
                    ),
                )),
            }
        }
    }
}
