//! Figures bound in the text (issue 25): the text names a figure of the report's tables
//! instead of typing it, so that the text can never disagree with the table.
//!
//! `{=drift/Kommunstyrelsen/deviation}` is the figure of the table `drift` (its id), the row
//! "Kommunstyrelsen" (a financial table's row by its label, `total` for its total row; a
//! statement's row by id or label) and the column `deviation` (a financial table's column by
//! id, a computed one included; a statement's column by its heading, such as a year), as the
//! table prints it: rounded to the table's decimals, in its unit. A statement's figure is of
//! its first entity, or of the one a fourth part names (`{=rr/result/2021/koncernen}`). A
//! note's tables are named by their ids, a note's only table by the note's id. The layout prints it in the
//! report's number format and language ("1 579 tkr", "SEK 1,579k"). `{=…|result}` prints it
//! as words for a result: "ett överskott på 1,3 mnkr", "ett underskott på …" (the amount
//! without its sign; the table's sign convention says which is a surplus).
//!
//! A reference that names no figure is an error located at the reference in the text, with
//! the nearest name; so is one whose cell prints "–" or nothing (no figure to quote). Bound
//! figures are left out of the amounts-in-text check, which stays for amounts typed by hand.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::compute::{ComputedRowKind, ComputedTable, Formula};
use crate::location::{Finding, Path};
use crate::model::{Block, Report, SignConvention, Unit};
use crate::named::Named;
use crate::statement::{Printed, Statements};
use crate::tree::{Item, each};

/// A reference in the text: `{=` what it names `}`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{=([^{}\n]*)\}")
        .unwrap_or_else(|e| unreachable!("the reference pattern does not compile: {e}"))
});

/// A figure the text names, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundFigure {
    /// The figure as its table prints it (its decimals are its scale).
    pub value: Decimal,
    /// The unit of its table; `None` for a statement row without one.
    pub unit: Option<Unit>,
    /// A share in per cent (a financial table's `share` column, an indicator's percentage).
    pub percent: bool,
    /// A count's unit word ("st", "dagar"), printed after it: an indicator's count.
    pub count_unit: Option<String>,
    /// Asked as words for a result (`|result`): which, by the table's signs.
    pub result: Option<ResultSign>,
}

/// What a figure printed as a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultSign {
    /// A surplus (överskott).
    Surplus,
    /// A deficit (underskott).
    Deficit,
    /// Neither: the figure is zero.
    Balanced,
}

impl ResultSign {
    /// The selector the labels take (`positive`, `negative`, `zero`).
    pub fn as_str(self) -> &'static str {
        match self {
            ResultSign::Surplus => "positive",
            ResultSign::Deficit => "negative",
            ResultSign::Balanced => "zero",
        }
    }
}

/// The texts of a report that may bind figures, with where they are.
fn texts(report: &Report) -> Vec<(Path, &str)> {
    let mut texts = Vec::new();
    each(report, &mut |_, item, path| match item {
        Item::Block(Block::Text { text }) => texts.push((path.key("text"), text.as_str())),
        Item::Block(Block::Note(note)) => {
            if let Some(text) = &note.text {
                texts.push((path.key("text"), text.as_str()));
            }
        }
        _ => {}
    });
    texts
}

/// Every reference of the report's texts resolved, by its words between `{=` and `}`; and
/// the findings for those that name no figure. `None` when the tables could not be computed.
pub(crate) fn resolve(
    report: &Report,
    tables: Option<&[ComputedTable]>,
    statements: Option<&Statements>,
) -> (Option<BTreeMap<String, BoundFigure>>, Vec<Finding>) {
    let mut findings = Vec::new();
    let texts = texts(report);
    if texts.iter().all(|(_, text)| !text.contains("{=")) {
        return (Some(BTreeMap::new()), findings);
    }
    let (Some(tables), Some(statements)) = (tables, statements) else {
        return (None, findings);
    };
    let named = crate::named::index(report, tables, statements);
    let mut bound = BTreeMap::new();
    for (path, text) in texts {
        let mut unclosed = text.match_indices("{=").count();
        for found in REFERENCE.captures_iter(text) {
            unclosed -= 1;
            let words = &found[1];
            let whole = found.get(0).map_or("", |m| m.as_str());
            if bound.contains_key(words) {
                continue;
            }
            match resolve_one(words, &named, report.meta.unit) {
                Ok(figure) => {
                    bound.insert(words.to_owned(), figure);
                }
                Err((message, hint)) => {
                    let mut finding = Finding::error(path.clone(), message).with_hint(hint);
                    finding.needle = Some(whole.to_owned());
                    findings.push(finding);
                }
            }
        }
        if unclosed > 0 {
            let mut finding = Finding::error(
                path.clone(),
                "the text opens a bound figure with `{=` and does not close it: expected `{=table/row/column}` on one line".into(),
            );
            finding.needle = Some("{=".into());
            findings.push(finding);
        }
    }
    let ok = findings.is_empty();
    (ok.then_some(bound), findings)
}

