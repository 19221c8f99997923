//! A goal table's cells read as what they say: an indicator's value (`85 %`, `12 st`,
//! `Ja`, `72,7`), a target (`minst 90 %`), a status (`Delvis uppfyllt`, `Gul`) or a row's
//! level. A number is exact: a workbook's number as the sheet shows it (its format's
//! decimals; `0%` shows 0.85 as 85 %), a CSV cell's text as written.

use rust_decimal::{Decimal, RoundingStrategy};

use super::extract::text_of;
use super::grid::{CellValue, Grid};
use super::number::{exact_float, parse_number};
use crate::model::{Relation, Status, Target, Value};

/// What a row of a goal sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLevel {
    /// A goal of this level, 1 for the outermost.
    Goal(usize),
    /// An indicator of the goal above it.
    Indicator,
}

/// The words that make a row an indicator (besides an empty cell).
const INDICATOR_WORDS: [&str; 8] = [
    "indikator",
    "indikatorer",
    "indicator",
    "mått",
    "mätetal",
    "nyckeltal",
    "styrtal",
    "measure",
];

/// What a level cell says, given the table's level names.
pub fn level_of(value: Option<&CellValue>, levels: &[String]) -> Result<RowLevel, String> {
    let text = match value {
        None => return Ok(RowLevel::Indicator),
        Some(v) => text_of(v)?,
    };
    let wanted = text.trim().to_lowercase();
    if wanted.is_empty() || INDICATOR_WORDS.contains(&wanted.as_str()) {
        return Ok(RowLevel::Indicator);
    }
    if let Some(i) = levels
        .iter()
        .position(|l| l.trim().to_lowercase() == wanted)
    {
        return Ok(RowLevel::Goal(i + 1));
    }
    if let Ok(n) = wanted.parse::<usize>()
        && (1..=levels.len()).contains(&n)
    {
        return Ok(RowLevel::Goal(n));
    }
    let names: Vec<String> = levels.iter().map(|l| format!("\"{l}\"")).collect();
    let numbers = match levels.len() {
        1 => "1".to_owned(),
        n => format!("1–{n}"),
    };
    Err(format!(
        "\"{text}\" is no level of this table: expected a goal's level ({}, or its number {numbers}), or an indicator (empty, \"indikator\", \"mått\", \"nyckeltal\")",
        names.join(", ")
    ))
}

/// What a status cell says: the table's words (`met`), the printed words in Swedish or
/// English (`Delvis uppfyllt`, `Partly met`), or a traffic light (`Grön`, `Gul`, `Röd`,
/// `Grå`). `None` for an empty cell.
pub fn status_of(value: Option<&CellValue>) -> Result<Option<Status>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = text_of(value)?;
    let key = text.trim().to_lowercase().replace(['_', '-'], " ");
    Ok(Some(match key.as_str() {
        "" => return Ok(None),
        "met" | "uppfyllt" | "uppfylld" | "uppnått" | "helt uppfyllt" | "grön" | "green" => {
            Status::Met
        }
        "partly met" | "delvis uppfyllt" | "delvis uppfylld" | "delvis uppnått" | "gul"
        | "yellow" => Status::PartlyMet,
        "not met" | "ej uppfyllt" | "ej uppfylld" | "inte uppfyllt" | "ej uppnått"
        | "inte uppnått" | "röd" | "red" => Status::NotMet,
        "not assessed" | "ej bedömt" | "ej bedömd" | "inte bedömt" | "grå" | "grey" | "gray" => {
            Status::NotAssessed
        }
        _ => {
            return Err(format!(
                "\"{}\" is no status: expected \"Uppfyllt\", \"Delvis uppfyllt\", \"Ej uppfyllt\", \"Ej bedömt\" (or met, partly_met, not_met, not_assessed; or Grön, Gul, Röd, Grå)",
                text.trim()
            ));
        }
    }))
}

