//! Why a render failed, and Typst's diagnostics put in words that name the template line.

use std::fmt;

use typst::{World, WorldExt};

use crate::world;

/// Why a report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The figures cannot be computed (an amount too large to add exactly).
    Data(String),
    /// Typst could not lay the document out: a fault of the template, not of the report.
    Layout(Vec<String>),
    /// The PDF could not be written (e.g. a standard's requirement is not met).
    Export(Vec<String>),
    /// A user's locale (`RenderOptions::locales`) cannot be read: the message names the file.
    Locale(String),
    /// The profile is wrong (each problem located in the profile file), or its font lacks a
    /// character the report prints.
    Profile(Vec<bokslut_core::Diagnostic>),
    /// The layouts directory (`RenderOptions::layouts`) cannot be used.
    Layouts(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Data(m) => write!(f, "{m}"),
            RenderError::Layout(ms) => write!(f, "layout failed: {}", ms.join("; ")),
            RenderError::Export(ms) => write!(f, "PDF export failed: {}", ms.join("; ")),
            RenderError::Locale(m) => write!(f, "locale: {m}"),
            RenderError::Profile(ds) => {
                let text: Vec<String> = ds.iter().map(ToString::to_string).collect();
                write!(f, "{}", text.join("\n"))
            }
            RenderError::Layouts(m) => write!(f, "layouts: {m}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Typst's diagnostics as text; each names the template line it comes from, so that a fault
/// of the layout can be found.
pub(crate) fn messages(
    world: &world::ReportWorld,
    diags: &[typst::diag::SourceDiagnostic],
) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let mut text = d.message.to_string();
            if let Some(id) = d.span.id()
                && let Some(range) = world.range(d.span)
                && let Ok(source) = world.source(id)
                && let Some((line, col)) = source.lines().byte_to_line_column(range.start)
            {
                let path = world.display_path(id);
                text = format!("{path}:{}:{}: {text}", line + 1, col + 1);
            }
            for hint in &d.hints {
                text.push_str(&format!(" (hint: {})", hint.v));
            }
            text
        })
        .collect()
}
