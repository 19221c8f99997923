//! Goal follow-up (issue 12): statuses of goals and indicators, given or computed, print as a
//! shape and a word in their own row, in both locales; a given status that the figures
//! contradict is a warning at its field.

use crate::common::{bokslut, norm, pdf_info, pdf_text, pdf_text_raw, render, root};

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

/// The goal table of a published annual report (see tests/fixtures/goals/README.md).
const REAL: &str = "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml";

/// One indicator of the real fixture as the fixture gives it: name, outcomes 2014–2016,
/// target, status key, and the trend bokslut computes from 2015 to 2016 against the target.
struct Row {
    name: String,
    values: Vec<toml::Value>,
    target: toml::Table,
    status: String,
}

/// The fixture's indicators, read from the file itself (not copied into the test).
fn real_rows() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join(REAL)).unwrap();
    let data: toml::Table = text.parse().unwrap();
    let block = &data["chapters"][0]["blocks"][0];
    let mut rows = Vec::new();
    for goal in block["goals"][0]["goals"].as_array().unwrap() {
        for i in goal["indicators"].as_array().unwrap() {
            let earlier = i["earlier"].as_table().unwrap();
            rows.push(Row {
                name: i["name"].as_str().unwrap().to_owned(),
                values: vec![
                    earlier["2014"].clone(),
                    earlier["2015"].clone(),
                    i["current"].clone(),
                ],
                target: i["target"].as_table().unwrap().clone(),
                status: i["status"].as_str().unwrap().to_owned(),
            });
        }
    }
    rows
}

