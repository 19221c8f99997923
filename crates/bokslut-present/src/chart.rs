//! A chart's template data: its figures as positions on the value axis (fractions of it, so
//! that the template and the web edition only scale), the axis' ticks on round values
//! formatted in the labels' language, and the alternative text made from the figures.

use bokslut_core::chart::{Category, ChartFigures, SeriesLabel};
use bokslut_core::compute::{ComputedTable, Heading};
use bokslut_core::{Chart, ChartKind, GoalCount, Status};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::format::NumberFormat;
use crate::labels::Labels;
use crate::theme::CHART_SERIES;

/// The bundled layout versions whose charts had no headroom above a figure near the axis'
/// end (the layout 2026.3 brought it): a report that names one gets its axis as it did.
pub const LAYOUTS_WITHOUT_HEADROOM: &[&str] = &["2026.1", "2026.2"];

/// The length of the value axis in the positions of [`SeriesItem::at`] and [`Tick::at`].
pub const SCALE: i64 = 10_000;

/// A chart: the template data of `chart` items.
#[derive(Debug, Serialize)]
pub struct ChartItem {
    /// `columns`, `bars`, `lines`, `stacked`, `stacked_bars` or `goal_status` (drawn as
    /// columns).
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
    /// In a stacked chart, each category's figures added (where its column or bar ends),
    /// formatted; empty in other kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<String>,
}

