//! Hostile clients and planted links (issue 27): `serve` keeps answering a well-behaved
//! client within a second while fifty connections misbehave (a body never sent,
//! `Expect: 100-continue`, headers one byte a second, a request line of 1.5 GiB, a
//! `Content-Length` of 2^63−1, two thousand pipelined requests never read, sockets left
//! idle), its memory and threads stay bounded, and a `Host` that is not loopback is refused;
//! a batch's `--out-dir` replaces a planted symbolic link instead of writing through it.
//!
//! Only 127.0.0.1 is used; every loop is bounded in count and in time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{self, root};

const EXAMPLE: &str = "examples/delarsbokslut-2020-syd-it.toml";

/// A running `bokslut serve` of a copy of the example, on a free port of 127.0.0.1.
struct Served {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("rapport.toml");
        std::fs::copy(root().join(EXAMPLE), &input).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bokslut"))
            .args(["serve", input.to_str().unwrap(), "--port", "0"])
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
        let mut address = None;
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = lines.recv_timeout(left) else {
                break;
            };
            if let Some(at) = line.find("http://") {
                address = Some(line[at + 7..].trim().trim_end_matches('/').to_owned());
            }
            let watching = line.contains("watching");
            seen.push(line);
            if watching {
                break;
            }
        }
        let address = address.unwrap_or_else(|| panic!("no address: {seen:?}"));
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        assert!(
            seen.iter().any(|l| l.contains("watching")),
            "no first render: {seen:?}"
        );
        Served {
            child,
            address,
            _dir: dir,
        }
    }

    /// A field of `/proc/<pid>/status` (`VmRSS` in kB, `Threads`).
    fn proc_status(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {field} in {status}"))
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `request` on a new connection and reads the answer to its end (at most `within`):
/// status, headers and body.
fn exchange(address: &str, request: &str, within: Duration) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(within)).unwrap();
    stream.set_write_timeout(Some(within)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    split(&response)
}

/// A response's status, head and body.
fn split(response: &[u8]) -> (u16, String, Vec<u8>) {
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(response)));
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let code = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head}"));
    (code, head, response[end + 4..].to_vec())
}

