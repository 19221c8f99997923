//! Charts (issue 24): each chart is a tagged Figure with alternative text in the PDF's
//! structure tree, its axis and figures are text, and the web edition draws it as an inline
//! `<svg role="img">` with the figures in a `<details>` table; in Swedish and English.

use std::process::Command;

use crate::common::{pdf_text, render, root, run};

fn qdf(pdf: &std::path::Path) -> String {
    let out = pdf.with_extension("qdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("qpdf must be installed (tests/setup.sh)");
    assert!(status.success());
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

#[test]
fn charts_are_tagged_figures_with_alt_text_and_their_figures_as_text() {
    let input = root().join("tests/fixtures/charts/vastervik-2021.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, data, figure, tick) in [
        (
            "sv",
            "Diagrammets siffror",
            "\u{2212}13,2",
            "\u{2212}1\u{202f}000",
        ),
        ("en", "The chart's figures", "\u{2212}13.2", "\u{2212}1,000"),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let tree = qdf(&pdf);
        let figures = tree.matches("/S /Figure").count();
        assert!(figures >= 3, "{locale}: {figures} Figure elements");
        assert!(tree.contains("/Alt"), "{locale}: no /Alt");
        let text = pdf_text(&pdf, None, false);
        assert!(text.contains(data), "{locale}: {text}");
        assert!(text.contains(figure), "{locale}: no {figure}");
        assert!(text.contains("Samhällsbyggnad"), "{locale}");
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        assert_eq!(html.matches("<svg role=\"img\"").count(), 3, "{locale}");
        assert_eq!(html.matches("<details>").count(), 3, "{locale}");
        assert!(html.contains("<desc id=\"chart1-d\">"), "{locale}");
        assert!(html.contains(tick), "{locale}: no tick {tick}");
    }
}

/// The `<details>` data table of the `n`th chart (from 1) of a web edition.
fn data_table(html: &str, n: usize) -> &str {
    let start = html
        .find(&format!("<figure class=\"chart\" id=\"chart{n}\">"))
        .unwrap_or_else(|| panic!("no chart{n}"));
    let rest = &html[start..];
    let details = rest.find("<details>").expect("a <details>");
    let end = rest.find("</figure>").expect("</figure>");
    &rest[details..end]
}

/// The alternative text (`<desc>`) of the `n`th chart of a web edition.
fn desc(html: &str, n: usize) -> &str {
    let open = format!("<desc id=\"chart{n}-d\">");
    let start = html.find(&open).expect("a <desc>") + open.len();
    let end = start + html[start..].find("</desc>").expect("</desc>");
    &html[start..end]
}

#[test]
fn a_chart_drawn_from_a_table_shows_the_tables_figures_as_it_prints_them() {
    let input = root().join("tests/fixtures/charts/vastervik-2021-from-table.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, outcome, social, deviation, high) in [
        (
            "sv",
            "Utfall 2021",
            "<td>\u{2212}964,6</td><td>\u{2212}950,3</td>",
            "<td>14,3</td>",
            "Högst 14,3 mnkr (Socialnämnd), lägst \u{2212}1,3 mnkr (Barn- och utbildningsnämnd)",
        ),
        (
            "en",
            "Outcome 2021",
            "<td>\u{2212}964.6</td><td>\u{2212}950.3</td>",
            "<td>14.3</td>",
            "Highest 14.3",
        ),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        assert_eq!(html.matches("<svg role=\"img\"").count(), 2, "{locale}");
        // The columns chart: the table's budget and outcome, headed as the table heads them.
        let columns = data_table(&html, 1);
        assert!(
            columns.contains(&format!(
                "<th scope=\"col\">Budget 2021</th><th scope=\"col\">{outcome}</th>"
            )),
            "{locale}: {columns}"
        );
        assert!(
            columns.contains(&format!("<th scope=\"row\">Socialnämnd</th>{social}")),
            "{locale}: {columns}"
        );
        // Its categories are the table's figure rows, in order.
        let rows: Vec<&str> = columns
            .split("<th scope=\"row\">")
            .skip(1)
            .map(|r| &r[..r.find('<').unwrap()])
            .collect();
        assert_eq!(
            rows,
            [
                "Kommunstyrelse",
                "Barn- och utbildningsnämnd",
                "Socialnämnd",
                "Miljö- och byggnadsnämnd"
            ],
            "{locale}"
        );
        // The bars chart: the computed deviation, in the order the chart names the rows.
        let bars = data_table(&html, 2);
        assert!(
            bars.contains(&format!("<th scope=\"row\">Socialnämnd</th>{deviation}")),
            "{locale}: {bars}"
        );
        assert!(
            bars.find("Socialnämnd").unwrap() < bars.find("Kommunstyrelse").unwrap(),
            "{locale}: {bars}"
        );
        assert!(
            desc(&html, 2).contains(high),
            "{locale}: {}",
            desc(&html, 2)
        );
        // The PDF: the chart's figures are the table's, as text, beside the table itself.
        let text = pdf_text(&pdf, None, true);
        let figures = if locale == "sv" {
            ["\u{2212}964,6", "\u{2212}950,3", "14,3"]
        } else {
            ["\u{2212}964.6", "\u{2212}950.3", "14.3"]
        };
        for f in figures {
            // Once in each chart's data table or labels, and once in the table.
            assert!(text.matches(f).count() >= 2, "{locale}: {f} in\n{text}");
        }
        assert!(
            text.lines().any(|l| l.contains("Socialnämnd")
                && l.contains(figures[0])
                && l.contains(figures[1])),
            "{locale}: no data table row\n{text}"
        );
        let tree = qdf(&pdf);
        assert!(tree.matches("/S /Figure").count() >= 2, "{locale}");
        assert!(tree.contains("/Alt"), "{locale}");
    }
}

#[test]
fn changing_a_figure_in_the_table_changes_the_chart_and_a_dash_is_a_gap() {
    let fixture = root().join("tests/fixtures/charts/vastervik-2021-from-table.toml");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("changed.toml");
    let modified = text
        .replace(
            "budget = -964.6, outcome = -950.3",
            "budget = -964.6, outcome = -940.3",
        )
        .replace(
            "budget = -877.1, outcome = -878.4",
            "budget = -877.1, outcome = \"–\"",
        );
    assert_ne!(modified, text);
    std::fs::write(&changed, modified).unwrap();
    let (before, after) = (dir.path().join("before.pdf"), dir.path().join("after.pdf"));
    render(&fixture, &before, &["--format", "pdf,html"]);
    render(&changed, &after, &["--format", "pdf,html"]);
    let html = |p: &std::path::Path| std::fs::read_to_string(p.with_extension("html")).unwrap();
    let (a, b) = (html(&before), html(&after));
    assert!(data_table(&a, 1).contains("<td>\u{2212}950,3</td>"));
    assert!(data_table(&b, 1).contains("<td>\u{2212}940,3</td>"));
    assert!(data_table(&b, 2).contains("<th scope=\"row\">Socialnämnd</th><td>24,3</td>"));
    // A "–" is no figure: the data tables say "–", and the charts draw no bar for it (not 0).
    assert!(
        data_table(&b, 1).contains(
            "<th scope=\"row\">Barn- och utbildningsnämnd</th><td>\u{2212}877,1</td><td>–</td>"
        ),
        "{}",
        data_table(&b, 1)
    );
    assert!(
        data_table(&b, 2).contains("<th scope=\"row\">Barn- och utbildningsnämnd</th><td>–</td>")
    );
    let bars = |h: &str, n: usize| h.matches(&format!("fill=\"url(#chart{n}-p")).count();
    assert_eq!(
        bars(&a, 1) - bars(&b, 1),
        1,
        "one bar fewer in the columns chart"
    );
    assert_eq!(
        bars(&a, 2) - bars(&b, 2),
        1,
        "one bar fewer in the bars chart"
    );
    // The lowest deviation is no longer the dashed row's.
    assert!(!desc(&b, 2).contains("Barn- och"), "{}", desc(&b, 2));
    let text = pdf_text(&after, None, true);
    assert!(
        text.contains("\u{2212}940,3") && text.contains("24,3"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Barn- och utbildningsnämnd")
                && l.contains("\u{2212}877,1")
                && l.contains('–')),
        "{text}"
    );
}

#[test]
fn a_line_chart_over_the_years_of_a_statement_leaves_a_gap_for_a_dash() {
    let fixture = root().join("tests/fixtures/annual/lulea-2016-fem-ar.toml");
    let mut text = std::fs::read_to_string(&fixture).unwrap();
    text.push_str(
        r#"
[[chapters.blocks]]
type = "chart"
kind = "lines"
title = "Nöjd medborgar-index och gymnasieelever i egna skolor"
table = "fem"
rows = ["Nöjd medborgar-index grundskola", "Gymnasieelever i kommunens egna skolor, andel (%)"]
"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("fem.toml");
    std::fs::write(&input, text).unwrap();
    let pdf = dir.path().join("fem.pdf");
    render(&input, &pdf, &["--format", "pdf,html"]);
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    let table = data_table(&html, 1);
    assert!(
        table.contains("<th scope=\"col\">Nöjd medborgar-index grundskola</th>"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"row\">2016</th><td>55</td><td>–</td>"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"row\">2012</th><td>63</td><td>80,1</td>"),
        "{table}"
    );
    // The second series is a line to 2015 and no point for 2016 (its trend to 2015).
    let alt = desc(&html, 1);
    assert!(alt.contains("från 80,1 till 82,5"), "{alt}");
    assert!(alt.contains("från 63 till 55"), "{alt}");
    let figure = &html[html.find("<svg role=\"img\"").unwrap()..html.find("</svg>").unwrap()];
    assert_eq!(figure.matches("<polyline").count(), 2, "{figure}");
    let text = pdf_text(&pdf, None, false);
    assert!(
        text.contains("Nöjd medborgar-index och gymnasieelever"),
        "{text}"
    );
}

#[test]
fn a_chart_naming_an_unknown_row_is_located_with_a_suggestion() {
    let fixture = root().join("tests/fixtures/charts/vastervik-2021-from-table.toml");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("row.toml");
    std::fs::write(
        &input,
        text.replace("rows = [\"Socialnämnd\",", "rows = [\"Socialnamnd\","),
    )
    .unwrap();
    let (code, stderr) = run(&["check", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let line = text
        .lines()
        .position(|l| l.starts_with("rows = [\"Socialnämnd\""))
        .unwrap()
        + 1;
    assert!(
        stderr.contains("the table `drift` has no row \"Socialnamnd\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"Socialnämnd\"?"), "{stderr}");
    assert!(stderr.contains(&format!("row.toml:{line}:9")), "{stderr}");
}

#[test]
fn a_goal_status_chart_counts_the_statuses_of_the_goal_tables() {
    let input = root().join("tests/fixtures/charts/helsingborg-2016-goal-status.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, rows, alt) in [
        (
            "sv",
            ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"],
            "Antal mätetal: 7; Uppfyllt 2, Delvis uppfyllt 3, Ej uppfyllt 2.",
        ),
        (
            "en",
            ["Met", "Partly met", "Not met"],
            "Number of indicators: 7; Met 2, Partly met 3, Not met 2.",
        ),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        let table = data_table(&html, 1);
        for (row, count) in rows.iter().zip([2, 3, 2]) {
            assert!(
                table.contains(&format!("<th scope=\"row\">{row}</th><td>{count}</td>")),
                "{locale}: {table}"
            );
        }
        // Nothing is unassessed, so no column for it.
        assert_eq!(table.matches("<th scope=\"row\">").count(), 3, "{locale}");
        assert!(
            desc(&html, 1).ends_with(alt),
            "{locale}: {}",
            desc(&html, 1)
        );
        let text = pdf_text(&pdf, None, true);
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(rows[1]) && l.trim_end().ends_with('3')),
            "{locale}: {text}"
        );
        // Whole ticks only: counts have no halves.
        assert!(!text.contains("0,5") && !text.contains("0.5"), "{locale}");
    }
    // The goals (none of which has a status of its own here) are counted as not assessed.
    let text = std::fs::read_to_string(&input).unwrap();
    let goals = dir.path().join("goals.toml");
    std::fs::write(&goals, text.replace("count = \"indicators\"\n", "")).unwrap();
    let pdf = dir.path().join("goals.pdf");
    render(&goals, &pdf, &["--format", "pdf,html"]);
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    assert!(
        data_table(&html, 1).contains("<th scope=\"row\">Ej bedömt</th><td>2</td>"),
        "{}",
        data_table(&html, 1)
    );
    // A goal status chart names no table.
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        text.replace(
            "count = \"indicators\"\n",
            "count = \"indicators\"\ntable = \"drift\"\n",
        ),
    )
    .unwrap();
    let (code, stderr) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("a goal status chart counts the statuses of the report's goal tables and takes no `table`"),
        "{stderr}"
    );
}

#[test]
fn a_stacked_chart_stacks_a_statements_rows_and_refuses_a_negative_figure() {
    let fixture = root().join("tests/fixtures/annual/lulea-2016-fem-ar.toml");
    let mut text = std::fs::read_to_string(&fixture).unwrap();
    text.push_str(
        r#"
[[chapters.blocks]]
type = "chart"
kind = "stacked"
title = "Gymnasieelever efter skolans huvudman"
table = "fem"
rows = ["Gymnasieelever i kommunens egna skolor, andel (%)", "Gymnasieelever i fristående gymnasieskolor, andel (%)"]
columns = ["2012", "2013", "2014", "2015"]
unit = "%"
"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("stacked.toml");
    std::fs::write(&input, &text).unwrap();
    let pdf = dir.path().join("stacked.pdf");
    render(&input, &pdf, &["--format", "pdf,html", "--locale", "en"]);
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    let table = data_table(&html, 1);
    assert!(
        table.contains("<th scope=\"row\">2015</th><td>82.5</td><td>9.7</td>"),
        "{table}"
    );
    assert!(
        desc(&html, 1).starts_with("Stacked column chart: "),
        "{}",
        desc(&html, 1)
    );
    // The second series' parts stand on the first's: each starts where the first ends.
    let svg = &html[html.find("<svg role=\"img\"").unwrap()..html.find("</svg>").unwrap()];
    let rects: Vec<(String, f64, f64)> = svg
        .split("<rect x=\"")
        .skip(1)
        .filter(|r| r.contains("fill=\"url(#chart1-p"))
        .map(|r| {
            let attr = |name: &str| -> f64 {
                let at = r.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                r[at..at + r[at..].find('"').unwrap()].parse().unwrap()
            };
            (
                r[..r.find('"').unwrap()].to_owned(),
                attr("y"),
                attr("height"),
            )
        })
        .collect();
    assert_eq!(rects.len(), 8, "{rects:?}");
    for (own, fri) in rects.iter().step_by(2).zip(rects.iter().skip(1).step_by(2)) {
        assert_eq!(own.0, fri.0, "the same column: {own:?} {fri:?}");
        assert!((fri.1 + fri.2 - own.1).abs() < 0.2, "{own:?} {fri:?}");
    }
    // A negative figure cannot be stacked: from a table, and of its own.
    let bad = dir.path().join("bad.toml");
    let own = std::fs::read_to_string(root().join("tests/fixtures/charts/vastervik-2021.toml"))
        .unwrap()
        .replacen("kind = \"columns\"", "kind = \"stacked\"", 1);
    std::fs::write(&bad, own).unwrap();
    let (code, stderr) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "a stacked chart cannot show the negative figure -415.1 (the series \"Budget 2021\")"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("(at chapters[0].blocks[1].series[0].values[0])"),
        "{stderr}"
    );
    let from_table = std::fs::read_to_string(
        root().join("tests/fixtures/charts/vastervik-2021-from-table.toml"),
    )
    .unwrap()
    .replacen("kind = \"columns\"", "kind = \"stacked\"", 1);
    std::fs::write(&bad, from_table).unwrap();
    let (code, stderr) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("a stacked chart cannot show the negative figure -415.1 (\"Kommunstyrelse\") its table gives"),
        "{stderr}"
    );
}

