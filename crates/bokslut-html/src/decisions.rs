//! A table of decisions: the decision (with its case number) heads its row; status and
//! comment follow.

use bokslut_present::document::DecisionsItem;

use crate::{Writer, table};

/// Writes a decisions table: the headings are labels; the decision, its case number (in
/// brackets, kept on one line) and the comment are the report's text; the status is a label.
pub fn write(w: &mut Writer, item: &DecisionsItem) {
    let t = table::open(w, "decisions", item.caption.as_deref());
    let lang = w.label_lang();
    w.raw("<thead>\n<tr>");
    let header = [
        &item.header.decision,
        &item.header.status,
        &item.header.comment,
    ];
    for (i, heading) in header.into_iter().enumerate() {
        w.raw(&format!(
            "<th scope=\"col\" id=\"{}\"{lang}>",
            t.id(&format!("c{i}"))
        ));
        w.text(heading);
        w.raw("</th>");
    }
    w.raw("</tr>\n</thead>\n<tbody>\n");
    for row in &item.rows {
        w.raw("<tr><th scope=\"row\">");
        w.text(&row.decision);
        if let Some(reference) = &row.reference {
            w.raw(" <span class=\"nowrap\">(");
            w.text(reference);
            w.raw(")</span>");
        }
        w.raw(&format!("</th><td{lang}>"));
        w.text(&row.status.word);
        w.raw("</td><td>");
        w.text(&row.comment);
        w.raw("</td></tr>\n");
    }
    w.raw("</tbody>\n");
    table::close_table(w);
    table::close_block(w);
}
