//! The machine form that every host prints the same way — the CLI's
//! `--format json` and the WASM API — so that a tool gets the same bytes from
//! either: diagnostics with their line, column and byte span, an evaluation
//! with its diagnostics, one rule's explanation, and a simulation (documented
//! in the reference, "JSON output"). The schema is stable: decimals are
//! strings (exact), money is in 円, percentages are ratios (80% → "0.8"), years
//! carry their label and western number.

use crate::eval::{GroupResult, Report, SimulationReport, Status};
use crate::model::{GroupChild, GroupDef, Plan, RuleId, RuleSpec};
use crate::{Engine, Project};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use shihyo_syntax::ast::{AchievementFormula, MetaKey, Rollup};
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

/// A diagnostic as a JSON object (lines and columns 1-based, columns in characters;
/// `start` and `end` are byte offsets in the file).
pub fn diagnostic_json(engine: &Engine, diagnostic: &Diagnostic, lang: Lang) -> Value {
    let source = engine.source(diagnostic.file);
    let span = clamp(source.original(), diagnostic.span.clone());
    let (line, column) = source.line_column(span.start);
    let (end_line, end_column) = source.line_column(span.end);
    json!({
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message.get(lang),
        "hint": diagnostic.hint.as_ref().map(|h| h.get(lang)),
        "file": source.name(),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": span.start,
        "end": span.end,
        "related": diagnostic.related.iter().map(|r| {
            let related = engine.source(r.file);
            let (line, column) = related.line_column(r.span.start);
            json!({ "file": related.name(), "line": line, "column": column, "message": r.message.get(lang) })
        }).collect::<Vec<_>>(),
    })
}

/// What a host answers when the plan or data has errors: `{ "ok": false, "diagnostics": [...] }`.
pub fn failure_json(engine: &Engine, diagnostics: &[Diagnostic], lang: Lang) -> Value {
    let list: Vec<Value> = diagnostics.iter().map(|d| diagnostic_json(engine, d, lang)).collect();
    json!({ "ok": false, "diagnostics": list })
}

/// A plan that checks: `{ ok: true, rules, values, diagnostics }` with its warnings.
/// Rules are counted as the evaluation's summary counts them (an `any`/`all` once).
pub fn check_json(engine: &Engine, project: &Project, lang: Lang) -> Value {
    let rules = project.plan.rules.iter().filter(|rule| rule.parent.is_none()).count();
    let values: usize = project.data.iter().map(|years| years.len()).sum();
    let warnings: Vec<Value> = project.warnings.iter().map(|d| diagnostic_json(engine, d, lang)).collect();
    json!({ "ok": true, "rules": rules, "values": values, "diagnostics": warnings })
}

/// The evaluation report with its diagnostics: the checker's warnings, the notes of
/// a scenario, and the rules that could not be evaluated.
pub fn evaluation_json(engine: &Engine, plan_file: FileId, project: &Project, report: &Report, notes: &[Diagnostic], lang: Lang) -> Value {
    let mut json = to_json(report, &project.plan, engine.source(plan_file), lang);
    let rule_errors = report.rules.iter().filter_map(|r| r.diagnostic.as_ref());
    json["diagnostics"] = project.warnings.iter().chain(notes).chain(rule_errors).map(|d| diagnostic_json(engine, d, lang)).collect();
    json
}

