//! Syntax errors as people read them: what was found, what the grammar expected (in words, from the language's tables), and a suggestion for a misspelt keyword; and brackets and quotes that do not pair up, told where they opened.

use super::*;
use crate::diagnostic::{closest, Fix, Localized};
use crate::language::{self, Role};
use crate::lexical::Unpaired;
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
        let positives: &[Syntax] = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
            pest::error::ErrorVariant::CustomError { .. } => &[],
        };
        let expected = describe_expected(positives);
        let (expected_en, expected_ja) = (&expected.en, &expected.ja);
        let before = &text[chunk_start..at];
        if let Some((message, hint)) = common_slip(before, token, found, positives) {
            self.error(Code::E0001, span, message).hint = Some(hint);
            return;
        }
        let message = if found.is_empty() && chunk_end < text.len() {
            tr!("the statement ends too early: expected {expected_en}", "文が途中で終わっています。ここには{expected_ja}を書きます")
        } else if found.is_empty() {
            tr!("the file ends too early: expected {expected_en}", "ファイルが途中で終わっています。ここには{expected_ja}を書きます")
        } else {
            let shown = self.source.original()[span.clone()].to_string();
            tr!("unexpected `{shown}`: expected {expected_en}", "「{shown}」はここには書けません。ここに書けるのは{expected_ja}です")
        };
        let in_header = positives.contains(&Syntax::period);
        let diagnostic = self.error(Code::E0001, span.clone(), message);
        let wants_name = positives.iter().any(|p| matches!(p, Syntax::name | Syntax::string | Syntax::argument));
        let sentence = (found.chars().count() >= FOUND_TOKEN_CHARS / 2 && !found.is_ascii()).then(|| {
            tr!(
                "a sentence is not a statement: keep it as a comment (`// …`) or as a rule's `source \"…\"`",
                "文章はそのままでは書けません。コメント（`// …`）か、ルールの `source \"…\"` にしてください"
            )
        });
        let in_rule = positives.contains(&Syntax::comparator);
        if let Some(hint) = misplaced_setting(found, in_header, in_rule) {
            diagnostic.hint = Some(hint);
        } else if let Some(hint) = word_hint(found) {
            diagnostic.hint = Some(hint);
        } else if let Some(fix) = word_fix(found, wants_name) {
            diagnostic.hint = Some(fix.hint());
            // A name is fixed by quoting it only where the word found is all of it (not
            // `窓口` of `窓口・電話口での市民満足度`, nor the first characters of a long one).
            let whole = token[found.len()..].chars().next().is_none_or(|c| c.is_whitespace() || "<>=!≥≤),:{}".contains(c));
            if whole || matches!(fix, WordFix::Keyword(_)) {
                diagnostic.fix = Some(Fix { span, replacement: fix.replacement() });
            }
        } else {
            diagnostic.hint = sentence;
        }
    }
}

