//! Limits of the input files themselves, checked before and while they are read: the
//! largest file read, its kind (a regular file, never a device or a FIFO), and how deep a
//! TOML file may nest.

use std::io::Read;
use std::path::Path;

/// The largest report file read, by default: 4 MiB, about 2 000 pages of dense text and
/// four times the 497-page synthetic report (1.1 MiB); real reports are under 1 MiB. Layout
/// memory grows with the pages (about 1.7 MiB a page), so a larger default would let one
/// file take gigabytes. Raise it with `--max-input-size`.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Why [`read_bounded`] did not read a file; the text is the message printed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// A device, a FIFO, a directory: not a regular file.
    #[error("cannot read the file: it is {kind}, not a regular file")]
    NotAFile {
        /// What it is, in words ([`file_kind`]).
        kind: &'static str,
    },
    /// Larger than the limit (seen before reading, or while reading).
    #[error(
        "the file is {} large, more than the limit of {} (raise it with --max-input-size)",
        bytes(*.size),
        bytes(*.limit)
    )]
    TooLarge {
        /// The size seen, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
}

/// Reads a file that must be a regular file (or a link to one) of at most `max` bytes:
/// a device (`/dev/zero`), a FIFO or a directory is refused before it is opened, and a file
/// that grows past the limit while read is refused too, so memory stays bounded.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            kind: file_kind(&meta.file_type()),
        });
    }
    let too_large = |size: u64| ReadError::TooLarge { size, limit: max };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    // Checked again on the open file: the path may have been replaced since.
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile {
            kind: file_kind(&opened.file_type()),
        });
    }
    let mut buffer = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut buffer)?;
    if buffer.len() as u64 > max {
        return Err(too_large(buffer.len() as u64));
    }
    Ok(buffer)
}

/// A size for people: `16 MiB`, `1.5 KiB`, `12 bytes`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let whole = n / size;
            let tenths = (n % size) * 10 / size;
            return if tenths == 0 {
                format!("{whole} {unit}")
            } else {
                format!("{whole}.{tenths} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

/// A file type that is not a regular file, in words.
pub fn file_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// The deepest nesting of tables and arrays in a TOML file. A report needs about 12 (a goal
/// table's target, six levels of sections); a deeper file would overflow the stack of any
/// recursive reader (serde's included), so it is refused before it is read.
pub(crate) const MAX_TOML_DEPTH: usize = 64;

/// Where a parsed TOML document nests tables and arrays deeper than [`MAX_TOML_DEPTH`]: the
/// byte offset of the first value too deep. Walks with its own stack, not by recursion.
pub(crate) fn toml_too_deep(table: &toml::de::DeTable<'_>) -> Option<usize> {
    use toml::de::DeValue;
    let mut stack: Vec<(&DeValue<'_>, usize, usize)> = table
        .iter()
        .map(|(k, v)| (v.get_ref(), 1, k.span().start))
        .collect();
    while let Some((value, depth, at)) = stack.pop() {
        if depth > MAX_TOML_DEPTH {
            return Some(at);
        }
        match value {
            DeValue::Table(t) => stack.extend(
                t.iter()
                    .map(|(k, v)| (v.get_ref(), depth + 1, k.span().start)),
            ),
            DeValue::Array(items) => stack.extend(
                items
                    .iter()
                    .map(|v| (v.get_ref(), depth + 1, v.span().start)),
            ),
            _ => {}
        }
    }
    None
}

/// The offset of the first key of a TOML text with more than [`MAX_TOML_DEPTH`] dotted
/// parts (`[a.b.c…]` or `a.b.c… = 1`), for an error of the TOML reader that has no position.
pub(crate) fn deep_toml_key(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split(['=', ']']).next().unwrap_or_default();
        if key.matches('.').count() >= MAX_TOML_DEPTH {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

/// Drops a parsed TOML document without recursion (dropping a very deep one the usual way
/// would overflow the stack).
pub(crate) fn dismantle(table: toml::de::DeTable<'_>) {
    use toml::de::DeValue;
    let mut stack: Vec<DeValue<'_>> = table.into_iter().map(|(_, v)| v.into_inner()).collect();
    while let Some(value) = stack.pop() {
        match value {
            DeValue::Table(t) => stack.extend(t.into_iter().map(|(_, v)| v.into_inner())),
            DeValue::Array(items) => stack.extend(items.into_iter().map(|v| v.into_inner())),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(12), "12 bytes");
    }
}
