//! The shihyo app: a planning officer writes, evaluates and simulates a plan
//! in the browser, with the same core as the CLI compiled to WebAssembly and
//! nothing sent anywhere. `index.html` calls [`start`]; the Monte Carlo worker
//! (`worker.js`) loads the same module and calls [`simulate_in_worker`].
//!
//! The model (`analysis`, `grid`, `session`, `export`) is plain Rust, tested
//! natively; the panels are yew components over it, tested in Chromium.

pub mod analysis;
pub mod app;
pub mod browser;
pub mod chart;
pub mod datagrid;
pub mod editor;
pub mod export;
pub mod grid;
pub mod montecarlo;
pub mod results;
pub mod session;
pub mod simulation;
pub mod whatif;

use wasm_bindgen::prelude::*;

/// Shows the app in the page's `#app` element.
#[wasm_bindgen]
pub fn start() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = root {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}

/// In the worker: runs a simulation request (see `shihyo_wasm::api`), calling
/// `progress(done, runs)` as it goes; returns the simulation's JSON.
#[wasm_bindgen]
pub fn simulate_in_worker(request: &str, progress: &js_sys::Function) -> String {
    shihyo_wasm::api::simulate_with_progress(request, |done, runs| {
        // Runs are at most 10,000,000: exact as JavaScript numbers.
        let _ = progress.call2(&JsValue::NULL, &JsValue::from_f64(done as f64), &JsValue::from_f64(runs as f64));
    })
}
