//! The report's own text (paragraphs, lists, emphasis, sub- and superscripts, line breaks)
//! as HTML elements around escaped strings.

use std::fmt::Write as _;

use bokslut_core::markup::{Flow, Inline};

use crate::Writer;

/// Paragraphs and lists.
pub fn flow(w: &mut Writer, blocks: &[Flow]) {
    for block in blocks {
        match block {
            Flow::Par { content } => {
                w.raw("<p>");
                inline(w, content);
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
                        [Flow::Par { content }] => inline(w, content),
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
            Inline::Text { text } => {
                w.text(text);
                continue;
            }
            Inline::Br => {
                w.raw("<br>");
                continue;
            }
            Inline::Emph { content } => ("<em>", "</em>", content),
            Inline::Strong { content } => ("<strong>", "</strong>", content),
            Inline::Sub { content } => ("<sub>", "</sub>", content),
            Inline::Sup { content } => ("<sup>", "</sup>", content),
        };
        w.raw(open);
        inline(w, children);
        w.raw(close);
    }
}
