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
    // Typst stops a `while` that runs 10 000 times; a `for` over a range it does not.
    let slow = layouts(
        "slow",
        "#let n = 0\n#for i in range(100000000) { n = n + i }",
    );
    let huge = layouts("huge", "#let a = range(2000000000)");
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
            "more memory than --max-memory (1 GiB)",
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
