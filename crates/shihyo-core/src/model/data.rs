//! The checked actuals: each indicator's values by year (a number in base
//! units, `done`, or a hand grade), each with where it was written and whether
//! it is a scenario's projection; and beside them, what the departments wrote
//! on each year's figure (their remarks), which no evaluation reads.

use super::RuleId;
use shihyo_syntax::{FileId, Span};
use std::collections::BTreeMap;

/// A department's words on one indicator's figure in one year (reference §6.6):
/// 評価コメント, 今後の方向性 and 所管課, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remarks {
    /// 評価コメント: the department's comment on the figure; `None` when not written.
    pub comment: Option<String>,
    /// 今後の方向性: what the department will do next; `None` when not written.
    pub outlook: Option<String>,
    /// 所管課: the department in charge, as the remark names it; `None` when not written.
    pub owner: Option<String>,
}

impl Remarks {
    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.comment.is_none() && self.outlook.is_none() && self.owner.is_none()
    }
}

/// Remarks by rule and western year.
pub type RemarkSet = BTreeMap<(RuleId, i32), Remarks>;

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file it is written in: the plan (also for a projection) or a data file.
    pub file: FileId,
    /// Its byte range in that file, as written.
    pub span: Span,
}

/// A checked actual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actual {
    /// The value itself.
    pub value: ActualValue,
    /// Where it was written: its data cell, or a projection's line.
    pub origin: Origin,
    /// A scenario's projection, not an actual (its origin is the projection).
    pub projected: bool,
}

/// What an actual is: a number, `done`, or a hand grade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActualValue {
    /// In base units: 円, a ratio for `%`.
    Number(rust_decimal::Decimal),
    /// `done`: a milestone done in this year.
    Done,
    /// A qualitative rule's hand grade (`grade B`), by its name on the plan's scale.
    Grade(String),
}

/// Actuals by rule index and western year.
pub type Dataset = Vec<BTreeMap<i32, Actual>>;
