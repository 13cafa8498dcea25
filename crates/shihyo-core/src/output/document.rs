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
    /// `error` or `warning`.
    pub severity: Severity,
    /// The stable code (`E0231`, `W0233`), the same in every language (reference §10).
    pub code: Code,
    /// What is wrong, in the `--lang` language.
    pub message: String,
    /// What was probably meant.
    pub hint: Option<String>,
    /// The name of the file it is in (the plan or a data file), as it was given.
    pub file: String,
    /// The line of the problem's first character, from 1.
    pub line: usize,
    /// The column of the problem's first character, from 1, in characters (a full-width one counts as one).
    pub column: usize,
    /// The line of the place just after the problem's last character, from 1.
    pub end_line: usize,
    /// The column of the place just after the problem's last character, from 1, in characters.
    pub end_column: usize,
    /// The byte offset of the problem's first byte in the file as written (UTF-8).
    pub start: usize,
    /// The byte offset just after the problem's last byte in the file as written (UTF-8).
    pub end: usize,
    /// Further places that explain it ("first defined here").
    pub related: Vec<Related>,
}

/// A further place of a diagnostic.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Related {
    /// The name of the file the place is in.
    pub file: String,
    /// The place's line, from 1.
    pub line: usize,
    /// The place's column, from 1, in characters.
    pub column: usize,
    /// What is at that place (`first defined here`), in the `--lang` language.
    pub message: String,
}

/// What a host answers when the plan or data has errors.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Failure {
    /// Always `false`.
    pub ok: bool,
    /// Every error found, with the warnings found beside them, file by file in the order they stand.
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
    /// The plan's and the data's warnings; `[]` when there are none.
    pub diagnostics: Vec<Diagnostic>,
}

/// An evaluation: the plan, every rule's figures, the groups and the summary.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Evaluation {
    /// The plan's header.
    pub plan: PlanHeader,
    /// The year evaluated as of (reference §7.1): `--as-of`, else the latest year with any data, else the plan's first year.
    pub as_of: Year,
    /// The scenario whose projections were evaluated with the actuals.
    pub scenario: Option<String>,
    /// Every rule's figures, in file order, the members of `any`/`all` blocks included.
    pub rules: Vec<Rule>,
    /// The plan's top-level groups, each holding its inner groups.
    pub groups: Vec<Group>,
    /// The whole plan's counts by status and its overall grade.
    pub summary: Summary,
    /// The checker's warnings, a scenario's notes, and the rules that could not be
    /// evaluated (absent from a report written without them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<Diagnostic>>,
}

/// The plan's header.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PlanHeader {
    /// The plan's name, as its `plan` header writes it.
    pub name: String,
    /// The plan's `period` (without one, the years its rules and data name).
    pub period: Period,
    /// The plan's `baseline` year; null when the header has none.
    pub baseline: Option<Year>,
    /// The 達成率 formula the figures use: `ratio` (actual against target), or `progress` for a plan that says `achievement progress`.
    pub achievement_formula: AchievementFormula,
    /// How the summary, and every group that says nothing itself, is graded: `lowest` (the default) or `average`.
    pub rollup: Rollup,
}

/// A plan's first and last year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Period {
    /// The plan's first year.
    pub from: Year,
    /// The plan's last year.
    pub to: Year,
}

/// A rule's kind: a rule keyword, or `any`/`all`.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Kind {
    /// The rule's keyword: `output`, `outcome`, `indicator` or `milestone` (a `qualitative` rule keeps its keyword).
    Rule(RuleKind),
    /// `any` or `all`, for an `any { … }` or `all { … }` block.
    Composite(CompositeMode),
}

