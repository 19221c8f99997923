//! The fixed words of the layout, from the Fluent files in `locales/`.
//!
//! No label is written in Rust or in the templates: the layout asks for a message id listed in
//! [`MESSAGE_IDS`] and passes already formatted numbers and dates as Fluent variables, so word
//! order and wording stay with the translation.
//!
//! Swedish and English are built in. A user adds a language by placing `.ftl` files in
//! `DIR/<lang>/` ([`Labels::load`]); a message the user's files lack is taken from the
//! built-in locale of that language, else from Swedish, and [`Labels::missing`] names it.

use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use bokslut_core::Date;

/// The locales built into bokslut: language tag and Fluent source.
pub const BUILTIN: &[(&str, &str)] = &[
    ("sv", include_str!("../../../locales/sv/report.ftl")),
    ("en", include_str!("../../../locales/en/report.ftl")),
];

/// The largest Fluent file of a user's locale read (the built-in ones are 4 KiB).
const MAX_LOCALE_FILE_BYTES: u64 = 1 << 20;

/// The language used when a report names none or one bokslut does not know.
pub const DEFAULT_LANGUAGE: &str = "sv";

/// The names of the months, January first.
const MONTH_IDS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// Every message id the layout asks for, and the messages every locale must have: the
/// built-in locales hold exactly these (a test checks), and a test scanning the sources of
/// this crate checks that no other id is asked for.
pub const MESSAGE_IDS: &[&str] = &[
    // Report kinds, title, period.
    "kind-interim",
    "kind-annual",
    "kind-activity-report",
    "report-title",
    "report-period",
    "report-subject",
    // Page furniture.
    "toc-title",
    "page-of",
    // Decisions table.
    "col-decision",
    "col-status",
    "col-comment",
    "status-not-started",
    "status-ongoing",
    "status-completed",
    "status-postponed",
    "status-cancelled",
    // Goal table.
    "col-council-goal",
    "col-board-goal",
    "col-indicator",
    "col-current",
    "col-forecast",
    "col-target",
    "col-assessment",
    "goal-met",
    "goal-partly-met",
    "goal-not-met",
    "goal-not-assessed",
    "goal-legend",
    "col-trend",
    "trend-better",
    "trend-unchanged",
    "trend-worse",
    "value-yes",
    "value-no",
    "value-count",
    "amount-tkr",
    "amount-mnkr",
    "amount-kr",
    "figure-result",
    "target-at-most",
    "target-below",
    "target-above",
    "target-at-least",
    "target-increase-from",
    "target-decrease-from",
    "target-increase",
    "target-decrease",
    // Financial tables.
    "col-budget",
    "col-outcome",
    "col-forecast-year",
    "col-deviation",
    "row-total",
    "unit-tkr",
    "unit-mnkr",
    "unit-kr",
    "money-note-income-negative",
    "money-note-investments",
    "money-note-income-positive",
    "col-budget-year",
    "col-outcome-year",
    "col-prior-outcome",
    "col-prior-deviation",
    "col-income",
    "col-costs",
    "col-net-cost",
    "col-allocation",
    "col-original-budget",
    "col-carried-over",
    "col-total-budget",
    "col-share",
    "money-note-unit",
    "money-note-sign-income-negative",
    "money-note-sign-income-positive",
    "money-note-sign-unsigned",
    "money-note-difference",
    "money-note-sum",
    "money-note-share",
    // Statements and notes.
    "report-subject-organisation",
    "statement-col-note",
    "statement-col-unit",
    "statement-note-income",
    "statement-note-cash-flow",
    "statement-note-dash",
    "note-heading",
    "note-back",
    // Charts.
    "chart-kind-columns",
    "chart-kind-bars",
    "chart-kind-lines",
    "chart-kind-goal-status",
    "chart-kind-stacked",
    "chart-kind-stacked-bars",
    "chart-count-goals",
    "chart-count-indicators",
    "chart-alt-counts",
    "chart-alt",
    "chart-alt-series",
    "chart-alt-stacked",
    "chart-data",
    "chart-source",
    // Dates in running text.
    MONTH_IDS[0],
    MONTH_IDS[1],
    MONTH_IDS[2],
    MONTH_IDS[3],
    MONTH_IDS[4],
    MONTH_IDS[5],
    MONTH_IDS[6],
    MONTH_IDS[7],
    MONTH_IDS[8],
    MONTH_IDS[9],
    MONTH_IDS[10],
    MONTH_IDS[11],
    "date-long",
    "date-long-no-year",
];

