//! `Project::set_actual`: a what-if value is checked as a data file's cell is, read by
//! every later evaluation (derived indicators too), and cites no file.

use shihyo_core::{Code, Engine, Options, Project, Status, Year};

fn project() -> Project {
    let mut engine = Engine::new();
    let plan = engine.add_source(
        "plan.kpi",
        r#"
plan "t" { period R3..R7 baseline R1 }
outcome "件数" >= baseline * 150% by R5
outcome "費用" <= 1,000千円 by R5 unit 千円
indicator "一件あたり費用" = value("費用") / value("件数")
milestone "システム更新" by R5
data "件数" { R1: 100  R5: 130 }
data "費用" { R5: 1,200千円 }
"#,
    );
    engine.load(plan, &[]).expect("the plan checks")
}

const R5: Year = Year { number: 2023, calendar: false };

#[test]
fn a_value_set_is_read_by_the_next_evaluation_and_by_derived_indicators() {
    let mut project = project();
    let as_of = Options { as_of: Some(2023), explain: true };
    assert_eq!(project.evaluate(as_of).find("件数").map(|r| r.outcome.status), Some(Status::NotAchieved));
    let count = project.plan.find("件数").expect("a rule");
    project.set_actual(count, R5, "160").expect("a number");
    let report = project.evaluate(as_of);
    assert_eq!(report.find("件数").map(|r| r.outcome.status), Some(Status::Achieved));
    // 1,200,000円 / 160件 = 7,500円.
    let per_case = report.find("一件あたり費用").and_then(|r| r.outcome.actual).map(|a| a.normalize().to_string());
    assert_eq!(per_case.as_deref(), Some("7500"));
    // The explanation cites no file for the value set.
    let inputs = report.find("件数").map(|r| r.steps.iter().flat_map(|s| &s.inputs).collect::<Vec<_>>()).unwrap_or_default();
    let set = inputs.iter().find(|input| input.value == 160.into()).expect("the value set is an input");
    assert_eq!(set.location, None);
}

#[test]
fn the_explanation_document_of_a_what_if_names_no_file() {
    let mut engine = Engine::new();
    let plan = engine.add_source(
        "plan.kpi",
        "plan \"t\" { period R3..R7 baseline R1 }\noutcome \"件数\" >= baseline * 150% by R5\ndata \"件数\" { R1: 100 }\n",
    );
    let mut project = engine.load(plan, &[]).expect("the plan checks");
    let count = project.plan.find("件数").expect("a rule");
    project.set_actual(count, R5, "160").expect("a number");
    let report = project.evaluate(Options { as_of: Some(2023), explain: true });
    let document = shihyo_core::output::json::explanation(&engine, plan, &project, &report, count, shihyo_core::Lang::En);
    let inputs: Vec<_> = document.steps.iter().flat_map(|step| &step.inputs).collect();
    let set = inputs.iter().find(|input| input.value == "160").expect("the value set is an input");
    assert_eq!((set.file.as_deref(), set.line), (None, None));
    let written = inputs.iter().find(|input| input.value == "100").expect("the baseline is an input");
    assert_eq!((written.file.as_deref(), written.line), (Some("plan.kpi"), Some(3)));
}

#[test]
fn a_value_in_another_unit_is_converted_and_one_that_does_not_fit_is_refused() {
    let mut project = project();
    let cost = project.plan.find("費用").expect("a rule");
    project.set_actual(cost, R5, "900千円").expect("千円 fits");
    project.set_actual(cost, R5, "0.9百万円").expect("百万円 fits");
    assert_eq!(
        project.evaluate(Options { as_of: Some(2023), explain: false }).find("費用").map(|r| r.outcome.status),
        Some(Status::Achieved)
    );
    let refused = project.set_actual(cost, R5, "90%").expect_err("% is not money");
    assert_eq!(refused.code, Code::E0232);
    assert_eq!(refused.file, shihyo_core::FileId::HOST);
    assert_eq!(project.set_actual(cost, R5, "13,1OO").expect_err("not a number").code, Code::E0105);
}

#[test]
fn the_checker_s_rules_hold_for_what_ifs() {
    let mut project = project();
    let derived = project.plan.find("一件あたり費用").expect("a rule");
    assert_eq!(project.set_actual(derived, R5, "1").expect_err("derived").code, Code::E0232);
    let milestone = project.plan.find("システム更新").expect("a rule");
    assert_eq!(project.set_actual(milestone, R5, "1").expect_err("a milestone is done").code, Code::E0232);
    project.set_actual(milestone, R5, "done").expect("done");
    let far = Year { number: 2400, calendar: false };
    let count = project.plan.find("件数").expect("a rule");
    assert_eq!(project.set_actual(count, far, "1").expect_err("far").code, Code::E0219);
    assert_eq!(project.set_actual(shihyo_core::RuleId(99), R5, "1").expect_err("no such rule").code, Code::E0230);
    assert!(project.clear_actual(count, R5));
    assert!(!project.clear_actual(count, R5));
    assert_eq!(
        project.evaluate(Options { as_of: Some(2023), explain: false }).find("件数").map(|r| r.outcome.status),
        Some(Status::NoData)
    );
}

#[test]
fn an_id_of_another_plan_is_answered_none_never_a_panic() {
    let project = project();
    let compiled = &project.compiled;
    let mut table = compiled.table(&project.data);
    let mut scratch = shihyo_core::Scratch::default();
    let foreign = shihyo_core::RuleId(project.plan.rules.len() + 3);
    assert!(compiled.judge(foreign, &table, 2023, &mut scratch).is_none());
    assert!(compiled.compose(foreign, &[]).is_none());
    assert_eq!(compiled.expected_in(foreign, &table, 2023, &mut scratch), None);
    assert_eq!(compiled.meets(foreign, &table, 2023, &mut scratch), None);
    assert!(compiled.derivation(foreign, &table, 2023, &mut scratch).is_none());
    assert!(compiled.reads(foreign).is_empty() && compiled.derivation_reads(foreign).is_empty());
    assert_eq!((compiled.members(foreign), compiled.target_year(foreign)), (None, None));
    assert!(!table.set(foreign, 2023, 1.into()));
    assert!(project.plan.get(foreign).is_none());
    let report = project.evaluate(Options::default());
    assert!(report.get(foreign).is_none());
    // Outcomes that are not one per rule of the plan are refused too.
    let count = project.plan.find("件数").expect("a rule");
    assert!(compiled.judge(count, &table, 2023, &mut scratch).is_some());
    assert!(compiled.compose(count, &[]).is_none());
}
