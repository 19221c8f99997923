//! Where the files a report names come from: the seam between the check and the outside, as
//! Typst's `World` is for a template. [`Disk`] reads them beside the report, by the rule of
//! [`crate::confine`]; [`Memory`] holds files a program supplies itself (a web service that
//! received a report, its sheet and its profile), so that a report can be checked and
//! rendered without a file system. [`Within`] is the files under one directory of another
//! `Files` (a profile's, whose logo and fonts are named relative to it), by the same rule.

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

    /// The names of the files directly in the directory `dir` (named as [`Files::read`]
    /// takes names; empty for the base directory), each as `read` takes it (`fonts/a.ttf`),
    /// sorted: for a reader that takes every file of a directory (a profile's fonts). A name
    /// listed may still be refused by `read` (a link that leads out). By default a directory
    /// cannot be listed.
    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        let _ = dir;
        Err(Refusal::Unreadable {
            reason: "these files cannot be listed".to_owned(),
            suggestion: None,
        })
    }
}

/// `dir` and `name` joined as names are written (`fonts` and `a.ttf`: `fonts/a.ttf`).
fn joined(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches(['/', '\\']);
    if dir.is_empty() || dir == "." {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
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

    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        let path = if dir.trim().is_empty() || dir == "." {
            // The base itself.
            if self.base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                self.base.clone()
            }
        } else {
            confine(&self.base, dir, self.allow_outside)?
        };
        let entries = std::fs::read_dir(&path).map_err(|e| Refusal::Unreadable {
            reason: e.to_string(),
            suggestion: None,
        })?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .map(|name| joined(dir, &name))
            .collect();
        names.sort();
        Ok(names)
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
            // By the one rule of suggestions (as on disk, of the names in the same directory).
            let suggestion = crate::suggest::nearest(&key, self.files.keys()).cloned();
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

    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        if !stays_inside(dir) {
            return Err(Refusal::Outside);
        }
        let dir = normal(dir);
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        Ok(self
            .files
            .keys()
            .filter_map(|key| key.strip_prefix(&prefix))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(|rest| format!("{prefix}{rest}"))
            .collect())
    }
}

/// The files under the directory `dir` of other [`Files`], named relative to it: a name that
/// climbs out of `dir` (or is absolute) is refused by its text, as [`crate::confine`] refuses
/// it, before the other files are asked; what the other files refuse (a link that leads out
/// of theirs) stays refused.
#[derive(Clone, Copy)]
pub struct Within<'a> {
    files: &'a dyn Files,
    dir: &'a str,
}

impl std::fmt::Debug for Within<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Within").field("dir", &self.dir).finish()
    }
}

impl<'a> Within<'a> {
    /// The files of `files` under `dir` (a name `files` takes; empty for all of them).
    pub fn new(files: &'a dyn Files, dir: &'a str) -> Within<'a> {
        Within { files, dir }
    }

    fn name(&self, name: &str) -> Result<String, Refusal> {
        if name.trim().is_empty() {
            return Err(Refusal::Empty);
        }
        if !stays_inside(name) {
            return Err(Refusal::Outside);
        }
        Ok(joined(self.dir, name))
    }
}

impl Files for Within<'_> {
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        self.files.read(&self.name(name)?, max_bytes)
    }

    fn locate(&self, name: &str) -> Option<Result<PathBuf, Refusal>> {
        match self.name(name) {
            Ok(name) => self.files.locate(&name),
            Err(refusal) => Some(Err(refusal)),
        }
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        let inner = if dir.trim().is_empty() || dir == "." {
            self.dir.to_owned()
        } else {
            self.name(dir)?
        };
        let prefix = joined(self.dir, "");
        Ok(self
            .files
            .list(&inner)?
            .into_iter()
            .map(|name| match name.strip_prefix(prefix.as_str()) {
                Some(rest) if !prefix.is_empty() => rest.to_owned(),
                _ => name,
            })
            .collect())
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

    #[test]
    fn a_directory_is_listed_and_a_view_within_it_stays_inside() {
        let mut files = Memory::new();
        files
            .insert("profil/profil.toml", "x")
            .insert("profil/fonts/a.ttf", "a")
            .insert("profil/fonts/b.otf", "b")
            .insert("profil/fonts/deeper/c.ttf", "c")
            .insert("drift.csv", "d");
        assert_eq!(
            files.list("profil/fonts").unwrap(),
            ["profil/fonts/a.ttf", "profil/fonts/b.otf"]
        );
        assert_eq!(files.list("").unwrap(), ["drift.csv"]);
        assert_eq!(files.list("../x"), Err(Refusal::Outside));
        let profile = Within::new(&files, "profil");
        assert_eq!(profile.read("fonts/a.ttf", 10).unwrap(), b"a");
        assert_eq!(
            profile.list("fonts").unwrap(),
            ["fonts/a.ttf", "fonts/b.otf"]
        );
        // Out of the profile's directory, though still among the files: refused.
        assert_eq!(profile.read("../drift.csv", 10), Err(Refusal::Outside));
        assert_eq!(profile.read("/drift.csv", 10), Err(Refusal::Outside));
        assert_eq!(profile.list(".."), Err(Refusal::Outside));
        // The one suggestion rule.
        match profile.read("fonts/a.tf", 10) {
            Err(Refusal::Unreadable { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("profil/fonts/a.ttf"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_directory_on_disk_is_listed_by_the_rule_of_confine() {
        let report = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(report.path().join("profil/fonts")).unwrap();
        std::fs::write(report.path().join("profil/fonts/b.ttf"), "b").unwrap();
        std::fs::write(report.path().join("profil/fonts/a.ttf"), "a").unwrap();
        let disk = Disk::new(report.path(), false);
        assert_eq!(
            disk.list("profil/fonts").unwrap(),
            ["profil/fonts/a.ttf", "profil/fonts/b.ttf"]
        );
        assert_eq!(disk.list("../"), Err(Refusal::Outside));
        let profile = Within::new(&disk, "profil");
        assert_eq!(
            profile.list("fonts").unwrap(),
            ["fonts/a.ttf", "fonts/b.ttf"]
        );
        assert_eq!(profile.read("fonts/a.ttf", 10).unwrap(), b"a");
        assert_eq!(
            Disk::new(&report.path().join("profil/fonts"), false)
                .list("")
                .unwrap(),
            ["a.ttf", "b.ttf"]
        );
    }
}
