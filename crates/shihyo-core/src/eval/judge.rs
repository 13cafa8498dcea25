//! Judging a rule: its target T, baseline B, actual A, the pace value E on the
//! line from (base year, B) to (target year, T), achievement, progress, pace
//! achievement, status and grade (reference §7). This is the one
//! evaluator: a what-if slider, a simulation run and `explain` all come here,
//! and differ only in the [`Recorder`] they pass. Arithmetic is exact and
//! checked: an overflow or a division by zero makes that one rule `error`.

use super::compiled::{Compiled, Kind, Measured, Target};
use super::formulas::{self, Arith};
use super::outcome::{Outcome, Status};
use super::program::{Env, Judged, Program, Scratch};
use super::record::{Event, Judgement, NoRecord, Recorder};
use super::scale::{self, Figures};
use super::table::{Failure, Fault, Table};
use crate::model::RuleId;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{AchievementFormula, Aggregate, Comparator, CompositeMode, RuleFigure};

impl Compiled {
    /// Evaluates every rule as of a year; `out` is reused.
    pub fn evaluate(&self, table: &Table, as_of: i32, scratch: &mut Scratch, out: &mut Vec<Outcome>) {
        out.clear();
        out.extend((0..self.rules.len()).map(|rule| match self.rules[rule] {
            Kind::Composite { .. } => Outcome::default(),
            _ => self.judge_recorded(RuleId(rule), table, as_of, scratch, &mut NoRecord),
        }));
        // Composites after their members; inner composites have larger indices.
        for rule in (0..self.rules.len()).rev() {
            if let Kind::Composite { .. } = &self.rules[rule] {
                out[rule] = self.compose_recorded(RuleId(rule), out, &mut NoRecord);
            }
        }
    }

    /// Judges one rule as of a year (an `any`/`all` rule gets an empty outcome: see
    /// [`Compiled::compose`]); `None` for an id that is not one of this plan's rules.
    pub fn judge(&self, rule: RuleId, table: &Table, as_of: i32, scratch: &mut Scratch) -> Option<Outcome> {
        (rule.0 < self.rules.len()).then(|| self.judge_recorded(rule, table, as_of, scratch, &mut NoRecord))
    }

    /// [`Compiled::judge`], telling a recorder how.
    pub(crate) fn judge_recorded<R: Recorder>(
        &self,
        rule: RuleId,
        table: &Table,
        as_of: i32,
        scratch: &mut Scratch,
        recorder: &mut R,
    ) -> Outcome {
        let Scratch { stack, points } = scratch;
        let env = self.env(table, stack, recorder, rule.0, as_of);
        Judge { compiled: self, env, points, this: rule.0 }.rule()
    }

    /// The figures of an `any`/`all` rule from all rules' outcomes (its members judged);
    /// `None` for an id that is not one of this plan's rules, or outcomes that are not one
    /// per rule of this plan.
    pub fn compose(&self, rule: RuleId, outcomes: &[Outcome]) -> Option<Outcome> {
        (rule.0 < self.rules.len() && outcomes.len() == self.rules.len()).then(|| self.compose_recorded(rule, outcomes, &mut NoRecord))
    }

    /// [`Compiled::compose`], telling a recorder how.
    pub(crate) fn compose_recorded<R: Recorder>(&self, rule: RuleId, outcomes: &[Outcome], recorder: &mut R) -> Outcome {
        let Kind::Composite { mode, members } = &self.rules[rule.0] else { return outcomes[rule.0] };
        let chosen = match mode {
            CompositeMode::Any => members.iter().map(|m| &outcomes[*m]).min_by_key(|m| m.status.rank()),
            CompositeMode::All => members.iter().map(|m| &outcomes[*m]).max_by_key(|m| m.status.rank()),
        };
        let mut outcome = Outcome::default();
        if let Some(chosen) = chosen {
            outcome.status = chosen.status;
            outcome.year = chosen.year;
            outcome.target_year = chosen.target_year;
        }
        let judged: Vec<&Outcome> = members.iter().map(|m| &outcomes[*m]).filter(|m| m.pace_achievement.is_some()).collect();
        let paces = judged.iter().filter_map(|m| m.pace_achievement);
        outcome.pace_achievement = match mode {
            CompositeMode::Any => paces.max(),
            CompositeMode::All => paces.min(),
        };
        // The best step of its judged members (`any`), or the worst (none if one has no step: `all`).
        let step = |of: fn(&Outcome) -> Option<usize>| match mode {
            CompositeMode::Any => judged.iter().filter_map(|m| of(m)).min(),
            CompositeMode::All => judged.iter().map(|m| of(m)).collect::<Option<Vec<usize>>>().and_then(|steps| steps.into_iter().max()),
        };
        outcome.grade = step(|m| m.grade);
        outcome.points = step(|m| m.points);
        if R::ACTIVE {
            recorder.event(Event::Composite { mode: *mode, members, outcomes });
        }
        outcome
    }

