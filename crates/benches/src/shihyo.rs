//! shihyo as one more engine of the comparison: each benchmark expression is
//! written as a shihyo rule, checked and compiled once ([`Compiled`]), and
//! evaluated against a table whose cells the record's values are bound into,
//! so it is measured the way the browser app and the simulation use it.

use crate::peers::{Case, Outcome, Peer, Record, Var};
use rust_decimal::Decimal;
use shihyo_core::eval::{Compiled, Scratch, Table};
use shihyo_core::{Engine, Options, Project, RuleId, Status};
use std::cell::RefCell;
use std::sync::Arc;

/// The year the benchmark rules are evaluated in (R5).
const YEAR: i32 = 2023;

/// shihyo's evaluator on a plan compiled once, with no recorder (the fast path).
pub struct Shihyo {
    scratch: Scratch,
}

/// A benchmark rule, compiled, with the table its inputs are bound into.
pub struct ShihyoRule {
    case: Case,
    compiled: Arc<Compiled>,
    table: RefCell<Table>,
    rule: RuleId,
    /// The table row of each variable the case reads, in [`Case::vars`] order.
    inputs: Vec<RuleId>,
}

/// What shihyo's evaluation gives, before it is made an [`Outcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShihyoRaw {
    Holds(Option<bool>),
    Grade(Option<usize>),
    Value(Option<Decimal>),
}

/// The grades of the ladder plan, in its order.
const GRADES: [&str; 4] = ["A", "B", "C", "D"];

/// Loads a plan text, panicking with its diagnostics if it does not load (the benchmark plans do).
pub fn load(text: &str) -> Project {
    let mut engine = Engine::new();
    let file = engine.add_source("bench.kpi", text);
    engine.load(file, &[]).unwrap_or_else(|diagnostics| panic!("a benchmark plan loads: {diagnostics:?}"))
}

impl Peer for Shihyo {
    const NAME: &'static str = "shihyo";
    const NUMBERS: &'static str = "rust_decimal (exact, checked)";
    type Compiled = ShihyoRule;
    type Raw = ShihyoRaw;

    fn new() -> Self {
        Shihyo { scratch: Scratch::default() }
    }

    fn source(case: Case) -> &'static str {
        match case {
            Case::Growth => {
                "plan \"b\" { period R5..R5 }\noutcome \"current\" >= value(\"baseline\") * 1.5\nindicator \"baseline\"\n"
            }
            Case::Share => {
                "plan \"b\" { period R5..R5 }\noutcome \"share\" = value(\"online\") / value(\"total\") >= 0.6\nindicator \"online\"\nindicator \"total\"\n"
            }
            Case::Grade => "plan \"b\" { period R5..R5  grades { A >= 100%, B >= 80%, C >= 60%, D } }\nindicator \"p\"\n",
            Case::Spread => {
                "plan \"b\" { period R5..R5 }\nindicator \"spread\" = max(value(\"a\"), value(\"b\")) - min(value(\"c\"), value(\"d\"))\nindicator \"a\"\nindicator \"b\"\nindicator \"c\"\nindicator \"d\"\n"
            }
        }
    }

    fn compile(&mut self, case: Case) -> ShihyoRule {
        let project = load(Self::source(case));
        let compiled = project.compiled.clone();
        let table = compiled.table(&project.data);
        let find = |name: &str| project.plan.find(name).expect("the benchmark plan names it");
        let rule = match case {
            Case::Growth => find("current"),
            Case::Share => find("share"),
            Case::Grade => find("p"),
            Case::Spread => find("spread"),
        };
        let inputs = case.vars().iter().map(|var| find(var.name())).collect();
        ShihyoRule { case, compiled, table: RefCell::new(table), rule, inputs }
    }

    fn evaluate_raw(&mut self, rule: &ShihyoRule, record: &Record) -> ShihyoRaw {
        let mut table = rule.table.borrow_mut();
        for (var, row) in rule.case.vars().iter().zip(&rule.inputs) {
            table.set(*row, YEAR, record.get(*var));
        }
        match rule.case {
            Case::Growth | Case::Share => ShihyoRaw::Holds(rule.compiled.meets(rule.rule, &table, YEAR, &mut self.scratch)),
            Case::Grade => ShihyoRaw::Grade(rule.compiled.grade(record.get(Var::P))),
            Case::Spread => ShihyoRaw::Value(rule.compiled.derivation(rule.rule, &table, YEAR, &mut self.scratch).and_then(Result::ok)),
        }
    }

    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> ShihyoRaw {
        // A user's one-shot path: the plan with the record as its data, checked and evaluated exactly.
        let mut text = Self::source(case).to_string();
        for var in case.vars() {
            text.push_str(&format!("data \"{}\" {{ R5: {} }}\n", var.name(), record.get(*var)));
        }
        let project = load(&text);
        let report = project.evaluate(Options { as_of: Some(YEAR), explain: false });
        let rule = match case {
            Case::Growth => "current",
            Case::Share => "share",
            Case::Grade => "p",
            Case::Spread => "spread",
        };
        let result = report.rule(project.plan.find(rule).expect("the benchmark plan names it"));
        match case {
            Case::Growth | Case::Share => ShihyoRaw::Holds(match result.outcome.status {
                Status::Achieved => Some(true),
                Status::NotAchieved => Some(false),
                _ => None,
            }),
            // The plan's grade scale applied to the record's value (`p` is tracked: it has no target).
            Case::Grade => ShihyoRaw::Grade(project.compiled.grade(record.get(Var::P))),
            Case::Spread => ShihyoRaw::Value(result.outcome.actual),
        }
    }

    fn outcome(raw: ShihyoRaw) -> Outcome {
        match raw {
            ShihyoRaw::Holds(Some(holds)) => Outcome::Bool(holds),
            ShihyoRaw::Grade(Some(index)) => Outcome::Text(GRADES[index].to_string()),
            ShihyoRaw::Value(Some(value)) => Outcome::number(value),
            other => Outcome::Error(format!("no value: {other:?}")),
        }
    }

    fn eval_text(&mut self, source: &str) -> Result<String, String> {
        // A comparison is a rule's condition; anything else a derived value.
        let rule = match source.split_once("==") {
            Some((left, right)) => format!("outcome \"x\" = {left} == {right}"),
            None => format!("indicator \"x\" = {source}"),
        };
        let mut engine = Engine::new();
        let file = engine.add_source("probe.kpi", format!("plan \"p\" {{ period R5..R5 }}\n{rule}\n"));
        let project =
            engine.load(file, &[]).map_err(|d| d.iter().map(|d| format!("{} {}", d.code, d.message.en)).collect::<Vec<_>>().join("; "))?;
        let report = project.evaluate(Options { as_of: Some(YEAR), explain: false });
        let result = &report.rules[0];
        match (result.outcome.status, &result.diagnostic) {
            (_, Some(diagnostic)) => Err(format!("{} {}", diagnostic.code, diagnostic.message.en)),
            (Status::Achieved, _) => Ok("true".into()),
            (Status::NotAchieved, _) => Ok("false".into()),
            _ => result.outcome.actual.map(|v| v.to_string()).ok_or_else(|| format!("{:?}", result.outcome.status)),
        }
    }
}
