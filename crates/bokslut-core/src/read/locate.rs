//! Where a finding's path (`chapters[2].blocks[0].rows[3]`) is in the file: the TOML
//! reader's spans, or a walk along the JSON text (serde_json gives no positions).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::location::{Path as DataPath, Seg};

/// The span of the value (or key) at a path of a TOML document.
pub(super) fn locate_toml(table: &DeTable<'_>, path: &DataPath) -> Option<Range<usize>> {
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
pub(super) fn locate_json(text: &str, path: &DataPath) -> Option<usize> {
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
