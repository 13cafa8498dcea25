//! One plan's part of a roll-up, taken from its evaluation: how many rules, how many of each
//! status and grade, its points, its own grade, and the actual of each indicator the
//! aggregate totals, in base units with its unit. Small, so that a national roll-up keeps
//! one per plan and drops the plan itself once it is tallied.

use crate::definition::TotalDef;
use rust_decimal::Decimal;
use shihyo_core::model::units::Unit;
use shihyo_core::output::document::Diagnostic;
use shihyo_core::{Project, Report, Status, Year};
use std::collections::BTreeMap;

/// What one plan of a roster gave.
#[derive(Clone, Debug)]
pub enum PlanTally {
    /// The plan loaded and was evaluated.
    Evaluated(Figures),
    /// The plan, its data or reading its files failed: its errors (with the warnings beside
    /// them), as documents in the language asked, located in its files.
    Failed(Vec<Diagnostic>),
}

/// The figures of one evaluated plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// The plan's own name (its header's).
    pub title: String,
    /// The year it was evaluated as of.
    pub as_of: Option<Year>,
    /// The plan's own grade (its whole plan's, by its `rollup`), if it grades.
    pub grade: Option<String>,
    /// How many rules have each status (members of `any`/`all` counted once, as their composite).
    pub counts: BTreeMap<Status, usize>,
    /// How many rules have each grade, in the order of the plan's scale.
    pub grades: Vec<(String, usize)>,
    /// The points of the rules that have points, summed, and how many have them.
    pub points: (Decimal, usize),
    /// Each totalled indicator's actual as evaluated (in the aggregate's order): `None` when the
    /// plan has no indicator of that name or no actual for it.
    pub totals: Vec<Option<Amount>>,
}

/// An indicator's actual in one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// In the indicator's base unit (円 for 千円, a ratio for %).
    pub value: Decimal,
    /// Its unit, which decides whether it adds up with other plans'.
    pub unit: Unit,
}

/// The figures of `project` evaluated as `report`, with the actuals of `totals`.
pub fn tally(project: &Project, report: &Report, totals: &[TotalDef]) -> Figures {
    let plan = &project.plan;
    let mut grades: Vec<(String, usize)> = plan.grades.iter().map(|grade| (grade.name.clone(), 0)).collect();
    for row in report.rules.iter().filter(|row| plan.rules[row.id.0].parent.is_none()) {
        if let Some(grade) = &row.grade {
            add_count(&mut grades, grade, 1);
        }
    }
    grades.retain(|(_, count)| *count > 0);
    let totals = totals
        .iter()
        .map(|total| {
            let row = report.find(&total.key)?;
            let value = row.outcome.actual?;
            Some(Amount { value, unit: plan.rules[row.id.0].unit().clone() })
        })
        .collect();
    Figures {
        title: plan.name.clone(),
        as_of: Some(report.as_of),
        grade: report.root.grade.clone(),
        counts: report.root.counts.clone(),
        grades,
        points: report.root.points_sum,
        totals,
    }
}

/// Adds `count` to `name`'s entry of an ordered tally, appending it if new.
pub(crate) fn add_count(tally: &mut Vec<(String, usize)>, name: &str, count: usize) {
    match tally.iter_mut().find(|(n, _)| n == name) {
        Some((_, n)) => *n += count,
        None => tally.push((name.to_string(), count)),
    }
}
