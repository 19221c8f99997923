//! Assembly (issue 25): a municipality's report that includes its boards' reports as parts
//! (`parts`): one title page, one table of contents and one numbering; each part under its
//! board's name, its pages carrying that name; the municipality's table per nämnd and its
//! text bound to the boards' own figures; a board's figure typed again checked against the
//! board's report; a batch over the directory rendering each board once.

use crate::common::{bokslut, copy_dir, pdf_text, render, root, run};

/// The boards fixture copied into a temporary directory: (the directory's guard, its path).
fn boards() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("boards");
    copy_dir(&root().join("tests/fixtures/boards"), &dir);
    (tmp, dir)
}

/// The figures at the end of the line of `page` whose first column is `label`.
fn row(page: &str, label: &str) -> Vec<String> {
    let line = page
        .lines()
        .find(|l| l.split("  ").next().map(str::trim) == Some(label))
        .unwrap_or_else(|| panic!("no row {label}: {page}"));
    let mut cells: Vec<String> = line
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .skip(1)
        .map(str::to_owned)
        .collect();
    cells.truncate(3);
    cells
}

/// The first line of a page: its running header.
fn header(page: &str) -> String {
    page.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_municipalitys_report_assembles_its_boards_reports() {
    let (_tmp, dir) = boards();
    let kommun = dir.join("kommun.toml");
    let boards = [
        ("ks", "Kommunstyrelsen", 4),
        ("bun", "Barn- och utbildningsnämnden", 5),
        ("sn", "Socialnämnden", 6),
    ];
    for (locale, contents, minus) in [
        ("sv", "Innehållsförteckning", "\u{2212}950,3"),
        ("en", "Contents", "\u{2212}950.3"),
    ] {
        let pdf = dir.join(format!("kommun-{locale}.pdf"));
        render(&kommun, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let info = crate::common::pdf_info(&pdf, "Pages");
        assert_eq!(
            info, "6",
            "{locale}: one title page, contents, own chapter, three parts"
        );
        // One table of contents, one numbering: the boards after the report's own chapter.
        let toc = pdf_text(&pdf, Some(2), true);
        assert!(toc.contains(contents), "{locale}: {toc}");
        for (n, (_, board, page)) in boards.iter().enumerate() {
            let entry = format!("{} {board}", n + 2);
            let line = toc
                .lines()
                .find(|l| l.trim_start().starts_with(&entry))
                .unwrap_or_else(|| panic!("{locale}: no {entry}: {toc}"));
            assert!(
                line.trim_end().ends_with(&page.to_string()),
                "{locale}: {line}"
            );
            assert!(toc.contains(&format!("{}.1 ", n + 2)), "{locale}: {toc}");
        }
        // The municipality's own pages carry no board; each part's its own.
        let own = pdf_text(&pdf, Some(3), true);
        for (_, board, _) in &boards {
            assert!(!header(&own).contains(board), "{locale}: {}", header(&own));
        }
        for (file, board, page) in &boards {
            let text = pdf_text(&pdf, Some(*page), true);
            assert!(
                header(&text).trim_end().ends_with(board),
                "{locale}: {file}: {}",
                header(&text)
            );
            // The board's total as its part prints it is the municipality's row.
            let total = if locale == "sv" { "Summa" } else { "Total" };
            assert_eq!(row(&text, total), row(&own, board), "{locale}: {board}");
        }
        assert!(
            own.contains(minus) && pdf_text(&pdf, Some(6), true).contains(minus),
            "{locale}"
        );
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        // The web edition: the parts' headings under the report's, numbered alike.
        assert!(
            html.contains("<h2 id=\"s-4\"><span class=\"number\">4</span> Socialnämnden</h2>"),
            "{locale}"
        );
        assert!(
            html.contains("<span class=\"number\">4.1</span> Ekonomi</h3>"),
            "{locale}"
        );
    }
    // A board's figure changed in its own file changes its part, the municipality's table and
    // the text bound to it at the next render.
    let sn = dir.join("namnder/sn.toml");
    let text = std::fs::read_to_string(&sn).unwrap();
    std::fs::write(&sn, text.replace("outcome = -950.3", "outcome = -950.0")).unwrap();
    let pdf = dir.join("again.pdf");
    render(&kommun, &pdf, &[]);
    let own = pdf_text(&pdf, Some(3), true);
    assert_eq!(row(&own, "Socialnämnden")[1], "\u{2212}950,0", "{own}");
    assert!(
        own.replace('\n', " ")
            .contains("ett överskott på 14,6 mnkr"),
        "{own}"
    );
    assert_eq!(
        row(&pdf_text(&pdf, Some(6), true), "Summa")[1],
        "\u{2212}950,0"
    );
}

/// The municipality's table typed by hand: a board's row that disagrees with the board's own
/// report is named with both files and lines; in a reproduction one unit of rounding is a
/// note.
#[test]
fn a_boards_figure_typed_again_must_agree_with_its_report() {
    let (_tmp, dir) = boards();
    let kommun = dir.join("kommun.toml");
    let typed = |outcome: &str, reproduction: bool| {
        let text = std::fs::read_to_string(root().join("tests/fixtures/boards/kommun.toml"))
            .unwrap()
            .replace(
                "boards = { reports = [\"namnder/ks.toml\", \"namnder/bun.toml\", \"namnder/sn.toml\"], columns = { budget = \"budget\", outcome = \"outcome\" } }",
                &format!("rows = [\n  {{ label = \"Kommunstyrelsen\", budget = -415.1, outcome = -410.7 }},\n  {{ label = \"Barn- och utbildningsnämnden\", budget = -877.1, outcome = -878.4 }},\n  {{ label = \"Socialnämnden\", budget = -964.6, outcome = {outcome} }},\n]"),
            )
            .replace("unit = \"mnkr\"\n", if reproduction { "unit = \"mnkr\"\nreproduction = true\n" } else { "unit = \"mnkr\"\n" });
        std::fs::write(&kommun, text).unwrap();
        run(&["check", kommun.to_str().unwrap()])
    };
    let (code, stderr) = typed("-950.3", false);
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = typed("-950.4", false);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the row \"Socialnämnden\" prints -950.4 in `outcome`, but the board's own report namnder/sn.toml:20 prints -950.3 in the total row of its table `drift`"),
        "{stderr}"
    );
    let line = std::fs::read_to_string(&kommun)
        .unwrap()
        .lines()
        .position(|l| l.contains("outcome = -950.4"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("kommun.toml:{line}:")), "{stderr}");
    // The deviation follows from the given columns: one error, not two.
    assert_eq!(stderr.matches("error: the row").count(), 1, "{stderr}");
    // A reproduction prints what the source printed: one unit off is a note, two an error.
    let (code, stderr) = typed("-950.4", true);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("note: the row \"Socialnämnden\"")
            && stderr.contains("within the rounding"),
        "{stderr}"
    );
    let (code, stderr) = typed("-950.5", true);
    assert_eq!(code, 1, "{stderr}");
}

