//! bokslut-layout: turns a report into a Typst document and exports it as PDF bytes, in
//! process.
//!
//! The words and figures come from the presentation model (crate `bokslut-present`: its
//! `Document`, built once for both editions): this crate adds the Typst side. [`profile`] reads and checks a
//! municipality's profile with its fonts; `world` hands the template, fonts and data to
//! Typst; [`Publisher::render`] compiles and exports, to a [`Standard`]; `error` says why a
//! render failed; `cache` keeps Typst's memoization in bounds ([`trim_caches`]).
//!
//! ```no_run
//! let report = bokslut_core::check_file("report.toml".as_ref()).report.unwrap();
//! let pdf = bokslut_layout::render(&report).unwrap();
//! std::fs::write("report.pdf", pdf).unwrap();
//! ```
//!
//! For many reports, make one [`Publisher`] and share it (it is `Send + Sync`):
//!
//! ```no_run
//! use bokslut_layout::{Publisher, RenderOptions};
//!
//! let publisher = Publisher::new();
//! let options = RenderOptions::default();
//! std::thread::scope(|scope| {
//!     for name in ["a", "b"] {
//!         let (publisher, options) = (&publisher, &options);
//!         scope.spawn(move || {
//!             let report = bokslut_core::check_file(format!("{name}.toml").as_ref()).report.unwrap();
//!             let rendered = publisher.render(&report, options).unwrap();
//!             std::fs::write(format!("{name}.pdf"), rendered.pdf).unwrap();
//!         });
//!     }
//! });
//! ```

mod cache;
mod error;
pub mod profile;
mod replay;
pub mod scaffold;
mod standard;
pub mod trace;
mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::Datelike;
use typst::foundations::{Datetime, Smart};
use typst::model::DocumentInfo;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use bokslut_core::ValidReport;
use bokslut_present::document;
use bokslut_present::labels::Labels;

use crate::cache::Running;
pub use crate::cache::trim_caches;
use crate::error::diagnostics;
pub use crate::error::{RenderError, TemplateDiagnostic};
pub use crate::profile::Profile;
pub use crate::standard::Standard;
pub use crate::world::{LAYOUT_VERSION, LAYOUT_VERSIONS, Layouts, LayoutsError, covers, has_glyph};

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Language of the labels; the report's own `locale` (or Swedish) when `None`.
    pub locale: Option<String>,
    /// The PDF/A part; PDF/UA-1 always.
    pub standard: Standard,
    /// A directory of user locales, `DIR/<lang>/*.ftl`, searched before the built-in ones:
    /// see [`bokslut_present::load_labels`]. Messages a user's locale lacks are taken from the
    /// built-in locale of its language, else Swedish, with one warning naming them.
    pub locales: Option<std::path::PathBuf>,
    /// A directory of the municipality's own templates (`DIR/report.typ` and what it reads),
    /// used instead of the built-in ones: see [`Layouts`] and README, "Writing a layout".
    pub layouts: Option<std::path::PathBuf>,
    /// The municipality's own templates as a program supplies them ([`Layouts::from_memory`]),
    /// used instead of `layouts` and the built-in ones.
    pub supplied_layouts: Option<Arc<Layouts>>,
    /// A profile for every report (`--profile`), instead of the one a report names
    /// (`meta.profile`); see [`profile::path_for`].
    pub profile: Option<std::path::PathBuf>,
}

/// A finished render.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Warnings from Typst (e.g. a glyph missing from the fonts).
    pub warnings: Vec<String>,
}

