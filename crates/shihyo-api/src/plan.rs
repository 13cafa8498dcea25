//! A compiled plan for JavaScript, in plain Rust (tested natively): loaded and
//! checked once, then evaluated, explained, changed by what-if values and
//! simulated as often as asked, without parsing again. Each request is JSON
//! text whose fields are checked (an unknown or mistyped field is refused with
//! a message, not ignored); each answer is the JSON text the function API and
//! `shihyo … --format json` give, and a failure the `{ ok: false, … }`
//! document. The npm package's `Plan` class and the Python package's wrap this.

use crate::functions::{self as api, SourceFile};
use schemars::JsonSchema;
use serde::Deserialize;
use shihyo_core::model::data::{Actual, ActualValue};
use shihyo_core::output::json;
use shihyo_core::{Diagnostic, Engine, FileId, Lang, Options, Outcome, Project, RuleId, Scratch, Status, Table, Year};

/// What `Plan.load` is given. Any other field is refused.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LoadRequest {
    /// The plan's text.
    plan: String,
    /// The plan's file name in diagnostics (default `plan.kpi`).
    #[serde(default)]
    plan_name: Option<String>,
    /// Its data files.
    #[serde(default)]
    data: Vec<SourceFile>,
    /// Messages in `ja` (the default) or `en`.
    #[serde(default)]
    lang: Option<Language>,
}

/// The language of messages.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Language {
    Ja,
    En,
}

/// What `evaluate`, `scenario` and `explain` are given besides the rule. Any other field is refused.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct EvaluateRequest {
    /// The evaluation year: `R5`, `令和5年度`, `FY2023` (default: the latest year with data).
    as_of: Option<String>,
    /// Evaluate on the actuals plus this scenario's projections.
    scenario: Option<String>,
}

/// What `explain` is given: the rule, and what `evaluate` is.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ExplainRequest {
    rule: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    scenario: Option<String>,
}

/// What `simulate` is given. Any other field is refused.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct SimulateRequest {
    /// The simulation (default: the plan's only one).
    simulation: Option<String>,
    /// Runs, 1 to 10,000,000 (default: the simulation's `runs`).
    #[schemars(range(min = 1, max = 10_000_000))]
    runs: Option<u64>,
    /// The seed (default: the simulation's `seed`).
    seed: Option<Seed>,
}

/// A seed as a number (exact up to 2^53, as JavaScript's numbers are) or as the
/// digits of any 64-bit one (a string, or a BigInt the wrapper turns into one).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Seed {
    /// A number up to 2^53.
    Number(u64),
    /// Any 64-bit seed, as its digits.
    Digits(String),
}

/// The JSON Schemas of the requests a [`LoadedPlan`] is given, by file name
/// (`docs/schema/`); the npm package's request types are generated from them.
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("load-request.json", schemars::schema_for!(LoadRequest)),
        ("evaluate-request.json", schemars::schema_for!(EvaluateRequest)),
        ("simulate-request.json", schemars::schema_for!(SimulateRequest)),
    ]
}

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

impl Seed {
    fn value(&self) -> Result<u64, String> {
        match self {
            Seed::Number(n) if *n <= MAX_SAFE_INTEGER => Ok(*n),
            Seed::Number(n) => Err(format!("seed {n}: above 2^53 a number is not exact in JavaScript; send it as a string or a BigInt")),
            Seed::Digits(text) => {
                text.trim().parse().map_err(|_| format!("seed `{text}`: give a whole number from 0 to 18446744073709551615"))
            }
        }
    }
}

/// A loaded and checked plan, with the engine that holds its texts.
pub struct LoadedPlan {
    engine: Engine,
    plan_file: FileId,
    project: Project,
    lang: Lang,
    /// The actuals laid out for [`LoadedPlan::statuses`], kept in step with the what-ifs;
    /// `None` until asked, or after a what-if the table cannot take in place.
    laid: Option<Laid>,
}

