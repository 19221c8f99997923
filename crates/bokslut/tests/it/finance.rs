//! Financial tables of real published reports of Swedish municipalities, in the shapes they
//! print (`tests/fixtures/finance/`, each file naming its source in its first lines): every
//! figure the source printed is read back from the rendered PDF, in Swedish and English, in
//! its row and in its column's order; computed figures the source printed differently (its own
//! rounding) are printed as the source printed them, and `check` names each one.

use std::path::PathBuf;

use bokslut_core::{Block, CheckOptions, MoneyTable, Severity, ValidReport, check_file_with};
use rust_decimal::Decimal;

use crate::common::{bokslut, norm, pdf_text, render, root, toml_files};

fn fixtures() -> Vec<PathBuf> {
    let files = toml_files(&root().join("tests/fixtures/finance"));
    assert!(files.len() >= 7, "{} fixtures", files.len());
    files
}

/// A figure written as the labels' language writes it, with the column's decimals.
fn written(value: Decimal, decimals: u32, english: bool) -> String {
    let mut v = value;
    if v.scale() < decimals {
        v.rescale(decimals);
    }
    let text = v.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    // "−0" only where the source printed it (bokslut's own zeros carry no sign).
    if v.is_sign_negative() {
        out.push('\u{2212}');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(if english { ',' } else { ' ' });
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(if english { '.' } else { ',' });
        out.push_str(frac);
    }
    out
}

/// The tables of a report as written (the source's figures), each with its computed twin.
fn tables(report: &ValidReport) -> Vec<(&MoneyTable, &bokslut_core::compute::ComputedTable)> {
    fn walk<'a>(chapters: &'a [bokslut_core::Chapter], out: &mut Vec<&'a MoneyTable>) {
        for c in chapters {
            for b in &c.blocks {
                if let Block::Finance(t) | Block::Investments(t) = b {
                    out.push(t);
                }
            }
            walk(&c.sections, out);
        }
    }
    let mut written = Vec::new();
    walk(&report.report().chapters, &mut written);
    assert_eq!(written.len(), report.tables().len());
    written.into_iter().zip(report.tables()).collect()
}

/// For every row of every table: the figures the source printed, in column order, as the
/// labels' language writes them with the row's decimals (a cell the source left empty is
/// absent; one it printed "–" is "–").
fn expected_rows(report: &ValidReport, english: bool) -> Vec<(String, Vec<String>)> {
    let mut rows = Vec::new();
    for (table, computed) in tables(report) {
        let stated_rows = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.figures.clone(), r.decimals))
            .chain(table.stated_total.clone().map(|f| {
                (
                    table.total_label.clone().unwrap_or_default(),
                    f.figures,
                    table.total_decimals,
                )
            }));
        for ((label, figures, decimals), row) in stated_rows.zip(&computed.rows) {
            let cells: Vec<String> = computed
                .columns
                .iter()
                .zip(&row.cells)
                .zip(&row.dashes)
                .filter_map(|((column, printed), dash)| {
                    if *dash {
                        return Some("–".to_owned());
                    }
                    // The source's figure; where it printed none in a computed cell, bokslut's.
                    let value = figures.get(&column.id).or(*printed)?;
                    Some(written(value, decimals.unwrap_or(column.decimals), english))
                })
                .collect();
            if !cells.is_empty() {
                rows.push((label, cells));
            }
        }
    }
    rows
}

