//! A municipality's graphic profile: its logo, colours, typeface, cover, margins, duplex
//! printing and page furniture, read from a TOML file and checked before any render.
//!
//! ```toml
//! look = "modern"                      # or "classic": a serif look like a Word report
//! duplex = true                        # mirrored margins, chapters on a right-hand page
//!
//! [colours]                            # "#rrggbb"; each at least 4.5:1 against its backgrounds
//! accent = "#0b5d3b"                   # headings and the title (on white)
//! text = "#1a1a1a"                     # body text (on white and on the table bands)
//! muted = "#4a4f57"                    # page furniture, notes (on white and the bands)
//! band = "#e3efe8"                     # table header rows
//! band_light = "#f1f7f3"               # board goal rows
//!
//! [font]                               # OTF/TTF files in `fonts/` beside the profile
//! family = "Gentium Book Plus"
//!
//! [logo]                               # SVG or PNG beside the profile; on the cover
//! file = "logo.svg"
//! alt = "Ekbacka kommuns logotyp: ett ekblad"
//!
//! [cover]
//! variant = "photo"                    # or "plain"
//! photo = { file = "omslag.png", alt = "Ekbackas torg en vårdag" }
//!
//! [margins]                            # millimetres
//! top = 27
//! bottom = 24
//! inside = 26
//! outside = 22
//!
//! [header]                             # title, board, organisation, page, logo or none
//! left = "logo"
//! right = "title"
//! [footer]
//! left = "organisation"
//! right = "page"
//! ```
//!
//! Every file a profile names is read from the profile's own directory and those under it,
//! through [`Files`] (from disk, or as a program supplies them: [`Profile::load_from`]), by
//! the rule of every file a report names ([`bokslut_core::confine`]: a path leaving the
//! directory, by its text or a link, is an error), once, when the profile is loaded; each
//! image is decoded then as Typst will decode it, within bounds; Typst sees the images under `/profile/`
//! and the fonts beside the built-in ones. Every problem is a [`Diagnostic`] naming the
//! profile, line and column: a colour pair below 4.5:1 (naming the pair and the ratio), a
//! missing or unreadable image, an image without alternative text, a font family that no
//! file has, and (when a report is prepared, [`Profile::check_coverage`]) a character the
//! report prints that the profile's font lacks.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use serde_spanned::Spanned;
use typst::foundations::Bytes;
use typst::syntax::FileId;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use bokslut_core::confine::Refusal;
use bokslut_core::files::{Disk, Files, Within};
use bokslut_core::{Diagnostic, Severity};

mod image;

pub use image::{MAX_PIXELS, MAX_SIDE};

/// The longest alternative text of an image, in characters: a sentence or two is read out.
pub const MAX_ALT_CHARS: usize = 1_000;

pub use bokslut_present::theme::{contrast, luminance, parse_hex};

pub use bokslut_present::profile::{
    CoverData, CoverVariant, ImageBytes, ImageData, Look, MarginsData, ProfileData, Slot, Slots,
};

/// The largest profile file read.
const MAX_PROFILE_BYTES: u64 = 1 << 20;

/// The largest image or font file read.
const MAX_ASSET_BYTES: u64 = 32 << 20;

/// WCAG 2.1 AA: the least contrast of normal-size text with its background.
pub const MIN_CONTRAST: f64 = 4.5;

/// A profile file as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// The built-in look the profile adjusts: `modern` (the default, sans-serif) or
    /// `classic` (serif, as municipalities print from Word).
    #[serde(default)]
    pub look: Look,
    /// The colours, `#rrggbb`; any not given is the look's own.
    #[serde(default)]
    pub colours: Colours,
    /// The typeface of the text, from OTF or TTF files in a directory beside the profile.
    #[serde(default)]
    pub font: Option<FontSpec>,
    /// The municipality's logo: on the cover, and in the page header when a slot names it.
    #[serde(default)]
    #[schemars(with = "Option<ImageSpec>")]
    pub logo: Option<Spanned<ImageSpec>>,
    /// The title page.
    #[serde(default)]
    pub cover: CoverSpec,
    /// The page margins, in millimetres.
    #[serde(default)]
    pub margins: Margins,
    /// Printed on both sides: the inside and outside margins mirror on left-hand pages, every
    /// chapter starts on a right-hand page (the blank page before it holds only the page
    /// furniture, an artifact).
    #[serde(default)]
    pub duplex: bool,
    /// What the page header shows (from the second page on).
    #[serde(default = "Slots::header")]
    pub header: Slots,
    /// What the page footer shows.
    #[serde(default = "Slots::footer")]
    pub footer: Slots,
}

