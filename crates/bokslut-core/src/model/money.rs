//! The model of a financial table, as written: its declared columns, its rows, and the figures
//! a source printed.
//!
//! Municipalities print their tables in many shapes (interim reports with a forecast, annual
//! reports with the prior year beside them, net-cost tables, investments with carried-over
//! budgets, side-by-side income and costs). A table therefore *declares* its columns: each is
//! a figure given in the rows, or one computed from other columns. Named [`Preset`]s cover the
//! common shapes; the reference report's shape ([`Preset::Interim`]) is the default, so a table
//! that declares nothing reads as before.
//!
//! A row holds its figures under the ids of the table's columns: `{ label = "Intäkter",
//! budget = -34559, outcome = -20222 }`. A figure under a *computed* column's id is the figure
//! the source printed there: a cross-check for a new report, the printed figure for a
//! reproduction of a published one (see [`crate::compute`]).

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sheet::SheetSource;
use super::{Date, SignConvention, Unit, exact};

/// A financial table: an operating account (`type = "finance"`) or an investment account
/// (`type = "investments"`). Deviations, subtotals, results and the total are computed
/// ([`crate::compute`]), never typed in; a figure typed in where one is computed is the figure
/// the source printed, and is checked against the computed one.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoneyTable {
    /// The table's id, by which a table below takes a column of its figures (a column's
    /// `from = "drift.outcome"`): letters, digits and `_`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Caption printed above the table, e.g. "Driftredovisning per verksamhet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Heading of the label column (e.g. "Investeringar"); empty when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_heading: Option<String>,
    /// The date the outcome runs to; the end of the period when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_date: Option<Date>,
    /// Sign of income: what the note under the table says, and the deviation formula of the
    /// presets.
    #[serde(default)]
    pub convention: SignConvention,
    /// Unit of this table's figures; the report's (`meta.unit`) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Decimals printed in every column that does not set its own; 0 when absent (a share
    /// column: 1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "small::option"
    )]
    #[schemars(range(max = 4))]
    pub decimals: Option<u32>,
    /// A named shape: its columns, headings and formulas. `interim` for a finance table and
    /// `investments` for an investment table when neither `preset` nor `columns` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// The columns, left to right, after the label column (instead of a `preset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<Column>>,
    /// The rows, in order: figure rows, group headings, subtotals and results. With a
    /// `sheet`, the rows written here follow the sheet's, unless a row `{ sheet_rows = "4:9" }`
    /// places the sheet's rows among them ([`RowKind::SheetRows`]).
    #[serde(default)]
    pub rows: Vec<MoneyRow>,
    /// A spreadsheet (xlsx, ods, csv) the table takes its rows from ([`crate::sheet`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetSource>,
    /// Whether the table ends with a total row (the sum of every figure row); true when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<bool>,
    /// The total row's label as the report words it ("Totalt", "Årets resultat"); the
    /// built-in "Summa" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_label: Option<String>,
    /// The total row's figures as printed in the source, by column id: checked against the
    /// computed ones (and printed instead of them in a reproduction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<StatedFigures>,
    /// Decimals the total row prints with, the columns' when absent (a reproduction prints
    /// the total as the source printed it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "small::option"
    )]
    #[schemars(range(max = 4))]
    pub total_decimals: Option<u32>,
    /// The columns whose stated total is the source's own slip (as a row's `slips`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub total_slips: Vec<String>,
    /// Print the table on a page of its own in landscape (for a table too wide for portrait).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub landscape: bool,
    /// Footnotes printed under the table, after the generated note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    /// Columns filled from an earlier year's report (the archive as a source): last year's
    /// outcome as this year's `prior_outcome`, row by row, matched by label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<Earlier>,
    /// Rows taken from the boards' own reports: one figure row per report, labelled with its
    /// board (`meta.board`), its figures those of a row of its table (its total by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boards: Option<Boards>,
}

/// Where a table's rows come from in the boards' reports: `boards = { reports =
/// ["namnder/ks.toml", "namnder/bun.toml"], table = "drift", columns = { budget = "budget",
/// outcome = "outcome" } }`: the municipality's table per nämnd is the boards' figures.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Boards {
    /// The boards' report files, relative to this report's directory (inside it unless
    /// `--allow-outside-paths`), one row each, in this order.
    pub reports: Vec<String>,
    /// The id of each report's table; this table's own id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The row of that table: `total` (its total row) when absent, else a row's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// This table's column ids, each to the id of the board's column its figure comes from.
    pub columns: std::collections::BTreeMap<String, String>,
}

