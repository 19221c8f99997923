//! Criterion benchmarks of each step of a render, for the bundled example report and for
//! synthetic reports of about 10, 100 and 500 pages (`bokslut-synth`).
//!
//! Run: `cargo bench -p bokslut-layout --bench render` (add a filter such as `example` to run
//! part of it). Steps: `read` (parse TOML and validate), `prepare` (labels, figures, the
//! document the template prints), `compile` (Typst layout), `export` (PDF bytes), and
//! `render` (the last three, as `Publisher::render` does them, each time another report),
//! `render-edited` (the report rendered before it with one figure changed, as when a user
//! corrects a figure and renders again), `render-again` (the same report again) and
//! `render-empty-cache` (another report with Typst's cache emptied first: no reuse at all).
//!
//! Typst memoizes layout across compilations: compiling the same data twice costs almost
//! nothing, and a report that shares content with the one before it (the same prose, the
//! same labels) lays out again only what differs. `compile` and `render` take a different
//! report at each iteration (variants of the same report with every financial figure moved
//! and another board name, so every page header changes) and Typst's cache is trimmed after
//! each, as in a long-running service; `render-empty-cache` is the cost of a report that shares
//! nothing with the one before.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use bokslut_core::ValidReport;
use bokslut_layout::{Publisher, RenderOptions, trim_caches};

const EXAMPLE: &str = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");

/// Distinct variants of a report, parsed; cycled through by the benchmarks.
struct Reports {
    source: String,
    variants: Vec<ValidReport>,
    next: usize,
}

impl Reports {
    /// `count` reports made from `source` by `make`.
    fn new(source: String, count: u64, make: fn(&str, u64) -> Option<String>) -> Reports {
        let variants = (1..=count)
            .map(|n| {
                let text = make(&source, n).expect("a TOML report");
                bokslut_core::check_str(&text, bokslut_core::Format::Toml, "variant.toml".as_ref())
                    .report
                    .expect("a valid report")
            })
            .collect();
        Reports {
            source,
            variants,
            next: 0,
        }
    }

    fn next(&mut self) -> &ValidReport {
        self.next = (self.next + 1) % self.variants.len();
        &self.variants[self.next]
    }
}

fn steps(c: &mut Criterion, name: &str, source: String, variants: u64, samples: usize) {
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let mut reports = Reports::new(source.clone(), variants, bokslut_synth::variant);
    let mut edits = Reports::new(source, variants, bokslut_synth::edited);
    let mut group = c.benchmark_group(name);
    group.sample_size(samples);
    if samples < 100 {
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(5));
    }

    group.bench_function("read", |b| {
        b.iter(|| {
            bokslut_core::check_str(
                black_box(&reports.source),
                bokslut_core::Format::Toml,
                "report.toml".as_ref(),
            )
        })
    });
    let report = reports.variants[0].clone();
    group.bench_function("prepare", |b| {
        b.iter(|| {
            publisher
                .prepare(black_box(&report), &options)
                .map(|p| p.data().len())
        })
    });
    group.bench_function("compile", |b| {
        b.iter_batched(
            || {
                publisher
                    .prepare(reports.next(), &options)
                    .expect("prepared")
            },
            |prepared| {
                let compiled = prepared.compile().map(|c| c.pages());
                trim_caches();
                compiled
            },
            BatchSize::PerIteration,
        )
    });
    let compiled = publisher
        .prepare(&report, &options)
        .and_then(|p| p.compile())
        .expect("compiled");
    group.bench_function("export", |b| {
        b.iter(|| compiled.export().map(|r| r.pdf.len()))
    });
    group.bench_function("render", |b| {
        b.iter_batched(
            || reports.next().clone(),
            |report| publisher.render(&report, &options).map(|r| r.pdf.len()),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("render-edited", |b| {
        b.iter_batched(
            || edits.next().clone(),
            |report| publisher.render(&report, &options).map(|r| r.pdf.len()),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("render-again", |b| {
        b.iter(|| publisher.render(&report, &options).map(|r| r.pdf.len()))
    });
    group.bench_function("render-empty-cache", |b| {
        b.iter_batched(
            || {
                typst::comemo::evict(0);
                reports.next().clone()
            },
            |report| publisher.render(&report, &options).map(|r| r.pdf.len()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn example(c: &mut Criterion) {
    steps(c, "example", EXAMPLE.to_owned(), 64, 100);
}

fn synthetic(c: &mut Criterion) {
    for (pages, samples) in [(10, 30), (100, 10), (500, 10)] {
        steps(
            c,
            &format!("synthetic-{pages}p"),
            bokslut_synth::report(pages),
            4,
            samples,
        );
    }
}

criterion_group!(benches, example, synthetic);
criterion_main!(benches);
