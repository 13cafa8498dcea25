//! Scenarios and simulations (LANGUAGE.md §6): what a `scenario` or
//! `simulation` block means once checked, and the projection of an
//! indicator's years after its last actual.
//!
//! A projection fills the years after an indicator's last actual up to the
//! plan's end: `grows 8% per year` compounds from the last actual, `grows 500件
//! per year` adds to it, `= V per year` sets each year, `trend` follows the
//! least-squares line through the actuals. `extends` starts from another
//! scenario's projections and replaces those it names again. The arithmetic
//! is exact; each projected value is rounded to [`PROJECTION_PLACES`]
//! decimal places so that long compound chains stay short and fast. Every
//! projected value is marked as such in the dataset, and so in every output.

use crate::check::convert;
use crate::data::{Actual, ActualValue, Dataset, Origin};
use crate::model::{Plan, RuleId, RuleSpec};
use crate::units::Unit;
use rust_decimal::{Decimal, RoundingStrategy};
use shihyo_syntax::ast::{self, Draw, Item, Method, Quantity};
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::{closest, tr, Diagnostic, FileId, Localized, Span};
use std::collections::HashMap;

/// Runs of a simulation that does not say `runs`.
pub const DEFAULT_RUNS: u64 = 10_000;
/// The most runs a simulation may ask for.
pub const MAX_RUNS: u64 = 10_000_000;
/// The runs a simulation may ask for.
pub const RUNS: std::ops::RangeInclusive<u64> = 1..=MAX_RUNS;
/// Decimal places a projected value is rounded to (half away from zero).
pub const PROJECTION_PLACES: u32 = 10;

/// A checked `scenario` or `simulation`, with what it extends already merged in.
#[derive(Clone, Debug)]
pub struct ScenarioDef {
    pub name: String,
    pub key: String,
    /// `Some` for a `simulation`.
    pub simulation: Option<SimulationDef>,
    /// One per projected indicator, in the order of the plan's rules.
    pub projections: Vec<ProjectionDef>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimulationDef {
    pub runs: u64,
    pub seed: u64,
}

#[derive(Clone, Debug)]
pub struct ProjectionDef {
    pub rule: RuleId,
    pub method: MethodDef,
    /// The projection as written (projected values point here).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum MethodDef {
    /// `grows X% per year`: each year is the year before × (1 + X).
    Compound(AmountDef),
    /// `grows V per year` (V in the indicator's unit): each year is the year before + V.
    Increment(AmountDef),
    /// `= V per year`.
    Level(AmountDef),
    /// `trend`.
    Trend,
}

impl MethodDef {
    pub fn amount(&self) -> Option<&AmountDef> {
        match self {
            MethodDef::Compound(amount) | MethodDef::Increment(amount) | MethodDef::Level(amount) => Some(amount),
            MethodDef::Trend => None,
        }
    }
}

/// An amount in base units (a ratio for `%`, 円 for money): fixed or drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountDef {
    /// Drawn once per run and held for every year (`steady`).
    pub steady: bool,
    pub draw: DrawDef,
}

/// An amount once checked, in base units.
pub type DrawDef = Draw<Decimal>;

/// The distribution's mean: what a deterministic evaluation of a simulation uses.
pub fn mean(draw: DrawDef) -> Decimal {
    match draw {
        DrawDef::Fixed(value) => value,
        DrawDef::Normal { mean, .. } => mean,
        DrawDef::Uniform { low, high } => (low + high) / Decimal::TWO,
        DrawDef::Triangular { low, mode, high } => (low + mode + high) / Decimal::from(3),
    }
}

/// The next year's value of a stepwise projection; `None` on overflow.
pub fn step(method: &MethodDef, previous: Decimal, amount: Decimal) -> Option<Decimal> {
    let next = match method {
        MethodDef::Compound(_) => previous.checked_mul(Decimal::ONE.checked_add(amount)?)?,
        MethodDef::Increment(_) => previous.checked_add(amount)?,
        MethodDef::Level(_) | MethodDef::Trend => amount,
    };
    Some(rounded(next))
}

