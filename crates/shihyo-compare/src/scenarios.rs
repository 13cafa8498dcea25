//! Scenarios side by side: the plan evaluated on the actuals alone and under
//! each scenario (on the actuals plus its projections), every rule's actual,
//! status and grade in each, and a summary written from the figures — how many
//! targets each reaches, which targets one scenario reaches and another misses
//! and by how much, and the overall grade under each.

use rust_decimal::Decimal;
use shihyo_core::model::scenario::ScenarioDef;
use shihyo_core::model::units::quantity_shown;
use shihyo_core::model::{Plan, RuleId, RuleSpec, TargetDef};
use shihyo_core::syntax::ast::Comparator;
use shihyo_core::syntax::{tr, Diagnostic, Lang};
use shihyo_core::{Options, Project, Report, Status};

/// One column: the actuals alone (`scenario` none) or a scenario, evaluated.
pub struct Column {
    /// Index in the plan's scenarios.
    pub scenario: Option<usize>,
    /// The plan evaluated in this column: on the actuals alone, or on the actuals plus the scenario's projections.
    pub report: Report,
    /// What the scenario could not project.
    pub notes: Vec<Diagnostic>,
}

/// Evaluates the actuals alone, then each scenario. Without `as_of`, the actuals alone are
/// evaluated as of the latest year with data, a scenario as of the plan's last year (as `eval`).
pub fn evaluate(project: &Project, scenarios: &[&ScenarioDef], as_of: Option<i32>) -> Vec<Column> {
    let options = Options { as_of, explain: false };
    let mut columns = vec![Column { scenario: None, report: project.evaluate(options), notes: Vec::new() }];
    for scenario in scenarios {
        let index = project.plan.scenarios.iter().position(|s| s.key == scenario.key);
        let as_of = Some(as_of.unwrap_or(project.plan.period.1));
        let (report, notes) = project.evaluate_scenario(scenario, Options { as_of, explain: false });
        columns.push(Column { scenario: index, report, notes });
    }
    columns
}

/// A column's name: the scenario's, or "actuals alone".
pub fn column_name(plan: &Plan, column: &Column, lang: Lang) -> String {
    match column.scenario {
        Some(index) => plan.scenarios[index].name.clone(),
        None => tr!("actuals alone", "実績のみ").get(lang).to_string(),
    }
}

/// A column's name in a sentence: a scenario's quoted (`` `現状趨勢` ``, 「現状趨勢」).
fn quoted_name(plan: &Plan, column: &Column, lang: Lang) -> String {
    match (column.scenario, lang) {
        (None, _) => column_name(plan, column, lang),
        (Some(index), Lang::En) => format!("`{}`", plan.scenarios[index].name),
        (Some(index), Lang::Ja) => format!("「{}」", plan.scenarios[index].name),
    }
}

/// Whether a status counts as reaching the target (or being on the way to it).
fn reaches(status: Status) -> bool {
    matches!(status, Status::Achieved | Status::Done | Status::OnTrack)
}

/// The rules a comparison shows: those the summary counts (not the members of `any`/`all`).
pub fn shown_rules(plan: &Plan) -> impl Iterator<Item = RuleId> + '_ {
    (0..plan.rules.len()).map(RuleId).filter(|id| plan.rule(*id).parent.is_none())
}

/// Whether a rule has a target to reach: a numeric one that is not `tbd`, a milestone's year, an `any`/`all`.
fn has_target(plan: &Plan, id: RuleId) -> bool {
    match &plan.rule(id).spec {
        RuleSpec::Measured(measured) => measured.comparison.as_ref().is_some_and(|c| !matches!(c.target, TargetDef::Tbd)),
        RuleSpec::Milestone { .. } | RuleSpec::Composite { .. } => true,
        RuleSpec::Qualitative => false,
    }
}

