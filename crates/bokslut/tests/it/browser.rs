//! The web edition in a real browser: headless Chromium with axe-core (tests/browser/, set up
//! by tests/setup.sh) finds no violation of the WCAG 2.1 A and AA rules in the example and in
//! every fixture, in Swedish and English, at 360 and 1280 px wide; the page never scrolls
//! sideways (a wide table scrolls in its own box) and asks for nothing from the network.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{bokslut, root};

/// The example and every fixture report (not the graphic profiles under `profiles/`).
fn reports() -> Vec<PathBuf> {
    let mut out = vec![root().join("examples/delarsbokslut-2020-syd-it.toml")];
    let mut stack = vec![root().join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("profiles") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Runs `node tests/browser/SCRIPT args`.
pub fn node(script: &str) -> Command {
    let dir = root().join("tests/browser");
    assert!(
        dir.join("node_modules/axe-core").is_dir(),
        "the browser tests' packages are missing: run tests/setup.sh (npm ci in tests/browser)"
    );
    let mut command = Command::new("node");
    command.arg(dir.join(script)).current_dir(&dir);
    command
}

#[test]
fn example_and_fixtures_pass_axe_at_phone_and_desktop_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for report in reports() {
        let name = report.file_stem().unwrap().to_string_lossy();
        // The 2000-row sheet is the same table markup two thousand times: axe takes 13 s a
        // language on it (half this test's time), so it is checked in Swedish only.
        let locales: &[&str] = if name.starts_with("large-") {
            &["sv"]
        } else {
            &["sv", "en"]
        };
        for &locale in locales {
            let html = dir.path().join(format!("{name}-{locale}.html"));
            let out = bokslut(&[
                "render",
                report.to_str().unwrap(),
                "--format",
                "html",
                "--locale",
                locale,
                "-o",
                html.to_str().unwrap(),
            ]);
            assert!(
                out.status.success(),
                "{}: {}",
                report.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            files.push(html);
        }
    }
    // The example in the look of each fictional municipality's profile: its colours, font
    // and logo.
    for profile in ["ekbacka", "norrvik", "classic"] {
        let html = dir.path().join(format!("profile-{profile}.html"));
        let given = root().join(format!("tests/fixtures/profiles/{profile}/profil.toml"));
        let out = bokslut(&[
            "render",
            root()
                .join("examples/delarsbokslut-2020-syd-it.toml")
                .to_str()
                .unwrap(),
            "--format",
            "html",
            "--profile",
            given.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{profile}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        files.push(html);
    }
    // Full-page screenshots go to BOKSLUT_SCREENS when set, for a person to look at; taken
    // always, they were a third of this test's time.
    let mut check = node("check.js");
    if let Some(shots) = std::env::var_os("BOKSLUT_SCREENS") {
        check.arg("--shots").arg(PathBuf::from(shots));
    }
    let out = check
        .args(&files)
        .output()
        .expect("node (Node.js) must be installed: tests/setup.sh installs it");
    assert!(
        out.status.success(),
        "check.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), files.len() * 2, "each file at two widths");
    let mut problems = Vec::new();
    for r in results {
        let what = format!(
            "{} at {} px",
            Path::new(r["file"].as_str().unwrap()).display(),
            r["width"]
        );
        if !r["violations"].as_array().unwrap().is_empty() {
            problems.push(format!("{what}: {}", r["violations"]));
        }
        if r["overflow"].as_i64() != Some(0) {
            problems.push(format!(
                "{what}: the page scrolls sideways by {} px",
                r["overflow"]
            ));
        }
        if !r["requests"].as_array().unwrap().is_empty() {
            problems.push(format!("{what}: requests {}", r["requests"]));
        }
        // axe did run its rules.
        assert!(r["passes"].as_u64().unwrap() > 10, "{what}: {r}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
