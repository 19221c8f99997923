//! Writing a PDF safely: atomically (a temporary file renamed into place), with the
//! permissions a PDF should have.

use std::io::Write;
use std::path::Path;

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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bokslut-").suffix(".pdf.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    if let Ok(existing) = std::fs::metadata(path) {
        file.as_file().set_permissions(existing.permissions())?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
