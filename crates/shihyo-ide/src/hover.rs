//! What an editor shows when the pointer rests on a word: on an indicator, its
//! rule, its figures as of the latest year (the CLI's table) and how each was
//! computed (`shihyo explain`'s steps, each input with where it is written); on a
//! scenario, what it projects; on a year, every way to write it; on a number, its
//! exact value in base units; on a keyword or function, what it does. Markdown.

use crate::analysis::Analysis;
use crate::index::Symbol;
use crate::walk::{walk, Node};
use serde::Serialize;
use shihyo_core::model::units::{grouped, with_separators};
use shihyo_core::output::display::{field_label, figure_cells, figure_headings};
use shihyo_core::syntax::language;
use shihyo_core::syntax::number::UnitLiteral;
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{tr, FileId, Lang, Span, Year};
use shihyo_core::RuleId;
use std::fmt::Write as _;

/// The text to show, and the span of the word it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// The word it is about, in byte offsets of the hovered file's original text.
    pub span: Span,
    /// What to show, as Markdown, in the language asked.
    pub markdown: String,
}

/// The hover at a byte offset of a file of the analysis.
pub fn hover(analysis: &Analysis, file: FileId, offset: usize, lang: Lang) -> Option<Hover> {
    if let Some(occurrence) = analysis.index().at(file, offset) {
        let markdown = match &occurrence.symbol {
            Symbol::Indicator(key) => indicator(analysis, key, lang)?,
            Symbol::Scenario(key) => scenario(analysis, key, lang)?,
        };
        return Some(Hover { span: occurrence.span.clone(), markdown });
    }
    if file != analysis.plan_file() {
        return None;
    }
    literal(analysis, offset, lang).or_else(|| word(analysis, offset, lang))
}

/// An indicator's rule, figures and explanation; while the plan has errors, the line
/// that defines it, and why there are no figures.
fn indicator(analysis: &Analysis, key: &str, lang: Lang) -> Option<String> {
    let Some(project) = analysis.project() else { return written_rule(analysis, key, lang) };
    let plan = &project.plan;
    let id = plan.find_key(key)?;
    let rule = plan.rule(id);
    let mut out = String::new();
    let unit = if rule.unit.text.is_empty() { String::new() } else { format!(" · {}", rule.unit.text) };
    let _ = writeln!(out, "**{}** {}{unit}\n", rule.kind.keyword(), rule.name);
    let written = plan.quote(&rule.span).lines().next().unwrap_or("").trim().trim_end_matches('{').trim_end();
    let _ = writeln!(out, "```kpi\n{written}\n```\n");
    let Some(report) = analysis.report() else { return Some(out) };
    let result = report.rule(id);
    let as_of = report.as_of.shown_in(plan.years, lang);
    let _ = writeln!(out, "**{}**\n", tr!("as of {as_of}", "{as_of}時点").get(lang));
    let headings = figure_headings(lang);
    let cells = figure_cells(plan, report, result, lang);
    let _ = writeln!(out, "| {} |\n|{}\n| {} |\n", headings.join(" | "), "---|".repeat(headings.len()), cells.join(" | "));
    if let Some(message) = &result.message {
        let _ = writeln!(out, "{}\n", message.get(lang));
    }
    if !result.steps.is_empty() {
        let _ = writeln!(out, "**{}**\n", tr!("How each figure was computed", "計算の内訳").get(lang));
        for step in &result.steps {
            // A step that says its figure's name first is not labelled twice.
            let (label, text) = (field_label(step.field, lang), step.text.get(lang));
            match text.strip_prefix(label).filter(|rest| rest.starts_with([':', '：'])) {
                Some(_) => writeln!(out, "- {text}"),
                None => writeln!(out, "- {label}: {text}"),
            }
            .ok();
            for input in &step.inputs {
                let place = input.origin.as_ref().map_or_else(
                    || tr!("computed", "計算値").get(lang).to_string(),
                    |origin| analysis.source(origin.file).place(origin.span.start),
                );
                let shown = shihyo_core::model::units::quantity_shown(input.value, &plan.rule(input.rule).unit, plan.rates);
                let _ = writeln!(out, "  - {} = {shown} ({place})", input.label);
            }
        }
    }
    let readers = readers(analysis, id);
    if !readers.is_empty() {
        let _ = writeln!(out, "\n{} {}", tr!("Read by:", "参照元：").get(lang), readers.join(", "));
    }
    Some(out)
}

/// The line of the plan that defines an indicator, as parsed, for a plan with errors.
fn written_rule(analysis: &Analysis, key: &str, lang: Lang) -> Option<String> {
    let symbol = Symbol::Indicator(key.to_string());
    let definition = analysis.index().of(&symbol).find(|o| o.usage == crate::Usage::Definition && o.file == analysis.plan_file())?;
    let text = analysis.source(analysis.plan_file()).original();
    let start = text[..definition.span.start].rfind('\n').map_or(0, |at| at + 1);
    let end = text[definition.span.end..].find('\n').map_or(text.len(), |at| definition.span.end + at);
    let line = text[start..end].trim();
    let note = tr!("Its figures show once the plan has no errors.", "計画のエラーがなくなると、数値が表示されます。");
    Some(format!("```kpi\n{line}\n```\n\n{}", note.get(lang)))
}

