//! Statements and notes (issue 22): sums over headings, ranges and named rows, "varav" rows,
//! rows outside the sums, ratios, "–" against empty and 0, note numbers, and the checks
//! across tables, each with the message a reader gets.

use bokslut_core::statement::Printed;
use bokslut_core::{Format, Severity, check_str};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const HEAD: &str = "format_version = 1\n[meta]\norganisation = \"Exempels kommun\"\nkind = \"annual\"\nperiod = { start = 2025-01-01, end = 2025-12-31 }\nunit = \"mnkr\"\n";

fn check(meta: &str, blocks: &str) -> bokslut_core::Checked {
    let text = format!("{HEAD}{meta}[[chapters]]\ntitle = \"R\"\n{blocks}");
    check_str(&text, Format::Toml, "t.toml".as_ref())
}

fn errors(checked: &bokslut_core::Checked) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.message.clone())
        .collect()
}

fn statement(rows: &str) -> String {
    format!(
        "[[chapters.blocks]]\ntype = \"statement\"\ncaption = \"T\"\ndecimals = 1\nentities = [{{ id = \"k\", heading = \"Kommunen\" }}, {{ id = \"g\", heading = \"Koncernen\" }}]\ncolumns = [2025, 2024]\nrows = [\n{rows}]\n"
    )
}

#[test]
fn sums_close_their_heading_a_level_one_sum_its_part_and_varav_and_outside_rows_are_not_added() {
    let checked = check(
        "",
        &statement(
            r#"{ heading = "TILLGÅNGAR", level = 1 },
{ heading = "Anläggningstillgångar" },
{ label = "– Mark", k = [10.0, 9.0], g = [20.0, 18.0] },
{ label = "varav tomträtter", varav = true, k = [2.0, 2.0], g = [2.0, 2.0] },
{ label = "+ Inventarier", k = [5.0, "–"], g = [5.0, ""] },
{ sum = "Summa anläggningstillgångar" },
{ heading = "Omsättningstillgångar" },
{ label = "Kassa", k = [1.0, 1.0], g = [1.0, 1.0] },
{ sum = "Summa omsättningstillgångar" },
{ sum = "Summa tillgångar", level = 1 },
{ spacer = true },
{ label = "Borgen", outside = true, k = [100.0, 100.0], g = [0.0, 0.0] },
{ result = "Allt", id = "all" },
"#,
        ),
    );
    assert!(checked.report.is_some(), "{:?}", checked.diagnostics);
    let report = checked.report.unwrap();
    let t = &report.statements().tables[0];
    let cells = |row: usize| t.rows[row].cells.clone();
    let f = |s: &str| Printed::Figure(d(s));
    assert_eq!(t.rows[2].label, "– Mark", "a leading dash is text");
    assert_eq!(
        cells(5),
        [vec![f("15.0"), f("9.0")], vec![f("25.0"), f("18.0")]]
    );
    assert_eq!(
        cells(8),
        [vec![f("1.0"), f("1.0")], vec![f("1.0"), f("1.0")]]
    );
    assert_eq!(
        cells(9),
        [vec![f("16.0"), f("10.0")], vec![f("26.0"), f("19.0")]]
    );
    assert_eq!(cells(12), cells(9), "outside and varav rows are in no sum");
    assert_eq!(t.rows[4].cells[0][1], Printed::Dash, "\"–\" is not empty");
    assert_eq!(t.rows[4].cells[1][1], Printed::Empty);
    assert!(t.rows[3].varav && t.rows[11].outside);
    assert!(t.has_dash);
}

#[test]
fn a_varav_row_larger_than_its_whole_is_an_error_and_so_are_varav_rows_that_add_up_to_more() {
    let checked = check(
        "",
        &statement(
            r#"{ label = "Eget kapital", k = [10.0, 10.0], g = [10.0, 10.0] },
{ label = "varav årets resultat", varav = true, k = [12.0, 4.0], g = [1.0, 6.0] },
{ label = "varav övrigt", varav = true, k = [1.0, 4.0], g = [1.0, 6.0] },
"#,
        ),
    );
    assert_eq!(
        errors(&checked),
        [
            "the \"varav\" row \"varav årets resultat\" is 12.0 (Kommunen, 2025), more than its whole, \"Eget kapital\", 10.0",
            "the \"varav\" rows under \"Eget kapital\" add up to 13.0 (Kommunen, 2025), more than their whole, 10.0",
            "the \"varav\" rows under \"Eget kapital\" add up to 12.0 (Koncernen, 2024), more than their whole, 10.0",
        ]
    );
}

