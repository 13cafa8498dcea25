//! Actuals: the data entries a plan is evaluated against, read from inline
//! `data` blocks, CSV (long or wide), TSV, JSON, or `.kpi` files of `data`
//! blocks. Readers only turn text into [`RawEntry`] values with their exact
//! place; the checker then resolves names and units (see `check`), so every
//! bad cell, unknown name or duplicate year is reported with file, line and
//! column, and nothing is dropped silently.

use crate::model::data::{Origin, Remarks};
use serde_json::value::RawValue;
use shihyo_syntax::ast::{DataValue, GroupItem, Item, RemarkKey};
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::Code;
use shihyo_syntax::{parse_cell, parse_year_cell, tr, CellValue, Diagnostic, FileId, Source, Year};

/// One value of one indicator in one year, as read, before checking.
#[derive(Clone, Debug)]
pub struct RawEntry {
    /// The indicator's name as written (a `data` block's name, a row's first cell, a JSON key).
    pub name: String,
    /// Where the name is written.
    pub name_origin: Origin,
    /// The year the value is of, fiscal or calendar as written.
    pub year: Year,
    /// Where the year is written: the entry's key, or a wide table's header cell.
    pub year_origin: Origin,
    /// The value; none for a row that carries only the department's remarks (a long
    /// table's row with an empty value, a JSON entry without one), whose value is
    /// written elsewhere or not known yet.
    pub value: Option<CellValue>,
    /// Where the value is written (a remarks-only row: its empty value cell).
    pub origin: Origin,
    /// What the department wrote on this figure (a data entry's `{ comment "…" }`,
    /// a long table's `comment` column, a JSON entry's `"comment"`).
    pub remarks: Remarks,
}

/// The formats a data file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    /// CSV, long or wide: `.csv` and any extension not named below.
    Csv,
    /// `.tsv`: read as CSV, with tabs.
    Tsv,
    /// `.json`: an object of indicators, each an object of years and values.
    Json,
    /// `.kpi`: a file of `data` blocks.
    Kpi,
}

impl DataFormat {
    /// The format a file name's extension names (CSV when unknown).
    pub fn from_name(name: &str) -> DataFormat {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            DataFormat::Json
        } else if lower.ends_with(".tsv") {
            DataFormat::Tsv
        } else if lower.ends_with(".kpi") {
            DataFormat::Kpi
        } else {
            DataFormat::Csv
        }
    }
}

/// Reads a data file into raw entries.
pub fn read(file: FileId, source: &Source, format: DataFormat) -> (Vec<RawEntry>, Vec<Diagnostic>) {
    if let Some(too_large) = shihyo_syntax::parser::too_large(source, file) {
        let hint = tr!("split the data into files by year or by area", "データを年度や分野ごとのファイルに分けてください");
        return (Vec::new(), vec![too_large.with_hint(hint)]);
    }
    match format {
        DataFormat::Csv => read_delimited(file, source, b','),
        DataFormat::Tsv => read_delimited(file, source, b'\t'),
        DataFormat::Json => read_json(file, source),
        DataFormat::Kpi => {
            let parsed = shihyo_syntax::parse(source, file);
            let mut entries = Vec::new();
            inline_entries(&parsed.file.items, file, &mut entries);
            (entries, parsed.diagnostics)
        }
    }
}

/// The entries of the `data` blocks among `items` (at any depth).
pub fn inline_entries(items: &[Item], file: FileId, out: &mut Vec<RawEntry>) {
    for item in items {
        match item {
            Item::Data(data) => {
                for entry in &data.entries {
                    let value = match &entry.value {
                        DataValue::Number(q) => CellValue::Number(q.value, q.unit.clone()),
                        DataValue::Done => CellValue::Done,
                        DataValue::Grade(name) => CellValue::Grade(name.text.clone()),
                    };
                    let value_span = match &entry.value {
                        DataValue::Number(q) => q.span.clone(),
                        _ => entry.span.clone(),
                    };
                    out.push(RawEntry {
                        name: data.name.text.clone(),
                        name_origin: Origin { file, span: data.name.span.clone() },
                        year: entry.year.year,
                        year_origin: Origin { file, span: entry.year.span.clone() },
                        value: Some(value),
                        origin: Origin { file, span: value_span },
                        remarks: remarks_of(&entry.remarks),
                    });
                }
            }
            Item::Group(group) => {
                let nested: Vec<Item> = group
                    .items
                    .iter()
                    .filter_map(|child| if let GroupItem::Item(item) = child { Some(item.clone()) } else { None })
                    .collect();
                inline_entries(&nested, file, out);
            }
            _ => {}
        }
    }
}

