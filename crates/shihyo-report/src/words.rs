//! The report's words in Japanese and English: the method in words (how
//! achievement is computed, the grade scale, the roll-up), and the labels the
//! HTML and the workbook share.

use shihyo_core::model::scale::{Against, Condition};
use shihyo_core::model::{GroupChild, GroupDef, Plan};
use shihyo_core::output::display;
use shihyo_core::syntax::ast::{Benchmark, Comparator, Figure, Rollup};
use shihyo_core::syntax::Lang;
use shihyo_core::Decimal;

/// The English or the Japanese of a label.
pub fn pick(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The title every report has: 進捗状況・評価結果.
pub fn title(lang: Lang) -> &'static str {
    pick(lang, "Progress and evaluation", "進捗状況・評価結果")
}

/// The grade scale as lines: `A: 期待値比 100% 以上`, …, `D: それ以外`.
pub fn grade_scale(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.grades.iter().map(|grade| scale_step(&grade.name, &grade.when, lang)).collect()
}

/// The points scale as lines (`7: 期待値比 100% 以上`); none when the plan gives no points.
pub fn points_scale(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.points.iter().map(|step| scale_step(&step.points.normalize().to_string(), &step.when, lang)).collect()
}

/// The groups that write their own scales, each with its heading (`1 施設`), its grades and its
/// points in words, in the order written.
pub fn group_scales(plan: &Plan, lang: Lang) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    own_scales(plan, &plan.root, None, lang, &mut out);
    out
}

fn own_scales(plan: &Plan, group: &GroupDef, above: Option<usize>, lang: Lang, out: &mut Vec<(String, Vec<String>, Vec<String>)>) {
    if group.scale != above {
        let heading = group.id.as_ref().map_or_else(|| group.title.clone(), |id| format!("{id} {}", group.title));
        let grades = plan.grades_of(group.scale).iter().map(|grade| scale_step(&grade.name, &grade.when, lang)).collect();
        let points = plan.points_of(group.scale).iter().map(|step| scale_step(&step.points.normalize().to_string(), &step.when, lang));
        out.push((heading, grades, points.collect()));
    }
    for child in &group.children {
        if let GroupChild::Group(inner) = child {
            own_scales(plan, inner, group.scale, lang, out);
        }
    }
}

/// One step in words: `B: 実績が基準値の90%以上 かつ 期待値比 80% 以上`.
fn scale_step(label: &str, when: &[Condition], lang: Lang) -> String {
    if when.is_empty() {
        return format!("{label}: {}", pick(lang, "the rest", "それ以外"));
    }
    let conditions: Vec<String> = when.iter().map(|condition| condition_words(condition, lang)).collect();
    format!("{label}: {}", conditions.join(pick(lang, " and ", " かつ ")))
}

fn condition_words(condition: &Condition, lang: Lang) -> String {
    let figure = match condition.figure {
        Figure::Actual => pick(lang, "actual", "実績"),
        Figure::Achievement => pick(lang, "achievement", "達成率"),
        Figure::Pace => pick(lang, "vs expected", "期待値比"),
        Figure::Progress => pick(lang, "progress", "進捗率"),
        Figure::Change => pick(lang, "change from the baseline", "基準値からの改善率"),
        Figure::Points => pick(lang, "points", "点数"),
    };
    match condition.against {
        // `期待値比 100% 以上`, `vs expected 100% or more`.
        Against::Value(value) => {
            let value = if condition.figure == Figure::Points { value.normalize().to_string() } else { display::ratio(value) };
            let (en, ja) = match condition.comparator {
                Comparator::Above => ("above", "超"),
                Comparator::AtMost => ("or less", "以下"),
                Comparator::Below => ("below", "未満"),
                Comparator::Equal => ("exactly", "ちょうど"),
                Comparator::AtLeast => ("or more", "以上"),
            };
            format!("{figure} {value} {}", pick(lang, en, ja))
        }
        // `実績が基準値の90%以上`, `actual at least 90% of the baseline`, in the indicator's direction.
        Against::Benchmark(benchmark, factor) => {
            let benchmark = match benchmark {
                Benchmark::Target => pick(lang, "the target", "目標値"),
                Benchmark::Baseline => pick(lang, "the baseline", "基準値"),
                Benchmark::Expected => pick(lang, "the expected value", "期待値"),
            };
            let benchmark = match (factor == Decimal::ONE, lang) {
                (true, _) => benchmark.to_string(),
                (false, Lang::En) => format!("{} of {benchmark}", display::ratio(factor)),
                (false, Lang::Ja) => format!("{benchmark}の{}", display::ratio(factor)),
            };
            let (en, ja) = match condition.comparator {
                Comparator::Above => ("better than", "より良い"),
                Comparator::AtMost => ("no better than", "と同じかそれより悪い"),
                Comparator::Below => ("worse than", "より悪い"),
                Comparator::Equal => ("equal to", "と等しい"),
                Comparator::AtLeast => ("as good as", "と同じかそれより良い"),
            };
            match lang {
                Lang::En => format!("{figure} {en} {benchmark}"),
                Lang::Ja => format!("{figure}が{benchmark}{ja}"),
            }
        }
    }
}

/// How a group's grade comes from its indicators'.
pub fn rollup_rule(rollup: Rollup, lang: Lang) -> &'static str {
    match rollup {
        Rollup::Lowest => pick(
            lang,
            "an area's grade is the lowest grade among its indicators (rollup lowest)",
            "改革項目の評価は、その指標の評価のうち最も低いもの（rollup lowest）",
        ),
        Rollup::Average => pick(
            lang,
            "an area's grade is the grade of the mean of its indicators' vs-expected ratios (rollup average)",
            "改革項目の評価は、その指標の期待値比の平均に対する評価（rollup average）",
        ),
    }
}

/// How the pace value (期待値) of a year is set.
pub fn pace_rule(lang: Lang) -> &'static str {
    pick(
        lang,
        "The expected value of a year is the point of the straight line from the baseline to the target in that year (for a total over the period, its pro-rata share; for a target every year, that year's target). Before the target year a rule is on track when its actual meets the expected value; in the target year it is achieved when the actual meets the target.",
        "各年度の期待値は、基準値から目標値へ引いた直線のその年度の値です（期間の合計を目標とする指標は経過年数に応じた按分、毎年度の目標はその年度の目標）。目標年度より前は、実績が期待値に届いていれば「順調」、目標年度には実績が目標に届いていれば「達成」です。",
    )
}