#[test]
fn a_range_and_named_rows_are_summed_and_a_stated_sum_is_checked() {
    let checked = check(
        "",
        &statement(
            r#"{ label = "A", id = "a", k = [1.0, 1.0], g = [1.0, 1.0] },
{ label = "B", id = "b", k = [2.0, 2.0], g = [2.0, 2.0] },
{ label = "C", id = "c", k = [4.0, 4.0], g = [4.0, 4.0] },
{ sum = "A till B", from = "a", to = "b", k = [3.0, 3.0] },
{ label = "D", id = "dd", outside = true, k = [8.0, 8.0], g = [8.0, 8.0] },
{ sum = "C och D", of = ["c", "dd"], k = [12.0, 12.1] },
"#,
        ),
    );
    assert_eq!(
        errors(&checked),
        ["\"C och D\" (Kommunen, 2024) in \"T\" is printed 12.1, but its rows give 12.0"]
    );
    assert_eq!(
        checked.diagnostics[0].position.map(|p| p.0),
        Some(21),
        "{}",
        checked.diagnostics[0]
    );
}

#[test]
fn a_ratio_is_computed_and_a_printed_one_checked_within_the_rounding_of_its_terms() {
    let five_year = |printed: &str, reproduction: bool| {
        check(
            if reproduction {
                "reproduction = true\n"
            } else {
                ""
            },
            &format!(
                "[[chapters.blocks]]\ntype = \"statement\"\npreset = \"five_year\"\ncolumns = [2025]\nrows = [\n{{ label = \"Eget kapital, mnkr\", id = \"ek\", values = [68] }},\n{{ label = \"Tillgångar, mnkr\", id = \"t\", values = [100] }},\n{{ label = \"Soliditet, %\", unit = \"%\", ratio = [\"ek\", \"t\"], scale = 100, decimals = 1{printed} }},\n]\n"
            ),
        )
    };
    let computed = five_year("", false);
    let report = computed.report.expect("valid");
    let t = &report.statements().tables[0];
    assert_eq!(t.rows[2].cells[0][0], Printed::Figure(d("68.0")));
    assert!(
        t.unit_column && t.unit.is_none(),
        "a unit per row, none for the table"
    );
    // 68 and 100 are whole millions: 67.5/100.5 = 67.2 % to 68.5/99.5 = 68.8 %.
    assert!(five_year(", values = [68.5]", true).diagnostics[0].severity == Severity::Note);
    let off = five_year(", values = [69.5]", true);
    assert!(off.report.is_none());
    assert!(
        errors(&off)[0].contains("more than rounding explains"),
        "{:?}",
        off.diagnostics
    );
    assert_eq!(
        errors(&five_year(", values = [68.5]", false)).len(),
        1,
        "a new report: an error"
    );
}

const NOTES: &str = r#"
[[chapters.blocks]]
type = "note"
id = "b-note"
title = "Bee"
[[chapters.blocks.tables]]
columns = [2025, 2024]
rows = [{ label = "x", values = [5, 4] }, { result = "Summa", id = "total" }]

[[chapters.blocks]]
type = "note"
id = "a-note"
title = "Ay"

[[chapters.blocks]]
type = "note"
id = "fixed"
number = 1
title = "Fixed"

[[chapters.blocks]]
type = "note"
id = "lonely"
title = "Nobody refers to me"
"#;

#[test]
fn notes_are_numbered_in_order_of_first_reference_around_the_numbers_printed() {
    let rows = r#"{ label = "R1", note = "a-note", k = [1.0, 1.0], g = [1.0, 1.0] },
{ label = "R2", note = { g = ["fixed", "b-note"] }, k = [5.0, 4.0], g = [5.0, 4.0] },
{ label = "R3", note = "a-note", k = [1.0, 1.0] },
"#;
    let checked = check("", &format!("{}{NOTES}", statement(rows)));
    let report = checked.report.as_ref().expect("valid");
    let notes = &report.statements().notes;
    let number = |id: &str| notes.iter().find(|n| n.id == id).unwrap().number;
    assert_eq!(
        [
            number("a-note"),
            number("fixed"),
            number("b-note"),
            number("lonely")
        ],
        [2, 1, 3, 4]
    );
    let t = &report.statements().tables[0];
    assert_eq!(t.note_columns, [true, true]);
    assert_eq!(t.rows[1].notes[0], Vec::<usize>::new());
    assert_eq!(t.rows[1].notes[1].len(), 2);
    // The one note no row refers to is a warning at its id.
    let warnings: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Warning)
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "no row refers to the note `lonely` (\"Nobody refers to me\"): refer to it from a statement row (`note = \"lonely\"`), or leave it out"
        ]
    );
}

