//! bokslut: publishes a Swedish municipal report, from its data to a PDF/A + PDF/UA file and
//! an accessible web edition, in one call.
//!
//! The pipeline, each step in its own crate, the whole of it here:
//!
//! ```text
//! Source (a path, or text and the files it names supplied from memory)
//!   ──read──▶ Report ──check──▶ ValidReport         bokslut-core
//!   ──profile, labels──▶ the document both editions print
//!   ──render──▶ PDF bytes (Typst, bokslut-layout) │ HTML (bokslut-html)
//! ```
//!
//! [`Publisher::publish`] runs all of it for one report and returns the editions asked for
//! with every diagnostic; [`Publisher::check`] is the same pipeline stopped before anything
//! is laid out. The command-line tool `bokslut` only adds files, the terminal, exit codes and
//! batches around these two calls.
//!
//! ```no_run
//! use bokslut::{Edition, Options, Publisher, Source};
//!
//! let options = Options::default().with_editions([Edition::Pdf, Edition::Html]);
//! let published = Publisher::new().publish(&Source::File("rapport.toml".as_ref()), &options);
//! for diagnostic in &published.diagnostics {
//!     eprintln!("{diagnostic}");
//! }
//! if let Some(pdf) = &published.pdf {
//!     std::fs::write("rapport.pdf", pdf).unwrap();
//! }
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use bokslut_core::files::{Disk, Files, Memory};
pub use bokslut_core::{Diagnostic, Format, Severity, ValidReport};
pub use bokslut_layout::{Layouts, LayoutsError, RenderError, Standard};

/// Where a report comes from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// A report file (TOML or JSON, by its extension); the files it names are read relative
    /// to its directory, and only inside it unless [`Options::allow_outside_paths`].
    File(&'a Path),
    /// A report's text, as a program received it, and the files it names (its sheets), from
    /// memory ([`Memory`]) or a directory ([`Disk`]).
    Text {
        /// The report, TOML or JSON.
        text: &'a str,
        /// Which of the two.
        format: Format,
        /// The name messages give it, e.g. `rapport.json`.
        name: &'a Path,
        /// Where the files it names come from: its sheets, and its profile (`meta.profile`)
        /// with the logo, photo and fonts the profile names, relative to the profile
        /// ([`bokslut_layout::Profile::load_from`]), unless [`Options::profile`] gives one.
        files: &'a dyn Files,
    },
}

impl std::fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::File(path) => f.debug_tuple("File").field(path).finish(),
            Source::Text { format, name, .. } => f
                .debug_struct("Text")
                .field("format", format)
                .field("name", name)
                .finish_non_exhaustive(),
        }
    }
}

impl Source<'_> {
    /// The file, or the name given to the text.
    pub fn name(&self) -> &Path {
        match self {
            Source::File(path) => path,
            Source::Text { name, .. } => name,
        }
    }
}

/// An edition of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Edition {
    /// The PDF: PDF/UA-1, and the PDF/A part of [`Options::standard`].
    Pdf,
    /// The web edition: one self-contained, accessible HTML file.
    Html,
    /// The data the template reads (JSON), for someone writing a layout.
    Data,
}

