//! Characters the fonts lack (issues 12 and 16): symbols and emoji pasted into a report
//! either print, from Inter or the bundled Noto fallback fonts, or are refused by `check`
//! and `render` before Typst runs, at their file, line and column. None fails in the export.

use crate::common::{bokslut, norm, pdf_text, render, root};

/// Thirty symbols and emoji that reports paste in, and the Word bullet (U+F0B7, a
/// private-use character of Word's Symbol font).
const COMMON: [&str; 30] = [
    "✓", "✗", "→", "←", "≥", "≤", "½", "¼", "⚠", "€", "§", "°", "±", "×", "÷", "•", "…", "™", "©",
    "≈", "∞", "★", "☎", "✉", "😊", "😐", "😒", "👍", "❤", "\u{f0b7}",
];

/// Text no bundled font has: Arabic, Chinese, Devanagari, and a control character.
const UNPRINTABLE: [&str; 4] = ["ب", "中", "क", "\u{7}"];

/// A report whose one paragraph, on line 15, is `Tecken X här.`: X at column 8.
fn report(symbol: &str) -> String {
    let escaped = symbol.replace('\u{7}', "\\u0007");
    format!(
        r#"format_version = 1

[meta]
organisation = "Exempel kommun"
board = "Kultur- och fritidsnämnden"
kind = "annual"
period = {{ start = 2023-01-01, end = 2023-12-31 }}

[[chapters]]
title = "Verksamhet"

[[chapters.blocks]]
type = "text"
text = """
Tecken {escaped} här.
"""
"#
    )
}

#[test]
fn thirty_common_symbols_print_or_are_refused_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut printable = Vec::new();
    for (i, symbol) in COMMON.iter().chain(&UNPRINTABLE).enumerate() {
        let input = dir.path().join(format!("s{i}.toml"));
        std::fs::write(&input, report(symbol)).unwrap();
        let name = input.to_str().unwrap();
        let out = bokslut(&["check", name]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = format!("U+{:04X}", u32::from(symbol.chars().next().unwrap()));
        if out.status.success() {
            printable.push(*symbol);
            continue;
        }
        // Refused: an error naming the character's code point, at line 15, column 8 (the
        // control character is written as an escape: at the field, line 14, column 1).
        let place = if *symbol == "\u{7}" { "14:1" } else { "15:8" };
        // A private-use character (Word's bullet) is one no PDF/A file may hold, whatever
        // the fonts: named so; any other, as a character no bundled font has.
        let why = if symbol.starts_with('\u{f0b7}') {
            "a private-use character, which a PDF/A file may not contain"
        } else {
            "is in no bundled font"
        };
        assert!(
            stderr.contains(&code)
                && stderr.contains(why)
                && stderr.contains(&format!(
                    "--> {name}:{place} (at chapters[0].blocks[0].text)"
                )),
            "{symbol} ({code}): {stderr}"
        );
        // `render` refuses it the same way, before Typst runs: no export error.
        let pdf = dir.path().join(format!("s{i}.pdf"));
        let out = bokslut(&["render", name, "-o", pdf.to_str().unwrap()]);
        let rendered = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{rendered}");
        assert!(
            rendered.contains(&code) && !rendered.contains("could not be displayed"),
            "{rendered}"
        );
        assert!(!pdf.exists());
    }
    // Every one of the thirty but the Word bullet prints; nothing of the other scripts does.
    let expected: Vec<&str> = COMMON[..29].to_vec();
    assert_eq!(printable, expected);

    // The printable ones, in one report, are all in the PDF's text.
    let input = dir.path().join("all.toml");
    std::fs::write(&input, report(&printable.join(" "))).unwrap();
    let pdf = dir.path().join("all.pdf");
    render(&input, &pdf, &[]);
    let text = norm(&pdf_text(&pdf, None, false));
    for symbol in &printable {
        assert!(text.contains(symbol), "{symbol} is not in the PDF: {text}");
    }
}

#[test]
fn the_symbols_fixture_prints_every_symbol_in_every_kind_of_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/fixtures/symbols.toml");
    let out = bokslut(&["check", input.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("symbols.pdf");
    render(&input, &pdf, &[]);
    let text = norm(&pdf_text(&pdf, None, false));
    for symbol in COMMON[..29].iter().chain(&["☑", "➢", "⇒"]) {
        assert!(text.contains(symbol), "{symbol} is not in the PDF");
    }
    for printed in ["Betyg😊😐😒", "Klar✓👍", "KFN2023/12§"] {
        assert!(
            text.contains(printed),
            "{printed} is not in the PDF: {text}"
        );
    }
}
