//! Running a plan's own tests (reference §12): each case is one evaluation of
//! the plan (on its data, as of its year, under its scenario) by the one
//! evaluator, and each expectation compared with the figure it names. What the
//! cases reached is kept as coverage: for every rule, whether an expectation
//! checked it and which statuses it took.

use super::{evaluate, project, GroupResult, Options, Report};
use crate::eval::Compiled;
use crate::model::testing::{Check, Expectation, Subject, TestDef};
use crate::model::{Grade, Plan, RuleId, Status};
use rust_decimal::Decimal;
use shihyo_syntax::ast::Field;
use shihyo_syntax::Year;
use std::collections::BTreeSet;

/// Every case of every test, run, with the coverage of the whole run.
#[derive(Clone, Debug)]
pub struct TestRun {
    /// Each case run, test by test in file order (a `test` without `case` blocks is one case).
    pub cases: Vec<CaseRun>,
    /// By rule index.
    pub coverage: Vec<RuleCoverage>,
}

impl TestRun {
    /// How many cases met every expectation.
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.passed()).count()
    }

    /// How many cases missed at least one expectation.
    pub fn failed(&self) -> usize {
        self.cases.len() - self.passed()
    }
}

/// One case run: which test and case, the year it was evaluated as of, and each expectation's result.
#[derive(Clone, Debug)]
pub struct CaseRun {
    /// Index in the project's tests.
    pub test: usize,
    /// Index in the test's cases.
    pub case: usize,
    /// The year the case was evaluated as of (its `as of`, else the latest year with data).
    pub as_of: Year,
    /// Each `expect` line's result, in the order of the case's expectations.
    pub results: Vec<Checked>,
}

impl CaseRun {
    /// Whether every expectation of the case holds.
    pub fn passed(&self) -> bool {
        self.results.iter().all(|r| r.passed)
    }
}

/// An expectation compared with what the evaluation gave.
#[derive(Clone, Copy, Debug)]
pub struct Checked {
    /// Whether the figure meets the expectation (to the place of its last digit, or by its comparator).
    pub passed: bool,
    /// What the evaluation gave for the expectation's field.
    pub got: Got,
}

/// The figure an expectation was compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Got {
    /// A rule's status (`expect "…" status on_track`).
    Status(Status),
    /// Index on the plan's grade scale.
    Grade(Option<usize>),
    /// A rule's figure (`achievement`, `actual`, …) in base units (円, a plain ratio for %); `None` when the evaluation has none.
    Figure(Option<Decimal>),
}

/// What the tests reached of one rule.
#[derive(Clone, Debug, Default)]
pub struct RuleCoverage {
    /// An expectation names the rule.
    pub checked: bool,
    /// The statuses the rule took in the cases run.
    pub statuses: BTreeSet<Status>,
}

/// Runs every case of `tests`.
pub fn run(plan: &Plan, compiled: &Compiled, tests: &[TestDef]) -> TestRun {
    let mut coverage = vec![RuleCoverage::default(); plan.rules.len()];
    let mut cases = Vec::new();
    for (test_index, test) in tests.iter().enumerate() {
        for (case_index, case) in test.cases.iter().enumerate() {
            let options = Options { as_of: case.as_of, explain: false };
            let report = match case.scenario.and_then(|index| plan.scenarios.get(index)) {
                Some(scenario) => evaluate(plan, compiled, &project(plan, &case.data, scenario).0, options),
                None => evaluate(plan, compiled, &case.data, options),
            };
            for (rule, reached) in report.rules.iter().zip(coverage.iter_mut()) {
                reached.statuses.insert(rule.outcome.status);
            }
            for expectation in &case.expectations {
                if let Subject::Rule(RuleId(index)) = expectation.subject {
                    coverage[index].checked = true;
                }
            }
            let results = case.expectations.iter().map(|expectation| compare(plan, &report, expectation)).collect();
            cases.push(CaseRun { test: test_index, case: case_index, as_of: report.as_of, results });
        }
    }
    TestRun { cases, coverage }
}

fn compare(plan: &Plan, report: &Report, expectation: &Expectation) -> Checked {
    let got = match &expectation.subject {
        Subject::Rule(id) => {
            let outcome = &report.rule(*id).outcome;
            match expectation.field {
                Field::Status => Got::Status(outcome.status),
                Field::Grade => Got::Grade(outcome.grade),
                Field::Achievement => Got::Figure(outcome.achievement),
                Field::Progress => Got::Figure(outcome.progress),
                Field::Pace => Got::Figure(outcome.pace_achievement),
                Field::Actual => Got::Figure(outcome.actual),
                Field::Expected => Got::Figure(outcome.expected),
                Field::Target => Got::Figure(outcome.target),
                Field::Baseline => Got::Figure(outcome.baseline),
            }
        }
        Subject::Group(path) => Got::Grade(report.root.find(path).and_then(|g| grade_index(expectation.subject.grades(plan), g))),
        Subject::Plan => Got::Grade(grade_index(&plan.grades, &report.root)),
    };
    let passed = match (expectation.check, got) {
        (Check::Status(wanted), Got::Status(status)) => wanted == status,
        (check, Got::Grade(grade)) => check.holds_for_grade(grade),
        (check, Got::Figure(figure)) => check.holds_for_figure(figure),
        (_, Got::Status(_)) => false,
    };
    Checked { passed, got }
}

fn grade_index(grades: &[Grade], group: &GroupResult) -> Option<usize> {
    group.grade.as_ref().and_then(|name| grades.iter().position(|g| &g.name == name))
}
