//! Where a table's rows from its sheet go among the rows the report writes itself: after
//! them all (first the sheet's, then the written ones) unless rows `{ sheet_rows = "4:9" }`
//! place them, so that a report can put its own group headings, subtotals and results between
//! the rows of a sheet that holds only figures. Every row the sheet gives is then placed
//! exactly once; every problem points at the `sheet_rows` it is about.

use super::extract::{Place, SheetRow};
use crate::diag::Severity;
use crate::location::{Finding, Path as DataPath};
use crate::model::{MoneyRow, RowKind};

/// Where a row of a table with a sheet came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowOrigin {
    /// The sheet's row, as the spreadsheet numbers it (1 for the first).
    Sheet(u32),
    /// The report's `rows`, by index there.
    Written(usize),
}

/// The rows a table's `sheet` selects: the first and last as the spreadsheet numbers them
/// (blank rows included), and how the report selected them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selection {
    /// The first row.
    pub first: u32,
    /// The last row.
    pub last: u32,
    /// The `range`, when one selects them (else a `header_row`).
    pub range: Option<String>,
}

/// What was read of a table's sheet.
#[derive(Debug)]
pub(crate) enum Read<'a> {
    /// The table has no `sheet`.
    NoSheet,
    /// The sheet could not be read (its errors are reported where it is named).
    Unread,
    /// The rows made from the sheet.
    Rows {
        /// The rows, in the sheet's order (blank rows and rows with errors left out).
        rows: Vec<SheetRow>,
        /// The rows the sheet's `range` or `header_row` selects.
        selection: Selection,
        /// The file and sheet, for messages.
        place: &'a Place,
        /// Whether every row was read without an error (else a row left out may be one
        /// that had an error, not a blank one).
        complete: bool,
    },
}

/// A table's rows, with where each came from, and what is wrong with its `sheet_rows`.
#[derive(Debug)]
pub(crate) struct Placed {
    /// The table's rows, the sheet's in their places.
    pub rows: Vec<MoneyRow>,
    /// Where each of `rows` came from.
    pub origins: Vec<RowOrigin>,
    /// Problems of the `sheet_rows`, located in the report's `rows`.
    pub findings: Vec<Finding>,
    /// Whether any of them is an error.
    pub failed: bool,
}

