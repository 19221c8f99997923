//! bokslut-html: the web edition of a report, one accessible, self-contained HTML file.
//!
//! It renders the same [`Document`] the PDF template receives (every label looked up, every
//! figure computed and formatted by `bokslut-present`), so the two editions cannot differ in
//! a word or a figure: only the placing is this crate's. It needs no Typst. The file needs no
//! network and no script: styles are inline, fonts are the reader's own (Inter first, where
//! installed). Every string of the document is data and is escaped ([`escape`]).
//!
//! ```no_run
//! use bokslut_present::labels::Labels;
//!
//! let report = bokslut_core::check_file("report.toml".as_ref()).report.unwrap();
//! let document = bokslut_present::present(&report, &Labels::builtin("sv"), None);
//! std::fs::write("report.html", bokslut_html::render(&document)).unwrap();
//! ```
//!
//! The modules: [`escape`] (text as data), `text` (the report's own markup), `outline`
//! (the table of contents, from the document's heading numbers and anchors), `table` (what every table shares:
//! caption, scrolling region), `decisions`, `goals` and `money` (one kind of table each),
//! and `style.css` (screen and print).

mod chart;
mod decisions;
pub mod escape;
mod goals;
mod money;
mod outline;
mod profile;
mod statement;
mod table;
mod text;

use std::fmt::Write as _;

use bokslut_present::document::{Document, Item};

use crate::escape::push;

/// The style sheet, inlined into every file: its `/* colours */` line is where
/// [`profile::default_colours`] goes.
const STYLE: &str = include_str!("style.css");

/// The style of statements and notes, written only into a document that has them (so the
/// web edition of any other report stays as it was, byte for byte).
const STATEMENT_STYLE: &str = include_str!("statement.css");

/// The line of [`STYLE`] the default colours replace.
const COLOURS_LINE: &str = "  /* colours */\n";

/// The web edition of a document: a complete HTML file. With a graphic profile
/// ([`Document::profile`]), its colours and typeface are in the style sheet and its logo
/// (with its alternative text) in the title block, its bytes
/// ([`bokslut_present::profile::ImageData::bytes`]) embedded as a `data:` address: the file
/// stays self-contained.
pub fn render(document: &Document) -> String {
    let mut w = Writer::new(document);
    w.write();
    w.out
}

