//! A revision compared: rules paired by name, id and source; the actuals reach
//! each version under its own names; every change of a rule and of the plan is
//! listed as each version writes it; and the statuses and grades it changes.

use shihyo_compare::matching::MatchedBy;
use shihyo_compare::revision::{compare, Aspect, Revision, Subject};
use shihyo_compare::versions::{self, Versions};
use shihyo_core::syntax::{Code, Lang};
use shihyo_core::{Engine, Status};

const OLD: &str = r#"plan "計画" { period R3..R7  baseline R1  grades { A >= 100%, B >= 80%, C >= 60%, D } }
group "1" "窓口" {
  outcome "電子申請の年間利用件数" >= baseline * 150% unit 件 { source "電子申請の年間利用件数50%増加（令和元年度比）" }
  outcome "満足度" >= 80%
  output "研修" >= 2,300人 { id "2-1" }
  output "参考" >= 100件
  outcome "つながり" >= 30%
}
"#;

const NEW: &str = r#"plan "計画" { period R3..R7  baseline R1  grades { A >= 100%, B >= 90%, C >= 60%, D } }
group "1" "窓口" {
  outcome "電子申請件数" >= baseline * 150% unit 件 { source "電子申請の年間利用件数50%増加（令和元年度比）" }
  outcome "満足度" >= 80% by R6
}
group "2" "職員" {
  output "研修の受講者数" >= 2,500人 { id "2-1" }
  output "参考" total >= 100件
  outcome "新しい指標" >= 60%
}
"#;

/// The actuals, under the old names.
const DATA: &str = "indicator,R1,R5,R6\n電子申請の年間利用件数,12480,18100,\n満足度,72.4%,77.2%,78%\n研修,2090,2240,\nつながり,,22%,\n";

fn load(data: &str) -> (Engine, Result<Versions, shihyo_core::syntax::Diagnostics>) {
    let mut engine = Engine::new();
    let old = engine.add_source("old.kpi", OLD);
    let new = engine.add_source("new.kpi", NEW);
    let data = engine.add_source("actuals.csv", data);
    let loaded = versions::load(&engine, old, new, &[data]);
    (engine, loaded)
}

#[test]
fn rules_pair_by_name_then_id_then_source() {
    let (_, loaded) = load(DATA);
    let versions = loaded.expect("both versions load");
    let matching = &versions.matching;
    let name = |plan: &shihyo_core::Plan, id: shihyo_core::RuleId| plan.rule(id).name.clone();
    let pairs: Vec<(String, String, MatchedBy)> =
        matching.pairs.iter().map(|p| (name(&versions.old.plan, p.old), name(&versions.new.plan, p.new), p.by)).collect();
    assert_eq!(
        pairs,
        [
            ("電子申請の年間利用件数".into(), "電子申請件数".into(), MatchedBy::Source),
            ("満足度".into(), "満足度".into(), MatchedBy::Name),
            ("研修".into(), "研修の受講者数".into(), MatchedBy::Id),
            ("参考".into(), "参考".into(), MatchedBy::Name),
        ]
    );
    assert_eq!(matching.removed.iter().map(|id| name(&versions.old.plan, *id)).collect::<Vec<_>>(), ["つながり"]);
    assert_eq!(matching.added.iter().map(|id| name(&versions.new.plan, *id)).collect::<Vec<_>>(), ["新しい指標"]);
}

#[test]
fn an_id_or_source_shared_by_several_rules_pairs_none_of_them() {
    let old = "plan \"t\" { period R3..R7 }\nmilestone \"a\" by R4 { id \"3-1-1\" }\nmilestone \"b\" by R4 { id \"3-1-1\" }\n";
    let new = "plan \"t\" { period R3..R7 }\nmilestone \"a2\" by R4 { id \"3-1-1\" }\nmilestone \"b2\" by R4 { id \"3-1-1\" }\n";
    let mut engine = Engine::new();
    let (old, new) = (engine.add_source("old.kpi", old), engine.add_source("new.kpi", new));
    let versions = versions::load(&engine, old, new, &[]).expect("both load");
    assert!(versions.matching.pairs.is_empty());
    assert_eq!((versions.matching.removed.len(), versions.matching.added.len()), (2, 2));
}

