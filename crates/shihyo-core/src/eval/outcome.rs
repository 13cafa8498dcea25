//! What the evaluator gives for a rule: its [`Status`] and its figures, as
//! plain values (no names, no text), so that a simulation can keep thousands
//! of them and a report can name and explain them afterwards.

pub use crate::model::Status;
use rust_decimal::Decimal;

/// A rule's status and figures as of a year, as far as they are known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// The year the figures are of.
    pub year: Option<i32>,
    pub target_year: Option<i32>,
    pub baseline_year: Option<i32>,
    pub target: Option<Decimal>,
    pub baseline: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub pace_achievement: Option<Decimal>,
    pub progress: Option<Decimal>,
    /// Index in the plan's grades.
    pub grade: Option<usize>,
}
