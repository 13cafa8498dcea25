//! Snapshot tests of what the `shihyo` binary prints, run from the
//! repository root on the files in `tests/cli/` and on the examples.

mod common;

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Runs `shihyo` with arguments; returns "exit N", stdout and stderr, as one text.
fn shihyo(args: &[&str]) -> String {
    common::transcript(&common::shihyo_in(root()).args(args).output().expect("the binary runs"))
}

#[test]
fn eval_table_japanese() {
    insta::assert_snapshot!(shihyo(&["eval", "tests/cli/plan.kpi", "--data", "tests/cli/actuals.csv", "--lang", "ja"]));
}

#[test]
fn eval_table_english_as_of() {
    insta::assert_snapshot!(shihyo(&[
        "eval",
        "tests/cli/plan.kpi",
        "--data",
        "tests/cli/actuals.csv",
        "--as-of",
        "令和4年度",
        "--lang",
        "en"
    ]));
}

#[test]
fn eval_json() {
    insta::assert_snapshot!(shihyo(&["eval", "tests/cli/plan.kpi", "--data", "tests/cli/actuals.json", "--format", "json"]));
}

#[test]
fn eval_csv() {
    insta::assert_snapshot!(shihyo(&["eval", "tests/cli/plan.kpi", "--data", "tests/cli/actuals.csv", "--format", "csv"]));
}

#[test]
fn explain_japanese() {
    insta::assert_snapshot!(shihyo(&["explain", "tests/cli/plan.kpi", "電子申請", "--data", "tests/cli/actuals.csv", "--lang", "ja"]));
}

/// `explain` on the health example's derived indicator, with its data.
const EXPLAIN_DERIVED: [&str; 5] =
    ["explain", "examples/health/health.kpi", "重複・頻回受診者の割合", "--data", "examples/health/actuals.json"];

#[test]
fn explain_a_derived_value_down_to_its_data() {
    insta::assert_snapshot!(shihyo(&[&EXPLAIN_DERIVED[..], &["--lang", "en"]].concat()));
}

#[test]
fn explain_a_derived_value_json() {
    insta::assert_snapshot!(shihyo(&[&EXPLAIN_DERIVED[..], &["--format", "json"]].concat()));
}

#[test]
fn explain_a_derivation_of_rules_figures() {
    insta::assert_snapshot!(shihyo(&["explain", "tests/cli/figures.kpi", "施策1の達成度", "--as-of", "R5", "--lang", "ja"]));
}

#[test]
fn explain_json() {
    insta::assert_snapshot!(shihyo(&["explain", "tests/cli/plan.kpi", "効果額", "--data", "tests/cli/actuals.csv", "--format", "json"]));
}

#[test]
fn check_ok() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/plan.kpi", "--data", "tests/cli/actuals.csv", "--lang", "en"]));
}

#[test]
fn bad_csv_cell_names_file_line_and_column() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/plan.kpi", "--data", "tests/cli/bad-cell.csv", "--lang", "en"]));
}

#[test]
fn unknown_indicator_and_duplicate_year_in_long_csv() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/plan.kpi", "--data", "tests/cli/unknown.csv", "--lang", "ja"]));
}

#[test]
fn diagnostics_as_json() {
    insta::assert_snapshot!(shihyo(&[
        "check",
        "tests/cli/plan.kpi",
        "--data",
        "tests/cli/unknown.csv",
        "--format",
        "json",
        "--lang",
        "en"
    ]));
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/not-utf8.kpi", "--lang", "en"]));
}

#[test]
fn samples_read_as_a_user_would() {
    let samples = root().join("../shared/samples");
    if !samples.exists() {
        return; // the shared folder sits beside the repository in CI and here
    }
    for sample in ["fullwidth.kpi", "typo.kpi"] {
        for lang in ["ja", "en"] {
            let path = format!("../shared/samples/{sample}");
            insta::assert_snapshot!(format!("{sample}-{lang}"), shihyo(&["check", &path, "--lang", lang]));
        }
    }
}

#[test]
fn fmt_prints_canonical_layout_and_check_fails_on_unformatted() {
    insta::assert_snapshot!(shihyo(&["fmt", "tests/cli/unformatted.kpi"]));
    assert!(shihyo(&["fmt", "--check", "tests/cli/unformatted.kpi"]).starts_with("exit 1"));
    assert!(shihyo(&["fmt", "--check", "tests/cli/plan.kpi"]).starts_with("exit 0"));
}

