//! The municipality's annual report (issue 22): statements, notes, five years in summary and
//! the balanskravsutredning of real published reports (`tests/fixtures/annual/`, each naming
//! its source). Every figure and every note reference is read back from the PDF in row order,
//! in Swedish and English; each reference is a link to its note and each note links back
//! (in the PDF's annotations and in the web edition); `check` names every rounding slip of a
//! source; a new report whose balance sheet does not balance is refused naming both sums.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use bokslut_core::statement::{ComputedStatement, Printed};
use bokslut_core::{CheckOptions, Part, Severity, ValidReport, check_file_with};
use rust_decimal::Decimal;

use crate::common::{bokslut, norm, pdf_text, render, root, toml_files};

fn fixtures() -> Vec<PathBuf> {
    let files = toml_files(&root().join("tests/fixtures/annual"));
    assert!(files.len() >= 3, "{} fixtures", files.len());
    files
}

fn valid(input: &Path) -> ValidReport {
    let checked = check_file_with(input, CheckOptions::default());
    checked
        .report
        .unwrap_or_else(|| panic!("{}: {:#?}", input.display(), checked.diagnostics))
}

/// A figure as the labels' language writes it (written here again, not by bokslut's code).
fn written(value: Decimal, english: bool) -> String {
    let text = value.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value.is_sign_negative() && !value.is_zero() {
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

/// Every table in reading order: the statements, and each note's tables after it.
fn tables(report: &ValidReport) -> Vec<&ComputedStatement> {
    let mut out = Vec::new();
    for part in report.parts() {
        match part {
            Part::Statement { table, .. } => out.push(table),
            Part::Note { note, .. } => out.extend(&note.tables),
            _ => {}
        }
    }
    out
}

/// For every row with something printed: its label and its cells as printed, left to right
/// (note numbers, figures, "–"; empty cells absent).
fn expected_rows(report: &ValidReport, english: bool) -> Vec<(String, Vec<String>)> {
    let notes = &report.statements().notes;
    let mut rows = Vec::new();
    for table in tables(report) {
        for row in &table.rows {
            let mut cells = Vec::new();
            for (e, figures) in row.cells.iter().enumerate() {
                let numbers: Vec<String> = row.notes[e]
                    .iter()
                    .map(|&n| notes[n].number.to_string())
                    .collect();
                if !numbers.is_empty() {
                    cells.push(numbers.join(", "));
                }
                for cell in figures {
                    match cell {
                        Printed::Empty => {}
                        Printed::Dash => cells.push("–".to_owned()),
                        Printed::Figure(v) => cells.push(written(*v, english)),
                    }
                }
            }
            if !cells.is_empty() {
                rows.push((row.label.clone(), cells));
            }
        }
    }
    rows
}

#[test]
fn every_figure_and_note_reference_is_read_back_from_the_pdf_in_row_order_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut figures = 0;
    for input in fixtures() {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let report = valid(&input);
        for (lang, extra, english) in [
            ("sv", &[][..], false),
            ("en", &["--locale", "en"][..], true),
        ] {
            let pdf = dir.path().join(format!("{name}-{lang}.pdf"));
            render(&input, &pdf, extra);
            let text = pdf_text(&pdf, None, true);
            let lines: Vec<String> = text.lines().map(norm).collect();
            let mut from = 0;
            for (label, cells) in expected_rows(&report, english) {
                let wanted: String = cells.iter().map(|c| norm(c)).collect();
                let found = lines[from..]
                    .iter()
                    .position(|line| line.ends_with(&wanted))
                    .unwrap_or_else(|| {
                        panic!("{name} ({lang}): the row \"{label}\" with {cells:?} is not at the end of a line after line {from}:\n{text}")
                    });
                from += found + 1;
                figures += cells.len();
            }
            let flat = norm(&pdf_text(&pdf, None, false));
            for table in tables(&report) {
                for row in &table.rows {
                    assert!(flat.contains(&norm(&row.label)), "{name}: {}", row.label);
                }
            }
            // The sentence under a table says what is true of it.
            let income = if english {
                "Income is shown positive"
            } else {
                "Intäkter anges positivt"
            };
            let has_income_statement = report
                .statements()
                .tables
                .iter()
                .any(|t| t.preset == Some(bokslut_core::StatementPreset::IncomeStatement));
            assert_eq!(
                text.matches(income).count(),
                usize::from(has_income_statement),
                "{name} ({lang}): the income sentence only under the income statement"
            );
        }
    }
    assert!(figures > 800, "{figures} figures read back");
}

/// Where a link leads: a named destination, or a place on a page (its top edge).
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Name(String),
    At { page: usize, y: f64 },
}

