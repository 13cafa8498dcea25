//! Monte Carlo off the page's thread: a module worker (`worker.js`) loads this
//! same WebAssembly and runs the simulation, posting its progress; the page
//! cancels by stopping the worker, and a worker that fails is reported and
//! replaced on the next run, the page's state untouched. The result is the
//! JSON of `shihyo simulate --format json`, read back here for the charts.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    Progress {
        done: u64,
        runs: u64,
    },
    /// The simulation's JSON, and how long the worker took (ms).
    Finished {
        json: String,
        milliseconds: f64,
    },
    /// The worker failed (an error the simulation did not report itself).
    Failed(String),
}

/// The worker, started ahead of its first run (it warms up as it loads);
/// dropping it stops the worker, and with it a run (cancel).
pub struct Runner {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Runner {
    /// Starts a worker that tells `on_event` what it does.
    pub fn spawn(on_event: impl Fn(WorkerEvent) + 'static) -> Result<Runner, JsValue> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("./worker.js", &options)?;
        let on_event = std::rc::Rc::new(on_event);
        let events = on_event.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
            events(read_message(&message.data()));
        });
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |error: web_sys::ErrorEvent| {
            error.prevent_default();
            on_event(WorkerEvent::Failed(error.message()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Runner { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Runs a request (the WASM API's `simulate` request); the worker runs one at a time.
    pub fn run(&self, request: &str) -> Result<(), JsValue> {
        self.worker.post_message(&JsValue::from_str(request))
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// A worker's message (`{kind: "progress", done, runs}`, `{kind: "done", json, ms}`
/// or `{kind: "error", message}`).
fn read_message(data: &JsValue) -> WorkerEvent {
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let number = |name: &str| field(name).as_f64().unwrap_or(0.0);
    match field("kind").as_string().as_deref() {
        // Runs are whole numbers of at most 10,000,000: exact in an f64.
        Some("progress") => WorkerEvent::Progress { done: number("done") as u64, runs: number("runs") as u64 },
        Some("done") => WorkerEvent::Finished { json: field("json").as_string().unwrap_or_default(), milliseconds: number("ms") },
        _ => WorkerEvent::Failed(field("message").as_string().unwrap_or_else(|| "unexpected message from the worker".into())),
    }
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

    #[test]
    fn the_simulation_json_reads_back_with_its_fans() {
        let request = serde_json::json!({
            "plan": crate::session::HADANO_PLAN,
            "data": [{ "name": "actuals.csv", "text": crate::session::HADANO_DATA }],
            "runs": 200,
        });
        let mut reports = Vec::new();
        let json = shihyo_api::functions::simulate_with_progress(&request.to_string(), |done, runs| reports.push((done, runs)));
        assert_eq!(reports.last(), Some(&(200, 200)));
        let outcome = read_outcome(&json).expect("an outcome");
        assert_eq!(outcome.runs, 200);
        let fan = outcome.fan("電子申請の年間利用件数");
        assert!(fan.iter().any(|(year, p)| *year == 2025 && p[0] < p[4]), "{fan:?}");
        assert!(fan.iter().all(|(_, p)| p.windows(2).all(|w| w[0] <= w[1])));
    }

    #[test]
    fn a_refused_simulation_says_why() {
        let json = shihyo_api::functions::simulate("{\"plan\": \"plan \\\"p\\\" { period R3..R7 }\"}");
        assert!(read_outcome(&json).is_err());
        assert!(read_outcome("not json").is_err());
    }
}
