//! bokslut-layout: turns a report into a Typst document and exports it as PDF bytes, in
//! process.
//!
//! The steps, each in one module: [`labels`] (Fluent) and [`format`](mod@format) (numbers)
//! give the words and figures; [`document`] builds what the template prints; `world` hands the
//! template, fonts and data to Typst; [`Publisher::render`] compiles and exports.
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

pub mod document;
pub mod format;
mod ftl;
pub mod goals;
pub mod labels;
pub mod money;
pub mod profile;
pub mod scaffold;
mod world;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use chrono::Datelike;
use typst::foundations::{Datetime, Smart};
use typst::model::DocumentInfo;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use bokslut_core::ValidReport;

use crate::labels::{DEFAULT_LANGUAGE, Labels};

pub use crate::profile::Profile;
pub use crate::world::{LAYOUT_VERSION, LAYOUT_VERSIONS, Layouts, covers, has_glyph};

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Language of the labels; the report's own `locale` (or Swedish) when `None`.
    pub locale: Option<String>,
    /// The PDF/A part; PDF/UA-1 always.
    pub standard: Standard,
    /// A directory of user locales, `DIR/<lang>/*.ftl`, searched before the built-in ones:
    /// see [`labels::Labels::load`]. Messages a user's locale lacks are taken from the
    /// built-in locale of its language, else Swedish, with one warning naming them.
    pub locales: Option<std::path::PathBuf>,
    /// A directory of the municipality's own templates (`DIR/report.typ` and what it reads),
    /// used instead of the built-in ones: see [`Layouts`] and README, "Writing a layout".
    pub layouts: Option<std::path::PathBuf>,
    /// A profile for every report (`--profile`), instead of the one a report names
    /// (`meta.profile`); see [`profile::path_for`].
    pub profile: Option<std::path::PathBuf>,
}

/// The PDF/A part a PDF conforms to. Every PDF bokslut writes is also tagged PDF/UA-1
/// (accessible), whichever part is chosen, `None` included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// PDF/A-2a: archival and tagged (the default).
    #[default]
    A2a,
    /// PDF/A-2b: archival, visual appearance only.
    A2b,
    /// PDF/A-2u: archival, with Unicode text.
    A2u,
    /// PDF/A-3a: as PDF/A-2a, and may carry attached files.
    A3a,
    /// PDF/A-3b.
    A3b,
    /// PDF/A-3u.
    A3u,
    /// No PDF/A part: a plain PDF 1.7 (still PDF/UA-1).
    None,
}

impl Standard {
    /// Every standard with its name, as `--standard` takes it.
    pub const ALL: [(Standard, &'static str); 7] = [
        (Standard::A2a, "a-2a"),
        (Standard::A2b, "a-2b"),
        (Standard::A2u, "a-2u"),
        (Standard::A3a, "a-3a"),
        (Standard::A3b, "a-3b"),
        (Standard::A3u, "a-3u"),
        (Standard::None, "none"),
    ];

    /// The names of [`Standard::ALL`].
    pub const NAMES: [&'static str; 7] = ["a-2a", "a-2b", "a-2u", "a-3a", "a-3b", "a-3u", "none"];

    /// The name, e.g. `a-2a`.
    pub fn name(self) -> &'static str {
        Standard::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("none", |(_, name)| name)
    }

    /// The typst-pdf standards to export with.
    fn pdf_standards(self) -> Vec<PdfStandard> {
        let archival = match self {
            Standard::A2a => Some(PdfStandard::A_2a),
            Standard::A2b => Some(PdfStandard::A_2b),
            Standard::A2u => Some(PdfStandard::A_2u),
            Standard::A3a => Some(PdfStandard::A_3a),
            Standard::A3b => Some(PdfStandard::A_3b),
            Standard::A3u => Some(PdfStandard::A_3u),
            Standard::None => None,
        };
        archival.into_iter().chain([PdfStandard::Ua_1]).collect()
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Standard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Standard::ALL
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(standard, _)| *standard)
            .ok_or_else(|| {
                format!(
                    "unknown standard `{s}`: one of {}",
                    Standard::NAMES.join(", ")
                )
            })
    }
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

/// Why a report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The figures cannot be computed (an amount too large to add exactly).
    Data(String),
    /// Typst could not lay the document out: a fault of the template, not of the report.
    Layout(Vec<String>),
    /// The PDF could not be written (e.g. a standard's requirement is not met).
    Export(Vec<String>),
    /// A user's locale (`RenderOptions::locales`) cannot be read: the message names the file.
    Locale(String),
    /// The profile is wrong (each problem located in the profile file), or its font lacks a
    /// character the report prints.
    Profile(Vec<bokslut_core::Diagnostic>),
    /// The layouts directory (`RenderOptions::layouts`) cannot be used.
    Layouts(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Data(m) => write!(f, "{m}"),
            RenderError::Layout(ms) => write!(f, "layout failed: {}", ms.join("; ")),
            RenderError::Export(ms) => write!(f, "PDF export failed: {}", ms.join("; ")),
            RenderError::Locale(m) => write!(f, "locale: {m}"),
            RenderError::Profile(ds) => {
                let text: Vec<String> = ds.iter().map(ToString::to_string).collect();
                write!(f, "{}", text.join("\n"))
            }
            RenderError::Layouts(m) => write!(f, "layouts: {m}"),
        }
    }
}

