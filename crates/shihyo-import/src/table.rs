//! Reading a plan's table: rows of reform areas and items, with columns for
//! output indicators, outcome indicators and their grounds (根拠).
//!
//! The columns are found from the header row (「アウトプット指標」「アウトカム
//! 指標」「根拠」), and the target year from it too (「令和7年度まで」). The
//! group tree comes from the item numbering (`1`, `1-1`, `3-1-1`); an item
//! marked 【再掲】 is linked to where it first stands, not repeated. Table
//! extracts are often garbled: a sentence that appears again in the same
//! area is taken once, and a cell of grounds (…を評価指標とする) that slid into
//! an indicator column is paired with the indicators before it.

use crate::sentence::{guess_kind, Kind};
use regex::Regex;
use std::sync::LazyLock;

/// One indicator sentence with its ground and the column it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// Output or outcome, from its column; in rows without a number, guessed from the wording.
    pub kind: Kind,
    /// One indicator sentence of the cell (a cell may hold several), as written.
    pub sentence: String,
    /// The ground (根拠) beside it, drafted as the rule's `basis`; `None` without one.
    pub basis: Option<String>,
    /// How often the sentence stood in this area (garbled tables repeat rows).
    pub occurrences: usize,
}

/// A numbered (or named) group of the plan with what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Area {
    /// The item number (`1`, `1-1`, `3-1-1`), drafted as the group's id; `None` for a group without a number.
    pub id: Option<String>,
    /// The group's title: the row's text after its number.
    pub title: String,
    /// The indicator sentences of the area's own rows, in table order.
    pub indicators: Vec<Indicator>,
    /// The descriptions of the area's items (「令和4年度に…導入」): (item title, text).
    pub actions: Vec<(String, String)>,
    /// Items listed again elsewhere (【再掲】): (their title, where they first stand).
    pub repeats: Vec<(String, Option<String>)>,
    /// The areas numbered under this one (`1-1`, `1-2` under `1`).
    pub children: Vec<Area>,
}

/// The plan as read from a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The year the header names as the plan's end (「令和7年度まで」).
    pub target_year: Option<String>,
    /// The top-level areas, in table order.
    pub areas: Vec<Area>,
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(\d+(?:-\d+)*)\s*(.*)$").expect("a valid pattern"));
static TAGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("a valid pattern"));
static HEADINGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<b>(.*?)</b>").expect("a valid pattern"));
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[①-⑳]").expect("a valid pattern"));
static COUNT_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[（(]\s*\d+\s*項目\s*[)）]|※.*$").expect("a valid pattern"));
static UNTIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:令和|平成)(?:元|\d+)年度|[RH]\d+年度?)まで").expect("a valid pattern"));

/// Columns of the indicator cells.
#[derive(Clone, Copy, Debug, Default)]
struct Columns {
    output: Option<usize>,
    output_basis: Option<usize>,
    outcome: Option<usize>,
    outcome_basis: Option<usize>,
}

