//! The cells of one sheet, as read: sparse, by 0-based row and column.

use std::collections::HashMap;

use super::number::Mark;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// A number stored as a binary float (xlsx, ods).
    Float(f64),
    /// A whole number.
    Int(i64),
    /// Text (every cell of a CSV file).
    Text(String),
    /// A truth value.
    Bool(bool),
    /// A date or time (shown as the spreadsheet stores it).
    Date(String),
    /// An error value of a formula (`#DIV/0!`).
    Error(String),
}

/// How a workbook shows a number: its number format, where it was read (xlsx only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// The decimals the format shows (`0.0` shows 1); `None` for a format that shows as
    /// many as the number has (`General`).
    pub decimals: Option<u32>,
    /// Whether the format shows the number as a percentage (`0%`: 0.85 shows as 85 %).
    pub percent: bool,
}

/// The non-empty cells of a sheet and the extent of its data.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: HashMap<(u32, u32), CellValue>,
    /// How numbers are shown, for the numeric cells whose format says more than `General`
    /// (read only when asked for).
    shown: HashMap<(u32, u32), Shown>,
    /// The last row and column holding anything, 0-based; `None` for an empty sheet.
    extent: Option<(u32, u32)>,
    /// The decimal mark of numbers written as text.
    pub mark: Option<Mark>,
}

impl Grid {
    /// An empty grid whose text numbers use `mark`.
    pub fn new(mark: Mark) -> Grid {
        Grid {
            mark: Some(mark),
            ..Grid::default()
        }
    }

    /// Puts a value in a cell; empty text is no value.
    pub fn insert(&mut self, row: u32, col: u32, value: CellValue) {
        if matches!(&value, CellValue::Text(t) if t.trim().is_empty()) {
            return;
        }
        self.extent = Some(match self.extent {
            Some((r, c)) => (r.max(row), c.max(col)),
            None => (row, col),
        });
        self.cells.insert((row, col), value);
    }

    /// Records how a cell's number is shown.
    pub fn set_shown(&mut self, row: u32, col: u32, shown: Shown) {
        self.shown.insert((row, col), shown);
    }

    /// How a cell's number is shown, if its format was read and says more than `General`.
    pub fn shown(&self, row: u32, col: u32) -> Option<Shown> {
        self.shown.get(&(row, col)).copied()
    }

    /// The value of a cell, if it holds one.
    pub fn get(&self, row: u32, col: u32) -> Option<&CellValue> {
        self.cells.get(&(row, col))
    }

    /// Every cell holding a value, in no order.
    pub fn cells(&self) -> impl Iterator<Item = ((u32, u32), &CellValue)> {
        self.cells.iter().map(|(at, v)| (*at, v))
    }

    /// The last row and column holding anything, 0-based.
    pub fn extent(&self) -> Option<(u32, u32)> {
        self.extent
    }

    /// How many cells hold a value.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// The text numbers of this grid are written with.
    pub fn text_mark(&self) -> Mark {
        self.mark.unwrap_or(Mark::Either)
    }
}
