//! One request, one answer: each call takes a JSON request and returns JSON
//! text, the same text the CLI prints with `--format json` for the same files
//! (the machine forms come from `shihyo_core::output::json`). The plan is
//! parsed and checked on every call.

use serde::Deserialize;
use serde_json::json;
use shihyo_core::output::{json, testing};
use shihyo_core::syntax::{format::format, parse, parse_year_cell, Diagnostic, FileId, Lang};
use shihyo_core::{Engine, Options, Project};

/// A data file: CSV (long or wide), TSV, JSON or `.kpi` data blocks, told by its name.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Its file name, as diagnostics cite it; its extension says how it is read (`actuals.csv`).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// What every call may be asked. A field a call does not use is ignored; a field no
/// call has (`asof` for `asOf`) is refused with a message, as a mistyped one is.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Request {
    /// The plan's text.
    pub plan: String,
    /// The plan's file name in diagnostics (default `plan.kpi`).
    pub plan_name: Option<String>,
    pub data: Vec<SourceFileOrNone>,
    /// The evaluation year (`R5`, `令和5年度`, `FY2023`).
    pub as_of: Option<String>,
    pub scenario: Option<String>,
    /// `ja` (default) or `en`.
    pub lang: Option<String>,
    /// `explain`: the rule's name.
    pub rule: Option<String>,
    /// `simulate`: the simulation (default: the plan's only one), runs and seed.
    pub simulation: Option<String>,
    pub runs: Option<u64>,
    pub seed: Option<u64>,
    /// `diff`: the earlier version's text, and its file name (default `earlier.kpi`).
    pub earlier: Option<String>,
    pub earlier_name: Option<String>,
    /// `compareScenarios`: the scenarios to put side by side.
    pub scenarios: Vec<String>,
    /// `report`: the year of the evaluation to compare with.
    pub previous: Option<String>,
    /// `report`: `html` (default) or `xlsx`.
    pub format: Option<String>,
}

/// A data file, or `null` (ignored) so that a form can send an empty slot.
pub type SourceFileOrNone = Option<SourceFile>;

/// Pretty JSON text, as the CLI prints it.
pub(crate) fn text(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// A request that is not valid JSON or asks for something that does not exist.
pub(crate) fn usage(message: String) -> String {
    text(&json!({ "ok": false, "error": message, "diagnostics": [] }))
}

fn lang(request: &Request) -> Lang {
    match request.lang.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// Reads a request; a malformed one is answered with its error.
fn read(request: &str) -> Result<Request, String> {
    serde_json::from_str(request).map_err(|error| usage(format!("the request is not valid: {error}")))
}

/// Loads the plan and data of a request into an engine.
fn load(request: &Request) -> Result<(Engine, FileId, Project), String> {
    let mut engine = Engine::new();
    let plan = engine.add_source(request.plan_name.clone().unwrap_or_else(|| "plan.kpi".into()), request.plan.clone());
    let data: Vec<FileId> = request.data.iter().flatten().map(|file| engine.add_source(file.name.clone(), file.text.clone())).collect();
    match engine.load(plan, &data) {
        Ok(project) => Ok((engine, plan, project)),
        Err(diagnostics) => Err(text(&json::failure(&engine, &diagnostics, lang(request)))),
    }
}

fn as_of(request: &Request) -> Result<Option<i32>, String> {
    year(lang(request), "asOf", request.as_of.as_deref())
}

/// A year of a request (`R5`, `令和5年度`, `FY2023`) named `field`; a wrong one is
/// answered with its error in `lang`.
pub(crate) fn year(lang: Lang, field: &str, written: Option<&str>) -> Result<Option<i32>, String> {
    written.map(|year| year_cell(lang, field, year).map(|y| y.number)).transpose()
}

/// A year written as a data cell writes it; a wrong one is answered with its error in `lang`.
pub(crate) fn year_cell(lang: Lang, field: &str, year: &str) -> Result<shihyo_core::Year, String> {
    parse_year_cell(year).map_err(|e| usage(format!("{field} {year}: {}", e.message.get(lang))))
}

/// `report`: the annual report's file, as `shihyo report` writes it (HTML, or an Excel
/// workbook with `format: "xlsx"`); a failure is answered with its JSON text.
#[cfg(feature = "report")]
pub fn report(request: &str) -> Result<Vec<u8>, String> {
    let request = read(request)?;
    let as_of = as_of(&request)?;
    let previous = year(lang(&request), "previous", request.previous.as_deref())?;
    let (engine, _, project) = load(&request)?;
    let scenario = match &request.scenario {
        None => None,
        Some(name) => Some(project.plan.scenario(name).ok_or_else(|| usage(format!("the plan has no scenario named `{name}`")))?),
    };
    let built = shihyo_report::build(&project, &shihyo_report::Request { as_of, previous, scenario, lang: lang(&request) })
        .map_err(|_| usage("previous: give a year before the one reported".into()))?;
    if built.notes.iter().any(Diagnostic::is_error) {
        return Err(text(&json::failure(&engine, &built.notes, lang(&request))));
    }
    match request.format.as_deref() {
        None | Some("html") => Ok(shihyo_report::html::render(&built).into_bytes()),
        Some("xlsx") => shihyo_report::xlsx::write(&built).map_err(|error| usage(format!("the workbook: {error}"))),
        Some(other) => Err(usage(format!("format `{other}`: a report is `html` or `xlsx`"))),
    }
}

/// `check`: `{ ok, rules, values, diagnostics }` (diagnostics: warnings when ok).
pub fn check(request: &str) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    match load(&request) {
        Ok((engine, _, project)) => text(&json::check(&engine, &project, lang(&request))),
        Err(answer) => answer,
    }
}

/// `runTests`: the plan's own tests run, the document `shihyo test --format json` prints for
/// the one plan (data files are not read: a test's data is the plan's and its own).
pub fn run_tests(request: &str) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let mut engine = Engine::new();
    let plan = engine.add_source(request.plan_name.clone().unwrap_or_else(|| "plan.kpi".into()), request.plan.clone());
    let file = match engine.load(plan, &[]) {
        Ok(project) => testing::file(&engine, plan, &project, &project.run_tests(), lang(&request)),
        Err(diagnostics) => testing::invalid_file(&engine, plan, &diagnostics, lang(&request)),
    };
    text(&testing::report(vec![file]))
}

