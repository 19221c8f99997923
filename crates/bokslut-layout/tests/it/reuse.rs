//! A report that differs a little from the one rendered before it reuses that one's layout.
//!
//! Typst memoizes layout across compilations, but an element is reused only when its content
//! and its styles are unchanged, and a template that puts a report value in a set rule (the
//! title in `set document(..)`, the board in a page header that reads `data`) changes the
//! styles of everything: every paragraph and table cell is laid out again. This test counts,
//! with Typst's own trace, how many paragraphs a compile shapes (the trace's `prepare` scopes),
//! which does not depend on the machine's speed.
//!
//! It runs alone in a process of its own, because Typst's memo cache and trace are
//! process-wide: a test running beside it (the other tests of this binary, on other threads)
//! would add its own events and trim the cache. So the test starts this test binary again,
//! running only itself ([`alone`]).

use std::process::Command;

use bokslut_core::ValidReport;
use bokslut_layout::{Publisher, RenderOptions};

use crate::common::{EXAMPLE, read};

/// The example without its stated totals (which a changed figure would contradict; they
/// are not printed where they agree, so the layout is the same).
fn unstated() -> String {
    EXAMPLE
        .lines()
        .filter(|l| !l.starts_with("stated_total"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The example with `from` replaced by `to`, once (`from` must be there).
fn changed(from: &str, to: &str) -> ValidReport {
    let example = unstated();
    assert!(example.contains(from), "the example has no `{from}`");
    read(&example.replacen(from, to, 1))
}

/// Compiles a report with one publisher and counts the paragraphs Typst shaped to do it.
fn paragraphs_shaped(publisher: &Publisher, report: &ValidReport) -> usize {
    let prepared = publisher
        .prepare(report, &RenderOptions::default())
        .expect("prepared");
    typst_timing::clear();
    typst_timing::enable();
    let compiled = prepared.compile().expect("compiled");
    typst_timing::disable();
    assert!(compiled.pages() > 1);
    let mut trace = Vec::new();
    typst_timing::export_json(&mut trace, |_| (String::new(), 0)).expect("a trace");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&trace).expect("JSON");
    events
        .iter()
        .filter(|e| e["name"] == "prepare" && e["ph"] == "B")
        .count()
}

/// Set in the process that [`alone`] starts.
const ALONE: &str = "BOKSLUT_TEST_ALONE";

/// Whether this is the process in which the test `name` (of this module) runs alone; if
/// not, runs this test binary again with that test only, one thread, and asserts that it
/// passed there.
fn alone(name: &str) -> bool {
    if std::env::var_os(ALONE).is_some() {
        return true;
    }
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let test = format!("{module}::{name}");
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([&test, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .output()
        .expect("run the test binary");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{test}, alone:\n{text}");
    assert!(
        text.contains("1 passed"),
        "{test} did not run alone:\n{text}"
    );
    false
}

#[test]
fn a_report_that_differs_a_little_reuses_the_layout_of_the_last_one() {
    if !alone("a_report_that_differs_a_little_reuses_the_layout_of_the_last_one") {
        return;
    }
    let publisher = Publisher::new();
    let example = read(&unstated());
    typst::comemo::evict(0);
    let cold = paragraphs_shaped(&publisher, &example);
    // Every paragraph and table cell of the example, some of them more than once.
    assert!(cold > 300, "a cold compile shaped only {cold} paragraphs");

    // One figure of a financial table: that row's cells and the sums below it.
    let figure = changed("budget = 12337", "budget = 12338");
    let shaped = paragraphs_shaped(&publisher, &figure);
    assert!(
        shaped * 20 < cold,
        "one changed figure shaped {shaped} paragraphs of {cold}"
    );

    // The board is in the title page, the PDF metadata and every page header: only those.
    let board = changed(
        "board = \"Sydnärkes IT-nämnd\"",
        "board = \"Sydnärkes IT-nämnden\"",
    );
    publisher
        .prepare(&example, &RenderOptions::default())
        .expect("prepared")
        .compile()
        .expect("compiled");
    let shaped = paragraphs_shaped(&publisher, &board);
    assert!(
        shaped * 10 < cold,
        "another board shaped {shaped} paragraphs of {cold}"
    );

    // A word of prose: its paragraph.
    let prose = changed("Vår måluppfyllelse", "Vår måluppfyllnad");
    let shaped = paragraphs_shaped(&publisher, &prose);
    assert!(
        shaped * 20 < cold,
        "one changed word shaped {shaped} paragraphs of {cold}"
    );
}
