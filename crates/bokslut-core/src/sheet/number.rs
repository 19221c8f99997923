//! Exact figures from cells: a number as text, written the Swedish way or the English way,
//! and a spreadsheet's binary floating-point number, each turned into a decimal without
//! arithmetic on the binary value.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Which decimal mark a text number may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Only a point (a comma-separated file, where a comma separates fields).
    Point,
    /// A comma or a point (a semicolon-separated file, a spreadsheet's text cell): Swedish
    /// writes a comma, and never groups thousands with a point.
    Either,
}

/// Whether a character groups thousands: a space, a no-break space (U+00A0), a narrow
/// no-break space (U+202F) or a thin space (U+2009).
fn groups(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
}

/// A number written as text: an optional sign (`-`, `−` U+2212 or `+`), digits grouped by
/// spaces in threes (`1 234 567`), and a decimal mark (see [`Mark`]). `None` for anything
/// else (letters, a unit, two marks, an exponent, misplaced spaces).
pub fn parse_number(text: &str, mark: Mark) -> Option<Decimal> {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, rest) = match text.chars().next()? {
        '-' | '\u{2212}' => (true, &text[text.chars().next()?.len_utf8()..]),
        '+' => (false, &text[1..]),
        _ => (false, text),
    };
    let mut plain = String::with_capacity(rest.len());
    let mut fraction = false;
    // Digits since the last space (or since the start), and whether one came before them.
    let mut run = 0usize;
    let mut grouped = false;
    for c in rest.chars() {
        match c {
            '0'..='9' => {
                plain.push(c);
                run += 1;
            }
            c if groups(c) => {
                // Spaces only between groups of the whole part: 1–3 digits, then threes.
                if fraction || run == 0 || (grouped && run != 3) || (!grouped && run > 3) {
                    return None;
                }
                grouped = true;
                run = 0;
            }
            '.' | ',' if !fraction && (c == '.' || mark == Mark::Either) => {
                if run == 0 || (grouped && run != 3) {
                    return None;
                }
                plain.push('.');
                fraction = true;
                grouped = false;
                run = 0;
            }
            _ => return None,
        }
    }
    if run == 0 || (grouped && run != 3) {
        return None;
    }
    let value = Decimal::from_str(&plain).ok()?;
    Some(if negative { -value } else { value })
}

/// The decimal a spreadsheet's binary number stands for: the shortest decimal that reads
/// back as the same binary number (what the spreadsheet shows at full precision: `0.1`, not
/// `0.1000000000000000055511151231257827`). `None` for infinities, NaN and numbers of more
/// than the 28 significant digits an exact decimal holds.
pub fn exact_float(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // Rust writes a float as its shortest round-trip digits, without an exponent.
    let text = value.to_string();
    Decimal::from_str(&text).ok().or_else(|| {
        // Smaller than the 28 decimals a decimal holds: those 28, rounded.
        (value.abs() < 1.0)
            .then(|| Decimal::from_str(&format!("{value:.28}")).ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn swedish_and_english_numbers_are_read_exactly() {
        for (text, value) in [
            ("1234", "1234"),
            ("-34 559", "-34559"),
            ("\u{2212}1\u{A0}579,5", "-1579.5"),
            ("12\u{202F}345\u{202F}678,90", "12345678.90"),
            ("108,7", "108.7"),
            ("108.7", "108.7"),
            ("+3", "3"),
            (" 0,10 ", "0.10"),
            ("-0", "0"),
        ] {
            assert_eq!(parse_number(text, Mark::Either), Some(d(value)), "{text}");
        }
        assert_eq!(parse_number("1234.5", Mark::Point), Some(d("1234.5")));
        assert_eq!(parse_number("1234,5", Mark::Point), None);
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for text in [
            "",
            "-",
            "12 3x7",
            "1,2,3",
            "1.2,3",
            "12 34",
            "1234 567",
            "1 2345",
            "1e3",
            "kr",
            "12 kr",
            ",5",
            "5,",
            "- 5",
            "1 234,5 6",
            "NaN",
            "inf",
            "−",
            "99999999999999999999999999999999",
        ] {
            assert_eq!(parse_number(text, Mark::Either), None, "{text:?}");
        }
    }

    #[test]
    fn floats_become_their_shortest_decimal() {
        assert_eq!(exact_float(0.1), Some(d("0.1")));
        assert_eq!(exact_float(108.7), Some(d("108.7")));
        assert_eq!(exact_float(0.1 + 0.2), Some(d("0.30000000000000004")));
        assert_eq!(exact_float(-34559.0), Some(d("-34559")));
        assert_eq!(exact_float(1e20), Some(d("100000000000000000000")));
        assert_eq!(exact_float(1e30), None);
        assert_eq!(exact_float(f64::NAN), None);
        assert!(exact_float(1e-30).is_some_and(|v| v.is_zero()));
    }
}
