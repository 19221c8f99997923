//! The theme and the municipality's graphic profile in the web edition: the colours of the
//! resolved theme ([`Theme`], the same the PDF is printed in) and the profile's typeface as
//! CSS custom properties, its images as `data:` addresses.
//!
//! The built-in style sheet holds the modern look's colours ([`default_colours`]); with a
//! profile, every colour of the theme that differs from them, or that the profile gives,
//! follows in a rule of its own: a profile's own colours, and the classic look's. The
//! profile's colours were checked for contrast (4.5:1 for text on white and on both bands)
//! when it was loaded, for the PDF; the web edition places the same colours in the same
//! pairs. Its font family is the name of the typeface: a reader who has it installed sees it,
//! others the built-in stack (the web edition embeds no font).

use base64::Engine as _;
use bokslut_present::profile::{ImageData, Look, ProfileData};
use bokslut_present::theme::{MODERN, Theme};

/// The built-in style sheet's colours, the modern look's, as custom properties: four to a
/// line.
pub fn default_colours() -> String {
    let mut css = String::new();
    for line in MODERN.chunks(4) {
        css.push(' ');
        for (name, value) in line {
            css.push_str(&format!(" --{name}: {value};"));
        }
        css.push('\n');
    }
    css
}

/// The CSS that follows the built-in style sheet: the theme's colours that differ from the
/// built-in ones or that the profile gives, and the profile's typeface.
pub fn style(profile: &ProfileData, theme: &Theme) -> String {
    let mut css = String::from(":root {");
    for (name, value) in &theme.colours {
        let default = MODERN.iter().any(|(n, v)| n == name && v == value);
        if default && !profile.colours.contains_key(name) {
            continue;
        }
        // Names are the template's (`accent`, `band-light`); values `#rrggbb`, checked on
        // load. Anything else is left out rather than written into the style sheet.
        if is_css_name(name) && is_hex_colour(value) {
            css.push_str(&format!(" --{name}: {value};"));
        }
    }
    css.push_str(" }\n");
    let stack = match profile.look {
        Look::Modern => None,
        Look::Classic => Some("\"Liberation Serif\", Georgia, \"Times New Roman\", serif"),
    };
    let family = profile
        .font
        .as_deref()
        .filter(|f| !f.is_empty() && f.chars().all(is_family_char));
    match (family, stack) {
        (Some(family), Some(stack)) => {
            css.push_str(&format!("body {{ font-family: \"{family}\", {stack}; }}\n"))
        }
        (Some(family), None) => css.push_str(&format!(
            "body {{ font-family: \"{family}\", Inter, system-ui, sans-serif; }}\n"
        )),
        (None, Some(stack)) => css.push_str(&format!("body {{ font-family: {stack}; }}\n")),
        (None, None) => {}
    }
    css.push_str(
        ".title .logo { display: block; max-width: 12rem; max-height: 5rem; margin: 0 0 1rem; }\n",
    );
    css
}

/// An image as a `data:` address, when it has bytes and its kind is known.
pub fn data_address(image: &ImageData) -> Option<String> {
    let path = image.path.as_str();
    let mime = if path.ends_with(".svg") {
        "image/svg+xml"
    } else if path.ends_with(".png") {
        "image/png"
    } else {
        return None;
    };
    let bytes = image.bytes.as_ref();
    if bytes.is_empty() {
        return None;
    }
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

fn is_css_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A character a font family's name may have in the style sheet: letters, digits, spaces,
/// hyphens, underscores and dots (no quote, backslash or `<` that could end the string or
/// the style element).
fn is_family_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_and_hex_colours_reach_the_style_sheet() {
        assert!(is_css_name("band-light"));
        assert!(!is_css_name("x;}body{"));
        assert!(is_hex_colour("#1f4e79"));
        assert!(!is_hex_colour("#1f4e79;}"));
        assert!(is_family_char('å'));
        assert!(!"Serif\"</style>".chars().all(is_family_char));
    }
}
