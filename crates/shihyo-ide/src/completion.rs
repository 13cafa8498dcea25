//! What an editor offers while a plan is typed: inside quotes, the names of
//! the plan's indicators (in `value("…")`, `sum("…")`, a `data` block, a
//! scenario's projection, a test's `expect`) or its scenarios (after `extends`
//! and a test's `scenario`); after a number or `unit`, units; elsewhere the
//! keywords, the functions with their arguments, and the years of the plan's
//! period written its way.

use crate::analysis::Analysis;
use crate::index::{Symbol, Usage};
use crate::walk::Named;
use serde::Serialize;
use shihyo_core::model::RuleSpec;
use shihyo_core::syntax::ast::{Item, PlanSetting, YearRange};
use shihyo_core::syntax::language;
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{escaped, tr, FileId, Lang, Span, Year};

/// What a completion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CompletionKind {
    /// An indicator's name, inside quotes (`value("…")`, `data "…"`, `expect "…"`).
    Indicator,
    /// A scenario's or simulation's name, inside quotes (after `extends`, a test's `scenario`).
    Scenario,
    /// A word of the language (`outcome`, `baseline`, `by`), with its role as detail.
    Keyword,
    /// A function, inserted with its opening parenthesis (`sum(`).
    Function,
    /// A unit, after a number or `unit` (`件`, `千円`, `%`).
    Unit,
    /// A year of the plan's period or its base year, written as the plan writes years (`R5`, `令和5年度`).
    Year,
}

/// One completion: what is shown, what it says of itself, and the text that
/// replaces `replace` (the word or name typed so far).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// What is completed.
    pub kind: CompletionKind,
    /// What it says of itself (an indicator's keyword and unit, a keyword's role, a function's arguments); may be empty.
    pub detail: String,
    /// The text put in place of `replace` (a name escaped inside double quotes).
    pub insert: String,
    /// What is replaced: the word or name typed so far, in byte offsets of the plan's original text.
    pub replace: Span,
}

/// Units plans write, besides those of the plan's own rules.
const UNITS: [&str; 10] = ["%", "円", "千円", "万円", "百万円", "億円", "件", "人", "回", "箇所"];

/// Words after which a quoted name is a new one (nothing to complete).
const NAMING: [&str; 15] = [
    "plan",
    "group",
    "output",
    "outcome",
    "indicator",
    "milestone",
    "any",
    "all",
    "test",
    "case",
    "source",
    "basis",
    "id",
    "owner",
    "note",
];

/// The completions at a byte offset of the plan.
pub fn complete(analysis: &Analysis, file: FileId, offset: usize, lang: Lang) -> Vec<Completion> {
    if file != analysis.plan_file() {
        return Vec::new();
    }
    let text = analysis.source(file).original();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let line = &text[line_start..offset];
    match place(line) {
        Place::Comment => Vec::new(),
        Place::Quoted(open) => {
            let quote_len = line[open..].chars().next().map_or(1, char::len_utf8);
            let replace = line_start + open + quote_len..offset;
            let double = line[open..].starts_with('"');
            match quoted_name(&line[..open]) {
                Some(Named::Indicator) => indicator_names(analysis, replace, double, lang),
                Some(Named::Scenario) => scenario_names(analysis, replace, double),
                None => Vec::new(),
            }
        }
        Place::Code => {
            if let Some(unit_start) = unit_after_number(line) {
                return units(analysis, line_start + unit_start..offset);
            }
            let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
            let word_start = line.rfind(|c: char| !is_word(c)).map_or(0, |at| at + line[at..].chars().next().map_or(1, char::len_utf8));
            let replace = line_start + word_start..offset;
            if line[..word_start].trim_end().ends_with("unit") {
                return units(analysis, replace);
            }
            let mut completions = keywords(replace.clone(), lang);
            completions.extend(functions(replace.clone()));
            completions.extend(years(analysis, replace));
            completions
        }
    }
}

/// Where the end of a line (up to the cursor) is.
enum Place {
    /// In a comment.
    Comment,
    /// Inside a name or text whose quote opens at this byte of the line.
    Quoted(usize),
    Code,
}