/// Labels of one language.
pub struct Labels {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    /// Where the labels were read from: `None` for a built-in locale.
    source: Option<PathBuf>,
    /// Asked for a message this bundle lacks (a user's locale only).
    fallback: Option<Box<Labels>>,
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Labels")
            .field("lang", &self.lang)
            .field("source", &self.source)
            .field("fallback", &self.fallback)
            .finish()
    }
}

/// Whether a character of a user's locale can be printed (a bundled font has it): the
/// layout's `bokslut_layout::covers`, given to [`Labels::load`].
pub type Printable = fn(char) -> bool;

/// A problem at a place of a user's Fluent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentProblem {
    /// The file, as the error names it.
    pub file: String,
    /// 1-based line and column of the problem.
    pub position: (usize, usize),
    /// The byte offset of the problem in the file.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl FluentProblem {
    /// A problem at byte `offset` of `source`, the text of `file`.
    pub(crate) fn at(file: &str, source: &str, offset: usize, message: String) -> FluentProblem {
        FluentProblem {
            file: file.to_owned(),
            position: bokslut_core::line_col(source, offset),
            offset,
            message,
        }
    }
}

impl std::fmt::Display for FluentProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, column) = self.position;
        write!(f, "{}:{line}:{column}: {}", self.file, self.message)
    }
}

/// Why the labels of a language cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LocaleError {
    /// The language is no language tag (`--locale`, or a report's `locale`).
    Tag {
        /// The tag as given.
        tag: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The locales directory, a directory or a file in it cannot be read: it does not exist,
    /// holds no `.ftl` file, is too large or not UTF-8 text.
    Read {
        /// The directory or file.
        path: PathBuf,
        /// What is wrong, naming the path.
        message: String,
    },
    /// Fluent cannot parse the files: each syntax error at its place.
    Syntax(Vec<FluentProblem>),
    /// The text nests too deep or has a character no bundled font prints.
    Refused(FluentProblem),
    /// Messages would print references that nothing resolves (`{b}`, `{$value}`, `{-t}`).
    Unresolved(Vec<FluentProblem>),
    /// Messages defined twice in one locale.
    DefinedTwice {
        /// The file that defines them again.
        file: String,
        /// The messages' ids.
        ids: Vec<String>,
    },
}

fn joined(problems: &[FluentProblem]) -> String {
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    text.join("; ")
}

impl std::fmt::Display for LocaleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocaleError::Tag { problem, .. } => write!(f, "{problem}"),
            LocaleError::Read { message, .. } => write!(f, "{message}"),
            LocaleError::Syntax(problems) => {
                write!(f, "Fluent syntax error: {}", joined(problems))
            }
            LocaleError::Refused(problem) => write!(f, "{problem}"),
            LocaleError::Unresolved(problems) => write!(
                f,
                "the locale's messages would print unresolved references: {}",
                joined(problems)
            ),
            LocaleError::DefinedTwice { file, ids } => write!(
                f,
                "{file}: message(s) defined twice in the locale: {}",
                ids.join(", ")
            ),
        }
    }
}

impl std::error::Error for LocaleError {}

/// The primary language subtag of a tag: `en` of `en-GB`.
pub(crate) fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or_default()
}

/// Parses Fluent source; an error names the file, line and column of each syntax error.
fn parse(name: &str, source: String) -> Result<FluentResource, LocaleError> {
    FluentResource::try_new(source).map_err(|(resource, errors)| {
        let text = resource.source();
        let problems = errors
            .iter()
            .map(|e| FluentProblem::at(name, text, e.pos.start, e.to_string()))
            .collect();
        LocaleError::Syntax(problems)
    })
}

