//! The typed syntax tree of a `.kpi` file.
//!
//! Every node keeps the byte span of its original text, so the checker and the
//! evaluator can point at it and the formatter can reprint literals exactly as
//! written. Names keep both forms: as written (for display) and NFKC-normalised
//! (the key they are compared by).

// A tree is built once per file and then only walked: variants are kept
// inline rather than boxed, whatever their difference in size.
#![allow(clippy::large_enum_variant)]

use crate::number::UnitLiteral;
use crate::source::Span;
use crate::year::Year;
use rust_decimal::Decimal;

/// A parsed `.kpi` file (a plan or a file of `data` blocks): its top-level statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The statements in the order written; a statement with a syntax error is left out.
    pub items: Vec<Item>,
}

impl File {
    /// Whether the file is an aggregate's (`shihyo rollup`): statements, each an `aggregate`.
    pub fn is_aggregate(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|item| matches!(item, Item::Aggregation(_)))
    }
}

/// A statement: at top level, or inside a group (which holds no `plan`, `scenario` or `test`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The header `plan NAME { period R3..R7 … }`.
    Plan(Plan),
    /// `group [ID] TITLE { … }`: a reform area.
    Group(Group),
    /// `output`, `outcome`, `indicator` or `milestone`: one indicator and its target.
    Rule(Rule),
    /// `any [NAME] { … }` or `all [NAME] { … }`.
    Composite(Composite),
    /// `data NAME { R5: 13,100 … }`: actuals written inline.
    Data(Data),
    /// `scenario NAME { … }` or `simulation NAME { … }`.
    Scenario(Scenario),
    /// `test NAME { … }`: one of the plan's own tests.
    Test(Test),
    /// `aggregate NAME { plans "…" by "…" … }`: many plans rolled up (a file of its own).
    Aggregation(Aggregation),
}

impl Item {
    /// Where the whole statement is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            Item::Plan(plan) => &plan.span,
            Item::Group(group) => &group.span,
            Item::Rule(rule) => &rule.span,
            Item::Composite(composite) => &composite.span,
            Item::Data(data) => &data.span,
            Item::Scenario(scenario) => &scenario.span,
            Item::Test(test) => &test.span,
            Item::Aggregation(aggregation) => &aggregation.span,
        }
    }
}

/// A name or string: as written (quotes removed, escapes resolved, the spaces
/// around it trimmed) and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// As written in the original text, for display: quotes removed, `\"` and `\\` resolved, spaces around it trimmed.
    pub text: String,
    /// The NFKC form, trimmed, that names are compared by: `「（108項目）」` and `"(108項目)"` have one key.
    pub key: String,
    /// Where it is written in the original text, quotes included.
    pub span: Span,
}

/// A year as written in the file (`R5`, `令和5年度`, `2023年`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearLit {
    /// The fiscal or calendar year it names.
    pub year: Year,
    /// Where it is written, in the original text.
    pub span: Span,
}

/// A range of years, both ends included: `R3..R7` (also `R3~R7`, `R3〜R7`). The parser checks
/// that both ends are of one kind and in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearRange {
    /// The earlier end (`R3`).
    pub first: YearLit,
    /// The later end (`R7`); the same year as `first` for the single year of `sum("name", R5)`.
    pub last: YearLit,
}

/// The plan header: `plan NAME { period R3..R7  baseline R1 … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The plan's title (`"秦野市行財政改革推進計画"`).
    pub name: Name,
    /// Its settings and metadata lines, in the order written (any order is allowed).
    pub settings: Vec<PlanSetting>,
    /// The whole header, braces included, in the original text.
    pub span: Span,
}

/// One setting of the plan header. Each [`Span`] covers the whole setting (`period R3..R7`) in the
/// original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanSetting {
    /// `period R3..R7`: the plan's years.
    Period(YearRange, Span),
    /// `baseline R1`: the plan's base year, read by `baseline` in targets and the start of the pace line.
    Baseline(YearLit, Span),
    /// `achievement ratio` or `achievement progress`: the formula for 達成率.
    Achievement(AchievementFormula, Span),
    /// `rollup lowest` or `rollup average`: how the whole plan, and each group that says nothing, is graded.
    Rollup(Rollup, Span),
    /// `calendar`: the plan counts calendar years (年) rather than fiscal years (年度).
    Calendar(Span),
    /// `grades { A >= 100%, B >= 80%, C }`: the grade scale, its steps in the order written.
    Grades(Vec<GradeStep>, Span),
    /// `points { 7 >= 100%, 6 >= 90%, 1 }`: the points scale, its steps in the order written.
    Points(Vec<PointStep>, Span),
    /// `rates 1 rounded`: how percentages are shown to people.
    Rates(Rates, Span),
    /// A `source`, `basis`, `id`, `owner` or `note` line of the header.
    Meta(Meta),
}

