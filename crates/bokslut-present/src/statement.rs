//! Statements and notes as the template sees them: every figure formatted as the core
//! computed it, note references numbered and linked (each reference an anchor of its own, so
//! that the note can link back to it), and the sentence under the table made from what the
//! table is (no income/cost sentence under a balance sheet).

use serde::Serialize;

use bokslut_core::StatementPreset;
use bokslut_core::StatementRowKind;
use bokslut_core::markup::Flow;
use bokslut_core::statement::{ComputedNote, ComputedStatement, Printed, Statements};

use crate::format::NumberFormat;
use crate::labels::Labels;
use crate::money::{HeaderGroup, unit_name};

/// A statement: the template data of `statement` items (and of a note's tables).
#[derive(Debug, Serialize)]
pub struct StatementItem {
    /// Caption above the table (report text), if any.
    pub caption: Option<String>,
    /// Heading of the label column (report text; empty when none).
    pub label_heading: String,
    /// The entities over their columns (report text): one run per entity, its note column
    /// included. Empty for a table of one unnamed entity (a one-row header).
    pub header_groups: Vec<HeaderGroup>,
    /// The columns after the label column, left to right.
    pub columns: Vec<StatementColumn>,
    /// The rows, in order.
    pub rows: Vec<StatementRowItem>,
    /// The sentence under the table (label): unit, signs, what "–" means.
    pub note: String,
    /// Footnotes under it (report text).
    pub footnotes: Vec<String>,
}

/// What a statement's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Each row's own unit (report text).
    Unit,
    /// An entity's note references.
    Note,
    /// Figures.
    Figure,
}

/// A column of a statement.
#[derive(Debug, Serialize)]
pub struct StatementColumn {
    /// `unit`, `note` or `figure`.
    pub kind: ColumnKind,
    /// The heading: a label ("Not", "Enhet") or the report's text ("2018").
    pub heading: String,
    /// Whether the heading is a label.
    pub heading_is_label: bool,
}

/// A row of a statement.
#[derive(Debug, Serialize)]
pub struct StatementRowItem {
    /// `figures`, `heading`, `sum`, `result` or `spacer`.
    pub kind: &'static str,
    /// A heading's level (1 the outermost: TILLGÅNGAR), else that of the heading above it.
    pub level: u32,
    /// A "varav" row: printed indented, in a lighter style.
    pub varav: bool,
    /// A row outside the sums.
    pub outside: bool,
    /// The label (report text; it may begin with "–" or "+").
    pub label: String,
    /// A footnote marker after the label (report text), if any.
    pub marker: Option<String>,
    /// One cell per column.
    pub cells: Vec<StatementCell>,
}

/// A cell of a statement row.
#[derive(Debug, Serialize)]
pub struct StatementCell {
    /// The kind of its column.
    pub kind: ColumnKind,
    /// A figure formatted (a label: the labels' conventions), "–", a unit (report text), or
    /// empty; in a note column the references' numbers joined by ", ".
    pub text: String,
    /// In a note column, each reference: a link to its note.
    pub refs: Vec<NoteRef>,
    /// A figure's footnote marker (report text), printed raised after it, if any.
    pub marker: Option<String>,
}

/// A reference from a row to a note.
#[derive(Debug, Clone, Serialize)]
pub struct NoteRef {
    /// The note's number, as printed.
    pub number: String,
    /// The note's anchor (`note-pensions`): the link's target.
    pub target: String,
    /// This reference's own anchor (`ref-pensions-1`), for the note's way back.
    pub anchor: String,
}

/// A note: the template data of `note` items.
#[derive(Debug, Serialize)]
pub struct NoteItem {
    /// The heading level (one below the chapter's).
    pub level: usize,
    /// The number, as printed.
    pub number: String,
    /// "Not 3" (label).
    pub heading: String,
    /// The title (report text).
    pub title: String,
    /// The anchor rows link to (`note-pensions`).
    pub anchor: String,
    /// The note's text (report text), as a flow.
    pub content: Vec<Flow>,
    /// Its tables.
    pub tables: Vec<StatementItem>,
    /// "Hänvisning från" (label), before the links back.
    pub back_label: String,
    /// The rows that refer to the note, in document order: links back.
    pub back: Vec<BackRef>,
}

/// A way back from a note to a row that refers to it.
#[derive(Debug, Clone, Serialize)]
pub struct BackRef {
    /// The reference's anchor.
    pub anchor: String,
    /// The table's caption (report text; empty when none).
    pub table: String,
    /// The row's label (report text).
    pub row: String,
}

/// Note references numbered as the document goes: each reference's anchor, and the way
/// back of every note.
#[derive(Debug, Default)]
pub struct References {
    /// Per note (index into [`Statements::notes`]): the references to it, in order.
    back: Vec<Vec<BackRef>>,
}

impl References {
    /// The references to the note of this index so far.
    pub fn back(&self, index: usize) -> Vec<BackRef> {
        self.back.get(index).cloned().unwrap_or_default()
    }

    /// The state for a report's notes.
    pub fn new(statements: &Statements) -> References {
        References {
            back: vec![Vec::new(); statements.notes.len()],
        }
    }
}

