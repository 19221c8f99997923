//! Limits on what a report may hold, so that every report `check` accepts also renders, in
//! time that grows about linearly with its text and in bounded memory.
//!
//! Each limit is far above anything a real report has (the longest title of the archived
//! reports bokslut was tried on is under 120 characters, the longest paragraph under 3 000),
//! and each is checked here, where the report is read, with a position: a deep list or a
//! megabyte title is an error of the input file, never a crash, a hang or an error blamed on
//! the template. What stays below them renders: the fuzz corpus and
//! `crates/bokslut/tests/hostile.rs` render every hostile input that `check` accepts.
//!
//! Layout time in Typst grows faster than linearly with the length of one paragraph and of
//! one unbroken run of characters (line breaking looks at every break point of a paragraph),
//! and linearly with the number of paragraphs: bounding the former bounds each paragraph's
//! cost, so a report's cost grows with its number of paragraphs, that is with its text.

use std::io::Read;
use std::path::Path;

use crate::diag::Severity;
use crate::location::{Finding, Path as DataPath};
use crate::markup::{self, Flow};
use crate::model::{Block, Chapter, Report, Value};
use crate::tree::{self, Item, Visitor};

/// The largest report file read, by default: 4 MiB, about 2 000 pages of dense text and
/// four times the 497-page synthetic report (1.1 MiB); real reports are under 1 MiB. Layout
/// memory grows with the pages (about 1.7 MiB a page), so a larger default would let one
/// file take gigabytes. Raise it with `--max-input-size`.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// The longest name: the title, the organisation, the board, a chapter's title, a heading, a
/// caption (characters). The PDF's metadata (title, author, subject) must stay below the
/// 32 767 bytes PDF/A allows a string, and the page header must stay readable.
pub const MAX_NAME_CHARS: usize = 200;

/// The longest text of a table cell (a decision, a comment, a goal, a value), in characters.
pub const MAX_CELL_CHARS: usize = 3_000;

/// The longest paragraph (or list item's paragraph) of a text block, in characters.
pub const MAX_PARAGRAPH_CHARS: usize = 10_000;

/// The longest run of characters without a space (a word, a URL), in characters.
pub const MAX_WORD_CHARS: usize = 500;

/// The deepest nesting of sections: chapter 1, section 1.1, … down to six numbers.
pub const MAX_SECTION_DEPTH: usize = 6;

/// The longest language tag (BCP 47 allows 35 characters for the usual forms).
const MAX_TAG_CHARS: usize = 35;

/// Every limit a report exceeds, as errors at the value concerned.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut limits = Limits::default();
    limits.report(report);
    limits.findings
}

/// Whether `tag` is a language tag bokslut accepts: a language of two or three letters (ISO
/// 639, as Typst needs for hyphenation), then subtags of one to eight letters or digits,
/// separated by `-` (or `_`). Nothing else, so a tag never names a path (`../../etc`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    tag.len() <= MAX_TAG_CHARS
        && (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Why a language tag is refused, for messages: `None` when [`is_language_tag`] accepts it.
pub fn language_tag_problem(tag: &str) -> Option<String> {
    (!is_language_tag(tag)).then(|| {
        format!(
            "`{}` is not a language tag: expected a BCP 47 tag such as `sv`, `en` or `sv-SE` \
             (a language code of two or three letters, then optional subtags of letters and digits)",
            tag.chars().take(40).collect::<String>()
        )
    })
}

/// Reads a file that must be a regular file (or a link to one) of at most `max` bytes:
/// a device (`/dev/zero`), a FIFO or a directory is refused before it is opened, and a file
/// that grows past the limit while read is refused too, so memory stays bounded.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "cannot read the file: it is {}, not a regular file",
            file_kind(&meta.file_type())
        ));
    }
    let too_large = |size: u64| {
        format!(
            "the file is {} large, more than the limit of {} (raise it with --max-input-size)",
            bytes(size),
            bytes(max)
        )
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    // Checked again on the open file: the path may have been replaced since.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            return Err(format!(
                "cannot read the file: it is {}, not a regular file",
                file_kind(&m.file_type())
            ));
        }
        Err(e) => return Err(format!("cannot read the file: {e}")),
    }
    let mut buffer = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut buffer)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if buffer.len() as u64 > max {
        return Err(too_large(buffer.len() as u64));
    }
    Ok(buffer)
}

