//! Language tags: the `locale` of a report and of a profile, checked before any file is
//! named after it.

/// The longest language tag (BCP 47 allows 35 characters for the usual forms).
const MAX_TAG_CHARS: usize = 35;

/// Whether `tag` is a language tag bokslut accepts: a language of two or three letters (ISO
/// 639, as Typst needs for hyphenation), then subtags of one to eight letters or digits,
/// separated by `-` (or `_`). Nothing else, so a tag never names a path (`../../etc`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    tag.len() <= MAX_TAG_CHARS
        && (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Why a language tag is refused, for messages: `None` when [`is_language_tag`] accepts it.
pub fn language_tag_problem(tag: &str) -> Option<String> {
    (!is_language_tag(tag)).then(|| {
        format!(
            "`{}` is not a language tag: expected a BCP 47 tag such as `sv`, `en` or `sv-SE` \
             (a language code of two or three letters, then optional subtags of letters and digits)",
            tag.chars().take(40).collect::<String>()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["sv", "en", "sv-SE", "en_GB", "fil", "zh-Hant-TW"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "s",
            "svens",
            "../../etc",
            "/etc",
            "sv/..",
            "sv-",
            "sv--SE",
            "sv SE",
            "en-abcdefghi",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
