//! Goal tables whose goals and indicators come from a sheet: the same goals as written in
//! TOML, values read as the sheet shows them, and problems named at the sheet's cell or row
//! and at the report's key.

use std::path::Path;

use bokslut_core::{Checked, Severity, check_file};

use crate::common::{messages, root};

/// The report's goal tables as the checks see them (after the sheets are read), as JSON.
fn goals_of(path: &Path) -> serde_json::Value {
    let checked = check_file(path);
    assert!(checked.errors() == 0, "{:#?}", checked.diagnostics);
    let report = checked.report.expect("a valid report");
    let mut value = serde_json::to_value(&report.report().chapters).unwrap();
    // The sheet itself is the one difference: the goals it gave are compared.
    strip_sheets(&mut value);
    value
}

fn strip_sheets(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("sheet");
            map.values_mut().for_each(strip_sheets);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_sheets),
        _ => {}
    }
}

#[test]
fn a_csv_and_an_ods_sheet_give_the_goals_of_the_published_table() {
    let written =
        goals_of(&root().join("tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml"));
    for sheet in ["goals-helsingborg-csv.toml", "goals-helsingborg-ods.toml"] {
        let from_sheet = goals_of(&root().join("tests/fixtures/sheets").join(sheet));
        assert_eq!(from_sheet, written, "{sheet}");
    }
}

#[test]
fn a_workbook_gives_its_values_as_its_cells_show_them() {
    let dir = root().join("tests/fixtures/sheets");
    let checked = check_file(&dir.join("goals-xlsx.toml"));
    // One note for the figure with more decimals than its cell shows, none else.
    let notes = messages(&checked, Severity::Note);
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(
        notes[0].contains(
            "cell E3: 81.27 has more decimals than the cell shows: it is taken as shown, 81.3"
        ) && notes[0].contains("(at chapters[0].blocks[0].sheet.columns.current)"),
        "{}",
        notes[0]
    );
    assert_eq!(
        goals_of(&dir.join("goals-xlsx.toml")),
        goals_of(&dir.join("goals-inline.toml"))
    );
}

const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"goals\"\nlevels = [\"Mål\", \"Delmål\"]\ncolumns = [{ id = \"y2022\", heading = \"Utfall 2022\" }, { id = \"current\" }, { id = \"target\" }, { id = \"status\" }, { id = \"trend\" }]\n";

/// A report with one goal table taking its goals from `csv` as the `sheet` line says.
fn check_with(sheet: &str, csv: &str) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.csv"), csv).unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(&report, format!("{HEAD}{sheet}\n")).unwrap();
    check_file(&report)
}

const SHEET: &str = "sheet = { file = \"m.csv\", header_row = 1, label = \"B\", level = \"A\", columns = { y2022 = \"C\", current = \"D\", target = \"E\", status = \"F\" } }";

#[test]
fn findings_about_goals_from_a_sheet_name_the_sheets_row() {
    let csv = "Nivå;Namn;2022;2023;Mål;Status\n1;Fler besök;;;;\n;Besök per invånare;4;5;minst 6;\n2;Nöjda besökare;;;;\n;Andel nöjda;80 %;120 %;minst 90 %;\n;Utan mål;3;4;;\n";
    let checked = check_with(SHEET, csv);
    let errors = messages(&checked, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("120 % is not a share between 0 and 100 %")
            && errors[0].contains("(m.csv, row 5)")
            && errors[0].contains("(at chapters[0].blocks[0].sheet)"),
        "{}",
        errors[0]
    );
    let warnings = messages(&checked, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("\"Utan mål\" has no target") && w.contains("(m.csv, row 6)")),
        "{warnings:#?}"
    );
}

#[test]
fn the_goals_nest_as_the_level_column_says() {
    // Levels by name and by number, an indicator under the goal above it, a second goal of
    // the first level closing the first's sub-goal.
    let csv = "Nivå;Namn;2022;2023;Mål;Status\nMål;A;;;;Uppfyllt\nindikator;a1;1;2;minst 2;\n2;A.1;;;;\nmått;a11;3;4;högst 5;Grön\n1;B;;;;\n;b1;5 st;6 st;minst 5 st;Ej bedömt\n";
    let checked = check_with(SHEET, csv);
    assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);
    let report = checked.report.unwrap();
    let chapters = serde_json::to_value(&report.report().chapters).unwrap();
    let goals = &chapters[0]["blocks"][0]["goals"];
    assert_eq!(goals.as_array().unwrap().len(), 2);
    assert_eq!(goals[0]["name"], "A");
    assert_eq!(goals[0]["status"], "met");
    assert_eq!(goals[0]["indicators"][0]["name"], "a1");
    assert_eq!(goals[0]["goals"][0]["name"], "A.1");
    assert_eq!(goals[0]["goals"][0]["indicators"][0]["status"], "met");
    assert_eq!(
        goals[0]["goals"][0]["indicators"][0]["target"]["relation"],
        "at_most"
    );
    assert_eq!(goals[1]["indicators"][0]["current"]["unit"], "st");
    assert_eq!(goals[1]["indicators"][0]["status"], "not_assessed");
}