/// Where columns of a table come from in an earlier year's report:
/// `earlier = { report = "arkiv/2021.toml", columns = { prior_outcome = "outcome" } }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Earlier {
    /// The earlier report's file, relative to this report's directory (and inside it unless
    /// `--allow-outside-paths`), as for a sheet.
    pub report: String,
    /// The id of its table to take the figures from; this table's own id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// This table's column ids, each to the id of the earlier table's column its figures come
    /// from (`prior_outcome = "outcome"`), as that table prints them. A row that gives the
    /// column itself keeps its own figure.
    pub columns: std::collections::BTreeMap<String, String>,
}

/// A named table shape: the columns it declares, with built-in headings and formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// The interim report (the default of a finance table): `budget`, `outcome` (to the
    /// outcome date), `forecast` (full year), `deviation` = budget − forecast (forecast −
    /// budget when income is positive).
    Interim,
    /// The investment account of an interim report (the default of an investment table):
    /// as `interim`, with "Prognos" for the forecast.
    Investments,
    /// The annual report: `budget`, `outcome`, `deviation` = budget − outcome (outcome −
    /// budget when income is positive); no forecast.
    Annual,
    /// The annual report beside the year before: `prior_outcome`, `budget`, `outcome`,
    /// `deviation`.
    AnnualPrior,
    /// The net-cost account, income and costs both positive: `income`, `costs`, `net_cost` =
    /// costs − income, `allocation` (kommunbidrag), `deviation` = allocation − net cost.
    NetCost,
    /// Investments with a carried-over budget: `original_budget`, `carried_over`,
    /// `total_budget` = their sum, `outcome`, `forecast`, `deviation` = total budget − forecast.
    InvestmentsCarried,
}

impl Preset {
    /// Every preset, for messages.
    pub const ALL: [Preset; 6] = [
        Preset::Interim,
        Preset::Investments,
        Preset::Annual,
        Preset::AnnualPrior,
        Preset::NetCost,
        Preset::InvestmentsCarried,
    ];
}

/// A column of a financial table.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The column's name in the rows (`budget = 1200`) and in formulas: letters, digits and
    /// `_`, starting with a letter.
    pub id: String,
    /// The heading in the report's own words ("Kommunbidrag", "Utfall 2022").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// A built-in heading, printed in the labels' language ("Budget", "Utfall 2020-07-31").
    /// When neither `heading` nor `label` is given, the built-in one of the same name as the
    /// id, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<ColumnLabel>,
    /// Heading over this and the neighbouring columns of the same group (a two-level
    /// header: "Budget 2023" over "Intäkt | Kostnad | Netto").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Decimals printed; the table's `decimals` when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "small::option"
    )]
    #[schemars(range(max = 4))]
    pub decimals: Option<u32>,
    /// Computed as the first column minus the second: `difference = ["budget", "outcome"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Vec<String>>,
    /// Computed as the sum of the columns named: `sum = ["original_budget", "carried_over"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Vec<String>>,
    /// Computed as the first column in per cent of the second: `share = ["outcome", "budget"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Vec<String>>,
    /// Taken from a column of a table above, row by row (the row of the same label), as
    /// printed there: `from = "drift.outcome"` (that table's `id`, its column's id). The rows
    /// give no figure of their own in this column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// The built-in column headings, translated with the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnLabel {
    /// "Budget".
    Budget,
    /// "Budget 2023": the year of the period's end.
    BudgetYear,
    /// "Utfall 2020-07-31": the outcome to the table's outcome date.
    Outcome,
    /// "Utfall 2023": the year of the period's end.
    OutcomeYear,
    /// "Utfall 2022": the year before the period's.
    PriorOutcome,
    /// "Avvikelse 2022": the deviation of the year before.
    PriorDeviation,
    /// "Prognos".
    Forecast,
    /// "Årsprognos": the forecast for the full year.
    ForecastYear,
    /// "Avvikelse".
    Deviation,
    /// "Intäkter".
    Income,
    /// "Kostnader".
    Costs,
    /// "Nettokostnad".
    NetCost,
    /// "Kommunbidrag": the board's allocation from the council.
    Allocation,
    /// "Ursprunglig budget".
    OriginalBudget,
    /// "Ombudgetering": budget carried over from the year before.
    CarriedOver,
    /// "Total budget".
    TotalBudget,
    /// "Andel".
    Share,
}