#[test]
fn fmt_write_replaces_atomically_and_leaves_bad_files_alone() {
    let folder = tempfile::tempdir().unwrap();
    let good = folder.path().join("good.kpi");
    std::fs::copy(root().join("tests/cli/unformatted.kpi"), &good).unwrap();
    let out = shihyo(&["fmt", "--write", good.to_str().unwrap()]);
    assert!(out.starts_with("exit 0"), "{out}");
    let formatted = std::fs::read_to_string(&good).unwrap();
    assert!(formatted.contains("// keep me"));
    assert!(shihyo(&["fmt", "--check", good.to_str().unwrap()]).starts_with("exit 0"));
    let bad = folder.path().join("bad.kpi");
    std::fs::write(&bad, "outcome \"x\" >=\n").unwrap();
    assert!(shihyo(&["fmt", "--write", bad.to_str().unwrap()]).starts_with("exit 1"));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "outcome \"x\" >=\n");
    let leftovers: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary file is left behind");
}

#[test]
fn usage_errors_exit_2() {
    assert!(shihyo(&["eval"]).starts_with("exit 2"));
    assert!(shihyo(&["eval", "tests/cli/missing.kpi"]).starts_with("exit 2"));
    assert!(shihyo(&["eval", "tests/cli/plan.kpi", "--as-of", "R0"]).starts_with("exit 2"));
    assert!(shihyo(&["explain", "tests/cli/plan.kpi", "存在しない"]).starts_with("exit 2"));
}

#[test]
fn shift_jis_data_from_excel_is_read_with_a_note() {
    insta::assert_snapshot!(shihyo(&["eval", "tests/cli/plan.kpi", "--data", "tests/cli/shift-jis.csv", "--lang", "en"]));
}

#[test]
fn import_text_drafts_a_plan_that_checks() {
    insta::assert_snapshot!(shihyo(&["import", "tests/cli/sentences.txt", "--lang", "en"]));
}

#[test]
fn import_writes_atomically_and_never_overwrites_without_force() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("draft.kpi");
    let target_text = target.to_str().unwrap();
    assert!(shihyo(&["import", "tests/cli/sentences.txt", "-o", target_text]).starts_with("exit 0"));
    assert!(shihyo(&["check", target_text]).starts_with("exit 0"));
    #[cfg(unix)]
    {
        // A new draft gets the permissions of any new file of the user, not a temporary file's 0600.
        use std::os::unix::fs::PermissionsExt;
        let ordinary = folder.path().join("ordinary.txt");
        std::fs::write(&ordinary, "").unwrap();
        let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), mode(&ordinary));
    }
    std::fs::write(&target, "keep me").unwrap();
    let refused = shihyo(&["import", "tests/cli/sentences.txt", "-o", target_text, "--lang", "en"]);
    assert!(refused.starts_with("exit 2") && refused.contains("--force"), "{refused}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(shihyo(&["import", "tests/cli/sentences.txt", "-o", target_text, "--force"]).starts_with("exit 0"));
    assert!(std::fs::read_to_string(&target).unwrap().contains("source"));
    assert!(shihyo(&["import", "tests/cli/plan.kpi"]).starts_with("exit 2"), "a .kpi is not a table");
}

#[test]
fn import_reads_an_excel_sheet() {
    // Areas 3 and 4 of the seed table, as a city keeps them in Excel.
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("draft.kpi");
    let target_text = target.to_str().unwrap();
    let output = shihyo(&["import", "tests/import/hadano-areas-3-4.xlsx", "-o", target_text, "--lang", "en"]);
    assert!(output.starts_with("exit 0"), "{output}");
    let draft = std::fs::read_to_string(&target).unwrap();
    for expected in [
        "group \"3-1\" \"新たな価値を創出する公民連携の推進\"",
        "outcome \"効果額\" total >= 298,513千円 unit 千円",
        "qualitative",
        "by R4",
        "group \"4-1\"",
        "total >= tbd unit 千円",
    ] {
        assert!(draft.contains(expected), "the draft lacks {expected}:\n{draft}");
    }
    assert!(shihyo(&["check", target_text]).starts_with("exit 0"));
}

#[test]
fn a_rule_that_cannot_be_evaluated_exits_1_after_the_others() {
    insta::assert_snapshot!(shihyo(&["eval", "tests/cli/division-by-zero.kpi", "--lang", "en"]));
}

#[test]
fn import_reads_shift_jis_text_with_a_note() {
    insta::assert_snapshot!(shihyo(&["import", "tests/cli/sentences-shift-jis.txt", "--lang", "en"]));
}