/// Renders reports to PDF: made once, then used for any number of reports.
///
/// Fonts, templates and the Typst standard library are loaded once per process, on first use,
/// and shared by every publisher. Each publisher keeps the Fluent labels it has loaded (the
/// built-in locales and any `RenderOptions::locales` directory, read on first use and then
/// kept), and likewise the profiles and layouts directories it has read: make a new publisher,
/// or call [`Publisher::forget_files`], to read changed files again.
///
/// A `Publisher` is `Send + Sync`: share one (`&Publisher` or `Arc<Publisher>`) between
/// threads and render from all of them at once. Typst's memoization cache is process-wide;
/// [`Publisher::render`] trims it after each report, so memory stays flat over thousands of
/// renders.
///
/// A render is three steps, public for programs that want only part of it (a page count,
/// timings): [`Publisher::prepare`] (labels, figures, the document the template prints),
/// [`Prepared::compile`] (Typst layout), [`Compiled::export`] (PDF bytes).
#[derive(Debug, Default)]
pub struct Publisher {
    /// Labels loaded so far, by (user locales directory, language tag).
    labels: RwLock<HashMap<LabelsKey, Arc<LoadedLabels>>>,
    /// Profiles loaded so far, by path.
    profiles: RwLock<HashMap<PathBuf, Arc<Profile>>>,
    /// Layout directories opened so far.
    layouts: RwLock<HashMap<PathBuf, Arc<Layouts>>>,
    /// Profiles a program supplied from memory, with the record of their reading.
    replayed: replay::Replayed,
}

/// Which labels: a user's locales directory (if any) and a language tag.
type LabelsKey = (Option<PathBuf>, String);

/// Labels and the warning that goes with them (a fallback to another language).
#[derive(Debug)]
struct LoadedLabels {
    labels: Labels,
    warning: Option<String>,
}

/// A report turned into the document the template prints, ready for Typst: the result of
/// [`Publisher::prepare`].
#[derive(Clone)]
pub struct Prepared {
    world: world::ReportWorld,
    /// The PDF metadata, written into the laid-out document (see `layouts/report.typ` for why
    /// not by the template).
    info: DocumentInfo,
    today: Datetime,
    standard: Standard,
    warnings: Vec<String>,
}

/// A laid-out document, ready for PDF export: the result of [`Prepared::compile`].
pub struct Compiled {
    /// What was compiled: its world names template lines in export errors.
    prepared: Prepared,
    document: PagedDocument,
    /// The preparation's warnings and Typst's.
    warnings: Vec<String>,
}

impl Publisher {
    /// A publisher with the built-in templates, fonts and locales.
    pub fn new() -> Self {
        Publisher::default()
    }

    /// Renders a report to PDF: [`Publisher::prepare`], [`Prepared::compile`] and
    /// [`Compiled::export`], then trims Typst's cache ([`trim_caches`]).
    pub fn render(
        &self,
        report: &ValidReport,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        self.render_with(report, options, None)
    }

    /// [`Publisher::render`] with a municipality's profile ([`Publisher::profile`]).
    pub fn render_with(
        &self,
        report: &ValidReport,
        options: &RenderOptions,
        profile: Option<&Profile>,
    ) -> Result<Rendered, RenderError> {
        let running = Running::start();
        let result = self
            .prepare_with(report, options, profile)
            .and_then(|prepared| prepared.compile())
            .and_then(|compiled| compiled.export());
        trim_caches();
        drop(running);
        result
    }

    /// [`Publisher::render_with`] from the document [`Publisher::document`] made (with its
    /// warnings): [`Publisher::prepare_document`], compile and export, then trims Typst's
    /// cache.
    pub fn render_document(
        &self,
        valid: &ValidReport,
        doc: &document::Document,
        warnings: Vec<String>,
        options: &RenderOptions,
        profile: Option<&Profile>,
    ) -> Result<Rendered, RenderError> {
        let running = Running::start();
        let result = self
            .prepare_document(valid, doc, warnings, options, profile)
            .and_then(|prepared| prepared.compile())
            .and_then(|compiled| compiled.export());
        trim_caches();
        drop(running);
        result
    }

