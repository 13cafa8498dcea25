//! Monte Carlo simulation: reproducible from its seed, right on rules whose
//! chance is known, bounded in memory, and the same whether run at once or
//! in steps.

use shihyo_core::eval::{SimulationReport, BAND_SAMPLE};
use shihyo_core::output::json;
use shihyo_core::{Engine, Options, Project, Status};

fn project(text: &str) -> Project {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", text);
    engine.load(plan, &[]).unwrap_or_else(|d| panic!("the plan loads: {d:?}"))
}

fn simulate(project: &Project, name: &str, runs: Option<u64>, seed: Option<u64>) -> SimulationReport {
    let def = project.plan.scenario(name).expect("the simulation exists");
    let mut simulation = project.simulation(def, runs, seed);
    simulation.run_all();
    simulation.report()
}

fn probability(project: &Project, report: &SimulationReport, rule: &str) -> (f64, f64) {
    let id = project.plan.find(rule).expect("the rule exists");
    let rule = report.rules.iter().find(|r| r.rule == id).expect("the rule is simulated");
    (rule.probability.to_string().parse().unwrap(), rule.standard_error.to_string().parse().unwrap())
}

const CHANCES: &str = r#"
plan "t" { period R3..R7 }
outcome "certain" >= 100件
outcome "impossible" >= 100件
outcome "coin" >= 100件
outcome "steady coin" >= 100件
outcome "fixed" >= 50件
data "certain" { R5: 100件 }
data "impossible" { R5: 100件 }
data "coin" { R5: 100件 }
data "steady coin" { R5: 100件 }
data "fixed" { R5: 60件 }
simulation "m" runs 20000 seed 7 {
  "certain" grows uniform(1%, 5%) per year
  "impossible" grows uniform(-5%, -1%) per year
  "coin" = normal(100件, 10件) per year
  "steady coin" grows steady triangular(-10%, 0%, 10%) per year
  "fixed" = 60件 per year
}
"#;

#[test]
fn known_chances_come_out_right() {
    let project = project(CHANCES);
    let report = simulate(&project, "m", None, None);
    assert_eq!(report.runs, 20_000);
    assert_eq!(probability(&project, &report, "certain"), (1.0, 0.0));
    assert_eq!(probability(&project, &report, "impossible"), (0.0, 0.0));
    for coin in ["coin", "steady coin"] {
        let (p, error) = probability(&project, &report, coin);
        let expected_error = (0.25f64 / 20_000.0).sqrt();
        assert!((error - expected_error).abs() < 1e-4, "{coin}: standard error {error}, expected about {expected_error}");
        assert!((p - 0.5).abs() < 4.0 * expected_error, "{coin}: {p} is not 0.5 within four standard errors");
    }
    // A rule that reads nothing drawn (its projection is fixed) is judged once.
    let fixed = report.rules.iter().find(|r| r.rule == project.plan.find("fixed").unwrap()).unwrap();
    assert!(!fixed.varies);
    assert_eq!(fixed.statuses, vec![(Status::Achieved, 20_000)]);
    // The certain rule is met from its first projected year on; the impossible one never.
    let certain = report.rules.iter().find(|r| r.rule == project.plan.find("certain").unwrap()).unwrap();
    assert_eq!(certain.first_met, vec![(2023, 20_000)]);
    let impossible = report.rules.iter().find(|r| r.rule == project.plan.find("impossible").unwrap()).unwrap();
    assert_eq!((impossible.first_met.len(), impossible.never_met), (1, 0), "met in R5, its last actual");
}

#[test]
fn a_seed_gives_the_same_report_and_another_seed_another() {
    let project = project(CHANCES);
    let json = |seed| {
        serde_json::to_string(&json::simulation(&simulate(&project, "m", Some(3_000), Some(seed)), &project.plan)).expect("a document")
    };
    assert_eq!(json(11), json(11));
    assert_ne!(json(11), json(12));
}

