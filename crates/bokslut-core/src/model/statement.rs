//! The model of the municipality's financial statements and their notes, as written: the
//! resultaträkning, balansräkning and kassaflödesanalys (LKBR ch. 4 § 1), five years in
//! summary, the balanskravsutredning, and the notes (noter) the statements refer to.
//!
//! A statement ([`StatementTable`], `type = "statement"`) prints its figures in columns
//! grouped by entity ("Kommunen", "Koncernen") and then by column (a year: "2023", "2022"),
//! each entity with a note column of its own when a row refers to a note for it. A row gives
//! its figures per entity as a list in the order of the columns:
//! `{ label = "Verksamhetens intäkter", kommunen = [421.3, 469.1], note = "intakter" }`;
//! a table without `entities` has one, written `values = [...]`.
//!
//! A cell is a number, `"–"` (printed as a dash: nothing to report, neither empty nor 0) or
//! `""` (printed empty). Sums and results are computed ([`crate::statement`]); a figure given
//! in a sum row is the figure the source printed, checked as in a financial table.
//!
//! A note ([`Note`], `type = "note"`) has an `id` the rows refer to, a title, text and
//! tables of its own; its number is the order of its first reference, or `number` as printed.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{SignConvention, Unit, exact};

/// A financial statement, a five-year summary, a balanskravsutredning or a note's table.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementTable {
    /// The table's id, by which checks across tables name it (`"rr"`, `"br"`): letters,
    /// digits and `_`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The statement's shape: its note sentence and the checks it declares itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<StatementPreset>,
    /// Caption printed above the table ("Resultaträkning").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Heading of the label column ("Belopp i mnkr"); empty when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_heading: Option<String>,
    /// Unit of the figures; the report's (`meta.unit`) when absent. A five-year summary
    /// gives each row its own (`unit` of a row) and says none here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Decimals printed in every row that does not set its own; 0 when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "small_option"
    )]
    #[schemars(range(max = 4))]
    pub decimals: Option<u32>,
    /// The entities, left to right, each over all the columns ("Kommunen", "Koncernen").
    /// One unnamed entity, whose figures a row gives as `values`, when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// The column headings under each entity, left to right: years (`[2023, 2022]`) or
    /// texts (`["Utfall 2023", "Budget 2023"]`).
    pub columns: Vec<ColumnName>,
    /// The rows, in order.
    pub rows: Vec<StatementRow>,
    /// Figures that must agree, beside those the preset declares (see [`Check`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Footnotes printed under the table, after the note sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
}

/// The shapes of the statements, as the Swedish recommendations (RKR) give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatementPreset {
    /// Resultaträkning: income positive, costs negative; its row `result` (årets resultat)
    /// equals the balance sheet's and the cash-flow analysis's row `result`.
    IncomeStatement,
    /// Balansräkning: its row `total_assets` equals `total_equity_liabilities`; its row
    /// `cash` (kassa och bank) equals the cash-flow analysis's `cash_end`.
    BalanceSheet,
    /// Kassaflödesanalys: inflows positive, outflows negative; `cash_end` (likvida medel
    /// vid årets slut) equals the balance sheet's `cash`.
    CashFlow,
    /// Fem år i sammandrag: years as columns, each row its own unit and decimals.
    FiveYear,
    /// Balanskravsutredning (LKBR ch. 11): years as columns; its row `result` equals the
    /// income statement's where their columns meet.
    BalanceRequirement,
}

impl StatementPreset {
    /// Every preset with its name as written.
    pub const ALL: [(StatementPreset, &'static str); 5] = [
        (StatementPreset::IncomeStatement, "income_statement"),
        (StatementPreset::BalanceSheet, "balance_sheet"),
        (StatementPreset::CashFlow, "cash_flow"),
        (StatementPreset::FiveYear, "five_year"),
        (StatementPreset::BalanceRequirement, "balance_requirement"),
    ];

    /// The sign convention the preset's figures follow, for the note under the table.
    pub fn convention(self) -> Option<SignConvention> {
        match self {
            StatementPreset::IncomeStatement | StatementPreset::BalanceRequirement => {
                Some(SignConvention::IncomePositive)
            }
            _ => None,
        }
    }
}

/// An entity of a statement: the municipality, or the group.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// The key its figures are given under in the rows (`kommunen = [..]`), and by which
    /// checks across tables pair it: letters, digits and `_`.
    pub id: String,
    /// The heading over its columns ("Kommunen", "Sammanställd redovisning").
    pub heading: String,
}

