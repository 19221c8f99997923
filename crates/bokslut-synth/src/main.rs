//! bokslut-synth: writes synthetic reports for benchmarks and batch measurements.
//!
//! `bokslut-synth pages N` prints a report of about N pages;
//! `bokslut-synth chapters N` prints a report of N chapters;
//! `bokslut-synth variants REPORT.toml COUNT DIR` writes COUNT variants of a report into DIR.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["pages", n] if n.parse::<usize>().is_ok() => {
            print!("{}", bokslut_synth::report(n.parse().unwrap_or(1)));
        }
        ["chapters", n] if n.parse::<usize>().is_ok() => {
            print!(
                "{}",
                bokslut_synth::report_with_chapters(n.parse().unwrap_or(1))
            );
        }
        ["variants", source, count, dir] if count.parse::<u64>().is_ok() => {
            let text = match std::fs::read_to_string(source) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("error: cannot read {source}: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {dir}: {e}");
                return ExitCode::FAILURE;
            }
            for n in 1..=count.parse::<u64>().unwrap_or(0) {
                let Some(report) = bokslut_synth::variant(&text, n) else {
                    eprintln!("error: {source} is not TOML");
                    return ExitCode::FAILURE;
                };
                let path = std::path::Path::new(dir).join(format!("report-{n:04}.toml"));
                if let Err(e) = std::fs::write(&path, report) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => {
            eprintln!("usage: bokslut-synth pages N | chapters N | variants REPORT.toml COUNT DIR");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
