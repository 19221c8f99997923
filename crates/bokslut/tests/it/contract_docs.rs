//! The README's description of the template data (contract 1, "Writing a layout": the table
//! of fields and the list of items) against the data itself, so that neither drifts from the
//! other: every key of the data (and every `kind`) is documented there, and every name the
//! table and the list document is in the data.
//!
//! The data: the example's (`tests/golden/example-data.json`, kept equal to the types by the
//! `golden` test of bokslut-layout), and what `bokslut data` prints now, from the types as
//! they are, for the goal fixtures (declared columns and levels), a two-level financial
//! header and result rows, the example with a profile (logo, photo), and a report written here with every
//! kind of inline text, list and decision status.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{bokslut, root, toml_files};

/// The README's section "Writing a layout".
fn section() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("### Writing a layout")
        .expect("README has a section \"Writing a layout\"");
    let rest = &readme[start..];
    let end = rest[4..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_owned()
}

/// The table of fields and the list of items in the section: its lines from the table's
/// first row to the end of the item list (the paragraph that follows it excluded).
fn table_and_list(section: &str) -> String {
    let start = section
        .find("\n| ")
        .expect("the section has a table of fields");
    let end = section
        .find("\nA template must handle every kind")
        .expect("the item list ends before \"A template must handle every kind\"");
    assert!(start < end);
    section[start..end].to_owned()
}

/// The names written in backticks: `snake_case` identifiers only (not code like
/// `text(lang: ..)`).
fn names(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .map(str::to_owned)
        .collect()
}

/// What the data holds: every key of its objects, every `kind`, and every string.
#[derive(Default)]
struct Found {
    keys: BTreeSet<String>,
    kinds: BTreeSet<String>,
    strings: BTreeSet<String>,
}

impl Found {
    fn walk(&mut self, value: &serde_json::Value, parent: Option<&str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    // A profile's colours are a map by the template's colour names (see
                    // "Graphic profile"), not fields.
                    if parent != Some("colours") {
                        self.keys.insert(key.clone());
                    }
                    if key == "kind"
                        && let Some(kind) = child.as_str()
                    {
                        self.kinds.insert(kind.to_owned());
                    }
                    self.walk(child, Some(key));
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    self.walk(item, parent);
                }
            }
            serde_json::Value::String(text) => {
                self.strings.insert(text.clone());
            }
            _ => {}
        }
    }
}

/// `bokslut data` of a report (with more arguments), parsed.
fn data(report: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["data", report.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = bokslut(&args);
    assert!(
        out.status.success(),
        "bokslut data {}: {}",
        report.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A report with every kind of inline text, a numbered list from 3 with a nested bullet
/// list, a line break, and a decisions table (its rows added: one of every status).
const EVERY_KIND: &str = r#"format_version = 1

[meta]
organisation = "Exempel kommun"
board = "Kultur- och fritidsnämnden"
kind = "annual"
period = { start = 2023-01-01, end = 2023-12-31 }

[[chapters]]
title = "Allt"

[[chapters.blocks]]
type = "text"
text = '''
Vanlig text, *kursiv*, **fet**, CO~2~ och m^2^, en rad\
och nästa.

3. tre
4. fyra
   - punkt
'''

[[chapters.blocks]]
type = "decisions"
"#;

/// The statuses of a decision in the input format.
const DECISION_STATUSES: [&str; 5] = [
    "not_started",
    "ongoing",
    "completed",
    "postponed",
    "cancelled",
];

/// Everything the data of the golden file and the fixtures holds.
fn found() -> Found {
    let mut found = Found::default();
    let golden = std::fs::read(root().join("tests/golden/example-data.json")).unwrap();
    found.walk(&serde_json::from_slice(&golden).unwrap(), None);
    let goal_fixtures = toml_files(&root().join("tests/fixtures/goals"));
    assert!(!goal_fixtures.is_empty());
    for fixture in &goal_fixtures {
        found.walk(&data(fixture, &[]), None);
    }
    for fixture in [
        "tests/fixtures/goals-assessed.toml",
        "tests/fixtures/finance/05-result-intermediate-rows.toml",
        "tests/fixtures/finance/10-two-level-header-investments-groups.toml",
        "tests/fixtures/annual/kramfors-2018.toml",
        "tests/fixtures/annual/lulea-2016-fem-ar.toml",
    ] {
        found.walk(&data(&root().join(fixture), &[]), None);
    }
    found.walk(
        &data(
            &root().join("examples/delarsbokslut-2020-syd-it.toml"),
            &["--profile", "tests/fixtures/profiles/norrvik/profil.toml"],
        ),
        None,
    );
    let dir = tempfile::tempdir().unwrap();
    let every = dir.path().join("every-kind.toml");
    let mut report = EVERY_KIND.to_owned();
    for status in DECISION_STATUSES {
        report.push_str(&format!(
            "\n[[chapters.blocks.rows]]\ndecision = \"{status}\"\nstatus = \"{status}\"\n"
        ));
    }
    std::fs::write(&every, report).unwrap();
    found.walk(&data(&every, &[]), None);
    // A statement with a unit column and a footnote marker.
    let statement = dir.path().join("statement.toml");
    std::fs::write(&statement, EVERY_STATEMENT).unwrap();
    found.walk(&data(&statement, &[]), None);
    found
}

/// What the annual fixtures lack: a row's own unit and a footnote marker.
const EVERY_STATEMENT: &str = r#"format_version = 1

[meta]
organisation = "Exempel kommun"
kind = "annual"
period = { start = 2023-01-01, end = 2023-12-31 }

[[chapters]]
title = "Fem år"

[[chapters.blocks]]
type = "statement"
preset = "five_year"
columns = [2023, 2022]
rows = [{ label = "Skattesats", unit = "kr", marker = "1)", decimals = 2, values = [21.5, { value = 21.5, marker = "2)" }] }]
"#;

#[test]
fn every_key_of_the_template_data_is_documented_in_the_readme() {
    let found = found();
    // The data covers what it should: declared goal columns, a profile, every inline kind.
    for key in [
        "declared",
        "levels",
        "profile",
        "photo",
        "ordered",
        "header_groups",
    ] {
        assert!(found.keys.contains(key), "no `{key}` in the data");
    }
    for kind in ["emph", "strong", "sub", "sup", "br", "list", "trend"] {
        assert!(found.kinds.contains(kind), "no kind `{kind}` in the data");
    }
    let documented = names(&section());
    let missing: Vec<&String> = found
        .keys
        .iter()
        .chain(&found.kinds)
        .filter(|k| !documented.contains(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys and kinds of the template data that README.md, \"Writing a layout\", does not \
         document: {missing:?}"
    );
}

#[test]
fn every_name_the_readme_documents_of_the_template_data_is_in_it() {
    let found = found();
    let documented = names(&table_and_list(&section()));
    assert!(documented.len() > 50, "{documented:?}");
    let stale: Vec<&String> = documented
        .iter()
        .filter(|name| !found.keys.contains(*name) && !found.strings.contains(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "README.md, \"Writing a layout\", documents names the template data no longer has \
         (neither a key nor a value): {stale:?}"
    );
}