/// How a plan shows percentages to people (`rates 1 truncated`): the digits after
/// the decimal point of the percent, and how the rest is dropped. Machine output
/// stays exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    /// Digits after the decimal point (`1`: 81.3%), as written (the checker bounds it).
    pub digits: u32,
    /// Whether the digits past `digits` are rounded or cut.
    pub rounding: RateRounding,
}

/// How a shown percentage drops its digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateRounding {
    /// Half away from zero (四捨五入), the default.
    #[default]
    Rounded,
    /// Toward zero (切り捨て).
    Truncated,
}

impl PlanSetting {
    /// Where the setting is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            PlanSetting::Period(_, span)
            | PlanSetting::Baseline(_, span)
            | PlanSetting::Achievement(_, span)
            | PlanSetting::Rollup(_, span)
            | PlanSetting::Calendar(span)
            | PlanSetting::Grades(_, span)
            | PlanSetting::Points(_, span)
            | PlanSetting::Rates(_, span) => span,
            PlanSetting::Meta(meta) => &meta.span,
        }
    }
}

/// The formula for 達成率 (achievement), from the header's `achievement` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AchievementFormula {
    /// `achievement ratio`, the default: actual / target (target / actual when lower is better).
    Ratio,
    /// `achievement progress`: the progress from the base value, (actual − baseline) / (target − baseline).
    Progress,
}

/// How a group or the whole plan is graded from its rules (`rollup lowest`, `rollup average`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rollup {
    /// The lowest grade of its rules, the default.
    Lowest,
    /// The grade of the mean pace achievement of its rules that have one.
    Average,
}

/// One step of a scale, tried from the top: `B >= 80%` or `S when actual >= target` in
/// `grades { … }`, `6 >= 90%` in `points { … }`, or a last step with no test (`D`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleStep<Label> {
    /// What the step gives: a grade's name (`A`, `良`, `"B+"`) or a number of points.
    pub label: Label,
    /// `None` for the last, catch-all step.
    pub test: Option<StepTest>,
    /// The whole step in the original text.
    pub span: Span,
}

/// A step of `grades { … }`, labelled by the grade's name.
pub type GradeStep = ScaleStep<Name>;

/// A step of `points { … }`, labelled by its points.
pub type PointStep = ScaleStep<Quantity>;

/// When a scale's step holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepTest {
    /// `>= 80%`: the pace achievement against a threshold.
    Threshold(Comparator, Quantity),
    /// `when actual >= target and pace >= 90%`: every condition holds.
    When(Vec<Condition>),
}

/// One condition of a step: `actual > baseline`, `actual >= baseline * 90%`, `achievement >= 100%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The figure tested.
    pub figure: Figure,
    /// How it is compared.
    pub comparator: Comparator,
    /// What it is compared with.
    pub against: Against,
    /// The condition in the original text.
    pub span: Span,
}

/// A figure a scale's condition tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The actual, compared with the rule's target, baseline or expected value in the rule's direction.
    Actual,
    /// 達成率: the actual against the target.
    Achievement,
    /// The pace achievement: the actual against the expected value.
    Pace,
    /// 進捗率: (actual − baseline) / (target − baseline).
    Progress,
    /// The change from the baseline, (actual − baseline) / baseline, positive when it is better.
    Change,
    /// The points from the plan's points scale (a group's: their mean).
    Points,
}

impl Figure {
    /// The word the language writes for it.
    pub fn word(self) -> &'static str {
        match self {
            Figure::Actual => "actual",
            Figure::Achievement => "achievement",
            Figure::Pace => "pace",
            Figure::Progress => "progress",
            Figure::Change => "change",
            Figure::Points => "points",
        }
    }
}

/// What a condition compares its figure with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Against {
    /// A number: a percentage for a ratio, a count of points.
    Value(Quantity),
    /// The rule's own `target`, `baseline` or `expected` value, times a percentage if written (`baseline * 90%`).
    Benchmark(Benchmark, Option<Quantity>),
}

