//! What a revision of a plan changes: the rules added, removed and renamed,
//! each change of a paired rule's target, years, unit, kind, derivation or
//! group (and the scales a group gives it), the plan's own settings (period,
//! base year, grade scale, formula, roll-up), and then, evaluated on the same actuals as of the same year,
//! every status and grade that is not what it was. Texts are as each version
//! writes them (its expressions quoted, its years in its own style).

use crate::matching::{MatchedBy, Matching, Pair};
use crate::versions::Versions;
use serde::Serialize;
use shihyo_core::model::units::quantity_shown;
use shihyo_core::model::{Grade, Plan, PointStep, RuleDef, RuleId, RuleSpec, TargetDef};
use shihyo_core::output::display::{self, comparator_text, year_text};
use shihyo_core::syntax::ast::{AchievementFormula, Rollup};
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{Lang, Source, Year};
use shihyo_core::{Options, Project, Report, Status};

/// What of a rule or of the plan changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// A rule's comparison and target (with the target's value, where it has one).
    Target,
    /// A rule's target year (`by`, `every year`, a milestone's year).
    TargetYear,
    /// A rule's base year (`from`, or the plan's `baseline`).
    BaseYear,
    /// A rule's unit (`unit 件`, `円`, `%`, …).
    Unit,
    /// The rule's keyword (`output`, `outcome`, …) and aggregate (`total`, `average`).
    Kind,
    /// A derived indicator's formula.
    Derivation,
    /// The group the rule stands in.
    Group,
    /// The plan's period.
    Period,
    /// A grade scale: the plan's, or the one a group gives its rules (listed with each of them).
    Grades,
    /// A points scale: the plan's, or the one a group gives its rules.
    Points,
    /// The plan's achievement formula.
    Achievement,
    /// The plan's roll-up.
    Rollup,
}

/// One change: the aspect, as the old version wrote it and as the new one does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub aspect: Aspect,
    /// The aspect as the old version writes it (its expressions quoted, its years in its own style).
    pub old: String,
    /// The aspect as the new version writes it.
    pub new: String,
}

/// A status and grade before and after the revision (`None`: the version has no such rule or group).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effect {
    /// A rule's status in the old version; `None` for a group or the plan, which are compared by grade alone.
    pub old_status: Option<Status>,
    /// A rule's status in the new version; `None` for a group or the plan.
    pub new_status: Option<Status>,
    /// The grade in the old version; `None` when it had none.
    pub old_grade: Option<String>,
    /// The grade in the new version; `None` when it has none.
    pub new_grade: Option<String>,
}

/// What an effect is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A rule of both versions (index in `Matching::pairs`).
    Pair(usize),
    /// A group of both versions, by path.
    Group(String),
    /// The whole plan.
    Plan,
}

/// A revision compared.
pub struct Revision {
    /// Which rule of the new version is which of the old, and the rules added and removed.
    pub matching: Matching,
    /// Index in `matching.pairs` and that rule's changes (rules without changes left out).
    pub rules: Vec<(usize, Vec<Change>)>,
    /// The plan's own settings that changed.
    pub plan: Vec<Change>,
    /// The year both versions were evaluated as of.
    pub as_of: Year,
    /// Statuses and grades that are not what they were.
    pub effects: Vec<(Subject, Effect)>,
    /// The evaluations, old and new.
    pub reports: (Report, Report),
}

/// Compares two versions as of `as_of` (default: the latest year with data in either).
pub fn compare(versions: &Versions, as_of: Option<i32>, lang: Lang) -> Revision {
    let (old, new) = (&versions.old, &versions.new);
    // One year for both: asked, else the latest with data in either, else the new period's first.
    let as_of = as_of.or_else(|| latest_year(old).max(latest_year(new))).unwrap_or(new.plan.period.0);
    let options = Options { as_of: Some(as_of), explain: false };
    let reports = (old.evaluate(options), new.evaluate(options));
    let matching = versions.matching.clone();
    let rules = matching
        .pairs
        .iter()
        .enumerate()
        .map(|(index, pair)| (index, rule_changes(old, new, &reports, *pair, lang)))
        .filter(|(_, changes)| !changes.is_empty())
        .collect();
    let plan = plan_changes(&old.plan, &new.plan, lang);
    let effects = effects(&matching, &reports);
    Revision { matching, rules, plan, as_of: reports.1.as_of, effects, reports }
}

/// The latest year with an actual.
fn latest_year(project: &Project) -> Option<i32> {
    project.data.iter().filter_map(|years| years.keys().next_back().copied()).max()
}