/// A column heading: a year or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct ColumnName(#[schemars(with = "YearOrText")] pub String);

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum YearOrText {
    Year(u32),
    Text(String),
}

impl<'de> Deserialize<'de> for ColumnName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = ColumnName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column heading: a year (2023) or a text (\"Utfall 2023\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ColumnName, E> {
                Ok(ColumnName(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ColumnName, E> {
                Ok(ColumnName(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ColumnName, E> {
                Ok(ColumnName(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ColumnName, A::Error> {
                match map.next_key::<String>()? {
                    Some(key) if key == "$serde_json::private::Number" => {
                        Ok(ColumnName(map.next_value::<String>()?))
                    }
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        d.deserialize_any(NameVisitor)
    }
}

/// Two figures that must agree, named by row id: `{ left = "total_assets", right =
/// "total_equity_liabilities" }`; a row of another table is `"br.cash"` (its table's `id`).
/// They are compared in every column both tables have (same entity, same heading).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// A row of this table (`"total_assets"`) or of another (`"br.total_assets"`).
    pub left: String,
    /// The row it must equal.
    pub right: String,
}

/// A cell of a statement as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// `""`: printed empty.
    Empty,
    /// `"–"` (or `"-"`): nothing to report, printed as a dash.
    Dash,
    /// A figure.
    Figure(Decimal),
}

/// What a statement row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementRowKind {
    /// A row of figures (`label`).
    Figures,
    /// A heading (`heading`, with its `level`: 1 for TILLGÅNGAR, 2 for
    /// Anläggningstillgångar): no figures.
    Heading,
    /// The sum of the counted figure rows since the heading it closes (`sum`), or of a
    /// named range (`from`, `to`) or of named rows (`of`).
    Sum,
    /// The sum of every counted figure row above it (`result`: "Årets resultat").
    Result,
    /// An empty row between parts (`spacer = true`).
    Spacer,
}

impl StatementRowKind {
    /// The key that gives a row of this kind its label.
    pub fn key(self) -> &'static str {
        match self {
            StatementRowKind::Figures => "label",
            StatementRowKind::Heading => "heading",
            StatementRowKind::Sum => "sum",
            StatementRowKind::Result => "result",
            StatementRowKind::Spacer => "spacer",
        }
    }
}

/// One row of a [`StatementTable`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatementRow {
    /// Figure row, heading, sum, result or spacer.
    pub kind: Option<StatementRowKind>,
    /// The label as printed (a label may begin with "–" or "+": it is text).
    pub label: String,
    /// The row's id, for checks and named ranges: letters, digits and `_`.
    pub id: Option<String>,
    /// A heading's level (1 the outermost; 2 when absent), or the level of the heading a
    /// sum closes.
    pub level: Option<u32>,
    /// A "varav" row: part of the row above it, printed indented, not added, checked to be
    /// at most its whole.
    pub varav: bool,
    /// Printed, but outside every sum (likvida medel vid årets början, poster inom linjen).
    pub outside: bool,
    /// A sum over the rows from this id ...
    pub from: Option<String>,
    /// ... to this one, both included.
    pub to: Option<String>,
    /// A sum of the rows of these ids (any kind, outside rows too).
    pub of: Vec<String>,
    /// A figure computed as the first row's figure divided by the second's, times `scale`:
    /// `ratio = ["equity", "assets"]` (soliditet).
    pub ratio: Vec<String>,
    /// What a ratio is multiplied by (100 for per cent); 1 when absent.
    pub scale: Option<Decimal>,
    /// The row's own unit, printed in a unit column ("%", "mnkr", "kr/invånare").
    pub unit: Option<String>,
    /// Decimals of this row's figures; the table's when absent.
    pub decimals: Option<u32>,
    /// A footnote marker printed after the label ("1)", "*").
    pub marker: Option<String>,
    /// The notes the row refers to, for every entity or per entity.
    pub notes: NoteRefs,
    /// The figures, by entity id (`values` for a table without entities), in column order.
    pub values: Vec<(String, Vec<Cell>)>,
    /// Footnote markers of single figures: entity id, column index, marker.
    pub cell_markers: Vec<(String, usize, String)>,
}

/// The notes a row refers to: `note = "pensions"`, `note = ["a", "b"]`, or per entity
/// `note = { kommunen = "a", koncernen = "b" }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum NoteRefs {
    /// None.
    #[default]
    None,
    /// The same notes for every entity.
    All(Vec<String>),
    /// Notes per entity id.
    ByEntity(Vec<(String, Vec<String>)>),
}

impl NoteRefs {
    /// The note ids the row refers to for `entity` (in a table without entities, `values`).
    pub fn for_entity(&self, entity: &str) -> &[String] {
        match self {
            NoteRefs::None => &[],
            NoteRefs::All(ids) => ids,
            NoteRefs::ByEntity(by) => by
                .iter()
                .find(|(e, _)| e == entity)
                .map(|(_, ids)| ids.as_slice())
                .unwrap_or(&[]),
        }
    }

    /// Every note id, with the entity it is given for (`None` for all).
    pub fn all(&self) -> Vec<(Option<&str>, usize, &str)> {
        match self {
            NoteRefs::None => Vec::new(),
            NoteRefs::All(ids) => ids
                .iter()
                .enumerate()
                .map(|(i, id)| (None, i, id.as_str()))
                .collect(),
            NoteRefs::ByEntity(by) => by
                .iter()
                .flat_map(|(e, ids)| {
                    ids.iter()
                        .enumerate()
                        .map(move |(i, id)| (Some(e.as_str()), i, id.as_str()))
                })
                .collect(),
        }
    }
}

/// The keys a row gives itself; no entity may be called so.
pub(crate) const STATEMENT_ROW_KEYS: [&str; 18] = [
    "label", "heading", "sum", "result", "spacer", "id", "level", "varav", "outside", "from", "to",
    "of", "ratio", "scale", "unit", "decimals", "marker", "note",
];

/// A note (not): numbered, with a title, text and tables.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The id rows refer to it by: letters, digits, `_` and `-`.
    pub id: String,
    /// The number as printed (a reproduction); counted in order of first reference when
    /// absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number_option"
    )]
    #[schemars(range(min = 1))]
    pub number: Option<u32>,
    /// The title ("Verksamhetens intäkter").
    pub title: String,
    /// Text before the tables, in the report's Markdown subset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The note's tables, of any shape. A row with the id `total` is the note's total: the
    /// figure of a statement row that refers to the note is checked against it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<StatementTable>,
}