/// `diff`: the plan (`plan`) against its earlier version (`earlier`) on the data, the
/// document `shihyo diff EARLIER PLAN --format json` prints.
#[cfg(feature = "compare")]
pub fn diff(request: &str) -> String {
    use shihyo_compare::{document, revision, versions};
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let Some(earlier) = &request.earlier else { return usage("earlier: give the earlier version's text".into()) };
    let as_of = match as_of(&request) {
        Ok(as_of) => as_of,
        Err(answer) => return answer,
    };
    let mut engine = Engine::new();
    let old = engine.add_source(request.earlier_name.clone().unwrap_or_else(|| "earlier.kpi".into()), earlier.clone());
    let new = engine.add_source(request.plan_name.clone().unwrap_or_else(|| "plan.kpi".into()), request.plan.clone());
    let data: Vec<FileId> = request.data.iter().flatten().map(|file| engine.add_source(file.name.clone(), file.text.clone())).collect();
    match versions::load(&engine, old, new, &data) {
        Ok(versions) => {
            let revision = revision::compare(&versions, as_of, lang(&request));
            let files = (engine.source(old).name(), engine.source(new).name());
            text(&document::diff(&revision, (&versions.old.plan, &versions.new.plan), files))
        }
        Err(diagnostics) => text(&json::failure(&engine, &diagnostics, lang(&request))),
    }
}

/// `compareScenarios`: the actuals alone and each of `scenarios` side by side, the document
/// `shihyo eval --scenario A --scenario B --format json` prints.
#[cfg(feature = "compare")]
pub fn compare_scenarios(request: &str) -> String {
    use shihyo_compare::{document, scenarios};
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let as_of = match as_of(&request) {
        Ok(as_of) => as_of,
        Err(answer) => return answer,
    };
    let (engine, _, project) = match load(&request) {
        Ok(loaded) => loaded,
        Err(answer) => return answer,
    };
    let mut defs = Vec::new();
    for name in &request.scenarios {
        match project.plan.scenario(name) {
            Some(def) => defs.push(def),
            None => return usage(format!("the plan has no scenario named `{name}`")),
        }
    }
    if defs.len() < 2 {
        return usage("scenarios: name two scenarios or more".into());
    }
    let columns = scenarios::evaluate(&project, &defs, as_of);
    let notes: Vec<Diagnostic> = columns.iter().flat_map(|c| c.notes.clone()).collect();
    if notes.iter().any(Diagnostic::is_error) {
        return text(&json::failure(&engine, &notes, lang(&request)));
    }
    text(&document::scenarios(&engine, &project, &columns, lang(&request)))
}

/// `format`: `{ ok: true, text }`, or `{ ok: false, diagnostics }` when the plan does not parse.
pub fn format_plan(request: &str) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let mut engine = Engine::new();
    let file = engine.add_source(request.plan_name.clone().unwrap_or_else(|| "plan.kpi".into()), request.plan.clone());
    let parsed = parse(engine.source(file), file);
    match format(engine.source(file), &parsed) {
        Some(formatted) => text(&json!({ "ok": true, "text": formatted })),
        None => text(&json::failure(&engine, &parsed.diagnostics, lang(&request))),
    }
}

/// Evaluates, on the actuals or with the request's scenario.
fn evaluated(request: &Request, explain: bool) -> Result<(Engine, FileId, Project, shihyo_core::Report, Vec<Diagnostic>), String> {
    let as_of = as_of(request)?;
    let (engine, plan, project) = load(request)?;
    let (report, notes) = evaluate_on(&engine, &project, lang(request), Options { as_of, explain }, request.scenario.as_deref())?;
    Ok((engine, plan, project, report, notes))
}

