//! Monte Carlo simulation of a plan (reference §11).
//!
//! A `simulation` is a scenario whose amounts may be drawn from `normal`,
//! `uniform` or `triangular` distributions, afresh for every projected year of
//! every run, or once per run with `steady`. Each run fills the projected
//! years of the drawn indicators, recomputes what depends on them with the
//! evaluator and no recorder, and judges the rules that read them: the status each
//! reaches in its target year, and the first year its target is met. Rules
//! that read nothing drawn are judged once.
//!
//! Draws come from a seeded xoshiro256++ generator and are turned into exact
//! decimals by IEEE arithmetic that is the same on every platform (`libm` for
//! the logarithm, the correctly rounded square root), so a seed gives the same
//! report natively and in WASM. Statistics are streamed: counts per rule, and
//! percentile bands from a uniform sample of at most [`BAND_SAMPLE`] runs
//! (every run when there are no more), so a million runs take bounded memory.
//! A host runs a simulation in steps ([`Simulation::advance`]) to show
//! progress or to stop it.

use super::projection;
use super::record::NoRecord;
use super::{Compiled, Outcome, Scratch, Status, Table};
use crate::model::data::Dataset;
use crate::model::scenario::{self, DrawDef, MethodDef, ScenarioDef, SimulationDef};
use crate::model::{Plan, RuleId};
use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shihyo_syntax::Diagnostic;

/// The most runs whose values are kept for the percentile bands.
pub const BAND_SAMPLE: usize = 10_000;

/// Significant digits a drawn amount keeps (relative to its largest parameter).
const DRAW_DIGITS: u32 = 12;

/// A distribution ready to draw from, in `f64`, with the decimal places its draws keep.
#[derive(Clone, Copy, Debug)]
enum Sampler {
    Fixed(Decimal),
    Normal { mean: f64, sd: f64, places: u32 },
    Uniform { low: f64, high: f64, places: u32 },
    Triangular { low: f64, mode: f64, high: f64, places: u32 },
}

impl Sampler {
    fn new(draw: DrawDef) -> Sampler {
        let float = |d: Decimal| d.to_f64().unwrap_or(0.0);
        let places = |values: &[Decimal]| {
            let largest = values.iter().map(|v| v.abs()).max().unwrap_or_default().trunc();
            let digits = if largest.is_zero() { 0 } else { largest.to_string().len() as u32 };
            DRAW_DIGITS.saturating_sub(digits)
        };
        match draw {
            DrawDef::Fixed(value) => Sampler::Fixed(value),
            DrawDef::Normal { mean, sd } => Sampler::Normal { mean: float(mean), sd: float(sd), places: places(&[mean, sd]) },
            DrawDef::Uniform { low, high } => Sampler::Uniform { low: float(low), high: float(high), places: places(&[low, high]) },
            DrawDef::Triangular { low, mode, high } => {
                Sampler::Triangular { low: float(low), mode: float(mode), high: float(high), places: places(&[low, mode, high]) }
            }
        }
    }

    /// One draw, as an exact decimal; `None` if it falls outside the decimal range.
    fn draw(&self, rng: &mut Xoshiro256PlusPlus) -> Option<Decimal> {
        let (value, places) = match *self {
            Sampler::Fixed(value) => return Some(value),
            Sampler::Normal { mean, sd, places } => (mean + sd * standard_normal(rng), places),
            Sampler::Uniform { low, high, places } => (low + (high - low) * unit(rng), places),
            Sampler::Triangular { low, mode, high, places } => {
                let u = unit(rng);
                let span = high - low;
                let value = if span <= 0.0 {
                    low
                } else if u < (mode - low) / span {
                    low + (u * span * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * span * (high - mode)).sqrt()
                };
                (value, places)
            }
        };
        let scaled = (value * 10f64.powi(places as i32)).round();
        if !scaled.is_finite() || scaled.abs() >= 7.9e28 {
            return None;
        }
        Decimal::try_from_i128_with_scale(scaled as i128, places).ok()
    }
}

