//! The compiled evaluator: a checked plan turned, once, into programs over a
//! year × indicator table, then evaluated as many times as a what-if slider or
//! a Monte Carlo simulation asks, with no parsing, no name lookup and no
//! allocation per rule.
//!
//! Every expression becomes a postfix program whose loads are table slots
//! (indicator index, year); a [`Table`] holds one value per slot; a
//! [`Scratch`] holds the evaluation stack, reused from rule to rule. Figures
//! stay exact decimals and use the same formulas as the explaining evaluator
//! (`figures`), and tests compare the two on every example and spec case:
//! same status, year, target, actual, expected value, achievement, progress
//! and grade. What this evaluator does not do is explain: `eval` does that.

use crate::data::{ActualValue, Dataset};
use crate::figures::{self, Arith};
use crate::model::{MeasuredDef, Plan, RuleId, RuleSpec, TargetDef};
use crate::report::Status;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{AchievementFormula, Aggregate, BinaryOp, Comparator, CompositeMode, Expr, ExprKind, Extremum, SeriesFunction};
use std::collections::BTreeSet;

/// The year a load reads.
#[derive(Clone, Copy, Debug)]
enum At {
    /// The year the program is run for.
    Current,
    Fixed(i32),
}

impl At {
    fn year(self, current: i32) -> i32 {
        match self {
            At::Current => current,
            At::Fixed(year) => year,
        }
    }
}

/// One instruction of a postfix program.
#[derive(Clone, Debug)]
enum Op {
    Const(Decimal),
    Load {
        rule: usize,
        at: At,
    },
    /// `baseline` in a rule without a base year: missing, as in `eval`.
    NoBase,
    /// `sum`/`avg` over the values present from `first` (default: the plan's start) to `last`.
    Series {
        rule: usize,
        first: Option<i32>,
        last: At,
        average: bool,
    },
    Negate,
    Binary(BinaryOp),
    /// `Binary` with a constant right operand (`… * 1.5`), fused by [`peephole`].
    BinaryConst(BinaryOp, Decimal),
    /// `Binary` with a loaded right operand (`… / value("総数")`), fused by [`peephole`].
    BinaryLoad(BinaryOp, usize, At),
    Extremum(Extremum, usize),
    Round(i32),
}

/// Why a program or a figure has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// An actual it needs is missing.
    Missing,
    /// Overflow or division by zero (the rule is `error`).
    Failed,
}

impl From<Arith> for Fault {
    fn from(_: Arith) -> Fault {
        Fault::Failed
    }
}

type Program = Vec<Op>;

#[derive(Clone, Debug)]
enum Target {
    Tracked,
    Tbd,
    Expr(Program),
    Schedule(Vec<(i32, Program)>),
}

#[derive(Clone, Debug)]
struct Measured {
    aggregate: Aggregate,
    comparator: Comparator,
    target: Target,
    base_year: Option<i32>,
    target_year: i32,
    every_year: bool,
}

#[derive(Clone, Debug)]
enum Kind {
    Qualitative,
    Milestone { by: i32 },
    Composite { mode: CompositeMode, members: Vec<usize> },
    Measured(Box<Measured>),
}

/// A plan compiled for fast repeated evaluation.
#[derive(Clone, Debug)]
pub struct Compiled {
    period: (i32, i32),
    achievement: AchievementFormula,
    grades: Vec<crate::model::Grade>,
    rules: Vec<Kind>,
    /// Derived indicators in dependency order, with their programs.
    derivations: Vec<(usize, Program)>,
    /// Each rule's index in `derivations`, if it is derived.
    derivation_of: Vec<Option<usize>>,
    /// Years the plan itself names (period, base and target years, years in expressions).
    years: BTreeSet<i32>,
    /// Years derived values are computed in besides the data's (as `eval` does).
    derive_years: BTreeSet<i32>,
}

/// One cell of a [`Table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cell {
    Absent,
    Value(Decimal),
    /// A derived value whose computation failed (overflow, division by zero).
    Failed,
}

/// One value per indicator and year, with what milestones and qualitative rules were given.
#[derive(Clone, Debug)]
pub struct Table {
    first_year: i32,
    width: usize,
    cells: Vec<Cell>,
    /// The first year each milestone is `done`.
    done: Vec<Option<i32>>,
    /// Hand grades (year, index in the plan's grades) of qualitative rules.
    hand_grades: Vec<Vec<(i32, usize)>>,
    /// Years derived values are computed in.
    derive_years: Vec<i32>,
    /// The latest year with any data: the default evaluation year.
    pub latest_year: Option<i32>,
}