    /// The grade of a pace achievement alone on the plan's scale (an index in its grades): a step that
    /// tests another figure does not hold.
    pub fn grade(&self, pace: Decimal) -> Option<usize> {
        scale::grade(&self.scales[0].grades, &Figures { pace: Some(pace), ..Figures::default() })
    }

    /// Sets a judged rule's points and grade from its figures (reference §5.2).
    fn rate(&self, rule: usize, outcome: &mut Outcome, comparator: Comparator) {
        let (own, mut figures) = (self.scale(rule), Figures::of_rule(outcome, comparator));
        outcome.points = scale::points(&own.points, &figures);
        figures.points = outcome.points.map(|index| own.points[index].points);
        outcome.grade = scale::grade(&own.grades, &figures);
    }

    /// The expected value E of a measured rule's evaluation as of `year` (the
    /// pace line's value, a `total`'s pro-rata share, an `every year` rule's own
    /// target), whether or not the year has an actual: what a report shows beside
    /// each year's actual. `None` for a rule without a target or one that fails (or an
    /// id that is not one of this plan's rules).
    pub fn expected_in(&self, rule: RuleId, table: &Table, year: i32, scratch: &mut Scratch) -> Option<Decimal> {
        let Some(Kind::Measured(m)) = self.rules.get(rule.0) else { return None };
        let mut record = NoRecord;
        let env = self.env(table, &mut scratch.stack, &mut record, rule.0, year);
        let mut judge = Judge { compiled: self, env, points: &mut scratch.points, this: rule.0 };
        judge.pace_value(m, year).ok().flatten()
    }

    /// Whether a measured rule's condition holds in `year` against its final target
    /// (its own year's target for `every year`); `None` when it cannot be judged. A
    /// derived value is computed from its inputs in the table, whether or not the
    /// table's derived values are up to date. `None` too for an id that is not one of this
    /// plan's rules.
    pub fn meets(&self, rule: RuleId, table: &Table, year: i32, scratch: &mut Scratch) -> Option<bool> {
        let Some(Kind::Measured(m)) = self.rules.get(rule.0) else { return None };
        let mut record = NoRecord;
        let mut env = self.env(table, &mut scratch.stack, &mut record, rule.0, year);
        let target = match &m.target {
            Target::Expr(program) => program.run(&mut env, year).ok()?,
            Target::Schedule(entries) => {
                let (entry_year, program) = entries.last()?;
                program.run(&mut env, *entry_year).ok()?
            }
            Target::Tracked | Target::Tbd => return None,
        };
        let actual = match m.aggregate {
            Aggregate::Value => match self.derivation(rule, table, year, scratch) {
                Some(value) => value.ok()?,
                None => table.read(rule.0, year).ok()?,
            },
            _ => {
                let mut judge = Judge { compiled: self, env, points: &mut scratch.points, this: rule.0 };
                judge.actual(m, year).ok()?
            }
        };
        Some(m.comparator.holds(actual, target))
    }
}

impl Judged for Compiled {
    fn figure(&self, table: &Table, rule: usize, figure: RuleFigure, year: i32) -> Result<Decimal, Fault> {
        let outcome = self.judge_recorded(RuleId(rule), table, year, &mut Scratch::default(), &mut NoRecord);
        let value = match figure {
            RuleFigure::Achievement => outcome.achievement,
            RuleFigure::Pace => outcome.pace_achievement,
            RuleFigure::Progress => outcome.progress,
            RuleFigure::Points => outcome.points.map(|index| self.scale(rule).points[index].points),
            RuleFigure::Met => match outcome.status {
                Status::Achieved | Status::Done | Status::OnTrack => Some(Decimal::ONE),
                Status::NotAchieved | Status::Behind | Status::Overdue => Some(Decimal::ZERO),
                _ => None,
            },
        };
        value.ok_or(Fault::Missing { rule: rule as u32, year })
    }
}

/// Judges one rule, telling `R`.
struct Judge<'a, R> {
    compiled: &'a Compiled,
    env: Env<'a, R>,
    /// The target schedule, then the pace line's points.
    points: &'a mut Vec<(i32, Decimal)>,
    this: usize,
}

