//! The report's own text (paragraphs, lists, emphasis, sub- and superscripts, line breaks)
//! as HTML elements around escaped strings.

use std::fmt::Write as _;

use bokslut_core::markup::{Flow, Inline};

use crate::Writer;

/// Paragraphs and lists.
pub fn flow(w: &mut Writer, blocks: &[Flow]) {
    for block in blocks {
        match block {
            Flow::Par { c } => {
                w.raw("<p>");
                inline(w, c);
                w.raw("</p>\n");
            }
            Flow::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    if *start == 1 {
                        w.raw("<ol>\n");
                    } else {
                        let _ = writeln!(w.out, "<ol start=\"{start}\">");
                    }
                } else {
                    w.raw("<ul>\n");
                }
                for item in items {
                    w.raw("<li>");
                    // An item of one paragraph is written without the paragraph, as Typst's
                    // tight lists print it.
                    match item.as_slice() {
                        [Flow::Par { c }] => inline(w, c),
                        blocks => flow(w, blocks),
                    }
                    w.raw("</li>\n");
                }
                w.raw(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
        }
    }
}

/// Inline content.
pub fn inline(w: &mut Writer, nodes: &[Inline]) {
    for node in nodes {
        let (open, close, children) = match node {
            Inline::Text { s } => {
                w.text(s);
                continue;
            }
            Inline::Br => {
                w.raw("<br>");
                continue;
            }
            Inline::Emph { c } => ("<em>", "</em>", c),
            Inline::Strong { c } => ("<strong>", "</strong>", c),
            Inline::Sub { c } => ("<sub>", "</sub>", c),
            Inline::Sup { c } => ("<sup>", "</sup>", c),
        };
        w.raw(open);
        inline(w, children);
        w.raw(close);
    }
}