/// A link annotation: its page, its rectangle's lower and upper edge, and where it leads.
#[derive(Debug, Clone)]
struct Link {
    page: usize,
    bottom: f64,
    top: f64,
    target: Target,
}

/// The link annotations of a PDF and its named destinations, read from qpdf's QDF form.
struct Links {
    links: Vec<Link>,
    named: HashMap<String, Target>,
}

impl Links {
    /// Where a target leads, a name resolved.
    fn place(&self, target: &Target) -> Option<(usize, f64)> {
        match target {
            Target::At { page, y } => Some((*page, *y)),
            Target::Name(n) => self.named.get(n).and_then(|t| self.place(t)),
        }
    }
}

fn objects(qdf: &str) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    for chunk in qdf.split("endobj") {
        let Some(at) = chunk.find(" 0 obj") else {
            continue;
        };
        let head = &chunk[..at];
        let id: u32 = head
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        out.insert(id, chunk[at + 6..].to_owned());
    }
    out
}

fn links(pdf: &Path) -> Links {
    let qdf = pdf.with_extension("qdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .status()
        .expect("qpdf must be installed (tests/setup.sh)");
    assert!(status.success());
    let text = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let objs = objects(&text);
    // Pages in order: qpdf marks each page object with "%% Page n".
    let mut pages: HashMap<u32, usize> = HashMap::new();
    for part in text.split("%% Page ").skip(1) {
        let n: usize = part.split_whitespace().next().unwrap().parse().unwrap();
        if let Some(obj) = part.lines().find(|l| l.ends_with(" 0 obj")) {
            let id: u32 = obj.split_whitespace().next().unwrap().parse().unwrap();
            pages.insert(id, n);
        }
    }
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // `[ 20 0 R /XYZ x y z ]`, or `N 0 R` naming such an array.
    let place = |value: &str| -> Target {
        let array = match value.trim().strip_suffix(" 0 R") {
            Some(id) => objs[&id.trim().parse::<u32>().unwrap()].clone(),
            None => value.to_owned(),
        };
        let tokens: Vec<String> = flat(&array.replace(['[', ']'], " "))
            .split(' ')
            .map(str::to_owned)
            .collect();
        let page: u32 = tokens[0]
            .parse()
            .unwrap_or_else(|_| panic!("a destination: {array}"));
        Target::At {
            page: pages[&page],
            y: tokens[5].parse().unwrap(),
        }
    };
    let mut links = Vec::new();
    for (&id, body) in &objs {
        let Some(&page) = pages.get(&id) else {
            continue;
        };
        let Some(annots) = body.split("/Annots").nth(1) else {
            continue;
        };
        let annots = flat(annots);
        let list = annots
            .split(']')
            .next()
            .unwrap()
            .trim_start_matches(['[', ' ']);
        for r in list.split(" R").map(str::trim).filter(|r| !r.is_empty()) {
            let aid: u32 = r.split_whitespace().next().unwrap().parse().unwrap();
            let annot = flat(&objs[&aid]);
            if !annot.contains("/Subtype /Link") {
                continue;
            }
            let d = annot
                .split("/Dest ")
                .nth(1)
                .expect("a link with a destination");
            let target = if let Some(name) = d.strip_prefix('(') {
                Target::Name(name.split(')').next().unwrap().to_owned())
            } else if d.starts_with('[') {
                place(&format!("{}]", d.split(']').next().unwrap()))
            } else {
                place(&(d.split(" R").next().unwrap().to_owned() + " R"))
            };
            let rect: Vec<f64> = annot
                .split("/Rect [ ")
                .nth(1)
                .unwrap()
                .split(" ]")
                .next()
                .unwrap()
                .split(' ')
                .map(|t| t.parse().unwrap())
                .collect();
            links.push(Link {
                page,
                bottom: rect[1],
                top: rect[3],
                target,
            });
        }
    }
    let mut named = HashMap::new();
    for body in objs.values() {
        let body = flat(body);
        let Some(names) = body.split("/Dests << /Names [").nth(1) else {
            continue;
        };
        let names = names.split(']').next().unwrap();
        for pair in names.split(" R") {
            let pair = pair.trim();
            let (Some(open), Some(close)) = (pair.find('('), pair.find(')')) else {
                continue;
            };
            let name = pair[open + 1..close].to_owned();
            let reference = pair[close + 1..].trim().to_owned() + " R";
            named.insert(name, place(&reference));
        }
    }
    links.sort_by(|a, b| (a.page, -a.top).partial_cmp(&(b.page, -b.top)).unwrap());
    Links { links, named }
}

#[test]
fn each_note_reference_links_to_its_note_and_the_note_back_in_the_pdf_and_the_html() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/fixtures/annual/kramfors-2018.toml");
    let report = valid(&input);
    let notes = &report.statements().notes;
    // The references, in document order: note ids.
    let mut references: Vec<&str> = Vec::new();
    for table in tables(&report) {
        for row in &table.rows {
            for linked in &row.notes {
                references.extend(linked.iter().map(|&n| notes[n].id.as_str()));
            }
        }
    }
    assert_eq!(references.len(), 5, "{references:?}");
    let pdf = dir.path().join("kramfors.pdf");
    render(&input, &pdf, &["--format", "pdf,html"]);
    let found = links(&pdf);
    for note in notes {
        let Some((note_page, note_y)) = found.place(&Target::Name(format!("note-{}", note.id)))
        else {
            panic!(
                "no destination for the note `{}`: {:?}",
                note.id, found.named
            )
        };
        // The note's heading is on that page.
        let page_text = norm(&pdf_text(&pdf, Some(note_page), false));
        assert!(
            page_text.contains(&norm(&format!("Not {} {}", note.number, note.title))),
            "page {note_page} holds the note {}",
            note.number
        );
        // The links to it: one per reference, in reading order.
        let to_note: Vec<&Link> = found
            .links
            .iter()
            .filter(|l| found.place(&l.target) == Some((note_page, note_y)))
            .collect();
        let expected = references.iter().filter(|r| **r == note.id).count();
        assert_eq!(to_note.len(), expected, "links to the note `{}`", note.id);
        // Each has a link back from the note's page, to where it stands.
        for reference in &to_note {
            let back = found.links.iter().any(|l| {
                l.page == note_page
                    && found.place(&l.target).is_some_and(|(page, y)| {
                        page == reference.page
                            && y >= reference.bottom - 2.0
                            && y <= reference.top + 14.0
                    })
            });
            assert!(
                back,
                "the note `{}` has no link back to its reference on page {} at {}",
                note.id, reference.page, reference.top
            );
        }
    }
    // The web edition: every reference an anchor of its own linking to the note, whose
    // heading has the note's anchor and whose end links back.
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &references {
        let k = counts.entry(id).or_default();
        *k += 1;
        let link = format!("<a id=\"ref-{id}-{k}\" href=\"#note-{id}\">");
        assert!(html.contains(&link), "{link}");
        assert!(html.contains(&format!("id=\"note-{id}\"")), "note-{id}");
        assert!(
            html.contains(&format!("<a href=\"#ref-{id}-{k}\">")),
            "the note {id} links back to ref-{id}-{k}"
        );
    }
}