/// The figure one reference names, or why not (a message and a hint).
fn resolve_one(words: &str, named: &[(String, Named)], unit: Unit) -> Result<BoundFigure, Refusal> {
    let (path, form) = match words.split_once('|') {
        Some((path, form)) => (path, Some(form.trim())),
        None => (words, None),
    };
    let as_result = match form {
        None => false,
        Some("result") => true,
        Some(other) => {
            return Err((
                format!(
                    "the bound figure `{{={words}}}` asks for the form `{other}`: expected `result` (words for a surplus or a deficit) or none"
                ),
                crate::suggest::code_hint(other, ["result"]),
            ));
        }
    };
    let parts: Vec<&str> = path.split('/').map(str::trim).collect();
    let (table, row, column, entity) = match parts[..] {
        [table, row, column] => (table, row, column, None),
        [table, row, column, entity] => (table, row, column, Some(entity)),
        _ => {
            return Err((
                format!(
                    "the bound figure `{{={words}}}` names {} part(s): expected three, `{{=table/row/column}}` (the table's id, the row's label or id, the column's id or heading), or a fourth for a statement's entity (`{{=rr/result/2021/koncernen}}`)",
                    parts.len()
                ),
                None,
            ));
        }
    };
    let who = format!("the bound figure `{{={words}}}` names");
    let table = crate::named::find(named, table, &who)?;
    let Cell {
        value,
        unit,
        percent,
        count_unit,
        sign,
    } = match table {
        Named::Money(..) if entity.is_some() => {
            return Err((
                format!(
                    "{who} an entity, but a financial table has none: expected `{{=table/row/column}}`"
                ),
                None,
            ));
        }
        Named::Money(_, t) => money(t, row, column, &who)?,
        Named::Goals(_) if entity.is_some() => {
            return Err((
                format!(
                    "{who} an entity, but a goal table has none: expected `{{=table/indicator/value}}`"
                ),
                None,
            ));
        }
        Named::Goals(g) => goal(g, row, column, unit, &who)?,
        Named::Statement(t, model) => {
            let ids: Vec<&str> = model.rows.iter().filter_map(|r| r.id.as_deref()).collect();
            let r = crate::named::statement_row(model, row).ok_or_else(|| {
                (
                    format!(
                        "{who} the row `{row}`, which the statement does not have (by id or label)"
                    ),
                    crate::suggest::code_hint(row, ids.iter().copied()).or_else(|| {
                        crate::suggest::text_hint(row, model.rows.iter().map(|r| r.label.trim()))
                    }),
                )
            })?;
            let c = t.columns.iter().position(|k| k.trim() == column).ok_or_else(|| {
                (
                    format!("{who} the column \"{column}\", which the statement does not have (its columns: {})", t.columns.join(", ")),
                    crate::suggest::text_hint(column, t.columns.iter()),
                )
            })?;
            let e = match entity {
                None => 0,
                Some(entity) => t.entities.iter().position(|(id, _)| id == entity).ok_or_else(|| {
                    let ids: Vec<&str> = t.entities.iter().map(|(id, _)| id.as_str()).collect();
                    (
                        format!(
                            "{who} the entity `{entity}`, which the statement does not have (its entities: {})",
                            ids.join(", ")
                        ),
                        crate::suggest::code_hint(entity, ids.iter().copied()),
                    )
                })?,
            };
            let cell = t
                .rows
                .get(r)
                .and_then(|l| l.cells.get(e))
                .and_then(|e| e.get(c));
            let Some(Printed::Figure(value)) = cell else {
                return Err((
                    format!(
                        "{who} a cell that prints no figure (\"–\" or empty): there is nothing to quote"
                    ),
                    None,
                ));
            };
            // A statement's figures carry their own signs: income positive.
            Cell {
                value: *value,
                unit: t.unit,
                percent: false,
                count_unit: None,
                sign: Some(SignConvention::IncomePositive),
            }
        }
    };
    let result = if as_result {
        let Some(sign) = sign else {
            return Err((
                format!(
                    "{who} a figure of an unsigned table: its signs do not say which is a surplus, so it cannot be printed as a result (write it without `|result`)"
                ),
                None,
            ));
        };
        let surplus = match sign {
            SignConvention::IncomeNegative => value.is_sign_negative(),
            _ => value.is_sign_positive(),
        };
        Some(if value.is_zero() {
            ResultSign::Balanced
        } else if surplus {
            ResultSign::Surplus
        } else {
            ResultSign::Deficit
        })
    } else {
        None
    };
    Ok(BoundFigure {
        value,
        unit,
        percent,
        count_unit,
        result,
    })
}