/// How to publish: every option of `bokslut render` and `bokslut check`, one struct.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The editions to make, in this order; none to check only ([`Publisher::check`]).
    pub editions: Vec<Edition>,
    /// Language of the labels; the report's own `locale` (or Swedish) when `None`.
    pub locale: Option<String>,
    /// The PDF/A part; PDF/UA-1 always.
    pub standard: Standard,
    /// A directory of user locales, `DIR/<lang>/*.ftl`, searched before the built-in ones.
    pub locales: Option<PathBuf>,
    /// A directory of the municipality's own templates (`DIR/report.typ`), used instead of
    /// the built-in ones.
    pub layouts: Option<PathBuf>,
    /// The municipality's own templates as a program supplies them, without a file system
    /// ([`Layouts::from_memory`]): used instead of `layouts` and the built-in ones.
    pub supplied_layouts: Option<Arc<Layouts>>,
    /// A profile for every report, instead of the one a report names (`meta.profile`).
    pub profile: Option<PathBuf>,
    /// Warnings about the input fail the report too.
    pub deny_warnings: bool,
    /// Compare the amounts quoted in the report's text with its tables (warnings): on in
    /// [`Publisher::check`] by default, off for a render, which prints the text as written.
    pub figures_in_text: bool,
    /// The largest report or sheet file read, in bytes.
    pub max_input_bytes: u64,
    /// Let the report's profile and sheets lie outside its directory.
    pub allow_outside_paths: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            editions: vec![Edition::Pdf],
            locale: None,
            standard: Standard::default(),
            locales: None,
            layouts: None,
            supplied_layouts: None,
            profile: None,
            deny_warnings: false,
            figures_in_text: false,
            max_input_bytes: bokslut_core::input::DEFAULT_MAX_INPUT_BYTES,
            allow_outside_paths: false,
        }
    }
}

impl Options {
    /// These options with the editions `editions` instead, in this order.
    pub fn with_editions(mut self, editions: impl IntoIterator<Item = Edition>) -> Options {
        self.editions = editions.into_iter().collect();
        self
    }

    /// These options with the municipality's own templates as a program supplies them
    /// ([`Layouts::from_memory`]), instead of a layouts directory or the built-in ones.
    pub fn with_supplied_layouts(mut self, layouts: Layouts) -> Options {
        self.supplied_layouts = Some(Arc::new(layouts));
        self
    }

    fn render_options(&self) -> bokslut_layout::RenderOptions {
        bokslut_layout::RenderOptions {
            locale: self.locale.clone(),
            standard: self.standard,
            locales: self.locales.clone(),
            layouts: self.layouts.clone(),
            supplied_layouts: self.supplied_layouts.clone(),
            profile: self.profile.clone(),
        }
    }

    fn check_options(&self) -> bokslut_core::CheckOptions {
        bokslut_core::CheckOptions {
            figures_in_text: self.figures_in_text,
            max_input_bytes: self.max_input_bytes,
            coverage: Some(bokslut_layout::covers),
            allow_outside_paths: self.allow_outside_paths,
        }
    }
}

/// What publishing a report gave: the editions asked for, when it could be published, and
/// every diagnostic on the way.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The PDF, when asked for and made.
    pub pdf: Option<Vec<u8>>,
    /// The PDF's number of pages.
    pub pages: Option<usize>,
    /// The web edition, when asked for and made.
    pub html: Option<String>,
    /// The template data (JSON), when asked for and made.
    pub data: Option<Vec<u8>>,
    /// The report's problems (errors, warnings, notes), located in its file, in file order:
    /// at most [`bokslut_core::MAX_FINDINGS`], the rest counted in the next two fields.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors found but not in `diagnostics`.
    pub omitted_errors: usize,
    /// Warnings found but not in `diagnostics`.
    pub omitted_warnings: usize,
    /// Warnings of the render: labels that fell back to another language, Typst's own.
    pub warnings: Vec<String>,
    /// Why nothing was published, when it was not.
    pub failure: Option<Failure>,
}

/// Why a report was not published.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Failure {
    /// The report has errors (or warnings, denied): see [`Published::diagnostics`].
    Invalid {
        /// Its errors, shown or not.
        errors: usize,
        /// Its warnings, shown or not.
        warnings: usize,
        /// Whether the warnings failed it ([`Options::deny_warnings`]).
        denied: bool,
    },
    /// The profile has errors, each located in the profile's file.
    Profile(Vec<Diagnostic>),
    /// The report could not be rendered (a template's fault, a locale that cannot be read).
    Render(RenderError),
}

impl Published {
    /// Whether the report was published (its editions made, or checked with no error).
    pub fn is_ok(&self) -> bool {
        self.failure.is_none()
    }

    /// "12 more error(s) and 3 more warning(s) of this file are not shown", when some are
    /// not.
    pub fn omitted(&self) -> Option<String> {
        bokslut_core::omitted(
            self.omitted_errors,
            self.omitted_warnings,
            self.diagnostics.len(),
        )
    }
}