/// A uniform draw in [0, 1) from the top 53 bits.
fn unit(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal draw (Marsaglia's polar method).
fn standard_normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    loop {
        let x = 2.0 * unit(rng) - 1.0;
        let y = 2.0 * unit(rng) - 1.0;
        let s = x * x + y * y;
        if s > 0.0 && s < 1.0 {
            return x * (-2.0 * libm::log(s) / s).sqrt();
        }
    }
}

/// A projection whose values change from run to run.
#[derive(Clone, Debug)]
struct Drawn {
    rule: RuleId,
    method: MethodDef,
    sampler: Sampler,
    steady: bool,
    /// The value the first projected year grows from (none for `= V per year`).
    start: Decimal,
    first_year: i32,
}

/// What is counted of one rule over the runs.
#[derive(Clone, Debug)]
struct RuleCounts {
    rule: RuleId,
    target_year: Option<i32>,
    /// Runs by status in the target year, indexed like [`STATUSES`].
    statuses: [u64; STATUSES.len()],
    /// Runs by the first year the target is met (from the plan's first year), and never.
    first_met: Vec<u64>,
    never_met: u64,
    /// Whether the rule reads a drawn value (else it is judged once).
    varies: bool,
    /// The first year met among the years that do not vary, if any.
    fixed_first_met: Option<i32>,
    /// The first year whose value may vary.
    varies_from: i32,
}

const STATUSES: [Status; 12] = [
    Status::Achieved,
    Status::NotAchieved,
    Status::OnTrack,
    Status::Behind,
    Status::NoData,
    Status::Tbd,
    Status::Qualitative,
    Status::Done,
    Status::Pending,
    Status::Overdue,
    Status::Tracked,
    Status::Error,
];

/// The values of one indicator in one year, over a sample of runs.
#[derive(Clone, Debug)]
struct BandCell {
    rule: RuleId,
    year: i32,
    projected: bool,
    values: Vec<Option<Decimal>>,
}

/// A simulation in progress.
pub struct Simulation<'p> {
    plan: &'p Plan,
    scenario: &'p ScenarioDef,
    settings: SimulationDef,
    compiled: &'p Compiled,
    table: Table,
    scratch: Scratch,
    outcomes: Vec<Outcome>,
    drawn: Vec<Drawn>,
    /// Indicators whose values change between runs (drawn, or derived from drawn ones).
    varies: Vec<bool>,
    counts: Vec<RuleCounts>,
    /// Composites that contain a varying rule, inner ones first.
    composites: Vec<RuleId>,
    bands: Vec<BandCell>,
    rng: Xoshiro256PlusPlus,
    sample_rng: Xoshiro256PlusPlus,
    done: u64,
    failed_draws: u64,
    as_of: i32,
    notes: Vec<Diagnostic>,
}

