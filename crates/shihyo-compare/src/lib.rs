//! Comparisons of shihyo evaluations. A plan is revised at its mid-term review:
//! [`versions`] loads the old and new versions on the same actuals (each under
//! its own names, its rules paired by [`matching`]), [`revision`] lists what the
//! revision changes and every status and grade it changes, [`document`] writes
//! that for machines and [`render`] for people (a table for the terminal,
//! Markdown for a council document), in Japanese or English. And scenarios side
//! by side: [`scenarios`] evaluates the actuals alone and each scenario, and
//! sums up in sentences what one reaches and another misses; [`chances`] puts
//! two simulations' chances side by side. No I/O.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod chances;
pub mod document;
pub mod matching;
pub mod render;
pub mod revision;
pub mod scenarios;
pub mod versions;
