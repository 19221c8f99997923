//! Workbooks (xlsx and ods) read with calamine, from bytes already read within the size
//! limit. An xlsx sheet is read cell by cell, so that a sheet claiming a huge extent with
//! few cells costs only its cells.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Xlsx};

use super::grid::{CellValue, Grid, Shown};
use super::number::Mark;

/// The most non-empty cells read from one sheet; a report's sheet has far fewer.
pub const MAX_CELLS: usize = 2_000_000;

/// The kind of a workbook file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookKind {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// OpenDocument (`.ods`).
    Ods,
}

/// Why a sheet of a workbook could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookError {
    /// The file is not a workbook of its kind, or is damaged.
    Unreadable(String),
    /// No sheet of that name: the names there are.
    NoSuchSheet(Vec<String>),
    /// No sheet named, and the workbook has several: their names.
    WhichSheet(Vec<String>),
    /// The sheet has more than [`MAX_CELLS`] cells.
    TooManyCells,
    /// The workbook's parts unpack to more than this many bytes.
    Unpacks(u64),
}

/// How many times its size limit a workbook may unpack to: an xlsx or ods file is a zip
/// archive of XML, typically 3 to 10 times its size; calamine holds some parts (shared
/// strings, an ods sheet) whole in memory, so a small file that unpacks to gigabytes (a zip
/// bomb, or a damaged file) is refused before it is read.
pub const UNPACK_FACTOR: u64 = 32;

/// Refuses a workbook whose parts unpack to more than `limit` bytes, by unpacking them
/// (into nothing) up to that limit: what the archive says of its sizes is not trusted.
pub fn check_unpacked(bytes: &[u8], limit: u64) -> Result<(), BookError> {
    let unreadable = |e: &dyn std::fmt::Display| BookError::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|e| unreadable(&e))?;
        let left = limit.saturating_sub(total).saturating_add(1);
        let read = std::io::copy(
            &mut std::io::Read::take(&mut part, left),
            &mut std::io::sink(),
        )
        .map_err(|e| unreadable(&e))?;
        total = total.saturating_add(read);
        if total > limit {
            return Err(BookError::Unpacks(limit));
        }
    }
    Ok(())
}

/// Reads one sheet of a workbook: the one named, or the only one. Returns its cells and its
/// name. With `formats`, an xlsx sheet's number formats are read too (how each number is
/// shown: its decimals, whether as a percentage); calamine reads none from an ods file.
pub fn read_workbook(
    bytes: Vec<u8>,
    kind: BookKind,
    sheet: Option<&str>,
    formats: bool,
) -> Result<(Grid, String), BookError> {
    let unreadable = |e: &dyn std::fmt::Display| BookError::Unreadable(e.to_string());
    match kind {
        BookKind::Xlsx => {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            let name = choose(book.sheet_names(), sheet)?;
            let mut grid = Grid::new(Mark::Either);
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
                let (row, col) = cell.get_position();
                if let Some(value) = from_ref(cell.get_value()) {
                    grid.insert(row, col, value);
                    if grid.len() > MAX_CELLS {
                        return Err(BookError::TooManyCells);
                    }
                }
            }
            drop(cells);
            if formats {
                let styles = book.worksheet_style(&name).map_err(|e| unreadable(&e))?;
                let numbers: Vec<(u32, u32)> = grid
                    .cells()
                    .filter(|(_, v)| matches!(v, CellValue::Float(_) | CellValue::Int(_)))
                    .map(|(at, _)| at)
                    .collect();
                for (row, col) in numbers {
                    let shown = styles
                        .get((row, col))
                        .and_then(|s| s.number_format.as_ref())
                        .and_then(|f| shown_by(&f.format_code));
                    if let Some(shown) = shown {
                        grid.set_shown(row, col, shown);
                    }
                }
            }
            Ok((grid, name))
        }
        BookKind::Ods => {
            let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            let name = choose(book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            let mut grid = Grid::new(Mark::Either);
            if let Some((top, left)) = range.start() {
                for (r, c, value) in range.used_cells() {
                    let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                        continue;
                    };
                    if let Some(value) = from_data(value) {
                        grid.insert(top.saturating_add(r), left.saturating_add(c), value);
                        if grid.len() > MAX_CELLS {
                            return Err(BookError::TooManyCells);
                        }
                    }
                }
            }
            Ok((grid, name))
        }
    }
}

/// The sheet to read: the one named (exactly), or the only one.
fn choose(names: Vec<String>, sheet: Option<&str>) -> Result<String, BookError> {
    match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .cloned()
            .ok_or(BookError::NoSuchSheet(names)),
        None if names.len() == 1 => Ok(names.into_iter().next().unwrap_or_default()),
        None => Err(BookError::WhichSheet(names)),
    }
}

fn from_ref(value: &DataRef<'_>) -> Option<CellValue> {
    Some(match value {
        DataRef::Int(i) => CellValue::Int(*i),
        DataRef::Float(f) => CellValue::Float(*f),
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_owned()),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(d) => CellValue::Date(d.as_f64().to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Date(s.clone()),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => return None,
    })
}

fn from_data(value: &Data) -> Option<CellValue> {
    Some(match value {
        Data::Int(i) => CellValue::Int(*i),
        Data::Float(f) => CellValue::Float(*f),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(d) => CellValue::Date(d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Date(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => return None,
    })
}

/// How a number format shows a number: the decimals of its first section (`#,##0.0` shows
/// 1, `0%` none) and whether it is a percentage; `None` for `General` or a format without
/// digits.
pub fn shown_by(code: &str) -> Option<Shown> {
    if code.trim().eq_ignore_ascii_case("general") {
        return None;
    }
    let (mut digits, mut decimals, mut percent) = (false, None::<u32>, false);
    let (mut quoted, mut skip, mut bracket) = (false, false, false);
    for c in code.chars() {
        if skip {
            skip = false;
            continue;
        }
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => skip = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '%' => percent = true,
            '.' if decimals.is_none() => decimals = Some(0),
            '0' | '#' | '?' => {
                digits = true;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
            }
            _ => {}
        }
    }
    digits.then_some(Shown {
        decimals: Some(decimals.unwrap_or(0)),
        percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_say_how_many_decimals_and_whether_a_percentage() {
        let shown = |code: &str| shown_by(code).map(|s| (s.decimals, s.percent));
        assert_eq!(shown("General"), None);
        assert_eq!(shown("@"), None);
        assert_eq!(shown("0"), Some((Some(0), false)));
        assert_eq!(shown("#,##0.00"), Some((Some(2), false)));
        assert_eq!(shown("0%"), Some((Some(0), true)));
        assert_eq!(shown("0.0%"), Some((Some(1), true)));
        // The first section only; colours and conditions in brackets, quoted text and
        // escaped characters are no digits.
        assert_eq!(shown("[Red]0.0;-0.000"), Some((Some(1), false)));
        assert_eq!(shown("0.0\" st.00\""), Some((Some(1), false)));
        assert_eq!(shown("0\\.00"), Some((Some(0), false)));
        assert_eq!(
            shown("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)"),
            Some((Some(0), false))
        );
    }
}