/// One rule's figures as of the evaluation year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Rule {
    /// The indicator's name as first written (an unnamed `any`/`all` is named after its members: `all(A, B)`).
    pub name: String,
    /// The rule's keyword, or `any`/`all` for those blocks.
    pub kind: Kind,
    /// The group's path (ids or titles from the root, joined by `/`).
    pub group: Option<String>,
    /// The `any`/`all` rule this one is a member of.
    pub parent: Option<String>,
    /// The target's comparator; null for milestones, qualitative and tracked rules and `any`/`all`.
    pub comparator: Option<Comparator>,
    /// What is compared: `value` (the actual of one year), `total` (the sum over the period up to `year`) or `average` (the mean).
    pub aggregate: Aggregate,
    /// The rule's unit as the plan writes it (`円`, `%`, `件`); null for a plain number.
    pub unit: Option<String>,
    /// The target T as an exact decimal in base units (円, a ratio for %), for a schedule its last entry; null where none or unknown.
    pub target: Option<String>,
    /// The year the target is due: `by`, else a schedule's last year, else the plan's last year; null where there is none.
    pub target_year: Option<Year>,
    /// The base year: the rule's `from`, else the plan's `baseline`; null when the rule has none.
    pub baseline_year: Option<Year>,
    /// The actual B in `baseline_year`, as an exact decimal in base units; null without a base year or an actual in it.
    pub baseline: Option<String>,
    /// The year the figures are of.
    pub year: Option<Year>,
    /// The actual A in `year` (for `total` the sum, for `average` the mean), as an exact decimal in base units; null when there is none.
    pub actual: Option<String>,
    /// 期待値 E, the pace line's value in `year` (reference §7.3), as an exact decimal in base units; null where none or unknown.
    pub expected: Option<String>,
    /// 達成率, the actual against `achievement_target` (reference §7.4), as an exact ratio (`"0.8733…"` is 87.33%); null where none or unknown.
    pub achievement: Option<String>,
    /// The target the achievement is against, as an exact decimal in base units: `target`, or, before the target year, the year's own target where the rule schedules one for it (reference §7.4); null where no achievement is computed.
    pub achievement_target: Option<String>,
    /// The year of `achievement_target`: `target_year`, or the year evaluated where the achievement is against its own target; null where no achievement is computed.
    pub achievement_target_year: Option<Year>,
    /// 期待値に対する達成率 (reference §7.6): the actual against `expected`, which the grade is of; an exact ratio, null where unknown.
    pub pace_achievement: Option<String>,
    /// 進捗率, (A − B) / (T − B) (reference §7.5), as an exact ratio; null without a base value or when the target equals it.
    pub progress: Option<String>,
    /// The rule's status as of `year` (reference §7.8).
    pub status: Status,
    /// The grade's name on the plan's scale (a qualitative rule's hand grade); null when the rule has none.
    pub grade: Option<String>,
    /// The points the rule scores on the plan's points scale (reference §5.2), as an exact decimal; null when it scores none; absent when the plan has no points scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Option<String>>,
    /// Some figure is computed from a scenario's projection.
    pub projected: bool,
    /// Why a figure is missing or what failed (`no actual for … in R5`), in the `--lang` language; null otherwise.
    pub message: Option<String>,
    /// The rule's `source`: the plan's original sentence; null when not written.
    pub source: Option<String>,
    /// The rule's `basis`: its ground (根拠); null when not written.
    pub basis: Option<String>,
    /// The rule's own reference number (`id` in its metadata); null when not written.
    pub id: Option<String>,
    /// The rule's `owner`: the section in charge (担当課); null when not written.
    pub owner: Option<String>,
    /// The rule's `note`; null when not written.
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
    /// 評価コメント: the department's comment on the figure; null when not written.
    pub comment: Option<String>,
    /// 今後の方向性: what the department will do next; null when not written.
    pub outlook: Option<String>,
    /// 所管課: the department in charge, as the remark names it; null when not written.
    pub owner: Option<String>,
}

/// A group with its counts, grade, inner groups and rules.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Group {
    /// The group's id (`"1-1"` in `group "1-1" "…"`); null for a group written with a title only.
    pub id: Option<String>,
    /// The group's title.
    pub title: String,
    /// The ids (titles for groups without an id) from the top, joined by `/` (`"1/1-1"`).
    pub path: String,
    /// How many of its rules, its inner groups' included, have each status (an `any`/`all` once); statuses no rule has are left out.
    pub counts: Counts<usize>,
    /// The group's grade, rolled up from its rules (reference §7.9); null when none of them has a grade.
    pub grade: Option<String>,
    /// The points of its rules, summed (reference §7.9), as an exact decimal; null when none scores points; absent when the plan has no points scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_total: Option<Option<String>>,
    /// The mean points of its rules that score points (the 平均点), as an exact ratio; null when none does; absent when the plan has no points scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_average: Option<Option<String>>,
    /// Its rules that meet their target, or their pace before the target year (achieved, done, on track) (reference §7.9).
    pub met: usize,
    /// Its rules judged against a target or a pace: `met` and those not achieved, behind or overdue.
    pub judged: usize,
    /// `met` / `judged`, the items' 達成率 a report prints, as an exact ratio; null when no rule is judged.
    pub met_share: Option<String>,
    /// Its inner groups, in file order.
    pub groups: Vec<Group>,
    /// The names of its rules.
    pub rules: Vec<String>,
}