#[test]
fn check_names_every_rounding_slip_of_each_source_as_a_note() {
    let input = root().join("tests/fixtures/annual/kramfors-2018.toml");
    let checked = check_file_with(&input, CheckOptions::default());
    assert!(checked.report.is_some(), "{:#?}", checked.diagnostics);
    let notes: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| {
            let m = &d.message;
            m[..m.find(" is printed").unwrap()].to_owned()
        })
        .collect();
    // The slips the file's header lists, with the results they carry on to.
    let expected = [
        "\"Verksamhetens nettokostnader\" (Kommunen, 2018) in \"Resultaträkning\"",
        "\"Verksamhetens nettokostnader\" (Kommunen, 2017) in \"Resultaträkning\"",
        "\"Resultat före extraordinära poster\" (Kommunen, 2018) in \"Resultaträkning\"",
        "\"Resultat före extraordinära poster\" (Kommunen, 2017) in \"Resultaträkning\"",
        "\"ÅRETS RESULTAT\" (Kommunen, 2018) in \"Resultaträkning\"",
        "\"ÅRETS RESULTAT\" (Kommunen, 2017) in \"Resultaträkning\"",
        "\"Summa anläggningstillgångar\" (Kommunen, 2018) in \"Balansräkning\"",
        "\"Summa omsättningstillgångar\" (Kommunen, 2018) in \"Balansräkning\"",
        "\"Summa eget kapital\" (Kommunen, 2018) in \"Balansräkning\"",
        "\"Summa eget kapital\" (Kommunen, 2017) in \"Balansräkning\"",
        "\"Summa eget kapital\" (Koncernen, 2017) in \"Balansräkning\"",
        "\"Summa skulder\" (Kommunen, 2018) in \"Balansräkning\"",
        "\"Summa eget kapital, avsättningar och skulder\" (Koncernen, 2017) in \"Balansräkning\"",
        "\"Medel från verksamheten före förändring av rörelsekapital\" (Kommunen, 2017) in \"Kassaflödesanalys\"",
        "\"Medel från verksamheten före förändring av rörelsekapital\" (Koncernen, 2017) in \"Kassaflödesanalys\"",
        "\"Kassaflöde från den löpande verksamheten\" (Kommunen, 2017) in \"Kassaflödesanalys\"",
        "\"ÅRETS KASSAFLÖDE\" (Kommunen, 2017) in \"Kassaflödesanalys\"",
        "\"ÅRETS KASSAFLÖDE\" (Koncernen, 2017) in \"Kassaflödesanalys\"",
        "\"Summa\" (2017) in \"Därav Pensionskostnader\" of the note `kostnader`",
        "\"Summa\" (2018) in the note `avskrivningar` (\"Avskrivningar\")",
        "\"Summa netto\" (2018) in the note `jamforelsestorande` (\"Jämförelsestörande poster\")",
    ];
    assert_eq!(notes, expected);
    // A reproduction prints the source's figure; the CLI prints the note with its place.
    let out = bokslut(&["check", input.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("note: \"Verksamhetens nettokostnader\" (Kommunen, 2018) in \"Resultaträkning\" is printed -1253.8, but its rows give -1253.9: within rounding"),
        "{stderr}"
    );
    assert!(stderr.contains("kramfors-2018.toml:"), "{stderr}");
    // The two other sources agree with themselves.
    for name in ["malmo-2015-balanskrav", "lulea-2016-fem-ar"] {
        let input = root().join(format!("tests/fixtures/annual/{name}.toml"));
        let checked = check_file_with(&input, CheckOptions::default());
        assert!(checked.report.is_some(), "{name}");
        assert!(
            checked.diagnostics.is_empty(),
            "{name}: {:#?}",
            checked.diagnostics
        );
    }
}

