//! The fixed words of the layout, from the Fluent files in `locales/`.
//!
//! No label is written in Rust or in the templates: the layout asks for a message id and
//! passes already formatted numbers and dates as Fluent variables.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use bokslut_core::Date;

/// The locales built into bokslut: language tag and Fluent source.
pub const BUILTIN: &[(&str, &str)] = &[
    ("sv", include_str!("../../../locales/sv/report.ftl")),
    ("en", include_str!("../../../locales/en/report.ftl")),
];

/// The language used when a report names none or one bokslut does not know.
pub const DEFAULT_LANGUAGE: &str = "sv";

/// Labels of one language.
pub struct Labels {
    lang: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Labels").field("lang", &self.lang).finish()
    }
}

impl Labels {
    /// The built-in labels for a language tag (`sv`, `en`, `en-GB`), falling back to Swedish.
    pub fn builtin(lang: &str) -> Labels {
        let primary = lang.split(['-', '_']).next().unwrap_or_default();
        let (tag, source) = BUILTIN
            .iter()
            .find(|(tag, _)| *tag == primary)
            .or_else(|| BUILTIN.iter().find(|(tag, _)| *tag == DEFAULT_LANGUAGE))
            .copied()
            .unwrap_or(BUILTIN[0]);
        Labels::from_source(tag, source)
            .unwrap_or_else(|e| unreachable!("built-in locale {tag} does not parse: {e}"))
    }

    /// Labels from Fluent source text; errors list the lines Fluent could not parse.
    pub fn from_source(lang: &str, source: &str) -> Result<Labels, String> {
        let langid: LanguageIdentifier = lang
            .parse()
            .map_err(|e| format!("invalid language tag `{lang}`: {e}"))?;
        let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
            format!(
                "{} syntax error(s) in the Fluent file: {errors:?}",
                errors.len()
            )
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Labels end up in a PDF, not in bidirectional UI text: no isolation marks.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| format!("duplicate messages: {errors:?}"))?;
        Ok(Labels {
            lang: lang.to_owned(),
            bundle,
        })
    }

    /// The language tag of these labels.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether a message exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without variables.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message with string variables. A missing message yields its id in brackets, so a
    /// gap is visible; the locale tests make sure none is missing.
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// A period for running text: "1 januari–31 juli 2020", the first year left out when
    /// both ends fall in the same year.
    pub fn long_period(&self, start: Date, end: Date) -> String {
        use chrono::Datelike;
        let start_text = if start.0.year() == end.0.year() {
            let s = start.0;
            let month = self.get(&format!("month-{}", s.month()));
            self.format(
                "date-long-no-year",
                &[("day", &s.day().to_string()), ("month", &month)],
            )
        } else {
            self.long_date(start)
        };
        self.format(
            "report-period",
            &[("start", &start_text), ("end", &self.long_date(end))],
        )
    }

    /// A date for running text: "31 juli 2020".
    pub fn long_date(&self, date: Date) -> String {
        use chrono::Datelike;
        let d = date.0;
        let month = self.get(&format!("month-{}", d.month()));
        self.format(
            "date-long",
            &[
                ("day", &d.day().to_string()),
                ("month", &month),
                ("year", &d.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_variables() {
        let sv = Labels::builtin("sv");
        assert_eq!(
            sv.format("page-of", &[("page", "3"), ("total", "9")]),
            "Sida 3 av 9"
        );
        assert_eq!(
            sv.long_date(Date::from_ymd(2020, 7, 31).unwrap()),
            "31 juli 2020"
        );
        let en = Labels::builtin("en-GB");
        assert_eq!(
            en.long_date(Date::from_ymd(2020, 7, 31).unwrap()),
            "31 July 2020"
        );
        assert_eq!(Labels::builtin("fi").lang(), "sv");
        let (a, b, c) = (
            Date::from_ymd(2020, 1, 1).unwrap(),
            Date::from_ymd(2020, 7, 31).unwrap(),
            Date::from_ymd(2021, 3, 1).unwrap(),
        );
        assert_eq!(sv.long_period(a, b), "Period 1 januari–31 juli 2020");
        assert_eq!(sv.long_period(b, c), "Period 31 juli 2020–1 mars 2021");
    }
}
