//! End to end: the reference report and the special-character report, rendered by the real
//! binary and read back from the PDF.

use std::path::Path;

use crate::common::{EXAMPLE, bokslut, norm, pdf_info, pdf_text, render, root};

/// Fields whose strings are the user's own text, printed as written.
const USER_TEXT_FIELDS: &[&str] = &[
    "title",
    "organisation",
    "board",
    "caption",
    "decision",
    "reference",
    "comment",
    "name",
    "label",
];

fn example() -> toml::Table {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    text.parse().unwrap()
}

/// Every string value under a key of `keys` anywhere in the document.
fn strings(value: &toml::Value, keys: &[&str], key: &str, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) if keys.contains(&key) => out.push(s.clone()),
        toml::Value::Table(t) => t.iter().for_each(|(k, v)| strings(v, keys, k, out)),
        toml::Value::Array(a) => a.iter().for_each(|v| strings(v, keys, key, out)),
        _ => {}
    }
}

/// The paragraphs of the example as a reader sees them: Markdown subscripts resolved.
fn reader_text(markdown: &str) -> Vec<String> {
    markdown
        .split("\n\n")
        .map(|p| p.replace("CO~2~", "CO2").trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn example_shows_every_sentence_decision_indicator_and_figure() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("example.pdf");
    render(&root().join(EXAMPLE), &pdf, &[]);
    let text = norm(&pdf_text(&pdf, None, false));
    let data = toml::Value::Table(example());

    let mut texts = Vec::new();
    strings(&data, &["text"], "", &mut texts);
    let mut fields = Vec::new();
    strings(&data, USER_TEXT_FIELDS, "", &mut fields);
    let paragraphs: Vec<String> = texts.iter().flat_map(|t| reader_text(t)).collect();
    assert!(
        paragraphs.len() >= 15,
        "the example has all its paragraphs: {}",
        paragraphs.len()
    );
    for expected in paragraphs.iter().chain(&fields) {
        assert!(
            text.contains(&norm(expected)),
            "missing from the PDF: {expected}"
        );
    }
    // The published errors of the archived prose are reproduced, not corrected.
    for quirk in [
        "överskott på 1564 tkr",
        "överskott på 420 kr för helåret",
        "1 579 tkr",
    ] {
        assert!(text.contains(&norm(quirk)), "missing: {quirk}");
    }
    // Title derived from kind, year and organisation; metadata set.
    assert!(text.contains(&norm("Delårsbokslut 2020 för Lekebergs kommun")));
    assert_eq!(
        pdf_info(&pdf, "Title"),
        "Delårsbokslut 2020 för Lekebergs kommun"
    );
    assert_eq!(pdf_info(&pdf, "Tagged"), "yes");
}

/// The figures of a money table as the test computes them itself: (label, b, o, f, dev).
fn table_rows(data: &toml::Table, kind: &str) -> Vec<(String, i64, i64, i64, i64)> {
    let mut rows = Vec::new();
    fn walk(v: &toml::Value, kind: &str, rows: &mut Vec<(String, i64, i64, i64, i64)>) {
        match v {
            toml::Value::Table(t) if t.get("type").and_then(|t| t.as_str()) == Some(kind) => {
                for r in t["rows"].as_array().unwrap() {
                    let n = |k: &str| r[k].as_integer().unwrap();
                    let label = r["label"].as_str().unwrap().to_owned();
                    rows.push((
                        label,
                        n("budget"),
                        n("outcome"),
                        n("forecast"),
                        n("budget") - n("forecast"),
                    ));
                }
            }
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, kind, rows)),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, kind, rows)),
            _ => {}
        }
    }
    walk(&toml::Value::Table(data.clone()), kind, &mut rows);
    rows
}

/// Swedish number typography, written independently of the product's formatter.
fn sv(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    if n < 0 { format!("\u{2212}{out}") } else { out }
}

fn row_text(label: &str, figures: [i64; 4]) -> String {
    norm(&format!("{label} {}", figures.map(sv).join(" ")))
}

