//! The check of a profile's images, when the profile is loaded: each image is decoded as
//! Typst will decode it when rendering (one code path: [`typst::visualize::RasterImage`] and
//! [`typst::visualize::SvgImage`]), after bounds that come before anything is allocated.
//!
//! - A PNG: its header's size first (at least one pixel, at most [`MAX_SIDE`] a side and
//!   [`MAX_PIXELS`] in all), then decoded whole: a truncated file, a bad checksum or missing
//!   rows is an error here, not in the render.
//! - An SVG: well-formed XML without a document type (so no entities), at most
//!   [`MAX_NODES`] nodes nested at most [`MAX_DEPTH`] deep; it refers only to itself (`#id`)
//!   or to images written into it (`data:`, each checked by the same rules, an SVG in an SVG
//!   at most [`MAX_NESTED_SVG`] deep), never to a file or an address, and uses no XInclude;
//!   with every reference (`<use>`, `url(#…)`, a marker at each vertex of its shape)
//!   expanded it has at most [`MAX_EXPANDED`] elements and no cycle; at most [`MAX_FILTER_PRIMITIVES`] filter primitives and
//!   [`MAX_FILTER_COST`] of filter work when expanded, noise of at most [`MAX_OCTAVES`]
//!   octaves, at most [`MAX_TEXT_CHARS`] characters of text in [`MAX_TEXT_ELEMENTS`] text
//!   elements, no `<feMorphology>` (its work grows with its radius in pixels, which the size
//!   the image is printed at decides) and filters set only on elements, not in a style sheet;
//!   then parsed by Typst, and of a size above zero.
//!
//! Each problem is one sentence naming what the image is and what was expected; the caller
//! prefixes the image's name and locates it at the profile's `file = ` line.

use std::collections::HashMap;

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

/// The most pixels an image may have a side.
pub const MAX_SIDE: u64 = 10_000;

/// The most pixels an image may have in all (decoded, 4 bytes each: 160 MB).
pub const MAX_PIXELS: u64 = 40_000_000;

/// The most nodes (elements, text, comments) of an SVG.
pub const MAX_NODES: u32 = 200_000;

/// The deepest nesting of an SVG's elements.
pub const MAX_DEPTH: usize = 64;

/// The most elements an SVG may have with every `<use>`, `url(#…)` and marker expanded.
pub const MAX_EXPANDED: u64 = 200_000;

/// The most characters of text an SVG may draw, references expanded: a logo's name, not a
/// page (200 000 characters took 29 s to render, 3 million ran out of time and memory).
pub const MAX_TEXT_CHARS: u64 = 10_000;

/// The most text elements (`<text>`, `<tspan>`, …) an SVG may draw, references expanded
/// (each is shaped on its own: 13 000 spans of a word ran out of time).
pub const MAX_TEXT_ELEMENTS: u64 = 500;

/// The most filter primitives (`<feGaussianBlur>`, …) of an SVG.
pub const MAX_FILTER_PRIMITIVES: usize = 32;

/// The most filter work of an SVG, references expanded: each filter primitive an element is
/// drawn with counts 1, an `<feTurbulence>` its octaves. Each filtered element is rasterised
/// at up to 5 000 pixels a side: on a cover photo, a blur took 5.7 s and each octave of noise
/// 1.7 s in a debug build, so that 4 blurs (the most allowed) take about 23 s.
pub const MAX_FILTER_COST: u64 = 4;

/// The largest `order` of an `<feConvolveMatrix>` (its work grows with the square).
pub const MAX_CONVOLVE_ORDER: f64 = 3.0;

/// The most octaves of an `<feTurbulence>`.
pub const MAX_OCTAVES: f64 = 4.0;

/// How deep SVG images written into an SVG (`data:image/svg+xml`) may nest.
pub const MAX_NESTED_SVG: usize = 1;

/// The XInclude namespace.
const XINCLUDE: &str = "http://www.w3.org/2001/XInclude";

/// The image formats of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An SVG file.
    Svg,
    /// A PNG file.
    Png,
}

/// What is wrong with an image: what it is or has, and what was expected; shown after the
/// image's name (`the logo `logo.svg` is 0 × 0 pixels: expected …`).
#[derive(Debug)]
pub(crate) struct Problem {
    has: String,
    expected: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: expected {}", self.has, self.expected)
    }
}

