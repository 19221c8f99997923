//! A report rendered in a process of its own, held to a time and a memory limit: what
//! `render` does with `--layouts`, where the templates are a municipality's own code (a loop
//! that does not end, an array of gigabytes). The child (`bokslut render-child`, hidden) runs
//! the library's pipeline for one report, prints its messages on stderr as `render` would, and
//! writes its editions framed on stdout; the parent writes the files as for any report, so
//! the rules of writing (atomic, links under `--out-dir` replaced) are the parent's alone.
//! A child stopped for its time, killed by its memory limit or ended by any fault fails its
//! report only: the rest of a batch goes on.
//!
//! The frame: one line, `ok PAGES PDF_BYTES HTML_BYTES` (`-` for what was not made) followed by
//! the PDF's and the HTML's bytes, or `invalid REASON`.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use bokslut::{Publisher, Source};
use bokslut_layout::Layouts;
use bokslut_layout::trace::Tracker;

use crate::args::{Format, Rendering};
use crate::inputs::Job;
use crate::scheduler::Log;
use crate::summary::{EXIT_INVALID, EXIT_IO, Outcome};

/// How a report is rendered in a child process: the flags it gets and its limits.
pub(crate) struct Isolation {
    /// The rendering flags, as the parent was given them.
    args: Vec<OsString>,
    /// The longest a render may take.
    max_time: Duration,
    /// The most memory a render may take, in bytes (for the message).
    max_memory: u64,
}

impl Isolation {
    /// The isolation of renders with these flags: only with a municipality's own layouts.
    pub(crate) fn for_flags(flags: &Rendering) -> Option<Isolation> {
        flags.layouts.as_ref()?;
        Some(Isolation {
            args: flags.to_args(),
            max_time: Duration::from_secs(flags.max_render_time),
            max_memory: flags.max_memory,
        })
    }
}

/// What a report's render gave: the PDF, the HTML, and the PDF's pages.
pub(crate) type Made = (Option<Vec<u8>>, Option<Vec<u8>>, Option<usize>);

/// Renders `job` in a child process, its messages logged; the editions, or how it failed.
pub(crate) fn publish_in_child(
    job: &Job,
    formats: &[Format],
    isolation: &Isolation,
    log: &mut Log,
) -> Result<Made, Outcome> {
    let failed = |reason: String, log: &mut Log| {
        log.line(format_args!("error: {}: {reason}", job.input.display()));
        Outcome::Invalid(reason)
    };
    let exe = std::env::current_exe()
        .map_err(|e| failed(format!("cannot start a render of its own: {e}"), log))?;
    let formats_arg: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    let mut child = Command::new(exe)
        .arg("render-child")
        .arg(&job.input)
        .arg("--format")
        .arg(formats_arg.join(","))
        .args(&isolation.args)
        // An allocation past the limit ends the child with one line, no backtrace.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("cannot start a render of its own: {e}"), log))?;
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + isolation.max_time + GRACE;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(e) => {
                let _ = child.kill();
                return Err(failed(
                    format!("its render could not be followed: {e}"),
                    log,
                ));
            }
        }
    };
    let (out, err) = (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    );
    let messages = String::from_utf8_lossy(&err);
    // The child's own words when an allocation fails are replaced by the parent's.
    for line in messages.lines().filter(|line| {
        !line.starts_with("memory allocation of")
            && !line.starts_with("note: run with `RUST_BACKTRACE")
    }) {
        log.line(format_args!("{line}"));
    }
    let Some(status) = status else {
        return Err(failed(
            format!(
                "the render took longer than --max-render-time ({} s) and was stopped: a layout that does not end (a loop?) or does too much",
                isolation.max_time.as_secs()
            ),
            log,
        ));
    };
    let (head, body) = match out.iter().position(|b| *b == b'\n') {
        Some(at) => (
            String::from_utf8_lossy(&out[..at]).into_owned(),
            &out[at + 1..],
        ),
        None => (String::new(), &out[..]),
    };
    if let Some(reason) = head.strip_prefix("invalid ") {
        // The child printed its messages; the reason is for the summary.
        return Err(Outcome::Invalid(reason.to_owned()));
    }
    let made = head
        .strip_prefix("ok ")
        .and_then(|rest| frame(rest, body))
        .filter(|_| status.success());
    made.ok_or_else(|| {
        let reason = if let Some(bytes) = failed_allocation(&messages) {
            // Past the address space (four times the limit) at once: there was no time to
            // take where.
            format!(
                "the render needed more memory than --max-memory ({}) allows and was stopped: one allocation of {} MiB at once, too fast to say where in the layout",
                binary_size(isolation.max_memory),
                bytes >> 20
            )
        } else {
            format!("the render ended abnormally ({status})")
        };
        failed(reason, log)
    })
}

