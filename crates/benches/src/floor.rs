//! The floor: each benchmark case's comparison written by hand in Rust with rust_decimal —
//! what a program that needs no rules language would write, with the same exact, checked
//! arithmetic shihyo uses (an overflow or a division by zero is no answer, not a panic). A
//! compiled rule is measured against it (goal: within 2×).

use crate::peers::{Case, Record};
use rust_decimal::Decimal;

/// What a case computes, by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Floor {
    /// `growth`, `share`: whether the comparison holds.
    Holds(Option<bool>),
    /// `grade`: the grade's index from the top (A = 0).
    Grade(usize),
    /// `spread`: the value.
    Value(Option<Decimal>),
}

/// The case `case` on `record`, by hand.
pub fn evaluate(case: Case, record: &Record) -> Floor {
    match case {
        Case::Growth => Floor::Holds(record.baseline.checked_mul(Decimal::new(15, 1)).map(|target| record.current >= target)),
        Case::Share => Floor::Holds(record.online.checked_div(record.total).map(|share| share >= Decimal::new(6, 1))),
        Case::Grade => {
            let p = record.p;
            Floor::Grade([Decimal::ONE, Decimal::new(8, 1), Decimal::new(6, 1)].iter().position(|step| p >= *step).unwrap_or(3))
        }
        Case::Spread => Floor::Value(record.a.max(record.b).checked_sub(record.c.min(record.d))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_computes_what_the_cases_say() {
        let record = Record::sample();
        assert_eq!(evaluate(Case::Growth, &record), Floor::Holds(Some(true)));
        assert_eq!(evaluate(Case::Share, &record), Floor::Holds(Some(true)));
        assert_eq!(evaluate(Case::Grade, &record), Floor::Grade(1));
        assert_eq!(evaluate(Case::Spread, &record), Floor::Value(Some(Decimal::new(25, 1))));
    }
}