impl<R: Recorder> Judge<'_, R> {
    fn tell(&mut self, event: Event<'_>) {
        if R::ACTIVE {
            self.env.recorder.event(event);
        }
    }

    fn read(&mut self, year: i32) -> Result<Decimal, Fault> {
        if R::ACTIVE {
            self.env.recorder.read(self.env.table, self.this, year);
        }
        self.env.table.read(self.this, year)
    }

    /// A formula's failure, at the rule.
    fn arith<T>(&self, result: Result<T, Arith>) -> Result<T, Fault> {
        result.map_err(|kind| self.env.failure(kind, Failure::FIGURE))
    }

    fn rule(mut self) -> Outcome {
        let mut outcome = Outcome::default();
        let (as_of, compiled) = (self.env.as_of, self.compiled);
        match &compiled.rules[self.this] {
            Kind::Qualitative => {
                outcome.status = Status::Qualitative;
                let latest = self.env.table.hand_grades[self.this].iter().filter(|(year, _)| *year <= as_of).max_by_key(|(y, _)| *y);
                if let Some(&(year, grade)) = latest {
                    outcome.year = Some(year);
                    outcome.grade = Some(grade);
                    self.tell(Event::HandGrade { year, grade });
                }
            }
            Kind::Milestone { by } => {
                outcome.target_year = Some(*by);
                let done = self.env.table.done[self.this].filter(|year| *year <= as_of);
                outcome.year = done;
                outcome.status = match done {
                    Some(_) => Status::Done,
                    None if as_of < *by => Status::Pending,
                    None => Status::Overdue,
                };
                self.tell(Event::Milestone { by: *by, done, as_of });
            }
            // An `any`/`all` rule is judged from its members ([`Compiled::compose`]).
            Kind::Composite { .. } => {}
            Kind::Measured(m) => {
                if let Err(fault) = self.measured(m, &mut outcome) {
                    outcome.status = match fault {
                        Fault::Missing { .. } if outcome.status == Status::Tbd => Status::Tbd,
                        Fault::Missing { .. } => Status::NoData,
                        Fault::Failed(_) => Status::Error,
                    };
                    self.tell(Event::Stopped(fault));
                }
            }
        }
        outcome
    }

    fn measured(&mut self, m: &Measured, o: &mut Outcome) -> Result<(), Fault> {
        let as_of = self.env.as_of;
        if let Target::Tracked = m.target {
            // A tracked or derived indicator without a target: show its value.
            o.status = Status::Tracked;
            o.year = Some(as_of);
            o.actual = Some(self.actual(m, as_of)?);
            return Ok(());
        }
        let year = as_of.min(m.target_year);
        o.target_year = Some(m.target_year);
        o.baseline_year = m.base_year;
        o.year = Some(year);
        if let Some(base) = m.base_year {
            o.baseline = self.read(base).ok();
        }
        if m.every_year {
            return self.every_year(m, o);
        }
        if let Target::Tbd = m.target {
            o.status = Status::Tbd;
            o.actual = self.actual(m, year).ok();
            self.tell(Event::TargetTbd);
            return Ok(());
        }
        self.schedule(m, year)?;
        let target = self.points[self.points.len() - 1].1;
        o.target = Some(target);
        let own_target = matches!(m.target, Target::Schedule(_)) && self.points.iter().any(|(entry, _)| *entry == year);
        let actual = self.actual(m, year)?;
        o.actual = Some(actual);
        let expected = self.expected(m, o.baseline, year)?;
        o.expected = Some(expected);
        let judgement = match year >= m.target_year {
            true => Judgement::Target,
            false if own_target => Judgement::YearTarget,
            false => Judgement::Pace,
        };
        self.figures(m.comparator, judgement, o)
    }

    /// Puts the target schedule into `points`: the target (its program run for
    /// `year`) at the target year, or each year's entry of a schedule.
    fn schedule(&mut self, m: &Measured, year: i32) -> Result<(), Fault> {
        self.points.clear();
        match &m.target {
            Target::Expr(program) => {
                let value = self.target(program, year, None)?;
                self.points.push((m.target_year, value));
            }
            Target::Schedule(entries) => {
                for (entry_year, program) in entries {
                    let value = self.target(program, *entry_year, Some(*entry_year))?;
                    self.points.push((*entry_year, value));
                }
            }
            Target::Tracked | Target::Tbd => unreachable!("rules without a target have no schedule"),
        }
        Ok(())
    }

    /// The pace value an evaluation as of `as_of` holds the actual against, with
    /// or without an actual in that year: `None` for a rule without a target.
    fn pace_value(&mut self, m: &Measured, as_of: i32) -> Result<Option<Decimal>, Fault> {
        match &m.target {
            Target::Tracked | Target::Tbd => Ok(None),
            // An `every year` rule's pace is each year's own target.
            Target::Expr(program) if m.every_year => program.run(&mut self.env, as_of.min(self.compiled.period.1)).map(Some),
            _ => {
                let year = as_of.min(m.target_year);
                self.schedule(m, year)?;
                let baseline = m.base_year.and_then(|base| self.read(base).ok());
                self.expected(m, baseline, year).map(Some)
            }
        }
    }

    /// A target program's value in a year, told with its inputs (`dated`: the step names the year).
    fn target(&mut self, program: &Program, year: i32, dated: Option<i32>) -> Result<Decimal, Fault> {
        if R::ACTIVE {
            self.env.recorder.capture();
        }
        let value = program.run(&mut self.env, year)?;
        self.tell(Event::Target { span: &program.span, literal: program.literal, value, dated });
        Ok(value)
    }

    /// `every year`: each period year with data must pass its own target.
    fn every_year(&mut self, m: &Measured, o: &mut Outcome) -> Result<(), Fault> {
        let Target::Expr(program) = &m.target else {
            o.status = Status::Tbd;
            return Ok(());
        };
        let (first, last) = self.compiled.period;
        let as_of = self.env.as_of;
        let year = as_of.min(last);
        let mut failed_in = None;
        let (mut shown_actual, mut last_actual) = (None, None);
        let mut missing = false;
        let mut missing_years = Vec::new();
        for each in first..=year {
            let actual = match self.actual(m, each) {
                Ok(value) => value,
                Err(Fault::Missing { .. }) => {
                    missing = true;
                    if R::ACTIVE {
                        missing_years.push(each);
                    }
                    continue;
                }
                Err(fault) => return Err(fault),
            };
            if each == year {
                last_actual = Some(actual);
            }
            let target = match program.run(&mut self.env, each) {
                Ok(value) => value,
                Err(Fault::Missing { .. }) => continue,
                Err(fault) => return Err(fault),
            };
            if !m.comparator.holds(actual, target) && failed_in.is_none() {
                failed_in = Some(each);
                shown_actual = Some(actual);
            }
        }
        // The figures shown are those of the year that decided the status: the
        // first year that missed the target, else the evaluation year.
        let shown = failed_in.unwrap_or(year);
        o.year = Some(shown);
        if let Ok(target) = self.target(program, shown, Some(shown)) {
            o.target = Some(target);
            o.expected = Some(target);
        }
        o.actual = if failed_in.is_some() { shown_actual } else { last_actual };
        if let (Some(_), Some(_)) = (o.actual, o.target) {
            self.figures(m.comparator, Judgement::EveryYear, o)?;
        }
        o.status = if let Some(failed) = failed_in {
            self.tell(Event::EveryYearMissed { year: failed });
            Status::NotAchieved
        } else if o.actual.is_none() {
            Status::NoData
        } else if missing {
            // Every year met so far, but some years have no actual: not confirmed, and
            // once the plan is over it cannot be.
            self.tell(Event::EveryYearMissing { years: &missing_years });
            if as_of >= last {
                o.grade = None;
                Status::NoData
            } else {
                Status::OnTrack
            }
        } else {
            self.tell(Event::EveryYearMet { done: as_of >= last });
            if as_of >= last {
                Status::Achieved
            } else {
                Status::OnTrack
            }
        };
        Ok(())
    }

    /// Achievement, progress, pace achievement, status and grade from the figures.
    fn figures(&mut self, comparator: Comparator, judgement: Judgement, o: &mut Outcome) -> Result<(), Fault> {
        let final_year = !matches!(judgement, Judgement::Pace | Judgement::YearTarget);
        let (Some(target), Some(actual), Some(expected)) = (o.target, o.actual, o.expected) else { return Ok(()) };
        // The achievement is against the final target, but in a year with its own target
        // against that (the expected value): the 達成率 a year-by-year plan prints.
        let (achievement_target, achievement_target_year) = match judgement {
            Judgement::YearTarget => (expected, o.year),
            Judgement::EveryYear => (target, o.year),
            Judgement::Pace | Judgement::Target => (target, o.target_year),
        };
        o.achievement_target = Some(achievement_target);
        o.achievement_target_year = achievement_target_year;
        let progress = self.arith(formulas::progress(actual, o.baseline, target))?;
        o.progress = progress;
        let (achievement, pace) = match self.compiled.achievement {
            AchievementFormula::Ratio => (
                self.arith(formulas::achievement(comparator, actual, achievement_target))?,
                self.arith(formulas::achievement(comparator, actual, expected))?,
            ),
            AchievementFormula::Progress => {
                let pace = if final_year { progress } else { self.arith(formulas::progress(actual, o.baseline, expected))? };
                (if judgement == Judgement::YearTarget { pace } else { progress }, pace)
            }
        };
        o.achievement = achievement;
        o.pace_achievement = if final_year { achievement } else { pace };
        // An `every year` rule's status comes from all its years; its caller sets it.
        if judgement != Judgement::EveryYear {
            o.status = formulas::status(final_year, comparator.holds(actual, if final_year { target } else { expected }));
        }
        if o.pace_achievement.is_some() {
            self.compiled.rate(self.this, o, comparator);
        }
        self.tell(Event::Figures { comparator, figures: o, judgement });
        Ok(())
    }

    /// The pace value E for `year`; `points` holds the target schedule on entry.
    fn expected(&mut self, m: &Measured, baseline: Option<Decimal>, year: i32) -> Result<Decimal, Fault> {
        let target = self.points[self.points.len() - 1].1;
        let total = m.aggregate.is_total();
        if total && matches!(m.target, Target::Expr(_)) {
            let recurring = m.aggregate == Aggregate::RecurringTotal;
            let (value, done, all) = self.arith(formulas::pro_rata(target, year, self.compiled.period.0, m.target_year, recurring))?;
            self.tell(Event::ProRata { done, all, value, recurring });
            return Ok(value);
        }
        if let Some((_, value)) = self.points.iter().find(|(y, _)| *y == year) {
            return Ok(*value);
        }
        let scheduled = self.points.len();
        // The running totals a `total` rule schedules start from nothing before the plan's
        // first year; another rule's line starts from its baseline.
        let start = if total { Some((self.compiled.period.0 - 1, Decimal::ZERO)) } else { m.base_year.zip(baseline) };
        if let Some((base_year, b)) = start {
            if base_year < self.points[0].0 {
                self.points.insert(0, (base_year, b));
            }
        }
        let pace = self.arith(formulas::pace(self.points.as_slice(), year))?;
        match pace.between {
            Some((from, to)) => self.tell(Event::Pace { year, from, to, value: pace.value }),
            None if baseline.is_none() && scheduled == 1 => self.tell(Event::NoBaseline),
            None => {}
        }
        Ok(pace.value)
    }

    /// The actual A: the value in `year`, or the total or mean over the period up to it.
    fn actual(&mut self, m: &Measured, year: i32) -> Result<Decimal, Fault> {
        if m.aggregate == Aggregate::Value {
            if R::ACTIVE {
                self.env.recorder.capture();
            }
            let value = self.env.load(self.this, year)?;
            self.tell(Event::Actual { year, value });
            return Ok(value);
        }
        self.read(year)?;
        if R::ACTIVE {
            self.env.recorder.capture();
        }
        let first = self.compiled.period.0;
        let (mut sum, mut count) = (Decimal::ZERO, 0i64);
        let (mut missing, mut counted) = (Vec::new(), Vec::new());
        for each in first..=year {
            match self.env.load(self.this, each) {
                Ok(v) => {
                    // A recurring effect counts again in every later year up to the evaluation year.
                    let counted_in = match m.aggregate {
                        Aggregate::RecurringTotal => self.arith(formulas::multiply(v, Decimal::from(year - each + 1)))?,
                        _ => v,
                    };
                    sum = self.arith(formulas::add(sum, counted_in))?;
                    count += 1;
                    if R::ACTIVE {
                        counted.push((each, v));
                    }
                }
                Err(Fault::Missing { .. }) => {
                    if R::ACTIVE {
                        missing.push(each);
                    }
                }
                Err(fault) => return Err(fault),
            }
        }
        let value = match m.aggregate {
            Aggregate::Average => self.arith(formulas::divide(sum, Decimal::from(count.max(1))))?,
            _ => sum,
        };
        self.tell(Event::Aggregate { aggregate: m.aggregate, first, last: year, value, count, missing: &missing, counted: &counted });
        Ok(value)
    }
}
