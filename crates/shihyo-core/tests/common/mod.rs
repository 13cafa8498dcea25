//! What several test files share: the spec cases of `tests/spec/**/*.kpi`.

// Each test file uses the part it needs.
#![allow(dead_code)]

use shihyo_core::eval::{Outcome, Scratch};
use shihyo_core::{Options, Project, RuleResult};
use std::path::PathBuf;

/// One case of a spec file: a plan with its expectations in comments.
pub struct Case {
    /// The file's path below `tests/spec`, without `.kpi` (`eval/status`).
    pub file: String,
    pub name: String,
    /// Line of the case's first line in its file (1-based).
    pub first_line: usize,
    pub text: String,
}

impl Case {
    /// The case's test name: `eval/status::behind before the target year`.
    pub fn id(&self) -> String {
        format!("{}::{}", self.file, self.name)
    }
}

/// The spec files, `tests/spec/**/*.kpi` at the top of the repository, in path order.
pub fn spec_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/spec");
    let mut folders = vec![root];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("tests/spec exists").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "kpi") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every case of every spec file, in file order.
pub fn cases() -> Vec<Case> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/spec");
    let mut cases = Vec::new();
    for path in spec_files() {
        let text = std::fs::read_to_string(&path).expect("case files are UTF-8");
        let relative = path.strip_prefix(&root).expect("below tests/spec").with_extension("");
        let file = relative.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
        let mut current: Option<Case> = None;
        for (index, line) in text.lines().enumerate() {
            if let Some(name) = line.strip_prefix("--- ").and_then(|l| l.strip_suffix(" ---")) {
                cases.extend(current.take());
                current = Some(Case { file: file.clone(), name: name.to_string(), first_line: index + 2, text: String::new() });
            } else if let Some(case) = &mut current {
                case.text.push_str(line);
                case.text.push('\n');
            }
        }
        cases.extend(current);
    }
    cases
}

/// Evaluates a project as a report (explained) and with no recorder as of each
/// year, on its actuals and with each scenario. Returns how many rule evaluations
/// were compared and every difference found.
pub fn compare_recorders(project: &Project, years: &[Option<i32>]) -> (usize, Vec<String>) {
    let compiled = &project.compiled;
    let mut datasets = vec![("actuals".to_string(), project.data.clone())];
    for scenario in &project.plan.scenarios {
        let (projected, _) = shihyo_core::eval::project(&project.plan, &project.data, scenario);
        datasets.push((format!("scenario {}", scenario.name), projected));
    }
    let mut scratch = Scratch::default();
    let mut outcomes = Vec::new();
    let (mut compared, mut found) = (0, Vec::new());
    for (label, data) in &datasets {
        let table = compiled.table(data);
        for as_of in years {
            let report = shihyo_core::eval::evaluate(&project.plan, compiled, data, Options { as_of: *as_of, explain: true });
            compiled.evaluate(&table, report.as_of.number, &mut scratch, &mut outcomes);
            compared += outcomes.len();
            for difference in differences(project, &report.rules, &outcomes) {
                found.push(format!("{label}, as of {}: {difference}", report.as_of.label()));
            }
        }
    }
    (compared, found)
}

fn differences(project: &Project, report_rules: &[RuleResult], outcomes: &[Outcome]) -> Vec<String> {
    let mut found = Vec::new();
    for (result, outcome) in report_rules.iter().zip(outcomes) {
        let grades = project.plan.grades_of(project.plan.rule(result.id).scale);
        let grade = outcome.grade.map(|index| grades[index].name.clone());
        if result.outcome != *outcome || result.grade != grade {
            let name = &project.plan.rule(result.id).name;
            found.push(format!("{name}:\n  explained   {:?} {:?}\n  no recorder {outcome:?} {grade:?}", result.outcome, result.grade));
        }
    }
    found
}
