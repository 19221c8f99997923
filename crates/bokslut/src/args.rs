//! The command line: subcommands, arguments and their help.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};

use bokslut_layout::Standard;

/// Publishes Swedish municipal reports (delårsbokslut, årsbokslut, verksamhetsberättelse)
/// as print-ready PDF.
#[derive(Parser)]
#[command(name = "bokslut", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Render report files (TOML or JSON) to PDF (or the web edition, HTML), in parallel on
    /// all cores.
    Render {
        /// Report files, and directories: every .toml and .json file under a directory,
        /// recursively (hidden ones skipped).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Where to write the file of a single report (of the first format; the others go
        /// beside it with their extension); the input with `.pdf` (`.html`) when absent.
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// What to write: `pdf`, `html` (the web edition, one self-contained file), or both
        /// (`pdf,html`), each beside the other.
        #[arg(
            long,
            value_name = "FORMATS",
            value_delimiter = ',',
            default_value = "pdf"
        )]
        format: Vec<Format>,
        /// Write the PDFs under DIR, mirroring the layout of the input directories, instead of
        /// next to each input.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// With --out-dir: write through a symbolic link found where a file goes (its target
        /// gets the file, the link stays); without, the link is replaced by the file.
        #[arg(long, requires = "out_dir")]
        follow_output_links: bool,
        /// How many reports to render at once; the number of cores when absent.
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        #[command(flatten)]
        rendering: Rendering,
    },
    /// Print the rows of a sheet (xlsx, ods, csv) as a financial table's rows (with --level,
    /// a goal table's goals), in TOML or JSON with exact decimals, to keep them in the report
    /// file.
    Import(ImportArgs),
    /// Write a new report (rapport.toml, commented) into DIR that passes `check` and renders
    /// at once; with --profile also a graphic profile and a placeholder logo (profil/).
    Init {
        /// The directory (made when missing); no existing file is replaced.
        dir: PathBuf,
        /// Also write a profile (profil/profil.toml, logo.svg) that the report names.
        #[arg(long)]
        profile: bool,
    },
    /// Render a report again on every save of it, printing its errors without stopping; the
    /// last good output stays in place while the report is broken. Ctrl-C stops.
    Watch {
        #[command(flatten)]
        session: Session,
        /// What to write: `pdf`, `html`, or both (`pdf,html`).
        #[arg(
            long,
            value_name = "FORMATS",
            value_delimiter = ',',
            default_value = "pdf"
        )]
        format: Vec<Format>,
    },
    /// Preview a report in a browser while writing it: renders it as `watch` does (PDF and
    /// HTML), serves both on 127.0.0.1, and reloads the page when they change. Serves nothing
    /// but that report's outputs. Ctrl-C stops.
    Serve {
        #[command(flatten)]
        session: Session,
        /// The port; 0 takes a free one (the address is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on: loopback unless you ask for another (e.g. 0.0.0.0
        /// makes the preview reachable from other machines).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Print the JSON Schema of the input format (for Taplo and JSON editors).
    Schema {
        /// The schema of the profile file instead of the report's.
        #[arg(long)]
        profile: bool,
    },
    /// Print the data the template reads (`/report.json`) for a report: with it, the layout
    /// in layouts/ can be worked on with `typst watch` (see README).
    Data {
        /// The report file.
        input: PathBuf,
        /// Language of the labels; the report's own locale when absent.
        #[arg(long)]
        locale: Option<String>,
        /// A graphic profile, instead of the one the report names in `meta.profile`.
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
        /// The largest report file read, in bytes (suffixes K, M, G for KiB, MiB, GiB);
        /// 4M when absent. A larger file is an error, not read.
        #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4M")]
        max_input_size: u64,
        /// Let a table's `sheet` name a file outside the report's directory (`..`, an
        /// absolute path, a link leading out).
        #[arg(long)]
        allow_outside_paths: bool,
    },
    /// One report rendered for a parent `bokslut render` in a process of its own (with
    /// --layouts): its messages on stderr, its editions framed on stdout. Not for use by hand.
    #[command(hide = true, name = "render-child")]
    RenderChild {
        /// The report file.
        input: PathBuf,
        /// The editions, in order.
        #[arg(long, value_delimiter = ',', default_value = "pdf")]
        format: Vec<Format>,
        #[command(flatten)]
        rendering: Rendering,
    },
    /// Read and validate report files without rendering; exit 0 when all are valid. Also
    /// warns of amounts in the report's text that no figure of its tables gives.
    Check {
        /// Report files, and directories (every .toml and .json file under them).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The flags of `render`: a report is checked as it would be rendered with them (the
        /// labels of `--locale` and `--locales`, the templates of `--layouts`, the font of
        /// `--profile` against every character it prints).
        #[command(flatten)]
        rendering: Rendering,
    },
}