impl Table {
    fn slot(&self, rule: usize, year: i32) -> Option<usize> {
        let offset = usize::try_from(year.checked_sub(self.first_year)?).ok()?;
        (offset < self.width).then_some(rule * self.width + offset)
    }

    /// The value of an indicator in a year.
    pub fn get(&self, rule: RuleId, year: i32) -> Result<Decimal, Fault> {
        self.read(rule.0, year)
    }

    fn read(&self, rule: usize, year: i32) -> Result<Decimal, Fault> {
        match self.slot(rule, year).map(|slot| self.cells[slot]) {
            Some(Cell::Value(value)) => Ok(value),
            Some(Cell::Failed) => Err(Fault::Failed),
            _ => Err(Fault::Missing),
        }
    }

    /// Sets a value (a projection, a slider, a simulated draw). Returns `false` when
    /// the year is outside the table, which spans the plan's years and the data's.
    pub fn set(&mut self, rule: RuleId, year: i32, value: Decimal) -> bool {
        match self.slot(rule.0, year) {
            Some(slot) => {
                self.cells[slot] = Cell::Value(value);
                true
            }
            None => false,
        }
    }

    /// Removes a value (a draw outside the decimal range leaves its year without one).
    pub fn clear(&mut self, rule: RuleId, year: i32) {
        self.store(rule.0, year, Err(Fault::Missing));
    }

    fn store(&mut self, rule: usize, year: i32, value: Result<Decimal, Fault>) {
        if let Some(slot) = self.slot(rule, year) {
            self.cells[slot] = match value {
                Ok(value) => Cell::Value(value),
                Err(Fault::Failed) => Cell::Failed,
                Err(Fault::Missing) => Cell::Absent,
            };
        }
    }
}

/// Reusable working memory of an evaluation.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    stack: Vec<Decimal>,
    points: Vec<(i32, Decimal)>,
}

/// A rule's figures, as `eval` computes them (without the explanation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub year: Option<i32>,
    pub target: Option<Decimal>,
    pub baseline: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub pace_achievement: Option<Decimal>,
    pub progress: Option<Decimal>,
    /// Index in the plan's grades.
    pub grade: Option<usize>,
}

/// What a rule's figures are judged against (as in `eval`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judgement {
    Pace,
    Target,
    EveryYear,
}

impl Compiled {
    pub fn new(plan: &Plan) -> Compiled {
        let mut years: BTreeSet<i32> = plan.period_years().collect();
        years.extend(plan.baseline);
        let mut derive_years = years.clone();
        let mut compiler = Compiler { plan, years: &mut years };
        let rules = (0..plan.rules.len()).map(|index| compiler.rule(RuleId(index))).collect();
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
        years.extend(derive_years.iter().copied());
        let mut derivation_of = vec![None; plan.rules.len()];
        for (index, (rule, _)) in derivations.iter().enumerate() {
            derivation_of[*rule] = Some(index);
        }
        Compiled {
            derivation_of,
            period: plan.period,
            achievement: plan.achievement,
            grades: plan.grades.clone(),
            rules,
            derivations,
            years,
            derive_years,
        }
    }

