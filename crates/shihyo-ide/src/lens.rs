//! A line above each rule with its status, grade and achievement as of the
//! latest year with data: the evaluation table's figures where the rule is
//! written.

use crate::analysis::Analysis;
use serde::Serialize;
use shihyo_core::model::units::ratio_shown;
use shihyo_core::syntax::{tr, Lang, Span};

/// A rule's line: where the rule is, and what to show above it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lens {
    /// The rule's statement, in byte offsets of the plan's original text.
    pub span: Span,
    /// The line to show: status, grade and achievement, and the year they are as of (`behind · grade B · achievement 87.33% · as of R5`).
    pub title: String,
    /// The rule's name (`shihyo explain` takes it).
    pub rule: String,
}

/// One lens per rule; none while the plan has errors.
pub fn lenses(analysis: &Analysis, lang: Lang) -> Vec<Lens> {
    let (Some(project), Some(report)) = (analysis.project(), analysis.report()) else { return Vec::new() };
    let plan = &project.plan;
    let as_of = report.as_of.shown_in(plan.years, lang);
    plan.rules
        .iter()
        .zip(&report.rules)
        .map(|(rule, result)| {
            let mut parts = vec![result.outcome.status.label(lang).to_string()];
            if let Some(grade) = &result.grade {
                parts.push(tr!("grade {grade}", "評価 {grade}").get(lang).to_string());
            }
            if let Some(achievement) = result.outcome.achievement {
                let shown = ratio_shown(achievement, plan.rates);
                parts.push(tr!("achievement {shown}", "達成率 {shown}").get(lang).to_string());
            }
            parts.push(tr!("as of {as_of}", "{as_of}時点").get(lang).to_string());
            Lens { span: rule.span.clone(), title: parts.join(" · "), rule: rule.name.clone() }
        })
        .collect()
}
