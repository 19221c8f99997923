//! A financial or investment table: column groups (`<colgroup>`) and a two-level header when
//! the table has group headings, row headers for every line, a new row group (`<tbody>`)
//! under every group heading, and `headers` on every figure naming its line, its column,
//! its column group and its row group. The note and footnotes follow the table.

use bokslut_present::money::{MoneyItem, RowKind};

use crate::{Writer, table};

/// Writes a financial table.
pub fn write(w: &mut Writer, item: &MoneyItem) {
    let t = table::open(w, "money", item.caption.as_deref());
    let n = item.columns.len();
    let column_ids: Vec<String> = (0..n).map(|i| t.id(&format!("c{i}"))).collect();
    // The group heading over each column, if any.
    let mut group_of: Vec<Option<String>> = vec![None; n];
    // Column groups: the label column, then each run of the header (or all figure columns).
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
    let label_heading = |w: &mut Writer, rowspan: &str| {
        if item.label_heading.is_empty() {
            // No heading over the labels: an empty data cell, not an empty header.
            w.raw(&format!("<td{rowspan}></td>"));
        } else {
            w.raw(&format!("<th scope=\"col\" id=\"{label_id}\"{rowspan}>"));
            w.text(&item.label_heading);
            w.raw("</th>");
        }
    };
    let heading = |w: &mut Writer, i: usize, attrs: &str| {
        let column = &item.columns[i];
        let lang = w.lang_if(column.heading_is_label);
        w.raw(&format!(
            "<th scope=\"col\" id=\"{}\"{attrs}{lang}>",
            column_ids[i]
        ));
        w.text(&column.heading);
        w.raw("</th>");
    };
    w.raw("<thead>\n<tr>");
    if item.header_groups.is_empty() {
        label_heading(w, "");
        for i in 0..n {
            heading(w, i, "");
        }
        w.raw("</tr>\n");
    } else {
        label_heading(w, " rowspan=\"2\"");
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
    let mut row_group: Option<String> = None;
    for (ri, row) in item.rows.iter().enumerate() {
        let lang = w.lang_if(row.label_is_label);
        let row_id = t.id(&format!("r{ri}"));
        if row.kind == RowKind::Group {
            if ri > 0 {
                w.raw("</tbody>\n<tbody>\n");
            }
            w.raw(&format!(
                "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\" id=\"{row_id}\"{lang}>",
                n + 1
            ));
            w.text(&row.label);
            w.raw("</th></tr>\n");
            row_group = Some(row_id);
            continue;
        }
        let class = row.kind.as_str();
        let above = row_group
            .as_deref()
            .map(|g| format!("{g} "))
            .unwrap_or_default();
        w.raw(&format!(
            "<tr class=\"{class}\"><th scope=\"row\" id=\"{row_id}\"{lang}>"
        ));
        w.text(&row.label);
        w.raw("</th>");
        for (i, cell) in row.cells.iter().enumerate().take(n) {
            let group = group_of[i]
                .as_deref()
                .map(|g| format!(" {g}"))
                .unwrap_or_default();
            let cell_lang = if cell.is_empty() {
                ""
            } else {
                label_lang.as_str()
            };
            w.raw(&format!(
                "<td headers=\"{above}{row_id}{group} {}\"{cell_lang}>",
                column_ids[i]
            ));
            w.text(cell);
            w.raw("</td>");
        }
        w.raw("</tr>\n");
    }
    w.raw("</tbody>\n");
    table::close_table(w);
    w.raw(&format!("<p class=\"note\"{label_lang}>"));
    w.text(&item.note);
    w.raw("</p>\n");
    for footnote in &item.footnotes {
        w.raw("<p class=\"note\">");
        w.text(footnote);
        w.raw("</p>\n");
    }
    table::close_block(w);
}
