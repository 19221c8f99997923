//! The batch scheduler: reports rendered on a pool of threads, one report per thread at a
//! time, their messages kept together, a progress bar on a terminal.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::Job;
use crate::summary::Outcome;

/// The most reports rendered at once, whatever `-j` says.
pub const MAX_JOBS: usize = 64;

/// Where a report's messages go: straight to stderr, or into a buffer printed in one piece
/// when the report is done, so that reports rendered in parallel do not mix their lines.
pub enum Log {
    /// Straight to stderr.
    Direct,
    /// Into this buffer.
    Buffer(String),
}

impl Log {
    /// Logs one line.
    pub fn line(&mut self, text: std::fmt::Arguments<'_>) {
        match self {
            Log::Direct => eprintln!("{text}"),
            Log::Buffer(buffer) => {
                use std::fmt::Write as _;
                let _ = writeln!(buffer, "{text}");
            }
        }
    }
}

/// Runs `render` on every job on a pool of threads (one per core, or `threads`), with a
/// progress bar on a terminal; the outcomes in the order of the jobs. Each job's messages go
/// to a buffer printed in one piece when it is done.
pub fn render_parallel(
    jobs: &[Job],
    threads: Option<u16>,
    render: impl Fn(&Job, &mut Log) -> Outcome + Sync,
) -> Vec<Outcome> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} reports  {elapsed} (eta {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    // Printing is serialised, so each report's lines stay together.
    let print = Mutex::new(());
    // Each thread of the pool takes the next report when it is done with one. Reports are not
    // handed to rayon as tasks: Typst itself runs parallel work on the same pool, and a thread
    // waiting for it would steal another report and start it on top of the first, so that
    // half-done renders pile up (measured with one thread: 342 MB against 110 MB this way).
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            let mut log = Log::Buffer(String::new());
            let outcome = render(job, &mut log);
            crate::interrupt::report_done();
            if let Log::Buffer(text) = log {
                let _guard = print.lock().unwrap_or_else(|e| e.into_inner());
                let text = text.trim_end();
                match &bar {
                    Some(bar) => bar.suspend(|| eprintln!("{text}")),
                    None => eprintln!("{text}"),
                }
            }
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            *slots[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        }
    };
    // No more threads than reports, nor than a sane maximum: `-j 65535` would spend its time
    // starting threads.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = threads
        .map_or(cores, usize::from)
        .min(jobs.len())
        .clamp(1, MAX_JOBS);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => {
            pool.broadcast(|_| work());
        }
        Err(_) => work(),
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Outcome::Invalid("not rendered".to_owned()))
        })
        .collect()
}
