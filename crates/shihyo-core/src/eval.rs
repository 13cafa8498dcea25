//! Evaluation of a checked plan at an as-of year (LANGUAGE.md §5).
//!
//! First every indicator's series is laid out in a table: actuals as given,
//! and derived indicators computed year by year in dependency order (so no
//! evaluation recurses across indicators, however long a chain). Then each
//! rule is judged: its target T, baseline B, actual A, the pace value E on
//! the line from (base year, B) to (target year, T), achievement, progress,
//! pace achievement, status and grade. Arithmetic is exact and checked: an
//! overflow or a division by zero makes that one rule `error`, with the
//! place in the source, and every other rule is still evaluated.

use crate::data::{ActualValue, Dataset, Origin};
use crate::display;
use crate::figures::{self, Arith};
use crate::model::*;
use crate::report::{GroupResult, Report, RuleResult, Status, Step, StepInput};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{
    AchievementFormula, Aggregate, BinaryOp, Comparator, CompositeMode, Expr, ExprKind, Extremum, Rollup, SeriesFunction,
};
use shihyo_syntax::{tr, Diagnostic, Lang, Localized, Year};
use std::collections::{BTreeMap, BTreeSet};

/// What the host asks of an evaluation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The evaluation year (western number); default: the latest year with data.
    pub as_of: Option<i32>,
    /// Record how each figure was computed.
    pub explain: bool,
}

/// Why an expression has no value.
#[derive(Clone, Debug)]
enum Stop {
    /// An actual it needs is missing.
    Missing {
        rule: RuleId,
        year: i32,
    },
    Failed(Box<Diagnostic>),
}

type Value = Result<Decimal, Stop>;

/// The value of every indicator in every year that has one.
struct Series {
    cells: Vec<BTreeMap<i32, Value>>,
    origins: Vec<BTreeMap<i32, Origin>>,
    /// The years of each indicator whose value is, or is computed from, a projection.
    projected: Vec<BTreeSet<i32>>,
}

pub fn evaluate(plan: &Plan, data: &Dataset, options: Options) -> Report {
    let as_of =
        options.as_of.unwrap_or_else(|| data.iter().filter_map(|years| years.keys().next_back().copied()).max().unwrap_or(plan.period.0));
    let series = build_series(plan, data);
    let mut results: Vec<Option<RuleResult>> = vec![None; plan.rules.len()];
    for (index, rule) in plan.rules.iter().enumerate() {
        if !matches!(rule.spec, RuleSpec::Composite { .. }) {
            let mut judge = Judge {
                plan,
                series: &series,
                data,
                this: RuleId(index),
                as_of,
                steps: options.explain.then(Vec::new),
                read_projection: Default::default(),
            };
            results[index] = Some(judge.rule());
        }
    }
    // Composites after their members; inner composites have larger indices.
    for index in (0..plan.rules.len()).rev() {
        if let RuleSpec::Composite { mode, members } = &plan.rules[index].spec {
            let members: Vec<&RuleResult> = members.iter().filter_map(|m| results[m.0].as_ref()).collect();
            results[index] = Some(composite(plan, RuleId(index), *mode, &members, options.explain));
        }
    }
    let rules: Vec<RuleResult> = results.into_iter().map(|r| r.expect("every rule evaluated")).collect();
    let root = rollup_group(plan, &plan.root, &rules);
    Report { as_of: Year { number: as_of, calendar: plan.calendar }, scenario: None, rules, root }
}

