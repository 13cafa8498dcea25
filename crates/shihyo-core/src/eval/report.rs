//! A report: the evaluation of a whole plan as of a year — each rule's row (its
//! outcome, its grade by name, its message, diagnostic and explanation steps)
//! and the group tree with counts and grades. Its documented machine and human
//! forms are `output`'s; it also serializes (serde) as it is, self-contained:
//! each rule with its name and its years as [`Year`]s.

use super::{Outcome, Status, Told};
use crate::model::data::Origin;
use crate::model::{Plan, RuleId};
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use shihyo_syntax::{Diagnostic, Localized, Location, Year};
use std::collections::BTreeMap;

/// One line of an explanation: which figure, how it was computed, from what.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The figure explained, as the JSON document names it (`target`, `actual`, `achievement`, …).
    pub field: &'static str,
    /// How it was computed, in words and numbers.
    pub text: Localized,
    /// The actuals it was computed from.
    pub inputs: Vec<StepInput>,
}

/// An actual that a figure was computed from, and where it was written.
#[derive(Clone, Debug, Serialize)]
pub struct StepInput {
    /// The indicator the actual is of.
    #[serde(serialize_with = "rule_index")]
    pub rule: RuleId,
    /// The year of the actual.
    pub year: Year,
    /// The indicator and year, as the explanation names them (`電子申請件数 R5`).
    pub label: String,
    /// The value, in base units.
    pub value: Decimal,
    /// Where it was written; `None` for a value computed (a derived indicator) or projected.
    #[serde(skip)]
    pub origin: Option<Origin>,
    /// The origin's file name, line and column (set by `Project::evaluate`).
    pub location: Option<Location>,
    /// The value is a scenario's projection (or computed from one).
    pub projected: bool,
}

/// A report's row for one rule: what the evaluator computed, the grade by its
/// name, and what was told of how (message, diagnostic, explanation).
///
/// Serialized self-contained: the rule's name, its [`Outcome`]'s figures (exact
/// decimals as strings, years as [`Year`]s), grade, message, diagnostic and steps.
#[derive(Clone, Debug)]
pub struct RuleResult {
    /// The rule, in the plan and in the report's `rules`.
    pub id: RuleId,
    /// The rule's name, as the plan writes it.
    pub name: String,
    /// Its years are calendar years (`calendar`, 年), not fiscal years (年度).
    pub calendar: bool,
    /// The status and figures.
    pub outcome: Outcome,
    /// The grade's name on the plan's scale.
    pub grade: Option<String>,
    /// The points on the plan's points scale.
    pub points: Option<Decimal>,
    /// What the figures mean, in a sentence (`13,100 of 15,000 (87.33%)`).
    pub message: Option<Localized>,
    /// Why the rule could not be evaluated (overflow, division by zero), for a rule in `error`.
    pub diagnostic: Option<Diagnostic>,
    /// How each figure was computed, when the evaluation was asked to explain.
    pub steps: Vec<Step>,
    /// Some figure of the result is computed from a scenario's projection.
    pub projected: bool,
}

impl RuleResult {
    /// A report's row: the evaluator's outcome, its grade named, with what was told of it.
    pub(crate) fn new(id: RuleId, plan: &Plan, outcome: Outcome, told: Told) -> RuleResult {
        let rule = &plan.rules[id.0];
        let grade = outcome.grade.map(|index| plan.grades_of(rule.scale)[index].name.clone());
        let points = outcome.points.map(|index| plan.points_of(rule.scale)[index].points);
        RuleResult {
            id,
            name: rule.name.clone(),
            calendar: rule.calendar,
            outcome,
            grade,
            points,
            message: told.message,
            diagnostic: told.diagnostic,
            steps: told.steps,
            projected: told.projected,
        }
    }

    /// A year of this rule's as a [`Year`] (fiscal or calendar, as the rule counts them).
    pub fn year(&self, number: i32) -> Year {
        Year { number, calendar: self.calendar }
    }
}

impl Serialize for RuleResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Outcome {
            status,
            year,
            target_year,
            baseline_year,
            target,
            baseline,
            actual,
            expected,
            achievement,
            achievement_target,
            achievement_target_year,
            pace_achievement,
            progress,
            grade: _,
            points: _,
        } = self.outcome;
        let year_of = |number: Option<i32>| number.map(|number| self.year(number));
        let mut row = serializer.serialize_struct("RuleResult", 20)?;
        row.serialize_field("id", &self.id.0)?;
        row.serialize_field("name", &self.name)?;
        row.serialize_field("status", &status)?;
        row.serialize_field("year", &year_of(year))?;
        row.serialize_field("target_year", &year_of(target_year))?;
        row.serialize_field("baseline_year", &year_of(baseline_year))?;
        row.serialize_field("target", &target)?;
        row.serialize_field("baseline", &baseline)?;
        row.serialize_field("actual", &actual)?;
        row.serialize_field("expected", &expected)?;
        row.serialize_field("achievement", &achievement)?;
        row.serialize_field("achievement_target", &achievement_target)?;
        row.serialize_field("achievement_target_year", &year_of(achievement_target_year))?;
        row.serialize_field("pace_achievement", &pace_achievement)?;
        row.serialize_field("progress", &progress)?;
        row.serialize_field("grade", &self.grade)?;
        row.serialize_field("points", &self.points)?;
        row.serialize_field("message", &self.message)?;
        row.serialize_field("diagnostic", &self.diagnostic)?;
        row.serialize_field("steps", &self.steps)?;
        row.serialize_field("projected", &self.projected)?;
        row.end()
    }
}

