//! Comparisons of shihyo evaluations: revisions, scenarios, simulations (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod chances;
pub mod document;
pub mod matching;
pub mod render;
pub mod revision;
pub mod scenarios;
pub mod versions;
