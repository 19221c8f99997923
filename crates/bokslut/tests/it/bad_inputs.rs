//! The catalogue of bad inputs in `tests/bad-inputs/`: each file gives its exact error
//! (`NAME.expected`, compared line by line with what `bokslut render` prints), exit code 1,
//! and no output file, not even over an existing one.

use crate::common::{bokslut, root};

#[test]
fn every_bad_input_gives_its_error_and_no_pdf() {
    let dir = root().join("tests/bad-inputs");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected"))
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 25,
        "the catalogue has {} cases",
        inputs.len()
    );
    let out_dir = tempfile::tempdir().unwrap();
    for input in inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let relative = format!("tests/bad-inputs/{name}");
        let expected = std::fs::read_to_string(input.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name} has no .expected file"));
        let pdf = out_dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, b"earlier PDF").unwrap();
        let out = bokslut(&["render", &relative, "-o", pdf.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: exit code\n{stderr}");
        assert_eq!(stderr, expected, "{name}: message");
        assert_eq!(
            std::fs::read(&pdf).unwrap(),
            b"earlier PDF",
            "{name}: the existing PDF changed"
        );
        let fresh = out_dir.path().join(format!("{name}.new.pdf"));
        let out = bokslut(&["render", &relative, "-o", fresh.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!fresh.exists(), "{name}: a PDF was written");
        assert_eq!(
            std::fs::read_dir(out_dir.path()).unwrap().count(),
            1,
            "{name}: files left behind"
        );
        std::fs::remove_file(&pdf).unwrap();
    }
}

#[test]
fn check_accepts_the_example_and_counts_files() {
    let out = bokslut(&[
        "check",
        "examples/delarsbokslut-2020-syd-it.toml",
        "tests/fixtures/special-characters.toml",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("checked 2 file(s): 2 valid, 0 invalid"),
        "{stderr}"
    );
    // The amounts of the example's text that disagree with its tables, located; warnings,
    // so the report stays valid (and `render`, which reproduces the text, says nothing).
    for (amount, place) in [
        ("1564 tkr", "examples/delarsbokslut-2020-syd-it.toml:182:52"),
        ("420 kr", "examples/delarsbokslut-2020-syd-it.toml:198:40"),
    ] {
        assert!(
            stderr.contains(&format!("warning: the text gives {amount}"))
                && stderr.contains(&format!("--> {place}")),
            "{stderr}"
        );
    }
    assert_eq!(
        stderr.matches("warning: the text gives").count(),
        2,
        "{stderr}"
    );
    let out = bokslut(&[
        "check",
        "examples/delarsbokslut-2020-syd-it.toml",
        "tests/bad-inputs/01-empty-file.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checked 2 file(s): 1 valid, 1 invalid"));
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    let source =
        std::fs::read_to_string(root().join("examples/delarsbokslut-2020-syd-it.toml")).unwrap();
    // Drop the target of the first indicator that has one: a warning, not an error.
    let at = source.find("\ntarget = ").unwrap();
    let end = at + 1 + source[at + 1..].find('\n').unwrap();
    let edited = format!("{}{}", &source[..at], &source[end..]);
    let input = dir.path().join("no-target.toml");
    std::fs::write(&input, edited).unwrap();
    let input = input.to_str().unwrap();
    let out = bokslut(&["check", input]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: the indicator") && stderr.contains("has no target"),
        "{stderr}"
    );
    let out = bokslut(&["check", "--deny-warnings", input]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("(warnings denied)"));
    let pdf = dir.path().join("no-target.pdf");
    let out = bokslut(&[
        "render",
        "--deny-warnings",
        input,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!pdf.exists());
}
