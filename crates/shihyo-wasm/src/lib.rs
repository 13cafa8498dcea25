//! shihyo for JavaScript: the engine compiled to WebAssembly, glue over
//! `shihyo-api`, built with `wasm-pack` (`--target web` for browsers,
//! `--target nodejs` for Node) and packed with `npm/` into the npm package
//! `shihyo` (`cargo xtask npm`; its README is this crate's). The functions take
//! a request as JSON text and return JSON text — the same text `shihyo …
//! --format json` prints for the same files; `CompiledPlan` is a plan loaded
//! once, which the package's `Plan` class wraps.

#![forbid(unsafe_code)]

use shihyo_api::{functions as api, plan};

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A data file: CSV (long or wide), TSV, JSON, or `.kpi` data blocks, told by its name. */
export interface SourceFile { name: string; text: string }
/** What a call is asked. Every call reads `plan`; the other fields are used by the calls that need them. */
export interface Request {
  plan: string;
  /** The plan's file name in diagnostics (default `plan.kpi`). */
  planName?: string;
  data?: SourceFile[];
  /** The evaluation year: `R5`, `令和5年度`, `FY2023` (default: the latest year with data). */
  asOf?: string;
  /** Evaluate on the actuals plus this scenario's projections. */
  scenario?: string;
  /** Messages in `ja` (default) or `en`. */
  lang?: "ja" | "en";
  /** `explain`: the rule's name. */
  rule?: string;
  /** `simulate`: the simulation (default: the plan's only one), runs and seed. */
  simulation?: string;
  runs?: number;
  seed?: number;
  /** `diff`: the earlier version's text and file name (default `earlier.kpi`). */
  earlier?: string;
  earlierName?: string;
  /** `compareScenarios`: the scenarios to put side by side (two or more). */
  scenarios?: string[];
  /** `report`: the year of the evaluation to compare with (before `asOf`). */
  previous?: string;
  /** `report`: the file to make, `html` (default) or `xlsx`. */
  format?: "html" | "xlsx";
}
/** A diagnostic: lines and columns from 1 (columns in characters), `start`/`end` byte offsets. */
export interface Diagnostic {
  severity: "error" | "warning"; code: string; message: string; hint: string | null;
  file: string; line: number; column: number; end_line: number; end_column: number;
  start: number; end: number;
  related: { file: string; line: number; column: number; message: string }[];
}
/** The answer when the plan or data has errors, or the request is wrong (`error`). */
export interface Failure { ok: false; error?: string; diagnostics: Diagnostic[] }
"#;

/// Checks a plan and its data: `{ ok, rules, values, diagnostics }` or a `Failure`.
#[wasm_bindgen]
pub fn check(request: &str) -> String {
    api::check(request)
}

/// Formats a plan: `{ ok: true, text }`, or a `Failure` when it does not parse.
#[wasm_bindgen]
pub fn format(request: &str) -> String {
    api::format_plan(request)
}

/// Evaluates a plan: the report of `shihyo eval --format json`, or a `Failure`.
#[wasm_bindgen]
pub fn evaluate(request: &str) -> String {
    api::evaluate(request)
}

/// Runs the plan's own tests (`test "…" { … }`): the document of `shihyo test --format json`
/// (`{ ok, passed, failed, files: [{ file, plan, diagnostics, cases, coverage }] }`).
#[wasm_bindgen(js_name = runTests)]
pub fn run_tests(request: &str) -> String {
    api::run_tests(request)
}

/// Explains one rule (`request.rule`): `{ rule, steps }` as `shihyo explain --format json`.
#[wasm_bindgen]
pub fn explain(request: &str) -> String {
    api::explain(request)
}

/// Runs a simulation: the report of `shihyo simulate --format json`.
#[wasm_bindgen]
pub fn simulate(request: &str) -> String {
    api::simulate(request)
}

/// Runs a simulation as `simulate`, calling `progress(done, runs)` every few
/// hundred runs (a web worker posts it to its page, which can stop the worker
/// to cancel).
#[wasm_bindgen(js_name = simulateWithProgress)]
pub fn simulate_with_progress(request: &str, progress: &js_sys::Function) -> String {
    api::simulate_with_progress(request, |done, runs| {
        // Runs are at most 10,000,000: exact as JavaScript numbers.
        let _ = progress.call2(&JsValue::NULL, &JsValue::from_f64(done as f64), &JsValue::from_f64(runs as f64));
    })
}

