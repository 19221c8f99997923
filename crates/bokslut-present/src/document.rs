//! The document as the template sees it: every label looked up, every figure computed and
//! formatted, every text parsed into a tree of plain strings.
//!
//! The template (`layouts/report.typ`) only places what it finds here. Report text reaches
//! Typst as JSON string values, which Typst shows as text: it is never parsed as markup.
//!
//! # The contract
//!
//! These types are the contract between bokslut and every layout (the built-in templates,
//! a municipality's own given with `--layouts`, and other renderers of the same document).
//! It is serialised to JSON with the field names as written here; every field is named (no
//! positional arrays of mixed meaning, no one-letter keys), and an item's `kind` says which
//! of the [`Item`] variants it is. Each string is one of two sorts, and its field's docs say
//! which: a *label* (bokslut's own words, in the labels' language [`TemplateLabels::lang`],
//! to be marked with that language) or *report text* (the report's own words, in the
//! document's language [`Document::lang`]). Fields named `*_is_label` say it for strings that
//! may be either. [`CONTRACT`] is raised whenever a field is renamed, removed or changes
//! meaning; a template checks it and refuses data of another version.

use serde::Serialize;

use bokslut_core::bound::BoundFigure;
use bokslut_core::markup::{self, Flow};
use bokslut_core::{Block, DecisionStatus, Part, Report, ReportKind, Unit, ValidReport};
use chrono::Datelike;

use crate::format::NumberFormat;
use crate::goals::{GoalTables, GoalsItem};
use crate::labels::Labels;
use crate::money::MoneyItem;
use crate::statement::{NoteItem, References, StatementItem};

/// The version of the template contract (the shape of [`Document`]): written into the data
/// as `contract`, checked by the template.
pub const CONTRACT: u32 = 1;

/// Everything the template prints.
#[derive(Debug, Serialize)]
pub struct Document {
    /// The version of this contract, [`CONTRACT`]: a template refuses any other.
    pub contract: u32,
    /// Language of the report's own text (see [`text_language`]): the document's language,
    /// for hyphenation and the PDF's `/Lang`. The labels may be in another
    /// ([`TemplateLabels::lang`]), and the template marks them so.
    pub lang: String,
    /// The report title: report text when the report gives it, else made of labels (see
    /// `title_lang`).
    pub title: String,
    /// Language of the title: the report's when the report gives its title, the labels' when
    /// it is made from them ("Delårsbokslut 2020 Lekebergs kommun").
    pub title_lang: String,
    /// The board (report text); empty for a report the organisation publishes itself.
    pub board: String,
    /// The organisation (report text).
    pub organisation: String,
    /// The period in running text, a label ("1 januari–31 juli 2020").
    pub period: String,
    /// The document's subject (PDF metadata, written by bokslut, not by the template):
    /// kind, board, organisation and period.
    #[serde(skip)]
    pub subject: String,
    /// Keywords (PDF metadata, written by bokslut): organisation, board, kind, year.
    #[serde(skip)]
    pub keywords: Vec<String>,
    /// Labels the template itself needs (page furniture).
    pub labels: TemplateLabels,
    /// The municipality's graphic profile, when the report or the command line names one;
    /// `None` for the built-in look.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::profile::ProfileData>,
    /// The look and every colour of it, resolved once: the look's own colours, replaced by
    /// those the profile gives ([`crate::theme::Theme::resolve`]).
    pub theme: crate::theme::Theme,
    /// The body, in reading order.
    pub body: Vec<Item>,
}

/// Labels used by the template outside the body.
#[derive(Debug, Serialize)]
pub struct TemplateLabels {
    /// Language of the labels, and of every figure (formatted by the labels' conventions).
    pub lang: String,
    /// Title of the table of contents (label).
    pub toc: String,
    /// "Sida \u{E000} av \u{E001}" (label): the markers stand for page and total.
    pub page_of: String,
}

