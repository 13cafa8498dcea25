//! Runs the spec cases in `tests/spec/**/*.kpi` at the top of the repository,
//! one test per case, named `folder/file::case name` (the folders mirror the
//! layers: `syntax`, `check`, `eval`): `cargo test -p shihyo-core --test spec
//! -- status` runs the cases whose name contains `status`.
//!
//! A file holds many cases, each headed `--- name ---`. A case is a plan
//! written in the language, with its expectations in comments:
//!
//! - `// As-of: R5` evaluates at that year (default: the latest year with data).
//! - `// Scenario: NAME` evaluates on the actuals plus that scenario's projections.
//! - `// Expect: "name" field=value …` checks fields of that rule in the JSON
//!   report: `=` compares exactly (decimals normalised, years by label),
//!   `≈` compares after rounding to the digits written; a value with spaces is quoted
//!   (`message="no actual for R4"`); `remarks.comment=…` reads a field of a
//!   field. `// Expect plan: grade=B on_track=3`
//!   checks the summary (its grade, counts by status, `rules`, `met`, `judged`, `met_share`, `points_total`, `points_average`).
//! - `// Error: col N CODE words` expects an error with that code on the line
//!   above (the closest line that is not a comment), starting at column N (in
//!   characters, from 1), whose English message contains the words;
//!   `// Warning: col N CODE words` the same for a warning. Errors and warnings
//!   of loading, notes of a scenario and evaluation errors of rules all count:
//!   every one must be expected, and every expectation met.
//! - The plan's own `test` blocks run too: every case must pass, but for those
//!   named in `// Test fails: TITLE` (`test › case`), which must fail, with
//!   the failure's words in `// Failure: WORDS` under the `expect` that fails.

use libtest_mimic::{Arguments, Failed, Trial};
use rust_decimal::Decimal;
use serde_json::Value;
use shihyo_core::output::json;
use shihyo_core::syntax::{parse_year_cell, Diagnostic, Lang, Severity};
use shihyo_core::{Engine, Options};

mod common;
use common::{cases, Case};
use std::str::FromStr;

/// Whether `actual` (from the JSON report) matches `expected` with `=` or `≈`.
fn matches(actual: &Value, expected: &str, approximate: bool) -> bool {
    let actual_text = match actual {
        Value::Null => "null".to_string(),
        Value::String(s) => s.clone(),
        Value::Object(map) => map.get("label").and_then(Value::as_str).unwrap_or_default().to_string(),
        other => other.to_string(),
    };
    if approximate {
        let digits = expected.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        return match (Decimal::from_str(&actual_text), Decimal::from_str(expected)) {
            (Ok(a), Ok(e)) => a.round_dp(digits) == e,
            _ => false,
        };
    }
    match (Decimal::from_str(&actual_text), Decimal::from_str(expected)) {
        (Ok(a), Ok(e)) => a.normalize() == e.normalize(),
        _ => actual_text == expected,
    }
}

/// Splits checks at spaces, except inside quotes (`message="no actual for R4"`).
fn words(text: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quoted = false;
    for c in text.trim().chars() {
        match c {
            '"' => {
                quoted = !quoted;
                words.last_mut().expect("a word").push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !words.last().expect("a word").is_empty() {
                    words.push(String::new());
                }
            }
            c => words.last_mut().expect("a word").push(c),
        }
    }
    words.retain(|word| !word.is_empty());
    words
}

/// Splits `"name" a=1 b≈2` into the name and its checks.
fn parse_expectation(rest: &str) -> (Option<String>, Vec<(String, String, bool)>) {
    let rest = rest.trim();
    let (name, checks) = if let Some(stripped) = rest.strip_prefix('"') {
        let end = stripped.find('"').expect("a closing quote");
        (Some(stripped[..end].to_string()), &stripped[end + 1..])
    } else {
        (None, rest.strip_prefix("plan:").unwrap_or(rest))
    };
    let checks = words(checks)
        .into_iter()
        .map(|check| {
            let (key, value, approximate) = match check.split_once('≈') {
                Some((k, v)) => (k, v, true),
                None => {
                    let (k, v) = check.split_once('=').unwrap_or_else(|| panic!("`{check}` is not field=value"));
                    (k, v, false)
                }
            };
            (key.to_string(), value.trim_matches('"').to_string(), approximate)
        })
        .collect();
    (name, checks)
}

