//! `bokslut serve`: a preview of one report while it is written. The report is rendered as
//! `watch` renders it (PDF and HTML), and a small HTTP server on loopback shows both; the
//! preview page asks for the state every 150 ms and reloads when it changes.
//!
//! The server answers exactly these paths, compared as written (no decoding, no
//! normalisation), so nothing but the report's outputs can be reached: `/` (the preview
//! page), `/report.html`, `/report.pdf` and `/status`. Any other path is 404, any method but
//! GET and HEAD 405.
//!
//! It is a small HTTP/1.1 server on `std::net`, made to keep answering while a client
//! misbehaves:
//!
//! - Each connection has a thread of its own, at most [`MAX_CONNECTIONS`] at once. One more
//!   closes the connection that has waited longest for its request to complete (a client
//!   sending one byte a second, one that never reads its answers), so a new client is always
//!   answered; beyond [`MAX_THREADS`] threads (closed ones still ending) a new connection is
//!   closed at once. Never a thread for each of thousands of sockets.
//! - A request's line and headers are read into a buffer of at most [`MAX_HEAD`] bytes
//!   (longer: 414 or 431, and the connection closed), within [`HEAD_TIMEOUT`] in all, not per
//!   read; an answer is written within [`WRITE_TIMEOUT`].
//! - A preview request has no body: one that declares a body (`Content-Length` above 0,
//!   however large, or `Transfer-Encoding`) is answered at once without reading the body (405
//!   for a method other than GET and HEAD, else 413), and the connection closed; an
//!   `Expect: 100-continue` gets that answer instead of 100.
//! - The `Host` header must name loopback (`localhost`, `127.0.0.1`, `[::1]`), the address
//!   the server is bound to, or the address the client reached, with the server's port or
//!   none: a page on another name (DNS rebinding) gets 421, a request without `Host` 400.
//! - The outputs are read into memory once per render, each in an [`Arc`] swapped when the
//!   render is done: an answer is one complete output, never half of an old file and half of
//!   a new one; the last good output stays while the report is broken.
//!
//! tiny_http (used before) could bound none of this: it reads a request line without a
//! limit, starts a thread for every waiting connection, and answers one request at a time.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::args::Format;
use crate::inputs::Job;
use crate::summary::Outcome;

/// The preview page. It needs a script to reload; the HTML edition itself needs none.
const PAGE: &str = include_str!("serve.html");

/// How many connections are answered at once; one more closes the one waiting longest.
pub const MAX_CONNECTIONS: usize = 96;
/// How many connection threads may exist at all, closed ones still ending included; a
/// connection beyond is closed unanswered.
pub const MAX_THREADS: usize = MAX_CONNECTIONS + 16;
/// The most bytes of a request's line and headers.
pub const MAX_HEAD: usize = 8 * 1024;
/// The most header lines of a request.
const MAX_HEADERS: usize = 64;
/// How long a request's line and headers may take to arrive, from the end of the previous
/// answer (or the connection).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long an answer may take to be written.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How many requests one connection may make before it is closed.
const MAX_REQUESTS: usize = 1000;
/// The stack of a connection's thread: it parses a few kilobytes, nothing recursive.
const STACK: usize = 256 * 1024;

/// The state the preview page polls, and the outputs of the last render: a number that
/// grows with every render, the last render's failure, if it failed, and the last outputs
/// read back.
#[derive(Default)]
struct State {
    generation: u64,
    error: Option<String>,
    html: Option<Arc<Vec<u8>>>,
    pdf: Option<Arc<Vec<u8>>>,
}

/// What every connection answers from.
struct Site {
    state: Mutex<State>,
    /// The preview page, with the report's name.
    page: Arc<Vec<u8>>,
    /// The address the server listens on (its port, and its address when not 0.0.0.0).
    bound: SocketAddr,
}

/// The open connections: each one's handle (to close it) and when it began to wait for its
/// current request; and how many threads exist.
#[derive(Default)]
struct Connections {
    open: Mutex<HashMap<u64, Open>>,
    threads: AtomicUsize,
    next: AtomicU64,
}

struct Open {
    stream: TcpStream,
    since: Instant,
}