fn clean(cell: &str) -> String {
    TAGS.replace_all(cell, " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a cell into its numbered sentences (①…②…), each with its ordinal.
fn sentences(cell: &str) -> Vec<(Option<char>, String)> {
    let text = clean(cell);
    if text.is_empty() {
        return Vec::new();
    }
    let starts: Vec<usize> = ORDINAL.find_iter(&text).map(|m| m.start()).collect();
    if starts.is_empty() {
        return vec![(None, text)];
    }
    let mut out = Vec::new();
    if starts[0] > 0 && !text[..starts[0]].trim().is_empty() {
        out.push((None, text[..starts[0]].trim().to_string()));
    }
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(text.len());
        // The ordinal pairs a sentence with its ground; the sentence itself starts after it.
        let ordinal = text[start..].chars().next();
        let part = text[start + ordinal.map_or(0, char::len_utf8)..end].trim().to_string();
        out.push((ordinal, part));
    }
    out
}

/// Whether a sentence is a ground (根拠) rather than an indicator.
fn is_basis(sentence: &str) -> bool {
    sentence.contains("評価指標とする") || sentence.contains("指標とします") || sentence.contains("評価指標の設定")
}

/// Reads rows of cells (from TSV, CSV or a worksheet).
pub fn read(rows: &[Vec<String>]) -> Table {
    let mut table = Table::default();
    let mut columns = Columns::default();
    // The path of open areas: each entry is an index path into `table.areas`.
    let mut stack: Vec<Area> = Vec::new();
    let mut pending: Vec<(Option<char>, usize)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut titles: Vec<(String, String)> = Vec::new();
    for row in rows {
        let first = row.first().map(String::as_str).unwrap_or("");
        let joined = row.join(" ");
        if joined.contains("アウトプット") && joined.contains("アウトカム") {
            columns = header_columns(row);
            if let Some(year) = UNTIL.captures(&joined) {
                table.target_year = Some(year[1].to_string());
            }
            continue;
        }
        let headings: Vec<String> = HEADINGS.captures_iter(first).map(|c| clean(&c[1])).filter(|h| !h.is_empty()).collect();
        let plain = clean(first);
        let numbered = if headings.is_empty() { vec![plain.clone()] } else { headings };
        let mut opened = false;
        let mut siblings = 0;
        for heading in &numbered {
            if let Some(capture) = NUMBERED.captures(heading) {
                let id = capture[1].to_string();
                let raw_title = capture[2].trim().to_string();
                // 【一部再掲】 (partly repeated) is an item of its own here; only 【再掲】 is a repeat.
                let repeat = raw_title.contains("【再掲】");
                let title = COUNT_NOTE.replace_all(&raw_title.replace("【再掲】", "").replace("【一部再掲】", ""), "").trim().to_string();
                close_to_parent_of(&mut stack, &mut table, &id);
                if repeat {
                    let original =
                        titles.iter().find(|(_, t)| t.contains(title.as_str()) || title.contains(t.as_str())).map(|(i, _)| i.clone());
                    if let Some(parent) = stack.last_mut() {
                        parent.repeats.push((format!("{id} {title}"), original));
                    }
                    opened = false;
                    continue;
                }
                titles.push((id.clone(), title.clone()));
                stack.push(Area { id: Some(id), title, ..Area::default() });
                pending.clear();
                seen.clear();
                opened = true;
                siblings += 1;
            }
        }
        if siblings > 1 {
            // One row opened several sub-areas (「1-1 … 1-2 …」): what it lists belongs to their parent.
            let depth = stack.len() - 1;
            close_to(&mut stack, &mut table, depth);
        }
        let numbered_row = opened || NUMBERED.is_match(&plain);
        // Items without a number (as in garbled rows) add their sentences to the open area.
        let Some(area) = stack.last_mut() else { continue };
        // An item's description (「令和4年度に…導入」, 「80%以上となるよう…」).
        if opened && area.id.as_deref().is_some_and(|id| id.split('-').count() >= 3) {
            if let Some(description) = row.get(1).map(|d| clean(d)).filter(|d| !d.is_empty()) {
                area.actions.push((area.title.clone(), description));
            }
        }
        for (column, basis_column, kind) in
            [(columns.output, columns.output_basis, Kind::Output), (columns.outcome, columns.outcome_basis, Kind::Outcome)]
        {
            let Some(column) = column else { continue };
            let cell = row.get(column).map(String::as_str).unwrap_or("");
            let bases = basis_column.and_then(|b| row.get(b)).map(|b| sentences(b)).unwrap_or_default();
            let mut added = Vec::new();
            for (ordinal, sentence) in sentences(cell) {
                if sentence.contains("取組概要") {
                    continue;
                }
                if is_basis(&sentence) {
                    // A ground in an indicator column belongs to the indicators read before it.
                    if let Some((_, index)) = pending.iter().find(|(o, _)| *o == ordinal || ordinal.is_none()) {
                        let indicator = &mut area.indicators[*index];
                        if indicator.basis.is_none() {
                            indicator.basis = Some(sentence);
                        }
                    }
                    continue;
                }
                if let Some(index) = seen.iter().position(|s| *s == sentence) {
                    if let Some(indicator) = area.indicators.iter_mut().find(|i| i.sentence == seen[index]) {
                        indicator.occurrences += 1;
                    }
                    continue;
                }
                seen.push(sentence.clone());
                let basis =
                    bases.iter().find(|(o, _)| *o == ordinal).or(bases.first().filter(|_| bases.len() == 1)).map(|(_, b)| b.clone());
                // In rows without a number the columns are not to be trusted: go by the wording.
                let kind = if numbered_row { kind } else { guess_kind(&sentence) };
                area.indicators.push(Indicator { kind, sentence, basis, occurrences: 1 });
                added.push((ordinal, area.indicators.len() - 1));
            }
            if !added.is_empty() {
                pending = added;
            }
        }
    }
    close_to(&mut stack, &mut table, 0);
    keep_where_most_frequent(&mut table.areas);
    table
}

/// A sentence listed under several top-level areas (rows repeated cyclically
/// by a bad extraction) stays only in the area where it stands most often.
fn keep_where_most_frequent(areas: &mut [Area]) {
    let mut best: Vec<(String, usize, usize)> = Vec::new();
    for (index, area) in areas.iter().enumerate() {
        for indicator in &area.indicators {
            match best.iter_mut().find(|(s, _, _)| *s == indicator.sentence) {
                Some(entry) if indicator.occurrences >= entry.2 => *entry = (indicator.sentence.clone(), index, indicator.occurrences),
                Some(_) => {}
                None => best.push((indicator.sentence.clone(), index, indicator.occurrences)),
            }
        }
    }
    for (index, area) in areas.iter_mut().enumerate() {
        area.indicators.retain(|i| best.iter().any(|(s, owner, _)| *s == i.sentence && *owner == index));
    }
}

/// Closes open areas until the top one is the parent of `id` (by its numbering).
fn close_to_parent_of(stack: &mut Vec<Area>, table: &mut Table, id: &str) {
    while let Some(top) = stack.last() {
        let is_parent = top.id.as_deref().is_some_and(|parent| id.starts_with(&format!("{parent}-")));
        if is_parent {
            break;
        }
        let depth = stack.len() - 1;
        close_to(stack, table, depth);
    }
}

/// Closes open areas until `depth` remain, attaching each to its parent.
fn close_to(stack: &mut Vec<Area>, table: &mut Table, depth: usize) {
    while stack.len() > depth {
        let area = stack.pop().expect("non-empty");
        match stack.last_mut() {
            Some(parent) => parent.children.push(area),
            None => table.areas.push(area),
        }
    }
}

fn header_columns(row: &[String]) -> Columns {
    let mut columns = Columns::default();
    for (index, cell) in row.iter().enumerate() {
        if cell.contains("アウトプット") {
            columns.output = Some(index);
        } else if cell.contains("アウトカム") {
            columns.outcome = Some(index);
        } else if cell.contains("根拠") {
            match (columns.outcome, columns.output) {
                (Some(_), _) => columns.outcome_basis = Some(index),
                (None, Some(_)) => columns.output_basis = Some(index),
                _ => {}
            }
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }

    #[test]
    fn numbering_gives_the_group_tree_and_columns_give_kinds() {
        let table = read(&rows(
            "改革項目\t概要\tアウトプット指標 令和7年度まで\t根拠\tアウトカム指標 令和7年度まで\t根拠\n\
             <b>3 担い手をつくる改革 (11項目)</b>\t\t\t\t\t\n\
             <b>3-1 公民連携の推進</b>\t取組概要\t予定年度での取組を100%実施\t全体の実施状況を評価指標とする。\t①効果額 298,513千円を達成 ②満足度80%以上\t①効果額達成を評価指標とする。 ②満足度を評価指標とする。\n\
             3-1-1 指定管理者制度の導入\t令和4年度に指定管理者制度を導入する\t\t\t\t\n\
             5-1-3 ふるさと寄附金【再掲】\t\t\t\t\t\n\
             <b>5 歳入・歳出面の改革 (14項目) ※再掲を除くと11項目</b>\t\t\t\t\t",
        ));
        assert_eq!(table.target_year.as_deref(), Some("令和7年度"));
        let area = &table.areas[0];
        assert_eq!((area.id.as_deref(), area.title.as_str()), (Some("3"), "担い手をつくる改革"));
        let sub = &area.children[0];
        assert_eq!(sub.indicators.len(), 3);
        assert_eq!(sub.indicators[0].kind, Kind::Output);
        assert_eq!(sub.indicators[2].basis.as_deref(), Some("満足度を評価指標とする。"));
        assert_eq!(sub.children[0].actions.len(), 1);
        assert_eq!(table.areas[1].title, "歳入・歳出面の改革", "a note that mentions 再掲 is not a repeated item");
    }

    #[test]
    fn repeated_sentences_are_taken_once_and_stray_grounds_are_paired() {
        let table = read(&rows(
            "改革項目\t概要\tアウトプット指標\t根拠\tアウトカム指標\t根拠\n\
             <b>1 仕事の改革</b>\t\t\t\t\t\n\
             項目A\t\t①取組を100%実施 ②手続数〇〇〇以上\t\t\t\n\
             項目B\t\t①計画の実施状況の評価指標とする。 ②手続数の評価指標とする。\t\t\t\n\
             項目C\t\t①取組を100%実施 ②手続数〇〇〇以上\t\t\t",
        ));
        let area = &table.areas[0];
        assert_eq!(area.indicators.len(), 2);
        assert_eq!(area.indicators[1].basis.as_deref(), Some("手続数の評価指標とする。"));
    }
}
