//! Every diagnostic code is produced by a test and documented in both references.
//!
//! A code that a plan can produce has a spec case (`tests/spec/**/*.kpi`, an
//! expectation `// Error: col N CODE …`). The few that only a data file, the
//! size of a file or its bytes can produce are tested where those are read:
//! below for data files and size, in the CLI's snapshots for bytes that are not
//! UTF-8, in `limits.rs` for the number of rules. Each code stands in the code
//! table of `docs/reference.en.md` and of `docs/reference.ja.md`.

use shihyo_core::syntax::Code;
use shihyo_core::Engine;
use std::path::{Path, PathBuf};

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const PLAN: &str = "plan \"t\" { period R3..R7 }\noutcome \"電子申請件数\" >= 1\n";

/// The codes, lines and columns of what loading the plan with one data file reports.
fn data_file_diagnostics(name: &str, text: &str) -> Vec<(Code, usize, usize)> {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", PLAN);
    let data = engine.add_source(name, text);
    let diagnostics = engine.load(plan, &[data]).err().unwrap_or_default();
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = engine.source(d.file).line_column(d.span.start);
            (d.code, line, column)
        })
        .collect()
}

#[test]
fn a_csv_cell_that_is_not_a_value_is_e0105() {
    assert_eq!(data_file_diagnostics("actuals.csv", "indicator,year,value\n電子申請件数,R5,abc\n"), [(Code::E0105, 2, 11)]);
}

#[test]
fn a_csv_row_without_a_value_is_e0106() {
    assert_eq!(data_file_diagnostics("actuals.csv", "indicator,year,value\n電子申請件数,R5\n"), [(Code::E0106, 2, 1)]);
    // A cell past the long form's header (an unquoted `13,100`) is not dropped silently either.
    assert_eq!(data_file_diagnostics("actuals.csv", "indicator,year,value\n電子申請件数,R5,13,100\n"), [(Code::E0106, 2, 14)]);
}

#[test]
fn a_number_in_a_unit_column_is_e0105_not_glued_to_the_values() {
    // The row lost its unit cell: `1200` is no unit, and 1200 and 1300 are not read as 13001200.
    assert_eq!(data_file_diagnostics("actuals.csv", "indicator,単位,R3,R4\n電子申請件数,1200,1300\n"), [(Code::E0105, 2, 8)]);
    assert_eq!(data_file_diagnostics("actuals.csv", "indicator,year,value,unit\n電子申請件数,R4,10,1200\n"), [(Code::E0105, 2, 14)]);
}

#[test]
fn a_column_of_a_long_table_that_is_not_read_is_w0236() {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", PLAN);
    let data = engine.add_source("actuals.csv", "indicator,year,value,comment,備考欄\n電子申請件数,R5,13100,前年度比7%増,メモ\n");
    let project = engine.load(plan, &[data]).expect("loads, with a warning");
    let warnings: Vec<_> = project.warnings.iter().map(|d| (d.code, engine.source(d.file).line_column(d.span.start))).collect();
    assert_eq!(warnings, [(Code::W0236, (1, 30))]);
}