/// The whole plan's counts and grade.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Summary {
    /// The rules counted: top-level rules and rules in groups, an `any`/`all` once (its members not again).
    pub rules: usize,
    /// How many rules of the whole plan have each status; statuses no rule has are left out.
    pub counts: Counts<usize>,
    /// The plan's overall grade, by the header's `rollup`; null when no rule has a grade.
    pub grade: Option<String>,
    /// The points of its rules, summed (reference §7.9), as an exact decimal; null when none scores points; absent when the plan has no points scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_total: Option<Option<String>>,
    /// The mean points of its rules that score points (the 平均点), as an exact ratio; null when none does; absent when the plan has no points scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_average: Option<Option<String>>,
    /// The rules that meet their target, or their pace before the target year (reference §7.9).
    pub met: usize,
    /// The rules judged against a target or a pace.
    pub judged: usize,
    /// `met` / `judged` as an exact ratio; null when no rule is judged.
    pub met_share: Option<String>,
}

/// Counts by status, in the order of the statuses (an object: `{ "achieved": 3 }`).
#[derive(Clone, Debug)]
pub struct Counts<N>(pub Vec<(Status, N)>);

/// An object with a count for any of the statuses' names, and no other key.
impl<N: JsonSchema> JsonSchema for Counts<N> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Counts".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        format!("shihyo_core::output::document::Counts<{}>", N::schema_id()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let count = generator.subschema_for::<N>();
        let mut names: Vec<&str> = Status::ALL.iter().map(|status| status.name()).collect();
        names.sort_unstable();
        let properties: serde_json::Map<String, serde_json::Value> =
            names.into_iter().map(|name| (name.to_string(), count.clone().to_value())).collect();
        schemars::json_schema!({
            "description": "Counts by status, in the order of the statuses (an object: `{ \"achieved\": 3 }`).",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

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
    /// The rule's figures, as in an evaluation's `rules`.
    pub rule: Rule,
    /// The steps that computed them, in order.
    pub steps: Vec<Step>,
}

/// How one figure was computed.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Step {
    /// The figure (`target`, `actual`, `expected`, `achievement`, `status`, …), or
    /// `derivation`: how a derived value an earlier step read was computed.
    pub field: String,
    /// How the figure was computed, in the `--lang` language.
    pub text: String,
    /// The values the step read.
    pub inputs: Vec<Input>,
}

/// A value a step was computed from, and where it was written.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Input {
    /// What the value is: an indicator's name and year (`電子申請の年間利用件数 R1`).
    pub label: String,
    /// The value, as an exact decimal in base units (円, a ratio for %).
    pub value: String,
    /// The name of the file it was written in; null for a derived value (computed, not written).
    pub file: Option<String>,
    /// The line it was written on, from 1; null for a derived value.
    pub line: Option<usize>,
    /// The column it was written at, from 1, in characters; null for a derived value.
    pub column: Option<usize>,
    /// Whether the value is a scenario's projection (its place is then the scenario's line).
    pub projected: bool,
}

/// A Monte Carlo simulation's results.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Simulation {
    /// The simulation's name.
    pub simulation: String,
    /// The plan's name.
    pub plan: String,
    /// The runs done: `--runs`, else the simulation's `runs`, else 10,000.
    pub runs: u64,
    /// The generator's seed, as a string (it may exceed what JSON numbers carry exactly).
    pub seed: String,
    /// The year rules are judged as of: the plan's last year (or a later target year).
    pub as_of: Year,
    /// Whether the bands are of a uniform sample of the runs rather than of all.
    pub bands_sampled: bool,
    /// Draws outside the exact decimal range (the indicator then has no value in that year and after, in that run); normally 0.
    pub failed_draws: u64,
    /// Every rule with a numeric target, and every `any`/`all`, in file order.
    pub rules: Vec<Chance>,
    /// The percentiles of each drawn indicator, and of each derived from one, by indicator in file order, then by year.
    pub bands: Vec<Band>,
}