/// A well-behaved client: `GET /status`, answered 200 within a second.
fn good_client(address: &str) -> Duration {
    let started = Instant::now();
    let (code, _, body) = exchange(
        address,
        &format!("GET /status HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
        Duration::from_secs(5),
    );
    let took = started.elapsed();
    assert_eq!(code, 200);
    assert!(String::from_utf8_lossy(&body).contains("\"generation\""));
    assert!(took < Duration::from_secs(1), "/status took {took:?}");
    took
}

/// Reads what a connection was answered, within 3 s: the start of the answer.
fn answered(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let mut answer = [0u8; 64];
    let mut got = 0;
    while got < answer.len() {
        match stream.read(&mut answer[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    String::from_utf8_lossy(&answer[..got]).into_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn serve_answers_a_good_client_while_fifty_connections_misbehave() {
    let mut served = Served::start();
    let address = served.address.clone();
    good_client(&address);
    let rss_before = served.proc_status("VmRSS");
    let threads_before = served.proc_status("Threads");
    let connect = || {
        let stream = TcpStream::connect(&address).unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(3)))
            .unwrap();
        stream
    };
    // Fifty, eight kinds in turn; each kept open until the end.
    let mut quick = Vec::new(); // (what is expected, the connection)
    let mut slow = Vec::new();
    let mut kept = Vec::new();
    let mut huge = Vec::new();
    for n in 0..50 {
        let mut stream = connect();
        let host = &address;
        match n % 8 {
            // A body declared and never sent.
            0 => {
                write!(
                    stream,
                    "GET /status HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1000\r\n\r\n"
                )
                .unwrap();
                quick.push(("HTTP/1.1 413", stream));
            }
            // 100-continue, the body never sent.
            1 => {
                write!(
                    stream,
                    "POST /report.html HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100\r\n\
                     Expect: 100-continue\r\n\r\n"
                )
                .unwrap();
                quick.push(("HTTP/1.1 405", stream));
            }
            // Headers begun, then one byte a second (below).
            2 => {
                write!(stream, "GET /status HTTP/1.1\r\nHost: {host}\r\n").unwrap();
                slow.push(stream);
            }
            // A request line of 1.5 GiB, 1 MiB at a time, until the server closes.
            3 => {
                huge.push(std::thread::spawn(move || {
                    let chunk = vec![b'a'; 1 << 20];
                    let started = Instant::now();
                    let mut sent = 0usize;
                    if stream.write_all(b"GET /").is_err() {
                        return sent;
                    }
                    for _ in 0..1536 {
                        if started.elapsed() > Duration::from_secs(30)
                            || stream.write_all(&chunk).is_err()
                        {
                            break;
                        }
                        sent += chunk.len();
                    }
                    sent
                }));
            }
            // Content-Length 2^63−1 and 5·10^10.
            4 => {
                write!(
                    stream,
                    "GET /report.pdf HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\n\r\n",
                    i64::MAX
                )
                .unwrap();
                quick.push(("HTTP/1.1 413", stream));
            }
            5 => {
                write!(
                    stream,
                    "PUT /report.pdf HTTP/1.1\r\nHost: {host}\r\nContent-Length: 50000000000\r\n\r\n"
                )
                .unwrap();
                quick.push(("HTTP/1.1 405", stream));
            }
            // Two thousand pipelined requests, the answers never read.
            6 => {
                let one = format!("GET /report.pdf HTTP/1.1\r\nHost: {host}\r\n\r\n");
                let _ = stream.write_all(one.repeat(2000).as_bytes());
                kept.push(stream);
            }
            // Connected, nothing said.
            _ => kept.push(stream),
        }
    }
    // One byte a second on each slow connection, for six seconds.
    let dribble = std::thread::spawn(move || {
        for _ in 0..6 {
            for stream in &mut slow {
                let _ = stream.write_all(b"X");
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        slow
    });
    // The good client, again and again while they misbehave.
    let mut times = Vec::new();
    for _ in 0..8 {
        times.push(good_client(&address));
        std::thread::sleep(Duration::from_millis(300));
    }
    let threads = served.proc_status("Threads");
    let sent: Vec<usize> = huge.into_iter().map(|h| h.join().unwrap()).collect();
    let rss_after = served.proc_status("VmRSS");
    times.push(good_client(&address));
    eprintln!(
        "good client under attack: {:?} max; threads {threads_before} → {threads}; \
         VmRSS {rss_before} kB → {rss_after} kB; huge request lines cut at {sent:?} bytes",
        times.iter().max().unwrap()
    );
    assert!(threads < threads_before + 120, "{threads} threads");
    assert!(rss_after < 200 * 1024, "VmRSS {rss_after} kB");
    assert!(
        rss_after < rss_before + 64 * 1024,
        "VmRSS {rss_before} → {rss_after} kB"
    );
    // The server stopped reading each huge line long before 1.5 GiB.
    assert!(sent.iter().all(|&s| s < 512 << 20), "{sent:?}");
    // A declared body is refused without being read.
    for (expected, stream) in &mut quick {
        let answer = answered(stream);
        assert!(answer.starts_with(*expected), "{expected}: {answer:?}");
    }
    // The slow ones are cut off, at the latest after 10 s.
    let mut slow = dribble.join().unwrap();
    std::thread::sleep(Duration::from_secs(5));
    for stream in &mut slow {
        let answer = answered(stream);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer:?}"
        );
    }
    // Three hundred idle sockets: threads stay bounded, the good client is answered.
    let idle: Vec<TcpStream> = (0..300).map(|_| connect()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let threads = served.proc_status("Threads");
    let took = good_client(&address);
    eprintln!("300 idle sockets: {threads} threads, the good client in {took:?}");
    assert!(threads < threads_before + 120, "{threads} threads");
    // Whole answers still: the PDF as long as it says.
    let (code, head, pdf) = exchange(
        &address,
        &format!("GET /report.pdf HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
        Duration::from_secs(10),
    );
    assert_eq!(code, 200);
    assert!(pdf.starts_with(b"%PDF-") && pdf.trim_ascii_end().ends_with(b"%%EOF"));
    assert!(
        head.contains(&format!("Content-Length: {}\r", pdf.len())),
        "{head}"
    );
    assert!(served.alive(), "the server died");
    drop((idle, kept, quick));
}

#[test]
fn serve_refuses_a_host_that_is_not_loopback_and_keeps_connections_in_order() {
    let served = Served::start();
    let address = &served.address;
    let port = address.rsplit(':').next().unwrap();
    let get = |host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        exchange(
            address,
            &format!("GET /report.html HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
            Duration::from_secs(10),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_owned(),
        format!("[::1]:{port}"),
        "127.0.0.1".to_owned(),
    ] {
        let (code, _, body) = get(Some(&host));
        assert_eq!(code, 200, "{host}");
        assert!(String::from_utf8_lossy(&body).contains("<html"), "{host}");
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("localhost:{}", port.parse::<u16>().unwrap().wrapping_add(1)),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        let (code, _, body) = get(Some(&host));
        assert_eq!(code, 421, "{host}");
        assert!(!String::from_utf8_lossy(&body).contains("<html"), "{host}");
    }
    assert_eq!(get(None).0, 400);
    // Keep-alive and pipelining: three requests in one write, three answers in order.
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let one = |path: &str, last: bool| {
        format!(
            "GET {path} HTTP/1.1\r\nHost: {address}\r\n{}\r\n",
            if last { "Connection: close\r\n" } else { "" }
        )
    };
    let requests = one("/status", false) + &one("/nowhere", false) + &one("/status?2", true);
    stream.write_all(requests.as_bytes()).unwrap();
    let mut all = Vec::new();
    stream.read_to_end(&mut all).unwrap();
    let text = String::from_utf8_lossy(&all);
    let codes: Vec<&str> = text
        .match_indices("HTTP/1.1 ")
        .map(|(i, _)| &text[i + 9..i + 12])
        .collect();
    assert_eq!(codes, ["200", "404", "200"], "{text}");
    // HEAD: the length, no body.
    let (code, head, body) = exchange(
        address,
        &format!("HEAD /report.pdf HTTP/1.0\r\nHost: {address}\r\n\r\n"),
        Duration::from_secs(10),
    );
    assert_eq!(code, 200);
    assert!(body.is_empty() && head.contains("Content-Type: application/pdf"));
}

/// Links planted in a batch's output directory: replaced, not written through; with
/// `--follow-output-links` written through as before.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_out_dir_is_replaced_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, out, outside) = (
        tmp.path().join("rapporter"),
        tmp.path().join("pdf"),
        tmp.path().join("utanfor"),
    );
    for dir in [&reports, &out, &outside] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::copy(root().join(EXAMPLE), reports.join("rapport.toml")).unwrap();
    let victim = outside.join("viktig.txt");
    std::fs::write(&victim, "important, not a PDF\n").unwrap();
    let link = out.join("rapport.pdf");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            reports.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = common::bokslut(&args);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
    };
    render(&[]);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"important, not a PDF\n",
        "the link's target is untouched"
    );
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.is_file(), "the link is now a regular file");
    assert!(std::fs::read(&link).unwrap().starts_with(b"%PDF-"));
    // The old behaviour, asked for: written through, the link kept.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    render(&["--follow-output-links"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read(&victim).unwrap().starts_with(b"%PDF-"));
}

/// A directory link planted under a batch's output directory (`pdf/2023 -> elsewhere`): the
/// report that would be written through it is refused, naming the link; nothing is written
/// where it points; the others of the batch are written.
#[cfg(unix)]
#[test]
fn a_directory_link_planted_in_the_out_dir_is_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, out, outside) = (
        tmp.path().join("rapporter"),
        tmp.path().join("pdf"),
        tmp.path().join("utanfor"),
    );
    for dir in [&reports.join("2023"), &out, &outside] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::copy(root().join(EXAMPLE), reports.join("2023/rapport.toml")).unwrap();
    std::fs::copy(root().join(EXAMPLE), reports.join("annan.toml")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("2023")).unwrap();
    let output = common::bokslut(&[
        "render",
        reports.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("2023 is a symbolic link") && stderr.contains("--follow-output-links"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "{stderr}");
    assert!(
        std::fs::read(out.join("annan.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}
