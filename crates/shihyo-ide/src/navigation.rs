//! Go to definition, find references and rename, for indicators and scenarios:
//! in the plan (its rules, expressions, projections, tests and `data` blocks)
//! and in its data files (each cell that names the indicator), each written
//! back the way its file quotes names.

use crate::analysis::Analysis;
use crate::index::{Occurrence, Symbol, Usage};
use serde::Serialize;
use shihyo_core::read::DataFormat;
use shihyo_core::syntax::{name_key, quoted, tr, FileId, Localized, Span};

/// A place in one of the analysis' files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The plan or the data file the place is in.
    pub file: FileId,
    /// The name as written there (in a plan, with its quotes), in byte offsets of that file's original text.
    pub span: Span,
}

/// A change of one of the analysis' files: `span` replaced by `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The plan or the data file to change.
    pub file: FileId,
    /// What to replace, in byte offsets of that file's original text.
    pub span: Span,
    /// The text to put there, quoted the way that file's format quotes names.
    pub text: String,
}

/// Where the name at the offset is defined: its rule or `scenario`.
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Vec<Location> {
    let Some(at) = analysis.index().at(file, offset) else { return Vec::new() };
    analysis.index().of(&at.symbol).filter(|o| o.usage == Usage::Definition).map(location).collect()
}

/// Every place the name at the offset is written (its definition too, if asked).
pub fn references(analysis: &Analysis, file: FileId, offset: usize, with_definition: bool) -> Vec<Location> {
    let Some(at) = analysis.index().at(file, offset) else { return Vec::new() };
    analysis.index().of(&at.symbol).filter(|o| with_definition || o.usage != Usage::Definition).map(location).collect()
}

/// The name at the offset, if it can be renamed: its span and the name as written.
pub fn prepare_rename(analysis: &Analysis, file: FileId, offset: usize) -> Option<(Span, String)> {
    let at = analysis.index().at(file, offset)?;
    analysis.index().of(&at.symbol).any(|o| o.usage == Usage::Definition).then(|| (at.span.clone(), at.name.clone()))
}

/// The edits that rename the indicator or scenario at the offset everywhere it is written.
pub fn rename(analysis: &Analysis, file: FileId, offset: usize, new_name: &str) -> Result<Vec<Edit>, Localized> {
    let Some(at) = analysis.index().at(file, offset) else {
        return Err(tr!("there is no indicator or scenario name here", "ここには指標やシナリオの名前がありません"));
    };
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return Err(tr!("a name is one line of text, not empty", "名前は空でない1行の文字列です"));
    }
    let new_key = name_key(new_name);
    let taken = match &at.symbol {
        Symbol::Indicator(key) => {
            key != &new_key
                && analysis.index().all().iter().any(|o| o.symbol == Symbol::Indicator(new_key.clone()) && o.usage == Usage::Definition)
        }
        Symbol::Scenario(key) => key != &new_key && analysis.index().all().iter().any(|o| o.symbol == Symbol::Scenario(new_key.clone())),
    };
    if taken {
        return Err(tr!("`{new_name}` is already the name of another one", "「{new_name}」はすでに別のものの名前です"));
    }
    // A name whose place could not be known (a JSON key written with escapes) is left as written.
    Ok(analysis
        .index()
        .of(&at.symbol)
        .filter(|o| !o.span.is_empty())
        .map(|o| {
            let source = analysis.source(o.file);
            let written = &source.original()[o.span.clone()];
            let format = if o.file == analysis.plan_file() { DataFormat::Kpi } else { DataFormat::from_name(source.name()) };
            let text = match format {
                DataFormat::Kpi => kpi_name(written, new_name),
                DataFormat::Csv => delimited_cell(source.original(), &o.span, new_name, ','),
                DataFormat::Tsv => delimited_cell(source.original(), &o.span, new_name, '\t'),
                DataFormat::Json => json_string(written, new_name),
            };
            Edit { file: o.file, span: o.span.clone(), text }
        })
        .collect())
}

fn location(occurrence: &Occurrence) -> Location {
    Location { file: occurrence.file, span: occurrence.span.clone() }
}

/// A name in a plan, in the quotes it was written in (「」 kept where the name allows).
fn kpi_name(written: &str, name: &str) -> String {
    if written.starts_with('「') && !name.contains(['「', '」']) {
        format!("「{name}」")
    } else {
        quoted(name)
    }
}

/// A CSV or TSV cell: its span is the text inside the quotes, if it has them.
fn delimited_cell(text: &str, span: &Span, name: &str, delimiter: char) -> String {
    let in_quotes = text[..span.start].ends_with('"') && text[span.end..].starts_with('"');
    if in_quotes {
        name.replace('"', "\"\"")
    } else if name.contains([delimiter, '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

/// A JSON string, or its contents where the span is inside the quotes.
fn json_string(written: &str, name: &str) -> String {
    let escaped: String = name
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    if written.starts_with('"') {
        format!("\"{escaped}\"")
    } else {
        escaped
    }
}