impl std::error::Error for RenderError {}

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
        let report = valid.report();
        let lang = options
            .locale
            .as_deref()
            .or(report.locale.as_deref())
            .unwrap_or(DEFAULT_LANGUAGE);
        if let Some(problem) = bokslut_core::limits::language_tag_problem(lang) {
            return Err(RenderError::Locale(problem));
        }
        let loaded = self.labels(lang, options.locales.as_deref())?;
        let mut doc = document::build(valid, &loaded.labels);
        doc.profile = profile.map(|p| p.data().clone());
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
        let report = valid.report();
        let (doc, warnings) = self.document(valid, options, profile)?;
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
            return Err(RenderError::Layouts(format!(
                "the report was published with the layout version `{version}`, which this bokslut does not bundle: it has {}",
                LAYOUT_VERSIONS.join(", ")
            )));
        }
        let layouts = match &options.layouts {
            Some(dir) => Some(self.layouts(dir)?),
            None => None,
        };
        let date = report.meta.document_date().0;
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .ok_or_else(|| {
                RenderError::Data(format!("the date {date} cannot be written into a PDF"))
            })?;
        let info = DocumentInfo {
            title: Some(doc.title.as_str().into()),
            author: vec![doc.board.as_str().into()],
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
        let (labels, warning) = load_labels(lang, user_dir)?;
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
        warnings.extend(messages(&self.world, &warned.warnings));
        let mut document = warned
            .output
            .map_err(|e| RenderError::Layout(messages(&self.world, &e)))?;
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
        let standards = PdfStandards::new(&standard.pdf_standards())
            .map_err(|e| RenderError::Export(vec![e.message().to_string()]))?;
        let options = PdfOptions {
            timestamp: Some(Timestamp::new_utc(*today)),
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&self.document, &options)
            .map_err(|e| RenderError::Export(messages(world, &e)))?;
        Ok(Rendered {
            pdf,
            pages: self.pages(),
            warnings: self.warnings.clone(),
        })
    }
}

/// Renders running now in this process, by any publisher: how fast Typst's cache entries age.
static RENDERING: AtomicUsize = AtomicUsize::new(0);

/// Counts a render as running while it lives.
struct Running;

impl Running {
    fn start() -> Running {
        RENDERING.fetch_add(1, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RENDERING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Trims Typst's process-wide memoization cache. [`Publisher::render`] calls it after each
/// report; call it yourself when you drive the steps ([`Publisher::prepare`] …) over many
/// reports.
///
/// An entry goes when no render has used it while the last `1 + r` trims ran, `r` being the
/// number of renders running at the time (this one included). What a report shares with the
/// one before it (labels, headings, unchanged prose and table cells) is kept, so a report
/// differing from the last one in some figures lays out only those (10 ms against 40 ms for
/// the example, see the README, "Reuse between reports"); older entries are dropped, because
/// a larger cache costs lookups and memory: keeping entries for ten trims made each render of
/// a distinct report 25 % slower (46 against 37 ms) than keeping them for two. The renders
/// running beside one can age an entry by no more than one trim each before its own next use.
///
/// One case loses the reuse: the same report rendered twice in a row is found whole at the
/// top of Typst's cache, so the entries inside it are not used, age, and are gone when a
/// changed version of it comes next; that one is then laid out in full, once.
pub fn trim_caches() {
    let running = RENDERING.load(Ordering::SeqCst).max(1);
    typst::comemo::evict(1 + running);
}

/// The labels of a language, from the user's locales first, and a warning when some of
/// their messages, or the whole language, fall back to another language.
fn load_labels(
    lang: &str,
    user_dir: Option<&Path>,
) -> Result<(Labels, Option<String>), RenderError> {
    let user = match user_dir {
        Some(dir) => Labels::load(dir, lang).map_err(RenderError::Locale)?,
        None => None,
    };
    let Some(user) = user else {
        let warning = (!Labels::is_builtin(lang)).then(|| {
            let place = match user_dir {
                Some(dir) => format!("neither built in nor in {}", dir.display()),
                None => "not built in".to_owned(),
            };
            format!("no labels for the locale `{lang}` ({place}): labels in {DEFAULT_LANGUAGE}")
        });
        return Ok((Labels::builtin(lang), warning));
    };
    let missing = user.missing();
    let warning = (!missing.is_empty()).then(|| {
        format!(
            "the locale `{lang}` in {} lacks {} message(s), printed in `{}` instead: {}",
            user.source().unwrap_or(Path::new("")).display(),
            missing.len(),
            user.fallback()
                .map(Labels::lang)
                .unwrap_or(DEFAULT_LANGUAGE),
            missing.join(", ")
        )
    });
    Ok((user, warning))
}

/// Typst's diagnostics as text; each names the template line it comes from, so that a fault
/// of the layout can be found.
fn messages(world: &world::ReportWorld, diags: &[typst::diag::SourceDiagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let mut text = d.message.to_string();
            if let Some(id) = d.span.id()
                && let Some(range) = world.range(d.span)
                && let Ok(source) = world.source(id)
                && let Some((line, col)) = source.lines().byte_to_line_column(range.start)
            {
                let path = world.display_path(id);
                text = format!("{path}:{}:{}: {text}", line + 1, col + 1);
            }
            for hint in &d.hints {
                text.push_str(&format!(" (hint: {})", hint.v));
            }
            text
        })
        .collect()
}

/// Renders a report to PDF bytes with the default options: the one call for other programs.
pub fn render(report: &ValidReport) -> Result<Vec<u8>, RenderError> {
    Publisher::new()
        .render(report, &RenderOptions::default())
        .map(|r| r.pdf)
}