impl Connections {
    fn open(&self) -> MutexGuard<'_, HashMap<u64, Open>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Binds the server (before the first render, so that a port in use is said at once).
pub fn bind(address: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(address).map_err(|e| format!("cannot listen on {address}: {e}"))
}

/// Serves `job`'s outputs on `listener` while `watch` renders them. Returns only when the
/// watch cannot be set up; Ctrl-C ends the process.
pub fn run(
    listener: TcpListener,
    renderer: &crate::render::Renderer,
    job: &Job,
) -> Result<(), String> {
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?;
    let title = job
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let page = PAGE.replace("{{title}}", &bokslut_html::escape::escaped(&title));
    let site = Arc::new(Site {
        state: Mutex::new(State::default()),
        page: Arc::new(page.into_bytes()),
        bound,
    });
    let files: Vec<(Format, std::path::PathBuf)> = job
        .files
        .iter()
        .map(|f| (f.format, f.target.clone()))
        .collect();
    // Outputs of an earlier session, until the first render is done.
    load(&site, &files, None);
    eprintln!("serving the preview at http://{bound}/");
    let accepting = Arc::clone(&site);
    std::thread::spawn(move || accept(listener, accepting));
    crate::watch::run(renderer, job, |outcome| {
        let error = match outcome {
            Outcome::Written { .. } => None,
            Outcome::Invalid(why) | Outcome::Unwritable(why) => Some(why.clone()),
        };
        // A report that does not pass wrote nothing: its last outputs stay as they were.
        let written = !matches!(outcome, Outcome::Invalid(_));
        load(&site, if written { &files } else { &[] }, Some(error));
    })
}

/// Reads `files` into memory (each that can be read; one that cannot keeps its last
/// bytes) and, with `error` (a render done), counts a new generation with its failure: all
/// under one lock, so that a client that sees the new generation gets the new outputs.
fn load(site: &Site, files: &[(Format, std::path::PathBuf)], error: Option<Option<String>>) {
    let read: Vec<(Format, Arc<Vec<u8>>)> = files
        .iter()
        .filter_map(|(format, path)| Some((*format, Arc::new(std::fs::read(path).ok()?))))
        .collect();
    let mut state = site.state.lock().unwrap_or_else(|e| e.into_inner());
    for (format, bytes) in read {
        match format {
            Format::Html => state.html = Some(bytes),
            Format::Pdf => state.pdf = Some(bytes),
        }
    }
    if let Some(error) = error {
        state.generation += 1;
        state.error = error;
    }
}

/// Accepts connections for ever, each answered on a thread of its own (see the module's
/// documentation for the bounds).
fn accept(listener: TcpListener, site: Arc<Site>) {
    let connections = Arc::new(Connections::default());
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted:
                // a moment, not a busy loop.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if connections.threads.load(Ordering::Acquire) >= MAX_THREADS {
            continue;
        }
        let Ok(handle) = stream.try_clone() else {
            continue;
        };
        let id = connections.next.fetch_add(1, Ordering::Relaxed);
        {
            let mut open = connections.open();
            if open.len() >= MAX_CONNECTIONS
                && let Some(oldest) = open.iter().min_by_key(|(_, o)| o.since).map(|(&id, _)| id)
                && let Some(closed) = open.remove(&oldest)
            {
                // Wakes its thread from a blocked read or write: it ends at once.
                let _ = closed.stream.shutdown(Shutdown::Both);
            }
            open.insert(
                id,
                Open {
                    stream: handle,
                    since: Instant::now(),
                },
            );
        }
        connections.threads.fetch_add(1, Ordering::AcqRel);
        let (site, mine) = (Arc::clone(&site), Arc::clone(&connections));
        let spawned = std::thread::Builder::new()
            .name("serve".to_owned())
            .stack_size(STACK)
            .spawn(move || {
                let _ending = Ending(&mine, id);
                connection(stream, &site, &mine, id);
            });
        if spawned.is_err() {
            connections.open().remove(&id);
            connections.threads.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// A connection's thread ending: no longer open, one thread fewer.
struct Ending<'a>(&'a Connections, u64);

impl Drop for Ending<'_> {
    fn drop(&mut self) {
        self.0.open().remove(&self.1);
        self.0.threads.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answers the requests of one connection, one after another, until it closes, misbehaves
/// or has made [`MAX_REQUESTS`].
fn connection(mut stream: TcpStream, site: &Site, connections: &Connections, id: u64) {
    let _ = stream.set_nodelay(true);
    let reached = stream.local_addr().ok().map(|a| a.ip());
    let mut buffer = Vec::with_capacity(1024);
    for _ in 0..MAX_REQUESTS {
        let (response, keep) = match read_head(&mut stream, &mut buffer) {
            Ok(Some(head)) => match parse(&head) {
                Ok(request) => answer(&request, site, reached),
                Err(refused) => (refused, false),
            },
            // Closed, or quiet for too long between requests.
            Ok(None) => return,
            Err(refused) => (refused, false),
        };
        if write(&mut stream, &response, keep).is_err() {
            return;
        }
        if !keep {
            linger(&mut stream);
            return;
        }
        if let Some(open) = connections.open().get_mut(&id) {
            open.since = Instant::now();
        }
    }
}

/// An answer: status, type and body (`None`: no body, a HEAD request), and an `Allow`
/// header (405).
#[derive(Debug)]
struct Response {
    status: u16,
    content_type: &'static str,
    length: usize,
    body: Option<Arc<Vec<u8>>>,
    allow: bool,
}

impl Response {
    fn text(status: u16, text: &str) -> Response {
        let body = Arc::new(text.as_bytes().to_vec());
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            length: body.len(),
            body: Some(body),
            allow: status == 405,
        }
    }

    fn bytes(content_type: &'static str, body: Arc<Vec<u8>>) -> Response {
        Response {
            status: 200,
            content_type,
            length: body.len(),
            body: Some(body),
            allow: false,
        }
    }
}

/// Reads one request's line and headers (up to the blank line) within [`HEAD_TIMEOUT`];
/// bytes after them (a pipelined request) stay in `buffer`. `None` when the connection
/// closes or stays quiet before a request begins; an answer to send when it is too long,
/// too slow or cut short.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<Option<Vec<u8>>, Response> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut chunk = [0u8; 4096];
    let mut scanned = 0;
    loop {
        // Blank lines before a request are allowed (RFC 9112, 2.2).
        let blank = buffer
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if blank > 0 {
            buffer.drain(..blank);
            scanned = 0;
        }
        if let Some(end) = head_end(buffer, scanned) {
            let head = buffer[..end.0].to_vec();
            buffer.drain(..end.1);
            return Ok(Some(head));
        }
        scanned = buffer.len().saturating_sub(3);
        if buffer.len() > MAX_HEAD {
            return Err(if buffer.contains(&b'\n') {
                Response::text(431, "the request's headers are too long")
            } else {
                Response::text(414, "the request line is too long")
            });
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return if buffer.is_empty() {
                Ok(None)
            } else {
                Err(Response::text(408, "the request took too long"))
            };
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return if buffer.is_empty() {
                    Ok(None)
                } else {
                    Err(Response::text(408, "the request took too long"))
                };
            }
            Err(_) => return Ok(None),
        }
    }
}

