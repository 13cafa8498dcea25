//! The language reference cannot drift from the code: every ```kpi block in
//! `docs/*.md` must check and evaluate, and every ```kpi-error block must fail
//! with the error its first line names (`// error: unit mismatch` matches
//! the code or the English message of one of its errors); a ```kpi block
//! whose first line is `// warning: W0233` must give that warning. The tests
//! a ```kpi block writes (`test "…" { … }`) must pass.

use shihyo_core::{Engine, Options};
use std::path::PathBuf;

fn blocks() -> Vec<(String, usize, bool, String)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let mut found = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut current: Option<(usize, bool, String)> = None;
        for (index, line) in text.lines().enumerate() {
            let fence = line.trim_start();
            match &mut current {
                None if fence == "```kpi" || fence == "```kpi-error" => {
                    current = Some((index + 1, fence.ends_with("error"), String::new()))
                }
                Some(_) if fence == "```" => {
                    let (line, error, code) = current.take().unwrap();
                    found.push((name.clone(), line, error, code));
                }
                Some((_, _, code)) => {
                    code.push_str(line);
                    code.push('\n');
                }
                None => {}
            }
        }
    }
    found
}

#[test]
fn reference_examples_run() {
    let blocks = blocks();
    assert!(blocks.len() >= 20, "the reference should hold its examples, found {}", blocks.len());
    assert!(blocks.iter().any(|b| b.2), "some examples show errors");
    let mut failures = Vec::new();
    for (file, line, error_expected, code) in &blocks {
        let mut engine = Engine::new();
        let id = engine.add_source(format!("{file}:{line}"), code.clone());
        match (engine.load(id, &[]), error_expected) {
            (Ok(project), false) => {
                project.evaluate(Options { as_of: None, explain: true });
                let run = project.run_tests();
                for case in run.cases.iter().filter(|c| !c.passed()) {
                    let title = shihyo_core::output::testing::case_title(&project, case, shihyo_core::syntax::Lang::En);
                    failures.push(format!("{file}:{line}: its test {title} fails"));
                }
                let wanted = code.lines().next().and_then(|l| l.trim().strip_prefix("// warning:")).map(str::trim);
                if let Some(wanted) = wanted {
                    if !project.warnings.iter().any(|d| d.code.as_str() == wanted) {
                        let got: Vec<String> = project.warnings.iter().map(|d| format!("{} {}", d.code, d.message.en)).collect();
                        failures.push(format!("{file}:{line}: expected the warning {wanted}, got {got:?}"));
                    }
                }
            }
            (Err(diagnostics), false) => {
                let first = &diagnostics[0];
                failures.push(format!("{file}:{line}: {} {}", first.code, first.message.en));
            }
            (Ok(_), true) => failures.push(format!("{file}:{line}: expected an error, the block is valid")),
            (Err(diagnostics), true) => {
                let wanted = code.lines().next().and_then(|l| l.trim().strip_prefix("// error:")).map(|w| w.trim().to_lowercase());
                if let Some(wanted) = wanted {
                    let matched = diagnostics
                        .iter()
                        .any(|d| d.code.as_str().to_lowercase() == wanted || d.message.en.to_lowercase().contains(&wanted));
                    if !matched {
                        let got: Vec<String> = diagnostics.iter().map(|d| format!("{} {}", d.code, d.message.en)).collect();
                        failures.push(format!("{file}:{line}: expected `{wanted}`, got {got:?}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} documentation examples fail:\n{}", failures.len(), blocks.len(), failures.join("\n"));
}
