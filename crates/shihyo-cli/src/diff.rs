//! `shihyo diff OLD NEW`: a plan's revision compared with the version before
//! it — the rules added, removed, renamed and changed, the plan's settings that
//! changed, and on the same actuals every status and grade the revision
//! changes — as a table, JSON or Markdown (for a council document).

use crate::commands::{print_json, read_files, year_argument, Context, Outcome, Read};
use crate::Format;
use shihyo_compare::{document, render, revision, versions};
use shihyo_core::syntax::{tr, Diagnostic};
use std::path::{Path, PathBuf};

/// What `diff` compares: the two versions, the actuals and the year.
pub struct DiffRequest<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub data: &'a [PathBuf],
    pub as_of: Option<&'a str>,
}

pub fn diff(context: &Context, request: &DiffRequest) -> Outcome {
    if context.format == Format::Csv {
        return context.usage(tr!(
            "`shihyo diff` writes a table, JSON or Markdown, not CSV",
            "`shihyo diff` の出力は表・JSON・Markdown です（CSV はありません）"
        ));
    }
    let as_of = match year_argument(context, "--as-of", request.as_of) {
        Ok(as_of) => as_of,
        Err(outcome) => return outcome,
    };
    let Read { engine, plans, data, early } = match read_files(context, &[request.old, request.new], request.data) {
        Ok(read) => read,
        Err(outcome) => return outcome,
    };
    if early.iter().any(Diagnostic::is_error) {
        context.report_diagnostics(&engine, &early);
        return Outcome::Failed;
    }
    let versions = match versions::load(&engine, plans[0], plans[1], &data) {
        Ok(versions) => versions,
        Err(problems) => {
            context.report_diagnostics(&engine, &[early, problems.into_vec()].concat());
            return Outcome::Failed;
        }
    };
    let lang = context.lang;
    if context.format != Format::Json {
        // The warnings of reading and of checking each version, each once.
        let mut warnings: Vec<Diagnostic> = early;
        for warning in versions.old.warnings.iter().chain(&versions.new.warnings) {
            if !warnings.iter().any(|w| w.file == warning.file && w.span == warning.span && w.code == warning.code) {
                warnings.push(warning.clone());
            }
        }
        crate::diagnostics::print(&engine, &warnings, lang);
    }
    let revision = revision::compare(&versions, as_of, lang);
    let files = (engine.source(plans[0]).name(), engine.source(plans[1]).name());
    let plans = (&versions.old.plan, &versions.new.plan);
    if context.format == Format::Json {
        print_json(&document::diff(&revision, plans, files));
        return Outcome::Done;
    }
    let (heading, sections) = render::sections(&revision, plans, files, lang);
    match context.format {
        Format::Markdown => print!("{}", render::markdown(&heading, &sections, lang)),
        _ => print!("{}", render::text(&heading, &sections, lang)),
    }
    Outcome::Done
}
