//! Diagnostics: what is wrong with a report file, where, and what was expected.
//!
//! Every problem bokslut finds in an input, from a syntax error to a sum that disagrees,
//! becomes a [`Diagnostic`]: data, for a program to show as it likes (in an editor, at the
//! span). It names the file, the line and column and the byte span when known, the place in
//! the report's structure, what went wrong, hints (a suggestion such as "did you mean
//! `budget`?"), and the excerpt of the offending line the command-line tool draws its marker
//! under. Its `Display` is one message with its place; the tool draws the excerpt itself.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the user should know that is not wrong (a reproduced report's rounding):
    /// never fails a run, `--deny-warnings` included.
    Note,
    /// Rendering goes on; `--deny-warnings` makes it an error.
    Warning,
    /// The report must not be published as it is.
    Error,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file (or the name given for in-memory text).
    pub origin: PathBuf,
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    /// Where in the report's structure, e.g. `chapters[3].blocks[1].rows[2]`.
    pub path: Option<String>,
    /// The byte range in the file that the problem is about (empty when only its start is
    /// known), when known.
    pub span: Option<std::ops::Range<usize>>,
    /// What went wrong and what was expected.
    pub message: String,
    /// Hints, each a short sentence after the message: a suggestion for a near miss
    /// ("did you mean `budget`?").
    pub hints: Vec<String>,
    /// The offending source line, when known: the whole line when it is short, else a window
    /// of it around the column, cut ends marked `…` (a JSON file is often one long line).
    pub source_line: Option<String>,
    /// 1-based column, in characters of `source_line`, that the marker points at.
    pub marker_column: usize,
}

/// The longest source line shown whole, in characters; a longer one is shown as a window of
/// [`WINDOW_CHARS`] characters before and after the column.
pub const MAX_LINE_CHARS: usize = 120;

/// Characters shown on each side of the column of a long line.
pub const WINDOW_CHARS: usize = 50;

impl Diagnostic {
    /// An error at a byte offset of `source` (or at no position).
    pub fn at(
        severity: Severity,
        origin: &std::path::Path,
        source: &str,
        offset: Option<usize>,
        message: String,
    ) -> Self {
        let position = offset.map(|o| line_col(source, o));
        let (source_line, marker_column) = match (offset, position) {
            // Past the last line (the end of a file that ends with a line break): no line.
            (Some(offset), _)
                if offset >= source.len() && (source.is_empty() || source.ends_with('\n')) =>
            {
                (None, 1)
            }
            (Some(offset), Some((_, col))) => {
                let (line, marker) = window(line_at(source, offset), col);
                (Some(line), marker)
            }
            _ => (None, 1),
        };
        Diagnostic {
            severity,
            origin: origin.to_owned(),
            position,
            path: None,
            span: offset.map(|o| o..o),
            message: printable(&message),
            hints: Vec::new(),
            source_line,
            marker_column,
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same diagnostic with a hint more (when there is one).
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hints.extend(hint.map(|h| printable(&h)));
        self
    }

    /// The message and its hints, as one text: "unknown field `budgett`, expected ...;
    /// did you mean `budget`?".
    pub fn message_with_hints(&self) -> String {
        let mut text = self.message.clone();
        for hint in &self.hints {
            text.push_str("; ");
            text.push_str(hint);
        }
        text
    }

    /// What a severity is called in a message: `error`, `warning`, `note`.
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One message with its place: "error: ...\n  --> file:line:col (at path)"; the excerpt of the
/// line is data ([`Diagnostic::source_line`]) for the program that shows it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label(), self.message_with_hints())?;
        write!(f, "\n  --> {}", self.origin.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(path) = &self.path {
            write!(f, " (at {path})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Text safe to print on a terminal: control characters (escape sequences of a binary file,
/// say) become U+FFFD, so that an error message can never drive the user's terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// The line of `source` holding byte `offset`, without its line break.
fn line_at(source: &str, offset: usize) -> &str {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    source[start..end].trim_end_matches('\r')
}

/// The part of a line shown under a message, printable, and the marker's column in it: the
/// whole line when short, else [`WINDOW_CHARS`] characters either side of `col`.
fn window(line: &str, col: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= MAX_LINE_CHARS {
        return (printable(line), col);
    }
    let at = col.saturating_sub(1).min(count);
    let start = at.saturating_sub(WINDOW_CHARS);
    let end = (at + WINDOW_CHARS + 1).min(count);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(end - start));
    if end < count {
        shown.push('…');
    }
    (printable(&shown), at - start + 1 + usize::from(start > 0))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// "did you mean `x`?" for serde's messages about unknown fields and variants, whose text
/// lists what was expected: "unknown field `budgett`, expected one of `label`, `budget`".
pub fn suggest(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (given, expected) = rest.split_once('`')?;
    let candidates = expected.split('`').skip(1).step_by(2);
    crate::suggest::nearest(given, candidates).map(|name| format!("did you mean `{name}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_column() {
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
        assert_eq!(d.position, Some((2, 5_001)));
        let shown = d.source_line.as_deref().unwrap();
        assert!(shown.chars().count() < 110, "{shown}");
        assert_eq!(shown.chars().nth(d.marker_column - 1), Some('X'), "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(d.span, Some(offset..offset));
        // A short line is shown whole.
        let d = Diagnostic::at(
            Severity::Error,
            std::path::Path::new("r"),
            "ab\ncd",
            Some(4),
            "m".into(),
        );
        assert_eq!((d.source_line.as_deref(), d.marker_column), (Some("cd"), 2));
    }

    #[test]
    fn suggests_near_misses_only() {
        let m = suggest("unknown field `budgett`, expected one of `label`, `budget`, `outcome`");
        assert_eq!(m.as_deref(), Some("did you mean `budget`?"));
        let m = suggest("unknown variant `interm`, expected one of `interim`, `annual`");
        assert_eq!(m.as_deref(), Some("did you mean `interim`?"));
        assert_eq!(suggest("unknown field `xyz`, expected `label`"), None);
    }
}
