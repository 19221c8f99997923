//! Publishes a report a program received as JSON, with the spreadsheet its table reads
//! supplied from memory, as a web service would: no file is read or written.
//!
//! ```sh
//! cargo run --release -p bokslut --example publish-from-memory > rapport.pdf
//! ```

use std::io::Write;
use std::process::ExitCode;

use bokslut::{Edition, Format, Memory, Options, Published, Publisher, Source};

/// The report as a client sent it: one table whose rows come from `konton.csv`.
pub const REPORT: &str = r#"{
  "format_version": 1,
  "meta": {
    "organisation": "Exempelby kommun",
    "board": "Kommunstyrelsen",
    "kind": "interim",
    "period": { "start": "2023-01-01", "end": "2023-08-31" },
    "unit": "tkr"
  },
  "chapters": [{
    "title": "Ekonomi",
    "blocks": [
      { "type": "text", "text": "Resultat per konto efter augusti." },
      {
        "type": "finance",
        "caption": "Resultat per konto",
        "label_heading": "Konto",
        "preset": "interim",
        "sheet": { "file": "konton.csv", "header_row": 1, "label": "Benämning",
                   "columns": { "budget": "Budget", "outcome": "Utfall", "forecast": "Prognos" } }
      }
    ]
  }]
}"#;

/// The sheet, as the client uploaded it (a Swedish CSV file: `;`, decimal comma, `−`).
pub const SHEET: &str = "Konto;Benämning;Budget;Utfall;Prognos\n\
3000;Intäkter;−34 559;−20 222;−34 900\n\
4000;Personalkostnader;25 140;14 305;24 800\n\
5000;Övriga kostnader;7 030;4 006;7 101\n";

/// Publishes the PDF and the web edition of a JSON report and its sheets, all in memory.
pub fn publish_from_memory(report: &str, sheets: &[(&str, &[u8])]) -> Published {
    let mut files = Memory::new();
    for (name, bytes) in sheets {
        files.insert(name, *bytes);
    }
    let options = Options::default().with_editions([Edition::Pdf, Edition::Html]);
    let source = Source::Text {
        text: report,
        format: Format::Json,
        name: "rapport.json".as_ref(),
        files: &files,
    };
    Publisher::new().publish(&source, &options)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    let published = publish_from_memory(REPORT, &[("konton.csv", SHEET.as_bytes())]);
    for diagnostic in &published.diagnostics {
        eprintln!("{diagnostic}");
    }
    match published.pdf {
        Some(pdf) if std::io::stdout().write_all(&pdf).is_ok() => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
