//! `--layouts DIR`: a municipality's own template replaces the built-in one; what it gets is
//! the versioned contract, and a template that does not handle a kind, reads another
//! contract or has an error fails with the place in its own file, and writes no PDF.

use std::path::Path;

use crate::common::{EXAMPLE, bokslut, pdf_text, root};

/// A layouts directory holding the built-in template changed by `edit`.
fn layouts(dir: &Path, edit: impl Fn(&str) -> String) -> String {
    let template = std::fs::read_to_string(root().join("layouts/report.typ")).unwrap();
    let edited = edit(&template);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("report.typ"), edited).unwrap();
    dir.to_str().unwrap().to_owned()
}

fn render(layouts: &str, pdf: &Path) -> (Option<i32>, String) {
    let out = bokslut(&[
        "render",
        EXAMPLE,
        "-o",
        pdf.to_str().unwrap(),
        "--layouts",
        layouts,
    ]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_municipalitys_template_replaces_the_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = layouts(&tmp.path().join("egen"), |t| {
        t.replacen(
            "#let profile-cover() =",
            "#let builtin-cover() = page[Egen mall för #data.organisation]\n#let profile-cover() =",
            1,
        )
    });
    let pdf = tmp.path().join("egen.pdf");
    let (code, stderr) = render(&dir, &pdf);
    assert_eq!(code, Some(0), "{stderr}");
    let cover = pdf_text(&pdf, Some(1), false);
    assert!(cover.contains("Egen mall för Lekebergs kommun"), "{cover}");
}

/// A change of the template.
type Edit = Box<dyn Fn(&str) -> String>;

#[test]
fn an_unknown_kind_another_contract_or_an_error_fails_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, Edit, &str); 3] = [
        (
            "no-money",
            Box::new(|t: &str| t.replacen("  money: money,\n", "", 1)),
            "unknown item kind `money` in the template data (contract 1)",
        ),
        (
            "contract-2",
            Box::new(|t: &str| t.replacen("#let contract = 1", "#let contract = 2", 1)),
            "this template reads contract 2 of bokslut's template data, not 1",
        ),
        (
            "typo",
            Box::new(|t: &str| {
                t.replacen(
                    "#let items = (",
                    "#let items = (\n  oops: undefined-thing,",
                    1,
                )
            }),
            "unknown variable: undefined-thing",
        ),
    ];
    for (name, edit, message) in cases {
        let dir = layouts(&tmp.path().join(name), edit);
        let pdf = tmp.path().join(format!("{name}.pdf"));
        let (code, stderr) = render(&dir, &pdf);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        // The place is in the municipality's file: DIR/report.typ:line:col.
        let place = format!("{dir}/report.typ:");
        let after = stderr
            .split(&place)
            .nth(1)
            .unwrap_or_else(|| panic!("{name}: {stderr}"));
        let mut numbers = after.split(':').take(2).map(|n| n.parse::<usize>());
        assert!(
            numbers.all(|n| n.is_ok_and(|n| n > 0)),
            "{name}: no line and column: {stderr}"
        );
        assert!(!pdf.exists(), "{name}: a PDF was written");
    }
}

#[test]
fn a_template_reads_no_file_outside_its_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "hemligt").unwrap();
    let dir = layouts(&tmp.path().join("mall"), |t| {
        t.replacen(
            "#let profile-cover() =",
            "#let builtin-cover() = page[#read(\"../secret.txt\")]\n#let profile-cover() =",
            1,
        )
    });
    let pdf = tmp.path().join("out.pdf");
    let (code, stderr) = render(&dir, &pdf);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("hemligt"));
    assert!(!pdf.exists());
}

#[test]
fn a_directory_without_report_typ_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stderr) = render(tmp.path().to_str().unwrap(), &tmp.path().join("x.pdf"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("has no report.typ"), "{stderr}");
}

#[test]
fn a_layout_reads_only_regular_files_of_a_bounded_size() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = layouts(&tmp.path().join("egen"), |t| {
        t.replacen(
            "#let profile-cover() =",
            "#let _ = read(\"data.bin\")\n#let profile-cover() =",
            1,
        )
    });
    let data = Path::new(&dir).join("data.bin");
    let pdf = tmp.path().join("egen.pdf");
    // A FIFO blocked the render for ever; a sparse file of 6 GiB was read whole.
    let fifo = std::process::Command::new("mkfifo")
        .arg(&data)
        .status()
        .unwrap();
    assert!(fifo.success());
    let (code, stderr) = render(&dir, &pdf);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("not a regular file") && stderr.contains("report.typ:"),
        "{stderr}"
    );
    std::fs::remove_file(&data).unwrap();
    let sparse = std::fs::File::create(&data).unwrap();
    sparse.set_len(6 << 30).unwrap();
    let (code, stderr) = render(&dir, &pdf);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("more than the limit"), "{stderr}");
    assert!(!pdf.exists());
}
