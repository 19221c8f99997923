//! Goal tables from sheets, end to end: a published goal table kept in a Swedish CSV file or
//! an ods spreadsheet renders the same PDF, byte for byte, as the table written in TOML; a
//! workbook's values print as its cells show them; `check` reads the sheet; a batch renders
//! again when the sheet changes; the web edition reads the same goals.

use crate::common::{SHEETS, bokslut, norm, pdf_text_raw, render, root};

fn rendered(input: &str, dir: &std::path::Path, name: &str) -> Vec<u8> {
    let out = dir.join(name);
    render(&root().join(input), &out, &[]);
    std::fs::read(&out).unwrap()
}

#[test]
fn a_published_goal_table_from_csv_or_ods_renders_the_same_pdf_as_in_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let written = rendered(
        "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
        tmp.path(),
        "toml.pdf",
    );
    for sheet in ["csv", "ods"] {
        let from_sheet = rendered(
            &format!("{SHEETS}/goals-helsingborg-{sheet}.toml"),
            tmp.path(),
            &format!("{sheet}.pdf"),
        );
        assert!(
            from_sheet == written,
            "{sheet}: the PDFs differ ({} and {} bytes)",
            from_sheet.len(),
            written.len()
        );
    }
    // Every value of the sheet, read back from the page as printed (pdftotext -raw, one row
    // of the table after another): outcomes, target with its relation, status, trend.
    let text = norm(&pdf_text_raw(&tmp.path().join("csv.pdf"), None));
    for row in [
        "NöjdInflytandeIndex404036minst41EjuppfylltFörsämrad",
        "71,972,272,7minst72,3UppfylltFörbättrad",
        "670446791669001minst69000UppfylltFörbättrad",
        "393836minst42%EjuppfylltFörsämrad",
        "757672minst76DelvisuppfylltFörsämrad",
        "varandrasolikheter8989minst90%Delvisuppfyllt",
        "908988minst90%DelvisuppfylltFörsämrad",
    ] {
        assert!(text.contains(row), "{row} not in:\n{text}");
    }
}

