//! Graphic profiles: two fictional municipalities (tests/fixtures/profiles/) render the
//! example each in its own look (logo, colours, typeface, cover), both PDF/A-2a and
//! PDF/UA-1, the logo's alternative text in the structure tree; the default look stays as
//! it was; a profile's schema accepts the fixtures.

use std::path::{Path, PathBuf};
use std::process::Command;

use page_validation::{ValidationOptions, ValidationProfile, validate_pdf};

use crate::common::{EXAMPLE, bokslut, copy_dir, norm, pdf_text, render, root};

struct Municipality {
    profile: &'static str,
    font: &'static str,
    accent: [u8; 3],
    logo_alt: &'static str,
}

const EKBACKA: Municipality = Municipality {
    profile: "tests/fixtures/profiles/ekbacka/profil.toml",
    font: "LiberationSerif",
    accent: [0x0b, 0x5d, 0x3b],
    logo_alt: "Ekbacka kommuns logotyp: ett vitt ekblad i en grön cirkel",
};

const NORRVIK: Municipality = Municipality {
    profile: "tests/fixtures/profiles/norrvik/profil.toml",
    font: "LiberationSans",
    accent: [0x7a, 0x1f, 0x2b],
    logo_alt: "Norrviks kommuns logotyp: en sol över tre vågor",
};

/// Renders the example with a profile into `dir`.
fn render_with(dir: &Path, m: &Municipality) -> PathBuf {
    let pdf = dir.join(format!("{}.pdf", m.font));
    render(&root().join(EXAMPLE), &pdf, &["--profile", m.profile]);
    pdf
}

/// Names of the fonts `pdffonts` lists.
fn fonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pages of a PDF as RGB pixels (pdftoppm, 20 dpi): (width, height, pixels) per page.
fn pages(pdf: &Path, dir: &Path) -> Vec<(usize, usize, Vec<u8>)> {
    let stem = dir.join(format!(
        "{}-page",
        pdf.file_stem().unwrap().to_string_lossy()
    ));
    let out = Command::new("pdftoppm")
        .args(["-r", "20"])
        .arg(pdf)
        .arg(&stem)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success(), "pdftoppm");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&*stem.file_name().unwrap().to_string_lossy())
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| ppm(&std::fs::read(f).unwrap()))
        .collect()
}

/// A binary PPM (P6, 8 bits).
fn ppm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

/// How many pixels of a page are within a small distance of `colour`.
fn pixels_of(page: &(usize, usize, Vec<u8>), colour: [u8; 3]) -> usize {
    page.2
        .chunks(3)
        .filter(|p| {
            p.iter()
                .zip(colour)
                .all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= 12)
        })
        .count()
}

fn assert_archival_and_accessible(pdf: &Path) {
    for profile in [ValidationProfile::PdfA2a, ValidationProfile::PdfUa1] {
        let report = validate_pdf(pdf, &ValidationOptions::default().profile(profile))
            .unwrap_or_else(|e| panic!("the validator cannot read {}: {e}", pdf.display()));
        assert!(report.rules.total > 50, "the validator ran its rules");
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert!(
            report.is_compliant && failures.is_empty(),
            "{} is not {profile}:\n{}",
            pdf.display(),
            failures.join("\n")
        );
    }
}

/// The alternative texts (`/Alt`) of the PDF's structure elements, by qpdf's JSON.
fn alt_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("qpdf")
        .args(["--json", "--json-stream-data=none"])
        .arg(pdf)
        .output()
        .expect("qpdf");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("qpdf JSON");
    let mut alts = Vec::new();
    let objects = json["qpdf"][1].as_object().expect("objects");
    for object in objects.values() {
        let value = &object["value"];
        if value["/Type"] == "/StructElem"
            && let Some(alt) = value["/Alt"].as_str()
        {
            alts.push(alt.trim_start_matches("u:").to_owned());
        }
    }
    alts
}

