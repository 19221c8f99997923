//! Checks of a user's Fluent files beyond their syntax, before any label is formatted: a
//! locale must not print `{b}`, `{$value}` or `{-term}` into a published PDF, nor nest
//! placeables so deep that parsing them overflows the stack.
//!
//! Errors name the file, line and column.

use std::collections::{BTreeSet, HashMap};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use crate::labels::{FluentProblem, MESSAGE_IDS, Printable};

/// The deepest nesting of placeables (`{ … }`) and call arguments (`F(…)`) in a user's Fluent
/// file. The built-in locales need 2; a deeper file is refused before Fluent parses it.
pub const MAX_NESTING: usize = 16;

/// The variables bokslut gives each message of [`MESSAGE_IDS`] that takes any; the others
/// get none. A message may use fewer, never others.
pub const VARIABLES: &[(&str, &[&str])] = &[
    ("report-title", &["kind", "year", "organisation"]),
    ("report-period", &["start", "end"]),
    (
        "chart-alt",
        &["kind", "title", "high", "high-at", "low", "low-at"],
    ),
    (
        "chart-alt-stacked",
        &["kind", "title", "parts", "high", "high-at", "low", "low-at"],
    ),
    ("chart-alt-series", &["series", "first", "last"]),
    (
        "chart-alt-counts",
        &["kind", "title", "what", "total", "counts"],
    ),
    ("chart-source", &["source"]),
    (
        "report-subject",
        &["kind", "board", "organisation", "period"],
    ),
    ("page-of", &["page", "total"]),
    ("value-count", &["value", "unit"]),
    ("amount-tkr", &["value"]),
    ("amount-mnkr", &["value"]),
    ("amount-kr", &["value"]),
    ("figure-result", &["amount", "sign"]),
    ("target-at-most", &["value"]),
    ("target-at-least", &["value"]),
    ("target-below", &["value"]),
    ("target-above", &["value"]),
    ("target-increase-from", &["value"]),
    ("target-decrease-from", &["value"]),
    ("col-outcome", &["date", "date-long"]),
    ("money-note-income-negative", &["unit"]),
    ("money-note-investments", &["unit"]),
    ("money-note-income-positive", &["unit"]),
    ("col-budget-year", &["year"]),
    ("col-outcome-year", &["year"]),
    ("col-prior-outcome", &["year"]),
    ("col-prior-deviation", &["year"]),
    ("money-note-unit", &["unit"]),
    ("money-note-difference", &["column", "first", "second"]),
    ("money-note-sum", &["column", "terms"]),
    ("money-note-share", &["column", "first", "second"]),
    (
        "report-subject-organisation",
        &["kind", "organisation", "period"],
    ),
    ("statement-note-income", &["unit"]),
    ("statement-note-cash-flow", &["unit"]),
    ("note-heading", &["number"]),
    ("date-long", &["day", "month", "year"]),
    ("date-long-no-year", &["day", "month"]),
];

/// The variables bokslut gives a message.
pub fn variables(id: &str) -> &'static [&'static str] {
    VARIABLES
        .iter()
        .find(|(m, _)| *m == id)
        .map_or(&[], |(_, vars)| vars)
}

/// An error when placeables or call arguments nest deeper than [`MAX_NESTING`], at the
/// first place that does. String literals (each ends with its line, as in Fluent) and
/// comments are skipped.
pub fn check_nesting(name: &str, source: &str) -> Result<(), FluentProblem> {
    let (mut braces, mut parens) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = true;
    let mut in_comment = false;
    for (at, c) in source.char_indices() {
        if c == '\n' {
            line_start = true;
            in_comment = false;
            // A Fluent string literal ends at the end of its line: an unterminated one is a
            // syntax error there, and Fluent parses the next line afresh.
            in_string = false;
            escaped = false;
            continue;
        }
        if in_comment {
            continue;
        }
        if line_start && braces == 0 && c == '#' {
            in_comment = true;
            continue;
        }
        line_start = false;
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if braces > 0 => in_string = true,
            '{' => braces += 1,
            '}' => {
                braces = braces.saturating_sub(1);
                if braces == 0 {
                    parens = 0;
                }
            }
            '(' if braces > 0 => parens += 1,
            ')' if braces > 0 => parens = parens.saturating_sub(1),
            _ => {}
        }
        if braces + parens > MAX_NESTING {
            return Err(FluentProblem::at(
                name,
                source,
                at,
                format!("placeables are nested more than {MAX_NESTING} deep here"),
            ));
        }
    }
    Ok(())
}

