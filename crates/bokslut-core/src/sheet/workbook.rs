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
/// (into nothing) up to that limit: what the archive says of its sizes is not trusted. The
/// parts calamine would trust are checked too, before it reads them: the number of shared
/// strings an xlsx file declares (calamine reserves room for that many at once: 10^11 of
/// them abort the process), and the cells an ods sheet's repeated rows and columns stand
/// for (calamine expands them into a full grid: 20 000 rows of 16 384 columns are 7 GB).
pub fn check_unpacked(bytes: &[u8], kind: BookKind, limit: u64) -> Result<(), BookError> {
    let unreadable = |e: &dyn std::fmt::Display| BookError::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let kept = match (kind, name.as_str()) {
            (BookKind::Xlsx, "xl/sharedStrings.xml") => Some(Part::Strings),
            (BookKind::Ods, "content.xml") => Some(Part::Content),
            _ => None,
        };
        let left = limit.saturating_sub(total).saturating_add(1);
        let mut taken = std::io::Read::take(&mut part, left);
        let read = match kept {
            None => std::io::copy(&mut taken, &mut std::io::sink()),
            Some(what) => {
                let mut xml = Vec::new();
                let read = std::io::Read::read_to_end(&mut taken, &mut xml).map(|n| n as u64);
                if read.is_ok() && total.saturating_add(xml.len() as u64) <= limit {
                    match what {
                        Part::Strings => check_strings(&xml)?,
                        Part::Content => check_repeats(&xml)?,
                    }
                }
                read
            }
        }
        .map_err(|e| unreadable(&e))?;
        total = total.saturating_add(read);
        if total > limit {
            return Err(BookError::Unpacks(limit));
        }
    }
    Ok(())
}

/// The parts of a workbook whose declarations calamine trusts.
#[derive(Clone, Copy)]
enum Part {
    /// An xlsx file's shared strings.
    Strings,
    /// An ods file's sheets.
    Content,
}