fn place(line: &str) -> Place {
    // The open double quote, or the outermost open 「 and how deep 「」 nest inside it.
    let mut open: Option<(usize, bool)> = None;
    let mut depth = 0;
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        match (open, c) {
            (None, '/') if line[at..].starts_with("//") => return Place::Comment,
            (None, '"') => open = Some((at, true)),
            (None, '「') => (open, depth) = (Some((at, false)), 1),
            (Some((_, true)), '\\') => {
                chars.next();
            }
            (Some((_, true)), '"') => open = None,
            (Some((_, false)), '「') => depth += 1,
            (Some((_, false)), '」') => {
                depth -= 1;
                if depth == 0 {
                    open = None;
                }
            }
            _ => {}
        }
    }
    open.map_or(Place::Code, |(at, _)| Place::Quoted(at))
}

/// What a name opened after `before` (the line up to its quote) names: an indicator
/// (in `value("…")`, `sum("…")`, `data`, a projection, `expect`), a scenario (after
/// `extends`, and a test's `scenario`), or something new or no name (a rule's own
/// name, a group's title, a `source`, a grade): none.
fn quoted_name(before: &str) -> Option<Named> {
    let before = before.trim_end();
    // A second string after a first: a group's title after its id.
    if before.ends_with(['"', '」']) {
        return None;
    }
    let word_end = before.trim_end_matches(['{', '(', ',', ' ', '\t']);
    let previous = word_end.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("");
    match previous {
        "extends" => Some(Named::Scenario),
        // Inside a test (indented, or after its `{` on the line), `scenario` names one; at the
        // start of a line it defines one.
        "scenario" if before.starts_with(char::is_whitespace) || word_end.contains('{') => Some(Named::Scenario),
        "scenario" | "simulation" | "comment" | "outlook" | "grade" | "grades" => None,
        word if NAMING.contains(&word) => None,
        _ => Some(Named::Indicator),
    }
}

