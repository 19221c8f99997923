//! Many reports in one run: directories walked, PDFs rendered in parallel, mirrored under
//! `--out-dir` or written next to each input, failures reported and skipped over.

use std::path::Path;

use crate::common::{EXAMPLE, norm, pdf_info, pdf_text, root, run};

/// Writes variant `n` of the example report (another board name, other figures).
fn variant(path: &Path, n: u64) {
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bokslut_synth::variant(&example, n).unwrap()).unwrap();
}

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn directory_tree_is_mirrored_under_out_dir_and_a_bad_report_does_not_stop_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("arkiv");
    let out_dir = tmp.path().join("pdf");
    variant(&input.join("2020/syd-it.toml"), 1);
    variant(&input.join("2021/q2/syd-it.toml"), 2);
    variant(&input.join("2022.toml"), 3);
    variant(&input.join(".git/ignored.toml"), 4);
    std::fs::write(input.join("2021/notes.txt"), "not a report").unwrap();
    std::fs::write(
        input.join("2021/broken.toml"),
        "format_version = 1\n[meta\n",
    )
    .unwrap();
    // A PDF from an earlier, good render of the broken report: it must survive.
    std::fs::create_dir_all(out_dir.join("2021")).unwrap();
    std::fs::write(out_dir.join("2021/broken.pdf"), b"earlier PDF").unwrap();

    let (code, stderr) = run(&[
        "render",
        input.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(code, 1, "one report is bad: {stderr}");
    assert_eq!(
        files(&out_dir),
        [
            "2020/syd-it.pdf",
            "2021/broken.pdf",
            "2021/q2/syd-it.pdf",
            "2022.pdf"
        ]
    );
    assert_eq!(
        std::fs::read(out_dir.join("2021/broken.pdf")).unwrap(),
        b"earlier PDF"
    );
    // Nothing written next to the inputs.
    assert!(!files(&input).iter().any(|f| f.ends_with(".pdf")));
    // Each PDF is its own report.
    for (pdf, n) in [
        ("2020/syd-it.pdf", 1),
        ("2021/q2/syd-it.pdf", 2),
        ("2022.pdf", 3),
    ] {
        let text = norm(&pdf_text(&out_dir.join(pdf), Some(1), false));
        assert!(
            text.contains(&norm(&format!("Sydnärkes IT-nämnd (variant {n})"))),
            "{pdf} is not variant {n}: {text}"
        );
    }
    // The error names file, line and column; the summary counts and names the failure.
    assert!(stderr.contains("broken.toml:2:"), "{stderr}");
    assert!(stderr.contains("3 rendered"), "{stderr}");
    assert!(stderr.contains("1 failed"), "{stderr}");
    let failure = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("failed:"))
        .unwrap_or_else(|| panic!("no failure line: {stderr}"));
    assert!(
        failure.contains("broken.toml") && failure.contains("1 error(s)"),
        "{failure}"
    );
    assert!(!stderr.contains("ignored"), "{stderr}");
}

#[test]
fn without_out_dir_each_pdf_goes_next_to_its_input() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a/rapport.toml");
    let b = tmp.path().join("b/rapport.toml");
    variant(&a, 5);
    variant(&b, 6);
    let (code, stderr) = run(&["render", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        files(tmp.path()),
        [
            "a/rapport.pdf",
            "a/rapport.toml",
            "b/rapport.pdf",
            "b/rapport.toml"
        ]
    );
    assert!(
        stderr.contains("2 rendered") && stderr.contains("0 failed"),
        "{stderr}"
    );
}

#[test]
fn parallel_and_one_at_a_time_give_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for n in 1..=6 {
        variant(&input.join(format!("r{n}.toml")), n);
    }
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out_dir = tmp.path().join(format!("out-{jobs}"));
        let (code, stderr) = run(&[
            "render",
            input.to_str().unwrap(),
            "--out-dir",
            out_dir.to_str().unwrap(),
            "-j",
            jobs,
        ]);
        assert_eq!(code, 0, "{stderr}");
        let pdfs: Vec<Vec<u8>> = (1..=6)
            .map(|n| std::fs::read(out_dir.join(format!("r{n}.pdf"))).unwrap())
            .collect();
        outputs.push(pdfs);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    // Distinct reports give distinct PDFs (the comparison above is not of six copies).
    assert_ne!(outputs[0][0], outputs[0][1]);
}

