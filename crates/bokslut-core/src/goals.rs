//! The assessment of goals and indicators (måluppfyllelse).
//!
//! A goal or an indicator carries the `status` its author gave it. In a goal table with
//! `assess = true`, an indicator without one is assessed here from its current value and its
//! target, once, by the core: the layout prints what [`status`] returns and never compares
//! figures itself.
//!
//! The rules, for a current value `v` and a target value `t` of the same numeric kind
//! (`percent`, `count` with the same unit, `amount`, `number`), with a band of `b` percent
//! (the table's `partly_band`, none when absent):
//!
//! * `level`: met when `v = t`; partly met when `|v − t| ≤ |t|·b/100`.
//! * `at_least`: met when `v ≥ t`; partly met when `v ≥ t − |t|·b/100`.
//! * `at_most`: met when `v ≤ t`; partly met when `v ≤ t + |t|·b/100`.
//! * `increase_from` (baseline `t`): met when `v > t`; partly met when `v ≥ t − |t|·b/100`
//!   (unchanged, or fallen by at most the band).
//! * `decrease_from` (baseline `t`): met when `v < t`; partly met when `v ≤ t + |t|·b/100`.
//!
//! Anything else is not met. An indicator with no current value, no target, or values of
//! another kind (`yes_no`, `text`, or kinds that differ) is not assessed.

use rust_decimal::Decimal;

use crate::model::{GoalTable, Indicator, Relation, Status, Value};

/// The status printed for an indicator of `table`: the one its author gave, else the computed
/// one when the table assesses, else none.
pub fn status(table: &GoalTable, indicator: &Indicator) -> Option<Status> {
    indicator.status.or_else(|| {
        table
            .assess
            .then(|| computed(indicator, table.partly_band).unwrap_or(Status::NotAssessed))
    })
}

/// The status computed from an indicator's current value and target, with a partly-met band
/// in percent; `None` when the two cannot be compared (see the module's rules).
pub fn computed(indicator: &Indicator, band: Option<Decimal>) -> Option<Status> {
    let target = indicator.target.as_ref()?;
    let v = number(indicator.current.as_ref()?, &target.value)?;
    let t = number(&target.value, indicator.current.as_ref()?)?;
    let slack = band.map(|b| t.abs() * b / Decimal::ONE_HUNDRED);
    let partly = |ok: &dyn Fn(Decimal) -> bool| slack.is_some_and(ok);
    let (met, partly) = match target.relation {
        Relation::Level => (v == t, partly(&|s| (v - t).abs() <= s)),
        Relation::AtLeast => (v >= t, partly(&|s| v >= t - s)),
        Relation::IncreaseFrom => (v > t, partly(&|s| v >= t - s)),
        Relation::AtMost => (v <= t, partly(&|s| v <= t + s)),
        Relation::DecreaseFrom => (v < t, partly(&|s| v <= t + s)),
    };
    Some(if met {
        Status::Met
    } else if partly {
        Status::PartlyMet
    } else {
        Status::NotMet
    })
}

/// The number of `value` when it can be compared with `other`: both of the same numeric kind
/// (counts with the same unit).
fn number(value: &Value, other: &Value) -> Option<Decimal> {
    match (value, other) {
        (Value::Percent(a), Value::Percent(_))
        | (Value::Amount(a), Value::Amount(_))
        | (Value::Number(a), Value::Number(_)) => Some(*a),
        (Value::Count { value, unit }, Value::Count { unit: u, .. }) if unit == u => Some(*value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;

    fn ind(current: Value, relation: Relation, target: Value) -> Indicator {
        Indicator {
            name: "x".into(),
            current: Some(current),
            forecast: None,
            target: Some(Target {
                relation,
                value: target,
            }),
            status: None,
            comment: None,
        }
    }

    fn pct(n: i64) -> Value {
        Value::Percent(Decimal::from(n))
    }

    fn check(relation: Relation, target: i64, cases: &[(i64, Option<i64>, Status)]) {
        for &(current, band, expected) in cases {
            let i = ind(pct(current), relation, pct(target));
            assert_eq!(
                computed(&i, band.map(Decimal::from)),
                Some(expected),
                "{relation:?} {target}, current {current}, band {band:?}"
            );
        }
    }

    use Status::*;

    #[test]
    fn level() {
        check(
            Relation::Level,
            80,
            &[
                (80, None, Met),
                (79, None, NotMet),
                (81, None, NotMet),
                (72, Some(10), PartlyMet),
                (88, Some(10), PartlyMet),
                (71, Some(10), NotMet),
                (89, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn at_least() {
        check(
            Relation::AtLeast,
            90,
            &[
                (90, None, Met),
                (95, None, Met),
                (89, None, NotMet),
                (81, Some(10), PartlyMet),
                (80, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn at_most() {
        check(
            Relation::AtMost,
            10,
            &[
                (10, None, Met),
                (5, None, Met),
                (11, None, NotMet),
                (11, Some(10), PartlyMet),
                (12, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn increase_from() {
        check(
            Relation::IncreaseFrom,
            50,
            &[
                (51, None, Met),
                (50, None, NotMet),
                (50, Some(10), PartlyMet),
                (45, Some(10), PartlyMet),
                (44, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn decrease_from() {
        check(
            Relation::DecreaseFrom,
            50,
            &[
                (49, None, Met),
                (50, None, NotMet),
                (50, Some(10), PartlyMet),
                (55, Some(10), PartlyMet),
                (56, Some(10), NotMet),
            ],
        );
    }

    #[test]
    fn other_kinds_and_missing_values_are_not_computed() {
        let text = ind(Value::Text("bra".into()), Relation::Level, pct(1));
        assert_eq!(computed(&text, None), None);
        let mixed = ind(Value::Amount(Decimal::ONE), Relation::Level, pct(1));
        assert_eq!(computed(&mixed, None), None);
        let count = |unit: &str| Value::Count {
            value: Decimal::TEN,
            unit: Some(unit.into()),
        };
        let units = ind(count("st"), Relation::Level, count("dagar"));
        assert_eq!(computed(&units, None), None);
        assert_eq!(
            computed(&ind(count("st"), Relation::Level, count("st")), None),
            Some(Met)
        );
        let mut none = ind(pct(1), Relation::Level, pct(1));
        none.current = None;
        assert_eq!(computed(&none, None), None);
        let mut table = GoalTable {
            caption: None,
            council_goals: vec![],
            assess: false,
            partly_band: None,
        };
        assert_eq!(status(&table, &none), None);
        table.assess = true;
        assert_eq!(status(&table, &none), Some(NotAssessed));
        none.status = Some(Met);
        assert_eq!(status(&table, &none), Some(Met));
    }
}
