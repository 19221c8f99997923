//! How the tool shows a diagnostic on the terminal, in the style of compilers: the message
//! with its hints, the file, line and column, and the excerpt of the line with a marker
//! under the column. The library returns the diagnostic as data; drawing it is the tool's.

use bokslut_core::Diagnostic;

/// A diagnostic as the tool prints it.
pub fn show(d: &Diagnostic) -> String {
    let mut text = d.to_string();
    if let (Some(excerpt), Some((line, _))) = (&d.source_line, d.position) {
        let gutter = line.to_string().len();
        let pad: String = excerpt
            .chars()
            .take(d.marker_column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        text.push_str(&format!(
            "\n{:gutter$} |\n{line} | {excerpt}\n{:gutter$} | {pad}^",
            "", ""
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use bokslut_core::Severity;

    #[test]
    fn the_marker_stands_under_the_column_of_a_long_line() {
        let line = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let source = format!("first\n{line}\nlast");
        let offset = source.find('X').unwrap();
        let d = Diagnostic::at(
            Severity::Error,
            std::path::Path::new("r.json"),
            &source,
            Some(offset),
            "m".into(),
        );
        let text = show(&d);
        assert!(text.len() < 400, "{} bytes: {text}", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let (src, marker) = (lines[lines.len() - 2], lines[lines.len() - 1]);
        let x = src.chars().position(|c| c == 'X').unwrap();
        assert_eq!(marker.chars().position(|c| c == '^'), Some(x), "{text}");
    }
}