#[test]
fn import_of_a_file_without_sentences_is_an_error() {
    insta::assert_snapshot!(shihyo(&["import", "tests/cli/actuals.csv", "--lang", "en"]));
}

#[test]
fn an_unknown_name_in_a_wide_csv_is_reported_once() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/plan.kpi", "--data", "tests/cli/unknown-wide.csv", "--lang", "ja"]));
}

#[test]
fn every_bad_cell_of_a_data_file_is_reported_in_one_run() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/plan.kpi", "--data", "tests/cli/two-bad-cells.csv", "--lang", "en"]));
}

#[test]
fn a_heisei_plan_shows_heisei_years_and_its_rates_as_it_publishes_them() {
    let args = ["tests/cli/heisei.kpi", "--data", "tests/cli/heisei.csv"];
    insta::assert_snapshot!(shihyo(&[&["eval"], &args[..], &["--lang", "ja"]].concat()));
    insta::assert_snapshot!(shihyo(&[&["eval"], &args[..], &["--lang", "en"]].concat()));
    insta::assert_snapshot!(shihyo(&[&["explain", "tests/cli/heisei.kpi", "職員数"], &args[1..], &["--lang", "ja"]].concat()));
}

#[test]
fn money_typed_in_thousands_warns_with_the_cells_and_the_fix() {
    insta::assert_snapshot!(shihyo(&["check", "tests/cli/thousands.kpi", "--data", "tests/cli/thousands.csv", "--lang", "ja"]));
}

#[test]
fn a_flood_of_errors_shows_the_first_200_and_counts_the_rest() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let data = folder.path().join("actuals.csv");
    let rows: String = (0..300).map(|_| "電子申請件数,R5,1\n").collect();
    std::fs::write(&data, format!("indicator,year,value\n電子申請件数,R5,1\n{rows}")).expect("written");
    let output = shihyo(&["check", "tests/cli/plan.kpi", "--data", data.to_str().expect("a UTF-8 path"), "--lang", "en"]);
    assert_eq!(output.matches("error[E0231]").count(), 200, "{output}");
    assert!(output.trim_end().ends_with("… and 100 more, not shown (the first 200 are); `--format json` lists them all"), "{output}");
}

#[test]
fn remarks_go_with_the_figures_of_their_year() {
    let args = ["tests/cli/remarks.kpi", "--data", "tests/cli/remarks.csv"];
    insta::assert_snapshot!(shihyo(&[&["eval"], &args[..], &["--format", "json"]].concat()));
    insta::assert_snapshot!(shihyo(&[&["eval"], &args[..], &["--format", "csv"]].concat()));
    insta::assert_snapshot!(shihyo(&[&["explain", "tests/cli/remarks.kpi", "電子申請件数"], &args[1..], &["--lang", "ja"]].concat()));
}

#[test]
fn grades_by_conditions_and_points_are_shown_and_explained() {
    let plan = "tests/cli/scales.kpi";
    insta::assert_snapshot!(shihyo(&["eval", plan, "--as-of", "R5"]));
    insta::assert_snapshot!(shihyo(&["explain", plan, "窓口の平均待ち時間", "--as-of", "R5", "--lang", "ja"]));
    insta::assert_snapshot!(shihyo(&["explain", plan, "電子申請件数", "--as-of", "R5"]));
}

#[test]
fn derived_indicators_read_rules_figures() {
    let plan = "tests/cli/figures.kpi";
    insta::assert_snapshot!(shihyo(&["eval", plan, "--as-of", "R7"]));
    insta::assert_snapshot!(shihyo(&["eval", plan, "--as-of", "R5", "--format", "csv"]));
}

/// Runs `shihyo report … -o OUT` into a new folder; returns the run (the folder shown as `OUT`) and the file's bytes.
fn report(args: &[&str], file_name: &str) -> (String, Vec<u8>) {
    let folder = tempfile::tempdir().expect("a folder");
    let output = folder.path().join(file_name);
    let shown = output.to_string_lossy().to_string();
    let run = shihyo(&[&["report"], args, &["-o", &shown]].concat()).replace(&shown, &format!("OUT/{file_name}"));
    let bytes = std::fs::read(&output).unwrap_or_default();
    let left: Vec<_> = std::fs::read_dir(folder.path()).expect("the folder").collect();
    assert!(left.len() <= 1, "no temporary file is left beside the report");
    (run, bytes)
}

/// The report's body, without its style sheet (the same in every report).
fn body(html: &[u8]) -> String {
    let text = String::from_utf8(html.to_vec()).expect("UTF-8");
    text.split_once("</style>").map_or(text.clone(), |(_, body)| body.to_string())
}

