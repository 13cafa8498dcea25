//! No input makes the engine panic. Real plans (the bundled examples, the
//! reference's examples and the spec cases) are damaged at random — pieces cut,
//! repeated, or replaced by keywords, huge or tiny numbers, years, units,
//! brackets and full-width text — and the result goes through the whole
//! pipeline: parse, check, read data, evaluate in several years, and render the
//! JSON report. Each run must end in a report or in diagnostics, never in a
//! panic. Data files get the same treatment through the CSV and JSON readers.
//! Whatever loads is also evaluated by the compiled evaluator, which must agree.

use proptest::prelude::*;
use shihyo_core::output::json;
use shihyo_core::syntax::Lang;
use shihyo_core::{Engine, Options};
use std::path::{Path, PathBuf};

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every plan text the project ships: the examples, the spec cases, the reference's `kpi` blocks.
fn seeds() -> Vec<String> {
    let mut texts = Vec::new();
    for folder in ["examples/hadano", "examples/health", "examples/tourism", "tests/spec"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(folder)).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        texts.extend(files.iter().filter(|p| p.extension().is_some_and(|x| x == "kpi")).map(|p| std::fs::read_to_string(p).unwrap()));
    }
    let reference = std::fs::read_to_string(root().join("docs/reference.en.md")).unwrap();
    texts.extend(reference.split("```kpi\n").skip(1).filter_map(|block| block.split("```").next()).map(str::to_string));
    texts
}

fn data_seeds() -> Vec<(String, String)> {
    ["examples/hadano/actuals.csv", "examples/tourism/actuals.csv", "examples/health/actuals.json"]
        .iter()
        .map(|path| (path.rsplit('/').next().unwrap().to_string(), std::fs::read_to_string(root().join(path)).unwrap()))
        .collect()
}

/// Pieces that reach far into the language when dropped into a plan.
const PIECES: &[&str] = &[
    "plan",
    "group",
    "outcome",
    "output",
    "indicator",
    "milestone",
    "data",
    "total",
    "total recurring",
    "average",
    "every year",
    "by",
    "from",
    "unit",
    "tbd",
    "qualitative",
    "any",
    "all",
    "baseline",
    "baseline(R1)",
    "value(\"x\", R2)",
    "sum(\"x\", R1..R9)",
    "avg(",
    "min(",
    "max(",
    "round(",
    "/",
    "/ 0",
    "* 0",
    "- ",
    "+",
    "*",
    "%",
    "割",
    "倍",
    "千円",
    "億円",
    "件",
    "人",
    "▲",
    "△",
    "1e400",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "4億2,148万1千円",
    "0",
    "R1",
    "H31",
    "令和元年度",
    "FY2019",
    "CY2019",
    "S64",
    "R99",
    "H0",
    "2019年",
    "R1..R7",
    "R7..R1",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "「",
    "」",
    "\n",
    ";",
    ":",
    ",",
    "//",
    "＜＝",
    "≧",
    "１２３",
    "　",
    ">=",
    "<=",
    "<",
    ">",
    "=",
    "==",
    "period",
    "rollup average",
    "grades",
    "achievement progress",
    "calendar",
    "interim",
    "source \"s\"",
    "\u{0}",
    "\u{202e}",
    "𠮷",
    "e\u{301}",
];

/// One way of damaging a text.
#[derive(Clone, Debug)]
enum Damage {
    Cut { at: usize, len: usize },
    Repeat { at: usize, len: usize },
    Insert { at: usize, piece: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Damage::Cut { at, len }),
        (any::<usize>(), 1..80usize).prop_map(|(at, len)| Damage::Repeat { at, len }),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Damage::Insert { at, piece }),
    ]
}

/// The char boundary at or before `at` (taken modulo the length).
fn boundary(text: &str, at: usize) -> usize {
    if text.is_empty() {
        return 0;
    }
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, damages: &[Damage]) -> String {
    let mut text = text.to_string();
    for damage in damages {
        match *damage {
            Damage::Cut { at, len } => {
                let start = boundary(&text, at);
                let end = boundary(&text, start + len.min(text.len() - start));
                text.replace_range(start..end.max(start), "");
            }
            Damage::Repeat { at, len } => {
                let start = boundary(&text, at);
                let end = boundary(&text, start + len.min(text.len() - start)).max(start);
                let piece = text[start..end].to_string();
                text.insert_str(end, &piece);
            }
            Damage::Insert { at, piece } => {
                let at = boundary(&text, at);
                text.insert_str(at, PIECES[piece]);
            }
        }
    }
    text
}

/// The whole pipeline on one plan and its data; panics are what the test looks for.
/// A panic prints the damaged texts first, so that the failure can be made a case.
fn run(plan: &str, data: &[(String, String)]) {
    let outcome = std::panic::catch_unwind(|| pipeline(plan, data));
    if let Err(panic) = outcome {
        eprintln!("---- the damaged plan ----\n{plan:?}");
        for (name, text) in data {
            eprintln!("---- {name} ----\n{text:?}");
        }
        std::panic::resume_unwind(panic);
    }
}

fn pipeline(plan: &str, data: &[(String, String)]) {
    let mut engine = Engine::new();
    let plan_file = engine.add_source("plan.kpi", plan);
    let data_files: Vec<_> = data.iter().map(|(name, text)| engine.add_source(name.clone(), text.clone())).collect();
    if let Ok(project) = engine.load(plan_file, &data_files) {
        let years = [None, Some(1900), Some(2021), Some(2023), Some(2100)];
        for as_of in years {
            let report = project.evaluate(Options { as_of, explain: true });
            json::report(&report, &project.plan, &project.remarks, engine.source(plan_file), Lang::Ja);
        }
        // The compiled evaluator agrees with the explaining one on whatever loads.
        let (_, differences) = common::compare_recorders(&project, &years);
        assert!(differences.is_empty(), "the compiled evaluator differs: {}", differences[0]);
    }
}

proptest! {
    // `SHIHYO_DAMAGE_CASES=100000` runs a longer campaign than CI's.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SHIHYO_DAMAGE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn damaged_plans_never_panic(seed in any::<prop::sample::Index>(), damages in prop::collection::vec(damage(), 1..6)) {
        let seeds = seeds();
        let plan = apply(&seeds[seed.index(seeds.len())], &damages);
        run(&plan, &[]);
    }

    #[test]
    fn damaged_data_never_panics(seed in any::<prop::sample::Index>(), damages in prop::collection::vec(damage(), 1..6)) {
        let hadano = std::fs::read_to_string(root().join("examples/hadano/hadano.kpi")).unwrap();
        let data = data_seeds();
        let (name, text) = &data[seed.index(data.len())];
        run(&hadano, &[(name.clone(), apply(text, &damages))]);
    }
}
