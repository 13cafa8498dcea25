//! The comparisons as machine documents: a revision (`shihyo diff --format
//! json`: the two versions, the rules added, removed, renamed and changed, the
//! plan's settings that changed, and the statuses and grades the revision
//! changes) and scenarios side by side (`shihyo eval --scenario A --scenario B
//! --format json`), and simulations side by side (`shihyo simulate
//! --simulation A --simulation B --format json`). Their JSON Schemas are
//! published in `docs/schema/` (`diff.json`, `scenarios.json`, `simulations.json`).

use crate::matching::MatchedBy;
use crate::revision::{Aspect, Change, Revision, Subject};
use crate::scenarios::{shown_rules, summary, Column};
use schemars::JsonSchema;
use serde::Serialize;
use shihyo_core::model::{Plan, RuleId};
use shihyo_core::output::document::{Counts, Diagnostic as DiagnosticDoc, Simulation};
use shihyo_core::output::json;
use shihyo_core::syntax::{Lang, Year};
use shihyo_core::{Engine, Project, Report, Status};

/// A revision of a plan compared with the version before it, on the same actuals.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Diff {
    pub old: Version,
    pub new: Version,
    /// The year both versions were evaluated as of.
    pub as_of: Year,
    /// Rules of the new version alone, with their status and grade.
    pub added: Vec<RuleStatus>,
    /// Rules of the old version alone, with their status and grade then.
    pub removed: Vec<RuleStatus>,
    /// Rules of both whose name changed.
    pub renamed: Vec<Renamed>,
    /// Rules of both with their changes (by their new name).
    pub changed: Vec<RuleChanges>,
    /// The plan's own settings that changed.
    pub plan: Vec<ChangeDoc>,
    /// Every status and grade that is not what it was: of rules of both, groups of both, the plan.
    pub effects: Vec<EffectDoc>,
}

/// One version: its file and the plan's name.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Version {
    pub file: String,
    pub plan: String,
}

/// A rule of one version alone.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RuleStatus {
    pub name: String,
    pub group: Option<String>,
    pub status: Status,
    pub grade: Option<String>,
}

/// A rule that changed its name.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Renamed {
    pub old_name: String,
    pub new_name: String,
    /// How the two were found to be one rule (`id` or `source`).
    pub matched_by: MatchedBy,
}

/// A rule's changes.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RuleChanges {
    pub name: String,
    pub changes: Vec<ChangeDoc>,
}

/// One change, as each version writes it.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ChangeDoc {
    pub aspect: Aspect,
    pub old: String,
    pub new: String,
}

/// A status and grade before and after.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct EffectDoc {
    /// The rule's new name, for a rule.
    pub rule: Option<String>,
    /// The group's path, for a group (both absent: the plan).
    pub group: Option<String>,
    pub old_status: Option<Status>,
    pub new_status: Option<Status>,
    pub old_grade: Option<String>,
    pub new_grade: Option<String>,
}

/// The document of a comparison; `files` names the old and new versions.
pub fn diff(revision: &Revision, (old, new): (&Plan, &Plan), files: (&str, &str)) -> Diff {
    let (old_report, new_report) = &revision.reports;
    let status = |plan: &Plan, report: &Report, id: RuleId| {
        let rule = plan.rule(id);
        let result = report.rule(id);
        RuleStatus { name: rule.name.clone(), group: rule.group_path.clone(), status: result.outcome.status, grade: result.grade.clone() }
    };
    let pairs = &revision.matching.pairs;
    Diff {
        old: Version { file: files.0.to_string(), plan: old.name.clone() },
        new: Version { file: files.1.to_string(), plan: new.name.clone() },
        as_of: revision.as_of,
        added: revision.matching.added.iter().map(|id| status(new, new_report, *id)).collect(),
        removed: revision.matching.removed.iter().map(|id| status(old, old_report, *id)).collect(),
        renamed: pairs
            .iter()
            .filter(|pair| pair.by != MatchedBy::Name)
            .map(|pair| Renamed {
                old_name: old.rule(pair.old).name.clone(),
                new_name: new.rule(pair.new).name.clone(),
                matched_by: pair.by,
            })
            .collect(),
        changed: revision
            .rules
            .iter()
            .map(|(index, changes)| RuleChanges {
                name: new.rule(pairs[*index].new).name.clone(),
                changes: changes.iter().map(change).collect(),
            })
            .collect(),
        plan: revision.plan.iter().map(change).collect(),
        effects: revision
            .effects
            .iter()
            .map(|(subject, effect)| EffectDoc {
                rule: match subject {
                    Subject::Pair(index) => Some(new.rule(pairs[*index].new).name.clone()),
                    _ => None,
                },
                group: match subject {
                    Subject::Group(path) => Some(path.clone()),
                    _ => None,
                },
                old_status: effect.old_status,
                new_status: effect.new_status,
                old_grade: effect.old_grade.clone(),
                new_grade: effect.new_grade.clone(),
            })
            .collect(),
    }
}

