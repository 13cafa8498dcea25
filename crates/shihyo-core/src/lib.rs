//! The shihyo engine: checks a plan and its actuals and evaluates every
//! indicator exactly. It does no I/O and reads no clock: the host passes the
//! texts and, if it wants one, the as-of year, so it runs the same natively
//! and in WASM.
//!
//! ```
//! use shihyo_core::{Engine, Options};
//!
//! let plan = r#"
//! plan "例" { period R3..R7  baseline R1 }
//! outcome "電子申請件数" >= baseline * 150% unit 件
//! data "電子申請件数" { R1: 10,000  R5: 13,100 }
//! "#;
//! let mut engine = Engine::new();
//! let plan_file = engine.add_source("plan.kpi", plan);
//! let project = engine.load(plan_file, &[]).expect("a valid plan");
//! let report = project.evaluate(Options::default());
//! let rule = &report.rules[0];
//! assert_eq!(rule.outcome.status.name(), "behind");
//! assert_eq!(rule.outcome.target.unwrap().normalize().to_string(), "15000");
//! ```

#![forbid(unsafe_code)]

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

pub use eval::{Options, Report, RuleResult, Status};
pub use model::{Plan, RuleId};
pub use project::{Engine, Project};
pub use read::DataFormat;
pub use shihyo_syntax as syntax;
