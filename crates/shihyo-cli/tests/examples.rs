//! The bundled examples run as tests: every plan under `examples/` checks and
//! evaluates with the data files beside it, and the Hadano example's table
//! is kept as a snapshot (it is the README's main command).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each example folder: its plans (`.kpi` files with a `plan` header) and data files.
/// Drafts written by `shihyo import` are not among them: they only have to check
/// (see `imported_drafts_check`); their data is for the hand-written plan. Nor is a
/// revision (`revised.kpi`): the data beside it names its earlier version's rules, and
/// `shihyo diff` evaluates the two on it (`cli.rs`, `diff_of_two_revisions_of_the_hadano_plan`).
fn examples() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut found = Vec::new();
    let mut folders: Vec<_> =
        std::fs::read_dir(root().join("examples")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    // The tour's inputs are deliberately imperfect (README.md runs them; see tests/readme.rs).
    for folder in folders.into_iter().filter(|f| !f.ends_with("tour")) {
        let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        let data: Vec<PathBuf> =
            files.iter().filter(|p| p.extension().is_some_and(|x| x == "csv" || x == "json" || x == "tsv")).cloned().collect();
        for plan in files.iter().filter(|p| p.extension().is_some_and(|x| x == "kpi")) {
            let text = std::fs::read_to_string(plan).unwrap();
            let revision = plan.file_stem().is_some_and(|stem| stem == "revised");
            if text.lines().any(|l| l.trim_start().starts_with("plan ")) && !is_draft(&text) && !revision {
                found.push((plan.clone(), data.clone()));
            }
        }
    }
    found
}

fn is_draft(text: &str) -> bool {
    text.starts_with("// shihyo import")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_shihyo")).args(args).current_dir(root()).env("NO_COLOR", "1").output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[test]
fn every_example_checks_evaluates_and_is_formatted() {
    let examples = examples();
    assert!(examples.len() >= 3, "examples: {examples:?}");
    for (plan, data) in examples {
        let plan = relative(&plan);
        let mut args = vec!["eval".to_string(), plan.clone(), "--format".into(), "json".into()];
        for file in &data {
            args.push("--data".into());
            args.push(relative(file));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, stdout, stderr) = run(&args);
        assert_eq!(status, 0, "{plan}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let statuses: std::collections::BTreeSet<&str> =
            report["rules"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
        assert!(statuses.len() >= 3, "{plan} should evaluate to a mix of statuses, got {statuses:?}");
        assert!(!statuses.contains("error"), "{plan} has rules that could not be evaluated");
        let (status, _, stderr) = run(&["fmt", "--check", &plan]);
        assert_eq!(status, 0, "{plan} is not formatted: {stderr}");
    }
}

#[test]
fn hadano_table() {
    let (status, stdout, stderr) = run(&["eval", "examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--lang", "ja"]);
    assert_eq!(status, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn imported_drafts_check() {
    let draft = root().join("examples/hadano/imported.kpi");
    assert!(is_draft(&std::fs::read_to_string(&draft).unwrap()), "imported.kpi starts with the importer's header");
    let (status, stdout, stderr) = run(&["check", "examples/hadano/imported.kpi"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("ok"), "{stdout}");
    let (status, _, stderr) = run(&["fmt", "--check", "examples/hadano/imported.kpi"]);
    assert_eq!(status, 0, "the draft is written formatted: {stderr}");
}