impl ColumnLabel {
    /// Every built-in heading with its name, as written in a report.
    pub const ALL: [(ColumnLabel, &'static str); 17] = [
        (ColumnLabel::Budget, "budget"),
        (ColumnLabel::BudgetYear, "budget_year"),
        (ColumnLabel::Outcome, "outcome"),
        (ColumnLabel::OutcomeYear, "outcome_year"),
        (ColumnLabel::PriorOutcome, "prior_outcome"),
        (ColumnLabel::PriorDeviation, "prior_deviation"),
        (ColumnLabel::Forecast, "forecast"),
        (ColumnLabel::ForecastYear, "forecast_year"),
        (ColumnLabel::Deviation, "deviation"),
        (ColumnLabel::Income, "income"),
        (ColumnLabel::Costs, "costs"),
        (ColumnLabel::NetCost, "net_cost"),
        (ColumnLabel::Allocation, "allocation"),
        (ColumnLabel::OriginalBudget, "original_budget"),
        (ColumnLabel::CarriedOver, "carried_over"),
        (ColumnLabel::TotalBudget, "total_budget"),
        (ColumnLabel::Share, "share"),
    ];

    /// The built-in heading of this name, if any.
    pub fn named(name: &str) -> Option<ColumnLabel> {
        ColumnLabel::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(label, _)| *label)
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of figures with its label (`label = "Personalkostnader"`).
    Figures,
    /// A group heading (`group = "Objekt under 3 mnkr"`): the figure rows up to the group's
    /// subtotal (or the next group) belong to it.
    Group,
    /// The sum of the current group's figure rows (`subtotal = "Summa objekt under 3 mnkr"`).
    Subtotal,
    /// The sum of every figure row above it (`result = "Verksamhetens nettokostnad"`).
    Result,
    /// Not a row of the printed table: the place of some of the rows a table takes from its
    /// `sheet` (`sheet_rows = "4:9"`, the sheet's rows as the spreadsheet numbers them; the
    /// label holds that text). [`crate::sheet`] puts the sheet's rows there before any check.
    SheetRows,
}

impl RowKind {
    /// The key that gives a row of this kind its label.
    pub fn key(&self) -> &'static str {
        match self {
            RowKind::Figures => "label",
            RowKind::Group => "group",
            RowKind::Subtotal => "subtotal",
            RowKind::Result => "result",
            RowKind::SheetRows => "sheet_rows",
        }
    }
}

/// One row of a [`MoneyTable`]: its kind and label, and its figures by column id.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyRow {
    /// Figure row, group heading, subtotal or result.
    pub kind: RowKind,
    /// The label as printed.
    pub label: String,
    /// The figures, by column id, in the order written. A figure row gives its data here (a
    /// column without a figure prints empty, not 0); any row may give the figure the source
    /// printed in a computed cell.
    pub figures: Figures,
    /// The columns where the row prints "–" (`outcome = "–"`: nothing to report, neither empty
    /// nor 0), by column id: no figure, added as none.
    pub dashes: Vec<String>,
    /// Decimals the row's figures print with (`decimals = 1`), the columns' when absent: a
    /// reproduction prints a row as the source printed it.
    pub decimals: Option<u32>,
    /// The columns whose stated figure is the source's own slip (`slips = ["deviation"]`): in
    /// a reproduction printed as the source printed it, with a warning naming both figures,
    /// even beyond rounding. Refused in a new report.
    pub slips: Vec<String>,
    /// Shown but outside the sums (`outside = true`): a figure row that no subtotal, result
    /// or total adds, as reports print internal items (interna poster) beside the account.
    pub outside: bool,
    /// A result's rows left out, by label (`except = ["Jämförelsestörande poster"]`): the
    /// result adds every figure row above but these, as "Verksamhetens nettokostnader"
    /// leaves out an item a report shows above it.
    pub except: Vec<String>,
}

impl MoneyRow {
    /// A row of this kind and label with no figures.
    pub fn new(kind: RowKind, label: impl Into<String>) -> MoneyRow {
        MoneyRow {
            kind,
            label: label.into(),
            figures: Figures::default(),
            dashes: Vec::new(),
            decimals: None,
            slips: Vec::new(),
            outside: false,
            except: Vec::new(),
        }
    }
}

