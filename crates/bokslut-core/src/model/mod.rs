//! The report model: what a report file contains, exactly as written.
//!
//! The types mirror the input format one to one, so that serde can read TOML and JSON of the
//! same shape. Anything derived from the data (sums, deviations, chapter numbers) is *not*
//! stored here: see [`crate::compute`]. Unknown fields are errors everywhere, so that a typo
//! in an archived file is caught instead of silently ignored.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod chart;
mod money;
mod sheet;
mod statement;

pub use chart::{Chart, ChartKind, ChartSeries, ChartValue, GoalCount};
pub(crate) use money::ROW_KEYS;
pub use money::{
    Boards, Column, ColumnLabel, Earlier, Figures, MoneyRow, MoneyTable, Preset, RowKind,
    StatedFigures,
};
pub use sheet::{ColumnMap, SheetSource};
pub(crate) use sheet::{MAX_COLUMNS, MAX_ROWS};
pub(crate) use statement::STATEMENT_ROW_KEYS;
pub use statement::{
    Cell, Check, ColumnName, Entity, Note, NoteRefs, StatementPreset, StatementRow,
    StatementRowKind, StatementTable,
};

/// The newest input format version this build reads. Files state theirs in `format_version`.
pub const FORMAT_VERSION: u32 = 1;

/// A whole report: metadata and chapters.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Version of the input format the file is written in (currently [`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Language of the report as a BCP 47 tag (`sv`, `en`); Swedish when absent.
    #[serde(default)]
    pub locale: Option<String>,
    /// Who reports what, for which period.
    pub meta: Meta,
    /// The numbered chapters, in order.
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    /// Other reports included as parts of this one (the boards' reports in a municipality's
    /// annual report), each a report file or a directory of them (every `.toml` and `.json`
    /// file directly in it, by name), relative to this report. They print after its
    /// chapters, each under its board's name, in one document: one title page, one table of
    /// contents, one numbering; each part's pages carry its board's name. An included
    /// report includes none itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
}

/// Who reports, what kind of report it is and which period it covers.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The municipality or region, e.g. "Lekebergs kommun".
    pub organisation: String,
    /// The board (nämnd) that reports, e.g. "Sydnärkes IT-nämnd"; absent for a report of the
    /// whole municipality, which the organisation publishes itself (the annual report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    /// Interim report, annual report or activity report.
    pub kind: ReportKind,
    /// The period the report covers.
    pub period: Period,
    /// Title of the report; derived from kind, year and organisation when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// Date of the document (decision or publication); the period's end when absent.
    /// It is the date written into the PDF, so a render never depends on the clock.
    #[serde(default)]
    pub date: Option<Date>,
    /// Unit of every amount in the report; `tkr` (thousands of kronor) when absent.
    #[serde(default)]
    pub unit: Unit,
    /// The report reproduces one already published (an archived year): figures the source
    /// printed in computed cells are printed as stated, and a difference from the computed
    /// figure within rounding is a note, not an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reproduction: bool,
    /// The municipality's graphic profile (a TOML file, relative to the report): its logo,
    /// colours, typeface, cover and page furniture. The built-in look when absent; the
    /// command line's `--profile` replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The version of the built-in layout the report was published with (`"2026.3"`): a
    /// later bokslut renders it with that version, kept bundled, so that an archived report
    /// gives the same PDF again. The current layout when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
}

impl Meta {
    /// The document date: [`Meta::date`], or the end of the period.
    pub fn document_date(&self) -> Date {
        self.date.unwrap_or(self.period.end)
    }
}

/// The kind of report, which decides the default title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Delårsbokslut / delårsrapport: part of the year.
    Interim,
    /// Årsbokslut / årsredovisning: the whole year.
    Annual,
    /// Verksamhetsberättelse: narrative account of the year.
    ActivityReport,
}

/// Unit of the amounts in financial tables and amount values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Thousands of kronor.
    #[default]
    Tkr,
    /// Millions of kronor.
    Mnkr,
    /// Kronor.
    Kr,
}

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day of the period.
    pub start: Date,
    /// Last day of the period.
    pub end: Date,
}

/// A calendar date, written `2020-07-31` (a TOML date or an ISO 8601 string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Builds a date; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD (in TOML also a bare date: 2020-07-31)."
        })
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .ok()
            // Exactly four, two and two digits: chrono alone takes `+12345-1-1`.
            .filter(|_| {
                text.len() == 10
                    && text.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        _ => b.is_ascii_digit(),
                    })
            })
            .map(Date)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "invalid date `{text}`: expected a date written YYYY-MM-DD, e.g. 2020-07-31"
                ))
            })
    }
}

