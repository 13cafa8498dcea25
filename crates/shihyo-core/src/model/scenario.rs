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
    /// The name as written.
    pub name: String,
    /// The name normalised (NFKC), by which `--scenario`, `extends` and tests find it.
    pub key: String,
    /// `Some` for a `simulation`.
    pub simulation: Option<SimulationDef>,
    /// One per projected indicator, in the order of the plan's rules.
    pub projections: Vec<ProjectionDef>,
    /// The whole `scenario` or `simulation` block in the plan file.
    pub span: Span,
}

/// A simulation's settings, with the defaults applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimulationDef {
    /// How many times the future is drawn: `runs N`, else [`DEFAULT_RUNS`].
    pub runs: u64,
    /// The generator's seed: `seed S`, else 0.
    pub seed: u64,
}

/// One line of a scenario: an indicator, and how its coming years go.
#[derive(Clone, Debug)]
pub struct ProjectionDef {
    /// The rule whose indicator is projected.
    pub rule: RuleId,
    /// How each projected year is computed.
    pub method: MethodDef,
    /// The projection as written (projected values point here).
    pub span: Span,
}

/// How a projection fills the years after the indicator's last actual, up to the plan's last year.
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
    /// The amount after `grows` or `=`; `None` for `trend`.
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
    /// The amount: fixed, or a distribution (`normal`, `uniform`, `triangular`) to draw it from.
    pub draw: DrawDef,
}

/// An amount once checked, in base units.
pub type DrawDef = Draw<Decimal>;
