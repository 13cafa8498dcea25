//! `shihyo report`: the annual progress report of a plan, written as one HTML
//! file or an Excel workbook (atomically), from the same evaluation as
//! `shihyo eval` with the same year and scenario.

use crate::commands::{evaluated, find_scenario, load_with_year, scenario_notes, write_atomically, year_argument, Context, Outcome};
use crate::table::counted;
use crate::{diagnostics, Format};
use shihyo_core::syntax::{tr, Diagnostic, Year};
use shihyo_report::NotBefore;
use std::path::{Path, PathBuf};

/// What `report` was asked for.
pub struct ReportRequest<'a> {
    pub file: &'a Path,
    pub data: &'a [PathBuf],
    pub as_of: Option<&'a str>,
    pub previous: Option<&'a str>,
    pub scenario: Option<&'a str>,
    pub output: &'a Path,
}

/// The format asked for, else the one the output's extension names.
fn format(context: &Context, output: &Path) -> Result<Format, Outcome> {
    let extension = output.extension().map(|x| x.to_string_lossy().to_ascii_lowercase());
    match (context.format, extension.as_deref()) {
        (Format::Html | Format::Xlsx, _) => Ok(context.format),
        (Format::Table, Some("html" | "htm")) => Ok(Format::Html),
        (Format::Table, Some("xlsx")) => Ok(Format::Xlsx),
        (Format::Table, _) => {
            let shown = output.display();
            Err(context.usage(tr!(
                "say which report to write with --format html or --format xlsx, or end the name {shown} in .html or .xlsx",
                "報告書の形式を --format html か --format xlsx で指定するか、{shown} の名前を .html か .xlsx で終わらせてください"
            )))
        }
        (Format::Json | Format::Csv | Format::Markdown, _) => Err(context.usage(tr!(
            "a report is written as html or xlsx; for JSON or CSV use `shihyo eval`",
            "報告書の形式は html か xlsx です。JSON や CSV は `shihyo eval` で出力できます"
        ))),
    }
}

pub fn report(context: &Context, request: &ReportRequest) -> Outcome {
    match write_report(context, request) {
        Ok(outcome) | Err(outcome) => outcome,
    }
}

fn write_report(context: &Context, request: &ReportRequest) -> Result<Outcome, Outcome> {
    let format = format(context, request.output)?;
    let previous = year_argument(context, "--previous", request.previous)?;
    let (engine, _, project, as_of) = load_with_year(context, request.file, request.data, request.as_of)?;
    let scenario = request.scenario.map(|name| find_scenario(context, &project, name)).transpose()?;
    let asked = shihyo_report::Request { as_of, previous, scenario, lang: context.lang };
    let built = shihyo_report::build(&project, &asked).map_err(|NotBefore { previous, reported }| {
        let label = |number| Year { number, calendar: project.plan.calendar }.shown_in(project.plan.years, context.lang);
        let (then, now) = (label(previous), label(reported));
        context.usage(tr!(
            "--previous {then} must be a year before the one reported ({now})",
            "--previous の {then} は報告する年度（{now}）より前の年度にしてください"
        ))
    })?;
    scenario_notes(context, &engine, &built.notes)?;
    let reported = built.report.as_of;
    let bytes = match format {
        Format::Xlsx => shihyo_report::xlsx::write(&built).map_err(|error| {
            let reason = error.to_string();
            context.usage(tr!("cannot make the workbook: {reason}", "ブックを作れません: {reason}"))
        })?,
        _ => shihyo_report::html::render(&built).into_bytes(),
    };
    if let Err(error) = write_atomically(request.output, &bytes) {
        let (target, reason) = (request.output.display(), error.to_string());
        eprintln!("{}", tr!("cannot write {target}: {reason}", "{target} に書き込めません: {reason}").get(context.lang));
        return Err(Outcome::Failed);
    }
    let (target, areas, rules) = (request.output.display(), built.areas.len(), built.report.counts().values().sum::<usize>());
    let year = reported.shown_in(project.plan.years, context.lang);
    let missing = built.missing.len();
    let (areas_en, rules_en, missing_en) = (counted(areas, "area"), counted(rules, "indicator"), counted(missing, "actual"));
    eprintln!(
        "{}",
        tr!(
            "wrote {target}: the report as of {year} ({areas_en}, {rules_en}, {missing_en} missing)",
            "{target} に{year}時点の報告書を書きました（改革項目 {areas}、指標 {rules} 件、未入力の実績 {missing} 件）"
        )
        .get(context.lang)
    );
    // A rule that could not be evaluated shows as an error in the report, and here, with its place.
    let rule_errors: Vec<Diagnostic> = built.report.rules.iter().filter_map(|r| r.diagnostic.clone()).collect();
    diagnostics::print(&engine, &rule_errors, context.lang);
    Ok(evaluated(&built.report.rules))
}
