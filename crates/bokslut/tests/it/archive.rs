//! The archive as a source (issue 25): a column of this year's table taken from last year's
//! report file, row by row by label, checked both ways; the earlier file read by the rule of
//! every file a report names.

use crate::common::{copy_dir, pdf_text, render, root, run};

const DIR: &str = "tests/fixtures/archive";

/// The fixture's directory copied, with this year's report changed by `edit`.
fn copied(edit: impl Fn(String) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    copy_dir(&root().join(DIR), &dir);
    let report = dir.join("2022-constructed.toml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, edit(text)).unwrap();
    (tmp, report)
}

#[test]
fn last_years_outcome_comes_from_last_years_report() {
    let input = root().join(DIR).join("2022-constructed.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, prior, text) in [
        (
            "sv",
            "\u{2212}950,3",
            "år 2021 var nettokostnaden \u{2212}950,3",
        ),
        (
            "en",
            "\u{2212}950.3",
            "år 2021 var nettokostnaden \u{2212}950,3",
        ),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale]);
        let table = pdf_text(&pdf, None, true);
        let row = |label: &str| {
            table
                .lines()
                .find(|l| l.split("  ").next().map(str::trim) == Some(label))
                .unwrap_or_else(|| panic!("{locale}: no row {label}: {table}"))
                .to_owned()
        };
        // The first figure of the row is last year's outcome, as last year's report prints it.
        let first = |label: &str| {
            row(label)
                .split_whitespace()
                .rev()
                .nth(3)
                .unwrap()
                .to_owned()
        };
        assert_eq!(first("Socialnämnd"), prior, "{locale}");
        // A nämnd new this year prints "–", not 0.
        assert!(row("Kultur- och fritidsnämnd").contains('–'), "{locale}");
        let flat = pdf_text(&pdf, None, false).replace('\n', " ");
        assert!(flat.contains(text), "{locale}: {flat}");
    }
}

#[test]
fn a_row_in_one_year_and_not_the_other_is_named() {
    // Renamed this year: an error at the row, with last year's label suggested, and a
    // warning for last year's row that no row of this year shows.
    let (_tmp, report) =
        copied(|t| t.replace("{ label = \"Socialnämnd\"", "{ label = \"Socialnämnden\""));
    let (code, stderr) = run(&["check", report.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("its table `drift` has no row \"Socialnämnden\"")
            && stderr.contains("did you mean \"Socialnämnd\"?"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&report).unwrap();
    let line = text[..text.find("Socialnämnden\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        stderr.contains(&format!("2022-constructed.toml:{line}:")),
        "line {line}: {stderr}"
    );
    assert!(
        stderr.contains("has the row \"Socialnämnd\", which this table does not have"),
        "{stderr}"
    );
    // Left out this year: a warning naming it; the report renders, `--deny-warnings` refuses.
    let (_tmp, report) = copied(|t| {
        t.lines()
            .filter(|l| !l.contains("Miljö- och byggnadsnämnd"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (code, stderr) = run(&["check", report.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("has the row \"Miljö- och byggnadsnämnd\", which this table does not have"),
        "{stderr}"
    );
    let (code, _) = run(&["check", report.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn the_earlier_report_is_read_by_the_rule_of_every_file() {
    // Outside the report's directory: refused before it is read, its content never quoted.
    let (tmp, report) = copied(|t| t.replace("arkiv/vastervik-2021.toml", "../secret.toml"));
    std::fs::write(tmp.path().join("secret.toml"), "hemligt = \"PASSWORD\"\n").unwrap();
    let (code, stderr) = run(&["check", report.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("outside the report's directory"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("PASSWORD") && !stderr.contains("hemligt"),
        "{stderr}"
    );
    // An earlier report with an error: this report's error, naming the first.
    let (_tmp, report) = copied(|t| t);
    let earlier = report.parent().unwrap().join("arkiv/vastervik-2021.toml");
    let text = std::fs::read_to_string(&earlier).unwrap();
    std::fs::write(
        &earlier,
        text.replace("preset = \"annual\"", "preset = \"anual\""),
    )
    .unwrap();
    let (code, stderr) = run(&["check", report.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the earlier report arkiv/vastervik-2021.toml does not pass check (1 error(s); the first at"),
        "{stderr}"
    );
    // A column the earlier table does not have, with the nearest suggested.
    let (_tmp, report) =
        copied(|t| t.replace("prior_outcome = \"outcome\"", "prior_outcome = \"outcom\""));
    let (code, stderr) = run(&["check", report.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("has no column `outcom`") && stderr.contains("did you mean `outcome`?"),
        "{stderr}"
    );
}

/// The municipality's table per nämnd from the boards' own reports: each row is a board's
/// total as the board's own report prints it, labelled with its board; a board's report
/// that cannot give its row is an error at its place in `reports`.
#[test]
fn the_municipalitys_rows_are_the_boards_totals() {
    let dir = tempfile::tempdir().unwrap();
    let kommun = root().join("tests/fixtures/boards/kommun.toml");
    let pdf = dir.path().join("kommun.pdf");
    render(&kommun, &pdf, &[]);
    let table = pdf_text(&pdf, None, true);
    let row_of = |table: &str, label: &str| -> Vec<String> {
        let line = table
            .lines()
            .find(|l| l.split("  ").next().map(str::trim) == Some(label))
            .unwrap_or_else(|| panic!("no row {label}: {table}"));
        line.split_whitespace()
            .rev()
            .take(3)
            .map(str::to_owned)
            .collect()
    };
    for (file, board) in [
        ("ks", "Kommunstyrelsen"),
        ("bun", "Barn- och utbildningsnämnden"),
        ("sn", "Socialnämnden"),
    ] {
        let own = dir.path().join(format!("{file}.pdf"));
        render(
            &root().join(format!("tests/fixtures/boards/namnder/{file}.toml")),
            &own,
            &[],
        );
        // The board's own total row (budget, outcome, deviation) is the municipality's row.
        assert_eq!(
            row_of(&pdf_text(&own, None, true), "Summa"),
            row_of(&table, board),
            "{board}"
        );
    }
    // The sum of the boards' rows is computed here: its deviation 4,4 − 1,3 + 14,3 (the
    // row's cells from the right: deviation, outcome, budget).
    assert_eq!(row_of(&table, "Summa")[0], "17,4");
    let text = pdf_text(&pdf, None, false).replace('\n', " ");
    assert!(text.contains("ett överskott på 14,3 mnkr"), "{text}");
    // A report that is not there: an error at its place, with the nearest file suggested.
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("boards");
    copy_dir(&root().join("tests/fixtures/boards"), &copy);
    let source = std::fs::read_to_string(copy.join("kommun.toml")).unwrap();
    std::fs::write(
        copy.join("kommun.toml"),
        source.replace("namnder/sn.toml", "namnder/sn2.toml"),
    )
    .unwrap();
    let (code, stderr) = run(&["check", copy.join("kommun.toml").to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the board's report namnder/sn2.toml") && stderr.contains("reports[2]"),
        "{stderr}"
    );
}
