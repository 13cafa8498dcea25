//! The checked actuals: each indicator's values by year (a number in base
//! units, `done`, or a hand grade), each with where it was written and whether
//! it is a scenario's projection; and beside them, what the departments wrote
//! on each year's figure (their remarks), which no evaluation reads.

use super::RuleId;
use shihyo_syntax::{FileId, Span};
use std::collections::BTreeMap;

/// A department's words on one indicator's figure in one year (reference §6.5):
/// 評価コメント, 今後の方向性 and 所管課, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remarks {
    pub comment: Option<String>,
    pub outlook: Option<String>,
    pub owner: Option<String>,
}

impl Remarks {
    pub fn is_empty(&self) -> bool {
        self.comment.is_none() && self.outlook.is_none() && self.owner.is_none()
    }
}

/// Remarks by rule and western year.
pub type RemarkSet = BTreeMap<(RuleId, i32), Remarks>;

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