/// A size for people: `16 MiB`, `1.5 KiB`, `12 bytes`.
pub fn bytes(n: u64) -> String {
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
pub const MAX_TOML_DEPTH: usize = 64;

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

#[derive(Default)]
struct Limits {
    findings: Vec<Finding>,
}

impl Limits {
    fn error(&mut self, path: DataPath, message: String, needle: Option<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            path,
            message,
            needle,
        });
    }

    /// A name: one line of the title page, a heading, a caption, a page header.
    fn name(&mut self, path: DataPath, what: &str, text: &str) {
        self.length(path, what, text, MAX_NAME_CHARS);
    }

    /// A table cell or other short text.
    fn cell(&mut self, path: DataPath, what: &str, text: &str) {
        self.length(path, what, text, MAX_CELL_CHARS);
    }

    fn length(&mut self, path: DataPath, what: &str, text: &str, max: usize) {
        if self.codepoints(&path, what, text) {
            return;
        }
        let count = text.chars().count();
        if count > max {
            self.error(
                path,
                format!("{what} is {count} characters long: expected at most {max}"),
                None,
            );
        } else {
            self.words(path, what, text);
        }
    }

    /// Characters a PDF/A file may not contain as text (U+0000, U+FEFF, U+FFFE, private
    /// use): the first one, as an error. Whether one was found.
    fn codepoints(&mut self, path: &DataPath, what: &str, text: &str) -> bool {
        let Some(c) = text.chars().find(|&c| forbidden_in_pdf(c)) else {
            return false;
        };
        let name = match c {
            '\u{0}' => "a NUL character",
            '\u{FEFF}' => "a byte order mark (zero-width no-break space)",
            '\u{FFFE}' => "a noncharacter",
            _ => "a private-use character",
        };
        self.error(
            path.clone(),
            match name {
                "a private-use character" => format!(
                    "{what} holds U+{:04X}, {name}, which a PDF/A file may not contain as text{}",
                    u32::from(c),
                    crate::coverage::advice(c)
                ),
                _ => format!(
                    "{what} holds U+{:04X}, {name}, which a PDF/A file may not contain as text: \
                     remove it",
                    u32::from(c)
                ),
            },
            Some(c.to_string()),
        );
        true
    }

    /// Runs of characters without a space longer than [`MAX_WORD_CHARS`]: the first one.
    fn words(&mut self, path: DataPath, what: &str, text: &str) {
        if let Some(word) = text
            .split(char::is_whitespace)
            .find(|w| w.chars().nth(MAX_WORD_CHARS).is_some())
        {
            let count = word.chars().count();
            self.error(
                path,
                format!(
                    "{what} has a run of {count} characters without a space: expected at most \
                     {MAX_WORD_CHARS} (break it with spaces)"
                ),
                Some(word.chars().take(24).collect()),
            );
        }
    }

    fn report(&mut self, report: &Report) {
        let root = DataPath::default();
        if let Some(locale) = &report.locale
            && let Some(problem) = language_tag_problem(locale)
        {
            self.error(root.key("locale"), problem, None);
        }
        let meta = root.key("meta");
        let m = &report.meta;
        self.name(
            meta.key("organisation"),
            "the organisation",
            &m.organisation,
        );
        self.name(meta.key("board"), "the board", &m.board);
        if let Some(title) = &m.title {
            self.name(meta.key("title"), "the title", title);
        }
        tree::walk(report, self);
    }

    fn block(&mut self, block: &Block, path: DataPath) {
        match block {
            Block::Text { text } => self.text(path.key("text"), text),
            Block::Heading { text } => self.name(path.key("text"), "the heading", text),
            Block::Decisions(t) => {
                if let Some(c) = &t.caption {
                    self.name(path.key("caption"), "the caption", c);
                }
                for (i, d) in t.rows.iter().enumerate() {
                    let row = path.index("rows", i);
                    self.cell(row.key("decision"), "the decision", &d.decision);
                    if let Some(r) = &d.reference {
                        self.name(row.key("reference"), "the reference", r);
                    }
                    if let Some(c) = &d.comment {
                        self.cell(row.key("comment"), "the comment", c);
                    }
                }
            }
            Block::Goals(t) => {
                if let Some(c) = &t.caption {
                    self.name(path.key("caption"), "the caption", c);
                }
                if let Some(levels) = &t.levels {
                    for (i, name) in levels.iter().enumerate() {
                        self.name(path.index("levels", i), "the level name", name);
                    }
                }
                for (i, c) in t.columns.iter().flatten().enumerate() {
                    self.name(path.index("columns", i).key("id"), "the column id", &c.id);
                    if let Some(h) = &c.heading {
                        self.name(
                            path.index("columns", i).key("heading"),
                            "the column heading",
                            h,
                        );
                    }
                }
                crate::goals::visit(t, &path, &mut |node| match node {
                    crate::goals::Node::Goal {
                        what, name, path, ..
                    } => self.cell(path.key("name"), what, name),
                    crate::goals::Node::Indicator {
                        indicator: ind,
                        path: ip,
                    } => {
                        self.cell(ip.key("name"), "the indicator name", &ind.name);
                        for (key, value) in [
                            ("current", ind.current.as_ref()),
                            ("forecast", ind.forecast.as_ref()),
                            ("target", ind.target.as_ref().map(|t| &t.value)),
                        ] {
                            if let Some(value) = value {
                                self.value(ip.key(key), value);
                            }
                        }
                        for (key, value) in &ind.earlier {
                            self.value(ip.key("earlier").key(key.clone()), value);
                        }
                    }
                });
            }
            Block::Finance(t) | Block::Investments(t) => {
                if let Some(h) = &t.label_heading {
                    self.name(path.key("label_heading"), "the column heading", h);
                }
                for (i, row) in t.rows.iter().enumerate() {
                    self.cell(
                        path.index("rows", i).key("label"),
                        "the row label",
                        &row.label,
                    );
                }
            }
        }
    }

    fn value(&mut self, path: DataPath, value: &Value) {
        match value {
            Value::Text(t) => self.cell(path, "the value", t),
            Value::Count { unit: Some(u), .. } => self.name(path, "the unit", u),
            _ => {}
        }
    }

    /// A text block: nesting, then the length of each paragraph and of each unbroken run.
    fn text(&mut self, path: DataPath, text: &str) {
        if self.codepoints(&path, "the text", text) {
            return;
        }
        if let Some((at, what)) = markup::too_deep(text) {
            let needle = text[at..].lines().next().unwrap_or_default();
            let needle: String = needle.chars().take(24).collect();
            self.error(path, what, (!needle.trim().is_empty()).then_some(needle));
            return;
        }
        let mut paragraphs = Vec::new();
        collect_paragraphs(&markup::parse(text), &mut paragraphs);
        for paragraph in paragraphs {
            let count = paragraph.chars().count();
            if count > MAX_PARAGRAPH_CHARS {
                self.error(
                    path,
                    format!(
                        "a paragraph of the text is {count} characters long: expected at most \
                         {MAX_PARAGRAPH_CHARS} (separate paragraphs with a blank line)"
                    ),
                    Some(paragraph.chars().take(24).collect()),
                );
                return;
            }
            let before = self.findings.len();
            self.words(path.clone(), "the text", &paragraph);
            if self.findings.len() > before {
                return;
            }
        }
    }
}

