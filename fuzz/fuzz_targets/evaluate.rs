//! Structured plans (`arbitrary`), so that the fuzzer reaches evaluation and
//! not only syntax errors: rules of every kind with their data, derived
//! indicators, `any`/`all`, schedules, scenarios and a simulation. Whatever
//! loads is evaluated in several years, on its actuals and under its scenario,
//! by both evaluators (which must agree), simulated, and rendered as JSON.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use shihyo_core::eval::Scratch;
use shihyo_core::{Engine, Options};
use std::fmt::Write as _;

#[derive(Arbitrary, Debug)]
struct Plan {
    first: u8,
    length: u8,
    baseline: Option<u8>,
    progress: bool,
    rules: Vec<Rule>,
    projections: Vec<(u8, u8, i32, i32)>,
    runs: u8,
    seed: u64,
    as_of: [Option<u8>; 3],
}

#[derive(Arbitrary, Debug)]
enum Rule {
    Measured { comparator: u8, target: Target, unit: u8, aggregate: u8, schedule: u8, data: Vec<(u8, i64, u8)> },
    Derived { left: u8, right: u8, operator: u8, target: i64 },
    Milestone { by: u8, done: Option<u8> },
    Qualitative { grades: Vec<(u8, u8)> },
    Composite { any: bool, members: Vec<(u8, i64)> },
}

#[derive(Arbitrary, Debug)]
enum Target {
    Number(i64, u8),
    Baseline(u16),
    Tbd,
    Schedule(Vec<(u8, i64)>),
    Sum(u8),
    Extremum(bool, i64, i64),
}

fn year(offset: u8) -> String {
    format!("FY{}", 2010 + u32::from(offset % 30))
}

fn number(value: i64, scale: u8) -> String {
    let scale = u32::from(scale % 6);
    let text = rust_decimal_text(value, scale);
    if value < 0 {
        format!("△{}", text.trim_start_matches('-'))
    } else {
        text
    }
}