fn rounded(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(PROJECTION_PLACES, RoundingStrategy::MidpointAwayFromZero)
}

/// The numeric actuals of one indicator, in year order.
pub fn numeric_actuals(data: &Dataset, rule: RuleId) -> impl Iterator<Item = (i32, Decimal)> + '_ {
    data[rule.0].iter().filter_map(|(year, actual)| match actual.value {
        ActualValue::Number(value) if !actual.projected => Some((*year, value)),
        _ => None,
    })
}

/// The least-squares line `y = intercept + slope × year` through the points; `None`
/// with fewer than two years or on overflow.
pub fn least_squares(points: &[(i32, Decimal)]) -> Option<(Decimal, Decimal)> {
    if points.len() < 2 {
        return None;
    }
    let count = Decimal::from(points.len());
    let mean_x = points.iter().try_fold(Decimal::ZERO, |sum, (x, _)| sum.checked_add(Decimal::from(*x)))?.checked_div(count)?;
    let mean_y = points.iter().try_fold(Decimal::ZERO, |sum, (_, y)| sum.checked_add(*y))?.checked_div(count)?;
    let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
    for (x, y) in points {
        let dx = Decimal::from(*x) - mean_x;
        sxy = sxy.checked_add(dx.checked_mul(y.checked_sub(mean_y)?)?)?;
        sxx = sxx.checked_add(dx.checked_mul(dx)?)?;
    }
    let slope = sxy.checked_div(sxx)?;
    Some((mean_y.checked_sub(slope.checked_mul(mean_x)?)?, slope))
}

/// Where a projection starts: the last actual (year and value), if any.
pub fn last_actual(data: &Dataset, rule: RuleId) -> Option<(i32, Decimal)> {
    numeric_actuals(data, rule).last()
}

/// The dataset with the scenario's projections added (each value drawn at its
/// distribution's mean), and notes on what could not be projected.
pub fn project(plan: &Plan, data: &Dataset, scenario: &ScenarioDef) -> (Dataset, Vec<Diagnostic>) {
    let mut projected = data.clone();
    let mut notes = Vec::new();
    let end = plan.period.1;
    for projection in &scenario.projections {
        let rule = plan.rule(projection.rule);
        let shown = &rule.name;
        let last = last_actual(data, projection.rule);
        let values: Result<Vec<(i32, Decimal)>, Localized> = match (&projection.method, last) {
            (MethodDef::Trend, _) => {
                let points: Vec<(i32, Decimal)> = numeric_actuals(data, projection.rule).collect();
                match least_squares(&points) {
                    None if points.len() < 2 => Err(tr!(
                        "`{shown}` needs actuals in two years or more for a trend: not projected",
                        "「{shown}」の趨勢には2年度以上の実績が必要です。見通しは立てていません"
                    )),
                    None => Err(overflow(shown)),
                    Some((intercept, slope)) => {
                        let first = points[points.len() - 1].0 + 1;
                        (first..=end)
                            .map(|year| {
                                slope
                                    .checked_mul(Decimal::from(year))
                                    .and_then(|v| v.checked_add(intercept))
                                    .map(|v| (year, rounded(v)))
                                    .ok_or_else(|| overflow(shown))
                            })
                            .collect()
                    }
                }
            }
            (MethodDef::Level(amount), last) => {
                let first = last.map_or(plan.period.0, |(year, _)| year + 1);
                Ok((first..=end).map(|year| (year, rounded(mean(amount.draw)))).collect())
            }
            (method, Some((last_year, mut value))) => {
                let amount = mean(method.amount().expect("stepwise methods have an amount").draw);
                let mut values = Vec::new();
                for year in last_year + 1..=end {
                    match step(method, value, amount) {
                        Some(next) => value = next,
                        None => {
                            notes.push(Diagnostic::error("E0301", plan.file, projection.span.clone(), overflow(shown)));
                            break;
                        }
                    }
                    values.push((year, value));
                }
                Ok(values)
            }
            (_, None) => Err(tr!(
                "`{shown}` has no actual to grow from: not projected",
                "「{shown}」には伸ばす元になる実績がありません。見通しは立てていません"
            )),
        };
        match values {
            Ok(values) => {
                let origin = Origin { file: plan.file, span: projection.span.clone() };
                for (year, value) in values {
                    let actual = Actual { value: ActualValue::Number(value), origin: origin.clone(), projected: true };
                    projected[projection.rule.0].insert(year, actual);
                }
            }
            Err(message) => notes.push(Diagnostic::warning("W0260", plan.file, projection.span.clone(), message)),
        }
    }
    (projected, notes)
}

