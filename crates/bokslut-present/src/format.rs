//! Numbers and dates as a reader of the report's language expects them.
//!
//! This is the one formatter of the product: every figure the layout prints passes through
//! it. Swedish: narrow no-break space between thousands, decimal comma, the minus sign U+2212,
//! a no-break space before "%" ("−1 579", "6,06 %"). English: comma between thousands,
//! decimal point, U+2212, "6.06%". Any other language (a user's locale) is written the
//! Swedish way, which is also the Finnish one.
//!
//! Units are words, so they are the locale's: the Fluent messages `amount-tkr` etc. place the
//! formatted number ("1 579 tkr" in Swedish; "SEK 1,579k" in English, the convention of the
//! English annual reports of Swedish organisations). Dates are formatted by
//! [`crate::labels::Labels::long_date`] from the month names of the locale.

use rust_decimal::Decimal;

/// Narrow no-break space (U+202F), the Swedish thousands separator.
pub const THIN_NBSP: char = '\u{202F}';
/// No-break space (U+00A0), between a number and its unit.
pub const NBSP: char = '\u{A0}';
/// The minus sign (U+2212).
pub const MINUS: char = '\u{2212}';

/// The number conventions of one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// Between groups of three digits.
    pub group: char,
    /// Between the integer part and the fraction.
    pub decimal: char,
    /// Between a number and "%" (none in English).
    pub percent_space: Option<char>,
}

impl NumberFormat {
    /// Swedish conventions.
    pub const SV: NumberFormat = NumberFormat {
        group: THIN_NBSP,
        decimal: ',',
        percent_space: Some(NBSP),
    };
    /// English conventions.
    pub const EN: NumberFormat = NumberFormat {
        group: ',',
        decimal: '.',
        percent_space: None,
    };

    /// The conventions for a language tag (`sv`, `en-GB`); Swedish for anything unknown.
    pub fn for_language(lang: &str) -> NumberFormat {
        match lang.split(['-', '_']).next().unwrap_or_default() {
            "en" => NumberFormat::EN,
            _ => NumberFormat::SV,
        }
    }

    /// A number with grouped thousands, keeping the decimals it was written with.
    pub fn number(&self, value: Decimal) -> String {
        let text = value.abs().to_string();
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::with_capacity(text.len() + 8);
        if value.is_sign_negative() && !value.is_zero() {
            out.push(MINUS);
        }
        let digits = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (digits - i).is_multiple_of(3) {
                out.push(self.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A percentage: 80 → "80 %" (Swedish), "80%" (English).
    pub fn percent(&self, value: Decimal) -> String {
        let mut out = self.number(value);
        if let Some(space) = self.percent_space {
            out.push(space);
        }
        out.push('%');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Exact strings: negatives, zero, decimals, a million and more, percent.
    #[test]
    fn swedish() {
        let sv = NumberFormat::SV;
        assert_eq!(sv.number(d("-34559")), "\u{2212}34\u{202F}559");
        assert_eq!(sv.number(d("0")), "0");
        assert_eq!(sv.number(d("-0")), "0");
        assert_eq!(sv.number(d("0.00")), "0,00");
        assert_eq!(sv.number(d("420")), "420");
        assert_eq!(sv.number(d("1000")), "1\u{202F}000");
        assert_eq!(sv.number(d("999999")), "999\u{202F}999");
        assert_eq!(sv.number(d("1000000")), "1\u{202F}000\u{202F}000");
        assert_eq!(sv.number(d("1234567.5")), "1\u{202F}234\u{202F}567,5");
        assert_eq!(
            sv.number(d("-12345678.90")),
            "\u{2212}12\u{202F}345\u{202F}678,90"
        );
        assert_eq!(sv.number(d("-0.5")), "\u{2212}0,5");
        assert_eq!(sv.number(d("71.13")), "71,13");
        assert_eq!(sv.percent(d("6.06")), "6,06\u{A0}%");
        assert_eq!(sv.percent(d("80")), "80\u{A0}%");
        assert_eq!(sv.percent(d("0")), "0\u{A0}%");
        assert_eq!(sv.percent(d("-1.5")), "\u{2212}1,5\u{A0}%");
        assert_eq!(sv.percent(d("1250")), "1\u{202F}250\u{A0}%");
    }

    /// Exact strings: negatives, zero, decimals, a million and more, percent.
    #[test]
    fn english() {
        let en = NumberFormat::EN;
        assert_eq!(en.number(d("-34559")), "\u{2212}34,559");
        assert_eq!(en.number(d("0")), "0");
        assert_eq!(en.number(d("-0")), "0");
        assert_eq!(en.number(d("0.00")), "0.00");
        assert_eq!(en.number(d("420")), "420");
        assert_eq!(en.number(d("1000")), "1,000");
        assert_eq!(en.number(d("1000000")), "1,000,000");
        assert_eq!(en.number(d("1234567.5")), "1,234,567.5");
        assert_eq!(en.number(d("-12345678.90")), "\u{2212}12,345,678.90");
        assert_eq!(en.number(d("-0.5")), "\u{2212}0.5");
        assert_eq!(en.number(d("71.13")), "71.13");
        assert_eq!(en.percent(d("6.06")), "6.06%");
        assert_eq!(en.percent(d("80")), "80%");
        assert_eq!(en.percent(d("0")), "0%");
        assert_eq!(en.percent(d("-1.5")), "\u{2212}1.5%");
        assert_eq!(en.percent(d("1250")), "1,250%");
    }

    #[test]
    fn conventions_by_language() {
        assert_eq!(NumberFormat::for_language("en-GB"), NumberFormat::EN);
        assert_eq!(NumberFormat::for_language("sv"), NumberFormat::SV);
        assert_eq!(NumberFormat::for_language("fi"), NumberFormat::SV);
    }
}