/// Figures by column id, in the order written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures(pub Vec<(String, Decimal)>);

impl Figures {
    /// The figure of a column, if given.
    pub fn get(&self, id: &str) -> Option<Decimal> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| *v)
    }
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, &v.to_string())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Figures {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FiguresVisitor;
        impl<'de> Visitor<'de> for FiguresVisitor {
            type Value = Figures;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of figures by column id, e.g. { budget = 0, outcome = -1579 }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Figures, A::Error> {
                let mut figures = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<Exact>()?.0;
                    figures.push((key, value));
                }
                Ok(Figures(figures))
            }
        }
        d.deserialize_map(FiguresVisitor)
    }
}

/// A total row's figures as the source printed them (`stated_total`): figures by column id,
/// and the columns where it printed "–" (nothing to report: the sum of rows that each print
/// "–" there).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatedFigures {
    /// The figures, by column id, in the order written.
    pub figures: Figures,
    /// The columns printed "–", by id.
    pub dashes: Vec<String>,
}

impl Serialize for StatedFigures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.figures.0.len() + self.dashes.len()))?;
        for (k, v) in &self.figures.0 {
            map.serialize_entry(k, &v.to_string())?;
        }
        for k in &self.dashes {
            map.serialize_entry(k, "–")?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for StatedFigures {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StatedVisitor;
        impl<'de> Visitor<'de> for StatedVisitor {
            type Value = StatedFigures;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of figures by column id, e.g. { budget = 0, outcome = -1579, forecast = \"–\" }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatedFigures, A::Error> {
                let mut stated = StatedFigures::default();
                while let Some(key) = map.next_key::<String>()? {
                    match map.next_value::<FigureOrDash>()?.0 {
                        Some(value) => stated.figures.0.push((key, value)),
                        None => stated.dashes.push(key),
                    }
                }
                Ok(stated)
            }
        }
        d.deserialize_map(StatedVisitor)
    }
}

impl JsonSchema for StatedFigures {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatedFigures".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Figures::json_schema(generator)
    }
}

impl JsonSchema for Figures {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figures".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = generator.subschema_for::<exact::Number>();
        schemars::json_schema!({
            "description": "Figures by column id: { budget = 0, outcome = -1579 }.",
            "type": "object",
            "additionalProperties": {
                "anyOf": [number, { "type": "string", "enum": ["–", "-", "—"], "description": "Nothing to report: printed as a dash, neither empty nor 0." }]
            }
        })
    }
}

/// An exact decimal read with [`exact`].
struct Exact(Decimal);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        exact::deserialize(d).map(Exact)
    }
}

/// The keys that give a row its kind and label; no column may be called so.
pub(crate) const ROW_KEYS: [&str; 9] = [
    "label",
    "group",
    "subtotal",
    "result",
    "sheet_rows",
    "decimals",
    "slips",
    "outside",
    "except",
];

