//! A light scan of normalised text that runs before the grammar.
//!
//! It finds what a PEG parser does not keep or should not have to survive:
//! the comments (for the formatter), nesting deeper than [`MAX_NESTING`]
//! (rejected before the recursive parser sees it, so no input can exhaust the
//! stack, natively or in WASM), and the lines where a top-level statement
//! starts, so that one syntax error does not hide the errors after it.

use crate::language;
use std::ops::Range;

/// The deepest nesting of `(`, `{` and `「` the parser accepts.
pub const MAX_NESTING: usize = 32;

#[derive(Debug, Default)]
pub struct Scan {
    /// Byte ranges of `//` comments (without the line break).
    pub comments: Vec<Range<usize>>,
    /// Where nesting first went deeper than [`MAX_NESTING`].
    pub too_deep: Option<usize>,
    /// Byte offsets of lines that start a top-level statement.
    pub statement_starts: Vec<usize>,
}

pub fn scan(text: &str) -> Scan {
    let mut result = Scan::default();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at_line_start = true;
    let mut index = 0;
    while index < bytes.len() {
        let rest = &text[index..];
        let c = rest.chars().next().unwrap_or('\0');
        if at_line_start && depth == 0 && !c.is_whitespace() {
            let word: &str = rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            if language::starts_statement(word) {
                result.statement_starts.push(index);
            }
        }
        if c != ' ' && c != '\t' && c != '\r' {
            at_line_start = c == '\n';
        }
        match c {
            '/' if rest.starts_with("//") => {
                let end = rest.find('\n').map_or(text.len(), |n| index + n);
                result.comments.push(index..end);
                index = end;
                continue;
            }
            '"' => {
                index = skip_double_quoted(text, index + 1);
                continue;
            }
            '「' | '(' | '{' => {
                depth += 1;
                if depth > MAX_NESTING && result.too_deep.is_none() {
                    result.too_deep = Some(index);
                }
                if c == '「' {
                    index = skip_corner_quoted(text, index + c.len_utf8(), &mut depth, &mut result);
                    continue;
                }
            }
            ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        index += c.len_utf8();
    }
    result
}

fn skip_double_quoted(text: &str, mut index: usize) -> usize {
    let bytes = text.as_bytes();
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index + 1,
            _ => index += 1,
        }
    }
    text.len()
}

/// Skips a `「…」` string (which may nest), counting its nesting depth.
fn skip_corner_quoted(text: &str, mut index: usize, depth: &mut usize, result: &mut Scan) -> usize {
    let outer = *depth - 1;
    while index < text.len() {
        let c = text[index..].chars().next().unwrap_or('\0');
        index += c.len_utf8();
        if c == '「' {
            *depth += 1;
            if *depth > MAX_NESTING && result.too_deep.is_none() {
                result.too_deep = Some(index - c.len_utf8());
            }
        } else if c == '」' {
            *depth -= 1;
            if *depth == outer {
                return index;
            }
        }
    }
    *depth = outer;
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_strings_are_found() {
        let scan = scan("a // one\n\"// not\" 「// nor」 // two");
        assert_eq!(scan.comments.len(), 2);
    }

    #[test]
    fn deep_nesting_is_caught_before_parsing() {
        let text = "(".repeat(MAX_NESTING + 1);
        assert_eq!(scan(&text).too_deep, Some(MAX_NESTING));
        assert_eq!(scan(&"(".repeat(MAX_NESTING)).too_deep, None);
    }

    #[test]
    fn statements_start_at_depth_zero_only() {
        let scan = scan("plan \"p\" {\n  period R3..R7\n}\ngroup \"g\" {\n  output \"x\" >= 1\n}\noutcome \"y\" >= 2\n");
        assert_eq!(scan.statement_starts.len(), 3);
    }
}