/// A rule's own value that a condition on its actual reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Benchmark {
    /// The rule's target.
    Target,
    /// The rule's baseline.
    Baseline,
    /// The expected value of the year evaluated.
    Expected,
}

impl Benchmark {
    /// The word the language writes for it.
    pub fn word(self) -> &'static str {
        match self {
            Benchmark::Target => "target",
            Benchmark::Baseline => "baseline",
            Benchmark::Expected => "expected",
        }
    }
}

/// `group "3-1" "新たな価値を創出する公民連携の推進" { … }`: a reform area or sub-area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The id before the title (`"3-1"`); `None` when only a title is written (`group "参考指標"`).
    pub id: Option<Name>,
    /// The group's title, shown in reports.
    pub title: Name,
    /// Its contents in the order written: its `rollup`, metadata, rules, subgroups, `data` blocks.
    pub items: Vec<GroupItem>,
    /// The whole group, braces included, in the original text.
    pub span: Span,
}

/// One line (or block) inside a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupItem {
    /// `rollup lowest` or `rollup average` in the group: how this group is graded, over the header's `rollup`.
    Rollup(Rollup, Span),
    /// `grades { … }` in the group: the grade scale of its rules and inner groups, over the header's.
    Grades(Vec<GradeStep>, Span),
    /// `points { … }` in the group: the points scale of its rules and inner groups, over the header's.
    Points(Vec<PointStep>, Span),
    /// A `source`, `basis`, `id`, `owner` or `note` line of the group.
    Meta(Meta),
    /// A rule, milestone, `any`/`all`, subgroup or `data` block inside the group.
    Item(Item),
}

impl GroupItem {
    /// Where the item is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            GroupItem::Rollup(_, span) | GroupItem::Grades(_, span) | GroupItem::Points(_, span) => span,
            GroupItem::Meta(meta) => &meta.span,
            GroupItem::Item(item) => item.span(),
        }
    }
}

/// The keyword a rule starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// `output`: アウトプット指標, how much was done.
    Output,
    /// `outcome`: アウトカム指標, the effect it had.
    Outcome,
    /// `indicator`: a neutral series, tracked (no target needed) or derived.
    Indicator,
    /// `milestone NAME by YEAR`: an event, done or not done.
    Milestone,
}

impl RuleKind {
    /// The keyword as a plan writes it (`outcome`).
    pub fn keyword(self) -> &'static str {
        match self {
            RuleKind::Output => "output",
            RuleKind::Outcome => "outcome",
            RuleKind::Indicator => "indicator",
            RuleKind::Milestone => "milestone",
        }
    }
}

/// One indicator and its target: `outcome "電子申請件数" >= baseline * 150% unit 件 { … }`, or a
/// milestone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Which keyword it starts with.
    pub kind: RuleKind,
    /// The indicator's name, unique in the plan; rules and data refer to it by its key.
    pub name: Name,
    /// What the rule judges: a figure, a hand grade or an event.
    pub body: RuleBody,
    /// The lines of its `{ … }` block, in the order written; empty without a block.
    pub meta: Vec<Meta>,
    /// The whole rule, its `{ … }` block included, in the original text.
    pub span: Span,
}

/// What a rule judges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleBody {
    /// `qualitative`: no numeric target; a grade is given by hand in the data. The span is the word's.
    Qualitative(Span),
    /// `milestone NAME by YEAR`: done or not done by that year.
    Milestone {
        /// The year it is due (`by R4`).
        by: YearLit,
    },
    /// A numeric rule: a target, a formula, or a tracked `indicator` with neither.
    Measured(Measured),
}

/// The body of a numeric rule: `[= EXPR] [total|average] [CMP TARGET] [unit U] [from Y] [by Y | every year]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measured {
    /// `= FORMULA` after the name: the indicator's values are computed; `None` when they are given as data.
    pub derivation: Option<Expr>,
    /// `total` or `average` before the comparator, [`Aggregate::Value`] when neither is written.
    pub aggregate: Aggregate,
    /// The comparator and target; `None` for a rule without one: a tracked `indicator`, or a derived one.
    pub comparison: Option<Comparison>,
    /// `unit U`; `None` when not written (the unit then comes from the target, the formula or the data).
    pub unit: Option<UnitClause>,
    /// `from YEAR`: this rule's own base year; `None`: the plan's `baseline`.
    pub from: Option<YearLit>,
    /// When the target is due: `by YEAR`, `every year`, or the plan's end.
    pub schedule: Schedule,
}