fn problem(has: impl Into<String>, expected: impl Into<String>) -> Problem {
    Problem {
        has: has.into(),
        expected: expected.into(),
    }
}

/// What is wrong with an image, if anything.
pub(crate) fn check(kind: Kind, bytes: &[u8]) -> Result<(), Problem> {
    match kind {
        Kind::Png => check_png(bytes),
        Kind::Svg => check_svg(bytes, 0).map(drop),
    }
}

/// The pixel size a PNG's header declares: the first chunk, `IHDR`.
fn png_size(bytes: &[u8]) -> Result<(u64, u64), Problem> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(problem(
            "is not a PNG image",
            "a file that starts as PNG files do",
        ));
    }
    let field = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| u64::from(u32::from_be_bytes(b)))
    };
    match (bytes.get(12..16), field(16), field(20)) {
        (Some(b"IHDR"), Some(width), Some(height)) => Ok((width, height)),
        _ => Err(problem(
            "is a PNG image without its header (`IHDR`)",
            "a complete PNG file",
        )),
    }
}

/// Refuses a size of no pixels or more than the bounds.
fn bounded(width: u64, height: u64) -> Result<(), Problem> {
    let has = format!("is {width} × {height} pixels");
    if width == 0 || height == 0 {
        return Err(problem(has, "an image of at least one pixel"));
    }
    if width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS {
        return Err(problem(
            has,
            format!(
                "at most {MAX_SIDE} pixels a side and {} million in all",
                MAX_PIXELS / 1_000_000
            ),
        ));
    }
    Ok(())
}

fn check_png(bytes: &[u8]) -> Result<(), Problem> {
    let (width, height) = png_size(bytes)?;
    bounded(width, height)?;
    decode_raster(bytes, ExchangeFormat::Png)
}

/// Decodes a raster image as Typst does (and remembers it: the render finds it decoded).
fn decode_raster(bytes: &[u8], format: ExchangeFormat) -> Result<(), Problem> {
    RasterImage::plain(Bytes::new(bytes.to_vec()), format)
        .map(drop)
        .map_err(|e| {
            problem(
                format!("cannot be decoded ({e})"),
                "a complete, undamaged image",
            )
        })
}

/// An image written into an SVG (`data:`), `nesting` deep in SVGs: checked by the rules of
/// a file of its kind; the elements it counts for.
fn check_data(href: &str, nesting: usize, at: &str) -> Result<Cost, Problem> {
    let expected = "PNG, JPEG, GIF, WebP or SVG images written as `data:` addresses";
    let url = data_url::DataUrl::process(href).map_err(|e| {
        problem(
            format!("has a `data:` address{at} that cannot be read ({e:?})"),
            expected,
        )
    })?;
    let (data, _) = url.decode_to_vec().map_err(|_| {
        problem(
            format!("has a `data:` image{at} whose base64 cannot be decoded"),
            expected,
        )
    })?;
    let mime = format!(
        "{}/{}",
        url.mime_type().type_.as_str(),
        url.mime_type().subtype.as_str()
    );
    let sniffed = match mime.as_str() {
        "image/png" => Some(ExchangeFormat::Png),
        "image/jpg" | "image/jpeg" => Some(ExchangeFormat::Jpg),
        "image/gif" => Some(ExchangeFormat::Gif),
        "image/webp" => Some(ExchangeFormat::Webp),
        "image/svg+xml" => None,
        // As Typst's SVG reader takes text: a raster by its first bytes, else an SVG.
        "text/plain" => match imagesize::image_type(&data) {
            Ok(imagesize::ImageType::Png) => Some(ExchangeFormat::Png),
            Ok(imagesize::ImageType::Jpeg) => Some(ExchangeFormat::Jpg),
            Ok(imagesize::ImageType::Gif) => Some(ExchangeFormat::Gif),
            Ok(imagesize::ImageType::Webp) => Some(ExchangeFormat::Webp),
            _ => None,
        },
        other => {
            return Err(problem(
                format!("has a `data:` image{at} of the type `{}`", shown(other)),
                expected,
            ));
        }
    };
    let nested = |inner: Problem| Problem {
        has: format!("has a `data:` image{at} that {}", inner.has),
        expected: inner.expected,
    };
    match sniffed {
        Some(format) => {
            let size = imagesize::blob_size(&data).map_err(|e| {
                problem(
                    format!("has a `data:` image{at} that cannot be read ({e})"),
                    "a complete, undamaged image",
                )
            })?;
            bounded(size.width as u64, size.height as u64).map_err(nested)?;
            decode_raster(&data, format).map_err(nested)?;
            Ok(Cost {
                elements: 1,
                ..Cost::default()
            })
        }
        None if nesting >= MAX_NESTED_SVG => Err(problem(
            format!("has a `data:` SVG image{at} inside a `data:` SVG image"),
            "SVG images written into the image to hold no SVG images themselves",
        )),
        None => check_svg(&data, nesting + 1).map_err(nested),
    }
}

