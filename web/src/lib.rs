//! The shihyo app: a planning officer writes, evaluates and simulates a plan
//! in the browser, with the same core as the CLI compiled to WebAssembly and
//! nothing sent anywhere. `index.html` calls [`start`]; the Monte Carlo worker
//! (`worker.js`) loads the same module and calls [`simulate_in_worker`].

pub mod analysis;
pub mod export;
pub mod grid;
pub mod session;
