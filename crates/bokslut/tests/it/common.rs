//! Helpers of the end-to-end tests: run the real binary, read the PDF as a reader would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example report, relative to the repository root.
pub const EXAMPLE: &str = "examples/delarsbokslut-2020-syd-it.toml";

/// The directory of the sheet fixtures, relative to the repository root.
pub const SHEETS: &str = "tests/fixtures/sheets";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.toml` files directly in `dir`, sorted.
pub fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Runs `bokslut` with arguments.
pub fn bokslut(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bokslut"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run bokslut")
}

/// Runs `bokslut` with arguments: its exit code (-1 if killed) and its stderr.
pub fn run(args: &[&str]) -> (i32, String) {
    let out = bokslut(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Renders `input` to `output` and asserts success without warnings.
pub fn render(input: &Path, output: &Path, extra: &[&str]) {
    let mut args = vec![
        "render",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = bokslut(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "render failed: {stderr}");
    assert!(!stderr.contains("warning"), "render warned: {stderr}");
}

/// The text of a PDF (or of one page), by poppler's pdftotext: in reading order, or with
/// `layout` as laid out on the page (a table row on one line).
pub fn pdf_text(pdf: &Path, page: Option<usize>, layout: bool) -> String {
    pdftotext(pdf, page, layout.then_some("-layout"))
}

/// The text of a PDF (or of one page) in the order of its content (`pdftotext -raw`): a
/// table's cells row by row, a wrapped cell whole before the next.
pub fn pdf_text_raw(pdf: &Path, page: Option<usize>) -> String {
    pdftotext(pdf, page, Some("-raw"))
}

fn pdftotext(pdf: &Path, page: Option<usize>, mode: Option<&str>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(mode) = mode {
        cmd.arg(mode);
    }
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: .ci/run installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// A field of `pdfinfo`'s output.
pub fn pdf_info(pdf: &Path, field: &str) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("pdfinfo has no {field}: {text}"))
}

/// Text as compared by the tests: without any kind of space, hyphen or invisible joiner, so
/// that line breaks, hyphenation and justification do not matter, but every other
/// character, and the order of characters, does.
pub fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '\u{AD}' | '\u{2060}' | '\u{200B}' | '\u{202F}' | '\u{A0}'
                )
        })
        .collect()
}

/// Copies a directory, with its subdirectories.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
