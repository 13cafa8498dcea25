//! How figures are shown to people: thousands separators, the indicator's
//! display unit (`298,513千円`), percentages with two decimals. Machine output
//! never goes through here: it carries exact decimals in base units.

use crate::eval::{GroupResult, Report, RuleResult, Status};
use crate::model::scale::{pace_threshold, Against, Condition};
pub use crate::model::units::{grouped, quantity, quantity_shown, ratio, ratio_shown};
use crate::model::{GroupChild, GroupDef, Plan, RuleId, RuleSpec, TargetDef};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{AchievementFormula, Comparator, CompositeMode, Figure};
use shihyo_syntax::year::YearStyle;
use shihyo_syntax::{Lang, Year};
use std::collections::BTreeMap;

/// Marks an actual that is, or is computed from, a projection.
pub const PROJECTED_MARK: &str = "*";

/// The heading of an explanation step's figure (`target`, `pace_achievement`, …) in `lang`:
/// the field's own name in English, 目標, 期待値比, … in Japanese.
pub fn field_label(field: &str, lang: Lang) -> &str {
    match (field, lang) {
        (_, Lang::En) => field,
        ("target", Lang::Ja) => "目標",
        ("actual", Lang::Ja) => "実績",
        ("expected", Lang::Ja) => "期待値",
        ("achievement", Lang::Ja) => "達成率",
        ("pace_achievement", Lang::Ja) => "期待値比",
        ("progress", Lang::Ja) => "進捗率",
        ("status", Lang::Ja) => "状況",
        ("grade", Lang::Ja) => "評価",
        ("points", Lang::Ja) => "点数",
        ("derivation", Lang::Ja) => "計算式",
        (other, Lang::Ja) => other,
    }
}

/// A comparator as the table writes it before a target: `≥`, `≤`, `>`, `<`, `=`.
pub fn comparator_text(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::Above => ">",
        Comparator::Below => "<",
        Comparator::Equal => "=",
    }
}

/// A step of a scale as people read it: `B ≥ 80%` for a threshold on the pace
/// achievement, else `S when actual ≥ baseline * 90% and …`; the catch-all is its label.
pub fn scale_step(label: &str, when: &[Condition]) -> String {
    if let Some((comparator, threshold)) = pace_threshold(when) {
        return format!("{label} {} {}", comparator_text(comparator), ratio(threshold));
    }
    if when.is_empty() {
        return label.to_string();
    }
    let conditions: Vec<String> = when.iter().map(condition).collect();
    format!("{label} when {}", conditions.join(" and "))
}

/// A condition as people read it: `actual ≥ baseline * 90%`, `achievement ≥ 100%`, `points ≥ 6`.
pub fn condition(condition: &Condition) -> String {
    let against = match condition.against {
        Against::Value(value) if condition.figure == Figure::Points => value.normalize().to_string(),
        Against::Value(value) => ratio(value),
        Against::Benchmark(benchmark, factor) if factor == Decimal::ONE => benchmark.word().to_string(),
        Against::Benchmark(benchmark, factor) => format!("{} * {}", benchmark.word(), ratio(factor)),
    };
    format!("{} {} {against}", condition.figure.word(), comparator_text(condition.comparator))
}

