//! `bokslut init`: a new report, commented, that passes `check` and renders at once; with a
//! profile, also a profile and a placeholder logo beside it.

use std::path::{Path, PathBuf};

/// The new report.
const REPORT: &str = include_str!("../init/rapport.toml");
/// The new profile.
const PROFILE: &str = include_str!("../init/profil.toml");
/// The placeholder logo.
const LOGO: &str = include_str!("../init/logo.svg");

/// The report's file name in the new directory.
pub const REPORT_FILE: &str = "rapport.toml";

/// The profile's place, relative to the directory.
pub const PROFILE_FILE: &str = "profil/profil.toml";

/// The text of the new report; with `profile`, naming [`PROFILE_FILE`].
pub fn report_text(profile: bool) -> String {
    REPORT
        .lines()
        .filter_map(|line| match line.strip_prefix("#PROFILE#") {
            Some(rest) if profile => Some(rest.to_owned()),
            Some(_) => None,
            None => Some(line.to_owned()),
        })
        .map(|line| line + "\n")
        .collect()
}

/// Why `init` wrote nothing, or not everything.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// A file it would write is there already.
    #[error("{} exists already: init writes into a new or empty directory and replaces nothing", .0.display())]
    Exists(PathBuf),
    /// A directory cannot be made.
    #[error("cannot make {}: {error}", path.display())]
    Make {
        /// The directory.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {}: {error}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// Writes a new report into `dir` (made when missing), and with `profile` a profile and its
/// placeholder logo; the files written. An existing file is never replaced: any of them
/// there already is an error, and nothing is written.
pub fn init(dir: &Path, profile: bool) -> Result<Vec<PathBuf>, InitError> {
    let mut files: Vec<(PathBuf, String)> = vec![(dir.join(REPORT_FILE), report_text(profile))];
    if profile {
        files.push((dir.join(PROFILE_FILE), PROFILE.to_owned()));
        files.push((dir.join("profil/logo.svg"), LOGO.to_owned()));
    }
    if let Some((existing, _)) = files
        .iter()
        .find(|(path, _)| path.symlink_metadata().is_ok())
    {
        return Err(InitError::Exists(existing.clone()));
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| InitError::Make {
                path: parent.to_path_buf(),
                error,
            })?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
            .map_err(|error| InitError::Write {
                path: path.clone(),
                error,
            })?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