fn rule_changes(old: &Project, new: &Project, reports: &(Report, Report), pair: Pair, lang: Lang) -> Vec<Change> {
    let (o, n) = (old.plan.rule(pair.old), new.plan.rule(pair.new));
    let mut changes = Vec::new();
    // Each aspect is compared by a key that does not depend on how a version writes it (years
    // in one style, text in NFKC with its spaces squeezed), and shown as each version writes it.
    let mut compare = |aspect, written: &dyn Fn(&Plan, &RuleDef, Shown) -> String| {
        if written(&old.plan, o, Shown::Key) != written(&new.plan, n, Shown::Key) {
            changes.push(Change { aspect, old: written(&old.plan, o, Shown::As(lang)), new: written(&new.plan, n, Shown::As(lang)) });
        }
    };
    compare(Aspect::Kind, &|_, rule, _| kind_text(rule));
    compare(Aspect::Target, &target_text);
    compare(Aspect::TargetYear, &target_year_text);
    compare(Aspect::BaseYear, &base_year_text);
    compare(Aspect::Unit, &|_, rule, shown| shown.text(&rule.unit.text));
    compare(Aspect::Derivation, &|plan, rule, shown| rule.derivation().map(|e| shown.text(plan.quote(&e.span))).unwrap_or_default());
    compare(Aspect::Group, &|_, rule, _| rule.group_path.clone().unwrap_or_default());
    // The scales a rule is graded and scored by, when a group gives it its own in either
    // version (a change of the header's is the plan's own, listed once).
    if o.scale.is_some() || n.scale.is_some() {
        compare(Aspect::Grades, &|plan, rule, _| grades_text(plan.grades_of(rule.scale)));
        compare(Aspect::Points, &|plan, rule, _| points_text(plan.points_of(rule.scale)));
    }
    // A target written otherwise (`2300人` for `2,300人`, `* 1.5` for `* 150%`) that comes to the
    // same value on these actuals is no change.
    let (old_target, new_target) = (reports.0.rule(pair.old).outcome.target, reports.1.rule(pair.new).outcome.target);
    if old_target.is_some() && old_target == new_target && kind_text(o) == kind_text(n) {
        changes.retain(|c| c.aspect != Aspect::Target);
    }
    // The value a changed target came to, beside the text that says how it is computed.
    if let Some(change) = changes.iter_mut().find(|c| c.aspect == Aspect::Target) {
        let valued = |text: &mut String, plan: &Plan, report: &Report, id: RuleId| {
            if let Some(value) = report.rule(id).outcome.target {
                let shown = quantity_shown(value, &plan.rule(id).unit, plan.rates);
                if !text.contains(&shown) {
                    *text = format!("{text} ({shown})");
                }
            }
        };
        valued(&mut change.old, &old.plan, &reports.0, pair.old);
        valued(&mut change.new, &new.plan, &reports.1, pair.new);
    }
    changes
}

/// How an aspect is written: as the key it is compared by, or for people in a language.
#[derive(Clone, Copy)]
enum Shown {
    Key,
    As(Lang),
}

impl Shown {
    /// A year: western for the key, as the plan writes its years for people.
    fn year(self, plan: &Plan, number: i32, calendar: bool) -> String {
        match self {
            Shown::Key => year_text(YearStyle::Western, number, calendar, Lang::En),
            Shown::As(lang) => year_text(plan.years, number, calendar, lang),
        }
    }

    /// Written text: NFKC with its spaces squeezed for the key, as written for people.
    fn text(self, text: &str) -> String {
        match self {
            Shown::Key => squeezed(Source::new("", text).normalized()),
            Shown::As(_) => text.to_string(),
        }
    }
}

/// Text with its runs of white space made one space, for comparing what two versions wrote.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kind_text(rule: &RuleDef) -> String {
    let aggregate = match &rule.spec {
        RuleSpec::Measured(measured) => measured.aggregate.written(),
        RuleSpec::Qualitative => Some("qualitative"),
        RuleSpec::Milestone { .. } | RuleSpec::Composite { .. } => None,
    };
    let keyword = match &rule.spec {
        RuleSpec::Composite { mode, .. } => match mode {
            shihyo_core::syntax::ast::CompositeMode::Any => "any",
            shihyo_core::syntax::ast::CompositeMode::All => "all",
        },
        _ => rule.kind.keyword(),
    };
    match aggregate {
        Some(words) => format!("{keyword} {words}"),
        None => keyword.to_string(),
    }
}

/// The comparison and target as the plan writes them (`>= baseline(R1) * 150%`).
fn target_text(plan: &Plan, rule: &RuleDef, shown: Shown) -> String {
    let RuleSpec::Measured(measured) = &rule.spec else { return String::new() };
    let Some(comparison) = &measured.comparison else { return String::new() };
    let target = match &comparison.target {
        TargetDef::Tbd => "tbd".to_string(),
        TargetDef::Expr(expr) => shown.text(plan.quote(&expr.span)),
        TargetDef::Schedule(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(year, expr)| format!("{}: {}", shown.year(plan, *year, rule.calendar), shown.text(plan.quote(&expr.span))))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    };
    format!("{} {target}", comparator_text(comparison.comparator))
}

fn target_year_text(plan: &Plan, rule: &RuleDef, shown: Shown) -> String {
    match &rule.spec {
        RuleSpec::Measured(measured) if measured.every_year => "every year".to_string(),
        RuleSpec::Measured(measured) => shown.year(plan, measured.target_year, rule.calendar),
        RuleSpec::Milestone { by } => shown.year(plan, *by, rule.calendar),
        RuleSpec::Qualitative | RuleSpec::Composite { .. } => String::new(),
    }
}

