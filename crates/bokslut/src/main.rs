//! bokslut: the command-line tool. The pipeline is the library's ([`bokslut::Publisher`]);
//! this binary only deals with files, the terminal, exit codes and batches: which reports,
//! printing what the library found, writing the editions safely, many reports at once on all
//! cores.
//!
//! The modules: [`args`] (the command line), [`inputs`] (which files, which PDFs),
//! [`scheduler`] (the pool of threads), [`guard`] (a panic fails one report, not the run),
//! [`summary`] (the closing summary and the exit code), [`output`] (atomic writes),
//! [`render`] (one report published by the library and written; many in parallel),
//! [`isolate`] (a report rendered in a process of its own, within limits, with a
//! municipality's layouts), [`import`] (a sheet's rows printed as a report's), [`watch`] (render on every save) and
//! [`serve`] (the live preview over HTTP); [`show`] draws a diagnostic on the terminal.

mod args;
mod guard;
mod import;
mod inputs;
mod interrupt;
mod isolate;
mod output;
mod render;
mod scheduler;
mod serve;
mod show;
mod summary;
mod watch;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use bokslut::{Edition, Options, Publisher, Source};

use crate::args::{Cli, Command, Format};
use crate::render::{Renderer, render_all, session_job};
use crate::scheduler::Log;
use crate::summary::{EXIT_INVALID, EXIT_IO};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            inputs,
            output,
            format,
            out_dir,
            follow_output_links,
            jobs,
            rendering,
        } => {
            let (mut jobs_list, mut skipped) = inputs::expand(&inputs, out_dir.as_deref());
            if follow_output_links {
                jobs_list
                    .iter_mut()
                    .for_each(|job| job.replace_links = None);
            }
            let named = output.is_some();
            if let Some(output) = output {
                if inputs.len() != 1 || jobs_list.len() != 1 || !skipped.is_empty() {
                    Cli::command()
                        .error(
                            clap::error::ErrorKind::ArgumentConflict,
                            "--output names the PDF of one report file; for several, use --out-dir",
                        )
                        .exit();
                }
                jobs_list[0].output = output;
            }
            let jobs_list =
                inputs::settle(jobs_list, &args::distinct(&format), named, &mut skipped);
            render_all(jobs_list, skipped, Renderer::new(rendering), jobs)
        }
        Command::RenderChild {
            input,
            format,
            rendering,
        } => isolate::child(input, format, rendering),
        Command::Data {
            input,
            locale,
            profile,
            max_input_size,
            allow_outside_paths,
        } => {
            let mut options = Options::default();
            options.editions = vec![Edition::Data];
            options.locale = locale;
            options.profile = profile;
            options.max_input_bytes = max_input_size;
            options.allow_outside_paths = allow_outside_paths;
            let published = Publisher::new().publish(&Source::File(&input), &options);
            if render::print(&input, &published, &mut Log::Direct).is_err() {
                return ExitCode::from(EXIT_INVALID);
            }
            let data = published.data.unwrap_or_default();
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&data).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the data: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
        }
        Command::Import(request) => import::run(request),
        Command::Init { dir, profile } => match bokslut_layout::scaffold::init(&dir, profile) {
            Ok(files) => {
                for file in &files {
                    eprintln!("wrote {}", file.display());
                }
                let report = dir.join(bokslut_layout::scaffold::REPORT_FILE);
                eprintln!("next: bokslut render {}", report.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_IO)
            }
        },
        Command::Watch { session, format } => {
            let formats = args::distinct(&format);
            let Some((renderer, job)) = session_job(session, &formats) else {
                return ExitCode::from(EXIT_IO);
            };
            interrupt::install_session();
            match watch::run(&renderer, &job, |_| {}) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
        }
        Command::Serve {
            session,
            port,
            bind,
        } => {
            let Some((renderer, job)) = session_job(session, &[Format::Html, Format::Pdf]) else {
                return ExitCode::from(EXIT_IO);
            };
            let server = match serve::bind(std::net::SocketAddr::new(bind, port)) {
                Ok(server) => server,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_IO);
                }
            };
            interrupt::install_session();
            match serve::run(server, &renderer, &job) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_IO)
                }
            }
        }
        Command::Schema { profile } => {
            let schema = if profile {
                bokslut_layout::profile::json_schema()
            } else {
                bokslut_core::json_schema()
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Check { inputs, rendering } => {
            let publisher = Publisher::new();
            let (jobs, skipped) = inputs::expand(&inputs, None);
            for skip in &skipped {
                eprintln!("error: {}: {}", skip.path.display(), skip.reason);
            }
            let mut options = render::options(rendering);
            options.editions = Vec::new();
            options.figures_in_text = true;
            let invalid = jobs
                .iter()
                .filter(|job| {
                    let checked = publisher.check(&Source::File(&job.input), &options);
                    render::print(&job.input, &checked, &mut Log::Direct).is_err()
                })
                .count();
            eprintln!(
                "checked {} file(s): {} valid, {invalid} invalid",
                jobs.len(),
                jobs.len() - invalid
            );
            if invalid == 0 && skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_INVALID)
            }
        }
    }
}
