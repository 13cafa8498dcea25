//! Monte Carlo off the page's thread, through the npm package's `Plan` (the API
//! other tools embed; `main.js` bridges to it): the plan loaded from the
//! session, then `simulate` with its progress, in the package's module worker,
//! which it keeps warm between runs (`Plan.prepareWorker` starts one ahead).
//! The page cancels with an AbortSignal; a worker that fails is reported and
//! replaced on the next run, the page's state untouched. The answer is the
//! simulation document of `shihyo simulate --format json`, read back here for
//! the charts.

use crate::session::Session;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `shihyoSimulate(load, options, onProgress, signal)` (main.js): loads the plan with
    /// the package's `Plan.load(load)` and runs `plan.simulate({ ...options, onProgress,
    /// signal })`; a Promise of the answer's JSON text.
    #[wasm_bindgen(js_namespace = window, js_name = shihyoSimulate)]
    fn simulate_with_plan(load: &str, options: &str, on_progress: &js_sys::Function, signal: &web_sys::AbortSignal) -> js_sys::Promise;

    /// `shihyoPrepareSimulation()` (main.js): the package's `Plan.prepareWorker()`.
    #[wasm_bindgen(js_namespace = window, js_name = shihyoPrepareSimulation)]
    fn prepare_simulation() -> js_sys::Promise;
}

/// What a run tells the page.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    Progress {
        done: u64,
        runs: u64,
    },
    /// The simulation's answer (JSON), and how long the page waited for it (ms).
    Finished {
        json: String,
        milliseconds: f64,
    },
    /// The run failed (its worker crashed, or the package did not load).
    Failed(String),
}

/// Starts the package's simulation worker ahead of the first run (it loads and warms up).
pub fn prepare() {
    let _ = prepare_simulation();
}

/// What a run is asked: the plan with its data (`Plan.load`'s request) and the
/// simulation's options (`simulate`'s), as JSON text.
pub struct Request {
    pub load: String,
    pub options: String,
}

impl Request {
    /// The session's plan and data, and the simulation (default: the plan's only one),
    /// its runs and its seed (sent as digits: any 64-bit seed is exact).
    pub fn new(session: &Session, simulation: Option<&str>, runs: Option<u64>, seed: Option<u64>) -> Request {
        let load = serde_json::json!({
            "plan": session.plan,
            "planName": crate::analysis::PLAN_FILE,
            "data": session.data_files(),
            "lang": session.lang,
        });
        let options = serde_json::json!({ "simulation": simulation, "runs": runs, "seed": seed.map(|seed| seed.to_string()) });
        Request { load: load.to_string(), options: options.to_string() }
    }
}

/// A run under way; dropping it cancels the run.
pub struct Runner {
    stop: web_sys::AbortController,
    _on_progress: Closure<dyn FnMut(f64, f64)>,
}

impl Runner {
    /// Starts a run that tells `on_event` its progress and its end.
    pub fn start(request: &Request, on_event: impl Fn(WorkerEvent) + 'static) -> Result<Runner, JsValue> {
        let on_event = std::rc::Rc::new(on_event);
        let progress = on_event.clone();
        // Runs are whole numbers of at most 10,000,000: exact in an f64.
        let on_progress = Closure::<dyn FnMut(f64, f64)>::new(move |done: f64, runs: f64| {
            progress(WorkerEvent::Progress { done: done as u64, runs: runs as u64 });
        });
        let stop = web_sys::AbortController::new()?;
        let signal = stop.signal();
        let started = crate::browser::now();
        let answer = simulate_with_plan(&request.load, &request.options, on_progress.as_ref().unchecked_ref(), &signal);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(answer).await;
            if signal.aborted() {
                return;
            }
            on_event(match answer {
                Ok(json) => {
                    WorkerEvent::Finished { json: json.as_string().unwrap_or_default(), milliseconds: crate::browser::now() - started }
                }
                Err(error) => WorkerEvent::Failed(failure(&error)),
            });
        });
        Ok(Runner { stop, _on_progress: on_progress })
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.stop.abort();
    }
}

/// The words of a failed run: the error's message.
fn failure(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the simulation failed".into())
}

/// The parts of the simulation's JSON the app shows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Outcome {
    pub simulation: String,
    pub runs: u64,
    pub seed: String,
    pub rules: Vec<RuleOutcome>,
    pub bands: Vec<BandOutcome>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RuleOutcome {
    pub name: String,
    pub probability: String,
    pub standard_error: String,
    pub varies: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BandOutcome {
    pub name: String,
    pub year: YearOutcome,
    pub p5: Option<String>,
    pub p25: Option<String>,
    pub p50: Option<String>,
    pub p75: Option<String>,
    pub p95: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct YearOutcome {
    pub year: i32,
}

/// A simulation's answer: its outcome, or why it did not run (the API's error
/// or the first diagnostic).
pub fn read_outcome(json: &str) -> Result<Outcome, String> {
    if let Ok(outcome) = serde_json::from_str::<Outcome>(json) {
        return Ok(outcome);
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let error = value["error"].as_str().map(str::to_string);
    let diagnostic = value["diagnostics"].get(0).map(|d| format!("{}:{}: {}", d["line"], d["column"], d["message"].as_str().unwrap_or("")));
    Err(error.or(diagnostic).unwrap_or_else(|| "the simulation gave no result".into()))
}

impl Outcome {
    /// The fan of an indicator: the years where all five percentiles exist.
    pub fn fan(&self, name: &str) -> Vec<shihyo_core::output::chart::FanYear> {
        let exact = |p: &Option<String>| p.as_deref().and_then(|p| Decimal::from_str(p).ok());
        self.bands
            .iter()
            .filter(|band| band.name == name)
            .filter_map(|b| Some((b.year.year, [exact(&b.p5)?, exact(&b.p25)?, exact(&b.p50)?, exact(&b.p75)?, exact(&b.p95)?])))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use shihyo_api::plan::LoadedPlan;

    /// What the package's `Plan` answers for a request: the loaded plan's simulation.
    fn answer(request: &Request, progress: impl FnMut(u64, u64)) -> String {
        LoadedPlan::load(&request.load).and_then(|plan| plan.simulate(&request.options, progress)).unwrap_or_else(|failure| failure)
    }

    #[test]
    fn the_simulation_json_reads_back_with_its_fans() {
        let request = Request::new(&Session::default(), None, Some(200), Some(u64::MAX));
        let mut reports = Vec::new();
        let json = answer(&request, |done, runs| reports.push((done, runs)));
        assert_eq!(reports.last(), Some(&(200, 200)));
        let outcome = read_outcome(&json).expect("an outcome");
        assert_eq!((outcome.runs, outcome.seed.as_str()), (200, "18446744073709551615"));
        let fan = outcome.fan("電子申請の年間利用件数");
        assert!(fan.iter().any(|(year, p)| *year == 2025 && p[0] < p[4]), "{fan:?}");
        assert!(fan.iter().all(|(_, p)| p.windows(2).all(|w| w[0] <= w[1])));
    }

    #[test]
    fn a_refused_simulation_says_why() {
        let session = Session { plan: "plan \"p\" { period R3..R7 }".into(), data: String::new(), ..Session::default() };
        let json = answer(&Request::new(&session, None, None, None), |_, _| {});
        assert!(read_outcome(&json).is_err_and(|why| why.contains("simulation")), "{json}");
        let unknown = answer(&Request::new(&Session::default(), Some("ない"), None, None), |_, _| {});
        assert!(read_outcome(&unknown).is_err());
        assert!(read_outcome("not json").is_err());
    }
}
