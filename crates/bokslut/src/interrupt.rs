//! Ctrl-C (SIGINT, and SIGTERM): the temporary files of PDFs being written are removed, the
//! number of reports done is said, and the process ends with exit code 130.
//!
//! A temporary file is created and renamed into place under one lock that the interrupt
//! takes too and never gives back, so no temporary file can appear after it has cleaned up,
//! and none it removes has become a finished PDF.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Exit code after an interrupt: 128 + SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// The temporary files being written now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Reports finished (written or failed) and reports in the run.
static DONE: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

/// Installs the handler for a run of `total` reports. Failing to install it (a handler set
/// already) is not an error: the run goes on without the clean-up.
pub fn install(total: usize) {
    TOTAL.store(total, Ordering::SeqCst);
    let _ = ctrlc::set_handler(on_interrupt);
}

/// Whether the run is a session (`watch`, `serve`) that Ctrl-C ends as its normal way out.
static SESSION: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Installs the handler for a `watch` or `serve` session: Ctrl-C removes any unfinished
/// temporary file, says it stopped, and exits with 0 (it is how a session ends).
pub fn install_session() {
    SESSION.store(true, Ordering::SeqCst);
    let _ = ctrlc::set_handler(on_interrupt);
}

/// Counts a report as done.
pub fn report_done() {
    DONE.fetch_add(1, Ordering::SeqCst);
}

/// A temporary file registered for removal on an interrupt; unregistered when dropped
/// (after it was renamed into place, or removed because the write failed).
pub struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// Creates a temporary file with `create` and registers the path `path_of` gives, both
/// under the lock an interrupt takes: no file is created after the interrupt cleaned up.
pub fn create<T>(
    create: impl FnOnce() -> std::io::Result<T>,
    path_of: impl FnOnce(&T) -> PathBuf,
) -> std::io::Result<(T, Pending)> {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let made = create()?;
    let path = path_of(&made);
    pending.push(path.clone());
    Ok((made, Pending(path)))
}

/// Runs `finish` (the rename into place) under the interrupt's lock: a file the interrupt
/// removes has not become a PDF, and no rename happens after it.
pub fn finish<T>(finish: impl FnOnce() -> T) -> T {
    let _pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    finish()
}

fn on_interrupt() {
    // Never released: no worker creates or renames a file from now on.
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let mut removed = 0;
    for path in pending.iter() {
        if std::fs::remove_file(path).is_ok() {
            removed += 1;
        }
    }
    if SESSION.load(Ordering::SeqCst) {
        eprintln!("\nstopped; {removed} unfinished file(s) removed");
        std::process::exit(0);
    }
    let (done, total) = (DONE.load(Ordering::SeqCst), TOTAL.load(Ordering::SeqCst));
    eprintln!(
        "\ninterrupted: {done} of {total} report(s) done; {removed} unfinished PDF(s) removed"
    );
    std::process::exit(i32::from(EXIT_INTERRUPTED));
}