fn overflow(shown: &str) -> Localized {
    tr!("projecting `{shown}` goes outside the exact decimal range", "「{shown}」の見通しが正確に扱える範囲を超えました")
}

// ---------------------------------------------------------------- checking

/// Checks every `scenario` and `simulation` of a file against the checked plan.
pub(crate) fn check(items: &[Item], plan: &Plan, file: FileId) -> (Vec<ScenarioDef>, Vec<Diagnostic>) {
    let mut checker = ScenarioChecker { plan, file, diagnostics: Vec::new() };
    let written: Vec<&ast::Scenario> = items.iter().filter_map(|item| if let Item::Scenario(s) = item { Some(s) } else { None }).collect();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (index, scenario) in written.iter().enumerate() {
        if let Some(&first) = by_key.get(scenario.name.key.as_str()) {
            let shown = &scenario.name.text;
            let diagnostic = Diagnostic::error(
                "E0256",
                file,
                scenario.name.span.clone(),
                tr!("the scenario `{shown}` is defined twice", "シナリオ「{shown}」が二度定義されています"),
            )
            .with_related(file, written[first].name.span.clone(), tr!("first defined here", "最初の定義"));
            checker.diagnostics.push(diagnostic);
        } else {
            by_key.insert(&scenario.name.key, index);
        }
    }
    let own: Vec<Vec<ProjectionDef>> = written.iter().map(|scenario| checker.projections(scenario)).collect();
    let mut defs = Vec::new();
    for (index, scenario) in written.iter().enumerate() {
        let Some(chain) = checker.chain(&written, &by_key, index) else { continue };
        // The furthest base first, so that each scenario replaces what it names again.
        let mut merged: Vec<ProjectionDef> = Vec::new();
        for &link in chain.iter().rev() {
            for projection in &own[link] {
                merged.retain(|p| p.rule != projection.rule);
                merged.push(projection.clone());
            }
        }
        merged.sort_by_key(|p| p.rule);
        let simulation = scenario.simulation.as_ref().map(|settings| checker.settings(settings));
        if simulation.is_none() {
            for projection in &merged {
                if projection.method.amount().is_some_and(|a| a.steady || !matches!(a.draw, DrawDef::Fixed(_))) {
                    let shown = &scenario.name.text;
                    checker.error(
                        "E0252",
                        projection.span.clone(),
                        tr!(
                            "a distribution is drawn only in a `simulation`, but `{shown}` is a `scenario`",
                            "分布から値を引くのは `simulation` だけですが、「{shown}」は `scenario` です"
                        ),
                    );
                }
            }
        }
        defs.push(ScenarioDef {
            name: scenario.name.text.clone(),
            key: scenario.name.key.clone(),
            simulation: simulation.flatten(),
            projections: merged,
            span: scenario.span.clone(),
        });
    }
    (defs, checker.diagnostics)
}

struct ScenarioChecker<'p> {
    plan: &'p Plan,
    file: FileId,
    diagnostics: Vec<Diagnostic>,
}

