//! Reading a report file (TOML or JSON) into the [`Report`] model, and locating every
//! problem in it.
//!
//! Errors name the file, the line and the column, and say what was expected. Numbers stay
//! exact: a TOML float such as `6.06` is handed to the model as its source text, never as an
//! `f64`; TOML dates are handed over as `YYYY-MM-DD` text, so that TOML and JSON files of the
//! same shape read the same. Several unknown fields in one TOML file are all reported in one
//! run; other type errors stop reading at the first one, as serde does.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Severity, suggest};
use crate::model::{FORMAT_VERSION, Report};
use crate::valid::ValidReport;
use crate::validate::{Path as DataPath, Seg, validate};

/// The syntax of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
}

impl Format {
    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

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
        let (e, w) = (self.omitted_errors, self.omitted_warnings);
        (e + w > 0).then(|| {
            let shown = self.diagnostics.len();
            format!(
                "{e} more error(s) and {w} more warning(s) of this file are not shown (the first {shown} are)"
            )
        })
    }
}

/// Reads a report file; the format comes from the extension (`.toml` or `.json`). Only
/// reading: see [`check_file`] for the semantic checks too.
pub fn read_file(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let (text, format) = load(path, crate::limits::DEFAULT_MAX_INPUT_BYTES)?;
    read_str(&text, format, path)
}

/// Reads a report from text. `origin` names it in errors.
pub fn read_str(text: &str, format: Format, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    match format {
        Format::Toml => read_toml(text, origin),
        Format::Json => read_json(text, origin),
    }
}

/// Which checks beyond the semantic ones to run, and how large a file may be read.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Compare the amounts quoted in the report's text with the figures of its tables
    /// ([`crate::figures`]): warnings, for a report being written; off for a render, which
    /// reproduces the text as written.
    pub figures_in_text: bool,
    /// The largest file read, in bytes ([`crate::limits::DEFAULT_MAX_INPUT_BYTES`] by
    /// default): a larger one is an error, not read.
    pub max_input_bytes: u64,
    /// Whether the renderer's fonts print a character: a text with a character it refuses
    /// is an error pointing at that character ([`crate::coverage`]). `None` (the default)
    /// checks no characters; `bokslut_layout::covers` is the bundled fonts' predicate.
    pub coverage: Option<fn(char) -> bool>,
    /// Whether a table's `sheet` may name a file outside the report's directory (`..`, an
    /// absolute path, a link that leads out); refused when false (the default).
    pub allow_outside_paths: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            figures_in_text: false,
            max_input_bytes: crate::limits::DEFAULT_MAX_INPUT_BYTES,
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

/// [`check_str`] with more checks.
pub fn check_str_with(text: &str, format: Format, origin: &Path, options: CheckOptions) -> Checked {
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
        base: origin.parent().unwrap_or(Path::new("")),
        allow_outside: options.allow_outside_paths,
        max_bytes: options.max_input_bytes,
    };
    let (mut sheet_findings, origins) = crate::sheet::resolve(&mut report, sheets);
    let (goal_findings, goal_origins) = crate::sheet::resolve_goals(&mut report, sheets);
    sheet_findings.extend(goal_findings);
    let mut findings = crate::limits::check(&report);
    findings.extend(validate(&report));
    if let Some(coverage) = options.coverage {
        findings.extend(crate::coverage::check(&report, coverage));
    }
    let (tables, computing) = crate::valid::compute_tables(&report);
    findings.extend(computing);
    let (goals, assessing) = crate::valid::assess_goals(&report);
    findings.extend(assessing);
    if options.figures_in_text
        && let Some(tables) = &tables
    {
        findings.extend(crate::figures::check(&report, tables));
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
            let offset = match (format, &table) {
                (Format::Toml, Some(t)) => locate_toml(t.get_ref(), &finding.path).map(|r| r.start),
                (Format::Json, _) => locate_json(text, &finding.path),
                _ => None,
            };
            // Point at the text the finding is about, when it stands in the file as it is
            // in the value (no escapes in it): the first time it does after the value's key.
            let offset = match (offset, &finding.needle) {
                (Some(at), Some(needle)) => text
                    .get(at..)
                    .and_then(|rest| rest.find(needle.as_str()))
                    .map(|found| at + found)
                    .or(Some(at)),
                _ => offset,
            };
            let mut d = Diagnostic::at(finding.severity, origin, text, offset, finding.message);
            d.path = Some(finding.path.to_string());
            d
        })
        .collect();
    diagnostics.sort_by_key(|d| d.position);
    let valid = match (tables, goals) {
        (Some(tables), Some(goals))
            if omitted_errors == 0 && !diagnostics.iter().any(Diagnostic::is_error) =>
        {
            Some(ValidReport::new(report, tables, goals))
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

fn load(path: &Path, max_bytes: u64) -> Result<(String, Format), Vec<Diagnostic>> {
    let fail = |message: String| vec![Diagnostic::at(Severity::Error, path, "", None, message)];
    let format = Format::from_path(path)
        .ok_or_else(|| fail("unknown file type: expected a .toml or .json report file".into()))?;
    let bytes = crate::limits::read_bounded(path, max_bytes).map_err(fail)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        vec![Diagnostic::at(
            Severity::Error,
            path,
            &text,
            Some(offset),
            "the file is not valid UTF-8 text: save it as UTF-8".into(),
        )]
    })?;
    Ok((text, format))
}