/// A value as a cell shows it, and whether it was rounded to the decimals the cell shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Read<T> {
    /// The value.
    pub value: T,
    /// The number before it was taken as shown, if that changed it.
    pub rounded_from: Option<Decimal>,
}

/// An indicator's value from a cell (`None` when empty), with the row's unit (`%`, `st`;
/// empty or absent: none).
pub fn value_of(
    value: Option<&CellValue>,
    grid: &Grid,
    at: (u32, u32),
    unit: Option<&str>,
) -> Result<Option<Read<Value>>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    match value {
        CellValue::Float(_) | CellValue::Int(_) => {
            let (number, rounded_from, percent) = shown_number(value, grid, at)?;
            let value = if percent {
                Value::Percent(number)
            } else {
                with_unit(number, unit)
            };
            Ok(Some(Read {
                value,
                rounded_from,
            }))
        }
        CellValue::Text(text) => Ok(Some(Read {
            value: text_value(text, grid, unit),
            rounded_from: None,
        })),
        CellValue::Bool(b) => Ok(Some(Read {
            value: Value::YesNo(*b),
            rounded_from: None,
        })),
        CellValue::Date(d) => Err(format!(
            "the cell holds a date ({d}), not an indicator's value"
        )),
        CellValue::Error(e) => Err(format!("the cell holds the error {e}, not a value")),
    }
}

/// A target from a cell: a value, after a word for its relation (`minst`, `högst`, `öka
/// från`, `minska från`, or `≥`, `≤`, `at least`, `at most`); a level when there is none;
/// a direction with no value when the cell says only that (`Ska öka`, `Minska`).
pub fn target_of(
    value: Option<&CellValue>,
    grid: &Grid,
    at: (u32, u32),
    unit: Option<&str>,
) -> Result<Option<Read<Target>>, String> {
    if let Some(CellValue::Text(text)) = value {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        let word = lower.trim_end_matches('.');
        for (words, relation) in DIRECTIONS {
            if words.contains(&word) {
                return Ok(Some(Read {
                    value: Target {
                        relation: *relation,
                        value: None,
                    },
                    rounded_from: None,
                }));
            }
        }
        for (words, relation) in RELATIONS {
            for word in *words {
                if let Some(rest) = lower.strip_prefix(word)
                    && (word.ends_with(['≥', '≤', '>', '<', '='])
                        || rest.starts_with(char::is_whitespace))
                {
                    // The same characters of the original text, not of its lower case.
                    let rest = &trimmed[trimmed.len() - rest.len()..];
                    if rest.trim().is_empty() {
                        break;
                    }
                    let value = text_value(rest, grid, unit.map(str::trim));
                    return Ok(Some(Read {
                        value: Target {
                            relation: *relation,
                            value: Some(value),
                        },
                        rounded_from: None,
                    }));
                }
            }
        }
    }
    Ok(value_of(value, grid, at, unit)?.map(|read| Read {
        value: Target {
            relation: Relation::Level,
            value: Some(read.value),
        },
        rounded_from: read.rounded_from,
    }))
}

/// A direction with no baseline, as a whole cell ("Ska öka").
const DIRECTIONS: &[(&[&str], Relation)] = &[
    (
        &["ska öka", "öka", "ökning", "increase"],
        Relation::Increase,
    ),
    (
        &["ska minska", "minska", "minskning", "decrease"],
        Relation::Decrease,
    ),
];

/// The words a target's relation is written with, longest first where one begins another.
const RELATIONS: &[(&[&str], Relation)] = &[
    (
        &["minst", "lägst", "at least", "≥", ">="],
        Relation::AtLeast,
    ),
    (&["högst", "max", "at most", "≤", "<="], Relation::AtMost),
    (
        &["öka från", "ökning från", "increase from"],
        Relation::IncreaseFrom,
    ),
    (
        &["minska från", "minskning från", "decrease from"],
        Relation::DecreaseFrom,
    ),
    // After `<=` and `>=`, which begin with these.
    (&["under", "below", "less than", "<"], Relation::Below),
    (&["över", "above", "more than", ">"], Relation::Above),
];