/// Where the head ends in `buffer` (searched from `from`): the end of its last line, and
/// the end of the blank line after it. Lines end in CRLF or a bare LF.
fn head_end(buffer: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < buffer.len() {
        if buffer[i] == b'\n' {
            if buffer.get(i + 1) == Some(&b'\n') {
                return Some((i, i + 2));
            }
            if buffer.get(i + 1) == Some(&b'\r') && buffer.get(i + 2) == Some(&b'\n') {
                return Some((i, i + 3));
            }
        }
        i += 1;
    }
    None
}

/// A request's line and the headers the server reads.
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    host: Option<String>,
    /// A body is declared: a `Content-Length` above 0, or a `Transfer-Encoding`.
    body: bool,
    /// `Connection: close` (HTTP/1.1), or no `Connection: keep-alive` (HTTP/1.0).
    close: bool,
}

/// Parses a request's line and headers, or says why not (400, 431, 505).
fn parse(head: &[u8]) -> Result<Request, Response> {
    let bad = |why: &str| Response::text(400, why);
    let head = std::str::from_utf8(head).map_err(|_| bad("the request is not text"))?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("the request line is not METHOD TARGET VERSION"));
    };
    if method.is_empty() || !method.bytes().all(is_token) || target.is_empty() {
        return Err(bad("the request line is not METHOD TARGET VERSION"));
    }
    let http_1_1 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") => {
            return Err(Response::text(505, "HTTP/1.1 and 1.0 only"));
        }
        _ => return Err(bad("the request line is not METHOD TARGET VERSION")),
    };
    let mut request = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host: None,
        body: false,
        close: !http_1_1,
    };
    let mut length: Option<&str> = None;
    for (n, line) in lines.enumerate() {
        if n >= MAX_HEADERS {
            return Err(Response::text(431, "too many headers"));
        }
        if line.starts_with([' ', '\t']) {
            return Err(bad("folded header lines are not accepted"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad("a header line without a colon"));
        };
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(bad("a header name that is not a token"));
        }
        let value = value.trim_matches([' ', '\t']);
        if name.eq_ignore_ascii_case("host") {
            if request.host.is_some() {
                return Err(bad("more than one Host header"));
            }
            request.host = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("content-length") {
            if length.is_some_and(|l| l != value) {
                return Err(bad("Content-Length headers that differ"));
            }
            length = Some(value);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            request.body = true;
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(|t| t.trim_matches([' ', '\t'])) {
                if token.eq_ignore_ascii_case("close") {
                    request.close = true;
                } else if token.eq_ignore_ascii_case("keep-alive") && !http_1_1 {
                    request.close = false;
                }
            }
        }
    }
    if let Some(length) = length {
        if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("a Content-Length that is not a number"));
        }
        // Digits only: any length but 0 (however many digits) is a body.
        request.body |= length.bytes().any(|b| b != b'0');
    }
    Ok(request)
}

