//! `bokslut schema` prints a JSON Schema that the example (as an editor sees it, TOML turned
//! into JSON values) satisfies, and that rejects a typo.

use crate::common::{bokslut, root};
use serde_json::Value as Json;

fn parse(text: &str) -> Json {
    to_json(&toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

/// TOML as an editor's schema validator sees it: dates as strings, numbers as numbers.
fn to_json(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

#[test]
fn example_satisfies_the_schema_and_a_typo_does_not() {
    let out = bokslut(&["schema"]);
    assert!(out.status.success());
    let schema: Json = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");

    let text =
        std::fs::read_to_string(root().join("examples/delarsbokslut-2020-syd-it.toml")).unwrap();
    let example = parse(&text);
    let errors: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let typo = parse(&text.replacen("organisation = ", "organization = ", 1));
    assert!(
        !validator.is_valid(&typo),
        "the schema must refuse unknown fields"
    );
    // A row's figures are keyed by the table's own column ids, which only `check` knows; the
    // schema still refuses a row without its label and text where a figure belongs.
    let row_typo = parse(&text.replacen(
        "{ label = \"Personalkostnader\"",
        "{ lable = \"Personalkostnader\"",
        1,
    ));
    assert!(!validator.is_valid(&row_typo), "a row needs its label");
    let bad_kind = parse(&text.replacen("kind = \"interim\"", "kind = \"interm\"", 1));
    assert!(!validator.is_valid(&bad_kind));

    // Goal tables with declared columns, named levels and earlier outcomes.
    for fixture in [
        "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
        "tests/fixtures/goals/three-levels-interim.toml",
    ] {
        let text = std::fs::read_to_string(root().join(fixture)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&parse(&text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{fixture}: {errors:#?}");
        let typo = parse(&text.replacen("heading = ", "heading_ = ", 1));
        assert!(!validator.is_valid(&typo), "{fixture}: a column's typo");
        let typo = parse(&text.replacen("earlier = ", "earlyer = ", 1));
        assert!(!validator.is_valid(&typo), "{fixture}: an indicator's typo");
    }
}

#[test]
fn a_table_from_a_sheet_satisfies_the_schema_and_a_typo_in_it_does_not() {
    let out = bokslut(&["schema"]);
    let schema: Json = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let text = std::fs::read_to_string(root().join("tests/fixtures/sheets/report.toml")).unwrap();
    let report = parse(&text);
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (from, to) in [
        ("range = \"A4:E13\"", "rnage = \"A4:E13\""),
        ("header_row = 1", "header_row = \"1\""),
        ("columns = { budget = \"C\"", "columns = { budget = 3"),
    ] {
        assert!(text.contains(from), "{from}");
        let typo = parse(&text.replacen(from, to, 1));
        assert!(!validator.is_valid(&typo), "the schema accepts {to}");
    }
    // One row may be written as its number, as bokslut reads it.
    let number = parse(&text.replacen("{ sheet_rows = \"10\" }", "{ sheet_rows = 10 }", 1));
    assert!(
        validator.is_valid(&number),
        "the schema refuses {{ sheet_rows = 10 }}"
    );
}

#[test]
fn sheet_rows_between_written_rows_satisfy_the_schema_and_a_figure_beside_them_does_not() {
    let out = bokslut(&["schema"]);
    let schema: Json = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let text = std::fs::read_to_string(root().join("tests/fixtures/sheets/between.toml")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&parse(&text))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (from, to) in [
        (
            "{ sheet_rows = \"2:4\" }",
            "{ sheet_rows = \"2:4\", budget = 1 }",
        ),
        ("{ sheet_rows = \"2:4\" }", "{ sheet_rows = \"2-4\" }"),
        ("{ sheet_rows = \"10\" }", "{ sheet_rows = 0 }"),
        ("{ sheet_rows = \"10\" }", "{ sheet_rows = 10.5 }"),
        (
            "{ sheet_rows = \"2:4\" }",
            "{ sheet_rows = \"2:4\", label = \"x\" }",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let typo = parse(&text.replacen(from, to, 1));
        assert!(!validator.is_valid(&typo), "the schema accepts {to}");
    }
    // One row may be written as its number, as bokslut reads it.
    let number = parse(&text.replacen("{ sheet_rows = \"10\" }", "{ sheet_rows = 10 }", 1));
    assert!(
        validator.is_valid(&number),
        "the schema refuses {{ sheet_rows = 10 }}"
    );
}

#[test]
fn the_annual_fixtures_satisfy_the_schema_and_a_statement_typo_does_not() {
    let out = bokslut(&["schema"]);
    let schema: Json = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for name in [
        "kramfors-2018",
        "malmo-2015-balanskrav",
        "lulea-2016-fem-ar",
    ] {
        let text =
            std::fs::read_to_string(root().join(format!("tests/fixtures/annual/{name}.toml")))
                .unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&parse(&text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/annual/kramfors-2018.toml")).unwrap();
    for (from, to) in [
        ("{ heading = \"TILLGÅNGAR\"", "{ headng = \"TILLGÅNGAR\""),
        ("kommunen = [421.3, 469.1]", "kommunen = [421.3, \"x\"]"),
        ("preset = \"balance_sheet\"", "preset = \"balance\""),
        (
            "type = \"note\"\nid = \"intakter\"",
            "type = \"note\"\nidd = \"intakter\"",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let typo = parse(&text.replacen(from, to, 1));
        assert!(!validator.is_valid(&typo), "the schema must refuse {to}");
    }
}

#[test]
fn charts_of_their_own_and_from_a_table_satisfy_the_schema_and_a_typo_does_not() {
    let out = bokslut(&["schema"]);
    let schema: Json = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for fixture in [
        "tests/fixtures/charts/vastervik-2021.toml",
        "tests/fixtures/charts/vastervik-2021-from-table.toml",
        "tests/fixtures/charts/lulea-2016-fem-ar.toml",
    ] {
        let text = std::fs::read_to_string(root().join(fixture)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&parse(&text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{fixture}: {errors:#?}");
    }
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/charts/vastervik-2021-from-table.toml"),
    )
    .unwrap();
    for (from, to) in [
        ("\ntable = \"drift\"", "\ntabel = \"drift\""),
        ("columns = [\"deviation\"]", "columns = \"deviation\""),
    ] {
        assert!(text.contains(from), "{from}");
        let typo = parse(&text.replacen(from, to, 1));
        assert!(!validator.is_valid(&typo), "the schema accepts {to}");
    }
}
