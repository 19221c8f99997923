//! Where a table's rows come from when they are kept in a spreadsheet: the `sheet` of a
//! `finance`, `investments` or `goals` block, as the report writes it.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A sheet that gives a table its rows:
/// `sheet = { file = "drift.xlsx", sheet = "Drift", range = "A3:F20", label = "A",
/// columns = { budget = "C", outcome = "D" } }`.
///
/// A goal table's sheet says which column holds each row's `level` (a goal of a level, or
/// an indicator), and may name a `unit` and a `comment` column; a financial table's sheet
/// may name a `kind` column.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetSource {
    /// The file: `.xlsx`, `.ods` or `.csv`, relative to the report's directory (and inside
    /// it, unless `--allow-outside-paths`).
    pub file: String,
    /// The sheet of a workbook, by its name; the only sheet when absent. A CSV file has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cells of the rows, e.g. `"A3:F20"`: every row of it is a row of the table (blank
    /// rows skipped). Give `range` or `header_row`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// The row of the column headings (1 for the first): the table's rows are the rows under
    /// it, to the end of the sheet's data. Columns may then be named by their heading.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "row_number"
    )]
    #[schemars(range(min = 1, max = 1_048_576))]
    pub header_row: Option<u32>,
    /// The column of the rows' labels (a goal table: the goals' and indicators' names): a
    /// letter (`"A"`), or a heading in the header row.
    pub label: String,
    /// The sheet column of each table column: `{ budget = "C", outcome = "D" }` (letters, or
    /// headings in the header row). A column not named has no figures from the sheet. A goal
    /// table's ids are those of its `columns`: `current`, `forecast`, `target`, `status` and
    /// earlier outcomes (`trend` is computed).
    pub columns: ColumnMap,
    /// Financial tables: a column that says what each row is: empty for a figure row,
    /// `group` (or `grupp`, `rubrik`), `subtotal` (`delsumma`) or `result` (`resultat`).
    /// Every row is a figure row when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Goal tables (needed there): the column that says what each row is: a goal, by the name
    /// of its level as the table's `levels` write it or by its number (1 for the outermost),
    /// or an indicator (empty, `indikator`, `indicator`, `mått`, `mätetal`, `nyckeltal`).
    /// An indicator belongs to the goal above it, a goal to the goal of the level above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Goal tables: a column giving each indicator's unit: `%` makes its bare numbers
    /// percentages, another word (`st`, `dagar`) counts of it; bare numbers are numbers when
    /// the cell is empty or the column absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Goal tables: a column of comments (the analysis printed under a goal's or an
    /// indicator's row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The separator of a CSV file (`";"`, `","` or `"\t"`); told from its first line when
    /// absent (a semicolon if it has one, else a tab, else a comma).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
}

/// Table column ids and the sheet columns that feed them, in the order written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnMap(pub Vec<(String, String)>);

impl Serialize for ColumnMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ColumnMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = ColumnMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a table of sheet columns by column id, e.g. { budget = \"C\", outcome = \"D\" }",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ColumnMap, A::Error> {
                let mut columns = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    columns.push((key, map.next_value::<String>()?));
                }
                Ok(ColumnMap(columns))
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

impl JsonSchema for ColumnMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ColumnMap".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The sheet column of each table column, by column id: { budget = \"C\", outcome = \"D\" } (letters, or headings in the header row).",
            "type": "object",
            "minProperties": 1,
            "additionalProperties": { "type": "string" }
        })
    }
}

/// The most rows a sheet has (as in Excel and LibreOffice).
pub(crate) const MAX_ROWS: u32 = 1_048_576;
/// The most columns a sheet has (`XFD`).
pub(crate) const MAX_COLUMNS: u32 = 16_384;

/// A row number (1 to 1 048 576), read as an exact number (a JSON number read exactly is a map
/// inside a tagged block, so it cannot be read as a `u32` directly).
fn row_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let value = super::exact::deserialize(d)?;
    rust_decimal::prelude::ToPrimitive::to_u32(&value)
        .filter(|n| value.fract().is_zero() && (1..=MAX_ROWS).contains(n))
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "header row {value}: expected a row number from 1 to {}",
                MAX_ROWS
            ))
        })
}
