//! The web app's office formats, in a WebAssembly module of their own that the
//! app loads the first time a file is opened or an Excel file exported (they
//! are about half of all the code, and most sessions never use them):
//! Excel workbooks read (calamine, through `shihyo_import`) and written
//! (rust_xlsxwriter), and text files decoded from UTF-8 or Shift_JIS.

use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::prelude::*;

/// A file's content for the app: `{"text": …}` for a text file (UTF-8 or
/// Shift_JIS), `{"rows": [[…], …]}` for an Excel workbook's first sheet; an
/// error in the language asked (`ja` or `en`).
#[wasm_bindgen]
pub fn read_file(name: &str, bytes: &[u8], lang: &str) -> Result<String, String> {
    let pick = |unreadable: shihyo_import::Unreadable| {
        let message = if lang == "en" { &unreadable.0.en } else { &unreadable.0.ja };
        format!("{name}: {message}")
    };
    let lower = name.to_ascii_lowercase();
    let content = if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        serde_json::json!({ "rows": shihyo_import::worksheet(bytes).map_err(pick)? })
    } else {
        let (text, _) = shihyo_import::decode(bytes).map_err(pick)?;
        serde_json::json!({ "text": text.trim_start_matches('\u{FEFF}') })
    };
    Ok(content.to_string())
}

/// A CSV text (the first row a header) as a workbook of one sheet. A figure
/// goes into a number cell only when the number Excel stores is that exact
/// decimal; otherwise it stays text, so nothing is rounded.
#[wasm_bindgen]
pub fn write_xlsx(sheet_name: &str, csv_text: &str) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv_text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let row = u32::try_from(row).map_err(|e| e.to_string())?;
        for (column, cell) in record.iter().enumerate() {
            let column = u16::try_from(column).map_err(|e| e.to_string())?;
            let written = match exact_number(cell) {
                _ if row == 0 => sheet.write_string_with_format(row, column, cell, &bold),
                Some(number) => sheet.write_number(row, column, number),
                None => sheet.write_string(row, column, cell),
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 1).map_err(|e| e.to_string())?;
    workbook.save_to_buffer().map_err(|e| e.to_string())
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

    #[test]
    fn only_exact_numbers_become_number_cells() {
        assert_eq!(exact_number("298513000"), Some(298_513_000.0));
        assert_eq!(exact_number("0.5"), Some(0.5));
        assert_eq!(exact_number("0.1"), Some(0.1), "0.1 prints back as 0.1");
        assert_eq!(exact_number("0.33333333333333333333333333"), None);
        assert_eq!(exact_number("R7"), None);
    }

    #[test]
    fn a_workbook_written_reads_back() {
        let bytes = write_xlsx("評価", "name,target\n電子申請,18720\n満足度,0.8\n").expect("written");
        let content: serde_json::Value = serde_json::from_str(&read_file("out.xlsx", &bytes, "en").expect("read")).expect("json");
        assert_eq!(content["rows"][0][0], "name");
        assert_eq!(content["rows"][1][1], "18720");
        assert_eq!(content["rows"][2][1], "0.8");
    }

    #[test]
    fn a_percentage_typed_in_excel_imports_as_a_percentage() {
        use rust_xlsxwriter::{Format, Workbook};
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let percent = Format::new().set_num_format("0.0%");
        sheet.write_string(0, 0, "indicator").and_then(|s| s.write_string(0, 1, "R5")).expect("header");
        sheet.write_string(1, 0, "満足度").and_then(|s| s.write_number_with_format(1, 1, 0.473, &percent)).expect("row");
        sheet.write_string(2, 0, "件数").and_then(|s| s.write_number(2, 1, 12480)).expect("row");
        let bytes = workbook.save_to_buffer().expect("saved");
        let content: serde_json::Value = serde_json::from_str(&read_file("a.xlsx", &bytes, "ja").expect("read")).expect("json");
        assert_eq!(content["rows"][1][1], "47.3%");
        assert_eq!(content["rows"][2][1], "12480");
    }

    #[test]
    fn shift_jis_text_is_decoded_and_bad_bytes_are_refused() {
        // `indicator,R1\n件数,5\n` in Shift_JIS (件 = 0x8C8F, 数 = 0x9094).
        let mut bytes = b"indicator,R1\n".to_vec();
        bytes.extend([0x8C, 0x8F, 0x90, 0x94]);
        bytes.extend(b",5\n");
        assert_eq!(read_file("sjis.csv", &bytes, "ja").as_deref(), Ok("{\"text\":\"indicator,R1\\n件数,5\\n\"}"));
        assert!(read_file("bad.xlsx", b"not a zip", "en").is_err_and(|e| e.starts_with("bad.xlsx: not an Excel workbook")));
    }
}