impl Builder<'_> {
    /// E0002: a bracket or quote that does not pair up, at its opener, with where
    /// the file, the line or the other bracket ended it.
    pub(super) fn unpaired_error(&mut self, unpaired: Unpaired) {
        let text = self.source.normalized();
        let (file, source) = (self.file, self.source);
        let span = |at: usize, c: char| source.span_to_original(at..at + c.len_utf8());
        let place = |at: usize| source.line_column(source.span_to_original(at..at).start);
        let diagnostic = match unpaired {
            Unpaired::Open { opener, at, closed_by: None } => {
                let (line, _) = place(at);
                let end = text.len();
                let (end_line, _) = place(end);
                let what = if opener == '{' { opened_by(text, at) } else { String::new() };
                let hint = match opener {
                    '{' => tr!("write `}}` after the block's last line", "ブロックの最後の行の後に `}}` を書いてください"),
                    '(' => {
                        tr!("write `)` where the expression ends: `min(100, 200)`", "式の終わりに `)` を書いてください：`min(100, 200)`")
                    }
                    _ => tr!("close the name with `」`: `「電子申請件数」`", "名前を `」` で閉じてください：`「電子申請件数」`"),
                };
                let message = match opener {
                    '{' => tr!(
                        "the `{{` of `{what}` is never closed: the file ends before its `}}`",
                        "「{what}」の `{{` が閉じられていません。`}}` がないままファイルが終わっています"
                    ),
                    '(' => tr!(
                        "this `(` is never closed: the file ends before its `)`",
                        "この `(` が閉じられていません。`)` がないままファイルが終わっています"
                    ),
                    _ => tr!(
                        "this `「` is never closed: the file ends before its `」`",
                        "この `「` が閉じられていません。`」` がないままファイルが終わっています"
                    ),
                };
                Diagnostic::error(Code::E0002, file, span(at, opener), message)
                    .with_related(
                        file,
                        source.span_to_original(end..end),
                        tr!(
                            "the file ends here, at line {end_line}, with the `{opener}` of line {line} still open",
                            "ここ（{end_line} 行目）でファイルが終わります。{line} 行目の `{opener}` は開いたままです"
                        ),
                    )
                    .with_hint(hint)
            }
            Unpaired::Open { opener, at, closed_by: Some((closer, closer_at)) } => {
                let wanted = if opener == '(' { ')' } else { '}' };
                let (line, column) = place(closer_at);
                Diagnostic::error(
                    Code::E0002,
                    file,
                    span(at, opener),
                    tr!(
                        "this `{opener}` is not closed: a `{closer}` at line {line}, column {column} comes before its `{wanted}`",
                        "この `{opener}` が閉じられていません。`{wanted}` より先に {line} 行 {column} 列の `{closer}` が来ています"
                    ),
                )
                .with_related(file, span(closer_at, closer), tr!("this `{closer}` comes first", "先に来ている `{closer}`"))
                .with_hint(tr!("write `{wanted}` before the `{closer}`", "`{closer}` の前に `{wanted}` を書いてください"))
            }
            Unpaired::Name { at, line_end } => Diagnostic::error(
                Code::E0002,
                file,
                span(at, '"'),
                tr!("this name's `\"` is not closed on its line", "この名前の `\"` が行の中で閉じられていません"),
            )
            .with_related(
                file,
                source.span_to_original(line_end..line_end),
                tr!("the line ends here without `\"`", "`\"` がないまま、ここで行が終わっています"),
            )
            .with_hint({
                let name = text[at + 1..line_end].split(BLANKS).next().filter(|n| !n.is_empty()).unwrap_or("電子申請件数");
                tr!("close the name with `\"`: `\"{name}\"`", "名前を `\"` で閉じてください：`\"{name}\"`")
            }),
            Unpaired::Stray { closer, at } => {
                let opener = if closer == ')' { '(' } else { '{' };
                Diagnostic::error(
                    Code::E0002,
                    file,
                    span(at, closer),
                    tr!("this `{closer}` closes nothing: no `{opener}` is open here", "この `{closer}` に対応する `{opener}` がありません"),
                )
                .with_hint(tr!(
                    "remove it, or write the `{opener}` it closes",
                    "この `{closer}` を消すか、対応する `{opener}` を書いてください"
                ))
            }
        };
        self.diagnostics.push(diagnostic);
    }
}

