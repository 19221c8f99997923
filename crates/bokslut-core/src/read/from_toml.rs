//! TOML text into the model: read with recovery (every syntax error, several unknown
//! fields in one run), floats and dates handed over as their source text so that numbers
//! stay exact.

use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use super::{MAX_FINDINGS, check_version, error};
use crate::diag::{Diagnostic, Severity};
use crate::model::Report;

/// Most unknown fields reported in one run.
const MAX_UNKNOWN_FIELDS: usize = 50;

pub(super) fn read_toml(text: &str, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
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
                    crate::input::deep_toml_key(text),
                    &format!(
                        "a key nests tables more than {} deep: a report needs far fewer",
                        crate::input::MAX_TOML_DEPTH
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
    if let Some(at) = crate::input::toml_too_deep(table.get_ref()) {
        crate::input::dismantle(table.into_inner());
        return Err(vec![error(
            origin,
            text,
            Some(at),
            &format!(
                "tables and arrays are nested more than {} deep here: a report needs far fewer",
                crate::input::MAX_TOML_DEPTH
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
