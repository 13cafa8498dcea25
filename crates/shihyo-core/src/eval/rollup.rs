//! The roll-up of rule results into the group tree: counts by status, and a
//! grade per group (the lowest of its rules', or the grade of their mean pace
//! achievement, as the group's `rollup` says).

use super::formulas;
use crate::eval::{GroupResult, RuleResult};
use crate::model::{GroupChild, GroupDef, Plan};
use rust_decimal::Decimal;
use shihyo_syntax::ast::Rollup;
use std::collections::BTreeMap;

/// The group's result from its rules' results.
pub fn rollup_group(plan: &Plan, group: &GroupDef, rules: &[RuleResult]) -> GroupResult {
    let mut result = GroupResult {
        path: group.path.clone(),
        counts: BTreeMap::new(),
        grade: None,
        groups: Vec::new(),
        rules: Vec::new(),
        pace_sum: (Decimal::ZERO, 0),
        worst_grade: None,
    };
    for child in &group.children {
        match child {
            GroupChild::Group(inner) => {
                let inner = rollup_group(plan, inner, rules);
                for (status, count) in &inner.counts {
                    *result.counts.entry(*status).or_insert(0) += count;
                }
                result.pace_sum = (result.pace_sum.0 + inner.pace_sum.0, result.pace_sum.1 + inner.pace_sum.1);
                result.worst_grade = result.worst_grade.max(inner.worst_grade);
                result.groups.push(inner);
            }
            GroupChild::Rule(id) => {
                let rule = &rules[id.0];
                *result.counts.entry(rule.outcome.status).or_insert(0) += 1;
                if let Some(pace) = rule.outcome.pace_achievement {
                    result.pace_sum = (result.pace_sum.0.checked_add(pace).unwrap_or(result.pace_sum.0), result.pace_sum.1 + 1);
                }
                let index = rule.grade.as_ref().and_then(|g| plan.grades.iter().position(|s| &s.name == g));
                result.worst_grade = result.worst_grade.max(index);
                result.rules.push(*id);
            }
        }
    }
    let grade_of = |pace: Decimal| formulas::grade_index(&plan.grades, pace).map(|index| plan.grades[index].name.clone());
    result.grade = match group.rollup {
        Rollup::Lowest => result.worst_grade.map(|index| plan.grades[index].name.clone()),
        Rollup::Average if result.pace_sum.1 > 0 => grade_of(result.pace_sum.0 / Decimal::from(result.pace_sum.1)),
        Rollup::Average => None,
    };
    result
}
