//! The evaluation as files to download: CSV and JSON exactly as the CLI's
//! `--format csv|json` writes them (from the core); the office module makes
//! an Excel workbook of the CSV's rows (see `web/office`); and the plan itself.

use crate::analysis::{Evaluation, Loaded};
use shihyo_core::syntax::Lang;
use shihyo_core::Project;

/// A file to download.
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The evaluation's CSV text (the rows of the CSV and Excel files).
pub fn csv_text(project: &Project, evaluation: &Evaluation, lang: Lang) -> String {
    shihyo_core::output::csv::to_csv(&evaluation.report, &project.plan, &project.remarks, lang)
}

pub fn csv(project: &Project, evaluation: &Evaluation, lang: Lang) -> Download {
    let text = csv_text(project, evaluation, lang);
    // A byte-order mark, so that Excel opens the UTF-8 file as UTF-8.
    let bytes = ["\u{FEFF}", &text].concat().into_bytes();
    Download { name: format!("{}.csv", project.plan.name), mime: "text/csv;charset=utf-8", bytes }
}

pub fn json(loaded: &Loaded, project: &Project, evaluation: &Evaluation, lang: Lang) -> Download {
    let value =
        shihyo_core::output::json::evaluation(&loaded.engine, loaded.plan_file, project, &evaluation.report, &evaluation.notes, lang);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    Download { name: format!("{}.json", project.plan.name), mime: "application/json", bytes: text.into_bytes() }
}

/// An Excel workbook's bytes (made by the office module) as the plan's file.
pub fn excel(plan_name: String, bytes: Vec<u8>) -> Download {
    Download { name: format!("{plan_name}.xlsx"), mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes }
}

/// The plan's text as a `.kpi` file.
pub fn plan(plan_name: &str, text: &str) -> Download {
    Download { name: format!("{plan_name}.kpi"), mime: "text/plain;charset=utf-8", bytes: text.as_bytes().to_vec() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::evaluate;
    use crate::session::{HADANO_DATA, HADANO_PLAN};

    #[test]
    fn hadano_exports_as_csv_and_json() {
        let loaded = Loaded::new(HADANO_PLAN, HADANO_DATA);
        let project = loaded.project.as_ref().expect("hadano checks");
        let evaluation = evaluate(project, None, None);
        let csv = csv(project, &evaluation, Lang::Ja);
        assert!(String::from_utf8_lossy(&csv.bytes).lines().count() > project.plan.rules.len());
        let json = json(&loaded, project, &evaluation, Lang::Ja);
        let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("json");
        assert_eq!(value["rules"].as_array().map(Vec::len), Some(project.plan.rules.len()));
    }
}
