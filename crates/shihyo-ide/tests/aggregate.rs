//! An aggregate's file in the editor is checked as an aggregate (`shihyo rollup`), not as a
//! plan: the Kanagawa example has no diagnostics, a mistake in one is its E0281, and the
//! outline names it.

use shihyo_core::syntax::Code;
use shihyo_ide::{symbols, Analysis};

#[test]
fn an_aggregate_is_checked_as_an_aggregate() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/kanagawa/kanagawa.kpi")).expect("the example");
    let analysis = Analysis::new("kanagawa.kpi", &text, &[]);
    assert!(analysis.diagnostics().is_empty(), "{:?}", analysis.diagnostics());
    let outline = symbols(&analysis);
    assert_eq!((outline.len(), outline[0].name.as_str(), outline[0].detail.as_str()), (1, "神奈川県 市町村総合戦略KPI", "aggregate"));

    let twice = Analysis::new("twice.kpi", "aggregate \"県\" {\n  plans \"a.csv\"\n  plans \"b.csv\"\n}\n", &[]);
    let codes: Vec<Code> = twice.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0281]);

    // In a plan, an aggregate is E0280.
    let plan = Analysis::new("plan.kpi", "plan \"t\" { period R3..R7 }\naggregate \"県\" { plans \"a.csv\" }\n", &[]);
    assert!(plan.diagnostics().iter().any(|d| d.code == Code::E0280));
}