/// The `url(…)` references of a value (an attribute, a style sheet): their targets.
fn urls(value: &str) -> impl Iterator<Item = &str> {
    value.match_indices("url(").map(move |(at, _)| {
        let rest = &value[at + 4..];
        let inner = rest.split(')').next().unwrap_or(rest);
        inner.trim().trim_matches(['"', '\'']).trim()
    })
}

/// An address, shortened for a message.
fn shown(target: &str) -> String {
    let short: String = target.chars().take(60).collect();
    if short.len() < target.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn outside(target: &str, at: String) -> Problem {
    problem(
        format!(
            "refers to `{}`{at}, another file or an address",
            shown(target)
        ),
        "an SVG that refers only to itself (`#id`) and to images written into it (`data:`)",
    )
}

/// Checks an SVG, `nesting` deep in other SVGs; what it costs to draw, expanded.
fn check_svg(bytes: &[u8], nesting: usize) -> Result<Cost, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        problem(
            "is not UTF-8 text",
            "an SVG file (a compressed SVGZ is not read)",
        )
    })?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => problem(
            "has a document type declaration (`<!DOCTYPE`), which may define entities",
            "an SVG without one",
        ),
        roxmltree::Error::NodesLimitReached => {
            problem(format!("has more than {MAX_NODES} nodes"), "a simpler SVG")
        }
        e => problem(format!("is not well-formed XML ({e})"), "an SVG file"),
    })?;
    let at = |node: roxmltree::Node| {
        let pos = doc.text_pos_at(node.range().start);
        format!(" at line {}, column {} of the SVG", pos.row, pos.col)
    };
    if doc.root_element().tag_name().name() != "svg" {
        return Err(problem(
            format!(
                "has the root element `<{}>`",
                shown(doc.root_element().tag_name().name())
            ),
            "an SVG, whose root is `<svg>`",
        ));
    }
    // Depth, by the depth of each element's parent (document order visits parents first).
    let mut depth = vec![0usize; doc.descendants().count() + 2];
    let mut ids: HashMap<&str, Vec<roxmltree::NodeId>> = HashMap::new();
    let mut primitives = 0usize;
    // The filter work of each filter primitive.
    let mut costs: HashMap<roxmltree::NodeId, u64> = HashMap::new();
    // The elements style sheets refer to (`fill: url(#p)`): as if every element did.
    let mut styled: Vec<&str> = Vec::new();
    // The elements and filter work each `data:` image stands for, by the element holding it.
    let mut images: HashMap<roxmltree::NodeId, Cost> = HashMap::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let d = node
            .parent()
            .map_or(0, |p| depth.get(p.id().get_usize()).copied().unwrap_or(0))
            + 1;
        if let Some(slot) = depth.get_mut(node.id().get_usize()) {
            *slot = d;
        }
        if d > MAX_DEPTH {
            return Err(problem(
                format!("nests elements more than {MAX_DEPTH} deep{}", at(node)),
                "a flatter SVG",
            ));
        }
        let name = node.tag_name();
        if name.namespace() == Some(XINCLUDE) {
            return Err(problem(
                format!("uses XInclude{}", at(node)),
                "an SVG that includes no other file",
            ));
        }
        if name.name() == "foreignObject" {
            return Err(problem(
                format!(
                    "has a `<foreignObject>`{}, which Typst does not render",
                    at(node)
                ),
                "SVG elements only",
            ));
        }
        if name.name().starts_with("fe") {
            primitives += 1;
            if primitives > MAX_FILTER_PRIMITIVES {
                return Err(problem(
                    format!(
                        "has more than {MAX_FILTER_PRIMITIVES} filter primitives{}",
                        at(node)
                    ),
                    "a simpler SVG",
                ));
            }
        }
        let number = |attribute: &str| {
            node.attribute(attribute)
                .map(|v| v.split([' ', ',']).find(|p| !p.is_empty()).unwrap_or(v))
                .and_then(|v| v.trim().parse::<f64>().ok())
        };
        match name.name() {
            "feTurbulence" => {
                let octaves = number("numOctaves").unwrap_or(1.0);
                if octaves > MAX_OCTAVES || octaves.is_nan() {
                    return Err(problem(
                        format!(
                            "has an `<feTurbulence>` of {} octaves{}",
                            shown(node.attribute("numOctaves").unwrap_or_default().trim()),
                            at(node)
                        ),
                        format!("at most {MAX_OCTAVES}"),
                    ));
                }
                // Bounded above: a whole number of at most MAX_OCTAVES.
                costs.insert(node.id(), octaves.ceil().max(1.0) as u64);
            }
            "feMorphology" => {
                return Err(problem(
                    format!(
                        "has an `<feMorphology>`{}, whose work grows with its radius in pixels",
                        at(node)
                    ),
                    "an SVG without it (erode or dilate the shapes themselves)",
                ));
            }
            "feConvolveMatrix" if number("order").unwrap_or(3.0) > MAX_CONVOLVE_ORDER => {
                return Err(problem(
                    format!("has an `<feConvolveMatrix>` of a larger order{}", at(node)),
                    format!("an order of at most {MAX_CONVOLVE_ORDER}"),
                ));
            }
            primitive if primitive.starts_with("fe") => {
                costs.insert(node.id(), 1);
            }
            _ => {}
        }
        for attribute in node.attributes() {
            let value = attribute.value();
            if attribute.name() == "id" {
                ids.entry(value).or_default().push(node.id());
            }
            if attribute.name() == "href" {
                let target = value.trim();
                if target.starts_with('#') {
                    // A reference, expanded below.
                } else if target.len() >= 5 && target[..5].eq_ignore_ascii_case("data:") {
                    let cost = check_data(target, nesting, &at(node))?;
                    images.entry(node.id()).or_default().add(cost);
                } else {
                    return Err(outside(target, at(node)));
                }
            }
            if let Some(target) = urls(value).find(|t| !t.starts_with('#')) {
                return Err(outside(target, at(node)));
            }
        }
        if name.name() == "style" {
            for sheet in node.descendants().filter_map(|n| n.text()) {
                if let Some(target) = urls(sheet).find(|t| !t.starts_with('#')) {
                    return Err(outside(target, at(node)));
                }
                if let Some(property) = ["filter", "marker"].into_iter().find(|p| sheet.contains(p))
                {
                    return Err(problem(
                        format!("sets a {property} in a style sheet{}", at(node)),
                        format!(
                            "{property}s set on the elements they apply to (`{property}=\"url(#…)\"`)"
                        ),
                    ));
                }
                styled.extend(urls(sheet).filter_map(|t| t.strip_prefix('#')));
            }
        }
    }
    let mut expansion = Expansion {
        ids: &ids,
        images: &images,
        costs: &costs,
        memo: HashMap::new(),
        doc: &doc,
    };
    let mut cost = expansion.size(doc.root_element(), 0).map_err(|e| match e {
        Stop::Cycle(node) => problem(
            format!(
                "refers{} to an element that contains the reference",
                at(node)
            ),
            "references without a cycle",
        ),
        Stop::Deep(node) => problem(
            format!(
                "nests references more than {} deep{}",
                2 * MAX_DEPTH,
                at(node)
            ),
            "a flatter SVG",
        ),
    })?;
    // What style sheets refer to, as if every element referred to it.
    let elements = doc.descendants().filter(|n| n.is_element()).count() as u64;
    for id in styled {
        for target in ids.get(id.trim()).into_iter().flatten() {
            if let Some(target) = doc.get_node(*target) {
                let styled = expansion.size(target, 0).map_err(|_| {
                    problem(
                        format!(
                            "refers from a style sheet to `#{}`, which refers to itself",
                            shown(id)
                        ),
                        "references without a cycle",
                    )
                })?;
                cost.add(styled.times(elements));
            }
        }
    }
    if cost.elements > MAX_EXPANDED {
        return Err(problem(
            format!(
                "has more than {MAX_EXPANDED} elements with every `<use>`, `url(#…)` and marker expanded"
            ),
            "a simpler SVG",
        ));
    }
    if cost.text > MAX_TEXT_CHARS || cost.spans > MAX_TEXT_ELEMENTS {
        return Err(problem(
            format!(
                "draws {} characters of text in {} text elements with every reference expanded",
                cost.text, cost.spans
            ),
            format!(
                "at most {MAX_TEXT_CHARS} characters in {MAX_TEXT_ELEMENTS} elements (a logo's words; draw longer text as paths)"
            ),
        ));
    }
    if cost.filters > MAX_FILTER_COST {
        return Err(problem(
            format!(
                "has filter work of {} (each filter primitive an element is drawn with counts 1, an `<feTurbulence>` its octaves; each such element is rasterised)",
                cost.filters
            ),
            format!("at most {MAX_FILTER_COST}"),
        ));
    }
    if nesting == 0 {
        let image = SvgImage::new(Bytes::new(bytes.to_vec())).map_err(|e| {
            problem(
                format!("cannot be read ({})", load_message(&e)),
                "a valid SVG with a width and height above zero",
            )
        })?;
        let (width, height) = (image.width(), image.height());
        if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
            return Err(problem(
                format!("is {width} × {height} in size"),
                "an SVG of a size above zero",
            ));
        }
    }
    Ok(cost)
}