/// Writes the annual report (`request.format`: `html`, the default, or `xlsx`): the
/// file's bytes, byte for byte what `shihyo report` writes. On failure it throws an
/// `Error` whose message is the `Failure`'s JSON text. (Built with the feature `report`.)
#[cfg(feature = "report")]
#[wasm_bindgen]
pub fn report(request: &str) -> Result<Vec<u8>, JsError> {
    api::report(request).map_err(|failure| JsError::new(&failure))
}

/// Compares the plan (`plan`) with its earlier version (`earlier`, `earlierName`) on the
/// data: the document of `shihyo diff --format json`. (Built with the feature `compare`.)
#[cfg(feature = "compare")]
#[wasm_bindgen]
pub fn diff(request: &str) -> String {
    api::diff(request)
}

/// The actuals alone and each of `scenarios` side by side: the document of `shihyo eval
/// --scenario A --scenario B --format json`. (Built with the feature `compare`.)
#[cfg(feature = "compare")]
#[wasm_bindgen(js_name = compareScenarios)]
pub fn compare_scenarios(request: &str) -> String {
    api::compare_scenarios(request)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A plan loaded and checked once (the package's `Plan` class wraps it): evaluated,
/// explained, given what-if values and simulated as often as asked, without parsing
/// again. Requests and answers are JSON text, as for the functions above; a failure
/// throws an `Error` whose message is the `Failure`'s JSON text. Call `free()` when done.
#[wasm_bindgen]
pub struct CompiledPlan(plan::LoadedPlan);

#[wasm_bindgen]
impl CompiledPlan {
    /// Loads `{ plan, planName?, data?, lang? }`; throws the `Failure` when it has errors.
    pub fn load(request: &str) -> Result<CompiledPlan, JsError> {
        plan::LoadedPlan::load(request).map(CompiledPlan).map_err(|failure| JsError::new(&failure))
    }

    /// `{ ok: true, rules, values, diagnostics }`: the plan's check, with its warnings.
    pub fn check(&self) -> String {
        self.0.check()
    }

    /// `{ asOf?, scenario? }`: the evaluation document.
    pub fn evaluate(&self, request: &str) -> Result<String, JsError> {
        self.0.evaluate(request).map_err(|failure| JsError::new(&failure))
    }

    /// `{ rule, asOf?, scenario? }`: the rule and the steps of its figures.
    pub fn explain(&self, request: &str) -> Result<String, JsError> {
        self.0.explain(request).map_err(|failure| JsError::new(&failure))
    }

    /// Sets the actual of `rule` in `year` (`R5`, `令和5年度`) to `value` (`13,100`, `81%`).
    #[wasm_bindgen(js_name = setActual)]
    pub fn set_actual(&mut self, rule: &str, year: &str, value: &str) -> Result<(), JsError> {
        self.0.set_actual(rule, year, value).map_err(|failure| JsError::new(&failure))
    }

    /// Removes the actual of `rule` in `year`; `false` if there was none.
    #[wasm_bindgen(js_name = clearActual)]
    pub fn clear_actual(&mut self, rule: &str, year: &str) -> Result<bool, JsError> {
        self.0.clear_actual(rule, year).map_err(|failure| JsError::new(&failure))
    }

    /// The names of the plan's rules, in the order of `statuses`.
    #[wasm_bindgen(js_name = ruleNames)]
    pub fn rule_names(&self) -> Vec<String> {
        self.0.rule_names().into_iter().map(str::to_string).collect()
    }

    /// The machine name of each status, by its code in `statuses`.
    #[wasm_bindgen(js_name = statusNames)]
    pub fn status_names() -> Vec<String> {
        plan::status_names().into_iter().map(str::to_string).collect()
    }

    /// Every rule's status as of `asOf` (default: the latest year with data), as codes of
    /// `statusNames` in the order of `ruleNames`: the fast path of a what-if loop.
    pub fn statuses(&mut self, as_of: Option<String>) -> Result<Vec<u8>, JsError> {
        self.0.statuses(as_of.as_deref()).map_err(|failure| JsError::new(&failure))
    }

    /// `{ simulation?, runs?, seed? }` (a seed as a number up to 2^53 or as a string of
    /// digits): the simulation report, calling `progress(done, runs)` every 500 runs.
    pub fn simulate(&self, request: &str, progress: &js_sys::Function) -> Result<String, JsError> {
        let told = |done: u64, runs: u64| {
            // Runs are at most 10,000,000: exact as JavaScript numbers.
            let _ = progress.call2(&JsValue::NULL, &JsValue::from_f64(done as f64), &JsValue::from_f64(runs as f64));
        };
        self.0.simulate(request, told).map_err(|failure| JsError::new(&failure))
    }
}