impl<'de> Deserialize<'de> for MoneyRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = MoneyRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a row: `label` (or `group`, `subtotal`, `result`) and figures by column id",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MoneyRow, A::Error> {
                let mut named: Option<(RowKind, String)> = None;
                let mut figures = Vec::new();
                let (mut dashes, mut decimals, mut slips) = (Vec::new(), None, Vec::new());
                let mut outside = false;
                let mut except = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "outside" {
                        outside = map.next_value::<bool>()?;
                        continue;
                    }
                    if key == "except" {
                        except = map.next_value::<Vec<String>>()?;
                        continue;
                    }
                    if key == "decimals" {
                        decimals = map.next_value::<SmallDecimals>()?.0;
                        continue;
                    }
                    if key == "slips" {
                        slips = map.next_value::<Vec<String>>()?;
                        continue;
                    }
                    let kind = match key.as_str() {
                        "label" => Some(RowKind::Figures),
                        "group" => Some(RowKind::Group),
                        "subtotal" => Some(RowKind::Subtotal),
                        "result" => Some(RowKind::Result),
                        "sheet_rows" => Some(RowKind::SheetRows),
                        _ => None,
                    };
                    match kind {
                        Some(kind) => {
                            let text = if kind == RowKind::SheetRows {
                                map.next_value::<SpanText>()?.0
                            } else {
                                map.next_value::<String>()?
                            };
                            if let Some((first, _)) = &named {
                                return Err(de::Error::custom(format!(
                                    "a row has one of `label`, `group`, `subtotal`, `result` or `sheet_rows`, but this one has both `{}` and `{key}`",
                                    first.key()
                                )));
                            }
                            named = Some((kind, text));
                        }
                        None => {
                            let value = map.next_value::<FigureOrDash>().map_err(|e| {
                                // A near miss of a row key: serde's own words, whose
                                // list of keys gives the reader's hint (`diag::suggest`).
                                match crate::suggest::nearest(&key, ROW_KEYS.iter().copied()) {
                                    Some(_) => de::Error::custom(format!(
                                        "unknown field `{key}`, expected one of `label`, `group`, `subtotal`, `result`, `sheet_rows` or figures by column id"
                                    )),
                                    None => e,
                                }
                            })?;
                            match value.0 {
                                Some(value) => figures.push((key, value)),
                                None => dashes.push(key),
                            }
                        }
                    }
                }
                let (kind, label) = named.ok_or_else(|| {
                    de::Error::custom(
                        "missing field `label`: a row needs its label (or `group`, `subtotal`, `result` for the other kinds of row)",
                    )
                })?;
                let first = figures.first().map(|(key, _)| key).or(dashes.first());
                if let (RowKind::SheetRows, Some(key)) = (kind, first) {
                    return Err(de::Error::custom(format!(
                        "a row `sheet_rows` places rows of the table's sheet and has nothing else, but this one has `{key}`: the figures come from the sheet"
                    )));
                }
                if !except.is_empty() && kind != RowKind::Result {
                    return Err(de::Error::custom(format!(
                        "`except` names rows a result leaves out; a row `{}` is not a result",
                        kind.key()
                    )));
                }
                if outside && kind != RowKind::Figures {
                    return Err(de::Error::custom(format!(
                        "`outside = true` is for a figure row (`label`), shown but added by no sum; a row `{}` is not one",
                        kind.key()
                    )));
                }
                Ok(MoneyRow {
                    kind,
                    label,
                    figures: Figures(figures),
                    dashes,
                    decimals,
                    slips,
                    outside,
                    except,
                })
            }
        }
        d.deserialize_map(RowVisitor)
    }
}

impl Serialize for MoneyRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(self.kind.key(), &self.label)?;
        for (k, v) in &self.figures.0 {
            map.serialize_entry(k, &v.to_string())?;
        }
        for k in &self.dashes {
            map.serialize_entry(k, "–")?;
        }
        if let Some(decimals) = self.decimals {
            map.serialize_entry("decimals", &decimals)?;
        }
        if !self.slips.is_empty() {
            map.serialize_entry("slips", &self.slips)?;
        }
        if self.outside {
            map.serialize_entry("outside", &true)?;
        }
        if !self.except.is_empty() {
            map.serialize_entry("except", &self.except)?;
        }
        map.end()
    }
}

impl JsonSchema for MoneyRow {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MoneyRow".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = generator.subschema_for::<exact::Number>();
        let text = || schemars::json_schema!({ "type": "string" });
        schemars::json_schema!({
            "description": "A row: a figure row (`label`), a group heading (`group`), a subtotal of the group (`subtotal`) or a result (`result`, the sum of every figure row above), with figures by column id. A figure under a computed column's id is the figure the source printed there. In a table with a `sheet`, `{ sheet_rows = \"4:9\" }` places the sheet's rows 4 to 9 (as the spreadsheet numbers them; \"7\" for one) there.",
            "type": "object",
            "properties": {
                "label": text(),
                "group": text(),
                "subtotal": text(),
                "result": text(),
                "decimals": {
                    "description": "Decimals the row's figures print with (a reproduction prints a row as the source printed it); the columns' when absent.",
                    "type": "integer", "minimum": 0, "maximum": 4
                },
                "slips": {
                    "description": "Column ids whose stated figure is the source's own slip: in a reproduction printed as the source printed it, with a warning naming both figures, even beyond rounding.",
                    "type": "array", "items": { "type": "string" }
                },
                "except": {
                    "description": "A result's rows left out, by label: the result adds every figure row above but these.",
                    "type": "array", "items": { "type": "string" }
                },
                "outside": {
                    "description": "A figure row shown but added by no subtotal, result or total (internal items printed beside the account).",
                    "type": "boolean"
                },
                "sheet_rows": {
                    "description": "Rows of the table's sheet, as the spreadsheet numbers them: \"4:9\" (inclusive), or \"7\" (or 7) for one.",
                    "anyOf": [
                        { "type": "string", "pattern": "^\\s*[0-9]+\\s*(:\\s*[0-9]+\\s*)?$" },
                        { "type": "integer", "minimum": 1 }
                    ]
                },
            },
            "oneOf": [
                { "required": ["label"] },
                { "required": ["group"] },
                { "required": ["subtotal"] },
                { "required": ["result"] },
                { "required": ["sheet_rows"] },
            ],
            "if": { "required": ["sheet_rows"] },
            "then": { "maxProperties": 1 },
            "additionalProperties": {
                "anyOf": [number, { "type": "string", "enum": ["–", "-", "—"], "description": "Nothing to report: printed as a dash, neither empty nor 0." }]
            }
        })
    }
}

