//! Amounts quoted in a report's text, checked against the figures of its tables.
//!
//! The narrative of a report repeats its results ("ett överskott på 1 579 tkr"), and when the
//! text is typed by hand it drifts from the tables: a result quoted as 1 579 tkr in one
//! chapter and 1564 in another, "420 kr" for 420 tkr. bokslut computes every figure of a
//! table, but prints the text as written (an archived report is reproduced as published), so
//! it can only point such places out. Every amount with a unit in the text (`1 579 tkr`,
//! `1,6 mnkr`, `420 kr`) is compared with every figure of the report's financial and
//! investment tables (each row's budget, outcome, forecast and deviation, and the sums), of
//! its statements and their notes (those in one unit: not a five-year summary's rows) and
//! with the amounts of its goal tables, in kronor and ignoring the sign (a surplus is
//! negative in a table where income is). An amount no figure gives, to the precision it is
//! written with, is a warning, as is one whose number is a figure but whose unit is not the
//! report's.
//!
//! This is a heuristic: a text may quote an amount no table holds (a grant, a sum of two
//! rows). Its findings are warnings, given by `bokslut check`.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::compute::{ComputedRowKind, ComputedTable};
use crate::diag::Severity;
use crate::location::Finding;
use crate::model::{Block, Report, Unit, Value};
use crate::statement::{Printed, Statements};
use crate::tree::{Item, each};

/// A figure of a table or goal, in kronor, and what it is, for messages.
struct Figure {
    kronor: Decimal,
    /// As the report writes it: "1 579 tkr".
    shown: String,
    what: String,
}

/// An amount written in the text.
struct Quoted {
    /// As written: "1 579 tkr".
    text: String,
    kronor: Decimal,
    /// Half the last written digit, in kronor: `1,6 mnkr` stands for 1.55 to 1.65 million.
    tolerance: Decimal,
    /// The number alone, read in the report's unit: for "420 kr" in a report in tkr, 420 tkr.
    in_report_unit: Decimal,
    unit_is_reports: bool,
}

/// A number (thousands grouped by spaces, a decimal comma or point) and a unit of kronor.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\p{L}\p{N},.])(\d{1,3}(?:[ \u{A0}\u{202F}\u{2009}]\d{3})+|\d+)(?:[,.](\d+))?[ \u{A0}\u{202F}\u{2009}]?(tusen kronor|miljoner kronor|mnkr|mkr|tkr|kronor|kr)\b",
    )
    .unwrap_or_else(|e| unreachable!("the amount pattern does not compile: {e}"))
});

/// Kronor in one of a unit.
fn kronor_per(unit: &str) -> Decimal {
    match unit.to_lowercase().as_str() {
        "tkr" | "tusen kronor" => Decimal::from(1_000),
        "mnkr" | "mkr" | "miljoner kronor" => Decimal::from(1_000_000),
        _ => Decimal::ONE,
    }
}

/// The report's unit as the text writes it, and kronor in one of it.
fn report_unit(unit: Unit) -> (&'static str, Decimal) {
    let name = match unit {
        Unit::Tkr => "tkr",
        Unit::Mnkr => "mnkr",
        Unit::Kr => "kr",
    };
    (name, kronor_per(name))
}