fn error(origin: &Path, text: &str, offset: Option<usize>, message: &str) -> Diagnostic {
    Diagnostic::at(
        Severity::Error,
        origin,
        text,
        offset,
        suggest(&plain(message)),
    )
}

/// Serde's message for an array where a struct belongs ("invalid length 0, expected struct
/// Meta with 7 elements") speaks of Rust; say what the file should hold instead.
fn plain(message: &str) -> String {
    if message.starts_with("invalid length ")
        && let Some((_, rest)) = message.split_once(", expected struct ")
        && let Some((name, _)) = rest.split_once(" with ")
    {
        return format!(
            "expected a table of named fields (an object in JSON) for `{}`, found an array",
            name.to_lowercase()
        );
    }
    message.to_owned()
}

fn read_json(text: &str, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    let text = &*unmarked(text);
    let report = serde_json::from_str::<Report>(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        let offset = (e.line() > 0).then(|| offset_of(text, e.line(), e.column()));
        vec![error(origin, text, offset, message)]
    })?;
    check_version(&report, text, origin)?;
    Ok(report)
}

/// JSON text without its byte-order mark (as Windows tools write one), which is no part of
/// the JSON: blanked out, not removed, so that every position stays where it is in the file.
fn unmarked(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => format!("{:1$}{rest}", "", '\u{FEFF}'.len_utf8()).into(),
        None => text.into(),
    }
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn check_version(report: &Report, text: &str, origin: &Path) -> Result<(), Vec<Diagnostic>> {
    if report.format_version == 0 || report.format_version > FORMAT_VERSION {
        let offset = text.find("format_version");
        return Err(vec![error(
            origin,
            text,
            offset,
            &format!(
                "unsupported format_version {}: this build of bokslut reads versions 1 to {FORMAT_VERSION}",
                report.format_version
            ),
        )]);
    }
    Ok(())
}

/// Most unknown fields reported in one run.
const MAX_UNKNOWN_FIELDS: usize = 50;

fn read_toml(text: &str, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    let (mut table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let mut diagnostics: Vec<Diagnostic> = syntax
            .iter()
            .take(MAX_FINDINGS)
            .map(|e| match e.span() {
                Some(span) => error(origin, text, Some(span.start), e.message()),
                // The TOML reader says where neither its nesting limit for dotted keys was hit.
                None if e.message() == "recursion limit" => error(
                    origin,
                    text,
                    crate::limits::deep_toml_key(text),
                    &format!(
                        "a key nests tables more than {} deep: a report needs far fewer",
                        crate::limits::MAX_TOML_DEPTH
                    ),
                ),
                None => error(origin, text, None, e.message()),
            })
            .collect();
        if syntax.len() > MAX_FINDINGS {
            diagnostics.push(Diagnostic::at(
                Severity::Error,
                origin,
                text,
                None,
                format!(
                    "{} more syntax error(s) are not shown (the first {MAX_FINDINGS} are)",
                    syntax.len() - MAX_FINDINGS
                ),
            ));
        }
        return Err(diagnostics);
    }
    if let Some(at) = crate::limits::toml_too_deep(table.get_ref()) {
        crate::limits::dismantle(table.into_inner());
        return Err(vec![error(
            origin,
            text,
            Some(at),
            &format!(
                "tables and arrays are nested more than {} deep here: a report needs far fewer",
                crate::limits::MAX_TOML_DEPTH
            ),
        )]);
    }
    exact_table(table.get_mut());
    // The version decides how the rest is read: check it before anything else.
    let mut diagnostics = Vec::new();
    loop {
        match Report::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(report) => {
                if diagnostics.is_empty() {
                    check_version(&report, text, origin)?;
                    return Ok(report);
                }
                return Err(diagnostics);
            }
            Err(e) => {
                let start = e.span().map(|s| s.start);
                // An unknown field can be set aside to find the next problem; anything else
                // stops reading here.
                let field = e
                    .message()
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split_once('`'))
                    .map(|(name, _)| name);
                let set_aside = match (field, start) {
                    (Some(name), Some(start)) if diagnostics.len() < MAX_UNKNOWN_FIELDS => {
                        set_aside(table.get_mut(), start, name)
                    }
                    _ => None,
                };
                let offset = set_aside.or_else(|| start.map(|s| refine(text, s, e.message())));
                diagnostics.push(error(origin, text, offset, e.message()));
                if set_aside.is_none() {
                    return Err(diagnostics);
                }
            }
        }
    }
}