/// A chapter: numbered automatically (1, 2.1, 2.2.1) from its place in the tree.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The heading, without its number.
    pub title: String,
    /// Text, sub-headings and tables of the chapter, in order.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Sub-chapters, numbered below this one.
    #[serde(default)]
    pub sections: Vec<Chapter>,
}

/// One piece of a chapter's body.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// Narrative text in the report's Markdown subset (see [`crate::markup`]).
    Text {
        /// The text; paragraphs separated by blank lines.
        text: String,
    },
    /// An unnumbered sub-heading, e.g. "Ekonomiskt resultat".
    Heading {
        /// The heading text.
        text: String,
    },
    /// A table of political decisions and their status.
    Decisions(DecisionTable),
    /// A goal table: council goals, board goals, indicators.
    Goals(GoalTable),
    /// An operating account: budget, outcome, forecast, deviation.
    Finance(MoneyTable),
    /// An investment account: budget, outcome, forecast, deviation.
    Investments(MoneyTable),
    /// A financial statement (resultaträkning, balansräkning, kassaflödesanalys), five
    /// years in summary or the balanskravsutredning: columns by entity and year, note
    /// references, sums and checks (see [`StatementTable`]).
    Statement(StatementTable),
    /// A note (not) the statements refer to: numbered, with a title, text and tables.
    Note(Note),
    /// A chart of figures: grouped columns, horizontal bars or lines (see [`Chart`]).
    Chart(Chart),
}

/// Political decisions (uppdrag) given to the administration, and where they stand.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionTable {
    /// Caption above the table, e.g. "Fattade politiska beslut".
    #[serde(default)]
    pub caption: Option<String>,
    /// The decisions, in order.
    pub rows: Vec<Decision>,
}

/// One political decision.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What was decided (plain text, printed as written).
    pub decision: String,
    /// The case number (diarienummer), e.g. "SYD-IT 19-49".
    #[serde(default)]
    pub reference: Option<String>,
    /// Where the decision stands.
    pub status: DecisionStatus,
    /// Comment on the status; may be absent.
    #[serde(default)]
    pub comment: Option<String>,
}

/// Where a political decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Not started yet (Ej påbörjad).
    NotStarted,
    /// In progress (Pågår).
    Ongoing,
    /// Carried out (Genomförd).
    Completed,
    /// Postponed (Vilande).
    Postponed,
    /// Cancelled (Avslutad utan åtgärd).
    Cancelled,
}

/// A goal table: goals on one to three levels, each with its indicators. Written either as
/// `council_goals` (council goals, each with the board's goals and their indicators: two
/// levels with built-in names) or as `goals` with the level names in `levels`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalTable {
    /// The table's id, by which a figure bound in the text names its indicators' values
    /// (`{=mal/Andel behöriga lärare/current}`): letters, digits and `_`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Caption above the table.
    #[serde(default)]
    pub caption: Option<String>,
    /// The names of the goal levels in the report's words, outermost first: one to three
    /// ("Inriktningsmål", "Delmål", "Verksamhetsmål"). Needed with `goals`; with
    /// `council_goals` two, instead of the built-in "Kommunfullmäktiges mål" and "Nämndmål".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<String>>,
    /// The heading of the indicators' column in the report's words ("Mätmetod",
    /// "Nyckeltal"); the built-in "Indikator" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_heading: Option<String>,
    /// Print a target's bound as a symbol, as many reports do ("≥ 90 %", "≤ 10", "< 10",
    /// "> 5") instead of in words ("minst 90 %"); directions ("öka från 71") stay words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub target_symbols: bool,
    /// The columns after the indicator's name, left to right (see [`GoalColumn`]). When
    /// absent: current value, forecast (in an interim report, or when an indicator has one),
    /// target, and a status column when a goal or an indicator has a status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<GoalColumn>>,
    /// The council's goals (kommunfullmäktiges mål), each with the board's goals.
    #[serde(default)]
    pub council_goals: Vec<CouncilGoal>,
    /// The goals of the outermost level named in `levels`, each with the goals of the next
    /// level or its indicators (instead of `council_goals`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Assess each indicator that has no `status` from its current value and target
    /// (see [`crate::goals`]); an indicator with a `status` keeps it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assess: bool,
    /// With `assess`: how far short of its target, in percent of the target (or baseline),
    /// an indicator still counts as partly met; none when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::option"
    )]
    #[schemars(with = "Option<exact::Number>")]
    pub partly_band: Option<Decimal>,
    /// The rule that gives a goal without a `status` one from its indicators and the goals
    /// of the next level (see [`Aggregate`]); a goal with a `status` keeps it, and `check`
    /// warns where the rule gives another. None when absent: a goal has only the status given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// A sheet that gives the table its goals and indicators (before the `goals` written
    /// here), one row each: its `level` column says which (see
    /// [`SheetSource`]). Needs `levels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetSource>,
}

