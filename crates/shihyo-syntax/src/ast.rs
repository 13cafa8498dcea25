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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Plan(Plan),
    Group(Group),
    Rule(Rule),
    Composite(Composite),
    Data(Data),
    Scenario(Scenario),
    Test(Test),
}

impl Item {
    pub fn span(&self) -> &Span {
        match self {
            Item::Plan(plan) => &plan.span,
            Item::Group(group) => &group.span,
            Item::Rule(rule) => &rule.span,
            Item::Composite(composite) => &composite.span,
            Item::Data(data) => &data.span,
            Item::Scenario(scenario) => &scenario.span,
            Item::Test(test) => &test.span,
        }
    }
}

/// A name or string: as written (quotes removed, escapes resolved, the spaces
/// around it trimmed) and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub key: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearLit {
    pub year: Year,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearRange {
    pub first: YearLit,
    pub last: YearLit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: Name,
    pub settings: Vec<PlanSetting>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanSetting {
    Period(YearRange, Span),
    Baseline(YearLit, Span),
    Achievement(AchievementFormula, Span),
    Rollup(Rollup, Span),
    Calendar(Span),
    Grades(Vec<GradeStep>, Span),
    /// `rates 1 rounded`: how percentages are shown to people.
    Rates(Rates, Span),
    Meta(Meta),
}

/// How a plan shows percentages to people (`rates 1 truncated`): the digits after
/// the decimal point of the percent, and how the rest is dropped. Machine output
/// stays exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    /// Digits after the decimal point (`1`: 81.3%), as written (the checker bounds it).
    pub digits: u32,
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
    pub fn span(&self) -> &Span {
        match self {
            PlanSetting::Period(_, span)
            | PlanSetting::Baseline(_, span)
            | PlanSetting::Achievement(_, span)
            | PlanSetting::Rollup(_, span)
            | PlanSetting::Calendar(span)
            | PlanSetting::Grades(_, span)
            | PlanSetting::Rates(_, span) => span,
            PlanSetting::Meta(meta) => &meta.span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AchievementFormula {
    Ratio,
    Progress,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rollup {
    Lowest,
    Average,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeStep {
    pub name: Name,
    /// `None` for the last, catch-all grade.
    pub threshold: Option<(Comparator, Quantity)>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: Option<Name>,
    pub title: Name,
    pub items: Vec<GroupItem>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupItem {
    Rollup(Rollup, Span),
    Meta(Meta),
    Item(Item),
}

impl GroupItem {
    pub fn span(&self) -> &Span {
        match self {
            GroupItem::Rollup(_, span) => span,
            GroupItem::Meta(meta) => &meta.span,
            GroupItem::Item(item) => item.span(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    Output,
    Outcome,
    Indicator,
    Milestone,
}

impl RuleKind {
    pub fn keyword(self) -> &'static str {
        match self {
            RuleKind::Output => "output",
            RuleKind::Outcome => "outcome",
            RuleKind::Indicator => "indicator",
            RuleKind::Milestone => "milestone",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub kind: RuleKind,
    pub name: Name,
    pub body: RuleBody,
    pub meta: Vec<Meta>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleBody {
    Qualitative(Span),
    Milestone { by: YearLit },
    Measured(Measured),
}

/// The body of a numeric rule: `[= EXPR] [total|average] [CMP TARGET] [unit U] [from Y] [by Y | every year]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measured {
    pub derivation: Option<Expr>,
    pub aggregate: Aggregate,
    pub comparison: Option<Comparison>,
    pub unit: Option<UnitClause>,
    pub from: Option<YearLit>,
    pub schedule: Schedule,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    #[default]
    Value,
    Total,
    Average,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitClause {
    pub unit: UnitLiteral,
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// The plan's last year.
    PlanEnd,
    By(YearLit),
    EveryYear(Span),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub comparator: Comparator,
    pub comparator_span: Span,
    pub target: Target,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "==")]
    Equal,
}

impl Comparator {
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Tbd(Span),
    Expr(Expr),
    /// Interim or year-by-year targets `{ R5: …, R7: … }`, in the order written.
    Schedule(Vec<(YearLit, Expr)>, Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaKey {
    Source,
    Basis,
    Id,
    Owner,
    Note,
}

impl MetaKey {
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub key: MetaKey,
    pub value: Name,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CompositeMode {
    Any,
    All,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composite {
    pub mode: CompositeMode,
    pub name: Option<Name>,
    pub members: Vec<Member>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Member {
    Rule(Rule),
    Composite(Composite),
}

impl Member {
    pub fn span(&self) -> &Span {
        match self {
            Member::Rule(rule) => &rule.span,
            Member::Composite(composite) => &composite.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Data {
    pub name: Name,
    pub entries: Vec<DataEntry>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataEntry {
    pub year: YearLit,
    pub value: DataValue,
    /// `{ comment "…" outlook "…" owner "…" }` after the value, in the order written.
    pub remarks: Vec<Remark>,
    pub span: Span,
}

/// A department's words on one year's figure, in a data entry's `{ … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    pub key: RemarkKey,
    pub text: Name,
    pub span: Span,
}

/// What a remark says: 評価コメント, 今後の方向性, 所管課.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemarkKey {
    Comment,
    Outlook,
    Owner,
}

impl RemarkKey {
    pub fn keyword(self) -> &'static str {
        match self {
            RemarkKey::Comment => "comment",
            RemarkKey::Outlook => "outlook",
            RemarkKey::Owner => "owner",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataValue {
    Number(Quantity),
    Done,
    Grade(Name),
}

/// `scenario NAME [extends NAME] { … }` or `simulation NAME [runs N] [seed S] [extends NAME] { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: Name,
    /// `Some` for a `simulation`.
    pub simulation: Option<SimulationSettings>,
    pub extends: Option<Name>,
    pub projections: Vec<Projection>,
    pub span: Span,
}

/// The settings of a Monte Carlo simulation, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimulationSettings {
    pub runs: Option<Quantity>,
    pub seed: Option<Quantity>,
}

/// One indicator's projection: `"NAME" grows 8% per year`, `"NAME" = V per year`, `"NAME" trend`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub name: Name,
    pub method: Method,
    pub span: Span,
}

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
    pub steady: Option<Span>,
    pub draw: Draw,
    pub span: Span,
}

/// A fixed amount or a distribution: of written quantities in the tree, of exact
/// values once checked (`Draw<Decimal>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draw<T = Quantity> {
    Fixed(T),
    Normal { mean: T, sd: T },
    Uniform { low: T, high: T },
    Triangular { low: T, mode: T, high: T },
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
    pub name: Name,
    /// In the order written; a `case` holds no further cases (the grammar says so).
    pub items: Vec<TestItem>,
    pub span: Span,
}

/// One line (or block) of a test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TestItem {
    /// `as of R5`: the evaluation year.
    AsOf(YearLit, Span),
    /// `scenario "NAME"`: evaluate on the actuals plus that scenario's projections.
    Scenario(Name, Span),
    Data(Data),
    Expect(Expectation),
    /// `case NAME { … }`: the test once more, with these items added.
    Case(Test),
}

impl TestItem {
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
    pub subject: Subject,
    pub field: Field,
    pub field_span: Span,
    /// `None`: the value is the figure, at the precision it is written.
    pub comparator: Option<(Comparator, Span)>,
    pub value: ExpectedValue,
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
    Status,
    Grade,
    Achievement,
    Progress,
    Pace,
    Actual,
    Expected,
    Target,
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
    Quantity(Quantity),
    Word(Name),
}

impl ExpectedValue {
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
    pub value: Decimal,
    pub unit: UnitLiteral,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    Number(Quantity),
    /// `baseline` (None) or `baseline(Y)`.
    Baseline(Option<YearLit>),
    /// `value(Y)`, `value("name")`, `value("name", Y)`.
    Value {
        name: Option<Name>,
        year: Option<YearLit>,
    },
    /// `sum("name", R3..R7)` and `avg(…)`.
    Series {
        function: SeriesFunction,
        name: Name,
        range: Option<YearRange>,
    },
    /// `min(a, b, …)` and `max(…)`.
    Extremum {
        function: Extremum,
        args: Vec<Expr>,
    },
    Round {
        value: Box<Expr>,
        digits: i32,
    },
    Negate(Box<Expr>),
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Paren(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesFunction {
    Sum,
    Avg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extremum {
    Min,
    Max,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
        }
    }

    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Add | BinaryOp::Subtract => 1,
            BinaryOp::Multiply | BinaryOp::Divide => 2,
        }
    }
}
