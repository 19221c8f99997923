//! bokslut-present: the presentation of a report, what both editions print. Every label
//! looked up, every figure computed and formatted, every text parsed into a tree of plain
//! strings, once: the PDF (crate `bokslut-layout`, through Typst) and the web edition
//! (crate `bokslut-html`) read the same [`Document`], so that their words and figures
//! cannot differ. Nothing here knows Typst or HTML.
//!
//! The steps, each in one module: [`labels`] (Fluent, checked by `ftl`) and
//! [`format`](mod@format) (numbers) give the words and figures; [`document`] builds what the
//! editions print, with [`goals`] and [`money`] for the tables; [`profile`] is what they
//! receive of a municipality's graphic profile, and [`theme`] the colours it resolves to.
//!
//! ```no_run
//! use bokslut_present::labels::Labels;
//!
//! let report = bokslut_core::check_file("report.toml".as_ref()).report.unwrap();
//! let lang = bokslut_present::language(&report, None).unwrap();
//! let document = bokslut_present::present(&report, &Labels::builtin(lang), None);
//! println!("{}", serde_json::to_string_pretty(&document).unwrap());
//! ```

pub mod chart;
pub mod document;
pub mod format;
mod ftl;
pub mod goals;
pub mod labels;
pub mod money;
pub mod profile;
pub mod statement;
pub mod theme;

use std::path::Path;

use bokslut_core::ValidReport;

pub use crate::document::Document;
use crate::labels::{DEFAULT_LANGUAGE, Labels, LocaleError, Printable};
use crate::profile::ProfileData;

/// The presentation of a report in the labels' language, with a municipality's profile or
/// without: what every edition prints ([`document::build`], the profile's data beside it).
pub fn present(valid: &ValidReport, labels: &Labels, profile: Option<&ProfileData>) -> Document {
    let mut document = document::build(valid, labels);
    document.theme = theme::Theme::resolve(profile);
    // The profile's chart colours, in place of the built-in ones (the same in both editions).
    if let Some(colours) = profile.map(|p| &p.chart_colours).filter(|c| !c.is_empty()) {
        for item in &mut document.body {
            if let document::Item::Chart(chart) = item {
                for (i, series) in chart.series.iter_mut().enumerate() {
                    series.colour.clone_from(&colours[i % colours.len()]);
                }
            }
        }
    }
    document.profile = profile.cloned();
    document
}

/// The language of the labels: `locale` (`--locale`) when given, else the report's own
/// `locale`, else Swedish; an error when it is no language tag.
pub fn language<'a>(
    valid: &'a ValidReport,
    locale: Option<&'a str>,
) -> Result<&'a str, LocaleError> {
    let lang = locale
        .or(valid.report().locale.as_deref())
        .unwrap_or(DEFAULT_LANGUAGE);
    match bokslut_core::lang::language_tag_problem(lang) {
        Some(problem) => Err(LocaleError::Tag {
            tag: lang.to_owned(),
            problem,
        }),
        None => Ok(lang),
    }
}

/// The labels of a language, from a user's locales directory first ([`Labels::load`], its
/// characters checked by `printable`), and a warning when some of their messages, or the
/// whole language, fall back to another language.
pub fn load_labels(
    lang: &str,
    user_dir: Option<&Path>,
    printable: Printable,
) -> Result<(Labels, Option<String>), LocaleError> {
    let user = match user_dir {
        Some(dir) => Labels::load(dir, lang, printable)?,
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
