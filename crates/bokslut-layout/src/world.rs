//! The Typst world of one render: the single seam between Typst and bokslut.
//!
//! Typst sees the embedded templates (or a municipality's own, [`Layouts`]), the embedded
//! fonts, one data file, `/report.json`, holding the [`bokslut_present::Document`], and the
//! images and fonts of a profile ([`crate::profile`]), read when the profile was loaded. It
//! sees no other file, no network and no clock: `today` is the report's own date.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock, RwLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

/// The templates in `layouts/`, built into the binary: (path in the Typst project, source).
/// The first is the current layout's main file; each archived version's main file is
/// `archive/VERSION/report.typ`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("report.typ", include_str!("../../../layouts/report.typ")),
    (
        "archive/2026.1/report.typ",
        include_str!("../../../layouts/archive/2026.1/report.typ"),
    ),
    (
        "archive/2026.2/report.typ",
        include_str!("../../../layouts/archive/2026.2/report.typ"),
    ),
];

/// The version of the built-in layout, `layouts/report.typ`. When a change of the template
/// changes the PDF of a report, the template as it was is kept under
/// `layouts/archive/VERSION/` (and in `TEMPLATES`), listed in [`LAYOUT_VERSIONS`], and this
/// is raised: a report that names an earlier version (`meta.layout`) is laid out as it was.
pub const LAYOUT_VERSION: &str = "2026.3";

/// Every bundled layout version a report may name (`meta.layout`), oldest first, the current
/// one last.
pub const LAYOUT_VERSIONS: &[&str] = &["2026.1", "2026.2", LAYOUT_VERSION];

/// The main template file of a bundled layout version (the current one's when `None`, or
/// when the version is not bundled: [`LAYOUT_VERSIONS`] is checked before).
pub(crate) fn main_template(version: Option<&str>) -> FileId {
    match version {
        Some(v) if v != LAYOUT_VERSION && LAYOUT_VERSIONS.contains(&v) => {
            file_id(&format!("archive/{v}/report.typ"))
        }
        _ => file_id(TEMPLATES[0].0),
    }
}

/// The fonts in `fonts/`, built into the binary: Inter, then the fallback fonts for the
/// symbols and emoji Inter lacks, in the order the template lists them, then Liberation
/// Serif, the text font of the classic look.
const FONTS: &[&[u8]] = &[
    include_bytes!("../../../fonts/Inter-Regular.otf"),
    include_bytes!("../../../fonts/Inter-Italic.otf"),
    include_bytes!("../../../fonts/Inter-Bold.otf"),
    include_bytes!("../../../fonts/Inter-BoldItalic.otf"),
    include_bytes!("../../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../../../fonts/NotoEmoji-Regular.ttf"),
    // The classic look's serif (a profile's `look = "classic"`), after the fallbacks so that
    // the built-in look's choice of fonts is as it was.
    include_bytes!("../../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The embedded fonts, parsed once: the Typst world's, and those [`covers`] asks.
static LOADED: LazyLock<Vec<Font>> = LazyLock::new(|| {
    FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
});

/// Whether the built-in text font (Inter) has a glyph for `c`: what a profile's font must
/// have too.
pub(crate) fn text_font_has(c: char) -> bool {
    LOADED
        .iter()
        .filter(|font| font.info().family == "Inter")
        .any(|font| font.info().coverage.contains(u32::from(c)))
}

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
    if bokslut_core::chars::forbidden_in_pdf(c) {
        return false;
    }
    typst::text::is_default_ignorable(c) || has_glyph(c)
}

/// Path of the data file the template reads.
pub const DATA_PATH: &str = "report.json";

/// The id of a file of the Typst project, `path` relative to its root.
pub(crate) fn file_id(path: &str) -> FileId {
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

impl Shared {
    /// The built-in fonts, in the book's order.
    pub(crate) fn fonts(&self) -> &[Font] {
        &self.fonts
    }
}

/// A municipality's own templates (`--layouts DIR`): `DIR/report.typ` is the main file, and
/// it may read any other file under DIR (no path leaves it). Files are read on first use and
/// kept.
///
/// A program without a file system supplies them itself ([`Layouts::from_memory`]).
pub struct Layouts {
    dir: PathBuf,
    base: PathBuf,
    /// The files a program supplied, by their path in the directory (`report.typ`,
    /// `parts/cover.typ`): then nothing is read from disk.
    supplied: Option<HashMap<String, Bytes>>,
    sources: RwLock<HashMap<FileId, Source>>,
    files: RwLock<HashMap<FileId, Bytes>>,
}

impl std::fmt::Debug for Layouts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layouts").field("dir", &self.dir).finish()
    }
}

