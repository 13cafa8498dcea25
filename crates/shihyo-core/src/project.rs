//! The pipeline from texts to a project: parse the plan, read its data files,
//! check both, compile the plan. [`Engine`] holds the texts (the host reads
//! the files); [`Project`] is what evaluation, explanation and simulation
//! start from.

use crate::check;
use crate::eval::{self, Compiled, Options, Report, Simulation};
use crate::model::data::{Dataset, RemarkSet};
use crate::model::scenario::ScenarioDef;
use crate::model::testing::TestDef;
use crate::model::Plan;
use crate::read::{self, DataFormat, RawEntry};
use shihyo_syntax::{Diagnostic, FileId, Parsed, Source};
use std::sync::Arc;

/// The sources of one run: the plan and its data files, by [`FileId`].
#[derive(Default)]
pub struct Engine {
    sources: Vec<Source>,
}

/// A checked plan with its data, ready to evaluate.
pub struct Project {
    pub plan: Plan,
    pub data: Dataset,
    /// What the departments wrote on each year's figure (no evaluation reads it).
    pub remarks: RemarkSet,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// The plan compiled for evaluation (shared: a host may keep it beside the project).
    pub compiled: Arc<Compiled>,
    /// The plan's own tests (`test { … }`), run by [`Project::run_tests`].
    pub tests: Vec<TestDef>,
}

impl Project {
    pub fn evaluate(&self, options: Options) -> Report {
        eval::evaluate(&self.plan, &self.compiled, &self.data, options)
    }

    /// Evaluates on the actuals plus a scenario's projections (a simulation's
    /// distributions at their means), with notes on what could not be projected.
    /// The evaluation year defaults to the last year with a value: the plan's end.
    pub fn evaluate_scenario(&self, scenario: &ScenarioDef, options: Options) -> (Report, Vec<Diagnostic>) {
        let (report, _, notes) = self.evaluate_projected(scenario, options);
        (report, notes)
    }

    /// [`Project::evaluate_scenario`], with the values it evaluated: the actuals
    /// and the scenario's projections (for charts of every year).
    pub fn evaluate_projected(&self, scenario: &ScenarioDef, options: Options) -> (Report, Dataset, Vec<Diagnostic>) {
        let (data, notes) = eval::project(&self.plan, &self.data, scenario);
        let mut report = eval::evaluate(&self.plan, &self.compiled, &data, options);
        report.scenario = Some(scenario.name.clone());
        (report, data, notes)
    }

    /// Runs the plan's own tests: every case evaluated on its data, every expectation compared.
    pub fn run_tests(&self) -> eval::testing::TestRun {
        eval::testing::run(&self.plan, &self.compiled, &self.tests)
    }

    /// Prepares a Monte Carlo simulation of `scenario` on the actuals, with runs and seed
    /// overridden if given (see [`Simulation`]).
    pub fn simulation<'p>(&'p self, scenario: &'p ScenarioDef, runs: Option<u64>, seed: Option<u64>) -> Simulation<'p> {
        Simulation::new(&self.plan, &self.compiled, &self.data, scenario, runs, seed)
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
        let (entries, problems) = self.read_data(data_files);
        self.load_entries(plan, entries, problems)
    }

    /// Reads data files (format from their names): their entries, and what could not be read.
    pub fn read_data(&self, data_files: &[FileId]) -> (Vec<RawEntry>, Vec<Diagnostic>) {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for &file in data_files {
            let source = self.source(file);
            let (read, found) = read::read(file, source, DataFormat::from_name(source.name()));
            entries.extend(read);
            problems.extend(found);
        }
        (entries, problems)
    }

    /// Parses and checks the plan with entries already read ([`Engine::read_data`]), and
    /// `problems` found reading them: a host may rename or leave out entries first (a
    /// revision's comparison gives each version the actuals under its own names).
    pub fn load_entries(&self, plan: FileId, data: Vec<RawEntry>, problems: Vec<Diagnostic>) -> Result<Project, Vec<Diagnostic>> {
        let parsed = shihyo_syntax::parse(self.source(plan), plan);
        self.load_parsed(plan, &parsed, data, problems)
    }

    /// [`Engine::load_entries`] with the plan already parsed: a host that keeps the
    /// syntax tree too (the editor features) parses once.
    pub fn load_parsed(
        &self,
        plan: FileId,
        parsed: &Parsed,
        data: Vec<RawEntry>,
        problems: Vec<Diagnostic>,
    ) -> Result<Project, Vec<Diagnostic>> {
        let mut diagnostics = parsed.diagnostics.clone();
        // A plan that does not parse is not checked (its errors would cascade); cells
        // of a data file that cannot be read are left out, and the rest is checked, so
        // that every error of the data is reported in one run.
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        let mut entries = Vec::new();
        read::inline_entries(&parsed.file.items, plan, &mut entries);
        entries.extend(data);
        diagnostics.extend(problems);
        let (checked, problems) = check::check(&parsed.file, plan, self.source(plan).original(), entries);
        diagnostics.extend(problems);
        // Reported file by file, in the order they stand in each file.
        diagnostics.sort_by_key(|d| (d.file, d.span.start));
        match checked {
            Some(check::Checked { plan, data, remarks, tests }) if !diagnostics.iter().any(Diagnostic::is_error) => {
                let compiled = Arc::new(Compiled::new(&plan));
                Ok(Project { plan, data, remarks, warnings: diagnostics, compiled, tests })
            }
            _ => Err(diagnostics),
        }
    }
}
