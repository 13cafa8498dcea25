//! The machine documents as types: what `--format json`, the npm package and
//! the app's JSON export give, field by field, in the order they are written.
//! They are serialized directly (no JSON tree is built by hand), and their JSON
//! Schema is generated from them ([`schemas`]) and published in `docs/schema/`,
//! so the reference, the schema and the output cannot drift. Decimals are
//! strings (exact), money is in 円, percentages are ratios (80% → "0.8").

use crate::eval::Status;
use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use shihyo_syntax::ast::{AchievementFormula, Aggregate, Comparator, CompositeMode, Field, Rollup, RuleKind};
use shihyo_syntax::{Code, Severity, Year};

/// A problem found in a plan or a data file. Lines and columns count from 1 (columns in
/// characters); `start` and `end` are byte offsets in the file.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// What was probably meant.
    pub hint: Option<String>,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    /// Further places that explain it ("first defined here").
    pub related: Vec<Related>,
}

/// A further place of a diagnostic.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What a host answers when the plan or data has errors.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Failure {
    /// Always `false`.
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// A plan that checks, with its warnings.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Check {
    /// Always `true`.
    pub ok: bool,
    /// Rules as the evaluation's summary counts them (an `any`/`all` once).
    pub rules: usize,
    /// Values of the data.
    pub values: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// An evaluation: the plan, every rule's figures, the groups and the summary.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Evaluation {
    pub plan: PlanHeader,
    pub as_of: Year,
    /// The scenario whose projections were evaluated with the actuals.
    pub scenario: Option<String>,
    pub rules: Vec<Rule>,
    pub groups: Vec<Group>,
    pub summary: Summary,
    /// The checker's warnings, a scenario's notes, and the rules that could not be
    /// evaluated (absent from a report written without them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<Diagnostic>>,
}

/// The plan's header.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PlanHeader {
    pub name: String,
    pub period: Period,
    pub baseline: Option<Year>,
    pub achievement_formula: AchievementFormula,
    pub rollup: Rollup,
}

/// A plan's first and last year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Period {
    pub from: Year,
    pub to: Year,
}

/// A rule's kind: a rule keyword, or `any`/`all`.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Kind {
    Rule(RuleKind),
    Composite(CompositeMode),
}

/// One rule's figures as of the evaluation year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Rule {
    pub name: String,
    pub kind: Kind,
    /// The group's path (ids or titles from the root, joined by `/`).
    pub group: Option<String>,
    /// The `any`/`all` rule this one is a member of.
    pub parent: Option<String>,
    pub comparator: Option<Comparator>,
    pub aggregate: Aggregate,
    /// The unit's machine name (`yen`, `percent`, a unit word).
    pub unit: Option<String>,
    pub target: Option<String>,
    pub target_year: Option<Year>,
    pub baseline_year: Option<Year>,
    pub baseline: Option<String>,
    /// The year the figures are of.
    pub year: Option<Year>,
    pub actual: Option<String>,
    pub expected: Option<String>,
    pub achievement: Option<String>,
    pub pace_achievement: Option<String>,
    pub progress: Option<String>,
    pub status: Status,
    pub grade: Option<String>,
    /// Some figure is computed from a scenario's projection.
    pub projected: bool,
    pub message: Option<String>,
    pub source: Option<String>,
    pub basis: Option<String>,
    pub id: Option<String>,
    pub owner: Option<String>,
    pub note: Option<String>,
    /// What the department wrote on the figure of `year` (absent when nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<Remarks>,
    /// The rule's line in the plan.
    pub line: usize,
}

/// A department's words on one year's figure: 評価コメント, 今後の方向性, 所管課.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Remarks {
    pub comment: Option<String>,
    pub outlook: Option<String>,
    pub owner: Option<String>,
}

/// A group with its counts, grade, inner groups and rules.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Group {
    pub id: Option<String>,
    pub title: String,
    pub path: String,
    pub counts: Counts<usize>,
    pub grade: Option<String>,
    pub groups: Vec<Group>,
    /// The names of its rules.
    pub rules: Vec<String>,
}

/// The whole plan's counts and grade.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Summary {
    pub rules: usize,
    pub counts: Counts<usize>,
    pub grade: Option<String>,
}

/// Counts by status, in the order of the statuses (an object: `{ "achieved": 3 }`).
#[derive(Clone, Debug, JsonSchema)]
#[schemars(with = "std::collections::BTreeMap<Status, N>")]
pub struct Counts<N>(pub Vec<(Status, N)>);

impl<N: Serialize> Serialize for Counts<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (status, count) in &self.0 {
            map.serialize_entry(status.name(), count)?;
        }
        map.end()
    }
}

