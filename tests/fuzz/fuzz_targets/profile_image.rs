//! Structure-aware profile images: the fuzzer picks the shape of an SVG (elements and
//! attributes of the kinds that refer, nest, expand and filter: `<use>`, `url(#…)`, markers,
//! `data:` images nested in it, filters, text, XInclude, style sheets) or of a PNG (the size
//! its header declares, rows missing, a checksum spoiled, the file cut short), the target
//! writes it with a profile naming it as the logo, and reads the profile from memory
//! (`Profile::load_from`), which decodes the image as a render will. Nothing may panic or
//! abort, and libFuzzer's limits (`-rss_limit_mb`, `-timeout`) hold each read to the bounds
//! of issue 27.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const ELEMENTS: &[&str] = &[
    "svg", "g", "defs", "rect", "path", "use", "image", "symbol", "marker", "pattern",
    "clipPath", "mask", "filter", "feTurbulence", "feGaussianBlur", "feMorphology",
    "feConvolveMatrix", "feImage", "feOffset", "text", "tspan", "textPath", "style",
    "linearGradient", "stop", "foreignObject", "xi:include", "a", "switch",
];

const ATTRIBUTES: &[&str] = &[
    "id", "href", "xlink:href", "width", "height", "viewBox", "x", "y", "d", "points",
    "filter", "marker-mid", "marker-start", "clip-path", "mask", "fill", "style",
    "numOctaves", "stdDeviation", "order", "radius", "transform", "xml:space",
];

#[derive(Arbitrary, Debug)]
enum Value {
    /// `#idN`.
    Fragment(u8),
    /// `url(#idN)`.
    Url(u8),
    Number(f32),
    /// Many numbers (path data, points).
    Numbers(u16),
    /// An SVG written into this one as a `data:` image.
    DataSvg(Box<Svg>),
    /// A PNG written in as a `data:` image.
    DataPng(Png),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Node {
    Element {
        name: u8,
        attributes: Vec<(u8, Value)>,
        children: Vec<Node>,
    },
    Text(String),
    /// The same element many times (fan-out).
    Repeat(u16, Box<Node>),
}

#[derive(Arbitrary, Debug)]
struct Svg {
    doctype: bool,
    width: f32,
    height: f32,
    children: Vec<Node>,
}

#[derive(Arbitrary, Debug)]
struct Png {
    width: u32,
    height: u32,
    /// The rows written, of those the header declares (at most 64 × 64 pixels of them).
    rows: u8,
    spoil_crc: bool,
    cut: Option<u16>,
}

#[derive(Arbitrary, Debug)]
enum Image {
    Svg(Svg),
    Png(Png),
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8], spoil: bool) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&[kind, data].concat()) ^ u32::from(spoil);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A PNG of stored (uncompressed) deflate blocks: the header's size, `rows` rows of at most
/// 64 pixels.
fn png(shape: &Png) -> Vec<u8> {
    let row_pixels = shape.width.min(64) as usize;
    let mut raw = Vec::new();
    for _ in 0..shape.rows.min(64) {
        raw.push(0);
        raw.extend(std::iter::repeat_n(0x80u8, row_pixels * 3));
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if raw.is_empty() { vec![&[][..]] } else { raw.chunks(65_535).collect() };
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&shape.width.to_be_bytes());
    ihdr.extend_from_slice(&shape.height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr, false);
    chunk(&mut out, b"IDAT", &zlib, shape.spoil_crc);
    chunk(&mut out, b"IEND", &[], false);
    if let Some(cut) = shape.cut {
        out.truncate(usize::from(cut));
    }
    out
}

fn value(value: &Value, out: &mut String) {
    match value {
        Value::Fragment(n) => out.push_str(&format!("#id{}", n % 8)),
        Value::Url(n) => out.push_str(&format!("url(#id{})", n % 8)),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Numbers(n) => {
            out.push_str("M0 0");
            for i in 0..(*n).min(20_000) {
                out.push_str(&format!(" L{} {}", i % 97, i % 89));
            }
        }
        Value::DataSvg(svg) => {
            out.push_str("data:image/svg+xml;base64,");
            out.push_str(&base64(write_svg(svg).as_bytes()));
        }
        Value::DataPng(shape) => {
            out.push_str("data:image/png;base64,");
            out.push_str(&base64(&png(shape)));
        }
        Value::Text(text) => out.push_str(&escape(text)),
    }
}

fn node(node: &Node, out: &mut String, budget: &mut usize) {
    if *budget == 0 || out.len() > 4 << 20 {
        return;
    }
    *budget -= 1;
    match node {
        Node::Text(text) => out.push_str(&escape(text)),
        Node::Repeat(n, inner) => {
            for _ in 0..(*n).min(2_000) {
                node_inner(inner, out, budget);
            }
        }
        Node::Element { .. } => node_inner(node, out, budget),
    }
}

fn node_inner(n: &Node, out: &mut String, budget: &mut usize) {
    let Node::Element { name, attributes, children } = n else {
        return node(n, out, budget);
    };
    let name = ELEMENTS[usize::from(*name) % ELEMENTS.len()];
    out.push('<');
    out.push_str(name);
    if name == "xi:include" {
        out.push_str(" xmlns:xi=\"http://www.w3.org/2001/XInclude\"");
    }
    let mut seen = std::collections::BTreeSet::new();
    for (attribute, v) in attributes {
        let attribute = ATTRIBUTES[usize::from(*attribute) % ATTRIBUTES.len()];
        if !seen.insert(attribute) {
            continue;
        }
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        value(v, out);
        out.push('"');
    }
    out.push('>');
    for child in children {
        node(child, out, budget);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn write_svg(svg: &Svg) -> String {
    let mut out = String::new();
    if svg.doctype {
        out.push_str("<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>");
    }
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{}\" height=\"{}\">",
        svg.width, svg.height
    ));
    let mut budget = 100_000;
    for child in &svg.children {
        node(child, &mut out, &mut budget);
    }
    out.push_str("</svg>");
    out
}

fuzz_target!(|image: Image| {
    let mut files = bokslut_core::files::Memory::new();
    let file = match &image {
        Image::Svg(svg) => {
            files.insert("p/logo.svg", write_svg(svg));
            "logo.svg"
        }
        Image::Png(shape) => {
            files.insert("p/logo.png", png(shape));
            "logo.png"
        }
    };
    files.insert(
        "p/profil.toml",
        format!("[logo]\nfile = \"{file}\"\nalt = \"Logotyp\"\n"),
    );
    let loaded = bokslut_layout::Profile::load_from(&files, "p/profil.toml");
    // The decoded images are in Typst's process-wide cache, as a render would find them.
    bokslut_layout::trim_caches();
    if let Err(problems) = loaded {
        // Every refusal is located at the profile's line that names the image.
        assert!(
            problems.iter().all(|p| p.to_string().contains("p/profil.toml:2:8")),
            "{problems:?}"
        );
    }
});
