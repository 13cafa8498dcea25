//! Each rule's spec: its kind, aggregate, comparator, target or schedule of targets, base and target years with the plan's defaults applied.

use super::references::expr_uses_bare_baseline;
use super::Checker;
use crate::model::*;
use shihyo_syntax::ast::{Comparison, Expr, Measured, Rule, RuleBody, Schedule, Target};
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Year};

impl Checker {
    pub(super) fn spec(&mut self, rule: &Rule, plan: &Plan) -> (RuleSpec, bool) {
        match &rule.body {
            RuleBody::Qualitative(_) => (RuleSpec::Qualitative, plan.calendar),
            RuleBody::Milestone { by } => (RuleSpec::Milestone { by: by.year.number }, by.year.calendar),
            RuleBody::Measured(measured) => {
                let base_year = measured.from.as_ref().map(|y| y.year.number).or(plan.baseline);
                let mut calendar = plan.calendar;
                for year in measured.from.iter().chain(if let Schedule::By(by) = &measured.schedule { Some(by) } else { None }) {
                    calendar = year.year.calendar;
                }
                if let (Some(from), Schedule::By(by)) = (&measured.from, &measured.schedule) {
                    if from.year.calendar != by.year.calendar {
                        self.error(
                            Code::E0215,
                            by.span.clone(),
                            tr!(
                                "`from` and `by` must both be fiscal years or both calendar years",
                                "`from` と `by` は、どちらも年度か、どちらも暦年で書きます"
                            ),
                        )
                        .hint = Some(tr!(
                            "write both as fiscal years (`from R1 by R7`) or both as calendar years (`from 2019年 by 2025年`)",
                            "両方を年度（`from R1 by R7`）か、両方を暦年（`from 2019年 by 2025年`）で書いてください"
                        ));
                    }
                }
                let comparison = measured.comparison.as_ref().map(|c| ComparisonDef {
                    comparator: c.comparator,
                    target: match &c.target {
                        Target::Tbd(_) => TargetDef::Tbd,
                        Target::Expr(expr) => TargetDef::Expr(expr.clone()),
                        Target::Schedule(entries, _) => {
                            TargetDef::Schedule(entries.iter().map(|(y, e)| (y.year.number, e.clone())).collect())
                        }
                    },
                });
                let schedule_end = match comparison.as_ref().map(|c| &c.target) {
                    Some(TargetDef::Schedule(entries)) => {
                        self.check_schedule(measured);
                        entries.last().map(|(year, _)| *year)
                    }
                    _ => None,
                };
                let every_year = matches!(measured.schedule, Schedule::EveryYear(_));
                if every_year && schedule_end.is_some() {
                    if let Schedule::EveryYear(span) = &measured.schedule {
                        self.error(
                            Code::E0214,
                            span.clone(),
                            tr!(
                                "`every year` takes one target, not a schedule of targets",
                                "`every year` の目標は一つです（年度別の目標とは併用できません）"
                            ),
                        )
                        .hint = Some(tr!(
                            "remove `every year` to keep the schedule, or write one target for every year (`>= 100% every year`)",
                            "年度別の目標を使うなら `every year` を消し、毎年度同じ目標なら一つだけ書いてください（`>= 100% every year`）"
                        ));
                    }
                }
                let target_year = match &measured.schedule {
                    Schedule::By(by) => by.year.number,
                    _ => schedule_end.unwrap_or(plan.period.1),
                };
                let uses_baseline = comparison.iter().flat_map(|c| c.target.exprs()).any(expr_uses_bare_baseline)
                    || measured.derivation.as_ref().is_some_and(expr_uses_bare_baseline);
                if uses_baseline && base_year.is_none() {
                    let shown = &rule.name.text;
                    self.error(
                        Code::E0210,
                        rule.name.span.clone(),
                        tr!(
                            "`{shown}` uses `baseline`, but has no base year",
                            "「{shown}」は `baseline` を使っていますが、基準年度がありません"
                        ),
                    )
                    .hint = Some(tr!(
                        "add `baseline R1` to the plan header, or `from R1` to this rule",
                        "計画の見出しに `baseline R1` を書くか、このルールに `from R1` を書いてください"
                    ));
                }
                // A base year must come before the target year. The plan's baseline only
                // matters to a rule after it: one due earlier has no pace line, unless it
                // reads `baseline` itself.
                let mut base_year = base_year;
                if let Some(base) = base_year.filter(|base| *base >= target_year) {
                    let place = match (&measured.from, &measured.schedule) {
                        (Some(from), _) => Some(from.span.clone()),
                        (None, Schedule::By(by)) if uses_baseline => Some(by.span.clone()),
                        _ => None,
                    };
                    match place {
                        Some(span) => {
                            let year = |number| Year { number, calendar };
                            self.base_year_too_late(span, year(base), year(target_year), false);
                        }
                        None => base_year = None,
                    }
                }
                (
                    RuleSpec::Measured(Box::new(MeasuredDef {
                        derivation: measured.derivation.clone(),
                        aggregate: measured.aggregate,
                        comparison,
                        base_year,
                        target_year,
                        every_year,
                    })),
                    calendar,
                )
            }
        }
    }

    pub(super) fn check_schedule(&mut self, measured: &Measured) {
        let Some(Comparison { target: Target::Schedule(entries, _), .. }) = &measured.comparison else { return };
        for pair in entries.windows(2) {
            if pair[1].0.year.number <= pair[0].0.year.number {
                self.error(
                    Code::E0212,
                    pair[1].0.span.clone(),
                    tr!("the years of a target schedule must increase", "年度別の目標は年度の順に書きます"),
                )
                .hint = Some(tr!(
                    "write the entries from the earliest year on: `{{ R5: 1,000, R7: 2,000 }}`",
                    "早い年度から順に書いてください：`{{ R5: 1,000, R7: 2,000 }}`"
                ));
            }
        }
    }
}

/// The years a rule names (for a plan without `period`).
pub(super) fn rule_years(rule: &Rule) -> Vec<i32> {
    let mut years = Vec::new();
    match &rule.body {
        RuleBody::Milestone { by } => years.push(by.year.number),
        RuleBody::Measured(m) => {
            if let Schedule::By(by) = &m.schedule {
                years.push(by.year.number);
            }
            if let Some(from) = &m.from {
                years.push(from.year.number);
            }
            if let Some(Comparison { target: Target::Schedule(entries, _), .. }) = &m.comparison {
                years.extend(entries.iter().map(|(y, _)| y.year.number));
            }
        }
        RuleBody::Qualitative(_) => {}
    }
    years
}

pub(super) fn target_exprs(measured: &MeasuredDef) -> Vec<&Expr> {
    match measured.comparison.as_ref().map(|c| &c.target) {
        Some(TargetDef::Expr(expr)) => vec![expr],
        Some(TargetDef::Schedule(entries)) => entries.iter().map(|(_, e)| e).collect(),
        _ => Vec::new(),
    }
}
