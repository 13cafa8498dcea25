//! The recorder that explains: it turns the evaluator's events into a report
//! row's steps (each figure, how it was computed and from which inputs, with
//! where each input was written), its message and its diagnostic, and notes
//! whether any value it read is a scenario's projection.

mod scale;

use super::compiled::Compiled;
use super::formulas::Arith;
use super::outcome::Outcome;
use super::record::{Event, Judgement, Recorder};
use super::table::{Failure, Fault, Table};
use crate::eval::{Step, StepInput};
use crate::model::data::Dataset;
use crate::model::units::{DisplayUnit, Unit};
use crate::model::{Plan, RuleId};
use crate::output::display;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{AchievementFormula, Aggregate, Comparator, CompositeMode, RuleFigure};
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Diagnostic, Lang, Localized, Year};

/// What a report keeps of one rule's evaluation besides its outcome.
#[derive(Default)]
pub(crate) struct Told {
    pub steps: Vec<Step>,
    pub message: Option<Localized>,
    pub diagnostic: Option<Diagnostic>,
    /// A value read by a single load (an actual, a baseline, `value(…)`; not a `sum`/`avg`, as
    /// the reference has it) is a scenario's projection, or computed from one.
    pub projected: bool,
}

/// Records a report row: its message, diagnostic and projection mark always, its steps when `explain`.
pub(crate) struct Explainer<'a> {
    plan: &'a Plan,
    compiled: &'a Compiled,
    data: &'a Dataset,
    explain: bool,
    this: RuleId,
    inputs: Vec<StepInput>,
    pub told: Told,
}

