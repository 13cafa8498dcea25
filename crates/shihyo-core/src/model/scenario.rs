//! Scenarios and simulations once checked (reference §11): what a
//! `scenario` or `simulation` block means — the indicators it projects, each
//! with its method and amount (fixed, or a distribution to draw from), and a
//! simulation's runs and seed. Projecting is `eval::projection`'s job.

use crate::model::RuleId;
use rust_decimal::Decimal;
use shihyo_syntax::ast::Draw;
use shihyo_syntax::Span;

/// Runs of a simulation that does not say `runs`.
pub const DEFAULT_RUNS: u64 = 10_000;
/// The most runs a simulation may ask for.
pub const MAX_RUNS: u64 = 10_000_000;
/// The runs a simulation may ask for.
pub const RUNS: std::ops::RangeInclusive<u64> = 1..=MAX_RUNS;
/// Decimal places a projected value is rounded to (half away from zero).
pub const PROJECTION_PLACES: u32 = 10;

/// A checked `scenario` or `simulation`, with what it extends already merged in.
#[derive(Clone, Debug)]
pub struct ScenarioDef {
    pub name: String,
    pub key: String,
    /// `Some` for a `simulation`.
    pub simulation: Option<SimulationDef>,
    /// One per projected indicator, in the order of the plan's rules.
    pub projections: Vec<ProjectionDef>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimulationDef {
    pub runs: u64,
    pub seed: u64,
}

#[derive(Clone, Debug)]
pub struct ProjectionDef {
    pub rule: RuleId,
    pub method: MethodDef,
    /// The projection as written (projected values point here).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum MethodDef {
    /// `grows X% per year`: each year is the year before × (1 + X).
    Compound(AmountDef),
    /// `grows V per year` (V in the indicator's unit): each year is the year before + V.
    Increment(AmountDef),
    /// `= V per year`.
    Level(AmountDef),
    /// `trend`.
    Trend,
}

impl MethodDef {
    pub fn amount(&self) -> Option<&AmountDef> {
        match self {
            MethodDef::Compound(amount) | MethodDef::Increment(amount) | MethodDef::Level(amount) => Some(amount),
            MethodDef::Trend => None,
        }
    }
}

/// An amount in base units (a ratio for `%`, 円 for money): fixed or drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountDef {
    /// Drawn once per run and held for every year (`steady`).
    pub steady: bool,
    pub draw: DrawDef,
}

/// An amount once checked, in base units.
pub type DrawDef = Draw<Decimal>;
