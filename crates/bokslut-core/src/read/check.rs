//! The checks of a report that was read, in one pipeline (sheets read first, so that every
//! check sees their rows), and its findings turned into diagnostics located in the file.

use std::path::Path;

use toml::de::DeTable;

use super::from_json::unmarked;
use super::locate::{locate_json, locate_toml};
use super::{Format, load, read_str};
use crate::diag::{Diagnostic, Severity};
use crate::valid::ValidReport;
use crate::validate::validate;

/// The result of checking an input: the validated report when it has no errors, and every
/// problem.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The report with every figure computed, when it could be read and has no errors (it may
    /// have warnings and notes).
    pub report: Option<ValidReport>,
    /// The problems shown, errors, warnings and notes, in file order where known: at most
    /// [`MAX_FINDINGS`] (errors first), so that messages stay readable and their size bounded.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors found but not in `diagnostics` (beyond [`MAX_FINDINGS`]).
    pub omitted_errors: usize,
    /// Warnings found but not in `diagnostics`.
    pub omitted_warnings: usize,
}

/// The most problems of one file shown; the rest are counted ([`Checked::omitted_errors`]).
pub const MAX_FINDINGS: usize = 50;

impl Checked {
    /// A result without a report: the file could not be read.
    fn unread(diagnostics: Vec<Diagnostic>) -> Checked {
        Checked {
            report: None,
            diagnostics,
            omitted_errors: 0,
            omitted_warnings: 0,
        }
    }

    /// Number of errors, shown or not.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count() + self.omitted_errors
    }

    /// Number of warnings, shown or not.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
            + self.omitted_warnings
    }

    /// "12 more errors and 3 more warnings of this file are not shown", when some are not.
    pub fn omitted(&self) -> Option<String> {
        omitted(
            self.omitted_errors,
            self.omitted_warnings,
            self.diagnostics.len(),
        )
    }
}

/// "12 more error(s) and 3 more warning(s) of this file are not shown (the first 50 are)",
/// when `errors` and `warnings` were not shown of a file that showed `shown`.
pub fn omitted(errors: usize, warnings: usize, shown: usize) -> Option<String> {
    (errors + warnings > 0).then(|| {
        format!(
            "{errors} more error(s) and {warnings} more warning(s) of this file are not shown (the first {shown} are)"
        )
    })
}

/// Which checks beyond the semantic ones to run, and how large a file may be read.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Compare the amounts quoted in the report's text with the figures of its tables
    /// (the module `figures`): warnings, for a report being written; off for a render, which
    /// reproduces the text as written.
    pub figures_in_text: bool,
    /// The largest file read, in bytes ([`crate::input::DEFAULT_MAX_INPUT_BYTES`] by
    /// default): a larger one is an error, not read.
    pub max_input_bytes: u64,
    /// Whether the renderer's fonts print a character: a text with a character it refuses
    /// is an error pointing at that character (the module `coverage`). `None` (the default)
    /// checks no characters; `bokslut_layout::covers` is the bundled fonts' predicate.
    pub coverage: Option<fn(char) -> bool>,
    /// Whether the report's profile (`meta.profile`) and a table's `sheet` may name a file
    /// outside the report's directory (`..`, an absolute path, a link that leads out);
    /// refused when false (the default), before the file is opened ([`crate::confine`]).
    pub allow_outside_paths: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            figures_in_text: false,
            max_input_bytes: crate::input::DEFAULT_MAX_INPUT_BYTES,
            coverage: None,
            allow_outside_paths: false,
        }
    }
}

/// Reads and checks a report file: every problem, located in the file.
pub fn check_file(path: &Path) -> Checked {
    check_file_with(path, CheckOptions::default())
}

/// [`check_file`] with more checks.
pub fn check_file_with(path: &Path, options: CheckOptions) -> Checked {
    match load(path, options.max_input_bytes) {
        Ok((text, format)) => check_str_with(&text, format, path, options),
        Err(diagnostics) => Checked::unread(diagnostics),
    }
}

/// Reads and checks a report from text.
pub fn check_str(text: &str, format: Format, origin: &Path) -> Checked {
    check_str_with(text, format, origin, CheckOptions::default())
}

/// [`check_str`] with more checks; the files it names (sheets) are read beside `origin`, and
/// only inside its directory unless [`CheckOptions::allow_outside_paths`].
pub fn check_str_with(text: &str, format: Format, origin: &Path, options: CheckOptions) -> Checked {
    let base = origin.parent().unwrap_or(Path::new(""));
    let files = crate::files::Disk::new(base, options.allow_outside_paths);
    check_str_in(text, format, origin, options, &files)
}

/// [`check_str_with`] with the files the report names taken from `files`: from memory
/// ([`crate::files::Memory`]) for a program that has no file system. A profile the report
/// names (`meta.profile`) must then be supplied by the program itself: it is not resolved.
pub fn check_str_in(
    text: &str,
    format: Format,
    origin: &Path,
    options: CheckOptions,
    files: &dyn crate::files::Files,
) -> Checked {
    check(text, format, origin, options, files, Follow::All)
}