#[test]
fn a_note_total_must_be_the_figure_of_the_row_that_refers_to_it_and_an_unknown_id_is_named() {
    let rows = r#"{ label = "R", note = { k = "b-note" }, k = [-5.0, -3.0], g = [1.0, 1.0] },
{ label = "S", note = "a-notes", k = [1.0, 1.0], g = [1.0, 1.0] },
{ label = "T", note = ["fixed", "lonely"], k = [1.0, 1.0], g = [1.0, 1.0] },
"#;
    let checked = check("", &format!("{}{NOTES}", statement(rows)));
    let errs = errors(&checked);
    assert_eq!(
        errs,
        [
            "\"R\" (Kommunen, 2024) in \"T\" is -3.0, but the total of the note `b-note` (\"Bee\", row \"Summa\") it refers to is 4",
            "the row \"S\" refers to the note `a-notes`, which no note of the report has as its id",
        ]
    );
    let unknown = checked
        .diagnostics
        .iter()
        .find(|x| x.message.contains("a-notes"))
        .unwrap();
    assert_eq!(unknown.hints, ["did you mean `a-note`?"]);
    assert_eq!(unknown.position.map(|p| p.0), Some(17));
}

#[test]
fn the_presets_check_the_statements_against_each_other_and_a_reproduction_within_rounding_notes_it()
{
    let blocks = |br_result: &str| {
        format!(
            r#"[[chapters.blocks]]
type = "statement"
preset = "income_statement"
caption = "RR"
decimals = 1
entities = [{{ id = "k", heading = "Kommunen" }}]
columns = [2025]
rows = [{{ label = "Intäkter", k = [10.0] }}, {{ label = "Kostnader", k = [-8.0] }}, {{ result = "Årets resultat", id = "result" }}]

[[chapters.blocks]]
type = "statement"
preset = "balance_sheet"
caption = "BR"
decimals = 1
entities = [{{ id = "k", heading = "Kommunen" }}]
columns = [2025]
rows = [
  {{ heading = "TILLGÅNGAR", level = 1 }},
  {{ label = "Kassa och bank", id = "cash", k = [12.0] }},
  {{ sum = "Summa tillgångar", id = "total_assets" }},
  {{ heading = "EGET KAPITAL OCH SKULDER", level = 1 }},
  {{ label = "Årets resultat", id = "result", k = [{br_result}] }},
  {{ label = "Övrigt eget kapital", k = [{rest}] }},
  {{ sum = "Summa eget kapital och skulder", id = "total_equity_liabilities" }},
]

[[chapters.blocks]]
type = "statement"
preset = "cash_flow"
caption = "KA"
decimals = 1
entities = [{{ id = "k", heading = "Kommunen" }}]
columns = [2025]
rows = [
  {{ label = "Årets resultat", id = "result", k = [2.0] }},
  {{ result = "Årets kassaflöde", id = "flow" }},
  {{ label = "Likvida medel vid årets början", id = "start", outside = true, k = [10.0] }},
  {{ sum = "Likvida medel vid årets slut", id = "cash_end", of = ["flow", "start"] }},
]
"#,
            rest = d("12.0") - d(br_result),
        )
    };
    let agree = check("", &blocks("2.0"));
    assert!(agree.diagnostics.is_empty(), "{:?}", agree.diagnostics);
    let differ = check("", &blocks("2.1"));
    assert_eq!(
        errors(&differ),
        [
            "\"Årets resultat\" (Kommunen, 2025) in \"RR\" is 2.0, but \"Årets resultat\" (Kommunen, 2025) in \"BR\" is 2.1: the two must agree (a check of the statements' presets)"
        ]
    );
    let reproduced = check("reproduction = true\n", &blocks("2.1"));
    assert!(reproduced.report.is_some());
    assert_eq!(reproduced.diagnostics[0].severity, Severity::Note);
    assert!(
        reproduced.diagnostics[0]
            .message
            .contains("within rounding")
    );
    let far = check("reproduction = true\n", &blocks("3.0"));
    assert!(
        errors(&far)[0].contains("more than rounding explains"),
        "{:?}",
        far.diagnostics
    );
}