impl Labels {
    /// The built-in labels for a language tag (`sv`, `en`, `en-GB`), falling back to Swedish.
    pub fn builtin(lang: &str) -> Labels {
        let primary = primary(lang);
        let (tag, source) = BUILTIN
            .iter()
            .find(|(tag, _)| *tag == primary)
            .or_else(|| BUILTIN.iter().find(|(tag, _)| *tag == DEFAULT_LANGUAGE))
            .copied()
            .unwrap_or(BUILTIN[0]);
        // Every character of a built-in locale prints: a test of `bokslut-layout` checks them
        // against its fonts.
        Labels::from_source(tag, source, |_| true)
            .unwrap_or_else(|e| unreachable!("built-in locale {tag} does not parse: {e}"))
    }

    /// Whether bokslut has built-in labels for a language tag (`en-GB` counts as `en`).
    pub fn is_builtin(lang: &str) -> bool {
        BUILTIN.iter().any(|(tag, _)| *tag == primary(lang))
    }

    /// Labels from Fluent source text; errors give the line and column Fluent stopped at, or
    /// of the first character that is not `printable`.
    pub fn from_source(
        lang: &str,
        source: &str,
        printable: Printable,
    ) -> Result<Labels, LocaleError> {
        Labels::from_files(
            lang,
            &[(format!("<{lang}>"), source.to_owned())],
            None,
            printable,
        )
    }

    /// Labels from several Fluent files of one language: (name for errors, source).
    fn from_files(
        lang: &str,
        files: &[(String, String)],
        source: Option<PathBuf>,
        printable: Printable,
    ) -> Result<Labels, LocaleError> {
        let langid: LanguageIdentifier = lang.parse().map_err(|e| LocaleError::Tag {
            tag: lang.to_owned(),
            problem: format!("invalid language tag `{lang}`: {e}"),
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid.clone()]);
        // Labels end up in a PDF, not in bidirectional UI text: no isolation marks.
        bundle.set_use_isolating(false);
        let mut resources = Vec::with_capacity(files.len());
        for (name, text) in files {
            crate::ftl::check_nesting(name, text).map_err(LocaleError::Refused)?;
            crate::ftl::check_characters(name, text, printable).map_err(LocaleError::Refused)?;
            resources.push((name.clone(), parse(name, text.clone())?));
        }
        let unresolved = crate::ftl::check_references(&resources);
        if !unresolved.is_empty() {
            return Err(LocaleError::Unresolved(unresolved));
        }
        for (name, resource) in resources {
            bundle.add_resource(resource).map_err(|errors| {
                let ids = errors
                    .iter()
                    .map(|e| match e {
                        fluent_bundle::FluentError::Overriding { id, .. } => format!("`{id}`"),
                        other => other.to_string(),
                    })
                    .collect();
                LocaleError::DefinedTwice {
                    file: name.clone(),
                    ids,
                }
            })?;
        }
        Ok(Labels {
            lang: langid.language.as_str().to_owned(),
            bundle,
            source,
            fallback: None,
        })
    }

