//! The plan's scales (reference §5.2): its grades and its points, each step's test
//! read into [`Condition`]s. A threshold (`B >= 80%`) is a condition on the pace
//! achievement; a ratio is compared with a percentage, an actual with the rule's own
//! target, baseline or expected value, points with a number. Only the last step may
//! have no test, and steps written as thresholds go from the highest down. A group's own
//! scales stand over the plan's for its rules and inner groups.

use super::Checker;
use crate::model::scale::{pace_threshold, Against, Condition};
use crate::model::units;
use crate::model::{Grade, GroupChild, GroupDef, Plan, PointStep, Scale};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{self, Comparator, Figure, Quantity, Rollup, ScaleStep, StepTest};
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Span};
use std::collections::HashMap;

/// Which scale a step belongs to, for what its conditions may read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `grades { … }`; `points` may be read when the plan has a points scale.
    Grades { points: bool },
    /// `points { … }`, which cannot read points.
    Points,
}

impl Checker {
    /// The grade scale; `points` tells whether the plan also has a points scale.
    pub(super) fn grades(&mut self, steps: &[ast::GradeStep], span: &Span, points: bool) -> Vec<Grade> {
        let mut grades: Vec<Grade> = Vec::new();
        for (index, step) in steps.iter().enumerate() {
            let when = self.step_test(step, index + 1 == steps.len(), Kind::Grades { points });
            if grades.iter().any(|g| g.name == step.label.text) {
                let this = &step.label.text;
                self.error(
                    Code::E0203,
                    step.label.span.clone(),
                    tr!("the grade `{this}` is written twice", "評価の段階「{this}」が二度書かれています"),
                )
                .hint = Some(tr!(
                    "give each grade its own name: `A >= 100%, B >= 80%, C`",
                    "段階ごとに別の名前にしてください：`A >= 100%, B >= 80%, C`"
                ));
            }
            let previous = grades.last().map(|g| (g.name.clone(), pace_threshold(&g.when)));
            if let (Some((above, Some((_, higher)))), Some((_, ratio))) = (previous, pace_threshold(&when)) {
                if ratio > higher {
                    let (this, shown, shown_higher) = (&step.label.text, units::ratio(ratio), units::ratio(higher));
                    self.error(
                        Code::E0203,
                        step.span.clone(),
                        tr!(
                            "grades go from the highest threshold down: `{this}` ({shown}) cannot come after `{above}` ({shown_higher})",
                            "評価は基準の高い順に書きます。「{this}」（{shown}）は「{above}」（{shown_higher}）の後に置けません"
                        ),
                    );
                }
            }
            grades.push(Grade { name: step.label.text.clone(), when });
        }
        if grades.is_empty() {
            self.error(Code::E0203, span.clone(), tr!("`grades` needs at least one grade", "`grades` には評価が一つ以上必要です"));
        }
        grades
    }

