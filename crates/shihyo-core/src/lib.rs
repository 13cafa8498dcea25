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
//! assert_eq!(rule.status.name(), "behind");
//! assert_eq!(rule.target.unwrap().normalize().to_string(), "15000");
//! ```

#![forbid(unsafe_code)]

pub mod check;
pub mod data;
pub mod display;
pub mod eval;
pub mod machine;
pub mod model;
pub mod report;
pub mod scenario;
pub mod simulate;
pub mod units;

pub use data::DataFormat;
pub use eval::Options;
pub use model::{Plan, RuleId};
pub use report::{Report, RuleResult, Status};
pub use shihyo_syntax as syntax;

use shihyo_syntax::{Diagnostic, FileId, Source};

/// The sources of one run: the plan and its data files, by [`FileId`].
#[derive(Default)]
pub struct Engine {
    sources: Vec<Source>,
}

/// A checked plan with its data, ready to evaluate.
pub struct Project {
    pub plan: Plan,
    pub data: data::Dataset,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// The plan compiled for evaluation.
    pub compiled: eval::Compiled,
}

impl Project {
    pub fn evaluate(&self, options: Options) -> Report {
        eval::evaluate(&self.plan, &self.compiled, &self.data, options)
    }

    /// Evaluates on the actuals plus a scenario's projections (a simulation's
    /// distributions at their means), with notes on what could not be projected.
    /// The evaluation year defaults to the last year with a value: the plan's end.
    pub fn evaluate_scenario(&self, scenario: &scenario::ScenarioDef, options: Options) -> (Report, Vec<Diagnostic>) {
        let (report, _, notes) = self.evaluate_projected(scenario, options);
        (report, notes)
    }

    /// [`Project::evaluate_scenario`], with the values it evaluated: the actuals
    /// and the scenario's projections (for charts of every year).
    pub fn evaluate_projected(&self, scenario: &scenario::ScenarioDef, options: Options) -> (Report, data::Dataset, Vec<Diagnostic>) {
        let (data, notes) = scenario::project(&self.plan, &self.data, scenario);
        let mut report = eval::evaluate(&self.plan, &self.compiled, &data, options);
        report.scenario = Some(scenario.name.clone());
        (report, data, notes)
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Adds a text (plan or data) and returns its id.
    pub fn add_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.sources.push(Source::new(name, text));
        FileId(u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX))
    }

    pub fn source(&self, id: FileId) -> &Source {
        &self.sources[id.0 as usize]
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Parses and checks the plan and reads the data files (format from their names).
    pub fn load(&self, plan: FileId, data_files: &[FileId]) -> Result<Project, Vec<Diagnostic>> {
        let parsed = shihyo_syntax::parse(self.source(plan), plan);
        let mut diagnostics = parsed.diagnostics;
        // A plan that does not parse is not checked (its errors would cascade); cells
        // of a data file that cannot be read are left out, and the rest is checked, so
        // that every error of the data is reported in one run.
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        let mut entries = Vec::new();
        data::inline_entries(&parsed.file.items, plan, &mut entries);
        for &file in data_files {
            let source = self.source(file);
            let (read, problems) = data::read(file, source, DataFormat::from_name(source.name()));
            entries.extend(read);
            diagnostics.extend(problems);
        }
        let (checked, problems) = check::check(&parsed.file, plan, self.source(plan).original(), entries);
        diagnostics.extend(problems);
        // Reported file by file, in the order they stand in each file.
        diagnostics.sort_by_key(|d| (d.file, d.span.start));
        match checked {
            Some((plan, data)) if !diagnostics.iter().any(Diagnostic::is_error) => {
                let compiled = eval::Compiled::new(&plan);
                Ok(Project { plan, data, warnings: diagnostics, compiled })
            }
            _ => Err(diagnostics),
        }
    }
}
