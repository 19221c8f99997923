//! A statement and a note: the entity over its columns (`<colgroup>`, a two-level header),
//! row headers for every line, `headers` on every figure naming its line, column and entity;
//! a note reference is a link to the note, with an id of its own, and the note ends with
//! links back to every row that refers to it.

use bokslut_present::statement::{ColumnKind, NoteItem, StatementItem};

use crate::{Writer, table, text};

/// Writes a statement.
pub fn write(w: &mut Writer, item: &StatementItem) {
    let t = table::open(w, "statement", item.caption.as_deref());
    let n = item.columns.len();
    let column_ids: Vec<String> = (0..n).map(|i| t.id(&format!("c{i}"))).collect();
    let mut group_of: Vec<Option<String>> = vec![None; n];
    w.raw("<colgroup><col class=\"label\"></colgroup>");
    if item.header_groups.is_empty() {
        w.raw(&format!("<colgroup span=\"{n}\"></colgroup>\n"));
    } else {
        for group in &item.header_groups {
            w.raw(&format!("<colgroup span=\"{}\"></colgroup>", group.span));
        }
        w.raw("\n");
    }
    let label_id = t.id("l");
    let grouped = !item.header_groups.is_empty();
    let rowspan = if grouped { " rowspan=\"2\"" } else { "" };
    w.raw("<thead>\n<tr>");
    if item.label_heading.is_empty() {
        w.raw(&format!("<td{rowspan}></td>"));
    } else {
        w.raw(&format!("<th scope=\"col\" id=\"{label_id}\"{rowspan}>"));
        w.text(&item.label_heading);
        w.raw("</th>");
    }
    let heading = |w: &mut Writer, i: usize, attrs: &str| {
        let column = &item.columns[i];
        let lang = w.lang_if(column.heading_is_label);
        let class = match column.kind {
            ColumnKind::Unit => " class=\"unit\"",
            ColumnKind::Note => " class=\"refs\"",
            ColumnKind::Figure => "",
        };
        w.raw(&format!(
            "<th scope=\"col\" id=\"{}\"{class}{attrs}{lang}>",
            column_ids[i]
        ));
        w.text(&column.heading);
        w.raw("</th>");
    };
    if !grouped {
        for i in 0..n {
            heading(w, i, "");
        }
        w.raw("</tr>\n");
    } else {
        let mut second = Vec::new();
        for (gi, group) in item.header_groups.iter().enumerate() {
            let range = group.first..(group.first + group.span).min(n);
            match &group.heading {
                None => {
                    for i in range {
                        heading(w, i, " rowspan=\"2\"");
                    }
                }
                Some(text) => {
                    let id = t.id(&format!("g{gi}"));
                    w.raw(&format!(
                        "<th scope=\"colgroup\" colspan=\"{}\" id=\"{id}\">",
                        group.span
                    ));
                    w.text(text);
                    w.raw("</th>");
                    for i in range {
                        group_of[i] = Some(id.clone());
                        second.push(i);
                    }
                }
            }
        }
        w.raw("</tr>\n<tr>");
        for i in second {
            let headers = format!(" headers=\"{}\"", group_of[i].as_deref().unwrap_or(""));
            heading(w, i, &headers);
        }
        w.raw("</tr>\n");
    }
    w.raw("</thead>\n<tbody>\n");
    let label_lang = w.label_lang();
    for (ri, row) in item.rows.iter().enumerate() {
        let row_id = t.id(&format!("r{ri}"));
        let mut class = row.kind.to_owned();
        if row.kind == "heading" {
            class.push_str(&format!(" l{}", row.level.min(4)));
        }
        if row.varav {
            class.push_str(" varav");
        }
        if row.outside {
            class.push_str(" outside");
        }
        match row.kind {
            "spacer" => {
                w.raw(&format!(
                    "<tr class=\"{class}\" aria-hidden=\"true\"><td colspan=\"{}\"></td></tr>\n",
                    n + 1
                ));
                continue;
            }
            "heading" => {
                w.raw(&format!(
                    "<tr class=\"{class}\"><th scope=\"rowgroup\" colspan=\"{}\" id=\"{row_id}\">",
                    n + 1
                ));
                w.text(&row.label);
                w.raw("</th></tr>\n");
                continue;
            }
            _ => {}
        }
        w.raw(&format!(
            "<tr class=\"{class}\"><th scope=\"row\" id=\"{row_id}\">"
        ));
        w.text(&row.label);
        if let Some(marker) = &row.marker {
            w.raw("<sup>");
            w.text(marker);
            w.raw("</sup>");
        }
        w.raw("</th>");
        for (i, cell) in row.cells.iter().enumerate().take(n) {
            let group = group_of[i]
                .as_deref()
                .map(|g| format!(" {g}"))
                .unwrap_or_default();
            let headers = format!(" headers=\"{row_id}{group} {}\"", column_ids[i]);
            match cell.kind {
                ColumnKind::Note => {
                    w.raw(&format!("<td class=\"refs\"{headers}>"));
                    for (k, r) in cell.refs.iter().enumerate() {
                        if k > 0 {
                            w.raw(", ");
                        }
                        w.raw(&format!(
                            "<a id=\"{}\" href=\"#{}\"{label_lang}>",
                            crate::escape::escaped(&r.anchor),
                            crate::escape::escaped(&r.target)
                        ));
                        w.text(&r.number);
                        w.raw("</a>");
                    }
                    w.raw("</td>");
                }
                ColumnKind::Unit => {
                    w.raw(&format!("<td class=\"unit\"{headers}>"));
                    w.text(&cell.text);
                    w.raw("</td>");
                }
                ColumnKind::Figure => {
                    let lang = if cell.text.is_empty() {
                        ""
                    } else {
                        label_lang.as_str()
                    };
                    w.raw(&format!("<td{headers}{lang}>"));
                    w.text(&cell.text);
                    if let Some(marker) = &cell.marker {
                        w.raw("<sup>");
                        w.text(marker);
                        w.raw("</sup>");
                    }
                    w.raw("</td>");
                }
            }
        }
        w.raw("</tr>\n");
    }
    w.raw("</tbody>\n");
    table::close_table(w);
    if !item.note.is_empty() {
        w.raw(&format!("<p class=\"note\"{label_lang}>"));
        w.text(&item.note);
        w.raw("</p>\n");
    }
    for footnote in &item.footnotes {
        w.raw("<p class=\"note\">");
        w.text(footnote);
        w.raw("</p>\n");
    }
    table::close_block(w);
}

