//! The report's own text markup: a small Markdown subset, parsed with pulldown-cmark into a
//! tree that the layout prints as data.
//!
//! Meaningful: paragraphs, `*emphasis*`, `**strong**`, subscript `CO~2~` and superscript
//! `m^2^` (also inside words; no spaces between the marks), bullet and numbered lists, hard
//! line breaks. Everything else (raw
//! HTML, headings, code, images, links) is kept as the text it was written as, so that a
//! report never carries markup into the document that its author did not mean. The tree
//! holds plain strings only; nothing in it is ever evaluated as Typst markup.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// A block of narrative text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flow {
    /// A paragraph.
    Par {
        /// Its inline content.
        content: Vec<Inline>,
    },
    /// A bullet list (`ordered` false) or a numbered list starting at `start`.
    List {
        /// Numbered or not.
        ordered: bool,
        /// First number of a numbered list.
        start: u64,
        /// The items, each a sequence of blocks.
        items: Vec<Vec<Flow>>,
    },
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Text, printed exactly as it stands.
    Text {
        /// The characters.
        text: String,
    },
    /// Emphasis (italic).
    Emph {
        /// Emphasised content.
        content: Vec<Inline>,
    },
    /// Strong emphasis (bold).
    Strong {
        /// Strong content.
        content: Vec<Inline>,
    },
    /// Subscript, as in CO₂.
    Sub {
        /// Lowered content.
        content: Vec<Inline>,
    },
    /// Superscript, as in m².
    Sup {
        /// Raised content.
        content: Vec<Inline>,
    },
    /// A forced line break.
    Br,
}

/// The deepest nesting of lists in a text: a list in an item of a list counts two. Deeper
/// lists are an error of `check` (`too_deep`); [`parse`] flattens them into the deepest
/// allowed one, so that no deep tree ever reaches a recursive serialiser or the template.
pub const MAX_LIST_DEPTH: usize = 8;

/// The deepest nesting of emphasis (`*`, `**`) in a paragraph, treated like
/// [`MAX_LIST_DEPTH`].
pub const MAX_SPAN_DEPTH: usize = 8;