fn rust_decimal_text(value: i64, scale: u32) -> String {
    let magnitude = value.unsigned_abs().to_string();
    let digits = format!("{:0>width$}", magnitude, width = scale as usize + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale as usize);
    let sign = if value < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

fn render(plan: &Plan) -> String {
    let first = 2010 + u32::from(plan.first % 20);
    let last = first + u32::from(plan.length % 12);
    let mut text = format!("plan \"fuzz\" {{ period FY{first}..FY{last}");
    if let Some(base) = plan.baseline {
        write!(text, "  baseline {}", year(base)).ok();
    }
    if plan.progress {
        text.push_str("  achievement progress");
    }
    text.push_str(" }\n");
    let units = ["件", "%", "千円", "人", ""];
    let comparators = [">=", "<=", ">", "<", "=="];
    let count = plan.rules.len().max(1);
    for (index, rule) in plan.rules.iter().enumerate().take(24) {
        match rule {
            Rule::Measured { comparator, target, unit, aggregate, schedule, data } => {
                let unit = units[usize::from(unit % 5)];
                let aggregate = ["", " total", " average"][usize::from(aggregate % 3)];
                let target = match target {
                    Target::Number(value, scale) => format!("{}{unit}", number(*value % 10_000_000, *scale)),
                    Target::Baseline(percent) => format!("baseline * {}%", percent % 400),
                    Target::Tbd => "tbd".into(),
                    Target::Schedule(entries) if !entries.is_empty() => {
                        let mut entries: Vec<String> =
                            entries.iter().take(4).map(|(y, v)| format!("{}: {}", year(*y), number(*v % 100_000, 0))).collect();
                        entries.dedup();
                        format!("{{ {} }}", entries.join(", "))
                    }
                    Target::Schedule(_) => "1".into(),
                    Target::Sum(other) => format!("sum(\"r{}\") / 2", usize::from(*other) % count),
                    Target::Extremum(max, a, b) => {
                        format!("{}({}, {})", if *max { "max" } else { "min" }, number(*a % 1000, 0), number(*b % 1000, 1))
                    }
                };
                let unit_clause = if unit.is_empty() { String::new() } else { format!(" unit {unit}") };
                let schedule = match schedule % 3 {
                    0 => String::new(),
                    1 => " every year".into(),
                    _ => format!(" by {}", year(*schedule)),
                };
                let comparator = comparators[usize::from(comparator % 5)];
                writeln!(text, "outcome \"r{index}\"{aggregate} {comparator} {target}{unit_clause}{schedule}").ok();
                let mut entries: Vec<String> =
                    data.iter().take(8).map(|(y, v, s)| format!("{}: {}", year(*y), number(*v % 100_000_000, *s))).collect();
                entries.sort();
                entries.dedup_by(|a, b| a.split(':').next() == b.split(':').next());
                if !entries.is_empty() {
                    writeln!(text, "data \"r{index}\" {{ {} }}", entries.join("  ")).ok();
                }
            }
            Rule::Derived { left, right, operator, target } => {
                let op = ["+", "-", "*", "/"][usize::from(operator % 4)];
                let (left, right) = (usize::from(*left) % count, usize::from(*right) % count);
                writeln!(text, "indicator \"r{index}\" = value(\"r{left}\") {op} value(\"r{right}\") >= {}", number(*target % 10_000, 2))
                    .ok();
            }
            Rule::Milestone { by, done } => {
                writeln!(text, "milestone \"r{index}\" by {}", year(*by)).ok();
                if let Some(done) = done {
                    writeln!(text, "data \"r{index}\" {{ {}: done }}", year(*done)).ok();
                }
            }
            Rule::Qualitative { grades } => {
                writeln!(text, "outcome \"r{index}\" qualitative").ok();
                let mut entries: Vec<String> = grades
                    .iter()
                    .take(4)
                    .map(|(y, g)| format!("{}: grade {}", year(*y), ["A", "B", "C", "D"][usize::from(g % 4)]))
                    .collect();
                entries.sort();
                entries.dedup_by(|a, b| a.split(':').next() == b.split(':').next());
                if !entries.is_empty() {
                    writeln!(text, "data \"r{index}\" {{ {} }}", entries.join("  ")).ok();
                }
            }
            Rule::Composite { any, members } => {
                writeln!(text, "{} \"r{index}\" {{", if *any { "any" } else { "all" }).ok();
                for (member, (kind, value)) in members.iter().take(3).enumerate() {
                    writeln!(
                        text,
                        "  outcome \"r{index}m{member}\" >= {}{}",
                        number(*value % 1_000_000, 0),
                        if kind % 2 == 0 { "%" } else { "" }
                    )
                    .ok();
                }
                text.push_str("}\n");
            }
        }
    }
    let mut scenario = String::new();
    let mut simulation = String::new();
    for (rule, method, a, b) in plan.projections.iter().take(6) {
        let name = format!("r{}", usize::from(*rule) % count);
        let (a, b) = (number(i64::from(*a) % 100_000, 2), number(i64::from(*b) % 100_000, 2));
        match method % 5 {
            0 => writeln!(scenario, "  \"{name}\" grows {a}% per year").ok(),
            1 => writeln!(scenario, "  \"{name}\" = {a} per year").ok(),
            2 => writeln!(scenario, "  \"{name}\" trend").ok(),
            3 => writeln!(simulation, "  \"{name}\" grows normal({a}%, {}%) per year", b.trim_start_matches('△')).ok(),
            _ => writeln!(simulation, "  \"{name}\" = steady uniform({a}, {b}) per year").ok(),
        };
    }
    writeln!(text, "scenario \"s\" {{\n{scenario}}}").ok();
    writeln!(text, "simulation \"m\" runs {} seed {} extends \"s\" {{\n{simulation}}}", u32::from(plan.runs) + 1, plan.seed).ok();
    text
}

fuzz_target!(|plan: Plan| {
    let text = render(&plan);
    let mut engine = Engine::new();
    let file = engine.add_source("fuzz.kpi", text.as_str());
    let Ok(project) = engine.load(file, &[]) else { return };
    let compiled = &project.compiled;
    let mut scratch = Scratch::default();
    let mut outcomes = Vec::new();
    let scenarios: Vec<_> = project.plan.scenarios.iter().collect();
    let datasets = std::iter::once(project.data.clone())
        .chain(scenarios.iter().map(|s| shihyo_core::eval::project(&project.plan, &project.data, s).0))
        .collect::<Vec<_>>();
    for data in &datasets {
        let table = compiled.table(data);
        for as_of in plan.as_of.iter().map(|y| y.map(|y| 2008 + i32::from(y % 34))) {
            let report = shihyo_core::eval::evaluate(&project.plan, compiled, data, Options { as_of, explain: true });
            let _ = shihyo_core::output::json::report(&report, &project.plan, engine.source(file), shihyo_core::syntax::Lang::En);
            compiled.evaluate(&table, report.as_of.number, &mut scratch, &mut outcomes);
            for (result, outcome) in report.rules.iter().zip(&outcomes) {
                assert_eq!(result.outcome, *outcome, "{} explained and not\n{text}", project.plan.rule(result.id).name);
            }
        }
    }
    if let Some(simulation) = project.plan.scenario("m") {
        let mut run = project.simulation(simulation, None, None);
        run.run_all();
        let _ = shihyo_core::output::json::simulation(&run.report(), &project.plan);
    }
});
