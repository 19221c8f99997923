//! bokslut: the command-line tool. It only wires the library crates together: read a report
//! (bokslut-core), render it (bokslut-layout), write the PDF safely; many reports at once
//! on all cores.
//!
//! The modules: [`args`] (the command line), [`inputs`] (which files, which PDFs),
//! [`scheduler`] (the pool of threads), [`guard`] (a panic fails one report, not the run),
//! [`summary`] (the closing summary and the exit code), [`output`] (atomic writes),
//! [`render`] (one report read, checked, rendered and written; many in parallel),
//! [`import`] (a sheet's rows printed as a report's), [`watch`] (render on every save) and
//! [`serve`] (the live preview over HTTP).

mod args;
mod guard;
mod import;
mod inputs;
mod interrupt;
mod output;
mod render;
mod scheduler;
mod serve;
mod summary;
mod watch;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use bokslut_core::CheckOptions;
use bokslut_layout::{Publisher, RenderOptions};

use crate::args::{Cli, Command, Format};
use crate::render::{Renderer, failed, load_profile, render_all, session_job, validated};
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
            jobs,
            rendering,
        } => {
            let (mut jobs_list, mut skipped) = inputs::expand(&inputs, out_dir.as_deref());
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
        Command::Data {
            input,
            locale,
            profile,
            max_input_size,
            allow_outside_paths,
        } => {
            let checks = CheckOptions {
                max_input_bytes: max_input_size,
                coverage: Some(bokslut_layout::covers),
                allow_outside_paths,
                ..CheckOptions::default()
            };
            let report = match validated(&input, false, &mut Log::Direct, checks) {
                Ok(report) => report,
                Err(_) => return ExitCode::from(EXIT_INVALID),
            };
            let options = RenderOptions {
                locale,
                ..RenderOptions::default()
            };
            let publisher = Publisher::new();
            let profile = match load_profile(
                &publisher,
                &input,
                &report,
                profile.as_deref(),
                &mut Log::Direct,
            ) {
                Ok(profile) => profile,
                Err(_) => return ExitCode::from(EXIT_INVALID),
            };
            match publisher.prepare_with(&report, &options, profile.as_deref()) {
                Ok(prepared) => {
                    let mut stdout = std::io::stdout().lock();
                    match stdout
                        .write_all(prepared.data())
                        .and_then(|()| stdout.flush())
                    {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("error: cannot write the data: {e}");
                            ExitCode::from(EXIT_IO)
                        }
                    }
                }
                Err(e) => {
                    failed(&input, &e, &mut Log::Direct);
                    ExitCode::from(EXIT_INVALID)
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
        Command::Check {
            inputs,
            deny_warnings,
            profile,
            max_input_size,
            allow_outside_paths,
        } => {
            let publisher = Publisher::new();
            let (jobs, skipped) = inputs::expand(&inputs, None);
            for skip in &skipped {
                eprintln!("error: {}: {}", skip.path.display(), skip.reason);
            }
            let invalid = jobs
                .iter()
                .filter(|job| {
                    let checks = CheckOptions {
                        figures_in_text: true,
                        max_input_bytes: max_input_size,
                        coverage: Some(bokslut_layout::covers),
                        allow_outside_paths,
                    };
                    let log = &mut Log::Direct;
                    validated(&job.input, deny_warnings, log, checks)
                        .and_then(|report| {
                            let profile = load_profile(
                                &publisher,
                                &job.input,
                                &report,
                                profile.as_deref(),
                                log,
                            )?;
                            // The profile's font against every character the report prints.
                            match publisher.prepare_with(
                                &report,
                                &RenderOptions::default(),
                                profile.as_deref(),
                            ) {
                                Ok(_) => Ok(()),
                                Err(e) => Err(failed(&job.input, &e, log)),
                            }
                        })
                        .is_err()
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
