//! `bokslut serve`: a preview of one report while it is written. The report is rendered as
//! `watch` renders it (PDF and HTML), and a small HTTP server on loopback shows both; the
//! preview page asks for the state every 150 ms and reloads when it changes.
//!
//! The server answers exactly these paths, compared as written (no decoding, no
//! normalisation), so nothing but the report's outputs can be reached: `/` (the preview
//! page), `/report.html`, `/report.pdf` and `/status`. Any other path is 404, any method but
//! GET and HEAD 405.

use std::fs;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Method, Request, Response, Server};

use crate::args::Format;
use crate::inputs::Job;
use crate::summary::Outcome;

/// The preview page. It needs a script to reload; the HTML edition itself needs none.
const PAGE: &str = include_str!("serve.html");

/// The state the preview page polls: a number that grows with every render, and the last
/// render's failure, if it failed.
#[derive(Default)]
struct State {
    generation: u64,
    error: Option<String>,
}

/// Binds the server (before the first render, so that a port in use is said at once).
pub fn bind(address: SocketAddr) -> Result<Server, String> {
    Server::http(address).map_err(|e| format!("cannot listen on {address}: {e}"))
}

/// Serves `job`'s outputs on `server` while `watch` renders them. Returns only when the watch
/// cannot be set up; Ctrl-C ends the process.
pub fn run(server: Server, renderer: &crate::render::Renderer, job: &Job) -> Result<(), String> {
    let state = Arc::new(Mutex::new(State::default()));
    let files: Vec<(Format, std::path::PathBuf)> = job
        .files
        .iter()
        .map(|f| (f.format, f.target.clone()))
        .collect();
    let title = job
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(address) = server.server_addr().to_ip() {
        eprintln!("serving the preview at http://{address}/");
    }
    let served = Arc::clone(&state);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            answer(request, &served, &files, &title);
        }
    });
    crate::watch::run(renderer, job, |outcome| {
        let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.error = match outcome {
            Outcome::Written { .. } => None,
            Outcome::Invalid(why) | Outcome::Unwritable(why) => Some(why.clone()),
        };
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// Answers one request.
fn answer(
    request: Request,
    state: &Mutex<State>,
    files: &[(Format, std::path::PathBuf)],
    title: &str,
) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let file = |format: Format| files.iter().find(|(f, _)| *f == format).map(|(_, p)| p);
    // The query (the page adds one to defeat caches) is no part of the path.
    let url = request.url().to_owned();
    let path = url.split_once('?').map_or(url.as_str(), |(path, _)| path);
    let (body, content_type) = match path {
        "/" => (
            PAGE.replace("{{title}}", &bokslut_html::escape::escaped(title))
                .into_bytes(),
            "text/html; charset=utf-8",
        ),
        "/status" => {
            let state = state.lock().unwrap_or_else(|e| e.into_inner());
            let status = serde_json::json!({
                "generation": state.generation,
                "error": state.error,
            });
            (status.to_string().into_bytes(), "application/json")
        }
        "/report.html" | "/report.pdf" => {
            let (format, content_type) = if path == "/report.html" {
                (Format::Html, "text/html; charset=utf-8")
            } else {
                (Format::Pdf, "application/pdf")
            };
            match file(format).map(fs::read) {
                Some(Ok(bytes)) => (bytes, content_type),
                _ => {
                    let _ = request
                        .respond(Response::from_string("not rendered yet").with_status_code(404));
                    return;
                }
            }
        }
        _ => {
            let _ = request.respond(Response::from_string("not found").with_status_code(404));
            return;
        }
    };
    let response = Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"));
    let _ = request.respond(response);
}