/// The size of the allocation that ended a child, from the words Rust's runtime prints then
/// (`memory allocation of N bytes failed`).
fn failed_allocation(messages: &str) -> Option<u64> {
    let (_, rest) = messages.split_once("memory allocation of ")?;
    rest.split_once(" bytes failed")?.0.parse().ok()
}

/// A size as `--max-memory` takes it: `4 GiB`, `512 MiB`, else in bytes.
fn binary_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The editions of an `ok` frame: `PAGES PDF_BYTES HTML_BYTES` and the bytes after it.
fn frame(head: &str, body: &[u8]) -> Option<Made> {
    let fields: Vec<&str> = head.split(' ').collect();
    let [pages, pdf, html] = fields[..] else {
        return None;
    };
    // `-` for an edition not made, else a number.
    let field = |text: &str| -> Option<Option<usize>> {
        if text == "-" {
            Some(None)
        } else {
            text.parse().ok().map(Some)
        }
    };
    let (pages, pdf_len, html_len) = (field(pages)?, field(pdf)?, field(html)?);
    if pdf_len.unwrap_or(0) + html_len.unwrap_or(0) != body.len() {
        return None;
    }
    let (pdf, html) = body.split_at(pdf_len.unwrap_or(0));
    Some((
        pdf_len.map(|_| pdf.to_vec()),
        html_len.map(|_| html.to_vec()),
        pages,
    ))
}

/// The child's side (`bokslut render-child`): its memory limited, one report published, its
/// messages on stderr, its editions framed on stdout.
pub(crate) fn child(input: PathBuf, formats: Vec<Format>, rendering: Rendering) -> ExitCode {
    limit_address_space(rendering.max_memory.saturating_mul(ADDRESS_SPACE_FACTOR));
    let stopwatch = rendering.layouts.clone().map(|dir| {
        Stopwatch::start(
            input.clone(),
            dir,
            Limits {
                time: Duration::from_secs(rendering.max_render_time),
                memory: rendering.max_memory,
            },
        )
    });
    let mut options = crate::render::options(rendering);
    options.editions = formats.iter().map(|f| crate::render::edition(*f)).collect();
    let published = Publisher::new().publish(&Source::File(&input), &options);
    if let Some(stopwatch) = stopwatch {
        stopwatch.finish();
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(reason) = crate::render::print(&input, &published, &mut Log::Direct) {
        let reason = reason.replace(['\n', '\r'], " ");
        let _ = writeln!(stdout, "invalid {reason}").and_then(|()| stdout.flush());
        return ExitCode::from(EXIT_INVALID);
    }
    for warning in &published.warnings {
        eprintln!("warning: {}: {warning}", input.display());
    }
    let length = |bytes: Option<usize>| bytes.map_or("-".to_owned(), |n| n.to_string());
    let html = published.html.map(String::into_bytes);
    let written = writeln!(
        stdout,
        "ok {} {} {}",
        length(published.pages),
        length(published.pdf.as_ref().map(Vec::len)),
        length(html.as_ref().map(Vec::len))
    )
    .and_then(|()| stdout.write_all(published.pdf.as_deref().unwrap_or_default()))
    .and_then(|()| stdout.write_all(html.as_deref().unwrap_or_default()))
    .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(EXIT_IO),
    }
}

/// The limits the child's stopwatch holds the render to.
struct Limits {
    /// `--max-render-time`.
    time: Duration,
    /// `--max-memory`, in bytes of resident memory.
    memory: u64,
}

/// The child's own clock: past `--max-render-time`, or at a tick where the process holds
/// more than `--max-memory`, it stops the render itself, naming the line and column of the
/// layout it was at (Typst's loops and calls followed by a [`Tracker`]), before the parent
/// would kill it (or the address space run out) without knowing where.
struct Stopwatch;

/// The render is going on.
const RUNNING: u8 = 0;
/// The render ended in time: the stopwatch only stops.
const DONE: u8 = 1;
/// The stopwatch is stopping the process.
const STOPPING: u8 = 2;
/// Who ends the child: the render by finishing, or the stopwatch by stopping it.
static STATE: AtomicU8 = AtomicU8::new(RUNNING);

