//! Typst's process-wide memoization cache: how long its entries live, given how many renders
//! run at once.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Renders running now in this process, by any publisher: how fast Typst's cache entries age.
static RENDERING: AtomicUsize = AtomicUsize::new(0);

/// Counts a render as running while it lives.
pub(crate) struct Running;

impl Running {
    pub(crate) fn start() -> Running {
        RENDERING.fetch_add(1, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RENDERING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Trims Typst's process-wide memoization cache. [`crate::Publisher::render`] calls it after each
/// report; call it yourself when you drive the steps ([`crate::Publisher::prepare`] …) over many
/// reports.
///
/// An entry goes when no render has used it while the last `1 + r` trims ran, `r` being the
/// number of renders running at the time (this one included). What a report shares with the
/// one before it (labels, headings, unchanged prose and table cells) is kept, so a report
/// differing from the last one in some figures lays out only those (10 ms against 40 ms for
/// the example, see the README, "Reuse between reports"); older entries are dropped, because
/// a larger cache costs lookups and memory: keeping entries for ten trims made each render of
/// a distinct report 25 % slower (46 against 37 ms) than keeping them for two. The renders
/// running beside one can age an entry by no more than one trim each before its own next use.
///
/// One case loses the reuse: the same report rendered twice in a row is found whole at the
/// top of Typst's cache, so the entries inside it are not used, age, and are gone when a
/// changed version of it comes next; that one is then laid out in full, once.
pub fn trim_caches() {
    let running = RENDERING.load(Ordering::SeqCst).max(1);
    typst::comemo::evict(1 + running);
}
