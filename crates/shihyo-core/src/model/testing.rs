//! A plan's own tests, checked (reference §12): each `test` (and each of its
//! `case`s) as the data, year and scenario to evaluate the plan with, and the
//! expectations its evaluation must meet, every name resolved and every value
//! in base units.

use super::data::Dataset;
use super::{Grade, Plan, RuleId, Status};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Comparator, Field};
use shihyo_syntax::Span;

/// A `test` block: one run per case, or one run of its own when it has no `case`.
#[derive(Clone, Debug)]
pub struct TestDef {
    /// The test's name, as written.
    pub name: String,
    /// The whole `test` block in the plan file.
    pub span: Span,
    /// Its `case`s in the order written, or, without any, one case of the test's own.
    pub cases: Vec<TestCase>,
}

/// One evaluation of the plan and what it must give.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// The `case`'s name; `None` for a test without cases.
    pub name: Option<String>,
    /// The `case` block in the plan file (for a test without cases, the `test` block).
    pub span: Span,
    /// The evaluation year (western number); none: the latest year with data, as `eval`.
    pub as_of: Option<i32>,
    /// The scenario (index in `Plan::scenarios`) whose projections are evaluated with the data.
    pub scenario: Option<usize>,
    /// The plan's own `data` with the test's and the case's cells in place of theirs.
    pub data: Dataset,
    /// The test's expectations, then the case's own.
    pub expectations: Vec<Expectation>,
}

/// `expect SUBJECT FIELD [COMPARATOR] VALUE`, checked.
#[derive(Clone, Debug)]
pub struct Expectation {
    /// What it is of: a rule, a group or the whole plan.
    pub subject: Subject,
    /// The figure it checks (`status`, `grade`, `achievement`, `actual`, …).
    pub field: Field,
    /// What that figure must be.
    pub check: Check,
    /// The whole `expect …`, in the plan's text.
    pub span: Span,
    /// The value as written (`87.33%`, `achieved`), for messages.
    pub written: String,
}

/// What an expectation is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A rule (`expect "NAME" …`).
    Rule(RuleId),
    /// A group, by its path in the group tree.
    Group(String),
    /// The whole plan (its overall grade).
    Plan,
}

impl Subject {
    /// The grades the subject is graded on: its group's scale, or the plan's.
    pub fn grades<'a>(&self, plan: &'a Plan) -> &'a [Grade] {
        match self {
            Subject::Rule(id) => plan.grades_of(plan.rule(*id).scale),
            Subject::Group(path) => plan.grades_of(plan.root.find(path).and_then(|group| group.scale)),
            Subject::Plan => &plan.grades,
        }
    }
}

/// What the figure must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// A status (`status on_track`, or its Japanese label: `status 順調`).
    Status(Status),
    /// A grade (index in the plan's scale, 0 the best); a comparator compares by rank
    /// (`grade >= B`: B or better).
    Grade(Option<Comparator>, usize),
    /// A figure written without a comparator: it must round to `value` at `step`, the
    /// place of the last digit written (`87.33%`: to 0.01%).
    Near {
        /// The figure as written, in base units (円, a ratio for `%`).
        value: Decimal,
        /// The place of its last digit, in base units (0.0001 for `87.33%`).
        step: Decimal,
    },
    /// A figure with a comparator, compared exactly.
    Compare(Comparator, Decimal),
}

impl Check {
    /// Whether a figure meets the check (a missing figure meets none).
    pub fn holds_for_figure(self, got: Option<Decimal>) -> bool {
        let Some(got) = got else { return false };
        match self {
            Check::Near { value, step } => rounded_to(got, step) == Some(value),
            Check::Compare(comparator, value) => comparator.holds(got, value),
            Check::Status(_) | Check::Grade(..) => false,
        }
    }

    /// Whether a grade (index on the plan's scale) meets the check.
    pub fn holds_for_grade(self, got: Option<usize>) -> bool {
        match (self, got) {
            (Check::Grade(None, wanted), Some(got)) => got == wanted,
            // Ranks count down: a better grade has a smaller index.
            (Check::Grade(Some(comparator), wanted), Some(got)) => comparator.holds(Decimal::from(wanted), Decimal::from(got)),
            _ => false,
        }
    }
}

/// `value` rounded (half away from zero) to a multiple of `step`.
pub fn rounded_to(value: Decimal, step: Decimal) -> Option<Decimal> {
    if step.is_zero() {
        return Some(value);
    }
    value
        .checked_div(step)
        .map(|steps| steps.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .and_then(|steps| steps.checked_mul(step))
}