impl<'p> Simulation<'p> {
    /// Prepares a simulation of `scenario` (a `simulation` block; a plain scenario
    /// runs as a simulation without draws) on `plan`, compiled as `compiled`, with runs
    /// and seed overridden if given. [`crate::Project::simulation`] is the way in.
    pub fn new(
        plan: &'p Plan,
        compiled: &'p Compiled,
        data: &Dataset,
        scenario: &'p ScenarioDef,
        runs: Option<u64>,
        seed: Option<u64>,
    ) -> Simulation<'p> {
        let written = scenario.simulation.unwrap_or(SimulationDef { runs: 1, seed: 0 });
        let settings =
            SimulationDef { runs: runs.unwrap_or(written.runs).clamp(1, scenario::MAX_RUNS), seed: seed.unwrap_or(written.seed) };
        // Every projection at its mean gives the table each run starts from.
        let (projected, notes) = projection::project(plan, data, scenario);
        let table = compiled.table(&projected);
        let (first, last) = plan.period;
        let drawn: Vec<Drawn> = scenario
            .projections
            .iter()
            .filter_map(|projection| {
                let amount = projection.method.amount()?;
                if matches!(amount.draw, DrawDef::Fixed(_)) {
                    return None;
                }
                let last_actual = projection::last_actual(data, projection.rule);
                let (first_year, start) = match (&projection.method, last_actual) {
                    (MethodDef::Level(_), None) => (first, Decimal::ZERO),
                    (_, Some((year, value))) => (year + 1, value),
                    (_, None) => return None,
                };
                Some(Drawn {
                    rule: projection.rule,
                    method: projection.method.clone(),
                    sampler: Sampler::new(amount.draw),
                    steady: amount.steady,
                    start,
                    first_year,
                })
            })
            .collect();
        // What varies: the drawn indicators and the derived ones computed from them
        // (their values), then every rule that reads one of those (its status).
        let count = plan.rules.len();
        let seeds: Vec<(usize, i32)> = drawn.iter().map(|d| (d.rule.0, d.first_year)).collect();
        let values_from = varying(count, &seeds, |rule| compiled.derivation_reads(RuleId(rule)));
        let value_seeds: Vec<(usize, i32)> = values_from.iter().enumerate().filter_map(|(r, from)| Some((r, (*from)?))).collect();
        let judged_from = varying(count, &value_seeds, |rule| compiled.reads(RuleId(rule)));
        let varies: Vec<bool> = values_from.iter().map(Option::is_some).collect();
        let varies_from: Vec<i32> = judged_from.iter().map(|from| from.unwrap_or(i32::MAX)).collect();
        let as_of = (0..count).filter_map(|r| compiled.target_year(RuleId(r))).chain([last]).max().unwrap_or(last);
        let mut scratch = Scratch::default();
        let mut outcomes = Vec::new();
        compiled.evaluate(&table, as_of, &mut scratch, &mut outcomes);
        let mut counts = Vec::new();
        let mut composites = Vec::new();
        for rule in (0..count).map(RuleId) {
            let target_year = compiled.target_year(rule);
            if compiled.members(rule).is_some() {
                if judged_from[rule.0].is_some() {
                    composites.push(rule);
                }
            } else if target_year.is_none() {
                continue;
            }
            let years = usize::try_from(target_year.unwrap_or(last) - first + 1).unwrap_or(0);
            let mut rule_counts = RuleCounts {
                rule,
                target_year,
                statuses: [0; STATUSES.len()],
                first_met: vec![0; years],
                never_met: 0,
                varies: judged_from[rule.0].is_some(),
                fixed_first_met: None,
                varies_from: varies_from[rule.0],
            };
            if let Some(target_year) = target_year {
                let fixed_until = rule_counts.varies_from.min(target_year + 1);
                rule_counts.fixed_first_met = (first..fixed_until).find(|y| compiled.meets(rule, &table, *y, &mut scratch) == Some(true));
            }
            counts.push(rule_counts);
        }
        composites.sort_by(|a, b| b.cmp(a));
        let bands = (0..count)
            .filter(|r| values_from[*r].is_some())
            .flat_map(|r| {
                let from = values_from[r].unwrap_or(i32::MAX);
                (first..=last).map(move |year| BandCell { rule: RuleId(r), year, projected: year >= from, values: Vec::new() })
            })
            .collect();
        Simulation {
            plan,
            scenario,
            settings,
            compiled,
            table,
            scratch,
            outcomes,
            drawn,
            varies,
            counts,
            composites,
            bands,
            rng: Xoshiro256PlusPlus::seed_from_u64(settings.seed),
            // Which runs the bands keep is drawn from a stream of its own.
            sample_rng: Xoshiro256PlusPlus::seed_from_u64(settings.seed ^ 0x5348_4948_594f_5f42),
            done: 0,
            failed_draws: 0,
            as_of,
            notes,
        }
    }

    /// The runs asked for.
    pub fn runs(&self) -> u64 {
        self.settings.runs
    }

    /// The runs done so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    /// Whether every run asked for is done (then [`Simulation::advance`] does nothing more).
    pub fn is_finished(&self) -> bool {
        self.done >= self.settings.runs
    }

    /// Notes on projections that could not be made.
    pub fn notes(&self) -> &[Diagnostic] {
        &self.notes
    }

    /// Does up to `count` more runs.
    pub fn advance(&mut self, count: u64) {
        let end = self.done.saturating_add(count).min(self.settings.runs);
        while self.done < end {
            self.run_once();
            self.done += 1;
        }
    }

    /// Runs the whole simulation.
    pub fn run_all(&mut self) {
        self.advance(u64::MAX);
    }

    fn run_once(&mut self) {
        let end = self.plan.period.1;
        for d in &self.drawn {
            let held = if d.steady { d.sampler.draw(&mut self.rng) } else { None };
            let mut value = Some(d.start);
            for year in d.first_year..=end {
                let amount = if d.steady { held } else { d.sampler.draw(&mut self.rng) };
                value = match (value, amount) {
                    (Some(previous), Some(amount)) => projection::step(&d.method, previous, amount),
                    _ => None,
                };
                match value {
                    Some(v) => {
                        self.table.set(d.rule, year, v);
                    }
                    None => {
                        self.failed_draws += 1;
                        self.table.clear(d.rule, year);
                    }
                }
            }
        }
        let varies = &self.varies;
        self.compiled.derive_where(&mut self.table, &mut self.scratch, |rule| varies[rule]);
        for counts in self.counts.iter_mut().filter(|c| c.varies && self.compiled.members(c.rule).is_none()) {
            self.outcomes[counts.rule.0] =
                self.compiled.judge_recorded(counts.rule, &self.table, self.as_of, &mut self.scratch, &mut NoRecord);
        }
        for rule in &self.composites {
            self.outcomes[rule.0] = self.compiled.compose_recorded(*rule, &self.outcomes, &mut NoRecord);
        }
        let first = self.plan.period.0;
        for counts in &mut self.counts {
            let status = self.outcomes[counts.rule.0].status;
            let index = STATUSES.iter().position(|s| *s == status).expect("every status is listed");
            counts.statuses[index] += 1;
            let Some(target_year) = counts.target_year else { continue };
            let met = counts.fixed_first_met.or_else(|| {
                (counts.varies_from.max(first)..=target_year)
                    .find(|year| self.compiled.meets(counts.rule, &self.table, *year, &mut self.scratch) == Some(true))
            });
            match met {
                Some(year) => counts.first_met[(year - first) as usize] += 1,
                None => counts.never_met += 1,
            }
        }
        self.sample_bands();
    }

    /// Keeps this run's values in the bands' sample (reservoir sampling of whole runs).
    fn sample_bands(&mut self) {
        let slot = if (self.done as usize) < BAND_SAMPLE {
            None
        } else {
            let pick = self.sample_rng.next_u64() % (self.done + 1);
            match usize::try_from(pick) {
                Ok(pick) if pick < BAND_SAMPLE => Some(pick),
                _ => return,
            }
        };
        for cell in &mut self.bands {
            let value = self.table.get(cell.rule, cell.year).ok();
            match slot {
                None => cell.values.push(value),
                Some(index) => cell.values[index] = value,
            }
        }
    }

    /// The results so far.
    pub fn report(&self) -> SimulationReport {
        let rules = self
            .counts
            .iter()
            .map(|c| {
                let runs = self.done.max(1);
                let achieved = c.statuses[0];
                let probability = Decimal::from(achieved) / Decimal::from(runs);
                let p = achieved as f64 / runs as f64;
                let error = Decimal::from_f64_retain((p * (1.0 - p) / runs as f64).sqrt()).unwrap_or_default().round_dp(6);
                RuleSimulation {
                    rule: c.rule,
                    target_year: c.target_year,
                    probability,
                    standard_error: error,
                    statuses: STATUSES.iter().zip(c.statuses).filter(|(_, n)| *n > 0).map(|(s, n)| (*s, n)).collect(),
                    first_met: c
                        .first_met
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| **n > 0)
                        .map(|(i, n)| (self.plan.period.0 + i as i32, *n))
                        .collect(),
                    never_met: c.never_met,
                    varies: c.varies,
                }
            })
            .collect();
        let bands = self
            .bands
            .iter()
            .filter(|cell| cell.values.iter().any(Option::is_some))
            .map(|cell| {
                let mut values: Vec<Decimal> = cell.values.iter().flatten().copied().collect();
                values.sort();
                let percentile = |q: u32| -> Option<Decimal> {
                    let n = values.len();
                    (n > 0).then(|| values[((n * q as usize).div_ceil(100)).clamp(1, n) - 1])
                };
                Band {
                    rule: cell.rule,
                    year: cell.year,
                    projected: cell.projected,
                    runs: values.len(),
                    percentiles: [5, 25, 50, 75, 95].map(percentile),
                }
            })
            .collect();
        SimulationReport {
            name: self.scenario.name.clone(),
            runs: self.done,
            seed: self.settings.seed,
            as_of: self.as_of,
            sampled: self.done as usize > BAND_SAMPLE,
            failed_draws: self.failed_draws,
            rules,
            bands,
        }
    }
}