#[test]
fn a_check_names_its_rows_and_a_row_of_no_table_gets_a_hint() {
    let rows = r#"{ label = "A", id = "alpha", k = [1.0, 1.0], g = [1.0, 1.0] },
{ label = "B", id = "beta", k = [1.0, 2.0], g = [1.0, 1.0] },
"#;
    let block = statement(rows).replace(
        "columns = [2025, 2024]",
        "id = \"x\"\ncolumns = [2025, 2024]\nchecks = [{ left = \"alpha\", right = \"x.beta\" }, { left = \"alhpa\", right = \"y.beta\" }]",
    );
    let checked = check("", &block);
    let errs = errors(&checked);
    let alhpa = checked
        .diagnostics
        .iter()
        .find(|x| x.message.contains("alhpa"))
        .unwrap();
    assert_eq!(alhpa.hints, ["did you mean `alpha`?"]);
    assert_eq!(
        errs,
        [
            "no row of \"T\" has the id `alhpa`",
            "no statement has the id `y` (the table of `y.beta`)",
            "\"A\" (Kommunen, 2024) in \"T\" is 1.0, but \"B\" (Kommunen, 2024) in \"T\" is 2.0: the two must agree",
        ]
    );
}

#[test]
fn a_row_with_figures_for_no_entity_or_the_wrong_number_of_columns_is_refused() {
    let checked = check(
        "",
        &statement(
            r#"{ label = "A", kommunen = [1.0, 1.0] },
{ label = "B", k = [1.0] },
"#,
        ),
    );
    let errs = errors(&checked);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].contains("which is no entity of this table (its entities: k, g)"));
    assert!(errs[1].contains("has 1 figures for `k`, but the table has 2 columns (2025, 2024)"));
    let text = format!(
        "{HEAD}[[chapters]]\ntitle = \"R\"\n{}",
        statement("{ label = \"A\", k = [1, \"x\"] },\n")
    );
    let bad = check_str(&text, Format::Toml, "t.toml".as_ref());
    assert!(
        bad.diagnostics[0].message.contains(
            "`x` is not a cell: expected a figure, \"–\" (nothing to report) or \"\" (empty)"
        ),
        "{:?}",
        bad.diagnostics
    );
}

#[test]
fn a_report_without_a_board_is_the_organisations() {
    let checked = check("", "");
    assert!(checked.report.is_some(), "{:?}", checked.diagnostics);
    assert_eq!(checked.report.unwrap().report().meta.board, None);
    let empty = check("board = \" \"\n", "");
    assert_eq!(errors(&empty), ["the board is empty: expected some text"]);
}

#[test]
fn an_amount_in_the_text_is_compared_with_the_statements_figures_too() {
    let text = |amount: &str| {
        format!(
            "[[chapters.blocks]]\ntype = \"text\"\ntext = \"Årets resultat blev {amount}.\"\n{}",
            statement("{ label = \"Årets resultat\", k = [12.5, 9.0], g = [14.0, 10.0] },\n")
        )
    };
    let options = bokslut_core::CheckOptions {
        figures_in_text: true,
        ..bokslut_core::CheckOptions::default()
    };
    let run = |amount: &str| {
        let source = format!("{HEAD}[[chapters]]\ntitle = \"R\"\n{}", text(amount));
        bokslut_core::check_str_with(&source, Format::Toml, "t.toml".as_ref(), options)
    };
    assert!(run("12,5 mnkr").diagnostics.is_empty());
    assert!(run("14 mnkr").diagnostics.is_empty());
    let off = run("12,7 mnkr");
    assert_eq!(
        off.diagnostics[0].message,
        "the text gives 12,7 mnkr, which no figure of the report's tables gives (the nearest is 12,5 mnkr, \"Årets resultat\" (Kommunen, 2025) in \"T\")"
    );
}

