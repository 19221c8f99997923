//! Criterion benchmark of what a chart costs: the cold render (Typst's cache emptied first,
//! PDF bytes out) of the bundled example, of the example with one chart, and of the example
//! with one chart of each kind (columns, bars, lines, stacked columns, stacked bars and a goal
//! status summary). Issue 24 asks that a chart add at most 10 ms to the cold render of the
//! example: the difference between `example` and `one-chart`, and a sixth of that between
//! `example` and `six-charts`.
//!
//! Run: `cargo bench -p bokslut-layout --bench chart`.

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use bokslut_core::ValidReport;
use bokslut_layout::{Publisher, RenderOptions};

const EXAMPLE: &str = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");

/// A chapter of charts with figures of their own (the example's 2020 interim figures, tkr),
/// the first `count` of them.
fn with_charts(count: usize) -> String {
    const CHARTS: [&str; 6] = [
        r#"
[[chapters.blocks]]
type = "chart"
kind = "columns"
title = "Budget och prognos per kostnadsslag"
unit = "tkr"
categories = ["Personal", "Lokaler", "Övriga kostnader", "Kapitalkostnader"]
series = [
  { label = "Budget", values = [19321, 1072, 320, 11728] },
  { label = "Prognos", values = [18844, 1072, 320, 10711] },
]
"#,
        r#"
[[chapters.blocks]]
type = "chart"
kind = "bars"
title = "Avvikelse per kostnadsslag"
unit = "tkr"
categories = ["Personal", "Lokaler", "Övriga kostnader", "Kapitalkostnader"]
series = [{ label = "Avvikelse", values = [477, 0, -57, 1017] }]
"#,
        r#"
[[chapters.blocks]]
type = "chart"
kind = "lines"
title = "Nettokostnad per år"
unit = "tkr"
categories = ["2016", "2017", "2018", "2019", "2020"]
series = [
  { label = "Budget", values = [-610, -480, -350, -200, 0] },
  { label = "Utfall", values = [-820, -310, -510, -1564, -1579] },
]
"#,
        r#"
[[chapters.blocks]]
type = "chart"
kind = "stacked"
title = "Kostnader per kostnadsslag"
unit = "tkr"
categories = ["Budget", "Prognos"]
series = [
  { label = "Personal", values = [19321, 18844] },
  { label = "Lokaler", values = [1072, 1072] },
  { label = "Kapitalkostnader", values = [11728, 10711] },
]
"#,
        r#"
[[chapters.blocks]]
type = "chart"
kind = "stacked_bars"
title = "Investeringar, utfall och återstående budget"
unit = "tkr"
categories = ["IT INVEST LEKEBERG", "IT INVEST LAXÅ", "IT INVEST ASKERSUND", "IT INVEST HALLSBERG"]
series = [
  { label = "Utfall", values = [621, 198, 1219, 660] },
  { label = "Återstår", values = [857, 1138, 1554, 1522] },
]
"#,
        r#"
[[chapters.blocks]]
type = "chart"
kind = "goal_status"
title = "Måluppfyllelse"
"#,
    ];
    let mut text = EXAMPLE.to_owned();
    text.push_str("\n[[chapters]]\ntitle = \"Diagram\"\n");
    for chart in CHARTS.iter().take(count) {
        text.push_str(chart);
    }
    text
}

fn report(text: &str) -> ValidReport {
    let checked = bokslut_core::check_str(text, bokslut_core::Format::Toml, "report.toml".as_ref());
    checked.report.unwrap_or_else(|| {
        panic!("a valid report: {:?}", checked.diagnostics);
    })
}

fn charts(c: &mut Criterion) {
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("chart");
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    for (name, text) in [
        ("example", EXAMPLE.to_owned()),
        ("one-chart", with_charts(1)),
        ("six-charts", with_charts(6)),
    ] {
        let report = report(&text);
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    typst::comemo::evict(0);
                    report.clone()
                },
                |report| publisher.render(&report, &options).map(|r| r.pdf.len()),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