#[test]
fn a_workbooks_goal_values_print_as_its_cells_show_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("xlsx.pdf");
    let run = bokslut(&[
        "render",
        &format!("{SHEETS}/goals-xlsx.toml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    // The one figure with more decimals than its cell shows is noted, once.
    assert_eq!(stderr.matches("note: ").count(), 1, "{stderr}");
    assert!(
        stderr.contains("cell E3: 81.27 has more decimals than the cell shows"),
        "{stderr}"
    );
    let from_sheet = std::fs::read(&out).unwrap();
    let written = rendered(
        &format!("{SHEETS}/goals-inline.toml"),
        tmp.path(),
        "inline.pdf",
    );
    assert!(from_sheet == written, "the PDFs differ");
    let text = norm(&pdf_text_raw(&out, None));
    for expected in [
        // 0.781 and 0.8127 formatted 0.0 %, 0.82 formatted 0 %.
        "78,1%81,3%82%minst85%",
        // Counts with the unit from the unit column, 12.0 formatted 0.0.
        "12,4st12,1st12,0sthögst12st",
        // Bare numbers made percentages by the unit column "%".
        "74%76,5%77%80%",
        "JaJaJaUppfylltAntageniapril.",
    ] {
        assert!(text.contains(expected), "{expected} not in:\n{text}");
    }
}

#[test]
fn check_reads_the_goal_sheet_and_a_batch_renders_again_when_it_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    std::fs::create_dir(&dir).unwrap();
    for f in ["goals-helsingborg-csv.toml", "helsingborg-mal.csv"] {
        std::fs::copy(root().join(SHEETS).join(f), dir.join(f)).unwrap();
    }
    let out = tmp.path().join("out");
    let run = |args: &[&str]| {
        let o = bokslut(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o
    };
    run(&["check", dir.to_str().unwrap()]);
    run(&[
        "render",
        dir.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    let pdf = out.join("goals-helsingborg-csv.pdf");
    assert!(norm(&pdf_text_raw(&pdf, None)).contains("404036minst41"));
    // The sheet is re-exported with one outcome changed: the report renders again with it.
    let csv = std::fs::read_to_string(dir.join("helsingborg-mal.csv")).unwrap();
    std::fs::write(
        dir.join("helsingborg-mal.csv"),
        csv.replace(
            "Nöjd Inflytande Index;40;40;36;minst 41;Ej uppfyllt",
            "Nöjd Inflytande Index;40;40;43;minst 41;Uppfyllt",
        ),
    )
    .unwrap();
    run(&[
        "render",
        dir.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    let text = norm(&pdf_text_raw(&pdf, None));
    assert!(
        text.contains("NöjdInflytandeIndex404043minst41UppfylltFörbättrad"),
        "{text}"
    );
    // A cell that is no status fails the check, naming the cell.
    std::fs::write(
        dir.join("helsingborg-mal.csv"),
        csv.replace("minst 41;Ej uppfyllt", "minst 41;Ok"),
    )
    .unwrap();
    let o = bokslut(&["check", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("helsingborg-mal.csv, cell G4: \"Ok\" is no status"),
        "{stderr}"
    );
}

#[test]
fn the_web_edition_reads_the_same_goals_from_the_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let html = |input: &str, name: &str| {
        let out = tmp.path().join(name);
        let o = bokslut(&[
            "render",
            input,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&out).unwrap()
    };
    let from_sheet = html(&format!("{SHEETS}/goals-helsingborg-ods.toml"), "ods.html");
    let written = html(
        "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
        "toml.html",
    );
    assert_eq!(from_sheet, written);
    assert!(from_sheet.contains("Andel kunder som är ganska eller mycket nöjda med sin hemtjänst"));
}

#[test]
fn import_prints_a_goal_sheet_as_the_tables_goals() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], &str); 2] = [
        (
            "helsingborg-mal.csv",
            &[
                "--header-row",
                "1",
                "--label",
                "Namn",
                "--level",
                "Nivå",
                "--levels",
                "Perspektiv,Mål",
                "--columns",
                "2014=Utfall 2014,2015=Utfall 2015,current=Utfall 2016,target=Målvärde 2016,status=Bedömning",
            ],
            "goals-helsingborg-csv.toml",
        ),
        (
            "mal.xlsx",
            &[
                "--header-row",
                "1",
                "--label",
                "Mål / indikator",
                "--level",
                "Nivå",
                "--levels",
                "Mål,Delmål",
                "--unit",
                "Enhet",
                "--comment",
                "Kommentar",
                "--columns",
                "y2023=Utfall 2023,current=Utfall aug,forecast=Prognos,target=Målvärde,status=Status",
            ],
            "goals-xlsx.toml",
        ),
    ];
    for (sheet, args, report) in cases {
        let mut all = vec!["import".to_owned(), format!("{SHEETS}/{sheet}")];
        all.extend(args.iter().map(|a| a.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = bokslut(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The report with its sheet replaced by the imported goals renders the same PDF.
        let text = std::fs::read_to_string(root().join(SHEETS).join(report)).unwrap();
        let head: String = text
            .lines()
            .filter(|l| !l.starts_with("sheet = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let inline = tmp.path().join(format!("{sheet}.toml"));
        std::fs::write(
            &inline,
            format!("{head}\n{}", String::from_utf8_lossy(&out.stdout)),
        )
        .unwrap();
        let a = tmp.path().join(format!("{sheet}.imported.pdf"));
        render(&inline, &a, &[]);
        let b = rendered(
            &format!("{SHEETS}/{report}"),
            tmp.path(),
            &format!("{sheet}.pdf"),
        );
        assert!(std::fs::read(&a).unwrap() == b, "{sheet}: the PDFs differ");
    }
    // JSON too, with the values' exact digits.
    let out = bokslut(&[
        "import",
        &format!("{SHEETS}/helsingborg-mal.csv"),
        "--header-row",
        "1",
        "--label",
        "Namn",
        "--level",
        "Nivå",
        "--levels",
        "Perspektiv,Mål",
        "--columns",
        "current=Utfall 2016",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["goals"][0]["goals"][0]["indicators"][1]["current"]["number"],
        "72.7"
    );
    // --level without --levels is refused by the argument parser.
    let out = bokslut(&[
        "import",
        &format!("{SHEETS}/helsingborg-mal.csv"),
        "--range",
        "A2:G11",
        "--level",
        "A",
        "--columns",
        "current=E",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