fn assert_tables(pdf: &Path, data: &toml::Table) {
    let raw = pdf_text(pdf, None, true);
    let text = norm(&raw);
    for kind in ["finance", "investments"] {
        let rows = table_rows(data, kind);
        assert!(!rows.is_empty());
        let mut sum = [0i64; 4];
        for (label, b, o, f, d) in &rows {
            let expected = row_text(label, [*b, *o, *f, *d]);
            assert!(text.contains(&expected), "row missing or wrong: {expected}");
            for (s, v) in sum.iter_mut().zip([b, o, f, d]) {
                *s += v;
            }
        }
        let total = row_text("Summa", sum);
        assert!(
            text.contains(&total),
            "sum row of {kind} missing or wrong: {total}"
        );
    }
    // Swedish typography: a real minus sign (pdftotext shows any space as U+0020)...
    assert!(
        raw.contains("\u{2212}34 559") || raw.contains("\u{2212}34\u{202F}559"),
        "expected −34 559 with U+2212"
    );
    // ...and the thousands separator is the narrow no-break space: the font's character map
    // in the PDF maps a glyph to U+202F.
    let qdf = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("qpdf must be installed: .ci/run installs it");
    assert!(
        String::from_utf8_lossy(&qdf.stdout).contains("<202F>"),
        "no U+202F in the PDF"
    );
}

#[test]
fn tables_show_computed_sums_and_deviations() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("example.pdf");
    render(&root().join(EXAMPLE), &pdf, &[]);
    assert_tables(&pdf, &example());
}

#[test]
fn changing_one_budget_figure_changes_sum_and_deviation() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    // Personalkostnader: budget 12 337 becomes 13 337. The stated total of the archived
    // table would now disagree, so the edit drops it, as a user changing figures would.
    let edited = source.replacen("budget = 12337", "budget = 13337", 1);
    assert_ne!(edited, source, "the example has the row to edit");
    let edited: String = edited
        .lines()
        .filter(|l| !l.starts_with("stated_total"))
        .collect::<Vec<_>>()
        .join("\n");
    let input = dir.path().join("edited.toml");
    std::fs::write(&input, &edited).unwrap();
    let pdf = dir.path().join("edited.pdf");
    render(&input, &pdf, &[]);
    let data: toml::Table = edited.parse().unwrap();
    assert_tables(&pdf, &data);
    let text = norm(&pdf_text(&pdf, None, true));
    assert!(text.contains(&row_text("Personalkostnader", [13337, 5672, 10800, 2537])));
    assert!(text.contains(&row_text("Summa", [1000, -1579, -420, 1420])));
}

#[test]
fn stated_total_that_disagrees_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let edited = source.replacen("budget = 12337", "budget = 13337", 1);
    let input = dir.path().join("edited.toml");
    std::fs::write(&input, edited).unwrap();
    let pdf = dir.path().join("edited.pdf");
    std::fs::write(&pdf, b"previous").unwrap();
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stated budget total")
            && stderr.contains("is 0, but its rows add up to 1000"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        b"previous",
        "an existing PDF stays as it was"
    );
}