    /// The document the template prints (every label looked up, every figure formatted),
    /// with the warnings of its labels (a fallback to another language): what any edition
    /// of the report is made from, the PDF ([`Publisher::prepare`]) and the web edition
    /// (crate `bokslut-html`) alike, so that their words and figures cannot differ.
    pub fn document(
        &self,
        valid: &ValidReport,
        options: &RenderOptions,
        profile: Option<&Profile>,
    ) -> Result<(document::Document, Vec<String>), RenderError> {
        let lang = bokslut_present::language(valid, options.locale.as_deref())
            .map_err(RenderError::Locale)?;
        let loaded = self.labels(lang, options.locales.as_deref())?;
        let doc = bokslut_present::present(valid, &loaded.labels, profile.map(Profile::data));
        Ok((doc, loaded.warning.iter().cloned().collect()))
    }

    /// The first step of a render: the labels of the language, every figure computed and
    /// formatted, and the document the template prints, serialised for Typst.
    pub fn prepare(
        &self,
        valid: &ValidReport,
        options: &RenderOptions,
    ) -> Result<Prepared, RenderError> {
        self.prepare_with(valid, options, None)
    }

    /// Loads and checks a profile file, once per publisher (see [`Profile::load`]).
    pub fn profile(&self, path: &Path) -> Result<Arc<Profile>, Vec<bokslut_core::Diagnostic>> {
        if let Some(found) = self
            .profiles
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            return Ok(Arc::clone(found));
        }
        let loaded = Arc::new(Profile::load(path)?);
        let mut map = self.profiles.write().unwrap_or_else(|e| e.into_inner());
        Ok(Arc::clone(map.entry(path.to_path_buf()).or_insert(loaded)))
    }

    /// Reads and checks the profile `name` of `files` ([`Profile::load_from`]), reusing the
    /// one read before when `files` supplies, byte for byte, every file that reading touched
    /// (the profile, its images, its fonts): a program that publishes from memory again and
    /// again with one profile has its fonts parsed and images decoded once. The last eight
    /// such profiles are kept.
    pub fn profile_from(
        &self,
        files: &dyn bokslut_core::files::Files,
        name: &str,
    ) -> Result<Arc<Profile>, Vec<bokslut_core::Diagnostic>> {
        self.replayed.load(files, name)
    }

    /// Forgets every profile, layouts directory and set of labels read so far, so that the
    /// next render reads them again from disk: for a program that renders a report again
    /// after its files changed (`bokslut watch`). Typst's cache is kept: what did not change
    /// is not laid out again.
    pub fn forget_files(&self) {
        self.labels
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.profiles
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.layouts
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.replayed.clear();
    }

    /// A layouts directory, opened once per publisher.
    fn layouts(&self, dir: &Path) -> Result<Arc<Layouts>, RenderError> {
        if let Some(found) = self
            .layouts
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return Ok(Arc::clone(found));
        }
        let opened = Arc::new(Layouts::open(dir).map_err(RenderError::Layouts)?);
        let mut map = self.layouts.write().unwrap_or_else(|e| e.into_inner());
        Ok(Arc::clone(map.entry(dir.to_path_buf()).or_insert(opened)))
    }

    /// [`Publisher::prepare`] with a profile: its data joins the document, its images and
    /// fonts the world, and its font is checked against every character the document prints.
    pub fn prepare_with(
        &self,
        valid: &ValidReport,
        options: &RenderOptions,
        profile: Option<&Profile>,
    ) -> Result<Prepared, RenderError> {
        let (doc, warnings) = self.document(valid, options, profile)?;
        self.prepare_document(valid, &doc, warnings, options, profile)
    }

    /// [`Publisher::prepare_with`] from the document [`Publisher::document`] made (with its
    /// warnings), for a program that renders the web edition of the same document too: the
    /// document is built once for both editions.
    pub fn prepare_document(
        &self,
        valid: &ValidReport,
        doc: &document::Document,
        warnings: Vec<String>,
        options: &RenderOptions,
        profile: Option<&Profile>,
    ) -> Result<Prepared, RenderError> {
        let report = valid.report();
        let data = serde_json::to_vec(&doc).map_err(|e| RenderError::Data(e.to_string()))?;
        if let Some(profile) = profile {
            let value: serde_json::Value =
                serde_json::from_slice(&data).map_err(|e| RenderError::Data(e.to_string()))?;
            let problems = profile.check_coverage(&value);
            if !problems.is_empty() {
                return Err(RenderError::Profile(problems));
            }
        }
        if let Some(version) = &report.meta.layout
            && !LAYOUT_VERSIONS.contains(&version.as_str())
        {
            return Err(RenderError::Layouts(LayoutsError::UnknownVersion {
                version: version.clone(),
            }));
        }
        let layouts = match (&options.supplied_layouts, &options.layouts) {
            (Some(supplied), _) => Some(Arc::clone(supplied)),
            (None, Some(dir)) => Some(self.layouts(dir)?),
            (None, None) => None,
        };
        let date = report.meta.document_date().0;
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .ok_or_else(|| {
                RenderError::Data(format!("the date {date} cannot be written into a PDF"))
            })?;
        let info = DocumentInfo {
            title: Some(doc.title.as_str().into()),
            // A report of the whole municipality has no board: the organisation publishes it.
            author: vec![
                if doc.board.is_empty() {
                    &doc.organisation
                } else {
                    &doc.board
                }
                .as_str()
                .into(),
            ],
            description: Some(doc.subject.as_str().into()),
            keywords: doc.keywords.iter().map(|k| k.as_str().into()).collect(),
            date: Smart::Custom(Some(today)),
            ..DocumentInfo::default()
        };
        Ok(Prepared {
            world: world::ReportWorld::new(data, today)
                .with_assets(profile.map(Profile::assets))
                .with_layouts(layouts)
                .with_version(report.meta.layout.as_deref()),
            info,
            today,
            standard: options.standard,
            warnings,
        })
    }

    /// The labels of a language, loaded once per publisher.
    fn labels(
        &self,
        lang: &str,
        user_dir: Option<&Path>,
    ) -> Result<Arc<LoadedLabels>, RenderError> {
        let key = (user_dir.map(Path::to_path_buf), lang.to_owned());
        // A poisoned lock only means another thread panicked while inserting: the map
        // itself is still whole.
        if let Some(found) = self
            .labels
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(Arc::clone(found));
        }
        let (labels, warning) =
            bokslut_present::load_labels(lang, user_dir, covers).map_err(RenderError::Locale)?;
        let loaded = Arc::new(LoadedLabels { labels, warning });
        let mut map = self.labels.write().unwrap_or_else(|e| e.into_inner());
        Ok(Arc::clone(map.entry(key).or_insert(loaded)))
    }
}