/// What `watch` and `serve` work on: one report and how to render it.
#[derive(clap::Args)]
pub struct Session {
    /// The report file.
    pub input: PathBuf,
    /// Where to write the output (of the first format; the others go beside it with their
    /// extension); beside the report when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rendering: Rendering,
}

/// How reports are read and rendered: the flags `render`, `watch` and `serve` share.
#[derive(clap::Args)]
pub struct Rendering {
    /// Language of the labels (sv, en, or one in --locales); the report's own locale
    /// when absent. The report's text keeps its own language (the document's).
    #[arg(long)]
    pub locale: Option<String>,
    /// The PDF/A part of the PDF, or none; it is PDF/UA-1 (tagged, accessible) in any case.
    #[arg(
        long,
        default_value = "a-2a",
        value_parser = clap::builder::PossibleValuesParser::new(Standard::NAMES)
            .map(|s| s.parse::<Standard>().expect("a possible value"))
    )]
    pub standard: Standard,
    /// A directory of more locales: DIR/LANG/*.ftl (e.g. DIR/fi/report.ftl). Messages a
    /// locale lacks are printed in Swedish, with a warning naming them.
    #[arg(long, value_name = "DIR")]
    pub locales: Option<PathBuf>,
    /// A municipality's graphic profile (TOML: logo, colours, font, cover) for every
    /// report, instead of the one a report names in `meta.profile`.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A directory of the municipality's own Typst templates (DIR/report.typ), used
    /// instead of the built-in ones; see README, "Writing a layout".
    #[arg(long, value_name = "DIR")]
    pub layouts: Option<PathBuf>,
    /// Treat warnings about the input as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// The largest report file read, in bytes (suffixes K, M, G for KiB, MiB, GiB);
    /// 4M when absent. A larger file is an error, not read.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4M")]
    pub max_input_size: u64,
    /// Let a table's `sheet` name a file outside the report's directory (`..`, an
    /// absolute path, a link leading out).
    #[arg(long)]
    pub allow_outside_paths: bool,
    /// With --layouts (a municipality's templates are code): the longest a report's render
    /// may take, in seconds. Each report is then rendered in a process of its own; one that
    /// takes longer is stopped, and the rest of a batch goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_render_time: u64,
    /// With --layouts: the most memory a report's render may hold (resident; suffixes K, M,
    /// G for KiB, MiB, GiB); one that holds more is stopped, naming where its layout was, and
    /// the rest of a batch goes on.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "2G")]
    pub max_memory: u64,
}

impl Rendering {
    /// These flags as a command line gives them, for a render in a process of its own.
    pub fn to_args(&self) -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = Vec::new();
        let mut flag = |name: &str, value: Option<std::ffi::OsString>| {
            if let Some(value) = value {
                args.push(name.into());
                args.push(value);
            }
        };
        flag("--locale", self.locale.clone().map(Into::into));
        flag("--standard", Some(self.standard.name().into()));
        flag("--locales", self.locales.clone().map(Into::into));
        flag("--profile", self.profile.clone().map(Into::into));
        flag("--layouts", self.layouts.clone().map(Into::into));
        flag(
            "--max-input-size",
            Some(self.max_input_size.to_string().into()),
        );
        flag(
            "--max-render-time",
            Some(self.max_render_time.to_string().into()),
        );
        flag("--max-memory", Some(self.max_memory.to_string().into()));
        if self.deny_warnings {
            args.push("--deny-warnings".into());
        }
        if self.allow_outside_paths {
            args.push("--allow-outside-paths".into());
        }
        args
    }
}

