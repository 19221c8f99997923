//! The web edition (`render --format html`): the same figures and labels as the PDF, the
//! structure a screen reader needs, report text as text, and the same output guards.

use std::path::{Path, PathBuf};

use crate::common::{EXAMPLE, bokslut, norm, pdf_text, root};

/// The example rendered as PDF and HTML with `--locale`, into `dir`: (pdf, html).
fn both(dir: &Path, locale: &str) -> (PathBuf, PathBuf) {
    let pdf = dir.join(format!("example-{locale}.pdf"));
    let out = bokslut(&[
        "render",
        EXAMPLE,
        "--format",
        "pdf,html",
        "--locale",
        locale,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "render failed: {stderr}");
    let html = pdf.with_extension("html");
    assert!(
        stderr.contains(&format!("wrote {}", html.display())),
        "{stderr}"
    );
    (pdf, html)
}

/// The text of HTML markup: tags dropped, the five escapes undone.
fn text_of(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The contents of every element `<tag …>…</tag>` (not nested in itself), in order.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<(&'a str, &'a str)> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // `<th` must not match `<thead`.
        if !after.starts_with([' ', '>']) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let Some(end) = after.find(&close) else { break };
        out.push((&after[..gt], &after[gt + 1..end]));
        rest = &after[end + close.len()..];
    }
    out
}

/// Every data cell of the example's financial and goal tables: its figures.
fn figures(html: &str) -> Vec<String> {
    elements(html, "table")
        .into_iter()
        .flat_map(|(_, table)| elements(table, "td"))
        .map(|(_, cell)| text_of(cell))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

#[test]
fn every_figure_of_the_example_reads_back_as_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for locale in ["sv", "en"] {
        let (pdf, html) = both(dir.path(), locale);
        let html = std::fs::read_to_string(html).unwrap();
        let found = figures(&html);
        // The example's three tables: 33 figures of the financial table, 12 of the
        // investments, the goal table's values.
        assert!(
            found.len() > 50,
            "{locale}: only {} figures: {found:?}",
            found.len()
        );
        // Each figure, in order, in the PDF's text (spaces aside: the PDF's text extraction
        // turns thin spaces into spaces), and nothing between two figures of a row but the
        // row's own text.
        let text = norm(&pdf_text(&pdf, None, false));
        let mut at = 0;
        for figure in &found {
            let needle = norm(figure);
            match text[at..].find(&needle) {
                Some(i) => at += i + needle.len(),
                None => panic!(
                    "{locale}: the figure {figure:?} of the HTML is not in the PDF (after byte {at})"
                ),
            }
        }
        // As the PDF writes them: the minus sign and, in Swedish, thin no-break spaces.
        assert!(found.iter().any(|f| f.starts_with('\u{2212}')), "{found:?}");
        assert!(!found.iter().any(|f| f.contains('-')), "{found:?}");
        if locale == "sv" {
            assert!(found.iter().any(|f| f.contains('\u{202F}')), "{found:?}");
        }
    }
}

#[test]
fn tables_have_captions_header_scopes_and_labels_in_their_language() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = both(dir.path(), "en");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"),
        "{}",
        &html[..80]
    );
    assert!(!html.contains("<script"), "the web edition needs no script");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("url("));
    let tables = elements(&html, "table");
    assert_eq!(tables.len(), 4, "decisions, goals, finance, investments");
    for (_, table) in &tables {
        let captions = elements(table, "caption");
        assert_eq!(captions.len(), 1, "{table}");
        assert!(!text_of(captions[0].1).trim().is_empty());
        for (attrs, _) in elements(table, "th") {
            assert!(
                attrs.contains("scope=\"") || attrs.contains("headers=\""),
                "a header without scope: <th{attrs}>"
            );
        }
    }
    // English labels in a Swedish document carry their language.
    let heads: Vec<_> = elements(tables[2].1, "th")
        .into_iter()
        .filter(|(attrs, _)| attrs.contains("scope=\"col\""))
        .collect();
    assert!(
        heads
            .iter()
            .any(|(attrs, text)| attrs.contains("lang=\"en\"") && text.contains("Budget")),
        "{heads:?}"
    );
    // The table of contents links to every numbered heading, by an id that exists.
    let (_, nav) = elements(&html, "nav")[0];
    let links: Vec<&str> = nav
        .split("href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(links.len() >= 5, "{nav}");
    for id in links {
        assert_eq!(html.matches(&format!(" id=\"{id}\"")).count(), 1, "#{id}");
    }
    // Every figure cell names its headers, and each named header exists.
    for (attrs, _) in elements(tables[2].1, "td") {
        let Some(headers) = attrs.split("headers=\"").nth(1) else {
            continue;
        };
        for id in headers[..headers.find('"').unwrap()].split(' ') {
            assert!(
                tables[2].1.contains(&format!(" id=\"{id}\"")),
                "headers names {id}"
            );
        }
    }
}