/// Checks an earlier year's report that a table takes columns from ([`crate::earlier`]): as
/// [`check_str_in`], but its own `earlier` is not followed.
fn check_earlier(
    text: &str,
    format: Format,
    origin: &Path,
    options: CheckOptions,
    files: &dyn crate::files::Files,
) -> Checked {
    check(text, format, origin, options, files, Follow::Nothing)
}

/// Checks a report included as a part of another ([`crate::parts`]): as [`check_str_in`],
/// but a part includes no parts itself.
fn check_part(
    text: &str,
    format: Format,
    origin: &Path,
    options: CheckOptions,
    files: &dyn crate::files::Files,
) -> Checked {
    check(text, format, origin, options, files, Follow::Part)
}

/// What a check follows of the other reports a report names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follow {
    /// Its parts and its tables' `earlier` and `boards` reports.
    All,
    /// Its tables' `earlier` and `boards` reports; it may have no parts (it is one).
    Part,
    /// Nothing: an earlier year's report, whose own `earlier` is not followed.
    Nothing,
}

/// [`check_str_in`], following the other reports the report names as `follow` says.
fn check(
    text: &str,
    format: Format,
    origin: &Path,
    options: CheckOptions,
    files: &dyn crate::files::Files,
    follow: Follow,
) -> Checked {
    let text = &*match format {
        Format::Json => unmarked(text),
        Format::Toml => text.into(),
    };
    let mut report = match read_str(text, format, origin) {
        Ok(report) => report,
        Err(diagnostics) => return Checked::unread(diagnostics),
    };
    // Tables that take their rows from a sheet get them now, so that every check sees them.
    let sheets = crate::sheet::SheetOptions {
        files,
        max_bytes: options.max_input_bytes,
    };
    let (mut sheet_findings, origins) = crate::sheet::resolve(&mut report, sheets);
    let (goal_findings, goal_origins) = crate::sheet::resolve_goals(&mut report, sheets);
    sheet_findings.extend(goal_findings);
    // The parts first, each opened once: a table's `boards` takes its rows from them.
    let (included, mut part_findings) = match follow {
        Follow::All => crate::parts::open(&report.parts, files, &|name| {
            open_part(name, files, options)
        }),
        _ => (Vec::new(), Vec::new()),
    };
    if follow == Follow::Part && !report.parts.is_empty() {
        part_findings.push(crate::location::Finding::error(
            crate::location::Path::default().key("parts"),
            "this report is included as a part of another, so it cannot include parts itself: include every board's report in the municipality's report".into(),
        ));
    }
    // After the sheets (a table's rows may come from one), before the tables are computed.
    // An earlier report's own `earlier` is not followed: one year back is what a table shows.
    let earlier = if follow == Follow::Nothing {
        Vec::new()
    } else {
        crate::earlier::resolve(&mut report, &|name| match included
            .iter()
            .find(|p| crate::parts::same(&p.name, name))
        {
            Some(part) => Ok(crate::earlier::Opened {
                tables: part.report.tables_by_id(),
                board: part.report.report().meta.board.clone(),
            }),
            None => open_earlier(name, files, options),
        })
    };
    let mut findings = crate::limits::check(&report);
    findings.extend(crate::parts::check(&report));
    findings.extend(part_findings);
    findings.extend(earlier);
    let profile = crate::valid::profile_file(&report, files, &mut findings);
    findings.extend(validate(&report));
    if let Some(coverage) = options.coverage {
        findings.extend(crate::coverage::check(&report, coverage));
    }
    let (tables, computing) = crate::valid::compute_tables(&report);
    findings.extend(computing);
    if let Some(tables) = &tables {
        // Where a part's table stands, for a message about it: read again only then.
        let lines = |name: &str, id: &str| {
            let text = files.read(name, options.max_input_bytes).ok()?;
            let text = String::from_utf8(text).ok()?;
            let toml = format!("id = \"{id}\"");
            let json = format!("\"id\": \"{id}\"");
            text.lines()
                .position(|l| l.contains(&toml) || l.contains(&json))
                .map(|l| l + 1)
        };
        findings.extend(crate::parts::agree(&report, tables, &included, &lines));
    }
    let (goals, assessing) = crate::valid::assess_goals(&report);
    findings.extend(assessing);
    let (statements, stating) = crate::statement::compute(&report);
    findings.extend(stating);
    let (charts, charting) = crate::chart::resolve(
        &report,
        tables.as_deref(),
        statements.as_ref(),
        goals.as_deref(),
    );
    findings.extend(charting);
    let (bound, binding) = crate::bound::resolve(&report, tables.as_deref(), statements.as_ref());
    findings.extend(binding);
    if options.figures_in_text
        && let Some(tables) = &tables
    {
        findings.extend(crate::figures::check(&report, tables, statements.as_ref()));
    }
    crate::sheet::relocate(&mut findings, &origins);
    crate::sheet::relocate_goals(&mut findings, &goal_origins);
    // The sheets' own findings first (they are located in the report as written already).
    findings.splice(0..0, sheet_findings);
    // Only the first findings are shown (errors first, then warnings, each in the order of
    // the report): the rest are counted, not located.
    let (mut omitted_errors, mut omitted_warnings) = (0, 0);
    if findings.len() > MAX_FINDINGS {
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for dropped in findings.drain(MAX_FINDINGS..) {
            match dropped.severity {
                Severity::Error => omitted_errors += 1,
                Severity::Warning => omitted_warnings += 1,
                Severity::Note => {}
            }
        }
    }
    // Positions are needed only for findings: parse the TOML layout again only then.
    let table = match format {
        Format::Toml if !findings.is_empty() => DeTable::parse(text).ok(),
        _ => None,
    };
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|finding| {
            let span = match (format, &table) {
                (Format::Toml, Some(t)) => locate_toml(t.get_ref(), &finding.path),
                (Format::Json, _) => locate_json(text, &finding.path).map(|at| at..at),
                _ => None,
            };
            // Point at the text the finding is about, when it stands in the file as it is
            // in the value (no escapes in it): the first time it does after the value's key.
            let span = match (span, &finding.needle) {
                (Some(at), Some(needle)) => text
                    .get(at.start..)
                    .and_then(|rest| rest.find(needle.as_str()))
                    .map(|found| at.start + found..at.start + found + needle.len())
                    .or(Some(at)),
                (span, _) => span,
            };
            let offset = span.as_ref().map(|s| s.start);
            let mut d = Diagnostic::at(finding.severity, origin, text, offset, finding.message);
            d.hints = finding.hints;
            d.path = Some(finding.path.to_string());
            d.span = span;
            d
        })
        .collect();
    diagnostics.sort_by_key(|d| d.position);
    let valid = match (tables, goals, statements, charts, bound) {
        (Some(tables), Some(goals), Some(statements), Some(charts), Some(bound))
            if omitted_errors == 0 && !diagnostics.iter().any(Diagnostic::is_error) =>
        {
            Some(
                ValidReport::new(report, tables, goals, statements, charts, bound, profile)
                    .with_included(included),
            )
        }
        _ => None,
    };
    Checked {
        report: valid,
        diagnostics,
        omitted_errors,
        omitted_warnings,
    }
}