/// An error at the first character of a file's text (outside comments) that is not
/// `printable` (no bundled font has it: `bokslut_layout::covers`): a label with it could not
/// be printed.
pub fn check_characters(
    name: &str,
    source: &str,
    printable: Printable,
) -> Result<(), FluentProblem> {
    let mut in_comment = false;
    let mut line_start = true;
    for (at, c) in source.char_indices() {
        if line_start {
            in_comment = c == '#';
        }
        line_start = c == '\n';
        if in_comment || printable(c) {
            continue;
        }
        return Err(FluentProblem::at(
            name,
            source,
            at,
            format!(
                "{} is in no bundled font: a label must be printable",
                bokslut_core::chars::describe(c)
            ),
        ));
    }
    Ok(())
}

/// What one locale file defines and refers to.
struct Found {
    messages: BTreeSet<String>,
    terms: BTreeSet<String>,
}

/// Every reference of the user's files that cannot be resolved: a message or term that no
/// file of the locale defines, a variable bokslut does not give the message, a function
/// (bokslut provides none); and once they all resolve, every message Fluent would not format
/// whole: a cycle of references, more than [`MAX_PLACEABLES`] placeables, a reference to a
/// value or attribute a message lacks. `files` are (name, source) of one locale, read
/// together.
pub fn check_references(files: &[(String, fluent_bundle::FluentResource)]) -> Vec<FluentProblem> {
    let mut found = Found {
        messages: BTreeSet::new(),
        terms: BTreeSet::new(),
    };
    for (_, resource) in files {
        for entry in resource.entries() {
            match entry {
                Entry::Message(m) => {
                    found.messages.insert(m.id.name.to_owned());
                }
                Entry::Term(t) => {
                    found.terms.insert(t.id.name.to_owned());
                }
                _ => {}
            }
        }
    }
    let every_variable: BTreeSet<&str> = VARIABLES
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    let mut errors = Vec::new();
    for (name, resource) in files {
        let source = resource.source();
        for entry in resource.entries() {
            let (id, term, patterns): (&str, bool, Vec<&Pattern<&str>>) = match entry {
                Entry::Message(m) => (
                    m.id.name,
                    false,
                    m.value
                        .iter()
                        .chain(m.attributes.iter().map(|a| &a.value))
                        .collect(),
                ),
                Entry::Term(t) => (
                    t.id.name,
                    true,
                    std::iter::once(&t.value)
                        .chain(t.attributes.iter().map(|a| &a.value))
                        .collect(),
                ),
                _ => continue,
            };
            // Variables a message may use: those bokslut gives it, or, in a message bokslut
            // does not ask for (one referred to by others), any it gives any message. A
            // term's variables are its callers' arguments: not checked.
            let allowed: Option<Vec<&str>> = if term {
                None
            } else if MESSAGE_IDS.contains(&id) {
                Some(variables(id).to_vec())
            } else {
                Some(every_variable.iter().copied().collect())
            };
            let mut problems = Vec::new();
            for pattern in patterns {
                walk_pattern(pattern, &mut |e| {
                    problem(e, &found, allowed.as_deref(), &mut problems)
                });
            }
            let start = entry_start(source, id, term);
            for (needle, message) in problems {
                let at = find_token(source, start, &needle).unwrap_or(start);
                let what = if term { "term" } else { "message" };
                let prefix = if term { "-" } else { "" };
                errors.push(FluentProblem::at(
                    name,
                    source,
                    at,
                    format!("the {what} `{prefix}{id}` {message}"),
                ));
            }
        }
    }
    // Once every reference resolves: whether Fluent formats each message whole.
    if errors.is_empty() {
        errors = check_expansion(files);
    }
    errors
}

/// The most placeables Fluent formats for one message, its references followed: beyond it
/// Fluent stops and the label is cut short (fluent-bundle's `MAX_PLACEABLES`).
pub const MAX_PLACEABLES: usize = 100;