/// Where the unit being written just after a number starts in the line (`50|`,
/// `50件|`, `298,513千|`), if the cursor is there; a year (`R5`) is no number.
fn unit_after_number(line: &str) -> Option<usize> {
    let is_numeral = |c: char| c.is_ascii_digit() || "０１２３４５６７８９十百千万億兆".contains(c);
    let unit_start = line
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || is_numeral(*c) || c.is_ascii_punctuation() || "「」（）".contains(*c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let number = &line[..unit_start];
    let digits_start =
        number.char_indices().rev().find(|(_, c)| !(is_numeral(*c) || ",，.．".contains(*c))).map_or(0, |(at, c)| at + c.len_utf8());
    let before_digits = number[..digits_start].chars().next_back();
    let is_number = digits_start < unit_start && number[digits_start..].starts_with(is_numeral);
    (is_number && !before_digits.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(unit_start)
}

/// The plan's indicators, by the names their rules have (with kind and unit).
fn indicator_names(analysis: &Analysis, replace: Span, double: bool, lang: Lang) -> Vec<Completion> {
    let mut completions = Vec::new();
    if let Some(project) = analysis.project() {
        for rule in project.plan.rules.iter().filter(|rule| !matches!(rule.spec, RuleSpec::Composite { .. })) {
            let unit = if rule.unit.text.is_empty() { String::new() } else { format!(" · {}", rule.unit.text) };
            let derived = if rule.derivation().is_some() { tr!(" (derived)", "（算出）").get(lang).to_string() } else { String::new() };
            completions.push(name_completion(
                &rule.name,
                CompletionKind::Indicator,
                format!("{}{unit}{derived}", rule.kind.keyword()),
                &replace,
                double,
            ));
        }
        return completions;
    }
    // A plan with errors: the names its rules are written with, as parsed.
    let mut seen = Vec::new();
    for occurrence in analysis.index().all().iter().filter(|o| o.usage == Usage::Definition && matches!(o.symbol, Symbol::Indicator(_))) {
        if !seen.contains(&occurrence.symbol) {
            seen.push(occurrence.symbol.clone());
            completions.push(name_completion(&occurrence.name, CompletionKind::Indicator, String::new(), &replace, double));
        }
    }
    completions
}

/// The plan's scenarios and simulations.
fn scenario_names(analysis: &Analysis, replace: Span, double: bool) -> Vec<Completion> {
    let mut completions = Vec::new();
    for occurrence in analysis.index().all().iter().filter(|o| o.usage == Usage::Definition && matches!(o.symbol, Symbol::Scenario(_))) {
        completions.push(name_completion(&occurrence.name, CompletionKind::Scenario, "scenario".to_string(), &replace, double));
    }
    completions
}

/// A name inserted inside the quotes already typed (escaped in double quotes).
fn name_completion(name: &str, kind: CompletionKind, detail: String, replace: &Span, double: bool) -> Completion {
    let insert = if double { escaped(name) } else { name.to_string() };
    Completion { label: name.to_string(), kind, detail, insert, replace: replace.clone() }
}

fn keywords(replace: Span, lang: Lang) -> Vec<Completion> {
    language::KEYWORDS
        .iter()
        .map(|keyword| Completion {
            label: keyword.word.to_string(),
            kind: CompletionKind::Keyword,
            detail: keyword.role.description().get(lang).to_string(),
            insert: keyword.word.to_string(),
            replace: replace.clone(),
        })
        .collect()
}

fn functions(replace: Span) -> Vec<Completion> {
    language::FUNCTIONS
        .iter()
        .map(|function| Completion {
            label: function.name.to_string(),
            kind: CompletionKind::Function,
            detail: format!("{}({})", function.name, function.arguments),
            insert: format!("{}(", function.name),
            replace: replace.clone(),
        })
        .collect()
}

/// The units of the plan's rules, then the usual ones.
fn units(analysis: &Analysis, replace: Span) -> Vec<Completion> {
    let mut words: Vec<String> = Vec::new();
    if let Some(project) = analysis.project() {
        for rule in &project.plan.rules {
            if !rule.unit.text.is_empty() && !words.contains(&rule.unit.text) {
                words.push(rule.unit.text.clone());
            }
        }
    }
    for unit in UNITS {
        if !words.iter().any(|w| w == unit) {
            words.push(unit.to_string());
        }
    }
    words
        .into_iter()
        .map(|unit| Completion {
            label: unit.clone(),
            kind: CompletionKind::Unit,
            detail: String::new(),
            insert: unit,
            replace: replace.clone(),
        })
        .collect()
}

/// The years of the plan's period (and its baseline), written as the plan writes
/// them (`R5`, `令和5年度`, `FY2023`, `2023年度`): from the checked plan, or from its
/// header while the plan has errors.
fn years(analysis: &Analysis, replace: Span) -> Vec<Completion> {
    let Some((period, baseline)) = written_period(analysis) else { return Vec::new() };
    let text = analysis.source(analysis.plan_file()).original();
    let written = &text[period.first.span.clone()];
    let (style, in_kanji) = (YearStyle::of_written(written), written.contains('年'));
    let (first, last, calendar) = match analysis.project() {
        Some(project) => {
            let plan = &project.plan;
            (plan.baseline.map_or(plan.period.0, |baseline| baseline.min(plan.period.0)), plan.period.1, plan.calendar)
        }
        None => {
            let first = baseline.map_or(period.first.year.number, |b| b.number.min(period.first.year.number));
            (first, period.last.year.number, period.first.year.calendar)
        }
    };
    (first..=last)
        .map(|number| {
            let year = Year { number, calendar };
            let shown = if in_kanji { year.shown_ja(style) } else { year.shown(style) };
            let detail = if in_kanji { year.shown(style) } else { year.label_ja() };
            Completion { label: shown.clone(), kind: CompletionKind::Year, detail, insert: shown, replace: replace.clone() }
        })
        .collect()
}

/// The period and baseline the plan's header writes.
fn written_period(analysis: &Analysis) -> Option<(&YearRange, Option<Year>)> {
    let header = analysis.syntax().items.iter().find_map(|item| if let Item::Plan(plan) = item { Some(plan) } else { None })?;
    let period = header.settings.iter().find_map(|s| if let PlanSetting::Period(range, _) = s { Some(range) } else { None })?;
    let baseline = header.settings.iter().find_map(|s| if let PlanSetting::Baseline(year, _) = s { Some(year.year) } else { None });
    Some((period, baseline))
}
