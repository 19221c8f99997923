//! A chart: an inline `<svg role="img">` named by its title and described by its alternative
//! text (`<title>`, `<desc>`, `aria-labelledby`), with the figures as a table in a
//! `<details>` beside it. Every string is escaped text; the drawing is made of rectangles,
//! lines and markers placed from the figures' positions on the axis.

use bokslut_core::ChartKind;
use bokslut_present::chart::ChartItem;

use crate::Writer;

const W: f64 = 640.0;
const H: f64 = 320.0;

fn marker(index: usize, x: f64, y: f64, colour: &str) -> String {
    match index % 4 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{colour}\"/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{colour}\"/>",
            x - 4.0,
            y - 4.0
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{colour}\"/>",
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        _ => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"{colour}\"/>",
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
    }
}

/// A white outline behind a figure printed on a bar, so that it reads on any fill.
const HALO: &str = " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";

/// About how wide `text` is at the value labels' 10 px (digits and spaces ~6 px).
fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.0
}

/// Writes a chart.
pub fn write(w: &mut Writer, item: &ChartItem) {
    w.charts += 1;
    let id = format!("chart{}", w.charts);
    w.raw(&format!("<figure class=\"chart\" id=\"{id}\">\n"));
    w.raw(&format!(
        "<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {W} {H}\" width=\"100%\">"
    ));
    w.raw(&format!("<title id=\"{id}-t\">"));
    w.text(&item.title);
    w.raw(&format!("</title><desc id=\"{id}-d\">"));
    w.text(&item.alt);
    w.raw("</desc>");
    let mut defs = String::from("<defs>");
    for s in &item.series {
        defs.push_str(&format!(
            "<pattern id=\"{id}-p{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate({})\"><rect width=\"6\" height=\"6\" fill=\"{}\"/>{}</pattern>",
            s.index,
            45 * s.index,
            s.colour,
            if s.index == 0 { "" } else { "<rect width=\"2\" height=\"6\" fill=\"#fff\"/>" }
        ));
    }
    defs.push_str("</defs>");
    w.raw(&defs);
    let n = item.categories.len().max(1) as f64;
    let horizontal = item.chart.is_horizontal();
    let stacked = item.chart.is_stacked();
    // The plot area; across, room beside it for the value labels of the longest bars (to the
    // right of a positive one, to the left of a negative one).
    let (left, right, top, bottom) = if horizontal {
        let widest = |negative: bool| {
            item.series
                .iter()
                .flat_map(|s| s.at.iter().zip(&s.values))
                .filter(|(at, _)| at.is_some_and(|at| (at < item.axis.zero) == negative))
                .map(|(_, v)| label_width(v))
                .chain(
                    item.totals
                        .iter()
                        .map(|t| label_width(t))
                        .filter(|_| !negative),
                )
                .fold(0.0, f64::max)
        };
        (
            180.0 + widest(true),
            W - 8.0 - widest(false),
            20.0,
            H - 40.0,
        )
    } else {
        (60.0, W - 20.0, 20.0, H - 60.0)
    };
    let value = |f: i64| {
        let f = f as f64 / bokslut_present::chart::SCALE as f64;
        if horizontal {
            left + f * (right - left)
        } else {
            bottom - f * (bottom - top)
        }
    };
    let mut g = String::from("<g font-size=\"11\" fill=\"#1a1a1a\">");
    for t in &item.axis.ticks {
        let v = value(t.at);
        let label = crate::escape::escaped(&t.label);
        if horizontal {
            g.push_str(&format!("<line x1=\"{v:.1}\" x2=\"{v:.1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#ccc\"/><text x=\"{v:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>", bottom + 14.0));
        } else {
            g.push_str(&format!("<line x1=\"{left}\" x2=\"{right}\" y1=\"{v:.1}\" y2=\"{v:.1}\" stroke=\"#ccc\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>", left - 4.0, v + 4.0));
        }
    }
    let band = if horizontal {
        (bottom - top) / n
    } else {
        (right - left) / n
    };
    let k = item.series.len().max(1) as f64;
    for (c, category) in item.categories.iter().enumerate() {
        let mid = if horizontal { top } else { left } + band * (c as f64 + 0.5);
        let label = crate::escape::escaped(category);
        if horizontal {
            g.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
                left - 6.0,
                mid + 4.0
            ));
        } else {
            g.push_str(&format!(
                "<text x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>",
                bottom + 16.0
            ));
        }
        if item.chart == ChartKind::Lines {
            continue;
        }
        let thick = if stacked { band * 0.6 } else { band * 0.8 / k };
        for s in &item.series {
            let off = if stacked {
                mid - band * 0.3
            } else {
                mid - band * 0.4 + thick * s.index as f64
            };
            // A gap ("–" or empty in the table): no bar.
            let Some(Some(at)) = s.at.get(c) else {
                continue;
            };
            // A stacked part starts where the series before it ends.
            let base = match s.base.get(c) {
                Some(Some(base)) if stacked => *base,
                _ => item.axis.zero,
            };
            let (a, b) = (value(base), value(*at));
            let (lo, hi) = (a.min(b), a.max(b));
            let fill = format!("url(#{id}-p{})", s.index);
            if horizontal {
                g.push_str(&format!("<rect x=\"{lo:.1}\" y=\"{off:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"{}\"/>", hi - lo, thick * 0.9, s.colour));
            } else {
                g.push_str(&format!("<rect x=\"{off:.1}\" y=\"{lo:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"{}\"/>", thick * 0.9, hi - lo, s.colour));
            }
            // Its figure: beyond the bar's end; a stacked part's inside it, on a white halo,
            // where it fits (every figure is in the table below in any case).
            let value = s.values.get(c).map(String::as_str).unwrap_or_default();
            let text = crate::escape::escaped(value);
            let width = label_width(value);
            let (x, y, anchor) = if stacked {
                let fits = if horizontal {
                    hi - lo >= width + 4.0 && thick * 0.9 >= 12.0
                } else {
                    hi - lo >= 13.0 && thick * 0.9 >= width + 4.0
                };
                if !fits {
                    continue;
                }
                if horizontal {
                    ((lo + hi) / 2.0, off + thick * 0.45 + 3.5, "middle")
                } else {
                    (off + thick * 0.45, (lo + hi) / 2.0 + 3.5, "middle")
                }
            } else if horizontal {
                let y = off + thick * 0.45 + 3.5;
                if b >= a {
                    (hi + 4.0, y, "start")
                } else {
                    (lo - 4.0, y, "end")
                }
            } else {
                let x = off + thick * 0.45;
                // Upwards is smaller on the page: a positive column ends at its top.
                if b <= a {
                    (x, lo - 3.0, "middle")
                } else {
                    (x, hi + 11.0, "middle")
                }
            };
            g.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"10\"{}>{text}</text>",
                if stacked { HALO } else { "" }
            ));
        }
        // A stacked column's or bar's whole, beyond its end.
        if let (true, Some(total), Some(end)) = (
            stacked,
            item.totals.get(c),
            item.series
                .iter()
                .filter_map(|s| s.at.get(c).copied().flatten())
                .max(),
        ) {
            let text = crate::escape::escaped(total);
            let e = value(end);
            let (x, y, anchor) = if horizontal {
                (e + 4.0, mid + 3.5, "start")
            } else {
                (mid, e - 3.0, "middle")
            };
            g.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"10\" font-weight=\"bold\">{text}</text>"
            ));
        }
    }
    if item.chart == ChartKind::Lines {
        for s in &item.series {
            // A gap ("–" or empty in the table) breaks the line: one polyline per run.
            let points: Vec<Option<(f64, f64)>> =
                s.at.iter()
                    .enumerate()
                    .map(|(c, f)| f.map(|f| (left + band * (c as f64 + 0.5), value(f))))
                    .collect();
            for run in points.split(Option::is_none) {
                let d: Vec<String> = run
                    .iter()
                    .flatten()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                if d.is_empty() {
                    continue;
                }
                g.push_str(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                    d.join(" "),
                    s.colour
                ));
            }
            for &(x, y) in points.iter().flatten() {
                g.push_str(&marker(s.index, x, y, &s.colour));
            }
        }
    }
    // The zero line.
    let z = value(item.axis.zero);
    if horizontal {
        g.push_str(&format!(
            "<line x1=\"{z:.1}\" x2=\"{z:.1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#1a1a1a\"/>"
        ));
    } else {
        g.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{z:.1}\" y2=\"{z:.1}\" stroke=\"#1a1a1a\"/>"
        ));
    }
    g.push_str("</g></svg>\n");
    w.raw(&g);
    // The legend and the figures, as text.
    w.raw("<figcaption><strong>");
    w.text(&item.title);
    w.raw("</strong>");
    if !item.unit.is_empty() {
        w.raw(" (");
        w.text(&item.unit);
        w.raw(")");
    }
    w.raw("<ul class=\"legend\">");
    for s in &item.series {
        w.raw(&format!(
            "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" fill=\"url(#{id}-p{})\" stroke=\"{}\"/></svg> ",
            s.index, s.colour
        ));
        w.text(&s.label);
        w.raw("</li>");
    }
    w.raw("</ul>");
    if !item.source.is_empty() {
        w.raw("<p class=\"source\">");
        w.text(&item.source);
        w.raw("</p>");
    }
    w.raw("</figcaption>\n<details><summary>");
    w.text(&item.data_label);
    w.raw("</summary>\n<table><thead><tr><td></td>");
    for s in &item.series {
        w.raw("<th scope=\"col\">");
        w.text(&s.label);
        w.raw("</th>");
    }
    w.raw("</tr></thead><tbody>\n");
    for (c, category) in item.categories.iter().enumerate() {
        w.raw("<tr><th scope=\"row\">");
        w.text(category);
        w.raw("</th>");
        for s in &item.series {
            w.raw("<td>");
            w.text(s.values.get(c).map(String::as_str).unwrap_or_default());
            w.raw("</td>");
        }
        w.raw("</tr>\n");
    }
    w.raw("</tbody></table></details>\n</figure>\n");
}