/// Evaluates a loaded project on its actuals, or with the scenario named: the report and
/// the scenario's notes; a scenario the plan lacks, or notes with errors, are answered.
pub(crate) fn evaluate_on(
    engine: &Engine,
    project: &Project,
    lang: Lang,
    options: Options,
    scenario: Option<&str>,
) -> Result<(shihyo_core::Report, Vec<Diagnostic>), String> {
    let (report, notes) = match scenario {
        None => (project.evaluate(options), Vec::new()),
        Some(name) => {
            let Some(scenario) = project.plan.scenario(name) else {
                return Err(usage(format!("the plan has no scenario named `{name}`")));
            };
            project.evaluate_scenario(scenario, options)
        }
    };
    if notes.iter().any(Diagnostic::is_error) {
        return Err(text(&json::failure(engine, &notes, lang)));
    }
    Ok((report, notes))
}

/// `evaluate`: the report of `shihyo eval --format json`.
pub fn evaluate(request: &str) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    match evaluated(&request, false) {
        Ok((engine, plan, project, report, notes)) => text(&json::evaluation(&engine, plan, &project, &report, &notes, lang(&request))),
        Err(answer) => answer,
    }
}

/// `explain`: the rule and its steps, as `shihyo explain --format json`.
pub fn explain(request: &str) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let name = request.rule.clone().unwrap_or_default();
    match evaluated(&request, true) {
        Ok((engine, plan, project, report, _)) => match project.plan.find(&name) {
            Some(id) => text(&json::explanation(&engine, plan, &project, &report, id, lang(&request))),
            None => usage(format!("no rule is named `{name}`")),
        },
        Err(answer) => answer,
    }
}

/// `simulate`: the report of `shihyo simulate --format json`.
pub fn simulate(request: &str) -> String {
    simulate_with_progress(request, |_, _| {})
}

/// Runs between two reports of progress.
pub(crate) const PROGRESS_RUNS: u64 = 500;

/// `simulate`, telling `progress(done, runs)` after every few hundred runs (a
/// web worker posts it to the page, which may stop the worker to cancel).
pub fn simulate_with_progress(request: &str, mut progress: impl FnMut(u64, u64)) -> String {
    let request = match read(request) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let (_, _, project) = match load(&request) {
        Ok(loaded) => loaded,
        Err(answer) => return answer,
    };
    let told = |done, runs| {
        progress(done, runs);
        true
    };
    simulated(&project, request.simulation.as_deref(), request.runs, request.seed, told).unwrap_or_else(|answer| answer)
}

/// Runs the simulation named (or the plan's only one) with runs and seed overridden if
/// given: its report, asking `go_on(done, runs)` every few hundred runs whether to go on
/// (`false` stops it, and the answer is a failure that says so).
pub(crate) fn simulated(
    project: &Project,
    name: Option<&str>,
    runs: Option<u64>,
    seed: Option<u64>,
    mut go_on: impl FnMut(u64, u64) -> bool,
) -> Result<String, String> {
    let Some(chosen) = project.plan.simulation(name) else {
        return Err(usage("name the simulation to run (`simulation`)".into()));
    };
    if runs.is_some_and(|runs| !shihyo_core::model::scenario::RUNS.contains(&runs)) {
        return Err(usage(format!("runs: give 1 to {} runs", shihyo_core::model::scenario::MAX_RUNS)));
    }
    let mut simulation = project.simulation(chosen, runs, seed);
    while !simulation.is_finished() {
        simulation.advance(PROGRESS_RUNS);
        if !go_on(simulation.done(), simulation.runs()) {
            return Err(usage(format!("the simulation was stopped after {} of {} runs", simulation.done(), simulation.runs())));
        }
    }
    Ok(text(&json::simulation(&simulation.report(), &project.plan)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_no_call_has_is_refused_with_a_message() {
        let plan = r#"plan \"t\" { period R3..R7 }\noutcome \"x\" >= 1\ndata \"x\" { R5: 2 }\n"#;
        let answer: serde_json::Value = serde_json::from_str(&evaluate(&format!(r#"{{ "plan": "{plan}", "asof": "R5" }}"#))).unwrap();
        assert_eq!(answer["ok"], false);
        assert!(answer["error"].as_str().is_some_and(|e| e.contains("unknown field `asof`") && e.contains("asOf")), "{answer}");
        let file = format!(r#"{{ "plan": "{plan}", "data": [{{ "name": "a.csv", "text": "", "encoding": "sjis" }}] }}"#);
        let answer: serde_json::Value = serde_json::from_str(&evaluate(&file)).unwrap();
        assert!(answer["error"].as_str().is_some_and(|e| e.contains("unknown field `encoding`")), "{answer}");
        let fine: serde_json::Value =
            serde_json::from_str(&evaluate(&format!(r#"{{ "plan": "{plan}", "asOf": "R5", "runs": 3 }}"#))).unwrap();
        assert_eq!(fine["summary"]["rules"], 1, "a field another call uses is ignored: {fine}");
    }
}
