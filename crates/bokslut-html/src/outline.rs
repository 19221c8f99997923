//! The table of contents as links to the headings.
//!
//! Numbers and anchors are the document's ([`Item::Heading`]'s `number` and `anchor`, counted
//! once by `bokslut_present::document::number_headings` as the PDF counts them). The contents
//! list the numbered headings of the first three levels, as the PDF's outline does
//! (`depth: 3`).

use bokslut_present::document::Item;

use crate::escape::push;

/// How deep the table of contents goes, as in the PDF.
const CONTENTS_DEPTH: usize = 3;

/// The table of contents: nested ordered lists of links, numbers shown as in the PDF.
pub fn contents(body: &[Item]) -> String {
    let entries = body
        .iter()
        .filter_map(|item| match item {
            Item::Heading {
                level,
                numbered: true,
                title,
                number,
                anchor,
            } => Some((*level, title.as_str(), number.as_deref(), anchor.as_str())),
            _ => None,
        })
        .filter(|(level, ..)| *level <= CONTENTS_DEPTH);
    let mut out = String::new();
    // The levels of the lists open now; each entry's item is left open for its children.
    let mut open: Vec<usize> = Vec::new();
    for (level, title, number, anchor) in entries {
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
        out.push_str("<li><a href=\"#");
        push(&mut out, anchor);
        out.push_str("\"><span class=\"number\">");
        push(&mut out, number.unwrap_or_default());
        out.push_str("</span> ");
        push(&mut out, title);
        out.push_str("</a>");
    }
    while open.pop().is_some() {
        out.push_str("</li>\n</ol>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: usize, numbered: bool, title: &str) -> Item {
        Item::Heading {
            level,
            numbered,
            title: title.to_owned(),
            number: None,
            anchor: String::new(),
        }
    }

    #[test]
    fn the_contents_nest_and_stop_at_the_third_level() {
        let mut body = vec![
            heading(1, true, "A"),
            heading(2, false, "Sub"),
            heading(1, true, "B"),
            heading(2, true, "B1"),
            heading(3, true, "B1a"),
            heading(4, true, "too deep"),
            heading(2, true, "B2"),
            heading(1, true, "C"),
        ];
        bokslut_present::document::number_headings(&mut body);
        let contents = contents(&body);
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