/// A cell read with [`exact`], `"–"` or `""`, or a figure with a footnote marker
/// (`{ value = 3.1, marker = "2)" }`).
struct CellRepr(Cell, Option<String>);

impl<'de> Deserialize<'de> for CellRepr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = CellRepr;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a figure, \"–\" (nothing to report), \"\" (empty) or a figure with a footnote marker ({ value = 3.1, marker = \"2)\" })")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellRepr, E> {
                Ok(CellRepr(Cell::Figure(Decimal::from(v)), None))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellRepr, E> {
                Ok(CellRepr(Cell::Figure(Decimal::from(v)), None))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellRepr, E> {
                Err(E::custom(format!(
                    "the number {v} has a fraction and would lose exactness: write it as a string, \"{v}\""
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CellRepr, E> {
                match v.trim() {
                    "" => Ok(CellRepr(Cell::Empty, None)),
                    "–" | "-" | "—" => Ok(CellRepr(Cell::Dash, None)),
                    text => exact::parse(text).map(|d| CellRepr(Cell::Figure(d), None)).map_err(|_| {
                        E::custom(format!(
                            "`{v}` is not a cell: expected a figure, \"–\" (nothing to report) or \"\" (empty)"
                        ))
                    }),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellRepr, A::Error> {
                let (mut value, mut marker) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        // A JSON number read exactly: one private key, then its text.
                        "$serde_json::private::Number" => {
                            let text: String = map.next_value()?;
                            let v = exact::parse(&text).map_err(de::Error::custom)?;
                            return Ok(CellRepr(Cell::Figure(v), None));
                        }
                        "value" => value = Some(map.next_value::<ExactValue>()?.0),
                        "marker" => marker = Some(map.next_value::<String>()?),
                        _ => {
                            return Err(de::Error::custom(format!(
                                "unknown field `{key}` of a marked figure, expected `value` and `marker`"
                            )));
                        }
                    }
                }
                match (value, marker) {
                    (Some(v), Some(m)) => Ok(CellRepr(Cell::Figure(v), Some(m))),
                    _ => Err(de::Error::custom(
                        "a marked figure needs both `value` and `marker`: { value = 3.1, marker = \"2)\" }",
                    )),
                }
            }
        }
        d.deserialize_any(CellVisitor)
    }
}

/// A row's figures for one entity, and their footnote markers.
struct Cells(Vec<Cell>, Vec<Option<String>>);

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CellsVisitor;
        impl<'de> Visitor<'de> for CellsVisitor {
            type Value = Cells;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of cells in the order of the columns, e.g. [421.3, 469.1]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cells, A::Error> {
                let (mut cells, mut markers) = (Vec::new(), Vec::new());
                while let Some(c) = seq.next_element::<CellRepr>()? {
                    cells.push(c.0);
                    markers.push(c.1);
                }
                Ok(Cells(cells, markers))
            }
        }
        d.deserialize_seq(CellsVisitor)
    }
}

/// One note id or a list of them.
struct Ids(Vec<String>);

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdsVisitor;
        impl<'de> Visitor<'de> for IdsVisitor {
            type Value = Ids;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a note id or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ids, E> {
                Ok(Ids(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Ids(ids))
            }
        }
        d.deserialize_any(IdsVisitor)
    }
}