#[test]
fn output_names_one_pdf_only() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.toml");
    let b = tmp.path().join("b.toml");
    variant(&a, 1);
    variant(&b, 2);
    let pdf = tmp.path().join("out.pdf");
    let (code, stderr) = run(&[
        "render",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--out-dir"), "{stderr}");
    assert_eq!(files(tmp.path()), ["a.toml", "b.toml"]);
}

#[test]
fn a_directory_without_reports_and_two_reports_for_one_pdf_are_failures() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("tom");
    std::fs::create_dir_all(&empty).unwrap();
    let toml = tmp.path().join("r.toml");
    variant(&toml, 1);
    let json = tmp.path().join("r.json");
    std::fs::write(&json, "{}").unwrap();
    let (code, stderr) = run(&[
        "render",
        empty.to_str().unwrap(),
        toml.to_str().unwrap(),
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no report file"), "{stderr}");
    assert!(stderr.contains("would replace that of"), "{stderr}");
    assert!(
        stderr.contains("1 rendered") && stderr.contains("2 failed"),
        "{stderr}"
    );
    assert!(tmp.path().join("r.pdf").exists());
}

#[test]
fn check_takes_directories_too() {
    let tmp = tempfile::tempdir().unwrap();
    variant(&tmp.path().join("a/r1.toml"), 1);
    variant(&tmp.path().join("a/b/r2.toml"), 2);
    std::fs::write(tmp.path().join("a/b/bad.json"), "[]").unwrap();
    let (code, stderr) = run(&["check", tmp.path().join("a").to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("bad.json:1:2"), "{stderr}");
    assert!(stderr.contains("found an array"), "{stderr}");
    assert!(
        stderr.contains("checked 3 file(s): 2 valid, 1 invalid"),
        "{stderr}"
    );
    assert!(!files(tmp.path()).iter().any(|f| f.ends_with(".pdf")));
}

#[cfg(unix)]
#[test]
fn linked_reports_are_rendered_and_a_link_loop_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("elsewhere/r.toml");
    variant(&elsewhere, 9);
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::os::unix::fs::symlink(&elsewhere, input.join("linked.toml")).unwrap();
    std::os::unix::fs::symlink(&input, input.join("loop")).unwrap();
    let out_dir = tmp.path().join("out");
    let (code, stderr) = run(&[
        "render",
        input.to_str().unwrap(),
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(files(&out_dir), ["linked.pdf"], "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert_eq!(code, 1, "{stderr}");
}

/// The summary line of a batch (`N rendered (...), M failed, in T s`).
fn summary_line(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.contains(" rendered") && l.contains(" failed, in "))
        .unwrap_or_else(|| panic!("no summary: {stderr}"))
}

#[test]
fn the_summary_says_what_was_written_pdf_pages_or_html_sizes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    variant(&input.join("a.toml"), 11);
    variant(&input.join("b.toml"), 12);
    let dir = input.to_str().unwrap();
    let html_total = || -> u64 {
        ["a.html", "b.html"]
            .iter()
            .map(|f| std::fs::metadata(input.join(f)).unwrap().len())
            .sum()
    };
    // HTML only: no pages (no PDF was made), the files and their size instead.
    let (code, stderr) = run(&["render", dir, "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    let line = summary_line(&stderr);
    let kb = (html_total() + 500) / 1000;
    assert!(
        line.contains(&format!("2 rendered (2 HTML files, {kb} kB), 0 failed")),
        "{line}"
    );
    assert!(!line.contains("pages"), "{line}");
    // Each file's line says its size too.
    let a_kb = (std::fs::metadata(input.join("a.html")).unwrap().len() + 500) / 1000;
    assert!(stderr.contains(&format!("a.html ({a_kb} kB)")), "{stderr}");
    // Both: the pages of the PDFs and the HTML files.
    let (code, stderr) = run(&["render", dir, "--format", "pdf,html"]);
    assert_eq!(code, 0, "{stderr}");
    let pages: u64 = ["a.pdf", "b.pdf"]
        .iter()
        .map(|f| pdf_info(&input.join(f), "Pages").parse::<u64>().unwrap())
        .sum();
    assert!(pages > 0);
    let kb = (html_total() + 500) / 1000;
    let line = summary_line(&stderr);
    assert!(
        line.contains(&format!(
            "2 rendered ({pages} pages; 2 HTML files, {kb} kB), 0 failed"
        )),
        "{line}"
    );
    // PDF only, as before.
    let (code, stderr) = run(&["render", dir]);
    assert_eq!(code, 0, "{stderr}");
    let line = summary_line(&stderr);
    assert!(
        line.contains(&format!("2 rendered ({pages} pages), 0 failed")),
        "{line}"
    );
}