fn base_year_text(plan: &Plan, rule: &RuleDef, shown: Shown) -> String {
    match &rule.spec {
        RuleSpec::Measured(measured) => measured.base_year.map(|year| shown.year(plan, year, rule.calendar)).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A grade scale as people read it: `A ≥ 100%, B ≥ 80%, C`.
fn grades_text(grades: &[Grade]) -> String {
    grades.iter().map(|grade| display::scale_step(&grade.name, &grade.when)).collect::<Vec<_>>().join(", ")
}

/// A points scale as people read it: `7 ≥ 100%, 6 ≥ 90%, 1`.
fn points_text(points: &[PointStep]) -> String {
    points.iter().map(|step| display::scale_step(&step.points.normalize().to_string(), &step.when)).collect::<Vec<_>>().join(", ")
}

/// How one of the plan's settings is written.
type PlanText<'a> = dyn Fn(&Plan, Shown) -> String + 'a;

fn plan_changes(old: &Plan, new: &Plan, lang: Lang) -> Vec<Change> {
    let period = |plan: &Plan, shown: Shown| {
        let (first, last) = plan.period;
        format!("{}..{}", shown.year(plan, first, plan.calendar), shown.year(plan, last, plan.calendar))
    };
    let baseline = |plan: &Plan, shown: Shown| plan.baseline.map(|year| shown.year(plan, year, plan.calendar)).unwrap_or_default();
    let grades = |plan: &Plan, _: Shown| grades_text(&plan.grades);
    let points = |plan: &Plan, _: Shown| points_text(&plan.points);
    let achievement = |plan: &Plan, _: Shown| match plan.achievement {
        AchievementFormula::Ratio => "ratio".to_string(),
        AchievementFormula::Progress => "progress".to_string(),
    };
    let rollup = |plan: &Plan, _: Shown| match plan.rollup {
        Rollup::Lowest => "lowest".to_string(),
        Rollup::Average => "average".to_string(),
    };
    let aspects: [(Aspect, &PlanText); 6] = [
        (Aspect::Period, &period),
        (Aspect::BaseYear, &baseline),
        (Aspect::Grades, &grades),
        (Aspect::Points, &points),
        (Aspect::Achievement, &achievement),
        (Aspect::Rollup, &rollup),
    ];
    aspects
        .into_iter()
        .filter(|(_, text)| text(old, Shown::Key) != text(new, Shown::Key))
        .map(|(aspect, text)| Change { aspect, old: text(old, Shown::As(lang)), new: text(new, Shown::As(lang)) })
        .collect()
}

/// The statuses and grades that the revision changes: of the rules of both versions,
/// of the groups of both (by path), and of the plan.
fn effects(matching: &Matching, (old, new): &(Report, Report)) -> Vec<(Subject, Effect)> {
    let mut effects = Vec::new();
    for (index, pair) in matching.pairs.iter().enumerate() {
        let (o, n) = (old.rule(pair.old), new.rule(pair.new));
        let effect = Effect {
            old_status: Some(o.outcome.status),
            new_status: Some(n.outcome.status),
            old_grade: o.grade.clone(),
            new_grade: n.grade.clone(),
        };
        if effect.old_status != effect.new_status || effect.old_grade != effect.new_grade {
            effects.push((Subject::Pair(index), effect));
        }
    }
    let mut groups = Vec::new();
    every_group(&new.root, &mut |group| groups.push(group));
    for group in groups {
        let Some(before) = old.root.find(&group.path) else { continue };
        if before.grade != group.grade {
            let effect = Effect { old_status: None, new_status: None, old_grade: before.grade.clone(), new_grade: group.grade.clone() };
            effects.push((Subject::Group(group.path.clone()), effect));
        }
    }
    if old.root.grade != new.root.grade {
        let effect = Effect { old_status: None, new_status: None, old_grade: old.root.grade.clone(), new_grade: new.root.grade.clone() };
        effects.push((Subject::Plan, effect));
    }
    effects
}

fn every_group<'r>(group: &'r shihyo_core::eval::GroupResult, visit: &mut impl FnMut(&'r shihyo_core::eval::GroupResult)) {
    for inner in &group.groups {
        visit(inner);
        every_group(inner, visit);
    }
}

/// How a pair was matched, for people.
pub fn matched_by_words(by: MatchedBy, lang: Lang) -> &'static str {
    match (by, lang) {
        (MatchedBy::Name, Lang::En) => "by name",
        (MatchedBy::Name, Lang::Ja) => "名前で対応",
        (MatchedBy::Id, Lang::En) => "matched by id",
        (MatchedBy::Id, Lang::Ja) => "id で対応",
        (MatchedBy::Source, Lang::En) => "matched by source",
        (MatchedBy::Source, Lang::Ja) => "source（元の文）で対応",
    }
}