impl<'de> Deserialize<'de> for NoteRefs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RefsVisitor;
        impl<'de> Visitor<'de> for RefsVisitor {
            type Value = NoteRefs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a note id, a list of them, or a table of them by entity id ({ kommunen = \"intakter\" })")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NoteRefs, E> {
                Ok(NoteRefs::All(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoteRefs, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(NoteRefs::All(ids))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoteRefs, A::Error> {
                let mut by = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    by.push((key, map.next_value::<Ids>()?.0));
                }
                Ok(NoteRefs::ByEntity(by))
            }
        }
        d.deserialize_any(RefsVisitor)
    }
}

/// An exact decimal read with [`exact`].
struct ExactValue(Decimal);

impl<'de> Deserialize<'de> for ExactValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        exact::deserialize(d).map(ExactValue)
    }
}

/// A whole number from `min` to `max` read exactly.
fn whole<E: de::Error>(value: Decimal, what: &str, min: u32, max: u32) -> Result<u32, E> {
    if value < Decimal::from(min) || !value.fract().is_zero() || value > Decimal::from(max) {
        return Err(E::custom(format!(
            "{what} is {value}: expected a whole number from {min} to {max}"
        )));
    }
    Ok(rust_decimal::prelude::ToPrimitive::to_u32(&value).unwrap_or(0))
}

/// The table's decimals.
fn small_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    whole(exact::deserialize(d)?, "`decimals`", 0, 4).map(Some)
}

/// A note's number as printed.
fn number_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    whole(exact::deserialize(d)?, "the note's `number`", 1, 9999).map(Some)
}

/// A small whole number (a level, decimals) that may arrive as an exact number.
fn small<'de, A: MapAccess<'de>>(map: &mut A, key: &str, max: u32) -> Result<u32, A::Error> {
    let value: Decimal = map.next_value::<ExactValue>()?.0;
    whole(value, &format!("`{key}`"), 0, max)
}

