//! Financial tables from sheets, end to end: a report whose tables take their rows from an
//! xlsx workbook, a Swedish CSV file and an ods spreadsheet renders the same PDF, byte for
//! byte, as the same figures written in TOML; `bokslut import` prints those rows; a batch
//! render reads the sheet again when it changes; `check` reads sheets and locates notes.

mod common;

use std::path::Path;

use common::{bokslut, norm, pdf_text, render, root};

const SHEETS: &str = "tests/fixtures/sheets";

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