    /// Reads the scales groups write, each over the scale above it, gives every group and
    /// rule the scale it grades by, and checks each `rollup average` against its group's scale.
    pub(super) fn group_scales(&mut self, root: &mut GroupDef, plan: &mut Plan) {
        let mut by_path = HashMap::new();
        self.scales_below(root, None, plan, &mut by_path);
        for draft in &mut self.rules {
            draft.def.scale = draft.def.group_path.as_ref().and_then(|path| by_path.get(path).copied().flatten());
        }
        let mut averaged = Vec::new();
        averaged_groups(root, &mut averaged);
        let mut reported: Vec<Span> = Vec::new();
        for (path, scale) in averaged {
            let rule_only = |c: &&Condition| !matches!(c.figure, Figure::Pace | Figure::Points);
            let grades = plan.grades_of(scale);
            let Some((grade, condition)) = grades.iter().find_map(|g| g.when.iter().find(rule_only).map(|c| (g.name.clone(), *c))) else {
                continue;
            };
            // Where the group says `rollup average`, else where the header does (for the summary too).
            let written = self.average_rollups.iter().find(|(at, _)| at.as_deref() == path.as_deref());
            let Some(span) = written.or_else(|| self.average_rollups.iter().find(|(at, _)| at.is_none())).map(|(_, span)| span.clone())
            else {
                continue;
            };
            if reported.contains(&span) {
                continue;
            }
            reported.push(span.clone());
            let word = condition.figure.word();
            self.error(
                Code::E0203,
                span,
                tr!(
                    "`rollup average` grades a group by its rules' mean pace achievement and mean points, but the grade `{grade}` tests `{word}`, which a group does not have",
                    "`rollup average` はグループを指標の期待値比の平均と点数の平均で評価しますが、評価「{grade}」はグループにない `{word}` を条件にしています"
                ),
            )
            .hint = Some(tr!(
                "grade groups by their lowest grade (`rollup lowest`), or give points and grade by them: `points {{ 4 when actual >= target, … }}` with `grades {{ A when points >= 3.5, … }}`",
                "グループは最も低い評価で評価する（`rollup lowest`）か、点数を付けてそれで評価してください：`points {{ 4 when actual >= target, … }}` と `grades {{ A when points >= 3.5, … }}`"
            ));
        }
    }

    /// Gives `group` and the groups below it their scales: a group's own, read over the one it inherits.
    fn scales_below(
        &mut self,
        group: &mut GroupDef,
        inherited: Option<usize>,
        plan: &mut Plan,
        by_path: &mut HashMap<String, Option<usize>>,
    ) {
        group.scale = inherited;
        if let Some(own) = self.group_scales.remove(&group.path) {
            let points = match own.points {
                Some(steps) => self.points(&steps),
                None => plan.points_of(inherited).to_vec(),
            };
            let grades = match own.grades {
                Some((steps, span)) => self.grades(&steps, &span, !points.is_empty()),
                None => plan.grades_of(inherited).to_vec(),
            };
            plan.scales.push(Scale { grades, points });
            group.scale = Some(plan.scales.len() - 1);
        }
        by_path.insert(group.path.clone(), group.scale);
        for child in &mut group.children {
            if let GroupChild::Group(inner) = child {
                self.scales_below(inner, group.scale, plan, by_path);
            }
        }
    }

    /// The points scale.
    pub(super) fn points(&mut self, steps: &[ast::PointStep]) -> Vec<PointStep> {
        let mut scale = Vec::new();
        for (index, step) in steps.iter().enumerate() {
            let when = self.step_test(step, index + 1 == steps.len(), Kind::Points);
            if step.label.unit != UnitLiteral::Plain {
                self.error(
                    Code::E0203,
                    step.label.span.clone(),
                    tr!("points are a plain number: `7 >= 100%`", "点数は単位のない数で書きます：`7 >= 100%`"),
                );
            }
            scale.push(PointStep { points: step.label.value, when });
        }
        scale
    }

    fn step_test<Label>(&mut self, step: &ScaleStep<Label>, last: bool, scale: Kind) -> Vec<Condition> {
        match &step.test {
            Some(StepTest::Threshold(comparator, quantity)) => vec![Condition::pace(*comparator, self.percentage(quantity))],
            Some(StepTest::When(conditions)) => conditions.iter().map(|c| self.condition(c, scale)).collect(),
            None => {
                if !last {
                    let message = match scale {
                        Kind::Grades { .. } => tr!("only the last grade may have no threshold", "基準のない評価は最後にだけ書けます"),
                        Kind::Points => tr!("only the last points may have no threshold", "基準のない点数は最後にだけ書けます"),
                    };
                    self.error(Code::E0203, step.span.clone(), message);
                }
                Vec::new()
            }
        }
    }

