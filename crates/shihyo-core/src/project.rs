//! The pipeline from texts to a project: parse the plan, read its data files,
//! check both, compile the plan. [`Engine`] holds the texts (the host reads
//! the files); [`Project`] is what evaluation, explanation and simulation
//! start from.

use crate::check;
use crate::eval::{self, Compiled, Options, Report, Simulation};
use crate::model::data::{Actual, Dataset, Origin, RemarkSet};
use crate::model::scenario::ScenarioDef;
use crate::model::testing::TestDef;
use crate::model::{Plan, RuleId};
use crate::read::{self, DataFormat, RawEntry};
use shihyo_syntax::{tr, Code, Diagnostic, Diagnostics, FileId, Localized, Parsed, Source, Year};
use std::sync::Arc;

/// The sources of one run: the plan and its data files, by [`FileId`].
#[derive(Default)]
pub struct Engine {
    sources: Vec<Arc<Source>>,
}

/// A checked plan with its data, ready to evaluate: it holds everything it needs (the
/// texts it was loaded from too, to locate what an evaluation reports), so it can be
/// kept, shared across threads and evaluated any number of times.
pub struct Project {
    /// The checked plan: every rule with its names resolved and its values in base units.
    pub plan: Plan,
    /// The actuals by rule and year, in base units.
    pub data: Dataset,
    /// What the departments wrote on each year's figure (no evaluation reads it).
    pub remarks: RemarkSet,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// The plan compiled for evaluation (shared: a host may keep it beside the project).
    pub compiled: Arc<Compiled>,
    /// The plan's own tests (`test { … }`), run by [`Project::run_tests`].
    pub tests: Vec<TestDef>,
    /// The texts of the engine that loaded it, by [`FileId`].
    sources: Vec<Arc<Source>>,
}

impl Project {
    /// Evaluates every rule on the actuals as of `options.as_of` (default: the latest
    /// year with data), with each figure's explanation if `options.explain`.
    pub fn evaluate(&self, options: Options) -> Report {
        let mut report = eval::evaluate(&self.plan, &self.compiled, &self.data, options);
        self.locate_report(&mut report, &mut []);
        report
    }

    /// Sets the actual of `rule` in `year` to a data cell written as a data file would
    /// write it (`13,100`, `81%`, `38,200千円`, `done`, `grade B`), replacing the one
    /// there: a what-if, which every later evaluation reads (derived indicators
    /// included). The value is checked as the checker checks a data file's cell, and a
    /// cell it would refuse is refused with that diagnostic (E0105, E0219, E0232, …),
    /// which names no file ([`FileId::HOST`]). An explanation cites no place for it.
    pub fn set_actual(&mut self, rule: RuleId, year: Year, cell: &str) -> Result<(), Box<Diagnostic>> {
        let refused = |code: Code, message: Localized| Box::new(Diagnostic::error(code, FileId::HOST, 0..cell.len(), message));
        let Some(def) = self.plan.rules.get(rule.0) else {
            return Err(refused(Code::E0230, tr!("no rule of this plan has that id", "この計画にその ID のルールはありません")));
        };
        if !self.plan.year_window().contains(&year.number) {
            let label = year.shown(self.plan.years);
            return Err(refused(Code::E0219, tr!("{label} is too far from the plan's period", "{label}は計画の期間から離れすぎています")));
        }
        let parsed = shihyo_syntax::parse_cell(cell).map_err(|mut error| {
            error.file = FileId::HOST;
            error
        })?;
        let value =
            check::actual_value(&self.plan, def, parsed, &year.shown(self.plan.years)).map_err(|message| refused(Code::E0232, message))?;
        let origin = Origin { file: FileId::HOST, span: 0..0 };
        self.data[rule.0].insert(year.number, Actual { value, origin, projected: false });
        Ok(())
    }

    /// Removes the actual of `rule` in `year` (a what-if of a missing value); `false` if there was none.
    pub fn clear_actual(&mut self, rule: RuleId, year: Year) -> bool {
        self.data.get_mut(rule.0).is_some_and(|years| years.remove(&year.number).is_some())
    }

    /// The text a [`FileId`] of this project names (the plan, a data file), as the
    /// engine that loaded it had it; `None` for an id of another engine.
    pub fn source(&self, file: FileId) -> Option<&Source> {
        self.sources.get(file.0 as usize).map(|source| &**source)
    }

