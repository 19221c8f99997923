//! The template data of the example, compared with the golden file
//! `tests/golden/example-data.json`: any change of the contract between bokslut and the
//! layouts (a field renamed, moved, added, or a value formatted otherwise) shows here as a
//! diff to review, like the bad-input catalogue. After a deliberate change, write the file
//! anew with `BOKSLUT_UPDATE_GOLDEN=1 cargo test -p bokslut-layout --test it golden::` and
//! commit it with the change (and raise `document::CONTRACT` when a field changes meaning).

use std::path::Path;

use bokslut_core::Format;
use bokslut_layout::{Publisher, RenderOptions};

use crate::common::EXAMPLE;

/// The example's template data, pretty-printed.
fn example_data() -> String {
    let report = bokslut_core::check_str(EXAMPLE, Format::Toml, "example.toml".as_ref())
        .report
        .expect("the example is valid");
    let prepared = Publisher::new()
        .prepare(&report, &RenderOptions::default())
        .expect("prepared");
    let value: serde_json::Value = serde_json::from_slice(prepared.data()).expect("JSON");
    let mut text = serde_json::to_string_pretty(&value).expect("printed");
    text.push('\n');
    text
}

#[test]
fn the_examples_template_data_is_the_golden_file() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/example-data.json");
    let data = example_data();
    if std::env::var_os("BOKSLUT_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &data).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with BOKSLUT_UPDATE_GOLDEN=1",
            golden.display()
        )
    });
    if data != expected {
        let first = data
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(data.lines().count().min(expected.lines().count()));
        panic!(
            "the template data differs from {} from line {}:\n  now:    {}\n  golden: {}\n\
             (review the change; write the file anew with BOKSLUT_UPDATE_GOLDEN=1)",
            golden.display(),
            first + 1,
            data.lines().nth(first).unwrap_or("(end)"),
            expected.lines().nth(first).unwrap_or("(end)"),
        );
    }
}

#[test]
fn the_data_names_its_contract_and_has_no_one_letter_keys() {
    let value: serde_json::Value = serde_json::from_str(&example_data()).unwrap();
    assert_eq!(
        value["contract"],
        serde_json::json!(bokslut_present::document::CONTRACT)
    );
    // Every key of every object, in the whole data, is a word (`id` counts as one): no `k`, `c`, `s`.
    fn keys(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields {
                    out.push(key.clone());
                    keys(field, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    keys(&value, &mut all);
    assert!(all.iter().any(|k| k == "kind"), "items say their kind");
    let short: Vec<&String> = all
        .iter()
        .filter(|k| k.chars().count() < 3 && k.as_str() != "id")
        .collect();
    assert!(short.is_empty(), "one- or two-letter keys: {short:?}");
}
