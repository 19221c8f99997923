//! CSV files as accounting systems and Excel write them: semicolon-separated with decimal
//! commas (Swedish), or comma-separated with decimal points; UTF-8 (with or without a
//! byte-order mark), UTF-16 (Excel's "Unicode text", with its byte-order mark or told by its
//! zero bytes) or, failing those, Windows-1252 (what Excel writes on a Swedish Windows).

use super::grid::{CellValue, Grid};
use super::number::Mark;
use crate::model::{MAX_COLUMNS, MAX_ROWS};

/// The UTF-16 encoding of text whose first characters are ASCII, told by its zero bytes:
/// every other byte of its first 64 is zero (little-endian ASCII is `b\0`, big-endian `\0b`).
fn utf16_without_mark(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let zero_at = |odd: bool| {
        head.chunks(2)
            .all(|pair| (pair[usize::from(odd)] == 0) && (pair[usize::from(!odd)] != 0))
    };
    if zero_at(true) {
        Some(encoding_rs::UTF_16LE)
    } else if zero_at(false) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The text of a CSV file: UTF-8 or UTF-16 without its byte-order mark, or Windows-1252 when
/// the bytes are neither.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, mark)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        return encoding
            .decode_without_bom_handling(&bytes[mark..])
            .0
            .into_owned();
    }
    if let Some(encoding) = utf16_without_mark(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
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
    #[test]
    fn utf16_as_excel_saves_unicode_text_is_read() {
        let text = "Konto\tBenämning\tBudget\n3000\tIntäkter\t−34 559\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_mark = [&[0xFF, 0xFE][..], &le].concat();
        for bytes in [with_mark, le, [&[0xFE, 0xFF][..], &be].concat(), be] {
            assert_eq!(super::decode(&bytes), text);
        }
        // Windows-1252 and UTF-8 as before.
        assert_eq!(super::decode(b"Int\xe4kter"), "Intäkter");
        assert_eq!(super::decode("\u{feff}Intäkter".as_bytes()), "Intäkter");
    }

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