    /// A user's locale: every `*.ftl` file in `dir/<lang>/` (or `dir/<primary subtag>/`),
    /// read in the order of their names. A message these files lack is taken from the
    /// built-in locale of the language, else from Swedish; [`Labels::missing`] lists them.
    ///
    /// `Ok(None)` when `dir` holds no directory for the language. An error names the file (and
    /// line) that cannot be read or parsed, or the first character that is not `printable`
    /// (outside comments).
    pub fn load(
        dir: &Path,
        lang: &str,
        printable: Printable,
    ) -> Result<Option<Labels>, LocaleError> {
        // A tag of letters, digits and `-` only: it never names a path outside `dir`.
        if let Some(problem) = bokslut_core::lang::language_tag_problem(lang) {
            return Err(LocaleError::Tag {
                tag: lang.to_owned(),
                problem,
            });
        }
        let unread = |path: &Path, message: String| LocaleError::Read {
            path: path.to_path_buf(),
            message,
        };
        if !dir.is_dir() {
            return Err(unread(
                dir,
                format!(
                    "the locales directory {} does not exist or is not a directory",
                    dir.display()
                ),
            ));
        }
        let Some(lang_dir) = [lang, primary(lang)]
            .iter()
            .map(|l| dir.join(l))
            .find(|d| d.is_dir())
        else {
            return Ok(None);
        };
        let read_error = |path: &Path, e: std::io::Error| {
            unread(path, format!("cannot read {}: {e}", path.display()))
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(&lang_dir).map_err(|e| read_error(&lang_dir, e))? {
            let path = entry.map_err(|e| read_error(&lang_dir, e))?.path();
            if path.extension().is_some_and(|x| x == "ftl") && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(unread(
                &lang_dir,
                format!("no .ftl file in {}", lang_dir.display()),
            ));
        }
        let mut files = Vec::new();
        for path in &paths {
            let bytes = bokslut_core::input::read_bounded(path, MAX_LOCALE_FILE_BYTES)
                .map_err(|e| unread(path, format!("{}: {e}", path.display())))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                unread(
                    path,
                    format!("{}: the file is not valid UTF-8 text", path.display()),
                )
            })?;
            files.push((path.display().to_string(), text));
        }
        let mut labels = Labels::from_files(lang, &files, Some(lang_dir), printable)?;
        labels.fallback = Some(Box::new(Labels::builtin(lang)));
        Ok(Some(labels))
    }

    /// The language of these labels: the primary subtag (`en` of `en-GB`).
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The directory of a user's locale; `None` for a built-in one.
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// The labels used for messages these lack: the language of [`Labels::missing`].
    pub fn fallback(&self) -> Option<&Labels> {
        self.fallback.as_deref()
    }

    /// The messages of [`MESSAGE_IDS`] these labels lack (and take from the fallback).
    pub fn missing(&self) -> Vec<&'static str> {
        MESSAGE_IDS
            .iter()
            .copied()
            .filter(|id| !self.has(id))
            .collect()
    }

    /// Whether a message exists in these labels (not counting the fallback).
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without variables.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message with string variables. A message these labels lack comes from the fallback;
    /// one missing there too yields its id in brackets, so a gap is visible (the locale tests
    /// make sure no built-in message is missing).
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        debug_assert!(
            MESSAGE_IDS.contains(&id),
            "the layout asks for `{id}`, which is not in MESSAGE_IDS"
        );
        debug_assert!(
            args.iter()
                .all(|(name, _)| crate::ftl::variables(id).contains(name)),
            "the layout gives `{id}` a variable not in ftl::VARIABLES"
        );
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return match &self.fallback {
                Some(fallback) => fallback.format(id, args),
                None => format!("[{id}]"),
            };
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

    fn month(&self, month: u32) -> String {
        self.get(MONTH_IDS[(month as usize).clamp(1, 12) - 1])
    }

    /// A period for running text: "1 januari–31 juli 2020", the first year left out when
    /// both ends fall in the same year.
    pub fn long_period(&self, start: Date, end: Date) -> String {
        use chrono::Datelike;
        let start_text = if start.0.year() == end.0.year() {
            let s = start.0;
            self.format(
                "date-long-no-year",
                &[
                    ("day", &s.day().to_string()),
                    ("month", &self.month(s.month())),
                ],
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
        self.format(
            "date-long",
            &[
                ("day", &d.day().to_string()),
                ("month", &self.month(d.month())),
                ("year", &d.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::format::NumberFormat;

    /// The message ids a Fluent file defines, read from its lines (`id = …`), independently
    /// of fluent-bundle.
    fn ids_in(source: &str) -> BTreeSet<&str> {
        source
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(id, _)| id.trim_end())
            .filter(|id| {
                id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .collect()
    }

    #[test]
    fn every_builtin_locale_has_exactly_the_messages_of_the_layout() {
        let layout: BTreeSet<&str> = MESSAGE_IDS.iter().copied().collect();
        assert_eq!(
            layout.len(),
            MESSAGE_IDS.len(),
            "MESSAGE_IDS has duplicates"
        );
        for (tag, source) in BUILTIN {
            let defined = ids_in(source);
            let missing: Vec<_> = layout.difference(&defined).collect();
            let unused: Vec<_> = defined.difference(&layout).collect();
            assert!(
                missing.is_empty(),
                "locales/{tag}: the layout uses messages it lacks: {missing:?}"
            );
            assert!(
                unused.is_empty(),
                "locales/{tag}: messages not in MESSAGE_IDS (missing from other locales, or \
                 unused by the layout): {unused:?}"
            );
            let labels = Labels::builtin(tag);
            assert!(labels.missing().is_empty(), "{tag}: {:?}", labels.missing());
        }
    }

    /// String literals of Rust source that look like message ids (`col-budget`).
    fn id_like_literals(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = source.replace("'\"'", "");
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let mut end = 0;
            let mut escaped = false;
            for (i, c) in after.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = i;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let literal = &after[..end];
            let id_like = literal.contains('-')
                && literal.starts_with(|c: char| c.is_ascii_lowercase())
                && !literal.ends_with('-')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if id_like {
                out.push(literal.to_owned());
            }
            rest = after[end + 1..].to_owned();
        }
        out
    }

    #[test]
    fn the_layout_asks_only_for_listed_messages() {
        // The layout looks labels up here only (lib.rs and world.rs hand them on); an id
        // asked for anywhere else trips the `debug_assert!` of `Labels::format` in any test
        // that renders.
        let sources = [
            ("document.rs", include_str!("document.rs")),
            ("money.rs", include_str!("money.rs")),
            ("labels.rs", include_str!("labels.rs")),
        ];
        let mut found = 0;
        for (file, source) in sources {
            // Only the code: the tests below quote Fluent syntax and ids on purpose.
            let code = source.split("#[cfg(test)]").next().unwrap();
            for id in id_like_literals(code) {
                found += 1;
                assert!(
                    MESSAGE_IDS.contains(&id.as_str()),
                    "{file} asks for `{id}`, which is not in MESSAGE_IDS"
                );
            }
        }
        assert!(
            found >= MESSAGE_IDS.len(),
            "the scan finds the ids: {found}"
        );
        assert_eq!(
            id_like_literals(r#"l("col-x") + "a \"b-c\"" + "x-1""#),
            ["col-x", "x-1"]
        );
    }

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
        assert_eq!(en.lang(), "en");
        assert_eq!(
            en.format("page-of", &[("page", "3"), ("total", "9")]),
            "Page 3 of 9"
        );
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
        assert_eq!(en.long_period(a, b), "Period 1 January – 31 July 2020");
        assert_eq!(
            en.long_date(Date::from_ymd(2021, 12, 1).unwrap()),
            "1 December 2021"
        );
    }

    /// Amounts, counts and targets as the layout builds them: the number from the one
    /// formatter, the words and their order from the locale.
    #[test]
    fn amounts_counts_and_targets_in_both_languages() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let case = |lang: &str, id: &str, value: &str| {
            let labels = Labels::builtin(lang);
            let number = NumberFormat::for_language(lang).number(d(value));
            labels.format(id, &[("value", &number)])
        };
        assert_eq!(case("sv", "amount-tkr", "1579"), "1\u{202F}579\u{A0}tkr");
        assert_eq!(
            case("sv", "amount-tkr", "-34559"),
            "\u{2212}34\u{202F}559\u{A0}tkr"
        );
        assert_eq!(
            case("sv", "amount-mnkr", "1234567.5"),
            "1\u{202F}234\u{202F}567,5\u{A0}mnkr"
        );
        assert_eq!(case("sv", "amount-kr", "0"), "0\u{A0}kr");
        assert_eq!(case("en", "amount-tkr", "1579"), "SEK\u{A0}1,579k");
        assert_eq!(
            case("en", "amount-tkr", "-34559"),
            "SEK\u{A0}\u{2212}34,559k"
        );
        assert_eq!(case("en", "amount-mnkr", "12.5"), "SEK\u{A0}12.5m");
        assert_eq!(case("en", "amount-kr", "1000000"), "SEK\u{A0}1,000,000");
        assert_eq!(case("en", "amount-kr", "0"), "SEK\u{A0}0");

        let count = |lang: &str, unit: &str| {
            let labels = Labels::builtin(lang);
            let value = labels.format("value-count", &[("value", "10"), ("unit", unit)]);
            labels.format("target-at-most", &[("value", &value)])
        };
        assert_eq!(count("sv", "st"), "högst 10\u{A0}st");
        assert_eq!(count("en", "st"), "at most 10");
        assert_eq!(count("en", "days"), "at most 10\u{A0}days");
        assert_eq!(
            case("sv", "target-increase-from", "71.13"),
            "Öka från 71,13"
        );
        assert_eq!(
            case("en", "target-increase-from", "71.13"),
            "Increase from 71.13"
        );

        let outcome = |lang: &str| {
            let labels = Labels::builtin(lang);
            let date = Date::from_ymd(2020, 7, 31).unwrap();
            labels.format(
                "col-outcome",
                &[
                    ("date", &date.to_string()),
                    ("date-long", &labels.long_date(date)),
                ],
            )
        };
        assert_eq!(outcome("sv"), "Utfall 2020-07-31");
        assert_eq!(outcome("en"), "Outcome 31 July 2020");
    }

    /// Every character printable.
    const ALL: Printable = |_| true;

    fn locale_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_user_locale_falls_back_to_swedish_message_by_message() {
        let dir = locale_dir(&[
            ("fi/a.ftl", "toc-title = Sisällysluettelo\n"),
            ("fi/b.ftl", "page-of = Sivu { $page } / { $total }\n"),
        ]);
        let fi = Labels::load(dir.path(), "fi", ALL).unwrap().unwrap();
        assert_eq!(fi.lang(), "fi");
        assert_eq!(fi.source(), Some(dir.path().join("fi").as_path()));
        assert_eq!(fi.fallback().unwrap().lang(), "sv");
        assert_eq!(fi.get("toc-title"), "Sisällysluettelo");
        assert_eq!(
            fi.format("page-of", &[("page", "3"), ("total", "9")]),
            "Sivu 3 / 9"
        );
        assert_eq!(fi.get("col-budget"), "Budget");
        assert_eq!(fi.get("row-total"), "Summa");
        let missing = fi.missing();
        assert_eq!(missing.len(), MESSAGE_IDS.len() - 2);
        assert!(!missing.contains(&"toc-title") && missing.contains(&"row-total"));
        // A region subtag finds the language's directory; a language without one is none.
        assert!(Labels::load(dir.path(), "fi-FI", ALL).unwrap().is_some());
        assert!(Labels::load(dir.path(), "de", ALL).unwrap().is_none());
        // A user's English falls back to the built-in English, not to Swedish.
        let dir = locale_dir(&[("en/report.ftl", "toc-title = Table of contents\n")]);
        let en = Labels::load(dir.path(), "en", ALL).unwrap().unwrap();
        assert_eq!(en.get("toc-title"), "Table of contents");
        assert_eq!(en.get("row-total"), "Total");
    }

    #[test]
    fn a_bad_user_locale_is_an_error_naming_file_and_line() {
        let dir = locale_dir(&[(
            "fi/report.ftl",
            "toc-title = Sisällysluettelo\n\npage-of Sivu { $page }\n",
        )]);
        let error = Labels::load(dir.path(), "fi", ALL).unwrap_err();
        let file = dir.path().join("fi/report.ftl").display().to_string();
        let LocaleError::Syntax(problems) = &error else {
            panic!("{error:?}");
        };
        assert_eq!((&problems[0].file, problems[0].position.0), (&file, 3));
        assert!(error.to_string().contains(&format!("{file}:3:")), "{error}");
        let dir = locale_dir(&[
            ("fi/a.ftl", "toc-title = A\n"),
            ("fi/b.ftl", "toc-title = B\n"),
        ]);
        let error = Labels::load(dir.path(), "fi", ALL).unwrap_err();
        let LocaleError::DefinedTwice { file, ids } = &error else {
            panic!("{error:?}");
        };
        assert!(
            file.ends_with("b.ftl") && ids == &["`toc-title`"],
            "{error}"
        );
        let dir = locale_dir(&[("fi/readme.txt", "")]);
        let error = Labels::load(dir.path(), "fi", ALL).unwrap_err();
        assert!(
            matches!(&error, LocaleError::Read { path, .. } if path.ends_with("fi")),
            "{error:?}"
        );
        assert!(error.to_string().starts_with("no .ftl file in"), "{error}");
        let error = Labels::load(&dir.path().join("nowhere"), "fi", ALL).unwrap_err();
        assert!(error.to_string().contains("nowhere"), "{error}");
    }
}