/// How a goal's status follows from the statuses under it (its indicators' and its
/// sub-goals'), not counting those not assessed. With none assessed, it is not assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Met when every one is met; not met when none is met or partly met; else partly met.
    AllMet,
    /// Met when more than half are met; partly met when at least half are met or partly
    /// met; else not met.
    Majority,
}

/// How far a goal or an indicator is reached (måluppfyllelse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Met (uppfyllt).
    Met,
    /// Partly met (delvis uppfyllt).
    PartlyMet,
    /// Not met (ej uppfyllt).
    NotMet,
    /// Not assessed (ej bedömt).
    NotAssessed,
}

impl Status {
    /// The word of the input format: `met`, `partly_met`, `not_met`, `not_assessed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::PartlyMet => "partly_met",
            Status::NotMet => "not_met",
            Status::NotAssessed => "not_assessed",
        }
    }
}

/// A goal set by the council; it may have no board goals under it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilGoal {
    /// The goal as worded by the council.
    pub name: String,
    /// The board's own goals serving this goal.
    #[serde(default)]
    pub board_goals: Vec<BoardGoal>,
    /// The assessment: how far the goal is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The analysis behind the assessment, printed under the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A goal set by the board (nämndmål).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardGoal {
    /// The goal as worded by the board.
    pub name: String,
    /// Indicators measuring the goal.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The assessment: how far the goal is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The analysis behind the assessment, printed under the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A column of a goal table, after the indicator's name.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalColumn {
    /// What the column shows: `current` (the value of the period), `forecast` (interim
    /// reports only), `target`, `status`, `trend` (whether the indicator moved towards its
    /// target since the latest earlier outcome), or any other name (letters, digits, `_`):
    /// an earlier outcome, the key of the indicators' `earlier` values (`2022`).
    pub id: String,
    /// The heading in the report's own words ("Utfall 2022"); the built-in heading of a
    /// built-in column when absent. An earlier outcome needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// A goal of a table written with `levels` and `goals`, at any level.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal as worded.
    pub name: String,
    /// The goals of the next level serving this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Indicators measuring the goal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The assessment: how far the goal is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The analysis behind the assessment, printed under the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An indicator (indikator, nyckeltal) with its current value, forecast and target.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What is measured.
    pub name: String,
    /// Value at the end of the period (nuvärde).
    #[serde(default)]
    pub current: Option<Value>,
    /// Forecast for the full year (prognos).
    #[serde(default)]
    pub forecast: Option<Value>,
    /// Outcomes of earlier periods, keyed by the id of their column in the table's
    /// `columns`: `earlier = { 2022 = { percent = 81 }, 2023 = { percent = 84 } }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub earlier: BTreeMap<String, Value>,
    /// The target (målvärde): a level or a direction.
    #[serde(default)]
    pub target: Option<Target>,
    /// The assessment: how far the indicator is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The analysis behind the assessment, printed under the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A typed value of an indicator. Written as a table with exactly one kind key:
/// `{ percent = 80 }`, `{ count = 10, unit = "st" }`, `{ amount = 1579 }`, `{ number = "71.13" }`,
/// `{ yes_no = true }`, `{ text = "..." }`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(try_from = "ValueRepr", into = "ValueRepr")]
pub enum Value {
    /// A percentage: 80 means 80 %.
    Percent(Decimal),
    /// A count with its unit, e.g. 10 st.
    Count {
        /// The number counted.
        value: Decimal,
        /// Unit word printed after it ("st", "dagar"); none when empty.
        unit: Option<String>,
    },
    /// An amount in the report's unit (tkr unless stated).
    Amount(Decimal),
    /// A bare number, e.g. an index value.
    Number(Decimal),
    /// Yes or no.
    YesNo(bool),
    /// Free text, printed as written.
    Text(String),
}

/// How a target relates to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Reach this level.
    #[default]
    Level,
    /// At most this value ("högst 10 st").
    AtMost,
    /// At least this value ("minst 90 %").
    AtLeast,
    /// Increase from this baseline ("Öka från 71,13").
    IncreaseFrom,
    /// Decrease from this baseline ("Minska från 5 %").
    DecreaseFrom,
    /// Strictly below this value ("under 10 %", "< 10").
    Below,
    /// Strictly above this value ("över 5", "> 5").
    Above,
    /// Increase, from no baseline the report states ("Ska öka"): written with no value.
    Increase,
    /// Decrease, from no baseline the report states ("Ska minska"): written with no value.
    Decrease,
}

