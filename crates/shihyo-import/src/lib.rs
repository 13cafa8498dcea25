//! Drafts shihyo plans from the indicator sentences of published plans (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod sentence;
pub mod table;
pub mod write;

pub use write::{from_lines, from_table, Imported};

use shihyo_syntax::{tr, Localized};

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A tab-separated table of reform items (`.tsv`).
    Tsv,
    /// A comma-separated table of reform items (`.csv`).
    Csv,
    /// The first worksheet of an Excel workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Plain text, one indicator sentence per line (`.txt`).
    Text,
}

impl Format {
    /// The format a file name's extension names.
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let extension = lower.rsplit('.').next()?;
        Some(match extension {
            "tsv" => Format::Tsv,
            "csv" => Format::Csv,
            "xlsx" | "xlsm" => Format::Xlsx,
            "txt" => Format::Text,
            _ => return None,
        })
    }
}

/// Why a file could not be imported at all, in Japanese and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub Localized);

/// A draft, and how its file's text was decoded.
#[derive(Clone, Debug)]
pub struct ImportedFile {
    /// The drafted plan.
    pub imported: Imported,
    /// The file was not UTF-8 but Shift_JIS (as Excel saves “CSV” and Notepad “ANSI”).
    pub from_shift_jis: bool,
}

/// Drafts a plan from a file's bytes. `name` names the plan (usually the file's
/// stem); `this_year` (a western fiscal year, from the host: the importer reads
/// no clock) starts the period of a plan whose sentences name no year.
pub fn import(bytes: &[u8], format: Format, name: &str, this_year: i32) -> Result<ImportedFile, Unreadable> {
    if format == Format::Xlsx {
        return Ok(ImportedFile { imported: from_table(&table::read(&worksheet(bytes)?), name, this_year), from_shift_jis: false });
    }
    let (text, from_shift_jis) = decode(bytes)?;
    let text = text.trim_start_matches('\u{FEFF}');
    let imported = match format {
        Format::Tsv => from_table(&table::read(&split(text, b'\t')), name, this_year),
        Format::Csv => from_table(&table::read(&split(text, b',')), name, this_year),
        _ => from_lines(text, name, this_year),
    };
    Ok(ImportedFile { imported, from_shift_jis })
}

/// A text file's bytes as text: UTF-8, else Shift_JIS if every byte decodes
/// (`true` then). The web app reads its data files with it too.
pub fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, bool), Unreadable> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.into(), false)),
        Err(error) => match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => Ok((text, true)),
            None => {
                let byte = error.valid_up_to();
                Err(Unreadable(tr!(
                    "not UTF-8 text (nor Shift_JIS): the first bad byte is byte {byte}; save the file as UTF-8",
                    "UTF-8（または Shift_JIS）のテキストではありません（{byte} バイト目）。UTF-8 で保存してください"
                )))
            }
        },
    }
}

/// Rows of a delimited text (quoted cells may hold the delimiter and line breaks).
fn split(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' if cell.is_empty() || quoted => quoted = !quoted,
            c if !quoted && c as u32 == u32::from(delimiter) => row.push(std::mem::take(&mut cell)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            '\r' if !quoted => {}
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// The first worksheet of an Excel workbook, as rows of text (the web app
/// reads `.xlsx` data with it). A number shown as a percentage (`0.0%`) is
/// read as one, `47.3%`, as the sheet shows it: its stored value 0.473 would
/// otherwise read as 0.473%.
pub fn worksheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, Unreadable> {
    use calamine::{Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
        let reason = e.to_string();
        Unreadable(tr!("not an Excel workbook ({reason})", "Excel のブックではありません（{reason}）"))
    })?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Unreadable(tr!("the workbook has no sheet", "ブックにシートがありません")))?
        .map_err(|e| {
        let reason = e.to_string();
        Unreadable(tr!("the first sheet cannot be read ({reason})", "最初のシートを読めません（{reason}）"))
    })?;
    let styles = workbook.sheet_names().first().cloned().and_then(|name| workbook.worksheet_style(&name).ok());
    let (top, left) = range.start().unwrap_or((0, 0));
    let percent = |row: usize, column: usize| {
        let at = (top + u32::try_from(row).unwrap_or(u32::MAX), left + u32::try_from(column).unwrap_or(u32::MAX));
        let format = styles.as_ref().and_then(|s| s.get(at)).and_then(|style| style.number_format.as_ref());
        format.is_some_and(|f| is_percent_format(&f.format_code))
    };
    Ok(range.rows().enumerate().map(|(r, row)| row.iter().enumerate().map(|(c, cell)| cell_text(cell, percent(r, c))).collect()).collect())
}

/// A cell as text; a number formatted as a percentage, as a percentage.
fn cell_text(cell: &calamine::Data, percent: bool) -> String {
    use calamine::Data;
    let number = match cell {
        Data::Float(value) if percent => value.to_string(),
        Data::Int(value) if percent => value.to_string(),
        _ => return cell.to_string(),
    };
    // The stored number's shortest decimal form, times 100, exactly.
    match rust_decimal::Decimal::from_str_exact(&number).ok().and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)) {
        Some(hundredfold) => format!("{}%", hundredfold.normalize()),
        None => cell.to_string(),
    }
}

/// Whether an Excel number format shows a percentage: a `%` outside quoted text
/// and not escaped (`0.0%`, `0%`; not `0"%"` or `0\%`).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_formats_are_told_apart() {
        for code in ["0%", "0.0%", "#,##0.00%;[Red]-0.00%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["General", "0\"%\"", "0\\%", "#,##0\"千円\""] {
            assert!(!is_percent_format(code), "{code}");
        }
    }

    #[test]
    fn a_percentage_cell_reads_as_the_sheet_shows_it() {
        use calamine::Data;
        assert_eq!(cell_text(&Data::Float(0.473), true), "47.3%");
        assert_eq!(cell_text(&Data::Float(0.1), true), "10%");
        assert_eq!(cell_text(&Data::Int(1), true), "100%");
        assert_eq!(cell_text(&Data::Float(0.473), false), "0.473");
        assert_eq!(cell_text(&Data::String("80%".into()), true), "80%");
    }
}