/// Which actual a rule compares with its target: `total` in `outcome "効果額" total >= 298,513千円`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Neither word: the actual of the evaluation year.
    #[default]
    Value,
    /// `total`: the sum of the actuals from the plan's first year to the evaluation year (a cumulative 効果額).
    Total,
    /// `total recurring`: each year's effect counted again in every later year of the plan (継続効果):
    /// the sum of the running totals from the plan's first year to the evaluation year.
    #[serde(rename = "total_recurring")]
    RecurringTotal,
    /// `average`: the mean of the actuals from the plan's first year to the evaluation year that have data.
    Average,
}

impl Aggregate {
    /// The words a rule writes for it (`total recurring`); `None` for [`Aggregate::Value`].
    pub fn written(self) -> Option<&'static str> {
        match self {
            Aggregate::Value => None,
            Aggregate::Total => Some("total"),
            Aggregate::RecurringTotal => Some("total recurring"),
            Aggregate::Average => Some("average"),
        }
    }

    /// Whether the actual is a sum over the years (`total`, `total recurring`).
    pub fn is_total(self) -> bool {
        matches!(self, Aggregate::Total | Aggregate::RecurringTotal)
    }
}

/// `unit 千円` on a rule: the indicator's unit, and for money the unit its figures are shown in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitClause {
    /// The unit the word names (`千円` is money with scale 1,000, `件` a count).
    pub unit: UnitLiteral,
    /// The unit word as written after `unit`, in its NFKC form (`千円`).
    pub text: String,
    /// The whole clause, `unit` included, in the original text.
    pub span: Span,
}

/// When a rule's target is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// The plan's last year.
    PlanEnd,
    /// `by R5`: the target year.
    By(YearLit),
    /// `every year`: the target must hold in each year of the period. The span is the two words'.
    EveryYear(Span),
}

/// A rule's comparator and target: `>= baseline(R1) * 150%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Which comparison the actual must meet.
    pub comparator: Comparator,
    /// Where the comparator is written (`>=`, `≧`…), in the original text.
    pub comparator_span: Span,
    /// What the actual is compared with.
    pub target: Target,
}

/// A comparison between an actual and a target; also a grade step's and an expectation's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
pub enum Comparator {
    /// `>=` (also `≥`, `≧`): at least, higher is better.
    #[serde(rename = ">=")]
    AtLeast,
    /// `<=` (also `≤`, `≦`): at most, lower is better.
    #[serde(rename = "<=")]
    AtMost,
    /// `>`: more than, higher is better.
    #[serde(rename = ">")]
    Above,
    /// `<`: less than, lower is better.
    #[serde(rename = "<")]
    Below,
    /// `==`: exactly.
    #[serde(rename = "==")]
    Equal,
}

impl Comparator {
    /// The ASCII symbol (`>=` for `≧` too), as the formatter and messages write it.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::Above => ">",
            Comparator::Below => "<",
            Comparator::Equal => "==",
        }
    }

    /// Whether `actual` satisfies the comparator against `target`.
    pub fn holds(self, actual: Decimal, target: Decimal) -> bool {
        match self {
            Comparator::AtLeast => actual >= target,
            Comparator::AtMost => actual <= target,
            Comparator::Above => actual > target,
            Comparator::Below => actual < target,
            Comparator::Equal => actual == target,
        }
    }
}

/// A rule's target, after the comparator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `tbd`: not decided yet; the rule's status is `tbd`. The span is the word's.
    Tbd(Span),
    /// One expression: `80%`, `baseline(R1) * 150%`.
    Expr(Expr),
    /// Interim or year-by-year targets `{ R5: …, R7: … }`, in the order written.
    Schedule(Vec<(YearLit, Expr)>, Span),
}

/// The key of a metadata line: `source` in `source "電子申請の年間利用件数50%増加"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaKey {
    /// `source`: the plan's original sentence.
    Source,
    /// `basis`: the ground for the indicator (根拠).
    Basis,
    /// `id`: the plan's own reference number (`"1-2-①"`).
    Id,
    /// `owner`: the section in charge (担当課).
    Owner,
    /// `note`: anything else.
    Note,
}

impl MetaKey {
    /// The key as a plan writes it (`source`).
    pub fn keyword(self) -> &'static str {
        match self {
            MetaKey::Source => "source",
            MetaKey::Basis => "basis",
            MetaKey::Id => "id",
            MetaKey::Owner => "owner",
            MetaKey::Note => "note",
        }
    }
}