/// The profile's colours, each `#rrggbb`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Headings, the title and the cover's rule (text on white).
    #[schemars(with = "Option<String>")]
    pub accent: Option<Spanned<String>>,
    /// Body text (on white and on both bands).
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// Page furniture, notes and small labels (on white and on both bands).
    #[schemars(with = "Option<String>")]
    pub muted: Option<Spanned<String>>,
    /// Table header rows and council goal rows (a background of text).
    #[schemars(with = "Option<String>")]
    pub band: Option<Spanned<String>>,
    /// Board goal rows (a background of text).
    #[schemars(with = "Option<String>")]
    pub band_light: Option<Spanned<String>>,
    /// Rules above sums (no text on it).
    #[schemars(with = "Option<String>")]
    pub rule: Option<Spanned<String>>,
    /// Hairlines between rows (no text on it).
    #[schemars(with = "Option<String>")]
    pub hairline: Option<Spanned<String>>,
    /// The colours of charts' series, in order (a chart has at most four): each at least
    /// 3:1 against the white page (WCAG 2.1, non-text contrast).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub chart: Vec<Spanned<String>>,
}

/// The profile's typeface.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    /// The family name, as the font files give it ("Gentium Book Plus").
    #[schemars(with = "String")]
    pub family: Spanned<String>,
    /// The directory of the font files, relative to the profile; `fonts` when absent.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub directory: Option<Spanned<String>>,
}

/// An image beside the profile.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    /// The file, SVG or PNG, relative to the profile.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// Its alternative text, read by screen readers: required.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub alt: Option<Spanned<String>>,
}

/// The title page.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverSpec {
    /// `plain` (the default) or `photo`.
    #[serde(default)]
    #[schemars(with = "Option<CoverVariant>")]
    pub variant: Option<Spanned<CoverVariant>>,
    /// The photo of the `photo` variant.
    #[serde(default)]
    #[schemars(with = "Option<ImageSpec>")]
    pub photo: Option<Spanned<ImageSpec>>,
}

/// Page margins in whole millimetres, each from 5 to 60.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top margin.
    #[serde(default = "Margins::top")]
    #[schemars(with = "u32")]
    pub top: Spanned<u32>,
    /// Bottom margin.
    #[serde(default = "Margins::bottom")]
    #[schemars(with = "u32")]
    pub bottom: Spanned<u32>,
    /// The margin at the binding: left, and right on left-hand pages in duplex.
    #[serde(default = "Margins::side")]
    #[schemars(with = "u32")]
    pub inside: Spanned<u32>,
    /// The other side margin.
    #[serde(default = "Margins::side")]
    #[schemars(with = "u32")]
    pub outside: Spanned<u32>,
}

impl Margins {
    fn top() -> Spanned<u32> {
        Spanned::new(0..0, 27)
    }
    fn bottom() -> Spanned<u32> {
        Spanned::new(0..0, 24)
    }
    fn side() -> Spanned<u32> {
        Spanned::new(0..0, 24)
    }
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: Margins::top(),
            bottom: Margins::bottom(),
            inside: Margins::side(),
            outside: Margins::side(),
        }
    }
}

/// A loaded and checked profile: its data for the template, and the files Typst reads.
#[derive(Debug)]
pub struct Profile {
    path: PathBuf,
    source: String,
    data: ProfileData,
    /// Where `font.family` is, for the coverage check's message.
    family_at: Option<usize>,
    assets: std::sync::Arc<Assets>,
}

/// What Typst reads of a profile: its images and, with its fonts, the whole font book.
pub(crate) struct Assets {
    /// Images by their file id under `/profile/`.
    pub files: HashMap<FileId, Bytes>,
    /// The profile's fonts, after the built-in ones.
    pub fonts: Vec<Font>,
    /// The book of the built-in fonts and the profile's; `None` when it adds none.
    pub book: Option<LazyHash<FontBook>>,
}