/// The formulas a table's heading states, for the directions the plan's rules
/// take: `actual / target` where higher is better, `target / actual` where lower
/// is better, `1 − |actual − target| / target` for `==` (reference §7.4); and, for a
/// plan with year-by-year or interim targets, that a year with its own target has its
/// achievement against that target.
pub fn formula_line(plan: &Plan, lang: Lang) -> String {
    let comparators = plan.rules.iter().filter_map(|rule| match &rule.spec {
        RuleSpec::Measured(m) => m.comparison.as_ref().map(|c| c.comparator),
        _ => None,
    });
    let (mut higher, mut lower, mut equal) = (false, false, false);
    for comparator in comparators {
        match comparator {
            Comparator::AtLeast | Comparator::Above => higher = true,
            Comparator::AtMost | Comparator::Below => lower = true,
            Comparator::Equal => equal = true,
        }
    }
    let ja = lang == Lang::Ja;
    let mut line = match (higher || !lower, lower, ja) {
        _ if plan.achievement == AchievementFormula::Progress => {
            if ja {
                "達成率 = 進捗率 (実績 − 基準値) / (目標 − 基準値)、期待値比 = (実績 − 基準値) / (期待値 − 基準値)"
            } else {
                "achievement = progress (A − B) / (T − B); vs exp. = (A − B) / (E − B)"
            }
        }
        (true, false, false) => "achievement = actual / target; vs exp. = actual / expected",
        (true, false, true) => "達成率 = 実績 / 目標、期待値比 = 実績 / 期待値",
        (false, _, false) => "achievement = target / actual (lower is better); vs exp. = expected / actual",
        (false, _, true) => "達成率 = 目標 / 実績（低いほどよい）、期待値比 = 期待値 / 実績",
        (true, true, false) => {
            "achievement = actual / target, or target / actual where lower is better; vs exp. = the same against the expected value"
        }
        (true, true, true) => "達成率 = 実績 / 目標（低いほどよい指標は 目標 / 実績）、期待値比 = 実績 / 期待値（同 期待値 / 実績）",
    }
    .to_string();
    if equal && plan.achievement != AchievementFormula::Progress {
        line.push_str(if ja {
            "、`==` の目標は 1 − |実績 − 目標| / 目標"
        } else {
            "; for `==` targets 1 − |actual − target| / target"
        });
    }
    // A scale of thresholds grades the pace achievement; one of conditions says its own ground.
    line.push_str(match (plan.grades_by_pace(), ja) {
        (true, true) => "、評価は期待値比から",
        (true, false) => ", which the grade is of",
        (false, true) => "、評価は計画の評価基準の条件から",
        (false, false) => "; grades by the conditions of the plan's scale",
    });
    let scheduled = plan.rules.iter().any(|rule| {
        matches!(&rule.spec, RuleSpec::Measured(m) if matches!(m.comparison.as_ref().map(|c| &c.target), Some(TargetDef::Schedule(_))))
    });
    if scheduled {
        line.push_str(if ja {
            "。年度ごとの目標がある年度の達成率は、その年度の目標に対する値"
        } else {
            "; in a year with its own target, achievement is against that year's target"
        });
    }
    line
}

/// A year as the table shows it, the way the plan writes its years (`R7`, `H26`,
/// `FY2023`); a calendar year `CY2025`, or `2025年` in Japanese.
pub fn year_text(style: YearStyle, number: i32, calendar: bool, lang: Lang) -> String {
    let year = Year { number, calendar };
    match lang {
        Lang::Ja if calendar => year.shown_ja(style),
        _ => year.shown(style),
    }
}

/// The headings of [`figure_cells`]' columns.
pub fn figure_headings(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::En => ["target", "by", "actual", "expected", "vs exp.", "achiev.", "progress", "status", "grade"],
        Lang::Ja => ["目標", "目標年度", "実績", "期待値", "期待値比", "達成率", "進捗率", "状況", "評価"],
    }
}

/// A rule's figures as people read them, in the columns of the evaluation table:
/// target, target year, actual (with its year if not the evaluation year, and
/// [`PROJECTED_MARK`] if projected), expected, vs expected, achievement,
/// progress, status and grade. Shared by the CLI's table and the web app.
pub fn figure_cells(plan: &Plan, report: &Report, result: &RuleResult, lang: Lang) -> Vec<String> {
    let rule = plan.rule(result.id);
    let unit = &rule.unit;
    let shown = |value: Option<rust_decimal::Decimal>| value.map_or_else(|| "—".to_string(), |v| quantity_shown(v, unit, plan.rates));
    let ratio = |value: Option<rust_decimal::Decimal>| value.map_or_else(|| "—".to_string(), |v| ratio_shown(v, plan.rates));
    let words = |en: &'static str, ja: &'static str| if lang == Lang::Ja { ja } else { en };
    let target = match &rule.spec {
        RuleSpec::Measured(m) => match m.comparison.as_ref() {
            Some(c) if matches!(c.target, TargetDef::Tbd) => format!("{}{}", comparator_text(c.comparator), words(" tbd", "未定")),
            Some(c) => match result.outcome.target {
                Some(t) => format!("{}{}", comparator_text(c.comparator), quantity_shown(t, unit, plan.rates)),
                None => format!("{} ?", comparator_text(c.comparator)),
            },
            None => "—".to_string(),
        },
        RuleSpec::Milestone { by } => match lang {
            Lang::En => format!("done by {}", year_text(plan.years, *by, rule.calendar, lang)),
            Lang::Ja => format!("{}まで", year_text(plan.years, *by, rule.calendar, lang)),
        },
        RuleSpec::Qualitative => words("qualitative", "定性").to_string(),
        RuleSpec::Composite { mode: CompositeMode::All, .. } => words("all of", "すべて").to_string(),
        RuleSpec::Composite { mode: CompositeMode::Any, .. } => words("any of", "いずれか").to_string(),
    };
    let target_year = match &rule.spec {
        RuleSpec::Measured(measured) if measured.every_year => words("every year", "毎年度").to_string(),
        _ => result.outcome.target_year.map_or_else(String::new, |y| year_text(plan.years, y, rule.calendar, lang)),
    };
    // An actual from another year than the evaluation year (the target year, or the
    // year an `every year` rule failed) says which year it is.
    let mut actual = match (result.outcome.actual, result.outcome.year) {
        (Some(_), Some(year)) if year != report.as_of.number => {
            format!("{} ({})", shown(result.outcome.actual), year_text(plan.years, year, rule.calendar, lang))
        }
        _ => shown(result.outcome.actual),
    };
    if result.projected {
        actual.push_str(PROJECTED_MARK);
    }
    vec![
        target,
        target_year,
        actual,
        shown(result.outcome.expected),
        ratio(result.outcome.pace_achievement),
        ratio(result.outcome.achievement),
        ratio(result.outcome.progress),
        result.outcome.status.label(lang).to_string(),
        grade_text(result, lang),
    ]
}

