//! The shihyo engine: checks a plan and its actuals and evaluates every
//! indicator exactly, with no I/O and no clock (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

//! # Layout
//!
//! The folders are the pipeline: [`read`] turns data files into entries,
//! `check` turns the syntax tree and the entries into the [`model`] (every
//! name resolved, every unit known), [`eval`] compiles the model and judges
//! every rule (reports, projections, simulations), and [`output`] writes the
//! results for machines (JSON, CSV) and people (table cells). `project`
//! drives the pipeline. Each layer uses only those before it.

mod check;
pub mod eval;
pub mod model;
pub mod output;
mod project;
pub mod read;

pub use eval::{
    Compiled, GroupResult, Options, Outcome, Report, RuleResult, Scratch, Simulation, SimulationReport, Status, Step, StepInput, Table,
};
pub use model::scenario::ScenarioDef;
pub use model::{Plan, RuleId};
pub use project::{Engine, Project};
pub use read::DataFormat;
pub use rust_decimal::Decimal;
pub use shihyo_syntax as syntax;
pub use shihyo_syntax::{Code, Diagnostic, Diagnostics, FileId, Lang, Location, Severity, Year};