/// Publishes reports: made once, then used for any number of reports, from any number of
/// threads at once (it is `Send + Sync`). It keeps the labels, profiles and layouts it has
/// read, and Typst's memory of what it laid out, so that the next report costs less.
#[derive(Debug, Default)]
pub struct Publisher {
    inner: bokslut_layout::Publisher,
}

impl Publisher {
    /// A publisher with the built-in templates, fonts and locales.
    pub fn new() -> Publisher {
        Publisher::default()
    }

    /// Forgets every profile, layouts directory and set of labels read so far, so that the
    /// next report reads them again (they may have changed on disk): for a program that
    /// publishes a report again after its files changed.
    pub fn forget_files(&self) {
        self.inner.forget_files();
    }

    /// Reads and checks the report, loads its profile and labels, and makes each edition
    /// `options` asks for: what `bokslut render` does for one report, without writing it.
    pub fn publish(&self, source: &Source, options: &Options) -> Published {
        let mut published = Published::default();
        let Some((report, profile)) = self.checked(source, options, &mut published) else {
            return published;
        };
        let render_options = options.render_options();
        if options.editions.is_empty() {
            return published;
        }
        // The document every edition prints, built once.
        let (document, labels_warnings) =
            match self
                .inner
                .document(&report, &render_options, profile.as_deref())
            {
                Ok(made) => made,
                Err(error) => {
                    published.failure = Some(failure(error));
                    return published;
                }
            };
        published.warnings = labels_warnings.clone();
        let profile = profile.as_deref();
        // The profile's font against every character the document prints, whatever the
        // editions: the web edition alone is refused where `check` and the PDF refuse.
        let prepared_anyway = !options
            .editions
            .iter()
            .any(|e| matches!(e, Edition::Pdf | Edition::Data));
        if profile.is_some()
            && prepared_anyway
            && let Err(error) = self.inner.prepare_document(
                &report,
                &document,
                labels_warnings.clone(),
                &render_options,
                profile,
            )
        {
            published.failure = Some(failure(error));
            return published;
        }
        for edition in &options.editions {
            let made = match edition {
                Edition::Pdf => self
                    .inner
                    .render_document(
                        &report,
                        &document,
                        labels_warnings.clone(),
                        &render_options,
                        profile,
                    )
                    .map(|rendered| {
                        published.pages = Some(rendered.pages);
                        published.warnings = rendered.warnings;
                        published.pdf = Some(rendered.pdf);
                    }),
                Edition::Html => {
                    published.html = Some(bokslut_html::render(&document));
                    Ok(())
                }
                Edition::Data => self
                    .inner
                    .prepare_document(
                        &report,
                        &document,
                        labels_warnings.clone(),
                        &render_options,
                        profile,
                    )
                    .map(|prepared| published.data = Some(prepared.data().to_vec())),
            };
            if let Err(error) = made {
                published.pdf = None;
                published.html = None;
                published.data = None;
                published.failure = Some(failure(error));
                return published;
            }
        }
        published
    }

    /// Checks a report as [`Publisher::publish`] would before rendering it: its data, its
    /// profile, and every character it prints against the profile's font; makes no edition.
    pub fn check(&self, source: &Source, options: &Options) -> Published {
        let mut published = Published::default();
        let Some((report, profile)) = self.checked(source, options, &mut published) else {
            return published;
        };
        // The labels (a user's locale), the layouts and the profile's font against every
        // character the report prints, as a render would take them.
        if let Err(error) =
            self.inner
                .prepare_with(&report, &options.render_options(), profile.as_deref())
        {
            published.failure = Some(failure(error));
        }
        // The profile's images were decoded as a render decodes them, into Typst's cache:
        // trimmed as after a render, so that a long batch of checks does not keep them all.
        bokslut_layout::trim_caches();
        published
    }