/// A metadata line in a rule's `{ … }`, a group or the plan header: `owner "情報政策課"`. For readers
/// and reports; no figure reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Which key the line has.
    pub key: MetaKey,
    /// The string after the key.
    pub value: Name,
    /// The whole line, key included, in the original text.
    pub span: Span,
}

/// How an `any`/`all` block judges its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CompositeMode {
    /// `any`: met when one member is met (「いずれか」); it takes the best status of its members.
    Any,
    /// `all`: met when every member is; it takes the worst status.
    All,
}

/// `any [NAME] { … }` or `all [NAME] { … }`: a rule judged from the rules inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composite {
    /// `any` or `all`.
    pub mode: CompositeMode,
    /// `None` when no name is written: the name is then made from the members
    /// (`all(文書管理システムの稼働, 電子決裁の開始)`).
    pub name: Option<Name>,
    /// The rules and nested blocks inside, in the order written (at least one).
    pub members: Vec<Member>,
    /// The whole block, braces included, in the original text.
    pub span: Span,
}

/// A member of an `any`/`all` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Member {
    /// A rule or milestone.
    Rule(Rule),
    /// A nested `any`/`all` block.
    Composite(Composite),
}

impl Member {
    /// Where the member is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            Member::Rule(rule) => &rule.span,
            Member::Composite(composite) => &composite.span,
        }
    }
}

/// `data NAME { YEAR: VALUE … }`: one indicator's actuals, in a plan, a group, a test or a `.kpi` data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Data {
    /// The indicator the values are for.
    pub name: Name,
    /// The entries in the order written.
    pub entries: Vec<DataEntry>,
    /// The whole block, braces included, in the original text.
    pub span: Span,
}

/// One entry of a `data` block: `R5: 13,100`, `R4: done`, `R5: grade B`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataEntry {
    /// The year the value is for.
    pub year: YearLit,
    /// The value, as written.
    pub value: DataValue,
    /// `{ comment "…" outlook "…" owner "…" }` after the value, in the order written.
    pub remarks: Vec<Remark>,
    /// The whole entry, remarks included, in the original text.
    pub span: Span,
}

/// A department's words on one year's figure, in a data entry's `{ … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    /// Which remark it is.
    pub key: RemarkKey,
    /// The string after the key.
    pub text: Name,
    /// The whole remark, key included, in the original text.
    pub span: Span,
}

/// What a remark says: 評価コメント, 今後の方向性, 所管課.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemarkKey {
    /// `comment`: the department's comment on the figure (評価コメント).
    Comment,
    /// `outlook`: what it will do next (今後の方向性).
    Outlook,
    /// `owner`: the department in charge (所管課).
    Owner,
}

impl RemarkKey {
    /// The key as a plan writes it (`comment`).
    pub fn keyword(self) -> &'static str {
        match self {
            RemarkKey::Comment => "comment",
            RemarkKey::Outlook => "outlook",
            RemarkKey::Owner => "owner",
        }
    }
}

/// The value of a data entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataValue {
    /// A number as written (`13,100`, `298,513千円`, `△84`); a bare one takes the indicator's unit when
    /// checked.
    Number(Quantity),
    /// `done`: a milestone happened in that year.
    Done,
    /// `grade B`: a qualitative rule's hand grade, a name from the plan's scale.
    Grade(Name),
}

/// `scenario NAME [extends NAME] { … }` or `simulation NAME [runs N] [seed S] [extends NAME] { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The name `eval --scenario` and `extends` refer to it by.
    pub name: Name,
    /// `Some` for a `simulation`.
    pub simulation: Option<SimulationSettings>,
    /// `extends NAME`: the scenario or simulation whose projections this one starts from; `None` without it.
    pub extends: Option<Name>,
    /// One per indicator, in the order written; they replace those of the base with the same name.
    pub projections: Vec<Projection>,
    /// The whole statement, braces included, in the original text.
    pub span: Span,
}

/// The settings of a Monte Carlo simulation, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimulationSettings {
    /// `runs N`: how many runs to draw; `None`: the default, 10,000. The checker bounds it (E0255).
    pub runs: Option<Quantity>,
    /// `seed S`: the start of the random sequence; `None`: 0. The checker bounds it (E0255).
    pub seed: Option<Quantity>,
}

/// One indicator's projection: `"NAME" grows 8% per year`, `"NAME" = V per year`, `"NAME" trend`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    /// The indicator projected.
    pub name: Name,
    /// How its coming years go.
    pub method: Method,
    /// The whole line in the original text.
    pub span: Span,
}