/// Numbered headings of the example, numbered by the test itself: ("2.2.1", title).
fn numbered_headings(data: &toml::Table) -> Vec<(String, String)> {
    fn walk(chapters: &toml::Value, prefix: &str, out: &mut Vec<(String, String)>) {
        for (i, c) in chapters.as_array().into_iter().flatten().enumerate() {
            let number = format!("{prefix}{}", i + 1);
            out.push((number.clone(), c["title"].as_str().unwrap().to_owned()));
            if let Some(s) = c.get("sections") {
                walk(s, &format!("{number}."), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&data["chapters"], "", &mut out);
    out
}

#[test]
fn table_of_contents_gives_the_real_page_of_each_heading() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("example.pdf");
    render(&root().join(EXAMPLE), &pdf, &[]);
    let pages: usize = pdf_info(&pdf, "Pages").parse().unwrap();
    let page_texts: Vec<String> = (1..=pages)
        .map(|p| norm(&pdf_text(&pdf, Some(p), false)))
        .collect();
    let toc = &page_texts[1];
    assert!(toc.starts_with(&norm("Delårsbokslut 2020")) || toc.contains("Innehållsförteckning"));
    let headings = numbered_headings(&example());
    assert_eq!(headings.len(), 8);
    let entries: Vec<String> = headings
        .iter()
        .map(|(n, t)| norm(&format!("{n} {t}")))
        .collect();
    for (i, (number, title)) in headings.iter().enumerate() {
        let entry = &entries[i];
        let at = toc
            .find(entry.as_str())
            .unwrap_or_else(|| panic!("TOC lacks {number} {title}"));
        // The page number stands between the dot leaders and the next entry (or the footer).
        let rest = &toc[at + entry.len()..];
        let end = entries
            .get(i + 1)
            .and_then(|next| rest.find(next.as_str()))
            .or_else(|| rest.find("Sida"))
            .unwrap();
        let listed: usize = rest[..end]
            .trim_start_matches('.')
            .parse()
            .unwrap_or_else(|_| panic!("TOC page of {number}: {}", &rest[..end]));
        let actual = (3..=pages)
            .find(|p| page_texts[p - 1].contains(entry.as_str()))
            .unwrap_or_else(|| panic!("heading {number} {title} is on no page"));
        assert_eq!(listed, actual, "TOC page of {number} {title}");
    }
    // Footer: "Sida X av Y" on every page after the title page.
    for p in 2..=pages {
        assert!(
            page_texts[p - 1].contains(&format!("Sida{p}av{pages}")),
            "footer of page {p}"
        );
    }
}

#[test]
fn report_text_is_never_typst_markup() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/fixtures/special-characters.toml");
    let pdf = dir.path().join("special.pdf");
    render(&input, &pdf, &[]);
    assert_eq!(pdf_info(&pdf, "Page size"), "595.276 x 841.89 pts (A4)");
    let text = norm(&pdf_text(&pdf, None, false));
    let data: toml::Table = std::fs::read_to_string(&input).unwrap().parse().unwrap();
    let mut fields = Vec::new();
    let keys: Vec<&str> = [USER_TEXT_FIELDS, &["label_heading", "text", "unit"]].concat();
    strings(&toml::Value::Table(data), &keys, "", &mut fields);
    assert!(fields.len() >= 15);
    for field in fields {
        for paragraph in field.split("\n\n").filter(|p| !p.trim().is_empty()) {
            assert!(
                text.contains(&norm(paragraph)),
                "not printed as written: {paragraph}"
            );
        }
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    render(&root().join(EXAMPLE), &a, &[]);
    render(&root().join(EXAMPLE), &b, &[]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

/// A PDF is made to be read by others: it gets the permissions any new file gets (those of
/// `File::create`, the umask applied), not a temporary file's owner-only 0600, and a PDF it
/// replaces keeps its own.
#[cfg(unix)]
#[test]
fn a_pdf_gets_the_permissions_of_a_new_file_or_keeps_those_it_had() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).unwrap();
    let pdf = dir.path().join("new.pdf");
    render(&root().join(EXAMPLE), &pdf, &[]);
    assert_eq!(mode(&pdf), mode(&plain), "a new PDF: {:o}", mode(&pdf));

    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o640)).unwrap();
    render(&root().join(EXAMPLE), &pdf, &["--locale", "en"]);
    assert!(
        pdf_text(&pdf, Some(2), false).contains("Contents"),
        "replaced"
    );
    assert_eq!(mode(&pdf), 0o640, "a replaced PDF: {:o}", mode(&pdf));
}

#[test]
fn default_output_is_the_input_with_pdf_extension() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rapport.toml");
    std::fs::copy(root().join(EXAMPLE), &input).unwrap();
    let out = bokslut(&["render", input.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("rapport.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn data_prints_what_the_template_reads() {
    let out = bokslut(&["data", EXAMPLE, "--locale", "en"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(data["board"], "Sydnärkes IT-nämnd");
    // The report's text is Swedish; the labels, and the title made from them, English.
    assert_eq!(data["lang"], "sv");
    assert_eq!(data["labels"]["lang"], "en");
    assert_eq!(data["title_lang"], "en");
    let out = bokslut(&["data", "tests/bad-inputs/01-empty-file.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
