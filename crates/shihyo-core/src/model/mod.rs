//! The checked plan: every name resolved to an index, every unit known,
//! every default applied. The evaluator works only on this model, never on
//! the syntax tree, so what it may assume is stated once, here.

pub mod data;
pub mod scale;
pub mod scenario;
mod status;
pub mod testing;
pub mod units;

pub use scale::{Grade, PointStep, Scale};
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

/// A checked plan: its header with the defaults applied, its rules and groups, its scenarios and simulations.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The plan's name, as its `plan` header writes it.
    pub name: String,
    /// The plan file.
    pub file: FileId,
    /// The plan's text as written, for quoting its expressions in explanations.
    pub text: String,
    /// First and last year of the plan (western numbers).
    pub period: (i32, i32),
    /// Whether the plan counts calendar years (`calendar` in its header) rather than fiscal years.
    pub calendar: bool,
    /// How the plan writes its years; output for people writes them the same way.
    pub years: shihyo_syntax::year::YearStyle,
    /// How percentages are shown to people (`rates 1 truncated`); none: two decimals, rounded.
    pub rates: Option<shihyo_syntax::ast::Rates>,
    /// The plan's `baseline` year (western number); `None` when the header has none.
    pub baseline: Option<i32>,
    /// The 達成率 formula: `achievement ratio` (the default) or `achievement progress`.
    pub achievement: AchievementFormula,
    /// How the whole plan is graded: `rollup lowest` (the default) or `rollup average`.
    pub rollup: Rollup,
    /// The grade scale, its steps tried from the top (default `A >= 100%, B >= 80%, C >= 60%, D`).
    pub grades: Vec<Grade>,
    /// The points scale (`points { 7 >= 100%, … }`), its steps tried from the top; empty when the plan gives no points.
    pub points: Vec<PointStep>,
    /// The scales groups give themselves; [`GroupDef::scale`] and [`RuleDef::scale`] index it.
    pub scales: Vec<Scale>,
    /// Every rule in the order written, each `any`/`all` block before its members; [`RuleId`] indexes it.
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
    /// The plan's years, from the first to the last (western numbers).
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

    pipeline_pub! {
        /// The rule with this id.
        ///
        /// # Panics
        ///
        /// If `id` is not one of this plan's rules (an id of another plan); [`Plan::get`]
        /// and [`Plan::find`] answer `None` instead.
        fn rule(&self, id: RuleId) -> &RuleDef {
            &self.rules[id.0]
        }
    }

    /// The rule with this id, or `None` if this plan has no such rule.
    pub fn get(&self, id: RuleId) -> Option<&RuleDef> {
        self.rules.get(id.0)
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

    /// The grades of a scale: the plan's (`None`) or a group's ([`Plan::scales`]).
    pub fn grades_of(&self, scale: Option<usize>) -> &[Grade] {
        scale.and_then(|index| self.scales.get(index)).map_or(&self.grades, |scale| &scale.grades)
    }

    /// The points of a scale: the plan's (`None`) or a group's ([`Plan::scales`]).
    pub fn points_of(&self, scale: Option<usize>) -> &[PointStep] {
        scale.and_then(|index| self.scales.get(index)).map_or(&self.points, |scale| &scale.points)
    }

    /// Whether the plan gives points: in its header or in a group's own scale.
    pub fn gives_points(&self) -> bool {
        !self.points.is_empty() || self.scales.iter().any(|scale| !scale.points.is_empty())
    }

    /// Whether every grade of every scale is a threshold on the pace achievement (`B >= 80%`).
    pub fn grades_by_pace(&self) -> bool {
        let by_pace = |grades: &[Grade]| grades.iter().all(|grade| grade.when.is_empty() || scale::pace_threshold(&grade.when).is_some());
        by_pace(&self.grades) && self.scales.iter().all(|scale| by_pace(&scale.grades))
    }

    /// Finds a rule by its normalised name.
    pub fn find_key(&self, key: &str) -> Option<RuleId> {
        self.names.get(key).copied()
    }
}

/// A group (`group "1-1" "…" { … }`), or the plan's root, which has no id and an empty title and path.
#[derive(Clone, Debug)]
pub struct GroupDef {
    /// The group's id (`1-1`); `None` for a group written with a title only.
    pub id: Option<String>,
    /// The group's title.
    pub title: String,
    /// Ids (or titles) from the root, joined by `/`.
    pub path: String,
    /// How the group is graded: its own `rollup`, else the plan's.
    pub rollup: Rollup,
    /// The scale it grades by, its own or a group's above it (an index in [`Plan::scales`]); `None`: the plan's.
    pub scale: Option<usize>,
    /// Its inner groups and rules in the order written (an `any`/`all` block as one rule).
    pub children: Vec<GroupChild>,
    /// Its metadata lines (`source`, `basis`, `id`, `owner`, `note`), as written.
    pub meta: Vec<(MetaKey, String)>,
}

impl GroupDef {
    /// This group or one below it (at any depth) by its path.
    pub fn find(&self, path: &str) -> Option<&GroupDef> {
        if self.path == path {
            return Some(self);
        }
        self.children.iter().find_map(|child| if let GroupChild::Group(inner) = child { inner.find(path) } else { None })
    }

