//! Why a render failed, and Typst's diagnostics put in words that name the template line.

use std::fmt;

use typst::{World, WorldExt};

use crate::world;

/// A diagnostic of Typst's: an error or warning of the template (a municipality's own layout,
/// `--layouts`, or the bundled one), located in the template's file when Typst knows where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDiagnostic {
    /// Error or warning.
    pub severity: bokslut_core::Severity,
    /// The template file, as the layouts directory names it (`/report.typ`), when known.
    pub file: Option<String>,
    /// 1-based line and column (in characters) of the span's start, when known.
    pub position: Option<(usize, usize)>,
    /// The byte range in the template file, when known.
    pub span: Option<std::ops::Range<usize>>,
    /// What Typst says.
    pub message: String,
    /// Typst's hints, each a sentence of advice.
    pub hints: Vec<String>,
}

impl fmt::Display for TemplateDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(file), Some((line, col))) = (&self.file, self.position) {
            write!(f, "{file}:{line}:{col}: ")?;
        }
        write!(f, "{}", self.message)?;
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Typst's diagnostics as separated text, for a message.
fn joined(diagnostics: &[TemplateDiagnostic]) -> String {
    let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    text.join("; ")
}

/// Why a report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The figures cannot be computed (an amount too large to add exactly).
    Data(String),
    /// Typst could not lay the document out: a fault of the template, not of the report.
    Layout(Vec<TemplateDiagnostic>),
    /// The PDF could not be written (e.g. a standard's requirement is not met).
    Export(Vec<TemplateDiagnostic>),
    /// The language is no language tag, or a user's locale (`RenderOptions::locales`) cannot
    /// be used: the error names the file and the place in it.
    Locale(bokslut_present::labels::LocaleError),
    /// The profile is wrong (each problem located in the profile file), or its font lacks a
    /// character the report prints.
    Profile(Vec<bokslut_core::Diagnostic>),
    /// The layouts directory (`RenderOptions::layouts`), or the layout version the report
    /// names, cannot be used.
    Layouts(crate::LayoutsError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Data(m) => write!(f, "{m}"),
            RenderError::Layout(ds) => write!(f, "layout failed: {}", joined(ds)),
            RenderError::Export(ds) => write!(f, "PDF export failed: {}", joined(ds)),
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

/// Typst's diagnostics as data; each names the template line it comes from, so that a fault
/// of the layout can be found.
pub(crate) fn diagnostics(
    world: &world::ReportWorld,
    diags: &[typst::diag::SourceDiagnostic],
) -> Vec<TemplateDiagnostic> {
    diags
        .iter()
        .map(|d| {
            let mut found = TemplateDiagnostic {
                severity: match d.severity {
                    typst::diag::Severity::Error => bokslut_core::Severity::Error,
                    typst::diag::Severity::Warning => bokslut_core::Severity::Warning,
                },
                file: None,
                position: None,
                span: None,
                message: d.message.to_string(),
                hints: d.hints.iter().map(|hint| hint.v.to_string()).collect(),
            };
            if let Some(id) = d.span.id()
                && let Some(range) = world.range(d.span)
                && let Ok(source) = world.source(id)
                && let Some((line, col)) = source.lines().byte_to_line_column(range.start)
            {
                found.file = Some(world.display_path(id).to_string());
                found.position = Some((line + 1, col + 1));
                found.span = Some(range);
            }
            found
        })
        .collect()
}