#[test]
fn a_value_on_a_goals_row_is_not_lost_silently() {
    let csv = "Nivå;Namn;2022;2023;Mål;Status\n1;A;;55;60;\n;a;1;2;3;\n2;A.1;4;;;\n;a1;1;2;3;\n";
    let checked = check_with(SHEET, csv);
    let warnings = messages(&checked, Severity::Warning);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains(
            "m.csv, cell D2: a goal's row holds a value (and 2 more cells), which is not printed"
        ) && warnings[0].contains("(at chapters[0].blocks[0].sheet.level)"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_goal_sheet_says_what_is_wrong_with_it() {
    let csv = "Nivå;Namn;2022;2023;Mål;Status\n1;A;;;;\n;a;1;2;3;\n";
    let cases = [
        (
            SHEET.replace("status = \"F\"", "trend = \"F\""),
            "`trend` is computed from the earlier outcomes and the target",
            "sheet.columns.trend",
        ),
        (
            SHEET.replace("y2022 = \"C\"", "y2021 = \"C\""),
            "`y2021` is no column of this table",
            "sheet.columns.y2021",
        ),
        (
            SHEET.replace("level = \"A\", ", ""),
            "a goal table's sheet needs `level`",
            "blocks[0].sheet)",
        ),
        (
            SHEET.replace("level = \"A\"", "level = \"A\", kind = \"A\""),
            "`kind` belongs to a financial table's sheet",
            "sheet.kind",
        ),
        (
            SHEET.replace("level = \"A\"", "level = \"Typ\""),
            "no column is headed \"Typ\" in row 1",
            "sheet.level",
        ),
    ];
    for (sheet, expected, at) in cases {
        let errors = messages(&check_with(&sheet, csv), Severity::Error);
        assert!(
            errors
                .iter()
                .any(|e| e.contains(expected) && e.contains(at)),
            "{sheet}: {errors:#?}"
        );
    }
    // A level under a missing level, and a goal row without a name.
    let csv = "Nivå;Namn;2022;2023;Mål;Status\n2;A.1;;;;\n;a;1;2;3;\n1;;;;;Uppfyllt\n";
    let errors = messages(&check_with(SHEET, csv), Severity::Error);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for expected in [
        "cell A2: a goal of level 2 (\"Delmål\") comes before any goal of level 1 (\"Mål\")",
        "cell B4: the name is empty, but the row has values",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:#?}"
        );
    }
}

#[test]
fn a_financial_tables_sheet_refuses_the_keys_of_a_goal_tables() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "A;1;2\n").unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(
        &report,
        "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\nsheet = { file = \"d.csv\", range = \"A1:C1\", label = \"A\", level = \"B\", columns = { budget = \"B\", outcome = \"C\" } }\n",
    )
    .unwrap();
    let errors = messages(&check_file(&report), Severity::Error);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`level` belongs to a goal table's sheet")
                && e.contains("sheet.level")),
        "{errors:#?}"
    );
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn any_goal_sheet_is_read_without_panicking() {
    // Cells drawn from the words a goal sheet holds, and from noise.
    let words = [
        "",
        "1",
        "2",
        "3",
        "0",
        "Mål",
        "Delmål",
        "indikator",
        "mått",
        "85 %",
        "−3,5",
        "12 st",
        "minst",
        "minst 90 %",
        "högst 1 2",
        "öka från 3",
        "Ja",
        "nej",
        "Grön",
        "Delvis uppfyllt",
        "Bra",
        "-",
        "1e400",
        "99999999999999999999999999999",
        "%",
        "≥",
        "\u{feff}",
        "\"",
        ";;",
    ];
    let mut rng = Rng(0x5eed_601a);
    for _ in 0..300 {
        let rows = 1 + rng.next() % 12;
        let mut csv = String::from("Nivå;Namn;2022;2023;Mål;Status\n");
        for _ in 0..rows {
            let cells: Vec<&str> = (0..6)
                .map(|_| words[(rng.next() % words.len() as u64) as usize])
                .collect();
            csv.push_str(&cells.join(";"));
            csv.push('\n');
        }
        // It reads, or says what is wrong; it never panics (a panic fails the test).
        let checked = check_with(SHEET, &csv);
        assert!(checked.report.is_some() || checked.errors() > 0, "{csv}");
    }
}
