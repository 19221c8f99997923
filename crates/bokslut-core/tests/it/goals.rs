//! Goal statuses as read and checked: the fixture checks clean and round-trips through JSON;
//! a contradicted status is a warning at its field, a band out of range an error.

use std::path::Path;

use bokslut_core::goals;
use bokslut_core::{Block, Format, Severity, Status, check_file, check_str, read_str};

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/goals-assessed.toml")
}

#[test]
fn the_fixture_checks_clean_and_its_statuses_are_given_or_computed() {
    let checked = check_file(&fixture());
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let valid = checked.report.unwrap();
    let Block::Goals(table) = &valid.report().chapters[0].blocks[0] else {
        panic!("a goal table")
    };
    // Resolved once, in the valid report: the layout reads these.
    let resolved = &valid.goal_tables()[0];
    let statuses: Vec<Option<Status>> = resolved.goals[0]
        .goals
        .iter()
        .flat_map(|b| &b.indicators)
        .map(|i| i.status)
        .collect();
    let direct: Vec<Option<Status>> = table.council_goals[0]
        .board_goals
        .iter()
        .flat_map(|b| &b.indicators)
        .map(|i| goals::status(table, i))
        .collect();
    assert_eq!(statuses, direct);
    use Status::*;
    assert_eq!(
        statuses,
        [Met, PartlyMet, NotMet, NotAssessed, NotAssessed].map(Some)
    );
    let json = serde_json::to_string(valid.report()).unwrap();
    let back = read_str(&json, Format::Json, Path::new("goals.json")).unwrap();
    assert_eq!(&back, valid.report());
}

const TABLE: &str = r#"format_version = 1

[meta]
organisation = "Exempel kommun"
board = "Nämnden"
kind = "annual"
period = { start = 2023-01-01, end = 2023-12-31 }

[[chapters]]
title = "Mål"

[[chapters.blocks]]
type = "goals"
assess = true
partly_band = BAND

[[chapters.blocks.council_goals]]
name = "Mål"

[[chapters.blocks.council_goals.board_goals]]
name = "Nämndmål"

[[chapters.blocks.council_goals.board_goals.indicators]]
name = "Andel"
current = { percent = 95 }
target = { relation = "at_least", percent = 100 }
status = "STATUS"
"#;

/// A finding: severity, line and column, message.
type Found = (Severity, Option<(usize, usize)>, String);

fn check(band: &str, status: &str) -> Vec<Found> {
    let text = TABLE.replace("BAND", band).replace("STATUS", status);
    check_str(&text, Format::Toml, Path::new("t.toml"))
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.position, d.message))
        .collect()
}

#[test]
fn a_status_the_figures_contradict_is_a_warning_at_the_status() {
    // 95 % against at least 100 %, band 10 %: partly met.
    assert_eq!(check("10", "partly_met"), []);
    let found = check("10", "met");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert_eq!(found[0].1, Some((27, 1)));
    assert!(
        found[0].2.contains("`met` differs from `partly_met`"),
        "{found:?}"
    );
    // Without the band: not met.
    assert!(check("0", "not_met").is_empty());
}

#[test]
fn a_band_outside_0_to_100_is_an_error() {
    let found = check("120", "met");
    assert!(
        found
            .iter()
            .any(|(s, p, m)| *s == Severity::Error && *p == Some((15, 1)) && m.contains("band")),
        "{found:?}"
    );
}

/// A one-level table whose goal has three indicators of the statuses given, under `rule`.
fn aggregated(
    rule: &str,
    statuses: [&str; 3],
    given: Option<&str>,
) -> (Option<Status>, Vec<Found>) {
    let mut text = format!(
        "format_version = 1\n\n[meta]\norganisation = \"Exempel kommun\"\nboard = \"Nämnden\"\n\
         kind = \"annual\"\nperiod = {{ start = 2023-01-01, end = 2023-12-31 }}\n\n\
         [[chapters]]\ntitle = \"Mål\"\n\n[[chapters.blocks]]\ntype = \"goals\"\n\
         levels = [\"Nämndmål\"]\naggregate = \"{rule}\"\n\n[[chapters.blocks.goals]]\n\
         name = \"Mål\"\n"
    );
    if let Some(g) = given {
        text.push_str(&format!("status = \"{g}\"\n"));
    }
    for (i, s) in statuses.iter().enumerate() {
        text.push_str(&format!(
            "\n[[chapters.blocks.goals.indicators]]\nname = \"I{i}\"\n\
             target = {{ percent = 1 }}\nstatus = \"{s}\"\n"
        ));
    }
    let checked = check_str(&text, Format::Toml, Path::new("a.toml"));
    let found = checked
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.position, d.message))
        .collect();
    let status = checked
        .report
        .and_then(|r| r.goal_tables()[0].goals[0].status);
    (status, found)
}

#[test]
fn a_goal_without_a_status_gets_the_one_its_rule_gives() {
    use Status::*;
    for (rule, statuses, expected) in [
        ("all_met", ["met", "met", "not_assessed"], Met),
        ("all_met", ["met", "not_met", "met"], PartlyMet),
        ("all_met", ["not_met", "not_met", "not_assessed"], NotMet),
        (
            "all_met",
            ["not_assessed", "not_assessed", "not_assessed"],
            NotAssessed,
        ),
        ("majority", ["met", "met", "not_met"], Met),
        ("majority", ["met", "partly_met", "not_met"], PartlyMet),
        ("majority", ["met", "not_met", "not_met"], NotMet),
    ] {
        let (status, found) = aggregated(rule, statuses, None);
        assert_eq!(status, Some(expected), "{rule} {statuses:?}");
        assert!(found.is_empty(), "{found:?}");
    }
    // A given status stays, with a warning at it where the rule gives another.
    let (status, found) = aggregated("all_met", ["met", "not_met", "met"], Some("met"));
    assert_eq!(status, Some(Status::Met));
    assert_eq!(found.len(), 1, "{found:?}");
    let (severity, position, message) = &found[0];
    assert_eq!(*severity, Severity::Warning);
    assert_eq!(*position, Some((19, 1)), "at the goal's status");
    assert!(
        message.contains("`met` differs from `partly_met`"),
        "{message}"
    );
}