impl<'de> Deserialize<'de> for StatementRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = StatementRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row: `label` (or `heading`, `sum`, `result`, `spacer`) and figures by entity id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatementRow, A::Error> {
                let mut row = StatementRow::default();
                while let Some(key) = map.next_key::<String>()? {
                    let kind = match key.as_str() {
                        "label" => Some(StatementRowKind::Figures),
                        "heading" => Some(StatementRowKind::Heading),
                        "sum" => Some(StatementRowKind::Sum),
                        "result" => Some(StatementRowKind::Result),
                        "spacer" => Some(StatementRowKind::Spacer),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        if let Some(first) = row.kind {
                            return Err(de::Error::custom(format!(
                                "a row has one of `label`, `heading`, `sum`, `result` or `spacer`, but this one has both `{}` and `{key}`",
                                first.key()
                            )));
                        }
                        row.kind = Some(kind);
                        if kind == StatementRowKind::Spacer {
                            if !map.next_value::<bool>()? {
                                return Err(de::Error::custom(
                                    "`spacer = false` is no row: leave the row out",
                                ));
                            }
                        } else {
                            row.label = map.next_value::<String>()?;
                        }
                        continue;
                    }
                    match key.as_str() {
                        "id" => row.id = Some(map.next_value()?),
                        "level" => row.level = Some(small(&mut map, "level", 6)?),
                        "decimals" => row.decimals = Some(small(&mut map, "decimals", 4)?),
                        "varav" => row.varav = map.next_value()?,
                        "outside" => row.outside = map.next_value()?,
                        "from" => row.from = Some(map.next_value()?),
                        "to" => row.to = Some(map.next_value()?),
                        "of" => row.of = map.next_value()?,
                        "ratio" => row.ratio = map.next_value()?,
                        "scale" => row.scale = Some(map.next_value::<ExactValue>()?.0),
                        "unit" => row.unit = Some(map.next_value()?),
                        "marker" => row.marker = Some(map.next_value()?),
                        "note" => row.notes = map.next_value()?,
                        _ => {
                            let cells = map.next_value::<Cells>().map_err(|e| {
                                match crate::suggest::nearest(&key, STATEMENT_ROW_KEYS.iter().copied()) {
                                    Some(_) => de::Error::custom(format!(
                                        "unknown field `{key}`, expected one of `{}` or figures by entity id",
                                        STATEMENT_ROW_KEYS.join("`, `")
                                    )),
                                    None => e,
                                }
                            })?;
                            for (column, marker) in cells.1.into_iter().enumerate() {
                                if let Some(marker) = marker {
                                    row.cell_markers.push((key.clone(), column, marker));
                                }
                            }
                            row.values.push((key, cells.0));
                        }
                    }
                }
                if row.kind.is_none() {
                    return Err(de::Error::custom(
                        "missing field `label`: a row needs its label (or `heading`, `sum`, `result`, or `spacer = true`)",
                    ));
                }
                Ok(row)
            }
        }
        d.deserialize_map(RowVisitor)
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Empty => s.serialize_str(""),
            Cell::Dash => s.serialize_str("–"),
            Cell::Figure(d) => s.collect_str(d),
        }
    }
}

struct CellList<'a>(&'a [Cell], Vec<Option<&'a str>>);

/// A figure with its marker, written as read.
struct Marked<'a>(&'a Cell, &'a str);

impl Serialize for Marked<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("value", self.0)?;
        map.serialize_entry("marker", self.1)?;
        map.end()
    }
}

impl Serialize for CellList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (i, c) in self.0.iter().enumerate() {
            match self.1.get(i).copied().flatten() {
                Some(marker) => seq.serialize_element(&Marked(c, marker))?,
                None => seq.serialize_element(c)?,
            }
        }
        seq.end()
    }
}

