//! What every table shares: a caption (the report's, or, when it gives none, the heading it
//! stands under, shown to screen readers only), and a box of its own that scrolls sideways
//! on a narrow screen, reachable by keyboard and named by the caption.

use crate::Writer;

/// A table being written: the prefix of its ids.
pub struct Table {
    /// `t<n>`: every id of the table starts with it.
    pub id: String,
}

impl Table {
    /// An id of the table: `t3-c1`.
    pub fn id(&self, part: &str) -> String {
        format!("{}-{part}", self.id)
    }
}

/// Opens a table: its box, `<table>` with `class` and its caption.
pub fn open(w: &mut Writer, class: &str, caption: Option<&str>) -> Table {
    w.tables += 1;
    let table = Table {
        id: format!("t{}", w.tables),
    };
    let caption_id = table.id("caption");
    w.raw(&format!(
        "<div class=\"table {class}\">\n<div class=\"scroll\" role=\"region\" tabindex=\"0\" \
         aria-labelledby=\"{caption_id}\">\n<table>\n"
    ));
    match caption.filter(|c| !c.trim().is_empty()) {
        Some(text) => {
            w.raw(&format!("<caption id=\"{caption_id}\">"));
            w.text(text);
        }
        None => {
            let heading = w.last_heading.clone();
            w.raw(&format!("<caption id=\"{caption_id}\" class=\"vh\">"));
            w.text(&heading);
        }
    }
    w.raw("</caption>\n");
    table
}

/// Closes the table and its scrolling box; what follows (notes) stays in the table's block.
pub fn close_table(w: &mut Writer) {
    w.raw("</table>\n</div>\n");
}

/// Closes the table's block.
pub fn close_block(w: &mut Writer) {
    w.raw("</div>\n");
}
