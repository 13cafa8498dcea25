//! The shihyo app: a planning officer writes, evaluates and simulates a plan
//! in the browser, with the same core as the CLI compiled to WebAssembly and
//! nothing sent anywhere. `main.js` calls [`start`]. Monte Carlo runs in a
//! worker (`worker.js`) on the npm package's module (`crates/shihyo-wasm`),
//! built for speed where this one is built for size; the annual report is made
//! by the same engine with its `report` feature, loaded when a report is made.
//!
//! The model (`analysis`, `grid`, `session`, `export`) is plain Rust, tested
//! natively; the panels are yew components over it, tested in Chromium.

pub mod analysis;
pub mod app;
pub mod browser;
pub mod chart;
pub mod comparison;
pub mod datagrid;
pub mod editor;
pub mod export;
pub mod grid;
pub mod montecarlo;
pub mod plan_tests;
pub mod remarks;
pub mod report;
pub mod results;
pub mod revision;
pub mod services;
pub mod session;
pub mod shared;
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