/// Puts the rows read from a table's sheet among the rows the report wrote (`written`, the
/// table's `rows`, `sheet_rows` included). `at` is the table's path.
pub(crate) fn place(written: Vec<MoneyRow>, read: Read<'_>, at: &DataPath) -> Placed {
    let spots: Vec<(usize, String)> = written
        .iter()
        .enumerate()
        .filter(|(_, row)| row.kind == RowKind::SheetRows)
        .map(|(i, row)| (i, row.label.clone()))
        .collect();
    let mut findings = Vec::new();
    let mut finding = |severity: Severity, i: usize, message: String| {
        findings.push(Finding {
            hints: Vec::new(),
            severity,
            path: at.index("rows", i).key("sheet_rows"),
            message,
            needle: None,
        });
    };
    // Each `sheet_rows`, by its index in `written`, with its rows when they are fit to place.
    let mut spans: Vec<(usize, Option<(u32, u32)>)> = Vec::new();
    match &read {
        Read::NoSheet => {
            for (i, _) in &spots {
                finding(
                    Severity::Error,
                    *i,
                    "`sheet_rows` places rows of the table's sheet, but this table has no `sheet`: give the table a `sheet`, or write the rows here".into(),
                );
                spans.push((*i, None));
            }
        }
        Read::Unread | Read::Rows { .. } => {
            for (i, text) in &spots {
                match parse_span(text) {
                    Ok(span) => spans.push((*i, Some(span))),
                    Err(message) => {
                        finding(Severity::Error, *i, message);
                        spans.push((*i, None));
                    }
                }
            }
        }
    }
    if let Read::Rows {
        selection, place, ..
    } = &read
    {
        for (i, span) in &mut spans {
            if let Some((first, last)) = *span
                && (first < selection.first || last > selection.last)
            {
                finding(
                    Severity::Error,
                    *i,
                    format!(
                        "{} {} not all {} of {place} (rows {}): expected rows among them",
                        rows_text(first, last),
                        if first == last { "is" } else { "are" },
                        selected_text(selection),
                        span_text(selection.first, selection.last)
                    ),
                );
                *span = None;
            }
        }
    }
    // Two `sheet_rows` that share a row: in the order of their first rows, a span overlaps
    // an earlier one if and only if it overlaps the one reaching furthest, and is the error
    // (linear after the sort, however many `sheet_rows` there are). The spans left are
    // disjoint.
    let mut by_first: Vec<(u32, u32, usize)> = spans
        .iter()
        .filter_map(|(i, s)| s.map(|(f, l)| (f, l, *i)))
        .collect();
    by_first.sort_unstable();
    let mut overlapping = vec![false; written.len()];
    let mut reach: Option<(u32, u32, usize)> = None;
    for &(first, last, i) in &by_first {
        if let Some((f, l, j)) = reach
            && l >= first
        {
            overlapping[i] = true;
            finding(
                Severity::Error,
                i,
                format!(
                    "{} {} the `sheet_rows = \"{}\"`: {} would be placed twice; place each row of the sheet once",
                    rows_text(first, last),
                    if first == last { "overlaps" } else { "overlap" },
                    written[j].label.trim(),
                    rows_text(first.max(f), last.min(l))
                ),
            );
        }
        if reach.is_none_or(|(_, l, _)| last > l) {
            reach = Some((first, last, i));
        }
    }
    let (rows, origins) = match read {
        Read::Rows {
            rows: sheet,
            selection,
            place,
            complete,
        } => {
            // The sheet's rows (by index in `sheet`, which is in the sheet's order) of each
            // `sheet_rows` (by index in `written`), and how many `sheet_rows` place each.
            let mut taken: Vec<Option<std::ops::Range<usize>>> = vec![None; written.len()];
            let mut placings = vec![0i64; sheet.len() + 1];
            for (i, span) in &spans {
                let Some((first, last)) = *span else {
                    continue;
                };
                let from = sheet.partition_point(|r| r.sheet_row < first);
                let to = sheet.partition_point(|r| r.sheet_row <= last);
                if from == to && complete {
                    finding(
                        Severity::Warning,
                        *i,
                        format!(
                            "{} ({place}) {} blank: this `sheet_rows` places no row",
                            rows_text(first, last),
                            if first == last { "is" } else { "are" }
                        ),
                    );
                }
                placings[from] += 1;
                placings[to] -= 1;
                if !overlapping[*i] {
                    taken[*i] = Some(from..to);
                }
            }
            let mut running = 0;
            let placed: Vec<bool> = placings[..sheet.len()]
                .iter()
                .map(|d| {
                    running += d;
                    running > 0
                })
                .collect();
            // Rows placed nowhere, in runs, each at the `sheet_rows` nearest before it in
            // the sheet (or the first after it), once every `sheet_rows` could be placed.
            if !spots.is_empty() && spans.iter().all(|(_, s)| s.is_some()) {
                let mut by_last: Vec<(u32, usize)> =
                    by_first.iter().map(|&(_, l, i)| (l, i)).collect();
                by_last.sort_unstable();
                let mut k = 0;
                while k < sheet.len() {
                    if placed[k] {
                        k += 1;
                        continue;
                    }
                    let start = k;
                    while k < sheet.len() && !placed[k] {
                        k += 1;
                    }
                    let (first, last) = (sheet[start].sheet_row, sheet[k - 1].sheet_row);
                    let before = by_last.partition_point(|(l, _)| *l < first);
                    let near = match before {
                        0 => by_first.first().map_or(spots[0].0, |&(_, _, i)| i),
                        n => by_last[n - 1].1,
                    };
                    let add = if first == last {
                        first.to_string()
                    } else {
                        format!("{first}:{last}")
                    };
                    let one = first == last;
                    finding(
                        Severity::Error,
                        near,
                        format!(
                            "{} ({place}) {} {} but placed by no `sheet_rows`: add `{{ sheet_rows = \"{add}\" }}` where {} belong{}, or leave {} out of the {}",
                            rows_text(first, last),
                            if one { "is" } else { "are" },
                            selected_text(&selection),
                            if one { "it" } else { "they" },
                            if one { "s" } else { "" },
                            if one { "it" } else { "them" },
                            if selection.range.is_some() {
                                "range"
                            } else {
                                "sheet"
                            },
                        ),
                    );
                }
            }
            assemble(written, sheet, &taken)
        }
        Read::NoSheet | Read::Unread => assemble(written, Vec::new(), &[]),
    };
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    Placed {
        rows,
        origins,
        findings,
        failed,
    }
}

