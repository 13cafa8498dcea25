//! Judging the plan's scales (reference §5.2): the first step of `grades { … }` or
//! `points { … }` whose conditions all hold for a rule's figures, or for a group's
//! (its rules' mean pace achievement and mean points). A condition on a figure that is
//! not known does not hold. An actual is compared with the rule's target, baseline or
//! expected value in the rule's direction, and the change from the baseline is
//! positive when it is better, so one scale serves rules that aim up and rules that
//! aim down.

use super::outcome::Outcome;
use crate::model::scale::{Against, Condition};
use crate::model::{Grade, PointStep};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Benchmark, Comparator, Figure};

/// The figures a scale's conditions read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Figures {
    /// The rule's actual, target, baseline and expected value.
    pub actual: Option<Decimal>,
    /// The target.
    pub target: Option<Decimal>,
    /// The baseline.
    pub baseline: Option<Decimal>,
    /// The expected value.
    pub expected: Option<Decimal>,
    /// 達成率.
    pub achievement: Option<Decimal>,
    /// The pace achievement (a group's: the mean of its rules').
    pub pace: Option<Decimal>,
    /// 進捗率.
    pub progress: Option<Decimal>,
    /// The points from the plan's points scale (a group's: the mean of its rules').
    pub points: Option<Decimal>,
    /// Whether lower values are better (the rule's target is a ceiling: `<=`, `<`).
    pub lower_is_better: bool,
}

impl Figures {
    /// A rule's figures, from its outcome and its comparator.
    pub fn of_rule(outcome: &Outcome, comparator: Comparator) -> Figures {
        Figures {
            actual: outcome.actual,
            target: outcome.target,
            baseline: outcome.baseline,
            expected: outcome.expected,
            achievement: outcome.achievement,
            pace: outcome.pace_achievement,
            progress: outcome.progress,
            points: None,
            lower_is_better: matches!(comparator, Comparator::AtMost | Comparator::Below),
        }
    }

    /// A figure's value; `None` when it is not known.
    pub fn value(&self, figure: Figure) -> Option<Decimal> {
        match figure {
            Figure::Actual => self.actual,
            Figure::Achievement => self.achievement,
            Figure::Pace => self.pace,
            Figure::Progress => self.progress,
            Figure::Points => self.points,
            Figure::Change => {
                let (actual, baseline) = (self.actual?, self.baseline?);
                let change = actual.checked_sub(baseline)?.checked_div(baseline.abs())?;
                Some(if self.lower_is_better { -change } else { change })
            }
        }
    }

    /// The value a condition compares with: a number, or the rule's benchmark times its factor.
    pub fn against(&self, against: Against) -> Option<Decimal> {
        match against {
            Against::Value(value) => Some(value),
            Against::Benchmark(benchmark, factor) => {
                let value = match benchmark {
                    Benchmark::Target => self.target,
                    Benchmark::Baseline => self.baseline,
                    Benchmark::Expected => self.expected,
                };
                value?.checked_mul(factor)
            }
        }
    }

    /// Whether a condition holds; `None` when a figure it reads is not known.
    pub fn holds(&self, condition: &Condition) -> Option<bool> {
        let (value, against) = (self.value(condition.figure)?, self.against(condition.against)?);
        // An actual is better or worse in the rule's direction: `actual >= target` on a
        // rule that aims down holds when the actual is at or under the target.
        let (value, against) =
            if condition.figure == Figure::Actual && self.lower_is_better { (-value, -against) } else { (value, against) };
        Some(condition.comparator.holds(value, against))
    }

    /// Whether every condition of a step holds (a step with none always does).
    pub fn reaches(&self, when: &[Condition]) -> bool {
        when.iter().all(|condition| self.holds(condition) == Some(true))
    }
}

/// The index of the first grade whose conditions hold.
pub fn grade(grades: &[Grade], figures: &Figures) -> Option<usize> {
    grades.iter().position(|grade| figures.reaches(&grade.when))
}

/// The index of the first points step whose conditions hold.
pub fn points(steps: &[PointStep], figures: &Figures) -> Option<usize> {
    steps.iter().position(|step| figures.reaches(&step.when))
}