impl std::fmt::Debug for Assets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assets")
            .field("files", &self.files.len())
            .field("fonts", &self.fonts.len())
            .finish()
    }
}

/// The JSON Schema of the profile file, for editors.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ProfileFile)).unwrap_or_default()
}

/// The profile a report is rendered with: `given` (`--profile`) when present, else the
/// report's `meta.profile`, as its check resolved it: inside the report's directory, or where
/// `--allow-outside-paths` allowed ([`bokslut_core::confine`]).
pub fn path_for(report: &bokslut_core::ValidReport, given: Option<&Path>) -> Option<PathBuf> {
    match given {
        Some(given) => Some(given.to_path_buf()),
        None => report.profile_file().map(Path::to_path_buf),
    }
}

/// The directories a profile's files lie in: the profile's own, and those of the logo, the
/// photo and the fonts it names (each inside the profile's directory), for a program that
/// watches them for changes (`bokslut watch`). Only the profile's own when the profile cannot
/// be read; [`Profile::load`] says why.
pub fn directories(path: &Path) -> Vec<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut found = vec![dir.clone()];
    let file: Option<ProfileFile> = std::fs::metadata(path)
        .ok()
        .filter(|meta| meta.is_file() && meta.len() <= MAX_PROFILE_BYTES)
        .and_then(|_| std::fs::read_to_string(path).ok())
        .and_then(|source| toml::from_str(&source).ok());
    let Some(file) = file else {
        return found;
    };
    // By the rule the profile's files are read by; one not there yet is watched for too.
    let inside = |name: &str| match bokslut_core::confine::confine(&dir, name, false) {
        Ok(path) => Some(path),
        Err(Refusal::Unreadable { .. }) => Some(dir.join(name)),
        Err(_) => None,
    };
    let images = [file.logo.as_ref(), file.cover.photo.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|image| inside(image.get_ref().file.get_ref()))
        .filter_map(|image| image.parent().map(Path::to_path_buf));
    let fonts = file.font.as_ref().and_then(|font| {
        let name = font.directory.as_ref().map_or("fonts", |d| d.get_ref());
        inside(name)
    });
    for more in images.chain(fonts) {
        if !found.contains(&more) {
            found.push(more);
        }
    }
    found
}

/// Collects the problems of a profile.
struct Problems<'a> {
    path: &'a Path,
    source: &'a str,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn at(&mut self, offset: Option<usize>, message: String) {
        self.found.push(Diagnostic::at(
            Severity::Error,
            self.path,
            self.source,
            offset,
            message,
        ));
    }
}

impl Profile {
    /// Reads and checks a profile file and every file it names, from disk: the files it
    /// names are read from its own directory and those under it ([`Profile::load_from`]
    /// over a [`Disk`] rooted there: links that lead out are refused too).
    pub fn load(path: &Path) -> Result<Profile, Vec<Diagnostic>> {
        let dir = path.parent().unwrap_or(Path::new(""));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // The profile itself where its reader put it (inside the report's directory, or
        // where the user allowed: `bokslut_core::confine`); its files inside its directory.
        let source = Disk::new(dir, true).read(name, MAX_PROFILE_BYTES);
        Profile::load_in(source, &Disk::new(dir, false), path)
    }

    /// Reads and checks the profile `name` of `files` (`profil/profil.toml`) and every file
    /// it names, relative to the profile's directory and inside it ([`Within`]), through
    /// [`Files`] alone: a program without a file system supplies them in a
    /// [`bokslut_core::files::Memory`]. Messages name the profile as `files` locates it
    /// (its path on disk), else by `name`.
    pub fn load_from(files: &dyn Files, name: &str) -> Result<Profile, Vec<Diagnostic>> {
        let shown = match files.locate(name) {
            Some(Ok(path)) => path,
            _ => PathBuf::from(name),
        };
        let dir = match name.rsplit_once(['/', '\\']) {
            Some((dir, _)) => dir,
            None => "",
        };
        Profile::load_in(
            files.read(name, MAX_PROFILE_BYTES),
            &Within::new(files, dir),
            &shown,
        )
    }