/// The table's rows: the written ones, each `sheet_rows` replaced by its rows of `sheet`
/// (`taken`, by index in `written`); without any `sheet_rows`, the sheet's rows first.
fn assemble(
    written: Vec<MoneyRow>,
    sheet: Vec<SheetRow>,
    taken: &[Option<std::ops::Range<usize>>],
) -> (Vec<MoneyRow>, Vec<RowOrigin>) {
    let mut rows = Vec::with_capacity(written.len() + sheet.len());
    let mut origins = Vec::with_capacity(rows.capacity());
    if !written.iter().any(|r| r.kind == RowKind::SheetRows) {
        for row in sheet {
            origins.push(RowOrigin::Sheet(row.sheet_row));
            rows.push(row.row);
        }
        for (i, row) in written.into_iter().enumerate() {
            origins.push(RowOrigin::Written(i));
            rows.push(row);
        }
        return (rows, origins);
    }
    let mut sheet: Vec<Option<SheetRow>> = sheet.into_iter().map(Some).collect();
    for (i, row) in written.into_iter().enumerate() {
        if row.kind != RowKind::SheetRows {
            origins.push(RowOrigin::Written(i));
            rows.push(row);
            continue;
        }
        let Some(Some(these)) = taken.get(i) else {
            continue;
        };
        // The spans are disjoint (an overlapping one places nothing: it is an error).
        for k in these.clone() {
            if let Some(row) = sheet.get_mut(k).and_then(Option::take) {
                origins.push(RowOrigin::Sheet(row.sheet_row));
                rows.push(row.row);
            }
        }
    }
    (rows, origins)
}

/// The rows a `sheet_rows` names: `"4:9"` (inclusive) or `"7"`, as the spreadsheet numbers
/// them.
fn parse_span(text: &str) -> Result<(u32, u32), String> {
    let expected = "expected the first and last row as the spreadsheet numbers them, \"4:9\", or one row, \"7\"";
    let number = |part: &str| -> Option<u32> {
        let part = part.trim();
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (first, last) = match text.split_once(':') {
        Some((a, b)) => (number(a), number(b)),
        None => (number(text), number(text)),
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Err(format!(
            "\"{text}\" is not a span of sheet rows: {expected}"
        ));
    };
    if first == 0 {
        return Err(format!(
            "\"{text}\" names row 0, but the spreadsheet numbers its rows from 1: {expected}"
        ));
    }
    if first > last {
        return Err(format!(
            "\"{text}\" runs backwards: expected the first row before the last, \"{last}:{first}\""
        ));
    }
    Ok((first, last))
}

/// `sheet row 7`, `sheet rows 4–9`.
fn rows_text(first: u32, last: u32) -> String {
    if first == last {
        format!("sheet row {first}")
    } else {
        format!("sheet rows {}", span_text(first, last))
    }
}

/// `4–9`, `7`.
fn span_text(first: u32, last: u32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}\u{2013}{last}")
    }
}

