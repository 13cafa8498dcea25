//! The evaluation as files to download: CSV and JSON exactly as the CLI's
//! `--format csv|json` writes them (from the core), and an Excel workbook with
//! the CSV's rows. A figure goes into a number cell only when the number Excel
//! stores is that exact decimal; otherwise it stays text, so nothing is rounded.

use crate::analysis::{Evaluation, Loaded};
use rust_decimal::Decimal;
use shihyo_core::syntax::Lang;
use shihyo_core::Project;
use std::str::FromStr;

/// A file to download.
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

pub fn csv(project: &Project, evaluation: &Evaluation, lang: Lang) -> Download {
    let text = shihyo_core::report::to_csv(&evaluation.report, &project.plan, lang);
    // A byte-order mark, so that Excel opens the UTF-8 file as UTF-8.
    let bytes = ["\u{FEFF}", &text].concat().into_bytes();
    Download { name: format!("{}.csv", project.plan.name), mime: "text/csv;charset=utf-8", bytes }
}

pub fn json(loaded: &Loaded, project: &Project, evaluation: &Evaluation, lang: Lang) -> Download {
    let value =
        shihyo_core::machine::evaluation_json(&loaded.engine, loaded.plan_file, project, &evaluation.report, &evaluation.notes, lang);
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    Download { name: format!("{}.json", project.plan.name), mime: "application/json", bytes: text.into_bytes() }
}

pub fn xlsx(project: &Project, evaluation: &Evaluation, lang: Lang) -> Result<Download, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let text = shihyo_core::report::to_csv(&evaluation.report, &project.plan, lang);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(if lang == Lang::Ja { "評価" } else { "Evaluation" }).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    for (row, record) in reader.records().filter_map(Result::ok).enumerate() {
        let row = u32::try_from(row).map_err(|e| e.to_string())?;
        for (column, cell) in record.iter().enumerate() {
            let column = u16::try_from(column).map_err(|e| e.to_string())?;
            let written = match exact_number(cell) {
                Some(number) if row > 0 => sheet.write_number(row, column, number),
                _ if row == 0 => sheet.write_string_with_format(row, column, cell, &bold),
                _ => sheet.write_string(row, column, cell),
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 1).map_err(|e| e.to_string())?;
    let bytes = workbook.save_to_buffer().map_err(|e| e.to_string())?;
    Ok(Download {
        name: format!("{}.xlsx", project.plan.name),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    })
}

/// The number Excel would store for a decimal text, if it is that decimal exactly.
fn exact_number(cell: &str) -> Option<f64> {
    let decimal = Decimal::from_str(cell).ok()?;
    let number: f64 = cell.parse().ok()?;
    (Decimal::from_str(&number.to_string()).ok()? == decimal).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::evaluate;
    use crate::session::{HADANO_DATA, HADANO_PLAN};

    #[test]
    fn only_exact_numbers_become_number_cells() {
        assert_eq!(exact_number("298513000"), Some(298_513_000.0));
        assert_eq!(exact_number("0.5"), Some(0.5));
        assert_eq!(exact_number("0.1"), Some(0.1), "0.1 prints back as 0.1");
        assert_eq!(exact_number("0.33333333333333333333333333"), None);
        assert_eq!(exact_number("R7"), None);
    }

    #[test]
    fn hadano_exports_in_every_format() {
        let loaded = Loaded::new(HADANO_PLAN, HADANO_DATA);
        let project = loaded.project.as_ref().expect("hadano checks");
        let evaluation = evaluate(project, None, None);
        let csv = csv(project, &evaluation, Lang::Ja);
        assert!(String::from_utf8_lossy(&csv.bytes).lines().count() > project.plan.rules.len());
        let json = json(&loaded, project, &evaluation, Lang::Ja);
        let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("json");
        assert_eq!(value["rules"].as_array().map(Vec::len), Some(project.plan.rules.len()));
        let xlsx = xlsx(project, &evaluation, Lang::Ja).expect("xlsx");
        let rows = shihyo_import::worksheet(&xlsx.bytes).expect("the workbook reads back");
        assert_eq!(rows.len(), project.plan.rules.len() + 1);
        assert_eq!(rows[0][0], "name");
    }
}
