//! CSV files as accounting systems and Excel write them: semicolon-separated with decimal
//! commas (Swedish), or comma-separated with decimal points; UTF-8 (with or without a
//! byte-order mark) or, failing that, Windows-1252 (what Excel writes on a Swedish Windows).

use super::grid::{CellValue, Grid};
use super::number::Mark;
use crate::model::{MAX_COLUMNS, MAX_ROWS};

/// The text of a CSV file: UTF-8 without its byte-order mark, or Windows-1252 when the bytes
/// are not UTF-8.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The separator of a CSV file: a semicolon when its first line has one, else a tab when
/// it has one, else a comma.
fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// Reads a CSV file into a grid of text cells. `separator` is the one the report names, or
/// `None` to tell it from the first line. Rows are numbered as a spreadsheet program shows
/// the file (a blank line is a row).
pub fn read_csv(bytes: &[u8], separator_given: Option<u8>) -> Result<Grid, String> {
    let text = decode(bytes);
    let sep = separator_given.unwrap_or_else(|| separator(&text));
    let mark = if sep == b',' {
        Mark::Point
    } else {
        Mark::Either
    };
    let mut grid = Grid::new(mark);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    // The row a record is shown on: the line breaks before it, less those inside quoted
    // fields of earlier records (a record is one row, however many lines it has). Counted in
    // the text from the record's start, past the blank lines the reader skips.
    let mut quoted_breaks: usize = 0;
    let (mut counted_to, mut breaks) = (0usize, 0usize);
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(format!("it is not a CSV file that can be read: {e}")),
        }
        let at = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .min(text.len());
        let start = at
            + text.as_bytes()[at..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
        if start > counted_to {
            breaks += text.as_bytes()[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start;
        }
        let row = u32::try_from(breaks.saturating_sub(quoted_breaks))
            .ok()
            .filter(|r| *r < MAX_ROWS)
            .ok_or_else(|| format!("it has more than {MAX_ROWS} rows"))?;
        for (col, field) in record.iter().enumerate() {
            let col = u32::try_from(col)
                .ok()
                .filter(|c| *c < MAX_COLUMNS)
                .ok_or_else(|| format!("row {} has more than {MAX_COLUMNS} columns", row + 1))?;
            grid.insert(row, col, CellValue::Text(field.to_owned()));
            quoted_breaks += field.matches('\n').count();
        }
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(grid: &Grid, row: u32, col: u32) -> Option<&str> {
        match grid.get(row, col) {
            Some(CellValue::Text(t)) => Some(t),
            _ => None,
        }
    }

    #[test]
    fn a_swedish_csv_is_read_with_its_rows_where_a_spreadsheet_shows_them() {
        let bytes =
            "\u{FEFF}Verksamhet;Budget;Utfall\n\n\"Vård\nomsorg\";1 200,5;\u{2212}3\nSkola;4;5\n";
        let grid = read_csv(bytes.as_bytes(), None).unwrap();
        assert_eq!(grid.text_mark(), Mark::Either);
        assert_eq!(text(&grid, 0, 0), Some("Verksamhet"));
        assert_eq!(text(&grid, 2, 0), Some("Vård\nomsorg"));
        assert_eq!(text(&grid, 2, 1), Some("1 200,5"));
        assert_eq!(text(&grid, 3, 0), Some("Skola"));
        assert_eq!(grid.extent(), Some((3, 2)));
    }

    #[test]
    fn windows_1252_and_commas_are_understood() {
        let grid = read_csv(b"F\xF6rskola,1234.5\n", None).unwrap();
        assert_eq!(text(&grid, 0, 0), Some("Förskola"));
        assert_eq!(grid.text_mark(), Mark::Point);
    }
}
