//! `shihyo eval --scenario A --scenario B …`: the plan on the actuals alone and
//! under each scenario, side by side — every rule's actual (`*` where it is a
//! projection), status and grade in each — then the comparison in sentences
//! (what each reaches, which targets one reaches and another misses and by how
//! much); with `--format json`, one document (`docs/schema/scenarios.json`).

use crate::commands::{find_scenario, load_with_year, print_json, scenario_notes, Context, Outcome};
use crate::table::{truncate, Columns, NAME_WIDTH};
use crate::Format;
use shihyo_compare::{document, scenarios};
use shihyo_core::syntax::{tr, Lang};
use std::path::{Path, PathBuf};

/// What is compared: the files, the year, and the scenarios (two or more).
pub struct SideBySide<'a> {
    pub file: &'a Path,
    pub data: &'a [PathBuf],
    pub as_of: Option<&'a str>,
    pub scenarios: &'a [String],
}

pub fn compare(context: &Context, request: &SideBySide) -> Outcome {
    if context.format == Format::Csv {
        return context.usage(tr!(
            "scenarios side by side are a table or JSON; for CSV, evaluate one scenario at a time",
            "シナリオの比較は表か JSON で出力します。CSV はシナリオごとに出力してください"
        ));
    }
    let (engine, _, project, as_of) = match load_with_year(context, request.file, request.data, request.as_of) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let mut defs = Vec::new();
    for name in request.scenarios {
        match find_scenario(context, &project, name) {
            Ok(def) => defs.push(def),
            Err(outcome) => return outcome,
        }
    }
    let columns = scenarios::evaluate(&project, &defs, as_of);
    let notes: Vec<_> = columns.iter().flat_map(|c| c.notes.clone()).collect();
    if let Err(outcome) = scenario_notes(context, &engine, &notes) {
        return outcome;
    }
    let lang = context.lang;
    if context.format == Format::Json {
        print_json(&document::scenarios(&engine, &project, &columns, lang));
        return Outcome::Done;
    }
    let plan = &project.plan;
    let mut heading = vec![match lang {
        Lang::En => "indicator".to_string(),
        Lang::Ja => "指標".to_string(),
    }];
    for column in &columns {
        let year = column.report.as_of.shown_in(plan.years, lang);
        let name = scenarios::column_name(plan, column, lang);
        heading.push(match lang {
            Lang::En => format!("{name} ({year})"),
            Lang::Ja => format!("{name}（{year}）"),
        });
        heading.push(tr!("status", "状況").get(lang).to_string());
        heading.push(tr!("grade", "評価").get(lang).to_string());
    }
    let mut rows = scenarios::rows(plan, &columns, lang);
    for row in &mut rows {
        row[0] = truncate(&row[0], NAME_WIDTH);
    }
    let table = Columns::new(std::iter::once(&heading[..]).chain(rows.iter().map(Vec::as_slice)), &aligned_left(columns.len()));
    let title = tr!("scenarios side by side (* projected)", "シナリオの比較（* は見通し）");
    println!("{} — {}\n", plan.name, title.get(lang));
    println!("{}", table.line(&heading).trim_end());
    println!("{}", table.rule());
    for row in &rows {
        println!("{}", table.line(row).trim_end());
    }
    println!();
    for sentence in scenarios::summary(plan, &columns, lang) {
        println!("{sentence}");
    }
    Outcome::Done
}

/// The name, statuses and grades to the left; the actuals to the right.
fn aligned_left(columns: usize) -> Vec<usize> {
    std::iter::once(0).chain((0..columns).flat_map(|c| [2 + 3 * c, 3 + 3 * c])).collect()
}
