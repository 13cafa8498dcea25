//! Every indicator's unit (declared, else its target's, else its derivation's, else its data's), and every expression's units checked to agree.

use super::references::walk;
use super::rules::target_exprs;
use super::Checker;
use crate::model::units::{DisplayUnit, Unit, UnitClash};
use crate::model::*;
use crate::read::RawEntry;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{BinaryOp, Expr, ExprKind, Measured, Name, Rule, RuleBody};
use shihyo_syntax::name_key;
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::Code;
use shihyo_syntax::{tr, CellValue, Diagnostic, Span};

impl Checker {
    pub(super) fn resolve_units(&mut self, plan: &mut Plan, data: &[RawEntry]) {
        let count = plan.rules.len();
        let mut units: Vec<Option<(DisplayUnit, Span)>> = vec![None; count];
        // Declared units.
        for (index, draft) in self.rules.iter().enumerate() {
            if let Some(Rule { body: RuleBody::Measured(Measured { unit: Some(clause), .. }), .. }) = &draft.ast {
                let unit = Unit::of_literal(&clause.unit);
                let scale = if let UnitLiteral::Yen { scale } = clause.unit { scale } else { Decimal::ONE };
                units[index] = Some((DisplayUnit { unit, scale, text: clause.text.clone() }, clause.span.clone()));
            }
        }
        // Targets (self-references unknown), derivations in dependency order, then data.
        let mut derived = vec![false; count];
        for id in &plan.derivation_order {
            derived[id.0] = true;
        }
        let order: Vec<RuleId> = (0..count).map(RuleId).filter(|id| !derived[id.0]).chain(plan.derivation_order.iter().copied()).collect();
        // The units known so far, kept beside `units` as each one is found.
        let mut known: Vec<Option<Unit>> = units.iter().map(|u| u.as_ref().map(|(d, _)| d.unit.clone())).collect();
        for id in order {
            let RuleSpec::Measured(measured) = &plan.rules[id.0].spec else { continue };
            let mut found: Vec<(Unit, Span)> = Vec::new();
            for expr in target_exprs(measured).into_iter().chain(measured.derivation.as_ref()) {
                match self.unit_of(expr, id, &known) {
                    Ok(Some(unit)) => found.push((unit, expr.span.clone())),
                    Ok(None) => {}
                    Err(diagnostic) => self.diagnostics.push(*diagnostic),
                }
            }
            if units[id.0].is_none() {
                if let Some((unit, span)) = found.into_iter().next() {
                    let shown = target_exprs(measured).into_iter().find_map(|expr| written_unit(expr, &unit));
                    known[id.0] = Some(unit.clone());
                    units[id.0] = Some((shown.unwrap_or_else(|| DisplayUnit::base(unit)), span));
                }
            }
        }
        for entry in data {
            let Some(&id) = self.names.get(&name_key(&entry.name)) else { continue };
            if units[id.0].is_some() {
                continue;
            }
            if let Some(CellValue::Number(_, literal)) = &entry.value {
                // `16O` is not in a unit O: the value is refused when it is read (E0232).
                if *literal != UnitLiteral::Plain && !Unit::of_literal(literal).is_letters_for_digits() {
                    units[id.0] = Some((DisplayUnit::of_literal(literal), entry.origin.span.clone()));
                }
            }
        }
        for (rule, unit) in plan.rules.iter_mut().zip(&units) {
            if let Some((unit, _)) = unit {
                rule.unit = unit.clone();
            }
        }
        self.bare_targets(plan);
        // Every target and derivation must agree with its indicator's unit.
        let known: Vec<Option<Unit>> = plan.rules.iter().map(|r| Some(r.unit().clone())).collect();
        for (index, (rule, declared)) in plan.rules.iter().zip(&units).enumerate() {
            let RuleSpec::Measured(measured) = &rule.spec else { continue };
            for expr in target_exprs(measured).into_iter().chain(measured.derivation.as_ref()) {
                match self.unit_of(expr, RuleId(index), &known) {
                    Ok(Some(unit)) => {
                        if rule.unit().unify(&unit).is_err() {
                            let indicator = rule.unit().clone();
                            let name = &rule.name;
                            let diagnostic = Diagnostic::error(
                                Code::E0240,
                                self.file,
                                expr.span.clone(),
                                tr!(
                                    "this is in {unit}, but `{name}` is in {indicator}",
                                    "この値の単位は{unit}ですが、「{name}」の単位は{indicator}です"
                                ),
                            )
                            .with_hint(tr!(
                                "write the target in {indicator}, or correct the rule's `unit` if {unit} is right",
                                "目標を{indicator}で書くか、{unit}が正しければルールの `unit` を直してください"
                            ));
                            let diagnostic = match declared {
                                Some((_, span)) if *span != expr.span => diagnostic.with_related(
                                    self.file,
                                    span.clone(),
                                    tr!("the unit comes from here", "単位はここで決まっています"),
                                ),
                                _ => diagnostic,
                            };
                            self.diagnostics.push(diagnostic);
                        }
                    }
                    Ok(None) => {}
                    Err(_) => {} // reported in the first pass
                }
            }
        }
    }

