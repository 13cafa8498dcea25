//! The file of an `aggregate`: its one statement checked into a [`Definition`] (the roster
//! it reads, the year, the roster columns it rolls up by, the indicators it totals). Anything
//! else in the file, or a part given twice or missing, is E0280 or E0281.

use crate::roster::Roster;
use shihyo_core::syntax::ast::{AggregationItem, Item, Total};
use shihyo_core::syntax::{closest, parse, tr, Code, Diagnostic, FileId, Source, Span, Year};

/// An `aggregate` checked: what to read and how to roll it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The roll-up's title.
    pub name: String,
    /// The roster as written (a path relative to the aggregate's file), and where it is written.
    pub roster: (String, Span),
    /// `as of`: the year every plan is evaluated as of (default: each plan's latest year with data).
    pub as_of: Option<Year>,
    /// The roster columns to roll up by, in the order written, each with where it is written.
    pub by: Vec<(String, Span)>,
    /// The indicators totalled, by name, in the order written.
    pub totals: Vec<TotalDef>,
}

/// `sum "NAME"` or `average "NAME"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalDef {
    /// Added up, or averaged.
    pub total: Total,
    /// The indicator's name as written.
    pub name: String,
    /// Its name as plans' names are compared (NFKC, trimmed).
    pub key: String,
}

/// Parses and checks the text of an aggregate's file (`file` in `source`).
pub fn read_definition(source: &Source, file: FileId) -> Result<Definition, Vec<Diagnostic>> {
    let parsed = parse(source, file);
    let mut problems: Vec<Diagnostic> = parsed.diagnostics;
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let mut aggregations = Vec::new();
    for item in &parsed.file.items {
        match item {
            Item::Aggregation(aggregation) => aggregations.push(aggregation),
            other => problems.push(
                Diagnostic::error(
                    Code::E0280,
                    file,
                    other.span().clone(),
                    tr!("a file of an `aggregate` holds the aggregate alone", "`aggregate` のファイルには集計だけを書きます"),
                )
                .with_hint(tr!(
                    "the plans it rolls up are listed in its roster (`plans \"roster.csv\"`), each in a file of its own",
                    "集計する計画は名簿（`plans \"名簿.csv\"`）に並べ、それぞれ別のファイルに書いてください"
                )),
            ),
        }
    }
    let Some(first) = aggregations.first() else {
        problems.push(
            Diagnostic::error(Code::E0281, file, 0..0, tr!("the file has no `aggregate`", "このファイルには `aggregate` がありません"))
                .with_hint(tr!(
                    "write `aggregate \"NAME\" {{ plans \"roster.csv\"  by \"COLUMN\" }}`",
                    "`aggregate \"名前\" {{ plans \"名簿.csv\"  by \"列名\" }}` と書いてください"
                )),
        );
        return Err(problems);
    };
    for extra in &aggregations[1..] {
        problems.push(
            Diagnostic::error(
                Code::E0281,
                file,
                extra.span.clone(),
                tr!("a file has one `aggregate`", "`aggregate` は一つのファイルに一つです"),
            )
            .with_hint(tr!("put the second in a file of its own", "二つ目は別のファイルに書いてください")),
        );
    }
    let mut roster: Option<(String, Span)> = None;
    let mut as_of: Option<(Year, Span)> = None;
    let mut by: Vec<(String, Span)> = Vec::new();
    let mut totals: Vec<(TotalDef, Span)> = Vec::new();
    let twice =
        |problems: &mut Vec<Diagnostic>, span: &Span, what: &str, first: &Span| {
            problems.push(
                Diagnostic::error(Code::E0281, file, span.clone(), tr!("{what} is given twice", "{what} が二度書かれています"))
                    .with_related(file, first.clone(), tr!("first given here", "最初はここ")),
            );
        };
    for item in &first.items {
        match item {
            AggregationItem::Plans(name, span) => match &roster {
                Some((_, first)) => twice(&mut problems, span, "`plans`", first),
                None => roster = Some((name.text.clone(), span.clone())),
            },
            AggregationItem::AsOf(year, span) => match &as_of {
                Some((_, first)) => twice(&mut problems, span, "`as of`", first),
                None => as_of = Some((year.year, span.clone())),
            },
            AggregationItem::By(column, span) => match by.iter().find(|(c, _)| *c == column.key) {
                Some((_, first)) => twice(&mut problems, span, &format!("`by \"{}\"`", column.text), first),
                None => by.push((column.key.clone(), span.clone())),
            },
            AggregationItem::Total(total, name, span) => match totals.iter().find(|(t, _)| t.key == name.key && t.total == *total) {
                Some((_, first)) => twice(&mut problems, span, &format!("`{} \"{}\"`", total.keyword(), name.text), first),
                None => totals.push((TotalDef { total: *total, name: name.text.clone(), key: name.key.clone() }, span.clone())),
            },
            AggregationItem::Meta(_) => {}
        }
    }
    let Some(roster) = roster else {
        problems.push(
            Diagnostic::error(
                Code::E0281,
                file,
                first.name.span.clone(),
                tr!("the aggregate names no roster of plans", "集計する計画の名簿が書かれていません"),
            )
            .with_hint(tr!(
                "add `plans \"roster.csv\"`: a CSV file with a `plan` column, a `data` column and the columns to roll up by",
                "`plans \"名簿.csv\"` を加えてください（`plan` 列、`data` 列と、集計に使う列のある CSV）"
            )),
        );
        return Err(problems);
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Definition {
        name: first.name.text.clone(),
        roster,
        as_of: as_of.map(|(year, _)| year),
        by,
        totals: totals.into_iter().map(|(total, _)| total).collect(),
    })
}

/// E0281 for each `by` of `definition` (read from `file`) that names no key column of `roster`.
pub fn check_columns(definition: &Definition, roster: &Roster, file: FileId) -> Vec<Diagnostic> {
    let columns = roster.columns.join(", ");
    definition
        .by
        .iter()
        .filter(|(column, _)| roster.column(column).is_none())
        .map(|(column, span)| {
            let error = Diagnostic::error(
                Code::E0281,
                file,
                span.clone(),
                tr!("the roster has no column `{column}`", "名簿に `{column}` 列がありません"),
            );
            match closest(column, roster.columns.iter().map(String::as_str)) {
                Some(near) => error.with_hint(tr!("did you mean `{near}`?", "`{near}` のことですか？")),
                None => error.with_hint(tr!("its columns to roll up by: {columns}", "集計に使える列: {columns}")),
            }
        })
        .collect()
}
