//! End to end: the labels in English and in a user's locale, read back from the PDF.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{EXAMPLE, bokslut, norm, pdf_info, pdf_text, render, root};
use bokslut_present::labels::MESSAGE_IDS;

/// The words of a text, lower-cased: what is between characters that are neither letters nor
/// digits. A word hyphenated at a line end (soft hyphen) is joined again.
fn words(text: &str) -> BTreeSet<String> {
    text.replace("\u{AD}\n", "")
        .replace('\u{AD}', "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The fixed words of the messages of a Fluent file, read from its lines: the text after
/// `id =` and after a variant key (`[st]`), without comments and placeholders (`{ … }`).
fn label_words(ftl: &str) -> BTreeSet<String> {
    let mut text = String::new();
    for line in ftl.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let value = if let Some((_, value)) = line.split_once(" = ") {
            value
        } else if let Some((_, value)) = trimmed.split_once(']') {
            value
        } else {
            continue;
        };
        // Drop the placeholders: `{ $value }`, `{"\u00A0"}`, `{ $unit ->`.
        let mut depth = 0;
        for c in value.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => text.push(c),
                _ => {}
            }
        }
        text.push('\n');
    }
    words(&text)
}

/// Every string of the report's data (its own text, which may be in any language).
fn data_words(path: &Path) -> BTreeSet<String> {
    fn walk(v: &toml::Value, out: &mut String) {
        match v {
            toml::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let data: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    let mut text = String::new();
    walk(&toml::Value::Table(data), &mut text);
    words(&text)
}

/// The words of the Swedish labels that can only come from a Swedish label: not also an
/// English label word, and not a word of the report's own text.
fn swedish_only_label_words(data: &Path) -> BTreeSet<String> {
    let sv = label_words(&std::fs::read_to_string(root().join("locales/sv/report.ftl")).unwrap());
    let en = label_words(&std::fs::read_to_string(root().join("locales/en/report.ftl")).unwrap());
    let data = data_words(data);
    sv.into_iter()
        .filter(|w| !en.contains(w) && !data.contains(w))
        .collect()
}

#[test]
fn english_render_has_no_swedish_label_and_english_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join(EXAMPLE);
    let (sv_pdf, en_pdf) = (dir.path().join("sv.pdf"), dir.path().join("en.pdf"));
    render(&input, &sv_pdf, &[]);
    render(&input, &en_pdf, &["--locale", "en"]);

    let checked = swedish_only_label_words(&input);
    // The check has teeth: many label words, and the Swedish render shows them.
    assert!(checked.len() >= 30, "label words to look for: {checked:?}");
    let sv_words = words(&pdf_text(&sv_pdf, None, false));
    let in_swedish: Vec<_> = checked.iter().filter(|w| sv_words.contains(*w)).collect();
    for expected in [
        "innehållsförteckning",
        "sida",
        "kommentar",
        "pågår",
        "utfall",
        "summa",
    ] {
        assert!(
            in_swedish.contains(&&expected.to_owned()),
            "the Swedish PDF shows `{expected}`: {in_swedish:?}"
        );
    }
    assert!(in_swedish.len() >= 15, "{in_swedish:?}");

    let en_raw = pdf_text(&en_pdf, None, false);
    let en_words = words(&en_raw);
    let left: Vec<_> = checked.iter().filter(|w| en_words.contains(*w)).collect();
    assert!(
        left.is_empty(),
        "Swedish label words in the English PDF: {left:?}"
    );

    // English labels, with the variables in place.
    let en = norm(&en_raw);
    for expected in [
        "Interim report 2020 for Lekebergs kommun",
        "Period 1 January – 31 July 2020",
        "Contents",
        "Page 3 of 7",
        "Decision Status Comment",
        "COUNCIL GOAL",
        "BOARD GOAL",
        "Ongoing",
        "Outcome 31 July 2020",
        "Full-year forecast",
        "Amounts in SEK thousand.",
    ] {
        assert!(en.contains(&norm(expected)), "missing: {expected}");
    }
    assert_eq!(
        pdf_info(&en_pdf, "Title"),
        "Interim report 2020 for Lekebergs kommun"
    );

    // English numbers: comma between thousands, decimal point, U+2212, "%" without space,
    // amounts as "SEK 1,579k", the Swedish count word "st" dropped.
    let en_layout = pdf_text(&en_pdf, None, true);
    let table = norm(&en_layout);
    assert!(en_layout.contains("\u{2212}34,559"), "−34,559");
    for expected in [
        "Intäkter \u{2212}34,559 \u{2212}20,222 \u{2212}34,620 61",
        "Total 0 \u{2212}1,579 \u{2212}420 420",
        "Total 10,769 5,227 10,769 0",
        "6.06% 4% Decrease from 5%",
    ] {
        assert!(table.contains(&norm(expected)), "missing: {expected}");
    }
    // Goal table cells that wrap, in reading order.
    for expected in [
        "Increase from 71.13",
        "SEK 1,579k SEK 420k SEK 0k",
        "10 10 at most 10",
    ] {
        assert!(en.contains(&norm(expected)), "missing: {expected}");
    }
    // None in the Swedish way (the report's own text has "6,06%", without a space).
    for swedish in [
        "34\u{202F}559",
        "34 559",
        "71,13",
        "6,06 %",
        "6,06\u{A0}%",
        "10 st",
    ] {
        assert!(
            !en_layout.contains(swedish),
            "Swedish number format in the English PDF: {swedish}"
        );
    }
}

/// A partial Finnish locale: what it has is used, the rest is Swedish.
const FINNISH: &str = "\
# Osittainen suomenkielinen käännös.
kind-interim = Osavuosikatsaus
report-title = { $kind } { $year }, { $organisation }
toc-title = Sisällysluettelo
page-of = Sivu { $page }/{ $total }
col-budget = Talousarvio
row-total = Yhteensä
";

#[test]
fn user_locale_falls_back_to_swedish_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    std::fs::create_dir_all(locales.join("fi")).unwrap();
    std::fs::write(locales.join("fi/report.ftl"), FINNISH).unwrap();
    let pdf = dir.path().join("fi.pdf");
    let out = bokslut(&[
        "render",
        EXAMPLE,
        "-o",
        pdf.to_str().unwrap(),
        "--locale",
        "fi",
        "--locales",
        locales.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "one warning: {stderr}");
    let warning = warnings[0];
    let provided = [
        "kind-interim",
        "report-title",
        "toc-title",
        "page-of",
        "col-budget",
        "row-total",
    ];
    let listed: Vec<&str> = warning.rsplit_once(": ").unwrap().1.split(", ").collect();
    let expected: Vec<&str> = MESSAGE_IDS
        .iter()
        .copied()
        .filter(|id| !provided.contains(id))
        .collect();
    assert_eq!(
        listed, expected,
        "the warning lists exactly the missing ids: {warning}"
    );
    assert!(
        warning.contains(&format!("{} message(s)", expected.len())) && warning.contains("`fi`"),
        "{warning}"
    );

    let text = norm(&pdf_text(&pdf, None, true));
    for expected in [
        "Osavuosikatsaus 2020, Lekebergs kommun",
        "Sisällysluettelo",
        "Sivu 3/7",
        "Talousarvio",
        // Falls back to Swedish, numbers as in Swedish (and Finnish).
        "Period 1 januari–31 juli 2020",
        "Utfall 2020-07-31",
        "Yhteensä 0 \u{2212}1\u{202F}579 \u{2212}420 420",
        "Kommentar",
    ] {
        assert!(text.contains(&norm(expected)), "missing: {expected}");
    }
    assert_eq!(
        pdf_info(&pdf, "Title"),
        "Osavuosikatsaus 2020, Lekebergs kommun"
    );

    // The report's own locale picks the user's locale too.
    let source = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let edited = source.replacen("locale = \"sv\"", "locale = \"fi\"", 1);
    assert_ne!(edited, source);
    let input = dir.path().join("fi.toml");
    std::fs::write(&input, edited).unwrap();
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        "--locales",
        locales.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = norm(&pdf_text(&input.with_extension("pdf"), Some(2), false));
    assert!(text.contains("Sisällysluettelo"), "{text}");
}

#[test]
fn a_bad_locale_file_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    std::fs::create_dir_all(locales.join("fi")).unwrap();
    let file = locales.join("fi/report.ftl");
    std::fs::write(
        &file,
        "toc-title = Sisällysluettelo\npage-of Sivu { $page }\n",
    )
    .unwrap();
    let pdf = dir.path().join("fi.pdf");
    let args = [
        "render",
        EXAMPLE,
        "-o",
        pdf.to_str().unwrap(),
        "--locale",
        "fi",
        "--locales",
        locales.to_str().unwrap(),
    ];
    let out = bokslut(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:", file.display())),
        "names file and line: {stderr}"
    );
    assert!(!pdf.exists(), "no PDF written");

    // A language that is neither built in nor in the directory: Swedish, with a warning.
    let out = bokslut(&[&args[..5], &["de", "--locales", locales.to_str().unwrap()]].concat());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no labels for the locale `de`"), "{stderr}");
    assert!(norm(&pdf_text(&pdf, Some(2), false)).contains("Innehållsförteckning"));
}