/// One rule of an evaluation made with `explain`, with the steps of its figures and
/// where each input was written.
pub fn explanation_json(engine: &Engine, plan_file: FileId, project: &Project, report: &Report, id: RuleId, lang: Lang) -> Value {
    let full = to_json(report, &project.plan, engine.source(plan_file), lang);
    let steps: Vec<Value> = report
        .rule(id)
        .steps
        .iter()
        .map(|step| {
            json!({
                "field": step.field,
                "text": step.text.get(lang),
                "inputs": step.inputs.iter().map(|input| {
                    let at = input.origin.as_ref().map(|o| {
                        let file = engine.source(o.file);
                        let (line, column) = file.line_column(o.span.start);
                        (file.name().to_string(), line, column)
                    });
                    json!({
                        "label": input.label,
                        "value": input.value.normalize().to_string(),
                        "file": at.as_ref().map(|a| a.0.clone()),
                        "line": at.as_ref().map(|a| a.1),
                        "column": at.as_ref().map(|a| a.2),
                        "projected": input.projected,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "rule": full["rules"][id.0].clone(), "steps": steps })
}

fn decimal(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.normalize().to_string()))
}

fn year(number: Option<i32>, calendar: bool) -> Value {
    number.map_or(Value::Null, |n| serde_json::to_value(Year { number: n, calendar }).unwrap_or(Value::Null))
}

fn counts(map: &BTreeMap<Status, usize>) -> Value {
    Value::Object(map.iter().map(|(status, count)| (status.name().to_string(), json!(count))).collect())
}

/// The report as the documented JSON object.
pub fn to_json(report: &Report, plan: &Plan, source: &Source, lang: Lang) -> Value {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|result| {
            let rule = plan.rule(result.id);
            let (comparator, aggregate) = match &rule.spec {
                RuleSpec::Measured(m) => (m.comparison.as_ref().map(|c| json!(c.comparator)), json!(m.aggregate)),
                _ => (None, json!("value")),
            };
            let kind = match &rule.spec {
                RuleSpec::Composite { mode, .. } => json!(mode),
                _ => json!(rule.kind),
            };
            let mut object = Map::new();
            object.insert("name".into(), json!(rule.name));
            object.insert("kind".into(), kind);
            object.insert("group".into(), json!(rule.group_path));
            object.insert("parent".into(), json!(rule.parent.map(|p| plan.rule(p).name.clone())));
            object.insert("comparator".into(), comparator.unwrap_or(Value::Null));
            object.insert("aggregate".into(), aggregate);
            object.insert("unit".into(), json!(rule.unit().machine_name()));
            object.insert("target".into(), decimal(result.outcome.target));
            object.insert("target_year".into(), year(result.outcome.target_year, rule.calendar));
            object.insert("baseline_year".into(), year(result.outcome.baseline_year, rule.calendar));
            object.insert("baseline".into(), decimal(result.outcome.baseline));
            object.insert("year".into(), year(result.outcome.year, rule.calendar));
            object.insert("actual".into(), decimal(result.outcome.actual));
            object.insert("expected".into(), decimal(result.outcome.expected));
            object.insert("achievement".into(), decimal(result.outcome.achievement));
            object.insert("pace_achievement".into(), decimal(result.outcome.pace_achievement));
            object.insert("progress".into(), decimal(result.outcome.progress));
            object.insert("status".into(), json!(result.outcome.status.name()));
            object.insert("grade".into(), json!(result.grade));
            object.insert("projected".into(), json!(result.projected));
            object.insert("message".into(), json!(result.message.as_ref().map(|m| m.get(lang))));
            for key in [MetaKey::Source, MetaKey::Basis, MetaKey::Id, MetaKey::Owner, MetaKey::Note] {
                object.insert(key.keyword().into(), json!(rule.meta(key)));
            }
            object.insert("line".into(), json!(source.line_column(rule.span.start).0));
            Value::Object(object)
        })
        .collect();
    json!({
        "plan": {
            "name": plan.name,
            "period": { "from": year(Some(plan.period.0), plan.calendar), "to": year(Some(plan.period.1), plan.calendar) },
            "baseline": year(plan.baseline, plan.calendar),
            "achievement_formula": match plan.achievement { AchievementFormula::Ratio => "ratio", AchievementFormula::Progress => "progress" },
            "rollup": match plan.rollup { Rollup::Lowest => "lowest", Rollup::Average => "average" },
        },
        "as_of": serde_json::to_value(report.as_of).unwrap_or(Value::Null),
        "scenario": report.scenario,
        "rules": rules,
        "groups": groups_json(plan, &plan.root, &report.root),
        "summary": {
            "rules": report.root.counts.values().sum::<usize>(),
            "counts": counts(&report.root.counts),
            "grade": report.root.grade,
        },
    })
}

fn groups_json(plan: &Plan, def: &GroupDef, result: &GroupResult) -> Value {
    let defs = def.children.iter().filter_map(|c| if let GroupChild::Group(g) = c { Some(g) } else { None });
    Value::Array(
        defs.zip(&result.groups)
            .map(|(def, result)| {
                json!({
                    "id": def.id,
                    "title": def.title,
                    "path": def.path,
                    "counts": counts(&result.counts),
                    "grade": result.grade,
                    "groups": groups_json(plan, def, result),
                    "rules": result.rules.iter().map(|id| plan.rule(*id).name.clone()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// A simulation's report as JSON (documented in the reference, "Simulation output").
pub fn simulation_json(report: &SimulationReport, plan: &Plan) -> Value {
    let year = |number: i32, calendar: bool| serde_json::to_value(Year { number, calendar }).unwrap_or(Value::Null);
    let decimal = |value: Decimal| Value::String(value.normalize().to_string());
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|r| {
            let rule = plan.rule(r.rule);
            let statuses: Map<String, Value> = r.statuses.iter().map(|(s, n)| (s.name().to_string(), json!(n))).collect();
            let first_met: Vec<Value> = r.first_met.iter().map(|(y, n)| json!({ "year": year(*y, rule.calendar), "runs": n })).collect();
            json!({
                "name": rule.name,
                "target_year": r.target_year.map(|y| year(y, rule.calendar)),
                "probability": decimal(r.probability),
                "standard_error": decimal(r.standard_error),
                "statuses": statuses,
                "first_met": first_met,
                "never_met": r.never_met,
                "varies": r.varies,
            })
        })
        .collect();
    let bands: Vec<Value> = report
        .bands
        .iter()
        .map(|b| {
            let rule = plan.rule(b.rule);
            let [p5, p25, p50, p75, p95] = b.percentiles.map(|p| p.map(decimal));
            json!({
                "name": rule.name,
                "unit": rule.unit().machine_name(),
                "year": year(b.year, rule.calendar),
                "projected": b.projected,
                "runs": b.runs,
                "p5": p5, "p25": p25, "p50": p50, "p75": p75, "p95": p95,
            })
        })
        .collect();
    json!({
        "simulation": report.name,
        "plan": plan.name,
        "runs": report.runs,
        "seed": report.seed.to_string(),
        "as_of": year(report.as_of, plan.calendar),
        "bands_sampled": report.sampled,
        "failed_draws": report.failed_draws,
        "rules": rules,
        "bands": bands,
    })
}
