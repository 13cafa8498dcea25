//! The formulas of the reference (§7) as pure functions on exact decimals:
//! achievement, progress, the pace line, the pro-rata share of a `total`,
//! the status. The evaluator (`judge`) calls these and only these,
//! so that each formula is written once and tested on its own.

use super::outcome::Status;
use rust_decimal::{Decimal, RoundingStrategy};
use shihyo_syntax::ast::Comparator;

/// Why a formula has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// Outside the exact decimal range (E0301).
    Overflow,
    /// A division by zero (E0302).
    DivisionByZero,
}

/// `a / b` (rounded once where it does not terminate); [`Arith::DivisionByZero`] when `b` is 0.
pub fn divide(a: Decimal, b: Decimal) -> Result<Decimal, Arith> {
    if b.is_zero() {
        return Err(Arith::DivisionByZero);
    }
    a.checked_div(b).ok_or(Arith::Overflow)
}

/// `a × b`, or [`Arith::Overflow`] outside the exact decimal range.
pub fn multiply(a: Decimal, b: Decimal) -> Result<Decimal, Arith> {
    a.checked_mul(b).ok_or(Arith::Overflow)
}

/// `a + b`, or [`Arith::Overflow`] outside the exact decimal range.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Arith> {
    a.checked_add(b).ok_or(Arith::Overflow)
}

/// `a − b`, or [`Arith::Overflow`] outside the exact decimal range.
pub fn subtract(a: Decimal, b: Decimal) -> Result<Decimal, Arith> {
    a.checked_sub(b).ok_or(Arith::Overflow)
}

/// Achievement of `actual` against `target` for the comparator; `None` where no
/// ratio means anything (a target of 0 to exceed, or signs across zero).
pub fn achievement(comparator: Comparator, actual: Decimal, target: Decimal) -> Result<Option<Decimal>, Arith> {
    // Below zero (a deficit: `<= △54,317千円`) a ratio reads the other way round; across
    // zero no ratio means anything, and the status alone judges the rule.
    let negative = |v: Decimal| v.is_sign_negative() && !v.is_zero();
    if negative(actual) || negative(target) {
        let both_negative = actual < Decimal::ZERO && target < Decimal::ZERO;
        return Ok(match comparator {
            Comparator::Equal => Some(Decimal::ONE - divide(subtract(actual, target)?.abs(), target.abs())?),
            _ if !both_negative => None,
            Comparator::AtLeast | Comparator::Above => Some(divide(target, actual)?),
            Comparator::AtMost | Comparator::Below => Some(divide(actual, target)?),
        });
    }
    Ok(match comparator {
        Comparator::AtLeast | Comparator::Above if target.is_zero() => None,
        Comparator::AtLeast | Comparator::Above => Some(divide(actual, target)?),
        Comparator::AtMost | Comparator::Below if actual.is_zero() => Some(Decimal::ONE),
        Comparator::AtMost | Comparator::Below => Some(divide(target, actual)?),
        Comparator::Equal if target.is_zero() => actual.is_zero().then_some(Decimal::ONE),
        Comparator::Equal => Some(Decimal::ONE - divide(subtract(actual, target)?.abs(), target.abs())?),
    })
}

/// Progress `(A − B) / (end − B)`; `None` without a baseline or when `end` is the baseline.
pub fn progress(actual: Decimal, baseline: Option<Decimal>, end: Decimal) -> Result<Option<Decimal>, Arith> {
    match baseline {
        Some(b) if b != end => Ok(Some(divide(subtract(actual, b)?, subtract(end, b)?)?)),
        _ => Ok(None),
    }
}

/// A point of the pace line, and the segment it was read from (for explanations).
pub struct Pace {
    /// The expected value (E) in the year, in the indicator's base units (円, a ratio for %).
    pub value: Decimal,
    /// The two points the value lies between, when it lies strictly between two.
    pub between: Option<((i32, Decimal), (i32, Decimal))>,
}

/// The pace value in `year` on the line through `points` (in increasing year
/// order): the first point's value before it, the last one's after it, and the
/// straight line between the two points around `year`.
pub fn pace(points: &[(i32, Decimal)], year: i32) -> Result<Pace, Arith> {
    let (first, last) = (points[0], points[points.len() - 1]);
    if year <= first.0 {
        return Ok(Pace { value: first.1, between: None });
    }
    if year >= last.0 {
        return Ok(Pace { value: last.1, between: None });
    }
    let index = points.partition_point(|(y, _)| *y <= year);
    let ((y0, v0), (y1, v1)) = (points[index - 1], points[index]);
    // (v0·(y1 − year) + v1·(year − y0)) / (y1 − y0): one division, last, so that a
    // value that terminates is exact (51,832, not 51,832.000…001).
    let weighted = add(multiply(v0, Decimal::from(y1 - year))?, multiply(v1, Decimal::from(year - y0))?)?;
    let value = divide(weighted, Decimal::from(y1 - y0))?;
    Ok(Pace { value, between: Some(((y0, v0), (y1, v1))) })
}

/// The expected share of a `total` target by `year`: the value, and the shares done and
/// in all — years for a `total`; for a `total recurring`, the years each year's equal new
/// effect has counted, summed (d(d + 1) / 2 of n(n + 1) / 2: 1 + 2 + … + d of 1 + 2 + … + n).
pub fn pro_rata(target: Decimal, year: i32, start: i32, target_year: i32, recurring: bool) -> Result<(Decimal, Decimal, Decimal), Arith> {
    let all_years = i64::from((target_year - start + 1).max(1));
    let done_years = i64::from((year - start + 1).max(0)).min(all_years);
    let share = |years: i64| if recurring { years * (years + 1) / 2 } else { years };
    let (done, all) = (Decimal::from(share(done_years)), Decimal::from(share(all_years)));
    // Multiplied before divided, so that a share that terminates is exact.
    Ok((divide(multiply(target, done)?, all)?, done, all))
}

/// The status of a rule judged in its target year (`final_year`) or before it.
pub fn status(final_year: bool, holds: bool) -> Status {
    match (final_year, holds) {
        (true, true) => Status::Achieved,
        (true, false) => Status::NotAchieved,
        (false, true) => Status::OnTrack,
        (false, false) => Status::Behind,
    }
}

/// Rounds half away from zero (四捨五入) to `digits` places (negative: tens, hundreds…).
pub fn round(value: Decimal, digits: i32) -> Option<Decimal> {
    if digits >= 0 {
        return Some(value.round_dp_with_strategy(digits.unsigned_abs(), RoundingStrategy::MidpointAwayFromZero));
    }
    let factor = Decimal::from_i128_with_scale(10_i128.checked_pow(digits.unsigned_abs())?, 0);
    value.checked_div(factor)?.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero).checked_mul(factor)
}
