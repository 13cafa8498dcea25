//! The checked actuals: each indicator's values by year (a number in base
//! units, `done`, or a hand grade), each with where it was written and whether
//! it is a scenario's projection.

use shihyo_syntax::{FileId, Span};
use std::collections::BTreeMap;

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub span: Span,
}

/// A checked actual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actual {
    pub value: ActualValue,
    pub origin: Origin,
    /// A scenario's projection, not an actual (its origin is the projection).
    pub projected: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActualValue {
    /// In base units: 円, a ratio for `%`.
    Number(rust_decimal::Decimal),
    Done,
    Grade(String),
}

/// Actuals by rule index and western year.
pub type Dataset = Vec<BTreeMap<i32, Actual>>;
