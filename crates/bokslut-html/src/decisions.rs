//! A table of decisions: the decision (with its case number) heads its row; status and
//! comment follow.

use crate::{Writer, table};

/// Writes a decisions table. `header`: decision, status, comment (labels); each row:
/// decision, case number in brackets (or empty), status (a label), comment.
pub fn write(w: &mut Writer, caption: Option<&str>, header: &[String; 3], rows: &[[String; 4]]) {
    let t = table::open(w, "decisions", caption);
    let lang = w.label_lang();
    w.raw("<thead>\n<tr>");
    for (i, heading) in header.iter().enumerate() {
        w.raw(&format!(
            "<th scope=\"col\" id=\"{}\"{lang}>",
            t.id(&format!("c{i}"))
        ));
        w.text(heading);
        w.raw("</th>");
    }
    w.raw("</tr>\n</thead>\n<tbody>\n");
    for [decision, reference, status, comment] in rows {
        w.raw("<tr><th scope=\"row\">");
        w.text(decision);
        if !reference.is_empty() {
            w.raw(" <span class=\"nowrap\">");
            w.text(reference);
            w.raw("</span>");
        }
        w.raw(&format!("</th><td{lang}>"));
        w.text(status);
        w.raw("</td><td>");
        w.text(comment);
        w.raw("</td></tr>\n");
    }
    w.raw("</tbody>\n");
    table::close_table(w);
    table::close_block(w);
}