/// A piece of the body; in JSON an object whose `kind` is the variant's name in snake case
/// (`heading`, `flow`, `decisions`, `goals`, `money`), the variant's fields beside it.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// A heading: numbered chapters at their depth, unnumbered sub-headings below them.
    Heading {
        /// 1 for chapters, 2 for sections, ...
        level: usize,
        /// Numbered and listed in the table of contents.
        numbered: bool,
        /// The heading text (report text).
        title: String,
        /// The number of a numbered heading, "2.1" ([`number_headings`]); `None` for an
        /// unnumbered one.
        number: Option<String>,
        /// An id unique in the document, for a link to the heading: `s-2-1` for the numbered
        /// heading 2.1, `h-3` for the third unnumbered one.
        anchor: String,
    },
    /// Narrative text (report text): paragraphs and lists of inline runs
    /// ([`bokslut_core::markup::Flow`]: `par` with `content`, `list` with `ordered`, `start`
    /// and `items`; inline `text` with `text`, `emph`, `strong`, `sub`, `sup` with `content`,
    /// and `br`).
    Flow {
        /// Paragraphs and lists.
        content: Vec<Flow>,
    },
    /// A table of decisions.
    Decisions(DecisionsItem),
    /// A goal table (see [`crate::goals`]).
    Goals(GoalsItem),
    /// A financial or investment table.
    Money(MoneyItem),
    /// A financial statement, five years in summary or a balanskravsutredning (see
    /// [`crate::statement`]).
    Statement(StatementItem),
    /// A note the statements refer to (see [`crate::statement`]).
    Note(NoteItem),
    /// A chart (see [`crate::chart`]).
    Chart(crate::chart::ChartItem),
    /// Where a report included as a part begins (after its heading): the pages from here on
    /// carry its board's name in their running header.
    Part {
        /// The part's board (its organisation when it names none; report text).
        board: String,
    },
}

/// A table of decisions: the template data of `decisions` items.
#[derive(Debug, Serialize)]
pub struct DecisionsItem {
    /// Caption above the table (report text).
    pub caption: Option<String>,
    /// The column headings (labels).
    pub header: DecisionsHeader,
    /// The decisions, in the report's order.
    pub rows: Vec<DecisionRow>,
}

/// The column headings of a decisions table, all labels.
#[derive(Debug, Serialize)]
pub struct DecisionsHeader {
    /// Heading of the decision column ("Beslut"), which also holds the case number.
    pub decision: String,
    /// Heading of the status column.
    pub status: String,
    /// Heading of the comment column.
    pub comment: String,
}

/// One decision.
#[derive(Debug, Serialize)]
pub struct DecisionRow {
    /// The decision (report text).
    pub decision: String,
    /// The case number (report text), without brackets; `None` when the report gives none.
    /// The built-in template prints it in brackets after the decision, on one line.
    pub reference: Option<String>,
    /// Its status.
    pub status: DecisionStatusCell,
    /// The comment (report text); empty when none.
    pub comment: String,
}

/// A decision's status: its key for a layout that draws it, and its word.
#[derive(Debug, Serialize)]
pub struct DecisionStatusCell {
    /// The status of the input format: `not_started`, `ongoing`, `completed`, `postponed`,
    /// `cancelled`.
    pub key: DecisionStatus,
    /// The status in words (label).
    pub word: String,
}

