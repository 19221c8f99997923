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

/// The fonts in `fonts/`, built into the binary.
const FONTS: &[&[u8]] = &[
    include_bytes!("../../../fonts/Inter-Regular.otf"),
    include_bytes!("../../../fonts/Inter-Italic.otf"),
    include_bytes!("../../../fonts/Inter-Bold.otf"),
    include_bytes!("../../../fonts/Inter-BoldItalic.otf"),
];

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
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
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
