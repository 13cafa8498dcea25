//! The evaluation as CSV for spreadsheets (`shihyo eval --format csv`): one
//! row per rule, in the columns documented in the reference, with the
//! department's remarks on the year evaluated.

use crate::eval::Report;
use crate::model::data::{RemarkSet, Remarks};
use crate::model::{Plan, RuleSpec};
use shihyo_syntax::ast::MetaKey;
use shihyo_syntax::{Lang, Year};

/// The report as CSV, one row per rule (the columns of `shihyo eval --format csv`,
/// documented in the reference): exact decimals in base units, years as labels. A plan
/// that gives points has a `points` column after `grade`.
pub fn to_csv(report: &Report, plan: &Plan, remarks: &RemarkSet, lang: Lang) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let points = plan.gives_points();
    let mut header = vec![
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
        "comment",
        "outlook",
        "owner",
    ];
    let after_grade = header.iter().position(|column| *column == "grade").map_or(header.len(), |grade| grade + 1);
    if points {
        header.insert(after_grade, "points");
    }
    let _ = writer.write_record(header);
    let decimal = |value: Option<rust_decimal::Decimal>| value.map_or_else(String::new, |v| v.normalize().to_string());
    for result in &report.rules {
        let rule = plan.rule(result.id);
        let year = |number: Option<i32>| number.map_or_else(String::new, |n| Year { number: n, calendar: rule.calendar }.label());
        let comparator = match &rule.spec {
            RuleSpec::Measured(m) => m.comparison.as_ref().map_or("", |c| c.comparator.symbol()),
            _ => "",
        };
        let written = result.outcome.year.and_then(|year| remarks.get(&(result.id, year)));
        let said = |field: fn(&Remarks) -> &Option<String>| written.and_then(|r| field(r).clone()).unwrap_or_default();
        let kind = match &rule.spec {
            RuleSpec::Composite { mode, .. } => format!("{mode:?}").to_lowercase(),
            _ => rule.kind.keyword().to_string(),
        };
        let mut row = vec![
            rule.name.clone(),
            kind,
            rule.group_path.clone().unwrap_or_default(),
            comparator.to_string(),
            rule.unit().machine_name().unwrap_or("").to_string(),
            decimal(result.outcome.target),
            year(result.outcome.target_year),
            year(result.outcome.baseline_year),
            decimal(result.outcome.baseline),
            year(result.outcome.year),
            decimal(result.outcome.actual),
            decimal(result.outcome.expected),
            decimal(result.outcome.achievement),
            decimal(result.outcome.pace_achievement),
            decimal(result.outcome.progress),
            result.outcome.status.name().to_string(),
            result.grade.clone().unwrap_or_default(),
            result.projected.to_string(),
            result.message.as_ref().map(|m| m.get(lang).to_string()).unwrap_or_default(),
            rule.meta(MetaKey::Source).unwrap_or("").to_string(),
            said(|r| &r.comment),
            said(|r| &r.outlook),
            said(|r| &r.owner),
        ];
        if points {
            row.insert(after_grade, decimal(result.points));
        }
        let _ = writer.write_record(row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
