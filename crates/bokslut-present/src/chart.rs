//! A chart's template data: its figures as positions on the value axis (fractions of it, so
//! that the template and the web edition only scale), the axis' ticks on round values
//! formatted in the labels' language, and the alternative text made from the figures.

use bokslut_core::{Chart, ChartKind};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::format::NumberFormat;
use crate::labels::Labels;
use crate::theme::CHART_SERIES;

/// The length of the value axis in the positions of [`SeriesItem::at`] and [`Tick::at`].
pub const SCALE: i64 = 10_000;

/// A chart: the template data of `chart` items.
#[derive(Debug, Serialize)]
pub struct ChartItem {
    /// `columns`, `bars` or `lines`.
    pub chart: ChartKind,
    /// The title (report text).
    pub title: String,
    /// The unit at the value axis (report text); empty when none.
    pub unit: String,
    /// The alternative text: the report's, or made from the figures.
    pub alt: String,
    /// The source line ("Källa: …"); empty when none.
    pub source: String,
    /// Whether the PDF prints the figures as a table under the chart.
    pub data_table: bool,
    /// The caption of the figures' table (label).
    pub data_label: String,
    /// The categories (report text).
    pub categories: Vec<String>,
    /// The series.
    pub series: Vec<SeriesItem>,
    /// The value axis.
    pub axis: Axis,
}

/// One series of a chart.
#[derive(Debug, Serialize)]
pub struct SeriesItem {
    /// Its name (report text).
    pub label: String,
    /// Its colour (`#rrggbb`, from [`CHART_SERIES`]).
    pub colour: &'static str,
    /// Its place among the series (0, 1, …): the pattern or marker it is drawn with.
    pub index: usize,
    /// Each figure's place on the value axis, 0 at its start and [`SCALE`] at its end.
    pub at: Vec<i64>,
    /// Each figure, formatted.
    pub values: Vec<String>,
}

/// The value axis: where zero lies and the ticks, all as fractions of its length.
#[derive(Debug, Serialize)]
pub struct Axis {
    /// Where zero lies.
    pub zero: i64,
    /// The ticks, from the lowest.
    pub ticks: Vec<Tick>,
}

/// A tick on a round value.
#[derive(Debug, Serialize)]
pub struct Tick {
    /// Its place on the axis.
    pub at: i64,
    /// Its value, formatted.
    pub label: String,
}

/// A round step for an axis from `low` to `high` with about five ticks: 1, 2, 2.5 or 5 × 10ⁿ.
pub fn step(low: Decimal, high: Decimal) -> Decimal {
    let span = (high - low).max(Decimal::ONE);
    let rough = span / Decimal::from(5);
    let mut magnitude = Decimal::ONE;
    while magnitude * Decimal::TEN <= rough {
        magnitude *= Decimal::TEN;
    }
    while magnitude > rough && magnitude > Decimal::new(1, 6) {
        magnitude /= Decimal::TEN;
    }
    for m in [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::from(5),
    ] {
        if m * magnitude >= rough {
            return (m * magnitude).normalize();
        }
    }
    (Decimal::TEN * magnitude).normalize()
}