    /// The number of rules (outcomes of [`Compiled::evaluate`]).
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
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
                        if let Some(index) = self.grades.iter().position(|g| &g.name == name) {
                            table.hand_grades[rule].push((*year, index));
                        }
                    }
                }
            }
        }
        let mut scratch = Scratch::default();
        self.derive(&mut table, &mut scratch);
        table
    }

    /// Computes every derived indicator again (after values were set).
    pub fn derive(&self, table: &mut Table, scratch: &mut Scratch) {
        self.derive_where(table, scratch, |_| true);
    }

    /// Computes again the derived indicators for which `redo` holds (by rule index).
    pub fn derive_where(&self, table: &mut Table, scratch: &mut Scratch, redo: impl Fn(usize) -> bool) {
        for (rule, program) in self.derivations.iter().filter(|(rule, _)| redo(*rule)) {
            for index in 0..table.derive_years.len() {
                let year = table.derive_years[index];
                let value = self.run(program, table, year, scratch);
                table.store(*rule, year, value);
            }
        }
    }

    /// Evaluates a derived indicator's expression in a year.
    pub fn derivation(&self, rule: RuleId, table: &Table, year: i32, scratch: &mut Scratch) -> Option<Result<Decimal, Fault>> {
        let (_, program) = &self.derivations[self.derivation_of[rule.0]?];
        Some(self.run(program, table, year, scratch))
    }

    /// The indicators a rule reads: itself, and what its derivation and targets load.
    pub fn reads(&self, rule: RuleId) -> Vec<RuleId> {
        let mut programs: Vec<&Program> = self.derivation_of[rule.0].map(|index| &self.derivations[index].1).into_iter().collect();
        match &self.rules[rule.0] {
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
        loads(self.derivation_of[rule.0].map(|index| &self.derivations[index].1))
    }

    /// The `any`/`all` members of a rule, if it is one.
    pub fn members(&self, rule: RuleId) -> Option<&[usize]> {
        match &self.rules[rule.0] {
            Kind::Composite { members, .. } => Some(members),
            _ => None,
        }
    }

    /// The year a measured rule with a target is judged in, if it has one.
    pub fn target_year(&self, rule: RuleId) -> Option<i32> {
        match &self.rules[rule.0] {
            Kind::Measured(m) if matches!(m.target, Target::Expr(_) | Target::Schedule(_)) => {
                Some(if m.every_year { self.period.1 } else { m.target_year })
            }
            _ => None,
        }
    }

    /// The figures of an `any`/`all` rule from all rules' outcomes.
    pub fn compose(&self, rule: RuleId, outcomes: &[Outcome]) -> Outcome {
        match &self.rules[rule.0] {
            Kind::Composite { mode, members } => self.composite(*mode, members.iter().map(|m| &outcomes[*m])),
            _ => outcomes[rule.0].clone(),
        }
    }

    /// The grade of a pace achievement (index in the plan's grades).
    pub fn grade(&self, pace: Decimal) -> Option<usize> {
        figures::grade_index(&self.grades, pace)
    }

    /// Evaluates every rule as of a year; `out` is reused.
    pub fn evaluate(&self, table: &Table, as_of: i32, scratch: &mut Scratch, out: &mut Vec<Outcome>) {
        out.clear();
        out.extend((0..self.rules.len()).map(|rule| match self.rules[rule] {
            Kind::Composite { .. } => Outcome::default(),
            _ => self.judge(RuleId(rule), table, as_of, scratch),
        }));
        // Composites after their members; inner composites have larger indices.
        for rule in (0..self.rules.len()).rev() {
            if let Kind::Composite { .. } = &self.rules[rule] {
                out[rule] = self.compose(RuleId(rule), out);
            }
        }
    }

    /// The figures of an `any`/`all` rule from its members' figures.
    fn composite<'o>(&self, mode: CompositeMode, members: impl Iterator<Item = &'o Outcome> + Clone) -> Outcome {
        let chosen = match mode {
            CompositeMode::Any => members.clone().min_by_key(|m| m.status.rank()),
            CompositeMode::All => members.clone().max_by_key(|m| m.status.rank()),
        };
        let mut outcome = Outcome::default();
        if let Some(chosen) = chosen {
            outcome.status = chosen.status;
            outcome.year = chosen.year;
        }
        let paces = members.filter_map(|m| m.pace_achievement);
        outcome.pace_achievement = match mode {
            CompositeMode::Any => paces.max(),
            CompositeMode::All => paces.min(),
        };
        outcome.grade = outcome.pace_achievement.and_then(|p| self.grade(p));
        outcome
    }

    /// Whether a measured rule's condition holds in `year` against its final target
    /// (its own year's target for `every year`); `None` when it cannot be judged. A
    /// derived value is computed from its inputs in the table, whether or not the
    /// table's derived values are up to date.
    pub fn meets(&self, rule: RuleId, table: &Table, year: i32, scratch: &mut Scratch) -> Option<bool> {
        let Kind::Measured(m) = &self.rules[rule.0] else { return None };
        let target = match &m.target {
            Target::Expr(program) => self.run(program, table, year, scratch).ok()?,
            Target::Schedule(entries) => {
                let (entry_year, program) = entries.last()?;
                self.run(program, table, *entry_year, scratch).ok()?
            }
            Target::Tracked | Target::Tbd => return None,
        };
        let actual = match (m.aggregate, self.derivation_of[rule.0]) {
            (Aggregate::Value, Some(index)) => self.run(&self.derivations[index].1, table, year, scratch).ok()?,
            _ => self.actual(m, rule.0, table, year).ok()?,
        };
        Some(m.comparator.holds(actual, target))
    }

    /// Judges one rule that is not an `any`/`all` as of a year.
    pub fn judge(&self, rule: RuleId, table: &Table, as_of: i32, scratch: &mut Scratch) -> Outcome {
        let mut outcome = Outcome::default();
        match &self.rules[rule.0] {
            Kind::Qualitative => {
                outcome.status = Status::Qualitative;
                if let Some((year, grade)) = table.hand_grades[rule.0].iter().filter(|(year, _)| *year <= as_of).max_by_key(|(y, _)| *y) {
                    outcome.year = Some(*year);
                    outcome.grade = Some(*grade);
                }
            }
            Kind::Milestone { by } => {
                let done = table.done[rule.0].filter(|year| *year <= as_of);
                outcome.year = done;
                outcome.status = match done {
                    Some(_) => Status::Done,
                    None if as_of < *by => Status::Pending,
                    None => Status::Overdue,
                };
            }
            Kind::Composite { .. } => {}
            Kind::Measured(m) => {
                if let Err(fault) = self.measured(m, rule.0, table, as_of, scratch, &mut outcome) {
                    outcome.status = match fault {
                        Fault::Missing if outcome.status == Status::Tbd => Status::Tbd,
                        Fault::Missing => Status::NoData,
                        Fault::Failed => Status::Error,
                    };
                }
            }
        }
        outcome
    }

    fn measured(&self, m: &Measured, rule: usize, table: &Table, as_of: i32, scratch: &mut Scratch, o: &mut Outcome) -> Result<(), Fault> {
        if let Target::Tracked = m.target {
            o.status = Status::Tracked;
            o.year = Some(as_of);
            o.actual = Some(self.actual(m, rule, table, as_of)?);
            return Ok(());
        }
        let year = as_of.min(m.target_year);
        o.year = Some(year);
        o.baseline = m.base_year.and_then(|base| table.read(rule, base).ok());
        if m.every_year {
            return self.every_year(m, rule, table, as_of, scratch, o);
        }
        scratch.points.clear();
        match &m.target {
            Target::Tbd => {
                o.status = Status::Tbd;
                o.actual = self.actual(m, rule, table, year).ok();
                return Ok(());
            }
            Target::Expr(program) => {
                let value = self.run(program, table, year, scratch)?;
                scratch.points.push((m.target_year, value));
            }
            Target::Schedule(entries) => {
                for (entry_year, program) in entries {
                    let value = self.run(program, table, *entry_year, scratch)?;
                    scratch.points.push((*entry_year, value));
                }
            }
            Target::Tracked => unreachable!("handled above"),
        }
        let target = scratch.points[scratch.points.len() - 1].1;
        o.target = Some(target);
        let actual = self.actual(m, rule, table, year)?;
        o.actual = Some(actual);
        let expected = self.expected(m, o.baseline, year, &mut scratch.points)?;
        o.expected = Some(expected);
        let judgement = if year >= m.target_year { Judgement::Target } else { Judgement::Pace };
        self.figures(m.comparator, target, actual, expected, judgement, o)
    }

    fn every_year(
        &self,
        m: &Measured,
        rule: usize,
        table: &Table,
        as_of: i32,
        scratch: &mut Scratch,
        o: &mut Outcome,
    ) -> Result<(), Fault> {
        let Target::Expr(program) = &m.target else {
            o.status = Status::Tbd;
            return Ok(());
        };
        let last = self.period.1;
        let year = as_of.min(last);
        let mut failed_in = None;
        let mut missing = false;
        for each in self.period.0..=year {
            let actual = match self.actual(m, rule, table, each) {
                Ok(value) => value,
                Err(Fault::Missing) => {
                    missing = true;
                    continue;
                }
                Err(fault) => return Err(fault),
            };
            let target = match self.run(program, table, each, scratch) {
                Ok(value) => value,
                Err(Fault::Missing) => continue,
                Err(fault) => return Err(fault),
            };
            if !m.comparator.holds(actual, target) && failed_in.is_none() {
                failed_in = Some(each);
            }
        }
        let shown = failed_in.unwrap_or(year);
        o.year = Some(shown);
        if let Ok(target) = self.run(program, table, shown, scratch) {
            o.target = Some(target);
            o.expected = Some(target);
        }
        // Only the period's years up to the evaluation year are judged (none before the period).
        o.actual = if (self.period.0..=year).contains(&shown) { self.actual(m, rule, table, shown).ok() } else { None };
        if let (Some(actual), Some(target)) = (o.actual, o.target) {
            self.figures(m.comparator, target, actual, target, Judgement::EveryYear, o)?;
        }
        o.status = if failed_in.is_some() {
            Status::NotAchieved
        } else if o.actual.is_none() {
            Status::NoData
        } else if missing {
            if as_of >= last {
                o.grade = None;
                Status::NoData
            } else {
                Status::OnTrack
            }
        } else if as_of >= last {
            Status::Achieved
        } else {
            Status::OnTrack
        };
        Ok(())
    }

    fn figures(
        &self,
        comparator: Comparator,
        target: Decimal,
        actual: Decimal,
        expected: Decimal,
        judgement: Judgement,
        o: &mut Outcome,
    ) -> Result<(), Fault> {
        let final_year = judgement != Judgement::Pace;
        let progress = figures::progress(actual, o.baseline, target)?;
        o.progress = progress;
        let (achievement, pace) = match self.achievement {
            AchievementFormula::Ratio => {
                (figures::achievement(comparator, actual, target)?, figures::achievement(comparator, actual, expected)?)
            }
            AchievementFormula::Progress => {
                (progress, if final_year { progress } else { figures::progress(actual, o.baseline, expected)? })
            }
        };
        o.achievement = achievement;
        o.pace_achievement = if final_year { achievement } else { pace };
        if judgement != Judgement::EveryYear {
            o.status = figures::status(final_year, comparator.holds(actual, if final_year { target } else { expected }));
        }
        o.grade = o.pace_achievement.and_then(|p| self.grade(p));
        Ok(())
    }

    /// The pace value for `year`; `points` holds the schedule on entry.
    fn expected(&self, m: &Measured, baseline: Option<Decimal>, year: i32, points: &mut Vec<(i32, Decimal)>) -> Result<Decimal, Fault> {
        let target = points[points.len() - 1].1;
        if m.aggregate == Aggregate::Total {
            return Ok(figures::pro_rata(target, year, self.period.0, m.target_year)?.0);
        }
        if let Some((_, value)) = points.iter().find(|(y, _)| *y == year) {
            return Ok(*value);
        }
        if let (Some(base_year), Some(b)) = (m.base_year, baseline) {
            if base_year < points[0].0 {
                points.insert(0, (base_year, b));
            }
        }
        Ok(figures::pace(points, year)?.value)
    }

    /// The actual A: the value in `year`, or the total or mean over the period up to it.
    fn actual(&self, m: &Measured, rule: usize, table: &Table, year: i32) -> Result<Decimal, Fault> {
        let value = table.read(rule, year)?;
        if m.aggregate == Aggregate::Value {
            return Ok(value);
        }
        let (mut sum, mut count) = (Decimal::ZERO, 0i64);
        for each in self.period.0..=year {
            match table.read(rule, each) {
                Ok(v) => {
                    sum = figures::add(sum, v)?;
                    count += 1;
                }
                Err(Fault::Missing) => {}
                Err(fault) => return Err(fault),
            }
        }
        match m.aggregate {
            Aggregate::Total => Ok(sum),
            _ => Ok(figures::divide(sum, Decimal::from(count.max(1)))?),
        }
    }

    /// Runs a program for a year.
    fn run(&self, program: &[Op], table: &Table, year: i32, scratch: &mut Scratch) -> Result<Decimal, Fault> {
        // The commonest targets and derivations (`80%`, `baseline * 150%`, `value(a) / value(b)`)
        // are one or two instructions: those run without the stack.
        match program {
            [Op::Const(value)] => return Ok(*value),
            [Op::Load { rule, at }] => return table.read(*rule, at.year(year)),
            [Op::Load { rule, at }, Op::BinaryConst(op, right)] => return Ok(binary(*op, table.read(*rule, at.year(year))?, *right)?),
            [Op::Load { rule, at }, Op::BinaryLoad(op, right, right_at)] => {
                let left = table.read(*rule, at.year(year))?;
                return Ok(binary(*op, left, table.read(*right, right_at.year(year))?)?);
            }
            _ => {}
        }
        let stack = &mut scratch.stack;
        stack.clear();
        for op in program {
            let value = match op {
                Op::Const(value) => *value,
                Op::Load { rule, at } => table.read(*rule, at.year(year))?,
                Op::NoBase => return Err(Fault::Missing),
                Op::Series { rule, first, last, average } => {
                    let (first, last) = (first.unwrap_or(self.period.0), last.year(year));
                    let (mut sum, mut count) = (Decimal::ZERO, 0i64);
                    for each in first..=last {
                        match table.read(*rule, each) {
                            Ok(v) => {
                                sum = figures::add(sum, v)?;
                                count += 1;
                            }
                            Err(Fault::Missing) => {}
                            Err(fault) => return Err(fault),
                        }
                    }
                    match (count, average) {
                        (0, _) => return Err(Fault::Missing),
                        (_, false) => sum,
                        (_, true) => figures::divide(sum, Decimal::from(count))?,
                    }
                }
                Op::Negate => -pop(stack),
                Op::Binary(op) => {
                    let right = pop(stack);
                    binary(*op, pop(stack), right)?
                }
                Op::BinaryConst(op, right) => binary(*op, pop(stack), *right)?,
                Op::BinaryLoad(op, rule, at) => {
                    let right = table.read(*rule, at.year(year))?;
                    binary(*op, pop(stack), right)?
                }
                Op::Extremum(function, count) => {
                    let start = stack.len() - count;
                    let values = stack.drain(start..);
                    let best = match function {
                        Extremum::Min => values.min(),
                        Extremum::Max => values.max(),
                    };
                    best.expect("min and max have two or more arguments")
                }
                Op::Round(digits) => figures::round(pop(stack), *digits).ok_or(Fault::Failed)?,
            };
            stack.push(value);
        }
        Ok(pop(stack))
    }
}

