//! Syntax errors as people read them: what was found, what the grammar expected (in words, from the language's tables), and a suggestion for a misspelt keyword.

use super::*;
use crate::diagnostic::{closest, Localized};
use crate::language::{self, Role};
use crate::tr;

impl Builder<'_> {
    pub(super) fn syntax_error(&mut self, error: &pest::error::Error<Syntax>, chunk_start: usize, chunk_end: usize) {
        let position = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((p, _)) => p,
        };
        let text = self.source.normalized();
        let rest = &text[chunk_start + position..chunk_end];
        let token = rest.trim_start_matches(BLANKS);
        let found = found_token(token);
        // The span starts at the token, after any blanks before it.
        let mut at = chunk_start + position + (rest.len() - token.len());
        if found.is_empty() {
            // The statement ended early: point just after its last token, not at what follows.
            at = end_of_last_token(text, at, &self.comments);
        }
        let span = self.source.span_to_original(at..at + found.len().max(if at < text.len() { 1 } else { 0 }));
        let expected = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
            pest::error::ErrorVariant::CustomError { .. } => tr!("valid syntax", "正しい構文"),
        };
        let found_text = if found.is_empty() && chunk_end < text.len() {
            tr!("the end of the statement", "文の終わり")
        } else if found.is_empty() {
            tr!("the end of the file", "ファイルの終わり")
        } else {
            let shown = self.source.original()[span.clone()].to_string();
            tr!("`{shown}`", "「{shown}」")
        };
        let (en, ja) = (&found_text.en, &found_text.ja);
        let (expected_en, expected_ja) = (&expected.en, &expected.ja);
        let diagnostic = self.error(
            Code::E0001,
            span,
            tr!("unexpected {en}: expected {expected_en}", "{ja} は使えません。ここには{expected_ja}が必要です"),
        );
        if let Some(hint) = syntax_hint(found) {
            diagnostic.hint = Some(hint);
        }
    }
}

/// The most characters of the found token an error message shows.
const FOUND_TOKEN_CHARS: usize = 20;

/// The token that `rest` (the text from an error position, past blanks) starts with, for the message.
pub(super) fn found_token(rest: &str) -> &str {
    let Some(first) = rest.chars().next() else { return "" };
    let end = if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    // A long run of letters (a sentence of kanji) is shown by its first characters.
    let shown = rest.char_indices().nth(FOUND_TOKEN_CHARS).map_or(rest.len(), |(index, _)| index);
    &rest[..end.min(shown)]
}

/// A suggestion for a misspelt keyword.
pub(super) fn syntax_hint(found: &str) -> Option<Localized> {
    if found.is_empty() || !found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return match found {
            "=" => Some(tr!("comparisons are written `==`, `>=` or `<=`", "比較は `==`、`>=`、`<=` のように書きます")),
            "“" | "”" => Some(tr!("names are quoted with \"…\" or 「…」", "名前は \"…\" または「…」で囲みます")),
            _ => None,
        };
    }
    if language::is_keyword(found) {
        return None;
    }
    closest(found, language::keyword_words()).map(|keyword| tr!("did you mean `{keyword}`?", "`{keyword}` のことですか？"))
}

