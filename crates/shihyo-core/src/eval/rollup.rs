//! The roll-up of rule results into the group tree: counts by status, points, and
//! a grade per group (the lowest of its rules', or the scale's grade of their mean
//! pace achievement and mean points, as the group's `rollup` says).

use super::scale::{self, Figures};
use crate::eval::{GroupResult, RuleResult};
use crate::model::{GroupChild, GroupDef, Plan};
use rust_decimal::Decimal;
use shihyo_syntax::ast::Rollup;
use std::collections::BTreeMap;

/// The group's result from its rules' results.
pub fn rollup_group(plan: &Plan, group: &GroupDef, rules: &[RuleResult]) -> GroupResult {
    let grades = plan.grades_of(group.scale);
    let mut result = GroupResult {
        path: group.path.clone(),
        counts: BTreeMap::new(),
        grade: None,
        groups: Vec::new(),
        rules: Vec::new(),
        pace_sum: (Decimal::ZERO, 0),
        points_sum: (Decimal::ZERO, 0),
        worst_grade: None,
    };
    for child in &group.children {
        match child {
            GroupChild::Group(inner) => {
                let same_scale = inner.scale == group.scale;
                let inner = rollup_group(plan, inner, rules);
                for (status, count) in &inner.counts {
                    *result.counts.entry(*status).or_insert(0) += count;
                }
                result.pace_sum = add(result.pace_sum, inner.pace_sum);
                result.points_sum = add(result.points_sum, inner.points_sum);
                let inner_worst = inner.grade.as_ref().and_then(|g| grades.iter().position(|s| &s.name == g));
                result.worst_grade = result.worst_grade.max(if same_scale { inner.worst_grade } else { inner_worst });
                result.groups.push(inner);
            }
            GroupChild::Rule(id) => {
                let rule = &rules[id.0];
                *result.counts.entry(rule.outcome.status).or_insert(0) += 1;
                if let Some(pace) = rule.outcome.pace_achievement {
                    result.pace_sum = add(result.pace_sum, (pace, 1));
                }
                if let Some(points) = rule.points {
                    result.points_sum = add(result.points_sum, (points, 1));
                }
                // A grade counts by its place on the group's scale (where an inner group grades by
                // its own scale, by its name; a name the group's scale lacks does not count).
                let index = rule.grade.as_ref().and_then(|g| grades.iter().position(|s| &s.name == g));
                result.worst_grade = result.worst_grade.max(index);
                result.rules.push(*id);
            }
        }
    }
    let grade = match group.rollup {
        Rollup::Lowest => result.worst_grade,
        // The scale read on the group's own figures: its rules' mean pace achievement and mean points.
        Rollup::Average => result
            .pace_average()
            .and_then(|pace| scale::grade(grades, &Figures { pace: Some(pace), points: result.points_average(), ..Figures::default() })),
    };
    result.grade = grade.map(|index| grades[index].name.clone());
    result
}

/// Two sums with their counts added (a sum past the decimal range stays as it was).
fn add(sum: (Decimal, usize), more: (Decimal, usize)) -> (Decimal, usize) {
    (sum.0.checked_add(more.0).unwrap_or(sum.0), sum.1 + more.1)
}
