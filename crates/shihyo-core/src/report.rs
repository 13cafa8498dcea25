//! The result of evaluating a plan, and its machine form (`--format json`).
//!
//! The JSON schema is documented in `docs/reference.en.md` ("JSON output")
//! and is stable: decimals are strings (exact), money is in 円, percentages
//! are ratios (80% → "0.8"), years carry their label and western number.

use crate::data::Origin;
pub use crate::eval::Status;
use crate::eval::{Outcome, Told};
use crate::model::{Grade, GroupChild, GroupDef, Plan, RuleId, RuleSpec};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use shihyo_syntax::ast::{AchievementFormula, MetaKey, Rollup};
use shihyo_syntax::{Diagnostic, Lang, Localized, Source, Year};
use std::collections::BTreeMap;

/// One line of an explanation: which figure, how it was computed, from what.
#[derive(Clone, Debug)]
pub struct Step {
    pub field: &'static str,
    pub text: Localized,
    pub inputs: Vec<StepInput>,
}

/// An actual that a figure was computed from, and where it was written.
#[derive(Clone, Debug)]
pub struct StepInput {
    pub rule: RuleId,
    pub label: String,
    pub value: Decimal,
    pub origin: Option<Origin>,
    /// The value is a scenario's projection (or computed from one).
    pub projected: bool,
}

#[derive(Clone, Debug)]
pub struct RuleResult {
    pub id: RuleId,
    pub status: Status,
    pub target: Option<Decimal>,
    pub target_year: Option<i32>,
    pub baseline_year: Option<i32>,
    pub baseline: Option<Decimal>,
    pub year: Option<i32>,
    pub actual: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub pace_achievement: Option<Decimal>,
    pub progress: Option<Decimal>,
    pub grade: Option<String>,
    pub message: Option<Localized>,
    pub diagnostic: Option<Diagnostic>,
    pub steps: Vec<Step>,
    /// Some figure of the result is computed from a scenario's projection.
    pub projected: bool,
}

impl RuleResult {
    /// A report's row: the evaluator's outcome, its grade named, with what was told of it.
    pub fn new(id: RuleId, outcome: Outcome, grades: &[Grade], told: Told) -> RuleResult {
        RuleResult {
            id,
            status: outcome.status,
            target: outcome.target,
            target_year: outcome.target_year,
            baseline_year: outcome.baseline_year,
            baseline: outcome.baseline,
            year: outcome.year,
            actual: outcome.actual,
            expected: outcome.expected,
            achievement: outcome.achievement,
            pace_achievement: outcome.pace_achievement,
            progress: outcome.progress,
            grade: outcome.grade.map(|index| grades[index].name.clone()),
            message: told.message,
            diagnostic: told.diagnostic,
            steps: told.steps,
            projected: told.projected,
        }
    }
}

#[derive(Clone, Debug)]
pub struct GroupResult {
    pub path: String,
    pub counts: BTreeMap<Status, usize>,
    pub grade: Option<String>,
    pub groups: Vec<GroupResult>,
    pub rules: Vec<RuleId>,
    /// Sum and count of the pace achievements below (for `rollup average`).
    pub pace_sum: (Decimal, usize),
    /// Index in the grade scale of the lowest grade below.
    pub worst_grade: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub as_of: Year,
    /// The scenario whose projections were evaluated with the actuals.
    pub scenario: Option<String>,
    pub rules: Vec<RuleResult>,
    pub root: GroupResult,
}

impl Report {
    pub fn rule(&self, id: RuleId) -> &RuleResult {
        &self.rules[id.0]
    }

    /// Counts by status over the rules that are not members of `any`/`all`.
    pub fn counts(&self) -> &BTreeMap<Status, usize> {
        &self.root.counts
    }
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
            object.insert("target".into(), decimal(result.target));
            object.insert("target_year".into(), year(result.target_year, rule.calendar));
            object.insert("baseline_year".into(), year(result.baseline_year, rule.calendar));
            object.insert("baseline".into(), decimal(result.baseline));
            object.insert("year".into(), year(result.year, rule.calendar));
            object.insert("actual".into(), decimal(result.actual));
            object.insert("expected".into(), decimal(result.expected));
            object.insert("achievement".into(), decimal(result.achievement));
            object.insert("pace_achievement".into(), decimal(result.pace_achievement));
            object.insert("progress".into(), decimal(result.progress));
            object.insert("status".into(), json!(result.status.name()));
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

/// The report as CSV, one row per rule (the columns of `shihyo eval --format csv`,
/// documented in the reference): exact decimals in base units, years as labels.
pub fn to_csv(report: &Report, plan: &Plan, lang: Lang) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "name",
        "kind",
        "group",
        "comparator",
        "unit",
        "target",
        "target_year",
        "baseline_year",
        "baseline",
        "year",
        "actual",
        "expected",
        "achievement",
        "pace_achievement",
        "progress",
        "status",
        "grade",
        "projected",
        "message",
        "source",
    ];
    let _ = writer.write_record(header);
    let decimal = |value: Option<rust_decimal::Decimal>| value.map_or_else(String::new, |v| v.normalize().to_string());
    for result in &report.rules {
        let rule = plan.rule(result.id);
        let year = |number: Option<i32>| number.map_or_else(String::new, |n| Year { number: n, calendar: rule.calendar }.label());
        let comparator = match &rule.spec {
            RuleSpec::Measured(m) => m.comparison.as_ref().map_or("", |c| c.comparator.symbol()),
            _ => "",
        };
        let kind = match &rule.spec {
            RuleSpec::Composite { mode, .. } => format!("{mode:?}").to_lowercase(),
            _ => rule.kind.keyword().to_string(),
        };
        let _ = writer.write_record([
            rule.name.clone(),
            kind,
            rule.group_path.clone().unwrap_or_default(),
            comparator.to_string(),
            rule.unit().machine_name().unwrap_or("").to_string(),
            decimal(result.target),
            year(result.target_year),
            year(result.baseline_year),
            decimal(result.baseline),
            year(result.year),
            decimal(result.actual),
            decimal(result.expected),
            decimal(result.achievement),
            decimal(result.pace_achievement),
            decimal(result.progress),
            result.status.name().to_string(),
            result.grade.clone().unwrap_or_default(),
            result.projected.to_string(),
            result.message.as_ref().map(|m| m.get(lang).to_string()).unwrap_or_default(),
            rule.meta(MetaKey::Source).unwrap_or("").to_string(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
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