#[test]
fn two_municipalities_render_the_example_each_in_its_own_look() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    render(&root().join(EXAMPLE), &plain, &[]);
    let ekbacka = render_with(dir.path(), &EKBACKA);
    let norrvik = render_with(dir.path(), &NORRVIK);

    // The typeface: each profile's own, embedded; the default is Inter.
    let (f_plain, f_ek, f_no) = (fonts(&plain), fonts(&ekbacka), fonts(&norrvik));
    assert!(
        f_plain.contains("Inter") && !f_plain.contains("Liberation"),
        "{f_plain}"
    );
    assert!(
        f_ek.contains(EKBACKA.font) && !f_ek.contains(NORRVIK.font),
        "{f_ek}"
    );
    assert!(
        f_no.contains(NORRVIK.font) && !f_no.contains(EKBACKA.font),
        "{f_no}"
    );

    // The text is the same report.
    for pdf in [&ekbacka, &norrvik] {
        let text = pdf_text(pdf, None, false);
        assert!(text.contains("Sydnärkes IT-nämnd"), "{text}");
    }

    // The look: each cover is drawn in the profile's accent colour (the logo, the title),
    // which the other's and the default's covers lack; the pages differ.
    let p_plain = pages(&plain, dir.path());
    let p_ek = pages(&ekbacka, dir.path());
    let p_no = pages(&norrvik, dir.path());
    for (m, own, others) in [
        (&EKBACKA, &p_ek, [&p_no, &p_plain]),
        (&NORRVIK, &p_no, [&p_ek, &p_plain]),
    ] {
        let mine = pixels_of(&own[0], m.accent);
        assert!(
            mine > 50,
            "{}: {mine} pixels of the accent on the cover",
            m.profile
        );
        for other in others {
            let theirs = pixels_of(&other[0], m.accent);
            assert!(theirs * 10 < mine, "{}: {theirs} against {mine}", m.profile);
        }
    }
    assert_ne!(
        p_ek[1].2, p_plain[1].2,
        "Ekbacka's second page is the default's"
    );
    assert_ne!(
        p_no[2].2, p_plain[2].2,
        "Norrvik's third page is the default's"
    );
    // Ekbacka prints on both sides: blank pages before chapters make it longer.
    assert!(
        p_ek.len() > p_plain.len(),
        "{} against {} pages",
        p_ek.len(),
        p_plain.len()
    );
    assert_eq!(p_no.len(), p_plain.len());
    // A page left blank before a right-hand page is empty: no header or footer either. Each
    // is a left-hand (even) page; the pages around it carry text.
    let blank: Vec<usize> = (1..=p_ek.len())
        .filter(|&p| pdf_text(&ekbacka, Some(p), false).trim().is_empty())
        .collect();
    assert!(!blank.is_empty(), "Ekbacka prints blank pages");
    assert!(blank.iter().all(|p| p % 2 == 0), "blank pages {blank:?}");
    for p in &blank {
        assert!(
            !blank.contains(&(p + 1)),
            "two blank pages in a row: {blank:?}"
        );
    }

    for (m, pdf) in [(&EKBACKA, &ekbacka), (&NORRVIK, &norrvik)] {
        assert_archival_and_accessible(pdf);
        let alts = alt_texts(pdf);
        assert!(
            alts.iter().any(|a| a == m.logo_alt),
            "{}: the logo's alternative text is not in the structure tree: {alts:?}",
            m.profile
        );
    }
    // The cover photo's alternative text too.
    assert!(
        alt_texts(&norrvik)
            .iter()
            .any(|a| a.starts_with("Norrviks hamn")),
        "the photo's alternative text"
    );
}