/// A rule's grade, with its points where the plan gives points (`A (6 pts)`, `A（6点）`); `—` without a grade.
pub fn grade_text(result: &RuleResult, lang: Lang) -> String {
    let grade = result.grade.as_deref().unwrap_or("—");
    match (result.points, lang) {
        (None, _) => grade.to_string(),
        (Some(points), Lang::En) => format!("{grade} ({} pts)", points_shown(points)),
        (Some(points), Lang::Ja) => format!("{grade}（{}点）", points_shown(points)),
    }
}

/// Points as people read them: to two decimals at most, half away from zero (`5.33`).
pub fn points_shown(points: Decimal) -> String {
    points.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero).normalize().to_string()
}

/// A group's points where the plan gives points: their mean and their sum (`5 pts on average, 15 in all`,
/// `平均 5点・計 15点`; reference §7.9); `None` when none of its rules scores points.
pub fn points_text(result: &GroupResult, lang: Lang) -> Option<String> {
    let (average, total) = (points_shown(result.points_average()?), points_shown(result.points_total()?));
    Some(match lang {
        Lang::En => format!("{average} pts on average, {total} in all"),
        Lang::Ja => format!("平均 {average}点・計 {total}点"),
    })
}

/// Counts by status: `達成 3, 遅れ 1`.
pub fn counts_text(counts: &BTreeMap<Status, usize>, lang: Lang) -> String {
    if counts.is_empty() {
        return match lang {
            Lang::En => "no rules".to_string(),
            Lang::Ja => "ルールなし".to_string(),
        };
    }
    counts.iter().map(|(status, count)| format!("{} {count}", status.label(lang))).collect::<Vec<_>>().join(", ")
}

/// A group's items met, as a reform plan's report counts them (`met or on track 3 of 6 (50.00%)`,
/// `達成・順調 3/6件（50.00%）`; reference §7.9); `None` when none of its rules is judged.
pub fn met_text(plan: &Plan, result: &GroupResult, lang: Lang) -> Option<String> {
    let (met, judged) = result.met();
    let share = ratio_shown(result.met_share()?, plan.rates);
    Some(match lang {
        Lang::En => format!("met or on track {met} of {judged} ({share})"),
        Lang::Ja => format!("達成・順調 {met}/{judged}件（{share}）"),
    })
}

/// What a group's heading says after its grade: its counts by status, its items met and, where
/// the plan gives points, its points (`on track 2, behind 1; met or on track 2 of 3 (66.67%)`).
pub fn group_figures(plan: &Plan, result: &GroupResult, lang: Lang) -> String {
    let parts = [Some(counts_text(&result.counts, lang)), met_text(plan, result, lang), points_text(result, lang)];
    parts.into_iter().flatten().collect::<Vec<_>>().join("; ")
}

/// A line of the evaluation table: a group's heading or a rule, with its depth.
#[derive(Clone, Copy, Debug)]
pub enum Line<'a> {
    /// A group's heading.
    Group {
        /// The group.
        def: &'a GroupDef,
        /// Its counts by status and its grade.
        result: &'a GroupResult,
        /// How deep it is nested in what is listed, from 0.
        depth: usize,
    },
    /// A rule's line.
    Rule {
        /// The rule.
        id: RuleId,
        /// How deep it is nested in what is listed, from 0 (an `any`/`all` block's members one deeper than it).
        depth: usize,
    },
}

/// The evaluation table's lines in the order written: each group's heading
/// before what it holds, an `any`/`all` rule's members under it.
pub fn lines<'a>(plan: &'a Plan, report: &'a Report) -> Vec<Line<'a>> {
    group_lines(plan, &plan.root, &report.root)
}