/// A rule's chance of reaching its target.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Chance {
    /// The rule's name.
    pub name: String,
    /// The year the rule is judged in; null for an `any`/`all`.
    pub target_year: Option<Year>,
    /// The share of runs in which the rule is `achieved` in its target year, as an exact decimal (`"0.3105"` is 621 runs of 2,000).
    pub probability: String,
    /// The Monte Carlo standard error of `probability`, √(p(1 − p) / runs), as a decimal rounded to 6 places.
    pub standard_error: String,
    /// Runs by the status reached.
    pub statuses: Counts<u64>,
    /// Runs by the first year the target was met.
    pub first_met: Vec<FirstMet>,
    /// Runs in which no year up to the target year meets the final target.
    pub never_met: u64,
    /// Whether the rule reads anything drawn.
    pub varies: bool,
}

/// Runs that first met a target in a year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FirstMet {
    /// The year in which the actual first meets the final target.
    pub year: Year,
    /// How many runs first meet it in that year.
    pub runs: u64,
}

/// Percentiles of a drawn (or derived) indicator in a year.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Band {
    /// The indicator's name.
    pub name: String,
    /// The indicator's unit: `"円"` for money, `"%"`, the count word (`"件"`), or null for a plain number.
    pub unit: Option<String>,
    /// The year the values are of.
    pub year: Year,
    /// Whether this year's values are drawn (`true`), or the actuals, the same in every run (`false`).
    pub projected: bool,
    /// The runs (of those sampled) with a value in this year.
    pub runs: usize,
    /// The 5th percentile (nearest rank: one of the values drawn), as an exact decimal in base units; null when no run has a value.
    pub p5: Option<String>,
    /// The 25th percentile (nearest rank), as an exact decimal in base units; null when no run has a value.
    pub p25: Option<String>,
    /// The median (nearest rank), as an exact decimal in base units; null when no run has a value.
    pub p50: Option<String>,
    /// The 75th percentile (nearest rank), as an exact decimal in base units; null when no run has a value.
    pub p75: Option<String>,
    /// The 95th percentile (nearest rank), as an exact decimal in base units; null when no run has a value.
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
    /// Cases failed, over every file.
    pub failed: usize,
    /// Each plan file's run, in the order the files were given.
    pub files: Vec<TestFile>,
}

/// One plan's tests run (or, when the plan or its data has errors, the errors and no case).
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestFile {
    /// The plan file's name, as it was given.
    pub file: String,
    /// The plan's name; absent when the file does not check.
    pub plan: Option<String>,
    /// The file's errors (then no case ran) or its warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Every case run, in file order; empty when the file does not check.
    pub cases: Vec<TestCase>,
    /// Absent when the file does not check.
    pub coverage: Option<Coverage>,
}

/// One case run: a `test`, or one `case` of a test.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestCase {
    /// The name of the `test`.
    pub test: String,
    /// The `case`'s name; absent for a test without cases.
    pub case: Option<String>,
    /// The line of the `test` or `case`.
    pub line: usize,
    /// The year evaluated as of.
    pub as_of: Year,
    /// The scenario (or simulation, at its means) evaluated with the data; null without one.
    pub scenario: Option<String>,
    /// Whether every expectation held.
    pub passed: bool,
    /// Its expectations, the test's and then the case's own, each with what it got.
    pub expectations: Vec<TestExpectation>,
}

/// One `expect` line, compared.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TestExpectation {
    /// The line of the `expect`, from 1.
    pub line: usize,
    /// The column of the `expect`, from 1, in characters.
    pub column: usize,
    /// The rule's name, for an expectation of a rule.
    pub rule: Option<String>,
    /// The group's path, for an expectation of a group.
    pub group: Option<String>,
    /// The figure expected: `status`, `grade`, `achievement`, `progress`, `pace`, `actual`, `expected`, `target` or `baseline`.
    pub field: Field,
    /// The comparator written; null without one (a figure is then compared to the place of its last digit written).
    pub comparator: Option<Comparator>,
    /// The value as written (`87.33%`, `achieved`, `B`).
    pub expected: String,
    /// What the evaluation gave, as in an evaluation (a status's or grade's name, a
    /// decimal in base units); absent when it has none.
    pub got: Option<String>,
    /// Whether the expectation held.
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
    /// The rule's name.
    pub name: String,
    /// Whether an expectation names it.
    pub checked: bool,
    /// The statuses it took in the cases run, from best to worst as a report lists them.
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