/// A message or term, or one of its attributes: what a reference formats.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key<'a> {
    term: bool,
    id: &'a str,
    attribute: Option<&'a str>,
}

impl Key<'_> {
    fn shown(&self) -> String {
        let prefix = if self.term { "-" } else { "" };
        match self.attribute {
            Some(attribute) => format!("{prefix}{}.{attribute}", self.id),
            None => format!("{prefix}{}", self.id),
        }
    }
}

/// Why following a message's references stopped.
enum Stop<'a> {
    /// A reference leads back to a message being formatted: the keys from it to itself.
    Cycle(Vec<Key<'a>>),
    /// More than [`MAX_PLACEABLES`].
    TooMany,
    /// A reference names a message without the value or attribute it asks for.
    Missing(Key<'a>),
    /// Already reported, at another message.
    Reported,
}

/// Follows the references of every message and term, as Fluent formats them.
struct Expansion<'a> {
    patterns: HashMap<Key<'a>, &'a Pattern<&'a str>>,
    defined: BTreeSet<(bool, &'a str)>,
    memo: HashMap<Key<'a>, usize>,
    failed: BTreeSet<Key<'a>>,
    stack: Vec<Key<'a>>,
}

impl<'a> Expansion<'a> {
    /// The placeables `key` formats, at most [`MAX_PLACEABLES`] + 1.
    fn key(&mut self, key: Key<'a>) -> Result<usize, Stop<'a>> {
        if let Some(known) = self.memo.get(&key) {
            return Ok(*known);
        }
        if self.failed.contains(&key) {
            return Err(Stop::Reported);
        }
        if let Some(at) = self.stack.iter().position(|k| *k == key) {
            let mut cycle = self.stack[at..].to_vec();
            cycle.push(key);
            return Err(Stop::Cycle(cycle));
        }
        let Some(pattern) = self.patterns.get(&key).copied() else {
            // Undefined ones are reported by `check_references`.
            return if self.defined.contains(&(key.term, key.id)) {
                Err(Stop::Missing(key))
            } else {
                Ok(0)
            };
        };
        self.stack.push(key);
        let counted = self.pattern(pattern, 0);
        self.stack.pop();
        let count = counted?;
        self.memo.insert(key, count);
        Ok(count)
    }

    fn pattern(&mut self, pattern: &'a Pattern<&'a str>, before: usize) -> Result<usize, Stop<'a>> {
        let mut count = before;
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                count += 1;
                if count > MAX_PLACEABLES {
                    return Err(Stop::TooMany);
                }
                count = self.expression(expression, count)?;
            }
        }
        Ok(count)
    }

    fn expression(
        &mut self,
        expression: &'a Expression<&'a str>,
        before: usize,
    ) -> Result<usize, Stop<'a>> {
        match expression {
            Expression::Inline(inline) => self.inline(inline, before),
            Expression::Select { selector, variants } => {
                let after = self.inline(selector, before)?;
                // One variant is formatted: the costliest bounds them all.
                let mut most = after;
                for variant in variants {
                    most = most.max(self.pattern(&variant.value, after)?);
                }
                Ok(most)
            }
        }
    }

    fn inline(
        &mut self,
        inline: &'a InlineExpression<&'a str>,
        before: usize,
    ) -> Result<usize, Stop<'a>> {
        let referred = match inline {
            InlineExpression::MessageReference { id, attribute } => Some(Key {
                term: false,
                id: id.name,
                attribute: attribute.as_ref().map(|a| a.name),
            }),
            InlineExpression::TermReference { id, attribute, .. } => Some(Key {
                term: true,
                id: id.name,
                attribute: attribute.as_ref().map(|a| a.name),
            }),
            InlineExpression::Placeable { expression } => {
                return self.expression(expression, before);
            }
            _ => None,
        };
        let mut count = before;
        if let InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } = inline
        {
            for a in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                count = self.inline(a, count)?;
            }
        }
        if let Some(key) = referred {
            count += self.key(key)?;
            if count > MAX_PLACEABLES {
                return Err(Stop::TooMany);
            }
        }
        Ok(count)
    }
}

