//! The plan's scales: its grades (`grades { A >= 100%, S when actual >= target, … }`)
//! and its points (`points { 7 >= 100%, … }`), each a list of steps tried from the
//! top, with their numbers read (reference §5.2). How a step is judged lives in the
//! evaluator (`eval::scale`), how it is shown in `output::display`.

use rust_decimal::Decimal;
use shihyo_syntax::ast::{Benchmark, Comparator, Figure};

/// A group's own scales (`grades { … }` or `points { … }` written in the group), each with
/// what it does not write taken from the group above it.
#[derive(Clone, Debug)]
pub struct Scale {
    /// The grade scale of the group's rules and inner groups.
    pub grades: Vec<Grade>,
    /// Its points scale (empty: none).
    pub points: Vec<PointStep>,
}

/// One step of the plan's grade scale (`B >= 80%`, `S when actual >= target`).
#[derive(Clone, Debug)]
pub struct Grade {
    /// The grade's name (`A`, `良`, `B+`).
    pub name: String,
    /// When the step holds: all of its conditions; none for the catch-all.
    pub when: Vec<Condition>,
}

/// One step of the plan's points scale (`6 >= 90%`).
#[derive(Clone, Debug)]
pub struct PointStep {
    /// The points the step gives.
    pub points: Decimal,
    /// When the step holds: all of its conditions; none for the catch-all.
    pub when: Vec<Condition>,
}

/// A condition of a step: `pace >= 80%` (what `B >= 80%` means), `actual > baseline`,
/// `actual >= baseline * 90%`, `points >= 6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The figure tested.
    pub figure: Figure,
    /// How it is compared; for `actual`, in the rule's direction (reference §5.2).
    pub comparator: Comparator,
    /// What it is compared with.
    pub against: Against,
}

/// What a condition compares its figure with, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Against {
    /// A ratio (`80%` is 0.8) or a number of points.
    Value(Decimal),
    /// The rule's target, baseline or expected value times a factor (1 when none is written).
    Benchmark(Benchmark, Decimal),
}

impl Condition {
    /// `pace >= 80%`: a step written as a threshold (`B >= 80%`).
    pub fn pace(comparator: Comparator, ratio: Decimal) -> Condition {
        Condition { figure: Figure::Pace, comparator, against: Against::Value(ratio) }
    }
}

/// A step's threshold on the pace achievement, when that is all it tests (`B >= 80%`).
pub fn pace_threshold(when: &[Condition]) -> Option<(Comparator, Decimal)> {
    match when {
        [Condition { figure: Figure::Pace, comparator, against: Against::Value(ratio) }] => Some((*comparator, *ratio)),
        _ => None,
    }
}