#[test]
fn report_writes_the_annual_report_as_html() {
    let (run, html) = report(
        &["tests/cli/remarks.kpi", "--data", "tests/cli/remarks.csv", "--as-of", "R5", "--previous", "R4", "--lang", "ja"],
        "report.html",
    );
    assert!(html.starts_with(b"<!DOCTYPE html>"), "{run}");
    insta::assert_snapshot!(run);
    insta::assert_snapshot!(body(&html));
}

#[test]
fn report_in_english_with_groups_and_a_scenario() {
    let (run, html) = report(&["tests/cli/plan.kpi", "--data", "tests/cli/actuals.csv", "--lang", "en", "--format", "html"], "plan.report");
    assert!(run.starts_with("exit 0"), "{run}");
    insta::assert_snapshot!(body(&html));
    let (run, html) = report(
        &["examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--scenario", "伸び悩み", "--lang", "en"],
        "scenario.html",
    );
    assert!(run.starts_with("exit 0"), "{run}");
    let html = String::from_utf8(html).expect("UTF-8");
    assert!(html.contains("as of R7 (with the projections of scenario “伸び悩み”)"));
    assert!(html.contains("class=\"projection\""), "projections are drawn dashed");
}

#[test]
fn report_writes_a_workbook_by_its_extension() {
    let (run, xlsx) =
        report(&["examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--as-of", "R5", "--lang", "en"], "report.xlsx");
    insta::assert_snapshot!(run);
    assert!(xlsx.starts_with(b"PK"), "a zip: an xlsx workbook");
}

#[test]
fn report_refuses_what_it_cannot_write() {
    let plan = ["examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--lang", "en"];
    let runs = [
        report(&[&plan[..], &["--format", "json"]].concat(), "r.html").0,
        report(&plan, "report.pdf").0,
        report(&[&plan[..], &["--as-of", "R4", "--previous", "R5"]].concat(), "r.html").0,
        report(&[&plan[..], &["--previous", "R99"]].concat(), "r.html").0,
        report(&[&plan[..], &["--scenario", "楽観"]].concat(), "r.html").0,
        shihyo(&["eval", "examples/hadano/hadano.kpi", "--format", "html", "--lang", "en"]),
    ];
    insta::assert_snapshot!(runs.join("\n"));
}

/// The Hadano example's report kept in `docs/` is what `report` writes today
/// (`SHIHYO_WRITE_DOCS=1` writes it again; its pictures in the README come from printing it).
#[test]
fn the_published_hadano_report_is_what_report_writes() {
    let args = ["examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--as-of", "R5", "--previous", "R4", "--lang", "ja"];
    let (run, html) = report(&args, "hadano-report.html");
    assert!(run.starts_with("exit 0"), "{run}");
    let published = root().join("docs/hadano-report.html");
    if std::env::var_os("SHIHYO_WRITE_DOCS").is_some() {
        std::fs::write(&published, &html).expect("docs/ is writable");
    }
    let kept = std::fs::read(&published).expect("docs/hadano-report.html (SHIHYO_WRITE_DOCS=1 writes it)");
    assert!(kept == html, "docs/hadano-report.html is not what `shihyo report` writes now: run with SHIHYO_WRITE_DOCS=1 and look at it");
}

