//! The bundled example reads, checks clean, and reads the same from JSON of the same shape.

use std::path::Path;

use bokslut_core::{Format, check_file, read_file, read_str};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/delarsbokslut-2020-syd-it.toml")
}

#[test]
fn example_reads_and_its_stated_totals_agree() {
    let checked = check_file(&example());
    assert_eq!(checked.report.unwrap().meta.board, "Sydnärkes IT-nämnd");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn json_of_the_same_shape_reads_the_same() {
    let report = read_file(&example()).unwrap();
    let json = serde_json::to_string_pretty(&report).unwrap();
    let back = read_str(&json, Format::Json, Path::new("example.json")).unwrap();
    assert_eq!(back, report);
}