/// A profile's chart colours (`[colours] chart`) draw the series in both editions; one that
/// does not reach 3:1 against the page is refused by `check` and `render`, at its line.
#[test]
fn a_profiles_chart_colours_are_used_and_a_pale_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let profile_dir = tmp.path().join("profil");
    crate::common::copy_dir(
        &root().join("tests/fixtures/profiles/norrvik"),
        &profile_dir,
    );
    let profile = profile_dir.join("profil.toml");
    let text = std::fs::read_to_string(&profile).unwrap();
    let with =
        |chart: &str| text.replacen("[colours]\n", &format!("[colours]\nchart = {chart}\n"), 1);
    std::fs::write(&profile, with("[\"#2B4A7A\", \"#1D5C4A\"]")).unwrap();
    let report = tmp.path().join("r.toml");
    std::fs::copy(
        root().join("tests/fixtures/charts/vastervik-2021-from-table.toml"),
        &report,
    )
    .unwrap();
    let pdf = tmp.path().join("r.pdf");
    let profile_arg = profile.to_str().unwrap().to_owned();
    render(
        &report,
        &pdf,
        &["--profile", &profile_arg, "--format", "pdf,html"],
    );
    let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
    // Both series of the first chart, and neither built-in colour of them.
    assert!(
        html.contains("#2b4a7a") && html.contains("#1d5c4a"),
        "no profile colours"
    );
    // (#1f4e79, the first built-in one, is the style sheet's accent as well.)
    assert!(
        !html.contains("#b5541c"),
        "a built-in series colour is left"
    );
    let tree = qdf(&pdf);
    // In the PDF the series are filled with them (as RGB from 0 to 1).
    for rgb in [
        "0.16862746 0.2901961 0.4784",
        "0.11372549 0.36078432 0.2901961",
    ] {
        assert!(tree.contains(rgb), "no {rgb} in the PDF");
    }
    // A pale one (#f0c0c0 is 1.6:1 on white) is refused, at its line.
    std::fs::write(&profile, with("[\"#2b4a7a\", \"#f0c0c0\"]")).unwrap();
    for command in ["check", "render"] {
        let (code, stderr) = run(&[command, report.to_str().unwrap(), "--profile", &profile_arg]);
        assert_eq!(code, 1, "{command}: {stderr}");
        assert!(
            stderr.contains("the chart colour #f0c0c0 has a contrast of")
                && stderr.contains("expected at least 3:1"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("profil.toml:5:"), "{command}: {stderr}");
    }
}