/// A row's figure: [`exact`], or `"–"` (also `"-"`, `"—"`: nothing to report), read as `None`.
struct FigureOrDash(Option<Decimal>);

impl<'de> Deserialize<'de> for FigureOrDash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DashVisitor;
        impl<'de> Visitor<'de> for DashVisitor {
            type Value = FigureOrDash;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number (an integer, or a decimal such as \"6.06\"), or \"–\" (nothing to report)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FigureOrDash, E> {
                match v.trim() {
                    "–" | "-" | "—" => Ok(FigureOrDash(None)),
                    text => exact::parse(text)
                        .map(|d| FigureOrDash(Some(d)))
                        .map_err(|e| match e.contains("is not a number") {
                            true => E::custom(format!("{e}, or \"–\" (nothing to report)")),
                            false => E::custom(e),
                        }),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FigureOrDash, E> {
                Ok(FigureOrDash(Some(Decimal::from(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FigureOrDash, E> {
                Ok(FigureOrDash(Some(Decimal::from(v))))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<FigureOrDash, E> {
                Decimal::try_from_i128_with_scale(v, 0)
                    .map(|d| FigureOrDash(Some(d)))
                    .map_err(|_| E::custom(format!("the number {v} is too large")))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<FigureOrDash, E> {
                i128::try_from(v)
                    .map_err(|_| E::custom(format!("the number {v} is too large")))
                    .and_then(|v| self.visit_i128(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FigureOrDash, E> {
                Err(E::custom(format!(
                    "the number {v} has a fraction and would lose exactness: write it as a string, \"{v}\""
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FigureOrDash, A::Error> {
                // A JSON number read exactly: as [`exact`] reads it.
                exact::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|d| FigureOrDash(Some(d)))
            }
        }
        d.deserialize_any(DashVisitor)
    }
}

/// A row's `decimals`: a small whole number, as [`small::option`] reads it.
struct SmallDecimals(Option<u32>);

impl<'de> Deserialize<'de> for SmallDecimals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        small::option(d).map(SmallDecimals)
    }
}

/// The rows a `sheet_rows` row places: a span as text (`"4:9"`, `"7"`), or one row as a
/// number (`7`; a JSON number read exactly arrives as a map of its text), kept as text.
struct SpanText(String);

impl<'de> Deserialize<'de> for SpanText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SpanVisitor;
        impl<'de> Visitor<'de> for SpanVisitor {
            type Value = SpanText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("sheet rows: \"4:9\" (the sheet's rows 4 to 9), or 7 for one row")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SpanText, E> {
                Ok(SpanText(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SpanText, E> {
                Ok(SpanText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SpanText, E> {
                Ok(SpanText(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SpanText, A::Error> {
                // serde_json's `arbitrary_precision` number: one private key, then its text.
                match map.next_key::<String>()? {
                    Some(key) if key == "$serde_json::private::Number" => {
                        Ok(SpanText(map.next_value::<String>()?))
                    }
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        d.deserialize_any(SpanVisitor)
    }
}

/// Small unsigned integers (decimals) that may arrive as exact numbers (a JSON number read
/// exactly is a map inside a tagged block).
mod small {
    use serde::Deserializer;

    /// Reads an optional small integer.
    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        let value = super::exact::deserialize(d)?;
        if value.is_sign_negative() || !value.fract().is_zero() || value > 4.into() {
            return Err(serde::de::Error::custom(format!(
                "{value} decimals: expected a whole number from 0 to 4"
            )));
        }
        Ok(rust_decimal::prelude::ToPrimitive::to_u32(&value))
    }
}
