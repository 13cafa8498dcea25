//! A checked plan compiled once, for every evaluation after: each rule's kind
//! and programs, the derived indicators in dependency order, and the years the
//! table must span. Laying out a [`Table`] of actuals and computing the derived
//! indicators into it is done here too; judging is `judge`'s.

use super::program::{Compiler, Env, Program, Scratch};
use super::record::{NoRecord, ProjectionMark, Recorder};
use super::table::{Cell, Fault, Table};
use crate::model::data::{ActualValue, Dataset};
use crate::model::{MeasuredDef, Plan, RuleId, RuleSpec, Scale, TargetDef};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{AchievementFormula, Aggregate, Comparator, CompositeMode};
use shihyo_syntax::Span;
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
pub(crate) enum Target {
    Tracked,
    Tbd,
    Expr(Program),
    /// Year-by-year targets, in increasing year order.
    Schedule(Vec<(i32, Program)>),
}

#[derive(Clone, Debug)]
pub(crate) struct Measured {
    pub aggregate: Aggregate,
    pub comparator: Comparator,
    pub target: Target,
    pub base_year: Option<i32>,
    pub target_year: i32,
    pub every_year: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Qualitative,
    Milestone { by: i32 },
    Composite { mode: CompositeMode, members: Vec<usize> },
    Measured(Box<Measured>),
}

/// A plan compiled for evaluation.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub(crate) period: (i32, i32),
    pub(crate) achievement: AchievementFormula,
    /// The plan's scale, then each group's own ([`Plan::scales`], one on).
    pub(crate) scales: Vec<Scale>,
    /// Each rule's index in `scales`.
    rule_scale: Vec<usize>,
    pub(crate) rules: Vec<Kind>,
    /// Derived indicators in dependency order, with their programs.
    derivations: Vec<(usize, Program)>,
    /// Each rule's index in `derivations`, if it is derived.
    derivation_of: Vec<Option<usize>>,
    /// Years the plan itself names (period, base and target years, years in expressions).
    years: BTreeSet<i32>,
    /// Years derived values are computed in besides the data's.
    derive_years: BTreeSet<i32>,
    /// The span of each operator that can fail, by site.
    pub(crate) sites: Vec<Span>,
}

