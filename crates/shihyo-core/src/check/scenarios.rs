//! Checking `scenario` and `simulation` blocks: names defined once, `extends`
//! chains without cycles, every projected indicator known and measured, amounts
//! in the indicator's unit, distributions only in simulations, runs and seed in
//! range.

use super::data::convert;
use crate::model::data::ActualValue;
use crate::model::scenario::{AmountDef, DrawDef, MethodDef, ProjectionDef, ScenarioDef, SimulationDef, DEFAULT_RUNS, MAX_RUNS};
use crate::model::units::Unit;
use crate::model::{Plan, RuleId, RuleSpec};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{self, Draw, Item, Method, Quantity};
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::Code;
use shihyo_syntax::{closest, tr, Diagnostic, FileId, Localized, Span};
use std::collections::HashMap;

/// Checks every `scenario` and `simulation` of a file against the checked plan.
pub(crate) fn check(items: &[Item], plan: &Plan, file: FileId) -> (Vec<ScenarioDef>, Vec<Diagnostic>) {
    let mut checker = ScenarioChecker { plan, file, diagnostics: Vec::new() };
    let written: Vec<&ast::Scenario> = items.iter().filter_map(|item| if let Item::Scenario(s) = item { Some(s) } else { None }).collect();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (index, scenario) in written.iter().enumerate() {
        if let Some(&first) = by_key.get(scenario.name.key.as_str()) {
            let shown = &scenario.name.text;
            let diagnostic = Diagnostic::error(
                Code::E0256,
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
                    checker
                        .error(
                            Code::E0252,
                            projection.span.clone(),
                            tr!(
                                "a distribution is drawn only in a `simulation`, but `{shown}` is a `scenario`",
                                "分布から値を引くのは `simulation` だけですが、「{shown}」は `scenario` です"
                            ),
                        )
                        .hint = Some(tr!(
                        "make it a `simulation` to draw, or give the scenario one amount (`grows 5% per year`)",
                        "値を引くなら `simulation` に、シナリオなら一つの量（`grows 5% per year`）にしてください"
                    ));
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
    fn error(&mut self, code: Code, span: Span, message: Localized) -> &mut Diagnostic {
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
                // Compared by key, suggested as written.
                let suggestion = closest(&base.key, by_key.keys().copied()).map(|key| written[by_key[key]].name.text.clone());
                let diagnostic = self.error(
                    Code::E0254,
                    base.span.clone(),
                    tr!("there is no scenario named `{shown}`", "「{shown}」というシナリオはありません"),
                );
                diagnostic.suggest_name(&base.span, shown, suggestion.as_deref());
                return None;
            };
            if chain.contains(&next) {
                if start == next {
                    let shown = &written[start].name.text;
                    self.error(
                        Code::E0254,
                        base.span.clone(),
                        tr!("`{shown}` extends itself through `extends`", "「{shown}」が `extends` をたどって自分自身を拡張しています"),
                    );
                }
                return None;
            }
            if written[next].simulation.is_some() && written[start].simulation.is_none() {
                let shown = &base.text;
                self.error(
                    Code::E0254,
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
                Code::E0255,
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
                    Code::E0256,
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
            let diagnostic = self.error(
                Code::E0211,
                name.span.clone(),
                tr!("there is no indicator named `{shown}`", "「{shown}」という指標はありません"),
            );
            diagnostic.suggest_name(&name.span, shown, suggestion.as_deref());
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
                self.error(Code::E0250, name.span.clone(), message);
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
                    self.error(Code::E0251, quantity.span.clone(), message);
                    return None;
                }
            }
        }
        let draw = match (&amount.draw, values.as_slice()) {
            (Draw::Fixed(_), [value]) => DrawDef::Fixed(*value),
            (Draw::Normal { sd, .. }, [mean, deviation]) => {
                if deviation.is_sign_negative() && !deviation.is_zero() {
                    self.error(Code::E0253, sd.span.clone(), tr!("a standard deviation cannot be negative", "標準偏差は負にできません"));
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
            Code::E0253,
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