#[test]
fn every_printed_figure_of_every_fixture_is_read_back_from_the_pdf_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut figures = 0;
    for input in fixtures() {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let checked = check_file_with(&input, CheckOptions::default());
        let report = checked
            .report
            .unwrap_or_else(|| panic!("{name}: {:#?}", checked.diagnostics));
        for (lang, extra, english) in [
            ("sv", &[][..], false),
            ("en", &["--locale", "en"][..], true),
        ] {
            let pdf = dir.path().join(format!("{name}-{lang}.pdf"));
            // A slip of the source, marked as such, renders with its warning (file 14).
            let warnings: Vec<&str> = checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .map(|d| d.message.as_str())
                .collect();
            if warnings.is_empty() {
                render(&input, &pdf, extra);
            } else {
                let mut args = vec!["render", input.to_str().unwrap(), "-o"];
                args.push(pdf.to_str().unwrap());
                args.extend_from_slice(extra);
                let out = bokslut(&args);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "{name}: {stderr}");
                for warning in &warnings {
                    assert!(warning.contains("marked as the source's slip"), "{warning}");
                    assert!(stderr.contains(warning), "{name}: {stderr}");
                }
            }
            let text = pdf_text(&pdf, None, true);
            let lines: Vec<String> = text.lines().map(norm).collect();
            let mut from = 0;
            for (label, cells) in expected_rows(&report, english) {
                let wanted: String = cells.iter().map(|c| norm(c)).collect();
                let found = lines[from..]
                    .iter()
                    .position(|line| line.contains(&wanted))
                    .unwrap_or_else(|| {
                        panic!(
                            "{name} ({lang}): the row \"{label}\" with {cells:?} is not on a line of the PDF after line {from}:\n{text}"
                        )
                    });
                from += found;
                figures += cells.len();
            }
            // Every label of the source, in the text in reading order (labels may wrap).
            let flat = norm(&pdf_text(&pdf, None, false));
            for (table, _) in tables(&report) {
                for row in &table.rows {
                    assert!(flat.contains(&norm(&row.label)), "{name}: {}", row.label);
                }
            }
        }
    }
    assert!(figures > 1000, "{figures} figures read back");
}

#[test]
fn a_reproduction_prints_the_sources_rounding_and_check_names_each_difference() {
    // Västervik's 2020 report prints totals one tenth of a million off the sum of their rows.
    let input = root().join("tests/fixtures/finance/07-mnkr-rounding.toml");
    let out = bokslut(&["check", input.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "note: the stated costs total of \"Driftsredovisning, kommunen\" is -991.9, but its rows add up to -992.0: within rounding"
        ),
        "{stderr}"
    );
    let checked = check_file_with(&input, CheckOptions::default());
    let notes = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    assert!(notes >= 5, "{notes} notes");
    // The same data as a new report: the computed figure is right, the stated one an error.
    let text = std::fs::read_to_string(&input)
        .unwrap()
        .replace("reproduction = true", "reproduction = false");
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    std::fs::write(&new, text).unwrap();
    let pdf = dir.path().join("new.pdf");
    let out = bokslut(&["render", new.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: the stated costs total of \"Driftsredovisning, kommunen\" is -991.9, but its rows add up to -992.0"
        ),
        "{stderr}"
    );
    assert!(!pdf.exists());
}