    /// The value of one metadata key; `None` when not written.
    pub fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }
}

/// What a group holds.
#[derive(Clone, Debug)]
pub enum GroupChild {
    /// An inner group.
    Group(GroupDef),
    /// A rule, or an `any`/`all` block (whose members are under it, not here).
    Rule(RuleId),
}

/// A checked rule: one indicator and its target, or an `any`/`all` block.
#[derive(Clone, Debug)]
pub struct RuleDef {
    /// The name as first written (an unnamed `any`/`all` is named after its members: `all(A, B)`).
    pub name: String,
    /// The name normalised (NFKC, no surrounding spaces), by which rules and data find it.
    pub key: String,
    /// The rule's keyword (`output`, `outcome`, `indicator`, `milestone`); `indicator` for an `any`/`all` block.
    pub kind: RuleKind,
    /// What the rule judges, and how.
    pub spec: RuleSpec,
    /// The indicator's unit, with the scale its figures are shown in (`千円`).
    pub unit: DisplayUnit,
    /// Whether the rule counts calendar years (its `from`/`by` are calendar years, or the plan is).
    pub calendar: bool,
    /// Its metadata (`source`, `basis`, `id`, `owner`, `note`), as written.
    pub meta: Vec<(MetaKey, String)>,
    /// The whole rule in the plan file.
    pub span: Span,
    /// The path of the group it is in (`1/1-1`); `None` at top level.
    pub group_path: Option<String>,
    /// The `any`/`all` rule this one is a member of.
    pub parent: Option<RuleId>,
    /// The scale it is graded by: its group's (an index in [`Plan::scales`]); `None`: the plan's.
    pub scale: Option<usize>,
}

impl RuleDef {
    /// The value of one metadata key; `None` when not written.
    pub fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// A derived indicator's formula (`= FORMULA`); `None` for any other rule.
    pub fn derivation(&self) -> Option<&Expr> {
        match &self.spec {
            RuleSpec::Measured(measured) => measured.derivation.as_ref(),
            _ => None,
        }
    }

    /// The indicator's unit, without its display scale.
    pub fn unit(&self) -> &Unit {
        &self.unit.unit
    }
}

/// How a rule is judged.
#[derive(Clone, Debug)]
pub enum RuleSpec {
    /// Against its actuals: an output, outcome or indicator (with a target, tracked, or derived).
    Measured(Box<MeasuredDef>),
    /// `qualitative`: graded by hand in the data.
    Qualitative,
    /// `milestone NAME by YEAR`: done, or not yet.
    Milestone {
        /// The year it is due (western number).
        by: i32,
    },
    /// `any { … }` or `all { … }`.
    Composite {
        /// `any`: met when one member is; `all`: when every member is.
        mode: CompositeMode,
        /// Its members, in the order written.
        members: Vec<RuleId>,
    },
}

/// A measured rule, with the plan's defaults applied.
#[derive(Clone, Debug)]
pub struct MeasuredDef {
    /// A derived indicator's formula (`= FORMULA`); `None` when its values are given as data.
    pub derivation: Option<Expr>,
    /// What is compared: the year's actual, or the sum (`total`) or mean (`average`) over the period up to that year.
    pub aggregate: Aggregate,
    /// The comparator and target; `None` for a tracked indicator.
    pub comparison: Option<ComparisonDef>,
    /// The base year (western number): `from`, else the plan's `baseline`; `None` without one, or when the plan's is not before the target year.
    pub base_year: Option<i32>,
    /// The target year (western number): `by`, else a schedule's last year, else the plan's last year.
    pub target_year: i32,
    /// `every year`: the target must hold in every year of the period.
    pub every_year: bool,
}

/// A rule's comparator and target.
#[derive(Clone, Debug)]
pub struct ComparisonDef {
    /// How the actual must compare with the target (`>=`, `<=`, `>`, `<`, `==`).
    pub comparator: Comparator,
    /// The target, as written.
    pub target: TargetDef,
}

/// A target, as written.
#[derive(Clone, Debug)]
pub enum TargetDef {
    /// `tbd`: not decided yet.
    Tbd,
    /// One expression (`baseline * 150%`), evaluated for the year judged.
    Expr(Expr),
    /// Year-by-year targets, in increasing year order.
    Schedule(Vec<(i32, Expr)>),
}

impl TargetDef {
    /// Its expressions: the one, every schedule entry's, or none for `tbd`.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        let (one, entries) = match self {
            TargetDef::Tbd => (None, &[][..]),
            TargetDef::Expr(expr) => (Some(expr), &[][..]),
            TargetDef::Schedule(entries) => (None, entries.as_slice()),
        };
        one.into_iter().chain(entries.iter().map(|(_, expr)| expr))
    }
}

/// The years a plan with this period may name (see [`MAX_PERIOD_YEARS`]).
pub fn year_window(period: (i32, i32)) -> std::ops::RangeInclusive<i32> {
    period.0 - MAX_PERIOD_YEARS..=period.1 + MAX_PERIOD_YEARS
}
