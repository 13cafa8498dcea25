//! What a rule asks for, in terms two plans can be compared on: the corpus
//! test and the Hadano comparison both judge a drafted rule by it.

use rust_decimal::Decimal;
use shihyo_core::model::{Plan, RuleSpec, TargetDef};
use shihyo_core::syntax::ast::Aggregate;
use shihyo_core::{Report, RuleId};

/// A rule's shape (target, `tbd`, `qualitative`, …), comparator, target value, target year,
/// `total` and `every year`. Targets are values: two plans given the same actuals agree on
/// `baseline(R1) * 1.2` and `baseline(R1) * 1.2倍`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub shape: &'static str,
    pub comparator: Option<String>,
    pub target: Option<Decimal>,
    pub year: Option<i32>,
    pub total: bool,
    pub every_year: bool,
}

pub fn ask(plan: &Plan, report: &Report, id: RuleId) -> Ask {
    let unmeasured = |shape, year| Ask { shape, comparator: None, target: None, year, total: false, every_year: false };
    match &plan.rule(id).spec {
        RuleSpec::Measured(measured) => {
            let comparison = measured.comparison.as_ref();
            Ask {
                shape: match comparison.map(|c| &c.target) {
                    Some(TargetDef::Tbd) => "tbd",
                    Some(_) => "target",
                    None => "tracked",
                },
                comparator: comparison.map(|c| format!("{:?}", c.comparator)),
                target: report.rule(id).outcome.target.map(|t| t.normalize()),
                year: Some(measured.target_year),
                total: measured.aggregate == Aggregate::Total,
                every_year: measured.every_year,
            }
        }
        RuleSpec::Milestone { by } => unmeasured("milestone", Some(*by)),
        RuleSpec::Qualitative => unmeasured("qualitative", None),
        RuleSpec::Composite { .. } => unmeasured("composite", None),
    }
}
