//! Hostile and huge inputs (issue 16): no crash, no lost file, bounded reading, bounded
//! messages, and `check` accepts only what `render` renders.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{norm, pdf_text, root, run};

/// A small valid report with a chapter holding `text`, and `meta` lines added.
fn report(meta: &str, text: &str) -> String {
    format!(
        "format_version = 1\n\n[meta]\norganisation = \"Lekebergs kommun\"\nboard = \"Nämnden\"\n\
         kind = \"interim\"\nperiod = {{ start = 2020-01-01, end = 2020-07-31 }}\n{meta}\n\n\
         [[chapters]]\ntitle = \"Inledning\"\n\n[[chapters.blocks]]\ntype = \"text\"\ntext = '''\n{text}\n'''\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file name in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_output_that_is_an_input_or_not_a_file_is_refused_before_rendering() {
    let tmp = tempfile::tempdir().unwrap();
    let text = report("", "Text.");
    let input = write(tmp.path(), "r.toml", &text);
    // The report itself, by its name and through a link.
    let (code, stderr) = run(&["render", s(&input), "-o", s(&input)]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("an input of this run"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), text);
    #[cfg(unix)]
    {
        let link = tmp.path().join("link.pdf");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let (code, stderr) = run(&["render", s(&input), "-o", s(&link)]);
        assert_eq!(code, 3, "{stderr}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), text);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A device, a directory (named with a slash or not) and a link to nothing.
        for (output, expected) in [
            ("/dev/null", "it is a device, not a regular file"),
            (s(tmp.path()), "it is a directory, not a regular file"),
            (
                &format!("{}/", tmp.path().display()),
                "the output names a directory",
            ),
        ] {
            let (code, stderr) = run(&["render", s(&input), "-o", output]);
            assert_eq!(code, 3, "{output}: {stderr}");
            assert!(stderr.contains(expected), "{output}: {stderr}");
        }
        let dangling = tmp.path().join("dangling.pdf");
        std::os::unix::fs::symlink(tmp.path().join("nowhere.pdf"), &dangling).unwrap();
        let (code, stderr) = run(&["render", s(&input), "-o", s(&dangling)]);
        assert_eq!(code, 3, "{stderr}");
        assert!(stderr.contains("link to nothing"), "{stderr}");
        assert!(!tmp.path().join("nowhere.pdf").exists());
        // A link to a PDF is written through: the link stays, its target gets the PDF.
        let target = write(tmp.path(), "pdfs/real.pdf", "earlier PDF");
        let link = tmp.path().join("r-link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (code, stderr) = run(&["render", s(&input), "-o", s(&link)]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
        assert_eq!(names(&tmp.path().join("pdfs")), ["real.pdf"]);
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), text);
}

#[test]
fn two_spellings_of_one_pdf_are_one_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "a/r.toml", &report("", "Text."));
    let plain = tmp.path().join("a/r.toml");
    let roundabout = tmp.path().join("a/../a/r.toml");
    let (code, stderr) = run(&["render", s(&plain), s(&roundabout), "-j", "65535"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("would replace that of"), "{stderr}");
    assert!(
        stderr.contains("1 rendered") && stderr.contains("1 failed"),
        "{stderr}"
    );
}

#[test]
fn deep_nesting_is_a_located_error_and_the_rest_of_a_batch_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    for n in 0..4 {
        write(
            &dir,
            &format!("r{n}.toml"),
            &report("", &format!("Rapport {n}.")),
        );
    }
    // (Ending in a word: a line of hyphens alone would be a thematic break, not lists.)
    let deep = write(&dir, "deep.toml", &report("", &("- ".repeat(20_000) + "x")));
    let (code, stderr) = run(&["check", s(&deep)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("lists in the text are nested more than 8 deep"),
        "{stderr}"
    );
    assert!(stderr.contains("deep.toml:16:"), "{stderr}");
    let out = tmp.path().join("out");
    let (code, stderr) = run(&["render", s(&dir), "--out-dir", s(&out)]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        names(&out),
        ["r0.pdf", "r1.pdf", "r2.pdf", "r3.pdf"],
        "{stderr}"
    );
    assert!(
        stderr.contains("4 rendered") && stderr.contains("1 failed"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_only_up_to_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let zero = tmp.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = tmp.path().join("dir/fifo.toml");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Named on the command line: an error each, at once (a FIFO would hang a read).
    for path in [&zero, &fifo] {
        let (code, stderr) = run(&["check", s(path)]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    // Inside a directory: listed as skipped, with why.
    write(&tmp.path().join("dir"), "good.toml", &report("", "Text."));
    let (code, stderr) = run(&["check", s(&tmp.path().join("dir"))]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("fifo.toml: skipped: it is a FIFO (named pipe), not a regular file"),
        "{stderr}"
    );
    // Too large: refused unread; accepted with the limit raised.
    let padded = report("", &format!("Text.{}", " ".repeat(4096)));
    let big = write(tmp.path(), "big.toml", &padded);
    let (code, stderr) = run(&["check", s(&big), "--max-input-size", "2K"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the file is 4.") && stderr.contains("more than the limit of 2 KiB"),
        "{stderr}"
    );
    let (code, stderr) = run(&["check", s(&big), "--max-input-size", "1M"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn messages_stay_small_for_long_lines_and_many_findings() {
    let tmp = tempfile::tempdir().unwrap();
    // One line of JSON with 1 000 empty decisions (an error each) and 8 KB of text.
    let rows: Vec<String> = (0..1000)
        .map(|_| r#"{"decision": " ", "status": "ongoing"}"#.to_owned())
        .collect();
    let json = format!(
        r#"{{"format_version": 1, "meta": {{"organisation": "K", "board": "N", "kind": "interim", "period": {{"start": "2020-01-01", "end": "2020-07-31"}}}}, "chapters": [{{"title": "A", "blocks": [{{"type": "text", "text": "{}"}}, {{"type": "decisions", "rows": [{}]}}]}}]}}"#,
        "ord ".repeat(2_000),
        rows.join(", ")
    );
    let input = write(tmp.path(), "r.json", &json);
    let (code, stderr) = run(&["check", s(&input)]);
    assert_eq!(code, 1);
    assert!(stderr.len() < 40_000, "{} bytes of messages", stderr.len());
    assert_eq!(
        stderr.matches("error: the decision is empty").count(),
        50,
        "{stderr}"
    );
    assert!(
        stderr.contains("950 more error(s) and 0 more warning(s)"),
        "{stderr}"
    );
    assert!(stderr.contains("1000 error(s), 0 warning(s)"), "{stderr}");
}

#[test]
fn a_user_locale_that_would_print_references_is_an_error_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let locales = tmp.path().join("locales");
    let ftl = write(
        &locales,
        "fi/report.ftl",
        "toc-title = Sisällys\npage-of = Sivu { $value }\nrow-total = { b } { -nosuchterm }\n",
    );
    let input = write(tmp.path(), "r.toml", &report("", "Text."));
    let pdf = tmp.path().join("r.pdf");
    let (code, stderr) = run(&[
        "render",
        s(&input),
        "-o",
        s(&pdf),
        "--locale",
        "fi",
        "--locales",
        s(&locales),
    ]);
    assert_eq!(code, 1, "{stderr}");
    let file = ftl.display().to_string();
    for expected in [
        format!("{file}:2:18: the message `page-of` uses the variable `$value`"),
        format!("{file}:3:15: the message `row-total` refers to the message `b`"),
        format!("{file}:3:21: the message `row-total` refers to the term `-nosuchterm`"),
    ] {
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
    assert!(!pdf.exists());
    // Deeply nested placeables: an error, not an abort.
    std::fs::write(
        &ftl,
        format!(
            "toc-title = {}x{}\n",
            "{ ".repeat(20_000),
            " }".repeat(20_000)
        ),
    )
    .unwrap();
    let (code, stderr) = run(&[
        "render",
        s(&input),
        "-o",
        s(&pdf),
        "--locale",
        "fi",
        "--locales",
        s(&locales),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{file}:1:")) && stderr.contains("nested more than"),
        "{stderr}"
    );
    // A locale that is no language tag is never joined to a path.
    let (code, stderr) = run(&[
        "render",
        s(&input),
        "-o",
        s(&pdf),
        "--locale",
        "../../etc",
        "--locales",
        s(&locales),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is not a language tag"), "{stderr}");
}

#[test]
fn a_long_board_name_gets_a_header_line_of_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let board = "Nämnden för samhällsbyggnad, miljö, hälsoskydd, räddningstjänst och \
                 gemensam administration i Sydnärkes kommuner";
    assert!(board.chars().count() > 110);
    let text = report("", "Text.")
        .replace("board = \"Nämnden\"", &format!("board = \"{board}\""))
        .replace("text = '''", "text = '''\nFörsta sidan.\n\n")
        + "\n[[chapters]]\ntitle = \"Andra\"\n\n[[chapters.blocks]]\ntype = \"text\"\ntext = \"Mer.\"\n";
    let input = write(tmp.path(), "r.toml", &text);
    let pdf = tmp.path().join("r.pdf");
    let (code, stderr) = run(&["render", s(&input), "-o", s(&pdf)]);
    assert_eq!(code, 0, "{stderr}");
    // On page 2 the header shows the title on its line and the board whole below it: every
    // word in order, on at most two lines, not one word a line.
    let page = pdf_text(&pdf, Some(2), true);
    let header: Vec<&str> = page
        .lines()
        .take_while(|l| !l.contains("Inledning") && !l.contains("Andra"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(header.len() <= 3, "{header:?}");
    assert!(norm(&header.join("")).contains(&norm(board)), "{header:?}");
}

#[cfg(unix)]
#[test]
fn an_interrupt_leaves_no_temporary_file_and_says_how_far_it_got() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    for n in 0..30 {
        write(
            &dir,
            &format!("r{n:02}.toml"),
            &report("", &format!("Rapport {n}. ").repeat(200)),
        );
    }
    let out = tmp.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_bokslut"))
        .args(["render", s(&dir), "--out-dir", s(&out), "-j", "2"])
        .current_dir(root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first PDF is written (the others are under way).
    use std::io::BufRead;
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let mut line = String::new();
    while stderr.read_line(&mut line).unwrap() > 0 {
        seen.push_str(&line);
        if line.starts_with("wrote ") {
            break;
        }
        line.clear();
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    seen.push_str(&rest);
    if status.code() == Some(0) {
        // Finished before the signal came: nothing to clean.
        return;
    }
    assert_eq!(status.code(), Some(130), "{seen}");
    assert!(
        seen.contains("interrupted: ") && seen.contains(" of 30 report(s) done"),
        "{seen}"
    );
    let left: Vec<String> = names(&out)
        .into_iter()
        .filter(|n| !n.ends_with(".pdf") || n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Inputs at and just past each limit: whatever `check` accepts, `render` renders (and the
/// PDF holds the text); whatever it refuses, `render` refuses with the same first error.
#[test]
fn check_and_render_agree_on_a_corpus_of_hostile_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let nested = |n: usize| {
        (0..n)
            .map(|i| format!("{}- nivå {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Emphasis n deep: `*a0 _a1 *a2 mitt b2* b1_ b0*`.
    let stars = |n: usize| {
        let mark = |i: usize| if i.is_multiple_of(2) { '*' } else { '_' };
        let opens: Vec<String> = (0..n).map(|i| format!("{}a{i}", mark(i))).collect();
        let closes: Vec<String> = (0..n).rev().map(|i| format!("b{i}{}", mark(i))).collect();
        format!("{} mitt {}", opens.join(" "), closes.join(" "))
    };
    let sections = |n: usize| {
        let mut text = report("", "Text.");
        let mut key = "chapters".to_owned();
        for i in 1..n {
            key.push_str(".sections");
            text.push_str(&format!("\n[[{key}]]\ntitle = \"Nivå {i}\"\n"));
        }
        text
    };
    let words = |chars: usize| {
        let mut text = String::new();
        while text.chars().count() + 12 < chars {
            text.push_str("måluppfyllelse ");
        }
        text
    };
    let cases: Vec<(&str, String, bool)> = vec![
        (
            "title-200",
            report(&format!("title = \"{}\"", "Å".repeat(200)), "Text."),
            true,
        ),
        (
            "title-201",
            report(&format!("title = \"{}\"", "Å".repeat(201)), "Text."),
            false,
        ),
        (
            "board-200",
            report("", "Text.").replace(
                "\"Nämnden\"",
                &format!("\"{}\"", "Nämnd ".repeat(33) + "ab"),
            ),
            true,
        ),
        ("word-500", report("", &"ä".repeat(500)), true),
        ("word-501", report("", &"ä".repeat(501)), false),
        ("paragraph-10000", report("", &words(10_000)), true),
        (
            "paragraph-10001",
            report("", &(words(10_000) + "lång mening")),
            false,
        ),
        ("lists-8", report("", &nested(8)), true),
        ("lists-9", report("", &nested(9)), false),
        ("emphasis-8", report("", &stars(8)), true),
        ("emphasis-9", report("", &stars(9)), false),
        ("sections-6", sections(6), true),
        ("sections-7", sections(7), false),
        (
            "locale-sv-SE",
            report("", "Text.").replace(
                "format_version = 1\n",
                "format_version = 1\nlocale = \"sv-SE\"\n",
            ),
            true,
        ),
        (
            "locale-svens",
            report("", "Text.").replace(
                "format_version = 1\n",
                "format_version = 1\nlocale = \"svens\"\n",
            ),
            false,
        ),
        ("byte-order-mark", report("", "Text\u{FEFF}med BOM."), false),
        ("private-use", report("", "Text\u{E000}."), false),
        (
            "scripts-and-marks",
            report(
                "",
                "CO~2~ m^2^ ~ ^ *a **b** c* \\\\ <b>x</b> #set $x$ `c` > q\n\n1. a\n2. b",
            ),
            true,
        ),
    ];
    for (name, text, accepted) in cases {
        let input = write(tmp.path(), &format!("{name}.toml"), &text);
        let (code, checked) = run(&["check", s(&input)]);
        assert_eq!(code == 0, accepted, "{name}: check\n{checked}");
        let pdf = tmp.path().join(format!("{name}.pdf"));
        let (code, rendered) = run(&["render", s(&input), "-o", s(&pdf)]);
        if accepted {
            assert_eq!(
                code, 0,
                "{name}: check accepts it, render fails:\n{rendered}"
            );
            let text = norm(&pdf_text(&pdf, None, false));
            assert!(text.contains(&norm("Inledning")), "{name}: {text}");
        } else {
            assert_eq!(code, 1, "{name}: {rendered}");
            let first = |out: &str| out.lines().next().unwrap_or_default().to_owned();
            assert_eq!(first(&rendered), first(&checked), "{name}");
            assert!(!pdf.exists(), "{name}");
        }
    }
}

#[test]
fn no_file_outside_the_report_is_read_or_quoted() {
    // A file outside the report's directory, made to be quoted: an error in its first line.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "hemlig = \"SECRET-4711 hunter2\n").unwrap();
    std::fs::write(outside.path().join("hostname.csv"), "SECRET-4711;1\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, dir.path().join("link.toml")).unwrap();
    let climbs = "../".repeat(20) + &s(&secret)[1..];
    let passwd_line = std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|t| t.lines().next().map(str::to_owned));
    let named = [
        climbs.clone(),
        s(&secret).to_owned(),
        "link.toml".to_owned(),
        "../../../../../etc/passwd".to_owned(),
        "/etc/passwd".to_owned(),
        "/proc/self/environ".to_owned(),
    ];
    for (i, name) in named.iter().enumerate() {
        let input = write(
            dir.path(),
            &format!("p{i}.toml"),
            &report(&format!("profile = \"{name}\""), "Text."),
        );
        for command in ["check", "render", "data"] {
            let (code, stderr) = run(&[command, s(&input)]);
            assert_eq!(code, 1, "{command} {name}: {stderr}");
            assert!(
                stderr.contains("the file is outside the report's directory")
                    && stderr.contains(&format!("{}:", s(&input)))
                    && stderr.contains("(at meta.profile)"),
                "{command} {name}: {stderr}"
            );
            assert!(
                !stderr.contains("SECRET-4711"),
                "{command} {name}: {stderr}"
            );
            if let Some(line) = &passwd_line {
                assert!(
                    !stderr.contains(line.as_str()),
                    "{command} {name}: {stderr}"
                );
            }
        }
    }
    assert!(
        names(dir.path()).iter().all(|n| !n.ends_with(".pdf")),
        "{:?}",
        names(dir.path())
    );
    // A missing sheet outside the report gets no suggestion from the directory it names.
    let sheet = format!("{}/hostnam.csv", s(outside.path()));
    let input = write(
        dir.path(),
        "sheet.toml",
        &format!(
            "{}\n[[chapters.blocks]]\ntype = \"finance\"\npreset = \"annual\"\nunit = \"tkr\"\nsheet = {{ file = \"{sheet}\", label = \"A\", columns = {{ budget = \"B\", outcome = \"C\" }} }}\n",
            report("", "Text.")
        ),
    );
    let (code, stderr) = run(&["check", s(&input), "--allow-outside-paths"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot read the file"), "{stderr}");
    let (code, stderr) = run(&["check", s(&input)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the file is outside the report's directory")
            && !stderr.contains("did you mean"),
        "{stderr}"
    );
    // Allowed by the user, a profile outside is read (and its problem shown).
    let input = write(
        dir.path(),
        "allowed.toml",
        &report(&format!("profile = \"{}\"", s(&secret)), "Text."),
    );
    let (code, stderr) = run(&["check", s(&input), "--allow-outside-paths"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !stderr.contains("outside the report's directory"),
        "{stderr}"
    );
}

/// A municipality's layout is code: with `--layouts` each report renders in a process of
/// its own, and one whose layout runs too long or grows too large is stopped with a message,
/// its output never written, while the rest of the batch is rendered. A layout that behaves
/// renders the same bytes as the built-in one did in process.
#[test]
fn a_layout_that_loops_or_grows_is_stopped_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(root().join("layouts/report.typ")).unwrap();
    let layouts = |name: &str, extra: &str| {
        let dir = tmp.path().join(name);
        write(&dir, "report.typ", &format!("{bundled}\n{extra}\n"));
        dir
    };
    let good = layouts("good", "");
    // Typst stops a `while` that runs 10 000 times; a `for` over a range it does not. The
    // ranges are small (an array of 10^8 values would be a memory case, not a slow one).
    let slow = layouts(
        "slow",
        "#let n = 0\n#for i in range(10000) { for j in range(10000) { n = n + 1 } }",
    );
    // An array of 2·10^9 values and an array growing a megabyte at a time grow as they are
    // filled: the child's look at its memory stops them where they grow. One string of 5 GB
    // is one allocation past the address space (four times the limit), too fast to see where.
    let huge = layouts("huge", "#let a = range(2000000000)");
    let grows = layouts(
        "grows",
        "#let a = ()\n#for i in range(100000) { a.push(\"x\" * 1000000) }",
    );
    let at_once = layouts("at-once", "#let s = \"x\" * 5000000000");
    let reports = tmp.path().join("rapporter");
    std::fs::create_dir_all(&reports).unwrap();
    for name in ["a.toml", "b.toml"] {
        std::fs::copy(root().join(crate::common::EXAMPLE), reports.join(name)).unwrap();
    }
    for (layout, flags, expected) in [
        (
            &slow,
            ["--max-render-time", "2"],
            "took longer than --max-render-time (2 s)",
        ),
        (
            &huge,
            ["--max-memory", "1G"],
            "more memory than --max-memory (1 GiB) allows and was stopped at",
        ),
        (
            &at_once,
            ["--max-memory", "1G"],
            "more memory than --max-memory (1 GiB) allows and was stopped: one allocation of 4768 MiB at once",
        ),
        (
            &grows,
            ["--max-memory", "256M"],
            "more memory than --max-memory (256 MiB) allows and was stopped at",
        ),
    ] {
        let out = tmp.path().join("ut");
        let started = std::time::Instant::now();
        let (code, stderr) = run(&[
            "render",
            s(&reports),
            "--out-dir",
            s(&out),
            "--layouts",
            s(layout),
            flags[0],
            flags[1],
        ]);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(stderr.matches(expected).count(), 4, "{stderr}");
        if layout == &grows || layout == &huge {
            // Stopped where it grows: on the appended layout's last line.
            let text = std::fs::read_to_string(layout.join("report.typ")).unwrap();
            let line = text.trim_end().lines().count();
            let at = format!("stopped at {}:{line}:", layout.join("report.typ").display());
            assert_eq!(stderr.matches(&at).count(), 4, "{at}\n{stderr}");
        }
        if layout == &slow {
            // Stopped where it was: in the loops, at the template's line and a column from the
            // outer loop's on (the inner loop, mostly; the `range` call it makes, or for an
            // instant between two inner loops the outer one, by when the clock ran out).
            let text = std::fs::read_to_string(slow.join("report.typ")).unwrap();
            let before = &text[..text.rfind("#for i").unwrap() + 1];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').unwrap();
            let at = format!("stopped at {}:{line}:", slow.join("report.typ").display());
            let places: Vec<&str> = stderr
                .match_indices(&at)
                .map(|(i, _)| &stderr[i + at.len()..])
                .collect();
            assert_eq!(places.len(), 4, "{at}\n{stderr}");
            for place in places {
                let (col, rest) = place.split_once(' ').unwrap();
                let col: usize = col.parse().unwrap_or_else(|_| panic!("{place}"));
                assert!(
                    col >= column
                        && (rest.starts_with("(in a for loop)")
                            || rest.starts_with("(in a function call)")),
                    "column {col} should be in the loops (from {column}): {place}"
                );
            }
        }
        assert!(stderr.contains("0 rendered, 2 failed"), "{stderr}");
        assert!(!stderr.contains("stack backtrace"), "{stderr}");
        assert!(started.elapsed().as_secs() < 60);
        assert!(!out.exists() || names(&out).is_empty(), "{:?}", names(&out));
    }
    // The same template as the built-in one, given as a layout: the same bytes.
    let (own, builtin) = (tmp.path().join("own.pdf"), tmp.path().join("builtin.pdf"));
    let example = reports.join("a.toml");
    let (code, stderr) = run(&["render", s(&example), "-o", s(&own), "--layouts", s(&good)]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = run(&["render", s(&example), "-o", s(&builtin)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(&own).unwrap(),
        std::fs::read(&builtin).unwrap()
    );
}

/// The CRC-32 of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid RGB PNG of `width` × `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&vec![0x80; (width * height * 3) as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}

/// A PNG whose header declares another size than its pixels have (the header's checksum
/// made right).
fn png_declaring(mut png: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// `<svg>` around `body`, 100 × 40.
fn svg(body: &str) -> Vec<u8> {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100\" height=\"40\">{body}</svg>"
    )
    .into_bytes()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn profile_images_and_fonts_are_decoded_when_the_profile_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let good = png(64, 32);
    let mut bad_crc = good.clone();
    // The checksum of the IDAT chunk, which follows the 25 bytes of the signature and IHDR.
    let idat_len = u32::from_be_bytes(good[33..37].try_into().unwrap()) as usize;
    let crc_at = 33 + 8 + idat_len;
    bad_crc[crc_at] ^= 0xff;
    let fanout = {
        let mut body = String::from("<defs><rect id=\"g0\" width=\"1\" height=\"1\"/>");
        for i in 1..=9 {
            body.push_str(&format!("<g id=\"g{i}\">"));
            body.push_str(&format!("<use href=\"#g{}\"/>", i - 1).repeat(10));
            body.push_str("</g>");
        }
        body + "</defs><use href=\"#g9\"/>"
    };
    let inner = svg("<rect width=\"10\" height=\"10\"/>");
    let once = svg(&format!(
        "<image width=\"100\" height=\"40\" href=\"data:image/svg+xml;base64,{}\"/>",
        base64(&inner)
    ));
    let twice = svg(&format!(
        "<image width=\"100\" height=\"40\" href=\"data:image/svg+xml;base64,{}\"/>",
        base64(&once)
    ));
    let huge_data_png = svg(&format!(
        "<image width=\"100\" height=\"40\" href=\"data:image/png;base64,{}\"/>",
        base64(&png_declaring(good.clone(), 65535, 65535))
    ));
    let entities = b"<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&b;</text></svg>".to_vec();
    // (name, file, its bytes, what the error says; None: it renders)
    let cases: Vec<(&str, &str, Vec<u8>, Option<&str>)> = vec![
        ("svg-plain", "logo.svg", svg("<rect width=\"10\" height=\"10\" fill=\"#0b5d3b\"/>"), None),
        ("svg-one-data-svg", "logo.svg", once, None),
        ("png-plain", "logo.png", good.clone(), None),
        (
            "svg-not-well-formed",
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect></svg>".to_vec(),
            Some("is not well-formed XML (expected 'rect' tag, not 'svg' at 1:70)"),
        ),
        (
            "svg-zero-size",
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"><rect width=\"1\" height=\"1\"/></svg>".to_vec(),
            Some("width, height, or viewbox is invalid"),
        ),
        (
            "svg-etc-passwd",
            "logo.svg",
            svg("<image width=\"10\" height=\"10\" href=\"/etc/passwd\"/>"),
            Some("refers to `/etc/passwd` at line 1, column 108 of the SVG, another file or an address"),
        ),
        (
            "svg-parent-png",
            "logo.svg",
            svg("<image width=\"10\" height=\"10\" xlink:href=\"../x.png\"/>"),
            Some("refers to `../x.png`"),
        ),
        (
            "svg-file-url",
            "logo.svg",
            svg("<image width=\"10\" height=\"10\" href=\"file:///etc/passwd\"/>"),
            Some("refers to `file:///etc/passwd`"),
        ),
        (
            "svg-http-url",
            "logo.svg",
            svg("<image width=\"10\" height=\"10\" href=\"http://example.com/x.png\"/>"),
            Some("refers to `http://example.com/x.png`"),
        ),
        (
            "svg-css-url",
            "logo.svg",
            svg("<style>rect { fill: url(\"http://example.com/p.svg#p\") }</style><rect width=\"1\" height=\"1\"/>"),
            Some("refers to `http://example.com/p.svg#p`"),
        ),
        (
            "svg-xinclude",
            "logo.svg",
            svg("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" parse=\"text\"/>"),
            Some("uses XInclude"),
        ),
        ("svg-entities", "logo.svg", entities, Some("has a document type declaration")),
        (
            "svg-use-recursion",
            "logo.svg",
            svg("<g id=\"a\"><rect width=\"1\" height=\"1\"/><use href=\"#a\"/></g>"),
            Some("expected references without a cycle"),
        ),
        ("svg-use-fan-out", "logo.svg", svg(&fanout), Some("with every `<use>`, `url(#…)` and marker expanded")),
        (
            "svg-deep-nesting",
            "logo.svg",
            svg(&format!("{}<rect width=\"1\" height=\"1\"/>{}", "<g>".repeat(20_000), "</g>".repeat(20_000))),
            Some("nests elements more than 64 deep"),
        ),
        (
            "svg-turbulence",
            "logo.svg",
            svg("<filter id=\"f\"><feTurbulence baseFrequency=\"0.05\" numOctaves=\"1000000\"/></filter><rect width=\"100\" height=\"40\" filter=\"url(#f)\"/>"),
            Some("has an `<feTurbulence>` of 1000000 octaves"),
        ),
        (
            "svg-many-filters",
            "logo.svg",
            svg(&format!("<filter id=\"f\"><feGaussianBlur stdDeviation=\"50\"/></filter>{}", "<rect width=\"100\" height=\"40\" filter=\"url(#f)\"/>".repeat(5))),
            Some("has filter work of 5"),
        ),
        (
            "svg-morphology",
            "logo.svg",
            svg("<filter id=\"f\"><feMorphology radius=\"1000\"/></filter><rect width=\"100\" height=\"40\" filter=\"url(#f)\"/>"),
            Some("has an `<feMorphology>`"),
        ),
        ("svg-nested-data-svg", "logo.svg", twice, Some("inside a `data:` SVG image")),
        // A marker of 100 elements at each of 100 000 vertices: 5 GB and 22 s to check, then
        // an abort in the render.
        (
            "svg-marker-at-every-vertex",
            "logo.svg",
            svg(&format!(
                "<defs><marker id=\"m\">{}</marker></defs><path d=\"M0 0 {}\" stroke=\"black\" marker-mid=\"url(#m)\"/>",
                "<rect width=\"1\" height=\"1\"/>".repeat(100),
                (0..100_000).map(|i| format!("L{} {}", i % 100, i / 100 % 100)).collect::<Vec<_>>().join(" ")
            )),
            Some("with every `<use>`, `url(#…)` and marker expanded"),
        ),
        // 3 MB of text: past 100 s and 2 GB; 13 000 spans of a word: past 100 s.
        (
            "svg-text-long",
            "logo.svg",
            svg(&format!("<text y=\"20\">{}</text>", "Ekbacka kommun ".repeat(200_000))),
            Some("draws 3000000 characters of text in 1 text elements"),
        ),
        (
            "svg-text-spans",
            "logo.svg",
            svg(&format!("<text y=\"20\">{}</text>", "<tspan>Ekbacka</tspan>".repeat(13_000))),
            Some("draws 91000 characters of text in 13001 text elements"),
        ),
        (
            "svg-marker-in-a-style-sheet",
            "logo.svg",
            svg("<style>path { marker-mid: url(#m) }</style><marker id=\"m\"><rect width=\"1\" height=\"1\"/></marker><path d=\"M0 0 L1 1 L2 2\" stroke=\"black\"/>"),
            Some("sets a marker in a style sheet"),
        ),
        ("svg-data-png-huge", "logo.svg", huge_data_png, Some("that is 65535 × 65535 pixels")),
        ("png-truncated", "logo.png", good[..60].to_vec(), Some("cannot be decoded")),
        ("png-bad-checksum", "logo.png", bad_crc, Some("CRC error")),
        ("png-missing-rows", "logo.png", png_declaring(png(64, 5), 64, 32), Some("cannot be decoded")),
        ("png-zero-size", "logo.png", png_declaring(good.clone(), 0, 0), Some("is 0 × 0 pixels")),
        (
            "png-65535",
            "logo.png",
            png_declaring(good.clone(), 65535, 65535),
            Some("is 65535 × 65535 pixels: expected at most 10000 pixels a side and 40 million in all"),
        ),
        ("alt-100000", "logo.svg", svg("<rect width=\"10\" height=\"10\"/>"), Some("the logo's alternative text is 100000 characters")),
        // A font collection's header declaring 2^32 − 1 fonts, in 76 bytes: a minute of reading.
        ("font-collection", "fonts/x.ttf", [&b"ttcf\0\x01\0\0\xff\xff\xff\xff"[..], &[0; 64]].concat(), Some("is a font collection declaring 4294967295 fonts in 76 bytes")),
    ];
    for (name, file, bytes, expected) in cases {
        let dir = tmp.path().join(name);
        let input = write(
            &dir,
            "r.toml",
            &report("profile = \"p/profil.toml\"", "Text."),
        );
        let profile = if file.starts_with("fonts/") {
            "[font]\nfamily = \"X\"\n".to_owned()
        } else {
            let alt = if name == "alt-100000" {
                "Ö".repeat(100_000)
            } else {
                "Kommunens logotyp".to_owned()
            };
            format!("[logo]\nfile = \"{file}\"\nalt = \"{alt}\"\n")
        };
        write(&dir, "p/profil.toml", &profile);
        std::fs::write(dir.join("p").join(file), &bytes).unwrap_or_else(|_| {
            std::fs::create_dir_all(dir.join("p/fonts")).unwrap();
            std::fs::write(dir.join("p").join(file), &bytes).unwrap();
        });
        let pdf = dir.join("r.pdf");
        let started = std::time::Instant::now();
        let (check_code, checked) = run(&["check", s(&input)]);
        let (render_code, rendered) = run(&["render", s(&input), "-o", s(&pdf)]);
        assert!(
            started.elapsed().as_secs() < 60,
            "{name}: {:?}",
            started.elapsed()
        );
        let Some(expected) = expected else {
            assert_eq!(
                (check_code, render_code),
                (0, 0),
                "{name}:\n{checked}\n{rendered}"
            );
            assert!(pdf.exists(), "{name}");
            continue;
        };
        assert_eq!(check_code, 1, "{name}: check\n{checked}");
        assert_eq!(render_code, 1, "{name}: render\n{rendered}");
        assert!(!pdf.exists(), "{name}");
        // The same error, at the profile's line that names the file.
        let head = |out: &str| out.lines().take(5).collect::<Vec<_>>().join("\n");
        assert_eq!(head(&checked), head(&rendered), "{name}");
        assert!(checked.contains(expected), "{name}: {checked}");
        let line = if name == "alt-100000" { 3 } else { 2 };
        let place = format!("{}:{line}:", s(&dir.join("p/profil.toml")));
        assert!(checked.contains(&place), "{name}: {checked}");
        assert!(!checked.contains("report.typ"), "{name}: {checked}");
    }
}
