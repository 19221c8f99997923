//! The bundled example reads, checks clean, and reads the same from JSON of the same shape.

use std::path::Path;

use bokslut_core::{Format, check_file, check_str_with, read_file, read_str};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/delarsbokslut-2020-syd-it.toml")
}

#[test]
fn example_reads_and_its_stated_totals_agree() {
    let checked = check_file(&example());
    assert_eq!(
        checked.report.unwrap().report().meta.board,
        Some("Sydnärkes IT-nämnd".to_owned())
    );
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn json_of_the_same_shape_reads_the_same() {
    let report = read_file(&example()).unwrap();
    let json = serde_json::to_string_pretty(&report).unwrap();
    let back = read_str(&json, Format::Json, Path::new("example.json")).unwrap();
    assert_eq!(back, report);
}

#[test]
fn amounts_in_the_text_that_no_table_gives_are_pointed_out() {
    use bokslut_core::{CheckOptions, check_file_with};
    let options = CheckOptions {
        figures_in_text: true,
        ..CheckOptions::default()
    };
    // The two errors of the published report: its result quoted as 1564 tkr where the table
    // sums to 1 579, and "420 kr" for 420 tkr. The other amounts of its text (1 579, 420,
    // 1 537 and 400 tkr) are figures of its tables.
    let checked = check_file_with(&example(), options);
    let found: Vec<(usize, usize, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.position.expect("located");
            (line, column, d.message.as_str())
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (182, 52));
    assert!(
        found[0].2.starts_with("the text gives 1564 tkr, which no figure")
            && found[0].2.contains("the nearest is 1 579 tkr, the outcome of the sum in the table under \"Ekonomiskt resultat\""),
        "{}",
        found[0].2
    );
    assert_eq!((found[1].0, found[1].1), (198, 40));
    assert!(
        found[1]
            .2
            .starts_with("the text gives 420 kr, but the report's figures are in tkr")
            && found[1].2.ends_with("is the unit wrong?"),
        "{}",
        found[1].2
    );
    assert!(checked.diagnostics.iter().all(|d| !d.is_error()));

    // Rounded amounts match to the precision they are written with; a moved figure does not.
    let source = std::fs::read_to_string(example()).unwrap();
    let rounded = source.replace("överskott på 1 579 tkr.", "överskott på 1,6 mnkr.");
    assert_ne!(rounded, source);
    let checked = check_str_with(&rounded, Format::Toml, Path::new("r.toml"), options);
    assert_eq!(checked.diagnostics.len(), 2, "{:#?}", checked.diagnostics);
    let moved = source.replace(
        "utgör ett överskott om 1 537 tkr",
        "utgör ett överskott om 1 538 tkr",
    );
    assert_ne!(moved, source);
    let checked = check_str_with(&moved, Format::Toml, Path::new("r.toml"), options);
    assert_eq!(checked.diagnostics.len(), 3, "{:#?}", checked.diagnostics);
    assert!(checked.diagnostics[2].message.contains("1 538 tkr"));
    // Off by default: a render reproduces the text as published.
    assert!(check_file(&example()).diagnostics.is_empty());
}

#[test]
fn a_near_miss_of_a_row_key_is_a_hint_at_the_key() {
    // `lable` for `label`: the row's text cannot be a figure, so the key was meant as one of
    // the row's own; the hint comes from the one suggestion helper, not from the message.
    let text = std::fs::read_to_string(example())
        .unwrap()
        .replacen("{ label = ", "{ lable = ", 1);
    let checked = bokslut_core::check_str(&text, Format::Toml, Path::new("r.toml"));
    let first = &checked.diagnostics[0];
    assert!(
        first
            .message
            .starts_with("unknown field `lable`, expected one of `label`"),
        "{first}"
    );
    assert_eq!(first.hints, ["did you mean `label`?"], "{first}");
    let line = text.lines().position(|l| l.contains("lable")).unwrap() + 1;
    assert_eq!(first.position.map(|(l, _)| l), Some(line), "{first}");
}