/// The actuals laid out once as the compiled evaluator reads them, with its reused buffers.
struct Laid {
    table: Table,
    scratch: Scratch,
    outcomes: Vec<Outcome>,
    /// Whether the derived indicators are computed from the values now in the table.
    derived: bool,
}

impl Laid {
    fn new(project: &Project) -> Laid {
        // `table` computes the derived indicators as it lays the actuals out.
        Laid { table: project.compiled.table(&project.data), scratch: Scratch::default(), outcomes: Vec::new(), derived: true }
    }

    /// Takes in a what-if (the actual of `rule` in `year` was `before` and is now `after`),
    /// if the table can hold it in place: numbers in a year it lays out, the latest
    /// year with data still known. `false`: lay the table out again.
    fn take(&mut self, rule: RuleId, year: i32, before: Option<&ActualValue>, after: Option<&ActualValue>) -> bool {
        let table = &mut self.table;
        let number = |value: Option<&ActualValue>| matches!(value, None | Some(ActualValue::Number(_)));
        if !(table.covers(year) && number(before) && number(after)) {
            return false;
        }
        match after {
            Some(ActualValue::Number(value)) => {
                if !table.set(rule, year, *value) {
                    return false;
                }
                table.latest_year = table.latest_year.max(Some(year));
            }
            // Without it the latest year with data may be an earlier one.
            _ if before.is_some() && table.latest_year == Some(year) => return false,
            _ => table.clear(rule, year),
        }
        self.derived = false;
        true
    }
}

/// The machine name of each status, by the code [`LoadedPlan::statuses`] gives it.
pub fn status_names() -> Vec<&'static str> {
    let mut names = vec![""; Status::ALL.len()];
    for status in Status::ALL {
        names[status as usize] = status.name();
    }
    names
}

/// A request's fields, or the `{ ok: false, error }` answer naming what is wrong.
fn fields<'r, T: Deserialize<'r>>(request: &'r str) -> Result<T, String> {
    serde_json::from_str(request).map_err(|error| api::usage(format!("the request is not valid: {error}")))
}

impl LoadedPlan {
    /// Loads and checks a plan and its data (`{ plan, planName?, data?, lang? }`); its
    /// errors are answered as the `{ ok: false, diagnostics }` document.
    pub fn load(request: &str) -> Result<LoadedPlan, String> {
        let request: LoadRequest = fields(request)?;
        let lang = match request.lang {
            Some(Language::En) => Lang::En,
            _ => Lang::Ja,
        };
        let mut engine = Engine::new();
        let plan_file = engine.add_source(request.plan_name.unwrap_or_else(|| "plan.kpi".into()), request.plan);
        let data: Vec<FileId> = request.data.into_iter().map(|file| engine.add_source(file.name, file.text)).collect();
        match engine.load(plan_file, &data) {
            Ok(project) => Ok(LoadedPlan { engine, plan_file, project, lang, laid: None }),
            Err(diagnostics) => Err(api::text(&json::failure(&engine, &diagnostics, lang))),
        }
    }

    /// The plan's check: `{ ok: true, rules, values, diagnostics }` with its warnings.
    pub fn check(&self) -> String {
        api::text(&json::check(&self.engine, &self.project, self.lang))
    }

    /// Evaluates on the actuals, or with a scenario's projections; `explain` records the steps.
    fn evaluated(
        &self,
        as_of: Option<&str>,
        scenario: Option<&str>,
        explain: bool,
    ) -> Result<(shihyo_core::Report, Vec<Diagnostic>), String> {
        let options = Options { as_of: api::year(self.lang, "asOf", as_of)?, explain };
        api::evaluate_on(&self.engine, &self.project, self.lang, options, scenario)
    }

    /// `{ asOf?, scenario? }`: the evaluation document of `shihyo eval --format json`.
    pub fn evaluate(&self, request: &str) -> Result<String, String> {
        let request: EvaluateRequest = fields(request)?;
        let (report, notes) = self.evaluated(request.as_of.as_deref(), request.scenario.as_deref(), false)?;
        Ok(api::text(&json::evaluation(&self.engine, self.plan_file, &self.project, &report, &notes, self.lang)))
    }