impl ScenarioChecker<'_> {
    fn error(&mut self, code: &'static str, span: Span, message: Localized) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The scenario and those it extends, nearest first; `None` (reported) when a
    /// base is unknown or the chain loops.
    fn chain(&mut self, written: &[&ast::Scenario], by_key: &HashMap<&str, usize>, start: usize) -> Option<Vec<usize>> {
        let mut chain = vec![start];
        let mut at = start;
        while let Some(base) = &written[at].extends {
            let Some(&next) = by_key.get(base.key.as_str()) else {
                let shown = &base.text;
                let suggestion = closest(&base.key, by_key.keys().copied()).map(str::to_string);
                let diagnostic = self.error(
                    "E0254",
                    base.span.clone(),
                    tr!("there is no scenario named `{shown}`", "「{shown}」というシナリオはありません"),
                );
                if let Some(s) = suggestion {
                    diagnostic.hint = Some(tr!("did you mean `{s}`?", "「{s}」のことですか？"));
                }
                return None;
            };
            if chain.contains(&next) {
                if start == next {
                    let shown = &written[start].name.text;
                    self.error(
                        "E0254",
                        base.span.clone(),
                        tr!("`{shown}` extends itself through `extends`", "「{shown}」が `extends` をたどって自分自身を拡張しています"),
                    );
                }
                return None;
            }
            if written[next].simulation.is_some() && written[start].simulation.is_none() {
                let shown = &base.text;
                self.error(
                    "E0254",
                    base.span.clone(),
                    tr!("a `scenario` cannot extend the simulation `{shown}`", "`scenario` はシミュレーション「{shown}」を拡張できません"),
                );
                return None;
            }
            chain.push(next);
            at = next;
        }
        Some(chain)
    }

    fn settings(&mut self, settings: &ast::SimulationSettings) -> Option<SimulationDef> {
        let runs = match &settings.runs {
            Some(quantity) => self.whole(quantity, "runs", 1, MAX_RUNS)?,
            None => DEFAULT_RUNS,
        };
        let seed = match &settings.seed {
            Some(quantity) => self.whole(quantity, "seed", 0, u64::MAX)?,
            None => 0,
        };
        Some(SimulationDef { runs, seed })
    }

    /// A whole number without unit between `low` and `high`.
    fn whole(&mut self, quantity: &Quantity, setting: &str, low: u64, high: u64) -> Option<u64> {
        let value = (quantity.unit == UnitLiteral::Plain && quantity.value.fract().is_zero())
            .then(|| u64::try_from(quantity.value.mantissa() / 10_i128.pow(quantity.value.scale())).ok())
            .flatten()
            .filter(|v| (low..=high).contains(v));
        if value.is_none() {
            self.error(
                "E0255",
                quantity.span.clone(),
                tr!("`{setting}` takes a whole number from {low} to {high}", "`{setting}` には {low} から {high} までの整数を書きます"),
            );
        }
        value
    }

    fn projections(&mut self, scenario: &ast::Scenario) -> Vec<ProjectionDef> {
        let mut defs: Vec<ProjectionDef> = Vec::new();
        for projection in &scenario.projections {
            let Some(rule) = self.projectable(&projection.name) else { continue };
            if let Some(first) = defs.iter().find(|p| p.rule == rule) {
                let shown = &projection.name.text;
                let diagnostic = Diagnostic::error(
                    "E0256",
                    self.file,
                    projection.name.span.clone(),
                    tr!("`{shown}` is projected twice in this scenario", "このシナリオで「{shown}」の見通しが二つあります"),
                )
                .with_related(self.file, first.span.clone(), tr!("the first projection", "一つ目の見通し"));
                self.diagnostics.push(diagnostic);
                continue;
            }
            let method = match &projection.method {
                Method::Trend(_) => Some(MethodDef::Trend),
                Method::Level(amount) => self.amount(amount, rule, false).map(|(amount, _)| MethodDef::Level(amount)),
                Method::Grows(amount) => {
                    self.amount(amount, rule, true).map(
                        |(amount, ratio)| {
                            if ratio {
                                MethodDef::Compound(amount)
                            } else {
                                MethodDef::Increment(amount)
                            }
                        },
                    )
                }
            };
            if let Some(method) = method {
                defs.push(ProjectionDef { rule, method, span: projection.span.clone() });
            }
        }
        defs
    }

    /// The rule a projection names, if it is an indicator with given actuals.
    fn projectable(&mut self, name: &ast::Name) -> Option<RuleId> {
        let shown = &name.text;
        let Some(id) = self.plan.find_key(&name.key) else {
            let suggestion = closest(&name.key, self.plan.names.keys().map(String::as_str))
                .and_then(|key| self.plan.find_key(key))
                .map(|id| self.plan.rule(id).name.clone());
            let diagnostic =
                self.error("E0211", name.span.clone(), tr!("there is no indicator named `{shown}`", "「{shown}」という指標はありません"));
            if let Some(s) = suggestion {
                diagnostic.hint = Some(tr!("did you mean `{s}`?", "「{s}」のことですか？"));
            }
            return None;
        };
        let problem = match &self.plan.rule(id).spec {
            RuleSpec::Measured(measured) if measured.derivation.is_some() => Some(tr!(
                "`{shown}` is derived: project the indicators it is computed from",
                "「{shown}」は派生指標です。計算の元になる指標の見通しを書いてください"
            )),
            RuleSpec::Measured(_) => None,
            _ => Some(tr!("`{shown}` has no numbers to project", "「{shown}」には見通しを立てる数値がありません")),
        };
        match problem {
            Some(message) => {
                self.error("E0250", name.span.clone(), message);
                None
            }
            None => Some(id),
        }
    }

    /// Reads an amount in the rule's base unit. A `grows` amount in `%` is a growth
    /// ratio (the second value is `true`); any other amount is in the rule's unit.
    fn amount(&mut self, amount: &ast::Amount, rule: RuleId, grows: bool) -> Option<(AmountDef, bool)> {
        let parameters = amount.draw.parameters();
        let ratio = grows && parameters.iter().all(|q| q.unit == UnitLiteral::Percent);
        let mut values = Vec::new();
        for quantity in &parameters {
            let value = if ratio { Ok(quantity.value) } else { self.in_unit(quantity, rule) };
            match value {
                Ok(value) => values.push(value),
                Err(message) => {
                    self.error("E0251", quantity.span.clone(), message);
                    return None;
                }
            }
        }
        let draw = match (&amount.draw, values.as_slice()) {
            (Draw::Fixed(_), [value]) => DrawDef::Fixed(*value),
            (Draw::Normal { sd, .. }, [mean, deviation]) => {
                if deviation.is_sign_negative() && !deviation.is_zero() {
                    self.error("E0253", sd.span.clone(), tr!("a standard deviation cannot be negative", "標準偏差は負にできません"));
                    return None;
                }
                DrawDef::Normal { mean: *mean, sd: *deviation }
            }
            (Draw::Uniform { .. }, [low, high]) => {
                if low > high {
                    self.order_error(&amount.span);
                    return None;
                }
                DrawDef::Uniform { low: *low, high: *high }
            }
            (Draw::Triangular { .. }, [low, mode, high]) => {
                if !(low <= mode && mode <= high) {
                    self.order_error(&amount.span);
                    return None;
                }
                DrawDef::Triangular { low: *low, mode: *mode, high: *high }
            }
            _ => return None,
        };
        Some((AmountDef { steady: amount.steady.is_some(), draw }, ratio))
    }

    fn order_error(&mut self, span: &Span) {
        self.error(
            "E0253",
            span.clone(),
            tr!("the bounds go from low to high (`low <= mode <= high`)", "範囲は小さい値から大きい値の順です（`low <= mode <= high`）"),
        );
    }

    fn in_unit(&self, quantity: &Quantity, rule: RuleId) -> Result<Decimal, Localized> {
        let def = self.plan.rule(rule);
        if quantity.unit == UnitLiteral::Percent && *def.unit() != Unit::Percent {
            let (shown, unit) = (&def.name, def.unit());
            return Err(tr!(
                "`{shown}` is in {unit}: a growth in % is written `grows 8% per year`, a level in {unit}",
                "「{shown}」の単位は{unit}です。% での伸びは `grows 8% per year`、水準は{unit}で書きます"
            ));
        }
        match convert(quantity.value, &quantity.unit, def)? {
            ActualValue::Number(value) => Ok(value),
            _ => unreachable!("a number converts to a number"),
        }
    }
}