/// A workbook number as shown: rounded to the decimals its format shows (half away from
/// zero), times 100 when shown as a percentage. Returns the number, the unrounded number
/// when rounding changed it, and whether it is a percentage.
fn shown_number(
    value: &CellValue,
    grid: &Grid,
    (row, col): (u32, u32),
) -> Result<(Decimal, Option<Decimal>, bool), String> {
    let exact = match value {
        CellValue::Float(f) => exact_float(*f).ok_or_else(|| {
            format!("{f} is too large for an exact figure (at most 28 significant digits)")
        })?,
        CellValue::Int(i) => Decimal::from(*i),
        _ => return Err("not a number".into()),
    };
    let Some(shown) = grid.shown(row, col) else {
        return Ok((exact, None, false));
    };
    let number = if shown.percent {
        exact
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| format!("{exact} is too large for a percentage"))?
            .normalize()
    } else {
        exact
    };
    match shown.decimals {
        Some(d) if number.scale() > d => {
            let to = number.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero);
            Ok((to, (to != number).then_some(number), shown.percent))
        }
        Some(d) => {
            let mut padded = number;
            padded.rescale(d);
            Ok((padded, None, shown.percent))
        }
        None => Ok((number, None, shown.percent)),
    }
}

/// A bare number with the row's unit: `%` a percentage, another word a count of it.
fn with_unit(number: Decimal, unit: Option<&str>) -> Value {
    match unit {
        None => Value::Number(number),
        Some("%") => Value::Percent(number),
        Some(unit) => Value::Count {
            value: number,
            unit: Some(unit.to_owned()),
        },
    }
}