impl Stopwatch {
    /// Starts following the render of `input` with the layouts of `dir`, within `limits`.
    fn start(input: PathBuf, dir: PathBuf, limits: Limits) -> Stopwatch {
        let started = Instant::now();
        let deadline = started + limits.time;
        // Recording from before the render starts, so that no loop it enters is missed.
        let mut tracker = Tracker::start();
        std::thread::spawn(move || {
            let layouts = Layouts::open(&dir).ok();
            let mut taken = started;
            loop {
                let now = Instant::now();
                std::thread::sleep(deadline.saturating_duration_since(now).min(MEMORY_TICK));
                if STATE.load(Ordering::Acquire) == DONE {
                    return;
                }
                // The memory is looked at every few milliseconds (a read of one small file);
                // the events are taken from the first long wait on, and then every tick so
                // that they never pile up. A render of a report's size ends before: its events
                // are recorded (that costs little) and never taken (that costs more).
                let resident = resident_bytes();
                let over_memory = resident.is_some_and(|bytes| bytes > limits.memory);
                let now = Instant::now();
                let over_time = now >= deadline;
                let due =
                    now.duration_since(started) >= FIRST_TICK && now.duration_since(taken) >= TICK;
                if over_memory || over_time || due {
                    tracker.follow();
                    taken = now;
                }
                if !over_memory && !over_time {
                    continue;
                }
                if STATE
                    .compare_exchange(RUNNING, STOPPING, Ordering::AcqRel, Ordering::Acquire)
                    .is_err()
                {
                    return;
                }
                let at = layouts
                    .as_ref()
                    .and_then(|layouts| tracker.innermost(layouts))
                    .map(|p| format!(" at {p} (in a {})", p.what))
                    .unwrap_or_default();
                let reason = if over_memory {
                    format!(
                        "the render needed more memory than --max-memory ({}) allows and was stopped{at}, holding {} MiB: a layout that grows (a loop adding to an array or a string?)",
                        binary_size(limits.memory),
                        resident.unwrap_or_default() >> 20,
                    )
                } else {
                    format!(
                        "the render took longer than --max-render-time ({} s) and was stopped{at}: a layout that does not end (a loop?) or does too much",
                        limits.time.as_secs()
                    )
                };
                eprintln!("error: {}: {reason}", input.display());
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "invalid {reason}").and_then(|()| stdout.flush());
                std::process::exit(i32::from(EXIT_INVALID));
            }
        });
        Stopwatch
    }

    /// The render has ended: the stopwatch stops at its next tick (not waited for: the
    /// process ends), unless it is stopping the process already (then this thread waits for
    /// the end).
    fn finish(self) {
        if STATE
            .compare_exchange(RUNNING, DONE, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            loop {
                std::thread::park();
            }
        }
    }
}

/// How often the stopwatch takes Typst's events, after the first wait.
const TICK: Duration = Duration::from_millis(50);

/// How often the stopwatch looks at the memory: a render filling memory at 10 GB/s passes
/// `--max-memory` by at most about 100 MB before it is stopped.
const MEMORY_TICK: Duration = Duration::from_millis(10);

/// When the stopwatch first takes Typst's events (unless the memory is over its limit
/// before): later than the render of the example ends in a release build (about 50 ms),
/// early enough that the events of a layout calling in a tight loop stay tens of megabytes.
const FIRST_TICK: Duration = Duration::from_millis(500);

/// How long after `--max-render-time` the parent kills a child whose own stopwatch did not
/// stop it (a render stuck where no Typst event comes, e.g. in a plugin).
const GRACE: Duration = Duration::from_secs(2);

/// The memory this process holds (its resident set), where the system says (Linux: the
/// `VmRSS` line of `/proc/self/status`); `None` elsewhere, and then only the address space
/// limits the render.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib.saturating_mul(1024))
}

/// The child's address space, in multiples of `--max-memory`: room for an array that doubles
/// its reservation past the limit (its pages count only as they are filled, and the
/// stopwatch stops it there, with its position), and a bound on one allocation of gigabytes
/// at once (that one ends the child without a position).
const ADDRESS_SPACE_FACTOR: u64 = 4;

/// Limits the address space of this process to `bytes`: an allocation past it fails, and
/// the process ends (the parent says why).
fn limit_address_space(bytes: u64) {
    #[cfg(unix)]
    {
        // Nothing to do when it cannot be set (a limit already lower): the render goes on
        // under that one.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    }
    #[cfg(not(unix))]
    let _ = bytes;
}