/// One rule's explanation: its figures and the steps that computed them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Explanation {
    pub rule: Rule,
    pub steps: Vec<Step>,
}

/// How one figure was computed.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Step {
    /// The figure (`target`, `actual`, `expected`, `achievement`, `status`, …).
    pub field: String,
    pub text: String,
    pub inputs: Vec<Input>,
}

/// A value a step was computed from, and where it was written.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Input {
    pub label: String,
    pub value: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub projected: bool,
}

/// A Monte Carlo simulation's results.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Simulation {
    pub simulation: String,
    pub plan: String,
    pub runs: u64,
    /// The generator's seed, as a string (it may exceed what JSON numbers carry exactly).
    pub seed: String,
    pub as_of: Year,
    /// Whether the bands are of a uniform sample of the runs rather than of all.
    pub bands_sampled: bool,
    pub failed_draws: u64,
    pub rules: Vec<Chance>,
    pub bands: Vec<Band>,
}

/// A rule's chance of reaching its target.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Chance {
    pub name: String,
    pub target_year: Option<Year>,
    pub probability: String,
    pub standard_error: String,
    /// Runs by the status reached.
    pub statuses: Counts<u64>,
    /// Runs by the first year the target was met.
    pub first_met: Vec<FirstMet>,
    pub never_met: u64,
    /// Whether the rule reads anything drawn.
    pub varies: bool,
}

/// Runs that first met a target in a year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FirstMet {
    pub year: Year,
    pub runs: u64,
}

/// Percentiles of a drawn (or derived) indicator in a year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Band {
    pub name: String,
    pub unit: Option<String>,
    pub year: Year,
    pub projected: bool,
    pub runs: usize,
    pub p5: Option<String>,
    pub p25: Option<String>,
    pub p50: Option<String>,
    pub p75: Option<String>,
    pub p95: Option<String>,
}

/// A run of plans' own tests (`shihyo test`): each file's cases, with what each
/// expectation got, and what the tests reached.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestReport {
    /// Every file checked and every case of each passed.
    pub ok: bool,
    /// Cases passed and failed, over every file.
    pub passed: usize,
    pub failed: usize,
    pub files: Vec<TestFile>,
}

/// One plan's tests run (or, when the plan or its data has errors, the errors and no case).
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestFile {
    pub file: String,
    /// The plan's name; absent when the file does not check.
    pub plan: Option<String>,
    /// The file's errors (then no case ran) or its warnings.
    pub diagnostics: Vec<Diagnostic>,
    pub cases: Vec<TestCase>,
    /// Absent when the file does not check.
    pub coverage: Option<Coverage>,
}

/// One case run: a `test`, or one `case` of a test.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestCase {
    pub test: String,
    /// The `case`'s name; absent for a test without cases.
    pub case: Option<String>,
    /// The line of the `test` or `case`.
    pub line: usize,
    /// The year evaluated as of.
    pub as_of: Year,
    pub scenario: Option<String>,
    pub passed: bool,
    pub expectations: Vec<TestExpectation>,
}

/// One `expect` line, compared.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestExpectation {
    pub line: usize,
    pub column: usize,
    /// The rule's name, for an expectation of a rule.
    pub rule: Option<String>,
    /// The group's path, for an expectation of a group.
    pub group: Option<String>,
    pub field: Field,
    pub comparator: Option<Comparator>,
    /// The value as written (`87.33%`, `achieved`, `B`).
    pub expected: String,
    /// What the evaluation gave, as in an evaluation (a status's or grade's name, a
    /// decimal in base units); absent when it has none.
    pub got: Option<String>,
    pub passed: bool,
    /// For a failure: expected against got, in words.
    pub message: Option<String>,
}

/// What a file's tests reached.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Coverage {
    /// Rules of the plan.
    pub rules: usize,
    /// Rules an expectation names.
    pub checked: usize,
    /// Every rule: whether an expectation names it, and the statuses it took in the cases run.
    pub by_rule: Vec<RuleCoverage>,
}

/// What the tests reached of one rule.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RuleCoverage {
    pub name: String,
    pub checked: bool,
    pub statuses: Vec<Status>,
}

/// The published schemas: each document's file name in `docs/schema/` and its JSON Schema.
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("evaluation.json", schemars::schema_for!(Evaluation)),
        ("explanation.json", schemars::schema_for!(Explanation)),
        ("check.json", schemars::schema_for!(Check)),
        ("failure.json", schemars::schema_for!(Failure)),
        ("simulation.json", schemars::schema_for!(Simulation)),
        ("tests.json", schemars::schema_for!(TestReport)),
    ]
}
