//! A roll-up as machine documents: the JSON document (`shihyo rollup --format json`), its
//! fields in the order written, decimals as exact strings in base units; and the CSV, one
//! row for the whole roster and one for each group of each `by` column.

use crate::rollup::{Group, Rollup};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use shihyo_core::output::document::Diagnostic;
use shihyo_core::Status;
use std::collections::BTreeMap;

/// The JSON document of a roll-up.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RollupDocument {
    /// The aggregate's title.
    pub aggregate: String,
    /// The year every plan was evaluated as of (`as of`), or `null`: each its latest year with data.
    pub as_of: Option<String>,
    /// The indicators totalled, with the unit their figures are in.
    pub totals: Vec<TotalHead>,
    /// Every plan of the roster together.
    pub all: GroupDocument,
    /// For each `by` column, its groups.
    pub by: Vec<Dimension>,
    /// The plans that failed, in the roster's order.
    pub failures: Vec<FailureDocument>,
}

/// A totalled indicator.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TotalHead {
    /// Its name as the aggregate writes it.
    pub name: String,
    /// `sum` or `average`.
    #[schemars(schema_with = "total_keyword")]
    pub total: &'static str,
    /// The unit of its figures: the base unit most plans give it (`円` for `千円`, `%` for a
    /// ratio), as the evaluation document names units; `null` for a plain number, or when no plan has it.
    pub unit: Option<String>,
}

/// The groups of one `by` column.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Dimension {
    /// The roster column.
    pub column: String,
    /// Its values' groups, in the order their first plan stands in the roster.
    pub groups: Vec<GroupDocument>,
}

/// Plans rolled up together.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct GroupDocument {
    /// The value of the `by` column (empty for the whole roster).
    pub key: String,
    /// Plans in the group.
    pub plans: usize,
    /// Plans evaluated.
    pub evaluated: usize,
    /// Plans that failed.
    pub failed: usize,
    /// Rules of the evaluated plans (an `any`/`all` once).
    pub rules: usize,
    /// Rules by status (every status, zero included).
    #[serde(serialize_with = "every_status")]
    #[schemars(with = "BTreeMap<String, usize>")]
    pub counts: BTreeMap<Status, usize>,
    /// Rules that meet their target or pace (achieved, done, on track).
    pub met: usize,
    /// Rules judged (those, and not achieved, behind, overdue).
    pub judged: usize,
    /// `met / judged` as an exact decimal, or `null` when none is judged.
    #[schemars(with = "Option<String>")]
    pub met_share: Option<Decimal>,
    /// Rules by grade, in the order the grades first appear.
    #[serde(serialize_with = "ordered_counts")]
    #[schemars(with = "BTreeMap<String, usize>")]
    pub grades: Vec<(String, usize)>,
    /// Plans by their own grade.
    #[serde(serialize_with = "ordered_counts")]
    #[schemars(with = "BTreeMap<String, usize>")]
    pub plan_grades: Vec<(String, usize)>,
    /// The mean points of the rules with points as an exact decimal, or `null`.
    #[schemars(with = "Option<String>")]
    pub points_average: Option<Decimal>,
    /// The years the plans were evaluated as of, and how many each.
    pub years: BTreeMap<String, usize>,
    /// Each totalled indicator, in the aggregate's order.
    pub totals: Vec<TotalDocument>,
}

/// A totalled indicator over a group.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TotalDocument {
    /// Its name.
    pub name: String,
    /// The sum or the mean over the counted plans as an exact decimal, in the unit of
    /// [`TotalHead::unit`]; `null` when none is counted.
    #[schemars(with = "Option<String>")]
    pub value: Option<Decimal>,
    /// Plans counted.
    pub counted: usize,
    /// Evaluated plans without the indicator or its actual.
    pub missing: usize,
    /// Plans whose indicator has another unit (not counted).
    pub other_unit: usize,
}

/// A plan that could not be evaluated.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FailureDocument {
    /// The plan file as the roster lists it.
    pub plan: String,
    /// The roster's name for it.
    pub name: Option<String>,
    /// Its line in the roster.
    pub roster_line: usize,
    /// Its errors, as `shihyo check --format json` gives them.
    pub diagnostics: Vec<Diagnostic>,
}

/// The schema of [`TotalHead::total`]: the keyword of the `sum`/`average` line.
fn total_keyword(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": ["sum", "average"] })
}