    /// Checks the profile read as `source`, whose files `assets` holds (named as the profile
    /// names them); messages name it `path`.
    fn load_in(
        source: Result<Vec<u8>, Refusal>,
        assets: &dyn Files,
        path: &Path,
    ) -> Result<Profile, Vec<Diagnostic>> {
        let unread =
            |message: String| vec![Diagnostic::at(Severity::Error, path, "", None, message)];
        let source = source.map_err(|refusal| {
            unread(match refusal {
                Refusal::Unreadable { reason, .. } => format!("cannot read the profile: {reason}"),
                // Named by the report: outside the report's directory, in its words.
                Refusal::Outside => format!("cannot read the profile: {refusal}"),
                other => format!("cannot read the profile: {}", words(&other)),
            })
        })?;
        let source = String::from_utf8(source).map_err(|_| {
            unread("cannot read the profile: it is not UTF-8 text: expected a TOML file".to_owned())
        })?;
        let file: ProfileFile = match toml::from_str(&source) {
            Ok(file) => file,
            Err(e) => {
                let offset = e.span().map(|s| s.start);
                return Err(vec![Diagnostic::at(
                    Severity::Error,
                    path,
                    &source,
                    offset,
                    e.message().trim().to_owned(),
                )]);
            }
        };
        let mut problems = Problems {
            path,
            source: &source,
            found: Vec::new(),
        };
        let colours = check_colours(&file.colours, &mut problems);
        let chart_colours = check_chart_colours(&file.colours.chart, &mut problems);
        let mut files = HashMap::new();
        let logo = file
            .logo
            .as_ref()
            .and_then(|logo| image(logo, "logo", assets, &mut problems, &mut files));
        let variant = file
            .cover
            .variant
            .as_ref()
            .map_or(CoverVariant::Plain, |v| *v.get_ref());
        let variant_at = file.cover.variant.as_ref().map(|v| v.span().start);
        let photo = match (variant, &file.cover.photo) {
            (CoverVariant::Photo, None) => {
                problems.at(
                    variant_at,
                    "the cover variant `photo` needs a `photo = { file = \"...\", alt = \"...\" }` in [cover]".to_owned(),
                );
                None
            }
            (CoverVariant::Photo, Some(photo)) => {
                image(photo, "photo", assets, &mut problems, &mut files)
            }
            (CoverVariant::Plain, Some(photo)) => {
                problems.at(
                    Some(photo.span().start),
                    "a photo is printed only by the cover variant `photo`: write `variant = \"photo\"`".to_owned(),
                );
                None
            }
            (CoverVariant::Plain, None) => None,
        };
        let uses_logo = [
            file.header.left,
            file.header.right,
            file.footer.left,
            file.footer.right,
        ]
        .contains(&Slot::Logo);
        if uses_logo && file.logo.is_none() {
            problems.at(
                None,
                "the page furniture shows the logo, but the profile has no [logo]".to_owned(),
            );
        }
        for (name, margin) in [
            ("top", &file.margins.top),
            ("bottom", &file.margins.bottom),
            ("inside", &file.margins.inside),
            ("outside", &file.margins.outside),
        ] {
            let mm = *margin.get_ref();
            if !(5..=60).contains(&mm) {
                problems.at(
                    Some(margin.span().start),
                    format!("the {name} margin is {mm} mm: expected 5 to 60 mm"),
                );
            }
        }
        let (fonts, family) = match &file.font {
            Some(spec) => load_fonts(spec, assets, &mut problems),
            None => (Vec::new(), None),
        };
        if !problems.found.is_empty() {
            return Err(problems.found);
        }
        let book = (!fonts.is_empty()).then(|| {
            let all: Vec<Font> = crate::world::SHARED
                .fonts()
                .iter()
                .chain(&fonts)
                .cloned()
                .collect();
            LazyHash::new(FontBook::from_fonts(&all))
        });
        Ok(Profile {
            path: path.to_path_buf(),
            family_at: file.font.as_ref().map(|f| f.family.span().start),
            data: ProfileData {
                look: file.look,
                colours,
                chart_colours,
                font: family,
                logo,
                cover: CoverData { variant, photo },
                margins: MarginsData {
                    top: *file.margins.top.get_ref(),
                    bottom: *file.margins.bottom.get_ref(),
                    inside: *file.margins.inside.get_ref(),
                    outside: *file.margins.outside.get_ref(),
                },
                duplex: file.duplex,
                header: file.header.clone(),
                footer: file.footer.clone(),
            },
            source,
            assets: std::sync::Arc::new(Assets { files, fonts, book }),
        })
    }

