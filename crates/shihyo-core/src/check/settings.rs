//! The plan's settings: its header (period, baseline, achievement formula, roll-up, scales), and the limits of a plan (period length, years, number of rules).

use super::rules::rule_years;
use super::scales::default_grades;
use super::Checker;
use crate::model::*;
use crate::read::RawEntry;
use shihyo_syntax::ast::{self, AchievementFormula, PlanSetting, Rollup};
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Year};

/// The most digits after the decimal point `rates` may ask for.
const MAX_RATE_DIGITS: u32 = 4;

impl Checker {
    pub(super) fn finish(&mut self, root: &mut GroupDef, data: &[RawEntry], text: &str) -> Option<Plan> {
        let header = self.header.take();
        let mut period = None;
        let mut baseline = None;
        let mut calendar = false;
        let mut achievement = AchievementFormula::Ratio;
        let mut rollup = Rollup::Lowest;
        let mut grade_steps = None;
        let mut point_steps = None;
        let mut rates = None;
        let mut name = String::new();
        if let Some(plan) = &header {
            name = plan.name.text.clone();
            for setting in &plan.settings {
                match setting {
                    PlanSetting::Period(range, _) => period = Some((range.first.year.number, range.last.year.number)),
                    PlanSetting::Baseline(year, _) => baseline = Some((year.year.number, year.span.clone())),
                    PlanSetting::Achievement(formula, _) => achievement = *formula,
                    PlanSetting::Rollup(mode, span) => {
                        rollup = *mode;
                        if rollup == Rollup::Average {
                            self.average_rollups.push((None, span.clone()));
                        }
                    }
                    PlanSetting::Calendar(_) => calendar = true,
                    PlanSetting::Grades(steps, span) => grade_steps = Some((steps, span)),
                    PlanSetting::Points(steps, _) => point_steps = Some(steps),
                    PlanSetting::Rates(shown, span) if shown.digits > MAX_RATE_DIGITS => {
                        let most = MAX_RATE_DIGITS;
                        self.error(
                            Code::E0204,
                            span.clone(),
                            tr!(
                                "`rates` asks for too many digits: at most {most} after the decimal point",
                                "`rates` の桁数が多すぎます。小数点以下は {most} 桁までです"
                            ),
                        )
                        .hint = Some(tr!(
                            "published sheets print rates to one decimal: `rates 1 rounded` (四捨五入) or `rates 1 truncated` (切り捨て)",
                            "公表する表の率はふつう小数点以下1桁です：`rates 1 rounded`（四捨五入）、`rates 1 truncated`（切り捨て）"
                        ));
                    }
                    PlanSetting::Rates(shown, _) => rates = Some(*shown),
                    PlanSetting::Meta(meta) => root.meta.push((meta.key, meta.value.text.clone())),
                }
            }
        }
        root.rollup = rollup;
        let points = point_steps.map(|steps| self.points(steps)).unwrap_or_default();
        let grades = match grade_steps {
            Some((steps, span)) => self.grades(steps, span, !points.is_empty()),
            None => default_grades(),
        };
        let baseline = baseline.map(|(year, span)| {
            if let Some((_, last)) = period.filter(|(_, last)| year >= *last) {
                self.base_year_too_late(span, Year { number: year, calendar }, Year { number: last, calendar }, true);
            }
            year
        });
        let period = match period {
            Some(period) => period,
            None => {
                // Without a `period`, the plan spans the years its rules and data name.
                let years: Vec<i32> = self
                    .rules
                    .iter()
                    .filter_map(|d| d.ast.as_ref())
                    .flat_map(rule_years)
                    .chain(data.iter().map(|e| e.year.number))
                    .collect();
                match (years.iter().min(), years.iter().max()) {
                    (Some(&first), Some(&last)) => (first, last),
                    _ => {
                        let span = header.as_ref().map_or(0..0, |p| p.name.span.clone());
                        self.error(Code::E0202, span, tr!("the plan has no period", "計画の期間がありません")).hint =
                            Some(tr!("add `period R3..R7` to the `plan` header", "`plan` の見出しに `period R3..R7` を書いてください"));
                        return None;
                    }
                }
            }
        };
        if !self.within_limits(period, header.as_ref(), calendar) {
            return None;
        }
        let mut plan = Plan {
            name,
            file: self.file,
            text: text.to_string(),
            period,
            calendar,
            years: self.years,
            rates,
            baseline,
            achievement,
            rollup,
            grades,
            points,
            scales: Vec::new(),
            rules: Vec::new(),
            root: GroupDef {
                id: None,
                title: String::new(),
                path: String::new(),
                rollup,
                scale: None,
                children: Vec::new(),
                meta: Vec::new(),
            },
            derivation_order: Vec::new(),
            names: self.names.clone(),
            scenarios: Vec::new(),
        };
        for index in 0..self.rules.len() {
            if let Some(rule) = self.rules[index].ast.clone() {
                let (spec, rule_calendar) = self.spec(&rule, &plan);
                self.rules[index].def.spec = spec;
                self.rules[index].def.calendar = rule_calendar;
            }
        }
        // An `any`/`all` counts calendar years when its members do; members come
        // after their composite, so inner composites are settled first from the end.
        for index in (0..self.rules.len()).rev() {
            if let RuleSpec::Composite { members, .. } = &self.rules[index].def.spec {
                let calendar = !members.is_empty() && members.iter().all(|m| self.rules[m.0].def.calendar);
                self.rules[index].def.calendar = calendar;
            }
        }
        for index in 0..self.rules.len() {
            let spec = self.rules[index].def.spec.clone();
            self.check_references(&spec);
        }
        self.group_scales(root, &mut plan);
        plan.rules = self.rules.iter().map(|d| d.def.clone()).collect();
        plan.derivation_order = self.derivation_order(&plan)?;
        Some(plan)
    }

