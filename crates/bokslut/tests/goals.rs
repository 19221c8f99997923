//! Goal follow-up (issue 12): statuses of goals and indicators, given or computed, print as a
//! shape and a word in their own row, in both locales; a given status that the figures
//! contradict is a warning at its field.

mod common;

use common::{bokslut, pdf_text, render, root};

const FIXTURE: &str = "tests/fixtures/goals-assessed.toml";

/// Start of each row of the fixture's goal table and the status printed at its end (the
/// last column), in Swedish and in English.
const ROWS: [(&str, &str, &str); 8] = [
    // Given on goals.
    ("Alla barn och elever", "Delvis uppfyllt", "Partly met"),
    ("Fler elever når", "Uppfyllt", "Met"),
    ("Tryggare skolmiljö", "Ej uppfyllt", "Not met"),
    // Computed: 88 % against at least 85 %.
    ("Andel elever i årskurs 9", "Uppfyllt", "Met"),
    // Computed: 215.5 against an increase from 221.0, within the band of 10 %.
    ("Meritvärde i årskurs 9", "Delvis uppfyllt", "Partly met"),
    // Computed: 140 st against a decrease from 120 st, beyond the band.
    ("Antal anmälda kränkningar", "Ej uppfyllt", "Not met"),
    // Text values cannot be compared.
    ("Elevernas upplevda trygghet", "Ej bedömt", "Not assessed"),
    // Given.
    ("Andel lärare med legitimation", "Ej bedömt", "Not assessed"),
];

#[test]
fn every_status_word_prints_in_its_row_with_comments_and_a_legend_in_both_locales() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, extra) in [("sv", &[][..]), ("en", &["--locale", "en"][..])] {
        let pdf = dir.path().join(format!("goals-{lang}.pdf"));
        render(&root().join(FIXTURE), &pdf, extra);
        let text = pdf_text(&pdf, None, true);
        for (row, sv, en) in ROWS {
            let word = if lang == "sv" { sv } else { en };
            let line = text
                .lines()
                .find(|l| l.contains(row))
                .unwrap_or_else(|| panic!("{lang}: no row {row:?} in\n{text}"));
            assert!(
                line.trim_end().ends_with(&format!("  {word}")),
                "{lang}: the row {row:?} should end with {word:?}: {line:?}"
            );
        }
        let (heading, legend, words) = if lang == "sv" {
            (
                "Bedömning",
                "Teckenförklaring:",
                ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt"],
            )
        } else {
            (
                "Assessment",
                "Key:",
                ["Met", "Partly met", "Not met", "Not assessed"],
            )
        };
        assert!(text.contains(heading), "{lang}: no status column\n{text}");
        let legend = text
            .lines()
            .find(|l| l.contains(legend))
            .unwrap_or_else(|| panic!("{lang}: no legend in\n{text}"));
        let mut rest = legend;
        for w in words {
            let at = rest
                .find(w)
                .unwrap_or_else(|| panic!("{lang}: {w:?} missing from the legend {legend:?}"));
            rest = &rest[at + w.len()..];
        }
        for comment in [
            "Två av tre nämndmål",
            "Andelen behöriga till gymnasiet",
            "Meritvärdet sjönk något",
            "Mätningen gjordes om",
        ] {
            assert!(text.contains(comment), "{lang}: no comment {comment:?}");
        }
    }
}

#[test]
fn a_given_status_the_figures_contradict_is_a_warning_at_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("contradiction.toml");
    std::fs::write(
        &input,
        r#"format_version = 1

[meta]
organisation = "Exempel kommun"
board = "Kultur- och fritidsnämnden"
kind = "annual"
period = { start = 2023-01-01, end = 2023-12-31 }

[[chapters]]
title = "Mål"

[[chapters.blocks]]
type = "goals"
assess = true

[[chapters.blocks.council_goals]]
name = "Ett rikt kulturliv"

[[chapters.blocks.council_goals.board_goals]]
name = "Fler besökare"

[[chapters.blocks.council_goals.board_goals.indicators]]
name = "Besök på biblioteket"
current = { count = 900, unit = "st" }
target = { relation = "at_least", count = 1000, unit = "st" }
   status = "met"
"#,
    )
    .unwrap();
    let out = bokslut(&["check", input.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a warning is no error: {stderr}");
    assert!(
        stderr.contains("warning: the status `met` differs from `not_met`"),
        "{stderr}"
    );
    assert!(stderr.contains("contradiction.toml:26:4"), "{stderr}");
    // Without `assess` the figures are not compared.
    let text = std::fs::read_to_string(&input).unwrap();
    std::fs::write(&input, text.replace("assess = true", "")).unwrap();
    let out = bokslut(&["check", input.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("differs"), "{stderr}");
}