/// Builds the document of a report in the labels' language.
pub fn build(valid: &ValidReport, labels: &Labels) -> Document {
    let report = valid.report();
    // A figure bound in the report's text is part of that text: in its language (the
    // labels' own when they are in it, so that a profile's words hold; else the built-in).
    let text_lang = text_language(report, labels);
    let text_labels =
        (crate::labels::primary(labels.lang()) != text_lang).then(|| Labels::builtin(&text_lang));
    let ctx = Ctx {
        labels,
        numbers: NumberFormat::for_language(labels.lang()),
        valid,
        text_labels: text_labels.as_ref().unwrap_or(labels),
        text_numbers: NumberFormat::for_language(&text_lang),
    };
    let mut goal_tables = GoalTables::new(labels, &ctx.numbers, report.meta.unit);
    let statements = valid.statements();
    let mut refs = References::new(statements);
    let mut note_index = 0usize;
    let mut body = valid
        .parts()
        .into_iter()
        .filter_map(|part| match part {
            Part::Chapter { level, chapter } => Some(Item::Heading {
                level,
                numbered: true,
                title: chapter.title.clone(),
                number: None,
                anchor: String::new(),
            }),
            Part::Block { level, block } => ctx.block(block, level),
            Part::Chart { chart, figures, .. } => Some(Item::Chart(crate::chart::item(
                chart,
                figures,
                valid.tables(),
                labels,
                &ctx.numbers,
                report.meta.layout.as_deref(),
            ))),
            Part::Goals { table, .. } => Some(Item::Goals(goal_tables.item(table))),
            Part::Table { table, .. } => {
                Some(Item::Money(crate::money::item(table, labels, &ctx.numbers)))
            }
            Part::Statement { table, .. } => Some(Item::Statement(crate::statement::item(
                table,
                statements,
                &mut refs,
                labels,
                &ctx.numbers,
            ))),
            Part::Note { level, note } => {
                note_index += 1;
                let mut item = crate::statement::note_item(
                    note,
                    note_index - 1,
                    level,
                    statements,
                    &mut refs,
                    labels,
                    &ctx.numbers,
                );
                item.content = note
                    .text
                    .as_deref()
                    .map(|text| markup::parse(&ctx.bind(text)))
                    .unwrap_or_default();
                Some(Item::Note(item))
            }
        })
        .collect::<Vec<_>>();
    // Every reference is numbered now: each note gets its ways back, wherever it stands.
    let mut index = 0usize;
    for item in &mut body {
        if let Item::Note(note) = item {
            note.back = refs.back(index);
            index += 1;
        }
    }
    // The parts, each under its board's name, a level deeper than on their own.
    for part in valid.included() {
        let meta = &part.report.report().meta;
        let board = meta
            .board
            .clone()
            .unwrap_or_else(|| meta.organisation.clone());
        body.push(Item::Heading {
            level: 1,
            numbered: true,
            title: board.clone(),
            number: None,
            anchor: String::new(),
        });
        body.push(Item::Part { board });
        body.extend(
            build(&part.report, labels)
                .body
                .into_iter()
                .map(|mut item| {
                    match &mut item {
                        Item::Heading { level, .. } => *level += 1,
                        Item::Note(note) => note.level += 1,
                        _ => {}
                    }
                    item
                }),
        );
    }
    number_headings(&mut body);
    let meta = &report.meta;
    let period = labels.long_period(meta.period.start, meta.period.end);
    let kind = kind_label(report, labels);
    let lang = text_language(report, labels);
    let given_title = meta.title.as_ref().is_some_and(|t| !t.trim().is_empty());
    Document {
        contract: CONTRACT,
        title_lang: if given_title {
            lang.clone()
        } else {
            labels.lang().to_owned()
        },
        lang,
        title: title(report, labels),
        board: meta.board.clone().unwrap_or_default(),
        organisation: meta.organisation.clone(),
        subject: match &meta.board {
            Some(board) => labels.format(
                "report-subject",
                &[
                    ("kind", &kind),
                    ("board", board),
                    ("organisation", &meta.organisation),
                    ("period", &period),
                ],
            ),
            None => labels.format(
                "report-subject-organisation",
                &[
                    ("kind", &kind),
                    ("organisation", &meta.organisation),
                    ("period", &period),
                ],
            ),
        },
        keywords: [
            Some(meta.organisation.clone()),
            meta.board.clone(),
            Some(kind),
            Some(meta.period.end.0.year().to_string()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        period,
        labels: TemplateLabels {
            lang: labels.lang().to_owned(),
            toc: labels.get("toc-title"),
            page_of: labels.format("page-of", &[("page", "\u{E000}"), ("total", "\u{E001}")]),
        },
        profile: None,
        theme: crate::theme::Theme::resolve(None),
        body,
    }
}

/// Gives every heading of a body its number and anchor ([`Item::Heading`]), counted as the
/// PDF template's `heading(numbering: "1.1")` counts them: a numbered heading steps its
/// level's counter and resets the deeper ones ("2.0.1" for a third level straight under a
/// chapter); an unnumbered heading steps nothing.
pub fn number_headings(body: &mut [Item]) {
    let mut counters: Vec<usize> = Vec::new();
    let mut plain = 0usize;
    for item in body {
        let Item::Heading {
            level,
            numbered,
            number,
            anchor,
            ..
        } = item
        else {
            continue;
        };
        if *numbered {
            let level = (*level).max(1);
            counters.resize(level, 0);
            counters[level - 1] += 1;
            let numbers: Vec<String> = counters.iter().map(usize::to_string).collect();
            *anchor = format!("s-{}", numbers.join("-"));
            *number = Some(numbers.join("."));
        } else {
            plain += 1;
            *anchor = format!("h-{plain}");
            *number = None;
        }
    }
}

/// The language of a report's own text: the primary subtag of its `locale` (`sv` of `sv-SE`),
/// Swedish when it has none. Labels are chosen apart from it (`--locale en` prints a Swedish
/// report with English labels), so that a screen reader reads each part in its language and
/// Typst hyphenates Swedish words by Swedish rules. A locale whose language subtag is no ISO
/// 639 code of two or three letters (which Typst needs) gives the labels' language.
pub fn text_language(report: &Report, labels: &Labels) -> String {
    report
        .locale
        .as_deref()
        .map(crate::labels::primary)
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| {
            if report.locale.is_some() {
                labels.lang().to_owned()
            } else {
                crate::labels::DEFAULT_LANGUAGE.to_owned()
            }
        })
}

/// The kind of report in words: "Delårsbokslut".
fn kind_label(report: &Report, labels: &Labels) -> String {
    labels.get(match report.meta.kind {
        ReportKind::Interim => "kind-interim",
        ReportKind::Annual => "kind-annual",
        ReportKind::ActivityReport => "kind-activity-report",
    })
}

/// The title: as given, or derived from kind, year and organisation.
pub fn title(report: &Report, labels: &Labels) -> String {
    let meta = &report.meta;
    if let Some(title) = meta.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return title.clone();
    }
    labels.format(
        "report-title",
        &[
            ("kind", &kind_label(report, labels)),
            ("year", &meta.period.end.0.year().to_string()),
            ("organisation", &meta.organisation),
        ],
    )
}