/// Why a reference names no figure: a message and a hint.
type Refusal = (String, Option<String>);

/// The cell a reference names: its figure, unit, whether a share, and the sign convention
/// that says which is a surplus (`None`: its signs do not say).
struct Cell {
    value: Decimal,
    unit: Option<Unit>,
    percent: bool,
    count_unit: Option<String>,
    sign: Option<SignConvention>,
}

/// An indicator's value of a goal table: `current`, `forecast`, `target` or an earlier
/// year's outcome (by its key, `2021`); an amount in the report's `unit`.
fn goal(
    table: &crate::model::GoalTable,
    name: &str,
    column: &str,
    unit: Unit,
    who: &str,
) -> Result<Cell, Refusal> {
    let mut indicators = Vec::new();
    crate::goals::visit(table, &Path::default(), &mut |node| {
        if let crate::goals::Node::Indicator { indicator, .. } = node {
            indicators.push(indicator);
        }
    });
    let indicator = indicators
        .iter()
        .find(|i| i.name.trim() == name)
        .ok_or_else(|| {
            (
                format!("{who} the indicator \"{name}\", which the goal table does not have (its indicators are named by their names)"),
                crate::suggest::text_hint(name, indicators.iter().map(|i| i.name.trim())),
            )
        })?;
    let value = match column {
        "current" => indicator.current.as_ref(),
        "forecast" => indicator.forecast.as_ref(),
        "target" => indicator.target.as_ref().and_then(|t| t.value.as_ref()),
        year => indicator.earlier.get(year),
    };
    let known = || {
        let mut known = vec!["current", "forecast", "target"];
        known.extend(indicator.earlier.keys().map(String::as_str));
        known.join(", ")
    };
    let Some(value) = value else {
        return Err((
            format!(
                "{who} the indicator's `{column}`, which it does not give (its values: {})",
                known()
            ),
            crate::suggest::code_hint(column, ["current", "forecast", "target"]),
        ));
    };
    use crate::model::Value;
    let cell =
        |value: Decimal, unit: Option<Unit>, percent: bool, count_unit: Option<String>| Cell {
            value,
            unit,
            percent,
            count_unit,
            sign: None,
        };
    match value {
        Value::Percent(v) => Ok(cell(*v, None, true, None)),
        Value::Amount(v) => Ok(cell(*v, Some(unit), false, None)),
        Value::Number(v) => Ok(cell(*v, None, false, None)),
        Value::Count { value, unit } => Ok(cell(*value, None, false, unit.clone())),
        Value::YesNo(_) | Value::Text(_) => Err((
            format!(
                "{who} the indicator's `{column}`, which is no figure (yes/no or text): write it in the text"
            ),
            None,
        )),
    }
}