/// How a projection fills an indicator's years after its last actual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    /// `grows X per year`: by a ratio (compound) or by an amount.
    Grows(Amount),
    /// `= V per year`.
    Level(Amount),
    /// `trend`: the least-squares line through the actuals.
    Trend(Span),
}

/// A fixed amount or a distribution to draw it from, with `steady` if drawn once per run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// Where `steady` is written: the draw is made once per run; `None`: drawn afresh each projected year.
    pub steady: Option<Span>,
    /// The amount, in the indicator's unit, or after `grows` a `%` rate.
    pub draw: Draw,
    /// The whole amount, `steady` included, in the original text.
    pub span: Span,
}

/// A fixed amount or a distribution: of written quantities in the tree, of exact
/// values once checked (`Draw<Decimal>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draw<T = Quantity> {
    /// An amount that does not vary (`8%`, `60,000千円`).
    Fixed(T),
    /// `normal(mean, sd)`: the bell curve.
    Normal {
        /// The mean of the draws.
        mean: T,
        /// The standard deviation: 0 for no spread, never negative (E0253).
        sd: T,
    },
    /// `uniform(low, high)`: any value between the bounds, all equally likely.
    Uniform {
        /// The lower bound, at most `high` (E0253).
        low: T,
        /// The upper bound.
        high: T,
    },
    /// `triangular(low, mode, high)`: between the bounds, most often near `mode`.
    Triangular {
        /// The lower bound, at most `mode` (E0253).
        low: T,
        /// The most likely value, at most `high` (E0253).
        mode: T,
        /// The upper bound.
        high: T,
    },
}

impl<T> Draw<T> {
    /// The distribution's keyword, `None` for a fixed amount.
    pub fn keyword(&self) -> Option<&'static str> {
        match self {
            Draw::Fixed(_) => None,
            Draw::Normal { .. } => Some("normal"),
            Draw::Uniform { .. } => Some("uniform"),
            Draw::Triangular { .. } => Some("triangular"),
        }
    }

    /// The amounts: the fixed value or the distribution's parameters.
    pub fn parameters(&self) -> Vec<&T> {
        match self {
            Draw::Fixed(value) => vec![value],
            Draw::Normal { mean, sd } => vec![mean, sd],
            Draw::Uniform { low, high } => vec![low, high],
            Draw::Triangular { low, mode, high } => vec![low, mode, high],
        }
    }
}

/// `test NAME { … }` (or, inside one, `case NAME { … }`): actuals, a year and a
/// scenario to evaluate the plan with, and what the evaluation must give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Test {
    /// The test's name, or the case's (reported as `test › case`).
    pub name: Name,
    /// In the order written; a `case` holds no further cases (the grammar says so).
    pub items: Vec<TestItem>,
    /// The whole test, braces included, in the original text.
    pub span: Span,
}

/// One line (or block) of a test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TestItem {
    /// `as of R5`: the evaluation year.
    AsOf(YearLit, Span),
    /// `scenario "NAME"`: evaluate on the actuals plus that scenario's projections.
    Scenario(Name, Span),
    /// `data "NAME" { … }`: cells that replace the plan's own data for this test.
    Data(Data),
    /// `expect …`: what the evaluation must give.
    Expect(Expectation),
    /// `case NAME { … }`: the test once more, with these items added.
    Case(Test),
}

impl TestItem {
    /// Where the item is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            TestItem::AsOf(_, span) | TestItem::Scenario(_, span) => span,
            TestItem::Data(data) => &data.span,
            TestItem::Expect(expectation) => &expectation.span,
            TestItem::Case(case) => &case.span,
        }
    }
}

/// `expect SUBJECT FIELD [COMPARATOR] VALUE`: `expect "満足度" status achieved`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    /// A rule, a group or the whole plan.
    pub subject: Subject,
    /// The figure checked (`status`, `achievement`…).
    pub field: Field,
    /// Where the field's word is written, in the original text.
    pub field_span: Span,
    /// `None`: the value is the figure, at the precision it is written.
    pub comparator: Option<(Comparator, Span)>,
    /// What the figure must be.
    pub value: ExpectedValue,
    /// The whole expectation, `expect` included, in the original text.
    pub span: Span,
}

/// What an expectation is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A rule, by name.
    Rule(Name),
    /// `group NAME`: a group, by its id or title.
    Group(Name, Span),
    /// `plan`: the whole plan (its overall grade).
    Plan(Span),
}

