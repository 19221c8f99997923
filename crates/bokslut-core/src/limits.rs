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

use crate::chars::{advice, forbidden_in_pdf};
use crate::diag::Severity;
use crate::lang::language_tag_problem;
use crate::location::{Finding, Path as DataPath};
use crate::markup::{self, Flow};
use crate::model::{Block, Chapter, Report, Value};
use crate::tree::{self, Item, Visitor};

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

/// Every limit a report exceeds, as errors at the value concerned.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut limits = Limits::default();
    limits.report(report);
    limits.findings
}

#[derive(Default)]
struct Limits {
    findings: Vec<Finding>,
}

impl Limits {
    fn error(&mut self, path: DataPath, message: String, needle: Option<String>) {
        self.findings.push(Finding {
            hints: Vec::new(),
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
                    advice(c)
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
        if let Some(board) = &m.board {
            self.name(meta.key("board"), "the board", board);
        }
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
                            ("target", ind.target.as_ref().and_then(|t| t.value.as_ref())),
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
            Block::Statement(t) => self.statement(t, &path),
            Block::Chart(c) => {
                self.name(path.key("title"), "the chart's title", &c.title);
                for (key, what, text) in [
                    ("unit", "the chart's unit", &c.unit),
                    ("alt", "the chart's alternative text", &c.alt),
                    ("source", "the chart's source", &c.source),
                ] {
                    if let Some(t) = text {
                        self.cell(path.key(key), what, t);
                    }
                }
                for (i, t) in c.categories.iter().enumerate() {
                    self.name(path.index("categories", i), "the category", t);
                }
                for (i, s) in c.series.iter().enumerate() {
                    self.name(
                        path.index("series", i).key("label"),
                        "the series' label",
                        &s.label,
                    );
                }
            }
            Block::Note(n) => {
                self.name(path.key("title"), "the note's title", &n.title);
                if let Some(text) = &n.text {
                    self.text(path.key("text"), text);
                }
                for (i, t) in n.tables.iter().enumerate() {
                    self.statement(t, &path.index("tables", i));
                }
            }
        }
    }

    fn statement(&mut self, t: &crate::model::StatementTable, path: &DataPath) {
        if let Some(c) = &t.caption {
            self.name(path.key("caption"), "the caption", c);
        }
        if let Some(h) = &t.label_heading {
            self.name(path.key("label_heading"), "the column heading", h);
        }
        for (i, e) in t.entities.iter().enumerate() {
            self.name(
                path.index("entities", i).key("heading"),
                "the entity's heading",
                &e.heading,
            );
        }
        for (i, c) in t.columns.iter().enumerate() {
            self.name(path.index("columns", i), "the column heading", &c.0);
        }
        for (i, row) in t.rows.iter().enumerate() {
            let key = row.kind.map_or("label", |k| k.key());
            self.cell(path.index("rows", i).key(key), "the row label", &row.label);
            if let Some(u) = &row.unit {
                self.name(path.index("rows", i).key("unit"), "the unit", u);
            }
        }
        for (i, f) in t.footnotes.iter().enumerate() {
            self.text(path.index("footnotes", i), f);
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
