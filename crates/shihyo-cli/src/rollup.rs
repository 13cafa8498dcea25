//! `shihyo rollup`: an aggregate's plans read, loaded and evaluated on every core (rayon),
//! each tallied and dropped, with a progress bar on a terminal; then rolled up by the
//! roster's keys and printed as a table, JSON or CSV. A plan that fails is reported in the
//! roll-up, not fatal to it.

use crate::commands::{print_json, year_argument, Context, Outcome};
use crate::input::{add_file, Encoding, Unreadable};
use crate::Format;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use shihyo_aggregate::{check_columns, read_definition, read_roster, roll_up, tally, Definition, Member, PlanTally};
use shihyo_core::output::json;
use shihyo_core::syntax::{Code, Diagnostic, FileId};
use shihyo_core::{Engine, Options};
use std::path::{Path, PathBuf};

/// What `shihyo rollup` was asked.
pub struct RollupRequest<'a> {
    /// The aggregate's file.
    pub file: &'a Path,
    /// `--as-of`, over the aggregate's own `as of`.
    pub as_of: Option<&'a str>,
}

pub fn rollup(context: &Context, request: &RollupRequest) -> Outcome {
    let as_of = match year_argument(context, "--as-of", request.as_of) {
        Ok(year) => year,
        Err(outcome) => return outcome,
    };
    let mut engine = Engine::new();
    let aggregate = match read_text(context, &mut engine, request.file) {
        Ok(id) => id,
        Err(outcome) => return outcome,
    };
    let definition = match read_definition(engine.source(aggregate), aggregate) {
        Ok(definition) => definition,
        Err(problems) => return failed(context, &engine, problems),
    };
    let folder = request.file.parent().unwrap_or(Path::new("")).to_path_buf();
    let roster_path = folder.join(&definition.roster.0);
    // A roster that cannot be read is the aggregate's mistake, shown at its `plans` line.
    let roster_file = match add_file(&mut engine, &roster_path, Encoding::Utf8) {
        Ok((id, None)) => id,
        Ok((_, Some(not_utf8))) => return failed(context, &engine, vec![not_utf8]),
        Err(Unreadable(message)) => {
            return failed(context, &engine, vec![Diagnostic::error(Code::E0281, aggregate, definition.roster.1.clone(), message)])
        }
    };
    let roster = match read_roster(engine.source(roster_file), roster_file) {
        Ok(roster) => roster,
        Err(problems) => return failed(context, &engine, problems),
    };
    let wrong_columns = check_columns(&definition, &roster, aggregate);
    if !wrong_columns.is_empty() {
        return failed(context, &engine, wrong_columns);
    }
    let as_of = as_of.or(definition.as_of.map(|year| year.number));
    let base = roster_path.parent().unwrap_or(Path::new("")).to_path_buf();
    let progress = ProgressBar::new(roster.members.len() as u64)
        .with_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({eta})").unwrap_or_else(|_| ProgressStyle::default_bar()));
    let place = Place { engine: &engine, roster: roster_file, base: &base };
    let tallies: Vec<PlanTally> = roster
        .members
        .par_iter()
        .map(|member| {
            let tallied = evaluate(context, &place, member, &definition, as_of);
            progress.inc(1);
            tallied
        })
        .collect();
    progress.finish_and_clear();
    let rollup = roll_up(&definition, &roster, &tallies);
    match context.format {
        Format::Json => print_json(&rollup.document()),
        Format::Csv => print!("{}", rollup.csv()),
        _ => print!("{}", shihyo_aggregate::render(&rollup, context.lang)),
    }
    Outcome::Done
}

/// Where the roster is: its text (to point at a row) and the folder its paths are relative to.
struct Place<'a> {
    engine: &'a Engine,
    roster: FileId,
    base: &'a Path,
}

/// One plan of the roster read, loaded, evaluated and tallied; or why it could not be.
fn evaluate(context: &Context, place: &Place, member: &Member, definition: &Definition, as_of: Option<i32>) -> PlanTally {
    let path = |written: &str| -> PathBuf { place.base.join(written) };
    let mut engine = Engine::new();
    let mut early = Vec::new();
    let mut files = Vec::new();
    let paths = std::iter::once((&member.plan, Encoding::Utf8)).chain(member.data.iter().map(|data| (data, Encoding::Utf8OrShiftJis)));
    for (written, encoding) in paths {
        match add_file(&mut engine, &path(written), encoding) {
            Ok((id, problem)) => {
                files.push(id);
                early.extend(problem);
            }
            Err(Unreadable(message)) => {
                let row = Diagnostic::error(Code::E0282, place.roster, member.span.clone(), message);
                return PlanTally::Failed(json::failure(place.engine, &[row], context.lang).diagnostics);
            }
        }
    }
    if early.iter().any(Diagnostic::is_error) {
        return PlanTally::Failed(json::failure(&engine, &early, context.lang).diagnostics);
    }
    match engine.load(files[0], &files[1..]) {
        Ok(project) => {
            let report = project.evaluate(Options { as_of, explain: false });
            PlanTally::Evaluated(tally(&project, &report, &definition.totals))
        }
        Err(problems) => PlanTally::Failed(json::failure(&engine, &problems.0, context.lang).diagnostics),
    }
}

/// Reads an aggregate or roster file (UTF-8) into the engine; one that cannot be read is a usage error.
fn read_text(context: &Context, engine: &mut Engine, path: &Path) -> Result<FileId, Outcome> {
    match add_file(engine, path, Encoding::Utf8) {
        Ok((id, None)) => Ok(id),
        Ok((_, Some(not_utf8))) => Err(failed(context, engine, vec![not_utf8])),
        Err(Unreadable(message)) => Err(context.usage(message)),
    }
}

/// Reports the errors of the aggregate or its roster.
fn failed(context: &Context, engine: &Engine, problems: Vec<Diagnostic>) -> Outcome {
    context.report_diagnostics(engine, &problems);
    Outcome::Failed
}
