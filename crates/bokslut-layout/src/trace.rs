//! Where a render is while it runs, so that a render stopped for its time can name the line
//! and column of a municipality's template it was at.
//!
//! Typst records a timing event when it enters and leaves each loop and function call, with
//! its span (`typst-timing`, off unless enabled). A [`Tracker`] enables the recording for the
//! process, takes the events as they come and keeps only the scopes still open, per thread: a
//! loop that never ends is an open `for loop` or `while loop` at the end of the stack. The
//! events are taken away at each [`Tracker::follow`], so they never pile up; what is kept is
//! one entry per open scope.
//!
//! The recording is process-wide and has a cost (each call takes a lock to push its event):
//! `bokslut` enables it only in the process of its own where a municipality's layout renders
//! (`--layouts`), never in the library's ordinary renders.

use std::collections::BTreeMap;
use std::num::NonZeroU64;

use typst::syntax::Span;

use crate::world::Layouts;

/// The scopes of a render that are open, followed from Typst's timing events.
#[derive(Debug, Default)]
pub struct Tracker {
    /// Per thread, the open scopes, outermost first: their name and raw span.
    open: BTreeMap<u64, Vec<(String, Option<NonZeroU64>)>>,
}

/// A place in a template: the file as the user named its directory, line and column from 1,
/// and what Typst was doing there (`for loop`, `while loop`, `function call`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePosition {
    /// The template file, under the layouts directory as given.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// What was open there, in Typst's words.
    pub what: String,
}

impl std::fmt::Display for TemplatePosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One event as `typst_timing::export_json` writes it.
#[derive(serde::Deserialize)]
struct Event<'a> {
    #[serde(borrow)]
    name: std::borrow::Cow<'a, str>,
    ph: &'a str,
    tid: u64,
    args: Option<Args>,
}

/// The place of an event: the raw span, carried in the `file` field.
#[derive(serde::Deserialize)]
struct Args {
    file: String,
}

impl Tracker {
    /// Starts recording Typst's timing events in this process, from none.
    pub fn start() -> Tracker {
        typst_timing::clear();
        typst_timing::enable();
        Tracker::default()
    }

    /// Takes the events recorded since the last call and follows which scopes they open and
    /// close.
    pub fn follow(&mut self) {
        let mut json = Vec::new();
        // The span travels as its raw number in the `file` field; the line is not used.
        if typst_timing::export_json(&mut json, |raw| (raw.get().to_string(), 0)).is_err() {
            return;
        }
        let Ok(events) = serde_json::from_slice::<Vec<Event>>(&json) else {
            return;
        };
        for event in events {
            let stack = self.open.entry(event.tid).or_default();
            match event.ph {
                "B" => {
                    let span = event
                        .args
                        .and_then(|a| a.file.parse::<u64>().ok())
                        .and_then(NonZeroU64::new);
                    stack.push((event.name.into_owned(), span));
                }
                // An end closes the innermost scope of its name (scopes nest).
                _ => {
                    if let Some(at) = stack.iter().rposition(|(name, _)| *name == event.name) {
                        stack.truncate(at);
                    }
                }
            }
        }
    }

    /// The innermost open scope that lies in one of `layouts`' templates, over all threads
    /// (the deepest stack's first): where the render is.
    pub fn innermost(&self, layouts: &Layouts) -> Option<TemplatePosition> {
        let mut stacks: Vec<&Vec<(String, Option<NonZeroU64>)>> = self.open.values().collect();
        stacks.sort_by_key(|stack| std::cmp::Reverse(stack.len()));
        stacks.into_iter().find_map(|stack| {
            stack.iter().rev().find_map(|(what, raw)| {
                let span = Span::from_raw((*raw)?);
                let (file, line, column) = layouts.locate(span)?;
                let what = match what.as_str() {
                    "func call" => "function call".to_owned(),
                    other => other.to_owned(),
                };
                Some(TemplatePosition {
                    file,
                    line,
                    column,
                    what,
                })
            })
        })
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        typst_timing::disable();
        typst_timing::clear();
    }
}
