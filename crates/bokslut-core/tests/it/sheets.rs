//! Tables whose rows come from sheets (xlsx, ods, csv): the same computed tables as the same
//! figures written in TOML, exact figures, and located problems.

use std::path::PathBuf;

use bokslut_core::{CheckOptions, Severity, check_file, check_file_with};

use crate::common::{messages, root};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/sheets").join(name)
}

const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\n";

/// Writes a report with one table (the `table` lines after the preset) and files beside it.
fn report_with(table: &str, files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let report = dir.path().join("r.toml");
    std::fs::write(&report, format!("{HEAD}{table}")).unwrap();
    (dir, report)
}

#[test]
fn sheets_give_the_same_tables_as_the_same_figures_in_toml() {
    let from_sheets = check_file(&fixture("report.toml"));
    let inline = check_file(&fixture("rows-inline.toml"));
    assert_eq!(
        from_sheets.errors(),
        0,
        "{:#?}",
        messages(&from_sheets, Severity::Error)
    );
    assert_eq!(inline.errors(), 0, "{:#?}", inline.diagnostics);
    let (a, b) = (from_sheets.report.as_ref().unwrap(), inline.report.unwrap());
    assert_eq!(a.tables().len(), 3);
    assert_eq!(a.tables(), b.tables());
    // Figures the table prints with fewer decimals than the sheet holds: one note per column,
    // at the column's entry in the report, naming the first cell. 126.35 is below 126.35 as
    // a binary float: only the exact decimal rounds it up to 126.4, as printed.
    let notes = messages(&from_sheets, Severity::Note);
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(
        notes[0].starts_with("note: drift.xlsx, sheet \"Drift\", cell D11: 126.35 has more decimals than the table prints for `outcome` (1): it is taken as printed, 126.4"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("report.toml:29:"), "{}", notes[0]);
    assert!(
        notes[1].contains("cell E11: -6.35") && notes[1].contains("-6.4"),
        "{}",
        notes[1]
    );
    assert!(
        notes[2].contains("investeringar.ods, sheet \"Investeringar\", cell C3: 2204.4")
            && notes[2].contains("taken as printed, 2204"),
        "{}",
        notes[2]
    );
    assert_eq!(from_sheets.warnings(), 0);
}

#[test]
fn a_swedish_csv_and_an_english_one_give_the_same_figures() {
    let swedish = "Verksamhet;Budget;Utfall\r\nVård;\u{2212}1\u{A0}234,5;1\u{202F}000\r\nSkola;-12 345 678,25;0,5\r\n";
    // Windows-1252, as Excel writes CSV on a Swedish Windows: "Vård" with å as 0xE5.
    let english = b"Verksamhet,Budget,Utfall\nV\xE5rd,-1234.5,1000\nSkola,-12345678.25,0.5\n";
    let table = |file: &str| {
        format!(
            "decimals = 2\nsheet = {{ file = \"{file}\", header_row = 1, label = \"A\", columns = {{ budget = \"Budget\", outcome = \"C\" }} }}\n"
        )
    };
    let (_d1, a) = report_with(&table("sv.csv"), &[("sv.csv", swedish.as_bytes())]);
    let (_d2, b) = report_with(&table("en.csv"), &[("en.csv", english)]);
    let (a, b) = (check_file(&a), check_file(&b));
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert!(b.diagnostics.is_empty(), "{:#?}", b.diagnostics);
    let (a, b) = (a.report.unwrap(), b.report.unwrap());
    assert_eq!(a.tables(), b.tables());
    let total = a.tables()[0].rows.last().unwrap();
    assert_eq!(total.cells[0].unwrap().to_string(), "-12346912.75");
    assert_eq!(a.tables()[0].rows[0].label.as_deref(), Some("Vård"));
}

#[test]
fn text_where_a_figure_belongs_is_an_error_at_its_cell_and_at_the_column_asking() {
    let csv = "Verksamhet;Budget\nA;1\nB;2\nC;12 3x7\n";
    let (_dir, report) = report_with(
        "sheet = { file = \"drift.csv\", range = \"A2:B4\", label = \"A\", columns = { budget = \"B\" } }\n",
        &[("drift.csv", csv.as_bytes())],
    );
    let checked = check_file(&report);
    let errors = messages(&checked, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("error: drift.csv, cell B4: \"12 3x7\" is not a number (expected the figure for `budget`)"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("r.toml:12:"), "{}", errors[0]);
    assert!(
        errors[0].contains("(at chapters[0].blocks[0].sheet.columns.budget)"),
        "{}",
        errors[0]
    );
    assert!(checked.report.is_none());
}

#[test]
fn problems_of_rows_from_a_sheet_name_the_sheets_row() {
    let csv = "Verksamhet;Budget;Utfall\nA;1;1\nB;2;2\nA;3;3\n";
    let (_dir, report) = report_with(
        "sheet = { file = \"d.csv\", header_row = 1, label = \"A\", columns = { budget = \"B\", outcome = \"C\" } }\n",
        &[("d.csv", csv.as_bytes())],
    );
    let errors = messages(&check_file(&report), Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("the row label \"A\" appears twice in this table (d.csv, row 4)")
            && errors[0].contains("(at chapters[0].blocks[0].sheet)"),
        "{}",
        errors[0]
    );
}

#[cfg(unix)]
#[test]
fn a_sheet_outside_the_reports_directory_needs_the_flag() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("d.csv"), "A;1\n").unwrap();
    let (dir, report) = report_with(
        "sheet = { file = \"link.csv\", range = \"A1:B1\", label = \"A\", columns = { budget = \"B\" } }\n",
        &[],
    );
    std::os::unix::fs::symlink(outside.path().join("d.csv"), dir.path().join("link.csv")).unwrap();
    let refused = messages(&check_file(&report), Severity::Error);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(
        refused[0].contains("link.csv: the file is outside the report's directory"),
        "{}",
        refused[0]
    );
    let allowed = check_file_with(
        &report,
        CheckOptions {
            allow_outside_paths: true,
            ..CheckOptions::default()
        },
    );
    assert_eq!(allowed.errors(), 0, "{:#?}", allowed.diagnostics);
}

