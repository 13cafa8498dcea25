//! The checked plan: every name resolved to an index, every unit known,
//! every default applied. The evaluator works only on this model, never on
//! the syntax tree, so what it may assume is stated once, here.

pub mod data;
pub mod scenario;
mod status;
pub mod testing;
pub mod units;

use rust_decimal::Decimal;
use scenario::ScenarioDef;
use shihyo_syntax::ast::{AchievementFormula, Aggregate, Comparator, CompositeMode, Expr, MetaKey, Rollup, RuleKind};
use shihyo_syntax::{FileId, Span};
pub use status::Status;
use units::{DisplayUnit, Unit};

/// The longest period a plan may have, and how far from it any year of its rules or data
/// may lie: keeps every table of a plan's years small (natively and in WASM).
pub const MAX_PERIOD_YEARS: i32 = 100;

/// The most rules a plan may have.
pub const MAX_RULES: usize = 50_000;

/// Index of a rule (and of the indicator it measures) in [`Plan::rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub usize);

#[derive(Clone, Debug)]
pub struct Plan {
    pub name: String,
    pub file: FileId,
    /// The plan's text as written, for quoting its expressions in explanations.
    pub text: String,
    /// First and last year of the plan (western numbers).
    pub period: (i32, i32),
    pub calendar: bool,
    /// How the plan writes its years; output for people writes them the same way.
    pub years: shihyo_syntax::year::YearStyle,
    /// How percentages are shown to people (`rates 1 truncated`); none: two decimals, rounded.
    pub rates: Option<shihyo_syntax::ast::Rates>,
    pub baseline: Option<i32>,
    pub achievement: AchievementFormula,
    pub rollup: Rollup,
    pub grades: Vec<Grade>,
    pub rules: Vec<RuleDef>,
    /// The plan's groups and rules; its `meta` is the plan header's (`source`, `note`, …).
    pub root: GroupDef,
    /// Derived indicators in an order where each comes after what it reads.
    pub derivation_order: Vec<RuleId>,
    /// Rules by normalised name.
    pub names: std::collections::HashMap<String, RuleId>,
    /// Scenarios and simulations, in the order written.
    pub scenarios: Vec<ScenarioDef>,
}

impl Plan {
    pub fn period_years(&self) -> impl Iterator<Item = i32> {
        self.period.0..=self.period.1
    }

    /// The years the plan's rules and data may name: the period and [`MAX_PERIOD_YEARS`] around it.
    pub fn year_window(&self) -> std::ops::RangeInclusive<i32> {
        year_window(self.period)
    }

    /// The text of a span of the plan, as written.
    pub fn quote(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    pub fn rule(&self, id: RuleId) -> &RuleDef {
        &self.rules[id.0]
    }

    /// Finds a rule by name (as written or normalised).
    pub fn find(&self, name: &str) -> Option<RuleId> {
        self.find_key(&shihyo_syntax::name_key(name))
    }

    /// Finds a scenario or simulation by name (as written or normalised).
    pub fn scenario(&self, name: &str) -> Option<&ScenarioDef> {
        let key = shihyo_syntax::name_key(name);
        self.scenarios.iter().find(|s| s.key == key)
    }

    /// The plan's `simulation` blocks.
    pub fn simulations(&self) -> impl Iterator<Item = &ScenarioDef> {
        self.scenarios.iter().filter(|s| s.simulation.is_some())
    }

    /// The simulation to run: the one named, or else the plan's only `simulation`.
    pub fn simulation(&self, name: Option<&str>) -> Option<&ScenarioDef> {
        match name {
            Some(name) => self.scenario(name),
            None => {
                let mut simulations = self.simulations();
                simulations.next().filter(|_| simulations.next().is_none())
            }
        }
    }

    /// Finds a rule by its normalised name.
    pub fn find_key(&self, key: &str) -> Option<RuleId> {
        self.names.get(key).copied()
    }
}

#[derive(Clone, Debug)]
pub struct Grade {
    pub name: String,
    /// Minimum pace achievement (with its comparator); `None` for the catch-all.
    pub threshold: Option<(Comparator, Decimal)>,
}

#[derive(Clone, Debug)]
pub struct GroupDef {
    pub id: Option<String>,
    pub title: String,
    /// Ids (or titles) from the root, joined by `/`.
    pub path: String,
    pub rollup: Rollup,
    pub children: Vec<GroupChild>,
    pub meta: Vec<(MetaKey, String)>,
}

impl GroupDef {
    pub fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug)]
pub enum GroupChild {
    Group(GroupDef),
    Rule(RuleId),
}

#[derive(Clone, Debug)]
pub struct RuleDef {
    pub name: String,
    pub key: String,
    pub kind: RuleKind,
    pub spec: RuleSpec,
    pub unit: DisplayUnit,
    /// Whether the rule counts calendar years (its `from`/`by` are calendar years, or the plan is).
    pub calendar: bool,
    pub meta: Vec<(MetaKey, String)>,
    pub span: Span,
    pub group_path: Option<String>,
    /// The `any`/`all` rule this one is a member of.
    pub parent: Option<RuleId>,
}

impl RuleDef {
    pub fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    pub fn derivation(&self) -> Option<&Expr> {
        match &self.spec {
            RuleSpec::Measured(measured) => measured.derivation.as_ref(),
            _ => None,
        }
    }

    pub fn unit(&self) -> &Unit {
        &self.unit.unit
    }
}

#[derive(Clone, Debug)]
pub enum RuleSpec {
    Measured(Box<MeasuredDef>),
    Qualitative,
    Milestone { by: i32 },
    Composite { mode: CompositeMode, members: Vec<RuleId> },
}

#[derive(Clone, Debug)]
pub struct MeasuredDef {
    pub derivation: Option<Expr>,
    pub aggregate: Aggregate,
    pub comparison: Option<ComparisonDef>,
    pub base_year: Option<i32>,
    pub target_year: i32,
    pub every_year: bool,
}

#[derive(Clone, Debug)]
pub struct ComparisonDef {
    pub comparator: Comparator,
    pub target: TargetDef,
}

#[derive(Clone, Debug)]
pub enum TargetDef {
    Tbd,
    Expr(Expr),
    /// Year-by-year targets, in increasing year order.
    Schedule(Vec<(i32, Expr)>),
}

/// The years a plan with this period may name (see [`MAX_PERIOD_YEARS`]).
pub fn year_window(period: (i32, i32)) -> std::ops::RangeInclusive<i32> {
    period.0 - MAX_PERIOD_YEARS..=period.1 + MAX_PERIOD_YEARS
}