/// Serde reports errors inside a tagged block (a `[[chapters.blocks]]` table) at the block,
/// because it reads the block in two passes. Point at the offending value instead: the first
/// token the message quotes, searched from the block on.
fn refine(text: &str, offset: usize, message: &str) -> usize {
    let at_header = text.get(offset..).is_some_and(|t| t.starts_with('['));
    let token = message.split('`').nth(1).filter(|t| !t.is_empty());
    let (true, Some(token)) = (at_header, token) else {
        return offset;
    };
    // The block's own sub-tables follow it; the first mention after the block is the one.
    let rest = text.get(offset..).unwrap_or_default();
    rest.find(token).map_or(offset, |i| offset + i)
}

/// Removes the unknown field `name` reported at `offset`: the key itself, or the first key of
/// that name inside the table reported (serde reports fields of tagged blocks at the block).
/// Returns the offset of the removed key.
fn set_aside(table: &mut DeTable<'_>, offset: usize, name: &str) -> Option<usize> {
    if let Some(key) = table
        .keys()
        .find(|k| k.span().start == offset && k.get_ref() == name)
        .cloned()
    {
        table.remove(&key);
        return Some(offset);
    }
    table
        .iter_mut()
        .find_map(|(_, v)| set_aside_in(v, offset, name, false))
}

fn set_aside_in(
    value: &mut Spanned<DeValue<'_>>,
    offset: usize,
    name: &str,
    inside: bool,
) -> Option<usize> {
    let inside = inside || value.span().start == offset;
    match value.get_mut() {
        DeValue::Table(t) => {
            if inside && let Some(key) = t.keys().find(|k| k.get_ref() == name).cloned() {
                t.remove(&key);
                return Some(key.span().start);
            }
            if !inside && let Some(found) = set_aside(t, offset, name) {
                return Some(found);
            }
            t.iter_mut()
                .find_map(|(_, v)| set_aside_in(v, offset, name, inside))
        }
        DeValue::Array(items) => items
            .iter_mut()
            .find_map(|item| set_aside_in(item, offset, name, inside)),
        _ => None,
    }
}

/// Replaces floats by their source text and dates by `YYYY-MM-DD` text, in place.
fn exact_table(table: &mut DeTable<'_>) {
    for (_, value) in table.iter_mut() {
        exact_value(value.get_mut());
    }
}

fn exact_value(value: &mut DeValue<'_>) {
    match value {
        // Integers beyond i64 reach the model as text: serde's buffering of tagged blocks
        // cannot carry 128-bit integers, and the decimal reader takes the digits exactly.
        DeValue::Integer(i) if i.radix() == 10 && i.as_str().parse::<i64>().is_err() => {
            *value = DeValue::String(i.as_str().to_owned().into())
        }
        DeValue::Float(f) => *value = DeValue::String(f.as_str().to_owned().into()),
        DeValue::Datetime(d) => *value = DeValue::String(d.to_string().into()),
        DeValue::Array(items) => items.iter_mut().for_each(|v| exact_value(v.get_mut())),
        DeValue::Table(t) => exact_table(t),
        _ => {}
    }
}

/// The span of the value (or key) at a path of a TOML document.
fn locate_toml(table: &DeTable<'_>, path: &DataPath) -> Option<Range<usize>> {
    let mut span: Option<Range<usize>> = None;
    let mut current: Option<&DeValue<'_>> = None;
    let mut root = Some(table);
    for seg in &path.0 {
        match seg {
            Seg::Key(k) => {
                let t = match current {
                    Some(DeValue::Table(t)) => t,
                    None => root.take()?,
                    _ => return span,
                };
                let Some((key, value)) = t.iter().find(|(key, _)| key.get_ref() == k.as_ref())
                else {
                    return span;
                };
                span = Some(key.span());
                current = Some(value.get_ref());
            }
            Seg::Index(i) => {
                let Some(DeValue::Array(items)) = current else {
                    return span;
                };
                let Some(item) = items.get(*i) else {
                    return span;
                };
                span = Some(item.span());
                current = Some(item.get_ref());
            }
        }
    }
    span
}

