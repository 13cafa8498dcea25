//! Names in expressions resolved (an unknown name is an error with the closest one suggested), `baseline` without a base year, and the order of derived indicators (a cycle is an error naming it).

use super::Checker;
use crate::model::*;
use shihyo_syntax::ast::{Expr, ExprKind, Name, RuleFigure};
use shihyo_syntax::Code;
use shihyo_syntax::{closest, tr};

impl Checker {
    /// Every name an expression reads must be an indicator of the plan.
    pub(super) fn check_references(&mut self, spec: &RuleSpec) {
        let RuleSpec::Measured(measured) = spec else { return };
        let targets = || measured.comparison.iter().flat_map(|c| c.target.exprs());
        let exprs: Vec<&Expr> = measured.derivation.iter().chain(targets()).collect();
        // A rule's figures are read by derived indicators only: a target that read one would
        // judge that rule while judging its own.
        for expr in targets() {
            for (figure, name) in read_figures(expr) {
                let (function, shown) = (figure.word(), &name.text);
                self.error(
                    Code::E0220,
                    name.span.clone(),
                    tr!(
                        "a target cannot read `{function}(\"{shown}\")`: a rule's figures are read by a derived indicator",
                        "目標には `{function}(\"{shown}\")` を書けません。ルールの数値は派生指標の式で読みます"
                    ),
                )
                .hint = Some(tr!(
                    "derive it first: `indicator \"…\" = {function}(\"{shown}\")`, then set the target on that indicator",
                    "先に派生指標にしてください：`indicator \"…\" = {function}(\"{shown}\")`。その指標に目標を付けます"
                ));
            }
        }
        for expr in exprs {
            for (_, name) in read_figures(expr) {
                let judged = self
                    .names
                    .get(&name.key)
                    .is_none_or(|id| matches!(self.rules[id.0].def.spec, RuleSpec::Measured(_) | RuleSpec::Composite { .. }));
                if !judged {
                    let shown = &name.text;
                    self.error(
                        Code::E0220,
                        name.span.clone(),
                        tr!(
                            "`{shown}` is a milestone or a qualitative rule: it has no figures to read",
                            "「{shown}」はマイルストーンか定性的な指標で、読める数値がありません"
                        ),
                    );
                }
            }
            for name in referenced_names(expr) {
                match self.names.get(&name.key) {
                    Some(id) if matches!(self.rules[id.0].def.spec, RuleSpec::Composite { .. }) => {
                        let shown = &name.text;
                        self.error(
                            Code::E0211,
                            name.span.clone(),
                            tr!(
                                "`{shown}` is an `any`/`all` rule, not an indicator with values",
                                "「{shown}」は `any`/`all` のルールで、値を持つ指標ではありません"
                            ),
                        );
                    }
                    Some(_) => {}
                    None => self.unknown_name(name),
                }
            }
        }
    }

    pub(super) fn unknown_name(&mut self, name: &Name) {
        let suggestion = closest(&name.key, self.names.keys().map(String::as_str))
            .and_then(|key| self.names.get(key).map(|id| self.rules[id.0].def.name.clone()));
        let shown = &name.text;
        let diagnostic =
            self.error(Code::E0211, name.span.clone(), tr!("there is no indicator named `{shown}`", "「{shown}」という指標はありません"));
        diagnostic.suggest_name(&name.span, shown, suggestion.as_deref());
    }

