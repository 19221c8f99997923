//! The one rule for every file a report names (its profile, its sheets): a path relative to
//! the report's directory that stays inside it, checked before anything is opened.
//!
//! A path that is absolute or climbs out with `..` is refused from its text alone, without
//! touching the file system; one that stays inside is then resolved (links followed) and
//! refused when the link leads out. A missing file may get a suggestion, but only from a
//! directory inside the report's: no message lists or quotes what lies outside it.
//! `allow_outside` (`--allow-outside-paths`) lifts the rule for a user who allows it.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// Why a named file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The name is empty.
    Empty,
    /// The file is outside the report's directory (by its name, or by a link).
    Outside,
    /// The file cannot be resolved: the system's reason, and a file of a near name in the
    /// same directory (inside the report's) when there is one.
    Unreadable {
        /// The system's words (`No such file or directory (os error 2)`).
        reason: String,
        /// A near name, written as the report would write it (`sheets/drift.xlsx`).
        suggestion: Option<String>,
    },
    /// The file was found but not read: what it is (a FIFO, too large).
    Read(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty => write!(f, "the file name is empty"),
            Refusal::Outside => write!(f, "{OUTSIDE}"),
            Refusal::Unreadable { reason, suggestion } => {
                write!(f, "cannot read the file: {reason}")?;
                if let Some(near) = suggestion {
                    write!(f, "; did you mean \"{near}\"?")?;
                }
                Ok(())
            }
            Refusal::Read(why) => write!(f, "{why}"),
        }
    }
}

/// What [`Refusal::Outside`] says.
pub(crate) const OUTSIDE: &str = "the file is outside the report's directory: a report reads the files it names from its own directory and those under it (`--allow-outside-paths` allows others)";

/// Whether `name`, read as a path relative to a directory, stays in it by its text alone:
/// not absolute, no root or prefix, and no `..` that climbs above where it started.
pub(crate) fn stays_inside(name: &str) -> bool {
    let mut depth = 0usize;
    for component in Path::new(name).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// The file `name` names, relative to the directory `base` (the report's; `""` is the
/// current directory): `base` joined with `name`, as written (for messages), once it is
/// known to exist and, with links followed, to lie inside `base`, unless `allow_outside`.
pub fn confine(base: &Path, name: &str, allow_outside: bool) -> Result<PathBuf, Refusal> {
    let written = base.join(name);
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    if name.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    if !allow_outside && !stays_inside(name) {
        return Err(Refusal::Outside);
    }
    let root = if allow_outside {
        None
    } else {
        Some(base.canonicalize().map_err(|e| Refusal::Unreadable {
            reason: format!("the report's directory: {e}"),
            suggestion: None,
        })?)
    };
    let path = base.join(name);
    let real = path.canonicalize().map_err(|e| Refusal::Unreadable {
        suggestion: match e.kind() {
            std::io::ErrorKind::NotFound => near_file(&path, name, root.as_deref()),
            _ => None,
        },
        reason: e.to_string(),
    })?;
    match root {
        Some(root) if !real.starts_with(&root) => Err(Refusal::Outside),
        _ => Ok(written),
    }
}

/// A file of a name near `name`'s in the directory of the missing `path`, as the report would
/// write it; looked for only in a directory inside `root` when there is one.
fn near_file(path: &Path, name: &str, root: Option<&Path>) -> Option<String> {
    let dir = path.parent()?;
    let wanted = path.file_name()?.to_str()?.to_lowercase();
    if let Some(root) = root {
        // A link in the directory's path may lead out: the directory itself must be inside.
        if !dir.canonicalize().ok()?.starts_with(root) {
            return None;
        }
    }
    // Sorted, so that of equally near names the suggestion does not depend on the order the
    // directory lists them in.
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let best = crate::suggest::nearest(&wanted, &names)?;
    Some(match name.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{best}"),
        None => best.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_climb_out_are_refused_by_their_text() {
        for name in [
            "/etc/passwd",
            "../x.csv",
            "a/../../x.csv",
            "../../../../../etc/passwd",
        ] {
            assert!(!stays_inside(name), "{name}");
            // Refused without looking: the base need not even exist.
            assert_eq!(
                confine(Path::new("/nonexistent-base"), name, false),
                Err(Refusal::Outside),
                "{name}"
            );
        }
        for name in ["x.csv", "./a/x.csv", "a/../x.csv", "a/b/../../x.csv"] {
            assert!(stays_inside(name), "{name}");
        }
    }

    #[test]
    fn a_link_that_leads_out_is_refused_and_suggestions_stay_inside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.csv"), "x").unwrap();
        let report = tempfile::tempdir().unwrap();
        std::fs::write(report.path().join("drift.csv"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), report.path().join("ut")).unwrap();
            assert_eq!(
                confine(report.path(), "ut/secret.csv", false),
                Err(Refusal::Outside)
            );
            // A near name in the linked directory is not suggested.
            match confine(report.path(), "ut/secrt.csv", false) {
                Err(Refusal::Unreadable { suggestion, .. }) => assert_eq!(suggestion, None),
                other => panic!("{other:?}"),
            }
            // Allowed, the link is followed.
            assert!(confine(report.path(), "ut/secret.csv", true).is_ok());
        }
        match confine(report.path(), "drif.csv", false) {
            Err(Refusal::Unreadable { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("drift.csv"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            confine(report.path(), "drift.csv", false),
            Ok(report.path().join("drift.csv"))
        );
    }
}
