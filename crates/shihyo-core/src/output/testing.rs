//! A plan's tests run, written out: the JSON document of
//! [`document`](super::document) (`shihyo test --format json`, the npm package,
//! the app) and, for people, each case's title, each failure as expected
//! against got, and the coverage, in the reader's language. A failed figure is
//! shown to the place its expectation is written to (or exactly, for a
//! comparison), so that the two can be told apart.

use super::document::{Coverage, RuleCoverage, TestCase as CaseDoc, TestExpectation, TestFile, TestReport};
use super::json;
use crate::eval::testing::{CaseRun, Got, TestRun};
use crate::model::testing::{rounded_to, Check, Expectation, Subject};
use crate::model::units::{with_separators, Unit};
use crate::model::{Plan, Status};
use crate::{Engine, Project};
use rust_decimal::Decimal;
use shihyo_syntax::{tr, Diagnostic, FileId, Lang};

/// The document of a run over several files.
pub fn report(files: Vec<TestFile>) -> TestReport {
    let passed = files.iter().flat_map(|f| &f.cases).filter(|c| c.passed).count();
    let failed = files.iter().map(|f| f.cases.len()).sum::<usize>() - passed;
    let ok = failed == 0 && files.iter().all(|f| f.plan.is_some());
    TestReport { ok, passed, failed, files }
}

/// One file's tests run, as a document.
pub fn file(engine: &Engine, plan_file: FileId, project: &Project, run: &TestRun, lang: Lang) -> TestFile {
    let source = engine.source(plan_file);
    let plan = &project.plan;
    let cases = run
        .cases
        .iter()
        .map(|case_run| {
            let (test, case) = (&project.tests[case_run.test], &project.tests[case_run.test].cases[case_run.case]);
            let expectations = case
                .expectations
                .iter()
                .zip(&case_run.results)
                .map(|(expectation, result)| {
                    let (line, column) = source.line_column(expectation.span.start);
                    TestExpectation {
                        line,
                        column,
                        rule: match expectation.subject {
                            Subject::Rule(id) => Some(plan.rule(id).name.clone()),
                            _ => None,
                        },
                        group: match &expectation.subject {
                            Subject::Group(path) => Some(path.clone()),
                            _ => None,
                        },
                        field: expectation.field,
                        comparator: match expectation.check {
                            Check::Grade(comparator, _) => comparator,
                            Check::Compare(comparator, _) => Some(comparator),
                            Check::Status(_) | Check::Near { .. } => None,
                        },
                        expected: expectation.written.clone(),
                        got: got_machine(plan, expectation, result.got),
                        passed: result.passed,
                        message: (!result.passed).then(|| failure(plan, expectation, result.got, lang)),
                    }
                })
                .collect();
            CaseDoc {
                test: test.name.clone(),
                case: case.name.clone(),
                line: source.line_column(case.span.start).0,
                as_of: case_run.as_of,
                scenario: case.scenario.map(|index| plan.scenarios[index].name.clone()),
                passed: case_run.passed(),
                expectations,
            }
        })
        .collect();
    let by_rule: Vec<RuleCoverage> = run
        .coverage
        .iter()
        .zip(&plan.rules)
        .map(|(reached, rule)| RuleCoverage {
            name: rule.name.clone(),
            checked: reached.checked,
            // In the order a report lists statuses.
            statuses: Status::ALL.into_iter().filter(|status| reached.statuses.contains(status)).collect(),
        })
        .collect();
    let checked = by_rule.iter().filter(|r| r.checked).count();
    TestFile {
        file: source.name().to_string(),
        plan: Some(plan.name.clone()),
        diagnostics: project.warnings.iter().map(|d| json::diagnostic(engine, d, lang)).collect(),
        cases,
        coverage: Some(Coverage { rules: by_rule.len(), checked, by_rule }),
    }
}

/// A file that does not check: its errors, and no case run.
pub fn invalid_file(engine: &Engine, plan_file: FileId, diagnostics: &[Diagnostic], lang: Lang) -> TestFile {
    TestFile {
        file: engine.source(plan_file).name().to_string(),
        plan: None,
        diagnostics: diagnostics.iter().map(|d| json::diagnostic(engine, d, lang)).collect(),
        cases: Vec::new(),
        coverage: None,
    }
}

/// A case's title: the test's name, the case's after it, the year and the scenario
/// (`令和5年度 › 届く（R5、scenario 見通し）`).
pub fn case_title(project: &Project, run: &CaseRun, lang: Lang) -> String {
    let test = &project.tests[run.test];
    let case = &test.cases[run.case];
    let mut title = test.name.clone();
    if let Some(name) = &case.name {
        title.push_str(" › ");
        title.push_str(name);
    }
    let years = project.plan.years;
    let year = run.as_of.shown_in(years, lang);
    let scenario = case.scenario.map(|index| project.plan.scenarios[index].name.as_str());
    let detail = match (lang, scenario) {
        (Lang::En, None) => format!(" (as of {year})"),
        (Lang::En, Some(name)) => format!(" (as of {year}, scenario {name})"),
        (Lang::Ja, None) => format!("（{year}時点）"),
        (Lang::Ja, Some(name)) => format!("（{year}時点、シナリオ「{name}」）"),
    };
    title + &detail
}

/// A case's verdict: `ok` or `FAIL`, 合格 or 不合格.
pub fn verdict(passed: bool, lang: Lang) -> &'static str {
    match (passed, lang) {
        (true, Lang::En) => "ok",
        (false, Lang::En) => "FAIL",
        (true, Lang::Ja) => "合格",
        (false, Lang::Ja) => "不合格",
    }
}

