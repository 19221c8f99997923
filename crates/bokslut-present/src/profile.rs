//! What the editions receive of a municipality's graphic profile: its look, colours, font
//! family, images (their paths, alternative texts and bytes), cover, margins, duplex printing
//! and page furniture.
//!
//! The profile file itself (TOML, checked, with its fonts) is read by `bokslut-layout`
//! (`bokslut_layout::Profile::load`), which hands the result over as a [`ProfileData`]: the
//! PDF template reads it as `profile` of the template data, the web edition takes its images'
//! bytes from it ([`ImageData::bytes`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A built-in look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Look {
    /// Sans-serif (Inter), coloured table bands: bokslut's own look.
    #[default]
    Modern,
    /// Serif, black rules instead of bands, as municipalities print from Word.
    Classic,
}

/// The kind of title page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoverVariant {
    /// Logo, title, board and period.
    #[default]
    Plain,
    /// As plain, with a photo under the logo.
    Photo,
}

/// What one part of the page furniture shows, left and right.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slots {
    /// The left slot.
    #[serde(default)]
    pub left: Slot,
    /// The right slot.
    #[serde(default)]
    pub right: Slot,
}

impl Slots {
    /// The page header without a profile's: the title left, the board right.
    pub fn header() -> Slots {
        Slots {
            left: Slot::Title,
            right: Slot::Board,
        }
    }

    /// The page footer without a profile's: the page number right.
    pub fn footer() -> Slots {
        Slots {
            left: Slot::None,
            right: Slot::Page,
        }
    }
}

/// A slot of the page furniture.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Empty.
    #[default]
    None,
    /// The report's title.
    Title,
    /// The board.
    Board,
    /// The organisation.
    Organisation,
    /// "Sida 3 av 9".
    Page,
    /// The logo, small.
    Logo,
}

/// What the template receives of a profile: [`crate::document::Document::profile`].
#[derive(Debug, Clone, Serialize)]
pub struct ProfileData {
    /// The built-in look.
    pub look: Look,
    /// The colours the profile gives, by the template's names (`ink`, `muted`, `accent`,
    /// `band`, `band-light`, `rule`, `hairline`), each `#rrggbb`.
    pub colours: BTreeMap<&'static str, String>,
    /// The colours of charts' series, in order (`[colours] chart`), each `#rrggbb` with a
    /// contrast of at least 3:1 against the page; empty for the built-in ones
    /// ([`crate::theme::CHART_SERIES`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chart_colours: Vec<String>,
    /// The family of the text, first in the template's font list; `None` for the look's own.
    pub font: Option<String>,
    /// The logo.
    pub logo: Option<ImageData>,
    /// The title page.
    pub cover: CoverData,
    /// The page margins, in millimetres.
    pub margins: MarginsData,
    /// Printed on both sides.
    pub duplex: bool,
    /// The page header's slots.
    pub header: Slots,
    /// The page footer's slots.
    pub footer: Slots,
}

/// An image as the template reads it, and its bytes for an edition that embeds it itself
/// (the web edition).
#[derive(Debug, Clone, Serialize)]
pub struct ImageData {
    /// Its path in the Typst project (`/profile/logo.svg`).
    pub path: String,
    /// Its alternative text (the profile's text), given to `image(alt: ..)`.
    pub alt: String,
    /// The file's bytes, SVG or PNG as the path's ending says: not in the template data
    /// (Typst reads the file at `path`).
    #[serde(skip)]
    pub bytes: ImageBytes,
}

/// The bytes of an image, shared (the PDF's world holds the same ones); its `Debug` gives only
/// their number.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ImageBytes(pub Arc<[u8]>);

impl std::fmt::Debug for ImageBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageBytes({} bytes)", self.0.len())
    }
}

impl AsRef<[u8]> for ImageBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The title page as the template reads it.
#[derive(Debug, Clone, Serialize)]
pub struct CoverData {
    /// `plain` or `photo`.
    pub variant: CoverVariant,
    /// The photo of the `photo` variant.
    pub photo: Option<ImageData>,
}

/// Margins in whole millimetres (integers: the template data holds no floating-point
/// number).
#[derive(Debug, Clone, Serialize)]
pub struct MarginsData {
    /// Top.
    pub top: u32,
    /// Bottom.
    pub bottom: u32,
    /// At the binding.
    pub inside: u32,
    /// Away from the binding.
    pub outside: u32,
}
