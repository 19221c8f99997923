//! The Typst world of one render: the single seam between Typst and bokslut.
//!
//! Typst sees the embedded templates, the embedded fonts and one data file, `/report.json`,
//! holding the [`crate::document::Document`]. It sees no file system, no network and no
//! clock: `today` is the report's own date.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

/// The templates in `layouts/`, built into the binary: (path in the Typst project, source).
pub const TEMPLATES: &[(&str, &str)] =
    &[("report.typ", include_str!("../../../layouts/report.typ"))];

/// The fonts in `fonts/`, built into the binary: Inter, then the fallback fonts for the
/// symbols and emoji Inter lacks, in the order the template lists them.
const FONTS: &[&[u8]] = &[
    include_bytes!("../../../fonts/Inter-Regular.otf"),
    include_bytes!("../../../fonts/Inter-Italic.otf"),
    include_bytes!("../../../fonts/Inter-Bold.otf"),
    include_bytes!("../../../fonts/Inter-BoldItalic.otf"),
    include_bytes!("../../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../../../fonts/NotoEmoji-Regular.ttf"),
];

/// The embedded fonts, parsed once: the Typst world's, and those [`covers`] asks.
static LOADED: LazyLock<Vec<Font>> = LazyLock::new(|| {
    FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
});

/// Whether a bundled font has a glyph for `c` (its character map has `c`).
pub fn has_glyph(c: char) -> bool {
    LOADED
        .iter()
        .any(|font| font.info().coverage.contains(u32::from(c)))
}

/// Whether text with `c` prints: a bundled font has it, or it needs no glyph (a line break,
/// a tab, or a default-ignorable character such as a zero-width joiner or a variation
/// selector, which Typst leaves out). Typst picks, for each character, the first font of the
/// template's list that has it, then any bundled font that has it, so a character this
/// accepts never makes the export fail for want of a glyph. Refused even where a font maps
/// them: other control characters (no text, mapped to an empty glyph) and private-use
/// characters (the fonts' own icons, which PDF/A forbids in text). Give it as
/// [`bokslut_core::CheckOptions::coverage`] and `check` refuses any other character at its
/// place in the file, before Typst would fail on it.
pub fn covers(c: char) -> bool {
    if c.is_control() {
        return matches!(c, '\n' | '\r' | '\t');
    }
    // What no PDF/A file may hold as text (private use, U+FEFF, U+FFFE), whatever a font has.
    if bokslut_core::limits::forbidden_in_pdf(c) {
        return false;
    }
    typst::text::is_default_ignorable(c) || has_glyph(c)
}

/// Path of the data file the template reads.
pub const DATA_PATH: &str = "report.json";

fn file_id(path: &str) -> FileId {
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|e| unreachable!("bad built-in path {path}: {e:?}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What every render shares: library, fonts and parsed templates. Built once per process.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: Vec<Source>,
    data_id: FileId,
}

/// The shared resources, loaded on first use.
pub static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = LOADED.clone();
    let book = FontBook::from_fonts(&fonts);
    let sources = TEMPLATES
        .iter()
        .map(|(path, text)| Source::new(file_id(path), (*text).to_owned()))
        .collect();
    Shared {
        // `a11y-extras` gives the template `pdf.header-cell`, which tags the row labels of
        // tables as row headers (PDF/UA, EN 301 549 10.1.3.1).
        library: LazyHash::new(
            Library::builder()
                .with_features([Feature::A11yExtras].into_iter().collect())
                .build(),
        ),
        book: LazyHash::new(book),
        fonts,
        sources,
        data_id: file_id(DATA_PATH),
    }
});

/// The world of one render.
#[derive(Clone)]
pub struct ReportWorld {
    shared: &'static Shared,
    data: Bytes,
    today: Datetime,
}

impl ReportWorld {
    /// A world whose data file holds `data` and whose today is `today`.
    pub fn new(data: Vec<u8>, today: Datetime) -> Self {
        ReportWorld {
            shared: &SHARED,
            data: Bytes::new(data),
            today,
        }
    }
}

impl ReportWorld {
    /// The data file.
    pub fn data(&self) -> &[u8] {
        self.data.as_slice()
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.sources[0].id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.shared
            .sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            return Ok(self.data.clone());
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