/// Every message or term that Fluent would not format whole: one that refers to itself
/// (directly or through others; Fluent prints `{id}` instead), one that formats more than
/// [`MAX_PLACEABLES`] placeables with its references followed (Fluent stops there), and a
/// reference to a message's value or attribute that it lacks. Each cycle is reported once.
fn check_expansion(files: &[(String, fluent_bundle::FluentResource)]) -> Vec<FluentProblem> {
    let mut expansion = Expansion {
        patterns: HashMap::new(),
        defined: BTreeSet::new(),
        memo: HashMap::new(),
        failed: BTreeSet::new(),
        stack: Vec::new(),
    };
    // Every key, in the files' order, with where its entry starts: (file, offset).
    let mut entries: Vec<(Key, (usize, usize))> = Vec::new();
    for (index, (_, resource)) in files.iter().enumerate() {
        let source = resource.source();
        for entry in resource.entries() {
            let (term, id, value, attributes) = match entry {
                Entry::Message(m) => (false, m.id.name, m.value.as_ref(), &m.attributes),
                Entry::Term(t) => (true, t.id.name, Some(&t.value), &t.attributes),
                _ => continue,
            };
            expansion.defined.insert((term, id));
            let start = (index, entry_start(source, id, term));
            let key = Key {
                term,
                id,
                attribute: None,
            };
            if let Some(value) = value {
                expansion.patterns.entry(key).or_insert(value);
                entries.push((key, start));
            }
            for attribute in attributes {
                let key = Key {
                    term,
                    id,
                    attribute: Some(attribute.id.name),
                };
                expansion.patterns.entry(key).or_insert(&attribute.value);
                entries.push((key, start));
            }
        }
    }
    let places: HashMap<Key, (usize, usize)> = entries.iter().copied().collect();
    let mut errors = Vec::new();
    let mut report = |key: Key, token: Option<&str>, message: String| {
        let Some(&(index, start)) = places.get(&key) else {
            return;
        };
        let (name, resource) = &files[index];
        let source = resource.source();
        // After the entry's `=`: not its own id.
        let value = source
            .get(start..)
            .and_then(|rest| rest.find('='))
            .map_or(start, |at| start + at + 1);
        let at = token
            .and_then(|t| find_token(source, value, t))
            .unwrap_or(start);
        let what = if key.term { "term" } else { "message" };
        errors.push(FluentProblem::at(
            name,
            source,
            at,
            format!("the {what} `{}` {message}", key.shown()),
        ));
    };
    for (key, _) in entries {
        if expansion.failed.contains(&key) {
            continue;
        }
        let stop = match expansion.key(key) {
            Ok(_) => continue,
            Err(stop) => stop,
        };
        expansion.failed.insert(key);
        match stop {
            Stop::Reported => {}
            Stop::Cycle(cycle) => {
                // At the first of the cycle, where it refers to the next.
                expansion.failed.extend(cycle.iter().copied());
                let (first, next) = (cycle[0], cycle[1]);
                let through: Vec<String> = cycle[1..cycle.len() - 1]
                    .iter()
                    .map(|k| format!("`{}`", k.shown()))
                    .collect();
                let how = if through.is_empty() {
                    "refers to itself".to_owned()
                } else {
                    format!("refers to itself through {}", through.join(" → "))
                };
                report(
                    first,
                    Some(&next.shown()),
                    format!(
                        "{how}: Fluent would print `{{{}}}` instead; expected references without a cycle",
                        next.shown()
                    ),
                );
            }
            Stop::TooMany => report(
                key,
                None,
                format!(
                    "formats more than {MAX_PLACEABLES} placeables with its references followed, where Fluent stops: expected fewer"
                ),
            ),
            Stop::Missing(missing) => {
                let lacks = match missing.attribute {
                    Some(attribute) => format!("attribute `.{attribute}`"),
                    None => "value".to_owned(),
                };
                let shown = missing.shown();
                report(
                    key,
                    Some(&shown),
                    format!(
                        "refers to `{shown}`, which has no {lacks}: Fluent would print `{{{shown}}}` instead; expected a reference to what the message has"
                    ),
                );
            }
        }
    }
    errors
}

