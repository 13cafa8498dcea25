//! The shihyo engine: checks a plan and its actuals and evaluates every
//! indicator exactly, with no I/O and no clock (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(feature = "pipeline"), warn(unnameable_types))]

//! # Layout
//!
//! The folders are the pipeline: `read` turns data files into entries,
//! `check` turns the syntax tree and the entries into the `model` (every
//! name resolved, every unit known), `eval` compiles the model and judges
//! every rule (reports, projections, simulations), and `output` writes the
//! results for machines (JSON, CSV) and people (table cells). `project`
//! drives the pipeline. Each layer uses only those before it. The stages are
//! private to an embedder, whose API is the root's re-exports; the `pipeline`
//! feature makes them public for shihyo's own front ends.

/// Declares an item `pub` with the `pipeline` feature, for shihyo's own front ends
/// which build on the pipeline's stages, and `pub(crate)` without it: an embedder's
/// API is the root's curated re-exports, which name what it needs of the stages.
macro_rules! pipeline_pub {
    ($(#[$attribute:meta])* $kind:ident $($item:tt)*) => {
        #[cfg(feature = "pipeline")]
        $(#[$attribute])* pub $kind $($item)*
        #[cfg(not(feature = "pipeline"))]
        #[allow(dead_code, unused_imports)]
        $(#[$attribute])* pub(crate) $kind $($item)*
    };
}

mod check;
mod project;
pipeline_pub! { mod eval; }
pipeline_pub! { mod model; }
pipeline_pub! { mod output; }
pipeline_pub! { mod read; }

// Loading, evaluating, what-ifs and simulations.
pub use eval::formulas::Arith;
pub use eval::{
    Band, Compiled, Failure, Fault, GroupResult, Options, Outcome, Report, RuleResult, RuleSimulation, Scratch, Simulation,
    SimulationReport, Status, Step, StepInput, Table,
};
pub use project::{Engine, Project};
pub use read::{DataFormat, RawEntry};
// The checked plan, as `Project::plan` gives it: its rules, groups, scales and units.
pub use model::scale::{Against, Condition, Grade, PointStep, Scale};
pub use model::units::{DisplayUnit, Unit, UnitClash};
pub use model::{ComparisonDef, GroupChild, GroupDef, MeasuredDef, Plan, RuleDef, RuleId, RuleSpec, TargetDef};
// Its actuals, scenarios and simulations.
pub use model::data::{Actual, ActualValue, Dataset, Origin, RemarkSet, Remarks};
pub use model::scenario::{AmountDef, DrawDef, MethodDef, ProjectionDef, ScenarioDef, SimulationDef};
// The bounds and defaults the documentation above cites.
pub use eval::BAND_SAMPLE;
pub use model::scenario::{DEFAULT_RUNS, MAX_RUNS};
pub use model::MAX_PERIOD_YEARS;
// Its tests (`test "…" { … }`) and what running them gives.
pub use eval::testing::{CaseRun, Checked, Got, RuleCoverage, TestRun};
pub use model::testing::{Check, Expectation, Subject, TestCase, TestDef};
pub use rust_decimal::Decimal;
pub use shihyo_syntax as syntax;
pub use shihyo_syntax::{Code, Diagnostic, Diagnostics, FileId, Lang, Location, Severity, Year};

/// The JSON documents the command line writes (`--format json`), described by the
/// schemas in `docs/schema/` of the repository: their types, and the functions that build
/// them from an evaluation, with every diagnostic located in its file.
pub mod documents {
    pub use crate::output::document::*;
    pub use crate::output::json::{check, diagnostic, evaluation, explanation, failure, simulation};
}