/// The words of one of Typst's load errors (which shows them only with a source file).
fn load_message(error: &typst::diag::LoadError) -> String {
    let debug = format!("{error:?}");
    debug
        .split_once("message: \"")
        .and_then(|(_, rest)| rest.rsplit_once('"'))
        .map_or(debug.clone(), |(message, _)| message.replace("\\\"", "\""))
}

/// At least the vertices of a shape a marker may be drawn at: the numbers of its path data
/// or points, counted generously (each run of digits), and 2 for a line.
fn vertices(node: roxmltree::Node) -> u64 {
    let numbers = |data: &str| {
        let mut count = 0u64;
        let mut in_digits = false;
        for c in data.chars() {
            let digit = c.is_ascii_digit();
            if digit && !in_digits {
                count += 1;
            }
            in_digits = digit;
        }
        count
    };
    let counted: u64 = ["d", "points"]
        .iter()
        .filter_map(|a| node.attribute(*a))
        .map(numbers)
        .sum();
    counted.max(2)
}

/// What an element costs to draw, its references expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    /// Elements.
    elements: u64,
    /// Filter work ([`MAX_FILTER_COST`]).
    filters: u64,
    /// Characters of text.
    text: u64,
    /// Text elements.
    spans: u64,
}

impl Cost {
    fn add(&mut self, other: Cost) {
        self.elements = self.elements.saturating_add(other.elements);
        self.filters = self.filters.saturating_add(other.filters);
        self.text = self.text.saturating_add(other.text);
        self.spans = self.spans.saturating_add(other.spans);
    }