/// Writes a note: its heading (with the anchor the references link to), text, tables and the
/// links back.
pub fn note(w: &mut Writer, note: &NoteItem) {
    let level = note.level + 1;
    let anchor = crate::escape::escaped(&note.anchor);
    let label_lang = w.label_lang();
    let open = if level <= 6 {
        format!("<h{level} id=\"{anchor}\" class=\"note-title\">")
    } else {
        format!(
            "<p class=\"h-deep note-title\" role=\"heading\" aria-level=\"{level}\" id=\"{anchor}\">"
        )
    };
    w.raw(&open);
    w.raw(&format!("<span{label_lang}>"));
    w.text(&note.heading);
    w.raw("</span> ");
    w.text(&note.title);
    w.raw(&if level <= 6 {
        format!("</h{level}>\n")
    } else {
        "</p>\n".to_owned()
    });
    w.last_heading = format!("{} {}", note.heading, note.title);
    text::flow(w, &note.content);
    for t in &note.tables {
        write(w, t);
    }
    if !note.back.is_empty() {
        w.raw(&format!("<p class=\"note-back\"><span{label_lang}>"));
        w.text(&note.back_label);
        w.raw("</span>: ");
        for (k, b) in note.back.iter().enumerate() {
            if k > 0 {
                w.raw("; ");
            }
            w.raw(&format!(
                "<a href=\"#{}\">",
                crate::escape::escaped(&b.anchor)
            ));
            if !b.table.is_empty() {
                w.text(&b.table);
                w.raw(", ");
            }
            w.text(&b.row);
            w.raw("</a>");
        }
        w.raw("</p>\n");
    }
}
