//! Cell addresses as spreadsheets write them: columns `A` to `XFD`, rows from 1, ranges
//! `A3:F20`. Inside bokslut rows and columns count from 0.

use crate::model::{MAX_COLUMNS, MAX_ROWS};

/// The 0-based index of a column written in capital letters (`A` → 0, `AA` → 26), if it
/// is one (`A` to `XFD`).
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (n <= MAX_COLUMNS).then(|| n - 1)
}

/// The letters of a 0-based column index (0 → `A`).
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's name (`D14`) from its 0-based row and column.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), u64::from(row) + 1)
}

/// A rectangle of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    /// The first row.
    pub first_row: u32,
    /// The first column.
    pub first_col: u32,
    /// The last row.
    pub last_row: u32,
    /// The last column.
    pub last_col: u32,
}

impl std::fmt::Display for CellRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}",
            cell_name(self.first_row, self.first_col),
            cell_name(self.last_row, self.last_col)
        )
    }
}

/// A cell written `D14` (capital or small letters): its 0-based row and column.
fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    let col = column_index(&letters.to_ascii_uppercase())?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    (1..=MAX_ROWS).contains(&row).then_some((row - 1, col))
}

/// A range written `A3:F20`: its first and last cells, in order.
pub fn parse_range(text: &str) -> Result<CellRange, String> {
    let bad = || {
        format!(
            "\"{text}\" is not a range: expected two cells such as \"A3:F20\" (columns A to XFD, rows 1 to {MAX_ROWS})"
        )
    };
    let (a, b) = text.trim().split_once(':').ok_or_else(bad)?;
    let (first_row, first_col) = parse_cell(a.trim()).ok_or_else(bad)?;
    let (last_row, last_col) = parse_cell(b.trim()).ok_or_else(bad)?;
    if last_row < first_row || last_col < first_col {
        return Err(format!(
            "the range \"{text}\" ends before it starts: expected the top left cell first, as in \"A3:F20\""
        ));
    }
    Ok(CellRange {
        first_row,
        first_col,
        last_row,
        last_col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_cells_are_named_as_spreadsheets_name_them() {
        for (letters, index) in [("A", 0), ("Z", 25), ("AA", 26), ("AZ", 51), ("XFD", 16_383)] {
            assert_eq!(column_index(letters), Some(index), "{letters}");
            assert_eq!(column_letters(index), letters);
        }
        assert_eq!(column_index("XFE"), None);
        assert_eq!(column_index("a"), None);
        assert_eq!(column_index(""), None);
        assert_eq!(cell_name(13, 3), "D14");
    }

    #[test]
    fn ranges_are_read_and_refused() {
        let r = parse_range("a3:F20").unwrap();
        assert_eq!(
            (r.first_row, r.first_col, r.last_row, r.last_col),
            (2, 0, 19, 5)
        );
        assert_eq!(r.to_string(), "A3:F20");
        for bad in [
            "A3",
            "A0:B2",
            "3A:F20",
            "A3:F2x",
            "",
            ":",
            "A1:XFE2",
            "A1:A1048577",
        ] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
        assert!(
            parse_range("F20:A3")
                .unwrap_err()
                .contains("ends before it starts")
        );
    }
}