impl<'a> Explainer<'a> {
    pub fn new(plan: &'a Plan, compiled: &'a Compiled, data: &'a Dataset, explain: bool, this: RuleId) -> Explainer<'a> {
        Explainer { plan, compiled, data, explain, this, inputs: Vec::new(), told: Told::default() }
    }

    fn step(&mut self, field: &'static str, text: Localized, inputs: Vec<StepInput>) {
        if self.explain {
            self.told.steps.push(Step { field, text, inputs });
        }
    }

    fn shown(&self, value: Decimal) -> String {
        display::quantity_shown(value, &self.plan.rule(self.this).unit, self.plan.rates)
    }

    fn label(&self, year: i32) -> String {
        Year { number: year, calendar: self.plan.rule(self.this).calendar }.shown(self.plan.years)
    }

    fn label_ja(&self, year: i32) -> String {
        Year { number: year, calendar: self.plan.rule(self.this).calendar }.shown_ja(self.plan.years)
    }

    /// Several years as a list: `R4, R5` / `令和4年度・令和5年度`.
    fn years_label(&self, years: &[i32], japanese: bool) -> String {
        let labels: Vec<String> = years.iter().map(|y| if japanese { self.label_ja(*y) } else { self.label(*y) }).collect();
        labels.join(if japanese { "・" } else { ", " })
    }

    /// A value a figure is computed from, with where it was written.
    fn input_of(&self, table: &Table, rule: usize, year: i32, value: Decimal) -> StepInput {
        StepInput {
            rule: RuleId(rule),
            year: Year { number: year, calendar: self.plan.rules[rule].calendar },
            label: format!("{} {}", self.plan.rules[rule].name, self.label(year)),
            value,
            origin: self.data.get(rule).and_then(|years| years.get(&year)).map(|actual| actual.origin.clone()),
            location: None,
            projected: table.is_projected(rule, year),
        }
    }

    /// Breaks down every computed input of the steps: after the step that read a derived
    /// indicator's value, a `derivation` step gives its formula as written and the values
    /// it read in that year, themselves broken down in turn, so that every figure leads
    /// back to the data it came from.
    pub fn break_down(&mut self, table: &Table, stack: &mut Vec<Decimal>) {
        if !self.explain {
            return;
        }
        let mut explained: Vec<(RuleId, i32)> = Vec::new();
        let mut index = 0;
        while index < self.told.steps.len() {
            let computed: Vec<(RuleId, i32)> =
                self.told.steps[index].inputs.iter().filter(|input| input.origin.is_none()).map(|input| (input.rule, input.year.number)).collect();
            let mut at = index + 1;
            for (rule, year) in computed {
                if explained.contains(&(rule, year)) {
                    continue;
                }
                explained.push((rule, year));
                let mut reads = Reads::default();
                let Some(Ok(value)) = self.compiled.derivation_recorded(rule, table, year, stack, &mut reads) else { continue };
                let step = self.derivation(table, rule, year, value, reads);
                self.told.steps.insert(at, step);
                at += 1;
            }
            index += 1;
        }
    }

    /// The step of a derived indicator's value in a year: `x R5 = FORMULA = value`, from the
    /// values read (its inputs) and the rules' figures read (told with the formula).
    fn derivation(&self, table: &Table, rule: RuleId, year: i32, value: Decimal, reads: Reads) -> Step {
        let def = &self.plan.rules[rule.0];
        let formula = def.derivation().map_or("", |expr| self.plan.quote(&expr.span));
        let at = Year { number: year, calendar: def.calendar };
        let (name, en, ja) = (&def.name, at.shown(self.plan.years), at.shown_ja(self.plan.years));
        let shown = display::quantity_shown(value, &def.unit, self.plan.rates);
        let text = tr!("{name} {en} = {formula} = {shown}", "{name}（{ja}）= {formula} = {shown}");
        let text = match self.figures_read(&reads.figures, year) {
            Some(Localized { en: figures_en, ja: figures_ja }) => {
                let (text_en, text_ja) = (text.en, text.ja);
                tr!("{text_en}, where {figures_en}", "{text_ja}（{figures_ja}）")
            }
            None => text,
        };
        let inputs = reads.values.into_iter().map(|(rule, year, value)| self.input_of(table, rule, year, value)).collect();
        Step { field: "derivation", text, inputs }
    }

    /// The rules' figures a derivation read in `year`, as a list: `met("x") = 1, points("y") = 6`
    /// (a figure of another year names it: `achievement("x", R4) = 91%`); `None` if it read none.
    fn figures_read(&self, figures: &[(usize, RuleFigure, i32, Decimal)], year: i32) -> Option<Localized> {
        if figures.is_empty() {
            return None;
        }
        let each = |japanese: bool| -> Vec<String> {
            figures
                .iter()
                .map(|(rule, figure, at, value)| {
                    let name = &self.plan.rules[*rule].name;
                    let shown = display::quantity_shown(*value, &DisplayUnit::base(Unit::of_figure(*figure)), self.plan.rates);
                    let word = figure.word();
                    if *at == year {
                        format!("{word}(\"{name}\") = {shown}")
                    } else {
                        let at = if japanese { self.label_ja(*at) } else { self.label(*at) };
                        format!("{word}(\"{name}\", {at}) = {shown}")
                    }
                })
                .collect()
        };
        let (en, ja) = (each(false).join(", "), each(true).join("、"));
        Some(tr!("{en}", "{ja}"))
    }

    fn stopped(&mut self, fault: Fault) {
        match fault {
            Fault::Missing { rule, year } => {
                let name = &self.plan.rule(RuleId(rule as usize)).name;
                let (en, ja) = (self.label(year), self.label_ja(year));
                let message = tr!("no actual for `{name}` in {en}", "「{name}」の{ja}の実績がありません");
                self.step("status", message.clone(), Vec::new());
                self.told.message = Some(message);
            }
            Fault::Failed(failure) => {
                let diagnostic = failure_diagnostic(self.plan, self.compiled, failure);
                self.told.message = Some(diagnostic.message.clone());
                self.told.diagnostic = Some(diagnostic);
            }
        }
    }

    fn target(&mut self, span: &std::ops::Range<usize>, literal: bool, value: Decimal, dated: Option<i32>) {
        let inputs = std::mem::take(&mut self.inputs);
        let written = self.plan.quote(span);
        let shown = self.shown(value);
        let text = if literal {
            tr!("target: {written}", "目標: {written}")
        } else {
            tr!("target: {written} = {shown}", "目標: {written} = {shown}")
        };
        let text = match dated {
            Some(year) => {
                let (en, ja) = (self.label(year), self.label_ja(year));
                let (text_en, text_ja) = (text.en, text.ja);
                tr!("{en}: {text_en}", "{ja}: {text_ja}")
            }
            None => text,
        };
        self.step("target", text, inputs);
    }

    fn aggregate(
        &mut self,
        aggregate: Aggregate,
        (first, last): (i32, i32),
        value: Decimal,
        count: i64,
        missing: &[i32],
        counted: &[(i32, Decimal)],
    ) {
        let inputs = std::mem::take(&mut self.inputs);
        let shown = self.shown(value);
        let (from, to) = (self.label(first), self.label(last));
        let text = match aggregate {
            Aggregate::RecurringTotal => {
                // Each year's effect times the years it counts in: H18 1,100 × 3 + H19 1,200 × 2 + …
                let terms = counted.iter().map(|(year, v)| format!("{} {} × {}", self.label(*year), self.shown(*v), last - year + 1));
                let sum = terms.collect::<Vec<_>>().join(" + ");
                tr!(
                    "actual = each year's effect counted again in every year from it to {to}: {sum} = {shown}",
                    "実績 = 各年度の効果を、その年度から{to}まで毎年度数えた合計（継続効果）: {sum} = {shown}"
                )
            }
            Aggregate::Average => tr!(
                "actual = mean over {from}..{to} ({count} years with data) = {shown}",
                "実績 = {from}〜{to} の平均（データのある {count} 年度） = {shown}"
            ),
            Aggregate::Total | Aggregate::Value => {
                tr!("actual = total over {from}..{to} = {shown}", "実績 = {from}〜{to} の合計 = {shown}")
            }
        };
        self.step("actual", text, inputs);
        if !missing.is_empty() {
            let list = missing.iter().map(|y| self.label(*y)).collect::<Vec<_>>().join(", ");
            self.step("actual", tr!("years without data, not counted: {list}", "データのない年度（計算に含めず）: {list}"), Vec::new());
        }
    }

    /// The steps that explain the figures the evaluator computed.
    fn figures(&mut self, comparator: Comparator, o: &Outcome, judgement: Judgement) {
        let final_year = !matches!(judgement, Judgement::Pace | Judgement::YearTarget);
        let (Some(target), Some(actual), Some(expected)) = (o.target, o.actual, o.expected) else { return };
        let unit = &self.plan.rule(self.this).unit;
        let rates = self.plan.rates;
        let shown = |value| display::quantity_shown(value, unit, rates);
        let (a, t, e) = (shown(actual), shown(target), shown(expected));
        if let (Some(b), Some(p)) = (o.baseline, o.progress) {
            let bs = shown(b);
            let ps = display::ratio_shown(p, rates);
            self.step(
                "progress",
                tr!(
                    "progress = (A − B) / (T − B) = ({a} − {bs}) / ({t} − {bs}) = {ps}",
                    "進捗率 = (実績 − 基準値) / (目標 − 基準値) = ({a} − {bs}) / ({t} − {bs}) = {ps}"
                ),
                Vec::new(),
            );
        }
        if let (Judgement::YearTarget, Some(year)) = (judgement, o.year) {
            let (en, ja) = (self.label(year), self.label_ja(year));
            self.step(
                "achievement",
                tr!(
                    "{en} has its own target, {e}: the achievement is against it, not against the final target {t}",
                    "{ja}には年度の目標 {e} があるため、達成率は最終目標 {t} ではなくこの目標に対するものです"
                ),
                Vec::new(),
            );
        }
        let t = if judgement == Judgement::YearTarget { e.clone() } else { t };
        let formula = match (self.plan.achievement, comparator) {
            (AchievementFormula::Progress, _) if judgement == Judgement::YearTarget => tr!(
                "achievement = (A − B) / (T − B) against the year's target (the plan says `achievement progress`)",
                "達成率 = 年度の目標に対する (実績 − 基準値) / (目標 − 基準値)（計画の指定 `achievement progress`）"
            ),
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
        let shown = o.achievement.map_or_else(|| "—".to_string(), |v| display::ratio_shown(v, rates));
        let (formula_en, formula_ja) = (formula.en, formula.ja);
        self.step("achievement", tr!("{formula_en} = {shown}", "{formula_ja} = {shown}"), Vec::new());
        if o.achievement.is_none() && o.achievement_target.unwrap_or(target).is_zero() {
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
            let shown = o.pace_achievement.map_or_else(|| "—".to_string(), |v| display::ratio_shown(v, rates));
            self.step(
                "pace_achievement",
                tr!("pace achievement against the expected value {e} = {shown}", "期待値 {e} に対する達成率 = {shown}"),
                Vec::new(),
            );
        }
        if judgement != Judgement::EveryYear {
            let symbol = comparator.symbol();
            let (status_en, status_ja) = (o.status.label(Lang::En), o.status.label(Lang::Ja));
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
        self.scales(comparator, o);
    }

    fn composite(&mut self, mode: CompositeMode, members: &[usize], outcomes: &[Outcome]) {
        let list = |lang: Lang| {
            let names: Vec<String> = members
                .iter()
                .map(|m| {
                    let (name, status) = (&self.plan.rules[*m].name, outcomes[*m].status.label(lang));
                    match lang {
                        Lang::En => format!("{name} ({status})"),
                        Lang::Ja => format!("{name}（{status}）"),
                    }
                })
                .collect();
            names.join(if lang == Lang::Ja { "、" } else { ", " })
        };
        let (list_en, list_ja) = (list(Lang::En), list(Lang::Ja));
        let text = match mode {
            CompositeMode::Any => tr!("any: the best of {list_en}", "any（いずれか）: {list_ja} のうち最良"),
            CompositeMode::All => tr!("all: the worst of {list_en}", "all（すべて）: {list_ja} のうち最低"),
        };
        self.step("status", text, Vec::new());
    }
}

/// What a derivation reads, each once, in the order read: values, and rules' figures.
#[derive(Default)]
struct Reads {
    values: Vec<(usize, i32, Decimal)>,
    figures: Vec<(usize, RuleFigure, i32, Decimal)>,
}

impl Recorder for Reads {
    const ACTIVE: bool = true;
    fn read(&mut self, _: &Table, _: usize, _: i32) {}
    fn input(&mut self, _: &Table, rule: usize, year: i32, value: Decimal) {
        if !self.values.iter().any(|(r, y, _)| (*r, *y) == (rule, year)) {
            self.values.push((rule, year, value));
        }
    }
    fn figure(&mut self, _: &Table, rule: usize, figure: RuleFigure, year: i32, value: Decimal) {
        if !self.figures.iter().any(|(r, f, y, _)| (*r, *f, *y) == (rule, figure, year)) {
            self.figures.push((rule, figure, year, value));
        }
    }
    fn capture(&mut self) {}
    fn event(&mut self, _: Event<'_>) {}
}

impl Recorder for Explainer<'_> {
    const ACTIVE: bool = true;

    fn read(&mut self, table: &Table, rule: usize, year: i32) {
        self.told.projected |= table.is_projected(rule, year);
    }

    fn input(&mut self, table: &Table, rule: usize, year: i32, value: Decimal) {
        if !self.explain {
            return;
        }
        let input = self.input_of(table, rule, year, value);
        self.inputs.push(input);
    }

    fn figure(&mut self, _: &Table, _: usize, _: RuleFigure, _: i32, _: Decimal) {
        // A rule's own figures are not read by its targets (E0220); a derivation's are told
        // by its step (`break_down`).
    }

    fn capture(&mut self) {
        self.inputs.clear();
    }

    fn event(&mut self, event: Event<'_>) {
        // Without an explanation asked for, only what a report row shows is told (its message
        // and diagnostic); the steps are not worded, which is most of the cost of an event.
        let tells_the_row = matches!(event, Event::Stopped(_) | Event::EveryYearMissed { .. } | Event::EveryYearMissing { .. });
        if !self.explain && !tells_the_row {
            return;
        }
        match event {
            Event::HandGrade { year, grade } => {
                let (en, ja, grade) =
                    (self.label(year), self.label_ja(year), &self.plan.grades_of(self.plan.rule(self.this).scale)[grade].name);
                let text = tr!("hand grade of {en}: {grade}", "{ja}の評価: {grade}");
                self.step("grade", text, Vec::new());
            }
            Event::Milestone { by, done, as_of } => {
                let (by_en, by_ja) = (self.label(by), self.label_ja(by));
                let at = done.unwrap_or(as_of);
                let (en, ja) = (self.label(at), self.label_ja(at));
                let text = match done {
                    Some(_) => tr!("done in {en} (due by {by_en})", "{ja}に完了（期限 {by_ja}）"),
                    None => tr!("not done by {en} (due by {by_en})", "{ja}時点で未完了（期限 {by_ja}）"),
                };
                self.step("status", text, Vec::new());
            }
            Event::TargetTbd => self.step("target", tr!("the target is not decided yet (tbd)", "目標は未定です（tbd）"), Vec::new()),
            Event::Target { span, literal, value, dated } => self.target(span, literal, value, dated),
            Event::Actual { year, value } => {
                let inputs = std::mem::take(&mut self.inputs);
                let (shown, en, ja) = (self.shown(value), self.label(year), self.label_ja(year));
                self.step("actual", tr!("actual in {en} = {shown}", "{ja}の実績 = {shown}"), inputs);
            }
            Event::Aggregate { aggregate, first, last, value, count, missing, counted } => {
                self.aggregate(aggregate, (first, last), value, count, missing, counted)
            }
            Event::ProRata { done, all, value, recurring: false } => {
                let shown = self.shown(value);
                let text = tr!(
                    "expected (pro rata) = T × {done} / {all} years = {shown}",
                    "期待値（年数按分） = 目標 × {done} / {all} 年 = {shown}"
                );
                self.step("expected", text, Vec::new());
            }
            Event::ProRata { done, all, value, recurring: true } => {
                let shown = self.shown(value);
                let text = tr!(
                    "expected (an equal new effect each year, each counted again every later year) = T × {done} / {all} = {shown}",
                    "期待値（毎年度同じ額の新たな効果が、以後の年度も続くとして按分） = 目標 × {done} / {all} = {shown}"
                );
                self.step("expected", text, Vec::new());
            }
            Event::Pace { year, from: (y0, v0), to: (y1, v1), value } => {
                let (en_year, ja_year) = (self.label(year), self.label_ja(year));
                let (s0, s1, shown) = (self.shown(v0), self.shown(v1), self.shown(value));
                let (l0, l1, j0, j1) = (self.label(y0), self.label(y1), self.label_ja(y0), self.label_ja(y1));
                let text = tr!(
                    "expected value in {en_year} on the line from ({l0}, {s0}) to ({l1}, {s1}) = {shown}",
                    "{ja_year}の期待値（{j0} {s0} から {j1} {s1} への直線上） = {shown}"
                );
                self.step("expected", text, Vec::new());
            }
            Event::NoBaseline => {
                self.step("expected", tr!("no baseline: expected value = target", "基準値がないため、期待値 = 目標"), Vec::new())
            }
            Event::Figures { comparator, figures, judgement } => self.figures(comparator, figures, judgement),
            Event::EveryYearMissed { year } => {
                let (en, ja) = (self.label(year), self.label_ja(year));
                self.told.message = Some(tr!("missed the target in {en}", "{ja}に目標を下回りました"));
                self.step(
                    "status",
                    tr!("every year: the target was missed in {en}", "毎年度: {ja}に目標を達成できませんでした"),
                    Vec::new(),
                );
            }
            Event::EveryYearMissing { years } => {
                let (en, ja) = (self.years_label(years, false), self.years_label(years, true));
                self.told.message = Some(tr!("no actual for {en}", "{ja}の実績がありません"));
                self.step("status", tr!("every year: no actual for {en}", "毎年度: {ja}の実績がありません"), Vec::new());
            }
            Event::EveryYearMet { done: true } => {
                self.step("status", tr!("every year: every year meets the target", "毎年度: すべての年度で目標を満たしました"), Vec::new())
            }
            Event::EveryYearMet { done: false } => self.step(
                "status",
                tr!("every year: every year so far meets the target", "毎年度: これまでの各年度は目標を満たしています"),
                Vec::new(),
            ),
            Event::Stopped(fault) => self.stopped(fault),
            Event::Composite { mode, members, outcomes } => self.composite(mode, members, outcomes),
        }
    }
}

/// The diagnostic of a failure: at the expression that failed, with a hint of what
/// was being evaluated, or at the rule for a figure no expression computes.
pub(crate) fn failure_diagnostic(plan: &Plan, compiled: &Compiled, failure: Failure) -> Diagnostic {
    let (code, message) = match failure.kind {
        Arith::Overflow => (Code::E0301, overflow_message()),
        Arith::DivisionByZero => (Code::E0302, tr!("division by zero", "0 で割っています")),
    };
    let rule = plan.rule(RuleId(failure.rule as usize));
    match compiled.sites.get(failure.site as usize) {
        None => Diagnostic::error(code, plan.file, rule.span.clone(), message),
        Some(span) => {
            let name = &rule.name;
            let year = Year { number: failure.year, calendar: rule.calendar };
            let (en, ja) = (year.shown(plan.years), year.shown_ja(plan.years));
            let hint = tr!(
                "while evaluating `{name}` for {en}; the other rules are evaluated",
                "「{name}」を{ja}について計算中に起きました。他のルールは評価されています"
            );
            Diagnostic::error(code, plan.file, span.clone(), message).with_hint(hint)
        }
    }
}

fn overflow_message() -> Localized {
    tr!("the result is outside the exact decimal range (about ±7.9 × 10²⁸)", "計算結果が正確に扱える範囲（約 ±7.9×10²⁸）を超えました")
}