#[test]
fn a_sheet_larger_than_the_limit_is_not_read() {
    let (_dir, report) = report_with(
        "sheet = { file = \"d.csv\", range = \"A1:B1\", label = \"A\", columns = { budget = \"B\" } }\n",
        &[("d.csv", "A;1\n".repeat(500).as_bytes())],
    );
    let checked = check_file_with(
        &report,
        CheckOptions {
            max_input_bytes: 1000,
            ..CheckOptions::default()
        },
    );
    let errors = messages(&checked, Severity::Error);
    assert!(
        errors.len() == 1
            && errors[0].contains("d.csv: the file is")
            && errors[0].contains("more than the limit"),
        "{errors:#?}"
    );
}

#[test]
fn a_json_report_names_its_sheet_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "Verksamhet;Budget;Utfall\nA;1,5;2\n",
    )
    .unwrap();
    let report = dir.path().join("r.json");
    std::fs::write(
        &report,
        r#"{"format_version": 1, "meta": {"organisation": "K", "board": "N", "kind": "annual",
        "period": {"start": "2023-01-01", "end": "2023-12-31"}},
        "chapters": [{"title": "A", "blocks": [{"type": "finance", "preset": "annual", "decimals": 1,
          "sheet": {"file": "d.csv", "header_row": 1, "label": "A", "columns": {"budget": "Budget", "outcome": "Utfall"}}}]}]}"#,
    )
    .unwrap();
    let checked = check_file(&report);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let report = checked.report.unwrap();
    assert_eq!(
        report.tables()[0].rows[0].cells[0].unwrap().to_string(),
        "1.5"
    );
}