fn note_anchor(note: &ComputedNote) -> String {
    format!("note-{}", note.id)
}

/// The template data of a statement; `refs` numbers its note references.
pub fn item(
    table: &ComputedStatement,
    statements: &Statements,
    refs: &mut References,
    labels: &Labels,
    numbers: &NumberFormat,
) -> StatementItem {
    let mut columns = Vec::new();
    let mut header_groups = Vec::new();
    if table.unit_column {
        columns.push(StatementColumn {
            kind: ColumnKind::Unit,
            heading: labels.get("statement-col-unit"),
            heading_is_label: true,
        });
        header_groups.push(HeaderGroup {
            heading: None,
            first: 0,
            span: 1,
        });
    }
    for (e, (_, heading)) in table.entities.iter().enumerate() {
        let first = columns.len();
        if table.note_columns[e] {
            columns.push(StatementColumn {
                kind: ColumnKind::Note,
                heading: labels.get("statement-col-note"),
                heading_is_label: true,
            });
        }
        for c in &table.columns {
            columns.push(StatementColumn {
                kind: ColumnKind::Figure,
                heading: c.clone(),
                heading_is_label: false,
            });
        }
        header_groups.push(HeaderGroup {
            heading: heading.clone(),
            first,
            span: columns.len() - first,
        });
    }
    if table.entities.iter().all(|(_, h)| h.is_none()) {
        header_groups.clear();
    }
    let caption = table.caption.clone().unwrap_or_default();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut cells = Vec::new();
            if table.unit_column {
                cells.push(StatementCell {
                    kind: ColumnKind::Unit,
                    text: row.unit.clone().unwrap_or_default(),
                    refs: Vec::new(),
                    marker: None,
                });
            }
            for (e, figures) in row.cells.iter().enumerate() {
                if table.note_columns[e] {
                    let linked: Vec<NoteRef> = row.notes[e]
                        .iter()
                        .map(|&n| {
                            let note = &statements.notes[n];
                            let back = &mut refs.back[n];
                            let anchor = format!("ref-{}-{}", note.id, back.len() + 1);
                            back.push(BackRef {
                                anchor: anchor.clone(),
                                table: caption.clone(),
                                row: row.label.clone(),
                            });
                            NoteRef {
                                number: note.number.to_string(),
                                target: note_anchor(note),
                                anchor,
                            }
                        })
                        .collect();
                    cells.push(StatementCell {
                        kind: ColumnKind::Note,
                        text: linked
                            .iter()
                            .map(|r| r.number.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        refs: linked,
                        marker: None,
                    });
                }
                for (c, cell) in figures.iter().enumerate() {
                    cells.push(StatementCell {
                        kind: ColumnKind::Figure,
                        text: match cell {
                            Printed::Empty => String::new(),
                            Printed::Dash => "–".to_owned(),
                            Printed::Figure(v) => numbers.number(*v),
                        },
                        refs: Vec::new(),
                        marker: row.markers[e][c].clone(),
                    });
                }
            }
            StatementRowItem {
                kind: match row.kind {
                    StatementRowKind::Figures => "figures",
                    StatementRowKind::Heading => "heading",
                    StatementRowKind::Sum => "sum",
                    StatementRowKind::Result => "result",
                    StatementRowKind::Spacer => "spacer",
                },
                level: row.level,
                varav: row.varav,
                outside: row.outside,
                label: row.label.clone(),
                marker: row.marker.clone(),
                cells,
            }
        })
        .collect();
    StatementItem {
        caption: table.caption.clone(),
        label_heading: table.label_heading.clone().unwrap_or_default(),
        header_groups,
        columns,
        rows,
        note: note(table, labels),
        footnotes: table.footnotes.clone(),
    }
}

/// The sentence under a statement: what is true of this table only.
fn note(table: &ComputedStatement, labels: &Labels) -> String {
    let mut sentences = Vec::new();
    if let Some(unit) = table.unit {
        let unit = unit_name(unit, labels);
        let id = match table.preset {
            Some(StatementPreset::IncomeStatement) => "statement-note-income",
            Some(StatementPreset::CashFlow) => "statement-note-cash-flow",
            _ => "money-note-unit",
        };
        sentences.push(labels.format(id, &[("unit", &unit)]));
    }
    if table.has_dash {
        sentences.push(labels.get("statement-note-dash"));
    }
    sentences.join(" ")
}

/// The template data of a note at `level` (its chapter's); its references must have been
/// numbered ([`item`] of every statement) first.
pub fn note_item(
    note: &ComputedNote,
    index: usize,
    level: usize,
    statements: &Statements,
    refs: &mut References,
    labels: &Labels,
    numbers: &NumberFormat,
) -> NoteItem {
    let tables = note
        .tables
        .iter()
        .map(|t| item(t, statements, refs, labels, numbers))
        .collect();
    NoteItem {
        level: level + 1,
        number: note.number.to_string(),
        heading: labels.format("note-heading", &[("number", &note.number.to_string())]),
        title: note.title.clone(),
        anchor: note_anchor(note),
        // The note's text, with the figures it binds: given by the document's builder.
        content: Vec::new(),
        tables,
        back_label: labels.get("note-back"),
        back: refs.back(index),
    }
}