    /// The profile file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the template receives.
    pub fn data(&self) -> &ProfileData {
        &self.data
    }

    pub(crate) fn assets(&self) -> std::sync::Arc<Assets> {
        std::sync::Arc::clone(&self.assets)
    }

    /// Whether the profile's font prints every character of `data` (the template data: the
    /// report's text and the labels) that the built-in text font prints: an error at
    /// `font.family` naming the characters it lacks (a typeface without å, ä and ö cannot
    /// print a Swedish report). Symbols the built-in text font lacks come from the bundled
    /// fallback fonts and are not asked of the profile's.
    pub fn check_coverage(&self, data: &serde_json::Value) -> Vec<Diagnostic> {
        let Some(family) = &self.data.font else {
            return Vec::new();
        };
        let mut missing: Vec<char> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut visit = |text: &str| {
            for c in text.chars() {
                // Private-use characters are the template's markers (page and total in
                // `page_of`), replaced before printing; no report text holds one.
                if c.is_whitespace() || bokslut_core::chars::forbidden_in_pdf(c) || !seen.insert(c)
                {
                    continue;
                }
                let code = u32::from(c);
                let profile_has = self
                    .assets
                    .fonts
                    .iter()
                    .any(|f| f.info().coverage.contains(code));
                if !profile_has && crate::world::text_font_has(c) {
                    missing.push(c);
                }
            }
        };
        walk_strings(data, &mut visit);
        if missing.is_empty() {
            return Vec::new();
        }
        let listed: Vec<String> = missing
            .iter()
            .take(8)
            .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
            .collect();
        let more = if missing.len() > 8 {
            format!(" and {} more", missing.len() - 8)
        } else {
            String::new()
        };
        vec![Diagnostic::at(
            Severity::Error,
            &self.path,
            &self.source,
            self.family_at,
            format!(
                "the font `{family}` lacks {}{more}, which the report prints: expected a font with every character of the report's text and labels",
                listed.join(", ")
            ),
        )]
    }
}

fn walk_strings(value: &serde_json::Value, visit: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => visit(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_strings(v, visit)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| walk_strings(v, visit)),
        _ => {}
    }
}

/// The colours text is printed in.
const TEXT_COLOURS: [&str; 3] = ["text", "muted", "accent"];

/// The backgrounds text stands on.
const BACKGROUNDS: [&str; 3] = ["white", "band", "band_light"];

/// Checks the colours: each a `#rrggbb`, and each text colour at least [`MIN_CONTRAST`]
/// against each background. Returns the given ones by the template's names.
fn check_colours(colours: &Colours, problems: &mut Problems) -> BTreeMap<&'static str, String> {
    let given: [(&str, &'static str, &Option<Spanned<String>>); 7] = [
        ("accent", "accent", &colours.accent),
        ("text", "ink", &colours.text),
        ("muted", "muted", &colours.muted),
        ("band", "band", &colours.band),
        ("band_light", "band-light", &colours.band_light),
        ("rule", "rule", &colours.rule),
        ("hairline", "hairline", &colours.hairline),
    ];
    // What a colour the profile does not give is taken to be, for the check: the modern
    // look's, whatever the profile's look (as before the theme was resolved in one place).
    let builtin = |template_name: &str| {
        bokslut_present::theme::MODERN
            .iter()
            .find(|(name, _)| *name == template_name)
            .and_then(|(_, hex)| parse_hex(hex))
            .unwrap_or_else(|| unreachable!("the modern look has every colour"))
    };
    let mut effective: HashMap<&str, ([u8; 3], Option<usize>)> = given
        .iter()
        .map(|(name, template_name, _)| (*name, (builtin(template_name), None)))
        .collect();
    effective.insert("white", ([255, 255, 255], None));
    let mut out = BTreeMap::new();
    let mut valid = true;
    for (name, template_name, value) in given {
        let Some(value) = value else { continue };
        match parse_hex(value.get_ref()) {
            Some(rgb) => {
                effective.insert(name, (rgb, Some(value.span().start)));
                out.insert(template_name, value.get_ref().to_ascii_lowercase());
            }
            None => {
                valid = false;
                problems.at(
                    Some(value.span().start),
                    format!(
                        "the colour `{name}` is \"{}\": expected \"#rrggbb\", six hexadecimal digits",
                        value.get_ref()
                    ),
                );
            }
        }
    }
    if !valid {
        return out;
    }
    for text in TEXT_COLOURS {
        for background in BACKGROUNDS {
            let (fg, fg_at) = effective[text];
            let (bg, bg_at) = effective[background];
            // Only pairs with a colour of the profile's: the built-in ones all pass.
            if fg_at.is_none() && bg_at.is_none() {
                continue;
            }
            let ratio = contrast(fg, bg);
            if ratio < MIN_CONTRAST {
                problems.at(
                    fg_at.or(bg_at),
                    format!(
                        "the text colour `{text}` ({}) on the background `{background}` ({}) has a contrast of {:.2}:1: expected at least {MIN_CONTRAST}:1 (WCAG 2.1 AA)",
                        hex(fg),
                        hex(bg),
                        // Rounded down, so that a ratio just short of the limit never reads as it.
                        (ratio * 100.0).floor() / 100.0
                    ),
                );
            }
        }
    }
    out
}