/// A batch over the directory renders the municipality's report with its parts inside and
/// no board's report a second time on its own.
#[test]
fn a_batch_over_a_directory_renders_an_included_report_once() {
    let (_tmp, dir) = boards();
    let out = bokslut(&["render", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(dir.join("kommun.pdf").exists(), "{stderr}");
    for file in ["ks", "bun", "sn"] {
        assert!(
            !dir.join(format!("namnder/{file}.pdf")).exists(),
            "{file}: {stderr}"
        );
        assert!(
            stderr.contains(&format!("namnder/{file}.toml is rendered as a part of")),
            "{stderr}"
        );
    }
    // A board's report named by itself still renders alone, as before.
    let alone = dir.join("sn-alone.pdf");
    render(&dir.join("namnder/sn.toml"), &alone, &[]);
    assert_eq!(crate::common::pdf_info(&alone, "Pages"), "3");
}

/// A part that does not pass check, a part that includes parts, a directory of parts and a
/// layout that prints none: each an error at the report's place.
#[test]
fn a_part_is_checked_as_a_report_of_its_own() {
    let (_tmp, dir) = boards();
    let kommun = dir.join("kommun.toml");
    let check = || run(&["check", kommun.to_str().unwrap()]);
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // A directory: every report in it, by name.
    edit(
        "kommun.toml",
        "parts = [\"namnder/ks.toml\", \"namnder/bun.toml\", \"namnder/sn.toml\"]",
        "parts = [\"namnder\"]",
    );
    let (code, stderr) = check();
    assert_eq!(code, 0, "{stderr}");
    edit("namnder/bun.toml", "outcome = -878.4", "outcome = \"x\"");
    let (code, stderr) = check();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the part namnder/bun.toml does not pass check")
            && stderr.contains("at namnder/bun.toml:"),
        "{stderr}"
    );
    assert!(stderr.contains("(at parts[0])"), "{stderr}");
    edit("namnder/bun.toml", "outcome = \"x\"", "outcome = -878.4");
    edit(
        "namnder/ks.toml",
        "format_version = 1\n",
        "format_version = 1\nparts = [\"sn.toml\"]\n",
    );
    let (code, stderr) = check();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot include parts itself"), "{stderr}");
    edit("namnder/ks.toml", "parts = [\"sn.toml\"]\n", "");
    edit("kommun.toml", "[meta]\n", "[meta]\nlayout = \"2026.2\"\n");
    let (code, stderr) = check();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the layout `2026.2` assembles no parts"),
        "{stderr}"
    );
}