impl Prepared {
    /// The data file the template reads: the document as JSON.
    pub fn data(&self) -> &[u8] {
        self.world.data()
    }

    /// Lays the document out with Typst.
    pub fn compile(&self) -> Result<Compiled, RenderError> {
        let warned = typst::compile::<PagedDocument>(&self.world);
        let mut warnings = self.warnings.clone();
        warnings.extend(
            diagnostics(&self.world, &warned.warnings)
                .iter()
                .map(ToString::to_string),
        );
        let mut document = warned
            .output
            .map_err(|e| RenderError::Layout(diagnostics(&self.world, &e)))?;
        // Everything but the language, which Typst takes from the template's `text(lang:)`.
        let locale = document.info_mut().locale;
        *document.info_mut() = DocumentInfo {
            locale,
            ..self.info.clone()
        };
        Ok(Compiled {
            prepared: self.clone(),
            document,
            warnings,
        })
    }
}

impl Compiled {
    /// Number of pages.
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }

    /// Writes the PDF.
    pub fn export(&self) -> Result<Rendered, RenderError> {
        let Prepared {
            world,
            today,
            standard,
            ..
        } = &self.prepared;
        let standards = PdfStandards::new(&standard.pdf_standards()).map_err(|e| {
            RenderError::Export(vec![TemplateDiagnostic {
                severity: bokslut_core::Severity::Error,
                file: None,
                position: None,
                span: None,
                message: e.message().to_string(),
                hints: Vec::new(),
            }])
        })?;
        let options = PdfOptions {
            timestamp: Some(Timestamp::new_utc(*today)),
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&self.document, &options)
            .map_err(|e| RenderError::Export(diagnostics(world, &e)))?;
        Ok(Rendered {
            pdf,
            pages: self.pages(),
            warnings: self.warnings.clone(),
        })
    }
}