impl Compiled {
    /// Compiles a checked plan once: every rule's targets and every derived indicator's formula become programs over the table.
    pub fn new(plan: &Plan) -> Compiled {
        let mut years: BTreeSet<i32> = plan.period_years().collect();
        years.extend(plan.baseline);
        let mut derive_years = years.clone();
        let mut compiler = Compiler { plan, years, sites: Vec::new() };
        let rules = (0..plan.rules.len()).map(|index| rule(&mut compiler, RuleId(index))).collect();
        let derivations: Vec<(usize, Program)> = plan
            .derivation_order
            .iter()
            .map(|id| (id.0, compiler.program(plan.rule(*id).derivation().expect("ordered rules are derived"), *id)))
            .collect();
        for rule in &plan.rules {
            if let RuleSpec::Measured(m) = &rule.spec {
                derive_years.extend(m.base_year);
                derive_years.insert(m.target_year);
            }
        }
        let Compiler { mut years, sites, .. } = compiler;
        years.extend(derive_years.iter().copied());
        let mut derivation_of = vec![None; plan.rules.len()];
        for (index, (rule, _)) in derivations.iter().enumerate() {
            derivation_of[*rule] = Some(index);
        }
        Compiled {
            derivation_of,
            period: plan.period,
            achievement: plan.achievement,
            scales: std::iter::once(Scale { grades: plan.grades.clone(), points: plan.points.clone() })
                .chain(plan.scales.iter().cloned())
                .collect(),
            rule_scale: plan.rules.iter().map(|rule| rule.scale.map_or(0, |index| index + 1)).collect(),
            rules,
            derivations,
            years,
            derive_years,
            sites,
        }
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the plan has no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The evaluation year: the one asked, else the latest year with data in `table`, else
    /// the plan's first year.
    pub fn as_of(&self, table: &Table, asked: Option<i32>) -> i32 {
        asked.or(table.latest_year).unwrap_or(self.period.0)
    }

    /// Lays out the actuals in a table and computes the derived indicators.
    pub fn table(&self, data: &Dataset) -> Table {
        let data_years: BTreeSet<i32> = data.iter().flat_map(|years| years.keys().copied()).collect();
        // Within the plan's year window (the checker keeps data and rule years there), so
        // that a far year read by an expression cannot make the table large.
        let window = crate::model::year_window(self.period);
        let first = self.years.iter().chain(&data_years).min().copied().unwrap_or(self.period.0).max(*window.start());
        let last = self.years.iter().chain(&data_years).max().copied().unwrap_or(self.period.1).min(*window.end());
        let width = usize::try_from(last - first + 1).unwrap_or(1);
        let count = self.rules.len();
        let mut table = Table {
            first_year: first,
            width,
            cells: vec![Cell::Absent; count * width],
            projected: Vec::new(),
            done: vec![None; count],
            hand_grades: vec![Vec::new(); count],
            derive_years: self.derive_years.union(&data_years).copied().collect(),
            latest_year: data.iter().filter_map(|years| years.keys().next_back().copied()).max(),
        };
        for (rule, years) in data.iter().enumerate() {
            for (year, actual) in years {
                match &actual.value {
                    ActualValue::Number(value) => {
                        table.set(RuleId(rule), *year, *value);
                    }
                    ActualValue::Done => {
                        table.done[rule] = Some(table.done[rule].map_or(*year, |first: i32| first.min(*year)));
                    }
                    ActualValue::Grade(name) => {
                        if let Some(index) = self.scale(rule).grades.iter().position(|g| &g.name == name) {
                            table.hand_grades[rule].push((*year, index));
                        }
                    }
                }
                if actual.projected {
                    table.mark_projected(rule, *year);
                }
            }
        }
        let mut scratch = Scratch::default();
        if table.projected.is_empty() {
            self.derive_with(&mut table, &mut scratch, |_| true, || NoRecord, |_| None);
        } else {
            self.derive_with(&mut table, &mut scratch, |_| true, ProjectionMark::default, |mark| Some(mark.read));
        }
        table
    }

    /// Computes again the derived indicators for which `redo` holds (by rule index), fast:
    /// which values are projections is left as the table was laid out (a simulation's draws
    /// replace projected years with projected years).
    pub fn derive_where(&self, table: &mut Table, scratch: &mut Scratch, redo: impl Fn(usize) -> bool) {
        self.derive_with(table, scratch, redo, || NoRecord, |_| None);
    }

    /// Computes derived values, each year with a fresh recorder that tells whether it read a
    /// projection (`None`: the mark is left as it is).
    fn derive_with<R: Recorder>(
        &self,
        table: &mut Table,
        scratch: &mut Scratch,
        redo: impl Fn(usize) -> bool,
        recorder: impl Fn() -> R,
        read_projection: impl Fn(&R) -> Option<bool>,
    ) {
        for (rule, program) in self.derivations.iter().filter(|(rule, _)| redo(*rule)) {
            for index in 0..table.derive_years.len() {
                let year = table.derive_years[index];
                let mut mark = recorder();
                let value = program.run(&mut self.env(table, &mut scratch.stack, &mut mark, *rule, year), year);
                table.store(*rule, year, value, read_projection(&mark));
            }
        }
    }

    /// Evaluates a derived indicator's expression in a year (whether or not the table's
    /// derived values are up to date); `None` for any other rule (or an id not of this plan).
    pub fn derivation(&self, rule: RuleId, table: &Table, year: i32, scratch: &mut Scratch) -> Option<Result<Decimal, Fault>> {
        self.derivation_recorded(rule, table, year, &mut scratch.stack, &mut NoRecord)
    }

    /// [`Compiled::derivation`], telling a recorder the values it reads.
    pub(crate) fn derivation_recorded<R: Recorder>(
        &self,
        rule: RuleId,
        table: &Table,
        year: i32,
        stack: &mut Vec<Decimal>,
        recorder: &mut R,
    ) -> Option<Result<Decimal, Fault>> {
        let (_, program) = &self.derivations[self.derivation_index(rule)?];
        Some(program.run(&mut self.env(table, stack, recorder, rule.0, year), year))
    }

    /// The index in `derivations` of a rule's derivation, if it has one.
    fn derivation_index(&self, rule: RuleId) -> Option<usize> {
        self.derivation_of.get(rule.0).copied().flatten()
    }

    /// The indicators a rule reads: itself, and what its derivation and targets load
    /// (nothing for an id that is not one of this plan's rules).
    pub fn reads(&self, rule: RuleId) -> Vec<RuleId> {
        let Some(kind) = self.rules.get(rule.0) else { return Vec::new() };
        let mut programs: Vec<&Program> = self.derivation_index(rule).map(|index| &self.derivations[index].1).into_iter().collect();
        match kind {
            Kind::Measured(m) => match &m.target {
                Target::Expr(program) => programs.push(program),
                Target::Schedule(entries) => programs.extend(entries.iter().map(|(_, p)| p)),
                Target::Tracked | Target::Tbd => {}
            },
            Kind::Composite { members, .. } => return members.iter().map(|m| RuleId(*m)).collect(),
            _ => {}
        }
        let mut read = loads(programs);
        read.push(rule);
        read.sort();
        read.dedup();
        read
    }

    /// The indicators a derived indicator's expression reads (none for others).
    pub fn derivation_reads(&self, rule: RuleId) -> Vec<RuleId> {
        loads(self.derivation_index(rule).map(|index| &self.derivations[index].1))
    }

    /// The `any`/`all` members of a rule, if it is one.
    pub fn members(&self, rule: RuleId) -> Option<&[usize]> {
        match self.rules.get(rule.0)? {
            Kind::Composite { members, .. } => Some(members),
            _ => None,
        }
    }

    /// The year a measured rule with a target is judged in, if it has one.
    pub fn target_year(&self, rule: RuleId) -> Option<i32> {
        match self.rules.get(rule.0)? {
            Kind::Measured(m) if matches!(m.target, Target::Expr(_) | Target::Schedule(_)) => {
                Some(if m.every_year { self.period.1 } else { m.target_year })
            }
            _ => None,
        }
    }
}

fn rule(compiler: &mut Compiler<'_>, id: RuleId) -> Kind {
    match &compiler.plan.rule(id).spec {
        RuleSpec::Qualitative => Kind::Qualitative,
        RuleSpec::Milestone { by } => Kind::Milestone { by: *by },
        RuleSpec::Composite { mode, members } => Kind::Composite { mode: *mode, members: members.iter().map(|m| m.0).collect() },
        RuleSpec::Measured(m) => Kind::Measured(Box::new(measured(compiler, m, id))),
    }
}

fn measured(compiler: &mut Compiler<'_>, m: &MeasuredDef, id: RuleId) -> Measured {
    let (comparator, target) = match &m.comparison {
        None => (Comparator::AtLeast, Target::Tracked),
        Some(comparison) => (
            comparison.comparator,
            match &comparison.target {
                TargetDef::Tbd => Target::Tbd,
                TargetDef::Expr(expr) => Target::Expr(compiler.program(expr, id)),
                TargetDef::Schedule(entries) => {
                    Target::Schedule(entries.iter().map(|(year, expr)| (*year, compiler.program(expr, id))).collect())
                }
            },
        ),
    };
    Measured { aggregate: m.aggregate, comparator, target, base_year: m.base_year, target_year: m.target_year, every_year: m.every_year }
}

/// The indicators the programs load, in order, without repeats.
fn loads<'a>(programs: impl IntoIterator<Item = &'a Program>) -> Vec<RuleId> {
    let mut read: Vec<RuleId> = programs.into_iter().flat_map(Program::loads).collect();
    read.sort();
    read.dedup();
    read
}

impl Compiled {
    /// What a program of `rule` runs against as of a year: the table, a stack, a recorder,
    /// and this plan to judge the rules whose figures it reads.
    pub(crate) fn env<'a, R>(
        &'a self,
        table: &'a Table,
        stack: &'a mut Vec<Decimal>,
        recorder: &'a mut R,
        rule: usize,
        as_of: i32,
    ) -> Env<'a, R> {
        Env { table, stack, recorder, start: self.period.0, rule: rule as u32, as_of, judged: self }
    }

    /// The scale a rule is graded by: its group's, else the plan's.
    pub(crate) fn scale(&self, rule: usize) -> &Scale {
        &self.scales[self.rule_scale[rule]]
    }
}
