//! Figures bound in the text (issue 25): a text that names a table's cell
//! (`{=drift/Socialnämnd/deviation|result}`) prints the figure the table prints, in the
//! number format and words of the report's text, in the PDF and the web edition; a reference
//! that names nothing is a located error with the nearest name, and no output.

use crate::common::{norm, pdf_text, render, root, run};

const FIXTURE: &str = "tests/fixtures/text/vastervik-2021-bound-figures.toml";

/// The text of the HTML, its tags dropped.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn bound_figures_print_as_the_table_prints_them_in_the_texts_language() {
    let source = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    // The same report written in English: its text's figures in English.
    let english = source
        .replace("format_version = 1", "format_version = 1\nlocale = \"en\"")
        .replace(
            "Socialnämnden redovisar",
            "The social services board reports",
        )
        .replace(
            "mot budget, och barn- och \\\nutbildningsnämnden",
            "against its budget, and the education board",
        )
        .replace(
            "Kommunstyrelsens nettokostnad blev",
            "The executive board's net cost was",
        )
        .replace("mot en budget på", "against a budget of")
        .replace(": en avvikelse på", ": a deviation of");
    let dir = tempfile::tempdir().unwrap();
    let english_path = dir.path().join("english.toml");
    std::fs::write(&english_path, english).unwrap();
    let swedish = [
        "ett överskott på 14,3 mnkr mot budget",
        "ett underskott på 1,3 mnkr.",
        "blev \u{2212}410,7 mnkr mot en budget på \u{2212}415,1 mnkr",
        "en avvikelse på 4,4 mnkr",
    ];
    let english = [
        "a surplus of SEK 14.3m against its budget",
        "a deficit of SEK 1.3m.",
        "was SEK \u{2212}410.7m against a budget of SEK \u{2212}415.1m",
        "a deviation of SEK 4.4m",
    ];
    for (input, locale, expected) in [
        (root().join(FIXTURE), "sv", swedish),
        // English labels for a Swedish text: the text's figures stay Swedish.
        (root().join(FIXTURE), "en", swedish),
        (english_path, "en", english),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let text = norm(&pdf_text(&pdf, None, false));
        let html = norm(&html_text(
            &std::fs::read_to_string(pdf.with_extension("html")).unwrap(),
        ));
        for phrase in expected {
            assert!(
                text.contains(&norm(phrase)),
                "{locale}: no {phrase:?} in the PDF: {text}"
            );
            assert!(
                html.contains(&norm(phrase)),
                "{locale}: no {phrase:?} in the HTML: {html}"
            );
        }
        assert!(
            !text.contains("{="),
            "{locale}: a reference printed as written"
        );
        // The figure the text quotes is the one the table prints in its row.
        let table = pdf_text(&pdf, None, true);
        let row = table
            .lines()
            .find(|l| l.split_whitespace().next() == Some("Socialnämnd"))
            .unwrap_or_else(|| panic!("no row Socialnämnd: {table}"));
        // The table is in the labels' number format.
        let deviation = if locale == "sv" { "14,3" } else { "14.3" };
        assert!(row.trim_end().ends_with(deviation), "{locale}: {row}");
    }
}

#[test]
fn a_reference_that_names_nothing_is_a_located_error_with_the_nearest_name() {
    let source = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (wrong, right, expected) in [
        (
            "{=drift/Socialnämnd/deviation|result}",
            "{=drift/Socialnamnd/deviation|result}",
            "names the row \"Socialnamnd\", which the table does not have",
        ),
        (
            "{=drift/Kommunstyrelse/outcome}",
            "{=drfit/Kommunstyrelse/outcome}",
            "names the table `drfit`, which the report does not have (its tables' ids: drift)",
        ),
        (
            "{=drift/Kommunstyrelse/budget}",
            "{=drift/Kommunstyrelse/budgt}",
            "names the column `budgt`, which the table does not have",
        ),
        (
            "{=drift/Kommunstyrelse/deviation}",
            "{=drift/Kommunstyrelse/deviation|resultat}",
            "asks for the form `resultat`: expected `result`",
        ),
    ] {
        let input = dir.path().join("r.toml");
        // In the text, not the header's comment that quotes it.
        let body = source.find("[[chapters]]").unwrap();
        let text = format!(
            "{}{}",
            &source[..body],
            source[body..].replacen(wrong, right, 1)
        );
        std::fs::write(&input, &text).unwrap();
        let pdf = dir.path().join("r.pdf");
        let (code, stderr) = run(&[
            "render",
            input.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        if right.contains("Socialnamnd") {
            assert!(stderr.contains("did you mean \"Socialnämnd\"?"), "{stderr}");
        }
        // Located at the reference itself: its line and column in the file.
        let at = text.find(right).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].chars().rev().take_while(|c| *c != '\n').count() + 1;
        assert!(
            stderr.contains(&format!("r.toml:{line}:{column}")),
            "expected r.toml:{line}:{column}: {stderr}"
        );
        assert!(!pdf.exists());
        let (code, check) = run(&["check", input.to_str().unwrap()]);
        assert_eq!(code, 1, "check accepts what render refuses: {check}");
    }
}

/// An indicator's value bound in the text (Helsingborgs stad, Kommunstyrelsen 2016, figures
/// as printed: `tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml`): its outcome
/// and an earlier year's, as the goal table prints them.
#[test]
fn an_indicators_value_is_bound_by_the_goal_tables_id() {
    let source = std::fs::read_to_string(
        root().join("tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml"),
    )
    .unwrap();
    let with = |text: &str| {
        source.replacen("type = \"goals\"\n", "type = \"goals\"\nid = \"mal\"\n", 1)
            + &format!(
                "\n[[chapters]]\ntitle = \"Bundet\"\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"{text}\"\n"
            )
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.toml");
    std::fs::write(
        &input,
        with("Antalet arbetstillfällen ökade från {=mal/Antal arbetstillfällen i Helsingborg 1)/2015} till {=mal/Antal arbetstillfällen i Helsingborg 1)/current}."),
    )
    .unwrap();
    let pdf = dir.path().join("r.pdf");
    render(&input, &pdf, &[]);
    let text = norm(&pdf_text(&pdf, None, false));
    assert!(
        text.contains(&norm(
            "Antalet arbetstillfällen ökade från 67 916 till 69 001."
        )),
        "{text}"
    );
    std::fs::write(&input, with("{=mal/Antal arbetstillfällen/current}")).unwrap();
    let (code, stderr) = run(&["check", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "names the indicator \"Antal arbetstillfällen\", which the goal table does not have"
        ) && stderr.contains("did you mean \"Antal arbetstillfällen i Helsingborg 1)\"?"),
        "{stderr}"
    );
}
