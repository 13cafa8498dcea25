//! The limits that keep any plan's evaluation small hold, each with its own
//! diagnostic, and the plans that push against them still evaluate in time
//! bounded by their size: a long chain of derived indicators, a huge `sum`
//! range, the most rules a plan may have.

use shihyo_core::model::{MAX_PERIOD_YEARS, MAX_RULES};
use shihyo_core::{Engine, Options, Status};
use std::fmt::Write as _;

fn load(plan: &str) -> Result<shihyo_core::Project, Vec<String>> {
    let mut engine = Engine::new();
    let file = engine.add_source("plan.kpi", plan);
    engine.load(file, &[]).map_err(|diagnostics| diagnostics.iter().map(|d| d.code.to_string()).collect())
}

#[test]
fn a_chain_of_derived_indicators_evaluates_without_recursion() {
    let mut plan = String::from("plan \"t\" { period R3..R7 }\nindicator \"d0\"\ndata \"d0\" { R5: 1 }\n");
    let length = 3_000;
    for index in 1..=length {
        writeln!(plan, "indicator \"d{index}\" = value(\"d{}\") + 1", index - 1).ok();
    }
    writeln!(plan, "outcome \"end\" = value(\"d{length}\") >= {}", length + 1).ok();
    let project = load(&plan).expect("the chain loads");
    let report = project.evaluate(Options { as_of: Some(2023), explain: false });
    let end = report.rule(project.plan.find("end").unwrap());
    assert_eq!((end.outcome.status, end.outcome.actual.map(|a| a.to_string())), (Status::OnTrack, Some((length + 1).to_string())));
}

#[test]
fn a_huge_sum_range_is_bounded_by_the_data() {
    let plan =
        "plan \"t\" { period R3..R7 }\nindicator \"x\"\noutcome \"y\" = sum(\"x\", FY1000..FY9999) >= 10\ndata \"x\" { R3: 4  R5: 6 }\n";
    let project = load(plan).expect("the plan loads");
    let report = project.evaluate(Options { as_of: Some(2025), explain: true });
    let y = report.rule(project.plan.find("y").unwrap());
    assert_eq!(y.outcome.actual.map(|a| a.to_string()), Some("10".to_string()));
    let compiled = &project.compiled;
    let table = compiled.table(&project.data);
    let mut outcomes = Vec::new();
    compiled.evaluate(&table, 2025, &mut Default::default(), &mut outcomes);
    assert_eq!(outcomes[y.id.0].status, y.outcome.status);
}

#[test]
fn a_plan_has_at_most_its_rules_and_years() {
    let mut plan = String::from("plan \"t\" { period R3..R7 }\n");
    for index in 0..=MAX_RULES {
        writeln!(plan, "indicator \"i{index}\"").ok();
    }
    assert_eq!(load(&plan).err(), Some(vec!["E0218".to_string()]));
    let long = format!("plan \"t\" {{ period FY1900..FY{} }}\noutcome \"x\" >= 1\n", 1900 + MAX_PERIOD_YEARS);
    assert_eq!(load(&long).err(), Some(vec!["E0217".to_string()]));
    let longest = format!("plan \"t\" {{ period FY1900..FY{} }}\noutcome \"x\" >= 1\n", 1899 + MAX_PERIOD_YEARS);
    assert!(load(&longest).is_ok());
}

/// The grammar runs without a probe of the stack (pest's `std` feature is off), so nothing
/// nested deeper than a plan may nest reaches it: a plan's brackets and quotes are E0004 by the
/// lexical scan, a data cell's nested quotes are no value (E0105); neither overflows the stack.
#[test]
fn deep_nesting_in_a_plan_or_a_cell_is_refused_before_the_grammar() {
    let deep = |open: &str, close: &str| format!("{}x{}", open.repeat(200_000), close.repeat(200_000));
    for nested in [deep("「", "」"), deep("(", ")")] {
        let plan = format!("plan \"t\" {{ period R3..R7 }}\noutcome {nested} >= 1\n");
        assert_eq!(load(&plan).err().expect("refused"), ["E0004"]);
    }
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", "plan \"t\" { period R3..R7 }\noutcome \"q\" qualitative\n");
    let cell = format!("indicator,year,value\nq,R5,grade {}\n", deep("「", "」"));
    let data = engine.add_source("actuals.csv", cell);
    let codes: Vec<String> = engine.load(plan, &[data]).err().expect("refused").iter().map(|d| d.code.to_string()).collect();
    assert_eq!(codes, ["E0105"]);
}