impl Relation {
    /// Whether the relation is a direction with no value of its own (`increase`,
    /// `decrease`).
    pub fn has_no_value(self) -> bool {
        matches!(self, Relation::Increase | Relation::Decrease)
    }
}

/// A target: a value and how the outcome should relate to it. Written like a [`Value`]
/// with an optional `relation`: `{ relation = "at_most", count = 10, unit = "st" }`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(try_from = "ValueRepr", into = "ValueRepr")]
pub struct Target {
    /// Level, bound or direction.
    pub relation: Relation,
    /// The level or baseline; none for a direction with no baseline (`increase`,
    /// `decrease`), and only for those.
    pub value: Option<Value>,
}

/// The written form of [`Value`] and [`Target`]: one key names the kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ValueRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::option"
    )]
    #[schemars(with = "Option<exact::Number>")]
    percent: Option<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::option"
    )]
    #[schemars(with = "Option<exact::Number>")]
    count: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::option"
    )]
    #[schemars(with = "Option<exact::Number>")]
    amount: Option<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact::option"
    )]
    #[schemars(with = "Option<exact::Number>")]
    number: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    yes_no: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl ValueRepr {
    /// Whether no kind of value and no unit is given.
    fn is_empty_value(&self) -> bool {
        self.percent.is_none()
            && self.count.is_none()
            && self.unit.is_none()
            && self.amount.is_none()
            && self.number.is_none()
            && self.yes_no.is_none()
            && self.text.is_none()
    }

    fn value(self) -> Result<Value, String> {
        let given: Vec<&str> = [
            ("percent", self.percent.is_some()),
            ("count", self.count.is_some()),
            ("amount", self.amount.is_some()),
            ("number", self.number.is_some()),
            ("yes_no", self.yes_no.is_some()),
            ("text", self.text.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        match given.as_slice() {
            [_] => {}
            [] => {
                return Err("a value needs one of `percent`, `count`, `amount`, `number`, `yes_no` or `text`".into());
            }
            [first, rest @ ..] => {
                return Err(format!(
                    "`{first}` and `{}` are both given: a value has exactly one kind",
                    rest.join("`, `")
                ));
            }
        }
        if self.unit.is_some() && self.count.is_none() {
            return Err("`unit` belongs only with `count`".into());
        }
        Ok(if let Some(p) = self.percent {
            Value::Percent(p)
        } else if let Some(c) = self.count {
            Value::Count {
                value: c,
                unit: self.unit.filter(|u| !u.is_empty()),
            }
        } else if let Some(a) = self.amount {
            Value::Amount(a)
        } else if let Some(n) = self.number {
            Value::Number(n)
        } else if let Some(b) = self.yes_no {
            Value::YesNo(b)
        } else {
            Value::Text(self.text.unwrap_or_default())
        })
    }
}

impl TryFrom<ValueRepr> for Value {
    type Error = String;
    fn try_from(repr: ValueRepr) -> Result<Self, String> {
        if repr.relation.is_some() {
            return Err("`relation` belongs only on a target".into());
        }
        repr.value()
    }
}

impl TryFrom<ValueRepr> for Target {
    type Error = String;
    fn try_from(repr: ValueRepr) -> Result<Self, String> {
        let relation = repr.relation.unwrap_or_default();
        let word = |r: Relation| match r {
            Relation::Increase => "increase",
            _ => "decrease",
        };
        if relation.has_no_value() {
            if repr.is_empty_value() {
                return Ok(Target {
                    relation,
                    value: None,
                });
            }
            return Err(format!(
                "a target `{}` has no value (\"ska öka\"): with a baseline, write `relation = \"{}_from\"` and the value",
                word(relation),
                word(relation)
            ));
        }
        Ok(Target {
            relation,
            value: Some(repr.value()?),
        })
    }
}

impl From<Value> for ValueRepr {
    fn from(value: Value) -> Self {
        let mut r = ValueRepr::default();
        match value {
            Value::Percent(p) => r.percent = Some(p),
            Value::Count { value, unit } => {
                r.count = Some(value);
                r.unit = unit;
            }
            Value::Amount(a) => r.amount = Some(a),
            Value::Number(n) => r.number = Some(n),
            Value::YesNo(b) => r.yes_no = Some(b),
            Value::Text(t) => r.text = Some(t),
        }
        r
    }
}

impl From<Target> for ValueRepr {
    fn from(target: Target) -> Self {
        let mut r = target.value.map(ValueRepr::from).unwrap_or_default();
        if target.relation != Relation::Level {
            r.relation = Some(target.relation);
        }
        r
    }
}

/// Which sign income has in a table, and so which way a deviation is computed.
///
/// Either way a positive deviation is favourable to the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// Income negative, costs positive (the reference report): deviation = budget − forecast.
    #[default]
    IncomeNegative,
    /// Income positive, costs negative: deviation = forecast − budget.
    IncomePositive,
    /// Income and costs both positive, in columns or rows of their own (a net-cost table):
    /// deviation = budget − outcome, of costs.
    Unsigned,
}

/// Exact decimals for serde, from the digits as written, never through binary floats.
///
/// TOML floats reach this as their source text (see [`crate::read`]); JSON numbers as theirs
/// (serde_json's `arbitrary_precision`); decimal strings (`"6.06"`) are read the same way.
pub(crate) mod exact {
    use std::fmt;

    use rust_decimal::Decimal;
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    struct ExactVisitor;

    impl<'de> Visitor<'de> for ExactVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number (an integer, or a decimal such as \"6.06\")")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
            Decimal::try_from_i128_with_scale(v, 0)
                .map_err(|_| E::custom(format!("the number {v} is too large")))
        }

        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
            i128::try_from(v)
                .map_err(|_| E::custom(format!("the number {v} is too large")))
                .and_then(|v| self.visit_i128(v))
        }

        /// Reached only by a format that gives a float as such (never TOML or JSON as read
        /// by bokslut): refused, as it would lose exactness.
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "the number {v} has a fraction and would lose exactness: write it as a string, \"{v}\""
            )))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            parse(v).map_err(E::custom)
        }

        /// A JSON number read exactly (serde_json's `arbitrary_precision`) arrives as a map
        /// of one private key to the number's source text.
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
            match map.next_key::<String>()? {
                Some(key) if key == JSON_NUMBER_TOKEN => {
                    let text: String = map.next_value()?;
                    parse_json(&text).map_err(de::Error::custom)
                }
                _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
            }
        }
    }

    /// The key serde_json (with `arbitrary_precision`) gives a number's text under.
    const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

    /// A JSON number's text: an exponent is refused, anything else read exactly.
    fn parse_json(text: &str) -> Result<Decimal, String> {
        parse(text)
    }

    /// Parses a decimal written with a point, as in the input format: `-34559`, `6.06`.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let t = text.trim().replace('_', "");
        let plain = t.strip_prefix(['-', '+']).unwrap_or(&t);
        let digits = plain.chars().filter(char::is_ascii_digit).count();
        if digits == 0 || plain.starts_with(['-', '+']) {
            return Err(format!(
                "`{text}` is not a number: expected digits with an optional decimal point, such as -34559 or 6.06"
            ));
        }
        if t.contains(['e', 'E']) || t.contains("inf") || t.contains("nan") {
            return Err(format!(
                "`{text}` is not a plain decimal number such as 6.06"
            ));
        }
        if !plain.is_empty()
            && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
            && plain.matches('.').count() <= 1
        {
            let mut value = Decimal::from_str_exact(&t).map_err(|_| {
                format!("`{text}` has too many digits: an exact number holds at most 28 significant digits")
            })?;
            // "-0" keeps its sign: a reproduction prints "−0" where the source did.
            if value.is_zero() && t.starts_with('-') {
                value.set_sign_negative(true);
            }
            return Ok(value);
        }
        Decimal::from_str_exact(&t).map_err(|_| {
            format!("`{text}` is not a number: expected digits with an optional decimal point, such as -34559 or 6.06")
        })
    }

    /// The schema of an exact number: an integer, a TOML decimal, or a decimal string.
    pub struct Number;

    impl schemars::JsonSchema for Number {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Number".into()
        }

        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({
                "description": "An exact number: an integer or a decimal, read from its digits (6.06; a string \"6.06\" also reads).",
                "anyOf": [
                    { "type": "number" },
                    { "type": "string", "pattern": "^\\s*[-+]?[0-9_]+(\\.[0-9_]+)?\\s*$" }
                ]
            })
        }
    }

    /// Reads an exact decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(ExactVisitor)
    }

    /// Writes a decimal as a string, so that it reads back exactly.
    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    /// The same for optional fields.
    pub mod option {
        use rust_decimal::Decimal;
        use serde::{Deserializer, Serializer};

        /// Reads an exact decimal that is present.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            super::deserialize(d).map(Some)
        }

        /// Writes an optional decimal as a string.
        pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Some(v) => super::serialize(v, s),
                None => s.serialize_none(),
            }
        }
    }
}