/// A value written as text: yes or no (`Ja`, `Nej`), a number with `%` or a unit word after
/// it (`85 %`, `12 st`), a bare number (with the row's unit), or text kept as written.
fn text_value(text: &str, grid: &Grid, unit: Option<&str>) -> Value {
    let trimmed = text.trim();
    match trimmed.to_lowercase().as_str() {
        "ja" | "yes" => return Value::YesNo(true),
        "nej" | "no" => return Value::YesNo(false),
        _ => {}
    }
    let mark = grid.text_mark();
    if let Some(n) = parse_number(trimmed, mark) {
        return with_unit(n, unit.filter(|u| !u.is_empty()));
    }
    if let Some(n) = trimmed
        .strip_suffix('%')
        .and_then(|rest| parse_number(rest, mark))
    {
        return Value::Percent(n);
    }
    if let Some((number, word)) = trimmed.rsplit_once(char::is_whitespace)
        && !word.is_empty()
        && word.chars().all(char::is_alphabetic)
        && let Some(n) = parse_number(number, mark)
    {
        return Value::Count {
            value: n,
            unit: Some(word.to_owned()),
        };
    }
    Value::Text(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::grid::Shown;
    use crate::sheet::number::Mark;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn text(t: &str) -> CellValue {
        CellValue::Text(t.into())
    }

    #[test]
    fn values_are_read_as_written() {
        let grid = Grid::new(Mark::Either);
        let read = |t: &str, unit: Option<&str>| {
            value_of(Some(&text(t)), &grid, (0, 0), unit)
                .unwrap()
                .unwrap()
                .value
        };
        assert_eq!(read("85 %", None), Value::Percent(dec("85")));
        assert_eq!(read("72,7", None), Value::Number(dec("72.7")));
        assert_eq!(read("72,7", Some("%")), Value::Percent(dec("72.7")));
        assert_eq!(
            read("12 st", None),
            Value::Count {
                value: dec("12"),
                unit: Some("st".into())
            }
        );
        assert_eq!(read("Ja", None), Value::YesNo(true));
        assert_eq!(read("-", None), Value::Text("-".into()));
        assert_eq!(read("Öka", None), Value::Text("Öka".into()));
        assert_eq!(read("−3,5", None), Value::Number(dec("-3.5")));
    }

    #[test]
    fn targets_take_their_relation_from_the_first_words() {
        let grid = Grid::new(Mark::Either);
        let read = |t: &str| {
            target_of(Some(&text(t)), &grid, (0, 0), None)
                .unwrap()
                .unwrap()
                .value
        };
        assert_eq!(
            read("minst 42 %"),
            Target {
                relation: Relation::AtLeast,
                value: Some(Value::Percent(dec("42")))
            }
        );
        assert_eq!(read("Högst 10 st").relation, Relation::AtMost);
        assert_eq!(read("<10").relation, Relation::Below);
        assert_eq!(read("<= 10").relation, Relation::AtMost);
        assert_eq!(read("under 10 %").relation, Relation::Below);
        assert_eq!(read("> 5").relation, Relation::Above);
        assert_eq!(read("Över 5 st").relation, Relation::Above);
        assert_eq!(read("≥90 %").relation, Relation::AtLeast);
        assert_eq!(
            read("Öka från 71,13"),
            Target {
                relation: Relation::IncreaseFrom,
                value: Some(Value::Number(dec("71.13")))
            }
        );
        // A direction with no baseline, as the whole cell.
        for (text, relation) in [
            ("Ska öka", Relation::Increase),
            ("öka", Relation::Increase),
            ("Ska minska.", Relation::Decrease),
            ("decrease", Relation::Decrease),
        ] {
            assert_eq!(
                read(text),
                Target {
                    relation,
                    value: None
                },
                "{text}"
            );
        }
        // A word that only begins like a relation is the value's text.
        assert_eq!(
            read("Maxa"),
            Target {
                relation: Relation::Level,
                value: Some(Value::Text("Maxa".into()))
            }
        );
        assert_eq!(read("minst").value, Some(Value::Text("minst".into())));
    }

    #[test]
    fn workbook_numbers_are_taken_as_shown() {
        let mut grid = Grid::new(Mark::Either);
        grid.insert(0, 0, CellValue::Float(0.8527));
        grid.set_shown(
            0,
            0,
            Shown {
                decimals: Some(1),
                percent: true,
            },
        );
        grid.insert(1, 0, CellValue::Float(72.0));
        grid.set_shown(
            1,
            0,
            Shown {
                decimals: Some(1),
                percent: false,
            },
        );
        let read = value_of(grid.get(0, 0), &grid, (0, 0), None)
            .unwrap()
            .unwrap();
        assert_eq!(read.value, Value::Percent(dec("85.3")));
        assert_eq!(read.rounded_from, Some(dec("85.27")));
        let read = value_of(grid.get(1, 0), &grid, (1, 0), None)
            .unwrap()
            .unwrap();
        assert_eq!(read.value, Value::Number(dec("72.0")));
        assert_eq!(read.rounded_from, None);
    }

    #[test]
    fn statuses_and_levels_are_read_in_either_language() {
        assert_eq!(
            status_of(Some(&text("Delvis uppfyllt"))).unwrap(),
            Some(Status::PartlyMet)
        );
        assert_eq!(
            status_of(Some(&text("not_met"))).unwrap(),
            Some(Status::NotMet)
        );
        assert_eq!(status_of(Some(&text("Grön"))).unwrap(), Some(Status::Met));
        assert!(status_of(Some(&text("Bra"))).is_err());
        let levels = vec!["Perspektiv".to_owned(), "Mål".to_owned()];
        assert_eq!(level_of(Some(&text("mål")), &levels), Ok(RowLevel::Goal(2)));
        assert_eq!(
            level_of(Some(&CellValue::Int(1)), &levels),
            Ok(RowLevel::Goal(1))
        );
        assert_eq!(level_of(None, &levels), Ok(RowLevel::Indicator));
        assert_eq!(
            level_of(Some(&text("Mätetal")), &levels),
            Ok(RowLevel::Indicator)
        );
        assert!(level_of(Some(&text("3")), &levels).is_err());
    }
}