/// Renders a report to PDF bytes with the default options: the one call for other programs.
pub fn render(report: &ValidReport) -> Result<Vec<u8>, RenderError> {
    Publisher::new()
        .render(report, &RenderOptions::default())
        .map(|r| r.pdf)
}

#[cfg(test)]
mod tests {
    /// The built-in locales are read without a check of their characters
    /// ([`bokslut_present::labels::Labels::builtin`]): every one must print with the bundled fonts.
    #[test]
    fn the_builtin_locales_print_with_the_bundled_fonts() {
        for (tag, source) in bokslut_present::labels::BUILTIN {
            let missing: Vec<char> = source.chars().filter(|c| !crate::covers(*c)).collect();
            assert!(missing.is_empty(), "{tag}: {missing:?}");
        }
    }

    /// The colours of every text and fill on the pages of a compiled document, `#rrggbb`.
    fn colours_printed(compiled: &crate::Compiled) -> std::collections::BTreeSet<String> {
        use typst::layout::{Frame, FrameItem};
        use typst::visualize::Paint;
        fn walk(frame: &Frame, found: &mut std::collections::BTreeSet<String>) {
            for (_, item) in frame.items() {
                let paint = match item {
                    FrameItem::Group(group) => {
                        walk(&group.frame, found);
                        None
                    }
                    FrameItem::Text(text) => Some(&text.fill),
                    FrameItem::Shape(shape, _) => shape.fill.as_ref(),
                    _ => None,
                };
                if let Some(Paint::Solid(colour)) = paint {
                    found.insert(colour.to_hex().to_string());
                }
            }
        }
        let mut found = std::collections::BTreeSet::new();
        for page in compiled.document.pages() {
            walk(&page.frame, &mut found);
        }
        found
    }

    /// The template sets no colour of its own: what it prints in is the theme the document
    /// carries (the one the web edition prints in too), whatever the theme says.
    #[test]
    fn the_pages_are_printed_in_the_documents_theme() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/delarsbokslut-2020-syd-it.toml");
        let valid = bokslut_core::check_file(&path).report.expect("the example");
        let publisher = crate::Publisher::new();
        let options = crate::RenderOptions::default();
        let (mut doc, warnings) = publisher.document(&valid, &options, None).unwrap();
        let compile = |doc: &bokslut_present::Document| {
            publisher
                .prepare_document(&valid, doc, warnings.clone(), &options, None)
                .and_then(|prepared| prepared.compile())
                .unwrap()
        };
        let modern = colours_printed(&compile(&doc));
        for (name, hex) in bokslut_present::theme::MODERN {
            if ["ink", "accent", "band"].contains(&name) {
                assert!(modern.contains(hex), "{name} {hex} not in {modern:?}");
            }
        }
        // Other colours in the theme, and the pages follow.
        let changed = [
            ("ink", "#102030"),
            ("accent", "#5a1030"),
            ("band", "#f0e6d2"),
        ];
        for (name, hex) in changed {
            doc.theme.colours.insert(name, hex.to_owned());
        }
        let printed = colours_printed(&compile(&doc));
        for (name, hex) in changed {
            assert!(printed.contains(hex), "{name} {hex} not in {printed:?}");
            let before = bokslut_present::theme::MODERN
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1;
            assert!(!printed.contains(before), "{name} still {before}");
        }
    }
}