/// The word pieces a PDF's text ends a line with at a hyphenation point (a soft hyphen), in
/// order: where Typst hyphenated.
fn hyphenated(pdf: &Path) -> Vec<String> {
    pdf_text(pdf, None, false)
        .split_whitespace()
        .filter(|w| w.ends_with('\u{AD}'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn report_text_keeps_its_language_under_labels_of_another() {
    // A Swedish report of long compound words and no table (a table's columns depend on the
    // width of its labels): with English labels its text must break and hyphenate exactly as
    // with Swedish ones, by Swedish rules. English rules hyphenate Swedish words elsewhere
    // ("återkop-pling" for "återkopp-ling").
    let paragraph = "Bildningsförvaltningens kapitalkostnadsökning och återkopplingsrutinerna \
        för medarbetarengagemanget i informationsklassificeringen har under perioden \
        föranlett omständigheter som säkerhetsskyddsanalysen och licenskostnadsprognosen \
        redovisar, varför verksamhetsutvecklingsavdelningen och digitaliseringsstrategin ";
    let report = format!(
        "format_version = 1\nlocale = \"sv\"\n\n[meta]\norganisation = \"Lekebergs kommun\"\n\
         board = \"Sydnärkes IT-nämnd\"\nkind = \"interim\"\n\
         period = {{ start = 2020-01-01, end = 2020-07-31 }}\n\n[[chapters]]\n\
         title = \"Inledning\"\n\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"\"\"\n{}\n\"\"\"\n",
        paragraph.repeat(6)
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("sv.toml");
    std::fs::write(&input, report).unwrap();
    let (sv, en) = (dir.path().join("sv.pdf"), dir.path().join("en.pdf"));
    render(&input, &sv, &[]);
    render(&input, &en, &["--locale", "en"]);

    let swedish = hyphenated(&sv);
    assert!(
        swedish.len() >= 8,
        "too few hyphenations to compare: {swedish:?}"
    );
    assert_eq!(
        hyphenated(&en),
        swedish,
        "Swedish text hyphenated otherwise"
    );
    // The labels did change: the table of contents and the page footer.
    let text = pdf_text(&en, None, false);
    assert!(
        text.contains("Contents") && text.contains("Page 2 of"),
        "{text}"
    );
}

#[test]
fn a_locale_fluent_would_not_format_whole_or_could_not_parse_is_a_located_error() {
    let deep = format!(
        "toc-title = {{ \"an unterminated string\nx = {}x{}\n",
        "{ ".repeat(100_000),
        " }".repeat(100_000)
    );
    let cases = [
        // Printed `{toc-title}` with exit 0.
        (
            "toc-title = { toc-title }\n".to_owned(),
            "report.ftl:1:15: the message `toc-title` refers to itself",
        ),
        // Printed `{-t}`.
        (
            "-t = a { -t }\nrow-total = { -t }\n".to_owned(),
            "report.ftl:1:10: the term `-t` refers to itself",
        ),
        (
            "toc-title = { a }\na = { b }\nb = { toc-title }\n".to_owned(),
            "report.ftl:1:15: the message `toc-title` refers to itself through `a` → `b`",
        ),
        // Overflowed the stack in Fluent's parser (the string ends with its line).
        (deep, "report.ftl:2:"),
    ];
    for (source, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let locales = dir.path().join("locales");
        std::fs::create_dir_all(locales.join("fi")).unwrap();
        std::fs::write(locales.join("fi/report.ftl"), &source).unwrap();
        let pdf = dir.path().join("fi.pdf");
        let out = bokslut(&[
            "render",
            EXAMPLE,
            "-o",
            pdf.to_str().unwrap(),
            "--locale",
            "fi",
            "--locales",
            locales.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{expected}: {stderr}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(!pdf.exists(), "{expected}");
    }
}