/// Refuses shared strings that declare more strings (`uniqueCount`) than their part could
/// hold: each `<si/>` takes five bytes at least.
fn check_strings(xml: &[u8]) -> Result<(), BookError> {
    let head = &xml[..xml.len().min(4096)];
    let Some(at) = head
        .windows(b"uniqueCount=".len())
        .position(|w| w == b"uniqueCount=")
    else {
        return Ok(());
    };
    let digits: Vec<u8> = head[at + b"uniqueCount=".len()..]
        .iter()
        .skip(1)
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    let declared: u128 = std::str::from_utf8(&digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(u128::MAX);
    if declared > (xml.len() as u128) / 5 + 1 {
        return Err(BookError::Unreadable(format!(
            "its shared strings declare {} strings in {} bytes: a damaged file",
            String::from_utf8_lossy(&digits),
            xml.len()
        )));
    }
    Ok(())
}

/// Refuses an ods sheet whose repeated rows and columns stand for more than [`MAX_CELLS`]
/// cells in the grid calamine makes of it: the rows from its first to its last that hold
/// something, times the columns from the first to the last that do; and the cells calamine
/// keeps per row element (every column up to the row's last that holds something).
fn check_repeats(xml: &[u8]) -> Result<(), BookError> {
    use quick_xml::events::Event;
    const MAX_ROWS: u64 = 1_048_576;
    const MAX_COLUMNS: u64 = 16_384;
    let repeats = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Of the table being read: rows so far, the first and last row holding something, the
    // first and last such column, and the cells kept.
    let (mut rows, mut first_row, mut last_row) = (0u64, None::<u64>, 0u64);
    let (mut first_col, mut last_col, mut kept) = (u64::MAX, 0u64, 0u64);
    // Of the row being read: its repeats, columns so far, its first and last full column.
    let mut row: Option<(u64, u64, Option<u64>, u64)> = None;
    loop {
        let event = reader.read_event_into(&mut buf);
        let (start, empty) = match &event {
            Ok(Event::Start(e)) => (Some(e.clone()), false),
            Ok(Event::Empty(e)) => (Some(e.clone()), true),
            _ => (None, false),
        };
        match (&event, start) {
            (Err(_) | Ok(Event::Eof), _) => break,
            (_, Some(e)) if e.name().as_ref() == "table:table" => {
                (rows, first_row, last_row) = (0, None, 0);
                (first_col, last_col, kept) = (u64::MAX, 0, 0);
            }
            (_, Some(e)) if e.name().as_ref() == "table:table-row" => {
                let times =
                    repeats(&e, "table:number-rows-repeated").min(MAX_ROWS - rows.min(MAX_ROWS));
                row = Some((times, 0, None, 0));
                if empty {
                    rows += times;
                    row = None;
                }
            }
            (_, Some(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                if let Some((_, cols, first, last)) = &mut row {
                    let times = repeats(&e, "table:number-columns-repeated")
                        .min(MAX_COLUMNS - (*cols).min(MAX_COLUMNS));
                    let holds = !empty
                        || e.attributes()
                            .flatten()
                            .any(|a| a.key.as_ref() == "office:value-type");
                    if holds && times > 0 {
                        first.get_or_insert(*cols);
                        *last = *cols + times - 1;
                    }
                    *cols += times;
                }
            }
            (Ok(Event::End(e)), _) if e.name().as_ref() == "table:table-row" => {
                if let Some((times, _, first, last)) = row.take() {
                    // A row past the sheet's last (its repeats cut to none) holds nothing.
                    if let Some(first) = first.filter(|_| times > 0) {
                        first_row.get_or_insert(rows);
                        last_row = rows + times - 1;
                        first_col = first_col.min(first);
                        last_col = last_col.max(last);
                        kept += last + 1;
                    }
                    rows += times;
                }
                let spanned = first_row.map_or(0, |f| {
                    (last_row - f + 1)
                        .saturating_mul(last_col.saturating_sub(first_col.min(last_col)) + 1)
                });
                if spanned > MAX_CELLS as u64 || kept > MAX_CELLS as u64 {
                    return Err(BookError::TooManyCells);
                }
            }
            _ => {}
        }
        buf.clear();
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

    /// A zip archive of the parts given, stored (not compressed).
    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in parts {
            zip.start_file(*name, stored).unwrap();
            std::io::Write::write_all(&mut zip, bytes).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// An ods file whose one sheet has `rows` row elements, each repeated `repeat` times, of
    /// one cell holding a number repeated `cols` times.
    fn ods(rows: usize, repeat: u64, cols: u64) -> Vec<u8> {
        let row = format!(
            "<table:table-row table:number-rows-repeated=\"{repeat}\"><table:table-cell table:number-columns-repeated=\"{cols}\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>"
        );
        let content = format!(
            "<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\">{}</table:table></office:spreadsheet></office:body></office:document-content>",
            row.repeat(rows)
        );
        zipped(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", b"<manifest:manifest/>".as_slice()),
            ("content.xml", content.as_bytes()),
        ])
    }

    #[test]
    fn declared_shared_strings_and_repeats_are_checked_before_calamine_reads_them() {
        for count in [
            "100000000000",
            "4611686018427387904",
            "99999999999999999999999",
        ] {
            let strings = format!(
                "<?xml version=\"1.0\"?><sst xmlns=\"x\" count=\"1\" uniqueCount=\"{count}\"><si><t>a</t></si></sst>"
            );
            let book = zipped(&[("xl/sharedStrings.xml", strings.as_bytes())]);
            match check_unpacked(&book, BookKind::Xlsx, 1 << 20) {
                Err(BookError::Unreadable(why)) => assert!(why.contains(count), "{why}"),
                other => panic!("{count}: {other:?}"),
            }
        }
        let honest = zipped(&[(
            "xl/sharedStrings.xml",
            b"<sst count=\"1\" uniqueCount=\"1\"><si><t>a</t></si></sst>".as_slice(),
        )]);
        assert_eq!(check_unpacked(&honest, BookKind::Xlsx, 1 << 20), Ok(()));
        // 20 000 rows of 16 384 columns (7 GB in calamine), in a few kB: refused.
        assert_eq!(
            check_unpacked(&ods(1, 20_000, 16_384), BookKind::Ods, 1 << 20),
            Err(BookError::TooManyCells)
        );
        // Many row elements of many columns each: refused by the cells kept per row.
        assert_eq!(
            check_unpacked(&ods(2_000, 1, 16_384), BookKind::Ods, 1 << 22),
            Err(BookError::TooManyCells)
        );
        // A report's sheet: read.
        assert_eq!(
            check_unpacked(&ods(100, 2, 10), BookKind::Ods, 1 << 20),
            Ok(())
        );
        // Rows repeated to the sheet's last and a value after them (found by the fuzz
        // target `sheet_workbook`: the span was computed from a last row before the first).
        let content = "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"4000000\"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
        let book = zipped(&[("content.xml", content.as_bytes())]);
        assert_eq!(check_unpacked(&book, BookKind::Ods, 1 << 20), Ok(()));
        let (grid, _) = read_workbook(ods(100, 2, 10), BookKind::Ods, None, false).unwrap();
        assert_eq!(grid.extent(), Some((199, 9)));
    }

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