/// A failed expectation in words: what it names, what it expected and what it got.
pub fn failure(plan: &Plan, expectation: &Expectation, got: Got, lang: Lang) -> String {
    let subject = match &expectation.subject {
        Subject::Rule(id) => {
            let name = &plan.rule(*id).name;
            tr!("`{name}`", "「{name}」")
        }
        Subject::Group(path) => tr!("group `{path}`", "グループ「{path}」"),
        Subject::Plan => tr!("the plan", "計画全体"),
    };
    let subject = subject.get(lang).to_string();
    let field = expectation.field.keyword();
    let comparator = match expectation.check {
        Check::Grade(Some(comparator), _) | Check::Compare(comparator, _) => format!("{} ", comparator.symbol()),
        _ => String::new(),
    };
    let expected = &expectation.written;
    let got = got_shown(plan, expectation, got, lang);
    tr!(
        "{subject} {field}: wanted {comparator}{expected}, got {got}",
        "{subject}の {field} は {comparator}{expected} のはずが、{got} でした"
    )
    .get(lang)
    .to_string()
}

/// What an expectation got, for people: a status by its name (and, in Japanese, its
/// label), a grade by its name, a figure in the unit and to the place it was expected in.
pub fn got_shown(plan: &Plan, expectation: &Expectation, got: Got, lang: Lang) -> String {
    let none = tr!("none", "なし").get(lang).to_string();
    match got {
        Got::Status(status) => match lang {
            Lang::En => status.name().to_string(),
            Lang::Ja => format!("{}（{}）", status.name(), status.label(Lang::Ja)),
        },
        Got::Grade(grade) => grade.map_or(none, |index| expectation.subject.grades(plan)[index].name.clone()),
        Got::Figure(None) => none,
        Got::Figure(Some(value)) => {
            // To the place expected (`Near`), else exactly: never the table's two decimals.
            let shown = match expectation.check {
                Check::Near { step, .. } => rounded_to(value, step).unwrap_or(value),
                _ => value,
            };
            match expectation.subject {
                Subject::Rule(id) if expectation.field.is_amount() => {
                    let unit = &plan.rule(id).unit;
                    let scaled = match unit.unit {
                        Unit::Percent => shown.checked_mul(Decimal::ONE_HUNDRED),
                        _ if unit.scale.is_zero() => Some(shown),
                        _ => shown.checked_div(unit.scale),
                    };
                    let text = match unit.unit {
                        Unit::Percent => "%".to_string(),
                        Unit::Plain => String::new(),
                        _ => unit.text.clone(),
                    };
                    format!("{}{text}", exact(scaled.unwrap_or(shown)))
                }
                _ => format!("{}%", exact(shown.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(shown))),
            }
        }
    }
}

/// A number as it is, without trailing zeros, with thousands separators.
fn exact(value: Decimal) -> String {
    with_separators(value.normalize())
}

/// What an expectation got, for machines: as an evaluation writes it.
fn got_machine(plan: &Plan, expectation: &Expectation, got: Got) -> Option<String> {
    match got {
        Got::Status(status) => Some(status.name().to_string()),
        Got::Grade(grade) => grade.map(|index| expectation.subject.grades(plan)[index].name.clone()),
        Got::Figure(figure) => figure.map(|value| value.normalize().to_string()),
    }
}

/// The coverage for people: how many rules an expectation checks, the statuses the
/// cases reached (by how many rules reached each), and the rules no expectation names.
pub fn coverage_lines(project: &Project, run: &TestRun, lang: Lang) -> Vec<String> {
    let rules = run.coverage.len();
    let checked = run.coverage.iter().filter(|r| r.checked).count();
    let reached: Vec<String> = Status::ALL
        .iter()
        .filter_map(|status| {
            let count = run.coverage.iter().filter(|r| r.statuses.contains(status)).count();
            (count > 0).then(|| format!("{} {count}", status.label(lang)))
        })
        .collect();
    let separator = if lang == Lang::Ja { "、" } else { ", " };
    let reached = reached.join(separator);
    let mut lines = vec![
        tr!(
            "coverage: {checked} of {rules} rules checked by an expectation",
            "カバレッジ：{rules} 件のルールのうち {checked} 件を期待で確かめています"
        )
        .get(lang)
        .to_string(),
        tr!("  statuses reached (rules): {reached}", "  到達した状態（ルール数）：{reached}").get(lang).to_string(),
    ];
    let unchecked: Vec<&str> =
        run.coverage.iter().zip(&project.plan.rules).filter(|(r, _)| !r.checked).map(|(_, rule)| rule.name.as_str()).collect();
    if !unchecked.is_empty() {
        let shown: Vec<String> = unchecked
            .iter()
            .take(MOST_NAMED)
            .map(|name| match lang {
                Lang::En => format!("`{name}`"),
                Lang::Ja => format!("「{name}」"),
            })
            .collect();
        let mut names = shown.join(separator);
        let rest = unchecked.len().saturating_sub(MOST_NAMED);
        if rest > 0 {
            names.push_str(tr!(" and {rest} more", " ほか {rest} 件").get(lang));
        }
        lines.push(tr!("  not checked: {names}", "  確かめていないルール：{names}").get(lang).to_string());
    }
    lines
}

/// The most unchecked rules named in the coverage line (`--format json` lists every rule).
const MOST_NAMED: usize = 5;