    /// Gives every diagnostic of a report (and `notes`) and every input of its
    /// explanations the file name, line and column it is at.
    fn locate_report(&self, report: &mut Report, notes: &mut [Diagnostic]) {
        let rule_diagnostics = report.rules.iter_mut().filter_map(|rule| rule.diagnostic.as_mut());
        for diagnostic in notes.iter_mut().chain(rule_diagnostics) {
            if let Some(source) = self.source(diagnostic.file) {
                diagnostic.locate(source);
            }
        }
        let inputs = report.rules.iter_mut().flat_map(|rule| &mut rule.steps).flat_map(|step| &mut step.inputs);
        for input in inputs {
            if let Some((origin, source)) = input.origin.as_ref().and_then(|o| Some((o, self.source(o.file)?))) {
                let (line, column) = source.line_column(origin.span.start);
                input.location = Some(shihyo_syntax::Location { file: source.name().to_string(), line, column });
            }
        }
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
        let (data, mut notes) = eval::project(&self.plan, &self.data, scenario);
        let mut report = eval::evaluate(&self.plan, &self.compiled, &data, options);
        report.scenario = Some(scenario.name.clone());
        self.locate_report(&mut report, &mut notes);
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
    /// An engine without texts.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Adds a text (plan or data) and returns its id. The name is what diagnostics
    /// cite (`plan.kpi:3:9`), and for data its extension says how to read it
    /// ([`DataFormat::from_name`]).
    pub fn add_source(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.sources.push(Arc::new(Source::new(name, text)));
        FileId(u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX))
    }

    pipeline_pub! {
        /// The text added as `id`.
        ///
        /// # Panics
        ///
        /// If `id` was not returned by this engine's [`Engine::add_source`]; use
        /// [`Engine::get`] for an id that may be of another engine.
        fn source(&self, id: FileId) -> &Source {
            &self.sources[id.0 as usize]
        }
    }

    /// The text added as `id`, or `None` if this engine has no such text.
    pub fn get(&self, id: FileId) -> Option<&Source> {
        self.sources.get(id.0 as usize).map(|source| &**source)
    }

    /// Every text added, in the order of their ids.
    pub fn sources(&self) -> &[Arc<Source>] {
        &self.sources
    }

    fn located(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        for diagnostic in &mut diagnostics {
            if let Some(source) = self.get(diagnostic.file) {
                diagnostic.locate(source);
            }
        }
        diagnostics
    }

    /// Parses and checks the plan and reads the data files (format from their names).
    /// Refused with every error found (and the warnings beside them), each located.
    pub fn load(&self, plan: FileId, data_files: &[FileId]) -> Result<Project, Diagnostics> {
        let (entries, problems) = self.read_data(data_files);
        self.load_entries(plan, entries, problems)
    }

    /// Reads data files (format from their names): their entries, and what could not be read.
    pub fn read_data(&self, data_files: &[FileId]) -> (Vec<RawEntry>, Vec<Diagnostic>) {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for &file in data_files {
            match self.get(file) {
                Some(source) => {
                    let (read, found) = read::read(file, source, DataFormat::from_name(source.name()));
                    entries.extend(read);
                    problems.extend(found);
                }
                None => problems.push(unknown_file(file)),
            }
        }
        (entries, self.located(problems))
    }

    /// Parses and checks the plan with entries already read ([`Engine::read_data`]), and
    /// `problems` found reading them: a host may rename or leave out entries first (a
    /// revision's comparison gives each version the actuals under its own names).
    pub fn load_entries(&self, plan: FileId, data: Vec<RawEntry>, problems: Vec<Diagnostic>) -> Result<Project, Diagnostics> {
        let Some(source) = self.get(plan) else { return Err(Diagnostics(vec![unknown_file(plan)])) };
        let parsed = shihyo_syntax::parse(source, plan);
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
    ) -> Result<Project, Diagnostics> {
        let Some(source) = self.get(plan) else { return Err(Diagnostics(vec![unknown_file(plan)])) };
        let mut diagnostics = parsed.diagnostics.clone();
        // A plan that does not parse is not checked (its errors would cascade); cells
        // of a data file that cannot be read are left out, and the rest is checked, so
        // that every error of the data is reported in one run.
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Diagnostics(self.located(diagnostics)));
        }
        let mut entries = Vec::new();
        read::inline_entries(&parsed.file.items, plan, &mut entries);
        entries.extend(data);
        diagnostics.extend(problems);
        let (checked, problems) = check::check(&parsed.file, plan, source.original(), entries);
        diagnostics.extend(problems);
        // Reported file by file, in the order they stand in each file.
        diagnostics.sort_by_key(|d| (d.file, d.span.start));
        let diagnostics = self.located(diagnostics);
        match checked {
            Some(check::Checked { plan, data, remarks, tests }) if !diagnostics.iter().any(Diagnostic::is_error) => {
                let compiled = Arc::new(Compiled::new(&plan));
                Ok(Project { plan, data, remarks, warnings: diagnostics, compiled, tests, sources: self.sources.clone() })
            }
            _ => Err(Diagnostics(diagnostics)),
        }
    }
}

/// E0008 for a [`FileId`] the engine was not given (an id of another engine).
fn unknown_file(file: FileId) -> Diagnostic {
    let number = file.0;
    Diagnostic::error(
        Code::E0008,
        file,
        0..0,
        tr!("no text was added to this engine as file {number}", "このエンジンにはファイル {number} のテキストがありません"),
    )
}
