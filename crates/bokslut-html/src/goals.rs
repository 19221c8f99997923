//! A goal table: council goals head groups of rows, board goals head their indicators, and
//! every cell names its headers (`headers`), so that a screen reader announces a figure with
//! its indicator, its column and the goals above it. A status is a shape (hidden from screen
//! readers) and a word.

use bokslut_layout::document::{Item, Mark};

use crate::{Writer, table};

/// Writes a goal table; `item` is an [`Item::Goals`] (any other item writes nothing).
pub fn write(w: &mut Writer, item: &Item) {
    let Item::Goals {
        caption,
        header,
        council_label,
        board_label,
        goals,
        status_heading,
        legend,
    } = item
    else {
        return;
    };
    let t = table::open(w, "goals", caption.as_deref());
    let lang = w.label_lang();
    let columns: Vec<&String> = header.iter().chain(status_heading.as_ref()).collect();
    let n = columns.len();
    let column_ids: Vec<String> = (0..n).map(|i| t.id(&format!("c{i}"))).collect();
    w.raw("<thead>\n<tr>");
    for (heading, id) in columns.iter().zip(&column_ids) {
        w.raw(&format!("<th scope=\"col\" id=\"{id}\"{lang}>"));
        w.text(heading);
        w.raw("</th>");
    }
    w.raw("</tr>\n</thead>\n");
    let mut indicator_count = 0usize;
    for (gi, goal) in goals.iter().enumerate() {
        let goal_id = t.id(&format!("g{gi}"));
        w.raw("<tbody>\n");
        w.raw(&format!(
            "<tr class=\"council\"><th colspan=\"{n}\" scope=\"rowgroup\" id=\"{goal_id}\">"
        ));
        goal_head(w, council_label, &goal.name, goal.status.as_ref());
        w.raw("</th></tr>\n");
        comment(w, "council", n, &goal_id, goal.comment.as_deref());
        for (bi, board) in goal.board_goals.iter().enumerate() {
            let board_id = t.id(&format!("g{gi}-b{bi}"));
            w.raw(&format!(
                "<tr class=\"board\"><th colspan=\"{n}\" id=\"{board_id}\" headers=\"{goal_id}\">"
            ));
            goal_head(w, board_label, &board.name, board.status.as_ref());
            w.raw("</th></tr>\n");
            let above = format!("{goal_id} {board_id}");
            comment(w, "board", n, &above, board.comment.as_deref());
            for indicator in &board.indicators {
                indicator_count += 1;
                let row_id = t.id(&format!("i{indicator_count}"));
                w.raw(&format!(
                    "<tr class=\"indicator\"><th scope=\"row\" id=\"{row_id}\" headers=\"{above} {}\">",
                    column_ids[0]
                ));
                w.text(&indicator.cells[0]);
                w.raw("</th>");
                for (value, column) in indicator.cells[1..].iter().zip(&column_ids[1..]) {
                    w.raw(&format!(
                        "<td class=\"figure\" headers=\"{above} {row_id} {column}\"{lang}>"
                    ));
                    w.text(value);
                    w.raw("</td>");
                }
                if let Some(column) = column_ids.get(4) {
                    w.raw(&format!("<td headers=\"{above} {row_id} {column}\">"));
                    if let Some(status) = &indicator.status {
                        mark(w, status);
                    }
                    w.raw("</td>");
                }
                w.raw("</tr>\n");
                comment(
                    w,
                    "indicator",
                    n,
                    &format!("{above} {row_id}"),
                    indicator.comment.as_deref(),
                );
            }
        }
        w.raw("</tbody>\n");
    }
    table::close_table(w);
    if let Some(legend) = legend {
        w.raw(&format!("<p class=\"legend\"{lang}>"));
        w.text(&legend.title);
        w.raw(":");
        for m in &legend.marks {
            w.raw(" ");
            mark(w, m);
        }
        w.raw("</p>\n");
    }
    table::close_block(w);
}

/// A goal's heading: its level (a label), its name, its status.
fn goal_head(w: &mut Writer, level: &str, name: &str, status: Option<&Mark>) {
    let lang = w.label_lang();
    w.raw(&format!("<span class=\"level\"{lang}>"));
    w.text(level);
    w.raw("</span> <span class=\"name\">");
    w.text(name);
    w.raw("</span>");
    if let Some(status) = status {
        w.raw(" ");
        mark(w, status);
    }
}

/// The analysis under a row: a cell across the table, under the row's headers.
fn comment(w: &mut Writer, class: &str, n: usize, headers: &str, text: Option<&str>) {
    if let Some(text) = text {
        w.raw(&format!(
            "<tr class=\"comment {class}\"><td colspan=\"{n}\" headers=\"{headers}\">"
        ));
        w.text(text);
        w.raw("</td></tr>\n");
    }
}

/// A status: its shape, hidden from screen readers, and its word.
fn mark(w: &mut Writer, mark: &Mark) {
    let lang = w.label_lang();
    let key = match mark.key {
        "met" | "partly_met" | "not_met" => mark.key,
        _ => "not_assessed",
    };
    w.raw(&format!(
        "<span class=\"mark\"><span class=\"shape {key}\" aria-hidden=\"true\"></span> \
         <span{lang}>"
    ));
    w.text(&mark.word);
    w.raw("</span></span>");
}