/// The least contrast of a chart's series against the page: WCAG 2.1, 1.4.11 (non-text).
const MIN_CHART_CONTRAST: f64 = 3.0;

/// Checks the chart colours: each a `#rrggbb` with at least [`MIN_CHART_CONTRAST`] against
/// the white page. Returns them, in order, lower-case.
fn check_chart_colours(chart: &[Spanned<String>], problems: &mut Problems) -> Vec<String> {
    let mut out = Vec::new();
    for value in chart {
        let at = Some(value.span().start);
        let Some(rgb) = parse_hex(value.get_ref()) else {
            problems.at(
                at,
                format!(
                    "the chart colour \"{}\" is no colour: expected \"#rrggbb\", six hexadecimal digits",
                    value.get_ref()
                ),
            );
            continue;
        };
        let ratio = contrast(rgb, [255, 255, 255]);
        if ratio < MIN_CHART_CONTRAST {
            problems.at(
                at,
                format!(
                    "the chart colour {} has a contrast of {:.2}:1 against the white page: expected at least {MIN_CHART_CONTRAST}:1 (WCAG 2.1, non-text contrast), so that its bars and lines can be seen",
                    hex(rgb),
                    (ratio * 100.0).floor() / 100.0
                ),
            );
            continue;
        }
        out.push(hex(rgb));
    }
    out
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A refusal in the words of a message about a file of the profile, by the rule of every
/// file a report names ([`bokslut_core::confine`]).
fn words(refusal: &Refusal) -> String {
    match refusal {
        Refusal::Outside => "the file is outside the profile's directory: a profile reads the files it names from its own directory and those under it".to_owned(),
        Refusal::Read(why) => {
            let why = why.strip_prefix("cannot read the file: ").unwrap_or(why);
            // A profile's limits are its own, not `--max-input-size`.
            why.strip_suffix(" (raise it with --max-input-size)")
                .unwrap_or(why)
                .to_owned()
        }
        other => other.to_string(),
    }
}

/// Why the file `name` of the profile (its `what`) cannot be read.
fn unreadable(what: &str, name: &str, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Empty => {
            format!("the {what}'s file name is empty: expected a file relative to the profile")
        }
        Refusal::Outside => format!("the {what} `{name}`: {}", words(refusal)),
        Refusal::Unreadable { reason, suggestion } => {
            let near = suggestion
                .as_ref()
                .map(|near| format!("; did you mean \"{near}\"?"))
                .unwrap_or_default();
            format!("cannot read the {what} `{name}`: {reason}{near}")
        }
        Refusal::Read(_) => format!("cannot read the {what} `{name}`: {}", words(refusal)),
    }
}

/// A file of the profile as messages show it: its path on disk, else its name.
fn shown(assets: &dyn Files, name: &str) -> String {
    match assets.locate(name) {
        Some(Ok(path)) => path.display().to_string(),
        _ => name.to_owned(),
    }
}