/// The problem of one inline expression, if any: (text to point at, message).
fn problem(
    expression: &InlineExpression<&str>,
    found: &Found,
    allowed: Option<&[&str]>,
    problems: &mut Vec<(String, String)>,
) {
    match expression {
        InlineExpression::MessageReference { id, .. } if !found.messages.contains(id.name) => {
            problems.push((
                id.name.to_owned(),
                format!(
                    "refers to the message `{}`, which no file of the locale defines",
                    id.name
                ),
            ));
        }
        InlineExpression::TermReference { id, .. } if !found.terms.contains(id.name) => {
            problems.push((
                format!("-{}", id.name),
                format!(
                    "refers to the term `-{}`, which no file of the locale defines",
                    id.name
                ),
            ));
        }
        InlineExpression::VariableReference { id } => {
            if let Some(allowed) = allowed
                && !allowed.contains(&id.name)
            {
                let expected = if allowed.is_empty() {
                    "bokslut gives it no variable".to_owned()
                } else {
                    let names: Vec<String> = allowed.iter().map(|v| format!("`${v}`")).collect();
                    format!("expected one of {}", names.join(", "))
                };
                problems.push((
                    format!("${}", id.name),
                    format!(
                        "uses the variable `${}`, which bokslut does not give it: {expected}",
                        id.name
                    ),
                ));
            }
        }
        InlineExpression::FunctionReference { id, .. } => problems.push((
            id.name.to_owned(),
            format!(
                "calls the function `{}`, which bokslut does not provide (numbers and dates \
                 come formatted)",
                id.name
            ),
        )),
        _ => {}
    }
}

/// Calls `f` on every inline expression of a pattern, nested ones included. The nesting is
/// bounded by [`check_nesting`] before the file is parsed.
fn walk_pattern<'a>(
    pattern: &'a Pattern<&'a str>,
    f: &mut dyn FnMut(&'a InlineExpression<&'a str>),
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, f);
        }
    }
}

fn walk_expression<'a>(
    expression: &'a Expression<&'a str>,
    f: &mut dyn FnMut(&'a InlineExpression<&'a str>),
) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, f);
            for variant in variants {
                walk_pattern(&variant.value, f);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, f),
    }
}

fn walk_inline<'a>(
    inline: &'a InlineExpression<&'a str>,
    f: &mut dyn FnMut(&'a InlineExpression<&'a str>),
) {
    f(inline);
    match inline {
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, f);
            }
            for a in &arguments.named {
                walk_inline(&a.value, f);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                walk_inline(a, f);
            }
            for a in &arguments.named {
                walk_inline(&a.value, f);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, f),
        _ => {}
    }
}