/// A file format `render` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// PDF/A + PDF/UA.
    Pdf,
    /// The web edition: one self-contained, accessible HTML file.
    Html,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// The formats asked for, each once, in the order given.
pub fn distinct(formats: &[Format]) -> Vec<Format> {
    let mut out: Vec<Format> = Vec::new();
    for f in formats {
        if !out.contains(f) {
            out.push(*f);
        }
    }
    out
}

/// A size in bytes, with an optional suffix: `K` (KiB), `M` (MiB) or `G` (GiB).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, factor) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&text[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&text[..i], 1 << 30),
        _ => (text, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("`{text}` is not a size: expected bytes, or a number with K, M or G")
        })
}

/// What `bokslut import` is asked: which sheet, which rows and columns, and how to print them.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The sheet file: .xlsx, .ods or .csv.
    pub file: PathBuf,
    /// The sheet of a workbook, by name; the only one when absent.
    #[arg(long)]
    pub sheet: Option<String>,
    /// The cells of the rows, e.g. A3:F20.
    #[arg(
        long,
        conflicts_with = "header_row",
        required_unless_present = "header_row"
    )]
    pub range: Option<String>,
    /// The row of the column headings (1 for the first): the rows under it are read, and
    /// columns may be named by their headings.
    #[arg(long, value_name = "ROW")]
    pub header_row: Option<u32>,
    /// Which sheet column feeds which table column: budget=C,outcome=D (letters, or
    /// headings with --header-row); every column but the label's and kind's when absent,
    /// each named by its letter.
    #[arg(long, value_name = "ID=COLUMN,...", value_delimiter = ',')]
    pub columns: Vec<String>,
    /// The column of the labels.
    #[arg(long, default_value = "A", value_name = "COLUMN")]
    pub label: String,
    /// A column saying what each row is: empty, group, subtotal or result.
    #[arg(long, value_name = "COLUMN", conflicts_with = "level")]
    pub kind: Option<String>,
    /// A goal table's rows instead: the column saying what each row is, a goal (by its
    /// level's name or number) or an indicator; prints the goals as a goal table's
    /// `goals` (needs --levels and --columns).
    #[arg(long, value_name = "COLUMN", requires_all = ["levels", "columns"])]
    pub level: Option<String>,
    /// With --level: the goal levels' names, outermost first, as the level column writes
    /// them: Inriktningsmål,Nämndmål.
    #[arg(
        long,
        value_name = "NAME,...",
        value_delimiter = ',',
        requires = "level"
    )]
    pub levels: Vec<String>,
    /// With --level: a column of units (% makes bare numbers percentages).
    #[arg(long, value_name = "COLUMN", requires = "level")]
    pub unit: Option<String>,
    /// With --level: a column of comments.
    #[arg(long, value_name = "COLUMN", requires = "level")]
    pub comment: Option<String>,
    /// The separator of a CSV file (";", "," or "tab"); told from its first line when absent.
    #[arg(long)]
    pub separator: Option<String>,
    /// Round every figure to this many decimals (half away from zero), with a note per
    /// column that it changes; figures as the sheet holds them when absent.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=28), conflicts_with = "level")]
    pub decimals: Option<u32>,
    /// toml or json.
    #[arg(long, default_value = "toml", value_parser = ["toml", "json"])]
    pub format: String,
    /// The largest file read, in bytes (suffixes K, M, G); 4M when absent.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4M")]
    pub max_input_size: u64,
}