/// A value as bokslut prints it in `lang`: digits grouped by threes, the decimal comma in
/// Swedish, a per cent sign after a space.
fn printed(value: &toml::Value, lang: &str) -> String {
    let t = value.as_table().unwrap();
    let (key, v) = t.iter().find(|(k, _)| *k != "relation").unwrap();
    let digits = match v {
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::String(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    if key == "text" {
        return digits;
    }
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let (group, point) = if lang == "sv" { (' ', ',') } else { (',', '.') };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    if key == "percent" {
        out.push_str(if lang == "sv" { " %" } else { "%" });
    }
    out
}

fn status_word(key: &str, lang: &str) -> &'static str {
    match (key, lang) {
        ("met", "sv") => "Uppfyllt",
        ("partly_met", "sv") => "Delvis uppfyllt",
        ("not_met", "sv") => "Ej uppfyllt",
        ("met", _) => "Met",
        ("partly_met", _) => "Partly met",
        ("not_met", _) => "Not met",
        _ => panic!("{key}"),
    }
}

/// The trend word bokslut should print: 2015 to 2016, `at_least` targets (higher is better).
fn trend_word(row: &Row, lang: &str) -> &'static str {
    let number = |v: &toml::Value| -> f64 {
        match v.as_table().unwrap().iter().next().unwrap().1 {
            toml::Value::Integer(n) => *n as f64,
            toml::Value::String(s) => s.parse().unwrap(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(row.target["relation"].as_str(), Some("at_least"));
    let (before, now) = (number(&row.values[1]), number(&row.values[2]));
    let words = if lang == "sv" {
        ["Förbättrad", "Oförändrad", "Försämrad"]
    } else {
        ["Better", "Unchanged", "Worse"]
    };
    if now > before {
        words[0]
    } else if now == before {
        words[1]
    } else {
        words[2]
    }
}

/// The rows of every table in the PDF's structure tree (poppler's `pdfinfo -struct-text`):
/// for each `TR`, the text of each of its cells (`TH` or `TD`), in order.
fn structure_rows(pdf: &std::path::Path) -> Vec<Vec<String>> {
    let out = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim_start() == "TR" {
            let row_indent = indent(line);
            let mut cells: Vec<String> = Vec::new();
            let mut cell_indent = usize::MAX;
            i += 1;
            while i < lines.len() && indent(lines[i]) > row_indent {
                let l = lines[i];
                let t = l.trim_start();
                if (t.starts_with("TH") || t.starts_with("TD")) && indent(l) <= cell_indent {
                    cell_indent = indent(l);
                    cells.push(String::new());
                } else if let Some(s) = t.strip_prefix('"').and_then(|s| s.strip_suffix('"'))
                    && let Some(cell) = cells.last_mut()
                {
                    cell.push_str(s);
                }
                i += 1;
            }
            rows.push(cells);
        } else {
            i += 1;
        }
    }
    rows
}

#[test]
fn a_published_goal_table_reads_back_from_text_and_structure_in_both_locales() {
    let rows = real_rows();
    assert_eq!(rows.len(), 7, "the fixture's indicators");
    let out = bokslut(&["check", REAL]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "every status agrees with the printed rule: {stderr}"
    );
    let dir = tempfile::tempdir().unwrap();
    for lang in ["sv", "en"] {
        let pdf = dir.path().join(format!("real-{lang}.pdf"));
        let extra: &[&str] = if lang == "sv" {
            &[]
        } else {
            &["--locale", "en"]
        };
        render(&root().join(REAL), &pdf, extra);
        // In the order of the content (`pdftotext -raw`): a row's name, then its cells (a
        // name wraps over lines).
        let text = norm(&pdf_text_raw(&pdf, None));
        let structure = structure_rows(&pdf);
        for row in &rows {
            let target = printed(&toml::Value::Table(row.target.clone()), lang);
            let target = if lang == "sv" {
                format!("minst {target}")
            } else {
                format!("at least {target}")
            };
            let mut expected: Vec<String> = row.values.iter().map(|v| printed(v, lang)).collect();
            expected.push(target);
            expected.push(status_word(&row.status, lang).to_owned());
            expected.push(trend_word(row, lang).to_owned());
            // The page's text: the row's name, then every cell in order.
            let line: String = std::iter::once(row.name.clone())
                .chain(expected.iter().cloned())
                .collect();
            assert!(
                text.contains(&norm(&line)),
                "{lang}: the row {:?} should read {line:?} in\n{text}",
                row.name
            );
            // The structure tree: a table row whose header cell is the name, then a cell for
            // each column with the value or the word (the shapes are artifacts, not read).
            // (poppler prints a span that starts with " - " as empty: the name is matched by
            // its start and end.)
            let name = norm(&row.name);
            let (head, tail) = (
                name.chars().take(12).collect::<String>(),
                name.chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>(),
            );
            let cells = structure
                .iter()
                .find(|cells| {
                    cells.first().is_some_and(|c| {
                        let c = norm(c);
                        c.starts_with(&head) && c.ends_with(&tail)
                    })
                })
                .unwrap_or_else(|| panic!("{lang}: no row {:?} in {structure:?}", row.name));
            let read: Vec<String> = cells[1..].iter().map(|c| norm(c)).collect();
            let want: Vec<String> = expected.iter().map(|c| norm(c)).collect();
            assert_eq!(read, want, "{lang}: the cells of {:?}", row.name);
        }
        // The level names and the declared headings are the report's own words.
        for words in [
            "PERSPEKTIV",
            "MÅL",
            "Utfall 2014",
            "Utfall 2015",
            "Utfall 2016",
            "Målvärde 2016",
        ] {
            assert!(
                text.contains(&norm(words)),
                "{lang}: no {words:?} in\n{text}"
            );
        }
    }
}

/// The forms a goal table is written in.
#[derive(Clone, Copy, Debug)]
enum Form {
    /// `levels` and `columns` declared, goals under `goals`.
    Declared,
    /// The reference's form: `council_goals`, each with a board goal holding the indicators.
    Reference,
}

/// A goal table of `goals` goals with two indicators each (none for a goal whose number
/// `empty` says), after `lead` paragraphs that move the table down the page. In the
/// reference's form each goal is a council goal "Fullmäktigemål NN" with one board goal.
fn long_table(lead: usize, goals: usize, form: Form, empty: impl Fn(usize) -> bool) -> String {
    let mut text = String::from(
        "format_version = 1\n\n[meta]\norganisation = \"Exempel kommun\"\nboard = \"Nämnden\"\n\
         kind = \"annual\"\nperiod = { start = 2023-01-01, end = 2023-12-31 }\n\n\
         [[chapters]]\ntitle = \"Mål\"\n",
    );
    for _ in 0..lead {
        text.push_str(
            "\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"Ett stycke före tabellen.\"\n",
        );
    }
    let (goal, indicators) = match form {
        Form::Declared => {
            text.push_str(
                "\n[[chapters.blocks]]\ntype = \"goals\"\nlevels = [\"Nämndmål\"]\ncolumns = [\
                 { id = \"y2022\", heading = \"Utfall 2022\" }, { id = \"current\" }, { id = \"target\" }]\n",
            );
            ("chapters.blocks.goals", "chapters.blocks.goals.indicators")
        }
        Form::Reference => {
            text.push_str("\n[[chapters.blocks]]\ntype = \"goals\"\n");
            (
                "chapters.blocks.council_goals.board_goals",
                "chapters.blocks.council_goals.board_goals.indicators",
            )
        }
    };
    for g in 0..goals {
        if let Form::Reference = form {
            text.push_str(&format!(
                "\n[[chapters.blocks.council_goals]]\nname = \"Fullmäktigemål{g:02} gäller\"\n"
            ));
        }
        text.push_str(&format!(
            "\n[[{goal}]]\nname = \"Målnummer{g:02} gäller\"\n"
        ));
        if empty(g) {
            continue;
        }
        for i in ["a", "b"] {
            let earlier = match form {
                Form::Declared => "earlier = { y2022 = { percent = 50 } }\n",
                Form::Reference => "",
            };
            text.push_str(&format!(
                "\n[[{indicators}]]\nname = \"Mätnummer{g:02}{i} gäller\"\n{earlier}\
                 current = {{ percent = 60 }}\ntarget = {{ relation = \"at_least\", percent = 70 }}\n"
            ));
        }
    }
    text
}

#[test]
fn a_goal_header_row_never_ends_a_page() {
    let dir = tempfile::tempdir().unwrap();
    for form in [Form::Declared, Form::Reference] {
        let mut breaks = 0;
        // The table starts a little lower each time, so that some goal's header row falls
        // at the foot of a page in some of the variants.
        for lead in 0..12 {
            let input = dir.path().join(format!("long-{form:?}-{lead}.toml"));
            std::fs::write(&input, long_table(lead, 24, form, |_| false)).unwrap();
            let pdf = input.with_extension("pdf");
            render(&input, &pdf, &[]);
            let pages = pdf_info(&pdf, "Pages").parse::<usize>().unwrap();
            for page in 2..=pages {
                let text = pdf_text_raw(&pdf, Some(page));
                // The last goal header on the page: an indicator of that goal follows it
                // there (and in the reference's form, the council goal's board goal).
                for (head, next) in [("Målnummer", "Mätnummer"), ("Fullmäktigemål", "Målnummer")]
                {
                    let Some(at) = text.rfind(head) else {
                        continue;
                    };
                    let number = &text[at + head.len()..][..2];
                    assert!(
                        text[at..].contains(&format!("{next}{number}")),
                        "{form:?}, lead {lead}: page {page} ends with the header {head}{number}:\n{text}"
                    );
                }
                if page < pages && !pdf_text_raw(&pdf, Some(page + 1)).contains("Målnummer00") {
                    breaks += 1;
                }
            }
        }
        assert!(
            breaks >= 12,
            "{form:?}: the table broke across pages {breaks} times"
        );
    }
}

#[test]
fn goals_with_nothing_under_them_render_wherever_a_page_breaks() {
    // Typst 0.15 fails on a sub-header with no rows under it at a page break: a goal that
    // heads nothing must render at any place on a page, in either form. Every third goal is
    // empty, and the table starts lower each time; the whole directory is one batch.
    let dir = tempfile::tempdir().unwrap();
    for form in [Form::Declared, Form::Reference] {
        for lead in 0..24 {
            let input = dir.path().join(format!("empty-{form:?}-{lead:02}.toml"));
            std::fs::write(&input, long_table(lead, 18, form, |g| g % 3 == 0)).unwrap();
        }
    }
    let out = bokslut(&["render", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("48 rendered"), "{stderr}");
    // Every goal, empty or not, is printed.
    let pdf = dir.path().join("empty-Declared-07.pdf");
    let text = norm(&pdf_text_raw(&pdf, None));
    for g in 0..18 {
        assert!(
            text.contains(&format!("Målnummer{g:02}gäller")),
            "goal {g}:\n{text}"
        );
    }
}

#[test]
fn three_named_levels_a_forecast_in_an_interim_report_and_no_empty_forecast_in_an_annual_one() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("levels.pdf");
    render(
        &root().join("tests/fixtures/goals/three-levels-interim.toml"),
        &pdf,
        &[],
    );
    let text = pdf_text(&pdf, None, true);
    for level in ["INRIKTNINGSMÅL", "DELMÅL", "VERKSAMHETSMÅL"] {
        assert!(text.contains(level), "no level {level} in\n{text}");
    }
    // Earlier outcome, current, forecast, target, status and trend, in this order; the
    // status computed (52 tim against at least 50), the trend from 2023 (40 tim).
    let raw = norm(&pdf_text_raw(&pdf, None));
    let row = [
        "Öppettimmar per vecka",
        "40 tim",
        "52 tim",
        "60 tim",
        "minst 50 tim",
        "Uppfyllt",
        "Förbättrad",
    ]
    .map(norm)
    .concat();
    assert!(raw.contains(&row), "no {row:?} in\n{raw}");
    // A goal without a status: the majority rule over its indicators (one met, one not).
    let goal = ["Biblioteket har öppet fler timmar", "Delvis uppfyllt"]
        .map(norm)
        .concat();
    assert!(raw.contains(&goal), "no {goal:?} in\n{raw}");
    // An at-most target: 9 → 11 days moved away from at most 7.
    let row = ["högst 7 dagar", "Ej uppfyllt", "Försämrad"]
        .map(norm)
        .concat();
    assert!(raw.contains(&row), "no {row:?} in\n{raw}");
    // The default columns of an annual report: no forecast column when no indicator has one.
    let annual = dir.path().join("annual.pdf");
    render(&root().join(FIXTURE), &annual, &[]);
    let text = pdf_text(&annual, None, true);
    assert!(
        text.contains("Nuvärde") && text.contains("Målvärde"),
        "{text}"
    );
    assert!(
        !text.contains("Prognos"),
        "an empty forecast column in\n{text}"
    );
}

/// Targets as a report prints them (issue 23): strict bounds assessed strictly, in words or
/// with symbols as the table says, under the indicator heading the report gives.
#[test]
fn strict_bounds_and_symbols_print_as_the_source_prints_them() {
    let fixture = root().join("tests/fixtures/goals/bounds-as-printed.toml");
    let dir = tempfile::tempdir().unwrap();
    // (row, target in sv, in en, status in sv, in en)
    let rows = [
        (
            "Väntetid till första besök",
            "< 10 dagar",
            "< 10 dagar",
            "Uppfyllt",
            "Met",
        ),
        (
            "Väntetid till beslut",
            "< 10 dagar",
            "< 10 dagar",
            "Ej uppfyllt",
            "Not met",
        ),
        ("Nöjda brukare", "≥ 90 %", "≥ 90%", "Uppfyllt", "Met"),
        (
            "Genomförda hembesök",
            "> 5 st",
            "> 5",
            "Ej uppfyllt",
            "Not met",
        ),
        (
            "Återaktualiserade ärenden",
            "under 15 %",
            "below 15%",
            "Uppfyllt",
            "Met",
        ),
        (
            "Ärenden per handläggare",
            "över 30 st",
            "above 30",
            "Uppfyllt",
            "Met",
        ),
    ];
    for (lang, extra) in [("sv", &[][..]), ("en", &["--locale", "en"][..])] {
        let pdf = dir.path().join(format!("bounds-{lang}.pdf"));
        render(&fixture, &pdf, extra);
        let text = pdf_text(&pdf, None, true).replace('\u{a0}', " ");
        assert!(
            text.contains("Mätmetod"),
            "{lang}: the report's heading\n{text}"
        );
        for (row, sv, en, met_sv, met_en) in rows {
            let (target, status) = if lang == "sv" {
                (sv, met_sv)
            } else {
                (en, met_en)
            };
            let line = text
                .lines()
                .find(|l| l.contains(row))
                .unwrap_or_else(|| panic!("{lang}: no row {row:?} in\n{text}"));
            // Compared without spaces: pdftotext may drop the no-break space after a symbol.
            let squeezed = |t: &str| t.replace(' ', "");
            assert!(
                squeezed(line).contains(&squeezed(target)),
                "{lang}: {row:?} should print {target:?}: {line:?}"
            );
            // The status may wrap in its narrow column: its first word ends the row's line.
            let first = status.split(' ').next().unwrap();
            assert!(
                line.trim_end().ends_with(status)
                    || line.trim_end().ends_with(&format!(" {first}")),
                "{lang}: {row:?} should end with {status:?}: {line:?}"
            );
        }
    }
}

/// A target that is a direction with no baseline ("Ska öka", issue 23) prints as the source
/// writes it, beside one from a baseline; the trend column judges it against the earlier
/// outcome, and `assess` leaves its status to the report.
#[test]
fn a_direction_without_a_baseline_prints_and_trends_in_both_languages() {
    let fixture = root().join("tests/fixtures/goals/directions-as-printed.toml");
    let dir = tempfile::tempdir().unwrap();
    // (row, [earlier, current, target, trend, status] in sv, the same in en)
    let rows: [(&str, [&str; 5], [&str; 5]); 3] = [
        (
            "Besök per invånare",
            ["3,4", "3,9", "Ska öka", "Förbättrad", "Uppfyllt"],
            ["3.4", "3.9", "To increase", "Better", "Met"],
        ),
        (
            "Väntetid för lokalbokning",
            ["12 dagar", "14 dagar", "Ska minska", "Försämrad", "Ej"],
            ["12 dagar", "14 dagar", "To decrease", "Worse", "Not met"],
        ),
        (
            "Andel nöjda besökare",
            ["82 %", "86 %", "Öka från 82 %", "Förbättrad", "Uppfyllt"],
            ["82%", "86%", "Increase from 82%", "Better", "Met"],
        ),
    ];
    for lang in ["sv", "en"] {
        let pdf = dir.path().join(format!("directions-{lang}.pdf"));
        let extra: &[&str] = if lang == "en" {
            &["--locale", "en"]
        } else {
            &[]
        };
        render(&fixture, &pdf, extra);
        let text = pdf_text(&pdf, None, true).replace('\u{a0}', " ");
        for (row, sv, en) in rows {
            let cells = if lang == "sv" { sv } else { en };
            let line = text
                .lines()
                .find(|l| l.contains(row))
                .unwrap_or_else(|| panic!("{lang}: no row {row:?} in\n{text}"));
            // In the row's order, left to right.
            let mut rest = &line[line.find(row).unwrap() + row.len()..];
            for cell in cells {
                let at = rest
                    .find(cell)
                    .unwrap_or_else(|| panic!("{lang}: {row:?} lacks {cell:?} in order: {line:?}"));
                rest = &rest[at + cell.len()..];
            }
        }
    }
    // A value with a direction that has none is refused at its place.
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(&fixture).unwrap().replace(
        "target = { relation = \"increase\" }",
        "target = { relation = \"increase\", number = 3 }",
    );
    std::fs::write(&bad, text).unwrap();
    let out = bokslut(&["check", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("a target `increase` has no value")
            && stderr.contains("bad.toml:39:24")
            && stderr.contains("increase_from"),
        "{stderr}"
    );
}
