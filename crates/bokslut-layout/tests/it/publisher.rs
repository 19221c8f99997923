//! One publisher, many reports: shared between threads, the same bytes as alone; and the
//! synthetic reports of the benchmarks have the size they claim.

use bokslut_core::ValidReport;
use bokslut_layout::{Publisher, RenderOptions};

use crate::common::{EXAMPLE, read};

fn variant(n: u64) -> ValidReport {
    read(&bokslut_synth::variant(EXAMPLE, n).expect("TOML"))
}

#[test]
fn a_publisher_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Publisher>();
}

#[test]
fn one_publisher_renders_from_several_threads_the_bytes_of_separate_renders() {
    let reports: Vec<ValidReport> = (1..=8).map(variant).collect();
    let options = RenderOptions::default();
    // Alone: a fresh publisher for each report, one after another.
    let alone: Vec<Vec<u8>> = reports
        .iter()
        .map(|r| Publisher::new().render(r, &options).expect("rendered").pdf)
        .collect();
    // Shared: one publisher, four threads, each report twice in a different order.
    let publisher = Publisher::new();
    let shared: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let (publisher, reports, options) = (&publisher, &reports, &options);
                scope.spawn(move || {
                    (0..reports.len())
                        .map(|i| (i * 3 + t) % reports.len())
                        .map(|i| (i, publisher.render(&reports[i], options).unwrap().pdf))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut compared = 0;
    for (i, pdf) in shared.into_iter().flatten() {
        assert!(
            pdf == alone[i],
            "report {i} differs when rendered in parallel"
        );
        compared += 1;
    }
    assert_eq!(compared, 32);
    assert_ne!(alone[0], alone[1]);
}

#[test]
fn the_steps_give_the_bytes_of_a_render() {
    let publisher = Publisher::new();
    let options = RenderOptions::default();
    let report = variant(7);
    let prepared = publisher.prepare(&report, &options).unwrap();
    let json: serde_json::Value = serde_json::from_slice(prepared.data()).unwrap();
    assert!(json["board"].as_str().unwrap().contains("(variant 7)"));
    let compiled = prepared.compile().unwrap();
    let stepped = compiled.export().unwrap();
    assert_eq!(stepped.pages, compiled.pages());
    assert_eq!(
        stepped.pdf,
        publisher.render(&report, &options).unwrap().pdf
    );
}

#[test]
fn synthetic_reports_have_about_the_pages_they_are_made_for() {
    let publisher = Publisher::new();
    for pages in [10, 60] {
        let report = read(&bokslut_synth::report(pages));
        let rendered = publisher
            .render(&report, &RenderOptions::default())
            .expect("rendered");
        assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
        let off = rendered.pages.abs_diff(pages) as f64 / pages as f64;
        assert!(
            off <= 0.1,
            "a report made for {pages} pages has {}",
            rendered.pages
        );
    }
}
