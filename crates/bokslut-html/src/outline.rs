//! Heading numbers and anchors, and the table of contents as links.
//!
//! Numbers are counted as the PDF template's `set heading(numbering: "1.1")` counts them: a
//! numbered heading (a chapter at its depth) steps its level's counter and resets the deeper
//! ones; an unnumbered sub-heading steps nothing. The contents list the numbered headings of
//! the first three levels, as the PDF's outline does (`depth: 3`).

use std::collections::VecDeque;
use std::fmt::Write as _;

use bokslut_present::document::Item;

use crate::escape::push;

/// How deep the table of contents goes, as in the PDF.
const CONTENTS_DEPTH: usize = 3;

/// The anchors and numbers of a document's headings, handed out in body order.
pub struct Outline {
    /// Per heading: its anchor and, when numbered, its number ("2.1").
    headings: VecDeque<(String, Option<String>)>,
    /// Every heading as counted, for the contents.
    all: Vec<(String, Option<String>)>,
}

impl Outline {
    /// Counts the headings of a body.
    pub fn of(body: &[Item]) -> Outline {
        let mut counters: Vec<usize> = Vec::new();
        let mut plain = 0usize;
        let mut all = Vec::new();
        for item in body {
            let Item::Heading {
                level, numbered, ..
            } = item
            else {
                continue;
            };
            if *numbered {
                let level = (*level).max(1);
                counters.resize(level, 0);
                counters[level - 1] += 1;
                let number = counters
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                all.push((format!("s-{}", number.replace('.', "-")), Some(number)));
            } else {
                plain += 1;
                all.push((format!("h-{plain}"), None));
            }
        }
        Outline {
            headings: all.iter().cloned().collect(),
            all,
        }
    }

    /// The anchor and number of the next heading of the body.
    pub fn next(&mut self) -> (String, Option<String>) {
        self.headings
            .pop_front()
            .unwrap_or_else(|| ("h-0".to_owned(), None))
    }

    /// The table of contents: nested ordered lists of links, numbers shown as in the PDF.
    pub fn contents(&self, body: &[Item]) -> String {
        let entries = body
            .iter()
            .filter_map(|item| match item {
                Item::Heading {
                    level,
                    numbered: true,
                    title,
                } => Some((*level, title.as_str())),
                _ => None,
            })
            .zip(self.all.iter().filter(|(_, number)| number.is_some()))
            .filter(|((level, _), _)| *level <= CONTENTS_DEPTH);
        let mut out = String::new();
        // The levels of the lists open now; each entry's item is left open for its children.
        let mut open: Vec<usize> = Vec::new();
        for ((level, title), (id, number)) in entries {
            while open.last().is_some_and(|&l| l > level) {
                out.push_str("</li>\n</ol>\n");
                open.pop();
            }
            if open.last() == Some(&level) {
                out.push_str("</li>\n");
            } else {
                out.push_str("<ol>\n");
                open.push(level);
            }
            let _ = write!(out, "<li><a href=\"#{id}\"><span class=\"number\">");
            push(&mut out, number.as_deref().unwrap_or_default());
            out.push_str("</span> ");
            push(&mut out, title);
            out.push_str("</a>");
        }
        while open.pop().is_some() {
            out.push_str("</li>\n</ol>\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: usize, numbered: bool, title: &str) -> Item {
        Item::Heading {
            level,
            numbered,
            title: title.to_owned(),
        }
    }

    #[test]
    fn numbers_count_as_the_pdf_does_and_the_contents_nest() {
        let body = vec![
            heading(1, true, "A"),
            heading(2, false, "Sub"),
            heading(1, true, "B"),
            heading(2, true, "B1"),
            heading(3, true, "B1a"),
            heading(4, true, "too deep"),
            heading(2, true, "B2"),
            heading(1, true, "C"),
        ];
        let mut outline = Outline::of(&body);
        let numbers: Vec<_> = (0..body.len()).map(|_| outline.next()).collect();
        assert_eq!(numbers[0], ("s-1".to_owned(), Some("1".to_owned())));
        assert_eq!(numbers[1], ("h-1".to_owned(), None));
        assert_eq!(numbers[4], ("s-2-1-1".to_owned(), Some("2.1.1".to_owned())));
        assert_eq!(numbers[6], ("s-2-2".to_owned(), Some("2.2".to_owned())));
        assert_eq!(numbers[7], ("s-3".to_owned(), Some("3".to_owned())));
        let contents = Outline::of(&body).contents(&body);
        assert!(!contents.contains("too deep") && !contents.contains("Sub"));
        assert_eq!(contents.matches("<ol>").count(), 3);
        assert_eq!(contents.matches("</ol>").count(), 3);
        assert_eq!(
            contents.matches("<li>").count(),
            contents.matches("</li>").count()
        );
        assert!(
            contents.contains("<a href=\"#s-2-1-1\"><span class=\"number\">2.1.1</span> B1a</a>")
        );
    }
}