/// The lines of one group's contents (its own heading not included), from depth 0.
pub fn group_lines<'a>(plan: &'a Plan, def: &'a GroupDef, result: &'a GroupResult) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    push_group_lines(plan, def, result, 0, &mut lines);
    lines
}

fn push_group_lines<'a>(plan: &'a Plan, def: &'a GroupDef, result: &'a GroupResult, depth: usize, lines: &mut Vec<Line<'a>>) {
    let mut groups = result.groups.iter();
    for child in &def.children {
        match child {
            GroupChild::Group(inner_def) => {
                let Some(inner) = groups.next() else { continue };
                lines.push(Line::Group { def: inner_def, result: inner, depth });
                push_group_lines(plan, inner_def, inner, depth + 1, lines);
            }
            GroupChild::Rule(id) => push_rule_lines(plan, *id, depth, lines),
        }
    }
}

/// A rule's line and, under an `any`/`all` rule, its members', from `depth`.
pub fn rule_lines<'a>(plan: &'a Plan, id: RuleId, depth: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    push_rule_lines(plan, id, depth, &mut lines);
    lines
}

fn push_rule_lines(plan: &Plan, id: RuleId, depth: usize, lines: &mut Vec<Line<'_>>) {
    lines.push(Line::Rule { id, depth });
    if let RuleSpec::Composite { members, .. } = &plan.rule(id).spec {
        for member in members {
            push_rule_lines(plan, *member, depth + 1, lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::formula_line;
    use crate::Engine;
    use shihyo_syntax::Lang;

    fn line(rules: &str, lang: Lang) -> String {
        let mut engine = Engine::new();
        let file = engine.add_source("plan.kpi", format!("plan \"t\" {{ period R3..R7 }}\n{rules}"));
        let project = engine.load(file, &[]).expect("the plan loads");
        formula_line(&project.plan, lang)
    }

    #[test]
    fn the_items_met_are_written_as_reports_write_them() {
        let mut engine = Engine::new();
        let file = engine.add_source(
            "plan.kpi",
            "plan \"t\" { period R3..R7 }\noutcome \"a\" >= 1 by R5\noutcome \"b\" >= 1 by R5\noutcome \"c\" >= 1 by R5\noutcome \"d\" >= tbd\ndata \"a\" { R5: 2 }\ndata \"b\" { R5: 0 }\ndata \"c\" { R5: 1 }\n",
        );
        let project = engine.load(file, &[]).expect("the plan loads");
        let report = project.evaluate(crate::Options::default());
        assert_eq!(super::met_text(&project.plan, &report.root, Lang::Ja).as_deref(), Some("達成・順調 2/3件（66.67%）"));
        assert_eq!(super::met_text(&project.plan, &report.root, Lang::En).as_deref(), Some("met or on track 2 of 3 (66.67%)"));
        let none = engine.add_source("none.kpi", "plan \"t\" { period R3..R7 }\noutcome \"d\" >= tbd\n");
        let project = engine.load(none, &[]).expect("the plan loads");
        assert_eq!(super::met_text(&project.plan, &project.evaluate(crate::Options::default()).root, Lang::En), None);
    }

    #[test]
    fn the_formula_line_names_the_directions_the_plan_uses() {
        let (higher, lower, equal) = ("outcome \"a\" >= 10\n", "outcome \"b\" <= 10\n", "outcome \"c\" == 10\n");
        assert_eq!(line(higher, Lang::Ja), "達成率 = 実績 / 目標、期待値比 = 実績 / 期待値、評価は期待値比から");
        assert_eq!(line(lower, Lang::Ja), "達成率 = 目標 / 実績（低いほどよい）、期待値比 = 期待値 / 実績、評価は期待値比から");
        assert_eq!(
            line(&format!("{higher}{lower}"), Lang::En),
            "achievement = actual / target, or target / actual where lower is better; vs exp. = the same against the expected value, which the grade is of"
        );
        assert_eq!(
            line(&format!("{higher}{equal}"), Lang::Ja),
            "達成率 = 実績 / 目標、期待値比 = 実績 / 期待値、`==` の目標は 1 − |実績 − 目標| / 目標、評価は期待値比から"
        );
        // A year-by-year schedule: which target the achievement is against.
        let yearly = "outcome \"d\" >= { R5: 20, R7: 28 }\n";
        assert_eq!(
            line(yearly, Lang::En),
            "achievement = actual / target; vs exp. = actual / expected, which the grade is of; in a year with its own target, achievement is against that year's target"
        );
        assert_eq!(line(yearly, Lang::Ja), "達成率 = 実績 / 目標、期待値比 = 実績 / 期待値、評価は期待値比から。年度ごとの目標がある年度の達成率は、その年度の目標に対する値");
    }
}
