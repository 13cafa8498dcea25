//! `shihyo rollup` on a generated national set of 40 plans (seed 7) in a temporary folder:
//! the table and the CSV as snapshots; the JSON document checked for consistency (every
//! region's and prefecture's counts add up to the country's); and the mistakes of an
//! aggregate or its roster, each with its file, line and column.

mod common;

use serde_json::Value;
use std::path::Path;

fn shihyo(folder: &Path, args: &[&str]) -> String {
    common::transcript(&common::shihyo_in(folder).args(args).output().expect("the binary runs"))
}

fn national_set() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    nationwide::write_set(folder.path(), 40, 7).expect("the set is written");
    folder
}

#[test]
fn rollup_table_japanese() {
    let set = national_set();
    insta::assert_snapshot!(shihyo(set.path(), &["rollup", "national.kpi", "--lang", "ja"]));
}

#[test]
fn rollup_csv_as_of_r5() {
    let set = national_set();
    insta::assert_snapshot!(shihyo(set.path(), &["rollup", "national.kpi", "--as-of", "R5", "--format", "csv"]));
}

#[test]
fn rollup_json_adds_up() {
    let set = national_set();
    let output = common::shihyo_in(set.path()).args(["rollup", "national.kpi", "--format", "json"]).output().expect("the binary runs");
    assert!(output.status.success());
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let all = &document["all"];
    assert_eq!(all["plans"], 40);
    let failures = document["failures"].as_array().expect("failures");
    assert_eq!(all["failed"].as_u64(), Some(failures.len() as u64));
    for dimension in document["by"].as_array().expect("by") {
        let groups = dimension["groups"].as_array().expect("groups");
        for field in ["plans", "evaluated", "failed", "rules", "met", "judged"] {
            let sum: u64 = groups.iter().map(|g| g[field].as_u64().expect("a count")).sum();
            assert_eq!(Some(sum), all[field].as_u64(), "{field} by {}", dimension["column"]);
        }
        for (status, count) in all["counts"].as_object().expect("counts") {
            let sum: u64 = groups.iter().map(|g| g["counts"][status].as_u64().expect("a count")).sum();
            assert_eq!(Some(sum), count.as_u64(), "{status} by {}", dimension["column"]);
        }
        // The sum of 転入者数 over the groups is the country's (exact decimals, as strings).
        let decimal = |value: &Value| value.as_str().map(|s| s.parse::<rust_decimal::Decimal>().expect("a decimal"));
        let sum: rust_decimal::Decimal = groups.iter().filter_map(|g| decimal(&g["totals"][0]["value"])).sum();
        assert_eq!(Some(sum), decimal(&all["totals"][0]["value"]));
    }
    assert_eq!(document["totals"][0]["unit"], "人");
    let met = all["met"].as_u64().expect("met") as f64 / all["judged"].as_u64().expect("judged") as f64;
    let share: f64 = all["met_share"].as_str().expect("a share").parse().expect("a number");
    assert!((met - share).abs() < 1e-12);
}

#[test]
fn rollup_mistakes_name_file_line_and_column() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text).expect("written");
    write("roster.csv", "plan,data,都道府県\na.kpi,a.csv,神奈川県\n");
    write("wrong-column.kpi", "aggregate \"県\" {\n  plans \"roster.csv\"\n  by \"都道府\"\n}\n");
    write("no-roster.kpi", "aggregate \"県\" {\n  by \"都道府県\"\n}\n");
    write("twice.kpi", "aggregate \"県\" {\n  plans \"roster.csv\"\n  plans \"other.csv\"\n}\n");
    write("with-plan.kpi", "aggregate \"県\" { plans \"roster.csv\" }\noutcome \"x\" >= 1\n");
    write("bad-roster.csv", "file,data\na.kpi,a.csv\n");
    write("bad-roster.kpi", "aggregate \"県\" { plans \"bad-roster.csv\" }\n");
    write("missing.kpi", "aggregate \"県\" { plans \"missing.csv\" }\n");
    let mut out = String::new();
    for file in ["wrong-column.kpi", "no-roster.kpi", "twice.kpi", "with-plan.kpi", "bad-roster.kpi", "missing.kpi"] {
        out.push_str(&format!("=== {file}\n{}", shihyo(folder.path(), &["rollup", file])));
    }
    // A plan the roster lists that cannot be read fails alone, pointed at its roster row.
    write("unreadable.kpi", "aggregate \"県\" {\n  plans \"roster.csv\"\n  by \"都道府県\"\n}\n");
    out.push_str(&format!("=== unreadable.kpi\n{}", shihyo(folder.path(), &["rollup", "unreadable.kpi"])));
    insta::assert_snapshot!(out);
}

#[test]
fn the_kanagawa_example_is_formatted_and_its_plans_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = root.join("examples/kanagawa");
    assert!(shihyo(&example, &["fmt", "--check", "kanagawa.kpi"]).starts_with("exit 0"));
    for plan in ["hadano", "odawara", "atsugi"] {
        let kpi = format!("plans/{plan}.kpi");
        let csv = format!("plans/{plan}.csv");
        assert!(shihyo(&example, &["fmt", "--check", &kpi]).starts_with("exit 0"), "{plan}");
        let checked = shihyo(&example, &["check", &kpi, "--data", &csv]);
        assert!(checked.starts_with("exit 0"), "{checked}");
    }
}
