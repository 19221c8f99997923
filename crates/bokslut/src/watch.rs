//! `bokslut watch`: renders a report again on every save, until Ctrl-C.
//!
//! The report's directory is watched, with its subdirectories (not the file: an editor that
//! saves by writing a new file and renaming it over the old one would end a watch on the
//! file; and a profile, its logo and fonts, sheets and layouts often lie beside the report),
//! and so are the directories a render reads outside it: the profile's (`--profile`, or the
//! report's `meta.profile`) and those of the logo, photo and fonts it names, each without its
//! subdirectories (a profile above a tree of reports does not watch the whole tree), the
//! directory of each sheet a table names (one outside is allowed by `--allow-outside-paths`),
//! and `--layouts` and `--locales` with theirs. Events naming the report or a file of a kind it
//! reads start a render once the files have been quiet for a moment, so that a save in
//! several writes renders once; every render reads the profile, layouts and labels again. A
//! broken report prints its located errors and writes nothing: the last good output stays in
//! place.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::inputs::Job;
use crate::render::Renderer;
use crate::scheduler::Log;
use crate::summary::Outcome;

/// How long the report must be quiet after an event before it is read: an editor's save is
/// often several writes (truncate, write, rename) within a millisecond or two.
const SETTLE: Duration = Duration::from_millis(8);

/// The kinds of file a report reads besides itself: reports and profiles (TOML, JSON),
/// sheets, layouts, labels, images and fonts. A change of one under the report's directory
/// renders again.
const INPUT_EXTENSIONS: &[&str] = &[
    "toml", "json", "csv", "xlsx", "ods", "typ", "ftl", "svg", "png", "otf", "ttf",
];

/// Renders `job` now and again on every save of its input or of a file it reads, calling
/// `rendered` after each render with its outcome. Returns only when the watch cannot be set up (the message says
/// why); Ctrl-C ends the process.
pub fn run(
    renderer: &Renderer,
    job: &Job,
    mut rendered: impl FnMut(&Outcome),
) -> Result<(), String> {
    let input =
        std::fs::canonicalize(&job.input).map_err(|e| format!("{}: {e}", job.input.display()))?;
    let dir = input
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = input.file_name().map(|n| n.to_os_string());
    let (events, received) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = events.send(event);
    })
    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    // What is watched: each directory, and whether with its subdirectories.
    let mut watched = vec![(dir, true)];
    // The directories read outside the watched ones (a profile named by the report may
    // change with it): watched from now on, each once; one that does not exist is not (the
    // render says what is missing).
    let mut watch_more = |watcher: &mut notify::RecommendedWatcher| {
        for (more, deep) in renderer.read_dirs(job) {
            let Ok(more) = std::fs::canonicalize(&more) else {
                continue;
            };
            if watched
                .iter()
                .any(|(w, w_deep)| more == *w || (*w_deep && more.starts_with(w)))
            {
                continue;
            }
            let mode = if deep {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if let Err(e) = watcher.watch(&more, mode) {
                eprintln!("warning: cannot watch {}: {e}", more.display());
            }
            watched.push((more, deep));
        }
    };
    // A change of the report or of a file it reads (its profile with its logo and fonts,
    // its sheets, a layout or labels: any file of such a kind under a watched directory):
    // its creation, a write, a rename onto or away from its name. Not an access (notify
    // reports opening and reading a file too): reading the report to render it would start
    // the next render, for ever. Outputs (PDF, HTML, their temporary files) are no input.
    let concerns = |event: &notify::Event| {
        matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && event.paths.iter().any(|p| {
            p.file_name().map(|n| n.to_os_string()) == name
                || p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
    };
    let render = |rendered: &mut dyn FnMut(&Outcome)| {
        let started = Instant::now();
        let outcome = renderer.guarded(job, &mut Log::Direct);
        if matches!(outcome, Outcome::Written { .. }) {
            eprintln!("rendered in {} ms", started.elapsed().as_millis());
        }
        rendered(&outcome);
    };
    render(&mut rendered);
    watch_more(&mut watcher);
    eprintln!(
        "watching {} for changes (Ctrl-C stops)",
        job.input.display()
    );
    loop {
        let event = received.recv().map_err(|_| "the watch ended".to_owned())?;
        match event {
            Ok(event) if concerns(&event) => {}
            Ok(_) => continue,
            Err(e) => {
                eprintln!("warning: watching {}: {e}", job.input.display());
                continue;
            }
        }
        // Quiet for SETTLE: the save is complete.
        while let Ok(more) = received.recv_timeout(SETTLE) {
            if let Err(e) = more {
                eprintln!("warning: watching {}: {e}", job.input.display());
            }
        }
        if !job.input.exists() {
            // Removed, or between an editor's rename steps: the next event renders.
            continue;
        }
        renderer.forget_files();
        render(&mut rendered);
        watch_more(&mut watcher);
    }
}
