//! A revision compared, for people: the same sections of rows written for the
//! terminal ([`text`]) or as Markdown for a council document ([`markdown`]),
//! in Japanese or English, statuses by their labels and years as the plan
//! writes them.

use crate::matching::MatchedBy;
use crate::revision::{matched_by_words, Aspect, Effect, Revision, Subject};
use shihyo_core::model::{Plan, RuleId};
use shihyo_core::syntax::Lang;
use shihyo_core::{Report, Status};
use std::fmt::Write as _;

/// A part of the comparison: its title, its columns and its rows.
pub struct Section {
    /// The section's title, in the language asked (`Rules changed`).
    pub title: String,
    /// The columns' headings, one per cell of a row.
    pub headings: Vec<String>,
    /// The rows, each one text per column; empty when the section has nothing to list.
    pub rows: Vec<Vec<String>>,
}

/// The comparison's heading and its sections.
pub fn sections(revision: &Revision, (old, new): (&Plan, &Plan), files: (&str, &str), lang: Lang) -> (String, Vec<Section>) {
    let w = |en: &str, ja: &str| match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    };
    let (old_report, new_report) = &revision.reports;
    let year = revision.as_of.shown_in(new.years, lang);
    let (old_file, new_file) = files;
    let heading = match lang {
        Lang::En => format!("Revision compared: {old_file} → {new_file} (both evaluated as of {year} on the same actuals)"),
        Lang::Ja => format!("改訂の比較：{old_file} → {new_file}（どちらも同じ実績で{year}時点を評価）"),
    };
    let named = |name: &str| match lang {
        Lang::En => format!("`{name}`"),
        Lang::Ja => format!("「{name}」"),
    };
    let standing = |plan: &Plan, report: &Report, id: RuleId| {
        let result = report.rule(id);
        vec![named(&plan.rule(id).name), result.outcome.status.label(lang).to_string(), result.grade.clone().unwrap_or_else(|| "—".into())]
    };
    let pairs = &revision.matching.pairs;
    let mut membership = Vec::new();
    for id in &revision.matching.added {
        membership.push([vec![w("added", "追加")], standing(new, new_report, *id)].concat());
    }
    for id in &revision.matching.removed {
        membership.push([vec![w("removed", "削除")], standing(old, old_report, *id)].concat());
    }
    for pair in pairs.iter().filter(|pair| pair.by != MatchedBy::Name) {
        let (old_name, new_name, by) = (named(&old.rule(pair.old).name), named(&new.rule(pair.new).name), matched_by_words(pair.by, lang));
        let renamed = match lang {
            Lang::En => format!("{old_name} → {new_name} ({by})"),
            Lang::Ja => format!("{old_name} → {new_name}（{by}）"),
        };
        let result = new_report.rule(pair.new);
        membership.push(vec![
            w("renamed", "名前の変更"),
            renamed,
            result.outcome.status.label(lang).to_string(),
            result.grade.clone().unwrap_or_else(|| "—".into()),
        ]);
    }
    let changed = revision
        .rules
        .iter()
        .flat_map(|(index, changes)| {
            let name = named(&new.rule(pairs[*index].new).name);
            changes.iter().map(move |change| {
                vec![name.clone(), aspect_words(change.aspect, lang).to_string(), shown(&change.old, lang), shown(&change.new, lang)]
            })
        })
        .collect();
    let settings = revision
        .plan
        .iter()
        .map(|change| vec![aspect_words(change.aspect, lang).to_string(), shown(&change.old, lang), shown(&change.new, lang)])
        .collect();
    let effects = revision
        .effects
        .iter()
        .map(|(subject, effect)| {
            let who = match subject {
                Subject::Pair(index) => named(&new.rule(pairs[*index].new).name),
                Subject::Group(path) => match lang {
                    Lang::En => format!("group `{path}`"),
                    Lang::Ja => format!("グループ「{path}」"),
                },
                Subject::Plan => w("the plan", "計画全体"),
            };
            let (status, grade) = effect_words(effect, lang);
            vec![who, status, grade]
        })
        .collect();
    let sections = vec![
        Section {
            title: w("Rules added, removed and renamed", "ルールの追加・削除・名前の変更"),
            headings: vec![w("change", "変更"), w("rule", "ルール"), w("status", "状況"), w("grade", "評価")],
            rows: membership,
        },
        Section {
            title: w("Rules changed", "ルールの変更"),
            headings: vec![w("rule", "ルール"), w("what", "項目"), w("before", "改訂前"), w("after", "改訂後")],
            rows: changed,
        },
        Section {
            title: w("The plan's settings", "計画の設定"),
            headings: vec![w("what", "項目"), w("before", "改訂前"), w("after", "改訂後")],
            rows: settings,
        },
        Section {
            title: match lang {
                Lang::En => format!("Statuses and grades that change ({year})"),
                Lang::Ja => format!("変わる状況と評価（{year}）"),
            },
            headings: vec![w("what", "対象"), w("status", "状況"), w("grade", "評価")],
            rows: effects,
        },
    ];
    (heading, sections)
}