/// A word of a PDF page as `pdftotext -bbox` finds it: its text and box (points, y down).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// The words of page `page` of `pdf`; the digit groups of one figure ("78 854", set apart by
/// a narrow space) joined into one word.
fn words(pdf: &std::path::Path, page: usize) -> Vec<Word> {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &p, "-l", &p])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut words: Vec<Word> = Vec::new();
    for line in html
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
    {
        let attr = |name: &str| -> f64 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..at + line[at..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
        let word = Word {
            text: text.replace("&amp;", "&"),
            x0: attr("xMin"),
            y0: attr("yMin"),
            x1: attr("xMax"),
            y1: attr("yMax"),
        };
        let group = |t: &str| t.len() >= 3 && t.chars().take(3).all(|c| c.is_ascii_digit());
        match words.last_mut() {
            Some(last)
                if group(&word.text)
                    && last.text.chars().last().is_some_and(|c| c.is_ascii_digit())
                    && (last.y1 - word.y1).abs() < 0.5
                    && word.x0 - last.x1 < 2.5
                    && word.x0 >= last.x1 =>
            {
                last.text = format!("{} {}", last.text, word.text);
                last.x1 = word.x1;
            }
            _ => words.push(word),
        }
    }
    words
}

/// Luleå 2016's five-year summary drawn three ways: lines over the five years, stacked bars
/// (each part's figure inside its part, each bar's whole beyond its end, the alternative text
/// naming the parts and the largest and smallest whole) and stacked columns; in both
/// editions and languages.
#[test]
fn a_five_year_summary_as_lines_and_stacked_bars_in_both_editions() {
    let input = root().join("tests/fixtures/charts/lulea-2016-fem-ar.toml");
    let dir = tempfile::tempdir().unwrap();
    for (locale, lines, kind, sum, parts, whole_2012) in [
        (
            "sv",
            "Linjediagram: Soliditet och kassalikviditet 2012–2016. Högst 69 % (Soliditet, %, 2015), lägst 23 % (Kassalikviditet, %, 2014). Soliditet, %: från 68 % till 68 %. Kassalikviditet, %: från 32 % till 28 %.",
            "Staplat liggande stapeldiagram: Skulder och åtaganden per invånare, delarna ",
            "Störst summa 86\u{202f}567 kr (2016), minst 78\u{202f}854 kr (2012).",
            ["22 962", "26 990", "28 902"],
            "78 854",
        ),
        (
            "en",
            "Line chart: Soliditet och kassalikviditet 2012–2016. Highest 69 % (Soliditet, %, 2015), lowest 23 % (Kassalikviditet, %, 2014). Soliditet, %: from 68 % to 68 %. Kassalikviditet, %: from 32 % to 28 %.",
            "Stacked bar chart: Skulder och åtaganden per invånare, parts ",
            "Largest total 86,567 kr (2016), smallest 78,854 kr (2012).",
            ["22,962", "26,990", "28,902"],
            "78,854",
        ),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        assert_eq!(desc(&html, 1), lines, "{locale}");
        assert!(
            data_table(&html, 1).contains("<th scope=\"row\">2014</th><td>67</td><td>23</td>"),
            "{locale}"
        );
        let alt = desc(&html, 2);
        assert!(alt.starts_with(kind), "{locale}: {alt}");
        assert!(alt.ends_with(sum), "{locale}: {alt}");
        assert!(
            alt.contains("Skulder och avsättningar/invånare, kr, Ansvarsförbindelser pensioner/invånare, kr, Övriga ansvarsförbindelser/invånare, kr"),
            "{locale}: {alt}"
        );
        // The web edition prints each whole, bold, in the drawing.
        let svg = &html[html.find("id=\"chart2\"").unwrap()..];
        let svg = &svg[..svg.find("</svg>").unwrap()];
        assert!(
            svg.contains(&format!(
                "font-weight=\"bold\">{}</text>",
                whole_2012.replace(' ', "\u{202f}")
            )),
            "{locale}: {svg}"
        );
        let tree = qdf(&pdf);
        assert!(tree.matches("/S /Figure").count() >= 3, "{locale}");
        // In the PDF, the 2012 bar's parts, then its whole to their right, on one line.
        let page = words(&pdf, 4);
        let year = page
            .iter()
            .filter(|w| w.text == "2012")
            .find(|w| w.x1 < 200.0)
            .unwrap_or_else(|| panic!("{locale}: the 2012 bar's label: {page:?}"));
        let row: Vec<&Word> = page
            .iter()
            .filter(|w| (w.y0 + w.y1) / 2.0 - (year.y0 + year.y1) / 2.0 < 3.0)
            .filter(|w| (year.y0 + year.y1) / 2.0 - (w.y0 + w.y1) / 2.0 < 3.0)
            .filter(|w| w.x0 > year.x1)
            .collect();
        let texts: Vec<&str> = row.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            [parts[0], parts[1], parts[2], whole_2012],
            "{locale}: {row:?}"
        );
    }
}