    /// The checked report and its profile, or `None` with the failure recorded.
    fn checked(
        &self,
        source: &Source,
        options: &Options,
        published: &mut Published,
    ) -> Option<(ValidReport, Option<Arc<bokslut_layout::Profile>>)> {
        let checks = options.check_options();
        let checked = match source {
            Source::File(path) => bokslut_core::check_file_with(path, checks),
            Source::Text {
                text,
                format,
                name,
                files,
            } => bokslut_core::check_str_in(text, *format, name, checks, *files),
        };
        let (errors, warnings) = (checked.errors(), checked.warnings());
        published.omitted_errors = checked.omitted_errors;
        published.omitted_warnings = checked.omitted_warnings;
        published.diagnostics = checked.diagnostics;
        let denied = options.deny_warnings && warnings > 0;
        let report = match checked.report {
            Some(report) if !denied => report,
            _ => {
                published.failure = Some(Failure::Invalid {
                    errors,
                    warnings,
                    denied,
                });
                return None;
            }
        };
        let path = bokslut_layout::profile::path_for(&report, options.profile.as_deref());
        let loaded = match (path, source) {
            (Some(path), _) => self.inner.profile(&path).map(Some),
            // Not on disk: the profile a report's text names is read through its files (from
            // memory, with no file system), with every file it names.
            (None, Source::Text { files, .. }) => report
                .report()
                .meta
                .profile
                .as_deref()
                .map(|name| self.inner.profile_from(*files, name))
                .transpose(),
            (None, Source::File(_)) => Ok(None),
        };
        let profile = match loaded {
            Ok(profile) => profile,
            Err(problems) => {
                published.failure = Some(Failure::Profile(problems));
                return None;
            }
        };
        Some((report, profile))
    }
}

/// Why a render failed, as a [`Failure`]: a profile's problems apart.
fn failure(error: RenderError) -> Failure {
    match error {
        RenderError::Profile(problems) => Failure::Profile(problems),
        other => Failure::Render(other),
    }
}

/// A directory a render reads files from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    /// The directory.
    pub path: PathBuf,
    /// Whether the files of its subdirectories are read too.
    pub recursive: bool,
}

/// The directories a render of the report file `report` reads besides the report's own, for
/// a program that watches them for changes (`bokslut watch`): those of the profile (the one
/// given, else the one the report names) and of its logo, photo and fonts, each alone; the
/// layouts and the locales directories, with their subdirectories; the directory of each
/// sheet its tables name, alone; the directory of each other report it names (its parts,
/// last year's report, the boards' reports: [`bokslut_core::other_reports`]; a part that is a
/// directory itself), alone. Only what a render may read (the report's profile and sheets
/// inside its directory, or outside with [`Options::allow_outside_paths`], by the check's own
/// rule, [`bokslut_core::confine`]). The report is read, not checked: a report that cannot be
/// read names none.
pub fn read_directories(report: &Path, options: &Options) -> Vec<Directory> {
    let read = bokslut_core::read_file(report).ok();
    let base = report.parent().unwrap_or(Path::new(""));
    let allowed =
        |name: &str| bokslut_core::confine::confine(base, name, options.allow_outside_paths).ok();
    let named = match &options.profile {
        Some(given) => Some(given.clone()),
        None => read
            .as_ref()
            .and_then(|report| report.meta.profile.as_deref())
            .and_then(allowed),
    };
    let alone = |path: PathBuf| Directory {
        path,
        recursive: false,
    };
    let profile = named
        .iter()
        .flat_map(|path| bokslut_layout::profile::directories(path))
        .map(alone);
    let deep = [&options.layouts, &options.locales]
        .into_iter()
        .flatten()
        .map(|dir| Directory {
            path: dir.clone(),
            recursive: true,
        });
    let sheets = read
        .iter()
        .flat_map(bokslut_core::sheet::sheet_files)
        .filter_map(allowed)
        .filter_map(|file| file.parent().map(|dir| alone(dir.to_path_buf())));
    // The other reports it names (its parts, last year's report, the boards' reports): the
    // directory a part names, else the one the file lies in.
    let reports = read
        .iter()
        .flat_map(bokslut_core::other_reports)
        .filter_map(allowed)
        .filter_map(|file| {
            if file.is_dir() {
                Some(alone(file))
            } else {
                file.parent().map(|dir| alone(dir.to_path_buf()))
            }
        });
    profile.chain(deep).chain(sheets).chain(reports).collect()
}