impl<'a> Visitor<'a> for Limits {
    fn visit(&mut self, _level: usize, item: Item<'a>, path: &DataPath) {
        match item {
            Item::Chapter(chapter) => self.name(path.key("title"), "the title", &chapter.title),
            Item::Block(block) => self.block(block, path.clone()),
        }
    }

    /// Sections below [`MAX_SECTION_DEPTH`] are an error, and not visited.
    fn sections(&mut self, level: usize, chapter: &'a Chapter, path: &DataPath) -> bool {
        if level < MAX_SECTION_DEPTH {
            return true;
        }
        if !chapter.sections.is_empty() {
            self.error(
                path.key("sections"),
                format!(
                    "sections are nested more than {MAX_SECTION_DEPTH} deep (a chapter \
                     numbered with more than {MAX_SECTION_DEPTH} numbers)"
                ),
                None,
            );
        }
        false
    }
}

/// Whether the PDF writer refuses `c` in text of a PDF/A file: U+0000, U+FEFF, U+FFFE, and
/// the private use areas (typst-pdf through krilla; no font changes that).
pub fn forbidden_in_pdf(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0 | 0xFEFF | 0xFFFE | 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD
    )
}

/// The plain text of every paragraph of a text, lists' included.
fn collect_paragraphs(flows: &[Flow], out: &mut Vec<String>) {
    for flow in flows {
        match flow {
            Flow::Par { content: c } => out.push(markup::plain_text(c)),
            Flow::List { items, .. } => {
                for item in items {
                    collect_paragraphs(item, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["sv", "en", "sv-SE", "en_GB", "fil", "zh-Hant-TW"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "s",
            "svens",
            "../../etc",
            "/etc",
            "sv/..",
            "sv-",
            "sv--SE",
            "sv SE",
            "en-abcdefghi",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn characters_pdf_a_refuses_are_errors() {
        for c in ['\u{0}', '\u{FEFF}', '\u{FFFE}', '\u{E000}', '\u{10FFFD}'] {
            assert!(forbidden_in_pdf(c), "{c:?}");
        }
        for c in ['a', 'å', '\u{202F}', '\u{FFFD}', '\u{1F600}'] {
            assert!(!forbidden_in_pdf(c), "{c:?}");
        }
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(12), "12 bytes");
    }
}
