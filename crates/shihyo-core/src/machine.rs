//! The machine forms that every host prints the same way — the CLI's
//! `--format json` and the WASM API — so that a tool gets the same bytes from
//! either: diagnostics with their line, column and byte span, an evaluation
//! with its diagnostics, and one rule's explanation (documented in the
//! reference, "JSON output").

use crate::report::{to_json, Report};
use crate::{Engine, Project, RuleId};
use serde_json::{json, Value};
use shihyo_syntax::{Diagnostic, FileId, Lang};

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