#[test]
fn a_difference_larger_than_rounding_is_an_error_even_in_a_reproduction() {
    let input = root().join("tests/fixtures/finance/07-mnkr-rounding.toml");
    let text = std::fs::read_to_string(&input).unwrap();
    assert!(text.contains("costs = -991.9"));
    let dir = tempfile::tempdir().unwrap();
    let off = dir.path().join("off.toml");
    std::fs::write(&off, text.replacen("costs = -991.9", "costs = -995.9", 1)).unwrap();
    let out = bokslut(&["check", off.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("more than rounding explains"), "{stderr}");
}

#[test]
fn presets_compute_their_columns_and_missing_figures_print_empty() {
    let text = r#"format_version = 1
[meta]
organisation = "Exempel kommun"
board = "Kultur- och fritidsnämnden"
kind = "annual"
period = { start = 2023-01-01, end = 2023-12-31 }
unit = "mnkr"

[[chapters]]
title = "Ekonomi"

[[chapters.blocks]]
type = "finance"
preset = "net_cost"
convention = "unsigned"
decimals = 1
total_label = "Totalt"
rows = [
  { label = "Bibliotek", income = 1.2, costs = 10.4, allocation = 9.5 },
  { label = "Fritidsgårdar", income = 0, costs = 5.4, allocation = 5.4 },
  { label = "Simhall", costs = 7.0 },
]

[[chapters.blocks]]
type = "investments"
preset = "investments_carried"
decimals = 1
rows = [
  { group = "Objekt under 3 mnkr" },
  { label = "Lekplatser", original_budget = 1.0, carried_over = 0.5, outcome = 1.2, forecast = 1.4 },
  { label = "Belysning", original_budget = 2.0, outcome = 0.3, forecast = 1.9 },
  { subtotal = "Summa objekt under 3 mnkr" },
  { group = "Objekt över 3 mnkr" },
  { label = "Ishall", original_budget = 30.0, carried_over = 12.3, outcome = 20.0, forecast = 41.0 },
  { subtotal = "Summa objekt över 3 mnkr" },
]
"#;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("presets.toml");
    std::fs::write(&input, text).unwrap();
    let pdf = dir.path().join("presets.pdf");
    render(&input, &pdf, &[]);
    let lines: Vec<String> = pdf_text(&pdf, None, true).lines().map(norm).collect();
    let has = |wanted: &str| {
        let wanted = norm(wanted);
        assert!(
            lines.iter().any(|l| l.contains(&wanted)),
            "no line with {wanted}:\n{lines:#?}"
        );
    };
    // Net cost = costs − income; deviation = allocation − net cost; a zero prints 0,0.
    has("Bibliotek 1,2 10,4 9,2 9,5 0,3");
    has("Fritidsgårdar 0,0 5,4 5,4 5,4 0,0");
    // No income and no allocation given: those cells, and what needs them, stay empty.
    has("Simhall 7,0");
    assert!(!lines.iter().any(|l| l.contains(&norm("Simhall 0,0"))));
    has("Totalt 1,2 22,8 21,6 14,9 −6,7");
    // Total budget = original + carried over; subtotals per group; the grand total.
    has("Lekplatser 1,0 0,5 1,5 1,2 1,4 0,1");
    has("Summa objekt under 3 mnkr 3,0 0,5 3,5 1,5 3,3 0,2");
    has("Summa objekt över 3 mnkr 30,0 12,3 42,3 20,0 41,0 1,3");
    has("Summa 33,0 12,8 45,8 21,5 44,3 1,5");
    let flat = norm(&pdf_text(&pdf, None, false));
    assert!(
        flat.contains(&norm(
            "Belopp i mnkr. Intäkter och kostnader anges positivt. Nettokostnad = Kostnader − Intäkter. Avvikelse = Kommunbidrag − Nettokostnad."
        )),
        "{flat}"
    );
    assert!(flat.contains(&norm("Total budget = Ursprunglig budget + Ombudgetering.")));
}

/// A total the source printed as "–" (every row "–" in that column) is given as "–" in
/// `stated_total` and printed so; a "–" where the rows add up to a figure is an error at
/// that figure of `stated_total` in a new report, a warning in a reproduction.
#[test]
fn a_stated_total_may_print_a_dash() {
    let report = |forecast_a: &str, reproduction: bool| {
        format!(
            r#"format_version = 1
[meta]
organisation = "Exempelstad"
board = "Servicenämnden"
kind = "interim"
period = {{ start = 2025-01-01, end = 2025-07-31 }}
reproduction = {reproduction}

[[chapters]]
title = "Ekonomi"

[[chapters.blocks]]
type = "finance"
preset = "interim"
rows = [
  {{ label = "Administration", budget = 10, outcome = 5, forecast = {forecast_a} }},
  {{ label = "Drift", budget = 20, outcome = 7, forecast = "–" }},
]
stated_total = {{ budget = 30, outcome = 12, forecast = "–" }}
"#
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dash.toml");
    std::fs::write(&input, report("\"–\"", false)).unwrap();
    let pdf = dir.path().join("dash.pdf");
    crate::common::render(&input, &pdf, &[]);
    let text = crate::common::pdf_text(&pdf, None, true);
    let total = text
        .lines()
        .find(|l| l.trim_start().starts_with("Summa"))
        .unwrap_or_else(|| panic!("{text}"));
    let cells: Vec<&str> = total.split_whitespace().skip(1).collect();
    assert_eq!(cells[..3], ["30", "12", "–"], "{total}");
    std::fs::write(&input, report("3", false)).unwrap();
    let (code, stderr) = crate::common::run(&["check", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: the stated total prints \"–\" (nothing to report) for `forecast`, but the rows add up to 3")
            && stderr.contains("dash.toml:19:45 (at chapters[0].blocks[0].stated_total.forecast)"),
        "{stderr}"
    );
    std::fs::write(&input, report("3", true)).unwrap();
    let (code, stderr) = crate::common::run(&["check", input.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: the stated total prints \"–\""),
        "{stderr}"
    );
}
