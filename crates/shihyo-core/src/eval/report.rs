//! A report: the evaluation of a whole plan as of a year — each rule's row (its
//! outcome, its grade by name, its message, diagnostic and explanation steps)
//! and the group tree with counts and grades. Its machine and human forms are
//! `output`'s.

use super::{Outcome, Status, Told};
use crate::model::data::Origin;
use crate::model::{Grade, RuleId};
use rust_decimal::Decimal;
use shihyo_syntax::{Diagnostic, Localized, Year};
use std::collections::BTreeMap;

/// One line of an explanation: which figure, how it was computed, from what.
#[derive(Clone, Debug)]
pub struct Step {
    pub field: &'static str,
    pub text: Localized,
    pub inputs: Vec<StepInput>,
}

/// An actual that a figure was computed from, and where it was written.
#[derive(Clone, Debug)]
pub struct StepInput {
    pub rule: RuleId,
    pub label: String,
    pub value: Decimal,
    pub origin: Option<Origin>,
    /// The value is a scenario's projection (or computed from one).
    pub projected: bool,
}

/// A report's row for one rule: what the evaluator computed, the grade by its
/// name, and what was told of how (message, diagnostic, explanation).
#[derive(Clone, Debug)]
pub struct RuleResult {
    pub id: RuleId,
    /// The status and figures.
    pub outcome: Outcome,
    /// The grade's name on the plan's scale.
    pub grade: Option<String>,
    pub message: Option<Localized>,
    pub diagnostic: Option<Diagnostic>,
    pub steps: Vec<Step>,
    /// Some figure of the result is computed from a scenario's projection.
    pub projected: bool,
}

impl RuleResult {
    /// A report's row: the evaluator's outcome, its grade named, with what was told of it.
    pub(crate) fn new(id: RuleId, outcome: Outcome, grades: &[Grade], told: Told) -> RuleResult {
        let grade = outcome.grade.map(|index| grades[index].name.clone());
        RuleResult { id, outcome, grade, message: told.message, diagnostic: told.diagnostic, steps: told.steps, projected: told.projected }
    }
}

/// A group's counts and grade in a report, with the groups and rules below it.
#[derive(Clone, Debug)]
pub struct GroupResult {
    pub path: String,
    pub counts: BTreeMap<Status, usize>,
    pub grade: Option<String>,
    pub groups: Vec<GroupResult>,
    pub rules: Vec<RuleId>,
    /// Sum and count of the pace achievements below (for `rollup average`).
    pub pace_sum: (Decimal, usize),
    /// Index in the grade scale of the lowest grade below.
    pub worst_grade: Option<usize>,
}

impl GroupResult {
    /// The group below this one (at any depth) with this path.
    pub fn find(&self, path: &str) -> Option<&GroupResult> {
        self.groups.iter().find_map(|inner| if inner.path == path { Some(inner) } else { inner.find(path) })
    }
}

#[derive(Clone, Debug)]
pub struct Report {
    pub as_of: Year,
    /// The scenario whose projections were evaluated with the actuals.
    pub scenario: Option<String>,
    pub rules: Vec<RuleResult>,
    pub root: GroupResult,
}

impl Report {
    pub fn rule(&self, id: RuleId) -> &RuleResult {
        &self.rules[id.0]
    }

    /// Counts by status over the rules that are not members of `any`/`all`.
    pub fn counts(&self) -> &BTreeMap<Status, usize> {
        &self.root.counts
    }
}
