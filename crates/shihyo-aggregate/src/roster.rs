//! The roster of an aggregate: a CSV file with one row per plan — its plan file, its data
//! files and the keys it is rolled up by (its prefecture, its region, …). Reading it
//! resolves no path; the host reads the files. A roster that cannot be read is E0282.

use shihyo_core::syntax::{name_key, tr, Code, Diagnostic, FileId, Source, Span};

/// The plans of an aggregate, in the roster's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// The key columns (every column but the plan, its data and its name), as headed.
    pub columns: Vec<String>,
    /// One per row.
    pub members: Vec<Member>,
}

/// One plan of a roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The plan's file, as written (relative to the roster's folder unless absolute).
    pub plan: String,
    /// Its data files, as written (the `data` cell, split at `;`).
    pub data: Vec<String>,
    /// The name the roster gives it (`name` column), if any.
    pub name: Option<String>,
    /// Its value in each key column, in the order of [`Roster::columns`].
    pub keys: Vec<String>,
    /// Its row's line in the roster (1-based).
    pub line: usize,
    /// Its row in the roster's text (where a file it lists that cannot be read is reported).
    pub span: Span,
}

/// The headings the roster's fixed columns may have (English and Japanese).
const PLAN: &[&str] = &["plan", "計画"];
const DATA: &[&str] = &["data", "データ"];
const NAME: &[&str] = &["name", "名称", "団体名"];

impl Roster {
    /// The index of the key column headed `column` (compared as names are: NFKC, trimmed).
    pub fn column(&self, column: &str) -> Option<usize> {
        let key = name_key(column);
        self.columns.iter().position(|c| name_key(c) == key)
    }
}

/// Reads the roster `file` (CSV, UTF-8, a heading row first).
pub fn read_roster(source: &Source, file: FileId) -> Result<Roster, Vec<Diagnostic>> {
    let text = source.original();
    let line_span = |start: usize| -> Span { start..text[start..].find('\n').map_or(text.len(), |n| start + n) };
    let error = |span: Span, message| Diagnostic::error(Code::E0282, file, span, message);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let heading = match records.next() {
        Some(Ok(heading)) => heading,
        Some(Err(problem)) => {
            return Err(vec![error(0..0, tr!("the roster is not CSV: {problem}", "名簿が CSV として読めません: {problem}"))])
        }
        None => return Err(vec![error(0..0, tr!("the roster is empty", "名簿が空です"))]),
    };
    let headings: Vec<String> = heading.iter().map(|cell| cell.trim().trim_start_matches('\u{feff}').to_string()).collect();
    let find = |names: &[&str]| headings.iter().position(|h| names.iter().any(|n| name_key(h) == *n));
    let Some(plan_column) = find(PLAN) else {
        return Err(vec![error(line_span(0), tr!("the roster has no `plan` column", "名簿に `plan` 列がありません")).with_hint(tr!(
            "head the column of plan files `plan`, and their data files `data`",
            "計画ファイルの列の見出しを `plan`、データファイルの列を `data` にしてください"
        ))]);
    };
    let (data_column, name_column) = (find(DATA), find(NAME));
    let key_columns: Vec<usize> =
        (0..headings.len()).filter(|c| ![Some(plan_column), data_column, name_column].contains(&Some(*c))).collect();
    let mut problems = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(problem) => {
                let start = problem.position().map_or(0, |p| p.byte() as usize);
                problems.push(error(line_span(start), tr!("this row is not CSV: {problem}", "この行は CSV として読めません: {problem}")));
                continue;
            }
        };
        let (start, line) = record.position().map_or((0, 0), |p| (p.byte() as usize, p.line() as usize));
        let cell = |column: Option<usize>| column.and_then(|c| record.get(c)).map(str::trim).unwrap_or("");
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let plan = cell(Some(plan_column));
        if plan.is_empty() {
            problems.push(error(line_span(start), tr!("this row names no plan", "この行には計画がありません")));
            continue;
        }
        if let Some(first) = members.iter().find(|m| m.plan == plan) {
            let first_line = first.line;
            problems.push(
                error(
                    line_span(start),
                    tr!("{plan} is listed twice (first on line {first_line})", "{plan} が二度並んでいます（最初は {first_line} 行目）"),
                )
                .with_hint(tr!("keep one row for each plan", "計画ごとに一行にしてください")),
            );
            continue;
        }
        let data = cell(data_column).split(';').map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect();
        let name = Some(cell(name_column)).filter(|n| !n.is_empty()).map(str::to_string);
        let keys = key_columns.iter().map(|c| cell(Some(*c)).to_string()).collect();
        members.push(Member { plan: plan.to_string(), data, name, keys, line, span: line_span(start) });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Roster { columns: key_columns.iter().map(|c| headings[*c].clone()).collect(), members })
}