/// A figure with its thousands grouped: "1 579", "12,5".
fn grouped(value: Decimal) -> String {
    let value = value.abs().normalize();
    let text = value.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// The amounts written in a text.
fn quoted(text: &str, unit: Unit) -> Vec<Quoted> {
    let (_, report_factor) = report_unit(unit);
    AMOUNT
        .captures_iter(text)
        .filter_map(|c| {
            let whole: String = c[1].chars().filter(char::is_ascii_digit).collect();
            let fraction = c.get(2).map_or("", |m| m.as_str());
            let number: Decimal = format!("{whole}.{fraction}")
                .trim_end_matches('.')
                .parse()
                .ok()?;
            let factor = kronor_per(&c[3]);
            let half_digit = Decimal::try_new(5, u32::try_from(fraction.len()).ok()? + 1).ok()?;
            let start = c.get(1)?.start();
            let end = c.get(3)?.end();
            Some(Quoted {
                text: text[start..end].to_owned(),
                kronor: number.checked_mul(factor)?,
                tolerance: half_digit.checked_mul(factor)?,
                in_report_unit: number.checked_mul(report_factor)?,
                unit_is_reports: factor == report_factor,
            })
        })
        .collect()
}

/// Every figure of the report's money tables, then the amounts of its goal tables (so that
/// a message names a table's figure before an indicator's equal one).
fn figures(
    report: &Report,
    computed: &[ComputedTable],
    statements: Option<&Statements>,
) -> Vec<Figure> {
    let unit = report.meta.unit;
    let figure_in = |unit: Unit, value: Decimal, what: String| {
        let (unit_name, factor) = report_unit(unit);
        Some(Figure {
            kronor: value.abs().checked_mul(factor)?,
            shown: format!("{} {unit_name}", grouped(value)),
            what,
        })
    };
    let figure = |value: Decimal, what: String| figure_in(unit, value, what);
    let (mut tables, mut goals) = (Vec::new(), Vec::new());
    let mut computed = computed.iter();
    // The heading a table stands under: its chapter's, or a sub-heading's before it.
    let mut heading = "";
    each(report, &mut |_, item, _| match item {
        Item::Chapter(chapter) => heading = &chapter.title,
        Item::Block(Block::Heading { text }) => heading = text,
        Item::Block(Block::Finance(table) | Block::Investments(table)) => {
            let Some(computed) = computed.next() else {
                return;
            };
            let place = match table.label_heading.as_deref() {
                Some(name) if !name.is_empty() => format!("in the table \"{name}\""),
                _ => format!("in the table under \"{heading}\""),
            };
            for (row, column, value) in computed.figures() {
                let of = match (&row.label, row.kind) {
                    (_, ComputedRowKind::Total) => "the sum".to_owned(),
                    (Some(label), _) => format!("\"{label}\""),
                    (None, _) => "the sum".to_owned(),
                };
                let what = column.id.replace('_', " ");
                tables.extend(figure_in(
                    computed.unit,
                    value,
                    format!("the {what} of {of} {place}"),
                ));
            }
        }
        Item::Block(Block::Goals(table)) => {
            crate::goals::visit(table, &Default::default(), &mut |node| {
                let crate::goals::Node::Indicator { indicator: ind, .. } = node else {
                    return;
                };
                let values = [
                    ("current value", ind.current.as_ref()),
                    ("forecast", ind.forecast.as_ref()),
                    ("target", ind.target.as_ref().and_then(|t| t.value.as_ref())),
                ];
                let earlier = ind.earlier.values().map(|v| ("earlier outcome", Some(v)));
                for (what, value) in values.into_iter().chain(earlier) {
                    if let Some(Value::Amount(a)) = value {
                        let what = format!("the {what} of the indicator \"{}\"", ind.name);
                        goals.extend(figure(*a, what));
                    }
                }
            });
        }
        Item::Block(_) => {}
    });
    // The statements, and the tables of their notes, in one unit each.
    let statement_tables = statements.into_iter().flat_map(|s| {
        s.tables
            .iter()
            .map(|t| (t, "the statement".to_owned()))
            .chain(s.notes.iter().flat_map(|n| {
                n.tables
                    .iter()
                    .map(move |t| (t, format!("the note {} {}", n.number, n.title)))
            }))
    });
    for (table, unnamed) in statement_tables {
        let Some(unit) = table.unit else { continue };
        let name = table
            .caption
            .as_ref()
            .map_or(unnamed, |c| format!("\"{c}\""));
        for row in &table.rows {
            for (e, cells) in row.cells.iter().enumerate() {
                for (c, cell) in cells.iter().enumerate() {
                    if let Printed::Figure(value) = cell {
                        let entity = table.entities[e]
                            .1
                            .as_deref()
                            .map(|h| format!("{h}, "))
                            .unwrap_or_default();
                        tables.extend(figure_in(
                            unit,
                            *value,
                            format!("\"{}\" ({entity}{}) in {name}", row.label, table.columns[c]),
                        ));
                    }
                }
            }
        }
    }
    tables.append(&mut goals);
    tables
}

/// Warnings for the amounts of the report's text that no figure of its tables gives.
pub fn check(
    report: &Report,
    tables: &[ComputedTable],
    statements: Option<&Statements>,
) -> Vec<Finding> {
    let figures = figures(report, tables, statements);
    if figures.is_empty() {
        return Vec::new();
    }
    let (unit_name, _) = report_unit(report.meta.unit);
    let mut findings = Vec::new();
    let mut texts = Vec::new();
    each(report, &mut |_, item, path| {
        if let Item::Block(Block::Text { text }) = item {
            texts.push((path.key("text"), text.as_str()));
        }
    });
    for (path, text) in texts {
        // A bound figure is right by construction: only amounts typed by hand are checked.
        let text = crate::bound::without_references(text);
        for q in quoted(&text, report.meta.unit) {
            let matches = |kronor: Decimal, tolerance: Decimal| {
                figures
                    .iter()
                    .find(|f| (f.kronor - kronor).abs() <= tolerance)
            };
            if matches(q.kronor, q.tolerance).is_some() {
                continue;
            }
            let message = match matches(q.in_report_unit, Decimal::ZERO) {
                Some(f) if !q.unit_is_reports => format!(
                    "the text gives {}, but the report's figures are in {unit_name}, and {} is {}: is the unit wrong?",
                    q.text, f.shown, f.what
                ),
                _ => {
                    let nearest = figures
                        .iter()
                        .min_by_key(|f| (f.kronor - q.kronor).abs())
                        .map(|f| format!(" (the nearest is {}, {})", f.shown, f.what))
                        .unwrap_or_default();
                    format!(
                        "the text gives {}, which no figure of the report's tables gives{nearest}",
                        q.text
                    )
                }
            };
            findings.push(Finding {
                hints: Vec::new(),
                severity: Severity::Warning,
                path: path.clone(),
                message,
                needle: Some(q.text.clone()),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(text: &str) -> Vec<(String, Decimal)> {
        quoted(text, Unit::Tkr)
            .into_iter()
            .map(|q| (q.text, q.kronor))
            .collect()
    }

    #[test]
    fn amounts_are_read_with_their_units() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            amounts("ett överskott på 1 579 tkr, 1564 tkr och 420 kr samt 1,6 mnkr."),
            [
                ("1 579 tkr".to_owned(), d("1579000")),
                ("1564 tkr".to_owned(), d("1564000")),
                ("420 kr".to_owned(), d("420")),
                ("1,6 mnkr".to_owned(), d("1600000")),
            ]
        );
        // Not amounts: a year, a percentage, a case number, a word that starts with "kr".
        assert!(amounts("2020, 6,06 %, SYD-IT 19-49 och 12 krav").is_empty());
        assert_eq!(amounts("12\u{A0}337\u{A0}tkr").len(), 1);
        // Beyond what a decimal holds: not read, and no panic.
        let long = format!("1,{} tkr och {} tkr", "0".repeat(40), "9".repeat(40));
        assert!(amounts(&long).is_empty());
    }

    #[test]
    fn grouped_writes_thousands_apart() {
        assert_eq!(grouped(Decimal::from(-34559)), "34 559");
        assert_eq!(grouped(Decimal::from(420)), "420");
        assert_eq!(grouped("1234567.50".parse().unwrap()), "1 234 567,5");
    }
}
