//! Evaluation of a checked plan: one evaluator for every use.
//!
//! A plan is compiled once ([`Compiled`]): each expression becomes a postfix
//! `program` over a year × indicator [`Table`], each rule a kind with its
//! programs. Laying out the actuals in a table computes the derived
//! indicators year by year in dependency order, so no evaluation recurses
//! across indicators however long a chain. Then `judge` gives each rule its
//! [`Outcome`]: target, baseline, actual, expected value, achievement,
//! progress, pace achievement, status and grade, with the [`formulas`] of the
//! reference, exactly. How it got there is told to a `Recorder`: nothing
//! for a slider or a simulation run, the steps of an explanation for a
//! report (`explain`). [`evaluate`] puts a report together; `rollup`
//! gives the groups their counts and grades; [`testing`] runs a plan's own
//! tests with it.

mod compiled;
mod explain;
pub mod formulas;
mod judge;
mod outcome;
mod program;
mod projection;
mod record;
mod report;
mod rollup;
pub mod scale;
mod simulate;
mod table;
pub mod testing;

pub use compiled::Compiled;
pub(crate) use explain::Told;
pub use outcome::{Outcome, Status};
pub use program::Scratch;
pub use projection::{least_squares, mean, numeric_actuals, project};
pub use report::{mean_of, met_of, met_share_of, GroupResult, Report, RuleResult, Step, StepInput};
pub use simulate::{Band, RuleSimulation, Simulation, SimulationReport, BAND_SAMPLE};
pub use table::{Failure, Fault, Table};

use crate::model::data::Dataset;
use crate::model::{Plan, RuleId};
use explain::Explainer;
use shihyo_syntax::Year;

/// What the host asks of an evaluation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The evaluation year (western number); default: the latest year with data.
    pub as_of: Option<i32>,
    /// Record how each figure was computed.
    pub explain: bool,
}

/// Evaluates a plan, compiled as `compiled`, on `data`: every rule's outcome with
/// its message, its projection mark and (when asked) its explanation, and the groups.
pub fn evaluate(plan: &Plan, compiled: &Compiled, data: &Dataset, options: Options) -> Report {
    let table = compiled.table(data);
    let as_of = compiled.as_of(&table, options.as_of);
    let count = plan.rules.len();
    let mut scratch = Scratch::default();
    let mut outcomes = vec![Outcome::default(); count];
    let mut told: Vec<explain::Told> = (0..count).map(|_| explain::Told::default()).collect();
    for rule in (0..count).filter(|r| compiled.members(RuleId(*r)).is_none()) {
        let mut explainer = Explainer::new(plan, compiled, data, options.explain, RuleId(rule));
        outcomes[rule] = compiled.judge_recorded(RuleId(rule), &table, as_of, &mut scratch, &mut explainer);
        explainer.break_down(&table, &mut scratch.stack);
        told[rule] = explainer.told;
    }
    // Composites after their members; inner composites have larger indices.
    for rule in (0..count).rev() {
        let Some(members) = compiled.members(RuleId(rule)) else { continue };
        let mut explainer = Explainer::new(plan, compiled, data, options.explain, RuleId(rule));
        outcomes[rule] = compiled.compose_recorded(RuleId(rule), &outcomes, &mut explainer);
        explainer.told.projected = members.iter().any(|m| told[*m].projected);
        told[rule] = explainer.told;
    }
    let rules: Vec<RuleResult> = outcomes
        .into_iter()
        .zip(told)
        .enumerate()
        .map(|(rule, (outcome, told))| RuleResult::new(RuleId(rule), plan, outcome, told))
        .collect();
    let root = rollup::rollup_group(plan, &plan.root, &rules);
    Report { as_of: Year { number: as_of, calendar: plan.calendar }, scenario: None, rules, root }
}