/// Publishes one report with a new [`Publisher`]: the one call for a program that publishes
/// one report now and then (for many, keep a publisher: it remembers what it laid out).
pub fn publish(source: &Source, options: &Options) -> Published {
    Publisher::new().publish(source, options)
}

// The examples name the crate `bokslut`, as a program would; so may its own tests.
#[cfg(test)]
extern crate self as bokslut;
#[cfg(test)]
#[path = "../../../examples/publish-file.rs"]
mod publish_file;
#[cfg(test)]
#[path = "../../../examples/publish-from-memory.rs"]
mod publish_from_memory;

#[cfg(test)]
mod tests {
    //! The two examples of `examples/`, run as a program would run them, their output read
    //! back as a reader sees it.

    use super::{publish_file, publish_from_memory};
    use std::path::Path;

    /// The text of a PDF as `pdftotext` reads it.
    fn pdf_text(pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils), which tests/setup.sh installs");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn the_file_example_writes_the_pdf_and_the_web_edition() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let out = tempfile::tempdir().unwrap();
        let written = publish_file::publish_file(
            &root.join("examples/delarsbokslut-2020-syd-it.toml"),
            out.path(),
        )
        .unwrap();
        assert_eq!(written.len(), 2);
        let pdf = std::fs::read(&written[0]).unwrap();
        assert!(pdf_text(&pdf).contains("Delårsbokslut 2020"));
        let html = std::fs::read_to_string(&written[1]).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Delårsbokslut 2020"));
    }

    #[test]
    fn the_memory_example_reads_its_sheet_from_memory_only() {
        // `Memory` has no path to any file: what the PDF prints came from the bytes given.
        let published = publish_from_memory::publish_from_memory(
            publish_from_memory::REPORT,
            &[("konton.csv", publish_from_memory::SHEET.as_bytes())],
        );
        assert!(published.is_ok(), "{:?}", published.diagnostics);
        let text = pdf_text(published.pdf.as_deref().unwrap());
        for figure in ["−34 559", "14 305", "7 101", "Personalkostnader"] {
            assert!(text.contains(figure), "{figure} is not in the PDF:\n{text}");
        }
        // The web edition separates thousands with a narrow no-break space.
        let html = published.html.unwrap().replace('\u{202f}', " ");
        assert!(html.contains("Personalkostnader") && html.contains("14 305"));
        // A sheet it was not given is an error at the report's key, naming what it lacks.
        let missing = publish_from_memory::publish_from_memory(publish_from_memory::REPORT, &[]);
        assert!(missing.pdf.is_none() && missing.html.is_none());
        let message = missing.diagnostics[0].to_string();
        assert!(
            message.contains("konton.csv: cannot read the file: no file of this name was supplied")
                && message.contains("rapport.json:"),
            "{message}"
        );
        // Nor may a supplied name climb out.
        let climbing = publish_from_memory::REPORT.replace("konton.csv", "../konton.csv");
        let refused = publish_from_memory::publish_from_memory(
            &climbing,
            &[("konton.csv", publish_from_memory::SHEET.as_bytes())],
        );
        assert!(
            refused.diagnostics[0]
                .to_string()
                .contains("outside the report's directory")
        );
    }

    #[test]
    fn a_profile_with_its_logo_and_fonts_is_read_from_memory() {
        // The Ekbacka fixture's profile, logo and fonts as a program would hold them: by
        // names that no file on disk has (the tests run in crates/bokslut).
        let dir = "../../tests/fixtures/profiles/ekbacka";
        assert!(!Path::new("profil").exists());
        let mut files = super::Memory::new();
        files
            .insert("konton.csv", publish_from_memory::SHEET)
            .insert(
                "profil/profil.toml",
                include_str!("../../../tests/fixtures/profiles/ekbacka/profil.toml"),
            )
            .insert(
                "profil/logo.svg",
                &include_bytes!("../../../tests/fixtures/profiles/ekbacka/logo.svg")[..],
            );
        for face in ["Regular", "Bold", "Italic"] {
            let name = format!("LiberationSerif-{face}.ttf");
            let bytes = std::fs::read(Path::new(dir).join("fonts").join(&name)).unwrap();
            files.insert(&format!("profil/fonts/{name}"), bytes);
        }
        let report = publish_from_memory::REPORT.replace(
            "\"unit\": \"tkr\"",
            "\"unit\": \"tkr\", \"profile\": \"profil/profil.toml\"",
        );
        assert!(report.contains("profil/profil.toml"));
        let source = |files| super::Source::Text {
            text: &report,
            format: super::Format::Json,
            name: "rapport.json".as_ref(),
            files,
        };
        let options =
            super::Options::default().with_editions([super::Edition::Pdf, super::Edition::Html]);
        let published = super::Publisher::new().publish(&source(&files), &options);
        assert!(published.is_ok(), "{:?}", published.failure);
        let pdf = published.pdf.as_deref().unwrap();
        // The profile's font is embedded, its logo printed (the web edition says its text).
        let embedded = |name: &[u8]| pdf.windows(name.len()).any(|w| w == name);
        assert!(
            embedded(b"LiberationSerif"),
            "the profile's font is not in the PDF"
        );
        assert!(pdf_text(pdf).contains("Personalkostnader"));
        let html = published.html.unwrap();
        assert!(
            html.contains("Ekbacka kommuns logotyp"),
            "the web edition has no logo"
        );
        // What the profile names is read relative to it and inside its directory.
        let mut outside = files.clone();
        outside
            .insert(
                "logo.svg",
                &include_bytes!("../../../tests/fixtures/profiles/ekbacka/logo.svg")[..],
            )
            .insert(
                "profil/profil.toml",
                "[logo]\nfile = \"../logo.svg\"\nalt = \"Logotyp\"\n",
            );
        let refused = super::Publisher::new().publish(&source(&outside), &options);
        match &refused.failure {
            Some(super::Failure::Profile(problems)) => {
                let message = problems[0].to_string();
                assert!(
                    message.contains(
                        "the logo `../logo.svg`: the file is outside the profile's directory"
                    ) && message.contains("profil/profil.toml:2:8"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
        // A profile that was not supplied is an error naming it.
        let mut missing = super::Memory::new();
        missing.insert("konton.csv", publish_from_memory::SHEET);
        let refused = super::Publisher::new().publish(&source(&missing), &options);
        assert!(
            matches!(&refused.failure, Some(super::Failure::Profile(p)) if p[0].to_string().contains("cannot read the profile: no file of this name was supplied")),
            "{:?}",
            refused.failure
        );
    }

    #[test]
    fn a_layout_supplied_from_memory_is_the_one_printed() {
        // The bundled template with a line of its own: the PDF prints it, and no file of
        // the layout was read from disk (`Layouts::from_memory` has no directory).
        let template = format!(
            "{}\nEgen mall ur minnet\n",
            include_str!("../../../layouts/report.typ")
        );
        let layouts = super::Layouts::from_memory("egen", [("report.typ".into(), template.into())])
            .expect("report.typ is given");
        let mut files = super::Memory::new();
        files.insert("konton.csv", publish_from_memory::SHEET);
        let options = super::Options::default().with_supplied_layouts(layouts);
        let source = super::Source::Text {
            text: publish_from_memory::REPORT,
            format: super::Format::Json,
            name: "rapport.json".as_ref(),
            files: &files,
        };
        let published = super::Publisher::new().publish(&source, &options);
        assert!(published.is_ok(), "{:?}", published.failure);
        let text = pdf_text(published.pdf.as_deref().unwrap());
        assert!(text.contains("Egen mall ur minnet"), "{text}");
        // A layout without its main file is refused when it is made.
        let error =
            super::Layouts::from_memory("egen", [("del.typ".into(), Vec::new())]).unwrap_err();
        assert!(error.to_string().contains("has no report.typ"), "{error}");
    }
}