/// Checks and reads an image of the profile; its data for the template.
fn image(
    spec: &Spanned<ImageSpec>,
    what: &str,
    assets: &dyn Files,
    problems: &mut Problems,
    files: &mut HashMap<FileId, Bytes>,
) -> Option<ImageData> {
    let at = spec.span().start;
    let image = spec.get_ref();
    let alt = image.alt.as_ref().map(|a| a.get_ref().trim()).unwrap_or("");
    if alt.is_empty() {
        problems.at(
            Some(image.alt.as_ref().map_or(at, |a| a.span().start)),
            format!("the {what} has no alternative text: expected `alt = \"...\"`, what a reader who cannot see the image should hear (PDF/UA)"),
        );
    }
    let alt_chars = alt.chars().count();
    if alt_chars > MAX_ALT_CHARS {
        problems.at(
            image.alt.as_ref().map(|a| a.span().start),
            format!("the {what}'s alternative text is {alt_chars} characters: expected at most {MAX_ALT_CHARS}, a sentence or two a reader hears instead of the image"),
        );
    }
    let name = image.file.get_ref();
    let file_at = Some(image.file.span().start);
    let lower = name.to_ascii_lowercase();
    let kind = if lower.ends_with(".svg") {
        "svg"
    } else if lower.ends_with(".png") {
        "png"
    } else {
        problems.at(
            file_at,
            format!(
                "the {what} `{name}` is neither SVG nor PNG: expected a file ending in .svg or .png"
            ),
        );
        return None;
    };
    let bytes = match assets.read(name, MAX_ASSET_BYTES) {
        Ok(bytes) => bytes,
        Err(refusal) => {
            problems.at(file_at, unreadable(what, name, &refusal));
            return None;
        }
    };
    let decoded = image::check(
        if kind == "png" {
            image::Kind::Png
        } else {
            image::Kind::Svg
        },
        &bytes,
    );
    if let Err(problem) = decoded {
        problems.at(file_at, format!("the {what} `{name}` {problem}"));
        return None;
    }
    let vpath = format!("profile/{what}.{kind}");
    let bytes = ImageBytes(bytes.into());
    files.insert(crate::world::file_id(&vpath), Bytes::new(bytes.clone()));
    Some(ImageData {
        path: format!("/{vpath}"),
        alt: alt.to_owned(),
        bytes,
    })
}

/// The most font files a profile's font directory may hold.
pub const MAX_FONT_FILES: usize = 64;

/// The most bytes of all the font files of a profile together (each at most 32 MiB).
pub const MAX_FONT_BYTES: u64 = 128 << 20;

/// The most fonts a font collection (`.ttc` read as `.ttf`/`.otf`) may hold.
pub const MAX_COLLECTION_FONTS: u32 = 64;

/// What is wrong with a font collection's header, if the file is one (`ttcf`): the count of
/// its fonts, bounded and with an offset in the file for each, before any font is read
/// (a bogus count of 2^32 made reading a 76-byte file take a minute).
fn collection(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"ttcf") {
        return Ok(());
    }
    let count = bytes
        .get(8..12)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .ok_or_else(|| {
            "is a font collection without its header: expected an OTF or TTF font".to_owned()
        })?;
    let offsets_end = 12 + 4 * u64::from(count);
    if count == 0 || count > MAX_COLLECTION_FONTS || offsets_end > bytes.len() as u64 {
        return Err(format!(
            "is a font collection declaring {count} fonts in {} bytes: expected an OTF or TTF font, or a collection of 1 to {MAX_COLLECTION_FONTS} fonts",
            bytes.len()
        ));
    }
    Ok(())
}

