//! Profiles a program supplies from memory, kept between publishes: a profile read through
//! [`Files`] is reused when every file its reading touched is supplied again byte for byte.
//!
//! A profile on disk is kept by its path ([`crate::Publisher::profile`]). One from memory has
//! no path that says whether it changed, so its reading is recorded: each file read, located
//! or listed, and what came back. A later publish replays the record against the files it
//! supplies; when every answer is the same (compared whole, not by a hash an attacker could
//! collide), the profile checked before is the profile now, and its fonts are not parsed nor
//! its images decoded again.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bokslut_core::Diagnostic;
use bokslut_core::confine::Refusal;
use bokslut_core::files::Files;

use crate::Profile;

/// How many profiles from memory a publisher keeps, the latest used first.
const KEPT: usize = 8;

/// One access of a profile's reading, with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Access {
    Read {
        name: String,
        max_bytes: u64,
        answer: Result<Vec<u8>, Refusal>,
    },
    Locate {
        name: String,
        answer: Option<Result<PathBuf, Refusal>>,
    },
    List {
        dir: String,
        answer: Result<Vec<String>, Refusal>,
    },
}

impl Access {
    /// Whether `files` answers this access as it was answered.
    fn holds(&self, files: &dyn Files) -> bool {
        match self {
            Access::Read {
                name,
                max_bytes,
                answer,
            } => files.read(name, *max_bytes) == *answer,
            Access::Locate { name, answer } => files.locate(name) == *answer,
            Access::List { dir, answer } => files.list(dir) == *answer,
        }
    }
}

/// [`Files`] that record every access.
struct Recorder<'a> {
    files: &'a dyn Files,
    accesses: Mutex<Vec<Access>>,
}

impl Recorder<'_> {
    fn record(&self, access: Access) {
        self.accesses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(access);
    }
}

impl Files for Recorder<'_> {
    fn read(&self, name: &str, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
        let answer = self.files.read(name, max_bytes);
        self.record(Access::Read {
            name: name.to_owned(),
            max_bytes,
            answer: answer.clone(),
        });
        answer
    }

    fn locate(&self, name: &str) -> Option<Result<PathBuf, Refusal>> {
        let answer = self.files.locate(name);
        self.record(Access::Locate {
            name: name.to_owned(),
            answer: answer.clone(),
        });
        answer
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, Refusal> {
        let answer = self.files.list(dir);
        self.record(Access::List {
            dir: dir.to_owned(),
            answer: answer.clone(),
        });
        answer
    }
}

/// A profile read from memory and the record of its reading.
#[derive(Debug)]
struct Kept {
    name: String,
    accesses: Vec<Access>,
    profile: Arc<Profile>,
}

/// The profiles from memory a publisher keeps.
#[derive(Debug, Default)]
pub(crate) struct Replayed {
    kept: Mutex<Vec<Kept>>,
}

impl Replayed {
    /// The profile `name` of `files` ([`Profile::load_from`]): the one read before when
    /// `files` supplies the same bytes for everything its reading touched, else read now
    /// (and kept when it is valid).
    pub(crate) fn load(
        &self,
        files: &dyn Files,
        name: &str,
    ) -> Result<Arc<Profile>, Vec<Diagnostic>> {
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = kept
                .iter()
                .position(|k| k.name == name && k.accesses.iter().all(|a| a.holds(files)))
            {
                let found = kept.remove(at);
                let profile = Arc::clone(&found.profile);
                kept.insert(0, found);
                return Ok(profile);
            }
        }
        let recorder = Recorder {
            files,
            accesses: Mutex::default(),
        };
        let profile = Arc::new(Profile::load_from(&recorder, name)?);
        let accesses = recorder
            .accesses
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(
            0,
            Kept {
                name: name.to_owned(),
                accesses,
                profile: Arc::clone(&profile),
            },
        );
        kept.truncate(KEPT);
        Ok(profile)
    }

    /// Forgets every profile kept.
    pub(crate) fn clear(&self) {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bokslut_core::files::Memory;

    /// The fictional Ekbacka profile (a logo and a font of its own), as a program supplies it.
    fn ekbacka() -> Memory {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/profiles/ekbacka");
        let mut files = Memory::new();
        for name in ["profil.toml", "logo.svg"] {
            files.insert(&format!("p/{name}"), std::fs::read(dir.join(name)).unwrap());
        }
        for entry in std::fs::read_dir(dir.join("fonts")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(&format!("p/fonts/{name}"), std::fs::read(&path).unwrap());
        }
        files
    }

    #[test]
    fn a_profile_from_memory_is_read_again_only_when_a_byte_of_it_changed() {
        let replayed = Replayed::default();
        let files = ekbacka();
        let first = replayed.load(&files, "p/profil.toml").unwrap();
        let again = replayed.load(&ekbacka(), "p/profil.toml").unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same files: the same profile"
        );
        // One byte of the logo changed: read anew, and the first one still kept.
        let mut changed = ekbacka();
        let logo = String::from_utf8(files.read("p/logo.svg", u64::MAX).unwrap()).unwrap();
        changed.insert("p/logo.svg", logo.replacen("<svg", "<svg ", 1));
        let other = replayed.load(&changed, "p/profil.toml").unwrap();
        assert!(!Arc::ptr_eq(&first, &other));
        let back = replayed.load(&ekbacka(), "p/profil.toml").unwrap();
        assert!(Arc::ptr_eq(&first, &back));
        // A font added to its fonts directory is seen (the directory's listing is replayed).
        let mut more = ekbacka();
        more.insert("p/fonts/extra.txt", "not a font");
        let listed = replayed.load(&more, "p/profil.toml");
        assert!(!listed.is_ok_and(|p| Arc::ptr_eq(&first, &p)));
        // A profile with errors is not kept: it is read, and refused, each time.
        let mut broken = ekbacka();
        broken.insert("p/profil.toml", "look = 3\n");
        assert!(replayed.load(&broken, "p/profil.toml").is_err());
        assert!(replayed.load(&broken, "p/profil.toml").is_err());
    }
}
