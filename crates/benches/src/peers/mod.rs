//! Peer expression engines for shihyo's benchmarks.
//!
//! shihyo compiles KPI-target rules and evaluates them over exact decimals. To say how fast (and how
//! exact) that is, the benchmarks run the same four expressions through four existing Rust engines:
//!
//! | engine | numbers | compiled form |
//! | --- | --- | --- |
//! | [`Zen`] (`zen-expression`, GoRules) | `rust_decimal::Decimal` | bytecode run by a reused `Isolate` |
//! | [`Rhai`] (`rhai`, features `decimal` + `no_float`) | `Decimal` (literals too) and `i64` | `AST` run with a reused `Scope` |
//! | [`Cel`] (`cel`, cel-rust) | `f64` (double) and `i64` | `Program` run with a reused `Context` |
//! | [`Evalexpr`] (`evalexpr` =11.3.1, MIT) | `f64` and `i64` | operator tree run with a reused `HashMapContext` |
//!
//! Every engine implements [`Peer`]: compile a [`Case`] once, evaluate it on many [`Record`]s, or parse and
//! evaluate in one go. Results come back as an [`Outcome`] so that engines can be compared with each other
//! (and with shihyo). [`crate::correctness`] shows how each engine treats `0.1 + 0.2 == 0.3`, `1 / 3 * 3`
//! and overflow. Each struct keeps its engine state (isolate, scope, context) between evaluations, which
//! is each engine's fastest documented way to evaluate a compiled expression repeatedly.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// One of the four benchmark expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// `current >= baseline * 1.5`
    Growth,
    /// `online / total >= 0.6`
    Share,
    /// "A" if p >= 1.0, "B" if p >= 0.8, "C" if p >= 0.6, else "D"
    Grade,
    /// `max(a, b) - min(c, d)`
    Spread,
}

impl Case {
    pub const ALL: [Case; 4] = [Case::Growth, Case::Share, Case::Grade, Case::Spread];

    /// Short name, used in benchmark ids (`evaluate/<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Case::Growth => "growth",
            Case::Share => "share",
            Case::Grade => "grade",
            Case::Spread => "spread",
        }
    }

    /// The variables the expression reads; engines bind only these before evaluating.
    pub fn vars(self) -> &'static [Var] {
        match self {
            Case::Growth => &[Var::Current, Var::Baseline],
            Case::Share => &[Var::Online, Var::Total],
            Case::Grade => &[Var::P],
            Case::Spread => &[Var::A, Var::B, Var::C, Var::D],
        }
    }

    /// The expected outcome, computed in Rust with exact decimals.
    pub fn expected(self, r: &Record) -> Outcome {
        match self {
            Case::Growth => Outcome::Bool(r.current >= r.baseline * Decimal::new(15, 1)),
            Case::Share => Outcome::Bool(r.online / r.total >= Decimal::new(6, 1)),
            Case::Grade => {
                let grade = if r.p >= Decimal::ONE {
                    "A"
                } else if r.p >= Decimal::new(8, 1) {
                    "B"
                } else if r.p >= Decimal::new(6, 1) {
                    "C"
                } else {
                    "D"
                };
                Outcome::Text(grade.to_owned())
            }
            Case::Spread => Outcome::number(r.a.max(r.b) - r.c.min(r.d)),
        }
    }
}

/// A variable of a [`Record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Var {
    Current,
    Baseline,
    Online,
    Total,
    P,
    A,
    B,
    C,
    D,
}

impl Var {
    pub const ALL: [Var; 9] = [Var::Current, Var::Baseline, Var::Online, Var::Total, Var::P, Var::A, Var::B, Var::C, Var::D];

    /// The identifier used in every engine's source text.
    pub fn name(self) -> &'static str {
        match self {
            Var::Current => "current",
            Var::Baseline => "baseline",
            Var::Online => "online",
            Var::Total => "total",
            Var::P => "p",
            Var::A => "a",
            Var::B => "b",
            Var::C => "c",
            Var::D => "d",
        }
    }
}

/// The values of one data record, as exact decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub current: Decimal,
    pub baseline: Decimal,
    pub online: Decimal,
    pub total: Decimal,
    pub p: Decimal,
    pub a: Decimal,
    pub b: Decimal,
    pub c: Decimal,
    pub d: Decimal,
}

impl Record {
    /// The example record: current=15500, baseline=10000, online=6100, total=10000, p=0.85,
    /// a=3.5, b=4.25, c=1.75, d=2.5.
    pub fn sample() -> Record {
        Record {
            current: Decimal::new(15500, 0),
            baseline: Decimal::new(10000, 0),
            online: Decimal::new(6100, 0),
            total: Decimal::new(10000, 0),
            p: Decimal::new(85, 2),
            a: Decimal::new(35, 1),
            b: Decimal::new(425, 2),
            c: Decimal::new(175, 2),
            d: Decimal::new(25, 1),
        }
    }

