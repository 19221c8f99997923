//! Characters that cannot be printed, whatever the fonts: those a PDF/A file may not hold
//! as text, and how a character is named and what to write instead, in messages.

/// Whether the PDF writer refuses `c` in text of a PDF/A file: U+0000, U+FEFF, U+FFFE, and
/// the private use areas (typst-pdf through krilla; no font changes that).
pub fn forbidden_in_pdf(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0 | 0xFEFF | 0xFFFE | 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD
    )
}

/// `the character "ب" (U+0628)`; a character that does not show (a control or private-use
/// character) by its code point alone.
pub fn describe(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    if c.is_control() {
        format!("the control character {code}")
    } else if is_private_use(c) {
        format!("the private-use character {code}")
    } else {
        format!("the character \"{c}\" ({code})")
    }
}

fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// What to do instead, after the first character's description.
pub(crate) fn advice(c: char) -> String {
    match u32::from(c) {
        // Word writes the bullets of a list made with its Symbol font as U+F0B7 (and
        // Wingdings' as other private-use characters of the F0xx block).
        0xF0B7 | 0xF0A7 | 0xF0D8 | 0xF076 | 0xF0FC => "; it is a bullet or symbol of Word's \
             Symbol or Wingdings font, pasted: start the line with \"- \" for a list, or write \
             \"•\" (U+2022)"
            .to_owned(),
        _ if is_private_use(c) => "; a private-use character means something only in the \
             font it was written with, and PDF/A forbids it: write the character it stands for"
            .to_owned(),
        _ if c.is_control() => "; remove it (a control character prints nothing)".to_owned(),
        _ => "; the fonts have Latin, Greek and Cyrillic letters, symbols and emoji, but no \
              other script: remove the character or write it another way"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_pdf_a_refuses_are_errors() {
        for c in ['\u{0}', '\u{FEFF}', '\u{FFFE}', '\u{E000}', '\u{10FFFD}'] {
            assert!(forbidden_in_pdf(c), "{c:?}");
        }
        for c in ['a', 'å', '\u{202F}', '\u{FFFD}', '\u{1F600}'] {
            assert!(!forbidden_in_pdf(c), "{c:?}");
        }
    }

    #[test]
    fn word_bullets_get_advice() {
        assert!(advice('\u{f0b7}').starts_with("; it is a bullet"));
    }
}