    fn condition(&mut self, condition: &ast::Condition, scale: Kind) -> Condition {
        let figure = condition.figure;
        let word = figure.word();
        let against = match (&condition.against, figure) {
            (ast::Against::Benchmark(benchmark, factor), Figure::Actual) => {
                let factor = factor.as_ref().map_or(Decimal::ONE, |factor| self.factor(factor));
                Against::Benchmark(*benchmark, factor)
            }
            (ast::Against::Value(quantity), Figure::Actual) => {
                self.error(
                    Code::E0203,
                    quantity.span.clone(),
                    tr!(
                        "an actual is compared with the rule's own `target`, `baseline` or `expected` value (units differ from rule to rule)",
                        "実績は各ルールの `target`・`baseline`・`expected` と比べます（単位はルールごとに違います）"
                    ),
                )
                .hint = Some(tr!("for example `actual >= baseline * 90%`", "例：`actual >= baseline * 90%`"));
                Against::Value(quantity.value)
            }
            (ast::Against::Benchmark(..), _) => {
                self.error(
                    Code::E0203,
                    condition.span.clone(),
                    tr!(
                        "`{word}` is compared with a number; `target`, `baseline` and `expected` go with `actual`",
                        "`{word}` は数値と比べます。`target`・`baseline`・`expected` は `actual` と比べます"
                    ),
                );
                Against::Value(Decimal::ZERO)
            }
            (ast::Against::Value(quantity), Figure::Points) => {
                if scale != (Kind::Grades { points: true }) {
                    let message = match scale {
                        Kind::Points => tr!("a points step cannot test points", "点数の段階では点数を条件にできません"),
                        Kind::Grades { .. } => tr!(
                            "`points` needs the plan's points scale: `points {{ 7 >= 100%, … }}`",
                            "`points` には計画の点数の段階が必要です：`points {{ 7 >= 100%, … }}`"
                        ),
                    };
                    self.error(Code::E0203, condition.span.clone(), message);
                }
                if quantity.unit != UnitLiteral::Plain {
                    self.error(Code::E0203, quantity.span.clone(), tr!("points are a plain number", "点数は単位のない数で書きます"));
                }
                Against::Value(quantity.value)
            }
            (ast::Against::Value(quantity), _) => Against::Value(self.percentage(quantity)),
        };
        Condition { figure, comparator: condition.comparator, against }
    }

    /// A threshold on a ratio: a percentage, a bare number meaning percent (`80` is 80%).
    fn percentage(&mut self, quantity: &Quantity) -> Decimal {
        match quantity.unit {
            UnitLiteral::Percent => quantity.value,
            UnitLiteral::Plain => quantity.value / Decimal::ONE_HUNDRED,
            _ => {
                self.error(Code::E0203, quantity.span.clone(), tr!("a grade threshold is a percentage", "評価の基準は百分率で書きます"));
                quantity.value
            }
        }
    }

    /// The factor of `baseline * 90%`: a percentage, or a plain multiplier (`baseline * 0.9`).
    fn factor(&mut self, quantity: &Quantity) -> Decimal {
        if !matches!(quantity.unit, UnitLiteral::Percent | UnitLiteral::Plain) {
            self.error(
                Code::E0203,
                quantity.span.clone(),
                tr!("a factor is a percentage: `baseline * 90%`", "掛ける数は百分率で書きます：`baseline * 90%`"),
            );
        }
        quantity.value
    }
}

/// The groups graded by `rollup average`, by path (`None`: the whole plan), with their scales.
fn averaged_groups(group: &GroupDef, out: &mut Vec<(Option<String>, Option<usize>)>) {
    if group.rollup == Rollup::Average {
        out.push(((!group.path.is_empty()).then(|| group.path.clone()), group.scale));
    }
    for child in &group.children {
        if let GroupChild::Group(inner) = child {
            averaged_groups(inner, out);
        }
    }
}

/// The default scale, `A >= 100%, B >= 80%, C >= 60%, D`.
pub(super) fn default_grades() -> Vec<Grade> {
    let step = |name: &str, percent: i64| Grade {
        name: name.to_string(),
        when: vec![Condition::pace(Comparator::AtLeast, Decimal::new(percent, 2))],
    };
    vec![step("A", 100), step("B", 80), step("C", 60), Grade { name: "D".to_string(), when: Vec::new() }]
}