    fn times(self, n: u64) -> Cost {
        Cost {
            elements: self.elements.saturating_mul(n),
            filters: self.filters.saturating_mul(n),
            text: self.text.saturating_mul(n),
            spans: self.spans.saturating_mul(n),
        }
    }
}

/// Why the expansion stopped.
enum Stop<'a, 'input> {
    /// A reference leads back to an element being expanded.
    Cycle(roxmltree::Node<'a, 'input>),
    /// References nest too deep.
    Deep(roxmltree::Node<'a, 'input>),
}

/// The size of an SVG with its references expanded, each element's counted once.
struct Expansion<'a, 'input> {
    ids: &'a HashMap<&'a str, Vec<roxmltree::NodeId>>,
    images: &'a HashMap<roxmltree::NodeId, Cost>,
    costs: &'a HashMap<roxmltree::NodeId, u64>,
    /// Each element's cost expanded; `None` while it is expanded.
    memo: HashMap<roxmltree::NodeId, Option<Cost>>,
    doc: &'a roxmltree::Document<'input>,
}

impl<'a, 'input> Expansion<'a, 'input> {
    fn size(
        &mut self,
        node: roxmltree::Node<'a, 'input>,
        depth: usize,
    ) -> Result<Cost, Stop<'a, 'input>> {
        match self.memo.get(&node.id()) {
            Some(Some(known)) => return Ok(*known),
            Some(None) => return Err(Stop::Cycle(node)),
            None => {}
        }
        if depth > 2 * MAX_DEPTH {
            return Err(Stop::Deep(node));
        }
        self.memo.insert(node.id(), None);
        let mut cost = self.images.get(&node.id()).copied().unwrap_or_default();
        let name = node.tag_name().name();
        let text = matches!(name, "text" | "tspan" | "textPath" | "tref");
        cost.add(Cost {
            elements: 1,
            filters: self.costs.get(&node.id()).copied().unwrap_or(0),
            text: 0,
            spans: u64::from(text),
        });
        for child in node.children() {
            if child.is_text() {
                if text {
                    let chars = child.text().map_or(0, |t| t.chars().count() as u64);
                    cost.text = cost.text.saturating_add(chars);
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let mut drawn = self.size(child, depth + 1)?;
            // A filter's work counts where an element is drawn with it, not where it is
            // defined.
            if child.tag_name().name() == "filter" {
                drawn.filters = 0;
            }
            cost.add(drawn);
        }
        // Each target, and how often it is drawn: a marker at every vertex of the shape.
        let mut targets: Vec<(&str, u64)> = Vec::new();
        for attribute in node.attributes() {
            let value = attribute.value().trim();
            if attribute.name() == "href"
                && let Some(id) = value.strip_prefix('#')
            {
                targets.push((id, 1));
            }
            let times = if attribute.name().starts_with("marker") || value.contains("marker") {
                vertices(node)
            } else {
                1
            };
            targets.extend(
                urls(attribute.value())
                    .filter_map(|t| t.strip_prefix('#'))
                    .map(|id| (id, times)),
            );
        }
        for (id, times) in targets {
            // Every element of the id: which one a renderer takes, the bound holds.
            let found = self.ids.get(id.trim()).cloned().unwrap_or_default();
            for target in found.into_iter().filter_map(|t| self.doc.get_node(t)) {
                cost.add(self.size(target, depth + 1)?.times(times));
            }
        }
        self.memo.insert(node.id(), Some(cost));
        Ok(cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> Vec<u8> {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">{body}</svg>"
        )
        .into_bytes()
    }

    #[test]
    fn a_plain_svg_passes_and_references_are_counted() {
        check(
            Kind::Svg,
            &svg("<rect id=\"r\" width=\"5\" height=\"5\"/><use href=\"#r\"/>"),
        )
        .unwrap();
        // A fan-out of ten uses ten levels deep: 10^10 elements.
        let mut body = String::from("<defs><rect id=\"g0\" width=\"1\" height=\"1\"/>");
        for i in 1..=10 {
            body.push_str(&format!("<g id=\"g{i}\">"));
            for _ in 0..10 {
                body.push_str(&format!("<use href=\"#g{}\"/>", i - 1));
            }
            body.push_str("</g>");
        }
        body.push_str("</defs><use href=\"#g10\"/>");
        let e = check(Kind::Svg, &svg(&body)).unwrap_err().to_string();
        assert!(e.contains("expanded"), "{e}");
        let e = check(Kind::Svg, &svg("<g id=\"a\"><use href=\"#a\"/></g>"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("cycle"), "{e}");
    }

    #[test]
    fn a_png_header_is_bounded_before_decoding() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&65535u32.to_be_bytes());
        png.extend_from_slice(&65535u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        let e = check(Kind::Png, &png).unwrap_err().to_string();
        assert!(e.starts_with("is 65535 × 65535 pixels"), "{e}");
    }
}