/// The results of a simulation.
#[derive(Clone, Debug)]
pub struct SimulationReport {
    /// The simulation's name, as its `simulation "…"` block writes it.
    pub name: String,
    /// The runs done (fewer than asked when the host stopped early).
    pub runs: u64,
    /// The seed the draws started from (`seed S`, or `--seed`).
    pub seed: u64,
    /// The year rules are judged in: the plan's end (or a later target year).
    pub as_of: i32,
    /// Whether the bands come from a sample of the runs (more runs than [`BAND_SAMPLE`]).
    pub sampled: bool,
    /// Draws outside the exact decimal range (their years have no value in that run).
    pub failed_draws: u64,
    /// Every rule with a numeric target, and every `any`/`all`, in file order.
    pub rules: Vec<RuleSimulation>,
    /// The percentiles of each drawn indicator and each derived from one, by indicator in file order, then by year.
    pub bands: Vec<Band>,
}

/// One rule's chances over the runs.
#[derive(Clone, Debug)]
pub struct RuleSimulation {
    /// The rule, in the plan simulated.
    pub rule: RuleId,
    /// The year the rule is judged in, as a western year (2025 for R7); `None` for an `any`/`all`.
    pub target_year: Option<i32>,
    /// The share of runs in which the rule is `achieved` in its target year.
    pub probability: Decimal,
    /// The Monte Carlo standard error of the probability, √(p(1−p)/n), to 6 places.
    pub standard_error: Decimal,
    /// Runs by status in the target year.
    pub statuses: Vec<(Status, u64)>,
    /// Runs by the first year the target is met.
    pub first_met: Vec<(i32, u64)>,
    /// Runs in which no year up to the target year meets the target.
    pub never_met: u64,
    /// Whether the rule reads a drawn value (else every run is the same).
    pub varies: bool,
}