/// The rules whose target or derivation names the indicator.
fn readers(analysis: &Analysis, id: RuleId) -> Vec<String> {
    let Some(project) = analysis.project() else { return Vec::new() };
    let plan = &project.plan;
    let symbol = Symbol::Indicator(plan.rule(id).key.clone());
    let mut names: Vec<String> = analysis
        .index()
        .of(&symbol)
        .filter(|o| o.usage == crate::Usage::Reference && o.file == analysis.plan_file())
        // The innermost rule around the name (a member, not its `any`/`all`).
        .filter_map(|o| {
            let around = plan.rules.iter().filter(|rule| rule.span.start <= o.span.start && o.span.end <= rule.span.end);
            around.min_by_key(|rule| rule.span.len())
        })
        .map(|rule| format!("「{}」", rule.name))
        .collect();
    names.dedup();
    names
}

/// A scenario's line and the indicators it projects.
fn scenario(analysis: &Analysis, key: &str, lang: Lang) -> Option<String> {
    let project = analysis.project()?;
    let plan = &project.plan;
    let scenario = plan.scenarios.iter().find(|s| s.key == key)?;
    let kind = if scenario.simulation.is_some() { "simulation" } else { "scenario" };
    let mut out = format!("**{kind}** {}\n\n", scenario.name);
    let projected: Vec<String> = scenario.projections.iter().map(|p| format!("「{}」", plan.rule(p.rule).name)).collect();
    let _ = writeln!(out, "{} {}", tr!("Projects:", "見込みを置く指標：").get(lang), projected.join(", "));
    Some(out)
}

/// A year or a number of the plan at the offset.
fn literal(analysis: &Analysis, offset: usize, lang: Lang) -> Option<Hover> {
    let mut found = None;
    walk(&analysis.syntax().items, &mut |node| {
        let (span, markdown) = match node {
            Node::Year(year) => (&year.span, year_forms(analysis, year.year, lang)),
            Node::Quantity(quantity) => (&quantity.span, exact_value(quantity.value, &quantity.unit, lang)),
            Node::Name { .. } => return,
        };
        if found.is_none() && span.start <= offset && offset <= span.end {
            found = Some(Hover { span: span.clone(), markdown });
        }
    });
    found
}

/// Every way to write a year, its dates, and whether it is in the plan's period.
fn year_forms(analysis: &Analysis, year: Year, lang: Lang) -> String {
    let mut forms = vec![year.label(), year.label_ja()];
    for style in [YearStyle::Era, YearStyle::Western] {
        forms.push(year.shown(style));
        forms.push(year.shown_ja(style));
    }
    let mut unique = Vec::new();
    for form in forms {
        if !unique.contains(&form) {
            unique.push(form);
        }
    }
    let mut out = unique.iter().map(|form| format!("`{form}`")).collect::<Vec<_>>().join(" = ");
    if let (Some(first), Some(last)) = (year.first_day(), year.last_day()) {
        let (from, to) = (first.format("%Y-%m-%d"), last.format("%Y-%m-%d"));
        let _ = write!(out, "\n\n{}", tr!("from {from} to {to}", "{from} から {to} まで").get(lang));
    }
    if let Some(project) = analysis.project() {
        let (first, last) = project.plan.period;
        let inside = (first..=last).contains(&year.number);
        let period = format!("{}..{}", Year { number: first, ..year }.label(), Year { number: last, ..year }.label());
        let words = if inside {
            tr!("in the plan's period ({period})", "計画期間（{period}）内")
        } else {
            tr!("outside the plan's period ({period})", "計画期間（{period}）外")
        };
        let _ = write!(out, " · {}", words.get(lang));
    }
    out
}

/// A number's exact value in base units (`4億2,148万1千円` = 421,481,000円).
fn exact_value(value: rust_decimal::Decimal, unit: &UnitLiteral, lang: Lang) -> String {
    match unit {
        UnitLiteral::Plain => format!("= {}", with_separators(value.normalize())),
        UnitLiteral::Percent => {
            let ratio = with_separators(value.normalize());
            format!("= {} ({})", ratio, tr!("a ratio: {ratio} × 100%", "比率：{ratio} × 100%").get(lang))
        }
        UnitLiteral::Yen { .. } => format!("= {}円", with_separators(value.normalize())),
        UnitLiteral::Count(word) => format!("= {}{word}", grouped(value)),
    }
}

/// A keyword's role or a function's signature, for the word at the offset.
fn word(analysis: &Analysis, offset: usize, lang: Lang) -> Option<Hover> {
    let text = analysis.source(analysis.plan_file()).original();
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].char_indices().rev().find(|(_, c)| !is_word(*c)).map_or(0, |(at, c)| at + c.len_utf8());
    let end = text[offset..].find(|c: char| !is_word(c)).map_or(text.len(), |at| offset + at);
    let word = text.get(start..end).filter(|w| !w.is_empty())?;
    let followed_by_call = text[end..].trim_start().starts_with('(');
    let markdown = match language::FUNCTIONS.iter().find(|f| f.name == word) {
        Some(function) if followed_by_call || !language::is_keyword(word) => {
            format!("```kpi\n{}({})\n```\n\n{} `{}`", function.name, function.arguments, tr!("e.g.", "例：").get(lang), function.example)
        }
        _ => {
            let keyword = language::KEYWORDS.iter().find(|k| k.word == word)?;
            format!("`{word}`: {}", keyword.role.description().get(lang))
        }
    };
    Some(Hover { span: start..end, markdown })
}