/// Reads, checks and computes the part `name` (a board's report the report includes): the
/// report, or why not (its first error, with its file, line and column).
fn open_part(
    name: &str,
    files: &dyn crate::files::Files,
    options: CheckOptions,
) -> Result<ValidReport, String> {
    let Some(format) = Format::from_path(std::path::Path::new(name)) else {
        return Err(format!(
            "the part {name} is no report file: expected a .toml or .json file"
        ));
    };
    let bytes = files
        .read(name, options.max_input_bytes)
        .map_err(|why| format!("the part {name}: {why}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("the part {name} is not valid UTF-8 text: save it as UTF-8"))?;
    let dir = std::path::Path::new(name)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside = crate::earlier::Beside { files, dir };
    let checked = check_part(&text, format, std::path::Path::new(name), options, &beside);
    match checked.report {
        Some(valid)
            if !(valid.statements().tables.is_empty() && valid.statements().notes.is_empty()) =>
        {
            Err(format!(
                "the part {name} has statements or notes: an included report cannot have them yet (its notes would be numbered apart from the report's); give the statements in the including report"
            ))
        }
        Some(valid) => Ok(valid),
        None => Err(format!(
            "the part {name} does not pass check ({} error(s){})",
            checked.errors(),
            first_error(&checked, name)
        )),
    }
}

/// "; the first at NAME:L:C: MESSAGE" for the first error of `checked`, or nothing.
fn first_error(checked: &Checked, name: &str) -> String {
    checked
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| {
            let at = d
                .position
                .map(|(l, c)| format!(" at {name}:{l}:{c}"))
                .unwrap_or_default();
            format!("; the first{at}: {}", d.message)
        })
        .unwrap_or_default()
}

/// Reads, checks and computes the earlier report `name`: its tables by id, or why not.
fn open_earlier(
    name: &str,
    files: &dyn crate::files::Files,
    options: CheckOptions,
) -> crate::earlier::Read {
    let Some(format) = Format::from_path(std::path::Path::new(name)) else {
        return Err(format!(
            "the earlier report {name} is no report file: expected a .toml or .json file"
        ));
    };
    let bytes = files
        .read(name, options.max_input_bytes)
        .map_err(|why| format!("the earlier report {name}: {why}"))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("the earlier report {name} is not valid UTF-8 text: save it as UTF-8")
    })?;
    let dir = std::path::Path::new(name)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside = crate::earlier::Beside { files, dir };
    let checked = check_earlier(&text, format, std::path::Path::new(name), options, &beside);
    match checked.report {
        Some(valid) => Ok(crate::earlier::Opened {
            tables: valid.tables_by_id(),
            board: valid.report().meta.board.clone(),
        }),
        None => {
            let first = checked
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| {
                    let at = d
                        .position
                        .map(|(l, c)| format!(" at {l}:{c}"))
                        .unwrap_or_default();
                    format!("; the first{at}: {}", d.message)
                })
                .unwrap_or_default();
            Err(format!(
                "the earlier report {name} does not pass check ({} error(s){first})",
                checked.errors()
            ))
        }
    }
}
