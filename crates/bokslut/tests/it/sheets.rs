//! Financial tables from sheets, end to end: a report whose tables take their rows from an
//! xlsx workbook, a Swedish CSV file and an ods spreadsheet renders the same PDF, byte for
//! byte, as the same figures written in TOML; `bokslut import` prints those rows; a batch
//! render reads the sheet again when it changes; `check` reads sheets and locates notes.

use std::path::Path;

use crate::common::{SHEETS, bokslut, norm, pdf_text, render, root};

#[test]
fn sheets_render_the_same_pdf_as_the_same_figures_in_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("sheets.pdf"), tmp.path().join("inline.pdf"));
    let out = bokslut(&[
        "render",
        &format!("{SHEETS}/report.toml"),
        "-o",
        a.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The rounded figures are noted (a note, not a warning), once per column.
    assert_eq!(stderr.matches("note: ").count(), 3, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    render(&root().join(SHEETS).join("rows-inline.toml"), &b, &[]);
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(
        a == b,
        "the PDFs differ ({} and {} bytes)",
        a.len(),
        b.len()
    );
    // And the PDF holds the sheet's rows as printed: the group, the figure rounded half away
    // from zero from the exact 126.35, the subtotal of the rounded figures, a CSV figure.
    let text = norm(&pdf_text(&tmp.path().join("sheets.pdf"), None, true));
    for expected in [
        "Omsorg",
        "Funktionsstöd120,0126,4−6,4",
        "Summaomsorg430,4432,3−1,9",
        "Intäkter−34559−20222−34900341",
        "Gatorochvägar850022048610−110",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
}

#[test]
fn import_prints_the_rows_as_toml_and_json() {
    let out = bokslut(&[
        "import",
        &format!("{SHEETS}/drift.xlsx"),
        "--sheet",
        "Drift",
        "--range",
        "A4:E13",
        "--kind",
        "B",
        "--columns",
        "budget=C,outcome=D",
        "--decimals",
        "1",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr
            .contains("note: tests/fixtures/sheets/drift.xlsx, sheet \"Drift\", cell D11: 126.35"),
        "{stderr}"
    );
    let imported: toml::Table = String::from_utf8_lossy(&out.stdout).parse().unwrap();
    let inline: toml::Table = std::fs::read_to_string(root().join(SHEETS).join("rows-inline.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        imported["rows"],
        inline["chapters"][0]["blocks"][1]["rows"],
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // JSON: the same rows, numbers written with their digits (108.7, not 108.69999…).
    let out = bokslut(&[
        "import",
        &format!("{SHEETS}/konton.csv"),
        "--header-row",
        "1",
        "--label",
        "B",
        "--columns",
        "budget=Budget,outcome=Utfall",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("{\"label\": \"Interna intäkter\", \"budget\": -6812, \"outcome\": -3950.0}"),
        "{json}"
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["rows"].as_array().unwrap().len(), 5, "{json}");
    // Errors name the file, the sheet and the cell.
    let out = bokslut(&[
        "import",
        "tests/bad-inputs/sheets/text-cell.xlsx",
        "--sheet",
        "Drift",
        "--range",
        "A4:D13",
        "--kind",
        "B",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: tests/bad-inputs/sheets/text-cell.xlsx, sheet \"Drift\", cell D10: \"12 3x7\" is not a number (expected the figure for `d`)\n"
    );
}

#[test]
fn a_batch_reads_the_sheet_again_and_takes_no_sheet_for_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("arkiv");
    let out_dir = tmp.path().join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let report = std::fs::read_to_string(root().join(SHEETS).join("report.toml")).unwrap();
    for file in ["drift.xlsx", "investeringar.ods", "konton.csv"] {
        std::fs::copy(root().join(SHEETS).join(file), dir.join(file)).unwrap();
    }
    std::fs::write(dir.join("report.toml"), &report).unwrap();
    let args = [
        "render",
        dir.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
    ];
    let out = bokslut(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("skipped") && !stderr.contains("error"),
        "{stderr}"
    );
    let pdf = out_dir.join("report.pdf");
    let before = norm(&pdf_text(&pdf, None, true));
    assert!(before.contains("Kapitalkostnader12006901180"), "{before}");
    // The accounting system exports again: the report's PDF follows the sheet.
    let csv = std::fs::read_to_string(dir.join("konton.csv")).unwrap();
    std::fs::write(
        dir.join("konton.csv"),
        csv.replace("1 200;690;1 180", "1 300;695;1 280"),
    )
    .unwrap();
    let out = bokslut(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = norm(&pdf_text(&pdf, None, true));
    assert!(after.contains("Kapitalkostnader13006951280"), "{after}");
}

#[test]
fn check_reads_sheets_and_the_flag_lets_a_report_read_outside_its_directory() {
    let out = bokslut(&["check", "--deny-warnings", &format!("{SHEETS}/report.toml")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("--> {SHEETS}/report.toml:29:")),
        "{stderr}"
    );
    let outside = "tests/bad-inputs/75-sheet-outside-the-report-directory.toml";
    let out = bokslut(&["check", outside]);
    assert_eq!(out.status.code(), Some(1));
    let out = bokslut(&["check", "--allow-outside-paths", outside]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(Path::new(&root().join(outside)).exists());
}

/// A figure of a Swedish CSV cell (`−4 250`, `1 021`): whole kronor.
fn csv_figure(cell: &str) -> i64 {
    let digits: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202F}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    digits.parse().unwrap_or_else(|_| panic!("{cell:?}"))
}

/// A figure as `pdftotext` gives it after [`norm`]: a minus U+2212, no grouping.
fn printed(n: i64) -> String {
    if n < 0 {
        format!("\u{2212}{}", -n)
    } else {
        n.to_string()
    }
}

#[test]
fn a_report_places_its_groups_subtotals_and_results_between_the_sheets_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (
        tmp.path().join("between.pdf"),
        tmp.path().join("inline.pdf"),
    );
    let out = bokslut(&[
        "render",
        &format!("{SHEETS}/between.toml"),
        "-o",
        a.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning") && !stderr.contains("note"),
        "{stderr}"
    );
    render(&root().join(SHEETS).join("between-inline.toml"), &b, &[]);
    let (bytes_a, bytes_b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(
        bytes_a == bytes_b,
        "the PDFs differ ({} and {} bytes)",
        bytes_a.len(),
        bytes_b.len()
    );
    // The subtotal of the costs, placed by the report after the sheet's rows 6 to 9, is the
    // sum of those rows of the CSV file (and the deviation budget − forecast).
    let csv = std::fs::read_to_string(root().join(SHEETS).join("konton-utan-summor.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let mut sums = [0i64; 3];
    for line in &lines[5..9] {
        let cells: Vec<&str> = line.split(';').collect();
        for (sum, cell) in sums.iter_mut().zip(&cells[2..5]) {
            *sum += csv_figure(cell);
        }
    }
    let [budget, outcome, forecast] = sums;
    let subtotal = format!(
        "Summakostnader{}{}{}{}",
        printed(budget),
        printed(outcome),
        printed(forecast),
        printed(budget - forecast)
    );
    let text = norm(&pdf_text(&a, None, true));
    assert!(text.contains(&subtotal), "{subtotal} not in:\n{text}");
    // Row 10 stands where the report placed it: after the first result, before the second.
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} not in:\n{text}"))
    };
    assert!(
        at("Verksamhetensnettokostnad") < at("Finansiellakostnader")
            && at("Finansiellakostnader") < at("Resultatefterfinansiellaposter"),
        "{text}"
    );
}

#[test]
fn problems_of_rows_between_the_sheets_rows_are_located_where_each_row_comes_from() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(SHEETS).join("konton-utan-summor.csv"),
        tmp.path().join("konton-utan-summor.csv"),
    )
    .unwrap();
    let sheet_line = "sheet = { file = \"konton-utan-summor.csv\", range = \"A2:E10\", label = \"B\", columns = { budget = \"C\", outcome = \"D\", forecast = \"E\" } }";
    // "Statsbidrag" written before the sheet's row 3 (so the sheet's is the second), "Köpta
    // tjänster" after the sheet's row 8 (so the written one is), and an empty subtotal.
    let report = format!(
        "format_version = 1\n\n[meta]\norganisation = \"Exempel kommun\"\nboard = \"Kommunstyrelsen\"\nkind = \"annual\"\nperiod = {{ start = 2023-01-01, end = 2023-12-31 }}\n\n[[chapters]]\ntitle = \"Ekonomi\"\n\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"interim\"\n{sheet_line}\nrows = [\n  {{ group = \"Intäkter\" }},\n  {{ label = \"Statsbidrag\", budget = 1 }},\n  {{ sheet_rows = \"2:4\" }},\n  {{ subtotal = \"Summa intäkter\" }},\n  {{ group = \"Kostnader\" }},\n  {{ sheet_rows = \"6:10\" }},\n  {{ label = \"Köpta tjänster\", budget = 2 }},\n  {{ subtotal = \"\" }},\n]\n"
    );
    let path = tmp.path().join("r.toml");
    std::fs::write(&path, &report).unwrap();
    let line_of = |needle: &str| {
        1 + report
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let out = bokslut(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let file = path.to_str().unwrap();
    for (message, line) in [
        (
            "error: the row label \"Statsbidrag\" appears twice in this table (konton-utan-summor.csv, row 3)",
            line_of(sheet_line),
        ),
        (
            "error: the row label \"Köpta tjänster\" appears twice in this table\n",
            line_of("{ label = \"Köpta tjänster\""),
        ),
        (
            "error: the subtotal's label is empty",
            line_of("{ subtotal = \"\" }"),
        ),
    ] {
        let at = stderr
            .find(message)
            .unwrap_or_else(|| panic!("{message:?} not in:\n{stderr}"));
        let located = format!("--> {file}:{line}:");
        assert!(
            stderr[at..]
                .lines()
                .find(|l| l.trim_start().starts_with("-->"))
                .is_some_and(|l| l.contains(&located)),
            "{message:?} not at {located}:\n{stderr}"
        );
    }
    assert!(stderr.contains("3 error(s), 0 warning(s)"), "{stderr}");
}
