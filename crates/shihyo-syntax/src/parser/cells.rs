//! One data cell or year cell on its own (for CSV and JSON data): the grammar's reading, with a fast path for plain numbers and short years.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::number::parse_quantity;
use crate::source::{FileId, Source};
use crate::tr;
use crate::year::Year;

/// A plain number (`12400`, `-3.5`, `82.5%`), as most cells of a machine-written file
/// are, read without running the grammar; `None` for anything else.
fn plain_number(text: &str) -> Option<CellValue> {
    let (negative, unsigned) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (number, suffix) = unsigned.strip_suffix('%').map_or((unsigned, None), |rest| (rest, Some("%")));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let well_formed = match number.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(number),
    };
    if !well_formed {
        return None;
    }
    let (value, unit) = parse_quantity(number, suffix).ok()?;
    Some(CellValue::Number(if negative { -value } else { value }, unit))
}

/// Reads one data cell. The error is a diagnostic relative to the cell's text.
pub fn parse_cell(text: &str) -> Result<CellValue, Box<Diagnostic>> {
    match plain_number(text.trim()) {
        Some(value) => Ok(value),
        None => parse_cell_with_grammar(text),
    }
}

fn parse_cell_with_grammar(text: &str) -> Result<CellValue, Box<Diagnostic>> {
    let source = Source::new("", text.trim());
    let mut builder = Builder { source: &source, file: FileId(0), offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    // Brackets and quotes nested deeper than a plan may nest them (the lexical scan's E0004)
    // are no value, and the grammar is not asked: it recurses on nested 「」 without a probe
    // of the stack (see `lib.rs`).
    let too_deep = crate::lexical::scan(source.normalized()).too_deep.is_some();
    let parsed = if too_deep { Err(()) } else { Grammar::parse(Syntax::cell_value, source.normalized()).map_err(|_| ()) };
    let value = match parsed {
        Ok(mut pairs) => {
            let pair = pairs.next().and_then(|p| p.into_inner().next()).ok_or(());
            pair.and_then(|pair| match pair.as_rule() {
                Syntax::done => Ok(CellValue::Done),
                Syntax::hand_grade => Ok(CellValue::Grade(builder.grade_name(first_inner(pair)?).text)),
                _ => builder.signed_quantity(pair).map(|q| CellValue::Number(q.value, q.unit)),
            })
        }
        Err(_) => {
            let shown = text.trim();
            builder.diagnostics.push(
                Diagnostic::error(
                    Code::E0105,
                    FileId(0),
                    0..text.len(),
                    tr!("`{shown}` is not a value", "「{shown}」は値として読めません"),
                )
                .with_hint(tr!(
                    "write a number (`12,400`, `82.5%`, `△84`, `298,513千円`), `done`, or `grade B`",
                    "数値（`12,400`、`82.5%`、`△84`、`298,513千円`）、`done`、`grade B` のいずれかを書いてください"
                )),
            );
            Err(())
        }
    };
    value.map_err(|()| Box::new(builder.diagnostics.into_iter().next().expect("a failed cell has a diagnostic")))
}

/// Reads one year cell (`R1`, `令和元年度`, `2019年度`, `2020年`).
pub fn parse_year_cell(text: &str) -> Result<Year, Box<Diagnostic>> {
    match short_year(text.trim()) {
        Some(year) => Ok(year),
        None => parse_year_cell_with_grammar(text),
    }
}

/// A year in a short form (`R5`, `h30`, `FY2023`, `CY2023`), as machine-written files and
/// programs write them, read without running the grammar; `None` for anything else, and
/// for a year the grammar's reading refuses (`R0`), left to it for its diagnostic.
fn short_year(text: &str) -> Option<Year> {
    let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    let short = match text.as_bytes() {
        [b'R' | b'H' | b'S' | b'r' | b'h' | b's', number @ ..] => digits(number),
        [b'F' | b'C', b'Y', number @ ..] => number.len() == 4 && digits(number),
        _ => false,
    };
    short.then(|| Year::parse(text).ok()).flatten()
}

fn parse_year_cell_with_grammar(text: &str) -> Result<Year, Box<Diagnostic>> {
    let source = Source::new("", text.trim());
    let mut builder = Builder { source: &source, file: FileId(0), offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    let year = match Grammar::parse(Syntax::cell_year, source.normalized()) {
        Ok(mut pairs) => pairs.next().and_then(|p| p.into_inner().next()).ok_or(()).and_then(|p| builder.year(p)),
        Err(_) => {
            let shown = text.trim();
            builder.diagnostics.push(
                Diagnostic::error(
                    Code::E0102,
                    FileId(0),
                    0..text.len(),
                    tr!("`{shown}` is not a year", "「{shown}」は年度として読めません"),
                )
                .with_hint(tr!(
                    "write a year such as `R5`, `令和5年度`, `2023年度` or `2023年`",
                    "`R5`、`令和5年度`、`2023年度`、`2023年` のように書いてください"
                )),
            );
            Err(())
        }
    };
    year.map(|y| y.year).map_err(|()| Box::new(builder.diagnostics.into_iter().next().expect("a failed year has a diagnostic")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_read_as_the_grammar_reads_them() {
        let cells = ["0", "12400", "-3.5", "82.5%", "100%", "-0", "007", "1.000", "79228162514264337593543950335"];
        for cell in cells {
            assert_eq!(plain_number(cell), parse_cell_with_grammar(cell).ok(), "{cell}");
        }
        // Everything else is left to the grammar.
        for cell in ["12,400", "1.", ".5", "5%%", "--1", "1e3", "△84", "298,513千円", "done", "", "-"] {
            assert_eq!(plain_number(cell), None, "{cell}");
        }
    }

    #[test]
    fn short_years_read_as_the_grammar_reads_them() {
        for cell in ["R5", "r5", "H30", "h1", "S64", "R05", "R123", "FY2023", "CY2023", "FY1000", "CY9999"] {
            assert_eq!(short_year(cell).map(Ok), Some(parse_year_cell_with_grammar(cell).map_err(|_| ())), "{cell}");
        }
        // Everything else is left to the grammar: other forms, and years it refuses.
        let others =
            ["R0", "R99999999999", "FY0999", "FY202", "FY20234", "R", "FY", "R5年度", "令和5年度", "2023年度", "Ｒ５", "X5", "R-5"];
        for cell in others {
            assert_eq!(short_year(cell), None, "{cell}");
        }
        assert!(parse_year_cell_with_grammar("R0").is_err() && parse_year_cell("R0").is_err());
        assert_eq!(parse_year_cell(" R5 ").map(|year| year.number).ok(), Some(2023));
    }
}