/// A chart's `rows` may name a financial table's total row as `total`; it prints with the
/// table's built-in label in the labels' language.
#[test]
fn a_chart_may_take_a_tables_total_row() {
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/charts/vastervik-2021-from-table.toml"),
    )
    .unwrap()
    .replacen("\ntotal = false", "\ntotal = true", 1)
    .replacen(
        "\"Barn- och utbildningsnämnd\"]",
        "\"Barn- och utbildningsnämnd\", \"total\"]",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("total.toml");
    std::fs::write(&input, text).unwrap();
    for (locale, row) in [
        ("sv", "<th scope=\"row\">Summa</th><td>18,5</td>"),
        ("en", "<th scope=\"row\">Total</th><td>18.5</td>"),
    ] {
        let pdf = dir.path().join(format!("{locale}.pdf"));
        render(&input, &pdf, &["--locale", locale, "--format", "pdf,html"]);
        let html = std::fs::read_to_string(pdf.with_extension("html")).unwrap();
        assert!(data_table(&html, 2).contains(row), "{locale}");
        // Each bar's figure is printed in the web edition's drawing too.
        let svg = &html[html.find("id=\"chart2\"").unwrap()..];
        let svg = &svg[..svg.find("</svg>").unwrap()];
        let figure = if locale == "sv" {
            ">18,5</text>"
        } else {
            ">18.5</text>"
        };
        assert!(svg.contains(figure), "{locale}: {svg}");
    }
}