/// The figure an expectation checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// `status`: `achieved`, `on_track`, `behind`… (or its Japanese label, `順調`).
    Status,
    /// `grade`: the grade on the plan's scale; the only field of a group or the plan.
    Grade,
    /// `achievement`: 達成率.
    Achievement,
    /// `progress`: 進捗率.
    Progress,
    /// `pace`: the pace achievement, actual against expected (期待値に対する達成率).
    Pace,
    /// `actual`: 実績値, in the rule's unit.
    Actual,
    /// `expected`: 期待値, in the rule's unit.
    Expected,
    /// `target`: 目標値, in the rule's unit.
    Target,
    /// `baseline`: 基準値, the actual in the base year, in the rule's unit.
    Baseline,
}

impl Field {
    /// Every field, in the order the reference lists them.
    pub const ALL: [Field; 9] = [
        Field::Status,
        Field::Grade,
        Field::Achievement,
        Field::Progress,
        Field::Pace,
        Field::Actual,
        Field::Expected,
        Field::Target,
        Field::Baseline,
    ];

    /// The field as a plan writes it (`status`).
    pub fn keyword(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Grade => "grade",
            Field::Achievement => "achievement",
            Field::Progress => "progress",
            Field::Pace => "pace",
            Field::Actual => "actual",
            Field::Expected => "expected",
            Field::Target => "target",
            Field::Baseline => "baseline",
        }
    }

    /// Whether the field is a ratio (written as a percentage): achievement, progress, pace.
    pub fn is_ratio(self) -> bool {
        matches!(self, Field::Achievement | Field::Progress | Field::Pace)
    }

    /// Whether the field is a figure in the rule's own unit.
    pub fn is_amount(self) -> bool {
        matches!(self, Field::Actual | Field::Expected | Field::Target | Field::Baseline)
    }
}

/// The value an expectation names: a number with its unit, or a word (a status, a grade).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectedValue {
    /// A number: a percentage (`96.69%`) or an amount, with its unit or bare in the rule's unit (`16,640件`, `16,640`).
    Quantity(Quantity),
    /// A status (`on_track`, `順調`) or a grade's name (`B`, `"B+"`).
    Word(Name),
}

impl ExpectedValue {
    /// Where the value is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            ExpectedValue::Quantity(quantity) => &quantity.span,
            ExpectedValue::Word(name) => &name.span,
        }
    }
}

/// A number with its unit, exact, as written (`△54,317`, `298,513千円`, `80%`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The exact value in base units: 円 for money (`298,513千円` is 298,513,000), a plain ratio for
    /// `%`, `割` and `‰` (`80%` is 0.8), else the number itself. Negative when written with `-`, `△` or `▲`.
    pub value: Decimal,
    /// The unit written after the number; [`UnitLiteral::Plain`] when none (or `倍`).
    pub unit: UnitLiteral,
    /// Where it is written in the original text, its sign included.
    pub span: Span,
}

/// An expression: a target, a schedule entry, a derivation, or an argument of a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// The whole expression in the original text.
    pub span: Span,
}

/// The forms of an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// A number with its unit: `150%`, `298,513千円`.
    Number(Quantity),
    /// `baseline` (None) or `baseline(Y)`.
    Baseline(Option<YearLit>),
    /// `value(Y)`, `value("name")`, `value("name", Y)`.
    Value {
        /// The indicator read; `None`: the rule's own.
        name: Option<Name>,
        /// The year read; `None`: the evaluation year.
        year: Option<YearLit>,
    },
    /// `sum("name", R3..R7)` and `avg(…)`.
    Series {
        /// `sum` or `avg`.
        function: SeriesFunction,
        /// The indicator whose actuals are summed or averaged.
        name: Name,
        /// The years; `None`: from the plan's first year to the evaluation year. A single year
        /// (`sum("name", R5)`) is a range of one year.
        range: Option<YearRange>,
    },
    /// `achievement("name")`, `pace(…)`, `progress(…)`, `points(…)`, `met(…)`: a figure of another
    /// rule as judged as of the year computed (or the year given).
    Figure {
        /// Which figure.
        figure: RuleFigure,
        /// The rule whose figure is read.
        name: Name,
        /// The year it is judged as of; `None`: the year computed.
        year: Option<YearLit>,
    },
    /// `min(a, b, …)` and `max(…)`.
    Extremum {
        /// `min` or `max`.
        function: Extremum,
        /// The values compared, two or more.
        args: Vec<Expr>,
    },
    /// `round(x, digits)`: `x` rounded half away from zero (四捨五入).
    Round {
        /// The value rounded.
        value: Box<Expr>,
        /// Decimals kept, from −28 to 28; a negative count rounds to tens, hundreds… (`-3`: to thousands).
        digits: i32,
    },
    /// A leading minus: `-x`, `△x`, `▲x`. Two signs cancel out and leave no node.
    Negate(Box<Expr>),
    /// `lhs op rhs`, with `*` and `/` already bound before `+` and `-`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// The operand on the left.
        lhs: Box<Expr>,
        /// The operand on the right.
        rhs: Box<Expr>,
    },
    /// `( … )`, kept so the formatter writes the parentheses back; it changes no value.
    Paren(Box<Expr>),
}