/// A cell of a delimited file with its byte range in the normalised text (inside
/// its quotes, if it has them); its text with a quoted cell's `""` read as `"`.
struct Cell<'t> {
    text: std::borrow::Cow<'t, str>,
    range: std::ops::Range<usize>,
}

/// Splits one record into cells (RFC 4180 quoting), keeping each cell's place.
fn split_record(text: &str, start: usize, delimiter: u8) -> (Vec<Cell<'_>>, usize) {
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let mut index = start;
    loop {
        let cell_start = index;
        if index < bytes.len() && bytes[index] == b'"' {
            index += 1;
            while index < bytes.len() {
                if bytes[index] == b'"' {
                    if bytes.get(index + 1) == Some(&b'"') {
                        index += 2;
                        continue;
                    }
                    break;
                }
                index += 1;
            }
            let inner = cell_start + 1..index.min(bytes.len());
            index = (index + 1).min(bytes.len());
            while index < bytes.len() && bytes[index] != delimiter && bytes[index] != b'\n' {
                index += 1;
            }
            let quoted = &text[inner.clone()];
            let unescaped = if quoted.contains("\"\"") { quoted.replace("\"\"", "\"").into() } else { quoted.into() };
            cells.push(Cell { text: unescaped, range: inner });
        } else {
            while index < bytes.len() && bytes[index] != delimiter && bytes[index] != b'\n' {
                index += 1;
            }
            let end = if index > cell_start && bytes[index - 1] == b'\r' { index - 1 } else { index };
            cells.push(Cell { text: text[cell_start..end].into(), range: cell_start..end });
        }
        if index < bytes.len() && bytes[index] == delimiter {
            index += 1;
            continue;
        }
        let next = if index < bytes.len() { index + 1 } else { index };
        return (cells, next);
    }
}

const NAME_HEADERS: [&str; 6] = ["indicator", "name", "指標", "指標名", "名前", "項目"];
const YEAR_HEADERS: [&str; 3] = ["year", "年度", "年"];
const VALUE_HEADERS: [&str; 3] = ["value", "値", "実績"];
/// The headers of a unit column, in the long form and the wide.
pub const UNIT_HEADERS: [&str; 2] = ["unit", "単位"];
const COMMENT_HEADERS: [&str; 4] = ["comment", "コメント", "評価コメント", "備考"];
const OUTLOOK_HEADERS: [&str; 4] = ["outlook", "今後の方向性", "方向性", "今後の取組"];
const OWNER_HEADERS: [&str; 4] = ["owner", "所管課", "担当課", "所管"];

/// What a long table's column after `value` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Extra {
    Unit,
    Comment,
    Outlook,
    Owner,
    /// A column shihyo does not read (a warning, W0236).
    Unread,
}

impl Extra {
    fn of_header(header: &str) -> Extra {
        let is = |headers: &[&str]| headers.contains(&header);
        if is(&UNIT_HEADERS) {
            Extra::Unit
        } else if is(&COMMENT_HEADERS) {
            Extra::Comment
        } else if is(&OUTLOOK_HEADERS) {
            Extra::Outlook
        } else if is(&OWNER_HEADERS) {
            Extra::Owner
        } else {
            Extra::Unread
        }
    }
}

/// A data entry's `{ comment "…" outlook "…" owner "…" }` as remarks (a key written twice: the last).
fn remarks_of(written: &[shihyo_syntax::ast::Remark]) -> Remarks {
    let mut remarks = Remarks::default();
    for remark in written {
        let slot = match remark.key {
            RemarkKey::Comment => &mut remarks.comment,
            RemarkKey::Outlook => &mut remarks.outlook,
            RemarkKey::Owner => &mut remarks.owner,
        };
        *slot = Some(remark.text.text.clone());
    }
    remarks
}