/// The offset of the value at a path of a JSON document (of its key, when the path ends in
/// a key), found by walking the text along the path, array indexes included; serde_json
/// gives no positions. Where the walk cannot go on, the last place it reached.
fn locate_json(text: &str, path: &DataPath) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    let mut found = None;
    for seg in &path.0 {
        match seg {
            Seg::Key(k) => {
                if bytes.get(at) != Some(&b'{') {
                    return found;
                }
                let mut member = skip_space(bytes, at + 1);
                loop {
                    if bytes.get(member) != Some(&b'"') {
                        return found;
                    }
                    let key_end = skip_string(bytes, member)?;
                    let key: Option<String> = serde_json::from_str(text.get(member..key_end)?).ok();
                    let colon = skip_space(bytes, key_end);
                    if bytes.get(colon) != Some(&b':') {
                        return found;
                    }
                    let value = skip_space(bytes, colon + 1);
                    if key.as_deref() == Some(k.as_ref()) {
                        found = Some(member);
                        at = value;
                        break;
                    }
                    let after = skip_space(bytes, skip_value(bytes, value)?);
                    if bytes.get(after) != Some(&b',') {
                        return found;
                    }
                    member = skip_space(bytes, after + 1);
                }
            }
            Seg::Index(n) => {
                if bytes.get(at) != Some(&b'[') {
                    return found;
                }
                let mut item = skip_space(bytes, at + 1);
                for _ in 0..*n {
                    let after = skip_space(bytes, skip_value(bytes, item)?);
                    if bytes.get(after) != Some(&b',') {
                        return found;
                    }
                    item = skip_space(bytes, after + 1);
                }
                if matches!(bytes.get(item), None | Some(b']')) {
                    return found;
                }
                found = Some(item);
                at = item;
            }
        }
    }
    found
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end (after the closing quote) of the string starting at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end of the JSON value starting at `at`.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<Report, Vec<Diagnostic>> {
        read_str(text, Format::Toml, Path::new("t.toml"))
    }

    const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"K\"\nboard = \"N\"\nkind = \"interim\"\nperiod = { start = 2020-01-01, end = 2020-07-31 }\n";

    #[test]
    fn toml_floats_stay_exact() {
        let text = format!(
            "{HEAD}[[chapters]]\ntitle = \"A\"\n[[chapters.blocks]]\ntype = \"goals\"\n[[chapters.blocks.council_goals]]\nname = \"G\"\n[[chapters.blocks.council_goals.board_goals]]\nname = \"B\"\n[[chapters.blocks.council_goals.board_goals.indicators]]\nname = \"I\"\ncurrent = {{ percent = 6.06 }}\ntarget = {{ relation = \"increase_from\", number = 71.130 }}\n"
        );
        let report = toml(&text).unwrap();
        let crate::Block::Goals(g) = &report.chapters[0].blocks[0] else {
            panic!()
        };
        let ind = &g.council_goals[0].board_goals[0].indicators[0];
        assert_eq!(
            ind.current,
            Some(crate::Value::Percent("6.06".parse().unwrap()))
        );
        let target = ind.target.as_ref().unwrap();
        assert_eq!(target.relation, crate::Relation::IncreaseFrom);
        assert_eq!(
            target.value,
            crate::Value::Number("71.130".parse().unwrap())
        );
        assert_eq!(report.meta.period.end.to_string(), "2020-07-31");
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = format!("{HEAD}[[chapters]]\ntitel = \"A\"\n");
        let err = &toml(&text).unwrap_err()[0];
        assert_eq!(err.position.map(|p| p.0), Some(8), "{err}");
        assert!(err.message.contains("titel"), "{err}");
        assert!(err.message.ends_with("did you mean `title`?"), "{err}");
    }

    fn json_row(row: &str) -> String {
        format!(
            r#"{{"format_version": 1, "meta": {{"organisation": "K", "board": "N", "kind": "interim",
            "period": {{"start": "2020-01-01", "end": "2020-07-31"}}}},
            "chapters": [{{"title": "A", "blocks": [{{"type": "finance", "decimals": 2, "rows": [
              {row}]}}]}}]}}"#
        )
    }

    #[test]
    fn json_numbers_are_read_exactly() {
        // Ordinary JSON numbers, as any program writes them: decimals, and integers past 2^64.
        let text = json_row(
            r#"{"label": "x", "budget": 71.13, "outcome": 18446744073709551616, "forecast": -0.10}"#,
        );
        let report = read_str(&text, Format::Json, Path::new("t.json")).unwrap();
        let crate::Block::Finance(t) = &report.chapters[0].blocks[0] else {
            panic!()
        };
        let f = &t.rows[0].figures;
        assert_eq!(f.get("budget").unwrap().to_string(), "71.13");
        assert_eq!(
            f.get("outcome").unwrap().to_string(),
            "18446744073709551616"
        );
        assert_eq!(f.get("forecast").unwrap().to_string(), "-0.10");
        assert_eq!(t.decimals, Some(2));
    }

    #[test]
    fn json_exponents_are_refused_where_they_stand() {
        let text = json_row(r#"{"label": "x", "budget": 1e3}"#);
        let err = &read_str(&text, Format::Json, Path::new("t.json")).unwrap_err()[0];
        assert!(err.message.contains("is not a plain decimal"), "{err}");
        assert_eq!(err.position.map(|p| p.0), Some(4), "{err}");
    }

    #[test]
    fn a_json_file_may_start_with_a_byte_order_mark() {
        let text = format!("\u{FEFF}{}", json_row(r#"{"label": "x", "budget": 1}"#));
        assert!(read_str(&text, Format::Json, Path::new("t.json")).is_ok());
    }

    #[test]
    fn several_unknown_fields_in_one_run() {
        let text = format!(
            "{HEAD}[[chapters]]\ntitel = \"A\"\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"x\"\ntxet = 1\n"
        );
        let errs = toml(&text).unwrap_err();
        // Both typos, then what the first one leaves missing.
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].position, Some((8, 1)));
        assert_eq!(errs[1].position, Some((12, 1)));
        assert_eq!(errs[2].message, "missing field `title`");
    }

    #[test]
    fn semantic_errors_are_located() {
        let text = format!("{HEAD}[[chapters]]\ntitle = \"   \"\n");
        let checked = check_str(&text, Format::Toml, Path::new("t.toml"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        assert_eq!(checked.diagnostics[0].position, Some((8, 1)));
        assert_eq!(
            checked.diagnostics[0].path.as_deref(),
            Some("chapters[0].title")
        );
    }

    #[test]
    fn semantic_errors_in_json_are_located() {
        let text = "{\"format_version\": 1,\n \"meta\": {\"organisation\": \"K\", \"board\": \"N\", \"kind\": \"interim\",\n  \"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-07-31\"}},\n \"chapters\": [{\"title\": \" \"}]}";
        let checked = check_str(text, Format::Json, Path::new("t.json"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        assert_eq!(checked.diagnostics[0].position, Some((4, 16)));
    }

    #[test]
    fn json_findings_follow_array_indexes() {
        // Two chapters with a table each: the duplicate row label is in the second one's
        // table, its third row on line 10, and the first chapter's rows (and a string holding brackets and
        // an escaped quote) must be stepped over, not searched.
        let text = "{\"format_version\": 1,\n \"meta\": {\"organisation\": \"K\", \"board\": \"N\", \"kind\": \"interim\",\n  \"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-07-31\"}},\n \"chapters\": [\n  {\"title\": \"A [x] \\\"y\\\" {z}\", \"blocks\": [{\"type\": \"finance\", \"rows\": [\n   {\"label\": \"L\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1}]}]},\n  {\"title\": \"B\", \"blocks\": [{\"type\": \"finance\", \"rows\": [\n   {\"label\": \"L\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1},\n   {\"label\": \"M\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1},\n   {\"label\": \"M\", \"budget\": 1, \"outcome\": 1, \"forecast\": 1}]}]}]}";
        let checked = check_str(text, Format::Json, Path::new("t.json"));
        assert_eq!(checked.errors(), 1, "{:?}", checked.diagnostics);
        let d = &checked.diagnostics[0];
        assert!(d.message.contains("\"M\""), "{d}");
        assert_eq!(d.position, Some((10, 5)), "{d}");
    }

    #[test]
    fn unsupported_version() {
        let err = &toml(&HEAD.replace("format_version = 1", "format_version = 9")).unwrap_err()[0];
        assert!(
            err.message.contains("unsupported format_version 9"),
            "{err}"
        );
    }
}