/// Human words for what the grammar expected.
pub(super) fn describe_expected(rules: &[Syntax]) -> Localized {
    // The lists of words come from the language's table, so they cannot drift from it.
    let statements = (
        format!("a statement ({})", language::quoted_list(language::words_of(Role::Statement), ", ")),
        format!("文（{}）", language::quoted_list(language::words_of(Role::Statement), "、")),
    );
    let settings = (
        format!("a plan setting ({})", language::quoted_list(language::words_of(Role::PlanSetting), ", ")),
        format!("計画の設定（{}）", language::quoted_list(language::words_of(Role::PlanSetting), "、")),
    );
    let meta: Vec<String> = language::words_of(Role::Meta).map(|w| format!("`{w}`")).collect();
    let meta: Vec<&str> = meta.iter().map(String::as_str).collect();
    let meta = (join_alternatives(&meta, ", ", " or "), meta.join("、"));
    let mut en: Vec<&str> = Vec::new();
    let mut ja: Vec<&str> = Vec::new();
    for expected in rules {
        let (e, j) = match expected {
            Syntax::EOI => ("the end of the file", "ファイルの終わり"),
            Syntax::plan
            | Syntax::kw_plan
            | Syntax::group
            | Syntax::kw_group
            | Syntax::rule
            | Syntax::rule_kind
            | Syntax::milestone
            | Syntax::composite
            | Syntax::composite_mode
            | Syntax::data
            | Syntax::kw_data
            | Syntax::scenario
            | Syntax::kw_scenario
            | Syntax::simulation
            | Syntax::kw_simulation => (statements.0.as_str(), statements.1.as_str()),
            Syntax::name | Syntax::string => ("a name in quotes", "引用符で囲んだ名前"),
            Syntax::comparator => ("a comparison (`>=`, `<=`, `>`, `<`, `==`)", "比較（`>=`、`<=`、`>`、`<`、`==`）"),
            Syntax::target
            | Syntax::expr
            | Syntax::operand
            | Syntax::primary
            | Syntax::quantity
            | Syntax::signed_quantity
            | Syntax::number
            | Syntax::call
            | Syntax::parenthesized
            | Syntax::baseline_ref
            | Syntax::negation
            | Syntax::tbd
            | Syntax::schedule => ("a target (a number, `baseline`, a function or `tbd`)", "目標（数値、`baseline`、関数、`tbd`）"),
            Syntax::year | Syntax::year_range => ("a year (`R7`, `令和7年度`, `FY2025`)", "年度（`R7`、`令和7年度`、`FY2025`）"),
            Syntax::unit_clause
            | Syntax::from_clause
            | Syntax::by_clause
            | Syntax::every_year
            | Syntax::meta_block
            | Syntax::aggregate
            | Syntax::derivation
            | Syntax::qualitative => (
                "a rule option (`unit`, `from`, `by`, `every year`, `{ … }`)",
                "ルールの指定（`unit`、`from`、`by`、`every year`、`{ … }`）",
            ),
            Syntax::unit_name | Syntax::unit_word => ("a unit (`件`, `人`, `千円`, `%`)", "単位（`件`、`人`、`千円`、`%`）"),
            Syntax::meta_item | Syntax::meta_key => (meta.0.as_str(), meta.1.as_str()),
            Syntax::data_entry => ("a year and value (`R5: 1,200`)", "年度と値（`R5: 1,200`）"),
            Syntax::done | Syntax::hand_grade => ("a value (a number, `done` or `grade B`)", "値（数値、`done`、`grade B`）"),
            Syntax::grade_step | Syntax::grade_name | Syntax::grade_word => ("a grade (`A >= 100%`)", "評価（`A >= 100%`）"),
            Syntax::period | Syntax::plan_baseline | Syntax::achievement | Syntax::rollup | Syntax::calendar | Syntax::grades => {
                (settings.0.as_str(), settings.1.as_str())
            }
            Syntax::achievement_formula => ("`ratio` or `progress`", "`ratio` または `progress`"),
            Syntax::extends | Syntax::runs | Syntax::seed => ("`extends`, `runs`, `seed` or `{`", "`extends`、`runs`、`seed` または `{`"),
            Syntax::projection => ("a projection (`\"NAME\" grows 8% per year`)", "見通し（`\"名前\" grows 8% per year`）"),
            Syntax::growth | Syntax::level | Syntax::trend => {
                ("`grows`, `= … per year` or `trend`", "`grows`、`= … per year` または `trend`")
            }
            Syntax::amount | Syntax::steady | Syntax::distribution | Syntax::distribution_name => (
                "an amount (`8%`, `normal(8%, 3%)`, `uniform(…)`, `triangular(…)`)",
                "量（`8%`、`normal(8%, 3%)`、`uniform(…)`、`triangular(…)`）",
            ),
            Syntax::per_year => ("`per year`", "`per year`"),
            Syntax::rollup_mode => ("`lowest` or `average`", "`lowest` または `average`"),
            Syntax::add | Syntax::subtract | Syntax::multiply | Syntax::divide => ("an operator", "演算子"),
            Syntax::argument => ("an argument", "引数"),
            _ => continue,
        };
        if !en.contains(&e) {
            en.push(e);
            ja.push(j);
        }
    }
    if en.len() > 1 {
        // "the end of the file" adds nothing next to what could continue the file.
        if let Some(index) = en.iter().position(|e| *e == "the end of the file") {
            en.remove(index);
            ja.remove(index);
        }
    }
    if en.is_empty() {
        return tr!("something else", "別の記述");
    }
    let en_text = join_alternatives(&en, ", ", " or ");
    let ja_text = join_alternatives(&ja, "、", "、または");
    tr!("{en_text}", "{ja_text}")
}

pub(super) fn join_alternatives(items: &[&str], separator: &str, last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(separator)),
    }
}