/// Writes one document; keeps what its parts share (the output, the languages, the counter
/// that keeps ids unique, and the heading a caption-less table is named after).
struct Writer<'a> {
    out: String,
    doc: &'a Document,
    /// Tables written so far: each table's ids start with `t<n>-`.
    tables: usize,
    /// Charts written so far: each chart's ids start with `chart<n>`.
    charts: usize,
    /// The text of the last heading written.
    last_heading: String,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Self {
        Writer {
            out: String::with_capacity(64 * 1024),
            doc,
            tables: 0,
            charts: 0,
            last_heading: doc.title.clone(),
        }
    }

    /// ` lang="en"` when the labels' language is not the document's, else nothing: a label
    /// (and a figure, which is written by the labels' conventions) is marked with it.
    fn label_lang(&self) -> String {
        self.lang_unless_document(&self.doc.labels.lang)
    }

    /// ` lang="…"` for text in `lang`, unless that is the document's language.
    fn lang_unless_document(&self, lang: &str) -> String {
        if lang == self.doc.lang {
            String::new()
        } else {
            format!(" lang=\"{}\"", escape::escaped(lang))
        }
    }

    /// ` lang="…"` when `is_label`, for a string that may be a label or report text.
    fn lang_if(&self, is_label: bool) -> String {
        if is_label {
            self.label_lang()
        } else {
            String::new()
        }
    }

    /// Appends escaped text.
    fn text(&mut self, text: &str) {
        push(&mut self.out, text);
    }

    /// Appends markup (never report text).
    fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    fn write(&mut self) {
        let doc = self.doc;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"bokslut\">\n<title",
            escape::escaped(&doc.lang)
        );
        let title_lang = self.lang_unless_document(&doc.title_lang);
        self.raw(&title_lang);
        self.raw(">");
        self.text(&doc.title);
        self.raw("</title>\n<meta name=\"description\" content=\"");
        self.text(&doc.subject);
        self.raw("\">\n<style>\n");
        let (before, after) = STYLE.split_once(COLOURS_LINE).unwrap_or((STYLE, ""));
        self.raw(before);
        self.raw(&profile::default_colours());
        self.raw(after);
        if doc
            .body
            .iter()
            .any(|i| matches!(i, Item::Statement(_) | Item::Note(_)))
        {
            self.raw(STATEMENT_STYLE);
        }
        if let Some(profile) = &doc.profile {
            self.raw(&profile::style(profile, &doc.theme));
        }
        self.raw("</style>\n</head>\n<body>\n");
        self.title_block();
        self.contents();
        self.raw("<main id=\"main\">\n");
        for item in &doc.body {
            self.item(item);
        }
        self.raw("</main>\n</body>\n</html>\n");
    }

    /// The title page: organisation, title, board, period.
    fn title_block(&mut self) {
        let doc = self.doc;
        self.raw("<header class=\"title\">\n");
        if let Some(logo) = doc.profile.as_ref().and_then(|p| p.logo.as_ref())
            && let Some(src) = profile::data_address(logo)
        {
            self.raw(&format!("<img class=\"logo\" src=\"{src}\" alt=\""));
            self.text(&logo.alt);
            self.raw("\">\n");
        }
        self.raw("<p class=\"organisation\">");
        self.text(&doc.organisation);
        let title_lang = self.lang_unless_document(&doc.title_lang);
        let _ = write!(self.out, "</p>\n<h1{title_lang}>");
        self.text(&doc.title);
        self.raw("</h1>\n<p class=\"board\">");
        self.text(&doc.board);
        let lang = self.label_lang();
        let _ = write!(self.out, "</p>\n<p class=\"period\"{lang}>");
        self.text(&doc.period);
        self.raw("</p>\n</header>\n");
    }

    /// The table of contents: links to the numbered headings.
    fn contents(&mut self) {
        let lang = self.label_lang();
        let _ = write!(
            self.out,
            "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\"{lang}>"
        );
        self.text(&self.doc.labels.toc);
        self.raw("</h2>\n");
        let list = outline::contents(&self.doc.body);
        self.raw(&list);
        self.raw("</nav>\n");
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Heading {
                level,
                title,
                number,
                anchor,
                ..
            } => self.heading(*level, title, number.as_deref(), anchor),
            Item::Flow { content } => text::flow(self, content),
            Item::Decisions(table) => decisions::write(self, table),
            Item::Goals(table) => goals::write(self, table),
            Item::Money(table) => money::write(self, table),
            Item::Statement(table) => statement::write(self, table),
            Item::Note(note) => statement::note(self, note),
            Item::Chart(chart) => chart::write(self, chart),
            // The part's heading names its board already.
            Item::Part { .. } => {}
        }
    }

    /// A heading one level below the title's (a chapter is `<h2>`); below `<h6>`, an element
    /// with the heading role and its level.
    fn heading(&mut self, level: usize, title: &str, number: Option<&str>, id: &str) {
        let html_level = level + 1;
        let id = escape::escaped(id);
        let number = number.map(escape::escaped);
        let open = if html_level <= 6 {
            format!("<h{html_level} id=\"{id}\">")
        } else {
            format!("<p class=\"h-deep\" role=\"heading\" aria-level=\"{html_level}\" id=\"{id}\">")
        };
        self.raw(&open);
        if let Some(number) = number {
            let _ = write!(self.out, "<span class=\"number\">{number}</span> ");
        }
        self.text(title);
        if html_level <= 6 {
            let _ = writeln!(self.out, "</h{html_level}>");
        } else {
            self.raw("</p>\n");
        }
        self.last_heading = title.to_owned();
    }
}
