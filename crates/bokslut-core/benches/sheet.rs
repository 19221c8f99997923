//! What a sheet adds to a render: reading and checking a report whose table of 2 000 rows
//! comes from an xlsx workbook or a CSV file, against the same report with the same rows
//! written in TOML. The layout of the table is the same either way, so the difference is
//! all a sheet adds.
//!
//! Run: `cargo bench -p bokslut-core --bench sheet`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use bokslut_core::sheet::{ImportFormat, ImportOptions, import};
use bokslut_core::{MoneyTable, check_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sheets")
}

fn bench(c: &mut Criterion) {
    let xlsx_report = fixtures().join("large-2000.toml");
    let text = std::fs::read_to_string(&xlsx_report).expect("the fixture");
    let checked = check_file(&xlsx_report);
    assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);

    // The same rows in TOML, as `bokslut import` writes them, and as a CSV file.
    let report = toml::from_str::<toml::Table>(&text).expect("TOML");
    let sheet = &report["chapters"][0]["blocks"][0]["sheet"];
    let table: MoneyTable =
        toml::from_str(&format!("rows = []\nsheet = {sheet}")).expect("a sheet");
    let source = table.sheet.expect("a sheet");
    let options = ImportOptions {
        format: ImportFormat::Toml,
        decimals: Some(1),
        max_input_bytes: 1 << 22,
    };
    let rows = import(&fixtures().join(&source.file), &source, &options)
        .expect("the sheet")
        .text;
    let sheet_line = text
        .lines()
        .find(|l| l.starts_with("sheet = "))
        .expect("the sheet line");
    let dir = tempfile::tempdir().expect("a directory");
    let inline = dir.path().join("inline.toml");
    std::fs::write(&inline, text.replace(sheet_line, &rows)).expect("written");
    let csv_rows: String = rows
        .lines()
        .filter_map(|l| {
            let t: toml::Table =
                toml::from_str(&format!("r = {}", l.trim().trim_end_matches(','))).ok()?;
            let r = t["r"].as_table()?;
            let figure = |k: &str| {
                r.get(k)
                    .map(|v| v.to_string().replace('.', ",").replace('-', "\u{2212}"))
                    .unwrap_or_default()
            };
            Some(format!(
                "{};{};{};{}\n",
                r["label"].as_str()?,
                figure("budget"),
                figure("outcome"),
                figure("forecast")
            ))
        })
        .collect();
    std::fs::write(
        dir.path().join("large.csv"),
        format!("Verksamhet;Budget;Utfall;Prognos\n{csv_rows}"),
    )
    .expect("written");
    let csv_report = dir.path().join("csv.toml");
    std::fs::write(&csv_report, text.replace("large-2000.xlsx", "large.csv")).expect("written");
    for path in [&inline, &csv_report] {
        let checked = check_file(path);
        assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);
        assert_eq!(
            checked.report.as_ref().map(|r| r.tables().to_vec()),
            check_file(&xlsx_report).report.map(|r| r.tables().to_vec()),
            "{} gives other figures",
            path.display()
        );
    }

    let mut group = c.benchmark_group("sheet-2000-rows");
    group.bench_function("inline-toml", |b| b.iter(|| black_box(check_file(&inline))));
    group.bench_function("xlsx", |b| b.iter(|| black_box(check_file(&xlsx_report))));
    group.bench_function("csv", |b| b.iter(|| black_box(check_file(&csv_report))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
