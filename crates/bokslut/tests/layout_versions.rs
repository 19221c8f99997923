//! Archived layouts: a report names the layout version it was published with
//! (`meta.layout`), and rendering it again with this bokslut gives the PDF bytes recorded
//! for that version in `tests/golden/layout-versions.txt`; a version not bundled is refused.

mod common;

use std::process::Command;

use common::{bokslut, render, root};

const EXAMPLE: &str = "examples/delarsbokslut-2020-syd-it.toml";

fn sha256(path: &std::path::Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn every_bundled_layout_version_gives_its_recorded_pdf() {
    let recorded =
        std::fs::read_to_string(root().join("tests/golden/layout-versions.txt")).unwrap();
    let versions: Vec<(&str, &str)> = recorded
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').expect("VERSION HASH"))
        .collect();
    assert!(!versions.is_empty());
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (version, hash) in versions {
        let report = dir.path().join(format!("{version}.toml"));
        std::fs::write(
            &report,
            text.replacen("[meta]\n", &format!("[meta]\nlayout = \"{version}\"\n"), 1),
        )
        .unwrap();
        let pdf = dir.path().join(format!("{version}.pdf"));
        render(&report, &pdf, &[]);
        assert_eq!(sha256(&pdf), hash.trim(), "layout {version}");
    }
}

#[test]
fn a_layout_version_not_bundled_is_refused() {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(
        &report,
        text.replacen("[meta]\n", "[meta]\nlayout = \"1999.1\"\n", 1),
    )
    .unwrap();
    let pdf = dir.path().join("r.pdf");
    let out = bokslut(&[
        "render",
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("layout version `1999.1`"), "{stderr}");
    assert!(!pdf.exists());
}