/// The summary, sentence by sentence.
pub fn summary(plan: &Plan, columns: &[Column], lang: Lang) -> Vec<String> {
    let mut sentences = Vec::new();
    let judged: Vec<RuleId> = shown_rules(plan).filter(|id| has_target(plan, *id)).collect();
    let total = judged.len();
    for column in columns {
        let name = quoted_name(plan, column, lang);
        let year = column.report.as_of.shown_in(plan.years, lang);
        let reached = judged.iter().filter(|id| reaches(column.report.rule(**id).outcome.status)).count();
        let grade = column.report.root.grade.clone().unwrap_or_else(|| "—".into());
        sentences.push(
            tr!(
                "{name} (as of {year}): {reached} of {total} targets reached or on track; overall grade {grade}.",
                "{name}（{year}時点）：{total} 件の目標のうち {reached} 件が達成または順調で、総合評価は {grade} です。"
            )
            .get(lang)
            .to_string(),
        );
    }
    let scenario_columns: Vec<&Column> = columns.iter().filter(|c| c.scenario.is_some()).collect();
    for (index, first) in scenario_columns.iter().enumerate() {
        for second in &scenario_columns[index + 1..] {
            for (one, other) in [(first, second), (second, first)] {
                for id in &judged {
                    let (mine, theirs) = (one.report.rule(*id), other.report.rule(*id));
                    if reaches(mine.outcome.status) && !reaches(theirs.outcome.status) {
                        sentences.push(difference(plan, *id, (one, other), lang));
                    }
                }
            }
        }
    }
    sentences
}

/// "`X` is achieved under A (…) and not achieved under B (…, N away from the target T)."
fn difference(plan: &Plan, id: RuleId, (one, other): (&Column, &Column), lang: Lang) -> String {
    let rule = plan.rule(id);
    let name = &rule.name;
    let figure = |value: Option<Decimal>| value.map_or_else(|| "—".to_string(), |v| quantity_shown(v, &rule.unit, plan.rates));
    let (mine, theirs) = (&one.report.rule(id).outcome, &other.report.rule(id).outcome);
    let (a, b) = (quoted_name(plan, one, lang), quoted_name(plan, other, lang));
    let (a_status, b_status) = (mine.status.label(lang), theirs.status.label(lang));
    let (a_figure, b_figure) = (figure(mine.actual), figure(theirs.actual));
    let comparator = match &rule.spec {
        RuleSpec::Measured(measured) => measured.comparison.as_ref().map(|c| c.comparator),
        _ => None,
    };
    // How far the one that misses is from its target, in the rule's unit.
    let gap = match (theirs.actual, theirs.target, comparator) {
        (Some(actual), Some(target), Some(Comparator::AtLeast | Comparator::Above)) if actual < target => target.checked_sub(actual),
        (Some(actual), Some(target), Some(Comparator::AtMost | Comparator::Below)) if actual > target => actual.checked_sub(target),
        (Some(actual), Some(target), Some(Comparator::Equal)) => actual.checked_sub(target).map(|gap| gap.abs()),
        _ => None,
    };
    match (gap, theirs.target) {
        (Some(gap), Some(target)) => {
            let (gap, target) = (figure(Some(gap)), figure(Some(target)));
            tr!(
                "`{name}` is {a_status} under {a} ({a_figure}) and {b_status} under {b} ({b_figure}, {gap} away from the target {target}).",
                "「{name}」は{a}では{a_status}（{a_figure}）、{b}では{b_status}（{b_figure}。目標 {target} まで {gap}）です。"
            )
        }
        _ => tr!(
            "`{name}` is {a_status} under {a} ({a_figure}) and {b_status} under {b} ({b_figure}).",
            "「{name}」は{a}では{a_status}（{a_figure}）、{b}では{b_status}（{b_figure}）です。"
        ),
    }
    .get(lang)
    .to_string()
}

/// The table's rows for people: each rule's name and, per column, its actual (`*` when
/// projected), status and grade.
pub fn rows(plan: &Plan, columns: &[Column], lang: Lang) -> Vec<Vec<String>> {
    shown_rules(plan)
        .map(|id| {
            let rule = plan.rule(id);
            let mut row = vec![rule.name.clone()];
            for column in columns {
                let result = column.report.rule(id);
                let actual = result.outcome.actual.map_or_else(|| "—".to_string(), |v| quantity_shown(v, &rule.unit, plan.rates));
                row.push(if result.projected { format!("{actual}*") } else { actual });
                row.push(result.outcome.status.label(lang).to_string());
                row.push(result.grade.clone().unwrap_or_else(|| "—".into()));
            }
            row
        })
        .collect()
}
