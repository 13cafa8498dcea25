//! The shihyo engine for hosts in other languages, as JSON: requests are JSON
//! text, answers the documents `shihyo … --format json` prints for the same
//! files (from `shihyo_core::output::json`), and a failure the `{ ok: false,
//! diagnostics }` document. [`functions`] answer one request each, parsing
//! and checking the plan every time; a [`plan::LoadedPlan`] is loaded once and
//! then evaluated, explained, given what-if values and simulated as often as
//! asked. The npm package (`shihyo-wasm`) and the Python package
//! (`shihyo-python`) are thin glue over this crate, so every host answers the
//! same bytes.

#![forbid(unsafe_code)]

pub mod functions;
pub mod plan;
