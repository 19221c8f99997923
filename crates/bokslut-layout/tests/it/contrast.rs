//! Colours of the layout meet WCAG 2.1 AA: every text colour the template uses has a
//! contrast of at least 4.5:1 against every background it can stand on (the white page and
//! each cell fill), in each built-in look. The colours are the looks' own
//! ([`bokslut_present::theme`], what both editions print in); which of them are text and which
//! backgrounds is read from `layouts/report.typ` itself, so a change of the template cannot
//! slip past this test. The ratio is the library's own
//! ([`bokslut_layout::profile::contrast`], which checks a profile's colours), and is checked
//! here against WCAG's figures.
//!
//! The figures (contrast ratio, WCAG 2.1 relative luminance):
//!
//! | text \ background | white | band `#e4ebf3` | band-light `#f2f5f9` |
//! |-------------------|-------|----------------|----------------------|
//! | ink `#1a1a1a`     | 17.40 | 14.48          | 15.92                |
//! | muted `#4a4f57`   |  8.24 |  6.86          |  7.54                |
//! | accent `#1f4e79`  |  8.66 |  7.21          |  7.92                |

use std::collections::BTreeMap;

use bokslut_layout::profile::{contrast, parse_hex};

const TEMPLATE: &str = include_str!("../../../../layouts/report.typ");

/// WCAG AA for normal-size text.
const AA: f64 = 4.5;

/// The colours of each built-in look, by the names the rest of the template uses
/// (`#let name = theme.colour.key`).
fn looks() -> Vec<BTreeMap<String, [u8; 3]>> {
    let aliases: Vec<(String, String)> = TEMPLATE
        .lines()
        .filter_map(|line| line.strip_prefix("#let "))
        .filter_map(|rest| rest.split_once(" = theme.colour."))
        .map(|(name, key)| (name.trim().to_owned(), key.trim().to_owned()))
        .collect();
    assert!(
        aliases.len() >= 7,
        "the template's colour names: {aliases:?}"
    );
    [
        bokslut_present::theme::MODERN,
        bokslut_present::theme::CLASSIC,
    ]
    .iter()
    .map(|look| {
        aliases
            .iter()
            .map(|(name, key)| {
                let hex = look
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, hex)| *hex)
                    .unwrap_or_else(|| panic!("{name} names no colour of a look"));
                (name.clone(), parse_hex(hex).expect("#rrggbb"))
            })
            .collect()
    })
    .collect()
}

#[test]
fn the_template_sets_no_colour_of_its_own() {
    // Every colour comes from the data's theme: a literal would be a colour the web
    // edition does not print and the contrast check does not see.
    let literals: Vec<&str> = TEMPLATE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| l.contains("rgb(\"") || l.contains("luma(") || l.contains("cmyk("))
        .collect();
    assert!(literals.is_empty(), "{literals:?}");
}

/// The colour names used as `fill:` of text (`text(..)`, `set text(..)`) and of table cells
/// (`table.cell(..)`), found by the call each `fill:` belongs to.
fn fills() -> (Vec<String>, Vec<String>) {
    let (mut text, mut cells) = (Vec::new(), Vec::new());
    for line in TEMPLATE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
    {
        for (at, _) in line.match_indices("fill: ") {
            let name: String = line[at + 6..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            let before = &line[..at];
            let text_call = before.rfind("text(");
            let cell_call = before.rfind("cell(");
            // Any other fill is a shape's (a status symbol), no text's background.
            let list = if text_call > cell_call {
                &mut text
            } else if cell_call.is_some() {
                &mut cells
            } else {
                continue;
            };
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }
    (text, cells)
}

#[test]
fn contrast_is_computed_as_wcag_defines_it() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
    // #767676 on white is the well-known lightest grey that passes AA: 4.54:1.
    let grey = contrast([0x76, 0x76, 0x76], [255, 255, 255]);
    assert!((grey - 4.54).abs() < 0.01, "{grey}");
}

#[test]
fn every_text_colour_meets_wcag_aa_on_every_background() {
    let looks = looks();
    assert_eq!(looks.len(), 2, "the built-in look and the classic one");
    let (text, cells) = fills();
    assert!(
        ["ink", "muted", "accent"]
            .iter()
            .all(|c| text.contains(&c.to_string())),
        "text colours found: {text:?}"
    );
    assert!(
        ["band", "band-light"]
            .iter()
            .all(|c| cells.contains(&c.to_string())),
        "cell fills found: {cells:?}"
    );
    let mut failures = Vec::new();
    for (look, colours) in looks.iter().enumerate() {
        let mut backgrounds = vec![("white".to_owned(), [255, 255, 255])];
        backgrounds.extend(cells.iter().map(|c| (c.clone(), colours[c])));
        for name in &text {
            let colour = *colours
                .get(name)
                .unwrap_or_else(|| panic!("text colour {name} is not an rgb(..) of the template"));
            for (background, fill) in &backgrounds {
                let ratio = contrast(colour, *fill);
                eprintln!("look {look}: {name} on {background}: {ratio:.2}:1");
                if ratio < AA {
                    failures.push(format!("look {look}: {name} on {background}: {ratio:.2}:1"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "below 4.5:1: {failures:?}");
}
