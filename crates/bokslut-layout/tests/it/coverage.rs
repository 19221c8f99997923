//! The check of characters agrees with the fonts: every character `bokslut_layout::covers`
//! accepts prints, in plain, emphasised and strong text, so a report `check` accepts never
//! fails in Typst's export for want of a glyph ("could not be displayed with font").

use std::path::Path;

use bokslut_core::{CheckOptions, Format, check_str_with};

/// Characters the markup of the text gives a meaning (emphasis, sub- and superscript,
/// escapes, code): kept out of the emphasised and strong paragraphs, printed in the plain
/// ones.
const MARKUP: &[char] = &['*', '_', '~', '^', '\\', '`', '<', '>', '[', ']', '&', '#'];

fn json_report(paragraphs: &[String]) -> String {
    let text = serde_json::to_string(&paragraphs.join("\n\n")).unwrap();
    format!(
        r#"{{"format_version": 1, "locale": "sv",
  "meta": {{"organisation": "Exempel kommun", "board": "Nämnden", "kind": "annual",
           "period": {{"start": "2023-01-01", "end": "2023-12-31"}}}},
  "chapters": [{{"title": "Tecken", "blocks": [{{"type": "text", "text": {text}}}]}}]}}"#
    )
}

#[test]
fn every_character_the_check_accepts_prints_in_every_style() {
    let accepted: Vec<char> = (0..=0x10_FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| bokslut_layout::covers(c))
        .collect();
    // The fonts have thousands of characters; the check accepts no more than they have.
    assert!(
        (8_000..16_000).contains(&accepted.len()),
        "{} characters accepted",
        accepted.len()
    );
    for c in ['ب', '中', '\u{f0b7}', '\u{e000}', '\u{7}'] {
        assert!(!bokslut_layout::covers(c), "{c:?} is accepted");
    }
    // Characters that print nothing (spaces, line breaks, joiners, variation selectors),
    // each between two letters; every other character between spaces.
    let (silent, visible): (Vec<char>, Vec<char>) = accepted
        .iter()
        .partition(|c| c.is_whitespace() || c.is_control() || !bokslut_layout::has_glyph(**c));
    let mut paragraphs: Vec<String> = silent
        .chunks(1000)
        .map(|chunk| chunk.iter().map(|c| format!("a{c}b ")).collect())
        .collect();
    for chunk in visible.chunks(1000) {
        let words: Vec<String> = chunk.iter().map(|c| c.to_string()).collect();
        paragraphs.push(words.join(" "));
        let styled: Vec<String> = chunk
            .iter()
            .filter(|c| !MARKUP.contains(c))
            .map(|c| c.to_string())
            .collect();
        paragraphs.push(format!("*{}*", styled.join(" ")));
        paragraphs.push(format!("**{}**", styled.join(" ")));
    }
    let json = json_report(&paragraphs);
    let options = CheckOptions {
        coverage: Some(bokslut_layout::covers),
        ..CheckOptions::default()
    };
    let checked = check_str_with(&json, Format::Json, Path::new("chars.json"), options);
    let problems: Vec<String> = checked
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    let report = checked
        .report
        .unwrap_or_else(|| panic!("not valid: {problems:#?}"));
    let pdf = bokslut_layout::render(&report).unwrap_or_else(|e| {
        let message = e.to_string();
        panic!("{}", message.chars().take(3000).collect::<String>())
    });
    assert!(pdf.starts_with(b"%PDF-"));
}