/// A figure of a financial table (favourable deviations are positive in every convention).
fn money(t: &ComputedTable, row: &str, column: &str, who: &str) -> Result<Cell, Refusal> {
    let label = |r: usize| t.rows[r].label.as_deref().unwrap_or_default().trim();
    let r = crate::named::money_row(t, row).ok_or_else(|| {
            let labels = (0..t.rows.len())
                .filter(|&r| t.rows[r].kind != ComputedRowKind::Group)
                .map(label)
                .filter(|l| !l.is_empty());
            (
                format!("{who} the row \"{row}\", which the table does not have (a financial table's rows are named by their labels, its total row `total`)"),
                crate::suggest::text_hint(row, labels),
            )
        })?;
    let known: Vec<&str> = t.columns.iter().map(|c| c.id.as_str()).collect();
    let c = known.iter().position(|k| *k == column).ok_or_else(|| {
        (
            format!(
                "{who} the column `{column}`, which the table does not have (its columns: {})",
                known.join(", ")
            ),
            crate::suggest::code_hint(column, known.iter().copied()),
        )
    })?;
    let Some(value) = t.rows[r].cells.get(c).copied().flatten() else {
        return Err((
            format!(
                "{who} a cell that prints no figure (\"–\" or empty): there is nothing to quote"
            ),
            None,
        ));
    };
    let formula = &t.columns[c].formula;
    let sign = match formula {
        Formula::Difference(..) => Some(SignConvention::IncomePositive),
        _ if t.convention == SignConvention::Unsigned => None,
        _ => Some(t.convention),
    };
    Ok(Cell {
        value,
        unit: Some(t.unit),
        percent: matches!(formula, Formula::Share(..)),
        count_unit: None,
        sign,
    })
}

/// `text` with every bound figure replaced by `print`'s words for it; a reference that is
/// not resolved (only in a report that did not pass `check`) is kept as written.
pub fn substitute<'t>(
    text: &'t str,
    bound: &BTreeMap<String, BoundFigure>,
    print: impl Fn(&BoundFigure) -> String,
) -> std::borrow::Cow<'t, str> {
    if !text.contains("{=") {
        return std::borrow::Cow::Borrowed(text);
    }
    REFERENCE.replace_all(text, |found: &regex::Captures| match bound.get(&found[1]) {
        Some(figure) => print(figure),
        None => found[0].to_owned(),
    })
}