struct Ctx<'a> {
    labels: &'a Labels,
    numbers: NumberFormat,
    /// The report: the figures its texts bind.
    valid: &'a ValidReport,
    /// The labels in the language of the report's text, for the figures it binds.
    text_labels: &'a Labels,
    /// The number format of the report's text.
    text_numbers: NumberFormat,
}

impl Ctx<'_> {
    /// A text with the figures it binds written out ([`bokslut_core::bound`]).
    fn bind<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.valid.bind(text, |figure| self.figure(figure))
    }

    /// A bound figure in the number format and words of the report's text: "1 579 tkr",
    /// "SEK 1,579k", "12,5 %"; as a result "ett överskott på 1 579 tkr".
    fn figure(&self, figure: &BoundFigure) -> String {
        let value = match figure.result {
            Some(_) => figure.value.abs(),
            None => figure.value,
        };
        let amount = if figure.percent {
            self.text_numbers.percent(value)
        } else if let Some(unit) = &figure.count_unit {
            let number = self.text_numbers.number(value);
            self.text_labels
                .format("value-count", &[("value", &number), ("unit", unit)])
        } else {
            let number = self.text_numbers.number(value);
            match figure.unit {
                Some(Unit::Tkr) => self.text_labels.format("amount-tkr", &[("value", &number)]),
                Some(Unit::Mnkr) => self
                    .text_labels
                    .format("amount-mnkr", &[("value", &number)]),
                Some(Unit::Kr) => self.text_labels.format("amount-kr", &[("value", &number)]),
                None => number,
            }
        };
        match figure.result {
            Some(sign) => self.text_labels.format(
                "figure-result",
                &[("amount", &amount), ("sign", sign.as_str())],
            ),
            None => amount,
        }
    }

    /// The item of a block; `None` for a financial or goal table, a statement, a note or a
    /// chart, which come as parts of their own ([`Part::Table`], [`Part::Goals`], ...).
    fn block(&self, block: &Block, level: usize) -> Option<Item> {
        let l = |id: &str| self.labels.get(id);
        Some(match block {
            Block::Text { text } => Item::Flow {
                content: markup::parse(&self.bind(text)),
            },
            Block::Heading { text } => Item::Heading {
                level: level + 1,
                numbered: false,
                title: text.clone(),
                number: None,
                anchor: String::new(),
            },
            Block::Decisions(table) => Item::Decisions(DecisionsItem {
                caption: table.caption.clone(),
                header: DecisionsHeader {
                    decision: l("col-decision"),
                    status: l("col-status"),
                    comment: l("col-comment"),
                },
                rows: table
                    .rows
                    .iter()
                    .map(|d| DecisionRow {
                        decision: d.decision.clone(),
                        reference: d.reference.clone().filter(|r| !r.is_empty()),
                        status: DecisionStatusCell {
                            key: d.status,
                            word: l(status_id(d.status)),
                        },
                        comment: d.comment.clone().unwrap_or_default(),
                    })
                    .collect(),
            }),
            Block::Goals(_)
            | Block::Finance(_)
            | Block::Investments(_)
            | Block::Statement(_)
            | Block::Note(_)
            | Block::Chart(_) => return None,
        })
    }
}

