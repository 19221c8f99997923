//! Criterion benchmark of paragraph layout against paragraph length (issue 26, "linear in the
//! input"): the render (Typst's cache emptied first, PDF bytes out) of 60 000 characters of
//! prose as paragraphs of 1 000, 2 000, 5 000 and 10 000 characters. With every paragraph
//! broken into lines as a whole, the time grew with the length; paragraphs of more than
//! 2 000 bytes are now broken a line at a time, so the time per character stays flat.
//!
//! Run: `cargo bench -p bokslut-layout --bench paragraphs`.

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use bokslut_layout::{Publisher, RenderOptions};

/// A report of 60 000 characters of prose in paragraphs of `size` characters (words of a
/// report, in a fixed pseudo-random order).
fn report(size: usize) -> String {
    const WORDS: [&str; 24] = [
        "kommunen",
        "budget",
        "utfall",
        "verksamheten",
        "nämnden",
        "prognos",
        "avvikelse",
        "personal",
        "lokaler",
        "investeringar",
        "under",
        "året",
        "har",
        "ökat",
        "minskat",
        "jämfört",
        "med",
        "föregående",
        "period",
        "och",
        "resultatet",
        "blev",
        "bättre",
        "än",
    ];
    let mut state = 1u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(state >> 33) as usize % WORDS.len()]
    };
    let mut text = String::from(
        "format_version = 1\n[meta]\norganisation = \"Exempelstad\"\nkind = \"annual\"\nperiod = { start = 2025-01-01, end = 2025-12-31 }\n\n[[chapters]]\ntitle = \"Text\"\n",
    );
    for _ in 0..60_000 / size {
        let mut par = String::new();
        while par.chars().count() + 14 < size {
            if !par.is_empty() {
                par.push(' ');
            }
            par.push_str(next());
        }
        text.push_str(&format!(
            "\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"{par}\"\n"
        ));
    }
    text
}

fn paragraphs(c: &mut Criterion) {
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("paragraphs");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for size in [1_000, 2_000, 5_000, 10_000] {
        let text = report(size);
        let checked =
            bokslut_core::check_str(&text, bokslut_core::Format::Toml, "report.toml".as_ref());
        let report = checked.report.expect("a valid report");
        group.bench_function(format!("{size}"), |b| {
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

criterion_group!(benches, paragraphs);
criterion_main!(benches);