    /// `{ rule, asOf?, scenario? }`: the rule and its steps, as `shihyo explain --format json`.
    pub fn explain(&self, request: &str) -> Result<String, String> {
        let request: ExplainRequest = fields(request)?;
        let Some(id) = self.project.plan.find(&request.rule) else {
            return Err(api::usage(format!("no rule is named `{}`", request.rule)));
        };
        let (report, _) = self.evaluated(request.as_of.as_deref(), request.scenario.as_deref(), true)?;
        Ok(api::text(&json::explanation(&self.engine, self.plan_file, &self.project, &report, id, self.lang)))
    }

    /// Sets the actual of the rule named `rule` in `year` to `value` (a data cell:
    /// `13,100`, `81%`, `done`), for every later evaluation; refused as a data file's
    /// cell would be, with the diagnostic placed in the value (file `setActual`).
    pub fn set_actual(&mut self, rule: &str, year: &str, value: &str) -> Result<(), String> {
        let (id, year) = self.rule_and_year(rule, year)?;
        let before = self.actual(id, year).map(|actual| actual.value.clone());
        self.project.set_actual(id, year, value).map_err(|mut refused| {
            let mut engine = Engine::new();
            refused.file = engine.add_source("setActual", value);
            api::text(&json::failure(&engine, &[*refused], self.lang))
        })?;
        self.keep_laid(id, year, before);
        Ok(())
    }

    /// Removes the actual of `rule` in `year`; `false` if there was none.
    pub fn clear_actual(&mut self, rule: &str, year: &str) -> Result<bool, String> {
        let (id, year) = self.rule_and_year(rule, year)?;
        let before = self.actual(id, year).map(|actual| actual.value.clone());
        let removed = self.project.clear_actual(id, year);
        self.keep_laid(id, year, before);
        Ok(removed)
    }

    fn actual(&self, rule: RuleId, year: Year) -> Option<&Actual> {
        self.project.data.get(rule.0)?.get(&year.number)
    }

    /// Brings the laid-out actuals in step with a what-if, or drops them to be laid out again.
    fn keep_laid(&mut self, rule: RuleId, year: Year, before: Option<ActualValue>) {
        if self.laid.is_none() {
            return;
        }
        let after = self.actual(rule, year).map(|actual| actual.value.clone());
        if let Some(laid) = &mut self.laid {
            if !laid.take(rule, year.number, before.as_ref(), after.as_ref()) {
                self.laid = None;
            }
        }
    }

    /// The names of the plan's rules, in the order of [`LoadedPlan::statuses`].
    pub fn rule_names(&self) -> Vec<&str> {
        self.project.plan.rules.iter().map(|rule| rule.name.as_str()).collect()
    }

    /// Every rule's status on the actuals and what-ifs as of `as_of` (default: the latest
    /// year with data), as codes of [`status_names`] in the order of
    /// [`LoadedPlan::rule_names`]: the statuses [`LoadedPlan::evaluate`] gives, without
    /// the document. The fast path of a what-if loop: the actuals stay laid out between
    /// calls, and a what-if changes its cell in place.
    pub fn statuses(&mut self, as_of: Option<&str>) -> Result<Vec<u8>, String> {
        let as_of = api::year(self.lang, "asOf", as_of)?;
        let compiled = &self.project.compiled;
        let laid = self.laid.get_or_insert_with(|| Laid::new(&self.project));
        if !laid.derived {
            compiled.derive_where(&mut laid.table, &mut laid.scratch, |_| true);
            laid.derived = true;
        }
        let as_of = compiled.as_of(&laid.table, as_of);
        compiled.evaluate(&laid.table, as_of, &mut laid.scratch, &mut laid.outcomes);
        Ok(laid.outcomes.iter().map(|outcome| outcome.status as u8).collect())
    }

