//! Many shihyo plans evaluated and rolled up (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod definition;
mod document;
mod render;
mod rollup;
mod roster;
mod tally;

pub use definition::{check_columns, read_definition, Definition, TotalDef};
pub use document::{schemas, Dimension, FailureDocument, GroupDocument, RollupDocument, TotalDocument, TotalHead};
pub use render::render;
pub use rollup::{roll_up, Failure, Group, Rollup, TotalFigure};
pub use roster::{read_roster, Member, Roster};
pub use tally::{tally, Amount, Figures, PlanTally};
