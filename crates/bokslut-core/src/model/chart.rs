//! A chart: figures drawn as grouped columns, horizontal bars or lines (issue 24), with its
//! own series or taken from a table of the report by id (`table = "drift"`), so that a chart
//! can never disagree with a table. The figures are exact decimals as everywhere else; the
//! layout draws them with its own shapes, and the chart is a tagged figure with alternative
//! text and its figures as a table beside it. [`crate::chart`] resolves a chart's figures.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A chart block (`type = "chart"`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// How the figures are drawn.
    pub kind: ChartKind,
    /// The title above the chart, e.g. "Nettokostnad per verksamhet".
    pub title: String,
    /// The unit of the figures, printed at the value axis ("tkr", "mnkr", "%"); none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The alternative text read instead of the drawing; made from the figures (kind, title,
    /// extremes) in the labels' language when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// A source line under the chart ("Källa: ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Print the figures as a table under the chart (in the PDF; the web edition always has
    /// them in a `<details>` beside the drawing).
    #[serde(default)]
    pub data_table: bool,
    /// The categories along the category axis (activities, years), in order: with the
    /// chart's own `series`; none with `table`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The series, one value per category each: the chart's own figures; none with `table`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<ChartSeries>,
    /// The id of a table of the report the chart takes its figures from, as that table
    /// prints them (computed columns included), instead of its own `categories` and
    /// `series`: a financial table (`finance`, `investments`: its rows are the categories,
    /// its columns the series) or a statement (`statement`: its rows are the series, its
    /// columns, such as years, the categories). The table may stand above or below the chart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// With `table`: the columns to draw, in order. Of a financial table its column ids
    /// (`["budget", "outcome"]`, `["deviation"]`; its columns given in the rows when absent);
    /// of a statement its column headings as written (`["2020", "2021"]`; all when absent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// With `table`: the rows to draw, in order. Of a financial table the rows' labels (its
    /// rows have no ids; every figure row, no group heading, sum or total, when absent); of a
    /// statement its rows' ids (or labels), which must be given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
    /// With `kind = "goal_status"`: what is counted, `goals` (when absent) or `indicators`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<GoalCount>,
}

/// How a chart draws its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Grouped vertical columns (budget and outcome per activity).
    Columns,
    /// Horizontal bars from an axis at zero (deviation per activity; negative to the left).
    Bars,
    /// Lines over the categories (years), one per series, with markers.
    Lines,
    /// Columns stacked per category, each series on the one before (parts of a whole); no
    /// figure may be negative.
    Stacked,
    /// Horizontal bars stacked per category, each series after the one before (parts of a
    /// whole, for long category names); no figure may be negative.
    StackedBars,
    /// How many of the report's goals (or indicators) are met, partly met and not met: a
    /// column per status, counted over every goal table of the report (see [`GoalCount`]);
    /// the chart gives no figures of its own and names no table.
    GoalStatus,
}

impl ChartKind {
    /// Whether the series are stacked, each on the one before (`stacked`, `stacked_bars`).
    pub fn is_stacked(self) -> bool {
        matches!(self, ChartKind::Stacked | ChartKind::StackedBars)
    }

    /// Whether the value axis runs across and the categories down (`bars`, `stacked_bars`).
    pub fn is_horizontal(self) -> bool {
        matches!(self, ChartKind::Bars | ChartKind::StackedBars)
    }
}

/// What a goal status chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GoalCount {
    /// The goals assessed themselves: each goal with no goals under it (the innermost level).
    #[default]
    Goals,
    /// The indicators (mätetal) of every goal.
    Indicators,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartSeries {
    /// The series' name in the legend ("Budget", "Utfall").
    pub label: String,
    /// One figure per category, in the categories' order.
    pub values: Vec<ChartValue>,
}

/// A figure of a chart: an exact decimal, written as a number (or a string of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(transparent)]
pub struct ChartValue(
    #[serde(with = "super::exact")]
    #[schemars(with = "super::exact::Number")]
    pub Decimal,
);