/// A line chart with more points than their labels have room for prints every k-th label,
/// counted back from the last, so that no two labels overlap; the higher line's labels stand
/// above its points, the lower's below (constructed figures: sixteen years, two series).
#[test]
fn a_line_charts_labels_do_not_overlap() {
    let years: Vec<String> = (2010..2026).map(|y| format!("\"{y}\"")).collect();
    let high: Vec<String> = (0..16)
        .map(|i| format!("{}", 120_000 + i * 1_357))
        .collect();
    let low: Vec<String> = (0..16)
        .map(|i| format!("{}", 100_000 + i * 1_211))
        .collect();
    let text = format!(
        r#"format_version = 1

[meta]
organisation = "Exempelstad"
kind = "annual"
period = {{ start = 2025-01-01, end = 2025-12-31 }}

[[chapters]]
title = "Befolkning"

[[chapters.blocks]]
type = "chart"
kind = "lines"
title = "Invånare och sysselsatta"
categories = [{}]

[[chapters.blocks.series]]
label = "Invånare"
values = [{}]

[[chapters.blocks.series]]
label = "Sysselsatta"
values = [{}]
"#,
        years.join(", "),
        high.join(", "),
        low.join(", ")
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lines.toml");
    std::fs::write(&input, text).unwrap();
    let pdf = dir.path().join("lines.pdf");
    render(&input, &pdf, &[]);
    let page = words(&pdf, 3);
    let labels: Vec<&Word> = page
        .iter()
        .filter(|w| w.text.len() == 7 && w.text.chars().next().is_some_and(|c| c == '1'))
        .collect();
    // The last year's figures are printed; fewer than all 32.
    let last_high = format!(
        "{} {:03}",
        (120_000 + 15 * 1_357) / 1000,
        (120_000 + 15 * 1_357) % 1000
    );
    let last_low = format!(
        "{} {:03}",
        (100_000 + 15 * 1_211) / 1000,
        (100_000 + 15 * 1_211) % 1000
    );
    let find = |t: &str| labels.iter().find(|w| w.text == t).copied();
    let (Some(h), Some(l)) = (find(&last_high), find(&last_low)) else {
        panic!("no {last_high} or {last_low}: {labels:?}");
    };
    assert!(
        h.y1 < l.y0,
        "the higher line's label above the lower's: {h:?} {l:?}"
    );
    assert!(
        labels.len() >= 8 && labels.len() < 32,
        "{} labels: {labels:?}",
        labels.len()
    );
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            let apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
            assert!(apart, "overlapping labels: {a:?} {b:?}");
        }
    }
}