/// `in the range A4:E13`, `under the header row`.
fn selected_text(selection: &Selection) -> String {
    match &selection.range {
        Some(range) => format!("in the range {}", range.trim()),
        None => "under the header row".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: RowKind, label: &str) -> MoneyRow {
        MoneyRow::new(kind, label)
    }

    fn sheet_rows(numbers: &[u32]) -> Vec<SheetRow> {
        numbers
            .iter()
            .map(|&n| SheetRow {
                sheet_row: n,
                row: row(RowKind::Figures, &format!("r{n}")),
            })
            .collect()
    }

    fn place_in(written: Vec<MoneyRow>, sheet: &[u32]) -> Placed {
        let file = Place {
            file: "drift.xlsx".into(),
            sheet: Some("Drift".into()),
        };
        place(
            written,
            Read::Rows {
                rows: sheet_rows(sheet),
                selection: Selection {
                    first: 4,
                    last: 20,
                    range: Some("A4:E20".into()),
                },
                place: &file,
                complete: true,
            },
            &DataPath::default().index("blocks", 0),
        )
    }

    fn labels(placed: &Placed) -> Vec<&str> {
        placed.rows.iter().map(|r| r.label.as_str()).collect()
    }

    fn messages(placed: &Placed) -> Vec<String> {
        placed
            .findings
            .iter()
            .map(|f| format!("{:?} {}: {}", f.severity, f.path, f.message))
            .collect()
    }

    #[test]
    fn without_sheet_rows_the_sheet_comes_first() {
        let placed = place_in(vec![row(RowKind::Result, "R")], &[4, 5]);
        assert_eq!(labels(&placed), ["r4", "r5", "R"]);
        assert_eq!(
            placed.origins,
            [
                RowOrigin::Sheet(4),
                RowOrigin::Sheet(5),
                RowOrigin::Written(0)
            ]
        );
        assert!(placed.findings.is_empty() && !placed.failed);
    }

    #[test]
    fn sheet_rows_go_where_they_are_written_in_any_order() {
        let written = vec![
            row(RowKind::Group, "G"),
            row(RowKind::SheetRows, "9:20"),
            row(RowKind::Subtotal, "S"),
            row(RowKind::SheetRows, " 4 : 5 "),
            row(RowKind::SheetRows, "7"),
            row(RowKind::Result, "R"),
        ];
        let placed = place_in(written, &[4, 5, 7, 9, 12]);
        assert_eq!(
            labels(&placed),
            ["G", "r9", "r12", "S", "r4", "r5", "r7", "R"]
        );
        assert_eq!(
            placed.origins,
            [
                RowOrigin::Written(0),
                RowOrigin::Sheet(9),
                RowOrigin::Sheet(12),
                RowOrigin::Written(2),
                RowOrigin::Sheet(4),
                RowOrigin::Sheet(5),
                RowOrigin::Sheet(7),
                RowOrigin::Written(5)
            ]
        );
        assert!(placed.findings.is_empty(), "{:?}", messages(&placed));
    }

    #[test]
    fn rows_placed_nowhere_overlaps_and_rows_outside_are_errors() {
        let written = vec![
            row(RowKind::SheetRows, "4:6"),
            row(RowKind::SheetRows, "12:20"),
        ];
        let placed = place_in(written, &[4, 5, 10, 11, 12]);
        assert!(placed.failed);
        assert_eq!(
            messages(&placed),
            [
                "Error blocks[0].rows[0].sheet_rows: sheet rows 10–11 (drift.xlsx, sheet \"Drift\") are in the range A4:E20 but placed by no `sheet_rows`: add `{ sheet_rows = \"10:11\" }` where they belong, or leave them out of the range"
            ]
        );
        let written = vec![
            row(RowKind::SheetRows, "4:9"),
            row(RowKind::SheetRows, "8:20"),
        ];
        assert_eq!(
            messages(&place_in(written, &[4, 8, 9, 12])),
            [
                "Error blocks[0].rows[1].sheet_rows: sheet rows 8–20 overlap the `sheet_rows = \"4:9\"`: sheet rows 8–9 would be placed twice; place each row of the sheet once"
            ]
        );
        let written = vec![row(RowKind::SheetRows, "2:21")];
        assert_eq!(
            messages(&place_in(written, &[4])),
            [
                "Error blocks[0].rows[0].sheet_rows: sheet rows 2–21 are not all in the range A4:E20 of drift.xlsx, sheet \"Drift\" (rows 4–20): expected rows among them"
            ]
        );
    }

    #[test]
    fn every_span_that_overlaps_another_is_an_error_and_the_rest_are_placed_once() {
        let written = vec![
            row(RowKind::SheetRows, "10:12"),
            row(RowKind::SheetRows, "4:20"),
            row(RowKind::SheetRows, "13:14"),
            row(RowKind::SheetRows, "12"),
        ];
        let placed = place_in(written, &[4, 10, 12, 13, 20]);
        let found = messages(&placed);
        assert_eq!(found.len(), 3, "{found:?}");
        for (i, both) in [(0, "rows 10–12"), (2, "rows 13–14"), (3, "row 12")] {
            assert!(
                found.iter().any(|m| m.starts_with(&format!(
                    "Error blocks[0].rows[{i}].sheet_rows: sheet {both} overlap"
                )) && m.contains("`sheet_rows = \"4:20\"`")),
                "{i}: {found:?}"
            );
        }
        assert_eq!(labels(&placed), ["r4", "r10", "r12", "r13", "r20"]);
    }

    #[test]
    fn a_span_of_blank_rows_is_a_warning_and_a_bad_span_an_error() {
        let written = vec![
            row(RowKind::SheetRows, "4:9"),
            row(RowKind::SheetRows, "10"),
        ];
        let placed = place_in(written, &[4, 9]);
        assert!(!placed.failed);
        assert_eq!(
            messages(&placed),
            [
                "Warning blocks[0].rows[1].sheet_rows: sheet row 10 (drift.xlsx, sheet \"Drift\") is blank: this `sheet_rows` places no row"
            ]
        );
        for (text, expected) in [
            ("4-9", "\"4-9\" is not a span of sheet rows"),
            ("", "\"\" is not a span of sheet rows"),
            ("0:3", "names row 0"),
            (
                "9:4",
                "runs backwards: expected the first row before the last, \"4:9\"",
            ),
            ("4:99999999999", "is not a span"),
        ] {
            let placed = place_in(vec![row(RowKind::SheetRows, text)], &[4]);
            let found = messages(&placed);
            assert!(placed.failed && found.len() == 1, "{text}: {found:?}");
            assert!(found[0].contains(expected), "{text}: {found:?}");
        }
    }

    #[test]
    fn sheet_rows_without_a_sheet_are_errors_and_are_removed() {
        let written = vec![
            row(RowKind::Figures, "a"),
            row(RowKind::SheetRows, "4:9"),
            row(RowKind::Figures, "b"),
        ];
        let placed = place(written, Read::NoSheet, &DataPath::default());
        assert_eq!(labels(&placed), ["a", "b"]);
        assert_eq!(
            placed.origins,
            [RowOrigin::Written(0), RowOrigin::Written(2)]
        );
        assert_eq!(
            messages(&placed),
            [
                "Error rows[1].sheet_rows: `sheet_rows` places rows of the table's sheet, but this table has no `sheet`: give the table a `sheet`, or write the rows here"
            ]
        );
    }
}