    fn rule_and_year(&self, rule: &str, year: &str) -> Result<(RuleId, Year), String> {
        let id = self.project.plan.find(rule).ok_or_else(|| api::usage(format!("no rule is named `{rule}`")))?;
        let year = api::year_cell(self.lang, "year", year)?;
        Ok((id, year))
    }

    /// `{ simulation?, runs?, seed? }`: the report of `shihyo simulate --format json`,
    /// telling `progress(done, runs)` every few hundred runs.
    pub fn simulate(&self, request: &str, mut progress: impl FnMut(u64, u64)) -> Result<String, String> {
        self.simulate_until(request, |done, runs| {
            progress(done, runs);
            true
        })
    }

    /// [`LoadedPlan::simulate`], asking `go_on(done, runs)` every few hundred runs whether
    /// to go on: `false` stops it, and the answer is a failure that says so.
    pub fn simulate_until(&self, request: &str, go_on: impl FnMut(u64, u64) -> bool) -> Result<String, String> {
        let request: SimulateRequest = fields(request)?;
        let seed = request.seed.as_ref().map(Seed::value).transpose().map_err(api::usage)?;
        api::simulated(&self.project, request.simulation.as_deref(), request.runs, seed, go_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"plan "t" { period R3..R7 baseline R1 }
outcome "件数" >= baseline * 150% by R5
simulation "幅" runs 200 seed 7 { "件数" grows normal(8%, 4%) per year }
"#;

    fn loaded() -> LoadedPlan {
        let request =
            serde_json::json!({ "plan": PLAN, "data": [{ "name": "a.csv", "text": "indicator,R1,R5\n件数,100,130\n" }], "lang": "en" });
        LoadedPlan::load(&request.to_string()).unwrap_or_else(|failure| panic!("{failure}"))
    }

    #[test]
    fn answers_are_the_function_api_s_bytes() {
        let plan = loaded();
        let request =
            serde_json::json!({ "plan": PLAN, "data": [{ "name": "a.csv", "text": "indicator,R1,R5\n件数,100,130\n" }], "lang": "en" });
        assert_eq!(plan.evaluate("{}").ok(), Some(api::evaluate(&request.to_string())));
        let explain = serde_json::json!({ "plan": PLAN, "data": request["data"], "lang": "en", "rule": "件数", "asOf": "R5" });
        assert_eq!(plan.explain(r#"{ "rule": "件数", "asOf": "R5" }"#).ok(), Some(api::explain(&explain.to_string())));
    }

    #[test]
    fn a_what_if_is_read_by_the_next_evaluation_and_a_wrong_one_is_refused_in_place() {
        let mut plan = loaded();
        plan.set_actual("件数", "R5", "160").expect("a number");
        assert!(plan.evaluate(r#"{ "asOf": "R5" }"#).expect("evaluates").contains("\"status\": \"achieved\""));
        let refused = plan.set_actual("件数", "R5", "13,1OO").expect_err("letters O");
        assert!(refused.contains("\"code\": \"E0105\"") && refused.contains("\"file\": \"setActual\""), "{refused}");
        assert!(plan.set_actual("件数x", "R5", "1").expect_err("no such rule").contains("no rule is named"));
        let explained = plan.explain(r#"{ "rule": "件数", "asOf": "R5" }"#).expect("explains a what-if");
        assert!(explained.contains("\"value\": \"160\""), "{explained}");
        assert_eq!(plan.clear_actual("件数", "令和5年度"), Ok(true));
    }

    /// The statuses of the evaluation document, by code.
    fn evaluated_statuses(plan: &LoadedPlan, as_of: Option<&str>) -> Vec<u8> {
        let request = serde_json::json!({ "asOf": as_of });
        let document: serde_json::Value = serde_json::from_str(&plan.evaluate(&request.to_string()).expect("evaluates")).expect("JSON");
        let names = status_names();
        let rules = document["rules"].as_array().expect("rules");
        rules.iter().map(|rule| names.iter().position(|name| rule["status"] == *name).expect("a status") as u8).collect()
    }

    #[test]
    fn statuses_are_the_evaluation_s_through_every_kind_of_what_if() {
        let request = serde_json::json!({
            "plan": include_str!("../../../examples/hadano/hadano.kpi"),
            "data": [{ "name": "actuals.csv", "text": include_str!("../../../examples/hadano/actuals.csv") }],
        });
        let mut plan = LoadedPlan::load(&request.to_string()).unwrap_or_else(|failure| panic!("{failure}"));
        assert_eq!(plan.rule_names().len(), plan.statuses(None).expect("statuses").len());
        // In place (a number in a laid-out year), a new latest year, a year before the data,
        // a removal, a milestone done and undone, a derived indicator's input, a refused value.
        let what_ifs: &[(&str, &str, Option<&str>)] = &[
            ("電子申請の年間利用件数", "R5", Some("19,000")),
            ("電子申請の年間利用件数", "R5", Some("18,000")),
            ("電子申請の年間利用件数", "R6", Some("19,500")),
            ("窓口・電話口での市民満足度", "R2", Some("85%")),
            ("電子申請の年間利用件数", "R6", None),
            ("電子申請の年間利用件数", "R5", None),
            ("文化会館 指定管理者制度導入", "R5", Some("done")),
            ("文化会館 指定管理者制度導入", "R5", None),
            ("公民連携の効果額", "R4", Some("200,000")),
            ("公民連携の効果額", "R4", Some("tbd")),
        ];
        for (rule, year, value) in what_ifs {
            match value {
                Some(value) => _ = plan.set_actual(rule, year, value),
                None => _ = plan.clear_actual(rule, year).expect("a rule and a year"),
            }
            for as_of in [None, Some("R4"), Some("R7")] {
                assert_eq!(plan.statuses(as_of), Ok(evaluated_statuses(&plan, as_of)), "after {rule} {year} {value:?}, as of {as_of:?}");
            }
        }
        assert!(plan.statuses(Some("R99x")).expect_err("not a year").contains("asOf R99x"));
    }

    #[test]
    fn unknown_or_mistyped_fields_are_refused_with_a_message() {
        let plan = loaded();
        let unknown = plan.evaluate(r#"{ "asof": "R5" }"#).expect_err("asof is not a field");
        assert!(unknown.contains("unknown field `asof`") && unknown.contains("asOf"), "{unknown}");
        let mistyped = plan.evaluate(r#"{ "asOf": 2023 }"#).expect_err("a year is text");
        assert!(mistyped.contains("expected a string"), "{mistyped}");
        assert!(LoadedPlan::load(r#"{ "plan": "", "lang": "fr" }"#).err().is_some_and(|e| e.contains("unknown variant `fr`")));
    }

    #[test]
    fn seeds_are_numbers_up_to_2_53_or_digits() {
        let plan = loaded();
        let by_number = plan.simulate(r#"{ "runs": 50, "seed": 42 }"#, |_, _| {}).expect("runs");
        let by_digits = plan.simulate(r#"{ "runs": 50, "seed": "42" }"#, |_, _| {}).expect("runs");
        assert_eq!(by_number, by_digits);
        assert!(plan.simulate(r#"{ "runs": 50, "seed": "18446744073709551615" }"#, |_, _| {}).is_ok());
        let inexact = plan.simulate(r#"{ "seed": 9007199254740993 }"#, |_, _| {}).expect_err("not exact in JavaScript");
        assert!(inexact.contains("as a string or a BigInt"), "{inexact}");
        let mut told = Vec::new();
        plan.simulate(r#"{ "runs": 1200 }"#, |done, runs| told.push((done, runs))).expect("runs");
        assert_eq!(told, [(500, 1200), (1000, 1200), (1200, 1200)]);
    }
}