/// `text` with its references blanked out (for the amounts-in-text check: a bound figure is
/// right by construction).
pub(crate) fn without_references(text: &str) -> std::borrow::Cow<'_, str> {
    REFERENCE.replace_all(text, " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, check_str};

    const REPORT: &str = r#"
format_version = 1
[meta]
organisation = "K"
kind = "annual"
period = { start = 2015-01-01, end = 2015-12-31 }
unit = "mnkr"
[[chapters]]
title = "Balanskrav"
[[chapters.blocks]]
type = "text"
text = "TEXT"
[[chapters.blocks]]
type = "statement"
id = "balanskrav"
preset = "balance_requirement"
columns = [2015, 2014]
rows = [
  { label = "Årets resultat", id = "result", values = [563, -149] },
  { label = "Realisationsvinster", values = [-23, "–"] },
  { result = "Balanskravsresultat", id = "balance_result", values = [540, -149] },
]
[[chapters.blocks]]
type = "finance"
id = "drift"
preset = "annual"
decimals = 1
rows = [
  { label = "A", budget = 10, outcome = 8.5 },
  { label = "B", budget = 20, outcome = 21 },
]
[[chapters.blocks]]
type = "finance"
id = "netto"
preset = "annual"
convention = "unsigned"
rows = [{ label = "A", budget = 10, outcome = 8 }]
"#;

    /// The figures bound by `text`, or the messages (with hints) of its errors.
    fn bind(text: &str) -> Result<Vec<BoundFigure>, Vec<String>> {
        let checked = check_str(
            &REPORT.replace("TEXT", text),
            Format::Toml,
            "t.toml".as_ref(),
        );
        let Some(report) = checked.report else {
            return Err(checked
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.message, d.hints.join(" ")))
                .collect());
        };
        Ok(report.bound().values().cloned().collect())
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_statement_row_by_id_or_label_and_a_year_and_a_total_row_resolve() {
        let f = bind(
            "{=balanskrav/balance_result/2015|result} och {=balanskrav/Årets resultat/2014|result}",
        )
        .unwrap();
        // Keyed by the words: "balanskrav/balance_result/2015|result" sorts first.
        assert_eq!(
            (f[0].value, f[0].result),
            (d("540"), Some(ResultSign::Surplus))
        );
        assert_eq!(
            (f[1].value, f[1].result),
            (d("-149"), Some(ResultSign::Deficit))
        );
        assert_eq!(f[0].unit, Some(Unit::Mnkr));
        // The total row of a financial table by `total`; a cost table (income negative): a
        // net cost below budget is a favourable deviation, positive, a surplus.
        let f = bind("{=drift/total/outcome} {=drift/total/deviation|result}").unwrap();
        assert_eq!(
            (f[0].value, f[0].result),
            (d("0.5"), Some(ResultSign::Surplus))
        );
        assert_eq!((f[1].value, f[1].result), (d("29.5"), None));
    }

    #[test]
    fn references_to_nothing_are_refused() {
        let errors = bind("{=balanskrav/Realisationsvinster/2014}").unwrap_err();
        assert!(errors[0].contains("prints no figure"), "{errors:?}");
        let errors = bind("{=netto/A/outcome|result}").unwrap_err();
        assert!(errors[0].contains("unsigned table"), "{errors:?}");
        let errors = bind("{=balanskrav/result/2016}").unwrap_err();
        assert!(
            errors[0].contains("no column") || errors[0].contains("does not have"),
            "{errors:?}"
        );
        assert!(errors[0].contains("2015, 2014"), "{errors:?}");
        let errors = bind("{=drift/A}").unwrap_err();
        assert!(errors[0].contains("names 2 part(s)"), "{errors:?}");
        let errors = bind("ett överskott på {=drift/A/outcome").unwrap_err();
        assert!(errors[0].contains("does not close it"), "{errors:?}");
        let errors = bind("{=balanskrav/balans_result/2015}").unwrap_err();
        assert!(
            errors[0].contains("did you mean `balance_result`?"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_bound_figure_is_left_out_of_the_amounts_typed_by_hand() {
        assert_eq!(
            without_references("resultatet {=drift/A/outcome} tkr"),
            "resultatet   tkr"
        );
        let printed = substitute(
            "a {=x} b {=y}",
            &BTreeMap::from([(
                "x".to_owned(),
                BoundFigure {
                    value: d("1.5"),
                    unit: None,
                    percent: false,
                    count_unit: None,
                    result: None,
                },
            )]),
            |f| f.value.to_string(),
        );
        // An unresolved reference (a report that did not pass `check`) is kept as written.
        assert_eq!(printed, "a 1.5 b {=y}");
    }
}

/// Against a real annual report's statements and notes (Kramfors kommun, Årsredovisning 2018,
/// `tests/fixtures/annual/kramfors-2018.toml`): the group's figure, a note's total.
#[cfg(test)]
mod kramfors {
    use super::*;
    use crate::{Format, check_str};

    fn bind(text: &str) -> Result<Vec<(String, Decimal)>, Vec<String>> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/annual/kramfors-2018.toml"
        );
        let source = std::fs::read_to_string(path).unwrap();
        let source = format!(
            "{source}\n[[chapters]]\ntitle = \"Bundet\"\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"{text}\"\n"
        );
        let checked = check_str(&source, Format::Toml, "k.toml".as_ref());
        match checked.report {
            Some(report) => Ok(report
                .bound()
                .iter()
                .map(|(k, f)| (k.clone(), f.value))
                .collect()),
            None => Err(checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{} {}", d.message, d.hints.join(" ")))
                .collect()),
        }
    }

    #[test]
    fn the_groups_figure_and_a_notes_total_as_printed() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let bound = bind(
            "{=rr/result/2018} {=rr/result/2018/koncernen} {=br/cash/2017/koncernen} {=intakter/total/2018}",
        )
        .unwrap();
        assert_eq!(
            bound,
            [
                ("br/cash/2017/koncernen".to_owned(), d("161.9")),
                ("intakter/total/2018".to_owned(), d("421.3")),
                ("rr/result/2018".to_owned(), d("-52.0")),
                ("rr/result/2018/koncernen".to_owned(), d("-53.7")),
            ]
        );
        let errors = bind("{=rr/result/2018/koncern}").unwrap_err();
        assert!(
            errors[0].contains("did you mean `koncernen`?"),
            "{errors:?}"
        );
    }
}