/// The indicators the programs load, in order, without repeats.
fn loads<'a>(programs: impl IntoIterator<Item = &'a Program>) -> Vec<RuleId> {
    let mut read: Vec<RuleId> = programs
        .into_iter()
        .flatten()
        .filter_map(|op| match op {
            Op::Load { rule, .. } | Op::Series { rule, .. } | Op::BinaryLoad(_, rule, _) => Some(RuleId(*rule)),
            _ => None,
        })
        .collect();
    read.sort();
    read.dedup();
    read
}

fn binary(op: BinaryOp, left: Decimal, right: Decimal) -> Result<Decimal, Arith> {
    match op {
        BinaryOp::Add => figures::add(left, right),
        BinaryOp::Subtract => figures::subtract(left, right),
        BinaryOp::Multiply => figures::multiply(left, right),
        BinaryOp::Divide => figures::divide(left, right),
    }
}

/// Fuses a binary operator with the constant or load just before it (its right
/// operand), so that the commonest shapes (`value * 1.5`, `a / b`) dispatch once
/// less and never push their right operand.
fn peephole(program: Program) -> Program {
    let mut fused: Program = Vec::with_capacity(program.len());
    for op in program {
        let merged = match (&op, fused.last()) {
            (Op::Binary(binary), Some(Op::Const(value))) => Some(Op::BinaryConst(*binary, *value)),
            (Op::Binary(binary), Some(Op::Load { rule, at })) => Some(Op::BinaryLoad(*binary, *rule, *at)),
            _ => None,
        };
        match merged {
            Some(merged) => {
                fused.pop();
                fused.push(merged);
            }
            None => fused.push(op),
        }
    }
    fused
}