/// The function of a series call: `sum("効果額", R3..R7)` or `avg(…)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesFunction {
    /// `sum`: the total of the actuals over the years that have data.
    Sum,
    /// `avg`: the mean over the years that have data.
    Avg,
}

/// A figure of a rule that an expression may read (reference §5.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleFigure {
    /// `achievement("name")`: its 達成率.
    Achievement,
    /// `pace("name")`: its achievement against the expected value.
    Pace,
    /// `progress("name")`: its 進捗率.
    Progress,
    /// `points("name")`: its points on its scale.
    Points,
    /// `met("name")`: 1 when it meets its target or pace (achieved, done, on track), 0 when it
    /// does not (not achieved, behind, overdue).
    Met,
}

impl RuleFigure {
    /// The function's name.
    pub fn word(self) -> &'static str {
        match self {
            RuleFigure::Achievement => "achievement",
            RuleFigure::Pace => "pace",
            RuleFigure::Progress => "progress",
            RuleFigure::Points => "points",
            RuleFigure::Met => "met",
        }
    }
}

/// The function of `min(a, b, …)` or `max(a, b, …)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extremum {
    /// `min`: the smallest value.
    Min,
    /// `max`: the largest value.
    Max,
}

/// An arithmetic operator of an expression; every operation is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `+`.
    Add,
    /// `-`.
    Subtract,
    /// `*` (also `×`).
    Multiply,
    /// `/` (also `÷`); dividing by zero is an error at evaluation (E0302).
    Divide,
}

impl BinaryOp {
    /// The ASCII symbol, as the formatter writes it (`*` for `×` too).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
        }
    }

    /// How tightly the operator binds: 2 for `*` and `/`, 1 for `+` and `-`.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Add | BinaryOp::Subtract => 1,
            BinaryOp::Multiply | BinaryOp::Divide => 2,
        }
    }
}

/// `aggregate NAME { … }`: the plans a roll-up evaluates (a roster file listing each plan,
/// its data and its keys) and how their results are rolled up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aggregation {
    /// The roll-up's title (`全国の総合戦略KPI`).
    pub name: Name,
    /// In the order written.
    pub items: Vec<AggregationItem>,
    /// The whole statement, braces included, in the original text.
    pub span: Span,
}

/// One line of an `aggregate` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AggregationItem {
    /// `plans "roster.csv"`: the roster, relative to the aggregate's file.
    Plans(Name, Span),
    /// `as of R6`: the year every plan is evaluated as of.
    AsOf(YearLit, Span),
    /// `by "prefecture"`: a roster column the plans are rolled up by.
    By(Name, Span),
    /// `sum "NAME"` or `average "NAME"`: an indicator totalled over the plans that have it.
    Total(Total, Name, Span),
    /// `source "…"`, `note "…"`.
    Meta(Meta),
}

impl AggregationItem {
    /// Where the item is written, in the original text.
    pub fn span(&self) -> &Span {
        match self {
            AggregationItem::Plans(_, span)
            | AggregationItem::AsOf(_, span)
            | AggregationItem::By(_, span)
            | AggregationItem::Total(_, _, span) => span,
            AggregationItem::Meta(meta) => &meta.span,
        }
    }
}

/// How an `aggregate` totals an indicator over its plans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Total {
    /// `sum`: the plans' actuals added up.
    Sum,
    /// `average`: the mean of the plans' actuals.
    Average,
}

impl Total {
    /// The keyword (`sum`, `average`).
    pub fn keyword(self) -> &'static str {
        match self {
            Total::Sum => "sum",
            Total::Average => "average",
        }
    }
}