#[test]
fn a_notes_table_refers_to_no_note_and_many_sums_take_linear_time() {
    let note = "[[chapters.blocks]]\ntype = \"note\"\nid = \"n\"\ntitle = \"N\"\n[[chapters.blocks.tables]]\ncolumns = [2025]\nrows = [{ label = \"x\", note = \"n\", values = [1] }]\n";
    let checked = check(
        "",
        &format!(
            "{}{note}",
            statement("{ label = \"A\", note = \"n\", k = [1.0, 1.0], g = [1.0, 1.0] },\n")
        ),
    );
    assert_eq!(
        errors(&checked),
        [
            "the row \"x\" of a table of the note `n` refers to a note: notes are referred to from the statements"
        ]
    );
    // 20 000 rows, each followed by a result over every row above: each result from the
    // running sums (the debug build took minutes when each added its rows again).
    let rows: String = (0..20_000)
        .map(|i| format!("{{ label = \"r{i}\", k = [1.0, 2.0], g = [3.0, 4.0] }},\n{{ result = \"s{i}\" }},\n"))
        .collect();
    let started = std::time::Instant::now();
    let checked = check("", &statement(&rows));
    let report = checked.report.expect("valid");
    let last = report.statements().tables[0].rows.last().unwrap();
    assert_eq!(last.cells[1][1], Printed::Figure(d("80000.0")));
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn a_column_may_take_its_figures_from_a_table_above_and_compute_from_them() {
    let blocks = |from: &str, label: &str, extra: &str| {
        format!(
            r#"[[chapters.blocks]]
type = "finance"
id = "drift"
preset = "annual"
rows = [{{ label = "Skola", budget = 100, outcome = 90 }}, {{ label = "Vård", budget = 50, outcome = 55 }}]

[[chapters.blocks]]
type = "finance"
caption = "Jämfört med förra årets budget"
columns = [
  {{ id = "outcome", heading = "Utfall", from = "{from}" }},
  {{ id = "prior_budget", heading = "Budget förra året" }},
  {{ id = "change", heading = "Skillnad", difference = ["outcome", "prior_budget"] }},
]
rows = [{{ label = "{label}", prior_budget = 80{extra} }}, {{ label = "Vård", prior_budget = 60 }}]
"#
        )
    };
    let checked = check("", &blocks("drift.outcome", "Skola", ""));
    let report = checked.report.expect("valid");
    let t = &report.tables()[1];
    let cells: Vec<Vec<Option<Decimal>>> = t.rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(
        cells,
        [
            vec![Some(d("90")), Some(d("80")), Some(d("10"))],
            vec![Some(d("55")), Some(d("60")), Some(d("-5"))],
            vec![Some(d("145")), Some(d("140")), Some(d("5"))],
        ]
    );
    // Even a computed column of the table above: its deviation, as printed.
    let checked = check("", &blocks("drift.deviation", "Skola", ""));
    assert_eq!(
        checked.report.unwrap().tables()[1].rows[0].cells[0],
        Some(d("10"))
    );
    let wrong = check("", &blocks("drfit.outcome", "Skola", ""));
    assert_eq!(
        errors(&wrong),
        ["no table above this one has the id `drfit` (the table of `drfit.outcome`)"]
    );
    assert_eq!(wrong.diagnostics[0].hints, ["did you mean `drift`?"]);
    let label = check("", &blocks("drift.outcome", "Skolan", ""));
    assert_eq!(
        errors(&label),
        [
            "the column `outcome` is taken from `drift.outcome`, but the table `drift` has no row \"Skolan\""
        ]
    );
    assert_eq!(label.diagnostics[0].hints, ["did you mean \"Skola\"?"]);
    let given = check("", &blocks("drift.outcome", "Skola", ", outcome = 91"));
    assert_eq!(
        errors(&given),
        [
            "the row \"Skola\" gives a figure for `outcome`, which is taken from `drift.outcome`: give none"
        ]
    );
}

#[test]
fn an_archived_layout_without_statements_is_refused_before_it_is_laid_out() {
    let block = statement("{ label = \"A\", k = [1.0, 1.0], g = [1.0, 1.0] },\n");
    let checked = check("layout = \"2026.1\"\n", &block);
    assert_eq!(
        errors(&checked),
        [
            "the layout `2026.1` prints no statements or notes (they came with the layout 2026.2): leave `layout` out, or name a later version"
        ]
    );
    assert_eq!(checked.diagnostics[0].position.map(|p| p.0), Some(7));
    assert!(check("layout = \"2026.2\"\n", &block).report.is_some());
}