/// A character of a token (RFC 9110, 5.6.2): a method or a header name.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Whether `host` (a `Host` header) names this server: a loopback name, the bound address or
/// the one the client reached, each with the server's port or none.
fn host_allowed(host: &str, bound: SocketAddr, reached: Option<IpAddr>) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, port) = if host.starts_with('[') {
        let Some(end) = host.find(']') else {
            return false;
        };
        let (name, rest) = host.split_at(end + 1);
        match rest {
            "" => (name, None),
            _ => match rest.strip_prefix(':') {
                Some(port) => (name, Some(port)),
                None => return false,
            },
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host.as_str(), None),
        }
    };
    if let Some(port) = port
        && (port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().ok() != Some(bound.port()))
    {
        return false;
    }
    if matches!(name, "localhost" | "127.0.0.1" | "[::1]") {
        return true;
    }
    let literal = |ip: IpAddr| match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    [Some(bound.ip()).filter(|ip| !ip.is_unspecified()), reached]
        .into_iter()
        .flatten()
        .any(|ip| literal(ip) == name)
}

/// The answer to a request, and whether the connection stays open after it.
fn answer(request: &Request, site: &Site, reached: Option<IpAddr>) -> (Response, bool) {
    let keep = !request.close && !request.body;
    let Some(host) = &request.host else {
        return (Response::text(400, "a request names its Host"), false);
    };
    if !host_allowed(host, site.bound, reached) {
        return (
            Response::text(421, "this server answers only for localhost"),
            false,
        );
    }
    let head_only = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => return (Response::text(405, "method not allowed"), keep),
    };
    if request.body {
        // Not read: a preview request has none.
        return (Response::text(413, "a preview request has no body"), false);
    }
    // The query (the page adds one to defeat caches) is no part of the path.
    let path = request
        .target
        .split_once('?')
        .map_or(request.target.as_str(), |(path, _)| path);
    let mut response = match path {
        "/" => Response::bytes("text/html; charset=utf-8", Arc::clone(&site.page)),
        "/status" => {
            let state = site.state.lock().unwrap_or_else(|e| e.into_inner());
            let status = serde_json::json!({
                "generation": state.generation,
                "error": state.error,
            });
            Response::bytes(
                "application/json",
                Arc::new(status.to_string().into_bytes()),
            )
        }
        "/report.html" | "/report.pdf" => {
            let state = site.state.lock().unwrap_or_else(|e| e.into_inner());
            let (bytes, content_type) = if path == "/report.html" {
                (&state.html, "text/html; charset=utf-8")
            } else {
                (&state.pdf, "application/pdf")
            };
            match bytes {
                Some(bytes) => Response::bytes(content_type, Arc::clone(bytes)),
                None => Response::text(404, "not rendered yet"),
            }
        }
        _ => Response::text(404, "not found"),
    };
    if head_only {
        response.body = None;
    }
    (response, keep)
}

