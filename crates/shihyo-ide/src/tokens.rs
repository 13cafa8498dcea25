//! The plan's words by what they are, for an editor's semantic highlighting:
//! comments, indicator and scenario names (defined or read), other strings,
//! years, numbers, keywords and functions, in the order written and never
//! overlapping. Names, years and numbers come from the syntax tree, so a
//! highlighted name is one the parser read as a name.

use crate::analysis::Analysis;
use crate::walk::{walk, Named, Node, Usage};
use serde::Serialize;
use shihyo_core::syntax::language;
use shihyo_core::syntax::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A `// …` comment, to the end of its line.
    Comment,
    /// An indicator's name where its rule defines it.
    IndicatorDefinition,
    /// An indicator's name where an expression, projection, test or data block names it.
    Indicator,
    /// A scenario's or simulation's name, where it is defined or named (`extends`, a test's `scenario`).
    Scenario,
    /// Any other quoted text (a group's title, a `source`, a plan's name), with its quotes.
    String,
    /// A year as written (`R5`, `令和5年度`, `FY2023`).
    Year,
    /// A number with its sign and unit (`15,000件`, `150%`, `△54,317千円`).
    Number,
    /// A word of the language (`outcome`, `by`, `baseline`).
    Keyword,
    /// A function's name before its parenthesis (`sum`, `value`).
    Function,
}

/// One highlighted word of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where it is, in byte offsets of the plan's original text.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// The plan's tokens, in order.
pub fn tokens(analysis: &Analysis) -> Vec<Token> {
    let text = analysis.source(analysis.plan_file()).original();
    let mut found: Vec<Token> = analysis.comments().iter().map(|span| Token { span: span.clone(), kind: TokenKind::Comment }).collect();
    walk(&analysis.syntax().items, &mut |node| {
        let (span, kind) = match node {
            Node::Name { name, named: Named::Indicator, usage: Usage::Definition } => (&name.span, TokenKind::IndicatorDefinition),
            Node::Name { name, named: Named::Indicator, .. } => (&name.span, TokenKind::Indicator),
            Node::Name { name, named: Named::Scenario, .. } => (&name.span, TokenKind::Scenario),
            Node::Year(year) => (&year.span, TokenKind::Year),
            Node::Quantity(quantity) => (&quantity.span, TokenKind::Number),
        };
        found.push(Token { span: span.clone(), kind });
    });
    found.sort_by_key(|token| token.span.start);
    let mut tokens: Vec<Token> = Vec::with_capacity(found.len() * 2);
    let mut at = 0;
    for token in found {
        if token.span.start < at {
            continue;
        }
        words(text, at..token.span.start, &mut tokens);
        at = token.span.end;
        tokens.push(token);
    }
    words(text, at..text.len(), &mut tokens);
    tokens
}

/// The strings, keywords and functions between the tree's tokens.
fn words(text: &str, range: Span, out: &mut Vec<Token>) {
    let part = &text[range.clone()];
    let mut chars = part.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let start = range.start + at;
        if c == '"' || c == '「' {
            let close = if c == '"' { '"' } else { '」' };
            let mut end = range.end;
            let mut escaped = false;
            for (inner, d) in chars.by_ref() {
                if d == '\n' {
                    end = range.start + inner;
                    break;
                }
                if d == close && !escaped {
                    end = range.start + inner + d.len_utf8();
                    break;
                }
                escaped = c == '"' && d == '\\' && !escaped;
            }
            out.push(Token { span: start..end, kind: TokenKind::String });
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start + 1;
            while let Some(&(next, d)) = chars.peek() {
                if !(d.is_ascii_alphanumeric() || d == '_') {
                    break;
                }
                end = range.start + next + 1;
                chars.next();
            }
            let word = &text[start..end];
            let called = text[end..].trim_start().starts_with('(');
            if called && language::function_names().any(|name| name == word) {
                out.push(Token { span: start..end, kind: TokenKind::Function });
            } else if language::is_keyword(word) {
                out.push(Token { span: start..end, kind: TokenKind::Keyword });
            }
        }
    }
}