#[test]
fn report_text_is_escaped_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let hostile = source.replacen(
        "title = \"",
        "title = \"<script>alert(1)</script><img src=x onerror=alert(2)> & ",
        1,
    );
    assert_ne!(hostile, source);
    let input = dir.path().join("hostile.toml");
    std::fs::write(&input, hostile).unwrap();
    let out = bokslut(&["render", input.to_str().unwrap(), "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(input.with_extension("html")).unwrap();
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; "
    ));
    assert!(
        !input.with_extension("pdf").exists(),
        "--format html writes no PDF"
    );
}

#[test]
fn html_output_has_the_pdf_guards() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.toml");
    std::fs::copy(root().join(EXAMPLE), &input).unwrap();
    // The HTML beside would replace an input of the run.
    let other = dir.path().join("r.html");
    std::fs::write(&other, "x = 1").unwrap();
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        other.to_str().unwrap(),
        "--format",
        "pdf,html",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("cannot write its HTML to"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "x = 1");
    // A directory where the HTML would go: refused before anything is rendered.
    std::fs::remove_file(&other).unwrap();
    std::fs::create_dir(&other).unwrap();
    let out = bokslut(&["render", input.to_str().unwrap(), "--format", "pdf,html"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!input.with_extension("pdf").exists());
    // A broken report writes no HTML.
    std::fs::remove_dir(&other).unwrap();
    std::fs::write(&input, "[meta]\nboard = ").unwrap();
    let out = bokslut(&["render", input.to_str().unwrap(), "--format", "html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!other.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn same_input_gives_identical_html() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.html"), dir.path().join("b.html"));
    for out in [&a, &b] {
        let done = bokslut(&[
            "render",
            EXAMPLE,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(done.status.success());
    }
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn a_two_level_header_names_its_groups() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("groups.html");
    let input = root().join("tests/fixtures/finance/10-two-level-header-investments-groups.toml");
    let out = bokslut(&[
        "render",
        input.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(html).unwrap();
    let (_, table) = elements(&html, "table")[0];
    let (_, head) = elements(table, "thead")[0];
    assert_eq!(elements(head, "tr").len(), 2, "two header rows");
    let groups: Vec<_> = elements(head, "th")
        .into_iter()
        .filter(|(attrs, _)| attrs.contains("scope=\"colgroup\""))
        .map(|(attrs, text)| (attrs.to_owned(), text_of(text)))
        .collect();
    assert_eq!(
        groups.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
        [
            "Utfall 2019",
            "Budget 2019",
            "Utfall 2016–2019",
            "Budget 2016–2019"
        ]
    );
    assert!(
        groups
            .iter()
            .all(|(attrs, _)| attrs.contains("colspan=\"2\""))
    );
    // Four column groups of two after the label column, each group heading over its own.
    assert_eq!(table.matches("<colgroup span=\"2\">").count(), 4);
    // A figure under "Budget 2019", "I" names both headings, its line and its row group.
    let budget_group = groups[1]
        .0
        .split("id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let cells: Vec<_> = elements(table, "td")
        .into_iter()
        .filter(|(attrs, _)| attrs.contains(&format!(" {budget_group} ")))
        .collect();
    assert!(!cells.is_empty());
    for (attrs, _) in cells {
        assert!(
            attrs.matches("-r").count() >= 2,
            "row group and line: {attrs}"
        );
    }
    // The group rows start row groups of their own.
    assert!(table.matches("<tbody>").count() >= 2);
    assert!(table.contains("scope=\"rowgroup\""));
}

#[test]
fn a_profile_gives_the_web_edition_its_colours_font_and_logo() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("norrvik.html");
    let out = bokslut(&[
        "render",
        root()
            .join("examples/delarsbokslut-2020-syd-it.toml")
            .to_str()
            .unwrap(),
        "--format",
        "html",
        "--profile",
        root()
            .join("tests/fixtures/profiles/norrvik/profil.toml")
            .to_str()
            .unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    // The profile's accent (wine red) and text font follow the built-in style sheet.
    assert!(page.contains("--accent: #7a1f2b;"), "accent colour");
    assert!(page.contains("font-family: \"Liberation Sans\""), "font");
    // The logo is embedded (no network) with the profile's alternative text.
    let logo = page
        .split("<img class=\"logo\" src=\"data:image/svg+xml;base64,")
        .nth(1)
        .expect("the logo, embedded");
    assert!(
        logo.contains("alt=\"Norrviks kommuns logotyp: en sol över tre vågor\""),
        "the logo's alternative text"
    );
    // Without a profile: the built-in look, no logo.
    let plain = dir.path().join("plain.html");
    let out = bokslut(&[
        "render",
        root()
            .join("examples/delarsbokslut-2020-syd-it.toml")
            .to_str()
            .unwrap(),
        "--format",
        "html",
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let plain = std::fs::read_to_string(&plain).unwrap();
    assert!(!plain.contains("<img"), "no logo without a profile");
    assert!(
        !plain.contains("#7a1f2b"),
        "no profile colour without a profile"
    );
}
