//! A roll-up for people: a heading, then for each `by` column a table of its groups (plans,
//! failures, rules, items met, grades, and each totalled indicator in its unit), the whole
//! roster last, and the plans that failed with their first error.

use crate::rollup::{Group, Rollup};
use shihyo_core::model::units::{grouped, quantity, ratio, DisplayUnit};
use shihyo_core::syntax::ast::Total;
use shihyo_core::syntax::{tr, Lang, Localized};
use unicode_width::UnicodeWidthStr;

/// How many failed plans the text lists (the JSON document lists them all).
const FAILURES_SHOWN: usize = 20;

/// The roll-up as text in `lang`.
pub fn render(rollup: &Rollup, lang: Lang) -> String {
    let mut out = String::new();
    let all = &rollup.all;
    let title = &rollup.definition.name;
    let (plans, failed) = (count(all.plans), count(all.failed));
    let evaluated = count(all.plans - all.failed);
    out.push_str(&format!("{title}\n"));
    out.push_str(
        tr!("{plans} plans: {evaluated} evaluated, {failed} failed", "計画 {plans} 件（評価 {evaluated} 件、失敗 {failed} 件）").get(lang),
    );
    match rollup.definition.as_of {
        Some(year) => {
            let year = year.label();
            out.push_str(tr!(", as of {year}", "、{year} 時点").get(lang));
        }
        None => out.push_str(tr!(", each as of its latest year with data", "、各計画のデータのある最新年度時点").get(lang)),
    }
    out.push_str("\n\n");
    for (column, groups) in &rollup.by {
        out.push_str(&table(rollup, column, groups.iter(), lang));
        out.push('\n');
    }
    let total = tr!("all", "全体").get(lang).to_string();
    out.push_str(&table(rollup, &total, std::iter::once(all), lang));
    out.push_str(&counted(rollup, lang));
    if !rollup.failures.is_empty() {
        out.push('\n');
        out.push_str(tr!("Plans that failed:", "評価できなかった計画:").get(lang));
        out.push('\n');
        for failure in rollup.failures.iter().take(FAILURES_SHOWN) {
            let first = failure.errors.iter().find(|d| d.severity == shihyo_core::Severity::Error).or(failure.errors.first());
            let place = first.map(|d| format!("{}:{}:{}: {} {}", d.file, d.line, d.column, d.code, d.message)).unwrap_or_default();
            out.push_str(&format!("  {}  {place}\n", failure.plan));
        }
        let more = rollup.failures.len().saturating_sub(FAILURES_SHOWN);
        if more > 0 {
            out.push_str(
                tr!("  … and {more} more (every one in `--format json`)\n", "  …ほか {more} 件（すべては `--format json` で）\n").get(lang),
            );
        }
    }
    out
}

/// `sum` or `average`, for people.
fn total_word(total: Total) -> Localized {
    match total {
        Total::Sum => tr!("sum of", "合計"),
        Total::Average => tr!("mean of", "平均"),
    }
}

/// For each totalled indicator some plans did not count in, how many it counts and why the others not.
fn counted(rollup: &Rollup, lang: Lang) -> String {
    let mut out = String::new();
    for ((total, unit), figure) in rollup.totals().zip(&rollup.all.totals) {
        if figure.missing == 0 && figure.other_unit == 0 {
            continue;
        }
        let (name, counted, missing, other) = (&total.name, count(figure.counted), count(figure.missing), count(figure.other_unit));
        let unit = unit.map_or("", |unit| unit.symbol());
        out.push_str(
            tr!(
                "{name}: {counted} plans counted; not counted: {other} in a unit other than {unit}, {missing} without it or its actual",
                "{name}: 計画 {counted} 件を集計。含まないもの: 単位が {unit} でない {other} 件、指標か実績のない {missing} 件"
            )
            .get(lang),
        );
        out.push('\n');
    }
    out
}

/// A count as the tables write numbers: `171,369`.
fn count(n: usize) -> String {
    grouped(shihyo_core::Decimal::from(n))
}

/// One table: a row per group.
fn table<'g>(rollup: &Rollup, column: &str, groups: impl Iterator<Item = &'g Group>, lang: Lang) -> String {
    let mut heading: Vec<String> = vec![
        column.to_string(),
        tr!("plans", "計画").get(lang).to_string(),
        tr!("failed", "失敗").get(lang).to_string(),
        tr!("rules", "指標").get(lang).to_string(),
        tr!("met", "達成・順調").get(lang).to_string(),
        tr!("grades", "評価").get(lang).to_string(),
    ];
    heading.extend(rollup.totals().map(|(total, _)| format!("{} {}", total_word(total.total).get(lang), total.name)));
    let mut rows = vec![heading];
    for group in groups {
        let (met, judged) = group.met();
        let share = group.met_share().map(|share| format!(" ({})", ratio(share.round_dp(4)))).unwrap_or_default();
        let grades = group.grades.iter().map(|(name, plans)| format!("{name} {}", count(*plans))).collect::<Vec<_>>().join(" · ");
        let mut row = vec![
            if group.key.is_empty() { column.to_string() } else { group.key.clone() },
            count(group.plans),
            count(group.failed),
            count(group.rules()),
            format!("{}/{}{share}", count(met), count(judged)),
            grades,
        ];
        row.extend(rollup.totals().zip(&group.totals).map(|((total, unit), figure)| match (figure.value(total.total), unit) {
            (Some(value), Some(unit)) => quantity(value, &DisplayUnit::base(unit.clone())),
            _ => "—".to_string(),
        }));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len()).map(|c| rows.iter().map(|row| row[c].width()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.width());
                // Names and grades to the left, counts and figures to the right.
                if c == 0 || c == 5 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
