//! JSON text into the model: numbers read exactly (serde_json's `arbitrary_precision`), a
//! byte-order mark blanked out, serde_json's line and column turned into an offset.

use std::path::Path;

use super::{check_version, error};
use crate::diag::Diagnostic;
use crate::model::Report;

pub(super) fn read_json(text: &str, origin: &Path) -> Result<Report, Vec<Diagnostic>> {
    let text = &*unmarked(text);
    let located = |e: serde_json::Error| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        let offset = (e.line() > 0).then(|| offset_of(text, e.line(), e.column()));
        vec![error(origin, text, offset, message)]
    };
    // A key given twice is an error, as in TOML (serde would keep the first silently).
    serde_json::from_str::<Unique>(text).map_err(located)?;
    let report = serde_json::from_str::<Report>(text).map_err(located)?;
    check_version(&report, text, origin)?;
    Ok(report)
}

/// JSON text without its byte-order mark (as Windows tools write one), which is no part of
/// the JSON: blanked out, not removed, so that every position stays where it is in the file.
pub(super) fn unmarked(text: &str) -> std::borrow::Cow<'_, str> {
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

/// A JSON value whose objects each name a key once: deserializing one refuses the second
/// time a key is given in the same object, at that key.
struct Unique;

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{key}` is given twice in this object: give each key once"
                )));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}