fn rule_index<S: Serializer>(rule: &RuleId, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(rule.0 as u64)
}

fn rule_indices<S: Serializer>(rules: &[RuleId], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(rules.iter().map(|rule| rule.0))
}

/// Of rules counted by status, those that meet their target or pace (achieved, done, on
/// track), and those judged so (those, and not achieved, behind, overdue): [`GroupResult::met`]
/// of any counts, a group's or many plans' added up.
pub fn met_of(counts: &BTreeMap<Status, usize>) -> (usize, usize) {
    let count = |statuses: &[Status]| statuses.iter().map(|status| counts.get(status).copied().unwrap_or(0)).sum::<usize>();
    let met = count(&[Status::Achieved, Status::Done, Status::OnTrack]);
    (met, met + count(&[Status::NotAchieved, Status::Behind, Status::Overdue]))
}

/// The share of the judged rules among `counts` that meet their target or pace (the items'
/// 達成率), or `None` when none is judged.
pub fn met_share_of(counts: &BTreeMap<Status, usize>) -> Option<Decimal> {
    let (met, judged) = met_of(counts);
    (judged > 0).then(|| Decimal::from(met) / Decimal::from(judged))
}

/// The mean of a sum over a count (`None` for none): a group's pace or points, many plans' points.
pub fn mean_of((sum, count): (Decimal, usize)) -> Option<Decimal> {
    (count > 0).then(|| sum / Decimal::from(count))
}

/// A group's counts and grade in a report, with the groups and rules below it.
#[derive(Clone, Debug, Serialize)]
pub struct GroupResult {
    /// The group's path of titles (`行政運営/窓口サービス`); empty for the whole plan.
    pub path: String,
    /// How many rules below have each status (members of `any`/`all` counted once, as their composite).
    pub counts: BTreeMap<Status, usize>,
    /// The group's grade on the plan's scale, by its `rollup`.
    pub grade: Option<String>,
    /// The groups directly below.
    pub groups: Vec<GroupResult>,
    /// The rules directly in the group (indices into the report's `rules`).
    #[serde(serialize_with = "rule_indices")]
    pub rules: Vec<RuleId>,
    /// Sum and count of the pace achievements below (for `rollup average`).
    #[serde(skip)]
    pub pace_sum: (Decimal, usize),
    /// Sum and count of the points below (from the plan's points scale).
    #[serde(skip)]
    pub points_sum: (Decimal, usize),
    /// Index in the grade scale of the lowest grade below.
    #[serde(skip)]
    pub worst_grade: Option<usize>,
}

impl GroupResult {
    /// The rules below that meet their target, or their pace before the target year
    /// (achieved, done, on track), and the rules judged so (those, and not achieved, behind,
    /// overdue): the 「58項目中 達成38 未達成20」 of a reform plan's report (reference §7.9).
    pub fn met(&self) -> (usize, usize) {
        met_of(&self.counts)
    }

    /// The share of the judged rules that meet their target or pace: the items' 達成率 a
    /// report prints (【達成率 65.5%】); `None` when no rule below is judged.
    pub fn met_share(&self) -> Option<Decimal> {
        met_share_of(&self.counts)
    }

    /// The points of the rules below that have points, summed: `None` when none has.
    pub fn points_total(&self) -> Option<Decimal> {
        (self.points_sum.1 > 0).then_some(self.points_sum.0)
    }

    /// The mean points of the rules below that have points (the area's 平均点).
    pub fn points_average(&self) -> Option<Decimal> {
        mean_of(self.points_sum)
    }

    /// The mean pace achievement of the rules below that have one.
    pub fn pace_average(&self) -> Option<Decimal> {
        mean_of(self.pace_sum)
    }

    /// The group below this one (at any depth) with this path.
    pub fn find(&self, path: &str) -> Option<&GroupResult> {
        self.groups.iter().find_map(|inner| if inner.path == path { Some(inner) } else { inner.find(path) })
    }
}

/// A plan evaluated as of a year: every rule's row and the group tree.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The year the plan is evaluated as of.
    pub as_of: Year,
    /// The scenario whose projections were evaluated with the actuals.
    pub scenario: Option<String>,
    /// Every rule's row, in the plan's order (`rules[id.0]` is rule `id`'s).
    pub rules: Vec<RuleResult>,
    /// The whole plan as a group: counts, grade, and the groups below.
    pub root: GroupResult,
}

impl Report {
    pipeline_pub! {
        /// Rule `id`'s row.
        ///
        /// # Panics
        ///
        /// If `id` is not a rule of the plan this report evaluated; [`Report::get`] and
        /// [`Report::find`] answer `None` instead.
        fn rule(&self, id: RuleId) -> &RuleResult {
            &self.rules[id.0]
        }
    }

    /// Rule `id`'s row, or `None` if the plan has no such rule.
    pub fn get(&self, id: RuleId) -> Option<&RuleResult> {
        self.rules.get(id.0)
    }

    /// The row of the rule named `name` (matched as the plan matches names: NFKC,
    /// spaces around it ignored), or `None`.
    pub fn find(&self, name: &str) -> Option<&RuleResult> {
        let key = shihyo_syntax::name_key(name);
        self.rules.iter().find(|rule| shihyo_syntax::name_key(&rule.name) == key)
    }

    /// Counts by status over the rules that are not members of `any`/`all`.
    pub fn counts(&self) -> &BTreeMap<Status, usize> {
        &self.root.counts
    }
}
