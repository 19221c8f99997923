//! The report's tables by id: what a chart (`table = "drift"`) and a figure bound in the
//! text (`{=drift/Kommunstyrelsen/deviation}`) name: financial tables, statements, and the
//! tables of notes (by their own ids, or a note's only table by the note's id). One index, one rule for an id that is
//! unknown (the known ids listed, the nearest suggested) or given to two tables.

use crate::compute::ComputedTable;
use crate::model::{Block, GoalTable, Report, StatementTable};
use crate::statement::{ComputedStatement, Statements};
use crate::tree::{Item, each};

/// A table that can be named: a financial table (its index among the computed tables) or a
/// statement (computed, and its model).
pub(crate) enum Named<'a> {
    /// A financial or investment table.
    Money(usize, &'a ComputedTable),
    /// A statement.
    Statement(&'a ComputedStatement, &'a StatementTable),
    /// A goal table: its indicators' values, by the indicators' names.
    Goals(&'a GoalTable),
}

/// The tables of the report that have an id, in document order: computed tables are in the
/// order of their blocks.
pub(crate) fn index<'a>(
    report: &'a Report,
    tables: &'a [ComputedTable],
    statements: &'a Statements,
) -> Vec<(String, Named<'a>)> {
    let mut named = Vec::new();
    let (mut money, mut stated, mut noted) = (0usize, 0usize, 0usize);
    each(report, &mut |_, item, _| match item {
        Item::Block(Block::Finance(t) | Block::Investments(t)) => {
            if let (Some(id), Some(computed)) = (&t.id, tables.get(money)) {
                named.push((id.clone(), Named::Money(money, computed)));
            }
            money += 1;
        }
        Item::Block(Block::Statement(t)) => {
            if let (Some(id), Some(computed)) = (&t.id, statements.tables.get(stated)) {
                named.push((id.clone(), Named::Statement(computed, t)));
            }
            stated += 1;
        }
        Item::Block(Block::Goals(t)) => {
            if let Some(id) = &t.id {
                named.push((id.clone(), Named::Goals(t)));
            }
        }
        // A note's tables by their ids; a note's only table without one by the note's id.
        Item::Block(Block::Note(note)) => {
            if let Some(computed) = statements.notes.get(noted) {
                for (t, c) in note.tables.iter().zip(&computed.tables) {
                    match &t.id {
                        Some(id) => named.push((id.clone(), Named::Statement(c, t))),
                        None if note.tables.len() == 1 => {
                            named.push((computed.id.clone(), Named::Statement(c, t)));
                        }
                        None => {}
                    }
                }
            }
            noted += 1;
        }
        _ => {}
    });
    named
}

/// The table `id`, or why not: a message to follow `who` ("the chart takes its figures
/// from") and a hint.
pub(crate) fn find<'n, 'a>(
    named: &'n [(String, Named<'a>)],
    id: &str,
    who: &str,
) -> Result<&'n Named<'a>, (String, Option<String>)> {
    let mut found = named.iter().filter(|(n, _)| n == id);
    match (found.next(), found.next()) {
        (Some((_, table)), None) => Ok(table),
        (Some(_), Some(_)) => Err((
            format!(
                "{who} the table `{id}`, but two tables of the report have that id: give them ids of their own"
            ),
            None,
        )),
        (None, _) => {
            let mut known: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
            known.sort();
            let ids = if known.is_empty() {
                "the report has no table with an id".to_owned()
            } else {
                format!("its tables' ids: {}", known.join(", "))
            };
            Err((
                format!("{who} the table `{id}`, which the report does not have ({ids})"),
                crate::suggest::code_hint(id, known.iter().copied()),
            ))
        }
    }
}

/// The row of a financial table with the label `label` (not a group heading), or its total
/// row by `total` when no row has that label: how a chart and a bound figure name a
/// financial table's rows.
pub(crate) fn money_row(table: &ComputedTable, label: &str) -> Option<usize> {
    use crate::compute::ComputedRowKind;
    table
        .rows
        .iter()
        .position(|r| {
            r.kind != ComputedRowKind::Group
                && r.label.as_deref().unwrap_or_default().trim() == label.trim()
        })
        .or_else(|| {
            (label.trim() == "total")
                .then(|| {
                    table
                        .rows
                        .iter()
                        .position(|r| r.kind == ComputedRowKind::Total)
                })
                .flatten()
        })
}

/// The row of a statement with the id `key`, else with the label `key`.
pub(crate) fn statement_row(model: &StatementTable, key: &str) -> Option<usize> {
    model
        .rows
        .iter()
        .position(|r| r.id.as_deref() == Some(key))
        .or_else(|| model.rows.iter().position(|r| r.label.trim() == key.trim()))
}
