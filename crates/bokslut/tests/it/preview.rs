//! `watch` and `serve` end to end: a report edited on disk, the new output seen (in the file,
//! over HTTP, and in a browser); a broken save keeps the last good output; the server refuses
//! every path but the report's outputs, listens on loopback, and stops on Ctrl-C.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{EXAMPLE, copy_dir, root};

/// A figure of the example (an indicator's current value) and what the test changes it to.
const BEFORE: &str = "current = { percent = 43 }";
const AFTER: &str = "current = { percent = 61.5 }";
/// The new figure as the Swedish web edition prints it.
const AFTER_PRINTED: &str = "61,5\u{a0}%";

/// A running `bokslut` whose stderr lines arrive on a channel.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bokslut"))
            .args(args)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bokslut");
        let stderr = child.stderr.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits (at most 60 s: a slow machine, not a timed test) for a stderr line containing
    /// `text`, and returns it.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {text:?}; stderr so far:\n{}",
            self.seen.join("\n")
        );
    }

    /// Ctrl-C; the exit status and the rest of stderr.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        let rest: Vec<String> = self.lines.try_iter().collect();
        (exit, rest.join("\n"))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces a file's text as an editor saves: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let mut temp = path.as_os_str().to_owned();
    temp.push(".swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// Replaces the one `from` in a file by `to`, saved as an editor saves ([`save`]).
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{}", path.display());
    save(path, &text.replace(from, to));
}

