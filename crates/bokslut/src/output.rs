//! Writing a PDF (or an HTML file) safely: atomically (a temporary file renamed into place), with the
//! permissions a PDF should have.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes to a temporary file beside the target and renames it into place only when
/// complete, so a failed write never leaves a partial PDF or spoils an existing one.
///
/// The PDF gets the permissions of the file it replaces, or those of any new file (0666 less
/// the umask, as `File::create` gives), not the owner-only ones of a temporary file: a PDF is
/// made to be read by others.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A symbolic link is replaced by the file (the rename replaces the link, not its
    // target): a batch's planted link ([`target_replacing_link`]), or one planted since.
    if let Ok(existing) = std::fs::symlink_metadata(path)
        && !existing.is_file()
        && !existing.file_type().is_symlink()
    {
        return Err(std::io::Error::other(format!(
            "it is {}, not a regular file",
            kind(&existing.file_type())
        )));
    }
    let mut builder = tempfile::Builder::new();
    // The temporary file ends like the target: `.pdf.tmp`, `.html.tmp`.
    let suffix = format!(
        ".{}.tmp",
        path.extension()
            .and_then(|e| e.to_str())
            .filter(|e| e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or("pdf")
    );
    builder.prefix(".bokslut-").suffix(&suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let (mut file, _pending) =
        crate::interrupt::create(|| builder.tempfile_in(dir), |f| f.path().to_owned())?;
    file.write_all(bytes)?;
    if let Ok(existing) = std::fs::symlink_metadata(path)
        && existing.is_file()
    {
        file.as_file().set_permissions(existing.permissions())?;
    }
    file.as_file().sync_all()?;
    crate::interrupt::finish(|| file.persist(path)).map_err(|e| e.error)?;
    Ok(())
}

/// The file a PDF is written to: the output path with symbolic links followed (a link to a
/// PDF is written through, the link kept) and `.` and `..` resolved, so that two spellings of
/// one file compare equal. An error, before anything is rendered, when the path cannot hold
/// a PDF: it names a directory, a device, a FIFO or a socket, a link to nothing, or lies in
/// a "directory" that is a file.
pub fn target(path: &Path) -> Result<PathBuf, String> {
    if path.as_os_str().is_empty() {
        return Err("the output path is empty".to_owned());
    }
    let text = path.as_os_str().to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Err(
            "the output names a directory: --output takes the PDF's file name (use --out-dir \
             DIR to write into a directory)"
                .to_owned(),
        );
    }
    match std::fs::symlink_metadata(path) {
        Ok(link) => {
            let meta = std::fs::metadata(path).map_err(|e| {
                if link.file_type().is_symlink() {
                    "it is a symbolic link to nothing: remove it, or point it at a file".to_owned()
                } else {
                    format!("cannot read it: {e}")
                }
            })?;
            if !meta.is_file() {
                return Err(format!(
                    "it is {}, not a regular file: a PDF is written only to a file (or a link \
                     to one), never over anything else",
                    kind(&meta.file_type())
                ));
            }
            std::fs::canonicalize(path).map_err(|e| format!("cannot resolve it: {e}"))
        }
        Err(_) => {
            // A new file: resolve the nearest directory that exists, then the rest by name.
            let mut existing = path;
            let mut rest = Vec::new();
            while let Some(parent) = existing.parent() {
                rest.push(existing.file_name().map(|n| n.to_os_string()));
                existing = parent;
                if existing.as_os_str().is_empty() || existing.exists() {
                    break;
                }
            }
            let base = if existing.as_os_str().is_empty() {
                Path::new(".")
            } else {
                existing
            };
            let meta = std::fs::metadata(base)
                .map_err(|e| format!("cannot read {}: {e}", base.display()))?;
            if !meta.is_dir() {
                return Err(format!("{} is not a directory", base.display()));
            }
            let mut resolved = std::fs::canonicalize(base)
                .map_err(|e| format!("cannot resolve {}: {e}", base.display()))?;
            for name in rest.into_iter().rev() {
                match name {
                    Some(name) => resolved.push(name),
                    // `..` (no file name): one directory up.
                    None => {
                        resolved.pop();
                    }
                }
            }
            Ok(resolved)
        }
    }
}

/// The file a batch's output (`--out-dir`) is written to: as [`target`], except that a
/// symbolic link at the path is the file written, not its target: the link is replaced by
/// the new file (whatever it points at, nothing included), and nothing outside is written
/// through it. A directory between `root` (`--out-dir`) and the file that is a symbolic link
/// is refused: the output would land wherever it points. Directories above `root` are
/// resolved as [`target`] resolves them.
pub fn target_replacing_link(path: &Path, root: &Path) -> Result<PathBuf, String> {
    if let Ok(below) = path.strip_prefix(root) {
        let mut dir = root.to_path_buf();
        let parents: Vec<_> = below.components().collect();
        for part in parents.iter().take(parents.len().saturating_sub(1)) {
            dir.push(part);
            if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(format!(
                    "{} is a symbolic link: the outputs of --out-dir are written into its own                      directories, never through a link (remove it, or pass                      --follow-output-links)",
                    dir.display()
                ));
            }
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let name = path
                .file_name()
                .ok_or_else(|| "the output path names no file".to_owned())?;
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let dir = std::fs::canonicalize(parent)
                .map_err(|e| format!("cannot resolve {}: {e}", parent.display()))?;
            Ok(dir.join(name))
        }
        _ => target(path),
    }
}

/// What a file that is not a regular file is, in words.
pub fn kind(file_type: &std::fs::FileType) -> &'static str {
    bokslut_core::input::file_kind(file_type)
}