/// Where a text nests lists or emphasis deeper than [`MAX_LIST_DEPTH`] or
/// [`MAX_SPAN_DEPTH`]: the byte offset of the first construct too deep, and a message.
pub(crate) fn too_deep(text: &str) -> Option<(usize, String)> {
    let (mut lists, mut spans) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => {
                lists += 1;
                if lists > MAX_LIST_DEPTH {
                    return Some((
                        range.start,
                        format!(
                            "lists in the text are nested more than {MAX_LIST_DEPTH} deep: \
                             expected at most {MAX_LIST_DEPTH} levels"
                        ),
                    ));
                }
            }
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Emphasis | Tag::Strong) => {
                spans += 1;
                if spans > MAX_SPAN_DEPTH {
                    return Some((
                        range.start,
                        format!(
                            "emphasis (`*`, `**`) in the text is nested more than \
                             {MAX_SPAN_DEPTH} deep: expected at most {MAX_SPAN_DEPTH} levels"
                        ),
                    ));
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => spans = spans.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses the report's Markdown subset. Lists and emphasis nested deeper than
/// [`MAX_LIST_DEPTH`] and [`MAX_SPAN_DEPTH`] are flattened into the deepest level allowed
/// (`check` reports them as errors: see `too_deep`).
pub fn parse(text: &str) -> Vec<Flow> {
    // Sub- and superscripts are found by `scripts` below: pulldown-cmark's own need word
    // boundaries, and "CO~2~-eq" has none.
    let options = Options::empty();
    let mut builder = Builder::default();
    let mut skip_until: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Some(end) = skip_until {
            if range.start < end {
                continue;
            }
            skip_until = None;
        }
        match event {
            // Markup we do not give meaning to: keep its source as text.
            Event::Start(
                Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::Table(_),
            ) => {
                let source = text[range.clone()].trim_end_matches('\n');
                for (i, line) in source.lines().enumerate() {
                    if i > 0 {
                        builder.inline(Inline::Br);
                    }
                    builder.text(line);
                }
                builder.close_par();
                skip_until = Some(range.end);
            }
            Event::Start(Tag::Image { .. } | Tag::Link { .. }) => {
                builder.text(&text[range.clone()]);
                skip_until = Some(range.end);
            }
            Event::Start(Tag::Paragraph) => builder.open_par(),
            Event::End(TagEnd::Paragraph) => builder.close_par(),
            Event::Start(Tag::List(_)) if builder.lists.len() >= MAX_LIST_DEPTH => {
                builder.flattened_lists += 1
            }
            Event::End(TagEnd::List(_)) if builder.flattened_lists > 0 => {
                builder.flattened_lists -= 1
            }
            Event::Start(Tag::List(start)) => builder.open_list(start),
            Event::End(TagEnd::List(_)) => builder.close_list(),
            Event::Start(Tag::Item) => builder.open_item(),
            Event::End(TagEnd::Item) => builder.close_item(),
            Event::Start(Tag::Emphasis | Tag::Strong) if builder.spans.len() > MAX_SPAN_DEPTH => {
                builder.flattened_spans += 1
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) if builder.flattened_spans > 0 => {
                builder.flattened_spans -= 1
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => builder.open_span(),
            Event::End(end @ (TagEnd::Emphasis | TagEnd::Strong)) => builder.close_span(end),
            Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) => builder.text(&t),
            // Inline code, math, footnote marks and rules are shown as written, delimiters included.
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => builder.text(&text[range]),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.inline(Inline::Br),
            Event::Start(_) | Event::End(_) => {}
        }
    }
    builder.close_par();
    builder.finish()
}

/// A list being built: numbering, finished items, and the blocks of the open item.
struct OpenList {
    ordered: bool,
    start: u64,
    items: Vec<Vec<Flow>>,
    open: Vec<Flow>,
}

/// Collects events into the tree: a stack of open spans and a stack of open lists.
#[derive(Default)]
struct Builder {
    /// Finished top-level blocks.
    out: Vec<Flow>,
    /// Open lists, innermost last.
    lists: Vec<OpenList>,
    /// Inline content of the open paragraph, one level per open span.
    spans: Vec<Vec<Inline>>,
    /// Lists opened beyond [`MAX_LIST_DEPTH`] and not yet closed: their items go to the
    /// innermost list kept.
    flattened_lists: usize,
    /// Spans opened beyond [`MAX_SPAN_DEPTH`] and not yet closed: their text stays plain.
    flattened_spans: usize,
}

impl Builder {
    fn push_flow(&mut self, flow: Flow) {
        match self.lists.last_mut() {
            Some(list) => list.open.push(flow),
            None => self.out.push(flow),
        }
    }

    fn open_par(&mut self) {
        self.close_par();
        self.spans.push(Vec::new());
    }

    fn close_par(&mut self) {
        while self.spans.len() > 1 {
            let inner = self.spans.pop().unwrap_or_default();
            if let Some(s) = self.spans.last_mut() {
                s.extend(inner);
            }
        }
        if let Some(c) = self.spans.pop().filter(|c| !c.is_empty()) {
            self.push_flow(Flow::Par {
                content: scripts(c),
            });
        }
    }

    fn inline(&mut self, inline: Inline) {
        if self.spans.is_empty() {
            self.spans.push(Vec::new());
        }
        if let Some(top) = self.spans.last_mut() {
            top.push(inline);
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(Some(Inline::Text { text: last })) = self.spans.last_mut().map(|t| t.last_mut())
        {
            last.push_str(s);
            return;
        }
        self.inline(Inline::Text { text: s.to_owned() });
    }

    fn open_span(&mut self) {
        if self.spans.is_empty() {
            self.spans.push(Vec::new());
        }
        self.spans.push(Vec::new());
    }

    fn close_span(&mut self, end: TagEnd) {
        if self.spans.len() < 2 {
            return;
        }
        let c = scripts(self.spans.pop().unwrap_or_default());
        let inline = match end {
            TagEnd::Emphasis => Inline::Emph { content: c },
            TagEnd::Strong => Inline::Strong { content: c },
            _ => Inline::Strong { content: c },
        };
        self.inline(inline);
    }

    fn open_list(&mut self, start: Option<u64>) {
        self.close_par();
        self.lists.push(OpenList {
            ordered: start.is_some(),
            start: start.unwrap_or(1),
            items: Vec::new(),
            open: Vec::new(),
        });
    }

    fn close_list(&mut self) {
        self.close_par();
        if let Some(OpenList {
            ordered,
            start,
            items,
            ..
        }) = self.lists.pop()
        {
            self.push_flow(Flow::List {
                ordered,
                start,
                items,
            });
        }
    }

    fn open_item(&mut self) {
        self.close_par();
    }

    fn close_item(&mut self) {
        self.close_par();
        if let Some(list) = self.lists.last_mut() {
            let item = std::mem::take(&mut list.open);
            list.items.push(item);
        }
    }

    fn finish(mut self) -> Vec<Flow> {
        while !self.lists.is_empty() {
            self.close_list();
        }
        self.out
    }
}

/// Splits `~sub~` and `^sup^` out of the text runs of one level of inline content.
fn scripts(content: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(content.len());
    for inline in content {
        let Inline::Text { text: s } = inline else {
            out.push(inline);
            continue;
        };
        let mut rest = s.as_str();
        while let Some((start, mark)) = rest.char_indices().find(|(_, c)| matches!(c, '~' | '^')) {
            let after = &rest[start + 1..];
            let Some(len) = after.find(mark) else { break };
            let inner = &after[..len];
            if inner.is_empty() || inner.chars().any(char::is_whitespace) {
                // Not a script: keep the mark as text and look further on.
                push_text(&mut out, &rest[..start + 1]);
                rest = after;
                continue;
            }
            push_text(&mut out, &rest[..start]);
            let c = vec![Inline::Text {
                text: inner.to_owned(),
            }];
            out.push(if mark == '~' {
                Inline::Sub { content: c }
            } else {
                Inline::Sup { content: c }
            });
            rest = &after[len + 1..];
        }
        push_text(&mut out, rest);
    }
    out
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text { text: last }) = out.last_mut() {
        last.push_str(s);
    } else {
        out.push(Inline::Text { text: s.to_owned() });
    }
}

/// The plain text of inline content, as a reader would see it (for checks and searching).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text: s } => out.push_str(s),
            Inline::Br => out.push('\n'),
            Inline::Emph { content: c }
            | Inline::Strong { content: c }
            | Inline::Sub { content: c }
            | Inline::Sup { content: c } => out.push_str(&plain_text(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn emphasis_and_subscript() {
        let flows = parse("En *liten* **stor** CO~2~-eq och m^2^.");
        assert_eq!(
            flows,
            vec![Flow::Par {
                content: vec![
                    text("En "),
                    Inline::Emph {
                        content: vec![text("liten")]
                    },
                    text(" "),
                    Inline::Strong {
                        content: vec![text("stor")]
                    },
                    text(" CO"),
                    Inline::Sub {
                        content: vec![text("2")]
                    },
                    text("-eq och m"),
                    Inline::Sup {
                        content: vec![text("2")]
                    },
                    text("."),
                ]
            }]
        );
    }

    #[test]
    fn typst_and_html_are_plain_text() {
        let src =
            "#set page(width: 1cm) #text(fill: red)[x] $x^2$ @ref <label> \\ // /* <b>fet</b>";
        let flows = parse(src);
        let [Flow::Par { content: c }] = flows.as_slice() else {
            panic!("{flows:?}")
        };
        assert_eq!(plain_text(c), src);
    }

    #[test]
    fn headings_and_code_blocks_stay_as_written() {
        let flows = parse("# Rubrik\n\n    kod");
        assert_eq!(flows.len(), 2);
        let Flow::Par { content: c } = &flows[0] else {
            panic!()
        };
        assert_eq!(plain_text(c), "# Rubrik");
    }

    #[test]
    fn inline_code_keeps_its_backticks() {
        let flows = parse("a `b` c");
        let [Flow::Par { content: c }] = flows.as_slice() else {
            panic!("{flows:?}")
        };
        assert_eq!(plain_text(c), "a `b` c");
    }

    #[test]
    fn lone_marks_are_text() {
        let flows = parse("a ~ b ^ c ~~ d x^2");
        let [Flow::Par { content: c }] = flows.as_slice() else {
            panic!("{flows:?}")
        };
        assert_eq!(c, &vec![text("a ~ b ^ c ~~ d x^2")]);
    }

    #[test]
    fn deep_nesting_is_found_and_flattened() {
        let text = "- ".repeat(20_000) + "x";
        let (at, what) = too_deep(&text).expect("too deep");
        assert_eq!(at, 2 * MAX_LIST_DEPTH, "{what}");
        assert!(
            what.starts_with("lists in the text are nested more than 8"),
            "{what}"
        );
        fn depth(flows: &[Flow]) -> usize {
            flows
                .iter()
                .map(|f| match f {
                    Flow::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    Flow::Par { .. } => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let flows = parse(&text);
        assert_eq!(depth(&flows), MAX_LIST_DEPTH);
        let stars = format!("{}x{}", "*".repeat(5_000), "*".repeat(5_000));
        let (_, what) = too_deep(&stars).expect("too deep");
        assert!(what.starts_with("emphasis"), "{what}");
        fn span_depth(c: &[Inline]) -> usize {
            c.iter()
                .map(|i| match i {
                    Inline::Emph { content: c }
                    | Inline::Strong { content: c }
                    | Inline::Sub { content: c }
                    | Inline::Sup { content: c } => 1 + span_depth(c),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let flows = parse(&stars);
        let [Flow::Par { content: c }] = flows.as_slice() else {
            panic!("{flows:?}")
        };
        assert!(span_depth(c) <= MAX_SPAN_DEPTH + 1, "{}", span_depth(c));
        assert_eq!(too_deep("- a\n  - b\n\n*a **b** c*"), None);
    }

    #[test]
    fn lists() {
        let flows = parse("Före:\n\n- ett\n- två\n\n3. tre\n");
        assert_eq!(flows.len(), 3);
        let Flow::List {
            ordered: true,
            start: 3,
            items,
        } = &flows[2]
        else {
            panic!("{flows:?}")
        };
        assert_eq!(items.len(), 1);
    }
}