    /// E0242: a target that is a bare number in a `%` indicator or one shown in 千円, 万円…
    /// A bare number in a target is a ratio or 円, but a bare value in the data is in the
    /// indicator's unit, so `>= 80 unit %` would mean 8,000%: the unit must be written.
    fn bare_targets(&mut self, plan: &Plan) {
        for rule in &plan.rules {
            let RuleSpec::Measured(measured) = &rule.spec else { continue };
            let scaled = rule.unit.unit == Unit::Yen && rule.unit.scale != Decimal::ONE;
            if rule.unit.unit != Unit::Percent && !scaled {
                continue;
            }
            for expr in target_exprs(measured) {
                // Zero is zero in every unit.
                let Some(value) = bare_number(expr).filter(|v| !v.is_zero()) else { continue };
                let written_target = match (&measured.comparison, bare_number_is_whole_target(measured, expr)) {
                    (Some(c), true) => format!("{} ", c.comparator.symbol()),
                    _ => String::new(),
                };
                let (written, name, unit) = (plan.quote(&expr.span).trim(), &rule.name, &rule.unit.text);
                let (message, hint) = if scaled {
                    (
                        tr!(
                            "the target {written} has no unit, but `{name}` is shown in {unit}: is it {written}{unit}?",
                            "目標の {written} に単位がありませんが、「{name}」は{unit}で示す指標です。{written}{unit} のことですか"
                        ),
                        tr!(
                            "a bare number in a target is in 円, a bare value in the data in {unit}: write the unit (`{written_target}{written}{unit}`)",
                            "目標の単位なしの数は円、データの単位なしの値は{unit}で読みます。単位を書いてください（`{written_target}{written}{unit}`）"
                        ),
                    )
                } else {
                    let as_ratio = crate::model::units::ratio(value);
                    let question = if value.abs() <= Decimal::ONE {
                        tr!(
                            "is it {as_ratio} (the ratio {written}) or {written}%?",
                            "{as_ratio}（比率 {written}）と {written}% のどちらですか"
                        )
                    } else {
                        tr!("is it {written}%?", "{written}% のことですか")
                    };
                    let (question_en, question_ja) = (&question.en, &question.ja);
                    (
                        tr!(
                            "the target {written} has no unit, but `{name}` is in %: {question_en}",
                            "目標の {written} に単位がありませんが、「{name}」は % の指標です。{question_ja}"
                        ),
                        tr!(
                            "a bare number in a target is a ratio (0.8 = 80%), a bare value in the data a percent (80 = 80%): write the `%` (`{written_target}{written}%`)",
                            "目標の単位なしの数は比率（0.8 = 80%）、データの単位なしの値はパーセント（80 = 80%）で読みます。`%` を書いてください（`{written_target}{written}%`）"
                        ),
                    )
                };
                // The unit written after the number is the fix, where the hint names one unit
                // (a percentage of 1 or less could be meant as a ratio: the hint asks).
                let fix =
                    if scaled { Some(format!("{written}{unit}")) } else { (value.abs() > Decimal::ONE).then(|| format!("{written}%")) };
                let diagnostic = self.error(Code::E0242, expr.span.clone(), message);
                diagnostic.hint = Some(hint);
                diagnostic.fix = fix.map(|replacement| shihyo_syntax::Fix { span: expr.span.clone(), replacement });
            }
        }
    }

