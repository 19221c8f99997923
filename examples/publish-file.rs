//! Publishes a report file as a PDF and a web edition, as `bokslut render --format pdf,html`
//! does, with the library's one call:
//!
//! ```sh
//! cargo run --release -p bokslut --example publish-file -- examples/delarsbokslut-2020-syd-it.toml /tmp/out
//! ```
//!
//! writes `/tmp/out/report.pdf` and `/tmp/out/report.html`, and prints every problem found.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bokslut::{Edition, Options, Publisher, Source};

/// Publishes `report` into the directory `out`; the files written, or why none were.
pub fn publish_file(report: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
    let options = Options::default().with_editions([Edition::Pdf, Edition::Html]);
    let published = Publisher::new().publish(&Source::File(report), &options);
    for diagnostic in &published.diagnostics {
        eprintln!("{diagnostic}");
    }
    if let Some(failure) = &published.failure {
        return Err(format!("{}: not published: {failure:?}", report.display()));
    }
    let mut written = Vec::new();
    let editions = [
        ("report.pdf", published.pdf.as_deref()),
        ("report.html", published.html.as_deref().map(str::as_bytes)),
    ];
    for (name, bytes) in editions {
        let path = out.join(name);
        std::fs::write(&path, bytes.unwrap_or_default())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [report, out] = args.as_slice() else {
        eprintln!("usage: publish-file REPORT.toml OUT-DIR");
        return ExitCode::from(2);
    };
    match publish_file(Path::new(report), Path::new(out)) {
        Ok(files) => {
            for file in files {
                eprintln!("wrote {}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