#[test]
fn remarks_are_read_from_long_csv_and_json() {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", PLAN);
    let csv = engine.add_source(
        "a.csv",
        "indicator,year,value,評価コメント,今後の方向性,所管課\n電子申請件数,R5,13100,前年度比7%増,手続を増やす,情報政策課\n",
    );
    let json =
        engine.add_source("b.json", r#"{ "電子申請件数": { "R4": { "value": "12900", "comment": "集計中", "owner": "情報政策課" } } }"#);
    let project = engine.load(plan, &[csv, json]).expect("loads");
    let remarks: Vec<_> = project.remarks.values().map(|r| (r.comment.as_deref(), r.outlook.as_deref(), r.owner.as_deref())).collect();
    assert_eq!(remarks, [(Some("集計中"), None, Some("情報政策課")), (Some("前年度比7%増"), Some("手続を増やす"), Some("情報政策課"))]);
}

#[test]
fn remarks_alone_join_the_value_written_elsewhere_and_a_remark_said_twice_is_e0231() {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", PLAN);
    let values = engine.add_source("actuals.csv", "indicator,R4,R5\n電子申請件数,12900,13100\n");
    // A sheet of comments kept apart from the figures: rows with an empty value.
    let comments = engine.add_source(
        "comments.csv",
        "indicator,year,value,評価コメント,今後の方向性,所管課\n電子申請件数,R5,,前年度比7%増,手続を増やす,情報政策課\n電子申請件数,R4,-,集計中,,\n",
    );
    let json = engine
        .add_source("owners.json", r#"{ "電子申請件数": { "R4": { "owner": "情報政策課" }, "R3": { "comment": "まだ実績がない年度" } } }"#);
    let project = engine.load(plan, &[values, comments, json]).expect("loads");
    let said: Vec<_> =
        project.remarks.iter().map(|((_, year), r)| (*year, r.comment.as_deref(), r.outlook.as_deref(), r.owner.as_deref())).collect();
    assert_eq!(
        said,
        [
            (2021, Some("まだ実績がない年度"), None, None),
            (2022, Some("集計中"), None, Some("情報政策課")),
            (2023, Some("前年度比7%増"), Some("手続を増やす"), Some("情報政策課"))
        ]
    );
    // Remarks carry no value: R3 has none, and R4 and R5 keep theirs.
    let rule = project.plan.find("電子申請件数").expect("the rule");
    assert_eq!(project.data[rule.0].keys().copied().collect::<Vec<_>>(), [2022, 2023]);
    // The same comment written in two places is an error at the second, and the first is kept.
    let twice = "indicator,year,value,comment\n電子申請件数,R5,13100,前年度比7%増\n電子申請件数,R5,,別のコメント\n";
    assert_eq!(data_file_diagnostics("actuals.csv", twice), [(Code::E0231, 3, 11)]);
    // An object with neither a value nor a remark is still E0107.
    assert_eq!(data_file_diagnostics("actuals.json", r#"{ "電子申請件数": { "R5": { } } }"#), [(Code::E0107, 1, 21)]);
}

#[test]
fn a_data_file_over_16_mib_is_e0005() {
    let text = format!("indicator,year,value\n{}", "電子申請件数,R5,1\n".repeat(1 << 20));
    assert_eq!(data_file_diagnostics("actuals.csv", &text), [(Code::E0005, 1, 1)]);
}

#[test]
fn a_json_file_not_shaped_as_names_to_years_is_e0107() {
    assert_eq!(data_file_diagnostics("actuals.json", "{ \"電子申請件数\": [1, 2] }"), [(Code::E0107, 1, 3)]);
    assert!(data_file_diagnostics("actuals.json", "{ \"電子申請件数\": ").iter().all(|(code, ..)| *code == Code::E0107));
}

#[test]
fn a_file_over_16_mib_is_e0005() {
    let text = format!("{PLAN}// {}\n", "x".repeat(16 * 1024 * 1024));
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", text);
    let diagnostics = engine.load(plan, &[]).err().expect("refused");
    assert_eq!(diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::E0005]);
}

/// Where the codes that no plan text can produce are tested, and by what.
const TESTED_ELSEWHERE: [(Code, &str); 11] = [
    (Code::E0005, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0006, "crates/shihyo-cli/tests/snapshots/cli__invalid_utf8_is_a_diagnostic.snap"),
    (Code::W0007, "crates/shihyo-cli/tests/snapshots/cli__shift_jis_data_from_excel_is_read_with_a_note.snap"),
    (Code::E0105, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0106, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0107, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0218, "crates/shihyo-core/tests/limits.rs"),
    (Code::W0236, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0008, "crates/shihyo-core/tests/codes.rs"),
    (Code::E0281, "crates/shihyo-cli/tests/snapshots/rollup__rollup_mistakes_name_file_line_and_column.snap"),
    (Code::E0282, "crates/shihyo-cli/tests/snapshots/rollup__rollup_mistakes_name_file_line_and_column.snap"),
];

#[test]
fn a_file_id_of_another_engine_is_e0008_not_a_panic() {
    let mut other = Engine::new();
    other.add_source("a.kpi", "");
    let foreign = other.add_source("b.kpi", "");
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", "plan \"t\" { period R3..R7 }\noutput \"x\" >= 1\n");
    let codes = |refused: shihyo_core::syntax::Diagnostics| refused.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(engine.load(foreign, &[]).err().expect("refused")), [Code::E0008]);
    assert_eq!(codes(engine.load(plan, &[foreign]).err().expect("refused")), [Code::E0008]);
}

/// The text of every spec file.
fn spec_texts() -> String {
    common::spec_files().iter().map(|path| std::fs::read_to_string(path).expect("a spec file")).collect()
}

#[test]
fn every_code_has_a_test_and_stands_in_both_references() {
    let spec = spec_texts();
    let references =
        ["docs/reference.en.md", "docs/reference.ja.md"].map(|p| (p, std::fs::read_to_string(root().join(p)).expect("a reference")));
    let mut missing = Vec::new();
    for &code in Code::ALL {
        let expected = spec.lines().any(|line| {
            let line = line.trim_start();
            let rest = line.strip_prefix("// Error: col ").or_else(|| line.strip_prefix("// Warning: col "));
            rest.and_then(|r| r.split_whitespace().nth(1)).is_some_and(|c| c == code.as_str())
        });
        let elsewhere = TESTED_ELSEWHERE.iter().find(|(c, _)| *c == code).map(|(_, file)| {
            let text = std::fs::read_to_string(root().join(file)).unwrap_or_default();
            (file, text.contains(code.as_str()))
        });
        match (expected, elsewhere) {
            (true, None) | (false, Some((_, true))) => {}
            (true, Some((file, _))) => missing.push(format!("{code} has a spec case now: take it out of TESTED_ELSEWHERE ({file})")),
            (false, Some((file, false))) => missing.push(format!("{code}: {file} does not produce it")),
            (false, None) => missing.push(format!("{code} has no spec case")),
        }
        for (path, text) in &references {
            if !text.contains(&format!("| {code} |")) {
                missing.push(format!("{code} is not in the code table of {path}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn codes_are_listed_once_in_order() {
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|name| (&name[1..], name.starts_with('W')));
    sorted.dedup();
    assert_eq!(names, sorted, "Code::ALL is in the reference's order (by number), without repeats");
    assert!(Code::ALL.iter().all(|c| c.is_warning() == c.as_str().starts_with('W')));
}