    /// The unit of an expression; `None` where it depends on a unit not yet known.
    pub(super) fn unit_of(&self, expr: &Expr, this: RuleId, known: &[Option<Unit>]) -> Result<Option<Unit>, Box<Diagnostic>> {
        let named = |name: &Option<Name>| -> Option<Unit> {
            match name {
                None => known[this.0].clone(),
                Some(name) => self.names.get(&name.key).and_then(|id| known[id.0].clone()),
            }
        };
        Ok(match &expr.kind {
            ExprKind::Number(q) => Some(Unit::of_literal(&q.unit)),
            ExprKind::Baseline(_) => known[this.0].clone(),
            ExprKind::Value { name, .. } => named(name),
            ExprKind::Series { name, .. } => named(&Some(name.clone())),
            ExprKind::Figure { figure, .. } => Some(Unit::of_figure(*figure)),
            ExprKind::Round { value, .. } => self.unit_of(value, this, known)?,
            ExprKind::Negate(inner) | ExprKind::Paren(inner) => self.unit_of(inner, this, known)?,
            ExprKind::Extremum { args, .. } => {
                let mut unit: Option<Unit> = None;
                for arg in args {
                    if let Some(next) = self.unit_of(arg, this, known)? {
                        unit = Some(match unit {
                            None => next,
                            Some(current) => current.unify(&next).map_err(|clash| self.clash(expr, "min/max", clash))?,
                        });
                    }
                }
                unit
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let left = self.unit_of(lhs, this, known)?;
                let right = self.unit_of(rhs, this, known)?;
                match (left, right) {
                    (Some(l), Some(r)) => Some(
                        match op {
                            BinaryOp::Add | BinaryOp::Subtract => l.unify(&r),
                            BinaryOp::Multiply => l.multiply(&r),
                            BinaryOp::Divide => l.divide(&r),
                        }
                        .map_err(|clash| self.clash(expr, op.symbol(), clash))?,
                    ),
                    (Some(known), None) | (None, Some(known)) => match op {
                        BinaryOp::Add | BinaryOp::Subtract if known != Unit::Plain => Some(known),
                        _ => None,
                    },
                    (None, None) => None,
                }
            }
        })
    }

    pub(super) fn clash(&self, expr: &Expr, op: &str, clash: UnitClash) -> Box<Diagnostic> {
        let UnitClash { left, right } = clash;
        let diagnostic = Diagnostic::error(
            Code::E0241,
            self.file,
            expr.span.clone(),
            tr!("cannot combine {left} and {right} with `{op}`", "{left}と{right}は `{op}` で組み合わせられません"),
        );
        Box::new(if (left == Unit::Percent) != (right == Unit::Percent) && (op == "+" || op == "-") {
            diagnostic
                .with_hint(tr!("to raise a value by 5%, multiply: `baseline * 105%`", "5%増やすには掛け算にします：`baseline * 105%`"))
        } else if op == "/" {
            diagnostic.with_hint(tr!(
                "`/` divides like by like (giving a %, `件` / `件`) or by a plain number or a %",
                "割り算は同じ単位どうし（結果は %、`件` / `件`）か、単位のない数や % で割ります"
            ))
        } else {
            diagnostic.with_hint(tr!(
                "`+`, `-` and `min`/`max` take values of one unit: `件` + `件`",
                "`+`・`-`・`min`/`max` は同じ単位どうしで計算します（`件` + `件`）"
            ))
        })
    }
}

/// Visits every sub-expression, without recursion limits beyond the parser's depth cap.
/// The unit of the first value of `unit` written in an expression, as written
/// (so a target of `1,200億円` is shown in 億円).
pub(super) fn written_unit(expr: &Expr, unit: &Unit) -> Option<DisplayUnit> {
    let mut shown = None;
    walk(expr, &mut |e| {
        if let ExprKind::Number(quantity) = &e.kind {
            if shown.is_none() && Unit::of_literal(&quantity.unit) == *unit {
                shown = Some(DisplayUnit::of_literal(&quantity.unit));
            }
        }
    });
    shown
}

/// Whether `expr` is the rule's whole target (not an entry of a schedule).
fn bare_number_is_whole_target(measured: &MeasuredDef, expr: &Expr) -> bool {
    matches!(&measured.comparison, Some(ComparisonDef { target: TargetDef::Expr(target), .. }) if std::ptr::eq(target, expr))
}

/// The value of a target that is a number without a unit (`80`, `(298,513)`, `-5`).
fn bare_number(expr: &Expr) -> Option<Decimal> {
    match &expr.kind {
        ExprKind::Number(q) if q.unit == UnitLiteral::Plain => Some(q.value),
        ExprKind::Paren(inner) => bare_number(inner),
        ExprKind::Negate(inner) => bare_number(inner).map(|v| -v),
        _ => None,
    }
}
