//! The bundled example reads, checks clean, and reads the same from JSON of the same shape.

use std::path::Path;

use bokslut_core::{Format, read_file, read_str};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/delarsbokslut-2020-syd-it.toml")
}

#[test]
fn example_reads_and_its_stated_totals_agree() {
    let report = read_file(&example()).unwrap();
    assert_eq!(report.meta.board, "Sydnärkes IT-nämnd");
    let problems = bokslut_core::compute::check(&report);
    assert!(problems.errors.is_empty(), "{:?}", problems.errors);
}

#[test]
fn json_of_the_same_shape_reads_the_same() {
    let report = read_file(&example()).unwrap();
    let json = serde_json::to_string_pretty(&report).unwrap();
    let back = read_str(&json, Format::Json, Path::new("example.json")).unwrap();
    assert_eq!(back, report);
}
