//! What the evaluator gives for a rule: its [`Status`] and its figures, as
//! plain values (no names, no text), so that a simulation can keep thousands
//! of them and a report can name and explain them afterwards.

pub use crate::model::Status;
use rust_decimal::Decimal;

/// A rule's status and figures as of a year, as far as they are known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
///
/// Years are western numbers (fiscal years unless the rule counts calendar years:
/// [`RuleResult::year`](crate::RuleResult::year) makes them [`Year`](shihyo_syntax::Year)s);
/// figures are exact, in base units (円, a ratio for %). `None` is a figure that
/// cannot be known as of the year (reference §7).
pub struct Outcome {
    /// The judgement (reference §7.2).
    pub status: Status,
    /// The year the figures are of: the latest year with an actual up to the evaluation year.
    pub year: Option<i32>,
    /// The year the target is due (`by`, else the plan's last year).
    pub target_year: Option<i32>,
    /// The year the baseline is of (`baseline(R1)`, else the plan's `baseline`).
    pub baseline_year: Option<i32>,
    /// The target, computed from the rule's expression.
    pub target: Option<Decimal>,
    /// The baseline's value.
    pub baseline: Option<Decimal>,
    /// The actual of `year` (for `total`, `average`, … the aggregate up to it).
    pub actual: Option<Decimal>,
    /// The value expected by `year` on the pace from the baseline to the target.
    pub expected: Option<Decimal>,
    /// 達成率: the actual against the target of [`Outcome::achievement_target_year`], by the plan's
    /// achievement formula.
    pub achievement: Option<Decimal>,
    /// The target the achievement is against: the final target, or, before the target year,
    /// the year's own target where the rule schedules one for it (reference §7.4).
    pub achievement_target: Option<Decimal>,
    /// The year of that target.
    pub achievement_target_year: Option<i32>,
    /// The actual against the expected value.
    pub pace_achievement: Option<Decimal>,
    /// 進捗率: the share of the way from the baseline to the target covered.
    pub progress: Option<Decimal>,
    /// Index in the plan's grades.
    pub grade: Option<usize>,
    /// Index in the plan's points scale.
    pub points: Option<usize>,
}