fn change(change: &Change) -> ChangeDoc {
    ChangeDoc { aspect: change.aspect, old: change.old.clone(), new: change.new.clone() }
}

/// Scenarios side by side (`shihyo eval --scenario A --scenario B --format json`).
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ScenarioComparison {
    pub plan: String,
    /// The actuals alone, then each scenario.
    pub columns: Vec<ComparedColumn>,
    /// Each rule the summary counts (not the members of `any`/`all`), with its figures per column.
    pub rules: Vec<ComparedRule>,
    /// The comparison in sentences, written from the figures.
    pub summary: Vec<String>,
    /// The checker's warnings and what the scenarios could not project.
    pub diagnostics: Vec<DiagnosticDoc>,
}

/// One column: the actuals alone (`scenario` null) or a scenario.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ComparedColumn {
    pub scenario: Option<String>,
    pub as_of: Year,
    pub counts: Counts<usize>,
    pub grade: Option<String>,
}

/// A rule across the columns.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ComparedRule {
    pub name: String,
    pub group: Option<String>,
    /// The unit's machine name (`yen`, `percent`, a unit word).
    pub unit: Option<String>,
    /// One per column, in the columns' order.
    pub values: Vec<ComparedValue>,
}

/// A rule's figures in one column.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ComparedValue {
    pub actual: Option<String>,
    /// The actual is (or is computed from) a projection.
    pub projected: bool,
    pub target: Option<String>,
    pub achievement: Option<String>,
    pub status: Status,
    pub grade: Option<String>,
}

/// The document of scenarios compared.
pub fn scenarios(engine: &Engine, project: &Project, columns: &[Column], lang: Lang) -> ScenarioComparison {
    let plan = &project.plan;
    let decimal = |value: Option<rust_decimal::Decimal>| value.map(|v| v.normalize().to_string());
    let notes = columns.iter().flat_map(|c| &c.notes);
    ScenarioComparison {
        plan: plan.name.clone(),
        columns: columns
            .iter()
            .map(|column| ComparedColumn {
                scenario: column.scenario.map(|index| plan.scenarios[index].name.clone()),
                as_of: column.report.as_of,
                counts: Counts(column.report.counts().iter().map(|(status, count)| (*status, *count)).collect()),
                grade: column.report.root.grade.clone(),
            })
            .collect(),
        rules: shown_rules(plan)
            .map(|id| {
                let rule = plan.rule(id);
                ComparedRule {
                    name: rule.name.clone(),
                    group: rule.group_path.clone(),
                    unit: rule.unit().machine_name().map(str::to_string),
                    values: columns
                        .iter()
                        .map(|column| {
                            let result = column.report.rule(id);
                            ComparedValue {
                                actual: decimal(result.outcome.actual),
                                projected: result.projected,
                                target: decimal(result.outcome.target),
                                achievement: decimal(result.outcome.achievement),
                                status: result.outcome.status,
                                grade: result.grade.clone(),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        summary: summary(plan, columns, lang),
        diagnostics: project.warnings.iter().chain(notes).map(|d| json::diagnostic(engine, d, lang)).collect(),
    }
}

/// Simulations side by side (`shihyo simulate --simulation A --simulation B --format json`).
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SimulationComparison {
    /// Each simulation's document, as `shihyo simulate --format json` writes it, in the order asked.
    pub simulations: Vec<Simulation>,
    /// The first simulation against each other one, in sentences.
    pub summary: Vec<String>,
}

/// The published schemas: each file name in `docs/schema/` and its JSON Schema.
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("diff.json", schemars::schema_for!(Diff)),
        ("scenarios.json", schemars::schema_for!(ScenarioComparison)),
        ("simulations.json", schemars::schema_for!(SimulationComparison)),
    ]
}