#[test]
fn an_id_shared_with_a_rule_paired_by_name_pairs_nothing_else() {
    // `a` pairs by name; `b` and `c` share its id, so the id names no rule alone: no rename.
    let old = "plan \"t\" { period R3..R7 }\nmilestone \"a\" by R4 { id \"1\" }\nmilestone \"b\" by R4 { id \"1\" }\n";
    let new = "plan \"t\" { period R3..R7 }\nmilestone \"a\" by R4 { id \"1\" }\nmilestone \"c\" by R4 { id \"１\" }\n";
    let mut engine = Engine::new();
    let (old, new) = (engine.add_source("old.kpi", old), engine.add_source("new.kpi", new));
    let versions = versions::load(&engine, old, new, &[]).expect("both load");
    assert_eq!(versions.matching.pairs.len(), 1);
    assert_eq!((versions.matching.removed.len(), versions.matching.added.len()), (1, 1));
}

#[test]
fn the_actuals_reach_a_renamed_rule_in_both_versions_and_a_removed_ones_stay_with_it() {
    let (_, loaded) = load(DATA);
    let versions = loaded.expect("the data of removed and renamed rules is no error");
    let revision = compare(&versions, Some(2023), Lang::En);
    let (old, new) = &revision.reports;
    let old_rule = versions.old.plan.find("電子申請の年間利用件数").unwrap();
    let new_rule = versions.new.plan.find("電子申請件数").unwrap();
    assert_eq!(old.rule(old_rule).outcome.actual, new.rule(new_rule).outcome.actual);
    assert!(new.rule(new_rule).outcome.actual.is_some());
    let removed = versions.old.plan.find("つながり").unwrap();
    assert!(versions.old.data[removed.0].contains_key(&2023));
    // Under the new names, the same.
    let renamed = DATA.replace("電子申請の年間利用件数", "電子申請件数").replace("研修,", "研修の受講者数,");
    let (_, again) = load(&renamed);
    let again = compare(&again.expect("loads"), Some(2023), Lang::En);
    assert_eq!(again.reports.0.rule(old_rule).outcome.actual, old.rule(old_rule).outcome.actual);
}

#[test]
fn a_name_neither_version_knows_is_reported_once() {
    let (engine, loaded) = load("indicator,R5\n知らない指標,1\n");
    let errors = loaded.err().expect("an unknown name");
    assert_eq!(errors.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::E0230]);
    assert_eq!(engine.source(errors[0].file).name(), "actuals.csv");
}

