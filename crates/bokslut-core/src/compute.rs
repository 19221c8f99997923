//! Everything derived from the data: deviations, sums, and the checks of stated totals.
//!
//! A figure that can be computed is never typed in: the layout prints what this module
//! returns. All arithmetic is checked, so an absurdly large amount is an error, not a panic.

use rust_decimal::Decimal;

use crate::model::{MoneyRow, MoneyTable, SignConvention};

/// One row with its deviation computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedRow {
    /// The row label (empty for the sum row).
    pub label: String,
    /// Budget.
    pub budget: Decimal,
    /// Outcome to the outcome date.
    pub outcome: Decimal,
    /// Full-year forecast.
    pub forecast: Decimal,
    /// Deviation, positive when favourable (see [`SignConvention`]).
    pub deviation: Decimal,
}

/// A money table with every deviation and the sum row computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyTableSums {
    /// The rows, with deviations.
    pub rows: Vec<ComputedRow>,
    /// The sum of each column.
    pub total: ComputedRow,
}

/// A computation that would leave the range of exact decimals.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the amounts in the table \"{table}\" are too large to add up exactly")]
pub struct Overflow {
    /// Label heading or first row of the table, to find it.
    pub table: String,
}

impl SignConvention {
    /// Deviation of a forecast from its budget, positive when favourable.
    pub fn deviation(self, budget: Decimal, forecast: Decimal) -> Option<Decimal> {
        match self {
            SignConvention::IncomeNegative => budget.checked_sub(forecast),
            SignConvention::IncomePositive => forecast.checked_sub(budget),
        }
    }
}

impl MoneyTable {
    /// A name for the table in messages: its label heading, or its first row's label.
    pub fn name(&self) -> String {
        self.label_heading
            .clone()
            .filter(|h| !h.is_empty())
            .or_else(|| self.rows.first().map(|r| r.label.clone()))
            .unwrap_or_default()
    }

    /// Computes each row's deviation and the sum row.
    pub fn sums(&self) -> Result<MoneyTableSums, Overflow> {
        let overflow = || Overflow { table: self.name() };
        let conv = self.convention;
        let row = |r: &MoneyRow| -> Option<ComputedRow> {
            Some(ComputedRow {
                label: r.label.clone(),
                budget: r.budget,
                outcome: r.outcome,
                forecast: r.forecast,
                deviation: conv.deviation(r.budget, r.forecast)?,
            })
        };
        let rows: Vec<ComputedRow> = self
            .rows
            .iter()
            .map(row)
            .collect::<Option<_>>()
            .ok_or_else(overflow)?;
        let sum = |f: fn(&ComputedRow) -> Decimal| {
            rows.iter()
                .try_fold(Decimal::ZERO, |acc, r| acc.checked_add(f(r)))
        };
        let total = ComputedRow {
            label: String::new(),
            budget: sum(|r| r.budget).ok_or_else(overflow)?,
            outcome: sum(|r| r.outcome).ok_or_else(overflow)?,
            forecast: sum(|r| r.forecast).ok_or_else(overflow)?,
            deviation: sum(|r| r.deviation).ok_or_else(overflow)?,
        };
        Ok(MoneyTableSums { rows, total })
    }

    /// Compares the totals stated in the data with the computed ones: one message per
    /// column that disagrees, naming both figures.
    pub fn stated_total_mismatches(&self, sums: &MoneyTableSums) -> Vec<String> {
        let Some(stated) = &self.stated_total else {
            return Vec::new();
        };
        let t = &sums.total;
        [
            ("budget", stated.budget, t.budget),
            ("outcome", stated.outcome, t.outcome),
            ("forecast", stated.forecast, t.forecast),
            ("deviation", stated.deviation, t.deviation),
        ]
        .into_iter()
        .filter_map(|(column, stated, computed)| {
            let stated = stated?;
            (stated != computed).then(|| {
                format!(
                    "the stated {column} total of \"{}\" is {stated}, but its rows add up to {computed}",
                    self.name()
                )
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatedTotal;

    fn table(convention: SignConvention) -> MoneyTable {
        let row = |label: &str, b: i64, o: i64, f: i64| MoneyRow {
            label: label.into(),
            budget: b.into(),
            outcome: o.into(),
            forecast: f.into(),
        };
        MoneyTable {
            label_heading: None,
            outcome_date: None,
            convention,
            rows: vec![
                row("Intäkter", -34559, -20222, -34620),
                row("Personal", 12337, 5672, 10800),
            ],
            stated_total: None,
        }
    }

    #[test]
    fn deviation_follows_the_convention() {
        let s = table(SignConvention::IncomeNegative).sums().unwrap();
        assert_eq!(s.rows[0].deviation, Decimal::from(61));
        assert_eq!(s.rows[1].deviation, Decimal::from(1537));
        assert_eq!(s.total.budget, Decimal::from(-22222));
        assert_eq!(s.total.deviation, Decimal::from(1598));
        let s = table(SignConvention::IncomePositive).sums().unwrap();
        assert_eq!(s.rows[0].deviation, Decimal::from(-61));
    }

    #[test]
    fn stated_totals_are_checked() {
        let mut t = table(SignConvention::IncomeNegative);
        t.stated_total = Some(StatedTotal {
            budget: Some((-22222).into()),
            outcome: Some(1.into()),
            ..Default::default()
        });
        let msgs = t.stated_total_mismatches(&t.sums().unwrap());
        assert_eq!(msgs.len(), 1);
        assert!(
            msgs[0].contains("is 1, but its rows add up to -14550"),
            "{msgs:?}"
        );
    }

    #[test]
    fn overflow_is_an_error() {
        let mut t = table(SignConvention::IncomeNegative);
        t.rows[0].budget = Decimal::MAX;
        t.rows[1].budget = Decimal::MAX;
        assert!(t.sums().is_err());
    }
}
