//! Places in a report's structure and the problems found there: a [`Path`] such as
//! `chapters[3].blocks[1].rows[2].label` (made of [`Seg`]s) and a [`Finding`] at one.
//!
//! Every check of the core reports a [`Finding`]; [`crate::read`] turns its path into a line
//! and column of the input file.

use std::borrow::Cow;
use std::fmt;

use crate::diag::Severity;

/// One step into the report's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A field of a table (a fixed field, or a key the report chose, such as a column id).
    Key(Cow<'static, str>),
    /// An element of an array.
    Index(usize),
}

/// A place in the report's structure, e.g. `chapters[3].blocks[1].rows[2].label`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The path of a field below this one.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.into()));
        p
    }

    /// The path of an element of an array field below this one.
    pub fn index(&self, key: impl Into<Cow<'static, str>>, index: usize) -> Path {
        let mut p = self.key(key);
        p.0.push(Seg::Index(index));
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A semantic problem: severity, place and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the report.
    pub path: Path,
    /// What is wrong, and what was expected.
    pub message: String,
    /// Text inside the value at `path` that the finding is about (an amount in a paragraph):
    /// the diagnostic points at it rather than at the start of the value.
    pub needle: Option<String>,
    /// Hints after the message: a suggestion for a near miss ("did you mean `budget`?").
    pub hints: Vec<String>,
}

impl Finding {
    /// A finding about the whole value at `path`.
    pub fn new(severity: Severity, path: Path, message: String) -> Finding {
        Finding {
            severity,
            path,
            message,
            needle: None,
            hints: Vec::new(),
        }
    }

    /// The same finding with a hint more (when there is one).
    pub fn with_hint(mut self, hint: Option<String>) -> Finding {
        self.hints.extend(hint);
        self
    }

    /// An error about the whole value at `path`.
    pub fn error(path: Path, message: String) -> Finding {
        Finding::new(Severity::Error, path, message)
    }
}