#[test]
fn every_change_is_listed_as_each_version_writes_it() {
    let (_, loaded) = load(DATA);
    let versions = loaded.expect("loads");
    let revision = compare(&versions, Some(2023), Lang::En);
    let changes = |name: &str| {
        let new_id = versions.new.plan.find(name).unwrap();
        let index = versions.matching.pairs.iter().position(|p| p.new == new_id).unwrap();
        revision
            .rules
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, c)| c.iter().map(|c| (c.aspect, c.old.clone(), c.new.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(changes("満足度"), [(Aspect::TargetYear, "R7".into(), "R6".into())]);
    assert_eq!(
        changes("研修の受講者数"),
        [(Aspect::Target, "≥ 2,300人".into(), "≥ 2,500人".into()), (Aspect::Group, "1".into(), "2".into())]
    );
    assert_eq!(changes("参考"), [(Aspect::Kind, "output".into(), "output total".into()), (Aspect::Group, "1".into(), "2".into())]);
    assert_eq!(changes("電子申請件数"), []);
    let plan: Vec<_> = revision.plan.iter().map(|c| (c.aspect, c.old.clone(), c.new.clone())).collect();
    assert_eq!(plan, [(Aspect::Grades, "A ≥ 100%, B ≥ 80%, C ≥ 60%, D".into(), "A ≥ 100%, B ≥ 90%, C ≥ 60%, D".into())]);
}

#[test]
fn the_statuses_and_grades_the_revision_changes() {
    let (_, loaded) = load(DATA);
    let versions = loaded.expect("loads");
    let revision = compare(&versions, Some(2023), Lang::En);
    let rule_effect = |name: &str| {
        let new_id = versions.new.plan.find(name).unwrap();
        let index = versions.matching.pairs.iter().position(|p| p.new == new_id).unwrap();
        revision.effects.iter().find(|(s, _)| *s == Subject::Pair(index)).map(|(_, e)| e.clone())
    };
    // 研修 in R5: expected 2,090 + 210 × 4/6 = 2,230 on the way to 2,300 (2,240: on track, A); on the
    // way to 2,500, 2,090 + 410 × 4/6 = 2,363.33 (2,240 / 2,363.33 = 94.78%: behind, B).
    let training = rule_effect("研修の受講者数").expect("研修 changes");
    assert_eq!((training.old_status, training.new_status), (Some(Status::OnTrack), Some(Status::Behind)));
    assert_eq!((training.old_grade.as_deref(), training.new_grade.as_deref()), (Some("A"), Some("B")));
    assert!(rule_effect("電子申請件数").is_none(), "the renamed rule evaluates the same");
    // Group 1 lost 研修 (A) and kept 満足度, whose target year moved to R6: 77.2% against
    // 72.4% + 7.6% × 4/5 = 78.48% is 98.37%, a B both before (B >= 80%) and after (B >= 90%).
    let groups: Vec<_> = revision
        .effects
        .iter()
        .filter_map(|(s, e)| if let Subject::Group(path) = s { Some((path.clone(), e.clone())) } else { None })
        .collect();
    for (path, effect) in &groups {
        let before = revision.reports.0.root.groups.iter().find(|g| &g.path == path).and_then(|g| g.grade.clone());
        assert_eq!(effect.old_grade, before);
        assert_ne!(effect.old_grade, effect.new_grade);
    }
    let plan_changed = revision.reports.0.root.grade != revision.reports.1.root.grade;
    assert_eq!(revision.effects.iter().any(|(s, _)| *s == Subject::Plan), plan_changed);
}

/// Two versions without data compared: the revision, and every rule's changes as (aspect, old, new).
fn revised(old: &str, new: &str) -> (Revision, Vec<(Aspect, String, String)>) {
    let mut engine = Engine::new();
    let (old, new) = (engine.add_source("old.kpi", old), engine.add_source("new.kpi", new));
    let versions = versions::load(&engine, old, new, &[]).expect("both load");
    let revision = compare(&versions, None, Lang::En);
    let listed = revision.rules.iter().flat_map(|(_, changes)| changes.iter().map(|c| (c.aspect, c.old.clone(), c.new.clone()))).collect();
    (revision, listed)
}

#[test]
fn the_same_plan_written_otherwise_is_no_revision() {
    let old = "plan \"t\" { period R3..R7  baseline R1 }\noutcome \"a\" >= baseline * 150% unit 件 by R7\noutput \"b\" >= 2,300人\ndata \"a\" { R1: 100 }\n";
    let new = "plan \"t\" { period FY2021..FY2025  baseline FY2019 }\noutcome \"a\" >= baseline  *  1.5 unit 件 by 令和7年度\noutput \"b\" >= 2300人\ndata \"a\" { R1: 100 }\n";
    let (revision, listed) = revised(old, new);
    assert_eq!(listed, [], "no rule changed");
    assert_eq!(revision.plan.len(), 0, "{:?}", revision.plan.iter().map(|c| (c.aspect, &c.old, &c.new)).collect::<Vec<_>>());
}

#[test]
fn a_group_s_own_scale_changed_is_listed_with_each_of_its_rules() {
    let old = "plan \"t\" { period R3..R7  grades { A >= 100%, B } }\ngroup \"1\" \"窓口\" {\n  grades { S >= 100%, A >= 80%, B }\n  points { 3 >= 100%, 1 }\n  output \"a\" >= 10件\n}\noutput \"b\" >= 10件\n";
    let new = "plan \"t\" { period R3..R7  grades { A >= 100%, B } }\ngroup \"1\" \"窓口\" {\n  grades { S >= 100%, A >= 90%, B }\n  points { 3 >= 100%, 1 }\n  output \"a\" >= 10件\n}\noutput \"b\" >= 10件\n";
    let (revision, listed) = revised(old, new);
    // The group's rule, not the one graded by the header's scale; its unchanged points scale is no change.
    assert_eq!(listed, [(Aspect::Grades, "S ≥ 100%, A ≥ 80%, B".into(), "S ≥ 100%, A ≥ 90%, B".into())]);
    assert_eq!(revision.plan.len(), 0, "the header's scale is the same");
}
