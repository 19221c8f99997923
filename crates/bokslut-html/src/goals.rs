//! A goal table: goals of every level head groups of rows, and every cell names its headers
//! (`headers`), so that a screen reader announces a figure with its indicator, its column and
//! the goals above it. A status or a trend is a shape (hidden from screen readers) and a word.
//! The reading order is the PDF's: a goal, its indicators, then the goals under it.

use bokslut_present::goals::{Cell, GoalRow, GoalsItem, Mark, Text};

use crate::Writer;
use crate::table::{self, Table};

/// Writes a goal table.
pub fn write(w: &mut Writer, item: &GoalsItem) {
    let t = table::open(w, "goals", item.caption.as_deref());
    let lang = w.label_lang();
    let n = item.columns.len() + 1;
    let first_id = t.id("c0");
    let column_ids: Vec<String> = item
        .columns
        .iter()
        .enumerate()
        .map(|(i, _)| t.id(&format!("c{}", i + 1)))
        .collect();
    w.raw("<thead>\n<tr>");
    w.raw(&format!("<th scope=\"col\" id=\"{first_id}\"{lang}>"));
    w.text(&item.indicator_heading);
    w.raw("</th>");
    for (column, id) in item.columns.iter().zip(&column_ids) {
        let lang = w.lang_if(column.heading.is_label);
        w.raw(&format!("<th scope=\"col\" id=\"{id}\"{lang}>"));
        w.text(&column.heading.text);
        w.raw("</th>");
    }
    w.raw("</tr>\n</thead>\n");
    let mut state = State {
        table: t,
        first_id,
        column_ids,
        columns: n,
        goals: 0,
        indicators: 0,
    };
    for goal in &item.goals {
        w.raw("<tbody>\n");
        write_goal(w, item, goal, "", &mut state);
        w.raw("</tbody>\n");
    }
    table::close_table(w);
    if let Some(legend) = &item.legend {
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

/// What the rows of one table share: its ids and counters.
struct State {
    table: Table,
    first_id: String,
    column_ids: Vec<String>,
    columns: usize,
    goals: usize,
    indicators: usize,
}

/// A goal's header row, its analysis, its indicators, then the goals under it; `above` are
/// the ids of the goals above it.
fn write_goal(w: &mut Writer, item: &GoalsItem, goal: &GoalRow, above: &str, s: &mut State) {
    s.goals += 1;
    let id = s.table.id(&format!("g{}", s.goals));
    let class = ["council", "board", "third"]
        .get(goal.depth)
        .copied()
        .unwrap_or("third");
    let n = s.columns;
    let headers = if above.is_empty() {
        String::new()
    } else {
        format!(" headers=\"{above}\"")
    };
    let scope = if goal.depth == 0 {
        " scope=\"rowgroup\""
    } else {
        ""
    };
    w.raw(&format!(
        "<tr class=\"{class}\"><th colspan=\"{n}\"{scope} id=\"{id}\"{headers}>"
    ));
    goal_head(
        w,
        item.levels.get(goal.depth),
        &goal.name,
        goal.status.as_ref(),
    );
    w.raw("</th></tr>\n");
    let above = if above.is_empty() {
        id
    } else {
        format!("{above} {id}")
    };
    comment(w, class, n, &above, goal.comment.as_deref());
    for indicator in &goal.indicators {
        s.indicators += 1;
        let row_id = s.table.id(&format!("i{}", s.indicators));
        w.raw(&format!(
            "<tr class=\"indicator\"><th scope=\"row\" id=\"{row_id}\" headers=\"{above} {}\">",
            s.first_id
        ));
        w.text(&indicator.name);
        w.raw("</th>");
        for (cell, column) in indicator.cells.iter().zip(&s.column_ids) {
            let headers = format!("{above} {row_id} {column}");
            match cell {
                Cell::Figure { text, .. } => {
                    let lang = w.lang_if(text.is_label);
                    w.raw(&format!(
                        "<td class=\"figure\" headers=\"{headers}\"{lang}>"
                    ));
                    w.text(&text.text);
                }
                Cell::Status { mark: m, .. } | Cell::Trend { mark: m, .. } => {
                    w.raw(&format!("<td headers=\"{headers}\">"));
                    if let Some(m) = m {
                        mark(w, m);
                    }
                }
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
    for child in &goal.goals {
        write_goal(w, item, child, &above, s);
    }
}

/// A goal's heading: its level (a label or the report's word), its name, its status.
fn goal_head(w: &mut Writer, level: Option<&Text>, name: &str, status: Option<&Mark>) {
    if let Some(level) = level {
        let lang = w.lang_if(level.is_label);
        w.raw(&format!("<span class=\"level\"{lang}>"));
        w.text(&level.text);
        w.raw("</span> ");
    }
    w.raw("<span class=\"name\">");
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

/// A status or a trend: its shape, hidden from screen readers, and its word.
fn mark(w: &mut Writer, mark: &Mark) {
    let lang = w.label_lang();
    let key = mark.key.as_str();
    w.raw(&format!(
        "<span class=\"mark\"><span class=\"shape {key}\" aria-hidden=\"true\"></span> \
         <span{lang}>"
    ));
    w.text(&mark.word);
    w.raw("</span></span>");
}