fn pop(stack: &mut Vec<Decimal>) -> Decimal {
    stack.pop().expect("a compiled program is balanced")
}

/// Turns the plan's rules and expressions into programs.
struct Compiler<'p> {
    plan: &'p Plan,
    /// Years the programs read, collected so that the table spans them.
    years: &'p mut BTreeSet<i32>,
}

impl Compiler<'_> {
    fn rule(&mut self, id: RuleId) -> Kind {
        match &self.plan.rule(id).spec {
            RuleSpec::Qualitative => Kind::Qualitative,
            RuleSpec::Milestone { by } => Kind::Milestone { by: *by },
            RuleSpec::Composite { mode, members } => Kind::Composite { mode: *mode, members: members.iter().map(|m| m.0).collect() },
            RuleSpec::Measured(m) => Kind::Measured(Box::new(self.measured(m, id))),
        }
    }

    fn measured(&mut self, m: &MeasuredDef, id: RuleId) -> Measured {
        let (comparator, target) = match &m.comparison {
            None => (Comparator::AtLeast, Target::Tracked),
            Some(comparison) => (
                comparison.comparator,
                match &comparison.target {
                    TargetDef::Tbd => Target::Tbd,
                    TargetDef::Expr(expr) => Target::Expr(self.program(expr, id)),
                    TargetDef::Schedule(entries) => {
                        Target::Schedule(entries.iter().map(|(year, expr)| (*year, self.program(expr, id))).collect())
                    }
                },
            ),
        };
        Measured {
            aggregate: m.aggregate,
            comparator,
            target,
            base_year: m.base_year,
            target_year: m.target_year,
            every_year: m.every_year,
        }
    }

    fn program(&mut self, expr: &Expr, this: RuleId) -> Program {
        let mut program = Vec::new();
        // Postfix order without recursion: operands are emitted before their
        // operator by walking a stack of (expression, operands emitted?) pairs.
        let mut work: Vec<(&Expr, bool)> = vec![(expr, false)];
        while let Some((expr, expanded)) = work.pop() {
            if expanded {
                program.push(self.operator(expr));
                continue;
            }
            match &expr.kind {
                ExprKind::Negate(inner) | ExprKind::Round { value: inner, .. } => {
                    work.push((expr, true));
                    work.push((inner, false));
                }
                ExprKind::Paren(inner) => work.push((inner, false)),
                ExprKind::Binary { lhs, rhs, .. } => {
                    work.push((expr, true));
                    work.push((rhs, false));
                    work.push((lhs, false));
                }
                ExprKind::Extremum { args, .. } => {
                    work.push((expr, true));
                    work.extend(args.iter().rev().map(|arg| (arg, false)));
                }
                _ => program.push(self.leaf(expr, this)),
            }
        }
        peephole(program)
    }

    fn operator(&self, expr: &Expr) -> Op {
        match &expr.kind {
            ExprKind::Negate(_) => Op::Negate,
            ExprKind::Round { digits, .. } => Op::Round(*digits),
            ExprKind::Binary { op, .. } => Op::Binary(*op),
            ExprKind::Extremum { function, args } => Op::Extremum(*function, args.len()),
            _ => unreachable!("only operators are expanded"),
        }
    }

    fn leaf(&mut self, expr: &Expr, this: RuleId) -> Op {
        let resolve = |name: &Option<shihyo_syntax::ast::Name>| match name {
            None => this.0,
            Some(name) => self.plan.find_key(&name.key).expect("the checker resolved every name").0,
        };
        match &expr.kind {
            ExprKind::Number(quantity) => Op::Const(quantity.value),
            ExprKind::Baseline(Some(year)) => {
                self.years.insert(year.year.number);
                Op::Load { rule: this.0, at: At::Fixed(year.year.number) }
            }
            ExprKind::Baseline(None) => {
                let base = match &self.plan.rule(this).spec {
                    RuleSpec::Measured(m) => m.base_year,
                    _ => self.plan.baseline,
                };
                match base {
                    Some(year) => Op::Load { rule: this.0, at: At::Fixed(year) },
                    None => Op::NoBase,
                }
            }
            ExprKind::Value { name, year } => {
                let rule = resolve(name);
                let at = year.as_ref().map_or(At::Current, |y| At::Fixed(y.year.number));
                self.years.extend(year.as_ref().map(|y| y.year.number));
                Op::Load { rule, at }
            }
            ExprKind::Series { function, name, range } => {
                let rule = resolve(&Some(name.clone()));
                let (first, last) = match range {
                    Some(range) => (Some(range.first.year.number), At::Fixed(range.last.year.number)),
                    None => (None, At::Current),
                };
                if let Some(range) = range {
                    self.years.extend([range.first.year.number, range.last.year.number]);
                }
                Op::Series { rule, first, last, average: *function == SeriesFunction::Avg }
            }
            _ => unreachable!("operators are expanded"),
        }
    }
}
