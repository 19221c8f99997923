//! A workbook is a zip archive: one that unpacks to far more than its size (a zip bomb, or
//! a damaged file) is refused before calamine reads it, with the file named, and the same
//! workbook is read when the limit allows it.

use crate::common::{bokslut, root};

const REPORT: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\ndecimals = 1\nunit = \"mnkr\"\nsheet = { file = \"w.xlsx\", sheet = \"Drift\", range = \"A4:E13\", label = \"A\", kind = \"B\", columns = { budget = \"C\", outcome = \"D\" } }\n";

#[test]
fn a_workbook_that_unpacks_to_far_more_than_its_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 9 kB that unpack to 3 MiB (tests/fixtures/sheets/make.py).
    std::fs::copy(
        root().join("tests/bad-inputs/sheets/unpacks-large.xlsx"),
        dir.path().join("w.xlsx"),
    )
    .unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(&report, REPORT).unwrap();
    let pdf = dir.path().join("r.pdf");
    let run = |size: &str| {
        bokslut(&[
            "render",
            report.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
            "--max-input-size",
            size,
        ])
    };
    // 64 KiB allows 2 MiB unpacked: refused, nothing written.
    let out = run("64K");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("w.xlsx: the workbook unpacks to more than 2097152 bytes (32 times the largest input, `--max-input-size`)")
            && stderr.contains("(at chapters[0].blocks[0].sheet.file)"),
        "{stderr}"
    );
    assert!(!pdf.exists());
    // 1 MiB allows 32 MiB: the same workbook is read.
    let out = run("1M");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf.exists());
}