/// A value as shown: an empty one (no target year for a qualitative rule) as "—".
fn shown(text: &str, lang: Lang) -> String {
    match (text, lang) {
        ("", _) => "—".to_string(),
        ("every year", Lang::Ja) => "毎年度".to_string(),
        (text, _) => text.to_string(),
    }
}

/// A status and a grade before → after ("—" where they did not change or do not exist).
fn effect_words(effect: &Effect, lang: Lang) -> (String, String) {
    let status = |status: Option<Status>| status.map_or("—".to_string(), |s| s.label(lang).to_string());
    let grade = |grade: &Option<String>| grade.clone().unwrap_or_else(|| "—".to_string());
    let statuses = if effect.old_status == effect.new_status {
        "—".to_string()
    } else {
        format!("{} → {}", status(effect.old_status), status(effect.new_status))
    };
    let grades = if effect.old_grade == effect.new_grade {
        "—".to_string()
    } else {
        format!("{} → {}", grade(&effect.old_grade), grade(&effect.new_grade))
    };
    (statuses, grades)
}

/// What an aspect is called.
pub fn aspect_words(aspect: Aspect, lang: Lang) -> &'static str {
    let (en, ja) = match aspect {
        Aspect::Target => ("target", "目標"),
        Aspect::TargetYear => ("target year", "目標年度"),
        Aspect::BaseYear => ("base year", "基準年度"),
        Aspect::Unit => ("unit", "単位"),
        Aspect::Kind => ("kind", "種類"),
        Aspect::Derivation => ("formula", "計算式"),
        Aspect::Group => ("group", "グループ"),
        Aspect::Period => ("period", "計画期間"),
        Aspect::Grades => ("grade scale", "評価の段階"),
        Aspect::Points => ("points scale", "点数の段階"),
        Aspect::Achievement => ("achievement formula", "達成率の式"),
        Aspect::Rollup => ("roll-up", "集計の方法"),
    };
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// For the terminal: the heading, then each section with its rows (or "none").
pub fn text(heading: &str, sections: &[Section], lang: Lang) -> String {
    let mut out = format!("{heading}\n");
    for section in sections {
        let _ = writeln!(out, "\n{}", section.title);
        if section.rows.is_empty() {
            let _ = writeln!(out, "  {}", if lang == Lang::Ja { "なし" } else { "none" });
        }
        for row in &section.rows {
            let _ = writeln!(out, "  {}", row.join("  "));
        }
    }
    out
}

/// As Markdown: the heading, then a table per section (or "none").
pub fn markdown(heading: &str, sections: &[Section], lang: Lang) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("# {}\n", cell(heading));
    for section in sections {
        let _ = writeln!(out, "\n## {}\n", cell(&section.title));
        if section.rows.is_empty() {
            let _ = writeln!(out, "{}", if lang == Lang::Ja { "なし" } else { "None." });
            continue;
        }
        let _ = writeln!(out, "| {} |", section.headings.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
        let _ = writeln!(out, "|{}|", vec!["---"; section.headings.len()].join("|"));
        for row in &section.rows {
            let _ = writeln!(out, "| {} |", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        }
    }
    out
}
