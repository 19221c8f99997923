//! Diagnostics: what is wrong with a report file, where, and what was expected.
//!
//! Every problem bokslut finds in an input, from a syntax error to a sum that disagrees,
//! becomes a [`Diagnostic`] naming the file, the line and column when known, and the
//! offending line with a marker, in the style of compilers.

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
    /// What went wrong and what was expected.
    pub message: String,
    /// The offending source line, when known.
    pub source_line: Option<String>,
}

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
        let source_line =
            position.and_then(|(line, _)| source.lines().nth(line - 1).map(printable));
        Diagnostic {
            severity,
            origin: origin.to_owned(),
            position,
            path: None,
            message: printable(&message),
            source_line,
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{label}: {}", self.message)?;
        write!(f, "\n  --> {}", self.origin.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(path) = &self.path {
            write!(f, " (at {path})")?;
        }
        if let (Some(text), Some((line, col))) = (&self.source_line, self.position) {
            let gutter = line.to_string().len();
            let pad: String = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {pad}^",
                "", ""
            )?;
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

/// Adds "did you mean `x`?" to serde's messages about unknown fields and variants, whose
/// text lists what was expected: "unknown field `budgett`, expected one of `label`, `budget`".
pub fn suggest(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_owned();
    };
    let Some((given, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(given, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, name)) => format!("{message}; did you mean `{name}`?"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let m = suggest("unknown field `budgett`, expected one of `label`, `budget`, `outcome`");
        assert!(m.ends_with("did you mean `budget`?"), "{m}");
        let m = suggest("unknown variant `interm`, expected one of `interim`, `annual`");
        assert!(m.ends_with("did you mean `interim`?"), "{m}");
        let m = suggest("unknown field `xyz`, expected `label`");
        assert!(!m.contains("did you mean"), "{m}");
    }
}
