//! "Did you mean": the one rule by which a name that is not known finds the known name it
//! was likely meant to be (a field, a column, a sheet, a file).
//!
//! Names are compared without regard to case, by Jaro-Winkler similarity; the nearest at or
//! above [`THRESHOLD`] is the suggestion, the first of equally near ones. A message puts it
//! after its text (`; did you mean "Drift"?`), each in the quotes its names are written in.

/// How similar (Jaro-Winkler, 0 to 1) a known name must be to the given one to be suggested.
pub(crate) const THRESHOLD: f64 = 0.8;

/// The known name nearest to `given`, if one is near enough.
pub(crate) fn nearest<'a, S: AsRef<str> + ?Sized + 'a>(
    given: &str,
    known: impl IntoIterator<Item = &'a S>,
) -> Option<&'a S> {
    let given = given.to_lowercase();
    let mut best: Option<(f64, &S)> = None;
    for name in known {
        let score = strsim::jaro_winkler(&given, &name.as_ref().to_lowercase());
        if score >= THRESHOLD && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name)
}

/// The hint `did you mean `x`?` for a name written as code (a field, a column id).
pub(crate) fn code_hint<'a, S: AsRef<str> + ?Sized + 'a>(
    given: &str,
    known: impl IntoIterator<Item = &'a S>,
) -> Option<String> {
    nearest(given, known).map(|k| format!("did you mean `{}`?", k.as_ref()))
}

/// The hint `did you mean "x"?` for a name written as text (a sheet, a heading, a file).
pub(crate) fn text_hint<'a, S: AsRef<str> + ?Sized + 'a>(
    given: &str,
    known: impl IntoIterator<Item = &'a S>,
) -> Option<String> {
    nearest(given, known).map(|k| format!("did you mean \"{}\"?", k.as_ref()))
}

/// `; did you mean "x"?` glued after a message, for the one place whose message is text
/// before it is a finding (a heading a sheet lacks), or nothing.
pub(crate) fn as_text<'a, S: AsRef<str> + ?Sized + 'a>(
    given: &str,
    known: impl IntoIterator<Item = &'a S>,
) -> String {
    text_hint(given, known)
        .map(|h| format!("; {h}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_above_the_threshold_regardless_of_case() {
        let known = ["label", "budget", "outcome"];
        assert_eq!(nearest("budgett", known.iter().copied()), Some("budget"));
        assert_eq!(nearest("OUTCOM", known.iter().copied()), Some("outcome"));
        assert_eq!(nearest("xyz", known.iter().copied()), None);
        assert_eq!(
            as_text("Dirft", ["Drift", "Investeringar"].iter().copied()),
            "; did you mean \"Drift\"?"
        );
        assert_eq!(
            code_hint("outcom", known.iter().copied()).as_deref(),
            Some("did you mean `outcome`?")
        );
        assert_eq!(code_hint("xyz", known.iter().copied()), None);
        // Of equally near names, the first.
        assert_eq!(
            nearest("abcdx", ["abcdy", "abcdz"].iter().copied()),
            Some("abcdy")
        );
    }
}