/// What a `{` opens, as written before it: `group "窓口サービス"`, `plan "t"`, `data "x"`.
fn opened_by(text: &str, at: usize) -> String {
    let before = &text[..at];
    // A `{` on its own line belongs to the last line above it with words (not a comment).
    let what = before.rsplit('\n').map(str::trim).find(|line| !line.is_empty() && !line.starts_with("//")).unwrap_or("");
    let shown = what.char_indices().nth(FOUND_TOKEN_CHARS * 2).map_or(what.len(), |(index, _)| index);
    what[..shown].to_string()
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

/// Where a plan setting written elsewhere belongs (`period` inside a group, `grades` inside a rule).
fn misplaced_setting(found: &str, in_header: bool, in_rule: bool) -> Option<Localized> {
    let setting = language::words_of(Role::PlanSetting).find(|w| *w == found)?;
    // `baseline` is also a function: in a rule it is a target without its comparator.
    if in_header || (in_rule && setting == "baseline") {
        return None;
    }
    Some(match setting {
        "rollup" | "grades" | "points" => tr!(
            "`{setting}` belongs in the `plan {{ … }}` header or at the top of a `group {{ … }}`, not in a rule",
            "`{setting}` は `plan {{ … }}` の見出しか `group {{ … }}` の中に書きます。ルールの中には書けません"
        ),
        _ => tr!(
            "`{setting}` is a setting of the whole plan: write it in the `plan {{ … }}` header (in a group, only `rollup`, `grades`, `points` and metadata are settings)",
            "`{setting}` は計画全体の設定です。`plan {{ … }}` の見出しに書いてください（グループの設定は `rollup`・`grades`・`points` とメタデータだけです）"
        ),
    })
}

/// The slips people make most, told as what they are instead of what the grammar
/// expected: a space between a number and its unit (`100 件`), a period joined
/// with `-` (`R3-R7`), a data entry without its `:` (`R5 90`). `before` is the
/// statement's text up to the error, `rest` the text from it.
fn common_slip(before: &str, rest: &str, found: &str, positives: &[Syntax]) -> Option<(Localized, Localized)> {
    let spaced = before.len() > before.trim_end_matches(BLANKS).len();
    let number_before = before.trim_end_matches(BLANKS);
    let digits = number_before.len() - number_before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.').len();
    // A whole number (not the digits of `R7`), followed by a word that can only be a unit.
    let whole = !number_before[..number_before.len() - digits].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    let unit = rest.split(|c: char| BLANKS.contains(&c) || "}),;".contains(c)).next().unwrap_or(found);
    let unit_like = found.chars().next().is_some_and(|c| c == '%' || (!c.is_ascii() && !"「」（）".contains(c)))
        && crate::year::Year::parse(unit).is_err()
        && !["年", "末", "まで", "以上", "以下", "未満", "超"].iter().any(|word| unit.contains(word));
    if spaced && digits > 0 && whole && unit_like && !language::is_keyword(found) {
        let number = &number_before[number_before.len() - digits..];
        return Some((
            tr!("a space between the number and its unit `{unit}`", "数値と単位「{unit}」の間に空白があります"),
            tr!("write them together: `{number}{unit}`", "続けて書いてください：`{number}{unit}`"),
        ));
    }
    if found == ">" && number_before.ends_with('=') {
        return Some((
            tr!("`=>` is not a comparison", "`=>` は比較ではありません"),
            tr!("write `>=` (at least) or `<=` (at most)", "`>=`（以上）か `<=`（以下）と書いてください"),
        ));
    }
    if found.chars().all(|c| c.is_ascii_digit()) && (number_before.ends_with("FY") || number_before.ends_with("CY")) {
        return Some((
            tr!("a western year has four digits", "西暦の年は4桁で書きます"),
            tr!("write `FY2025`, or the era's year `R7`", "`FY2025` か、元号で `R7` と書いてください"),
        ));
    }
    let year = found_year(rest);
    if let Some((year, after)) = year {
        let next = after.trim_start_matches(BLANKS);
        let wants_range = positives.iter().any(|p| matches!(p, Syntax::year_range | Syntax::year));
        if wants_range && next.starts_with(['-', '~', '〜', '～', '−', '–']) {
            let last = next[next.chars().next().map_or(0, char::len_utf8)..].split(BLANKS).next().unwrap_or("R7");
            return Some((
                tr!("a range of years is joined with `..`", "年度の範囲は `..` でつなぎます"),
                tr!("write `{year}..{last}`", "`{year}..{last}` と書いてください"),
            ));
        }
        if positives.contains(&Syntax::data_entry) && !next.starts_with(':') {
            let value = next.split(BLANKS).next().filter(|v| !v.is_empty() && *v != "}").unwrap_or("90");
            return Some((
                tr!("`:` is missing after `{year}`", "年度「{year}」の後に `:` がありません"),
                tr!("write `{year}: {value}`", "`{year}: {value}` と書いてください"),
            ));
        }
    }
    None
}

/// The year `rest` starts with, as written, and the text after it.
fn found_year(rest: &str) -> Option<(&str, &str)> {
    let end = rest.find(|c: char| BLANKS.contains(&c) || "-~〜～−–:}),".contains(c)).unwrap_or(rest.len());
    let word = &rest[..end];
    (!word.is_empty() && crate::year::Year::parse(word).is_ok()).then_some((word, &rest[end..]))
}

/// A hint for a word written where the language has another (`=` for `==`, `まで` for `by`).
pub(super) fn word_hint(found: &str) -> Option<Localized> {
    match found {
        "=" => Some(tr!("comparisons are written `==`, `>=` or `<=`", "比較は `==`、`>=`、`<=` のように書きます")),
        "“" | "”" => Some(tr!("names are quoted with \"…\" or 「…」", "名前は \"…\" または「…」で囲みます")),
        "末" => Some(tr!("a year is written without 末: `by 令和7年度`", "年度に「末」は付けません：`by 令和7年度`")),
        "to" | "until" | "まで" => {
            Some(tr!("the target year is written with `by`: `from R1 by R7`", "目標年度は `by` で書きます：`from R1 by R7`"))
        }
        "年" => Some(tr!(
            "a fiscal year is `R5` or `令和5年度`, a calendar year `2023年`",
            "年度なら `R5` か `令和5年度`、暦年なら `2023年` と書きます"
        )),
        _ => None,
    }
}

/// What a word the grammar did not expect should be written as.
pub(super) enum WordFix {
    /// A name without its quotes: the name quoted.
    Quote(String),
    /// A misspelt keyword: the keyword.
    Keyword(&'static str),
}

impl WordFix {
    pub(super) fn hint(&self) -> Localized {
        match self {
            WordFix::Quote(quoted) => tr!("names are written in quotes: `{quoted}`", "名前は引用符で囲みます：`{quoted}`"),
            WordFix::Keyword(keyword) => tr!("did you mean `{keyword}`?", "`{keyword}` のことですか？"),
        }
    }

    pub(super) fn replacement(self) -> String {
        match self {
            WordFix::Quote(quoted) => quoted,
            WordFix::Keyword(keyword) => keyword.to_string(),
        }
    }
}

/// A name written without quotes where one is wanted, or a misspelt keyword.
pub(super) fn word_fix(found: &str, wants_name: bool) -> Option<WordFix> {
    let word = !found.is_empty() && found.chars().all(|c| c.is_alphanumeric() || c == '_');
    if wants_name && word && !language::is_keyword(found) {
        return Some(WordFix::Quote(crate::quoted(found)));
    }
    if !word || !found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || language::is_keyword(found) {
        return None;
    }
    closest(found, language::keyword_words()).map(WordFix::Keyword)
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
            | Syntax::kw_simulation
            | Syntax::test
            | Syntax::kw_test => (statements.0.as_str(), statements.1.as_str()),
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
            Syntax::remarks | Syntax::remark | Syntax::remark_key => {
                ("remarks (`{ comment \"…\" outlook \"…\" owner \"…\" }`)", "コメント（`{ comment \"…\" outlook \"…\" owner \"…\" }`）")
            }
            Syntax::done | Syntax::hand_grade => ("a value (a number, `done` or `grade B`)", "値（数値、`done`、`grade B`）"),
            Syntax::grade_step | Syntax::grade_name | Syntax::grade_word => ("a grade (`A >= 100%`)", "評価（`A >= 100%`）"),
            Syntax::point_step => ("points (`7 >= 100%`)", "点数（`7 >= 100%`）"),
            Syntax::threshold | Syntax::conditions | Syntax::kw_when => {
                ("a threshold (`>= 80%`) or `when`", "基準（`>= 80%`）または `when`")
            }
            Syntax::condition | Syntax::figure => (
                "a figure (`actual`, `achievement`, `pace`, `progress`, `change`, `points`)",
                "数値の種類（`actual`、`achievement`、`pace`、`progress`、`change`、`points`）",
            ),
            Syntax::kw_and => ("`and`", "`and`"),
            Syntax::benchmark | Syntax::benchmark_word => {
                ("`target`, `baseline`, `expected` or a number", "`target`、`baseline`、`expected` または数値")
            }
            // In a group only `rollup`, `grades` and `points` may stand: not every plan setting.
            Syntax::rollup | Syntax::grades | Syntax::points | Syntax::kw_points if !rules.contains(&Syntax::period) => {
                ("`rollup`, `grades` or `points`", "`rollup`、`grades` または `points`")
            }
            Syntax::period
            | Syntax::plan_baseline
            | Syntax::achievement
            | Syntax::rollup
            | Syntax::calendar
            | Syntax::grades
            | Syntax::points
            | Syntax::kw_points
            | Syntax::rates => (settings.0.as_str(), settings.1.as_str()),
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
            Syntax::case
            | Syntax::kw_case
            | Syntax::as_of
            | Syntax::kw_as_of
            | Syntax::test_scenario
            | Syntax::expectation
            | Syntax::kw_expect => (
                "a part of a test (`as of R5`, `data`, `scenario \"NAME\"`, `expect`, `case`)",
                "テストの項目（`as of R5`、`data`、`scenario \"名前\"`、`expect`、`case`）",
            ),
            Syntax::subject => {
                ("what to expect of (`\"NAME\"`, `group \"NAME\"`, `plan`)", "何についての期待か（`\"名前\"`、`group \"名前\"`、`plan`）")
            }
            Syntax::field => (
                "a figure (`status`, `grade`, `achievement`, `progress`, `pace`, `actual`, `expected`, `target`, `baseline`)",
                "数値の種類（`status`、`grade`、`achievement`、`progress`、`pace`、`actual`、`expected`、`target`、`baseline`）",
            ),
            Syntax::expected_value => {
                ("the value expected (`achieved`, `B`, `87.33%`, `13,100`)", "期待する値（`achieved`、`B`、`87.33%`、`13,100`）")
            }
            Syntax::aggregation_plans
            | Syntax::kw_plans
            | Syntax::aggregation_by
            | Syntax::kw_by
            | Syntax::aggregation_total
            | Syntax::total_kind => (
                "a part of an aggregate (`plans \"roster.csv\"`, `as of R6`, `by \"COLUMN\"`, `sum \"NAME\"`, `average \"NAME\"`)",
                "集計の項目（`plans \"名簿.csv\"`、`as of R6`、`by \"列名\"`、`sum \"名前\"`、`average \"名前\"`）",
            ),
            Syntax::rollup_mode => ("`lowest` or `average`", "`lowest` または `average`"),
            Syntax::rate_digits => ("the digits of rates (`rates 1`)", "率の桁数（`rates 1`）"),
            Syntax::rate_rounding => ("`rounded` or `truncated`", "`rounded` または `truncated`"),
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
