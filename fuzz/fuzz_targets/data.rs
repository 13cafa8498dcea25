//! Any bytes as a data file (CSV, TSV, JSON) of the Hadano plan: reading,
//! checking and evaluating never panic, whatever the cells say.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shihyo_core::{Engine, Options};

const PLAN: &str = include_str!("../../examples/hadano/hadano.kpi");

fuzz_target!(|input: (u8, &str)| {
    let (format, text) = input;
    let name = ["actuals.csv", "actuals.tsv", "actuals.json", "actuals.kpi"][usize::from(format % 4)];
    let mut engine = Engine::new();
    let plan = engine.add_source("hadano.kpi", PLAN);
    let data = engine.add_source(name, text);
    if let Ok(project) = engine.load(plan, &[data]) {
        let report = project.evaluate(Options { as_of: None, explain: true });
        let _ = shihyo_core::output::json::report(&report, &project.plan, engine.source(plan), shihyo_core::syntax::Lang::Ja);
    }
});
