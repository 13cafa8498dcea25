//! What an editor offers while a plan is typed: inside quotes, the names of
//! the plan's indicators (in `value("…")`, `sum("…")`, a `data` block, a
//! scenario's projection, a test's `expect`) or its scenarios (after `extends`
//! and a test's `scenario`); after a number or `unit`, units; elsewhere the
//! keywords, the functions with their arguments, and the years of the plan's
//! period written its way.

use crate::analysis::Analysis;
use crate::index::{Symbol, Usage};
use serde::Serialize;
use shihyo_core::model::RuleSpec;
use shihyo_core::syntax::ast::{Item, PlanSetting, YearRange};
use shihyo_core::syntax::language::{self, Role};
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{tr, FileId, Lang, Span, Year};

/// What a completion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CompletionKind {
    Indicator,
    Scenario,
    Keyword,
    Function,
    Unit,
    Year,
}

/// One completion: what is shown, what it says of itself, and the text that
/// replaces `replace` (the word or name typed so far).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: String,
    pub insert: String,
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
    if let Some(open) = open_quote(line) {
        let before = line[..open].trim_end();
        let previous = before.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("");
        let quote_len = line[open..].chars().next().map_or(1, char::len_utf8);
        let replace = line_start + open + quote_len..offset;
        let double = line[open..].starts_with('"');
        return if previous == "extends" || (previous == "scenario" && line.starts_with(char::is_whitespace)) {
            scenario_names(analysis, replace, double)
        } else if NAMING.contains(&previous) || matches!(previous, "scenario" | "simulation" | "comment" | "outlook") {
            Vec::new()
        } else {
            indicator_names(analysis, replace, double, lang)
        };
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let word_start = line.rfind(|c: char| !is_word(c)).map_or(0, |at| at + line[at..].chars().next().map_or(1, char::len_utf8));
    let replace = line_start + word_start..offset;
    let before = line[..word_start].trim_end();
    let after_number = line[..word_start].ends_with(|c: char| c.is_ascii_digit() || "０１２３４５６７８９万億千百".contains(c));
    if after_number || before.ends_with("unit") {
        return units(analysis, replace);
    }
    let mut completions = keywords(replace.clone(), lang);
    completions.extend(functions(replace.clone()));
    completions.extend(years(analysis, replace));
    completions
}

/// Where the quote still open at the end of `line` starts, if one is.
fn open_quote(line: &str) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        match (open.map(|start| line[start..].starts_with('"')), c) {
            (None, '/') if line[at..].starts_with("//") => return None,
            (None, '"' | '「') => open = Some(at),
            (Some(true), '\\') => {
                chars.next();
            }
            (Some(true), '"') | (Some(false), '」') => open = None,
            _ => {}
        }
    }
    open
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
    let insert = if double { name.replace('\\', "\\\\").replace('"', "\\\"") } else { name.to_string() };
    Completion { label: name.to_string(), kind, detail, insert, replace: replace.clone() }
}

fn keywords(replace: Span, lang: Lang) -> Vec<Completion> {
    language::KEYWORDS
        .iter()
        .filter(|keyword| !matches!(keyword.role, Role::Field | Role::Remark))
        .map(|keyword| Completion {
            label: keyword.word.to_string(),
            kind: CompletionKind::Keyword,
            detail: role_detail(keyword.role).get(lang).to_string(),
            insert: keyword.word.to_string(),
            replace: replace.clone(),
        })
        .collect()
}

fn role_detail(role: Role) -> shihyo_core::syntax::Localized {
    match role {
        Role::Statement | Role::Composite => tr!("statement", "文"),
        Role::PlanSetting => tr!("plan setting", "計画の設定"),
        Role::SettingValue => tr!("setting value", "設定の値"),
        Role::RuleOption => tr!("rule option", "ルールのオプション"),
        Role::Meta => tr!("note", "注記"),
        Role::DataValue => tr!("data value", "データの値"),
        Role::Scenario | Role::Distribution => tr!("scenario", "シナリオ"),
        Role::Test | Role::Field | Role::Remark => tr!("test", "テスト"),
    }
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
/// them: from the checked plan, or from its header while the plan has errors.
fn years(analysis: &Analysis, replace: Span) -> Vec<Completion> {
    let (first, last, calendar, style) = match analysis.project() {
        Some(project) => {
            let plan = &project.plan;
            (plan.baseline.map_or(plan.period.0, |baseline| baseline.min(plan.period.0)), plan.period.1, plan.calendar, plan.years)
        }
        None => {
            let Some((period, baseline)) = written_period(analysis) else { return Vec::new() };
            let text = analysis.source(analysis.plan_file()).original();
            let style = YearStyle::of_written(&text[period.first.span.clone()]);
            let first = baseline.map_or(period.first.year.number, |b| b.number.min(period.first.year.number));
            (first, period.last.year.number, period.first.year.calendar, style)
        }
    };
    (first..=last)
        .map(|number| {
            let year = Year { number, calendar };
            Completion {
                label: year.shown(style),
                kind: CompletionKind::Year,
                detail: year.label_ja(),
                insert: year.shown(style),
                replace: replace.clone(),
            }
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
