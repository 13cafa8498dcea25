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
    /// The version before the revision (`OLD` of `shihyo diff OLD NEW`).
    pub old: Version,
    /// The revised version (`NEW` of `shihyo diff OLD NEW`).
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
    /// The plan file, as named on the command line.
    pub file: String,
    /// The name in the version's `plan "…"` header.
    pub plan: String,
}

/// A rule of one version alone.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RuleStatus {
    /// The rule's name in that version.
    pub name: String,
    /// The path of the group the rule is in (ids, or titles for groups without one, joined with `/`); null at top level.
    pub group: Option<String>,
    /// The rule's status in that version, evaluated as of `as_of`.
    pub status: Status,
    /// The rule's grade in that version; null when it has none (no data, `tbd`, a milestone, …).
    pub grade: Option<String>,
}

/// A rule that changed its name.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Renamed {
    /// The rule's name in the old version.
    pub old_name: String,
    /// The rule's name in the new version.
    pub new_name: String,
    /// How the two were found to be one rule (`id` or `source`).
    pub matched_by: MatchedBy,
}

/// A rule's changes.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RuleChanges {
    /// The rule's name in the new version.
    pub name: String,
    /// What changed of the rule, one entry per aspect.
    pub changes: Vec<ChangeDoc>,
}

/// One change, as each version writes it.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ChangeDoc {
    /// What changed (`target`, `target_year`, …; of the plan: `period`, `grades`, …).
    pub aspect: Aspect,
    /// The aspect as the old version writes it (its expressions quoted, its years in its own style).
    pub old: String,
    /// The aspect as the new version writes it.
    pub new: String,
}

/// A status and grade before and after.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct EffectDoc {
    /// The rule's new name, for a rule.
    pub rule: Option<String>,
    /// The group's path, for a group (both absent: the plan).
    pub group: Option<String>,
    /// The rule's status in the old version; null for a group or the plan.
    pub old_status: Option<Status>,
    /// The rule's status in the new version; null for a group or the plan.
    pub new_status: Option<Status>,
    /// The grade in the old version; null when it had none.
    pub old_grade: Option<String>,
    /// The grade in the new version; null when it has none.
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
    /// The name in the plan's `plan "…"` header.
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
    /// The scenario's name, as its `scenario "…"` block writes it; null for the actuals alone.
    pub scenario: Option<String>,
    /// The year the column is evaluated as of: the latest year with data for the actuals alone, the plan's last year for a scenario, or `--as-of`.
    pub as_of: Year,
    /// How many rules reached each status (statuses no rule reached are left out).
    pub counts: Counts<usize>,
    /// The plan's overall grade in the column, rolled up as its `rollup` says; null when there is none.
    pub grade: Option<String>,
}

/// A rule across the columns.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ComparedRule {
    /// The rule's name.
    pub name: String,
    /// The path of the group the rule is in (ids, or titles for groups without one, joined with `/`); null at top level.
    pub group: Option<String>,
    /// The rule's unit as the plan writes it (`円`, `%`, `件`); null for a plain number.
    pub unit: Option<String>,
    /// One per column, in the columns' order.
    pub values: Vec<ComparedValue>,
}

/// A rule's figures in one column.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ComparedValue {
    /// The actual judged (A), an exact decimal (money in 円, percentages as ratios); null without one.
    pub actual: Option<String>,
    /// The actual is (or is computed from) a projection.
    pub projected: bool,
    /// The target (T), an exact decimal in the same form as `actual`; null where there is none (`tbd`, a milestone, …).
    pub target: Option<String>,
    /// The achievement (達成率), an exact decimal ratio (0.8733 for 87.33%); null where it cannot be computed.
    pub achievement: Option<String>,
    /// The rule's status in the column.
    pub status: Status,
    /// The rule's grade in the column; null when it has none.
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