#[test]
fn the_examples_carry_tests_that_pass() {
    let mut args = vec!["test"];
    let mut plans: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("the examples")
        .flat_map(|folder| std::fs::read_dir(folder.expect("a folder").path()).into_iter().flatten())
        .map(|entry| entry.expect("a file").path())
        .filter(|path| path.extension().is_some_and(|x| x == "kpi"))
        // An aggregate is run by `shihyo rollup`, not tested as a plan.
        .filter(|path| !std::fs::read_to_string(path).unwrap_or_default().lines().any(|line| line.starts_with("aggregate ")))
        .map(|path| path.strip_prefix(root()).expect("inside the repository").display().to_string())
        .collect();
    plans.sort();
    args.extend(plans.iter().map(String::as_str));
    args.extend(["--lang", "en"]);
    let out = shihyo(&args);
    assert!(out.starts_with("exit 0\n"), "{out}");
    assert!(plans.len() >= 5 && out.contains("examples/hadano/hadano.kpi: 5 tests"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_broken_expectation_fails_with_expected_against_got() {
    for lang in ["en", "ja"] {
        insta::assert_snapshot!(format!("test_failure_{lang}"), shihyo(&["test", "tests/cli/tested.kpi", "--lang", lang]));
    }
}

#[test]
fn test_results_as_json() {
    insta::assert_snapshot!(shihyo(&["test", "tests/cli/tested.kpi", "--format", "json", "--lang", "en"]));
}

#[test]
fn a_plan_with_errors_fails_its_tests_and_a_plan_without_tests_passes() {
    let out = shihyo(&["test", "examples/tour/mistakes/typo.kpi", "examples/tour/messy.kpi", "--lang", "en"]);
    assert!(out.starts_with("exit 1\n"), "{out}");
    assert!(out.contains("examples/tour/messy.kpi: no tests") && out.contains("1 plan with errors"), "{out}");
    let json = shihyo(&["test", "examples/tour/mistakes/typo.kpi", "--format", "json"]);
    assert!(json.contains("\"ok\": false") && json.contains("\"code\": \"E0001\"") && json.contains("\"plan\": null"), "{json}");
    assert!(shihyo(&["test", "tests/cli/tested.kpi", "--format", "csv"]).starts_with("exit 2\n"));
}

#[test]
fn diff_of_two_revisions_of_the_hadano_plan() {
    let args = ["diff", "examples/hadano/hadano.kpi", "examples/hadano/revised.kpi", "--data", "examples/hadano/actuals.csv"];
    for lang in ["ja", "en"] {
        insta::assert_snapshot!(format!("diff_table_{lang}"), shihyo(&[&args[..], &["--lang", lang]].concat()));
    }
    insta::assert_snapshot!("diff_json", shihyo(&[&args[..], &["--format", "json", "--lang", "en"]].concat()));
    insta::assert_snapshot!("diff_markdown", shihyo(&[&args[..], &["--format", "markdown", "--lang", "ja", "--as-of", "R4"]].concat()));
}

#[test]
fn diff_refuses_what_it_cannot_write_and_reports_a_version_that_does_not_check() {
    assert!(shihyo(&["eval", "examples/hadano/hadano.kpi", "--format", "markdown"]).starts_with("exit 2\n"));
    assert!(shihyo(&["diff", "examples/hadano/hadano.kpi", "examples/hadano/revised.kpi", "--format", "csv"]).starts_with("exit 2\n"));
    let broken = shihyo(&["diff", "examples/hadano/hadano.kpi", "examples/tour/mistakes/typo.kpi", "--lang", "en"]);
    assert!(
        broken.starts_with("exit 1\n") && broken.contains("E0001") && broken.contains("examples/tour/mistakes/typo.kpi:6:1"),
        "{broken}"
    );
}

#[test]
fn two_scenarios_side_by_side_with_the_actuals_alone_and_a_summary() {
    let args =
        ["eval", "examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--scenario", "現状趨勢", "--scenario", "伸び悩み"];
    for lang in ["ja", "en"] {
        insta::assert_snapshot!(format!("scenarios_side_by_side_{lang}"), shihyo(&[&args[..], &["--lang", lang]].concat()));
    }
    insta::assert_snapshot!("scenarios_side_by_side_json", shihyo(&[&args[..], &["--format", "json", "--lang", "en"]].concat()));
    let unknown = shihyo(&["eval", "examples/hadano/hadano.kpi", "--scenario", "現状趨勢", "--scenario", "楽観"]);
    assert!(unknown.starts_with("exit 2\n"), "{unknown}");
    assert!(shihyo(&[&args[..], &["--format", "csv"]].concat()).starts_with("exit 2\n"));
}

#[test]
fn two_simulations_side_by_side_with_a_summary() {
    let args = ["simulate", "tests/cli/two-simulations.kpi", "--simulation", "順調", "--simulation", "伸び悩み"];
    for lang in ["ja", "en"] {
        insta::assert_snapshot!(format!("simulations_side_by_side_{lang}"), shihyo(&[&args[..], &["--lang", lang]].concat()));
    }
    let json = shihyo(&[&args[..], &["--format", "json", "--lang", "en", "--runs", "500"]].concat());
    assert!(json.starts_with("exit 0\n"), "{json}");
    let body = json.split("--- stdout\n").nth(1).and_then(|rest| rest.split("--- stderr").next()).expect("stdout");
    let document: serde_json::Value = serde_json::from_str(body).expect("one JSON document");
    assert_eq!(document["simulations"].as_array().map(Vec::len), Some(2));
    assert_eq!(document["simulations"][1]["simulation"], "伸び悩み");
    assert!(document["summary"][0].as_str().is_some_and(|s| s.starts_with("Under `順調`")), "{document}");
}
