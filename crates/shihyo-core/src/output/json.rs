//! The one JSON writer: every host prints these documents the same way — the
//! CLI's `--format json`, the npm package and the app's export — so that a
//! tool gets the same bytes from each: diagnostics with their line, column and
//! byte span, an evaluation with its diagnostics, one rule's explanation, and a
//! simulation (reference §9). Each function here builds a typed document of
//! [`document`](super::document); serializing it is the host's one step.

use super::document::{
    Band, Chance, Check, Counts, Diagnostic as DiagnosticDoc, Evaluation, Explanation, Failure, FirstMet, Group, Input, Kind, Period,
    PlanHeader, Related, Remarks, Rule, Simulation, Step, Summary,
};
use crate::eval::{GroupResult, Report, SimulationReport, Status};
use crate::model::data::RemarkSet;
use crate::model::{GroupChild, GroupDef, Plan, RuleId, RuleSpec};
use crate::{Engine, Project};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Aggregate, MetaKey};
use shihyo_syntax::{Diagnostic, FileId, Lang, Source, Year};
use std::collections::BTreeMap;

/// Keeps a span inside its text and on character boundaries.
pub fn clamp(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A diagnostic (lines and columns 1-based, columns in characters; `start` and `end`
/// are byte offsets in the file). One of a file the engine does not hold (a value the
/// host set, [`FileId::HOST`]) names no file and stands at line 1, column 1.
pub fn diagnostic(engine: &Engine, diagnostic: &Diagnostic, lang: Lang) -> DiagnosticDoc {
    let no_file = Source::new("", "");
    let source = engine.get(diagnostic.file).unwrap_or(&no_file);
    let span = clamp(source.original(), diagnostic.span.clone());
    let (line, column) = source.line_column(span.start);
    let (end_line, end_column) = source.line_column(span.end);
    DiagnosticDoc {
        severity: diagnostic.severity,
        code: diagnostic.code,
        message: diagnostic.message.get(lang).to_string(),
        hint: diagnostic.hint.as_ref().map(|h| h.get(lang).to_string()),
        file: source.name().to_string(),
        line,
        column,
        end_line,
        end_column,
        start: span.start,
        end: span.end,
        related: diagnostic
            .related
            .iter()
            .map(|r| {
                let related = engine.get(r.file).unwrap_or(&no_file);
                let (line, column) = related.line_column(r.span.start);
                Related { file: related.name().to_string(), line, column, message: r.message.get(lang).to_string() }
            })
            .collect(),
    }
}

fn diagnostics<'d>(engine: &Engine, list: impl IntoIterator<Item = &'d Diagnostic>, lang: Lang) -> Vec<DiagnosticDoc> {
    list.into_iter().map(|d| diagnostic(engine, d, lang)).collect()
}

/// What a host answers when the plan or data has errors: `{ "ok": false, "diagnostics": [...] }`.
pub fn failure(engine: &Engine, list: &[Diagnostic], lang: Lang) -> Failure {
    Failure { ok: false, diagnostics: diagnostics(engine, list, lang) }
}

/// A plan that checks: `{ ok: true, rules, values, diagnostics }` with its warnings.
/// Rules are counted as the evaluation's summary counts them (an `any`/`all` once).
pub fn check(engine: &Engine, project: &Project, lang: Lang) -> Check {
    let rules = project.plan.rules.iter().filter(|rule| rule.parent.is_none()).count();
    let values: usize = project.data.iter().map(|years| years.len()).sum();
    Check { ok: true, rules, values, diagnostics: diagnostics(engine, &project.warnings, lang) }
}

/// The evaluation report with its diagnostics: the checker's warnings, the notes of
/// a scenario, and the rules that could not be evaluated.
pub fn evaluation(engine: &Engine, plan_file: FileId, project: &Project, report: &Report, notes: &[Diagnostic], lang: Lang) -> Evaluation {
    let mut document = self::report(report, &project.plan, &project.remarks, engine.source(plan_file), lang);
    let rule_errors = report.rules.iter().filter_map(|r| r.diagnostic.as_ref());
    document.diagnostics = Some(diagnostics(engine, project.warnings.iter().chain(notes).chain(rule_errors), lang));
    document
}

/// One rule of an evaluation made with `explain`, with the steps of its figures and
/// where each input was written.
pub fn explanation(engine: &Engine, plan_file: FileId, project: &Project, report: &Report, id: RuleId, lang: Lang) -> Explanation {
    let source = engine.source(plan_file);
    let steps = report
        .rule(id)
        .steps
        .iter()
        .map(|step| Step {
            field: step.field.to_string(),
            text: step.text.get(lang).to_string(),
            inputs: step
                .inputs
                .iter()
                .map(|input| {
                    // A value the host set (`Project::set_actual`) was written in no file.
                    let at = input.origin.as_ref().and_then(|o| {
                        let file = engine.get(o.file)?;
                        let (line, column) = file.line_column(o.span.start);
                        Some((file.name().to_string(), line, column))
                    });
                    Input {
                        label: input.label.clone(),
                        value: input.value.normalize().to_string(),
                        file: at.as_ref().map(|a| a.0.clone()),
                        line: at.as_ref().map(|a| a.1),
                        column: at.as_ref().map(|a| a.2),
                        projected: input.projected,
                    }
                })
                .collect(),
        })
        .collect();
    Explanation { rule: rule(report, &project.plan, &project.remarks, source, id, lang), steps }
}

fn decimal(value: Option<Decimal>) -> Option<String> {
    value.map(|v| v.normalize().to_string())
}

fn year(number: Option<i32>, calendar: bool) -> Option<Year> {
    number.map(|number| Year { number, calendar })
}

fn counts(map: &BTreeMap<Status, usize>) -> Counts<usize> {
    Counts(map.iter().map(|(status, count)| (*status, *count)).collect())
}

/// One rule's figures as the report gives them.
fn rule(report: &Report, plan: &Plan, remarks: &RemarkSet, source: &Source, id: RuleId, lang: Lang) -> Rule {
    let (rule, result) = (plan.rule(id), report.rule(id));
    let (comparator, aggregate) = match &rule.spec {
        RuleSpec::Measured(m) => (m.comparison.as_ref().map(|c| c.comparator), m.aggregate),
        _ => (None, Aggregate::Value),
    };
    let kind = match &rule.spec {
        RuleSpec::Composite { mode, .. } => Kind::Composite(*mode),
        _ => Kind::Rule(rule.kind),
    };
    let outcome = &result.outcome;
    let meta = |key: MetaKey| rule.meta(key).map(str::to_string);
    Rule {
        name: rule.name.clone(),
        kind,
        group: rule.group_path.clone(),
        parent: rule.parent.map(|p| plan.rule(p).name.clone()),
        comparator,
        aggregate,
        unit: rule.unit().machine_name().map(str::to_string),
        target: decimal(outcome.target),
        target_year: year(outcome.target_year, rule.calendar),
        baseline_year: year(outcome.baseline_year, rule.calendar),
        baseline: decimal(outcome.baseline),
        year: year(outcome.year, rule.calendar),
        actual: decimal(outcome.actual),
        expected: decimal(outcome.expected),
        achievement: decimal(outcome.achievement),
        achievement_target: decimal(outcome.achievement_target),
        achievement_target_year: year(outcome.achievement_target_year, rule.calendar),
        pace_achievement: decimal(outcome.pace_achievement),
        progress: decimal(outcome.progress),
        status: outcome.status,
        grade: result.grade.clone(),
        points: plan.gives_points().then(|| decimal(result.points)),
        projected: result.projected,
        message: result.message.as_ref().map(|m| m.get(lang).to_string()),
        source: meta(MetaKey::Source),
        basis: meta(MetaKey::Basis),
        id: meta(MetaKey::Id),
        owner: meta(MetaKey::Owner),
        note: meta(MetaKey::Note),
        remarks: outcome.year.and_then(|year| remarks.get(&(id, year))).map(|r| Remarks {
            comment: r.comment.clone(),
            outlook: r.outlook.clone(),
            owner: r.owner.clone(),
        }),
        line: source.line_column(rule.span.start).0,
    }
}

/// The report as the documented evaluation (without diagnostics).
pub fn report(report: &Report, plan: &Plan, remarks: &RemarkSet, source: &Source, lang: Lang) -> Evaluation {
    Evaluation {
        plan: PlanHeader {
            name: plan.name.clone(),
            period: Period {
                from: Year { number: plan.period.0, calendar: plan.calendar },
                to: Year { number: plan.period.1, calendar: plan.calendar },
            },
            baseline: year(plan.baseline, plan.calendar),
            achievement_formula: plan.achievement,
            rollup: plan.rollup,
        },
        as_of: report.as_of,
        scenario: report.scenario.clone(),
        rules: report.rules.iter().map(|result| rule(report, plan, remarks, source, result.id, lang)).collect(),
        groups: groups(plan, &plan.root, &report.root),
        summary: {
            let (met, judged, met_share) = met_figures(&report.root);
            let (points_total, points_average) = points_figures(plan, &report.root);
            Summary {
                rules: report.root.counts.values().sum::<usize>(),
                counts: counts(&report.root.counts),
                grade: report.root.grade.clone(),
                points_total,
                points_average,
                met,
                judged,
                met_share,
            }
        },
        diagnostics: None,
    }
}

/// A group's items met and judged, and the share met, as the documents write them.
fn met_figures(result: &GroupResult) -> (usize, usize, Option<String>) {
    let (met, judged) = result.met();
    (met, judged, decimal(result.met_share()))
}

/// A group's points summed and averaged, as the documents write them: left out when the plan has no points scale.
type PointsFigures = (Option<Option<String>>, Option<Option<String>>);

fn points_figures(plan: &Plan, result: &GroupResult) -> PointsFigures {
    if !plan.gives_points() {
        return (None, None);
    }
    (Some(decimal(result.points_total())), Some(decimal(result.points_average())))
}

fn groups(plan: &Plan, def: &GroupDef, result: &GroupResult) -> Vec<Group> {
    let defs = def.children.iter().filter_map(|c| if let GroupChild::Group(g) = c { Some(g) } else { None });
    defs.zip(&result.groups)
        .map(|(def, result)| {
            let (met, judged, met_share) = met_figures(result);
            let (points_total, points_average) = points_figures(plan, result);
            Group {
                id: def.id.clone(),
                title: def.title.clone(),
                path: def.path.clone(),
                counts: counts(&result.counts),
                grade: result.grade.clone(),
                points_total,
                points_average,
                met,
                judged,
                met_share,
                groups: groups(plan, def, result),
                rules: result.rules.iter().map(|id| plan.rule(*id).name.clone()).collect(),
            }
        })
        .collect()
}

/// A simulation's report (reference §11, "Simulation output").
pub fn simulation(report: &SimulationReport, plan: &Plan) -> Simulation {
    let decimal = |value: Decimal| value.normalize().to_string();
    let rules = report
        .rules
        .iter()
        .map(|r| {
            let rule = plan.rule(r.rule);
            let at = |number: i32| Year { number, calendar: rule.calendar };
            Chance {
                name: rule.name.clone(),
                target_year: r.target_year.map(at),
                probability: decimal(r.probability),
                standard_error: decimal(r.standard_error),
                statuses: Counts(r.statuses.clone()),
                first_met: r.first_met.iter().map(|(y, n)| FirstMet { year: at(*y), runs: *n }).collect(),
                never_met: r.never_met,
                varies: r.varies,
            }
        })
        .collect();
    let bands = report
        .bands
        .iter()
        .map(|b| {
            let rule = plan.rule(b.rule);
            let [p5, p25, p50, p75, p95] = b.percentiles.map(|p| p.map(decimal));
            Band {
                name: rule.name.clone(),
                unit: rule.unit().machine_name().map(str::to_string),
                year: Year { number: b.year, calendar: rule.calendar },
                projected: b.projected,
                runs: b.runs,
                p5,
                p25,
                p50,
                p75,
                p95,
            }
        })
        .collect();
    Simulation {
        simulation: report.name.clone(),
        plan: plan.name.clone(),
        runs: report.runs,
        seed: report.seed.to_string(),
        as_of: Year { number: report.as_of, calendar: plan.calendar },
        bands_sampled: report.sampled,
        failed_draws: report.failed_draws,
        rules,
        bands,
    }
}
