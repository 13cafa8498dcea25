//! Explaining a rule's points and grade (reference §5.2): on a scale of thresholds
//! on the pace achievement, the pace and the step it reaches (`grade of 98.25%: B`);
//! on any other scale, each step tried from the top with its conditions' figures, in
//! the rule's direction, up to the step that holds.

use super::Explainer;
use crate::eval::outcome::Outcome;
use crate::eval::scale::Figures;
use crate::model::scale::{pace_threshold, Condition};
use crate::output::display;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Comparator, Figure};
use shihyo_syntax::{tr, Lang, Localized};

impl Explainer<'_> {
    /// The steps for the points and the grade of a judged rule.
    pub(super) fn scales(&mut self, comparator: Comparator, o: &Outcome) {
        let Some(pace) = o.pace_achievement else { return };
        let mut figures = Figures::of_rule(o, comparator);
        let (plan, scale) = (self.plan, self.plan.rule(self.this).scale);
        if let Some(index) = o.points {
            let points = plan.points_of(scale);
            let steps: Vec<(String, &[Condition])> =
                points.iter().map(|step| (step.points.normalize().to_string(), step.when.as_slice())).collect();
            let text = self.reached(&steps, index, &figures, pace, ("points", "点数"));
            self.step("points", text, Vec::new());
            figures.points = Some(points[index].points);
        }
        if let Some(index) = o.grade {
            let steps: Vec<(String, &[Condition])> = plan.grades_of(scale).iter().map(|g| (g.name.clone(), g.when.as_slice())).collect();
            let text = self.reached(&steps, index, &figures, pace, ("grade", "評価"));
            self.step("grade", text, Vec::new());
        }
    }

    /// How a scale's step `index` was reached.
    fn reached(
        &self,
        steps: &[(String, &[Condition])],
        index: usize,
        figures: &Figures,
        pace: Decimal,
        (en, ja): (&str, &str),
    ) -> Localized {
        let label = &steps[index].0;
        if steps.iter().all(|(_, when)| when.is_empty() || pace_threshold(when).is_some()) {
            let shown = display::ratio_shown(pace, self.plan.rates);
            return tr!("{en} of {shown}: {label}", "{shown} の{ja}: {label}");
        }
        let tried = |lang: Lang| {
            let mut parts = Vec::new();
            for (step_label, when) in &steps[..=index] {
                if when.is_empty() {
                    parts.push(format!("{step_label} ({})", words(lang, "the rest", "それ以外")));
                    continue;
                }
                let conditions: Vec<String> = when.iter().map(|c| self.condition_text(c, figures, lang)).collect();
                parts.push(format!("{step_label} when {}", conditions.join(" and ")));
            }
            parts.join("; ")
        };
        let (tried_en, tried_ja) = (tried(Lang::En), tried(Lang::Ja));
        tr!("{en}: {tried_en} → {label}", "{ja}: {tried_ja} → {label}")
    }

    /// A condition with its figures: `actual ≥ target (900 ≥ 1,000: no)`.
    fn condition_text(&self, condition: &Condition, figures: &Figures, lang: Lang) -> String {
        let written = display::condition(condition);
        let unknown = words(lang, "not known", "不明");
        let (Some(value), Some(against)) = (figures.value(condition.figure), figures.against(condition.against)) else {
            return format!("{written} ({unknown})");
        };
        let shown = |value: Decimal| match condition.figure {
            Figure::Actual => display::quantity_shown(value, &self.plan.rule(self.this).unit, self.plan.rates),
            Figure::Points => value.normalize().to_string(),
            _ => display::ratio_shown(value, self.plan.rates),
        };
        let holds = if figures.holds(condition) == Some(true) { words(lang, "yes", "成立") } else { words(lang, "no", "不成立") };
        // An actual on a rule that aims down is compared the other way round.
        let (comparator, direction) = if condition.figure == Figure::Actual && figures.lower_is_better {
            (mirrored(condition.comparator), words(lang, "lower is better: ", "低いほど良い: "))
        } else {
            (condition.comparator, "")
        };
        let symbol = display::comparator_text(comparator);
        format!("{written} ({direction}{} {symbol} {}: {holds})", shown(value), shown(against))
    }
}

fn words(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The comparator that says the same of negated numbers (`≥` for `≤`).
fn mirrored(comparator: Comparator) -> Comparator {
    match comparator {
        Comparator::AtLeast => Comparator::AtMost,
        Comparator::AtMost => Comparator::AtLeast,
        Comparator::Above => Comparator::Below,
        Comparator::Below => Comparator::Above,
        Comparator::Equal => Comparator::Equal,
    }
}