/// An expected diagnostic: its line in the case, column, severity, code and words.
struct Expected {
    line: Option<usize>,
    column: usize,
    severity: Severity,
    code: String,
    words: String,
    seen: bool,
}

/// Reads `col N CODE words` after `// Error:` or `// Warning:`.
fn parse_diagnostic(rest: &str, severity: Severity, line: Option<usize>) -> Result<Expected, String> {
    let mut words = rest.trim().splitn(4, ' ');
    let (Some("col"), Some(column), Some(code)) = (words.next(), words.next(), words.next()) else {
        return Err(format!("`{}` is not `col N CODE words`", rest.trim()));
    };
    let column = column.parse().map_err(|_| format!("`{column}` is not a column number"))?;
    let words = words.next().unwrap_or_default().trim().to_string();
    Ok(Expected { line, column, severity, code: code.to_string(), words, seen: false })
}

fn run(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let mut engine = Engine::new();
    let plan = engine.add_source(format!("{}:{}", case.file, case.name), case.text.clone());
    let lines: Vec<&str> = case.text.lines().collect();
    let code_line_above =
        |index: usize| (0..index).rev().find(|&i| !lines[i].trim_start().starts_with("//") && !lines[i].trim().is_empty()).map(|i| i + 1);
    let mut expected_diagnostics = Vec::new();
    let mut expectations = Vec::new();
    let mut as_of = None;
    let mut scenario = None;
    let mut failing_tests = Vec::new();
    let mut failure_words: Vec<(usize, String)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let line = line.trim_start();
        let diagnostic = match (line.strip_prefix("// Error:"), line.strip_prefix("// Warning:")) {
            (Some(rest), _) => Some(parse_diagnostic(rest, Severity::Error, code_line_above(index))),
            (_, Some(rest)) => Some(parse_diagnostic(rest, Severity::Warning, code_line_above(index))),
            _ => None,
        };
        match diagnostic {
            Some(Ok(expected)) => expected_diagnostics.push(expected),
            Some(Err(problem)) => failures.push(format!("line {}: {problem}", index + 1)),
            None => {}
        }
        if let Some(rest) = line.strip_prefix("// Expect:") {
            expectations.push(parse_expectation(rest));
        } else if let Some(rest) = line.strip_prefix("// As-of:") {
            as_of = Some(parse_year_cell(rest.trim()).expect("a valid As-of year").number);
        } else if let Some(rest) = line.strip_prefix("// Scenario:") {
            scenario = Some(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("// Test fails:") {
            failing_tests.push(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("// Failure:") {
            failure_words.push((code_line_above(index).unwrap_or(0), rest.trim().to_string()));
        }
    }
    let mut found: Vec<Diagnostic> = Vec::new();
    match engine.load(plan, &[]) {
        Err(diagnostics) => {
            found.extend(diagnostics);
            if !expectations.is_empty() {
                failures.push("the plan did not load, so nothing could be evaluated".into());
            }
        }
        Ok(project) => {
            found.extend(project.warnings.iter().cloned());
            failures.extend(plan_tests(&engine, &project, &failing_tests, &failure_words));
            let options = Options { as_of, explain: true };
            let report = match &scenario {
                None => project.evaluate(options),
                Some(name) => {
                    let def = project.plan.scenario(name).unwrap_or_else(|| panic!("no scenario named {name}"));
                    let (report, notes) = project.evaluate_scenario(def, options);
                    found.extend(notes);
                    report
                }
            };
            found.extend(report.rules.iter().filter_map(|rule| rule.diagnostic.clone()));
            let json = serde_json::to_value(json::report(&report, &project.plan, &project.remarks, engine.source(plan), Lang::En))
                .expect("a document");
            for (name, checks) in &expectations {
                let subject = match name {
                    Some(name) => match json["rules"].as_array().unwrap().iter().find(|r| r["name"] == name.as_str()) {
                        Some(rule) => rule.clone(),
                        None => {
                            failures.push(format!("no rule named {name}"));
                            continue;
                        }
                    },
                    None => json["summary"].clone(),
                };
                for (key, value, approximate) in checks {
                    let actual = match (name, key.as_str()) {
                        (None, "grade") => subject["grade"].clone(),
                        (None, key @ ("rules" | "met" | "judged" | "met_share" | "points_total" | "points_average")) => {
                            subject[key].clone()
                        }
                        (None, status) => subject["counts"].get(status).cloned().unwrap_or(Value::from(0)),
                        // `remarks.comment` reads a field of a field; a field left out of the JSON is null.
                        (Some(_), field) if field.contains('.') => field.split('.').fold(subject.clone(), |v, k| v[k].clone()),
                        // A field the JSON leaves out when empty (`remarks`) may be expected as null.
                        (Some(_), field) if value == "null" => subject.get(field).cloned().unwrap_or(Value::Null),
                        (Some(_), field) => subject.get(field).cloned().unwrap_or_else(|| panic!("no field {field}")),
                    };
                    if !matches(&actual, value, *approximate) {
                        let who = name.clone().unwrap_or_else(|| "plan".into());
                        failures.push(format!("{who}: {key} is {actual}, expected {}{value}", if *approximate { "≈" } else { "=" }));
                    }
                }
            }
        }
    }
    for diagnostic in &found {
        let (line, column) = engine.source(plan).line_column(diagnostic.span.start);
        let matched = expected_diagnostics.iter_mut().find(|e| {
            !e.seen
                && e.line == Some(line)
                && e.column == column
                && e.severity == diagnostic.severity
                && e.code == diagnostic.code.as_str()
                && diagnostic.message.en.contains(e.words.as_str())
        });
        match matched {
            Some(expected) => expected.seen = true,
            None => failures.push(format!(
                "unexpected {:?} at line {line}, column {column}: {} {}",
                diagnostic.severity, diagnostic.code, diagnostic.message.en
            )),
        }
    }
    for e in expected_diagnostics.iter().filter(|e| !e.seen) {
        failures
            .push(format!("expected {:?} {} `{}` at line {:?}, column {} was not reported", e.severity, e.code, e.words, e.line, e.column));
    }
    failures
}

/// Runs the plan's own tests: the cases named in `failing` must fail (each failed
/// expectation with its `// Failure:` words, by line), every other case must pass.
fn plan_tests(engine: &Engine, project: &shihyo_core::Project, failing: &[String], words: &[(usize, String)]) -> Vec<String> {
    let mut failures = Vec::new();
    let run = project.run_tests();
    for case_run in &run.cases {
        let title = shihyo_core::output::testing::case_title(project, case_run, Lang::En);
        let name = title.split(" (as of").next().unwrap_or_default().to_string();
        let should_fail = failing.contains(&name);
        if case_run.passed() == should_fail {
            failures.push(format!("the test `{name}` {}", if should_fail { "passed, but should fail" } else { "failed" }));
        }
        let case = &project.tests[case_run.test].cases[case_run.case];
        for (expectation, result) in case.expectations.iter().zip(&case_run.results).filter(|(_, r)| !r.passed) {
            let line = engine.source(project.plan.file).line_column(expectation.span.start).0;
            let message = shihyo_core::output::testing::failure(&project.plan, expectation, result.got, Lang::En);
            let expected = words.iter().find(|(at, _)| *at == line).map(|(_, w)| w.as_str());
            match expected {
                Some(words) if message.contains(words) => {}
                _ => failures.push(format!("line {line}: {message} (no `// Failure:` with its words under it)")),
            }
        }
    }
    for (line, words) in words {
        let failed = run.cases.iter().any(|case_run| {
            let case = &project.tests[case_run.test].cases[case_run.case];
            case.expectations
                .iter()
                .zip(&case_run.results)
                .any(|(e, r)| !r.passed && engine.source(project.plan.file).line_column(e.span.start).0 == *line)
        });
        if !failed {
            failures.push(format!("line {line}: expected to fail with `{words}`, but it passed"));
        }
    }
    for name in failing {
        if !run.cases.iter().any(|c| shihyo_core::output::testing::case_title(project, c, Lang::En).starts_with(name.as_str())) {
            failures.push(format!("no test `{name}` ran"));
        }
    }
    failures
}

fn main() {
    let arguments = Arguments::from_args();
    let cases = cases();
    assert!(cases.len() >= 10, "the case files hold {} cases", cases.len());
    let trials = cases
        .into_iter()
        .map(|case| {
            Trial::test(case.id(), move || {
                let failures = run(&case);
                if failures.is_empty() {
                    return Ok(());
                }
                let place = format!("tests/spec/{}.kpi:{}", case.file, case.first_line);
                Err(Failed::from(format!("{place}\n    {}", failures.join("\n    "))))
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit();
}