/// The JSON Schema of the roll-up document, by file name (`docs/schema/`).
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![("rollup.json", schemars::schema_for!(RollupDocument))]
}

fn every_status<S: Serializer>(counts: &BTreeMap<Status, usize>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(Status::ALL.len()))?;
    for status in Status::ALL {
        map.serialize_entry(status.name(), &counts.get(&status).copied().unwrap_or(0))?;
    }
    map.end()
}

fn ordered_counts<S: Serializer>(counts: &[(String, usize)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(counts.iter().map(|(name, count)| (name, count)))
}

impl Rollup {
    /// The JSON document.
    pub fn document(&self) -> RollupDocument {
        RollupDocument {
            aggregate: self.definition.name.clone(),
            as_of: self.definition.as_of.map(|year| year.label()),
            totals: self
                .totals()
                .map(|(total, unit)| TotalHead {
                    name: total.name.clone(),
                    total: total.total.keyword(),
                    unit: unit.and_then(|unit| unit.machine_name()).map(str::to_string),
                })
                .collect(),
            all: self.group_document(&self.all),
            by: self
                .by
                .iter()
                .map(|(column, groups)| Dimension {
                    column: column.clone(),
                    groups: groups.iter().map(|group| self.group_document(group)).collect(),
                })
                .collect(),
            failures: self
                .failures
                .iter()
                .map(|failure| FailureDocument {
                    plan: failure.plan.clone(),
                    name: failure.name.clone(),
                    roster_line: failure.line,
                    diagnostics: failure.errors.clone(),
                })
                .collect(),
        }
    }

    fn group_document(&self, group: &Group) -> GroupDocument {
        let (met, judged) = group.met();
        GroupDocument {
            key: group.key.clone(),
            plans: group.plans,
            evaluated: group.plans - group.failed,
            failed: group.failed,
            rules: group.rules(),
            counts: group.counts.clone(),
            met,
            judged,
            met_share: group.met_share(),
            grades: group.grades.clone(),
            plan_grades: group.plan_grades.clone(),
            points_average: group.points_average(),
            years: group.years.clone(),
            totals: self
                .definition
                .totals
                .iter()
                .zip(&group.totals)
                .map(|(total, figure)| TotalDocument {
                    name: total.name.clone(),
                    value: figure.value(total.total),
                    counted: figure.counted,
                    missing: figure.missing,
                    other_unit: figure.other_unit,
                })
                .collect(),
        }
    }

    /// The CSV: a heading row, then the whole roster (`by` empty) and each group of each
    /// `by` column. Grade columns are the grades that appear anywhere, as `grade:A`.
    pub fn csv(&self) -> String {
        let mut grades: Vec<String> = Vec::new();
        for (name, _) in &self.all.grades {
            if !grades.contains(name) {
                grades.push(name.clone());
            }
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut heading: Vec<String> = ["by", "key", "plans", "evaluated", "failed", "rules"].iter().map(|s| s.to_string()).collect();
        heading.extend(Status::ALL.iter().map(|status| status.name().to_string()));
        heading.extend(["met", "judged", "met_share", "points_average"].iter().map(|s| s.to_string()));
        heading.extend(grades.iter().map(|grade| format!("grade:{grade}")));
        heading.extend(self.definition.totals.iter().map(|total| format!("{}:{}", total.total.keyword(), total.name)));
        let _ = writer.write_record(&heading);
        let groups = std::iter::once(("", &self.all))
            .chain(self.by.iter().flat_map(|(column, groups)| groups.iter().map(move |group| (column.as_str(), group))));
        for (column, group) in groups {
            let document = self.group_document(group);
            let decimal = |value: Option<Decimal>| value.map(|v| v.normalize().to_string()).unwrap_or_default();
            let mut row = vec![
                column.to_string(),
                document.key.clone(),
                document.plans.to_string(),
                document.evaluated.to_string(),
                document.failed.to_string(),
                document.rules.to_string(),
            ];
            row.extend(Status::ALL.iter().map(|status| group.counts.get(status).copied().unwrap_or(0).to_string()));
            row.extend([
                document.met.to_string(),
                document.judged.to_string(),
                decimal(document.met_share),
                decimal(document.points_average),
            ]);
            row.extend(
                grades.iter().map(|grade| group.grades.iter().find(|(name, _)| name == grade).map_or(0, |(_, count)| *count).to_string()),
            );
            row.extend(document.totals.iter().map(|total| decimal(total.value)));
            let _ = writer.write_record(&row);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