/// The byte offset where the entry `id` starts: a line beginning with `id =` (`-id =`).
fn entry_start(source: &str, id: &str, term: bool) -> usize {
    let key = if term {
        format!("-{id}")
    } else {
        id.to_owned()
    };
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key.as_str())
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// The first occurrence of `token` at or after `from` that stands alone (not part of a
/// longer name).
fn find_token(source: &str, from: usize, token: &str) -> Option<usize> {
    let is_name = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut at = from;
    while let Some(found) = source.get(at..)?.find(token) {
        let start = at + found;
        let end = start + token.len();
        let before = source[..start].chars().next_back();
        let after = source[end..].chars().next();
        let starts_clean = token.starts_with(['$', '-']) || !before.is_some_and(is_name);
        if starts_clean && !after.is_some_and(is_name) {
            return Some(start);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str) -> Vec<String> {
        let resource = fluent_bundle::FluentResource::try_new(source.to_owned()).unwrap();
        check_references(&[("fi.ftl".to_owned(), resource)])
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn characters_no_font_has_are_located_outside_comments() {
        // As if the fonts had every character but the Arabic letter.
        let printable: Printable = |c| c != 'ب';
        check_characters("fi.ftl", "# Kommentti ب\nsivu = Sivu ✓ 😊\n", printable).unwrap();
        assert_eq!(
            check_characters("fi.ftl", "a = x\nsivu = Sivu ب\n", printable)
                .unwrap_err()
                .to_string(),
            "fi.ftl:2:13: the character \"ب\" (U+0628) is in no bundled font: a label must be \
             printable"
        );
    }

    #[test]
    fn unresolved_references_are_located() {
        let errors = check(
            "toc-title = Sisällys\npage-of = Sivu { $value } { b }\nrow-total = { -nosuchterm }\n",
        );
        assert_eq!(
            errors,
            [
                "fi.ftl:2:18: the message `page-of` uses the variable `$value`, which bokslut does not give it: expected one of `$page`, `$total`",
                "fi.ftl:2:29: the message `page-of` refers to the message `b`, which no file of the locale defines",
                "fi.ftl:3:15: the message `row-total` refers to the term `-nosuchterm`, which no file of the locale defines",
            ]
        );
        assert!(
            check("-brand = X\nrow-total = { -brand } { toc-title }\ntoc-title = T\n").is_empty()
        );
        let errors = check("row-total = { NUMBER($x) }\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn the_builtin_locales_pass() {
        for (tag, source) in crate::labels::BUILTIN {
            check_nesting(tag, source).unwrap();
            let errors = check(source);
            assert!(errors.is_empty(), "{tag}: {errors:?}");
        }
    }

    #[test]
    fn cycles_and_what_fluent_would_cut_short_are_located() {
        assert_eq!(
            check("toc-title = { toc-title }\n"),
            [
                "fi.ftl:1:15: the message `toc-title` refers to itself: Fluent would print `{toc-title}` instead; expected references without a cycle"
            ]
        );
        assert_eq!(
            check("-t = a { -t }\nrow-total = { -t }\n"),
            [
                "fi.ftl:1:10: the term `-t` refers to itself: Fluent would print `{-t}` instead; expected references without a cycle"
            ]
        );
        // Through others: reported once, at the first of the cycle.
        assert_eq!(
            check("toc-title = { a }\na = { b }\nb = x { toc-title }\n"),
            [
                "fi.ftl:1:15: the message `toc-title` refers to itself through `a` → `b`: Fluent would print `{a}` instead; expected references without a cycle"
            ]
        );
        assert_eq!(
            check("a =\n    .b = { a.b }\ntoc-title = { a.b }\n"),
            [
                "fi.ftl:2:12: the message `a.b` refers to itself: Fluent would print `{a.b}` instead; expected references without a cycle"
            ]
        );
        assert_eq!(
            check("a =\n    .b = B\ntoc-title = { a } { a.c }\n"),
            [
                "fi.ftl:3:15: the message `toc-title` refers to `a`, which has no value: Fluent would print `{a}` instead; expected a reference to what the message has"
            ]
        );
        // Fan-out: 126 placeables from the 12 written of `m6`; those that refer to it are
        // not reported again.
        let mut source = String::from("m0 = x\n");
        for i in 1..=7 {
            source.push_str(&format!("m{i} = {{ m{} }}{{ m{} }}\n", i - 1, i - 1));
        }
        source.push_str("toc-title = { m7 }\n");
        let errors = check(&source);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("fi.ftl:7:1: the message `m6` formats more than 100 placeables"),
            "{errors:?}"
        );
        // A chain, a select and a term with arguments within the bound pass.
        assert!(
            check("-b = B\na = { -b(x: 1) }\nextra = { $year ->\n    [one] { a }\n   *[other] { a } { a }\n}\n").is_empty()
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!(
            "toc-title = {}x{}\n",
            "{ ".repeat(10_000),
            " }".repeat(10_000)
        );
        let error = check_nesting("fi.ftl", &deep).unwrap_err();
        assert_eq!(
            (error.file.as_str(), error.position.0),
            ("fi.ftl", 1),
            "{error}"
        );
        let deep = format!(
            "toc-title = {{ {}1{} }}\n",
            "F(".repeat(10_000),
            ")".repeat(10_000)
        );
        assert!(check_nesting("fi.ftl", &deep).is_err());
        check_nesting(
            "x",
            "# { { { { { { { { { { { { { { { { { { {\nt = { \"{{{{{{{{{{{{{{{{{{{{{{\" }\n",
        )
        .unwrap();
        // A string literal ends with its line: the nesting after an unterminated one counts.
        let after_string = format!(
            "toc-title = {{ \"abc\nx = {}x{}\n",
            "{ ".repeat(10_000),
            " }".repeat(10_000)
        );
        let error = check_nesting("fi.ftl", &after_string).unwrap_err();
        assert_eq!(error.position.0, 2, "{error}");
    }
}