#[test]
fn a_report_names_its_profile_relative_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let report = dir.path().join("rapport.toml");
    let named = text.replacen(
        "[meta]\n",
        &format!(
            "[meta]\nprofile = \"{}\"\n",
            root().join(NORRVIK.profile).display()
        ),
        1,
    );
    assert_ne!(named, text, "the example has a [meta] table");
    std::fs::write(&report, named).unwrap();
    let pdf = dir.path().join("rapport.pdf");
    // A profile outside the report's directory is read only when the user allows it.
    let refused = bokslut(&[
        "render",
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("outside the report's directory"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!pdf.exists());
    render(&report, &pdf, &["--allow-outside-paths"]);
    assert!(fonts(&pdf).contains(NORRVIK.font));
    // Beside the report, it is read as it is.
    let beside = dir.path().join("profil");
    copy_dir(root().join(NORRVIK.profile).parent().unwrap(), &beside);
    std::fs::write(
        &report,
        text.replacen("[meta]\n", "[meta]\nprofile = \"profil/profil.toml\"\n", 1),
    )
    .unwrap();
    render(&report, &pdf, &[]);
    assert!(fonts(&pdf).contains(NORRVIK.font));
    // `--profile` replaces the report's own.
    render(
        &report,
        &pdf,
        &["--profile", &root().join(EKBACKA.profile).to_string_lossy()],
    );
    assert!(fonts(&pdf).contains(EKBACKA.font));
}

#[test]
fn the_profile_schema_accepts_the_fixtures_and_refuses_a_typo() {
    let out = bokslut(&["schema", "--profile"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a JSON Schema");
    let as_json = |text: &str| serde_json::to_value(text.parse::<toml::Table>().unwrap()).unwrap();
    for m in [&EKBACKA, &NORRVIK] {
        let text = std::fs::read_to_string(root().join(m.profile)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", m.profile);
        let typo = text.replacen("[colours]", "[colors]", 1);
        assert!(!validator.is_valid(&as_json(&typo)), "{}", m.profile);
    }
}

#[test]
fn check_refuses_a_bad_profile_too() {
    let out = bokslut(&["check", "tests/bad-inputs/80-profile-low-contrast.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("has a contrast of"), "{stderr}");
    let out = bokslut(&[
        "check",
        EXAMPLE,
        "--profile",
        "tests/bad-inputs/profiles/font-without-swedish/profil.toml",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("lacks `ä` (U+00E4)"), "{stderr}");
}

#[test]
fn the_classic_look_is_a_second_design_of_the_same_contract() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    render(&root().join(EXAMPLE), &plain, &[]);
    let classic = dir.path().join("classic.pdf");
    render(
        &root().join(EXAMPLE),
        &classic,
        &["--profile", "tests/fixtures/profiles/classic/profil.toml"],
    );
    // Its own bundled serif, no profile font directory; none of Inter.
    let f = fonts(&classic);
    assert!(f.contains("LiberationSerif") && !f.contains("Inter"), "{f}");
    // The same report: its headings, prose, decisions and figures.
    let words = |pdf: &Path| norm(&pdf_text(pdf, None, false));
    let (in_classic, in_plain) = (words(&classic), words(&plain));
    for phrase in [
        "1Inledning",
        "Vårmåluppfyllelseärfortsattgodvadgällernämndmål",
        "Finnsuppdraghos",
        "Personalkostnader123375672108001537",
        "4.1Investeringar",
    ] {
        assert!(
            in_plain.contains(phrase) && in_classic.contains(phrase),
            "{phrase}"
        );
    }
    // Another design: the title and headings are black, not the built-in blue.
    let (p_plain, p_classic) = (pages(&plain, dir.path()), pages(&classic, dir.path()));
    let blue = [0x1f, 0x4e, 0x79];
    assert!(pixels_of(&p_plain[0], blue) > 50);
    assert_eq!(pixels_of(&p_classic[0], blue), 0);
    assert_ne!(p_plain[2].2, p_classic[2].2);
    assert_archival_and_accessible(&classic);
}

#[test]
fn check_and_every_render_agree_on_what_cannot_be_printed() {
    // The web edition alone was rendered with a profile font that lacks `ä`, which `check`
    // and the PDF refuse; and `check` took no --locales, so it passed a locale the render
    // refused.
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let font = "tests/bad-inputs/profiles/font-without-swedish/profil.toml";
    let out = bokslut(&[
        "render",
        EXAMPLE,
        "--format",
        "html",
        "--profile",
        font,
        "-o",
        &html.to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("lacks `ä` (U+00E4)"), "{stderr}");
    assert!(!html.exists());
    let locales = dir.path().join("locales");
    std::fs::create_dir_all(locales.join("fi")).unwrap();
    std::fs::write(locales.join("fi/report.ftl"), "toc-title = { b }\n").unwrap();
    let flags = ["--locale", "fi", "--locales", &locales.to_string_lossy()];
    let pdf = dir.path().join("r.pdf");
    let check = bokslut(&[&["check", EXAMPLE][..], &flags].concat());
    let render = bokslut(
        &[
            &["render", EXAMPLE, "-o", &pdf.to_string_lossy()][..],
            &flags,
        ]
        .concat(),
    );
    for out in [&check, &render] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("unresolved references"), "{stderr}");
    }
    assert!(!pdf.exists());
}