/// The largest file a layout reads (a template, an image, data it `read()`s): 64 MiB.
pub const MAX_LAYOUT_FILE_BYTES: u64 = 64 << 20;

/// Why a layouts directory, or the layout version a report names, cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutsError {
    /// The directory cannot be read.
    #[error("cannot read the layouts directory {}: {reason}", dir.display())]
    Unreadable {
        /// The directory as given.
        dir: PathBuf,
        /// Why, as the system says it.
        reason: String,
    },
    /// The directory has no `report.typ`.
    #[error("the layouts directory {} has no report.typ, the template bokslut starts from", dir.display())]
    NoTemplate {
        /// The directory as given.
        dir: PathBuf,
    },
    /// The report names a layout version (`meta.layout`) this bokslut does not bundle.
    #[error("the report was published with the layout version `{version}`, which this bokslut does not bundle: it has {}", LAYOUT_VERSIONS.join(", "))]
    UnknownVersion {
        /// The version the report names.
        version: String,
    },
}

impl Layouts {
    /// The templates in `dir`, which must hold `report.typ`.
    pub fn open(dir: &Path) -> Result<Layouts, LayoutsError> {
        let base = dir
            .canonicalize()
            .map_err(|error| LayoutsError::Unreadable {
                dir: dir.to_path_buf(),
                reason: error.to_string(),
            })?;
        if !base.join("report.typ").is_file() {
            return Err(LayoutsError::NoTemplate {
                dir: dir.to_path_buf(),
            });
        }
        Ok(Layouts {
            dir: dir.to_path_buf(),
            base,
            supplied: None,
            sources: RwLock::default(),
            files: RwLock::default(),
        })
    }

