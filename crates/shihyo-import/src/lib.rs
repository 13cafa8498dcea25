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

/// Why a file could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Drafts a plan from a file's bytes. `name` names the plan (usually the file's
/// stem); `this_year` (a western fiscal year, from the host: the importer reads
/// no clock) starts the period of a plan whose sentences name no year.
pub fn import(bytes: &[u8], format: Format, name: &str, this_year: i32) -> Result<Imported, Unreadable> {
    let text = || {
        std::str::from_utf8(bytes)
            .map(|t| t.trim_start_matches('\u{FEFF}'))
            .map_err(|e| Unreadable(format!("not UTF-8 text (byte {})", e.valid_up_to())))
    };
    match format {
        Format::Text => Ok(from_lines(text()?, name, this_year)),
        Format::Tsv => Ok(from_table(&table::read(&split(text()?, b'\t')), name, this_year)),
        Format::Csv => Ok(from_table(&table::read(&split(text()?, b',')), name, this_year)),
        Format::Xlsx => Ok(from_table(&table::read(&worksheet(bytes)?), name, this_year)),
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

/// The first worksheet of an Excel workbook, as rows of text.
fn worksheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, Unreadable> {
    use calamine::{Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| Unreadable(format!("not an Excel workbook: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Unreadable("the workbook has no sheet".into()))?
        .map_err(|e| Unreadable(e.to_string()))?;
    Ok(range.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect())
}
