//! Archival and accessible output: every PDF bokslut writes by default is PDF/A-2a and
//! PDF/UA-1, checked by an independent validator (the `page_validation` crate), and carries
//! its title, author, language and embedded fonts.

use std::path::Path;
use std::process::Command;

use page_validation::{ValidationOptions, ValidationProfile, validate_pdf};

use crate::common::{EXAMPLE, bokslut, pdf_info, render, root};

const SPECIAL: &str = "tests/fixtures/special-characters.toml";

/// The failures the validator reports for `pdf` against `profile`, one line each.
fn violations(pdf: &Path, profile: ValidationProfile) -> Vec<String> {
    let options = ValidationOptions::default().profile(profile);
    let report = validate_pdf(pdf, &options)
        .unwrap_or_else(|e| panic!("the validator cannot read {}: {e}", pdf.display()));
    assert_eq!(
        report.rules.total,
        report.rules.passed + report.rules.failed,
        "rule counts"
    );
    assert!(
        report.rules.total > 50,
        "the validator ran its {profile} rules"
    );
    let mut lines: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        report.is_compliant,
        lines.is_empty(),
        "compliance and failures agree"
    );
    if !report.is_compliant && lines.is_empty() {
        lines.push(format!("not compliant with {profile}"));
    }
    lines
}

/// Asserts that `pdf` conforms to PDF/A-2a and PDF/UA-1 without a single failure.
pub(crate) fn assert_archival_and_accessible(pdf: &Path) {
    let mut all = Vec::new();
    for profile in [ValidationProfile::PdfA2a, ValidationProfile::PdfUa1] {
        let failures = violations(pdf, profile);
        eprintln!(
            "{}: {profile}: {} failure(s)",
            pdf.file_name().unwrap().to_string_lossy(),
            failures.len()
        );
        all.extend(failures.into_iter().map(|f| format!("{profile}: {f}")));
    }
    assert!(
        all.is_empty(),
        "{} is not PDF/A-2a + PDF/UA-1:\n{}",
        pdf.display(),
        all.join("\n")
    );
}

