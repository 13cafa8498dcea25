//! What an evaluation tells as it goes: the [`Recorder`] that the one
//! evaluator takes. The evaluator computes the figures; a recorder decides
//! what to keep of how they were computed. [`NoRecord`] keeps nothing and
//! costs nothing (sliders, simulation, batches: every call below compiles
//! away); the explaining recorder (`explain`) turns the events into the
//! steps, messages and inputs of a report.

use super::outcome::Outcome;
use super::table::{Fault, Table};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Aggregate, Comparator, CompositeMode, RuleFigure};
use shihyo_syntax::Span;

/// What a rule's figures are judged against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Judgement {
    /// Before the target year: the pace line's expected value.
    Pace,
    /// Before the target year, in a year the rule schedules its own target for: that
    /// target, which is also the expected value (reference §7.4).
    YearTarget,
    /// In or after the target year: the target.
    Target,
    /// One year of an `every year` rule: its caller judges all the years.
    EveryYear,
}

/// One thing the evaluator did, in the order it did it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Event<'a> {
    /// A qualitative rule's latest hand grade (an index in the plan's grades).
    HandGrade { year: i32, grade: usize },
    /// A milestone, done in a year or not done by the evaluation year.
    Milestone { by: i32, done: Option<i32>, as_of: i32 },
    /// The target is `tbd`.
    TargetTbd,
    /// A target expression's value (`dated`: the year of a schedule's entry or an `every year` year).
    Target { span: &'a Span, literal: bool, value: Decimal, dated: Option<i32> },
    /// The actual: the value in a year.
    Actual { year: i32, value: Decimal },
    /// The actual: the total, the recurring total or the mean over the period up to `last`,
    /// of the years `counted` (their values, when recorded).
    Aggregate { aggregate: Aggregate, first: i32, last: i32, value: Decimal, count: i64, missing: &'a [i32], counted: &'a [(i32, Decimal)] },
    /// The expected value of a `total` (or a `total recurring`): the target's share done.
    ProRata { done: Decimal, all: Decimal, value: Decimal, recurring: bool },
    /// The expected value on the line between two points.
    Pace { year: i32, from: (i32, Decimal), to: (i32, Decimal), value: Decimal },
    /// No baseline: the expected value is the target.
    NoBaseline,
    /// The figures of a rule judged against a target or an expected value.
    Figures { comparator: Comparator, figures: &'a Outcome, judgement: Judgement },
    /// `every year`: the target was missed in a year.
    EveryYearMissed { year: i32 },
    /// `every year`: years without an actual.
    EveryYearMissing { years: &'a [i32] },
    /// `every year`: every year so far (`done`: every year of the period) meets the target.
    EveryYearMet { done: bool },
    /// The rule stopped: an actual is missing, or arithmetic failed.
    Stopped(Fault),
    /// An `any`/`all` rule, from its members' outcomes.
    Composite { mode: CompositeMode, members: &'a [usize], outcomes: &'a [Outcome] },
}

/// Takes what an evaluation tells. With `ACTIVE` false nothing is called.
pub(crate) trait Recorder {
    /// Whether anything is recorded at all.
    const ACTIVE: bool;
    /// A value read from the table by a rule (its actual, its baseline, a load of an expression).
    fn read(&mut self, table: &Table, rule: usize, year: i32);
    /// A value that a figure about to be told is computed from.
    fn input(&mut self, table: &Table, rule: usize, year: i32, value: Decimal);
    /// A figure of a rule read by a derivation (`met("x")`, `achievement("x", R5)`): judged
    /// from that rule's value in `year`, so a projection there makes it one too.
    fn figure(&mut self, table: &Table, rule: usize, figure: RuleFigure, year: i32, value: Decimal);
    /// The inputs from here on belong to the next event that takes inputs.
    fn capture(&mut self);
    fn event(&mut self, event: Event<'_>);
}

/// Records nothing.
pub(crate) struct NoRecord;

impl Recorder for NoRecord {
    const ACTIVE: bool = false;
    #[inline(always)]
    fn read(&mut self, _: &Table, _: usize, _: i32) {}
    #[inline(always)]
    fn input(&mut self, _: &Table, _: usize, _: i32, _: Decimal) {}
    #[inline(always)]
    fn figure(&mut self, _: &Table, _: usize, _: RuleFigure, _: i32, _: Decimal) {}
    #[inline(always)]
    fn capture(&mut self) {}
    #[inline(always)]
    fn event(&mut self, _: Event<'_>) {}
}

/// Records only whether a projection was read (for derived values computed from one).
#[derive(Default)]
pub(crate) struct ProjectionMark {
    pub read: bool,
}

impl Recorder for ProjectionMark {
    const ACTIVE: bool = true;
    fn read(&mut self, table: &Table, rule: usize, year: i32) {
        self.read |= table.is_projected(rule, year);
    }
    fn input(&mut self, _: &Table, _: usize, _: i32, _: Decimal) {}
    fn figure(&mut self, table: &Table, rule: usize, _: RuleFigure, year: i32, _: Decimal) {
        self.read |= table.is_projected(rule, year);
    }
    fn capture(&mut self) {}
    fn event(&mut self, _: Event<'_>) {}
}