fn status_id(status: DecisionStatus) -> &'static str {
    match status {
        DecisionStatus::NotStarted => "status-not-started",
        DecisionStatus::Ongoing => "status-ongoing",
        DecisionStatus::Completed => "status-completed",
        DecisionStatus::Postponed => "status-postponed",
        DecisionStatus::Cancelled => "status-cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../examples/delarsbokslut-2020-syd-it.toml");

    fn with_locale(locale: Option<&str>) -> Report {
        let mut report = bokslut_core::read_str(EXAMPLE, bokslut_core::Format::Toml, "r".as_ref())
            .expect("the example");
        report.locale = locale.map(str::to_owned);
        report
    }

    #[test]
    fn the_text_language_is_the_reports_not_the_labels() {
        let english = Labels::builtin("en");
        let swedish = Labels::builtin("sv");
        let lang = |locale, labels| text_language(&with_locale(locale), labels);
        assert_eq!(lang(None, &english), "sv");
        assert_eq!(lang(Some("sv"), &english), "sv");
        assert_eq!(lang(Some("en-GB"), &swedish), "en");
        assert_eq!(lang(Some("FI"), &swedish), "fi");
        // No language Typst knows: the labels' language.
        assert_eq!(lang(Some("svenska"), &english), "en");
        assert_eq!(lang(Some(""), &swedish), "sv");
    }

    #[test]
    fn headings_are_numbered_as_the_pdf_numbers_them() {
        let heading = |level, numbered| Item::Heading {
            level,
            numbered,
            title: String::new(),
            number: None,
            anchor: String::new(),
        };
        let mut body = vec![
            heading(1, true),
            heading(2, false),
            heading(1, true),
            heading(2, true),
            heading(3, true),
            heading(2, true),
            heading(1, true),
            heading(3, true),
        ];
        number_headings(&mut body);
        let numbers: Vec<(Option<&str>, &str)> = body
            .iter()
            .map(|item| match item {
                Item::Heading { number, anchor, .. } => (number.as_deref(), anchor.as_str()),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            numbers,
            [
                (Some("1"), "s-1"),
                (None, "h-1"),
                (Some("2"), "s-2"),
                (Some("2.1"), "s-2-1"),
                (Some("2.1.1"), "s-2-1-1"),
                (Some("2.2"), "s-2-2"),
                (Some("3"), "s-3"),
                (Some("3.0.1"), "s-3-0-1"),
            ]
        );
    }

    #[test]
    fn a_title_made_from_labels_is_in_their_language() {
        let english = Labels::builtin("en");
        // The full check, as every report gets it: a `ValidReport` is made by nothing else.
        let valid = |r: Report| {
            let text = serde_json::to_string(&r).expect("a report serialises");
            bokslut_core::check_str(&text, bokslut_core::Format::Json, "r.json".as_ref())
                .report
                .expect("valid")
        };
        let made = build(&valid(with_locale(Some("sv"))), &english);
        assert_eq!((made.lang.as_str(), made.title_lang.as_str()), ("sv", "en"));
        let mut titled = with_locale(Some("sv"));
        titled.meta.title = Some("Delårsrapport".to_owned());
        let given = build(&valid(titled), &english);
        assert_eq!(given.title_lang, "sv");
    }
}