#[test]
fn one_sheet_row_may_be_placed_by_its_number() {
    // `sheet_rows = 10` (a number) places the same row as `sheet_rows = "10"`, in TOML and in
    // JSON (where numbers are read exactly).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("konton-utan-summor.csv"),
        dir.path().join("konton-utan-summor.csv"),
    )
    .unwrap();
    let text = std::fs::read_to_string(fixture("between.toml")).unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(
        &report,
        text.replace("sheet_rows = \"10\"", "sheet_rows = 10"),
    )
    .unwrap();
    let by_number = check_file(&report);
    assert!(
        by_number.diagnostics.is_empty(),
        "{:#?}",
        by_number.diagnostics
    );
    let by_text = check_file(&fixture("between.toml"));
    assert_eq!(
        format!("{:?}", by_number.report.unwrap().tables()),
        format!("{:?}", by_text.report.unwrap().tables())
    );
    std::fs::write(dir.path().join("d.csv"), "A;1;2\nB;3;4\n").unwrap();
    let json = dir.path().join("r.json");
    std::fs::write(
        &json,
        r#"{"format_version": 1, "meta": {"organisation": "K", "board": "N", "kind": "annual",
        "period": {"start": "2023-01-01", "end": "2023-12-31"}},
        "chapters": [{"title": "A", "blocks": [{"type": "finance", "preset": "annual",
          "sheet": {"file": "d.csv", "range": "A1:C2", "label": "A", "columns": {"budget": "B", "outcome": "C"}},
          "rows": [{"sheet_rows": 2}, {"group": "G"}, {"sheet_rows": 1}]}]}]}"#,
    )
    .unwrap();
    let checked = check_file(&json);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let report = checked.report.unwrap();
    let labels: Vec<&str> = report.tables()[0]
        .rows
        .iter()
        .map(|r| r.label.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(labels[..3], ["B", "G", "A"]);
}

#[test]
fn a_csv_saved_as_utf16_reads_as_the_same_table_as_utf8() {
    // Excel's "Unicode text" is UTF-16 with a byte-order mark and tabs: it once gave
    // "no column is headed …" for every column (the zero bytes read as Windows-1252).
    let text = "Konto\tBenämning\tBudget\tUtfall\n3000\tIntäkter\t−34 559\t−20 222\n4000\tPersonal\t25 140\t14 305\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let table = |file: &str| {
        format!(
            "sheet = {{ file = \"{file}\", header_row = 1, label = \"Benämning\", columns = {{ budget = \"Budget\", outcome = \"Utfall\" }} }}\n"
        )
    };
    let (_a, wide) = report_with(&table("u16.csv"), &[("u16.csv", &utf16)]);
    let (_b, plain) = report_with(&table("u8.csv"), &[("u8.csv", text.as_bytes())]);
    let (wide, plain) = (check_file(&wide), check_file(&plain));
    assert_eq!(wide.errors(), 0, "{:#?}", wide.diagnostics);
    assert_eq!(
        wide.report.unwrap().tables(),
        plain.report.unwrap().tables()
    );
}

/// Files from memory that count how often each is read.
struct Counting {
    files: bokslut_core::files::Memory,
    reads: std::sync::Mutex<usize>,
}

impl bokslut_core::files::Files for Counting {
    fn read(&self, name: &str, max: u64) -> Result<Vec<u8>, bokslut_core::confine::Refusal> {
        *self.reads.lock().unwrap() += 1;
        self.files.read(name, max)
    }
    fn locate(&self, name: &str) -> Option<Result<PathBuf, bokslut_core::confine::Refusal>> {
        self.files.locate(name)
    }
}

#[test]
fn a_sheet_many_tables_read_is_read_once() {
    // 200 tables taking rows of one 4 MiB CSV re-read and re-parsed it for each (150 s).
    let table = "[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\ntotal = false\nsheet = { file = \"s.csv\", range = \"A1:C2\", label = \"A\", columns = { budget = \"B\", outcome = \"C\" } }\n";
    let text = format!(
        "{HEAD}total = false\nsheet = {{ file = \"s.csv\", range = \"A1:C2\", label = \"A\", columns = {{ budget = \"B\", outcome = \"C\" }} }}\n{}",
        table.repeat(49)
    );
    let mut files = bokslut_core::files::Memory::new();
    files.insert("s.csv", "Intäkter;-10;-12\nKostnader;8;9\n");
    let counting = Counting {
        files,
        reads: std::sync::Mutex::new(0),
    };
    let checked = bokslut_core::check_str_in(
        &text,
        bokslut_core::Format::Toml,
        "r.toml".as_ref(),
        CheckOptions::default(),
        &counting,
    );
    assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);
    let valid = checked.report.unwrap();
    assert_eq!(valid.tables().len(), 50);
    assert!(valid.tables().windows(2).all(|t| t[0].rows == t[1].rows));
    assert_eq!(*counting.reads.lock().unwrap(), 1);
}