    /// Templates a program supplies, by their path in the layouts directory (`report.typ`,
    /// which must be there, and what it reads: `parts/cover.typ`, `logo.svg`); `name` is how
    /// messages call the directory. No file system is touched; a file above
    /// 64 MiB (the limit of a layout file on disk) is refused when the template reads it, as on disk.
    pub fn from_memory(
        name: &str,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Result<Layouts, LayoutsError> {
        let supplied: HashMap<String, Bytes> = files
            .into_iter()
            .map(|(path, bytes)| (path.trim_start_matches('/').to_owned(), Bytes::new(bytes)))
            .collect();
        if !supplied.contains_key("report.typ") {
            return Err(LayoutsError::NoTemplate { dir: name.into() });
        }
        Ok(Layouts {
            dir: name.into(),
            base: PathBuf::new(),
            supplied: Some(supplied),
            sources: RwLock::default(),
            files: RwLock::default(),
        })
    }

    /// The directory as given.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of `id` in the directory, when it stays inside it.
    fn path(&self, id: FileId) -> FileResult<PathBuf> {
        let relative = id.get().vpath().get_without_slash();
        let plain = Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let denied = || FileError::AccessDenied;
        if !plain {
            return Err(denied());
        }
        let path = self.base.join(relative);
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.base) => Ok(real),
            Ok(_) => Err(denied()),
            Err(_) => Err(FileError::NotFound(path)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(found) = self
            .files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Ok(found.clone());
        }
        if let Some(supplied) = &self.supplied {
            let relative = id.get().vpath().get_without_slash();
            let bytes = supplied
                .get(relative)
                .ok_or_else(|| FileError::NotFound(self.dir.join(relative)))?;
            if bytes.len() as u64 > MAX_LAYOUT_FILE_BYTES {
                let too_large = bokslut_core::input::ReadError::TooLarge {
                    size: bytes.len() as u64,
                    limit: MAX_LAYOUT_FILE_BYTES,
                };
                return Err(FileError::Other(Some(too_large.to_string().into())));
            }
            return Ok(bytes.clone());
        }
        let path = self.path(id)?;
        // The same rule as every input: a regular file (a FIFO would block the render for
        // ever, a device never end), within a size limit (a sparse file of gigabytes).
        let bytes = bokslut_core::input::read_bounded(&path, MAX_LAYOUT_FILE_BYTES).map_err(
            |e| match e {
                bokslut_core::input::ReadError::Io(io) => FileError::from_io(io, &path),
                other => FileError::Other(Some(other.to_string().into())),
            },
        )?;
        let bytes = Bytes::new(bytes);
        self.files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, bytes.clone());
        Ok(bytes)
    }

    /// Where `span` lies in these templates: the file under the directory as given, its line
    /// and column from 1; none for a span elsewhere (the report's data, no file).
    pub(crate) fn locate(&self, span: typst::syntax::Span) -> Option<(String, usize, usize)> {
        let id = span.id()?;
        let relative = id.get().vpath().get_without_slash();
        if relative == DATA_PATH {
            return None;
        }
        let source = self.source(id).ok()?;
        let range = match span.get() {
            typst::syntax::SpanKind::Number { num, .. } => source.range(num, None)?,
            typst::syntax::SpanKind::Range { range, .. } => range,
            typst::syntax::SpanKind::Detached => return None,
        };
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        Some((
            self.dir.join(relative).display().to_string(),
            line + 1,
            column + 1,
        ))
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(found) = self
            .sources
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Ok(found.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        let source = Source::new(id, text.to_owned());
        self.sources
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, source.clone());
        Ok(source)
    }
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
    /// A profile's images and fonts.
    assets: Option<Arc<crate::profile::Assets>>,
    /// A municipality's own templates, instead of the built-in ones.
    layouts: Option<Arc<Layouts>>,
    /// The main template file (a bundled layout version's).
    main: FileId,
}

impl ReportWorld {
    /// A world whose data file holds `data` and whose today is `today`.
    pub fn new(data: Vec<u8>, today: Datetime) -> Self {
        ReportWorld {
            shared: &SHARED,
            data: Bytes::new(data),
            today,
            assets: None,
            layouts: None,
            main: main_template(None),
        }
    }

    /// The same world laying out with a bundled layout version (`meta.layout`).
    pub(crate) fn with_version(mut self, version: Option<&str>) -> Self {
        self.main = main_template(version);
        self
    }

    /// The same world with a profile's files and fonts.
    pub(crate) fn with_assets(mut self, assets: Option<Arc<crate::profile::Assets>>) -> Self {
        self.assets = assets;
        self
    }

    /// The same world with a municipality's templates.
    pub(crate) fn with_layouts(mut self, layouts: Option<Arc<Layouts>>) -> Self {
        self.layouts = layouts;
        self
    }

    /// How a file of the templates is named in messages: `layouts/report.typ`, or the path
    /// in the user's layouts directory.
    pub(crate) fn display_path(&self, id: FileId) -> String {
        let path = id.get().vpath().get_without_slash();
        match &self.layouts {
            Some(layouts) => layouts.dir().join(path).display().to_string(),
            None => format!("layouts/{path}"),
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
        match self.assets.as_ref().and_then(|a| a.book.as_ref()) {
            Some(book) => book,
            None => &self.shared.book,
        }
    }

    fn main(&self) -> FileId {
        match &self.layouts {
            Some(_) => self.shared.sources[0].id(),
            None => self.main,
        }
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(layouts) = &self.layouts {
            return layouts.source(id);
        }
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
        if let Some(found) = self.assets.as_ref().and_then(|a| a.files.get(&id)) {
            return Ok(found.clone());
        }
        if let Some(layouts) = &self.layouts {
            return layouts.file(id);
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        let builtin = self.shared.fonts.len();
        match self.assets.as_ref() {
            Some(assets) if index >= builtin => assets.fonts.get(index - builtin).cloned(),
            _ => self.shared.fonts.get(index).cloned(),
        }
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
