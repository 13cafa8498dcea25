//! The projection of an indicator's years after its last actual, as a
//! scenario says (reference §11).
//!
//! A projection fills the years after an indicator's last actual up to the
//! plan's end: `grows 8% per year` compounds from the last actual, `grows 500件
//! per year` adds to it, `= V per year` sets each year, `trend` follows the
//! least-squares line through the actuals. `extends` starts from another
//! scenario's projections and replaces those it names again. The arithmetic
//! is exact; each projected value is rounded to [`PROJECTION_PLACES`]
//! decimal places so that long compound chains stay short and fast. Every
//! projected value is marked as such in the dataset, and so in every output.

use crate::model::data::{Actual, ActualValue, Dataset, Origin};
use crate::model::scenario::{DrawDef, MethodDef, ScenarioDef, PROJECTION_PLACES};
use crate::model::{Plan, RuleId};
use rust_decimal::{Decimal, RoundingStrategy};
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Diagnostic, Localized};

/// The distribution's mean: what a deterministic evaluation of a simulation uses.
pub fn mean(draw: DrawDef) -> Decimal {
    match draw {
        DrawDef::Fixed(value) => value,
        DrawDef::Normal { mean, .. } => mean,
        DrawDef::Uniform { low, high } => (low + high) / Decimal::TWO,
        DrawDef::Triangular { low, mode, high } => (low + mode + high) / Decimal::from(3),
    }
}

/// The next year's value of a stepwise projection; `None` on overflow.
pub fn step(method: &MethodDef, previous: Decimal, amount: Decimal) -> Option<Decimal> {
    let next = match method {
        MethodDef::Compound(_) => previous.checked_mul(Decimal::ONE.checked_add(amount)?)?,
        MethodDef::Increment(_) => previous.checked_add(amount)?,
        MethodDef::Level(_) | MethodDef::Trend => amount,
    };
    Some(rounded(next))
}

fn rounded(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(PROJECTION_PLACES, RoundingStrategy::MidpointAwayFromZero)
}

/// The numeric actuals of one indicator, in year order.
pub fn numeric_actuals(data: &Dataset, rule: RuleId) -> impl Iterator<Item = (i32, Decimal)> + '_ {
    data[rule.0].iter().filter_map(|(year, actual)| match actual.value {
        ActualValue::Number(value) if !actual.projected => Some((*year, value)),
        _ => None,
    })
}

/// The least-squares line `y = intercept + slope × year` through the points; `None`
/// with fewer than two years or on overflow.
pub fn least_squares(points: &[(i32, Decimal)]) -> Option<(Decimal, Decimal)> {
    if points.len() < 2 {
        return None;
    }
    let count = Decimal::from(points.len());
    let mean_x = points.iter().try_fold(Decimal::ZERO, |sum, (x, _)| sum.checked_add(Decimal::from(*x)))?.checked_div(count)?;
    let mean_y = points.iter().try_fold(Decimal::ZERO, |sum, (_, y)| sum.checked_add(*y))?.checked_div(count)?;
    let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
    for (x, y) in points {
        let dx = Decimal::from(*x) - mean_x;
        sxy = sxy.checked_add(dx.checked_mul(y.checked_sub(mean_y)?)?)?;
        sxx = sxx.checked_add(dx.checked_mul(dx)?)?;
    }
    let slope = sxy.checked_div(sxx)?;
    Some((mean_y.checked_sub(slope.checked_mul(mean_x)?)?, slope))
}

/// Where a projection starts: the last actual (year and value), if any.
pub fn last_actual(data: &Dataset, rule: RuleId) -> Option<(i32, Decimal)> {
    numeric_actuals(data, rule).last()
}

/// The dataset with the scenario's projections added (each value drawn at its
/// distribution's mean), and notes on what could not be projected.
pub fn project(plan: &Plan, data: &Dataset, scenario: &ScenarioDef) -> (Dataset, Vec<Diagnostic>) {
    let mut projected = data.clone();
    let mut notes = Vec::new();
    let end = plan.period.1;
    for projection in &scenario.projections {
        let rule = plan.rule(projection.rule);
        let shown = &rule.name;
        let last = last_actual(data, projection.rule);
        let values: Result<Vec<(i32, Decimal)>, Localized> = match (&projection.method, last) {
            (MethodDef::Trend, _) => {
                let points: Vec<(i32, Decimal)> = numeric_actuals(data, projection.rule).collect();
                match least_squares(&points) {
                    None if points.len() < 2 => Err(tr!(
                        "`{shown}` needs actuals in two years or more for a trend: not projected",
                        "「{shown}」の趨勢には2年度以上の実績が必要です。見通しは立てていません"
                    )),
                    None => Err(overflow(shown)),
                    Some((intercept, slope)) => {
                        let first = points[points.len() - 1].0 + 1;
                        (first..=end)
                            .map(|year| {
                                slope
                                    .checked_mul(Decimal::from(year))
                                    .and_then(|v| v.checked_add(intercept))
                                    .map(|v| (year, rounded(v)))
                                    .ok_or_else(|| overflow(shown))
                            })
                            .collect()
                    }
                }
            }
            (MethodDef::Level(amount), last) => {
                let first = last.map_or(plan.period.0, |(year, _)| year + 1);
                Ok((first..=end).map(|year| (year, rounded(mean(amount.draw)))).collect())
            }
            (method, Some((last_year, mut value))) => {
                let amount = mean(method.amount().expect("stepwise methods have an amount").draw);
                let mut values = Vec::new();
                for year in last_year + 1..=end {
                    match step(method, value, amount) {
                        Some(next) => value = next,
                        None => {
                            notes.push(Diagnostic::error(Code::E0301, plan.file, projection.span.clone(), overflow(shown)));
                            break;
                        }
                    }
                    values.push((year, value));
                }
                Ok(values)
            }
            (_, None) => Err(tr!(
                "`{shown}` has no actual to grow from: not projected",
                "「{shown}」には伸ばす元になる実績がありません。見通しは立てていません"
            )),
        };
        match values {
            Ok(values) => {
                let origin = Origin { file: plan.file, span: projection.span.clone() };
                for (year, value) in values {
                    let actual = Actual { value: ActualValue::Number(value), origin: origin.clone(), projected: true };
                    projected[projection.rule.0].insert(year, actual);
                }
            }
            Err(message) => notes.push(Diagnostic::warning(Code::W0260, plan.file, projection.span.clone(), message).with_hint(tr!(
                "give it actuals in two years or more, or project it by an amount (`\"{shown}\" grows 5% per year`, `= 1,000 per year`)",
                "2年度以上の実績を入れるか、量で見通しを立ててください（`\"{shown}\" grows 5% per year`、`= 1,000 per year`）"
            ))),
        }
    }
    (projected, notes)
}

fn overflow(shown: &str) -> Localized {
    tr!("projecting `{shown}` goes outside the exact decimal range", "「{shown}」の見通しが正確に扱える範囲を超えました")
}
