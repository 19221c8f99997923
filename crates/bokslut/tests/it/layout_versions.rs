//! Archived layouts: a report names the layout version it was published with
//! (`meta.layout`), and rendering it again with this bokslut gives the PDF bytes recorded
//! for that version in `tests/golden/layout-versions.txt`; a version not bundled is refused.
//! Across a Typst upgrade the bytes may change, the pages may not: each version's pages are
//! kept as images (`tests/golden/pages/VERSION/`, 30 dpi greyscale) and compared.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{EXAMPLE, bokslut, render, root};

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

/// Renders `report` with each layout version the hash file `golden` lists and compares the
/// PDF's hash with the recorded one; every bundled version must be listed.
fn check_recorded(report: &str, golden: &str) {
    let recorded = std::fs::read_to_string(root().join(golden)).unwrap();
    let versions: Vec<(&str, &str)> = recorded
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').expect("VERSION HASH"))
        .collect();
    let listed: Vec<&str> = versions.iter().map(|(v, _)| *v).collect();
    assert_eq!(listed, bokslut_layout::LAYOUT_VERSIONS, "{golden}");
    let text = std::fs::read_to_string(root().join(report)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (version, hash) in versions {
        let report = example_with_layout(dir.path(), &text, version);
        let pdf = dir.path().join(format!("{version}.pdf"));
        render(&report, &pdf, &[]);
        assert_eq!(sha256(&pdf), hash.trim(), "{golden}: layout {version}");
    }
}

#[test]
fn every_bundled_layout_version_gives_its_recorded_pdf() {
    check_recorded(EXAMPLE, "tests/golden/layout-versions.txt");
}

#[test]
fn every_bundled_layout_version_lays_out_a_goal_table_as_it_did() {
    check_recorded(
        "tests/fixtures/goals/helsingborg-kommunstyrelsen-2016.toml",
        "tests/golden/layout-versions-goals.txt",
    );
}

/// The report `text`, naming `version` as its layout, written in `dir`.
fn example_with_layout(dir: &Path, text: &str, version: &str) -> PathBuf {
    let report = dir.join(format!("{version}.toml"));
    std::fs::write(
        &report,
        text.replacen("[meta]\n", &format!("[meta]\nlayout = \"{version}\"\n"), 1),
    )
    .unwrap();
    report
}

/// The bundled versions, from the hash file.
fn versions() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/golden/layout-versions.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').expect("VERSION HASH").0.to_owned())
        .collect()
}

/// The pages of `pdf` as 30 dpi greyscale PNG files `PREFIX-N.png` in `dir`, in order.
fn page_images(pdf: &Path, dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let out = Command::new("pdftoppm")
        .args(["-r", "30", "-gray", "-png"])
        .arg(pdf)
        .arg(dir.join(prefix))
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success(), "pdftoppm failed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("{prefix}-")) && name.ends_with(".png")
        })
        .collect();
    files.sort();
    files
}

/// A page image's width, height and pixels, one shade each.
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    // pdftoppm writes `-gray` pages as RGB PNG in some versions: one shade per pixel either way.
    let pixels = match info.color_type {
        png::ColorType::Grayscale => pixels,
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .map(|c| ((u16::from(c[0]) + u16::from(c[1]) + u16::from(c[2])) / 3) as u8)
            .collect(),
        other => panic!("{}: {other:?}", path.display()),
    };
    (info.width, info.height, pixels)
}

#[test]
fn every_bundled_layout_version_gives_its_recorded_pages() {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let update = std::env::var_os("BOKSLUT_UPDATE_GOLDEN").is_some();
    for version in versions() {
        let report = example_with_layout(dir.path(), &text, &version);
        let pdf = dir.path().join(format!("{version}.pdf"));
        render(&report, &pdf, &[]);
        let golden = root().join("tests/golden/pages").join(&version);
        if update {
            std::fs::create_dir_all(&golden).unwrap();
            for old in std::fs::read_dir(&golden).unwrap() {
                std::fs::remove_file(old.unwrap().path()).unwrap();
            }
            page_images(&pdf, &golden, "page");
            continue;
        }
        let now = page_images(&pdf, dir.path(), &format!("{version}-page"));
        let recorded = page_images_recorded(&golden);
        assert_eq!(
            now.len(),
            recorded.len(),
            "layout {version}: page count (BOKSLUT_UPDATE_GOLDEN=1 records a new version's pages)"
        );
        for (page, (a, b)) in now.iter().zip(&recorded).enumerate() {
            let (wa, ha, pa) = grey(a);
            let (wb, hb, pb) = grey(b);
            assert_eq!(
                (wa, ha),
                (wb, hb),
                "layout {version}, page {}: size",
                page + 1
            );
            // Anti-aliasing may differ by a shade across versions of Typst or poppler; text,
            // rules or bands that moved change many pixels by much.
            let differing = pa
                .iter()
                .zip(&pb)
                .filter(|(x, y)| x.abs_diff(**y) > 48)
                .count();
            assert!(
                differing * 200 < pa.len(),
                "layout {version}, page {}: {differing} of {} pixels differ from {}",
                page + 1,
                pa.len(),
                b.display()
            );
        }
    }
}

/// The recorded page images of a version, in page order.
fn page_images_recorded(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    files.sort();
    files
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

/// Charts came with 2026.2 and changed in 2026.3: the chart fixture gives each version's
/// recorded PDF; 2026.1 refuses a chart, and 2026.2 stacked bars, at `check`.
#[test]
fn every_layout_version_with_charts_draws_them_as_it_did() {
    let golden = "tests/golden/layout-versions-charts.txt";
    let recorded = std::fs::read_to_string(root().join(golden)).unwrap();
    let versions: Vec<(&str, &str)> = recorded
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').expect("VERSION HASH"))
        .collect();
    let listed: Vec<&str> = versions.iter().map(|(v, _)| *v).collect();
    assert_eq!(listed, bokslut_layout::LAYOUT_VERSIONS[1..], "{golden}");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/charts/vastervik-2021.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (version, hash) in versions {
        let report = example_with_layout(dir.path(), &text, version);
        let pdf = dir.path().join(format!("{version}.pdf"));
        render(&report, &pdf, &[]);
        assert_eq!(sha256(&pdf), hash.trim(), "{golden}: layout {version}");
    }
    let old = example_with_layout(dir.path(), &text, "2026.1");
    let out = bokslut(&["check", old.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the report names the layout `2026.1`, which prints no charts"),
        "{stderr}"
    );
    let stacked = example_with_layout(
        dir.path(),
        &text.replacen("kind = \"bars\"", "kind = \"stacked_bars\"", 1),
        "2026.2",
    );
    let out = bokslut(&["check", stacked.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("which draws no stacked bars"), "{stderr}");
}
