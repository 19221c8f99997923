//! Checks of a user's Fluent files beyond their syntax, before any label is formatted: a
//! locale must not print `{b}`, `{$value}` or `{-term}` into a published PDF, nor nest
//! placeables so deep that parsing them overflows the stack.
//!
//! Errors name the file, line and column.

use std::collections::BTreeSet;

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
        "report-subject",
        &["kind", "board", "organisation", "period"],
    ),
    ("page-of", &["page", "total"]),
    ("value-count", &["value", "unit"]),
    ("amount-tkr", &["value"]),
    ("amount-mnkr", &["value"]),
    ("amount-kr", &["value"]),
    ("target-at-most", &["value"]),
    ("target-at-least", &["value"]),
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
/// first place that does. String literals and comments are skipped.
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
/// (bokslut provides none). `files` are (name, source) of one locale, read together.
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
    }
}
