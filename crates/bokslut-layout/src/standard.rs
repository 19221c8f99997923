//! The PDF standards a PDF is exported to: a PDF/A part (or none), always with PDF/UA-1.

use std::fmt;

use typst_pdf::PdfStandard;

/// The PDF/A part a PDF conforms to. Every PDF bokslut writes is also tagged PDF/UA-1
/// (accessible), whichever part is chosen, `None` included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// PDF/A-2a: archival and tagged (the default).
    #[default]
    A2a,
    /// PDF/A-2b: archival, visual appearance only.
    A2b,
    /// PDF/A-2u: archival, with Unicode text.
    A2u,
    /// PDF/A-3a: as PDF/A-2a, and may carry attached files.
    A3a,
    /// PDF/A-3b.
    A3b,
    /// PDF/A-3u.
    A3u,
    /// No PDF/A part: a plain PDF 1.7 (still PDF/UA-1).
    None,
}

impl Standard {
    /// Every standard with its name, as `--standard` takes it.
    pub const ALL: [(Standard, &'static str); 7] = [
        (Standard::A2a, "a-2a"),
        (Standard::A2b, "a-2b"),
        (Standard::A2u, "a-2u"),
        (Standard::A3a, "a-3a"),
        (Standard::A3b, "a-3b"),
        (Standard::A3u, "a-3u"),
        (Standard::None, "none"),
    ];

    /// The names of [`Standard::ALL`].
    pub const NAMES: [&'static str; 7] = ["a-2a", "a-2b", "a-2u", "a-3a", "a-3b", "a-3u", "none"];

    /// The name, e.g. `a-2a`.
    pub fn name(self) -> &'static str {
        Standard::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("none", |(_, name)| name)
    }

    /// The typst-pdf standards to export with.
    pub(crate) fn pdf_standards(self) -> Vec<PdfStandard> {
        let archival = match self {
            Standard::A2a => Some(PdfStandard::A_2a),
            Standard::A2b => Some(PdfStandard::A_2b),
            Standard::A2u => Some(PdfStandard::A_2u),
            Standard::A3a => Some(PdfStandard::A_3a),
            Standard::A3b => Some(PdfStandard::A_3b),
            Standard::A3u => Some(PdfStandard::A_3u),
            Standard::None => None,
        };
        archival.into_iter().chain([PdfStandard::Ua_1]).collect()
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Standard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Standard::ALL
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(standard, _)| *standard)
            .ok_or_else(|| {
                format!(
                    "unknown standard `{s}`: one of {}",
                    Standard::NAMES.join(", ")
                )
            })
    }
}