const NEW_REPORT: &str = r#"format_version = 1
[meta]
organisation = "Exempels kommun"
kind = "annual"
period = { start = 2025-01-01, end = 2025-12-31 }
unit = "mnkr"

[[chapters]]
title = "Räkenskaper"
[[chapters.blocks]]
type = "statement"
preset = "balance_sheet"
caption = "Balansräkning"
decimals = 1
entities = [{ id = "kommunen", heading = "Kommunen" }]
columns = [2025, 2024]
rows = [
  { heading = "TILLGÅNGAR", level = 1 },
  { label = "Anläggningstillgångar", kommunen = [800.0, 780.0] },
  { label = "Kassa och bank", id = "cash", kommunen = [200.0, 190.0] },
  { sum = "Summa tillgångar", level = 1, id = "total_assets" },
  { heading = "EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", level = 1 },
  { label = "Eget kapital", kommunen = [500.0, 480.0] },
  { label = "Skulder", kommunen = [490.0, 490.0] },
  { sum = "Summa eget kapital, avsättningar och skulder", level = 1, id = "total_equity_liabilities" },
]
"#;

#[test]
fn a_new_report_whose_balance_sheet_does_not_balance_is_refused_naming_both_sums() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ny.toml");
    std::fs::write(&input, NEW_REPORT).unwrap();
    let pdf = dir.path().join("ny.pdf");
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: \"Summa tillgångar\" (Kommunen, 2025) in \"Balansräkning\" is 1000.0, but \"Summa eget kapital, avsättningar och skulder\" (Kommunen, 2025) in \"Balansräkning\" is 990.0: the two must agree"),
        "{stderr}"
    );
    // 2024 balances (970 = 970): one error only, at the row of the assets' sum.
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(stderr.contains("ny.toml:21:"), "{stderr}");
    assert!(!pdf.exists());
    // Balanced, it renders.
    std::fs::write(
        &input,
        NEW_REPORT.replace("[490.0, 490.0]", "[500.0, 490.0]"),
    )
    .unwrap();
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&pdf, None, true);
    assert!(
        text.lines().any(|l| norm(l).ends_with("1000,0970,0")),
        "{text}"
    );
    // The balance sheet prints no sentence about income and costs.
    assert!(!text.contains("Intäkter"), "{text}");
}

