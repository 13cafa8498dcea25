//! Drafts shihyo plans from the plans cities already have: tables of reform
//! items with their indicator sentences (TSV, CSV, Excel), or plain text with
//! one sentence per line. The draft passes `shihyo check` as it is, keeps
//! every sentence as its rule's `source`, and marks with `// 要確認:` what a
//! person must look at.

#![forbid(unsafe_code)]

pub mod sentence;
pub mod table;
pub mod write;

pub use write::{from_lines, from_table, Imported};

use shihyo_syntax::{tr, Localized};

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Csv,
    Xlsx,
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
/// reads `.xlsx` data with it).
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
    Ok(range.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect())
}
