//! A recorder changes no figure: the evaluator computes the same with the
//! explaining recorder (a report) as with none (a slider, a simulation).
//!
//! Every bundled example (with its actuals) and every spec case that loads is
//! evaluated both ways, as of every year from the one before the plan's
//! period to the one after it, on the actuals alone and with each of its
//! scenarios: each rule must get the same status, year, target, baseline,
//! actual, expected value, achievement, pace achievement, progress and grade.

use shihyo_core::{Engine, Project};
use std::path::PathBuf;

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A plan to compare on: its label, its text, and its data files (name, text).
type Labelled = (String, String, Vec<(String, String)>);

/// The examples with their actuals, and the spec cases.
fn plans() -> Vec<Labelled> {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).expect("bundled files exist");
    let mut plans = vec![
        ("hadano".to_string(), read("examples/hadano/hadano.kpi"), vec![("actuals.csv".to_string(), read("examples/hadano/actuals.csv"))]),
        (
            "tourism".to_string(),
            read("examples/tourism/tourism.kpi"),
            vec![("actuals.csv".to_string(), read("examples/tourism/actuals.csv"))],
        ),
        (
            "health".to_string(),
            read("examples/health/health.kpi"),
            vec![("actuals.json".to_string(), read("examples/health/actuals.json"))],
        ),
    ];
    for case in common::cases() {
        plans.push((format!("{}: {}", case.file, case.name), case.text, Vec::new()));
    }
    plans
}

fn load(plan: &str, data: &[(String, String)]) -> Option<Project> {
    let mut engine = Engine::new();
    let plan_file = engine.add_source("plan.kpi", plan);
    let data_files: Vec<_> = data.iter().map(|(name, text)| engine.add_source(name.clone(), text.clone())).collect();
    engine.load(plan_file, &data_files).ok()
}

#[test]
fn explaining_changes_no_figure_anywhere() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for (label, plan, data) in plans() {
        let Some(project) = load(&plan, &data) else { continue };
        let (first, last) = project.plan.period;
        let years: Vec<Option<i32>> = std::iter::once(None).chain((first - 1..=last + 1).map(Some)).collect();
        let (count, found) = common::compare_recorders(&project, &years);
        compared += count;
        failures.extend(found.into_iter().map(|difference| format!("{label}, {difference}")));
    }
    assert!(compared > 1_000, "only {compared} rule evaluations compared");
    assert!(
        failures.is_empty(),
        "{} differences, the first:\n{}",
        failures.len(),
        failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}