/// The document catalog of a PDF as qpdf prints it (`<< /Lang (sv) /MarkInfo … >>`).
fn catalog(pdf: &Path) -> String {
    let show = |object: &str| {
        let out = Command::new("qpdf")
            .arg(format!("--show-object={object}"))
            .arg(pdf)
            .output()
            .expect("qpdf must be installed: .ci/run installs it");
        assert!(out.status.success(), "qpdf --show-object={object}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let trailer = show("trailer");
    let root = trailer
        .split("/Root ")
        .nth(1)
        .and_then(|rest| rest.split(" 0 R").next())
        .unwrap_or_else(|| panic!("no /Root in the trailer: {trailer}"));
    show(root.trim())
}

/// The XMP metadata packet of a PDF.
fn xmp(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts that `pdffonts` lists at least one font and every font is embedded.
fn assert_fonts_embedded(pdf: &Path) {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let header = lines.next().expect("pdffonts header");
    let emb = header.find("emb").expect("an emb column");
    let fonts: Vec<&str> = lines.skip(1).filter(|l| !l.trim().is_empty()).collect();
    assert!(!fonts.is_empty(), "no fonts listed: {text}");
    for font in fonts {
        assert_eq!(
            font.get(emb..emb + 3),
            Some("yes"),
            "font not embedded: {font}"
        );
    }
}

#[test]
fn example_in_both_locales_and_special_characters_pass_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    for (name, input, extra) in [
        ("example-sv.pdf", EXAMPLE, &[][..]),
        ("example-en.pdf", EXAMPLE, &["--locale", "en"][..]),
        ("special-characters.pdf", SPECIAL, &[][..]),
        // Symbols and emoji from the Noto fallback fonts, in every kind of text.
        ("symbols.pdf", "tests/fixtures/symbols.toml", &[][..]),
        // Financial tables of other shapes: a two-level header with groups and subtotals,
        // seven columns with group headings, and two tables of two sign conventions.
        (
            "two-level-header.pdf",
            "tests/fixtures/finance/10-two-level-header-investments-groups.toml",
            &[][..],
        ),
        (
            "seven-columns-en.pdf",
            "tests/fixtures/finance/07-mnkr-rounding.toml",
            &["--locale", "en"][..],
        ),
        (
            "landscape-table.pdf",
            "tests/fixtures/landscape-table.toml",
            &[][..],
        ),
        (
            "two-conventions.pdf",
            "tests/fixtures/finance/06-signs-two-conventions.toml",
            &[][..],
        ),
        // Goal statuses: shapes as artifacts, words as text, comments, and the legend.
        (
            "goals-sv.pdf",
            "tests/fixtures/goals-assessed.toml",
            &[][..],
        ),
        (
            "goals-en.pdf",
            "tests/fixtures/goals-assessed.toml",
            &["--locale", "en"][..],
        ),
        // A published goal table: levels named by the report, declared columns with three
        // years of outcomes, statuses and trend arrows.
        (
            "real-goals-sv.pdf",
            "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
            &[][..],
        ),
        (
            "real-goals-en.pdf",
            "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
            &["--locale", "en"][..],
        ),
        (
            "goal-levels.pdf",
            "tests/fixtures/goals/three-levels-interim.toml",
            &[][..],
        ),
        // Charts, each a tagged figure with its alternative text: every kind, in both
        // languages.
        (
            "charts-sv.pdf",
            "tests/fixtures/charts/vastervik-2021.toml",
            &[][..],
        ),
        (
            "charts-from-table-en.pdf",
            "tests/fixtures/charts/vastervik-2021-from-table.toml",
            &["--locale", "en"][..],
        ),
        (
            "charts-stacked-sv.pdf",
            "tests/fixtures/charts/lulea-2016-fem-ar.toml",
            &[][..],
        ),
        (
            "charts-stacked-en.pdf",
            "tests/fixtures/charts/lulea-2016-fem-ar.toml",
            &["--locale", "en"][..],
        ),
        (
            "charts-goal-status.pdf",
            "tests/fixtures/charts/helsingborg-2016-goal-status.toml",
            &[][..],
        ),
    ] {
        let pdf = dir.path().join(name);
        render(&root().join(input), &pdf, extra);
        assert_archival_and_accessible(&pdf);
    }
}

#[test]
fn metadata_gives_title_author_subject_keywords_and_languages_and_every_font_is_embedded() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, extra) in [("sv", &[][..]), ("en", &["--locale", "en"][..])] {
        let pdf = dir.path().join(format!("example-{lang}.pdf"));
        render(&root().join(EXAMPLE), &pdf, extra);
        assert_eq!(pdf_info(&pdf, "Tagged"), "yes");
        let title = pdf_info(&pdf, "Title");
        assert!(
            title.contains("2020") && title.contains("Lekebergs kommun"),
            "title: {title}"
        );
        assert_eq!(pdf_info(&pdf, "Author"), "Sydnärkes IT-nämnd");
        // Subject and keywords: the kind, board, organisation and period, in the language.
        let subject = pdf_info(&pdf, "Subject");
        let (kind, period) = match lang {
            "sv" => ("Delårsbokslut", "1 januari–31 juli 2020"),
            _ => ("Interim report", "1 January – 31 July 2020"),
        };
        for part in [kind, "Sydnärkes IT-nämnd", "Lekebergs kommun", period] {
            assert!(subject.contains(part), "subject lacks {part}: {subject}");
        }
        assert_eq!(
            pdf_info(&pdf, "Keywords"),
            format!("Lekebergs kommun, Sydnärkes IT-nämnd, {kind}, 2020")
        );
        // The date comes from the report (the period end), never from the clock.
        assert_eq!(
            pdf_info(&pdf, "CreationDate"),
            "Fri Jul 31 00:00:00 2020 UTC"
        );
        // The document's language is the report's (Swedish), whatever the labels' language.
        let catalog = catalog(&pdf);
        assert!(catalog.contains("/Lang (sv)"), "catalog: {catalog}");
        assert!(catalog.contains("/Outlines"), "bookmarks: {catalog}");
        assert!(catalog.contains("/Marked true"), "tagged: {catalog}");
        let xmp = xmp(&pdf);
        assert!(
            xmp.contains("<dc:language><rdf:Bag><rdf:li>sv</rdf:li>"),
            "XMP language: {xmp}"
        );
        assert!(
            xmp.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>")
                && xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "XMP identifies PDF/A-2a and PDF/UA-1: {xmp}"
        );
        assert_fonts_embedded(&pdf);
        // Tables: header rows are column headers, row labels row headers (TH /Scope /Row).
        let qdf = Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("qpdf");
        let qdf = String::from_utf8_lossy(&qdf.stdout);
        let rows = qdf.matches("/Scope /Row").count();
        let columns = qdf.matches("/Scope /Column").count();
        // 11 finance and investment rows with 2 sums, 3 decisions, 12 indicators at least.
        assert!(rows >= 28, "row header cells: {rows}");
        assert!(columns >= 12, "column header cells: {columns}");
        // English labels are tagged as English parts of the Swedish document (WCAG 3.1.2),
        // so that a screen reader switches language for them and back.
        let english_parts = qdf.matches("/Lang (en)").count();
        match lang {
            "sv" => assert_eq!(english_parts, 0, "English parts in a Swedish PDF"),
            _ => assert!(english_parts >= 40, "English parts: {english_parts}"),
        }
    }
}

#[test]
fn standard_chooses_the_pdfa_part_or_none_and_stays_accessible() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join(EXAMPLE);

    let a3b = dir.path().join("a-3b.pdf");
    render(&input, &a3b, &["--standard", "a-3b"]);
    let xmp_a3b = xmp(&a3b);
    assert!(
        xmp_a3b.contains("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp_a3b}"
    );
    for profile in [ValidationProfile::PdfA3b, ValidationProfile::PdfUa1] {
        assert_eq!(violations(&a3b, profile), Vec::<String>::new(), "{profile}");
    }

    let none = dir.path().join("none.pdf");
    render(&input, &none, &["--standard", "none"]);
    assert_eq!(pdf_info(&none, "Tagged"), "yes");
    assert_eq!(pdf_info(&none, "PDF version"), "1.7");
    let xmp_none = xmp(&none);
    assert!(
        !xmp_none.contains("pdfaid:part"),
        "no PDF/A claim: {xmp_none}"
    );
    assert!(
        xmp_none.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "{xmp_none}"
    );
    assert_eq!(
        violations(&none, ValidationProfile::PdfUa1),
        Vec::<String>::new()
    );
    // The validator is not blind: a PDF without PDF/A identification fails PDF/A-2b.
    assert!(
        !violations(&none, ValidationProfile::PdfA2b).is_empty(),
        "the validator accepts a PDF that claims no PDF/A part"
    );

    let bad = bokslut(&["render", input.to_str().unwrap(), "--standard", "a-4"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown standard is a usage error"
    );
}