fn read_delimited(file: FileId, source: &Source, delimiter: u8) -> (Vec<RawEntry>, Vec<Diagnostic>) {
    let text = source.normalized();
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    let origin = |range: std::ops::Range<usize>| Origin { file, span: source.span_to_original(range) };
    let mut records = Vec::new();
    let mut index = 0;
    while index < text.len() {
        let (cells, next) = split_record(text, index, delimiter);
        let blank = cells.iter().all(|c| c.text.trim().is_empty());
        let comment = cells.first().is_some_and(|c| c.text.trim_start().starts_with('#'));
        if !blank && !comment {
            records.push(cells);
        }
        if next <= index {
            break;
        }
        index = next;
    }
    let Some((header, rows)) = records.split_first() else { return (entries, diagnostics) };
    let lower: Vec<String> = header.iter().map(|c| c.text.trim().to_lowercase()).collect();
    let long = lower.len() >= 3
        && NAME_HEADERS.contains(&lower[0].as_str())
        && YEAR_HEADERS.contains(&lower[1].as_str())
        && VALUE_HEADERS.contains(&lower[2].as_str());
    if long {
        let columns: Vec<Extra> = lower[3..].iter().map(|h| Extra::of_header(h)).collect();
        for (cell, _) in header[3..].iter().zip(&columns).filter(|(_, c)| **c == Extra::Unread) {
            let shown = cell.text.trim();
            diagnostics.push(
                Diagnostic::warning(
                    Code::W0236,
                    file,
                    origin(cell.range.clone()).span,
                    tr!("the column `{shown}` is not read", "「{shown}」の列は読み込みません"),
                )
                .with_hint(tr!(
                    "after `value`, a long table may have `unit`, `comment` (評価コメント), `outlook` (今後の方向性) and `owner` (所管課)",
                    "縦長の表で `value` の後に置ける列は `unit`（単位）、`comment`（評価コメント）、`outlook`（今後の方向性）、`owner`（所管課）です"
                )),
            );
        }
        for row in rows {
            let Some(name) = row.first() else { continue };
            if row.len() < 3 {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0106,
                        file,
                        origin(name.range.clone()).span,
                        tr!("this row needs an indicator, a year and a value", "この行には指標・年度・値が必要です"),
                    )
                    .with_hint(tr!(
                        "put the value in the third column (`電子申請件数,R5,13100`); leave out a row whose year has no data",
                        "3列目に値を書いてください（`電子申請件数,R5,13100`）。データのない年度は行ごと消します"
                    )),
                );
                continue;
            }
            let year = match parse_year_cell(&row[1].text) {
                Ok(year) => year,
                Err(error) => {
                    diagnostics.push(relocate(*error, file, origin(row[1].range.clone())));
                    continue;
                }
            };
            if let Some(extra) = row.get(header.len()).filter(|c| !c.text.trim().is_empty()) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0106,
                        file,
                        origin(extra.range.clone()).span,
                        tr!("this row has more cells than the header", "この行は見出しよりセルが多くなっています"),
                    )
                    .with_hint(comma_hint()),
                );
                continue;
            }
            // The row's non-empty cell under the column that holds `wanted`.
            let cell = |wanted: Extra| {
                columns.iter().position(|c| *c == wanted).and_then(|i| row.get(i + 3)).filter(|c| !c.text.trim().is_empty())
            };
            let unit = cell(Extra::Unit);
            if let Some(unit) = unit.filter(|u| !is_unit_word(u.text.trim())) {
                diagnostics.push(not_a_unit(unit, file, &origin));
                continue;
            }
            let text = |wanted: Extra| cell(wanted).map(|c| c.text.trim().to_string());
            let remarks = Remarks { comment: text(Extra::Comment), outlook: text(Extra::Outlook), owner: text(Extra::Owner) };
            if let Some(mut entry) =
                read_value(&row[2], unit.map(|u| u.text.trim()), name, (year, &row[1]), file, &origin, &mut diagnostics)
            {
                entry.remarks = remarks;
                entries.push(entry);
            } else if is_empty_value(&row[2].text) && !remarks.is_empty() {
                // A row of remarks alone: its value is in another file, or not known yet.
                let place = |cell: &Cell<'_>| origin(cell.range.clone());
                let (name_origin, year_origin, value_origin) = (place(name), place(&row[1]), place(&row[2]));
                let (name, value) = (name.text.trim().to_string(), None);
                entries.push(RawEntry { name, name_origin, year, year_origin, value, origin: value_origin, remarks });
            }
        }
    } else {
        // A wide table may give each row's unit in a column headed `unit` or `単位`.
        let unit_column = lower.iter().skip(1).position(|h| UNIT_HEADERS.contains(&h.as_str())).map(|i| i + 1);
        let mut years = Vec::new();
        for (index, cell) in header.iter().enumerate().skip(1) {
            if cell.text.trim().is_empty() || Some(index) == unit_column {
                years.push(None);
                continue;
            }
            match parse_year_cell(&cell.text) {
                Ok(year) => years.push(Some(year)),
                Err(error) => {
                    diagnostics.push(
                        relocate(*error, file, origin(cell.range.clone())).with_hint(tr!(
                            "a wide table has the indicator in its first column and one year per column (`indicator,R1,R2`); a long one has the header `indicator,year,value`",
                            "横長の表は1列目が指標、以降の列が年度（`indicator,R1,R2`）、縦長の表は見出しが `indicator,year,value` です"
                        )),
                    );
                    years.push(None);
                }
            }
        }
        for row in rows {
            let Some(name) = row.first() else { continue };
            let unit_cell = unit_column.and_then(|i| row.get(i)).filter(|c| !c.text.trim().is_empty());
            if let Some(cell) = unit_cell.filter(|c| !is_unit_word(c.text.trim())) {
                diagnostics.push(not_a_unit(cell, file, &origin));
                continue;
            }
            let unit = unit_cell.map(|c| c.text.trim());
            for ((cell, year), year_cell) in row[1..].iter().zip(&years).zip(&header[1..]) {
                let Some(year) = year else { continue };
                if let Some(entry) = read_value(cell, unit, name, (*year, year_cell), file, &origin, &mut diagnostics) {
                    entries.push(entry);
                }
            }
            if row.len() > years.len() + 1 {
                let extra = &row[years.len() + 1];
                if !extra.text.trim().is_empty() {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::E0106,
                            file,
                            origin(extra.range.clone()).span,
                            tr!("this cell has no year in the header", "この列には見出しの年度がありません"),
                        )
                        .with_hint(comma_hint()),
                    );
                }
            }
        }
    }
    (entries, diagnostics)
}