fn build_series(plan: &Plan, data: &Dataset) -> Series {
    let mut cells: Vec<BTreeMap<i32, Value>> = data
        .iter()
        .map(|years| {
            years
                .iter()
                .filter_map(|(year, actual)| match actual.value {
                    ActualValue::Number(value) => Some((*year, Ok(value))),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let origins = data.iter().map(|years| years.iter().map(|(y, a)| (*y, a.origin.clone())).collect()).collect();
    let projected = data.iter().map(|years| years.iter().filter(|(_, a)| a.projected).map(|(y, _)| *y).collect()).collect();
    // Derived values exist in the years anything is known or asked for.
    let mut years: BTreeSet<i32> = plan.period_years().collect();
    years.extend(data.iter().flat_map(|y| y.keys().copied()));
    years.extend(plan.baseline);
    for rule in &plan.rules {
        if let RuleSpec::Measured(m) = &rule.spec {
            years.extend(m.base_year);
            years.insert(m.target_year);
        }
    }
    let mut series = Series { cells: Vec::new(), origins, projected };
    for &id in &plan.derivation_order {
        let expr = plan.rule(id).derivation().expect("ordered rules are derived");
        let mut computed = BTreeMap::new();
        let mut projected = BTreeSet::new();
        for &year in &years {
            series.cells = std::mem::take(&mut cells);
            let (value, read_projection) = {
                let judge = Judge {
                    plan,
                    series: &series,
                    data: &Vec::new(),
                    this: id,
                    as_of: year,
                    steps: None,
                    read_projection: Default::default(),
                };
                (judge.eval(expr, year, &mut None), judge.read_projection.get())
            };
            cells = std::mem::take(&mut series.cells);
            match value {
                Err(Stop::Missing { .. }) => {}
                other => {
                    computed.insert(year, other);
                    if read_projection {
                        projected.insert(year);
                    }
                }
            }
        }
        cells[id.0] = computed;
        series.projected[id.0] = projected;
    }
    series.cells = cells;
    series
}

/// Judges one rule.
struct Judge<'a> {
    plan: &'a Plan,
    series: &'a Series,
    data: &'a Dataset,
    this: RuleId,
    as_of: i32,
    steps: Option<Vec<Step>>,
    /// Whether a value read so far is a projection.
    read_projection: std::cell::Cell<bool>,
}

/// What a rule's figures are judged against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judgement {
    /// Before the target year: the pace line's expected value.
    Pace,
    /// In or after the target year: the target.
    Target,
    /// One year of an `every year` rule: its caller judges all the years.
    EveryYear,
}

/// The figures of a comparator rule, as far as they are known.
#[derive(Default)]
struct Figures {
    target: Option<Decimal>,
    baseline: Option<Decimal>,
    actual: Option<Decimal>,
    expected: Option<Decimal>,
}

impl Judge<'_> {
    fn rule(&mut self) -> RuleResult {
        let rule = self.plan.rule(self.this);
        let mut result = RuleResult::new(self.this);
        match &rule.spec {
            RuleSpec::Qualitative => {
                result.status = Status::Qualitative;
                let latest = self.data[self.this.0].range(..=self.as_of).rev().find_map(|(year, actual)| match &actual.value {
                    ActualValue::Grade(grade) => Some((*year, grade.clone())),
                    _ => None,
                });
                if let Some((year, grade)) = latest {
                    result.year = Some(year);
                    let (en, ja) = (self.label(year), self.label_ja(year));
                    self.step("grade", tr!("hand grade of {en}: {grade}", "{ja}の評価: {grade}"), Vec::new());
                    result.grade = Some(grade);
                }
            }
            RuleSpec::Milestone { by } => {
                result.target_year = Some(*by);
                let done = self.data[self.this.0]
                    .range(..=self.as_of)
                    .find(|(_, actual)| actual.value == ActualValue::Done)
                    .map(|(year, _)| *year);
                result.status = match done {
                    Some(year) => {
                        result.year = Some(year);
                        Status::Done
                    }
                    None if self.as_of < *by => Status::Pending,
                    None => Status::Overdue,
                };
                let (by_en, by_ja) = (self.label(*by), self.label_ja(*by));
                let (en, ja) = match done {
                    Some(year) => (self.label(year), self.label_ja(year)),
                    None => (self.label(self.as_of), self.label_ja(self.as_of)),
                };
                let text = match done {
                    Some(_) => tr!("done in {en} (due by {by_en})", "{ja}に完了（期限 {by_ja}）"),
                    None => tr!("not done by {en} (due by {by_en})", "{ja}時点で未完了（期限 {by_ja}）"),
                };
                self.step("status", text, Vec::new());
            }
            RuleSpec::Measured(measured) => self.measured(measured, &mut result),
            RuleSpec::Composite { .. } => unreachable!("composites are judged from their members"),
        }
        result.steps = self.steps.take().unwrap_or_default();
        result.projected = self.read_projection.get();
        result
    }

    fn measured(&mut self, measured: &MeasuredDef, result: &mut RuleResult) {
        let Some(comparison) = &measured.comparison else {
            // A tracked or derived indicator without a target: show its value.
            result.status = Status::Tracked;
            let year = self.as_of;
            result.year = Some(year);
            match self.actual(measured, year) {
                Ok(value) => result.actual = Some(value),
                Err(stop) => self.stop(result, stop),
            }
            if result.status == Status::Tracked && result.actual.is_none() {
                result.status = Status::NoData;
            }
            return;
        };
        let target_year = measured.target_year;
        let year = self.as_of.min(target_year);
        result.target_year = Some(target_year);
        result.baseline_year = measured.base_year;
        result.year = Some(year);
        let mut figures = Figures::default();
        if let Some(base_year) = measured.base_year {
            if let Ok(value) = self.series_value(self.this, base_year) {
                figures.baseline = Some(value);
            }
        }
        result.baseline = figures.baseline;
        let outcome = if measured.every_year {
            self.every_year(measured, comparison, &mut figures, result)
        } else {
            self.once(measured, comparison, year, &mut figures, result)
        };
        if let Err(stop) = outcome {
            self.stop(result, stop);
        }
        result.target = figures.target;
        result.actual = figures.actual;
        result.expected = figures.expected;
    }

    /// A rule judged in one year against a target (and before it, against the pace line).
    fn once(
        &mut self,
        measured: &MeasuredDef,
        comparison: &ComparisonDef,
        year: i32,
        figures: &mut Figures,
        result: &mut RuleResult,
    ) -> Result<(), Stop> {
        let schedule: Vec<(i32, Decimal)> = match &comparison.target {
            TargetDef::Tbd => {
                result.status = Status::Tbd;
                figures.actual = self.actual(measured, year).ok();
                self.step("target", tr!("the target is not decided yet (tbd)", "目標は未定です（tbd）"), Vec::new());
                return Ok(());
            }
            TargetDef::Expr(expr) => vec![(measured.target_year, self.target_value(expr, year, false)?)],
            TargetDef::Schedule(entries) => {
                let mut values = Vec::new();
                for (entry_year, expr) in entries {
                    values.push((*entry_year, self.target_value(expr, *entry_year, true)?));
                }
                values
            }
        };
        let target = schedule.last().map(|(_, v)| *v).expect("a schedule has entries");
        figures.target = Some(target);
        let actual = self.actual(measured, year)?;
        figures.actual = Some(actual);
        let expected = self.expected(measured, figures.baseline, &schedule, year)?;
        figures.expected = Some(expected);
        let judgement = if year >= measured.target_year { Judgement::Target } else { Judgement::Pace };
        self.figures(comparison.comparator, figures, judgement, result)
    }

    /// A target expression's value in a year, with its step when explaining (`dated`:
    /// the step names the year, as for a schedule's entries).
    fn target_value(&mut self, expr: &Expr, year: i32, dated: bool) -> Result<Decimal, Stop> {
        if self.steps.is_none() {
            return self.eval(expr, year, &mut None);
        }
        let mut inputs = Vec::new();
        let value = self.eval(expr, year, &mut Some(&mut inputs))?;
        let text = self.describe(expr, value);
        let text = if dated {
            let (en, ja) = (self.label(year), self.label_ja(year));
            let (text_en, text_ja) = (text.en, text.ja);
            tr!("{en}: {text_en}", "{ja}: {text_ja}")
        } else {
            text
        };
        self.step("target", text, inputs);
        Ok(value)
    }

    /// `every year`: each period year with data must pass its own target.
    fn every_year(
        &mut self,
        measured: &MeasuredDef,
        comparison: &ComparisonDef,
        figures: &mut Figures,
        result: &mut RuleResult,
    ) -> Result<(), Stop> {
        let TargetDef::Expr(expr) = &comparison.target else {
            result.status = Status::Tbd;
            return Ok(());
        };
        let last = self.plan.period.1;
        let year = self.as_of.min(last);
        let mut failed_in = None;
        let mut actuals = Vec::new();
        let mut missing = Vec::new();
        for each in self.plan.period.0..=year {
            let actual = match self.actual(measured, each) {
                Ok(value) => value,
                Err(Stop::Missing { .. }) => {
                    missing.push(each);
                    continue;
                }
                Err(stop) => return Err(stop),
            };
            actuals.push((each, actual));
            let target = match self.eval(expr, each, &mut None) {
                Ok(value) => value,
                Err(Stop::Missing { .. }) => continue,
                Err(stop) => return Err(stop),
            };
            if !comparison.comparator.holds(actual, target) && failed_in.is_none() {
                failed_in = Some(each);
            }
        }
        // The figures shown are those of the year that decided the status: the
        // first year that missed the target, else the evaluation year.
        let shown = failed_in.unwrap_or(year);
        result.year = Some(shown);
        if let Ok(target) = self.target_value(expr, shown, true) {
            figures.target = Some(target);
            figures.expected = Some(target);
        }
        figures.actual = actuals.iter().find(|(each, _)| *each == shown).map(|(_, value)| *value);
        if let (Some(_), Some(_)) = (figures.actual, figures.target) {
            self.figures(comparison.comparator, figures, Judgement::EveryYear, result)?;
        }
        result.status = if let Some(failed) = failed_in {
            let (en, ja) = (self.label(failed), self.label_ja(failed));
            result.message = Some(tr!("missed the target in {en}", "{ja}に目標を下回りました"));
            self.step("status", tr!("every year: the target was missed in {en}", "毎年度: {ja}に目標を達成できませんでした"), Vec::new());
            Status::NotAchieved
        } else if figures.actual.is_none() {
            Status::NoData
        } else if !missing.is_empty() {
            // Every year met so far, but some years have no actual: not confirmed, and
            // once the plan is over it cannot be.
            let (en, ja) = (self.years_label(&missing, false), self.years_label(&missing, true));
            result.message = Some(tr!("no actual for {en}", "{ja}の実績がありません"));
            self.step("status", tr!("every year: no actual for {en}", "毎年度: {ja}の実績がありません"), Vec::new());
            if self.as_of >= last {
                result.grade = None;
                Status::NoData
            } else {
                Status::OnTrack
            }
        } else if self.as_of >= last {
            self.step("status", tr!("every year: every year meets the target", "毎年度: すべての年度で目標を満たしました"), Vec::new());
            Status::Achieved
        } else {
            self.step(
                "status",
                tr!("every year: every year so far meets the target", "毎年度: これまでの各年度は目標を満たしています"),
                Vec::new(),
            );
            Status::OnTrack
        };
        Ok(())
    }

    /// Achievement, progress, pace achievement, status and grade from the figures.
    fn figures(&mut self, comparator: Comparator, figures: &Figures, judgement: Judgement, result: &mut RuleResult) -> Result<(), Stop> {
        let final_year = judgement != Judgement::Pace;
        let (Some(target), Some(actual), Some(expected)) = (figures.target, figures.actual, figures.expected) else { return Ok(()) };
        let progress = self.arith(figures::progress(actual, figures.baseline, target))?;
        result.progress = progress;
        let (achievement, pace) = match self.plan.achievement {
            AchievementFormula::Ratio => (
                self.arith(figures::achievement(comparator, actual, target))?,
                self.arith(figures::achievement(comparator, actual, expected))?,
            ),
            AchievementFormula::Progress => {
                (progress, if final_year { progress } else { self.arith(figures::progress(actual, figures.baseline, expected))? })
            }
        };
        result.achievement = achievement;
        result.pace_achievement = if final_year { achievement } else { pace };
        // An `every year` rule's status comes from all its years; its caller sets it.
        if judgement != Judgement::EveryYear {
            result.status = figures::status(final_year, comparator.holds(actual, if final_year { target } else { expected }));
        }
        result.grade = result.pace_achievement.and_then(|p| grade_of(self.plan, p));
        if self.steps.is_some() {
            self.explain_figures(comparator, figures, judgement, result);
        }
        Ok(())
    }

    /// The steps that explain the figures [`Judge::figures`] computed.
    fn explain_figures(&mut self, comparator: Comparator, figures: &Figures, judgement: Judgement, result: &RuleResult) {
        let final_year = judgement != Judgement::Pace;
        let (Some(target), Some(actual), Some(expected)) = (figures.target, figures.actual, figures.expected) else { return };
        let unit = &self.plan.rule(self.this).unit;
        let (a, t, e) = (display::quantity(actual, unit), display::quantity(target, unit), display::quantity(expected, unit));
        if let (Some(b), Some(p)) = (figures.baseline, result.progress) {
            let bs = display::quantity(b, unit);
            let ps = display::ratio(p);
            self.step(
                "progress",
                tr!(
                    "progress = (A − B) / (T − B) = ({a} − {bs}) / ({t} − {bs}) = {ps}",
                    "進捗率 = (実績 − 基準値) / (目標 − 基準値) = ({a} − {bs}) / ({t} − {bs}) = {ps}"
                ),
                Vec::new(),
            );
        }
        let formula = match (self.plan.achievement, comparator) {
            (AchievementFormula::Progress, _) => {
                tr!("achievement = progress (the plan says `achievement progress`)", "達成率 = 進捗率（計画の指定 `achievement progress`）")
            }
            (_, Comparator::AtLeast | Comparator::Above) => tr!("achievement = A / T = {a} / {t}", "達成率 = 実績 / 目標 = {a} / {t}"),
            (_, Comparator::AtMost | Comparator::Below) => {
                tr!("achievement = T / A = {t} / {a} (lower is better)", "達成率 = 目標 / 実績 = {t} / {a}（低いほど良い）")
            }
            (_, Comparator::Equal) => {
                tr!("achievement = 1 − |A − T| / T = 1 − |{a} − {t}| / {t}", "達成率 = 1 − |実績 − 目標| / 目標 = 1 − |{a} − {t}| / {t}")
            }
        };
        let shown = result.achievement.map_or_else(|| "—".to_string(), display::ratio);
        let (formula_en, formula_ja) = (formula.en, formula.ja);
        self.step("achievement", tr!("{formula_en} = {shown}", "{formula_ja} = {shown}"), Vec::new());
        if result.achievement.is_none() && target.is_zero() {
            self.step(
                "achievement",
                tr!(
                    "a target of 0 gives no ratio: the status alone says whether it is met",
                    "目標が 0 のため達成率は計算できません。状況で判断してください"
                ),
                Vec::new(),
            );
        }
        if !final_year {
            let shown = result.pace_achievement.map_or_else(|| "—".to_string(), display::ratio);
            self.step(
                "pace_achievement",
                tr!("pace achievement against the expected value {e} = {shown}", "期待値 {e} に対する達成率 = {shown}"),
                Vec::new(),
            );
        }
        if judgement != Judgement::EveryYear {
            let symbol = comparator.symbol();
            let (status_en, status_ja) = (result.status.label(Lang::En), result.status.label(Lang::Ja));
            let status_text = if final_year {
                tr!("in the target year: A {a} {symbol} T {t}? → {status_en}", "目標年度: 実績 {a} {symbol} 目標 {t} か → {status_ja}")
            } else {
                tr!(
                    "before the target year: A {a} {symbol} E {e}? → {status_en}",
                    "目標年度の前: 実績 {a} {symbol} 期待値 {e} か → {status_ja}"
                )
            };
            self.step("status", status_text, Vec::new());
        }
        if let (Some(grade), Some(p)) = (&result.grade, result.pace_achievement) {
            let shown = display::ratio(p);
            self.step("grade", tr!("grade of {shown}: {grade}", "{shown} の評価: {grade}"), Vec::new());
        }
    }

    /// The pace value E for `year` (LANGUAGE.md §5).
    fn expected(
        &mut self,
        measured: &MeasuredDef,
        baseline: Option<Decimal>,
        schedule: &[(i32, Decimal)],
        year: i32,
    ) -> Result<Decimal, Stop> {
        let target = schedule.last().expect("a schedule has entries").1;
        let explaining = self.steps.is_some();
        if measured.aggregate == Aggregate::Total {
            let (value, done, all) = self.arith(figures::pro_rata(target, year, self.plan.period.0, measured.target_year))?;
            if !explaining {
                return Ok(value);
            }
            let shown = self.shown(value);
            self.step(
                "expected",
                tr!("expected (pro rata) = T × {done} / {all} years = {shown}", "期待値（年数按分） = 目標 × {done} / {all} 年 = {shown}"),
                Vec::new(),
            );
            return Ok(value);
        }
        if let Some((_, value)) = schedule.iter().find(|(y, _)| *y == year) {
            return Ok(*value);
        }
        let mut points: Vec<(i32, Decimal)> = Vec::new();
        if let (Some(base_year), Some(b)) = (measured.base_year, baseline) {
            if base_year < schedule[0].0 {
                points.push((base_year, b));
            }
        }
        points.extend_from_slice(schedule);
        let pace = self.arith(figures::pace(&points, year))?;
        let value = pace.value;
        if !explaining {
            return Ok(value);
        }
        if let Some(((y0, v0), (y1, v1))) = pace.between {
            let (en_year, ja_year) = (self.label(year), self.label_ja(year));
            let (s0, s1, shown) = (self.shown(v0), self.shown(v1), self.shown(value));
            let (l0, l1, j0, j1) = (self.label(y0), self.label(y1), self.label_ja(y0), self.label_ja(y1));
            self.step(
                "expected",
                tr!(
                    "expected value in {en_year} on the line from ({l0}, {s0}) to ({l1}, {s1}) = {shown}",
                    "{ja_year}の期待値（{j0} {s0} から {j1} {s1} への直線上） = {shown}"
                ),
                Vec::new(),
            );
            return Ok(value);
        }
        if baseline.is_none() && schedule.len() == 1 {
            self.step("expected", tr!("no baseline: expected value = target", "基準値がないため、期待値 = 目標"), Vec::new());
        }
        Ok(value)
    }

    /// The actual A: the value in `year`, or the total or mean over the period up to it.
    fn actual(&mut self, measured: &MeasuredDef, year: i32) -> Result<Decimal, Stop> {
        let value = self.series_value(self.this, year)?;
        let explaining = self.steps.is_some();
        match measured.aggregate {
            Aggregate::Value => {
                if explaining {
                    let shown = self.shown(value);
                    let (en, ja) = (self.label(year), self.label_ja(year));
                    self.step("actual", tr!("actual in {en} = {shown}", "{ja}の実績 = {shown}"), vec![self.input(self.this, year, value)]);
                }
                Ok(value)
            }
            Aggregate::Total | Aggregate::Average => {
                let mut sum = Decimal::ZERO;
                let mut count = 0i64;
                let mut missing = Vec::new();
                let mut inputs = Vec::new();
                for each in self.plan.period.0..=year {
                    match self.series_value(self.this, each) {
                        Ok(v) => {
                            sum = self.arith(figures::add(sum, v))?;
                            count += 1;
                            if explaining {
                                inputs.push(self.input(self.this, each, v));
                            }
                        }
                        Err(Stop::Missing { .. }) => missing.push(each),
                        Err(stop) => return Err(stop),
                    }
                }
                let value = if measured.aggregate == Aggregate::Total {
                    sum
                } else {
                    self.arith(figures::divide(sum, Decimal::from(count.max(1))))?
                };
                if !explaining {
                    return Ok(value);
                }
                let shown = self.shown(value);
                let (first, last) = (self.label(self.plan.period.0), self.label(year));
                let text = if measured.aggregate == Aggregate::Total {
                    tr!("actual = total over {first}..{last} = {shown}", "実績 = {first}〜{last} の合計 = {shown}")
                } else {
                    tr!(
                        "actual = mean over {first}..{last} ({count} years with data) = {shown}",
                        "実績 = {first}〜{last} の平均（データのある {count} 年度） = {shown}"
                    )
                };
                self.step("actual", text, inputs);
                if !missing.is_empty() {
                    let list = missing.iter().map(|y| self.label(*y)).collect::<Vec<_>>().join(", ");
                    self.step(
                        "actual",
                        tr!("years without data, not counted: {list}", "データのない年度（計算に含めず）: {list}"),
                        Vec::new(),
                    );
                }
                Ok(value)
            }
        }
    }

    fn stop(&mut self, result: &mut RuleResult, stop: Stop) {
        match stop {
            Stop::Missing { rule, year } => {
                if result.status != Status::Tbd {
                    result.status = Status::NoData;
                }
                let name = &self.plan.rule(rule).name;
                let (en, ja) = (self.label(year), self.label_ja(year));
                let message = tr!("no actual for `{name}` in {en}", "「{name}」の{ja}の実績がありません");
                self.step("status", message.clone(), Vec::new());
                result.message = Some(message);
            }
            Stop::Failed(diagnostic) => {
                result.status = Status::Error;
                result.message = Some(diagnostic.message.clone());
                result.diagnostic = Some(*diagnostic);
            }
        }
    }

    // ------------------------------------------------------------ expressions

    fn series_value(&self, rule: RuleId, year: i32) -> Value {
        if self.series.projected[rule.0].contains(&year) {
            self.read_projection.set(true);
        }
        self.series.cells[rule.0].get(&year).cloned().unwrap_or(Err(Stop::Missing { rule, year }))
    }

    /// An input of an explanation step: the value of `rule` in `year`, and where it came from.
    fn input(&self, rule: RuleId, year: i32, value: Decimal) -> StepInput {
        StepInput {
            rule,
            label: format!("{} {}", self.plan.rule(rule).name, self.label(year)),
            value,
            origin: self.series.origins.get(rule.0).and_then(|o| o.get(&year)).cloned(),
            projected: self.series.projected[rule.0].contains(&year),
        }
    }

    fn resolve(&self, name: &Option<shihyo_syntax::ast::Name>) -> RuleId {
        match name {
            None => self.this,
            Some(name) => self.plan.find_key(&name.key).expect("the checker resolved every name"),
        }
    }

    fn eval(&self, expr: &Expr, year: i32, inputs: &mut Option<&mut Vec<StepInput>>) -> Value {
        let read = |rule: RuleId, at: i32, inputs: &mut Option<&mut Vec<StepInput>>| -> Value {
            let value = self.series_value(rule, at)?;
            if let Some(inputs) = inputs {
                inputs.push(self.input(rule, at, value));
            }
            Ok(value)
        };
        match &expr.kind {
            ExprKind::Number(q) => Ok(q.value),
            ExprKind::Baseline(at) => {
                let base = match at {
                    Some(at) => at.year.number,
                    None => self.base_year().ok_or(Stop::Missing { rule: self.this, year })?,
                };
                read(self.this, base, inputs)
            }
            ExprKind::Value { name, year: at } => read(self.resolve(name), at.as_ref().map_or(year, |y| y.year.number), inputs),
            ExprKind::Series { function, name, range } => {
                let rule = self.resolve(&Some(name.clone()));
                let (first, last) = range.as_ref().map_or((self.plan.period.0, year), |r| (r.first.year.number, r.last.year.number));
                if first > last {
                    // The default range starts at the plan's first year: none before it.
                    return Err(Stop::Missing { rule, year: last });
                }
                let mut sum = Decimal::ZERO;
                let mut count = 0i64;
                for (at, value) in self.series.cells[rule.0].range(first..=last) {
                    let value = value.clone()?;
                    if let Some(inputs) = inputs {
                        inputs.push(self.input(rule, *at, value));
                    }
                    sum = self.checked(sum.checked_add(value), expr)?;
                    count += 1;
                }
                if count == 0 {
                    return Err(Stop::Missing { rule, year: last });
                }
                match function {
                    SeriesFunction::Sum => Ok(sum),
                    SeriesFunction::Avg => self.checked(sum.checked_div(Decimal::from(count)), expr),
                }
            }
            ExprKind::Extremum { function, args } => {
                let mut best: Option<Decimal> = None;
                for arg in args {
                    let value = self.eval(arg, year, inputs)?;
                    best = Some(match (best, function) {
                        (None, _) => value,
                        (Some(b), Extremum::Min) => b.min(value),
                        (Some(b), Extremum::Max) => b.max(value),
                    });
                }
                Ok(best.expect("min and max have two or more arguments"))
            }
            ExprKind::Round { value, digits } => {
                let value = self.eval(value, year, inputs)?;
                figures::round(value, *digits).ok_or_else(|| self.failure(expr, "E0301", overflow_message()))
            }
            ExprKind::Negate(inner) => Ok(-self.eval(inner, year, inputs)?),
            ExprKind::Paren(inner) => self.eval(inner, year, inputs),
            ExprKind::Binary { op, lhs, rhs } => {
                let left = self.eval(lhs, year, inputs)?;
                let right = self.eval(rhs, year, inputs)?;
                match op {
                    BinaryOp::Add => self.checked(left.checked_add(right), expr),
                    BinaryOp::Subtract => self.checked(left.checked_sub(right), expr),
                    BinaryOp::Multiply => self.checked(left.checked_mul(right), expr),
                    BinaryOp::Divide if right.is_zero() => Err(self.failure(expr, "E0302", tr!("division by zero", "0 で割っています"))),
                    BinaryOp::Divide => self.checked(left.checked_div(right), expr),
                }
            }
        }
    }

    fn base_year(&self) -> Option<i32> {
        match &self.plan.rule(self.this).spec {
            RuleSpec::Measured(m) => m.base_year,
            _ => self.plan.baseline,
        }
    }

    fn checked(&self, value: Option<Decimal>, expr: &Expr) -> Value {
        value.ok_or_else(|| self.failure(expr, "E0301", overflow_message()))
    }

    fn failure(&self, expr: &Expr, code: &'static str, message: Localized) -> Stop {
        let name = &self.plan.rule(self.this).name;
        let (en, ja) = (self.label(self.as_of), self.label_ja(self.as_of));
        let hint = tr!(
            "while evaluating `{name}` for {en}; the other rules are evaluated",
            "「{name}」を{ja}について計算中に起きました。他のルールは評価されています"
        );
        Stop::Failed(Box::new(Diagnostic::error(code, self.plan.file, expr.span.clone(), message).with_hint(hint)))
    }

    /// Checked arithmetic on figures that have no single source expression.
    fn figure_failure(&self, code: &'static str, message: Localized) -> Stop {
        let span = self.plan.rule(self.this).span.clone();
        Stop::Failed(Box::new(Diagnostic::error(code, self.plan.file, span, message)))
    }

    /// A formula's result, its failure as a diagnostic at the rule.
    fn arith<T>(&self, result: Result<T, Arith>) -> Result<T, Stop> {
        result.map_err(|failure| match failure {
            Arith::Overflow => self.figure_failure("E0301", overflow_message()),
            Arith::DivisionByZero => self.figure_failure("E0302", tr!("division by zero", "0 で割っています")),
        })
    }

    // ------------------------------------------------------------ explanation

    fn step(&mut self, field: &'static str, text: Localized, inputs: Vec<StepInput>) {
        if let Some(steps) = &mut self.steps {
            steps.push(Step { field, text, inputs });
        }
    }

    fn describe(&self, expr: &Expr, value: Decimal) -> Localized {
        let shown = self.shown(value);
        let written = self.plan.quote(&expr.span);
        if matches!(expr.kind, ExprKind::Number(_)) {
            return tr!("target: {written}", "目標: {written}");
        }
        tr!("target: {written} = {shown}", "目標: {written} = {shown}")
    }

    fn shown(&self, value: Decimal) -> String {
        display::quantity(value, &self.plan.rule(self.this).unit)
    }

    fn label(&self, year: i32) -> String {
        Year { number: year, calendar: self.plan.rule(self.this).calendar }.label()
    }

    fn label_ja(&self, year: i32) -> String {
        Year { number: year, calendar: self.plan.rule(self.this).calendar }.label_ja()
    }

    /// Several years as a list: `R4, R5` / `令和4年度・令和5年度`.
    fn years_label(&self, years: &[i32], japanese: bool) -> String {
        let labels: Vec<String> = years.iter().map(|y| if japanese { self.label_ja(*y) } else { self.label(*y) }).collect();
        labels.join(if japanese { "・" } else { ", " })
    }
}

fn overflow_message() -> Localized {
    tr!("the result is outside the exact decimal range (about ±7.9 × 10²⁸)", "計算結果が正確に扱える範囲（約 ±7.9×10²⁸）を超えました")
}

/// The grade of a pace achievement on the plan's scale.
pub fn grade_of(plan: &Plan, pace: Decimal) -> Option<String> {
    figures::grade_index(&plan.grades, pace).map(|index| plan.grades[index].name.clone())
}

fn composite(plan: &Plan, id: RuleId, mode: CompositeMode, members: &[&RuleResult], explain: bool) -> RuleResult {
    let mut result = RuleResult::new(id);
    let chosen = match mode {
        CompositeMode::Any => members.iter().min_by_key(|m| m.status.rank()),
        CompositeMode::All => members.iter().max_by_key(|m| m.status.rank()),
    };
    result.projected = members.iter().any(|m| m.projected);
    if let Some(chosen) = chosen {
        result.status = chosen.status;
        result.year = chosen.year;
        result.target_year = chosen.target_year;
    }
    let paces = members.iter().filter_map(|m| m.pace_achievement);
    result.pace_achievement = match mode {
        CompositeMode::Any => paces.max(),
        CompositeMode::All => paces.min(),
    };
    result.grade = result.pace_achievement.and_then(|p| grade_of(plan, p));
    if explain {
        let list = |lang: Lang| {
            let names: Vec<String> = members
                .iter()
                .map(|m| {
                    let (name, status) = (&plan.rule(m.id).name, m.status.label(lang));
                    match lang {
                        Lang::En => format!("{name} ({status})"),
                        Lang::Ja => format!("{name}（{status}）"),
                    }
                })
                .collect();
            names.join(if lang == Lang::Ja { "、" } else { ", " })
        };
        let (list_en, list_ja) = (list(Lang::En), list(Lang::Ja));
        result.steps.push(Step {
            field: "status",
            text: match mode {
                CompositeMode::Any => tr!("any: the best of {list_en}", "any（いずれか）: {list_ja} のうち最良"),
                CompositeMode::All => tr!("all: the worst of {list_en}", "all（すべて）: {list_ja} のうち最低"),
            },
            inputs: Vec::new(),
        });
    }
    result
}

fn rollup_group(plan: &Plan, group: &GroupDef, rules: &[RuleResult]) -> GroupResult {
    let mut result = GroupResult {
        path: group.path.clone(),
        counts: BTreeMap::new(),
        grade: None,
        groups: Vec::new(),
        rules: Vec::new(),
        pace_sum: (Decimal::ZERO, 0),
        worst_grade: None,
    };
    for child in &group.children {
        match child {
            GroupChild::Group(inner) => {
                let inner = rollup_group(plan, inner, rules);
                for (status, count) in &inner.counts {
                    *result.counts.entry(*status).or_insert(0) += count;
                }
                result.pace_sum = (result.pace_sum.0 + inner.pace_sum.0, result.pace_sum.1 + inner.pace_sum.1);
                result.worst_grade = result.worst_grade.max(inner.worst_grade);
                result.groups.push(inner);
            }
            GroupChild::Rule(id) => {
                let rule = &rules[id.0];
                *result.counts.entry(rule.status).or_insert(0) += 1;
                if let Some(pace) = rule.pace_achievement {
                    result.pace_sum = (result.pace_sum.0.checked_add(pace).unwrap_or(result.pace_sum.0), result.pace_sum.1 + 1);
                }
                let index = rule.grade.as_ref().and_then(|g| plan.grades.iter().position(|s| &s.name == g));
                result.worst_grade = result.worst_grade.max(index);
                result.rules.push(*id);
            }
        }
    }
    result.grade = match group.rollup {
        Rollup::Lowest => result.worst_grade.map(|index| plan.grades[index].name.clone()),
        Rollup::Average if result.pace_sum.1 > 0 => grade_of(plan, result.pace_sum.0 / Decimal::from(result.pace_sum.1)),
        Rollup::Average => None,
    };
    result
}