/// The chart item of a chart block.
pub fn item(chart: &Chart, labels: &Labels, numbers: &NumberFormat) -> ChartItem {
    let all = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().map(|v| v.0));
    let low = all.clone().fold(Decimal::ZERO, Decimal::min);
    let high = all.fold(Decimal::ZERO, Decimal::max);
    let step = step(low, high);
    let start = (low / step).floor() * step;
    let mut end = (high / step).ceil() * step;
    if end == start {
        end = start + step;
    }
    let span = end - start;
    // In ten-thousandths of the axis, an integer: exact enough to draw, stable, and plain
    // data for the template (whose data carries no floating-point numbers).
    let at = |v: Decimal| -> i64 {
        let f = (v - start) / span * Decimal::from(SCALE);
        i64::try_from(f.round()).unwrap_or(0)
    };
    let mut ticks = Vec::new();
    let mut t = start;
    while t <= end {
        ticks.push(Tick {
            at: at(t),
            label: numbers.number(t.normalize()),
        });
        t += step;
    }
    let series: Vec<SeriesItem> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| SeriesItem {
            label: s.label.clone(),
            colour: CHART_SERIES[i % CHART_SERIES.len()],
            index: i,
            at: s.values.iter().map(|v| at(v.0)).collect(),
            values: s.values.iter().map(|v| numbers.number(v.0)).collect(),
        })
        .collect();
    let alt = match chart.alt.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(a) => a.to_owned(),
        None => made_alt(chart, labels, numbers),
    };
    ChartItem {
        chart: chart.kind,
        title: chart.title.clone(),
        unit: chart.unit.clone().unwrap_or_default(),
        alt,
        source: chart
            .source
            .as_deref()
            .map(|s| labels.format("chart-source", &[("source", s)]))
            .unwrap_or_default(),
        data_table: chart.data_table,
        data_label: labels.get("chart-data"),
        categories: chart.categories.clone(),
        series,
        axis: Axis {
            zero: at(Decimal::ZERO),
            ticks,
        },
    }
}

/// The alternative text made from the figures: kind, title, the highest and lowest figure
/// and where they are, and for a line chart each series' first and last figure (its trend).
fn made_alt(chart: &Chart, labels: &Labels, numbers: &NumberFormat) -> String {
    let unit = chart.unit.as_deref().unwrap_or_default();
    let fmt = |v: Decimal| {
        if unit.is_empty() {
            numbers.number(v)
        } else {
            format!("{} {unit}", numbers.number(v))
        }
    };
    let multi = chart.series.len() > 1;
    let place = |s: usize, c: usize| {
        let category = chart.categories.get(c).cloned().unwrap_or_default();
        if multi {
            format!("{}, {category}", chart.series[s].label)
        } else {
            category
        }
    };
    let figures = chart.series.iter().enumerate().flat_map(|(s, series)| {
        series
            .values
            .iter()
            .enumerate()
            .map(move |(c, v)| (v.0, s, c))
    });
    let (Some(high), Some(low)) = (
        figures
            .clone()
            .fold(None, |m: Option<(Decimal, usize, usize)>, f| match m {
                Some(m) if m.0 >= f.0 => Some(m),
                _ => Some(f),
            }),
        figures.fold(None, |m: Option<(Decimal, usize, usize)>, f| match m {
            Some(m) if m.0 <= f.0 => Some(m),
            _ => Some(f),
        }),
    ) else {
        return chart.title.clone();
    };
    let kind = labels.get(match chart.kind {
        ChartKind::Columns => "chart-kind-columns",
        ChartKind::Bars => "chart-kind-bars",
        ChartKind::Lines => "chart-kind-lines",
    });
    let mut out = labels.format(
        "chart-alt",
        &[
            ("kind", &kind),
            ("title", &chart.title),
            ("high", &fmt(high.0)),
            ("high-at", &place(high.1, high.2)),
            ("low", &fmt(low.0)),
            ("low-at", &place(low.1, low.2)),
        ],
    );
    if chart.kind == ChartKind::Lines {
        for s in &chart.series {
            if let (Some(first), Some(last)) = (s.values.first(), s.values.last()) {
                out.push(' ');
                out.push_str(&labels.format(
                    "chart-alt-series",
                    &[
                        ("series", &s.label),
                        ("first", &fmt(first.0)),
                        ("last", &fmt(last.0)),
                    ],
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(step(d("0"), d("1000")), d("200"));
        assert_eq!(step(d("-3200"), d("1400")), d("1000"));
        assert_eq!(step(d("0"), d("12")), d("2.5"));
        assert_eq!(step(d("0"), d("23")), d("5"));
        assert_eq!(step(d("0"), d("0.4")), d("0.2"));
    }
}
