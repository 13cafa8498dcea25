//! The report's words in Japanese and English: the method in words (how
//! achievement is computed, the grade scale, the roll-up), and the labels the
//! HTML and the workbook share.

use shihyo_core::model::Plan;
use shihyo_core::output::display;
use shihyo_core::syntax::ast::{Comparator, Rollup};
use shihyo_core::syntax::Lang;

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

/// The grade scale as lines: `A: 期待値比 100% 以上`, …, `D: それ未満`.
pub fn grade_scale(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.grades
        .iter()
        .map(|grade| match grade.threshold {
            Some((comparator, value)) => {
                let ratio = display::ratio(value);
                let (en, ja) = match comparator {
                    Comparator::Above => ("above", "超"),
                    Comparator::AtMost => ("or less", "以下"),
                    Comparator::Below => ("below", "未満"),
                    Comparator::Equal => ("exactly", "ちょうど"),
                    Comparator::AtLeast => ("or more", "以上"),
                };
                match lang {
                    Lang::En => format!("{}: vs expected {ratio} {en}", grade.name),
                    Lang::Ja => format!("{}: 期待値比 {ratio} {ja}", grade.name),
                }
            }
            None => format!("{}: {}", grade.name, pick(lang, "the rest", "それ以外")),
        })
        .collect()
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