    pub fn get(&self, var: Var) -> Decimal {
        match var {
            Var::Current => self.current,
            Var::Baseline => self.baseline,
            Var::Online => self.online,
            Var::Total => self.total,
            Var::P => self.p,
            Var::A => self.a,
            Var::B => self.b,
            Var::C => self.c,
            Var::D => self.d,
        }
    }

    /// The value as `f64`, for the engines that have no decimals.
    pub fn get_f64(&self, var: Var) -> f64 {
        self.get(var).to_f64().unwrap_or(f64::NAN)
    }
}

/// An engine's result, comparable across engines. Numbers are normalized decimal text ("2.5", not
/// "2.50" or "2.5000"); a float result is printed with Rust's shortest round-trip formatting first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Bool(bool),
    Text(String),
    Number(String),
    /// The engine failed (or returned a type we do not map); the message says what happened.
    Error(String),
}

impl Outcome {
    pub fn number(d: Decimal) -> Outcome {
        Outcome::Number(d.normalize().to_string())
    }

    pub fn float(x: f64) -> Outcome {
        let text = format!("{x}");
        match Decimal::from_str(&text) {
            Ok(d) => Outcome::number(d),
            Err(_) => Outcome::Number(text),
        }
    }

    fn error(e: impl fmt::Display) -> Outcome {
        Outcome::Error(e.to_string())
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Bool(b) => write!(f, "{b}"),
            Outcome::Text(s) => write!(f, "{s:?}"),
            Outcome::Number(n) => f.write_str(n),
            Outcome::Error(e) => write!(f, "error: {e}"),
        }
    }
}

/// A peer engine, set up once and reused.
pub trait Peer {
    /// Display name, used in benchmark ids.
    const NAME: &'static str;
    /// What the engine computes with.
    const NUMBERS: &'static str;
    /// The engine's compiled form of an expression.
    type Compiled;
    /// The engine's own result type (what `evaluate_raw` returns, before conversion to an [`Outcome`]).
    type Raw;

    /// A fresh engine with its reusable state.
    fn new() -> Self
    where
        Self: Sized;
    /// The expression in this engine's syntax.
    fn source(case: Case) -> &'static str;
    /// Parses and compiles the expression.
    fn compile(&mut self, case: Case) -> Self::Compiled;
    /// Binds the variables `case` reads from `record` and runs the compiled expression; the engine's own result.
    /// This is what the benchmarks time, so that converting to an [`Outcome`] (which may format a number)
    /// is not counted against the engine.
    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw;
    /// Parses, compiles and runs in one go (the engine's one-shot API where it has one); the engine's own result.
    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw;
    /// Converts the engine's result into a comparable [`Outcome`].
    fn outcome(raw: Self::Raw) -> Outcome;
    /// [`Peer::evaluate_raw`], as an [`Outcome`].
    fn evaluate(&mut self, compiled: &Self::Compiled, record: &Record) -> Outcome {
        Self::outcome(self.evaluate_raw(compiled, record))
    }
    /// [`Peer::parse_and_evaluate_raw`], as an [`Outcome`].
    fn parse_and_evaluate(&mut self, case: Case, record: &Record) -> Outcome {
        Self::outcome(self.parse_and_evaluate_raw(case, record))
    }
    /// Evaluates a constant expression (no variables) and prints the result as the engine does.
    fn eval_text(&mut self, source: &str) -> Result<String, String>;
}

/// `(case, compiled)` bundled, since evaluation binds the variables of its case.
pub struct Compiled<C> {
    pub case: Case,
    pub code: C,
}

mod cel;
mod evalexpr;
mod rhai;
mod zen;

pub use cel::Cel;
pub use evalexpr::Evalexpr;
pub use rhai::Rhai;
pub use zen::Zen;

/// Deterministic records for the batch benchmark: `municipalities × indicators × years`, with `current`
/// and `baseline` drawn from a SplitMix64 stream (no OS randomness), both with two decimal places, and the
/// other fields set as in [`Record::sample`].
pub fn batch_records(municipalities: usize, indicators: usize, years: usize) -> Vec<Record> {
    let mut state: u64 = 0x5348_4948_594f_2024; // fixed seed
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let template = Record::sample();
    let n = municipalities * indicators * years;
    let mut records = Vec::with_capacity(n);
    for _ in 0..n {
        // baseline in [100.00, 100_000.00); current = baseline × factor in [0.50, 2.50), rounded to cents.
        let baseline_cents = 10_000 + (next() % 9_990_000) as i64;
        let factor_bp = 5_000 + (next() % 20_001) as i64; // basis points of 1.0
        let current_cents = (baseline_cents * factor_bp + 5_000) / 10_000;
        records.push(Record { current: Decimal::new(current_cents, 2), baseline: Decimal::new(baseline_cents, 2), ..template });
    }
    records
}

/// Runs `compiled` (which should be [`Case::Growth`]) over every record and counts the `true` outcomes.
pub fn count_true<P: Peer>(peer: &mut P, compiled: &P::Compiled, records: &[Record]) -> usize {
    records.iter().filter(|r| peer.evaluate(compiled, r) == Outcome::Bool(true)).count()
}