impl Serialize for NoteRefs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NoteRefs::None => s.serialize_none(),
            NoteRefs::All(ids) => ids.serialize(s),
            NoteRefs::ByEntity(by) => {
                let mut map = s.serialize_map(Some(by.len()))?;
                for (k, v) in by {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for StatementRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match self.kind.unwrap_or(StatementRowKind::Figures) {
            StatementRowKind::Spacer => map.serialize_entry("spacer", &true)?,
            kind => map.serialize_entry(kind.key(), &self.label)?,
        }
        if let Some(id) = &self.id {
            map.serialize_entry("id", id)?;
        }
        if let Some(level) = self.level {
            map.serialize_entry("level", &level)?;
        }
        if self.varav {
            map.serialize_entry("varav", &true)?;
        }
        if self.outside {
            map.serialize_entry("outside", &true)?;
        }
        if let Some(from) = &self.from {
            map.serialize_entry("from", from)?;
        }
        if let Some(to) = &self.to {
            map.serialize_entry("to", to)?;
        }
        if !self.of.is_empty() {
            map.serialize_entry("of", &self.of)?;
        }
        if !self.ratio.is_empty() {
            map.serialize_entry("ratio", &self.ratio)?;
        }
        if let Some(scale) = &self.scale {
            map.serialize_entry("scale", &scale.to_string())?;
        }
        if let Some(unit) = &self.unit {
            map.serialize_entry("unit", unit)?;
        }
        if let Some(decimals) = self.decimals {
            map.serialize_entry("decimals", &decimals)?;
        }
        if let Some(marker) = &self.marker {
            map.serialize_entry("marker", marker)?;
        }
        if self.notes != NoteRefs::None {
            map.serialize_entry("note", &self.notes)?;
        }
        for (k, v) in &self.values {
            let mut markers = vec![None; v.len()];
            for (e, c, m) in &self.cell_markers {
                if e == k
                    && let Some(slot) = markers.get_mut(*c)
                {
                    *slot = Some(m.as_str());
                }
            }
            map.serialize_entry(k, &CellList(v, markers))?;
        }
        map.end()
    }
}

impl JsonSchema for StatementRow {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatementRow".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = generator.subschema_for::<exact::Number>();
        let text = || schemars::json_schema!({ "type": "string" });
        let ids = || schemars::json_schema!({ "type": "array", "items": { "type": "string" } });
        let id_or_ids = || schemars::json_schema!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }] });
        let cells = schemars::json_schema!({
            "description": "The figures of one entity, in the order of the columns: a number, \"–\" (nothing to report) or \"\" (empty).",
            "type": "array",
            "items": { "anyOf": [
                number.clone(),
                { "type": "string", "pattern": "^\\s*([-–—]|[-+]?[0-9_]+(\\.[0-9_]+)?)?\\s*$" },
                {
                    "description": "A figure with a footnote marker.",
                    "type": "object",
                    "properties": { "value": number, "marker": { "type": "string" } },
                    "required": ["value", "marker"],
                    "additionalProperties": false
                }
            ] }
        });
        schemars::json_schema!({
            "description": "A statement row: a figure row (`label`), a heading (`heading`, with `level`), a sum (`sum`: of the rows since the heading it closes, or `from`/`to`, or `of`), a result (`result`: every counted row above) or `spacer = true`; figures by entity id (`values` without entities).",
            "type": "object",
            "properties": {
                "label": text(), "heading": text(), "sum": text(), "result": text(),
                "spacer": { "type": "boolean", "const": true },
                "id": text(),
                "level": { "type": "integer", "minimum": 1, "maximum": 6 },
                "varav": { "type": "boolean" },
                "outside": { "type": "boolean" },
                "from": text(), "to": text(), "of": ids(), "ratio": ids(),
                "scale": number,
                "unit": text(),
                "decimals": { "type": "integer", "minimum": 0, "maximum": 4 },
                "marker": text(),
                "note": { "anyOf": [id_or_ids(), { "type": "object", "additionalProperties": id_or_ids() }] },
            },
            "oneOf": [
                { "required": ["label"] }, { "required": ["heading"] }, { "required": ["sum"] },
                { "required": ["result"] }, { "required": ["spacer"] },
            ],
            "additionalProperties": cells
        })
    }
}