/// Waits (at most 60 s) until `path` holds `text`.
fn wait_for_file(path: &Path, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(found) = std::fs::read_to_string(path)
            && found.contains(text)
        {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{} never held {text:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn example_copy(dir: &Path) -> (std::path::PathBuf, String) {
    let source = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert_eq!(source.matches(BEFORE).count(), 1);
    let input = dir.join("rapport.toml");
    std::fs::write(&input, &source).unwrap();
    (input, source)
}

#[test]
fn watch_renders_every_save_and_keeps_the_last_good_output() {
    let dir = tempfile::tempdir().unwrap();
    let (input, source) = example_copy(dir.path());
    let html = input.with_extension("html");
    let mut watch = Running::start(&["watch", input.to_str().unwrap(), "--format", "html,pdf"]);
    watch.wait_for("watching");
    let first = wait_for_file(&html, "43\u{a0}%");
    assert!(!first.contains(AFTER_PRINTED));
    // Nothing changed, nothing rendered (reading the report is no change of it).
    std::thread::sleep(Duration::from_millis(700));
    let idle: Vec<String> = watch.lines.try_iter().collect();
    assert!(!idle.iter().any(|l| l.contains("rendered")), "{idle:?}");
    assert!(input.with_extension("pdf").exists());
    // A one-figure edit, saved as an editor does.
    save(&input, &source.replace(BEFORE, AFTER));
    watch.wait_for("rendered in");
    let second = wait_for_file(&html, AFTER_PRINTED);
    // A broken save: the error with its place, and the last good output stays.
    save(&input, &source.replace(BEFORE, "current = { percent = }"));
    let line = source[..source.find(BEFORE).unwrap()].lines().count() + 1;
    watch.wait_for("error");
    watch.wait_for(&format!("rapport.toml:{line}:"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), second);
    // Mended: rendered again, the watch never stopped.
    save(&input, &source);
    wait_for_file(&html, "43\u{a0}%");
    let (status, rest) = watch.interrupt();
    assert!(status.success(), "{status:?} {rest}");
    assert!(rest.contains("stopped"), "{rest}");
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn watch_renders_again_when_a_sheet_the_report_reads_changes() {
    // The sheets fixture (a report taking rows from xlsx, ods and csv), copied.
    let dir = tempfile::tempdir().unwrap();
    let source = root().join("tests/fixtures/sheets");
    for name in [
        "report.toml",
        "drift.xlsx",
        "investeringar.ods",
        "konton.csv",
    ] {
        std::fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    let input = dir.path().join("report.toml");
    let html = input.with_extension("html");
    let mut watch = Running::start(&["watch", input.to_str().unwrap(), "--format", "html"]);
    watch.wait_for("watching");
    // "Övriga kostnader": budget 7 030 in the csv.
    let first = wait_for_file(&html, "Övriga kostnader");
    assert!(
        first.contains("7\u{202f}030") || first.contains("7\u{a0}030") || first.contains("7 030")
    );
    assert!(!first.contains("9\u{202f}876") && !first.contains("9\u{a0}876"));
    // The economist exports the sheet again with one figure changed.
    let csv = dir.path().join("konton.csv");
    edit(&csv, "Övriga kostnader;7 030", "Övriga kostnader;9 876");
    watch.wait_for("rendered in");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let now = std::fs::read_to_string(&html).unwrap_or_default();
        if now.contains("9\u{202f}876") || now.contains("9\u{a0}876") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the edited sheet's figure never appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, rest) = watch.interrupt();
    assert!(status.success(), "{status:?} {rest}");
}

#[test]
fn watch_renders_again_when_a_goal_sheet_outside_the_reports_directory_changes() {
    // The report in one directory, its goal sheet in another (allowed by the flag).
    let tmp = tempfile::tempdir().unwrap();
    let (reports, data) = (tmp.path().join("rapporter"), tmp.path().join("underlag"));
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let source = root().join("tests/fixtures/sheets");
    std::fs::copy(
        source.join("helsingborg-mal.csv"),
        data.join("helsingborg-mal.csv"),
    )
    .unwrap();
    let report = std::fs::read_to_string(source.join("goals-helsingborg-csv.toml"))
        .unwrap()
        .replace(
            "file = \"helsingborg-mal.csv\"",
            "file = \"../underlag/helsingborg-mal.csv\"",
        );
    let input = reports.join("mal.toml");
    std::fs::write(&input, report).unwrap();
    let html = input.with_extension("html");
    let mut watch = Running::start(&[
        "watch",
        input.to_str().unwrap(),
        "--format",
        "html",
        "--allow-outside-paths",
    ]);
    watch.wait_for("watching");
    let first = wait_for_file(&html, "Nöjd Inflytande Index");
    assert!(!first.contains(">43<"), "{first}");
    // The goal system exports again: this year's outcome of the first indicator is 43.
    edit(
        &data.join("helsingborg-mal.csv"),
        "Nöjd Inflytande Index;40;40;36",
        "Nöjd Inflytande Index;40;40;43",
    );
    watch.wait_for("rendered in");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_to_string(&html)
        .unwrap_or_default()
        .contains(">43<")
    {
        assert!(
            Instant::now() < deadline,
            "the edited sheet's value never appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, rest) = watch.interrupt();
    assert!(status.success(), "{status:?} {rest}");
}

/// What `pdffonts` and `pdfinfo -meta` say of a PDF.
fn fonts_and_xmp(pdf: &Path) -> (String, String) {
    let run = |tool: &str, flag: Option<&str>| {
        let out = Command::new(tool)
            .args(flag)
            .arg(pdf)
            .output()
            .expect("poppler-utils");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    (run("pdffonts", None), run("pdfinfo", Some("-meta")))
}

#[test]
fn watch_renders_with_a_profile_and_standard_and_again_when_the_profile_changes() {
    // The report in one directory, Norrvik's profile (logo, photo, fonts) in another: a
    // profile outside the report's directory.
    let reports = tempfile::tempdir().unwrap();
    let profiles = tempfile::tempdir().unwrap();
    let (input, _) = example_copy(reports.path());
    let profile_dir = profiles.path().join("norrvik");
    copy_dir(
        &root().join("tests/fixtures/profiles/norrvik"),
        &profile_dir,
    );
    let profile = profile_dir.join("profil.toml");
    let (html, pdf) = (input.with_extension("html"), input.with_extension("pdf"));
    let mut watch = Running::start(&[
        "watch",
        input.to_str().unwrap(),
        "--profile",
        profile.to_str().unwrap(),
        "--standard",
        "a-3u",
        "--format",
        "pdf,html",
    ]);
    watch.wait_for("watching");
    // The profile's accent colour in the web edition, its typeface in the PDF, and the PDF/A
    // part asked for.
    wait_for_file(&html, "--accent: #7a1f2b;");
    let (fonts, xmp) = fonts_and_xmp(&pdf);
    assert!(fonts.contains("LiberationSans"), "{fonts}");
    assert!(
        xmp.contains("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>"),
        "{xmp}"
    );
    let first_pdf = std::fs::read(&pdf).unwrap();
    // The profile edited as an editor saves it: rendered again with the new colour.
    edit(&profile, "accent = \"#7a1f2b\"", "accent = \"#1f3a7a\"");
    watch.wait_for("rendered in");
    let second = wait_for_file(&html, "--accent: #1f3a7a;");
    assert_ne!(std::fs::read(&pdf).unwrap(), first_pdf);
    // A file the profile names (its logo, in a subdirectory of no report): rendered again,
    // the new logo embedded in the web edition.
    let logo = profile_dir.join("logo.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    assert!(svg.contains("#f6d36b"));
    std::fs::write(&logo, svg.replace("#f6d36b", "#f6a36b")).unwrap();
    watch.wait_for("rendered in");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(&html).unwrap_or_default() == second {
        assert!(Instant::now() < deadline, "the edited logo never appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A file in the profile's font directory: read again (a broken font is an error naming
    // it), and rendered again once it is gone.
    let broken = profile_dir.join("fonts/broken.ttf");
    std::fs::write(&broken, "not a font").unwrap();
    watch.wait_for("broken.ttf` is not an OTF or TTF font");
    std::fs::remove_file(&broken).unwrap();
    watch.wait_for("rendered in");
    let (status, rest) = watch.interrupt();
    assert!(status.success(), "{status:?} {rest}");
}

/// One HTTP/1.0 request written by hand, so that the path reaches the server as written
/// (a client library would resolve `..`): status code and body.
fn get(address: &str, method: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response);
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text}"));
    let body = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| response[i + 4..].to_vec())
        .unwrap_or_default();
    (code, body)
}

#[test]
fn serve_shows_the_outputs_only_and_reloads_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let (input, source) = example_copy(dir.path());
    // A file beside the report that must not be served.
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    let mut serve = Running::start(&["serve", input.to_str().unwrap(), "--port", "0"]);
    let line = serve.wait_for("serving the preview at http://");
    let url = line[line.find("http://").unwrap()..].trim().to_owned();
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(
        address.starts_with("127.0.0.1:"),
        "loopback by default: {address}"
    );
    serve.wait_for("watching");
    let (code, page) = get(&address, "GET", "/");
    assert_eq!(code, 200);
    assert!(String::from_utf8_lossy(&page).contains("/status"));
    let (code, html) = get(&address, "GET", "/report.html");
    assert_eq!(code, 200);
    assert!(String::from_utf8_lossy(&html).contains("43\u{a0}%"));
    let (code, pdf) = get(&address, "GET", "/report.pdf?7");
    assert_eq!(code, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/..%2fCargo.toml",
        "/report.html/../../Cargo.toml",
        "/rapport.toml",
        "/secret.txt",
        "//etc/passwd",
        "/report.html%00",
        "/report.htm",
        "/../../../../etc/passwd",
    ] {
        let (code, body) = get(&address, "GET", path);
        assert_eq!(code, 404, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[package]"),
            "{path}"
        );
    }
    assert_eq!(get(&address, "POST", "/report.html").0, 405);
    // In a browser: the page shows the web edition; an edit on disk shows within 2 s.
    let mut browser = browser_test::preview(&url, AFTER_PRINTED);
    let ready = browser.next_line();
    assert_eq!(ready, "ready");
    save(&input, &source.replace(BEFORE, AFTER));
    let result: serde_json::Value = serde_json::from_str(&browser.send_and_read()).unwrap();
    assert_eq!(result["before"], false, "{result}");
    assert_eq!(result["seen"], true, "the new figure within 2 s: {result}");
    eprintln!("save to figure in the browser: {} ms", result["ms"]);
    let (status, rest) = serve.interrupt();
    assert!(status.success(), "{status:?} {rest}");
    assert!(TcpStream::connect(&address).is_err(), "the server stopped");
}

mod browser_test {
    use super::*;

    /// `node tests/browser/preview.js`, talking over stdin and stdout.
    pub struct Preview {
        child: Child,
        out: BufReader<std::process::ChildStdout>,
    }

    pub fn preview(url: &str, text: &str) -> Preview {
        let dir = root().join("tests/browser");
        assert!(
            dir.join("node_modules/puppeteer-core").is_dir(),
            "the browser tests' packages are missing: run tests/setup.sh"
        );
        let mut child = Command::new("node")
            .arg(dir.join("preview.js"))
            .args([url, text, "2000"])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node (Node.js) must be installed: tests/setup.sh installs it");
        let out = BufReader::new(child.stdout.take().unwrap());
        Preview { child, out }
    }

    impl Preview {
        pub fn next_line(&mut self) -> String {
            let mut line = String::new();
            self.out.read_line(&mut line).unwrap();
            line.trim().to_owned()
        }

        /// Says the report was edited; the script's answer.
        pub fn send_and_read(&mut self) -> String {
            let stdin = self.child.stdin.as_mut().unwrap();
            writeln!(stdin, "edited").unwrap();
            stdin.flush().unwrap();
            self.next_line()
        }
    }

    impl Drop for Preview {
        fn drop(&mut self) {
            let _ = self.child.wait();
        }
    }
}