/// Percentiles of one indicator in one year.
#[derive(Clone, Debug)]
pub struct Band {
    /// The indicator, drawn or derived from a drawn one.
    pub rule: RuleId,
    /// The year, as a western year (2025 for R7).
    pub year: i32,
    /// Whether the year's values are drawn (else they are the actuals, the same in every run).
    pub projected: bool,
    /// Runs with a value in this year (among those sampled).
    pub runs: usize,
    /// p5, p25, p50, p75, p95 (nearest rank).
    pub percentiles: [Option<Decimal>; 5],
}

/// For each rule, the first year its value (or status) may vary, if it does: the
/// seeds vary from their year, and a rule varies from the earliest year of what it reads.
fn varying(count: usize, seeds: &[(usize, i32)], reads: impl Fn(usize) -> Vec<RuleId>) -> Vec<Option<i32>> {
    let mut from: Vec<Option<i32>> = vec![None; count];
    for &(rule, year) in seeds {
        from[rule] = Some(from[rule].map_or(year, |y| y.min(year)));
    }
    let reads: Vec<Vec<RuleId>> = (0..count).map(reads).collect();
    // Rules read rules defined anywhere in the plan: repeat until nothing changes.
    loop {
        let mut changed = false;
        for rule in 0..count {
            let earliest = reads[rule].iter().filter_map(|r| from[r.0]).min();
            if let Some(year) = earliest.filter(|year| from[rule].is_none_or(|current| *year < current)) {
                from[rule] = Some(year);
                changed = true;
            }
        }
        if !changed {
            return from;
        }
    }
}
