//! Figures from spreadsheets: a financial table may take its rows, a goal table its goals
//! and indicators, from an xlsx or ods workbook (read with calamine) or a CSV file (read
//! with the csv crate), named by the table's `sheet` ([`SheetSource`](crate::SheetSource)).
//!
//! Figures stay exact: a CSV cell is its text, read the Swedish way (`−1 234,5`) or the
//! English way; a workbook's number is a binary float, taken as the shortest decimal that
//! reads back as the same float (what the spreadsheet shows at full precision), never
//! through arithmetic. A figure with more decimals than its column prints is taken as
//! printed, with a note once per column; text where a figure belongs is an error. Every
//! problem names the file, the sheet and the cell.
//!
//! The modules: `address` (cell names and ranges), `number` (exact figures from text
//! and floats), `grid` (a sheet's cells), `csv` and `workbook` (reading), `open`
//! (finding and reading the file), `extract` (cells into rows), `place` (the sheet's rows
//! among the rows the report writes), `value` and `goals` (cells into a goal table's values
//! and goals), `resolve` (sheets in the read pipeline) and `import` (rows as TOML or JSON).

mod address;
mod csv;
mod extract;
mod goals;
mod grid;
mod import;
mod number;
mod open;
mod place;
mod resolve;
mod value;
mod workbook;

pub(crate) use goals::{relocate as relocate_goals, resolve as resolve_goals};
pub use import::{ImportError, ImportFormat, ImportOptions, Imported, import, import_goals};
pub(crate) use resolve::{SheetOptions, relocate, resolve};

/// What the fuzz targets reach (feature `fuzzing`).
#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing {
    pub use super::csv::read_csv;
    pub use super::extract::{Place, Problem, SheetRow, extract};
    pub use super::number::{Mark, parse_number};
}

/// The sheet files a report's tables name (`sheet.file`, as written: relative to the
/// report's directory), in the order of the report, each once: what a watch of the report
/// must watch too.
pub fn sheet_files(report: &crate::model::Report) -> Vec<&str> {
    use crate::model::Block;
    use crate::tree::Item;
    let mut files = Vec::new();
    crate::tree::each(report, &mut |_, item, _| {
        let source = match item {
            Item::Block(Block::Finance(t) | Block::Investments(t)) => t.sheet.as_ref(),
            Item::Block(Block::Goals(t)) => t.sheet.as_ref(),
            _ => None,
        };
        if let Some(file) = source.map(|s| s.file.as_str())
            && !files.contains(&file)
        {
            files.push(file);
        }
    });
    files
}

#[cfg(test)]
mod tests {
    //! Property tests of the readers of text: any bytes, and every way of writing a number.

    use super::csv::read_csv;
    use super::grid::CellValue;
    use super::number::{Mark, parse_number};

    /// A small deterministic generator (xorshift), so that the property tests below run the
    /// same cases on every run and need no crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn the_csv_reader_and_number_reader_take_any_bytes_without_panicking() {
        // Pieces of CSV that meet at the edges of the readers: separators, quotes, line breaks,
        // signs, spaces of every kind, marks, invalid UTF-8, a byte-order mark.
        let pieces: [&[u8]; 24] = [
            b";",
            b",",
            b"\t",
            b"\"",
            b"\"\"",
            b"\n",
            b"\r\n",
            b"\r",
            b"-",
            "\u{2212}".as_bytes(),
            b" ",
            "\u{A0}".as_bytes(),
            "\u{202F}".as_bytes(),
            b"1",
            b"234",
            b"0",
            b",5",
            b".",
            b"x",
            b"\xFF",
            b"\xE5",
            b"\xEF\xBB\xBF",
            b"e3",
            b"99999999999999999999999999999",
        ];
        let mut rng = Rng(0x5eed_1234_abcd_0042);
        for _ in 0..20_000 {
            let mut bytes = Vec::new();
            for _ in 0..rng.below(40) {
                bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            if let Ok(grid) = read_csv(&bytes, None)
                && let Some((rows, cols)) = grid.extent()
            {
                for r in 0..=rows.min(50) {
                    for c in 0..=cols.min(50) {
                        if let Some(CellValue::Text(t)) = grid.get(r, c) {
                            let _ = parse_number(t, grid.text_mark());
                        }
                    }
                }
            }
            let _ = parse_number(&String::from_utf8_lossy(&bytes), Mark::Either);
        }
    }

    #[test]
    fn numbers_written_the_swedish_way_read_back_exactly() {
        let mut rng = Rng(0x0bad_cafe_f00d_0014);
        for _ in 0..20_000 {
            let whole = rng.next() % 10_000_000_000;
            let scale = rng.below(5) as u32;
            let fraction = rng.next() % 10u64.pow(scale);
            let negative = rng.below(2) == 0;
            // Group the whole part in threes with a random space of the three kinds.
            let digits = whole.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push([' ', '\u{A0}', '\u{202F}'][rng.below(3)]);
                }
                grouped.push(c);
            }
            let minus = ["-", "\u{2212}"][rng.below(2)];
            let mut text = format!("{}{grouped}", if negative { minus } else { "" });
            let mut plain = format!("{}{whole}", if negative { "-" } else { "" });
            if scale > 0 {
                text.push_str(&format!(",{fraction:0width$}", width = scale as usize));
                plain.push_str(&format!(".{fraction:0width$}", width = scale as usize));
            }
            let expected: rust_decimal::Decimal = plain.parse().unwrap();
            assert_eq!(parse_number(&text, Mark::Either), Some(expected), "{text}");
        }
    }
}