    /// Orders derived indicators so each follows what it reads; reports cycles.
    pub(super) fn derivation_order(&mut self, plan: &Plan) -> Option<Vec<RuleId>> {
        let derived: Vec<RuleId> = (0..plan.rules.len()).map(RuleId).filter(|id| plan.rule(*id).derivation().is_some()).collect();
        let dependencies = |id: RuleId| -> Vec<RuleId> {
            let expr = plan.rule(id).derivation().expect("derived");
            let mut deps: Vec<RuleId> = referenced_names(expr).iter().filter_map(|n| self.names.get(&n.key).copied()).collect();
            // A rule's figures come from judging it: what its targets read comes first too.
            for (_, name) in read_figures(expr) {
                let Some(judged) = self.names.get(&name.key) else { continue };
                if let RuleSpec::Measured(m) = &plan.rule(*judged).spec {
                    let targets = m.comparison.iter().flat_map(|c| c.target.exprs());
                    deps.extend(targets.flat_map(referenced_names).filter_map(|n| self.names.get(&n.key).copied()));
                }
            }
            if expr_reads_self(expr) {
                deps.push(id);
            }
            deps.retain(|d| plan.rule(*d).derivation().is_some());
            deps
        };
        // Iterative depth-first search (no recursion: chains may be long).
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut marks = vec![Mark::New; plan.rules.len()];
        let mut order = Vec::new();
        for &start in &derived {
            if marks[start.0] != Mark::New {
                continue;
            }
            let mut stack: Vec<(RuleId, Vec<RuleId>)> = vec![(start, dependencies(start))];
            marks[start.0] = Mark::Open;
            while let Some((node, pending)) = stack.last_mut() {
                let node = *node;
                match pending.pop() {
                    Some(next) => match marks[next.0] {
                        Mark::New => {
                            marks[next.0] = Mark::Open;
                            let deps = dependencies(next);
                            stack.push((next, deps));
                        }
                        Mark::Open => {
                            let position = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                            let cycle: Vec<String> = stack[position..]
                                .iter()
                                .map(|(n, _)| plan.rule(*n).name.clone())
                                .chain(std::iter::once(plan.rule(next).name.clone()))
                                .collect();
                            let chain = cycle.join(" → ");
                            let span = plan.rule(next).span.clone();
                            self.error(
                                Code::E0213,
                                span,
                                tr!("derived indicators form a cycle: {chain}", "派生指標が循環しています: {chain}"),
                            )
                            .hint = Some(tr!(
                                "a derived indicator cannot depend on itself, directly or through others",
                                "派生指標は、直接にも間接にも自分自身を参照できません"
                            ));
                            return None;
                        }
                        Mark::Done => {}
                    },
                    None => {
                        marks[node.0] = Mark::Done;
                        order.push(node);
                        stack.pop();
                    }
                }
            }
        }
        Some(order)
    }
}

pub(super) fn walk<'e>(expr: &'e Expr, visit: &mut dyn FnMut(&'e Expr)) {
    visit(expr);
    match &expr.kind {
        ExprKind::Round { value, .. } => walk(value, visit),
        ExprKind::Negate(inner) | ExprKind::Paren(inner) => walk(inner, visit),
        ExprKind::Extremum { args, .. } => args.iter().for_each(|a| walk(a, visit)),
        ExprKind::Binary { lhs, rhs, .. } => {
            walk(lhs, visit);
            walk(rhs, visit);
        }
        ExprKind::Number(_) | ExprKind::Baseline(_) | ExprKind::Value { .. } | ExprKind::Series { .. } | ExprKind::Figure { .. } => {}
    }
}

pub(super) fn referenced_names(expr: &Expr) -> Vec<&Name> {
    let mut names = Vec::new();
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Value { name: Some(name), .. } | ExprKind::Series { name, .. } | ExprKind::Figure { name, .. } => names.push(name),
        _ => {}
    });
    names
}

/// The rules' figures an expression reads (`achievement("name")`).
pub(super) fn read_figures(expr: &Expr) -> Vec<(RuleFigure, &Name)> {
    let mut figures = Vec::new();
    walk(expr, &mut |e| {
        if let ExprKind::Figure { figure, name, .. } = &e.kind {
            figures.push((*figure, name));
        }
    });
    figures
}

pub(super) fn expr_uses_bare_baseline(expr: &Expr) -> bool {
    let mut found = false;
    walk(expr, &mut |e| found |= matches!(e.kind, ExprKind::Baseline(None)));
    found
}

/// Whether an expression reads its own indicator (`value()`, `baseline`).
pub(super) fn expr_reads_self(expr: &Expr) -> bool {
    let mut found = false;
    walk(expr, &mut |e| found |= matches!(e.kind, ExprKind::Baseline(_) | ExprKind::Value { name: None, .. }));
    found
}