#[test]
fn every_annual_fixture_is_pdfa_2a_and_pdfua_1() {
    let dir = tempfile::tempdir().unwrap();
    for input in fixtures() {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = dir.path().join(format!("{name}.pdf"));
        render(&input, &pdf, &[]);
        crate::archival::assert_archival_and_accessible(&pdf);
    }
    // A unit column, computed ratios and footnote markers; English labels.
    let input = dir.path().join("fem.toml");
    std::fs::write(&input, FIVE_YEARS).unwrap();
    let pdf = dir.path().join("fem.pdf");
    render(&input, &pdf, &["--locale", "en"]);
    crate::archival::assert_archival_and_accessible(&pdf);
}

const FIVE_YEARS: &str = r#"format_version = 1
[meta]
organisation = "Exempels kommun"
kind = "annual"
period = { start = 2025-01-01, end = 2025-12-31 }

[[chapters]]
title = "Fem år i sammandrag"
[[chapters.blocks]]
type = "statement"
preset = "five_year"
caption = "Nyckeltal"
columns = [2023, 2024, 2025]
footnotes = ["1) Exklusive begravningsavgift. 2) Preliminärt."]
rows = [
  { label = "Invånare 31 december", unit = "antal", id = "pop", values = [18415, 18514, 18742] },
  { label = "Skattesats", unit = "kr", marker = "1)", decimals = 2, values = [20.92, 20.92, { value = 21.2, marker = "2)" }] },
  { label = "Årets resultat", unit = "mnkr", id = "res", decimals = 1, values = [23.5, 29.0, 23.0] },
  { label = "Eget kapital", unit = "mnkr", id = "ek", decimals = 1, values = [440.0, 470.0, 490.0] },
  { label = "Tillgångar", unit = "mnkr", id = "ta", decimals = 1, values = [700.0, 700.0, 750.0] },
  { label = "Soliditet", unit = "%", ratio = ["ek", "ta"], scale = 100 },
  { label = "Årets resultat per invånare", unit = "kr", ratio = ["res", "pop"], scale = 1000000 },
]
"#;

#[test]
fn five_years_print_each_rows_unit_and_decimals_computed_ratios_and_footnote_markers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("fem.toml");
    std::fs::write(&input, FIVE_YEARS).unwrap();
    let pdf = dir.path().join("fem.pdf");
    render(&input, &pdf, &["--format", "pdf,html"]);
    let lines: Vec<String> = pdf_text(&pdf, None, true).lines().map(norm).collect();
    let row = |wanted: &str| {
        assert!(
            lines.iter().any(|l| l.ends_with(&norm(wanted))),
            "{wanted}: {lines:#?}"
        );
    };
    row("Invånare 31 december antal 18 415 18 514 18 742");
    row("kr 20,92 20,92 21,202)");
    row("Soliditet % 63 67 65");
    // 23.5 mnkr / 18 415 = 1 276.1 kr; 29.0 / 18 514 = 1 566.4; 23.0 / 18 742 = 1 227.2.
    row("Årets resultat per invånare kr 1 276 1 566 1 227");
    let flat = norm(&pdf_text(&pdf, None, false));
    assert!(
        flat.contains(&norm("Skattesats1)")),
        "the row's marker after its label"
    );
    // No unit sentence: the rows have units of their own.
    assert!(!flat.contains("Beloppi"), "{flat}");
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    assert!(
        html.contains("21,20<sup>2)</sup></td>"),
        "the figure's marker in the web edition"
    );
    assert!(html.contains("Skattesats<sup>1)</sup></th>"));
}