/// Reads the font files of the profile's font directory; the family as the files name it.
fn load_fonts(
    spec: &FontSpec,
    assets: &dyn Files,
    problems: &mut Problems,
) -> (Vec<Font>, Option<String>) {
    let (name, at) = match &spec.directory {
        Some(d) => (d.get_ref().as_str(), d.span().start),
        None => ("fonts", spec.family.span().start),
    };
    let fonts_dir = shown(assets, name);
    let listed = match assets.list(name) {
        Ok(listed) => listed,
        Err(Refusal::Unreadable { reason, .. }) => {
            problems.at(
                Some(at),
                format!("cannot read the font directory `{fonts_dir}`: {reason}"),
            );
            return (Vec::new(), None);
        }
        Err(refusal) => {
            problems.at(Some(at), unreadable("font directory", name, &refusal));
            return (Vec::new(), None);
        }
    };
    let names: Vec<String> = listed
        .into_iter()
        .filter(|n| {
            Path::new(n)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "otf" | "ttf"))
        })
        .collect();
    if names.len() > MAX_FONT_FILES {
        problems.at(
            Some(at),
            format!(
                "the font directory `{fonts_dir}` has {} font files: expected at most {MAX_FONT_FILES}, those of the profile's family",
                names.len()
            ),
        );
        return (Vec::new(), None);
    }
    let mut fonts = Vec::new();
    let mut read = 0u64;
    for font in &names {
        let path = shown(assets, font);
        let result = assets.read(font, MAX_ASSET_BYTES);
        if let Ok(bytes) = &result {
            read += bytes.len() as u64;
        }
        if read > MAX_FONT_BYTES {
            problems.at(
                Some(at),
                format!(
                    "the font files in `{fonts_dir}` are more than {} MiB together: expected at most {} MiB, the faces of the profile's family",
                    MAX_FONT_BYTES >> 20,
                    MAX_FONT_BYTES >> 20
                ),
            );
            return (Vec::new(), None);
        }
        match result {
            Ok(bytes) if let Err(problem) = collection(&bytes) => {
                problems.at(Some(at), format!("`{path}` {problem}"))
            }
            Ok(bytes) => {
                let before = fonts.len();
                fonts.extend(Font::iter(Bytes::new(bytes)));
                if fonts.len() == before {
                    problems.at(Some(at), format!("`{path}` is not an OTF or TTF font"));
                }
            }
            Err(refusal) => problems.at(Some(at), unreadable("font", &path, &refusal)),
        }
    }
    let wanted = spec.family.get_ref();
    let families: std::collections::BTreeSet<&str> =
        fonts.iter().map(|f| f.info().family.as_str()).collect();
    let family = families
        .iter()
        .find(|f| f.eq_ignore_ascii_case(wanted))
        .map(|f| (*f).to_owned());
    if family.is_none() {
        let found = if families.is_empty() {
            format!("no OTF or TTF file is in `{fonts_dir}`")
        } else {
            format!(
                "the files in `{fonts_dir}` have {}",
                families
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        problems.at(
            Some(spec.family.span().start),
            format!("no font of the family `{wanted}`: {found}"),
        );
    }
    // Only the wanted family's faces are added: a file of another family is not embedded.
    let fonts = fonts
        .into_iter()
        .filter(|f| family.as_deref().is_some_and(|w| f.info().family == w))
        .collect();
    (fonts, family)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bokslut_core::files::Memory;

    fn errors(files: &Memory) -> Vec<String> {
        match Profile::load_from(files, "p/profil.toml") {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn the_font_files_are_bounded_together_and_a_collection_by_its_header() {
        let mut files = Memory::new();
        files.insert("p/profil.toml", "[font]\nfamily = \"X\"\n");
        for i in 0..5 {
            files.insert(&format!("p/fonts/f{i}.ttf"), vec![0u8; 30 << 20]);
        }
        let found = errors(&files);
        assert!(
            found
                .last()
                .is_some_and(|e| e.contains("are more than 128 MiB together")),
            "{found:?}"
        );
        let mut files = Memory::new();
        files.insert("p/profil.toml", "[font]\nfamily = \"X\"\n");
        files.insert(
            "p/fonts/x.ttf",
            [&b"ttcf\0\x01\0\0\xff\xff\xff\xff"[..], &[0; 64]].concat(),
        );
        let found = errors(&files);
        assert!(
            found[0].contains(
                "`fonts/x.ttf` is a font collection declaring 4294967295 fonts in 76 bytes"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_files_of_a_profile_in_memory_are_named_relative_to_it() {
        let mut files = Memory::new();
        files
            .insert(
                "p/profil.toml",
                "[logo]\nfile = \"logga.svg\"\nalt = \"Logotyp\"\n",
            )
            .insert("p/logo.svg", "<svg/>");
        let found = errors(&files);
        assert!(
            found[0].starts_with(
                "error: cannot read the logo `logga.svg`: no file of this name was supplied"
            ) && found[0].contains("p/profil.toml:2:8"),
            "{found:?}"
        );
    }
}