#[test]
fn running_in_steps_gives_the_same_report() {
    let project = project(CHANCES);
    let def = project.plan.scenario("m").unwrap();
    let mut stepwise = project.simulation(def, Some(5_000), None);
    while !stepwise.is_finished() {
        stepwise.advance(777);
    }
    let at_once = simulate(&project, "m", Some(5_000), None);
    assert_eq!(
        serde_json::to_value(json::simulation(&stepwise.report(), &project.plan)).ok(),
        serde_json::to_value(json::simulation(&at_once, &project.plan)).ok()
    );
}

#[test]
fn bands_keep_a_bounded_sample() {
    let project = project(CHANCES);
    let report = simulate(&project, "m", Some(BAND_SAMPLE as u64 * 3), None);
    assert!(report.sampled);
    assert!(report.bands.iter().all(|band| band.runs == BAND_SAMPLE), "every band keeps exactly the sample");
    let exact = simulate(&project, "m", Some(2_000), None);
    assert!(!exact.sampled && exact.bands.iter().all(|band| band.runs == 2_000));
    // Percentiles are ordered, and the coin's median is near its mean.
    for band in &report.bands {
        let values: Vec<_> = band.percentiles.iter().map(|p| p.unwrap()).collect();
        assert!(values.windows(2).all(|w| w[0] <= w[1]), "{band:?}");
    }
    let coin = project.plan.find("coin").unwrap();
    let median = report.bands.iter().find(|b| b.rule == coin && b.year == 2025).unwrap().percentiles[2].unwrap();
    assert!((median.to_string().parse::<f64>().unwrap() - 100.0).abs() < 1.0, "median {median}");
}

#[test]
fn a_steady_draw_spreads_wider_than_yearly_draws() {
    let project = project(
        r#"
plan "t" { period R3..R7 }
outcome "yearly" >= 100件
outcome "steady" >= 100件
data "yearly" { R3: 100件 }
data "steady" { R3: 100件 }
simulation "m" runs 5000 seed 3 {
  "yearly" grows normal(0%, 5%) per year
  "steady" grows steady normal(0%, 5%) per year
}
"#,
    );
    let report = simulate(&project, "m", None, None);
    let spread = |name: &str| {
        let id = project.plan.find(name).unwrap();
        let band = report.bands.iter().find(|b| b.rule == id && b.year == 2025).unwrap();
        band.percentiles[4].unwrap() - band.percentiles[0].unwrap()
    };
    assert!(spread("steady") > spread("yearly"), "steady {} vs yearly {}", spread("steady"), spread("yearly"));
}

#[test]
fn without_spread_a_simulation_agrees_with_its_scenario() {
    // Every example rule: a simulation whose draws have no spread reaches the status
    // the exact evaluation of the same scenario gives, in every run.
    let project = project(
        r#"
plan "t" { period R3..R7  baseline R1 }
outcome "件数" >= baseline * 150% unit 件
outcome "率" = value("件数") / value("総数") >= 60%
indicator "総数" unit 件
outcome "効果額" total >= 298,513千円
outcome "満足度" >= 80% every year
data "件数" { R1: 10,000  R4: 12,000 }
data "総数" { R4: 20,000 }
data "効果額" { R3: 50,000千円  R4: 60,000千円 }
data "満足度" { R3: 81%  R4: 82% }
simulation "m" runs 50 seed 1 {
  "件数" grows normal(10%, 0%) per year
  "総数" = uniform(20,000件, 20,000件) per year
  "効果額" = triangular(60,000千円, 60,000千円, 60,000千円) per year
  "満足度" grows steady normal(-1%, 0%) per year
}
"#,
    );
    let report = simulate(&project, "m", None, None);
    let def = project.plan.scenario("m").unwrap();
    let (exact, notes) = project.evaluate_scenario(def, Options { as_of: Some(report.as_of), explain: false });
    assert!(notes.is_empty());
    for rule in &report.rules {
        let status = exact.rule(rule.rule).outcome.status;
        assert_eq!(rule.statuses, vec![(status, 50)], "{}", project.plan.rule(rule.rule).name);
    }
}
