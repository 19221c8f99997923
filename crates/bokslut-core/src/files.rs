//! Where the files a report names come from: the seam between the check and the outside, as
//! Typst's `World` is for a template. [`Disk`] reads them beside the report, by the rule of
//! [`crate::confine`]; [`Memory`] holds files a program supplies itself (a web service that
//! received a report and its sheet), so that a report can be checked and rendered without a
//! file system.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::confine::{Refusal, confine, stays_inside};

/// The files a report names (its sheets), by the name the report writes.
pub trait Files: Send + Sync {
    /// The bytes of the file `name`, at most `max_bytes` of them.
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal>;

    /// Where the file `name` lies on disk, by the same rule, for a reader that opens it
    /// itself (the profile, with its images and fonts); `None` when the files are not on
    /// disk (a program then supplies the profile itself).
    fn locate(&self, name: &str) -> Option<Result<PathBuf, Refusal>>;
}

/// Files on disk, relative to a report's directory and inside it unless allowed otherwise.
#[derive(Debug, Clone)]
pub struct Disk {
    base: PathBuf,
    allow_outside: bool,
}

impl Disk {
    /// The files under `base` (the report's directory; empty for the current directory),
    /// and with `allow_outside` (`--allow-outside-paths`) those outside it too.
    pub fn new(base: &Path, allow_outside: bool) -> Disk {
        Disk {
            base: base.to_path_buf(),
            allow_outside,
        }
    }
}

impl Files for Disk {
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        let path = confine(&self.base, name, self.allow_outside)?;
        crate::input::read_bounded(&path, max_bytes).map_err(|e| Refusal::Read(e.to_string()))
    }

    fn locate(&self, name: &str) -> Option<Result<PathBuf, Refusal>> {
        Some(confine(&self.base, name, self.allow_outside))
    }
}

/// Files a program supplies, by name: no file system is touched.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    files: BTreeMap<String, Vec<u8>>,
}

impl Memory {
    /// No files.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds a file, by the name the report gives it (`drift.csv`, `data/drift.csv`).
    pub fn insert(&mut self, name: &str, bytes: impl Into<Vec<u8>>) -> &mut Memory {
        self.files.insert(normal(name), bytes.into());
        self
    }
}

/// A relative name without `.` and with each `dir/..` taken out: `./a/../b.csv` is `b.csv`.
fn normal(name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

impl Files for Memory {
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        if name.trim().is_empty() {
            return Err(Refusal::Empty);
        }
        if !stays_inside(name) {
            return Err(Refusal::Outside);
        }
        let key = normal(name);
        let Some(bytes) = self.files.get(&key) else {
            let suggestion = self
                .files
                .keys()
                .map(|other| (strsim::jaro_winkler(other, &key), other))
                .filter(|(score, _)| *score >= 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, other)| other.clone());
            return Err(Refusal::Unreadable {
                reason: "no file of this name was supplied".to_owned(),
                suggestion,
            });
        };
        if bytes.len() as u64 > max_bytes {
            let too_large = crate::input::ReadError::TooLarge {
                size: bytes.len() as u64,
                limit: max_bytes,
            };
            return Err(Refusal::Read(too_large.to_string()));
        }
        Ok(bytes.clone())
    }

    fn locate(&self, _: &str) -> Option<Result<PathBuf, Refusal>> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplied_files_are_found_by_their_name_and_stay_inside() {
        let mut files = Memory::new();
        files.insert("data/drift.csv", "a;1\n");
        assert_eq!(files.read("./data/x/../drift.csv", 100).unwrap(), b"a;1\n");
        assert_eq!(files.read("../drift.csv", 100), Err(Refusal::Outside));
        assert_eq!(files.read("/data/drift.csv", 100), Err(Refusal::Outside));
        match files.read("data/drif.csv", 100) {
            Err(Refusal::Unreadable { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("data/drift.csv"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            files.read("data/drift.csv", 2),
            Err(Refusal::Read(_))
        ));
    }
}