fn read_value(
    cell: &Cell<'_>,
    unit: Option<&str>,
    name: &Cell<'_>,
    (year, year_cell): (Year, &Cell<'_>),
    file: FileId,
    origin: &dyn Fn(std::ops::Range<usize>) -> Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RawEntry> {
    let text = cell.text.trim();
    if is_empty_value(text) {
        return None;
    }
    match parse_cell(&with_unit(text, unit)) {
        Ok(value) => Some(RawEntry {
            name: name.text.trim().to_string(),
            name_origin: origin(name.range.clone()),
            year,
            year_origin: origin(year_cell.range.clone()),
            value: Some(value),
            origin: origin(cell.range.clone()),
            remarks: Remarks::default(),
        }),
        Err(error) => {
            let mut diagnostic = relocate(*error, file, origin(cell.range.clone()));
            if let Some(hint) = letter_for_digit(text) {
                diagnostic.hint = Some(hint);
            }
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// A cell that holds no value: empty, or a dash as tables write for "none".
fn is_empty_value(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "－")
}

/// What is wrong with a JSON text, in words (serde's own words name the line and column,
/// which the diagnostic already shows).
fn json_problem(error: &serde_json::Error) -> (String, String) {
    let text = error.to_string();
    let what = text.split(" at line ").next().unwrap_or(&text);
    let ja = match what {
        "trailing comma" => "最後の項目の後に余分な `,` があります",
        "EOF while parsing an object" | "EOF while parsing a value" | "EOF while parsing a string" | "EOF while parsing a list" => {
            "途中で終わっています（`}` や `\"` が足りません）"
        }
        "key must be a string" => "キーは `\"…\"` で囲みます",
        w if w.starts_with("expected") => "書き方が正しくありません（`,` や `:` が足りないか、多すぎます）",
        _ => "書き方が正しくありません",
    };
    (what.to_string(), ja.to_string())
}

/// The hint for a cell past the header: most often an unquoted comma.
fn comma_hint() -> shihyo_syntax::Localized {
    tr!(
        "write decimals with a point (`81.5`, not `81,5`), and quote numbers with thousands separators (`\"13,100\"`): unquoted, a comma starts a new cell",
        "小数点は `.` で書き（`81,5` ではなく `81.5`）、桁区切りのある数は引用符で囲みます（`\"13,100\"`）。引用符のないコンマは次のセルの始まりです"
    )
}

/// A hint for `13,1OO`: a letter O or l typed among digits for 0 or 1.
fn letter_for_digit(text: &str) -> Option<shihyo_syntax::Localized> {
    let has_digit = text.chars().any(|c| c.is_ascii_digit());
    let letter = text.chars().find(|c| "OoIl".contains(*c))?;
    let fixed: String = text
        .chars()
        .map(|c| {
            if "Oo".contains(c) {
                '0'
            } else if "Il".contains(c) {
                '1'
            } else {
                c
            }
        })
        .collect();
    (has_digit && fixed.chars().all(|c| c.is_ascii_digit() || ",.".contains(c)))
        .then(|| tr!("`{letter}` is a letter, not a digit: is it `{fixed}`?", "「{letter}」は数字ではなく英字です。`{fixed}` のことですか"))
}

/// A cell with its row's unit (from a unit column) written after it: `38,200` in a
/// 千円 row is `38,200千円`; a cell that writes its own unit keeps it.
pub fn with_unit(text: &str, unit: Option<&str>) -> String {
    match unit {
        Some(unit) if is_unit_word(unit) && text.ends_with(|c: char| c.is_ascii_digit()) => format!("{text}{}", unit_suffix(unit)),
        _ => text.to_string(),
    }
}

/// Whether a unit column's cell is a unit word (`千円`, `件`, `%`), not a number that
/// slipped into it from a row missing its unit cell.
pub fn is_unit_word(unit: &str) -> bool {
    !unit.is_empty() && !unit.chars().any(|c| c.is_ascii_digit() || c == ',' || c == '.') && !unit.starts_with(['-', '+', '△', '▲'])
}

/// E0105 for a unit column's cell that holds a number: the row is likely missing its unit.
fn not_a_unit(cell: &Cell<'_>, file: FileId, origin: &dyn Fn(std::ops::Range<usize>) -> Origin) -> Diagnostic {
    let shown = cell.text.trim();
    Diagnostic::error(Code::E0105, file, origin(cell.range.clone()).span, tr!("`{shown}` is not a unit", "「{shown}」は単位ではありません"))
        .with_hint(tr!(
            "is the row missing its unit cell? leave it empty for no unit (`件数,,1200,1300`)",
            "この行は単位のセルが抜けていませんか。単位がなければ空にします（`件数,,1200,1300`）"
        ))
}

/// A unit column's word as a suffix (`千円` stays; a bare `%` too).
fn unit_suffix(unit: &str) -> &str {
    match UnitLiteral::from_unit_name(unit) {
        UnitLiteral::Plain => "",
        _ => unit,
    }
}

fn relocate(mut diagnostic: Diagnostic, file: FileId, origin: Origin) -> Diagnostic {
    diagnostic.file = file;
    diagnostic.span = origin.span;
    diagnostic
}

fn read_json(file: FileId, source: &Source) -> (Vec<RawEntry>, Vec<Diagnostic>) {
    let text = source.normalized();
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    let value = match serde_json::from_str::<&RawValue>(text).and_then(Json::read) {
        Ok(value) => value,
        Err(error) => {
            let line_start = text.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum::<usize>();
            let column_offset: usize = text[line_start..].chars().take(error.column().saturating_sub(1)).map(char::len_utf8).sum();
            let at = (line_start + column_offset).min(text.len());
            let (en, ja) = json_problem(&error);
            diagnostics.push(
                Diagnostic::error(
                    Code::E0107,
                    file,
                    source.span_to_original(at..at),
                    tr!("this is not valid JSON: {en}", "JSON として読めません。{ja}"),
                )
                .with_hint(tr!(
                    "the data is an object of indicators, each of years: `{{ \"電子申請件数\": {{ \"R5\": \"13100\" }} }}`",
                    "データは指標ごとに年度と値を書いたオブジェクトです：`{{ \"電子申請件数\": {{ \"R5\": \"13100\" }} }}`"
                )),
            );
            return (entries, diagnostics);
        }
    };
    let mut finder = KeyFinder { text, at: 0 };
    let Json::Object(indicators) = value else {
        diagnostics.push(Diagnostic::error(
            Code::E0107,
            file,
            source.span_to_original(0..text.len().min(1)),
            tr!(
                "the data must be an object of indicators: {{ \"name\": {{ \"R1\": \"10000\" }} }}",
                "データは指標のオブジェクトです: {{ \"名前\": {{ \"R1\": \"10000\" }} }}"
            ),
        ));
        return (entries, diagnostics);
    };
    for (name, years) in indicators {
        let name_range = finder.find(&name);
        let name_origin = Origin { file, span: source.span_to_original(name_range.clone()) };
        let Ok(Json::Object(years)) = Json::read(years) else {
            diagnostics.push(Diagnostic::error(
                Code::E0107,
                file,
                name_origin.span,
                tr!(
                    "each indicator maps years to values: {{ \"R1\": \"10000\" }}",
                    "指標ごとに年度と値を書きます: {{ \"R1\": \"10000\" }}"
                ),
            ));
            continue;
        };
        for (year_text, value) in years {
            let year_range = finder.find(&year_text);
            let year_origin = Origin { file, span: source.span_to_original(year_range.clone()) };
            let year = match parse_year_cell(&year_text) {
                Ok(year) => year,
                Err(error) => {
                    diagnostics.push(relocate(*error, file, year_origin));
                    continue;
                }
            };
            let value_range = finder.value_after(year_range.end);
            let value_origin = Origin { file, span: source.span_to_original(value_range) };
            // An entry is a value, or an object of the value and its remarks.
            let entry = Json::read(value).map_err(|_| tr!("this is not valid JSON", "JSON として読めません"));
            let (value, remarks) = match entry {
                Ok(Json::Object(fields)) => match entry_object(fields) {
                    Ok(split) => split,
                    Err(message) => {
                        diagnostics.push(Diagnostic::error(Code::E0107, file, value_origin.span, message));
                        continue;
                    }
                },
                Ok(value) => (value, Remarks::default()),
                Err(message) => {
                    diagnostics.push(Diagnostic::error(Code::E0107, file, value_origin.span, message));
                    continue;
                }
            };
            let (name, name_origin, year_origin) = (name.clone(), name_origin.clone(), year_origin.clone());
            let cell = match value {
                Json::Null => None,
                Json::Text(s) if s.trim().is_empty() => None,
                Json::Text(s) => Some(s),
                Json::Number(written) | Json::Other(written) => Some(written.to_string()),
                Json::Object(_) => None,
            };
            match cell.map(|cell| parse_cell(&cell)) {
                Some(Ok(value)) => {
                    entries.push(RawEntry { name, name_origin, year, year_origin, value: Some(value), origin: value_origin, remarks })
                }
                Some(Err(error)) => diagnostics.push(relocate(*error, file, value_origin)),
                // An entry of remarks alone (`{ "comment": "…" }`), or nothing at all.
                None if !remarks.is_empty() => {
                    entries.push(RawEntry { name, name_origin, year, year_origin, value: None, origin: value_origin, remarks })
                }
                None => {}
            }
        }
    }
    (entries, diagnostics)
}

/// A JSON value as the data reader needs it: an object's members in the order written
/// (a key written twice stays twice), a number exactly as written. serde_json reads
/// this way without its `preserve_order` and `arbitrary_precision` features, which
/// would change every JSON value of a program that embeds shihyo.
enum Json<'t> {
    Null,
    Text(String),
    /// A number, as written (`13100.50`).
    Number(&'t str),
    Object(Vec<(String, &'t RawValue)>),
    /// `true`, `false` or an array, as written.
    Other(&'t str),
}

impl<'t> Json<'t> {
    /// The value of a piece of JSON text (already checked to be JSON).
    fn read(raw: &'t RawValue) -> Result<Json<'t>, serde_json::Error> {
        let written = raw.get();
        Ok(match written.as_bytes().first() {
            Some(b'{') => Json::Object(serde_json::from_str::<Members<'t>>(written)?.0),
            Some(b'"') => Json::Text(serde_json::from_str(written)?),
            Some(b'n') => Json::Null,
            Some(b'-' | b'0'..=b'9') => Json::Number(written),
            _ => Json::Other(written),
        })
    }
}

/// An object's members in the order written, each value still as text.
struct Members<'t>(Vec<(String, &'t RawValue)>);

impl<'de: 't, 't> serde::Deserialize<'de> for Members<'t> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'t>(std::marker::PhantomData<&'t ()>);
        impl<'de: 't, 't> serde::de::Visitor<'de> for Visitor<'t> {
            type Value = Members<'t>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members<'t>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// A JSON entry written as an object: `{ "value": "13100", "comment": "…", "outlook": "…", "owner": "…" }`.
fn entry_object<'t>(fields: Vec<(String, &'t RawValue)>) -> Result<(Json<'t>, Remarks), shihyo_syntax::Localized> {
    let mut value = None;
    let mut remarks = Remarks::default();
    for (key, field) in fields {
        let slot = match key.as_str() {
            "value" => {
                // An object is no value: its text is read as a cell, and refused there.
                let read = Json::read(field).map_err(|_| tr!("this is not valid JSON", "JSON として読めません"))?;
                value = Some(if let Json::Object(_) = read { Json::Other(field.get()) } else { read });
                continue;
            }
            "comment" => &mut remarks.comment,
            "outlook" => &mut remarks.outlook,
            "owner" => &mut remarks.owner,
            _ => {
                return Err(tr!(
                    "`{key}` is not a key of an entry: `value`, `comment`, `outlook` or `owner`",
                    "「{key}」は値のキーではありません。`value`・`comment`・`outlook`・`owner` のどれかです"
                ))
            }
        };
        match Json::read(field) {
            Ok(Json::Text(text)) => *slot = Some(text),
            Ok(Json::Null) => {}
            _ => return Err(tr!("`{key}` is text in quotes", "「{key}」は引用符で囲んだ文字列です")),
        }
    }
    // Remarks alone are an entry of their own (the value written elsewhere, or not yet known).
    let value = match value {
        Some(value) => value,
        None if !remarks.is_empty() => Json::Null,
        None => {
            return Err(tr!(
                "an entry written as an object needs its `value` or a remark: {{ \"value\": \"13100\", \"comment\": \"…\" }}",
                "オブジェクトで書いた値には `value` かコメントが必要です：{{ \"value\": \"13100\", \"comment\": \"…\" }}"
            ))
        }
    };
    Ok((value, remarks))
}

/// Finds the places of keys in JSON text, in the order they appear.
struct KeyFinder<'t> {
    text: &'t str,
    at: usize,
}

impl KeyFinder<'_> {
    fn find(&mut self, key: &str) -> std::ops::Range<usize> {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        match self.text[self.at..].find(&quoted) {
            Some(offset) => {
                let start = self.at + offset;
                self.at = start + quoted.len();
                start..self.at
            }
            None => self.at..self.at,
        }
    }

    /// The range of the value after a key ending at `key_end`.
    fn value_after(&mut self, key_end: usize) -> std::ops::Range<usize> {
        let rest = &self.text[key_end..];
        let start = key_end + rest.find(':').map_or(0, |i| i + 1);
        let start = start + self.text[start..].len() - self.text[start..].trim_start().len();
        let value = &self.text[start..];
        let length = if let Some(quoted) = value.strip_prefix('"') {
            quoted.find('"').map_or(value.len(), |i| i + 2)
        } else {
            let until = value.find([',', '}', '\n']).unwrap_or(value.len());
            value[..until].trim_end().len()
        };
        self.at = start + length;
        start..start + length
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn read_text(name: &str, text: &str) -> (Vec<RawEntry>, Vec<Diagnostic>) {
        read(FileId(1), &Source::new(name, text), DataFormat::from_name(name))
    }

    #[test]
    fn wide_csv_reads_every_cell_and_skips_empty_ones() {
        let (entries, diagnostics) = read_text("a.csv", "indicator,R1,令和2年度,2021年度\n電子申請件数,\"10,000\",,△84\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].value, Some(CellValue::Number(Decimal::from(10_000), UnitLiteral::Plain)));
        assert_eq!(entries[1].year, Year::fiscal(2021));
        assert_eq!(entries[1].value, Some(CellValue::Number(Decimal::from(-84), UnitLiteral::Plain)));
    }

    #[test]
    fn a_quoted_cell_reads_doubled_quotes_as_one() {
        let (entries, diagnostics) = read_text("a.tsv", "indicator\tyear\tvalue\n\"「市民の\"\"声\"\"」\tの数\"\tR5\t12\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries[0].name, "「市民の\"声\"」\tの数");
    }

    #[test]
    fn wide_csv_with_unit_column() {
        let (entries, diagnostics) = read_text("a.csv", "indicator,単位,R3,R4\n効果額,千円,\"38,200\",41000千円\n件数,,12,\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let values: Vec<_> = entries.iter().map(|e| (e.name.as_str(), e.year, e.value.clone())).collect();
        let number = |n: i64, unit: UnitLiteral| Some(CellValue::Number(Decimal::from(n), unit));
        let thousands = UnitLiteral::from_unit_name("千円");
        assert_eq!(
            values,
            [
                ("効果額", Year::fiscal(2021), number(38_200_000, thousands.clone())),
                ("効果額", Year::fiscal(2022), number(41_000_000, thousands)),
                ("件数", Year::fiscal(2021), number(12, UnitLiteral::Plain)),
            ]
        );
    }

    #[test]
    fn long_csv_with_unit_column() {
        let (entries, diagnostics) = read_text("a.csv", "indicator,year,value,unit\n効果額,R3,\"60,000\",千円\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries[0].value, Some(CellValue::Number(Decimal::from(60_000_000), UnitLiteral::Yen { scale: Decimal::ONE_THOUSAND })));
    }

    #[test]
    fn bad_cell_names_its_line_and_column() {
        let source = Source::new("a.csv", "indicator,R1\nx,12x4\n");
        let (_, diagnostics) = read(FileId(1), &source, DataFormat::Csv);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(source.line_column(diagnostics[0].span.start), (2, 3));
    }

    #[test]
    fn json_numbers_and_strings() {
        let (entries, diagnostics) = read_text("a.json", "{ \"x\": { \"R1\": \"10,000\", \"R2\": 12400.5, \"R3\": null } }");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].value, Some(CellValue::Number(Decimal::new(124005, 1), UnitLiteral::Plain)));
    }

    #[test]
    fn json_keeps_the_written_order_every_digit_and_a_key_written_twice() {
        // Without serde_json's preserve_order and arbitrary_precision (the engine does not
        // ask for them): members in the order written, numbers as written, nothing dropped.
        let text = "{ \"z\": { \"R2\": 1.10, \"R1\": 12345678901234567890.123456789 }, \"a\": { \"R1\": 1, \"R1\": 2 } }";
        let (entries, diagnostics) = read_text("a.json", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let read: Vec<(&str, i32, Option<CellValue>)> = entries.iter().map(|e| (e.name.as_str(), e.year.number, e.value.clone())).collect();
        let number = |text: &str| Some(CellValue::Number(text.parse().expect("a decimal"), UnitLiteral::Plain));
        assert_eq!(
            read,
            [
                ("z", 2020, number("1.10")),
                ("z", 2019, number("12345678901234567890.123456789")),
                ("a", 2019, number("1")),
                ("a", 2019, number("2")),
            ]
        );
        // Each value's place is where it was written.
        let second = &entries[3];
        assert_eq!(&text[second.origin.span.clone()], "2");
        assert_eq!(&text[entries[1].origin.span.clone()], "12345678901234567890.123456789");
    }

    #[test]
    fn json_entries_that_are_not_values_are_e0107() {
        let (_, diagnostics) = read_text("a.json", "{ \"x\": { \"R1\": { \"value\": { \"n\": 1 } }, \"R2\": { \"comment\": 3 } } }");
        let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E0105, Code::E0107], "{diagnostics:?}");
    }
}