    /// The limits of [`crate::model`]: the period's length (E0217), the number of rules
    /// (E0218), and how far from the period a rule's years lie (E0219).
    pub(super) fn within_limits(&mut self, period: (i32, i32), header: Option<&ast::Plan>, calendar: bool) -> bool {
        let most = MAX_PERIOD_YEARS;
        if period.1 - period.0 + 1 > most {
            let span = header
                .and_then(|plan| plan.settings.iter().find(|s| matches!(s, PlanSetting::Period(..))).map(|s| s.span().clone()))
                .or_else(|| header.map(|plan| plan.name.span.clone()))
                .unwrap_or(0..0);
            self.error(Code::E0217, span, tr!("a plan's period spans at most {most} years", "計画の期間は {most} 年までです"));
            return false;
        }
        if self.rules.len() > MAX_RULES {
            let span = self.rules[MAX_RULES].name_span.clone();
            let most = MAX_RULES;
            self.error(Code::E0218, span, tr!("a plan has at most {most} rules", "一つの計画に書けるルールは {most} 件までです")).hint =
                Some(tr!("split it into plans by area", "分野ごとの計画に分けてください"));
            return false;
        }
        let window = year_window(period);
        let mut within = true;
        for index in 0..self.rules.len() {
            let far = self.rules[index].ast.as_ref().and_then(|rule| rule_years(rule).into_iter().find(|y| !window.contains(y)));
            if let Some(year) = far {
                let year = Year { number: year, calendar };
                // A year so far off is shown in western years: no era names it.
                let style = shihyo_syntax::year::YearStyle::Western;
                let (shown, label, label_ja) = (self.rules[index].def.name.clone(), year.shown(style), year.shown_ja(style));
                let span = self.rules[index].name_span.clone();
                self.error(
                    Code::E0219,
                    span,
                    tr!(
                        "`{shown}` names {label}, more than {most} years from the plan's period",
                        "「{shown}」の{label_ja}は計画の期間から{most}年を超えて離れています"
                    ),
                )
                .hint = Some(tr!("is it a typing slip (`2030` for `2300`)?", "打ち間違いではありませんか（`2300` と `2030` など）"));
                within = false;
            }
        }
        within
    }
}
