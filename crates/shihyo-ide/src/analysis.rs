//! One plan and its data files, analysed once per edit: parsed (the tree is kept
//! even where a statement does not parse, so a half-typed plan still has its
//! names), read, checked into a project where it has no errors, and indexed. An
//! aggregate's file (`shihyo rollup`) is checked as an aggregate, and has no project.
//! The evaluation the hover and the code lenses show is made at the first ask
//! and kept until the next edit.

use crate::index::Index;
use shihyo_core::syntax::ast::File;
use shihyo_core::syntax::format::format;
use shihyo_core::syntax::{parse, Diagnostic, Diagnostics, FileId, Parsed, Source, Span};
use shihyo_core::{Engine, Options, Project, Report};
use std::cell::OnceCell;

/// A data file as the editor has it: its name (the format is read from its
/// extension, as `shihyo --data` does) and its text.
#[derive(Clone, Copy, Debug)]
pub struct DataText<'a> {
    /// The file's name (`actuals.csv`), for its format and its diagnostics.
    pub name: &'a str,
    /// The file's text, already decoded.
    pub text: &'a str,
}

/// A plan, its data files, and what the core makes of them.
pub struct Analysis {
    engine: Engine,
    plan_file: FileId,
    data_files: Vec<FileId>,
    parsed: Parsed,
    project: Result<Project, Diagnostics>,
    /// The project's errors or warnings, and what the host added (how a file was decoded).
    diagnostics: Vec<Diagnostic>,
    index: Index,
    report: OnceCell<Option<Report>>,
}

impl Analysis {
    /// Parses, reads and checks a plan (named `plan_name`, for its diagnostics) and its data files.
    pub fn new(plan_name: &str, plan_text: &str, data: &[DataText]) -> Analysis {
        let mut engine = Engine::new();
        let plan_file = engine.add_source(plan_name, plan_text);
        let data_files: Vec<FileId> = data.iter().map(|file| engine.add_source(file.name, file.text)).collect();
        let parsed = parse(engine.source(plan_file), plan_file);
        let (entries, problems) = engine.read_data(&data_files);
        let index = Index::build(&parsed.file.items, plan_file, &entries);
        // An aggregate's file (`shihyo rollup`) is no plan: it is checked as an aggregate.
        let project = if parsed.file.is_aggregate() {
            let problems = shihyo_aggregate::read_definition(engine.source(plan_file), plan_file).err().unwrap_or_default();
            Err(Diagnostics(problems))
        } else {
            engine.load_parsed(plan_file, &parsed, entries, problems)
        };
        let diagnostics = match &project {
            Ok(project) => project.warnings.clone(),
            Err(diagnostics) => diagnostics.to_vec(),
        };
        Analysis { engine, plan_file, data_files, parsed, project, diagnostics, index, report: OnceCell::new() }
    }

    /// The plan's file, the one the outline, tokens, completion and lenses are of.
    pub fn plan_file(&self) -> FileId {
        self.plan_file
    }

    /// The data files, in the order given.
    pub fn data_files(&self) -> &[FileId] {
        &self.data_files
    }

    /// A file's text, as written and in NFKC (the plan's or a data file's).
    pub fn source(&self, file: FileId) -> &Source {
        self.engine.source(file)
    }

    /// What `shihyo check` reports: the errors, or the warnings of a plan that checks
    /// (with what the host added), file by file in the order they stand.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Adds what the host found reading the files (a data file read as Shift_JIS, or not text).
    pub fn add_diagnostics(&mut self, found: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(found);
        self.diagnostics.sort_by_key(|d| (d.file, d.span.start));
    }

    /// The checked plan, if it has no errors.
    pub fn project(&self) -> Option<&Project> {
        self.project.as_ref().ok()
    }

    /// The plan's syntax tree (what parsed of it).
    pub fn syntax(&self) -> &File {
        &self.parsed.file
    }

    /// The plan's comments.
    pub fn comments(&self) -> &[Span] {
        &self.parsed.comments
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// The evaluation as of the latest year with data, every figure explained;
    /// none while the plan has errors.
    pub fn report(&self) -> Option<&Report> {
        self.report.get_or_init(|| self.project().map(|project| project.evaluate(Options { as_of: None, explain: true }))).as_ref()
    }

    /// The plan in canonical layout (comments kept); none if it does not parse.
    pub fn formatted(&self) -> Option<String> {
        format(self.source(self.plan_file), &self.parsed)
    }
}