/// The reason phrase of a status the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Writes `response` within [`WRITE_TIMEOUT`] in all (a client that reads slowly or not at
/// all fails it, not the server).
fn write(stream: &mut TcpStream, response: &Response, keep: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.length,
        if keep { "keep-alive" } else { "close" },
    );
    if response.allow {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    let deadline = Instant::now() + WRITE_TIMEOUT;
    let body: &[u8] = response.body.as_deref().map_or(&[], Vec::as_slice);
    if body.len() <= 16 * 1024 {
        // One write: no wait between the head and a small body.
        let mut all = head.into_bytes();
        all.extend_from_slice(body);
        write_by(stream, &all, deadline)
    } else {
        write_by(stream, head.as_bytes(), deadline)?;
        write_by(stream, body, deadline)
    }
}

/// Writes all of `bytes` before `deadline`.
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Before closing after an answer: says the server is done writing and reads (a moment, a
/// little) what the client still sends, so that the close does not reset the connection
/// before the client has read the answer.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut chunk = [0u8; 4096];
    let mut read = 0;
    while read < 256 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => read += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_must_name_this_server() {
        let bound: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        let reached = Some("127.0.0.1".parse().unwrap());
        for host in [
            "localhost",
            "LOCALHOST:8000",
            "127.0.0.1",
            "127.0.0.1:8000",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(host_allowed(host, bound, reached), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "localhost:8001",
            "localhost:",
            "localhost:+8000",
            "127.0.0.1.evil.example",
            "::1",
            "[::1]8000",
            "[::1",
            "",
            "localhost.evil.example:8000",
        ] {
            assert!(!host_allowed(host, bound, reached), "{host}");
        }
        // Bound to every address: the one the client reached is this server.
        let any: SocketAddr = "0.0.0.0:8000".parse().unwrap();
        let lan = Some("192.168.1.5".parse().unwrap());
        assert!(host_allowed("192.168.1.5:8000", any, lan));
        assert!(!host_allowed("0.0.0.0:8000", any, lan));
        assert!(!host_allowed("192.168.1.6:8000", any, lan));
    }

    #[test]
    fn a_request_is_parsed_strictly() {
        let request =
            parse(b"GET /status?1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 000").unwrap();
        assert_eq!(request.target, "/status?1");
        assert!(!request.body && !request.close);
        let body = parse(b"GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999").unwrap();
        assert!(body.body);
        assert!(
            !parse(b"GET / HTTP/1.0\r\nConnection: keep-alive")
                .unwrap()
                .close
        );
        for bad in [
            &b"GET /"[..],
            b"GET / HTTP/1.1 x",
            b"GET  / HTTP/1.1",
            b"GET / HTTP/1.1\r\nHost localhost",
            b"GET / HTTP/1.1\r\n folded",
            b"GET / HTTP/1.1\r\nContent-Length: -1",
            b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b",
        ] {
            assert_eq!(parse(bad).map(|_| ()).unwrap_err().status, 400, "{bad:?}");
        }
        assert_eq!(parse(b"GET / HTTP/2.0").unwrap_err().status, 505);
        assert_eq!(
            head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET", 0),
            Some((24, 27))
        );
        assert_eq!(
            head_end(b"GET / HTTP/1.1\nHost: a\n\nGET", 0),
            Some((22, 24))
        );
    }
}
