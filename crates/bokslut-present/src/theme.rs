//! The resolved theme: the colours a report is printed in, once for both editions.
//!
//! Each built-in look has its colours ([`MODERN`], [`CLASSIC`]); a profile chooses the look
//! and may replace any of them ([`ProfileData::colours`]). [`Theme::resolve`] gives the one
//! map, by the template's names, that the web edition writes as CSS custom properties
//! (`--accent: #1f4e79`) and the template data carries as `theme`.
//!
//! Every text colour of each look (`ink`, `muted`, `accent`) has a contrast of at least
//! 4.5:1 (WCAG 2.1 AA) on white and on both bands (`band`, `band-light`); a profile's colours
//! are checked the same way when it is loaded (`bokslut_layout::profile`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::profile::{Look, ProfileData};

/// The names of the theme's colours, the template's: text, page furniture and notes,
/// headings, rules above sums, hairlines between rows, table header rows, board goal rows.
pub const NAMES: [&str; 7] = [
    "ink",
    "muted",
    "accent",
    "rule",
    "hairline",
    "band",
    "band-light",
];

/// The colours of the modern look, bokslut's own, by [`NAMES`].
pub const MODERN: [(&str, &str); 7] = [
    ("ink", "#1a1a1a"),
    ("muted", "#4a4f57"),
    ("accent", "#1f4e79"),
    ("rule", "#8c96a3"),
    ("hairline", "#d5dbe2"),
    ("band", "#e4ebf3"),
    ("band-light", "#f2f5f9"),
];

/// The colours of the classic look: black and grey, as municipalities print from Word.
pub const CLASSIC: [(&str, &str); 7] = [
    ("ink", "#000000"),
    ("muted", "#404040"),
    ("accent", "#000000"),
    ("rule", "#000000"),
    ("hairline", "#8c8c8c"),
    ("band", "#ececec"),
    ("band-light", "#f6f6f6"),
];

/// The colours of a look, by [`NAMES`].
pub fn colours_of(look: Look) -> &'static [(&'static str, &'static str); 7] {
    match look {
        Look::Modern => &MODERN,
        Look::Classic => &CLASSIC,
    }
}

/// The look and colours a report is printed in: the template data's `theme`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    /// The built-in look: the profile's, else modern.
    pub look: Look,
    /// Every colour of the theme by the template's names ([`NAMES`]), each `#rrggbb`: the
    /// look's, replaced by those the profile gives.
    pub colours: BTreeMap<&'static str, String>,
}

impl Theme {
    /// The theme of a report with a profile or without one.
    pub fn resolve(profile: Option<&ProfileData>) -> Theme {
        let look = profile.map_or(Look::Modern, |p| p.look);
        let mut colours: BTreeMap<&'static str, String> = colours_of(look)
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned()))
            .collect();
        for (name, value) in profile.iter().flat_map(|p| &p.colours) {
            if let Some(colour) = colours.get_mut(name) {
                colour.clone_from(value);
            }
        }
        Theme { look, colours }
    }
}

/// `#rrggbb` as bytes.
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The colours of a chart's series, in order, each with a contrast of at least 3:1 against
/// the white page (WCAG 2.1, non-text contrast); a series is told apart by its pattern or
/// marker and its value labels too, never by colour alone.
pub const CHART_SERIES: [&str; 4] = ["#1f4e79", "#b5541c", "#2e6b30", "#6a3d9a"];

/// WCAG 2.1 relative luminance of an sRGB colour.
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2.1 contrast ratio, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_colour_has_3_to_1_against_the_page() {
        for c in CHART_SERIES {
            let ratio = contrast(parse_hex(c).unwrap(), [255, 255, 255]);
            assert!(ratio >= 3.0, "{c}: {ratio:.2}");
        }
    }

    #[test]
    fn every_text_colour_of_each_look_meets_wcag_aa_on_every_background() {
        for look in [Look::Modern, Look::Classic] {
            let colours = Theme::resolve(None)
                .colours
                .keys()
                .copied()
                .collect::<Vec<_>>();
            assert_eq!(colours.len(), NAMES.len());
            let of = |name: &str| {
                let (_, hex) = colours_of(look).iter().find(|(n, _)| *n == name).unwrap();
                parse_hex(hex).unwrap()
            };
            for text in ["ink", "muted", "accent"] {
                for background in [[255, 255, 255], of("band"), of("band-light")] {
                    let ratio = contrast(of(text), background);
                    assert!(
                        ratio >= 4.5,
                        "{look:?}: {text} on {background:?}: {ratio:.2}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_profile_chooses_the_look_and_replaces_its_colours() {
        let mut profile = ProfileData {
            look: Look::Classic,
            colours: BTreeMap::from([("accent", "#0b5d3b".to_owned())]),
            chart_colours: Vec::new(),
            font: None,
            logo: None,
            cover: crate::profile::CoverData {
                variant: crate::profile::CoverVariant::Plain,
                photo: None,
            },
            margins: crate::profile::MarginsData {
                top: 27,
                bottom: 24,
                inside: 24,
                outside: 24,
            },
            duplex: false,
            header: crate::profile::Slots::header(),
            footer: crate::profile::Slots::footer(),
        };
        let theme = Theme::resolve(Some(&profile));
        assert_eq!(theme.colours["accent"], "#0b5d3b");
        assert_eq!(theme.colours["ink"], "#000000");
        profile.look = Look::Modern;
        assert_eq!(Theme::resolve(Some(&profile)).colours["ink"], "#1a1a1a");
        assert_eq!(Theme::resolve(None).colours["band-light"], "#f2f5f9");
    }
}