/// One series of a chart.
#[derive(Debug, Serialize)]
pub struct SeriesItem {
    /// Its name (report text).
    pub label: String,
    /// Its colour (`#rrggbb`, from [`CHART_SERIES`], or the profile's `[colours] chart`).
    pub colour: String,
    /// Its place among the series (0, 1, …): the pattern or marker it is drawn with.
    pub index: usize,
    /// Each figure's place on the value axis, 0 at its start and [`SCALE`] at its end; none
    /// for a gap (a cell printed "–" or empty in the table the figures come from).
    pub at: Vec<Option<i64>>,
    /// In a stacked chart, where each figure's part of its column starts (the top of the
    /// series before it); empty in other kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub base: Vec<Option<i64>>,
    /// Each figure, formatted ("–" for a gap).
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

/// The heading of a series: its own label, the heading of the table's column as the table
/// prints it, or what a goal status chart counts.
fn series_label(label: &SeriesLabel, tables: &[ComputedTable], labels: &Labels) -> String {
    match label {
        SeriesLabel::Text(text) => text.clone(),
        SeriesLabel::Column { table, column } => tables
            .get(*table)
            .and_then(|t| {
                t.columns.get(*column).map(|c| match &c.heading {
                    Heading::Label(l) => crate::money::column_label(*l, t, labels),
                    Heading::Text(text) => text.clone(),
                })
            })
            .unwrap_or_default(),
        SeriesLabel::Count(GoalCount::Goals) => labels.get("chart-count-goals"),
        SeriesLabel::Count(GoalCount::Indicators) => labels.get("chart-count-indicators"),
    }
}

/// A category as printed: report text, or a goal status in the labels' language.
fn category(category: &Category, labels: &Labels) -> String {
    match category {
        Category::Text(text) => text.clone(),
        Category::Total => labels.get("row-total"),
        Category::Status(status) => labels.get(match status {
            Status::Met => "goal-met",
            Status::PartlyMet => "goal-partly-met",
            Status::NotMet => "goal-not-met",
            Status::NotAssessed => "goal-not-assessed",
        }),
    }
}

/// The chart item of a chart block, from its resolved figures; `tables` are the report's
/// computed tables (for the headings of the columns a chart takes).
pub fn item(
    chart: &Chart,
    figures: &ChartFigures,
    tables: &[ComputedTable],
    labels: &Labels,
    numbers: &NumberFormat,
    layout: Option<&str>,
) -> ChartItem {
    let stacked = chart.kind.is_stacked();
    // A stacked chart's axis reaches its highest column: each category's figures added (none
    // where every part is a gap).
    let wholes: Vec<Option<Decimal>> = (0..figures.categories.len())
        .map(|c| {
            let mut parts = figures
                .series
                .iter()
                .filter_map(|s| s.values.get(c).copied().flatten())
                .peekable();
            parts.peek()?;
            Some(parts.fold(Decimal::ZERO, |a, v| a.checked_add(v).unwrap_or(a)))
        })
        .collect();
    let percent = figures.series.iter().all(|s| s.percent);
    let all = figures
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let low = all.clone().fold(Decimal::ZERO, Decimal::min);
    let high = if stacked {
        wholes
            .iter()
            .flatten()
            .copied()
            .fold(Decimal::ZERO, Decimal::max)
    } else {
        all.fold(Decimal::ZERO, Decimal::max)
    };
    let step = step(low, high);
    // Counts have whole ticks.
    let step = if chart.kind == ChartKind::GoalStatus {
        step.max(Decimal::ONE)
    } else {
        step
    };
    let mut start = (low / step).floor() * step;
    let mut end = (high / step).ceil() * step;
    if end == start {
        end = start + step;
    }
    // Upright, a figure's label stands beyond its column's end or beside its point: a figure
    // within 8 % of the axis' end gets one more step, so that its label stays inside.
    if !chart.kind.is_horizontal() && !layout.is_some_and(|l| LAYOUTS_WITHOUT_HEADROOM.contains(&l))
    {
        let room = (end - start) * Decimal::new(8, 2);
        if high > Decimal::ZERO && end - high < room {
            end += step;
        }
        if low < Decimal::ZERO && low - start < room {
            start -= step;
        }
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
    // Stacked: each series starts where the ones before it end, category by category.
    let mut sums = vec![Decimal::ZERO; figures.categories.len()];
    let series: Vec<SeriesItem> = figures
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| SeriesItem {
            label: series_label(&s.label, tables, labels),
            colour: CHART_SERIES[i % CHART_SERIES.len()].to_owned(),
            index: i,
            base: if stacked {
                sums.iter().map(|&b| Some(at(b))).collect()
            } else {
                Vec::new()
            },
            at: s
                .values
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    v.map(|v| match sums.get_mut(c) {
                        Some(sum) if stacked => {
                            *sum = sum.checked_add(v).unwrap_or(*sum);
                            at(*sum)
                        }
                        _ => at(v),
                    })
                })
                .collect(),
            values: s
                .values
                .iter()
                .map(|v| figure(*v, s.percent, numbers))
                .collect(),
        })
        .collect();
    let unit = match chart.unit.clone() {
        Some(unit) => unit,
        None => figures
            .unit
            .map(|u| crate::money::unit_name(u, labels))
            .unwrap_or_default(),
    };
    let categories: Vec<String> = figures
        .categories
        .iter()
        .map(|c| category(c, labels))
        .collect();
    let alt = match chart.alt.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(a) => a.to_owned(),
        None if chart.kind == ChartKind::GoalStatus => {
            counts_alt(chart, figures, &categories, &series, labels, numbers)
        }
        None if stacked => stacked_alt(
            chart,
            &wholes,
            &categories,
            &series,
            &unit,
            percent,
            labels,
            numbers,
        ),
        None => made_alt(chart, figures, &categories, &series, &unit, labels, numbers),
    };
    ChartItem {
        chart: chart.kind,
        title: chart.title.clone(),
        unit,
        alt,
        source: chart
            .source
            .as_deref()
            .map(|s| labels.format("chart-source", &[("source", s)]))
            .unwrap_or_default(),
        data_table: chart.data_table,
        data_label: labels.get("chart-data"),
        categories,
        series,
        axis: Axis {
            zero: at(Decimal::ZERO),
            ticks,
        },
        totals: if stacked {
            wholes
                .iter()
                .map(|v| figure(*v, percent, numbers))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The name of a chart's kind in the labels' language ("Stapeldiagram").
fn kind_label(kind: ChartKind, labels: &Labels) -> String {
    labels.get(match kind {
        ChartKind::Columns => "chart-kind-columns",
        ChartKind::Bars => "chart-kind-bars",
        ChartKind::Lines => "chart-kind-lines",
        ChartKind::GoalStatus => "chart-kind-goal-status",
        ChartKind::Stacked => "chart-kind-stacked",
        ChartKind::StackedBars => "chart-kind-stacked-bars",
    })
}

/// The alternative text of a stacked chart: its parts, and the largest and smallest whole
/// (a column's or bar's figures added) and where they are. A category whose every part is a
/// gap has no whole.
#[allow(clippy::too_many_arguments)]
fn stacked_alt(
    chart: &Chart,
    sums: &[Option<Decimal>],
    categories: &[String],
    series: &[SeriesItem],
    unit: &str,
    percent: bool,
    labels: &Labels,
    numbers: &NumberFormat,
) -> String {
    let given = sums
        .iter()
        .enumerate()
        .filter_map(|(c, v)| v.map(|v| (v, c)));
    // The first of equal figures: the one a reader meets first.
    let high = given
        .clone()
        .fold(None, |m: Option<(Decimal, usize)>, f| match m {
            Some(m) if m.0 >= f.0 => Some(m),
            _ => Some(f),
        });
    let low = given.fold(None, |m: Option<(Decimal, usize)>, f| match m {
        Some(m) if m.0 <= f.0 => Some(m),
        _ => Some(f),
    });
    let (Some(high), Some(low)) = (high, low) else {
        return chart.title.clone();
    };
    let fmt = |v: Decimal| {
        let v = figure(Some(v), percent, numbers);
        if unit.is_empty() || percent {
            v
        } else {
            format!("{v} {unit}")
        }
    };
    let parts: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    labels.format(
        "chart-alt-stacked",
        &[
            ("kind", &kind_label(chart.kind, labels)),
            ("title", &chart.title),
            ("parts", &parts.join(", ")),
            ("high", &fmt(high.0)),
            (
                "high-at",
                categories
                    .get(high.1)
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
            ("low", &fmt(low.0)),
            (
                "low-at",
                categories
                    .get(low.1)
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
        ],
    )
}

/// The alternative text of a goal status chart: how many there are, and how many of each
/// status ("Antal mål: 9; Uppfyllt 5, Delvis uppfyllt 2, Ej uppfyllt 2").
fn counts_alt(
    chart: &Chart,
    figures: &ChartFigures,
    categories: &[String],
    series: &[SeriesItem],
    labels: &Labels,
    numbers: &NumberFormat,
) -> String {
    let (Some(counted), Some(values)) = (series.first(), figures.series.first()) else {
        return chart.title.clone();
    };
    let total: Decimal = values.values.iter().flatten().sum();
    let counts: Vec<String> = categories
        .iter()
        .zip(&counted.values)
        .map(|(c, v)| format!("{c} {v}"))
        .collect();
    labels.format(
        "chart-alt-counts",
        &[
            ("kind", &labels.get("chart-kind-goal-status")),
            ("title", &chart.title),
            ("what", &counted.label),
            ("total", &numbers.number(total)),
            ("counts", &counts.join(", ")),
        ],
    )
}

/// A figure as the chart prints it: "–" for a gap, a share in per cent.
fn figure(value: Option<Decimal>, percent: bool, numbers: &NumberFormat) -> String {
    match value {
        None => crate::money::DASH.to_owned(),
        Some(v) if percent => numbers.percent(v),
        Some(v) => numbers.number(v),
    }
}

/// The alternative text made from the figures: kind, title, the highest and lowest figure
/// and where they are, and for a line chart each series' first and last figure (its trend).
/// A gap is no figure.
fn made_alt(
    chart: &Chart,
    figures: &ChartFigures,
    categories: &[String],
    series: &[SeriesItem],
    unit: &str,
    labels: &Labels,
    numbers: &NumberFormat,
) -> String {
    let fmt = |v: Decimal, s: usize| {
        let percent = figures.series.get(s).is_some_and(|s| s.percent);
        if percent {
            numbers.percent(v)
        } else if unit.is_empty() {
            numbers.number(v)
        } else {
            format!("{} {unit}", numbers.number(v))
        }
    };
    let multi = series.len() > 1;
    let place = |s: usize, c: usize| {
        let category = categories.get(c).cloned().unwrap_or_default();
        if multi {
            let label = series.get(s).map(|s| s.label.as_str()).unwrap_or_default();
            format!("{label}, {category}")
        } else {
            category
        }
    };
    let all = figures.series.iter().enumerate().flat_map(|(s, series)| {
        series
            .values
            .iter()
            .enumerate()
            .filter_map(move |(c, v)| v.map(|v| (v, s, c)))
    });
    let (Some(high), Some(low)) = (
        all.clone()
            .fold(None, |m: Option<(Decimal, usize, usize)>, f| match m {
                Some(m) if m.0 >= f.0 => Some(m),
                _ => Some(f),
            }),
        all.fold(None, |m: Option<(Decimal, usize, usize)>, f| match m {
            Some(m) if m.0 <= f.0 => Some(m),
            _ => Some(f),
        }),
    ) else {
        return chart.title.clone();
    };
    let kind = kind_label(chart.kind, labels);
    let mut out = labels.format(
        "chart-alt",
        &[
            ("kind", &kind),
            ("title", &chart.title),
            ("high", &fmt(high.0, high.1)),
            ("high-at", &place(high.1, high.2)),
            ("low", &fmt(low.0, low.1)),
            ("low-at", &place(low.1, low.2)),
        ],
    );
    if chart.kind == ChartKind::Lines {
        for (i, (s, item)) in figures.series.iter().zip(series).enumerate() {
            let mut given = s.values.iter().flatten();
            if let (Some(first), Some(last)) = (given.clone().next(), given.next_back()) {
                out.push(' ');
                out.push_str(&labels.format(
                    "chart-alt-series",
                    &[
                        ("series", &item.label),
                        ("first", &fmt(*first, i)),
                        ("last", &fmt(*last, i)),
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
